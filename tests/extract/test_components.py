"""The narrative components on the real en_core_web_sm (slow): one behaviour per table row."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _find(statements, type_, text):
    return [s for s in statements if s.type == type_ and s.text == text]


@pytest.mark.parametrize(
    ("note", "span", "voice"),
    [
        ('He said, "I am a coward."', "I am a coward", "quoted"),
        ("She said, “I’m a total wreck.”", "I’m a total wreck", "quoted"),
        ("He told me he is a terrible cook.", "he is a terrible cook", "reported"),
        (
            "Client described herself as a nuisance to everyone.",
            "Client described herself as a nuisance to everyone",
            "reported",
        ),
        ("C: I'm a decent dad, I think.", "I'm a decent dad", "quoted"),
    ],
)
def test_components_voice_of_self_descriptions(extract, note, span, voice):
    found = _find(extract(note), "self_description", span)
    assert found and found[0].voice == voice


@pytest.mark.parametrize(
    ("note", "span", "attr", "value"),
    [
        ('"I\'m not useless anymore," she said.', "I'm not useless anymore", "negated", True),
        ('"Maybe I\'m not so hopeless."', "Maybe I'm not so hopeless", "hedged", True),
        ('"I used to be the clever one."', "I used to be the clever one", "temporal", "past"),
        ('"I\'m an addict."', "I'm an addict", "label_kind", "identity_first"),
        ('"I\'m a person with depression."', "I'm a person with depression", "label_kind", "person_first"),
    ],
)
def test_components_self_description_attributes(extract, note, span, attr, value):
    found = _find(extract(note), "self_description", span)
    assert found and found[0].attrs.get(attr) == value


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('"I\'m a failure."', "I'm a failure", "negative"),
        ('"I\'m not a failure."', "I'm not a failure", "positive"),
        ('"I\'m a strong person."', "I'm a strong person", "positive"),
    ],
)
def test_components_self_description_polarity(extract, note, span, polarity):
    found = _find(extract(note), "self_description", span)
    assert found and found[0].polarity == polarity


@pytest.mark.parametrize(
    ("note", "span", "polarity", "kind"),
    [
        ('"I decided to quit my job."', "I decided to quit my job", "agentic", "volition"),
        ('"I can cope with this."', "I can cope with this", "agentic", "ability"),
        ('"I couldn\'t get up this morning."', "I couldn't get up this morning", "non_agentic", "inability"),
        (
            '"I have to visit my dad every day."',
            "I have to visit my dad every day",
            "non_agentic",
            "obligation",
        ),
        ('"I want to start running."', "I want to start running", "agentic", "desire"),
        ('"My panic made me leave the shop."', "My panic made me leave the shop", "non_agentic", "external"),
        ('"I was kicked out of the flat."', "I was kicked out of the flat", "non_agentic", "passive"),
        (
            '"I wanted to call her but the fear stopped me."',
            "I wanted to call her but the fear stopped me",
            "mixed",
            "contrast",
        ),
    ],
)
def test_components_agency_polarity_and_kind(extract, note, span, polarity, kind):
    found = _find(extract(note), "agency", span)
    assert found, [s.text for s in extract(note)]
    assert (found[0].polarity, found[0].attrs["agency_kind"]) == (polarity, kind)
    assert found[0].attrs["cues"]


@pytest.mark.parametrize(
    ("note", "span", "polarity", "evidence"),
    [
        # the reason belongs to the act: one span with the act's weight
        (
            '"I do the homework because I want to."',
            "I do the homework because I want to",
            "agentic",
            "ag.reason",
        ),
        (
            "She said she skipped the party because her anxiety wouldn't let her go.",
            "she skipped the party because her anxiety wouldn't let her go",
            "non_agentic",
            "ag.reason",
        ),
        # shared-subject coordination of one weight is one span
        (
            "She said she cleaned the kitchen on Monday and phoned her brother on Friday.",
            "she cleaned the kitchen on Monday and phoned her brother on Friday",
            "agentic",
            "ag.volitional_verb",
        ),
        # two clauses of one weight joined by a bare "but": the contrast is the point
        (
            '"I nearly turned back, but I went in."',
            "I nearly turned back, but I went in",
            "mixed",
            "ag.contrast_but",
        ),
        (
            'She said she wanted to go to the gym "but I just couldn\'t face it."',
            "she wanted to go to the gym \"but I just couldn't face it",
            "mixed",
            "ag.contrast_but",
        ),
    ],
)
def test_components_agency_clauses_joined_into_one_span(extract, note, span, polarity, evidence):
    found = _find(extract(note), "agency", span)
    assert found, [s.text for s in extract(note) if s.type == "agency"]
    assert found[0].polarity == polarity
    assert evidence in found[0].evidence


@pytest.mark.parametrize(
    ("note", "spans"),
    [
        # a second conjunct with a subject of its own is its own span
        (
            '"I cleaned the kitchen and I phoned my brother."',
            ["I cleaned the kitchen", "I phoned my brother"],
        ),
        # conjuncts of different weight: the second starts at its verb
        (
            "She said she cleaned the kitchen and was told off by her dad for it.",
            ["she cleaned the kitchen", "was told off by her dad for it"],
        ),
        # "but" across a clause between them is not the bare contrast
        ('"I take the bus to work, it takes an hour, but I go."', ["I take the bus to work", "I go"]),
    ],
)
def test_components_agency_clauses_kept_apart(extract, note, spans):
    assert [s.text for s in extract(note) if s.type == "agency"] == spans


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # an aspectual verb before a speech frame: the reporting verb's complement is the claim
        ("He has started to say he is a survivor.", "he is a survivor"),
        ("She keeps saying she is a burden.", "she is a burden"),
        ("Has begun telling staff he is “a good dad”.", "he is “a good dad”"),
        # "refers to himself as": the reflexive under "to"
        ("Callum refers to himself as a nutter.", "Callum refers to himself as a nutter"),
    ],
)
def test_components_reported_self_descriptions_behind_longer_frames(extract, note, span):
    found = _find(extract(note), "self_description", span)
    assert found, [s.text for s in extract(note)]
    assert found[0].voice == "reported"


@pytest.mark.parametrize(
    ("note", "span", "type_"),
    [
        # trying to be someone: who the client is becoming; trying to be kinder: an effort
        (
            '"I’m trying to be someone my brother can look up to."',
            "I’m trying to be someone my brother can look up to",
            "self_description",
        ),
        (
            "He said he is trying to be something else.",
            "he is trying to be something else",
            "self_description",
        ),
        ('"I’m trying to be kinder to myself."', "I’m trying to be kinder to myself", "agency"),
    ],
)
def test_components_trying_to_be_someone_is_a_self_description(extract, note, span, type_):
    found = [s for s in extract(note) if s.text == span]
    assert [s.type for s in found] == [type_], [(s.type, s.text) for s in extract(note)]


@pytest.mark.parametrize(
    "note",
    ['She said she felt "guilty the whole time."', '"I don\'t feel brave."', "He said he feels ashamed."],
)
def test_components_a_feeling_of_the_moment_is_no_self_description(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description"]


@pytest.mark.parametrize(
    "note",
    [
        "Chapter exercise. She said, “I'm calling it “Back Roads”.”",
        "Chapter titles again. He said, “I’m calling the one I’m in now ‘Slow Boat’.”",
    ],
)
def test_components_giving_a_title_is_no_agency(extract, note):
    found = extract(note)
    assert [s.type for s in found if s.type == "chapter_title"], [(s.type, s.text) for s in found]
    assert not [s for s in found if s.type == "agency"]


def test_components_aspectual_frame_of_another_speaker_is_skipped(extract):
    note = 'Mark (client) said people keep telling him "you\'ll get over it in time."'
    assert not [s for s in extract(note) if s.type in ("agency", "self_description")]


@pytest.mark.parametrize(
    ("note", "span", "polarity", "evidence"),
    [
        # a request or a question put in the client's life is an act
        ('"I asked for help."', "I asked for help", "agentic", "ag.asked_for"),
        ("He said he asked for a referral.", "he asked for a referral", "agentic", "ag.asked_for"),
        (
            "Asked a question in class for the first time.",
            "Asked a question in class for the first time",
            "agentic",
            "ag.asked_for",
        ),
        # an aspectual verb over avoidance: still the symptom steering
        (
            "He continues to avoid the staff kitchen at lunch.",
            "He continues to avoid the staff kitchen at lunch",
            "non_agentic",
            "ag.safety_behaviour",
        ),
        (
            '"I keep avoiding the kitchen."',
            "I keep avoiding the kitchen",
            "non_agentic",
            "ag.safety_behaviour",
        ),
    ],
)
def test_components_requests_and_continued_avoidance(extract, note, span, polarity, evidence):
    found = _find(extract(note), "agency", span)
    assert found, [s.text for s in extract(note) if s.type == "agency"]
    assert found[0].polarity == polarity and evidence in found[0].evidence


@pytest.mark.parametrize(
    "note",
    [
        "Asked the chapter question again.",  # the clinician's prompt
        "She asked me for a title.",  # asked the clinician, in session
        "Mum asked for a meeting with the school.",  # another person
        # arriving at the session is not an act
        "Pt came with his wife.",
        "Gareth came alone again.",
        # use reported as a behaviour, not the client's agency
        "Drank on three nights after the mediation meeting.",
        '"I drink too."',
        # what the service gave
        "Provided list of legal aid resources.",
        # declining to talk is the session's own talk
        "Declined to discuss her mother.",
    ],
)
def test_components_requests_that_are_not_the_clients_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "She came to the carol service with her daughter.",
            "She came to the carol service with her daughter",
            "agentic",
        ),
        ("He has cut down his drinking.", "He has cut down his drinking", "agentic"),
        ('"I provided for my kids on my own."', "I provided for my kids on my own", "agentic"),
        # declining care or contact is a choice, not the session's talk
        ("Pt declined the referral.", "Pt declined the referral", "agentic"),
        ("Still declines visits from his father.", "Still declines visits from his father", "agentic"),
        (
            "Still drinking 3-4 pints most nights to “switch off.”",
            "Still drinking 3-4 pints most nights to “switch off.”",
            "non_agentic",
        ),
    ],
)
def test_components_going_somewhere_and_cutting_down_stay_acts(extract, note, span, polarity):
    found = _find(extract(note), "agency", span)
    assert found and found[0].polarity == polarity, [s.text for s in extract(note) if s.type == "agency"]


@pytest.mark.parametrize(
    ("note", "title", "voice"),
    [
        ("Chapter title: Coming Up for Air.", "Coming Up for Air", "clinician"),
        ('Life-story prompt. She titled the chapter "Holding On".', "Holding On", "reported"),
        ("Life-story prompt. He called the chapter ‘The Long Winter’.", "The Long Winter", "reported"),
        ("Title of this chapter: «Second Wind».", "Second Wind", "clinician"),
        ("\"I'd call this chapter 'Starting Again',\" she said.", "Starting Again", "quoted"),
    ],
)
def test_components_chapter_titles_in_quoting_styles(extract, note, title, voice):
    found = _find(extract(note), "chapter_title", title)
    assert found and found[0].voice == voice


@pytest.mark.parametrize(
    ("note", "domain", "progress"),
    [
        ("Mood: Calmer, sleeping through (progress).", "mood", "progress"),
        ("Work/School - setback: missed three shifts.", "work_school", "setback"),
        ("• Relationships → still arguing with his brother.", "relationships", "no_change"),
        ("[GOALS][PROGRESS] Enrolled in the evening class.", "goals", "progress"),
        # occupational therapy's performance areas
        ("- Self-care – progress: Showers every morning now without prompting.", "body_health", "progress"),
        ("- Productivity – no change: Still unable to return to work.", "work_school", "no_change"),
        ("- Leisure – progress: Walked to the pier with his grandson.", "goals", "progress"),
        # a status in brackets, then the entry without a colon
        (
            "Relationships [setback] Ended things with her girlfriend after a fight.",
            "relationships",
            "setback",
        ),
    ],
)
def test_components_indicator_domain_and_progress(extract, note, domain, progress):
    found = [s for s in extract(note) if s.type == "indicator"]
    assert found and (found[0].attrs["domain"], found[0].attrs["progress"]) == (domain, progress)


@pytest.mark.parametrize(
    "note",
    [
        '"My brother is a failure."',
        '"Am I a bad person?"',
        '"If I were smarter, I would have finished school."',
        'She has been listening to "I Am Strong" every day.',
        "Therapist reflected that he is braver than he thinks.",
        '"You can never win with these people."',
        "Client appeared anxious and fidgety.",
        "Mood: low. Affect: blunted.",
        "Title: Progress Note - Session 3.",
        "He could not think of a title for the chapter yet.",
    ],
)
def test_components_hard_negatives_yield_no_claims(extract, note):
    found = [s for s in extract(note) if s.type in ("self_description", "chapter_title", "indicator")]
    assert not found, [(s.type, s.text) for s in found]


@pytest.mark.parametrize(
    ("note", "normalized"),
    [
        ("She described herself as a failure.", "I am a failure"),
        ("She said she is no longer afraid of him.", "I am no longer afraid of him"),
        ("He said he has become a better father.", "I have become a better father"),
    ],
)
def test_components_reported_speech_normalised_to_first_person(extract, note, normalized):
    found = [s for s in extract(note) if s.type == "self_description"]
    assert found and found[0].normalized == normalized


@pytest.mark.parametrize(
    "note",
    [
        "Client stated, “I’m a fighter.” She said she chose to stay sober. Mood: Up (progress).",
        'S: Pt reports "I can\'t cope."\nChapter title: The Grey Months.',
    ],
)
def test_components_offsets_index_the_original_text(extract, note):
    statements = extract(note)
    assert statements
    for s in statements:
        assert note[s.start : s.end] == s.text
        assert "sentence" in s.attrs and "previous" in s.attrs


def test_components_extract_texts_streams_rows(nlp):
    from narrative.extract import extract_texts

    rows = [("a", '"I chose to leave."'), ("b", "Client appeared tired."), ("c", '"I\'m a survivor."')]
    out = list(extract_texts(nlp, rows, batch_size=2))
    assert {s.note_id for s in out} == {"a", "c"}


@pytest.mark.parametrize(
    ("note", "kept"),
    [
        ("Coping ↑ journalling nightly", "journalling nightly"),
        (
            "Coping: Used the urge-surfing technique twice (progress).",
            "Used the urge-surfing technique twice",
        ),
    ],
)
def test_components_indicator_rating_prefix_is_not_agency(extract, note, kept):
    # A clinician's rating line keeps its indicator; an agency clause inside it starts after the
    # "Domain: status" prefix and has the agency extractor's own values, not the indicator's.
    statements = extract(note)
    assert any(s.type == "indicator" for s in statements)
    agency = [s for s in statements if s.type == "agency"]
    assert all(not s.text.startswith(("Coping", "Self-perception")) for s in agency)
    found = [s for s in agency if s.text.startswith(kept)]
    assert found, [s.text for s in agency]
    assert found[0].polarity in ("agentic", "non_agentic", "mixed")
    assert all(e.startswith("ag.") for e in found[0].evidence)


@pytest.mark.parametrize(
    "note",
    [
        "Coping: progress, three walks. Self-perception: progress.",
        "A: Coping: avoidance, reassurance.",
        "O: Oriented, no SI.",
        "O: Flat, avoids eye contact.",
    ],
)
def test_components_field_lists_and_mse_findings_are_not_agency(extract, note):
    # a field label over a verbless list is not a clause (guidelines: no nominalisations);
    # mental-status findings are observations
    assert [s.text for s in extract(note) if s.type == "agency"] == []


def test_components_indicator_continuation_keeps_the_agency_values_of_its_line(extract):
    # A continuation line under a rating ("Goals: Progress. Enrolled on ...") is both an indicator
    # and an agency span; span values are stored by offsets, so the two must not share them.
    note = "Qualitative indicators\n* Goals: Progress. Enrolled on a bricklaying course starting Sept."
    statements = extract(note)
    agency = [s for s in statements if s.type == "agency"]
    indicators = [s for s in statements if s.type == "indicator"]
    assert agency and len(indicators) == 2
    assert all(s.polarity in ("agentic", "non_agentic", "mixed") for s in agency)
    assert all(e.startswith("ag.") for s in agency for e in s.evidence)
    assert {(s.start, s.end) for s in agency}.isdisjoint((s.start, s.end) for s in indicators)
    assert indicators[1].text.startswith("Enrolled on a bricklaying course")
    assert indicators[1].evidence == ("ind.continuation",)


def test_components_rating_line_without_content_gives_no_agency(extract):
    statements = extract("Coping: progress. Mood: no change.")
    assert [s.type for s in statements] == ["indicator", "indicator"]


@pytest.mark.parametrize(
    ("note", "span", "voice", "polarity"),
    [
        (
            'Considers himself a "people pleaser."',
            'Considers himself a "people pleaser."',
            "reported",
            "negative",
        ),
        (
            'Labels self "weak" for needing medication.',
            'Labels self "weak" for needing medication',
            "reported",
            "negative",
        ),
        (
            'Thinks of himself as "a good dad on a bad run."',
            'Thinks of himself as "a good dad on a bad run."',
            "reported",
            None,
        ),
        ('Self-description: "a lost cause."', "a lost cause", "quoted", "negative"),
    ],
)
def test_components_self_view_fragments_the_parser_misreads(extract, note, span, voice, polarity):
    found = _find(extract(note), "self_description", span)
    assert found and found[0].voice == voice
    assert polarity is None or found[0].polarity == polarity
    assert found[0].normalized.startswith("I ")


def test_components_self_view_fragment_questions_are_not_claims(extract):
    assert not [s for s in extract("Sees herself as strong? Unclear.") if s.type == "self_description"]


@pytest.mark.parametrize(
    ("note", "normalized"),
    [
        ("Sees self as a burden on the family.", "I see myself as a burden on the family"),
        ("Feels like a failure.", "I feel like a failure"),
    ],
)
def test_components_subjectless_fragments_normalise_to_first_person(extract, note, normalized):
    found = [s for s in extract(note) if s.type == "self_description"]
    assert found and found[0].normalized == normalized
