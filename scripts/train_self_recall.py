"""A learned recall stage for self-descriptions, measured leave-one-split-out (a negative result).

The question (issue 3): can a cheap learned stage after the rules find the self-descriptions they
miss on notes written blind to them, without the precision falling below 0.90? This script builds
the stage and measures it; it did not clear the bar (scripts/RESULTS_self_recall.md), so nothing of
it ships in the package and no model is written.

Candidates: every clause unit of the voice analysis (``doc._.narrative_units``) that is no
question, hypothetical or generic "you", plus the client's quoted first-person clauses that no unit
reaches, none overlapping a self-description, reflection or chapter title the pipeline found
(pipeline as shipped, span filter on, ``extract.polarity_model: null``), in the development splits
(corpora/gold/dev*.jsonl; never test.jsonl). Label: 1 if the candidate overlaps a gold
self-description that no found self-description overlaps. Features (:func:`recall_features`, all
binary, read from the parse the extractors made): voice, the subject's form, the clause head's
lemma, part of speech and dependency, a copula and its predicate's lemma, part of speech and
lexicon class (identity label, state, valence word), a relative clause on the predicate, the
reporting frame, reflexives, person words, first person, negation, hedges, past markers, quote
marks, the predicate in the client's words, a reporting verb earlier in the sentence, whether the
rules blocked the unit or would read it as a self-description, overlap with an agency span,
length, the SOAP section, the note's layout, conjunctions (voice x subject, copula x subject /
voice) and the unit's content lemmas. ``--drop PREFIX ...`` leaves feature families out.

Model: one logistic regression (scikit-learn, liblinear, L2, C=--C, random_state=SEED) over the
features seen in at least MIN_COUNT training rows. Evaluation: each development split held out in
turn (fitted on the others); at each threshold the held-out split's candidates at or above it are
added (no two overlapping, the most probable first: :func:`select`) to the found
self-descriptions, and the split is scored with ``narrative.extract.evaluate.score_item`` (greedy
one-to-one overlap match), pooled over all splits, over BLIND_SPLITS and on dev_pops. The stage
would ship at the threshold with the best pooled F1 among those keeping pooled precision >=
MIN_PRECISION, if that F1 beat the rules alone by MIN_F1_GAIN on all splits and on BLIND_SPLITS.

    .venv/bin/python scripts/train_self_recall.py [--rows rows.json] [--results table.md] [--C 0.3]
        [--drop w= ...] [--leave-out SPLIT ...]
"""

from __future__ import annotations

import argparse
import bisect
import datetime as dt
import json
from collections import Counter
from pathlib import Path
from typing import Any

import numpy as np
from gold_splits import (  # scripts/gold_splits.py
    BLIND_SPLITS,
    GOLD,
    add_leave_out_argument,
    dev_splits,
    fmt_counts,
    loso_probabilities,
    parse_items,
)
from scipy import sparse
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import roc_auc_score
from spacy.tokens import Doc

from narrative.config import load_config
from narrative.extract import classify as cl
from narrative.extract import read_gold
from narrative.extract.clauses import Unit, analyse, doc_text, sentence_bounds, token_table
from narrative.extract.components import BLOCKED_KEY, _ClauseComponent, _regions
from narrative.extract.evaluate import Counts, EvaluationReport, _overlaps, score_item
from narrative.extract.pipeline import load_pipeline
from narrative.extract.span_filter import (
    LENGTH_BINS,
    _doc_markers,
    _inside_quotes,
    _section,
    _subject_form,
    filter_cues,
)
from narrative.types import Statement

TYPE = "self_description"
C = 0.3
MIN_COUNT = 3
SEED = 0
THRESHOLDS = (0.3, 0.4, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95)
MIN_PRECISION = 0.90  # pooled leave-one-split-out precision the chosen threshold must keep
MIN_F1_GAIN = 0.003
DROP_PREFIXES: tuple[str, ...] = ()  # feature families left out (ablation; see RESULTS_self_recall.md)


