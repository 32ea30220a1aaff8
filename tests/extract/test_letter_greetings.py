"""A letter to the client opened by any common greeting ("Hey", "Hiya", "Dearest", the Māori "Kia ora"
and "Tēnā koe"): "you" in it is the client, so what the letter reports of the client is found."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span", "type_"),
    [
        (
            "Kia ora Mere,\nThank you for the work we did together. You told me you are a survivor now, not the "
            'girl who hides. You named this chapter "Opening the Window".\nNgā mihi, Anna',
            "Opening the Window",
            "chapter_title",
        ),
        (
            "Tēnā koe Aroha,\nWhen we met you said you were nobody. Now you describe yourself as someone who "
            "keeps going.\nNāku noa, Hemi",
            "Now you describe yourself as someone who keeps going",
            "self_description",
        ),
        (
            "Dearest Sam,\nYou called yourself a coward at our first meeting.\nWarmly, Dr K",
            "You called yourself a coward at our first meeting",
            "self_description",
        ),
        (
            "Hey Jordan,\nYou said you're a screw-up who never finishes anything.\nTake care, Lee",
            "you're a screw-up who never finishes anything",
            "self_description",
        ),
    ],
)
def test_a_letter_to_the_client_under_any_greeting(extract, note, span, type_):
    found = {s.text: s for s in extract(note) if s.type == type_}
    assert span in found


def test_a_greeting_to_a_titled_person_is_another_readers_letter(extract):
    note = "Hey Dr Patel,\nYou described yourself as burnt out at the conference.\nBest, Sam"
    assert not [s for s in extract(note) if s.type == "self_description"]
