"""Render the pages in headless Chromium: the charts and flags must really be drawn.

Needs the Debian packages chromium (+ chromium-driver); skipped with a reason
when the browser is not installed. Pixel checks need Pillow.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

pytestmark = pytest.mark.browser

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="headless Chromium not installed (apt-get install chromium)"
)

BLUE = (0x00, 0x72, 0xB2)  # Okabe-Ito blue: the first series colour
VERMILLION = (0xD5, 0x5E, 0x00)  # high severity


def _chromium(args: list[str], tmp_path: Path, url: str) -> subprocess.CompletedProcess:
    profile = tmp_path / "profile"
    profile.mkdir(exist_ok=True)
    cmd = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--hide-scrollbars",
        f"--user-data-dir={profile}",
        *args,
        url,
    ]
    return subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=True)


def _dom(page: Path, tmp_path: Path) -> str:
    return _chromium(["--dump-dom"], tmp_path, page.as_uri()).stdout


def _screenshot(page: Path, tmp_path: Path, *, height: int, name: str) -> Path:
    png = tmp_path / f"{name}.png"
    _chromium([f"--screenshot={png}", f"--window-size=1280,{height}"], tmp_path, page.as_uri())
    assert png.is_file()
    return png


def _pixels(img, box=None) -> np.ndarray:
    """RGB pixels as an int array (rows x cols x 3), optionally cropped to box (left, top, right, bottom)."""
    arr = np.asarray(img.convert("RGB"), dtype=int)
    if box is not None:
        left, top, right, bottom = box
        arr = arr[top:bottom, left:right]
    return arr


def _count_colour(img, rgb: tuple[int, int, int], box=None, tol: int = 40) -> int:
    diff = np.abs(_pixels(img, box) - np.array(rgb))
    return int((diff <= tol).all(axis=2).sum())


def _count_ink(img, box=None) -> int:
    """Pixels that are not (near) white."""
    return int((_pixels(img, box).sum(axis=2) < 735).sum())


@needs_chromium
def test_browser_client_page_dom_has_drawn_charts_and_flags(built_run, tmp_path: Path) -> None:
    _, result = built_run
    dom = _dom(result.client_pages["C-5e6f7a8b"], tmp_path)
    figures = re.findall(r'<figure class="chart chart-([\w:-]+)">(.*?)</figure>', dom, re.S)
    kinds = [k for k, _ in figures]
    assert kinds[:4] == ["events", "narrative_score", "agency", "self_regard"]
    for kind, body in figures:
        assert "<svg" in body, kind
        assert len(re.findall(r"<path", body)) >= 5, kind  # axes, grid and the data marks
    line_marks = re.findall(r'aria-roledescription="line mark"', dom)
    assert len(line_marks) >= 9  # one per series panel
    assert "PHQ-9 rose by 7 points since the first session" in dom
    assert "Review now" in dom and "reliable deterioration" in dom
    assert "<script>alert" not in dom  # escaped note text stays text after parsing


@needs_chromium
def test_browser_caseload_dom_has_sparklines_and_links(built_run, tmp_path: Path) -> None:
    _, result = built_run
    dom = _dom(result.caseload_page, tmp_path)
    assert len(re.findall(r'<svg[^>]*class="spark"', dom)) == 9
    assert dom.count("<polyline") == 9
    rows = re.findall(r'<tr class="sev-(\w+)">', dom)
    assert rows == ["high", "low", "none"]
    assert 'href="clients/C-5e6f7a8b.html"' in dom


@needs_chromium
def test_browser_client_page_screenshot_shows_plots(built_run, tmp_path: Path) -> None:
    pil = pytest.importorskip("PIL.Image", reason="Pillow is needed to read screenshots")
    _, result = built_run
    png = _screenshot(result.client_pages["C-1a2b3c4d"], tmp_path, height=4600, name="client")
    img = pil.open(png)
    assert img.size == (1280, 4600)
    # Series lines and points are drawn in Okabe-Ito blue: ~11,000 pixels here, ~200 (links) without plots.
    assert _count_colour(img, BLUE, tol=30) > 3000
    # The grey reference band (#8c8c8c at 28% on white) fills part of each narrative panel;
    # without charts the page has ~3,000 such pixels, with them ~80,000.
    assert _count_colour(img, (223, 223, 223), tol=3) > 30000


@needs_chromium
def test_browser_single_chart_fills_its_plot_area(built_run, tmp_path: Path) -> None:
    """One chart alone at a known place: its plot area must hold the line, points and band."""
    pil = pytest.importorskip("PIL.Image", reason="Pillow is needed to read screenshots")
    _, result = built_run
    html = result.client_pages["C-1a2b3c4d"].read_text(encoding="utf-8")
    svg = re.search(r'<figure class="chart chart-narrative_score">.*?(<svg.*?</svg>)', html, re.S).group(1)
    page = tmp_path / "one.html"
    page.write_text(f'<!DOCTYPE html><html><body style="margin:0">{svg}</body></html>', encoding="utf-8")
    img = pil.open(_screenshot(page, tmp_path, height=400, name="one"))
    width = int(re.search(r'width="(\d+)"', svg).group(1))
    plot = (62, 12, width - 56, 12 + 130)  # charts.PADDING and PANEL_HEIGHT
    assert _count_colour(img, BLUE, plot, tol=30) > 400
    assert _count_ink(img, plot) > 0.15 * (plot[2] - plot[0]) * (plot[3] - plot[1])
    outside = (plot[2] + 60, 0, 1280, 400)  # right of the chart: page background only
    assert _count_ink(img, outside) == 0


@needs_chromium
def test_browser_caseload_screenshot_shows_status_and_flags(built_run, tmp_path: Path) -> None:
    pil = pytest.importorskip("PIL.Image", reason="Pillow is needed to read screenshots")
    _, result = built_run
    img = pil.open(_screenshot(result.caseload_page, tmp_path, height=1800, name="caseload"))
    assert _count_colour(img, VERMILLION, tol=25) > 800  # "Review now" badge and row marker
    assert _count_colour(img, BLUE, tol=30) > 150  # sparklines
