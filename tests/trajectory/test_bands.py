"""Benchmark bands: percentiles, strata pooling, reference CSV, positions."""

from __future__ import annotations

import pytest

from narrative.errors import InputError
from narrative.trajectory.bands import caseload_bands, position_points, read_reference, stratum_label
from narrative.trajectory.settings import BenchmarkSettings
from narrative.types import TrajectoryPoint


def _points(series, values, session=1):
    return [TrajectoryPoint(f"C{i}", session, series, v) for i, v in enumerate(values, 1)]


def test_bands_percentiles_linear_interpolation():
    (row,) = caseload_bands(
        _points("gas_t", [1, 2, 3, 4, 5]), {}, settings=BenchmarkSettings(), stratified=False
    )
    assert [row[k] for k in ("p10", "p25", "p50", "p75", "p90")] == pytest.approx([1.4, 2, 3, 4, 4.6])
    assert (row["stratum"], row["pooled"], row["n_clients"], row["source"]) == ("all", False, 5, "caseload")


def test_bands_ties_give_flat_band():
    (row,) = caseload_bands(_points("phq9", [7, 7, 7]), {}, settings=BenchmarkSettings(), stratified=False)
    assert row["p10"] == row["p90"] == 7


def test_bands_too_few_clients_no_band():
    assert caseload_bands(_points("phq9", [1, 2]), {}, settings=BenchmarkSettings(), stratified=False) == []


def test_bands_small_stratum_pooled_and_labelled():
    points = _points("phq9", [1, 2, 3, 4, 5])
    strata = {"C1": "program=A", "C2": "program=A", "C3": "program=A", "C4": "program=B", "C5": "program=B"}
    rows = caseload_bands(points, strata, settings=BenchmarkSettings(min_clients=3), stratified=True)
    by = {r["stratum"]: r for r in rows}
    assert by["program=A"]["pooled"] is False and by["program=A"]["n_clients"] == 3
    assert by["program=A"]["p50"] == 2
    assert by["program=B"]["pooled"] is True and by["program=B"]["n_clients"] == 5
    assert by["program=B"]["p50"] == by["all"]["p50"] == 3


def test_bands_gas_goal_series_excluded():
    assert (
        caseload_bands(_points("gas_goal:G1", [1, 2, 3]), {}, settings=BenchmarkSettings(), stratified=False)
        == []
    )


def test_bands_stratum_label():
    assert stratum_label({"program": "CBT"}, ("program", "modality")) == "program=CBT; modality=(missing)"
    assert stratum_label({"program": "CBT"}, ()) == "all"


@pytest.mark.parametrize(
    ("series", "value", "position", "on_track"),
    [
        ("gas_t", 1.0, "below", False),
        ("gas_t", 5.0, "above", True),
        ("phq9", 1.0, "below", True),
        ("phq9", 5.0, "above", False),
        ("phq9", 3.0, "within", True),
    ],
)
def test_bands_position_and_on_track_by_direction(rules, series, value, position, on_track):
    band = {
        "series": series,
        "session": 1,
        "stratum": "all",
        "pooled": False,
        "n_clients": 5,
        "p10": 1.4,
        "p25": 2,
        "p50": 3,
        "p75": 4,
        "p90": 4.6,
        "source": "caseload",
    }
    (p,) = position_points(
        [TrajectoryPoint("X", 1, series, value)], [band], {}, settings=BenchmarkSettings(), rules=rules
    )
    assert (p.band_low, p.band_mid, p.band_high) == (1.4, 3, 4.6)
    assert p.band_position == position
    assert p.detail["on_track"] is on_track


def test_bands_read_reference_csv(tmp_path):
    path = tmp_path / "ref.csv"
    path.write_text("series,session,p10,p25,p50,p75,p90\nphq9,1,5,8,12,15,19\n", encoding="utf-8")
    (row,) = read_reference(path)
    assert row["stratum"] == "all" and row["p50"] == 12 and row["source"] == "reference:ref.csv"


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ("series,session,p10,p25,p50\nphq9,1,1,2,3\n", "p75, p90"),
        ("series,session,p10,p25,p50,p75,p90\nphq9,x,1,2,3,4,5\n", 'row 2, column "session"'),
        ("series,session,p10,p25,p50,p75,p90\nphq9,1,1,2,three,4,5\n", 'column "p50"'),
        ("series,session,p10,p25,p50,p75,p90\nphq9,1,5,4,3,2,1\n", "non-decreasing"),
    ],
)
def test_bands_read_reference_rejects_bad_file(tmp_path, content, fragment):
    path = tmp_path / "ref.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=fragment):
        read_reference(path)
