"""Causative "have": another person has the client do something or has something done to them."""

from __future__ import annotations

import pytest


def _agency(extract, text):
    return {s.text: s for s in extract(text) if s.type == "agency"}


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Pt: "My father had me admitted when I was nineteen."',
            "My father had me admitted when I was nineteen",
        ),
        (
            'Cl: "My therapist had me do chapter 3 of the workbook."',
            "My therapist had me do chapter 3 of the workbook",
        ),
    ],
)
def test_causative_have_on_the_client_is_external(extract, note, span):
    found = _agency(extract, note)[span]
    assert (found.polarity, found.attrs.get("agency_kind")) == ("non_agentic", "external")


@pytest.mark.parametrize(
    "note",
    ['Cl: "My sister had me over for dinner on Sunday."', 'Pt: "My mum had me at nineteen."'],
)
def test_have_without_a_verb_after_me_is_not_control(extract, note):
    assert not [s for s in _agency(extract, note).values() if s.attrs.get("agency_kind") == "external"]
