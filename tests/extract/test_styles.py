"""Extraction across note styles: curly quotes, transcripts, SOAP sections, titles, list indicators."""

from __future__ import annotations

import pytest

from narrative.extract.indicators import find_indicators, load_indicator_rules
from narrative.extract.segment import all_labels, boundary_chars
from narrative.extract.straighten import fold_text
from narrative.extract.titles import find_titles, load_title_rules, title_polarity
from narrative.extract.valence import text_valence


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("She said, ‘I’m a good dad.’", "She said, 'I'm a good dad.'"),
        ("«Still Here»", '"Still Here"'),
        ("“I can’t.”", '"I can\'t."'),
        ("Pt states she is fine", "He states she is fine"),
        ("Cl reports walking", "He reports walking"),
        ("Pt. arrived late", "Pt. arrived late"),
        ("Via interpreter, client states", "via interpreter, client states"),
        ("Viaduct Rd", "Viaduct Rd"),
    ],
)
def test_straighten_fold_keeps_length_and_offsets(text, folded):
    assert fold_text(text) == folded
    assert len(fold_text(text)) == len(text)


@pytest.mark.parametrize(
    ("text", "starts"),
    [
        ("C: I went.\nT: Good.", ["I", "T:", "Good."]),
        ("S: Pt reports low mood. O: Calm.", ["Pt", "O:", "Calm."]),
        ("Mood\tProgress\tLess tearful.", ["Progress", "Less"]),
        ("she walked to the\nshop and back", []),
    ],
)
def test_segment_boundaries_at_turns_sections_and_cells(text, starts):
    found = [text[i:].split()[0] for i in boundary_chars(text, all_labels()) if i > 0]
    assert found == starts


@pytest.mark.parametrize(
    ("note", "title"),
    [
        ("Chapter title: Learning to move", "Learning to move"),
        ("TITLE: WALKING FORWARD", "WALKING FORWARD"),
        ("Chapter: «Out of the Fog»", "Out of the Fog"),
        ("Chapter title → “Small Steps”", "Small Steps"),
        ("He named the chapter The Long Winter.", "The Long Winter"),
        ("She called the chapter MY OWN ROOM and would not say more.", "MY OWN ROOM"),
        ("Life chapter (session 3): HOLDING ON.", "HOLDING ON"),
        ("Life story exercise — current chapter: THE WAITING ROOM.", "THE WAITING ROOM"),
        ("Title of next chapter — ‘Landing Gear’.", "Landing Gear"),
        ("Prev. title (wk 2) ‘Freefall’ was dropped; chapter now unnamed.", "Freefall"),
        ("Client: I’d call it “The Quiet Bit”.", "The Quiet Bit"),
        ("T: If this were a chapter, what would you title it?\nC: Probably 'Still Here'.", "Still Here"),
        ("T: What would you call this chapter in the book of your life?\nC: Bad Weather.", "Bad Weather"),
        (
            "T: If your recovery were a book, what's this part called?\nC: I'd go with \"Two Steps Forward.\"",
            "Two Steps Forward",
        ),
        ("Review: chapter titles over treatment were 'Stuck' (wk 1) and 'Rewiring' (wk 12).", "Rewiring"),
        (
            'She compared it to a novel she loves, "The Keeper," but titled her own chapter "Keeping the Light On."',
            "Keeping the Light On",
        ),
    ],
)
def test_titles_found_in_every_quoting_style(note, title):
    found = [note[t.start : t.end] for t in find_titles(note, load_title_rules())]
    assert title in found


@pytest.mark.parametrize(
    "note",
    [
        "Title: Progress Note - Session 6",
        "Chapter-title exercise declined today.",
        "T: What would you title this chapter?\nC: I can't think of one yet.",
        "Reading chapter 4 of the workbook, 'Mind Over Mood'.",
        'Chapter prompt attempted again; client shrugged and said "dunno, something boring," and we left it.',
        'She compared it to a novel she loves, "The Keeper."',
    ],
)
def test_titles_hard_negatives(note):
    assert find_titles(note, load_title_rules()) == []


@pytest.mark.parametrize(
    ("note", "domain", "progress"),
    [
        ("Mood -> improving; sleeping 7 hrs.", "mood", "progress"),
        ("Relationships → no change; still avoiding her dad.", "relationships", "no_change"),
        ("Sleep ↑ since starting routine.", "body_health", "progress"),
        ("Mood | setback | low since losing the job", "mood", "setback"),
        ("| Goals | no change | lessons on hold |", "goals", "no_change"),
        ("Coping\tSetback\tDrank twice.", "coping", "setback"),
        ("- Goals: setback - missed two appointments.", "goals", "setback"),
        ("Self-perception [progress]: calls herself decent.", "self_perception", "progress"),
        ("MOOD – SETBACK – anniversary week.", "mood", "setback"),
        ("✓ Coping (progress) — used the app.", "coping", "progress"),
        ("Mood: no change (still 3/10).", "mood", "no_change"),
        ("Relationships, setback: mother did not come to her birthday meal.", "relationships", "setback"),
        ("Coping (+): used grounding at the dentist.", "coping", "progress"),
        ("Mood (−): two days in bed.", "mood", "setback"),
        ("Mood (-): two days in bed.", "mood", "setback"),
        ("Work (=): same hours.", "work_school", "no_change"),
        ("Relationships remain unchanged (no change): polite, like flatmates.", "relationships", "no_change"),
        # an entry on the header's own line, and the common "Rel" abbreviation
        ("Indicators: Work/school – no change.", "work_school", "no_change"),
        ("Qualitative indicators - Mood: progress.", "mood", "progress"),
        ("Rel ↓ – row w/ partner, moved to sister's for 2 nights.", "relationships", "setback"),
        # table rows: a status cell with an arrow or brackets, a row number before the domain
        ("Mood\t↑ progress\tPHQ-9 down from 19 to 11.", "mood", "progress"),
        ("Coping\tStill drinking wine every night.\t[no change]", "coping", "no_change"),
        ("1\tWork/school\tprogress\tPassed the first module.", "work_school", "progress"),
        ("Mood\t↑\tFewer black days.", "mood", "progress"),
    ],
)
def test_indicators_in_list_and_table_formats(note, domain, progress):
    found = find_indicators(note, load_indicator_rules())
    assert [(m.domain, m.progress) for m in found][:1] == [(domain, progress)]


