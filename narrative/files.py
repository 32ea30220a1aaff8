"""Safe file writing and file digests, without heavy imports (model loaders use them too).

Every file the tool writes goes through :func:`atomic_path`: it is written to
a temporary file in the same folder and renamed into place only when complete,
so an interrupted run never leaves a half-written file and the previous one
stays intact.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a temporary path next to ``path``; rename it onto ``path`` on success.

    On any exception the temporary file is removed and ``path`` is untouched.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        with open(tmp_path, "rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp_path, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def write_text_atomic(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` (UTF-8) to ``path`` atomically."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


def file_sha256(path: str | os.PathLike[str], *, chunk: int = 1 << 20) -> str:
    """Hex SHA-256 of a file, read in chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        while block := fh.read(chunk):
            digest.update(block)
    return digest.hexdigest()


# The large model files' digests, remembered between runs (see :func:`remembered_sha256`).
DIGEST_MEMO_ENV = "NARRATIVE_DIGEST_MEMO"
DIGEST_MEMO_MIN_BYTES = 1 << 20
DIGEST_MEMO_MAX_ENTRIES = 64
_MEMO_OFF = {"", "0", "off", "no", "none", "false"}


def digest_memo_path() -> Path | None:
    """Where :func:`remembered_sha256` keeps its memo: ``$NARRATIVE_DIGEST_MEMO`` when set (``off``
    or ``0`` = no memo), else ``file-digests.json`` in ``$XDG_CACHE_HOME/narrative`` (default
    ``~/.cache/narrative``). The memo holds model files' paths and digests, never any note data."""
    value = os.environ.get(DIGEST_MEMO_ENV)
    if value is not None:
        return None if value.strip().lower() in _MEMO_OFF else Path(value).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "narrative" / "file-digests.json"


def remembered_sha256(path: str | os.PathLike[str]) -> str:
    """Hex SHA-256 of a (model) file, remembered between runs while the file stays the same.

    Hashing the embedding model's weights and ONNX export costs about 0.4 s per process, paid
    by every run and worker only to check files that rarely change. A file of at least 1 MiB is
    hashed once; its digest is kept in a memo (:func:`digest_memo_path`) with the file's size,
    modification and change times (ns), inode and device, and re-used only while all of them are
    unchanged (any write to the file changes its change time, which no user tool can set back).
    An unreadable or unwritable memo is ignored: the file is hashed.
    """
    target = Path(path)
    stat = target.stat()
    memo_file = digest_memo_path()
    if stat.st_size < DIGEST_MEMO_MIN_BYTES or memo_file is None:
        return file_sha256(target)
    key = str(target.resolve())
    stamp = [stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino, stat.st_dev]
    memo = _read_digest_memo(memo_file)
    entry = memo.get(key)
    if isinstance(entry, dict) and entry.get("stamp") == stamp and isinstance(entry.get("sha256"), str):
        return entry["sha256"]
    digest = file_sha256(target)
    memo.pop(key, None)
    memo[key] = {"stamp": stamp, "sha256": digest}
    while len(memo) > DIGEST_MEMO_MAX_ENTRIES:
        memo.pop(next(iter(memo)))
    with contextlib.suppress(OSError):
        write_text_atomic(memo_file, json.dumps(memo, indent=1) + "\n")
    return digest


def _read_digest_memo(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}
