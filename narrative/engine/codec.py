"""JSON for the run's own stores (the result cache and the spool), with orjson.

The cache and the spool hold every note's statements and scores, so a re-run over
a large export spends much of its time decoding them: orjson does it in about half
the time of the standard ``json`` module, and encodes about five times faster.
The text is ordinary JSON, so values written by either module read back with either.

What goes in comes back as the standard module would give it back (dates and
times are written as ``str()`` writes them), with one difference: numpy numbers
and arrays come back as numbers and lists (``json`` with ``default=str`` made
strings of them). A value holding a NaN or an infinity is written by the ``json``
module (orjson would write ``null``), and text orjson refuses (such a ``NaN``) is
read by it, so those round-trip as before.
"""

from __future__ import annotations

import json
import math
from typing import Any

import orjson

_OPTIONS = orjson.OPT_NON_STR_KEYS | orjson.OPT_SERIALIZE_NUMPY | orjson.OPT_PASSTHROUGH_DATETIME


def _default(value: Any) -> str:
    return str(value)


def dumps(value: Any) -> bytes:
    """Compact UTF-8 JSON of ``value`` (``str()`` for what JSON has no type for)."""
    out = orjson.dumps(value, default=_default, option=_OPTIONS)
    if b"null" in out and _has_non_finite(value):
        return json.dumps(value, separators=(",", ":"), default=str).encode("utf-8")
    return out


def dumps_text(value: Any) -> str:
    """:func:`dumps` as a ``str``."""
    return dumps(value).decode("utf-8")


def loads(data: bytes | str) -> Any:
    """The value of JSON ``data`` (also the ``NaN`` / ``Infinity`` the ``json`` module writes)."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def _has_non_finite(value: Any) -> bool:
    # iterative, with exact-type checks first: this runs on every record that holds a null
    stack = [value]
    pop, extend = stack.pop, stack.extend
    while stack:
        v = pop()
        t = type(v)
        if t is str or t is int or t is bool or v is None:
            continue
        if t is float:
            if not math.isfinite(v):
                return True
        elif t is dict:
            extend(v.values())
        elif t is list or t is tuple:
            extend(v)
        elif isinstance(v, float):
            if not math.isfinite(v):
                return True
        elif isinstance(v, dict):
            extend(v.values())
        elif isinstance(v, list | tuple):
            extend(v)
        elif t.__module__ == "numpy":
            import numpy as np

            if np.issubdtype(np.asarray(v).dtype, np.floating) and not np.isfinite(v).all():
                return True
    return False
