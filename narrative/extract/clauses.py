"""Clause analysis shared by the self-description and agency extractors.

Walks each sentence's dependency tree once and returns :class:`Unit` records: one
per clause whose subject is the client (or whose object is the client under an
outside agent), with its voice, the speech frame it sits in, and its character
span following the annotation guidelines (subject to end of clause, speech frames
and trailing punctuation left out, own-subject conjuncts split off).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

import numpy
from spacy.attrs import (
    DEP,
    HEAD,
    IDX,
    IS_ALPHA,
    IS_PUNCT,
    IS_QUOTE,
    IS_SPACE,
    IS_STOP,
    IS_TITLE,
    LEMMA,
    LOWER,
    ORTH,
    POS,
    SPACY,
    TAG,
)
from spacy.tokens import Doc, Span, Token

from ..lang.en import cues
from . import straighten
from . import voice as v

CLAUSE_DEPS = frozenset(
    {"ROOT", "ccomp", "conj", "advcl", "parataxis", "xcomp", "relcl", "acl", "pcomp", "dep"}
)
SUBJ_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
# children cut from a clause span when they trail it
SPLIT_HEADS = frozenset({"be", "become", "feel", "describe", "see", "call", "refer", "remain", "seem"})
CUT_MARKS = frozenset(
    {"because", "since", "after", "so", "cos", "cause", "although", "though", "while", "whereas", "until"}
)


@dataclass(slots=True)
class Unit:
    """One candidate clause."""

    head: int  # token index of the clause head
    subj: int  # token index of the subject, -1 for a subjectless fragment
    start: int  # token span [start, end)
    end: int
    voice: str  # quoted / reported / clinician
    self_subject: bool  # the subject is the client
    frame: int = -1  # token index of the reporting verb (frame included in span when frame_in_span)
    frame_in_span: bool = False
    question: bool = False
    hypothetical: bool = False
    generic_you: bool = False
    tokens: list[int] = field(default_factory=list)


def subject_of(tok: Token) -> Token | None:
    """The subject of ``tok``; of two (a label misparsed as a subject, "Group: Client said"), the
    one nearest before it."""
    doc = tok.doc
    found = subject_index(token_table(doc), tok.i)
    return doc[found] if found >= 0 else None


def last_mark(table: TokenTable, lo: int, hi: int, marks: tuple[str, ...] = (";",)) -> int:
    """The index of the last token in [lo, hi) whose text is one of ``marks`` (a semicolon by
    default), -1 when none: where a note fragment after a semicolon starts."""
    texts = table.text
    for j in range(hi - 1, lo - 1, -1):
        if texts[j] in marks:
            return j
    return -1


def object_before(table: TokenTable, head: int, c: int) -> bool:
    """Does ``head`` have a (non-reflexive) object before its child ``c``? A reflexive there is
    emphatic ("called 911 herself afterwards"), not the self the verb is about."""
    return any(
        table.dep[o] == "dobj" and o < c and table.lower[o] not in cues.REFLEXIVES
        for o in table.children[head]
    )


def subject_index(table: TokenTable, i: int) -> int:
    """:func:`subject_of` by token index: the subject's index, -1 when none."""
    dep = table.dep
    found = -1
    for c in table.children[i]:
        if dep[c] in SUBJ_DEPS:
            if found >= 0 and c > i:
                break
            if found >= 0 and table.lower[c] in ("'s", "’s"):
                continue  # "The grog’s been running the show": a contracted "has" read as a second subject
            found = c
    if 0 <= found < i and _label_as_subject(table, found, i):
        return -1
    if 0 <= found < i and last_mark(table, found + 1, i) >= 0:
        return -1  # "Fewer days in bed; got up and dressed": a note fragment after the semicolon
    if found < 0 and dep[i] == "ccomp":
        # "He told me the pain “just takes over”": the parser hangs the clause's subject on "told" as
        # its object, after the hearer
        h = table.head[i]
        kids = table.children[h]
        if table.lemma[h].lower() in ("tell", "warn", "remind", "assure", "inform") and any(
            dep[c] == "dative" or dep[c] == "dobj" and c < i and table.pos[c] == "PRON" for c in kids
        ):
            objs = [c for c in kids if dep[c] == "dobj" and c < i and table.pos[c] in ("NOUN", "PROPN")]
            if objs and not any(dep[c] in ("ccomp", "xcomp") for c in kids if c != i):
                return objs[-1]
    return found


_LABEL_ARROWS = frozenset({"↑", "↓", "→", "->"})
_LABEL_DASHES = frozenset({":", "—", "–", "-"})


def _label_as_subject(table: TokenTable, c: int, i: int) -> bool:
    """A line's rating label parsed as the subject of the act recorded after it ("Work/school ↑ —
    picked up 2 extra shifts": "↑" as subject; "Coping – progress: uses grounding"): the act is a
    subjectless note fragment.

    Narrower than :func:`_label_subject`, which the clause walk applies with the voice regions at
    hand: here, for every caller of :func:`subject_index`, only a word that cannot be a person (an
    arrow, a domain label before a dash) is dropped; "Her sister – finally – went" keeps its subject."""
    if table.text[c] in _LABEL_ARROWS:
        return True
    return table.lower[c] in cues.DOMAIN_LABELS and any(
        # (not a hyphen inside a word: "Relationships (setback): his ex-wife has stopped ...")
        table.text[j] in _LABEL_DASHES and not _word_hyphen(table, j)
        for j in range(c + 1, i)
    )


def _word_hyphen(table: TokenTable, j: int) -> bool:
    """Is token ``j`` a hyphen inside a word, with no space on either side ("ex-wife", "self-harmed")?"""
    return table.text[j] == "-" and j > 0 and not table.ws[j] and not table.ws[j - 1]


def subtree_indices(table: TokenTable, i: int) -> list[int]:
    """Indices of ``doc[i].subtree`` (``i`` and all its descendants; not in text order)."""
    out = [i]
    stack = [i]
    children = table.children
    while stack:
        kids = children[stack.pop()]
        out.extend(kids)
        stack.extend(kids)
    return out


def inherited_subject(tok: Token) -> Token | None:
    """The subject of a clause head, following shared-subject coordination and xcomp."""
    doc = tok.doc
    table, cur = token_table(doc), tok.i  # (by index: no Token per step)
    for _ in range(6):
        subj = subject_index(table, cur)
        if subj >= 0:
            return doc[subj]
        if table.dep[cur] in ("conj", "xcomp") and table.head[cur] != cur:
            cur = table.head[cur]
            continue
        return None
    return None


def is_client_referent(tok: Token, region: int) -> bool:
    """Does ``tok`` (a subject) refer to the client, given its region?"""
    doc, i = tok.doc, tok.i
    table = token_table(doc)
    low = table.lower[i]
    if region == v.CLIENT:
        return (
            low == "i"
            or (low == "part" and _has_first_person_child(tok))
            or _people_like_me(tok)
            or _dialect_first_person(table, i)  # "Me is a proud man", "Mi never perfect"
        )
    if region != v.NARRATION:
        return False
    if low in cues.CLIENT_SUBJECT_PRONOUNS:
        return True
    if low == "you":
        return v.addressed_to_client(doc)  # a letter to the client: "you told it to wait"
    deps, kids = table.dep, table.children[i]
    if low in cues.CLIENT_NOUNS:
        return not any(deps[c] == "poss" for c in kids)
    if table.text[i] in v.client_names(doc):  # "Client (Jess) said ... Jess used headphones ..."
        return not any(deps[c] == "poss" for c in kids)
    if table.text[i] in introduced_names(doc):  # "Declan M. – session 14. Declan rang Monday ..."
        return not any(deps[c] == "poss" for c in kids) and not _named_by_someone_else(table, i)
    if v.client_compound(tok):  # "Service user reports ...", but not "another service user"
        return not any(deps[c] == "poss" or table.lower[c] in cues.OTHER_MEMBER_DETERMINERS for c in kids)
    return False


def _dialect_first_person(table: TokenTable, i: int) -> bool:
    """A Caribbean first-person subject "me" / "mi" of a finite verb ("Me is a proud man", "Mi cyaan
    stop them"), not "me and Tama" (a shared subject), "for me to disappear" or "Me, applying"."""
    head = table.head[i]
    return (
        table.lower[i] in cues.DIALECT_FIRST_PERSON_SUBJECTS
        and table.dep[i] == "nsubj"
        and not any(table.dep[c] == "conj" for c in table.children[i])
        and i + 1 < len(table.text)
        and table.text[i + 1] != ","  # (not "Me, applying for things")
        # a finite verb, not "for me to disappear"
        and (
            table.tag[head] in ("VBZ", "VBP", "VBD")
            or any(table.dep[c] == "aux" and table.lower[c] != "to" for c in table.children[head])
        )
    )


INTRODUCED_KEY = "narrative.introduced_names"
_AGE_RE = re.compile(r"^\d{1,3}$")


def introduced_names(doc: Doc) -> frozenset[str]:
    """Names a care record introduces as its subject without a role word: a name with an initial
    in the note's first line ("Declan M. – session 14.", "SA Group s6 – Linh N.", "OT note for
    Simone K., inpatient ward"), or a name given with an age anywhere ("Chloe (17) completed
    breakfast ...", "Kamran (24) was detained ...", "Mrs Joan Firth, 77, was diagnosed ...").
    Such a name is the client wherever it acts ("Linh did not do the café homework"), as a name
    :func:`voice.client_names` finds by a role word is.

    Not a name after a possessive or a relation noun ("her son Jack (8)", "partner Sam (34)"): someone
    in the client's life.
    """
    found = doc.user_data.get(INTRODUCED_KEY)
    if found is not None:
        return found
    table = token_table(doc)
    text = doc_text(doc)
    first_end = text.find("\n")
    first_end = len(text) if first_end < 0 else first_end
    names: set[str] = set()
    n = len(table.text)
    # (only a word before an initial or an age can be one: "(", "," or a word ending in ".")
    texts = table.text
    for i in [j - 1 for j in range(1, n) if texts[j] in ("(", ",") or texts[j].endswith(".")]:
        word = table.text[i]
        if not (word[:1].isupper() and word.isalpha() and len(word) > 1 and not word.isupper()):
            continue
        low = word.lower()
        if low in cues.NOT_CLIENT_NAME_WORDS or low in cues.CLIENT_NOUNS or doc.vocab[low].is_stop:
            continue  # ("Session 4", "Client (34)": a client noun is the client already)
        if table.pos[i] in ("VERB", "AUX", "ADJ", "ADV"):
            continue  # ("Met J. at the cafe", "Capital S.")
        # the run of capitalised words this one ends ("Mrs Agnes McLeod")
        j = i
        while (
            j + 1 < n
            and table.text[j + 1][:1].isupper()
            and table.text[j + 1].isalpha()
            and len(table.text[j + 1]) > 1
        ):
            j += 1
        if j != i:
            continue  # (the run's last word decides; every word of it is added below)
        lo = i
        while lo - 1 >= 0 and table.text[lo - 1][:1].isupper() and table.text[lo - 1].rstrip(".").isalpha():
            lo -= 1
        b = lo - 1
        while b >= 0 and table.text[b] in (":", "(", ",", "-", "–", "—"):
            b -= 1  # ("Counsellor: Anna K.", "partner (Sam, 34)")
        if b >= 0 and (table.tag[b] == "PRP$" or table.lower[b].rstrip(".") in cues.OTHER_PERSON_ROLE_WORDS):
            continue
        nxt = table.text[i + 1] if i + 1 < n else ""
        initial = v._initials_text(nxt) and nxt.endswith(".") and table.idx[i] < first_end
        aged = (
            i + 2 < n
            and nxt in ("(", ",")
            and _AGE_RE.match(table.text[i + 2]) is not None
            and 3 <= int(table.text[i + 2]) <= 110
            and (i + 3 >= n or table.text[i + 3] in (")", ",", "y", "yo", "y/o", "years"))
        )
        if initial or aged:
            names.update(
                table.text[k]
                for k in range(lo, i + 1)
                if table.lower[k].rstrip(".") not in cues.HONORIFIC_WORDS and table.text[k].isalpha()
            )
    found = frozenset(names)
    doc.user_data[INTRODUCED_KEY] = found
    return found


