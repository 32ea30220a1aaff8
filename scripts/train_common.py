"""Shared helpers for the scoring stage's training and evaluation scripts.

Reads the public datasets in ../shared/data (never copied into the repo) and
caches each training set's embeddings ONCE as one matrix in
/tmp/narrative-emb-cache (outside the repo), keyed by a hash of its texts.

Run any train_*.py / eval_scores.py from the repo root with .venv/bin/python.

Environment variables (honoured by every train_*.py and eval_scores.py):
- NARRATIVE_EMB_ADAPTER: an encoder adapter folder (or "bundled" =
  models/encoder_adapter) applied on top of all-MiniLM-L6-v2 for every
  embedding (see scripts/train_encoder.py). Cached matrices of adapted
  embeddings go to <name>@<adapter sha256[:12]>.npz, never mixed with the
  base ones (<name>.npz).
- NARRATIVE_MODELS_OUT: folder the train_*.py scripts write their models to
  and the scorer built by eval_scores.py reads them from (default: models/,
  or the preset's score.models_dir with NARRATIVE_PRESET).
- NARRATIVE_PRESET: a packaged preset ("fast") whose models section (the
  embedding model) is used for every embedding; cached matrices go to
  <name>@<preset>-<weights sha256[:12]>.npz (see scripts/train_fast.sh).
"""

from __future__ import annotations

import copy
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pandas as pd

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from narrative.config import default_config, load_config  # noqa: E402
from narrative.score.encoder import (  # noqa: E402
    Encoder,
    adapter_identity,
    file_sha256,
    resolve_adapter_path,
    text_key,
)
from narrative.score.encoder import SentenceEncoder as _SentenceEncoder  # noqa: E402

DATA = Path(os.environ.get("NARRATIVE_SHARED_DATA", REPO.parent / "shared" / "data"))
CACHE = Path(os.environ.get("NARRATIVE_EMB_CACHE", "/tmp/narrative-emb-cache"))
PRESET = os.environ.get("NARRATIVE_PRESET") or None
_PRESET_CFG = load_config(preset=PRESET) if PRESET else None
MODELS = Path(
    os.environ.get("NARRATIVE_MODELS_OUT")
    or (_PRESET_CFG["score"]["models_dir"] if _PRESET_CFG else REPO / "models")
).expanduser()
ADAPTER = os.environ.get("NARRATIVE_EMB_ADAPTER") or None
SEED = 13


def encoder_config() -> dict:
    """The packaged configuration with NARRATIVE_PRESET / NARRATIVE_EMB_ADAPTER / NARRATIVE_MODELS_OUT applied."""
    cfg = copy.deepcopy(_PRESET_CFG) if _PRESET_CFG is not None else default_config()
    if ADAPTER:
        cfg["models"]["embedding_adapter"] = ADAPTER
    cfg.setdefault("score", {})
    cfg["score"] = {**(cfg["score"] or {}), "models_dir": str(MODELS)}
    return cfg


def encoder_identity() -> str:
    """Cache file suffix: "" for the plain bundled encoder, "@<adapter sha256[:12]>" with an
    adapter, "@<preset>-<weights sha256[:12]>" with a preset's embedding model."""
    if PRESET:
        from narrative.score.encoder import resolve_model_path

        folder = resolve_model_path(str(_PRESET_CFG["models"]["embedding_model"]))
        return f"@{PRESET}-" + file_sha256(folder / "model.safetensors")[:12]
    folder = resolve_adapter_path(ADAPTER)
    return "" if folder is None else "@" + adapter_identity(folder)[:12]


class SentenceEncoder(_SentenceEncoder):
    """The package's SentenceEncoder with the scripts' adapter setting as its default config."""

    def __init__(self, config=None, *, cache_dir=None) -> None:
        super().__init__(config if config is not None else encoder_config(), cache_dir=cache_dir)


def load_scorer(*, encoder: Encoder | None = None):
    """A fitted StatementScorer reading the models from MODELS, with the scripts' encoder settings."""
    from narrative.score.scorer import StatementScorer

    return StatementScorer.load(encoder_config(), encoder=encoder)


