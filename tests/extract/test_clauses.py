"""Clause analysis on the real en_core_web_sm (slow): note fragments, unmarked quotes, frames."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Feels like a burden to the family.", "Feels like a burden to the family"),
        ("Identifies as an alcoholic.", "Identifies as an alcoholic"),
        ("Cl feels like a fraud at the new job.", "Cl feels like a fraud at the new job"),
    ],
)
def test_clauses_subjectless_self_view_fragment_is_reported(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].voice == "reported"


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("States can't sleep since the move.", "States can't sleep since the move", "non_agentic"),
        ("Couldn't leave the flat Tues-Thurs.", "Couldn't leave the flat Tues-Thurs", "non_agentic"),
        ("Unable to open post for weeks.", "Unable to open post for weeks", "non_agentic"),
        ("Able to name 3 coping skills.", "Able to name 3 coping skills", "agentic"),
        ("Cooked dinner for the kids twice.", "Cooked dinner for the kids twice", "agentic"),
    ],
)
def test_clauses_terse_fragments_yield_agency(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She said: I'm a good teacher.", "I'm a good teacher"),
        ("He told me, I'm a survivor.", "I'm a survivor"),
    ],
)
def test_clauses_unmarked_first_person_speech_is_quoted(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].voice == "quoted"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: Truth is I'm a coward.", "I'm a coward"),
        ("C: You know what, I'm a decent cook.", "I'm a decent cook"),
    ],
)
def test_clauses_discourse_frame_keeps_embedded_claim(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        "C: My sister thinks I'm a coward.",
        "C: I'd be a wreck without her.",
        "C: I'll be honest with you.",
        "C: I'm proud of that, actually.",
        "C: I was terrified the whole time.",
    ],
)
def test_clauses_other_views_conditionals_and_feelings_are_not_self_descriptions(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize("note", ["Pressured speech, elevated mood.", "Blunted affect noted."])
def test_clauses_mse_adjectives_are_not_fragment_verbs(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("S: Cl: “I’ve become a hermit.” O: Flat.", "I’ve become a hermit"),
        ("S: Pt: “I’m a carer first.”", "I’m a carer first"),
    ],
)
def test_clauses_quote_hung_off_a_label_is_analysed(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        "Formulation: core belief “I am worthless” maintained by avoidance.",
        "Homework: reading “The Mind Keeps Going” before next session.",
        "S: Pt low. O: Withdrawn, tearful.",
    ],
)
def test_clauses_mentions_titles_and_observations_are_not_claims(extract, note):
    found = extract(note)
    assert not [s for s in found if s.type in ("self_description", "agency")]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('Group: Client said she sees herself as "the quiet one".', 'she sees herself as "the quiet one"'),
        ("C: I'm in remission.", "I'm in remission"),
    ],
)
def test_clauses_label_subjects_and_in_identity(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize("note", ["C: I'm not cured.", "She went on about how busy work was."])
def test_clauses_states_and_talk_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_clauses_span_does_not_end_in_a_dangling_coordinator(extract):
    spans = {
        s.text for s in extract("C: Part of me wants to get better and part of me doesn't care anymore.")
    }
    assert "Part of me wants to get better" in spans
    assert not any(t.endswith((" and", " but")) for t in spans)


@pytest.mark.parametrize(
    ("note", "act"),
    [
        ("* Work/school ↑ — applied for two jobs at the depot.", "applied for two jobs at the depot"),
        ("Coping ↑ — joined a walking group in March.", "joined a walking group in March"),
    ],
)
def test_clauses_a_rating_label_is_no_subject_of_the_act_after_it(extract, note, act):
    # the parser makes "↑" (or the domain word) the subject of the recorded act
    assert act in [s.text for s in extract(note) if s.type == "agency"]


def test_clauses_a_real_subject_after_the_label_stays_the_subject(extract):
    note = "Relationships – progress: her sister went back to the gym."
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize(
    "note",
    [
        'Thought record. Hot thought on Tue: "I\'m a terrible mother." Balanced thought: "I\'m a tired mum doing her best."',
        "Automatic thought (90%): “I’m useless at everything.”",
    ],
)
def test_clauses_thought_record_cells_are_mentions(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description"]


def test_clauses_a_day_label_without_a_thought_cell_keeps_the_quote(extract):
    note = 'Client brought her diary. Entry on Tue: "I\'m a terrible mother."'
    assert [s.text for s in extract(note) if s.type == "self_description"] == ["I'm a terrible mother"]


def test_clauses_a_finite_clause_hung_on_a_label_noun_is_visited(extract):
    note = "Relationships – progress: she has reconnected with two friends from her old job."
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert found["she has reconnected with two friends from her old job"].polarity == "agentic"
