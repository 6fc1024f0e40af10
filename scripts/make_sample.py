#!/usr/bin/env python3
"""Generate the hand-tagged gold sample project assets/sample.qb.ron.

The tagging lives below as data: every annotation is given by its label, the
exact phrase of each fragment (plus, where the phrase is not unique in the
article, a unique left-context string after which it is searched), and its
attributes.  Relations refer to annotations by local names.  The script
resolves phrases to code-point offsets, checks everything it can, and writes
the RON file deterministically (running it twice gives identical bytes).

Conventions are documented in docs/SAMPLE.md.

Usage:  python3 scripts/make_sample.py        (from the repository root or anywhere)
Stdlib only.
"""

import os
import re
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC = os.path.join(ROOT, "assets", "armed-police-london-2018.txt")
OUT = os.path.join(ROOT, "assets", "sample.qb.ron")

DOC_ID = "armed-police-london-2018"
TITLE = ("Armed police may be deployed to patrol areas of London where "
         "'gang activity is likely' to combat violence")
TIMESTAMP = "2026-11-25T00:00:00Z"

# Canonical names (titles and role words dropped; see docs/SAMPLE.md).
DICK = "Cressida Dick"
HOUSE = "Steve House"
LAMMY = "David Lammy"
HARRIS = "Harris of Haringey"
KHAN = "Sadiq Khan"
MAYOR_SPOX = "spokesperson for the mayor"
MET = "Metropolitan Police"
GOVT = "government"
CRITICS = "critics"

# ---------------------------------------------------------------------------
# The tagging.
#
# A fragment is either "phrase" (must occur exactly once in the article) or
# ("phrase", "left context"): the context must occur exactly once, and the
# phrase is the first occurrence starting at or after the end of the context.
# ---------------------------------------------------------------------------


def Q(name, kind, *frags, note=""):
    return dict(name=name, label="Quote", frags=list(frags),
                attrs={"kind": kind}, note=note)


def S(name, person, *frags, note=""):
    return dict(name=name, label="Speaker", frags=list(frags),
                attrs={"person": person}, note=note)


def C(name, *frags, note=""):
    return dict(name=name, label="Cue", frags=list(frags), attrs={}, note=note)


def M(name, worthy, *frags, note=""):
    return dict(name=name, label="Claim", frags=list(frags),
                attrs={"check_worthy": worthy}, note=note)


