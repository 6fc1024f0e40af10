#!/usr/bin/env python3
"""Reference values for `quotebench agree`, computed independently with the
usual Python libraries from the PolNeAR annotator-training brat files.

Not run in CI. Needs: pip install krippendorff nltk scikit-learn statsmodels bratiaa

    python3 scripts/agreement_reference.py [CORPUS_DIR] [--labels Quote,Speaker,Cue] [--json] [--nltk] [--rust]

Reads `CORPUS_DIR/text/NAME.txt` and `CORPUS_DIR/attributions/NAME_ANNOTATOR.ann`
(default ../shared/corpora/polnear/annotator-training), parses the `T` lines
itself (labels mapped Source->Speaker, Content->Quote, others kept; offsets are
Python string indices, the same as the product's char offsets), and computes
per label, over every character of every document (pooled, not averaged):

- Cohen's kappa per annotator pair: sklearn.metrics.cohen_kappa_score;
- Fleiss' kappa: statsmodels.stats.inter_rater.fleiss_kappa (with --nltk also
  nltk's AnnotationTask.pi, which is Fleiss' multi-rater kappa (Fleiss 1971,
  "multi-pi"); nltk's multi_kappa is Davies & Fleiss (1982), which uses each
  coder's own marginals and is NOT Fleiss' kappa);
- Krippendorff's alpha (nominal): krippendorff.alpha;
- the overall alpha over {none, label...} for documents where no annotator
  has a character carrying two of the labels;
- exact span F1 per pair: 2*M/(|A|+|B|), M the multiset intersection of
  (label, fragments) per document. bratiaa's exact_match_instance_evaluation
  is run as well: it intersects *sets* (an annotator's duplicate spans count
  once) and keeps fragments in file order, so where an annotator has a
  duplicate it differs; the script prints where it does.
"""

import argparse
import json
import re
import sys
import tempfile
from collections import Counter
from itertools import combinations
from pathlib import Path

import numpy as np

MAP = {"Source": "Speaker", "Content": "Quote"}
T_LINE = re.compile(r"^(T\d+)\t(\S+) ([\d ;]+)\t")


def read_corpus(root):
    """{doc: text}, {annotator: {doc: [(label, ((s, e), ...))]}}"""
    texts, anns = {}, {}
    for t in sorted((root / "text").glob("*.txt")):
        texts[t.stem] = t.read_text(encoding="utf-8")
    for a in sorted((root / "attributions").glob("*.ann")):
        doc, annotator = a.stem.rsplit("_", 1)
        spans = []
        for line in a.read_text(encoding="utf-8").split("\n"):
            m = T_LINE.match(line)
            if not m:
                continue
            label = MAP.get(m.group(2), m.group(2))
            frags = tuple(sorted(tuple(int(x) for x in f.split()) for f in m.group(3).split(";")))
            spans.append((label, frags))
        anns.setdefault(annotator, {})[doc] = spans
    return texts, anns


def coverage(n, spans, label):
    v = np.zeros(n, dtype=np.int64)
    for lab, frags in spans:
        if lab == label:
            for s, e in frags:
                v[s:e] = 1
    return v


