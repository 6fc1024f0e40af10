use std::collections::BTreeMap;
use quotebench::model::*;
use quotebench::format::*;
#[test]
fn generate() {
    let text = "The city’s park budget has doubled since 2020. “We will open two new parks 🌳 this summer,” Mayor Ana Ruiz told reporters, “and both will be free.”";
    let mut p = Project::from_text("City to open two new parks", text, "ana");
    p.name = "Park budget example".into();
    p.documents[0].id = "park-budget".into();
    p.documents[0].source = Some(Source { url: "https://example.org/news/parks".into(), outlet: "Example Gazette".into(), date: "2024-05-01".into() });
    let f = |s: &str| { let b = text.find(s).unwrap(); let st = text[..b].chars().count(); Fragment { start: st, end: st + s.chars().count(), text: s.into() } };
    let mk = |id: &str, label: &str, frs: Vec<Fragment>, attrs: &[(&str, &str)], note: &str| Annotation { id: id.into(), label: label.into(), fragments: frs, attributes: attrs.iter().map(|(a,b)| (a.to_string(), b.to_string())).collect::<BTreeMap<_,_>>(), note: note.into(), created: "2024-05-01T09:12:00Z".into(), modified: "2024-05-01T09:14:31Z".into() };
    let anns = vec![
        mk("m-3f9c2a7d1b04", "Claim", vec![f("The city’s park budget has doubled since 2020")], &[("check_worthy", "yes")], ""),
        mk("q-8e21c4f07a93", "Quote", vec![f("We will open two new parks 🌳 this summer"), f("and both will be free.")], &[("kind", "direct")], "one quote, interrupted by its attribution"),
        mk("s-51d0b86e2c7f", "Speaker", vec![f("Mayor Ana Ruiz")], &[("person", "Ana Ruiz")], ""),
        mk("c-a47e93b1d260", "Cue", vec![f("told reporters")], &[], ""),
    ];
    for a in anns { Edit::AddAnnotation { doc: 0, annotation: a }.apply(&mut p).unwrap(); }
    for (id, k, fr, to) in [("r-0c6f2e9d84a1", "said_by", "q-8e21c4f07a93", "s-51d0b86e2c7f"), ("r-d3b85a1f7e02", "cue_of", "c-a47e93b1d260", "q-8e21c4f07a93")] {
        Edit::AddRelation { doc: 0, relation: Relation { id: id.into(), kind: k.into(), from: fr.into(), to: to.into() } }.apply(&mut p).unwrap();
    }
    assert!(validate(&p).is_empty());
    print!("{}", project_to_string(&p).unwrap());
    let d = &p.documents[0];
    let q = d.annotation("q-8e21c4f07a93").unwrap();
    for fr in &q.fragments {
        let b = |c| d.text_index().char_to_byte(text, c);
        let u = |c| text[..b(c)].encode_utf16().count();
        eprintln!("frag {:?}: chars {}..{} bytes {}..{} utf16 {}..{}", fr.text, fr.start, fr.end, b(fr.start), b(fr.end), u(fr.start), u(fr.end));
    }
    eprintln!("emoji char {:?}", text.chars().position(|c| c == '🌳'));
}
