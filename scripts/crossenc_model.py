"""A fine-tuned all-MiniLM-L6-v2 cross-encoder (sequence classifier) over (context, text) pairs.

Scripts-side only (issue 4 experiment, NOT shipped: see scripts/RESULTS_crossenc.md). Used by
scripts/train_crossenc.py for training inputs, the artifact format and its checks.

``scripts/train_crossenc.py`` fine-tunes the transformer layers of the bundled
all-MiniLM-L6-v2 end to end with a linear head, on the input
``[CLS] context [SEP] text [SEP]`` (``[CLS] text [SEP]`` without context), so
attention can relate a client's words to the therapist's question before them.
The pooled vector is the mean of the text's tokens (the context only reaches it
through attention).

Artifact folder (``train_crossenc.py --package``):

- ``crossenc.safetensors``: float16 tensors ``delta.<BertModel parameter>``
  added to the base weights (the embedding layer is frozen in training, so it
  has no delta) and float32 ``head.weight`` / ``head.bias``; no pickle.
- ``crossenc.json``: format, classes, per-class logit offsets, max tokens,
  and the SHA-256 of the base weights and of the delta file. Both are checked
  at load: another base model or a changed delta is refused.

The model loads lazily, once, at the first :meth:`CrossEncoderClassifier.predict_proba`.
Inference runs with PyTorch (the package already needs it for the base encoder
without an ONNX export), on at most ``threads`` threads.
"""

from __future__ import annotations

import json
import logging
import sys
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))

from narrative import errors  # noqa: E402
from narrative.score.encoder import file_sha256  # noqa: E402

logger = logging.getLogger(__name__)

FORMAT = "narrative-crossenc-v1"
WEIGHTS = "crossenc.safetensors"
CONFIG = "crossenc.json"
MIN_TEXT_TOKENS = 8


def encode_pair(
    tokenize: Any, context: str | None, text: str, *, max_len: int, cls_id: int, sep_id: int
) -> dict[str, list[int]]:
    """Token ids, segment ids and pooling mask of one (context, text) input.

    ``tokenize(s) -> list[int]`` gives WordPiece ids without special tokens. The
    text keeps its first tokens (up to ``max_len - 2``, or ``max_len - 3 -
    MIN_TEXT_TOKENS`` with a context); the context keeps its LAST tokens (a
    therapist's question ends the turn). The pool mask marks the text's tokens
    ([CLS] when the text is empty).
    """
    t = tokenize(text)
    c = tokenize(context) if context and context.strip() else []
    if not c:
        t = t[: max_len - 2]
        ids = [cls_id, *t, sep_id]
        types = [0] * len(ids)
        pool = [0, *([1] * len(t)), 0]
    else:
        t = t[: max_len - 3 - MIN_TEXT_TOKENS]
        c = c[-(max_len - 3 - len(t)) :]
        ids = [cls_id, *c, sep_id, *t, sep_id]
        types = [0] * (len(c) + 2) + [1] * (len(t) + 1)
        pool = [0] * (len(c) + 2) + [1] * len(t) + [0]
    if not t:
        pool[0] = 1
    return {"input_ids": ids, "token_type_ids": types, "pool_mask": pool}


def wordpiece(base_folder: Path) -> tuple[Any, int, int]:
    """``(tokenize, cls_id, sep_id)`` from the base model's own ``tokenizer.json`` (no truncation)."""
    from tokenizers import Tokenizer

    tok = Tokenizer.from_file(str(base_folder / "tokenizer.json"))
    tok.no_truncation()
    tok.no_padding()

    def tokenize(s: str) -> list[int]:
        return tok.encode(s, add_special_tokens=False).ids

    return tokenize, tok.token_to_id("[CLS]"), tok.token_to_id("[SEP]")


def read_meta(folder: Path, *, name: str) -> dict[str, Any]:
    """``crossenc.json`` of an artifact folder, checked for format and the delta file's SHA-256."""
    path = folder / CONFIG
    if not path.is_file() or not (folder / WEIGHTS).is_file():
        raise errors.ModelError(errors.score_artifact_missing_msg(name, str(folder / WEIGHTS)))
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(name, str(path), f"unreadable JSON ({type(exc).__name__})")
        ) from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        found = meta.get("format") if isinstance(meta, dict) else type(meta).__name__
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(name, str(path), f"format {found!r}, expected {FORMAT!r}")
        )
    digest = file_sha256(folder / WEIGHTS)
    if digest != str(meta.get("weights_sha256", "")).lower():
        raise errors.ModelError(
            errors.score_artifact_invalid_msg(
                name,
                str(folder / WEIGHTS),
                f"SHA-256 {digest[:8]}…{digest[-6:]} differs from weights_sha256 in {CONFIG}",
            )
        )
    return meta


