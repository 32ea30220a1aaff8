"""Load and validate the cue words and pattern files of ``narrative/lang/<lang>/``.

Patterns are JSONL records ``{"label", "pattern", "id", "score"?, "requires"?}``:
``pattern`` is either a spaCy ``Matcher`` token pattern (a list of token dicts) or, for
the ``regex`` files, a Python regular expression string; ``requires`` lists words of
which every match of a regex holds one, so texts without any skip it. Every record is checked
with pydantic when it is loaded, so a bad file fails early with its name, line
and the problem.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping
from importlib import import_module, resources
from pathlib import Path
from types import ModuleType
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..errors import ConfigError, ModelError, extract_pattern_msg

TOKEN_PATTERN_FILES = ("self_descriptions", "agency")
REGEX_PATTERN_FILES = ("chapter_titles", "indicators")


class PatternRecord(BaseModel):
    """One pattern line."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    label: str = Field(min_length=1)
    pattern: list[dict[str, Any]] | str
    id: str = Field(min_length=1, pattern=r"^[a-z0-9_.\-]+$")
    score: float | None = Field(default=None, ge=0.0, le=1.0)
    # regex patterns: lower-case words of which every match holds one (case-insensitively); a
    # text holding none of them skips the pattern (see :func:`may_hold`)
    requires: tuple[str, ...] = ()

    @field_validator("requires")
    @classmethod
    def _check_requires(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        for word in value:
            if not word or word != word.lower() or not word.isascii():
                raise ValueError(f"requires: expected non-empty lower-case ASCII words, got {word!r}")
        return value

    @field_validator("pattern")
    @classmethod
    def _check_pattern(cls, value: list[dict[str, Any]] | str) -> list[dict[str, Any]] | str:
        if isinstance(value, str):
            try:
                re.compile(value)
            except re.error as exc:
                raise ValueError(f"invalid regular expression ({exc.msg} at position {exc.pos})") from None
            return value
        if not value:
            raise ValueError("a token pattern needs at least one token")
        for tok in value:
            if not tok and tok != {}:
                raise ValueError("token pattern entries must be objects")
        return value


MODELS_DIR = Path(__file__).resolve().parents[2] / "models"  # the bundled trained models


def model_dir_setting(value: str | None, bundled: Path) -> Path | None:
    """An ``extract.*`` model setting: "bundled" (the folder ``bundled``), a folder path, or None,
    "null", "none", "off" or "" (no model: the rules alone)."""
    if value is None or str(value).lower() in ("", "none", "null", "off"):
        return None
    return bundled if str(value) == "bundled" else Path(str(value)).expanduser()


def read_model_json(folder: Path, *, setting: str, hint: str) -> tuple[dict[str, Any], str]:
    """The JSON object in ``folder/model.json`` of the ``extract.<setting>`` model, and that file's
    path (for messages).

    Raises:
        ModelError: no such file (``hint`` says what to give instead), unreadable, or not a JSON object.
    """
    path = Path(folder) / "model.json"
    if not path.is_file():
        raise ModelError(f"extract.{setting}: no model.json in {folder}; {hint}")
    try:
        payload = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelError(f"extract.{setting}: cannot read {path}: {type(exc).__name__}.") from None
    if not isinstance(payload, dict):
        raise ModelError(f"extract.{setting}: {path} is not a JSON object.")
    return payload, str(path)


# The only characters that a case-insensitive regex reads as an ASCII letter but str.lower() does
# not lower to it ("İ" and "ı" match "i", "ſ" matches "s").
_ODD_CASE = ("İ", "ı", "ſ")


def may_hold(text: str, words: Iterable[str]) -> bool:
    """Whether ``text`` may hold one of ``words`` (lower-case ASCII) in any letter case.

    False only when it surely does not: then a case-insensitive regex whose every match holds
    one of the words cannot match ``text`` either, and is skipped (substring tests are much
    cheaper than a regex scan).
    """
    if any(ch in text for ch in _ODD_CASE):
        return True
    low = text.lower()
    return any(word in low for word in words)


def parse_pattern_lines(lines: list[str], *, source: str, kind: str) -> list[PatternRecord]:
    """Validate JSONL pattern lines; ``kind`` is "token" or "regex"."""
    records: list[PatternRecord] = []
    seen: set[str] = set()
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.lstrip().startswith("//"):
            continue
        try:
            raw = json.loads(line)
        except json.JSONDecodeError as exc:
            raise ConfigError(extract_pattern_msg(source, number, f"not valid JSON ({exc.msg})")) from None
        try:
            record = PatternRecord.model_validate(raw)
        except ValidationError as exc:
            first = exc.errors()[0]
            loc = ".".join(str(p) for p in first["loc"]) or "record"
            raise ConfigError(extract_pattern_msg(source, number, f"{loc}: {first['msg']}")) from None
        if kind == "regex" and not isinstance(record.pattern, str):
            raise ConfigError(extract_pattern_msg(source, number, "expected a regular expression string"))
        if kind == "token" and isinstance(record.pattern, str):
            raise ConfigError(
                extract_pattern_msg(source, number, "expected a token pattern (a list of objects)")
            )
        if record.id in seen:
            raise ConfigError(extract_pattern_msg(source, number, f"duplicate id {record.id!r}"))
        seen.add(record.id)
        records.append(record)
    return records


@functools.cache
def load_patterns(name: str, *, lang: str = "en") -> tuple[PatternRecord, ...]:
    """The validated records of ``narrative/lang/<lang>/patterns/<name>.jsonl``."""
    kind = "regex" if name in REGEX_PATTERN_FILES else "token"
    try:
        ref = resources.files(f"narrative.lang.{lang}").joinpath("patterns").joinpath(f"{name}.jsonl")
        text = ref.read_text(encoding="utf-8")
    except (FileNotFoundError, ModuleNotFoundError):
        raise ConfigError(
            extract_pattern_msg(f"narrative/lang/{lang}/patterns/{name}.jsonl", 0, "file not found")
        ) from None
    return tuple(
        parse_pattern_lines(text.splitlines(), source=f"lang/{lang}/patterns/{name}.jsonl", kind=kind)
    )


def check_cues(module: ModuleType) -> None:
    """Check that every upper-case word list of a cue module is a set of lower-case strings."""
    for name in dir(module):
        if not name.isupper():
            continue
        value = getattr(module, name)
        items = value.keys() if isinstance(value, Mapping) else value
        if not isinstance(value, frozenset | Mapping):
            raise ConfigError(
                f"{module.__name__}.{name}: expected a frozenset or a mapping, got {type(value).__name__}."
            )
        for item in items:
            if not isinstance(item, str) or not item or item != item.lower() or item != item.strip():
                raise ConfigError(
                    f"{module.__name__}.{name}: invalid entry {item!r}; expected a non-empty lower-case string."
                )


@functools.cache
def load_cues(lang: str = "en") -> ModuleType:
    """The validated cue-word module ``narrative.lang.<lang>.cues``."""
    try:
        module = import_module(f"narrative.lang.{lang}.cues")
    except ModuleNotFoundError:
        raise ConfigError(
            f"extract.lang: no cue words for language {lang!r} (narrative/lang/{lang}/cues.py)."
        ) from None
    check_cues(module)
    return module
