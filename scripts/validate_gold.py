"""Validate the gold extraction corpus and print its counts.

Checks every line of corpora/gold/dev.jsonl and test.jsonl (and dev_styles.jsonl,
dev_wild.jsonl, dev_titles.jsonl and dev_blind.jsonl, the further development splits,
when present): JSON shape, unique ids across the splits, no note text shared between
splits, character offsets
(``text[start:end] == span["text"]``), span boundaries without surrounding
whitespace or quote marks where the guidelines forbid them, allowed types, voices,
polarities (agency: agentic/non_agentic/mixed; other types:
positive/negative/neutral) and attribute values, indicator spans carrying a
domain and a progress value, and no duplicate spans. Prints per-type counts per
split plus voice, polarity, attribute and hard-negative shares.

Usage: python scripts/validate_gold.py [--gold-dir corpora/gold] [--markdown]
Exit code 0 when valid, 1 when any problem was found (each problem is printed).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

from build_gold import SPLIT_SOURCES  # (scripts/ is on sys.path when this script runs)

SPLITS = tuple(SPLIT_SOURCES)  # every split scripts/build_gold.py builds, in its order
OPTIONAL_SPLITS = tuple(s for s in SPLITS if s not in ("dev", "test"))  # validated when the file exists
TYPES = ("self_description", "agency", "chapter_title", "indicator")
VOICES = ("quoted", "reported", "clinician")
AGENCY_POLARITIES = ("agentic", "non_agentic", "mixed")
OTHER_POLARITIES = ("positive", "negative", "neutral")
ATTR_VALUES: dict[str, tuple] = {
    "domain": (
        "mood",
        "relationships",
        "self_perception",
        "work_school",
        "coping",
        "body_health",
        "goals",
    ),
    "progress": ("progress", "no_change", "setback"),
    "label_kind": ("identity_first", "person_first"),
    "negated": (True,),
    "hedged": (True,),
    "temporal": ("past", "present", "future", "contrast"),
    "agency_kind": (
        "volition",
        "ability",
        "inability",
        "obligation",
        "desire",
        "external",
        "passive",
        "coping",
        "contrast",
    ),
}
ATTRS_BY_TYPE = {
    "self_description": {"negated", "hedged", "temporal", "label_kind"},
    "agency": {"negated", "hedged", "temporal", "agency_kind", "label_kind"},
    "chapter_title": set(),
    "indicator": {"domain", "progress"},
}
HARD_NEGATIVES = (
    "clinician_narration",
    "other_person",
    "question",
    "hypothetical",
    "lyric_title",
    "therapist",
    "generic_you",
    "document_title",
    "no_title",
    "mse",
    "plan",
    "untagged",
    "state_not_identity",
)
# g: dev and test, s: dev_styles, w: dev_wild, k: dev_titles, b: dev_blind, u: dev_unseen,
# f: dev_fresh, p: dev_soap, m: dev_mix, q: dev_quotes, r: dev_review
# an item id: a split's prefix (one letter, or two once the letters ran out) and four digits
ID_RE = re.compile(
    r"^(?:"
    + "|".join(sorted({prefix for _, _, prefix in SPLIT_SOURCES.values()}, key=len, reverse=True))
    + r")\d{4}$"
)
QUOTE_CHARS = "\"'“”‘’«»„"


def _check_clause_end(stext: str, where: str) -> list[str]:
    """Clause spans end without final punctuation, except inside a quotation they opened."""
    if stext[-1] in ".,;:!?":
        return [f"{where}: clause span ends with punctuation: {stext!r}"]
    if stext[-1] == '"' and stext.count('"') % 2:
        return [f"{where}: clause span ends with an unopened quote mark: {stext!r}"]
    if stext[-1] == "”" and "“" not in stext:
        return [f"{where}: clause span ends with an unopened quote mark: {stext!r}"]
    if stext[0] in "\"“‘'":
        return [f"{where}: clause span starts with a quote mark: {stext!r}"]
    return []


def _check_span(span: object, text: str, where: str) -> list[str]:
    if not isinstance(span, dict):
        return [f"{where}: span is not an object"]
    problems: list[str] = []
    missing = {"type", "start", "end", "text", "voice", "polarity"} - span.keys()
    if missing:
        return [f"{where}: span misses keys {sorted(missing)}"]
    extra = span.keys() - {"type", "start", "end", "text", "voice", "polarity", "attrs"}
    if extra:
        problems.append(f"{where}: span has unknown keys {sorted(extra)}")
    stype, start, end = span["type"], span["start"], span["end"]
    if stype not in TYPES:
        problems.append(f"{where}: type {stype!r} not in {TYPES}")
    if not (isinstance(start, int) and isinstance(end, int)) or isinstance(start, bool):
        return [*problems, f"{where}: start/end must be integers"]
    if not 0 <= start < end <= len(text):
        return [*problems, f"{where}: offsets {start}:{end} outside text of length {len(text)}"]
    if text[start:end] != span["text"]:
        problems.append(f"{where}: text[{start}:{end}] = {text[start:end]!r} != span text {span['text']!r}")
    stext = span["text"]
    if stext != stext.strip():
        problems.append(f"{where}: span text has surrounding whitespace: {stext!r}")
    if stype == "chapter_title" and (stext[0] in QUOTE_CHARS or stext[-1] in QUOTE_CHARS):
        problems.append(f"{where}: chapter_title span includes quote marks: {stext!r}")
    if stype in ("self_description", "agency"):
        problems.extend(_check_clause_end(stext, where))
    if span["voice"] not in VOICES:
        problems.append(f"{where}: voice {span['voice']!r} not in {VOICES}")
    allowed = AGENCY_POLARITIES if stype == "agency" else OTHER_POLARITIES
    if span["polarity"] not in allowed:
        problems.append(f"{where}: polarity {span['polarity']!r} not allowed for {stype}: {allowed}")
    attrs = span.get("attrs", {})
    if not isinstance(attrs, dict):
        return [*problems, f"{where}: attrs is not an object"]
    for key, value in attrs.items():
        if key not in ATTR_VALUES:
            problems.append(f"{where}: unknown attribute {key!r}")
        elif value not in ATTR_VALUES[key]:
            problems.append(f"{where}: attribute {key}={value!r} not in {ATTR_VALUES[key]}")
        elif stype in ATTRS_BY_TYPE and key not in ATTRS_BY_TYPE[stype]:
            problems.append(f"{where}: attribute {key!r} does not apply to {stype}")
    if stype == "indicator" and not {"domain", "progress"} <= attrs.keys():
        problems.append(f"{where}: indicator span needs attrs.domain and attrs.progress")
    if stype in ("self_description", "agency") and "temporal" not in attrs:
        problems.append(f"{where}: {stype} span needs attrs.temporal")
    if stype == "agency" and "agency_kind" not in attrs:
        problems.append(f"{where}: agency span needs attrs.agency_kind")
    return problems


def validate_split(path: Path, seen_ids: set[str]) -> tuple[list[dict], list[str]]:
    """Read one split; return its items and the problems found."""
    items: list[dict] = []
    problems: list[str] = []
    if not path.exists():
        return items, [f"{path}: file not found"]
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{lineno}"
        if not line.strip():
            problems.append(f"{where}: empty line")
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        if not isinstance(item, dict) or not {"id", "text", "spans"} <= item.keys():
            problems.append(f"{where}: item needs keys id, text, spans")
            continue
        item_id, text = item["id"], item["text"]
        where = f"{where} ({item_id})"
        if not isinstance(item_id, str) or not ID_RE.match(item_id):
            problems.append(
                f"{where}: id must look like g0001 (s0001 in dev_styles, w0001 in dev_wild, "
                "k0001 in dev_titles, b0001 in dev_blind, u0001 in dev_unseen, f0001 in dev_fresh, "
                "p0001 in dev_soap, m0001 in dev_mix, q0001 in dev_quotes, r0001 in dev_review)"
            )
        elif item_id in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(str(item_id))
        if not isinstance(text, str) or not text.strip():
            problems.append(f"{where}: text must be a non-empty string")
            continue
        if not isinstance(item["spans"], list):
            problems.append(f"{where}: spans must be a list")
            continue
        for cat in item.get("hard_negatives", []):
            if cat not in HARD_NEGATIVES:
                problems.append(f"{where}: unknown hard-negative category {cat!r}")
        keys = Counter()
        for i, span in enumerate(item["spans"]):
            problems.extend(_check_span(span, text, f"{where} span {i}"))
            if isinstance(span, dict):
                keys[(span.get("type"), span.get("start"), span.get("end"))] += 1
        for key, n in keys.items():
            if n > 1:
                problems.append(f"{where}: duplicate span {key}")
        items.append(item)
    return items, problems


def summarize(items: list[dict]) -> dict:
    """Counts of one split: items, spans per type, voice/polarity per type, negatives."""
    spans = [s for item in items for s in item["spans"]]
    neg_items = sum(1 for item in items if item.get("hard_negatives"))
    only_neg = sum(1 for item in items if item.get("hard_negatives") and not item["spans"])
    return {
        "items": len(items),
        "items_without_spans": sum(1 for item in items if not item["spans"]),
        "hard_negative_items": neg_items,
        "hard_negative_only_items": only_neg,
        "types": Counter(s["type"] for s in spans),
        "voice": Counter((s["type"], s["voice"]) for s in spans),
        "polarity": Counter((s["type"], s["polarity"]) for s in spans),
        "attrs": Counter(f"{k}={v}" for s in spans for k, v in s.get("attrs", {}).items() if k != "temporal"),
        "temporal": Counter(s.get("attrs", {}).get("temporal") for s in spans if s.get("attrs")),
        "hard_negatives": Counter(c for item in items for c in item.get("hard_negatives", [])),
        "style": Counter(item.get("style", "?") for item in items),
    }


def _print_text(summaries: dict[str, dict]) -> None:
    for split, s in summaries.items():
        print(
            f"== {split}: {s['items']} items, {s['items_without_spans']} without spans, "
            f"{s['hard_negative_items']} with hard negatives "
            f"({s['hard_negative_items'] / max(s['items'], 1):.0%}), "
            f"{s['hard_negative_only_items']} only hard negatives"
        )
        for t in TYPES:
            voices = ", ".join(f"{v}={s['voice'][(t, v)]}" for v in VOICES)
            pols = AGENCY_POLARITIES if t == "agency" else OTHER_POLARITIES
            polarity = ", ".join(f"{p}={s['polarity'][(t, p)]}" for p in pols)
            print(f"  {t:17} {s['types'][t]:4d}   voice: {voices}   polarity: {polarity}")
        print("  attrs:", ", ".join(f"{k}={v}" for k, v in sorted(s["attrs"].items())))
        print("  temporal:", dict(s["temporal"]))
        print("  hard negatives:", dict(s["hard_negatives"].most_common()))
        print("  styles:", dict(s["style"].most_common()))


def _print_markdown(summaries: dict[str, dict]) -> None:
    splits = list(summaries)
    print("| | " + " | ".join(splits) + " | total |")
    print("|---|" + "---:|" * (len(splits) + 1))
    rows = [("items", lambda s: s["items"])]
    rows += [(t, lambda s, t=t: s["types"][t]) for t in TYPES]
    rows += [
        ("items with hard negatives", lambda s: s["hard_negative_items"]),
        ("items with only hard negatives (no spans)", lambda s: s["hard_negative_only_items"]),
    ]
    for name, get in rows:
        values = [get(summaries[sp]) for sp in splits]
        print(f"| {name} | " + " | ".join(str(v) for v in values) + f" | {sum(values)} |")


def validate_paraphrases(path: Path) -> tuple[Counter, list[str]]:
    """Check the paraphrase groups; return (valence counts, problems)."""
    problems: list[str] = []
    counts: Counter = Counter()
    seen: set[str] = set()
    variants_seen: set[str] = set()
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{lineno}"
        try:
            group = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(f"{where}: invalid JSON ({exc.msg})")
            continue
        gid, variants = group.get("id"), group.get("variants")
        if not isinstance(gid, str) or gid in seen:
            problems.append(f"{where}: missing or duplicate id {gid!r}")
        seen.add(str(gid))
        if not isinstance(variants, list) or not 3 <= len(variants) <= 4:
            problems.append(f"{where}: variants must be a list of 3-4 strings")
            continue
        for variant in variants:
            if not isinstance(variant, str) or not variant.strip():
                problems.append(f"{where}: empty or non-string variant")
            elif variant in variants_seen:
                problems.append(f"{where}: variant repeated: {variant!r}")
            variants_seen.add(str(variant))
        if group.get("type") not in TYPES:
            problems.append(f"{where}: type {group.get('type')!r} not in {TYPES}")
        valence = group.get("valence")
        if valence not in ("positive", "negative", "neutral", "mixed"):
            problems.append(f"{where}: valence {valence!r} not positive/negative/neutral/mixed")
        counts[(group.get("type"), valence)] += 1
    return counts, problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=Path("corpora/gold"))
    parser.add_argument("--markdown", action="store_true", help="print a Markdown count table")
    parser.add_argument(
        "--paraphrases",
        type=Path,
        default=Path("corpora/paraphrase/paraphrases.jsonl"),
        help="paraphrase groups to check as well (skipped when the file is absent)",
    )
    args = parser.parse_args(argv)
    seen: set[str] = set()
    summaries: dict[str, dict] = {}
    problems: list[str] = []
    texts: dict[str, set[str]] = {}
    for split in SPLITS:
        path = args.gold_dir / f"{split}.jsonl"
        if split in OPTIONAL_SPLITS and not path.exists():
            continue
        items, found = validate_split(path, seen)
        problems.extend(found)
        summaries[split] = summarize(items)
        texts[split] = {item["text"] for item in items}
    names = list(texts)
    for i, first in enumerate(names):
        for second in names[i + 1 :]:
            for text in texts[first] & texts[second]:
                problems.append(f"text appears in both {first} and {second}: {text[:60]!r}")
    if args.markdown:
        _print_markdown(summaries)
    else:
        _print_text(summaries)
    if args.paraphrases.exists():
        pcounts, found = validate_paraphrases(args.paraphrases)
        problems.extend(found)
        if not args.markdown:
            total = sum(pcounts.values())
            print(
                f"== paraphrases: {total} groups;",
                ", ".join(f"{t}/{v}={n}" for (t, v), n in sorted(pcounts.items(), key=str)),
            )
    for problem in problems:
        print("PROBLEM", problem)
    print(f"{len(problems)} problem(s)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
