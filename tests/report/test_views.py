"""View-model logic: status, dips, reliable change, event placement, timeline, themes."""

from __future__ import annotations

import datetime as dt

import pytest

from narrative.report import views
from narrative.types import ContextEvent, Flag, ScoredStatement, Shift, Statement, TrajectoryPoint


def _pts(values, series="alliance"):
    return [TrajectoryPoint("C", i, series, float(v)) for i, v in enumerate(values, start=1)]


@pytest.mark.parametrize(
    ("severities", "text", "symbol"),
    [
        ((), "No flags", "✓"),
        (("info",), "Note", "○"),
        (("low", "info"), "Monitor", "●"),
        (("low", "medium"), "Watch", "◆"),
        (("medium", "high", "low"), "Review now", "▲"),
    ],
)
def test_views_status_is_worst_severity_with_text(severities, text, symbol) -> None:
    status = views.status_for([Flag("C", "r", s, "why") for s in severities])
    assert (status["text"], status["symbol"]) == (text, symbol)


def test_views_sort_flags_most_severe_first() -> None:
    flags = [Flag("C", "a", "low", ""), Flag("C", "b", "high", ""), Flag("C", "c", "medium", "")]
    assert [f.rule for f in views.sort_flags(flags)] == ["b", "c", "a"]


@pytest.mark.parametrize(
    ("values", "drop", "sessions"),
    [([8, 8, 5, 6], 2.0, [3]), ([8, 7, 6, 5], 2.0, []), ([9, 6, 9, 5], 3.0, [2, 4]), ([7], 1.0, [])],
)
def test_views_alliance_dips(values, drop, sessions) -> None:
    assert [d["session"] for d in views.alliance_dips(_pts(values), drop=drop)] == sessions


@pytest.mark.parametrize(
    ("values", "better", "statuses"),
    [
        ([18, 15, 12, 11], "lower", ["", "improved", "improved"]),
        ([10, 13, 17], "lower", ["", "deteriorated"]),
        ([40, 47], "higher", ["improved"]),
    ],
)
def test_views_reliable_change_from_first_score(values, better, statuses) -> None:
    rc = views.reliable_change(_pts(values, "phq9"), threshold=6, better=better)
    assert [r["status"] for r in rc] == statuses


def test_views_reliable_change_marks_first_of_each_run() -> None:
    rc = views.reliable_change(_pts([18, 11, 10, 15, 9], "phq9"), threshold=6, better="lower")
    assert [(r["status"], r["first"]) for r in rc] == [
        ("improved", True),
        ("improved", False),
        ("", True),
        ("improved", True),
    ]


@pytest.mark.parametrize(
    ("session", "date", "expected"),
    [
        (3, None, 3.0),
        (None, dt.date(2024, 1, 11), 1.5),  # halfway between sessions 1 (Jan 8) and 2 (Jan 14)
        (None, dt.date(2024, 1, 1), 0.5),  # before the first session
        (None, dt.date(2024, 3, 1), 3.5),  # after the last session
        (None, None, None),
    ],
)
def test_views_event_positions_on_session_axis(session, date, expected) -> None:
    dates = {1: dt.date(2024, 1, 8), 2: dt.date(2024, 1, 14), 3: dt.date(2024, 1, 21)}
    [ev] = views.event_positions([ContextEvent("C", "new_job", date=date, session=session)], dates)
    assert ev["session"] == expected


def _stmt(k, session, kind, voice, text):
    return Statement(f"s{k}", "n", "C", kind, text, 0, 1, voice, "neutral", session=session)


def test_views_timeline_orders_limits_and_attaches_shifts() -> None:
    stmts = [
        _stmt(1, 1, "self_description", "reported", "described as weak"),
        _stmt(2, 1, "self_description", "quoted", "I am strong"),
        _stmt(3, 1, "chapter_title", "quoted", "A new start"),
        _stmt(4, 1, "agency", "quoted", "I decided"),  # not a timeline type
        _stmt(5, 2, "self_description", "quoted", "I am fine"),
    ]
    scores = {
        s.statement_id: ScoredStatement(
            s.statement_id, "n", "C", s.type, s.voice, 0, 0, 0.4, "neutral", 0, 1, 0
        )
        for s in stmts
    }
    shift = Shift("C", "agency", "change_point", 1, 2, -0.5, 0.3, 0.8)
    tl = views.timeline(stmts, scores, [shift], {1: dt.date(2024, 1, 8)}, max_per_session=2)
    assert [s["session"] for s in tl] == [1, 2]
    assert [i["text"] for i in tl[0]["items"]] == ["A new start", "I am strong"]
    assert tl[0]["more"] == 1 and tl[0]["date"] == "2024-01-08"
    assert tl[1]["shifts"][0]["delta"] == "+0.80" and tl[1]["shifts"][0]["arrow"] == "↑"