@pytest.mark.parametrize(
    "note",
    ["Mood: low. Affect: restricted.", "A: Improving.", "Domain | Status | Note", "Indicators reviewed."],
)
def test_indicators_not_found_without_domain_and_status(note):
    assert find_indicators(note, load_indicator_rules()) == []


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("not drowning anymore", 1),
        ("out of the fog", 1),
        ("never good enough", -1),
        ("I'm done being the doormat", 1),
        ("a burden on everybody", -1),
        ("Moving House", 0),
        # a passive or helpless self is critical self-talk (corpora/anchors: helpless_self)
        ("I am passive in it", -1),
        ("I am someone things happen to", -1),
        ("I'm not powerless", 1),
        # discourse markers carry no valence ("honest" is not praise here)
        ("My past self wouldn't notice any difference, to be honest", 0),
        ("I am honest with myself", 1),
        # more than a reductive label; recovery; withdrawal
        ("I'm not just the girl in the wheelchair", 1),
        ("someone in long-term recovery from alcohol", 1),
        ("I suppose I'm sort of a hermit these days", -1),
        # "less" reverses the next cue; a no-change phrase carries no valence of its own
        ("less invisible this week", 1),
        ("less confident than before", -1),
        ("neither better nor worse, just here", 0),
        ("Nothing has changed, I'm still useless", -1),
        ("surprised at how far I have come", 1),
        ("Getting Out", 1),
        # what "the one who ..." does carries the valence
        ("I'm the guy who always caves by February", -1),
        ("he is finally the dad who shows up to parents' evening", 1),
        ("I'm the type who bottles everything up", -1),
        ("I am not a puppet", 1),
        ("no way out", -1),
    ],
)
def test_valence_resolves_reversers_and_phrases(text, sign):
    value = text_valence(text)
    assert (value > 0) - (value < 0) == sign


def _statement(extract, note: str, type_: str, span: str):  # noqa: ANN001, ANN202 - fixture, Statement
    """The statement of ``type_`` whose text is ``span`` (KeyError naming what was found if none)."""
    found = {(s.type, s.text): s for s in extract(note)}
    if (type_, span) not in found:
        raise KeyError(f"{(type_, span)} not in {sorted(found)}")
    return found[(type_, span)]


@pytest.mark.parametrize(
    ("title", "polarity"),
    [
        ("Small Steps", "positive"),
        ("Out of the Fog", "positive"),
        ("ROCK BOTTOM", "negative"),
        ("Dad", "neutral"),
    ],
)
def test_titles_polarity_with_lexicon(title, polarity):
    assert title_polarity(title) == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "type_", "span", "voice", "polarity"),
    [
        ("She said, ‘I’m a good dad.’", "self_description", "I’m a good dad", "quoted", "positive"),
        (
            "S: Pt states “I’m useless, I can’t cook.”",
            "self_description",
            "I’m useless",
            "quoted",
            "negative",
        ),
        (
            "Client: I signed up for the evening class.",
            "agency",
            "I signed up for the evening class",
            "quoted",
            "agentic",
        ),
        ("«I'm a survivor,» she said.", "self_description", "I'm a survivor", "quoted", "positive"),
        (
            'Email from client: "I didn\'t freeze this time."',
            "agency",
            "I didn't freeze this time",
            "quoted",
            "agentic",
        ),
        # guidelines section 4: a subjectless SOAP fragment is the clinician's record, also under S:;
        # a self-view fragment there is attributed to the client
        ("S: Went to the gym twice.", "agency", "Went to the gym twice", "clinician", "agentic"),
        (
            'S: Used to be "the bookworm of the family."',
            "self_description",
            'Used to be "the bookworm of the family."',
            "reported",
            "neutral",
        ),
    ],
)
def test_styles_client_voice_in_every_style(extract, note, type_, span, voice, polarity):
    st = _statement(extract, note, type_, span)
    assert (st.voice, st.polarity) == (voice, polarity)


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "T: You are stronger than you think.\nC: Maybe.",
        "A: Client demonstrates emerging assertiveness. P: Continue CBT.",
        "O: Bright affect. A: Improving.",
    ],
)
def test_styles_therapist_turns_and_assessment_yield_no_claims(extract, note):
    assert [s for s in extract(note) if s.type in ("self_description", "agency")] == []


@pytest.mark.slow
@pytest.mark.parametrize("shorthand", ["c/o", "w/o", "s/p"])
def test_styles_clinical_shorthand_is_one_token(nlp, shorthand):
    assert shorthand in [t.text for t in nlp.make_doc(f"Pt {shorthand} poor sleep.")]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "O: Cl tearful, wringing hands.",
        "Pt animated, laughing.",
        "Pt c/o headaches and poor sleep.",
        "Client endorses low mood.",
    ],
)
def test_styles_observations_and_symptom_reports_are_not_agency(extract, note):
    assert [s for s in extract(note) if s.type == "agency"] == []


@pytest.mark.parametrize("text", ["Pt avoids the bus.", "“I’m ok,” she said.", "I'm ok, she said."])
def test_straighten_pipe_keeps_each_texts_context(nlp, text):
    # the unfold component rebuilds a folded Doc; nlp.pipe(as_tuples=True) must still pair it
    ((doc, context),) = nlp.pipe([(text, ("n1", 7))], as_tuples=True)
    assert doc.text == text and context == ("n1", 7)


