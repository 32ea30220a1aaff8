"""Trajectory settings and flags.yaml validation."""

from __future__ import annotations

import pytest

from narrative.errors import ConfigError
from narrative.trajectory import load_flag_rules, load_settings


def test_settings_defaults_load_and_name_instruments():
    settings = load_settings()
    assert settings.gas.rho == 0.3
    assert settings.rules.instruments["phq9"].caseness == 10
    assert settings.rules.direction("phq9") == "lower"
    assert settings.rules.direction("chapter_title_drift") == "none"


def test_settings_override_merges_over_flags_yaml():
    settings = load_settings(
        {"trajectory": {"gas": {"rho": 0.5}, "flags": {"rules": {"stagnation": {"sessions": 8}}}}}
    )
    assert settings.gas.rho == 0.5
    assert settings.rules.rules.stagnation.sessions == 8
    assert settings.rules.rules.stagnation.series["phq9"].min_change == 6


@pytest.mark.parametrize(
    ("override", "fragment"),
    [
        ({"gas": {"rho": 1.5}}, "gas.rho"),
        ({"gas": {"baseline_convention": "zero"}}, "baseline_convention"),
        ({"flags": {"rules": {"stagnation": {"sesions": 8}}}}, "sesions"),
        ({"flags": {"missed_session_pattern": "("}}, "regular expression"),
        ({"benchmarks": {"band_low": "p90", "band_high": "p10"}}, "band_low"),
    ],
)
def test_settings_invalid_values_name_the_key(override, fragment):
    with pytest.raises(ConfigError, match=fragment):
        load_settings({"trajectory": override})


def test_settings_flags_file_must_exist(tmp_path):
    with pytest.raises(ConfigError, match="cannot read"):
        load_flag_rules(tmp_path / "missing.yaml")


def test_settings_user_flags_file(tmp_path):
    path = tmp_path / "flags.yaml"
    path.write_text(
        "instruments:\n  phq9: {label: PHQ-9, direction: lower, reliable_change: 5}\n", encoding="utf-8"
    )
    rules = load_flag_rules(path)
    assert rules.instruments["phq9"].reliable_change == 5
