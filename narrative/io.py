"""Writing tidy tables safely: atomic files, Parquet + CSV, chunked streaming.

Every file the tool writes goes through :func:`atomic_path`: it is written to
a temporary file in the same folder and renamed into place only when complete,
so an interrupted run never leaves a half-written table and the previous output
stays intact.

CSV output is meant for spreadsheets, so cells that a spreadsheet would read
as a formula (starting with ``=``, ``+``, ``-``, ``@``, tab or carriage return)
are prefixed with a single quote (OWASP "CSV injection" guidance). Parquet
keeps the exact values. The tables' CSV files are written by Arrow's CSV writer
from the same Arrow tables as the Parquet files (every text cell quoted, empty
text ``""`` apart from a missing value, booleans ``true``/``false``): Python's
csv module spent most of a re-run's table time quoting the JSON columns.
"""

from __future__ import annotations

import contextlib
import csv
import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from .errors import InputError
from .files import atomic_path, write_text_atomic
from .types import Record, table_cell, table_row

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def write_json_atomic(path: str | os.PathLike[str], data: Any) -> None:
    """Write ``data`` as sorted, indented JSON atomically."""
    write_text_atomic(path, json.dumps(data, indent=2, sort_keys=True, default=str) + "\n")


def escape_formula(value: Any) -> Any:
    """Defuse spreadsheet formulas in a CSV cell (strings only)."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        # A plain negative number is data, not a formula.
        if value[0] in "+-" and _is_number(value):
            return value
        return "'" + value
    return value


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def records_to_rows(records: Iterable[Record | Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Flatten records (or dicts) to table rows with JSON-encoded nested values."""
    return [table_row(rec.to_dict() if isinstance(rec, Record) else rec) for rec in records]


_FORMULA_START = "^[" + "".join(re.escape(p) for p in FORMULA_PREFIXES) + "]"  # every prefix is one character
_CSV_OPTIONS = pa_csv.WriteOptions(quoting_style="needed")
_PLAIN_CELL = frozenset({str, int, float, bool, type(None)})  # table_cell leaves these as they are


class TableWriter:
    """Stream rows into ``<dir>/<name>.parquet`` and ``<dir>/<name>.csv`` atomically.

    Rows are buffered and flushed every ``chunk_size`` rows, so memory stays flat
    however many rows are written. Both files appear only on :meth:`close`.
    Use as a context manager; on an exception nothing is written.

    Args:
        directory: output folder.
        name: table name (file stem).
        columns: column order; also used for an empty table's header.
        schema: optional pyarrow schema; inferred from the first chunk otherwise.
        csv: also write a spreadsheet-safe CSV next to the Parquet file.
    """

    def __init__(
        self,
        directory: str | os.PathLike[str],
        name: str,
        *,
        columns: Sequence[str],
        schema: pa.Schema | None = None,
        csv: bool = True,
        chunk_size: int = 5000,
    ) -> None:
        self.directory = Path(directory)
        self.name = name
        self.columns = list(columns)
        self.schema = schema
        self.write_csv = csv
        self.chunk_size = chunk_size
        self.n_rows = 0
        self._buffer: list[list[Any]] = []  # rows as cells in ``columns`` order
        self._stack = contextlib.ExitStack()
        self._pq_writer: pq.ParquetWriter | None = None
        self._csv_writer: pa_csv.CSVWriter | None = None
        self._pq_tmp: Path | None = None
        self._csv_tmp: Path | None = None

    def __enter__(self) -> TableWriter:
        self.directory.mkdir(parents=True, exist_ok=True)
        self._pq_tmp = self._stack.enter_context(atomic_path(self.directory / f"{self.name}.parquet"))
        if self.write_csv:
            self._csv_tmp = self._stack.enter_context(atomic_path(self.directory / f"{self.name}.csv"))
        return self

    def write(self, rows: Iterable[Record | Mapping[str, Any]]) -> None:
        """Add rows (records or dicts); keys outside ``columns`` are dropped, missing ones are empty."""
        columns = self.columns
        for rec in rows:
            data = rec.to_dict() if isinstance(rec, Record) else rec
            self._buffer.append(
                [v if type(v) in _PLAIN_CELL else table_cell(v) for v in map(data.get, columns)]
            )
        if len(self._buffer) >= self.chunk_size:
            self._flush()

    def _flush(self) -> None:
        if not self._buffer:
            return
        rows = self._buffer
        if self.schema is None:
            arrays = [arrow_column([r[i] for r in rows]) for i in range(len(self.columns))]
            table = pa.Table.from_arrays(arrays, self.columns)
        else:
            index = {c: i for i, c in enumerate(self.columns)}
            arrays = [
                arrow_column([r[index[n]] for r in rows]) if n in index else pa.nulls(len(rows))
                for n in self.schema.names
            ]
            table = pa.Table.from_arrays(arrays, self.schema.names).cast(self.schema)
        if self._pq_writer is None:
            if self.schema is None:
                self.schema = _nullable_schema(table.schema)
                table = table.cast(self.schema)
            self._pq_writer = pq.ParquetWriter(self._pq_tmp, self.schema, compression="zstd")
        else:
            table = table.cast(self.schema)
        self._pq_writer.write_table(table)
        if self._csv_tmp is not None:
            if self._csv_writer is None:
                self._csv_writer = pa_csv.CSVWriter(
                    str(self._csv_tmp), table.schema, write_options=_CSV_OPTIONS
                )
            self._csv_writer.write_table(_formula_safe(table))
        self.n_rows += len(rows)
        self._buffer.clear()

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        try:
            if exc_type is None:
                self._flush()
                if self._pq_writer is None:
                    schema = self.schema or pa.schema([(c, pa.string()) for c in self.columns])
                    self._pq_writer = pq.ParquetWriter(self._pq_tmp, schema, compression="zstd")
                    if self._csv_tmp is not None:  # the header alone
                        self._csv_writer = pa_csv.CSVWriter(
                            str(self._csv_tmp), schema, write_options=_CSV_OPTIONS
                        )
                self._pq_writer.close()
            elif self._pq_writer is not None:
                self._pq_writer.close()
        finally:
            if self._csv_writer is not None:
                self._csv_writer.close()
            self._stack.__exit__(exc_type, exc, tb)


