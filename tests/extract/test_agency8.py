"""Agency rules of branch agency8: general forms of care-record language the earlier rules missed
(each case fails on the rules before it; guards pin the forms kept out)."""

from __future__ import annotations

import pytest


def _agency(extract, note: str) -> set[str]:
    return {s.text for s in extract(note) if s.type == "agency"}


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Declan M. – session 14.\nDeclan rang Monday to cancel. Declan completed the detox at home.",
            "Declan completed the detox at home",
        ),
        (
            "SA Group s6 – Linh N.\nLinh did not do the café homework.",
            "Linh did not do the café homework",
        ),
        (
            "Phone f/u – Linh N. – 12 min.\nLinh started a job at a pharmacy in Westmead in February.",
            "Linh started a job at a pharmacy in Westmead in February",
        ),
        (
            "Ward review.\nChloe (17) completed breakfast within the allocated time.",
            "Chloe (17) completed breakfast within the allocated time",
        ),
    ],
)
def test_agency8_name_introduced_with_an_initial_or_an_age_is_the_client(extract, note, span):
    assert span in _agency(extract, note)


@pytest.mark.parametrize(
    "note",
    [
        # a name with an initial after a role word, or the name of a relative given an age
        "Session 3. Counsellor: Anna K.\nAnna rang the GP about the referral.",
        "Review.\nHer son Jack (8) started at a new school in March.",
        # another person's name, never introduced as the client
        "Declan M. – session 14.\nSiobhán started a new job in Galway.",
    ],
)
def test_agency8_other_named_people_are_not_the_client(extract, note):
    assert not _agency(extract, note)


def test_agency8_someone_elses_view_of_a_named_client_is_not_a_self_description(extract):
    note = "Family session – Priya N.\nSunita said Priya “was always the easy child.”"
    assert not [s for s in extract(note) if s.type == "self_description"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Safety plan made; he agreed to keep the rifles at his brother's.",
            "he agreed to keep the rifles at his brother's",
        ),
        (
            "Facilitator spoke with him after group; he agreed to see the clinic nurse.",
            "he agreed to see the clinic nurse",
        ),
    ],
)
def test_agency8_clause_before_a_semicolon_is_not_what_was_said(extract, note, span):
    assert span in _agency(extract, note)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Firearm safety counselling provided; Vet agreed to gun lock.", "Vet agreed to gun lock"),
        ("Vet completed PE protocol.", "Vet completed PE protocol"),
        (
            "Youth completed half of the chain analysis before leaving.",
            "Youth completed half of the chain analysis",
        ),
    ],
)
def test_agency8_vet_and_youth_are_client_nouns(extract, note, span):
    assert any(span in found for found in _agency(extract, note))


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Agreed to a referral to Silver Line befriending.",
            "Agreed to a referral to Silver Line befriending",
        ),
        ("Agreed to call Op COURAGE in the morning.", "Agreed to call Op COURAGE in the morning"),
        ("Agreed to a short walk to the end of the road w/ writer.", "Agreed to a short walk"),
    ],
)
def test_agency8_agreed_to_a_step_is_volition(extract, note, span):
    assert any(found.startswith(span) for found in _agency(extract, note))


@pytest.mark.parametrize(
    "note",
    [
        "Agreed to keep Thursday’s appt.",
        "Agreed to 4 sessions.",
        "Agreed to attend Thursday clinic.",
        "Agreed to notice when she says “I’m stupid” in the coming week.",
    ],
)
def test_agency8_agreed_to_the_therapys_arrangements_stays_out(extract, note):
    assert not _agency(extract, note)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Attended OT breakfast group.", "Attended OT breakfast group"),
        ("Attended OT cookery group x2.", "Attended OT cookery group x2"),
    ],
)
def test_agency8_attended_activity_read_as_a_modifier_is_an_act(extract, note, span):
    assert span in _agency(extract, note)


def test_agency8_attended_the_session_stays_out(extract):
    assert not _agency(extract, "Attended session on time.")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("“They took my work from me.”", "They took my work from me"),
        ("“They sent me away.”", "They sent me away"),
        ("“Something dirty was done to me.”", "Something dirty was done to me"),
    ],
)
def test_agency8_sent_away_or_taken_from_is_external(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert span in found
    assert found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    "note",
    ["“They took me out for my birthday.”", "“She sent me a text.”", "“She did it to me again.”"],
)
def test_agency8_kindness_or_messages_are_not_external_control(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and s.polarity == "non_agentic"]


def test_agency8_fragments_after_a_semicolon_are_spans_of_their_own(extract):
    note = "Cl accepted naloxone kit + training refresher; returned 40 used needles to sharps bin himself."
    found = _agency(extract, note)
    assert "Cl accepted naloxone kit + training refresher" in found
    assert not any(";" in text for text in found)


def test_agency8_semicolon_fragments_are_not_joined_as_shared_subject(extract):
    found = _agency(extract, "Resumed lectures at UNILAG; submitted two assignments.")
    assert {"Resumed lectures at UNILAG", "submitted two assignments"} <= found


def test_agency8_shared_subject_and_is_still_one_span(extract):
    assert "She walked the dog and called her sister" in _agency(
        extract, "She walked the dog and called her sister."
    )


def test_agency8_going_backwards_is_not_an_act(extract):
    assert not _agency(extract, "“I’m going backwards, I’m pathetic.”")


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("Mrs Irene Babineau, 88, widowed, lives alone in sheltered housing.", None),
        ("Attended all 90 min.", None),
        ("Attended OT breakfast group for 30 min.", "Attended OT breakfast group for 30 min"),
    ],
)
def test_agency8_demographic_status_and_session_length_are_not_acts(extract, note, kept):
    found = _agency(extract, note)
    assert found == ({kept} if kept else set())
