"""Trained scoring models stored as plain numpy arrays + JSON (no pickle).

Each artifact is a folder ``models/<name>/`` with ``model.npz`` (arrays only,
loaded with ``allow_pickle=False``), ``model.json`` (kind, classes, inputs,
dev figures) and ``MODEL_CARD.md``. Inference is pure numpy:

- ``logistic``: scikit-learn LogisticRegression weights (binary or multinomial)
  after an optional standardisation (``mean``, ``scale``).
- ``mlp``: a scikit-learn MLPClassifier's layers (ReLU hidden layers,
  logistic/softmax output) after optional standardisation.
- ``direction``: a learned direction ``w`` with offset ``b`` and ``scale``;
  ``project(x) = tanh(scale * (x @ w + b))`` in [-1, 1].

``inputs`` names the feature blocks in order: ``text`` (the statement's
embedding), ``context`` (the previous turn's embedding, zeros when absent),
``has_context`` (1/0), ``rules`` (the rule features named in
``rule_features``).

A ``logistic`` model may carry a *lexical part* stacked on its logits: a
TF-IDF word n-gram logistic regression over the statement's own text
(``meta["lexical"]``: ``terms``, ``ngram_range``, ``weight``; arrays
``lex_idf``, ``lex_coef``, ``lex_intercept``). Its featurisation reproduces
scikit-learn's ``TfidfVectorizer(lowercase=True, sublinear_tf=True, norm="l2")`` with
its default token pattern (runs of two or more word characters); the model's decision is
``logits(embedding blocks) + weight * logits(lexical)``. It costs no extra embedding.

A binary ``logistic`` model may also carry a *trees part*: a gradient-boosted tree
ensemble (scikit-learn ``HistGradientBoostingClassifier``, numerical splits only) over
the same standardised input, stacked on its logit as ``+ weight * (baseline + sum of
leaf values)`` (``meta["trees"]``: ``weight``, ``baseline``; arrays ``tree_feature``,
``tree_threshold``, ``tree_left``, ``tree_right``, ``tree_value`` over all nodes of all
trees, ``tree_left == -1`` marking a leaf, and ``tree_root``, each tree's root node). A
sample goes left when ``x[feature] <= threshold``; thresholds are stored in float64 (every
other array in float32), so every input splits exactly as in scikit-learn.
"""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import errors

KINDS = ("logistic", "mlp", "direction")
BLOCKS = ("text", "context", "has_context", "rules")
LEXICAL_ARRAYS = ("lex_idf", "lex_coef", "lex_intercept")
TREE_ARRAYS = ("tree_feature", "tree_threshold", "tree_left", "tree_right", "tree_value", "tree_root")
# Arrays stored in float64 rather than float32: split thresholds must compare exactly.
FLOAT64_ARRAYS = ("tree_threshold",)


def stored_array(name: str, value: Any) -> np.ndarray:
    """``value`` as :func:`save_model` stores the array ``name`` (float32; float64 for
    :data:`FLOAT64_ARRAYS`)."""
    return np.asarray(value, dtype=np.float64 if name in FLOAT64_ARRAYS else np.float32)


_TOKEN = re.compile(r"(?u)\b\w\w+\b")


def ngram_terms(text: str, ngram_range: tuple[int, int]) -> list[str]:
    """Word n-grams of ``text`` exactly as scikit-learn's default word analyzer makes them."""
    tokens = _TOKEN.findall(text.lower())
    lo, hi = ngram_range
    out: list[str] = []
    for n in range(lo, hi + 1):
        out.extend(" ".join(tokens[i : i + n]) for i in range(len(tokens) - n + 1))
    return out


