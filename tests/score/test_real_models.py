"""Slow tests: the real MiniLM encoder and the committed models (loaded once per session)."""

from __future__ import annotations

import json

import numpy as np
import pytest

pytestmark = pytest.mark.slow


def test_real_models_agency_boundary_vs_anxiety(real_scorer):
    boundary, anxiety = real_scorer.score_texts(["I chose to set a boundary", "my anxiety made me cancel"])
    assert boundary["agency"] > 0 > anxiety["agency"]


def test_real_models_self_regard_hard_things_vs_broken(real_scorer):
    hard, broken = real_scorer.score_texts(["I have been through hard things", "I am broken"])
    assert hard["self_regard"] > broken["self_regard"]
    assert hard["narrative_score"] > broken["narrative_score"]


def test_real_models_change_talk_with_context(real_scorer):
    change, sustain = real_scorer.score_texts(
        ["I really want to cut down on my drinking", "I like drinking, it's not a problem for me"],
        ["What would you like to do about your drinking?"] * 2,
    )
    assert change["p_change"] > sustain["p_change"] and sustain["p_sustain"] > change["p_sustain"]


def test_real_models_encoder_normalised_and_cached(real_scorer):
    enc = real_scorer.encoder_
    a = enc.encode(["I went for a walk", "I went for a walk"])
    assert a.shape == (2, 384) and np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a[0], a[1])


@pytest.mark.parametrize(
    ("text", "key", "sign"),
    [
        ("I am broken.", "self_regard", -1),
        ("I'll be found out eventually.", "self_regard", -1),
        ("I am worthless and everyone would be better off without me.", "self_regard", -1),
        ("I'm proud of how I handled it.", "self_regard", 1),
        ("I have been through hard things.", "self_regard", 1),
        ("Nothing I do matters.", "self_regard", -1),
        ("I can't cope.", "agency", -1),
        ("My anxiety made me cancel.", "agency", -1),
        ("Nothing I do matters.", "agency", -1),
        ("I chose to go for a walk.", "agency", 1),
        ("I set a boundary with my mother.", "agency", 1),
    ],
)
def test_real_models_therapy_language_sign(real_scorer, text, key, sign):
    (row,) = real_scorer.score_texts([text])
    assert row[key] * sign > 0


NEUTRAL = [
    "I work as a bus driver.",
    "Client arrived on time.",
    "I have two kids.",
    "Pt reports poor sleep.",
    "Next session in two weeks.",
    "I live with my mum.",
    "I was diagnosed with PTSD last year.",
    "She is a teacher.",
    "Agreed on weekly sessions.",
]


def test_real_models_neutral_statements_self_regard_small_on_average(real_scorer):
    # measured mean 0.25; roles and agreements still lean accepting (+0.4 to +0.5), see the model card
    rows = real_scorer.score_texts(NEUTRAL)
    assert np.mean([abs(r["self_regard"]) for r in rows]) < 0.35


@pytest.mark.parametrize(
    ("name", "signs", "minimum"),
    [
        ("self_regard", {"critical": -1, "accepting": 1}, 0.83),  # 0.863 (scripts/eval_scores.py)
        ("agency", {"non_agentic": -1, "agentic": 1}, 0.75),  # 0.790
    ],
)
def test_real_models_anchors_dev_sign_accuracy(real_scorer, name, signs, minimum):
    rows = [r for r in _anchors(name) if r["split"] == "dev" and r["label"] in signs]
    scores = real_scorer.score_texts([r["text"] for r in rows])
    acc = np.mean([np.sign(s[name]) == signs[r["label"]] for s, r in zip(scores, rows, strict=True)])
    assert acc >= minimum


def _anchors(name: str) -> list[dict]:
    from .conftest import REPO

    path = REPO / "corpora" / "anchors" / f"{name}.jsonl"
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
