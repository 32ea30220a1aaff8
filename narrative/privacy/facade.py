"""The one object the run uses for privacy: pseudonyms, text, dates, clinicians."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..types import Consent
from .consent import excluded_clients
from .dates import generalize_date, shift_date
from .deid import Deidentifier, Finding
from .pseudonym import date_offset_days, load_or_create_key, pseudonymize, pseudonymize_clinician
from .settings import PrivacySettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)


class Privacy:
    """Pseudonyms, de-identified text and shifted dates for one run.

    With ``keep_identifiers=True`` every method returns its input unchanged
    (no key file is read or created, no model is loaded).

    Args:
        settings: a :class:`PrivacySettings`, the ``privacy`` config section
            (a mapping), or None for the defaults.
        nlp: a loaded spaCy pipeline with NER to reuse for texts passed
            without a Doc; else ``model`` is loaded on first use.
        key: the secret key; None reads (or creates) ``settings.key_file`` /
            ``$NARRATIVE_KEY_FILE`` / ``~/.config/narrative/key``.
        model: spaCy model used when ``nlp`` is None.

    Example:
        >>> privacy = Privacy({"key_file": "secret.key"})        # doctest: +SKIP
        >>> privacy.client("12345")                                # doctest: +SKIP
        'C-3f9a1b2c4d'
    """

    def __init__(
        self,
        settings: PrivacySettings | Mapping[str, Any] | None = None,
        *,
        nlp: Language | None = None,
        key: bytes | None = None,
        model: str = "en_core_web_sm",
    ) -> None:
        if settings is None or isinstance(settings, Mapping):
            settings = PrivacySettings.from_config(settings or {})
        self.settings: PrivacySettings = settings
        self.enabled = not settings.keep_identifiers
        self._key = key
        self._nlp = nlp
        self._model = model
        self._deid: Deidentifier | None = None
        self._clients: dict[str, str] = {}

    # ------------------------------------------------------------------ key

    @property
    def key(self) -> bytes:
        """The secret key (read or created on first use)."""
        if self._key is None:
            self._key = load_or_create_key(self.settings.key_file)
        return self._key

    @property
    def deidentifier(self) -> Deidentifier:
        """The text de-identifier (built on first use)."""
        if self._deid is None:
            self._deid = Deidentifier(self.settings, key=self.key, nlp=self._nlp, model=self._model)
        return self._deid

    # ------------------------------------------------------------------ ids

    def client(self, client_id: str) -> str:
        """The client's pseudonym ("C-" + 10 hex characters)."""
        if not self.enabled:
            return client_id
        pseudonym = self._clients.get(client_id)
        if pseudonym is None:
            pseudonym = pseudonymize(client_id, self.key)
            self._clients[client_id] = pseudonym
        return pseudonym

    def clinician(self, name: str | None) -> str | None:
        """The clinician's pseudonym ("T-" + 8 hex characters); None and "" stay as they are."""
        if not self.enabled or name is None or not str(name).strip():
            return name
        return pseudonymize_clinician(name, self.key)

    def excluded(self, consents: Iterable[Consent], exclude: Iterable[str] = ()) -> set[str]:
        """Original client ids to leave out (latest opt-out per client, plus ``exclude``).

        Applies with ``keep_identifiers`` too: consent is not an identifier setting.
        """
        return excluded_clients(consents, exclude)

    # ------------------------------------------------------------------ text

    def text(self, text: str, client_id: str, doc: Doc | None = None) -> str:
        """``text`` with identifiers masked; dates shifted with the client's offset.

        Args:
            text: a note, quote, chapter title or comment.
            client_id: the ORIGINAL client id (the date shift is per client).
            doc: the parsed Doc of exactly this text, to reuse its entities.
        """
        if not self.masks_text or not text:
            return text
        return self.deidentifier.deidentify(text, client_id=client_id, doc=doc)

    def spans(
        self, note_text: str, spans: Sequence[tuple[int, int]], client_id: str, doc: Doc | None = None
    ) -> list[str]:
        """De-identified copies of several spans of one note (the note is analysed once)."""
        if not self.masks_text:
            return [note_text[s:e] for s, e in spans]
        return self.deidentifier.deidentify_spans(note_text, spans, client_id=client_id, doc=doc)

    def spans_with_derived(
        self,
        note_text: str,
        spans: Sequence[tuple[int, int]],
        derived: Sequence[str | None],
        client_id: str,
        doc: Doc | None = None,
        windows: Sequence[tuple[int, Doc]] | None = None,
    ) -> list[tuple[str, str | None]]:
        """De-identified spans of one note, each with its derived rewrite masked the same way.

        ``windows``: (offset, Doc) parts of the note that cover the spans; only they are
        analysed (see :meth:`Deidentifier.analyze_windows`)."""
        if not self.masks_text:
            return [(note_text[s:e], d) for (s, e), d in zip(spans, derived, strict=True)]
        return self.deidentifier.deidentify_spans_with_derived(
            note_text, spans, derived, client_id=client_id, doc=doc, windows=windows
        )

    @property
    def masks_text(self) -> bool:
        """Are note texts (quotes, titles) de-identified in this run?"""
        return bool(self.enabled and self.settings.deidentify_text)

    def findings(self, text: str, doc: Doc | None = None) -> list[Finding]:
        """The spans that :meth:`text` would mask (for audits and evaluation)."""
        if not self.enabled or not text:
            return []
        return self.deidentifier.analyze(text, doc=doc)

    # ------------------------------------------------------------------ dates

    def date(self, date: dt.date | dt.datetime | None, client_id: str) -> dt.date | None:
        """The date shifted by the client's offset, or cut to 1 January of its year.

        ``date_mode: year`` returns 1 January of the year; None stays None.
        """
        if not self.enabled or date is None:
            return date.date() if isinstance(date, dt.datetime) else date
        if self.settings.date_mode == "year":
            return generalize_date(date)
        return shift_date(date, self.date_offset(client_id))

    def date_offset(self, client_id: str) -> int:
        """The client's secret date shift in days (0 with keep_identifiers or year mode)."""
        if not self.enabled or self.settings.date_mode == "year":
            return 0
        if self._deid is not None:
            return self._deid.date_offset(client_id)
        return date_offset_days(client_id, self.key, max_days=self.settings.max_shift_days)

    def describe(self) -> dict[str, Any]:
        """Settings for the run manifest (never the key or its path)."""
        return {
            "keep_identifiers": self.settings.keep_identifiers,
            "deidentify_text": self.settings.deidentify_text,
            "date_mode": self.settings.date_mode,
            "max_shift_days": self.settings.max_shift_days,
            "entities": list(self.settings.entities),
        }