class CrossEncoderClassifier:
    """Class probabilities of (context, text) pairs from a fine-tuned cross-encoder folder.

    Args:
        folder: the artifact folder (``crossenc.safetensors`` + ``crossenc.json``).
        base_folder: the bundled all-MiniLM-L6-v2 folder the delta applies to.
        name: artifact name used in error messages.
        threads: PyTorch intra-op threads while predicting (``None`` = leave as is).
        batch_size: pairs per forward pass (sorted by length, so little padding).
    """

    def __init__(
        self,
        folder: str | Path,
        *,
        base_folder: str | Path,
        name: str = "talk_crossenc",
        threads: int | None = None,
        batch_size: int = 32,
    ) -> None:
        self.folder = folder
        self.base_folder = base_folder
        self.name = name
        self.threads = threads
        self.batch_size = batch_size
        self._lock = threading.Lock()

    def fit(self) -> CrossEncoderClassifier:
        """Check the hashes, build the model and add the delta; return ``self``."""
        import torch
        from safetensors.torch import load_file
        from transformers import AutoModel
        from transformers.utils import logging as hf_logging

        folder, base = Path(self.folder), Path(self.base_folder)
        meta = read_meta(folder, name=self.name)
        base_digest = file_sha256(base / "model.safetensors")
        if base_digest != str(meta.get("base_sha256", "")).lower():
            raise errors.ModelError(
                errors.score_artifact_invalid_msg(
                    self.name,
                    str(folder / CONFIG),
                    f"trained on base weights {str(meta.get('base_sha256', ''))[:8]}…, loaded {base_digest[:8]}…",
                )
            )
        verbosity = hf_logging.get_verbosity()
        hf_logging.set_verbosity_error()
        try:
            bert = AutoModel.from_pretrained(str(base), local_files_only=True)
        finally:
            hf_logging.set_verbosity(verbosity)
        tensors = load_file(str(folder / WEIGHTS), device="cpu")
        params = dict(bert.named_parameters())
        with torch.no_grad():
            for key, value in tensors.items():
                if not key.startswith("delta."):
                    continue
                param = params.get(key[len("delta.") :])
                if param is None or tuple(param.shape) != tuple(value.shape):
                    raise errors.ModelError(
                        errors.score_artifact_invalid_msg(
                            self.name, str(folder / WEIGHTS), f"tensor {key!r} does not match the base model"
                        )
                    )
                param.add_(value.to(param.dtype))
        if "head.weight" not in tensors or "head.bias" not in tensors:
            raise errors.ModelError(
                errors.score_artifact_invalid_msg(
                    self.name, str(folder / WEIGHTS), "no head.weight / head.bias"
                )
            )
        self.classes_ = [str(c) for c in meta["classes"]]
        self.head_w_ = tensors["head.weight"].float()
        self.head_b_ = tensors["head.bias"].float()
        if tuple(self.head_w_.shape) != (len(self.classes_), bert.config.hidden_size):
            raise errors.ModelError(
                errors.score_artifact_invalid_msg(self.name, str(folder / WEIGHTS), "head shape != classes")
            )
        self.offsets_ = np.asarray(meta.get("offsets") or [0.0] * len(self.classes_), dtype=np.float64)
        self.max_len_ = int(meta.get("max_len", 128))
        self.tokenize_, self.cls_id_, self.sep_id_ = wordpiece(base)
        self.model_ = bert.eval()
        self.identity_ = str(meta["weights_sha256"])
        logger.info("cross-encoder %s loaded (delta %s…)", self.name, self.identity_[:8])
        return self

    def decision(self, texts: Sequence[str], contexts: Sequence[str | None] | None = None) -> np.ndarray:
        """Logits plus the tuned per-class offsets, shape ``(len(texts), n_classes)``."""
        import torch

        with self._lock:
            if not hasattr(self, "model_"):
                self.fit()
        if contexts is None:
            contexts = [None] * len(texts)
        items = [
            encode_pair(self.tokenize_, c, t, max_len=self.max_len_, cls_id=self.cls_id_, sep_id=self.sep_id_)
            for c, t in zip(contexts, texts, strict=True)
        ]
        out = np.zeros((len(items), len(self.classes_)), dtype=np.float64)
        order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
        previous = torch.get_num_threads()
        if self.threads:
            torch.set_num_threads(self.threads)
        try:
            with torch.inference_mode():
                for s in range(0, len(order), self.batch_size):
                    idx = order[s : s + self.batch_size]
                    batch = collate([items[i] for i in idx])
                    emb = pooled(self.model_, batch)
                    out[idx] = (emb @ self.head_w_.T + self.head_b_).double().numpy()
        finally:
            torch.set_num_threads(previous)
        return out + self.offsets_

    def predict_proba(self, texts: Sequence[str], contexts: Sequence[str | None] | None = None) -> np.ndarray:
        """Softmax of :meth:`decision` (offsets included), one row per text."""
        z = self.decision(texts, contexts)
        z = z - z.max(axis=1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(axis=1, keepdims=True)


def pooled(bert: Any, batch: dict[str, Any]) -> Any:
    """``bert``'s last hidden states of ``batch`` (from :func:`collate`) averaged over the pooled
    segment's tokens (``pool_mask``: the client's utterance; the context reaches it through attention)."""
    hidden = bert(
        input_ids=batch["input_ids"],
        attention_mask=batch["attention_mask"],
        token_type_ids=batch["token_type_ids"],
    ).last_hidden_state
    pool = batch["pool_mask"].unsqueeze(-1).to(hidden.dtype)
    return (hidden * pool).sum(1) / pool.sum(1).clamp(min=1.0)


def collate(items: list[dict[str, list[int]]]) -> dict[str, Any]:
    """Right-padded LongTensors ``input_ids``, ``token_type_ids``, ``pool_mask``, ``attention_mask``."""
    import torch

    n = max(len(i["input_ids"]) for i in items)
    out = {
        key: torch.tensor([i[key] + [0] * (n - len(i[key])) for i in items], dtype=torch.long)
        for key in ("input_ids", "token_type_ids", "pool_mask")
    }
    out["attention_mask"] = torch.tensor(
        [[1] * len(i["input_ids"]) + [0] * (n - len(i["input_ids"])) for i in items], dtype=torch.long
    )
    return out
