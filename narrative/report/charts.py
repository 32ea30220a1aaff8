"""Charts: Vega-Lite specs built from plain values, rendered to inline SVG offline.

Every chart on a client page has the same plotting width, the same padding and
the same session axis, so panels stacked on the page line up and a reader can
see which series moved first. SVG needs no JavaScript, opens from disk and
prints to PDF without losing anything.

Colours follow the Okabe-Ito palette (safe for colour-blind readers); every
series also has its own point shape and a text label, so no meaning rests on
colour alone.
"""

from __future__ import annotations

import functools
import html
import math
from collections.abc import Mapping, Sequence
from typing import Any

# Okabe & Ito (2008) colour-blind-safe palette.
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky_blue": "#56B4E9",
    "bluish_green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish_purple": "#CC79A7",
}
SERIES_COLORS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#000000")
SERIES_SHAPES = ("circle", "square", "triangle-up", "diamond", "cross", "triangle-down", "wedge")
SEVERITY_COLORS = {"high": "#D55E00", "medium": "#E69F00", "low": "#56B4E9", "info": "#777777"}

FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif"
PADDING = {"left": 62, "right": 56, "top": 12, "bottom": 40}
PANEL_HEIGHT = 130

BASE_CONFIG: dict[str, Any] = {
    "font": FONT,
    "background": "white",
    "view": {"stroke": "#bbbbbb"},
    "axis": {
        "labelFontSize": 11,
        "titleFontSize": 11,
        "titleFontWeight": "normal",
        "labelColor": "#333333",
        "titleColor": "#333333",
        "gridColor": "#e8e8e8",
        "domainColor": "#888888",
        "tickColor": "#888888",
    },
    "axisY": {"titlePadding": 8, "labelLimit": 34},
}


def session_axis(x_domain: tuple[float, float]) -> dict[str, Any]:
    """The shared x encoding: session numbers as whole-number ticks, fixed domain."""
    lo, hi = x_domain
    axis: dict[str, Any] = {"title": "Session number", "format": "d", "tickMinStep": 1}
    sessions = list(range(math.ceil(lo), math.floor(hi) + 1))
    if len(sessions) <= 30:
        axis["values"] = sessions
    return {
        "field": "session",
        "type": "quantitative",
        "scale": {"domain": [lo, hi], "nice": False, "zero": False},
        "axis": axis,
    }


def x_domain_for(sessions: Sequence[float]) -> tuple[float, float]:
    """Half a session of room either side of the first and last session."""
    if not sessions:
        return (0.5, 1.5)
    lo, hi = min(sessions), max(sessions)
    return (math.floor(lo) - 0.5, math.ceil(hi) + 0.5)


def _base(width: int, height: int, layers: list[dict[str, Any]], *, description: str) -> dict[str, Any]:
    return {
        "width": width,
        "height": height,
        "autosize": {"type": "none"},
        "padding": PADDING,
        "description": description,
        "config": BASE_CONFIG,
        "layer": layers,
    }


