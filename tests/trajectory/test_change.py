"""Reliable change, clinical significance, IAPT outcomes, sudden gains.

Jacobson & Truax (1991) values are computed by hand from their formulas with
stated inputs: SD 7.5, r 0.90 -> S_E = 7.5 * sqrt(0.1) = 2.3717, S_diff =
sqrt(2) * S_E = 3.3541 = sqrt(11.25); a drop 30 -> 15 gives RCI = -15 / 3.3541 =
-4.4721 (= -sqrt(20)). Norms M_dys 27, SD_dys 7.5, M_func 7, SD_func 5.5 give
a = 27 - 15 = 12, b = 7 + 11 = 18, c = (7.5*7 + 5.5*27) / 13 = 201/13 = 15.4615.
"""

from __future__ import annotations

import math

import pytest

from narrative.benchmarks import (
    clinical_significance,
    jacobson_truax_cutoffs,
    reliable_change_index,
    reliable_change_threshold,
    sudden_changes,
    talking_therapies_outcome,
)
from narrative.errors import InputError
from narrative.trajectory.change import change_category, is_case, severity_band
from narrative.trajectory.settings import SuddenRule


@pytest.mark.parametrize(
    ("before", "after", "sd", "r", "expected"),
    [
        (30, 15, 7.5, 0.90, -math.sqrt(20)),
        (15, 30, 7.5, 0.90, math.sqrt(20)),
        (10, 10, 5.0, 0.80, 0.0),
        (20, 10, 10.0, 0.0, -10 / (math.sqrt(2) * 10)),
    ],
)
def test_change_reliable_change_index_hand_computed(before, after, sd, r, expected):
    assert reliable_change_index(before, after, sd, r) == pytest.approx(expected, abs=1e-9)


@pytest.mark.parametrize(
    ("sd", "r", "match"),
    [(0, 0.9, "sd"), (-1, 0.9, "sd"), (7.5, 1.0, "reliability"), (7.5, -0.1, "reliability")],
)
def test_change_reliable_change_index_rejects_bad_parameters(sd, r, match):
    with pytest.raises(InputError, match=match):
        reliable_change_index(10, 5, sd, r)


def test_change_reliable_change_threshold_is_196_s_diff():
    assert reliable_change_threshold(7.5, 0.9) == pytest.approx(1.96 * math.sqrt(11.25))


@pytest.mark.parametrize(
    ("direction", "expected"),
    [("lower", {"a": 12.0, "b": 18.0, "c": 201 / 13}), ("higher", {"a": 42.0, "b": -4.0, "c": 201 / 13})],
)
def test_change_jacobson_truax_cutoffs(direction, expected):
    assert jacobson_truax_cutoffs(27, 7.5, 7, 5.5, direction=direction) == pytest.approx(expected)


@pytest.mark.parametrize(
    ("before", "after", "category"),
    [(30, 10, "recovered"), (30, 20, "improved"), (30, 27, "unchanged"), (20, 30, "deteriorated")],
)
def test_change_clinical_significance_categories(before, after, category):
    result = clinical_significance(before, after, sd=7.5, reliability=0.9, cutoff=201 / 13)
    assert result["category"] == category


@pytest.mark.parametrize(
    ("instrument", "value", "band", "case"),
    [
        ("phq9", 4, "minimal", False),
        ("phq9", 10, "moderate", True),
        ("phq9", 9, "mild", False),
        ("phq9", 20, "severe", True),
        ("gad7", 8, "mild", True),
        ("gad7", 7, "mild", False),
        ("gad7", 15, "severe", True),
        ("ors", 24, "", True),
        ("ors", 25, "", False),
    ],
)
def test_change_severity_band_and_caseness(rules, instrument, value, band, case):
    inst = rules.instruments[instrument]
    assert severity_band(inst, value) == band
    assert is_case(inst, value) is case


