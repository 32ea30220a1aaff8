"""Generic text corpora for `extract` / `score`: every row read is either a text row or a reject."""

from __future__ import annotations

from narrative.ingest.texts import TextRow, read_text_rows
from narrative.types import Reject


def _split(rows):
    rows = list(rows)
    return [r for r in rows if isinstance(r, TextRow)], [r for r in rows if isinstance(r, Reject)]


def test_texts_ragged_csv_rows_are_rejected_not_cut(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text('id,text\n1,I am broken, and I hate myself\n2\n3,"I am fine"\n', encoding="utf-8")
    ok, bad = _split(read_text_rows(f))
    assert [r.id for r in ok] == ["3"]
    assert [(r.row, r.value) for r in bad] == [(2, "<3 cells>"), (3, "<1 cells>")]
    assert "expected 2" in bad[0].reason and "unquoted ','" in bad[0].reason
    assert "hate" not in " ".join(r.value + r.reason for r in bad)


def test_texts_jsonl_field_types_and_reasons(tmp_path):
    f = tmp_path / "t.jsonl"
    f.write_text(
        '{"id": 1, "text": "I am ok."}\n'
        '["5", "I am an array"]\n'
        '{"id":"6","text":"I am cut off"\n'
        '{"id": "8", "text": ["I am", "a list"]}\n'
        '{"id": true, "text": "I am a bool id"}\n'
        '{"id": {"a": 1}, "text": "I am a dict id"}\n',
        encoding="utf-8",
    )
    ok, bad = _split(read_text_rows(f))
    assert [r.id for r in ok] == ["1"]
    reasons = {r.row: r.reason for r in bad}
    assert "JSON array; expected a JSON object" in reasons[2]
    assert "column 32" in reasons[3] and "expected one JSON object per line" in reasons[3]
    assert reasons[4] == "text is a JSON array; expected a string"
    assert reasons[5].startswith("id is a JSON boolean") and reasons[6].startswith("id is a JSON object")
    assert not any("I am" in r.value for r in bad)


def test_texts_unpaired_surrogate_and_bad_bytes_reject_only_their_row(tmp_path):
    f = tmp_path / "t.jsonl"
    f.write_text(
        '{"id": "a", "text": "I am \\ud800 here"}\n{"id": "b", "text": "I am fine"}\n', encoding="utf-8"
    )
    ok, bad = _split(read_text_rows(f))
    assert [r.id for r in ok] == ["b"]
    assert "unpaired UTF-16 surrogate U+D800" in bad[0].reason and bad[0].value == "<11 characters>"


def test_texts_mixed_encodings_are_decoded_per_line(tmp_path):
    f = tmp_path / "t.csv"
    f.write_bytes("id,text\n1,I’m a failure\n".encode() + "2,I am café ok\n".encode("cp1252"))
    ok, bad = _split(read_text_rows(f))
    assert [r.text for r in ok] == ["I’m a failure", "I am café ok"] and bad == []


def test_texts_header_that_is_a_note_is_not_echoed(tmp_path):
    import pytest

    from narrative.errors import InputError

    f = tmp_path / "t.csv"
    f.write_text("1,My partner hit me again last night and I told nobody\n", encoding="utf-8")
    with pytest.raises(InputError) as exc:
        list(read_text_rows(f))
    assert "partner" not in str(exc.value) and "<text, 52 characters>" in str(exc.value)
