"""CSV / TSV readers (Excel and EHR exports) and the JSON Lines reader.

Both stream: one line is decoded and parsed at a time, so a file of any size
is read in constant memory (plus the longest row). Row numbers in rejects are
spreadsheet rows for tables (header = row 1; a multi-line note counts as one
row) and line numbers for JSON Lines.
"""

from __future__ import annotations

import csv
import dataclasses
import itertools
import json
import logging
import re
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

from .. import errors
from ..errors import InputError
from .columns import AliasTable, ColumnPlan, plan_columns
from .decode import (
    LineDecoder,
    choose_decoder,
    first_bad_byte,
    has_undecodable,
    is_cr_only,
    iter_lines,
    read_sample,
)
from .options import IngestOptions
from .validate import Problem, RawRow, Used, make_problem

logger = logging.getLogger(__name__)

DELIMITERS = (",", ";", "\t", "|")
MAX_JSON_DEPTH = 64


def ensure_field_limit(max_chars: int) -> None:
    """Raise the csv module's field size limit (process-wide; never lowered)."""
    wanted = max(2 * max_chars, 1 << 20)
    if csv.field_size_limit() < wanted:
        csv.field_size_limit(wanted)


# ---------------------------------------------------------------- CSV


@dataclasses.dataclass(frozen=True)
class TablePlan:
    """What was learnt from a table's first lines."""

    path: Path
    source: str
    decoder: LineDecoder
    delimiter: str
    skip_lines: int  # an Excel "sep=;" line before the header
    cr_only: bool
    columns: ColumnPlan


def plan_table(path: Path, *, source: str, options: IngestOptions, table: AliasTable) -> TablePlan:
    """Read a table's header: encoding, delimiter, column mapping and content kind.

    Raises:
        InputError: no header, no client-id column, or columns that fit no content.
    """
    try:
        with open(path, "rb") as fh:
            sample = read_sample(fh)
            decoder = choose_decoder(sample, forced=options.encoding, fallback=options.fallback_encoding)
            cr_only = is_cr_only(sample)
            lines = iter_lines(fh, decoder, cr_only=cr_only)
            first = next(lines, "")
            skip = 0
            delimiter = None
            stripped = first.strip()
            if stripped.lower().startswith("sep=") and len(stripped) == 5:
                delimiter, skip = stripped[4], 1
                first = next(lines, "")
            if has_undecodable(first, stream=bool(decoder.stream_encoding)) or not first.strip():
                raise InputError(errors.ingest_no_header(source))
            if delimiter is None:
                delimiter = "\t" if path.suffix.lower() == ".tsv" else _sniff_delimiter(first)
            header_lines = [first]
            # A quoted header cell may span lines: keep reading until the row closes.
            while first.count('"') % 2 and len(header_lines) < 20:
                more = next(lines, None)
                if more is None:
                    break
                header_lines.append(more)
                first += more
            lines.close()
    except OSError as exc:
        raise InputError(errors.ingest_unreadable(source, type(exc).__name__)) from None
    try:
        header = next(csv.reader(header_lines, delimiter=delimiter))
    except (csv.Error, StopIteration):
        raise InputError(errors.ingest_no_header(source)) from None
    columns = plan_columns(
        header,
        source=source,
        column_map=options.resolved_column_map(),
        strata_columns=options.strata_columns,
        table=table,
    )
    return TablePlan(path, source, decoder, delimiter, skip, cr_only, columns)


def _sniff_delimiter(line: str) -> str:
    counts = {d: _count_outside_quotes(line, d) for d in DELIMITERS}
    best = max(DELIMITERS, key=lambda d: counts[d])
    return best if counts[best] else ","


def _count_outside_quotes(line: str, char: str) -> int:
    n, quoted = 0, False
    for c in line:
        if c == '"':
            quoted = not quoted
        elif c == char and not quoted:
            n += 1
    return n


