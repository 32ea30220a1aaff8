"""A synthetic run directory with three made-up clients, written with narrative.io.write_table."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from narrative.io import write_table
from narrative.types import (
    ContextEvent,
    Flag,
    Goal,
    Measure,
    ScoredStatement,
    Shift,
    Statement,
    TrajectoryPoint,
)

START = dt.date(2024, 1, 8)
SCRIPT_TEXT = "<script>alert('x')</script> I am nobody"

# client -> series -> values per session (None = not measured that session)
SERIES: dict[str, dict[str, Sequence[float | None]]] = {
    "C-1a2b3c4d": {
        "narrative_score": [-0.55, -0.5, -0.35, 0.05, 0.2, 0.3, 0.42, 0.45],
        "agency": [-0.6, -0.45, -0.4, 0.1, 0.3, 0.35, 0.5, 0.55],
        "self_regard": [-0.5, -0.55, -0.3, -0.1, 0.05, 0.2, 0.3, 0.35],
        "phq9": [18, 17, 15, 13, 11, 9, 8, 7],
        "gad7": [14, 13, 13, 11, 9, 8, 7, 6],
        "alliance": [7, 8, 8, 9, 9, 9, 9, 10],
        "srs_total": [34, 36, 37, 38, 38, 38, 39, 39],
        "gas_goal:G1": [-2, -2, -1, -1, 0, 0, 1, 1],
        "gas_goal:G2": [-2, -1, -1, 0, 0, 0, 0, 1],
        "gas_t": [25.0, 30.0, 35.0, 40.0, 50.0, 50.0, 55.0, 60.0],
    },
    "C-5e6f7a8b": {
        "narrative_score": [-0.4, -0.45, -0.5, -0.6, -0.62, -0.65, -0.7],
        "agency": [-0.3, -0.4, -0.45, -0.6, -0.6, -0.65, -0.7],
        "self_regard": [-0.5, -0.5, -0.55, -0.6, -0.65, -0.7, -0.72],
        "phq9": [14, 15, 15, 17, 19, 20, 21],
        "gad7": [10, 10, 11, 12, 14, 15, 15],
        "alliance": [8, 8, 8, 8, 5, 6, 6],
        "srs_total": [37, 37, 38, 37, 31, 33, 34],
        "gas_goal:G1": [-1, -1, -1, -1, -2, -2, -2],
        "gas_t": [40.0, 40.0, 40.0, 40.0, 30.0, 30.0, 30.0],
    },
    "C-9c0d1e2f": {
        "narrative_score": [0.1, 0.05, 0.12, 0.1],
        "agency": [0.0, 0.05, 0.1, 0.05],
        "self_regard": [0.15, 0.1, 0.1, 0.12],
        "phq9": [9, 9, None, 8],
        "alliance": [9, 9, 8, 9],
    },
}

BANDS = {
    "narrative_score": (-0.3, 0.0, 0.3),
    "agency": (-0.3, 0.0, 0.3),
    "self_regard": (-0.35, -0.05, 0.25),
    "phq9": (6.0, 11.0, 16.0),
}

GOALS = [
    Goal(
        "C-1a2b3c4d",
        "G1",
        "Go back to work part-time",
        {
            "-2": "Not working",
            "-1": "Has contacted employer",
            "0": "Works 2 days a week",
            "1": "Works 3 days",
            "2": "Works full-time",
        },
        importance=3,
        difficulty=2,
    ),
    Goal(
        "C-1a2b3c4d",
        "G2",
        "See friends every week",
        {
            "-2": "No contact",
            "-1": "Texts friends",
            "0": "Meets one friend a week",
            "1": "Meets two",
            "2": "Joins a group",
        },
    ),
    Goal(
        "C-5e6f7a8b",
        "G1",
        "Sleep through the night",
        {"-2": "Sleeps under 4 hours", "-1": "4-5 hours", "0": "6 hours", "1": "7 hours", "2": "8 hours"},
    ),
]

EVENTS = [
    ContextEvent(
        "C-1a2b3c4d",
        "new_job",
        date=START + dt.timedelta(weeks=4),
        session=5,
        description="Started a part-time job",
    ),
    ContextEvent(
        "C-5e6f7a8b",
        "bereavement",
        date=START + dt.timedelta(weeks=3),
        session=4,
        description="Death of a parent",
    ),
    ContextEvent(
        "C-5e6f7a8b",
        "medication_change",
        date=START + dt.timedelta(weeks=5),
        session=None,
        description="Sertraline increased",
    ),
]

# (client, session, type, voice, text, narrative_score)
STATEMENTS = [
    ("C-1a2b3c4d", 1, "self_description", "quoted", "I'm a complete failure", -0.8),
    ("C-1a2b3c4d", 1, "chapter_title", "quoted", "The lost years", -0.6),
    ("C-1a2b3c4d", 2, "self_description", "reported", "described herself as useless", -0.7),
    ("C-1a2b3c4d", 4, "self_description", "quoted", "I'm someone who can start again", 0.5),
    ("C-1a2b3c4d", 6, "chapter_title", "quoted", "Getting back on my feet", 0.6),
    ("C-1a2b3c4d", 8, "self_description", "quoted", "I'm proud of what I managed", 0.7),
    ("C-1a2b3c4d", 3, "indicator", "clinician", "Sleep improving", 0.3),
    ("C-5e6f7a8b", 1, "self_description", "quoted", "I'm a burden to everyone", -0.7),
    ("C-5e6f7a8b", 1, "chapter_title", "quoted", "Treading water", -0.3),
    ("C-5e6f7a8b", 5, "self_description", "quoted", SCRIPT_TEXT, -0.8),
    ("C-5e6f7a8b", 7, "chapter_title", "quoted", "Going under", -0.8),
    ("C-5e6f7a8b", 6, "indicator", "clinician", "Sleep worse", -0.5),
    ("C-5e6f7a8b", 6, "indicator", "clinician", "Withdrawn from friends", -0.5),
    ("C-9c0d1e2f", 2, "self_description", "quoted", "I'm okay most days", 0.2),
    ("C-9c0d1e2f", 3, "indicator", "clinician", "Work stress unchanged", 0.0),
]
INDICATOR_ATTRS = {
    "Sleep improving": {"domain": "sleep", "progress": "progress"},
    "Sleep worse": {"domain": "sleep", "progress": "setback"},
    "Withdrawn from friends": {"domain": "relationships", "progress": "setback"},
    "Work stress unchanged": {"domain": "work", "progress": "no_change"},
}

SHIFTS = [
    Shift(
        "C-1a2b3c4d",
        "agency",
        "change_point",
        3,
        4,
        -0.42,
        0.32,
        0.74,
        quote_before="I'm a complete failure",
        quote_after="I'm someone who can start again",
        detail={"p_value": 0.01},
    ),
    Shift(
        "C-1a2b3c4d",
        "narrative_score",
        "baseline_vs_now",
        1,
        8,
        -0.55,
        0.45,
        1.0,
        quote_before="I'm a complete failure",
        quote_after="I'm proud of what I managed",
    ),
    Shift(
        "C-5e6f7a8b",
        "narrative_score",
        "baseline_vs_now",
        1,
        7,
        -0.4,
        -0.7,
        -0.3,
        quote_before="I'm a burden to everyone",
        quote_after=SCRIPT_TEXT,
    ),
    Shift("C-9c0d1e2f", "narrative_score", "no_change", 1, 4, 0.1, 0.1, 0.0),
]

FLAGS = [
    Flag(
        "C-5e6f7a8b",
        "symptom_deterioration",
        "high",
        "PHQ-9 rose by 7 points since the first session (reliable deterioration).",
        1,
        7,
        {"phq9_first": 14, "phq9_last": 21, "threshold": 6},
        ("I'm a burden to everyone",),
    ),
    Flag(
        "C-5e6f7a8b",
        "alliance_dip",
        "medium",
        "Alliance rating fell from 8 to 5 after a bereavement.",
        4,
        5,
        {"before": 8, "after": 5},
        (),
    ),
    Flag(
        "C-5e6f7a8b",
        "narrative_below_band",
        "medium",
        "Narrative score below the caseload band for 4 sessions in a row.",
        4,
        7,
        {"sessions_below": 4, "latest": -0.7, "band_low": -0.3},
        (SCRIPT_TEXT,),
    ),
    Flag(
        "C-9c0d1e2f",
        "no_change",
        "low",
        "No narrative change after 4 sessions.",
        1,
        4,
        {"delta": 0.0},
        (),
    ),
]


def _points() -> list[TrajectoryPoint]:
    points = []
    for client, series in SERIES.items():
        for name, values in series.items():
            low, mid, high = BANDS.get(name, (None, None, None))
            for i, value in enumerate(values, start=1):
                if value is None:
                    continue
                pos = ""
                if low is not None:
                    pos = "below" if value < low else "above" if value > high else "within"
                points.append(
                    TrajectoryPoint(
                        client,
                        i,
                        name,
                        float(value),
                        n=2,
                        band_low=low,
                        band_mid=mid,
                        band_high=high,
                        band_position=pos,
                        stratum="all",
                        detail={"quote": "made-up quote"},
                    )
                )
    return points


def _measures() -> list[Measure]:
    out = []
    for client, series in SERIES.items():
        for name, values in series.items():
            if name not in ("phq9", "gad7", "alliance"):
                continue
            for i, value in enumerate(values, start=1):
                if value is not None:
                    out.append(
                        Measure(
                            client,
                            name,
                            float(value),
                            session=i,
                            date=START + dt.timedelta(weeks=i - 1),
                            item="total",
                        )
                    )
    return out


def _notes() -> list[dict]:
    rows = []
    for client, series in SERIES.items():
        for i in range(1, len(series["narrative_score"]) + 1):
            rows.append(
                {
                    "note_id": f"{client}-n{i}",
                    "client_id": client,
                    "session": i,
                    "date": (START + dt.timedelta(weeks=i - 1)).isoformat(),
                    "clinician": "T1",
                    "section": "Progress Note",
                    "source": "notes.csv",
                    "row": i,
                    "strata": json.dumps({"program": "adult"}),
                    "n_chars": 400,
                    "n_statements": 3,
                }
            )
    return rows


def _statements() -> tuple[list[Statement], list[ScoredStatement]]:
    stmts, scores = [], []
    for k, (client, session, kind, voice, text, score) in enumerate(STATEMENTS):
        date = START + dt.timedelta(weeks=session - 1)
        attrs = dict(INDICATOR_ATTRS.get(text, {}))
        polarity = "positive" if score > 0.1 else "negative" if score < -0.1 else "neutral"
        stmt = Statement(
            f"s{k}",
            f"{client}-n{session}",
            client,
            kind,
            text,
            0,
            len(text),
            voice,
            polarity,
            evidence=("cue",),
            normalized=text,
            session=session,
            date=date,
            attrs=attrs,
        )
        stmts.append(stmt)
        scores.append(
            ScoredStatement(
                f"s{k}",
                stmt.note_id,
                client,
                kind,
                voice,
                score,
                score,
                score,
                "neutral",
                0.2,
                0.6,
                0.2,
                session=session,
                date=date,
                text=text,
            )
        )
    return stmts, scores


def _benchmarks() -> list[dict]:
    rows = []
    for series in ("narrative_score", "agency", "self_regard", "phq9"):
        low, mid, high = BANDS[series]
        for session in range(1, 9):
            rows.append(
                {
                    "series": series,
                    "session": session,
                    "stratum": "all",
                    "pooled": True,
                    "n_clients": 3,
                    "p10": low - 0.1,
                    "p25": low,
                    "p50": mid,
                    "p75": high,
                    "p90": high + 0.1,
                    "source": "caseload",
                }
            )
    return rows


LEADLAG_COLUMNS = [
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
]


def _leadlag() -> list[dict]:
    rows = []
    for scope, client in (("client", "C-1a2b3c4d"), ("caseload", "")):
        for y, r1 in (("phq9", -0.6), ("gas_t", 0.4)):
            for lag in (-1, 0, 1):
                for method in ("pearson", "spearman"):
                    r = r1 if lag == 1 else 0.1 * lag
                    rows.append(
                        {
                            "scope": scope,
                            "client_id": client,
                            "x": "narrative_score",
                            "y": y,
                            "y_direction": "lower" if y == "phq9" else "higher",
                            "lag": lag,
                            "method": method,
                            "r": None if lag == -1 and scope == "client" else r,
                            "p": 0.2,
                            "n_pairs": 6,
                            "n_clients": 1 if scope == "client" else 2,
                            "note": "not computable: fewer than 3 pairs"
                            if lag == -1 and scope == "client"
                            else "",
                        }
                    )
    return rows


def record_columns(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls)]


def write_run(run_dir: Path) -> Path:
    """Write the synthetic run directory; returns it."""
    tables = run_dir / "tables"
    stmts, scores = _statements()
    write_table(tables, "notes", _notes(), columns=list(_notes()[0]))
    write_table(tables, "statements", stmts, columns=record_columns(Statement))
    write_table(tables, "scores", scores, columns=record_columns(ScoredStatement))
    write_table(tables, "shifts", SHIFTS, columns=record_columns(Shift))
    write_table(tables, "trajectories", _points(), columns=record_columns(TrajectoryPoint))
    write_table(tables, "benchmarks", _benchmarks(), columns=list(_benchmarks()[0]))
    write_table(tables, "flags", FLAGS, columns=record_columns(Flag))
    write_table(tables, "leadlag", _leadlag(), columns=LEADLAG_COLUMNS)
    write_table(tables, "measures", _measures(), columns=record_columns(Measure))
    write_table(tables, "goals", GOALS, columns=record_columns(Goal))
    write_table(tables, "events", EVENTS, columns=record_columns(ContextEvent))
    manifest = {
        "tool": "narrative",
        "version": "0.1.0",
        "created": "2024-03-01T10:00:00",
        "n_clients": 3,
        "inputs": [{"path": "notes.csv", "read": 21, "accepted": 21, "rejected": 0}],
    }
    (run_dir / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    return run_dir


@pytest.fixture(scope="session")
def run_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The synthetic run, written once per session."""
    return write_run(tmp_path_factory.mktemp("run_template"))


