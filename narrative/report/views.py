"""View models: what each page shows, computed from the run tables as plain dicts.

Kept free of HTML so the logic (status, dips, reliable change, timeline, themes)
is testable on its own; templates only lay these values out.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import re
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from typing import Any

from ..types import ContextEvent, Flag, Goal, ScoredStatement, Shift, Statement, TrajectoryPoint
from .settings import ReportConfig, SeriesCatalog

SEVERITY_RANK = {"high": 3, "medium": 2, "low": 1, "info": 0}
# severity -> (status text, symbol, css class). None = no flags.
STATUS: dict[str | None, tuple[str, str, str]] = {
    "high": ("Review now", "▲", "sev-high"),
    "medium": ("Watch", "◆", "sev-medium"),
    "low": ("Monitor", "●", "sev-low"),
    "info": ("Note", "○", "sev-info"),
    None: ("No flags", "✓", "sev-none"),
}
SHIFT_KIND_LABELS = {
    "change_point": "change point",
    "baseline_vs_now": "since first session",
    "rolling": "recent sessions",
    "title_drift": "chapter-title drift",
    "no_change": "no change",
}
STATEMENT_TYPE_LABELS = {"self_description": "Self-description", "chapter_title": "Chapter title"}
VOICE_LABELS = {
    "quoted": "client's words",
    "reported": "reported by clinician",
    "clinician": "clinician's wording",
}
BAND_TEXT = {"below": "below band", "within": "within band", "above": "above band"}
NARRATIVE_SERIES = ("narrative_score", "agency", "self_regard")

_SAFE_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9._-]{0,99}")


def page_name(client_id: str) -> str:
    """File stem for a client's page: the id itself when it is filename-safe, else a safe form + hash."""
    if _SAFE_NAME.fullmatch(client_id):
        return client_id
    safe = re.sub(r"[^A-Za-z0-9._-]+", "_", client_id).strip("._")[:60] or "client"
    digest = hashlib.sha256(client_id.encode("utf-8")).hexdigest()[:8]
    return f"{safe}-{digest}"


def fmt_number(value: Any, *, signed: bool = False, decimals: int | None = None) -> str:
    """Whole numbers without decimals, others with two (or always ``decimals``); text for anything else."""
    if isinstance(value, bool) or value is None:
        return "—" if value is None else ("yes" if value else "no")
    if isinstance(value, int | float):
        if isinstance(value, float) and not math.isfinite(value):
            return "—"
        if decimals is not None:
            text = f"{value:+.{decimals}f}" if signed else f"{value:.{decimals}f}"
        elif float(value).is_integer() and abs(value) < 1e9:
            text = f"{int(value):+d}" if signed else f"{int(value)}"
        else:
            text = f"{value:+.2f}" if signed else f"{value:.2f}"
        return text.replace("-", "−")
    if isinstance(value, list | tuple):
        return ", ".join(fmt_number(v) for v in value)
    if isinstance(value, Mapping):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)


def humanize(name: str) -> str:
    """'symptom_deterioration' -> 'Symptom deterioration'."""
    text = str(name).replace("_", " ").replace(":", ": ").strip()
    return text[:1].upper() + text[1:]


def status_for(flags: Sequence[Flag]) -> dict[str, str]:
    """The traffic-light status of a client: worst flag severity, as text + symbol + css class."""
    worst = max(
        (f.severity for f in flags if f.severity in SEVERITY_RANK), key=SEVERITY_RANK.get, default=None
    )
    text, symbol, css = STATUS[worst]
    return {"severity": worst or "none", "text": text, "symbol": symbol, "css": css}


def sort_flags(flags: Sequence[Flag]) -> list[Flag]:
    """Most severe first, then earliest session."""
    return sorted(
        flags,
        key=lambda f: (
            -SEVERITY_RANK.get(f.severity, -1),
            f.session_from if f.session_from is not None else 0,
            f.rule,
        ),
    )


def flag_view(flag: Flag) -> dict[str, Any]:
    """One flag as shown on a client page."""
    text, symbol, css = STATUS.get(flag.severity, STATUS["info"])
    return {
        "rule": flag.rule,
        "rule_label": humanize(flag.rule),
        "severity": flag.severity,
        "status_text": text,
        "symbol": symbol,
        "css": css,
        "reason": flag.reason,
        "sessions": session_range(flag.session_from, flag.session_to),
        "numbers": [(humanize(k), fmt_number(v)) for k, v in flag.numbers.items()],
        "quotes": [q for q in flag.quotes if q],
    }