def compute(root, labels, with_nltk=False):
    from krippendorff import alpha
    from sklearn.metrics import cohen_kappa_score
    from statsmodels.stats.inter_rater import fleiss_kappa

    texts, anns = read_corpus(root)
    annotators = sorted(anns)
    docs = sorted(d for d in texts if all(d in anns[a] for a in annotators))
    if labels is None:
        labels = sorted({lab for a in annotators for d in docs for lab, _ in anns[a][d]})
    out = {"annotators": annotators, "labels": {}, "pairs": {}, "documents": docs}
    cov = {
        lab: {a: np.concatenate([coverage(len(texts[d]), anns[a][d], lab) for d in docs]) for a in annotators}
        for lab in labels
    }
    for lab in labels:
        data = np.stack([cov[lab][a] for a in annotators])  # coders x units
        ones = data.sum(axis=0)
        table = np.stack([len(annotators) - ones, ones], axis=1)
        entry = {
            "fleiss_kappa": float(fleiss_kappa(table, method="fleiss")),
            "krippendorff_alpha": float(alpha(reliability_data=data, level_of_measurement="nominal")),
        }
        if with_nltk:
            from nltk.metrics.agreement import AnnotationTask

            triples = [(a, i, int(x)) for a in annotators for i, x in enumerate(cov[lab][a])]
            task = AnnotationTask(data=triples)
            entry["nltk_pi"] = float(task.pi())
            entry["nltk_multi_kappa"] = float(task.multi_kappa())
        out["labels"][lab] = entry
    for a, b in combinations(annotators, 2):
        pair = {}
        for lab in labels:
            ca, cb = cov[lab][a], cov[lab][b]
            kappa = float(cohen_kappa_score(ca, cb)) if (ca.any() or cb.any()) else None
            m = na = nb = 0
            for d in docs:
                xa = Counter(f for l, f in anns[a][d] if l == lab)
                xb = Counter(f for l, f in anns[b][d] if l == lab)
                m += sum((xa & xb).values())
                na += sum(xa.values())
                nb += sum(xb.values())
            pair[lab] = {
                "cohen_kappa": kappa,
                "f1_exact": 2 * m / (na + nb) if na + nb else None,
                "exact_matches": m,
                "spans_a": na,
                "spans_b": nb,
            }
        out["pairs"][f"{a}/{b}"] = pair
    # Overall: value 0 = none, i+1 = labels[i]; documents without a double-labelled character.
    kept, left = [], {}
    rows = {a: [] for a in annotators}
    for d in docs:
        n = len(texts[d])
        vals = {}
        for a in annotators:
            layers = np.stack([coverage(n, anns[a][d], lab) for lab in labels])
            if (layers.sum(axis=0) > 1).any():
                left[d] = f"{a} has a character with two labels"
                break
            vals[a] = (layers * np.arange(1, len(labels) + 1)[:, None]).sum(axis=0)
        else:
            kept.append(d)
            for a in annotators:
                rows[a].append(vals[a])
    if kept:
        data = np.stack([np.concatenate(rows[a]) for a in annotators])
        out["overall"] = {
            "krippendorff_alpha": float(alpha(reliability_data=data, level_of_measurement="nominal")),
            "documents": kept,
        }
    else:
        out["overall"] = {"krippendorff_alpha": None, "documents": []}
    out["overall"]["left_out"] = left
    return out


