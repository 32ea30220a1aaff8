"""A run-local on-disk spool so that no stage holds the whole corpus in memory.

Ingest streams every record into one SQLite file; later stages read notes back
in input order (for the per-note work) and records one client at a time (for
the per-client trajectory stage). The spool lives in the run's staging folder
and is deleted when the run ends.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from ..types import ContextEvent, Goal, Measure, Note, Record, ScoredStatement
from . import codec

_KINDS: dict[str, type[Record]] = {
    "note": Note,
    "measure": Measure,
    "goal": Goal,
    "event": ContextEvent,
    "scored": ScoredStatement,
    "note_meta": Note,
}


def records_of(kind: str, raw: Iterable[str]) -> list[Record]:
    """Records of ``kind`` from their stored JSON (:meth:`Spool.client_raw`)."""
    cls = _KINDS[kind]
    return [cls.from_dict(codec.loads(d)) for d in raw]


class Spool:
    """Append records by kind and client; read them back in insertion order."""

    def __init__(self, path: str | Path, *, indexed: bool = False) -> None:
        """``indexed``: index by client from the start (for a spool read by client while it is
        still written; otherwise :meth:`finish_writes` indexes it once, after the writes)."""
        self.path = Path(path)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._con = sqlite3.connect(self.path)
        self._con.execute("PRAGMA journal_mode=OFF")
        self._con.execute("PRAGMA synchronous=OFF")
        self._con.execute(
            "CREATE TABLE IF NOT EXISTS records (seq INTEGER PRIMARY KEY AUTOINCREMENT,"
            " kind TEXT NOT NULL, client_id TEXT NOT NULL, data TEXT NOT NULL)"
        )
        self._pending: list[tuple[str, str, str]] = []
        if indexed:
            self._index()

    def _index(self) -> None:
        with self._con:
            self._con.execute("CREATE INDEX IF NOT EXISTS by_client ON records (client_id, kind, seq)")

    def add(self, kind: str, client_id: str, record: Record | dict[str, Any]) -> None:
        data = record.to_dict() if isinstance(record, Record) else record
        self._pending.append((kind, client_id, codec.dumps_text(data)))
        if len(self._pending) >= 2000:
            self.flush()

    def flush(self) -> None:
        if self._pending:
            with self._con:
                self._con.executemany(
                    "INSERT INTO records (kind, client_id, data) VALUES (?, ?, ?)", self._pending
                )
            self._pending.clear()

    def finish_writes(self) -> None:
        """Flush and index by client for the per-client reads."""
        self.flush()
        self._index()

    def count(self, kind: str, *, skip_clients: Iterable[str] = ()) -> int:
        """Number of records of ``kind``, without those of ``skip_clients``."""
        self.flush()
        skip = sorted(set(skip_clients))
        marks = ",".join("?" * len(skip))
        query = "SELECT COUNT(*) FROM records WHERE kind = ?" + (
            f" AND client_id NOT IN ({marks})" if skip else ""
        )
        return int(self._con.execute(query, (kind, *skip)).fetchone()[0])

    def count_by_client(self, kind: str, *, skip_clients: Iterable[str] = ()) -> dict[str, int]:
        """Number of records of ``kind`` per client, without ``skip_clients``."""
        self.flush()
        skip = set(skip_clients)
        rows = self._con.execute(
            "SELECT client_id, COUNT(*) FROM records WHERE kind = ? GROUP BY client_id", (kind,)
        )
        return {client_id: int(n) for client_id, n in rows if client_id not in skip}

    def iter_kind(self, kind: str, *, skip_clients: Iterable[str] = ()) -> Iterator[tuple[str, Record]]:
        """(client_id, record) of one kind in insertion order, without ``skip_clients``."""
        self.flush()
        skip = set(skip_clients)
        cls = _KINDS[kind]
        cur = self._con.cursor()
        cur.execute("SELECT client_id, data FROM records WHERE kind = ? ORDER BY seq", (kind,))
        while rows := cur.fetchmany(500):
            for client_id, data in rows:
                if client_id not in skip:
                    yield client_id, cls.from_dict(codec.loads(data))

    def clients(self) -> list[str]:
        self.flush()
        return [r[0] for r in self._con.execute("SELECT DISTINCT client_id FROM records ORDER BY client_id")]

    def client_raw(self, client_id: str, kind: str) -> list[str]:
        """The stored JSON of one client's records of ``kind``, in insertion order."""
        rows = self._con.execute(
            "SELECT data FROM records WHERE client_id = ? AND kind = ? ORDER BY seq", (client_id, kind)
        )
        return [r[0] for r in rows]

    def client_records(self, client_id: str, kind: str) -> list[Record]:
        return records_of(kind, self.client_raw(client_id, kind))

    def close(self) -> None:
        self._con.close()
