"""What the per-note work hands the scorer as a statement's context (engine.statement_context)."""

from __future__ import annotations

import pytest

from narrative.engine.batch import _without_context, statement_context
from narrative.errors import ConfigError
from narrative.types import Statement


def _statement(attrs):
    return Statement(
        statement_id="s1",
        note_id="n1",
        client_id="C-1",
        type="agency",
        text="I chose to go",
        start=0,
        end=13,
        voice="quoted",
        polarity="agentic",
        attrs=attrs,
    )


@pytest.mark.parametrize(
    ("config", "expected"),
    [({}, "none"), ({"engine": {"statement_context": "previous_sentence"}}, "previous_sentence")],
)
def test_batch_statement_context_setting(config, expected):
    assert statement_context(config) == expected


def test_batch_statement_context_invalid_names_setting_and_choices():
    with pytest.raises(ConfigError, match=r"statement_context.*previous_sentence"):
        statement_context({"engine": {"statement_context": "paragraph"}})


def test_batch_without_context_drops_previous_keeps_rest():
    st = _statement({"previous": "Client arrived late.", "hedged": True})
    out = _without_context(st)
    assert "previous" not in out.attrs and out.attrs["hedged"] is True
    assert st.attrs["previous"] == "Client arrived late."  # the original is untouched
