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
        from model2vec import StaticModel

        # A local folder is always read from disk; force_download=False so that a
        # missing folder can never turn into a hub download (we check it exists first).
        self.model = StaticModel.from_pretrained(folder, force_download=False)

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
