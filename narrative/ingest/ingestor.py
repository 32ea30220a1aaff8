"""The ingest stage's entry point: input paths -> typed records and Rejects, with counts."""

from __future__ import annotations

import dataclasses
import hashlib
import logging
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import narrative

from .. import errors
from ..errors import InputError
from ..types import Consent, ContextEvent, Goal, Measure, Note, Reject
from .columns import AliasTable, alias_table
from .fhir import FhirReader
from .folder import NOTE_SUFFIXES, note_files, read_note_file
from .options import IngestOptions, InputCount, compile_filename_pattern
from .tables import plan_table, read_jsonl, read_table
from .validate import Problem, RawRow, RowValidator, Used, make_problem, text_key

logger = logging.getLogger(__name__)

TABLE_SUFFIXES = frozenset({".csv", ".tsv", ".tab"})
JSONL_SUFFIXES = frozenset({".jsonl", ".ndjson"})
JSON_SUFFIXES = frozenset({".json"})
# Consent first, so a caller that streams can drop opted-out clients before their notes arrive.
DEMO_FILES = ("consent.csv", "notes.csv", "measures.csv", "goals.csv", "events.csv")

IngestRecord = Note | Measure | Goal | ContextEvent | Consent | Reject
_KIND_OF = {Note: "note", Measure: "measure", Goal: "goal", ContextEvent: "event", Consent: "consent"}


@dataclasses.dataclass
class _Input:
    """One input path and how to read it (decided before anything is yielded)."""

    source: str
    format: str
    read: Callable[[], Iterator[RawRow | Problem | Used]]


class Ingestor:
    """Read note exports, measures, goals, events and consent into typed records.

    Every row gives a record or a :class:`~narrative.types.Reject`; nothing is
    dropped silently. Files are streamed (FHIR Bundles, being one JSON document,
    are loaded whole up to ``max_json_bytes``).

    Example:
        >>> ing = Ingestor(IngestOptions(column_map={"client_id": "Pt"}))   # doctest: +SKIP
        >>> for rec in ing.iter_records([Path("notes.csv")]): ...          # doctest: +SKIP
        >>> ing.counts["notes.csv"].rejected                                # doctest: +SKIP

    Attributes:
        counts: per input path (as given), complete once the iterator is exhausted.
    """

    def __init__(self, options: IngestOptions | None = None) -> None:
        self.options = options or IngestOptions()
        self.counts: dict[str, InputCount] = {}
        self._table: AliasTable = alias_table()

    def iter_records(self, paths: Sequence[Path | str]) -> Iterator[IngestRecord]:
        """Stream records and Rejects from ``paths`` (files or folders of notes), in order.

        Every path is checked first (exists, supported format, header has a client-id
        column and recognisable content), so a bad path fails before any record is
        yielded. Duplicate notes (same client, session/date, section and text) across
        all paths are rejected.

        Raises:
            InputError: a path cannot be used at all (the message names it and what was
                expected).
        """
        if isinstance(paths, (str, Path)):
            paths = [paths]
        self._check_column_map()
        inputs = [self._plan(Path(p)) for p in paths]
        self.counts = {item.source: InputCount(source=item.source, format=item.format) for item in inputs}
        return self._iterate(inputs)

    # -- planning

    def _check_column_map(self) -> None:
        """Fail early on a mapping (or mapping file) that names an unknown field."""
        allowed = sorted(set(self._table.fields) | set(self.options.strata_columns))
        where_ = str(self.options.column_map_file or "column_map")
        for field in self.options.resolved_column_map():
            if field not in allowed:
                raise InputError(errors.ingest_mapping_unknown_field(where_, field, allowed))

    def _plan(self, path: Path) -> _Input:
        source = str(path)
        options = self.options
        if not path.exists():
            raise InputError(errors.ingest_file_not_found(source))
        if path.is_dir():
            pattern = compile_filename_pattern(options.filename_pattern) if options.filename_pattern else None
            files = note_files(path)
            if not files:
                raise InputError(errors.ingest_unsupported_format(source, "folder without .txt/.md notes"))

            def read_folder() -> Iterator[RawRow | Problem | Used]:
                for file in files:
                    yield from read_note_file(
                        file, folder=path, options=options, table=self._table, pattern=pattern
                    )

            return _Input(source, "folder", read_folder)
        suffix = path.suffix.lower()
        if suffix in TABLE_SUFFIXES or (suffix == ".txt" and _looks_like_table(path, options, self._table)):
            plan = plan_table(path, source=source, options=options, table=self._table)
            return _Input(source, "csv", lambda: read_table(plan, options=options))
        if suffix in NOTE_SUFFIXES:
            pattern = compile_filename_pattern(options.filename_pattern) if options.filename_pattern else None
            return _Input(
                source,
                "note",
                lambda: read_note_file(
                    path, folder=path.parent, options=options, table=self._table, pattern=pattern
                ),
            )
        if suffix in JSONL_SUFFIXES:
            fhir = FhirReader(options, self._table)
            return _Input(
                source,
                "jsonl",
                lambda: read_jsonl(
                    path, source=source, options=options, table=self._table, fhir_rows=fhir.resource_rows
                ),
            )
        if suffix in JSON_SUFFIXES:
            size = path.stat().st_size
            if size > options.max_json_bytes:
                raise InputError(
                    errors.ingest_file_too_large(source, size, options.max_json_bytes, "ingest.max_json_mb")
                )
            fhir = FhirReader(options, self._table)
            return _Input(source, "fhir", lambda: fhir.read_file(path, source=source))
        raise InputError(errors.ingest_unsupported_format(source, suffix))

    # -- reading

    def _iterate(self, inputs: list[_Input]) -> Iterator[IngestRecord]:
        validator = RowValidator(self.options, table=self._table)
        seen = _Seen()
        for item in inputs:
            count = self.counts[item.source]
            for raw in item.read():
                count.read += 1
                if isinstance(raw, Used):
                    count.accepted += 1
                    count.kinds[raw.kind] = count.kinds.get(raw.kind, 0) + 1
                    continue
                out = validator(raw) if isinstance(raw, RawRow) else raw
                if isinstance(out, (Note, Measure, Goal)):
                    out = seen.check(out)
                if isinstance(out, Problem):
                    count.rejected += 1
                    count.reasons[out.code] = count.reasons.get(out.code, 0) + 1
                    yield out.reject
                    continue
                count.accepted += 1
                kind = _KIND_OF[type(out)]
                count.kinds[kind] = count.kinds.get(kind, 0) + 1
                yield out
            logger.info(
                "%s: %d read, %d accepted, %d rejected %s",
                item.source,
                count.read,
                count.accepted,
                count.rejected,
                count.reasons or "",
            )


