"""Session bookkeeping for one client: which sessions took place, when, and what a record's session is.

Records carry a session number, a date, or both. A record with only a date
gets the session of another record of the same client on that date; when no
record of the client has a session number at all, sessions are numbered by
distinct date (1, 2, ...). A record that still has no session is reported as a
data problem and left out of the series (never silently guessed).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
import statistics
from collections.abc import Iterable, Sequence
from typing import Any

from ..types import ContextEvent, Measure, Note


@dataclasses.dataclass(frozen=True)
class Problem:
    """A data problem met while building a client's series (becomes a ``data_check`` flag)."""

    client_id: str
    reason: str
    session: int | None = None
    numbers: dict[str, Any] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass(frozen=True)
class SessionIndex:
    """The sessions a client attended (any note or measure) and their dates."""

    client_id: str
    sessions: tuple[int, ...]
    dates: dict[int, dt.date]
    by_date: dict[dt.date, int]
    numbered_by_date: bool = False
    missed: tuple[int, ...] = ()

    def resolve(self, session: int | None, date: dt.date | None) -> int | None:
        """The session of a record, from its own number or its date."""
        if session is not None:
            return int(session)
        if date is not None:
            return self.by_date.get(date)
        return None

    def next_after(self, session: int) -> int | None:
        """The next attended session after ``session``, or None (no later session)."""
        later = [s for s in self.sessions if s > session]
        return min(later) if later else None

    def median_gap_days(self) -> float | None:
        """Median number of days between consecutive dated sessions (None with < 2 dates)."""
        dated = sorted((s, d) for s, d in self.dates.items())
        gaps = [(b[1] - a[1]).days for a, b in zip(dated, dated[1:], strict=False) if b[1] > a[1]]
        return statistics.median(gaps) if gaps else None

    def missed_after(self, session: int, *, gap_factor: float) -> bool:
        """Whether a session was missed right after ``session``.

        Missed means a session recorded as missed follows (a "did not attend"
        note), the next attended session number skips one (s4 -> s6), or, when
        both sessions are dated, the gap in days is longer than ``gap_factor``
        times the client's median gap.
        """
        if session + 1 in self.missed:
            return True
        nxt = self.next_after(session)
        if nxt is None:
            return False
        if nxt > session + 1:
            return True
        median = self.median_gap_days()
        if median and session in self.dates and nxt in self.dates:
            return (self.dates[nxt] - self.dates[session]).days > gap_factor * median
        return False

    def session_of_event(self, event: ContextEvent) -> int | None:
        """An event's session: its own number, else the first session on or after its date.

        An event dated after the last dated session is placed at that last session.
        """
        if event.session is not None:
            return int(event.session)
        if event.date is None or not self.dates:
            return None
        on_or_after = [s for s, d in self.dates.items() if d >= event.date]
        if on_or_after:
            return min(on_or_after)
        return max(self.dates)


def build_index(
    client_id: str, notes: Sequence[Note], measures: Sequence[Measure], *, missed_pattern: str = ""
) -> tuple[SessionIndex, list[Problem]]:
    """Build the session index of one client from its notes and measures.

    A session with no measures whose notes all match ``missed_pattern`` (a
    case-insensitive regular expression, e.g. "did not attend") is recorded as
    missed rather than attended.
    """
    problems: list[Problem] = []
    records: list[Note | Measure] = [*notes, *measures]
    numbered = [r for r in records if r.session is not None]
    by_date: dict[dt.date, int] = {}
    dates: dict[int, dt.date] = {}
    numbered_by_date = False
    if numbered:
        for r in numbered:
            if r.date is not None:
                by_date.setdefault(r.date, int(r.session))  # type: ignore[arg-type]
                dates.setdefault(int(r.session), r.date)  # type: ignore[arg-type]
    else:
        distinct = sorted({r.date for r in records if r.date is not None})
        by_date = {d: i + 1 for i, d in enumerate(distinct)}
        dates = {i + 1: d for i, d in enumerate(distinct)}
        numbered_by_date = bool(distinct)
    sessions: set[int] = set()
    note_text: dict[int, list[str]] = {}
    measured: set[int] = set()
    for r in records:
        s = r.session if r.session is not None else by_date.get(r.date) if r.date is not None else None
        if s is None:
            kind = "note" if isinstance(r, Note) else f"{r.instrument} rating"
            problems.append(
                Problem(
                    client_id,
                    f"A {kind} ({r.source or 'input'}, row {r.row}) has no session number and its date "
                    "matches no numbered session: left out of the series.",
                    numbers={"source": r.source, "row": r.row},
                )
            )
            continue
        sessions.add(int(s))
        if isinstance(r, Note):
            note_text.setdefault(int(s), []).append(f"{r.section or ''} {r.text}")
        else:
            measured.add(int(s))
    missed: set[int] = set()
    if missed_pattern:
        regex = re.compile(missed_pattern, re.IGNORECASE)
        missed = {
            s
            for s, texts in note_text.items()
            if s not in measured and texts and all(regex.search(t) for t in texts)
        }
    index = SessionIndex(
        client_id, tuple(sorted(sessions - missed)), dates, by_date, numbered_by_date, tuple(sorted(missed))
    )
    return index, problems


def ordered(values: Iterable[tuple[int, float]]) -> list[tuple[int, float]]:
    """(session, value) pairs sorted by session."""
    return sorted(values, key=lambda sv: sv[0])
