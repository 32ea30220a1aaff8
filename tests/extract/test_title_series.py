"""The other titles of a series: siblings of a found chapter title (coordinated, listed, contrasted
in time), the chapter-copula and "the 'X' chapter" frames, time-word answers, and the quotations
that must not join a series (songs, other people's titles, sentences, glosses)."""

from __future__ import annotations

import pytest

from tests.extract._helpers import titles_of


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a list after a plural chapters frame, with time words before the last item
        (
            'She named the chapters of the past decade "Salt Flats," "High Tide" and, lately, "Low Water."',
            ["Salt Flats", "High Tide", "Low Water"],
        ),
        (
            'At intake he listed his chapters: "The Bakery," "Nights on the Ward," and this one, '
            '"Second Wind." He was calm.',
            ["The Bakery", "Nights on the Ward", "Second Wind"],
        ),
        # months and seasons as glue between items
        (
            'Chapter titles through the year: March "Thin Ice", June "Thaw", and now "Open Water".',
            ["Thin Ice", "Thaw", "Open Water"],
        ),
        # an earlier title in the next sentence, contrasted in time
        (
            "Chapter exercise. He said: \"I'd call this chapter 'Picking Up the Pieces.' Last spring was "
            "'Dropped Everything.'\" He has been walking daily.",
            ["Picking Up the Pieces", "Dropped Everything"],
        ),
        # a replaced title after the current one
        (
            'Reviewed the chapter exercise. The chapter she is in now is "Green Shoots," replacing "Frost." '
            "She laughed.",
            ["Green Shoots", "Frost"],
        ),
        # "the 'X' chapter" and "this chapter is 'X'"
        (
            "Chapter work. Today she said, \"We're in the 'Learning to Swim' chapter now.\"",
            ["Learning to Swim"],
        ),
        ("Chapter exercise. Client: \"Last chapter was 'Fog Machine'.\" She grinned.", ["Fog Machine"]),
        # time words at the head of each answer, after a chapter prompt
        (
            "I asked for last year's chapter and this year's. \"Last year: 'Adrift.' This year: 'Anchored.'\"",
            ["Adrift", "Anchored"],
        ),
        # a numbered inline list after a sentence, its last item ending at its closing mark
        (
            'Follow-up. Her chapters: 1. "Paper Dolls" 2. "The Long Corridor" 3. (now) "Daylight" '
            'She said the last one "still feels new."',
            ["Paper Dolls", "The Long Corridor", "Daylight"],
        ),
        # a hedge sentence before another try at the title
        (
            'T: What would this chapter be called?\nC: Hmm. "Going Through the Motions"? That sounds bleak. '
            'Maybe just "Still Moving".',
            ["Going Through the Motions", "Still Moving"],
        ),
        # a retraction inside one quoted answer: the title it settles on
        (
            "Asked for a title for this chapter, he goes \"meh. 'Main Character' lol. jk. maybe 'Side Quest'.\"",
            ["Side Quest"],
        ),
        # a revision told by the writer
        (
            'Asked to title the chapter he is in, he said "Groundhog Day" then said, more quietly, "Starting Over."',
            ["Groundhog Day", "Starting Over"],
        ),
        # a title card revised by hand
        (
            "Chapter card at review: “Under Water” crossed out; underneath in his handwriting: “Treading Water”.",
            ["Under Water", "Treading Water"],
        ),
        # a bracketed aside between two items of a timeline
        (
            "Her chapter titles: week 1 “Static” (the months off work); week 12 “Tuning In.”",
            ["Static", "Tuning In"],
        ),
        # the items of a list between its two found ends, whatever their case
        (
            "He wrote his chapters on the whiteboard: FARM BOY; the army; a long drift; COMING HOME.",
            ["FARM BOY", "the army", "a long drift", "COMING HOME"],
        ),
        # a time contrast with a pluperfect
        (
            "Chapter work. She gave the chapter a name: “Second Spring”. Earlier this year it had been “Deep Winter”.",
            ["Second Spring", "Deep Winter"],
        ),
        # bare time words and years at the head of each answer
        ("Chapter work.\nC: Before, 'Lost'. Now, 'Found'.", ["Lost", "Found"]),
        (
            "Chapter titles she gave: 2019 – 'Numb'; 2021 – 'Thawing'; 2023 – 'Spring'.",
            ["Numb", "Thawing", "Spring"],
        ),
        # a choice settled on after another
        (
            'Chapter exercise. She wanted to call this one "Broken", but settled on "Mending".',
            ["Broken", "Mending"],
        ),
        # time labels at the head of their own lines
        (
            'Chapter exercise (life as a book).\nThen: "Hiding Out"\nNow: "Coming Out"',
            ["Hiding Out", "Coming Out"],
        ),
        # the titles in the plural, with a copula
        ('Chapter exercise. His titles were "Wild Child" and "Family Man".', ["Wild Child", "Family Man"]),
        # bare titles told in narrated speech after a prompt, and a spoken correction
        (
            "I asked what she would call this part of her life. She paused and said Second Innings, and then, "
            "no, call it Extra Time.",
            ["Second Innings", "Extra Time"],
        ),
        # the client's lower-case gloss after a dash between two items
        (
            "Asked for chapter titles: “Home” for 0 to 10 — “just home, really.” “Boarding School.” She shrugged.",
            ["Home", "Boarding School"],
        ),
        # a hedged answer with the title in single marks inside the client's quote
        (
            'I asked, "What would this chapter be called?" She said, "Hmm. Maybe \'Cat Lady Era\'." She laughed.',
            ["Cat Lady Era"],
        ),
        # a client who writes titles in lower case
        (
            'Chapter exercise. She called this chapter "getting there". Last year was "falling apart".',
            ["getting there", "falling apart"],
        ),
        # a title given for an earlier period, written on the exercise's sheet
        (
            'Asked for chapter titles. For last term he put "group chat exile" on the sheet. He laughed.',
            ["group chat exile"],
        ),
    ],
)
def test_title_series_siblings(rules, note, titles):
    assert titles_of(note, rules) == titles


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        # a song named beside the title: a name joins a series only through list or time words
        (
            'For his twenties he picked "Wonderwall" by Oasis and called that chapter "The Flat in Leeds".',
            ["The Flat in Leeds"],
        ),
        # another person's title beside the client's
        (
            'Chapter work. Client named this chapter "Coming Up for Air"; her sister\'s was "The Grind." We closed.',
            ["Coming Up for Air"],
        ),
        # a quoted sentence after a list is the client speaking, not another title
        (
            'Chapter titles she gave: "Small Rooms", "Open Doors". Now: "I\'m Not Sure Yet".',
            ["Small Rooms", "Open Doors"],
        ),
        # a hope for next year is no title of a series
        (
            'Q: What\'s this chapter called?\nA: "Holding On". Maybe next year it\'s just "Letting Go".',
            ["Holding On"],
        ),
        # a gloss in lower case after a list item
        (
            'Chapters she named:\n1. "Harbour Town" – where she grew up.\n2. "After Dad" – she said this one was '
            '"grey, all grey."',
            ["Harbour Town", "After Dad"],
        ),
        # a work's title set next to the chapter's
        (
            'Chapter exercise. She called this chapter "Quiet Rooms". Then "Hallelujah" came on the radio.',
            ["Quiet Rooms"],
        ),
        # someone else's name for the chapter
        (
            "Chapter exercise. She named this chapter “Slow Mornings”. Her dad's name for it is “The Lazy Phase”.",
            ["Slow Mornings"],
        ),
        # a relative's label, with an adverb, a parenthetical or a modal before the verb
        (
            "Chapter exercise. She named this chapter “Slow Mornings”. Her partner teasingly calls it “Sofa Season”.",
            ["Slow Mornings"],
        ),
        (
            "Chapter exercise. He named this chapter “Level Ground”. His son, he said, calls it “Dad's Boring Bit”.",
            ["Level Ground"],
        ),
        (
            "Chapter exercise. She named this chapter “Slow Mornings”. My husband would call it “Lazy Days”, she said.",
            ["Slow Mornings"],
        ),
        # a lower-case description after a capitalised title is the client's word, not a title
        (
            'Chapter exercise. She called this chapter "Getting There". Last year was "awful".',
            ["Getting There"],
        ),
        # the externalised problem's name
        (
            "Chapter exercise. The worry was named “Static”. She named this chapter “Tuning Out the Static”.",
            ["Tuning Out the Static"],
        ),
        # a show named after a time word
        (
            "Chapter exercise. She calls this chapter “Holding Pattern”. Now “Grey's Anatomy” is her comfort show.",
            ["Holding Pattern"],
        ),
        # someone's role in quotation marks after a time contrast is no title of hers
        (
            'Chapter exercise. She calls this chapter "Scaffolding". She was "The Boss" at work for years.',
            ["Scaffolding"],
        ),
        # a quotation naming something else after a determiner ('the "X" exercises')
        (
            'Chapter exercise. She called this chapter "Recovery". I think the "Mind Over Mood" exercises helped.',
            ["Recovery"],
        ),
    ],
)
def test_title_series_hard_negatives(rules, note, titles):
    assert titles_of(note, rules) == titles