def session_range(start: int | None, end: int | None) -> str:
    """'sessions 4–7', 'session 4' or ''."""
    if start is None and end is None:
        return ""
    if start is None or end is None or start == end:
        return f"session {start if start is not None else end}"
    return f"sessions {start}–{end}"


# ---------------------------------------------------------------- series helpers


def series_points(points: Sequence[TrajectoryPoint]) -> dict[str, list[TrajectoryPoint]]:
    """Points of one client grouped by series, sorted by session, non-finite values dropped."""
    out: dict[str, list[TrajectoryPoint]] = defaultdict(list)
    for p in points:
        if p.value is not None and math.isfinite(p.value):
            out[p.series].append(p)
    return {k: sorted(v, key=lambda p: p.session) for k, v in out.items()}


def alliance_dips(points: Sequence[TrajectoryPoint], *, drop: float) -> list[dict[str, Any]]:
    """Sessions where the rating fell by at least ``drop`` from the previous rated session."""
    dips = []
    for prev, cur in zip(points, points[1:], strict=False):
        if prev.value - cur.value >= drop:
            dips.append(
                {
                    "session": cur.session,
                    "value": cur.value,
                    "from": prev.value,
                    "drop": prev.value - cur.value,
                }
            )
    return dips


def below_cutoff(points: Sequence[TrajectoryPoint], *, cutoff: float) -> list[dict[str, Any]]:
    """Sessions with a value under ``cutoff`` (SRS: possible alliance problem)."""
    return [{"session": p.session, "value": p.value} for p in points if p.value < cutoff]


def reliable_change(
    points: Sequence[TrajectoryPoint], *, threshold: float, better: str = "lower"
) -> list[dict[str, Any]]:
    """Per session after the first: change from the first score and whether it is reliable.

    ``status`` is ``improved`` / ``deteriorated`` when ``|change| >= threshold``
    (in the direction of ``better``), else ``""``. ``first`` marks the first
    session of each run of the same status.
    """
    if len(points) < 2:
        return []
    base = points[0].value
    out, prev = [], ""
    for p in points[1:]:
        change = p.value - base
        status = ""
        if abs(change) >= threshold:
            improved = change < 0 if better == "lower" else change > 0
            status = "improved" if improved else "deteriorated"
        out.append(
            {
                "session": p.session,
                "value": p.value,
                "change": change,
                "status": status,
                "first": status != prev,
            }
        )
        prev = status
    return out


def severity_label(value: float, bands: Sequence[tuple[float, float, str]]) -> str:
    """The severity range a score falls in ('moderate'), or ''."""
    for i, (lo, hi, label) in enumerate(bands):
        # whole-number ranges: 9.5 still counts as "mild" (5-9); the top range is closed
        if lo <= value < hi + 1 or (i == len(bands) - 1 and lo <= value <= hi):
            return label
    return ""


def event_positions(
    events: Sequence[ContextEvent], session_dates: Mapping[int, dt.date]
) -> list[dict[str, Any]]:
    """Place events on the session axis: their session, else interpolated between session dates."""
    dated = sorted((d, s) for s, d in session_dates.items() if d is not None)
    out = []
    for ev in events:
        x: float | None = float(ev.session) if ev.session is not None else None
        if x is None and ev.date is not None and dated:
            x = _interpolate_session(ev.date, dated)
        out.append(
            {
                "session": x,
                "kind": ev.kind,
                "kind_label": humanize(ev.kind),
                "date": ev.date.isoformat() if ev.date else "",
                "description": ev.description,
                "when": _when(x, ev.date),
            }
        )
    return sorted(out, key=lambda e: (e["session"] is None, e["session"] or 0))


def _interpolate_session(date: dt.date, dated: Sequence[tuple[dt.date, int]]) -> float:
    if date <= dated[0][0]:
        return float(dated[0][1]) - (0.5 if date < dated[0][0] else 0.0)
    for (d0, s0), (d1, s1) in zip(dated, dated[1:], strict=False):
        if d0 <= date <= d1:
            span = (d1 - d0).days
            return s0 + (s1 - s0) * ((date - d0).days / span if span else 0.0)
    return float(dated[-1][1]) + (0.5 if date > dated[-1][0] else 0.0)


