"""Stop 6 of the self-description and chapter-title rules: the families measured on the blind
splits (scripts/RESULTS_self_titles6.md). Short made-up notes, one behaviour per case."""

from __future__ import annotations

import pytest

from tests.extract._helpers import titles_of


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # T1: a narrated prompt, the client's quoted answer after a plain speech verb, in the next
        # sentence too, or straight after a colon or a dash
        (
            "I asked Rua to name this part of his life. After a long pause he said, “Low Tide”.",
            ["Low Tide"],
        ),
        ("Asked to name this part of his life: “Level Up.” He starts work Monday.", ["Level Up"]),
        (
            'Asked "if this was a book, what\'s this bit called?" — "Finding My Feet Wi\' Isla".',
            ["Finding My Feet Wi' Isla"],
        ),
        # (a laugh after the title, a "now —" before it, are not part of it)
        (
            "Life-chapter exercise. Asked what she'd have called s1 looking back: “The Duvet Years, ha.”",
            ["The Duvet Years"],
        ),
        (
            "Life review, her chapters so far. After a long pause she said, “And now — Bonus Time.”",
            ["Bonus Time"],
        ),
        # T2: the title at the head of a quoted answer, before the client's gloss of it
        (
            "Asked Tama to name this time in his life. He said, “Te Kore — the nothingness. That was last year.”",
            ["Te Kore"],
        ),
        ("Asked what season of her life she is in now, she said, “Autumn. The good kind.”", ["Autumn"]),
        # ... or after a spoken self-correction inside the quotation
        (
            "When asked what this chapter of her life would be called: “Before and After. No — just After.”",
            ["After"],
        ),
        # ... or in a quotation after a short sentence that takes the first one back
        (
            'T: What would you call this part of your life, if it was a chapter?\nC: "The Bender." No — '
            'that\'s not fair on me. "Drying Out." Yeah.',
            ["The Bender", "Drying Out"],
        ),
        # T3: an adverb between the frame and the title
        ("Her chapter title now is ‘Back on Court’.", ["Back on Court"]),
        (
            'When I asked about the chapter, he said it\'s now "The Shed, Part Two", because he builds again.',
            ["The Shed, Part Two"],
        ),
        (
            'I asked about the chapter name; she said it is still "The Empty Room", though.',
            ["The Empty Room"],
        ),
        (
            "Life-story work, session 5, her nan present for the first half of the hour. She drew her life "
            'as a river with bends and rapids. Said this bit is "Calm Water" because she lives with her nan.',
            ["Calm Water"],
        ),
        # T4: a list of titles under a plural "chapters" / "chapter titles"
        (
            'He named the chapters: "The Yard" (his childhood – "the only safe place"), "Maeve", "The Drink" '
            'and the one he is in now, which he called "Walking Again".',
            ["The Yard", "Maeve", "The Drink", "Walking Again"],
        ),
        (
            "She brought the list of chapter titles she has given her story over the last two years, which "
            'we read together: "Going Under" (our first month), then "Fault Lines" (after the stroke).',
            ["Going Under", "Fault Lines"],
        ),
        (
            "Prompt: Name three chapters of your life so far.\nSiobhan: 1. Wee Girl 2. The Marriage Years 3. getting out",
            ["Wee Girl", "The Marriage Years", "getting out"],
        ),
    ],
)
def test_self_titles6_title_families(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # the client's own sentence after a chapter prompt is no title
        "Asked what he would call this chapter. He said, “I'm a fool.” We moved on.",
        "I asked Jo to title this chapter. She said, “Close, but no.”",
        # two sentences after a label are an answer about the chapter, not its title
        'I asked what kind of man the hero of that chapter is: "A fella who\'s trying. A fella who shows up."',
        # a question back is no title
        "Asked what he would call the chapter he is in now, he said, “Right now? I don't know.”",
        # a list of goals stays lower-case throughout
        "Chapters: 1. sleep more 2. walk daily",
        # "it's" before a lower-case word is a comment, not a title
        "Chapter work was brief today; she said it's “fine” and it is OK.",
    ],
)
def test_self_titles6_title_hard_negatives(rules, note):
    assert titles_of(note, rules) == []


