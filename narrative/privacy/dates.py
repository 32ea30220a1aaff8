"""Dates in note text: shift in place (keeping the format) or generalise to the year.

A date found by a ``dates`` pattern of ``recognizers.yaml`` is re-read with
the same pattern. Its named groups (``y`` year, ``m`` month number, ``mon``
month name, ``d`` day, ``sfx`` ordinal suffix) are replaced one by one, so
"March 5th, 2024" becomes "March 19th, 2024" and "03/05/24" becomes
"03/19/24". A date without a year is shifted within a leap year; a month
without a day is shifted from its 15th.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTH_ABBR = {name.lower(): i for i, name in enumerate(calendar.month_abbr) if name}
MONTH_ABBR["sept"] = 9

_LEAP_YEAR = 2000


@dataclass(frozen=True, slots=True)
class DateParts:
    """What a date phrase says: a year (or None), a month and a day (or None)."""

    year: int | None
    month: int
    day: int | None


def month_number(name: str) -> int | None:
    """1..12 for a month name or abbreviation (any case, trailing dot allowed)."""
    key = name.lower().rstrip(".")
    return MONTHS.get(key) or MONTH_ABBR.get(key) or MONTH_ABBR.get(key[:3])


def _year(text: str) -> int:
    digits = text.lstrip("'")
    value = int(digits)
    if len(digits) == 2:
        # two-digit years: 00-40 -> 2000s, else 1900s (notes mix birth dates and visit dates)
        value += 2000 if value <= 40 else 1900
    return value


def parts_from_match(groups: dict[str, str | None], *, day_first: bool = False) -> DateParts | None:
    """Read a date pattern's named groups; None when they do not form a real date."""
    year = _year(groups["y"]) if groups.get("y") else None
    month: int | None = None
    day = int(groups["d"]) if groups.get("d") else None
    if groups.get("mon"):
        month = month_number(groups["mon"] or "")
    elif groups.get("m"):
        month = int(groups["m"] or "0")
        if day is not None and (day_first or month > 12) and day <= 12:
            month, day = day, month
    if month is None or not 1 <= month <= 12:
        return None
    if day is not None:
        try:
            dt.date(year or _LEAP_YEAR, month, day)
        except ValueError:
            return None
    return DateParts(year, month, day)


def shift_match(match: Any, offset_days: int, *, day_first: bool = False) -> str | None:
    """The matched date phrase with its date moved by ``offset_days``, format kept.

    Args:
        match: a ``regex``/``re`` match of a ``dates`` pattern.
        offset_days: the client's shift.
        day_first: numeric dates are day/month.

    Returns:
        The new phrase, or None when the match is not a valid date.
    """
    groups = match.groupdict()
    parts = parts_from_match(groups, day_first=day_first)
    if parts is None:
        return None
    base = dt.date(parts.year or _LEAP_YEAR, parts.month, parts.day or 15)
    if parts.day is None:
        # a month without a day moves by whole months (at least one), so it never stays the same
        months = round(offset_days / 30.44) or (1 if offset_days > 0 else -1)
        index = base.year * 12 + base.month - 1 + months
        new = dt.date(index // 12, index % 12 + 1, 15)
    else:
        new = base + dt.timedelta(days=offset_days)
    swapped = bool(groups.get("m") and groups.get("d")) and (
        (day_first or int(groups["m"]) > 12) and int(groups["d"]) <= 12
    )
    values: dict[str, str] = {}
    pad = any((groups.get(g) or "").startswith("0") for g in ("m", "d")) or (
        bool(groups.get("y") and groups.get("m")) and match.start("y") < match.start("m")
    )
    if groups.get("y"):
        old = groups["y"] or ""
        digits = old.lstrip("'")
        year_text = str(new.year) if len(digits) == 4 else f"{new.year % 100:02d}"
        values["y"] = ("'" if old.startswith("'") else "") + year_text
    if groups.get("mon"):
        values["mon"] = _month_like(groups["mon"] or "", new.month)
    if groups.get("m"):
        values["m"] = _number_like(groups["m"] or "", new.day if swapped else new.month, pad=pad)
    if groups.get("d"):
        values["d"] = _number_like(groups["d"] or "", new.month if swapped else new.day, pad=pad)
    if groups.get("sfx"):
        values["sfx"] = _ordinal_suffix(new.day, upper=(groups["sfx"] or "").isupper())
    return _replace_groups(match, values)


def year_of_match(match: Any, *, day_first: bool = False) -> str | None:
    """The year a matched date phrase names, as text; None when it names none."""
    parts = parts_from_match(match.groupdict(), day_first=day_first)
    if parts is None or parts.year is None:
        return None
    return str(parts.year)


def _replace_groups(match: Any, values: dict[str, str]) -> str:
    text = match.group(0)
    origin = match.start(0)
    edits = sorted(((match.span(name), value) for name, value in values.items()), reverse=True)
    for (start, end), value in edits:
        if start < 0:
            continue
        text = text[: start - origin] + value + text[end - origin :]
    return text


def _number_like(old: str, value: int, *, pad: bool) -> str:
    return f"{value:02d}" if pad and len(old) == 2 else str(value)


def _month_like(old: str, month: int) -> str:
    stripped = old.rstrip(".")
    if stripped.lower() in MONTHS:
        name = calendar.month_name[month]
    elif stripped.lower() == "sept":
        name = calendar.month_abbr[month] if month != 9 else "Sept"
    else:
        name = calendar.month_abbr[month]
    if stripped.isupper() and len(stripped) > 1:
        name = name.upper()
    elif stripped.islower():
        name = name.lower()
    return name + old[len(stripped) :]


def _ordinal_suffix(day: int, *, upper: bool = False) -> str:
    suffix = "th" if 10 <= day % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(day % 10, "th")
    return suffix.upper() if upper else suffix


def shift_date(date: dt.date | dt.datetime | None, offset_days: int) -> dt.date | None:
    """A calendar date moved by ``offset_days`` (datetimes become dates)."""
    if date is None:
        return None
    if isinstance(date, dt.datetime):
        date = date.date()
    return date + dt.timedelta(days=offset_days)


def generalize_date(date: dt.date | dt.datetime | None) -> dt.date | None:
    """The date generalised to its year (1 January of that year)."""
    if date is None:
        return None
    return dt.date(date.year, 1, 1)


def first_match(patterns: Sequence[Any], text: str) -> Any | None:
    """The first pattern that matches the whole of ``text``."""
    for pattern in patterns:
        match = pattern.fullmatch(text)
        if match is not None:
            return match
    return None
