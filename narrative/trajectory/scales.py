"""Per-session series of the rated instruments (all but GAS) for one client.

Series built here (``TrajectoryPoint.series``):

* ``alliance``: the 1-10 connection rating; ``detail.quote`` is the client's
  "what contributed" answer when given.
* ``srs_total``: Session Rating Scale total (0-40), from the total row or the
  sum of items 1-4; detail ``concern`` (total < cutoff 36) and
  ``drop_from_previous`` (points lost since the previous SRS).
* ``wai_sr_total`` (sum of items 1-12, range 12-60) and the subscale sums
  ``wai_sr_task`` (items 1, 2, 10, 12), ``wai_sr_bond`` (3, 5, 7, 9) and
  ``wai_sr_goal`` (4, 6, 8, 11), each 4-20 (Hatcher & Gillaspy 2006);
  detail ``mean_item``.
* ``phq9``, ``gad7``: totals with detail ``band`` (severity), ``case``,
  ``change_from_first`` and ``reliable`` (improvement / deterioration /
  no_reliable_change since the first rating).
* ``ors``: Outcome Rating Scale total with ``case`` (< 25) and ``reliable``.
* any other instrument: its total under its own name (item rows are summed
  when the instrument's item count is configured; otherwise a total row is needed).

An instrument's total comes from its ``total`` row when there is one, else from
its items when every item is present. Values outside the instrument's range are
left out and reported.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from ..types import Measure, TrajectoryPoint
from .change import change_category, is_case, severity_band
from .sessions import Problem, SessionIndex
from .settings import FlagRules, Instrument

WAI_SR_SUBSCALES: dict[str, tuple[int, ...]] = {
    "task": (1, 2, 10, 12),
    "bond": (3, 5, 7, 9),
    "goal": (4, 6, 8, 11),
}
TOTAL_ITEMS = (None, "", "total")


@dataclasses.dataclass
class SessionRatings:
    """The rows of one instrument at one session."""

    total: float | None = None
    items: dict[int, float] = dataclasses.field(default_factory=dict)
    text: list[str] = dataclasses.field(default_factory=list)


def _fmt(value: float) -> str:
    return f"{value:g}"


def group_measures(
    client_id: str, measures: Sequence[Measure], index: SessionIndex, rules: FlagRules
) -> tuple[dict[str, dict[int, SessionRatings]], list[Problem]]:
    """Group a client's non-GAS measures by instrument and session, checking ranges."""
    problems: list[Problem] = []
    grouped: dict[str, dict[int, SessionRatings]] = {}
    for m in measures:
        if m.instrument == "gas":
            continue
        session = index.resolve(m.session, m.date)
        if session is None:
            continue  # reported by build_index
        inst = rules.instruments.get(m.instrument)
        label = inst.label if inst else m.instrument
        ratings = grouped.setdefault(m.instrument, {}).setdefault(session, SessionRatings())
        if m.text:
            ratings.text.append(m.text)
        if m.item in TOTAL_ITEMS:
            low, high = (inst.min, inst.max) if inst else (None, None)
            if (low is not None and m.value < low) or (high is not None and m.value > high):
                problems.append(
                    Problem(
                        client_id,
                        f"{label} total {_fmt(m.value)} at s{session} is outside {_fmt(low or 0)}-{_fmt(high or 0)}: left out.",
                        session,
                        {"instrument": m.instrument, "value": m.value},
                    )
                )
                continue
            if ratings.total is not None:
                problems.append(
                    Problem(client_id, f"{label} has two totals at s{session}: the first is kept.", session)
                )
                continue
            ratings.total = float(m.value)
            continue
        try:
            item = int(str(m.item))
        except ValueError:
            problems.append(
                Problem(
                    client_id,
                    f"{label} row at s{session} has item {m.item!r}; expected 'total' or an item number: left out.",
                    session,
                )
            )
            continue
        n_items = inst.items if inst else None
        low, high = (inst.item_min, inst.item_max) if inst else (None, None)
        bad_item = n_items is not None and not (1 <= item <= n_items)
        bad_value = (low is not None and m.value < low) or (high is not None and m.value > high)
        if bad_item or bad_value:
            expected = f"items 1-{n_items}" if bad_item else f"values {_fmt(low or 0)}-{_fmt(high or 0)}"
            problems.append(
                Problem(
                    client_id,
                    f"{label} item {item} = {_fmt(m.value)} at s{session} is invalid ({expected}): left out.",
                    session,
                    {"instrument": m.instrument, "item": item, "value": m.value},
                )
            )
            continue
        if item in ratings.items:
            problems.append(
                Problem(
                    client_id,
                    f"{label} item {item} is given twice at s{session}: the first is kept.",
                    session,
                )
            )
            continue
        ratings.items[item] = float(m.value)
    return grouped, problems