def test_extract_texts_keeps_row_ids_of_folded_texts(nlp):
    from narrative.extract import extract_texts

    rows = [("r1", "Pt avoids the bus."), ("r2", "“I’m hiding it,” she said.")]
    assert {st.note_id for st in extract_texts(nlp, rows)} == {"r1", "r2"}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "voice", "polarity"),
    [
        # an act after a line's label that the parser hangs off the label
        (
            "Review, indicators:\n1. Work – progress: enrolled on a bookkeeping course at the college.",
            "enrolled on a bookkeeping course at the college",
            "clinician",
            "agentic",
        ),
        (
            "- Goals – setback: still unable to take the bus alone.",
            "still unable to take the bus alone",
            "clinician",
            "non_agentic",
        ),
        # "joined a ... group" is a new membership, not the session's group
        (
            "Social: Joined a walkers' group on Sundays.",
            "Joined a walkers' group on Sundays",
            "clinician",
            "agentic",
        ),
        # "'s" read as passive "is" before an object or an -ing complement is the perfect "has"
        ("He's started cycling to work again.", "He's started cycling to work again", "clinician", "agentic"),
        # the leading reporting verb read as a noun: the clause is the client's reported words
        (
            "Reports she has booked a dentist appointment.",
            "she has booked a dentist appointment",
            "reported",
            "agentic",
        ),
        # a name the note gives the client by role is the client wherever it acts
        (
            "Client (Maya) attended. Maya cooked for her flatmates on Friday.",
            "Maya cooked for her flatmates on Friday",
            "clinician",
            "agentic",
        ),
        (
            "Veteran drove to the clinic on his own.",
            "Veteran drove to the clinic on his own",
            "clinician",
            "agentic",
        ),
    ],
)
def test_styles_note_fragments_the_parser_misreads(extract, note, span, voice, polarity):
    st = _statement(extract, note, "agency", span)
    assert (st.voice, st.polarity) == (voice, polarity)


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Group: Client (Maya) attended. Tom cooked for the group on Friday.",  # another named member
        "Joined the group late and left early.",  # the session itself
        "Pt attended today's session.",
        "Veteran reports nightmares 4x/week.",  # a symptom noun read as a verb
    ],
)
def test_styles_misread_fragments_that_are_not_the_clients_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "voice", "polarity"),
    [
        # a quotation that says what a thing is speaks in the voice of whoever says it
        (
            'He said the main change is that "I can ask for help at work now."',
            "I can ask for help at work now",
            "quoted",
            "agentic",
        ),
        # saying no is an act, not its negation
        (
            'She told me, "I can say no to my brother now."',
            "I can say no to my brother now",
            "quoted",
            "agentic",
        ),
        # control by another person over the client, the client inside the complement
        (
            "He said his father decides where he works.",
            "his father decides where he works",
            "reported",
            "non_agentic",
        ),
        # "it" continuing a symptom agent's clause is that agent
        (
            'She said, "The panic runs my mornings, it chooses which bus I take."',
            "it chooses which bus I take",
            "quoted",
            "non_agentic",
        ),
    ],
)
def test_styles_agency_frames_and_agents(extract, note, span, voice, polarity):
    st = _statement(extract, note, "agency", span)
    assert (st.voice, st.polarity) == (voice, polarity)


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I can see her photo without falling apart", 1),
        ("I am falling apart", -1),
        ("not falling apart anymore", 1),
    ],
)
def test_valence_reverser_flips_a_following_phrase(text, sign):
    from narrative.extract.valence import text_valence

    assert (text_valence(text) > 0) - (text_valence(text) < 0) == sign


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "type_", "span", "voice", "polarity"),
    [
        # transcript turns run together on one line: each turn is its speaker's
        (
            "Excerpt. T: You called yourself a quitter. C: Well. I finished the course. T: Say more.",
            "agency",
            "I finished the course",
            "quoted",
            "agentic",
        ),
        # "decides if": the if-clause is what the symptom settles, not a hypothetical
        (
            "C: The fear decides if I leave the house.",
            "agency",
            "The fear decides if I leave the house",
            "quoted",
            "non_agentic",
        ),
        (
            "Pt remains unable to drive since the crash.",
            "agency",
            "Pt remains unable to drive since the crash",
            "clinician",
            "non_agentic",
        ),
        ("C: I answer the door now.", "agency", "I answer the door now", "quoted", "agentic"),
        # a feeling about the client's own ability carries the ability's agency
        (
            "Client: I love that I can cook for myself again.",
            "agency",
            "I love that I can cook for myself again",
            "quoted",
            "agentic",
        ),
    ],
)
def test_styles_turns_and_frames_on_one_line(extract, note, type_, span, voice, polarity):
    st = _statement(extract, note, type_, span)
    assert (st.voice, st.polarity) == (voice, polarity)


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "T: How was the week? C: Busy. T: I finished the report for your GP.",  # the therapist's turn
        'She said, "I don\'t know if I can do it."',  # an open question, not a claim
        "Pt answered all the questions.",  # answering in the session
        "I: Thought record; Socratic questioning re “I never get anything right”.",  # a thought examined
        "C: I was trembling the whole time.",  # the body, not an act
        "Pt then came on the line.",  # joining the call
        "Diagnosis: generalised anxiety disorder.",
    ],
)
def test_styles_turns_and_frames_hard_negatives(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


def test_reflection_cue_alone_is_not_a_statement(extract):
    # "Biggest difference?" answered in the next sentence: the answer is the statement
    found = [(s.type, s.text) for s in extract("Pt: “Biggest difference? I answer the phone now.”")]
    assert found == [("agency", "I answer the phone now")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # a life event done to the client, "was" left out of the fragment
        ("Evicted by landlord in March.", "Evicted by landlord in March", "non_agentic"),
        ("Signed off sick from 14/06.", "Signed off sick from 14/06", "non_agentic"),
        ("Signed up for a pottery course.", "Signed up for a pottery course", "agentic"),
        # avoidance, escape and problem behaviours held back are the client's doing
        ("He no longer avoids the supermarket.", "He no longer avoids the supermarket", "agentic"),
        ("C: My heart was racing. But I didn't run out.", "I didn't run out", "agentic"),
        ("C: I don't gamble on the weekends any more.", "I don't gamble on the weekends any more", "agentic"),
        ("C: The fear took over and I bolted.", "I bolted", "non_agentic"),
    ],
)
def test_styles_fragment_events_and_held_back_behaviour(extract, note, span, polarity):
    assert _statement(extract, note, "agency", span).polarity == polarity


def test_styles_confession_is_not_a_life_event(extract):
    assert [s.text for s in extract("Admitted to drinking more this week.") if s.type == "agency"] == []


@pytest.mark.slow
def test_styles_tired_of_an_identity_keeps_its_valence(extract):
    # tired of an identity the client still holds: its own valence
    note = "C: I'm sick of being the one who cleans up after everyone."
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert found["I'm sick of being the one who cleans up after everyone"].polarity == "negative"


