"""CSV / TSV (Excel and EHR exports) and JSON Lines readers."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from narrative.errors import InputError
from narrative.ingest.tables import open_quote_at

from .conftest import run_ingest

NOTE = 'Client said "I’m a failure", then laughed.\nLater: café, naïve – “okay”.'
EXCEL_ROW = 'C1,1,2024-03-05,"Client said ""I’m a failure"", then laughed.\nLater: café, naïve – “okay”."\n'


def _csv(encoding: str, *, newline: str = "\n", bom: bool = False) -> bytes:
    text = ("client_id,session,date,note\n" + EXCEL_ROW + "C2,2,2024-03-06,Short note.\n").replace(
        "\n", newline
    )
    data = text.encode(encoding)
    return (b"\xef\xbb\xbf" if bom else b"") + data


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("utf8", _csv("utf-8")),
        ("utf8-bom", _csv("utf-8", bom=True)),
        ("cp1252", _csv("cp1252")),
        ("crlf", _csv("utf-8", newline="\r\n")),
        ("cr-only", _csv("utf-8", newline="\r")),
        ("cp1252-crlf", _csv("cp1252", newline="\r\n")),
        ("utf16", _csv("utf-16")),
    ],
)
def test_tables_csv_encodings_and_line_endings(write, name, data):
    result = run_ingest([write(f"{name}.csv", data)])
    assert result.rejects == []
    notes = result.of("Note")
    assert [n.text for n in notes] == [NOTE, "Short note."]
    assert notes[0].date == dt.date(2024, 3, 5)


def test_tables_latin1_without_cp1252_characters(write):
    path = write("l1.csv", "client_id,session,note\nC1,1,Résumé naïve façade\n".encode("latin-1"))
    assert run_ingest([path]).of("Note")[0].text == "Résumé naïve façade"


def test_tables_forced_encoding(write):
    path = write("x.csv", "client_id,session,note\nC1,1,Клиент сказал\n".encode("cp1251"))
    assert run_ingest([path], encoding="cp1251").of("Note")[0].text == "Клиент сказал"


def test_tables_detects_cyrillic_code_page(write):
    text = "client_id,session,note\n" + "".join(
        f'C1,{i},"Клиент сказал, что чувствует себя лучше"\n' for i in range(1, 30)
    )
    notes = run_ingest([write("x.csv", text.encode("cp1251"))]).of("Note")
    assert notes[0].text == "Клиент сказал, что чувствует себя лучше"


def test_tables_mixed_utf8_and_cp1252_lines(write):
    data = "client_id,session,note\nC1,1,café utf8\n".encode() + "C1,2,café cp\n".encode("cp1252")
    notes = run_ingest([write("mixed.csv", data)]).of("Note")
    assert [n.text for n in notes] == ["café utf8", "café cp"]


def test_tables_undecodable_row_is_rejected_not_fatal(write):
    data = b"client_id,session,note\nC1,1,caf\xe9 ok\nC1,2,secret \x81 words\nC1,3,fine\n"
    result = run_ingest([write("bad.csv", data)])
    assert [n.session for n in result.of("Note")] == [1, 3]
    (reject,) = result.rejects
    assert (reject.row, reject.column, reject.kind) == (3, "note", "note")
    assert "0x81" in reject.reason
    assert "secret" not in reject.value + reject.reason


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("semi.csv", "client_id;session;note\nC1;1;Felt stuck, tired.\n"),
        ("excel-sep.csv", "sep=;\nclient_id;session;note\nC1;1;Felt stuck, tired.\n"),
        ("tabs.tsv", "client_id\tsession\tnote\nC1\t1\tFelt stuck, tired.\n"),
        ("pipes.csv", "client_id|session|note\nC1|1|Felt stuck, tired.\n"),
        ("excel-unicode.txt", "client_id\tsession\tnote\nC1\t1\tFelt stuck, tired.\n"),
    ],
)
def test_tables_delimiters(write, name, text):
    encoding = "utf-16" if name.endswith(".txt") else "utf-8"
    result = run_ingest([write(name, text, encoding=encoding)])
    assert [n.text for n in result.of("Note")] == ["Felt stuck, tired."]


def test_tables_ehr_aliases(write):
    path = write(
        "ehr.csv",
        "Patient ID,Date of Service,Session #,Rendering Provider,Note Type,Progress Note\n"
        "P-17,03/05/2024,4,Dr. Ray,Progress Note,Felt lighter this week.\n",
    )
    (note,) = run_ingest([path]).of("Note")
    assert (note.client_id, note.session, note.date, note.clinician, note.section) == (
        "P-17",
        4,
        dt.date(2024, 3, 5),
        "Dr. Ray",
        "Progress Note",
    )
    assert (note.source, note.row) == (str(path), 2)


def test_tables_dayfirst_option(write):
    path = write("uk.csv", "Client ID,DOS,Note\nC1,03/05/2024,x\n")
    assert run_ingest([path], dayfirst=True).of("Note")[0].date == dt.date(2024, 5, 3)


def test_tables_wide_export_gives_notes_and_measures(write):
    path = write(
        "wide.csv",
        "Client ID,Session,DOS,Note,PHQ-9,GAD-7 Total,SRS,ORS,Alliance Rating\n"
        "C1,1,2024-01-02,Felt stuck.,14,9,36.5,20.1,8\n"
        "C1,2,2024-01-09,Better.,30,,,,\n",
    )
    result = run_ingest([path])
    assert len(result.of("Note")) == 2
    measures = {(m.session, m.instrument): m.value for m in result.of("Measure")}
    assert measures == {
        (1, "phq9"): 14,
        (1, "gad7"): 9,
        (1, "srs"): 36.5,
        (1, "ors"): 20.1,
        (1, "alliance"): 8,
    }
    (reject,) = result.rejects
    assert (reject.row, reject.column, reject.kind, reject.value) == (3, "PHQ-9", "measure", "'30'")
    assert result.counts[str(path)].kinds == {"note": 2, "measure": 5}


def test_tables_wide_measures_without_notes(write):
    path = write("scores.csv", "Client ID,Session,PHQ-9 item 1,PHQ-9 item 2,PHQ-9\nC1,1,2,3,12\n")
    measures = run_ingest([path]).of("Measure")
    assert sorted((m.item, m.value) for m in measures) == [("1", 2), ("2", 3), ("total", 12)]


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("C1,1,2024-01-02\n", "ragged_row"),
        ("C1,1,2024-01-02,note,surplus\n", "ragged_row"),
        (",1,2024-01-02,x\n", "missing_client_id"),
        ("C1,,,x\n", "no_session_or_date"),
        ("C1,one,2024-01-02,x\n", "bad_session"),
        ("C1,1,02/30/2024,x\n", "bad_date"),
        ("C1,1,2024-01-02,\n", "empty_note"),
        ("C1,1,2024-01-02,x\nC1,1,2024-01-02,x\n", "duplicate_note"),
    ],
)
def test_tables_csv_row_rejects(write, body, code):
    result = run_ingest([write("x.csv", "client_id,session,date,note\n" + body)])
    assert result.codes == [code]


def test_tables_trailing_empty_cells_and_blank_rows_are_fine(write):
    path = write("x.csv", "client_id,session,note\nC1,1,x,,\n,,\n\nC1,2,y\n")
    result = run_ingest([path])
    assert (len(result.of("Note")), result.rejects) == (2, [])


def test_tables_row_numbers_count_multiline_notes_once(write):
    path = write("x.csv", 'client_id,session,note\nC1,1,"a\nb\nc"\n,2,x\n')
    assert run_ingest([path]).rejects[0].row == 3


def test_tables_huge_note_is_streamed(write):
    big = "I am stuck. " * 900_000  # ~10.8 MB
    path = write("big.csv", f"client_id,session,note\nC1,1,{big}\nC1,2,small\n")
    result = run_ingest([path], max_note_chars=12_000_000)
    assert [len(n.text) for n in result.of("Note")] == [len(big.strip()), 5]


def test_tables_note_over_limit_is_rejected(write):
    path = write("x.csv", "client_id,session,note\nC1,1," + "x" * 5000 + "\nC1,2,ok\n")
    result = run_ingest([path], max_note_chars=1000)
    assert result.codes == ["note_too_long"]
    assert len(result.of("Note")) == 1


@pytest.mark.parametrize(
    ("header", "needle"),
    [
        ("Name,When,Text\n", "no client-id column"),
        ("", "empty or unreadable header"),
        ("Client ID,Favourite colour\n", "cannot tell what this file holds"),
    ],
)
def test_tables_whole_file_failures_raise(write, header, needle):
    with pytest.raises(InputError, match=needle):
        run_ingest([write("x.csv", header + "a,b,c\n")] if header else [write("x.csv", "")])


def test_tables_measures_goals_events_consent(write):
    paths = [
        write(
            "m.csv",
            "client_id,session,date,instrument,item,value,text\nC1,1,2024-01-02,alliance,total,9,felt heard\n",
        ),
        write(
            "g.csv",
            "Client ID,Goal ID,Goal Description,Level -2,Level 0,Level +2,Weight\nC1,G1,Sleep,Never,Sometimes,Always,2\n",
        ),
        write("e.csv", "client_id,date,session,kind,description\nC1,2024-01-05,2,new_job,Started a job\n"),
        write("c.csv", "Client ID,Opted Out,Date\nC1,Yes,2024-01-01\n"),
    ]
    result = run_ingest(paths)
    assert result.rejects == []
    (measure,) = result.of("Measure")
    assert (measure.instrument, measure.item, measure.value, measure.text) == (
        "alliance",
        "total",
        9,
        "felt heard",
    )
    (goal,) = result.of("Goal")
    assert (goal.levels, goal.importance) == ({"-2": "Never", "0": "Sometimes", "2": "Always"}, 2)
    assert result.of("ContextEvent")[0].kind == "new_job"
    assert result.of("Consent")[0].opted_out is True


# ---------------------------------------------------------------- JSON Lines


def _jsonl(*objs) -> str:
    return "".join((o if isinstance(o, str) else json.dumps(o)) + "\n" for o in objs)


def test_tables_jsonl_records_of_each_kind(write):
    path = write(
        "x.jsonl",
        _jsonl(
            {"client_id": "C1", "session": 1, "note": "Felt stuck.", "program": "Adult"},
            {"Client ID": "C1", "session": 1, "instrument": "PHQ-9", "value": 12},
            {"client_id": "C1", "goal_id": "G1", "description": "Sleep"},
            {"client_id": "C1", "date": "2024-01-05", "kind": "bereavement"},
            {"client_id": "C1", "opted_out": False},
            "",
            {"client_id": 1001, "session": "2", "note": "Numbers as ids.", "PHQ-9": 9},
        ),
    )
    result = run_ingest([path])
    assert result.rejects == []
    kinds = [type(r).__name__ for r in result.records]
    assert kinds == ["Note", "Measure", "Goal", "ContextEvent", "Consent", "Note", "Measure"]
    assert result.records[0].strata == {"program": "Adult"}
    assert result.records[5].client_id == "1001"


@pytest.mark.parametrize(
    ("line", "code"),
    [
        ('{"client_id": "C1", "session": 1, "note": "cut', "bad_json"),
        ("[" * 5000 + "]" * 5000, "too_deep"),
        ('{"a": ' * 100 + "1" + "}" * 100, "too_deep"),
        ("[1, 2]", "not_object"),
        ('{"session": 1, "note": "no client"}', "missing_client_id"),
        ('{"client_id": "C1", "colour": "blue"}', "unknown_record"),
        ('{"client_id": "C1", "session": 1, "note": {"x": 1}}', "nested_value"),
    ],
)
def test_tables_jsonl_bad_line_is_rejected_with_line_number(write, line, code):
    path = write("x.jsonl", _jsonl({"client_id": "C1", "session": 1, "note": "ok"}, line))
    result = run_ingest([path])
    assert result.codes == [code]
    assert result.rejects[0].row == 2
    assert len(result.of("Note")) == 1


def test_tables_jsonl_undecodable_line(write):
    data = b'{"client_id": "C1", "session": 1, "note": "ok"}\n{"client_id": "C1", "session": 2, "note": "x\x81"}\n'
    result = run_ingest([write("x.jsonl", data)])
    assert result.codes == ["undecodable"]


def test_tables_jsonl_fhir_resources(write):
    path = write(
        "DocumentReference.ndjson",
        _jsonl(
            {
                "resourceType": "DocumentReference",
                "id": "d1",
                "subject": {"reference": "Patient/P1"},
                "date": "2024-01-02T10:00:00Z",
                "content": [{"attachment": {"contentType": "text/plain", "data": "RmVsdCBzdHVjay4="}}],
            }
        ),
    )
    (note,) = run_ingest([path]).of("Note")
    assert (note.note_id, note.client_id, note.text) == ("d1", "P1", "Felt stuck.")


# ---------------------------------------------------------------- hostile tables and lines

HEADER = "client_id,session,date,note\n"


def test_tables_unquoted_line_break_never_echoes_note_text(write):
    body = (
        "A1,1,2025-01-07,Client said she felt hopeless\n"
        "and alone, that her husband John Smith, had left her, on 3/4/2025\n"
        "A1,2,2025-01-14,She said she is a failure\n"
    )
    result = run_ingest([write("x.csv", HEADER + body)])
    (reject,) = result.rejects
    assert (reject.row, reject.column, reject.value) == (3, "session", "<text, 27 characters>")
    assert "John" not in reject.reason and "husband" not in reject.reason


@pytest.mark.parametrize(
    ("session", "shown"),
    [("2000000000", "'2000000000'"), ("99999999999999999999999", "<text, 23 characters>")],
)
def test_tables_session_above_maximum_is_rejected(write, session, shown):
    body = f'A1,1,2025-01-07,"I am broken."\nA1,{session},2025-01-14,"I am fine now."\n'
    result = run_ingest([write("x.csv", HEADER + body)])
    assert result.codes == ["session_too_large"]
    assert result.rejects[0].reason == (
        f"session {shown} is above the maximum 10000; expected a positive whole number up to 10000"
    )


def test_tables_unclosed_quote_rejects_its_row_and_reads_the_rest(write):
    body = (
        'U1,1,2025-01-07,"She said I am broken\n'
        "U1,2,2025-01-14,She said she is ok\n"
        "U1,3,2025-01-21,She said I am fine\n"
    )
    path = write("x.csv", HEADER + body)
    result = run_ingest([path])
    assert result.codes == ["unclosed_quote"]
    assert (result.rejects[0].row, result.rejects[0].column) == (2, "note")
    assert result.rejects[0].reason.startswith("quoted cell opened at row 2 is never closed")
    assert [(n.row, n.session, n.text) for n in result.of("Note")] == [
        (3, 2, "She said she is ok"),
        (4, 3, "She said I am fine"),
    ]
    assert result.counts[str(path)].read == 3


def test_tables_quote_running_into_the_next_rows_is_rejected(write):
    body = (
        'U1,1,2025-01-07,"a note\nover two lines"\n'
        'U1,2,2025-01-14,"She said I am broken\n'
        "U1,3,2025-01-21,She said I am fine\n"
        'U1,4,2025-01-28,"She said ""enough"""\n'
    )
    result = run_ingest([write("x.csv", HEADER + body)])
    assert result.codes == ["swallowed_rows"]
    assert result.rejects[0].row == 3 and "opened at row 3" in result.rejects[0].reason
    assert [(n.session, n.text) for n in result.of("Note")] == [
        (1, "a note\nover two lines"),
        (3, "She said I am fine"),
        (4, 'She said "enough"'),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('a,"closed"\n', None),
        ('a,"open\nmore\n', (2, 1)),
        ('a,b"c\n', None),
        ('a,"x""y\n', (2, 1)),
        ('"x""",1\nb,"z', (10, 1)),
        ('a,"x"y,"never', (7, 2)),
    ],
)
def test_tables_open_quote_at_follows_csv_rules(text, expected):
    assert open_quote_at(text, delimiter=",") == expected


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_tables_utf16_without_bom_is_detected(write, encoding):
    text = HEADER + 'A1,1,2025-01-07,"I am broken – “really”"\nA1,2,2025-01-14,ok\n'
    result = run_ingest([write("x.csv", text.encode(encoding))])
    assert [n.text for n in result.of("Note")] == ["I am broken – “really”", "ok"]


