"""Lead-lag correlations of session-to-session changes."""

from __future__ import annotations

import numpy as np
import pytest

from narrative.trajectory.leadlag import average_ranks, changes, correlate, lagged_pairs, lead_lag
from narrative.trajectory.settings import LeadLagSettings
from narrative.types import TrajectoryPoint


def test_leadlag_changes_skip_missing_sessions():
    assert changes({1: 1.0, 2: 3.0, 4: 2.0, 5: 0.0}) == {2: 2.0, 5: -2.0}


def test_leadlag_lagged_pairs_positive_lag_means_narrative_leads():
    dx = {2: 1.0, 3: 2.0}
    dy = {3: 10.0, 4: 20.0}
    assert lagged_pairs(dx, dy, 1) == [(1.0, 10.0), (2.0, 20.0)]
    assert lagged_pairs(dx, dy, -1) == []


@pytest.mark.parametrize(
    ("pairs", "r", "note"),
    [
        ([(1, 2), (2, 4)], None, "fewer than 3"),
        ([(1, 1), (2, 1), (3, 1)], None, "constant"),
        ([(1, 3), (2, 2), (3, 1)], -1.0, ""),
    ],
)
def test_leadlag_correlate_edge_cases(pairs, r, note):
    got, _, got_note = correlate(pairs, "pearson")
    assert got == (pytest.approx(r) if r is not None else None)
    assert note in got_note


def test_leadlag_spearman_with_ties():
    r, _, _ = correlate([(1, 1), (1, 1), (2, 2), (3, 3)], "spearman")
    assert r == pytest.approx(1.0)


@pytest.mark.parametrize("method", ["pearson", "spearman"])
@pytest.mark.parametrize("seed", range(6))
def test_leadlag_correlate_matches_scipy_stats(method, seed):
    stats = pytest.importorskip("scipy.stats")
    rng = np.random.default_rng(seed)
    n = int(rng.integers(3, 40))
    x = rng.integers(-3, 4, n).astype(float)  # small integers: ties for Spearman
    y = 0.5 * x + rng.normal(0, 1.5, n).round(1)
    r, p, note = correlate(list(zip(x, y, strict=True)), method)
    ref = stats.pearsonr(x, y) if method == "pearson" else stats.spearmanr(x, y)
    assert note == ""
    assert r == pytest.approx(ref.statistic, abs=1e-12)
    assert p == pytest.approx(ref.pvalue, rel=1e-9, abs=1e-15)


def test_leadlag_average_ranks_match_scipy():
    stats = pytest.importorskip("scipy.stats")
    a = np.array([3.0, 1.0, 3.0, 2.0, 3.0, -1.0, 2.0])
    assert average_ranks(a).tolist() == stats.rankdata(a).tolist()


def _client(cid, narrative, phq):
    pts = [TrajectoryPoint(cid, s, "narrative_score", v) for s, v in enumerate(narrative, 1)]
    pts += [TrajectoryPoint(cid, s, "phq9", v) for s, v in enumerate(phq, 1)]
    return pts


def test_leadlag_narrative_leading_phq9_by_one_session(rules):
    narrative = [0.0, 0.2, 0.1, 0.5, 0.4, 0.9, 0.8]
    # PHQ-9 change at s+1 = -10 x narrative change at s
    phq = [20.0, 20.0]
    for s in range(2, 7):
        phq.append(phq[-1] - 10 * (narrative[s - 1] - narrative[s - 2]))
    rows = lead_lag(_client("C1", narrative, phq), settings=LeadLagSettings(measures=["phq9"]), rules=rules)
    lag1 = next(r for r in rows if r["scope"] == "client" and r["lag"] == 1 and r["method"] == "pearson")
    assert lag1["r"] == pytest.approx(-1.0)
    assert lag1["n_pairs"] == 5
    assert "pairs (< 10)" in lag1["note"]
    assert lag1["y_direction"] == "lower"


def test_leadlag_caseload_pools_pairs_and_counts_clients(rules):
    points = _client("C1", [0, 1, 0, 1], [10, 9, 10, 9]) + _client("C2", [0, 1, 2], [10, 9, 8])
    rows = lead_lag(
        points, settings=LeadLagSettings(measures=["phq9"], lags=[0], methods=["pearson"]), rules=rules
    )
    caseload = next(r for r in rows if r["scope"] == "caseload")
    assert (caseload["n_pairs"], caseload["n_clients"]) == (5, 2)
    assert caseload["r"] == pytest.approx(-1.0)
