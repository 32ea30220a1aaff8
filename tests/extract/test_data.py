"""Validation of the cue-word module and the JSONL pattern files (no trained model needed)."""

from __future__ import annotations

import json
import types

import pytest
import spacy
from spacy.matcher import Matcher

from narrative.errors import ConfigError
from narrative.extract.data import check_cues, load_cues, load_patterns, may_hold, parse_pattern_lines


@pytest.mark.parametrize("name", ["self_descriptions", "agency"])
def test_data_token_patterns_load_into_matcher(name):
    matcher = Matcher(spacy.blank("en").vocab)
    records = load_patterns(name)
    for rec in records:
        matcher.add(rec.id, [rec.pattern])
    assert len(matcher) == len(records) > 0


@pytest.mark.parametrize("name", ["chapter_titles", "indicators"])
def test_data_regex_patterns_load(name):
    assert all(isinstance(r.pattern, str) for r in load_patterns(name))


def test_data_cues_module_is_valid():
    assert load_cues("en").NEGATORS


@pytest.mark.parametrize(
    ("line", "kind", "problem"),
    [
        ("{not json", "token", "not valid JSON"),
        (json.dumps({"label": "x", "pattern": [{"LOWER": "a"}]}), "token", "id"),
        (json.dumps({"label": "x", "pattern": [], "id": "a"}), "token", "at least one token"),
        (json.dumps({"label": "x", "pattern": "(", "id": "a"}), "regex", "invalid regular expression"),
        (json.dumps({"label": "x", "pattern": "a", "id": "a"}), "token", "expected a token pattern"),
        (
            json.dumps({"label": "x", "pattern": [{"LOWER": "a"}], "id": "a"}),
            "regex",
            "expected a regular expression",
        ),
        (json.dumps({"label": "x", "pattern": "a", "id": "a", "score": 2}), "regex", "score"),
        (json.dumps({"label": "x", "pattern": "a", "id": "a", "extra": 1}), "regex", "extra"),
    ],
)
def test_data_bad_pattern_line_names_file_and_line(line, kind, problem):
    with pytest.raises(ConfigError) as err:
        parse_pattern_lines(["", line], source="p.jsonl", kind=kind)
    assert "p.jsonl, line 2" in str(err.value)
    assert problem in str(err.value)


def test_data_duplicate_ids_rejected():
    line = json.dumps({"label": "x", "pattern": "a", "id": "a"})
    with pytest.raises(ConfigError, match="duplicate id"):
        parse_pattern_lines([line, line], source="p.jsonl", kind="regex")


@pytest.mark.parametrize(
    "bad", [frozenset({"Upper"}), frozenset({" padded"}), frozenset({""}), ["a", "list"]]
)
def test_data_check_cues_rejects_bad_lists(bad):
    module = types.ModuleType("fake_cues")
    module.WORDS = bad
    with pytest.raises(ConfigError, match="fake_cues.WORDS"):
        check_cues(module)


def test_data_components_build_on_blank_pipeline():
    """The components construct (patterns compile) without a trained model."""
    from narrative.extract import components  # noqa: F401

    nlp = spacy.blank("en")
    for factory in (
        "narrative_voice_v1",
        "narrative_self_descriptions_v1",
        "narrative_agency_v1",
        "narrative_chapter_titles_v1",
        "narrative_indicators_v1",
    ):
        nlp.add_pipe(factory)
    assert len(nlp.pipe_names) == 5


@pytest.mark.parametrize(
    ("text", "words", "expected"),
    [
        ('Chapter title: "Fog"', ("title",), True),
        ("CHAPTER ONE", ("chapter",), True),
        ("No such word here.", ("chapter", "title"), False),
        ("ſubtitle", ("subtitle",), True),  # "ſ" matches "s" in a case-insensitive regex
        ("İF", ("if",), True),
    ],
)
def test_data_may_hold_is_false_only_without_the_words(text, words, expected):
    assert may_hold(text, words) is expected


def test_data_requires_must_be_lower_case():
    line = json.dumps({"label": "label", "id": "x.y", "pattern": "(?i)title", "requires": ["Title"]})
    with pytest.raises(ConfigError, match="requires"):
        parse_pattern_lines([line], source="t.jsonl", kind="regex")
