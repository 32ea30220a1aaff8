"""Field parsers and the row validator: every row becomes a record or a Reject with a reason."""

from __future__ import annotations

import datetime as dt

import pytest

from narrative.ingest import IngestOptions
from narrative.ingest.validate import (
    Problem,
    RawRow,
    RowValidator,
    _Bad,
    describe_cell,
    parse_bool,
    parse_date,
    parse_number,
    parse_session,
    stable_note_id,
)
from narrative.types import Consent, ContextEvent, Goal, Measure, Note

D = dt.date


@pytest.mark.parametrize(
    ("text", "dayfirst", "expected"),
    [
        ("2024-03-05", False, D(2024, 3, 5)),
        ("2024-03-05T14:30:00Z", False, D(2024, 3, 5)),
        ("2024-03-05 14:30", False, D(2024, 3, 5)),
        ("3/5/2024", False, D(2024, 3, 5)),
        ("3/5/2024", True, D(2024, 5, 3)),
        ("05.03.2024", True, D(2024, 3, 5)),
        ("5 Mar 2024", False, D(2024, 3, 5)),
        ("March 5, 2024", False, D(2024, 3, 5)),
        ("5-Mar-24", False, D(2024, 3, 5)),
        ("20240305", False, D(2024, 3, 5)),
        ("45356", False, D(2024, 3, 5)),
        (D(2024, 3, 5), False, D(2024, 3, 5)),
        (dt.datetime(2024, 3, 5, 9, 0), False, D(2024, 3, 5)),
        ("", False, None),
        (None, False, None),
    ],
)
def test_validate_parse_date_accepts(text, dayfirst, expected):
    assert parse_date(text, dayfirst=dayfirst) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("March 2024", "bad_date"),
        ("5", "bad_date"),
        ("yesterday", "bad_date"),
        ("2024-13-45", "bad_date"),
        ("1850-01-01", "implausible_date"),
        ("3024-01-01", "implausible_date"),
    ],
)
def test_validate_parse_date_rejects(text, code):
    with pytest.raises(_Bad) as info:
        parse_date(text)
    assert info.value.code == code


@pytest.mark.parametrize(
    ("value", "expected"),
    [("3", 3), ("3.0", 3), ("Session 3", 3), ("#4", 4), ("session no. 12", 12), (5, 5), (5.0, 5), ("", None)],
)
def test_validate_parse_session_accepts(value, expected):
    assert parse_session(value) == expected


@pytest.mark.parametrize("value", ["0", "-1", "2.5", "abc", "3a", True, 0, -2, 1.5])
def test_validate_parse_session_rejects(value):
    with pytest.raises(_Bad) as info:
        parse_session(value)
    assert info.value.code == "bad_session"


@pytest.mark.parametrize("value", ["10000", 10_000, 10_000.0, "Session 10000", "0010000"])
def test_validate_parse_session_accepts_the_maximum(value):
    assert parse_session(value) == 10_000


@pytest.mark.parametrize(
    "value",
    ["10001", "99999999999999999999999", "1" * 5000, 2_000_000_000, 1e30, "Session 123456", "2000000000.0"],
)
def test_validate_parse_session_rejects_above_maximum(value):
    with pytest.raises(_Bad) as info:
        parse_session(value)
    assert (info.value.code, info.value.fields) == ("session_too_large", {"limit": 10_000})


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("three", "'three'"),
        ("2025-13-01", "'2025-13-01'"),
        ("3.0", "'3.0'"),
        (1e30, "'1e+30'"),
        ("x" * 20, repr("x" * 20)),
        ("x" * 21, "<text, 21 characters>"),
        ("that her husband John Smith", "<text, 27 characters>"),
        ("I\tam", "<text, 4 characters>"),
        ("a\x00b", "<text, 3 characters>"),
        ("", "<empty>"),
        (None, "<empty>"),
        (["client_id", "free text here"], "['client_id', <text, 14 characters>]"),
    ],
)
def test_validate_describe_cell_echoes_only_code_like_values(value, expected):
    assert describe_cell(value) == expected


@pytest.mark.parametrize(
    ("values", "field"),
    [
        ({"session": "that her husband John Smith"}, "session"),
        ({"date": "had left her, Jane Doe"}, "date"),
        ({"client_id": "Smith/John went home"}, "client_id"),
    ],
)
def test_validate_note_rejects_never_echo_free_text_in_other_columns(values, field):
    out = _note(**values)
    assert isinstance(out, Problem) and out.reject.column == field.title()
    assert out.reject.value.startswith("<text, ")
    assert not {"Smith", "Jane", "husband"} & set((out.reject.value + out.reject.reason).split())


