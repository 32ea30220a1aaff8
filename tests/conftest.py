"""Shared fixtures: one demo-caseload run per test session, reused by many tests."""

from __future__ import annotations

import os
import socket
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED_DATA = ROOT.parent / "shared" / "data"


def pytest_collection_modifyitems(config, items):
    if SHARED_DATA.is_dir():
        return
    skip = pytest.mark.skip(reason=f"needs the training data in {SHARED_DATA} (not on a user's machine)")
    for item in items:
        if "shared_data" in item.keywords:
            item.add_marker(skip)


@pytest.fixture(autouse=True, scope="session")
def _digest_memo(tmp_path_factory):
    """Model files' remembered digests go to a session folder, not the user's ~/.cache."""
    os.environ["NARRATIVE_DIGEST_MEMO"] = str(tmp_path_factory.mktemp("memo") / "file-digests.json")


class NetworkBlocked(RuntimeError):
    """Raised when code under test tries to open a network connection."""


@pytest.fixture
def no_network(monkeypatch):
    """Fail any attempt to resolve a host or connect a non-local socket."""

    real_connect = socket.socket.connect

    def guarded_connect(self, address):
        if self.family == socket.AF_UNIX:
            return real_connect(self, address)
        raise NetworkBlocked(f"network access attempted: {address!r}")

    def guarded_getaddrinfo(*args, **kwargs):
        raise NetworkBlocked(f"DNS lookup attempted: {args[0]!r}")

    monkeypatch.setattr(socket.socket, "connect", guarded_connect)
    monkeypatch.setattr(socket, "getaddrinfo", guarded_getaddrinfo)
    monkeypatch.setattr(
        socket, "create_connection", lambda *a, **k: (_ for _ in ()).throw(NetworkBlocked("connect"))
    )
    yield


@pytest.fixture(scope="session")
def key_file(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("key") / "pseudonym.key"
    path.write_bytes(b"k" * 32)
    path.chmod(0o600)
    return path


@pytest.fixture(scope="session")
def demo_run(tmp_path_factory, key_file):
    """The full pipeline on the bundled demo caseload, once per session (local engine, 1 worker)."""
    from narrative.config import load_config
    from narrative.ingest import demo_inputs
    from narrative.run import RunOptions, analyze

    out = tmp_path_factory.mktemp("demo-run")
    summary = analyze(demo_inputs(), RunOptions(out=out, key_file=key_file), config=load_config())
    return summary
