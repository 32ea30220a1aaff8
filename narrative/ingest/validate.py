"""Checking one input row at the boundary: every row becomes a record or a Reject.

Readers hand over :class:`RawRow` objects (canonical field -> raw value, plus
the source column names for messages); :class:`RowValidator` turns each into
exactly one :class:`~narrative.types.Note`, ``Measure``, ``Goal``,
``ContextEvent`` or ``Consent``, or a :class:`Problem` wrapping a
:class:`~narrative.types.Reject`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import math
import re
from typing import Any

from .. import errors
from ..types import Consent, ContextEvent, Goal, Measure, Note, Record, Reject
from .columns import AliasTable, Instrument, alias_table
from .options import IngestOptions

TEXT_FIELDS = frozenset(
    {"note", "text", "description", "level_minus2", "level_minus1", "level_0", "level_plus1", "level_plus2"}
)
LEVEL_FIELDS = {
    "level_minus2": "-2",
    "level_minus1": "-1",
    "level_0": "0",
    "level_plus1": "1",
    "level_plus2": "2",
}
MIN_YEAR, MAX_YEAR = 1900, 2100
MAX_SESSION = 10_000
"""Highest session number accepted: above it a value is an id or a typo, not a session count
(and a range of sessions up to it would be too large to chart or store as an integer)."""

# Reject reasons added to the ingest stage, beside errors.INGEST_REJECT_REASONS (same rules:
# placeholders get safe values only, never note text).
REJECT_REASONS: dict[str, str] = {
    **errors.INGEST_REJECT_REASONS,
    "session_too_large": (
        "session {value} is above the maximum {limit}; expected a positive whole number up to {limit}"
    ),
    "unpaired_surrogate": "text holds an unpaired UTF-16 surrogate {code_point}; expected valid Unicode text",
    "duplicate_goal": "goal id {value} was already given for this client at {other}; expected one row per goal",
    "unclosed_quote": (
        "quoted cell opened at row {opened} is never closed (the file ends inside it); expected a closing "
        "{quote}; the lines after the one where it opened are read as rows of their own"
    ),
    "swallowed_rows": (
        "quoted cell opened at row {opened} runs on into a line that looks like a row of its own (same "
        "client id, {n} cells); expected a closing {quote} before it; the lines after the one where it "
        "opened are read as rows of their own"
    ),
    "fhir_no_resource": (
        "Bundle entry holds {value} instead of a resource; expected entry.resource, a JSON object with a "
        "resourceType"
    ),
    "fhir_unsupported": "resourceType {value} is not supported; expected {expected}",
    "fhir_nested_too_deep": "FHIR Bundle nested more than {limit} levels deep; expected at most {limit} levels",
    "fhir_unknown_questionnaire": (
        "FHIR QuestionnaireResponse questionnaire {value} is not a known instrument; expected {expected}"
    ),
    "fhir_bad_charset": (
        "FHIR {resource} attachment charset {value} is not a text encoding; expected e.g. utf-8, utf-16, "
        "iso-8859-1 or windows-1252"
    ),
}

_SESSION = re.compile(r"^(?:session|sess|visit|s|#)?\s*(?:no\.?|number|#)?\s*(\d+)(?:\.0+)?$", re.IGNORECASE)
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_EXCEL_SERIAL = re.compile(r"^[2-7]\d{4}(?:\.\d+)?$")  # 20000..79999 = 1954..2118
EXCEL_EPOCH = dt.date(1899, 12, 30)
_ITEM = re.compile(r"^(?:item|q|question)?\s*#?\s*(\d{1,3})(?:\.0+)?$", re.IGNORECASE)
_TOTALS = frozenset({"", "total", "totalscore", "score", "sum", "sumscore"})
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SLUG = re.compile(r"[^a-z0-9]+")
_TRUE = frozenset({"yes", "y", "true", "t", "1", "optedout", "optout", "withdrawn", "deny", "denied"})
_FALSE = frozenset({"no", "n", "false", "f", "0", "consented", "permit", "granted", "optedin"})


@dataclasses.dataclass(slots=True)
class RawRow:
    """One row as a reader found it, keyed by canonical field names.

    Attributes:
        source: file the row came from.
        row: row number in that file (spreadsheet row, JSONL line, FHIR entry).
        kind: note / measure / goal / event / consent.
        values: canonical field -> raw value (text, number, bool or None).
        columns: canonical field -> source column name, for messages.
        strata: strata name -> value (already text).
    """

    source: str
    row: int
    kind: str
    values: dict[str, Any]
    columns: dict[str, str] = dataclasses.field(default_factory=dict)
    strata: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True, slots=True)
class Problem:
    """A rejected row with its reason code (for tallies)."""

    code: str
    reject: Reject


@dataclasses.dataclass(frozen=True, slots=True)
class Used:
    """An input row that was used but gives no record.

    A FHIR Patient (kind "patient": its id resolves references), a context resource such as a
    Practitioner or Encounter (kind "context") or a Composition that renders DocumentReferences
    of the same input (kind "rendering").

    It counts as read and accepted, so every row is either accepted or rejected.
    """

    kind: str


def describe_cell(value: Any, *, is_text: bool = False) -> str:
    """A rendering of a bad value that is safe for messages and the rejects file.

    Stricter than :func:`errors.describe_value` for cells of non-text columns: a value
    is echoed only when it looks like a code, at most ``errors.CODE_LIKE_MAX`` printable
    characters without whitespace ("three", "2025-13-01", "3.0"). Anything else may be
    note text that landed in the wrong column (a line break inside an unquoted note, a
    FHIR valueString), so only its length is given: ``<text, 27 characters>``. Note text
    (``is_text``) is never echoed either. Lists are described item by item.
    """
    if isinstance(value, (list, tuple)):
        shown = [describe_cell(v) for v in value[:10]]
        return "[" + ", ".join(shown) + (", …" if len(value) > 10 else "") + "]"
    if value is not None and not is_text:
        text = value if isinstance(value, str) else str(value)
        if text and (
            len(text) > errors.CODE_LIKE_MAX or not text.isprintable() or any(c.isspace() for c in text)
        ):
            return f"<text, {len(text)} characters>"
    return errors.describe_value(value, is_text=is_text)


def reject_reason(code: str, **fields: Any) -> str:
    """The rejects-file reason for ``code`` (a key of REJECT_REASONS)."""
    return REJECT_REASONS[code].format(**fields)


def make_problem(
    source: str,
    row: int,
    code: str,
    *,
    column: str = "",
    value: Any = None,
    is_text: bool = False,
    kind: str = "unknown",
    shown: str | None = None,
    **fields: Any,
) -> Problem:
    """Build a Problem whose reason names the bad value safely (never note text).

    ``shown`` replaces the rendering of ``value`` when the caller describes it itself
    (e.g. "<a JSON list>"); it must not hold input text.
    """
    if shown is None:
        shown = describe_cell(value, is_text=is_text)
    reason = reject_reason(code, value=shown, **fields)
    return Problem(code, Reject(source=source, row=row, column=column, value=shown, reason=reason, kind=kind))


class _Bad(Exception):
    """Internal: a field failed its check."""

    def __init__(self, code: str, field: str, value: Any = None, **fields: Any) -> None:
        super().__init__(code)
        self.code = code
        self.field = field
        self.value = value
        self.fields = fields


# ---------------------------------------------------------------- field parsers (pure)


def plain_text(value: Any, field: str = "") -> str:
    """A raw value as stripped text ("" for missing); nested values are refused."""
    if type(value) is str:
        return value.strip()
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, (int, float, str)):
        return str(value).strip()
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    raise _Bad("nested_value", field, type(value).__name__)


def parse_client_id(value: Any) -> str:
    text = plain_text(value, "client_id")
    if not text:
        raise _Bad("missing_client_id", "client_id")
    if not is_safe_identifier(text):
        raise _Bad("bad_client_id", "client_id", text)
    return text


def is_safe_identifier(text: str) -> bool:
    """Usable as an id and in a file name: short, no path separators, '..' or control characters."""
    return (
        len(text) <= 128
        and not _CONTROL.search(text)
        and "/" not in text
        and "\\" not in text
        and ".." not in text
    )


def parse_session(value: Any) -> int | None:
    """A session number in 1..MAX_SESSION, or None when empty."""
    if isinstance(value, bool):
        raise _Bad("bad_session", "session", value)
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if not value.is_integer():
            raise _Bad("bad_session", "session", value)
        number = int(value)
    else:
        text = plain_text(value, "session")
        if not text:
            return None
        value = text
        if text.isascii() and text.isdigit():
            number = _whole(text)
        elif len(text) <= 40 and (m := _SESSION.match(text)):  # no label is longer; bounds the regex
            number = _whole(m.group(1))
        else:
            raise _Bad("bad_session", "session", text)
    if number <= 0:
        raise _Bad("bad_session", "session", value)
    if number > MAX_SESSION:
        raise _Bad("session_too_large", "session", value, limit=MAX_SESSION)
    return number


def _whole(digits: str) -> int:
    """A digit string as an int, or MAX_SESSION + 1 when longer than any session number.

    Never int() an arbitrarily long digit string: Python refuses over 4300 digits.
    """
    return int(digits) if len(digits.lstrip("0")) <= len(str(MAX_SESSION)) else MAX_SESSION + 1


def parse_date(value: Any, *, dayfirst: bool = False, field: str = "date") -> dt.date | None:
    """A calendar date from ISO, US m/d/Y (or d/m/Y when ``dayfirst``), "5 Mar 2024"...; None when empty.

    Partial dates ("March 2024", "5") are refused rather than completed with today's
    day or year. A bare five-digit number is read as an Excel serial date.
    """
    if isinstance(value, dt.datetime):
        return _plausible(value.date(), field)
    if isinstance(value, dt.date):
        return _plausible(value, field)
    text = plain_text(value, field)
    if not text:
        return None
    if _EXCEL_SERIAL.match(text):
        # Excel exports sometimes keep the raw serial day number (days since 1899-12-30).
        return _plausible(EXCEL_EPOCH + dt.timedelta(days=int(float(text))), field)
    if _ISO_DATE.match(text):
        try:
            return _plausible(dt.date.fromisoformat(text[:10]), field)
        except ValueError:
            pass
    from dateutil import parser as date_parser

    try:
        a = date_parser.parse(text, dayfirst=dayfirst, default=dt.datetime(2001, 1, 1))
        b = date_parser.parse(text, dayfirst=dayfirst, default=dt.datetime(2002, 2, 2))
    except (ValueError, OverflowError, TypeError):
        a = b = None
    if a is None or b is None or a.date() != b.date():
        example = "5/3/2024" if dayfirst else "3/5/2024"
        raise _Bad("bad_date", field, text, example=example, dayfirst=str(dayfirst).lower())
    return _plausible(a.date(), field)


def _plausible(value: dt.date, field: str) -> dt.date:
    if not MIN_YEAR <= value.year <= MAX_YEAR:
        raise _Bad("implausible_date", field, value.isoformat(), lo=MIN_YEAR, hi=MAX_YEAR)
    return value


def parse_number(value: Any, *, field: str, what: str) -> float | None:
    """A finite number, or None when empty. Accepts a decimal comma ("2,5") and "−2"."""
    if isinstance(value, bool):
        raise _Bad("bad_number", field, value, what=what)
    if isinstance(value, (int, float)):
        number = float(value)
    else:
        text = plain_text(value, field)
        if not text:
            return None
        compact = text.replace("\u2212", "-").replace(" ", "")
        if re.fullmatch(r"[-+]?\d+,\d+", compact):
            compact = compact.replace(",", ".")
        try:
            number = float(compact)
        except ValueError:
            # The text as written: with its spaces it is described, not echoed, when it is prose.
            raise _Bad("bad_number", field, text, what=what) from None
    if not math.isfinite(number):
        raise _Bad("bad_number", field, value, what=what)
    return number


def parse_bool(value: Any, *, field: str) -> bool:
    if isinstance(value, bool):
        return value
    text = plain_text(value, field)
    key = _SLUG.sub("", text.lower())
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    raise _Bad("bad_bool", field, text)


def slug(text: str) -> str:
    """Lower-case snake name ("Medication change" -> "medication_change")."""
    return _SLUG.sub("_", text.lower()).strip("_")


def note_text(value: Any) -> str:
    """Note text with normalised line endings and outer whitespace removed."""
    if value is None:
        return ""
    if isinstance(value, (dict, list, tuple)):
        raise _Bad("nested_value", "note", type(value).__name__)
    text = value if isinstance(value, str) else str(value)
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()


def text_key(text: str) -> str:
    """SHA-256 of a note's text with whitespace collapsed (the duplicate / id key)."""
    return hashlib.sha256(" ".join(text.split()).encode("utf-8", "surrogatepass")).hexdigest()