def _when(x: float | None, date: dt.date | None) -> str:
    parts = []
    if x is not None:
        parts.append(
            f"session {int(x)}"
            if float(x).is_integer()
            else f"between sessions {math.floor(x)} and {math.ceil(x)}"
        )
    if date is not None:
        parts.append(date.isoformat())
    return ", ".join(parts)


# ---------------------------------------------------------------- timeline


def timeline(
    statements: Sequence[Statement],
    scores: Mapping[str, ScoredStatement],
    shifts: Sequence[Shift],
    session_dates: Mapping[int, dt.date | None],
    *,
    max_per_session: int,
    voices: Sequence[str] | None = None,
) -> list[dict[str, Any]]:
    """Self-descriptions and chapter titles by session, with shifts attached at their end session.

    Within a session the client's own quoted words come first, then the most
    strongly scored statements; at most ``max_per_session`` are kept and the
    rest counted.
    """
    by_session: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for st in statements:
        if st.type not in STATEMENT_TYPE_LABELS or st.session is None:
            continue
        if voices is not None and st.voice not in voices:
            continue
        sc = scores.get(st.statement_id)
        score = sc.narrative_score if sc is not None else None
        by_session[st.session].append(
            {
                "type": st.type,
                "type_label": STATEMENT_TYPE_LABELS[st.type],
                "text": st.text,
                "voice": st.voice,
                "voice_label": VOICE_LABELS.get(st.voice, st.voice),
                "score": score,
                "score_text": fmt_number(score, signed=True) if score is not None else "",
                "tone": _tone(score),
            }
        )
    shifts_at: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for sh in shifts:
        if sh.kind == "no_change" or sh.session_to is None:
            continue
        shifts_at[sh.session_to].append(shift_view(sh))
    out = []
    for session in sorted(set(by_session) | set(shifts_at)):
        items = sorted(
            by_session.get(session, []),
            key=lambda i: (i["type"] != "chapter_title", i["voice"] != "quoted", -abs(i["score"] or 0)),
        )
        date = session_dates.get(session)
        out.append(
            {
                "session": session,
                "date": date.isoformat() if date else "",
                "items": items[:max_per_session],
                "more": max(len(items) - max_per_session, 0),
                "shifts": shifts_at.get(session, []),
            }
        )
    return out


def _tone(score: float | None) -> str:
    if score is None:
        return "neutral"
    return "positive" if score >= 0.15 else "negative" if score <= -0.15 else "neutral"


def shift_view(shift: Shift) -> dict[str, Any]:
    """A shift as shown in the timeline and the caseload themes."""
    direction = "up" if (shift.delta or 0) > 0 else "down" if (shift.delta or 0) < 0 else "flat"
    return {
        "series": shift.series,
        "series_label": humanize(shift.series),
        "kind": shift.kind,
        "kind_label": SHIFT_KIND_LABELS.get(shift.kind, humanize(shift.kind)),
        "sessions": session_range(shift.session_from, shift.session_to),
        "before": fmt_number(shift.before, signed=True, decimals=2),
        "after": fmt_number(shift.after, signed=True, decimals=2),
        "delta": fmt_number(shift.delta, signed=True, decimals=2),
        "direction": direction,
        "arrow": {"up": "↑", "down": "↓", "flat": "→"}[direction],
        "quote_before": shift.quote_before,
        "quote_after": shift.quote_after,
    }


# ---------------------------------------------------------------- goals


def goal_views(goals: Sequence[Goal], series: Mapping[str, list[TrajectoryPoint]]) -> list[dict[str, Any]]:
    """Each goal with its first and current GAS level and the level descriptions."""
    out = []
    for g in sorted(goals, key=lambda g: g.goal_id):
        pts = series.get(f"gas_goal:{g.goal_id}", [])
        first = pts[0] if pts else None
        last = pts[-1] if pts else None
        out.append(
            {
                "goal_id": g.goal_id,
                "description": g.description,
                "first_level": _level_text(first.value) if first else "",
                "first_text": _level_desc(g, first.value) if first else "",
                "first_session": first.session if first else None,
                "level": _level_text(last.value) if last else "not rated",
                "level_text": _level_desc(g, last.value) if last else "",
                "session": last.session if last else None,
                "weights": _weights(g),
            }
        )
    return out


def _level_text(value: float) -> str:
    return fmt_number(round(value, 2), signed=True) if value else "0"


def _level_desc(goal: Goal, value: float) -> str:
    if not float(value).is_integer():
        return ""
    return goal.levels.get(str(int(value)), "")


