#!/usr/bin/env python3
"""Loads Quotebench's exports with the other tools' own libraries (issue 15).

The reference is the project itself: each fixture `.qb.ron` is read here
(a small RON reader, below) into texts, annotations (label, fragments in
chars, attributes) and relations (kind, ends, attributes). For each
fixture, `quotebench export` writes, and this script reads back with:
  - UIMA CAS XMI (`--to xmi`): dkpro-cassis, against the exported
    TypeSystem.xml (cassis turns XMI's UTF-16 offsets into code points);
    parts linked by NextPart are put back together here;
  - the XMI round trip: cassis writes every CAS out again, `quotebench
    import --from xmi` reads what cassis wrote, and the project it makes
    must be exactly ours (texts, spans, labels, attributes, relations);
  - spaCy DocBin (`--to spacy`): spaCy's own DocBin; spans from
    doc.spans["sc"] (exact char offsets and covered texts, Span.id_ the
    annotation), doc.ents (no overlap, each a span), annotations'
    attributes and the relations from doc.user_data["quotebench"];
  - Label Studio tasks (`--to label-studio`): label-studio-sdk's
    LabelInterface validates every annotation against a labeling config
    made from the project's tag set; regions, per-region choices
    (attributes) and relations (the `quotebench:fragment` ones put
    discontinuous annotations back together) are compared.
Every difference is one line; exits 1 if there is any.

Usage: check.py --bin target/debug/quotebench --out DIR PROJECT.qb.ron...
"""

from __future__ import annotations

import argparse
import collections
import json
import re
import subprocess
import sys
from pathlib import Path

problems: list[str] = []


def fail(where: str, what: str) -> None:
    problems.append(f"{where}: {what}")


# ---------------------------------------------------------------------------
# A small reader for our RON project files (docs/FORMAT.md): structs and
# tuples in (), lists in [], maps in {}, strings (with escapes, and raw
# r#"..."#), numbers, true/false, None/Some(...), // comments.

_TOKEN = re.compile(
    r'\s+|//[^\n]*|(?P<raw>r(?P<h>#*)"(?P<rawbody>.*?)"(?P=h))|"(?P<str>(?:[^"\\]|\\.)*)"'
    r"|(?P<num>-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?)|(?P<id>[A-Za-z_][A-Za-z0-9_]*)|(?P<p>[()\[\]{}:,])",
    re.S,
)


def _unescape(s: str) -> str:
    def one(m: re.Match) -> str:
        c = m.group(1)
        if c.startswith("u{"):
            return chr(int(c[2:-1], 16))
        return {"n": "\n", "t": "\t", "r": "\r", "0": "\0", '"': '"', "\\": "\\", "'": "'"}[c]

    return re.sub(r"\\(u\{[0-9a-fA-F]+\}|.)", one, s, flags=re.S)


def read_ron(text: str):
    toks = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if not m:
            raise ValueError(f"RON: cannot read at char {pos}: {text[pos:pos + 20]!r}")
        pos = m.end()
        if m.group("raw") is not None:
            toks.append(("s", m.group("rawbody")))
        elif m.group("str") is not None:
            toks.append(("s", _unescape(m.group("str"))))
        elif m.group("num") is not None:
            n = m.group("num")
            toks.append(("n", float(n) if any(c in n for c in ".eE") else int(n)))
        elif m.group("id") is not None:
            toks.append(("i", m.group("id")))
        elif m.group("p") is not None:
            toks.append(("p", m.group("p")))
    at = 0

    def peek(k=0):
        return toks[at + k] if at + k < len(toks) else ("p", "")

    def value():
        nonlocal at
        kind, v = toks[at]
        at += 1
        if kind in "sn":
            return v
        if kind == "i":
            if v in ("true", "false"):
                return v == "true"
            if v == "None":
                return None
            if peek() == ("p", "("):  # Some(x) or a named struct
                return value()
            return v
        if v == "[":
            out = []
            while peek() != ("p", "]"):
                out.append(value())
                if peek() == ("p", ","):
                    at += 1
            at += 1
            return out
        if v == "{":
            out = {}
            while peek() != ("p", "}"):
                k = value()
                at += 1  # :
                out[k] = value()
                if peek() == ("p", ","):
                    at += 1
            at += 1
            return out
        if v == "(":
            fields, items = {}, []
            while peek() != ("p", ")"):
                if peek()[0] == "i" and peek(1) == ("p", ":"):
                    name = peek()[1]
                    at += 2
                    fields[name] = value()
                else:
                    items.append(value())
                if peek() == ("p", ","):
                    at += 1
            at += 1
            if fields:
                return fields
            return items[0] if len(items) == 1 else items
        raise ValueError(f"RON: unexpected {v!r}")

    return value()


