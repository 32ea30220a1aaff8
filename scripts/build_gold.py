"""Build corpora/gold/{dev,test,dev_styles,...}.jsonl from the hand-written annotation sources.

The annotators write items in a compact line format under ``corpora/gold/src/``
(``dev-*.txt``, ``test-*.txt``, ``dev-styles-*.txt``, ``dev-wild-*.txt``,
``dev-titles-*.txt`` and ``dev-blind-*.txt``, read in name order; the ``dev-styles-*``,
``dev-wild-*``, ``dev-titles-*`` and ``dev-blind-*`` files form their own development splits
``dev_styles.jsonl`` (ids ``s0001...``), ``dev_wild.jsonl`` (ids ``w0001...``),
``dev_titles.jsonl`` (ids ``k0001...``), ``dev_blind.jsonl`` (ids ``b0001...``) and
``dev_unseen.jsonl`` (ids ``u0001...``, from ``dev-unseen-*.txt``), ``dev_fresh.jsonl`` (ids
``f0001...``, from ``dev-fresh-*.txt``) and ``dev_soap.jsonl`` (ids ``p0001...``, from
``dev-soap-*.txt``) and ``dev_mix.jsonl`` (ids ``m0001...``, from ``dev-mix-*.txt``) and ``dev_quotes.jsonl`` (ids ``q0001...``,
from ``dev-quotes-*.txt``) and ``dev_review.jsonl`` (ids ``r0001...``, from ``dev-review-*.txt``), ``dev_clinic.jsonl`` (ids ``c0001...``, from ``dev-clinic-*.txt``) and
``dev_terse.jsonl`` (ids ``t0001...``, from ``dev-terse-*.txt``), ``dev_outpt.jsonl`` (ids ``o0001...``, from
``dev-outpt-*.txt``), ``dev_research.jsonl`` (ids ``e0001...``, from ``dev-research-*.txt``) and
``dev_brief.jsonl`` (ids ``a0001...``, from ``dev-brief-*.txt``), ``dev_shift.jsonl`` (ids ``h0001...``,
from ``dev-shift-*.txt``), ``dev_process.jsonl`` (ids ``v0001...``, from ``dev-process-*.txt``),
``dev_terse2.jsonl`` (ids ``x0001...``, from ``dev-terse2-*.txt``), ``dev_prose.jsonl`` (ids
``n0001...``, from ``dev-prose-*.txt``), ``dev_selfview.jsonl`` (ids ``y0001...``, from
``dev-selfview-*.txt``), ``dev_agency.jsonl`` (ids ``j0001...``, from ``dev-agency-*.txt``) and
``dev_identity.jsonl`` (ids ``z0001...``, from ``dev-identity-*.txt``) and ``dev_export.jsonl`` (ids
``l0001...``, from ``dev-export-*.txt``), ``dev_caseload.jsonl`` (ids ``d0001...``, from
``dev-caseload-*.txt``), ``dev_chapters.jsonl`` (ids ``i0001...``, from ``dev-chapters-*.txt``) and
``dev_voices.jsonl`` (ids ``va0001...``, from ``dev-voices-*.txt``; the one-letter prefixes are all taken) and
``dev_daily.jsonl`` (ids ``vb0001...``, from ``dev-daily-*.txt``), ``dev_stories.jsonl`` (ids ``vc0001...``,
from ``dev-stories-*.txt``), ``dev_acts.jsonl`` (ids ``vd0001...``, from ``dev-acts-*.txt``),
``dev_selftalk.jsonl`` (ids ``ve0001...``, from ``dev-selftalk-*.txt``), ``dev_intake.jsonl`` (ids
``vf0001...``, from ``dev-intake-*.txt``), ``dev_views.jsonl`` (ids ``vg0001...``, from ``dev-views-*.txt``),
``dev_groups.jsonl`` (ids ``vh0001...``, from ``dev-groups-*.txt``), ``dev_written.jsonl`` (ids ``vi0001...``,
from ``dev-written-*.txt``), ``dev_acute.jsonl`` (ids ``vj0001...``, from ``dev-acute-*.txt``),
``dev_corpus.jsonl`` (ids ``vk0001...``, from ``dev-corpus-*.txt``), ``dev_modes.jsonl`` (ids
``vl0001...``, from ``dev-modes-*.txt``), ``dev_pops.jsonl`` (ids ``vm0001...``, from
``dev-pops-*.txt``), ``dev_therapies.jsonl`` (ids ``vn0001...``, from ``dev-therapies-*.txt``),
``dev_settings.jsonl`` (ids ``vo0001...``, from ``dev-settings-*.txt``),
``dev_courses.jsonl`` (ids ``vp0001...``, from ``dev-courses-*.txt``),
``dev_speech.jsonl`` (ids ``vq0001...``, from ``dev-speech-*.txt``),
``dev_plain.jsonl`` (ids ``vr0001...``, from ``dev-plain-*.txt``) and
``dev_contrast.jsonl`` (ids ``vs0001...``, from ``dev-contrast-*.txt``) and are not
part of ``dev.jsonl``); this script computes the
character offsets with ``str.find`` and writes one JSON object per item. Offsets
are never typed by hand. Run ``scripts/validate_gold.py`` afterwards.

Source format (one item starts at each ``T:`` line)::

    # comment
    T: first line of the note text
    T+ further line (joined to the text with a newline)
    Y: style tag of the item (verbatim, reported, soap, review, chapter_prompt, ...)
    H: hard-negative categories present in the text, comma separated
    S: <type> | <span text> | <voice> | <polarity> | <attr> <attr> ...

Codes: type ``sd`` self_description, ``ag`` agency, ``ct`` chapter_title,
``ind`` indicator; voice ``q`` quoted, ``r`` reported, ``c`` clinician;
polarity ``+ - 0`` positive/negative/neutral, ``a n m`` agentic/non_agentic/mixed.
Attributes: ``t=past|pr|fut|con`` temporal (self_description and agency default to
present), ``k=<agency kind>``, ``neg`` negated, ``hedge`` hedged, ``lk=if|pf``
label kind, ``d=<domain>``, ``p=prog|same|set`` progress, ``@N`` = the span is the
N-th occurrence of its text (default the first occurrence after the previous span
of the item that has the same text). A backslash followed by ``t`` in a text or span
stands for a tab (table rows in notes); in an ``S:`` line a backslash followed by ``|``
stands for a literal pipe inside the span text (pipe-table rows).

Usage: python scripts/build_gold.py [--gold-dir corpora/gold]
       [--split dev|test|dev_styles|dev_wild|dev_titles|dev_blind|dev_unseen|dev_fresh|dev_soap|dev_mix|dev_quotes|dev_review|dev_clinic|dev_terse|dev_outpt|dev_research|dev_brief|dev_shift|dev_process|dev_terse2|dev_prose|dev_selfview|dev_agency|dev_identity|dev_export|dev_caseload|dev_chapters|dev_voices|dev_daily|dev_stories|dev_acts|dev_selftalk|dev_intake|dev_views|dev_groups|dev_written|dev_acute|dev_corpus|dev_modes|dev_pops|dev_therapies|dev_settings|dev_courses|dev_speech|dev_plain|dev_contrast ...]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

TYPES = {"sd": "self_description", "ag": "agency", "ct": "chapter_title", "ind": "indicator"}
VOICES = {"q": "quoted", "r": "reported", "c": "clinician"}
POLARITIES = {
    "+": "positive",
    "-": "negative",
    "0": "neutral",
    "a": "agentic",
    "n": "non_agentic",
    "m": "mixed",
}
TEMPORAL = {"past": "past", "pr": "present", "fut": "future", "con": "contrast"}
LABEL_KIND = {"if": "identity_first", "pf": "person_first"}
DOMAINS = {
    "mood": "mood",
    "rel": "relationships",
    "self": "self_perception",
    "work": "work_school",
    "cope": "coping",
    "body": "body_health",
    "goals": "goals",
}
PROGRESS = {"prog": "progress", "same": "no_change", "set": "setback"}
AGENCY_KINDS = {
    "volition",
    "ability",
    "inability",
    "obligation",
    "desire",
    "external",
    "passive",
    "coping",
    "contrast",
}


# Per split: source glob, source-name prefixes to leave out, id prefix.
SPLIT_SOURCES = {
    "dev": ("dev-*.txt", (), "g"),  # every other development split's files are left out below
    "test": ("test-*.txt", (), "g"),
    "dev_styles": ("dev-styles-*.txt", (), "s"),
    "dev_wild": ("dev-wild-*.txt", (), "w"),
    "dev_titles": ("dev-titles-*.txt", (), "k"),
    "dev_blind": ("dev-blind-*.txt", (), "b"),
    "dev_unseen": ("dev-unseen-*.txt", (), "u"),
    "dev_fresh": ("dev-fresh-*.txt", (), "f"),
    "dev_soap": ("dev-soap-*.txt", (), "p"),
    "dev_mix": ("dev-mix-*.txt", (), "m"),
    "dev_quotes": ("dev-quotes-*.txt", (), "q"),
    "dev_review": ("dev-review-*.txt", (), "r"),
    "dev_clinic": ("dev-clinic-*.txt", (), "c"),
    "dev_terse": ("dev-terse-*.txt", (), "t"),
    "dev_outpt": ("dev-outpt-*.txt", (), "o"),
    "dev_research": ("dev-research-*.txt", (), "e"),
    "dev_brief": ("dev-brief-*.txt", (), "a"),
    "dev_shift": ("dev-shift-*.txt", (), "h"),
    "dev_process": ("dev-process-*.txt", (), "v"),
    "dev_terse2": ("dev-terse2-*.txt", (), "x"),
    "dev_prose": ("dev-prose-*.txt", (), "n"),
    "dev_selfview": ("dev-selfview-*.txt", (), "y"),
    "dev_agency": ("dev-agency-*.txt", (), "j"),
    "dev_identity": ("dev-identity-*.txt", (), "z"),
    "dev_export": ("dev-export-*.txt", (), "l"),
    "dev_caseload": ("dev-caseload-*.txt", (), "d"),
    "dev_chapters": ("dev-chapters-*.txt", (), "i"),
    "dev_voices": ("dev-voices-*.txt", (), "va"),
    "dev_daily": ("dev-daily-*.txt", (), "vb"),
    "dev_stories": ("dev-stories-*.txt", (), "vc"),
    "dev_acts": ("dev-acts-*.txt", (), "vd"),
    "dev_selftalk": ("dev-selftalk-*.txt", (), "ve"),
    "dev_intake": ("dev-intake-*.txt", (), "vf"),
    "dev_views": ("dev-views-*.txt", (), "vg"),
    "dev_groups": ("dev-groups-*.txt", (), "vh"),
    "dev_written": ("dev-written-*.txt", (), "vi"),
    "dev_acute": ("dev-acute-*.txt", (), "vj"),
    "dev_corpus": ("dev-corpus-*.txt", (), "vk"),
    "dev_modes": ("dev-modes-*.txt", (), "vl"),
    "dev_pops": ("dev-pops-*.txt", (), "vm"),
    "dev_therapies": ("dev-therapies-*.txt", (), "vn"),
    "dev_settings": ("dev-settings-*.txt", (), "vo"),
    "dev_courses": ("dev-courses-*.txt", (), "vp"),
    "dev_speech": ("dev-speech-*.txt", (), "vq"),
    "dev_plain": ("dev-plain-*.txt", (), "vr"),
    "dev_contrast": ("dev-contrast-*.txt", (), "vs"),
}
# dev.jsonl is built from the dev-*.txt files that belong to no further development split.
SPLIT_SOURCES["dev"] = (
    "dev-*.txt",
    tuple(
        pattern.removesuffix("*.txt")
        for split, (pattern, _, _) in SPLIT_SOURCES.items()
        if split.startswith("dev_")
    ),
    "g",
)
# Ids are numbered per split from a fixed start, so adding dev items never renumbers test.
SPLIT_FIRST_ID = {split: 5001 if split == "test" else 1 for split in SPLIT_SOURCES}
_UNESCAPED_PIPE = re.compile(r"(?<!\\)\|")


class SourceError(ValueError):
    """A line of an annotation source that cannot be read."""


def _parse_attrs(tokens: list[str], *, where: str) -> tuple[dict, int | None]:
    attrs: dict = {}
    occurrence: int | None = None
    for tok in tokens:
        if tok.startswith("@"):
            occurrence = int(tok[1:])
        elif tok == "neg":
            attrs["negated"] = True
        elif tok == "hedge":
            attrs["hedged"] = True
        elif "=" in tok:
            key, value = tok.split("=", 1)
            table = {"t": TEMPORAL, "lk": LABEL_KIND, "d": DOMAINS, "p": PROGRESS}.get(key)
            if key == "k":
                if value not in AGENCY_KINDS:
                    raise SourceError(f"{where}: unknown agency kind {value!r}")
                attrs["agency_kind"] = value
            elif table is None or value not in table:
                raise SourceError(f"{where}: unknown attribute {tok!r}")
            else:
                name = {"t": "temporal", "lk": "label_kind", "d": "domain", "p": "progress"}[key]
                attrs[name] = table[value]
        else:
            raise SourceError(f"{where}: unknown attribute {tok!r}")
    return attrs, occurrence


def _find(text: str, span: str, *, occurrence: int | None, after: int, where: str) -> int:
    if occurrence is not None:
        pos = -1
        for _ in range(occurrence):
            pos = text.find(span, pos + 1)
            if pos < 0:
                break
    else:
        pos = text.find(span, after)
        if pos < 0:
            pos = text.find(span)
    if pos < 0:
        raise SourceError(f"{where}: span text not found in the item text: {span!r}")
    return pos


def _finish(item: dict, pending: list[tuple[str, str]]) -> dict:
    text = "\n".join(item.pop("_lines"))
    item["text"] = text
    spans = []
    last_end: dict[str, int] = {}
    for where, line in pending:
        parts = [p.strip().replace("\\|", "|") for p in _UNESCAPED_PIPE.split(line)]
        if len(parts) < 4:
            raise SourceError(f"{where}: expected 'type | span | voice | polarity | attrs'")
        code, span_text, voice, polarity = parts[:4]
        attr_tokens = parts[4].split() if len(parts) > 4 else []
        if code not in TYPES or voice not in VOICES or polarity not in POLARITIES:
            raise SourceError(f"{where}: bad type/voice/polarity code in {line!r}")
        attrs, occurrence = _parse_attrs(attr_tokens, where=where)
        stype = TYPES[code]
        if stype in ("self_description", "agency"):
            attrs.setdefault("temporal", "present")
        start = _find(text, span_text, occurrence=occurrence, after=last_end.get(span_text, 0), where=where)
        end = start + len(span_text)
        last_end[span_text] = end
        span = {
            "type": stype,
            "start": start,
            "end": end,
            "text": span_text,
            "voice": VOICES[voice],
            "polarity": POLARITIES[polarity],
        }
        if attrs:
            span["attrs"] = dict(sorted(attrs.items()))
        spans.append(span)
    spans.sort(key=lambda s: (s["start"], s["end"], s["type"]))
    item["spans"] = spans
    return item


def read_source(path: Path) -> list[dict]:
    """Parse one annotation source file into items (without ids)."""
    items: list[dict] = []
    item: dict | None = None
    pending: list[tuple[str, str]] = []
    for lineno, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        where = f"{path.name}:{lineno}"
        line = raw.rstrip()
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        tag, _, rest = line.partition(" ")
        rest = rest.replace("\\t", "\t")  # a literal backslash-t in a source line is a tab
        if tag == "T:":
            if item is not None:
                items.append(_finish(item, pending))
            item, pending = {"_lines": [rest], "_where": where}, []
            continue
        if item is None:
            raise SourceError(f"{where}: line before the first 'T:' line")
        if tag == "T+":
            item["_lines"].append(rest)
        elif tag == "S:":
            pending.append((where, rest))
        elif tag == "H:":
            item["hard_negatives"] = [c.strip() for c in rest.split(",") if c.strip()]
        elif tag == "Y:":
            item["style"] = rest.strip()
        else:
            raise SourceError(f"{where}: unknown line tag {tag!r}")
    if item is not None:
        items.append(_finish(item, pending))
    return items


def build(gold_dir: Path, splits: list[str] | None = None) -> dict[str, int]:
    """Write the JSONL file of each split (default: all); return the number of items per split.

    A split without any source file (``dev_styles`` in an older checkout) is skipped.
    """
    counts: dict[str, int] = {}
    for split in splits or list(SPLIT_FIRST_ID):
        next_id = SPLIT_FIRST_ID[split]
        pattern, excluded, prefix = SPLIT_SOURCES[split]
        paths = [
            path for path in sorted((gold_dir / "src").glob(pattern)) if not path.name.startswith(excluded)
        ]
        if not paths and split not in ("dev", "test"):  # a further dev split an older checkout lacks
            continue
        items: list[dict] = []
        for path in paths:
            items.extend(read_source(path))
        lines = []
        for item in items:
            item.pop("_where", None)
            record = {"id": f"{prefix}{next_id:04d}", "text": item["text"], "spans": item["spans"]}
            for key in ("style", "hard_negatives"):
                if key in item:
                    record[key] = item[key]
            lines.append(json.dumps(record, ensure_ascii=False))
            next_id += 1
        out = gold_dir / f"{split}.jsonl"
        tmp = out.with_suffix(".jsonl.tmp")
        tmp.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
        tmp.replace(out)
        counts[split] = len(items)
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--gold-dir", type=Path, default=Path("corpora/gold"))
    parser.add_argument(
        "--split",
        action="append",
        choices=list(SPLIT_FIRST_ID),
        help="build only this split (repeatable; default: every split)",
    )
    args = parser.parse_args(argv)
    try:
        counts = build(args.gold_dir, args.split)
    except SourceError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for split, n in counts.items():
        print(f"{split}: {n} items -> {args.gold_dir / (split + '.jsonl')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
