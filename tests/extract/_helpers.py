"""Helpers shared by the extraction tests."""

from __future__ import annotations


def spans_by_text(statements, type_):
    """The statements of one type, keyed by their text."""
    return {s.text: s for s in statements if s.type == type_}


def titles_of(note: str, rules) -> list[str]:
    """The chapter titles ``find_titles`` finds in ``note``, as their text."""
    from narrative.extract.titles import find_titles

    return [note[t.start : t.end] for t in find_titles(note, rules)]
