"""Configuration: one commented default file, user overrides merged on top.

``load_config(path)`` returns a plain nested dict; each stage validates its own
section (a pydantic model in that stage) when it loads, so an error names the
section and key.
"""

from __future__ import annotations

import copy
import os
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from .errors import ConfigError

DEFAULT_CONFIG = "default_config.yaml"

# libyaml's safe loader when PyYAML was built with it (the wheels are): the same documents,
# about ten times faster than the pure-Python one on the tool's rule and settings files.
_SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def safe_load_yaml(text: str) -> Any:
    """``yaml.safe_load`` with libyaml's loader where available (plain data only)."""
    return yaml.load(text, Loader=_SAFE_LOADER)  # noqa: S506 - a safe loader


def default_config() -> dict[str, Any]:
    """The packaged default configuration as a nested dict."""
    text = resources.files("narrative").joinpath(DEFAULT_CONFIG).read_text(encoding="utf-8")
    return safe_load_yaml(text)


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep-merge ``override`` into a copy of ``base``."""
    out = copy.deepcopy(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merge(out[key], value)
        else:
            out[key] = copy.deepcopy(value)
    return out


PRESETS = ("fast",)


def preset_config(name: str) -> dict[str, Any]:
    """A packaged preset (``narrative/presets/<name>.yaml``): a partial configuration."""
    if name not in PRESETS:
        raise ConfigError(f"unknown preset {name!r}; expected one of {', '.join(PRESETS)}.")
    text = resources.files("narrative").joinpath("presets", f"{name}.yaml").read_text(encoding="utf-8")
    data = safe_load_yaml(text) or {}
    models = Path(__file__).resolve().parents[1] / "models"
    # "{models}" in a preset's values stands for the models/ folder beside the package
    return _expand(data, str(models))


def _expand(value: Any, models: str) -> Any:
    if isinstance(value, dict):
        return {k: _expand(v, models) for k, v in value.items()}
    if isinstance(value, str):
        return value.replace("{models}", models)
    return value


def load_config(
    path: str | os.PathLike[str] | None = None, *, preset: str | None = None, **overrides: Any
) -> dict[str, Any]:
    """Defaults, then a packaged ``preset`` (e.g. "fast"), then the user's YAML file (if any),
    then keyword ``overrides`` by section."""
    config = default_config()
    if preset is not None:
        config = merge(config, preset_config(preset))
    if path is not None:
        p = Path(path)
        try:
            user = safe_load_yaml(p.read_text(encoding="utf-8")) or {}
        except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
            raise ConfigError(f"{p}: cannot read the configuration file ({type(exc).__name__}).") from None
        if not isinstance(user, dict):
            raise ConfigError(
                f"{p}: expected a mapping of sections at the top level, got {type(user).__name__}."
            )
        unknown = sorted(set(user) - set(config))
        if unknown:
            raise ConfigError(f"{p}: unknown section(s) {unknown}; expected some of {sorted(config)}.")
        config = merge(config, user)
    for section, values in overrides.items():
        config = merge(config, {section: values})
    return config
