"""Voice attribution in group notes (slow: needs the parse)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    "note",
    [
        'Group: R. said "I\'m a terrible mother." Client listened.',
        'Group check-in. Another member said "I\'m useless at this." Client passed.',
        'Group: Client nodded when K. said "I can\'t cope with any of it."',
    ],
)
def test_voice_other_group_members_are_not_the_client(extract, note):
    assert not [s for s in extract(note) if s.type in ("self_description", "agency")]


def test_voice_named_client_in_group_note_is_still_the_client(extract):
    note = 'Group: Client said "I\'m a good listener." R. agreed.'
    assert [s.text for s in extract(note) if s.type == "self_description"] == ["I'm a good listener"]


@pytest.mark.parametrize(
    "note",
    [
        # indirect speech: "I" is the note's writer, not the client
        "Alliance 5/10; he wrote that he felt I was pushing the exposure list and not listening about his mum.",
        "He said I was rushing him.",
        "She said that I helped her a lot.",
    ],
)
def test_voice_writer_in_indirect_speech_is_not_the_client(extract, note):
    assert not [s for s in extract(note) if s.type in ("self_description", "agency")]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("He said: I'm a writer.", "I'm a writer"),
        ("She said, I chose to leave.", "I chose to leave"),
        ("He said I'm not the man I was.", "I'm not the man I was"),
    ],
)
def test_voice_unmarked_direct_speech_is_quoted(extract, note, expected):
    found = [s for s in extract(note) if s.text == expected]
    assert found and found[0].voice == "quoted"


@pytest.mark.parametrize(
    "note",
    [
        'Family session. Mum: "I\'m a terrible mother, I know I am." Client listened.',
        "Stepdad: \"I'm not his dad and I'm not trying to be.\"",
        'Dad described himself as "the fixer" in the family.',
        "Mum: I'm useless at this.\nClient: Okay.",
    ],
)
def test_voice_family_members_are_not_the_client(extract, note):
    assert not [s for s in extract(note) if s.type in ("self_description", "agency")]


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        ("Service user reports she rang the housing officer herself this week.", "reported"),
        ('Y.P. said she is "a failure."', "reported"),
        ("Y.P.: I'm a failure.", "quoted"),
    ],
)
def test_voice_uk_client_nouns_are_the_client(extract, note, expected):
    found = [s for s in extract(note) if s.type in ("self_description", "agency")]
    assert found and found[0].voice == expected


def test_voice_narration_after_a_quoted_turn_is_the_clinicians(extract):
    note = 'Cl: "You can only choose what you do next." Said it helps. She chose to stay at the party for another hour.'
    found = [s for s in extract(note) if s.text.startswith("She chose")]
    assert found and found[0].voice == "clinician" and found[0].polarity == "agentic"


def test_voice_you_is_the_client_in_a_letter_to_the_client(extract):
    letter = 'Dear Jonah,\nYou told me that the Worry has been "bossing me around since Year 7."'
    found = [s for s in extract(letter) if s.type == "agency"]
    assert found and found[0].polarity == "non_agentic" and found[0].voice == "reported"


@pytest.mark.parametrize(
    "note",
    [
        # a letter to a colleague: "you" is not the client
        'Dear Dr Patel, you said the depression "tells me I\'m worthless."',
        # not a letter: a generic or therapist "you"
        'T: You said the depression "tells me I\'m worthless."',
        # the writer's own clause after a speech frame: "and I was struck"
        "Dear Sam, you mentioned the walk, and I was struck by how calm you sounded.",
    ],
)
def test_voice_you_outside_a_letter_to_the_client(extract, note):
    assert not [s for s in extract(note) if s.type in ("self_description", "agency") and s.voice != "quoted"]


def test_voice_letter_header_makes_you_the_client(nlp):
    from narrative.extract.voice import addressed_to_client

    assert addressed_to_client(nlp.make_doc("Letter to client after session 5: you said ..."))
    assert addressed_to_client(nlp.make_doc("Dear Jonah,\nYou told me ..."))
    assert not addressed_to_client(nlp.make_doc("Letter to GP: you asked ..."))
    assert not addressed_to_client(nlp.make_doc("Dear Dr Patel, you asked ..."))


@pytest.mark.parametrize(
    "text, to_client",
    [
        ("Closing letter (community psychology service).\nDear Farah,\nYou said ...", True),
        ("End-of-therapy letter (Talking Therapies), copy to GP.\nDear Jess,\nYou told me ...", True),
        ("Letter written by the client in group.\nDear Ana,\nYou told me ...", False),
        ("Letter to my younger self\nDear Em, you were ...", False),
        ("Letter to the school nurse.\nDear Sarah, you asked ...", False),
        ("Letter to GP.\nDear Dr Osei, you asked ...", False),
        ("Email from client, pasted to file.\nHi Sam, you asked ...", False),
    ],
)
def test_voice_greeting_after_a_letter_header(nlp, text, to_client):
    from narrative.extract.voice import addressed_to_client

    assert addressed_to_client(nlp.make_doc(text)) is to_client


def test_voice_quoted_self_description_in_a_headed_letter(extract):
    letter = 'Closing letter (psychology service).\nDear Jess,\nIn your last session you said, "I\'m still a quiet person."'
    found = [s for s in extract(letter) if s.type == "self_description"]
    assert [s.text for s in found] == ["I'm still a quiet person"] and found[0].voice == "quoted"


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Session 4, Dari interpreter present. Interpreter relayed: “I was a teacher. Now I am nobody.”",
            "Now I am nobody",
        ),
        (
            'Via telephone interpreter. The translator said, "I am a burden to my son."',
            "I am a burden to my son",
        ),
    ],
)
def test_voice_an_interpreter_relays_the_clients_words(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert span in found and found[span].voice == "quoted"


def test_voice_a_therapist_speaking_through_an_interpreter_is_still_the_therapist(extract):
    note = 'Interpreter present. I said, "You are a survivor." Interpreter relayed her answer: "Maybe."'
    assert not [s for s in extract(note) if s.type == "self_description"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "dictated note session nine he has been sober for forty days he says quote i'm not a drunk anymore "
            "i'm a dad again unquote full stop",
            "i'm a dad again",  # the span ends at the dictated closing mark
        ),
        (
            "reviewed goals she says quote i am not the same person who could not get off the couch in march "
            "unquote comma sleep is improved",
            "i am not the same person who could not get off the couch in march",
        ),
    ],
)
def test_voice_dictated_quotation_marks(extract, note, span):
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert span in found and found[span].voice == "quoted"


def test_voice_a_quote_without_an_unquote_is_a_word(extract):
    note = "She got a quote for the car repairs and says she is a failure with money."
    assert [s.voice for s in extract(note) if s.type == "self_description"] == ["reported"]


def test_voice_couples_session_the_partners_turns_are_not_the_clients(extract):
    note = (
        "Couples session 4. IP: Tomas (depression). Partner: Ilse.\n"
        'Ilse: "I\'m the one who holds this family together."\n'
        'Tomas: "I\'ve been a ghost at home. But I went to the job fair on Friday."'
    )
    found = {s.text: s for s in extract(note)}
    assert "I'm the one who holds this family together" not in found
    assert "I've been a ghost at home" in found
    assert found["I went to the job fair on Friday"].type == "agency"


def test_voice_couples_session_ic_names_the_identified_client(extract):
    note = (
        "Couples therapy, session 9. IC: Jess. Partner: Rowan.\n"
        "Jess: “I’m not a cold person. I’m a hurt person.” Rowan said he sees himself as “the fixer.”"
    )
    found = {s.text for s in extract(note) if s.type == "self_description"}
    assert found == {"I’m not a cold person", "I’m a hurt person"}


def test_voice_a_name_label_without_a_client_named_by_role_is_not_decided_here(extract):
    # with no "IP:"/"Client:" naming the client, a named speaker may be the client herself
    note = 'Session 6 with Ilse. Ilse: "I\'m the one who holds this family together."'
    assert "I'm the one who holds this family together" in [s.text for s in extract(note)]


def test_voice_turn_opening_with_a_quote_goes_on_in_the_first_person(extract):
    note = (
        "T: And the chapter before uni?\n"
        "C: “The Good Girl.” I hated her, to be honest. I’m someone who never asks for anything, that’s the problem."
    )
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert found["I’m someone who never asks for anything"].voice == "quoted"


def test_voice_narration_after_a_quoted_turn_stays_the_clinicians(extract):
    found = {
        s.text: s
        for s in extract('Cl: "It helped." Said it helped. She chose to stay.')
        if s.type == "agency"
    }
    assert found["She chose to stay"].voice == "clinician"


def test_voice_one_client_turn_after_the_notes_own_words(extract):
    note = "Phone session (video failed). C: I’m okay. I’m someone who gets up in the mornings now."
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert found["I’m someone who gets up in the mornings now"].voice == "quoted"


def test_voice_one_client_label_before_a_quote_and_narration_is_not_a_turn(extract):
    note = "Widowed. Pt: “I am old already, what to do.” Was made to move into son’s flat after fall in Jan."
    found = {s.text: s for s in extract(note) if s.type == "agency"}
    assert all(s.voice != "quoted" for t, s in found.items() if "son’s flat" in t)


@pytest.mark.parametrize(
    "note",
    [
        "WhatsApp from client (NGO counselling for migrant domestic workers, Hong Kong), pasted to file with "
        "consent:\nGood evening Ms Wong. Today my day off. Now I am more strong person.",
        "Email from international student (university counselling, Sheffield), pasted to notes:\nDear "
        "counsellor, in China I was always top student.",
    ],
)
def test_voice_client_messages_with_long_headers_are_the_clients(extract, note):
    sds = [s for s in extract(note) if s.type == "self_description"]
    assert sds and all(s.voice == "quoted" for s in sds), [(s.text, s.voice) for s in sds]


def test_voice_pupil_text_forwarded_to_the_counsellor_is_the_clients():
    from narrative.config import load_config
    from narrative.extract import load_pipeline
    from narrative.extract.voice import CLIENT, compute_regions

    nlp = load_pipeline(load_config())
    doc = nlp(
        "Text to school nurse from pupil (Year 9), forwarded to school counsellor 08:12 and copied into notes "
        "with consent:\nmiss i cant come in today. had a massive fight with my mum."
    )
    regions, _ = compute_regions(doc)
    fight = next(t.i for t in doc if t.text == "fight")
    assert regions[fight] == CLIENT


def test_voice_unquoted_direct_speech_after_said_colon_runs_to_the_line_end(extract):
    note = (
        "Notes written in easy words with Jamie.\nJamie said: I am a good worker at the garden centre. I water "
        "the plants on my own now. Now I am a grown up man."
    )
    found = {s.text: s for s in extract(note) if s.type == "self_description"}
    assert found["Now I am a grown up man"].voice == "quoted"


def test_voice_a_relative_said_colon_is_not_the_client(extract):
    assert not [s for s in extract("Mum said: I am worried about him. He is lazy.") if s.voice == "quoted"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # a one-letter label that is also a section letter, the note's only one, beside the therapist's
        (
            "Perinatal team, 1:1 with Noor. Excerpt:\nT: How was the bath?\nA: I did it on my own.",
            "I did it on my own",
        ),
        # the initials of the client named by role, with a key naming the counsellor's label
        (
            "Veterans counselling. Client: Sgt (ret.) Kim Dale. (CT = counsellor)\nKD: I still can't sit with my back to the door.",
            "I still can't sit with my back to the door",
        ),
        # "Clin:" is the clinician's label; the one other name label speaking in the first person is the client's
        ("Clin: How's it been?\nTK: I'm learning my whakapapa.", "I'm learning my whakapapa"),
        # crisis text line: "texter"
        (
            "Crisis text.\ncounselor: what helps?\ntexter: i went on a walk earlier",
            "i went on a walk earlier",
        ),
        # school counselling: "Student:"
        (
            "Check-in.\nCounsellor: How did the presentation go?\nStudent: I did it on my own.",
            "I did it on my own",
        ),
        # a label closed by a parenthesis
        (
            "Review.\nClinician: What have you done for yourself?\nClient (via interpreter): I passed my driving test.",
            "I passed my driving test",
        ),
        # a field over the client's own words: a role's, a name's, or "in his words"
        (
            "GIRP note.\nClient statement: I went to school four days last week.",
            "I went to school four days last week",
        ),
        (
            "CPA review. Client: Kamran A.\nKamran's words: I am more than my diagnosis.",
            "I am more than my diagnosis",
        ),
        ("Intake.\nIn his own words: I am an alcoholic.", "I am an alcoholic"),
    ],
)
def test_voice_transcript_labels_that_name_the_client(extract, note, span):
    found = [s for s in extract(note) if s.text == span]
    assert found and found[0].voice == "quoted", [(s.type, s.text, s.voice) for s in extract(note)]


@pytest.mark.parametrize(
    "note",
    [
        "Couples session.\nHis reply: I am done with this.",  # whose reply is not said
        "Family session. Client: Niamh.\nMam's words: I am at the end of my rope.",  # a relative's words
        "Group.\nSupervisor comment: I am happy with the plan.",
    ],
)
def test_voice_word_fields_of_other_people_are_not_the_clients(extract, note):
    assert not [s for s in extract(note) if s.voice == "quoted"], [(s.text, s.voice) for s in extract(note)]


def test_voice_soap_letters_are_not_speakers(extract):
    note = "S: Better this week.\nO: Calm.\nA: I think she is improving.\nP: Review in 2 weeks."
    assert not [s for s in extract(note) if s.voice == "quoted"]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # in an interpreted session "Int:" is the interpreter speaking the client's words
        (
            "Session via Arabic interpreter (Int).\nT: How have the mornings been?\nInt: Before, I was a ghost in this city.",
            "I was a ghost in this city",
        ),
        # signed and typed speech frames
        ("Via BSL interpreter. He signed: I am Deaf and proud.", "I am Deaf and proud"),
        ("She typed: I am not a burden.", "I am not a burden"),
    ],
)
def test_voice_interpreted_signed_and_typed_words_are_the_clients(extract, note, span):
    found = [s for s in extract(note) if s.text == span]
    assert found and found[0].voice == "quoted", [(s.type, s.text, s.voice) for s in extract(note)]
    assert not [s for s in extract(note) if s.type == "agency" and ":" in s.text]


def test_voice_int_is_a_research_interviewer_without_an_interpreter(extract):
    found = extract("Research interview.\nInt: I wonder what helped you?\nP: I joined a choir.")
    assert not [s for s in found if "wonder" in s.text]


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # the client's name, whatever the tagger made of it ("Aisling" read as a common noun)
        (
            "Client: Ms Aisling Murphy-Cole.\nAisling said she went back to work on Monday.",
            "she went back to work on Monday",
        ),
        # initials given with full stops speak as a label without them
        (
            "Forensic team. Client: T.K., 24.\nClin: How has it been?\nTK: I just choose not to bite.",
            "I just choose not to bite",
        ),
    ],
)
def test_voice_the_clients_name_however_tagged_or_written(extract, note, span):
    found = [s for s in extract(note) if s.text == span]
    assert found and found[0].voice in ("reported", "quoted"), [
        (s.type, s.text, s.voice) for s in extract(note)
    ]


def test_voice_chat_handles_name_the_client_beside_the_counsellors(extract):
    note = (
        "[21:09] Counsellor_Wei: Are you safe right now?\n"
        "[21:11] moonbun22: i messaged you instead of doing anything dumb"
    )
    found = [s for s in extract(note) if s.type == "agency"]
    assert [(s.text, s.voice) for s in found] == [("i messaged you instead of doing anything dumb", "quoted")]


@pytest.mark.parametrize(
    "note, name",
    [
        (
            "Community meeting (London). Note for: Freya L. (patient rep).\nFreya spoke for the group.",
            "Freya",
        ),
        ("Hearing Voices group, peer-facilitated. Member file: Abdul R.\nAbdul said ...", "Abdul"),
        ("Women's group – 8-week review for: Ms Leanne C.\nGoals ...", "Leanne"),
        ("CBT group (Phoenix). Youth: Mateo G. (15).\nTopic: thinking errors.", "Mateo"),
    ],
)
def test_voice_client_named_in_a_header_field(nlp, note, name):
    from narrative.extract.voice import client_names

    assert name in client_names(nlp(note))


@pytest.mark.parametrize(
    "note",
    [
        "Diary, saved to file:\nDear Sam, I went out.",
        "Evidence for: She cancelled twice.",
        "Another young person, M., said she was fine.",
    ],
)
def test_voice_no_client_name_outside_a_header_field(nlp, note):
    from narrative.extract.voice import client_names

    assert not client_names(nlp(note))


def test_voice_named_client_acts_in_a_group_note(extract):
    note = "Ward community meeting. Note for: Ruby S.\nPatients raised the snack rule. Ruby attended the hospital school every day."
    found = [s for s in extract(note) if s.type == "agency"]
    assert [s.text for s in found] == ["Ruby attended the hospital school every day"]


def test_voice_a_service_name_after_a_role_word_is_no_client_name(nlp):
    from narrative.extract.voice import client_names

    assert not client_names(nlp("Student Wellness Centre (Chennai) – session 5, Mr Arjun K."))
    assert "Aisha" in client_names(nlp("Exam group. Student: Aisha B.\nAisha said ..."))


@pytest.mark.parametrize(
    "note",
    [
        "CBT group. Peer D. said \"I'm a gangster, that's just who I am.\" Mateo said he isn't that.",
        'Newcomer group. Member F. said "I am nobody here yet."',
    ],
)
def test_voice_a_peer_or_member_before_an_initial_is_another_member(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description" and "I" in s.text.split()[:2]]


@pytest.mark.parametrize(
    ("note", "is_client"),
    [
        ('Brought his diary; entry from Tuesday reads: "I\'m reliable again."', True),
        ('She brought a card from her mother which says, "You were always a difficult girl."', False),
        ("Her mum's diary says \"I'm a terrible mother.\"", False),
    ],
)
def test_voice_the_clients_own_diary_entry_quoted(extract, note, is_client):
    found = [s for s in extract(note) if s.type == "self_description"]
    assert bool(found) is is_client