ANNOTATIONS = [
    # -- standfirst ---------------------------------------------------------
    S("s_p3", MET, ("Scotland Yard", "combat violence\n\n")),
    C("c_p3", ("says", "combat violence\n\nScotland Yard ")),
    Q("q_p3", "mixed",
      "it is not considering routine patrols and move would only be taken in 'extreme circumstances'"),

    # -- lede: the quoted phrase has no speaker in its sentence (not a Quote)
    M("m_rise_violent_crime", "yes", "a rise in violent crime in the capital"),

    # -- Scotland Yard stressed ... and said ... ----------------------------
    S("s_p12", MET, ("Scotland Yard", "capital.\n\n")),
    C("c_p12_stressed", "stressed"),
    Q("q_p12_routine", "indirect",
      "it was not considering routine patrols by officers carrying guns"),
    C("c_p12_said", ("said", "carrying guns and ")),
    Q("q_p12_early", "indirect", "discussions were at an early stage"),

    # -- memo ------------------------------------------------------------------
    S("s_p14_memo", MET, "A memo from the force"),
    C("c_p14", ("said", "A memo from the force ")),
    Q("q_p14_memo", "mixed",
      "it would be a “temporary measure for short periods of time”, and used “based on an informed and reliable intelligence picture of where gang activity is likely”",
      note="'said the it would be': 'the' read as a typo for the complementizer 'that', so excluded"),

    # -- Cressida Dick ---------------------------------------------------------
    S("s_p16", DICK, "Commissioner Cressida Dick"),
    C("c_p16", ("said", "Commissioner Cressida Dick ")),
    Q("q_p16", "indirect",
      "she was aware of the controversy the proposals could cause"),

    S("s_p18", DICK, ("she", "crime committee, ")),
    C("c_p18", "argued"),
    Q("q_p18", "mixed",
      "they were only a “half a step on” from what officers carrying guns already do"),
    M("m_half_step", "no",
      "they were only a “half a step on” from what officers carrying guns already do"),

    S("s_p20", DICK, ("Ms Dick", "already do.\n\n")),
    M("m_most_senior", "yes", "Britain’s most senior police officer"),
    C("c_p20", ("said", "most senior police officer, ")),
    Q("q_p20", "indirect",
      "armed response vehicles were already responding to stabbings and shootings in London and supporting some stop-and-search operations"),
    M("m_arv_practice", "yes",
      "armed response vehicles were already responding to stabbings and shootings in London and supporting some stop-and-search operations"),

    Q("q_p22", "direct",
      "The possible proposal here is half a step on from that, which is that if something truly ghastly has just happened or is about to happen, those officers who at the moment would stand next to their vehicles, might take a very short foot patrol",
      "This is a small change potentially in tactic in extreme circumstances.",
      note="attributed quote continued in the next quoted paragraph with no new attribution: one Quote"),
    S("s_p22", DICK, ("she", "short foot patrol,” ")),
    C("c_p22", "told the committee"),

    S("s_p26", DICK, ("Ms Dick", "extreme circumstances.”\n\n")),
    C("c_p26", ("said", "extreme circumstances.”\n\nMs Dick ")),
    Q("q_p26", "mixed",
      "the idea is about trying to get “even more effect” out of armed officers who already patrol London’s streets"),

    Q("q_p28", "direct",
      "Rather than just driving around. What else can they do to help?"),
    S("s_p28", DICK, ("she", "can they do to help?” ")),
    C("c_p28", "asked"),

    S("s_p30", DICK, "The commissioner"),
    C("c_p30_said", ("said", "The commissioner ")),
    Q("q_p30_decision", "indirect",
      "any change would be an operational decision reserved for Scotland Yard"),
    C("c_p30_added", ("added", "reserved for Scotland Yard, but ")),
    Q("q_p30_understand", "direct",
      "I fully understand that the public and politicians quite rightly have an interest in how we use armed officers … we want to see how people feel."),

    # -- David Lammy ------------------------------------------------------------
    S("s_p32", LAMMY, "Tottenham MP David Lammy"),
    C("c_p32", "criticised", ("as", "criticised the proposal ")),
    Q("q_p32", "direct", ("an attempt to put out fire with fire", "the proposal as “")),

    Q("q_p34", "direct",
      "The Met’s plans are an attempt to put out fire with fire",
      "Officers patrolling with weapons will only increase fear and distrust of the police in those communities on the front line of gang violence. This risks turning our streets into armed battlegrounds.",
      "The way to tackle violent crime is by going after the international gangsters fuelling it. Instead of going after the key drivers of crime, this measure mistakenly focuses on the kids on the street who are being used as foot soldiers."),
    S("s_p34", LAMMY, ("he", "fire with fire,” ")),
    C("c_p34", ("said", "fire with fire,” he ")),
    M("m_fear_distrust", "no",
      "Officers patrolling with weapons will only increase fear and distrust of the police in those communities on the front line of gang violence"),

    # -- Lord Harris of Haringey ------------------------------------------------
    S("s_p38", HARRIS, "Labour peer Lord Harris of Haringey"),
    C("c_p38", "was not convinced"),
    Q("q_p38", "indirect", "the move would be helpful",
      note="belief/stance attribution summarising his Lords speech; content is under the negated cue"),

    Q("q_p40", "direct",
      "It would be seen as provocative. It will inspire fear rather than reassurance. It will hinder community confidence and do little in itself to reduce the number of violent incidents",
      "It would be more positive to maintain or even enhance schools liaison and engagement work.",
      note="attributed quote continued in the next quoted paragraph with no new attribution: one Quote"),
    M("m_hinder", "no",
      "It will hinder community confidence and do little in itself to reduce the number of violent incidents"),
    S("s_p40", HARRIS, ("he", "violent incidents,” ")),
    C("c_p40", "told the House of Lords"),

    # -- Sadiq Khan and his spokesperson ----------------------------------------
    S("s_p44", KHAN, "Mr Khan"),
    C("c_p44", "warned"),
    Q("q_p44", "mixed", "armed officers on the streets “cannot become the norm”"),
    M("m_visibility", "yes",
      "a rise in visibility in the wake of a wave of terror attacks in London and Manchester last year"),

    Q("q_p46", "direct",
      "The mayor is crystal clear that armed officers on London’s streets must be the exception and cannot become the norm. He would expect full consultation on any decisions of this nature"),
    S("s_p46", MAYOR_SPOX, "a spokesperson",
      note="speaks for the mayor; not the mayor himself"),
    C("c_p46", ("said", "a spokesperson ")),

    # -- Sir Steve House ---------------------------------------------------------
    S("s_p48", HOUSE, "Assistant commissioner Sir Steve House"),
    C("c_p48", ("said", "Sir Steve House ")),
    Q("q_p48", "mixed",
      "the proposals were first discussed late last week and “nothing has changed” sincethen",
      note="'sincethen' is the source's typo, kept"),

    S("s_p50", HOUSE, ("He", "sincethen.\n\n")),
    C("c_p50", ("said", "sincethen.\n\nHe ")),
    Q("q_p50", "mixed",
      "armed patrols were “one of a number of tactics” considered to reduce street violence",
      note="the following 'following more than 120 killings ...' is the reporter's context, not part of the quote"),
    M("m_120_killings", "yes", "more than 120 killings in London so far this year"),

    # -- Ms Dick on gangs -------------------------------------------------------------
    S("s_p52", DICK, ("Ms Dick", "so far this year.\n\n")),
    C("c_p52", ("said", "so far this year.\n\nMs Dick ")),
    Q("q_p52", "mixed",
      "“a very high proportion” of killings involved either suspects or victims who were involved in gangs or on their fringes"),
    M("m_high_proportion", "yes",
      "“a very high proportion” of killings involved either suspects or victims who were involved in gangs or on their fringes"),

    # -- government strategy (a document as speaker) ------------------------------------
    S("s_p54", GOVT, "The government’s first-ever serious violence strategy",
      note="a government document reported as naming causes; canonical speaker is the government"),
    M("m_first_ever", "yes", "The government’s first-ever serious violence strategy"),
    C("c_p54", "named"),
    Q("q_p54", "mixed",
      "county lines drug dealing, where gangs expand aggressively from cities into rural areas, and “incitement” between rival groups on social media as key factors in a nationwide increase in stabbings and knife possession"),
    M("m_key_factors", "yes",
      "county lines drug dealing, where gangs expand aggressively from cities into rural areas, and “incitement” between rival groups on social media as key factors in a nationwide increase in stabbings and knife possession"),
    M("m_nationwide_increase", "yes", "a nationwide increase in stabbings and knife possession"),

    # -- reporter's own statistics -------------------------------------------------------
    M("m_record_level", "yes", "Knife crime is at a record level in England and Wales"),
    M("m_39000", "yes", "more than 39,000 offences recorded by police in the year to June"),
    M("m_age_nine", "yes", "children as young as nine have been found carrying knives"),

    # -- critics (the home secretary's "backed a “public health approach”" is not a Quote)
    S("s_p58", CRITICS, "critics"),
    C("c_p58", ("say", "critics ")),
    Q("q_p58", "indirect",
      "the government’s own austerity has directly contributed by worsening deprivation as police, mental health and social work budgets are cut"),
    M("m_austerity", "yes",
      "the government’s own austerity has directly contributed by worsening deprivation as police, mental health and social work budgets are cut"),
    M("m_budgets_cut", "yes", "police, mental health and social work budgets are cut"),

    # -- Sir Steve again -------------------------------------------------------------------
    S("s_p60", HOUSE, ("Sir Steve", "are cut.\n\n")),
    C("c_p60_said", ("said", "are cut.\n\nSir Steve ")),
    Q("q_p60_ahead", "mixed",
      "police wanted to “get ahead of the violence”, reassure the public and deter offenders"),
    C("c_p60_adding", "adding"),
    Q("q_p60_asset", "direct",
      "We are looking to maximise the use of the asset we already have."),

    S("s_p62", HOUSE, "the officer"),
    C("c_p62", "confirmed"),
    Q("q_p62", "mixed",
      "the Metropolitan Police was not “considering routine deployments of armed officers”"),

    Q("q_p66", "direct",
      "As part of our response to the increase in violent crime in London we are examining how our armed officers can provide extra support and augment other units, either in response to a serious assault, or to be deployed to areas where we have intelligence that serious violence is imminent",
      "Any deployments would be for a limited time only and done in consultation with local policing commanders, and after a community impact assessment had been carried out.",
      "Our consultation into the extended, yet limited, use of armed police is at an early stage. We will continue to work closely with a range of stakeholders as we discuss operational options in the fight against violence to help protect communities.",
      note="three quoted paragraphs, one attribution: one Quote"),
    S("s_p66", HOUSE, ("Sir Steve", "violence is imminent,” ")),
    C("c_p66", ("added", "violence is imminent,” Sir Steve ")),
]