if os.environ.get("NARRATIVE_MODELS_OUT") or ADAPTER or PRESET:
    # eval_scores.py builds its scorer with StatementScorer.load(encoder=...) and the packaged
    # defaults; in this scripts-only process, make a config-less load read MODELS (and the adapter).
    from narrative.score.scorer import StatementScorer as _Scorer

    _packaged_load = _Scorer.load.__func__

    def _load_with_env(cls, config=None, *, encoder=None):
        return _packaged_load(cls, config if config is not None else encoder_config(), encoder=encoder)

    _Scorer.load = classmethod(_load_with_env)


def require_data() -> Path:
    if not DATA.is_dir():
        sys.exit(f"training data folder {DATA} not found (set NARRATIVE_SHARED_DATA)")
    return DATA


class TableEncoder:
    """Encoder backed by a precomputed {text: vector} table, falling back to a real encoder."""

    def __init__(self, table: dict[str, np.ndarray], fallback: Encoder | None = None) -> None:
        self.table = table
        self.fallback = fallback

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        missing = [t for t in dict.fromkeys(texts) if t not in self.table]
        if missing:
            if self.fallback is None:
                self.fallback = SentenceEncoder()
            for t, v in zip(missing, self.fallback.encode(missing), strict=True):
                self.table[t] = v
        return np.vstack([self.table[t] for t in texts]).astype(np.float32)


_ENCODER: SentenceEncoder | None = None


def encoder() -> SentenceEncoder:
    global _ENCODER
    if _ENCODER is None:
        _ENCODER = SentenceEncoder()
    return _ENCODER


def embed_cached(name: str, texts: Sequence[str]) -> np.ndarray:
    """Embeddings of ``texts`` (one row per input text); each distinct text encoded once ever.

    The cache is /tmp/narrative-emb-cache/<name><identity>.npz holding content hashes and
    vectors (no text), where <identity> is "" for the base encoder and "@<adapter hash>"
    with NARRATIVE_EMB_ADAPTER; texts not yet in it are encoded and the file is rewritten.
    """
    identity = encoder_identity()
    path = CACHE / f"{name}{identity}.npz"
    keys: list[str] = []
    matrix: np.ndarray | None = None
    if path.is_file():
        with np.load(path) as npz:
            keys, matrix = list(npz["keys"]), npz["vectors"]
            stored = str(npz["identity"]) if "identity" in npz.files else ""
        if stored != identity:
            sys.exit(f"{path}: cached for encoder {stored!r}, not {identity!r}; delete it")
    index = {k: i for i, k in enumerate(keys)}
    distinct = list(dict.fromkeys(texts))
    missing = [t for t in distinct if text_key(t) not in index]
    if missing:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"[emb] encoding {len(missing)} new texts for {name} ...", file=sys.stderr, flush=True)
        chunks = []
        step = 2048
        for i in range(0, len(missing), step):
            chunks.append(encoder().encode(missing[i : i + step]))
            print(f"[emb]   {min(i + step, len(missing))}/{len(missing)}", file=sys.stderr, flush=True)
        new_keys = [text_key(t) for t in missing]
        keys = keys + new_keys
        matrix = np.vstack([m for m in (matrix, *chunks) if m is not None]).astype(np.float32)
        tmp = path.with_suffix(".tmp.npz")
        np.savez(tmp, keys=np.array(keys), vectors=matrix, identity=np.array(identity))
        os.replace(tmp, path)
        index = {k: i for i, k in enumerate(keys)}
    return matrix[[index[text_key(t)] for t in texts]]


def table_encoder(name: str, texts: Sequence[str]) -> TableEncoder:
    vectors = embed_cached(name, texts)
    return TableEncoder(dict(zip(texts, vectors, strict=True)))


# ---------------------------------------------------------------- lexical part


def fit_lexical(texts: Sequence[str], y: np.ndarray, *, c: float, ngram_range: tuple[int, int], min_df: int):
    """A TF-IDF word n-gram logistic regression (the models' stacked lexical part).

    Returns ``(vectorizer, model)``; multi-class models use balanced class weights.
    """
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression

    vec = TfidfVectorizer(ngram_range=ngram_range, min_df=min_df, sublinear_tf=True, dtype=np.float64)
    x = vec.fit_transform(list(texts))
    weight = "balanced" if len(np.unique(y)) > 2 else None
    model = LogisticRegression(C=c, class_weight=weight, max_iter=5000, random_state=SEED).fit(x, y)
    return vec, model