COVERING_GROUPS = ("self_descriptions", "reflections", "chapter_titles")
SAME_OFFSET_GROUPS = ("agency", "indicators")  # (span extensions are keyed by offsets)
PERSON_WORDS = frozenset(
    {"person", "someone", "somebody", "one", "kind", "type", "sort", "guy", "woman", "man", "girl", "boy"}
)
PRED_DEPS = frozenset({"attr", "acomp", "oprd"})
CONTENT_POS = frozenset({"NOUN", "ADJ", "VERB"})
FIRST_PERSON_SUBJECTS = frozenset({"i", "im"})
CLIENT_REGION = 1  # narrative.extract.voice.CLIENT: the client's words
QUOTE_TOKENS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»", "„"})


def candidate_units(doc: Doc) -> list[tuple[Unit, bool]]:
    """(unit, blocked) of each clause the recall stage may add.

    The clause units of the voice analysis that are no question, hypothetical or generic "you",
    and the client's first-person clauses in the client's words that no unit reaches (the small
    parser hangs some quotations off a noun or a label: "Core belief (client's words): "I'm
    unlovable.""; subject to the end of its head's subtree, voice quoted, blocked False). None
    overlaps a self-description, reflection or chapter title or has the offsets of an agency or
    indicator span.
    """
    units = doc._.narrative_units
    if units is None:
        units = analyse(doc, _regions(doc))
        doc._.narrative_units = units
    cached = doc.user_data.get(BLOCKED_KEY)
    if cached is not None and cached[0] is units:
        flags = cached[1]
    else:
        titles = [(s.start, s.end) for s in doc.spans.get("chapter_titles", [])]
        flags = [_ClauseComponent._blocked(doc, u, titles) for u in units]
    covered = [(s.start, s.end) for g in COVERING_GROUPS for s in doc.spans.get(g, [])]
    same = {(s.start, s.end) for g in SAME_OFFSET_GROUPS for s in doc.spans.get(g, [])}
    pairs = list(zip(units, flags, strict=True)) + [(u, False) for u in _first_person_clauses(doc, units)]
    out = []
    for unit, blocked in pairs:
        if unit.question or unit.hypothetical or unit.generic_you or unit.end <= unit.start:
            continue
        if (unit.start, unit.end) in same:
            continue
        if any(a < unit.end and unit.start < b for a, b in covered):
            continue
        out.append((unit, blocked))
    return out


def _first_person_clauses(doc: Doc, units: list[Unit]) -> list[Unit]:
    """The client's quoted first-person clauses ("I" as the subject, in the client's words) whose
    head no unit has and that no unit spans: subject to the end of the head's subtree."""
    table = token_table(doc)
    regions = _regions(doc)
    heads = {u.head for u in units}
    out: list[Unit] = []
    for i, low in enumerate(table.lower):
        if low not in FIRST_PERSON_SUBJECTS or table.dep[i] not in ("nsubj", "nsubjpass"):
            continue
        h = table.head[i]
        if h in heads or regions[i] != CLIENT_REGION or h < i:
            continue
        if any(u.start <= i and h < u.end for u in units):
            continue
        end = doc[h].right_edge.i + 1
        while end > i + 1 and (table.punct[end - 1] or table.text[end - 1] in QUOTE_TOKENS):
            end -= 1
        if any(regions[j] != CLIENT_REGION for j in range(i, end)):
            continue  # (the claim stays inside the client's words)
        if out and out[-1].start <= i < out[-1].end:
            continue
        out.append(Unit(head=h, subj=i, start=i, end=end, voice="quoted", self_subject=True))
    return out