def _weights(goal: Goal) -> str:
    parts = []
    if goal.importance is not None:
        parts.append(f"importance {fmt_number(goal.importance)}")
    if goal.difficulty is not None:
        parts.append(f"difficulty {fmt_number(goal.difficulty)}")
    return ", ".join(parts)


# ---------------------------------------------------------------- caseload themes


def indicator_themes(statements: Sequence[Statement], *, top: int) -> list[dict[str, Any]]:
    """Qualitative-indicator domains across clients: statements and clients per domain and progress."""
    by_domain: dict[str, dict[str, Any]] = {}
    for st in statements:
        if st.type != "indicator":
            continue
        domain = str(st.attrs.get("domain") or "unspecified")
        progress = str(st.attrs.get("progress") or "unspecified")
        d = by_domain.setdefault(domain, {"domain": domain, "n": 0, "clients": set(), "progress": Counter()})
        d["n"] += 1
        d["clients"].add(st.client_id)
        d["progress"][progress] += 1
    rows = sorted(by_domain.values(), key=lambda d: (-len(d["clients"]), -d["n"], d["domain"]))[:top]
    total = max((r["n"] for r in rows), default=1)
    return [
        {
            "domain": humanize(r["domain"]),
            "n": r["n"],
            "n_clients": len(r["clients"]),
            "progress": r["progress"].get("progress", 0),
            "no_change": r["progress"].get("no_change", 0),
            "setback": r["progress"].get("setback", 0),
            "other": sum(
                v for k, v in r["progress"].items() if k not in ("progress", "no_change", "setback")
            ),
            "scale": total,
        }
        for r in rows
    ]


