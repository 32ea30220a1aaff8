"""ONNX Runtime backend for the sentence encoder: the same model without the PyTorch stack at run time.

Importing sentence-transformers (and with it transformers' model code) and
building a SentenceTransformer costs about 4 seconds per process on our 2-core
machines; ONNX Runtime and ``tokenizers`` load the same all-MiniLM-L6-v2 in
about 0.2 seconds. That start-up is most of the time of a weekly re-run over
an export with a few new notes, and of ``narrative score`` on a small file.

:func:`export_onnx` writes ``model.onnx`` (the BERT encoder traced once by
``torch.onnx.export``) and ``export.json`` into an export folder (by default
``models/embedding_onnx``; ``narrative export-onnx`` runs it and ``make demo`` /
``make test`` run that). Before ``export.json`` is written, the export is
checked against the SentenceTransformer it came from on a fixed set of
sentences (empty, truncated, non-ASCII); the largest difference of any vector
component is recorded (about 3e-7 on the bundled model) and an export that
differs by more than :data:`MAX_ABS_DIFF` is refused. ``export.json`` pins
the base weights' SHA-256 and the ONNX file's own SHA-256, so an export is
only used with the weights it was made from and is checked at every load.

:class:`OnnxBackend` reproduces the SentenceTransformer pipeline the export
was made from: the model folder's own ``tokenizer.json`` (lower-casing,
WordPiece), truncation at ``max_seq_length``, padded batches sorted by length,
mean pooling over the attention mask, L2 normalisation.
"""

from __future__ import annotations

import json
import logging
import os
import tempfile
import warnings
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from .. import errors

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "narrative-onnx-encoder-v1"
ONNX_FILE = "model.onnx"
EXPORT_META = "export.json"
DEFAULT_EXPORT_DIR = Path(__file__).resolve().parents[2] / "models" / "embedding_onnx"
MAX_ABS_DIFF = 1e-4
INPUT_NAMES = ("input_ids", "attention_mask", "token_type_ids")

# Checked at export: lengths from empty to past the 256-token limit, casing, non-ASCII, emoji.
CHECK_SENTENCES = (
    "",
    "I am broken.",
    "I'm not broken anymore, I have been through hard things.",
    "Client reports feeling 'more in control' at work since the last session.",
    "She described herself as a failure and said she can't cope.",
    "Sometimes I struggle, but I find ways.",
    "Title: “Walking Forward” — Ünïcödé façade, naïve café 😀",
    "I CHOSE TO GO FOR A WALK!!!",
    " ".join(["I keep trying and I keep going"] * 60),
)


def resolve_export_dir(value: str | os.PathLike[str] | None) -> Path:
    """The export folder named by ``models.embedding_onnx_dir`` (``None``/``""`` = the default)."""
    if value is None or str(value).strip() == "":
        return DEFAULT_EXPORT_DIR
    return Path(value).expanduser()


def read_export_meta(folder: Path) -> dict[str, Any] | None:
    """``export.json`` of an export folder, or ``None`` when there is no finished export."""
    path = folder / EXPORT_META
    if not path.is_file() or not (folder / ONNX_FILE).is_file():
        return None
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError):
        return None
    if not isinstance(meta, dict) or meta.get("format") != EXPORT_FORMAT:
        return None
    return meta


def matching_export_meta(folder: Path, base_digest: str) -> dict[str, Any] | None:
    """``export.json`` of ``folder`` when it holds a finished export of the weights with SHA-256 ``base_digest``."""
    meta = read_export_meta(folder)
    if meta is None or not base_digest or meta.get("base_sha256") != base_digest:
        return None
    return meta


def export_matches(folder: Path, base_digest: str) -> bool:
    """True when ``folder`` holds a finished export made from the weights with SHA-256 ``base_digest``."""
    return matching_export_meta(folder, base_digest) is not None


