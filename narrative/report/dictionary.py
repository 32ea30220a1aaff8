"""The data dictionary of a run's tables: every column with its type, meaning and unit.

Columns come from the typed records in :mod:`narrative.types` (and the
benchmark/notes extras named in the run-directory contract); columns found in a
table file that this module does not know are listed too, marked as such, so
the dictionary never silently misses a column.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import logging
import os
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from ..io import escape_formula, write_text_atomic
from ..types import (
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

logger = logging.getLogger(__name__)

SCORE_UNIT = "score, −1 to +1"
SESSION_UNIT = "session number (1 = first)"
DATE_UNIT = "ISO date YYYY-MM-DD"

# Table -> (description, record class or None, extra/explicit columns).
TABLES: dict[str, tuple[str, type | None, tuple[str, ...]]] = {
    "notes": (
        "One row per session note (the note text itself is not stored).",
        Note,
        ("n_chars", "n_statements"),
    ),
    "statements": (
        "Extracted self-descriptions, agency phrases, chapter titles and indicators.",
        Statement,
        (),
    ),
    "scores": ("Scores of each statement.", ScoredStatement, ()),
    "shifts": ("Changes of a narrative series for one client between two points.", Shift, ()),
    "trajectories": (
        "One value of one series for one client at one session, with its reference band.",
        TrajectoryPoint,
        (),
    ),
    "benchmarks": (
        "Reference bands: percentiles of each series by session (and stratum) across the caseload or a reference set.",
        None,
        ("series", "session", "stratum", "pooled", "n_clients", "p10", "p25", "p50", "p75", "p90", "source"),
    ),
    "flags": ("Supervisor flags with their rule, severity, reason, numbers and quotes.", Flag, ()),
    "leadlag": (
        "Which moved first: correlations between session-to-session changes of a narrative series and a measure "
        "at several lags, per client and pooled over the caseload.",
        None,
        (
            "scope",
            "client_id",
            "x",
            "y",
            "y_direction",
            "lag",
            "method",
            "r",
            "p",
            "n",
            "n_pairs",
            "n_clients",
            "note",
        ),
    ),
    "measures": ("Ratings on outcome and alliance instruments, as read from the inputs.", Measure, ()),
    "goals": ("GAS goals with their level descriptions and weights.", Goal, ()),
    "events": ("Life events outside therapy.", ContextEvent, ()),
    "rejects": ("Input rows that were not accepted (file ../rejects.csv, not in tables/).", Reject, ()),
}
SKIP = {"notes": {"text"}}

# (table or "*", column) -> (meaning, unit)
MEANINGS: dict[tuple[str, str], tuple[str, str]] = {
    ("*", "client_id"): ("Client identifier (pseudonymised unless the run kept identifiers).", ""),
    ("*", "note_id"): (
        "Stable note identifier: the source's id, else a hash of client, session, date and text.",
        "",
    ),
    ("*", "statement_id"): ("Stable identifier of an extracted statement.", ""),
    ("*", "session"): ("Session number.", SESSION_UNIT),
    ("*", "date"): ("Date of the session or event.", DATE_UNIT),
    ("*", "source"): ("Input file (or data source) the row came from.", ""),
    ("*", "row"): ("Row number in the input file (1 = first data row).", "row number"),
    ("*", "session_from"): ("First session of the span.", SESSION_UNIT),
    ("*", "session_to"): ("Last session of the span.", SESSION_UNIT),
    ("*", "series"): (
        "Series name: narrative_score, agency, self_regard, change_talk_balance, observed_agency, chapter_title_score, "
        "chapter_title_drift, gas_t, gas_goal:<goal id>, alliance, srs_total, phq9, gad7 or another scale.",
        "",
    ),
    ("*", "stratum"): (
        "Stratum the reference band was computed in (e.g. program=adult); empty = whole caseload.",
        "",
    ),
    ("notes", "clinician"): ("Clinician who wrote the note.", ""),
    ("notes", "section"): ("Note section (e.g. Progress Note, Qualitative Indicators, Periodic Review).", ""),
    ("notes", "strata"): (
        "Grouping columns of the note (program, modality, language...) as a JSON object.",
        "",
    ),
    ("notes", "n_chars"): ("Length of the note text.", "characters"),
    ("notes", "n_statements"): ("Statements extracted from the note.", "count"),
    ("statements", "type"): ("Statement type: self_description, agency, chapter_title or indicator.", ""),
    ("statements", "text"): ("The span as written in the note (verbatim).", ""),
    ("statements", "start"): ("Start of the span in the note text.", "character offset"),
    ("statements", "end"): ("End of the span in the note text (exclusive).", "character offset"),
    ("statements", "voice"): (
        "Whose words: quoted (client quoted), reported (clinician reports client), clinician.",
        "",
    ),
    ("statements", "polarity"): (
        "agentic / non_agentic / mixed for agency spans; positive / negative / neutral otherwise.",
        "",
    ),
    ("statements", "evidence"): ("Cue words and rules that produced the span, as a JSON list.", ""),
    ("statements", "normalized"): (
        'First-person reading used for scoring ("described herself as a failure" -> "I am a failure").',
        "",
    ),
    ("statements", "attrs"): (
        "Type-specific details as a JSON object: negated, hedged, temporal, label_kind, cues, domain, progress, sentence.",
        "",
    ),
    ("scores", "type"): ("Statement type (see statements.type).", ""),
    ("scores", "voice"): ("Whose words (see statements.voice).", ""),
    ("scores", "agency"): ("How much the statement casts the client as able to act and choose.", SCORE_UNIT),
    ("scores", "self_regard"): ("How favourably the statement describes the client.", SCORE_UNIT),
    ("scores", "narrative_score"): ("Combined narrative score of the statement.", SCORE_UNIT),
    ("scores", "talk_type"): ("Motivational-interviewing talk type: change, neutral or sustain.", ""),
    ("scores", "p_change"): ("Probability the statement is change talk.", "probability, 0 to 1"),
    ("scores", "p_neutral"): ("Probability the statement is neutral talk.", "probability, 0 to 1"),
    ("scores", "p_sustain"): ("Probability the statement is sustain talk.", "probability, 0 to 1"),
    ("scores", "text"): ("The statement text that was scored.", ""),
    ("scores", "features"): ("Feature values behind the scores, as a JSON object.", ""),
    ("scores", "evidence"): (
        "Evidence behind the scores (matched cues, nearest examples), as a JSON object.",
        "",
    ),
    ("shifts", "kind"): ("Shift kind: baseline_vs_now, rolling, change_point, no_change or title_drift.", ""),
    ("shifts", "before"): ("Series value before the shift.", "series units"),
    ("shifts", "after"): ("Series value after the shift.", "series units"),
    ("shifts", "delta"): ("after minus before.", "series units"),
    ("shifts", "quote_before"): ("A statement quoted from before the shift.", ""),
    ("shifts", "quote_after"): ("A statement quoted from after the shift.", ""),
    ("shifts", "detail"): ("Test statistics and settings of the shift detector, as a JSON object.", ""),
    ("trajectories", "value"): ("Value of the series at this session.", "series units (see series)"),
    ("trajectories", "n"): ("Statements or ratings behind the value.", "count"),
    ("trajectories", "band_low"): ("Lower edge of the reference band (25th percentile).", "series units"),
    ("trajectories", "band_mid"): ("Middle of the reference band (median).", "series units"),
    ("trajectories", "band_high"): ("Upper edge of the reference band (75th percentile).", "series units"),
    ("trajectories", "band_position"): (
        "Where the value sits: below, within or above the band; empty when no band.",
        "",
    ),
    ("trajectories", "detail"): ("Extra detail (best quote, voice weights...), as a JSON object.", ""),
    ("benchmarks", "pooled"): (
        "True when sessions were pooled to reach enough clients for this row.",
        "true/false",
    ),
    ("benchmarks", "n_clients"): ("Clients behind the percentiles.", "count"),
    ("benchmarks", "p10"): ("10th percentile.", "series units"),
    ("benchmarks", "p25"): ("25th percentile (lower band edge).", "series units"),
    ("benchmarks", "p50"): ("Median.", "series units"),
    ("benchmarks", "p75"): ("75th percentile (upper band edge).", "series units"),
    ("benchmarks", "p90"): ("90th percentile.", "series units"),
    ("benchmarks", "source"): ("Where the band comes from: this caseload or a reference file.", ""),
    ("flags", "rule"): ("Identifier of the flag rule that fired.", ""),
    ("flags", "severity"): ("info, low, medium or high.", ""),
    ("flags", "reason"): ("Plain-language reason for the flag.", ""),
    ("flags", "numbers"): ("The numbers behind the flag, as a JSON object.", ""),
    ("flags", "quotes"): ("Statements quoted as evidence, as a JSON list.", ""),
    ("measures", "instrument"): (
        "Instrument: gas, alliance, srs, wai_sr, phq9, gad7, ors or another scale name.",
        "",
    ),
    ("measures", "value"): ("The rating.", "instrument units"),
    ("measures", "item"): ("total, an item number, or the GAS goal id.", ""),
    ("measures", "text"): ('Free text that goes with the rating (alliance "what contributed").', ""),
    ("goals", "goal_id"): ("Goal identifier within the client.", ""),
    ("goals", "description"): ("What the goal is.", ""),
    ("goals", "levels"): ('Description of each GAS level "-2".."2", as a JSON object.', ""),
    ("goals", "importance"): ("GAS importance weight.", "0 to 3"),
    ("goals", "difficulty"): ("GAS difficulty weight.", "0 to 3"),
    ("events", "kind"): ("Event kind, e.g. medication_change, new_job, bereavement.", ""),
    ("events", "description"): ("What happened.", ""),
    ("rejects", "column"): ("Column that held the bad value.", ""),
    ("rejects", "value"): ("The bad value (note text is described by its length, never copied).", ""),
    ("rejects", "reason"): ("Why the row was not accepted.", ""),
    ("rejects", "kind"): (
        "What the row was meant to be: note, measure, goal, event, consent or unknown.",
        "",
    ),
    ("leadlag", "scope"): ("client (one client's changes) or caseload (pairs of all clients pooled).", ""),
    ("leadlag", "client_id"): ("Client identifier; empty for caseload rows.", ""),
    ("leadlag", "x"): ("Narrative series whose changes are compared (usually narrative_score).", ""),
    ("leadlag", "y"): ("Measure whose changes are compared (gas_t, phq9, gad7...).", ""),
    ("leadlag", "y_direction"): ("Whether higher or lower values of the measure are better.", ""),
    ("leadlag", "lag"): (
        "k: pairs (change of x at session s, change of y at s + k); k > 0 means x moved first.",
        "sessions",
    ),
    ("leadlag", "method"): ("Correlation method: pearson or spearman.", ""),
    ("leadlag", "r"): (
        "Correlation of the paired changes; empty when not computable.",
        "correlation, −1 to +1",
    ),
    ("leadlag", "p"): ("Two-sided p-value of r.", "probability, 0 to 1"),
    ("leadlag", "n"): ("Pairs of changes behind r.", "count"),
    ("leadlag", "n_pairs"): ("Pairs of changes behind r.", "count"),
    ("leadlag", "n_clients"): ("Clients contributing pairs.", "count"),
    ("leadlag", "note"): ("Why r is empty or unstable (too few pairs, constant series).", ""),
}

# Types of the explicitly listed (non-record) columns; anything else is a number.
EXTRA_TYPES = {
    "pooled": "boolean",
    "session": "integer",
    "lag": "integer",
    "n": "integer",
    "series": "text",
    "stratum": "text",
    "source": "text",
    "scope": "text",
    "client_id": "text",
    "x": "text",
    "y": "text",
    "y_direction": "text",
    "method": "text",
    "note": "text",
    "r": "number, may be empty",
    "p": "number, may be empty",
}


@dataclasses.dataclass(frozen=True)
class DictionaryEntry:
    """One documented column."""

    table: str
    column: str
    type: str
    meaning: str
    unit: str


def _type_name(annotation: str) -> str:
    ann = str(annotation).replace(" ", "")
    optional = "|None" in ann
    ann = ann.replace("|None", "")
    if ann.startswith("Mapping"):
        name = "JSON object (text)"
    elif ann.startswith("tuple"):
        name = "JSON list (text)"
    elif ann in ("int",):
        name = "integer"
    elif ann in ("float",):
        name = "number"
    elif ann in ("bool",):
        name = "boolean"
    elif "date" in ann:
        name = "date"
    else:
        name = "text"
    return name + (", may be empty" if optional else "")


def _arrow_type(t: pa.DataType) -> str:
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_date(t) or pa.types.is_timestamp(t):
        return "date"
    return "text"


def dictionary_entries(tables_dir: str | os.PathLike[str] | None = None) -> list[DictionaryEntry]:
    """All documented columns; with ``tables_dir``, columns found only in its files are added."""
    entries = []
    for table, (_, cls, extra) in TABLES.items():
        columns: dict[str, str] = {}
        if cls is not None:
            for name, ann in ((f.name, f.type) for f in dataclasses.fields(cls)):
                if name not in SKIP.get(table, set()):
                    columns[name] = _type_name(ann)
        for name in extra:
            columns.setdefault(name, "integer" if name.startswith("n_") else EXTRA_TYPES.get(name, "number"))
        if tables_dir is not None:
            path = Path(tables_dir) / f"{table}.parquet"
            if path.is_file():
                try:
                    schema = pq.read_schema(path)
                except (OSError, pa.ArrowException):
                    logger.warning(
                        "cannot read the schema of %s; documenting the standard columns only", path
                    )
                else:
                    for field in schema:
                        columns.setdefault(field.name, _arrow_type(field.type))
        for name, type_name in columns.items():
            meaning, unit = (
                MEANINGS.get((table, name))
                or MEANINGS.get(("*", name))
                or (
                    "Not described in this version of narrative.",
                    "",
                )
            )
            entries.append(DictionaryEntry(table, name, type_name, meaning, unit))
    return entries


def write_data_dictionary(tables_dir: str | os.PathLike[str]) -> tuple[Path, Path]:
    """Write ``DATA_DICTIONARY.md`` and ``DATA_DICTIONARY.csv`` into ``tables_dir``.

    Returns:
        The Markdown and CSV paths.
    """
    tables_dir = Path(tables_dir)
    entries = dictionary_entries(tables_dir)
    md_path = tables_dir / "DATA_DICTIONARY.md"
    csv_path = tables_dir / "DATA_DICTIONARY.csv"
    write_text_atomic(md_path, _markdown(entries))
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["table", "column", "type", "meaning", "unit"])
    for e in entries:
        writer.writerow([escape_formula(v) for v in (e.table, e.column, e.type, e.meaning, e.unit)])
    write_text_atomic(csv_path, buf.getvalue())
    logger.info("wrote data dictionary (%d columns) to %s", len(entries), tables_dir)
    return md_path, csv_path


def _md_cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def _markdown(entries: list[DictionaryEntry]) -> str:
    by_table: dict[str, list[DictionaryEntry]] = {}
    for e in entries:
        by_table.setdefault(e.table, []).append(e)
    lines = [
        "# Data dictionary",
        "",
        "Every table is written twice: `<name>.parquet` (exact values) and `<name>.csv` (for spreadsheets; "
        "cells that a spreadsheet would read as a formula start with a `'`). Nested values are JSON text.",
        "",
    ]
    for table, rows in by_table.items():
        desc = TABLES[table][0]
        lines += [f"## {table}", "", desc, "", "| column | type | meaning | unit |", "|---|---|---|---|"]
        lines += [
            f"| `{e.column}` | {_md_cell(e.type)} | {_md_cell(e.meaning)} | {_md_cell(e.unit)} |"
            for e in rows
        ]
        lines.append("")
    return "\n".join(lines)