def tfidf_rows(
    texts: Sequence[str], *, vocabulary: Mapping[str, int], idf: np.ndarray, ngram_range: tuple[int, int]
) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Per text, (term columns, sublinear-tf x idf weights l2-normalised): one sparse row."""
    for text in texts:
        counts: dict[int, int] = {}
        for term in ngram_terms(text, ngram_range):
            j = vocabulary.get(term)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        if not counts:
            yield np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float64)
            continue
        cols = np.fromiter(counts.keys(), dtype=np.int64)
        vals = (1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64))) * idf[cols]
        yield cols, vals / np.linalg.norm(vals)


def tfidf_matrix(
    texts: Sequence[str], *, vocabulary: Mapping[str, int], idf: np.ndarray, ngram_range: tuple[int, int]
) -> Any:
    """The rows of :func:`tfidf_rows` as a ``scipy.sparse.csr_matrix`` (training scripts, tests).

    Run-time scoring uses :func:`tfidf_rows` directly, so no scoring run imports scipy.sparse.
    """
    from scipy import sparse

    indptr, indices, data = [0], [], []
    for cols, vals in tfidf_rows(texts, vocabulary=vocabulary, idf=idf, ngram_range=ngram_range):
        indices.extend(cols.tolist())
        data.extend(vals.tolist())
        indptr.append(len(indices))
    return sparse.csr_matrix(
        (np.asarray(data, dtype=np.float64), np.asarray(indices, dtype=np.int64), np.asarray(indptr)),
        shape=(len(texts), len(idf)),
    )


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


def _sigmoid(z: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-np.clip(z, -50, 50)))


@dataclasses.dataclass(frozen=True)
class ArrayModel:
    """A trained model held as named arrays plus metadata."""

    name: str
    kind: str
    arrays: Mapping[str, np.ndarray]
    meta: Mapping[str, Any]
    vocabulary: Mapping[str, int] = dataclasses.field(default_factory=dict)

    @property
    def classes(self) -> list[str]:
        return list(self.meta.get("classes", []))

    @property
    def inputs(self) -> list[str]:
        return list(self.meta.get("inputs", ["text"]))

    @property
    def rule_features(self) -> list[str]:
        return list(self.meta.get("rule_features", []))

    def _standardise(self, x: np.ndarray) -> np.ndarray:
        if "mean" in self.arrays:
            x = (x - self.arrays["mean"]) / self.arrays["scale"]
        return x

    @property
    def has_lexical(self) -> bool:
        return "lexical" in self.meta

    def lexical_decision(self, texts: Sequence[str]) -> np.ndarray:
        """Logits of the lexical (TF-IDF) part alone, before its blend weight."""
        lex = self.meta["lexical"]
        coef = self.arrays["lex_coef"]
        rows = tfidf_rows(
            texts,
            vocabulary=self.vocabulary,
            idf=self.arrays["lex_idf"],
            ngram_range=(int(lex["ngram_range"][0]), int(lex["ngram_range"][1])),
        )
        z = np.array([coef[:, cols] @ vals for cols, vals in rows]).reshape(len(texts), coef.shape[0])
        z = z + self.arrays["lex_intercept"]
        return z.reshape(-1) if z.shape[1] == 1 else z

    @property
    def has_trees(self) -> bool:
        return "trees" in self.meta

    def tree_decision(self, x: np.ndarray) -> np.ndarray:
        """Raw score of the trees part alone (baseline + summed leaf values), before its weight.

        ``x`` is the standardised input (as after :meth:`_standardise`); one value per row.
        """
        a = self.arrays
        feature = a["tree_feature"].astype(np.int64)
        left = a["tree_left"].astype(np.int64)
        right = a["tree_right"].astype(np.int64)
        threshold, value = a["tree_threshold"], a["tree_value"]
        node = np.tile(a["tree_root"].astype(np.int64), (x.shape[0], 1))
        rows = np.arange(x.shape[0])[:, None]
        inner = left[node] >= 0
        while inner.any():
            go_left = x[rows, feature[node]] <= threshold[node]
            node = np.where(inner, np.where(go_left, left[node], right[node]), node)
            inner = left[node] >= 0
        return value[node].sum(axis=1) + float(self.meta["trees"]["baseline"])

    def decision(self, x: np.ndarray, *, texts: Sequence[str] | None = None) -> np.ndarray:
        """Raw scores: logits (logistic/mlp, before the output link) or the projection (direction).

        ``texts`` (the statements' own texts) are required when the model has a lexical part.
        """
        x = self._standardise(np.asarray(x, dtype=np.float64))
        if self.kind == "logistic":
            z = x @ self.arrays["coef"].T + self.arrays["intercept"]
            if self.has_lexical:
                if texts is None or len(texts) != x.shape[0]:
                    raise ValueError(f"model {self.name!r} has a lexical part: pass one text per row")
                lex = self.lexical_decision(texts)
                z = z + float(self.meta["lexical"]["weight"]) * lex.reshape(z.shape)
            if self.has_trees:
                z = z + float(self.meta["trees"]["weight"]) * self.tree_decision(x).reshape(z.shape)
            return z
        if self.kind == "mlp":
            h = x
            n_layers = int(self.meta["n_layers"])
            for i in range(n_layers):
                h = h @ self.arrays[f"W{i}"] + self.arrays[f"b{i}"]
                if i < n_layers - 1:
                    h = np.maximum(h, 0.0)
            return h
        return x @ self.arrays["w"] + float(self.arrays["b"])

    def predict_proba(self, x: np.ndarray, *, texts: Sequence[str] | None = None) -> np.ndarray:
        """Class probabilities, columns in :attr:`classes` order."""
        z = self.decision(x, texts=texts)
        if z.ndim == 1 or z.shape[1] == 1:
            p = _sigmoid(z.reshape(-1))
            return np.column_stack([1.0 - p, p])
        return _softmax(z)

    def project(self, x: np.ndarray) -> np.ndarray:
        """Direction models: tanh-squashed projection in [-1, 1]."""
        return np.tanh(float(self.arrays["scale"]) * self.decision(x))


def save_model(folder: Path, *, kind: str, arrays: Mapping[str, np.ndarray], meta: Mapping[str, Any]) -> None:
    """Write ``model.npz`` and ``model.json`` into ``folder`` (used by the training scripts)."""
    from ..io import atomic_path, write_text_atomic

    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, got {kind!r}")
    folder.mkdir(parents=True, exist_ok=True)
    with atomic_path(folder / "model.npz") as tmp, open(tmp, "wb") as fh:
        np.savez_compressed(fh, **{k: stored_array(k, v) for k, v in arrays.items()})
    write_text_atomic(
        folder / "model.json", json.dumps({"kind": kind, **meta}, indent=2, sort_keys=True) + "\n"
    )
    for name in ("model.npz", "model.json"):
        (folder / name).chmod(0o644)


def load_model(folder: Path, *, name: str) -> ArrayModel:
    """Load a model folder; raise :class:`~narrative.errors.ModelError` when missing or malformed."""
    npz_path, json_path = folder / "model.npz", folder / "model.json"
    try:
        meta = json.loads(json_path.read_text(encoding="utf-8"))
        with np.load(npz_path, allow_pickle=False) as npz:
            arrays = {k: npz[k].astype(np.float64) for k in npz.files}
    except FileNotFoundError:
        raise errors.ModelError(errors.score_artifact_missing_msg(name, str(folder))) from None
    except (OSError, ValueError) as exc:
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(name, str(folder), type(exc).__name__)
        ) from None
    kind = meta.get("kind")
    required = {"logistic": ("coef", "intercept"), "direction": ("w", "b", "scale"), "mlp": ()}
    if kind not in KINDS:
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(name, str(folder), f"unknown kind {kind!r}")
        )
    missing = [k for k in required[kind] if k not in arrays]
    if kind == "mlp":
        n = int(meta.get("n_layers", 0))
        missing += [k for i in range(n) for k in (f"W{i}", f"b{i}") if k not in arrays]
    bad_inputs = [b for b in meta.get("inputs", ["text"]) if b not in BLOCKS]
    vocabulary: dict[str, int] = {}
    if "lexical" in meta:
        missing += [k for k in LEXICAL_ARRAYS if k not in arrays]
        terms = meta["lexical"].get("terms")
        if (
            not isinstance(terms, list)
            or "ngram_range" not in meta["lexical"]
            or "weight" not in meta["lexical"]
        ):
            missing.append("lexical.terms/ngram_range/weight")
        elif "lex_idf" in arrays and len(terms) != len(arrays["lex_idf"]):
            missing.append("lexical.terms (length differs from lex_idf)")
        else:
            vocabulary = {str(t): i for i, t in enumerate(terms)}
    if "trees" in meta:
        missing += [k for k in TREE_ARRAYS if k not in arrays]
        if "weight" not in meta["trees"] or "baseline" not in meta["trees"]:
            missing.append("trees.weight/baseline")
        elif "coef" in arrays and arrays["coef"].shape[0] != 1:
            missing.append("trees (a trees part needs a binary logistic model)")
        elif not missing:
            n_nodes = len(arrays["tree_left"])
            if any(len(arrays[k]) != n_nodes for k in TREE_ARRAYS[:-1]) or not (
                np.all(arrays["tree_left"] < n_nodes) and np.all(arrays["tree_right"] < n_nodes)
            ):
                missing.append("trees (node arrays of different lengths or links out of range)")
    if missing or bad_inputs:
        problem = f"missing arrays {missing}" if missing else f"unknown input blocks {bad_inputs}"
        raise errors.ModelError(errors.score_artifact_invalid_msg(name, str(folder), problem))
    return ArrayModel(name=name, kind=kind, arrays=arrays, meta=meta, vocabulary=vocabulary)


def assemble(
    model: ArrayModel,
    *,
    text: np.ndarray,
    context: np.ndarray | None = None,
    has_context: np.ndarray | None = None,
    rules: Mapping[str, Sequence[float]] | None = None,
) -> np.ndarray:
    """Build the model's input matrix from named blocks (in the model's ``inputs`` order)."""
    n = text.shape[0]
    parts: list[np.ndarray] = []
    for block in model.inputs:
        if block == "text":
            parts.append(text)
        elif block == "context":
            parts.append(context if context is not None else np.zeros_like(text))
        elif block == "has_context":
            hc = has_context if has_context is not None else np.zeros(n)
            parts.append(np.asarray(hc, dtype=np.float64).reshape(n, 1))
        elif block == "rules":
            rules = rules or {}
            cols = [np.asarray(rules.get(f, np.zeros(n)), dtype=np.float64) for f in model.rule_features]
            parts.append(np.column_stack(cols) if cols else np.zeros((n, 0)))
    return np.hstack(parts)
