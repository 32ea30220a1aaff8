import dataclasses
import datetime as dt

import pytest

from narrative.types import (
    ContextEvent,
    Flag,
    Goal,
    Measure,
    Note,
    Reject,
    ScoredStatement,
    Shift,
    Statement,
    TrajectoryPoint,
    table_row,
)

RECORDS = [
    Note(
        note_id="n1",
        client_id="c1",
        text="I am ok.",
        session=3,
        date=dt.date(2025, 1, 2),
        strata={"program": "A"},
    ),
    Measure(client_id="c1", instrument="phq9", value=12.0, session=1, item="total"),
    Goal(
        client_id="c1",
        goal_id="g1",
        description="Sleep",
        levels={"-2": "never", "2": "always"},
        importance=2.0,
    ),
    ContextEvent(client_id="c1", kind="new_job", date=dt.date(2025, 3, 1)),
    Reject(
        source="a.csv", row=2, column="client_id", value="<empty>", reason="missing client id", kind="note"
    ),
    Statement(
        statement_id="s1",
        note_id="n1",
        client_id="c1",
        type="agency",
        text="I chose",
        start=0,
        end=7,
        voice="quoted",
        polarity="agentic",
        evidence=("agency.volition",),
        attrs={"cues": ["chose"]},
    ),
    ScoredStatement(
        statement_id="s1",
        note_id="n1",
        client_id="c1",
        type="agency",
        voice="quoted",
        agency=0.5,
        self_regard=0.0,
        narrative_score=0.3,
        talk_type="change",
        p_change=0.6,
        p_neutral=0.3,
        p_sustain=0.1,
        features={"absolutist": 0.0},
    ),
    Shift(
        client_id="c1",
        series="agency",
        kind="baseline_vs_now",
        session_from=1,
        session_to=9,
        before=-0.2,
        after=0.4,
        delta=0.6,
        detail={"summary": "agency +0.6"},
    ),
    TrajectoryPoint(client_id="c1", session=2, series="phq9", value=11.0),
    Flag(client_id="c1", rule="deterioration", severity="high", reason="PHQ-9 rose", quotes=("a", "b")),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_types_round_trip_through_dict(record):
    assert type(record).from_dict(record.to_dict()) == record


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_types_round_trip_through_table_row(record):
    row = table_row(record.to_dict())
    assert all(not isinstance(v, (list, tuple, dict)) for v in row.values())
    assert type(record).from_dict(row) == record


def test_types_to_dict_converts_nested_values():
    scored = next(r for r in RECORDS if isinstance(r, ScoredStatement))
    st = dataclasses.replace(
        scored,
        date=dt.date(2025, 1, 2),
        evidence={"cues": ("a", ("b", dt.date(2025, 1, 3))), 1: {"x": None}},
    )
    d = st.to_dict()
    assert d["date"] == "2025-01-02"
    assert d["evidence"] == {"cues": ["a", ["b", "2025-01-03"]], "1": {"x": None}}


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_types_records_are_frozen(record):
    field = dataclasses.fields(record)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(record, field, "x")


def test_types_from_dict_reads_json_encoded_table_cells():
    row = {
        "statement_id": "s",
        "note_id": "n",
        "client_id": "c",
        "type": "agency",
        "text": "t",
        "start": 0,
        "end": 1,
        "voice": "quoted",
        "polarity": "agentic",
        "evidence": '["a", "b"]',
        "attrs": '{"k": 1}',
        "date": "2025-02-03",
        "session": float("nan"),
    }
    st = Statement.from_dict(row)
    assert st.evidence == ("a", "b") and st.attrs == {"k": 1} and st.date == dt.date(2025, 2, 3)
    assert st.session is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (float("nan"), None),
        (3.0, 3.0),
        (3, 3),
        ("3", "3"),
        (None, None),
        ([float("nan")], [float("nan")]),  # a list holding NaN is a value, not a missing cell
    ],
    ids=["nan", "float", "int", "str", "none", "list-with-nan"],
)
def test_types_from_dict_missing_cells_become_none_and_only_they(value, expected):
    point = TrajectoryPoint.from_dict({"client_id": "c", "session": 1, "series": "s", "value": value})
    if isinstance(expected, list):
        assert isinstance(point.value, list) and len(point.value) == 1 and point.value[0] != point.value[0]
    else:
        assert point.value == expected


def test_types_from_dict_reads_missing_values_of_numpy_and_pandas():
    np = pytest.importorskip("numpy")
    pd = pytest.importorskip("pandas")
    row = {"client_id": "c", "kind": "job", "session": np.float64("nan"), "date": pd.NaT}
    event = ContextEvent.from_dict(row)
    assert event.session is None and event.date is None
    event = ContextEvent.from_dict({"client_id": "c", "kind": "job", "date": dt.datetime(2025, 1, 2, 9)})
    assert event.date == dt.date(2025, 1, 2)
