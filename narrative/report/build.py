"""Build the HTML reports of a run directory: caseload overview, client pages, client summaries."""

from __future__ import annotations

import dataclasses
import datetime as dt
import functools
import json
import logging
import math
from collections import defaultdict
from collections.abc import Mapping, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from .. import __version__ as narrative_version
from ..io import write_text_atomic
from ..types import TrajectoryPoint
from . import charts, views
from .loader import RunData, load_run
from .settings import ReportConfig, SeriesCatalog, report_config, series_catalog
from .sparkline import sparkline_svg

logger = logging.getLogger(__name__)

SPARK_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7")


@dataclasses.dataclass(frozen=True)
class ReportResult:
    """Where the pages went."""

    caseload_page: Path
    client_pages: dict[str, Path]
    summary_pages: dict[str, Path]
    n_pages: int


def build_reports(
    run_dir: Path,
    *,
    out_dir: Path | None = None,
    client_facing: bool = False,
    config: Mapping | None = None,
) -> ReportResult:
    """Write ``caseload.html`` and ``clients/<client_id>.html`` for a run directory.

    Reads only ``<run_dir>/tables/*.parquet`` and ``<run_dir>/manifest.json``.
    Every page is self-contained (inline CSS and SVG charts, no scripts, no
    network) so the folder opens from disk and prints to PDF.

    Args:
        run_dir: output folder of ``narrative analyze``.
        out_dir: where to write the pages; default ``<run_dir>/report``.
        client_facing: also write plain-language ``clients/<id>.summary.html``
            pages without flags or clinician-only text.
        config: full configuration mapping (its ``report`` section is used).

    Raises:
        InputError: the run directory or one of its tables cannot be used.
        ConfigError: the ``report`` settings are invalid.
    """
    cfg = report_config(config)
    catalog = series_catalog()
    data = load_run(Path(run_dir))
    out = Path(out_dir) if out_dir is not None else Path(run_dir) / "report"
    env = _environment()
    common = _common_context(data, cfg)
    clients = _client_views(data, cfg, catalog)

    client_pages: dict[str, Path] = {}
    summary_pages: dict[str, Path] = {}
    template = env.get_template("client.html.j2")
    for view in clients:
        path = out / "clients" / f"{view['page']}.html"
        write_text_atomic(path, template.render(c=view, **common))
        client_pages[view["client_id"]] = path
    if client_facing:
        summary = env.get_template("summary.html.j2")
        for view in clients:
            path = out / "clients" / f"{view['page']}.summary.html"
            write_text_atomic(path, summary.render(s=_summary_view(view, data, cfg, catalog), **common))
            summary_pages[view["client_id"]] = path
    caseload = _caseload_view(data, clients, cfg, catalog, client_facing=client_facing)
    caseload_page = out / "caseload.html"
    write_text_atomic(caseload_page, env.get_template("caseload.html.j2").render(cl=caseload, **common))
    n_pages = 1 + len(client_pages) + len(summary_pages)
    logger.info("wrote %d report pages for %d clients to %s", n_pages, len(clients), out)
    return ReportResult(caseload_page, client_pages, summary_pages, n_pages)


# ---------------------------------------------------------------- environment


@functools.cache
def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("narrative.report", "templates"),
        autoescape=True,  # note text can hold anything, e.g. "<script>"
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["num"] = views.fmt_number
    env.filters["signed"] = functools.partial(views.fmt_number, signed=True)
    return env


@functools.cache
def _css() -> Markup:
    text = resources.files("narrative.report").joinpath("static/report.css").read_text(encoding="utf-8")
    return Markup(text)  # our own packaged stylesheet


def _common_context(data: RunData, cfg: ReportConfig) -> dict[str, Any]:
    manifest_items = [
        (views.humanize(k), views.fmt_number(v))
        for k, v in data.manifest.items()
        if isinstance(v, str | int | float | bool)
    ]
    return {
        "title": cfg.title,
        "css": _css(),
        "version": narrative_version,
        "generated": dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        "manifest_items": manifest_items[:12],
        "missing_tables": data.missing_tables,
        "run_name": data.run_dir.name,
    }


