"""Every user-facing message in one place.

Messages name the file, row and column, the bad value and what is allowed.
They never contain note text: pass :func:`describe_value` output for text
columns.
"""

from __future__ import annotations

from typing import Any


class NarrativeError(Exception):
    """An expected failure: the CLI prints the message and exits with code 1."""


class InputError(NarrativeError):
    """An input file or argument cannot be used at all."""


class ConfigError(NarrativeError):
    """A configuration or rules file is invalid."""


class ModelError(NarrativeError):
    """A model package or artifact is missing or does not match its pin."""


def describe_value(value: Any, *, is_text: bool = False, limit: int = 60) -> str:
    """A safe, short rendering of a bad value for messages and the rejects file.

    Note text (``is_text=True``) is never echoed: only its length is given.
    """
    if value is None:
        return "<empty>"
    if is_text:
        return f"<{len(str(value))} characters>"
    text = str(value)
    if text == "":
        return "<empty>"
    if len(text) > limit:
        text = text[:limit] + "…"
    return repr(text)


def value_invalid_msg(name: str, value: Any, expected: str, *, where: str = "") -> str:
    """'<where>: invalid <name> 'x'; expected <expected>.'"""
    prefix = f"{where}: " if where else ""
    return f"{prefix}invalid {name} {describe_value(value)}; expected {expected}."


def where(source: str, row: int | None = None, column: str | None = None) -> str:
    """'file.csv, row 12, column "Session Date"'."""
    parts = [str(source)]
    if row is not None:
        parts.append(f"row {row}")
    if column:
        parts.append(f'column "{column}"')
    return ", ".join(parts)


# ---- ingest messages (narrative.ingest) ----

# ---- extract messages (narrative.extract) ----

# ---- score messages (narrative.score) ----

# ---- trajectory messages (narrative.trajectory) ----

# ---- report messages (narrative.report) ----

# ---- privacy messages (narrative.privacy) ----

# ---- engine messages (narrative.engine) ----
