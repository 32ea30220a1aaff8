"""Chapter titles given in answer to a life-story prompt, and periodic-review reflections."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from ..lang.en import cues
from .data import load_patterns, may_hold
from .normalize import QUOTE_CHARS
from .prefilter import holds, lowered, required_words
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
    """Compiled chapter-title rules (labels in ``lang/<lang>/patterns/chapter_titles.jsonl``).

    ``finders``: (id, kind, pattern, required words: :func:`may_hold`) of ``label`` rules (explicit fields, always on), ``frame`` rules (need chapter context
    in the note) and ``frame_strict`` rules (chapter context, and the title must look like one:
    :func:`_title_shaped`); ``follow``: titles accepted only right after another title in the same line (old/new
    pairs, arrow sequences); ``list_header``/``list_item``: a "Chapter titles:" line and the items below
    it; ``inline_list``: a label whose items are numbered on its own line ("My chapters so far: 1. X
    2. Y"), or a speaker's numbered answer on the line after a prompt for chapters ("Siobhan: 1. X
    2. Y" under "Name three chapters of your life"); ``answer`` rules (a client's own title after a prompt or after turning down a suggested one:
    "Maya wrote: Plot Twist", "No – Milk and Tears") are checked like ``frame_strict`` and only count
    within :data:`ANSWER_WINDOW` characters after an ``answer_context`` match; excludes apply to the text before the title (``exclude``), to the title (``exclude_title``), to
    its sentence (``exclude_sentence``) or to its line up to :data:`NEAR_WINDOW` characters before it
    (``exclude_near``: a problem externalised and then named, "naming the problem. Ama calls it "X""). ``metaphor``: a life-story exercise told through another
    medium ("if this year were a TV show, what would this season be called?", "life album
    tracklist", "her story as a Netflix series", "Client's timeline, copied from her worksheet:"); a
    note holding one has chapter context, and the medium's words there name the exercise, not a
    work (``title.not_work`` and ``title.not_worksheet_label`` are lifted). ``period_item``: titles
    named after a period or an ordinal ("Part One: X", "1998–2006 X →", "Track 1 X →"), two or more.
    ``suggestion``: a title the therapist offers (group ``title``), which is the client's when the
    client takes it up in their own words (:func:`_taken_up_titles`). ``trim_lead`` / ``trim_tail``:
    words around a found title that are not part of it (:func:`_trimmed`): a spoken self-correction
    ("actually, no — X", "nah, put down 'X'", "or maybe just X") and dictated quote marks ("quote X
    unquote"). ``series_glue``: the words that may stand between two titles of one series
    (:func:`_series_titles`); ``series_not_after``: words after a quotation that make it a work's
    title or another's label ("“Zombie” by The Cranberries"); ``series_opening``: a later sentence
    that is nothing but a hedge before another try at the title ("“X”? ... Maybe just “Y”.");
    ``exclude_owner``: words earlier in a title's sentence that give it to someone else, whichever rule
    found it ("Her mum's name for it is “X”").
    """

    finders: tuple[tuple[str, str, re.Pattern[str], tuple[str, ...]], ...]  # (id, kind, rx, requires)
    excludes: tuple[tuple[str, re.Pattern[str]], ...]
    context: re.Pattern[str]
    follow: tuple[tuple[str, re.Pattern[str]], ...] = ()
    title_excludes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    sentence_excludes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    near_excludes: tuple[tuple[str, re.Pattern[str]], ...] = ()
    list_header: re.Pattern[str] | None = None
    list_item: re.Pattern[str] | None = None
    inline_list: re.Pattern[str] | None = None
    answer_context: re.Pattern[str] | None = None
    context_requires: tuple[str, ...] = ()  # words every context match holds (:func:`may_hold`)
    metaphor: re.Pattern[str] | None = None
    metaphor_requires: tuple[str, ...] = ()  # words every metaphor match holds (:func:`may_hold`)
    period_item: re.Pattern[str] | None = None
    table_column: re.Pattern[str] | None = None
    table_row: re.Pattern[str] | None = None
    table_skip: re.Pattern[str] | None = None
    suggestion: re.Pattern[str] | None = None
    trim_lead: re.Pattern[str] | None = None
    trim_tail: re.Pattern[str] | None = None
    series_glue: re.Pattern[str] | None = None
    series_not_after: re.Pattern[str] | None = None
    series_opening: re.Pattern[str] | None = None
    exclude_owner: re.Pattern[str] | None = None


ANSWER_WINDOW = 250  # max characters between a prompt or a suggested title and the client's answer
NEAR_WINDOW = 300  # characters of a title's line before it read by the ``exclude_near`` rules
FOLLOW_GAP = 40  # max characters between a title and a follow-on title ("X (was: Y)", "X; now: Y")


# labels of which the rule file holds one pattern each, stored under the TitleRules field of that name
_SINGLE_PATTERN_LABELS = frozenset(
    {"list_header", "list_item", "inline_list", "answer_context", "metaphor", "period_item",
     "table_column", "table_row", "table_skip", "suggestion", "trim_lead", "trim_tail", "series_glue",
     "series_not_after", "series_opening", "exclude_owner"}
)  # fmt: skip


def load_title_rules(lang: str = "en") -> TitleRules:
    finders, follow, excludes, title_ex, sent_ex, near_ex = [], [], [], [], [], []
    single: dict[str, re.Pattern[str]] = {}
    context = None
    context_requires: tuple[str, ...] = ()
    metaphor_requires: tuple[str, ...] = ()
    for rec in load_patterns("chapter_titles", lang=lang):
        rx = re.compile(str(rec.pattern))
        if rec.label in ("label", "frame", "frame_strict", "answer"):
            finders.append((rec.id, rec.label, rx, rec.requires or required_words(rx)))
        elif rec.label == "follow":
            follow.append((rec.id, rx))
        elif rec.label == "exclude":
            excludes.append((rec.id, rx))
        elif rec.label == "exclude_title":
            title_ex.append((rec.id, rx))
        elif rec.label == "exclude_sentence":
            sent_ex.append((rec.id, rx))
        elif rec.label == "exclude_near":
            near_ex.append((rec.id, rx))
        elif rec.label == "context":
            context, context_requires = rx, rec.requires
        elif rec.label in _SINGLE_PATTERN_LABELS:
            single[rec.label] = rx
            if rec.label == "metaphor":
                metaphor_requires = rec.requires
    if context is None:
        context = re.compile(r"(?i)\bchapter\b")
    return TitleRules(
        tuple(finders),
        tuple(excludes),
        context,
        follow=tuple(follow),
        title_excludes=tuple(title_ex),
        sentence_excludes=tuple(sent_ex),
        near_excludes=tuple(near_ex),
        context_requires=context_requires,
        metaphor_requires=metaphor_requires,
        **single,
    )


def _sentence_bounds(text: str, pos: int) -> tuple[int, int]:
    lo = max(
        _last_full_stop(text, pos),
        text.rfind("\n", 0, pos),
        text.rfind("? ", 0, pos),
        text.rfind("! ", 0, pos),
    )
    lo = 0 if lo < 0 else lo + 1
    # (a full stop inside a closing quote ends the sentence too: "“Mum First.” Could not think of ...")
    stop = text.find(". ", pos)
    quoted_stop = _QUOTED_STOP_RE.search(text, pos)
    if quoted_stop is not None and (stop < 0 or quoted_stop.start() < stop):
        stop = quoted_stop.start() + 1
    hi_candidates = [i for i in (stop, text.find("\n", pos)) if i >= 0]
    hi = min(hi_candidates) if hi_candidates else len(text)
    return lo, hi


_QUOTED_STOP_RE = re.compile(r"\.[\"”’'»]\s+(?=[A-Z])")


_SENTENCE_END_RE = re.compile(r"[.!?][\"”’'»)]?\s")


def _last_full_stop(text: str, pos: int) -> int:
    """Where the sentence before ``pos`` ends (its last character before the space), or -1; a
    closing quote may follow the stop ('... of Schedule." Client ...'), an initial is no stop
    ("J.T. called hers ...")."""
    found = -1
    for m in _SENTENCE_END_RE.finditer(text, 0, pos):
        i = m.start()
        if (
            m.end() - i == 2
            and text[i] == "."
            and i > 0
            and text[i - 1].isupper()
            and (i < 2 or text[i - 2] in " .(")
        ):
            continue
        found = m.end() - 2
    return found


def _title_span(text: str, m: re.Match[str]) -> tuple[int, int, bool] | None:
    """Character span of the title group of ``m`` (trimmed), and whether it was quoted."""
    groups = m.groupdict()
    # ("title3": a second quoted form of a rule, e.g. single marks inside a client's double-quoted answer)
    group = next((g for g in ("title", "title3") if groups.get(g) is not None), "title2")
    if groups.get(group) is None:
        return None
    s, e = m.start(group), m.end(group)
    raw = text[s:e]
    s += len(raw) - len(raw.lstrip())
    e = s + len(raw.strip())
    if group == "title2":
        # a timeline's period before a bare title ("1998–2006 THE GOOD HOUSE") is not part of it
        period = _PERIOD_RE.match(text, s, e)
        if period is not None and period.end() < e:
            s = period.end()
    title = text[s:e]
    while e > s and text[e - 1] in ".,;:!?…" and not (text[e - 1] == "?" and "?" in title[:-1]):
        e -= 1
    return s, e, groups.get("q") is not None or group == "title3"


_PERIOD_RE = re.compile(
    r"(?i)(?:(?:19|20)\d{2}\s*[–-]\s*(?:(?:19|20)\d{2}|now|present|today)\s*:?"
    r"|(?:start|end|beginning|middle)\s+of\s+(?:therapy|treatment|the\s+work)\s*[–—:-]"
    r"|(?:week|wk|session|s|q)\s*\d+\s*[–—:-]|(?:today|now|intake|discharge)\s*[–—:-]"
    r"|(?:(?:week|wk|session|q)\s*\d+|admission|intake|discharge|assessment)\s+(?=(?-i:[A-Z])))\s*"
)


_CHAPTER_RE = re.compile(r"(?i)\bchapter\b|(?<![\w.])ch\.(?=\s*\d)")  # ("Ch. 2 “...”")


def _accept(
    text: str,
    s: int,
    e: int,
    m_start: int,
    rule_id: str,
    kind: str,
    quoted: bool,
    rules: TitleRules,
    *,
    answer: bool = False,
) -> bool:
    title = text[s:e]
    if not title or not _title_like(title, kind, quoted):
        return False
    lo, hi = _sentence_bounds(text, m_start)
    begin = max(lo, m_start - 60)
    if _CHAPTER_RE.search(text, m_start, s):
        # the frame itself names the chapter ("but titled her own chapter "..."): a book named
        # earlier in the sentence does not make this title a book's; its speaker still counts
        # ("A.K. titled her chapter ...")
        begin = max(lo, m_start - 8)
    if rule_id.endswith("_turn"):  # the prompt is the therapist's line: check the answer only
        lo = begin = text.rfind("\n", 0, s) + 1
    elif answer:
        begin = m_start  # an answer's own words ("... “not a book man,” then offered “X”"): the prompt's are context
    # (searched in place, not on a slice, so the patterns' look-behinds see "were a book")
    sheet = (
        rule_id == "title.chapter_sheet"
    )  # ("“Chapters of My Life” worksheet: ..."): the sheet is for titles
    metaphor = _life_metaphor(text, rules)  # ("if this year were a TV show": the show is the exercise)
    if any(
        rx.search(text, begin, s)
        for rule, rx in rules.excludes
        if not ((sheet or metaphor) and rule in ("title.not_work", "title.not_worksheet_label"))
        # ("Chapter 1: Nana's House. Chapter 2: ..." in a life-story note: the items are the client's)
        and not (rule_id == "title.period_item" and rule == "title.not_book_chapter")
    ):
        return False
    if any(rx.search(title) for _, rx in rules.title_excludes):
        return False
    # the line's last NEAR_WINDOW characters up to the title ("Externalising conversation: she drew the
    # worry and named it "X"", "members named their passengers. ... Gloria named hers "X"")
    near = max(text.rfind("\n", 0, s) + 1, s - NEAR_WINDOW)
    if any(rx.search(text, near, s) for _, rx in rules.near_excludes):
        return False
    # the sentence of the frame and the sentence of the title ("Chapter work. Therapist offered "X"");
    # an answer only from its own words on ("I offered 'X'; she said, "No - Y."")
    sentences = {(m_start, _sentence_bounds(text, s)[1])} if answer else {(lo, hi), _sentence_bounds(text, s)}
    # a clause after a semicolon past the title is another clause ("Last time he called it "X"; this
    # time he couldn't think of one")
    semi = text.find(";", e)
    sentences = {(a, min(b, semi) if semi >= 0 and a <= s and b > semi else b) for a, b in sentences}
    # so is a clause after "but" past the title ('She named the early ones "X" and "Y" but said she
    # couldn't think of a title for this chapter yet'): earlier titles given, none for now
    but = _BUT_RE.search(text, e)
    if but is not None:
        cut = but.start()
        sentences = {(a, min(b, cut) if a <= s and b > cut else b) for a, b in sentences}
    return not any(rx.search(text[a:b]) for _, rx in rules.sentence_excludes for a, b in sentences)


_BUT_RE = re.compile(r"\sbut\s")


def _life_metaphor(text: str, rules: TitleRules) -> bool:
    """Does the note tell a life-story exercise through another medium (``metaphor`` rule)?"""
    if rules.metaphor is None or (rules.metaphor_requires and not may_hold(text, rules.metaphor_requires)):
        return False
    return _search_cached(rules.metaphor, text)


@functools.lru_cache(maxsize=16)
def _search_cached(rx: re.Pattern[str], text: str) -> bool:
    # (keyed by the pattern, not the rules: hashing the whole rule set on every call costs more than the search)
    return rx.search(text) is not None


_LIST_MARK_RE = re.compile(r"[ \t]*(?:[-•*–—]|\d{1,2}[.)])\s")
# a two-cell row of a short label and one text, under a list header ("Q2\tCracks of Light",
# "Session 10\t“Peeking Out”"); the label is a period or ordinal, not a sentence
_LABEL_TAB_RE = re.compile(r"[ \t]*[^\t\n:]{1,12}\t[^\t\n]+$")


def _list_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Titles listed one per line under a "Chapter titles:" header."""
    if rules.list_header is None or rules.list_item is None:
        return []
    out: list[TitleMatch] = []
    for h in rules.list_header.finditer(text):
        pos = h.end() + 1
        marked: bool | None = None  # do the items carry bullets or numbers? (then all of them do)
        while pos < len(text):
            nl = text.find("\n", pos)
            line_end = len(text) if nl < 0 else nl
            line = text[pos:line_end]
            if _LABEL_TAB_RE.match(line):
                line = line.replace("\t", ":", 1)  # "Q2<tab>Cracks of Light": a label and its title
            m = rules.list_item.match(line)
            if not line.strip() or m is None or "\t" in line:
                break  # (a tab-separated table under the header is read as a table)
            has_mark = _LIST_MARK_RE.match(text, pos, line_end) is not None
            if marked is None:
                marked = has_mark
            elif marked and not has_mark:
                break  # the text after a numbered list ("1. X / 2. Y / I'm not sure about 2")
            span = _title_span(line, m)
            if span is not None:
                s, e, quoted = span[0] + pos, span[1] + pos, span[2]
                if _accept(text, s, e, pos + m.start(), "title.list_item", "label", quoted, rules):
                    out.append(TitleMatch(s, e, pos, "label", "title.list_item"))
            pos = line_end + 1
    return out


def _period_items(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Titles each named after a period or an ordinal of the exercise's medium, two or more in a
    note ("Part One: X. ... Part Two: Y.", "1998–2006 X → 2006–2013 Y", "Track 1 X → Track 2 Y",
    "• Ep 1 – “X”"): a single "Part 2" or "Season 3" is too weak to go on."""
    if rules.period_item is None:
        return []
    items = []
    for m in rules.period_item.finditer(text):
        span = _title_span(text, m)
        if span is not None and _accept(
            text, span[0], span[1], m.start(), "title.period_item", "label", span[2], rules
        ):
            items.append(TitleMatch(span[0], span[1], m.start(), "label", "title.period_item"))
    return items if len(items) >= 2 else []


_TABLE_QUOTED_RE = re.compile(r"[\"“‘«„]\s?([^\n\"“”«»‹›]{1,80}?)\s?[\"”’»“]")
_EMPTY_CELL_RE = re.compile(r"^[\s\-–—?.]*$|^\(")


def _table_rows(text: str) -> list[list[tuple[int, int]]]:
    """Rows of the note's tab- or pipe-separated tables (a bar on two lines in a row makes a table):
    each a list of trimmed (start, end) cell spans; a blank row or a line without separators ends a
    table (rows of one table follow each other in the result, tables are separated by an empty row)."""
    rows: list[list[tuple[int, int]]] = []
    pos = 0
    lines = text.split("\n")
    for k, line in enumerate(lines):
        start, pos = pos, pos + len(line) + 1
        # (a two-column table may have one bar per row: "Chapter | Client's title" over "1 | X")
        piped = (
            line.count("|") >= 2
            or "|" in line
            and any(0 <= j < len(lines) and "|" in lines[j] for j in (k - 1, k + 1))
        )
        sep = "\t" if "\t" in line else "|" if piped else ""
        if not sep:
            if rows and rows[-1]:
                rows.append([])
            continue
        cells, at = [], start
        for part in line.split(sep):
            a, b = at, at + len(part)
            at = b + 1
            while a < b and text[a].isspace():
                a += 1
            while b > a and text[b - 1].isspace():
                b -= 1
            cells.append((a, b))
        if sep == "|":  # "| a | b |": the empty cells outside the outer pipes
            if cells and cells[0][0] == cells[0][1]:
                cells = cells[1:]
            if cells and cells[-1][0] == cells[-1][1]:
                cells = cells[:-1]
        rows.append(cells)
    return rows


_CHAPTERS_HEADER_RE = re.compile(r"(?i)chapters?$")


def _table_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Titles in a table: the cells of a title column under its header ("Ages | Client's title |
    Rating"), or the quoted titles of a row labelled as the chapter title ("| Chapter title | — |
    “X”, replacing “Y” |"). A table of group members' titles is left out (whose row is the
    client's is not given by the table)."""
    if rules.table_column is None or ("\t" not in text and "|" not in text):
        return []
    out: list[TitleMatch] = []
    column = None
    for cells in _table_rows(text):
        if not cells:
            column = None
            continue
        words = [text[a:b] for a, b in cells]
        title_header = any(
            rules.table_column.match(w) and not _CHAPTERS_HEADER_RE.match(w) for w in words[1:]
        )  # ("Chapter | Client's title": a header row, not a row labelled "Chapter")
        if rules.table_row is not None and rules.table_row.match(words[0]) and not title_header:
            for a, b in cells[1:]:
                for q in _TABLE_QUOTED_RE.finditer(text, a, b):
                    s, e = q.span(1)
                    if _accept(text, s, e, cells[0][0], "title.table_row", "label", True, rules):
                        out.append(TitleMatch(s, e, cells[0][0], "label", "title.table_row"))
            continue
        heads = [k for k, w in enumerate(words) if rules.table_column.match(w)]
        # a column of titles before a column of chapters ("Chapter | Client's title")
        heads.sort(key=lambda k: _CHAPTERS_HEADER_RE.match(words[k]) is not None)
        if heads and len(cells) >= 2:
            skip = rules.table_skip is not None and rules.table_skip.match(words[0]) is not None
            column = None if skip else heads[0]
            continue
        if column is None or column >= len(cells):
            continue
        a, b = cells[column]
        if _EMPTY_CELL_RE.match(text[a:b]):
            continue  # "—", "(could not think of one)"
        q = _TABLE_QUOTED_RE.fullmatch(text, a, b)
        s, e, quoted = (q.start(1), q.end(1), True) if q else (a, b, False)
        if _accept(text, s, e, a, "title.table_column", "label", quoted, rules):
            out.append(TitleMatch(s, e, a, "label", "title.table_column"))
    return out


_NUMBERED_ITEM_RE = re.compile(r"(?:^|(?<=\s))(\d{1,2})[.)]\s+(\S(?:.*?\S)??)(?=\s+\d{1,2}[.)]\s|\s*$)")


_ITEM_NOTE_RE = re.compile(r"\([^()\n]{1,20}\)\s*")


def _inline_list_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Titles numbered 1, 2, 3 ... on the line of a chapter label ("My chapters so far: 1. X 2. Y") or
    of a speaker's answer to a prompt for chapters on the line before ("Siobhan: 1. X 2. Y")."""
    if rules.inline_list is None:
        return []
    out: list[TitleMatch] = []
    for h in rules.inline_list.finditer(text):
        nl = text.find("\n", h.end())
        line_end = len(text) if nl < 0 else nl
        items = list(_NUMBERED_ITEM_RE.finditer(text, h.end(), line_end))
        # the list's own line is the frame: a prompt on the line before ("life-chapters worksheet
        # discussed" over "Student's chapters: 1. ...") is context, not the list's source
        frame = max(h.start(), text.rfind("\n", 0, h.end()) + 1)
        if len(items) < 2 or [int(m.group(1)) for m in items] != list(range(1, len(items) + 1)):
            continue  # one item, or not numbered 1, 2, 3 ...: not a list
        # "1. sleep 2. walk" lists goals, not titles; a list of mostly capitalised titles keeps its
        # lower-case item ("1. Wee Girl in a Big House 2. The Marriage Years 3. getting out")
        written = [text[m.start(2)] in QUOTE_CHARS or text[m.start(2)].isupper() for m in items]
        mostly = sum(written) * 2 > len(items)
        for m in items:
            s, e = m.span(2)
            note = _ITEM_NOTE_RE.match(text, s, e)  # ("4. (now) “Rebooting”")
            if note is not None and text[note.end() : note.end() + 1] in QUOTE_CHARS:
                s = note.end()
            # (the last item of a quoted list ends at its closing mark: '4. "Who Am I Now?" She said ...')
            closed = _TABLE_QUOTED_RE.match(text, s, e) if text[s] in QUOTE_CHARS else None
            quoted = closed is not None or text[s] in QUOTE_CHARS and text[e - 1] in QUOTE_CHARS
            if closed is not None:
                s, e = closed.span(1)
            elif quoted:
                s, e = s + 1, e - 1
            while e > s and text[e - 1] in ".,;":
                e -= 1
            if e <= s or not (quoted or text[s].isupper() or mostly):
                continue
            if _accept(text, s, e, frame, "title.inline_list", "frame_strict", quoted, rules):
                out.append(TitleMatch(s, e, frame, "label", "title.inline_list"))
    return out


def find_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """Chapter titles in ``text``: character spans of the title words."""
    has_context = (
        (not rules.context_requires or may_hold(text, rules.context_requires))
        and rules.context.search(text) is not None
    ) or _life_metaphor(text, rules)
    found: list[TitleMatch] = []
    low = lowered(text)
    for rule_id, kind, rx, requires in rules.finders:
        if not has_context and kind != "label":
            continue
        if requires and not holds(low, requires):
            continue
        for m in rx.finditer(text):
            if kind == "answer" and not _after_prompt(text, m.start(), rules):
                continue
            span = _title_span(text, m)
            check = "frame_strict" if kind == "answer" else kind
            if span is None:
                continue
            if not _accept(
                text, span[0], span[1], m.start(), rule_id, check, span[2], rules, answer=kind == "answer"
            ):
                # ("He said, “Te Kore — the nothingness.”"): the title before the client's gloss
                part = _answer_part(text, span[0], span[1], gloss=kind != "label") if span[2] else None
                if part is None or not _accept(
                    text, part[0], part[1], m.start(), rule_id, check, True, rules, answer=kind == "answer"
                ):
                    continue
                span = (part[0], part[1], True)
            found.append(TitleMatch(span[0], span[1], m.start(), check, rule_id))
    if has_context:
        found += (
            _taken_up_titles(text, rules)
            + _list_titles(text, rules)
            + _inline_list_titles(text, rules)
            + _period_items(text, rules)
            + _table_titles(text, rules)
        )
    out = _resolve(found)
    if out and has_context and "?" in text:
        out = _resolve(out + _followup_turn_titles(text, out, rules))
    out = _follow_ons(text, out, rules)
    if out and has_context:  # (after the follow-ons: a companion's gloss is not chained on)
        companions = _companion_titles(text, out, rules)
        if companions:  # a revision may follow a companion ("“X,” then changed it to “Y.”")
            out = _follow_ons(text, _resolve(out + companions), rules, shaped=True)
        siblings = _series_titles(text, out, rules)
        if siblings:
            out = _resolve(out + siblings)
        between = _sandwiched_items(text, out, rules)
        if between:
            out = _resolve(out + between)
    out = _resolve([_inner_quoted(text, t) for t in out])
    out = [t for t in out if not _not_the_clients(text, t, rules)]
    return [part for t in out for part in _list_parts(text, _trimmed(text, t, rules))]


def _not_the_clients(text: str, t: TitleMatch, rules: TitleRules) -> bool:
    """Is a found title not the client's chapter title? Someone else's name for the chapter
    (``rules.exclude_owner`` earlier in its sentence: "Her mum's name for it is “X”"), a work's
    title by the words after the quotation (``rules.series_not_after``: "“Wonderwall” by Oasis",
    "“X” came on the radio", "“X” - no, that's a book"), or a title taken on after another one that
    opens like a sentence of the client's ("Now: “I'm Not Sure Yet”")."""
    if rules.exclude_owner is not None and rules.exclude_owner.search(
        text, _sentence_bounds(text, t.start)[0], t.start
    ):
        return True
    if text[t.end : t.end + 1] not in QUOTE_CHARS and text[t.end + 1 : t.end + 2] not in QUOTE_CHARS:
        return False  # (a bare title: the words after it may be its own)
    if rules.series_not_after is not None and rules.series_not_after.match(text, t.end + 1):
        return True
    if t.rule in ("title.companion", "title.series") or any(t.rule == rule for rule, _ in rules.follow):
        first = text[t.start : t.end].split()[0].lower().replace("’", "'")
        return first.startswith(("i'", "it'", "that'", "there'")) or first in ("i", "we", "you")
    return False


_DOUBLE_OPEN = '"“«„'
_DOUBLE_CLOSE_RE = re.compile(r"[\"”»“](?=[\s.,;:)!?—–-]|$)")
_SINGLE_OPEN_RE = re.compile(r"(?<![\w’'])['‘](?=\w)")
_INNER_QUOTE_RE = re.compile(r"(?<![\w’'])['‘]\s?([^\n'‘’]{1,60}?)\s?['’](?![\w’'])")


def _inner_quoted(text: str, t: TitleMatch) -> TitleMatch:
    """``t`` when it is a whole quotation; when a rule cut a double-quoted answer at a single mark
    inside it ('she said "ugh. 'X' jk. maybe 'Y'."', '"'X' - no, that's a book. Call it 'Y.'"'), the
    title is the single-quoted one the answer settles on: the first after its last spoken
    self-correction (:data:`_CORRECTION_RE`), or its first; ``t`` unchanged when none is written
    like a title."""
    s, e = t.start, t.end
    j = e
    while j < len(text) and text[j] in ".,;:!?… ":
        j += 1
    opens_single = _SINGLE_OPEN_RE.search(text, s, e) is not None
    if not (opens_single or text[j : j + 1] in ("'", "’")):
        return t
    k = s
    while k > 0 and text[k - 1] == " ":
        k -= 1
    if k <= 0 or text[k - 1] not in _DOUBLE_OPEN or not opens_single:
        return t
    nl = text.find("\n", j)
    close = _DOUBLE_CLOSE_RE.search(text, j, len(text) if nl < 0 else nl)
    if close is None:
        return t
    a, b = k, close.start()
    fixes = list(_CORRECTION_RE.finditer(text, a, b))
    begin = fixes[-1].start() if fixes else a
    for q in _INNER_QUOTE_RE.finditer(text, max(a, begin - 1), b):
        qs, qe = q.span(1)
        while qe > qs and text[qe - 1] in ".,;:!?…":
            qe -= 1
        title = text[qs:qe]
        if title and (title[0].isupper() or title[0].isdigit()) and _title_shaped(title):
            return TitleMatch(qs, qe, t.frame_start, t.kind, t.rule)
    return t


# where a quoted answer's title ends and the client's own gloss of it begins: a dash before a
# lower-case word ("Te Kore — the nothingness"), a full stop ("Autumn. The good kind, with the
# apples"), or a comma before a lower-case tail ("Te Pō, the night, but ...", "The Duvet Years, ha")
_GLOSS_BREAK_RE = re.compile(r"\s+[—–-]\s+(?=[a-z])|[.!?…]\s+|,\s+(?=[a-z])")


# a spoken self-correction inside one quoted answer ("Loud and Proud, maybe? Nah. Just ‘Being Seen’",
# "Before and After. No — just After.", "'X' lol. jk. maybe 'Y'"): the title is the one after it
_CORRECTION_RE = re.compile(
    r"(?i)(?:[.?!,;…]|\s[—–-])\s*(?:no|nah|nope|actually|wait|or\s+maybe|scratch\s+that|jk|j/k|just\s+kidding|kidding)\b[\s.,!?—–-]*"
    r"(?:(?:just|maybe\s+just|maybe|call\s+it|make\s+it|put\s+down|it['’]s)\s+)?[‘'\"“]?"
)


def _answer_part(text: str, s: int, e: int, *, gloss: bool = True) -> tuple[int, int] | None:
    """The title inside a quoted answer that does not read as one whole: the title after a spoken
    self-correction (:data:`_CORRECTION_RE`), else the title before the client's gloss
    (:func:`_gloss_head`, when ``gloss``: not after a label, whose quotation is the title as written);
    None when neither is written like a title."""
    fixes = list(_CORRECTION_RE.finditer(text, s, e))
    fix = fixes[-1] if fixes else None  # (the last correction decides)
    if fix is not None:
        a, b = fix.end(), e
        while b > a and text[b - 1] in QUOTE_CHARS + ".,;:!?… ":
            b -= 1
        tail = text[a:b]
        if (
            tail
            and (tail[0].isupper() or tail[0].isdigit())
            and _title_shaped(tail)
            and not any(c in QUOTE_CHARS for c in tail)
        ):
            return a, b
        return None
    head = _gloss_head(text, s, e) if gloss else None
    return None if head is None else (s, head)


def _gloss_head(text: str, s: int, e: int) -> int | None:
    """End of the title at the head of a quoted answer that goes on with a gloss ("“Te Kore — the
    nothingness. That was last year.”", "“Autumn. The good kind”", "“Stuck in the Mud, maybe”"),
    or None: the head must be written like a title (capitalised, :func:`_title_shaped`) and the
    whole quotation must not be (a title with a comma or dash of its own, "First Year, Again",
    "Living – Not Just Surviving", stays whole)."""
    quote = text[s:e]
    if _title_shaped(quote) and not re.search(r"\s[—–-]\s+[a-z]", quote):
        return None
    brk = _GLOSS_BREAK_RE.search(quote)
    if brk is None or brk.start() == 0 or brk.group()[0] == "?":
        return None  # ("Right now? Scaffolding.": a question back, not a title)
    head = quote[: brk.start()].rstrip(".,;:!?… ")
    if not head or not (head[0].isupper() or head[0].isdigit()) or not _title_shaped(head):
        return None
    first = head.split()[0].lower().replace("’", "'")
    if first in _CLAUSE_OPENERS or first.startswith(("i'", "it'", "that'", "there'")):
        return None  # ("I’m not lazy. I’m tired."): a sentence of the client's, not a title
    return s + len(head)


# words that open a clause or a reply rather than a title ("I’m not lazy", "Well, ...", "Yes, ...")
_CLAUSE_OPENERS = frozenset(
    {"i", "we", "you", "he", "she", "they", "my", "that", "this", "there", "it", "yes", "yeah", "no",
     "nah", "not", "maybe", "well", "right", "so", "oh", "um", "hmm", "dunno", "idk", "because"}
)  # fmt: skip


_PLURAL_LABEL_RE = re.compile(r"(?i)\b(?:chapters|titles)\b")
_LIST_SEP_RE = re.compile(
    r"\s*(?:,\s*(?:and\s+)?|\s+and\s*,\s*)(?:(?:for\s+now|now|then|today|currently|finally)\s*,\s*)?"
)
_ITEM_PERIOD_RE = re.compile(r"(?i)(?:s|session|wk|week|q)\s*\d{1,2}\s+(?=\S)")


def _list_parts(text: str, t: TitleMatch) -> list[TitleMatch]:
    """A bare title after a label that names chapters in the plural, split into its items when it is
    a list ("Pt listed her chapters: CHILDHOOD IN LAGOS, THE MOVE, NIGHT SHIFTS", "Chapter titles so
    far: s1 The Rules, s10 Loosening Grip", "Chapter titles so far: LOCKED UP and, for now, STILL
    HERE"): three or more items, items after a period marker ("s10"), or items joined by ", and" /
    "and,"; every item capitalised. A single title with a comma ("First Year, Again") or "and" ("Salt
    and Pepper") stays whole."""
    if t.rule != "title.label_bare" or not _PLURAL_LABEL_RE.search(text, t.frame_start, t.start):
        return [t]
    parts, pos, joined_by_and = [], t.start, False
    for sep in _LIST_SEP_RE.finditer(text, t.start, t.end):
        if sep.start() == sep.end():
            continue
        parts.append((pos, sep.start()))
        pos = sep.end()
        joined_by_and = joined_by_and or "and" in sep.group()
    parts.append((pos, t.end))
    if len(parts) < 2:
        return [t]
    marked = [_ITEM_PERIOD_RE.match(text, a, b) for a, b in parts]
    # (the first item's marker is already outside the title: "s1 The Rules, s10 Loosening Grip")
    if len(parts) < 3 and not joined_by_and and sum(m is not None for m in marked) < len(parts) - 1:
        return [t]
    items = [(m.end() if m else a, b) for m, (a, b) in zip(marked, parts, strict=True)]
    if any(
        b - a < 2 or not (text[a].isupper() or text[a].isdigit()) or len(text[a:b].split()) > 8
        for a, b in items
    ):
        return [t]
    return [TitleMatch(a, b, t.frame_start, t.kind, "title.label_list") for a, b in items]


def _trimmed(text: str, t: TitleMatch, rules: TitleRules) -> TitleMatch:
    """``t`` without the words of ``rules.trim_lead`` before the title and ``rules.trim_tail``
    after it; unchanged when nothing is left."""
    s, e = t.start, t.end
    if rules.trim_lead is not None and (m := rules.trim_lead.match(text, s, e)) and m.end() > s:
        s = m.end()
    if rules.trim_tail is not None and (m := rules.trim_tail.search(text, s, e)) and m.end() == e:
        e = m.start()
    while (
        e > s and text[e - 1] in QUOTE_CHARS and text[e - 2 : e - 1].isalnum() and text[s - 1] in QUOTE_CHARS
    ):
        e -= 1  # the closing mark of a quotation inside the quotation ("actually no, just 'X'")
    while e - s > 2 and text[e - 1] in "'’" and text[e - 2] in ".,;:!?…":
        e -= 1  # (the same after the sentence's stop: '"... Call it 'Still His Wife.'"')
    while e > s and text[e - 1] in ".,;:!?…" and not (text[e - 1] == "?" and "?" in text[s : e - 1]):
        e -= 1
    if (s, e) == (t.start, t.end) or e <= s or not text[s:e].strip():
        return t
    return TitleMatch(s, e, t.frame_start, t.kind, t.rule)


def _follow_ons(
    text: str, out: list[TitleMatch], rules: TitleRules, *, shaped: bool = False
) -> list[TitleMatch]:
    """``out`` with the titles that follow one of them (``rules.follow``), chained: "X" -> "Y" -> "Z".

    Args:
        shaped: take only follow-ons written like a title (capitalised, :func:`_title_shaped`): after
            a companion title, whose own comment often follows it ("“Treading Water” now – “not
            drowning, not swimming either.”").
    """
    while out and rules.follow:
        extra: list[TitleMatch] = []
        for rule_id, rx in rules.follow:
            for m in rx.finditer(text):
                span = _title_span(text, m)
                if span is None:
                    continue
                prev = [t for t in out if t.end <= m.start() + 1 and m.start() - t.end <= FOLLOW_GAP]
                if not prev or "\n" in text[prev[-1].end : span[0]]:
                    continue
                if any(t.start < span[1] and span[0] < t.end for t in out + extra):
                    continue
                if _is_gloss(text, prev[-1].end, span[0], span[1]):
                    continue
                # (a follow-on's context is the title before it: its exclusions look at its own words)
                title = text[span[0] : span[1]]
                if shaped and not ((title[0].isupper() or title[0].isdigit()) and _title_shaped(title)):
                    continue
                if _accept(text, span[0], span[1], m.start(), rule_id, "label", span[2], rules, answer=True):
                    extra.append(TitleMatch(span[0], span[1], prev[-1].frame_start, prev[-1].kind, rule_id))
        if not extra:
            break
        out = _resolve(out + extra)
    return out


def _is_gloss(text: str, prev_end: int, s: int, e: int) -> bool:
    """A quotation joined to the title before it by a dash alone that is no title of its own: a gloss
    or a comment ("“Paddling Like Mad” — “like a duck, calm on top”", "«Todavía aquí» – “still
    here.”"): lower-case, or not written like a title (:func:`_title_shaped`)."""
    if text[prev_end:s].strip(QUOTE_CHARS + " \t") not in ("–", "—", "-"):
        return False
    title = text[s:e]
    return not (title[0].isupper() or title[0].isdigit()) or not _title_shaped(title)


# A transcript's short follow-up question after a title ("T: And this one?", "T: What to?", "T: And
# before that?") and the client's answer on the next line: another title
_FOLLOWUP_TURN_RE = re.compile(
    r"(?im)^[ \t]*(?:t|th|therapist|counsell?or|clinician|i|interviewer|worker|f|facilitator)[ \t]*:[ \t]*"
    r"(?:and\s+)?(?:this|that|the\s+(?:next|last|new|old|current)|last|next|now|before\s+th(?:at|is)|after\s+th(?:at|is)"
    # "And the part before?", "And the chapter you've just left behind?", "What would the next one be?",
    # "What would you call the new bit?"
    r"|the\s+(?:part|bit|season|chapter|one|period|stretch|era|phase)|what\s+(?:would|will)\s+the\s+(?:next|last|new)"
    r"|what\s+would\s+you\s+call\s+(?:the|this|that)\s+(?:next|last|new|old)"
    r"|what\s+to|what\s+about\s+(?:this|that|now|the\s+\w+))\b[^\n?]{0,25}\?[ \t]*\n"
    # the answer's speaker: a client label, or a name ("Mrs Pillay:", "J:", "Student:")
    r"[ \t]*(?:c|cl|client|pt|p|patient|yp|participant|student|(?-i:[A-Z][\w.’'-]*(?:[ \t]+[A-Z][\w.’'-]*)?))[ \t]*:[ \t]*"
    r"(?:(?:maybe|probably|just|um+|erm+|hmm+|ugh|ah|oh|well|eish|i['’]d\s+say|i\s+think|now"
    r"|(?:before|after)\s+th(?:at|is)(?:\s+one)?\s+(?:was|is|would\s+be)(?:\s+just)?)[ \t]*[,.…!]*[ \t]*)*"
    r"(?:(?P<q>[\"“‘«])\s?(?P<title>[^\n\"“”«»‹›]{1,80}?)\s?[\"”’»](?=[\s.,;:)!?—–-]|$)"
    r"|(?P<title2>(?-i:[A-Z0-9])[^\n.!?\"“”«»]{0,60}?)\s*(?=[.!?](?:\s|$)|\n|$))"
)
FOLLOWUP_REACH = 400  # characters from a title to the follow-up question that asks for the next one


def _followup_turn_titles(text: str, found: list[TitleMatch], rules: TitleRules) -> list[TitleMatch]:
    """Titles given in answer to a short follow-up question after an earlier title in a transcript
    ("C: “Ghosting My Own Life.” / T: And this one? / C: Maybe “Showing Up Late But Showing Up.”")."""
    out: list[TitleMatch] = []
    for m in _FOLLOWUP_TURN_RE.finditer(text):
        if not any(t.end <= m.start() and m.start() - t.end <= FOLLOWUP_REACH for t in found + out):
            continue
        span = _title_span(text, m)
        if span is None or any(t.start < span[1] and span[0] < t.end for t in found):
            continue
        if _accept(text, span[0], span[1], m.start(), "title.followup_turn", "frame_strict", span[2], rules):
            out.append(TitleMatch(span[0], span[1], m.start(), "frame_strict", "title.followup_turn"))
    return out


_COMPANION_QUOTE_RE = re.compile(r"[\"“‘«„‹]\s?([^\n\"“”«»‹›]{1,60}?)\s?[\"”’»›“](?=[\s.,;:)!?—–-]|$)")
_COMPANION_CUE_RE = re.compile(
    r"(?i)(?<![\w’'])(?:"
    + "|".join(
        re.escape(c).replace(r"\ ", r"\s+") for c in sorted(cues.TITLE_COMPANION_CUES, key=len, reverse=True)
    )
    + r")(?![\w’'])"
)


# a list separator between two quoted titles, a gloss in brackets allowed ("“The Workshop”, “Siobhán”",
# "“X” (our first month); “Y”"): a companion when the sentence names the chapters in the plural
_LIST_BETWEEN_RE = re.compile(r"^\s*(?:\([^()\n]{0,80}\))?\s*(?:[,;]|→|->)\s*$")
_PLURAL_CHAPTERS_RE = re.compile(r"(?i)\bchapters\b|\bchapter\s+(?:titles|names)\b")


_NEXT_SENTENCE_CUE_RE = re.compile(
    r"(?i)^(?:"
    + "|".join(
        re.escape(c).replace(r"\ ", r"\s+")
        for c in sorted(cues.TITLE_NEXT_SENTENCE_CUES, key=len, reverse=True)
    )
    + r")(?![\w’'])"
)
NEXT_SENTENCE_REACH = 150  # characters from a title to a companion in a later sentence of its line
CORRECTION_REACH = 80  # characters of the correcting sentences between a title and the one replacing it
# a sentence after a title that takes it back ("No —", "No wait", "Nah", "Actually, no")
_CORRECTION_OPENING_RE = re.compile(r"(?i)^(?:no|nah|nope|actually,?\s+no|wait)(?![\w’'])")


def _companion_titles(text: str, found: list[TitleMatch], rules: TitleRules) -> list[TitleMatch]:
    """A second quoted title in the sentence of a found one, told as the title before or after it
    ("at intake she called it "X" (broken) and at our final session "Y"", "his 'X' for the using
    years and 'Y' for now", "started with "X" and ... had renamed it "Y""): written like a
    title (capitalised, :func:`_title_shaped`) with a cue of time or renaming between the two
    (``cues.TITLE_COMPANION_CUES``), or a list separator in a sentence that names the chapters
    in the plural ("He named the chapters: “X” (...), “Y”, “Z” and ..."). A companion's own
    companions count too (the items of a list, one after another)."""
    out: list[TitleMatch] = []
    queue = list(found)
    k = 0
    while k < len(queue):
        t = queue[k]
        k += 1
        lo, hi = _sentence_bounds(text, t.start)
        for q in _COMPANION_QUOTE_RE.finditer(text, lo, hi):
            s, e = q.span(1)
            while e > s and text[e - 1] in ".,;:!?…":
                e -= 1
            if e <= s or any(u.start < e and s < u.end for u in found + out):
                continue
            between = (text[t.end : q.start()] if s >= t.end else text[q.end() : t.start]).strip(QUOTE_CHARS)
            # (another quotation between the two, not an apostrophe: "it’s more “Y”")
            if any(c in '"“”„«»‹›‘' for c in between):
                continue
            if not _COMPANION_CUE_RE.search(between) and not (
                _LIST_BETWEEN_RE.match(between) and _PLURAL_CHAPTERS_RE.search(text, lo, hi)
            ):
                continue  # (no cue of time or renaming, and no list of the chapters)
            title = text[s:e]
            if not (title[0].isupper() or title[0].isdigit()) or not _title_shaped(title):
                continue
            begin = t.end if s >= t.end else lo
            if _accept(text, s, e, begin, "title.companion", "frame_strict", True, rules, answer=True):
                out.append(TitleMatch(s, e, t.frame_start, t.kind, "title.companion"))
                queue.append(out[-1])
        out += _next_sentence_companions(text, t, hi, found + out, rules)
    return out


_NEXT_QUOTE_RE = re.compile(
    r"(?:[\"“‘«„‹]|(?<![\w’'])')\s?([^\n\"“”«»‹›]{1,60}?)\s?[\"”’'»›“](?=[\s.,;:)!?—–-]|$)"
)
_STOP_RE = re.compile(r"(?<!\.)[.!?][\"”’'»)]?\s+")  # a sentence end, not an ellipsis ("Now... “Y”")


def _next_sentence_companions(
    text: str, t: TitleMatch, hi: int, taken: list[TitleMatch], rules: TitleRules
) -> list[TitleMatch]:
    """A quoted title in a later sentence of the line of ``t`` (``hi``: where the sentence of ``t``
    ends) that opens with a cue of time or of another try (``cues.TITLE_NEXT_SENTENCE_CUES``):
    "“Negotiating with the Monster”. Last month it would've been “The Monster Wins”.", "“Ar Goll”.
    That was January. Now... “Ffeindio'r Ffordd”."; written like a title, as in the same sentence."""
    out: list[TitleMatch] = []
    nl = text.find("\n", t.end)
    reach = min(len(text) if nl < 0 else nl, t.end + NEXT_SENTENCE_REACH)
    for q in _NEXT_QUOTE_RE.finditer(text, max(hi, t.end), reach):
        stops = list(_STOP_RE.finditer(text, t.end, q.start()))
        if not stops:
            continue  # (the sentence of t)
        opening = text[stops[-1].end() : q.start()]
        # (or a short correction sentence between the two: "“The Bender.” No — that's not fair on
        # me. “Drying Out.”", "'X'. No wait — it should be my own words. 'Y.'")
        between = text[stops[0].end() : q.start()]
        cued = (
            len(opening) <= 50
            and not any(c in '"“”„«»‹›‘' for c in opening)
            and _NEXT_SENTENCE_CUE_RE.match(opening) is not None
        ) or (
            # (a sentence that is only a hedge before another try: "“X”? Sounds a bit sorry. Maybe just “Y”.")
            rules.series_opening is not None and rules.series_opening.fullmatch(opening.strip()) is not None
        )
        corrected = (
            len(stops) <= 3
            and len(between) <= CORRECTION_REACH
            and not any(c in '"“”„«»‹›‘' for c in between)
            and _CORRECTION_OPENING_RE.match(between) is not None
        )
        if not (cued or corrected):
            continue
        s, e = q.span(1)
        while e > s and text[e - 1] in ".,;:!?…":
            e -= 1
        if e <= s or any(u.start < e and s < u.end for u in taken + out):
            continue
        title = text[s:e]
        if not (title[0].isupper() or title[0].isdigit()) or not _title_shaped(title):
            continue
        if _accept(text, s, e, stops[-1].end(), "title.companion", "frame_strict", True, rules, answer=True):
            out.append(TitleMatch(s, e, t.frame_start, t.kind, "title.companion"))
    return out


SERIES_REACH = 160  # characters between two titles of one series (a found title and its sibling)
SERIES_MAX_GLUE_WORDS = 8
# a quotation in a line: double marks (with single ones inside), or single ones that are no apostrophe
_SERIES_QUOTE_RE = re.compile(
    r"[\"“«„]\s?(?P<d>[^\n\"“”«»]{1,80}?)\s?[\"”»“](?=[\s.,;:)!?—–→-]|$)"
    r"|(?<![\w’'])['‘‹]\s?(?P<s>[^\n\"“”«»'‘’‹›]{1,60}?)\s?['’›](?![\w’'])"
)
_GLUE_MARK_RE = re.compile(r"(?<![^\W_])[\"“”«»„‹›‘’']|[\"“”«»„‹›‘’'](?![^\W_])")
# a quotation after a determiner is an item only when a chapter noun or the end of a clause follows it
_DETERMINER_END_RE = re.compile(r"(?i)(?<![\w’'])(?:the|a|an|this|that|these|those|my|his|her|their|our)$")
_ITEM_END_RE = re.compile(
    r"(?i)\s*(?:[.,;:!?)—–-]|$|(?:chapter|chapters|era|phase|season|years|one|part|bit|period|stage)(?![\w’']))"
)
_GLOSS_QUOTE_RE = re.compile(r"[—–-]\s*[\"“‘«][a-z][^\"“”«»\n]{0,80}[\"”’»]")
_ASIDE_RE = re.compile(r"\([^()\n]{0,80}\)")
_GLUE_WORD_RE = re.compile(r"[^\W_]+(?:['’][^\W_]+)?")


def _line_quotations(text: str, lo: int, hi: int) -> list[tuple[int, int, int, int]]:
    """(start, end, text start, text end) of the quotations in ``text[lo:hi]``, and of the single-quoted
    ones inside a double-quoted answer ("Before was 'X.' Now it's 'Y'")."""
    out = []
    for q in _SERIES_QUOTE_RE.finditer(text, lo, hi):
        group = "d" if q.group("d") is not None else "s"
        out.append((q.start(), q.end(), *q.span(group)))
        if group == "d":
            out += [
                (i.start(), i.end(), *i.span("s"))
                for i in _SERIES_QUOTE_RE.finditer(text, q.start("d"), q.end("d"))
                if i.group("s") is not None
            ]
    return out


def _series_titles(text: str, found: list[TitleMatch], rules: TitleRules) -> list[TitleMatch]:
    """The other titles of a series a found title belongs to: a short quotation in the title's line,
    within :data:`SERIES_REACH` characters before or after it, joined to it only by words of a list,
    of time or of sequence (``rules.series_glue``: "“X,” “Y” and, now, “Z”", "January “X”, April
    “Y”", "“X.” Last year was “Y.”", "“X,” replacing “Y”", "1. “X” 2. “Y”"), written like a title
    (capitalised, :func:`_title_shaped`, no clause opener) and not followed by the words that make
    it a work's title (``rules.series_not_after``: "“Zombie” by The Cranberries"). A sibling's own
    siblings count too (the items of a list, one after another). Any other word between the two
    (a speaker's name, "she chose", "by") breaks the series: another member's title, a song, a
    nickname or a gloss is not joined on."""
    if rules.series_glue is None or not found:
        return []
    out: list[TitleMatch] = []
    queue = list(found)
    quotes_by_line: dict[int, list[tuple[int, int, int, int]]] = {}
    k = 0
    while k < len(queue):
        t = queue[k]
        k += 1
        line_lo = text.rfind("\n", 0, t.start) + 1
        nl = text.find("\n", t.end)
        line_hi = len(text) if nl < 0 else nl
        quotes = quotes_by_line.get(line_lo)
        if quotes is None:
            quotes = quotes_by_line[line_lo] = _line_quotations(text, line_lo, line_hi)
        for q_start, q_end, s, e in quotes:
            while e > s and text[e - 1] in ".,;:!…":
                e -= 1
            if e <= s or any(u.start < e and s < u.end for u in found + out):
                continue
            if q_start >= t.end:
                a, b = t.end, q_start
            elif q_end <= t.start:
                a, b = q_end, t.start
            else:
                continue  # (the quotation holds the title: an answer around it)
            if b - a > SERIES_REACH:
                continue
            # (the client's gloss after a dash: '“Uni” for 18 to 22 — “just uni, nothing special.” “Y”')
            glue = _GLOSS_QUOTE_RE.sub(" ", text[a:b])
            # (the marks of the quotations around the two, not an apostrophe: ".' Last year was '")
            glue = _GLUE_MARK_RE.sub(" ", glue).strip()
            # (a bracketed aside of the writer's: '“X” (after the song – “...”); session 16 “Y”')
            glue = _ASIDE_RE.sub(" ", glue).strip()
            if len(_GLUE_WORD_RE.findall(glue)) > SERIES_MAX_GLUE_WORDS:
                continue
            if not rules.series_glue.fullmatch(glue):
                continue
            title = text[s:e]
            first = title.split()[0].lower().replace("’", "'")
            # (a client who writes titles in lower case writes all of them so: "getting there" / "falling apart")
            lower_series = text[t.start].islower() and len(title.split()) <= 4
            if not (title[0].isupper() or title[0].isdigit() or lower_series) or not _title_shaped(title):
                continue
            if first in _CLAUSE_OPENERS or first.startswith(("i'", "it'", "that'", "there'")):
                continue  # ("I'm the same kid"): a sentence of the client's, not a title
            if rules.series_not_after is not None and rules.series_not_after.match(text, q_end):
                continue
            if q_start >= t.end and _DETERMINER_END_RE.search(glue) and not _ITEM_END_RE.match(text, q_end):
                continue  # ('the “X” exercises'): a quotation naming something else, not an item
            begin = a if q_start >= t.end else q_start
            if _accept(text, s, e, begin, "title.series", "frame_strict", True, rules, answer=True):
                out.append(TitleMatch(s, e, t.frame_start, t.kind, "title.series"))
                queue.append(out[-1])
    return out


_ITEM_SEPARATORS = (";", "→", "->", "|")
SANDWICH_MAX_WORDS = 6


def _sandwiched_items(text: str, found: list[TitleMatch], rules: TitleRules) -> list[TitleMatch]:
    """Items of a list between two found titles of one line, with the separator that joins them
    ("X; marriage; the hospital years; Y", "X → getting by → Y"): the ends of a list are titles, so
    the items between are too, whatever their case. Only a list separator both right after the first
    and right before the second counts (a comma or a full stop may end a clause); an item must be
    short (:data:`SANDWICH_MAX_WORDS`), unquoted and hold no sentence, and not be made of the words
    that join a series (``rules.series_glue``: "; then;")."""
    out: list[TitleMatch] = []
    ordered = sorted(found, key=lambda t: t.start)
    for x, y in zip(ordered, ordered[1:], strict=False):
        gap = text[x.end : y.start]
        if "\n" in gap or len(gap) > SERIES_REACH:
            continue
        inner = gap.strip(QUOTE_CHARS + " \t.,")
        sep = next((c for c in _ITEM_SEPARATORS if inner.startswith(c) and inner.endswith(c)), None)
        if sep is None or len(inner) <= len(sep):
            continue
        pieces = inner[len(sep) : len(inner) - len(sep)].split(sep)
        if not pieces or any(c in QUOTE_CHARS + ".!?" for piece in pieces for c in piece):
            continue
        base = x.end + gap.index(inner) + len(sep)
        items = []
        for piece in pieces:
            a = base + len(piece) - len(piece.lstrip())
            b = base + len(piece.rstrip())
            base += len(piece) + len(sep)
            words = text[a:b].split()
            if not words or len(words) > SANDWICH_MAX_WORDS:
                items = []
                break
            if rules.series_glue is not None and rules.series_glue.fullmatch(text[a:b]):
                items = []
                break
            items.append((a, b))
        for a, b in items:
            if _accept(text, a, b, x.end, "title.sandwiched", "label", False, rules, answer=True):
                out.append(TitleMatch(a, b, x.frame_start, x.kind, "title.sandwiched"))
    return out


ECHO_REACH = 300  # characters from a suggested title to the client's reply that takes it up
_REPLY_OPEN_RE = re.compile(r"[\"“‘«„]|\n[ \t]*(?:c|cl|client|pt|patient)[ \t]*:", re.IGNORECASE)
_REFUSAL_RE = re.compile(r"(?i)(?<![\w’'])(?:no|not|nah|nope|never)(?![\w’'])")


def _taken_up_titles(text: str, rules: TitleRules) -> list[TitleMatch]:
    """A title the therapist offered, repeated by the client in their reply ("I offered “After Ted”
    ... she said, "Yes. After Ted. That's exactly it.""): the client's repetition is the title; a
    reply that turns it down ("no", "not") before the repetition is not taken up."""
    if rules.suggestion is None:
        return []
    out: list[TitleMatch] = []
    for m in rules.suggestion.finditer(text):
        title = m.group("title").strip().rstrip(".,;:!?…")
        if not title:
            continue
        reply = _REPLY_OPEN_RE.search(text, m.end(), m.end() + ECHO_REACH)
        if reply is None:
            continue
        echo = re.compile(r"(?i)(?<![\w’'])" + re.escape(title) + r"(?![\w’'])").search(
            text, reply.end(), m.end() + ECHO_REACH
        )
        if echo is None or _REFUSAL_RE.search(text, reply.end(), echo.start()):
            continue
        s, e = echo.span()
        if _accept(text, s, e, reply.start(), "title.taken_up", "frame_strict", True, rules, answer=True):
            out.append(TitleMatch(s, e, reply.start(), "frame_strict", "title.taken_up"))
    return out


def _after_prompt(text: str, pos: int, rules: TitleRules) -> bool:
    """A chapter prompt or a suggested title within :data:`ANSWER_WINDOW` characters before ``pos``."""
    rx = rules.answer_context
    return rx is not None and rx.search(text, max(0, pos - ANSWER_WINDOW), pos) is not None


def _resolve(found: list[TitleMatch]) -> list[TitleMatch]:
    """Earliest, then longest, match wins; overlapping later matches are dropped."""
    found = sorted(found, key=lambda t: (t.start, -(t.end - t.start)))
    out: list[TitleMatch] = []
    for t in found:
        if out and t.start < out[-1].end:
            continue
        out.append(t)
    return out


# words that mark a clause about the client rather than a title, in unquoted titles
_NOT_IN_BARE_TITLE = frozenset(
    [
        "she",
        "he",
        "they",
        "client",
        "pt",
        "cl",
        "said",
        "says",
        "reports",
        "reported",
        "asked",
        "wrote",
        "called",
        "titled",
        "named",
        # the writer going on about the title ("what I'd call this chapter – I've thought about it")
        "i've",
        "i’ve",
    ]
)
_NOT_IN_FRAMED_TITLE = _NOT_IN_BARE_TITLE | frozenset(
    ["i", "i'd", "i’d", "i'll", "i’ll", "would", "could", "is", "was"]
)


def _title_like(title: str, kind: str, quoted: bool) -> bool:
    words = title.split()
    if not words or len(words) > 10:
        return False
    if kind == "frame_strict" and not _title_shaped(title):
        return False
    low = [w.lower().strip(".,;:!?'\"") for w in words]
    if not quoted:
        banned = _NOT_IN_BARE_TITLE if kind == "label" else _NOT_IN_FRAMED_TITLE
        if any(w in banned for w in low):
            return False
        if len(words) > 7:
            return False
    return True


def _title_shaped(title: str) -> bool:
    """A short phrase written like a title, not a sentence: for rules that only see a quote near a prompt.

    At most seven words, no sentence break inside, and either three words or fewer or at least
    half of the longer words (four letters or more) capitalised ("Walking on Eggshells").
    """
    if re.search(r"[.?!]\s", title):
        return False
    words = [w.strip(".,;:!?'\"“”‘’()") for w in title.split()]
    words = [w for w in words if w]
    if not words or len(words) > 7:
        return False
    if len(words) <= 3:
        return True
    long = [w for w in words if len(w) >= 4]
    return not long or sum(w[0].isupper() for w in long) * 2 >= len(long)


_TURN_RE = re.compile(
    r"(?i)(?:^from\s+.+?\s+|[,;:—–-]\s*|\s)(?:"
    + "|".join(re.escape(m) for m in sorted(cues.TITLE_TURN_MARKERS, key=len, reverse=True))
    + r")\s+(.+)$"
)


_LEAVING = ("out of", "beyond", "after", "leaving", "escaping", "past")


def title_polarity(title: str) -> str:
    """Valence of a chapter title; in "X, then Y" / "from X to Y" titles the last part decides."""
    turn = _TURN_RE.search(title)
    if turn is not None and (title.lower().startswith("from ") or turn.group(0)[:1] in ",;:—–-"):
        late = _title_polarity(turn.group(1))
        if late != "neutral":
            return late
    return _title_polarity(title)


# "Living, Not Just Surviving", "Living Not Surviving": in a title the comma is optional (a title has
# no subject whose "not" could be meant); classify._DENIAL_RE, over clauses ("I'm a mum who got
# ill, not a bad mum"), needs the separator so that "I'm not a bad mum" is no kept/denied pair.
_DENIED_RE = re.compile(r"(?i)^(?P<kept>.+?),?\s+not\s+(?P<more>just\s+|only\s+)?(?P<denied>[^,]+)$")


def _title_polarity(title: str) -> str:
    denial = _DENIED_RE.match(title)
    if denial is not None:
        # "Living, Not Just Surviving" / "Surviving, Not Living": the kept part against the denied one
        kept, denied = (_polarity_score(denial.group(g)) for g in ("kept", "denied"))
        if denial.group("more") and kept >= 0:
            return "positive"  # "not just surviving": more than the denied part
        if kept != denied:
            return "positive" if kept > denied else "negative"
    return _polarity_word(_polarity_score(title) or _opening_lean(title), title)


def _opening_lean(title: str) -> int:
    """+1 / -1 / 0 from how a title opens when its words carry no valence: a growth or a stuck
    gerund ("Pacing Myself", "Disappearing"), or getting out of a place ("Out of the Basement")."""
    words = [w.lower().strip(".,;:!?'\"“”‘’()") for w in title.split()]
    if words[:1] == ["the"]:
        words = words[1:]
    if not words:
        return 0
    if words[0] in cues.TITLE_GROWTH_GERUNDS:
        return 1
    if words[0] in cues.TITLE_STUCK_GERUNDS:
        return -1
    if words[:2] == ["out", "of"] and not set(words[2:4]) & cues.TITLE_OUT_OF_LACKS:
        return 1
    return 0


def _polarity_word(score: int, title: str) -> str:
    text = " " + " ".join(w.lower().strip(".,;:!?'\"“”‘’") for w in title.split()) + " "
    if score == 0 or " but okay " in text or " but ok " in text:
        return "neutral"
    return "positive" if score > 0 else "negative"


def _polarity_score(title: str) -> int:
    """pos - neg evidence of a title (0 when balanced or when "but" joins both)."""
    words = [w.lower().strip(".,;:!?'\"“”‘’") for w in title.replace("'s", " ").replace("’s", " ").split()]
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
    pos += 2 * sum(1 for phrase in cues.TITLE_POSITIVE_PHRASES if f" {phrase} " in text)
    for phrase in cues.TITLE_NEGATIVE_PHRASES:
        if f" {phrase} " in text:  # "Out of the Pit", "Beyond the Storm" leave the bad place behind
            escaped = any(f" {r} {phrase} " in text or f" {r} the {phrase} " in text for r in _LEAVING)
            pos, neg = (pos + 2, neg) if escaped else (pos, neg + 2)
    fallback = text_valence(title)
    if fallback > 0:
        pos += 2  # the lexicon resolves reversers ("Out of the Fog") the word counts miss
    elif fallback < 0:
        neg += 2
    if " but " in text and pos and neg:
        return 0
    return (pos > neg) - (neg > pos)


REFLECTION_RE = re.compile(
    "(?i)(" + "|".join(re.escape(c) for c in sorted(cues.REFLECTION_CUES, key=len, reverse=True)) + ")"
)


def has_reflection_cue(text: str) -> bool:
    """``REFLECTION_RE.search(text) is not None``, with a substring pre-filter first."""
    return may_hold(text, cues.REFLECTION_CUES) and REFLECTION_RE.search(text) is not None