def _named_by_someone_else(table: TokenTable, i: int) -> bool:
    """Is subject ``i`` inside what another named person said ("Sunita said Priya “was always the
    easy child.”", "Hemi said Sione is “the rock of this group”"): that person's view of the client,
    not the client's own claim?"""
    h = table.head[i]
    if table.dep[h] != "ccomp":
        return False
    frame = table.head[h]
    if table.lemma[frame].lower() not in cues.REPORTING_VERBS:
        return False
    speaker = subject_index(table, frame)
    return speaker >= 0 and table.pos[speaker] == "PROPN" and table.text[speaker] != table.text[i]


def _has_first_person_child(tok: Token) -> bool:
    return any(t.lower_ in ("me", "her", "him") for t in tok.subtree if t.i != tok.i)


def _people_like_me(tok: Token) -> bool:
    if tok.lower_ not in (
        "people",
        "someone",
        "somebody",
        "anyone",
        "person",
        "girls",
        "guys",
        "men",
        "women",
    ):
        return False
    return any(c.lower_ == "like" and any(g.lower_ in ("me", "us") for g in c.children) for c in tok.children)


def _sentence_end_char(doc: Doc, i: int, limit: int) -> str:
    table = token_table(doc)
    texts, punct = table.text, table.punct
    for j in range(i, limit):
        t = texts[j]
        if t in (".", "!", "?", "?!", "!?", "...", "…") or (punct[j] and "?" in t):
            return "?" if "?" in t else t
    return ""


def _is_question(doc: Doc, unit_start: int, unit_end: int, sent_end: int) -> bool:
    table = token_table(doc)
    closes_quote = unit_end < sent_end and table.text[unit_end] in ("”", '"')
    if closes_quote and (unit_end + 1 >= sent_end or "?" not in table.text[unit_end + 1]):
        # 'Said “people like me don’t get better” and asked “what’s the point?”': the quotation
        # ends without a question mark; the sentence's is another quotation's
        pass
    elif (
        _sentence_end_char(doc, unit_end, sent_end) == "?"
        and not _later_quote_asks(table, unit_end, sent_end)
        and not _tag_question(table, unit_start, sent_end)
    ):
        return True
    if table.lower[unit_start] in (
        "what",
        "why",
        "how",
        "who",
        "am",
        "is",
        "are",
        "do",
        "does",
        "did",
        "would",
        "could",
        "can",
        "should",
        "will",
    ):
        # inversion: auxiliary before the subject
        return table.dep[unit_start] in ("aux", "ROOT", "advmod", "attr", "nsubj", "dobj") and (
            _sentence_end_char(doc, unit_start, sent_end) == "?"
            or _unpunctuated_inversion(doc, unit_start, sent_end)
        )
    return False


def _later_quote_asks(table: TokenTable, unit_end: int, sent_end: int) -> bool:
    """Does the sentence's first end mark after the unit sit inside a quotation that opens after
    the unit ('She described herself as "a terrible mother" and asked me, "What kind of mum
    ...?"')? Then the question is the later quotation's, not the unit's."""
    texts, ws = table.text, table.ws
    opened = False
    for j in range(unit_end, sent_end):
        t = texts[j]
        if t == "“" or t == '"' and not opened and (j == 0 or ws[j - 1]) and not ws[j]:
            opened = True
        elif t in ("”", '"'):
            opened = False
        elif t in (".", "!", "?", "?!", "!?", "...", "…") or (table.punct[j] and "?" in t):
            return opened
    return False


# Words of a question tag after a statement ("I booked this session, didn't I?", "I'm trying,
# alright?", "I got the bus licence, did I tell you?", "I was just the ill one, you know?")
_TAG_WORDS = frozenset(
    {"am", "did", "do", "does", "is", "was", "are", "were", "have", "has", "had", "can", "could", "will"}
    | {"wo", "would", "n't", "not", "i", "you", "it", "he", "she", "they", "we", "tell", "know"}
    | {"see", "right", "alright", "ok", "okay", "eh", "yeah", "innit", "huh", "mind"}
)


def _tag_question(table: TokenTable, unit_start: int, sent_end: int) -> bool:
    """Is the sentence's question mark after the unit a question tag's, set off by a comma
    ("I booked this session, didn't I?", "I'm trying, alright?")? Then the unit is a statement."""
    texts = table.text
    j = next((k for k in range(unit_start, sent_end) if "?" in texts[k] and table.punct[k]), -1)
    if j < 0:
        return False
    comma = next((k for k in range(j - 1, unit_start, -1) if texts[k] == ","), -1)
    return (
        comma >= 0
        and table.pos[unit_start] != "AUX"  # (not "Is it me, or is it them, you know?")
        and 1 <= j - comma - 1 <= 4
        and all(low in _TAG_WORDS for low in table.lower[comma + 1 : j])
    )


def _unpunctuated_inversion(doc: Doc, unit_start: int, sent_end: int) -> bool:
    """A question typed without its question mark, as in forum posts and chats: an auxiliary
    before "i" / "you" in a sentence with no end mark at all ("am i just going to be like this
    forever", "do you ever get used to it"); not "Am I ...?" (the mark decides) nor a statement."""
    table = token_table(doc)
    nxt = unit_start + 1
    return (
        nxt < sent_end
        and table.lower[nxt] in ("i", "you")
        and table.dep[nxt] == "nsubj"
        and _sentence_end_char(doc, unit_start, sent_end) == ""
    )


HYPO_WORDS = frozenset({"if", "unless", "wish", "wished", "wishes", "suppose", "would", "'d", "’d", "only"})


def sentence_words(doc: Doc, i: int) -> frozenset[str]:
    """Lower-case words of the sentence holding token ``i`` (a per-token list, built once per doc)."""
    of = doc.user_data.get("narrative.sent_words.of")
    if of is None:
        lower = token_table(doc).lower
        of = []
        for a, b in sentence_bounds(doc):
            of += [frozenset(lower[a:b])] * (b - a)
        doc.user_data["narrative.sent_words.of"] = of
    if 0 <= i < len(of):
        return of[i]
    start, end = sentence_of(doc, i)  # (an index past the doc: sentence_of's own fallback)
    return frozenset(token_table(doc).lower[start:end])


# Verbs of control whose "if" clause is what they settle ("the panic decides if I go in"); an
# open question ("I don't know if I'm getting better") stays blocked with the hypotheticals
_WHETHER_VERBS = frozenset({"decide", "choose", "determine", "dictate"})


def _is_hypothetical(head: Token) -> bool:
    doc, h = head.doc, head.i
    if HYPO_WORDS.isdisjoint(sentence_words(doc, h)):
        return False
    table = token_table(doc)
    deps, lows, lemmas, children = table.dep, table.lower, table.lemma, table.children
    for child in children[h]:
        if lemmas[h].lower() in _WHETHER_VERBS and child > h and deps[child] in ("advcl", "ccomp"):
            continue  # "the panic decides if I go in": "if" = whether, an embedded question
        if deps[child] == "advcl" and any(lows[g] == "even" for g in children[child]):
            continue  # "I'm still a father, even if people don't know what to say": a concession
        if deps[child] in ("advcl", "ccomp") and any(
            lows[m] in ("if", "unless") and deps[m] in ("mark", "advmod") for m in children[child]
        ):
            return True
        if lows[child] in ("if", "unless") and deps[child] == "mark":
            return True
    cur = h
    for _ in range(4):
        if any(deps[m] == "mark" and lows[m] in ("if", "unless") for m in children[cur]):
            return True
        if lemmas[cur] == "wish" or (lemmas[cur] == "suppose" and cur == sentence_of(doc, cur)[0]):
            return True
        if table.head[cur] == cur or deps[cur] not in ("ccomp", "xcomp", "conj", "advcl"):
            break
        cur = table.head[cur]
        if lemmas[cur] in ("wish",):
            return True
    # counterfactual "I'd have given up", "would have left"
    auxes = [lows[c] for c in children[h] if deps[c] in ("aux", "auxpass")]
    if any(a in ("would", "'d") for a in auxes) and "have" in auxes:
        return True
    start, end = sentence_of(doc, h)
    words = lows[start:end]
    return any(
        a == "what" and b == "if" or a == "if" and b == "only" for a, b in zip(words, words[1:], strict=False)
    )


def span_tokens(
    doc: Doc, head: Token, *, left_limit: int, exclude_own_subject_conj: bool = True
) -> tuple[int, int]:
    """Token span of the clause headed by ``head`` under the guidelines' boundary rules."""
    table = token_table(doc)
    texts, lowers, deps, lemmas, kids = table.text, table.lower, table.dep, table.lemma, table.children
    h = head.i
    cut: set[int] = set()
    split_conj = lemmas[h] in SPLIT_HEADS
    # (a child's left edge can only be a bracket when the doc's text holds one)
    text = doc_text(doc)
    brackets = "(" in text or "[" in text
    for c in kids[h]:
        dep = deps[c]
        if brackets and c > h and dep != "conj" and texts[doc[c].left_edge.i] in ("(", "["):
            cut.update(subtree_indices(table, c))
            continue
        if dep == "conj" and (
            subject_index(table, c) >= 0
            or lemmas[c] in cues.REPORTING_VERBS
            or split_conj
            or lemmas[c] in SPLIT_HEADS
        ):
            if exclude_own_subject_conj:
                cut.update(subtree_indices(table, c))
                cut.update(x for x in kids[h] if deps[x] == "cc" and x < c and x > h)
        elif (
            dep == "conj" and c > h and last_mark(table, h + 1, c) >= 0 and _after_own_semicolon(table, h, c)
        ):
            # "completed cardiac rehab; walks 40 minutes daily", "Played a set at an open mic Fri;
            # left before the last song": a note's fragments after a semicolon are clauses of their
            # own, each its own span (the conjunct is visited as its own unit)
            cut.update(subtree_indices(table, c))
        elif dep in ("parataxis",):
            cut.update(subtree_indices(table, c))
        elif dep == "advcl" and c > h:
            marks = {lowers[m] for m in kids[c] if deps[m] in ("mark", "advmod")}
            # (not "feel like the family disappointment though": a noun phrase misparsed as a clause)
            if marks & CUT_MARKS and not ("like" in marks and table.pos[c] == "NOUN"):
                cut.update(subtree_indices(table, c))
        elif dep == "advcl" and c < h:
            marks = {lowers[m] for m in kids[c] if deps[m] in ("mark", "advmod")}
            if not marks & {"even", "though", "although", "when"} or "even" not in marks:
                cut.update(subtree_indices(table, c))
        elif dep == "relcl" and c > h and texts[doc[c].left_edge.i - 1] == ",":
            cut.update(subtree_indices(table, c))
        elif dep in ("cc",) and c < h:
            cut.add(c)
        elif dep in ("intj", "discourse") or (
            dep == "advmod" and lowers[c] in cues.DISCOURSE_MARKERS and c < h
        ):
            cut.update(subtree_indices(table, c))
        elif (
            dep == "punct"
            and c < h
            and texts[c] in (",", ";", ":", "-", "–", "—")
            and not (c == h - 1 and _word_hyphen(table, c))  # (not the hyphen of "self-harmed")
            or dep in ("mark",)
            and c < h
        ):
            cut.add(c)
        elif dep == "ccomp" and c < h:
            cut.update(subtree_indices(table, c))
    start, end = max(head.left_edge.i, left_limit), head.right_edge.i + 1
    if "which" in sentence_words(doc, h):
        for j in range(h + 1, end):
            # ', which we noted as a marked change': the clinician's comment on what the client said
            if deps[j] == "relcl" and _commentary(doc, doc[j]):
                cut.update(subtree_indices(table, j))
    # contiguous region around the head (its subtree's extent): stop at cut tokens
    lo = head.i
    while lo - 1 >= start and (lo - 1) not in cut:
        lo -= 1
    hi = head.i + 1
    while hi < end and hi not in cut:
        hi += 1
    start, end = _without_status_tag(doc, head.i, lo, hi)
    return trim(doc, start, end)


def _after_own_semicolon(table: TokenTable, h: int, c: int) -> bool:
    """Is the last semicolon between head ``h`` and its conjunct ``c`` a child of ``h`` or ``c`` (the
    two clauses' boundary), not inside a list the first clause holds ("bought bread; milk; eggs and
    went home")? And is the conjunct a verb?"""
    semi = last_mark(table, h + 1, c)
    return table.head[semi] in (h, c) and table.pos[c] in ("VERB", "AUX")