def _total(
    client_id: str, instrument: str, inst: Instrument | None, session: int, r: SessionRatings
) -> tuple[float | None, Problem | None]:
    if r.total is not None:
        return r.total, None
    if not r.items:
        return None, None
    n_items = inst.items if inst else None
    label = inst.label if inst else instrument
    if n_items is None:
        return None, Problem(
            client_id,
            f"{label} at s{session} has item rows but no total and no configured item count: left out.",
            session,
        )
    if len(r.items) < n_items:
        return None, Problem(
            client_id,
            f"{label} at s{session} has {len(r.items)} of {n_items} items and no total: no total computed.",
            session,
            {"instrument": instrument, "items_present": sorted(r.items)},
        )
    return sum(r.items[i] for i in range(1, n_items + 1)), None


def scale_series(
    client_id: str, measures: Sequence[Measure], index: SessionIndex, rules: FlagRules
) -> tuple[list[TrajectoryPoint], list[Problem]]:
    """All non-GAS series of one client (see the module docstring for names and details)."""
    grouped, problems = group_measures(client_id, measures, index, rules)
    points: list[TrajectoryPoint] = []
    for instrument in sorted(grouped):
        inst = rules.instruments.get(instrument)
        series_name = {"srs": "srs_total", "wai_sr": "wai_sr_total"}.get(instrument, instrument)
        first: tuple[int, float] | None = None
        previous: float | None = None
        for session in sorted(grouped[instrument]):
            r = grouped[instrument][session]
            total, problem = _total(client_id, instrument, inst, session, r)
            if problem:
                problems.append(problem)
            if instrument == "wai_sr":
                points.extend(_wai_subscales(client_id, session, r))
            if total is None:
                continue
            detail: dict[str, Any] = {}
            if r.text:
                detail["quote"] = " / ".join(r.text)
            if inst is not None:
                if first is None:
                    first = (session, total)
                detail.update(_instrument_detail(inst, instrument, total, first, previous))
            if instrument == "wai_sr":
                detail["mean_item"] = total / 12.0
            n = len(r.items) if r.total is None else 1
            points.append(TrajectoryPoint(client_id, session, series_name, total, n=n, detail=detail))
            previous = total
    return points, problems


def _instrument_detail(
    inst: Instrument, instrument: str, total: float, first: tuple[int, float], previous: float | None
) -> dict[str, Any]:
    detail: dict[str, Any] = {}
    band = severity_band(inst, total)
    if band:
        detail["band"] = band
    case = is_case(inst, total)
    if case is not None:
        detail["case"] = case
    if inst.cutoff is not None:
        detail["concern"] = total < inst.cutoff
    if previous is not None and total < previous and inst.direction == "higher":
        detail["drop_from_previous"] = previous - total
    detail["change_from_first"] = total - first[1]
    category = change_category(inst, first[1], total)
    if category is not None:
        detail["reliable"] = category
    return detail


def _wai_subscales(client_id: str, session: int, r: SessionRatings) -> list[TrajectoryPoint]:
    points = []
    for name, items in WAI_SR_SUBSCALES.items():
        if all(i in r.items for i in items):
            value = sum(r.items[i] for i in items)
            points.append(
                TrajectoryPoint(
                    client_id,
                    session,
                    f"wai_sr_{name}",
                    value,
                    n=4,
                    detail={"items": list(items), "mean_item": value / 4},
                )
            )
    return points