# ---------------------------------------------------------------------------
# The reference and the comparison.


class Doc:
    """One document in the comparable form: its text, its annotations as
    (label, fragments, attributes) and its relations as (kind, from, to,
    attributes), an annotation named by (label, fragments)."""

    def __init__(self, name: str, text: str) -> None:
        self.name = name
        self.text = text
        self.annotations: collections.Counter = collections.Counter()
        self.relations: collections.Counter = collections.Counter()

    @staticmethod
    def key(label: str, fragments) -> tuple:
        return (label, tuple(sorted((s, e) for s, e in fragments)))

    def add(self, label, fragments, attributes) -> None:
        attrs = tuple(sorted((k, v) for k, v in (attributes or {}).items() if v != ""))
        self.annotations[(*self.key(label, fragments), attrs)] += 1

    def relate(self, kind, head, tail, attributes=None) -> None:
        attrs = tuple(sorted((k, v) for k, v in (attributes or {}).items() if v != ""))
        self.relations[(kind, head, tail, attrs)] += 1


def project_docs(project: dict, where: str) -> dict[str, Doc]:
    """The documents of a parsed project, by text."""
    out = {}
    for d in project.get("documents", []):
        doc = Doc(d.get("id", "?"), d["text"])
        by_id = {}
        for a in d.get("annotations", []):
            frags = [(f["start"], f["end"]) for f in a.get("fragments", [])]
            for f in a.get("fragments", []):
                if doc.text[f["start"]:f["end"]] != f.get("text", doc.text[f["start"]:f["end"]]):
                    fail(where, f"{doc.name}: the fragment {f} does not match its text")
            by_id[a["id"]] = Doc.key(a["label"], frags)
            doc.add(a["label"], frags, a.get("attributes"))
        for r in d.get("relations", []):
            if r["from"] in by_id and r["to"] in by_id:
                doc.relate(r["kind"], by_id[r["from"]], by_id[r["to"]], r.get("attributes"))
        out[doc.text] = doc
    return out


def compare(where: str, ref: Doc, got: Doc, attributes=True, relation_attributes=True) -> None:
    def strip(c: collections.Counter, n: int) -> collections.Counter:
        out: collections.Counter = collections.Counter()
        for k, v in c.items():
            out[k[:n]] += v
        return out

    want_a = ref.annotations if attributes else strip(ref.annotations, 2)
    got_a = got.annotations if attributes else strip(got.annotations, 2)
    for k in want_a - got_a:
        fail(where, f"missing annotation {k} {[ref.text[s:e] for s, e in k[1]]}")
    for k in got_a - want_a:
        fail(where, f"unexpected annotation {k} {[ref.text[s:e] for s, e in k[1]]}")
    want_r = ref.relations if relation_attributes else strip(ref.relations, 3)
    got_r = got.relations if relation_attributes else strip(got.relations, 3)
    for k in want_r - got_r:
        fail(where, f"missing relation {k}")
    for k in got_r - want_r:
        fail(where, f"unexpected relation {k}")


def run(cmd: list[str]) -> None:
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode != 0:
        sys.exit(f"interop: {' '.join(cmd)} failed:\n{done.stdout}{done.stderr}")


def export(bin_: str, fixture: Path, fmt: str, out: Path) -> Path:
    run([bin_, "export", "--to", fmt, "-o", str(out), "--force", str(fixture)])
    return out


def covered(where: str, ref_text: str, s: int, e: int, text: str) -> None:
    if ref_text[s:e] != text:
        fail(where, f"covered text {text!r} at {s}..{e} is not ours {ref_text[s:e]!r}")


# ---------------------------------------------------------------------------
# UIMA CAS XMI with dkpro-cassis.


def type_label(t) -> str:
    """The label of a custom type: its short name, or the original name our
    export keeps in the description when it had to make an identifier."""
    short = t.name.rsplit(".", 1)[1]
    desc = (t.description or "").strip()
    ident = re.sub(r"[^\w]", "_", desc)
    if desc and (short == ident or re.fullmatch(re.escape(ident) + r"_\d+", short)):
        return desc
    return short