@pytest.mark.parametrize(
    ("instrument", "before", "after", "category"),
    [
        ("phq9", 14, 8, "improvement"),
        ("phq9", 14, 9, "no_reliable_change"),
        ("phq9", 8, 14, "deterioration"),
        ("gad7", 12, 8, "improvement"),
        ("gad7", 12, 9, "no_reliable_change"),
        ("ors", 20, 25, "improvement"),
        ("ors", 25, 20, "deterioration"),
        ("ors", 20, 24, "no_reliable_change"),
    ],
)
def test_change_category_uses_published_reliable_change(rules, instrument, before, after, category):
    assert change_category(rules.instruments[instrument], before, after) == category


@pytest.mark.parametrize(
    ("phq", "gad", "expected"),
    [
        ((15, 8), (10, 6), {"recovery": True, "reliable_improvement": True, "reliable_recovery": True}),
        (
            (12, 9),
            (7, 9),
            {"recovery": False, "reliable_improvement": False, "reliable_deterioration": False},
        ),
        ((8, 5), (6, 3), {"case_at_start": False, "recovery": None, "reliable_recovery": None}),
        (
            (16, 9),
            (9, 13),
            {"reliable_improvement": False, "reliable_deterioration": False, "recovery": False},
        ),
        ((11, 9), (9, 7), {"recovery": True, "reliable_improvement": False, "reliable_recovery": False}),
        ((9, 16), (6, 6), {"reliable_deterioration": True, "recovery": None}),
    ],
)
def test_change_talking_therapies_outcome(rules, phq, gad, expected):
    result = talking_therapies_outcome(phq, gad, rules.instruments)
    assert {k: result[k] for k in expected} == expected


def test_change_talking_therapies_single_measure_is_labelled(rules):
    result = talking_therapies_outcome((15, 8), None, rules.instruments)
    assert result["measures"] == "phq9"
    assert result["recovery"] is True


def _seq(values):
    return list(enumerate(values, start=1))


@pytest.mark.parametrize(
    ("values", "kinds"),
    [
        ([19, 18, 19, 11, 10, 10], ["gain"]),  # 8 points, 42%, means 18.7 vs 10.3
        ([40, 40, 40, 32, 32, 32], []),  # 8 points but only 20% of 40
        ([10, 20, 15, 8, 16, 9], []),  # means 15 vs 11 do not differ beyond 2.776 x SE
        ([8, 8, 8, 16, 16, 16], ["loss"]),
        ([15, 15, 15, 10, 10, 10], []),  # 5 points < 7
    ],
)
def test_change_sudden_changes_tang_derubeis(values, kinds):
    rule = SuddenRule()
    assert [e["kind"] for e in sudden_changes(_seq(values), min_abs=7, rule=rule)] == kinds


def test_change_sudden_gain_reports_the_criterion_numbers():
    (event,) = sudden_changes(_seq([19, 18, 19, 11, 10, 10]), min_abs=7, rule=SuddenRule())
    assert event["mean_pre"] == pytest.approx(56 / 3)
    assert event["mean_post"] == pytest.approx(31 / 3)
    # pooled SD sqrt((2/3 + 2/3) / 4) = 0.5774; x sqrt(2/3) x 2.776
    assert event["t_threshold"] == pytest.approx(2.776 * math.sqrt(1 / 3) * math.sqrt(2 / 3))
    assert (event["session_before"], event["session_after"]) == (3, 4)


@pytest.mark.parametrize(("allow_missing", "count", "critical"), [(True, 1, 3.182), (False, 0, None)])
def test_change_sudden_gain_with_short_pre_window(allow_missing, count, critical):
    events = sudden_changes(
        _seq([18, 19, 11, 10, 10]), min_abs=7, rule=SuddenRule(allow_missing=allow_missing)
    )
    assert len(events) == count
    if critical:
        assert events[0]["critical"] == critical


def test_change_sudden_gain_on_higher_is_better_scale():
    events = sudden_changes(_seq([15, 16, 15, 25, 24, 25]), min_abs=5, rule=SuddenRule(), direction="higher")
    assert [e["kind"] for e in events] == ["gain"]