def recall_features(doc: Doc, unit: Unit, blocked: bool, *, cues: Any) -> dict[str, float]:
    """The recall stage's features of one candidate unit (names to values, all 1.0)."""
    table = token_table(doc)
    f: dict[str, float] = {f"voice={unit.voice}": 1.0}
    if unit.self_subject:
        f["self_subject"] = 1.0
    if blocked:
        f["blocked"] = 1.0
    head = doc[unit.head]
    f[f"subj={_subject_form(doc[unit.subj], cues) if unit.subj >= 0 else 'none'}"] = 1.0
    head_lemma = cl.lemma(head).lower()
    f[f"head_lemma={head_lemma}"] = 1.0
    f[f"head_pos={head.pos_}"] = 1.0
    f[f"head_dep={head.dep_}"] = 1.0
    if head_lemma in cues.COPULAR_LEMMAS:
        f["copular"] = 1.0
    if head_lemma in cues.SELF_VIEW_VERBS:
        f["self_view_verb"] = 1.0
    preds = [c for c in head.children if c.dep_ in PRED_DEPS and unit.start <= c.i < unit.end]
    if head.pos_ in ("NOUN", "ADJ", "PROPN"):
        preds.append(head)
    for pred in preds[:1]:
        p_lemma = pred.lemma_.lower()
        f[f"pred_pos={pred.pos_}"] = 1.0
        f[f"pred_lemma={p_lemma}"] = 1.0
        if p_lemma in cues.IDENTITY_LABELS or pred.lower_ in cues.IDENTITY_LABELS:
            f["pred_identity_label"] = 1.0
        if p_lemma in cues.STATE_PREDICATES:
            f["pred_state"] = 1.0
        if p_lemma in cues.POSITIVE_WORDS or p_lemma in cues.NEGATIVE_WORDS:
            f["pred_valence_word"] = 1.0
        if any(c.dep_ in ("relcl", "acl") for c in pred.children):
            f["pred_relcl"] = 1.0  # "someone who ...", "the one people come to"
    regions = _regions(doc)
    if any(regions[c.i] == CLIENT_REGION for c in preds[:1]) and unit.voice != "quoted":
        f["pred_in_client_words"] = 1.0  # 'he's been "a failure as a farmer"'
    if any(w in QUOTE_TOKENS for w in table.text[unit.start : unit.end]):
        f["quote_inside"] = 1.0
    subj_form = _subject_form(doc[unit.subj], cues) if unit.subj >= 0 else "none"
    f[f"voice={unit.voice}&subj={subj_form}"] = 1.0
    if "copular" in f:
        f[f"copular&subj={subj_form}"] = 1.0
        f[f"copular&voice={unit.voice}"] = 1.0
    bounds = sentence_bounds(doc)
    k = bisect.bisect_right([b[0] for b in bounds], unit.start) - 1
    sent_start = bounds[k][0] if k >= 0 else unit.start
    if any(table.lemma[j].lower() in cues.REPORTING_VERBS for j in range(sent_start, unit.start)):
        f["reporting_verb_before"] = 1.0  # 'Says since the drought year he's been ...'
    if unit.frame >= 0:
        f[f"frame_lemma={cl.lemma(doc[unit.frame]).lower()}"] = 1.0
        if unit.frame_in_span:
            f["frame_in_span"] = 1.0
    lowers = table.lower[unit.start : unit.end]
    lemmas = table.lemma[unit.start : unit.end]
    pos = table.pos[unit.start : unit.end]
    if any(w in cues.REFLEXIVES for w in lowers):
        f["reflexive"] = 1.0
    if any(w in ("self", "myself") for w in lowers):
        f["self_word"] = 1.0
    if any(w in PERSON_WORDS for w in lowers):
        f["person_word"] = 1.0
    n_first = sum(w in ("i", "me", "my", "myself", "mine") for w in lowers)
    f[f"first_person={min(n_first, 2)}"] = 1.0
    if any(d == "neg" for d in table.dep[unit.start : unit.end]):
        f["neg"] = 1.0
    if cl._hedged(doc, unit.start, unit.end):
        f["hedged"] = 1.0
    if any(w in cues.PAST_MARKERS for w in lowers):
        f["past_marker"] = 1.0
    if any(w in cues.POSITIVE_WORDS or w in cues.NEGATIVE_WORDS for w in lemmas):
        f["valence_word"] = 1.0
    if any(w in cues.IDENTITY_LABELS for w in lemmas):
        f["identity_label"] = 1.0
    n = unit.end - unit.start
    f[f"len<={next((b for b in LENGTH_BINS if n <= b), 'max')}"] = 1.0
    if any(a.start < unit.end and unit.start < a.end for a in doc.spans.get("agency", [])):
        f["overlaps_agency"] = 1.0
    if unit.self_subject and unit.voice != "clinician" and cl.self_description(doc, unit):
        f["rule_fires"] = 1.0  # (a blocked unit the rules would read as a self-description)
    text = doc_text(doc)
    start_char = table.idx[unit.start]
    line_start = text.rfind("\n", 0, start_char) + 1
    if _inside_quotes(text, line_start, start_char, cues):
        f["in_quotes"] = 1.0
    f[f"section={_section(text, line_start, cues)}"] = 1.0
    for mark in _doc_markers(doc, cues):
        f[mark] = 1.0
    for w, p in zip(lemmas, pos, strict=True):
        if p in CONTENT_POS:
            f[f"w={w.lower()}"] = 1.0
    return f