@pytest.mark.slow
def test_styles_free_relative_about_the_speaker_is_a_self_description(extract):
    found = [s.text for s in extract("C: I'm not who I was last spring.") if s.type == "self_description"]
    assert found == ["I'm not who I was last spring"]


@pytest.mark.parametrize("note", ["C: I'm sick of this weather.", "C: I'm not sure who I was talking to."])
def test_styles_identity_frames_hard_negatives(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Pt rang duty line, tearful.",  # contact with the service, not reaching out
        "Pt texted duty phone 09:10 to cancel.",
        "Rebooked for Thu 11:00.",  # the clinician's acts
        "Advised re: debt advice service.",
        "Signposted to occupational health.",
        "Rated belief in “nobody likes me” at 60.",  # a rating given in the session
        # a note that names the client by role names others by name alone
        "Couple session (client: Sam T.; partner Alex attending). Alex said Sam “never cooks anything.”",
    ],
)
def test_styles_service_contact_and_other_speakers_are_not_agency(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_styles_reaching_out_is_still_agency(extract):
    found = [
        s.text for s in extract("She texted her sister for the first time in a year.") if s.type == "agency"
    ]
    assert found == ["She texted her sister for the first time in a year"]


@pytest.mark.slow
def test_styles_named_turns_in_a_couples_session(extract):
    note = (
        "Couples session (identified client: Omar; partner Lina present).\n"
        "Lina: He never helps with anything.\n"
        "Omar: I cooked every night this week. I'm not lazy."
    )
    found = {(s.type, s.text, s.voice) for s in extract(note) if s.type in ("agency", "self_description")}
    assert found == {
        ("agency", "I cooked every night this week", "quoted"),
        ("self_description", "I'm not lazy", "quoted"),
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "He has returned to refereeing on Saturdays.",
            "He has returned to refereeing on Saturdays",
            "agentic",
        ),
        ("Has kept every appt since March.", "Has kept every appt since March", "agentic"),
        (
            "Still relying on diazepam to get through the day.",
            "Still relying on diazepam to get through the day",
            "non_agentic",
        ),
        (
            "Work – setback: laid off from the warehouse in May.",
            "laid off from the warehouse in May",
            "non_agentic",
        ),
    ],
)
def test_styles_returns_commitments_and_reliance(extract, note, span, polarity):
    assert _statement(extract, note, "agency", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: I'm a dad who reads to his kids now.", "positive"),  # a new self the client owns
        ("C: I'm finally someone who says what I need.", "positive"),
        ("C: Now I'm just the guy who sits at home.", "negative"),  # made less
    ],
)
def test_styles_new_self_polarity(extract, note, polarity):
    (st,) = [s for s in extract(note) if s.type == "self_description"]
    assert st.polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize("note", ["O: Neatly dressed; mood so-so; no SI.", "C: I dunno."])
def test_styles_appearance_and_not_knowing_are_not_agency(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_styles_getting_dressed_is_the_clients_act(extract):
    found = {
        s.text: s.polarity
        for s in extract("C: Today I got dressed and rang my sister.")
        if s.type == "agency"
    }
    assert "agentic" in found.values() and "non_agentic" not in found.values()


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # a valued role kept through a loss, and a concession that is no hypothetical
        (
            "C: I'm still a mother, even if the kids live with their dad.",
            "I'm still a mother, even if the kids live with their dad",
            "positive",
        ),
        (
            "C: I'm the first in my family to finish school.",
            "I'm the first in my family to finish school",
            "positive",
        ),
        ("C: I'm still an addict.", "I'm still an addict", "negative"),  # a label kept is not a role
    ],
)
def test_styles_kept_roles_firsts_and_concessions(extract, note, span, polarity):
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
def test_styles_group_note_with_a_present_list_keeps_the_clients_words(extract):
    # "Present:" and "Homework:" are section labels, not speakers, even when tagged as names
    note = (
        "Skills group, week 3. Client: Mr Idris K. Present: Idris, P.L., Sam. Idris said, "
        "“I walked the dog every morning this week.” Homework: diary cards."
    )
    found = [(s.type, s.text, s.voice) for s in extract(note) if s.type == "agency"]
    assert ("agency", "I walked the dog every morning this week", "quoted") in found


@pytest.mark.slow
def test_styles_client_nickname_in_brackets_is_the_client(extract):
    note = "Group, session 4. Identified client: Margaret (Peggy) D. Peggy said she has joined a choir."
    found = [s.text for s in extract(note) if s.type == "agency"]
    assert found == ["she has joined a choir"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # an act after an indicator line's label, with or without a bullet or a status tag
        (
            "Review.\n• Work/School: presented at team meeting for the first time [progress].",
            "presented at team meeting for the first time",
            "agentic",
        ),
        (
            "Relationships [progress]: rang her friend Sam and met for a walk.",
            "rang her friend Sam and met for a walk",
            "agentic",
        ),
        # a disclosure or request made to someone outside the session
        ("He has told his wife about the incident for the first time.", None, "agentic"),
        (
            "Client: I asked my manager for the Friday off.",
            "I asked my manager for the Friday off",
            "agentic",
        ),
        # an act the symptom drove
        (
            "Pt skipped the team mtg Mon b/c of panic.",
            "Pt skipped the team mtg Mon b/c of panic",
            "non_agentic",
        ),
        # "but" after a sentence break the parser put inside one sentence
        (
            "C: The pain wanted me on the couch all week but I still did my ten-minute walks.",
            "The pain wanted me on the couch all week but I still did my ten-minute walks",
            "mixed",
        ),
    ],
)
def test_styles_acts_in_label_lines_disclosures_and_symptom_causes(extract, note, span, polarity):
    span = span or note.rstrip(".")
    assert _statement(extract, note, "agency", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "She told me she is tired of it all.",  # the session's own talk
        "Pt told writer about her week.",
        "Plan: ring GP and meet with team.",  # a plan, not a past act
        "Pt presented at A&E on Friday.",  # a service contact, not a presentation
        "Dictated but not read.",  # keeping the record
    ],
)
def test_styles_session_talk_plans_and_record_keeping_are_not_acts(extract, note):
    assert [s.text for s in extract(note) if s.type == "agency"] == []


