"""Scoring against gold spans (hand-built statements, no model)."""

from __future__ import annotations

import json

import pytest

from narrative.errors import InputError
from narrative.extract.evaluate import EvaluationReport, GoldItem, read_gold, score_item
from narrative.types import Statement


def _stmt(start, end, type_="agency", polarity="agentic", voice="quoted"):
    return Statement(
        statement_id="s",
        note_id="g1",
        client_id="c",
        type=type_,
        text="x",
        start=start,
        end=end,
        voice=voice,
        polarity=polarity,
    )


GOLD = GoldItem.model_validate(
    {
        "id": "g1",
        "text": "x" * 50,
        "spans": [
            {"type": "agency", "start": 0, "end": 10, "voice": "quoted", "polarity": "agentic"},
            {"type": "agency", "start": 20, "end": 30, "voice": "reported", "polarity": "non_agentic"},
        ],
    }
)


@pytest.mark.parametrize(
    ("preds", "exact_tp", "overlap_tp", "overlap_fp", "overlap_fn"),
    [
        ([_stmt(0, 10), _stmt(20, 30)], 2, 2, 0, 0),
        ([_stmt(0, 8), _stmt(40, 45)], 0, 1, 1, 1),
        ([], 0, 0, 0, 2),
        ([_stmt(0, 10, type_="self_description", polarity="positive")], 0, 0, 0, 2),
    ],
)
def test_evaluate_counts_exact_and_overlap(preds, exact_tp, overlap_tp, overlap_fp, overlap_fn):
    report = EvaluationReport(gold_path="g", n_items=1)
    score_item(GOLD, preds, report)
    assert report.exact["agency"].tp == exact_tp
    ov = report.overlap["agency"]
    assert (ov.tp, ov.fp, ov.fn) == (overlap_tp, overlap_fp, overlap_fn)


def test_evaluate_polarity_and_voice_confusion():
    report = EvaluationReport(gold_path="g", n_items=1)
    score_item(GOLD, [_stmt(0, 10), _stmt(20, 30, polarity="agentic", voice="reported")], report)
    assert report.polarity_accuracy == 0.5
    assert report.voice_accuracy == 1.0
    assert report.polarity_confusion["non_agentic"]["agentic"] == 1
    text = report.to_text()
    assert "polarity accuracy" in text and "agency" in text
    assert report.to_dict()["overlap"]["agency"]["tp"] == 2


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("{", "not valid JSON"),
        (json.dumps({"text": "abc"}), "id"),
        (
            json.dumps({"id": "g", "text": "abc", "spans": [{"type": "agency", "start": 0, "end": 9}]}),
            "out of range",
        ),
        (
            json.dumps({"id": "g", "text": "abc", "spans": [{"type": "story", "start": 0, "end": 2}]}),
            "unknown type",
        ),
    ],
)
def test_evaluate_bad_gold_line_names_file_and_line(tmp_path, line, problem):
    path = tmp_path / "gold.jsonl"
    path.write_text("\n" + line + "\n", encoding="utf-8")
    with pytest.raises(InputError) as err:
        read_gold(path)
    assert "line 2" in str(err.value) and problem in str(err.value)


@pytest.mark.slow
def test_evaluate_runs_client_written_items_with_the_client_as_author(nlp, tmp_path):
    from narrative.extract.evaluate import evaluate

    text = "Sunday. I went for a walk by the canal on my own."
    span = {"type": "agency", "start": 8, "end": 48, "voice": "quoted", "polarity": "agentic"}
    assert text[8:48] == "I went for a walk by the canal on my own"
    path = tmp_path / "gold.jsonl"
    rows = [{"id": "j1", "text": text, "spans": [span], "style": "journal"}]
    rows.append({"id": "n1", "text": text, "spans": [], "style": "soap"})  # a note: "I" is the writer
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    report = evaluate(nlp, path)
    counts = report.overlap["agency"]
    assert (counts.tp, counts.fp, counts.fn) == (1, 0, 0)
