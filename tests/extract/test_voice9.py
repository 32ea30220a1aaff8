"""Voice attribution in transcript-like notes (scripts/RESULTS_voice9.md): the client named in the
header line or "for this note", a name that takes turns, "S:"/"C:" school transcripts, the client's
named list, time-stamped messages with no sender, quotations that are no titles; and the other
people's words, titles and lists that stay someone else's. Short made-up notes, one behaviour each."""

from __future__ import annotations

import pytest


def _region_of(rules_nlp, note: str, word: str) -> int:
    from narrative.extract.components import REGIONS_KEY

    doc = rules_nlp(note)
    i = next(t.i for t in doc if t.text == word)
    return doc.user_data[REGIONS_KEY][i]


def _codes():
    from narrative.extract import voice as v

    return v


@pytest.mark.parametrize(
    ("note", "word", "speaker"),
    [
        # the client named by a first name and an initial in the header line; another name quoted
        (
            'Tamsin K. – home visit 2\n- Gran on the phone, said "she is eating now".\n'
            '- Tamsin: "Maybe I am braver than I let on."',
            "braver",
            "CLIENT",
        ),
        # ... and the other person's quotation stays theirs
        (
            'Tamsin K. – home visit 2\n- Gran on the phone, said "she is eating now".\n'
            '- Tamsin: "Maybe I am braver than I let on."',
            "eating",
            "OTHER",
        ),
        # "identified client for this note: X" names the client; the partner takes turns
        (
            "Couples work, session 2. Identified client for this note: Marek (partner: Ines).\n"
            "Ines: Marek is always late.\nMarek: Yeah, I am a bit of a mess with time. I booked the cab though.\n"
            "Ines: He did book it.",
            "mess",
            "CLIENT",
        ),
        (
            "Couples work, session 2. Identified client for this note: Marek (partner: Ines).\n"
            "Ines: Marek is always late.\nMarek: Yeah, I am a bit of a mess with time. I booked the cab though.\n"
            "Ines: He did book it.",
            "late",
            "OTHER",
        ),
        # a school counselling transcript: "S:" the student, "C:" the counsellor
        (
            "School counselling, transcript excerpt. Student, Year 8.\nS: I am rubbish at making friends?\n"
            "C: What makes you say that?\nS: I dunno. I sat alone at lunch.",
            "rubbish",
            "CLIENT",
        ),
        (
            "School counselling, transcript excerpt. Student, Year 8.\nS: I am rubbish at making friends?\n"
            "C: What makes you say that?\nS: I dunno. I sat alone at lunch.",
            "makes",
            "THERAPIST",
        ),
        # a SOAP note in a school keeps "S:" as its subjective section
        (
            "School counselling, student seen.\nS: Student says I am rubbish at maths.\nO: Calm.\nA: Low mood.\n"
            "P: Review.",
            "rubbish",
            "NARRATION",
        ),
        # the client's named list after a header
        (
            "Group, values exercise. Note for: Orla.\nOrla's answers (shared with consent): I am loyal. "
            "I am a good cook.\nFacilitator thanked the group.",
            "loyal",
            "CLIENT",
        ),
        # another member's list is not the client's
        (
            "Group, values exercise. Note for: Orla.\nPaddy's answers: I am loyal. I am a good cook.",
            "loyal",
            "NARRATION",
        ),
        # time-stamped messages with no sender under a header about the client's messages
        (
            "Texts the client sent between sessions (shared with consent).\n[22:05] i went to the shop on my own\n"
            "[22:09] honestly im a bit proud",
            "proud",
            "CLIENT",
        ),
        # ... but not a relative's messages
        (
            "Texts from her mum to the client, read out in session.\n[22:05] i am proud of you\n[22:09] i love you",
            "proud",
            "NARRATION",
        ),
    ],
)
def test_voice9_regions(rules_nlp, note, word, speaker):
    v = _codes()
    assert _region_of(rules_nlp, note, word) == getattr(v, speaker)


