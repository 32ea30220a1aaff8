"""Chart specs share one geometry and session axis; SVG rendering and sparklines."""

from __future__ import annotations

import re

import pytest

from narrative.report import charts
from narrative.report.sparkline import sparkline_svg

LINES = [{"session": s, "value": v, "label": "Agency"} for s, v in [(1, -0.5), (2, 0.0), (4, 0.5)]]


def _geometry(spec):
    return spec["width"], spec["padding"], spec["autosize"]


def test_charts_panels_share_geometry_and_session_axis() -> None:
    domain = charts.x_domain_for([1, 2, 8])
    a = charts.panel_spec(lines=LINES, x_domain=domain, y_title="score", y_domain=(-1, 1), width=700)
    b = charts.events_spec(events=[{"session": 3, "text": "New job"}], flags=[], x_domain=domain, width=700)
    assert _geometry(a) == _geometry(b)
    xa = a["layer"][0]["encoding"]["x"]
    xb = b["layer"][0]["encoding"]["x"]
    assert xa["scale"]["domain"] == xb["scale"]["domain"] == [0.5, 8.5]
    assert xa["axis"]["values"] == list(range(1, 9))


@pytest.mark.parametrize(
    ("sessions", "domain"), [([3, 1, 5], (0.5, 5.5)), ([2.5], (1.5, 3.5)), ([], (0.5, 1.5))]
)
def test_charts_x_domain_has_half_session_margin(sessions, domain) -> None:
    assert charts.x_domain_for(sessions) == domain


def test_charts_end_labels_are_pushed_apart_and_merged() -> None:
    rows = [
        {"session": 5, "value": 0.50, "label": "A"},
        {"session": 5, "value": 0.51, "label": "B"},
        {"session": 5, "value": 1.0, "label": "C"},
        {"session": 5, "value": 1.0, "label": "D"},
    ]
    ends = charts._end_labels(
        rows, {"A": "#1", "B": "#2", "C": "#3", "D": "#4"}, y_domain=(-1, 1), height=100
    )
    texts = [e["text"] for e in ends]
    assert texts == ["A", "B", "C, D"]
    ys = [e["label_y"] for e in ends]
    assert all(b - a >= 2 * 12 / 100 - 1e-9 for a, b in zip(ys, ys[1:], strict=False))
    assert ends[2]["color"] == "#333333"


def test_charts_markers_near_right_edge_are_right_aligned() -> None:
    spec = charts.panel_spec(
        lines=LINES,
        x_domain=(0.5, 8.5),
        y_title="score",
        markers=[
            {"session": 8, "value": 0.1, "shape": "triangle-up", "text": "shift"},
            {"session": 1, "value": 0.1, "shape": "triangle-up", "text": "early"},
        ],
    )
    marker_rows = spec["layer"][-1]["data"]["values"]
    assert {r["text"]: r["align"] for r in marker_rows} == {"shift": "right", "early": "left"}


def test_charts_render_svg_draws_marks_and_escapes_text() -> None:
    spec = charts.events_spec(
        events=[{"session": 2, "text": "<b>moved</b> & more"}],
        flags=[{"session_from": 1, "session_to": 3, "severity": "high", "text": "high: rule"}],
        x_domain=(0.5, 3.5),
        width=400,
    )
    svg = charts.render_svg(spec, label='events "client"')
    assert svg.startswith("<svg") and 'role="img"' in svg and 'aria-label="events &quot;client&quot;"' in svg
    assert "<b>" not in svg and "&lt;b&gt;moved" in svg
    assert "#D55E00" in svg.upper() or "#d55e00" in svg
    assert "<script" not in svg


def test_charts_rendered_panel_has_line_band_and_points() -> None:
    bands = [{"session": s, "low": -0.3, "high": 0.3, "mid": 0.0} for s in (1, 2, 4)]
    svg = charts.render_svg(
        charts.panel_spec(
            lines=LINES, x_domain=(0.5, 4.5), y_title="score (-1 to +1)", y_domain=(-1, 1), bands=bands
        ),
        label="x",
    )
    assert 'aria-roledescription="line mark"' in svg or "role-mark" in svg
    assert len(re.findall(r"<path", svg)) >= 6
    assert "Session number" in svg and "score (-1 to +1)" in svg


def test_charts_sparkline_svg() -> None:
    svg = sparkline_svg(
        [(1, 0.2), (3, -0.5), (2, 0.0)], domain=(-1, 1), band=[(1, -0.3, 0.3), (3, -0.3, 0.3)], label="a <b>"
    )
    assert svg.count("<polyline") == 1 and svg.count("<polygon") == 1 and svg.count("<circle") == 2
    assert "a &lt;b&gt;" in svg
    assert sparkline_svg([], label="none") == ""
