"""The client's own writing pasted under a line that says where it came from: its first person is
the client's (a message from the client to the clinician, a worksheet typed by a veteran, the
client's typed answers, a chat line whose parenthesis names the client)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "MyChart message, patient to BH clinician, Tue 11:52 PM:\n"
            "hi sorry to message so late. i'm the kind of person who puts everything off till its a crisis lol.",
            "i'm the kind of person who puts everything off till its a crisis lol",
        ),
        (
            "EAP secure message (client → counsellor), Mon 07:45:\n"
            "Hi Priya, quick update. I'm someone who can set a boundary now, apparently! See you Thurs, Meg",
            "I'm someone who can set a boundary now, apparently",
        ),
        (
            "HotDoc secure message to the MHCP psychologist, forwarded to chart:\n"
            "G'day, I won't make Tues. Honestly I'm a bit of a write-off at the moment but I'm sticking with it.",
            "I'm a bit of a write-off at the moment",
        ),
        (
            "Stuck Point Log (typed by Veteran, scanned to chart):\n"
            "1. I'm weak because I can't sleep without the TV on.\n2. Civilians can't be trusted.",
            "I'm weak",
        ),
        (
            "Counselling Intake Form (student wellness), client's typed answers:\n"
            "Q: How would you describe yourself? A: Honestly I'm a perfectionist and a people pleaser.",
            "I'm a perfectionist and a people pleaser",
        ),
        (
            "Telehealth session 11.\n"
            "Chat (client, 10:44): i've become the person who asks for help instead of waiting for someone to notice",
            "i've become the person who asks for help instead of waiting for someone to notice",
        ),
    ],
)
def test_voice_client_writing_under_its_provenance_line_is_the_clients(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert span in found and found[span].voice == "quoted"


@pytest.mark.parametrize(
    "note",
    [
        "Letter to the psychiatrist from GP, copied to chart:\nI am concerned. I am a GP with 20 years in practice.",
        "Telehealth session 11.\nChat (therapist, 10:45): I'm someone who finds that hard too",
    ],
)
def test_voice_other_writers_messages_stay_theirs(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description"]


def test_voice_a_letter_to_a_psychiatrist_is_the_clinicians(extract):
    note = (
        "Letter to referring psychiatrist, Dr. Feld. Re: Ms. Renee Carter. Ms. Carter has attended 12 sessions. "
        "She continues to describe herself as “too much for people,” and her mother calls her “dramatic.”"
    )
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert any(t.startswith("She continues to describe herself as") for t in found)


def test_voice_a_client_statement_label_is_a_line_not_a_block(extract):
    # "Client statement:" labels one line (a turn); the note's later lines stay the clinician's
    note = (
        "Client statement: Mate, I'm not crazy, I'm a normal bloke who got unwell.\n"
        "Intervention: Relapse-prevention plan updated.\n"
        "Goals – progress: enrolled in TAFE cert III in hospitality, starts Feb."
    )
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert "enrolled in TAFE cert III in hospitality" in found
    assert found["enrolled in TAFE cert III in hospitality"].voice != "quoted"
