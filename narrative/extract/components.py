"""spaCy pipeline components of narrative.extract.

=====================================  ==============================================
factory                                writes
=====================================  ==============================================
``narrative_voice_v1``                 ``doc._.narrative_units`` (clause analysis),
                                       ``doc.spans["quotes"]`` (label = speaker)
``narrative_chapter_titles_v1``        ``doc.spans["chapter_titles"]``, ``["reflections"]``
``narrative_self_descriptions_v1``     ``doc.spans["self_descriptions"]``
``narrative_agency_v1``                ``doc.spans["agency"]``
``narrative_indicators_v1``            ``doc.spans["indicators"]``
=====================================  ==============================================

Periodic-review reflections ("the biggest difference is ...", "my past self would
be surprised ...") go to ``doc.spans["reflections"]``; :func:`statements_from_doc`
emits those that hold no other statement as ``self_description`` with
``attrs["kind"] = "reflection"`` (a reflection is the client's view of the
client, not a chapter title).
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import replace

from spacy.language import Language
from spacy.matcher import Matcher
from spacy.tokens import Doc, Span, Token

from ..lang.en import cues
from . import classify as cl
from . import voice as v
from .clauses import (
    Unit,
    analyse,
    doc_text,
    is_client_referent,
    section_of,
    sentence_bounds,
    sentence_of,
    sentence_words,
    span_text,
    span_tokens,
    subject_index,
    token_table,
    trim,
)
from .data import load_cues, load_patterns
from .extensions import SPAN_EXTENSIONS, register_extensions, set_span_values
from .indicators import find_indicators, load_indicator_rules
from .normalize import QUOTE_CHARS, normalize_span
from .titles import REFLECTION_RE, find_titles, has_reflection_cue, load_title_rules, title_polarity
from .valence import polarity_word, reports_no_change, text_valence

SPEAKER_NAMES = {
    v.NARRATION: "narration",
    v.CLIENT: "client",
    v.THERAPIST: "therapist",
    v.OTHER: "other",
    v.WORK_TITLE: "title",
}
REGIONS_KEY = "narrative.regions"
BLOCKED_KEY = "narrative.blocked"


def _regions(doc: Doc) -> list[int]:
    regions = doc.user_data.get(REGIONS_KEY)
    if regions is None:
        regions, _ = v.compute_regions(doc)
        doc.user_data[REGIONS_KEY] = regions
    return regions


class VoiceComponent:
    """Find quotations and turns, decide who speaks, and analyse the clauses."""

    def __init__(self, nlp: Language, name: str, *, lang: str) -> None:
        register_extensions()
        load_cues(lang)
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        regions, quotes = v.compute_regions(doc)
        doc.user_data[REGIONS_KEY] = regions
        spans = []
        for q in quotes:
            span = doc.char_span(q.start, q.end, label=SPEAKER_NAMES[q.speaker], alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans["quotes"] = spans
        doc._.narrative_units = analyse(doc, regions)
        return doc


class ChapterTitleComponent:
    def __init__(self, nlp: Language, name: str, *, lang: str, reflections: bool = True) -> None:
        register_extensions()
        self.name = name
        self.reflections = reflections
        self.rules = load_title_rules(lang)

    def __call__(self, doc: Doc) -> Doc:
        regions = _regions(doc)
        spans: list[Span] = []
        for t in find_titles(doc_text(doc), self.rules):
            span = doc.char_span(t.start, t.end, label="chapter_title", alignment_mode="expand")
            if span is None:
                continue
            frame_tok = doc.char_span(t.frame_start, t.frame_start + 1, alignment_mode="expand")
            if frame_tok is not None and _frame_speaker(doc, frame_tok.start, regions) == v.OTHER:
                continue  # "K. titled his chapter "Rock Bottom."": another group member's title
            in_client_quote = frame_tok is not None and regions[frame_tok.start] == v.CLIENT
            voice = "quoted" if in_client_quote else ("clinician" if t.kind == "label" else "reported")
            if t.rule.endswith("_turn"):
                voice = "quoted"  # the client's answer in a transcript turn
            title = doc_text(doc)[t.start : t.end]
            spans.append(span)
            set_span_values(
                span,
                voice=voice,
                polarity=title_polarity(title),
                evidence=(t.rule,),
                normalized=title,
                kind="title",
            )
        doc.spans["chapter_titles"] = spans
        refl: list[Span] = []
        check = self.reflections and has_reflection_cue(doc_text(doc))
        for sent in (doc[a:b] for a, b in sentence_bounds(doc)) if check else ():
            if regions[sent.start] != v.CLIENT and not any(
                regions[i] == v.CLIENT for i in range(sent.start, sent.end)
            ):
                continue
            sent_text = span_text(sent)
            m = REFLECTION_RE.search(sent_text)
            if not m or len(re.findall(r"[A-Za-z]+", sent_text[m.end(1) :])) < 2:
                continue  # "Biggest difference?": the cue alone, its answer in the next sentence
            s, e = trim(doc, sent.start, sent.end)
            if e <= s:
                continue
            span = doc[s:e]
            refl.append(span)
            set_span_values(
                span,
                voice="quoted",
                polarity=_reflection_polarity(span),
                evidence=("refl." + m.group(1).lower().replace(" ", "_"),),
                normalized=normalize_span(doc, span, "quoted"),
                kind="reflection",
            )
        doc.spans["reflections"] = refl
        return doc


def _frame_speaker(doc: Doc, i: int, regions: list[int]) -> int:
    """Who gives a title framed by the verb at token ``i`` ("K. titled his chapter ...") in the
    clinician's narration: the speaker of that verb's own subject (CLIENT otherwise)."""
    tok = doc[i]
    if regions[i] != v.NARRATION:
        return v.CLIENT
    if tok.pos_ != "VERB":
        return _teller_of_claim(tok)
    subj = v._subject(tok)
    if subj is None or subj.dep_ != "nsubj" or subj.lower_ in ("it", "this", "that", "which", "what"):
        return v.CLIENT  # "it could be called ...", "her chapter would be called ..."
    return v._speaker_of(subj)


def _teller_of_claim(tok: Token) -> int:
    """Who tells a title framed by the subject of a reported clause ("K.M. joked that [his] would
    be "X"", "Mia said [hers] would be "Y"", "he said that [the one] before was "Z""): the speaker of
    the reporting verb's subject (CLIENT when there is none: "[Hers] is "X"")."""
    if tok.dep_ == "det":
        tok = tok.head  # ("the one before was ...")
    if tok.dep_ != "nsubj":
        return v.CLIENT
    clause = tok.head
    while clause.dep_ == "conj" and clause.head is not clause:
        clause = clause.head  # ("his is "X," and that the one before was "Y"")
    if clause.dep_ != "ccomp":
        return v.CLIENT
    subj = v._subject(clause.head)
    if subj is None or subj.dep_ != "nsubj":
        return v.CLIENT
    return v._speaker_of(subj)


def _reflection_polarity(span: Span) -> str:
    text = span_text(span)
    if reports_no_change(text):
        # "My past self wouldn't notice any difference": no change reported, unless other words say
        value = text_valence(text)
        return polarity_word(value)
    denied, denied_idx = cl.denied_alternatives(span.doc, span.start, span.end)
    words = [t.lower_ for t in span if t.i not in denied_idx]
    score = (cl._lex(words) - denied) or text_valence(text)
    return polarity_word(score)


class _ClauseComponent:
    group = ""

    def __init__(self, nlp: Language, name: str, *, lang: str, patterns: str) -> None:
        register_extensions()
        self.name = name
        self.matcher = Matcher(nlp.vocab)
        self.labels: dict[str, str] = {}
        records = load_patterns(patterns, lang=lang)
        for rec in records:
            self.matcher.add(rec.id, [rec.pattern])  # type: ignore[list-item]
            self.labels[rec.id] = rec.label
        self.first_tokens = _first_tokens([rec.pattern for rec in records])  # type: ignore[misc]

    def _units(self, doc: Doc) -> list[Unit]:
        units = doc._.narrative_units
        if units is None:
            units = analyse(doc, _regions(doc))
            doc._.narrative_units = units
        return units

    def _cue_ids(self, doc: Doc, start: int, end: int) -> list[str]:
        """Ids of the cue patterns that match inside the span (the matcher runs on the span only).

        The matcher starts at the span's first token that can open a match: none before it can,
        so the matches and their order are those over the whole span (and a span where no token
        can open one skips the matcher).
        """
        if self.first_tokens is not None:
            table = token_table(doc)
            columns = [(getattr(table, name), values) for name, values in self.first_tokens.items()]
            start = next(
                (j for j in range(start, end) if any(col[j] in values for col, values in columns)), end
            )
            if start >= end:
                return []
        return [doc.vocab.strings[match_id] for match_id, _s, _e in self.matcher(doc[start:end])]

    def _blocked_flags(self, doc: Doc, units: list[Unit]) -> list[bool]:
        """:meth:`_blocked` of each unit, computed once per doc: the self-description and agency
        components read the same units (``doc._.narrative_units``), and what blocks a unit (its
        clause, the chapter titles) is set before either runs."""
        cached = doc.user_data.get(BLOCKED_KEY)
        if cached is not None and cached[0] is units:
            return cached[1]
        titles = [(span.start, span.end) for span in doc.spans.get("chapter_titles", [])]
        flags = [self._blocked(doc, unit, titles) for unit in units]
        doc.user_data[BLOCKED_KEY] = (units, flags)
        return flags

    @staticmethod
    def _blocked(doc: Doc, unit: Unit, titles: list[tuple[int, int]]) -> bool:
        """Is ``unit`` no claim at all (a question, the clinician's plan, talk about the title
        exercise ...)? ``titles``: the token bounds of ``doc.spans["chapter_titles"]``."""
        if unit.question or unit.hypothetical or unit.generic_you:
            return True
        if unit.voice == "quoted" and cl.others_words_answer(doc, unit):
            return True  # T: "What would your sister say about you?" C: "That I'm selfish."
        if cl.title_exercise_talk(doc, unit):
            return True  # "can't be bothered with titles this week": about the exercise itself
        table = token_table(doc)
        if (
            not unit.self_subject
            and unit.voice == "clinician"
            and not cl.clinician_symptom_subject(doc, unit)
            and not cl.did_fragment(doc, unit)
        ):
            return True  # (a symptom steering the client is recorded: "the panic attacks forced her ...")
        if unit.voice == "clinician" and (
            section_of(doc, unit.head) in ("A", "P")
            or unit.subj < 0
            and table.punct[unit.start : unit.end].count(False) < 2
        ):
            return True  # the clinician's assessment or plan; a one-word fragment ("Improving.")
        if any(start < unit.end and unit.start < end for start, end in titles):
            return True
        a, b = sentence_of(doc, unit.head)
        first = table.lower[a]
        if first in ("plan", "homework", "p") and b > a + 1 and table.text[a + 1] == ":":
            return True
        lows = sentence_words(doc, unit.head)
        return bool(lows & {"chapter", "title", "titled"}) and any(
            lemma in ("title", "call", "name", "write") for lemma in table.lemma[unit.start : unit.end]
        )


# Token-pattern keys read from a token-table column of the same value (``LOWER`` is ``table.lower``).
_TABLE_COLUMNS = {
    "ORTH": "text",
    "TEXT": "text",
    "LOWER": "lower",
    "LEMMA": "lemma",
    "POS": "pos",
    "TAG": "tag",
}


def _first_tokens(patterns: list[list[dict[str, object]]]) -> dict[str, frozenset[str]] | None:
    """Per token-table column, the values that a match's first token can have: a token with none
    of them opens no match. None when some pattern's first token is not one required value or
    ``IN`` list of such a column (an optional token, a regex, two keys ...): then no token is ruled out.
    """
    allowed: dict[str, set[str]] = {}
    for pattern in patterns:
        first = pattern[0] if pattern else {}
        if len(first) != 1:
            return None
        ((key, spec),) = first.items()
        column = _TABLE_COLUMNS.get(key)
        if isinstance(spec, dict) and list(spec) == ["IN"] and isinstance(spec["IN"], list):
            values = spec["IN"]
        else:
            values = [spec]
        if column is None or not all(isinstance(value, str) for value in values):
            return None
        allowed.setdefault(column, set()).update(values)
    return {column: frozenset(values) for column, values in allowed.items()}


class SelfDescriptionComponent(_ClauseComponent):
    group = "self_descriptions"

    def __call__(self, doc: Doc) -> Doc:
        spans: list[Span] = []
        claimed: set[int] = set()
        units = self._units(doc)
        for unit, blocked in zip(units, self._blocked_flags(doc, units), strict=True):
            if blocked and not self._uptalk(doc, unit):
                continue
            evidence = cl.self_description(doc, unit)
            if not evidence:
                continue
            span = doc[unit.start : unit.end]
            if evidence[0] == "sd.zero_copula":
                # the parser glues the next clause on a claim with no copula ("Last time I very blur
                # one, everything also my wife decide"): the claim ends at the comma, the rest is left
                # to the agency rules
                end = next((j for j in range(unit.head + 1, unit.end) if doc[j].text == ","), unit.end)
                span = doc[unit.start : end]
                set_span_values(
                    span,
                    voice=unit.voice,
                    polarity=polarity_word(text_valence(span.text)),
                    evidence=tuple(evidence),
                    normalized=normalize_span(doc, span, unit.voice),
                    temporal=cl._temporal(doc, unit, doc[unit.head], "self_description"),
                    kind="self_description",
                )
                spans.append(span)
                continue  # (the unit not claimed)
            negated = cl.claim_negated(doc, unit)
            hedged = cl._hedged(doc, unit.start, unit.end)
            temporal = cl._temporal(doc, unit, doc[unit.head], "self_description")
            cue_ids = self._cue_ids(doc, unit.start, unit.end)
            set_span_values(
                span,
                voice=unit.voice,
                polarity=cl.self_polarity(doc, unit, negated),
                evidence=tuple(evidence + cue_ids),
                normalized=normalize_span(doc, span, unit.voice),
                negated=negated,
                hedged=hedged,
                temporal=temporal,
                label_kind=cl._label_kind(doc, unit),
                cues=tuple(cue_ids),
                kind="self_description",
            )
            spans.append(span)
            claimed.add(unit.head)
        spans += _self_view_fragments(doc, spans, claimed)
        spans += _self_words_answers(doc, spans, claimed)
        spans += _embedded_self_views(doc, spans, claimed)
        doc.spans["self_descriptions"] = _dedupe(spans)
        doc.user_data["narrative.claimed"] = claimed
        return doc

    def _uptalk(self, doc: Doc, unit: Unit) -> bool:
        """Is ``unit`` blocked only as a question whose "?" is uptalk (:func:`classify.uptalk_claim`:
        "I'm kinda brave actually??")? Then it is the client's claim like any other."""
        if not cl.uptalk_claim(doc, unit):
            return False
        titles = [(span.start, span.end) for span in doc.spans.get("chapter_titles", [])]
        return not self._blocked(doc, replace(unit, question=False), titles)


_SELF_VIEW_FRAGMENT = re.compile(
    r"(?i)^[ \t]*(?:(?:[-•*]|\d+[.)]|s:)[ \t]*)?(?P<verb>"
    + "|".join(re.escape(v) for v in sorted(cues.FRAGMENT_SELF_VIEW_REFLEXIVE, key=len, reverse=True))
    + r")\s+(?:him|her|them|one)?self\b(?P<rest>[^\n]*)$"
)
_SELF_VIEW_FIELD = re.compile(
    r"(?i)^[ \t]*(?:"
    + "|".join(re.escape(v) for v in sorted(cues.SELF_DESCRIPTION_FIELDS, key=len, reverse=True))
    + r")\s*:\s*[\"“](?P<quote>[^\"“”\n]{2,120}?)[.,!]?[\"”]"
)


def _self_view_fragments(doc: Doc, found: list[Span], claimed: set[int]) -> list[Span]:
    """Subjectless self-view fragments the clause analysis missed, found per sentence.

    "Considers himself a "people pleaser."", "Labels self "weak" for needing medication",
    "Self-description: "a lost cause."": the small parser often mis-tags the leading verb of
    such fragments, so a sentence that starts with a self-view verb and a reflexive (or a
    self-description field) and holds no other self-description is read as one (voice
    reported; a field's quote is the client's words). Questions and hypotheticals never match.
    """
    out: list[Span] = []
    note_text = doc_text(doc)
    table = token_table(doc)
    for sent_start, sent_end in sentence_bounds(doc):
        if any(s.start < sent_end and sent_start < s.end for s in found):
            continue
        start_char = table.idx[sent_start]
        end_char = table.end_char(sent_end - 1)
        text = note_text[start_char:end_char]  # slicing the cached text: no token walk
        field = _SELF_VIEW_FIELD.match(text)
        m = field or _SELF_VIEW_FRAGMENT.match(text)
        if m is None:
            continue
        if field is not None:
            start = start_char + field.start("quote")
            end = start_char + field.end("quote")
            voice, complement = "quoted", field.group("quote")
            normalized = "I am " + complement
        else:
            rest = m.group("rest")
            if not re.search(r"[A-Za-z]", rest) or rest.rstrip().endswith("?"):
                continue
            start = start_char + m.start("verb")
            stripped = text.rstrip()
            end = start_char + len(stripped)
            if stripped.endswith((".", ";", ",")):
                end -= 1  # sentence punctuation outside a quote is outside the span
            voice, complement = "reported", rest
            first_person = cues.FRAGMENT_SELF_VIEW_REFLEXIVE[m.group("verb").lower()]
            normalized = (
                f"I {first_person} myself{note_text[start_char + m.end('verb') : end].split('self', 1)[-1]}"
            )
        span = doc.char_span(start, end, label="self_description", alignment_mode="expand")
        if span is None:
            continue
        evidence = ("sd.self_view_field",) if field is not None else ("sd.self_view_fragment",)
        _set_self_view(span, voice=voice, view=complement, evidence=evidence, normalized=normalized)
        out.append(span)
        claimed.update(range(span.start, span.end))
    return out


_SELF_WORDS_PROMPT = re.compile(
    r"(?i)\b(?:"
    + "|".join(re.escape(p) for p in sorted(cues.SELF_WORDS_PROMPTS, key=len, reverse=True))
    + r")\b"
)
# what may stand between the prompt and the answer on its line: the rest of the prompt, then a
# question mark, a colon or a dash ("in a few words? — Stubborn, ...", "about myself: thick, ...")
_ANSWER_SAME_LINE = re.compile(r"[^\n?:—–]{0,60}?(?:\?\s*[—–-]|[?:—–])[ \t]*(?=\S)")
_ANSWER_NEXT_LINE = re.compile(r"[^\n]{0,60}?\?[ \t]*\n[ \t]*(?P<label>[A-Za-z. ]{1,14}):[ \t]*")
_CLIENT_SAID_QUOTE = re.compile(
    r"(?i)\b(?:client|pt|patient)\s+(?:said|wrote|answered|replied|chose|picked)\s*,?:?\s*[\"“]"
)
_ANSWER_END = re.compile(r"[.!?\n\"”]")


def _self_words_answers(doc: Doc, found: list[Span], claimed: set[int]) -> list[Span]:
    """The client's verbless answer to a prompt for words about themselves (``SELF_WORDS_PROMPTS``):
    "How would you describe yourself in a few words? — Stubborn, tired, loyal to a fault.",
    "Q: What are your strengths? / A: Stubborn lol.", 'Members did "one word for yourself." ...
    Client said "chaotic, but like, fun chaotic."'. A short answer with an adjective or a noun and
    no clause of its own (a clause is the rules' to read), voice quoted; not a question, not "Dunno".
    """
    text = doc_text(doc)
    out: list[Span] = []
    taken = [(s.start_char, s.end_char) for s in found]
    for m in _SELF_WORDS_PROMPT.finditer(text):
        start = _answer_start(text, m.end())
        if start is None:
            continue
        end_mark = _ANSWER_END.search(text, start)
        end = end_mark.start() if end_mark else len(text)
        answer = text[start:end].strip()
        if end_mark is not None and end_mark.group() == "?" or not answer:
            continue  # a question back, not an answer
        end = start + len(text[start:end].rstrip(" ,;"))
        if any(a < end and start < b for a, b in taken) or not _words_about_self(doc, answer, start, end):
            continue
        span = doc.char_span(start, end, label="self_description", alignment_mode="expand")
        if span is None:
            continue
        _set_self_view(
            span, voice="quoted", view=answer, evidence=("sd.self_words_answer",), normalized="I am " + answer
        )
        out.append(span)
        taken.append((start, end))
        claimed.update(range(span.start, span.end))
    return out


def _answer_start(text: str, i: int) -> int | None:
    """Where the answer to the prompt ending at ``i`` starts: after the prompt's "?", ":" or dash on
    its line, on the next line after an answer or client label, or in the client's quoted words
    within the next sentences ('Client said "chaotic, but like, fun chaotic."')."""
    same = _ANSWER_SAME_LINE.match(text, i)
    if same is not None:
        j = same.end()
        while j < len(text) and text[j] in "\"“‘'":
            j += 1
        return j
    nxt = _ANSWER_NEXT_LINE.match(text, i)
    if nxt is not None:
        label = nxt.group("label").strip().lower().rstrip(".")
        return nxt.end() if label in cues.ANSWER_LABELS or label in cues.CLIENT_LABELS else None
    said = _CLIENT_SAID_QUOTE.search(text, i, min(len(text), i + 160))
    return said.end() if said is not None and "\n" not in text[i : said.start()] else None


def _words_about_self(doc: Doc, answer: str, start: int, end: int) -> bool:
    """Is ``answer`` (text[start:end]) a few words about the self: at most eight words, an adjective or
    a noun among them, no clause with a subject of its own (but a hedge: "grand I suppose"), no verb
    outside a relative clause ("a fella who shows up"), no one else's words, not a non-answer?"""
    low = answer.lower()
    if len(answer.split()) > 8 or any(low.startswith(w) for w in cues.NON_ANSWERS):
        return False
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    table = token_table(doc)
    toks = range(span.start, span.end)
    if any(table.dep[t] in ("nsubj", "nsubjpass") and table.lower[t] not in ("i", "who") for t in toks):
        return False  # a clause of its own ("my mum thinks ..."), or someone else
    if any(
        table.lower[t] == "i" and table.lemma[table.head[t]].lower() not in cues.HEDGE_VERBS for t in toks
    ):
        return False  # "I'm stubborn" is a clause the rules read; "grand I suppose" is a hedge
    if any(
        table.pos[t] == "VERB"
        and table.lemma[t].lower() not in cues.HEDGE_VERBS
        and not any(a.dep_ == "relcl" for a in (doc[t], *doc[t].ancestors))
        for t in toks
    ):
        return False  # an act ("Going to the gym every day"), not words about the self
    return any(table.pos[t] in ("ADJ", "NOUN", "PROPN") for t in toks)


def _set_self_view(span: Span, *, voice: str, view: str, evidence: tuple[str, ...], normalized: str) -> None:
    """The values of a self-view span found outside the clause units (a self-view field or fragment,
    an embedded self-view verb): present tense, polarity from the view's own words."""
    set_span_values(
        span,
        voice=voice,
        polarity=polarity_word(text_valence(view.strip(QUOTE_CHARS + " ."))),
        evidence=evidence,
        normalized=normalized,
        temporal="present",
        kind="self_description",
    )


def _embedded_self_views(doc: Doc, found: list[Span], claimed: set[int]) -> list[Span]:
    """The client's self-views told through a gerund, participle or fragment of a reflexive
    self-view verb that no clause was made of (:func:`classify.embedded_self_views`): voice
    reported, polarity from the view's own words."""
    out: list[Span] = []
    taken = [(s.start, s.end) for s in found]
    for start, end in cl.embedded_self_views(doc, _regions(doc), taken):
        span = doc[start:end]
        _set_self_view(
            span,
            voice="reported",
            view=span_text(doc[start + 1 : end]).split("self", 1)[-1],
            evidence=("sd.self_view_fragment", "sd.self_view_embedded"),
            normalized=normalize_span(doc, span, "reported"),
        )
        out.append(span)
        claimed.update(range(start, end))
    return out


class AgencyComponent(_ClauseComponent):
    group = "agency"

    def __call__(self, doc: Doc) -> Doc:
        claimed = doc.user_data.get("narrative.claimed", set())
        # (token bounds read once: iterating a span group builds its Spans anew)
        sd_bounds = [(s.start, s.end) for s in doc.spans.get("self_descriptions", [])]
        titles = [(t.start, t.end) for t in doc.spans.get("chapter_titles", [])]
        found: list[tuple[Unit, cl.Label]] = []
        units = self._units(doc)
        for unit, blocked in zip(units, self._blocked_flags(doc, units), strict=True):
            if unit.head in claimed or blocked:
                continue
            if any(start <= unit.start and unit.end <= end for start, end in sd_bounds):
                continue
            if sd_bounds and cl.depends_on_self_description(doc, unit, sd_bounds):
                continue  # "I'm weak because I can't sleep": the self-view's reason
            if titles and _gives_a_title(doc, unit, titles):
                continue  # "I'm calling it “X”", "translated them for me": the exercise, not an act in the client's life
            label = cl.agency(doc, unit) or cl.struggle(doc, unit)
            if label is None:
                continue
            found.append((unit, label))
        found.extend(_told_someone(doc, units, found, sd_bounds, titles))
        found.sort(key=lambda p: p[0].start)
        merged = _absorb_dependent_clauses(doc, _merge_contrasts(doc, found))
        spans: list[Span] = []
        for start, end, unit, label in merged:
            if label.attrs.get("contrast_only"):
                continue  # "I struggle" alone is not a claim about agency; "I struggle, but ..." is
            span = doc[start:end]
            negated = bool(label.attrs.get("negated")) or any(
                low in ("not", "n't", "never", "no", "nobody") for low in token_table(doc).lower[start:end]
            )
            cue_ids = self._cue_ids(doc, start, end)
            temporal = cl._temporal(doc, unit, doc[unit.head], "agency")
            if label.kind == "contrast":
                temporal = label.attrs.get("temporal", temporal)
            set_span_values(
                span,
                voice=unit.voice,
                polarity=label.polarity,
                evidence=tuple(label.evidence + cue_ids),
                normalized=normalize_span(doc, span, unit.voice),
                negated=negated,
                hedged=cl._hedged(doc, start, end),
                temporal=temporal,
                cues=tuple(label.cues),
                kind=label.kind,
            )
            spans.append(span)
        doc.spans["agency"] = _dedupe(spans)
        return doc


# Auxiliaries that make telling someone a plan, a wish or a hypothesis, not a thing done
# ("would tell her mother to leave", "will tell my boss", "should tell his GP").
_NOT_DONE_AUX = frozenset(
    {"would", "'d", "’d", "will", "'ll", "’ll", "shall", "should", "might", "may", "could", "must"}
)


def _told_someone(
    doc: Doc,
    units: list[Unit],
    found: list[tuple[Unit, cl.Label]],
    sd_bounds: list[tuple[int, int]],
    titles: list[tuple[int, int]],
) -> list[tuple[Unit, cl.Label]]:
    """The client telling someone in their life what they will, won't or need to do ("she told her
    manager she would not cover any more weekend shifts", "Said she told her dad she needs Saturday
    mornings for netball", "told her boss she won't work weekends"): a disclosure or a boundary set
    outside the session, one volition span from the teller to the end of what was told.

    The clause analysis reads such a "tell" as a frame and its complement as what the client
    reported (often no claim at all: "she would not cover ..."), so the act of telling had no unit.
    Not when the complement is itself a statement (a self-description or an act found there:
    "She told her group she had been a people-pleaser"), when someone else tells ("Her GP told
    her she is doing brilliantly"), nor when the telling is negated, planned, wished or
    hypothetical ("If she were braver she would tell her mother", "wants to tell his parents").
    """
    table = token_table(doc)
    lemmas, deps, lows, kids = table.lemma, table.dep, table.lower, table.children
    heads = {u.head for u in units}
    found_heads = {u.head for u, _ in found}
    by_head = {u.head: u for u in units}
    regions = _regions(doc)
    out: list[tuple[Unit, cl.Label]] = []
    for i in range(len(doc)):
        if lemmas[i].lower() != "tell" or i in heads or table.pos[i] != "VERB":
            continue
        if deps[i] not in ("ROOT", "ccomp", "conj"):
            continue  # ("wants to tell his parents", "the day he told her", "which she told him")
        comp = next((c for c in kids[i] if deps[c] == "ccomp" and c > i), -1)  # (what was told follows)
        tok = doc[i]
        if comp < 0 or comp in found_heads or not cl._told_third_party(tok):
            continue
        if any(s < comp + 1 and comp < e for s, e in sd_bounds):
            continue  # the told clause is the client's self-description
        if any(
            lows[c] in _NOT_DONE_AUX or lows[c] in cues.HYPOTHETICAL_MARKERS for c in kids[i]
        ) or cl._negated(tok):
            continue
        if lemmas[comp].lower() == "be" or any(deps[c] == "auxpass" for c in kids[comp]):
            continue  # "told Li Wei she is “allowed to be ordinary now”": what she is, a self-view
        subj = subject_index(table, i)
        own_subject = subj >= 0
        if subj < 0 and deps[i] == "conj":
            subj = subject_index(table, table.head[i])  # "She has started X and told her manager ..."
        inner = by_head.get(comp)
        if subj >= 0:
            if not is_client_referent(doc[subj], regions[subj]):
                continue
            voice = "quoted" if regions[subj] == v.CLIENT else _teller_voice(doc, i)
        elif (
            regions[i] == v.NARRATION
            and (told := subject_index(table, comp)) >= 0
            and is_client_referent(doc[told], regions[told])
        ):
            voice = "clinician"  # "told her boss she won't work weekends": a note fragment
        else:
            continue
        start = subj if own_subject and subj < i else i  # (a shared subject stays with the first verb)
        lo, hi = sentence_of(doc, i)
        end = min(max(inner.end if inner is not None else 0, span_tokens(doc, tok, left_limit=lo)[1]), hi)
        start, end = trim(doc, max(start, lo), end)
        if end <= start:
            continue
        unit = Unit(head=i, subj=subj, start=start, end=end, voice=voice, self_subject=True)
        if inner is not None and (inner.question or inner.hypothetical):
            continue
        if _ClauseComponent._blocked(doc, unit, titles):
            continue
        out.append((unit, cl.Label("agency", "agentic", "volition", ["ag.told_someone"], [table.text[i]])))
    return out


def _teller_voice(doc: Doc, i: int) -> str:
    """The voice of a telling: reported when the client reports it ("She said she told her mum
    ..."), else the clinician's record of it ("She told her mum ...")."""
    head = doc[i].head
    return "reported" if head.i != i and head.lemma_.lower() in cues.REPORTING_VERBS else "clinician"


def _gives_a_title(doc: Doc, unit: Unit, titles: list[tuple[int, int]]) -> bool:
    """Does the clause hold a chapter title, or end right before one (a quote mark or a colon
    between): the act of giving or handling the title ("I'm calling the one I'm in now “X”",
    "she tried it out loud – “X”")? A title that is itself a first-person clause ("The Year I
    Learned to Cook") is only a title."""
    for start, end in titles:
        if unit.start < end and start < unit.end:
            return True
        if 0 <= start - unit.end <= 3 and all(t.is_punct for t in doc[unit.end : start]):
            return True
    return False


def _mixed_contrast(first: cl.Label, second: cl.Label, marker: str) -> cl.Label:
    """One mixed agency span over two clauses joined by a contrast ``marker`` ("but", "though"...):
    both labels' evidence and cues, the marker between them."""
    return cl.Label(
        "agency",
        "mixed",
        "contrast",
        first.evidence + second.evidence + [f"ag.contrast_{marker}"],
        first.cues + [marker] + second.cues,
    )


def _merge_contrasts(doc: Doc, found: list[tuple[Unit, cl.Label]]) -> list[tuple[int, int, Unit, cl.Label]]:
    """Join "X but Y" agency clauses of one sentence with opposite weight into one mixed span."""
    out: list[tuple[int, int, Unit, cl.Label]] = []
    i = 0
    while i < len(found):
        unit, label = found[i]
        if i + 1 < len(found):
            nxt, nlabel = found[i + 1]
            same_sent = (
                # (a reported clause and the client's quoted words after it: "she wanted to go "but my
                # legs wouldn't get out of the car."")
                (nxt.voice == unit.voice or {nxt.voice, unit.voice} == {"reported", "quoted"})
                and (
                    sentence_of(doc, unit.head) == sentence_of(doc, nxt.head)
                    # "The pain wanted me on the couch but I still did my walks": a sentence break the
                    # parser put before "but", with no full stop or line break between the clauses
                    or unit.end <= nxt.start
                    and not any(
                        t.text in (".", "!", "?") or "\n" in t.text for t in doc[unit.end : nxt.start]
                    )
                )
            )
            marker = cl.contrast_marker(doc, unit.end, nxt.start) if same_sent else None
            conative = doc[unit.head].lemma_ in cues.CONATIVE_VERBS
            # two clauses of one weight joined by a bare "but" ("I went to cut but I rang Aoife
            # instead", "I couldn't get on the bus, but I didn't run home either"): the contrast is
            # the point, one mixed span; not across a clause between them ("..., it take two hour, but I go")
            adjacent_but = marker == "but" and _only_between(doc, unit, nxt, ("but",), quotes=False)
            if marker and (label.polarity != nlabel.polarity or conative or adjacent_but):
                words = " ".join(t.lower_ for t in doc[unit.start : nxt.end])
                temporal = (
                    "contrast"
                    if any(w in words for w in ("this week", " now", "today", "for a month", "for weeks"))
                    else None
                )
                mixed = _mixed_contrast(label, nlabel, marker)
                if temporal:
                    mixed.attrs["temporal"] = temporal
                out.append((unit.start, nxt.end, unit, mixed))
                i += 2
                continue
            if same_sent and label.polarity == nlabel.polarity and _shared_subject_join(doc, unit, nxt):
                # "[she walked the dog every morning and called her sister on Sunday]": shared-subject
                # coordination of one weight is one span (guidelines, span boundaries)
                joined = cl.Label(
                    label.type,
                    label.polarity,
                    label.kind,
                    label.evidence + [e for e in nlabel.evidence if e not in label.evidence],
                    label.cues + [c for c in nlabel.cues if c not in label.cues],
                )
                joined.attrs.update(label.attrs)
                out.append((unit.start, nxt.end, unit, joined))
                i += 2
                continue
            if same_sent and _reason_join(doc, unit, nxt):
                # "I take the depot because I choose to", "she couldn't go because her anxiety wouldn't
                # let her": the reason belongs to the act; one span, with the act's weight
                reason = cl.Label(
                    label.type,
                    label.polarity,
                    label.kind,
                    label.evidence + nlabel.evidence + ["ag.reason"],
                    label.cues + nlabel.cues,
                )
                reason.attrs.update(label.attrs)
                out.append((unit.start, nxt.end, unit, reason))
                i += 2
                continue
        stopper = _thwarting_clause(doc, unit, label)
        if stopper is not None:
            marker = cl.contrast_marker(doc, unit.end, stopper.start) or "but"
            mixed = cl.Label(
                "agency",
                "mixed",
                "contrast",
                label.evidence + [f"ag.contrast_{marker}", "ag.thwarted"],
                label.cues + [marker],
            )
            out.append((unit.start, stopper.end, unit, mixed))
            i += 1
            continue
        out.append((unit.start, unit.end, unit, label))
        i += 1
    return out


def _absorb_dependent_clauses(
    doc: Doc, merged: list[tuple[int, int, Unit, cl.Label]]
) -> list[tuple[int, int, Unit, cl.Label]]:
    """Fold an agency span into the one before it when its clause depends on that span's clause
    (:func:`classify.dependent_clause_join`): an adverbial adjunct keeps the act's weight ("she ate
    lunch with the team even though she "wanted to hide""); a coordinated clause after a contrast
    word makes one mixed span ("she poured a glass Friday "but then I tipped it down the sink""); a
    verb coordinated without a subject joins a span of its own weight."""
    out: list[tuple[int, int, Unit, cl.Label]] = []
    for start, end, unit, label in merged:
        if out and not label.attrs.get("contrast_only") and not out[-1][3].attrs.get("contrast_only"):
            p_start, p_end, p_unit, p_label = out[-1]
            join = cl.dependent_clause_join(doc, p_unit, p_start, p_end, unit)
            if join == "conjunct" and label.polarity != p_label.polarity:
                join = None  # ("she cleaned the kitchen and was told off by her dad for it": two claims)
            if join in ("adjunct", "conjunct"):
                joined = replace(p_label, evidence=[*p_label.evidence, "ag.dependent_clause"])
            elif join is not None:
                marker = cl.contrast_marker(doc, p_end, start) or "but"
                joined = _mixed_contrast(p_label, label, marker)
            if join is not None:
                out[-1] = (p_start, max(p_end, end), p_unit, joined)
                continue
        out.append((start, end, unit, label))
    return out


def _shared_subject_join(doc: Doc, unit: Unit, nxt: Unit) -> bool:
    """Is ``nxt`` a conjunct of ``unit``'s verb without a subject of its own, right after it (only
    punctuation, quote marks, "and" or "then" between them)?"""
    table = token_table(doc)
    h = nxt.head
    if table.dep[h] != "conj" or table.head[h] != unit.head or subject_index(table, h) >= 0:
        return False
    if any(table.text[j] == ";" for j in range(unit.end, nxt.start)):
        # "Resumed lectures at UNILAG; submitted two assignments": a note's fragments, two clauses
        return False
    return _only_between(doc, unit, nxt, ("and", "then", "&"))


def _reason_join(doc: Doc, unit: Unit, nxt: Unit) -> bool:
    """Does ``nxt`` give the reason for ``unit``'s act, right after it: only punctuation, quote
    marks and "because" ("cos", "'cause") between them?"""
    between = doc[unit.end : nxt.start]
    return any(t.lower_ in cues.REASON_MARKERS for t in between) and _only_between(
        doc, unit, nxt, cues.REASON_MARKERS
    )


def _only_between(doc: Doc, unit: Unit, nxt: Unit, words: Collection[str], *, quotes: bool = True) -> bool:
    """Does nothing but punctuation, ``words`` and (with ``quotes``) quote marks stand between two
    clauses?"""
    return all(t.is_punct or quotes and t.is_quote or t.lower_ in words for t in doc[unit.end : nxt.start])


def _thwarting_clause(doc: Doc, unit: Unit, label: cl.Label) -> Unit | None:
    """The clause that stops a client's attempt or wish in "I wanted to go but my legs wouldn't
    have it", "I tried to speak but my throat closed up", "wanted to go to the NA meeting but his
    mate turned up with gear": after a contrast word, in the same sentence and voice, with a
    subject that is not the client. The guidelines' "[I wanted to go to the party but the panic
    stopped me at the door]" is one mixed span."""
    if label.polarity != "agentic" or doc[unit.head].lemma_ not in cues.CONATIVE_VERBS:
        return None
    sent = sentence_of(doc, unit.head)
    following = [
        u for u in (doc._.narrative_units or []) if u.start >= unit.end and sentence_of(doc, u.head) == sent
    ]
    for other in sorted(following, key=lambda u: u.start):
        if cl.contrast_marker(doc, unit.end, other.start) is None:
            return None  # the next clause is not the contrast ("wanted to go and asked ...")
        if other.voice == unit.voice and other.subj >= 0 and not other.self_subject:
            return other
        return None
    return None


def _dedupe(spans: list[Span]) -> list[Span]:
    seen: set[tuple[int, int]] = set()
    out = []
    for s in sorted(spans, key=lambda s: (s.start, -len(s))):
        if (s.start, s.end) in seen:
            continue
        if out and s.start >= out[-1].start and s.end <= out[-1].end:
            continue
        seen.add((s.start, s.end))
        out.append(s)
    return out


class IndicatorComponent:
    def __init__(self, nlp: Language, name: str, *, lang: str) -> None:
        register_extensions()
        self.name = name
        self.rules = load_indicator_rules(lang)

    def __call__(self, doc: Doc) -> Doc:
        text = doc_text(doc)
        matches = find_indicators(text, self.rules)
        # "Coping:" of each "Coping: progress, three walks" line
        labels = [(m.start, m.label_end) for m in matches if m.label_end is not None]
        # Before the indicator values are set: a clause span over a whole rating line has the
        # indicator's offsets, and span values are stored by offsets.
        if labels:
            for group in ("agency", "self_descriptions"):
                if group in doc.spans:
                    doc.spans[group] = _without_rating_labels(doc, text, list(doc.spans[group]), labels)
        # Span values are stored by offsets: an indicator over exactly the offsets of another
        # statement (a continuation line "Enrolled on a course starting Sept." that is also an
        # agency span) would overwrite that statement's values.
        taken = {
            (sp.start_char, sp.end_char)
            for group in ("agency", "self_descriptions", "chapter_titles", "reflections")
            for sp in doc.spans.get(group, [])
        }
        spans = []
        for m in matches:
            span = doc.char_span(m.start, m.end, label="indicator", alignment_mode="expand")
            if span is not None and (span.start_char, span.end_char) in taken:
                span = _off_taken_offsets(doc, span, taken)
            if span is None:
                continue
            set_span_values(
                span,
                voice="clinician",
                polarity=m.polarity,
                evidence=tuple(r for r in m.rules if r),
                normalized=span_text(span),
                domain=m.domain,
                progress=m.progress,
                kind="indicator",
            )
            spans.append(span)
        doc.spans["indicators"] = spans
        return doc


def _off_taken_offsets(doc: Doc, span: Span, taken: set[tuple[int, int]]) -> Span | None:
    """The indicator ``span`` without its closing punctuation and quote marks, so that its offsets
    differ from another statement's (``taken``); None when nothing of it is left to tell apart
    (the line is then reported as that other statement only)."""
    end = span.end
    while end > span.start + 1 and (doc[end - 1].is_punct or doc[end - 1].is_quote):
        end -= 1
    if end == span.end:
        # a final token that carries its own full stop ("Sept."): the words before it
        end -= 1
    if end <= span.start or not any(t.is_alpha for t in doc[span.start : end]):
        return None
    trimmed = Span(doc, span.start, end, label=span.label)
    return None if (trimmed.start_char, trimmed.end_char) in taken else trimmed


# Status words and arrows that follow an indicator's domain label ("Coping: progress, ...").
_RATING_PREFIX = re.compile(
    r"(?i)(?:[\s|:;,.()—–-]|[↑↓→↔⬆⬇⇒]|\b(?:progress|no[ _-]?change|unchanged|same|stable|setback|improved|worse"
    r"|(?:very|marked|some|slight|significant|mild|broadly|mixed|partial)(?=\s+(?:progress|improvement|positive|negative|setback)\b)"
    r"|positive|negative|mixed|improvement)\b)*"
)


def _without_rating_labels(
    doc: Doc, text: str, spans: list[Span], labels: list[tuple[int, int]]
) -> list[Span]:
    """Clause spans with an indicator's rating prefix cut off.

    A clause that runs through a domain label is the clinician's rating line read
    as a sentence: "Coping: progress, three walks" keeps "three walks", and
    "Coping: progress" (nothing but the rating) is dropped.
    """
    # (label start, content start): where each label's "Domain: status" prefix ends
    prefixes = [(a, _RATING_PREFIX.match(text, b).end()) for a, b in labels]
    out = []
    for span in spans:
        # a span over the label, or one starting inside the rating after it ("progress, invited ...")
        content = next((c for a, c in prefixes if span.start_char < c and span.end_char > a), None)
        if content is None:
            out.append(span)
            continue
        trimmed = doc.char_span(content, span.end_char, label=span.label_, alignment_mode="contract")
        if trimmed is None or not any(t.is_alpha for t in trimmed):
            continue
        values = {name: getattr(span._, name) for name in SPAN_EXTENSIONS}
        removed = text[span.start_char : trimmed.start_char]
        normalized = values.get("normalized")
        if isinstance(normalized, str) and normalized.startswith(removed):
            values["normalized"] = normalized[len(removed) :]
        else:
            values["normalized"] = trimmed.text
        set_span_values(trimmed, **values)
        out.append(trimmed)
    return out


@Language.factory(
    "narrative_voice_v1",
    assigns=["doc._.narrative_units", "doc.spans"],
    requires=["token.dep", "token.pos", "token.lemma", "token.is_sent_start"],
    default_config={"lang": "en"},
)
def make_voice(nlp: Language, name: str, lang: str) -> VoiceComponent:
    return VoiceComponent(nlp, name, lang=lang)


@Language.factory(
    "narrative_chapter_titles_v1",
    assigns=["doc.spans"],
    requires=["token.is_sent_start"],
    default_config={"lang": "en", "reflections": True},
)
def make_chapter_titles(nlp: Language, name: str, lang: str, reflections: bool) -> ChapterTitleComponent:
    return ChapterTitleComponent(nlp, name, lang=lang, reflections=reflections)


@Language.factory(
    "narrative_self_descriptions_v1",
    assigns=["doc.spans"],
    requires=["doc._.narrative_units", "token.dep", "token.lemma"],
    default_config={"lang": "en", "patterns": "self_descriptions"},
)
def make_self_descriptions(nlp: Language, name: str, lang: str, patterns: str) -> SelfDescriptionComponent:
    return SelfDescriptionComponent(nlp, name, lang=lang, patterns=patterns)


@Language.factory(
    "narrative_agency_v1",
    assigns=["doc.spans"],
    requires=["doc._.narrative_units", "token.dep", "token.lemma"],
    default_config={"lang": "en", "patterns": "agency"},
)
def make_agency(nlp: Language, name: str, lang: str, patterns: str) -> AgencyComponent:
    return AgencyComponent(nlp, name, lang=lang, patterns=patterns)


@Language.factory(
    "narrative_indicators_v1",
    assigns=["doc.spans"],  # also drops agency/self-description spans that run through a domain label
    requires=[],
    default_config={"lang": "en"},
)
def make_indicators(nlp: Language, name: str, lang: str) -> IndicatorComponent:
    return IndicatorComponent(nlp, name, lang=lang)
