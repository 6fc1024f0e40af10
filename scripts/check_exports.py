#!/usr/bin/env python3
"""Shows that real clients read Quotebench's exports (issue 4); run in CI by
scripts/interop-check (issue 15) with `--self-test --limit 5`.

Exports, with the `quotebench` command line:
  - the built-in sample project,
  - a small made-up document full of emoji (ZWJ sequences, flags, skin
    tones), CJK, combining marks and right-to-left text,
  - PolNeAR (../shared/corpora/polnear: annotator-training and train, every
    annotator), imported from brat with the PolNeAR label map,
to brat, doccano JSONL and Prodigy JSONL, then checks them with:
  - brat's own parser (`bratsubset.annotation.TextAnnotations`, the brat
    server code that ships in the PyPI package `bratiaa`), which refuses a
    text-bound line whose covered text is not exactly the text at its
    offsets, and `pybrat` (PyPI), another brat reader: every T line must be
    read, with the right text;
  - spaCy (`spacy.blank("en")`, no model download): `Doc.char_span` must
    accept every exported span, with alignment_mode="strict" where the span
    falls on token boundaries and "expand" otherwise; the counts are shown.

Setup:         scripts/interop-check makes a venv with the pinned versions
               (scripts/interop/requirements.txt); by hand: pip install bratiaa pybrat spacy
Run:           cargo build --release && python3 scripts/check_exports.py
Options:       --bin PATH (default target/release/quotebench, else target/debug),
               --corpus PATH (default ../shared/corpora/polnear), --limit N articles per folder,
               --self-test (first show that each check fails on a wrong offset).
Exits 1 if any reader refuses a span or reads a wrong text.
"""

from __future__ import annotations

import argparse
import collections
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

try:
    import spacy
    from bratsubset.annotation import TextAnnotations
    from pybrat.parser import BratParser
except ImportError as e:  # pragma: no cover - a setup message
    sys.exit(f"{e}: run `pip install bratiaa pybrat spacy` first")


class LenientBratParser(BratParser):
    """pybrat refuses two entities over the same span, which brat allows
    (PolNeAR's Attribution trigger covers the same words as its Cue)."""

    def _check_entities(self, entities):  # noqa: D401 - keeps pybrat's name
        return None


UNICODE_TEXT = (
    "Flood 🌊 in 東京: “We lost everything 👩\u200d👩\u200d👧,” said Zoe\u0301 Ade\u0300le, 🇬🇧 envoy.\n"
    "مرحبا بالعالم said the mayor. שלום עולם.\n"
    "“Rebuild 𠀋 fast 👍🏽,” she told reporters, “and together.”\n"
)


def unicode_jsonl(path: Path) -> None:
    """A doccano line whose spans sit on every kind of hard character."""
    t = UNICODE_TEXT
    spans = []
    for needle, label in [
        ("We lost everything 👩\u200d👩\u200d👧,", "Quote"),
        ("Zoe\u0301 Ade\u0300le", "Speaker"),
        ("said", "Cue"),
        ("🇬🇧", "Flag"),
        ("東京", "Place"),
        ("مرحبا بالعالم", "Quote"),
        ("שלום עולם", "Claim"),
        ("Rebuild 𠀋 fast 👍🏽,", "Quote"),
        ("she", "Speaker"),
        ("and together.", "Quote"),
    ]:
        start = t.index(needle)
        spans.append([start, start + len(needle), label])
    path.write_text(json.dumps({"text": t, "label": spans, "document": "unicode"}, ensure_ascii=False) + "\n")


def run(binary: Path, *args: str) -> str:
    r = subprocess.run([str(binary), *args], capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"quotebench {' '.join(args)} failed:\n{r.stdout}{r.stderr}")
    return r.stdout


def limited_copy(src: Path, dst: Path, limit: int | None) -> Path:
    """PolNeAR's layout (text/ + attributions/), only the first `limit` articles."""
    if limit is None:
        return src
    names = sorted(p.stem for p in (src / "text").glob("*.txt"))[:limit]
    (dst / "text").mkdir(parents=True)
    (dst / "attributions").mkdir()
    keep = set(names)
    for name in names:
        shutil.copy(src / "text" / f"{name}.txt", dst / "text")
    for ann in (src / "attributions").glob("*.ann"):
        if ann.stem.rsplit("_", 1)[0] in keep:
            shutil.copy(ann, dst / "attributions")
    return dst


class Tally:
    def __init__(self) -> None:
        self.c: collections.Counter[str] = collections.Counter()
        self.problems: list[str] = []

    def bad(self, msg: str) -> None:
        if len(self.problems) < 20:
            self.problems.append(msg)
        self.c["problems"] += 1


