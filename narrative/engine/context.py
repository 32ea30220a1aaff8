"""Per-process model context: each model is loaded once per process (or Dask worker).

The heavy objects (spaCy pipeline, sentence encoder, scorer, de-identifier)
are built lazily on first use and kept in a module-level cache keyed by the
configuration's fingerprint, so a worker that processes many chunks loads its
models once.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

logger = logging.getLogger(__name__)

OFFLINE_ENV = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_DATASETS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS": "",
    "TOKENIZERS_PARALLELISM": "false",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
    "TRANSFORMERS_VERBOSITY": "error",
}


def set_offline_env() -> None:
    """Force every library the tool uses into offline mode (idempotent)."""
    for key, value in OFFLINE_ENV.items():
        os.environ[key] = value


def config_fingerprint(config: Mapping[str, Any]) -> str:
    """Stable short hash of a configuration (sorted JSON)."""
    blob = json.dumps(config, sort_keys=True, default=str).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()[:16]


@dataclass
class WorkerContext:
    """Models for one process. Attributes load on first access."""

    config: Mapping[str, Any]
    key: bytes = b""
    _nlp: Any = field(default=None, repr=False)
    _scorer: Any = field(default=None, repr=False)
    _privacy: Any = field(default=None, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    @property
    def nlp(self) -> Any:
        with self._lock:
            if self._nlp is None:
                from ..extract import load_pipeline
                from .tagging import speed_up

                set_offline_env()
                self._nlp = load_pipeline(_with_ner_if_deidentifying(self.config))
                # same tags and lemmas, found faster (see narrative.engine.tagging)
                sped_up = speed_up(self._nlp)
                logger.info(
                    "loaded spaCy pipeline %s (faster matching: %s)",
                    self.config["models"]["spacy_model"],
                    ", ".join(sped_up) or "none",
                )
            return self._nlp

    @property
    def scorer(self) -> Any:
        with self._lock:
            if self._scorer is None:
                from ..score import StatementScorer

                set_offline_env()
                self._scorer = StatementScorer.load(self.config)
                logger.info("loaded statement scorer")
            return self._scorer

    @property
    def privacy(self) -> Any:
        # nlp is resolved outside the lock (the property takes the lock itself).
        nlp = self.nlp if self._privacy is None else None
        with self._lock:
            if self._privacy is None:
                from ..privacy import Privacy, PrivacySettings

                settings = PrivacySettings.model_validate(self.config.get("privacy") or {})
                self._privacy = Privacy(settings, nlp=nlp, key=self.key)
            return self._privacy

    def warm(self) -> None:
        """Load every model the per-note work uses now rather than on the first note: the spaCy
        pipeline, the scorer and its sentence encoder, and the de-identifier's rules (each as its
        first use would load it, so results are the same)."""
        self.nlp  # noqa: B018 - loads
        encoder = getattr(self.scorer, "encoder_", None)
        if encoder is not None and hasattr(encoder, "dim"):
            encoder.dim  # noqa: B018 - loads the model
        privacy = self.privacy
        if privacy.masks_text:
            privacy.deidentifier.rules  # noqa: B018 - compiles the recognizers' patterns


def _with_ner_if_deidentifying(config: Mapping[str, Any]) -> Mapping[str, Any]:
    """Load spaCy's NER, disabled, when outputs are de-identified.

    The de-identifier reuses its PERSON/GPE entities, but only for the sentences that hold
    statements (nothing else of a note reaches an output), so the engine runs the NER on
    those sentences itself (:func:`narrative.engine.batch.process_notes`) instead of on
    every word of every note: on note exports most sentences hold no statement.
    """
    if (config.get("privacy") or {}).get("keep_identifiers"):
        return config
    extract = dict(config.get("extract") or {})
    excluded = list(extract.get("exclude", ["ner"]))
    if "ner" not in excluded:
        return config
    extract["exclude"] = [name for name in excluded if name != "ner"]
    extract["disable"] = sorted({*extract.get("disable", []), "ner"})
    return {**config, "extract": extract}


_CONTEXTS: dict[str, WorkerContext] = {}
_CONTEXTS_LOCK = threading.Lock()


def get_context(config: Mapping[str, Any], key: bytes = b"") -> WorkerContext:
    """The process-wide context for ``config`` (created on first call)."""
    fp = config_fingerprint(config) + hashlib.sha256(key).hexdigest()[:8]
    with _CONTEXTS_LOCK:
        ctx = _CONTEXTS.get(fp)
        if ctx is None:
            ctx = WorkerContext(config=config, key=key)
            _CONTEXTS[fp] = ctx
        return ctx
