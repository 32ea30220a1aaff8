"""Read the demo caseload CSVs (corpora/demo/) into ClientData, without the ingest stage.

A test helper only: the real run reads inputs with narrative.ingest. Note text is
kept (it is made-up demo text) so documentation-drift can see sections.
"""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

from narrative.trajectory import ClientData
from narrative.types import ContextEvent, Goal, Measure, Note

DEMO = Path(__file__).resolve().parents[2] / "corpora" / "demo"
LEVEL_COLUMNS = {
    "-2": "level_minus2",
    "-1": "level_minus1",
    "0": "level_0",
    "1": "level_plus1",
    "2": "level_plus2",
}


def _rows(name: str) -> list[dict[str, str]]:
    with (DEMO / name).open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _date(text: str) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def _int(text: str) -> int | None:
    return int(text) if text else None


def _float(text: str) -> float | None:
    return float(text) if text else None


def demo_available() -> bool:
    return all(
        (DEMO / f).exists() for f in ("notes.csv", "measures.csv", "goals.csv", "events.csv", "consent.csv")
    )


def load_demo() -> tuple[list[ClientData], set[str]]:
    """(clients, opted-out ids) of the demo caseload."""
    data: dict[str, ClientData] = {}

    def client(cid: str) -> ClientData:
        return data.setdefault(cid, ClientData(cid))

    for i, r in enumerate(_rows("notes.csv"), start=2):
        c = client(r["client_id"])
        c.notes.append(
            Note(
                f"n{i}",
                r["client_id"],
                r["note"],
                _int(r["session"]),
                _date(r["date"]),
                r["clinician"],
                r["section"],
                "notes.csv",
                i,
            )
        )
        c.strata.update({k: r[k] for k in ("program", "modality") if r.get(k)})
    for i, r in enumerate(_rows("measures.csv"), start=2):
        client(r["client_id"]).measures.append(
            Measure(
                r["client_id"],
                r["instrument"].strip().lower(),
                float(r["value"]),
                _int(r["session"]),
                _date(r["date"]),
                r["item"] or None,
                r["text"] or None,
                "measures.csv",
                i,
            )
        )
    for i, r in enumerate(_rows("goals.csv"), start=2):
        levels = {k: r[v] for k, v in LEVEL_COLUMNS.items() if r.get(v)}
        client(r["client_id"]).goals.append(
            Goal(
                r["client_id"],
                r["goal_id"],
                r["description"],
                levels,
                _float(r["importance"]),
                _float(r["difficulty"]),
                "goals.csv",
                i,
            )
        )
    for i, r in enumerate(_rows("events.csv"), start=2):
        client(r["client_id"]).events.append(
            ContextEvent(
                r["client_id"],
                r["kind"],
                _date(r["date"]),
                _int(r["session"]),
                r["description"],
                "events.csv",
                i,
            )
        )
    opted_out = {
        r["client_id"]
        for r in _rows("consent.csv")
        if r["opted_out"].strip().lower() in ("yes", "true", "1", "y")
    }
    return [data[k] for k in sorted(data)], opted_out
