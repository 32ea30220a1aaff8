"""analyze_caseload end to end: exclusion, bands, strata, reference, edge cases, the demo caseload."""

from __future__ import annotations

import pytest

from narrative.trajectory import analyze_caseload, flag_counts
from narrative.types import Measure

from .conftest import make_client, notes_for, series_measures
from .demo_loader import demo_available, load_demo


def _phq_client(cid, values, **strata):
    n = len(values)
    return make_client(
        cid,
        measures=series_measures(cid, "phq9", values),
        notes=notes_for(cid, range(1, n + 1)),
        strata=strata,
    )


def test_caseload_excluded_client_never_appears():
    clients = [_phq_client(f"C{i}", [10 + i, 9 + i]) for i in range(4)] + [_phq_client("OUT", [27, 27])]
    result = analyze_caseload(clients, exclude={"OUT"})
    assert all(p.client_id != "OUT" for p in result.trajectories)
    assert all(f.client_id != "OUT" for f in result.flags)
    assert all(o["client_id"] != "OUT" for o in result.outcomes)
    band = next(b for b in result.benchmarks if b["series"] == "phq9" and b["session"] == 1)
    assert band["n_clients"] == 4 and band["p90"] < 27


@pytest.mark.parametrize("statement_type", ["agency", "self_description", "chapter_title"])
def test_caseload_rules_see_only_the_caseload_statement_types(monkeypatch, statement_type):
    import narrative.trajectory.caseload as caseload
    from narrative.trajectory import CASELOAD_STATEMENT_TYPES
    from narrative.types import Statement

    def statement(i, kind):
        attrs = {"progress": "progress"}
        return Statement(
            f"s{i}", f"n{i}", "C1", kind, "t", 0, 1, "reported", "neutral", session=i, attrs=attrs
        )

    statements = [statement(i, kind) for i in (1, 2) for kind in ("indicator", statement_type)]
    client = make_client("C1", notes=notes_for("C1", [1, 2]), statements=statements)
    seen = []
    real = caseload.client_flags
    monkeypatch.setattr(
        caseload, "client_flags", lambda view, rules: seen.append(view.data) or real(view, rules)
    )
    full = analyze_caseload([client])
    assert {st.type for data in seen for st in data.statements} == set(CASELOAD_STATEMENT_TYPES)
    assert client.statements == statements  # the caller's ClientData is left as it was
    only = make_client("C1", notes=notes_for("C1", [1, 2]), statements=statements[::2])
    assert analyze_caseload([only]) == full


def test_caseload_one_session_only():
    result = analyze_caseload([_phq_client("C1", [14])])
    assert [(p.series, p.session) for p in result.trajectories] == [("phq9", 1)]
    assert result.flags == [] and result.benchmarks == [] and result.outcomes == []
    assert result.trajectories[0].band_position == ""


def test_caseload_positions_and_strata():
    clients = [_phq_client(f"A{i}", [10 + i, 10 + i], program="A") for i in range(5)]
    clients += [_phq_client("B1", [25, 25], program="B")]
    result = analyze_caseload(
        clients, strata=("program",), config={"trajectory": {"benchmarks": {"min_clients": 3}}}
    )
    b1 = next(p for p in result.trajectories if p.client_id == "B1" and p.session == 1)
    assert b1.stratum == "program=B"
    assert b1.detail["band_pooled"] is True
    assert b1.band_position == "above" and b1.detail["on_track"] is False
    a_row = next(b for b in result.benchmarks if b["stratum"] == "program=A" and b["session"] == 1)
    assert (a_row["pooled"], a_row["n_clients"]) == (False, 5)


def test_caseload_reference_bands_replace_caseload_bands(tmp_path):
    ref = tmp_path / "ref.csv"
    ref.write_text("series,session,stratum,p10,p25,p50,p75,p90\nphq9,1,all,0,1,2,3,4\n", encoding="utf-8")
    result = analyze_caseload([_phq_client(f"C{i}", [10 + i]) for i in range(3)], reference=ref)
    assert {p.band_position for p in result.trajectories} == {"above"}
    assert {b["source"] for b in result.benchmarks} == {"reference:ref.csv", "caseload"}


def test_caseload_duplicate_client_is_an_error():
    from narrative.errors import InputError

    with pytest.raises(InputError, match="given twice"):
        analyze_caseload([_phq_client("C1", [1]), _phq_client("C1", [2])])


