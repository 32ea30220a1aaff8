from __future__ import annotations

import math

import pytest

from narrative.config import load_config
from narrative.errors import InputError
from narrative.score.shifts import SD_FLOOR, best_change_point, compute_shifts, effect_size, session_series
from narrative.types import ScoredStatement


def _st(
    session: int,
    value: float,
    text: str = "",
    *,
    voice: str = "quoted",
    type_: str = "self_description",
    client: str = "C-1",
):
    return ScoredStatement(
        statement_id=f"{client}-{session}-{text}-{voice}",
        note_id=f"n{session}",
        client_id=client,
        type=type_,
        voice=voice,
        agency=value,
        self_regard=value,
        narrative_score=value,
        talk_type="neutral",
        p_change=0.2,
        p_neutral=0.6,
        p_sustain=0.2,
        session=session,
        text=text or f"statement {session} {value}",
    )


def _series(values: list[float]) -> list[ScoredStatement]:
    return [_st(i + 1, v) for i, v in enumerate(values)]


def _get(shifts, kind, series="narrative_score"):
    return [s for s in shifts if s.kind == kind and s.series == series]


@pytest.mark.parametrize(
    ("voices", "expected", "n"),
    [
        # the clinician's own narration is not the client's story: weight 0 by default
        ([("quoted", 1.0), ("clinician", -1.0)], 1.0, 1),
        ([("reported", 0.5), ("quoted", 0.0)], 0.4 / 1.8, 2),
    ],
)
def test_shifts_session_mean_voice_weighted(voices, expected, n):
    sts = [_st(1, v, f"t{i}", voice=voice) for i, (voice, v) in enumerate(voices)]
    pts = [p for p in session_series(sts) if p.series == "self_regard"]
    assert pts[0].value == pytest.approx(expected, abs=1e-6)
    assert pts[0].n == n


def test_clinician_narration_is_observed_agency_not_narrative():
    # s1: the client's words only; s2: only the clinician's record of what she did
    sts = [
        _st(1, -0.6, "my anxiety made me leave", type_="agency"),
        _st(2, 0.7, "Attended two full lectures", type_="agency", voice="clinician"),
        _st(2, 0.2, "walked in late", type_="agency", voice="clinician"),
    ]
    pts = {(p.series, p.session): p for p in session_series(sts)}
    assert ("agency", 2) not in pts and ("narrative_score", 2) not in pts
    assert pts[("agency", 1)].value == pytest.approx(-0.6)
    assert ("observed_agency", 1) not in pts
    assert pts[("observed_agency", 2)].value == pytest.approx(0.45)
    assert pts[("observed_agency", 2)].n == 2
    assert pts[("observed_agency", 2)].detail["voice_weights"]["clinician"] == 1.0


def test_clinician_voice_weight_is_a_setting():
    config = load_config(score={"voice_weights": {"clinician": 0.4}})
    sts = [_st(1, 1.0, "a"), _st(1, -1.0, "b", voice="clinician")]
    pts = [p for p in session_series(sts, config=config) if p.series == "self_regard"]
    assert pts[0].value == pytest.approx((1.0 - 0.4) / 1.4, abs=1e-6)


def test_shifts_voice_weights_from_config():
    sts = [_st(1, 1.0, "a", voice="quoted"), _st(1, -1.0, "b", voice="clinician")]
    config = load_config(score={"voice_weights": {"quoted": 1.0, "reported": 1.0, "clinician": 1.0}})
    pts = [p for p in session_series(sts, config=config) if p.series == "self_regard"]
    assert pts[0].value == pytest.approx(0.0)


def test_shifts_series_names_and_quote():
    sts = _series([0.1, 0.2]) + [_st(1, 0.3, "act", type_="agency"), _st(2, 0.4, "act", type_="agency")]
    pts = session_series(sts)
    assert {p.series for p in pts} == {"narrative_score", "agency", "self_regard", "change_talk_balance"}
    assert all(p.detail["quote"] for p in pts)


