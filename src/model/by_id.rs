//! Items kept by their id, the id stored once: a document's annotations and
//! relations. A map from id to item would hold every id twice (the key and
//! the item's own field), and a project of thousands of articles is mostly
//! these items (issue 16).

use std::borrow::Borrow;
use std::cmp::Ordering;
use std::collections::BTreeSet;
use std::fmt;

use super::annotation::{Annotation, Relation};

/// An item that carries its own id.
pub trait HasId {
    fn id(&self) -> &str;
}

impl HasId for Annotation {
    fn id(&self) -> &str {
        &self.id
    }
}

impl HasId for Relation {
    fn id(&self) -> &str {
        &self.id
    }
}

/// Items in id order, one per id; looked up by id in O(log n).
#[derive(Clone)]
pub struct ById<T: HasId>(BTreeSet<Keyed<T>>);

/// An item ordered, compared and borrowed by its id alone (so the set can
/// be searched with a `&str`); [`ById`]'s equality compares whole items.
#[derive(Clone)]
struct Keyed<T>(T);

impl<T: HasId> PartialEq for Keyed<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0.id() == other.0.id()
    }
}
impl<T: HasId> Eq for Keyed<T> {}
impl<T: HasId> PartialOrd for Keyed<T> {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl<T: HasId> Ord for Keyed<T> {
    fn cmp(&self, other: &Self) -> Ordering {
        self.0.id().cmp(other.0.id())
    }
}
impl<T: HasId> Borrow<str> for Keyed<T> {
    fn borrow(&self) -> &str {
        self.0.id()
    }
}

impl<T: HasId> Default for ById<T> {
    fn default() -> Self {
        ById(BTreeSet::new())
    }
}

impl<T: HasId + PartialEq> PartialEq for ById<T> {
    fn eq(&self, other: &Self) -> bool {
        self.0.len() == other.0.len() && self.0.iter().zip(&other.0).all(|(a, b)| a.0 == b.0)
    }
}
impl<T: HasId + Eq> Eq for ById<T> {}

impl<T: HasId + fmt::Debug> fmt::Debug for ById<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.values()).finish()
    }
}

/// Built in bulk (full tree nodes); of items with the same id the last is kept.
impl<T: HasId> FromIterator<T> for ById<T> {
    fn from_iter<I: IntoIterator<Item = T>>(items: I) -> Self {
        let mut items: Vec<Keyed<T>> = items.into_iter().map(Keyed).collect();
        // Stable: equal ids stay in order, and the last one is kept below.
        items.sort();
        let mut kept: Vec<Keyed<T>> = Vec::with_capacity(items.len());
        for item in items {
            match kept.last_mut() {
                Some(last) if *last == item => *last = item,
                _ => kept.push(item),
            }
        }
        ById(kept.into_iter().collect())
    }
}

impl<T: HasId> ById<T> {
    /// The items, built in bulk, when no id comes twice; else the items
    /// given back in their order (for the caller to rename repeats).
    pub fn unique(items: Vec<T>) -> Result<Self, Vec<T>> {
        let mut items: Vec<(usize, Keyed<T>)> = items.into_iter().map(Keyed).enumerate().collect();
        items.sort_by(|a, b| a.1.cmp(&b.1));
        if items.windows(2).any(|w| w[0].1 == w[1].1) {
            items.sort_by_key(|(i, _)| *i);
            return Err(items.into_iter().map(|(_, k)| k.0).collect());
        }
        Ok(ById(items.into_iter().map(|(_, k)| k).collect()))
    }
    pub fn get(&self, id: &str) -> Option<&T> {
        self.0.get(id).map(|k| &k.0)
    }
    /// Puts `item` in; returns the one it replaces (the same id).
    pub fn insert(&mut self, item: T) -> Option<T> {
        self.0.replace(Keyed(item)).map(|k| k.0)
    }
    pub fn remove(&mut self, id: &str) -> Option<T> {
        self.0.take(id).map(|k| k.0)
    }
    /// Changes item `id` with `change` (which must leave its id alone);
    /// what `change` returns, or `None` when there is no such item.
    pub fn update<R>(&mut self, id: &str, change: impl FnOnce(&mut T) -> R) -> Option<R> {
        let mut item = self.remove(id)?;
        let r = change(&mut item);
        debug_assert_eq!(item.id(), id, "an update keeps the id");
        self.insert(item);
        Some(r)
    }
    /// The items in id order.
    pub fn values(&self) -> impl DoubleEndedIterator<Item = &T> + ExactSizeIterator + Clone {
        self.0.iter().map(|k| &k.0)
    }
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rel(id: &str, kind: &str) -> Relation {
        Relation::new(id, kind, "a", "b")
    }

    #[test]
    fn items_are_kept_in_id_order_and_found_by_id() {
        let set: ById<Relation> = [rel("c", "x"), rel("a", "y"), rel("b", "z")]
            .into_iter()
            .collect();
        let ids: Vec<&str> = set.values().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(set.get("b").map(|r| r.kind.as_str()), Some("z"));
        assert!(set.get("d").is_none());
    }

    #[test]
    fn insert_replaces_the_same_id_and_remove_takes_it_out() {
        let mut set: ById<Relation> = ById::default();
        assert!(set.insert(rel("a", "x")).is_none());
        let old = set.insert(rel("a", "y")).expect("replaced");
        assert_eq!(old.kind, "x");
        assert_eq!(set.len(), 1);
        assert_eq!(set.get("a").map(|r| r.kind.as_str()), Some("y"));
        assert_eq!(set.remove("a").map(|r| r.kind), Some("y".to_string()));
        assert!(set.len() == 0 && set.remove("a").is_none());
    }

    #[test]
    fn built_in_bulk_the_last_of_an_id_is_kept() {
        let set: ById<Relation> = [rel("a", "first"), rel("b", "x"), rel("a", "last")]
            .into_iter()
            .collect();
        assert_eq!(set.len(), 2);
        assert_eq!(set.get("a").map(|r| r.kind.as_str()), Some("last"));
    }

    #[test]
    fn unique_builds_when_no_id_repeats_and_else_gives_the_items_back_in_order() {
        let set = ById::unique(vec![rel("b", "x"), rel("a", "y")]).expect("no repeats");
        let ids: Vec<&str> = set.values().map(|r| r.id.as_str()).collect();
        assert_eq!(ids, ["a", "b"]);
        let back = ById::unique(vec![rel("b", "1"), rel("a", "2"), rel("b", "3")]).expect_err("b twice");
        let kinds: Vec<&str> = back.iter().map(|r| r.kind.as_str()).collect();
        assert_eq!(kinds, ["1", "2", "3"]);
    }

    #[test]
    fn equality_compares_whole_items_not_only_ids() {
        let a: ById<Relation> = [rel("a", "x")].into_iter().collect();
        let b: ById<Relation> = [rel("a", "y")].into_iter().collect();
        assert!(a != b);
        assert!(a == a.clone());
    }

    #[test]
    fn update_changes_an_item_in_place() {
        let mut set: ById<Relation> = [rel("a", "x")].into_iter().collect();
        let old = set.update("a", |r| std::mem::replace(&mut r.kind, "y".into()));
        assert_eq!(old.as_deref(), Some("x"));
        assert_eq!(set.get("a").map(|r| r.kind.as_str()), Some("y"));
        assert!(set.update("nope", |_| ()).is_none());
    }
}