class _Seen:
    """Keys of the notes, measures and goals seen so far (16-byte digests), with where each was first seen."""

    def __init__(self) -> None:
        self._first: dict[bytes, tuple[str, int]] = {}

    def check(self, rec: Note | Measure | Goal) -> Note | Measure | Goal | Problem:
        """The record the first time its key is seen; else a duplicate Problem naming the first.

        Goals are keyed by client and goal id alone: two rows defining the same goal would
        make its levels ambiguous.
        """
        if isinstance(rec, Note):
            parts = ("n", rec.client_id, rec.session, rec.date, rec.section, text_key(rec.text))
        elif isinstance(rec, Goal):
            parts = ("g", rec.client_id, rec.goal_id)
        else:
            parts = ("m", rec.client_id, rec.instrument, rec.item, rec.session, rec.date, rec.value)
        key = hashlib.blake2b(repr(parts).encode("utf-8", "surrogatepass"), digest_size=16).digest()
        first = self._first.get(key)
        if first is None:
            self._first[key] = (rec.source, rec.row)
            return rec
        where_ = errors.where(first[0], first[1])
        if isinstance(rec, Goal):
            return make_problem(
                rec.source,
                rec.row,
                "duplicate_goal",
                column="goal_id",
                value=rec.goal_id,
                kind="goal",
                other=where_,
            )
        if isinstance(rec, Note):
            return make_problem(
                rec.source,
                rec.row,
                "duplicate_note",
                column="note",
                value=rec.text,
                is_text=True,
                kind="note",
                other=where_,
            )
        return make_problem(
            rec.source,
            rec.row,
            "duplicate_measure",
            column="value",
            value=rec.value,
            kind="measure",
            other=where_,
        )


def _looks_like_table(path: Path, options: IngestOptions, table: AliasTable) -> bool:
    """A .txt file that is really a tab/comma-separated export (e.g. Excel 'Unicode Text')."""
    try:
        plan_table(path, source=str(path), options=options, table=table)
    except InputError:
        return False
    return True


def demo_inputs() -> list[Path]:
    """The bundled demo caseload CSVs (corpora/demo/ in a source checkout).

    Raises:
        InputError: the demo folder or its notes.csv is missing (e.g. an installed wheel).
    """
    folder = Path(narrative.__file__).resolve().parents[1] / "corpora" / "demo"
    if not (folder / "notes.csv").is_file():
        raise InputError(errors.ingest_demo_missing(folder))
    known = [folder / name for name in DEMO_FILES if (folder / name).is_file()]
    others = sorted(
        p for p in folder.glob("*.csv") if p.name not in DEMO_FILES and not p.name.startswith(".")
    )
    return known + others
