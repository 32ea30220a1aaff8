"""Reliable and clinically significant change, caseness, recovery, sudden gains and losses.

Formulas (each function's docstring says exactly what it computes):

* Jacobson & Truax (1991) reliable change index:
  S_E = SD * sqrt(1 - r); S_diff = sqrt(2) * S_E; RCI = (after - before) / S_diff.
  |RCI| > 1.96 is reliable change (p < .05).
* Jacobson & Truax (1991) clinical-significance cut-offs (for a scale where the
  dysfunctional mean is above the functional mean, e.g. symptom scales):
  a = M_dys - 2 SD_dys; b = M_func + 2 SD_func;
  c = (SD_dys * M_func + SD_func * M_dys) / (SD_dys + SD_func).
  For a higher-is-better scale a and b mirror (a = M_dys + 2 SD_dys,
  b = M_func - 2 SD_func); c is the same.
* NHS Talking Therapies (formerly IAPT) outcomes on PHQ-9 and GAD-7 (caseness
  PHQ-9 >= 10, GAD-7 >= 8; reliable change PHQ-9 >= 6, GAD-7 >= 4 points).
* Sudden gains (Tang & DeRubeis 1999) and sudden losses (Lutz et al. 2013).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from typing import Any

from ..errors import InputError, rci_input_msg
from .settings import Instrument, SuddenRule

RCI_CRITICAL = 1.96


def reliable_change_index(before: float, after: float, sd: float, reliability: float) -> float:
    """Jacobson-Truax reliable change index of one client's change on any scale.

    Args:
        before: score at the first assessment.
        after: score at the later assessment.
        sd: standard deviation of the scale in a reference (usually the
            pre-treatment) sample; > 0.
        reliability: test-retest (or internal-consistency) reliability r of the
            scale, 0 <= r < 1.

    Returns:
        RCI = (after - before) / S_diff with S_E = sd * sqrt(1 - r) and
        S_diff = sqrt(2) * S_E (Jacobson & Truax 1991, p. 14). The sign follows
        the raw change (for symptom scales a negative RCI is improvement);
        |RCI| > 1.96 is reliable at p < .05.

    Raises:
        InputError: sd <= 0, reliability outside [0, 1), or a non-finite score.

    Example:
        With sd = 7.5 and r = 0.90: S_E = 2.3717, S_diff = 3.3541, so a drop
        from 30 to 15 gives RCI = -15 / 3.3541 = -4.47.
    """
    for name, value in (("before", before), ("after", after)):
        if not math.isfinite(float(value)):
            raise InputError(rci_input_msg(name, value, "a finite number"))
    if not (float(sd) > 0 and math.isfinite(float(sd))):
        raise InputError(rci_input_msg("sd", sd, "a standard deviation > 0"))
    if not (0.0 <= float(reliability) < 1.0):
        raise InputError(rci_input_msg("reliability", reliability, "a reliability in [0, 1)"))
    s_diff = math.sqrt(2.0) * float(sd) * math.sqrt(1.0 - float(reliability))
    return (float(after) - float(before)) / s_diff


def reliable_change_threshold(sd: float, reliability: float) -> float:
    """Smallest raw change that is reliable at p < .05: 1.96 * S_diff."""
    return RCI_CRITICAL * math.sqrt(2.0) * float(sd) * math.sqrt(1.0 - float(reliability))


def jacobson_truax_cutoffs(
    m_dys: float, sd_dys: float, m_func: float, sd_func: float, *, direction: str = "lower"
) -> dict[str, float]:
    """Clinical-significance cut-offs a, b and c (Jacobson & Truax 1991).

    Args:
        m_dys, sd_dys: mean and SD of the dysfunctional (clinical) population.
        m_func, sd_func: mean and SD of the functional (non-clinical) population.
        direction: "lower" when lower scores are better (symptom scales, the
            formulas as published); "higher" when higher scores are better (the
            two-SD cut-offs then lie on the other side of each mean).

    Returns:
        {"a": ..., "b": ..., "c": ...}: a = M_dys - 2 SD_dys (two SDs beyond the
        dysfunctional mean, toward the functional side); b = M_func + 2 SD_func
        (within two SDs of the functional mean); c = (SD_dys * M_func + SD_func *
        M_dys) / (SD_dys + SD_func) (the point where the two distributions are
        equally likely).
    """
    for name, value in (("sd_dys", sd_dys), ("sd_func", sd_func)):
        if not float(value) > 0:
            raise InputError(rci_input_msg(name, value, "a standard deviation > 0"))
    sign = 1.0 if direction == "lower" else -1.0
    return {
        "a": m_dys - sign * 2.0 * sd_dys,
        "b": m_func + sign * 2.0 * sd_func,
        "c": (sd_dys * m_func + sd_func * m_dys) / (sd_dys + sd_func),
    }


def clinical_significance(
    before: float,
    after: float,
    *,
    sd: float,
    reliability: float,
    cutoff: float,
    direction: str = "lower",
) -> dict[str, Any]:
    """Jacobson-Truax category of one change.

    recovered: reliable improvement and the end score on the functional side of
    ``cutoff``; improved: reliable improvement only; deteriorated: reliable
    worsening; unchanged: neither.
    """
    rci = reliable_change_index(before, after, sd, reliability)
    better = -rci if direction == "lower" else rci
    crossed = after < cutoff if direction == "lower" else after > cutoff
    if better > RCI_CRITICAL:
        category = "recovered" if crossed else "improved"
    elif better < -RCI_CRITICAL:
        category = "deteriorated"
    else:
        category = "unchanged"
    return {"rci": rci, "category": category, "functional_at_end": crossed, "cutoff": cutoff}


# ---------------------------------------------------------------- fixed-threshold instruments


def severity_band(instrument: Instrument, value: float) -> str:
    """The instrument's severity band name for a total ("" when it has no bands)."""
    for low, high, name in instrument.bands:
        if low <= value <= high:
            return name
    return ""