def test_validate_measure_value_that_is_prose_is_described_not_echoed():
    out = _measure("phq9", "total", "I am John")
    assert (out.code, out.reject.value) == ("bad_number", "<text, 9 characters>")
    assert "John" not in out.reject.reason


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2", 2.0), ("2,5", 2.5), ("\u22122", -2.0), ("+1", 1.0), (" 38.5 ", 38.5), (7, 7.0), ("", None)],
)
def test_validate_parse_number_accepts(value, expected):
    assert parse_number(value, field="value", what="x") == expected


@pytest.mark.parametrize("value", ["nan", "inf", "seven", "1.2.3", True, float("inf")])
def test_validate_parse_number_rejects(value):
    with pytest.raises(_Bad):
        parse_number(value, field="value", what="x")


@pytest.mark.parametrize(
    ("value", "expected"),
    [("yes", True), ("Y", True), ("TRUE", True), ("1", True), ("no", False), ("false", False)],
)
def test_validate_parse_bool(value, expected):
    assert parse_bool(value, field="opted_out") is expected


def _measure(instrument: str, item: str, value: str, **options) -> Measure | Problem:
    row = RawRow(
        "m.csv",
        2,
        "measure",
        {
            "client_id": "C1",
            "session": "1",
            "date": "",
            "instrument": instrument,
            "item": item,
            "value": value,
        },
        {"value": "value", "item": "item"},
    )
    return RowValidator(IngestOptions(**options))(row)


@pytest.mark.parametrize(
    ("instrument", "item", "value"),
    [
        ("phq9", "total", "27"),
        ("PHQ-9", "", "0"),
        ("phq9", "9", "3"),
        ("gad7", "7", "0"),
        ("GAD-7", "total", "21"),
        ("srs", "1", "9.7"),
        ("srs", "total", "40"),
        ("ors", "total", "23.4"),
        ("wai_sr", "12", "5"),
        ("WAI-SR", "1", "1"),
        ("alliance", "total", "10"),
        ("Alliance Rating", "", "1"),
        ("gas", "G1", "-2"),
        ("gas", "G1", "+2"),
        ("gas", "total", "50"),
        ("k10", "total", "31"),
    ],
)
def test_validate_measure_in_range_is_accepted(instrument, item, value):
    assert isinstance(_measure(instrument, item, value), Measure)


@pytest.mark.parametrize(
    ("instrument", "item", "value", "code"),
    [
        ("phq9", "total", "28", "out_of_range"),
        ("phq9", "3", "4", "out_of_range"),
        ("phq9", "3", "1.5", "not_integer"),
        ("phq9", "10", "1", "bad_item"),
        ("gad7", "total", "22", "out_of_range"),
        ("gad7", "2", "-1", "out_of_range"),
        ("srs", "1", "11", "out_of_range"),
        ("srs", "5", "3", "bad_item"),
        ("srs", "total", "41", "out_of_range"),
        ("ors", "total", "40.5", "out_of_range"),
        ("wai_sr", "1", "6", "out_of_range"),
        ("wai_sr", "13", "3", "bad_item"),
        ("wai_sr", "4", "0", "out_of_range"),
        ("alliance", "total", "0", "out_of_range"),
        ("alliance", "total", "11", "out_of_range"),
        ("alliance", "2", "5", "bad_item"),
        ("gas", "G1", "3", "out_of_range"),
        ("gas", "G1", "-3", "out_of_range"),
        ("gas", "G1", "0.5", "not_integer"),
        ("gas", "total", "3", "out_of_range"),
        ("phq9", "total", "", "missing_value"),
        ("phq9", "total", "high", "bad_number"),
        ("", "total", "3", "missing_instrument"),
        ("???", "total", "3", "bad_instrument"),
    ],
)
def test_validate_measure_out_of_range_is_rejected(instrument, item, value, code):
    out = _measure(instrument, item, value)
    assert isinstance(out, Problem)
    assert out.code == code
    assert out.reject.kind == "measure"


def test_validate_gas_minus3_accepted_only_when_configured():
    assert isinstance(_measure("gas", "G1", "-3", gas_min_level=-3), Measure)
    assert isinstance(_measure("gas", "G1", "-4", gas_min_level=-3), Problem)


