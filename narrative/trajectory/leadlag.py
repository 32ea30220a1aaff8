"""Lead-lag correlations between session-to-session changes of the narrative and of a measure.

What is computed (cite this):

1. For each client and series X (the narrative series, ``narrative_score`` by
   default) and Y (a measure: ``gas_t``, ``phq9``, ``gad7``), the change at
   session s is dX(s) = X(s) - X(s-1), defined only when the client has a value
   at both session s and session s-1 (changes never span a missing session).
2. For a lag k (sessions), the pairs are (dX(s), dY(s + k)) for every s where
   both changes are defined. k > 0: the narrative change comes k sessions
   *before* the measure change (narrative leads); k < 0: the measure change
   comes first (narrative lags); k = 0: same session.
3. Per client: Pearson r and Spearman rho (average ranks for ties) over that
   client's pairs, with two-sided p-values from the t distribution with n - 2
   degrees of freedom, t = r * sqrt((n - 2) / (1 - r^2)) (``scipy.special.stdtr``;
   for Pearson this is the exact test under normality, for Spearman the usual
   approximation: both as ``scipy.stats.pearsonr`` / ``spearmanr`` compute them),
   ``n_pairs`` the number of pairs.
4. Caseload: the same over the pairs of all clients pooled (each pair comes from
   within one client, so between-client differences in level do not enter; no
   further centring or weighting), with ``n_clients`` contributing clients.
5. r is left empty (with a note) when there are fewer than 3 pairs or either
   change series is constant; a note says when n_pairs < ``min_pairs``.

Signs: the narrative score is higher-is-better, as is the GAS T-score; PHQ-9 and
GAD-7 are lower-is-better, so agreement between narrative and symptoms shows as
a *negative* r (the row's ``y_direction`` says which applies).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np

from ..types import TrajectoryPoint
from .settings import FlagRules, LeadLagSettings


def changes(values: Mapping[int, float]) -> dict[int, float]:
    """Session-to-session changes {s: v(s) - v(s-1)} where both sessions have a value."""
    return {s: v - values[s - 1] for s, v in values.items() if s - 1 in values}


def lagged_pairs(dx: Mapping[int, float], dy: Mapping[int, float], lag: int) -> list[tuple[float, float]]:
    """Pairs (dx(s), dy(s + lag)) for every s where both are defined, in session order."""
    return [(dx[s], dy[s + lag]) for s in sorted(dx) if s + lag in dy]


def correlate(pairs: Sequence[tuple[float, float]], method: str) -> tuple[float | None, float | None, str]:
    """(r, p, note) for one method; r None when not computable."""
    if len(pairs) < 3:
        return None, None, "not computable: fewer than 3 pairs"
    x = np.array([a for a, _ in pairs], dtype=float)
    y = np.array([b for _, b in pairs], dtype=float)
    if np.ptp(x) == 0 or np.ptp(y) == 0:
        return None, None, "not computable: one of the change series is constant"
    if method != "pearson":  # Spearman: Pearson over average ranks
        x, y = average_ranks(x), average_ranks(y)
    r = float(np.clip(np.corrcoef(x, y)[0, 1], -1.0, 1.0))
    p = t_test_p(r, len(pairs))
    return r, (p if math.isfinite(p) else None), ""


def average_ranks(a: np.ndarray) -> np.ndarray:
    """Ranks 1..n of ``a``, tied values sharing the mean of their ranks (``scipy.stats.rankdata``'s default)."""
    ordinal = np.empty(len(a), dtype=np.float64)
    ordinal[np.argsort(a, kind="mergesort")] = np.arange(1, len(a) + 1)
    _, group, size = np.unique(a, return_inverse=True, return_counts=True)
    return (np.bincount(group, weights=ordinal) / size)[group]


def t_test_p(r: float, n: int) -> float:
    """Two-sided p-value of a correlation ``r`` over ``n`` pairs (t distribution, n - 2 df).

    ``scipy.special`` is imported here, when a correlation is computed, and not
    ``scipy.stats``, whose import costs about 0.5 s of every run.
    """
    from scipy.special import stdtr

    df = n - 2
    if abs(r) >= 1.0:
        return 0.0
    t = r * math.sqrt(df / (1.0 - r * r))
    return float(2.0 * stdtr(df, -abs(t)))


def _by_series(points: Iterable[TrajectoryPoint]) -> dict[str, dict[str, dict[int, float]]]:
    out: dict[str, dict[str, dict[int, float]]] = defaultdict(lambda: defaultdict(dict))
    for p in points:
        out[p.client_id][p.series][p.session] = p.value
    return out


def lead_lag(
    points: Iterable[TrajectoryPoint], *, settings: LeadLagSettings, rules: FlagRules
) -> list[dict[str, Any]]:
    """Lead-lag rows, per client and for the caseload (see the module docstring).

    Each row: scope ("client"/"caseload"), client_id ("" for the caseload), x,
    y, y_direction, lag, method, r, p, n_pairs, n_clients, note.
    """
    data = _by_series(points)
    rows: list[dict[str, Any]] = []
    x_name = settings.narrative_series
    for y_name in settings.measures:
        pooled: dict[int, list[tuple[float, float]]] = defaultdict(list)
        contributors: dict[int, set[str]] = defaultdict(set)
        for client in sorted(data):
            series = data[client]
            if x_name not in series or y_name not in series:
                continue
            dx, dy = changes(series[x_name]), changes(series[y_name])
            for lag in settings.lags:
                pairs = lagged_pairs(dx, dy, lag)
                if pairs:
                    pooled[lag].extend(pairs)
                    contributors[lag].add(client)
                for method in settings.methods:
                    rows.append(
                        _row("client", client, x_name, y_name, lag, method, pairs, 1, settings, rules)
                    )
        for lag in settings.lags:
            for method in settings.methods:
                rows.append(
                    _row(
                        "caseload",
                        "",
                        x_name,
                        y_name,
                        lag,
                        method,
                        pooled[lag],
                        len(contributors[lag]),
                        settings,
                        rules,
                    )
                )
    return rows


def _row(
    scope: str,
    client: str,
    x: str,
    y: str,
    lag: int,
    method: str,
    pairs: Sequence[tuple[float, float]],
    n_clients: int,
    settings: LeadLagSettings,
    rules: FlagRules,
) -> dict[str, Any]:
    r, p, note = correlate(pairs, method)
    if not note and len(pairs) < settings.min_pairs:
        note = f"only {len(pairs)} pairs (< {settings.min_pairs}): unstable, read with caution"
    return {
        "scope": scope,
        "client_id": client,
        "x": x,
        "y": y,
        "y_direction": rules.direction(y),
        "lag": lag,
        "method": method,
        "r": r,
        "p": p,
        "n_pairs": len(pairs),
        "n_clients": n_clients if pairs else 0,
        "note": note,
    }