def test_caseload_outcomes_talking_therapies_row():
    client = make_client(
        "C1",
        measures=series_measures("C1", "phq9", [15, 12, 8]) + series_measures("C1", "gad7", [10, 8, 6]),
        notes=notes_for("C1", [1, 2, 3]),
    )
    rows = {r["measure"]: r for r in analyze_caseload([client]).outcomes}
    assert rows["talking_therapies"]["reliable_recovery"] is True
    assert rows["phq9"]["reliable"] == "improvement"


def test_caseload_jacobson_truax_for_user_scale():
    config = {
        "trajectory": {
            "flags": {
                "instruments": {
                    "bdi": {
                        "label": "BDI",
                        "direction": "lower",
                        "sd": 7.5,
                        "reliability": 0.9,
                        "m_dys": 27,
                        "sd_dys": 7.5,
                        "m_func": 7,
                        "sd_func": 5.5,
                    }
                }
            }
        }
    }
    client = make_client("C1", measures=series_measures("C1", "bdi", [30, 15]), notes=notes_for("C1", [1, 2]))
    row = next(r for r in analyze_caseload([client], config=config).outcomes if r["measure"] == "bdi")
    assert row["rci"] == pytest.approx(-(20**0.5))
    assert row["jt_category"] == "recovered"  # 15 < c = 15.46
    assert row["reliable"] == "improvement"


def test_caseload_missing_sessions_in_measures():
    measures = series_measures("C1", "phq9", [14, None, None, 13, 12]) + [
        Measure("C1", "phq9", 9, item="total")
    ]
    result = analyze_caseload([make_client("C1", measures=measures, notes=notes_for("C1", [1, 4, 5]))])
    assert [p.session for p in result.trajectories] == [1, 4, 5]
    assert [f.rule for f in result.flags] == ["data_check"]


# ---------------------------------------------------------------- demo caseload

demo = pytest.mark.skipif(not demo_available(), reason="corpora/demo/ CSVs not present")


@pytest.fixture(scope="module")
def demo_result():
    clients, opted_out = load_demo()
    return analyze_caseload(clients, exclude=opted_out, strata=("program",)), opted_out


def _rules_of(result, client_id):
    return {f.rule for f in result.flags if f.client_id == client_id}


@demo
def test_caseload_demo_opted_out_client_excluded(demo_result):
    result, opted_out = demo_result
    assert opted_out == {"D008"}
    assert not any(p.client_id == "D008" for p in result.trajectories)
    assert not any(f.client_id == "D008" for f in result.flags)


@demo
@pytest.mark.parametrize(
    ("client", "expected"),
    [
        ("D002", {"stagnation"}),  # scales flat (narrative divergence needs narrative points)
        ("D003", {"documentation_drift"}),  # s8-9 measures without note, s10-13 notes without indicators
        ("D004", {"alliance_dip"}),  # alliance/SRS dip at s9-10, no-show s11, drop-out
        ("D005", {"sudden_gain"}),  # PHQ-9 19 -> 11 at s6 -> s7
        ("D006", {"deterioration", "context_event"}),  # PHQ-9 9 -> 17; bereavement before s6
        ("D007", {"stagnation"}),  # PHQ-9 15-16 for 20 sessions
    ],
)
def test_caseload_demo_designed_situations_flagged(demo_result, client, expected):
    result, _ = demo_result
    assert expected <= _rules_of(result, client)


@demo
def test_caseload_demo_steady_improver_has_no_flags(demo_result):
    result, _ = demo_result
    assert _rules_of(result, "D001") == set()


@demo
def test_caseload_demo_specific_flags(demo_result):
    result, _ = demo_result
    dip = next(f for f in result.flags if f.client_id == "D004" and f.numbers.get("series") == "srs_total")
    assert dip.numbers["dropout"] and dip.numbers["missed_session"] and dip.session_from == 9
    docs = sorted(
        (f.numbers["kind"], f.session_from, f.session_to)
        for f in result.flags
        if f.client_id == "D003" and f.rule == "documentation_drift"
    )
    assert docs == [("measures_without_note", 8, 9), ("note_without_indicators", 10, 13)]
    assert not any(f.client_id == "D005" and f.rule == "context_event" for f in result.flags)
    assert "data_check" not in flag_counts(result.flags)  # the demo measures are clean
