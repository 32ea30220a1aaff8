"""Agency and chapter-title rules of extract-rules5: general forms of clinical and narrative
language that the earlier rules missed (each case fails on the rules before it)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span", "voice"),
    [
        (
            "Client said she told her manager she would not cover any more weekend shifts.",
            "she told her manager she would not cover any more weekend shifts",
            "reported",
        ),
        (
            "She told her mother last week that she would not be coming for Diwali.",
            "She told her mother last week that she would not be coming for Diwali",
            "clinician",
        ),
        (
            'Says she is "done being a doormat" and told her boss she won\'t work weekends.',
            "told her boss she won't work weekends",
            "clinician",
        ),
        (
            "The first thing she said was that she had finally told her mother she would not be coming home "
            "for Easter, and I was aware of a kind of pride in me.",
            "she had finally told her mother she would not be coming home for Easter",
            None,
        ),
    ],
)
def test_agency_telling_someone_in_the_clients_life_is_volition(extract, note, span, voice):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("agentic", "volition")
    assert voice is None or found[span].voice == voice


@pytest.mark.parametrize(
    "note",
    [
        "Her GP told her she would need a referral.",  # someone else tells the client
        "If she were braver, she says, she would tell her mother she is moving out.",  # hypothetical
        "Plan: she will tell her sister she needs help with the kids.",  # a plan, not a thing done
        "He said he hasn't told his wife he lost the job.",  # not done
        "Mrs P. told Li Wei she is “allowed to be ordinary now.”",  # what she is: a self-view
    ],
)
def test_agency_telling_someone_hard_negatives(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and "ag.told_someone" in s.evidence]