def test_tables_duplicate_goal_id_for_a_client_is_rejected(write):
    body = "M1,G1,Get up\nM1,G1,Duplicate goal id\nM2,G1,Other client\n"
    result = run_ingest([write("g.csv", "client_id,goal_id,description\n" + body)])
    assert [(g.client_id, g.goal_id) for g in result.of("Goal")] == [("M1", "G1"), ("M2", "G1")]
    assert result.codes == ["duplicate_goal"]
    assert (result.rejects[0].row, result.rejects[0].value) == (3, "'G1'")


def test_tables_jsonl_lines_with_resource_type_are_all_counted(write):
    path = write(
        "x.jsonl",
        _jsonl(
            {"client_id": "J1", "session": 1, "date": "2025-01-07", "note": "I am broken."},
            {"client_id": "J1", "session": 2, "note": "I am fine", "resourceType": "Banana"},
            {"resourceType": "Patient", "id": "p1"},
            {"resourceType": ["x"]},
            {"resourceType": None, "client_id": "J1", "session": 3, "note": "x"},
        ),
    )
    result = run_ingest([path])
    count = result.counts[str(path)]
    assert (count.read, count.accepted, count.rejected) == (5, 2, 3)
    assert count.kinds == {"note": 1, "patient": 1}
    assert [(r.row, r.value) for r in result.rejects] == [
        (2, "'Banana'"),
        (4, "<a JSON list>"),
        (5, "<no value>"),
    ]
    assert result.codes == ["fhir_unsupported"] * 3