# ---------------------------------------------------------------- client pages


def _session_dates(notes: Sequence[Mapping[str, Any]]) -> dict[int, dt.date | None]:
    dates: dict[int, dt.date | None] = {}
    for n in notes:
        s = n.get("session")
        if s is None:
            continue
        d = n.get("date")
        if isinstance(d, dt.date) and (dates.get(s) is None or d < dates[s]):
            dates[s] = d
        else:
            dates.setdefault(s, None)
    return dates


def _client_views(data: RunData, cfg: ReportConfig, catalog: SeriesCatalog) -> list[dict[str, Any]]:
    groups = {
        name: data.by_client(name)
        for name in (
            "notes",
            "statements",
            "scores",
            "shifts",
            "trajectories",
            "flags",
            "goals",
            "events",
            "leadlag",
        )
    }
    out = []
    pages_seen: dict[str, str] = {}
    for cid in data.client_ids():
        view = _client_view(cid, {k: v.get(cid, []) for k, v in groups.items()}, cfg, catalog)
        if view["page"] in pages_seen:  # two ids mapping to one safe name
            view["page"] = f"{view['page']}-{len(pages_seen)}"
        pages_seen[view["page"]] = cid
        out.append(view)
    return out


def _client_view(
    cid: str, t: Mapping[str, list[Any]], cfg: ReportConfig, catalog: SeriesCatalog
) -> dict[str, Any]:
    series = views.series_points(t["trajectories"])
    dates = _session_dates(t["notes"])
    flags = views.sort_flags(t["flags"])
    events = views.event_positions(t["events"], dates)
    sessions = sorted(set(dates) | {p.session for p in t["trajectories"]})
    x_pos = [*sessions, *(e["session"] for e in events if e["session"] is not None)]
    x_pos += [s for f in flags for s in (f.session_from, f.session_to) if s is not None]
    x_domain = charts.x_domain_for(x_pos)
    scores = {s.statement_id: s for s in t["scores"]}
    strata: dict[str, str] = {}
    for n in t["notes"]:
        raw = n.get("strata")
        if isinstance(raw, str) and raw.startswith("{"):
            try:
                strata.update({str(k): str(v) for k, v in json.loads(raw).items()})
            except (ValueError, AttributeError):
                logger.warning("client %s: unreadable strata in the notes table; not shown", cid)
    dated = [d for d in dates.values() if d is not None]
    latest = {name: pts[-1] for name, pts in series.items()}
    view: dict[str, Any] = {
        "client_id": cid,
        "page": views.page_name(cid),
        "status": views.status_for(flags),
        "flags": [views.flag_view(f) for f in flags],
        "n_sessions": len(sessions),
        "first_date": min(dated).isoformat() if dated else "",
        "last_date": max(dated).isoformat() if dated else "",
        "last_session": sessions[-1] if sessions else None,
        "strata": sorted(strata.items()),
        "goals": views.goal_views(t["goals"], series),
        "events": events,
        "headline": _headline(series, catalog),
        "timeline": views.timeline(
            t["statements"], scores, t["shifts"], dates, max_per_session=cfg.max_quotes_per_session
        ),
        "shifts": [views.shift_view(s) for s in t["shifts"] if s.kind != "no_change"],
        "no_change": [views.shift_view(s) for s in t["shifts"] if s.kind == "no_change"],
        "leadlag": views.leadlag_view(
            [r for r in t["leadlag"] if str(r.get("scope") or "client") == "client"], catalog=catalog
        ),
        "_series": series,
        "_latest": latest,
        "_x_domain": x_domain,
        "_dates": dates,
        "_statements": t["statements"],
        "_scores": scores,
    }
    view["sections"] = _client_charts(view, t, cfg, catalog)
    return view


