import pytest

from narrative.config import load_config
from narrative.errors import ConfigError
from narrative.privacy import PrivacySettings
from narrative.privacy.rules import load_rules


def test_settings_default_config_validates():
    settings = PrivacySettings.from_config(load_config())
    assert settings.keep_identifiers is False and settings.date_mode == "shift"
    assert settings.key_file is None


@pytest.mark.parametrize(
    "section,key",
    [
        ({"date_mode": "month"}, "date_mode"),
        ({"max_shift_days": 0}, "max_shift_days"),
        ({"entities": ["PERSON", "SHOE_SIZE"]}, "entities"),
        ({"unknown": 1}, "unknown"),
        ({"score_threshold": 2}, "score_threshold"),
    ],
)
def test_settings_invalid_value_names_key(section, key):
    with pytest.raises(ConfigError) as err:
        PrivacySettings.from_config({"privacy": section})
    assert key in str(err.value)


def test_settings_rules_file_validated(tmp_path):
    bad = tmp_path / "rules.yaml"
    bad.write_text(
        "recognizers:\n  - id: x\n    entity: ID\n    score: 0.5\n    patterns:\n      - {name: p, regex: '(['}\n"
    )
    with pytest.raises(ConfigError) as err:
        load_rules(bad, None)
    assert "rules.yaml" in str(err.value) and "does not compile" in str(err.value)


def test_settings_bundled_rules_load():
    rules = load_rules(None, None)
    assert rules.recognizers and rules.dates and rules.keep
    assert "sarah" in rules.given_names and "hope" in rules.ambiguous_names
