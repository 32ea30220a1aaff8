"""Chapter titles given in answer to a life-story prompt, and periodic-review reflections."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..lang.en import cues
from .data import load_patterns
from .valence import text_valence


@dataclass(frozen=True, slots=True)
class TitleMatch:
    start: int  # character offsets of the title words
    end: int
    frame_start: int  # where the pattern matched (for voice)
    kind: str  # label / frame
    rule: str


@dataclass(frozen=True, slots=True)
class TitleRules:
    finders: tuple[tuple[str, str, re.Pattern[str]], ...]
    excludes: tuple[tuple[str, re.Pattern[str]], ...]
    context: re.Pattern[str]


def load_title_rules(lang: str = "en") -> TitleRules:
    finders, excludes, context = [], [], None
    for rec in load_patterns("chapter_titles", lang=lang):
        rx = re.compile(str(rec.pattern))
        if rec.label in ("label", "frame"):
            finders.append((rec.id, rec.label, rx))
        elif rec.label == "exclude":
            excludes.append((rec.id, rx))
        elif rec.label == "context":
            context = rx
    if context is None:
        context = re.compile(r"(?i)\bchapter\b")
    return TitleRules(tuple(finders), tuple(excludes), context)


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(
        text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos), text.rfind("! ", 0, pos)
    )
    lo = 0 if lo < 0 else lo + 1
    hi_candidates = [i for i in (text.find(". ", pos), text.find("\n", pos)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    return lo, hi


def find_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Chapter titles in ``text``: character spans of the title words."""
    has_context = rules.context.search(text) is not None
    found: list[TitleMatch] = []
    for rule_id, kind, rx in rules.finders:
        if not has_context and kind != "label":
            continue
        for m in rx.finditer(text):
            group = "title" if m.groupdict().get("title") is not None else "title2"
            if m.groupdict().get(group) is None:
                continue
            s, e = m.start(group), m.end(group)
            title = text[s:e].strip()
            s = s + (len(text[s:e]) - len(text[s:e].lstrip()))
            e = s + len(title)
            while e > s and text[e - 1] in ".,;:!?" and not (text[e - 1] == "?" and "?" in title[:-1]):
                e -= 1
            title = text[s:e]
            if not title or not _title_like(title, kind, "q" in m.groupdict() and m.group("q") is not None):
                continue
            lo, hi = _sentence_bounds(text, m.start())
            window = text[max(lo, m.start() - 60) : s]
            if rule_id.endswith("_turn"):  # the prompt is the therapist's line: check the answer only
                lo = text.rfind("\n", 0, s) + 1
                window = text[lo:s]
            if any(rx2.search(window) for rid, rx2 in rules.excludes if rid != "title.not_document"):
                continue
            if any(rx2.search(title) for rid, rx2 in rules.excludes if rid in ("title.not_document",)):
                continue
            if any(rx2.search(text[lo:hi]) for rid, rx2 in rules.excludes if rid == "title.no_title"):
                continue
            found.append(TitleMatch(s, e, m.start(), kind, rule_id))
    found.sort(key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TitleMatch] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


def _title_like(title: str, kind: str, quoted: bool) -> bool:
    words = title.split()
    if not words or len(words) > 10:
        return False
    low = [w.lower().strip(".,;:!?'\"") for w in words]
    if not quoted:
        if any(
            w
            in (
                "she",
                "he",
                "they",
                "client",
                "pt",
                "i",
                "said",
                "says",
                "reports",
                "asked",
                "would",
                "could",
                "is",
                "was",
                "called",
                "titled",
                "named",
            )
            for w in low
        ):
            return False
        if len(words) > 7:
            return False
    return True


def title_polarity(title: str) -> str:
    words = [w.lower().strip(".,;:!?'\"“”‘’") for w in title.replace("'s", " ").split()]
    text = " " + " ".join(words) + " "
    pos = sum(
        1
        for w in words
        if w in cues.POSITIVE_WORDS and w not in ("me", "life", "home", "back", "out", "new", "getting")
    )
    neg = sum(
        1
        for w in words
        if w in cues.NEGATIVE_WORDS and w not in ("no", "not", "still", "same", "leave", "sick")
    )
    for phrase in (
        "said no",
        "fresh start",
        "my life back",
        "getting my life back",
        "out of the cage",
        "coming home",
        "picking up the pieces",
        "still standing",
        "starting over",
        "comeback",
    ):
        if phrase in text:
            pos += 2
    for phrase in (
        "just getting through",
        "hanging on",
        "rock bottom",
        "treading water",
        "waiting for",
        "nobody's",
        "nobody",
    ):
        if phrase in text:
            neg += 2
    fallback = text_valence(title)
    if fallback > 0:
        pos += 2  # the lexicon resolves reversers ("Out of the Fog") the word counts miss
    elif fallback < 0:
        neg += 2
    if " but " in text and pos and neg:
        return "neutral"
    if " but okay " in text or " but ok " in text:
        return "neutral"
    if pos > neg:
        return "positive"
    if neg > pos:
        return "negative"
    return "neutral"


REFLECTION_RE = re.compile(
    "(?i)(" + "|".join(re.escape(c) for c in sorted(cues.REFLECTION_CUES, key=len, reverse=True)) + ")"
)
