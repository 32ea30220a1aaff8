from __future__ import annotations

import subprocess
import sys

import pytest
from sklearn.base import clone

from narrative.config import load_config
from narrative.errors import ConfigError, InputError
from narrative.score.scorer import StatementScorer
from narrative.types import ScoredStatement, Statement

TEXTS = [
    "I chose to set a boundary",
    "My anxiety made me cancel",
    "I have been through hard things",
    "I am broken",
    "Maybe I'm a failure, I always ruin everything",
    "",
]


def _statement(text: str, *, type_: str = "agency", polarity: str = "neutral", **attrs) -> Statement:
    return Statement(
        statement_id=f"st-{abs(hash(text)) % 1000}",
        note_id="n1",
        client_id="C-1",
        type=type_,
        text=text,
        start=0,
        end=len(text),
        voice="quoted",
        polarity=polarity,
        session=3,
        attrs=attrs,
    )


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize(
    "key", ["agency", "self_regard", "narrative_score", "p_change", "p_neutral", "p_sustain"]
)
def test_scorer_scores_in_range(fake_scorer, text, key):
    row = fake_scorer.score_texts([text])[0]
    lo = 0.0 if key.startswith("p_") else -1.0
    assert lo <= row[key] <= 1.0


def test_scorer_talk_probabilities_sum_to_one(fake_scorer):
    row = fake_scorer.score_texts(["I want to quit"], ["What would you like?"])[0]
    assert row["p_change"] + row["p_neutral"] + row["p_sustain"] == pytest.approx(1.0, abs=1e-5)
    assert row["talk_type"] == "neutral"  # the fake model's intercept favours neutral


@pytest.mark.parametrize(
    ("high", "low", "key"),
    [
        ("I chose to set a boundary", "My anxiety made me cancel", "agency"),
        ("I can handle this", "I can't handle this", "agency"),
        ("I have been through hard things", "I am broken", "self_regard"),
        ("I am not broken", "I am broken", "self_regard"),
        ("I am proud of myself", "I hate myself", "self_regard"),
    ],
)
def test_scorer_rule_ordering(fake_scorer, high, low, key):
    a, b = fake_scorer.score_texts([high, low])
    assert a[key] > b[key]


def test_scorer_model_part_zero_is_decision_point(fake_scorer):
    row = fake_scorer.score_texts(["The weather was grey"])[0]
    assert row["agency"] == pytest.approx(0.0)
    assert row["evidence"]["agency_parts"]["rule"] is None


def test_scorer_hedge_weakens_self_regard(fake_scorer):
    plain, hedged = fake_scorer.score_texts(["I am a failure", "Maybe I am a failure"])
    assert plain["self_regard"] < hedged["self_regard"] < 0


@pytest.mark.parametrize(
    ("weights", "equals"),
    [
        ({"agency": 1.0, "self_regard": 0.0, "change_talk": 0.0}, "agency"),
        ({"agency": 0.0, "self_regard": 1.0, "change_talk": 0.0}, "self_regard"),
    ],
)
def test_scorer_narrative_weights_from_config(fake_encoder, fake_models, weights, equals):
    config = load_config(score={"narrative_weights": weights, "models_dir": str(fake_models)})
    scorer = StatementScorer.load(config, encoder=fake_encoder)
    row = scorer.score_texts(["I decided to leave, I am proud of myself"])[0]
    assert row["narrative_score"] == pytest.approx(row[equals], abs=1e-5)


@pytest.mark.parametrize(("polarity", "sign"), [("agentic", 1), ("non_agentic", -1)])
def test_scorer_extract_polarity_moves_agency(fake_scorer, polarity, sign):
    neutral = fake_scorer.score([_statement("The weather was grey", polarity="mixed")])[0]
    moved = fake_scorer.score([_statement("The weather was grey", polarity=polarity)])[0]
    assert sign * (moved.agency - neutral.agency) > 0


def test_scorer_extract_hedge_damps_rules(fake_scorer):
    plain = fake_scorer.score([_statement("I am a failure", type_="self_description")])[0]
    hedged = fake_scorer.score([_statement("I am a failure", type_="self_description", hedged=True)])[0]
    assert plain.self_regard < hedged.self_regard < 0


