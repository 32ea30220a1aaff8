"""Word and phrase valence for polarity: curated self-talk cues, then a general lexicon.

The curated cues live in ``narrative/lang/<lang>/valence/self_talk.yaml`` (validated on load).
When the ``vaderSentiment`` package is installed, its lexicon (VADER, MIT licence; a word list
rated by ten raters on a -4..+4 scale) is the fallback for words the curated lists lack; a word
counts when its mean rating is at least ``VADER_MIN`` in size. Nothing is downloaded.
"""

from __future__ import annotations

import functools
import logging
import re
from dataclasses import dataclass
from importlib import resources

import yaml
from pydantic import BaseModel, ConfigDict, ValidationError, field_validator

from ..config import safe_load_yaml
from ..errors import ConfigError

log = logging.getLogger(__name__)

VADER_MIN = 1.0
_WORD_RE = re.compile(r"[a-z][a-z'’-]*")


def _lower_entries(value: list[str]) -> list[str]:
    """A cue list's entries, each a non-empty lower-case string without outer spaces (else ValueError)."""
    for item in value:
        if not item or item != item.lower().strip():
            raise ValueError(f"entries must be non-empty lower-case strings, got {item!r}")
    return value


class ValenceFile(BaseModel):
    """The schema of ``valence/self_talk.yaml``."""

    model_config = ConfigDict(extra="forbid")

    positive: list[str]
    negative: list[str]
    positive_phrases: list[str] = []
    negative_phrases: list[str] = []
    neutral_phrases: list[str] = []
    no_change_phrases: list[str] = []
    reversers: list[str] = []

    @field_validator(
        "positive",
        "negative",
        "positive_phrases",
        "negative_phrases",
        "neutral_phrases",
        "no_change_phrases",
        "reversers",
    )
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return _lower_entries(value)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """Valence cues; each phrase pattern comes with its longest word, a literal that any match
    holds, so a text without it skips the pattern (a substring test, not a regex scan)."""

    positive: frozenset[str]
    negative: frozenset[str]
    phrases: tuple[tuple[re.Pattern[str], int, str], ...]  # (pattern, sign, longest word)
    no_change: tuple[tuple[re.Pattern[str], str], ...]  # (pattern, longest word)
    reversers: frozenset[str]
    fallback: dict[str, float]


def _vader() -> dict[str, float]:
    try:
        ref = resources.files("vaderSentiment").joinpath("vader_lexicon.txt")
        text = ref.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        log.info("vaderSentiment not installed: polarity uses the curated cue lists only")
        return {}
    out: dict[str, float] = {}
    for line in text.splitlines():
        parts = line.split("\t")
        if len(parts) >= 2 and parts[0].isalpha():
            try:
                out[parts[0].lower()] = float(parts[1])
            except ValueError:
                continue
    return out


def _phrase_re(phrase: str) -> re.Pattern[str]:
    return re.compile(r"(?<![a-z])" + re.escape(phrase).replace(r"\ ", r"\s+") + r"(?![a-z])")


def _needle(phrase: str) -> str:
    """The longest space-free piece of ``phrase``: every match of :func:`_phrase_re` holds it."""
    return max(phrase.split(" "), key=len)


@functools.cache
def load_lexicon(lang: str = "en") -> Lexicon:
    """The valence lexicon of ``lang`` (curated cues + the VADER fallback when installed)."""
    name = f"narrative/lang/{lang}/valence/self_talk.yaml"
    try:
        raw = resources.files(f"narrative.lang.{lang}").joinpath("valence/self_talk.yaml").read_text("utf-8")
        data = ValenceFile.model_validate(safe_load_yaml(raw))
    except (OSError, ModuleNotFoundError) as exc:
        raise ConfigError(f"{name}: cannot read the valence cues ({type(exc).__name__}).") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{name}: invalid valence cues ({exc}).") from None
    phrases = (
        [(p, 1) for p in data.positive_phrases]
        + [(p, -1) for p in data.negative_phrases]
        # removed before the words are read
        + [(p, 0) for p in (*data.neutral_phrases, *data.no_change_phrases)]
    )
    compiled = tuple(
        (_phrase_re(p), sign, _needle(p)) for p, sign in sorted(phrases, key=lambda x: -len(x[0]))
    )
    return Lexicon(
        positive=frozenset(data.positive),
        negative=frozenset(data.negative),
        phrases=compiled,
        no_change=tuple((_phrase_re(p), _needle(p)) for p in data.no_change_phrases),
        reversers=frozenset(data.reversers),
        fallback=_vader(),
    )


def word_score(word: str, lex: Lexicon | None = None) -> int:
    """+1 / -1 / 0 for one lower-case word: curated lists first, then the fallback lexicon."""
    lex = lex or load_lexicon()
    if word in lex.positive:
        return 1
    if word in lex.negative:
        return -1
    value = lex.fallback.get(word, 0.0)
    if value >= VADER_MIN:
        return 1
    if value <= -VADER_MIN:
        return -1
    return 0


def polarity_word(score: float) -> str:
    """ "positive" / "negative" / "neutral" for the sign of a valence score."""
    return "positive" if score > 0 else "negative" if score < 0 else "neutral"


