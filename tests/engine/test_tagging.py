"""The faster attribute-ruler matching gives spaCy's own results."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import numpy as np
import pytest
import spacy

from narrative.engine.tagging import FastRulerMatch, FastRulerPipe, speed_up, speed_up_attribute_ruler

ROOT = Path(__file__).resolve().parents[2]

NOTES = [
    "I ain't going back there. Y'all know I'm not a quitter, and it's not over.",
    "There are days when I don't know who I am. He told it to me, and I gave it to you.",
    "Cl. reported that she's nothin' like her mother; whether or not she'll go is unclear.",
    "  \n  Pt  declined the referral.\n\nHas he done it? Do they? I do.",
    "",
    "That is what she said, which was why they'd left.",
]


def _blank_ruler(patterns):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add_patterns(patterns)
    return nlp, ruler


@pytest.mark.parametrize(
    ("pattern", "text", "expected"),
    [
        ([{"LOWER": "not"}], "Not now, not ever", [(0, 1), (3, 4)]),
        ([{"ORTH": "Not"}], "Not now, not ever", [(0, 1)]),
        ([{"TEXT": "ever"}], "Not now, not ever", [(4, 5)]),
        ([{"LOWER": {"IN": ["now", "ever"]}}], "Not now, not ever", [(1, 2), (4, 5)]),
        ([{"LOWER": {"NOT_IN": ["not", ","]}}], "Not now, not ever", [(1, 2), (4, 5)]),
        ([{"LOWER": {"REGEX": "^n.t$"}}], "Not now, nut ever", [(0, 1), (3, 4)]),
        ([{"LOWER": "not"}, {"LOWER": "ever"}], "Not now, not ever", [(3, 5)]),
        ([{"IS_SPACE": True}], "a  \n b", [(1, 2)]),
    ],
)
def test_fast_ruler_match_finds_the_matchers_matches(pattern, text, expected):
    nlp, ruler = _blank_ruler([{"patterns": [pattern], "attrs": {"NORM": "x"}}])
    doc = nlp.make_doc(text)
    spans = [(s, e) for _, _, s, e in FastRulerMatch(ruler)(doc)]
    assert spans == expected
    assert FastRulerMatch(ruler)(doc) == ruler.match(doc)


def test_fast_ruler_match_returns_a_match_once_when_two_patterns_of_an_entry_find_it():
    nlp, ruler = _blank_ruler([{"patterns": [[{"LOWER": "x"}], [{"ORTH": "x"}]], "attrs": {"NORM": "y"}}])
    doc = nlp.make_doc("x y x")
    assert FastRulerMatch(ruler)(doc) == ruler.match(doc)
    assert len(ruler.match(doc)) == 2


def test_fast_ruler_match_never_joins_the_end_of_one_doc_to_the_start_of_the_next():
    nlp, ruler = _blank_ruler([{"patterns": [[{"LOWER": "a"}, {"LOWER": "b"}]], "attrs": {"NORM": "y"}}])
    docs = [nlp.make_doc("x a"), nlp.make_doc("b a b")]
    assert FastRulerMatch(ruler).match_docs(docs) == [ruler.match(d) for d in docs]
    assert FastRulerMatch(ruler).match_docs(docs)[0] == []


def test_fast_ruler_match_sees_patterns_added_after_it_was_built():
    nlp, ruler = _blank_ruler([{"patterns": [[{"LOWER": "a"}]], "attrs": {"NORM": "y"}}])
    fast = FastRulerMatch(ruler)
    ruler.add([[{"LOWER": "b"}]], {"NORM": "z"})
    doc = nlp.make_doc("a b")
    assert fast(doc) == ruler.match(doc)
    assert len(fast(doc)) == 2


@pytest.mark.parametrize(
    "pattern",
    [
        [{"LOWER": "a", "OP": "?"}],
        [{"LENGTH": 3}],
        [{"LOWER": {"FUZZY": "abc"}}],
        [{"_": {"foo": "bar"}}],
        [{}],
    ],
)
def test_speed_up_leaves_a_ruler_with_other_patterns_to_spacy(pattern):
    nlp, ruler = _blank_ruler([{"patterns": [pattern], "attrs": {"NORM": "y"}}])
    assert speed_up_attribute_ruler(nlp) is False
    assert "match" not in vars(ruler) and "pipe" not in vars(ruler)


def _notes() -> list[str]:
    texts = list(NOTES)
    with open(ROOT / "corpora" / "demo" / "notes.csv", encoding="utf-8", newline="") as fh:
        texts.extend(row["note"] for row in csv.DictReader(fh))
    with open(ROOT / "corpora" / "gold" / "dev_blind.jsonl", encoding="utf-8") as fh:
        texts.extend(json.loads(line)["text"] for line in fh)
    return texts


def _annotations(doc) -> tuple:
    from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG

    return (
        doc.to_array([TAG, POS, MORPH, LEMMA, DEP, HEAD]).tolist(),
        [str(t.morph) for t in doc],
        [t.lemma_ for t in doc],
        [t.pos_ for t in doc],
    )


@pytest.mark.slow
def test_speed_up_gives_the_models_tags_morphology_and_lemmas():
    from narrative.extract import load_spacy_model

    texts = _notes()
    plain = load_spacy_model("en_core_web_sm")
    fast = load_spacy_model("en_core_web_sm")
    assert speed_up(fast) == ["attribute_ruler"]
    assert isinstance(fast.get_pipe("attribute_ruler").pipe, FastRulerPipe)
    for batch_size in (1, 7, 64):
        for a, b in zip(
            plain.pipe(texts, batch_size=batch_size), fast.pipe(texts, batch_size=batch_size), strict=True
        ):
            assert _annotations(a) == _annotations(b)
    # one doc at a time (nlp(text)) goes through spaCy's __call__ with the fast match
    for text in texts[:20]:
        assert _annotations(plain(text)) == _annotations(fast(text))


@pytest.mark.slow
def test_speed_up_ruler_match_equals_spacys_on_the_models_patterns():
    from narrative.extract import load_spacy_model

    nlp = load_spacy_model("en_core_web_sm")
    ruler = nlp.get_pipe("attribute_ruler")
    with nlp.select_pipes(disable=["attribute_ruler", "lemmatizer"]):
        docs = list(nlp.pipe(_notes()))
    fast = FastRulerMatch(ruler)
    assert fast.match_docs(docs) == [ruler.match(d) for d in docs]
    assert sum(map(len, fast.match_docs(docs))) > sum(len(d) for d in docs)  # the tag map hits every token


@pytest.mark.slow
def test_analysis_pipeline_runs_the_faster_components():
    from narrative.config import load_config
    from narrative.engine.context import WorkerContext

    nlp = WorkerContext(config=load_config(), key=b"k" * 32).nlp
    assert isinstance(nlp.get_pipe("attribute_ruler").pipe, FastRulerPipe)
    doc = next(nlp.pipe(["I am not a quitter."]))
    assert [t.lemma_ for t in doc] == ["I", "be", "not", "a", "quitter", "."]
    assert np.all(doc.to_array(["POS"]) > 0)