def lexical_decision(vec, model, texts: Sequence[str]) -> np.ndarray:
    return model.decision_function(vec.transform(list(texts)))


def lexical_payload(vec, model, *, weight: float, check_texts: Sequence[str]) -> tuple[dict, dict]:
    """(meta["lexical"], arrays) for save_model; asserts numpy inference matches scikit-learn."""
    from narrative.score.models import tfidf_matrix

    terms = [""] * len(vec.vocabulary_)
    for term, j in vec.vocabulary_.items():
        terms[j] = term
    ngram = tuple(int(n) for n in vec.ngram_range)
    meta = {"terms": terms, "ngram_range": list(ngram), "weight": float(weight), "min_df": vec.min_df}
    arrays = {
        "lex_idf": vec.idf_,
        "lex_coef": model.coef_,
        "lex_intercept": model.intercept_,
    }
    ours = tfidf_matrix(
        list(check_texts), vocabulary=vec.vocabulary_, idf=vec.idf_.astype(np.float64), ngram_range=ngram
    )
    theirs = vec.transform(list(check_texts))
    assert abs(ours - theirs).max() < 1e-6, "numpy TF-IDF differs from scikit-learn"
    return meta, arrays


# ---------------------------------------------------------------- trees part


def trees_payload(model, *, weight: float, check_x: np.ndarray) -> tuple[dict, dict]:
    """(meta["trees"], arrays) of a binary HistGradientBoostingClassifier for save_model.

    Flattens every tree's nodes into one set of arrays (see narrative.score.models) and
    asserts that the numpy inference, run on the arrays as save_model stores them,
    reproduces scikit-learn's decision_function on ``check_x``.
    """
    from narrative.score.models import ArrayModel, stored_array

    feature, threshold, left, right, value, roots = [], [], [], [], [], []
    offset = 0
    for (predictor,) in model._predictors:
        nodes = predictor.nodes
        if nodes["is_categorical"].any():
            raise ValueError("categorical splits are not supported")
        leaf = nodes["is_leaf"].astype(bool)
        roots.append(offset)
        feature.append(np.where(leaf, 0, nodes["feature_idx"]))
        threshold.append(np.where(leaf, 0.0, nodes["num_threshold"]))
        left.append(np.where(leaf, -1, nodes["left"].astype(np.int64) + offset))
        right.append(np.where(leaf, -1, nodes["right"].astype(np.int64) + offset))
        value.append(np.where(leaf, nodes["value"], 0.0))
        offset += len(nodes)
    if offset >= 2**24:
        raise ValueError("too many tree nodes to store node links exactly as float32")
    arrays = {
        "tree_feature": np.concatenate(feature),
        "tree_threshold": np.concatenate(threshold),
        "tree_left": np.concatenate(left),
        "tree_right": np.concatenate(right),
        "tree_value": np.concatenate(value),
        "tree_root": np.array(roots),
    }
    baseline = float(np.asarray(model._baseline_prediction).reshape(-1)[0])
    meta = {
        "weight": float(weight),
        "baseline": baseline,
        "n_trees": len(roots),
        "n_nodes": offset,
        "learner": "sklearn HistGradientBoostingClassifier",
        "hyperparameters": {k: v for k, v in model.get_params().items() if k not in ("verbose",)},
    }
    stored = {k: stored_array(k, v).astype(np.float64) for k, v in arrays.items()}
    check = ArrayModel(name="check", kind="logistic", arrays=stored, meta={"trees": meta})
    ours = check.tree_decision(np.asarray(check_x, dtype=np.float64))
    theirs = model.decision_function(check_x)
    worst = float(np.abs(ours - theirs).max())
    assert worst < 1e-4, f"numpy tree inference differs from scikit-learn by {worst}"
    return meta, arrays


# ---------------------------------------------------------------- datasets


def load_annomi() -> pd.DataFrame:
    """Client utterances with the preceding therapist utterance as ``context``."""
    df = pd.read_csv(require_data() / "annomi" / "annomi-train.csv")
    df = df.sort_values(["transcript_id", "utterance_id"]).reset_index(drop=True)
    df["utterance_text"] = df["utterance_text"].fillna("").astype(str)
    prev_text = df.groupby("transcript_id")["utterance_text"].shift(1)
    prev_who = df.groupby("transcript_id")["interlocutor"].shift(1)
    df["context"] = np.where(prev_who == "therapist", prev_text, "")
    df["context"] = df["context"].fillna("").astype(str)
    clients = df[df["interlocutor"] == "client"].copy()
    clients = clients[clients["client_talk_type"].isin(["change", "neutral", "sustain"])]
    return clients.reset_index(drop=True)