def select(scored: list[tuple[int, int, float]], threshold: float) -> list[int]:
    """Indices of the candidates kept: probability at least ``threshold``, no two overlapping
    (token bounds ``(start, end, p)``; of overlapping ones the most probable, ties the earlier)."""
    order = sorted(range(len(scored)), key=lambda i: (-scored[i][2], scored[i][0]))
    kept: list[int] = []
    for i in order:
        start, end, p = scored[i]
        if p < threshold:
            break
        if any(scored[j][0] < end and start < scored[j][1] for j in kept):
            continue
        kept.append(i)
    return sorted(kept)


def collect(splits: list[str]) -> list[dict]:
    """One record per gold item: its statements, and its candidate units with features and labels."""
    config = load_config()
    config["extract"] = {**(config.get("extract") or {}), "polarity_model": None}
    nlp = load_pipeline(config)
    cues = filter_cues("en")
    records = []
    for split in splits:
        items = read_gold(GOLD / f"{split}.jsonl")
        for k, (item, (doc, statements)) in enumerate(zip(items, parse_items(nlp, items), strict=True)):
            # (candidate_units reads the clause analysis and voice regions that the parse cached on
            # the doc, inside the author context, so it may run after it)
            found = [(s.start, s.end) for s in statements if s.type == TYPE]
            open_gold = [
                (g.start, g.end)
                for g in item.spans
                if g.type == TYPE and not any(_overlaps((g.start, g.end), f) for f in found)
            ]
            cands = []
            for unit, blocked in candidate_units(doc):
                span = doc[unit.start : unit.end]
                key = (span.start_char, span.end_char)
                cands.append(
                    {
                        "start": key[0],
                        "end": key[1],
                        "tok": [unit.start, unit.end],
                        "voice": unit.voice,
                        "y": int(any(_overlaps(key, g) for g in open_gold)),
                        "f": recall_features(doc, unit, blocked, cues=cues),
                    }
                )
            records.append(
                {
                    "split": split,
                    "item": k,
                    "statements": [s.to_dict() for s in statements],
                    "candidates": cands,
                    "open_gold": len(open_gold),
                    "reachable": sum(
                        any(_overlaps(g, (c["start"], c["end"])) for c in cands) for g in open_gold
                    ),
                }
            )
        print(f"  {split}: {len(items)} items", flush=True)
    return records


def features_of(row: dict) -> dict[str, float]:
    if not DROP_PREFIXES:
        return row["f"]
    return {k: v for k, v in row["f"].items() if not k.startswith(DROP_PREFIXES)}


def vocabulary(rows: list[dict]) -> list[str]:
    counts = Counter(k for r in rows for k in features_of(r))
    return sorted(k for k, n in counts.items() if n >= MIN_COUNT)


def matrix(rows: list[dict], vocab: list[str]) -> sparse.csr_matrix:
    index = {k: i for i, k in enumerate(vocab)}
    data, cols, ptr = [], [], [0]
    for row in rows:
        for k, v in features_of(row).items():
            if (i := index.get(k)) is not None:
                cols.append(i)
                data.append(v)
        ptr.append(len(cols))
    return sparse.csr_matrix((data, cols, ptr), shape=(len(rows), len(vocab)))


def fit(rows: list[dict]) -> tuple[list[str], LogisticRegression]:
    vocab = vocabulary(rows)
    y = np.array([r["y"] for r in rows])
    clf = LogisticRegression(C=C, solver="liblinear", random_state=SEED, max_iter=1000)
    return vocab, clf.fit(matrix(rows, vocab), y)


