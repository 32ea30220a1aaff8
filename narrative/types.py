"""Typed records passed between the pipeline's stages.

Every stage is a function from records to records:

    ingest  -> Note, Measure, Goal, ContextEvent, Consent, Reject
    extract -> Statement
    score   -> ScoredStatement, Shift
    trajectory -> TrajectoryPoint, BenchmarkRow, Flag

Records are small frozen dataclasses. Each converts to and from a flat ``dict``
(``to_dict`` / ``from_dict``) so that it can be written to a tidy table row and
read back. Nested values (tuples, mappings) are stored as JSON strings in tables
by :mod:`narrative.io`, never pickled.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections.abc import Mapping
from typing import Any, ClassVar, Literal, TypeVar

T = TypeVar("T", bound="Record")

Voice = Literal["quoted", "reported", "clinician"]
StatementType = Literal["self_description", "agency", "chapter_title", "indicator"]
# agency spans: agentic / non_agentic / mixed; other types: positive / negative / neutral
Polarity = Literal["agentic", "non_agentic", "mixed", "positive", "negative", "neutral"]
TalkType = Literal["change", "neutral", "sustain"]
Severity = Literal["info", "low", "medium", "high"]

STATEMENT_TYPES: tuple[str, ...] = ("self_description", "agency", "chapter_title", "indicator")
VOICES: tuple[str, ...] = ("quoted", "reported", "clinician")

# Instrument names used in Measure.instrument. Any other name is accepted as a
# free-named scale ("other" scales keep their own name, lower-cased).
INSTRUMENTS: tuple[str, ...] = ("gas", "alliance", "srs", "wai_sr", "phq9", "gad7", "ors")


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _to_jsonable(value: Any) -> Any:
    if type(value) in _PLAIN:
        return value
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, (tuple, list)):
        return [v if type(v) in _PLAIN else _to_jsonable(v) for v in value]
    if isinstance(value, Mapping):
        return {
            k if type(k) is str else str(k): v if type(v) in _PLAIN else _to_jsonable(v)
            for k, v in value.items()
        }
    return value


def table_cell(value: Any) -> Any:
    """Table cell for a plain value: nested values (lists, tuples, dicts) become JSON strings."""
    if isinstance(value, (list, tuple, dict)):
        return json.dumps(value, sort_keys=True, ensure_ascii=False, default=str)
    return value


def table_row(data: Mapping[str, Any]) -> dict[str, Any]:
    """A ``to_dict`` result as a table row (nested values as JSON strings; ``from_dict`` reads it back)."""
    return {k: table_cell(v) for k, v in data.items()}


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = _FIELD_NAMES[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


@dataclasses.dataclass(frozen=True, slots=True)
class Record:
    """Base class: dict round-trip for frozen dataclass records."""

    # Fields that hold dates, tuples or mappings and how to rebuild them.
    _date_fields: ClassVar[tuple[str, ...]] = ()
    _tuple_fields: ClassVar[tuple[str, ...]] = ()
    _mapping_fields: ClassVar[tuple[str, ...]] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return a flat dict of plain values (dates as ISO strings, tuples as lists)."""
        out = {}
        for name in _field_names(type(self)):
            value = getattr(self, name)
            out[name] = value if type(value) in _PLAIN else _to_jsonable(value)
        return out

    @classmethod
    def from_dict(cls: type[T], data: Mapping[str, Any]) -> T:
        """Build a record from ``to_dict`` output (or a table row). Unknown keys are ignored."""
        kwargs: dict[str, Any] = {}
        for name, is_date, is_tuple, is_mapping in _field_kinds(cls):
            if name not in data:
                continue
            value = data[name]
            if value is not None and type(value) not in _NEVER_MISSING and _is_missing(value):
                value = None
            if is_date and isinstance(value, str):
                value = dt.date.fromisoformat(value[:10])
            elif is_date and isinstance(value, dt.datetime):
                value = value.date()
            elif is_tuple:
                if isinstance(value, str):
                    value = json.loads(value) if value.startswith("[") else (value,)
                value = tuple(tuple(v) if isinstance(v, list) else v for v in (value or ()))
            elif is_mapping:
                if isinstance(value, str):
                    value = json.loads(value) if value else {}
                value = dict(value or {})
            kwargs[name] = value
        return cls(**kwargs)


# Values of these exact types are never NaN-like "missing" (``value != value`` is False for them).
_NEVER_MISSING = frozenset({str, int, bool, list, dict, tuple})
_FIELD_KINDS: dict[type, tuple[tuple[str, bool, bool, bool], ...]] = {}


def _field_kinds(cls: type[Record]) -> tuple[tuple[str, bool, bool, bool], ...]:
    """(name, is date field, is tuple field, is mapping field) of each field of ``cls``, computed once."""
    kinds = _FIELD_KINDS.get(cls)
    if kinds is None:
        kinds = _FIELD_KINDS[cls] = tuple(
            (name, name in cls._date_fields, name in cls._tuple_fields, name in cls._mapping_fields)
            for name in _field_names(cls)
        )
    return kinds


def _is_missing(value: Any) -> bool:
    try:
        return value != value  # NaN / NaT
    except Exception:  # noqa: BLE001 - arrays and exotic values are not "missing"
        return False


# ---------------------------------------------------------------- ingest


@dataclasses.dataclass(frozen=True, slots=True)
class Note(Record):
    """One session note.

    ``note_id`` is stable across runs: the source's own id when it has one, else
    a hash of (client, session, date, text). ``session`` and/or ``date`` is set.
    ``strata`` holds user-named grouping columns (program, modality, language...).
    """

    note_id: str
    client_id: str
    text: str
    session: int | None = None
    date: dt.date | None = None
    clinician: str | None = None
    section: str | None = None
    source: str = ""
    row: int = 0
    strata: Mapping[str, str] = dataclasses.field(default_factory=dict)

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)
    _mapping_fields: ClassVar[tuple[str, ...]] = ("strata",)


