"""Agency and polarity classification on the real en_core_web_sm (slow), one construction per row."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("C: The drinking always wins.", "The drinking always wins", "non_agentic"),
        ("C: The fear decides for me.", "The fear decides for me", "non_agentic"),
        ("C: My depression is in charge.", "My depression is in charge", "non_agentic"),
        ("C: My OCD doesn't run the show any more.", "My OCD doesn't run the show any more", "agentic"),
        ("C: My legs just won't move.", "My legs just won't move", "non_agentic"),
    ],
)
def test_classify_symptom_as_agent_is_external_control(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: The stove still owns me.", "The stove still owns me"),
        ('She said the critic "runs the show most days".', 'the critic "runs the show most days"'),
        (
            "C: The hypervigilance gets the better of me some nights.",
            "The hypervigilance gets the better of me some nights",
        ),
        ("C: The craving won on Friday.", "The craving won on Friday"),
        ("C: That story had me for twenty years.", "That story had me for twenty years"),
    ],
)
def test_classify_domination_idiom_is_external_whatever_the_agent(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("non_agentic", "external")


@pytest.mark.parametrize(
    "note",
    ["C: My team won on Saturday.", "C: My brother took over the shop.", "C: My sister took over."],
)
def test_classify_people_winning_or_taking_over_is_not_control_of_the_client(extract, note):
    found = spans_by_text(extract(note), "agency")
    assert not [s for s in found.values() if s.attrs.get("agency_kind") == "external"]


@pytest.mark.parametrize(
    "note",
    [
        "C: My anxiety got a lot better.",
        "C: The panic eased after ten minutes.",
    ],
)
def test_classify_symptom_change_is_not_control(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("C: I let my brother decide everything.", "I let my brother decide everything", "non_agentic"),
        ("C: I went along with it.", "I went along with it", "non_agentic"),
        ("C: I just do what I'm told.", "I just do what I'm told", "non_agentic"),
        ("C: I said no to my boss.", "I said no to my boss", "agentic"),
        ("C: I got myself to the GP.", "I got myself to the GP", "agentic"),
        ("C: I never get to choose.", "I never get to choose", "non_agentic"),
        ("C: I didn't get a say.", "I didn't get a say", "non_agentic"),
        ("C: I stayed the whole hour.", "I stayed the whole hour", "agentic"),
        ("S: Pt avoids the lecture hall.", "Pt avoids the lecture hall", "non_agentic"),
        (
            "S: Pt seeks reassurance from her roommate.",
            "Pt seeks reassurance from her roommate",
            "non_agentic",
        ),
        ('She said, "I\'m just hiding it better."', "I'm just hiding it better", "non_agentic"),
        ('"I didn\'t hide in the loo once," she said.', "I didn't hide in the loo once", "agentic"),
        ("C: I sought help from my GP.", "I sought help from my GP", "agentic"),
    ],
)
def test_classify_constructions_set_agency_polarity(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: I was sacked on Friday.", "I was sacked on Friday"),
        ("She was laid off in May.", "She was laid off in May"),
        ('Kamran\'s words: "I got sectioned in April."', "I got sectioned in April"),  # a get-passive
    ],
)
def test_classify_life_event_passive_in_any_voice(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    "note",
    [
        "Client spoke at length about her mother.",
        "Client came in today and talked about work.",
        "Pt agreed.",
        "Client objects to the word 'patient'.",
        "C: I always do.",
        "Client rated her belief at 90 percent.",
    ],
)
def test_classify_in_session_behaviour_and_ellipsis_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('C: "I\'m a survivor, not a victim."', "I'm a survivor, not a victim", "positive"),
        ("C: I feel like a nobody.", "I feel like a nobody", "negative"),
        ("C: I'm the black sheep.", "I'm the black sheep", "negative"),
        (
            "C: People like me don't get second chances.",
            "People like me don't get second chances",
            "negative",
        ),
        (
            "He described himself as a 'liar' for not telling his wife.",
            "He described himself as a 'liar' for not telling his wife",
            "negative",
        ),
        ("C: I'm done being the punching bag.", "I'm done being the punching bag", "positive"),
        (
            'C: "I\'m a person who had a rough patch, not a loser."',
            "I'm a person who had a rough patch, not a loser",
            "positive",
        ),
        (
            'He described himself as "someone who keeps showing up," which we noted as a change from "a failure."',
            'He described himself as "someone who keeps showing up,"',
            "neutral",
        ),
    ],
)
def test_classify_self_description_polarity_follows_the_predicate(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "C: I'd ring her first thing.",
        "C: I didn't have to do a thing.",
        "C: I'm just drained all the time.",
    ],
)
def test_classify_conditionals_absent_obligations_and_states_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_would_like_is_still_desire(extract):
    found = spans_by_text(extract("C: I'd like to go back to work."), "agency")
    assert found and all(s.polarity == "agentic" for s in found.values())


def test_classify_control_over_the_clients_choices_is_external(extract):
    found = spans_by_text(extract("C: It decides what I eat."), "agency")
    assert "It decides what I eat" in found and found["It decides what I eat"].polarity == "non_agentic"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "C: Some weeks I struggle, but I always get back up.",
            "Some weeks I struggle, but I always get back up",
        ),
        ("C: I tried to go in, but my legs just said no.", "I tried to go in, but my legs just said"),
    ],
)
def test_classify_coping_contrast_is_mixed(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "mixed"


def test_classify_struggle_alone_is_not_agency(extract):
    assert not spans_by_text(extract("C: I struggle with mornings."), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("C: I lost my temper with the kids.", "I lost my temper with the kids", "non_agentic"),
        ("C: I didn't lose it this time.", "I didn't lose it this time", "agentic"),
    ],
)
def test_classify_losing_control_idiom(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span", "voice"),
    [
        (
            "Body/Health ↑ Walked 5 km on Sunday, first time since the operation.",
            "Walked 5 km on Sunday, first time since the operation",
            "clinician",
        ),
        (
            "2. Relationships — progress: invited neighbour in for tea.",
            "invited neighbour in for tea",
            "clinician",
        ),
        (
            "Relationships: Went to her niece's party and stayed all afternoon (progress).",
            "Went to her niece's party and stayed all afternoon",
            "clinician",
        ),
        ("S: “Booked the driving test. Finally.”", "Booked the driving test", "quoted"),
        ("C: Went to the gym on Monday.", "Went to the gym on Monday", "quoted"),
    ],
)
def test_classify_note_line_fragments_are_the_clients_acts(extract, note, span, voice):
    # a line label misread as the subject, a closing "(progress)" tag and a client's past-tense
    # clause without its "I" do not hide the act
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].voice == voice


@pytest.mark.parametrize(
    "note",
    [
        "C: Go away. Leave me alone.",
        "O: Pt animated, laughing.",
        "Strengths: good family support, employed, motivated.",
    ],
)
def test_classify_imperatives_observations_and_listed_states_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Now refers to herself as "someone in recovery" rather than "a junkie".',
            'Now refers to herself as "someone in recovery" rather than "a junkie"',
        ),
        (
            'Self-perception: still calls herself "the problem child" (no change).',
            'still calls herself "the problem child"',
        ),
    ],
)
def test_classify_self_description_without_tag_and_with_denied_alternative(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == ("positive" if "rather" in note else "negative")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('"I\'m still the one who stays home," he said.', "I'm still the one who stays home", "negative"),
        (
            '"I\'m just not someone who can do this stuff," he said.',
            "I'm just not someone who can do this stuff",
            "negative",
        ),
        ("C: I'm someone who can cope.", "I'm someone who can cope", "positive"),
        (
            "\"I'm starting to think I'm not the boring one,\" he said.",
            "I'm starting to think I'm not the boring one",
            "positive",
        ),
        ("C: I don't think I'm worth the effort.", "I don't think I'm worth the effort", "negative"),
        (
            "C: I guess I'm kind of a disappointment to my dad.",
            "I guess I'm kind of a disappointment to my dad",
            "negative",
        ),
        ("C: I'm the kind of person who gives up.", "I'm the kind of person who gives up", "negative"),
        ("C: I'm someone who doesn't give up.", "I'm someone who doesn't give up", "positive"),
    ],
)
def test_classify_self_description_polarity_of_frames_hedges_and_capable_identities(
    extract, note, span, polarity
):
    # a lifted/epistemic frame's inner claim carries the polarity (a negated frame negates it);
    # "kind of" is a hedge; "someone who can ..." is a capable identity
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        'He rated his belief in "I\'m useless" at 40 percent, compared with 90 percent in February.',
        'The thought "I\'m a failure" came up twice this week.',
        # the quotation modifies a thought noun; a cognition label before a colon
        'Progress: identifies fewer "I\'m worthless" thoughts on the record.',
        'EMDR set-up. Negative belief: "I am powerless." Positive cognition: "I can cope now."',
    ],
)
def test_classify_a_belief_being_rated_or_named_is_a_mention(extract, note):
    # guidelines: mentions are not claims
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Presenting problem (in client's words): \"I can't stop checking.\"", "I can't stop checking"),
        ('Says the thoughts "run the show" most days.', 'the thoughts "run the show" most days'),
    ],
)
def test_classify_speech_frames_and_symptom_subjects_are_not_mentions(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


def test_classify_agency_in_a_rating_line_starts_after_the_status(extract):
    found = spans_by_text(
        extract("Mood: progress. Relationships: progress, invited Megan to the class."), "agency"
    )
    assert "invited Megan to the class" in found, list(found)


@pytest.mark.parametrize(
    ("note", "spans"),
    [
        ("\"I'm a bipolar. That's just what I am.\"", {"I'm a bipolar", "That's just what I am"}),
        ("Cl: \"I'm an anorexic. It's who I am.\"", {"I'm an anorexic", "It's who I am"}),
        ("C: I'm schizophrenic, that's just what I am.", {"I'm schizophrenic"}),
        (
            "\"I'm a person living with bipolar disorder, it's not all I am.\"",
            {"I'm a person living with bipolar disorder", "it's not all I am"},
        ),
    ],
)
def test_classify_anaphoric_identity_statements(extract, note, spans):
    # "That's just what I am" as its own sentence is a claim; after a comma the plain form belongs
    # to the self-description before it, a negated one ("it's not all I am") is its own claim
    assert set(spans_by_text(extract(note), "self_description")) == spans


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: Some days I'm fine. Other days I'm sure I'm a monster.", "Other days I'm sure I'm a monster"),
        ("She said she is convinced she is a fraud.", "she is convinced she is a fraud"),
    ],
)
def test_classify_adjectival_epistemic_frame_lifts_the_claim(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == "negative"


def test_classify_epistemic_frame_over_a_prediction_is_not_a_self_description(extract):
    note = "She said she felt like a fraud at work and was sure she'd be found out."
    assert set(spans_by_text(extract(note), "self_description")) == {"she felt like a fraud at work"}


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "S: Cl reports she “finally told him to move out” on Sunday.",
            "she “finally told him to move out” on Sunday",
            "agentic",
        ),
        (
            'Pt reports being "dragged" to the appointment by her partner.',
            'Pt reports being "dragged" to the appointment by her partner',
            "non_agentic",
        ),
    ],
)
def test_classify_directives_and_reported_passives(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "- Reports feeling more in control of drinking",
            "Reports feeling more in control of drinking",
            "agentic",
        ),
        ("She reports feeling out of control.", "She reports feeling out of control", "non_agentic"),
        ("C: I feel powerless.", "I feel powerless", "non_agentic"),
    ],
)
def test_classify_felt_control_and_growing_ability(extract, note, span, polarity):
    statements = extract(note)
    found = spans_by_text(statements, "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity
    if "getting better at" in note:
        assert not spans_by_text(statements, "self_description")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("C: I find it hard to say things out loud.", "I find it hard to say things out loud", "non_agentic"),
        ("C: I find it easier to ask for help now.", "I find it easier to ask for help now", "agentic"),
    ],
)
def test_classify_finding_it_hard_is_inability(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "She said she would probably just quit everything.",
        "She is living with her aunt for now, which she hates.",
        "C: I've been drifting since.",
        "Received written warning.",
    ],
)
def test_classify_conditionals_feelings_drift_and_receipt_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('Pt: "The OCD picks my clothes."', "The OCD picks my clothes", "non_agentic"),
        ("Hx: pt was placed in foster care aged 7.", "pt was placed in foster care aged 7", "non_agentic"),
        (
            "C: I think I can probably manage the train on my own.",
            "I think I can probably manage the train on my own",
            "agentic",
        ),
        (
            "T: What did you do when it started?\nC: Put my feet flat on the floor and named five blue things.",
            "Put my feet flat on the floor and named five blue things",
            "agentic",
        ),
    ],
)
def test_classify_symptom_choices_placements_hedged_ability_and_past_conjuncts(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


def test_classify_used_to_describe_himself_is_a_past_self_view(extract):
    found = spans_by_text(extract('He used to describe himself as "bulletproof."'), "self_description")
    assert 'He used to describe himself as "bulletproof."' in found
    assert found['He used to describe himself as "bulletproof."'].voice == "reported"


def test_classify_mse_slowing_is_not_agency(extract):
    assert not spans_by_text(extract("O: Flat affect, psychomotor slowing."), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "T: And at work, how do you see yourself?\nC: As the office doormat.",
            "As the office doormat",
            "negative",
        ),
        (
            "T: How do you see yourself now?\nC: As someone who can handle things. Mostly.",
            "As someone who can handle things",
            "positive",
        ),
        (
            'She now thinks of herself as "someone who used to have panic attacks."',
            'She now thinks of herself as "someone who used to have panic attacks."',
            "positive",
        ),
    ],
)
def test_classify_elliptic_answers_and_thinking_of_oneself_as(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == polarity


def test_classify_as_answer_needs_a_self_view_question(extract):
    assert not spans_by_text(extract("T: How was the bus?\nC: As usual."), "self_description")


@pytest.mark.parametrize(
    ("note", "type_", "span", "polarity"),
    [
        ('She said she "finally said no" to covering a shift.', "agency", None, "agentic"),
        ("C: I didn't escape to the car once.", "agency", "I didn't escape to the car once", "agentic"),
        (
            "C: I should be able to say no by now.",
            "agency",
            "I should be able to say no by now",
            "non_agentic",
        ),
        ('Pt: "I just do what it says."', "agency", "I just do what it says", "non_agentic"),
        ("C: I'm not that guy anymore.", "self_description", "I'm not that guy anymore", "positive"),
        (
            'She describes herself as "unemployable."',
            "self_description",
            'She describes herself as "unemployable."',
            "negative",
        ),
        (
            'She now feels like "the family\'s spare part."',
            "self_description",
            'She now feels like "the family\'s spare part."',
            "negative",
        ),
    ],
)
def test_classify_polarity_of_refusals_escapes_demands_compliance_and_left_behind_selves(
    extract, note, type_, span, polarity
):
    found = spans_by_text(extract(note), type_)
    if span is None:
        assert len(found) == 1, list(found)
        span = next(iter(found))
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('S: "My boss thinks I\'m a liability. Maybe I am."', "Maybe I am", "negative"),
        (
            'Another member told Client she is "the bravest person in this room." Client laughed it off: "I\'m really not."',
            "I'm really not",
            "negative",
        ),
    ],
)
def test_classify_verb_phrase_ellipsis_takes_the_predicate_before(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize("note", ["T: Are you tired?\nC: Yes I am.", "C: Here I am."])
def test_classify_ellipsis_of_a_state_or_nothing_is_not_a_self_description(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "C: Part of me wants to get better and part of me doesn't care anymore.",
            "part of me doesn't care anymore",
        ),
        ("C: I'm not a provider any more.", "I'm not a provider any more"),
    ],
)
def test_classify_not_anymore_is_positive_only_for_a_self_left_behind(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].polarity == "neutral", {k: v.polarity for k, v in found.items()}


@pytest.mark.parametrize(
    "note",
    [
        "Service user joined from her car as the house was busy.",
        "Y.P. attended w/ mum.",
        "Pt attended the session late.",
        "Y.P. turns 18 next month.",
    ],
)
def test_classify_coming_to_the_session_and_ages_are_not_agency(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    "note",
    [
        "Discharge summary. He has attended seven sessions.",
        "Toby has attended eight appointments since 2022.",
    ],
)
def test_classify_a_tally_of_therapy_sessions_attended_is_not_agency(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    "note",
    [
        "Pt has attended 14 of 15 sessions of the anger management programme.",
        "Attended 3/3 planned gym sessions.",
    ],
)
def test_classify_sessions_of_a_programme_or_an_activity_stay_agency(extract, note):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == ["agentic"]


def test_classify_attending_an_activity_is_still_agency(extract):
    assert [s.text for s in extract("Attended two full lectures.") if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # a parenthetical frame after the claim is not a statement of its own
        ("C: I'm the faulty one, I think. Everyone else got the instructions.", ["I'm the faulty one"]),
        ('"Deep down I\'m a good person, I know I am."', ["Deep down I'm a good person"]),
        # a way of thinking is a self-description
        ('Pt: "I\'m not crazy, I just think differently."', ["I'm not crazy", "I just think differently"]),
    ],
)
def test_classify_parenthetical_frames_and_thinking_styles(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "self_description"] == expected


def test_classify_clinician_perfect_of_an_act_is_agency(extract):
    found = [
        s
        for s in extract("Cl has enrolled in an English course three mornings a week.")
        if s.type == "agency"
    ]
    assert [(s.voice, s.polarity) for s in found] == [("clinician", "agentic")]
    assert not [
        s
        for s in extract("Client has been referred to IPS.")
        if s.type == "agency" and s.polarity == "agentic"
    ]


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("He was sectioned in 2019.", "He was sectioned in 2019", "non_agentic"),
        ("Pt brought to ED by police under s136.", "Pt brought to ED by police under s136", "non_agentic"),
        ('She said, "I kept my little brother safe."', "I kept my little brother safe", "agentic"),
        (
            'He said, "I\'ve kept my allotment going through all of it."',
            "I've kept my allotment going through all of it",
            "agentic",
        ),
    ],
)
def test_classify_reduced_passives_life_events_and_keeping_things_going(extract, note, span, polarity):
    found = [s for s in extract(note) if s.type == "agency" and s.text == span]
    assert found and found[0].polarity == polarity


@pytest.mark.parametrize("note", ["Pt to keep mood diary.", "Pt took the bus by herself."])
def test_classify_plans_and_by_oneself_are_not_reduced_passives(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and s.polarity == "non_agentic"]


def test_classify_im_typed_without_apostrophe_is_a_self_description(extract):
    found = [s for s in extract('Pt: "im useless w/ computers anyway."') if s.type == "self_description"]
    assert [(s.text, s.polarity) for s in found] == [("im useless w/ computers anyway", "negative")]


@pytest.mark.parametrize(
    ("note", "kind"),
    [
        ('He said, "I am turning into my dad."', "self_description"),
        ('She worries she is "turning into him."', "self_description"),
        ('She said, "I turned the car into the drive."', "agency"),
    ],
)
def test_classify_turning_into_someone_is_a_self_description(extract, note, kind):
    assert [s.type for s in extract(note) if s.type in ("self_description", "agency")] == [kind]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("T: And now? Who are you now?\nC: Someone who gets up. Every day.", ["Someone who gets up"]),
        ("T: How do you see yourself?\nC: As the office doormat.", ["As the office doormat"]),
        # the same answer to a question that is not about the self
        ("T: What did you do today?\nC: Someone who gets up.", []),
    ],
)
def test_classify_verbless_answers_to_a_self_view_question(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "self_description"] == expected


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        (
            "Cl: \"I've spent ten years being the guy who's scared of everything.\"",
            ["I've spent ten years being the guy who's scared of everything"],
        ),
        ('He said, "I keep being the bad guy."', ["I keep being the bad guy"]),
        ('She said, "I spent the day being lazy."', []),  # a passing state, not an identity
    ],
)
def test_classify_an_identity_held_over_time(extract, note, expected):
    assert [s.text for s in extract(note) if s.type == "self_description"] == expected


@pytest.mark.parametrize(
    "note", ["Chain analysis. Prompting event: sister's text.", "Skills used: opposite action, TIPP."]
)
def test_classify_multiword_field_labels_over_lists_are_not_agency(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


def test_classify_field_label_with_a_clause_keeps_it(extract):
    assert [s.text for s in extract("Coping: Used the urge-surfing technique.") if s.type == "agency"] == [
        "Used the urge-surfing technique"
    ]


@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        # a review reflection that reports no change is not read off "difference" or "honest"
        ('He said, "My past self wouldn\'t notice any difference, to be honest."', "neutral"),
        ('He said, "My past self would be surprised at how far I have come."', "positive"),
        ('He said he is "neither better nor worse, just here."', "neutral"),
        ('He described himself as "less invisible this week."', "positive"),
    ],
)
def test_classify_no_change_and_less_in_self_talk(extract, note, polarity):
    (st,) = [s for s in extract(note) if s.type == "self_description"]
    assert st.polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        'He said Tanya "noticed and was pleased," which he found embarrassing.',
        "She found the group helpful.",
    ],
)
def test_classify_finding_something_adjective_is_a_judgement_not_an_act(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity", "kind"),
    [
        # neg-raising: "I don't think I can cope" says "I think I can't cope"
        ("C: I don't think I can cope.", "I don't think I can cope", "non_agentic", "inability"),
        (
            "C: I just don't think I'll ever change.",
            "I just don't think I'll ever change",
            "non_agentic",
            "inability",
        ),
        ("C: I think I can cope.", "I think I can cope", "agentic", "ability"),
    ],
)
def test_classify_negated_hedging_frame_reverses_agency(extract, note, span, polarity, kind):
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == (polarity, kind)


@pytest.mark.parametrize(
    ("note", "span", "type_"),
    [
        # a client speech frame parsed upside down: "today he said" hangs off the clause it introduces
        (
            "In the last session he had said he was worthless; today he said, I'm not worthless, I'm just tired.",
            "I'm not worthless",
            "self_description",
        ),
        # a complement clause after a colon misparsed as an xcomp of the frame
        ("Y.P. stated: I'm not thick, I just can't concentrate.", "I'm not thick", "self_description"),
        # "words"/"lines" and a colon hand over to the client's words (not a mention)
        (
            "Client's own words at last review: \"I'm a ghost in my own life.\"",
            "I'm a ghost in my own life",
            "self_description",
        ),
        ('Key lines: "I kept my little brother safe."', "I kept my little brother safe", "agency"),
        # "part of her" believes: the client's own divided view
        (
            "Client said part of her still believes she is \u201cthe reason Dad left.\u201d",
            None,
            "self_description",
        ),
    ],
)
def test_classify_client_words_behind_unusual_frames(extract, note, span, type_):
    found = spans_by_text(extract(note), type_)
    if span is None:
        assert found, note
    else:
        assert span in found and found[span].voice == "quoted"


def test_classify_mentioned_words_stay_mentions(extract):
    assert not spans_by_text(extract('Core belief: "I am unlovable".'), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Relationships: Pt says her sister \u201ccut me off\u201d after the argument.",
            "her sister \u201ccut me off\u201d after the argument",
        ),
        ("C: They didn\u2019t give me a choice.", "They didn\u2019t give me a choice"),
        ("C: They put me in here.", "They put me in here"),
        ("C: I was sectioned.", "I was sectioned"),  # an event done to the client, not who the client is
    ],
)
def test_classify_other_people_acting_on_the_client_is_external(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "non_agentic"
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize("note", ["C: My sister put me up for the night.", "C: My boss gave me a raise."])
def test_classify_help_from_others_is_not_external_control(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("Reports using paced breathing on break.", "Reports using paced breathing on break", "agentic"),
        (
            "Discharge summary. He has returned to part-time work.",
            "He has returned to part-time work",
            "agentic",
        ),
        ("D: Presented assignment to a class of 30.", "Presented assignment to a class of 30", "agentic"),
        (
            "Client: I ought to be able to handle a phone call at my age.",
            "I ought to be able to handle a phone call at my age",
            "non_agentic",
        ),
    ],
)
def test_classify_fragments_returns_and_ought(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "He returned to the topic of his father.",
        "O: Presented flat.",
        'Previous treatment: CBT 2018 (8 sessions), found it "a waste of time".',
        "Said \"I'm knackered, that's all.\"",
    ],
)
def test_classify_not_agency_returns_presentations_judgements_states(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_field_label_over_a_past_tense_act(extract):
    found = spans_by_text(extract("Goals: Completed 3 of 4 planned walks (progress)."), "agency")
    assert "Completed 3 of 4 planned walks" in found
    assert found["Completed 3 of 4 planned walks"].polarity == "agentic"
    # a mental-status finding under a label is not an act
    assert not spans_by_text(extract("Mood: low. Affect: restricted. Insight: fair."), "agency")


def test_classify_other_members_initials_vs_the_clients_initials(extract):
    group = (
        'Participants shared chapter titles. P.J. called his "The Lost Weekend". '
        'Client (Deborah) called hers "Finding the Light Switch".'
    )
    assert [s.text for s in extract(group) if s.type == "chapter_title"] == ["Finding the Light Switch"]
    supervision = 'Supervision (client R.K.). R.K. herself has said she is "a coward about everything."'
    assert spans_by_text(extract(supervision), "self_description")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # chat transcripts: "C>" turns and timestamped "Client:" turns; a lower-case "i" is the client
        (
            "Chat session\nC> i did the breathing app in the car park\nT> well done",
            "i did the breathing app in the car park",
            "agentic",
        ),
        (
            "[Chat, 21:02]\n21:07 Client: my mum rang 3 times. i couldnt face her",
            "i couldnt face her",
            "non_agentic",
        ),
    ],
)
def test_classify_chat_turns_are_the_clients_words(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and (found[span].polarity, found[span].voice) == (polarity, "quoted")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Mrs Kaur said, "My son sold the house before I\'d even agreed."',
            "My son sold the house before I'd even agreed",
        ),
        ("C: The doctors took my car keys off me.", "The doctors took my car keys off me"),
        ("S: Pt states her sister has taken over her finances.", "her sister has taken over her finances"),
        (
            'Client said her mother-in-law "does not allow me to hold the baby."',
            'her mother-in-law "does not allow me to hold the baby."',
        ),
    ],
)
def test_classify_done_over_the_clients_head_is_external(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "non_agentic"


def test_classify_being_taken_somewhere_is_not_external_control(extract):
    assert not spans_by_text(extract("C: My sister took me to the cinema."), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # a line label glued to a bracket ("(progress):") is not the clause's subject
        (
            "Work/School (progress): Submitted the overdue essay and emailed her tutor.",
            "Submitted the overdue essay and emailed her tutor",
        ),
        # an activity attended, misparsed as a dative
        (
            "Goals – progress: attended the lunch club four of the last six weeks.",
            "attended the lunch club four of the last six weeks",
        ),
    ],
)
def test_classify_indicator_lines_hold_acts(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic"


@pytest.mark.parametrize(
    "note",
    ["Diary card review (wk 7): urges to SH rated 3/5 Mon–Wed.", "She rated her belief at 90 percent."],
)
def test_classify_ratings_are_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_the_voice_as_agent_is_symptom_control(extract):
    note = 'Pt reports the Voice "tells me I\'m rubbish and makes me stay in my room."'
    (span,) = spans_by_text(extract(note), "agency").values()
    assert span.polarity == "non_agentic" and span.attrs.get("agency_kind") == "external"


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Presented bright, good rapport.",
        "Cl tearfull throughout.",
        "Revisited the “book of my life” exercise.",
    ],
)
def test_classify_presentation_and_session_activities_are_not_the_clients_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize(
    "note",
    [
        "Pt rang at 21:40. Coached through STOP and paced breathing.",
        "Taught radical acceptance; she said it was hard.",
        "SUD 3 at close. Installed PC (VoC 5).",
    ],
)
def test_classify_the_clinicians_teaching_in_a_fragment_is_not_the_clients_act(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize(
    "note",
    [
        "End of session SUD 2. Closed with container exercise.",
        "Group of six. Opened with the Serenity Prayer.",
        "BLS x 12, closed w/ light stream.",
    ],
)
def test_classify_opening_or_closing_the_session_with_an_exercise_is_not_an_act(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize(
    "note",
    [
        "Narrative therapy, session 3 (client drew a timeline).",
        "IFS-informed session 6. Client mapped parts on paper.",
        'Conor drew his "brave self" and showed the group.',
    ],
)
def test_classify_the_sessions_drawing_exercise_is_not_an_act(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


def test_classify_painting_at_home_stays_an_act(extract):
    found = spans_by_text(extract("C: “I’ve already painted the nursery.”"), "agency")
    assert [s.polarity for s in found.values()] == ["agentic"]


def test_classify_ending_things_with_someone_stays_an_act(extract):
    found = [s for s in extract("Ended things with her boyfriend after a fight.") if s.type == "agency"]
    assert [s.polarity for s in found] == ["agentic"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    ["Presented the quarterly figures to the board herself.", "She revisited her old school on Sunday."],
)
def test_classify_presenting_something_and_revisiting_a_place_stay_acts(extract, note):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == ["agentic"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Client: “I’m not cut out for this.”", "I’m not cut out for this"),
        ("She says she is not cut out for this job.", "she is not cut out for this job"),
    ],
)
def test_classify_not_cut_out_for_is_a_self_view_not_an_event(extract, note, span):
    found = [s for s in extract(note) if s.text == span]
    assert [(s.type, s.polarity) for s in found] == [("self_description", "negative")]


@pytest.mark.slow
def test_classify_a_misspelt_belief_verb_is_no_act(extract):
    note = 'Cl beleives she is "too thin skinned for corporate", therapist challenged this.'
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_classify_an_abbreviated_client_subject_keeps_its_stop(extract):
    found = [
        s for s in extract("R: Cl. went to the seniors’ lunch at the gurdwara x1.") if s.type == "agency"
    ]
    assert [(s.text, s.polarity) for s in found] == [
        ("Cl. went to the seniors’ lunch at the gurdwara x1", "agentic")
    ]


@pytest.mark.slow
def test_classify_a_lower_case_pt_still_ends_its_sentence(extract):
    found = [
        s.text for s in extract("Discussed plan with pt. She rang the GP herself.") if s.type == "agency"
    ]
    assert found == ["She rang the GP herself"]


@pytest.mark.slow
def test_classify_a_fragment_the_parser_hung_on_a_quotation_is_its_own_act(extract):
    # dev_brief a0018: "Managed ..." hangs on the quoted "a bit less foggy" in the parse
    note = "MHP brief contact, 15 min (GP surgery, Bristol). Sertraline wk 4. Pt says “a bit less foggy.” Managed a full wk at work, first time since Oct. Still can’t face the gym – “I just can’t walk in there.” Feels like a fraud at work."
    found = [(s.text, s.polarity) for s in extract(note) if s.type == "agency"]
    assert any(text.startswith("Managed a full wk at work") and pol == "agentic" for text, pol in found)


@pytest.mark.slow
@pytest.mark.parametrize("note", ["Typed excerpt follows.", "Booked in for session 4 Tues."])
def test_classify_record_keeping_and_booking_the_session_are_no_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_classify_typing_up_a_cv_stays_an_act(extract):
    found = [s.polarity for s in extract("She typed up her CV and sent it off.") if s.type == "agency"]
    assert found == ["agentic"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "S: Pt said she “can’t be bothered with titles this week.”",
        "Life-story work was offered but client “didn’t want to do the book thing”.",
        "Asked about a chapter title, client said she could not think of one yet.",
    ],
)
def test_classify_talk_about_the_title_exercise_is_no_act(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Pt completed chapter 4 of the workbook as homework.",
            "Pt completed chapter 4 of the workbook as homework",
        ),
        (
            "Chapter titles: A; B; C. Of the last one she said, “I actually chose this one.”",
            "I actually chose this one",
        ),
    ],
)
def test_classify_a_book_chapter_read_and_a_title_chosen_stay_acts(extract, note, span):
    assert span in [s.text for s in extract(note) if s.type == "agency"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"), [("C: i didnt bail.", "agentic"), ("C: I bailed again.", "non_agentic")]
)
def test_classify_bailing_is_an_escape_and_not_bailing_holds_back(extract, note, polarity):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == [polarity]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note", ["Texted her mate Jen back after a week.", "Took his son to school daily this month."]
)
def test_classify_a_sentence_initial_past_read_as_a_base_form_is_an_act(extract, note):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == ["agentic"]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Plan: Take meds daily.",  # a plan's base form
        "Ward entry, late shift. Mood: low. Slept from approx 23:30.",  # sleep is no act
        "Recalled her ex saying “nobody else will ever want you.”",  # a memory
    ],
)
def test_classify_plans_sleep_and_memories_stay_no_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_classify_calling_the_service_about_an_appointment_is_no_act(extract):
    assert [
        s.text for s in extract("Client called to ask whether she could move her appt.") if s.type == "agency"
    ] == []


@pytest.mark.slow
def test_classify_calling_someone_is_an_act_and_naming_is_not(extract):
    assert [
        s.polarity
        for s in extract("She called her sister for the first time in a year.")
        if s.type == "agency"
    ] == ["agentic"]
    for note in ("Phone f/u, 10 min. Cl. called re: missed appt.", "She called herself a failure."):
        assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: The urge was screaming but I kept driving.", "mixed"),
        ("C: I kept walking even though my legs were shaking.", "agentic"),
    ],
)
def test_classify_keeping_at_an_act_is_coping(extract, note, polarity):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == [polarity]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: Didn’t run to the car.", "agentic"),
        ("C: I ran to the car and sat there.", "non_agentic"),
        ("C: I ran to the shop for milk.", "agentic"),
    ],
)
def test_classify_running_to_a_refuge_is_an_escape(extract, note, polarity):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == [polarity]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: I decide now, not my husband.", "agentic"),  # "not" denies another agent
        ("C: I didn't go, not even once.", "non_agentic"),
    ],
)
def test_classify_not_before_another_agent_is_no_negation(extract, note, polarity):
    assert [s.polarity for s in extract(note) if s.type == "agency"] == [polarity]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note", ["C: I was nineteen.", "C: I’m forty now.", "He told me that when he was younger he was bullied."]
)
def test_classify_an_age_is_no_self_view(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "note", ["C: I'm the one who cancels.", "C: I'm the first in my family to go to uni."]
)
def test_classify_the_one_who_and_the_first_in_my_family_stay_self_views(extract, note):
    assert len([s for s in extract(note) if s.type == "self_description"]) == 1


@pytest.mark.parametrize(
    ("note", "act"),
    [
        (
            "Coping (progress): uses grounding when triggered at work.",
            "uses grounding when triggered at work",
        ),
    ],
)
def test_classify_a_present_tense_record_tagged_as_a_noun_is_an_act(extract, note, act):
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert act in found and found[act].polarity == "agentic"
    assert "ag.fragment_present_verb" in found[act].evidence


@pytest.mark.parametrize(
    "note",
    ["Relationships: texts from her ex upset her again.", "Uses of the diary were discussed in session."],
)
def test_classify_a_plural_noun_that_looks_like_a_verb_is_no_act(extract, note):
    assert not [s for s in extract(note) if "ag.fragment_present_verb" in s.evidence]


@pytest.mark.parametrize(
    ("note", "act"),
    [
        ("Then she went quiet for a while.", None),
        ("She went numb for most of the reception.", None),
        ("He fell silent when his father was mentioned.", None),
        (
            "She went alone with the tram to the city centre.",
            "She went alone with the tram to the city centre",
        ),
        ("She went public with her diagnosis at work.", "She went public with her diagnosis at work"),
    ],
)
def test_classify_going_quiet_is_a_state_going_alone_an_act(extract, note, act):
    found = [s.text for s in extract(note) if s.type == "agency"]
    assert found == ([] if act is None else [act])


@pytest.mark.parametrize(
    "note",
    [
        "Pt came to the phone briefly.",
        "Client brought a thought record with three entries.",
        "When I asked how she saw herself now, she paused.",
    ],
)
def test_classify_the_encounter_itself_is_no_act(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


def test_classify_booking_an_appointment_elsewhere_stays_an_act(extract):
    note = "Client booked her own GP appointment this week for the first time in five years."
    assert [s.type for s in extract(note)] == ["agency"]


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # an aspectual verb before a self-view frame keeps the frame in the span
        (
            "He is beginning to see himself as someone who can cope.",
            "He is beginning to see himself as someone who can cope",
            "positive",
        ),
        (
            'She is starting to think of herself as "a capable person".',
            'She is starting to think of herself as "a capable person"',
            "positive",
        ),
        (
            "She has come to see herself as a survivor.",
            "She has come to see herself as a survivor",
            "positive",
        ),
        # a verdict on the self with "make me"
        ("She said, “That doesn’t make me pathetic.”", "That doesn’t make me pathetic", "positive"),
        ("“It makes me a bad mother,” she said.", "It makes me a bad mother", "negative"),
    ],
)
def test_classify_self_view_after_aspectual_verb_and_makes_me(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "“My anxiety makes me late.”",
        "“It makes me feel useless.”",
        "“That makes me so angry.”",
        "Her mother said it makes her a bad daughter.",
        "She began to say that the bus was late.",
        "He started to call his mother every day.",
    ],
)
def test_classify_makes_me_state_and_aspectual_non_frames_are_not_self_descriptions(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Coping – progress: she has not self-harmed in five weeks.",
            "she has not self-harmed in five weeks",
        ),
        ("Coping (progress): he has not had a drink in 63 days.", "he has not had a drink in 63 days"),
        ("She has not used since March.", "She has not used since March"),
        ("He did not drink at the wedding.", "He did not drink at the wedding"),
    ],
)
def test_classify_problem_behaviour_held_back_is_agentic_in_the_clinicians_record(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"
    assert "ag.held_back" in found[span].evidence


@pytest.mark.parametrize(
    "note",
    [
        "He has not had a chance to practise.",
        "She has not had any visitors this week.",
        "He did not use his inhaler.",
    ],
)
def test_classify_not_having_or_using_other_things_is_not_holding_back(extract, note):
    assert not any("ag.held_back" in s.evidence for s in extract(note))


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # a symptom as the subject of a speech frame is in control, not a speaker
        (
            "Kyle reported that the voices have been telling him it is his fault.",
            "the voices have been telling him it is his fault",
        ),
        # a quoted term as the subject is a name for the problem, not someone's words
        (
            "Eilidh said that the “anorexic voice” made her skip her afternoon snack.",
            "the “anorexic voice” made her skip her afternoon snack",
        ),
    ],
)
def test_classify_symptom_speaking_or_scare_quoted_is_external_control(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"


def test_classify_another_person_telling_the_client_is_not_agency(extract):
    assert not spans_by_text(extract("His mother told him he is lazy."), "agency")


@pytest.mark.parametrize(
    "note",
    [
        "Relationships (setback): his ex-wife has stopped the weekend visits with the children.",
        "Work (progress): the interview went well.",
    ],
)
def test_classify_own_subject_after_a_rating_label_is_not_the_client(extract, note):
    """The parser folds the clause's real subject into the label; the act is not the client's."""
    assert not spans_by_text(extract(note), "agency")


def test_classify_act_after_a_rating_label_stays_the_clients(extract):
    found = spans_by_text(extract("Work/School (progress): Submitted the essay on time."), "agency")
    assert "Submitted the essay on time" in found


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # "went on about" is talking in the session; "gone back to X on Thursdays" is an act
        (
            "He has gone back to five-a-side on Thursdays, and talked about his dad.",
            "He has gone back to five-a-side on Thursdays, and talked about his dad",
        ),
        (
            "She has returned to two shifts a week on the ward.",
            "She has returned to two shifts a week on the ward",
        ),
        ("He has been to four SMART meetings since we last met.", "He has been to four SMART meetings"),
        # the object's head decides whether a call reached the service
        (
            "He has phoned the Home Office solicitor himself twice.",
            "He has phoned the Home Office solicitor himself twice",
        ),
    ],
)
def test_classify_acts_between_sessions_in_the_perfect(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize(
    "note",
    ["He went on about how unfair it was.", "Pt texted duty phone 14:05.", "She has been to hospital twice."],
)
def test_classify_talking_service_contact_and_admission_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Pt reports feeling “like an imposter” in the honors program.",
            "Pt reports feeling “like an imposter” in the honors program",
        ),
        (
            "“I still feel like the family disappointment though.”",
            "I still feel like the family disappointment though",
        ),
    ],
)
def test_classify_feeling_like_an_identity_noun(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].polarity == "negative"


@pytest.mark.parametrize(
    "note", ["Pt reports feeling like crap today.", "“I feel like the world is ending.”"]
)
def test_classify_feeling_like_a_state_or_a_clause_is_not_a_self_description(extract, note):
    assert not spans_by_text(extract(note), "self_description")


def test_classify_hated_is_a_feeling_not_an_act(extract):
    """The small model lemmatises "hated" as "hat"."""
    assert not spans_by_text(extract("“I hated her, to be honest.”"), "agency")


@pytest.mark.parametrize(
    "note",
    [
        "“I’ve stayed sober 41 days.”",
        "Said she has been sober 14 months.",
        "States he’s “19 days dry.”",
        'Quoted a line from a poem she likes: "I am the weather, not the sky."',
        "Worked through chapter 3. The line “I am worthy of kindness” made her cry.",
    ],
)
def test_classify_abstinence_counts_and_cited_lines_are_not_self_descriptions(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("“I’m sober now and I’m proud of it.”", "I’m sober now"),
        ("She told her line manager, “I am a failure.”", "I am a failure"),
        ("Ava then came on the line: “I’m not lazy, the panic won’t let me get on the bus.”", "I’m not lazy"),
        (
            'Y.P. read her narrative aloud; key lines: "I\'m not the one who should be ashamed."',
            "I'm not the one who should be ashamed",
        ),
    ],
)
def test_classify_sober_now_and_lines_that_are_not_citations_stay_claims(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        "• Body/health ↓ migraines back x3 this fortnight.",
        "• Work/school → still signed off.",
        'S: Pt mentioned "The Body Keeps the Score" at the end.',
    ],
)
def test_classify_symptom_nouns_sick_notes_bullets_and_work_titles_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_a_client_turn_in_title_case_words_is_still_a_claim(extract):
    assert "I did it" in spans_by_text(extract("T: How was that?\nC: Scary. But I did it."), "agency")


def test_classify_a_quoted_message_after_a_colon_drops_its_i(extract):
    note = (
        "Client email (rec’d Sunday), copied to chart: “Just wanted you to know I went to the AA meeting in "
        "Sudbury Saturday night.”"
    )
    found = spans_by_text(extract(note), "agency")
    assert any("I went to the AA meeting" in t and s.voice == "quoted" for t, s in found.items()), list(found)


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Did the activity diary 4/7 days.", "Did the activity diary 4/7 days"),
        ("S: Feels like a burden. Did the 10-min walk x4 this wk.", "Did the 10-min walk x4 this wk"),
        ("“Hey it’s Maya. Did the exposure.”", "Did the exposure"),
        (
            "Returned to full-time hours at the library in Feb.",
            "Returned to full-time hours at the library in Feb.",
        ),
    ],
)
def test_classify_did_the_task_fragments_and_returning_to_hours(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize("note", ["Did the homework help?", "T: Did the diary work for you?"])
def test_classify_did_questions_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("“I think of myself as someone in recovery now.”", "I think of myself as someone in recovery now"),
        (
            "D: Second-year nursing student. Lists herself as “anxious, awkward, a bit of a swot”.",
            "Lists herself as “anxious, awkward, a bit of a swot”",
        ),
        ("In her words, she is “a failure”.", "she is “a failure”"),
        ("As she put it, she is “a ghost in her own house”.", "she is “a ghost in her own house”"),
    ],
)
def test_classify_think_of_myself_lists_herself_and_in_her_words(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert not found[span].attrs.get("hedged")  # "I think of myself as" is a frame, not a hedge


def test_classify_as_she_put_it_is_not_an_act(extract):
    assert not spans_by_text(extract("As she put it, she is “a ghost in her own house”."), "agency")


@pytest.mark.parametrize(
    "note",
    [
        "Life-story work, session 3. Asked him to name the chapters of his life so far.",
        "Invited her to write a letter to her younger self.",
        "Gained 30 lb on quetiapine.",
        "Client opened with “My name’s Dave and I’m an alcoholic,” as he does at meetings.",
    ],
)
def test_classify_clinician_prompts_weight_change_and_opening_words_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Asked her sister to babysit on Friday.", "Asked her sister to babysit on Friday"),
        ("Helped her mum with the shopping.", "Helped her mum with the shopping"),
    ],
)
def test_classify_the_clients_own_requests_and_help_stay_acts(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("He said, “I’m not going anywhere.”", "I’m not going anywhere"),
        ("She said, “I’m not doing that anymore.”", "I’m not doing that anymore"),
        ("He told his friends he will not join them any more.", "he will not join them any more"),
    ],
)
def test_classify_a_stated_refusal_is_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"
    assert "ag.refusal" in found[span].evidence


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She said, “I didn’t go to the gym.”", "I didn’t go to the gym"),
        ("He said, “I’m never going to get better.”", "I’m never going to get better"),
    ],
)
def test_classify_a_past_or_hopeless_negation_is_not_a_refusal(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert found.get(span) is None or found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "CPN visit 11:30.\n- Managed to attend daughter's school play Thurs and stayed to the end.",
            "Managed to attend daughter's school play Thurs and stayed to the end",
            "agentic",
        ),
        (
            "- Unable to leave the house Fri-Sun.\n- Chose not to drink at the wake on Sat per pt.",
            "Chose not to drink at the wake on Sat per pt",
            "agentic",
        ),
        (
            '- Unable to leave the house Fri-Sun. "Couldn\'t even open the curtains."',
            "Couldn't even open the curtains",
            "non_agentic",
        ),
    ],
)
def test_classify_bulleted_fragments_the_tagger_or_parser_misread(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "She said, “I can’t wait to see him.”",
        "She said, “I can’t thank you enough.”",
        "“Can’t wait.”",
        "Diary: “Couldnt sleep again.”",
    ],
)
def test_classify_cannot_idioms_and_dropped_i_symptoms_are_not_inability(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    "note",
    [
        "C: I can feel the next one coming.",
        "She said she could hear the Healthy Adult a bit louder today.",
        "C: I can picture it.",
    ],
)
def test_classify_can_with_a_perception_verb_is_not_ability(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_can_hear_oneself_stays_ability(extract):
    found = spans_by_text(extract("C: I can hear myself over them now."), "agency")
    assert [s.attrs.get("agency_kind") for s in found.values()] == ["ability"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: “I wasn’t allowed to have my own bank card.”", "I wasn’t allowed to have my own bank card"),
        ('She said she "was never allowed to be a child".', 'she "was never allowed to be a child"'),
    ],
)
def test_classify_permission_withheld_is_external_agency_not_a_self_view(extract, note, span):
    found = extract(note)
    agency = spans_by_text(found, "agency")
    assert span in agency and agency[span].polarity == "non_agentic"
    assert not spans_by_text(found, "self_description")


def test_classify_being_allowed_to_be_someone_stays_a_self_view(extract):
    found = spans_by_text(extract("C: “I'm allowed to be weak sometimes.”"), "self_description")
    assert list(found) == ["I'm allowed to be weak sometimes"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Avoidance: Still won’t drive on the M50.", "Still won’t drive on the M50"),
        (
            "She said she still won’t go into the canteen at lunch.",
            "she still won’t go into the canteen at lunch",
        ),
    ],
)
def test_classify_still_wont_is_a_persisting_avoidance(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("non_agentic", "external")


def test_classify_wont_without_still_stays_a_refusal(extract):
    found = spans_by_text(extract("He said he won’t go back to the old crowd."), "agency")
    assert [s.polarity for s in found.values()] == ["agentic"]


@pytest.mark.parametrize(
    ("note", "span", "kind"),
    [
        ("Pt rang before acting on urge to drink.", "Pt rang before acting on urge to drink", "coping"),
        (
            "Rang his sponsor instead of going to the offy on two occasions.",
            "Rang his sponsor instead of going to the offy on two occasions",
            "coping",
        ),
        ("Called her sponsor first thing Sat.", "Called her sponsor first thing Sat", "volition"),
    ],
)
def test_classify_reaching_someone_by_phone_is_the_clients_act(extract, note, span, kind):
    found = spans_by_text(extract(note), "agency")
    assert span in found
    assert (found[span].polarity, found[span].attrs.get("agency_kind")) == ("agentic", kind)


@pytest.mark.parametrize(
    "note",
    ["Rang the duty line at 14:00 re: meds.", "Still rings her mum for reassurance before any meeting."],
)
def test_classify_calling_the_service_or_for_reassurance_is_not_an_agentic_contact(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and s.polarity == "agentic"]


@pytest.mark.parametrize(
    "note",
    [
        "C: “It was worse when I walked in.”",
        "When practising compassionate self, she said her voice felt “fake.”",
        "He said the kids hide upstairs whenever they argue.",
    ],
)
def test_classify_a_time_clause_alone_is_not_agency(extract, note):
    assert not [
        s.text
        for s in extract(note)
        if s.type == "agency" and s.text.lower().startswith(("when", "whenever"))
    ]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "C: “I’m back to being the dad who does school pick-up.”",
            "I’m back to being the dad who does school pick-up",
        ),
        ("C: “I’m getting back to being her.”", "I’m getting back to being her"),
        ("C: “I'm getting my old self back.”", "I'm getting my old self back"),
    ],
)
def test_classify_returning_to_who_one_was_is_a_self_description(extract, note, span):
    found = extract(note)
    assert span in spans_by_text(found, "self_description")
    assert not spans_by_text(found, "agency")


def test_classify_hanging_in_there_is_no_coping_act(extract):
    assert not spans_by_text(extract('She said she is "hanging in there".'), "agency")


@pytest.mark.parametrize(
    "note",
    ["Asked for a title. C: “I can’t think of one.”", "Chapter exercise: she still “can’t pick one.”"],
)
def test_classify_no_answer_to_the_sessions_prompt_is_not_inability(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_cant_think_straight_stays_inability(extract):
    found = spans_by_text(extract("C: “I can’t think straight at work.”"), "agency")
    assert [s.polarity for s in found.values()] == ["non_agentic"]


@pytest.mark.parametrize("note", ["C: “Okay. I’m grieving.”", "C: “I’m not a talker, but I’m learning.”"])
def test_classify_a_bare_progressive_is_a_process_not_an_act(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize("note", ["C: “I’m trying.”", "C: “I’m learning Spanish at night school.”"])
def test_classify_trying_or_a_progressive_with_an_object_stays_an_act(extract, note):
    assert [s.polarity for s in spans_by_text(extract(note), "agency").values()] == ["agentic"]


@pytest.mark.parametrize(
    "note",
    ["C: “I’m at the restaurant till midnight six nights a week.”", "C: “I’m at the bridge on Hawthorne.”"],
)
def test_classify_being_at_a_place_is_not_a_self_description(extract, note):
    assert not spans_by_text(extract(note), "self_description")


def test_classify_at_war_with_oneself_stays_a_self_description(extract):
    found = spans_by_text(extract("C: “I'm not at war with my body anymore.”"), "self_description")
    assert list(found) == ["I'm not at war with my body anymore"]


def test_classify_cant_believe_does_not_reverse_the_act_inside(extract):
    found = spans_by_text(extract("She said, “I can’t believe I did it.”"), "agency")
    assert found and all(s.polarity == "agentic" for s in found.values()), {
        k: s.polarity for k, s in found.items()
    }


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("She said, “I know I should visit more.”", "I know I should visit more", "non_agentic"),
        ("She said, “I know I can do it.”", "I know I can do it", "agentic"),
        (
            "She said, “I failed to submit my tax return again.”",
            "I failed to submit my tax return again",
            "non_agentic",
        ),
        (
            "He said, “I think I’m kind of failing at this.”",
            "I think I’m kind of failing at this",
            "non_agentic",
        ),
    ],
)
def test_classify_i_know_frames_a_modal_clause_and_failing_to_is_inability(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "Client: Now I know I just learn differently.",
        "Work/School: Failed a module.",
        "She said, “I know he hates me.”",
    ],
)
def test_classify_knowing_a_fact_and_failing_an_exam_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span", "evidence"),
    [
        ("He said, “I got put on a depot, nobody asked me.”", "nobody asked me", "ag.nobody_asked"),
        ("He said, “We got moved three times by EQC.”", "We got moved three times by EQC", "ag.we_passive"),
        (
            "He said, “In Libya we were sold, we were locked in a warehouse.”",
            "we were locked in a warehouse",
            "ag.we_passive",
        ),
        (
            "Client was let go from the call centre in week 6.",
            "Client was let go from the call centre in week 6",
            "ag.life_event_passive",
        ),
        (
            "On two occasions she was escorted out by invigilators.",
            "On two occasions she was escorted out by invigilators",
            "ag.life_event_passive",
        ),
    ],
)
def test_classify_what_is_done_to_the_client(extract, note, span, evidence):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"
    assert evidence in found[span].evidence


@pytest.mark.parametrize(
    "note",
    [
        "She said, “Nobody asked me to do it.”",  # the client's own initiative
        "She was let in by the receptionist.",
        "Client said, “We were very happy.”",
    ],
)
def test_classify_requests_admissions_and_we_states_are_not_done_to_the_client(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "She told the school nurse about it herself on Monday.",
            "She told the school nurse about it herself on Monday",
        ),
        (
            "He has talked with human resources by himself for the first time.",
            "He has talked with human resources by himself for the first time",
        ),
    ],
)
def test_classify_talk_done_on_the_clients_own_is_an_act_outside_the_session(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize(
    "note", ["She spoke about her mother.", "He talked about his week.", "He sat by himself at lunch."]
)
def test_classify_talk_in_the_session_and_sitting_alone_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "She said, “I wanted to go to Jean’s funeral but my legs wouldn’t have it.”",
            "I wanted to go to Jean’s funeral but my legs wouldn’t have it",
        ),
        (
            "He said, “I wanted to stay for a beer with the boys but the nerves sent me home.”",
            "I wanted to stay for a beer with the boys but the nerves sent me home",
        ),
        (
            "She said, “The ED screams at me afterwards but I don’t do what it says anymore.”",
            "The ED screams at me afterwards but I don’t do what it says anymore",
        ),
    ],
)
def test_classify_a_thwarted_wish_and_defying_the_symptom_are_mixed(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "mixed"


def test_classify_a_wish_followed_by_the_act_stays_two_agentic_spans(extract):
    found = spans_by_text(extract("She said, “I wanted to go and I went.”"), "agency")
    assert {k: s.polarity for k, s in found.items()} == {"I wanted to go": "agentic", "I went": "agentic"}


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Avoided lab Tues/Wed.", "Avoided lab Tues/Wed"),
        ("Skipped the 5-a-side social again.", "Skipped the 5-a-side social again"),
        ("He stopped going to college in March.", "He stopped going to college in March"),
        (
            "Still rings her mum for reassurance before any meeting.",
            "Still rings her mum for reassurance before any meeting",
        ),
        (
            "She said, “I checked the stove eleven times before I could leave.”",
            "I checked the stove eleven times before I could leave",
        ),
    ],
)
def test_classify_avoidance_withdrawal_reassurance_and_rituals_are_non_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She has stopped drinking on weekdays.", "She has stopped drinking on weekdays"),
        ("He chose to skip his buddy’s stag because it was at a bar.", "He chose to skip his buddy’s stag"),
        ("She said, “I didn't skip a single class.”", "I didn't skip a single class"),
    ],
)
def test_classify_stopping_a_problem_and_choosing_or_refusing_to_skip_are_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("She said, “I didn’t ring 111 once.”", "I didn’t ring 111 once", "agentic"),
        ("Text: “i havent touched a drop since the 2nd”", "i havent touched a drop since the 2nd", "agentic"),
        ("She said, “I didn’t go out once.”", "I didn’t go out once", "non_agentic"),
        ("She said, “I let it talk.”", "I let it talk", "agentic"),
        ("She said, “I let him walk all over me.”", "I let him walk all over me", "non_agentic"),
        ("She “let the fear drive” for a year.", "She “let the fear drive” for a year", "non_agentic"),
    ],
)
def test_classify_urges_held_back_and_symptoms_let_be(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "Client e-mail (Calgary), pasted 3/14:\n“Hi, quick update.”",
        "Completed questionnaires received at reception.",
        "Written life-chapters exercise, completed by the client at home and handed in at session 5:",
    ],
)
def test_classify_record_headers_and_described_documents_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Cooked dinner for kids most nights.", "Cooked dinner for kids most nights"),
        ("Client pasted the diary into the chat.", "Client pasted the diary into the chat"),
    ],
)
def test_classify_fragments_and_the_clients_own_pasting_stay_acts(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    "note",
    [
        "Telephone contact, 20 min. Client distressed after argument with landlord.",
        "Affect anxious; preoccupied with numbers.",
        "Asked to name the current chapter, client hesitated.",
    ],
)
def test_classify_states_seen_in_contact_are_not_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "She goes in by the side gate. In her words, “I’m not the girl who cries in the toilets any more.”",
            "I’m not the girl who cries in the toilets any more",
        ),
        ("Self-perception – setback: wrote “I’m disgusting” on her thought record.", "I’m disgusting"),
    ],
)
def test_classify_in_her_words_and_a_status_read_as_subject_keep_the_clients_claim(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert found[span].voice == "quoted"


def test_classify_the_words_before_a_quotation_still_make_a_mention(extract):
    assert not spans_by_text(extract("She repeated the words “I’m useless” three times."), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        "Therapist: What would it mean if you didn't get the flat?\nClient: That I'm nothing.",
        'Therapist: What would it mean if you were "the worst"?\nClient: that im a flake',
    ],
)
def test_classify_an_answer_inside_the_therapists_hypothetical_is_not_a_claim(extract, note):
    assert not spans_by_text(extract(note), "self_description")


def test_classify_an_answer_about_the_clients_own_belief_stays_a_claim(extract):
    note = "T: What do you believe about yourself?\nC: That I'm a failure."
    assert "I'm a failure" in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She said, “I hate that I’m the flaky one now.”", "I hate that I’m the flaky one now"),
        ("She said she thinks she is a failure.", "she is a failure"),
    ],
)
def test_classify_a_frame_over_the_clients_own_claim(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize("note", ["She said, “I think he’s a liar.”", "She said, “I hate that he’s a liar.”"])
def test_classify_a_frame_over_someone_else_in_the_clients_words_is_not_a_self_description(extract, note):
    assert not spans_by_text(extract(note), "self_description")


def test_classify_a_transcript_key_names_the_speakers(extract):
    note = (
        "Transcript excerpt; AK = client, LM = psychologist.\n"
        "LM: How are things at home?\n"
        "AK: Honestly? I’m a terrible mother.\n"
        "LM: You’re a good mother, I think."
    )
    found = spans_by_text(extract(note), "self_description")
    assert "I’m a terrible mother" in found, list(found)
    assert found["I’m a terrible mother"].voice == "quoted"
    assert not any("good mother" in k for k in found)  # the psychologist's words


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("He considers himself “a good son, at least.”", "He considers himself “a good son, at least.”"),
        ("He introduced himself as a lifer.", "He introduced himself as a lifer"),
        ("She regards herself as a failure.", "She regards herself as a failure"),
    ],
)
def test_classify_self_view_frames_beyond_speech_verbs(extract, note, span):
    assert span in spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize("note", ["She considers her sister a saint.", "Student, 15, self-referred."])
def test_classify_views_of_others_and_self_referral_are_not_self_views(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She said, “I used to say I’m an anxious person.”", "I used to say I’m an anxious person"),
        ("She said, “Now I say I’m a person with anxiety.”", "Now I say I’m a person with anxiety"),
    ],
)
def test_classify_i_say_frames_the_clients_own_label(extract, note, span):
    found = spans_by_text(extract(note), "self_description")
    assert span in found, list(found)
    assert not spans_by_text(extract(note), "agency")  # (not a speech act)


def test_classify_a_record_header_over_client_written_text_is_not_the_clients(nlp):
    from narrative.extract import extract_texts
    from narrative.extract.voice import author_is_client

    text = (
        "Letter to my 19-year-old self (written for the trauma group, read aloud in session 8; typed up by client):\n"
        "Dear Sam, you did your best. I am a survivor."
    )
    with author_is_client():
        found = list(extract_texts(nlp, [("x", text)]))
    assert [(s.type, s.text) for s in found] == [("self_description", "I am a survivor")]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "- Called her aunt instead of texting her ex on Sunday night.",
            "Called her aunt instead of texting her ex on Sunday night",
        ),
        ("He’s been walking to Mass every morning.", "He’s been walking to Mass every morning"),
        (
            "She has been pacing her housework with a kitchen timer.",
            "She has been pacing her housework with a kitchen timer",
        ),
    ],
)
def test_classify_calls_progressives_and_activity_pacing_are_acts(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize("note", ["Pt pacing the corridor.", "Pacing, wringing hands."])
def test_classify_pacing_a_place_is_observed_agitation(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_a_fragment_that_calls_herself_is_still_a_self_view(extract):
    assert "Calls herself “the spare”" in spans_by_text(
        extract("Calls herself “the spare”."), "self_description"
    )


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She said, “The Big Heavy sat on me all week.”", "The Big Heavy sat on me all week"),
        ("He said the Critic “runs the show at school.”", "the Critic “runs the show at school.”"),
        ("She said, “The anxiety sat on me all week.”", "The anxiety sat on me all week"),
    ],
)
def test_classify_a_named_problem_in_control_is_non_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"


@pytest.mark.parametrize(
    "note", ["She said, “The Home Office moved me to Leeds.”", "She said, “The Lord gave me strength.”"]
)
def test_classify_institutions_and_faith_are_not_named_problems(extract, note):
    assert not any("symptom" in " ".join(s.evidence) for s in spans_by_text(extract(note), "agency").values())


def test_classify_the_one_named_speaker_beside_therapist_and_relatives_is_the_client(extract):
    note = (
        "Family session excerpt:\nMum: She’s eating the snacks but it’s a battle.\n"
        "Imogen: It tells me I’m disgusting if I finish the yoghurt.\n"
        "Therapist: What does the voice want for you?\nImogen: I want to go to Reading Festival in August."
    )
    found = spans_by_text(extract(note), "agency")
    assert "I want to go to Reading Festival in August" in found, list(found)
    assert found["I want to go to Reading Festival in August"].voice == "quoted"


def test_classify_two_named_speakers_decide_no_client(extract):
    note = "Group.\nTherapist: Who wants to start?\nAmy: I went to the gym.\nBen: I stayed in bed."
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "He said, “The grog’s been running the show for twenty years.”",
            "The grog’s been running the show for twenty years",
        ),
        (
            "SMS from client:\nmate not a good weekend. the beers got me at the footy club.",
            "the beers got me at the footy club",
        ),
        (
            "Message via patient portal (Talking Therapies), received 07:12, copied to record:\n"
            "Good morning. My shift is changed by manager and I cannot say no, I have no choice.",
            "I cannot say no, I have no choice",
        ),
    ],
)
def test_classify_substances_in_control_and_portal_messages(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"
    assert found[span].voice == "quoted"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: I got up.", "I got up"),
        ("He said, “I got the kids out of the back seat.”", "I got the kids out of the back seat"),
    ],
)
def test_classify_getting_up_and_getting_someone_out_are_acts(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == "agentic"


@pytest.mark.parametrize(
    "note",
    ["She said, “I got a letter from the council.”", "She said, “I got to the point where I gave up.”"],
)
def test_classify_receiving_and_reaching_a_point_are_not_acts(extract, note):
    assert not any(
        s.polarity == "agentic" and s.text.startswith("I got")
        for s in spans_by_text(extract(note), "agency").values()
    )


def test_classify_it_after_a_symptom_sentence_is_the_symptom(extract):
    note = "Imogen said, “Because the voice is literally screaming at me. It tells me I’m disgusting if I finish the yoghurt.”"
    found = spans_by_text(extract(note), "agency")
    span = "It tells me I’m disgusting if I finish the yoghurt"
    assert span in found, list(found)
    assert found[span].polarity == "non_agentic"


def test_classify_it_after_a_person_sentence_is_not_a_symptom(extract):
    assert not spans_by_text(extract("She said, “My sister came over. It tells me nothing.”"), "agency")


def test_classify_a_checking_ritual_fragment_whose_object_reads_as_an_adjective(extract):
    found = spans_by_text(extract("Presenting: panic attacks. Checks pulse fifty times a day."), "agency")
    assert "Checks pulse fifty times a day" in found, list(found)
    assert found["Checks pulse fifty times a day"].polarity == "non_agentic"


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "She said, “My brain won’t shut up when I lie down.”",
            "My brain won’t shut up when I lie down",
            "non_agentic",
        ),
        ("He said, “The thoughts won’t stop.”", "The thoughts won’t stop", "non_agentic"),
        (
            "She said, “The anxiety didn’t stop me this time.”",
            "The anxiety didn’t stop me this time",
            "agentic",
        ),
    ],
)
def test_classify_a_symptom_that_wont_stop_is_in_control(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "Still drinks 3–4 beers most nights to get to sleep.",
            "Still drinks 3–4 beers most nights to get to sleep",
            "non_agentic",
        ),
        ("She said she drinks to switch off.", "she drinks to switch off", "non_agentic"),
        ("Used breathing to calm down.", "Used breathing to calm down", "agentic"),
        ("He drinks water to stay hydrated.", "He drinks water to stay hydrated", "agentic"),
    ],
)
def test_classify_a_substance_used_to_numb_is_in_control(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found, list(found)
    assert found[span].polarity == polarity


def test_classify_chat_log_stamps_before_a_speaker_label(extract):
    note = (
        "[Chat, 21:14] Client: cant think of a chapter title tbh.\n"
        "[Chat, 21:15] Client: i feel like a fraud at work this week\n"
        "[Chat, 21:17] Counsellor: Thanks for telling me."
    )
    found = spans_by_text(extract(note), "self_description")
    assert "i feel like a fraud at work this week" in found, list(found)
    assert found["i feel like a fraud at work this week"].voice == "quoted"


def test_classify_a_pasted_message_with_quotations_inside_stays_the_clients(extract):
    note = (
        "Client e-mail (pasted, 09/02): «Hi Marta, I think «Out of the Basement». "
        "I went back to the climbing gym twice. I’m not incompetent, I’m overloaded.»"
    )
    found = spans_by_text(extract(note), "self_description")
    assert "I’m not incompetent" in found, list(found)
    assert found["I’m not incompetent"].voice == "quoted"


def test_classify_a_clause_before_another_members_speech_frame_is_still_the_clients(extract):
    note = 'Group: Client described herself to the group as "the one who always cries" and laughed; T. (another member) said "same".'
    found = spans_by_text(extract(note), "self_description")
    assert any(k.startswith("Client described herself to the group") for k in found), list(found)


def test_classify_a_fragments_verb_parsed_as_subject_does_not_make_the_quote_someone_elses(extract):
    note = 'Prefers "person in recovery" to "addict"; says "I\'m a person in recovery, not my habit."'
    found = spans_by_text(extract(note), "self_description")
    assert "I'm a person in recovery, not my habit" in found, list(found)
    assert found["I'm a person in recovery, not my habit"].voice == "quoted"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # something earned by one's own effort
        ('He said, "I got a job at the servo."', "I got a job at the servo"),
        # declining an offered service is a choice about care
        ("Memory clinic.\nDeclined the day program again.", "Declined the day program again"),
        # a call to someone "instead of" a problem behaviour, in a tab-table cell, is an act, not a self-view frame
        (
            "GAS review.\nGoal\tDomain\tStatus\tComment\n1\tCoping\tprogress\tCalls his sponsor instead of driving to the liquor store.",
            "Calls his sponsor instead of driving to the liquor store",
        ),
        # a pipe-table cell starts a sentence; the bars stay out of the span
        (
            "Review\n| Domain | Status | Note |\n| Goals | progress | Enrolled in a Cert IV in Community Services. |",
            "Enrolled in a Cert IV in Community Services",
        ),
        # a field over the client's words opening the note is a label, not the sentence's subject
        (
            "Client statement: I've been taking the meds every night cos I don't wanna end up back in hospital.",
            "I've been taking the meds every night cos I don't wanna end up back in hospital",
        ),
        # self-talk used on purpose; company sought; an act given up
        (
            "T: How'd you manage that?\nClient: I told myself, it's just adrenaline.",
            "I told myself, it's just adrenaline",
        ),
        (
            "Group. Aiden said he sat with a new kid at lunch on Tuesday.",
            "he sat with a new kid at lunch on Tuesday",
        ),
        ('Pt said, "I am done apologizing for it."', "I am done apologizing for it"),
        # an entry after its label ("Domain – status:") starts a sentence, also after a status tail
        (
            "Review.\n• Coping – progress: Using the urge-surfing app when cravings hit.",
            "Using the urge-surfing app when cravings hit",
        ),
        (
            "Review.\nGoals (GAS goal 2: drive to work on the M50) – progress, +1: Drove the M50 twice with her sister.",
            "Drove the M50 twice with her sister",
        ),
        # a group of the client's life is not the session's group; company hosted; an ordeal sat through
        (
            "Review.\nRelationships - progress: went back to the women's prayer group at church.",
            "went back to the women's prayer group at church",
        ),
        (
            "Review.\n• Relationships ↑ – has his grandchildren over every Wednesday after school.",
            "has his grandchildren over every Wednesday after school",
        ),
        ("Review. YP said she sat through maths.", "she sat through maths"),
        # a commitment held to, a job kept, something seen to
        ('Work/School (progress): "I have not missed a shift."', "I have not missed a shift"),
        ('He said "I have kept my job."', "I have kept my job"),
        ('S: Pt reports "I got my CDL renewed."', "I got my CDL renewed"),
        # refusing a medication by name is a choice about care
        ("Ward note.\nRefused the evening olanzapine.", "Refused the evening olanzapine"),
        # a hyphenated word is not the session's line or room
        (
            "Relationships – progress: Joined the Tuesday line-dancing at the community centre.",
            "Joined the Tuesday line-dancing at the community centre",
        ),
        # an irregular past tense the tagger read as a base form, after a line's label
        ("Review.\nRelationships: rang his brother in Boston.", "rang his brother in Boston"),
        (
            "Review.\n• Goal 1 (return to swimming) – progress: swam four laps at Spring Hill baths.",
            "swam four laps at Spring Hill baths",
        ),
    ],
)
def test_classify_acts_in_quotes_fragments_tables_and_review_entries(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic", list(found)


def test_classify_getting_a_letter_is_not_an_act(extract):
    assert not spans_by_text(extract('She said "I got a letter from the council."'), "agency")
    assert not spans_by_text(extract('He said "I got my hopes up."'), "agency")
    assert not spans_by_text(extract('She said "I missed a shift."'), "agency")


def test_classify_a_plan_after_a_label_is_not_an_act(extract):
    assert not spans_by_text(extract("Plan: ring the GP on Monday."), "agency")


def test_classify_declining_the_sessions_own_exercise_is_not_an_act(extract):
    assert not spans_by_text(extract("Declined the role-play."), "agency")


def test_classify_the_session_group_and_a_look_over_are_not_acts(extract):
    assert not spans_by_text(extract("Group session. Left the group early."), "agency")
    assert not spans_by_text(extract('She said "I had a look over the forms."'), "agency")


def test_classify_done_being_and_sitting_with_eyes_closed_are_not_acts(extract):
    found = extract('She said, "I am done being the doormat." Client sat with her eyes closed.')
    assert not spans_by_text(found, "agency")
    assert "I am done being the doormat" in spans_by_text(found, "self_description")


def test_classify_told_me_the_symptom_takes_over(extract):
    # the parser hangs the clause's subject on "told" as its object, after the hearer
    found = spans_by_text(extract('He told me the pain "just takes over".'), "agency")
    assert 'the pain "just takes over"' in found
    assert found['the pain "just takes over"'].polarity == "non_agentic"


@pytest.mark.parametrize(
    "note",
    [
        'She said "I don\u2019t know what I am now."',
        'She said "I have no idea who I am without him."',
        'She said "I am not sure who I am without the ED."',
    ],
)
def test_classify_the_self_unknown_is_a_negative_self_description(extract, note):
    found = list(spans_by_text(extract(note), "self_description").values())
    assert found and found[0].polarity == "negative"


def test_classify_not_knowing_who_another_person_is_is_not_a_self_description(extract):
    assert not spans_by_text(extract('He said "I have no idea who he is."'), "self_description")
    assert not spans_by_text(extract('She said "I know what I am doing."'), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "She wore a short-sleeved top to group for the first time.",
            "She wore a short-sleeved top to group for the first time",
        ),
        (
            "Later he apologised to staff on his own initiative.",
            "Later he apologised to staff on his own initiative",
        ),
    ],
)
def test_classify_an_everyday_act_marked_as_a_first_step_is_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic"


def test_classify_an_everyday_act_without_the_mark_is_not_agency(extract):
    assert not spans_by_text(extract("She wore a grey hoodie to the session."), "agency")


def test_classify_a_fragment_after_a_semicolon_has_no_subject_before_it(extract):
    found = spans_by_text(
        extract("Mood: Progress. Fewer days in bed; got up and dressed before ten most days."), "agency"
    )
    assert "got up and dressed before ten most days" in found
    found = spans_by_text(extract("No self-harm since June; uses ice and the hold-a-stone skill."), "agency")
    assert list(found) == ["uses ice and the hold-a-stone skill"]


@pytest.mark.parametrize(
    "note",
    [
        "Grew up in Bethel.",
        "Raised by an aunt in Kumasi.",
        "Typed up with her permission.",
        "Hodan used a proverb that does not translate directly.",
        "He worried he would end up locked away.",
        "Presents as articulate; tends to minimise achievements.",
        "Discussed boundaries; gave info on FMLA.",
        'She said, "I don\u2019t mind."',
        'She said, "I\u2019m sat outside now."',
    ],
)
def test_classify_history_wording_and_states_are_not_the_clients_acts(extract, note):
    assert not spans_by_text(extract(note), "agency")


def test_classify_used_a_skill_is_still_an_act(extract):
    assert spans_by_text(extract("She used DEAR MAN with her landlord to get the heat fixed."), "agency")
    assert spans_by_text(extract('She said, "I minded the grandkids all week."'), "agency")


def test_classify_know_how_to_and_talking_oneself_down(extract):
    found = spans_by_text(
        extract('She said, "I know how to ask for help now. I don\u2019t know how to stop."'), "agency"
    )
    assert found["I know how to ask for help now"].polarity == "agentic"
    assert found["I don\u2019t know how to stop"].polarity == "non_agentic"
    found = spans_by_text(extract('He said, "I talked myself down."'), "agency")
    assert found["I talked myself down"].attrs.get(
        "agency_kind", found["I talked myself down"].attrs.get("kind")
    ) in (
        "coping",
        None,
    )
    assert not spans_by_text(extract('She said, "I used to hate that."'), "agency")
    assert not spans_by_text(extract('She said, "I don\u2019t know how to be anything else."'), "agency")


@pytest.mark.parametrize(
    "note",
    [
        'Thabo opened with "Hi, I\u2019m Thabo and I\u2019m an alcoholic."',
        'C: "I\u2019m thirty-one and I\u2019m the one crying in car parks."',
    ],
)
def test_classify_introductions_and_ages_are_not_self_descriptions(extract, note):
    found = spans_by_text(extract(note), "self_description")
    assert "I\u2019m Thabo" not in found and "I\u2019m thirty-one" not in found
    assert found  # the self-description beside it stays


def test_classify_being_oneself_by_name_is_still_a_self_description(extract):
    assert spans_by_text(extract('He said, "At the club I\u2019m Jess."'), "self_description")


def test_classify_an_emphatic_reflexive_is_no_self_view(extract):
    found = extract("Pt states she called 911 herself afterwards.")
    assert not spans_by_text(found, "self_description")
    assert "she called 911 herself afterwards" in spans_by_text(found, "agency")


def test_classify_client_initials_in_quotes_act_as_the_client(extract):
    found = spans_by_text(
        extract(
            "Supervision record. Client: \u201cA\u201d, 29.\nA. described herself as \u201ca monster.\u201d"
        ),
        "self_description",
    )
    assert "A. described herself as \u201ca monster.\u201d" in found


def test_classify_narration_before_a_frame_with_its_own_complement(extract):
    found = spans_by_text(
        extract("She was quiet, then said she has always been the capable one."), "self_description"
    )
    assert list(found) == ["she has always been the capable one"]


def test_classify_a_quotation_without_a_question_mark_is_no_question(extract):
    found = spans_by_text(
        extract(
            "Pt tearful. Said \u201cpeople like me don\u2019t get better\u201d and asked \u201cwhat\u2019s the point?\u201d"
        ),
        "self_description",
    )
    assert list(found) == ["people like me don\u2019t get better"]
    assert not spans_by_text(
        extract("He said \u201cyou can\u2019t trust a drunk\u201d was something his father used to say."),
        "self_description",
    )


def test_classify_reports_being_and_kind_of_the_label(extract):
    found = spans_by_text(extract('Client reports being "the invisible one" at work.'), "self_description")
    assert 'Client reports being "the invisible one" at work' in found
    assert not spans_by_text(extract("Client reports being tired all the time."), "self_description")
    found = spans_by_text(
        extract('Client said she guesses she is "kind of the black sheep".'), "self_description"
    )
    assert found


def test_classify_a_first_step_to_a_group_is_not_the_sessions_routine(extract):
    note = "She brought the baby to the mother-and-toddler group on Thursday for the first time."
    assert spans_by_text(extract(note), "agency")
    assert not spans_by_text(extract("She brought her diary to the session."), "agency")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "Had lunch with her friend Aoife, her first meal out in a year.",
            "Had lunch with her friend Aoife, her first meal out in a year",
            "agentic",
        ),
        ('She said, "I gotta keep my kids in school."', "I gotta keep my kids in school", "non_agentic"),
        (
            'D: Cl thinks of self as "the nervous one" but reports he went to the work Christmas do.',
            "he went to the work Christmas do",
            "agentic",
        ),
    ],
)
def test_classify_meals_with_someone_gotta_and_a_frame_after_but(extract, note, span, polarity):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == polarity


def test_classify_a_frame_after_but_is_only_the_clients(extract):
    note = 'His mother calls him every night and says he is "wasting the family\u2019s money."'
    assert not spans_by_text(extract(note), "agency")


def test_classify_a_self_view_verb_read_as_a_subject(extract):
    note = (
        'S: Pt reports she runs daily. Identifies as "an anorexic" but says she is "more than a diagnosis."'
    )
    found = spans_by_text(extract(note), "self_description")
    assert 'Identifies as "an anorexic"' in found
    assert 'she is "more than a diagnosis."' in found


def test_classify_a_clause_before_a_self_view_frame_after_a_semicolon(extract):
    note = 'Thandi said she used to think of herself as the doormat; now she sees herself as "someone new."'
    found = spans_by_text(extract(note), "self_description")
    assert "she used to think of herself as the doormat" in found


def test_classify_a_dictated_note_without_stops_is_read_clause_by_clause(extract):
    note = (
        "veteran seen for follow up he states he has been sleeping maybe four hours he describes himself as a "
        "shell of who he was before the deployment he reports he went to the VFW on Tuesday and stayed for the "
        "meeting plan continue prazosin follow up four weeks"
    )
    found = extract(note)
    assert "he describes himself as a shell of who he was before the deployment" in spans_by_text(
        found, "self_description"
    )
    assert "he went to the VFW on Tuesday and stayed for the meeting" in spans_by_text(found, "agency")


def test_classify_a_short_unpunctuated_note_is_left_to_the_parser(extract):
    # under the run-on length, and "says" before "he" keeps the reported clause whole
    found = spans_by_text(extract("She says she is a failure at everything"), "self_description")
    assert list(found) == ["she is a failure at everything"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: Rang my sister instead of drinking. I'm actually getting good at this.", None),
        ("Pt reports he is getting better at saying no to his brother.", None),
        ('Said she is "getting better at asking for help."', 'she is "getting better at asking for help."'),
        ('C: "I think I\'m getting better at saying when I need a rest."', None),
    ],
)
def test_classify_getting_better_at_a_skill_is_a_self_description(extract, note, span):
    found = extract(note)
    selfs = spans_by_text(found, "self_description")
    wanted = span or next(s for s in selfs)
    assert wanted in selfs and selfs[wanted].polarity == "positive"
    assert wanted not in spans_by_text(found, "agency")


def test_classify_getting_good_marks_is_not_a_self_description(extract):
    assert not spans_by_text(extract('C: "I got better marks this term."'), "self_description")


@pytest.mark.parametrize(
    ("note", "span", "is_self"),
    [
        (
            "C: I am learning that I don't have to earn rest.",
            "I am learning that I don't have to earn rest",
            True,
        ),
        (
            "C: I was a pushover too. I'm learning I get to have needs.",
            "I'm learning I get to have needs",
            True,
        ),
        # an ability, or someone else: not a view of oneself
        (
            "C: I'm learning I can be on my own for an hour.",
            "I'm learning I can be on my own for an hour",
            False,
        ),
        ("C: I'm learning she isn't coming back.", "I'm learning she isn't coming back", False),
    ],
)
def test_classify_learning_something_about_oneself_is_a_self_description(extract, note, span, is_self):
    assert (span in spans_by_text(extract(note), "self_description")) is is_self


@pytest.mark.parametrize(
    ("note", "span", "type_"),
    [
        (
            "C: I'm a guy. I'm just done pretending I'm not.",
            "I'm just done pretending I'm not",
            "self_description",
        ),
        ("C: I'm done hiding who I am.", "I'm done hiding who I am", "self_description"),
        # giving up an act, not hiding who one is
        ("C: I'm done apologizing for it.", "I'm done apologizing for it", "agency"),
    ],
)
def test_classify_done_hiding_who_one_is_is_a_self_description(extract, note, span, type_):
    found = spans_by_text(extract(note), type_)
    assert span in found and (type_ == "agency" or found[span].polarity == "positive")


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "C: I don't trust myself around my kids when I'm angry.",
            "I don't trust myself around my kids when I'm angry",
            "negative",
        ),
        ("C: I used to hate myself for it.", "I used to hate myself for it", "negative"),
        ("C: I love myself more now.", "I love myself more now", "positive"),
    ],
)
def test_classify_a_standing_attitude_to_oneself_is_a_self_description(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found and found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        "C: I blame myself.",  # guilt over one event
        'She said she "can\'t trust" herself around food.',  # an inability (agency)
    ],
)
def test_classify_blame_and_cannot_trust_oneself_are_not_self_regard(extract, note):
    assert not spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    "note",
    [
        "Client forwarded an e-mail thread; her reply to her manager is below.",
        "Client sent this by SMS on Monday.",
        'He texted me after the review: "thanks for today".',
    ],
)
def test_classify_sending_a_text_on_to_the_clinician_is_not_agency(extract, note):
    assert not spans_by_text(extract(note), "agency")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("She sent a text to her sister to apologise.", "She sent a text to her sister to apologise"),
        ("Client emailed her manager about the rota.", "Client emailed her manager about the rota"),
    ],
)
def test_classify_sending_a_message_to_someone_in_ones_life_is_agency(extract, note, span):
    assert span in spans_by_text(extract(note), "agency")


def test_classify_a_what_field_label_of_a_worksheet_is_not_agency(extract):
    note = "C: My blueprint.\nWhat I've learned: I'm not lazy.\nWhat I could do differently: call Aoife."
    found = spans_by_text(extract(note), "agency")
    assert "What I've learned" not in found and "What I could do differently" not in found


def test_classify_a_what_clause_inside_a_sentence_stays_agency(extract):
    note = "C: I finally did what I said I would: I rang the college."
    assert "I rang the college" in spans_by_text(extract(note), "agency")


def test_classify_a_day_label_in_the_clients_diary_is_not_the_subject(nlp):
    from narrative.extract import extract_texts

    text = "DBT diary card\nWed: no group.\nFri: rang my sister instead of drinking.\nThu 0: took meds, went to bed at 10."
    found = list(extract_texts(nlp, [("x", text)], speaker="author"))
    agency = [s.text for s in found if s.type == "agency"]
    assert any(a.endswith("rang my sister instead of drinking") for a in agency), agency
    assert any("took meds" in a for a in agency), agency


def test_classify_a_role_label_in_a_client_written_text_keeps_its_subject(nlp):
    from narrative.extract import extract_texts

    text = "Please can I move my appointment? Agnieszka K.\nAdmin: rebooked Thu 10:00; confirmation sent."
    found = list(extract_texts(nlp, [("x", text)], speaker="author"))
    assert not [s for s in found if s.type == "agency" and "rebooked" in s.text]


@pytest.mark.parametrize(
    ("text", "span"),
    [
        (
            "Three good things diary\n1. Walked the dog on the beach.\n2. Finished the jigsaw with Dad.",
            "Finished the jigsaw with Dad",
        ),
        (
            "Messages to the clinic:\n6/3 18:40 – Went to the fish fry with my wife. Stayed an hour.",
            "Went to the fish fry with my wife",
        ),
    ],
)
def test_classify_a_list_number_or_a_time_stamp_opens_a_diary_fragment(nlp, text, span):
    from narrative.extract import extract_texts

    found = list(extract_texts(nlp, [("x", text)], speaker="author"))
    assert any(s.type == "agency" and s.text.endswith(span) for s in found), [s.text for s in found]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("C: They used to run my whole day. Now I talk back to them.", "Now I talk back to them"),
        (
            "He said he talked back to the voices on the bus this week.",
            "he talked back to the voices on the bus this week",
        ),
    ],
)
def test_classify_talking_back_is_agentic(extract, note, span):
    found = spans_by_text(extract(note), "agency")
    assert span in found and found[span].polarity == "agentic"


def test_classify_talking_alone_is_not_agency(extract):
    assert not spans_by_text(extract("C: We talked for a while about the weekend."), "agency")


def test_classify_you_in_a_clients_letter_to_the_problem_is_the_problem(nlp):
    from narrative.extract import extract_texts

    text = "Dear Depression,\nYou made me quit uni and stop answering my friends. I went back to uni this semester."
    found = {s.text: s for s in extract_texts(nlp, [("x", text)], speaker="author") if s.type == "agency"}
    span = "You made me quit uni and stop answering my friends"
    assert span in found and found[span].polarity == "non_agentic"


def test_classify_you_in_a_letter_to_a_person_stays_generic_or_the_client(nlp):
    from narrative.extract.voice import addressed_to_client, addressed_to_symptom

    assert addressed_to_symptom(nlp.make_doc("Dear Depression,\nYou had me for years."))
    assert not addressed_to_client(nlp.make_doc("Dear Depression,\nYou had me for years."))
    assert not addressed_to_symptom(nlp.make_doc("Dear Jonah,\nYou told me ..."))
