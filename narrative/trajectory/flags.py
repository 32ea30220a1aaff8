"""Supervisor flags: each rule reads one client's series and returns :class:`Flag` records.

Rules and thresholds come from ``flags.yaml`` (see its comments for each rule's
definition). Every flag has a rule id, a severity, a reason a supervisor can
read without the numbers table ("PHQ-9 rose from 8 (s1) to 16 (s9): reliable
deterioration (≥ 6 points)"), the figures behind it in ``numbers`` and, where
there are any, the client's own words in ``quotes``.

Rule ids: narrative_shift_positive, narrative_shift_negative, stagnation,
alliance_dip, discordance, balance, documentation_drift, context_event,
sudden_gain, sudden_loss, deterioration, data_check.
"""

from __future__ import annotations

import dataclasses
import re
import statistics
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from ..score.shifts import best_change_point, effect_size
from ..types import Flag, Statement, TrajectoryPoint
from .change import change_category, sudden_changes
from .models import ClientData
from .sessions import Problem, SessionIndex
from .settings import FlagRules

RULE_IDS = (
    "narrative_shift_positive",
    "narrative_shift_negative",
    "stagnation",
    "alliance_dip",
    "discordance",
    "balance",
    "documentation_drift",
    "context_event",
    "sudden_gain",
    "sudden_loss",
    "deterioration",
    "data_check",
)


def fmt(value: float | None) -> str:
    """A number as a supervisor reads it: 16, 0.45, 63.7."""
    if value is None:
        return "?"
    v = float(value)
    if v.is_integer():
        return str(int(v))
    return f"{v:.2f}" if abs(v) < 10 else f"{v:.1f}"


def span(first: int, last: int) -> str:
    """'s3' or 's3–s6'."""
    return f"s{first}" if first == last else f"s{first}–s{last}"


@dataclasses.dataclass
class ClientView:
    """One client's data and built series, as the rules read them."""

    data: ClientData
    index: SessionIndex
    series: dict[str, list[TrajectoryPoint]]
    problems: list[Problem]

    @property
    def client_id(self) -> str:
        return self.data.client_id


def group_series(points: Iterable[TrajectoryPoint]) -> dict[str, list[TrajectoryPoint]]:
    """Points by series name, each list in session order."""
    out: dict[str, list[TrajectoryPoint]] = {}
    for p in points:
        out.setdefault(p.series, []).append(p)
    for pts in out.values():
        pts.sort(key=lambda p: p.session)
    return out


def _better(direction: str, before: float, after: float) -> float:
    return (before - after) if direction == "lower" else (after - before)


# ---------------------------------------------------------------- narrative shift


def _effect(shift: Any) -> float | None:
    value = (shift.detail or {}).get("effect_size")
    return None if value is None else float(value)


def _when(shift: Any, key: str, session: int | None) -> str:
    """The sessions a before/after level pools, as " (s1–s5)", else the one session."""
    sessions = [int(x) for x in (shift.detail or {}).get(key) or []]
    if sessions:
        return f" ({span(sessions[0], sessions[-1])})"
    return f" (s{session})" if session is not None else ""


def narrative_shift_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """A narrative shift from the score stage (ClientData.shifts) of at least ``min_delta``.

    One flag per series and direction: the shift with the largest change.
    """
    rule = rules.rules.narrative_shift
    best: dict[tuple[str, bool], Any] = {}
    for shift in view.data.shifts:
        if shift.series not in rule.series or shift.kind not in rule.kinds or shift.delta is None:
            continue
        if not rule.counts(shift.delta, _effect(shift)):
            continue
        key = (shift.series, shift.delta > 0)
        if key not in best or abs(shift.delta) > abs(best[key].delta):
            best[key] = shift
    flags = []
    for (series, positive), shift in sorted(best.items()):
        label = rules.label(series)
        verb = "rose" if positive else "fell"
        when_before = _when(shift, "sessions_before", shift.session_from)
        when_after = _when(shift, "sessions_after", shift.session_to)
        effect = _effect(shift)
        size = (
            f"; {effect:+.2f} SD of the session-to-session variation, threshold {fmt(rule.min_effect_size)}"
            if effect is not None and rule.min_effect_size is not None
            else ""
        )
        reason = (
            f"{label.capitalize()} {verb} from {fmt(shift.before)}{when_before} to {fmt(shift.after)}{when_after}: "
            f"a {'positive' if positive else 'negative'} narrative shift of {shift.delta:+.2f} "
            f"({shift.kind.replace('_', ' ')}; threshold {fmt(rule.min_delta)}{size})."
        )
        flags.append(
            Flag(
                view.client_id,
                "narrative_shift_positive" if positive else "narrative_shift_negative",
                rule.severity_positive if positive else rule.severity_negative,
                reason,
                shift.session_from,
                shift.session_to,
                numbers={
                    "series": series,
                    "kind": shift.kind,
                    "before": shift.before,
                    "after": shift.after,
                    "delta": shift.delta,
                    "threshold": rule.min_delta,
                    "effect_size": effect,
                    "min_effect_size": rule.min_effect_size,
                },
                quotes=tuple(q for q in (shift.quote_before, shift.quote_after) if q),
            )
        )
    return flags