@dataclasses.dataclass(frozen=True, slots=True)
class Measure(Record):
    """One rating on one instrument (or one item of it) at one session.

    ``instrument``: gas, alliance (1-10 connection rating), srs, wai_sr, phq9,
    gad7, ors, or any other lower-case scale name. ``item``: None or "total" for
    a total score; an item number ("1".."12") for item-level data; the goal id
    for GAS ratings. ``text``: free text that goes with the rating (the
    alliance "what contributed" answer).
    """

    client_id: str
    instrument: str
    value: float
    session: int | None = None
    date: dt.date | None = None
    item: str | None = None
    text: str | None = None
    source: str = ""
    row: int = 0

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)


@dataclasses.dataclass(frozen=True, slots=True)
class Goal(Record):
    """A client's GAS goal with its described levels (-2..+2) and optional weights."""

    client_id: str
    goal_id: str
    description: str = ""
    levels: Mapping[str, str] = dataclasses.field(default_factory=dict)  # "-2".."2" -> text
    importance: float | None = None
    difficulty: float | None = None
    source: str = ""
    row: int = 0

    _mapping_fields: ClassVar[tuple[str, ...]] = ("levels",)


@dataclasses.dataclass(frozen=True, slots=True)
class ContextEvent(Record):
    """A life event outside therapy (medication change, new job, bereavement...)."""

    client_id: str
    kind: str
    date: dt.date | None = None
    session: int | None = None
    description: str = ""
    source: str = ""
    row: int = 0

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)


@dataclasses.dataclass(frozen=True, slots=True)
class Consent(Record):
    """Consent state of one client; ``opted_out`` clients are left out of every output."""

    client_id: str
    opted_out: bool
    date: dt.date | None = None
    source: str = ""
    row: int = 0

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)


@dataclasses.dataclass(frozen=True, slots=True)
class Reject(Record):
    """An input row that was not accepted, with where it was and why.

    ``value`` never holds note text: for text columns it describes the value
    ("<412 characters>") instead.
    """

    source: str
    row: int
    column: str
    value: str
    reason: str
    kind: str = ""  # note / measure / goal / event / consent / unknown


# ---------------------------------------------------------------- extract


@dataclasses.dataclass(frozen=True, slots=True)
class Statement(Record):
    """One extracted span with its evidence.

    ``start``/``end`` are character offsets into the original note text.
    ``normalized`` is the client's-first-person reading used for scoring
    ("described herself as a failure" -> "I am a failure").
    ``attrs`` holds type-specific details: negated, hedged, temporal
    (past/present/future/contrast), label_kind (identity_first/person_first),
    domain and progress (indicators), cues (agency), ...
    """

    statement_id: str
    note_id: str
    client_id: str
    type: str
    text: str
    start: int
    end: int
    voice: str
    polarity: str
    evidence: tuple[str, ...] = ()
    normalized: str = ""
    session: int | None = None
    date: dt.date | None = None
    attrs: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)
    _tuple_fields: ClassVar[tuple[str, ...]] = ("evidence",)
    _mapping_fields: ClassVar[tuple[str, ...]] = ("attrs",)


# ---------------------------------------------------------------- score


@dataclasses.dataclass(frozen=True, slots=True)
class ScoredStatement(Record):
    """Scores of one statement, each in [-1, 1], with the evidence behind them."""

    statement_id: str
    note_id: str
    client_id: str
    type: str
    voice: str
    agency: float
    self_regard: float
    narrative_score: float
    talk_type: str
    p_change: float
    p_neutral: float
    p_sustain: float
    session: int | None = None
    date: dt.date | None = None
    text: str = ""
    features: Mapping[str, float] = dataclasses.field(default_factory=dict)
    evidence: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    _date_fields: ClassVar[tuple[str, ...]] = ("date",)
    _mapping_fields: ClassVar[tuple[str, ...]] = ("features", "evidence")


@dataclasses.dataclass(frozen=True, slots=True)
class Shift(Record):
    """A change of one narrative series for one client between two points."""

    client_id: str
    series: str
    kind: str  # baseline_vs_now / rolling / change_point / no_change / title_drift
    session_from: int | None
    session_to: int | None
    before: float | None
    after: float | None
    delta: float | None
    quote_before: str = ""
    quote_after: str = ""
    detail: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    _mapping_fields: ClassVar[tuple[str, ...]] = ("detail",)


# ---------------------------------------------------------------- trajectory


@dataclasses.dataclass(frozen=True, slots=True)
class TrajectoryPoint(Record):
    """One value of one series for one client at one session, with its band position."""

    client_id: str
    session: int
    series: str
    value: float
    n: int = 1
    band_low: float | None = None
    band_mid: float | None = None
    band_high: float | None = None
    band_position: str = ""  # below / within / above / "" when no band
    stratum: str = ""
    detail: Mapping[str, Any] = dataclasses.field(default_factory=dict)

    _mapping_fields: ClassVar[tuple[str, ...]] = ("detail",)


@dataclasses.dataclass(frozen=True, slots=True)
class Flag(Record):
    """A supervisor flag: rule id, severity, plain-language reason, numbers and quotes."""

    client_id: str
    rule: str
    severity: str
    reason: str
    session_from: int | None = None
    session_to: int | None = None
    numbers: Mapping[str, Any] = dataclasses.field(default_factory=dict)
    quotes: tuple[str, ...] = ()

    _tuple_fields: ClassVar[tuple[str, ...]] = ("quotes",)
    _mapping_fields: ClassVar[tuple[str, ...]] = ("numbers",)