# (kind, from, to) by local name.
ATTRIBUTIONS = [
    # quote, speaker mention, cue
    ("q_p3", "s_p3", "c_p3"),
    ("q_p12_routine", "s_p12", "c_p12_stressed"),
    ("q_p12_early", "s_p12", "c_p12_said"),
    ("q_p14_memo", "s_p14_memo", "c_p14"),
    ("q_p16", "s_p16", "c_p16"),
    ("q_p18", "s_p18", "c_p18"),
    ("q_p20", "s_p20", "c_p20"),
    ("q_p22", "s_p22", "c_p22"),
    ("q_p26", "s_p26", "c_p26"),
    ("q_p28", "s_p28", "c_p28"),
    ("q_p30_decision", "s_p30", "c_p30_said"),
    ("q_p30_understand", "s_p30", "c_p30_added"),
    ("q_p32", "s_p32", "c_p32"),
    ("q_p34", "s_p34", "c_p34"),
    ("q_p38", "s_p38", "c_p38"),
    ("q_p40", "s_p40", "c_p40"),
    ("q_p44", "s_p44", "c_p44"),
    ("q_p46", "s_p46", "c_p46"),
    ("q_p48", "s_p48", "c_p48"),
    ("q_p50", "s_p50", "c_p50"),
    ("q_p52", "s_p52", "c_p52"),
    ("q_p54", "s_p54", "c_p54"),
    ("q_p58", "s_p58", "c_p58"),
    ("q_p60_ahead", "s_p60", "c_p60_said"),
    ("q_p60_asset", "s_p60", "c_p60_adding"),
    ("q_p62", "s_p62", "c_p62"),
    ("q_p66", "s_p66", "c_p66"),
]

