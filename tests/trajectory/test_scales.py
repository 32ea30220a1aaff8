"""Instrument series: totals from items, WAI-SR subscales, SRS concern, range checks."""

from __future__ import annotations

import pytest

from narrative.trajectory.scales import scale_series
from narrative.trajectory.sessions import build_index
from narrative.types import Measure

from .conftest import series_measures


def _run(measures, rules):
    index, _ = build_index("C1", [], measures)
    points, problems = scale_series("C1", measures, index, rules)
    return {(p.series, p.session): p for p in points}, problems


def test_scales_wai_sr_total_and_subscales(rules):
    # item i has value 1 + (i % 5): task items 1,2,10,12 -> 2+3+1+3 = 9
    measures = [Measure("C1", "wai_sr", 1 + (i % 5), session=1, item=str(i)) for i in range(1, 13)]
    points, problems = _run(measures, rules)
    assert problems == []
    assert points[("wai_sr_task", 1)].value == 9
    assert points[("wai_sr_bond", 1)].value == 4 + 1 + 3 + 5  # items 3, 5, 7, 9
    assert points[("wai_sr_goal", 1)].value == 5 + 2 + 4 + 2  # items 4, 6, 8, 11
    assert points[("wai_sr_total", 1)].value == sum(1 + (i % 5) for i in range(1, 13))


def test_scales_srs_total_from_items_with_concern_and_drop(rules):
    measures = [Measure("C1", "srs", v, session=1, item=str(i)) for i, v in enumerate([9.5, 9.5, 9, 9], 1)]
    measures += [Measure("C1", "srs", v, session=2, item=str(i)) for i, v in enumerate([8, 8, 9, 8], 1)]
    points, _ = _run(measures, rules)
    assert points[("srs_total", 1)].value == 37
    assert points[("srs_total", 1)].detail["concern"] is False
    assert points[("srs_total", 2)].detail["concern"] is True
    assert points[("srs_total", 2)].detail["drop_from_previous"] == 4


def test_scales_incomplete_items_give_no_total_and_a_problem(rules):
    measures = [Measure("C1", "phq9", 2, session=1, item=str(i)) for i in range(1, 9)]
    points, problems = _run(measures, rules)
    assert ("phq9", 1) not in points
    assert "8 of 9 items" in problems[0].reason


@pytest.mark.parametrize(
    ("measure", "fragment"),
    [
        (Measure("C1", "phq9", 30, session=1, item="total"), "outside 0-27"),
        (Measure("C1", "phq9", 4, session=1, item="3"), "item 3 = 4"),
        (Measure("C1", "gad7", 1, session=1, item="8"), "items 1-7"),
        (Measure("C1", "phq9", 1, session=1, item="x"), "expected 'total' or an item number"),
    ],
)
def test_scales_out_of_range_values_are_reported(rules, measure, fragment):
    points, problems = _run([measure], rules)
    assert points == {}
    assert fragment in problems[0].reason


def test_scales_phq9_detail_band_case_and_reliable(rules):
    points, _ = _run(series_measures("C1", "phq9", [8, 16]), rules)
    last = points[("phq9", 2)]
    assert last.detail["band"] == "moderately severe"
    assert last.detail["case"] is True
    assert last.detail["reliable"] == "deterioration"


def test_scales_alliance_text_becomes_quote(rules):
    measures = [Measure("C1", "alliance", 6, session=1, item="total", text="Felt rushed.")]
    points, _ = _run(measures, rules)
    assert points[("alliance", 1)].detail["quote"] == "Felt rushed."


def test_scales_other_scale_kept_under_its_name(rules):
    points, _ = _run(series_measures("C1", "core10", [20, 14]), rules)
    assert points[("core10", 2)].value == 14


def test_scales_session_from_date_of_a_numbered_record(rules):
    import datetime as dt

    day = dt.date(2025, 1, 7)
    measures = [
        Measure("C1", "phq9", 12, session=3, date=day, item="total"),
        Measure("C1", "gad7", 9, session=None, date=day, item="total"),
    ]
    points, _ = _run(measures, rules)
    assert ("gad7", 3) in points