def test_validate_measure_names_instrument_and_item():
    out = _measure("PHQ-9", "item 3", "2")
    assert (out.instrument, out.item, out.value) == ("phq9", "3", 2.0)


def _note(**values) -> Note | Problem:
    base = {"client_id": "C1", "session": "1", "date": "2024-01-02", "note": "Felt stuck."}
    base.update(values)
    return RowValidator(IngestOptions())(RawRow("n.csv", 5, "note", base, {k: k.title() for k in base}))


@pytest.mark.parametrize(
    ("values", "code", "column"),
    [
        ({"client_id": ""}, "missing_client_id", "Client_Id"),
        ({"client_id": "../etc/passwd"}, "bad_client_id", "Client_Id"),
        ({"client_id": "C1\x00"}, "bad_client_id", "Client_Id"),
        ({"client_id": "x" * 129}, "bad_client_id", "Client_Id"),
        ({"date": "31/31/2024"}, "bad_date", "Date"),
        ({"session": "zero"}, "bad_session", "Session"),
        ({"session": "0"}, "bad_session", "Session"),
        ({"session": "", "date": ""}, "no_session_or_date", "Session"),
        ({"note": "   \n "}, "empty_note", "Note"),
        ({"note": {"nested": 1}}, "nested_value", "Note"),
    ],
)
def test_validate_note_rejects(values, code, column):
    out = _note(**values)
    assert isinstance(out, Problem)
    assert (out.code, out.reject.column, out.reject.row, out.reject.source) == (code, column, 5, "n.csv")


def test_validate_note_too_long_is_rejected_without_text():
    row = RawRow("n.csv", 2, "note", {"client_id": "C1", "session": 1, "note": "secret words " * 10})
    out = RowValidator(IngestOptions(max_note_chars=20))(row)
    assert out.code == "note_too_long"
    assert "secret" not in out.reject.value + out.reject.reason


def test_validate_empty_note_value_never_echoes_text():
    out = _note(note="")
    assert out.reject.value == "<0 characters>"


def test_validate_note_id_prefers_source_id():
    assert _note(note_id="abc-1").note_id == "abc-1"


def test_validate_stable_note_id_is_stable_and_text_sensitive():
    a = stable_note_id("C1", 1, None, "Progress Note", "Felt  stuck.\r\n")
    assert a == stable_note_id("C1", 1, None, "Progress Note", "Felt stuck.")
    assert a != stable_note_id("C1", 1, None, "Progress Note", "Felt free.")
    assert a != stable_note_id("C1", 2, None, "Progress Note", "Felt stuck.")


def test_validate_note_normalises_line_endings():
    assert _note(note="a\r\nb\rc").text == "a\nb\nc"


@pytest.mark.parametrize(
    ("kind", "values", "expected"),
    [
        ("goal", {"client_id": "C1", "goal_id": "G1", "level_0": "Up by 8", "importance": "3"}, Goal),
        ("event", {"client_id": "C1", "kind": "New job", "date": "2024-02-01"}, ContextEvent),
        ("consent", {"client_id": "C1", "opted_out": "yes"}, Consent),
    ],
)
def test_validate_other_kinds_accepted(kind, values, expected):
    out = RowValidator(IngestOptions())(RawRow("x.csv", 2, kind, values))
    assert isinstance(out, expected)


@pytest.mark.parametrize(
    ("kind", "values", "code"),
    [
        ("goal", {"client_id": "C1", "goal_id": ""}, "missing_goal_id"),
        ("goal", {"client_id": "C1", "goal_id": "G1", "importance": "5"}, "out_of_range"),
        ("event", {"client_id": "C1", "kind": "", "date": "2024-02-01"}, "missing_kind"),
        ("event", {"client_id": "C1", "kind": "new_job"}, "no_session_or_date"),
        ("consent", {"client_id": "C1", "opted_out": "maybe"}, "bad_bool"),
    ],
)
def test_validate_other_kinds_rejected(kind, values, code):
    out = RowValidator(IngestOptions())(RawRow("x.csv", 2, kind, values))
    assert isinstance(out, Problem) and out.code == code and out.reject.kind == kind


def test_validate_event_kind_is_slugged():
    out = RowValidator(IngestOptions())(
        RawRow("x.csv", 2, "event", {"client_id": "C1", "kind": "Medication Change", "session": "3"})
    )
    assert out.kind == "medication_change"