# ---------------------------------------------------------------- stagnation


def stagnation_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """No change of ``min_change`` or more across at least the client's last ``sessions`` ratings of a series.

    The stretch is extended back as far as the values stay within ``min_change``.
    Not flagged when the latest rating is on the good side of ``unless_better_than``.
    """
    rule = rules.rules.stagnation
    flags = []
    for name, cfg in rule.series.items():
        pts = view.series.get(name, [])
        if len(pts) < rule.sessions:
            continue
        if cfg.method == "no_shift":
            flag = _narrative_stagnation(view, rules, name, pts)
            if flag is not None:
                flags.append(flag)
            continue
        start = len(pts) - rule.sessions
        values = [p.value for p in pts[start:]]
        if max(values) - min(values) >= cfg.min_change:
            continue
        while start > 0:
            values = [p.value for p in pts[start - 1 :]]
            if max(values) - min(values) >= cfg.min_change:
                break
            start -= 1
        window = pts[start:]
        values = [p.value for p in window]
        low, high = min(values), max(values)
        direction = rules.direction(name)
        latest = window[-1].value
        if cfg.unless_better_than is not None:
            if direction == "lower" and latest < cfg.unless_better_than:
                continue
            if direction == "higher" and latest >= cfg.unless_better_than:
                continue
        label = rules.label(name)
        first, last = window[0].session, window[-1].session
        reason = (
            f"{label} stayed between {fmt(low)} and {fmt(high)} over the last {len(window)} ratings "
            f"({span(first, last)}): no change of {fmt(cfg.min_change)} or more."
        )
        flags.append(
            Flag(
                view.client_id,
                "stagnation",
                rule.severity,
                reason,
                first,
                last,
                numbers={
                    "series": name,
                    "min": low,
                    "max": high,
                    "min_change": cfg.min_change,
                    "n": len(window),
                },
            )
        )
    return flags


