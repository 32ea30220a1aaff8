"""Recall and precision of de-identification on the planted-identifier test set.

Usage:
    .venv/bin/python scripts/eval_deid.py [--data corpora/privacy/planted.jsonl] [--split dev|test|all]
        [--date-mode shift|year] [--show-misses N] [--json] [--unlisted-names] [--windows]

--unlisted-names removes every word of the split's planted names from the bundled name lists before
evaluating, so that names are found only by context rules and the NER (a stress test of how the tool
does on names no list holds; tune on dev only).

--windows de-identifies each sentence from its own window (the sentence and the one before it, spaCy's
NER on that window only), the way `narrative analyze` masks quotes, and scores the note put back together.

Criterion (documented in corpora/privacy/README.md). A planted identifier counts as REMOVED only if
  (a) every letter and digit of it lies inside a masked span, and
  (b) none of its digit runs of 3 or more digits appears anywhere in the output note (for DATE
      identifiers the 4-digit year is exempt: Safe Harbor allows the year), and
  (c) none of its words of 3 or more letters appears as a whole word in the output note
      (case-insensitive; words that also occur in the note's keep strings or in the
      replacement tokens are exempt).
Recall = removed / planted. Precision = masked characters that lie inside planted identifiers /
all masked characters (over-masking lowers it). Keep survival = keep strings found verbatim in
the output / all keep strings.
"""

from __future__ import annotations

import argparse
import copy
import json
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from narrative.privacy import Privacy  # noqa: E402

DATA = ROOT / "corpora" / "privacy" / "planted.jsonl"
YEAR = re.compile(r"^(?:19|20)\d\d$")
TOKENS = {"name", "date", "phone", "email", "address", "zip", "url", "location", "redacted", "age"}


def removed(ident: dict, covered: list[bool], output: str, keep_words: set[str]) -> bool:
    """The removal criterion (a)-(c) above."""
    text, start = ident["text"], ident["start"]
    if not all(covered[start + i] for i, ch in enumerate(text) if ch.isalnum()):
        return False
    if ident["type"] == "DATE":
        # a shifted date may keep its month name or year; the original date itself must be gone
        return re.search(rf"(?<![\w/.-]){re.escape(text)}(?![\w/-])", output, flags=re.IGNORECASE) is None
    for run in re.findall(r"\d{3,}", text):
        if ident["type"] == "DATE" and YEAR.match(run):
            continue
        if run in output:
            return False
    for word in re.findall(r"[A-Za-z][A-Za-z']{2,}", text):
        low = word.lower()
        if low in keep_words or low in TOKENS:
            continue
        if re.search(rf"(?<![A-Za-z]){re.escape(low)}(?![A-Za-z])", output.lower()):
            return False
    return True


def without_planted_names(privacy: Privacy, rows: list[dict]) -> None:
    """Drop the words of the planted names from the name lists ``privacy`` uses (before first use)."""
    deid = privacy.deidentifier
    words = {
        w.casefold() for r in rows for i in r["identifiers"] if i["type"] == "NAME" for w in i["text"].split()
    }
    rules = copy.copy(deid.rules)
    rules.given_names = rules.given_names - words
    rules.ambiguous_names = rules.ambiguous_names - words
    rules.surnames = rules.surnames - words
    rules.ambiguous_surnames = rules.ambiguous_surnames - words
    deid._rules = rules
    deid._analyzer = None


def windowed(privacy: Privacy, text: str, client: str) -> tuple[list, str]:
    """(findings, output) as ``narrative analyze`` de-identifies a note's quotes, with every sentence
    taken as a statement on its own: each sentence is read from its window (the sentence and the one
    before it, spaCy's NER run on that window only) and masked alone; the note is put back together
    from the masked sentences. The hardest case for the windows: no sentence shares a neighbour's
    context beyond the one before it."""
    from narrative.engine.batch import _window_docs, statement_windows

    deid = privacy.deidentifier
    nlp = deid.nlp
    with nlp.select_pipes(disable=["ner"]):
        doc = nlp(text)
    ner = nlp.get_pipe("ner")
    findings: list = []
    out: list[str] = []
    cursor = 0
    for sent in doc.sents:
        span = (sent.start_char, sent.end_char)
        windows = [(o, ner(w)) for o, w in _window_docs(doc, statement_windows(doc, [span]))]
        findings += [
            type(f)(max(f.start, span[0]), min(f.end, span[1]), f.entity, f.score)
            for f in deid.analyze_windows(text, windows)
            if f.start < span[1] and f.end > span[0]
        ]
        [(safe, _)] = privacy.spans_with_derived(text, [span], [None], client_id=client, windows=windows)
        out += [text[cursor : span[0]], safe]
        cursor = span[1]
    out.append(text[cursor:])
    return findings, "".join(out)