def _headline(series: Mapping[str, list[TrajectoryPoint]], catalog: SeriesCatalog) -> list[dict[str, str]]:
    """First -> latest value of the main series, with band position or severity range."""
    out = []
    for name in ("narrative_score", "agency", "self_regard", "gas_t", "alliance", "phq9", "gad7"):
        pts = series.get(name)
        if not pts:
            continue
        meta = views.series_meta(catalog, name)
        first, last = pts[0], pts[-1]
        signed = meta["domain"] is not None and meta["domain"][0] < 0
        note = views.BAND_TEXT.get(last.band_position, "")
        if meta["severity"]:
            note = views.severity_label(last.value, meta["severity"])
        out.append(
            {
                "label": meta["label"],
                "first": views.fmt_number(first.value, signed=signed),
                "first_session": str(first.session),
                "last": views.fmt_number(last.value, signed=signed),
                "last_session": str(last.session),
                "note": note,
            }
        )
    return out


def _band_rows(points: Sequence[TrajectoryPoint]) -> list[dict[str, Any]]:
    return [
        {"session": p.session, "low": p.band_low, "high": p.band_high, "mid": p.band_mid, "level": 0}
        for p in points
        if p.band_low is not None
        and p.band_high is not None
        and math.isfinite(p.band_low)
        and math.isfinite(p.band_high)
    ]


def _y_domain(meta: Mapping[str, Any], points: Sequence[TrajectoryPoint]) -> tuple[float, float] | None:
    """The catalogue range widened to fit the data, with a little room so edge points show whole."""
    values = [p.value for p in points]
    if meta["domain"] is None:
        if not values:
            return None
        lo, hi = min(values), max(values)
    else:
        lo, hi = meta["domain"]
        lo, hi = min([lo, *values]), max([hi, *values])
    room = (hi - lo) * 0.06 or 1.0
    return (lo - room, hi + room)


def _chart(spec: dict[str, Any], *, title: str, caption: str, label: str, kind: str) -> dict[str, Any]:
    return {
        "title": title,
        "caption": caption,
        "svg": Markup(charts.render_svg(spec, label=label)),
        "kind": kind,
    }