def loso_scores(records: list[dict], splits: list[str]) -> dict[tuple[str, int, int, int], float]:
    """Held-out probability of every candidate: (split, item, start, end) -> p."""
    rows = [{**c, "split": rec["split"], "item": rec["item"]} for rec in records for c in rec["candidates"]]
    return {
        (r["split"], r["item"], r["start"], r["end"]): pr
        for r, pr in loso_probabilities(rows, splits, fit, matrix)
    }


def added_statements(rec: dict, scores: dict, threshold: float | None) -> list[Statement]:
    """The candidates the stage adds to one item at ``threshold`` (None: none)."""
    if threshold is None:
        return []
    cands = rec["candidates"]
    scored = [
        (c["tok"][0], c["tok"][1], scores[(rec["split"], rec["item"], c["start"], c["end"])]) for c in cands
    ]
    out = []
    for i in select(scored, threshold):
        c = cands[i]
        out.append(
            Statement(
                statement_id=f"recall-{rec['item']}-{c['start']}",
                note_id=str(rec["item"]),
                client_id="gold",
                type=TYPE,
                text="",
                start=c["start"],
                end=c["end"],
                voice=c["voice"],
                polarity="neutral",
            )
        )
    return out


def evaluate_at(
    records: list[dict], gold: dict, scores: dict, threshold: float | None, splits: set[str]
) -> Counts:
    """Pooled self-description overlap counts over ``splits`` with the stage at ``threshold``."""
    report = EvaluationReport(gold_path="loso", n_items=0)
    for rec in records:
        if rec["split"] not in splits:
            continue
        kept = [Statement.from_dict(st) for st in rec["statements"] if st["type"] == TYPE]
        kept += added_statements(rec, scores, threshold)
        item = gold[rec["split"]][rec["item"]]
        score_item(item, kept, report)
    return report.overlap.get(TYPE, Counts())


def choose_threshold(table: dict) -> float | None:
    """The threshold with the best pooled leave-one-split-out F1 (ties: the higher) among those
    keeping pooled precision >= MIN_PRECISION; None when none beats the rules alone by MIN_F1_GAIN."""
    base = table[("all dev splits", None)]
    ok = [th for th in THRESHOLDS if table[("all dev splits", th)].precision >= MIN_PRECISION]
    if not ok:
        return None
    best = max(ok, key=lambda th: (round(table[("all dev splits", th)].f1, 6), th))
    return best if table[("all dev splits", best)].f1 - base.f1 >= MIN_F1_GAIN else None


def results_markdown(table, per_split, chosen, auc_value, n_rows, reach, groups, ships, notes) -> str:
    out = [
        "## Learned recall stage: leave-one-split-out results",
        "",
        f"Written by `scripts/train_self_recall.py` ({dt.date.today().isoformat()}). Every development split",
        "held out in turn, the model fitted on the other splits; the held-out split's candidates at or above",
        "the threshold are added to the rules' self-descriptions and the split is scored like `narrative",
        "evaluate` (overlap match, whole self-description type). P / R / F1 pooled over each group's splits;",
        "`rules` is the pipeline as shipped without the stage.",
        "",
        f"Candidates: {n_rows[1]} positive / {n_rows[0]} negative (positive: overlaps a gold self-description "
        f"no rule span overlaps). Gold self-descriptions the rules miss: {reach[0]}, of which {reach[1]} "
        f"overlap some candidate unit (the stage's ceiling). Held-out ROC AUC {auc_value:.3f}. Logistic "
        f"regression, C={C}, features seen in >= {MIN_COUNT} training rows"
        + (f", feature families left out: {', '.join(DROP_PREFIXES)}" if DROP_PREFIXES else "")
        + ".",
        "",
        "| threshold | " + " | ".join(groups) + " |",
        "|---:|" + "---|" * len(groups),
    ]
    for th in (None, *THRESHOLDS):
        mark = " (chosen)" if th == chosen and th is not None else ""
        label = "rules" if th is None else f"{th:.2f}"
        out.append(f"| {label}{mark} | " + " | ".join(fmt_counts(table[(g, th)]) for g in groups) + " |")
    if chosen is not None:
        out += ["", "Per held-out split at the chosen threshold (P / R before -> after):", ""]
        out += ["| split | self_description |", "|---|---|"]
    for split, (b, a) in per_split.items() if chosen is not None else ():
        out.append(
            f"| `{split}` | {b.precision:.3f} / {b.recall:.3f} -> {a.precision:.3f} / {a.recall:.3f} |"
        )
    verdict = "ships" if ships else "does not ship"
    out += [
        "",
        f"**Verdict: the recall stage {verdict}.**" + ("" if ships else " " + "; ".join(notes) + "."),
        "",
    ]
    return "\n".join(out)


