"""Voice: whose words is each part of a note?

Finds quotations (straight, curly, single, double, guillemets), transcript turns
("Client:", "C:", "T:") and client-authored blocks ("Email from client:"), and
decides who speaks in each: the client, the therapist, another person, or nobody
(a title of a book or song). The result is a per-token region code that the clause
analysis (:mod:`narrative.extract.clauses`) reads.
"""

from __future__ import annotations

import bisect
import contextlib
import contextvars
import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from spacy.tokens import Doc

from ..lang.en import cues
from .data import may_hold
from .indicators import domain_alternation
from .prefilter import finditer_at_words, required_words, search_at_words, start_strings

# Region codes per token.
NARRATION = 0  # the clinician's own text
CLIENT = 1  # the client's words (quotation, client turn, client e-mail)
THERAPIST = 2  # the therapist's words
OTHER = 3  # another person's words
WORK_TITLE = 4  # a book / song / film title (or chapter title) in quote marks

QUOTE_PAIRS = {'"': '"', "“": "”", "„": "“", "«": "»", "‹": "›", "‘": "’", "'": "'", "``": "''", "”": "”"}
_DOUBLE_RE = re.compile(
    r'"([^"\n]{1,800})"|“([^”\n]{1,800})”|„([^“”\n]{1,800})[“”]|«\s?([^»\n]{1,800}?)\s?»|‹([^›\n]{1,400})›'
)
# Single quotes: the opening mark follows a non-word character, the closing one is
# not an apostrophe inside a word ("don't", "kids' school" at a word end is allowed). (The mark
# comes first and the no-word-before test after it, so the search skips to quote marks.)
_SINGLE_RE = re.compile(r"['‘](?<!\w['‘])(?=[^\s'’])([^\n]{1,400}?[^\s‘])['’](?![\w])")
# a transcript turn: "Client: ...", "C> ..." (chat), after an optional timestamp ("21:04 Client: ...")
_TURN_RE = re.compile(
    # (a time or a bracketed log stamp before the label: "10:42 C:", "[Chat, 21:15] Client:")
    r"(?m)^[ \t]*(?:[-•*]\s*)?(?:\[[^\]\n]{1,30}\][ \t]*|\[?\d{1,2}[:.]\d{2}(?:\s*[ap]m)?\]?\s+)?"
    # (the label may end in a parenthesis: "Client (via interpreter):", "Client's reply (her words):")
    # (a hyphen only before a digit: a participant code such as "TM-02:", not "Follow-up:")
    r"([A-Za-z](?:[\w.'’ ]|-(?=\d)){0,20}?(?:[ \t]*\([^()\n]{1,30}\))?)\s*(?::|>(?!>))\s*(?=\S)(.*)$"
)
# a chat export's turn with its role in brackets and no colon: "[client] hi sorry late reply"
# (only role labels count: not "[progress]", "[x]")
_BRACKET_TURN_RE = re.compile(r"(?m)^[ \t]*\[([A-Za-z][\w ]{0,20})\][ \t]+(?=\S)(.*)$")
# a speaker's label right after a section label on the same line ("D: Pt: ...", "S: Client: ...")
_NESTED_TURN_RE = re.compile(r"(?m)([A-Za-z][A-Za-z.]{0,11})\s*:\s*(?=\S)(.*)$")
# A block the client wrote, pasted into the note after a header naming it: "E-mail from client
# pasted into record (18/02), sent ahead of session 9:", "Client email (rec'd Sunday), copied to
# chart:", "Portal message from client:", "SMS from pt, 07:12 Tue (added to notes):"; or one saying the
# client wrote it ("Life-chapters exercise, completed by the client at home (typed as written):").
_CLIENT_DOC = (
    r"(?:e-?mails?|letter|messages?|msgs?|texts?|sms|note|card|entry|journal\s+entry|"
    r"written\s+reflection|reflection|portal\s+message|whatsapp(?:\s+msg|\s+message)?|courriel)"
)
# who a client document comes "from" / who wrote it ("Email from the client:", "written up by the participant")
_SENDER_ROLES = (
    "client",
    "cliente",
    "pt",
    "patient",
    "veteran",
    "student",
    "caller",
    "member",
    "service user",
    "young person",
    "pupil",
)
_WRITER_ROLES = (*_SENDER_ROLES, "participant")
# who a client's message is addressed to ("secure message to the psychologist")
_CLINICIAN_ADDRESSEES = (
    "psychologist",
    "counsellor",
    "counselor",
    "therapist",
    "clinician",
    "psychiatrist",
    "keyworker",
    "key worker",
    "care coordinator",
)
# every block match holds one of these words: the cheap pre-check before the regex scan
_CLIENT_BLOCK_HINTS = tuple(
    dict.fromkeys(role.split()[-1] for role in (*_SENDER_ROLES, *_WRITER_ROLES, *_CLINICIAN_ADDRESSEES))
)


def _alternation(roles: tuple[str, ...]) -> str:
    return "|".join(role.replace(" ", r"\s+") for role in roles)