@pytest.mark.slow
def test_styles_a_reason_that_is_no_symptom_leaves_the_act_agentic(extract):
    note = "She went to work because of her daughter."
    assert _statement(extract, note, "agency", note.rstrip(".")).polarity == "agentic"


@pytest.mark.slow
def test_styles_frame_after_a_line_label_reports_the_client(extract):
    note = 'Self-perception: progress – states she is "a person with depression, not a depressed person".'
    found = [(s.type, s.voice) for s in extract(note) if s.type == "self_description"]
    assert found == [("self_description", "reported")]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        (
            "C: I went. Still think I’m a fraud there.",
            "Still think I’m a fraud there",
            "negative",
        ),  # "I" left out
        (
            "Portal message: “I took Alfie to baby group on my own!! Still feel like a rubbish mum most days.”",
            "Still feel like a rubbish mum most days",
            "negative",
        ),  # "I" left out before "feel like" + an identity noun
        (
            "C: I’m learning to be the mom I didn’t have.",
            "I’m learning to be the mom I didn’t have",
            "positive",
        ),
    ],
)
def test_styles_dropped_i_frames_and_learning_to_be(extract, note, span, polarity):
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "EMDR s6. NC: “I am powerless.” PC: “I can protect myself now.” VoC 2/7.",  # cognitions worked on
        "CPT s4. Stuck point: ‘I can’t trust my own judgement’.",
        "Client described the “I’m a fraud” story showing up before the meeting.",  # a story's name
    ],
)
def test_styles_cognitions_and_named_stories_are_mentions(extract, note):
    assert [s.text for s in extract(note) if s.type in ("self_description", "agency")] == []


@pytest.mark.slow
def test_styles_a_speech_label_still_hands_over_to_the_client(extract):
    assert _statement(extract, "In her words: “I’m a survivor.”", "self_description", "I’m a survivor")


@pytest.mark.slow
def test_styles_a_time_in_a_message_header_is_not_its_colon(extract):
    note = "Text msg from client (rec’d 21:47 Sat, copied to record Mon):\n“had a drink but only 1.”"
    assert not [s for s in extract(note) if s.type == "agency" and "copied" in s.text]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("pt says hes a burden to her.", "hes a burden to her"),  # typed without the apostrophe
        ("says shes a better mom on the meds.", "shes a better mom on the meds"),
    ],
)
def test_styles_contractions_typed_without_apostrophes(extract, note, span):
    assert _statement(extract, note, "self_description", span).voice == "reported"
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.slow
def test_styles_taking_transport_is_an_act_and_dread_is_a_feeling(extract):
    note = "C: I got the bus to the job centre on my own."
    assert (
        _statement(extract, note, "agency", "I got the bus to the job centre on my own").polarity == "agentic"
    )
    assert not [s for s in extract("C: I dread every shift.") if s.type == "agency"]


@pytest.mark.slow
def test_styles_a_status_between_label_and_a_persisting_safety_behaviour(extract):
    note = "Relationships: no change; still avoiding her sister’s calls."
    assert _statement(extract, note, "agency", "still avoiding her sister’s calls").polarity == "non_agentic"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # one self asserted against a denied, worse or reductive one
        ("C: I’m a mum who got ill, not a bad mum.", "I’m a mum who got ill, not a bad mum", "positive"),
        ("C: I’m someone who slipped, not someone who gave up.", None, "positive"),
        ("C: I’m a failure, not a fighter.", None, "negative"),
        # a choice between two names for one diagnosis is no judgement
        ("C: I’m an anorexic, not someone who has anorexia.", None, "neutral"),
        # a diagnostic label stated as plain fact, and one that is weighed
        ("C: I’m an alcoholic.", None, "neutral"),
        ("C: I'm just an addict.", None, "negative"),
    ],
)
def test_styles_denied_selves_and_plain_labels(extract, note, span, polarity):
    span = span or note.removeprefix("C: ").rstrip(".")
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: I’m not damaged goods.", "positive"),  # the "not" hung on the predicate's modifier
        ("C: I’m not a total write-off.", "positive"),
        ("C: I'm not my dad.", "positive"),  # distance from a parent
        ("C: I'm not a good mother.", "negative"),
        ("C: I'm not a mother anymore.", "neutral"),  # a role lost, left undecided
    ],
)
def test_styles_denied_labels(extract, note, polarity):
    span = note.removeprefix("C: ").rstrip(".")
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # resolve: a problem behaviour, an escape or a controlling thing refused
        ("C: I didn’t cut.", "I didn’t cut", "agentic"),
        ("C: Shaking the whole time but I didn’t leave.", "I didn’t leave", "agentic"),
        ("C: I didn't leave the house all week.", "I didn't leave the house all week", "non_agentic"),
        (
            "C: I'm not going to let one afternoon run the rest of my life.",
            "I'm not going to let one afternoon run the rest of my life",
            "agentic",
        ),
        ("C: I'm not going to go.", "I'm not going to go", "non_agentic"),
        # a checking or reassurance ritual, repeated
        ("She still weighs herself every morning.", "She still weighs herself every morning", "non_agentic"),
        ("He walks the dog 3 times a day.", "He walks the dog 3 times a day", "agentic"),
    ],
)
def test_styles_resolve_and_rituals(extract, note, span, polarity):
    assert _statement(extract, note, "agency", span).polarity == polarity


