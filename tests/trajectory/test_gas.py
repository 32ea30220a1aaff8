"""GAS T-score formula and per-goal series.

Reference values are computed by hand from Kiresuk & Sherman's (1968) formula
T = 50 + 10*sum(w x) / sqrt((1 - rho) sum(w^2) + rho (sum w)^2):
* all goals at 0 -> 50 (by construction);
* 3 goals all +1, unweighted, rho 0.3 -> 50 + 30 / sqrt(0.7*3 + 0.3*9) = 50 + 30 / sqrt(4.8) = 63.6931;
* 3 goals all -2, rho 0.3 -> 50 - 60 / sqrt(4.8) = 22.6139;
* 3 goals all +1, rho 0 -> 50 + 30 / sqrt(3) = 67.3205;
* levels (1, 0, -1) with weights (6, 2, 3) -> 50 + 3 / sqrt(0.7*49 + 0.3*121) * 10 = 53.5704;
* one goal: the denominator is w, so T = 50 + 10 x for any rho (+2 -> 70).
"""

from __future__ import annotations

import pytest

from narrative.benchmarks import allowed_levels, gas_t_score
from narrative.errors import InputError
from narrative.trajectory.gas import gas_series, goal_weights
from narrative.trajectory.sessions import build_index
from narrative.trajectory.settings import GasSettings
from narrative.types import Goal, Measure


@pytest.mark.parametrize(
    ("levels", "weights", "rho", "expected"),
    [
        ([0, 0, 0], None, 0.3, 50.0),
        ([1, 1, 1], None, 0.3, 63.6931),
        ([-2, -2, -2], None, 0.3, 22.6139),
        ([1, 1, 1], None, 0.0, 67.3205),
        ([1, 0, -1], [6, 2, 3], 0.3, 53.5704),
        ([2], None, 0.3, 70.0),
        ([2], None, 0.7, 70.0),
        ([1, 1], [3, 0], 0.3, 60.0),  # a zero weight removes the goal: one goal at +1
        ({"a": 1, "b": -1}, {"a": 2, "b": 2}, 0.3, 50.0),
    ],
)
def test_gas_t_score_matches_hand_computed_values(levels, weights, rho, expected):
    assert gas_t_score(levels, weights, rho) == pytest.approx(expected, abs=1e-4)


@pytest.mark.parametrize(
    ("levels", "weights", "rho", "message"),
    [
        ([], None, 0.3, "no goal levels"),
        ([1, 0], [0, 0], 0.3, "all weights are zero"),
        ([1, 0], [1], 0.3, "1 weights for 2 goals"),
        ([1, 0], [1, -1], 0.3, "must not be negative"),
        ([1, 0], None, 1.0, "rho must be in"),
        ([float("nan")], None, 0.3, "finite"),
        ({"a": 1}, {"b": 1}, 0.3, "same goals"),
    ],
)
def test_gas_t_score_rejects_bad_input_with_clear_message(levels, weights, rho, message):
    with pytest.raises(InputError, match=message):
        gas_t_score(levels, weights, rho)


@pytest.mark.parametrize(
    ("convention", "partial", "expected"),
    [
        ("minus1", True, {-2, -1, -0.5, 0, 1, 2}),
        ("minus1", False, {-2, -1, 0, 1, 2}),
        ("minus2", False, {-3, -2, -1, 0, 1, 2}),
    ],
)
def test_gas_allowed_levels_follow_convention(convention, partial, expected):
    assert allowed_levels(convention, allow_partial=partial) == expected


def _gas(goal, session, value, client="C1"):
    return Measure(client, "gas", value, session=session, item=goal)


def _series(measures, goals=(), **options):
    index, _ = build_index("C1", [], measures)
    return gas_series("C1", measures, list(goals), index, GasSettings(**options))


def test_gas_series_goal_trajectory_and_t_per_session():
    measures = [_gas("G1", 1, -1), _gas("G2", 1, -1), _gas("G1", 2, 1), _gas("G2", 2, 1)]
    points, problems = _series(measures)
    assert problems == []
    t = {p.session: p.value for p in points if p.series == "gas_t"}
    assert t[2] == pytest.approx(50 + 20 / (0.7 * 2 + 0.3 * 4) ** 0.5)
    g1 = [p for p in points if p.series == "gas_goal:G1"]
    assert [p.detail["change_from_baseline"] for p in g1] == [0.0, 2.0]


def test_gas_series_uses_importance_times_difficulty_weights():
    goals = [Goal("C1", "G1", importance=3, difficulty=2), Goal("C1", "G2", importance=1, difficulty=1)]
    points, _ = _series([_gas("G1", 1, 1), _gas("G2", 1, -1)], goals)
    t = next(p for p in points if p.series == "gas_t")
    assert t.detail["weighted"] is True
    assert t.value == pytest.approx(gas_t_score([1, -1], [6, 1]))


def test_gas_series_unweighted_when_a_goal_lacks_weights():
    goals = [Goal("C1", "G1", importance=3, difficulty=2), Goal("C1", "G2", importance=None, difficulty=1)]
    assert goal_weights(goals) is None


def test_gas_series_all_zero_weights_fall_back_to_unweighted_with_problem():
    goals = [Goal("C1", "G1", importance=0, difficulty=2), Goal("C1", "G2", importance=0, difficulty=1)]
    points, problems = _series([_gas("G1", 1, 1), _gas("G2", 1, 1)], goals)
    t = next(p for p in points if p.series == "gas_t")
    assert t.value == pytest.approx(gas_t_score([1, 1]))
    assert t.detail["fallback"] == "all weights zero"
    assert "zero" in problems[0].reason


@pytest.mark.parametrize(("mode", "expected_n", "carried"), [("skip", 1, []), ("carry_forward", 2, ["G2"])])
def test_gas_series_missing_goal_rating(mode, expected_n, carried):
    measures = [_gas("G1", 1, -1), _gas("G2", 1, -1), _gas("G1", 2, 0)]
    points, _ = _series(measures, missing_goal=mode)
    t2 = next(p for p in points if p.series == "gas_t" and p.session == 2)
    assert t2.n == expected_n
    assert t2.detail["carried_forward"] == carried


def test_gas_series_rejects_level_outside_convention():
    points, problems = _series([_gas("G1", 1, -3), _gas("G1", 2, 0)])
    assert [p.session for p in points if p.series == "gas_t"] == [2]
    assert "-3" in problems[0].reason and "minus1" in problems[0].reason


def test_gas_series_minus2_convention_accepts_minus3():
    points, problems = _series([_gas("G1", 1, -2), _gas("G1", 2, -3)], baseline_convention="minus2")
    assert problems == []
    assert [p.value for p in points if p.series == "gas_goal:G1"] == [-2.0, -3.0]


def test_gas_series_single_goal_without_item_uses_the_goal():
    measures = [Measure("C1", "gas", 1, session=1, item=None)]
    points, problems = _series(measures, goals=[Goal("C1", "G7")])
    assert problems == []
    assert {p.series for p in points} == {"gas_goal:G7", "gas_t"}