def _client_charts(
    view: Mapping[str, Any], t: Mapping[str, list[Any]], cfg: ReportConfig, catalog: SeriesCatalog
) -> list[dict[str, Any]]:
    """Sections of aligned charts: events & flags, narrative, goals, alliance, symptoms, other."""
    series: dict[str, list[TrajectoryPoint]] = view["_series"]
    x_domain = view["_x_domain"]
    width = cfg.chart_width
    cid = view["client_id"]
    event_rules = [
        {"session": e["session"], "kind": e["kind"]} for e in view["events"] if e["session"] is not None
    ]
    sections: list[dict[str, Any]] = []

    # What happened when: context events and flags on the shared axis.
    strip_events = [
        {
            "session": e["session"],
            "text": f"{e['kind_label']}" + (f": {e['description']}" if e["description"] else ""),
        }
        for e in view["events"]
        if e["session"] is not None
    ]
    strip_flags = [
        {
            "session_from": f.session_from,
            "session_to": f.session_to,
            "severity": f.severity,
            "text": f"{views.STATUS.get(f.severity, views.STATUS['info'])[1]} {f.severity}: {views.humanize(f.rule)}",
        }
        for f in views.sort_flags(t["flags"])
        if f.session_from is not None or f.session_to is not None
    ]
    if strip_events or strip_flags:
        spec = charts.events_spec(events=strip_events, flags=strip_flags, x_domain=x_domain, width=width)
        sections.append(
            {
                "title": "Context events and flags",
                "charts": [
                    _chart(
                        spec,
                        title="",
                        caption="Diamonds: life events outside therapy (also drawn as dotted lines on every chart below). "
                        "Bars: the sessions each flag covers, labelled with its severity.",
                        label=f"Context events and flags of client {cid} by session",
                        kind="events",
                    )
                ],
            }
        )

    def panel(
        name: str,
        *,
        markers: Sequence[Mapping[str, Any]] = (),
        reference: float | None = None,
        severity: bool = False,
        band: bool = True,
        extra_caption: str = "",
    ) -> dict[str, Any]:
        meta = views.series_meta(catalog, name)
        pts = series[name]
        bands = _band_rows(pts) if band else []
        spec = charts.panel_spec(
            lines=[{"session": p.session, "value": p.value, "label": meta["label"]} for p in pts],
            x_domain=x_domain,
            y_title=meta["axis"],
            y_domain=_y_domain(meta, pts),
            bands=bands,
            severity=meta["severity"] if severity else (),
            events=event_rules,
            markers=markers,
            reference=reference,
            width=width,
        )
        caption = [f"{meta['label']}: {meta['unit']}." if meta["unit"] else f"{meta['label']}."]
        if bands:
            caption.append("Grey area: reference band (caseload 25th–75th percentile); dashed line: median.")
        if extra_caption:
            caption.append(extra_caption)
        return _chart(
            spec,
            title=meta["label"],
            caption=" ".join(caption),
            label=f"{meta['label']} of client {cid} by session",
            kind=name,
        )

    shifts_by_series: dict[str, list[Any]] = defaultdict(list)
    for sh in t["shifts"]:
        if sh.kind != "no_change" and sh.session_to is not None:
            shifts_by_series[sh.series].append(sh)

    def shift_markers(name: str) -> list[dict[str, Any]]:
        at = {p.session: p.value for p in series[name]}
        out = []
        for sh in shifts_by_series.get(name, []):
            value = at.get(sh.session_to, sh.after)
            if value is None:
                continue
            up = (sh.delta or 0) >= 0
            out.append(
                {
                    "session": sh.session_to,
                    "value": value,
                    "shape": "triangle-up" if up else "triangle-down",
                    "text": f"shift {views.fmt_number(sh.delta, signed=True, decimals=2)} ({views.SHIFT_KIND_LABELS.get(sh.kind, sh.kind)})",
                    "color": "#000000",
                }
            )
        return out

    narrative = [
        panel(n, markers=shift_markers(n), extra_caption="Triangles: narrative shifts (see the timeline).")
        if shifts_by_series.get(n)
        else panel(n)
        for n in views.NARRATIVE_SERIES
        if n in series
    ]
    if narrative:
        sections.append({"title": "Narrative", "charts": narrative})

    goal_charts = []
    goal_series = sorted(n for n in series if n.startswith("gas_goal:"))
    if goal_series:
        meta = views.series_meta(catalog, "gas_goal")
        # Goals often sit on the same level: dodge each line a little so all stay visible.
        step = 0.07
        lines = [
            {
                "session": p.session,
                "value": p.value + (i - (len(goal_series) - 1) / 2) * step,
                "label": n.split(":", 1)[1],
            }
            for i, n in enumerate(goal_series)
            for p in series[n]
        ]
        spec = charts.panel_spec(
            lines=lines,
            x_domain=x_domain,
            y_title=meta["axis"],
            y_domain=(-2.4, 2.4),
            events=event_rules,
            reference=0.0,
            width=width,
        )
        goal_charts.append(
            _chart(
                spec,
                title="GAS goal levels",
                caption=f"Goal Attainment Scaling: {meta['unit']}; 0 = expected level (solid line). "
                "Each goal has its own colour and point shape and is labelled by its id at its last rating; "
                "lines are nudged apart slightly where goals share a level.",
                label=f"GAS goal levels of client {cid} by session",
                kind="gas_goals",
            )
        )
    if "gas_t" in series:
        goal_charts.append(
            panel("gas_t", reference=50.0, extra_caption="Solid line: T = 50, goals met as expected overall.")
        )
    if goal_charts:
        sections.append({"title": "Goals", "charts": goal_charts})

    alliance_charts = []
    if "alliance" in series:
        dips = views.alliance_dips(series["alliance"], drop=cfg.alliance_dip_drop)
        flagged = {f.session_to for f in t["flags"] if "alliance" in f.rule and f.session_to is not None}
        dip_sessions = {d["session"] for d in dips}
        at = {p.session: p.value for p in series["alliance"]}
        marks = [
            {
                "session": d["session"],
                "value": d["value"],
                "shape": "triangle-down",
                "text": f"dip −{views.fmt_number(d['drop'])}",
                "color": "#D55E00",
            }
            for d in dips
        ] + [
            {
                "session": s,
                "value": at[s],
                "shape": "triangle-down",
                "text": "flagged dip",
                "color": "#D55E00",
            }
            for s in sorted(flagged - dip_sessions)
            if s in at
        ]
        alliance_charts.append(
            panel(
                "alliance",
                markers=marks,
                extra_caption=f"Downward triangles: dips (a fall of {views.fmt_number(cfg.alliance_dip_drop)} or more from the previous session, or a flagged dip).",
            )
        )
    if "srs_total" in series:
        low = views.below_cutoff(series["srs_total"], cutoff=cfg.srs_cutoff)
        low_sessions = {d["session"] for d in low}
        order = [p.session for p in series["srs_total"]]
        marks = [
            {
                "session": d["session"],
                "value": d["value"],
                "shape": "triangle-down",
                # label only the first session of each run below the cut-off
                "text": "" if _previous(order, d["session"]) in low_sessions else "below cut-off",
                "color": "#D55E00",
            }
            for d in low
        ]
        alliance_charts.append(
            panel(
                "srs_total",
                markers=marks,
                reference=cfg.srs_cutoff,
                extra_caption=f"Solid line: cut-off {views.fmt_number(cfg.srs_cutoff)}; triangles mark sessions below it.",
            )
        )
    if alliance_charts:
        sections.append({"title": "Alliance", "charts": alliance_charts})

    symptom_charts = []
    for name in ("phq9", "gad7"):
        if name not in series:
            continue
        meta = views.series_meta(catalog, name)
        threshold = cfg.reliable_change.get(name)
        marks = []
        caption = "Shaded bands: severity ranges, labelled on the right."
        if threshold:
            for rc in views.reliable_change(series[name], threshold=threshold, better=meta["better"]):
                if rc["status"] and rc["first"]:
                    marks.append(
                        {
                            "session": rc["session"],
                            "value": rc["value"],
                            "shape": "triangle-down" if rc["change"] < 0 else "triangle-up",
                            "text": f"reliable {'improvement' if rc['status'] == 'improved' else 'deterioration'}",
                            "color": "#000000" if rc["status"] == "improved" else "#D55E00",
                        }
                    )
            caption += (
                f" Triangles: first session with reliable change (at least {views.fmt_number(threshold)} points "
                f"from session {series[name][0].session})."
            )
        symptom_charts.append(panel(name, markers=marks, severity=True, band=False, extra_caption=caption))
    if symptom_charts:
        sections.append({"title": "Symptoms", "charts": symptom_charts})

    known = {*views.NARRATIVE_SERIES, "gas_t", "alliance", "srs_total", "phq9", "gad7"}
    other = [panel(n) for n in sorted(series) if n not in known and not n.startswith("gas_goal:")]
    if other:
        sections.append({"title": "Other series", "charts": other})
    return sections


