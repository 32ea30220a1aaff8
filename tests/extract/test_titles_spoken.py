"""Chapter titles a speaker lists aloud without quote marks (life-story interviews, oral
histories), and numbered titles under a survey's chapter prompt."""

from __future__ import annotations

import pytest

from narrative.extract.titles import find_titles, load_title_rules


@pytest.fixture(scope="module")
def rules():
    return load_title_rules()


def _titles(note: str, rules) -> list[str]:
    return [note[t.start : t.end] for t in find_titles(note, rules)]


@pytest.mark.parametrize(
    ("note", "titles"),
    [
        (
            "Interviewer: If your life were a book, what would the chapters be?\n"
            "P: The first chapter is Girl by the Lake. The second, The Diagnosis. The third I call Hiding. "
            "Now this one is Living Positive.",
            ["Girl by the Lake", "The Diagnosis", "Hiding", "Living Positive"],
        ),
        (
            "INTERVIEWER: Your life has chapters. Can you name them?\n"
            "NARRATOR: Okay. One, Barefoot in Samar. Two, Maid in Hong Kong — that one is twelve years. "
            "Three, the Lonely Years. Four, now, Lola Comes Home.",
            ["Barefoot in Samar", "Maid in Hong Kong", "the Lonely Years", "Lola Comes Home"],
        ),
        (
            "If you named the chapters of your life?\nRay: Chapter two, Sandbox. Chapter three is the bad one.",
            ["Sandbox"],
        ),
        ("Chapters of his life: well, the first one is The Farm, no question.", ["The Farm"]),
    ],
)
def test_spoken_ordinal_titles(note, titles, rules):
    assert _titles(note, rules) == titles


@pytest.mark.parametrize(
    "note",
    [
        # no chapter exercise in the note: an ordinal is no title
        "Two, I went home. The first one is Dr Patel, then the nurse.",
        # a sentence after the ordinal, not a title
        "Asked about the chapters of her life. The first is I was lost and nobody came looking for me at all.",
    ],
)
def test_spoken_ordinals_that_are_not_titles(note, rules):
    assert _titles(note, rules) == []


def test_numbered_titles_under_a_survey_prompt(rules):
    note = (
        'Respondent JM-118. Item 4: "Name up to three chapters of your life so far."\n'
        '1. "Yaad"\n2. Babylon (London, the drugs years)\n3. reborn\n'
        'Item 5: "Anything else?" — I walked in.'
    )
    assert _titles(note, rules) == ["Yaad", "Babylon", "reborn"]


def test_a_chapter_prompt_without_numbered_items_lists_nothing(rules):
    note = "Asked her to name the chapters of her life.\nMood low. Sleep poor."
    assert _titles(note, rules) == []