def evaluate(rows: list[dict], privacy: Privacy, *, windows: bool = False) -> dict:
    per_type: dict[str, Counter] = defaultdict(Counter)
    masked_total = masked_planted = 0
    keep_total = keep_ok = 0
    misses: list[str] = []
    over: Counter = Counter()
    for row in rows:
        text = row["text"]
        if windows:
            findings, output = windowed(privacy, text, row["id"])
        else:
            findings = privacy.findings(text)
            output = privacy.text(text, row["id"])
        covered = [False] * len(text)
        for f in findings:
            for i in range(f.start, f.end):
                covered[i] = True
        planted = [False] * len(text)
        for ident in row["identifiers"]:
            for i in range(ident["start"], ident["end"]):
                planted[i] = True
        masked_total += sum(1 for i, c in enumerate(covered) if c and not text[i].isspace())
        masked_planted += sum(1 for i, c in enumerate(covered) if c and planted[i] and not text[i].isspace())
        for f in findings:
            if not any(planted[f.start : f.end]):
                over[f"{f.entity}: {text[f.start : f.end]!r}"] += 1
        keep_words = {w.lower() for k in row["keep"] for w in re.findall(r"[A-Za-z']+", k)}
        for ident in row["identifiers"]:
            ok = removed(ident, covered, output, keep_words)
            per_type[ident["type"]]["planted"] += 1
            per_type[ident["type"]]["removed"] += ok
            if not ok:
                misses.append(f"{row['id']} {ident['type']}: {ident['text']!r}")
        for k in row["keep"]:
            keep_total += 1
            if k in output:
                keep_ok += 1
            else:
                misses.append(f"{row['id']} KEEP lost: {k!r}")
    n = sum(c["planted"] for c in per_type.values())
    r = sum(c["removed"] for c in per_type.values())
    return {
        "notes": len(rows),
        "identifiers": n,
        "recall": r / n if n else 1.0,
        "precision": masked_planted / masked_total if masked_total else 1.0,
        "keep_survival": keep_ok / keep_total if keep_total else 1.0,
        "keep_total": keep_total,
        "per_type": {
            t: {"planted": c["planted"], "recall": c["removed"] / c["planted"]}
            for t, c in sorted(per_type.items())
        },
        "misses": misses,
        "over_masked": over.most_common(),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", choices=["dev", "test", "all"], default="all")
    parser.add_argument("--date-mode", choices=["shift", "year"], default="shift")
    parser.add_argument("--show-misses", type=int, default=20)
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument(
        "--unlisted-names", action="store_true", help="take the planted names out of the name lists first"
    )
    parser.add_argument(
        "--windows",
        action="store_true",
        help="de-identify each sentence from its own window, as `narrative analyze` does for quotes",
    )
    args = parser.parse_args(argv)
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line.strip()]
    privacy = Privacy({"date_mode": args.date_mode}, key=b"evaluation-key-not-secret-000000")
    splits = ["dev", "test"] if args.split == "all" else [args.split]
    results = {}
    for split in splits:
        subset = [r for r in rows if r.get("split", "dev") == split]
        if args.unlisted_names:
            without_planted_names(privacy, subset)
        privacy.text("warm up", "x")
        t0 = time.perf_counter()
        results[split] = evaluate(subset, privacy, windows=args.windows)
        results[split]["seconds_per_note"] = (time.perf_counter() - t0) / max(len(subset), 1) / 2
    if args.json:
        print(
            json.dumps(
                {
                    k: {kk: vv for kk, vv in v.items() if kk not in {"misses", "over_masked"}}
                    for k, v in results.items()
                },
                indent=2,
            )
        )
        return 0
    for split, res in results.items():
        print(
            f"== {split}: {res['notes']} notes, {res['identifiers']} planted identifiers "
            f"({res['seconds_per_note'] * 1000:.0f} ms/note incl. parse)"
        )
        print(
            f"recall {res['recall']:.4f}   precision {res['precision']:.4f}   "
            f"keep strings survived {res['keep_survival']:.4f} of {res['keep_total']}"
        )
        for t, c in res["per_type"].items():
            print(f"   {t:<9} n={c['planted']:<4} recall {c['recall']:.3f}")
        for line in res["misses"][: args.show_misses]:
            print("   miss:", line)
        for item, count in res["over_masked"][: args.show_misses]:
            print(f"   over-masked x{count}: {item}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
