"""Read a run directory (``<run>/tables/*.parquet`` + ``manifest.json``) back into records.

The report reads nothing else: everything it draws comes from these tables, so a
report can be rebuilt from a run folder alone. Missing optional tables are
treated as empty (and listed on the pages); a missing column the report needs or
an unusable value stops with a message naming the file, row and column.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import logging
from collections import defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import pyarrow as pa
import pyarrow.parquet as pq

from ..errors import (
    InputError,
    report_manifest_msg,
    report_run_dir_msg,
    report_table_columns_msg,
    report_table_unreadable_msg,
    report_table_value_msg,
)
from ..types import (
    ContextEvent,
    Flag,
    Goal,
    Measure,
    Record,
    ScoredStatement,
    Shift,
    Statement,
    TrajectoryPoint,
)

logger = logging.getLogger(__name__)

# Table name -> record class (None: plain dict rows).
RECORD_TABLES: dict[str, type[Record] | None] = {
    "notes": None,
    "statements": Statement,
    "scores": ScoredStatement,
    "shifts": Shift,
    "trajectories": TrajectoryPoint,
    "benchmarks": None,
    "flags": Flag,
    "leadlag": None,
    "measures": Measure,
    "goals": Goal,
    "events": ContextEvent,
}

# Columns the report needs in the plain-dict tables.
DICT_TABLE_COLUMNS: dict[str, tuple[str, ...]] = {
    "notes": ("client_id", "session", "date"),
    "benchmarks": ("series", "session", "stratum", "p25", "p50", "p75"),
    "leadlag": (),
}

INT_COLUMNS = ("session", "session_from", "session_to", "n", "row", "start", "end", "n_clients")


@dataclasses.dataclass
class RunData:
    """Everything the report needs from one run directory."""

    run_dir: Path
    manifest: dict[str, Any]
    notes: list[dict[str, Any]]
    statements: list[Statement]
    scores: list[ScoredStatement]
    shifts: list[Shift]
    trajectories: list[TrajectoryPoint]
    benchmarks: list[dict[str, Any]]
    flags: list[Flag]
    leadlag: list[dict[str, Any]]
    measures: list[Measure]
    goals: list[Goal]
    events: list[ContextEvent]
    missing_tables: list[str] = dataclasses.field(default_factory=list)

    def client_ids(self) -> list[str]:
        """Every client that appears in a per-client table, sorted."""
        ids: set[str] = set()
        for name in ("notes", "trajectories", "flags", "statements", "shifts", "goals", "measures", "events"):
            for rec in getattr(self, name):
                cid = rec["client_id"] if isinstance(rec, Mapping) else rec.client_id
                if cid not in (None, ""):
                    ids.add(str(cid))
        return sorted(ids)

    def by_client(self, name: str) -> dict[str, list[Any]]:
        """Rows of table ``name`` grouped by client id (table order kept)."""
        groups: dict[str, list[Any]] = defaultdict(list)
        for rec in getattr(self, name):
            cid = rec["client_id"] if isinstance(rec, Mapping) else rec.client_id
            groups[str(cid)].append(rec)
        return groups


def load_run(run_dir: Path) -> RunData:
    """Read the run directory's tables and manifest.

    Raises:
        InputError: the folder is not a run directory, a table cannot be read, a
            needed column is missing or a value cannot be used.
    """
    run_dir = Path(run_dir)
    tables_dir = run_dir / "tables"
    if not run_dir.is_dir():
        raise InputError(report_run_dir_msg(run_dir, "the folder"))
    if not tables_dir.is_dir():
        raise InputError(report_run_dir_msg(run_dir, "tables/"))
    manifest = _read_manifest(run_dir / "manifest.json")
    loaded: dict[str, list[Any]] = {}
    missing: list[str] = []
    for name, cls in RECORD_TABLES.items():
        path = tables_dir / f"{name}.parquet"
        if not path.is_file():
            missing.append(name)
            loaded[name] = []
            continue
        rows = _read_rows(path)
        loaded[name] = _to_records(path, rows, cls) if cls is not None else _check_dict_rows(path, name, rows)
    if missing:
        logger.warning("run directory %s lacks table(s) %s; drawn as empty", run_dir, missing)
    if not manifest:
        missing.append("manifest.json")
    return RunData(run_dir=run_dir, manifest=manifest, missing_tables=missing, **loaded)


def _read_manifest(path: Path) -> dict[str, Any]:
    if not path.is_file():
        logger.warning("%s not found; pages will not show run details", path)
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError(report_manifest_msg(path, type(exc).__name__)) from None
    if not isinstance(data, dict):
        raise InputError(report_manifest_msg(path, f"top level is {type(data).__name__}"))
    return data


def _read_rows(path: Path) -> list[dict[str, Any]]:
    try:
        table = pq.read_table(path)
    except (OSError, pa.ArrowException) as exc:
        raise InputError(report_table_unreadable_msg(path, type(exc).__name__)) from None
    return table.to_pylist()


def _required_fields(cls: type[Record]) -> list[str]:
    return [
        f.name
        for f in dataclasses.fields(cls)
        if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
    ]


def _check_columns(path: Path, rows: list[dict[str, Any]], needed: Iterable[str]) -> None:
    if not rows:
        return
    missing = [c for c in needed if c not in rows[0]]
    if missing:
        raise InputError(report_table_columns_msg(path, missing))


def _to_records(path: Path, rows: list[dict[str, Any]], cls: type[Record]) -> list[Record]:
    _check_columns(path, rows, _required_fields(cls))
    records = []
    for i, row in enumerate(rows, start=1):
        row = _coerce_ints(path, i, row)
        try:
            rec = cls.from_dict(row)
        except (TypeError, ValueError) as exc:  # JSONDecodeError is a ValueError
            column = _bad_column(cls, row)
            is_text = column not in cls._date_fields
            expected = "a date YYYY-MM-DD" if not is_text else f"a valid {cls.__name__} {column} value"
            raise InputError(
                report_table_value_msg(path, i, column, row.get(column), expected, is_text=is_text)
            ) from exc
        records.append(_coerce_floats(path, i, rec))
    return records


def _check_dict_rows(path: Path, name: str, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    _check_columns(path, rows, DICT_TABLE_COLUMNS.get(name, ()))
    out = []
    for i, row in enumerate(rows, start=1):
        row = _coerce_ints(path, i, row)
        if isinstance(row.get("date"), str) and row["date"]:
            try:
                row["date"] = dt.date.fromisoformat(row["date"][:10])
            except ValueError:
                raise InputError(
                    report_table_value_msg(path, i, "date", row["date"], "a date YYYY-MM-DD")
                ) from None
        elif isinstance(row.get("date"), dt.datetime):
            row["date"] = row["date"].date()
        out.append(row)
    return out


def _coerce_ints(path: Path, i: int, row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    for col in INT_COLUMNS:
        value = row.get(col)
        if value is None or isinstance(value, int) and not isinstance(value, bool):
            continue
        if isinstance(value, float) and value != value:  # NaN from pandas-written tables
            row[col] = None
            continue
        try:
            as_float = float(value)
        except (TypeError, ValueError):
            as_float = float("nan")
        if as_float != as_float or not as_float.is_integer():
            raise InputError(report_table_value_msg(path, i, col, value, "a whole number"))
        row[col] = int(as_float)
    return row


_FLOAT_FIELDS = ("value", "agency", "self_regard", "narrative_score", "band_low", "band_mid", "band_high")


def _coerce_floats(path: Path, i: int, rec: Record) -> Record:
    changes = {}
    for name in _FLOAT_FIELDS:
        if not hasattr(rec, name):
            continue
        value = getattr(rec, name)
        if value is None or isinstance(value, float):
            continue
        try:
            changes[name] = float(value)
        except (TypeError, ValueError):
            raise InputError(report_table_value_msg(path, i, name, value, "a number")) from None
    return dataclasses.replace(rec, **changes) if changes else rec


def _bad_column(cls: type[Record], row: Mapping[str, Any]) -> str:
    """Best guess at the column that broke ``from_dict`` (for the message)."""
    for name in (*cls._mapping_fields, *cls._tuple_fields, *cls._date_fields):
        value = row.get(name)
        if isinstance(value, str) and value:
            try:
                if name in cls._date_fields:
                    dt.date.fromisoformat(value[:10])
                elif value.startswith(("[", "{")) or name in cls._mapping_fields:
                    json.loads(value)
            except ValueError:
                return name
    for name in _required_fields(cls):
        if row.get(name) is None:
            return name
    return "?"