@pytest.mark.slow
def test_styles_the_one_quoted_name_is_the_client(extract):
    note = (
        "Narrative therapy, session 4. Kim calls the depression “the Fog”. “The Fog decides what kind of "
        "day I have.” Kim went to her niece’s football match on Sunday."
    )
    found = {s.text: s.polarity for s in extract(note) if s.type == "agency"}
    assert found.get("Kim went to her niece’s football match on Sunday") == "agentic"


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        # two quoted names (a couples note): neither is taken for the client
        "Couples session. Sam said, “She never listens.” Priya said, “I do.” Sam went to the gym.",
        # a note that says "client" names the others: L. is another member
        'Group. Client said he "lost it" with his son. L. said he has "got it under control now". L. went home.',
    ],
)
def test_styles_names_that_are_not_the_client(extract, note):
    assert not [s for s in extract(note) if s.type == "agency" and s.text.startswith(("Sam went", "L. went"))]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        # a research interview with one-letter turns, and with full role labels
        "Interview, participant P12. I = interviewer, P = participant.\nI: How are things?\nP: Honestly? I’m a has-been.",
        "Life-story interview.\nInterviewer: How are things?\nParticipant: Honestly? I’m a has-been.",
        # a focus group whose analysed speaker is named
        "Focus group 3. Speaker analysed: Bev. Others: Ron.\nRon: I’m a nurse now.\nBev: Honestly? I’m a has-been.",
    ],
)
def test_styles_interview_and_focus_group_turns(extract, note):
    found = [(s.text, s.voice) for s in extract(note) if s.type == "self_description"]
    assert found == [("I’m a has-been", "quoted")]


@pytest.mark.slow
def test_styles_birp_intervention_and_plan_are_not_interview_turns(extract):
    note = (
        "BIRP. B: Pt calm.\nI: Reviewed sleep diary.\nR: Pt engaged.\nP: I am the duty worker until Friday."
    )
    assert not [s for s in extract(note) if s.type == "self_description" and s.voice == "quoted"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Work/school: sat both exams without leaving early (progress).",
            "sat both exams without leaving early",
        ),
        (
            "Mood\tprogress\tok\nWork/school\tprogress\tReturned to full duties at the depot on 3 March.",
            "Returned to full duties at the depot on 3 March",
        ),
    ],
)
def test_styles_tests_sat_and_duties_returned_to(extract, note, span):
    assert _statement(extract, note, "agency", span).polarity == "agentic"


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Agreed to trial a sleep diary.",
        "Confirmed she is safe.",
        "I sat in the car for an hour.",
        "Focus group 2. Analysed speaker: Ruth (P5). Also present: Gary (P6).",  # a research record
    ],
)
def test_styles_session_plans_logistics_and_sitting_are_not_acts(extract, note):
    assert not [s for s in extract(note) if s.type == "agency"]


@pytest.mark.slow
def test_styles_self_referred_is_no_self_view(extract):
    assert not [
        s
        for s in extract("Intake. 34 y/o F, self-referred. MSE: well-groomed.")
        if s.type == "self_description"
    ]
    assert _statement(
        extract, "Describes self as “a coper”.", "self_description", "Describes self as “a coper”"
    )


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "found"),
    [
        ("GAS goal 1: the panic attacks forced her to leave the call centre in week 9.", "non_agentic"),
        ("The voices kept him awake.", "non_agentic"),
        ("Her mother forced her to leave.", None),  # another person in the clinician's record
        ("Voice dictated progress note. Client seen for session 9.", None),  # not a symptom
    ],
)
def test_styles_a_symptom_steering_the_client_in_the_record(extract, note, found):
    polarities = [s.polarity for s in extract(note) if s.type == "agency"]
    assert polarities == ([found] if found else [])


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "polarity"),
    [
        ("C: I'm more of a hider.", "negative"),
        ("C: Now I'm more of a planner.", "positive"),
        ("C: I'm a hard worker.", "positive"),
        ("C: I'm a has-been.", "negative"),
    ],
)
def test_styles_self_descriptive_nouns_carry_valence(extract, note, polarity):
    span = note.removeprefix("C: ").rstrip(".")
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Agreed to notice when she says “I’m pathetic” and write it down.",  # a thought watched for
        "Homework: catch himself each time he thinks “I’m a burden”.",
        "Thought record re: “I’m a let-down” reviewed in session.",
        "Noted fusion with “I’m beyond help”; practised defusion.",  # ACT
        "She hummed a line from her favourite song, “I’m a survivor”.",  # lyrics
    ],
)
def test_styles_thoughts_watched_for_and_lyrics_are_mentions(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


@pytest.mark.slow
def test_styles_agreeing_with_a_quoted_self_view_is_still_a_claim(extract):
    assert _statement(extract, "She agreed with “I’m a survivor”.", "self_description", "I’m a survivor")


@pytest.mark.slow
@pytest.mark.parametrize(
    "header",
    [
        "Worksheet completed by the client at home (typed as written):",
        "Tree of Life, written up by the participant herself; her words:",
        "Reflection typed by a service user before the review:",
    ],
)
def test_styles_a_text_the_header_says_the_client_wrote_is_the_clients(extract, header):
    note = header + "\nMy roots are in Cork. I am a calm woman. I decided to apply for the course."
    found = {s.text: s.voice for s in extract(note) if s.type in ("self_description", "agency")}
    assert found.get("I am a calm woman") == "quoted"
    assert found.get("I decided to apply for the course") == "quoted"


@pytest.mark.slow
def test_styles_a_write_up_by_the_facilitator_is_not_the_clients_text(extract):
    note = (
        "Tree of Life, write-up by the facilitator:\nI asked Kofi about his roots. I was struck by his calm."
    )
    assert [s for s in extract(note) if s.voice == "quoted"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Client: “Three operations and I’m still standing.”", "I’m still standing"),
        ("She said, “I’m a widow. I’m not finished.”", "I’m not finished"),
        ("Pt: “After all that, I’m still here.”", "I’m still here"),
    ],
)
def test_styles_having_come_through_is_a_positive_self_view(extract, note, span):
    assert _statement(extract, note, "self_description", span).polarity == "positive"


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    ["Client: “I’m still going to the gym.”", "Client: “I’m not finished with the forms.”"],
)
def test_styles_still_going_somewhere_is_no_self_view(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Referred by tutor. Student said, “I used to be the smart one.”", "I used to be the smart one"),
        (
            "DAP – sess 4.\nD: Pt: I’m always the one who cancels. Pt went to her sister’s.",
            "I’m always the one who cancels",
        ),
    ],
)
def test_styles_students_and_a_speaker_label_after_a_section_label(extract, note, span):
    assert _statement(extract, note, "self_description", span).voice == "quoted"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("Final group. He said, “I came in as a wreck.”", "I came in as a wreck", "negative"),
        (
            "Review: “I’m leaving as someone who can ask for help.”",
            "I’m leaving as someone who can ask for help",
            "positive",
        ),
        (
            "In her words: “I came in thinking I was the problem.”",
            "I came in thinking I was the problem",
            "negative",
        ),
    ],
)
def test_styles_who_the_client_was_on_arriving_and_is_on_leaving(extract, note, span, polarity):
    found = _statement(extract, note, "self_description", span)
    assert found.polarity == polarity
    assert not [s for s in extract(note) if s.type == "agency" and s.text == span]


