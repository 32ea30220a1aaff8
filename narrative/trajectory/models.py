"""Records the trajectory stage takes and returns (besides those in :mod:`narrative.types`)."""

from __future__ import annotations

import dataclasses
from typing import Any

from ..types import (
    ContextEvent,
    Flag,
    Goal,
    Measure,
    Note,
    ScoredStatement,
    Shift,
    Statement,
    TrajectoryPoint,
)

# The statement types analyze_caseload reads from ClientData.statements: the balance and
# documentation-drift rules look at indicator statements only. analyze_caseload hands the rules
# only statements of these types, so a rule that needs another type must add it here; the run
# decodes only these types for the clients whose series come from the cache.
CASELOAD_STATEMENT_TYPES = frozenset({"indicator"})


@dataclasses.dataclass
class ClientData:
    """Everything known about one client, gathered by the lead before :func:`analyze_caseload`.

    Opted-out clients must not be put in a ClientData at all (the run removes them
    before calling the trajectory stage); :func:`analyze_caseload` also takes an
    ``exclude`` set as a second guard.

    ``statements`` are the client's scored statements; plain :class:`Statement`
    records are accepted too (the balance rule reads the indicator ``progress``
    attribute from ``Statement.attrs`` or from ``ScoredStatement.evidence``).
    :func:`analyze_caseload` reads only statements of the types in
    :data:`CASELOAD_STATEMENT_TYPES` (it drops the others before any rule sees
    them), so a caller may leave the others out.
    ``narrative_points`` are the score stage's per-session series.
    ``strata`` holds the user-named stratification columns (program, modality...).
    """

    client_id: str
    notes: list[Note] = dataclasses.field(default_factory=list)
    measures: list[Measure] = dataclasses.field(default_factory=list)
    goals: list[Goal] = dataclasses.field(default_factory=list)
    events: list[ContextEvent] = dataclasses.field(default_factory=list)
    statements: list[ScoredStatement | Statement] = dataclasses.field(default_factory=list)
    narrative_points: list[TrajectoryPoint] = dataclasses.field(default_factory=list)
    shifts: list[Shift] = dataclasses.field(default_factory=list)
    strata: dict[str, str] = dataclasses.field(default_factory=dict)


@dataclasses.dataclass
class CaseloadResult:
    """What :func:`analyze_caseload` returns.

    ``trajectories``: every series point of every client, with its band position.
    ``benchmarks``: band rows with the columns series, session, stratum, pooled,
    n_clients, p10, p25, p50, p75, p90, source.
    ``flags``: supervisor flags. ``leadlag``: lagged correlation rows.
    ``outcomes``: one row per client and outcome (first-to-last change of each
    symptom scale with its reliable-change category, the NHS Talking Therapies
    recovery status, Jacobson-Truax categories of user-defined scales).
    """

    trajectories: list[TrajectoryPoint] = dataclasses.field(default_factory=list)
    benchmarks: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    flags: list[Flag] = dataclasses.field(default_factory=list)
    leadlag: list[dict[str, Any]] = dataclasses.field(default_factory=list)
    outcomes: list[dict[str, Any]] = dataclasses.field(default_factory=list)
