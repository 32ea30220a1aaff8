"""A quotation after a verb of saying in -ing form that continues an act ("kept saying", "started
saying") is the client's speech, not a saying (a proverb) being mentioned."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('She kept saying "I\'m a fool" all session.', "I'm a fool"),
        ('He started saying "I am a fighter" at the group.', "I am a fighter"),
    ],
)
def test_kept_saying_a_quotation_is_the_clients_speech(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert span in found and found[span].voice == "quoted"


@pytest.mark.parametrize(
    "note",
    [
        'Her mum kept saying "you\'re a disgrace".',
        'She has a saying: "I am what I am."',
        'The saying "I think therefore I am" came up.',
    ],
)
def test_a_saying_or_another_speaker_stays_out(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description"]