def is_case(instrument: Instrument, value: float) -> bool | None:
    """Caseness: >= caseness for lower-is-better scales, < caseness for higher-is-better (ORS)."""
    if instrument.caseness is None:
        return None
    if instrument.direction == "lower":
        return value >= instrument.caseness
    return value < instrument.caseness


def change_category(instrument: Instrument, before: float, after: float) -> str | None:
    """improvement / deterioration / no_reliable_change from the instrument's fixed reliable change.

    Uses ``reliable_change`` points when set (PHQ-9 6, GAD-7 4, ORS 5), else the
    Jacobson-Truax RCI when ``sd`` and ``reliability`` are set; None when neither.
    """
    delta = after - before
    if instrument.direction == "lower":
        delta = -delta
    if instrument.reliable_change is not None:
        threshold = instrument.reliable_change
    elif instrument.sd is not None and instrument.reliability is not None:
        threshold = reliable_change_threshold(instrument.sd, instrument.reliability)
        # RCI strictly beyond 1.96 means the raw change strictly beyond the threshold
        if abs(delta) <= threshold:
            return "no_reliable_change"
        return "improvement" if delta > 0 else "deterioration"
    else:
        return None
    if delta >= threshold:
        return "improvement"
    if delta <= -threshold:
        return "deterioration"
    return "no_reliable_change"


def talking_therapies_outcome(
    phq9: tuple[float, float] | None,
    gad7: tuple[float, float] | None,
    instruments: Mapping[str, Instrument],
) -> dict[str, Any]:
    """NHS Talking Therapies (IAPT) outcome from first and last PHQ-9 and GAD-7 totals.

    Definitions (NHS Digital):
    * case at start: PHQ-9 >= 10 or GAD-7 >= 8 at the first paired assessment;
    * recovery: a case at start and a case on neither measure at the end;
      only defined for clients who were a case at start;
    * reliable improvement: reliable improvement on at least one measure and
      reliable deterioration on neither;
    * reliable deterioration: reliable deterioration on at least one measure and
      reliable improvement on neither;
    * reliable recovery: recovery and reliable improvement.

    Args:
        phq9, gad7: (first, last) totals, or None when the measure is missing.
            With one measure only the outcome is computed on that measure and
            ``measures`` says so (the official statistic needs both).
    """
    pairs = {name: pair for name, pair in (("phq9", phq9), ("gad7", gad7)) if pair is not None}
    if not pairs:
        return {"measures": "", "computable": False}
    categories = {name: change_category(instruments[name], *pair) for name, pair in pairs.items()}
    case_start = any(is_case(instruments[n], p[0]) for n, p in pairs.items())
    case_end = any(is_case(instruments[n], p[1]) for n, p in pairs.items())
    improved = any(c == "improvement" for c in categories.values())
    deteriorated = any(c == "deterioration" for c in categories.values())
    reliable_improvement = improved and not deteriorated
    reliable_deterioration = deteriorated and not improved
    recovery = (case_start and not case_end) if case_start else None
    return {
        "measures": "+".join(sorted(pairs)),
        "computable": True,
        "case_at_start": case_start,
        "case_at_end": case_end,
        "recovery": recovery,
        "reliable_improvement": reliable_improvement,
        "reliable_deterioration": reliable_deterioration,
        "reliable_recovery": (recovery and reliable_improvement) if recovery is not None else None,
        **{f"{n}_change": categories[n] for n in pairs},
    }


