"""Agency rules of branch agency6: general forms of clinical note language the earlier rules
missed or over-read (each case fails on the rules before it)."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span", "polarity", "kind"),
    [
        (
            "Refused evening olanzapine; accepted PRN lorazepam at 22:00.",
            "Refused evening olanzapine",
            "agentic",
            "volition",
        ),
        ("Declined help with shaving; ate half of breakfast.", "Declined help with shaving", "agentic", "volition"),
        ("Booked driving test; nervous but pleased.", "Booked driving test", "agentic", "volition"),
        (
            "Ate lunch in the cafeteria instead of the library stairwell twice; spoke to one peer.",
            "Ate lunch in the cafeteria instead of the library stairwell twice",
            "agentic",
            "volition",
        ),
    ],
)
def test_agency_lead_fragment_with_misread_verb_is_read(extract, note, span, polarity, kind):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == (polarity, kind)


@pytest.mark.parametrize(
    "note",
    [
        "Guarded, pressured speech; denies SI.",  # MSE findings, not acts
        "Increased appetite; poor sleep.",
        "Blunted affect; no evidence of psychosis.",
        "Met Liam at the café, 45 min; he was calm.",  # the clinician's contact with the client
        "Returned call Mon; no concerns.",
    ],
)
def test_agency_lead_fragment_findings_are_not_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and "ag.lead_fragment_act" in s.evidence]