def test_self_titles6_pronoun_quote_after_wrote_is_no_title(rules):
    # "He added: “I'm still useful.”" in a life-story note is the client's self-view, not a title
    note = 'Life-story group. Harold called his chapter "The Allotment Years". He added: "I\'m still useful."'
    assert titles_of(note, rules) == ["The Allotment Years"]


# S9: a self-view verb with a reflexive object that no clause was made of (a gerund, a participle,
# a fragment after a line label or a phrase, a bracketed aside)
@pytest.mark.parametrize(
    ("note", "span"),
    [
        (
            'Self-perception – setback: back to calling herself "the screw-up" after the lapse.',
            'calling herself "the screw-up"',
        ),
        (
            'She came to me describing herself as "a visitor in my own life".',
            'describing herself as "a visitor in my own life"',
        ),
        ("Says her brother is “the golden child” (calls herself “the spare”).", "calls herself “the spare”"),
        (
            'Self-perception ↓ Called himself "a packrat" twice after the landlord\'s letter.',
            'Called himself "a packrat"',
        ),
        ("Self-perception: after the mocks called herself “thick” again.", "called herself “thick”"),
        # (a verb hung on a quotation's verb by the parser keeps the narration's subject)
        (
            'She says "the panic decides whether I go in or not" and describes herself as "a nervous wreck".',
            'describes herself as "a nervous wreck"',
        ),
        (
            'D. said he was struck by Joel calling himself "a slow learner".',
            'calling himself "a slow learner"',
        ),
    ],
)
def test_self_titles6_embedded_self_view(extract, note, span):
    found = [s.text for s in extract(note) if s.type == "self_description"]
    assert span in found


@pytest.mark.parametrize(
    "note",
    [
        'Her mum calls herself "a martyr" these days.',  # another person's view of herself
        "Would she ever call herself “a survivor”?",  # a question
        "She said she would call herself “lucky” if the job came through.",  # a hypothetical
        "When I asked whether he saw himself as a burden, he said, “Not yet.”",  # a question
        "Couples session. IC: Jess. Partner: Rowan.\nRowan said he sees himself as “the fixer.”",  # the partner's
        (
            "DBT group. Identified client: Kayla M. Present: 7 members.\nCheck-in: J.T. said she "
            '"relapsed on everything" this week and called herself "a lost cause."'
        ),  # another member's
    ],
)
def test_self_titles6_embedded_self_view_negatives(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []


# S4 / S5: an illness word denied or said of the mind is who the client is; the self-view inside an
# ACT defusion frame
@pytest.mark.parametrize(
    ("note", "span"),
    [
        ('Pt said: "I’m not mentally ill, I’m spiritual."', "I’m not mentally ill"),
        ("She said, \"I'm not sick, I'm just disciplined.\"", "I'm not sick"),
        (
            "He said, \"I'm having the thought that I'm a rubbish father.\"",
            "I'm having the thought that I'm a rubbish father",
        ),
    ],
)
def test_self_titles6_illness_identity_and_defused_thought(extract, note, span):
    assert span in [s.text for s in extract(note) if s.type == "self_description"]


@pytest.mark.parametrize(
    "note",
    [
        'She said, "I\'m not sick today, just tired."',  # how she is today
        'He said, "I\'m sick of being asked."',  # fed up, not ill
        'He said, "I\'m having the thought that the bus is late."',  # a thought about something else
        "Defusion exercise: \"I'm having the thought that I'm a loser.\" She smiled.",  # the exercise, a mention
    ],
)
def test_self_titles6_illness_identity_negatives(extract, note):
    assert [s.text for s in extract(note) if s.type == "self_description"] == []
