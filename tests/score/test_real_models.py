"""Slow tests: the real MiniLM encoder and the committed models (loaded once per session)."""

from __future__ import annotations

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
