"""Qualitative indicators: tagged sentences with a domain and a progress status."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lang.en import cues
from .data import load_patterns
from .valence import text_valence

_SPLIT_RE = re.compile(r"(?<=[.!?])[\"”’')\]]*\s+(?=\S)")
_PIPE_LEAD_RE = re.compile(r"^\s*\|\s*")
_BULLET_RE = re.compile(
    r"^\s*(?:[-•*·‣▪◦–—✓✔☑☐✗✘➤►▶]+|\d+[.)]|[a-z][.)])\s+|^\s*\d{1,2}\t(?=\S)"
)  # "1\tWork/school\t..."


@dataclass(frozen=True, slots=True)
class IndicatorMatch:
    start: int
    end: int
    domain: str
    progress: str
    polarity: str
    rules: tuple[str, ...]
    label_end: int | None = None  # end of the "Domain:" label (labelled entries only)


@dataclass(frozen=True, slots=True)
class IndicatorRules:
    label_re: re.Pattern[str]
    status: tuple[tuple[str, re.Pattern[str]], ...]


def domain_alternation() -> str:
    """A regex alternation of the domain labels (cues.DOMAIN_LABELS), longest first, with any
    spacing around a slash or between words ("work / school", "self  esteem")."""
    names = sorted(cues.DOMAIN_LABELS, key=len, reverse=True)
    return "|".join(re.escape(n).replace(r"\ ", r"\s*").replace("/", r"\s*/\s*") for n in names)


def load_indicator_rules(lang: str = "en") -> IndicatorRules:
    alt = domain_alternation()
    label_re = re.compile(
        r"(?i)^(?P<tags>(?:\[[^\]\n]{1,30}\]\s*)*)(?:\(?\d{1,2}[.)]\s*)?(?P<domain>"
        + alt
        + r")\b(?:\s*#?\d{1,2}\b)?"  # "Goal 1 (return to uni) – progress: ..."
        r"(?:(?:\s+[a-z]+){1,3}(?=\s*\([^)\n]{2,20}\)\s*:))?(?:\s*\([^)\n]{0,60}\))?(?:\s*\[[^\]\n]{1,30}\])?"
        r"(?P<rest>\s*(?:[-–—,]\s*[A-Za-z _-]{2,12}\s*(?:\([^)\n]{0,30}\)\s*)?)?(?:[↑↓→↔⬆⬇]\s*)?"
        # (or a status in brackets and a space: "Relationships [setback] Ended things ...")
        r"(?:[:–—-]|\t|\s*\|(?!\s*$)|(?=\s*(?:[↑↓→↔⬆⬇⇒➔➜]|-+>|=>))|(?<=\])(?=[ \t]+\S)))"
    )
    # "[Mood]", and "[Mood – progress]" with the status inside the brackets
    tag_re = re.compile(r"(?i)^\s*\[(?P<domain>" + alt + r")(?:\s*[-–—:]\s*[A-Za-z _-]{2,12})?\]")
    status = tuple((rec.id, re.compile(str(rec.pattern))) for rec in load_patterns("indicators", lang=lang))
    return IndicatorRules(
        label_re=re.compile(
            label_re.pattern + "|" + tag_re.pattern.replace("(?i)", "").replace("?P<domain>", "?P<domain2>")
        ),
        status=status,
    )


# a status after a dash label ("Goals (GAS goal 2) – progress, +1: Drove ...", "Mood: no change; ...")
_STATUS_TAIL_RE = re.compile(
    r"[ \t]*(?P<word>[A-Za-z][A-Za-z _-]{1,14}?)[ \t]*(?:,[ \t]*[+−–-]?\d+)?[ \t]*[:;–—][ \t]*"
)


@functools.lru_cache(maxsize=4)
def _entry_label_re(lang: str = "en") -> re.Pattern[str]:
    return load_indicator_rules(lang).label_re


def entry_start(line: str, lang: str = "en") -> int | None:
    """Where the entry of a review line starts after its bullet, label and status ("• Mood –
    progress: Out walking ..." -> the offset of "Out"), or None when the line is no such entry or
    the entry is empty."""
    bullet = _BULLET_RE.match(line)
    body = bullet.end() if bullet else len(line) - len(line.lstrip())
    m = _entry_label_re(lang).match(line[body:])
    if m is None:
        return None
    at = body + m.end()
    status = _STATUS_TAIL_RE.match(line, at)
    if status is not None and status.group("word").lower() in cues.PROGRESS_LABELS:
        at = status.end()
    rest = line[at:].lstrip()
    return len(line) - len(rest) if rest else None


_HEADER_RE = re.compile(r"(?i)\s*(?:qualitative\s+)?indicators?\s*(?:[:–—-]\s*|\s+(?=\w+\s*[:–—-]))")


def segments(text: str) -> list[tuple[int, int, int]]:
    """(start, end, line_number) of sentence-like segments, bullets stripped."""
    out = []
    pos = 0
    for line_no, line in enumerate(text.split("\n")):
        base = pos
        pos += len(line) + 1
        if not line.strip():
            continue
        b = _BULLET_RE.match(line) or _PIPE_LEAD_RE.match(line)
        offset = b.end() if b else len(line) - len(line.lstrip())
        body = line[offset:]
        if "\t" in body or body.count("|") >= 2:
            out.append((base + offset, base + len(line.rstrip().rstrip("|").rstrip()), line_no))
            continue
        start = 0
        for m in _SPLIT_RE.finditer(body):
            seg = body[start : m.start() + len(m.group(0).rstrip())]
            end_rel = start + len(seg.rstrip())
            out.append((base + offset + start, base + offset + end_rel, line_no))
            start = m.end()
        if body[start:].strip():
            out.append((base + offset + start, base + offset + len(body.rstrip()), line_no))
    return out


def _status(text: str, rules: IndicatorRules) -> tuple[str | None, str | None]:
    for rule_id, rx in rules.status:
        m = rx.search(text)
        if m:
            exact = m.group("status").lower().strip()
            raw = exact.replace("_", " ").replace("-", " ")
            raw = " ".join(raw.split())
            value = (
                ("setback" if exact == "-" and rule_id == "ind.paren_symbol" else None)  # "Mood (-):"
                or cues.PROGRESS_LABELS.get(exact)
                or cues.PROGRESS_LABELS.get(raw)
                or cues.PROGRESS_LABELS.get(raw.replace(" ", ""))
            )
            if value:
                return value, rule_id
    return None, None


def find_indicators(text: str, rules: IndicatorRules) -> list[IndicatorMatch]:
    out: list[IndicatorMatch] = []
    carry: tuple[str, str, int] | None = None  # domain, progress, line of a status-only entry
    for start, end, line_no in segments(text):
        seg = text[start:end]
        header = _HEADER_RE.match(seg)
        if header and header.end() < len(seg):
            start += header.end()  # "Indicators: Work/school – no change.": the entry after the header
            seg = text[start:end]
        m = rules.label_re.match(seg)
        if m:
            raw = (m.group("domain") or m.group("domain2") or "").lower()
            raw = re.sub(r"\s*/\s*", "/", " ".join(raw.split()))
            domain = cues.DOMAIN_LABELS.get(raw)
            if "\t" in seg or seg.count("|") >= 1:
                cells = [c.strip() for c in re.split(r"\t|\|", seg)]
                # a status cell: "progress", "↑", or a word with an arrow or brackets ("↑ progress",
                # "[no change]")
                keys = (key for c in cells for key in (c.lower(), c.lower().strip("↑↓→↔⬆⬇[]() ")) if key)
                progress = next((cues.PROGRESS_LABELS[k] for k in keys if k in cues.PROGRESS_LABELS), None)
                rule = "ind.table"
            else:
                progress, rule = _status(seg, rules)
                if progress is None:
                    progress, rule = _status(seg[m.end() :], rules)
            if domain is None or progress is None:
                carry = None
                continue
            content = seg[m.end() :]
            status_only = (
                re.fullmatch(
                    r"(?i)\s*(?:[:↑↓→↔⬆⬇⇒➔➜]|-+>|=>)?\s*"
                    r"(?:no[ _-]?change|unchanged|same|stable|progress|setback|improved|worse)\s*[.;]?\s*",
                    content,
                )
                is not None
            )
            out.append(
                IndicatorMatch(
                    start,
                    end,
                    domain,
                    progress,
                    _polarity(content, progress),
                    ("ind.domain_label", rule or ""),
                    label_end=start + m.end(),
                )
            )
            carry = (domain, progress, line_no) if status_only else None
            continue
        if carry is not None and line_no - carry[2] in (0, 1):
            # the entry continues on its own line or on the next bullet of a status-only label
            domain, progress, _ = carry
            out.append(
                IndicatorMatch(start, end, domain, progress, _polarity(seg, progress), ("ind.continuation",))
            )
            continue
        carry = None
    return out


def _polarity(content: str, progress: str) -> str:
    if progress == "progress":
        return "positive"
    if progress == "setback":
        return "negative"
    text = re.sub(r"(?i)[(\[]\s*(no[ _-]?change|unchanged|stable)\s*[)\]]", " ", content)
    words = [w.lower().strip(".,;:!?'\"“”()") for w in text.split()]
    words = [w for w in words if w]
    pos = sum(
        1
        for w in words
        if w
        in (
            "good",
            "well",
            "better",
            "eating",
            "enjoying",
            "calm",
            "settled",
            "positive",
            "happy",
            "content",
            "improved",
            "great",
            "fine",
            "okay",
        )
    )
    neg = sum(1 for w in words if w in cues.NEGATIVE_WORDS and w not in ("same",)) + sum(
        1 for w in words if w in ("still", "continues", "not", "hasn't", "no")
    )
    if words and neg == 0 and pos == 0:
        fallback = text_valence(text)
        pos, neg = (1, 0) if fallback > 0 else (0, 1) if fallback < 0 else (0, 0)
    if not words or (neg == 0 and pos == 0):
        return "neutral"
    if " ".join(words) in ("no change", "stable", "unchanged", "same"):
        return "neutral"
    if pos > neg:
        return "positive"
    if neg > pos:
        return "negative"
    return "neutral"