def test_shifts_mixed_clients_raise():
    with pytest.raises(InputError, match="one client"):
        session_series([_st(1, 0.1), _st(1, 0.1, client="C-2")])


@pytest.mark.parametrize(
    ("values", "delta"),
    [
        ([-0.6, -0.4, 0.0, 0.1, 0.4, 0.6], 1.0),
        ([0.5, 0.5, 0.5, -0.5], -0.5),  # 2 baseline + 2 recent sessions
        ([0.0, 0.3], 0.3),
    ],
)
def test_shifts_baseline_vs_now_delta(values, delta):
    shift = _get(compute_shifts(_series(values)), "baseline_vs_now")[0]
    assert shift.delta == pytest.approx(delta)


def test_shifts_quotes_in_summary():
    sts = [
        _st(2, -0.6, "I am broken"),
        _st(3, -0.5, "I cope badly"),
        _st(10, 0.4, "ok"),
        _st(11, 0.6, "I have been through hard things"),
    ]
    shift = _get(compute_shifts(sts), "baseline_vs_now", "self_regard")[0]
    assert shift.quote_before == "I am broken" and shift.quote_after == "I have been through hard things"
    assert (
        shift.detail["summary"]
        == "self_regard +1.05 since baseline: 'I am broken' (s2) -> 'I have been through hard things' (s11)"
    )
    assert shift.detail["meaningful"] is True


@pytest.mark.parametrize(
    ("values", "k", "delta"),
    [
        ([0.0, 0.0, 0.0, 1.0, 1.0, 1.0], 3, 1.0),
        ([0.5, 0.5, -0.5, -0.5, -0.5], 2, -1.0),
        ([0.2, 0.2, 0.2, 0.2, 0.9], 3, 0.7 / 2),  # min_segment 2 stops a one-session split
    ],
)
def test_shifts_change_point_location(values, k, delta):
    cp = best_change_point(values, min_segment=2)
    assert cp is not None and cp[0] == k and cp[2] == pytest.approx(delta)


def test_shifts_change_point_shift_reported():
    shifts = _get(compute_shifts(_series([-0.5, -0.5, -0.5, 0.5, 0.5, 0.5])), "change_point")
    assert len(shifts) == 1 and shifts[0].session_to == 4 and shifts[0].session_from == 3


def test_shifts_change_point_below_min_change_not_reported():
    assert _get(compute_shifts(_series([0.0, 0.05, 0.0, 0.1, 0.1, 0.1])), "change_point") == []


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([-0.5, 0.3, 0.1, 0.12, 0.15, 0.1], True),
        ([0.1, 0.1, 0.1, 0.5, 0.1, 0.1], False),
        ([0.1, 0.1, 0.1], False),  # fewer sessions than no_change_sessions
    ],
)
def test_shifts_no_change_state(values, expected):
    shifts = _get(compute_shifts(_series(values)), "no_change")
    assert bool(shifts) is expected
    if expected:
        assert (
            shifts[0].detail["summary"].startswith("no meaningful change in narrative_score for 4 sessions")
        )


def test_shifts_no_change_threshold_from_config():
    config = load_config(score={"shifts": {"no_change_sessions": 3, "no_change_band": 0.5}})
    assert _get(compute_shifts(_series([0.0, 0.9, 0.5, 0.2, 0.6]), config=config), "no_change")


def test_shifts_rolling_window():
    shift = _get(compute_shifts(_series([0.0, 0.0, 0.0, 0.6, 0.6, 0.6])), "rolling")[0]
    assert shift.delta == pytest.approx(0.6)
    assert shift.detail["rolling_means"][-1] == [6, pytest.approx(0.6)]


