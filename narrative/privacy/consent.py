"""Which clients are left out of every output: opt-outs and the --exclude list."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from collections.abc import Iterable
from pathlib import Path

from ..errors import InputError, privacy_exclude_msg
from ..types import Consent

# Header names accepted for the id column of an exclude CSV (compared case- and space-insensitively).
ID_COLUMNS = ("client_id", "clientid", "client", "patient_id", "patientid", "patient", "id", "mrn")


def excluded_clients(consents: Iterable[Consent], exclude: Iterable[str] = ()) -> set[str]:
    """Client ids to leave out: those whose latest consent record opts out, plus ``exclude``.

    The latest record per client wins: records are ordered by date, records
    without a date count as older than any dated one, and among equal dates the
    one read later wins. So a client who opted out and later opted back in is
    included again.
    """
    latest: dict[str, tuple[dt.date, int, bool]] = {}
    for order, consent in enumerate(consents):
        client = str(consent.client_id).strip()
        if not client:
            continue
        when = consent.date or dt.date.min
        rank = (when, order, bool(consent.opted_out))
        if client not in latest or rank[:2] >= latest[client][:2]:
            latest[client] = rank
    out = {client for client, (_, _, opted_out) in latest.items() if opted_out}
    out.update(str(c).strip() for c in exclude if str(c).strip())
    return out


def read_exclude_list(path: str | os.PathLike[str]) -> set[str]:
    """Client ids in an ``--exclude`` file.

    Either one id per line (blank lines and lines starting with ``#`` are
    skipped), or a CSV/TSV file whose header has a ``client_id`` column (also
    "Client ID", "patient_id", "id"...).

    Raises:
        InputError: the file is missing, not text, or a CSV without an id column.
    """
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise InputError(privacy_exclude_msg(p, f"{type(exc).__name__}")) from None
    if b"\x00" in raw:
        raise InputError(privacy_exclude_msg(p, "it is a binary file"))
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = raw.decode("latin-1")
    lines = [line for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return set()
    first = lines[0]
    delimiter = next((d for d in (",", "\t", ";") if d in first), None)
    if delimiter is None:
        return {line.strip() for line in lines}
    reader = csv.reader(io.StringIO("\n".join(lines)), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    keys = [h.casefold().replace(" ", "_").replace("-", "_") for h in header]
    index = next((keys.index(c) for c in ID_COLUMNS if c in keys), None)
    if index is None:
        raise InputError(
            privacy_exclude_msg(p, f"no client id column among the header columns {header}", row=1)
        )
    ids: set[str] = set()
    for row in reader:
        if index < len(row) and row[index].strip():
            ids.add(row[index].strip())
    return ids