# ("(?<!\w)": what the leading "\b" before a word asks, tested first as it fails fast inside words)
_CLIENT_BLOCK_RE = re.compile(
    # ("Text to school nurse from pupil", "Email from international student": a short phrase between)
    r"(?i)(?<!\w)(?:\b" + _CLIENT_DOC + r"(?:\s+to(?:\s+[\w-]+){1,3}?)?\s+(?:from|by|written\s+by|du|de\s+la)"
    r"\s+(?:the\s+|an?\s+)?(?:(?:international|new|former|young|adult|mature|year\s+\d+)\s+)?"
    r"(?:" + _alternation(_SENDER_ROLES) + r")\b"
    r"|\b(?:client|pt|patient)(?:['’]s)?\s+(?:(?:own|typed|handwritten|written)\s+)?"
    r"(?:" + _CLIENT_DOC + r"|answers|responses|list)\b"
    # "MyChart message, patient to BH clinician, Tue 11:52 PM:", "EAP secure message (client → counsellor):"
    r"|\b"
    + _CLIENT_DOC
    + r"[\s,(]+(?:from\s+)?(?:the\s+)?(?:"
    + _alternation(_SENDER_ROLES)
    + r")\s*(?:to|→|->)\s"
    # "HotDoc secure message to the MHCP psychologist, forwarded to chart:" (a message, not a letter or
    # e-mail, which the clinician writes to a colleague; not "... from the GP")
    r"|\b(?:messages?|msgs?|texts?|sms|whatsapp(?:\s+msg|\s+message)?)"
    r"\s+to\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:[\w-]+\s+){0,2}?"
    r"(?:" + _alternation(_CLINICIAN_ADDRESSEES) + r")\b(?![^:\n]*\bfrom\b)"
    # "Message via patient portal (Talking Therapies), received 07:12, copied to record:"
    r"|\b" + _CLIENT_DOC + r"\s+(?:via|through|on)\s+(?:the\s+)?(?:patient|client)\s+(?:portal|app)\b"
    # "Tree of Life, written up by the participant herself (...):", "Exercise completed by the client at home:"
    r"|\b(?:written|completed|typed|filled\s+in|drawn)(?:\s+up)?\s+(?:[\w-]+\s+){0,3}?by\s+(?:the\s+|a\s+)?"
    r"(?:" + _alternation(_WRITER_ROLES) + r")(?:\s+(?:herself|himself|themselves))?\b)"
    r"(?:[^:\n]|(?<=\d):(?=\d)){0,160}:\s*(?=\S)"  # a time in the header ("rec'd 21:47 Sat") is no colon
)
# the words every block match starts with: the pattern is tried only where one occurs (a scan tries it
# at every word start; ~45 us per note)
_CLIENT_BLOCK_STARTS = start_strings(_CLIENT_BLOCK_RE)


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: character offsets of its content (marks excluded) and its speaker."""

    start: int
    end: int
    open_char: int  # offset of the opening mark
    close_char: int  # offset of the closing mark
    speaker: int  # region code


# Dictated quotation marks: "he says quote I'm an addict unquote", "quote, a good enough mum, end quote".
_DICTATED_RE = re.compile(
    r"(?i)\bquote\b[,:]?\s+((?:(?!\bquote\b)[^\n]){1,400}?)[\s,]+(?:unquote|end\s+(?:of\s+)?quote)\b"
)
_DICTATED_HINTS = ("unquote", "end quote", "end of quote")  # every closing a match needs holds one


def find_quotes(text: str) -> list[tuple[int, int]]:
    """Character (start, end) of every quotation's content, outermost first, no overlaps.

    Quotation marks are typed ones, or dictated words ("quote ... unquote", "quote ... end quote").
    """
    spans: list[tuple[int, int]] = []
    for m in _DOUBLE_RE.finditer(text):
        for g in range(1, 6):
            if m.group(g) is not None:
                spans.append((m.start(g), m.end(g)))
                break
    taken = [(s - 1, e + 1) for s, e in spans]
    for m in _SINGLE_RE.finditer(text):
        s, e = m.start(1), m.end(1)
        if any(a <= s - 1 and e + 1 <= b for a, b in taken):
            # single quotes nested inside a double quotation: keep as an inner title
            spans.append((s, e))
            continue
        if any(not (e + 1 <= a or b <= s - 1) for a, b in taken):
            continue
        spans.append((s, e))
    if may_hold(text, _DICTATED_HINTS):
        for m in _DICTATED_RE.finditer(text):
            s, e = m.start(1), m.end(1)
            if not any(a < e and s < b for a, b in spans):
                spans.append((s, e))
    spans.sort()
    return spans


def _token_range(doc: Doc, start: int, end: int) -> tuple[int, int] | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return None
    return span.start, span.end


# A letter written to the client ("Dear Jonah," / "Hi Sam," / "Hey Sam," / "Kia ora Mere," / "Tēnā koe
# Aroha,"): there "you" is the client. A title
# after the greeting ("Dear Dr Patel", "Dear Colleague") is a letter to someone else.
_LETTER_RE = re.compile(
    r"^\s*(?:[Dd]ear(?:est)?|[Hh]i(?:ya)?|[Hh]ello|[Hh]ey|[Kk]ia\s+[Oo]ra|[Tt][eē]n[aā]\s+[Kk]oe)"
    r"\s+([A-Z][\w'’-]*)\.?(?:\s+[A-Z][\w'’-]*)?\s*[,:\n]"
)
# ... or one headed as such ("Letter to client after session 5: ...", "Termination letter to client").
_LETTER_HEADER_RE = re.compile(
    r"(?i)^\s*(?:[\w-]+\s+){0,2}?letter\s+to\s+(?:the\s+)?(?:client|patient|service user|young person)\b"
)
# ... or a greeting on the line after a one-line header that names a letter without naming its
# writer or another addressee ("Closing letter (psychology service).\nDear Farah," / "End-of-therapy
# letter, copy to GP.\nDear Jess,"); not "Letter written by the client ...", "Letter to my future
# self", "Letter to GP ...", "Letter to the Osei family ..." (several readers); a copy is not
# an addressee ("copy to GP").
_HEADED_LETTER_RE = re.compile(r"^[^\n]*\bletter\b[^\n]*\n", re.IGNORECASE)
_HEADER_NOT_TO_CLIENT_RE = re.compile(
    r"(?i)\b(?:from|by|self|myself|herself|himself|themselves|(?<!copy )(?<!copied )to\s+(?!(?:the\s+)?"
    r"(?:client|patient|service user|young person)\b))"
)
_LETTER_TITLES = frozenset(
    {
        "dr",
        "doctor",
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "prof",
        "professor",
        "colleague",
        "colleagues",
        "sir",
        "madam",
        "team",
        "gp",
        "all",
    }
)


# A letter to the problem itself ("Dear Depression,", "Dear OCD"), a narrative-therapy exercise:
# there "you" is the problem, an agent acting on the writer.
_SYMPTOM_LETTER_RE = re.compile(
    r"(?m)^[ \t]*[Dd]ear\s+(?:[Tt]he\s+|[Mm]y\s+)?([A-Za-z][\w'’-]*)[ \t]*[,:!\n]"
)


def addressed_to_symptom(doc: Doc) -> bool:
    """Is ``doc`` (or the client's letter in it) written to a symptom: "Dear Depression, You've had me
    for nine years", so that "you" is the symptom?"""
    key = "narrative.letter_to_symptom"
    found = doc.user_data.get(key)
    if found is None:
        doc_text = _clauses.doc_text

        m = _SYMPTOM_LETTER_RE.search(doc_text(doc)[:400])
        found = m is not None and m.group(1).lower() in cues.SYMPTOM_AGENTS
        doc.user_data[key] = found
    return found


def addressed_to_client(doc: Doc) -> bool:
    """Is ``doc`` a letter to the client ("Dear Jonah, ..."), so that "you" is the client?"""
    key = "narrative.letter_to_client"
    found = doc.user_data.get(key)
    if found is None:
        doc_text = _clauses.doc_text

        text = doc_text(doc)[:300]
        m = _LETTER_RE.match(text)
        if m is None:
            header = _HEADED_LETTER_RE.match(text)
            if header and not _HEADER_NOT_TO_CLIENT_RE.search(header.group()):
                m = _LETTER_RE.match(text[header.end() :])
        found = (
            bool(m)
            and m.group(1).lower() not in _LETTER_TITLES
            and m.group(1).lower() not in cues.SYMPTOM_AGENTS  # ("Dear Depression,": a letter to the problem)
            or bool(_LETTER_HEADER_RE.match(text))
        )
        doc.user_data[key] = found
    return found


def _label_index(doc: Doc, ts: int) -> int:
    """The token of the speaker label right before a quotation starting at token ``ts`` ("Mum:
    "..."" -> "Mum"), or -1."""
    token_table = _clauses.token_table

    table = token_table(doc)
    i = ts - 1
    while i >= 0 and (table.space[i] or table.text[i] in QUOTE_PAIRS or table.quote[i]):
        i -= 1
    return i - 1 if i >= 1 and table.text[i] == ":" else -1


def _labelled_by(doc: Doc, ts: int) -> str:
    """The speaker label right before a quotation starting at token ``ts`` ("Mum: "..."" -> "mum"), or ""."""
    token_table = _clauses.token_table

    i = _label_index(doc, ts)
    return token_table(doc).lower[i].rstrip(".") if i >= 0 else ""


def _other_named_label(doc: Doc, label: str) -> bool:
    """Is the speaker label ``label`` (lower case) the name of someone other than the client, in a
    note that names the client by role ("IP: Daniel. Partner: Lerato." ... "Lerato: "I'm the one
    who carries this house.""), named elsewhere in the note too?"""
    if len(label) < 3 or not label.isalpha() or label in cues.CLIENT_LABELS or label in cues.THERAPIST_LABELS:
        return False
    names = client_names(doc)
    if not names or label in {n.lower() for n in names}:
        return False
    doc_text = _clauses.doc_text

    return len(re.findall(rf"\b{re.escape(label.capitalize())}\b", doc_text(doc))) >= 2


def _quote_speaker(doc: Doc, ts: int, te: int, listed: dict[int, int] | None = None) -> int:
    """Who speaks a quotation spanning tokens [ts, te). ``listed`` maps the tokens of the note's
    other quotations to their speaker (-1 while not yet decided): see :func:`_listed_quote_speaker`."""
    token_table = _clauses.token_table

    table = token_table(doc)
    punct, lower = table.punct, table.lower
    before = [j for j in range(max(0, ts - 5), ts) if not punct[j]][-3:]
    before_words = {lower[j] for j in before} | {table.lemma[j].lower() for j in before}
    n_words = punct[ts:te].count(False)
    # book / song / film titles: "listening to 'X'", "a book called 'X'" (not past a sentence end or a
    # conjunction: 'when Mere called. "The Coat's won ..."', 'she called because "part of me ..."';
    # not a quotation of two sentences: '"A fella who's trying. A fella who shows up."')
    several = _several_sentences(table, ts, te)
    if (
        before_words & cues.WORK_TITLE_CUES
        and n_words <= 8
        and not several
        and _cue_reaches(table, before, ts)
    ):
        inner = doc[ts:te]
        title_case = sum(1 for t in inner if t.is_title or not t.is_alpha or t.is_stop) == len(inner)
        if title_case or "called" in before_words or "titled" in before_words:
            return WORK_TITLE
    # a speaker label right before the quotation: "Mum: "I'm a terrible mother."" (family sessions)
    label = _labelled_by(doc, ts)
    if (label in cues.OTHER_LABELS and not (label in _MOTHER_WORDS and mother_is_client(doc))) or (
        _other_named_label(doc, label)
        # (a subjectless speech frame is no name: 'Said: "I'm an alcoholic ..."' in a note that
        # names the client, with "Said" twice)
        and table.lemma[_label_index(doc, ts)].lower() not in cues.REPORTING_VERBS
    ):
        return OTHER
    # chapter prompt: "called the chapter 'X'", "chapter: 'X'"
    lo = max(0, ts - 6)
    for j in range(ts - 1, lo - 1, -1):
        if table.text[j] in (".", "!", "?", "”") and j < ts - 2:
            # (not a word of the sentence before: '... “in the Rock Bottom chapter.” R.M.: “I was ...”')
            lo = j + 1
            break
    if n_words <= 10 and not several and not _CHAPTER_WORDS.isdisjoint(lower[lo:ts]):
        return WORK_TITLE
    # the speech frame: a verb outside the quotation governing a token inside it
    # (token indices into the table: ``dep[f]`` is ``doc[f].dep_``, ``head[f]`` ``doc[f].head.i``)
    dep, head = table.dep, table.head
    for j in range(ts, te):
        h = head[j]
        if h < ts or h >= te:
            if listed and h in listed and _list_between(doc, listed, h, ts, te):
                other = listed[h]
                if other < 0:
                    continue  # (hung on a later quotation of the list: decided by default)
                return other
            f = h
            while dep[f] in ("xcomp", "conj") and head[f] != f and _subject_index(table, f) < 0:
                f = head[f]
            s = _subject_index(table, f)
            if s >= 0 and _thing_is_quote_at(table, f, s):
                # "the biggest difference is that "I can ..."": the quotation is what a thing is,
                # said by whoever says it ("She said the biggest difference is ...")
                f = head[f] if dep[f] == "ccomp" else f
                s = _subject_index(table, f) if table.lemma[f].lower() in cues.REPORTING_VERBS else -1
            if s < 0:
                break
            frame, subj = doc[f], doc[s]
            if _domain_label(subj):
                break  # "Self-perception – no change: still says “...”": the label is no speaker
            if _label_read_as_subject(subj, frame):
                break  # "Post-meal: said “...”": a section label before a subjectless fragment
            if _fragment_verb_read_as_subject(subj):
                break  # "Prefers “X” to “Y”; says “...”": a note fragment's verb parsed as the subject
            if _own_record_reads(frame, subj):
                return CLIENT  # "his diary entry from Tuesday reads: “Worked a full shift ...”"
            return _speaker_at(doc, s)
    if n_words > 0:
        return CLIENT
    return CLIENT if not _FIRST_PERSON_WORDS.isdisjoint(lower[ts:te]) else NARRATION


_CHAPTER_WORDS = frozenset({"chapter", "title", "titled"})
_SENTENCE_ENDS = frozenset({".", "!", "?"})


def _several_sentences(table, ts: int, te: int) -> bool:  # noqa: ANN001 - a clauses.TokenTable
    """Does the quotation [ts, te) hold a sentence end followed by a capitalised word ("A fella
    who's trying. A fella who shows up.")? A title holds one sentence at most."""
    text = table.text
    return any(
        text[j] in _SENTENCE_ENDS and j + 1 < te and text[j + 1][:1].isupper() for j in range(ts, te - 1)
    )


def _cue_reaches(table, before: list[int], ts: int) -> bool:  # noqa: ANN001 - a clauses.TokenTable
    """Does the last title cue before a quotation reach it, with no sentence end and no conjunction
    between ("a song called 'X'"; not "Mere called. 'X'", "she called because 'X'")?"""
    cue = max(
        (
            j
            for j in before
            if table.lower[j] in cues.WORK_TITLE_CUES or table.lemma[j].lower() in cues.WORK_TITLE_CUES
        ),
        default=-1,
    )
    return cue >= 0 and not any(
        table.text[j] in _SENTENCE_ENDS or table.pos[j] in ("SCONJ", "CCONJ") for j in range(cue + 1, ts)
    )


_FIRST_PERSON_WORDS = frozenset({"i", "me", "my", "myself", "i'm"})


def _own_record_reads(frame, subj) -> bool:  # noqa: ANN001 - spaCy Tokens
    """ "(his) diary entry from Tuesday reads: “...”", "her journal says “...”": the client's own
    record quoted (not "her mum's diary says", "a card from her mother says")."""
    return (
        frame.lemma_.lower() in ("read", "say")
        and subj.lemma_.lower() in cues.OWN_RECORD_NOUNS
        and not any(c.dep_ == "poss" and c.lower_ not in ("his", "her", "their", "my") for c in subj.children)
        and not any(c.dep_ == "prep" and c.lower_ == "by" for c in subj.children)
    )


_LIST_JOINERS = frozenset({",", "and", "or", "&", ";", "/"})


def _list_between(doc: Doc, listed: dict[int, int], h: int, ts: int, te: int) -> bool:
    """Is the quotation [ts, te), which the parser hangs on token ``h`` of another quotation, one of
    a list of them (said "I'm not safe tonight" and "I'm just a burden"; wrote: "I'm loyal", "I'm
    funny")? Then it has the speaker of the quotation before it. Only list words and quote marks
    stand between the two (not 'when I said “your illness”: “I'm a person with ...”')."""
    token_table = _clauses.token_table

    table = token_table(doc)
    lo, hi = (h + 1, ts) if h < ts else (te, h)
    return all(
        k in listed or table.lower[k] in _LIST_JOINERS or table.quote[k] or table.space[k]
        for k in range(lo, hi)
    )


_TIME_STAMP_RE = re.compile(r"\d{1,2}[:.]\d{2}(?:\s*[ap]m)?|\d{4}(?:h|hrs)?")


def _label_read_as_subject(subj, frame) -> bool:  # noqa: ANN001 - spaCy Tokens
    """A section label or a log entry's time the parser made the subject of the fragment after it
    ("Post-meal: said “...”", "02:50 Said “...”"): a colon between the subject and its verb, or a
    time as the subject."""
    if subj.i >= frame.i:
        return False
    if _TIME_STAMP_RE.fullmatch(subj.text):
        return True
    token_table = _clauses.token_table

    # (the fragment starts at the colon: not "Group session 4: J. (not this client) said ...")
    return token_table(subj.doc).text[frame.i - 1] == ":"


_FRAGMENT_FRAME_VERBS = frozenset(
    {"prefer", "want", "like", "report", "state", "say", "feel", "describe", "admit"}
)


def _fragment_verb_read_as_subject(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """A subjectless fragment's leading third-person verb that the parser made a subject
    ("Prefers “person in recovery” to “addict”; says ..."): capitalised, first in its sentence."""
    low = tok.lower_
    # (the word tests first: ``Token.sent`` walks the doc for the sentence's bounds)
    return (
        low.endswith("s")
        and (low[:-1] in _FRAGMENT_FRAME_VERBS or low[:-2] in _FRAGMENT_FRAME_VERBS)
        and tok.is_title
        and tok.i == tok.sent.start
    )


def _domain_label(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """Is ``tok`` (with its compounds) an indicator line's domain label ("Self-perception", "Mood")?"""
    doc_text = _clauses.doc_text

    text = doc_text(tok.doc)[tok.left_edge.idx : tok.idx + len(tok)].lower()  # (doc.text joins every token)
    if tok.lower_ in ("setback", "progress", "change") and text.split()[0] in cues.DOMAIN_LABELS:
        return True  # "Self-perception – setback: wrote “...”": the line's status read as the subject
    return text in cues.DOMAIN_LABELS or (tok.left_edge.i == tok.i and tok.lower_ in cues.DOMAIN_LABELS)


def _thing_is_quote_at(table, frame: int, subj: int) -> bool:  # noqa: ANN001 - a clauses.TokenTable
    """A copula whose subject is a thing, not a person: "the difference is "..."", "her goal is "..."" (token
    indices ``frame`` and ``subj``)."""
    low = table.lower[subj]
    return (
        table.lemma[frame].lower() == "be"
        and table.pos[subj] == "NOUN"
        and low not in cues.OTHER_LABELS
        and low not in cues.CLIENT_NOUNS
        and low not in cues.THERAPIST_NOUNS
    )


def _subject(tok):  # noqa: ANN001, ANN202 - spaCy Token
    """The subject of ``tok``; of two (a misparsed label "Group: R. said"), the one nearest it."""
    doc = tok.doc
    found = _subject_index(_clauses.token_table(doc), tok.i)
    return doc[found] if found >= 0 else None


def _subject_index(table, i: int) -> int:  # noqa: ANN001 - a clauses.TokenTable
    """The subject of token ``i`` (-1: none); of two (a misparsed label "Group: R. said"), the one nearest it."""
    dep = table.dep
    found = -1
    for c in table.children[i]:
        if dep[c] in ("nsubj", "nsubjpass"):
            if found >= 0 and c > i:
                break
            found = c
    return found


def client_compound(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """A two-word client noun headed by ``tok``: "Service user reports ...", "Young person said ..."."""
    mods = cues.CLIENT_COMPOUNDS.get(tok.lower_, ())
    # (most words head no client compound: no walk of their children)
    return bool(mods) and _client_compound_at(_clauses.token_table(tok.doc), tok.i)


def _client_compound_at(table, i: int) -> bool:  # noqa: ANN001 - a clauses.TokenTable
    """:func:`client_compound` of token ``i``, read from the token table."""
    mods = cues.CLIENT_COMPOUNDS.get(table.lower[i], ())
    dep, lower = table.dep, table.lower
    return bool(mods) and any(dep[c] in ("compound", "amod") and lower[c] in mods for c in table.children[i])


def _speaker_of(subj) -> int:  # noqa: ANN001 - spaCy Token
    """Region code of a speech-frame subject in the clinician's narration."""
    return _speaker_at(subj.doc, subj.i)


def _speaker_at(doc: Doc, i: int) -> int:
    """:func:`_speaker_of` token ``i`` of ``doc``, read from the token table (``lower[c]`` is
    ``c.lower_``, ``children[i]`` the indices of ``doc[i].children`` in text order)."""
    table = _clauses.token_table(doc)
    dep, lower, kids = table.dep, table.lower, table.children[i]
    low, text = lower[i], table.text[i]
    if (
        low in cues.CLIENT_SUBJECT_PRONOUNS
        or low in cues.CLIENT_NOUNS
        or _client_compound_at(table, i)
        or low == "you"
        and addressed_to_client(doc)
    ):
        if any(
            dep[c] == "poss" or dep[c] in ("det", "amod") and lower[c] in cues.OTHER_MEMBER_DETERMINERS
            for c in kids
        ):
            return OTHER  # "her client", "another member", "other members"
        return CLIENT
    if low in ("i", "we") or low in cues.THERAPIST_NOUNS:
        return THERAPIST
    if low in cues.RELAY_NOUNS:
        return CLIENT  # "Interpreter relayed: ...": the client's words in translation
    if low == "part" and any(
        lower[c] == "of" and any(lower[g] in ("her", "him", "me", "them") for g in table.children[c])
        for c in kids
    ):
        return CLIENT  # "part of her still believes she is ...": the client's own (divided) view
    if (
        low in _MOTHER_WORDS
        and text[:1].isupper()
        and not any(dep[c] in ("poss", "det") for c in kids)
        and mother_is_client(doc)
    ):
        return CLIENT  # "Perinatal mental health, home visit. Mum said, "I'm not a natural mother ...""
    if low in cues.OTHER_LABELS or low in cues.OTHER_PERSON_NOUNS or low in cues.THIRD_PARTY_NOUNS:
        return OTHER  # "Dad described himself as ...", "Mum said ...", "Grandson reports ..."
    if any(dep[c] == "compound" and lower[c] in cues.GROUP_MEMBER_NOUNS for c in kids):
        return OTHER  # "Peer D. said ...", "Member T. said ...": another member of the group
    if text[:1].isupper() and _is_client_name(doc, text):
        return CLIENT  # the name the note gives the client by role, whatever the tagger made of it ("Aisling" as a noun)
    if (
        _initials_text(text)
        and _names_client_by_role(doc)
        and text not in _client_initials(doc)
        and not _first_initial_of(text, _client_initials(doc))
    ):
        return OTHER  # group notes: "R. said ..." beside "Client said ..." (not "client R.K." itself)
    if table.pos[i] == "PROPN" and not any(dep[c] == "poss" for c in kids):
        names = client_names(doc)
        # a note that names the client by role ("client: Dana R.") names others by name alone
        return OTHER if names and text not in names and not _initials_text(text) else CLIENT
    return OTHER


# In a perinatal service's note the mother is the client: "Mum said ...", "Mum: "..."" (the header
# names the service; not "her mum", "the baby's mum", not a note that only mentions postpartum care)
_PERINATAL_RE = re.compile(r"(?i)\bperinatal\b")
_MOTHER_WORDS = frozenset({"mum", "mom", "mam", "mammy", "mummy", "mother"})


def mother_is_client(doc: Doc) -> bool:
    """Does ``doc``'s first line name a perinatal service, so that a bare "Mum" is the client?"""
    key = "narrative.mother_is_client"
    found = doc.user_data.get(key)
    if found is None:
        doc_text = _clauses.doc_text

        found = doc.user_data[key] = bool(_PERINATAL_RE.search(doc_text(doc).split("\n", 1)[0]))
    return found


def _therapist_label(label: str) -> bool:
    """Is a lower-cased speaker label the therapist's, also as a chat handle with the role in it
    ("counsellor_wei")?"""
    return label in cues.THERAPIST_LABELS or label.split("_", 1)[0] in cues.THERAPIST_LABELS


def _is_client_name(doc: Doc, text: str) -> bool:
    """Is ``text`` a name or initials the note gives the client by role ("T.K." also as "TK")?"""
    names = client_names(doc)
    if not names:
        return False
    if text in names or text.replace(".", "") in {n.replace(".", "") for n in names}:
        return True
    # a transcript's labels in capitals ("TUNDE:" for the guest introduced as "guest Tunde")
    return len(text) > 2 and text.isupper() and text.title() in names


def _is_initial(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """A one-letter initial ("R.", "K") or a pair of them ("P.J.") standing for a person."""
    return _initials_text(tok.text)


def _initials_text(text: str) -> bool:
    text = text.rstrip(".")
    if len(text) == 1:
        return text.isupper()
    parts = text.split(".")
    return 2 <= len(parts) <= 3 and all(len(p) == 1 and p.isupper() for p in parts)


_ROLE_BEFORE_INITIALS = frozenset(
    {
        "client",
        "pt",
        "patient",
        "cl",
        "user",
        "consumer",
        "ip",  # couples and family work: "IP: Daniel" (the identified patient)
        "ic",  # ... and "IC: Jess" (the identified client)
        "student",
        "participant",
        "speaker",
        # crisis lines, schools, care homes, peer support ("Caller: Rhys, 19", "Pupil: Maisie",
        # "Person supported: Bernadette")
        "caller",
        "pupil",
        "resident",
        "supported",
        # research interviews and oral histories ("Participant “Jade” (pseudonym)", "narrator Ray, 67")
        "narrator",
        "interviewee",
        "respondent",
        # podcasts and radio: "guest Tunde", "Guest: Marcus (Atlanta)"
        "guest",
    }
)
# Words that name the client only as a header field with a colon and a name on the same line:
# "Member file: Abdul R.", "Note for: Freya L.", "end-of-group summary for: Mr Paul E.", "Youth:
# Mateo G.", "Child: Conor F.", "Young person: Kai" (not "added to file: Dear ...", "Another young
# person, M., said ...", "a clever child").
_COLON_ROLES = frozenset({"file", "for", "youth", "child", "person"})
_ROLE_WORDS = _ROLE_BEFORE_INITIALS | _COLON_ROLES | {"client"}  # (every word client_names looks at)
# words between such a role and the name ("Speaker analysed: Bev", "focal participant: Dana")
_ROLE_QUALIFIERS = frozenset(
    {
        "analysed",
        "analyzed",
        "focal",
        "of",
        "interest",
        "discussed",
        "for",
        "this",
        "note",
        "session",
        "record",
    }
)


def _first_initial_of(text: str, initials: frozenset[str]) -> bool:
    """Is ``text`` one initial ("K.") that is the first of the client's two or three ("Pt: K.A.")?
    A note shortens the client's initials so ("Identity: K. said ..."); other members keep theirs."""
    letter = text.rstrip(".")
    return len(letter) == 1 and any(len(i.replace(".", "")) >= 2 and i[0] == letter for i in initials)


def _client_initials(doc: Doc) -> frozenset[str]:
    """Initials the note gives the client by role ("client R.K.", "Client (R.K.)")."""
    return frozenset(name for name in client_names(doc) if _initials_text(name))


_HONORIFICS = frozenset(
    {
        "mr",
        "mrs",
        "ms",
        "miss",
        "mx",
        "dr",
        "prof",
        "cpl",
        "sgt",
        "pte",
        "lt",
        "capt",
        "maj",
        "col",
        "ret",
        "(",
    }
)
_NOT_NAMES = frozenset(
    {
        "services",
        "service",
        "support",
        "union",
        "health",
        "centre",
        "center",
        "team",
        "office",
        "advisor",
        "adviser",
    }
)


def client_names(doc: Doc) -> frozenset[str]:
    """Names and initials the note gives the client by role: "client R.K.", "Client (Jess)",
    "J. (client)". A name the note introduces so is the client wherever it acts ("Jess used
    headphones ..."); other names are other people."""
    key = "narrative.client_names"
    found = doc.user_data.get(key)
    if found is None:
        names: set[str] = set()
        doc_text, token_table = _clauses.doc_text, _clauses.token_table

        # (most notes name no one by role: skip the token walk)
        if search_at_words(_ROLE_NAME_HINT, doc_text(doc), _ROLE_HINT_STARTS):
            lower = token_table(doc).lower
            # (the note's words that are a role word, with or without full stops: most notes hold none)
            roles = {w for w in set(lower) if w.rstrip(".") in _ROLE_WORDS}
            for i in [i for i, lowered in enumerate(lower) if lowered in roles] if roles else ():
                low = lower[i].rstrip(".")
                tok = doc[i]
                if low in _ROLE_BEFORE_INITIALS or low in _COLON_ROLES and _colon_field(tok):
                    # the first word after the role, past "(", "," and ":" ("client: Dana R.")
                    words = [
                        t
                        for t in doc[tok.i + 1 : tok.i + 10]
                        if t.text not in ("(", ",", ":", ")") and t.lower_ not in _ROLE_QUALIFIERS
                    ]
                    while words and words[0].lower_.rstrip(".") in _HONORIFICS:
                        words = words[1:]  # "Client: Mr Stavros K.", "Client: Cpl (ret.) Bec Tran"
                        if words and words[0].text == ".":
                            words = words[1:]  # (the full stop of "ret.")
                    if (
                        len(words) >= 3
                        and words[0].text in _QUOTE_MARKS
                        and (words[1].pos_ == "PROPN" or _is_initial(words[1]))
                        and words[2].is_quote
                    ):
                        # a pseudonym in quotes: "Participant “Jade” (pseudonym)", "Client: “A”, 29"
                        words = words[1:]
                    if words and _service_name(tok, words[0]):
                        continue  # "Student Wellness Centre", "Client Services Team": a service, not a name
                    if words and _name_like(words[0]):
                        names.add(words[0].text)
                        if _is_initial(words[0]):  # "Client: “R”" then acts as "R." (and the reverse)
                            names.add(
                                words[0].text.rstrip(".") + ("" if words[0].text.endswith(".") else ".")
                            )
                            names.add(words[0].text.rstrip("."))
                        run = [words[0]]
                        for w in words[1:3]:
                            if w.i != run[-1].i + 1 or not _name_like(w) or not w.text[:1].isupper():
                                break
                            run.append(w)
                        if len(run) >= 2:  # "Client: Bec Tran" speaks as "BT:" in a transcript
                            names.add("".join(w.text[0] for w in run))
                        nick = words[1] if len(words) > 1 else None  # "Bernadette (Bernie) O."
                        if (
                            nick is not None
                            and nick.i >= 1
                            and doc[nick.i - 1].text == "("
                            and _name_like(nick)
                        ):
                            names.add(nick.text)
                if (
                    low == "client"
                    and tok.i >= 2
                    and doc[tok.i - 1].text == "("
                    and _name_like(doc[tok.i - 2])
                ):
                    names.add(doc[tok.i - 2].text)  # "J. (client)"
        if not names:
            names = _header_name(doc)
        if not names:
            names = _sole_quoted_speaker(doc)
        if not names:
            names = _sole_named_turn_label(doc)
        found = frozenset(names)
        doc.user_data[key] = found
    return found


# a first name and an initial in the note's first line: "Fiona R. – visit 3", "Couples – Jordan L. –
# session 8", "Ruth A. (23)" (not after a title: "Dr Patel S.")
_HEADER_NAME_RE = re.compile(
    r"(?<![\w.])(?<!Dr )(?<!Mr )(?<!Ms )(?<!Mrs )([A-Z][a-z]{2,})[ \t]+([A-Z])\.(?![\w.])"
)


_SECTION_LETTER_RE = re.compile(r"(?m)^[ \t]*[SOAPBIRDG][ \t]*:")


_LAST_WORD_RE = re.compile(r"([A-Za-z]+)\W*$")


def _named_by_other_role(before: str) -> bool:
    """Does the header text before a name end with someone else's role ("Counsellor: Anna K.",
    "Mum Jo K.", "Dr Sam T.")?"""
    m = _LAST_WORD_RE.search(before)
    if m is None:
        return False
    word = m.group(1).lower()
    return (
        word in cues.THERAPIST_LABELS
        or word in cues.THERAPIST_NOUNS
        or word in cues.OTHER_LABELS
        or word in cues.OTHER_PERSON_NOUNS
        or word in _HONORIFICS
    )


def _header_name(doc: Doc) -> set[str]:
    """The client named in the note's header line, in a note that names no one by role: the one
    first name with an initial on the first line ("Fiona R. – visit 3"); two names decide nothing."""
    text = _clauses.doc_text(doc)
    line = text[: text.find("\n")] if "\n" in text else text
    found = {
        m.groups() for m in _HEADER_NAME_RE.finditer(line[:80]) if not _named_by_other_role(line[: m.start()])
    }
    found = {(name, initial) for name, initial in found if name.lower() not in _NOT_NAMES}
    if len(found) != 1:
        return set()
    ((name, initial),) = found
    # (a transcript may label the client's turns by the initials: "J:" or "JN:" for "Jade N."; not
    # in a SOAP / BIRP / DAP note, whose one-letter labels are sections: "R:" is no "Ray M.")
    sections = {m.group(0).strip(" \t:") for m in _SECTION_LETTER_RE.finditer(text)}
    return {name, name[0] + initial} if len(sections) >= 2 else {name, name[0], name[0] + initial}


_SECTION_WORDS = (
    cues.SUBJECTIVE_LABELS
    | cues.OBJECTIVE_LABELS
    | cues.ASSESSMENT_LABELS
    | cues.PLAN_LABELS
    | frozenset(cues.DOMAIN_LABELS)
    | frozenset(
        {"note", "notes", "excerpt", "transcript", "prompt", "re", "subject", "title", "date", "time"}
    )
)


def _sole_named_turn_label(doc: Doc) -> set[str]:
    """In a transcript whose turns are labelled by name, the one name label beside the therapist's
    and relatives' role labels ("Therapist: ... / Imogen: ...", "T: ... / AO: ...", "Mum: ... /
    Darren: ...") is the client's. Two or more name labels (a group, a couple) decide nothing."""
    doc_text = _clauses.doc_text

    text = doc_text(doc)
    if ":" not in text or _names_client_by_role(doc):
        return set()
    names: set[str] = set()
    therapist = False
    turns = [(m.group(1).strip(), m.group(2)) for m in _TURN_RE.finditer(text)]
    # a one-letter label that is also a section label ("A:") names a speaker when it is the note's
    # only such label ("T: How did the night feed go? / A: I did it on my own"), not in a SOAP note
    letters = {raw.lower() for raw, _ in turns if len(raw) == 1 and raw.lower() in _SECTION_WORDS}
    legend = legend_labels(doc)
    for raw, turn in turns:
        label = raw.lower().rstrip(".")
        if _therapist_label(label) or legend.get(label) == THERAPIST:
            therapist = True
            continue
        if label in cues.CLIENT_LABELS or label in cues.OTHER_LABELS or label in legend:
            continue
        section = label in _SECTION_WORDS and not (len(raw) == 1 and len(letters) == 1)
        handle = any(ch.isdigit() or ch == "_" for ch in raw)  # a chat handle ("moonbun22")
        if " " in raw or not (raw[:1].isupper() or handle) or section:
            continue
        turn = turn.lower().replace("’", "'")
        # (a speaker's turn in lower case, as texted: "i messaged you")
        if _FIRST_PERSON_RE.search(turn) or _LOWER_I_RE.search(turn) or turn.lstrip()[:1] in QUOTE_PAIRS:
            names.add(raw.rstrip("."))  # a speaker: the turn speaks in the first person
    return names if therapist and len(names) == 1 else set()


_SPEAKER_VERBS = frozenset(
    {"say", "tell", "call", "name", "describe", "write", "read", "add", "explain", "title"}
)
_QUOTE_MARKS = frozenset('"“«‘')


def _sole_quoted_speaker(doc: Doc) -> set[str]:
    """In a note that names no one by role, the one name whose words it quotes ("Kim calls the
    depression “the Fog”", "Sam said, “...”") is the client's: "Kim went to her niece's match" is
    then the client's act. Two or more quoted names (a couples or family note) decide nothing; a
    relative ("Mum said") or a titled person ("Dr Patel said") is never the client."""
    doc_text, sentence_of, token_table = _clauses.doc_text, _clauses.sentence_of, _clauses.token_table

    text = doc_text(doc)
    if not any(ch in text for ch in _QUOTE_MARKS) or _names_client_by_role(doc):
        return set()  # ("Client said ... L. said ...": a note that says "client" names the others)
    table = token_table(doc)
    speakers: set[str] = set()
    pos = table.pos
    for i in [i for i, dep in enumerate(table.dep) if dep == "nsubj" and pos[i] == "PROPN"]:
        head = table.head[i]
        if table.lemma[head].lower() not in _SPEAKER_VERBS:
            continue
        low = table.lower[i]
        if (
            low in cues.OTHER_LABELS
            or low in cues.OTHER_PERSON_NOUNS  # ("Mam says so": a relative the tagger calls a name)
            or low in cues.THERAPIST_NOUNS
            or low in cues.CLIENT_NOUNS
        ):
            continue
        tok = doc[i]
        if not _name_like(tok) or _is_initial(tok):
            continue
        if any(table.dep[c] in ("poss", "compound", "det", "amod") for c in table.children[i]):
            continue
        _, sent_end = sentence_of(doc, head)
        if any(table.text[j] in _QUOTE_MARKS or table.text[j] == "``" for j in range(head + 1, sent_end)):
            speakers.add(table.text[i])
    return speakers if len(speakers) == 1 else set()


# (the lookahead, tested first as it fails fast: a role word's first letter after no word
# character, or the "(" of "(client)")
_ROLE_NAME_HINT = re.compile(
    r"(?=(?<!\w)(?i:[" + "".join(sorted({word[0] for word in _ROLE_BEFORE_INITIALS})) + r"])|\()"
    r"(?i:\b(?:"
    + "|".join(sorted(_ROLE_BEFORE_INITIALS))
    + r")\b\.?(?:\s+(?:analy[sz]ed|focal|of\s+interest|discussed|for\s+this\s+(?:note|session|record)))?)"
    r"[\s(,:“\"‘]{1,4}[A-Z]|\((?i:client)\)|(?<!\w)(?i:file|for|youth|child|person): *[A-Z]"
)
# what every match of _ROLE_NAME_HINT starts with, lower-cased: a role word, "(" or a field word
_ROLE_HINT_STARTS = (*sorted(_ROLE_BEFORE_INITIALS | _COLON_ROLES), "(")


def _service_name(role, word) -> bool:  # noqa: ANN001 - spaCy Tokens
    """Is ``word`` right after the role word part of a service's name ("Student Wellness Centre",
    "Client Liaison Team"), not the client's name ("Student: Aisha B.", "client Dana R.")?"""
    doc = word.doc
    return (
        word.i == role.i + 1
        and role.text[:1].isupper()
        and word.i + 1 < len(doc)
        and doc[word.i + 1].lower_ in cues.INSTITUTION_WORDS
    )


def _colon_field(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """ "file" / "for" / "youth" ... as a header field: "Member file: Abdul R.", "Note for: Freya L."
    (not "saved to file:\nDear Sam", "Evidence for: She cancelled")."""
    doc = tok.doc
    return (
        tok.i + 2 < len(doc)
        and doc[tok.i + 1].text == ":"
        and not doc[tok.i + 2].is_space
        and "\n" not in doc[tok.i + 1].whitespace_
        and (tok.i == 0 or doc[tok.i - 1].lower_ not in ("to", "on", "in", "into", "evidence", "against"))
    )


def _name_like(tok) -> bool:  # noqa: ANN001 - spaCy Token
    """A name or initials (any capitalised word: the tagger reads unfamiliar names as anything),
    not a department ("Student Services")."""
    if _is_initial(tok):
        return True
    return (
        tok.is_title
        and tok.is_alpha
        and len(tok.text) > 1
        and not tok.is_stop
        and tok.tag_ != "NNPS"
        and tok.lower_ not in _NOT_NAMES
    )


def _names_client_by_role(doc: Doc) -> bool:
    """Does the note call the client by a role noun ("Client", "Pt") anywhere?"""
    key = "narrative.client_by_role"
    found = doc.user_data.get(key)
    if found is None:
        token_table = _clauses.token_table

        table = token_table(doc)
        labels, texts = cues.CLIENT_LABELS, table.text
        # (a set test first: most notes hold no client label at all)
        found = not labels.isdisjoint(table.lower) and any(
            low in labels and len(texts[i]) > 1 for i, low in enumerate(table.lower)
        )
        doc.user_data[key] = found
    return found


SECTIONS_KEY = "narrative.sections"
_DOMAIN_LINE_RE = re.compile(
    r"(?im)^[ \t]*(?:[-•*]\s*)?(?:[A-Za-z]{1,12}\s*:\s*)?("
    + domain_alternation()
    + r")\b[^\n:]{0,50}?(?:"
    + "|".join(re.escape(w) for w in sorted(cues.INDICATOR_STATUS_WORDS, key=len, reverse=True))
    + r"|↑|↓|→)"
)
# ("(?<!\S)": what each start allows, tested first as it fails fast inside words)
_SECTION_RE = re.compile(
    r"(?m)(?<!\S)(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s))[ \t]*(?:[-•*]\s*)?([A-Za-z][A-Za-z/ ]{0,20}?)\.?\s*:[ \t]*(?=\S)"
)


def section_kinds(doc: Doc, text: str) -> list[str] | None:
    """Per-token SOAP/DAP section ("S", "O", "A", "P" or ""), None when the note has no section labels.

    A section runs from its label to the next label of any kind (section or speaker) or a blank line.
    """
    kinds = (
        ("S", cues.SUBJECTIVE_LABELS),
        ("O", cues.OBJECTIVE_LABELS),
        ("A", cues.ASSESSMENT_LABELS),
        ("P", cues.PLAN_LABELS),
        ("", cues.CLIENT_LABELS | cues.THERAPIST_LABELS),
    )
    marks: list[tuple[int, str]] = []
    for m in _SECTION_RE.finditer(text):
        label = m.group(1).strip().lower()
        for code, names in kinds:
            if label in names:
                marks.append((m.end(), code))
                break
    if not any(code for _, code in marks):
        return None
    # an indicator line ("Goals (GAS 1) – progress: took the train alone") is a field of its own: it
    # ends a clinician section, so the act after its status is the client's, as on any indicator line
    if marks:
        domain = [(m.start(1), "") for m in _DOMAIN_LINE_RE.finditer(text)]
        # (after a section label that ends where the domain starts: "Response: Goals – progress: ...")
        marks = sorted(marks + domain, key=lambda mark: (mark[0], mark in domain))
    token_table = _clauses.token_table

    breaks = [m.start() for m in re.finditer(r"\n[ \t]*\n", text)]
    idx = token_table(doc).idx
    out = [""] * len(doc)
    for j, (since, code) in enumerate(marks):
        if not code:
            continue
        # the tokens from the label's end to the next label's end, and not past a blank line
        until = marks[j + 1][0] if j + 1 < len(marks) else len(text) + 1
        k = bisect.bisect_left(breaks, since)
        if k < len(breaks):
            until = min(until, breaks[k] + 1)
        lo, hi = bisect.bisect_left(idx, since), bisect.bisect_left(idx, until)
        out[lo:hi] = [code] * (hi - lo)
    return out


# A first line that files what follows: it names the client in the third person or records how the
# text reached the chart, and ends with a colon
_RECORD_HEADER_RE = re.compile(
    r"(?i)\A[^\n]{0,200}?\b(?:client|pt|patient|service\s+user|typed(?:\s+up)?|pasted|copied|scanned|"
    r"transcribed|received|forwarded|handed\s+in|completed\s+by|written\s+for)\b[^\n]{0,200}?:[ \t]*(?=\n|$)"
)


# A first line in square brackets that files a post or an export: "[SoberSpace forum · thread #4412
# · analysed author: OP]", "[Long Covid support group (Facebook export) · post by member 0193]"
_BRACKET_HEADER_RE = re.compile(r"[ \t]*\[[^\]\n]{1,300}\][ \t]*(?=\n|$)")


def _record_header_end(text: str) -> int:
    """End of a record header on the first line of a client-written text (0: none)."""
    m = _RECORD_HEADER_RE.match(text) or (
        _BRACKET_HEADER_RE.match(text) if text.lstrip()[:1] == "[" else None
    )
    return m.end() if m else 0


AUTHOR_REGION: contextvars.ContextVar[int] = contextvars.ContextVar(
    "narrative_author_region", default=NARRATION
)


@contextlib.contextmanager
def author_is_client() -> Iterator[None]:
    """Within this block, unquoted text is the client's own words (first person = the client).

    For corpora that are not clinical notes: client utterances, diaries, interviews.
    By default unquoted text is the clinician's narration.
    """
    token = AUTHOR_REGION.set(CLIENT)
    try:
        yield
    finally:
        AUTHOR_REGION.reset(token)


# A speaker label inside a line, after a sentence end: "... T: How was that? C: Terrifying."
# ("(?=[A-Z])": the label's first letter, tested first as it fails fast)
_INLINE_TURN_RE = re.compile(
    r"(?=[A-Z])(?:^|(?<=[.!?…\"”’»)]\s)|(?<=[.!?…\"”’»)]\s\s))([A-Z][A-Za-z]{0,10})\s*:\s*(?=\S)",
    re.MULTILINE,
)


# strings every match holds (":" and ">"): a note without them skips the scans
_TURN_WORDS = required_words(_TURN_RE)
_INLINE_TURN_WORDS = required_words(_INLINE_TURN_RE)


def _label_code(doc: Doc, raw: str, start: int) -> int | None:
    """Region code of a transcript speaker label, or None when it is not a speaker.

    Role labels ("C:", "Therapist:", "Mum:"), and in a note that names the client by role
    ("identified client: Ben") the client's name; another person's name ("Mia:") is then another
    speaker (a capitalised proper noun only, so section labels such as "Plan:" stay narration)."""
    doc_text = _clauses.doc_text

    label = raw.strip().lower()
    if ")" in label:  # (what the pattern ends with: most labels hold none)
        label = _PAREN_TAIL_RE.sub("", label)
    label = label.rstrip(".")
    if label in _MEDIUM_LABELS:
        # "Chat (client, 10:44): ...", "Text (pt):": a message line whose parenthesis names its sender
        sender = _PAREN_SENDER_RE.search(raw.lower())
        if sender and sender.group(1) in cues.CLIENT_LABELS:
            return CLIENT
    legend = legend_labels(doc)
    if label in legend:
        return legend[label]  # "Transcript excerpt; AK = client, LM = psychologist."
    if label in ("i", "p", "r") and _interview_layout(doc):
        return THERAPIST if label == "i" else CLIENT  # "I: How would you ...?" / "P: Honestly? ..."
    if label in ("s", "c") and _student_layout(doc):
        return CLIENT if label == "s" else THERAPIST  # "S: I forgot her birthday." / "C: That sounds ..."
    if label in ("int", "interp", "interpreter") and _INTERPRETED_RE.search(doc_text(doc)):
        # an interpreted session: the interpreter renders the client's words in the first person
        # ("Int: Before, I was a ghost in this city"); elsewhere "Int:" is a research interviewer
        return CLIENT
    if label in cues.CLIENT_LABELS or _client_words_field(doc, label) or _participant_code_label(doc, label):
        return CLIENT
    if _therapist_label(label):
        return THERAPIST
    if label in _MOTHER_WORDS and mother_is_client(doc):
        return CLIENT  # "Mum: ..." in a perinatal team's note
    if label in cues.OTHER_LABELS:
        return OTHER  # "Mum: ..." in a family session
    names = client_names(doc)
    name = raw.strip()
    if not names or " " in name:
        return None
    if _is_client_name(doc, name):
        return CLIENT  # ("TK:" for the client introduced as "T.K.")
    if _takes_turns(doc, name):
        return OTHER
    span = doc.char_span(start, start + len(name), alignment_mode="expand")
    if span is None or len(span) != 1 or span[0].pos_ != "PROPN" or not name.istitle():
        return None
    # a speaker's turn opens as speech does ("Mia: You only do it when I nag"); a section label
    # the tagger calls a name does not ("Present: Kayla, R.J.", "Homework: two chain analyses")
    after = doc_text(doc)[start + len(raw) :].lstrip(" :\t").lower()
    opener = after.split(" ", 1)[0].rstrip(",.").replace("’", "'")
    return OTHER if after[:1] in QUOTE_PAIRS or opener in _SPEECH_OPENERS else None


def _takes_turns(doc: Doc, name: str) -> bool:
    """Does ``name`` (a capitalised word, not the client's) open two or more lines as a label and
    appear in the note outside them too ("(partner: Lee)" ... "Lee: Dana's a control freak." ... "Lee:
    She rebooked it though."): another speaker's turns in a note that names the client? A section
    label ("Plan:") is not otherwise mentioned so."""
    if not name.istitle() or not name.isalpha() or len(name) < 3:
        return False
    text = _clauses.doc_text(doc)
    turns = len(re.findall(rf"(?m)^[ \t]*{name}[ \t]*:", text))
    return turns >= 2 and len(re.findall(rf"\b{name}\b", text)) > turns


# A research participant introduced by a code or number: "participant R-14", "Participant 12 (M, 22)",
# "Participant: Farmer 4", "participant F3 (18)"
_PARTICIPANT_CODE_RE = re.compile(
    r"(?i:\b(participant|respondent|interviewee|narrator|speaker)\b(?:\s+analy[sz]ed)?)[ \t]*[:#]?[ \t]*"
    r"([A-Z]{1,3}-?\d{1,4}|\d{1,4}|[A-Z][a-z]+ \d{1,3})(?![\w-])"
)
_PARTICIPANT_CODES_KEY = "narrative.participant_codes"


def _participant_code_label(doc: Doc, label: str) -> bool:
    """Is a lower-cased speaker label the code the note gives its participant ("R-14:" after
    "participant R-14", "P14:" or "Participant 14:" after "Participant 14", "Farmer 4:" after
    "Participant: Farmer 4")? Other coded speakers ("INT:", "R:") are not."""
    if not any(ch.isdigit() for ch in label):
        return False  # (cheap: every such label holds the code's number)
    codes = doc.user_data.get(_PARTICIPANT_CODES_KEY)
    if codes is None:
        doc_text = _clauses.doc_text

        codes = set()
        for m in _PARTICIPANT_CODE_RE.finditer(doc_text(doc)):
            role, code = m.group(1).lower(), m.group(2).lower()
            codes.update((code, f"{role} {code}"))
            if code.isdigit():
                codes.update((role[0] + code, f"{role[0]} {code}", f"{role[0]}-{code}"))
        doc.user_data[_PARTICIPANT_CODES_KEY] = codes
    return label in codes


# a parenthesis closing a speaker label: "client (via interpreter)" -> "client"
_PAREN_TAIL_RE = re.compile(r"\s*\([^()]*\)$")
# a message line's label ("Chat (client, 10:44):") and the sender first in its parenthesis
_MEDIUM_LABELS = frozenset({"chat", "message", "msg", "text", "sms", "email", "e-mail", "whatsapp", "dm"})
_PAREN_SENDER_RE = re.compile(r"\(\s*(?:from\s+)?([a-z][a-z.]*)\s*[,;)]")
_WORDS_FIELD_RE = re.compile(r"(?:in\s+)?(?P<owner>[\w. ]+?)(?:'s|’s)?\s+(?:own\s+)?(?P<field>[a-z]+)")


def words_field_owner(label: str) -> str | None:
    """Whose words a field label announces ("client statement" -> "client", "kamran's words" ->
    "kamran", "in his own words" -> "his"), or None when it is no such field (a lower-cased label,
    its parenthesis removed)."""
    m = _WORDS_FIELD_RE.fullmatch(label)
    return m.group("owner") if m is not None and m.group("field") in cues.CLIENT_WORDS_FIELDS else None


def _client_words_field(doc: Doc, label: str) -> bool:
    """A field label over the client's own words: "client statement", "client's words", "pt quote",
    "kamran's words", "in his own words" (a lower-cased label, its parenthesis removed)."""
    owner = words_field_owner(label)
    if owner is None:
        return False
    if owner in cues.CLIENT_LABELS or owner in cues.CLIENT_NOUNS:
        return True
    if owner in ("his", "her", "their", "my"):
        return label.startswith("in ")  # "In his words:" (not "His reply:", maybe another person's)
    return any(owner == name.lower() for name in client_names(doc))


_INTERPRETED_RE = re.compile(r"(?i)\binterpret(?:er|ers|ing|ed)\b|\bvia\s+(?:an?\s+)?(?:\w+\s+)?interp\b")


# A transcript's key to its speaker labels: "AK = client, LM = psychologist", "K = pupil, C = counsellor"
_LEGEND_RE = re.compile(
    r"(?<![\w.])([A-Z][A-Za-z]{0,3}(?:-?\d{1,3})?)\.?[ \t]*=[ \t]*(?:the[ \t]+)?([a-z][a-z -]{1,24}?)(?=[,;.)\n]|$)"
)
_LEGEND_KEY = "narrative.legend"
# A chat transcript's header naming the client's handle: 'client handle "mk_07"', "client's
# username: rainy_day", "client (handle wren_77)"
_HANDLE_RE = re.compile(
    r"(?i)\b(?:client|pt|patient|service user|young person)(?:['’]s)?\s*\(?\s*(?:chat\s+)?"
    r"(?:handle|username|user\s+name|screen\s+name)\s*[:=]?\s*[\"“'‘]?([A-Za-z][\w.-]{1,30}?)[\"”'’]?(?=[\s,;.)]|$)"
)


def legend_labels(doc: Doc) -> dict[str, int]:
    """Speaker labels a note defines in a key ("AK = client, LM = psychologist"): lower-case label
    -> region code (the client's roles, the therapist's, or another person's)."""
    found = doc.user_data.get(_LEGEND_KEY)
    if found is None:
        doc_text = _clauses.doc_text

        text = doc_text(doc)
        found = {}
        for m in _HANDLE_RE.finditer(text) if "handle" in text.lower() else ():
            found[m.group(1).lower()] = CLIENT  # 'client handle "mk_07"': the client's chat turns
        for m in _LEGEND_RE.finditer(text) if "=" in text else ():
            role = m.group(2).strip().lower()
            code = (
                CLIENT
                if role in cues.CLIENT_LABELS or role in cues.CLIENT_NOUNS
                else THERAPIST
                if role in cues.THERAPIST_LABELS or role in cues.THERAPIST_NOUNS
                else OTHER
                if role in cues.OTHER_LABELS
                else None
            )
            if code is not None:
                found[m.group(1).lower()] = code
        doc.user_data[_LEGEND_KEY] = found
    return found


_INTERVIEW_TURNS = re.compile(r"(?m)^[ \t]*([IPR])[ \t]*:")
_SECTION_TURNS = re.compile(r"(?m)^[ \t]*[SOABDG][ \t]*:")
_INTERVIEW_WORDS = re.compile(r"(?i)\binterview(?:er|ee)s?\b|\bparticipants?\b|\brespondents?\b")


def _interview_layout(doc: Doc) -> bool:
    """A research interview transcript with one-letter turns ("I:" the interviewer, "P:" or "R:" the
    participant), not a SOAP/BIRP note whose "I:" is the intervention and "P:" the plan."""
    key = "narrative.interview_layout"
    found = doc.user_data.get(key)
    if found is None:
        doc_text = _clauses.doc_text

        text = doc_text(doc)
        turns = {m.group(1) for m in _INTERVIEW_TURNS.finditer(text)}
        found = (
            "I" in turns
            and bool(turns & {"P", "R"})
            and _INTERVIEW_WORDS.search(text) is not None
            and _SECTION_TURNS.search(text) is None
        )
        doc.user_data[key] = found
    return found


_STUDENT_TURNS = re.compile(r"(?m)^[ \t]*([SCOAP])[ \t]*:")
_STUDENT_WORDS = re.compile(r"(?i)\b(?:student|pupil)s?\b")
_COUNSELLOR_WORDS = re.compile(r"(?i)\bcounsel(?:l?or|l?ing)s?\b")


def _student_layout(doc: Doc) -> bool:
    """A school counselling transcript with one-letter turns: "S:" the student, "C:" the counsellor
    (not a SOAP note, whose "S:" is the subjective section and which has "O:", "A:" or "P:" lines)."""
    key = "narrative.student_layout"
    found = doc.user_data.get(key)
    if found is None:
        text = _clauses.doc_text(doc)
        turns = {m.group(1) for m in _STUDENT_TURNS.finditer(text)} if "S" in text else set()
        found = (
            turns == {"S", "C"}
            and _STUDENT_WORDS.search(text) is not None
            and _COUNSELLOR_WORDS.search(text) is not None
        )
        doc.user_data[key] = found
    return found


# (apostrophes folded to "'" before the lookup)
_SPEECH_OPENERS = frozenset(
    {
        "i",
        "i'm",
        "i've",
        "you",
        "you're",
        "he",
        "she",
        "he's",
        "she's",
        "we",
        "they",
        "it's",
        "that's",
        "no",
        "yes",
        "yeah",
        "well",
        "oh",
        "but",
    }
)


def _inline_turns(doc: Doc, text: str, regions: list[int]) -> None:
    """Transcript turns run together on one line ("C: I went to the hearing. T: So maybe not a
    coward. C: Maybe ..."): each turn is its speaker's, up to the next label. Only a line that holds
    both a client label and another speaker's counts, so "S:"/"A:" sections and stray colons do not."""
    found = list(_INLINE_TURN_RE.finditer(text)) if may_hold(text, _INLINE_TURN_WORDS) else ()
    if not found:
        return  # (one pass over the note; most notes have no run-together turns)
    lines: dict[int, list[tuple[int, int, int]]] = {}
    for m in found:
        code = _label_code(doc, m.group(1), m.start(1))
        if code is not None:
            lines.setdefault(text.rfind("\n", 0, m.start()) + 1, []).append((m.start(), m.end(), code))
    for line_start, marks in lines.items():
        codes = {code for _, _, code in marks}
        line_end = text.find("\n", line_start)
        line_end = len(text) if line_end < 0 else line_end
        if codes == {CLIENT} and len(marks) == 1 and marks[0][0] > line_start:
            # one client turn after the note's own words ("Phone session (video failed). C: I'm okay.
            # I'm someone who gets up now."): the client's when it speaks in the first person
            rest = text[marks[0][1] : line_end]
            # ('... said he is still “in the Rock Bottom chapter.” R.M.: “I was the bloke ...”': a
            # quotation after the client's label is the client's turn too)
            if not (_goes_on_in_first_person(rest) or rest[:1] in QUOTE_PAIRS):
                continue
        elif not (CLIENT in codes and codes & {THERAPIST, OTHER}):
            continue
        for k, (_, start, code) in enumerate(marks):
            end = marks[k + 1][0] if k + 1 < len(marks) else line_end
            # 'Declan: "I'm not a bad husband." He said he sees himself as ...': a turn that is a
            # quotation ends with it, unless its speaker goes on in the first person
            quoted_end = _through_quotation(text, start, end)
            if quoted_end < end and not _goes_on_in_first_person(text[quoted_end:end]):
                end = quoted_end
            rng = _token_range(doc, start, end)
            if rng:
                for i in range(*rng):
                    regions[i] = code


# "I" (capital: a lower-case "i" is too often something else) and the other first-person words
_FIRST_PERSON_RE = re.compile(
    r"\bI\b|\b(?i:" + "|".join(sorted(w for w in cues.FIRST_PERSON if w != "i")) + r")\b"
)
_LOWER_I_RE = re.compile(r"\bi\b")
_THIRD_PERSON_RE = re.compile(r"(?i)\b(?:she|he|they|client|cl|pt|patient)\b")


# "Jamie said: I am a good worker. I water the plants on my own now.": unquoted direct speech
# (or with the subject left out, as notes do, at a line's or a sentence's start: "Said: I'm not able
# for the silage anymore.")
_SAID_COLON_RE = re.compile(
    r"(?m)(?:\b([A-Z][a-z]+|[Cc]lient|[Pp]t|[Ss]he|[Hh]e)\s+|(?:^[ \t]*(?:[-•*][ \t]*)?|(?<=[.;!?][ \t])(?<!\b[A-Z]\.[ \t])))"
    r"(?i:said|says|wrote|writes|added|signed|signs|typed|types)"
    r"\s*:[ \t]*(?=\S)"
)


_SAID_COLON_HINTS = (
    "said:",
    "says:",
    "wrote:",
    "writes:",
    "added:",
    "signed:",  # (sign language, through an interpreter)
    "signs:",
    "typed:",
    "types:",
)  # every match holds one


def _said_colon_lines(text: str, doc: Doc, regions: list[int]) -> None:
    """Unquoted direct speech after "<client> said:" to the end of the line is the client's when it
    goes on in the first person ("Jamie said: I am a good worker ... Now I am a grown up man.");
    a relative or another named role ("Mum said: I ...") is not the client."""
    if not may_hold(text, _SAID_COLON_HINTS):
        return  # (most notes have no such line)
    for m in _SAID_COLON_RE.finditer(text):
        speaker = (m.group(1) or "client").lower()
        if speaker in cues.OTHER_LABELS or speaker in cues.THERAPIST_LABELS or speaker in cues.FAMILY_ROLES:
            continue
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        end = m.end() + _first_person_run(text[m.end() : end])
        if end == m.end():
            continue
        rng = _token_range(doc, m.end(), end)
        if rng:
            for i in range(*rng):
                if regions[i] == NARRATION:
                    regions[i] = CLIENT


_SENTENCE_END_RE = re.compile(r"(?<=[.!?])\s+(?=[A-Z“\"‘'])")


def _first_person_run(segment: str) -> int:
    """The length of the sentences at the start of ``segment`` that go on in the first person (the
    whole line when it does; "I am trying my best. I bathe the baby myself." up to "She still ...")."""
    if _goes_on_in_first_person(segment):
        return len(segment)
    end = 0
    for m in _SENTENCE_END_RE.finditer(segment + " A"):
        if not _goes_on_in_first_person(segment[end : m.start()]):
            break
        end = m.start()
    return end


def _goes_on_in_first_person(segment: str) -> bool:
    """Does a turn's text speak in the first person outside any quotation in it, and never of
    the client in the third person ("I hated her." but not '“I am old.” Was made to move ...')?"""
    own = segment
    for start, end in reversed(find_quotes(segment)):
        own = own[:start] + " " + own[end:]
    return bool(_FIRST_PERSON_RE.search(own)) and not _THIRD_PERSON_RE.search(own)


def _through_quotation(text: str, start: int, end: int) -> int:
    """Where a client's turn or pasted message starting at ``start`` ends: after its closing quote
    when it opens with one (and the quote closes before ``end``), else at ``end``."""
    opening = text[start : start + 1]
    if opening in QUOTE_PAIRS:
        closing = QUOTE_PAIRS[opening]
        if closing == opening:
            close = text.find(closing, start + 1, end)
            return close + 1 if close > 0 else end
        # «Hi Marta ... I think «Out of the Basement». Before ... »: quotations inside the message
        depth = 0
        for k in range(start, end):
            ch = text[k]
            if ch == opening:
                depth += 1
            elif ch == closing:
                depth -= 1
                if depth == 0:
                    return k + 1
    return end


# A forum reply or comment by someone other than the poster: "Reply (kiwimum71): ...", "— Reply from
# Bazza63: ...", "Reply from user “grey_owl”: ...", "Comment (member 0457): ..."; or a line by a
# handle ("painwarrior88: ...") in a thread whose header names the poster ("OP = fibro_fi", "OP:
# saoirse_b", "analysed author: OP (wren_77)", "thread started by Bluebell_mum")
_REPLY_LINE_RE = re.compile(
    r"(?im)^[ \t]*(?:[-–—•*>][ \t]*)?(?:(?:reply|comment|response)(?:[ \t]*\(|[ \t]+(?:from|by)\b)[^:\n]{0,40}|([A-Za-z][\w.-]{1,30})(?:[ \t]*\((?:u/)?([\w.-]{1,30})?[^()\n]{0,30}\))?)"
    r"[ \t]*:[ \t]*(?=\S)(.*)$"
)
_POSTER_RE = re.compile(
    r"(?i:\b(?:op|analy[sz]ed\s+author|post(?:ed)?\s+by|(?:thread\s+)?started\s+by)\b)"
    r"(?:[ \t]*[:=(]?[ \t]*(?i:op\b)?)*[ \t]*[:=(]?[ \t]*[“\"]?(?:u/)?([A-Za-z][\w.-]{1,30})"
)
_REPLY_HINTS = ("reply", "comment", "response", "op", "post", "started by", "author")


def _handle_like(label: str) -> bool:
    """A forum user name: a word with a digit or an underscore in it ("painwarrior88", "jonno_b")."""
    return any(ch.isdigit() or ch == "_" for ch in label) and not label.isdigit()


def _other_posters(doc: Doc, text: str, regions: list[int]) -> None:
    """In a forum thread the client wrote (author mode), replies and comments by other users are
    another person's words to the end of their line; the poster's own lines ("OP (Dazza_NZ): ...")
    stay the client's. A line by a user name counts only when the header names the poster."""
    if ":" not in text or not may_hold(text.lower(), _REPLY_HINTS):
        return  # (most texts are no thread)
    posters = {m.group(1).lower() for m in _POSTER_RE.finditer(text)} - {"op", "user", "member"}
    for m in _REPLY_LINE_RE.finditer(text):
        handle = m.group(1)
        if handle is not None:
            # "MOD (ocd_mod_ben):", "OP (Dazza_NZ):": the user name in the parenthesis decides
            inner = m.group(2)
            name = inner if inner and _handle_like(inner) else handle
            low = name.lower()
            if not posters or low in posters or handle.lower() == "op" or not _handle_like(name):
                continue
        rng = _token_range(doc, m.start(), m.end(3))  # (the label too: "gentle_giraffe" is no act)
        if rng:
            for i in range(*rng):
                if regions[i] == CLIENT:
                    regions[i] = OTHER


# A block of the client's words under a header that names the client: "Ciara's list (copied with
# consent): I am a sister. ...", "Tom's answers:" (the name must be the client's, see client_names)
_NAMED_BLOCK_RE = re.compile(
    r"(?<![\w.])([A-Z][a-z]+)['’]s[ \t]+(?:own[ \t]+)?(?:(?:typed|handwritten|written)[ \t]+)?"
    r"(?:" + "|".join(sorted(cues.CLIENT_BLOCK_NOUNS)) + r")\b[^:\n]{0,80}:[ \t]*(?=\S)"
)


def _named_client_blocks(doc: Doc, text: str, regions: list[int]) -> None:
    """The client's own words after "<client's name>'s list / answers / words (...):", to the end of
    the line (another person's list, "Mum's list:", is not the client's)."""
    if "s " not in text or ":" not in text:
        return
    for m in _NAMED_BLOCK_RE.finditer(text):
        if not any(m.group(1) == name for name in client_names(doc)):
            continue
        end = text.find("\n", m.end())
        end = _through_quotation(text, m.end(), len(text) if end < 0 else end)
        rng = _token_range(doc, m.end(), end)
        if rng:
            for i in range(*rng):
                if regions[i] == NARRATION:
                    regions[i] = CLIENT


# Timestamped message lines with no sender label ("[21:14] ok so i didnt cut."), under a header
# that names them the client's messages ("Between-session messages (client consented ...)")
_STAMPED_LINE_RE = re.compile(r"(?m)^[ \t]*\[\d{1,2}[:.]\d{2}(?:[ \t]*[ap]m)?\][ \t]*(?=\S)(.*)$")
_MESSAGES_HEADER_RE = re.compile(r"(?i)\b(?:messages?|texts?|texted|sms|whats ?app|dms?|chat)\b")
_WORD_RE = re.compile(r"[a-z]+")
_SENDER_LABEL_RE = re.compile(r"[A-Za-z][\w .'’()-]{0,24}:\s")


def _stamped_client_messages(doc: Doc, text: str, regions: list[int]) -> None:
    """Message lines that open with a bare time stamp and name no sender are the client's when the
    header before them is about the client's messages and names no one else (a relative, the
    therapist); a line with a label ("[21:14] Mum: ...") is a turn and read as such."""
    if "[" not in text:
        return
    lines = list(_STAMPED_LINE_RE.finditer(text))
    if len(lines) < 2 or any(_SENDER_LABEL_RE.match(m.group(1)) for m in lines):
        return
    header = text[: lines[0].start()]
    words = set(_WORD_RE.findall(header.lower()))
    if (
        not _MESSAGES_HEADER_RE.search(header)
        or words.isdisjoint(cues.CLIENT_LABELS | cues.CLIENT_NOUNS)
        or not words.isdisjoint(cues.OTHER_LABELS | cues.OTHER_PERSON_NOUNS)
        or not words.isdisjoint(cues.THERAPIST_LABELS | cues.THERAPIST_NOUNS)
    ):
        return
    for m in lines:
        rng = _token_range(doc, m.start(1), m.end(1))
        if rng:
            for i in range(*rng):
                if regions[i] == NARRATION:
                    regions[i] = CLIENT


def compute_regions(doc: Doc) -> tuple[list[int], list[Quote]]:
    """Per-token region codes and the quotations of ``doc``."""
    doc_text = _clauses.doc_text

    text = doc_text(doc)
    regions = [AUTHOR_REGION.get()] * len(doc)
    if regions and regions[0] == CLIENT:
        header = _record_header_end(text)
        if header:
            # "Letter to my younger self (read aloud in session 8; typed up by client):": the
            # record's header over the client's own text is the clinician's
            rng = _token_range(doc, 0, header)
            if rng:
                for i in range(*rng):
                    regions[i] = NARRATION
    doc.user_data[SECTIONS_KEY] = section_kinds(doc, text) if ":" in text else None
    # transcript turns and client-written blocks
    bracketed = _BRACKET_TURN_RE.finditer(text) if "[" in text else ()
    turns = _TURN_RE.finditer(text) if may_hold(text, _TURN_WORDS) else ()
    for m in itertools.chain(turns, bracketed):
        if m.re is _BRACKET_TURN_RE:
            label = m.group(1).strip().lower()
            if label not in cues.CLIENT_LABELS and not _therapist_label(label):
                continue
        code = _label_code(doc, m.group(1), m.start(1))
        if code is None:
            # a section label before the speaker's ("D: Pt: I'm always the one who cancels.")
            m = _NESTED_TURN_RE.match(text, m.start(2))
            code = None if m is None else _label_code(doc, m.group(1), m.start(1))
            if m is None or code is None:
                continue
        # 'Cl: "...". Said it helped. She chose to stay.': the turn is the quotation; the
        # narration after it on the same line is the clinician's
        end = _through_quotation(text, m.start(2), m.end(2))
        if end < m.end(2) and _goes_on_in_first_person(text[end : m.end(2)]):
            end = m.end(2)  # 'C: “The Good Girl.” I hated her.': the speaker goes on in the first person
        rng = _token_range(doc, m.start(2), end)
        if rng:
            for i in range(*rng):
                regions[i] = code
    _inline_turns(doc, text, regions)
    _said_colon_lines(text, doc, regions)
    _named_client_blocks(doc, text, regions)
    _stamped_client_messages(doc, text, regions)
    if AUTHOR_REGION.get() == CLIENT:
        _other_posters(doc, text, regions)
    # (every match holds a colon and the client's role word: many notes skip the scan)
    blocks = (
        finditer_at_words(_CLIENT_BLOCK_RE, text, _CLIENT_BLOCK_STARTS)
        if ":" in text and may_hold(text, _CLIENT_BLOCK_HINTS)
        else ()
    )
    block_starts: set[int] = set()
    for m in blocks:
        block_starts.add(m.end())
        end = text.find("\n\n", m.end())
        # a quoted message: the clinician's remark after it is the clinician's
        end = _through_quotation(text, m.end(), len(text) if end < 0 else end)
        rng = _token_range(doc, m.end(), end)
        if rng:
            for i in range(*rng):
                regions[i] = CLIENT
    quotes: list[Quote] = []
    spans = find_quotes(text)
    ranges = [_token_range(doc, start, end) for start, end in spans]
    # the tokens of every quotation -> its speaker, once decided (quotations in a list)
    listed = {i: -1 for rng in ranges if rng for i in range(*rng)} if len(spans) > 1 else None
    for (start, end), rng in zip(spans, ranges, strict=True):
        if rng is None:
            continue
        ts, te = rng
        outer = regions[ts]
        speaker = _quote_speaker(doc, ts, te, listed)
        if outer == THERAPIST and speaker == CLIENT:
            speaker = THERAPIST
        elif start - 1 in block_starts:
            speaker = (
                CLIENT  # the quoted message itself, right after its header ("pasted with consent: “...”")
            )
        quotes.append(Quote(start, end, start - 1, end, speaker))
        for i in range(ts, te):
            regions[i] = speaker
            if listed is not None:
                listed[i] = speaker
    return regions, quotes


# (at the end: clauses imports this module; the functions above read clauses' helpers through the
# module at call time; an import inside each function cost ~5 us per call, ~20 calls per note)
from . import clauses as _clauses  # noqa: E402