def _sentence_config(model_folder: Path) -> tuple[int, str]:
    """(max_seq_length, pad token) of a sentence-transformers folder; refuses other poolings than mean."""
    pooling = model_folder / "1_Pooling" / "config.json"
    try:
        pool = json.loads(pooling.read_text(encoding="utf-8"))
        bert = json.loads((model_folder / "sentence_bert_config.json").read_text(encoding="utf-8"))
        special = json.loads((model_folder / "special_tokens_map.json").read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise errors.ModelError(
            errors.onnx_export_unsupported_msg(
                str(model_folder), f"unreadable model config ({type(exc).__name__})"
            )
        ) from None
    modes = [k for k, v in pool.items() if k.startswith("pooling_mode") and v]
    if modes != ["pooling_mode_mean_tokens"]:
        raise errors.ModelError(
            errors.onnx_export_unsupported_msg(
                str(model_folder), f"pooling {modes}, expected mean pooling only"
            )
        )
    pad = special.get("pad_token", "[PAD]")
    pad = pad.get("content", "[PAD]") if isinstance(pad, dict) else str(pad)
    return int(bert.get("max_seq_length", 256)), pad


class OnnxBackend:
    """An exported encoder behind ``encode(...)`` / ``get_sentence_embedding_dimension()``.

    Args:
        model_folder: the sentence-transformers folder the export was made from
            (its ``tokenizer.json`` is used).
        export_dir: folder holding ``model.onnx`` and ``export.json``.
        threads: ONNX Runtime intra-op threads (0 = the library default).
    """

    def __init__(
        self, model_folder: Path, export_dir: Path, *, threads: int = 0, meta: dict[str, Any] | None = None
    ) -> None:
        import onnxruntime
        import tokenizers

        from .encoder import file_sha256

        meta = meta if meta is not None else read_export_meta(export_dir)
        onnx_path = export_dir / ONNX_FILE
        if meta is None:
            raise errors.ModelError(errors.onnx_export_missing_msg(str(export_dir)))
        digest = file_sha256(onnx_path)
        if digest != meta.get("onnx_sha256"):
            raise errors.ModelError(
                errors.onnx_export_invalid_msg(
                    str(onnx_path), f"SHA-256 {digest[:8]}… differs from onnx_sha256 in {EXPORT_META}"
                )
            )
        self.max_seq_length = int(meta["max_seq_length"])
        self.dim = int(meta["dim"])
        self.tokenizer = tokenizers.Tokenizer.from_file(str(model_folder / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=self.max_seq_length)
        pad_token = str(meta.get("pad_token", "[PAD]"))
        pad_id = self.tokenizer.token_to_id(pad_token)
        self.tokenizer.enable_padding(pad_id=0 if pad_id is None else pad_id, pad_token=pad_token)
        options = onnxruntime.SessionOptions()
        if threads > 0:
            options.intra_op_num_threads = threads
            options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(
            str(onnx_path), options, providers=["CPUExecutionProvider"]
        )

    def get_sentence_embedding_dimension(self) -> int:
        return self.dim

    def _batch(self, texts: list[str]) -> np.ndarray:
        encoded = self.tokenizer.encode_batch(texts)
        ids = np.asarray([e.ids for e in encoded], dtype=np.int64)
        mask = np.asarray([e.attention_mask for e in encoded], dtype=np.int64)
        types = np.asarray([e.type_ids for e in encoded], dtype=np.int64)
        hidden = self.session.run(None, dict(zip(INPUT_NAMES, (ids, mask, types), strict=True)))[0]
        weights = mask[..., None].astype(np.float32)
        return (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)

    def encode(
        self,
        sentences: Sequence[str],
        *,
        batch_size: int = 32,
        normalize_embeddings: bool = True,
        **_: Any,
    ) -> np.ndarray:
        """Mean-pooled rows (float32) in input order, batches of similar length; L2-normalised when asked."""
        texts = list(sentences)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        order = np.argsort([-len(t) for t in texts], kind="stable")
        step = max(1, int(batch_size))
        for i in range(0, len(texts), step):
            idx = order[i : i + step]
            out[idx] = self._batch([texts[j] for j in idx])
        if normalize_embeddings:
            out /= np.maximum(np.linalg.norm(out, axis=1, keepdims=True), 1e-12)
        return out


def export_onnx(model_folder: Path, export_dir: Path, *, base_digest: str) -> dict[str, Any]:
    """Export the BERT encoder of a sentence-transformers folder to ``export_dir``; return ``export.json``.

    Loads the model with sentence-transformers (PyTorch), traces it with
    ``torch.onnx.export`` (eager attention, so the graph has no
    implementation-specific mask code), checks the export on
    :data:`CHECK_SENTENCES` and only then writes ``export.json``; a failed or
    interrupted export leaves no ``export.json``, so it is never used.

    Raises:
        ModelError: unsupported pooling, or the export differs from the model.
    """
    import torch
    from sentence_transformers import SentenceTransformer

    from .encoder import file_sha256

    max_seq_length, pad_token = _sentence_config(model_folder)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    reference = SentenceTransformer(
        str(model_folder), device="cpu", model_kwargs={"attn_implementation": "eager"}
    )
    bert = reference[0].auto_model.eval()

    class _Encoder(torch.nn.Module):
        def __init__(self, inner: Any) -> None:
            super().__init__()
            self.inner = inner

        def forward(self, input_ids: Any, attention_mask: Any, token_type_ids: Any) -> Any:
            out = self.inner(
                input_ids=input_ids, attention_mask=attention_mask, token_type_ids=token_type_ids
            )
            return out.last_hidden_state

    export_dir.mkdir(parents=True, exist_ok=True)
    (export_dir / EXPORT_META).unlink(missing_ok=True)  # an old export is unusable from here on
    example = tuple(torch.ones((2, 8), dtype=torch.long) for _ in INPUT_NAMES)
    axes = {name: {0: "batch", 1: "sequence"} for name in (*INPUT_NAMES, "last_hidden_state")}
    with tempfile.NamedTemporaryFile(dir=export_dir, suffix=".onnx.tmp", delete=False) as tmp:
        tmp_path = Path(tmp.name)
    try:
        with warnings.catch_warnings(), torch.no_grad():
            warnings.simplefilter("ignore")
            try:
                torch.onnx.export(
                    _Encoder(bert).eval(),
                    example,
                    str(tmp_path),
                    input_names=list(INPUT_NAMES),
                    output_names=["last_hidden_state"],
                    dynamic_axes=axes,
                    opset_version=17,
                    dynamo=False,
                )
            except (
                RuntimeError,
                ImportError,
                OSError,
                ValueError,
            ) as exc:  # (OnnxExporterError is a RuntimeError)
                raise errors.ModelError(
                    errors.onnx_export_unsupported_msg(
                        str(model_folder), f"torch.onnx.export failed ({type(exc).__name__}: {exc})"
                    )
                ) from None
        tmp_path.chmod(0o644)
        os.replace(tmp_path, export_dir / ONNX_FILE)
    finally:
        tmp_path.unlink(missing_ok=True)
    get_dim = (
        getattr(reference, "get_embedding_dimension", None) or reference.get_sentence_embedding_dimension
    )
    dim = int(get_dim())
    meta: dict[str, Any] = {
        "format": EXPORT_FORMAT,
        "base_sha256": base_digest,
        "onnx_sha256": file_sha256(export_dir / ONNX_FILE),
        "max_seq_length": max_seq_length,
        "pad_token": pad_token,
        "dim": dim,
        "opset": 17,
        "torch": torch.__version__,
    }
    # checked against the model it came from before export.json makes it usable
    got = OnnxBackend(model_folder, export_dir, meta=meta).encode(list(CHECK_SENTENCES), batch_size=4)
    want = reference.encode(
        list(CHECK_SENTENCES), batch_size=4, normalize_embeddings=True, convert_to_numpy=True
    )
    diff = float(np.abs(got - np.asarray(want, dtype=np.float32)).max())
    if not diff <= MAX_ABS_DIFF:
        raise errors.ModelError(
            errors.onnx_export_invalid_msg(
                str(export_dir / ONNX_FILE), f"differs from the model by {diff:.2e} > {MAX_ABS_DIFF:.0e}"
            )
        )
    meta["check_max_abs_diff"] = diff
    meta["check_sentences"] = len(CHECK_SENTENCES)
    tmp_meta = export_dir / (EXPORT_META + ".tmp")
    tmp_meta.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")
    os.replace(tmp_meta, export_dir / EXPORT_META)
    logger.info("exported the embedding model to ONNX (max abs diff %.2e)", diff)
    return meta