# ---------------------------------------------------------------- client-facing summary


def _summary_view(
    view: Mapping[str, Any], data: RunData, cfg: ReportConfig, catalog: SeriesCatalog
) -> dict[str, Any]:
    """Plain-language summary for the client: no flags, no bands, no clinician wording."""
    series: dict[str, list[TrajectoryPoint]] = view["_series"]
    story = []
    for name in views.NARRATIVE_SERIES:
        pts = series.get(name)
        if not pts:
            continue
        meta = views.series_meta(catalog, name)
        first, last = pts[0], pts[-1]
        story.append(
            {
                "label": meta["plain"] or meta["label"],
                "first": views.plain_level(first.value),
                "first_session": first.session,
                "last": views.plain_level(last.value),
                "last_session": last.session,
                "change": views.plain_change(first.value, last.value, better=meta["better"])
                if len(pts) > 1
                else "",
            }
        )
    lines = [
        {"session": p.session, "value": p.value, "label": views.series_meta(catalog, n)["label"]}
        for n in views.NARRATIVE_SERIES
        for p in series.get(n, [])
    ]
    chart = None
    if lines:
        spec = charts.panel_spec(
            lines=lines,
            x_domain=view["_x_domain"],
            y_title="score (-1 to +1)",
            y_domain=(-1.1, 1.1),
            reference=0.0,
            width=cfg.chart_width,
            height=180,
        )
        chart = _chart(
            spec,
            title="How you describe yourself, session by session",
            caption="Scores run from −1 (very negative) to +1 (very positive); the solid line is 0 (mixed). "
            "Each line has its own colour and point shape and is named at its right end.",
            label="How the client describes themselves by session",
            kind="summary",
        )
    questionnaires = []
    for name in ("phq9", "gad7"):
        pts = series.get(name)
        if not pts:
            continue
        meta = views.series_meta(catalog, name)
        first, last = pts[0], pts[-1]
        questionnaires.append(
            {
                "label": meta["plain"] or meta["label"],
                "first": views.fmt_number(first.value),
                "first_range": views.severity_label(first.value, meta["severity"]),
                "first_session": first.session,
                "last": views.fmt_number(last.value),
                "last_range": views.severity_label(last.value, meta["severity"]),
                "last_session": last.session,
                "better": "Lower scores mean fewer symptoms."
                if meta["better"] == "lower"
                else "Higher scores are better.",
            }
        )
    words = views.timeline(
        view["_statements"],
        view["_scores"],
        [],
        view["_dates"],
        max_per_session=cfg.max_quotes_per_session,
        voices=cfg.client_summary_voices,
    )
    goals = [
        {
            k: g[k]
            for k in (
                "goal_id",
                "description",
                "first_text",
                "first_session",
                "level_text",
                "session",
                "level",
                "first_level",
            )
        }
        for g in view["goals"]
    ]
    return {
        "client_id": view["client_id"],
        "n_sessions": view["n_sessions"],
        "first_date": view["first_date"],
        "last_date": view["last_date"],
        "story": story,
        "chart": chart,
        "questionnaires": questionnaires,
        "words": words,
        "goals": goals,
    }