RELATIONS = []
for _q, _s, _c in ATTRIBUTIONS:
    RELATIONS.append(("said_by", _q, _s))
    RELATIONS.append(("cue_of", _c, _q))

RELATION_TYPES = {"said_by": ("Quote", "Speaker"), "cue_of": ("Cue", "Quote")}

# Curly-quoted spans in the body deliberately left outside any Quote.
UNQUOTED_MARKED_SPANS = {
    "gang activity is likely",   # lede: echoes the memo, no speaker in the sentence
    "public health approach",    # 'has backed a “public health approach”': a policy label, no reported content
}

ID_PREFIX = {"Quote": "q", "Speaker": "s", "Cue": "c", "Claim": "m"}

# ---------------------------------------------------------------------------
# Resolution and checks
# ---------------------------------------------------------------------------


def find_unique(text, s, what):
    n = text.count(s)
    assert n == 1, f"{what}: {s!r} occurs {n} times (need exactly 1)"
    return text.index(s)


def resolve(text, frag, who):
    if isinstance(frag, tuple):
        phrase, after = frag
        base = find_unique(text, after, f"{who}: context") + len(after)
        start = text.find(phrase, base)
        assert start >= 0, f"{who}: {phrase!r} not found after {after!r}"
    else:
        phrase = frag
        start = find_unique(text, phrase, who)
    end = start + len(phrase)
    assert text[start:end] == phrase, f"{who}: slice mismatch"
    assert "\n" not in phrase, f"{who}: fragment crosses a line break"
    assert phrase == phrase.strip(), f"{who}: fragment has edge whitespace"
    # whole words only
    if phrase[0].isalnum():
        assert start == 0 or not text[start - 1].isalnum(), f"{who}: {phrase!r} starts mid-word"
    if phrase[-1].isalnum():
        assert end == len(text) or not text[end].isalnum(), f"{who}: {phrase!r} ends mid-word"
    return start, end