# ---------------------------------------------------------------- sudden gains and losses


def _pooled_t_criterion(pre: Sequence[float], post: Sequence[float]) -> tuple[float, float]:
    """(|M_pre - M_post|, pooled SD * sqrt(1/n1 + 1/n2)) for the third Tang-DeRubeis criterion."""
    n1, n2 = len(pre), len(post)
    var1 = statistics.variance(pre) if n1 > 1 else 0.0
    var2 = statistics.variance(post) if n2 > 1 else 0.0
    pooled = math.sqrt(((n1 - 1) * var1 + (n2 - 1) * var2) / (n1 + n2 - 2))
    return abs(statistics.fmean(pre) - statistics.fmean(post)), pooled * math.sqrt(1 / n1 + 1 / n2)


def sudden_changes(
    series: Sequence[tuple[int, float]],
    *,
    min_abs: float,
    rule: SuddenRule,
    direction: str = "lower",
) -> list[dict[str, Any]]:
    """Sudden gains and losses in one client's series of (session, score), in session order.

    For each pair of consecutive ratings (positions N and N+1 of the observed
    series; sessions between them may be missing):

    1. |change| >= ``min_abs`` points in the better (gain) or worse (loss) direction;
    2. |change| >= ``rule.min_relative`` x the pre-change score (for a loss from
       a pre-change score of 0 this always holds);
    3. the mean of the ratings at N-(w-1)..N differs from the mean at N+1..N+w
       (w = ``rule.window``, 3): |M_pre - M_post| > t_crit x S_pooled x
       sqrt(1/n1 + 1/n2), with t_crit the two-tailed .05 value for df = n1 + n2 - 2
       (2.776 for 3 v 3). With ``allow_missing`` fewer ratings at the series'
       ends are used when df has a critical value (3.182 for df 3, 4.303 for
       df 2); otherwise a full window is required. A change in the expected
       direction of both means is required (the pre mean worse than the post
       mean for a gain).

    Returns:
        One dict per sudden change: kind ("gain"/"loss"), session_before,
        session_after, before, after, change, relative, mean_pre, mean_post,
        t_threshold, critical, n_pre, n_post, pre_sessions, post_sessions.
    """
    values = [v for _, v in series]
    sessions = [s for s, _ in series]
    out: list[dict[str, Any]] = []
    for n in range(len(values) - 1):
        before, after = values[n], values[n + 1]
        better = (before - after) if direction == "lower" else (after - before)
        if abs(better) < min_abs or better == 0:
            continue
        kind = "gain" if better > 0 else "loss"
        relative = abs(after - before) / abs(before) if before != 0 else math.inf
        if relative < rule.min_relative:
            continue
        pre = values[max(0, n - rule.window + 1) : n + 1]
        post = values[n + 1 : n + 1 + rule.window]
        df = len(pre) + len(post) - 2
        full = len(pre) == rule.window and len(post) == rule.window
        if not full and not rule.allow_missing:
            continue
        if df not in rule.critical_values:
            continue
        critical = rule.critical_values[df]
        diff, scale = _pooled_t_criterion(pre, post)
        mean_pre, mean_post = statistics.fmean(pre), statistics.fmean(post)
        direction_ok = (mean_pre - mean_post) * (1 if direction == "lower" else -1) * (
            1 if kind == "gain" else -1
        ) > 0
        if not direction_ok or diff <= critical * scale:
            continue
        out.append(
            {
                "kind": kind,
                "session_before": sessions[n],
                "session_after": sessions[n + 1],
                "before": before,
                "after": after,
                "change": after - before,
                "relative": relative,
                "mean_pre": mean_pre,
                "mean_post": mean_post,
                "t_threshold": critical * scale,
                "critical": critical,
                "n_pre": len(pre),
                "n_post": len(post),
                "pre_sessions": sessions[max(0, n - rule.window + 1) : n + 1],
                "post_sessions": sessions[n + 1 : n + 1 + rule.window],
            }
        )
    return out
