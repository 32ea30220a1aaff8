"""Self-description forms the rules missed on the blind splits (issue 3), on the real
en_core_web_sm (slow), one construction per row; each row fails on the rules before the fix."""

from __future__ import annotations

import pytest

from tests.extract._helpers import spans_by_text

pytestmark = pytest.mark.slow


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        # a bare relative clause after the copula, which the small parser reads as a clausal complement
        ('She said, "I am somebody people come to."', "I am somebody people come to", "positive"),
        ('He said, "I’m the one people leave."', "I’m the one people leave", None),
        # the self lost: a reflexive object of "lose", or one under "bits / parts of"
        ('She said, "I’ve lost myself a bit."', "I’ve lost myself a bit", None),
        ("She said she is “losing bits of myself”.", "she is “losing bits of myself”", None),
        # a fearful frame over a claim naming a kind of person or a self-talk word
        ('He said, "I’m scared I’m unemployable."', "I’m scared I’m unemployable", "negative"),
        # "no idea who I am" with the client's own words quoted inside a reported clause
        ("She said she had “no idea who I am without him”.", "she had “no idea who I am without him”", None),
        # a self-talk or belief frame in -ing form over a plain identity claim
        (
            'She said, "I spent 30 years thinking I was rude and cold."',
            "I spent 30 years thinking I was rude and cold",
            "negative",
        ),
    ],
)
def test_self_description_forms_the_rules_missed(extract, note, span, polarity):
    found = spans_by_text(extract(note), "self_description")
    assert span in found
    assert found[span].voice == ("reported" if span.startswith("she") else "quoted")
    if polarity is not None:
        assert found[span].polarity == polarity


@pytest.mark.parametrize(
    "note",
    [
        # the clause before the fearful adjective is another claim, not its complement
        'Ellie said: "I’m not a perfectionist, I’m just scared."',
        'He said, "I’m scared I’m late."',  # a claim that names no kind of person
    ],
)
def test_self_description_fearful_frame_needs_its_own_claim(extract, note):
    assert not [s for s in extract(note) if s.type == "self_description" and "scared" in s.text]
