"""De-identification reads only the sentences that hold statements (with one sentence before
each), and the analysis pipeline runs spaCy's NER on those sentences only."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from narrative.config import load_config
from narrative.engine.batch import _window_docs, process_notes, statement_windows
from narrative.engine.context import get_context
from narrative.types import Note

ROOT = Path(__file__).resolve().parents[2]
PLANTED = ROOT / "corpora" / "privacy" / "planted.jsonl"
KEY = b"k" * 32


@pytest.fixture(scope="module")
def ctx():
    return get_context(load_config(), KEY)


def _spans_of(text: str, *quotes: str) -> list[tuple[int, int]]:
    return [(text.index(q), text.index(q) + len(q)) for q in quotes]


def test_analysis_pipeline_holds_ner_disabled(ctx):
    assert "ner" not in ctx.nlp.pipe_names
    assert "ner" in ctx.nlp.disabled


def test_keep_identifiers_loads_no_ner():
    config = load_config()
    config["privacy"] = {**(config.get("privacy") or {}), "keep_identifiers": True}
    nlp = get_context(config, KEY).nlp
    assert "ner" not in nlp.component_names


def test_windows_are_statement_sentences_with_one_before_joined(ctx):
    text = (
        "Intake review. Member ID is on file. I am a failure, she said. "
        "Weather was cold. We spoke about work. Then traffic. She said I chose to go."
    )
    doc = ctx.nlp(text)
    windows = statement_windows(doc, _spans_of(text, "I am a failure", "I chose to go"))
    assert [w.text for w in windows] == [
        "Member ID is on file. I am a failure, she said.",
        "Then traffic. She said I chose to go.",
    ]
    # the sentence before the first sentence is none; adjacent windows join
    first = statement_windows(doc, _spans_of(text, "Intake review", "Member ID"))
    assert [w.text for w in first] == ["Intake review. Member ID is on file."]
    assert [w.text for w in statement_windows(doc, [], context=0)] == []


def test_windows_take_a_next_sentence_that_continues_the_statements_one(ctx):
    # the splitter cut inside a date: the window must read the date whole
    text = "reports 3 drinks a night. her father turned 100 on may. 16, 2022; her son threw the party. ok."
    doc = ctx.nlp(text)
    cut = [(sent.start_char, sent.end_char) for sent in doc.sents]
    assert any(text[s:e].endswith("on may.") for s, e in cut), "the splitter cuts after 'may.'"
    span = [next((s, e) for s, e in cut if text[s:e].endswith("on may."))]
    [window] = statement_windows(doc, span, context=0)
    assert "16, 2022" in window.text
    masked = ctx.privacy.spans_with_derived(
        text, span, [None], client_id="c1", windows=_window_docs(doc, [window])
    )[0][0]
    assert "may" not in masked


def test_window_docs_keep_offsets_and_text(ctx):
    text = "First line here. Kwame said I decided to leave. Last line."
    doc = ctx.nlp(text)
    pairs = _window_docs(doc, statement_windows(doc, _spans_of(text, "I decided to leave"), context=0))
    assert len(pairs) == 1
    offset, wdoc = pairs[0]
    assert text[offset : offset + len(wdoc.text)] == wdoc.text
    assert wdoc.text.startswith("Kwame said")


def test_span_outside_the_windows_is_refused_naming_it(ctx):
    text = "Rachel Whitfield called. I am a failure. The weather was cold."
    doc = ctx.nlp(text)
    windows = _window_docs(doc, statement_windows(doc, _spans_of(text, "I am a failure"), context=0))
    with pytest.raises(ValueError, match=r"span 0: .*analysed windows"):
        ctx.privacy.spans_with_derived(
            text, _spans_of(text, "The weather"), [None], client_id="c1", windows=windows
        )


def test_privacy_text_runs_the_disabled_ner(ctx):
    # the analysis pipeline's NER is disabled; whole texts (GAS comments, titles) still get it
    doc = ctx.privacy.deidentifier._with_entities(ctx.nlp("She met Whitfield from Leeds Council."))
    assert doc.has_annotation("ENT_IOB")


def test_process_notes_masks_names_inside_statements(ctx):
    text = (
        "Session focused on family. Her brother Kwame Mensah visited on 3 March 2024. "
        'She said "I told Kwame Mensah I decided to move out." The weather was cold.'
    )
    note = Note(note_id="n1", client_id="c1", session=1, text=text)
    [out] = process_notes([note], ctx)
    quotes = [s["text"] for s in out["statements"]]
    assert quotes, "the note holds an agency statement"
    assert not any("Kwame" in q or "Mensah" in q for q in quotes)


@pytest.mark.skipif(not PLANTED.exists(), reason="corpora/privacy/planted.jsonl not present")
def test_windows_leave_no_planted_identifier_the_whole_note_removes(ctx):
    """Every sentence of the planted dev notes as a statement: de-identified from its window,
    no planted identifier survives that whole-note de-identification removes."""
    nlp, privacy = ctx.nlp, ctx.privacy
    ner = nlp.get_pipe("ner")
    rows = [json.loads(line) for line in PLANTED.read_text(encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if r["split"] == "dev"]
    worse = []
    for r in rows:
        text = r["text"]
        doc = nlp(text)
        spans = [(s.start_char, s.end_char) for s in doc.sents]
        whole = privacy.spans_with_derived(
            text, spans, [None] * len(spans), client_id="c", doc=ner(doc.copy())
        )
        for k, span in enumerate(spans):
            windows = [(o, ner(w)) for o, w in _window_docs(doc, statement_windows(doc, [span]))]
            [(safe, _)] = privacy.spans_with_derived(text, [span], [None], client_id="c", windows=windows)
            for ident in r["identifiers"]:
                if (
                    span[0] <= ident["start"] < span[1]
                    and ident["text"] in safe
                    and ident["text"] not in whole[k][0]
                ):
                    worse.append((r["id"], ident["type"]))
    assert worse == []