def test_scorer_score_keeps_order_and_ids(fake_scorer):
    sts = [_statement(t) for t in TEXTS[:3]]
    out = fake_scorer.score(sts)
    assert all(isinstance(o, ScoredStatement) for o in out)
    assert [o.statement_id for o in out] == [s.statement_id for s in sts]
    assert [o.text for o in out] == [s.text for s in sts]
    assert out[0].session == 3 and out[0].client_id == "C-1"


def test_scorer_uses_previous_sentence_as_context(fake_scorer, fake_encoder):
    fake_scorer.score([_statement("I want to stop", previous="What do you want?")])
    assert "What do you want?" in fake_encoder.calls


def test_scorer_features_present(fake_scorer):
    out = fake_scorer.score([_statement("I always fail")])[0]
    for key in ("absolutist_rate", "first_person_rate", "hedge_count", "temporal_past", "temporal_future"):
        assert key in out.features


def test_scorer_contexts_length_mismatch_raises(fake_scorer):
    with pytest.raises(InputError, match="contexts has 1 items but texts has 2"):
        fake_scorer.score_texts(["a", "b"], ["c"])


def test_scorer_empty_input(fake_scorer):
    assert fake_scorer.score([]) == [] and fake_scorer.score_texts([]) == []


@pytest.mark.parametrize(
    "section",
    [
        {"negation_factor": 2.0},
        {"narrative_weights": {"agency": -1}},
        {"bogus": 1},
        {"version": "narrative.statement_scorer.v0"},
    ],
)
def test_scorer_bad_config_raises(fake_encoder, section):
    with pytest.raises(ConfigError, match="score"):
        StatementScorer.load(load_config(score=section), encoder=fake_encoder)


def test_scorer_estimator_contract(fake_encoder, fake_models):
    scorer = StatementScorer(encoder=fake_encoder, models_dir=fake_models, negation_factor=0.4)
    assert scorer.get_params()["negation_factor"] == 0.4
    assert not hasattr(scorer, "talk_model_")
    assert scorer.fit() is scorer and hasattr(scorer, "talk_model_")
    assert clone(scorer).get_params()["negation_factor"] == 0.4
    assert set(scorer.get_params()) == {
        "encoder",
        "embedding_config",
        "models_dir",
        "negation_factor",
        "hedge_factor",
        "agency_temperature",
        "agency_weights",
        "self_regard_weights",
        "narrative_weights",
        "lexicon_path",
        "patterns_path",
    }
    assert scorer.set_params(hedge_factor=0.7) is scorer and scorer.hedge_factor == 0.7
    with pytest.raises(ValueError, match="bogus"):
        scorer.set_params(bogus=1)


def test_run_imports_no_scikit_learn():
    """The run path (scorer, trajectories) must not import scikit-learn, scipy or pandas (over 1 s of every run)."""
    code = (
        "import sys; import narrative.run, narrative.score, narrative.trajectory.leadlag; "
        "bad = [m for m in ('sklearn', 'scipy.stats', 'scipy.sparse', 'scipy.special', 'pandas') if m in sys.modules]; print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def _composite(row, parts):
    w = {"agency": 0.35, "self_regard": 0.4, "change_talk": 0.25}
    v = {"agency": row.agency, "self_regard": row.self_regard, "change_talk": row.p_change - row.p_sustain}
    return sum(w[p] * v[p] for p in parts) / sum(w[p] for p in parts)


def test_scorer_composite_reads_the_parts_a_statement_speaks_to(fake_scorer):
    # no agency cue in a self-description, no self-regard cue in an agency span: left out
    sd, ag = fake_scorer.score(
        [
            _statement("The weather was grey", type_="self_description"),
            _statement("The weather was grey", type_="agency"),
        ]
    )
    assert sd.evidence["narrative_parts"] == ["self_regard", "change_talk"]
    assert sd.narrative_score == pytest.approx(_composite(sd, ["self_regard", "change_talk"]), abs=1e-5)
    assert ag.evidence["narrative_parts"] == ["agency", "change_talk"]
    assert ag.narrative_score == pytest.approx(_composite(ag, ["agency", "change_talk"]), abs=1e-5)
    # a cue of the other score brings its part back
    (both,) = fake_scorer.score([_statement("I decided to leave, I am proud of myself", type_="agency")])
    assert both.evidence["narrative_parts"] == ["agency", "self_regard", "change_talk"]
    # plain texts use every part
    (plain,) = fake_scorer.score_texts(["The weather was grey"])
    assert plain["evidence"]["narrative_parts"] == ["agency", "self_regard", "change_talk"]
