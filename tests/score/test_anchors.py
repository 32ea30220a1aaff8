"""The hand-written anchor corpus (corpora/anchors): schema, counts and a family-clean split."""

from __future__ import annotations

import json

import pytest

from .conftest import REPO

ANCHORS = REPO / "corpora" / "anchors"
LABELS = {
    "self_regard": {"critical", "neutral", "accepting"},
    "agency": {"agentic", "non_agentic", "neither"},
}
FIELDS = {"id", "text", "label", "style", "split", "family", "facet"}


def _rows(name: str) -> list[dict]:
    with open(ANCHORS / f"{name}.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_anchors_rows_valid(name):
    rows = _rows(name)
    assert len(rows) >= 300
    for row in rows:
        assert set(row) == FIELDS, row["id"]
        assert row["label"] in LABELS[name], row["id"]
        assert row["style"] in {"first_person", "reported", "note"}, row["id"]
        assert row["split"] in {"train", "dev"}, row["id"]
        assert row["text"].strip() == row["text"] and row["text"], row["id"]


@pytest.mark.parametrize("name", sorted(LABELS))
def test_anchors_ids_and_texts_unique(name):
    rows = _rows(name)
    assert len({r["id"] for r in rows}) == len(rows)
    assert len({r["text"].lower() for r in rows}) == len(rows)


@pytest.mark.parametrize("name", sorted(LABELS))
def test_anchors_family_never_straddles_split(name):
    splits: dict[str, set[str]] = {}
    for row in _rows(name):
        splits.setdefault(row["family"], set()).add(row["split"])
    assert all(len(s) == 1 for s in splits.values())


@pytest.mark.parametrize("name", sorted(LABELS))
@pytest.mark.parametrize("split", ["train", "dev"])
def test_anchors_every_label_and_style_in_split(name, split):
    rows = [r for r in _rows(name) if r["split"] == split]
    assert {r["label"] for r in rows} == LABELS[name]
    assert {r["style"] for r in rows} == {"first_person", "reported", "note"}