def _still(
    values: Sequence[float], weights: Sequence[float], edge: int, min_change: float, shift: Any
) -> bool:
    """No meaningful change across ``values``: start and end levels within ``min_change`` and no
    change point that the narrative shift rule would count."""
    k = min(edge, len(values) // 2)
    if abs(statistics.fmean(values[-k:]) - statistics.fmean(values[:k])) >= min_change:
        return False
    cp = best_change_point(values, min_segment=2, weights=weights)
    if cp is None:
        return True
    split, _stat, delta = cp
    return not shift.counts(delta, effect_size(delta, values[:split], values[split:]))


def _narrative_stagnation(
    view: ClientView, rules: FlagRules, name: str, pts: Sequence[TrajectoryPoint]
) -> Flag | None:
    """Stagnation of a narrative series: the longest stretch of the client's latest sessions (at
    least ``sessions``) in which the story neither moved from its start level nor shifted, for a
    client with no narrative shift at all (a plateau after a shift is where the story moved to,
    not a story that never moved)."""
    rule = rules.rules.stagnation
    cfg = rule.series[name]
    values = [p.value for p in pts]
    weights = [max(p.n, 1) for p in pts]
    shift = rules.rules.narrative_shift
    if shift.enabled and any(
        sh.series in shift.series and sh.kind in shift.kinds and shift.counts(sh.delta, _effect(sh))
        for sh in view.data.shifts
    ):
        return None
    whole = best_change_point(values, min_segment=2, weights=weights)
    if whole is not None and shift.counts(
        whole[2], effect_size(whole[2], values[: whole[0]], values[whole[0] :])
    ):
        return None  # the series itself moved to a new level at some point
    start = next(
        (
            i
            for i in range(len(pts) - rule.sessions + 1)
            if _still(values[i:], weights[i:], cfg.edge_sessions, cfg.min_change, shift)
        ),
        None,
    )
    if start is None:
        return None
    window = pts[start:]
    k = min(cfg.edge_sessions, len(window) // 2)
    first_level = statistics.fmean(p.value for p in window[:k])
    last_level = statistics.fmean(p.value for p in window[-k:])
    first, last = window[0].session, window[-1].session
    label = rules.label(name)
    reason = (
        f"{label.capitalize()} showed no meaningful change over the last {len(window)} sessions "
        f"({span(first, last)}): {fmt(first_level)} at the start, {fmt(last_level)} at the end "
        f"(means of {k} sessions; a change of {fmt(cfg.min_change)} would count), and no narrative "
        "shift within it."
    )
    return Flag(
        view.client_id,
        "stagnation",
        rule.severity,
        reason,
        first,
        last,
        numbers={
            "series": name,
            "start_level": round(first_level, 6),
            "end_level": round(last_level, 6),
            "min_change": cfg.min_change,
            "n": len(window),
            "method": "no_shift",
        },
    )


# ---------------------------------------------------------------- alliance dip / rupture risk


def alliance_dips(
    points: Sequence[TrajectoryPoint],
    *,
    sd_multiplier: float,
    min_history: int,
    min_drop: float,
    cutoff: float | None,
) -> list[dict[str, Any]]:
    """Dips of one alliance series relative to the client's own earlier ratings.

    A rating is a dip when (a) there are at least ``min_history`` earlier
    ratings and it lies at least ``sd_multiplier`` sample SDs *and* at least
    ``min_drop`` points below their mean, or (b) it is below ``cutoff``.
    """
    dips = []
    for i, p in enumerate(points):
        earlier = [q.value for q in points[:i]]
        reasons = []
        info: dict[str, Any] = {"session": p.session, "value": p.value}
        if len(earlier) >= min_history:
            mean, sd = statistics.fmean(earlier), statistics.stdev(earlier)
            drop = mean - p.value
            info.update(earlier_mean=mean, earlier_sd=sd, drop=drop)
            if drop > 0 and drop >= sd_multiplier * sd and drop >= min_drop:
                reasons.append("drop")
        if cutoff is not None and p.value < cutoff:
            reasons.append("cutoff")
        if reasons:
            info["criteria"] = reasons
            info["quote"] = p.detail.get("quote", "")
            dips.append(info)
    return dips


def alliance_dip_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """Rupture risk: alliance dips (see :func:`alliance_dips`), one flag per run of consecutive dips.

    The flag notes whether the dip was followed by a missed session or by no
    later session at all (drop-out); either raises the severity.
    """
    rule = rules.rules.alliance_dip
    flags = []
    for name in rule.series:
        pts = view.series.get(name, [])
        if not pts:
            continue
        instrument = {"srs_total": "srs", "wai_sr_total": "wai_sr"}.get(name, name)
        inst = rules.instruments.get(instrument)
        cutoff = inst.cutoff if inst else None
        dips = alliance_dips(
            pts,
            sd_multiplier=rule.sd_multiplier,
            min_history=rule.min_history,
            min_drop=rule.min_drop.get(name, 0.0),
            cutoff=cutoff,
        )
        positions = {p.session: i for i, p in enumerate(pts)}
        runs: list[list[dict[str, Any]]] = []
        for dip in dips:
            if runs and positions[dip["session"]] == positions[runs[-1][-1]["session"]] + 1:
                runs[-1].append(dip)
            else:
                runs.append([dip])
        label = rules.label(name)
        for run in runs:
            flags.append(_dip_flag(view, rule, label, name, run, cutoff))
    return flags


def _dip_flag(
    view: ClientView, rule: Any, label: str, name: str, run: list[dict[str, Any]], cutoff: float | None
) -> Flag:
    first, last = run[0]["session"], run[-1]["session"]
    worst = min(run, key=lambda d: d["value"])
    parts = [f"{label} fell to {fmt(worst['value'])} at s{worst['session']}"]
    if "earlier_mean" in worst and "drop" in worst["criteria"]:
        parts.append(
            f"{fmt(worst['drop'])} points below the client's earlier mean of {fmt(worst['earlier_mean'])} "
            f"(SD {fmt(worst['earlier_sd'])})"
        )
    if "cutoff" in worst["criteria"]:
        parts.append(f"below the {label} cut-off of {fmt(cutoff)}")
    nxt = view.index.next_after(last)
    missed = [d["session"] for d in run if view.index.missed_after(d["session"], gap_factor=rule.gap_factor)]
    tails = []
    if missed:
        after = f"next attended s{nxt}" if nxt is not None else f"s{missed[-1] + 1} recorded as missed"
        tails.append(f"followed by a missed session ({after})")
    if nxt is None:
        tails.append("no later session: possible drop-out")
    followed = "dropout" if nxt is None else "missed_session" if missed else ""
    tail = "; ".join(tails)
    if len(run) > 1:
        parts.append(f"dip over {span(first, last)}")
    reason = ", ".join(parts[:1]) + (": " + "; ".join(parts[1:]) if len(parts) > 1 else "")
    reason += f"; {tail}." if tail else "."
    reason += " Rupture risk: check in with the client about the relationship."
    return Flag(
        view.client_id,
        "alliance_dip",
        rule.severity_if_followed if followed else rule.severity,
        reason,
        first,
        last,
        numbers={
            "series": name,
            "value": worst["value"],
            "earlier_mean": worst.get("earlier_mean"),
            "earlier_sd": worst.get("earlier_sd"),
            "drop": worst.get("drop"),
            "cutoff": cutoff,
            "criteria": worst["criteria"],
            "followed_by": followed or "none",
            "missed_session": bool(missed),
            "dropout": nxt is None,
            "next_session": nxt,
        },
        quotes=tuple(d["quote"] for d in run if d.get("quote")),
    )


# ---------------------------------------------------------------- discordance


def _weighted_mean(points: Sequence[TrajectoryPoint]) -> float:
    """Mean of point values weighted by ``n`` (statements behind each value; at least 1)."""
    weights = [max(1, int(p.n or 1)) for p in points]
    return sum(p.value * w for p, w in zip(points, weights, strict=True)) / sum(weights)


def discordance_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """The narrative and a scale disagree over the sessions both cover.

    Narrative change = mean of its last ``window`` points minus mean of its
    first ``window`` points within the common span, each point weighted by the
    number of statements behind it (a session with one stray remark does not
    outweigh a session with ten); scale change = last minus first rating in
    that span, judged against the scale's reliable change. "The narrative
    improves" needs a change >= ``narrative_min_change``; "it does not" a change
    below ``narrative_flat`` (a fall counts as not improving).
    """
    rule = rules.rules.discordance
    narrative = view.series.get(rule.narrative_series, [])
    if len(narrative) < rule.min_sessions:
        return []
    flags = []
    for name, cfg in rule.scales.items():
        scale = view.series.get(name, [])
        if len(scale) < 2:
            continue
        start = max(narrative[0].session, scale[0].session)
        end = min(narrative[-1].session, scale[-1].session)
        n_pts = [p for p in narrative if start <= p.session <= end]
        s_pts = [p for p in scale if start <= p.session <= end]
        if len(n_pts) < rule.min_sessions or len(s_pts) < 2:
            continue
        w = min(rule.window, len(n_pts) // 2)
        n_before = _weighted_mean(n_pts[:w])
        n_after = _weighted_mean(n_pts[-w:])
        n_change = n_after - n_before
        direction = rules.direction(name)
        s_first, s_last = s_pts[0], s_pts[-1]
        s_better = _better(direction, s_first.value, s_last.value)
        s_improved = s_better >= cfg.reliable_change
        label = rules.label(name)
        n_label = rules.label(rule.narrative_series)
        narrative_text = (
            f"the {n_label} {'rose' if n_change >= 0 else 'fell'} by {fmt(abs(n_change))} "
            f"(mean {fmt(n_before)} at {span(n_pts[0].session, n_pts[w - 1].session)} to "
            f"{fmt(n_after)} at {span(n_pts[-w].session, n_pts[-1].session)})"
        )
        scale_text = f"{label} went from {fmt(s_first.value)} (s{s_first.session}) to {fmt(s_last.value)} (s{s_last.session})"
        if n_change >= rule.narrative_min_change and not s_improved:
            kind = "narrative_improves_scale_not"
            reason = (
                f"{narrative_text.capitalize()} while {scale_text}: no reliable improvement "
                f"(≥ {fmt(cfg.reliable_change)} points). The story and the scale disagree."
            )
        elif s_improved and n_change < rule.narrative_flat:
            kind = "scale_improves_narrative_not"
            reason = (
                f"{scale_text[0].upper()}{scale_text[1:]}: reliable improvement (≥ {fmt(cfg.reliable_change)} points), "
                f"while {narrative_text}, less than a meaningful change ({fmt(rule.narrative_flat)}). "
                "The scale and the story disagree."
            )
        else:
            continue
        flags.append(
            Flag(
                view.client_id,
                "discordance",
                rule.severity,
                reason,
                start,
                end,
                numbers={
                    "kind": kind,
                    "scale": name,
                    "scale_first": s_first.value,
                    "scale_last": s_last.value,
                    "scale_reliable_change": cfg.reliable_change,
                    "narrative_before": n_before,
                    "narrative_after": n_after,
                    "narrative_change": n_change,
                },
                quotes=tuple(
                    q for q in (n_pts[0].detail.get("quote", ""), n_pts[-1].detail.get("quote", "")) if q
                ),
            )
        )
    return flags


# ---------------------------------------------------------------- balance


def indicator_progress(statement: Any) -> str | None:
    """The ``progress`` value of an indicator statement (Statement.attrs or ScoredStatement.evidence)."""
    if isinstance(statement, Statement):
        return statement.attrs.get("progress")
    evidence = getattr(statement, "evidence", {}) or {}
    value = evidence.get("progress")
    if value is None and isinstance(evidence.get("attrs"), Mapping):
        value = evidence["attrs"].get("progress")
    if value is None:
        value = (getattr(statement, "features", {}) or {}).get("progress")
    return value if isinstance(value, str) else None


def balance_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """Indicator statements of the last ``sessions`` sessions with indicators record only progress."""
    rule = rules.rules.balance
    by_session: dict[int, list[tuple[str, str]]] = {}
    for st in view.data.statements:
        if st.type != "indicator":
            continue
        progress = indicator_progress(st)
        session = view.index.resolve(st.session, st.date)
        if progress is None or session is None:
            continue
        by_session.setdefault(session, []).append((progress, st.text))
    sessions = sorted(by_session)[-rule.sessions :]
    if len(sessions) < rule.sessions:
        return []
    items = [item for s in sessions for item in by_session[s]]
    counts = Counter(p for p, _ in items)
    if len(items) < rule.min_indicators or set(counts) != {"progress"}:
        return []
    reason = (
        f"All {len(items)} qualitative indicators over {span(sessions[0], sessions[-1])} record progress; "
        "none records no change or a setback. Possible confirmation bias: check what the notes leave out."
    )
    return [
        Flag(
            view.client_id,
            "balance",
            rule.severity,
            reason,
            sessions[0],
            sessions[-1],
            numbers={"indicators": len(items), "progress": counts["progress"], "sessions": len(sessions)},
            quotes=tuple(t for _, t in items[:2] if t),
        )
    ]


# ---------------------------------------------------------------- documentation drift


def documentation_drift_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """Runs of ``sessions`` consecutive attended sessions with measures but no note, or a note but no indicators.

    "No indicators" is only judged for a client whose indicators can be seen at
    all: some indicator statement exists, or some note has a section name.
    """
    rule = rules.rules.documentation_drift
    pattern = re.compile(rule.indicator_section_pattern, re.IGNORECASE)
    note_sessions: set[int] = set()
    indicator_sessions: set[int] = set()
    any_section = False
    for note in view.data.notes:
        s = view.index.resolve(note.session, note.date)
        if s is None:
            continue
        note_sessions.add(s)
        if note.section:
            any_section = True
            if pattern.search(note.section):
                indicator_sessions.add(s)
    any_statement = False
    for st in view.data.statements:
        if st.type == "indicator":
            any_statement = True
            s = view.index.resolve(st.session, st.date)
            if s is not None:
                indicator_sessions.add(s)
    measure_sessions = {
        s for m in view.data.measures if (s := view.index.resolve(m.session, m.date)) is not None
    }
    judge_indicators = any_statement or any_section
    status: list[tuple[int, str]] = []
    for s in view.index.sessions:
        if s in measure_sessions and s not in note_sessions:
            status.append((s, "measures_without_note"))
        elif judge_indicators and s in note_sessions and s not in indicator_sessions:
            status.append((s, "note_without_indicators"))
        else:
            status.append((s, ""))
    minimum = {
        "measures_without_note": rule.missing_note_sessions,
        "note_without_indicators": rule.no_indicator_sessions,
    }
    flags = []
    run: list[int] = []
    run_kind = ""
    for s, kind in [*status, (-1, "")]:
        if kind and kind == run_kind:
            run.append(s)
            continue
        if run_kind and len(run) >= minimum[run_kind]:
            text = (
                "had measures but no session note"
                if run_kind == "measures_without_note"
                else "had notes without qualitative indicators"
            )
            flags.append(
                Flag(
                    view.client_id,
                    "documentation_drift",
                    rule.severity,
                    f"{len(run)} consecutive sessions ({span(run[0], run[-1])}) {text}: documentation is drifting.",
                    run[0],
                    run[-1],
                    numbers={"kind": run_kind, "sessions": list(run), "threshold": minimum[run_kind]},
                )
            )
        run, run_kind = ([s], kind) if kind else ([], "")
    return flags


# ---------------------------------------------------------------- sudden gains / losses


def sudden_change_events(view: ClientView, rules: FlagRules) -> list[tuple[str, dict[str, Any]]]:
    """(instrument, event) for every sudden gain or loss of the client."""
    rule = rules.rules.sudden_change
    out = []
    for name, cfg in rule.instruments.items():
        pts = view.series.get(name, [])
        events = sudden_changes(
            [(p.session, p.value) for p in pts],
            min_abs=cfg.min_abs,
            rule=rule,
            direction=rules.direction(name),
        )
        out.extend((name, e) for e in events)
    return out


def sudden_change_flags(
    view: ClientView, rules: FlagRules, events: Sequence[tuple[str, dict[str, Any]]]
) -> list[Flag]:
    """Sudden gains and losses (Tang & DeRubeis 1999 criteria; see change.sudden_changes)."""
    rule = rules.rules.sudden_change
    flags = []
    for name, e in events:
        label = rules.label(name)
        gain = e["kind"] == "gain"
        verb = "fell" if e["change"] < 0 else "rose"
        pct = "any" if e["relative"] == float("inf") else f"{e['relative']:.0%}"
        word = "gain" if gain else "loss"
        pre, post = e["pre_sessions"], e["post_sessions"]
        reason = (
            f"{label} {verb} from {fmt(e['before'])} (s{e['session_before']}) to {fmt(e['after'])} "
            f"(s{e['session_after']}): sudden {word} ({fmt(abs(e['change']))} points ≥ "
            f"{fmt(rule.instruments[name].min_abs)}; {pct} of the pre-{word} score ≥ {rule.min_relative:.0%}; "
            f"mean {fmt(e['mean_pre'])} at {span(pre[0], pre[-1])} vs {fmt(e['mean_post'])} at "
            f"{span(post[0], post[-1])}, a difference of {fmt(abs(e['mean_pre'] - e['mean_post']))} > "
            f"{fmt(e['t_threshold'])} ({e['critical']:g} x pooled standard error, Tang & DeRubeis 1999))."
        )
        flags.append(
            Flag(
                view.client_id,
                "sudden_gain" if gain else "sudden_loss",
                rule.severity_gain if gain else rule.severity_loss,
                reason,
                e["session_before"],
                e["session_after"],
                numbers={"instrument": name, **{k: v for k, v in e.items() if k != "kind"}},
            )
        )
    return flags


# ---------------------------------------------------------------- deterioration


def deterioration_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """Reliable deterioration first -> latest rating, and runs of "not on track" against the bands."""
    rule = rules.rules.deterioration
    flags = []
    for name in rule.instruments:
        pts = view.series.get(name, [])
        inst = rules.instruments.get(name)
        if len(pts) < 2 or inst is None:
            continue
        first, last = pts[0], pts[-1]
        if change_category(inst, first.value, last.value) != "deterioration":
            continue
        verb = "rose" if last.value > first.value else "fell"
        if inst.reliable_change is not None:
            criterion = f"≥ {fmt(inst.reliable_change)} points"
        else:
            criterion = "Jacobson–Truax RCI beyond 1.96"
        flags.append(
            Flag(
                view.client_id,
                "deterioration",
                rule.severity,
                f"{inst.label} {verb} from {fmt(first.value)} (s{first.session}) to {fmt(last.value)} (s{last.session}): "
                f"reliable deterioration ({criterion}).",
                first.session,
                last.session,
                numbers={
                    "criterion": "reliable_deterioration",
                    "instrument": name,
                    "first": first.value,
                    "last": last.value,
                    "reliable_change": inst.reliable_change,
                },
            )
        )
    if rule.not_on_track:
        for name in rule.not_on_track_series:
            flags.extend(_not_on_track(view, rules, name))
    return flags


def _not_on_track(view: ClientView, rules: FlagRules, name: str) -> list[Flag]:
    rule = rules.rules.deterioration
    pts = [p for p in view.series.get(name, []) if p.session >= rule.not_on_track_from_session]
    runs: list[list[TrajectoryPoint]] = []
    current: list[TrajectoryPoint] = []
    for p in pts:
        if p.detail.get("on_track") is False:
            current.append(p)
        else:
            if current:
                runs.append(current)
            current = []
    if current:
        runs.append(current)
    direction = rules.direction(name)
    label = rules.label(name)
    flags = []
    for run in runs:
        if len(run) < rule.not_on_track_sessions:
            continue
        last = run[-1]
        side = "above the upper" if direction == "lower" else "below the lower"
        bound = last.band_high if direction == "lower" else last.band_low
        source = last.detail.get("band_source", "caseload")
        flags.append(
            Flag(
                view.client_id,
                "deterioration",
                rule.severity_not_on_track,
                f"{label} was {side} bound of the {source} band at {span(run[0].session, last.session)} "
                f"({fmt(last.value)} vs {fmt(bound)} at s{last.session}): not on track.",
                run[0].session,
                last.session,
                numbers={
                    "criterion": "not_on_track",
                    "series": name,
                    "value": last.value,
                    "bound": bound,
                    "stratum": last.detail.get("band_stratum", ""),
                    "sessions": [p.session for p in run],
                },
            )
        )
    return flags


# ---------------------------------------------------------------- context events


def context_event_flags(
    view: ClientView, rules: FlagRules, anchors: Sequence[tuple[int, int, str]]
) -> list[Flag]:
    """A context event within ``within_sessions`` sessions of a change (don't credit therapy alone).

    ``anchors`` are (session_from, session_to, what) of the changes found for
    the client: narrative shifts, sudden gains/losses, reliable change. An event
    counts when its session lies in [session_from - K, session_to + K]; each
    event is flagged once, against the nearest change.
    """
    rule = rules.rules.context_event
    k = rule.within_sessions
    flags = []
    for event in view.data.events:
        s = view.index.session_of_event(event)
        if s is None:
            continue
        near = [(a, b, what) for a, b, what in anchors if a - k <= s <= b + k]
        if not near:
            continue
        a, b, what = min(near, key=lambda x: 0 if x[0] <= s <= x[1] else min(abs(s - x[0]), abs(s - x[1])))
        kind = event.kind.replace("_", " ")
        # where the event lies relative to the change, so a reader can judge whether it can explain it
        order = "before" if s < a else "after" if s > b else "during"
        gap = a - s if order == "before" else s - b if order == "after" else 0
        where = f"{gap} session{'s' if gap != 1 else ''} {order}" if gap else order
        flags.append(
            Flag(
                view.client_id,
                "context_event",
                rule.severity,
                f"A life event ({kind}) at s{s} falls within {k} sessions of {what} ({span(a, b)}; the "
                f"event comes {where} it): don't credit therapy alone.",
                min(a, s),
                max(b, s),
                numbers={
                    "event_kind": event.kind,
                    "event_session": s,
                    "change": what,
                    "window": k,
                    "event_order": order,
                    "event_gap_sessions": gap,
                },
                quotes=(event.description,) if event.description else (),
            )
        )
    return flags


def change_anchors(
    view: ClientView,
    rules: FlagRules,
    shift_flags: Sequence[Flag],
    sudden: Sequence[tuple[str, dict[str, Any]]],
) -> list[tuple[int, int, str]]:
    """(session_from, session_to, description) of the changes a context event could explain.

    A narrative shift counts where it happened: a change point between two sessions.
    A baseline-vs-now (or rolling) comparison spans the whole course and says nothing
    about when the story moved, so it is placed at the meaningful change point of the
    same series and direction, and gives no anchor when there is none (else every
    event during therapy would be "next to" it).
    """
    anchors: list[tuple[int, int, str]] = []
    shift_rule = rules.rules.narrative_shift
    for f in shift_flags:
        if f.session_to is None:
            continue
        what = "the " + f.rule.replace("_", " ").replace("narrative shift ", "") + " narrative shift"
        positive = f.rule == "narrative_shift_positive"
        # a change-point flag finds its own shift here; a baseline-vs-now flag, the series' change point
        for sh in view.data.shifts:
            if (
                sh.kind == "change_point"
                and sh.series == f.numbers.get("series")
                and sh.delta is not None
                and shift_rule.counts(sh.delta, _effect(sh))
                and (sh.delta > 0) == positive
                and sh.session_to is not None
            ):
                a = sh.session_from if sh.session_from is not None else sh.session_to
                anchors.append((a, sh.session_to, what))
    for name, e in sudden:
        anchors.append(
            (e["session_before"], e["session_after"], f"a sudden {e['kind']} on the {rules.label(name)}")
        )
    for name in ("phq9", "gad7", "ors"):
        pts = view.series.get(name, [])
        for prev, p in zip(pts, pts[1:], strict=False):
            if p.detail.get("reliable") in ("improvement", "deterioration") and prev.detail.get(
                "reliable"
            ) != p.detail.get("reliable"):
                anchors.append(
                    (prev.session, p.session, f"reliable {p.detail['reliable']} on the {rules.label(name)}")
                )
                break
    return anchors


# ---------------------------------------------------------------- data problems


def data_check_flags(problems: Sequence[Problem], rules: FlagRules) -> list[Flag]:
    """Data problems met while building the series, one info flag each."""
    rule = rules.rules.data_check
    return [
        Flag(
            p.client_id, "data_check", rule.severity, p.reason, p.session, p.session, numbers=dict(p.numbers)
        )
        for p in problems
    ]


# ---------------------------------------------------------------- all rules


def client_flags(view: ClientView, rules: FlagRules) -> list[Flag]:
    """Every enabled rule over one client, in a stable order (session, then rule)."""
    r = rules.rules
    flags: list[Flag] = []
    shift_flags = narrative_shift_flags(view, rules) if r.narrative_shift.enabled else []
    flags += shift_flags
    if r.stagnation.enabled:
        flags += stagnation_flags(view, rules)
    if r.alliance_dip.enabled:
        flags += alliance_dip_flags(view, rules)
    if r.discordance.enabled:
        flags += discordance_flags(view, rules)
    if r.balance.enabled:
        flags += balance_flags(view, rules)
    if r.documentation_drift.enabled:
        flags += documentation_drift_flags(view, rules)
    sudden = sudden_change_events(view, rules) if r.sudden_change.enabled else []
    flags += sudden_change_flags(view, rules, sudden)
    if r.deterioration.enabled:
        flags += deterioration_flags(view, rules)
    if r.context_event.enabled:
        flags += context_event_flags(view, rules, change_anchors(view, rules, shift_flags, sudden))
    if r.data_check.enabled:
        flags += data_check_flags(view.problems, rules)
    return sorted(
        flags, key=lambda f: (f.session_from if f.session_from is not None else -1, RULE_IDS.index(f.rule))
    )


def flag_counts(flags: Iterable[Flag]) -> dict[str, int]:
    """Number of flags per rule id (rules with no flag are left out), sorted by rule id."""
    return dict(sorted(Counter(f.rule for f in flags).items()))