@pytest.mark.parametrize(
    ("line", "detail"),
    [
        ('{"client_id": "C1", "note": "cut" ', "Expecting ',' delimiter at column 35, the end of the line"),
        ('{"client_id": "C1", oops}', "Expecting property name enclosed in double quotes at column 21"),
        ('{"session": ' + "9" * 5000 + "}", "Exceeds the limit (4300 digits)"),
    ],
)
def test_tables_jsonl_bad_json_names_the_column(write, line, detail):
    result = run_ingest([write("x.jsonl", _jsonl({"client_id": "C1", "session": 1, "note": "ok"}, line))])
    assert result.codes == ["bad_json"]
    assert detail in result.rejects[0].reason


def test_tables_jsonl_unpaired_surrogate_rejects_its_row(write):
    # a JSON "\ud800" escape decodes to a string spaCy cannot tokenize (and UTF-8 cannot hold)
    path = write(
        "n.jsonl",
        '{"client_id": "A", "session": 1, "note": "I am \\ud800 fine"}\n'
        '{"client_id": "B\\udfff", "session": 1, "note": "I am fine"}\n'
        '{"client_id": "C", "session": 1, "note": "I am fine"}\n',
    )
    result = run_ingest([path])
    assert [r.client_id for r in result.records] == ["C"]
    assert [(r.row, r.column, r.value) for r in result.rejects] == [
        (1, "note", "<11 characters>"),
        (2, "client_id", "<empty>"),
    ]
    assert all("unpaired UTF-16 surrogate" in r.reason for r in result.rejects)
