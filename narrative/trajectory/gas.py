"""Goal Attainment Scaling (GAS): the Kiresuk-Sherman T-score and per-goal trajectories.

The T-score (Kiresuk & Sherman 1968) summarises the attainment levels x_i of a
client's goals (-2 much less than expected ... 0 expected ... +2 much more than
expected) with weights w_i:

    T = 50 + 10 * sum(w_i * x_i) / sqrt((1 - rho) * sum(w_i**2) + rho * (sum w_i)**2)

rho is the assumed correlation between goal scores (0.3 by convention). All
goals at the expected level give T = 50; the scale has mean 50 and SD 10 when
the levels are distributed as the method assumes. Weights are importance x
difficulty (each 0-3, Turner-Stokes 2009) when every goal has both, else all
goals weigh 1.

Baseline conventions (``baseline_convention``):

* ``minus1``: the baseline is rated -1 and a goal that gets worse is rated -2;
  levels -2..+2. With ``allow_partial`` a rating of -0.5 ("partially achieved")
  is accepted between the baseline and the expected level.
* ``minus2``: the baseline is rated -2 (Krasny-Pacini et al. 2016) and worse than
  baseline is -3; levels -3..+2 (-1 is then "some progress").
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import InputError, gas_input_msg
from ..types import Goal, Measure, TrajectoryPoint
from .sessions import Problem, SessionIndex
from .settings import GasSettings

LEVELS = {"minus1": (-2.0, -1.0, 0.0, 1.0, 2.0), "minus2": (-3.0, -2.0, -1.0, 0.0, 1.0, 2.0)}
PARTIAL = -0.5


def allowed_levels(convention: str = "minus1", *, allow_partial: bool = True) -> frozenset[float]:
    """The attainment levels valid under a baseline convention."""
    if convention not in LEVELS:
        raise InputError(
            gas_input_msg(f"unknown baseline convention {convention!r}; expected minus1 or minus2")
        )
    levels = set(LEVELS[convention])
    if allow_partial:
        levels.add(PARTIAL)
    return frozenset(levels)


def _as_list(values: Sequence[float] | Mapping[Any, float], name: str) -> list[float]:
    items = list(values.values()) if isinstance(values, Mapping) else list(values)
    out = []
    for v in items:
        try:
            f = float(v)
        except (TypeError, ValueError):
            raise InputError(gas_input_msg(f"{name} must be numbers, got {v!r}")) from None
        if not math.isfinite(f):
            raise InputError(gas_input_msg(f"{name} must be finite numbers, got {v!r}"))
        out.append(f)
    return out


def gas_t_score(
    levels: Sequence[float] | Mapping[Any, float],
    weights: Sequence[float] | Mapping[Any, float] | None = None,
    rho: float = 0.3,
) -> float:
    """Kiresuk-Sherman GAS T-score of one rating occasion.

    Args:
        levels: attainment level of each goal (-3..+2 depending on the convention;
            not checked here beyond being finite), as a sequence or a mapping
            goal id -> level.
        weights: one non-negative weight per goal (same order, or a mapping with
            the same keys), e.g. importance x difficulty; None for unweighted
            (every weight 1).
        rho: assumed intercorrelation of the goal scores, 0 <= rho < 1 (0.3 by convention).

    Returns:
        T = 50 + 10 * sum(w*x) / sqrt((1 - rho) * sum(w^2) + rho * (sum w)^2).

    Raises:
        InputError: no goals, weights of another length or other keys, a negative
            weight, all weights zero (no fallback: a weighted score with no weight
            is undefined; pass ``weights=None`` for the unweighted score), or rho
            outside [0, 1).

    Examples:
        >>> gas_t_score([0, 0, 0])
        50.0
        >>> round(gas_t_score([1, 1, 1]), 2)  # 50 + 10*3/sqrt(0.7*3 + 0.3*9)
        63.69
    """
    if isinstance(levels, Mapping) and isinstance(weights, Mapping) and set(levels) != set(weights):
        raise InputError(gas_input_msg("weights must name the same goals as levels"))
    if isinstance(levels, Mapping) and isinstance(weights, Mapping):
        weights = [weights[k] for k in levels]
    x = _as_list(levels, "levels")
    if not x:
        raise InputError(gas_input_msg("no goal levels given; expected at least one goal"))
    if not (0.0 <= float(rho) < 1.0):
        raise InputError(gas_input_msg(f"rho must be in [0, 1), got {rho!r}"))
    w = [1.0] * len(x) if weights is None else _as_list(weights, "weights")
    if len(w) != len(x):
        raise InputError(gas_input_msg(f"{len(w)} weights for {len(x)} goals; expected one weight per goal"))
    if any(v < 0 for v in w):
        raise InputError(gas_input_msg("weights must not be negative"))
    sum_w = sum(w)
    if sum_w == 0:
        raise InputError(
            gas_input_msg(
                "all weights are zero; give at least one positive weight, or weights=None for unweighted"
            )
        )
    denominator = math.sqrt((1.0 - rho) * sum(v * v for v in w) + rho * sum_w * sum_w)
    return 50.0 + 10.0 * sum(wi * xi for wi, xi in zip(w, x, strict=True)) / denominator


def goal_weights(goals: Sequence[Goal]) -> dict[str, float] | None:
    """importance x difficulty per goal id when every goal has both, else None (unweighted)."""
    if not goals or any(g.importance is None or g.difficulty is None for g in goals):
        return None
    return {g.goal_id: float(g.importance) * float(g.difficulty) for g in goals}  # type: ignore[arg-type]


def gas_series(
    client_id: str,
    measures: Sequence[Measure],
    goals: Sequence[Goal],
    index: SessionIndex,
    settings: GasSettings,
) -> tuple[list[TrajectoryPoint], list[Problem]]:
    """Per-goal series ``gas_goal:<goal_id>`` and the aggregate ``gas_t`` per session for one client.

    A rating outside the convention's levels is left out and reported. Weights
    come from :func:`goal_weights` when ``settings.weights == "auto"``; if they
    sum to zero at a session the T-score there falls back to unweighted and the
    point's detail says so (``weighted: false, fallback: "all weights zero"``).
    """
    problems: list[Problem] = []
    allowed = allowed_levels(settings.baseline_convention, allow_partial=settings.allow_partial)
    known = {g.goal_id for g in goals}
    ratings: dict[int, dict[str, float]] = {}
    for m in measures:
        if m.instrument != "gas":
            continue
        goal_id = m.item if m.item not in (None, "", "total") else None
        if goal_id is None and len(known) == 1:
            goal_id = next(iter(known))
        session = index.resolve(m.session, m.date)
        if goal_id is None or session is None:
            what = "no goal id" if goal_id is None else "no session"
            problems.append(
                Problem(client_id, f"A GAS rating ({m.source}, row {m.row}) has {what}: left out.", session)
            )
            continue
        if float(m.value) not in allowed:
            problems.append(
                Problem(
                    client_id,
                    f"GAS goal {goal_id} at s{session} is rated {m.value:g}, not a level of the "
                    f"'{settings.baseline_convention}' convention ({', '.join(f'{v:g}' for v in sorted(allowed))}): left out.",
                    session,
                    {"goal_id": goal_id, "value": m.value},
                )
            )
            continue
        per_session = ratings.setdefault(session, {})
        if goal_id in per_session:
            problems.append(
                Problem(
                    client_id,
                    f"GAS goal {goal_id} is rated twice at s{session}: the first rating is kept.",
                    session,
                )
            )
            continue
        per_session[goal_id] = float(m.value)

    points: list[TrajectoryPoint] = []
    baseline: dict[str, tuple[int, float]] = {}
    for session in sorted(ratings):
        for goal_id, level in sorted(ratings[session].items()):
            baseline.setdefault(goal_id, (session, level))
            b_session, b_level = baseline[goal_id]
            points.append(
                TrajectoryPoint(
                    client_id,
                    session,
                    f"gas_goal:{goal_id}",
                    level,
                    detail={
                        "goal_id": goal_id,
                        "baseline_session": b_session,
                        "baseline_level": b_level,
                        "change_from_baseline": level - b_level,
                        "convention": settings.baseline_convention,
                    },
                )
            )

    weights = goal_weights(goals) if settings.weights == "auto" else None
    last: dict[str, float] = {}
    for session in sorted(ratings):
        current = dict(ratings[session])
        carried: list[str] = []
        if settings.missing_goal == "carry_forward":
            for goal_id, level in last.items():
                if goal_id not in current:
                    current[goal_id] = level
                    carried.append(goal_id)
        last.update(ratings[session])
        goal_ids = sorted(current)
        w = None
        detail: dict[str, Any] = {"goals": goal_ids, "rho": settings.rho, "carried_forward": sorted(carried)}
        if weights is not None and all(g in weights for g in goal_ids):
            w = [weights[g] for g in goal_ids]
            if sum(w) == 0:
                w = None
                detail["fallback"] = "all weights zero"
                problems.append(
                    Problem(
                        client_id,
                        f"All GAS goal weights (importance x difficulty) are zero at s{session}: "
                        "the T-score there is unweighted.",
                        session,
                    )
                )
        detail["weighted"] = w is not None
        detail["weights"] = w if w is not None else [1.0] * len(goal_ids)
        t = gas_t_score([current[g] for g in goal_ids], w, settings.rho)
        points.append(TrajectoryPoint(client_id, session, "gas_t", t, n=len(goal_ids), detail=detail))
    return points, problems