def _lowered(text: str) -> str:
    return " " + text.lower().replace("’", "'") + " "


def reports_no_change(text: str, *, lex: Lexicon | None = None) -> bool:
    """True when ``text`` holds a no-change phrase ("neither better nor worse", "wouldn't notice
    any difference"); such a text is then read by :func:`text_valence` alone, where the phrase
    carries no valence, so "nothing has changed, I'm still useless" stays negative."""
    lex = lex or load_lexicon()
    low = _lowered(text)
    return any(needle in low and rx.search(low) for rx, needle in lex.no_change)


def text_valence(text: str, *, lex: Lexicon | None = None) -> int:
    """Signed valence of a short text: phrases first, then words, a reverser flipping the next cue.

    "not hopeless anymore" > 0, "out of the fog" > 0, "never good enough" < 0.
    """
    lex = lex or load_lexicon()
    low = _lowered(text)
    for hedge in (" kind of ", " sort of "):  # "the kind of person who ...": a hedge, not "kind"
        low = low.replace(hedge, " ")
    score = 0
    for rx, sign, needle in lex.phrases:
        if needle not in low:
            continue
        for m in rx.finditer(low):
            # a reverser right before a phrase flips it too ("without falling apart")
            before = _WORD_RE.findall(low[: m.start()])[-2:]
            score += -sign if any(w in lex.reversers for w in before) else sign
        low = rx.sub(" ", low)
    words = _WORD_RE.findall(low.replace("n't", " n't"))
    pending = 0  # words left in a reverser's scope
    for w in words:
        if w in lex.reversers:
            pending = 3
            continue
        s = word_score(w, lex)
        if s:
            score += -s if pending else s
            pending = 0
        elif pending:
            pending -= 1
    return score


class PolarityCueFile(BaseModel):
    """The schema of ``valence/polarity_cues.yaml``: cue lists the learned polarity model reads."""

    model_config = ConfigDict(extra="forbid")

    contrast: list[str]
    former: list[str]
    present: list[str]
    hedges: list[str]
    person_first: list[str]
    condition: list[str]
    recovery: list[str]
    role: list[str]
    diminish: list[str]
    beyond_label: list[str]
    done_being: list[str]
    weary_of: list[str]
    past_relative: list[str]
    permission: list[str]
    identity_loss: list[str]
    title_earlier: list[str]
    title_now: list[str]

    @field_validator("*")
    @classmethod
    def _lower(cls, value: list[str]) -> list[str]:
        return _lower_entries(value)


TITLE_FRAMES = ("title_earlier", "title_now")  # read in a title's sentence, not in the title


@dataclass(frozen=True, slots=True)
class PolarityCues:
    """One word-boundary pattern per cue list of ``polarity_cues.yaml``."""

    patterns: dict[str, re.Pattern[str]]

    def found(self, text: str) -> frozenset[str]:
        """The names of the cue lists with a cue in ``text`` (the title frames aside)."""
        low = _lowered(text)
        return frozenset(
            name for name, rx in self.patterns.items() if name not in TITLE_FRAMES and rx.search(low)
        )

    def title_frame(self, before: str) -> str | None:
        """ "earlier" or "now": which of the two title frames has the last cue in ``before`` (the
        words of a title's sentence before the title), or None when neither has one."""
        low = _lowered(before)
        ends = {
            name: max((m.end() for m in self.patterns[f"title_{name}"].finditer(low)), default=-1)
            for name in ("earlier", "now")
        }
        if ends["earlier"] == ends["now"]:
            return None
        return "earlier" if ends["earlier"] > ends["now"] else "now"


def _alternation(phrases: list[str]) -> re.Pattern[str]:
    body = "|".join(re.escape(p).replace(r"\ ", r"\s+") for p in sorted(phrases, key=len, reverse=True))
    return re.compile(r"(?<![a-z'])(?:" + body + r")(?![a-z])")


@functools.cache
def load_polarity_cues(lang: str = "en") -> PolarityCues:
    """The polarity model's cue lists of ``lang`` (``narrative/lang/<lang>/valence/polarity_cues.yaml``)."""
    name = f"narrative/lang/{lang}/valence/polarity_cues.yaml"
    try:
        raw = (
            resources.files(f"narrative.lang.{lang}")
            .joinpath("valence/polarity_cues.yaml")
            .read_text("utf-8")
        )
        data = PolarityCueFile.model_validate(safe_load_yaml(raw))
    except (OSError, ModuleNotFoundError) as exc:
        raise ConfigError(f"{name}: cannot read the polarity cues ({type(exc).__name__}).") from None
    except (yaml.YAMLError, ValidationError) as exc:
        raise ConfigError(f"{name}: invalid polarity cues ({exc}).") from None
    return PolarityCues({key: _alternation(value) for key, value in data.model_dump().items()})


def after_contrast(text: str, *, cues: PolarityCues | None = None) -> str | None:
    """The part of ``text`` after its last contrast marker ("a mess but a functioning mess" ->
    " a functioning mess "), or None when it has none."""
    cues = cues or load_polarity_cues()
    low = _lowered(text)
    last = None
    for last in cues.patterns["contrast"].finditer(low):  # noqa: B007 (the last match is wanted)
        pass
    return low[last.end() :] if last is not None else None
