"""Keyed pseudonyms and per-client date offsets.

Every pseudonym and date shift is an HMAC-SHA256 of the identifier under a
secret key that the user keeps (never written into any output). The same key
gives the same pseudonyms in every run, so outputs of separate runs can be
joined; without the key the mapping cannot be reversed or recomputed.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import secrets
import stat
from pathlib import Path

from ..errors import InputError, privacy_key_file_msg

logger = logging.getLogger(__name__)

KEY_ENV = "NARRATIVE_KEY_FILE"
DEFAULT_KEY_PATH = Path("~/.config/narrative/key")
MIN_KEY_BYTES = 16
CLIENT_PREFIX = "C-"
CLINICIAN_PREFIX = "T-"


def _digest(key: bytes, domain: str, value: str) -> bytes:
    return hmac.new(key, domain.encode("utf-8") + value.encode("utf-8"), hashlib.sha256).digest()


def pseudonymize(client_id: str, key: bytes) -> str:
    """Stable keyed pseudonym of a client id: ``"C-"`` + 10 hex characters of HMAC-SHA256.

    Surrounding whitespace of the id is ignored; case is kept (EHR ids are case-sensitive).
    """
    _check_key(key)
    return CLIENT_PREFIX + _digest(key, "", str(client_id).strip()).hex()[:10]


def pseudonymize_clinician(name: str, key: bytes) -> str:
    """Stable keyed pseudonym of a clinician: ``"T-"`` + 8 hex characters.

    Case, surrounding spaces, repeated spaces and a leading title ("Dr.") do not
    change the pseudonym, so "Dr. Amy Chen" and "amy  chen" map to the same one.
    """
    _check_key(key)
    return CLINICIAN_PREFIX + _digest(key, "clinician\x00", normalize_person_name(name)).hex()[:8]


_TITLES = {"dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.", "mx", "mx.", "prof", "prof.", "doctor"}


def normalize_person_name(name: str) -> str:
    """Case-folded name with single spaces and without a leading title or trailing credentials."""
    words = str(name).replace(",", " ").split()
    while words and words[0].casefold() in _TITLES:
        words = words[1:]
    credentials = {"phd", "psyd", "lcsw", "lpc", "lmft", "md", "msw", "rn", "np", "lmhc", "ma", "ms", "msc"}
    while len(words) > 1 and words[-1].casefold().replace(".", "") in credentials:
        words = words[:-1]
    return " ".join(w.casefold() for w in words)


def date_offset_days(client_id: str, key: bytes, *, max_days: int) -> int:
    """The client's secret date shift: a non-zero whole number of days in [-max_days, max_days]."""
    _check_key(key)
    if max_days < 1:
        raise ValueError(f"max_days must be >= 1, got {max_days}")
    value = int.from_bytes(_digest(key, "date-shift\x00", str(client_id).strip())[:8], "big")
    magnitude = 1 + (value >> 1) % max_days
    return magnitude if value & 1 else -magnitude


def _check_key(key: bytes) -> None:
    if not isinstance(key, bytes | bytearray) or len(key) < MIN_KEY_BYTES:
        raise ValueError(f"the pseudonym key must be at least {MIN_KEY_BYTES} bytes")


def resolve_key_path(path: str | os.PathLike[str] | None = None) -> Path:
    """``path`` if given, else ``$NARRATIVE_KEY_FILE``, else ``~/.config/narrative/key``."""
    if path is not None and str(path).strip():
        return Path(path).expanduser()
    env = os.environ.get(KEY_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return DEFAULT_KEY_PATH.expanduser()


def load_or_create_key(path: str | os.PathLike[str] | None = None) -> bytes:
    """Read the secret key, or create it (32 random bytes, hex, mode 0600) if the file is absent.

    Args:
        path: Key file; ``None`` means ``$NARRATIVE_KEY_FILE`` or ``~/.config/narrative/key``.

    Returns:
        The key bytes. A file of 64 hex characters (as created here) is decoded;
        any other content of at least 16 bytes is used as it is.

    Raises:
        InputError: the path is a folder, unreadable, or holds too short a key.
    """
    key_path = resolve_key_path(path)
    if key_path.is_dir():
        raise InputError(privacy_key_file_msg(key_path, "it is a folder"))
    if not key_path.exists():
        return _create_key(key_path)
    try:
        raw = key_path.read_bytes()
    except OSError as exc:
        raise InputError(privacy_key_file_msg(key_path, f"cannot read it: {type(exc).__name__}")) from None
    mode = key_path.stat().st_mode
    if mode & (stat.S_IRWXG | stat.S_IRWXO):
        logger.warning(
            "privacy key file %s can be read by other users; run: chmod 600 %s", key_path, key_path
        )
    text = raw.strip()
    try:
        decoded = bytes.fromhex(text.decode("ascii"))
    except (UnicodeDecodeError, ValueError):
        decoded = b""
    key = decoded if len(decoded) >= MIN_KEY_BYTES else raw
    if len(key) < MIN_KEY_BYTES or not text:
        raise InputError(privacy_key_file_msg(key_path, f"it holds {len(raw)} bytes"))
    return bytes(key)


def _create_key(key_path: Path) -> bytes:
    key = secrets.token_bytes(32)
    try:
        key_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:  # created by a parallel run in the meantime: use that one
        return load_or_create_key(key_path)
    except OSError as exc:
        raise InputError(privacy_key_file_msg(key_path, f"cannot create it: {type(exc).__name__}")) from None
    with os.fdopen(fd, "w", encoding="ascii") as fh:
        fh.write(key.hex() + "\n")
    os.chmod(key_path, 0o600)
    logger.info("created a new privacy key file %s; keep it to get the same pseudonyms next time", key_path)
    return key
