from __future__ import annotations

import numpy as np
import pytest

from narrative.errors import ModelError
from narrative.score.models import assemble, load_model, save_model


@pytest.mark.parametrize(
    ("kind", "arrays", "x", "expected"),
    [
        ("logistic", {"coef": [[1.0, -1.0]], "intercept": [0.0]}, [[2.0, 2.0]], [0.5, 0.5]),
        ("logistic", {"coef": [[1.0, 0.0], [0.0, 1.0]], "intercept": [0.0, 0.0]}, [[0.0, 0.0]], [0.5, 0.5]),
    ],
)
def test_models_roundtrip_predict_proba(tmp_path, kind, arrays, x, expected):
    save_model(
        tmp_path / "m",
        kind=kind,
        arrays={k: np.array(v) for k, v in arrays.items()},
        meta={"classes": ["a", "b"]},
    )
    model = load_model(tmp_path / "m", name="m")
    assert model.predict_proba(np.array(x))[0] == pytest.approx(expected)


def test_models_direction_projects_in_range(tmp_path):
    save_model(
        tmp_path / "d",
        kind="direction",
        arrays={"w": np.ones(3), "b": np.array(0.0), "scale": np.array(10.0)},
        meta={},
    )
    model = load_model(tmp_path / "d", name="d")
    out = model.project(np.array([[1.0, 1.0, 1.0], [-1.0, 0.0, 0.0], [0.0, 0.0, 0.0]]))
    assert np.all(np.abs(out) <= 1.0) and out[0] > 0 > out[1] and out[2] == 0


def test_models_missing_folder_raises(tmp_path):
    with pytest.raises(ModelError, match="missing"):
        load_model(tmp_path / "nothing", name="agency")


def test_models_missing_array_raises(tmp_path):
    save_model(tmp_path / "m", kind="logistic", arrays={"coef": np.ones((1, 2))}, meta={})
    with pytest.raises(ModelError, match="intercept"):
        load_model(tmp_path / "m", name="m")


def test_models_assemble_orders_blocks(tmp_path):
    save_model(
        tmp_path / "m",
        kind="logistic",
        arrays={"coef": np.ones((1, 5)), "intercept": np.zeros(1)},
        meta={"inputs": ["text", "has_context", "rules"], "rule_features": ["a", "b"]},
    )
    model = load_model(tmp_path / "m", name="m")
    x = assemble(model, text=np.array([[7.0, 8.0]]), has_context=np.array([1.0]), rules={"b": [3.0]})
    assert x.tolist() == [[7.0, 8.0, 1.0, 0.0, 3.0]]