def furniture_ranges(text):
    """Half-open ranges that must stay untagged."""
    rs = []
    a = find_unique(text, "Lizzie Dearden\n", "furniture")
    b = find_unique(text, "motorcycle crimes\n", "furniture") + len("motorcycle crimes")
    rs.append((a, b))
    s = "Support free-thinking journalism and attend Independent events"
    a = find_unique(text, s, "furniture")
    rs.append((a, a + len(s)))
    a = find_unique(text, "Register for free to continue reading", "furniture")
    rs.append((a, len(text)))
    return rs


def line_of(text, pos):
    return text.count("\n", 0, pos) + 1


def build(text):
    names = [a["name"] for a in ANNOTATIONS]
    dup = {n for n in names if names.count(n) > 1}
    assert not dup, f"duplicate local names: {dup}"
    for a in ANNOTATIONS:
        assert a["label"] in ID_PREFIX, a
        assert a["frags"], a["name"]
        spans = [resolve(text, f, a["name"]) for f in a["frags"]]
        spans.sort()
        for (s1, e1), (s2, e2) in zip(spans, spans[1:]):
            assert e1 <= s2, f"{a['name']}: overlapping fragments"
        a["spans"] = spans

    # label-specific sanity checks
    for a in ANNOTATIONS:
        label, spans, name = a["label"], a["spans"], a["name"]
        if label == "Quote":
            kind = a["attrs"]["kind"]
            assert kind in ("direct", "indirect", "mixed"), name
            for s, e in spans:
                frag = text[s:e]
                if kind == "direct":
                    # verbatim text between marks: opening mark right before
                    assert text[s - 1] in "“", f"{name}: no opening mark before fragment"
                    assert frag[0] not in "“”'" and frag[-1] not in "“”',", f"{name}: marks/comma at edge"
                    # closing mark, or comma+closing mark, or a paragraph continued without one
                    tail = text[e:e + 2]
                    assert tail[:1] == "”" or tail == ",”" or tail[:1] == "\n", f"{name}: bad tail {tail!r}"
                    if tail[:1] == "\n":
                        assert frag[-1] in ".?!…", f"{name}: open paragraph must end a sentence"
                elif kind == "indirect":
                    assert not any(c in frag for c in "“”"), f"{name}: indirect quote contains marks"
                    assert not frag.startswith("that "), f"{name}: indirect content includes 'that'"
                else:
                    assert sum(frag.count(c) for c in "“”'") >= 2, f"{name}: mixed quote without embedded marks"
                    assert frag.count("“") == frag.count("”"), f"{name}: unbalanced marks in mixed quote"
        elif label == "Speaker":
            assert set(a["attrs"]) == {"person"} and a["attrs"]["person"], name
        elif label == "Claim":
            assert a["attrs"]["check_worthy"] in ("yes", "no"), name
        elif label == "Cue":
            assert a["attrs"] == {}, name

    # furniture stays untagged
    for a in ANNOTATIONS:
        for s, e in a["spans"]:
            for fs, fe in furniture_ranges(text):
                assert e <= fs or s >= fe, f"{a['name']}: tags page furniture"

    # ids: per label in document order
    counters = {}
    for a in sorted(ANNOTATIONS, key=lambda a: (a["spans"][0][0], a["spans"][-1][1], a["name"])):
        p = ID_PREFIX[a["label"]]
        counters[p] = counters.get(p, 0) + 1
        assert counters[p] < 100
        a["id"] = f"sample-{p}{counters[p]:02d}"
    by_name = {a["name"]: a for a in ANNOTATIONS}
    ids = [a["id"] for a in ANNOTATIONS]
    assert len(set(ids)) == len(ids), "duplicate ids"

    # relations
    rels = []
    seen = set()
    for kind, f, t in RELATIONS:
        assert kind in RELATION_TYPES, kind
        assert f in by_name, f"relation endpoint {f!r} missing"
        assert t in by_name, f"relation endpoint {t!r} missing"
        fl, tl = RELATION_TYPES[kind]
        assert by_name[f]["label"] == fl, f"{kind}: {f} is {by_name[f]['label']}, want {fl}"
        assert by_name[t]["label"] == tl, f"{kind}: {t} is {by_name[t]['label']}, want {tl}"
        assert (kind, f, t) not in seen, f"duplicate relation {(kind, f, t)}"
        seen.add((kind, f, t))
        rels.append((kind, by_name[f], by_name[t]))
    # order relations by the quote they belong to, said_by before cue_of
    def rel_key(r):
        kind, f, t = r
        q = f if kind == "said_by" else t
        return (q["spans"][0][0], q["id"], 0 if kind == "said_by" else 1, f["id"], t["id"])
    rels.sort(key=rel_key)
    assert len(rels) < 100
    rels = [(f"sample-r{i:02d}", k, f["id"], t["id"]) for i, (k, f, t) in enumerate(rels, 1)]

    # coverage: every Quote has exactly one said_by and one cue; every Speaker
    # and Cue is used; the speaker/cue come from the same paragraph or the one
    # that opens the quote
    quotes = [a for a in ANNOTATIONS if a["label"] == "Quote"]
    for q in quotes:
        sb = [r for r in RELATIONS if r[0] == "said_by" and r[1] == q["name"]]
        co = [r for r in RELATIONS if r[0] == "cue_of" and r[2] == q["name"]]
        assert len(sb) == 1, f"{q['name']}: {len(sb)} said_by"
        assert len(co) == 1, f"{q['name']}: {len(co)} cue_of"
        qline = line_of(text, q["spans"][0][0])
        for r, other in ((sb[0], by_name[sb[0][2]]), (co[0], by_name[co[0][1]])):
            assert line_of(text, other["spans"][0][0]) == qline, f"{q['name']}: {other['name']} not in the quote's first paragraph"
    for a in ANNOTATIONS:
        if a["label"] == "Speaker":
            assert any(r[0] == "said_by" and r[2] == a["name"] for r in RELATIONS), f"unused speaker {a['name']}"
        if a["label"] == "Cue":
            assert any(r[0] == "cue_of" and r[1] == a["name"] for r in RELATIONS), f"unused cue {a['name']}"

    # every “...” span in the tagged part of the article lies inside a Quote,
    # except the documented ones
    qspans = [sp for q in quotes for sp in q["spans"]]
    body_end = find_unique(text, "Register for free to continue reading", "body end")
    for m in re.finditer(r"“([^”\n]*)(”|\n|$)", text[:body_end]):
        inner = m.group(1).rstrip(",")
        s = m.start(1)
        e = s + len(inner)
        covered = any(qs <= s and e <= qe for qs, qe in qspans)
        if inner in UNQUOTED_MARKED_SPANS:
            assert not covered, f"{inner!r} listed as unquoted but is covered"
        else:
            assert covered, f"quoted span at line {line_of(text, s)} not covered: {inner[:50]!r}"

    return rels


