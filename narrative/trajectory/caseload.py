"""analyze_caseload: every client's series, benchmark bands, positions, flags, lead-lag and outcomes."""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from ..errors import InputError
from ..types import TrajectoryPoint
from .bands import caseload_bands, position_points, read_reference, stratum_label
from .change import (
    change_category,
    clinical_significance,
    is_case,
    jacobson_truax_cutoffs,
    talking_therapies_outcome,
)
from .flags import ClientView, client_flags, group_series
from .gas import gas_series
from .leadlag import lead_lag
from .models import CASELOAD_STATEMENT_TYPES, CaseloadResult, ClientData
from .scales import scale_series
from .sessions import Problem, build_index
from .settings import FlagRules, load_settings

logger = logging.getLogger(__name__)


def client_points(client: ClientData, settings: Any) -> tuple[list[TrajectoryPoint], list[Problem], Any]:
    """All series points of one client (GAS, instruments, narrative) before banding."""
    index, problems = build_index(
        client.client_id, client.notes, client.measures, missed_pattern=settings.rules.missed_session_pattern
    )
    gas_pts, gas_problems = gas_series(client.client_id, client.measures, client.goals, index, settings.gas)
    scale_pts, scale_problems = scale_series(client.client_id, client.measures, index, settings.rules)
    narrative = []
    for p in client.narrative_points:
        if p.client_id != client.client_id:
            raise InputError(
                f"ClientData {client.client_id!r} holds a narrative point of client {p.client_id!r}; "
                "expected only the client's own points."
            )
        narrative.append(p)
    return [*gas_pts, *scale_pts, *narrative], [*problems, *gas_problems, *scale_problems], index


def analyze_caseload(
    clients: Iterable[ClientData],
    *,
    config: Mapping[str, Any] | None = None,
    reference: Path | None = None,
    strata: Sequence[str] = (),
    exclude: Collection[str] = (),
) -> CaseloadResult:
    """Trajectories, benchmarks, flags, lead-lag and outcomes of a caseload.

    Opted-out clients are removed by the run before this is called; any client
    id in ``exclude`` is dropped here too and never enters a band, a flag, a
    lead-lag figure or an outcome.

    Args:
        clients: one :class:`ClientData` per client (a client id may appear once).
        config: the run configuration (its ``trajectory`` section is used; None
            for the defaults).
        reference: a benchmark CSV (columns series, session, stratum, pooled,
            n_clients, p10..p90, source) to position clients against instead of
            the caseload's own bands.
        strata: names of ``ClientData.strata`` columns to stratify the bands by.
        exclude: client ids to leave out entirely (opted out).

    Returns:
        CaseloadResult with trajectories (series gas_t, gas_goal:<goal_id>,
        alliance, srs_total, wai_sr_total, wai_sr_task/bond/goal, phq9, gad7,
        ors, other scales by name, and the narrative series), benchmarks,
        flags, leadlag and outcomes.
    """
    settings = load_settings(config)
    rules = settings.rules
    assert rules is not None
    excluded = set(exclude)
    seen: set[str] = set()
    points: list[TrajectoryPoint] = []
    per_client: list[tuple[ClientData, list[Problem], Any]] = []
    strata_of: dict[str, str] = {}
    for client in clients:
        if client.client_id in excluded:
            continue
        if client.client_id in seen:
            raise InputError(
                f"client {client.client_id!r} is given twice; expected one ClientData per client."
            )
        seen.add(client.client_id)
        if any(st.type not in CASELOAD_STATEMENT_TYPES for st in client.statements):
            # the rules see only these types, whoever built the ClientData (see CASELOAD_STATEMENT_TYPES)
            kept = [st for st in client.statements if st.type in CASELOAD_STATEMENT_TYPES]
            client = dataclasses.replace(client, statements=kept)
        pts, problems, index = client_points(client, settings)
        points.extend(pts)
        per_client.append((client, problems, index))
        strata_of[client.client_id] = stratum_label(client.strata, strata)
    logger.info(
        "trajectory: %d clients, %d points (%d excluded)", len(per_client), len(points), len(excluded)
    )

    bands = caseload_bands(points, strata_of, settings=settings.benchmarks, stratified=bool(strata))
    reference_rows = read_reference(reference) if reference is not None else []
    positioned = position_points(
        points, reference_rows or bands, strata_of, settings=settings.benchmarks, rules=rules
    )
    by_client: dict[str, list[TrajectoryPoint]] = {}
    for p in positioned:
        by_client.setdefault(p.client_id, []).append(p)

    flags = []
    outcomes: list[dict[str, Any]] = []
    for client, problems, index in per_client:
        series = group_series(by_client.get(client.client_id, []))
        view = ClientView(client, index, series, problems)
        flags.extend(client_flags(view, rules))
        outcomes.extend(client_outcomes(client.client_id, series, rules))
    trajectories = sorted(positioned, key=lambda p: (p.client_id, p.series, p.session))
    return CaseloadResult(
        trajectories=trajectories,
        benchmarks=[*reference_rows, *bands],
        flags=flags,
        leadlag=lead_lag(trajectories, settings=settings.leadlag, rules=rules),
        outcomes=outcomes,
    )