# ---------------------------------------------------------------- caseload


def _caseload_view(
    data: RunData,
    clients: Sequence[dict[str, Any]],
    cfg: ReportConfig,
    catalog: SeriesCatalog,
    *,
    client_facing: bool,
) -> dict[str, Any]:
    rows = []
    for view in clients:
        cells = []
        for i, name in enumerate(cfg.sparkline_series):
            pts = view["_series"].get(name, [])
            meta = views.series_meta(catalog, name)
            if not pts:
                cells.append({"label": meta["label"], "svg": Markup(""), "text": "no data", "note": ""})
                continue
            signed = meta["domain"] is not None and meta["domain"][0] < 0
            first, last = pts[0], pts[-1]
            note = views.BAND_TEXT.get(last.band_position, "")
            if meta["severity"]:
                note = views.severity_label(last.value, meta["severity"])
            svg = sparkline_svg(
                [(p.session, p.value) for p in pts],
                domain=meta["domain"],
                band=[(b["session"], b["low"], b["high"]) for b in _band_rows(pts)],
                color=SPARK_COLORS[i % len(SPARK_COLORS)],
                label=f"{meta['label']} of {view['client_id']}: {views.fmt_number(first.value, signed=signed)} at session "
                f"{first.session}, {views.fmt_number(last.value, signed=signed)} at session {last.session}",
            )
            cells.append(
                {
                    "label": meta["label"],
                    "svg": Markup(svg),  # built by sparkline_svg, text escaped
                    "text": f"{views.fmt_number(first.value, signed=signed)} → {views.fmt_number(last.value, signed=signed)}",
                    "note": note,
                }
            )
        latest_gas = view["_latest"].get("gas_t")
        rows.append(
            {
                "client_id": view["client_id"],
                "href": f"clients/{view['page']}.html",
                "summary_href": f"clients/{view['page']}.summary.html" if client_facing else "",
                "status": view["status"],
                "n_sessions": view["n_sessions"],
                "last_date": view["last_date"],
                "cells": cells,
                "gas_t": views.fmt_number(latest_gas.value) if latest_gas else "—",
                "flags": view["flags"],
                "_rank": views.SEVERITY_RANK.get(view["status"]["severity"], -1),
            }
        )
    rows.sort(key=lambda r: (-r["_rank"], -len(r["flags"]), r["client_id"]))
    counts = defaultdict(int)
    for r in rows:
        counts[r["status"]["severity"]] += 1
    status_counts = [
        {
            "text": views.STATUS[k][0],
            "symbol": views.STATUS[k][1],
            "css": views.STATUS[k][2],
            "n": counts.get(k or "none", 0),
        }
        for k in ("high", "medium", "low", "info", None)
    ]
    latest = {v["client_id"]: v["_latest"] for v in clients}
    band_chart = _caseload_band_chart(data, clients, cfg, catalog)
    return {
        "rows": rows,
        "n_clients": len(rows),
        "status_counts": status_counts,
        "spark_headers": [views.series_meta(catalog, n)["label"] for n in cfg.sparkline_series],
        "band_summary": views.band_summary(latest, list(views.NARRATIVE_SERIES)),
        "band_chart": band_chart,
        "indicator_themes": views.indicator_themes(data.statements, top=cfg.top_themes),
        "shift_themes": views.shift_themes(data.shifts, top=cfg.top_themes),
        "flag_themes": views.flag_themes(data.flags),
        "leadlag": views.leadlag_view(
            [r for r in data.leadlag if r.get("scope") == "caseload" or not r.get("client_id")],
            catalog=catalog,
        ),
        "client_facing": client_facing,
    }