def _without_status_tag(doc: Doc, head: int, start: int, end: int) -> tuple[int, int]:
    """[start, end) without a closing parenthesised progress tag: "stayed for the whole afternoon
    (progress)", 'Still calls herself "the problem child" (no change)'."""
    if "(" not in doc_text(doc):
        return start, end  # (no token can be "(")
    table = token_table(doc)
    texts = table.text
    opens = [j for j in range(head + 1, end) if texts[j] == "("]
    if not opens:
        return start, end
    p = opens[-1]
    close = next((j for j in range(p + 1, len(texts)) if texts[j] == ")"), len(texts))
    label = " ".join(table.lower[p + 1 : close])
    if label in cues.PROGRESS_LABELS and all(table.punct[close:end]):
        return start, p
    return start, end


def _commentary(doc: Doc, rel: Token) -> bool:
    """A non-restrictive relative clause whose subject is the clinician ("..., which we noted");
    not a client's own "we" ("decides everything, where we go")."""
    subj = subject_of(rel)
    if subj is None or subj.lower_ not in cues.THERAPIST_NOUNS or rel.left_edge.lower_ != "which":
        return False
    j = rel.left_edge.i - 1
    while j >= 0 and doc[j].is_quote:
        j -= 1
    return j >= 0 and doc[j].text == ","


_QUOTE_CHARS = re.compile("[\"'`“”‘’«»„‹›]")


def trim(doc: Doc, start: int, end: int) -> tuple[int, int]:
    """Drop leading punctuation/markers and trailing punctuation, keeping a closing quote that
    pairs with a quote mark opened inside the span."""
    table = token_table(doc)
    lower, punct = table.lower, table.punct
    while start < end and (
        punct[start] or lower[start] in ("and", "but", "so", "or", "then", "|") and start + 1 < end
    ):
        if lower[start] == "then" and table.dep[start] == "advmod":
            break
        start += 1
    # (a pipe-table cell's bar, which the tagger may read as a noun, is punctuation too)
    while end > start and (punct[end - 1] or table.space[end - 1] or lower[end - 1] == "|"):
        end -= 1
    # a dangling coordinator left by a cut conjunct: "Part of me wants to get better and"
    while end - 1 > start and lower[end - 1] in ("and", "but", "or", "so") and table.dep[end - 1] == "cc":
        end -= 1
        while end > start and (punct[end - 1] or table.space[end - 1]):
            end -= 1
    # re-attach a closing quote whose opening mark is inside the span (one pass, and none at all
    # when the span's text holds no quote character)
    opened = 0
    if end > start and _QUOTE_CHARS.search(doc_text(doc), table.idx[start], table.end_char(end - 1)):
        for k in range(start, end):
            if table.quote[k]:
                tag = table.tag[k]
                opened += 1 if tag == "``" else -1 if tag == "''" else 0
    j = end
    while opened > 0 and j < len(doc) and punct[j]:
        if table.quote[j]:
            end = j + 1
            opened -= 1
            break
        j += 1
    return start, end


def _region_of(regions: list[int], tok: Token) -> int:
    return regions[tok.i]


def _client_referent_fallback(doc: Doc, head: Token, regions: list[int]) -> Token | None:
    """A client noun just before a subjectless verb ("at intake client called herself")."""
    table = token_table(doc)
    lower = table.lower
    j = head.i - 1
    while j >= sentence_of(doc, head.i)[0] and j >= head.i - 3:
        if table.pos[j] in ("ADV", "AUX", "PART") or table.punct[j] and table.quote[j]:
            j -= 1
            continue
        if (lower[j] in cues.CLIENT_NOUNS or lower[j] in cues.CLIENT_SUBJECT_PRONOUNS) and regions[
            j
        ] == v.NARRATION:
            return doc[j]
        break
    return None


SENTS_KEY = "narrative.sents"
_SENTS_OF_KEY = SENTS_KEY + ".of"
TEXT_KEY = straighten.TEXT_KEY  # (filled by the unfold component when it runs)