def main() -> None:
    global DROP_PREFIXES, C
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--rows", type=Path, help="cache of the collected rows (read if it exists, else written)")
    ap.add_argument("--results", type=Path, help="write the results table (markdown) here")
    ap.add_argument("--drop", nargs="*", default=[], help="feature-name prefixes to leave out (ablation)")
    ap.add_argument("--C", type=float, default=C, help=f"inverse regularisation strength (default {C})")
    add_leave_out_argument(ap)
    args = ap.parse_args()
    DROP_PREFIXES = tuple(args.drop)
    C = args.C
    splits = dev_splits(args.leave_out)
    if args.rows and args.rows.is_file():
        records = json.loads(args.rows.read_text(encoding="utf-8"))
        records = [r for r in records if r["split"] in splits]
    else:
        records = collect(splits)
        if args.rows:
            args.rows.write_text(json.dumps(records), encoding="utf-8")
    gold = {s: read_gold(GOLD / f"{s}.jsonl") for s in splits}
    scores = loso_scores(records, splits)
    blind = set(BLIND_SPLITS) & set(splits)
    groups = {"all dev splits": set(splits), f"BLIND_SPLITS ({len(blind)})": blind}
    if "dev_pops" in splits:
        groups["dev_pops"] = {"dev_pops"}
    table = {
        (name, th): evaluate_at(records, gold, scores, th, members)
        for name, members in groups.items()
        for th in (None, *THRESHOLDS)
    }
    blind_name = f"BLIND_SPLITS ({len(blind)})"
    for name in groups:
        for th in (None, *THRESHOLDS):
            c = table[(name, th)]
            label = "rules" if th is None else f"{th:.2f}"
            print(f"  {name:20s} {label:>5}  {fmt_counts(c)}  tp {c.tp} fp {c.fp} fn {c.fn}")
    rows = [c for rec in records for c in rec["candidates"]]
    n_rows = Counter(c["y"] for c in rows)
    keys = [(rec["split"], rec["item"], c["start"], c["end"]) for rec in records for c in rec["candidates"]]
    auc_value = float(roc_auc_score([c["y"] for c in rows], [scores[k] for k in keys]))
    reach = (sum(r["open_gold"] for r in records), sum(r["reachable"] for r in records))
    chosen = choose_threshold(table)
    notes = []
    ships = chosen is not None
    if chosen is None:
        base = table[("all dev splits", None)]
        ok = [th for th in THRESHOLDS if table[("all dev splits", th)].precision >= MIN_PRECISION]
        best = max(ok, key=lambda th: table[("all dev splits", th)].f1) if ok else None
        gain = table[("all dev splits", best)].f1 - base.f1 if best is not None else 0.0
        notes.append(
            f"no threshold with pooled precision >= {MIN_PRECISION} raises the pooled F1 by {MIN_F1_GAIN} "
            f"or more (best: {gain:+.4f} at {best})"
        )
    else:
        for name in ("all dev splits", blind_name):
            gain = table[(name, chosen)].f1 - table[(name, None)].f1
            if gain < MIN_F1_GAIN:
                ships = False
                notes.append(f"F1 on {name} up by {gain:+.3f} only")
    per_split = {
        s: (evaluate_at(records, gold, scores, None, {s}), evaluate_at(records, gold, scores, chosen, {s}))
        for s in splits
    }
    md = results_markdown(table, per_split, chosen, auc_value, n_rows, reach, list(groups), ships, notes)
    if args.results:
        args.results.write_text(md, encoding="utf-8")
        print(f"wrote {args.results}")
    print(
        f"\nheld-out ROC AUC {auc_value:.3f}; reach {reach}; rows {dict(n_rows)}; chosen {chosen}; ships {ships} {notes}"
    )


if __name__ == "__main__":
    main()
