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
    assert found[span].voice == "quoted"
    if polarity is not None:
        assert found[span].polarity == polarity