def doc_text(doc: Doc) -> str:
    """``doc.text``, built once per doc (spaCy rebuilds it on every access)."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        if len(doc) == 0:
            text = doc.text
        else:
            table = token_table(doc)  # (its decoded words; the rule code reads it anyway)
            text = "".join([t + " " if ws else t for t, ws in zip(table.text, table.ws, strict=True)])
        doc.user_data[TEXT_KEY] = text
    return text


def span_text(span: Span) -> str:
    """``span.text``, sliced from the cached doc text (``Span.text`` joins its Tokens' texts)."""
    if span.end <= span.start:
        return ""
    doc = span.doc
    table = token_table(doc)
    return doc_text(doc)[table.idx[span.start] : table.end_char(span.end - 1)]


TABLE_KEY = "narrative.tokens"


@dataclass(slots=True)
class TokenTable:
    """Per-token columns of a parsed Doc, read once with ``Doc.to_array``.

    Indexing a Doc builds a Token each time and every string attribute of a Token is a lookup
    in the StringStore; the rule code reads these plain lists instead (``table.dep[i]`` is
    ``doc[i].dep_``, ``table.head[i]`` is ``doc[i].head.i``, ``table.children[i]`` the indices
    of ``doc[i].children`` in text order, a tuple: one empty tuple serves every leaf). Built on
    first use by :func:`token_table`, after the parse, and shared by every narrative component
    through ``doc.user_data``.
    """

    text: list[str]
    lower: list[str]
    punct: list[bool]
    space: list[bool]
    ws: list[bool]  # a space follows the token (``doc[i].whitespace_``)
    quote: list[bool]
    idx: list[int]
    dep: list[str]
    tag: list[str]
    pos: list[str]
    lemma: list[str]
    head: list[int]
    children: list[tuple[int, ...]]

    def end_char(self, i: int) -> int:
        """Where token ``i`` ends in the text (``doc[i].idx + len(doc[i])``)."""
        return self.idx[i] + len(self.text[i])


_TABLE_ATTRS = [ORTH, LOWER, IS_PUNCT, IS_SPACE, IDX, DEP, TAG, POS, LEMMA, HEAD, IS_QUOTE, SPACY]
_BOOL_COLS = [2, 3, 10, 11]  # IS_PUNCT, IS_SPACE, IS_QUOTE, SPACY
_LIST_COLS = [0, 1, 4, 5, 6, 7, 8]  # the hashes and IDX, read as Python ints
# String-store hash -> string, shared by every doc: a hash stands for one string in any vocab,
# and most words, labels and tags recur from doc to doc (a dict hit is cheaper than a decode)
_STRINGS: dict[int, str] = {}
_STRINGS_MAX = 500_000


def _decode(doc: Doc, hashes: list[int]) -> list[str]:
    memo = _STRINGS
    try:
        return list(map(memo.__getitem__, hashes))
    except KeyError:
        if len(memo) > _STRINGS_MAX:
            memo.clear()
        strings = doc.vocab.strings
        for h in hashes:
            if h not in memo:
                memo[h] = strings[h]
        return list(map(memo.__getitem__, hashes))


# The last doc asked for and its table: the rule code asks ~300 times per note, one doc after
# another (an identity test instead of ``doc.user_data`` and a dict look-up; one tuple, replaced
# whole, so a reader never pairs one doc with another's table)
_LAST_TABLE: tuple[Doc | None, TokenTable | None] = (None, None)


def token_table(doc: Doc) -> TokenTable:
    """The :class:`TokenTable` of ``doc``, built once per doc."""
    global _LAST_TABLE
    last = _LAST_TABLE
    if last[0] is doc:
        return last[1]  # type: ignore[return-value]
    table = doc.user_data.get(TABLE_KEY)
    if table is None:
        n = len(doc)
        arr = doc.to_array(_TABLE_ATTRS) if n else numpy.zeros((0, len(_TABLE_ATTRS)), dtype=numpy.uint64)
        text, lower, idx, dep, tag, pos, lemma = arr[:, _LIST_COLS].T.tolist() if n else ([],) * 7
        # HEAD is the offset to the head, stored unsigned (2**64 - k for -k): read as signed
        heads = (arr[:, 9].view(numpy.int64) + numpy.arange(n)).tolist()
        # (a tuple per token with children and one shared empty tuple for the leaves: fewer
        # containers for the garbage collector to track than a list per token)
        kids: dict[int, list[int]] = {}
        for i, h in enumerate(heads):
            if h != i:
                kids.setdefault(h, []).append(i)
        children: list[tuple[int, ...]] = [()] * n
        for h, below in kids.items():
            children[h] = tuple(below)
        punct, space, quote, ws = (arr[:, _BOOL_COLS] != 0).T.tolist() if n else ([], [], [], [])
        table = TokenTable(
            text=_decode(doc, text),
            lower=_decode(doc, lower),
            punct=punct,
            space=space,
            quote=quote,
            ws=ws,
            idx=idx,
            dep=_decode(doc, dep),
            tag=_decode(doc, tag),
            pos=_decode(doc, pos),
            lemma=_decode(doc, lemma),
            head=heads,
            children=children,
        )
        doc.user_data[TABLE_KEY] = table
    _LAST_TABLE = (doc, table)
    return table


FLAGS_KEY = "narrative.word_flags"
TITLE_RUNS_KEY = "narrative.title_runs"
MENTIONED_KEY = "narrative.mentioned_runs"


@dataclass(slots=True)
class WordFlags:
    """Per-token lexeme flags of a Doc (``alpha[i]`` is ``doc[i].is_alpha``), read with one
    ``Doc.to_array`` when a rule first needs them (few docs do)."""

    alpha: list[bool]
    title: list[bool]
    stop: list[bool]


def word_flags(doc: Doc) -> WordFlags:
    """The :class:`WordFlags` of ``doc``, built once per doc."""
    flags = doc.user_data.get(FLAGS_KEY)
    if flags is None:
        if len(doc):
            cols = doc.to_array([IS_ALPHA, IS_TITLE, IS_STOP]).astype(bool).T.tolist()
        else:
            cols = [[], [], []]
        flags = WordFlags(alpha=cols[0], title=cols[1], stop=cols[2])
        doc.user_data[FLAGS_KEY] = flags
    return flags


def sentence_bounds(doc: Doc) -> list[tuple[int, int]]:
    """(start, end) token bounds of the sentences, computed once per doc."""
    bounds = doc.user_data.get(SENTS_KEY)
    if bounds is None:
        if len(doc) == 0:
            bounds = []
        else:
            starts = numpy.flatnonzero(doc.to_array("SENT_START") == 1).tolist()
            if not starts or starts[0] != 0:
                starts.insert(0, 0)
            bounds = list(zip(starts, starts[1:] + [len(doc)], strict=True))
        doc.user_data[SENTS_KEY] = bounds
    return bounds


def sentence_of(doc: Doc, i: int) -> tuple[int, int]:
    """Bounds of the sentence holding token ``i`` (a per-token list, built once per doc)."""
    of = doc.user_data.get(_SENTS_OF_KEY)
    if of is None:
        of = [b for b in sentence_bounds(doc) for _ in range(b[0], b[1])]
        doc.user_data[_SENTS_OF_KEY] = of
    if 0 <= i < len(of):
        return of[i]
    bounds = sentence_bounds(doc)
    k = bisect.bisect_right([b[0] for b in bounds], i) - 1
    return bounds[max(k, 0)]


def first_word_of_sentence(tok: Token) -> bool:
    """Is ``tok`` the first word of its sentence, after any bullet, dash or line break?"""
    table = token_table(tok.doc)
    j, _ = sentence_of(tok.doc, tok.i)
    while j < tok.i and (table.punct[j] or table.space[j]):
        j += 1
    return j == tok.i


def _self_view_verb_as_subject(subj: Token) -> bool:
    """A fragment's leading self-view verb ("Identifies as ...", "Sees self as ...") that the parser
    read as a plural noun subject of a later verb."""
    if token_table(subj.doc).lower[subj.i] not in cues.FRAGMENT_SELF_VIEW_FORMS:
        return False  # (the word test before the Token's)
    return (
        subj.dep_ == "nsubj"
        and subj.tag_ in ("NNS", "NNPS", "NNP")
        and subj.lower_ in cues.FRAGMENT_SELF_VIEW_FORMS
        and subj.i < subj.head.i
        and any(c.dep_ == "prep" and c.lower_ in ("as", "like") for c in subj.children)
        and first_word_of_sentence(subj)
    )


def verb_read_as_subject(subj: Token) -> bool:
    """A note fragment's leading verb that the parser made the subject of a later word ("- Managed
    to attend daughter's school play Thurs": "Managed" the subject of "play")."""
    return (
        subj.dep_ == "nsubj"
        and subj.tag_ in ("VBD", "VBN")
        and any(c.dep_ == "xcomp" for c in subj.children)
        and first_word_of_sentence(subj)
    )


def lead_act_in_subject(subj: Token) -> int:
    """The index of a note fragment's leading past-tense act verb that the parser read inside the
    subject of a later word ("Accepted PRN lorazepam 1mg at 21:00": "Accepted" a compound of the
    subject "PRN"; "Attended OT cooking grp, made scones": "Attended" the subject of "made"), else -1.
    Only the sentence's first word, and only the past tense of a known act verb
    (cues.LEAD_FRAGMENT_ACT_VERBS), so a name or a noun subject stays a subject."""
    if subj.dep_ not in ("nsubj", "nsubjpass"):
        return -1
    first = subj.left_edge
    if first.i != subj.i and not (first.head.i == subj.i and first.dep_ in ("compound", "amod", "nmod")):
        return -1
    if first.ent_type_ == "PERSON" or first.pos_ == "PRON" or not first_word_of_sentence(first):
        return -1
    if first.i + 1 >= len(subj.doc) or not subj.doc[first.i + 1].is_alpha and first.i == subj.i:
        return -1  # ("Declined." alone)
    verb = subj.head
    if verb.tag_ in ("VBD", "VBN") and not any(c.dep_ in ("dobj", "prep", "prt") for c in verb.children):
        # ("Completed thought record reviewed": the record reviewed, the later verb the clinician's)
        return -1
    return first.i if past_act_base(first.lower_) is not None else -1


def past_base(low: str, verbs: frozenset[str], irregular: dict[str, str]) -> str | None:
    """The verb of ``verbs`` whose past tense ``low`` is, else None: an ``irregular`` form by its
    table, a regular one by its "-ed" ("decided" -> "decide", "stopped" -> "stop", "tried" -> "try")."""
    if low in irregular:
        return irregular[low] if irregular[low] in verbs else None
    if not low.endswith("ed") or len(low) < 5:
        return None
    stem = low[:-2]
    for base in (
        stem,
        low[:-1],
        stem[:-1] if len(stem) > 2 and stem[-1] == stem[-2] else "",
        stem[:-1] + "y",
    ):
        if base and base in verbs:
            return base
    return None


def past_act_base(low: str) -> str | None:
    """The act verb (cues.LEAD_FRAGMENT_ACT_VERBS) whose past tense ``low`` is, else None
    ("accepted" -> "accept", "ate" -> "eat", "skipped" -> "skip")."""
    return past_base(low, cues.LEAD_FRAGMENT_ACT_VERBS, cues.IRREGULAR_PAST_BASES)


class _Sentence:
    """A sentence for the clause walk: its bounds and root, read from the token table (making a
    Span costs ~4 us); any other Span attribute is read from the Span itself."""

    __slots__ = ("doc", "start", "end")

    def __init__(self, doc: Doc, start: int, end: int) -> None:
        self.doc, self.start, self.end = doc, start, end

    @property
    def root(self) -> Token:
        """``Span.root``: the first token in the sentence that is its own head, else spaCy's choice."""
        doc = self.doc
        if "root" not in doc.user_span_hooks:
            heads = token_table(doc).head
            for i in range(self.start, self.end):
                if heads[i] == i:
                    return doc[i]
        return doc[self.start : self.end].root

    def __getattr__(self, name: str):  # noqa: ANN204 - any other Span attribute
        return getattr(self.doc[self.start : self.end], name)


def analyse(doc: Doc, regions: list[int]) -> list[Unit]:
    """All candidate clauses of ``doc``."""
    units: list[Unit] = []
    for start, end in sentence_bounds(doc):
        _visit_sentence(doc, _Sentence(doc, start, end), regions, units)
        fragment = _label_line_fragment(doc, start, end, regions, units)
        if fragment is not None:
            # the label's own unit ("Work: laid off from ...", headed by "Work") gives way to the act
            units[:] = [
                u
                for u in units
                if not (
                    start <= u.head < fragment.head
                    and u.start <= fragment.start < u.end
                    and token_table(doc).pos[u.head] in ("NOUN", "PROPN")
                )
            ]
            units.append(fragment)
        lead = _lead_fragment(doc, start, end, regions, units)
        if lead is not None:
            units.append(lead)
    return units


_LEAD_STOPS = frozenset({";", ":", "—", "–"})


def _lead_fragment(doc: Doc, start: int, end: int, regions: list[int], units: list[Unit]) -> Unit | None:
    """A note's subjectless act that opens a sentence and ends at a semicolon, colon or dash
    before another clause ("Refused evening olanzapine; accepted PRN ...", "Attended 3 AA mtgs this
    wk; got a sponsor", "Skipped the Thursday lab — "I got to the door ...""), when the parser hung
    it on the next clause (as its subject or a modifier) so that no clause of it was made.
    """
    table = token_table(doc)
    texts, tags = table.text, table.tag
    k = start
    while k < end and texts[k] in ("-", "•", "*"):
        k += 1
    if k >= end or regions[k] != v.NARRATION:
        return None
    low = table.lower[k]
    if tags[k] not in _FRAGMENT_HEAD_TAGS and not (
        tags[k] in ("VB", "VBP", "NN", "NNS", "JJ")
        and (low in cues.IRREGULAR_PASTS or low.endswith("ed") and len(low) > 4)
    ):
        return None  # (the word tests before the scan for the stop)
    stop = next((j for j in range(k + 1, end) if texts[j] in _LEAD_STOPS or regions[j] != v.NARRATION), end)
    if stop >= end - 1 or texts[stop] not in _LEAD_STOPS:
        return None  # (a fragment that is the whole sentence has its own parse)
    if table.lemma[k].lower() in ("be", "have") or any(
        k <= u.head < stop or u.start <= k < u.end for u in units
    ):
        return None
    lo, hi = trim(doc, k, stop)
    if hi <= lo + 1:
        return None
    unit = Unit(head=k, subj=-1, start=lo, end=hi, voice="clinician", self_subject=True)
    unit.question = _is_question(doc, lo, hi, end)
    unit.hypothetical = _is_hypothetical(doc[k])
    return unit


# Words between a line's label and the act it records ("progress: still unable to ...",
# "Goal 1: +1, progress – has driven ..."), kept in the span but not the clause head.
_FRAGMENT_LEAD = frozenset({"still", "now", "finally", "also", "successfully", "has", "have", "had"})
_FRAGMENT_HEAD_TAGS = frozenset({"VBD", "VBN"})


def _line_label_mark(doc: Doc, start: int, end: int, regions: list[int]) -> int:
    """The last label mark (":", "–", "→", "]", "):") among a line's first words before any finite
    verb or pronoun ("1. Relationships – progress: ...", "Self-perception: progress – states ..."),
    -1 when the line opens with no label."""
    table = token_table(doc)
    mark = -1
    for j in range(start, min(end, start + 12)):
        if table.text[j] in LABEL_MARKS or table.text[j] == "):":
            mark = j
        elif table.tag[j] in ("VBD", "VBZ", "VBP", "MD", "PRP") or regions[j] != v.NARRATION:
            break
    return mark


def _label_line_fragment(
    doc: Doc, start: int, end: int, regions: list[int], units: list[Unit]
) -> Unit | None:
    """The act recorded after a note line's label, when the parser hung it off the label.

    "1. Relationships – progress: reconnected with two guys ...", "- Coping (progress): Completed
    hierarchy items 1-5", "Goals – setback: still unable to use public toilets": the small parser
    reads the line's label as the head and the act as its modifier, so the walk from the root never
    reaches it. A subjectless past-tense act (or "(un)able") right after the last label mark of the
    line's first words becomes its own clause of the clinician's record.
    """
    table = token_table(doc)
    texts, tags = table.text, table.tag
    mark = _line_label_mark(doc, start, end, regions)
    if mark < 0:
        return None
    k = mark + 1
    # a status between the label and the act ("Relationships: no change; still avoiding ...")
    for j in range(k, min(k + 3, end)):
        if texts[j] in (";", "–", "—", ":", ",") and j > k:
            if " ".join(table.lower[k:j]) in cues.INDICATOR_STATUS_WORDS:
                k = j + 1
            break
    while k < end and (texts[k] in (",", "+1", "+2", "-1", "-2") or table.lower[k] in _FRAGMENT_LEAD):
        k += 1
    if k >= end or regions[k] != v.NARRATION:
        return None
    still = k > mark + 1 and table.lower[k - 1] == "still"
    low = table.lower[k]
    if (
        tags[k] not in _FRAGMENT_HEAD_TAGS
        and table.lower[k] not in ("unable", "able")
        # a past tense the tagger read as a base form or a noun ("Relationships: rang his brother")
        and not (
            tags[k] in ("VB", "VBP", "NN", "NNS")
            and (low in cues.IRREGULAR_PASTS or low.endswith("ed") and len(low) > 4)
        )
        # a safety behaviour that persists: "still avoiding her sister's calls"
        and not (
            still and tags[k] in ("VBG", "VBZ") and table.lemma[k].lower() in cues.SAFETY_BEHAVIOUR_VERBS
        )
    ):
        return None
    head = doc[k]
    if any(start <= u.head < end and u.head >= k for u in units):
        return None  # the parse found the clause itself
    first = mark + 1
    while first < k and texts[first] in (",", "+1", "+2", "-1", "-2"):
        first += 1
    stop = end
    for j in range(k + 1, end):
        if texts[j] in (";", "(") or regions[j] != v.NARRATION:
            stop = j
            break
    lo, hi = trim(doc, first, stop)
    if hi <= lo:
        return None
    unit = Unit(head=k, subj=-1, start=lo, end=hi, voice="clinician", self_subject=True)
    unit.question = _is_question(doc, lo, hi, end)
    unit.hypothetical = _is_hypothetical(head)
    return unit


# Verbs whose xcomp can be a frame kept in the span: "continues to describe herself as", "used to
# call himself"; the aspectual ones a self-view only ("is beginning / has come to see herself as").
CHAIN_FRAME_LEMMAS = frozenset({"continue", "keep", "use", "begin", "start", "come", "learn"})
# speech verbs an aspectual verb can chain as a content frame ("has begun to say he is ...")
CHAIN_SPEECH_LEMMAS = frozenset({"say", "tell", "state", "report", "admit", "insist", "claim", "describe"})


def _frame_kind(tok: Token) -> str:
    """'' for no frame; 'content' when the frame's complement clause is the claim; 'self_view' /
    'nonfinite' when the claim is a secondary predicate of the frame (frame kept in the span)."""
    table = token_table(tok.doc)
    deps, lows, tags, children, i = table.dep, table.lower, table.tag, table.children, tok.i
    lemma = table.lemma[i].lower()
    if lemma not in cues.REPORTING_VERBS and lemma not in cues.SELF_VIEW_VERBS:
        lemma = _fragment_verb_lemma(tok) or lemma
    if (
        lemma not in cues.REPORTING_VERBS
        and lemma not in CHAIN_FRAME_LEMMAS
        and lemma not in cues.SELF_VIEW_VERBS
    ):
        return ""  # (a self-view verb need not report speech: "introduced himself as", "regards herself as")
    kids = children[i]
    if lemma in cues.SELF_VIEW_VERBS and any(
        deps[c] in ("dobj", "npadvmod", "oprd", "nsubj")
        and lows[c] in cues.REFLEXIVES
        and not object_before(table, i, c)  # (not an emphatic reflexive: "called 911 herself afterwards")
        # "considers himself a good son": the reflexive the subject of a small clause
        or deps[c] in ("ccomp", "oprd", "xcomp")
        and any(deps[g] == "nsubj" and lows[g] in cues.REFLEXIVES for g in children[c])
        # not a prefix: "self-referred" is how the client came, not a view of the self
        and not (c + 2 == i and table.text[c + 1] == "-")
        # "thinks of herself as ...", "refers to himself as ...": the reflexive under "of" / "to"
        or deps[c] == "prep"
        and lows[c] in ("of", "to")
        and any(deps[g] == "pobj" and lows[g] in cues.REFLEXIVES for g in children[c])
        for c in kids
    ):
        return "self_view"
    if any(
        (deps[c] == "xcomp" or deps[c] == "acl" and (c == i + 1 or _fragment_frame(tok)))
        and (
            tags[c] == "VBG"
            or tags[c] == "VBN"
            and any(deps[g] == "auxpass" and lows[g] == "being" for g in children[c])
        )
        for c in kids
    ) and lemma in (  # "reports choosing to walk", "reported being "dragged" to A&E"
        "report",
        "describe",
        "endorse",
        "admit",
        "mention",
        "recall",
        "deny",
        "acknowledge",
        "disclose",
    ):
        return "nonfinite"
    if any(
        deps[c] == "ccomp"
        and not _clause_before_semicolon(table, c, i)
        or _subject_xcomp(table, c)
        or _said_as_adverbial(tok, c)
        for c in kids
    ):
        return "content"
    if lemma in CHAIN_FRAME_LEMMAS:  # "continues to describe", "is beginning to see himself as"
        for c in kids:
            # ("has come to see herself as": the parser makes "to see" a purpose clause)
            if deps[c] == "xcomp" or lemma == "come" and deps[c] == "advcl" and tags[c] == "VB":
                kind = _frame_kind(tok.doc[c])
                # an aspectual verb chains a self-view only ("began to say that ..." stays content)
                if (
                    kind
                    and (kind == "self_view" or lemma in ("continue", "keep", "use"))
                    and kind != "content"
                ):
                    return "chain"
                if kind == "content" and deps[c] == "xcomp" and table.lemma[c].lower() in CHAIN_SPEECH_LEMMAS:
                    # "has begun to say he is ...", "keeps saying she is ...": the inner verb's
                    # complement is the claim
                    return "chain_content"
    return ""


def _clause_before_semicolon(table: TokenTable, c: int, i: int) -> bool:
    """Is ``c``, a complement clause the parser hung on verb ``i``, a note's own clause before a
    semicolon ("Safety plan made; he agreed to keep the rifles at his brother's", "Firearm safety
    counseling provided; Vet agreed to gun lock"): not what was said, so ``i`` is no speech frame?
    Not when a quotation stands between (a quoted claim before its frame)."""
    if c > i:
        return False
    semi = last_mark(table, c, i)
    return semi >= 0 and not any(table.quote[j] for j in range(c, i))


# (not "thought": "Thought:" is a thought record's cell)
_IRREGULAR_REPORTING_FORMS = {"said": "say", "told": "tell", "wrote": "write"}


def _fragment_verb_lemma(tok: Token) -> str | None:
    """The reporting verb of a subjectless fragment's first word that the tagger did not read as
    a verb ("Said, through interpreter, that he was ...", "Conceded he is ..." with "Said" a proper
    noun and "Conceded" an adjective), else None."""
    low = token_table(tok.doc).lower[tok.i]
    if low not in _IRREGULAR_REPORTING_FORMS and not low.endswith("ed"):
        return None  # (the word test before the Token's and the sentence's)
    if not tok.is_title or tok.tag_.startswith("VB") or not first_word_of_sentence(tok) or subject_of(tok):
        return None
    low = tok.lower_
    if low in _IRREGULAR_REPORTING_FORMS:
        return _IRREGULAR_REPORTING_FORMS[low]
    if low.endswith("ed"):
        return next((b for b in (low[:-2], low[:-1]) if b in cues.REPORTING_VERBS), None)
    return None


def _said_as_adverbial(frame: Token, c: int) -> bool:
    """Is child ``c`` of a speech verb what was said, read as an adverbial clause because it opens
    with a preposition ('Says since the drought year he's been "a failure ..."'): an advcl with its
    own subject right after a frame that has no complement clause."""
    table = token_table(frame.doc)
    return (
        table.dep[c] == "advcl"
        and table.lemma[frame.i].lower() in CHAIN_SPEECH_LEMMAS
        and frame.doc[c].left_edge.i == frame.i + 1
        and subject_index(table, c) >= 0
        and not any(table.dep[k] == "ccomp" for k in table.children[frame.i])
    )


def _fragment_frame(tok: Token) -> bool:
    """A subjectless report opening its sentence ("Reports using paced breathing on break."),
    which the parser may read as a plural noun with the gerund as its modifier."""
    return (
        tok.tag_ in ("NNS", "NNP", "VBZ")
        and tok.i == sentence_of(tok.doc, tok.i)[0]
        and subject_of(tok) is None
    )


def _subject_xcomp(table: TokenTable, c: int) -> bool:
    """Is token ``c`` an "xcomp" with a subject of its own: a complement clause misparsed ("Y.P.
    stated: I'm not thick, I just can't concentrate")?"""
    return table.dep[c] == "xcomp" and subject_index(table, c) >= 0


def _inverted_frame(doc: Doc, head: Token, subj: Token | None, regions: list[int]) -> bool:
    """Is ``head`` a first-person clause in the narration that a client speech frame before it
    introduces, parsed upside down ("today he said, I'm not worthless, I'm just tired": "said"
    hangs off "'m")? Then the clause is the client's own words without quote marks."""
    if subj is None or subj.lower_ != "i" or regions[subj.i] != v.NARRATION:
        return False
    for child in head.children:
        if child.dep_ not in ("parataxis", "ccomp") or child.i > subj.i:
            continue
        if child.lemma_.lower() not in cues.REPORTING_VERBS:
            continue
        speaker = subject_of(child)
        if speaker is None or regions[speaker.i] != v.NARRATION or v._speaker_of(speaker) != v.CLIENT:
            continue
        if speaker.lower_ == "i":
            continue
        between = doc[child.i + 1 : head.left_edge.i if head.left_edge.i > child.i else subj.i]
        if any(t.text in (",", ":", "-", "–", "—") for t in between) or any(
            t.text in (",", ":") and t.head.i == child.i for t in child.children
        ):
            return True
    return False


def _visit_sentence(doc: Doc, sent, regions: list[int], units: list[Unit]) -> None:  # noqa: ANN001
    """Walk clause heads top-down from the sentence root."""
    table = token_table(doc)
    deps, kids = table.dep, table.children
    stack: list[tuple[Token, str]] = [(sent.root, "")]
    seen: set[int] = set()
    roots_visited = False
    while True:
        if not stack:
            # quotations hung off a label or a noun ("Cl: “I’ve become someone who ...”"): their
            # own clause heads, which the walk from the root does not reach (looked up once: after
            # the walk from them, every one of them has been seen)
            if roots_visited:
                break
            roots_visited = True
            stack = [(t, "") for t in _quote_roots(sent, regions) if t.i not in seen]
            if not stack:
                break
        head, ctx = stack.pop()
        if head.i in seen:
            continue
        seen.add(head.i)
        region = regions[head.i]
        reported = (
            [
                child
                for child in head.children
                if child.dep_ in ("relcl", "acl", "ccomp")
                and child.i > head.i
                and subject_of(child) is not None
            ]
            if not ctx
            and table.lower[head.i] in cues.FRAGMENT_FRAME_FORMS  # (its own first test, before a call)
            and _misparsed_frame(doc, head, sent.start, regions)
            else None
        )
        if reported:
            # "Reports he has started physio": the fragment's reporting verb read as a noun that
            # the reported clause modifies; the clause is the client's reported words
            stack.extend((child, "reported") for child in reported)
            continue
        subj = subject_of(head)
        if subj is not None and _self_view_verb_as_subject(subj):
            # 'Identifies as "an anorexic" but says she is ...': the fragment's self-view verb read as
            # the subject of the next verb; both are the client's (the fragment is its own clause)
            stack.append((subj, ctx))
            subj = None
        lead_i = sent.start
        lead_frame = (
            not ctx
            and table.head[lead_i] == head.i
            and lead_i < head.i
            and deps[lead_i] in ("npadvmod", "dep", "nmod", "advmod")
            and subj is not None
            and table.lower[lead_i] in cues.FRAGMENT_FRAME_FORMS
            and _misparsed_frame(doc, doc[lead_i], sent.start, regions)
        )
        if lead_frame or (
            not ctx
            and subj is not None
            and subj.i > sent.start
            and table.lower[subj.i - 1] in cues.FRAGMENT_FRAME_FORMS
            and _misparsed_frame(doc, doc[subj.i - 1], sent.start, regions)  # (the cheap word test first)
            and _after_line_label(doc, subj.i - 1, sent.start, regions)
        ):
            # "States she is a failure", "Self-perception: progress – states she is ...": the frame
            # read as a modifier of the clause
            ctx = "reported"
        if (
            subj is not None
            and table.lower[subj.i] in cues.FRAGMENT_FRAME_FORMS
            and _misparsed_frame(doc, subj, sent.start, regions)
        ):
            # "States can't cope": the fragment's reporting verb read as a noun subject
            subj, ctx = None, "reported"
        elif subj is not None and _label_subject(doc, subj, head, regions):
            # "Relationships — progress: invited neighbour in": a line's label read as the subject
            subj = None
        elif subj is not None and _misread_fragment_subject(doc, subj, head, sent.start):
            # "Went back to the Tuesday swim w/ her sister", "11:20 Used the weighted blanket": a
            # note fragment's past verb whose "subject" is a word after it or the line's time stamp
            subj = None
        if subj is None and head.dep_ == "conj":
            subj = inherited_subject(head)
        elif subj is None and _asyndetic_frame(table, head.i):
            subj = subject_of(head.head)  # "Client disagreed, said she ...": the first verb's subject
        if subj is None:
            subj = _client_referent_fallback(doc, head, regions)
        subj_region = regions[subj.i] if subj is not None else region
        if subj_region != region and _scare_quoted_subject(subj, regions):
            subj_region = region  # "the “anorexic voice” made her skip ...": a term in quotes, not speech
        frame = _frame_kind(head)
        if frame == "chain_content" and ctx:
            # inside what the client said: the aspectual verb is part of the claim
            frame = "chain" if table.lemma[head.i].lower() in ("continue", "keep", "use") else ""
        if frame and subj is not None and subj_region == v.NARRATION and _symptom_speaker(subj):
            # "the voices have been telling him it is his fault": the symptom in control, not a speaker
            unit = _make_unit(doc, head, subj, _voice_for(ctx, subj_region, region) or "clinician", regions)
            if unit is not None:
                units.append(unit)
            for child in head.children:
                if child.dep_ == "conj":
                    stack.append((child, ctx))
            continue
        # speech frames of the client in the clinician's narration
        if frame and subj_region == v.NARRATION and region != v.CLIENT:
            speaker = v._speaker_of(subj) if subj is not None else v.CLIENT
            if subj is not None and subj.lower_ == "i":
                speaker = v.THERAPIST
            if speaker != v.CLIENT:
                # skip the complement (another person's or the therapist's words); still visit conjuncts,
                # and a clause before the speaker's subject that the parser hung on the frame ("Client
                # described herself as ...; T. (another member) said "same"": the first clause is not T.'s)
                for child in head.children:
                    if child.dep_ == "conj" or (
                        subj is not None
                        and child.i < subj.i
                        and child.dep_ in ("ccomp", "parataxis")
                        and subject_of(child) is not None
                        and last_mark(table, child.i, subj.i, (";", ".")) >= 0
                    ):
                        stack.append((child, ctx))
                continue
            if frame in ("self_view", "nonfinite", "chain"):
                unit = _make_unit(doc, head, subj, "reported", regions, frame_in_span=True)
                if unit is not None:
                    units.append(unit)
                for child in head.children:
                    if child.dep_ in ("conj", "parataxis"):
                        stack.append((child, "reported" if subject_of(child) is not None else ctx))
                    elif (
                        child.dep_ == "ccomp"
                        and child.i < head.i
                        and last_mark(table, child.i, head.i, (";", ".")) >= 0
                    ):
                        # "Thandi said she used to ...; now she sees herself as ...": a clause of its own
                        stack.append((child, ctx))
                continue
            # content frame: visit its complement clauses as reported (an aspectual verb's: its
            # reporting verb's, "has begun to say [he is ...]")
            frame_head, outer = head, []
            if frame == "chain_content":
                frame_head = next(c for c in head.children if c.dep_ == "xcomp")
                outer = [c for c in head.children if c.dep_ in ("conj", "advcl", "parataxis")]
            later = any(c.dep_ == "ccomp" and c.i > frame_head.i for c in frame_head.children)
            for child in [*frame_head.children, *outer]:
                if later and child.dep_ == "ccomp" and child.i < frame_head.i:
                    # "She was quiet, then said she has ...": a clause before a frame that has its
                    # own complement is narration, not what was said
                    stack.append((child, ctx))
                elif (
                    child.dep_ == "ccomp"
                    or _subject_xcomp(table, child.i)
                    or child.dep_ in ("conj", "parataxis")
                    and subject_of(child) is not None
                ):
                    inner = subject_of(child)
                    first_person = (
                        inner is not None
                        and inner.lower_ == "i"
                        and regions[inner.i] == v.NARRATION
                        and _direct_speech(doc, frame_head, child)
                    )
                    # "He said: I'm a writer", "she said, I kept my head": the client's own words
                    # without quote marks; in indirect speech ("he felt I was pushing him", "he
                    # said that I never listen") "I" is the note's writer
                    stack.append((child, "verbatim" if first_person else "reported"))
                elif _said_as_adverbial(frame_head, child.i):
                    stack.append((child, "reported"))  # 'Says since the drought year he's been "..."'
                elif child.dep_ in ("conj", "advcl", "parataxis"):
                    stack.append((child, ctx))
            continue
        if not ctx and _inverted_frame(doc, head, subj, regions):
            ctx = "verbatim"
        verbatim = ctx == "verbatim" and (
            subj is None or subj.lower_ in cues.FIRST_PERSON or subj_region == v.CLIENT
        )
        unit_voice = "quoted" if verbatim else _voice_for(ctx, subj_region, region)
        if (
            unit_voice == "clinician"
            and (subj is not None or _copular(head))
            and section_of(doc, head.i) == "S"
        ):
            # the subjective section holds the client's reported words ("S: Pt feels ..."); a
            # subjectless fragment there ("S: Attended 3/3 gym sessions") is the clinician's record
            unit_voice = "reported"
        if (
            unit_voice == "clinician"
            and subj is not None
            and is_client_referent(subj, subj_region)
            and _in_her_words(doc, head, sent.start)
        ):
            unit_voice = "reported"  # "In her words, she is “a failure”", "as he put it, he was ..."
        h = head.i
        tag = table.tag[h]
        self_view_fragment = (  # (the cheap word and tag tests first)
            region == v.NARRATION
            and (
                table.lemma[h].lower() in cues.FRAGMENT_SELF_VIEW_LEMMAS
                and tag in ("VBZ", "VBD", "VBP")
                or tag in ("NNS", "NNPS", "NNP")
                and table.lower[h] in cues.FRAGMENT_SELF_VIEW_FORMS
            )
            # a view of the self ("Calls herself ...", "Sees self as ...", "Feels like ..."), not a
            # call or a visit ("Called her aunt instead of texting her ex")
            and (
                table.lemma[h].lower() in ("feel", "identify")
                or any(
                    table.lower[c] in cues.REFLEXIVES
                    or table.lower[c] == "self"
                    or deps[c] == "prep"
                    and table.lower[c] in ("as", "like", "to", "of")
                    and not (
                        table.lower[c] == "of" and table.lower[c - 1] == "instead"
                    )  # "Calls his sponsor instead of ..."
                    for c in kids[h]
                )
            )
            and (
                subj is None
                or regions[subj.i] == v.NARRATION
                and is_client_referent(subj, v.NARRATION)
                and any(deps[c] == "prep" and table.lower[c] in ("like", "as") for c in kids[h])
            )
        )
        if self_view_fragment:
            # "Feels like a failure.", "Identifies as an addict.": the client's self-view
            unit = _make_unit(doc, head, subj, "reported", regions, frame_in_span=True)
            if unit is not None:
                units.append(unit)
        elif unit_voice is not None and not _mentioned_quote(doc, head.i, regions):
            unit = _make_unit(doc, head, subj, unit_voice, regions)
            if unit is not None and lead_frame and unit.start == lead_i:
                unit.start += 1
            if unit is not None:
                if verbatim and subj is not None and subj.lower_ in cues.FIRST_PERSON:
                    unit.self_subject = True
                units.append(unit)
        # descend to clauses that get their own span
        if deps[h] == "ROOT" and table.tag[h] == "IN" and first_word_of_sentence(head):
            # "After the redundancy letter he described himself as ...": the parser made the fronted
            # preposition the root and the sentence's clause a relative clause of its object
            for p in kids[h]:
                if deps[p] == "pobj":
                    stack.extend((doc[c], ctx) for c in kids[p] if _clause_as_relative(table, p, c))
        for c in kids[h]:
            dep = deps[c]
            if (
                dep == "conj"
                or dep == "dep"  # (the cheap test first)
                and _asyndetic_frame(table, c)
                or dep in ("parataxis", "advcl")
                and (
                    subject_index(table, c) >= 0
                    # a finite fragment the parser hung on a quotation ("Drove to Santa Fe alone, “didn't
                    # pull over once.”"): its own clause, in its own voice
                    or regions[c] != regions[h]
                    and table.tag[c] in ("VBD", "VBZ", "VBP")
                )
                or dep == "ccomp"
                and (regions[c] != regions[h] or c < h or _discourse_frame(head, subj))
                # a finite clause with its own subject hung on a label noun ("Relationships –
                # progress: she has reconnected with two friends": "reconnected" an acl of "progress")
                or dep in ("acl", "relcl")
                and c > h
                and subject_index(table, c) >= 0
                and table.tag[c] in ("VBD", "VBZ", "VBP", "VBN")
                and any(
                    table.text[j] in LABEL_MARKS
                    # ("Automatic thought (90%): “I’m useless ...”": a thought-record cell, a mention)
                    or table.text[j] == "):"
                    and table.lemma[h].lower() not in cues.MENTION_NOUNS
                    for j in range(h + 1, c)
                )
            ):
                stack.append((doc[c], ctx))
            elif (
                dep == "xcomp"
                and table.lemma[h].lower() in ("want", "need")
                and table.lemma[c].lower()
                in (
                    "say",
                    "tell",
                    "let",
                )
            ):
                # "just wanted to say I ate a sandwich in the canteen": the message, not the wish
                stack.extend((doc[g], ctx) for g in kids[c] if deps[g] == "ccomp")


def _clause_as_relative(table: TokenTable, p: int, c: int) -> bool:
    """Is child ``c`` of noun ``p`` a finite clause with its own (non-relative) subject that the
    parser read as a relative clause of ``p``?"""
    if table.dep[c] != "relcl" or c < p or table.tag[c] not in ("VBD", "VBZ", "VBP"):
        return False
    s = subject_index(table, c)
    return s > p and table.lower[s] not in ("who", "that", "which", "whom", "what")


def _asyndetic_frame(table: TokenTable, c: int) -> bool:
    """A subjectless reporting verb after a comma that the parser hung on the verb before it as an
    unlabelled dependent ("Client disagreed, said she feels like ..."): a second verb of the same
    subject, with its own complement."""
    h = table.head[c]
    return (
        table.dep[c] == "dep"
        and c > h
        and table.text[c - 1] == ","
        and table.tag[c] in ("VBD", "VBZ")
        and table.lemma[c].lower() in cues.REPORTING_VERBS
        and subject_index(table, c) < 0
        and subject_index(table, h) >= 0
    )


def _direct_speech(doc: Doc, frame: Token, complement: Token) -> bool:
    """Can ``complement`` be the client's direct speech after ``frame`` ("He said: I'm a writer")?

    Not when a complementizer opens it ("he said that I ..."), nor, unless a colon, comma or
    dash sets it off, when it refers to the speaker in the third person ("he felt I was
    pushing him", "she said I never listen to her"): there "I" is the note's writer.
    """
    if any(c.dep_ == "mark" for c in complement.children):
        return False
    start = complement.left_edge.i
    if start <= frame.i:
        return True
    between = doc[frame.i + 1 : start]
    if any(t.dep_ == "cc" and t.head.i == frame.i for t in between):
        return False  # "she mentioned X, and I was struck": a second clause, the writer's
    if any(t.text in (",", ":", "-", "–", "—") and t.head.i in (frame.i, complement.i) for t in between):
        return True
    speaker = subject_of(frame)
    own = _THIRD_PERSON_OF.get(speaker.lower_ if speaker is not None else "", ())
    return not any(t.lower_ in own for t in complement.subtree)


_THIRD_PERSON_OF = {
    "he": ("him", "his", "himself"),
    "she": ("her", "hers", "herself"),
    "they": ("them", "their", "theirs", "themselves", "themself"),
}


def _copular(head: Token) -> bool:
    """A copular or self-view clause head ("Used to be "the bookworm"", "Feels like a fraud")."""
    table = token_table(head.doc)
    lemmas = table.lemma
    lemma = lemmas[head.i].lower()
    if lemma in cues.COPULAR_LEMMAS or lemma in cues.FRAGMENT_SELF_VIEW_LEMMAS:
        return True
    deps = table.dep
    return any(
        deps[c] == "xcomp" and lemmas[c].lower() in cues.COPULAR_LEMMAS for c in table.children[head.i]
    )


def _quote_roots(sent, regions: list[int]) -> list[Token]:  # noqa: ANN001 - spaCy Span
    """Verbs inside the client's words whose syntactic head lies outside them."""
    out: list[Token] = []
    if v.CLIENT not in regions[sent.start : sent.end]:
        return out
    doc = sent.doc
    table = token_table(doc)
    heads = table.head
    for i in range(sent.start, sent.end):
        if regions[i] != v.CLIENT:
            continue
        h = heads[i]
        if (
            table.pos[i] in ("VERB", "AUX")  # (the word tests before the walks)
            and table.dep[i] not in ("aux", "auxpass")
            and (regions[h] != v.CLIENT or _hung_on_other_words(table, regions, i, h))
            and (
                table.lemma[h].lower() not in cues.MENTION_NOUNS  # core belief "I am unlovable"
                or _words_label(doc, doc[h], i)
            )
            and not _mentioned_quote(doc, i, regions)
            and not _title_cased_run(doc, i, regions)  # a book title: "The Body Keeps the Score"
        ):
            out.append(doc[i])
    return out


def _hung_on_other_words(table: TokenTable, regions: list[int], i: int, h: int) -> bool:
    """A clause of the client's words that the parser hangs on another quotation ('"I'm loyal",
    "I'm funny"': "funny"'s verb a complement of "loyal"'s) or, with its own subject, on a noun
    ('"Six years with him and now I'm nothing."': "'m" a conjunct of "years")."""
    lo, hi = (i, h) if i < h else (h, i)
    if any(regions[k] != v.CLIENT for k in range(lo, hi)):
        return True  # (the narration between two quotations)
    return (
        table.dep[i] == "conj"
        and table.pos[h] in ("NOUN", "PROPN", "NUM")
        and any(table.dep[c] == "nsubj" for c in table.children[i])
    )


def _words_label(doc: Doc, noun: Token, i: int) -> bool:
    """A label that hands over to the client's words ("Client's own words at last review: "I'm a
    ghost in my own life."", "Key lines: "..."): "words" or "lines" and a colon before the quotation,
    unlike a mention ("the words "I'm useless" came up", "Core belief: "I am unlovable"")."""
    return (
        noun.lemma_.lower() in ("word", "line")
        and noun.i < i
        and any(t.text == ":" for t in doc[noun.i + 1 : i])
    )


def _mentioned_quote(doc: Doc, i: int, regions: list[int]) -> bool:
    """Is token ``i`` inside a quotation that a mention noun introduces ("rated his belief in "I'm
    useless" at 40 percent", "the thought "I'm a failure" came up")? A belief being examined or
    rated is a mention, not the client's claim (guidelines: mentions are not claims)."""
    if regions[i] != v.CLIENT:
        return False
    lo, hi = _region_extent(regions, i)
    # (every token of a quotation asks about the same run: the answer is kept per run and regions)
    memo = doc.user_data.get(MENTIONED_KEY)
    if memo is None or memo[0] is not regions:
        memo = (regions, {})
        doc.user_data[MENTIONED_KEY] = memo
    found = memo[1].get((lo, hi))
    if found is None:
        found = memo[1][(lo, hi)] = _mentioned_run(doc, lo, hi, regions)
    return found


def _mentioned_run(doc: Doc, lo: int, hi: int, regions: list[int]) -> bool:
    """:func:`_mentioned_quote` of the client-region run of tokens [lo, hi]."""
    table = token_table(doc)
    # "mentioned "The Body Keeps the Score"": a quotation in title case names a work, it claims nothing
    words = [table.text[m] for m in range(lo, hi + 1) if table.text[m].isalpha()]
    long_words = [w for w in words if len(w) >= 4]
    if (
        3 <= len(words) <= 10
        and (table.quote[lo] or lo > 0 and table.quote[lo - 1])  # a quotation, not a client's turn
        and words[0][0].isupper()
        and words[0] != "I"
        and len(long_words) >= 2
        and all(w[0].isupper() for w in long_words)
    ):
        return True
    # "Quoted a line from a poem she likes: "I am the weather, not the sky"": a line being cited
    sent_start = sentence_of(doc, lo)[0]
    if any(
        table.lower[m] in cues.CITED_LINE_NOUNS
        and (
            table.lower[m + 1] == "from"  # "a line from a poem she likes: ..."
            # "The line “I am worthy of kindness” made her cry" (not "came on the line: “...”")
            or m >= lo - 2
            and m > 0
            and table.lower[m - 1] in ("the", "a")
            and (m < 2 or table.lower[m - 2] not in ("on", "off", "down", "up"))
        )
        for m in range(max(sent_start, lo - 12), lo)
    ):  # (not "told my line manager, ...", not "key lines: ..." of the client's own narrative)
        return True
    k = hi + 1
    while k < len(doc) and table.punct[k] and table.text[k] not in (".", ",", ";", ":", "!", "?"):
        k += 1
    if (
        k < len(doc)
        and table.lower[k] in cues.MENTIONED_AS_NOUNS
        and k > hi + 1
        # (not a noun opening the next sentence: '"... not a madman." Belief in the voice: 60%')
        and table.text[hi] not in (".", "!", "?")
    ):
        return True  # "the “I’m a fraud” story showing up": the quotation names a story, a thought
    j = lo - 1
    while j >= 0 and table.punct[j]:
        if table.text[j] == ":" and j > 0 and table.lower[j - 1] == "re":
            j -= 1  # "Thought record re: "I'm a liability"": the noun before "re" decides
            break
        if any(ch in table.text[j] for ch in ":()"):
            # "NC: “I am powerless.” PC: “I can protect myself now.”", "Stuck point: "...": a
            # cognition being worked on; "In her words: "..."": a speech frame
            return table.text[j] == ":" and _cognition_label(table.lower, j - 1)
        j -= 1
    if j >= 0 and table.lower[j] in ("in", "that", "of", "about", "re", "re:", "regarding", "with"):
        j -= 1
    if _watched_for(doc, j):
        return True
    if j < 0 or not (table.lower[j] in cues.MENTION_NOUNS or table.lemma[j].lower() in cues.MENTION_NOUNS):
        return False
    if table.tag[j] == "VBG" and any(table.dep[c] in ("aux", "auxpass") for c in table.children[j]):
        # a progressive verb, not the noun: 'you were saying, "I'm a decent dad"' (not "her saying",
        # not "opened by saying", not a thought-record cell the tagger makes a verb, 'Links: thought "..."')
        return False
    if table.lower[j] == "words" and j > 0 and table.lower[j - 1] in ("her", "his", "their", "my", "own"):
        return False  # "In her words, “I’m not the girl who cries in the toilets any more.”": her speech
    if (
        table.tag[j] == "VBG"
        and table.dep[j] == "xcomp"
        and table.lemma[table.head[j]].lower() in ("keep", "start", "begin", "continue", "stop")
    ):
        return False  # 'kept saying "I'm a fool"': the client saying it, again and again, not the noun
    # "the thoughts "run the show"": the noun is the quoted clause's subject, not a mention of it
    return not (table.dep[j] in ("nsubj", "nsubjpass") and regions[table.head[j]] == v.CLIENT)


def _watched_for(doc: Doc, j: int) -> bool:
    """Is token ``j`` the "says" of "notice when she says" / "catch herself each time she thinks",
    right before a quotation: the thought being watched for, not a claim?"""
    table = token_table(doc)
    if j < 2 or table.lemma[j].lower() not in ("say", "think", "tell"):
        return False
    k = j - 2 if table.pos[j - 1] in ("PRON", "PROPN", "NOUN") else j - 1
    if k < 0 or table.lower[k] not in ("when", "whenever", "time"):
        return False
    return any(table.lemma[m].lower() in cues.MONITORING_VERBS for m in range(max(0, k - 4), k))


def _cognition_label(lower: list[str], j: int) -> bool:
    """Does the label ending at token ``j`` name a cognition being worked on (EMDR "NC" / "PC",
    "negative cognition", CPT "stuck point", "core belief")?"""
    if j < 0:
        return False
    word = lower[j]
    if word in cues.COGNITION_LABELS:
        return True
    if word in ("listed", "identified", "elicited", "targeted") and j > 0:
        return _cognition_label(lower, j - 1)  # "Stuck points listed: ‘It was my fault ...’"
    if word in ("point", "points", "belief", "beliefs") and j > 0 and lower[j - 1] in ("stuck", "core"):
        return True
    if (
        word in ("belief", "beliefs", "cognition", "cognitions")
        and j > 0
        and lower[j - 1] in cues.THOUGHT_CELL_WORDS
    ):
        return True  # "Negative belief: “I am powerless.”", "Positive cognition: ..."
    # a thought-record cell, possibly with a day or a rating after it ("Hot thought on Tue:")
    for k in range(j, max(j - 5, 0), -1):
        if lower[k] in ("\n", ".", ";") or lower[k].isspace():
            return False
        if lower[k] in ("thought", "thoughts") and lower[k - 1] in cues.THOUGHT_CELL_WORDS:
            return True
    return False


def _title_cased_run(doc: Doc, i: int, regions: list[int]) -> bool:
    """Is the client-region run around token ``i`` a title-cased name of 2+ words?"""
    lo = hi = i
    while lo - 1 >= 0 and regions[lo - 1] == v.CLIENT:
        lo -= 1
    while hi + 1 < len(doc) and regions[hi + 1] == v.CLIENT:
        hi += 1
    memo = doc.user_data.setdefault(TITLE_RUNS_KEY, {})
    found = memo.get((lo, hi))  # (every verb of a quotation asks about the same run)
    if found is None:
        flags = word_flags(doc)
        alpha, title, stop = flags.alpha, flags.title, flags.stop
        words = [j for j in range(lo, hi + 1) if alpha[j]]
        found = (
            len(words) >= 2
            and all(title[j] or stop[j] and j > lo for j in words)
            and any(title[j] and not stop[j] for j in words[1:])
        )
        memo[(lo, hi)] = found
    return found


def _discourse_frame(head: Token, subj: Token | None) -> bool:
    """A discourse frame around the client's claim: "Truth is I'm a mess inside", "The thing is
    ...", "You know what, I'm actually good at this"."""
    if subj is None:
        return False
    if subj.lower_ in cues.DISCOURSE_FRAME_SUBJECTS and head.lemma_ == "be":
        return True
    return subj.lower_ == "you" and head.lemma_ in ("know", "see") and head.tag_ == "VBP"


def _dropped_i_frame(head: Token) -> bool:
    """A client's thinking or feeling verb with its "I" left out, about "I" ("Still think I'm a
    fraud", "Reckon I'm getting there") or feeling like someone ("Still feel like a rubbish mum
    most days"): present tense, nothing before it but adverbs."""
    if head.lemma_.lower() not in cues.EPISTEMIC_VERBS or head.tag_ not in ("VB", "VBP"):
        return False
    if any(c.i < head.i and c.dep_ not in ("advmod", "neg", "aux", "punct", "cc") for c in head.children):
        return False
    return any(
        c.dep_ == "ccomp"
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ == "i" for g in c.children)
        or head.lemma_.lower() == "feel"
        and c.dep_ == "prep"
        and c.lower_ == "like"
        and any(g.dep_ == "pobj" and g.pos_ == "NOUN" for g in c.children)
        for c in head.children
    )