def annomi_split(df: pd.DataFrame, *, dev_fraction: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    """Boolean train/dev masks, split by transcript_id (fixed seed)."""
    ids = np.array(sorted(df["transcript_id"].unique()))
    rng = np.random.default_rng(SEED)
    rng.shuffle(ids)
    dev_ids = set(ids[: int(round(len(ids) * dev_fraction))].tolist())
    dev = df["transcript_id"].isin(dev_ids).to_numpy()
    return ~dev, dev


def annomi_encoder_holdout(df: pd.DataFrame) -> np.ndarray:
    """Mask of the training transcripts train_encoder.py holds out (never fine-tuned on).

    16 of the 81 annomi_split training transcripts (seed 14); the dev transcripts are
    never in it. Heads trained on adapted embeddings tune on these rows, since the
    encoder has seen the labels of every other training transcript.
    """
    tr, _ = annomi_split(df)
    ids = np.array(sorted(set(df.loc[tr, "transcript_id"].tolist())))
    rng = np.random.default_rng(SEED + 1)
    rng.shuffle(ids)
    held = set(ids[: int(round(len(ids) * 0.2))].tolist())
    return (df["transcript_id"].isin(held).to_numpy()) & tr


def load_claff() -> pd.DataFrame:
    df = pd.read_csv(require_data() / "claff-agency" / "labeled_10k.csv")
    df["moment"] = df["moment"].fillna("").astype(str)
    df = df[df["agency"].isin(["yes", "no"])].reset_index(drop=True)
    df["y"] = (df["agency"] == "yes").astype(int)
    return df


def claff_split(df: pd.DataFrame, *, dev_fraction: float = 0.2) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(SEED)
    order = rng.permutation(len(df))
    dev = np.zeros(len(df), dtype=bool)
    dev[order[: int(round(len(df) * dev_fraction))]] = True
    return ~dev, dev


def load_frames(split: str) -> pd.DataFrame:
    name = {"train": "wholetrain.csv", "dev": "wholedev.csv"}[split]
    df = pd.read_csv(require_data() / "positive-frames" / name)
    df["original_text"] = df["original_text"].fillna("").astype(str)
    df["reframed_text"] = df["reframed_text"].fillna("").astype(str)
    return df[(df["original_text"] != "") & (df["reframed_text"] != "")].reset_index(drop=True)


def frames_pair_embeddings(split: str) -> tuple[np.ndarray, np.ndarray]:
    """(original, reframed) embeddings of the positive-frames ``split`` ("train" or "dev"), one row per pair.

    Both splits are embedded as one cached matrix ("frames"), so every script shares the cache file.
    """
    tr, dv = load_frames("train"), load_frames("dev")
    texts = (
        list(tr["original_text"])
        + list(tr["reframed_text"])
        + list(dv["original_text"])
        + list(dv["reframed_text"])
    )
    emb = embed_cached("frames", texts)
    n_tr, n_dv = len(tr), len(dv)
    if split == "train":
        return emb[:n_tr], emb[n_tr : 2 * n_tr]
    return emb[2 * n_tr : 2 * n_tr + n_dv], emb[2 * n_tr + n_dv :]


def load_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.strip()
            if line:
                rows.append(json.loads(line))
    return rows


def all_training_texts() -> dict[str, list[str]]:
    ann = load_annomi()
    claff = load_claff()
    tr, dv = load_frames("train"), load_frames("dev")
    return {
        "annomi": list(ann["utterance_text"]) + list(ann["context"]),
        "claff": list(claff["moment"]),
        "frames": list(tr["original_text"])
        + list(tr["reframed_text"])
        + list(dv["original_text"])
        + list(dv["reframed_text"]),
    }


if __name__ == "__main__":
    # Warm the embedding cache for every training set (run once).
    for name, texts in all_training_texts().items():
        embed_cached(name, texts)
        print(f"[emb] {name}: ok", file=sys.stderr)