def stable_note_id(
    client_id: str, session: int | None, date: dt.date | None, section: str | None, text: str
) -> str:
    """A note id that is the same on every run for the same note."""
    parts = [client_id, str(session or ""), date.isoformat() if date else "", section or "", text_key(text)]
    return "n-" + hashlib.sha256("\x1f".join(parts).encode("utf-8", "surrogatepass")).hexdigest()[:16]


_SURROGATE_ANY = re.compile("[\ud800-\udfff]")


def _check_unicode(raw: RawRow) -> None:
    """A JSON "\\ud800" escape decodes to an unpaired surrogate that no text tool can encode
    (spaCy's tokenizer fails on it): reject the row. (The readers reject undecodable bytes,
    kept as surrogates U+DC80..U+DCFF, earlier and name the byte.) The value itself is not
    shown outside text fields: it cannot be written as UTF-8."""
    for field, value in raw.values.items():
        if isinstance(value, str) and (m := _SURROGATE_ANY.search(value)):
            shown = value if field in TEXT_FIELDS else None
            raise _Bad("unpaired_surrogate", field, shown, code_point=f"U+{ord(m.group(0)):04X}")


# ---------------------------------------------------------------- the validator


class RowValidator:
    """Turn :class:`RawRow` objects into records or Problems."""

    def __init__(self, options: IngestOptions, *, table: AliasTable | None = None) -> None:
        self.options = options
        self.table = table or alias_table()

    def __call__(self, raw: RawRow) -> Record | Problem:
        build = {
            "note": self._note,
            "measure": self._measure,
            "goal": self._goal,
            "event": self._event,
            "consent": self._consent,
        }[raw.kind]
        try:
            _check_unicode(raw)
            return build(raw)
        except _Bad as bad:
            column = raw.columns.get(bad.field, bad.field)
            return make_problem(
                raw.source,
                raw.row,
                bad.code,
                column=column,
                value=bad.value,
                is_text=bad.field in TEXT_FIELDS and bad.code != "nested_value",
                kind=raw.kind,
                **bad.fields,
            )

    # -- shared pieces

    def _when(self, raw: RawRow) -> tuple[int | None, dt.date | None]:
        session = parse_session(raw.values.get("session"))
        date = parse_date(raw.values.get("date"), dayfirst=self.options.dayfirst)
        return session, date

    def _text(self, raw: RawRow, field: str) -> str:
        return plain_text(raw.values.get(field), field)

    def _optional(self, raw: RawRow, field: str) -> str | None:
        return self._text(raw, field) or None

    # -- kinds

    def _note(self, raw: RawRow) -> Note:
        client_id = parse_client_id(raw.values.get("client_id"))
        session, date = self._when(raw)
        field = "note" if "note" in raw.values else "text"
        text = note_text(raw.values.get(field))
        if not text:
            raise _Bad("empty_note", field, text)
        if len(text) > self.options.max_note_chars:
            raise _Bad("note_too_long", field, text, limit=self.options.max_note_chars)
        if session is None and date is None:
            raise _Bad("no_session_or_date", "session" if "session" in raw.columns else "date")
        section = self._optional(raw, "section")
        note_id = self._optional(raw, "note_id")
        if note_id is not None and not is_safe_identifier(note_id):
            raise _Bad("bad_note_id", "note_id", note_id)
        note_id = note_id or stable_note_id(client_id, session, date, section, text)
        return Note(
            note_id=note_id,
            client_id=client_id,
            text=text,
            session=session,
            date=date,
            clinician=self._optional(raw, "clinician"),
            section=section,
            source=raw.source,
            row=raw.row,
            strata={k: v for k, v in raw.strata.items() if v},
        )

    def _measure(self, raw: RawRow) -> Measure:
        client_id = parse_client_id(raw.values.get("client_id"))
        written = self._text(raw, "instrument")
        if not written:
            raise _Bad("missing_instrument", "instrument")
        instrument = self.table.instrument_name(written) or slug(written)
        if not instrument or len(instrument) > 40 or not re.search(r"[a-z]", instrument):
            raise _Bad("bad_instrument", "instrument", written)
        spec = self.table.instruments.get(instrument)
        item = self._item(raw, instrument, spec)
        what = _what(instrument, item)
        value = parse_number(raw.values.get("value"), field="value", what=what)
        if value is None:
            raise _Bad("missing_value", "value", what=what)
        self._check_range(instrument, item, value, spec, what)
        session, date = self._when(raw)
        if session is None and date is None:
            raise _Bad("no_session_or_date", "session" if "session" in raw.columns else "date")
        text = note_text(raw.values.get("text")) or None
        return Measure(
            client_id=client_id,
            instrument=instrument,
            value=value,
            session=session,
            date=date,
            item=item,
            text=text,
            source=raw.source,
            row=raw.row,
        )

    def _item(self, raw: RawRow, instrument: str, spec: Instrument | None) -> str:
        written = self._text(raw, "item") or self._text(raw, "goal_id")
        key = _SLUG.sub("", written.lower())
        if instrument == "gas":
            return "total" if key in _TOTALS else written
        if key in _TOTALS:
            return "total"
        m = _ITEM.match(written)
        if spec is None:
            return str(int(m.group(1))) if m else written
        allowed = f"total or 1..{spec.items}" if spec.items else "total"
        if m is None or not spec.items or not 1 <= int(m.group(1)) <= spec.items:
            raise _Bad("bad_item", "item", written, instrument=instrument, allowed=allowed)
        return str(int(m.group(1)))

    def _check_range(
        self, instrument: str, item: str, value: float, spec: Instrument | None, what: str
    ) -> None:
        if spec is None:
            return
        integer = spec.integer
        if instrument == "gas" and item != "total":
            lo, hi, integer = float(self.options.gas_min_level), 2.0, True
        elif item == "total":
            if spec.total_range is None:
                return
            lo, hi = spec.total_range
        else:
            if spec.item_range is None:
                return
            lo, hi = spec.item_range
        shown = _fmt(value)
        if not lo <= value <= hi:
            raise _Bad("out_of_range", "value", shown, what=what, lo=_fmt(lo), hi=_fmt(hi))
        if integer and not float(value).is_integer():
            raise _Bad("not_integer", "value", shown, what=what, lo=_fmt(lo), hi=_fmt(hi))

    def _goal(self, raw: RawRow) -> Goal:
        client_id = parse_client_id(raw.values.get("client_id"))
        goal_id = self._text(raw, "goal_id")
        if not goal_id:
            raise _Bad("missing_goal_id", "goal_id")
        levels = {}
        for field, level in LEVEL_FIELDS.items():
            text = note_text(raw.values.get(field))
            if text:
                levels[level] = text
        weights = {}
        for field in ("importance", "difficulty"):
            number = parse_number(raw.values.get(field), field=field, what=field)
            if number is not None and not 0 <= number <= 3:
                raise _Bad("out_of_range", field, _fmt(number), what=field, lo=0, hi=3)
            weights[field] = number
        return Goal(
            client_id=client_id,
            goal_id=goal_id,
            description=note_text(raw.values.get("description")),
            levels=levels,
            importance=weights["importance"],
            difficulty=weights["difficulty"],
            source=raw.source,
            row=raw.row,
        )

    def _event(self, raw: RawRow) -> ContextEvent:
        client_id = parse_client_id(raw.values.get("client_id"))
        kind = slug(self._text(raw, "kind"))
        if not kind:
            raise _Bad("missing_kind", "kind")
        session, date = self._when(raw)
        if session is None and date is None:
            raise _Bad("no_session_or_date", "date" if "date" in raw.columns else "session")
        description = note_text(raw.values.get("description")) or note_text(
            raw.values.get("note") or raw.values.get("text")
        )
        return ContextEvent(
            client_id=client_id,
            kind=kind,
            date=date,
            session=session,
            description=description,
            source=raw.source,
            row=raw.row,
        )

    def _consent(self, raw: RawRow) -> Consent:
        client_id = parse_client_id(raw.values.get("client_id"))
        opted_out = parse_bool(raw.values.get("opted_out"), field="opted_out")
        date = parse_date(raw.values.get("date"), dayfirst=self.options.dayfirst)
        return Consent(client_id=client_id, opted_out=opted_out, date=date, source=raw.source, row=raw.row)


def _what(instrument: str, item: str) -> str:
    if instrument == "gas":
        return "GAS T-score" if item == "total" else f"GAS level of goal {item!r}"
    return f"{instrument} total" if item == "total" else f"{instrument} item {item}"


def _fmt(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