@pytest.mark.slow
def test_styles_coming_in_as_a_favour_is_an_act_not_a_self_view(extract):
    assert not [
        s for s in extract("Client: “I came in as a favour to my mum.”") if s.type == "self_description"
    ]


@pytest.mark.slow
def test_styles_an_indicator_line_ends_the_clinicians_section(extract):
    note = (
        "BIRP review. B: 10/12 sessions attended. I: GAS goals reviewed.\n"
        "Goals (GAS 1, buses alone) – progress: took the 17 bus to town on her own.\n"
        "P: Fortnightly."
    )
    found = {s.text: s.polarity for s in extract(note) if s.type == "agency"}
    assert found.get("took the 17 bus to town on her own") == "agentic"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ("Client: “I’m not the woman I was.”", "I’m not the woman I was", "negative"),
        ("Pt: “Now I’m just an old man in a chair.”", "Now I’m just an old man in a chair", "negative"),
        (
            "C: “I’m always the one who apologises first.”",
            "I’m always the one who apologises first",
            "negative",
        ),
        ("C: “I’m just not a morning person.”", "I’m just not a morning person", "neutral"),  # a preference
    ],
)
def test_styles_lost_reduced_and_stuck_selves_are_negative(extract, note, span, polarity):
    assert _statement(extract, note, "self_description", span).polarity == polarity


@pytest.mark.slow
def test_styles_a_discharge_letter_to_the_client_names_the_client_you(extract):
    note = (
        "Discharge letter to client (cc GP).\nKia ora Aroha, When we started you named this chapter “Low Tide”; "
        "at our last session you said it’s now called “Turning Tide.”"
    )
    assert [s.text for s in extract(note) if s.type == "chapter_title"] == ["Low Tide", "Turning Tide"]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "kind", "span"),
    [
        ("Dear Jonah, You went back to the gym on Tuesday.", "agency", "You went back to the gym on Tuesday"),
        (
            "Dear Sam, You described yourself as “a survivor”.",
            "self_description",
            "You described yourself as “a survivor”",
        ),
        (
            "Termination letter to client (copy in chart).\nDear Marcus, you told me you were “a burnout nobody would hire.”",
            "self_description",
            "you were “a burnout nobody would hire.”",
        ),
    ],
)
def test_styles_in_a_letter_to_the_client_you_is_the_client(extract, note, kind, span):
    assert span in [s.text for s in extract(note) if s.type == kind]


@pytest.mark.slow
def test_styles_generic_you_in_the_clients_words_stays_generic(extract):
    assert [s for s in extract("C: “You can’t show weakness in medicine.”") if s.type == "agency"] == []


@pytest.mark.parametrize(
    ("line", "domain", "progress"),
    [
        ("Goal 1 (back to college) – progress: re-enrolled for spring.", "goals", "progress"),
        ("Goal 2 (sleep) – no change: still awake past 2 most nights.", "goals", "no_change"),
        ("Goal 3 (driving): +1, progress – drove to her mum's twice.", "goals", "progress"),
    ],
)
def test_styles_numbered_goal_labels_are_indicators(line, domain, progress):
    found = find_indicators(line, load_indicator_rules())
    assert [(m.domain, m.progress) for m in found] == [(domain, progress)]


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "Grief counselling. “I feel empty today,” she said.",  # this moment
        "C: I just felt numb.",
        "Pt says she feels “a bit brighter.”",  # a change of mood
    ],
)
def test_styles_passing_feelings_are_no_self_view(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


@pytest.mark.slow
def test_styles_a_lasting_feeling_about_oneself_stays_a_self_view(extract):
    assert _statement(extract, "Pt says she feels worthless.", "self_description", "she feels worthless")


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        "T: What would your brother say about you?\nC: That I'm lazy.",
        "Th: What did the voices say this time? Pt: That I'm rotten and I should stay in bed.",
    ],
)
def test_styles_that_answers_about_others_words_are_not_the_clients_claims(extract, note):
    assert [s.text for s in extract(note) if s.type in ("self_description", "agency")] == []


@pytest.mark.slow
def test_styles_that_answer_about_the_clients_own_view_is_a_claim(extract):
    note = "T: What do you think of yourself?\nC: That I'm a failure."
    assert _statement(extract, note, "self_description", "I'm a failure").polarity == "negative"


@pytest.mark.slow
def test_styles_a_domain_label_is_no_speaker_of_the_quote_after_it(extract):
    note = "Self-perception – no change: still says “I am a useless person”."
    assert _statement(extract, note, "self_description", "I am a useless person").voice == "quoted"


@pytest.mark.slow
def test_styles_an_evaluative_adjective_read_as_a_passive_is_a_self_view(extract):
    note = 'She said she\'s "worthless" and that nobody could help her.'
    found = _statement(extract, note, "self_description", 'she\'s "worthless"')
    assert found.polarity == "negative"
    assert not [s for s in extract(note) if s.type == "agency" and "worthless" in s.text]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Peer support log. Peer worker: Olu. Person supported: Bernadette. Bernadette wants to try the choir next month.",
            "Bernadette wants to try the choir next month",
        ),
        (
            "Crisis line log. Caller: Priti, 34. Priti rang her cousin and went to stay with her.",
            "Priti rang her cousin",
        ),
    ],
)
def test_styles_callers_pupils_and_people_supported_are_the_client(extract, note, span):
    assert any(s.text.startswith(span) for s in extract(note) if s.type == "agency")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Narrative interview. Participant “Jade” (pseudonym).\nInterviewer: So what changed?\n"
            "Jade: Nobody showed me how to pay bills, and I’m paying them myself.",
            "I’m paying them myself",
        ),
        (
            "Oral history interview, narrator Ray, 67.\nInterviewer: And after that?\n"
            "Ray: I got myself on a computer course at the library.",
            "I got myself on a computer course at the library",
        ),
    ],
)
def test_styles_a_quoted_pseudonym_or_a_narrator_names_the_client(extract, note, span):
    assert _statement(extract, note, "agency", span).voice == "quoted"


