"""Dependency-free lexical rules for the scoring stage.

Word lists (``lexicon.yaml``) and cue patterns (``patterns.yaml``) live as data
under ``narrative/lang/en/score/`` and are validated with pydantic on load.
Text is normalised first (lower case, straight quotes, contractions expanded:
"can't" -> "can not", "I'm" -> "i am") so that patterns stay simple.

:func:`match_cues` finds cue matches with their negation and hedge state;
:func:`lexical_features` gives the per-statement features (absolutist words,
first-person singular rate, hedges, temporal orientation).
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Mapping
from importlib import resources
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .. import errors
from ..config import safe_load_yaml

LABELS = (
    "volition",
    "ability",
    "obligation",
    "external_control",
    "passivity",
    "critical_self",
    "accepting_self",
    "curious_self",
    "critical_talk",
    "change_cue",
    "sustain_cue",
)
AGENCY_LABELS = ("volition", "ability", "obligation", "external_control", "passivity")
SELF_REGARD_LABELS = ("critical_self", "accepting_self", "curious_self", "critical_talk")
TALK_LABELS = ("change_cue", "sustain_cue")

_TOKEN = re.compile(r"[a-z0-9]+(?:'[a-z]+)?|[,;:.!?]")

_CONTRACTIONS = (
    (re.compile(r"\bcan't\b|\bcannot\b"), "can not"),
    (re.compile(r"\bwon't\b"), "will not"),
    (re.compile(r"\bshan't\b"), "shall not"),
    (re.compile(r"\b(\w+)n't\b"), r"\1 not"),
    (re.compile(r"\bi'm\b"), "i am"),
    (re.compile(r"\b(it|that|there|what|he|she|who|where|here)'s\b"), r"\1 is"),
    (re.compile(r"\b(\w+)'ve\b"), r"\1 have"),
    (re.compile(r"\b(\w+)'ll\b"), r"\1 will"),
    (re.compile(r"\b(\w+)'re\b"), r"\1 are"),
    (re.compile(r"\b(i|you|he|she|we|they|it)'d\b"), r"\1 would"),
    (re.compile(r"\bgonna\b"), "going to"),
    (re.compile(r"\bwanna\b"), "want to"),
)
# Clinician-voice reading -> the client's first person, for the rule layer only
# ("She said her anxiety made her cancel" -> "i said my anxiety made me cancel").
_REPORTING = re.compile(
    r"^(?:the )?(?:client|patient|pt|she|he|they) (?:said|says|stated|states|reported|reports|described|describes|"
    r"shared|shares|noted|notes|explained|explains|told me|expressed|expresses)(?: that)? "
)
_SELF_VIEW = re.compile(
    r"^(?:the )?(?:client|patient|pt|she|he|they) (?:described|describes|sees|saw|views|viewed|called|calls|"
    r"labels|labelled|labeled|referred to|refers to) (?:herself|himself|themselves|themself) as (?:being )?"
)
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|myself)\b")
_THIRD_PERSON = (
    (re.compile(r"\b(?:herself|himself|themself)\b"), "myself"),
    (
        re.compile(
            r"\b(made|makes|make|let|lets|told|tells|forced|forces|kept|keeps|stopped|stops|pushed|drove|gave|asked|"
            r"helped|hurt|hurts|left|loves|hates|want|wants|wanted|for|to|with|at|about|on|from) (?:her|him)\b"
        ),
        r"\1 me",
    ),
    (re.compile(r"\b(?:her|his)\b"), "my"),
    (re.compile(r"\bhim\b"), "me"),
    (re.compile(r"\b(?:she|he)\b"), "i"),
    (
        re.compile(r"\bi (is|was|has|does)\b"),
        lambda m: "i " + {"is": "am", "was": "was", "has": "have", "does": "do"}[m.group(1)],
    ),
)
_PAST_ED = re.compile(r"\b(?:i|we|he|she|they|you|it) [a-z]+ed\b")


class CuePattern(BaseModel):
    """One cue pattern record of ``patterns.yaml``."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1)
    label: Literal[LABELS]  # type: ignore[valid-type]
    pattern: str = Field(min_length=1)
    score: float = Field(ge=-1.0, le=1.0)
    negation: Literal["scope", "before", "none"] = "scope"

    @field_validator("pattern")
    @classmethod
    def _compiles(cls, value: str) -> str:
        try:
            re.compile(value)
        except re.error as exc:
            raise ValueError(f"pattern does not compile: {exc}") from None
        return value


class PatternFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    patterns: list[CuePattern]

    @field_validator("patterns")
    @classmethod
    def _unique_ids(cls, value: list[CuePattern]) -> list[CuePattern]:
        seen: set[str] = set()
        for p in value:
            if p.id in seen:
                raise ValueError(f"duplicate pattern id {p.id!r}")
            seen.add(p.id)
        return value


class TemporalLists(BaseModel):
    model_config = ConfigDict(extra="forbid")

    past: list[str]
    present: list[str]
    future: list[str]


class LexiconFile(BaseModel):
    """``lexicon.yaml``: word lists."""

    model_config = ConfigDict(extra="forbid")

    version: int
    negators: list[str] = Field(min_length=1)
    hedges: list[str]
    absolutist: list[str]
    first_person_singular: list[str]
    clause_breaks: list[str]
    temporal: TemporalLists


@dataclasses.dataclass(frozen=True)
class Lexicon:
    """Validated word lists and compiled cue patterns."""

    words: LexiconFile
    patterns: tuple[tuple[CuePattern, re.Pattern[str]], ...]
    phrase_res: Mapping[str, re.Pattern[str]]


@dataclasses.dataclass(frozen=True)
class CueMatch:
    """One cue found in a text."""

    id: str
    label: str
    score: float  # the pattern's signed weight
    value: float  # after negation and hedging
    negated: bool
    hedged: bool
    start: int
    end: int


def _phrase_re(phrases: list[str]) -> re.Pattern[str]:
    alts = sorted({p.lower() for p in phrases}, key=len, reverse=True)
    return re.compile(r"(?<![a-z0-9'])(?:" + "|".join(re.escape(a) for a in alts) + r")(?![a-z0-9'])")