@pytest.mark.parametrize(
    ("note", "word", "is_title"),
    [
        # "called" as a phone call, past a sentence end or a conjunction, is no title cue
        ('She let it ring when her brother called. "The fog has won this week." She slept.', "fog", False),
        ('Said she called because "some of me still wants to try."', "wants", False),
        # a quotation of two sentences is no chapter title
        (
            'I asked what the hero of that chapter is like: "A woman who is tired. A woman who keeps going."',
            "keeps",
            False,
        ),
        # titles still are
        ('She has been listening to "Here Comes The Sun" on repeat.', "Sun", True),
        ('He read a book called "Quiet Minds" this week.', "Quiet", True),
        ('Chapter title: "The Long Winter".', "Winter", True),
    ],
)
def test_voice9_titles(rules_nlp, note, word, is_title):
    v = _codes()
    assert (_region_of(rules_nlp, note, word) == v.WORK_TITLE) is is_title


def test_voice9_self_description_in_named_turn(extract):
    note = (
        "Couples work, session 2. Identified client for this note: Marek (partner: Ines).\n"
        "Ines: You are always late.\nMarek: Yeah, I am a bit of a mess with time.\nIines: Hm."
    )
    sds = [s for s in extract(note) if s.type == "self_description"]
    assert any("mess" in s.text and s.voice == "quoted" for s in sds), [(s.text, s.voice) for s in sds]


def test_voice9_quotation_inside_a_message_is_not_the_clients(rules_nlp):
    v = _codes()
    note = (
        'Texts the client sent between sessions (shared with consent).\n[22:05] my dad says I am "too much". '
        "whatever\n[22:09] honestly im a bit proud"
    )
    assert _region_of(rules_nlp, note, "much") != v.CLIENT
    assert _region_of(rules_nlp, note, "whatever") == v.CLIENT


def test_voice9_relative_is_no_sole_quoted_speaker(rules_nlp):
    from narrative.extract import voice as v

    doc = rules_nlp('Play session, 8 yr old.\nChild said "I am the fast one, Nana says so." Drew a car.')
    assert "Nana" not in v.client_names(doc)


def test_voice9_header_names(rules_nlp):
    from narrative.extract import voice as v

    assert v.client_names(rules_nlp("Tamsin K. – home visit 2\nSlept better.")) == {"Tamsin", "T", "TK"}
    # two names in the header decide nothing; a title is no client
    assert not v.client_names(rules_nlp("Couples – Tamsin K. & Rob P. – visit 2\nSlept better."))
    assert not v.client_names(rules_nlp("Seen with Dr Patel S. today.\nSlept better."))
    assert not v.client_names(rules_nlp("Session 3. Counsellor: Anna K.\nSlept better."))


def test_voice9_header_name_initial_labels_turns(rules_nlp):
    v = _codes()
    note = "Session 4 – Priya S. (typed from notes):\nT: How was it?\nP: I'm someone who keeps going now.\nT: Good."
    assert _region_of(rules_nlp, note, "keeps") == v.CLIENT


def test_voice9_header_initial_is_no_section_label(rules_nlp):
    from narrative.extract import voice as v

    note = "Clinic – BIRP. Veteran: Ray M.\nB: Did the rewrite.\nI: Reviewed worksheet.\nR: Engaged.\nP: Continue."
    doc = rules_nlp("Ray M. – BIRP\nB: Did the rewrite.\nI: Reviewed worksheet.\nR: Engaged.\nP: Continue.")
    assert "R" not in v.client_names(doc)
    assert _region_of(rules_nlp, note, "Engaged") == v.NARRATION


@pytest.mark.parametrize(
    ("note", "word", "speaker"),
    [
        # "Said:" with the subject left out: the client's unquoted words to the end of the line
        (
            "Walked the dog daily. Said: I am not fit for the hay anymore, my nephew does that.",
            "fit",
            "CLIENT",
        ),
        ("- Said: I finished the course on my own.\n- Plan: review.", "finished", "CLIENT"),
        # a relative's "said:" and a section label with a first-person line stay narration
        ("- Mum said: I am worried about her.", "worried", "NARRATION"),
        # (after an abbreviation the subject is the abbreviated name: "Y.P. said:", read as before)
        ("K.M. said: I am fine. Organised a bake sale at school herself.", "bake", "NARRATION"),
        ("Plan: I will review next week. Discussed: I gave psychoeducation.", "gave", "NARRATION"),
    ],
)
def test_voice9_subjectless_said_colon(rules_nlp, note, word, speaker):
    v = _codes()
    assert _region_of(rules_nlp, note, word) == getattr(v, speaker)