_INT64 = (-(2**63), 2**63 - 1)
_OFFSET_LIMIT = 2**31 - 1  # the byte size an Arrow ``string`` array can hold
_BUILT_TYPES = frozenset({str, int, float, bool})


def arrow_column(cells: list[Any]) -> pa.Array | list[Any]:
    """An Arrow array of plain cells, built from buffers; ``cells`` itself when that is not possible.

    The array equals ``pa.array(cells)`` (same type, values and nulls) for a column of text, of
    whole numbers, of numbers (whole numbers and floats: double, as Arrow infers), of booleans,
    each with missing values, or of missing values only. Building it from buffers keeps pandas
    unimported: ``pa.array`` asks pyarrow's pandas shim whether the list is a pandas object, which
    imports pandas (about 0.25 s in every run; narrative never uses it). Any other column (mixed
    types, numbers beyond 64 bits, text beyond 2 GB) is returned as the list for ``pa.array``.
    """
    n = len(cells)
    types = set(map(type, cells))
    types.discard(type(None))
    if not types <= _BUILT_TYPES:
        return cells
    valid = None
    n_null = cells.count(None)
    if n_null:
        if n_null == n:
            return pa.nulls(n)
        valid = pa.py_buffer(
            np.packbits(np.fromiter((v is not None for v in cells), bool, n), bitorder="little")
        )
    if types == {str}:
        try:
            encoded = [b"" if v is None else v.encode("utf-8") for v in cells]
        except UnicodeEncodeError:  # a lone surrogate: pa.array gives its own error
            return cells
        offsets = np.zeros(n + 1, dtype=np.int64)
        np.cumsum(np.fromiter(map(len, encoded), np.int64, n), out=offsets[1:])
        if offsets[-1] > _OFFSET_LIMIT:
            return cells
        data = pa.py_buffer(b"".join(encoded))
        return pa.Array.from_buffers(
            pa.string(), n, [valid, pa.py_buffer(offsets.astype(np.int32)), data], null_count=n_null
        )
    if types == {bool}:
        bits = np.packbits(np.fromiter((v is True for v in cells), bool, n), bitorder="little")
        return pa.Array.from_buffers(pa.bool_(), n, [valid, pa.py_buffer(bits)], null_count=n_null)
    if types == {int}:
        values = [0 if v is None else v for v in cells]
        if not (_INT64[0] <= min(values) and max(values) <= _INT64[1]):
            return cells
        data = np.fromiter(values, np.int64, n)
        return pa.Array.from_buffers(pa.int64(), n, [valid, pa.py_buffer(data)], null_count=n_null)
    if types == {float} or types == {float, int}:
        if int in types and any(type(v) is int and abs(v) > 2**53 for v in cells):
            return cells  # Arrow refuses whole numbers a double cannot hold exactly
        data = np.fromiter((0.0 if v is None else v for v in cells), np.float64, n)
        return pa.Array.from_buffers(pa.float64(), n, [valid, pa.py_buffer(data)], null_count=n_null)
    return cells


