"""spaCy keys span extension values by (name, start_char, end_char) alone, so two statements of
different types over identical offsets would share voice, polarity and evidence (stop 28 found an
indicator line overwriting an agency span's values). ``narrative.extract.extensions`` documents that
the extractors never emit such a pair; this checks it on real note text: the bundled demo caseload
and development gold texts shipped in the repository (among them the four lines of stop 28)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
GROUPS = ("self_descriptions", "agency", "chapter_titles", "indicators", "reflections")


def _texts() -> list[str]:
    texts: list[str] = []
    with open(REPO / "corpora" / "demo" / "notes.csv", encoding="utf-8", newline="") as fh:
        texts += [row["note"] for row in csv.DictReader(fh) if row.get("note")]
    gold = REPO / "corpora" / "gold"
    for name in ("dev.jsonl", "dev_styles.jsonl", "dev_mix.jsonl", "dev_blind.jsonl", "dev_therapies.jsonl"):
        path = gold / name
        if path.is_file():
            texts += [
                json.loads(line)["text"] for line in path.read_text(encoding="utf-8").splitlines() if line
            ]
    return texts


def _shared_offsets(doc) -> list[tuple[int, int, set[str]]]:
    owners: dict[tuple[int, int], set[str]] = {}
    for group in GROUPS:
        for span in doc.spans.get(group, []):
            owners.setdefault((span.start_char, span.end_char), set()).add(group)
    return [(a, b, g) for (a, b), g in owners.items() if len(g) > 1]


def test_no_two_statement_groups_share_a_span_offsets(nlp):
    texts = _texts()
    if len(texts) < 200:
        pytest.skip("the demo caseload or the development gold files are missing from this checkout")
    clashes = []
    for k, doc in enumerate(nlp.pipe(texts, batch_size=32)):
        clashes += [(k, a, b, sorted(g)) for a, b, g in _shared_offsets(doc)]
    # text index, offsets and groups only (no note text in test output)
    assert not clashes, clashes[:10]


def test_shared_offsets_are_detected(nlp):
    from spacy.tokens import Span

    doc = nlp("I chose to leave.")
    doc.spans["indicators"] = [Span(doc, 0, len(doc), label="indicator")]
    doc.spans["agency"] = [Span(doc, 0, len(doc), label="agency")]
    assert _shared_offsets(doc) == [(0, len(doc.text), {"agency", "indicators"})]