@pytest.mark.parametrize(
    ("line", "domain", "progress"),
    [
        ("(1) Goals – progress (GAS +1): enrolled in night classes and went to 4 of 6.", "goals", "progress"),
        (
            "2) Relationships – no change (GAS 0): brother still not returning calls.",
            "relationships",
            "no_change",
        ),
        ("[Mood – progress] More good days than bad.", "mood", "progress"),
        ("[Body/health – no change] Knee still limiting walks.", "body_health", "no_change"),
    ],
)
def test_styles_numbered_rows_and_bracketed_domain_status_are_indicators(line, domain, progress):
    found = find_indicators(line, load_indicator_rules())
    assert [(m.domain, m.progress) for m in found] == [(domain, progress)]


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I'm not my PTSD", 1),
        ("the fog lifting", 1),
        ("someone with her own voice", 1),
        ("Surviving, Not Living", -1),
        ("I'm not living with my parents", 0),
    ],
)
def test_styles_valence_of_more_than_a_condition_and_getting_by(text, sign):
    value = text_valence(text)
    assert (value > 0) - (value < 0) == sign


@pytest.mark.slow
def test_styles_a_date_abbreviation_can_end_a_sentence(extract):
    note = "S: Went to Asda alone Sat, first time since Feb. Says she is “a burden on everyone”."
    found = {s.text: s.type for s in extract(note)}
    assert found.get("she is “a burden on everyone”") == "self_description"
    assert not [t for t in found if "Says" in t]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("note", "kind", "span"),
    [
        (  # unquoted, after a header naming it
            "E-mail from client pasted into record (18/02), sent ahead of session 9:\n"
            "Hi Rachel,\nJust so you know – I went to Dad’s on Sunday. I just left after pudding like we practised.",
            "agency",
            "I went to Dad’s on Sunday",
        ),
        (  # quoted right after its header, which the parser hangs on the header's verb
            "Email from client rec’d Sat 08:12, pasted with consent: “Hi Jo, sorry to email on a weekend. "
            "The panic made me turn round at the station and I feel like the worst son in the world. Dev”",
            "agency",
            "The panic made me turn round at the station",
        ),
        (
            "Email from client rec’d Sat 08:12, pasted with consent: “Hi Jo, sorry to email on a weekend. "
            "The panic made me turn round at the station and I feel like the worst son in the world. Dev”",
            "self_description",
            "I feel like the worst son in the world",
        ),
        (  # a message from the client by another role's name
            "Secure message from Veteran, 02/11, 22:14 (copied to note):\n"
            "Doc – rough week. I'm the guy who always shows up for his unit and now I can't even show up for group.",
            "self_description",
            "I'm the guy who always shows up for his unit",
        ),
        (  # "just wanted to say ...": the message, not the wish
            "Email from client, pasted to record 3/10:\nHi Jo, just wanted to say I ate lunch in the canteen today.",
            "agency",
            "I ate lunch in the canteen today",
        ),
    ],
)
def test_styles_a_message_pasted_after_its_header_is_the_clients(extract, note, kind, span):
    assert _statement(extract, note, kind, span).voice == "quoted"


def test_styles_via_interpreter_opening_keeps_the_reported_act(extract):
    note = "Via interpreter, client states he has been going to the walking group at the mosque on Tuesdays."
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    act = "he has been going to the walking group at the mosque on Tuesdays"
    assert act in found and found[act].voice == "reported"
    assert note[found[act].start : found[act].end] == act  # offsets into the original text


@pytest.mark.parametrize(
    "text",
    [
        "S: “I’m ok.”\nO: Pt tearful.\nA: low mood. Plan: review in 2 wks.",
        "Client: I signed up for the course.\nTherapist: How did that feel?",
        "Mood\tlow\tsame\nWork\tback on shifts\tprogress",
    ],
)
def test_segments_mark_starts_at_each_boundary_and_leave_no_parse_text_behind(nlp, text):
    from narrative.extract.straighten import PARSE_TEXT_KEY, fold_text

    doc = nlp(text)
    starts = {t.idx for t in doc if t.is_sent_start}
    wanted = {c for c in boundary_chars(fold_text(text), all_labels()) if c > 0 and not text[c].isspace()}
    assert wanted <= starts  # the parser keeps every boundary the segments component set
    assert PARSE_TEXT_KEY not in doc.user_data  # (the folded text is dropped at the unfold)


def test_segments_start_a_sentence_after_a_note_heading():
    text = 'Intake: Client identifies as "an autistic woman, not a woman with autism."'
    assert text.index("Client") in boundary_chars(text, all_labels())


def test_classify_a_self_view_after_a_note_heading(extract):
    found = {
        s.text: s
        for s in extract('Intake: Client identifies as "an autistic woman, not a woman with autism."')
    }
    assert any(t.startswith("Client identifies as") for t in found), list(found)


@pytest.mark.slow
def test_styles_proud_of_me_and_an_intensifier(extract):
    found = {
        s.text: s
        for s in extract('Easy read notes.\nBen said: "I am proud of me."')
        if s.type == "self_description"
    }
    assert "I am proud of me" in found and found["I am proud of me"].polarity == "positive"
    note = 'Client rang to say she is "11 days off the grog and I am bloody proud of myself".'
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert (
        found["I am bloody proud of myself"].polarity == "positive"
    )  # "bloody" strengthens, it is not a cue


@pytest.mark.slow
@pytest.mark.parametrize(
    "note",
    [
        'Keywork note. Per client, she is "the black sheep" of the family.',
        "According to the client, she is a survivor.",
    ],
)
def test_styles_an_attribution_opening_the_sentence_reports_the_client(extract, note):
    found = [s for s in extract(note) if s.type == "self_description"]
    assert found and found[0].voice == "reported"


@pytest.mark.slow
def test_styles_another_persons_attribution_is_not_the_clients(extract):
    assert not [s for s in extract("Per GP, she is a failure.") if s.type == "self_description"]
