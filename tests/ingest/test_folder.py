"""Folders of .txt / .md notes: front matter, 'Key: value' headers, file-name patterns."""

from __future__ import annotations

import datetime as dt

import pytest

from narrative.errors import InputError
from narrative.ingest.folder import split_front_matter

from .conftest import run_ingest

PATTERN = r"(?P<client_id>[A-Za-z0-9-]+)_s(?P<session>\d+)"


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (
            "---\nclient_id: C1\nsession: 3\ndate: 2024-02-01\n---\nFelt stuck.\n",
            ("C1", 3, dt.date(2024, 2, 1)),
        ),
        ("---\nClient ID: '007'\nSession No: 2\n...\nFelt stuck.\n", ("007", 2, None)),
        ("Client: C1\nDOS: 02/01/2024\n\nFelt stuck.\n", ("C1", None, dt.date(2024, 2, 1))),
        ("Client ID: C1\nSession: 4\nFelt stuck.\n", ("C1", 4, None)),
    ],
)
def test_folder_front_matter(write, content, expected):
    path = write("notes/a.md", content)
    (note,) = run_ingest([path.parent]).of("Note")
    assert (note.client_id, note.session, note.date) == expected
    assert note.text == "Felt stuck."
    assert note.source == str(path)


def test_folder_front_matter_strata_and_section(write):
    path = write(
        "notes/a.txt", "---\nclient_id: C1\nsession: 1\nprogram: Adult\nsection: Progress Note\n---\nx\n"
    )
    (note,) = run_ingest([path.parent]).of("Note")
    assert (note.strata, note.section) == ({"program": "Adult"}, "Progress Note")


def test_folder_filename_pattern(write):
    write("notes/C-1_s01.txt", "Felt stuck.")
    write("notes/C-1_s02.md", "Felt freer.")
    write("notes/.hidden_s03.txt", "skip me")
    write("notes/readme.pdf", "not a note")
    notes = run_ingest([write("notes/C-2_s1.txt", "Other client.").parent], filename_pattern=PATTERN).of(
        "Note"
    )
    assert [(n.client_id, n.session) for n in notes] == [("C-1", 1), ("C-1", 2), ("C-2", 1)]


def test_folder_pattern_sees_subfolders(write):
    path = write("notes/C7/session_03.txt", "Felt stuck.")
    pattern = r"(?P<client_id>[^/]+)/session_(?P<session>\d+)"
    (note,) = run_ingest([path.parent.parent], filename_pattern=pattern).of("Note")
    assert (note.client_id, note.session) == ("C7", 3)


def test_folder_front_matter_wins_over_pattern(write):
    path = write("notes/C1_s01.txt", "---\nsession: 5\n---\nFelt stuck.")
    (note,) = run_ingest([path.parent], filename_pattern=PATTERN).of("Note")
    assert (note.client_id, note.session) == ("C1", 5)


def test_folder_single_note_file(write):
    path = write("C3_s2.txt", "Felt stuck.")
    (note,) = run_ingest([path], filename_pattern=PATTERN).of("Note")
    assert (note.client_id, note.session) == ("C3", 2)


@pytest.mark.parametrize(
    ("content", "code"),
    [
        ("---\nclient_id: ../../etc\nsession: 1\n---\nx", "bad_client_id"),
        ("---\nclient_id: C1/../x\nsession: 1\n---\nx", "bad_client_id"),
        ("---\nclient_id: [a, b]\nsession: 1\n---\nx", "bad_front_matter"),
        ("---\nclient_id: {a: 1}\n---\nx", "bad_front_matter"),
        ("---\n- just\n- a list\n---\nx", "bad_front_matter"),
        ("---\nclient_id: 'C1\n---\nx", "bad_front_matter"),
        ("---\nclient_id: C1\nsession: 1\nno closing line\n" + "x: y\n" * 80, "bad_front_matter"),
        ("---\nclient_id: C1\nsession: ../1\n---\nx", "bad_session"),
        ("---\nclient_id: C1\nsession: 1\nnote_id: ../../x\n---\nx", "bad_note_id"),
        ("---\nclient_id: C1\nsession: 1\n---\n   \n", "empty_note"),
        ("Felt stuck but no header.", "missing_client_id"),
        (b"Client: C1\nSession: 1\n\nbad \x81 byte", "undecodable"),
    ],
)
def test_folder_bad_files_are_rejected(write, content, code):
    path = write("notes/a.txt", content)
    result = run_ingest([path.parent])
    assert result.codes == [code]
    assert result.rejects[0].source == str(path)


def test_folder_note_text_starting_with_a_colon_line_is_kept(write):
    path = write("notes/a.txt", "Client: C1\nSession: 1\nNote: arrived late.\nPlan: continue.")
    (note,) = run_ingest([path.parent]).of("Note")
    assert note.text == "Note: arrived late.\nPlan: continue."


def test_folder_counts_per_folder(write):
    write("notes/a.txt", "Client: C1\nSession: 1\n\nx")
    path = write("notes/b.txt", "nothing")
    result = run_ingest([path.parent])
    count = result.counts[str(path.parent)]
    assert (count.read, count.accepted, count.rejected, count.format) == (2, 1, 1, "folder")


@pytest.mark.parametrize(
    ("pattern", "needle"),
    [("(?P<client_id>x", "invalid filename_pattern"), (r"(?P<who>\w+)_(?P<session>\d+)", "named groups")],
)
def test_folder_bad_pattern_raises(write, pattern, needle):
    path = write("notes/a.txt", "x")
    with pytest.raises(InputError, match=needle):
        run_ingest([path.parent], filename_pattern=pattern)


def test_folder_without_notes_raises(tmp_path):
    (tmp_path / "empty").mkdir()
    with pytest.raises(InputError, match="folder without"):
        run_ingest([tmp_path / "empty"])


def test_folder_split_front_matter_keeps_plain_notes():
    assert split_front_matter("Reports: slept badly.\nMood low.") == ({}, "Reports: slept badly.\nMood low.")