def covered(text: str, spans) -> str:
    return " ".join(text[s:e] for s, e in spans)


def check_brat(folder: Path, t: Tally) -> None:
    """brat's own parser and pybrat read every T line, with the right text."""
    for ann in sorted(folder.glob("*.ann")):
        text = (folder / f"{ann.stem}.txt").read_text(encoding="utf-8")
        t_lines = sum(1 for line in ann.read_text(encoding="utf-8").split("\n") if line.startswith("T"))
        t.c["T lines written"] += t_lines
        try:
            doc = TextAnnotations(str(ann.with_suffix("")), read_only=True)
        except Exception as e:  # brat's sanity checks raise
            t.bad(f"brat refuses {ann.name}: {type(e).__name__}: {e}")
            continue
        for n in doc.failed_lines:
            t.bad(f"brat refuses {ann.name}:{n + 1}")
        read = list(doc.get_textbounds())
        t.c["T lines read by brat"] += len(read)
        for tb in read:
            if tb.text != covered(text, tb.spans):
                t.bad(f"brat reads {ann.name} {tb.id} as {tb.text!r}")
            else:
                t.c["brat texts right"] += 1
    try:
        examples = LenientBratParser(error="raise").parse(str(folder))
    except Exception as e:
        t.bad(f"pybrat refuses {folder}: {type(e).__name__}: {e}")
        return
    for ex in examples:
        for ent in ex.entities:
            t.c["T lines read by pybrat"] += 1
            want = covered(ex.text, [(s.start, s.end) for s in ent.spans])
            # pybrat strips each .ann line's trailing white space.
            if ent.mention != want.rstrip():
                t.bad(f"pybrat reads {ex.id} {ent.id} as {ent.mention!r}, not {want!r}")
            else:
                t.c["pybrat texts right"] += 1


def check_spacy(nlp, path: Path, key: str, t: Tally) -> None:
    """Every span of a doccano or Prodigy file through Doc.char_span. `key`
    "spans" is Prodigy's; doccano's is "entities" (the relation form, what
    Quotebench writes when there are relations) or "label" (span triples)."""
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        text = record["text"]
        doc = nlp.make_doc(text)
        form = key if key == "spans" else ("entities" if "entities" in record else "label")
        for item in record.get(form, []):
            if form == "label":
                start, end, label = item
            elif form == "entities":
                start, end, label = item["start_offset"], item["end_offset"], item["label"]
            else:
                start, end, label = item["start"], item["end"], item["label"]
            t.c["spans"] += 1
            span = doc.char_span(start, end, label=label, alignment_mode="strict")
            if span is not None:
                t.c["strict"] += 1
                if span.text != text[start:end]:
                    t.bad(f"{path.name}: strict span {start}..{end} reads {span.text!r}")
                continue
            span = doc.char_span(start, end, label=label, alignment_mode="expand")
            if span is None:
                t.bad(f"{path.name}: char_span refuses {start}..{end} {text[start:end]!r}")
            else:
                t.c["expand (not on token boundaries)"] += 1
                if text[start:end] not in span.text:
                    t.bad(f"{path.name}: expanded span {start}..{end} lost its text")


def self_test(binary: Path, nlp, work: Path) -> bool:
    """Each check must fail on an export with one offset moved: a check that
    cannot fail proves nothing. True when every check caught its fault."""
    sample = work / "self-test.qb.ron"
    shutil.copy(ROOT / "assets/sample.qb.ron", sample)
    paths = export_all(binary, sample, work / "self-test", [])
    ok = True
    # brat and pybrat: one T line's start moved by one char, its text kept.
    ann = next(p for p in sorted(paths["brat"].glob("*.ann")) if "\nT" in "\n" + p.read_text(encoding="utf-8"))
    lines = ann.read_text(encoding="utf-8").split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("T"))
    tid, kind_span, covered_text = lines[i].split("\t")
    kind, start, rest = kind_span.split(" ", 2)
    lines[i] = "\t".join([tid, f"{kind} {int(start) + 1} {rest}", covered_text])
    ann.write_text("\n".join(lines), encoding="utf-8")
    t = Tally()
    check_brat(paths["brat"], t)
    if not any(p.startswith("brat") for p in t.problems) or not any(p.startswith("pybrat") for p in t.problems):
        print(f"self-test: brat/pybrat missed a moved offset: {t.problems}")
        ok = False
    # spaCy: one doccano and one Prodigy span moved past the end of the text.
    for key, path in [("doccano", paths["jsonl"]), ("spans", paths["prodigy"])]:
        records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        form = key if key == "spans" else "entities"
        record = next(r for r in records if r.get(form))
        past = len(record["text"]) + 5
        if form == "entities":
            record[form][0]["start_offset"], record[form][0]["end_offset"] = past, past + 1
        else:
            record[key][0]["start"], record[key][0]["end"] = past, past + 1
        path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
        t = Tally()
        check_spacy(nlp, path, key, t)
        if t.c["problems"] == 0:
            print(f"self-test: spaCy missed a span past the text in {path.name}")
            ok = False
    print("self-test: " + ("every check fails on a moved offset" if ok else "FAILED"))
    return ok