class _LineTap:
    """The lines a csv.reader takes, kept for the row being read, and whether it reached the end."""

    def __init__(self, lines: Iterator[str]) -> None:
        self.source = lines
        self.taken: list[str] = []
        self.at_end = False

    def __iter__(self) -> _LineTap:
        return self

    def __next__(self) -> str:
        try:
            line = next(self.source)
        except StopIteration:
            self.at_end = True
            raise
        self.taken.append(line)
        return line


def open_quote_at(text: str, *, delimiter: str, quote: str = '"') -> tuple[int, int] | None:
    """Where a quoted cell opens that is still open at the end of ``text``, else None.

    ``text`` is the raw text of one or more CSV records. Follows the csv module's
    (non-strict) rules: a quote opens a quoted cell only at the start of a cell, a
    doubled quote inside it is a literal quote, and other quotes are literal.
    Returns (offset of the opening quote, index of its cell in its record).
    """
    ends = re.compile(f"[{re.escape(delimiter)}\r\n]")
    pos, cell, n = 0, 0, len(text)
    while pos < n:
        if text[pos] == quote:
            start, pos = pos, pos + 1
            while True:
                q = text.find(quote, pos)
                if q < 0:
                    return start, cell
                if text.startswith(quote, q + 1):
                    pos = q + 2
                    continue
                pos = q + 1
                break
        m = ends.search(text, pos)
        if m is None:
            return None
        if m.group() == delimiter:
            cell += 1
            pos = m.end()
        else:
            cell = 0
            pos = m.end()
            if m.group() == "\r" and text.startswith("\n", pos):
                pos += 1
    return None


def read_table(plan: TablePlan, *, options: IngestOptions) -> Iterator[RawRow | Problem]:
    """Stream a table's rows as RawRows (and Problems for rows that cannot be read).

    A quoted cell whose closing quote is missing runs, in the csv module, to the
    end of the file (or to the next quote) and would swallow the later rows into
    one note: that row is rejected instead (see :func:`_runaway_quote`), and the
    lines after the one where the quote opened are read again as rows.
    """
    ensure_field_limit(options.max_note_chars)
    with open(plan.path, "rb") as fh:
        lines = iter_lines(fh, plan.decoder, cr_only=plan.cr_only)
        for _ in range(plan.skip_lines):
            next(lines, None)
        yield from _read_rows(plan, lines, first_row=1)


def _read_rows(plan: TablePlan, lines: Iterator[str], *, first_row: int) -> Iterator[RawRow | Problem]:
    cols = plan.columns
    width = len(cols.header)
    stream = bool(plan.decoder.stream_encoding)
    row_kind = "measure" if cols.kind == "measure_wide" else cols.kind
    while True:  # once more after each unclosed quote, from the line after it
        tap = _LineTap(lines)
        reader = csv.reader(tap, delimiter=plan.delimiter)
        row_no = first_row - 1
        rest: list[str] | None = None
        while True:
            row_no += 1
            tap.taken.clear()
            try:
                cells = next(reader)
            except StopIteration:
                break
            except csv.Error as exc:
                if row_no > 1:
                    yield make_problem(
                        plan.source, row_no, "csv_error", kind=row_kind, detail=_csv_detail(exc)
                    )
                continue
            runaway = _runaway_quote(tap, cells, plan) if row_no > 1 else None
            if runaway is not None:
                line_index, cell, code = runaway
                yield make_problem(
                    plan.source,
                    row_no,
                    code,
                    column=cols.header[cell] if cell < width else f"cell {cell + 1}",
                    kind=row_kind,
                    opened=row_no,
                    quote='"',
                    n=width,
                )
                rest = tap.taken[line_index + 1 :]
                break
            if row_no == 1 or not any(c.strip() for c in cells):
                continue
            yield from _checked_rows(
                plan, cells, row_no=row_no, width=width, stream=stream, row_kind=row_kind
            )
        if rest is None:
            break
        lines, first_row = itertools.chain(rest, tap.source), row_no + 1
    if plan.decoder.legacy_lines:
        logger.info(
            "%s: %d line(s) were not UTF-8 and were read as %s",
            plan.source,
            plan.decoder.legacy_lines,
            plan.decoder.encodings[-1],
        )


