"""Supervisor flag rules, each on a hand-built client."""

from __future__ import annotations

import pytest

from narrative.trajectory import flag_counts
from narrative.trajectory.caseload import client_points
from narrative.trajectory.flags import (
    ClientView,
    alliance_dip_flags,
    balance_flags,
    change_anchors,
    client_flags,
    context_event_flags,
    deterioration_flags,
    discordance_flags,
    documentation_drift_flags,
    group_series,
    narrative_shift_flags,
    stagnation_flags,
    sudden_change_events,
    sudden_change_flags,
)
from narrative.trajectory.settings import load_flag_rules
from narrative.types import ContextEvent, Flag, Measure, Shift, Statement, TrajectoryPoint

from .conftest import make_client, notes_for, series_measures


def view_of(client, settings):
    points, problems, index = client_points(client, settings)
    return ClientView(client, index, group_series(points), problems)


def narrative(client_id, values):
    return [
        TrajectoryPoint(client_id, s, "narrative_score", v) for s, v in enumerate(values, 1) if v is not None
    ]


def test_flags_deterioration_reason_is_supervisor_readable(settings):
    client = make_client(measures=series_measures("C1", "phq9", [8, 9, 10, 11, 12, 13, 14, 15, 16]))
    (flag,) = deterioration_flags(view_of(client, settings), settings.rules)
    assert flag.reason == "PHQ-9 rose from 8 (s1) to 16 (s9): reliable deterioration (≥ 6 points)."
    assert (flag.rule, flag.severity, flag.session_from, flag.session_to) == ("deterioration", "high", 1, 9)
    assert flag.numbers["criterion"] == "reliable_deterioration"


@pytest.mark.parametrize(("values", "expected"), [([8, 13], 0), ([8, 14], 1), ([20, 10], 0), ([5], 0)])
def test_flags_deterioration_threshold_and_one_session(settings, values, expected):
    client = make_client(measures=series_measures("C1", "phq9", values))
    assert len(deterioration_flags(view_of(client, settings), settings.rules)) == expected


def test_flags_not_on_track_needs_consecutive_band_misses(settings):
    pts = [
        TrajectoryPoint("C1", s, "phq9", 20, band_high=15, band_position="above", detail={"on_track": False})
        for s in (3, 4, 5)
    ]
    view = ClientView(make_client(), None, {"phq9": pts}, [])  # type: ignore[arg-type]
    (flag,) = [
        f for f in deterioration_flags(view, settings.rules) if f.numbers["criterion"] == "not_on_track"
    ]
    assert "above the upper bound" in flag.reason and "s3–s5" in flag.reason


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([15, 16, 15, 16, 15, 16], 1),  # flat while a case
        ([15, 16, 15, 16, 15], 0),  # too few sessions
        ([20, 16, 15, 16, 15, 16, 10], 0),  # a change of 6 in the window
        ([4, 5, 4, 5, 4, 5], 0),  # flat but not a case: remission
    ],
)
def test_flags_stagnation(settings, values, expected):
    client = make_client(measures=series_measures("C1", "phq9", values))
    assert len(stagnation_flags(view_of(client, settings), settings.rules)) == expected


def test_flags_stagnation_reports_the_whole_stretch(settings):
    client = make_client(measures=series_measures("C1", "phq9", [22, 15, 16, 15, 16, 15, 16, 15, 16]))
    (flag,) = stagnation_flags(view_of(client, settings), settings.rules)
    assert "over the last 8 ratings (s2–s9)" in flag.reason


def _alliance(values, text=None):
    return [Measure("C1", "alliance", v, session=s, item="total", text=text) for s, v in values]


def test_flags_alliance_dip_followed_by_missed_session(settings):
    measures = _alliance([(1, 8), (2, 9), (3, 8), (4, 5), (6, 8)], text="Felt unheard.")
    (flag,) = alliance_dip_flags(view_of(make_client(measures=measures), settings), settings.rules)
    assert flag.session_from == 4
    assert flag.numbers["followed_by"] == "missed_session"
    assert flag.severity == "high"
    assert "followed by a missed session (next attended s6)" in flag.reason
    assert flag.quotes == ("Felt unheard.",)


