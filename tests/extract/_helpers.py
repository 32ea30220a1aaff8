"""Helpers shared by the extraction tests."""

from __future__ import annotations


def spans_by_text(statements, type_):
    """The statements of one type, keyed by their text."""
    return {s.text: s for s in statements if s.type == type_}
