from __future__ import annotations

import pytest

from narrative.config import load_config
from narrative.score.shifts import compute_shifts, session_series
from narrative.types import ScoredStatement


def _st(session: int, value: float, *, type_: str, voice: str = "quoted", text: str = "") -> ScoredStatement:
    return ScoredStatement(
        statement_id=f"C-1-{session}-{type_}-{value}-{text}",
        note_id=f"n{session}",
        client_id="C-1",
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
        text=text or f"{type_} {session}",
    )


@pytest.mark.parametrize(
    ("statements", "expected"),
    [
        ([("self_description", -0.5), ("indicator", 0.9)], -0.5),
        ([("agency", 0.2), ("indicator", -0.9), ("indicator", -0.9)], 0.2),
        ([("self_description", -0.4), ("agency", 0.4)], 0.0),
    ],
)
def test_series_type_weights_indicators_left_out_by_default(statements, expected):
    sts = [_st(1, v, type_=t, text=str(i)) for i, (t, v) in enumerate(statements)]
    pts = [p for p in session_series(sts) if p.series == "narrative_score"]
    assert pts[0].value == pytest.approx(expected, abs=1e-6)
    assert pts[0].n == sum(1 for t, _ in statements if t != "indicator")


def test_series_type_weights_session_with_only_indicators_has_no_point():
    sts = [_st(1, 0.5, type_="self_description"), _st(2, 0.9, type_="indicator")]
    assert sorted({p.session for p in session_series(sts) if p.series == "narrative_score"}) == [1]


def test_series_type_weights_from_config_count_indicators():
    cfg = load_config(
        score={
            "type_weights": {"indicator": 1.0},
            "series_types": {"narrative_score": ["self_description", "indicator"]},
        }
    )
    sts = [_st(1, -0.5, type_="self_description"), _st(1, 0.9, type_="indicator", voice="quoted")]
    pts = [p for p in session_series(sts, config=cfg) if p.series == "narrative_score"]
    assert pts[0].value == pytest.approx(0.2, abs=1e-6)


def test_series_type_weights_shift_quotes_never_come_from_indicators():
    sts = [
        _st(1, -0.6, type_="self_description", text="I am broken"),
        _st(1, -0.99, type_="indicator", voice="clinician", text="Mood: setback."),
        _st(2, 0.6, type_="self_description", text="I have been through hard things"),
        _st(2, 0.99, type_="indicator", voice="clinician", text="Mood: progress."),
    ]
    shift = next(s for s in compute_shifts(sts) if s.kind == "baseline_vs_now" and s.series == "self_regard")
    assert (shift.quote_before, shift.quote_after) == ("I am broken", "I have been through hard things")
    assert shift.delta == pytest.approx(1.2, abs=1e-6)


def test_series_types_self_regard_reads_self_descriptions_only():
    sts = [
        _st(1, -0.6, type_="self_description", text="I am broken"),
        _st(1, 0.9, type_="agency", text="I went for a walk"),
    ]
    pts = {p.series: p for p in session_series(sts)}
    assert pts["self_regard"].value == pytest.approx(-0.6, abs=1e-6)
    assert pts["agency"].value == pytest.approx(0.9, abs=1e-6)
    assert pts["narrative_score"].value == pytest.approx(0.15, abs=1e-6)


@pytest.mark.parametrize("bad", [{"mood": ["agency"]}, {"agency": ["chapter"]}])
def test_series_types_invalid_config_rejected(bad):
    from narrative.errors import ConfigError

    with pytest.raises(ConfigError, match="series_types"):
        session_series([_st(1, 0.1, type_="agency")], config=load_config(score={"series_types": bad}))
