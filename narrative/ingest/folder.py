"""A folder of .txt / .md notes, one note per file.

Client, session and date come from a small front-matter block at the top of
the file, either YAML between ``---`` lines or plain ``Key: value`` lines
ending at the first blank line, or from the file's path inside the folder via
``IngestOptions.filename_pattern`` (front matter wins where both give a field).
Front-matter values are read as plain strings (no YAML type guessing, so
"007" stays "007").
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from .columns import AliasTable
from .decode import decode_whole, first_bad_byte, has_undecodable
from .options import IngestOptions
from .validate import Problem, RawRow, make_problem

logger = logging.getLogger(__name__)

NOTE_SUFFIXES = frozenset({".txt", ".md", ".markdown"})
FRONT_MATTER_MAX_LINES = 60
FRONT_MATTER_MAX_CHARS = 8192
HEADER_FIELDS = frozenset({"client_id", "note_id", "session", "date", "clinician", "section"})
STRATA_FIELDS = frozenset({"program", "modality", "language"})
_KEY_LINE = re.compile(r"^\s*([A-Za-z][A-Za-z0-9 _#./()-]{0,40}?)\s*:\s*(.*?)\s*$")


def note_files(folder: Path) -> list[Path]:
    """Note files under ``folder`` (recursively, sorted), skipping hidden files and folders."""
    files = []
    for path in folder.rglob("*"):
        rel = path.relative_to(folder)
        if any(part.startswith(".") for part in rel.parts):
            continue
        if path.suffix.lower() in NOTE_SUFFIXES and path.is_file():
            files.append(path)
    return sorted(files)


def read_note_file(
    path: Path,
    *,
    folder: Path,
    options: IngestOptions,
    table: AliasTable,
    pattern: re.Pattern[str] | None,
) -> Iterator[RawRow | Problem]:
    """One note file -> one RawRow (or a Problem)."""
    source = str(path)
    try:
        size = path.stat().st_size
        if size > 4 * options.max_note_chars:
            yield make_problem(
                source, 1, "file_too_large", value=size, kind="note", limit=4 * options.max_note_chars
            )
            return
        data = path.read_bytes()
    except OSError as exc:
        yield make_problem(source, 1, "unreadable_file", kind="note", detail=type(exc).__name__)
        return
    text, decoder = decode_whole(data, forced=options.encoding, fallback=options.fallback_encoding)
    if has_undecodable(text, stream=bool(decoder.stream_encoding)):
        yield make_problem(
            source,
            1,
            "undecodable",
            column="note",
            value=text,
            is_text=True,
            kind="note",
            encodings=decoder.describe(),
            byte=first_bad_byte(text),
        )
        return
    header = split_front_matter(text)
    if isinstance(header, str):
        yield make_problem(source, 1, "bad_front_matter", column="front matter", kind="note", detail=header)
        return
    fields, body = header
    values: dict[str, Any] = {}
    columns: dict[str, str] = {}
    strata: dict[str, str] = {}
    if pattern is not None:
        rel = path.relative_to(folder).as_posix() if path != folder else path.name
        m = pattern.search(rel)
        if m is not None:
            for group, value in m.groupdict().items():
                if group in HEADER_FIELDS and value is not None:
                    values[group] = value
                    columns[group] = "file name"
    column_map = {str(v): k for k, v in options.resolved_column_map().items()}
    for key, value in fields.items():
        field = column_map.get(key) or _header_field(key, table)
        if field in HEADER_FIELDS:
            values[field] = value
            columns[field] = f"front matter {key}"
        elif field in options.strata_columns or key in options.strata_columns:
            strata[field if field in options.strata_columns else key] = str(value).strip()
    values["note"] = body
    columns["note"] = "note"
    yield RawRow(source, 1, "note", values, columns, strata)


def _header_field(key: str, table: AliasTable) -> str | None:
    hit = table.canonical(key)
    return hit[0] if hit else None


def split_front_matter(text: str) -> tuple[dict[str, str], str] | str:
    """(fields, body) of a note file, or a short reason why its front matter is unusable.

    Values are plain strings; nested or non-text values are refused.
    """
    stripped = text.lstrip("\ufeff")
    lines = stripped.splitlines(keepends=True)
    if lines and lines[0].strip() == "---":
        return _yaml_block(lines)
    return _key_lines(lines)


def _yaml_block(lines: list[str]) -> tuple[dict[str, str], str] | str:
    end = None
    for i, line in enumerate(lines[1 : FRONT_MATTER_MAX_LINES + 2], start=1):
        if line.strip() in ("---", "..."):
            end = i
            break
    if end is None:
        return f"no closing '---' line within {FRONT_MATTER_MAX_LINES} lines"
    block = "".join(lines[1:end])
    if len(block) > FRONT_MATTER_MAX_CHARS:
        return f"longer than {FRONT_MATTER_MAX_CHARS} characters"
    try:
        data = yaml.load(block, Loader=yaml.BaseLoader) if block.strip() else {}  # noqa: S506 - BaseLoader builds plain str/list/dict only
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 2}" if mark is not None else ""
        return f"not valid YAML{where}"
    if not isinstance(data, dict):
        return f"a YAML {type(data).__name__} instead of key: value pairs"
    fields: dict[str, str] = {}
    for key, value in data.items():
        if not isinstance(key, str) or not isinstance(value, str):
            return "a key holds a list or mapping instead of a plain value"
        fields[key.strip()] = value
    return fields, "".join(lines[end + 1 :])


def _key_lines(lines: list[str]) -> tuple[dict[str, str], str]:
    """Leading 'Key: value' lines whose keys are known header fields; else no header."""
    from .columns import alias_table

    table = alias_table()
    fields: dict[str, str] = {}
    consumed = 0
    for line in lines[:FRONT_MATTER_MAX_LINES]:
        if not line.strip():
            if fields:
                consumed += 1
            break
        m = _KEY_LINE.match(line)
        if m is None or _header_field(m.group(1), table) not in HEADER_FIELDS | STRATA_FIELDS:
            break
        fields[m.group(1)] = m.group(2)
        consumed += 1
    if not fields:
        return {}, "".join(lines)
    return fields, "".join(lines[consumed:])