def client_outcomes(
    client_id: str, series: Mapping[str, list[TrajectoryPoint]], rules: FlagRules
) -> list[dict[str, Any]]:
    """First-to-last outcome rows of one client.

    One row per configured instrument with >= 2 ratings (measure, first/last
    session and value, change, reliable category, caseness; Jacobson-Truax RCI
    and category when the instrument has sd/reliability and norms), and one
    ``talking_therapies`` row (PHQ-9 + GAD-7 recovery, see
    :func:`narrative.trajectory.change.talking_therapies_outcome`) from the
    first and last sessions where both were rated (or the one measure there is).
    """
    rows: list[dict[str, Any]] = []
    for name, inst in rules.instruments.items():
        pts = series.get(name, [])
        if len(pts) < 2:
            continue
        first, last = pts[0], pts[-1]
        row: dict[str, Any] = {
            "client_id": client_id,
            "measure": name,
            "first_session": first.session,
            "first": first.value,
            "last_session": last.session,
            "last": last.value,
            "change": last.value - first.value,
            "reliable": change_category(inst, first.value, last.value),
            "case_first": is_case(inst, first.value),
            "case_last": is_case(inst, last.value),
        }
        if inst.sd is not None and inst.reliability is not None:
            norms = (inst.m_dys, inst.sd_dys, inst.m_func, inst.sd_func)
            if all(v is not None for v in norms):
                cut = jacobson_truax_cutoffs(*norms, direction=inst.direction)[inst.clinical_cutoff]  # type: ignore[arg-type]
                cs = clinical_significance(
                    first.value,
                    last.value,
                    sd=inst.sd,
                    reliability=inst.reliability,
                    cutoff=cut,
                    direction=inst.direction,
                )
                row.update(rci=cs["rci"], jt_category=cs["category"], jt_cutoff=cut)
        rows.append(row)

    phq = {p.session: p.value for p in series.get("phq9", [])}
    gad = {p.session: p.value for p in series.get("gad7", [])}
    paired = sorted(set(phq) & set(gad))
    if len(paired) >= 2:
        a, b = paired[0], paired[-1]
        result = talking_therapies_outcome((phq[a], phq[b]), (gad[a], gad[b]), rules.instruments)
        rows.append(
            {
                "client_id": client_id,
                "measure": "talking_therapies",
                "first_session": a,
                "last_session": b,
                **result,
            }
        )
    elif len(phq) >= 2 or len(gad) >= 2:
        single = "phq9" if len(phq) >= 2 else "gad7"
        values = phq if single == "phq9" else gad
        s = sorted(values)
        pair = (values[s[0]], values[s[-1]])
        result = talking_therapies_outcome(
            pair if single == "phq9" else None, pair if single == "gad7" else None, rules.instruments
        )
        rows.append(
            {
                "client_id": client_id,
                "measure": "talking_therapies",
                "first_session": s[0],
                "last_session": s[-1],
                **result,
            }
        )
    return rows