def test_views_timeline_voice_filter_for_client_summary() -> None:
    stmts = [
        _stmt(1, 1, "self_description", "clinician", "presents as low"),
        _stmt(2, 1, "chapter_title", "quoted", "Up"),
    ]
    tl = views.timeline(stmts, {}, [], {}, max_per_session=5, voices=("quoted",))
    assert [i["text"] for i in tl[0]["items"]] == ["Up"]


@pytest.mark.parametrize(
    ("client_id", "expected"),
    [("C-3f9a1b2c", "C-3f9a1b2c"), ("client 7", None), ("../etc/passwd", None), (".hidden", None)],
)
def test_views_page_name_is_filename_safe(client_id, expected) -> None:
    name = views.page_name(client_id)
    if expected is not None:
        assert name == expected
    else:
        assert "/" not in name and " " not in name and not name.startswith(".")
        assert name != views.page_name(client_id + "x")


@pytest.mark.parametrize(
    ("value", "kwargs", "text"),
    [
        (14.0, {}, "14"),
        (-0.7, {}, "−0.70"),
        (0.5, {"signed": True}, "+0.50"),
        (1.0, {"signed": True, "decimals": 2}, "+1.00"),
        (None, {}, "—"),
        (float("nan"), {}, "—"),
        ([1, 2], {}, "1, 2"),
        ("x", {}, "x"),
    ],
)
def test_views_fmt_number(value, kwargs, text) -> None:
    assert views.fmt_number(value, **kwargs) == text


def test_views_indicator_themes_count_clients_and_progress() -> None:
    def ind(cid, domain, progress):
        return Statement(
            "s",
            "n",
            cid,
            "indicator",
            "t",
            0,
            1,
            "clinician",
            "neutral",
            attrs={"domain": domain, "progress": progress},
        )

    rows = views.indicator_themes(
        [
            ind("A", "sleep", "progress"),
            ind("B", "sleep", "setback"),
            ind("B", "sleep", "setback"),
            ind("A", "work", "no_change"),
        ],
        top=5,
    )
    assert rows[0] == {
        "domain": "Sleep",
        "n": 3,
        "n_clients": 2,
        "progress": 1,
        "no_change": 0,
        "setback": 2,
        "other": 0,
        "scale": 3,
    }
    assert [r["domain"] for r in rows] == ["Sleep", "Work"]


def test_views_shift_themes_group_and_skip_no_change() -> None:
    shifts = [
        Shift("A", "agency", "change_point", 1, 3, -0.2, 0.4, 0.6),
        Shift("B", "agency", "change_point", 2, 4, -0.1, 0.1, 0.2),
        Shift("C", "agency", "change_point", 2, 4, 0.1, -0.3, -0.4),
        Shift("D", "agency", "no_change", 1, 4, 0.1, 0.1, 0.0),
    ]
    rows = views.shift_themes(shifts, top=5)
    assert [(r["direction"], r["n_clients"], r["median_delta"]) for r in rows] == [
        ("up", 2, "+0.40"),
        ("down", 1, "−0.40"),
    ]


def test_views_leadlag_grid_prefers_pearson_and_names_strongest() -> None:
    rows = [
        {"x": "narrative_score", "y": "phq9", "lag": lag, "method": m, "r": r, "n_pairs": 5, "note": ""}
        for lag, r in ((-1, 0.1), (0, None), (1, -0.7))
        for m in ("spearman", "pearson")
    ]
    ll = views.leadlag_view(rows)
    assert ll["method"] == "pearson" and ll["lags"] == ["-1", "0", "+1"]
    assert [c["r"] for c in ll["rows"][0]["cells"]] == ["+0.10", "—", "−0.70"]
    assert "narrative score changed 1 session before Phq9" in ll["strongest"]
    assert views.leadlag_view([])["rows"] == []


@pytest.mark.parametrize(
    ("value", "label"),
    [(0, "minimal"), (4.5, "minimal"), (9, "mild"), (15, "moderately severe"), (27, "severe"), (30, "")],
)
def test_views_severity_label_phq9(value, label) -> None:
    from narrative.report.settings import series_catalog

    assert views.severity_label(value, series_catalog().get("phq9").severity) == label