def test_flags_alliance_dip_before_dropout_via_no_show_note(settings):
    measures = _alliance([(1, 8), (2, 9), (3, 8), (4, 4)])
    notes = notes_for("C1", [1, 2, 3, 4]) + notes_for(
        "C1", [5], text="Client did not attend and did not cancel."
    )
    (flag,) = alliance_dip_flags(
        view_of(make_client(measures=measures, notes=notes), settings), settings.rules
    )
    assert flag.numbers["dropout"] is True and flag.numbers["missed_session"] is True
    assert "possible drop-out" in flag.reason


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([(1, 8), (2, 8), (3, 7)], 0),  # drop of 1 < min_drop 2
        ([(1, 8), (2, 8), (3, 6), (4, 8)], 1),  # zero SD history, drop of 2
        ([(1, 9), (2, 6)], 0),  # not enough history
    ],
)
def test_flags_alliance_dip_relative_to_own_series(settings, values, expected):
    view = view_of(make_client(measures=_alliance(values)), settings)
    assert len(alliance_dip_flags(view, settings.rules)) == expected


def test_flags_srs_below_cutoff_is_a_dip(settings):
    measures = series_measures("C1", "srs", [37, 38, 35, 37])
    (flag,) = alliance_dip_flags(view_of(make_client(measures=measures), settings), settings.rules)
    assert "below the SRS cut-off of 36" in flag.reason and flag.session_from == 3


@pytest.mark.parametrize(
    ("narr", "phq", "kind"),
    [
        ([-0.4, -0.3, 0.1, 0.3, 0.4], [13, 14, 13, 13, 14], "narrative_improves_scale_not"),
        ([-0.2, -0.2, -0.3, -0.2, -0.3], [17, 14, 12, 10, 8], "scale_improves_narrative_not"),
        ([-0.4, -0.3, 0.1, 0.3, 0.4], [17, 14, 12, 10, 8], None),
        # a rise below the meaningful change (0.2) while the scale reliably improves
        ([-0.5, -0.5, -0.4, -0.4, -0.35], [17, 14, 12, 10, 8], "scale_improves_narrative_not"),
        # ... a rise of 0.2 or more is a meaningful change: no discordance
        ([-0.5, -0.5, -0.3, -0.3, -0.3], [17, 14, 12, 10, 8], None),
        # between the two thresholds (0.2 <= change < 0.3) and a flat scale: neither
        ([-0.5, -0.5, -0.3, -0.25, -0.25], [13, 14, 13, 13, 14], None),
    ],
)
def test_flags_discordance(settings, narr, phq, kind):
    client = make_client(measures=series_measures("C1", "phq9", phq), narrative_points=narrative("C1", narr))
    flags = discordance_flags(view_of(client, settings), settings.rules)
    assert [f.numbers["kind"] for f in flags] == ([kind] if kind else [])


def _indicator(session, progress, i=0):
    return Statement(
        f"s{session}-{i}",
        f"n{session}",
        "C1",
        "indicator",
        "Mood: better.",
        0,
        5,
        "clinician",
        "positive",
        session=session,
        attrs={"progress": progress},
    )


@pytest.mark.parametrize(
    ("setback_session", "expected"), [(None, 1), (4, 0), (1, 1)]
)  # s1 is before the last 6 (s3-s8)
def test_flags_balance_only_progress(settings, setback_session, expected):
    statements = [_indicator(s, "progress", i) for s in range(1, 9) for i in range(2)]
    if setback_session:
        statements.append(_indicator(setback_session, "setback", 9))
    view = view_of(make_client(statements=statements, notes=notes_for("C1", range(1, 9))), settings)
    assert len(balance_flags(view, settings.rules)) == expected


def test_flags_documentation_drift_missing_notes_and_indicators(settings):
    measures = series_measures("C1", "phq9", [12] * 8)
    notes = notes_for("C1", [1, 2, 5, 6, 7, 8]) + notes_for("C1", [1, 2], section="Qualitative Indicators")
    flags = documentation_drift_flags(
        view_of(make_client(measures=measures, notes=notes), settings), settings.rules
    )
    assert [(f.numbers["kind"], f.session_from, f.session_to) for f in flags] == [
        ("measures_without_note", 3, 4),
        ("note_without_indicators", 5, 8),
    ]


