"""Loading and validating the privacy rules (name lists, cues), without a model."""

import pytest

from narrative.errors import ConfigError
from narrative.privacy.rules import _read_cues, describe, load_rules


def test_rules_bundled_lists_loaded():
    counts = describe(load_rules())
    assert counts["given_names"] > 10_000
    assert counts["surnames"] > 100_000
    assert counts["common_words"] > 30_000


@pytest.mark.parametrize(
    "word,where",
    [
        ("thomas", "given_names"),
        ("hope", "ambiguous_names"),
        ("will", "ambiguous_names"),
        ("castellanos", "surnames"),
        ("broken", "common_words"),
        ("forward", "common_words"),
    ],
)
def test_rules_word_in_expected_list(word, where):
    assert word in getattr(load_rules(), where)


@pytest.mark.parametrize("word", ["june", "friday", "march", "mom", "session", "god"])
def test_rules_calendar_and_role_words_not_unambiguous_names(word):
    assert word not in load_rules().given_names


@pytest.mark.parametrize(
    "text",
    [
        "kinship: [son]\nbefore: [met]\nafter: [said]\n",  # coordinators missing
        "kinship: []\nbefore: [met]\nafter: [said]\ncoordinators: [and]\n",
        "kinship: [son]\nbefore: [met]\nafter: [said]\ncoordinators: [and]\nextra: [x]\n",
        "kinship: [son\n",
    ],
)
def test_rules_bad_name_cues_rejected(text):
    with pytest.raises(ConfigError) as err:
        _read_cues(text, "cues.yaml")
    assert "cues.yaml" in str(err.value)