def _caseload_band_chart(
    data: RunData, clients: Sequence[dict[str, Any]], cfg: ReportConfig, catalog: SeriesCatalog
) -> dict[str, Any] | None:
    """Caseload reference band of the narrative score by session, with every client's latest value as an unlabelled dot."""
    rows = [
        b for b in data.benchmarks if b.get("series") == "narrative_score" and b.get("session") is not None
    ]
    if not rows:
        return None
    strata = defaultdict(int)
    for b in rows:
        strata[str(b.get("stratum") or "")] += 1
    stratum = max(strata, key=lambda s: (s in ("", "all", "pooled", "*"), strata[s]))
    rows = [b for b in rows if str(b.get("stratum") or "") == stratum]
    bands = []
    for b in sorted(rows, key=lambda b: b["session"]):
        if _finite(b.get("p25")) and _finite(b.get("p75")):
            bands.append(
                {"session": b["session"], "low": b["p25"], "high": b["p75"], "mid": b.get("p50"), "level": 0}
            )
        if _finite(b.get("p10")) and _finite(b.get("p90")):
            bands.append({"session": b["session"], "low": b["p10"], "high": b["p90"], "level": 1})
    dots = []
    for v in clients:
        last = v["_latest"].get("narrative_score")
        if last is not None:
            dots.append(
                {
                    "session": last.session,
                    "value": last.value,
                    "shape": "circle",
                    "text": "",
                    "color": "#0072B2",
                }
            )
    sessions = [b["session"] for b in bands] + [d["session"] for d in dots]
    meta = views.series_meta(catalog, "narrative_score")
    spec = charts.panel_spec(
        lines=[],
        x_domain=charts.x_domain_for(sessions),
        y_title=meta["axis"],
        y_domain=(-1.1, 1.1),
        bands=bands,
        markers=dots,
        width=cfg.chart_width,
        height=170,
    )
    label = f"stratum “{stratum}”" if stratum not in ("", "all") else "whole caseload"
    return _chart(
        spec,
        title=f"Narrative score: caseload band ({label})",
        caption="Dark grey: 25th–75th percentile; light grey: 10th–90th; dashed: median. "
        "Blue dots: each client's latest score at their latest session (unlabelled, so the chart can be shared).",
        label="Caseload reference band of the narrative score by session with anonymous client dots",
        kind="caseload_band",
    )


def _previous(order: Sequence[int], session: int) -> int | None:
    i = order.index(session)
    return order[i - 1] if i > 0 else None


def _finite(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)
