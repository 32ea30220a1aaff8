"""Fixtures for the scoring stage: a deterministic fake encoder and tiny model folders."""

from __future__ import annotations

import hashlib
from pathlib import Path

import numpy as np
import pytest

from narrative.score.models import save_model
from narrative.score.rules import RULE_FEATURE_NAMES

DIM = 8
REPO = Path(__file__).resolve().parents[2]
SHARED_DATA = REPO.parent / "shared" / "data"


class FakeEncoder:
    """Hash-seeded unit vectors: equal texts give equal rows; counts calls per text."""

    def __init__(self, dim: int = DIM) -> None:
        self.dim = dim
        self.calls: list[str] = []

    def encode(self, texts):
        rows = []
        for t in texts:
            self.calls.append(t)
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).normal(size=self.dim)
            rows.append(v / np.linalg.norm(v))
        return np.array(rows, dtype=np.float32).reshape(len(texts), self.dim)


@pytest.fixture
def fake_encoder() -> FakeEncoder:
    return FakeEncoder()


@pytest.fixture
def fake_models(tmp_path: Path) -> Path:
    """Model folders whose embedding weights are 0, so only rules and intercepts act.

    agency: p = sigmoid(0) = 0.5 (model part 0); talk_type: neutral-leaning
    constant; self_regard: uniform (model part 0).
    """
    folder = tmp_path / "models"
    save_model(
        folder / "agency",
        kind="logistic",
        arrays={"coef": np.zeros((1, DIM + 1)), "intercept": np.zeros(1)},
        meta={
            "classes": ["non_agentic", "agentic"],
            "inputs": ["text", "rules"],
            "rule_features": ["agency_rule"],
        },
    )
    save_model(
        folder / "talk_type",
        kind="logistic",
        arrays={"coef": np.zeros((3, 2 * DIM + 1)), "intercept": np.array([0.0, 1.0, 0.0])},
        meta={"classes": ["change", "neutral", "sustain"], "inputs": ["text", "context", "has_context"]},
    )
    save_model(
        folder / "self_regard",
        kind="logistic",
        arrays={"coef": np.zeros((3, DIM)), "intercept": np.zeros(3)},
        meta={"classes": ["critical", "neutral", "accepting"], "inputs": ["text"]},
    )
    return folder


@pytest.fixture
def fake_scorer(fake_encoder, fake_models):
    from narrative.score.scorer import StatementScorer

    return StatementScorer(encoder=fake_encoder, models_dir=fake_models).fit()


@pytest.fixture(scope="session")
def real_scorer():
    """The committed models with the real MiniLM encoder (loaded once per test session)."""
    from narrative.score.scorer import StatementScorer

    return StatementScorer.load()


__all__ = ["FakeEncoder", "RULE_FEATURE_NAMES", "SHARED_DATA"]
