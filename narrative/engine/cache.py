"""Incremental-run cache: per-note results keyed by content hash and pipeline versions.

A weekly re-run over a grown export only processes notes whose key is not in
the cache. The cache is one SQLite file: every write is a transaction, so an
interrupted run leaves it consistent (at worst without the last chunk).
Values are JSON: a note's de-identified statements and scores (keyed by
:func:`note_key`), and, written by :mod:`narrative.run`, each client's narrative
series and shifts (``client:`` keys) and the de-identified texts of measures,
goals and events (``text:`` keys, a hash of the raw text). No raw text is stored.
"""

from __future__ import annotations

import hashlib
import sqlite3
import zlib
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from ..types import Note
from . import codec

SCHEMA = "CREATE TABLE IF NOT EXISTS results (key TEXT PRIMARY KEY, value BLOB NOT NULL)"


def _digest(parts: Iterable[str]) -> str:
    digest = hashlib.sha256()
    for part in parts:
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\x1f")
    return digest.hexdigest()


def note_key(note: Note, version: str) -> str:
    """Cache key: the note's content and metadata plus the pipeline/model/settings version."""
    return _digest(
        (
            version,
            note.note_id,
            note.client_id,
            str(note.session),
            str(note.date),
            note.section or "",
            note.clinician or "",
            note.text,
        )
    )


def content_key(kind: str, parts: Iterable[str]) -> str:
    """Cache key ``<kind>:<sha256 of parts>`` for other cached results (client trajectories, texts)."""
    return f"{kind}:{_digest(parts)}"


def cache_has_entries(path: str | Path) -> bool:
    """Whether the cache file at ``path`` exists and holds any result (read-only; never creates it)."""
    path = Path(path)
    if not path.is_file():
        return False
    try:
        con = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        try:
            return con.execute("SELECT 1 FROM results LIMIT 1").fetchone() is not None
        finally:
            con.close()
    except sqlite3.Error:
        return False


class ResultCache:
    """A key -> JSON value store in one SQLite file. ``path=None`` disables caching."""

    def __init__(self, path: str | Path | None) -> None:
        self.path = Path(path) if path is not None else None
        self._con: sqlite3.Connection | None = None
        self.hits = 0
        self.misses = 0
        if self.path is not None:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._con = sqlite3.connect(self.path)
            self._con.execute("PRAGMA journal_mode=WAL")
            self._con.execute("PRAGMA synchronous=NORMAL")
            self._con.execute(SCHEMA)
            self._con.commit()

    @property
    def enabled(self) -> bool:
        return self._con is not None

    def get_many(self, keys: Iterable[str], *, count: bool = True) -> dict[str, Any]:
        """Values found for ``keys`` (missing keys are absent from the result); ``count=False``
        leaves :attr:`hits` and :attr:`misses` (the notes' figures) as they are."""
        keys = list(keys)
        if self._con is None or not keys:
            self.misses += len(keys) if count else 0
            return {}
        found = {key: codec.loads(zlib.decompress(blob)) for key, blob in self._select_in("key, value", keys)}
        if count:
            self.hits += len(found)
            self.misses += len(keys) - len(found)
        return found

    def contains_many(self, keys: Iterable[str]) -> set[str]:
        """The ``keys`` that have a value, read without decoding values (hit counts unchanged)."""
        keys = list(keys)
        if self._con is None or not keys:
            return set()
        return {k for (k,) in self._select_in("key", keys)}

    def _select_in(self, columns: str, keys: list[str]) -> Iterator[tuple[Any, ...]]:
        """Rows of ``columns`` for ``keys``, 500 keys per query (under SQLite's bound-parameter limit)."""
        for i in range(0, len(keys), 500):
            part = keys[i : i + 500]
            marks = ",".join("?" * len(part))
            yield from self._con.execute(f"SELECT {columns} FROM results WHERE key IN ({marks})", part)

    def put_many(self, items: Mapping[str, Any]) -> None:
        """Store values in one transaction."""
        if self._con is None or not items:
            return
        rows = [(k, zlib.compress(codec.dumps(v))) for k, v in items.items()]
        with self._con:
            self._con.executemany("INSERT OR REPLACE INTO results (key, value) VALUES (?, ?)", rows)

    def close(self) -> None:
        if self._con is not None:
            self._con.close()
            self._con = None
