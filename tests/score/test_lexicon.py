from __future__ import annotations

import pytest
import yaml

from narrative.errors import ConfigError
from narrative.score.lexicon import lexical_features, load_lexicon, match_cues, normalize


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I can't go", "i can not go"),
        ("I’m fine", "i am fine"),
        ("It's okay, I've tried", "it is okay , i have tried"),
        ("We won't", "we will not"),
    ],
)
def test_lexicon_normalize_expands_contractions(text, expected):
    assert normalize(text) == expected


@pytest.mark.parametrize(
    ("text", "cue_id", "negated", "sign"),
    [
        ("I am broken", "crit-broken", False, -1),
        ("I'm not broken", "crit-broken", True, 1),
        ("I don't think I'm a failure", "crit-broken", True, 1),
        ("I can do this", "abl-can", False, 1),
        ("I can't do this", "abl-can", True, -1),
        ("I chose not to drink", "vol-decide", False, 1),
        ("I never went", "vol-set", True, -1),
        ("My anxiety made me cancel", "ext-made-me", False, -1),
    ],
)
def test_lexicon_negation_flips_cue(text, cue_id, negated, sign):
    match = next(m for m in match_cues(text) if m.id == cue_id)
    assert match.negated is negated
    assert (match.value > 0) == (sign > 0)


@pytest.mark.parametrize("factor", [0.3, 0.5, 1.0])
def test_lexicon_negation_factor_scales_value(factor):
    plain = next(m for m in match_cues("I am broken") if m.id == "crit-broken")
    neg = next(m for m in match_cues("I am not broken", negation_factor=factor) if m.id == "crit-broken")
    assert neg.value == pytest.approx(-plain.score * factor)


@pytest.mark.parametrize("text", ["Maybe I am a failure", "I guess I am a failure", "I am sort of a failure"])
def test_lexicon_hedge_damps_cue(text):
    plain = next(m for m in match_cues("I am a failure") if m.id == "crit-broken")
    hedged = next(m for m in match_cues(text, hedge_factor=0.5) if m.id == "crit-broken")
    assert hedged.hedged
    assert hedged.value == pytest.approx(plain.value * 0.5)


@pytest.mark.parametrize(
    ("text", "key", "expected"),
    [
        ("I always ruin everything", "absolutist_rate", 0.5),
        ("I hurt my own hand", "first_person_rate", 0.4),
        ("Tomorrow I will call", "temporal_future", 1.0),
        ("Yesterday I was sad", "temporal_past", 1.0),
        ("", "n_tokens", 0.0),
    ],
)
def test_lexicon_lexical_features_values(text, key, expected):
    assert lexical_features(text)[key] == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "cue_id", "sign"),
    [
        ("I'll be found out eventually", "crit-exposed", -1),
        ("Sooner or later they will see through me", "crit-exposed", -1),
        ("Nothing I do matters", "crit-futile", -1),
        ("Nothing I do matters", "abl-futile", -1),
        ("I'm an anxious person", "crit-identity", -1),
        ("I'm not an anxious person anymore", "crit-identity", 1),
        ("I set a boundary with my mother", "acc-boundary", 1),
    ],
)
def test_lexicon_therapy_cues(text, cue_id, sign):
    match = next(m for m in match_cues(text) if m.id == cue_id)
    assert (match.value > 0) == (sign > 0)


@pytest.mark.parametrize(
    ("text", "fires"),
    [
        ("I will call her tomorrow", True),
        ("I'm going to apply for the job", True),
        ("I'll be found out eventually", False),
        ("I will get fired", False),
    ],
)
def test_lexicon_volition_will_not_on_passive_future(text, fires):
    assert any(m.id == "vol-will" for m in match_cues(text)) is fires


@pytest.mark.parametrize(
    ("text", "critical"),
    [
        ("I am someone things happen to", True),
        ("I feel so helpless", True),
        ("I am not powerless", False),
        ("I was a passenger in the car", False),
    ],
)
def test_lexicon_passive_self_is_critical(text, critical):
    cues = [m for m in match_cues(text) if m.label == "critical_self"]
    assert (bool(cues) and all(m.value < 0 for m in cues)) is critical


@pytest.mark.parametrize("text", ["I'm a person with anxiety", "I am a nurse"])
def test_lexicon_person_first_label_no_critical_cue(text):
    assert not [m for m in match_cues(text) if m.label == "critical_self"]


def test_lexicon_invalid_pattern_file_names_file(tmp_path):
    bad = tmp_path / "patterns.yaml"
    bad.write_text(
        yaml.safe_dump(
            {"version": 1, "patterns": [{"id": "x", "label": "nope", "pattern": "a", "score": 0.1}]}
        )
    )
    with pytest.raises(ConfigError, match="patterns.yaml"):
        load_lexicon(patterns_path=bad)


def test_lexicon_duplicate_ids_rejected(tmp_path):
    rec = {"id": "x", "label": "volition", "pattern": "a", "score": 0.1}
    bad = tmp_path / "patterns.yaml"
    bad.write_text(yaml.safe_dump({"version": 1, "patterns": [rec, rec]}))
    with pytest.raises(ConfigError, match="duplicate"):
        load_lexicon(patterns_path=bad)