def test_flags_documentation_drift_not_judged_without_any_indicator_source(settings):
    notes = [n.__class__(n.note_id, "C1", "", session=n.session) for n in notes_for("C1", range(1, 7))]
    assert documentation_drift_flags(view_of(make_client(notes=notes), settings), settings.rules) == []


def _shift(
    delta, session_from=1, session_to=8, kind="baseline_vs_now", effect="large", series="narrative_score"
):
    # effect: the shift's standardised size (score.shifts.effect_size); "large" = 3 SD in the shift's direction
    effect = (3.0 if delta > 0 else -3.0) if effect == "large" else effect
    return Shift(
        "C1",
        series,
        kind,
        session_from,
        session_to,
        -0.4,
        -0.4 + delta,
        delta,
        quote_before="I am broken.",
        quote_after="I have been through hard things.",
        detail={"effect_size": effect, "sessions_before": [1, 2], "sessions_after": [7, 8]},
    )


@pytest.mark.parametrize(
    ("delta", "rule"), [(0.6, "narrative_shift_positive"), (-0.5, "narrative_shift_negative"), (0.1, None)]
)
def test_flags_narrative_shift(settings, delta, rule):
    flags = narrative_shift_flags(view_of(make_client(shifts=[_shift(delta)]), settings), settings.rules)
    assert [f.rule for f in flags] == ([rule] if rule else [])
    if rule:
        assert flags[0].quotes == ("I am broken.", "I have been through hard things.")


@pytest.mark.parametrize(
    ("delta", "effect", "flagged"),
    [
        (0.5, 0.9, True),
        (0.5, 0.7, False),  # within the client's session-to-session scatter
        (0.5, None, False),  # one session each side: no scatter to judge it by
        (-0.5, -1.2, True),
        (0.2, 3.0, False),  # large against the scatter, but below the 0.3 of a meaningful shift
    ],
)
def test_flags_narrative_shift_needs_a_large_effect(settings, delta, effect, flagged):
    view = view_of(make_client(shifts=[_shift(delta, effect=effect)]), settings)
    flags = narrative_shift_flags(view, settings.rules)
    assert bool(flags) is flagged
    if flagged:
        assert flags[0].numbers["effect_size"] == effect
        assert f"{effect:+.2f} SD of the session-to-session variation, threshold 0.80" in flags[0].reason
        # the levels say which sessions they pool
        assert "(s1–s2)" in flags[0].reason and "(s7–s8)" in flags[0].reason


def test_flags_narrative_shift_effect_check_can_be_switched_off(settings):
    rules = load_flag_rules(overrides={"rules": {"narrative_shift": {"min_effect_size": None}}})
    view = view_of(make_client(shifts=[_shift(0.5, effect=None)]), settings)
    assert [f.rule for f in narrative_shift_flags(view, rules)] == ["narrative_shift_positive"]


# a story that scatters from session to session around one level (as one or two statements a
# session do) vs one that moves to a new level
FLAT_NOISY = [-0.3, 0.1, -0.4, 0.0, -0.2, 0.2, -0.35, 0.05, -0.25, -0.05]
MOVES = [-0.5, -0.4, -0.5, -0.45, 0.2, 0.3, 0.25, 0.3, 0.2, 0.3]


def test_flags_narrative_stagnation_by_levels_not_range(settings):
    # the range of FLAT_NOISY (0.6) is far above 0.2, yet the story never moved: stagnation
    view = view_of(make_client(), settings)
    view.series = {"narrative_score": narrative("C1", FLAT_NOISY)}
    (flag,) = stagnation_flags(view, settings.rules)
    assert flag.numbers["method"] == "no_shift" and flag.numbers["n"] == 10
    assert (flag.session_from, flag.session_to) == (1, 10)
    assert flag.reason.startswith(
        "Narrative score showed no meaningful change over the last 10 sessions (s1–s10)"
    )


