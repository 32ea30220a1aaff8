"""Pure functions behind ``narrative extract`` and ``narrative score`` (any text corpus).

Both stream their input in batches, write one output file atomically (CSV,
JSONL or Parquet by the output's extension) and put rows without an id or text
into ``<out>.rejects.csv``.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import Any

from .ingest.texts import TextRow, read_text_rows
from .io import RowWriter
from .types import Reject

EXTRACT_COLUMNS = ("id", "type", "text", "start", "end", "voice", "polarity", "evidence")
SCORE_COLUMNS = (
    "id",
    "agency",
    "self_regard",
    "narrative_score",
    "talk_type",
    "p_change",
    "p_neutral",
    "p_sustain",
    "evidence",
)
REJECT_COLUMNS = ("source", "row", "column", "value", "reason")

Progress = Callable[[str, int, int | None], None] | None


@dataclasses.dataclass
class FileResult:
    """Counts of one ``extract`` / ``score`` call."""

    out: Path
    read: int = 0
    accepted: int = 0
    rejected: int = 0
    rows_written: int = 0
    rejects_path: Path | None = None

    def to_text(self) -> str:
        lines = [
            f"Read {self.read} = accepted {self.accepted} + rejected {self.rejected}",
            f"Wrote {self.rows_written} rows -> {self.out}",
        ]
        if self.rejects_path:
            lines.append(f"Rejected rows -> {self.rejects_path}")
        return "\n".join(lines)


def _batches(
    rows: Iterator[TextRow | Reject], size: int, result: FileResult, rejects: list[Reject]
) -> Iterator[list[TextRow]]:
    batch: list[TextRow] = []
    for r in rows:
        result.read += 1
        if isinstance(r, Reject):
            result.rejected += 1
            rejects.append(r)
            continue
        result.accepted += 1
        batch.append(r)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _write_rejects(out: Path, rejects: list[Reject], result: FileResult) -> None:
    if not rejects:
        return
    path = out.with_name(out.name + ".rejects.csv")
    with RowWriter(path, REJECT_COLUMNS) as w:
        w.write(r.to_dict() for r in rejects)
    result.rejects_path = path


def extract_file(
    texts: Path,
    out: Path,
    *,
    id_column: str = "id",
    text_column: str = "text",
    speaker: str = "author",
    config: Mapping[str, Any],
    progress: Progress = None,
    batch_size: int = 256,
) -> FileResult:
    """Extract statements from every row of ``texts`` into ``out``.

    ``speaker="author"``: each text is the speaker's own words (first person is the
    subject); ``"note"``: texts are clinical notes (see :func:`narrative.extract.extract_texts`).
    """
    from .engine import set_offline_env
    from .extract import extract_texts, load_pipeline

    set_offline_env()
    result = FileResult(out=Path(out))
    rejects: list[Reject] = []
    rows = read_text_rows(texts, id_column=id_column, text_column=text_column)
    nlp = None
    with RowWriter(Path(out), EXTRACT_COLUMNS) as writer:
        for batch in _batches(rows, batch_size, result, rejects):
            nlp = nlp or load_pipeline(config)
            for st in extract_texts(nlp, ((r.id, r.text) for r in batch), speaker=speaker):
                writer.write(
                    [
                        {
                            "id": st.note_id,
                            "type": st.type,
                            "text": st.text,
                            "start": st.start,
                            "end": st.end,
                            "voice": st.voice,
                            "polarity": st.polarity,
                            "evidence": json.dumps(list(st.evidence)),
                        }
                    ]
                )
            if progress:
                progress("texts", result.read, None)
    result.rows_written = writer.n
    _write_rejects(Path(out), rejects, result)
    return result


def score_file(
    texts: Path,
    out: Path,
    *,
    id_column: str = "id",
    text_column: str = "text",
    context_column: str | None = None,
    config: Mapping[str, Any],
    progress: Progress = None,
    batch_size: int = 512,
) -> FileResult:
    """Score every row of ``texts`` into ``out`` (one output row per accepted input row, same id)."""
    from .engine import set_offline_env
    from .score import StatementScorer

    set_offline_env()
    result = FileResult(out=Path(out))
    rejects: list[Reject] = []
    rows = read_text_rows(texts, id_column=id_column, text_column=text_column, context_column=context_column)
    scorer = None
    with RowWriter(Path(out), SCORE_COLUMNS) as writer:
        for batch in _batches(rows, batch_size, result, rejects):
            scorer = scorer or StatementScorer.load(config)
            contexts = [r.context for r in batch] if context_column else None
            scores = scorer.score_texts([r.text for r in batch], contexts)
            out_rows = []
            for r, s in zip(batch, scores, strict=True):
                row = {"id": r.id, **s}
                row["evidence"] = json.dumps(s.get("evidence", {}), sort_keys=True, default=str)
                out_rows.append(row)
            writer.write(out_rows)
            if progress:
                progress("texts", result.read, None)
    result.rows_written = writer.n
    _write_rejects(Path(out), rejects, result)
    return result


@dataclasses.dataclass
class ExportResult:
    """What ``narrative export-onnx`` did."""

    folder: Path
    created: bool
    max_abs_diff: float | None

    def to_text(self) -> str:
        if not self.created:
            return f"ONNX export in {self.folder} is up to date (made from these weights); nothing to do."
        return (
            f"Exported the embedding model to {self.folder}; checked against the PyTorch model: "
            f"largest difference {self.max_abs_diff:.1e}."
        )


def export_onnx_model(
    config: Mapping[str, Any], *, out_dir: Path | None = None, force: bool = False
) -> ExportResult:
    """Export the configured embedding model for the ONNX runtime (skipped when an export of it exists)."""
    from .score.encoder import embedding_weights
    from .score.onnx_runtime import export_matches, export_onnx, resolve_export_dir

    models = config.get("models", {})
    folder, digest = embedding_weights(models)
    target = out_dir if out_dir is not None else resolve_export_dir(models.get("embedding_onnx_dir"))
    if not force and export_matches(target, digest):
        return ExportResult(target, False, None)
    meta = export_onnx(folder, target, base_digest=digest)
    return ExportResult(target, True, float(meta["check_max_abs_diff"]))
