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


def _lexical_model(tmp_path, *, weight: float = 1.0):
    save_model(
        tmp_path / "lex",
        kind="logistic",
        arrays={
            "coef": np.zeros((1, 2)),
            "intercept": np.zeros(1),
            "lex_idf": np.array([1.0, 2.0, 1.5]),
            "lex_coef": np.array([[2.0, -3.0, 1.0]]),
            "lex_intercept": np.array([0.5]),
        },
        meta={
            "classes": ["a", "b"],
            "lexical": {"terms": ["went", "my son", "son"], "ngram_range": [1, 2], "weight": weight},
        },
    )
    return load_model(tmp_path / "lex", name="lex")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", 0.5),  # no known term: lexical intercept only
        ("I went", 0.5 + 2.0),  # one term: l2-normalised tf-idf is 1.0
        ("My son", 0.5 + (-3.0 * 2.0 + 1.0 * 1.5) / np.hypot(2.0, 1.5)),
        ("went went", 0.5 + 2.0),  # sublinear tf, then normalised
    ],
)
def test_models_lexical_part_adds_tfidf_logit(tmp_path, text, expected):
    model = _lexical_model(tmp_path)
    z = model.decision(np.zeros((1, 2)), texts=[text])
    assert z.reshape(-1)[0] == pytest.approx(expected, rel=1e-5)


def test_models_lexical_part_matches_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from narrative.score.models import tfidf_matrix

    train = ["I went to the gym", "my son got a prize", "I can't stop, I won't stop", "the gym was closed"]
    vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(train)
    probe = ["I went to the GYM again and again", "nothing known here", "My son can't stop"]
    ours = tfidf_matrix(probe, vocabulary=vec.vocabulary_, idf=vec.idf_, ngram_range=(1, 2))
    assert abs(ours - vec.transform(probe)).max() < 1e-9


def test_models_lexical_part_requires_texts(tmp_path):
    model = _lexical_model(tmp_path)
    with pytest.raises(ValueError, match="lexical"):
        model.decision(np.zeros((1, 2)))


def test_models_lexical_part_missing_array_raises(tmp_path):
    save_model(
        tmp_path / "m",
        kind="logistic",
        arrays={"coef": np.ones((1, 2)), "intercept": np.zeros(1), "lex_idf": np.ones(1)},
        meta={"lexical": {"terms": ["a"], "ngram_range": [1, 1], "weight": 1.0}},
    )
    with pytest.raises(ModelError, match="lex_coef"):
        load_model(tmp_path / "m", name="m")