def shift_themes(shifts: Sequence[Shift], *, top: int) -> list[dict[str, Any]]:
    """Most common shifts across clients: series x kind x direction, with clients and median change."""
    groups: dict[tuple[str, str, str], dict[str, Any]] = {}
    for sh in shifts:
        if sh.kind == "no_change":
            continue
        view = shift_view(sh)
        key = (sh.series, sh.kind, view["direction"])
        g = groups.setdefault(key, {"clients": set(), "deltas": [], "view": view})
        g["clients"].add(sh.client_id)
        if sh.delta is not None and math.isfinite(sh.delta):
            g["deltas"].append(sh.delta)
    rows = sorted(groups.items(), key=lambda kv: (-len(kv[1]["clients"]), kv[0]))[:top]
    out = []
    for (series, kind, direction), g in rows:
        deltas = sorted(g["deltas"])
        median = (
            deltas[len(deltas) // 2]
            if len(deltas) % 2
            else (sum(deltas[len(deltas) // 2 - 1 : len(deltas) // 2 + 1]) / 2 if deltas else None)
        )
        out.append(
            {
                "series_label": humanize(series),
                "kind_label": SHIFT_KIND_LABELS.get(kind, humanize(kind)),
                "direction": direction,
                "arrow": g["view"]["arrow"],
                "n_clients": len(g["clients"]),
                "median_delta": fmt_number(median, signed=True, decimals=2) if median is not None else "—",
            }
        )
    return out


def flag_themes(flags: Sequence[Flag]) -> list[dict[str, Any]]:
    """Flag rules across the caseload, most severe and most common first."""
    groups: dict[tuple[str, str], set[str]] = defaultdict(set)
    for f in flags:
        groups[(f.rule, f.severity)].add(f.client_id)
    rows = sorted(groups.items(), key=lambda kv: (-SEVERITY_RANK.get(kv[0][1], -1), -len(kv[1]), kv[0][0]))
    return [
        {
            "rule_label": humanize(rule),
            "severity": sev,
            "status_text": STATUS.get(sev, STATUS["info"])[0],
            "symbol": STATUS.get(sev, STATUS["info"])[1],
            "css": STATUS.get(sev, STATUS["info"])[2],
            "n_clients": len(clients),
        }
        for (rule, sev), clients in rows
    ]


def band_summary(
    latest: Mapping[str, Mapping[str, TrajectoryPoint]], series: Sequence[str]
) -> list[dict[str, Any]]:
    """For each series: how many clients' latest value is below / within / above the band (no ids)."""
    out = []
    for name in series:
        counts = Counter(pts[name].band_position or "no band" for pts in latest.values() if name in pts)
        if counts:
            out.append(
                {
                    "series_label": humanize(name),
                    "below": counts.get("below", 0),
                    "within": counts.get("within", 0),
                    "above": counts.get("above", 0),
                    "no_band": counts.get("no band", 0),
                }
            )
    return out


def leadlag_view(
    rows: Sequence[Mapping[str, Any]], *, catalog: SeriesCatalog | None = None
) -> dict[str, Any]:
    """Lead-lag rows (one client, or the caseload) as a measure x lag grid of correlations.

    Uses the Pearson rows when present (else the first method found). Lag k > 0
    means the narrative change comes k sessions before the measure change.
    """
    rows = [r for r in rows if r.get("lag") is not None and r.get("y")]
    if not rows:
        return {"lags": [], "rows": [], "x": "", "method": "", "strongest": ""}
    methods = [str(r.get("method") or "") for r in rows]
    method = "pearson" if "pearson" in methods else methods[0]
    rows = [r for r in rows if str(r.get("method") or "") == method]
    lags = sorted({int(r["lag"]) for r in rows})
    x_name = str(rows[0].get("x") or "narrative_score")

    def label(name: str) -> str:
        return catalog.get(name).label if catalog is not None else humanize(name)

    grid: dict[str, dict[int, Mapping[str, Any]]] = defaultdict(dict)
    for r in rows:
        grid[str(r["y"])][int(r["lag"])] = r
    out_rows, best = [], None
    for y, by_lag in grid.items():
        cells = []
        for lag in lags:
            r = by_lag.get(lag, {})
            value = r.get("r")
            n = r.get("n_pairs", r.get("n"))
            ok = isinstance(value, int | float) and math.isfinite(value)
            cells.append(
                {
                    "r": fmt_number(value, signed=True, decimals=2) if ok else "—",
                    "n": fmt_number(n) if n is not None else "",
                    "note": str(r.get("note") or ""),
                }
            )
            if ok and (best is None or abs(value) > abs(best[0])):
                best = (value, y, lag)
        out_rows.append({"y": label(y), "cells": cells})
    strongest = ""
    if best is not None:
        value, y, lag = best
        when = (
            f"{label(x_name).lower()} changed {abs(lag)} session{'s' if abs(lag) != 1 else ''} before "
            f"{label(y)}"
            if lag > 0
            else f"{label(y)} changed {abs(lag)} session{'s' if abs(lag) != 1 else ''} "
            f"before {label(x_name).lower()}"
            if lag < 0
            else f"{label(y)} and {label(x_name).lower()} changed in the same session"
        )
        strongest = f"Strongest association: {when} (r = {fmt_number(value, signed=True, decimals=2)})."
    return {
        "lags": [f"{lag:+d}" if lag else "0" for lag in lags],
        "rows": out_rows,
        "x": label(x_name),
        "method": method,
        "strongest": strongest,
    }


def plain_level(value: float) -> str:
    """A narrative score (-1..1) in plain words for the client-facing summary."""
    if value <= -0.5:
        return "mostly negative"
    if value <= -0.15:
        return "somewhat negative"
    if value < 0.15:
        return "mixed"
    if value < 0.5:
        return "somewhat positive"
    return "mostly positive"


def plain_change(first: float, last: float, *, better: str = "higher", small: float = 0.15) -> str:
    """'more positive', 'less positive' or 'about the same' (direction-aware)."""
    diff = last - first
    if abs(diff) < small:
        return "stayed about the same"
    improved = diff > 0 if better == "higher" else diff < 0
    return "moved in a helpful direction" if improved else "moved in a harder direction"


def series_meta(catalog: SeriesCatalog, name: str) -> dict[str, Any]:
    """Label, unit, axis title, domain and direction of one series."""
    info = catalog.get(name)
    return {
        "label": info.label if not name.startswith("gas_goal:") else f"{info.label} {name.split(':', 1)[1]}",
        "plain": info.plain,
        "unit": info.unit,
        "axis": info.axis or info.label,
        "domain": info.domain,
        "better": info.better,
        "group": info.group,
        "severity": info.severity,
    }


__all__ = [
    "ReportConfig",
    "SEVERITY_RANK",
    "STATUS",
    "alliance_dips",
    "band_summary",
    "below_cutoff",
    "event_positions",
    "flag_themes",
    "flag_view",
    "fmt_number",
    "goal_views",
    "indicator_themes",
    "page_name",
    "plain_change",
    "plain_level",
    "reliable_change",
    "series_points",
    "shift_themes",
    "sort_flags",
    "status_for",
    "timeline",
]