def _formula_safe(table: pa.Table) -> pa.Table:
    """``table`` with :func:`escape_formula` applied to its text cells that start like a formula.

    Arrow finds the (rare) candidate cells; only those are converted in Python.
    """
    for i, field in enumerate(table.schema):
        if not pa.types.is_string(field.type):
            continue
        column = table.column(i)
        found = pc.match_substring_regex(column, _FORMULA_START)
        rows = pc.indices_nonzero(pc.and_kleene(found, pc.is_valid(found))).to_pylist()  # missing: no hit
        if not rows:
            continue
        values = column.to_pylist()
        for row in rows:
            values[row] = escape_formula(values[row])
        table = table.set_column(i, field, pa.array(arrow_column(values), type=field.type))
    return table


class RowWriter:
    """Write dict rows to .csv / .jsonl / .parquet atomically, in batches."""

    def __init__(self, path: Path, columns: Sequence[str]) -> None:
        self.path = Path(path)
        self.columns = list(columns)
        self.kind = self.path.suffix.lower().lstrip(".")
        if self.kind not in ("csv", "jsonl", "parquet"):
            raise InputError(f"--out {self.path}: unsupported extension; expected .csv, .jsonl or .parquet.")
        self.n = 0
        self._stack = contextlib.ExitStack()

    def __enter__(self) -> RowWriter:
        self._tmp = self._stack.enter_context(atomic_path(self.path))
        self._pq: pq.ParquetWriter | None = None
        if self.kind != "parquet":
            self._fh = self._stack.enter_context(open(self._tmp, "w", encoding="utf-8", newline=""))
            if self.kind == "csv":
                self._csv = csv.DictWriter(self._fh, fieldnames=self.columns, extrasaction="ignore")
                self._csv.writeheader()
        return self

    def write(self, rows: Iterable[Mapping[str, Any]]) -> None:
        rows = [{c: r.get(c) for c in self.columns} for r in rows]
        if not rows:
            return
        if self.kind == "csv":
            self._csv.writerows({k: escape_formula(v) for k, v in r.items()} for r in rows)
        elif self.kind == "jsonl":
            for r in rows:
                self._fh.write(json.dumps(r, ensure_ascii=False) + "\n")
        else:
            table = pa.Table.from_pylist(rows)
            if self._pq is None:
                self._schema = table.schema
                self._pq = pq.ParquetWriter(self._tmp, self._schema, compression="zstd")
            self._pq.write_table(table.cast(self._schema))
        self.n += len(rows)

    def __exit__(self, exc_type: Any, exc: Any, tb: Any) -> None:
        if self._pq is not None:
            self._pq.close()
        elif self.kind == "parquet" and exc_type is None:
            pq.write_table(pa.table({c: pa.array([], pa.string()) for c in self.columns}), self._tmp)
        self._stack.__exit__(exc_type, exc, tb)


def _nullable_schema(schema: pa.Schema) -> pa.Schema:
    """Null-typed columns (all values missing in the first chunk) become strings."""
    fields = [pa.field(f.name, pa.string() if pa.types.is_null(f.type) else f.type) for f in schema]
    return pa.schema(fields)


def write_table(
    directory: str | os.PathLike[str],
    name: str,
    records: Iterable[Record | Mapping[str, Any]],
    *,
    columns: Sequence[str],
    schema: pa.Schema | None = None,
) -> int:
    """Write all ``records`` as one table (Parquet + CSV); return the row count."""
    with TableWriter(directory, name, columns=columns, schema=schema) as writer:
        writer.write(records)
    return writer.n_rows


def text_sha256(text: str) -> str:
    """Hex SHA-256 of a string's UTF-8 bytes."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()