def _past_fragment(doc: Doc, head: Token, sent_start: int, regions: list[int]) -> bool:
    """A client's verb-initial past-tense or negated-modal clause with its "I" left out ("Booked
    the driving test", "Didn't wait for my dad", "just went", "Couldn't even open the curtains");
    not an imperative ("Go away")."""
    if head.pos_ not in ("VERB", "AUX"):
        return False
    past = (
        head.tag_ in ("VBD", "VBN")
        or head.tag_ == "VB"
        and head.lower_.endswith("ed")
        # "Put my feet flat on the floor and named five blue things": a past conjunct settles it
        or head.tag_ == "VB"
        and any(c.dep_ == "conj" and c.tag_ == "VBD" for c in head.children)
    )
    # a fragment after a semicolon starts there ("Urges 3/5 on Thursday; used ice and paced ..."),
    # and in the client's own diary after its line label ("Fri: rang my sister")
    table = token_table(doc)
    cut = last_mark(table, sent_start, head.i)
    if cut < 0 and regions[head.i] == v.CLIENT:
        label = last_mark(table, sent_start, head.i, _DIARY_MARKS)
        first_word = next((k for k in range(sent_start, head.i) if not doc[k].is_space), head.i)
        if label >= 0 and _label_subject(doc, doc[first_word], head, regions):
            cut = label
            # an irregular past the tagger read as present ("Fri: rang my sister")
            past = past or head.tag_ in ("VBP", "VB") and head.lower_ in cues.IRREGULAR_PASTS
    if regions[head.i] == v.CLIENT:
        # a quotation after the narration ("Skipped the social – “couldn’t face it.”") starts there
        lo = head.i
        while lo > sent_start and regions[lo - 1] == v.CLIENT:
            lo -= 1
        if lo > sent_start:
            cut = max(cut, lo - 1)
    lead = [c for c in head.children if cut < c.i < head.i]
    # (a list number before the fragment: "1. Walked the dog on Inch beach")
    if any(c.dep_ not in ("aux", "neg", "advmod", "punct", "cc") and c.tag_ != "LS" for c in lead):
        return False
    if any(c.dep_ == "aux" and c.lower_ in ("did", "didn't", "had", "been") for c in lead):
        past = True  # ("Been rocking up most days": the perfect's "I've" left out)
    if (
        any(c.dep_ == "aux" and c.lower_ in ("could", "ca", "can", "wo") for c in lead)
        and any(c.dep_ == "neg" for c in lead)
        and head.lemma_.lower() not in cues.NON_AGENTIVE_VERBS  # (not "Couldnt sleep again": a symptom)
    ):
        past = True  # "Couldn't even open the curtains", "Can't face it": a negated modal, the "I" left out
    if any(c.dep_ == "aux" and c.lower_ == "will" for c in lead):
        past = True  # "will ring later": an intention, the "I" left out
    if not past or all(c.is_punct for c in head.children):
        return False  # (a one-word quotation is a word the client used: "(intake: “damaged”)")
    first = max(head.left_edge.i, cut + 1)
    quote = table.quote
    while first < head.i and quote[first]:
        first += 1  # (the parser may hang the opening quote mark on the verb)
    # the clause opens its sentence or follows a comma inside the client's words
    j = first - 1
    while j >= sent_start and quote[j]:
        j -= 1
    opened = j < first - 1  # a quotation opens the clause ('copied to chart: “Just wanted you to know ...')
    return (
        j < sent_start
        or doc[j].text in (",", ";")
        and regions[j] == v.CLIENT
        or j == cut
        and doc[j].text in _DIARY_MARKS
        and regions[j] == v.CLIENT
        or opened
        and doc[j].text in (":", ",", ";", "–", "—", "-")
        and regions[head.i] == v.CLIENT
    )


