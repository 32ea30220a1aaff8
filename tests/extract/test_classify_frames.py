"""Agency rules of issue 3 on the real en_core_web_sm (slow), one construction per row."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.slow


def _spans(statements, type_):
    return {s.text: s for s in statements if s.type == type_}


@pytest.mark.parametrize(
    ("note", "span"),
    [
        ("Client reports choosing to walk.", "Client reports choosing to walk"),
        (
            "Client reports sticking to the sleep window on 6 of 7 nights.",
            "Client reports sticking to the sleep window on 6 of 7 nights",
        ),
    ],
)
def test_report_frame_with_a_gerund_right_after_it_keeps_the_frame(extract, note, span):
    # the parser hangs the gerund on the frame as "acl" when the frame has a subject
    found = _spans(extract(note), "agency")
    assert span in found
    assert found[span].voice == "reported" and found[span].polarity == "agentic"