def _runaway_quote(tap: _LineTap, cells: list[str], plan: TablePlan) -> tuple[int, int, str] | None:
    """A quoted cell of the row just read that swallowed the rows after it, else None.

    Either the file ended inside it ("unclosed_quote"), or one of its later lines looks
    like a row of its own: it starts with this row's client id and has one cell per
    header column ("swallowed_rows"); an ordinary multi-line note has neither. Returns
    (index in ``tap.taken`` of the line where the quote opened, its cell, reason code).
    """
    taken = tap.taken
    if tap.at_end and (opened := _unclosed(taken, plan.delimiter)):
        return (*opened, "unclosed_quote")
    if len(taken) < 2:
        return None
    pos = plan.columns.index.get("client_id")
    client = cells[pos].strip() if pos is not None and pos < len(cells) else ""
    if not client:
        return None
    width = len(plan.columns.header)
    for k in range(1, len(taken)):
        line = taken[k]
        if not line.startswith(client + plan.delimiter):
            continue
        if len(next(csv.reader([line], delimiter=plan.delimiter), [])) != width:
            continue
        if opened := _unclosed(taken[:k], plan.delimiter):
            return (*opened, "swallowed_rows")
    return None


def _unclosed(taken: list[str], delimiter: str) -> tuple[int, int] | None:
    """(index of the line in ``taken`` where a never-closed quoted cell opens, its cell index)."""
    text = "".join(taken)
    found = open_quote_at(text, delimiter=delimiter)
    if found is None:
        return None
    offset, cell = found
    before = 0
    for i, line in enumerate(taken):
        before += len(line)
        if offset < before:
            return i, cell
    return len(taken) - 1, cell


def _checked_rows(
    plan: TablePlan, cells: list[str], *, row_no: int, width: int, stream: bool, row_kind: str
) -> Iterator[RawRow | Problem]:
    """The RawRows of one parsed table row, or a Problem for undecodable bytes or a wrong cell count."""
    cols = plan.columns
    bad = next((i for i, c in enumerate(cells) if has_undecodable(c, stream=stream)), None)
    if bad is not None:
        yield make_problem(
            plan.source,
            row_no,
            "undecodable",
            column=cols.header[bad] if bad < width else f"cell {bad + 1}",
            value=cells[bad],
            is_text=True,
            kind=row_kind,
            encodings=plan.decoder.describe(),
            byte=first_bad_byte(cells[bad]),
        )
        return
    if len(cells) < width or any(c.strip() for c in cells[width:]):
        yield make_problem(
            plan.source,
            row_no,
            "ragged_row",
            shown=f"<{len(cells)} cells>",
            kind=row_kind,
            n=len(cells),
            expected=width,
        )
        return
    yield from rows_from_cells(cells, cols, source=plan.source, row=row_no)


def _csv_detail(exc: csv.Error) -> str:
    text = str(exc)
    return text if len(text) < 80 else text[:80] + "…"


def rows_from_cells(cells: Sequence[Any], cols: ColumnPlan, *, source: str, row: int) -> Iterator[RawRow]:
    """The RawRows one table row holds: its record, plus one measure per filled score column."""
    values = {field: cells[pos] for field, pos in cols.index.items()}
    strata = {name: str(cells[pos]).strip() for name, pos in cols.strata.items()}
    if cols.kind != "measure_wide":
        yield RawRow(source, row, cols.kind, values, dict(cols.names), strata)
    for pos, name, instrument, item in cols.wide:
        cell = cells[pos]
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            continue
        shared = {f: values.get(f) for f in ("client_id", "session", "date")}
        names = {f: cols.names[f] for f in ("client_id", "session", "date") if f in cols.names}
        yield RawRow(
            source,
            row,
            "measure",
            {**shared, "instrument": instrument, "item": item, "value": cell},
            {**names, "instrument": name, "item": name, "value": name},
        )


# ---------------------------------------------------------------- JSON Lines