LABEL_MARKS = frozenset({":", "—", "–", "->", "→", "↑", "↓", "]"})


def _label_subject(doc: Doc, subj: Token, head: Token, regions: list[int]) -> bool:
    """Is ``subj`` a note line's label, cut off from the verb by a colon, dash or arrow
    ("Body/Health ↑ Walked 5 km", "2. Relationships — progress: invited neighbour in")?"""
    if subj.i > head.i:
        return False
    table = token_table(doc)
    texts = table.text
    if regions[subj.i] == v.CLIENT and regions[head.i] == v.CLIENT:
        # the day label of the client's own diary line: "Fri: rang my sister instead of drinking",
        # "Thu 0: took meds" (a day at the line's start, at most three words before the colon)
        i = first = subj.i
        while first > 0 and _diary_stamp(texts[first - 1]) and not doc[first - 1].is_space:
            first -= 1  # ("6/3 18:40 – Went to the VFW fish fry": the date before the time)
        colon = next((k for k in range(i + 1, min(i + 4, head.i)) if texts[k] in _DIARY_MARKS), -1)
        return (
            colon > 0
            and (table.lower[i].rstrip(".") in cues.DIARY_DAY_LABELS or _diary_stamp(texts[i]))
            and (
                first == 0
                or "\n" in doc[first - 1].whitespace_
                or doc[first - 1].is_space
                and "\n" in texts[first - 1]
            )
        )
    if regions[subj.i] != v.NARRATION or regions[head.i] != v.NARRATION:
        return False
    if texts[subj.i] in LABEL_MARKS:
        return True
    # a mark glued to a bracket counts too ("Work/School (progress): Submitted ...": "):")
    marks = [j for j in range(subj.i + 1, head.i) if texts[j] in LABEL_MARKS or texts[j].endswith(":")]
    if not marks:
        return False
    # a noun phrase after the mark is the clause's own subject, misparsed into the label
    # ("Relationships (setback): his ex-wife has stopped the visits", "the interview went well")
    return not any(
        table.dep[k] in ("poss", "det") and table.lower[k] in _OWN_SUBJECT_DETERMINERS
        for k in range(marks[-1] + 1, head.i)
    )