def bratiaa_exact(root, labels_wanted):
    """Exact instance F1 counts per pair and label from bratiaa, on a copy laid
    out as bratiaa wants it (ROOT/ANNOTATOR/DOC.ann with DOC.txt)."""
    import bratiaa
    from bratiaa.agree import AnnFile, Document, F1Agreement

    texts, anns = read_corpus(root)
    annotators = sorted(anns)
    raw_labels = set()
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        docs = sorted(d for d in texts if all(d in anns[a] for a in annotators))
        for a in annotators:
            (tmp / a).mkdir()
            for d in docs:
                (tmp / a / f"{d}.txt").write_text(texts[d], encoding="utf-8")
                src = (root / "attributions" / f"{d}_{a}.ann").read_text(encoding="utf-8")
                (tmp / a / f"{d}.ann").write_text(src, encoding="utf-8")
                for line in src.split("\n"):
                    m = T_LINE.match(line)
                    if m:
                        raw_labels.add(m.group(2))

        def gen():
            for d in docs:
                doc = Document((tmp / annotators[0] / f"{d}.txt").as_posix(), doc_id=d)
                for a in annotators:
                    doc.ann_files.append(AnnFile(a, tmp / a / f"{d}.ann"))
                yield doc

        labels = sorted(raw_labels)
        f1 = F1Agreement(gen, labels, annotators=annotators, documents=docs)
        pcl = f1._pdcl.sum(axis=1)  # pairs x (tp, total) x labels
        res = {}
        for (a, b), p in zip(f1._pairs, pcl):
            for i, raw in enumerate(labels):
                lab = MAP.get(raw, raw)
                if labels_wanted is None or lab in labels_wanted:
                    res[(a, b, lab)] = (int(p[0][i]), int(p[1][i]))
        del bratiaa
        return res


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("corpus", nargs="?", default="../shared/corpora/polnear/annotator-training")
    ap.add_argument("--labels", help="comma-separated labels (default: every label used)")
    ap.add_argument("--json", action="store_true", help="print JSON only")
    ap.add_argument("--nltk", action="store_true", help="also nltk pi and multi_kappa (slow)")
    ap.add_argument("--rust", action="store_true", help="print the values as Rust table rows")
    args = ap.parse_args()
    root = Path(args.corpus)
    if not root.is_dir():
        sys.exit(f"{root} not found")
    labels = args.labels.split(",") if args.labels else None
    out = compute(root, labels, with_nltk=args.nltk)
    if args.json:
        print(json.dumps(out, indent=1))
        return
    if args.rust:
        for lab, e in out["labels"].items():
            for k in ("fleiss_kappa", "krippendorff_alpha"):
                print(f'    ("", "", "{lab}", "{k}", {e[k]!r}),')
        for pair, p in out["pairs"].items():
            a, b = pair.split("/")
            for lab, e in p.items():
                for k in ("cohen_kappa", "f1_exact"):
                    if e[k] is not None:
                        print(f'    ("{a}", "{b}", "{lab}", "{k}", {e[k]!r}),')
        v = out["overall"]["krippendorff_alpha"]
        if v is not None:
            print(f'    ("", "", "", "overall_alpha", {v!r}),')
        return
    print("annotators:", ", ".join(out["annotators"]))
    print(f"{'label':<24} {'fleiss_kappa':>12} {'kripp_alpha':>12}" + ("  nltk_pi  nltk_multi_kappa" if args.nltk else ""))
    for lab, e in out["labels"].items():
        extra = f"  {e['nltk_pi']:.9f} {e['nltk_multi_kappa']:.9f}" if args.nltk else ""
        print(f"{lab:<24} {e['fleiss_kappa']:12.9f} {e['krippendorff_alpha']:12.9f}{extra}")
    v = out["overall"]["krippendorff_alpha"]
    print("overall alpha:", "n/a" if v is None else f"{v:.9f}", f"({len(out['overall']['documents'])} documents)")
    for d, why in out["overall"]["left_out"].items():
        print(f"  left out of the overall alpha: {d}: {why}")
    print(f"{'pair':<12} {'label':<22} {'cohen_kappa':>12} {'f1_exact':>12}")
    for pair, p in out["pairs"].items():
        for lab, e in p.items():
            ck = "n/a" if e["cohen_kappa"] is None else f"{e['cohen_kappa']:.9f}"
            fe = "n/a" if e["f1_exact"] is None else f"{e['f1_exact']:.9f}"
            print(f"{pair:<12} {lab:<22} {ck:>12} {fe:>12}")
    try:
        br = bratiaa_exact(root, set(out["labels"]))
    except Exception as e:  # bratiaa missing or failing: the direct figures stand
        print("bratiaa not run:", e)
        return
    differ = 0
    for (a, b, lab), (tp, total) in sorted(br.items()):
        e = out["pairs"][f"{a}/{b}"][lab]
        if (tp, total) != (e["exact_matches"], e["spans_a"] + e["spans_b"]):
            differ += 1
            print(f"bratiaa differs: {a}/{b} {lab}: bratiaa tp={tp} total={total}, "
                  f"multiset M={e['exact_matches']} |A|+|B|={e['spans_a'] + e['spans_b']}")
    print(f"bratiaa exact-match counts: {len(br) - differ} of {len(br)} pair/label cells equal to the multiset counts")


if __name__ == "__main__":
    main()
