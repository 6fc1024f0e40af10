#!/usr/bin/env python3
"""Loads Quotebench's exports with the other tools' own libraries (issue 15).

For each fixture project, `quotebench export` writes:
  - the reference: doccano JSONL (`--to jsonl`), whose offsets are chars
    (Unicode scalar values), the unit Python strings index by;
  - UIMA CAS XMI (`--to xmi`), read with dkpro-cassis against the exported
    TypeSystem.xml (cassis turns XMI's UTF-16 offsets into code points);
  - spaCy DocBin (`--to spacy`), read with spaCy's own DocBin;
  - Label Studio tasks (`--to label-studio`), checked with label-studio-sdk.
Every span of the reference must come back from each library with the same
label, the same char offsets and the same covered text, and no other span;
relations must come back between spans of the right labels, as many per
kind. Exits 1 with one line per difference.

Usage: check.py --bin target/debug/quotebench --out DIR FIXTURE.qb.ron...
"""

from __future__ import annotations

import argparse
import collections
import json
import subprocess
import sys
from pathlib import Path

problems: list[str] = []


def fail(where: str, what: str) -> None:
    problems.append(f"{where}: {what}")


def export(bin_: str, fixture: Path, fmt: str, out: Path) -> Path:
    cmd = [bin_, "export", "--to", fmt, "-o", str(out), "--force", str(fixture)]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.exit(f"interop: {' '.join(cmd)} failed:\n{run.stdout}{run.stderr}")
    return out


class RefDoc:
    """One document of the reference export: its text, spans and relations."""

    def __init__(self, line: dict) -> None:
        self.name = line.get("document") or line.get("id") or "?"
        self.text: str = line["text"]
        self.spans: collections.Counter = collections.Counter()
        self.relations: collections.Counter = collections.Counter()
        if "entities" in line:
            by_id = {}
            for e in line["entities"]:
                s, t = e["start_offset"], e["end_offset"]
                by_id[e["id"]] = (e["label"], s, t)
                self.spans[(e["label"], s, t, self.text[s:t])] += 1
            for r in line.get("relations", []):
                self.relations[(r["type"], by_id[r["from_id"]][0], by_id[r["to_id"]][0])] += 1
        else:
            for s, t, label in line.get("label", []):
                self.spans[(label, s, t, self.text[s:t])] += 1


