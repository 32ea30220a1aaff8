"""Generic text corpora for ``narrative extract`` and ``narrative score``: any CSV or JSONL
with an id column and a text column (and optionally a context column).

Rows stream one at a time; a row without an id or text is returned as a
:class:`~narrative.types.Reject` instead of a text row.
"""

from __future__ import annotations

import csv
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, describe_columns, describe_value
from ..types import Reject
from .decode import choose_decoder, is_cr_only, iter_lines, read_sample


@dataclass(frozen=True, slots=True)
class TextRow:
    """One input row: its id, text and optional context (e.g. the previous turn)."""

    id: str
    text: str
    context: str | None = None
    row: int = 0


def _open_text(path: Path) -> Iterator[str]:
    """Decoded lines of ``path``: UTF-8 per line, a legacy code page for lines that are not
    (see :mod:`.decode`); bytes that fit neither stay as lone surrogates so only their row is
    rejected."""
    with open(path, "rb") as fh:
        sample = read_sample(fh)
        decoder = choose_decoder(sample, forced=None, fallback="cp1252")
        yield from iter_lines(fh, decoder, cr_only=is_cr_only(sample))


_JSON_TYPES = {
    "int": "number",
    "float": "number",
    "bool": "boolean",
    "list": "array",
    "dict": "object",
    "str": "string",
}


def _json_type(value: object) -> str:
    return _JSON_TYPES.get(type(value).__name__, type(value).__name__)


_SURROGATES = re.compile("[\ud800-\udfff]")


def _bad_unicode(value: str) -> str | None:
    """Why ``value`` cannot be processed as text, or None."""
    m = _SURROGATES.search(value)
    if m is None:
        return None
    code = ord(m.group(0))
    if 0xDC80 <= code <= 0xDCFF:
        return f"undecodable byte 0x{code - 0xDC00:02x}; expected UTF-8 or cp1252 text"
    return f"unpaired UTF-16 surrogate U+{code:04X}; expected valid Unicode text"


def read_text_rows(
    path: str | Path,
    *,
    id_column: str = "id",
    text_column: str = "text",
    context_column: str | None = None,
) -> Iterator[TextRow | Reject]:
    """Stream (id, text[, context]) rows from a CSV or JSONL file.

    Raises:
        InputError: the file is missing, not CSV/JSONL, or lacks a named column.
    """
    p = Path(path)
    if not p.is_file():
        raise InputError(f"{p}: file not found.")
    suffix = p.suffix.lower()
    if suffix in (".jsonl", ".ndjson"):
        yield from _read_jsonl(p, id_column, text_column, context_column)
    elif suffix in (".csv", ".tsv", ".txt"):
        yield from _read_csv(
            p, id_column, text_column, context_column, delimiter="\t" if suffix == ".tsv" else ","
        )
    else:
        raise InputError(f"{p}: unsupported file type {suffix!r}; expected .csv, .tsv or .jsonl.")


def _row(
    p: Path, n: int, record: dict, id_column: str, text_column: str, context_column: str | None
) -> TextRow | Reject:
    rid = record.get(id_column)
    text = record.get(text_column)
    if rid is None or str(rid).strip() == "":
        return Reject(
            str(p), n, id_column, describe_value(rid), "missing id; expected a non-empty id", "text"
        )
    if isinstance(rid, bool) or not isinstance(rid, (str, int)):
        return Reject(
            str(p),
            n,
            id_column,
            describe_value(rid),
            f"id is a JSON {_json_type(rid)}; expected a string or a whole number",
            "text",
        )
    if text is not None and not isinstance(text, str):
        return Reject(
            str(p),
            n,
            text_column,
            f"<{_json_type(text)}>",
            f"text is a JSON {_json_type(text)}; expected a string",
            "text",
        )
    if not text or not text.strip():
        return Reject(
            str(p),
            n,
            text_column,
            describe_value(text, is_text=True),
            "empty text; expected some text",
            "text",
        )
    context = record.get(context_column) if context_column else None
    if context is not None and not isinstance(context, str):
        return Reject(
            str(p),
            n,
            context_column or "",
            f"<{_json_type(context)}>",
            f"context is a JSON {_json_type(context)}; expected a string",
            "text",
        )
    for column, value, is_text in (
        (id_column, str(rid), False),
        (text_column, text, True),
        (context_column or "", context or "", True),
    ):
        problem = _bad_unicode(value)
        if problem:
            shown = describe_value(value, is_text=True) if is_text else "<id>"
            return Reject(str(p), n, column, shown, problem, "text")
    return TextRow(id=str(rid), text=text, context=context if context else None, row=n)


def _read_csv(
    p: Path, id_column: str, text_column: str, context_column: str | None, *, delimiter: str
) -> Iterator[TextRow | Reject]:
    csv.field_size_limit(min(sys.maxsize, 2**31 - 1))
    reader = csv.DictReader(_open_text(p), delimiter=delimiter)
    columns = reader.fieldnames or []
    for name, option in (
        (id_column, "--id-column"),
        (text_column, "--text-column"),
        (context_column, "--context-column"),
    ):
        if name and name not in columns:
            raise InputError(
                f"{p}: no column {name!r} ({option}); the file has columns {describe_columns(columns)}."
            )
    width = len(columns)
    for n, record in enumerate(reader, start=2):
        extra = record.get(None)  # type: ignore[call-overload]
        missing = sum(1 for k, v in record.items() if k is not None and v is None)
        if extra or missing:
            cells = width + len(extra or []) - missing
            hint = f" (an unquoted {delimiter!r} inside the text?)" if extra else ""
            yield Reject(
                str(p),
                n,
                "",
                f"<{cells} cells>",
                f"row has {cells} cells; expected {width}, one per column{hint}",
                "text",
            )
            continue
        yield _row(p, n, record, id_column, text_column, context_column)


def _read_jsonl(
    p: Path, id_column: str, text_column: str, context_column: str | None
) -> Iterator[TextRow | Reject]:
    for n, line in enumerate(_open_text(p), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line.rstrip("\r\n"))
        except json.JSONDecodeError as exc:
            yield Reject(
                str(p),
                n,
                "",
                "<line>",
                f"not valid JSON (column {exc.colno}: {exc.msg}); expected one JSON object per line",
                "text",
            )
            continue
        except RecursionError:
            yield Reject(
                str(p), n, "", "<line>", "JSON nested too deeply; expected one JSON object per line", "text"
            )
            continue
        if not isinstance(record, dict):
            yield Reject(
                str(p),
                n,
                "",
                f"<{_json_type(record)}>",
                f"a JSON {_json_type(record)}; expected a JSON object with {id_column!r} and {text_column!r}",
                "text",
            )
            continue
        yield _row(p, n, record, id_column, text_column, context_column)
