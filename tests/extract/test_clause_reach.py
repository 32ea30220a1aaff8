"""Clauses the analysis must reach and read right (slow: real en_core_web_sm): a later quotation's
question mark, a clause before an epistemic adjective."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'She repeatedly described herself as "a terrible mother" and at one point asked me, '
            '"What kind of mum doesn\'t want to hold her own baby?"',
            'She repeatedly described herself as "a terrible mother"',
        ),
    ],
)
def test_clause_reach_later_quotation_question_mark_is_not_the_clause_s(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        'She described herself as "a terrible mother"?',
        "Described herself as a failure?",
    ],
)
def test_clause_reach_own_question_mark_still_blocks(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        'Client said: "He is a liar, I am sure."',
        'She said: "My sister is the clever one, I am sure."',
    ],
)
def test_clause_reach_clause_before_epistemic_adjective_is_not_its_complement(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Attended 3 AA mtgs this wk; got a sponsor.", "Attended 3 AA mtgs this wk"),
        ("Enrolled in a te reo night class; attended 5 of 6.", "Enrolled in a te reo night class"),
        (
            "Completed the behavioural experiment: asked a question in the team meeting.",
            "Completed the behavioural experiment",
        ),
    ],
)
def test_clause_reach_note_fragment_before_semicolon_is_its_own_clause(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Relationships (progress): she has reconnected with two friends and met one for lunch.",
            "she has reconnected with two friends and met one for lunch",
        ),
    ],
)
def test_clause_reach_clause_after_bracketed_line_label_is_its_own_clause(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Gerald: “I’m not a talker, never have been.” Says since the drought year he’s been "
            "“a failure as a farmer and as a provider.”",
            "the drought year he’s been “a failure as a farmer",
        ),
        ("Says since the move she is a different person.", "since the move she is a different person"),
    ],
)
def test_clause_reach_said_clause_read_as_adverbial_is_reported(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].voice == "reported"


@pytest.mark.parametrize(
    ("note", "span", "type_"),
    [
        (
            'Danny: "I signed us up for the parenting course, didn\'t I?"',
            "I signed us up for the parenting course",
            "agency",
        ),
        ('She said, "I\'m not a quitter, you know?"', "I'm not a quitter", "self_description"),
    ],
)
def test_clause_reach_question_tag_leaves_the_statement(extract, note, span, type_):
    assert any(span in text for text in spans_by_text(extract(note), type_))


@pytest.mark.parametrize(
    "note", ['She asked, "Is it me, or is it them, you know?"', "Am I a bad mum, you know?"]
)
def test_clause_reach_question_with_a_tag_is_still_a_question(extract, note):
    assert not spans_by_text(extract(note), "self_description")
