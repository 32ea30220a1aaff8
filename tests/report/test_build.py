"""build_reports: pages written from the run tables, escaped, offline, sorted, client-safe summaries."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from narrative.errors import ConfigError, InputError
from narrative.io import write_table
from narrative.report import build_reports
from narrative.types import Flag, TrajectoryPoint

from .conftest import SCRIPT_TEXT, record_columns, remote_references


def _pages(result) -> list[Path]:
    return [result.caseload_page, *result.client_pages.values(), *result.summary_pages.values()]


def test_build_writes_caseload_client_and_summary_pages(built_run) -> None:
    run, result = built_run
    assert result.caseload_page == run / "report" / "caseload.html"
    assert set(result.client_pages) == {"C-1a2b3c4d", "C-5e6f7a8b", "C-9c0d1e2f"}
    assert result.client_pages["C-1a2b3c4d"] == run / "report" / "clients" / "C-1a2b3c4d.html"
    assert result.summary_pages["C-1a2b3c4d"].name == "C-1a2b3c4d.summary.html"
    assert result.n_pages == 7 and all(p.is_file() for p in _pages(result))


def test_build_pages_reference_nothing_remote(built_run) -> None:
    _, result = built_run
    for page in _pages(result):
        html = page.read_text(encoding="utf-8")
        assert remote_references(html) == [], page.name
        assert "<script" not in html.lower()


@pytest.mark.parametrize(
    "html",
    [
        '<img src="https://cdn.example/x.png">',
        "<link href='//cdn.example/x.css'>",
        "<style>body{background:url(http://x/y.png)}</style>",
        '<svg xmlns="http://www.w3.org/2000/svg"><image xlink:href="https://x/y.png"/></svg>',
        "<style>@import 'https://x/y.css';</style>",
    ],
)
def test_build_remote_reference_check_catches_remote_urls(html: str) -> None:
    assert remote_references(html)


def test_build_remote_reference_check_allows_xmlns() -> None:
    assert (
        remote_references(
            '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"></svg>'
        )
        == []
    )


def test_build_local_links_resolve(built_run) -> None:
    _, result = built_run
    for page in _pages(result):
        for href in re.findall(r'href="([^"#]+)"', page.read_text(encoding="utf-8")):
            assert (page.parent / href).resolve().is_file(), (page.name, href)


def test_build_note_text_is_escaped(built_run) -> None:
    _, result = built_run
    html = result.client_pages["C-5e6f7a8b"].read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(" in html
    assert SCRIPT_TEXT not in html


def test_build_caseload_sorted_by_flag_severity_with_text_status(built_run) -> None:
    _, result = built_run
    html = result.caseload_page.read_text(encoding="utf-8")
    body = html[html.index("<tbody>") :]
    order = [body.index(cid) for cid in ("C-5e6f7a8b", "C-9c0d1e2f", "C-1a2b3c4d")]
    assert order == sorted(order)
    for label in ("Review now", "Monitor", "No flags"):
        assert label in body
    assert body.count('class="spark"') == 9  # 3 sparkline series x 3 clients
    assert "Sleep" in html and "Relationships" in html  # indicator domains
    assert "Symptom deterioration" in html  # flags by rule


def test_build_client_page_shows_flags_goals_timeline_and_charts(built_run) -> None:
    _, result = built_run
    html = result.client_pages["C-5e6f7a8b"].read_text(encoding="utf-8")
    assert "PHQ-9 rose by 7 points since the first session" in html
    assert "<dt>Phq9 last</dt><dd>21</dd>" in html
    assert "“I&#39;m a burden to everyone”" in html
    assert "Sleep through the night" in html and "Sleeps under 4 hours" in html
    assert "Treading water" in html and "Session 7" in html
    assert "Shift in narrative score" in html
    for kind in (
        "events",
        "narrative_score",
        "agency",
        "self_regard",
        "gas_goals",
        "gas_t",
        "alliance",
        "srs_total",
        "phq9",
        "gad7",
    ):
        assert f"chart-{kind}" in html, kind
    assert "dip −3" in html and "reliable deterioration" in html and "Bereavement" in html


def test_build_client_summary_has_no_clinician_content(built_run) -> None:
    _, result = built_run
    html = result.summary_pages["C-1a2b3c4d"].read_text(encoding="utf-8")
    assert "I&#39;m proud of what I managed" in html and "Works 3 days" in html
    assert "described herself as useless" not in html  # reported by the clinician
    assert "Sleep improving" not in html  # clinician indicator
    html2 = result.summary_pages["C-5e6f7a8b"].read_text(encoding="utf-8")
    html2 = html2[html2.index("<body") :]  # the shared stylesheet names .flag classes
    for clinician_only in (
        "flag",
        "Review now",
        "reliable deterioration",
        "below band",
        "PHQ-9 rose",
        "supervision",
    ):
        assert clinician_only.lower() not in html2.lower(), clinician_only


def test_build_out_dir_and_no_summaries_by_default(run_dir: Path, tmp_path: Path) -> None:
    result = build_reports(run_dir, out_dir=tmp_path / "elsewhere")
    assert result.caseload_page == tmp_path / "elsewhere" / "caseload.html"
    assert result.summary_pages == {} and not (run_dir / "report").exists()
    assert "client summary" not in result.caseload_page.read_text(encoding="utf-8")


def test_build_unsafe_client_id_gets_safe_file_name(tmp_path: Path) -> None:
    run = tmp_path / "run"
    write_table(
        run / "tables",
        "trajectories",
        [TrajectoryPoint("a/b c", 1, "narrative_score", 0.1)],
        columns=record_columns(TrajectoryPoint),
    )
    write_table(run / "tables", "flags", [Flag("a/b c", "r", "low", "why")], columns=record_columns(Flag))
    result = build_reports(run)
    page = result.client_pages["a/b c"]
    assert page.parent == run / "report" / "clients" and "/" not in page.name and " " not in page.name
    assert "Client a/b c" in page.read_text(encoding="utf-8")
    assert f'href="clients/{page.name}"' in result.caseload_page.read_text(encoding="utf-8")


def test_build_empty_run_writes_an_empty_caseload(tmp_path: Path) -> None:
    run = tmp_path / "run"
    (run / "tables").mkdir(parents=True)
    result = build_reports(run)
    assert result.client_pages == {} and result.n_pages == 1
    html = result.caseload_page.read_text(encoding="utf-8")
    assert "0 clients" in html and "Not found in the run folder" in html


def test_build_rejects_a_folder_without_tables(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="tables/"):
        build_reports(tmp_path)


@pytest.mark.parametrize(
    "report", [{"chart_width": 10}, {"unknown_key": 1}, {"reliable_change": {"phq9": 0}}]
)
def test_build_invalid_report_config(run_dir: Path, report: dict) -> None:
    with pytest.raises(ConfigError, match="report"):
        build_reports(run_dir, config={"report": report})


def test_build_reads_only_the_run_directory(run_template: Path, tmp_path: Path) -> None:
    moved = Path(shutil.copytree(run_template, tmp_path / "moved"))
    result = build_reports(moved, config={"report": {"title": "Team A & B"}})
    assert "Team A &amp; B" in result.caseload_page.read_text(encoding="utf-8")


def test_build_accepts_the_packaged_default_config(run_dir: Path) -> None:
    from narrative.config import load_config

    result = build_reports(run_dir, config=load_config())
    assert result.caseload_page.is_file()


def test_build_sparse_client_without_trajectory(tmp_path: Path) -> None:
    run = tmp_path / "run"
    points = [
        TrajectoryPoint("C-a", 1, "narrative_score", 0.2),
        TrajectoryPoint("C-a", 2, "narrative_score", float("nan")),  # dropped, not drawn
        TrajectoryPoint("C-a", 3, "narrative_score", -0.1),
    ]
    write_table(run / "tables", "trajectories", points, columns=record_columns(TrajectoryPoint))
    write_table(
        run / "tables",
        "flags",
        [Flag("C-b", "no_data", "info", "No scorable notes.")],
        columns=record_columns(Flag),
    )
    result = build_reports(run)
    sparse = result.client_pages["C-b"].read_text(encoding="utf-8")
    assert "No trajectory data for this client." in sparse and "No scorable notes." in sparse
    html = result.client_pages["C-a"].read_text(encoding="utf-8")
    assert "chart-narrative_score" in html and "NaN" not in html
