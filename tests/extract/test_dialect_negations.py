"""Scots and Northern English negative auxiliaries ("cannae", "didnae", "canna") are split like
"can't", so the clause's modal and its negation are read: "I cannae cope" is an inability, "I didnae
drink" a restraint."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("note", "span", "polarity"),
    [
        ('Client said: "I cannae cope wi it anymore."', "I cannae cope wi it anymore", "non_agentic"),
        ('Says "I canna be bothered wi folk."', "I canna be bothered wi folk", "non_agentic"),
        ('She said "I just couldnae face the shop."', "I just couldnae face the shop", "non_agentic"),
        (
            'He said "I didnae drink on Saturday, I went to the match instead."',
            "I didnae drink on Saturday",
            "agentic",
        ),
    ],
)
def test_dialect_negative_auxiliaries_are_read(extract_full, note, span, polarity):
    found = {s.text: s for s in extract_full(note) if s.type == "agency"}
    assert span in found and found[span].polarity == polarity


def test_dialect_negation_keeps_offsets(nlp):
    doc = nlp("I cannae cope.")
    assert [t.text for t in doc][:4] == ["I", "can", "nae", "cope"]
    assert doc[2].norm_ == "not" and doc.text == "I cannae cope."
