"""Agency rules of branch agency9: false agency spans (a second span inside one claim, a condition
worded like an act, the clinician's homework) removed; each positive case fails on the rules before
it, the guards pin what stays."""

from __future__ import annotations

import pytest


def _agency(extract, note: str) -> list[str]:
    return sorted(s.text for s in extract(note) if s.type == "agency")


@pytest.mark.parametrize(
    ("note", "first", "last"),
    [
        # a purpose clause in the client's words after a reported act
        (
            'She said she is moving to her aunt\'s for the summer "so I can get some space."',
            "she is moving",
            "get some space",
        ),
        # a concessive clause
        (
            'Reports he went to the gym on Friday even though he "wanted to stay in bed."',
            "he went to the gym",
            "stay in bed",
        ),
        # a concessive clause, then the act's own coordinated verb
        (
            'Reports she went to the gym on Monday even though she "wanted to stay home," and stayed for the whole class.',
            "she went to the gym",
            "the whole class",
        ),
        # a contrast the client finishes in quote marks, "but then"
        (
            'She said she opened the wine on Saturday "but then I poured it down the drain."',
            "she opened the wine",
            "down the drain",
        ),
    ],
)
def test_agency9_a_clause_depending_on_the_act_stays_in_its_span(extract, note, first, last):
    spans = _agency(extract, note)
    assert len(spans) == 1, spans
    assert spans[0].startswith(first) and last in spans[0]


@pytest.mark.parametrize(
    ("note", "count"),
    [
        # two things said, each its own claim
        ("She said she went to the shop on her own, and that she called her brother after.", 2),
        # two clauses with their own subjects and one weight: two spans (guidelines section 3)
        ('Client: "I called the helpline and I booked a GP appointment."', 2),
        # a full stop inside the quote marks ends the first claim
        ('She said she "couldn\'t face the office." She has since applied for a job at the library.', 2),
    ],
)
def test_agency9_separate_claims_stay_separate(extract, note, count):
    assert len(_agency(extract, note)) == count


def test_agency9_the_reason_of_a_self_description_is_no_agency_span(extract):
    statements = extract("Client: \"I'm useless because I can't drive anymore.\"")
    assert [s for s in statements if s.type == "self_description"]
    assert not [s for s in statements if s.type == "agency"]


def test_agency9_an_act_contrasted_with_a_self_view_stays(extract):
    note = 'Says she is "a total mess" at home but has started running with her neighbour.'
    assert _agency(extract, note)


@pytest.mark.parametrize(
    "note",
    [
        'Client: "I\'m completely worn out."',
        'Client: "Honestly I\'m burnt out."',
        'Client: "I\'m going round the bend."',
        'Client: "I\'m running on fumes this week."',
        'Client: "I\'m made of glass, apparently."',
        "She said she gets lost in her own sentences lately.",
    ],
)
def test_agency9_a_condition_worded_as_an_act_is_no_agency(extract, note):
    assert not _agency(extract, note)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('Client: "I was damaged by what he did to me."', "I was damaged by what he did to me"),
        ('Client: "I went running on the beach."', "I went running on the beach"),
        ('Client: "I was dumped by text."', "I was dumped by text"),
    ],
)
def test_agency9_acts_and_passives_near_those_forms_stay(extract, note, span):
    assert span in _agency(extract, note)


def test_agency9_a_discourse_clause_is_no_claim(extract):
    assert _agency(extract, 'Client: "I\'m not gonna lie, I skipped the gym."') == ["I skipped the gym"]


def test_agency9_the_clinician_assigning_homework_is_no_agency(extract):
    assert not _agency(extract, "Progress note.\n- Assigned a thought record for the week.")
    assert _agency(extract, "Progress note.\n- Completed a thought record for the week.")


@pytest.mark.parametrize(
    "note",
    [
        "Indicators:\n- Relationships (setback): separated from partner in week 4.",
        "Indicators:\n- Goals (no change): Driving lessons still on hold.",
    ],
)
def test_agency9_a_status_in_an_indicator_line_is_no_act(extract, note):
    assert not _agency(extract, note)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "She said she was separated from her brother at the border.",
            "she was separated from her brother at the border",
        ),
        ("She isolated herself in her room all weekend.", "She isolated herself in her room all weekend"),
    ],
)
def test_agency9_a_status_word_as_a_passive_or_an_act_stays(extract, note, span):
    assert span in _agency(extract, note)


def test_agency9_a_worksheet_prompt_is_no_claim(extract):
    from narrative.extract.voice import author_is_client

    note = (
        "Values worksheet, filled in by client:\n1. What matters to me: my kids, footy.\n"
        "2. What I did this week: took the boys fishing Sat.\n4. Who I want to be: a dad the boys aren't scared of."
    )
    with author_is_client():
        spans = _agency(extract, note)
    assert not [s for s in spans if s.startswith(("What", "Who"))], spans


@pytest.mark.parametrize(
    ("note", "found"),
    [
        ('Client: "I\'ve got a good job and a nice house, and I still feel empty."', False),
        ('Client: "I\'ve got my own place now."', False),
        ('Client: "I got a job at the garage!"', True),
        ('Client: "I\'ve got the boiler fixed."', True),
    ],
)
def test_agency9_the_possessive_have_got_is_no_act(extract, note, found):
    assert bool([s for s in _agency(extract, note) if "got" in s]) is found