def cas_doc(cas, ts, where: str) -> Doc:
    """Our annotations and relations in a CAS (NextPart parts joined)."""
    custom = [t for t in ts.get_types() if t.name.startswith("webanno.custom.")]
    span_types = [t for t in custom if not t.get_feature("Governor")]
    rel_types = [t for t in custom if t.get_feature("Governor")]
    doc = Doc(where, cas.sofa_string)
    base = {"begin", "end", "sofa", "Governor", "Dependent"}
    nxt, has_prev, spans = {}, set(), []
    for t in rel_types:
        if t.name.endswith(".NextPart"):
            for r in cas.select(t.name):
                nxt[r.Governor.xmiID] = r.Dependent
                has_prev.add(r.Dependent.xmiID)
    for t in span_types:
        spans.extend(cas.select(t.name))
    whole = {}
    for a in spans:
        covered(where, doc.text, a.begin, a.end, a.get_covered_text())
        if a.xmiID in has_prev:
            continue
        parts, p = [a], a
        while p.xmiID in nxt:
            p = nxt[p.xmiID]
            parts.append(p)
        label = type_label(a.type)
        feats = {f.name: a.get(f.name) for f in a.type.all_features if f.name not in base and isinstance(a.get(f.name), str)}
        feats = {k: v for k, v in feats.items() if k not in ("sofa",)}
        key = Doc.key(label, [(x.begin, x.end) for x in parts])
        for x in parts:
            whole[x.xmiID] = key
        doc.add(label, [(x.begin, x.end) for x in parts], feats)
    for t in rel_types:
        if t.name.endswith(".NextPart"):
            continue
        kind = type_label(t)
        for r in cas.select(t.name):
            feats = {f.name: r.get(f.name) for f in r.type.all_features if f.name not in base and isinstance(r.get(f.name), str)}
            doc.relate(kind, whole.get(r.Governor.xmiID), whole.get(r.Dependent.xmiID), feats)
    return doc


def check_xmi(ctx) -> int:
    import cassis

    folder = export(ctx.bin, ctx.fixture, "xmi", ctx.out / "xmi")
    with open(folder / "TypeSystem.xml", "rb") as f:
        ts = cassis.load_typesystem(f)
    again = ctx.out / "xmi-by-cassis"
    again.mkdir(exist_ok=True)
    (again / "TypeSystem.xml").write_bytes((folder / "TypeSystem.xml").read_bytes())
    seen = 0
    for x in sorted(folder.glob("*.xmi")):
        with open(x, "rb") as f:
            cas = cassis.load_cas_from_xmi(f, typesystem=ts)
        ref = ctx.refs.get(cas.sofa_string)
        if ref is None:
            fail(str(x), "its text matches no document of the project")
            continue
        seen += 1
        compare(f"{x.name} (cassis)", ref, cas_doc(cas, ts, x.name))
        cas.to_xmi(str(again / x.name))
    # The round trip: what cassis wrote, imported by us, is our project.
    back = ctx.out / "xmi-by-cassis.qb.ron"
    run([ctx.bin, "import", "--from", "xmi", "-o", str(back), "--force", str(again)])
    got = project_docs(read_ron(back.read_text(encoding="utf-8")), str(back))
    for text, ref in ctx.refs.items():
        if text not in got:
            fail(f"{back.name} (XMI by cassis, imported)", f"document {ref.name} is missing")
            continue
        compare(f"{back.name}:{ref.name} (XMI by cassis, imported)", ref, got[text])
    if len(got) != len(ctx.refs):
        fail(f"{back.name} (XMI by cassis, imported)", f"{len(got)} documents, ours {len(ctx.refs)}")
    return seen


# ---------------------------------------------------------------------------
# spaCy's DocBin.