def panel_spec(
    *,
    lines: Sequence[Mapping[str, Any]],
    x_domain: tuple[float, float],
    y_title: str,
    y_domain: tuple[float, float] | None = None,
    bands: Sequence[Mapping[str, Any]] = (),
    severity: Sequence[tuple[float, float, str]] = (),
    events: Sequence[Mapping[str, Any]] = (),
    markers: Sequence[Mapping[str, Any]] = (),
    reference: float | None = None,
    width: int = 980,
    height: int = PANEL_HEIGHT,
    description: str = "",
) -> dict[str, Any]:
    """A time-series panel on the shared session axis.

    Args:
        lines: points ``{"session", "value", "label"}``; one line per distinct
            label, each with its own colour and shape, labelled at its last point.
        bands: ``{"session", "low", "high", "mid"?, "level"?}`` reference band(s);
            ``level`` 0 is the inner band (darker), 1 an outer band (lighter).
        severity: background ranges ``(from, to, label)`` in y units.
        events: ``{"session", "kind"}`` drawn as dotted vertical rules.
        markers: ``{"session", "value", "shape", "text", "color"?}`` annotations
            (dips, reliable change, shifts), each with a text label.
        reference: a y value drawn as a solid grey rule (e.g. T = 50).
    """
    x = session_axis(x_domain)
    y_scale: dict[str, Any] = {"nice": False, "zero": False}
    if y_domain is not None:
        y_scale["domain"] = list(y_domain)
    y = {
        "field": "value",
        "type": "quantitative",
        "title": y_title,
        "scale": y_scale,
        "axis": {"tickCount": 5},
    }
    layers: list[dict[str, Any]] = []
    if severity:
        layers.extend(_severity_layers(severity, y_scale))
    for level in sorted({int(b.get("level", 0)) for b in bands}, reverse=True):
        rows = [dict(b) for b in bands if int(b.get("level", 0)) == level]
        layers.append(
            {
                "data": {"values": rows},
                "mark": {"type": "area", "color": "#8c8c8c", "opacity": 0.16 if level else 0.28},
                "encoding": {
                    "x": x,
                    "y": {"field": "low", "type": "quantitative", "title": y_title, "scale": y_scale},
                    "y2": {"field": "high"},
                },
            }
        )
        mids = [r for r in rows if r.get("mid") is not None]
        if mids and level == 0:
            layers.append(
                {
                    "data": {"values": mids},
                    "mark": {"type": "line", "color": "#6b6b6b", "strokeDash": [5, 4], "strokeWidth": 1.2},
                    "encoding": {"x": x, "y": {"field": "mid", "type": "quantitative", "scale": y_scale}},
                }
            )
    if reference is not None:
        layers.append(
            {
                "data": {"values": [{"ref": reference}]},
                "mark": {"type": "rule", "color": "#555555", "strokeWidth": 1},
                "encoding": {"y": {"field": "ref", "type": "quantitative", "scale": y_scale}},
            }
        )
    if events:
        layers.append(
            {
                "data": {"values": [dict(e) for e in events]},
                "mark": {"type": "rule", "color": "#444444", "strokeDash": [2, 3], "strokeWidth": 1.3},
                "encoding": {"x": x},
            }
        )
    labels = list(dict.fromkeys(str(p["label"]) for p in lines))
    colors = [SERIES_COLORS[i % len(SERIES_COLORS)] for i in range(len(labels))]
    shapes = [SERIES_SHAPES[i % len(SERIES_SHAPES)] for i in range(len(labels))]
    color = {
        "field": "label",
        "type": "nominal",
        "scale": {"domain": labels, "range": colors},
        "legend": None,
    }
    shape = {
        "field": "label",
        "type": "nominal",
        "scale": {"domain": labels, "range": shapes},
        "legend": None,
    }
    line_rows = [dict(p) for p in lines]
    if line_rows:
        layers.append(
            {
                "data": {"values": line_rows},
                "mark": {"type": "line", "strokeWidth": 2},
                "encoding": {"x": x, "y": y, "color": color, "detail": {"field": "label"}},
            }
        )
        layers.append(
            {
                "data": {"values": line_rows},
                "mark": {"type": "point", "filled": True, "size": 42, "opacity": 1},
                "encoding": {"x": x, "y": y, "color": color, "shape": shape},
            }
        )
        if len(labels) > 1:
            ends = _end_labels(
                line_rows, dict(zip(labels, colors, strict=True)), y_domain=y_domain, height=height
            )
            layers.append(
                {
                    "data": {"values": ends},
                    "mark": {"type": "text", "align": "left", "dx": 8, "fontSize": 11, "fontWeight": "bold"},
                    "encoding": {
                        "x": x,
                        "y": {**y, "field": "label_y"},
                        "text": {"field": "text"},
                        "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                    },
                }
            )
    if markers:
        layers.extend(_marker_layers(markers, x, y, x_domain))
    return _base(width, height, layers, description=description)


def _severity_layers(
    severity: Sequence[tuple[float, float, str]], y_scale: dict[str, Any]
) -> list[dict[str, Any]]:
    rows = []
    for i, (lo, hi, label) in enumerate(severity):
        # Bands cover whole-number score ranges: extend by half a point so they touch.
        rows.append({"y0": lo - 0.5 if i else lo, "y1": hi + 0.5, "label": label, "shade": i})
    n = max(len(rows) - 1, 1)
    for r in rows:
        r["opacity"] = round(0.03 + 0.17 * r["shade"] / n, 3)
    return [
        {
            "data": {"values": rows},
            "mark": {"type": "rect", "color": OKABE_ITO["vermillion"]},
            "encoding": {
                "x": {"value": 0},
                "x2": {"value": "width"},
                "y": {"field": "y0", "type": "quantitative", "scale": y_scale},
                "y2": {"field": "y1"},
                "opacity": {"field": "opacity", "type": "quantitative", "scale": None, "legend": None},
            },
        },
        {
            "data": {"values": rows},
            "transform": [{"calculate": "(datum.y0 + datum.y1) / 2", "as": "ymid"}],
            "mark": {
                "type": "text",
                "align": "right",
                "baseline": "middle",
                "dx": -4,
                "fontSize": 10,
                "color": "#5a5a5a",
                "fontStyle": "italic",
            },
            "encoding": {
                "x": {"value": "width"},
                "y": {"field": "ymid", "type": "quantitative", "scale": y_scale},
                "text": {"field": "label"},
            },
        },
    ]


def _marker_layers(
    markers: Sequence[Mapping[str, Any]], x: dict[str, Any], y: dict[str, Any], x_domain: tuple[float, float]
) -> list[dict[str, Any]]:
    """Marker symbols plus their text; text near the right edge is right-aligned so it stays in the plot."""
    lo, hi = x_domain
    rows = []
    for m in markers:
        frac = (float(m["session"]) - lo) / ((hi - lo) or 1.0)
        align = "right" if frac > 0.75 else "left" if frac < 0.2 else "center"
        rows.append({**dict(m), "color": m.get("color", "#000000"), "align": align})
    layers: list[dict[str, Any]] = [
        {
            "data": {"values": rows},
            "mark": {
                "type": "point",
                "filled": True,
                "size": 110,
                "stroke": "white",
                "strokeWidth": 1,
                "opacity": 1,
            },
            "encoding": {
                "x": x,
                "y": y,
                "shape": {"field": "shape", "type": "nominal", "scale": None, "legend": None},
                "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
            },
        }
    ]
    for align, dx in (("left", -4), ("center", 0), ("right", 4)):
        layers.append(
            {
                "data": {"values": rows},
                "transform": [{"filter": f"datum.align == '{align}' && datum.text != ''"}],
                "mark": {
                    "type": "text",
                    "align": align,
                    "dx": dx,
                    "dy": -13,
                    "fontSize": 10.5,
                    "fontWeight": "bold",
                },
                "encoding": {
                    "x": x,
                    "y": y,
                    "text": {"field": "text"},
                    "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                },
            }
        )
    return layers


def _end_labels(
    rows: Sequence[Mapping[str, Any]],
    colors: Mapping[str, str],
    *,
    y_domain: tuple[float, float] | None = None,
    height: int = PANEL_HEIGHT,
    gap_px: float = 12.0,
) -> list[dict[str, Any]]:
    """One text label per line at its last point, nudged apart vertically so labels never overlap.

    Lines ending at the same place share one label.
    """
    last: dict[str, Mapping[str, Any]] = {}
    for r in rows:
        if r["label"] not in last or r["session"] >= last[r["label"]]["session"]:
            last[r["label"]] = r
    groups: dict[tuple[float, float], list[str]] = {}
    for label, r in last.items():
        groups.setdefault((float(r["session"]), round(float(r["value"]), 3)), []).append(label)
    out = [
        {
            "session": session,
            "value": value,
            "label_y": value,
            "text": ", ".join(names),
            "color": colors[names[0]] if len(names) == 1 else "#333333",
        }
        for (session, value), names in groups.items()
    ]
    values = [r["value"] for r in out]
    lo, hi = y_domain if y_domain is not None else (min(values), max(values))
    gap = (hi - lo) * gap_px / height if hi > lo else 0.0
    out.sort(key=lambda r: (r["session"], r["value"]))
    for prev, cur in zip(out, out[1:], strict=False):
        if cur["session"] == prev["session"] and cur["label_y"] - prev["label_y"] < gap:
            cur["label_y"] = prev["label_y"] + gap
    return out


def events_spec(
    *,
    events: Sequence[Mapping[str, Any]],
    flags: Sequence[Mapping[str, Any]],
    x_domain: tuple[float, float],
    width: int = 980,
    description: str = "",
) -> dict[str, Any]:
    """One row per context event (diamond + label) and per flag (bar over its sessions + label).

    Args:
        events: ``{"session", "text"}``.
        flags: ``{"session_from", "session_to", "severity", "text"}``.
    """
    x = session_axis(x_domain)
    mid = (x_domain[0] + x_domain[1]) / 2
    rows_e = [
        {**dict(e), "row": i, "align": "left" if e["session"] <= mid else "right"}
        for i, e in enumerate(events)
    ]
    start = len(rows_e)
    rows_f = []
    for i, f in enumerate(flags):
        lo = f["session_from"] if f.get("session_from") is not None else f["session_to"]
        hi = f["session_to"] if f.get("session_to") is not None else lo
        rows_f.append(
            {
                **dict(f),
                "session": lo,
                "session2": hi,
                "row": start + i,
                "color": SEVERITY_COLORS.get(str(f.get("severity")), "#777777"),
                "label_x": lo if lo <= mid else hi,
                "align": "left" if lo <= mid else "right",
            }
        )
    n_rows = max(len(rows_e) + len(rows_f), 1)
    height = 30 * n_rows + 8
    y = {
        "field": "row",
        "type": "ordinal",
        "axis": None,
        "scale": {"domain": list(range(n_rows)), "padding": 0.5},
    }
    layers: list[dict[str, Any]] = []
    if rows_e:
        layers.append(
            {
                "data": {"values": rows_e},
                "mark": {"type": "rule", "color": "#444444", "strokeDash": [2, 3], "strokeWidth": 1.3},
                "encoding": {"x": x},
            }
        )
        layers.append(
            {
                "data": {"values": rows_e},
                "mark": {
                    "type": "point",
                    "shape": "diamond",
                    "filled": True,
                    "size": 120,
                    "color": "#000000",
                },
                "encoding": {"x": x, "y": y},
            }
        )
        for align, dx in (("left", 10), ("right", -10)):
            layers.append(
                {
                    "data": {"values": rows_e},
                    "transform": [{"filter": f"datum.align == '{align}'"}],
                    "mark": {
                        "type": "text",
                        "align": align,
                        "dx": dx,
                        "fontSize": 11,
                        "baseline": "middle",
                        "limit": width // 2,
                    },
                    "encoding": {"x": x, "y": y, "text": {"field": "text"}},
                }
            )
    if rows_f:
        layers.append(
            {
                "data": {"values": rows_f},
                "mark": {"type": "rule", "strokeWidth": 7, "strokeCap": "round"},
                "encoding": {
                    "x": x,
                    "x2": {"field": "session2"},
                    "y": {**y, "bandPosition": 0.5},
                    "color": {"field": "color", "type": "nominal", "scale": None, "legend": None},
                },
            }
        )
        for align, dx in (("left", 0), ("right", 0)):
            layers.append(
                {
                    "data": {"values": rows_f},
                    "transform": [{"filter": f"datum.align == '{align}'"}],
                    "mark": {
                        "type": "text",
                        "align": align,
                        "dx": dx,
                        "dy": -11,
                        "fontSize": 10.5,
                        "baseline": "middle",
                        "limit": width // 2,
                    },
                    "encoding": {"x": {**x, "field": "label_x"}, "y": y, "text": {"field": "text"}},
                }
            )
    spec = _base(width, height, layers, description=description)
    return spec


@functools.cache
def _converter() -> Any:
    import vl_convert  # imported lazily: it starts a JavaScript runtime

    return vl_convert


def render_svg(spec: Mapping[str, Any], *, label: str) -> str:
    """Render a Vega-Lite spec to an accessible inline SVG string (no scripts, no links)."""
    svg = _converter().vegalite_to_svg(dict(spec))
    svg = svg.replace(
        "<svg ",
        f'<svg role="img" aria-label="{html.escape(label, quote=True)}" focusable="false" ',
        1,
    )
    return svg
