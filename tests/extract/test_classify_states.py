"""Momentary states in risk talk are not self-descriptions (guidelines: state_not_identity)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    "note",
    [
        'Pt: "I\'m not suicidal, I was on the bridge for the signal."',
        'Cl said "I\'m safe there" about the allotment.',
        'Says "I know it sounds mad. I\'m frightened."',
        'Callum: "I\'m alright. I just need everyone to leave me alone."',
    ],
)
def test_risk_states_are_not_self_descriptions(extract, note):
    assert not [s.text for s in extract(note) if s.type == "self_description"]


def test_a_progressive_copula_is_a_state(extract):
    note = 'Partner said he "is being ridiculous". Pt: "I\'m not being ridiculous, I\'m being honest. I\'m a fair person."'
    found = [s.text for s in extract(note) if s.type == "self_description"]
    assert not any("being" in text for text in found)
    assert "I'm a fair person" in found
