"""Cheap substring prefilters for costly regular expressions.

:func:`required_words` reads a compiled pattern's syntax tree and returns lower-case strings of
which every match holds at least one; :func:`narrative.extract.data.may_hold` then tells, with a few
substring tests, that a text cannot match and the regex scan can be skipped. Deriving the words from
the pattern itself keeps them true when the pattern changes (no hand-kept ``requires`` list).
"""

from __future__ import annotations

import re
from re import _constants as _sre  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

from .data import _ODD_CASE

# Largest set of alternatives kept for one part of a pattern (a product of classes grows fast).
_MAX_WORDS = 64

_Info = tuple[frozenset[str] | None, frozenset[str] | None]  # (exact strings, required words)
_EMPTY = frozenset({""})
_NONE: _Info = (None, None)


def required_words(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case strings of which every match of ``pattern`` holds one, () when none is found.

    Only characters that a case-insensitive match and ``str.lower`` treat alike are used (ASCII,
    and caseless symbols such as quote marks and dashes), so ``may_hold(text, words)`` is False only
    when ``pattern`` cannot match ``text``. Lookaround contents count too: they must be in the text.
    """
    exact, required = _sequence(_parser.parse(pattern.pattern, pattern.flags))
    best = _best([exact, required])
    return tuple(sorted(best)) if best else ()


def _usable(ch: str) -> bool:
    return ch.isascii() or (ch.lower() == ch == ch.upper() and not ch.isalpha())


def _words(strings: frozenset[str] | None) -> frozenset[str] | None:
    """``strings`` as required words: None when one of them is empty (always present); a word
    that holds another is dropped (the shorter one is found whenever the longer is)."""
    if not strings or "" in strings:
        return None
    ordered = sorted(strings, key=len)
    kept: list[str] = []
    for word in ordered:
        if not any(k in word for k in kept):
            kept.append(word)
    return frozenset(kept)


def _best(options: list[frozenset[str] | None]) -> frozenset[str] | None:
    """The most selective of several valid word sets: longest shortest word, then fewest words."""
    sets = [w for w in (_words(o) for o in options) if w]
    if not sets:
        return None
    return max(sets, key=lambda s: (min(min(len(w) for w in s), 6), -len(s)))


def _sequence(items) -> _Info:  # noqa: ANN001 - a re._parser.SubPattern
    run: frozenset[str] | None = _EMPTY  # exact strings of the current run of exact items
    all_exact = True
    candidates: list[frozenset[str] | None] = []
    for op, av in items:
        exact, required = _item(op, av)
        candidates.append(required)
        if exact is not None and run is not None and len(run) * len(exact) <= _MAX_WORDS:
            run = frozenset(a + b for a in run for b in exact)
            continue
        all_exact = False
        candidates.append(run)
        run = exact if exact is not None else _EMPTY
    candidates.append(run)
    return (run if all_exact else None), _best(candidates)


def _item(op, av) -> _Info:  # noqa: ANN001, C901 - one branch per opcode
    if op is _sre.LITERAL:
        ch = chr(av)
        return (frozenset({ch.lower()}), None) if _usable(ch) else _NONE
    if op is _sre.IN:
        chars = set()
        for sub_op, sub_av in av:
            if sub_op is not _sre.LITERAL or not _usable(chr(sub_av)):
                return _NONE
            chars.add(chr(sub_av).lower())
        return (frozenset(chars), None) if len(chars) <= _MAX_WORDS else _NONE
    if op is _sre.AT or op is _sre.ASSERT_NOT:
        return _EMPTY, None
    if op is _sre.ASSERT:
        exact, required = _sequence(av[1])
        return _EMPTY, _best([exact, required])
    if op is _sre.SUBPATTERN:
        return _sequence(av[3])
    if op is _sre.ATOMIC_GROUP:
        return _sequence(av)
    if op is _sre.BRANCH:
        infos = [_sequence(branch) for branch in av[1]]
        exact: frozenset[str] | None = None
        if all(e is not None for e, _ in infos):
            union = frozenset().union(*(e for e, _ in infos if e is not None))
            exact = union if len(union) <= _MAX_WORDS else None
        parts = [_best([e, r]) for e, r in infos]
        required = None if any(p is None for p in parts) else frozenset().union(*parts)  # type: ignore[misc]
        return exact, required
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT):
        low, high, sub = av
        exact, required = _sequence(sub)
        if low == 0:
            return (exact | _EMPTY if exact is not None and high == 1 else None), None
        return (exact if low == high == 1 else None), _best([exact, required])
    return _NONE  # any character, a class with ranges or categories, a group reference ...


def lowered(text: str) -> str | None:
    """``text.lower()`` for :func:`holds`, once per text; None when ``text`` holds a character that a
    case-insensitive regex reads as an ASCII letter but ``str.lower`` does not turn into it (then
    no prefilter can rule a match out)."""
    if any(ch in text for ch in _ODD_CASE):
        return None
    return text.lower()


def holds(low: str | None, words: tuple[str, ...]) -> bool:
    """:func:`narrative.extract.data.may_hold` of a text already passed through :func:`lowered`."""
    return low is None or any(word in low for word in words)


def search_at_words(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> bool:
    """``pattern.search(text) is not None`` for a pattern whose every match starts with one of
    ``starts`` (lower-case) in any letter case: the pattern is tried only where one of them occurs
    (``pattern.match`` at that offset still sees the text before it), not at every character.
    """
    low = lowered(text)
    if low is None or len(low) != len(text):  # (offsets in ``low`` would not be offsets in ``text``)
        return pattern.search(text) is not None
    match = pattern.match
    for word in starts:
        at = low.find(word)
        while at >= 0:
            if match(text, at) is not None:
                return True
            at = low.find(word, at + 1)
    return False


def start_strings(pattern: re.Pattern[str]) -> tuple[str, ...]:
    """Lower-case strings of which every match of ``pattern`` starts with one, () when none is found.

    Read from the pattern's syntax tree like :func:`required_words` (the same characters only):
    zero-width items (anchors, lookarounds) before the first character are passed over, alternatives
    give one string set each. A string that starts with another of the set is dropped (wherever the
    longer one occurs, the shorter does).
    """
    found = _starts(_parser.parse(pattern.pattern, pattern.flags))
    if not found or "" in found:
        return ()
    ordered = sorted(found, key=len)
    kept: list[str] = []
    for word in ordered:
        if not any(word.startswith(k) for k in kept):
            kept.append(word)
    return tuple(sorted(kept))


_ZERO_WIDTH = (_sre.AT, _sre.ASSERT, _sre.ASSERT_NOT)


def _starts(items) -> frozenset[str] | None:  # noqa: ANN001 - a re._parser.SubPattern
    """Strings every match of the sequence ``items`` starts with (None: unknown)."""
    run: frozenset[str] = _EMPTY
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        exact = _item(op, av)[0]
        if exact is None:
            if run != _EMPTY:
                return run
            if op is _sre.SUBPATTERN:
                return _starts(av[3])
            if op is _sre.BRANCH:
                branches = [_starts(branch) for branch in av[1]]
                if any(b is None for b in branches):
                    return None
                return frozenset().union(*branches)  # type: ignore[arg-type]
            if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT, _sre.POSSESSIVE_REPEAT) and av[0] >= 1:
                return _starts(av[2])
            return None
        if len(run) * len(exact) > _MAX_WORDS:
            return run if run != _EMPTY else None
        run = frozenset(a + b for a in run for b in exact)
    return run


def finditer_at_words(pattern: re.Pattern[str], text: str, starts: tuple[str, ...]) -> list[re.Match[str]]:
    """``list(pattern.finditer(text))`` for a pattern whose every match starts with one of ``starts``
    (lower-case, as :func:`start_strings` gives them) in any letter case and is never empty: the
    pattern is tried only where one of them occurs, in text order, past the end of the last match
    (``pattern.match`` at an offset still sees the text before it, for lookbehinds and anchors).
    """
    low = lowered(text)
    # (offsets in ``low`` would not be offsets in ``text``)
    if low is None or len(low) != len(text) or not starts:
        return list(pattern.finditer(text))
    at: set[int] = set()
    for word in starts:
        k = low.find(word)
        while k >= 0:
            at.add(k)
            k = low.find(word, k + 1)
    found: list[re.Match[str]] = []
    end, match = 0, pattern.match
    for k in sorted(at):
        if k < end:
            continue
        m = match(text, k)
        if m is not None:
            if m.end() == k:  # (an empty match: finditer's own stepping rules apply)
                return list(pattern.finditer(text))
            found.append(m)
            end = m.end()
    return found
