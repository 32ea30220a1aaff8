"""The learned filter over the rules' agency and self-description spans (narrative.extract.span_filter)."""

from __future__ import annotations

import json
import math

import pytest

from narrative.errors import ModelError
from narrative.extract.span_filter import (
    FEATURES,
    FORMAT,
    SpanFilterModel,
    bundled_model_dir,
    payload_sha256,
    resolve_model_dir,
)


def _tiny_payload(*, agency_threshold=0.5, **over):
    """Agency spans in a conditional sentence score 0.12, others 0.73; self-descriptions are kept."""
    payload = {
        "format": FORMAT,
        "features": FEATURES,
        "types": {
            "agency": {
                "features": ["sent_conditional"],
                "coef": [-3.0],
                "intercept": 1.0,
                "threshold": agency_threshold,
            },
            "self_description": {"features": [], "coef": [], "intercept": 0.0, "threshold": 0.0},
        },
    }
    payload.update(over)
    payload["sha256"] = payload_sha256(payload)
    return payload


def _bundled_payload():
    return json.loads((bundled_model_dir() / "model.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("features", "expected"),
    [({}, 1 / (1 + math.exp(-1.0))), ({"sent_conditional": 1.0}, 1 / (1 + math.exp(2.0)))],
)
def test_span_filter_probability_is_the_logistic_of_the_weighted_features(features, expected):
    model = SpanFilterModel(_tiny_payload())
    assert model.probability("agency", {**features, "unseen_feature": 1.0}) == pytest.approx(expected)


def test_span_filter_bundled_model_loads_and_filters_agency():
    model = SpanFilterModel.load(bundled_model_dir())  # checks the content hash
    assert 0.0 < model.types["agency"].threshold < 1.0
    assert len(model.types["agency"].weights) > 50


@pytest.mark.parametrize(
    "corrupt",
    [
        lambda p: p["types"]["agency"].__setitem__("threshold", 0.1),
        lambda p: p["types"]["agency"]["coef"].__setitem__(0, p["types"]["agency"]["coef"][0] + 1.0),
        lambda p: p["types"]["agency"].__setitem__("intercept", 9.0),
    ],
)
def test_span_filter_refuses_a_model_file_changed_after_training(tmp_path, corrupt):
    payload = _bundled_payload()
    corrupt(payload)
    (tmp_path / "model.json").write_text(json.dumps(payload), encoding="utf-8")
    with pytest.raises(ModelError, match="SHA-256"):
        SpanFilterModel.load(tmp_path)


@pytest.mark.parametrize("content", ['{"format": ', "[1, 2]", ""])
def test_span_filter_refuses_an_unreadable_model_file(tmp_path, content):
    (tmp_path / "model.json").write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=r"extract\.span_filter"):
        SpanFilterModel.load(tmp_path)


@pytest.mark.parametrize(
    ("over", "message"),
    [
        ({"format": "something-else/9"}, "format"),
        ({"features": "narrative.span_features.v0"}, "trained on features"),
        ({"types": {"agency": {"features": [], "coef": [], "intercept": 0.0, "threshold": 0.5}}}, "types"),
    ],
)
def test_span_filter_refuses_a_model_it_cannot_apply(over, message):
    with pytest.raises(ModelError, match=message):
        SpanFilterModel(_tiny_payload(**over))


def test_span_filter_refuses_inconsistent_shapes():
    payload = _tiny_payload()
    payload["types"]["agency"]["coef"] = [1.0, 2.0]
    payload["sha256"] = payload_sha256(payload)
    with pytest.raises(ModelError, match="inconsistent array shapes"):
        SpanFilterModel(payload)


def test_span_filter_missing_folder_names_the_setting(tmp_path):
    with pytest.raises(ModelError, match=r"extract\.span_filter: no model\.json"):
        SpanFilterModel.load(tmp_path)


@pytest.mark.parametrize("value", [None, "", "null", "off"])
def test_span_filter_setting_off(value):
    assert resolve_model_dir(value) is None


def test_span_filter_setting_bundled_and_path(tmp_path):
    assert resolve_model_dir("bundled") == bundled_model_dir()
    assert resolve_model_dir(str(tmp_path)) == tmp_path


def _pipeline(value):
    from narrative.config import load_config
    from narrative.extract import load_pipeline

    config = load_config()
    config["extract"] = {**(config.get("extract") or {}), "span_filter": value}
    return load_pipeline(config)


def _statements(nlp, text):
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    return statements_from_doc(nlp(text), Note(note_id="n", client_id="c", text=text))


@pytest.mark.slow
def test_span_filter_component_runs_by_default_before_the_polarity_model(nlp):
    names = nlp.pipe_names
    assert "narrative_span_filter" in names
    assert names.index("narrative_agency") < names.index("narrative_span_filter")
    assert names.index("narrative_span_filter") < names.index("narrative_polarity")
    assert "narrative_span_filter" not in _pipeline(None).pipe_names


@pytest.mark.slow
def test_span_filter_component_drops_low_spans_and_leaves_kept_ones_unchanged(tmp_path, rules_nlp):
    (tmp_path / "model.json").write_text(json.dumps(_tiny_payload()), encoding="utf-8")
    nlp = _pipeline(str(tmp_path))
    text = FALSE_AGENCY_NOTE
    unfiltered = [s for s in _statements(_pipeline(None), text) if s.type == "agency"]
    filtered = [s for s in _statements(nlp, text) if s.type == "agency"]
    assert any("If I ask" in s.text for s in unfiltered)
    assert not any("If I ask" in s.text for s in filtered)  # in a conditional sentence: 0.12
    assert TRUE_AGENCY in {s.text for s in filtered}  # 0.73
    kept = {(s.start, s.end): s for s in unfiltered}
    assert filtered and all(s == kept[(s.start, s.end)] for s in filtered)  # evidence and all unchanged


@pytest.mark.slow
def test_span_filter_bundled_drops_a_false_agency_span(nlp):
    """Fails when the default pipeline bypasses the bundled filter."""
    text = FALSE_AGENCY_NOTE
    unfiltered = {s.text for s in _statements(_pipeline(None), text) if s.type == "agency"}
    filtered = {s.text for s in _statements(nlp, text) if s.type == "agency"}
    assert filtered < unfiltered
    assert TRUE_AGENCY in filtered


# (a prediction tested in a behavioural experiment is a belief, not the client's agency)
FALSE_AGENCY_NOTE = (
    'Reviewed thought record: client had predicted, "If I ask a question in class everyone will laugh '
    'at me" (belief 70%). She said, "I went to the gym twice this week."'
)
TRUE_AGENCY = "I went to the gym twice this week"


@pytest.mark.parametrize(
    ("note", "span_start", "feature"),
    [
        # a header or provenance line over the note
        ("Letter to future self, written by client in session 10.\nI booked the driving test.", "Letter", "line_first"),
        # an aside in parentheses
        ("Mood low (client walked out of the meeting early) but engaged.", "client walked", "in_parens"),
        # a rating or measure in the sentence
        ("She put herself at 3/10 on the scale today.", "She put", "sent_score"),
    ],
)
def test_span_filter_features_mark_headers_asides_and_scores(rules_nlp, note, span_start, feature):
    from narrative.extract.span_filter import filter_cues, span_features

    doc = rules_nlp(note)
    start = note.index(span_start)
    span = doc.char_span(start, len(note.rstrip(".")), alignment_mode="expand")
    assert feature in span_features(span, "agency", cues=filter_cues("en"))
