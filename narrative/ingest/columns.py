"""Column names and rating scales as data: alias matching and file-content detection.

The alias table (``columns.yaml``) and the instrument table (``instruments.yaml``)
are validated with pydantic when first used.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping, Sequence
from importlib import resources

from pydantic import BaseModel, ConfigDict, ValidationError, model_validator

from .. import errors
from ..config import safe_load_yaml
from ..errors import ConfigError, InputError

KINDS: tuple[str, ...] = ("note", "measure", "goal", "event", "consent")

_SIGN_PLUS = re.compile(r"\+(?=\d)")
_SIGN_MINUS = re.compile(r"(?<![a-z0-9])-(?=\d)")
_NON_ALNUM = re.compile(r"[^a-z0-9]+")


@functools.lru_cache(maxsize=8192)
def normalize_name(name: str) -> str:
    """Compare-key of a column name: lower case, no spaces or punctuation.

    ``"#"`` reads as "no" and a sign before a digit is kept as a word, so
    ``"Session #"`` -> ``"sessionno"`` and ``"Level -2"`` -> ``"levelminus2"``.
    """
    text = str(name).replace("\ufeff", "").strip().lower()
    text = text.replace("#", " no ")
    text = _SIGN_PLUS.sub(" plus ", text)
    text = _SIGN_MINUS.sub(" minus ", text)
    return _NON_ALNUM.sub("", text)


# ---------------------------------------------------------------- data files


class _KindRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    kind: str
    all_of: list[str] = []
    any_of: list[str] = []


class _ColumnsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    columns: dict[str, list[str]]
    kinds: list[_KindRule]

    @model_validator(mode="after")
    def _check(self) -> _ColumnsFile:
        owner: dict[str, str] = {}
        for field, aliases in self.columns.items():
            for alias in [field, *aliases]:
                key = normalize_name(alias)
                if not key:
                    raise ValueError(f"{field}: alias {alias!r} is empty once normalised")
                if owner.setdefault(key, field) != field:
                    raise ValueError(f"alias {alias!r} of {field} already belongs to {owner[key]}")
        for rule in self.kinds:
            if rule.kind not in KINDS:
                raise ValueError(f"unknown kind {rule.kind!r}; expected one of {list(KINDS)}")
            unknown = set(rule.all_of + rule.any_of) - set(self.columns)
            if unknown:
                raise ValueError(f"kind {rule.kind}: unknown fields {sorted(unknown)}")
        return self


class _Instrument(BaseModel):
    model_config = ConfigDict(extra="forbid")

    names: list[str]
    loinc: list[str] = []
    items: int = 0
    item_range: tuple[float, float] | None = None
    total_range: tuple[float, float] | None = None
    integer: bool = False

    @model_validator(mode="after")
    def _check(self) -> _Instrument:
        if self.items and self.item_range is None:
            raise ValueError("an instrument with items needs item_range")
        for rng in (self.item_range, self.total_range):
            if rng is not None and rng[0] > rng[1]:
                raise ValueError(f"range {rng} runs backwards")
        return self


class _InstrumentsFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    instruments: dict[str, _Instrument]


@dataclasses.dataclass(frozen=True)
class Instrument:
    """A known rating scale and its valid values."""

    name: str
    items: int
    item_range: tuple[float, float] | None
    total_range: tuple[float, float] | None
    integer: bool


@dataclasses.dataclass(frozen=True)
class AliasTable:
    """The loaded ``columns.yaml`` and ``instruments.yaml``."""

    fields: dict[str, list[str]]  # canonical -> aliases as written
    lookup: dict[str, tuple[str, int]]  # normalised alias -> (canonical, priority)
    kind_rules: list[_KindRule]
    instruments: dict[str, Instrument]
    instrument_lookup: dict[str, str]  # normalised name -> instrument
    loinc: dict[str, str]  # LOINC code -> instrument

    def canonical(self, column: str) -> tuple[str, int] | None:
        """(canonical field, priority) for a source column name, or None."""
        return self.lookup.get(normalize_name(column))

    def instrument_name(self, name: str) -> str | None:
        """Known instrument for a written name ("PHQ-9" -> "phq9"), or None."""
        return self.instrument_lookup.get(normalize_name(name))


def _read_yaml(name: str) -> object:
    text = resources.files("narrative.ingest").joinpath(name).read_text(encoding="utf-8")
    return safe_load_yaml(text)


@functools.cache
def alias_table() -> AliasTable:
    """Load and validate the packaged alias and instrument tables (once)."""
    try:
        cols = _ColumnsFile.model_validate(_read_yaml("columns.yaml"))
    except ValidationError as exc:
        raise ConfigError(f"narrative/ingest/columns.yaml: {exc.errors()[0]['msg']}") from None
    try:
        inst = _InstrumentsFile.model_validate(_read_yaml("instruments.yaml"))
    except ValidationError as exc:
        raise ConfigError(f"narrative/ingest/instruments.yaml: {exc.errors()[0]['msg']}") from None
    lookup: dict[str, tuple[str, int]] = {}
    for field, aliases in cols.columns.items():
        for priority, alias in enumerate([field, *aliases]):
            lookup.setdefault(normalize_name(alias), (field, priority))
    instruments: dict[str, Instrument] = {}
    instrument_lookup: dict[str, str] = {}
    loinc: dict[str, str] = {}
    for name, spec in inst.instruments.items():
        instruments[name] = Instrument(name, spec.items, spec.item_range, spec.total_range, spec.integer)
        for written in [name, *spec.names]:
            key = normalize_name(written)
            if instrument_lookup.setdefault(key, name) != name:
                raise ConfigError(f"narrative/ingest/instruments.yaml: name {written!r} is used twice")
        for code in spec.loinc:
            loinc[code] = name
    return AliasTable(cols.columns, lookup, cols.kinds, instruments, instrument_lookup, loinc)


# ---------------------------------------------------------------- wide score columns

_ITEM_SUFFIX = re.compile(r"^(?:item|q|question)?(\d{1,2})$")
_TOTAL_SUFFIXES = ("", "total", "score", "totalscore", "rating", "tscore")


def wide_score_column(column: str, table: AliasTable) -> tuple[str, str] | None:
    """(instrument, item) for a wide export's score column ("PHQ-9 item 3" -> ("phq9", "3")).

    The column must start with a known instrument name; the rest must be empty,
    "total"/"score"/"rating" or an item number.
    """
    key = normalize_name(column)
    best: tuple[str, str] | None = None
    best_len = 0
    for written, instrument in table.instrument_lookup.items():
        if not key.startswith(written) or len(written) <= best_len:
            continue
        rest = key[len(written) :]
        if rest in _TOTAL_SUFFIXES:
            best, best_len = (instrument, "total"), len(written)
        elif (m := _ITEM_SUFFIX.match(rest)) and table.instruments[instrument].items:
            best, best_len = (instrument, str(int(m.group(1)))), len(written)
    return best


# ---------------------------------------------------------------- a file's column plan


@dataclasses.dataclass(frozen=True)
class ColumnPlan:
    """Where each canonical field sits in a table, and what the table holds.

    Attributes:
        kind: note / measure / goal / event / consent.
        index: canonical field -> column position.
        names: canonical field -> source column name (for messages).
        strata: strata name -> column position.
        wide: score columns beside notes: (position, source name, instrument, item).
        header: the source column names.
    """

    kind: str
    index: dict[str, int]
    names: dict[str, str]
    strata: dict[str, int]
    wide: tuple[tuple[int, str, str, str], ...]
    header: tuple[str, ...]


def plan_columns(
    header: Sequence[str],
    *,
    source: str,
    column_map: Mapping[str, str],
    strata_columns: Sequence[str],
    table: AliasTable | None = None,
    strict: bool = True,
) -> ColumnPlan:
    """Map a header row to canonical fields and decide the file's content.

    With ``strict=False`` (one JSON record's keys) a mapped column that is absent
    is skipped, and a missing client id or unknown content gives ``kind=""``
    instead of an error.

    Raises:
        InputError: a mapping names an unknown field or (strict) a missing column, there
            is no client-id column, or the columns fit no kind of record.
    """
    table = table or alias_table()
    header = tuple(str(h).replace("\ufeff", "").strip() for h in header)
    found = [h for h in header if h]
    index: dict[str, int] = {}
    used: set[int] = set()
    allowed = sorted(set(table.fields) | set(strata_columns))
    for field, column in column_map.items():
        if field not in allowed:
            raise InputError(errors.ingest_mapping_unknown_field(source, field, allowed))
        pos = _find_column(header, column)
        if pos is None and not strict:
            continue
        if pos is None:
            raise InputError(errors.ingest_mapping_missing_column(source, field, column, found))
        index[field] = pos
        used.add(pos)
    best: dict[str, tuple[int, int]] = {}
    for pos, name in enumerate(header):
        if pos in used or not name:
            continue
        hit = table.canonical(name)
        if hit is None or hit[0] in index:
            continue
        field, priority = hit
        if field not in best or priority < best[field][0]:
            best[field] = (priority, pos)
    for field, (_, pos) in best.items():
        index[field] = pos
        used.add(pos)
    strata: dict[str, int] = {}
    for name in strata_columns:
        if name in index:
            strata[name] = index[name]
            continue
        pos = _find_column(header, name)
        if pos is not None and pos not in used:
            strata[name] = pos
    if "client_id" not in index and not strict:
        return ColumnPlan("", index, {f: header[p] for f, p in index.items()}, strata, (), header)
    if "client_id" not in index:
        accepted = ["client_id", *table.fields["client_id"]]
        raise InputError(errors.ingest_no_client_column(source, found, accepted))
    kind = detect_kind(index, table)
    wide: list[tuple[int, str, str, str]] = []
    if kind in (None, "note"):
        taken = used | set(strata.values())
        for pos, name in enumerate(header):
            if pos in taken or not name:
                continue
            hit = wide_score_column(name, table)
            if hit is not None:
                wide.append((pos, name, *hit))
    if kind is None and wide:
        kind = "measure_wide"
    if kind is None and not strict:
        kind = ""
    if kind is None:
        needs = "; ".join(
            f"{rule.kind}: "
            + " + ".join([*rule.all_of, *(["one of " + "/".join(rule.any_of)] if rule.any_of else [])])
            for rule in table.kind_rules
        )
        raise InputError(errors.ingest_unknown_content(source, found, needs))
    names = {field: header[pos] for field, pos in index.items()}
    return ColumnPlan(kind, index, names, strata, tuple(wide), header)


def detect_kind(fields: Mapping[str, object] | set[str], table: AliasTable | None = None) -> str | None:
    """The kind of record a set of canonical fields describes, or None."""
    table = table or alias_table()
    present = set(fields)
    for rule in table.kind_rules:
        if all(f in present for f in rule.all_of) and (
            not rule.any_of or any(f in present for f in rule.any_of)
        ):
            return rule.kind
    return None


def _find_column(header: Sequence[str], column: str) -> int | None:
    """Position of ``column`` in ``header``: exact name first, then by normalised name."""
    for pos, name in enumerate(header):
        if name == column:
            return pos
    key = normalize_name(column)
    for pos, name in enumerate(header):
        if key and normalize_name(name) == key:
            return pos
    return None