@pytest.fixture
def run_dir(run_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of the synthetic run for one test."""
    return Path(shutil.copytree(run_template, tmp_path / "run"))


@pytest.fixture(scope="session")
def built_run(run_template: Path, tmp_path_factory: pytest.TempPathFactory):
    """The synthetic run with reports (client-facing too) built once per session."""
    from narrative.report import build_reports

    run = Path(shutil.copytree(run_template, tmp_path_factory.mktemp("built") / "run"))
    return run, build_reports(run, client_facing=True)


_REF_RE = re.compile(
    r"""(?:\bsrc|\bhref|xlink:href|\baction|\bposter|\bdata)\s*=\s*["']([^"']*)""", re.IGNORECASE
)
_URL_RE = re.compile(r"""url\(\s*["']?([^)"']*)|@import\s+["']([^"']+)""", re.IGNORECASE)
_XMLNS_RE = re.compile(r"""\sxmlns(?::\w+)?\s*=\s*["'][^"']*["']""")


def remote_references(html: str) -> list[str]:
    """Every reference a browser could fetch from the network, plus any stray http(s) text.

    Only the SVG ``xmlns`` namespace attributes may name an http URL (they are
    never fetched).
    """
    refs = _REF_RE.findall(html) + [a or b for a, b in _URL_RE.findall(html)]
    found = [r for r in refs if re.match(r"\s*(?:[a-z][a-z0-9+.-]*:)?//", r, re.IGNORECASE)]
    stripped = _XMLNS_RE.sub("", html)
    found += re.findall(r"https?://\S{0,40}", stripped, re.IGNORECASE)
    return found
