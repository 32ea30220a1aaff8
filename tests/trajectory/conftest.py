"""Shared helpers for the trajectory tests: hand-built records and settings."""

from __future__ import annotations

import pytest

from narrative.trajectory import ClientData, load_settings
from narrative.types import Measure, Note


@pytest.fixture(scope="session")
def settings():
    return load_settings()


@pytest.fixture(scope="session")
def rules(settings):
    return settings.rules


def series_measures(client_id: str, instrument: str, values, *, start: int = 1, item: str | None = "total"):
    """Measures of one instrument at consecutive sessions; None skips a session."""
    return [
        Measure(client_id, instrument, float(v), session=start + i, item=item, row=i + 2)
        for i, v in enumerate(values)
        if v is not None
    ]


def notes_for(client_id: str, sessions, *, section: str = "Progress Note", text: str = "Made-up note."):
    return [Note(f"{client_id}-{s}-{section}", client_id, text, session=s, section=section) for s in sessions]


def make_client(client_id: str = "C1", **kwargs) -> ClientData:
    return ClientData(client_id, **kwargs)
