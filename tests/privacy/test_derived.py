"""De-identifying a span together with a rewrite derived from it (reported speech -> first person)."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow

NOTE = "Client said that Marcus Delgado told her she is a failure. She called (217) 555-0142 on March 3rd."


@pytest.mark.parametrize(
    ("span_text", "derived", "gone"),
    [
        ("Marcus Delgado told her she is a failure", "Marcus Delgado told me I am a failure", "Marcus"),
        ("She called (217) 555-0142 on March 3rd", "I called (217) 555-0142 on March 3rd", "555-0142"),
    ],
)
def test_derived_rewrite_is_masked_like_its_span(privacy, span_text, derived, gone):
    start = NOTE.index(span_text)
    [(safe, safe_derived)] = privacy.spans_with_derived(
        NOTE, [(start, start + len(span_text))], [derived], client_id="c1"
    )
    assert gone not in safe and gone not in safe_derived
    assert "failure" in safe_derived or "called" in safe_derived


def test_derived_none_stays_none(privacy):
    [(safe, derived)] = privacy.spans_with_derived(NOTE, [(0, 11)], [None], client_id="c1")
    assert safe == "Client said" and derived is None


@pytest.mark.parametrize(
    "text",
    ["She called 555-0142 on Monday.", "Texted me at 555-0199 yesterday.", "Her cell is 555 0123."],
)
def test_derived_local_seven_digit_phone_after_call_words_is_masked(privacy, text):
    out = privacy.text(text, client_id="c1")
    assert "[PHONE]" in out and not any(ch.isdigit() for ch in out)
