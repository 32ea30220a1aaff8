"""Fixtures for the privacy tests: one shared spaCy model and Privacy object, and ``block_network``."""

from __future__ import annotations

import socket

import pytest

TEST_KEY = b"test-key-for-narrative-privacy-0"


def _refuse(*args, **kwargs):
    raise OSError("network access is blocked in this test")


@pytest.fixture
def block_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make every socket connect and DNS lookup fail (reusable: proves a stage is offline)."""
    monkeypatch.setattr(socket.socket, "connect", _refuse)
    monkeypatch.setattr(socket.socket, "connect_ex", _refuse)
    monkeypatch.setattr(socket, "getaddrinfo", _refuse)
    monkeypatch.setattr(socket, "create_connection", _refuse)
    monkeypatch.setattr(socket, "gethostbyname", _refuse)


@pytest.fixture(scope="session")
def spacy_nlp():
    """The de-identification pipeline, loaded once per test session."""
    from narrative.privacy.deid import load_spacy

    return load_spacy("en_core_web_sm")


@pytest.fixture(scope="session")
def privacy(spacy_nlp):
    """A Privacy facade with a fixed test key and default settings."""
    from narrative.privacy import Privacy

    return Privacy({}, nlp=spacy_nlp, key=TEST_KEY)
