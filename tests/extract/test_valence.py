"""Valence cues for self-descriptions and titles (narrative.extract.valence)."""

from __future__ import annotations

import pytest

from narrative.extract.valence import after_contrast, load_polarity_cues, text_valence


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I feel like a burden", -1),  # "like" compares: the word compared with decides
        ("I have always felt like an alien", 0),
        ("I feel less like a freak", 1),
        ("I like who I am", 1),  # a liking still counts
        ("I'm sober now", 1),
        ("The Thaw", 1),
        ("I'm rubbish at talking", -1),
        ("Still in survival mode", -1),
    ],
)
def test_valence_lexicon_entries(text, sign):
    value = text_valence(text)
    assert (value > 0) - (value < 0) == sign


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I'm a stubborn old goat", 1),  # stubbornness owned as persistence
        ("I'm not stubborn", -1),
        ("I'm the one who always says yes", -1),  # people-pleasing
        ("I'm not the same guy who walked into your office in June", 1),  # the self that started therapy
        ("I am not the same girl who came in here in March", 1),
        ("I'm not the same man since the stroke", -1),  # a former self lost
    ],
)
def test_valence_self_talk_idioms(text, sign):
    value = text_valence(text)
    assert (value > 0) - (value < 0) == sign


@pytest.mark.parametrize(
    ("text", "tail"),
    [
        ("I was a wreck but I'm stronger now", " i'm stronger now "),
        ("a good nurse, yet a tired one, but still here", " still here "),
        ("I am the glue", None),
        ("I am butter", None),  # a word boundary, not a prefix
    ],
)
def test_valence_after_contrast_is_the_part_after_the_last_marker(text, tail):
    assert after_contrast(text) == tail


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("I used to be the quiet one", {"former"}),
        ("Maybe I'm a person with ADHD", {"hedges", "person_first", "condition"}),
        ("I'm just the breadwinner", {"diminish", "role"}),
        ("I am the glue", set()),
    ],
)
def test_valence_polarity_cues_found(text, names):
    assert load_polarity_cues().found(text) == names