def check_spacy(ctx) -> int:
    import spacy
    from spacy.tokens import DocBin

    path = export(ctx.bin, ctx.fixture, "spacy", ctx.out / "export.spacy")
    nlp = spacy.blank("xx")
    seen = 0
    for sdoc in DocBin().from_disk(path).get_docs(nlp.vocab):
        ref = ctx.refs.get(sdoc.text)
        where = f"{path.name}:{ref.name if ref else '?'} (spaCy)"
        if ref is None:
            fail(str(path), f"a Doc's text matches no document of the project: {sdoc.text[:40]!r}")
            continue
        seen += 1
        ours = sdoc.user_data.get("quotebench")
        if not isinstance(ours, dict):
            fail(where, "no user_data['quotebench']")
            continue
        # The spans, by annotation id (Span.id_), must be its fragments.
        frags = collections.defaultdict(list)
        labels = {}
        for sp in sdoc.spans.get("sc", []):
            covered(where, sdoc.text, sp.start_char, sp.end_char, sp.text)
            frags[sp.id_].append((sp.start_char, sp.end_char))
            labels[sp.id_] = sp.label_
        got = Doc(where, sdoc.text)
        keys = {}
        for a in ours.get("annotations", ()):
            fr = [tuple(f) for f in a["fragments"]]
            if sorted(fr) != sorted(frags.get(a["id"], [])) or labels.get(a["id"]) != a["label"]:
                fail(where, f"user_data annotation {a['id']} {a['label']} {fr} is not the spans {labels.get(a['id'])} {frags.get(a['id'])}")
            keys[a["id"]] = Doc.key(labels.get(a["id"], "?"), frags.get(a["id"], []))
            got.add(labels.get(a["id"], "?"), frags.get(a["id"], []), dict(a.get("attributes", {})))
        if set(frags) != set(keys):
            fail(where, f"spans without an annotation in user_data: {sorted(set(frags) - set(keys))}")
        for r in ours.get("relations", ()):
            got.relate(r["kind"], keys.get(r["from"]), keys.get(r["to"]), dict(r.get("attributes", {})))
        compare(where, ref, got)
        last = 0
        spans = {(sp.label_, sp.start_char, sp.end_char) for sp in sdoc.spans.get("sc", [])}
        for ent in sdoc.ents:
            if (ent.label_, ent.start_char, ent.end_char) not in spans:
                fail(where, f"entity {ent.label_} {ent.start_char}..{ent.end_char} is not a span")
            if ent.start_char < last:
                fail(where, f"entity {ent.label_} {ent.start_char}..{ent.end_char} overlaps")
            last = ent.end_char
    return seen


# ---------------------------------------------------------------------------
# Label Studio tasks.

FRAGMENT = "quotebench:fragment"


def labeling_config(project: dict) -> str:
    """A Label Studio labeling config for the project's tag set: the Labels,
    one per-region Choices per attribute, the relation kinds."""
    from xml.sax.saxutils import quoteattr

    tagset = project.get("tagset", {})
    labels, attrs, kinds = set(), {}, {FRAGMENT}
    for lab in tagset.get("labels", []):
        labels.add(lab["name"])
        for a in lab.get("attributes", []):
            attrs.setdefault(a["name"], set()).update(a.get("values", []))
    for r in tagset.get("relations", []):
        kinds.add(r["name"])
    for d in project.get("documents", []):
        for a in d.get("annotations", []):
            labels.add(a["label"])
            for k, v in a.get("attributes", {}).items():
                attrs.setdefault(k, set()).add(v)
        for r in d.get("relations", []):
            kinds.add(r["kind"])
    x = ['<View>', '<Labels name="label" toName="text">']
    x += [f"<Label value={quoteattr(v)}/>" for v in sorted(labels)]
    x += ["</Labels>", '<Text name="text" value="$text"/>', "<Relations>"]
    x += [f"<Relation value={quoteattr(v)}/>" for v in sorted(kinds)]
    x += ["</Relations>"]
    for name, values in sorted(attrs.items()):
        x.append(f'<Choices name={quoteattr(name)} toName="text" perRegion="true">')
        x += [f"<Choice value={quoteattr(v)}/>" for v in sorted(values) if v]
        x.append("</Choices>")
    x.append("</View>")
    return "\n".join(x)


def check_label_studio(ctx) -> int:
    from label_studio_sdk.label_interface import LabelInterface

    path = export(ctx.bin, ctx.fixture, "label-studio", ctx.out / "tasks.label-studio.json")
    li = LabelInterface(labeling_config(ctx.project))
    tasks = json.loads(path.read_text(encoding="utf-8"))
    seen = 0
    for task in tasks:
        text = task["data"]["text"]
        ref = ctx.refs.get(text)
        if ref is None:
            fail(str(path), "a task's text matches no document of the project")
            continue
        where = f"{path.name}:{ref.name} (Label Studio)"
        seen += 1
        for ann in task.get("annotations", []):
            try:
                ok = li.validate_annotation(ann)
            except Exception as e:  # the SDK says why
                ok, why = False, e
            else:
                why = "validate_annotation returned False"
            if not ok:
                fail(where, f"label-studio-sdk refuses the annotation: {why}")
            regions, choices, rels = {}, collections.defaultdict(dict), []
            for r in ann.get("result", []):
                v = r.get("value", {})
                if r.get("type") == "relation":
                    rels.append(r)
                elif r.get("type") == "labels":
                    covered(where, text, v["start"], v["end"], v.get("text"))
                    regions[r["id"]] = (v["labels"][0], v["start"], v["end"])
                elif r.get("type") == "choices":
                    choices[r["id"]][r["from_name"]] = v["choices"][0]
                else:
                    fail(where, f"a result of type {r.get('type')!r}")
            parts = collections.defaultdict(list)
            has_first = set()
            for r in rels:
                if FRAGMENT in r.get("labels", []):
                    parts[r["from_id"]].append(r["to_id"])
                    has_first.add(r["to_id"])
            got = Doc(where, text)
            keys = {}
            for rid, (label, s, e) in regions.items():
                if rid in has_first:
                    continue
                fr = [(s, e)] + [regions[p][1:] for p in parts.get(rid, []) if p in regions]
                keys[rid] = Doc.key(label, fr)
                for p in parts.get(rid, []):
                    keys[p] = keys[rid]
                got.add(label, fr, choices.get(rid))
            for r in rels:
                for kind in r.get("labels", []):
                    if kind != FRAGMENT:
                        got.relate(kind, keys.get(r["from_id"]), keys.get(r["to_id"]))
            compare(where, ref, got, relation_attributes=False)
    return seen


