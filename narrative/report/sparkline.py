"""Small trend lines for the caseload table, drawn as plain SVG (fast: no renderer per row)."""

from __future__ import annotations

import html
from collections.abc import Sequence


def sparkline_svg(
    points: Sequence[tuple[float, float]],
    *,
    domain: tuple[float, float] | None = None,
    band: Sequence[tuple[float, float, float]] = (),
    width: int = 120,
    height: int = 34,
    color: str = "#0072B2",
    label: str = "",
) -> str:
    """An inline SVG sparkline.

    Args:
        points: ``(session, value)`` pairs.
        domain: y range; defaults to the data (and band) range.
        band: ``(session, low, high)`` reference band drawn as a grey area.
        label: accessible description (also shown as a tooltip).

    Returns:
        ``<svg>`` markup; an empty string when there are no points.
    """
    pts = sorted((float(s), float(v)) for s, v in points)
    if not pts:
        return ""
    band_pts = sorted((float(s), float(lo), float(hi)) for s, lo, hi in band)
    ys = [v for _, v in pts] + [b for _, lo, hi in band_pts for b in (lo, hi)]
    lo_y, hi_y = domain if domain is not None else (min(ys), max(ys))
    if hi_y <= lo_y:
        lo_y, hi_y = lo_y - 1, hi_y + 1
    xs = [s for s, _ in pts] + [s for s, _, _ in band_pts]
    lo_x, hi_x = min(xs), max(xs)
    pad = 3.5

    def sx(s: float) -> float:
        return pad if hi_x == lo_x else pad + (s - lo_x) / (hi_x - lo_x) * (width - 2 * pad)

    def sy(v: float) -> float:
        v = min(max(v, lo_y), hi_y)
        return height - pad - (v - lo_y) / (hi_y - lo_y) * (height - 2 * pad)

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="spark" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{html.escape(label, quote=True)}">',
        f"<title>{html.escape(label)}</title>",
    ]
    if len(band_pts) >= 2:
        upper = " ".join(f"{sx(s):.1f},{sy(hi):.1f}" for s, _, hi in band_pts)
        lower = " ".join(f"{sx(s):.1f},{sy(lo):.1f}" for s, lo, _ in reversed(band_pts))
        parts.append(f'<polygon points="{upper} {lower}" fill="#8c8c8c" fill-opacity="0.28"/>')
    line = " ".join(f"{sx(s):.1f},{sy(v):.1f}" for s, v in pts)
    parts.append(
        f'<polyline points="{line}" fill="none" stroke="{color}" stroke-width="1.8" stroke-linejoin="round"/>'
    )
    s0, v0 = pts[0]
    s1, v1 = pts[-1]
    parts.append(
        f'<circle cx="{sx(s0):.1f}" cy="{sy(v0):.1f}" r="2" fill="white" stroke="{color}" stroke-width="1.2"/>'
    )
    parts.append(f'<circle cx="{sx(s1):.1f}" cy="{sy(v1):.1f}" r="2.8" fill="{color}"/>')
    parts.append("</svg>")
    return "".join(parts)
