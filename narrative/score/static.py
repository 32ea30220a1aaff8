"""Static (Model2Vec) sentence embeddings for the fast scoring mode.

A static model maps each token to a fixed vector and averages them: no
transformer runs, so embedding costs a table lookup (~30x faster than
all-MiniLM-L6-v2 on a CPU core). ``models/static_minilm`` is distilled from the
bundled all-MiniLM-L6-v2 by ``scripts/build_static_encoder.py``. The trained
heads for this embedding space live in ``models/fast/`` (``--fast``).

:class:`StaticBackend` gives a Model2Vec model the small part of the
SentenceTransformer interface that :class:`~narrative.score.encoder.SentenceEncoder`
uses, so the encoder's cache, hash check and batching work unchanged.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

STATIC_MODEL_TYPE = "model2vec"


def is_static_folder(folder: Path) -> bool:
    """True when ``folder`` holds a Model2Vec static model (config.json model_type "model2vec")."""
    config = folder / "config.json"
    if not config.is_file():
        return False
    try:
        data = json.loads(config.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(data, dict) and data.get("model_type") == STATIC_MODEL_TYPE


class StaticBackend:
    """A Model2Vec model behind ``encode(...)`` / ``get_sentence_embedding_dimension()``."""

    def __init__(self, folder: Path) -> None:
        self.model = load_static_model(folder)

    def get_sentence_embedding_dimension(self) -> int:
        return int(self.model.dim)

    def encode(
        self,
        sentences: Sequence[str],
        *,
        batch_size: int = 1024,
        normalize_embeddings: bool = True,
        **_: Any,
    ) -> np.ndarray:
        """Mean token vectors (float32), L2-normalised when asked; an all-zero row stays zero."""
        vectors = self.model.encode(
            list(sentences), batch_size=max(batch_size, 256), use_multiprocessing=False
        ).astype(np.float32)
        if normalize_embeddings:
            norms = np.linalg.norm(vectors, axis=1, keepdims=True)
            vectors = vectors / np.maximum(norms, 1e-12)
        return vectors


def load_static_model(folder: Path) -> Any:
    """The Model2Vec model in the local ``folder``.

    A folder in Model2Vec's own layout (``model.safetensors``, ``tokenizer.json``, ``config.json``) is
    read here and handed to ``StaticModel``'s constructor with the arguments ``from_pretrained`` would
    give it: ``from_pretrained`` also imports Model2Vec's model-card and hub code (huggingface_hub and its
    HTTP clients, ~0.2 s per process) for metadata the encoder never reads. Other layouts go through
    ``from_pretrained`` with ``force_download=False``; the folder is checked to exist first, so a missing
    one can never turn into a hub download.
    """
    from model2vec import StaticModel

    weights_file, tokenizer_file, config_file = (
        folder / "model.safetensors",
        folder / "tokenizer.json",
        folder / "config.json",
    )
    if not (weights_file.is_file() and tokenizer_file.is_file() and config_file.is_file()):
        if not folder.is_dir():
            raise FileNotFoundError(f"static embedding model folder not found: {folder}")
        return StaticModel.from_pretrained(folder, force_download=False)
    import safetensors
    from tokenizers import Tokenizer

    with safetensors.safe_open(str(weights_file), framework="numpy") as fh:
        names = set(fh.keys())
        tensors = {
            name: fh.get_tensor(name) for name in ("embeddings", "weights", "mapping") if name in names
        }
    config = json.loads(config_file.read_text(encoding="utf-8"))
    # as from_pretrained: the config's normalize / max_length, else the constructor's defaults
    options = {name: config[name] for name in ("normalize", "max_length") if name in config}
    return StaticModel(
        vectors=tensors["embeddings"],
        tokenizer=Tokenizer.from_file(str(tokenizer_file)),
        weights=tensors.get("weights"),
        token_mapping=tensors.get("mapping"),
        config=config,
        **options,
    )