def test_flags_narrative_stagnation_not_after_a_move(settings):
    view = view_of(make_client(), settings)
    view.series = {"narrative_score": narrative("C1", MOVES)}
    assert stagnation_flags(view, settings.rules) == []  # start and end levels differ
    # a plateau after a flagged shift is where the story moved to, not a story that never moved
    view = view_of(make_client(shifts=[_shift(0.4, 4, 5, kind="change_point", series="agency")]), settings)
    view.series = {"narrative_score": narrative("C1", FLAT_NOISY)}
    assert stagnation_flags(view, settings.rules) == []


def test_flags_narrative_stagnation_needs_enough_sessions(settings):
    view = view_of(make_client(), settings)
    view.series = {"narrative_score": narrative("C1", FLAT_NOISY[:5])}
    assert stagnation_flags(view, settings.rules) == []


@pytest.mark.parametrize(
    ("event_session", "expected", "order"),
    [(7, 1, "during"), (4, 1, "2 sessions before"), (10, 1, "2 sessions after"), (3, 0, ""), (11, 0, "")],
)
def test_flags_context_event_near_shift(settings, event_session, expected, order):
    client = make_client(
        shifts=[_shift(0.6, 6, 8, kind="change_point")],
        events=[ContextEvent("C1", "new_job", session=event_session, description="Started a new job")],
        notes=notes_for("C1", range(1, 12)),
    )
    view = view_of(client, settings)
    anchors = change_anchors(view, settings.rules, narrative_shift_flags(view, settings.rules), [])
    flags = context_event_flags(view, settings.rules, anchors)
    assert len(flags) == expected
    if expected:
        assert "don't credit therapy alone" in flags[0].reason
        # the reason says where the event lies, so a reader can judge whether it can explain the change
        assert f"the event comes {order} it" in flags[0].reason


@pytest.mark.parametrize(
    ("shifts", "expected"),
    [
        # a whole-course comparison alone says nothing about when the story moved: no pairing
        ([_shift(0.6, 1, 11, kind="baseline_vs_now")], 0),
        # ... it is placed at the change point of the same series and direction
        ([_shift(0.6, 1, 11, kind="baseline_vs_now"), _shift(0.4, 6, 7, kind="change_point")], 1),
        (
            [_shift(0.6, 1, 11, kind="baseline_vs_now"), _shift(0.2, 6, 7, kind="change_point")],
            0,
        ),  # not meaningful
    ],
)
def test_flags_context_event_needs_where_the_shift_happened(settings, shifts, expected):
    client = make_client(
        shifts=shifts,
        events=[ContextEvent("C1", "medication_change", session=8, description="Dose increased")],
        notes=notes_for("C1", range(1, 12)),
    )
    view = view_of(client, settings)
    anchors = change_anchors(view, settings.rules, narrative_shift_flags(view, settings.rules), [])
    assert len(context_event_flags(view, settings.rules, anchors)) == expected


def test_flags_sudden_gain_flag(settings):
    client = make_client(measures=series_measures("C1", "phq9", [19, 18, 19, 11, 10, 10]))
    view = view_of(client, settings)
    (flag,) = sudden_change_flags(view, settings.rules, sudden_change_events(view, settings.rules))
    assert flag.rule == "sudden_gain"
    assert flag.reason.startswith("PHQ-9 fell from 19 (s3) to 11 (s4): sudden gain (8 points ≥ 7; 42%")


def test_flags_data_check_for_bad_gas_level(settings):
    client = make_client(measures=[Measure("C1", "gas", 5, session=1, item="G1")])
    flags = client_flags(view_of(client, settings), settings.rules)
    assert [f.rule for f in flags] == ["data_check"]


def test_flags_disabled_rule_gives_nothing(settings):
    from narrative.trajectory import load_settings

    quiet = load_settings({"trajectory": {"flags": {"rules": {"deterioration": {"enabled": False}}}}})
    client = make_client(measures=series_measures("C1", "phq9", [8, 16]), notes=notes_for("C1", [1, 2]))
    assert client_flags(view_of(client, settings), settings.rules) != []
    assert client_flags(view_of(client, quiet), quiet.rules) == []


def test_flags_flag_counts():
    flags = [
        Flag("C1", "stagnation", "low", "r"),
        Flag("C2", "stagnation", "low", "r"),
        Flag("C1", "balance", "low", "r"),
    ]
    assert flag_counts(flags) == {"balance": 1, "stagnation": 2}