def export_all(binary: Path, project: Path, out: Path, map_args: list[str]) -> dict[str, Path]:
    paths = {"brat": out / "brat", "jsonl": out / "doccano.jsonl", "prodigy": out / "prodigy.jsonl"}
    for fmt, path in paths.items():
        run(binary, "export", "--to", fmt, str(project), "-o", str(path), "--force", *map_args)
    return paths


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    default_bin = ROOT / "target/release/quotebench"
    if not default_bin.exists():
        default_bin = ROOT / "target/debug/quotebench"
    ap.add_argument("--bin", type=Path, default=default_bin)
    ap.add_argument("--corpus", type=Path, default=ROOT.parent / "shared/corpora/polnear")
    ap.add_argument("--limit", type=int, default=None, help="articles per PolNeAR folder (default: all)")
    ap.add_argument("--self-test", action="store_true", help="first show each check failing on a moved offset")
    args = ap.parse_args()
    if not args.bin.exists():
        sys.exit(f"{args.bin} not found: run `cargo build --release` first")

    nlp = spacy.blank("en")
    work = Path(tempfile.mkdtemp(prefix="qb-check-"))
    if args.self_test and not self_test(args.bin, nlp, work):
        shutil.rmtree(work, ignore_errors=True)
        return 1
    # (name, project files, --map arguments for export)
    sets: list[tuple[str, list[Path], list[str]]] = []

    sample = work / "sample.qb.ron"
    shutil.copy(ROOT / "assets/sample.qb.ron", sample)
    sets.append(("sample", [sample], []))

    uni = work / "unicode.jsonl"
    unicode_jsonl(uni)
    run(args.bin, "import", "--from", "jsonl", str(uni), "-o", str(work / "unicode.qb.ron"), "--annotator", "me")
    sets.append(("unicode", [work / "unicode.qb.ron"], []))

    if args.corpus.is_dir():
        for folder in ["annotator-training", "train"]:
            src = limited_copy(args.corpus / folder, work / f"src-{folder}", args.limit)
            out = work / f"{folder}.qb.ron"
            log = run(args.bin, "import", "--from", "brat", str(src), "-o", str(out), "--map", "polnear")
            issues = [line for line in log.splitlines() if ": " in line and not line.startswith("wrote ")]
            print(f"imported PolNeAR {folder}: {len(issues)} import issues")
            projects = sorted(work.glob(f"{folder}_*.qb.ron")) or [out]
            sets.append((f"PolNeAR {folder}", projects, ["--map", "polnear"]))
    else:
        print(f"PolNeAR not found at {args.corpus}: checking the sample and the Unicode document only")

    failed = False
    for name, projects, map_args in sets:
        brat, doccano, prodigy = Tally(), Tally(), Tally()
        for k, project in enumerate(projects):
            paths = export_all(args.bin, project, work / f"out-{name.replace(' ', '_')}-{k}", map_args)
            check_brat(paths["brat"], brat)
            check_spacy(nlp, paths["jsonl"], "doccano", doccano)
            check_spacy(nlp, paths["prodigy"], "spans", prodigy)
        print(f"\n== {name} ({len(projects)} project{'s' if len(projects) != 1 else ''})")
        for label, tally in [("brat", brat), ("doccano + spaCy", doccano), ("prodigy + spaCy", prodigy)]:
            counts = ", ".join(f"{k}: {v}" for k, v in tally.c.items() if k != "problems")
            print(f"  {label:16} {counts}; problems: {tally.c['problems']}")
            for p in tally.problems:
                print(f"      {p}")
            failed |= tally.c["problems"] > 0
        if brat.c["T lines read by brat"] != brat.c["T lines written"]:
            failed = True
            print("  brat did not read every T line written")
    shutil.rmtree(work, ignore_errors=True)
    print("\nOK: every exported span was read, with the right text" if not failed else "\nFAILED")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