def reference(bin_: str, fixture: Path, out: Path) -> dict[str, RefDoc]:
    path = export(bin_, fixture, "jsonl", out / "reference.jsonl")
    docs = [RefDoc(json.loads(l)) for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
    if not docs or not any(d.spans for d in docs):
        sys.exit(f"interop: the reference export of {fixture} holds no spans")
    return {d.text: d for d in docs}


def compare(where: str, ref: RefDoc, spans: collections.Counter, relations: collections.Counter) -> None:
    for key in (ref.spans - spans):
        fail(where, f"missing span {key}")
    for key in (spans - ref.spans):
        fail(where, f"unexpected span {key}")
    if relations != ref.relations:
        fail(where, f"relations {dict(relations)} != reference {dict(ref.relations)}")


def check_xmi(bin_: str, fixture: Path, refs: dict[str, RefDoc], out: Path) -> int:
    import cassis

    folder = export(bin_, fixture, "xmi", out / "xmi")
    with open(folder / "TypeSystem.xml", "rb") as f:
        ts = cassis.load_typesystem(f)
    custom = [t for t in ts.get_types() if t.name.startswith("webanno.custom.")]
    span_types = [t for t in custom if not t.get_feature("Governor")]
    rel_types = [t for t in custom if t.get_feature("Governor") and not t.name.endswith(".NextPart")]
    files = sorted(folder.glob("*.xmi"))
    seen = 0
    for x in files:
        with open(x, "rb") as f:
            cas = cassis.load_cas_from_xmi(f, typesystem=ts)
        ref = refs.get(cas.sofa_string)
        if ref is None:
            fail(str(x), "its text matches no document of the reference")
            continue
        seen += 1
        spans: collections.Counter = collections.Counter()
        for t in span_types:
            label = t.name.rsplit(".", 1)[1]
            for a in cas.select(t.name):
                spans[(label, a.begin, a.end, a.get_covered_text())] += 1
        relations: collections.Counter = collections.Counter()
        for t in rel_types:
            kind = t.name.rsplit(".", 1)[1]
            for r in cas.select(t.name):
                gov, dep = r.Governor, r.Dependent
                relations[(kind, gov.type.name.rsplit(".", 1)[1], dep.type.name.rsplit(".", 1)[1])] += 1
                for end in (gov, dep):
                    if end.get_covered_text() != ref.text[end.begin:end.end]:
                        fail(str(x), f"relation end text {end.get_covered_text()!r}")
        # A discontinuous annotation is linked parts: its relations start at its first part.
        compare(f"{x.name} (cassis)", ref, spans, relations)
    return seen


def check_spacy(bin_: str, fixture: Path, refs: dict[str, RefDoc], out: Path) -> int:
    import spacy
    from spacy.tokens import DocBin

    path = export(bin_, fixture, "spacy", out / "export.spacy")
    nlp = spacy.blank("xx")
    docs = list(DocBin().from_disk(path).get_docs(nlp.vocab))
    seen = 0
    for doc in docs:
        ref = refs.get(doc.text)
        if ref is None:
            fail(str(path), f"a Doc's text matches no document of the reference: {doc.text[:40]!r}")
            continue
        seen += 1
        spans: collections.Counter = collections.Counter()
        for group, sg in doc.spans.items():
            for sp in sg:
                label = sp.label_ or group
                spans[(label, sp.start_char, sp.end_char, sp.text)] += 1
        compare(f"{path.name}:{ref.name} (spaCy)", ref, spans, ref.relations)
        for ent in doc.ents:
            key = (ent.label_, ent.start_char, ent.end_char, ent.text)
            if key not in ref.spans:
                fail(f"{path.name}:{ref.name} (spaCy)", f"entity {key} is not a reference span")
    return seen


def check_label_studio(bin_: str, fixture: Path, refs: dict[str, RefDoc], out: Path) -> int:
    from label_studio_sdk.label_interface import LabelInterface

    path = export(bin_, fixture, "label-studio", out / "tasks.json")
    config_path = path.with_name(path.stem + ".config.xml")
    tasks = json.loads(path.read_text(encoding="utf-8"))
    li = LabelInterface(config_path.read_text(encoding="utf-8")) if config_path.exists() else None
    if li is None:
        fail(str(path), f"no labeling config beside it ({config_path.name})")
    seen = 0
    for task in tasks:
        text = task["data"]["text"]
        ref = refs.get(text)
        if ref is None:
            fail(str(path), "a task's text matches no document of the reference")
            continue
        seen += 1
        spans: collections.Counter = collections.Counter()
        region_label = {}
        rels = []
        for ann in task.get("annotations", []):
            if li is not None and not li.validate_annotation(ann):
                fail(f"{path.name}:{ref.name}", "label-studio-sdk refuses the annotation")
            for r in ann.get("result", []):
                if r.get("type") == "relation":
                    rels.append(r)
                    continue
                v = r.get("value", {})
                for label in v.get("labels", []):
                    spans[(label, v["start"], v["end"], v.get("text"))] += 1
                    region_label[r["id"]] = label
        relations: collections.Counter = collections.Counter()
        for r in rels:
            for kind in r.get("labels", []) or ["?"]:
                relations[(kind, region_label.get(r["from_id"]), region_label.get(r["to_id"]))] += 1
        compare(f"{path.name}:{ref.name} (Label Studio)", ref, spans, relations)
    return seen


CHECKS = {"xmi": check_xmi, "spacy": check_spacy, "label-studio": check_label_studio}


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", required=True)
    ap.add_argument("--out", required=True, type=Path)
    ap.add_argument("--only", choices=sorted(CHECKS), action="append")
    ap.add_argument("fixtures", nargs="+", type=Path)
    args = ap.parse_args()
    for fixture in args.fixtures:
        out = args.out / fixture.stem
        out.mkdir(parents=True, exist_ok=True)
        refs = reference(args.bin, fixture, out)
        spans = sum(sum(d.spans.values()) for d in refs.values())
        for name in args.only or sorted(CHECKS):
            seen = CHECKS[name](args.bin, fixture, refs, out)
            if seen != len(refs):
                fail(f"{fixture} ({name})", f"{seen} of {len(refs)} documents read back")
            print(f"interop: {fixture.name} {name}: {seen} documents, {spans} reference spans compared")
    for p in problems:
        print("interop FAILED:", p)
    if problems:
        sys.exit(1)
    print("interop: every export read back exactly by the other side's library")


if __name__ == "__main__":
    main()
