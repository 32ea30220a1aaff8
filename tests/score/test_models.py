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


def _trees_model(tmp_path, *, weight: float = 2.0, **override):
    # one stump on feature 1 (x1 <= 0.5: -1.0, else +3.0) and one two-level tree on feature 0
    arrays = {
        "coef": np.array([[1.0, 0.0]]),
        "intercept": np.array([0.25]),
        "tree_feature": np.array([1, 0, 0, 0, 0, 0, 0, 0]),
        "tree_threshold": np.array([0.5, 0, 0, -1.0, 0, 2.0, 0, 0]),
        "tree_left": np.array([1, -1, -1, 4, -1, 6, -1, -1]),
        "tree_right": np.array([2, -1, -1, 5, -1, 7, -1, -1]),
        "tree_value": np.array([0, -1.0, 3.0, 0, 10.0, 0, 20.0, 30.0]),
        "tree_root": np.array([0, 3]),
    }
    arrays.update(override)
    save_model(
        tmp_path / "trees",
        kind="logistic",
        arrays=arrays,
        meta={"classes": ["a", "b"], "trees": {"weight": weight, "baseline": 0.5}},
    )
    return load_model(tmp_path / "trees", name="trees")


@pytest.mark.parametrize(
    ("x", "trees"),
    [
        ([-2.0, 0.0], 0.5 - 1.0 + 10.0),  # x0 <= -1 -> leaf 4
        ([-1.0, 0.5], 0.5 - 1.0 + 10.0),  # ties go left
        ([0.0, 0.6], 0.5 + 3.0 + 20.0),  # -1 < x0 <= 2 -> leaf 6
        ([3.0, 9.0], 0.5 + 3.0 + 30.0),
    ],
)
def test_models_trees_part_adds_weighted_leaf_sum(tmp_path, x, trees):
    model = _trees_model(tmp_path)
    assert model.tree_decision(np.array([x]))[0] == pytest.approx(trees)
    z = model.decision(np.array([x])).reshape(-1)[0]
    assert z == pytest.approx(x[0] + 0.25 + 2.0 * trees)


def test_models_trees_part_matches_sklearn_as_stored(tmp_path):
    import sys

    from sklearn.ensemble import HistGradientBoostingClassifier

    sys.path.insert(0, str(__import__("pathlib").Path(__file__).resolve().parents[2] / "scripts"))
    from train_common import trees_payload

    rng = np.random.default_rng(0)
    # float32 columns (embeddings) and float64 columns with few distinct values (rule features)
    x = np.hstack([rng.normal(size=(600, 4)).astype(np.float32), rng.integers(0, 7, (600, 2)) / 7.0])
    y = (x[:, 0] + x[:, 1] * x[:, 2] + x[:, 4] > 0.5).astype(int)
    hgb = HistGradientBoostingClassifier(max_iter=20, early_stopping=False, random_state=0).fit(x, y)
    # new rows exactly on the thresholds scikit-learn learned must split as it does
    thresholds = [p.nodes["num_threshold"][~p.nodes["is_leaf"].astype(bool)] for (p,) in hgb._predictors]
    probe = np.tile(np.concatenate(thresholds)[:, None], (1, 6))
    x = np.vstack([x, probe, np.nextafter(probe, np.inf)])
    meta, arrays = trees_payload(hgb, weight=1.0, check_x=x)
    save_model(
        tmp_path / "t",
        kind="logistic",
        arrays={"coef": np.zeros((1, 6)), "intercept": np.zeros(1), **arrays},
        meta={"classes": ["a", "b"], "trees": meta},
    )
    model = load_model(tmp_path / "t", name="t")
    np.testing.assert_allclose(model.decision(x).reshape(-1), hgb.decision_function(x), atol=1e-5)


def test_models_trees_part_bad_links_raise(tmp_path):
    with pytest.raises(ModelError, match="trees"):
        _trees_model(tmp_path, tree_left=np.array([1, -1, -1, 40, -1, 6, -1, -1]))


def test_models_trees_part_missing_array_raises(tmp_path):
    save_model(
        tmp_path / "m",
        kind="logistic",
        arrays={"coef": np.ones((1, 2)), "intercept": np.zeros(1), "tree_feature": np.zeros(1)},
        meta={"trees": {"weight": 1.0, "baseline": 0.0}},
    )
    with pytest.raises(ModelError, match="tree_threshold"):
        load_model(tmp_path / "m", name="m")