def test_title_series_prompt_quoted_back_is_no_title(rules):
    # the chapter prompt quoted back in lower case
    note = 'Asked the couple to title "this chapter of our marriage". She said: "Rebuilding."'
    assert "this chapter of our marriage" not in titles_of(note, rules)


@pytest.mark.parametrize(
    "note",
    [
        # a fragment cut at a copula is no title
        "Chapter exercise. Client: \"Before was 'x'.\"",
        # "the last one" in lower case refers to a chapter, it does not name one
        'When asked what this chapter is called, she said, "The last one."',
        # a sentence of the client's after a prompt is no title
        "When asked what this chapter might be called, she said: I'm not the Monster. I'm the one who fights it.",
    ],
)
def test_title_series_no_fragment(rules, note):
    assert not any(t.startswith(("Before was", "The last one", "I'm not")) for t in titles_of(note, rules))


def test_title_series_title_case_reference_is_a_title(rules):
    note = 'When asked what this chapter of his life is called, he said, "The Last Lap," then smiled.'
    assert titles_of(note, rules) == ["The Last Lap"]


def test_title_series_clause_between_list_ends_is_no_item(rules):
    note = "Chapter titles: “Farm Boy”; he said the army years were the worst and won't name them; “Coming Home”."
    assert all(t in ("Farm Boy", "Coming Home") for t in titles_of(note, rules))


@pytest.mark.parametrize(
    "note",
    [
        "Chapter exercise. I asked what she would call this chapter. She said Tom Jones was on the radio.",
        "Chapter exercise. I asked what she would call this chapter. She said Mum would know.",
        # no prompt: a capitalised name after "said" is no answer
        "She said Second Innings was the pub they met in.",
        # a period named with no chapter prompt before it
        'For last year she wrote "see you in court" on the card to her lawyer.',
        # a hedged quotation with no chapter prompt before it
        "She said, \"Maybe 'Friday Club'.\" They meet at the library.",
    ],
)
def test_title_series_bare_answer_needs_a_title_and_a_prompt(rules, note):
    assert titles_of(note, rules) == []