def _misread_fragment_subject(doc: Doc, subj: Token, head: Token, sent_start: int) -> bool:
    """Is ``subj`` a misparse in a subjectless note fragment whose past-tense verb opens the line:
    a word after the verb ("Went to the gym twice last wk": "last"; "went to 2 meetings this wk":
    "this"), or the time and day stamp before it ("11:20 Used the weighted blanket", "Mon 16:02
    went to school")? Not a quotative inversion ("said she"), nor a question."""
    table = token_table(doc)
    low = table.lower[head.i]
    if not (table.tag[head.i] == "VBD" or low in cues.IRREGULAR_PASTS):
        return False
    if table.lemma[head.i].lower() in cues.REPORTING_VERBS or any(
        table.dep[c] in ("aux", "auxpass") for c in table.children[head.i]
    ):
        return False
    if not any(table.dep[c] in ("dobj", "prep", "prt", "xcomp") for c in table.children[head.i]):
        return False  # ("02:00 checked, asleep": a bare verb, the staff's round)
    first = sent_start
    while first < head.i and (table.punct[first] or table.space[first]):
        first += 1
    if subj.i > head.i:
        _, sent_end = sentence_of(doc, head.i)
        return first == head.i and "?" not in table.text[head.i : sent_end]
    return all(
        table.punct[k]
        or table.space[k]
        or _diary_stamp(table.text[k])
        or table.lower[k].rstrip(".") in cues.DIARY_DAY_LABELS
        for k in range(first, head.i)
    )


