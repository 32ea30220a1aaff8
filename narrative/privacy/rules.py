"""Privacy rules as data: custom recognizer patterns, name lists and name cues.

Next to this module: ``recognizers.yaml`` (patterns), ``first_names.txt``
(hand-kept given names), ``given_names.txt`` and ``surnames.txt`` (large lists
built by ``scripts/build_name_lists.py``, see ``NAMES.md``),
``common_words.txt`` (English words that are not names) and
``name_cues.yaml`` (kinship words and verbs around names). Users may add their
own files (``privacy.recognizers_file``, ``privacy.names_file``). Everything is
validated on load, so a bad pattern is reported with its file and id instead of
failing in the middle of a run.
"""

from __future__ import annotations

import functools
import os
from importlib import resources
from pathlib import Path
from typing import Any, Literal

import regex
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ..config import safe_load_yaml
from ..errors import ConfigError, privacy_rules_msg

BUNDLED_RECOGNIZERS = "recognizers.yaml"
BUNDLED_NAMES = "first_names.txt"
BUNDLED_GIVEN_NAMES = "given_names.txt"
BUNDLED_SURNAMES = "surnames.txt"
BUNDLED_COMMON_WORDS = "common_words.txt"
BUNDLED_NAME_CUES = "name_cues.yaml"
AMBIGUOUS_MARKER = "[ambiguous]"

EntityName = Literal[
    "PERSON", "DATE", "AGE", "PHONE", "EMAIL", "ADDRESS", "LOCATION", "ZIP", "ID", "URL", "IP"
]


def _compile(pattern: str, *, ignore_case: bool) -> regex.Pattern[str]:
    flags = regex.MULTILINE | regex.DOTALL | (regex.IGNORECASE if ignore_case else 0)
    return regex.compile(pattern, flags=flags)


class PatternSpec(BaseModel):
    """One named regular expression."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = Field(min_length=1)
    regex: str = Field(min_length=1)
    ignore_case: bool | None = None

    @field_validator("regex")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            compiled = regex.compile(value)
        except regex.error as exc:
            raise ValueError(f"does not compile: {exc}") from None
        if compiled.fullmatch(""):
            raise ValueError("matches the empty string")
        return value


class RecognizerSpec(BaseModel):
    """A recognizer: one entity type found by one or more patterns."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    entity: EntityName
    score: float = Field(ge=0.0, le=1.0)
    ignore_case: bool = True
    patterns: tuple[PatternSpec, ...] = Field(min_length=1)

    def flags_for(self, pattern: PatternSpec) -> bool:
        """Whether ``pattern`` matches case-insensitively."""
        return self.ignore_case if pattern.ignore_case is None else pattern.ignore_case


class RulesFile(BaseModel):
    """The whole ``recognizers.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    keep: tuple[PatternSpec, ...] = ()
    recognizers: tuple[RecognizerSpec, ...] = ()
    not_names: tuple[str, ...] = ()
    dates: tuple[PatternSpec, ...] = ()

    @field_validator("recognizers")
    @classmethod
    def _unique_ids(cls, value: tuple[RecognizerSpec, ...]) -> tuple[RecognizerSpec, ...]:
        ids = [r.id for r in value]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate recognizer id(s) {dupes}")
        return value


def _lower_words(value: tuple[str, ...]) -> frozenset[str]:
    return frozenset(w.strip().casefold() for w in value if w.strip())


class NameCues(BaseModel):
    """``name_cues.yaml``: words around a person's name (see the file's header)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    version: int = 1
    kinship: frozenset[str] = Field(min_length=1)
    before: frozenset[str] = Field(min_length=1)
    after: frozenset[str] = Field(min_length=1)
    coordinators: frozenset[str] = Field(min_length=1)

    @field_validator("kinship", "before", "after", "coordinators", mode="before")
    @classmethod
    def _lower(cls, value: Any) -> Any:
        if isinstance(value, (list, tuple, set, frozenset)):
            return _lower_words(tuple(str(v) for v in value))
        return value


class Rules:
    """Validated, compiled rules ready for the de-identifier."""

    def __init__(
        self,
        files: list[RulesFile],
        *,
        given_names: frozenset[str],
        ambiguous_names: frozenset[str],
        surnames: frozenset[str] = frozenset(),
        ambiguous_surnames: frozenset[str] = frozenset(),
        common_words: frozenset[str] = frozenset(),
        cues: NameCues | None = None,
    ):
        self.recognizers: tuple[RecognizerSpec, ...] = tuple(r for f in files for r in f.recognizers)
        self.keep: tuple[regex.Pattern[str], ...] = tuple(
            _compile(p.regex, ignore_case=p.ignore_case is not False) for f in files for p in f.keep
        )
        self.dates: tuple[regex.Pattern[str], ...] = tuple(
            _compile(p.regex, ignore_case=p.ignore_case is not False) for f in files for p in f.dates
        )
        self.date_sources: tuple[str, ...] = tuple(p.regex for f in files for p in f.dates)
        self.not_names: frozenset[str] = frozenset(w.casefold() for f in files for w in f.not_names)
        self.given_names = given_names
        self.ambiguous_names = ambiguous_names - given_names
        self.surnames = surnames - given_names - self.ambiguous_names
        self.ambiguous_surnames = ambiguous_surnames - surnames
        self.common_words = common_words - given_names
        self.cues = cues

    def keep_spans(self, text: str) -> list[tuple[int, int]]:
        """Character spans of phrases that must never be masked ("Session 4", "7/10")."""
        return [m.span() for pattern in self.keep for m in pattern.finditer(text)]