def read_jsonl(
    path: Path,
    *,
    source: str,
    options: IngestOptions,
    table: AliasTable,
    fhir_rows: Any,
) -> Iterator[RawRow | Problem | Used]:
    """Stream a JSON Lines file: one record object (or one FHIR resource) per line.

    ``fhir_rows(resource, source=, row=)`` turns a FHIR resource into RawRows. Any
    object with a ``resourceType`` key is read as a FHIR resource (an unsupported type
    is rejected, never skipped).
    """
    column_map = options.resolved_column_map()
    plans: dict[tuple[str, ...], ColumnPlan] = {}
    with open(path, "rb") as fh:
        sample = read_sample(fh)
        decoder = choose_decoder(sample, forced=options.encoding, fallback=options.fallback_encoding)
        stream = bool(decoder.stream_encoding)
        for line_no, line in enumerate(iter_lines(fh, decoder, cr_only=is_cr_only(sample)), start=1):
            if not line.strip():
                continue
            if has_undecodable(line, stream=stream):
                yield make_problem(
                    source,
                    line_no,
                    "undecodable",
                    value=line,
                    is_text=True,
                    encodings=decoder.describe(),
                    byte=first_bad_byte(line),
                )
                continue
            obj = _load_json_line(line, source=source, row=line_no)
            if isinstance(obj, Problem):
                yield obj
            elif "resourceType" in obj:
                yield from fhir_rows(obj, source=source, row=line_no)
            else:
                yield from _rows_from_object(
                    obj,
                    plans,
                    source=source,
                    row=line_no,
                    column_map=column_map,
                    options=options,
                    table=table,
                )


def _load_json_line(line: str, *, source: str, row: int) -> dict[str, Any] | Problem:
    text = line.rstrip("\r\n")
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        # The decoder's position in the line without its line break (the row is the line).
        at_end = ", the end of the line" if exc.pos >= len(text) else ""
        return make_problem(source, row, "bad_json", detail=f"{exc.msg} at column {exc.colno}{at_end}")
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        return make_problem(source, row, "bad_json", detail=str(exc)[:60])
    except RecursionError:
        return make_problem(source, row, "too_deep", limit=MAX_JSON_DEPTH)
    if not isinstance(obj, dict):
        return make_problem(source, row, "not_object", value=type(obj).__name__)
    if json_depth(obj) > MAX_JSON_DEPTH:
        return make_problem(source, row, "too_deep", limit=MAX_JSON_DEPTH)
    return obj


def json_depth(obj: Any, *, limit: int = MAX_JSON_DEPTH) -> int:
    """Nesting depth of parsed JSON, stopping early past ``limit`` (iterative, no recursion)."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(obj, 1)]
    while stack:
        node, depth = stack.pop()
        if depth > deepest:
            deepest = depth
            if deepest > limit:
                return deepest
        if isinstance(node, dict):
            stack.extend((v, depth + 1) for v in node.values() if isinstance(v, (dict, list)))
        elif isinstance(node, list):
            stack.extend((v, depth + 1) for v in node if isinstance(v, (dict, list)))
    return deepest


def _rows_from_object(
    obj: Mapping[str, Any],
    plans: dict[tuple[str, ...], ColumnPlan],
    *,
    source: str,
    row: int,
    column_map: Mapping[str, str],
    options: IngestOptions,
    table: AliasTable,
) -> Iterator[RawRow | Problem]:
    keys = tuple(str(k) for k in obj)
    cols = plans.get(keys)
    if cols is None:
        cols = plan_columns(
            keys,
            source=source,
            column_map=column_map,
            strata_columns=options.strata_columns,
            table=table,
            strict=False,
        )
        if len(plans) < 1000:
            plans[keys] = cols
    if not cols.kind:
        code = "missing_client_id" if "client_id" not in cols.index else "unknown_record"
        yield make_problem(
            source, row, code, column="client_id" if code == "missing_client_id" else "", value=list(keys)
        )
        return
    cells = [obj[k] for k in obj]
    cols_text = dataclasses.replace(cols, strata={})
    strata_cells = {name: cells[pos] for name, pos in cols.strata.items()}
    for raw in rows_from_cells(cells, cols_text, source=source, row=row):
        raw.strata = {k: str(v).strip() for k, v in strata_cells.items() if isinstance(v, (str, int, float))}
        yield raw