_DIARY_MARKS = (":", "–", "—")
_DIARY_STAMP_RE = re.compile(r"^\d{1,2}(?:[:.]\d{2}|/\d{1,2}(?:/\d{2,4})?)$")


def _diary_stamp(text: str) -> bool:
    """A time or a date that opens a diary or message line ("18:40", "6/3", "21.15")."""
    return bool(_DIARY_STAMP_RE.match(text))


_OWN_SUBJECT_DETERMINERS = frozenset({"his", "her", "their", "the", "a", "an"})


def _after_line_label(doc: Doc, i: int, sent_start: int, regions: list[int]) -> bool:
    """Does token ``i`` open the record after a note line's label ("Self-perception: progress –
    states she is ...", "Coping [progress]: reports ...")?"""
    return i > sent_start and _line_label_mark(doc, sent_start, sentence_of(doc, i)[1], regions) == i - 1


def _client_conj_head(doc: Doc, i: int, regions: list[int]) -> bool:
    """Is the verb that token ``i`` is coordinated with the client's (its subject the client)?"""
    table = token_table(doc)
    s = subject_index(table, table.head[i])
    return s >= 0 and is_client_referent(doc[s], regions[s])


def _misparsed_frame(doc: Doc, subj: Token, sent_start: int, regions: list[int]) -> bool:
    """Is ``subj`` a fragment's leading reporting verb that the parser took for a noun?"""
    table, i = token_table(doc), subj.i
    if regions[i] != v.NARRATION or table.lower[i] not in cues.FRAGMENT_FRAME_FORMS:
        return False
    deps = table.dep
    if (
        i > sent_start
        and not all(table.punct[sent_start:i])
        and not _after_line_label(doc, i, sent_start, regions)
        # "Cl thinks of self as ... but reports he went ...": the second verb of a shared subject
        and not (
            deps[i] == "conj" and table.lower[i - 1] in ("but", "and") and _client_conj_head(doc, i, regions)
        )
    ):
        return False
    return not any(deps[c] in ("det", "poss", "amod", "compound") for c in table.children[i])


def section_of(doc: Doc, i: int) -> str:
    """The SOAP/DAP section ("S", "O", "A", "P") token ``i`` sits in, "" when none."""
    sections = doc.user_data.get(v.SECTIONS_KEY)
    return sections[i] if sections else ""


_IN_HER_WORDS_RE = re.compile(
    r"(?i)\b(?:in\s+(?:her|his|their|the\s+client['’]s|the\s+patient['’]s)\s+(?:own\s+)?words"
    r"|as\s+(?:she|he|they)\s+(?:put|puts|phrased|phrases|said|says)\s+it"
    r"|to\s+use\s+(?:her|his|their)\s+(?:own\s+)?words"
    # an attribution opening the sentence: "Per client, she is ...", "According to the pt, he ..."
    r"|(?:^|(?<=[.!?;:]\s)|(?<=[.!?;:]\s\s))\W{0,3}(?:per|according\s+to)\s+(?:the\s+)?(?:client|pt|patient|self[- ]report|her|him|them)(?=\s*,))\b",
    re.MULTILINE,
)


def _in_her_words(doc: Doc, head: Token, sent_start: int) -> bool:
    """Does a parenthetical before the clause in its sentence ("In her own words", "as he put it")
    give what follows as the client's words (the clause is reported, not the clinician's)?"""
    text = doc_text(doc)
    idx = token_table(doc).idx
    return _IN_HER_WORDS_RE.search(text, idx[sent_start], idx[head.i]) is not None


def _symptom_speaker(subj: Token) -> bool:
    """Is the subject of a speech frame a symptom ("the voices", "the OCD", "his anxiety")?"""
    return subj.lower_ not in ("it", "she", "he", "they") and bool(
        {t.lower_ for t in subj.subtree} & cues.SYMPTOM_AGENTS
    )


def _scare_quoted_subject(subj: Token | None, regions: list[int]) -> bool:
    """Is ``subj`` a noun with a quoted term inside its own phrase ("the “anorexic voice”", "“the
    Grey”"), the quotation reaching no further than the phrase (a name for a thing, not speech)?"""
    if subj is None or subj.pos_ not in ("NOUN", "PROPN"):
        return False
    lo, hi = _region_extent(regions, subj.i)
    return subj.left_edge.i <= lo and hi <= subj.right_edge.i


def _region_extent(regions: list[int], i: int) -> tuple[int, int]:
    """First and last token of the run of tokens around ``i`` that share its region."""
    r = regions[i]
    lo = hi = i
    while lo - 1 >= 0 and regions[lo - 1] == r:
        lo -= 1
    while hi + 1 < len(regions) and regions[hi + 1] == r:
        hi += 1
    return lo, hi


def _voice_for(ctx: str, subj_region: int, head_region: int) -> str | None:
    if subj_region == v.CLIENT:
        return "quoted"
    if subj_region == v.NARRATION:
        return "reported" if ctx == "reported" else "clinician"
    return None


_LIMIT_MARKS = frozenset({":", "]", "):", "–", "—", "↑", "↓", "→", "->"})
MARKS_KEY = "narrative.limit_marks"


def _limit_marks(doc: Doc) -> list[int]:
    """Indices of the tokens that limit a clause span on the left (a label's colon, a bracket,
    a dash or an arrow), built once per doc."""
    marks = doc.user_data.get(MARKS_KEY)
    if marks is None:
        marks = [j for j, t in enumerate(token_table(doc).text) if t in _LIMIT_MARKS]
        doc.user_data[MARKS_KEY] = marks
    return marks


class _Bounds:
    __slots__ = ("start", "end")

    def __init__(self, start: int, end: int) -> None:
        self.start, self.end = start, end


def _make_unit(
    doc: Doc, head: Token, subj: Token | None, voice: str, regions: list[int], *, frame_in_span: bool = False
) -> Unit | None:
    sent = _Bounds(*sentence_of(doc, head.i))
    subj_region = regions[subj.i] if subj is not None else regions[head.i]
    self_subject = subj is not None and is_client_referent(subj, subj_region)
    if subj is not None and voice == "clinician" and not self_subject and verb_read_as_subject(subj):
        self_subject = True  # "- Managed to attend ... school play Thurs": a fragment, "Managed" misparsed
    if subj is not None and voice == "clinician" and not self_subject and lead_act_in_subject(subj) >= 0:
        self_subject = True  # "Accepted PRN lorazepam 1mg", "Attended OT cooking grp, made scones"
    if subj is None and voice in ("clinician", "reported"):
        self_subject = True  # subjectless note fragment: the client is the implied subject
    elif subj is None and voice == "quoted" and _past_fragment(doc, head, sent.start, regions):
        self_subject = True  # "Booked the driving test.", "Didn't tell anyone, just went.": "I" left out
    elif subj is None and voice == "quoted" and _dropped_i_frame(head):
        self_subject = True  # "Still think I'm a fraud there": the frame's "I" left out
    left_limit = sent.start
    # the nearest limit mark before the head in the sentence and the head's region
    marks = _limit_marks(doc)
    k = bisect.bisect_left(marks, head.i) - 1
    while k >= 0 and marks[k] >= sent.start:
        if regions[marks[k]] == regions[head.i]:
            left_limit = marks[k] + 1
            break
        k -= 1
    # a clause inside a quotation never reaches outside it
    inside = regions[head.i] == v.CLIENT and (subj is None or regions[subj.i] == v.CLIENT)
    if inside:
        lo = head.i
        while lo - 1 >= sent.start and regions[lo - 1] == v.CLIENT:
            lo -= 1
        left_limit = lo
    start, end = span_tokens(doc, head, left_limit=left_limit)
    if (
        subj is not None
        and subj.i < start
        and subj.i >= left_limit
        and subj.head.i != head.i
        and (head.dep_ == "xcomp" or head.dep_ == "ccomp" and subj.dep_ == "dobj")  # (see subject_index)
    ):
        start = subj.left_edge.i
        start, end = trim(doc, start, end)
    if subj is None and (semi := last_mark(token_table(doc), start, head.i)) >= 0:
        start, end = trim(doc, semi + 1, end)  # "No self-harm since June; uses ice": after the semicolon
    if inside:
        hi = head.i
        while hi + 1 < sent.end and regions[hi + 1] == v.CLIENT:
            hi += 1
        end = min(end, hi + 1)
        start, end = trim(doc, start, end)
    if end <= start:
        return None
    unit = Unit(
        head=head.i,
        subj=subj.i if subj is not None else -1,
        start=start,
        end=end,
        voice=voice,
        self_subject=self_subject,
        frame_in_span=frame_in_span,
    )
    unit.question = _is_question(doc, start, end, sent.end)
    unit.hypothetical = _is_hypothetical(head)
    # "you" is generic ("you can't show weakness"), unless a letter to the client means the client
    unit.generic_you = (
        subj is not None
        and subj.lower_ == "you"
        and not self_subject
        # (not in the client's letter to the problem: "Dear Depression, ... You made me quit uni")
        and not (voice == "quoted" and v.addressed_to_symptom(doc))
    )
    return unit
