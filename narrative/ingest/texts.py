"""Generic text corpora for ``narrative extract`` and ``narrative score``: any CSV or JSONL
with an id column and a text column (and optionally a context column).

Rows stream one at a time; a row without an id or text is returned as a
:class:`~narrative.types.Reject` instead of a text row.
"""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ..errors import InputError, describe_value
from ..types import Reject


@dataclass(frozen=True, slots=True)
class TextRow:
    """One input row: its id, text and optional context (e.g. the previous turn)."""

    id: str
    text: str
    context: str | None = None
    row: int = 0


def _open_text(path: Path) -> Iterator[str]:
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            with open(path, encoding=encoding, newline="") as fh:
                # Validate the whole file's encoding cheaply before streaming it.
                for _ in iter(lambda: fh.read(1 << 20), ""):
                    pass
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - cp1252 decodes almost anything
        raise InputError(f"{path}: cannot decode the file as UTF-8 or cp1252.")
    with open(path, encoding=encoding, newline="") as fh:
        yield from fh


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
        return Reject(str(p), n, id_column, describe_value(rid), "missing id", "text")
    if not isinstance(text, str) or not text.strip():
        return Reject(str(p), n, text_column, describe_value(text, is_text=True), "empty text", "text")
    context = record.get(context_column) if context_column else None
    return TextRow(id=str(rid), text=text, context=str(context) if context not in (None, "") else None, row=n)


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
            raise InputError(f"{p}: no column {name!r} ({option}); the file has columns {columns}.")
    for n, record in enumerate(reader, start=2):
        yield _row(p, n, record, id_column, text_column, context_column)


def _read_jsonl(
    p: Path, id_column: str, text_column: str, context_column: str | None
) -> Iterator[TextRow | Reject]:
    for n, line in enumerate(_open_text(p), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except (json.JSONDecodeError, RecursionError):
            yield Reject(str(p), n, "", "<line>", "not valid JSON", "text")
            continue
        if not isinstance(record, dict):
            yield Reject(
                str(p), n, "", describe_value(type(record).__name__), "expected a JSON object", "text"
            )
            continue
        yield _row(p, n, record, id_column, text_column, context_column)
