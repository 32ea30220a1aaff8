"""Self-descriptions in informal and spoken English (scripts/RESULTS_self8.md): texting and
regional words read under a standard NORM, uptalk, elliptic repeats, "done with / used to being",
"that X isn't me", oaths over a claim, Caribbean "me" subjects; and the states, ages, quotatives,
threats and intentions that are not self-descriptions. Short made-up notes, one behaviour per case."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text


def _selves(extract, note: str) -> dict:
    return spans_by_text(extract(note), "self_description")


@pytest.mark.parametrize(
    ("note", "span"),
    [
        # uptalk: a hedged first-person claim typed with a rising "?"
        (
            "Counsellor: What does that say about you?\nClient: That I'm... sort of patient? Maybe.",
            "I'm... sort of patient",
        ),
        ("Counsellor: How was the week?\nClient: I'm kinda good at this actually??", None),
        # an elliptic "I am (not)" taking its predicate from someone else's claim in the sentence
        ('Client: "My dad says I\'m a coward and I suppose I am."', "I suppose I am"),
        ("Client: \"Everyone says I'm lazy, but I'm not.\"", "I'm not"),
        ('He said "At first I thought I was a lost cause. I\'m not."', "I'm not"),
        # feeling like "one", like a person doing something, like a named kind of person
        ('Client said: "I just don\'t feel like a real one yet."', "I just don't feel like a real one yet"),
        (
            'Client said: "I still feel like a fraud being in the team."',
            "I still feel like a fraud being in the team",
        ),
        # "done with being", "used to being" a kind of person
        ('She said she is "done with being the family taxi."', 'she is "done with being the family taxi."'),
        ('Client said: "I\'m used to being the one who sorts everything out."', None),
        # a pointed word or label that is (not) the client, what the client's self was built on
        ('Client: "That name isn\'t me anymore."', "That name isn't me anymore"),
        ('Client: "Football was my whole identity."', "Football was my whole identity"),
        # "reckon" reports the client's view like "think"
        ('Client (Dave) came in late. He reckons he\'s "a grafter, not a quitter."', None),
        # an oath over the client's own claim
        ('Client said: "God knows I\'m no saint."', "God knows I'm no saint"),
        # all capitals is shouting, not a title; a name with "still" is being oneself
        ('Client said: "I AM A FAILURE."', "I AM A FAILURE"),
        ('Client (Marcus) said: "I\'m still Marcus."', "I'm still Marcus"),
        ("Client (Marcus) said: \"I'm not its puppet. I'm Marcus.\"", "I'm Marcus"),
        # a verbless self-rating with the "I" left out
        ('Client: "Tried the pottery class. Rubbish at it."', "Rubbish at it"),
        ('Client: "Told my boss no. Proud of me."', "Proud of me"),
        # a claim with no copula (Singapore, Caribbean Englishes)
        (
            'Client said: "Last time I very garang one, now cannot lift anything."',
            "Last time I very garang one",
        ),
        # a Caribbean first-person subject
        ('Client said, "Me is a hard worker, yes."', "Me is a hard worker"),
    ],
)
def test_self_speech_forms_are_found(extract, note, span):
    found = _selves(extract, note)
    if span is None:
        assert found, note
    else:
        assert span in found, (note, list(found))


@pytest.mark.parametrize(
    "note",
    [
        # a question with a tag, an inference being checked, an inverted or an unhedged question
        "Client: im not a good son right??",
        "Client: So I'm basically a hoarder?",
        "Client: Am I a bad mum?",
        "Client: I'm a failure?",
        # an elliptic repeat of a state, or of someone else; feeling like doing something
        'Client: "I\'m tired. Always have been."',
        'Client: "My brother is a liar. Always have been."',
        "Client: \"Mum says I'm tired, but I'm not.\"",
        'Client: "I feel like going home."',
        # "used to being" + something done to the client; "done with" a task
        'Client said: "I\'m used to being ignored."',
        'Client said: "I\'m done with the forms."',
        # someone else's identity; an oath over no claim about the client
        'Client: "Her job is her whole identity."',
        'Client said: "God knows what they want."',
        # the quotative "was like", an age, a threatened outcome, an intention, a passing state
        'Client said "I was like, whatever, fine."',
        'Client said "I\'ve driven since I was seventeen."',
        'Client said "I need to lose weight or I\'m worthless."',
        'Client said "I\'m tryna sleep more."',
        'Client: "I\'m grand, thanks."',
        # no missing copula: a verb with its object, "very much", a passing state
        'Client said: "I so want a holiday."',
        'Client said: "I very much doubt it."',
        'Client said: "I so tired today."',
        # pride in someone else; a state at a time
        'Client: "Went to her recital. Proud of my daughter."',
        'Client: "Went to bed early. Tired at night."',
        'Client: "Went back to the gym. Terrible at first."',
        # a Title Case title (a poster, a worksheet, a song), the client saying their own name
        'She has "I Am Enough Today" on a sticky note by her bed.',
        'Round of introductions. Identified client: Sunita P. Sunita said: "I\'m Sunita."',
        "Client: im lowkey scared of the exam",
    ],
)
def test_self_speech_negatives_are_not_self_descriptions(extract, note):
    assert not _selves(extract, note), note


@pytest.mark.parametrize(
    "note",
    [
        'Client: "I\'m a screw-up, always have been."',
        'Client: "I\'m a loner. Always have been."',
        'Client: "I\'m a worrier, I always have been."',
        'Client: "I\'m a fighter and I always will be."',
        'Pt stated "I\'m a right mess, so I am."',
        'He said, "I am a father, but I do not feel like one."',
    ],
)
def test_self_speech_repeat_of_own_claim_is_no_second_claim(extract, note):
    found = _selves(extract, note)
    assert len(found) == 1, found


@pytest.mark.parametrize(
    ("text", "word", "norm"),
    [
        ("im lowkey proud", "lowkey", "kinda"),
        ("such a flop lmao", "lmao", "lol"),
        ("Mi never perfect.", "Mi", "i"),
    ],
)
def test_spoken_words_get_a_standard_norm(nlp, text, word, norm):
    doc = nlp(text)
    assert doc.text == text
    assert [t.norm_ for t in doc if t.text == word] == [norm]


def test_spoken_norms_leave_abbreviations_alone(nlp):
    doc = nlp("Counsellor used MI today.")
    assert [t.norm_ for t in doc if t.text == "MI"] == ["mi"]


@pytest.mark.parametrize(
    "note",
    [
        'Client: "What do they want? For me to disappear, probably."',
        'Client: "I applied for the job!! Me, applying for things."',
        'Client: "Me and my sister are talking again."',
    ],
)
def test_me_is_no_dialect_subject_outside_a_finite_clause(extract, note):
    assert not [s for s in extract(note) if s.text.lower().startswith("me")], note


@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            "Intake form.\nQ2. How would you describe yourself in three words? — Loyal, anxious, funny.\nQ3. GP?",
            "Loyal, anxious, funny",
        ),
        ("Q: What are your strengths?\nA: Patient mostly. I listen.", "Patient mostly"),
        (
            'Group did "one word for yourself." Client said "sunshine, sort of." Others laughed.',
            "sunshine, sort of",
        ),
        (
            "Worksheet.\nWords I use about myself: lazy, slow, kind I guess\nNext item.",
            "lazy, slow, kind I guess",
        ),
    ],
)
def test_self_words_answer_is_a_self_description(extract, note, span):
    found = _selves(extract, note)
    assert span in found and found[span].voice == "quoted", (note, list(found))


@pytest.mark.parametrize(
    "note",
    [
        "Worksheet.\n3 words my teachers would use about me: lazy, loud, rude\nNext item.",
        "Q: How would you describe yourself?\nA: Dunno.",
        "Q: What are your strengths?\nA: My nan says I'm kind.",
        "Q: How would you describe yourself?\nA: What do you mean?",
        "Q: What are your strengths?\nA: Going to the gym every day.",
    ],
)
def test_self_words_answer_negatives(extract, note):
    assert not [
        s for s in extract(note) if s.type == "self_description" and "sd.self_words_answer" in s.evidence
    ], note