CHECKS = {"xmi": check_xmi, "spacy": check_spacy, "label-studio": check_label_studio}


class Ctx:
    pass


def mutations(project: dict):
    """Copies of the project, each with one thing wrong that every check
    must see: an offset, an attribute, a relation, a label."""
    import copy

    def first(p, pred):
        for d in p["documents"]:
            for a in d["annotations"]:
                if pred(a):
                    return d, a
        raise SystemExit("interop: the self-test needs an annotation with attributes and a relation")

    p = copy.deepcopy(project)
    d, a = first(p, lambda a: a["fragments"][0]["end"] - a["fragments"][0]["start"] > 1)
    f = a["fragments"][0]
    f["end"] -= 1
    f["text"] = d["text"][f["start"]:f["end"]]
    yield "an offset one char short", p
    p = copy.deepcopy(project)
    _, a = first(p, lambda a: any(a.get("attributes", {}).values()))
    k = next(k for k, v in a["attributes"].items() if v)
    a["attributes"][k] += "!"
    yield "an attribute changed", p
    p = copy.deepcopy(project)
    next(d for d in p["documents"] if d.get("relations"))["relations"].pop()
    yield "a relation dropped", p
    p = copy.deepcopy(project)
    _, a = first(p, lambda a: True)
    a["label"] += "X"
    yield "a label changed", p


def self_test(args) -> None:
    """Each check, run against a reference with one thing wrong, must fail."""
    global problems
    fixture = args.projects[0]
    project = read_ron(fixture.read_text(encoding="utf-8"))
    for what, wrong in mutations(project):
        for name in args.only or sorted(CHECKS):
            problems = []
            ctx = Ctx()
            ctx.bin, ctx.fixture, ctx.project = args.bin, fixture, project
            ctx.out = args.out / "self-test" / name
            ctx.out.mkdir(parents=True, exist_ok=True)
            ctx.refs = project_docs(wrong, "self-test")
            CHECKS[name](ctx)
            if not problems:
                sys.exit(f"interop self-test FAILED: {name} did not see {what}")
            print(f"interop self-test: {name} sees {what} ({len(problems)} problems, e.g. {problems[0][:100]})")
    problems = []


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--only", choices=sorted(CHECKS), action="append")
    ap.add_argument("--self-test", action="store_true", help="first prove that each check fails on a wrong reference")
    ap.add_argument("projects", nargs="+", type=Path)
    args = ap.parse_args()
    if args.self_test:
        self_test(args)
    for fixture in args.projects:
        ctx = Ctx()
        ctx.bin, ctx.fixture = args.bin, fixture
        ctx.out = args.out / fixture.name.split(".")[0]
        ctx.out.mkdir(parents=True, exist_ok=True)
        ctx.project = read_ron(fixture.read_text(encoding="utf-8"))
        ctx.refs = project_docs(ctx.project, str(fixture))
        n_ann = sum(sum(d.annotations.values()) for d in ctx.refs.values())
        n_rel = sum(sum(d.relations.values()) for d in ctx.refs.values())
        if not n_ann:
            sys.exit(f"interop: {fixture} holds no annotations: nothing would be proved")
        for name in args.only or sorted(CHECKS):
            before = len(problems)
            seen = CHECKS[name](ctx)
            if seen != len(ctx.refs):
                fail(f"{fixture} ({name})", f"{seen} of {len(ctx.refs)} documents read back")
            verdict = "ok" if len(problems) == before else f"{len(problems) - before} problems"
            print(f"interop: {fixture.name} {name}: {seen} documents, {n_ann} annotations, {n_rel} relations compared: {verdict}")
    for p in problems:
        print("interop FAILED:", p)
    if problems:
        sys.exit(1)
    print("interop: every export read back exactly by the other side's library")


if __name__ == "__main__":
    main()
