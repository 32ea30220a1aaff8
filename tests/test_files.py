"""narrative.files: the remembered digests of model files."""

from __future__ import annotations

import hashlib
import json
import os

import pytest

from narrative.files import DIGEST_MEMO_ENV, DIGEST_MEMO_MIN_BYTES, file_sha256, remembered_sha256


@pytest.fixture
def memo(tmp_path, monkeypatch):
    path = tmp_path / "memo" / "file-digests.json"
    monkeypatch.setenv(DIGEST_MEMO_ENV, str(path))
    return path


def _big_file(path, byte=b"a"):
    path.write_bytes(byte * DIGEST_MEMO_MIN_BYTES)
    return path


def test_digest_is_the_files_sha256_and_is_remembered(tmp_path, memo):
    weights = _big_file(tmp_path / "model.safetensors")
    expected = hashlib.sha256(weights.read_bytes()).hexdigest()
    assert remembered_sha256(weights) == expected == file_sha256(weights)
    entries = json.loads(memo.read_text(encoding="utf-8"))
    assert entries[str(weights.resolve())]["sha256"] == expected


def test_remembered_digest_is_reused_while_the_file_is_unchanged(tmp_path, memo):
    weights = _big_file(tmp_path / "model.safetensors")
    remembered_sha256(weights)
    entries = json.loads(memo.read_text(encoding="utf-8"))
    entries[str(weights.resolve())]["sha256"] = "f" * 64  # only the memo can give this value
    memo.write_text(json.dumps(entries), encoding="utf-8")
    assert remembered_sha256(weights) == "f" * 64


def test_a_changed_file_is_hashed_again(tmp_path, memo):
    weights = _big_file(tmp_path / "model.safetensors")
    first = remembered_sha256(weights)
    stat = weights.stat()
    with open(weights, "r+b") as fh:  # same size, same modification time: the change time moves
        fh.write(b"b")
    os.utime(weights, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    second = remembered_sha256(weights)
    assert second != first
    assert second == hashlib.sha256(weights.read_bytes()).hexdigest()


def test_small_files_and_memo_off_are_always_hashed(tmp_path, memo, monkeypatch):
    small = tmp_path / "model.json"
    small.write_text("{}", encoding="utf-8")
    assert remembered_sha256(small) == hashlib.sha256(b"{}").hexdigest()
    assert not memo.exists()
    monkeypatch.setenv(DIGEST_MEMO_ENV, "off")
    weights = _big_file(tmp_path / "model.safetensors")
    assert remembered_sha256(weights) == hashlib.sha256(weights.read_bytes()).hexdigest()
    assert not memo.exists()


def test_an_unreadable_or_unwritable_memo_is_ignored(tmp_path, monkeypatch):
    weights = _big_file(tmp_path / "model.safetensors")
    expected = hashlib.sha256(weights.read_bytes()).hexdigest()
    garbage = tmp_path / "memo.json"
    garbage.write_text("not json", encoding="utf-8")
    monkeypatch.setenv(DIGEST_MEMO_ENV, str(garbage))
    assert remembered_sha256(weights) == expected
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(DIGEST_MEMO_ENV, str(blocker / "memo.json"))  # its folder cannot be made
    assert remembered_sha256(weights) == expected