def _load_yaml(path: Path | None, default_name: str) -> tuple[str, object]:
    if path is None:
        ref = resources.files("narrative").joinpath("lang", "en", "score", default_name)
        return str(ref), safe_load_yaml(ref.read_text(encoding="utf-8"))
    try:
        return str(path), safe_load_yaml(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise errors.ConfigError(errors.score_lexicon_invalid_msg(str(path), type(exc).__name__)) from None


def load_lexicon(lexicon_path: Path | None = None, patterns_path: Path | None = None) -> Lexicon:
    """Load and validate the word lists and cue patterns (packaged defaults when paths are None)."""
    where_l, raw_l = _load_yaml(lexicon_path, "lexicon.yaml")
    where_p, raw_p = _load_yaml(patterns_path, "patterns.yaml")
    try:
        words = LexiconFile.model_validate(raw_l)
    except ValidationError as exc:
        raise errors.ConfigError(errors.score_lexicon_invalid_msg(where_l, _first_error(exc))) from None
    try:
        pats = PatternFile.model_validate(raw_p)
    except ValidationError as exc:
        raise errors.ConfigError(errors.score_lexicon_invalid_msg(where_p, _first_error(exc))) from None
    phrase_res = {
        "negators": _phrase_re(words.negators),
        "hedges": _phrase_re(words.hedges),
        "absolutist": _phrase_re(words.absolutist),
        "fps": _phrase_re(words.first_person_singular),
        "past": _phrase_re(words.temporal.past),
        "present": _phrase_re(words.temporal.present),
        "future": _phrase_re(words.temporal.future),
    }
    compiled = tuple((p, re.compile(p.pattern)) for p in pats.patterns)
    return Lexicon(words=words, patterns=compiled, phrase_res=phrase_res)


def _first_error(exc: ValidationError) -> str:
    err = exc.errors()[0]
    loc = ".".join(str(x) for x in err.get("loc", ()))
    return f"{loc}: {err.get('msg', 'invalid')}"


@functools.lru_cache(maxsize=4)
def default_lexicon() -> Lexicon:
    """The packaged lexicon (loaded once)."""
    return load_lexicon()


def normalize(text: str) -> str:
    """Lower-case, straight quotes, contractions expanded, whitespace collapsed."""
    t = text.lower().replace("\u2019", "'").replace("\u2018", "'").replace("`", "'")
    t = t.replace("\u201c", '"').replace("\u201d", '"')
    for rx, repl in _CONTRACTIONS:
        t = rx.sub(repl, t)
    t = re.sub(r"[^a-z0-9',;:.!? ]+", " ", t)
    t = re.sub(r"\s*([,;:.!?])\s*", r" \1 ", t)
    return re.sub(r"\s+", " ", t).strip()


def client_reading(norm: str) -> str:
    """Rewrite a normalised third-person report of the client in the first person.

    Drops a leading reporting frame ("client reports that ...") and maps
    she/he, her/his/him, herself/himself to i, my/me, myself. Used by the rule
    layer only (the embedding models see the text as written).
    """
    if _FIRST_PERSON.search(norm):
        return norm  # already the client's own words
    out = _SELF_VIEW.sub("i am ", norm)
    out = _REPORTING.sub("", out)
    if out == norm and not re.search(r"\b(?:she|he|her|his|him|herself|himself)\b", out):
        return norm
    for rx, repl in _THIRD_PERSON:
        out = rx.sub(repl, out)
    if re.match(r"(?:\w+ing|\w+ed|unable|able|not|never|can|could|will|would)\b", out):
        out = "i " + out  # "reports choosing to walk": the dropped frame's subject is the client
    return out


def _tokens_before(norm: str, start: int, breaks: set[str], n: int = 3) -> list[str]:
    toks = _TOKEN.findall(norm[:start])
    out: list[str] = []
    for tok in reversed(toks):
        if tok in breaks or len(out) >= n:
            break
        out.append(tok)
    return out[::-1]


def _has(rx: re.Pattern[str], text: str) -> bool:
    return rx.search(text) is not None


def match_cues(
    text: str,
    *,
    lexicon: Lexicon | None = None,
    negation_factor: float = 0.5,
    hedge_factor: float = 0.6,
    normalized: bool = False,
) -> list[CueMatch]:
    """All cue matches in ``text`` with negation and hedging applied to their value.

    A negated cue counts ``-score * negation_factor``; a cue whose clause holds a
    hedge is multiplied by ``hedge_factor``.
    """
    lex = lexicon or default_lexicon()
    norm = text if normalized else normalize(text)
    breaks = set(lex.words.clause_breaks)
    neg_rx = lex.phrase_res["negators"]
    hedge_rx = lex.phrase_res["hedges"]
    out: list[CueMatch] = []
    for pat, rx in lex.patterns:
        for m in rx.finditer(norm):
            before = " ".join(_tokens_before(norm, m.start(), breaks))
            negated = False
            if pat.negation != "none":
                negated = _has(neg_rx, before)
                if pat.negation == "scope" and not negated:
                    inside = m.group(0).split(" ")[1:]  # the subject word never negates
                    after = norm[m.end() :].split()[:2]
                    negated = _has(neg_rx, " ".join(inside)) or (
                        bool(after) and after[0] in {"not", "never"} and after[1:2] != ["to"]
                    )
            clause = " ".join(_tokens_before(norm, m.start(), breaks, n=8)) + " " + m.group(0)
            hedged = _has(hedge_rx, clause)
            value = -pat.score * negation_factor if negated else pat.score
            if hedged:
                value *= hedge_factor
            out.append(CueMatch(pat.id, pat.label, pat.score, value, negated, hedged, m.start(), m.end()))
    return out


def lexical_features(
    text: str, *, lexicon: Lexicon | None = None, normalized: bool = False
) -> dict[str, float]:
    """Per-statement lexical features.

    Keys: n_tokens, absolutist_rate, first_person_rate, hedge_count, negation_count,
    temporal_past, temporal_present, temporal_future (shares of temporal markers,
    all 0 when none is found).
    """
    lex = lexicon or default_lexicon()
    norm = text if normalized else normalize(text)
    words = [t for t in _TOKEN.findall(norm) if t[0].isalnum()]
    n = len(words)
    r = lex.phrase_res
    past = len(r["past"].findall(norm)) + len(_PAST_ED.findall(norm))
    present = len(r["present"].findall(norm))
    future = len(r["future"].findall(norm))
    total = past + present + future
    return {
        "n_tokens": float(n),
        "absolutist_rate": len(r["absolutist"].findall(norm)) / n if n else 0.0,
        "first_person_rate": len(r["fps"].findall(norm)) / n if n else 0.0,
        "hedge_count": float(len(r["hedges"].findall(norm))),
        "negation_count": float(len(r["negators"].findall(norm))),
        "temporal_past": past / total if total else 0.0,
        "temporal_present": present / total if total else 0.0,
        "temporal_future": future / total if total else 0.0,
    }


def cue_sums(matches: list[CueMatch]) -> dict[str, float]:
    """Sum of cue values per label (every label present, 0.0 when absent)."""
    sums = dict.fromkeys(LABELS, 0.0)
    for m in matches:
        sums[m.label] += m.value
    return sums