def _read_rules_file(text: str, source: str) -> RulesFile:
    try:
        data = safe_load_yaml(text) or {}
    except yaml.YAMLError as exc:
        raise ConfigError(privacy_rules_msg(source, f"not valid YAML: {type(exc).__name__}")) from None
    if not isinstance(data, dict):
        raise ConfigError(privacy_rules_msg(source, "expected a mapping with keep/recognizers/dates"))
    try:
        return RulesFile.model_validate(data)
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(privacy_rules_msg(source, f"{loc}: {first.get('msg', '')}")) from None


def _read_cues(text: str, source: str) -> NameCues:
    try:
        data = safe_load_yaml(text) or {}
        return NameCues.model_validate(data)
    except yaml.YAMLError as exc:
        raise ConfigError(privacy_rules_msg(source, f"not valid YAML: {type(exc).__name__}")) from None
    except ValidationError as exc:
        first = exc.errors()[0]
        loc = ".".join(str(p) for p in first.get("loc", ()))
        raise ConfigError(privacy_rules_msg(source, f"{loc}: {first.get('msg', '')}")) from None


def _read_names(text: str) -> tuple[set[str], set[str]]:
    """(names, ambiguous names) of a name list: one name per line, casefolded; ``#`` comments;
    the names after an ``[ambiguous]`` line are ambiguous."""
    lines = [line.strip() for line in text.casefold().splitlines()]
    try:
        cut = lines.index(AMBIGUOUS_MARKER)
    except ValueError:
        cut = len(lines)
    names = {w for w in lines[:cut] if w and w[0] != "#"}
    ambiguous = {w for w in lines[cut + 1 :] if w and w[0] != "#" and w != AMBIGUOUS_MARKER}
    return names, ambiguous


def _read_user_file(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(privacy_rules_msg(path, f"cannot read it: {type(exc).__name__}")) from None


@functools.lru_cache(maxsize=8)
def load_rules(
    recognizers_file: str | os.PathLike[str] | None = None, names_file: str | os.PathLike[str] | None = None
) -> Rules:
    """The bundled rules plus the user's extra recognizers and names (cached per file pair).

    Raises:
        ConfigError: a file is unreadable or a pattern is invalid (names the file and entry).
    """
    package = resources.files(__package__ or "narrative.privacy")
    files = [
        _read_rules_file(
            package.joinpath(BUNDLED_RECOGNIZERS).read_text(encoding="utf-8"), BUNDLED_RECOGNIZERS
        )
    ]
    names, ambiguous = _read_names(package.joinpath(BUNDLED_NAMES).read_text(encoding="utf-8"))
    large, large_ambiguous = _read_names(package.joinpath(BUNDLED_GIVEN_NAMES).read_text(encoding="utf-8"))
    # the hand-kept list decides: a name it marks ambiguous stays ambiguous
    names |= large - ambiguous
    ambiguous |= large_ambiguous
    surnames, ambiguous_surnames = _read_names(package.joinpath(BUNDLED_SURNAMES).read_text(encoding="utf-8"))
    common, _ = _read_names(package.joinpath(BUNDLED_COMMON_WORDS).read_text(encoding="utf-8"))
    cues = _read_cues(package.joinpath(BUNDLED_NAME_CUES).read_text(encoding="utf-8"), BUNDLED_NAME_CUES)
    if recognizers_file is not None:
        path = Path(recognizers_file)
        files.append(_read_rules_file(_read_user_file(path), str(path)))
    if names_file is not None:
        extra, extra_ambiguous = _read_names(_read_user_file(Path(names_file)))
        names |= extra
        ambiguous |= extra_ambiguous
    return Rules(
        files,
        given_names=frozenset(names),
        ambiguous_names=frozenset(ambiguous),
        surnames=frozenset(surnames),
        ambiguous_surnames=frozenset(ambiguous_surnames),
        common_words=frozenset(common),
        cues=cues,
    )


def describe(rules: Rules) -> dict[str, Any]:
    """Counts for logs and the run manifest (no patterns, no names)."""
    return {
        "recognizers": len(rules.recognizers),
        "keep_patterns": len(rules.keep),
        "date_patterns": len(rules.dates),
        "given_names": len(rules.given_names),
        "ambiguous_names": len(rules.ambiguous_names),
        "surnames": len(rules.surnames) + len(rules.ambiguous_surnames),
        "common_words": len(rules.common_words),
    }