def test_shifts_title_drift(fake_encoder):
    sts = _series([0.0, 0.1, 0.2]) + [
        _st(1, -0.5, "The broken years", type_="chapter_title"),
        _st(3, 0.5, "Starting over", type_="chapter_title"),
    ]
    shift = [s for s in compute_shifts(sts, encoder=fake_encoder) if s.kind == "title_drift"][0]
    assert shift.delta == pytest.approx(1.0)
    assert 0.0 < shift.detail["drift"] <= 2.0
    assert "'The broken years' (s1) -> 'Starting over' (s3)" in shift.detail["summary"]
    pts = session_series(sts, encoder=fake_encoder)
    drift = [p for p in pts if p.series == "chapter_title_drift"]
    assert drift[0].value == 0.0 and drift[1].value > 0.0


def test_shifts_single_session_gives_no_shifts():
    assert compute_shifts(_series([0.3])) == []


def test_shifts_before_after_pool_the_window_statements():
    # Baseline s1 = one stray remark (-1.0), s2 = three statements at 0.0; now s3, s4 = 0.5 each.
    # Pooled baseline = (-1 + 0 + 0 + 0) / 4 = -0.25 (a mean of session means would say -0.5).
    sts = [_st(1, -1.0, "a"), *(_st(2, 0.0, f"b{i}") for i in range(3)), _st(3, 0.5, "c"), _st(4, 0.5, "d")]
    (shift,) = _get(compute_shifts(sts), "baseline_vs_now", "self_regard")
    assert (shift.before, shift.after) == (pytest.approx(-0.25), pytest.approx(0.5))
    assert shift.delta == pytest.approx(0.75)


def test_shifts_change_point_gate_uses_the_reported_pooled_delta():
    # s3 holds five clinician notes at +0.28 (weight 0.4 each), s4 one quoted remark at 0: by
    # statement count the split moves +0.23, pooled by voice weight only +0.19 (< min_change 0.2)
    sts = [_st(1, 0.0, "a"), _st(2, 0.0, "b"), _st(4, 0.0, "c")]
    sts += [_st(3, 0.28, f"c{i}", voice="clinician") for i in range(5)]
    cps = _get(compute_shifts(sts, config=load_config()), "change_point")
    assert cps == []


def test_shifts_change_point_delta_matches_its_gate():
    sts = [_st(1, -0.5, "a"), _st(2, -0.4, "b"), _st(3, 0.4, "c"), _st(4, 0.5, "d")]
    sts += [_st(3, 0.6, "e", voice="clinician")]
    (cp,) = _get(compute_shifts(sts, config=load_config()), "change_point")
    assert cp.delta >= 0.2 and cp.detail["meaningful"]


def test_effect_size_is_delta_over_the_pooled_within_side_sd():
    # before 0.0, 0.2 and after 0.6, 0.8: each side's squares sum to 0.02, 2 degrees of freedom
    assert effect_size(0.6, [0.0, 0.2], [0.6, 0.8]) == pytest.approx(0.6 / math.sqrt(0.04 / 2))
    # one side with a single session adds no degrees of freedom; both single: nothing to judge by
    assert effect_size(0.5, [0.0], [0.4, 0.6]) == pytest.approx(0.5 / math.sqrt(0.02))
    assert effect_size(0.6, [0.0], [0.6]) is None
    # identical values: the spread is floored, so the size stays finite
    assert effect_size(-0.6, [0.1, 0.1], [-0.5, -0.5]) == pytest.approx(-0.6 / SD_FLOOR)


def test_shifts_carry_their_effect_size():
    values = [-0.5, -0.4, -0.5, 0.3, 0.4, 0.3]
    shifts = compute_shifts([_st(s, v, f"t{s}") for s, v in enumerate(values, 1)], config=load_config())
    cp = next(sh for sh in shifts if sh.kind == "change_point" and sh.series == "narrative_score")
    before, after = values[:3], values[3:]
    assert cp.detail["effect_size"] == pytest.approx(effect_size(cp.delta, before, after), abs=1e-5)