def ron_str(s):
    out = []
    for ch in s:
        if ch == "\\":
            out.append("\\\\")
        elif ch == '"':
            out.append('\\"')
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif ch == "\r":
            out.append("\\r")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def ron_map(d):
    return "{" + ", ".join(f"{ron_str(k)}: {ron_str(d[k])}" for k in sorted(d)) + "}"


def render(text, rels):
    anns = sorted(ANNOTATIONS, key=lambda a: (a["spans"][0][0], a["spans"][-1][1], a["id"]))
    L = []
    w = L.append
    w("// Quotebench project file (see docs/FORMAT.md)")
    w("(")
    w("    format_version: 1,")
    w('    name: "Sample: armed police in London",')
    w('    annotator: "quotebench-sample",')
    w("    tagset: (")
    w("        labels: [")
    w('            (name: "Quote", color: "#e0a030", key: "q", attributes: [(name: "kind", values: ["direct", "indirect", "mixed"])]),')
    w('            (name: "Speaker", color: "#4a90d9", key: "s", attributes: [(name: "person", values: [])]),')
    w('            (name: "Cue", color: "#50b060", key: "c", attributes: []),')
    w('            (name: "Claim", color: "#c04ccf", key: "l", attributes: [(name: "check_worthy", values: ["yes", "no"])]),')
    w("        ],")
    w("        relations: [")
    w('            (name: "said_by", from: "Quote", to: "Speaker"),')
    w('            (name: "cue_of", from: "Cue", to: "Quote"),')
    w("        ],")
    w("    ),")
    w("    documents: [")
    w("        (")
    w(f"            id: {ron_str(DOC_ID)},")
    w(f"            title: {ron_str(TITLE)},")
    w('            source: Some((url: "", outlet: "The Independent", date: "2018-11-30")),')
    w(f"            text: {ron_str(text)},")
    w("            annotations: [")
    for a in anns:
        frags = ", ".join(f"(start: {s}, end: {e}, text: {ron_str(text[s:e])})" for s, e in a["spans"])
        w(f"                (id: {ron_str(a['id'])}, label: {ron_str(a['label'])}, fragments: [{frags}], "
          f"attributes: {ron_map(a['attrs'])}, note: {ron_str(a['note'])}, "
          f"created: {ron_str(TIMESTAMP)}, modified: {ron_str(TIMESTAMP)}),")
    w("            ],")
    w("            relations: [")
    for rid, kind, f, t in rels:
        w(f"                (id: {ron_str(rid)}, kind: {ron_str(kind)}, from: {ron_str(f)}, to: {ron_str(t)}),")
    w("            ],")
    w("        ),")
    w("    ],")
    w(")")
    return "\n".join(L) + "\n"


def main():
    with open(SRC, encoding="utf-8") as fh:
        text = fh.read()
    assert text.startswith(TITLE + "\n"), "title must match the headline"
    rels = build(text)
    out = render(text, rels)
    with open(OUT, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(out)
    if "-v" in sys.argv[1:]:
        counts = {}
        for a in ANNOTATIONS:
            counts[a["label"]] = counts.get(a["label"], 0) + 1
        print(counts, {k: sum(1 for r in rels if r[1] == k) for k in RELATION_TYPES})
    print(f"wrote {os.path.relpath(OUT, ROOT)}")


if __name__ == "__main__":
    main()
