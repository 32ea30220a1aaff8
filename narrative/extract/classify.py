"""Classify clause units as self-description or agency, with polarity and attributes."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterator
from dataclasses import dataclass, field, replace
from typing import Any

from spacy.tokens import Doc, Token

from ..lang.en import cues
from . import voice as v
from .clauses import (
    TokenTable,
    Unit,
    doc_text,
    first_word_of_sentence,
    inherited_subject,
    lead_act_in_subject,
    object_before,
    past_act_base,
    past_base,
    span_text,
    subject_index,
    subject_of,
    subtree_indices,
    token_table,
    verb_read_as_subject,
)
from .clauses import sentence_of as sentence_of_token
from .valence import load_lexicon, polarity_word, reports_no_change, text_valence

SELF_OBJ = frozenset({"me", "myself", "him", "her", "himself", "herself", "them", "themselves"})


@dataclass(slots=True)
class Label:
    """The classification of one unit."""

    type: str  # self_description / agency
    polarity: str
    kind: str | None = None  # agency_kind
    evidence: list[str] = field(default_factory=list)
    cues: list[str] = field(default_factory=list)
    attrs: dict[str, Any] = field(default_factory=dict)


BE_FORMS = frozenset({"'m", "'s", "'re", "am", "is", "are", "was", "were", "be", "been", "being"})
FREEZE_FORMS = frozenset(
    {
        "froze",
        "freeze",
        "freezes",
        "frozen",
        "freezing",
        "panicked",
        "panic",
        "collapsed",
        "crumbled",
        "caved",
    }
)
SPAN_LIFT = frozenset({"use", "keep", "continue", "start", "begin", "seem", "tend", "used", "learn"})


def lemma(tok: Token) -> str:
    """Lemma with curly apostrophes folded, contracted "be" forms and known mis-lemmatised
    forms resolved ("rated" -> "rate", not "rat")."""
    table, i = token_table(tok.doc), tok.i  # (plain lists: no Token built for the neighbour)
    low = table.lower[i].replace("’", "'")
    if low in BE_FORMS and table.pos[i] in ("AUX", "VERB"):
        return "be"
    if low in ("s", "m", "re") and i > 0 and not table.ws[i - 1] and table.pos[i - 1] == "PRON":
        return "be"  # typed without the apostrophe: "hes a burden", "shes a better mom", "im done"
    return cues.LEMMA_FIXES.get(low) or table.lemma[i].lower().replace("’", "'")


def _children(tok: Token, *deps: str) -> list[Token]:
    return [c for c in tok.children if c.dep_ in deps]


def _auxes(tok: Token) -> list[Token]:
    return [c for c in tok.children if c.dep_ in ("aux", "auxpass", "neg")]


def _negated(tok: Token) -> bool:
    table = token_table(tok.doc)
    low, dep, children, i = table.lower, table.dep, table.children, tok.i
    kids = children[i]
    if any(low[c] == "longer" and any(low[g] == "no" for g in children[c]) for c in kids):
        return True  # "no longer avoids the road"
    if any(
        dep[c] == "neg"
        # "I decide now, not my husband": "not" denies another agent, not the act
        and not (
            c > i
            and c >= 1
            and low[c - 1] == ","
            and c + 1 < len(low)
            and table.pos[c + 1] in ("DET", "PRON", "PROPN")
        )
        or low[c] in ("never", "no", "nobody", "nothing")
        and dep[c] in ("neg", "advmod", "det", "nsubj", "dobj")
        # "I can say no now", "said no to the extra shifts": refusing is the act, not its negation
        and not (low[c] == "no" and table.lemma[i].lower() in ("say", "tell") and c > i)
        for c in kids
    ):
        return True
    return any(dep[c] in ("attr", "dobj") and any(low[g] == "no" for g in children[c]) for c in kids)


def claim_negated(doc: Doc, unit: Unit) -> bool:
    """Does a negator scope over the claim itself?

    Negators inside a subordinate clause of the span ("a coward for not visiting his dad",
    "someone who doesn't give up") and negative pronouns used as the predicate ("I feel like a
    nobody", "I'm nothing") do not negate the claim."""
    table = token_table(doc)
    lows, deps, heads, h = table.lower, table.dep, table.head, unit.head
    for i in range(unit.start, min(unit.end, len(lows))):
        low = lows[i].replace("’", "'")
        if low not in cues.NEGATORS:
            continue
        if low in cues.NEGATOR_SUBJECTS | {"no one"} and deps[i] in ("attr", "pobj", "dobj", "oprd", "appos"):
            continue
        if heads[i] != h and deps[heads[i]] in ("appos", "conj") and heads[heads[i]] != h:
            continue  # "a survivor, not a victim": a contrasted alternative, not the claim
        cur, inside = i, False
        for _ in range(8):
            if cur == h or heads[cur] == cur:
                break
            if deps[cur] in cues.SUBORDINATE_DEPS:
                inside = True
                break
            cur = heads[cur]
        if not inside:
            return True
    return False


def _lex(words: list[str]) -> int:
    score = 0
    for w in words:
        if w in cues.NEGATIVE_WORDS:
            score -= 1
        elif w in cues.POSITIVE_WORDS:
            score += 1
    return score


def _content_words(doc: Doc, start: int, end: int, skip: set[int] | None = None) -> list[str]:
    table = token_table(doc)
    lows, lemmas, punct = table.lower, table.lemma, table.punct
    out = []
    for i in range(start, min(end, len(lows))):
        if skip and i in skip:
            continue
        if punct[i]:
            continue
        out.append(lows[i])
        if lemmas[i].lower() != lows[i]:
            out.append(lemmas[i].lower())
    return out


def _hedged(doc: Doc, start: int, end: int) -> bool:
    # ("I think of myself as ..." is a self-view frame, not a hedge)
    text = (" " + " ".join(token_table(doc).lower[start:end]) + " ").replace(" i think of ", " i view ")
    if any(
        f" {h} " in text
        for h in (
            "maybe",
            "perhaps",
            "probably",
            "i guess",
            "i think",
            "i suppose",
            "kind of",
            "sort of",
            "kinda",
            "part of me",
            "it 's like",
            "it’s like",
            "it's like",
            "i feel like",
        )
    ):
        return True
    return " like something" in text or " like i " in text


def _temporal(doc: Doc, unit: Unit, head: Token, kind: str) -> str:
    table = token_table(doc)
    words = " " + " ".join(table.lower[unit.start : unit.end]) + " "
    if kind == "self_description" and (
        words.startswith(" now ")
        or any(
            m in words
            for m in (
                " anymore ",
                " any more ",
                " no longer ",
                " not the same ",
                " done being ",
                " rather than ",
                " becoming ",
                " who i was ",
                " now refers ",
            )
        )
        or " now " in words
        and head.lemma_ in ("become", "be", "say")
    ):
        return "contrast"
    kids = table.children[head.i]
    auxes = [table.lower[c] for c in kids if table.dep[c] in ("aux", "auxpass")]
    if any(a in ("will", "'ll", "shall", "gon") for a in auxes) or (
        head.lower_ == "going" and any(table.dep[c] == "xcomp" for c in kids)
    ):
        return "future"
    if head.lemma_ in ("want", "hope", "plan", "intend") and head.tag_ in ("VBP", "VBZ"):
        return "future"
    if " used to " in words:
        return "past"
    if (
        kind == "self_description"
        and head.lemma_ in ("be", "become")
        and any(a in ("have", "has", "'ve", "'s") for a in auxes)
    ):
        return "present"
    if head.tag_ == "VBD" or any(a in ("was", "were", "did", "had", "could", "'d") for a in auxes):
        if head.lemma_ in ("say", "tell", "state") and head.i < unit.start:
            return "present"
        return "past"
    if head.tag_ == "VBN" and any(a in ("have", "has", "'ve", "had") for a in auxes):
        return "past"
    if head.tag_ == "VBG" and any(
        a in ("has", "have", "had", "was", "were", "'ve") for a in [table.lower[c] for c in kids]
    ):
        return "past"
    if head.tag_ == "VBN" and not auxes and head.dep_ == "ROOT":
        return "past"
    return "present"


# ---------------------------------------------------------------- self-descriptions


def _copula_predicate(head: Token) -> Token | None:
    """The predicate of a copular clause headed by ``head`` ("am" -> "failure")."""
    if lemma(head) not in cues.COPULAR_LEMMAS:
        return None
    for c in head.children:
        if c.dep_ in ("attr", "acomp", "oprd") and c.i > head.i and c.lower_ not in ("what", "who"):
            return c
    if head.lower_ in ("m", "s", "re"):
        # "im a screwup", "shes such a mess": after a copula typed without its apostrophe the parser
        # may hang the predicate as an adverbial or a bare dependent
        for c in head.children:
            if (
                c.dep_ in ("npadvmod", "dep", "dobj")
                and c.i > head.i
                and (
                    c.pos_ == "ADJ"
                    or c.pos_ in ("NOUN", "PROPN")
                    and any(g.dep_ in ("det", "predet") for g in c.children)
                )
            ):
                return c
    for c in head.children:
        if (
            c.dep_ == "prep"
            and c.lower_ in ("like", "through", "between", "in", "at")
            and head.lemma_ in ("be", "become")
        ):
            return c
    for c in head.children:
        if (
            c.dep_ == "advmod"
            and c.lower_ in ("here", "there")
            and any(a.lower_ == "still" for a in head.children)
        ):
            return c
        if (
            c.dep_ == "prep"
            and c.lower_ == "of"
            and c.i > 0
            and head.doc[c.i - 1].lower_ in ("kind", "sort")
            and head.doc[c.i - 1].head.i == c.i
        ):
            # "she is “kind of the black sheep”": the parser hangs the noun on "of"
            return next((g for g in c.children if g.dep_ == "pobj"), None)
    return None


def _takes_reflexive(tok: Token) -> bool:
    """Does ``tok`` have a reflexive child, or one under its "of" ("sees herself", "thinks of herself")?"""
    table = token_table(tok.doc)
    return any(
        c.lower_ in cues.REFLEXIVES
        and not object_before(table, tok.i, c.i)  # (not an emphatic reflexive: "called 911 herself")
        or c.dep_ == "prep"
        and c.lower_ == "of"
        and any(g.dep_ == "pobj" and g.lower_ in cues.REFLEXIVES for g in c.children)
        for c in tok.children
    )


def did_fragment(doc: Doc, unit: Unit) -> bool:
    """A note fragment "Did the <task> ..." whose "Did" the parser made the auxiliary of a noun
    (the reading of a question), in a sentence that is not a question."""
    if token_table(doc).lower[unit.start] != "did":
        return False  # (the word test before any Token)
    head = doc[unit.head]
    first = doc[unit.start]
    if first.lower_ != "did":
        return False
    if first.i == head.i:
        # "Did the exposure.": "Did" the root, the task its subject after it, no other verb
        if not any(c.dep_ == "nsubj" and c.i > head.i for c in head.children) or any(
            c.pos_ in ("VERB", "AUX") for c in head.children
        ):
            return False
    elif first.dep_ != "aux" or first.head.i != head.i or head.pos_ not in ("NOUN", "PROPN"):
        return False
    if any(c.dep_ == "nsubj" and c.pos_ == "PRON" for c in head.children):
        return False  # "Did she go": a question without its mark
    start, end = sentence_of_token(doc, unit.start)
    if unit.start != start and doc[unit.start - 1].text not in (":", ".", "“", '"', "«"):
        return False  # (the fragment opens its sentence, a label or a quotation)
    return "?" not in doc[unit.start : end].text


def _counts_time(doc: Doc, unit: Unit) -> bool:
    """Does the clause count a stretch of time ("41 days", "nine days", "14 months")?"""
    table = token_table(doc)
    return any(
        table.lemma[j].lower() in ("day", "week", "month", "year")
        and (table.tag[j - 1] == "CD" or table.lower[j - 1] in ("a", "few", "several"))
        for j in range(unit.start + 1, unit.end)
    )


def _makes_me(head: Token) -> bool:
    """ "X (doesn't) make(s) me <noun or evaluative adjective>": a verdict on the self, in the
    client's own words. A passing state ("makes me so angry", "makes me late") or a feeling
    ("makes me feel useless") is not one."""
    for c in head.children:
        if c.dep_ not in ("ccomp", "xcomp", "oprd") or not any(
            g.dep_ in ("nsubj", "dobj") and g.lower_ == "me" and g.i < c.i for g in c.children
        ):
            continue
        if c.pos_ in ("NOUN", "PROPN"):
            return c.lemma_.lower() not in cues.STATE_PREDICATES
        if c.pos_ == "ADJ":
            return (
                c.lemma_.lower() not in cues.STATE_PREDICATES
                and c.lower_ not in cues.STATE_PREDICATES
                and text_valence(c.lower_) != 0
            )
    return False


def _medicine_effect(head: Token) -> bool:
    """Is the causer of "makes me X" a medicine ("the tablets make me fat and slow", 'describes the
    medication as "making me a zombie"')? A side effect is a drug's doing (external agency), not a
    verdict on the self."""
    causer = next((c for c in head.children if c.dep_ == "nsubj"), None)
    if causer is None and head.dep_ == "pcomp" and head.head.lower_ == "as":
        frame = head.head.head  # "Describes the medication as making me ...": the frame's object
        causer = next((c for c in frame.children if c.dep_ == "dobj"), None)
    return causer is not None and causer.lemma_.lower() in cues.MEDICINE_WORDS


def _aimed_at_self(pred: Token) -> bool:
    """ "proud of myself", "ashamed of who I have become", "I am proud of me" (easy-read and spoken
    English): the feeling's object is the self."""
    return any(
        t.lower_ in cues.REFLEXIVES
        or t.lower_ == "who"
        or t.lower_ == "me"
        and t.dep_ == "pobj"
        and t.head.lower_ == "of"
        and t.head.head.i == pred.i
        for t in pred.subtree
    )


def _own_words(head: Token) -> list[str]:
    """The words of ``head``'s clause without a speech frame hung off it upside down ("today he
    said, [I'm not worthless]": "today" dates the saying, not the claim)."""
    frames = [
        c
        for c in head.children
        if c.dep_ in ("parataxis", "ccomp") and c.i < head.i and c.lemma_.lower() in cues.REPORTING_VERBS
    ]
    skip = {t.i for f in frames for t in f.subtree}
    return [t.lower_ for t in head.subtree if t.i not in skip]


def _is_state(pred: Token, head: Token) -> bool:
    own = _own_words(head)
    words = " ".join(own)
    if " longer " in f" {words} " or " anymore" in words:
        return False  # "no longer afraid": a claim about who the client has become
    if pred.dep_ == "acomp" and pred.lemma_.lower() in cues.STATE_PREDICATES | cues.DIALECT_STATE_PREDICATES:
        return True
    if pred.dep_ == "acomp" and head.tag_ == "VBG" and head.lower_ == "being":
        return True  # "I'm not being ridiculous, I'm being honest": how one acts now, not who one is
    if pred.lower_ in cues.SELF_AIMED_PREDICATES:
        return not _aimed_at_self(pred)
    if pred.dep_ == "acomp" and pred.lower_ in cues.STATE_PREDICATES:
        return True
    return pred.dep_ == "acomp" and _momentary_words(words)


def _inner_unit(
    unit: Unit, head: int, subj: int, *, start: int | None = None, self_subject: bool = True
) -> Unit:
    """A clause inside ``unit`` (a lifted, hedged, epistemic or contrasted one): same end and voice."""
    return Unit(
        head=head,
        subj=subj,
        start=unit.start if start is None else start,
        end=unit.end,
        voice=unit.voice,
        self_subject=self_subject,
    )


def _fearful_complements(head: Token) -> Iterator[Token]:
    """Complement clauses of a fearful frame whose claim names a kind of person or a self-talk word
    ("I'm scared [I'm unemployable]", "she is afraid [she is a burden]"; not "afraid [I'm late]")."""
    for adj in head.children:
        if adj.dep_ == "acomp" and adj.lower_ in cues.FEARFUL_FRAME_ADJECTIVES:
            for c in (c for c in [*head.children, *adj.children] if c.dep_ == "ccomp" and c.i > adj.i):
                # (a clause before the adjective is another claim: "I'm not lazy, I'm scared of failing")
                pred = _copula_predicate(c)
                if pred is not None and (
                    pred.dep_ == "attr" or pred.lower_ in _LEXICON.negative | _LEXICON.positive
                ):
                    yield c


def _epistemic_complements(head: Token) -> Iterator[Token]:
    """Complement clauses of an adjectival epistemic frame ("I'm sure [I'm a monster]", "she is
    convinced [she is a fraud]"), hung on the copula or on the adjective."""
    for adj in head.children:
        if adj.dep_ == "acomp" and adj.lower_ in cues.EPISTEMIC_ADJECTIVES:
            # (a clause before the adjective is another claim: "She's a good mum, I'm sure of it")
            yield from (c for c in [*head.children, *adj.children] if c.dep_ == "ccomp" and c.i > adj.i)


_LEXICON = load_lexicon()  # curated self-talk words ("a wreck", "a survivor"), not the fallback


_OTHERS_WORDS_QUESTION_RE = re.compile(
    # (not "what does that say about you?": the event's meaning, answered with the client's own view)
    r"(?i)\bwhat\s+(?:would|did|does|do|will|might|could)\s+(?!you\b|that\b|this\b|it\b)(?:[\w’'-]+\s+){1,3}?"
    r"(?:say|said|think|call|tell)\b[^\n]*\?\s*$"
)


_IF_MEANING_QUESTION_RE = re.compile(
    r"(?i)\bwhat\s+would\s+(?:it|that|this)\s+(?:mean|say)\b[^\n?]*\bif\b[^\n]*\?\s*$"
    r"|\bif\b[^\n?]*,\s*what\s+would\s+(?:it|that|this)\s+(?:mean|say)\b[^\n]*\?\s*$"
)


def _word_before(table: TokenTable, i: int) -> int:
    """Index of the nearest token before ``i`` that is not punctuation or space, stopping at a "?" (-1: none)."""
    j = i - 1
    while j >= 0 and (table.punct[j] or table.space[j]) and table.text[j] != "?":
        j -= 1
    return j


def others_words_answer(doc: Doc, unit: Unit) -> bool:
    """The client's "That ..." answer to what someone else says or thinks of them ("T: What would your
    sister say about you? C: That I'm selfish", "What did the voices say? Pt: That I'm evil and I
    should hurt myself"): that person's words, reported, not the client's own claim."""
    if "?" not in doc_text(doc):
        return False  # (no question for "That ..." to answer)
    head = doc[unit.head]
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head  # "That I'm evil and [I should hurt myself]": the first conjunct's "that"
    table = token_table(doc)
    mark = next((c.i for c in head.children if c.dep_ == "mark" and c.lower_ == "that"), None)
    if mark is None:  # the parser may cut "That" off as a sentence of its own
        k = head.left_edge.i - 1
        mark = k if k >= 0 and table.lower[k] == "that" and table.pos[k] == "SCONJ" else None
    if mark is None:
        return False
    j = _word_before(table, mark)
    if j >= 0 and table.lower[j] in cues.CLIENT_LABELS:
        j = _word_before(table, j)  # past the client's turn label ("C: That ...")
    if j < 0 or table.text[j] != "?":
        return False  # "That" must open the answer right after the question
    text = doc_text(doc)
    end = table.idx[j] + 1
    question = text[max(0, end - 160) : end]
    # "T: What would it mean if you didn't get the flat? C: That I'm nothing": an answer inside the
    # hypothetical the therapist set up (the guidelines' hypotheticals), not a claim of its own
    return bool(_OTHERS_WORDS_QUESTION_RE.search(question) or _IF_MEANING_QUESTION_RE.search(question))


def title_exercise_talk(doc: Doc, unit: Unit) -> bool:
    """Talk about the chapter-title exercise itself ("can't be bothered with titles this week",
    "didn't want to do the book thing", after a prompt "could not think of one yet", "Never gave it
    one"): neither an act in the client's life nor a self-view. (A chapter of a book read, or "I
    chose this one", stay acts.)"""
    table = token_table(doc)
    lows = table.lower[unit.start : unit.end]
    if not cues.TITLE_EXERCISE_WORDS.isdisjoint(lows):
        return True
    clause = " ".join(lows)
    if "book thing" in clause or "chapter thing" in clause:
        return True
    if not ("one" in lows or "name" in lows) or lemma(doc[unit.head]) not in cues.TITLE_ANSWER_VERBS:
        return False
    if not any(w in cues.NEGATORS or w in cues.UNSPLIT_NEGATORS for w in lows):
        return False  # "I actually chose this one": an answer given is the client's choice
    text = doc_text(doc)
    before = text[max(0, table.idx[unit.start] - 250) : table.idx[unit.start]].lower()
    return any(w in before for w in ("chapter", "title"))


def _momentary(doc: Doc, unit: Unit) -> bool:
    """A clause about this moment ("I feel empty today", "feels rubbish right now"): a state."""
    return _momentary_words(" ".join(token_table(doc).lower[unit.start : unit.end]))


def _momentary_words(words: str) -> bool:
    """Do the space-joined lower-case ``words`` name this moment (cues.MOMENTARY_PHRASES)?"""
    clause = f" {words} "
    return any(f" {cue} " in clause for cue in cues.MOMENTARY_PHRASES)


def _came_in_as(head: Token) -> bool:
    """ "I came in as a wreck", "I'm leaving as someone who can ask for help", "I came in thinking I
    was the problem", "I'm leaving knowing I'm not": who the client was on arriving in therapy and is
    on leaving it (end-of-therapy reflections), not the act of arriving."""
    if head.lemma_.lower() not in cues.ARRIVAL_VERBS:
        return False
    for c in head.children:
        if c.dep_ == "prep" and c.lower_ == "as":
            role = next((g for g in c.children if g.dep_ == "pobj"), None)
            # a person ("someone who ...", "a wreck", "a mum"), not "as a favour"
            return role is not None and (
                role.lower_ in cues.SELF_VIEW_ANSWER_HEADS
                or role.lower_ in cues.FAMILY_ROLES
                or role.lower_ in cues.IDENTITY_LABELS
                or role.lower_ in _LEXICON.positive
                or role.lower_ in _LEXICON.negative
                or any(g.dep_ == "relcl" for g in role.children)
            )
        frame = c if c.dep_ in ("xcomp", "advcl") else None
        if c.dep_ == "prep" and c.lower_ == "in":
            frame = next((g for g in c.children if g.dep_ == "pcomp"), None)
        if frame is not None and frame.lemma_.lower() in cues.EPISTEMIC_VERBS_ING:
            return any(
                g.dep_ == "ccomp" and any(s.lower_ == "i" for s in g.children if s.dep_ == "nsubj")
                for g in frame.children
            )
    return False


QUOTE_MARKS = frozenset({'"', "“", "”", "‘", "’", "'", "«", "»"})
_FIRST_PERSON_BE = frozenset({"'m", "’m", "am", "m"})
_THIRD_PERSON_BE = frozenset({"is", "'s", "’s"})


def _survival_claim(head: Token, *, reported: bool = False) -> bool:
    """ "I'm still standing / still here / still going", "I'm not finished / not beaten yet": the client
    saying they have come through, a claim about who they are now (not a whereabouts or a task). In
    a reported clause the third person says the same ('she is "still standing"', 'he is "not done
    yet"')."""
    table = token_table(head.doc)
    deps, lows, i = table.dep, table.lower, head.i
    kids = {lows[c] for c in table.children[i] if deps[c] in ("advmod", "neg", "acomp", "aux", "auxpass")}
    if reported:
        kids = {"'m" if k in _THIRD_PERSON_BE else k for k in kids}
    objects = any(deps[c] in ("prep", "dobj", "xcomp", "advcl", "ccomp") for c in table.children[i])
    if "still" in kids and lows[i] in cues.SURVIVAL_STILL and kids & _FIRST_PERSON_BE:
        return not objects  # "I'm still standing", "I'm still going", but not "still going to the gym"
    if table.lemma[i] == "be" and "still" in kids and kids & cues.SURVIVAL_STILL:
        return True  # "I'm still here"
    return (
        lows[i] in cues.SURVIVAL_NOT
        and bool(kids & {"not", "n't", "’t"})
        and bool(kids & _FIRST_PERSON_BE)
        and not objects
    )  # "I'm not finished (yet)", but not "I'm not finished with the forms"


def self_description(doc: Doc, unit: Unit, *, depth: int = 0) -> list[str] | None:
    """Evidence ids when the unit is a self-description, else None."""
    if unit.voice == "clinician" and not unit.frame_in_span:
        return None  # an unattributed statement about the client's character is narration
    head = doc[unit.head]
    subj = doc[unit.subj] if unit.subj >= 0 else None
    lemma = globals()["lemma"](head)
    if _title_cased(doc, unit):
        return None  # 'Has "I Am Responsible" pinned inside his locker door': a title, not a claim
    if _threatened_consequence(doc, unit):
        return None  # "I have to get 9 CGPA or I am nothing": a threatened outcome, hypothetical
    if _unsure_who_i_am(head, lemma, subj):
        # "I have no idea who I am without him", "not sure who I am without the ED"
        return ["sd.know_who_i_am"]
    if unit.frame_in_span:
        if any(
            c.lower_ in cues.REFLEXIVES and not (c.i + 2 == head.i and doc[c.i + 1].text == "-")
            for c in head.children  # (not "self-referred": how the client came, not a self-view)
        ) or any(
            c.dep_ in ("ccomp", "oprd", "xcomp")
            and any(g.dep_ == "nsubj" and g.lower_ in cues.REFLEXIVES for g in c.children)
            for c in head.children
        ):  # ("considers himself a good son": the reflexive the subject of a small clause)
            return ["sd.self_view_frame"]
        for c in head.children:
            if (
                (c.dep_ == "xcomp" or c.dep_ == "advcl" and head.lemma_ == "come")
                and c.lemma_ in cues.SELF_VIEW_VERBS
                and _takes_reflexive(c)  # "is starting to think of herself as ..."
            ):
                return ["sd.self_view_frame"]
        for c in head.children:
            if (
                c.dep_ == "xcomp"
                and c.lower_ == "being"
                and (pred := _copula_predicate(c)) is not None
                and pred.dep_ == "attr"
                and not _is_state(pred, c)
            ):
                return ["sd.reported_being"]  # "Client reports being “the invisible one” at work"
            if c.dep_ == "xcomp" and c.lemma_ == "feel":
                pred = [g for g in c.children if g.dep_ in ("acomp", "attr", "oprd")]
                if pred and pred[0].lemma_.lower() not in cues.STATE_PREDICATES:
                    return ["sd.reported_feeling"]
                # "reports feeling “like an imposter”": like + an identity noun (not "like crap today")
                if not _momentary(doc, unit) and any(
                    g.dep_ == "prep"
                    and g.lower_ == "like"
                    and any(
                        x.dep_ == "pobj"
                        and x.pos_ == "NOUN"
                        and x.lemma_.lower() not in cues.STATE_PREDICATES
                        for x in g.children
                    )
                    for g in c.children
                ):
                    return ["sd.reported_feeling"]
        return _fragment_self_view(head)
    if unit.self_subject and (back := _back_to_self(head, lemma)) is not None:
        return [back]  # "I'm back to being the screw-up", "I'm getting my old self back"
    if subj is not None and _part_of_self(doc, unit, head, subj, depth):
        return ["sd.part_of_me"]  # "Part of me thinks ...", "The rest of me thinks I'm a murderer"
    if _elliptic_self_view_answer(doc, unit):
        return ["sd.elliptic_answer"]  # T: "How do you see yourself?" C: "As the office doormat."
    if depth <= 1 and unit.self_subject and _ellipsis_antecedent(doc, unit) is not None:
        return ["sd.ellipsis"]  # "My boss thinks I'm a liability. Maybe I am.", "... and I suppose I am"
    if unit.self_subject and _turning_into(head):
        return ["sd.turning_into"]  # "I'm turning into my mother": becoming someone
    if unit.self_subject and _learning_about_self(head, subj):
        return ["sd.learning_about_self"]  # "I'm learning I'm allowed to take up space"
    if unit.self_subject and _self_regard(head):
        return ["sd.self_regard"]  # "I don't trust myself around my kids", "I used to hate myself for it"
    if unit.self_subject and _getting_good_at(head):
        return ["sd.getting_good_at"]  # "I'm getting better at this": a skill the client sees in themselves
    if unit.self_subject and _getting_trait(head):
        return ["sd.getting_trait"]  # "I'm getting braver": becoming a kind of person
    if (
        unit.self_subject
        and head.lower_ == "cut"
        and any(c.dep_ == "prt" and c.lower_ == "out" for c in head.children)
        and any(c.dep_ == "prep" and c.lower_ == "for" for c in head.children)
    ):
        return ["sd.cut_out_for"]  # "I'm not cut out for this": fit for a role, not an event
    if unit.self_subject and _survival_claim(head, reported=unit.voice == "reported"):
        return ["sd.survival"]  # "I'm still standing", "I'm not finished yet"
    if unit.self_subject and _role_fit(head):
        return ["sd.role_fit"]  # "I'm not ready to be the patient", "I don't know how to be anything else"
    if unit.self_subject and _came_in_as(head):
        return ["sd.came_in_as"]  # "I came in as a wreck and I'm leaving as someone who can ask for help"
    if unit.self_subject and _life_experience(head, lemma):
        return ["sd.experience"]  # "I survived", "I've buried too many friends", "I've worked my whole life"
    table = token_table(doc)
    lows, deps, children = table.lower, table.dep, table.children
    if (
        subj is not None
        and any(lows[c] == "like" for c in children[subj.i])
        and lows[subj.i] in ("people", "someone", "person")
        # (the subject's own verb, not a narrated verb it was passed on to: '“people like me don’t
        # get better” and asked “what’s the point?”')
        and (table.head[subj.i] == head.i or not any(t.is_quote for t in doc[subj.i : head.i]))
    ):
        return ["sd.people_like_me"]
    if unit.self_subject and subj is not None and _zero_copula(doc, unit, head, subj):
        return ["sd.zero_copula"]  # "Last time I very blur one", "Mi never perfect"
    if unit.voice == "quoted" and unit.subj < 0 and _self_regard_fragment(doc, unit, head):
        return ["sd.fragment"]  # "Proud of me.", "Rubbish at it." in the client's words, the "I" left out
    if not unit.self_subject and unit.voice != "clinician":
        if lemma == "make" and _makes_me(head) and not _medicine_effect(head):
            return ["sd.makes_me"]  # "That doesn't make me pathetic", "it makes me a bad mother"
        if unit.voice == "quoted" and lemma == "be" and _that_is_me(head):
            return ["sd.that_is_me"]  # "That's me", "that was me two years ago", "Sitting around is not me"
        if (
            unit.voice == "quoted"
            and lemma == "be"
            and _my_identity(head)
            and not _after_comma(doc, unit.start)
        ):
            return ["sd.my_identity"]  # "That was my whole identity"
        for c in head.children:
            if c.dep_ in ("dobj", "attr") and any(
                g.lower_ == "like" and any(x.lower_ in ("me", "her", "him", "us") for x in g.children)
                for g in c.children
            ):
                return ["sd.someone_like_me"]
        # "it's not that I'm lazy"
        if lemma == "be" and subj is not None and subj.lower_ in ("it", "that"):
            for c in head.children:
                if c.dep_ == "ccomp" and any(g.lower_ == "that" and g.dep_ == "mark" for g in c.children):
                    inner_subj = subject_of(c)
                    if (
                        inner_subj is not None
                        and inner_subj.lower_ in ("i", "she", "he")
                        and _copula_predicate(c) is not None
                    ):
                        return ["sd.not_that"]
    if (unit.self_subject or _subject_on_aux(head, unit.voice)) and _being_after_preposition(head):
        # "I'm done with being everybody's bank", "I'm used to being the one who holds it together"
        return ["sd.done_being"] if head.lower_ in _DONE_WORDS else ["sd.used_to_being"]
    if depth == 0 and lemma == "know" and subj is not None and subj.lower_ in cues.OATH_SUBJECTS:
        for c in head.children:  # "Lord knows I'm a stubborn old woman": an oath over the client's claim
            if c.dep_ == "ccomp" and c.i > head.i and (ev := _inner_self_description(doc, unit, c)):
                return ["sd.oath_frame", *ev]
    if unit.self_subject and lemma == "be" and _who_i_was(head):
        return ["sd.who_i_was"]  # "I'm not who I was two years ago", "I am not what you said I was"
    if not unit.self_subject:
        # "it's not all I am", "That's just what I am" (its own sentence: after a comma the plain
        # form belongs to the self-description before it, "I'm schizophrenic, that's just what I am")
        if lemma == "be" and (_negated(head) or not _after_comma(doc, unit.start)):
            for c in head.children:
                if c.dep_ in ("attr", "ccomp", "acomp") and any(
                    g.lower_ == "i"
                    and g.head.lemma_ == "be"
                    and not any(
                        x.dep_ in ("attr", "acomp") and x.lower_ not in ("what", "who")
                        for x in g.head.children
                    )
                    for g in c.subtree
                ):
                    return ["sd.what_i_am"]
        return None
    if lemma in SPAN_LIFT or head.lower_ == "used" or lemma == "try":
        for c in head.children:
            if c.dep_ == "xcomp" and (
                lemma != "try"
                # "I'm trying to be someone my brother can look up to", "trying to be more than that":
                # who the client is becoming; "trying to be kinder to myself" stays an effort (agency)
                or c.lemma_.lower() == "be"
                and any(g.dep_ == "attr" for g in c.children)
            ):
                inner = _inner_unit(unit, c.i, unit.subj)
                ev = self_description(doc, inner, depth=depth)
                if ev:
                    return ["sd.lifted", *ev]
    if head.lower_ in _DONE_WORDS and (
        any(c.dep_ == "xcomp" and c.lower_ == "being" for c in head.children) or _done_hiding(head, subj)
    ):
        return ["sd.done_being"]  # "I'm done being the doormat", "I'm done pretending I'm not"
    weary = [head.i] + [c for c in children[head.i] if deps[c] == "acomp"]
    if any(
        lows[w] in ("sick", "tired", "fed", "weary")
        and any(
            deps[c] == "prep" and lows[c] == "of" and any(lows[g] == "being" for g in children[c])
            for c in children[w]
        )
        for w in weary
    ):
        return ["sd.tired_of_being"]  # "sick of being the girl who's always ill": still that girl
    if any(
        lows[w] in cues.STANCE_TO_BEING_ADJECTIVES
        and any(
            deps[c] == "prep"
            and lows[c] in ("with", "of", "about")
            and any(lows[g] == "being" and _being_predicate(doc[g]) for g in children[c])
            for c in children[w]
        )
        for w in weary
    ):
        return ["sd.stance_to_being"]  # 'okay with being weird', "proud of being a carer"
    if (
        head.tag_ == "VBN"
        and any(lemma_of_aux(c) for c in head.children)
        and not any(c.dep_ == "agent" for c in head.children)
        and (
            head.lower_ in cues.NEGATIVE_WORDS
            or head.lower_ in cues.POSITIVE_WORDS
            # the self as a thing made, mended or damaged ("I'm wired differently", "I'm not fixed")
            or head.lower_ in cues.SELF_CONDITION_PARTICIPLES
            and unit.self_subject
            and not any(c.dep_ in ("dobj", "prep") and c.lower_ not in ("in", "as") for c in head.children)
        )
        # "I wasn't allowed a bank card": permission withheld, agency ("I'm allowed to be weak" stays)
        and not (head.lemma_.lower() in cues.PERMISSION_PASSIVES and _negated(head))
    ):
        return ["sd.participle"]
    if (
        unit.self_subject
        and head.tag_ == "JJ"
        and head.lower_ in _LEXICON.negative | _LEXICON.positive
        and any(c.dep_ == "auxpass" and lemma_of_aux(c) for c in head.children)
        and head.lemma_.lower() not in cues.STATE_PREDICATES
    ):
        return ["sd.copula"]  # "she's “broken”": an adjective the parser read as a passive participle
    # "Other days I'm sure I'm a monster", "she is convinced she is a fraud": an adjectival
    # epistemic frame over the claim (the frame itself is a state, not a self-description)
    if lemma == "be" and depth == 0:
        for c in (*_epistemic_complements(head), *_fearful_complements(head)):
            inner_subj = subject_of(c)
            if inner_subj is None or inner_subj.lower_ not in ("i", "she", "he", "they"):
                continue
            ev = self_description(doc, _inner_unit(unit, c.i, inner_subj.i), depth=1)
            if ev and ev[0] == "sd.copula":  # a plain identity claim, not "she'd be found out"
                return ["sd.epistemic_frame", *ev]
    if lemma == "get" and any(c.dep_ == "prep" and c.lower_ == "at" for c in head.children):
        return None  # "getting better at saying no": a growing ability (agency), not who the client is
    if unit.self_subject and lemma in cues.SPENT_BEING_LEMMAS:
        for c in head.children:
            pc = _copula_predicate(c) if c.dep_ == "xcomp" and c.tag_ == "VBG" else None
            if pc is not None and pc.dep_ == "attr" and not _is_state(pc, c):
                return ["sd.spent_being"]  # "I've spent ten years being the guy who's scared of everything"
    if subj is None and head.i > 0 and doc[head.i - 1].text in ("”", '"') and lemma == "be":
        return None  # '“you can’t trust a drunk” was something his father used to say': the quotation is the subject
    pred = _copula_predicate(head)
    if pred is not None and _life_event_passive(head) is not None:
        return None  # "I was sectioned", "she was made redundant": an event done to the client (agency)
    if pred is not None:
        if _illness_identity(pred, head):
            return ["sd.illness_identity"]  # "I'm not mentally ill", "I'm not sick, I'm just disciplined"
        if _is_state(pred, head):
            return None
        if pred.tag_ == "CD" and pred.lower_ != "one" or pred.lower_ in cues.AGE_PREDICATES:
            return None  # "I was nineteen", "I'm forty now", "when he was younger": an age, not a self-view
        if pred.like_num and pred.lower_ != "one" and not any(c.dep_ == "det" for c in pred.children):
            return None  # "I was fifteen" (a number word the tagger did not read as a cardinal): an age
        if pred.lower_ in cues.INTENT_CONTRACTIONS:
            return None  # "I'm tryna get out of here": an intention (agency), not who the client is
        if _quotative_like(head):
            return None  # "I was like, cool, cool": "be like" reporting what the client said or thought
        if pred.lower_ == "one" and any(lows[c] in ("-", "–") for c in children[pred.i]):
            return None  # "I'm thirty-one": an age
        if _own_name(pred) or _names_self(pred, head):
            return None  # "Hi, I'm Thabo", 'Round of introductions. Linh: "I'm Linh."': an introduction
        if pred.lower_ in cues.ABSTINENT_PREDICATES and _counts_time(doc, unit):
            return None  # "I've stayed sober 41 days", "he's 19 days dry": a count of days, not who he is
        auxes = {a.lower_.replace("’", "'") for a in _auxes(head)}
        if auxes & cues.CONDITIONAL_AUX:
            return None  # "I'd be nothing without him", "he would ever be normal": conditional
        if auxes & {"will", "'ll"} and pred.lower_ in cues.DISCOURSE_PREDICATES:
            return None  # "I'll be honest"
        if (
            pred.dep_ == "prep"
            and pred.lower_ in ("in", "at")
            and not any(g.lower_ in cues.IN_IDENTITY_NOUNS for g in pred.children)
        ):
            # "I'm in bed", "I'm at the bridge on Hawthorne", "Was at a braai today": where the client
            # is, but "I'm in recovery" is who the client is
            return None
        return ["sd.copula"]
    if unit.self_subject and lemma == "lose" and _lost_self(head):
        return ["sd.lost_self"]  # "I've lost myself a bit", 'she is "losing bits of myself"'
    if unit.self_subject and _contact_relative_identity(head, lemma):
        return ["sd.contact_relative"]  # "I'm the one people leave", "I am somebody people come to"
    if depth == 0 and unit.self_subject and (inner := _self_talk_claim(doc, unit, head)) is not None:
        return ["sd.self_talk_frame", *inner]  # "I keep telling myself I'm not broken"
    if lemma == "feel":
        for c in head.children:
            if (
                c.dep_ == "prep"
                and c.lower_ == "like"
                # (not "when I don't feel like it": a wish, not a self-view)
                and any(_like_whom(g) for g in c.children)
            ):
                return ["sd.feel_like"]
            if (
                c.dep_ == "advcl"
                and c.pos_ == "NOUN"
                and any(g.dep_ == "mark" and g.lower_ == "like" for g in c.children)
                and not any(g.dep_ in ("aux", "cop") for g in c.children)
                and c.lemma_.lower() not in cues.STATE_PREDICATES
            ):
                return [
                    "sd.feel_like"
                ]  # "I still feel like the family disappointment" (misparsed as a clause)
            if (
                c.dep_ in ("acomp", "oprd")
                and c.lemma_.lower() not in cues.STATE_PREDICATES
                and not (c.lower_ in cues.SELF_AIMED_PREDICATES and not _aimed_at_self(c))
                and (
                    c.lower_ in cues.NEGATIVE_WORDS
                    or c.lower_ in cues.POSITIVE_WORDS
                    or c.lower_ in cues.IDENTITY_LABELS
                )
                and c.lower_
                not in (
                    "better",
                    "worse",
                    "good",
                    "bad",
                    "lighter",
                    "low",
                    "down",
                    "calm",
                    "calmer",
                    "well",
                    "okay",
                    "fine",
                    "safe",
                    "tired",
                    "sad",
                    "anxious",
                    "happy",
                    "free",
                    "hopeful",
                    "lonely",
                    "stuck",
                    "exhausted",
                    "numb",
                    # emotions of the moment, not who the client is ("felt guilty the whole time")
                    "guilty",
                    "ashamed",
                    "embarrassed",
                    "brave",
                )
                and c.tag_ != "JJR"  # "feels a bit brighter": a change of mood, not who the client is
                and not _momentary(doc, unit)
            ):
                return ["sd.feel_trait"]
            if c.dep_ == "prep" and c.lower_ == "between":
                return ["sd.feel_between"]
    if (
        lemma in cues.SELF_VIEW_FIRST_PERSON
        and _takes_reflexive(head)  # "I see myself as", "I think of myself as someone in recovery"
        and (
            any(c.dep_ in ("prep", "oprd", "attr", "ccomp", "xcomp") and c.i > head.i for c in head.children)
            or lemma in ("call", "consider")
        )
    ):
        return ["sd.self_view"]
    if lemma in ("recognise", "recognize") and any(c.lower_ in cues.REFLEXIVES for c in head.children):
        return ["sd.recognise_self"]
    if lemma == "know" and any(
        c.dep_ == "ccomp" and (any(g.lower_ == "who" for g in c.children) or _who_i_am(c))
        for c in head.children
    ):
        return ["sd.know_who_i_am"]
    if lemma == "be" and any(c.dep_ == "prep" and c.lower_ == "through" for c in head.children):
        return ["sd.been_through"]
    if lemma == "do" and any(
        c.lower_ in ("okay", "ok", "well", "fine", "alright", "best", "better", "great", "good")
        for c in head.subtree
    ):
        return ["sd.doing_okay"]
    if lemma == "think" and any(
        c.dep_ == "advmod" and c.lower_ in cues.THINKING_STYLE_ADVERBS for c in head.children
    ):
        return ["sd.thinking_style"]  # "I just think differently": how the client's mind works
    if depth == 0 and lemma in ("have", "notice") and (inner := _defused_thought(doc, unit, head)):
        return ["sd.defused_thought", *inner]  # "I'm having the thought that I'm a rubbish father"
    if (
        lemma in cues.EPISTEMIC_VERBS
        or lemma in cues.EMOTIVE_FRAME_VERBS
        # "I used to say I'm an anxious person. Now I say I'm a person with anxiety."
        or lemma == "say"
        and unit.voice == "quoted"
        and subj is not None
        and subj.lower_ == "i"
    ) and depth == 0:
        # "I think I'm the faulty one", "I hate that I'm the flaky one now": the frame's complement
        frame_id = (
            "sd.epistemic_frame"
            if lemma in cues.EPISTEMIC_VERBS
            else "sd.emotive_frame"
            if lemma in cues.EMOTIVE_FRAME_VERBS
            else "sd.say_frame"
        )
        for c in head.children:
            if c.dep_ in ("ccomp", "xcomp") and c.tag_ != "TO" and c.i > head.i:
                # (a complement before the verb is a parenthetical frame, "I'm the faulty one,
                # I think": that clause is a unit of its own)
                # ("I hate that he's a liar": in the client's words, "he" is someone else)
                ev = _inner_self_description(doc, unit, c, also=("who",))
                if ev:
                    return [frame_id, *ev]
    return None


def _inner_self_description(
    doc: Doc, unit: Unit, clause: Token, *, also: tuple[str, ...] = ()
) -> list[str] | None:
    """The self-description of a clause embedded in ``unit`` (a frame's complement, a thought's
    "that" clause) whose subject is the speaker: "I" in the client's own words, also "she" / "he" /
    "they" in reported speech (and any word in ``also``); None otherwise."""
    inner_subj = subject_of(clause)
    own = ("i",) if unit.voice == "quoted" else ("i", "she", "he", "they")
    if inner_subj is None or inner_subj.lower_ not in own and inner_subj.lower_ not in also:
        return None
    return self_description(doc, _inner_unit(unit, clause.i, inner_subj.i), depth=1)


def _defused_thought(doc: Doc, unit: Unit, head: Token) -> list[str] | None:
    """The self-view inside an ACT defusion frame ("I'm having the thought that I'm a rubbish
    father", "noticing the thought that she is a burden"): the thought's "that" clause, when it is
    itself a self-description of the client. The phrase said as the exercise itself, right after the
    note names it ("Defusion exercise: ...", "Practised defusion with ..."), is a mention, not a claim."""
    table = token_table(doc)
    text = doc_text(doc)
    before = text[max(0, table.idx[unit.start] - 200) : table.idx[unit.start]].lower()
    if any(w in before for w in cues.DEFUSION_EXERCISE_WORDS):
        return None  # 'Defusion exercise: "I'm having the thought that I'm a loser."': a phrase practised
    for obj in head.children:
        if obj.dep_ != "dobj" or obj.lemma_.lower() not in cues.DEFUSED_THOUGHT_NOUNS:
            continue
        for c in obj.children:
            if c.dep_ not in ("acl", "ccomp", "relcl") or not any(
                g.dep_ == "mark" and g.lower_ == "that" for g in c.children
            ):
                continue
            ev = _inner_self_description(doc, unit, c)
            if ev:
                return ev
    return None


def _illness_identity(pred: Token, head: Token) -> bool:
    """An illness word denied or said of the mind ("I'm not mad, I'm frightened", "I'm not mentally
    ill", "she's not sick, she's disciplined"): whether the client is an ill person, an identity,
    not how they feel today (``cues.ILLNESS_IDENTITY_PREDICATES``; "not sick of it", "not ill
    today" stay states)."""
    if pred.dep_ != "acomp" or pred.lower_ not in cues.ILLNESS_IDENTITY_PREDICATES:
        return False
    if any(c.dep_ == "prep" for c in pred.children) or _momentary_words(" ".join(_own_words(head))):
        return False  # "sick of being asked", "not ill today"
    mental = any(c.dep_ == "advmod" and c.lower_ in ("mentally", "psychologically") for c in pred.children)
    return mental or _negated(head)


def _part_of_self(doc: Doc, unit: Unit, head: Token, subj: Token, depth: int) -> bool:
    """A part of the self as the subject: "part of me / her" (any verb), "the rest of me" (any verb),
    or "the other part" over a claim about the self ("The other part knows I'm a good person"): the
    client speaking of one side of who they are (internal family systems, chair and parts work)."""
    if subj.lower_ not in ("part", "rest"):
        return False
    if any(t.lower_ in ("me", "her", "him") for t in subj.subtree):
        return True
    if (
        depth
        or subj.lower_ != "part"
        or not any(c.dep_ == "amod" and c.lower_ == "other" for c in subj.children)
    ):
        return False
    for c in head.children:
        if c.dep_ == "ccomp" and c.i > head.i:
            ev = _inner_self_description(doc, unit, c)
            if ev and ev[0] == "sd.copula":
                return True
    return False


def _role_fit(head: Token) -> bool:
    """ "I'm not ready to be the patient", "I don't know how to be anything else": the client's
    fitness for a role, an infinitive "to be" + a nominal predicate under a readiness adjective
    (``cues.ROLE_FIT_ADJECTIVES``) or under "know how". "I want to be a nurse" (a wish, agency) and
    "I have to be strong" (an obligation) are not read here."""
    table = token_table(head.doc)
    deps, kids = table.dep, table.children
    if not any(  # (no clause under the head or its adjective: no Tokens for the walk below)
        deps[x] in ("xcomp", "ccomp", "advcl")
        for g in (head.i, *(c for c in kids[head.i] if deps[c] == "acomp"))
        for x in kids[g]
    ):
        return False
    governors = [head, *(c for c in head.children if c.dep_ == "acomp")]
    for gov in governors:
        for x in gov.children:
            if x.dep_ not in ("xcomp", "ccomp", "advcl") or lemma(x) != "be":
                continue
            if not any(c.lower_ == "to" and c.dep_ == "aux" for c in x.children):
                continue
            if not any(
                c.dep_ == "attr" and c.lemma_.lower() not in cues.STATE_PREDICATES for c in x.children
            ):
                continue
            if gov.lower_ in cues.ROLE_FIT_ADJECTIVES and gov.dep_ == "acomp":
                return True
            if lemma(gov) == "know" and any(c.dep_ == "advmod" and c.lower_ == "how" for c in x.children):
                return True
    return False


def _that_is_me(head: Token) -> bool:
    """ "That's me", "that was me two years ago", "Sitting around is not me": the client pointing to
    who they are (or were), a demonstrative or gerund subject and "me" as the predicate. Not "it's
    me" (on the phone, a cleft), and not a denied act handed to another agent ("That wasn't me,
    that was the illness": external agency)."""
    if not any(
        c.dep_ in ("attr", "acomp", "dobj") and c.lower_ == "me" and c.i > head.i for c in head.children
    ):
        return False
    subj = next((c for c in head.children if c.dep_ in ("nsubj", "csubj")), None)
    if subj is None or not (subj.lower_ in ("that", "this") or subj.tag_ == "VBG" or _pointed_noun(subj)):
        return False
    if _negated(head):
        # "That wasn't me, that was the illness": the act belongs to another agent
        return not any(
            t.i > head.i
            and lemma(t) == "be"
            and any(c.dep_ == "nsubj" and c.lower_ in ("that", "it") for c in t.children)
            for t in head.sent
        )
    return True


def _subject_on_aux(head: Token, voice: str) -> bool:
    """Is the client the subject the parser hung on the head's auxiliary ("I'm used to ...": "I" a
    child of "'m")? "I" in the client's words, also "she" / "he" in reported speech."""
    own = ("i",) if voice == "quoted" else ("i", "she", "he")
    return voice != "clinician" and any(
        c.dep_ in ("aux", "auxpass") and any(g.dep_ == "nsubj" and g.lower_ in own for g in c.children)
        for c in head.children
    )


def _being_after_preposition(head: Token) -> bool:
    """ "done with being X", "used to being X" (a role or kind of person, not a passing state nor a
    passive: "used to being ignored" is something done to the client)."""
    if head.lower_ in _DONE_WORDS:
        prep = "with"
    elif head.lower_ == "used" and any(
        c.dep_ in ("auxpass", "aux", "cop") and lemma_of_aux(c) for c in head.children
    ):
        prep = "to"
    else:
        return False
    return any(
        c.dep_ == "prep"
        and c.lower_ == prep
        and any(g.lower_ == "being" and _being_predicate(g) for g in c.children)
        for c in head.children
    )


def _pointed_noun(subj: Token) -> bool:
    """A noun subject a demonstrative points to ("That word isn't me anymore", "this version of the
    job wasn't me"), not a person ("that man is me": a picture)."""
    return subj.pos_ == "NOUN" and any(
        c.dep_ == "det" and c.lower_ in ("that", "this") for c in subj.children
    )


def _my_identity(head: Token) -> bool:
    """ "That was my whole identity", "Nursing is my identity": what the client's self is built on,
    "my" + a noun for the self as the copula's predicate (in the client's own words)."""
    return any(
        c.dep_ == "attr"
        and c.lower_ in cues.OWN_IDENTITY_NOUNS
        and any(g.dep_ == "poss" and g.lower_ == "my" for g in c.children)
        for c in head.children
    )


def _quotative_like(head: Token) -> bool:
    """ "I was like, cool, cool", 'she was like "no way"': past "be like" before a comma or a quote
    mark introduces the client's words or thoughts (a quotative), not a comparison."""
    doc = head.doc
    nxt = head.i + 1
    return (
        head.lower_ in ("was", "were")
        and nxt + 1 < len(doc)
        and doc[nxt].lower_ == "like"
        and doc[nxt].head.i == head.i
        and (doc[nxt + 1].text in (",", ":") or doc[nxt + 1].is_quote)
    )


def _threatened_consequence(doc: Doc, unit: Unit) -> bool:
    """Is the unit an "or" / "otherwise" clause after another clause of its sentence ("I have to get
    9 CGPA or I am nothing", "exercises daily "or I feel disgusting"")? A threatened outcome (if not
    the first, then this), hypothetical like an "if" clause, not a claim."""
    table = token_table(doc)
    lows = table.lower
    j = unit.start
    while j > 0 and (table.text[j - 1] in ("“", '"', ",") or lows[j - 1] == "else"):
        j -= 1
    k = j - 1 if j > 0 and lows[j - 1] in ("or", "otherwise") else j if lows[j] in ("or", "otherwise") else -1
    if k < 0:
        return False
    a, _ = sentence_of_token(doc, unit.head)
    # another clause before it: a verb of its own
    return any(table.pos[t] in ("VERB", "AUX") for t in range(a, k))


def uptalk_claim(doc: Doc, unit: Unit) -> bool:
    """Is the question mark after ``unit`` uptalk: a hedged first-person copula claim typed with a
    rising "?" ("I'm kinda brave actually??", "That I'm... kinda thoughtful?", "Now I am just
    average, and honestly?")? Not a question with a wh-word or an inverted auxiliary, not one
    with a tag ("im not a bad daughter right??", "I'm fine, you?"), not "So I'm ...?" (checking
    an inference), not without a hedge ("I'm a failure?": the question mark decides)."""
    if not unit.question or unit.hypothetical or unit.generic_you or unit.voice == "clinician":
        return False
    if unit.subj < 0 or unit.subj < unit.start:
        return False
    table = token_table(doc)
    lows = table.lower
    if lows[unit.subj] != "i" or lemma(doc[unit.head]) != "be":
        return False
    a, b = sentence_of_token(doc, unit.head)
    # only openers before the subject, within the unit and back to the sentence's start
    colon = next((j for j in range(unit.start - 1, a - 1, -1) if table.text[j] == ":"), -1)
    first = colon + 1 if colon >= 0 else a  # (after a speaker label: "S: That I'm ...?")
    if any(lows[j] not in cues.UPTALK_OPENERS for j in range(max(first, unit.start), unit.subj)):
        return False
    if any(lows[j] not in cues.UPTALK_OPENERS and not table.punct[j] for j in range(first, unit.start)):
        return False
    # up to the question mark: only trailing hedges, commas and quote marks
    q = next((j for j in range(unit.end, b) if "?" in table.text[j]), -1)
    if q < 0 or any(
        lows[j] not in cues.UPTALK_TRAILERS and table.text[j] not in QUOTE_MARKS for j in range(unit.end, q)
    ):
        return False
    words = lows[unit.start : unit.end]
    if any(w in ("what", "why", "how", "who", "where", "when", "or", "right", "you") for w in words):
        return False
    return any(w in cues.UPTALK_HEDGES for w in words) or any(
        lows[j] in cues.UPTALK_HEDGES for j in range(unit.end, q)
    )


def _like_whom(g: Token) -> bool:
    """Is ``g`` (a child of "like" after "feel") a person or kind the client feels like: a noun or
    pronoun object ("like a fraud", "like myself"), "one" ("like a proper one"), or the subject of
    an -ing object ("like a fraud being in treatment"); not "it" / "that" ("when I feel like it")."""
    if g.dep_ == "pobj" and g.tag_ == "VBG":
        return any(x.dep_ == "nsubj" and x.pos_ in ("NOUN", "PROPN") for x in g.children)
    if g.dep_ == "pobj" and g.lower_ == "one" and not any(True for _ in g.children):
        # a bare "one" after the client's claim in the sentence is that claim's ("I am a survivor,
        # but I do not feel like one": one contrast)
        return not any(_own_claim(t) for t in g.sent if t.i < g.i)
    return (
        g.dep_ == "pobj"
        and (g.pos_ in ("NOUN", "PRON", "PROPN") or g.lower_ == "one")
        and g.lower_ not in ("it", "that", "this")
    )


def _being_predicate(being: Token) -> bool:
    """Does "being" carry a predicate naming a kind of person or a trait ("being weird", "being a
    carer"), not a passing state ("being tired")?"""
    return any(
        c.dep_ in ("attr", "acomp") and c.lemma_.lower() not in cues.STATE_PREDICATES and c.tag_ != "VBN"
        for c in being.children
    )


def _life_experience(head: Token, lemma: str) -> bool:
    """Experience as identity (GUIDELINES 2.1, "I have been through hard things"): what the client has
    lived through, said as who they are: "I survived", "I've buried a husband and a son", "I've worked
    my whole life", "I've had a good life", "Seen worse than this". Not one act ("I buried my dad in
    May" without the perfect, "worked through the worksheet")."""
    if lemma not in cues.SURVIVAL_VERBS and lemma not in ("bury", "work", "have", "see"):
        return False  # (the word test before the children)
    kids = list(head.children)
    perfect = any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in kids) or (
        head.tag_ == "VBN" and not any(c.dep_ in ("aux", "auxpass") for c in kids)  # "Seen worse than this"
    )
    if lemma in cues.SURVIVAL_VERBS:
        return not any(c.dep_ == "dobj" for c in kids)  # "I survived", not "survived the drive home"
    if lemma == "bury":
        return perfect
    if lemma == "work":
        # "my whole life", "all my life": a working life, not a task
        return any(
            c.dep_ in ("npadvmod", "dobj")
            and c.lemma_.lower() == "life"
            and any(g.lower_ in ("whole", "all") for g in c.children)
            for c in kids
        )
    if lemma == "have":
        return perfect and any(
            c.dep_ == "dobj" and c.lemma_.lower() == "life" and any(g.dep_ == "amod" for g in c.children)
            for c in kids
        )
    if lemma == "see":
        return perfect and any(c.lower_ == "worse" for c in kids)
    return False


def _who_one_is(clause: Token, subj: Token | None) -> bool:
    """Is ``clause`` "who I am" / "who I've become" (she / he for a third-person ``subj``)?"""
    inner = next((g for g in clause.children if g.dep_ == "nsubj"), None)
    if inner is None or subj is None or inner.lower_ not in ("i", "she", "he", "they"):
        return False
    if (inner.lower_ == "i") != (subj.lower_ == "i"):
        return False  # "I hate who he is": another person
    return lemma(clause) in ("be", "become") and any(
        g.lower_ == "who" and g.dep_ in ("attr", "nsubj", "dobj", "oprd") and g.i < clause.i
        for g in clause.children
    )


def _lost_self(head: Token) -> bool:
    """ "I've lost myself", 'she has "lost herself" in the marriage', "losing bits of myself": the
    client's sense of who they are gone (a reflexive object, or one under "bits / parts of")."""
    for c in head.children:
        if c.dep_ == "dobj" and c.lower_ in cues.REFLEXIVES:
            return True
        if (
            c.dep_ == "dobj"
            and c.lemma_.lower() in ("bit", "part", "piece")
            and any(
                p.dep_ == "prep" and p.lower_ == "of" and any(g.lower_ in cues.REFLEXIVES for g in p.children)
                for p in c.children
            )
        ):
            return True
    return False


def _contact_relative_identity(head: Token, lemma: str) -> bool:
    """ "I'm the one people leave", "I am somebody people come to": after the copula (no predicate
    found), a person word and a bare relative clause that the small parser read as the copula's
    clausal complement with the person word hung on its subject."""
    if lemma != "be" or any(c.dep_ in ("attr", "acomp", "oprd") for c in head.children):
        return False
    doc = head.doc
    for c in head.children:
        if c.dep_ != "ccomp" or c.i <= head.i:
            continue
        subj = next((g for g in c.children if g.dep_ == "nsubj"), None)
        if subj is None or subj.i <= head.i + 1:
            continue
        lead = [t.lower_ for t in doc[head.i + 1 : subj.i] if not t.is_punct]
        if (
            lead
            and any(w in cues.CONTACT_RELATIVE_HEADS for w in lead)
            and all(w in cues.CONTACT_RELATIVE_HEADS or w in cues.CONTACT_RELATIVE_LEAD for w in lead)
        ):
            return True
    return False


def _self_talk_claim(doc: Doc, unit: Unit, head: Token) -> list[str] | None:
    """The evidence of a plain identity claim under a self-talk or belief frame: "I keep telling
    myself I'm not broken" ("tell" with a reflexive), "I spent 30 years thinking I was rude" (an -ing
    belief verb under the clause's verb)."""
    frames = [head, *(c for c in head.children if c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG")]
    for frame in frames:
        if frame.lemma_.lower() not in cues.SELF_TALK_FRAME_LEMMAS:
            continue
        if frame.lemma_.lower() == "tell" and not any(
            c.dep_ in ("dobj", "dative") and c.lower_ in cues.REFLEXIVES for c in frame.children
        ):
            continue  # ("I told him I'm fine": talk to another person)
        if frame is head and frame.lemma_.lower() != "tell":
            continue  # (a finite "I think I'm ..." is the epistemic frame's)
        for c in frame.children:
            if c.dep_ != "ccomp" or c.i < frame.i:
                continue
            ev = _inner_self_description(doc, unit, c)
            if ev and ev[0] == "sd.copula":
                return ev
    return None


def _back_to_self(head: Token, lemma: str) -> str | None:
    """Returning to who one was: "I'm back to being the dad who does school pick-up", "I'm getting
    back to being her" (a predicate after "back to being"), "I'm getting my old self back", "she
    is getting her spark back" (``cues.RECOVERED_SELF_NOUNS``)."""
    if lemma not in ("be", "get", "go"):
        return None  # (the word test before the children)
    kids = list(head.children)
    if lemma not in ("be", "get", "go") or not any(c.lower_ == "back" for c in kids):
        return None
    back = [c for c in kids if c.lower_ == "back"]
    for c in kids + [g for b in back for g in b.children]:  # ("to" hangs on "back" or on the verb)
        if c.dep_ == "prep" and c.lower_ == "to":
            being = [g for g in c.children if g.dep_ == "pcomp" and g.lower_ == "being"]
            if being and any(g.dep_ in ("attr", "acomp") for g in being[0].children):
                return "sd.back_to_being"
        if (
            lemma == "get"
            and c.dep_ == "dobj"
            and c.lemma_.lower() in cues.RECOVERED_SELF_NOUNS
            and any(g.dep_ == "poss" for g in c.children)
        ):
            return "sd.self_back"
    return None


def _own_name(pred: Token) -> bool:
    """Is the copula's predicate a name given in a greeting ("Hi, I'm Thabo and I'm an alcoholic")?
    (Not "I'm still Marcus", "At the club I'm Jess": being oneself, a self-view.)"""
    head = pred.head
    return (
        pred.tag_ == "NNP"
        and any(t.lower_ in cues.GREETINGS and t.i < head.i for t in head.sent)
        and pred.ent_type_ in ("", "PERSON")
        and not any(c.dep_ in ("det", "poss", "amod", "compound", "prep") for c in pred.children)
        and pred.lower_ not in cues.IDENTITY_LABELS
        and pred.lower_ not in _LEXICON.negative | _LEXICON.positive
    )


def _self_regard_fragment(doc: Doc, unit: Unit, head: Token) -> bool:
    """A verbless fragment in the client's words with the "I" left out that rates the self: "Proud
    of me." ("proud of" + me / myself), "Rubbish at it." (a self-talk word + "at" + what the client
    does). The fragment opens its sentence (after "still", "so", "bit"); a state is not one."""
    table = token_table(doc)
    first = unit.start
    while first < head.i and table.lower[first] in ("still", "so", "just", "bit", "a", "pretty", "quite"):
        first += 1
    if head.i != first or head.lemma_.lower() in cues.STATE_PREDICATES:
        return False
    low = head.lower_
    preps = [c for c in head.children if c.dep_ == "prep"]
    if low == "proud":
        return any(p.lower_ == "of" and any(g.lower_ in ("me", "myself") for g in p.children) for p in preps)
    return low in _LEXICON.negative | _LEXICON.positive and any(
        p.lower_ == "at"
        and any(
            g.dep_ in ("pobj", "pcomp")
            and not g.like_num
            and g.lower_ not in cues.AT_TIME_WORDS  # ("Terrible at first", "Sober at Sixty")
            for g in p.children
        )
        for p in preps
    )


_ZERO_COPULA_KIDS = frozenset({"nsubj", "advmod", "neg", "punct", "cc", "conj", "npadvmod", "dep"})


def _zero_copula(doc: Doc, unit: Unit, head: Token, subj: Token) -> bool:
    """A claim with no copula in the client's words (Singapore, Caribbean and other Englishes): the
    subject, then only adverbs (``ZERO_COPULA_ADVERBS``, ``ZERO_COPULA_DEGREE``), then the predicate
    the parser took for the head ("Last time I very blur one", "Mi never perfect"). The predicate
    takes no object but a particle "one" ("I very like this" is no claim), has no auxiliary, and is
    a self-talk word unless a degree word marks the missing "be"."""
    if unit.voice != "quoted" or subj.lower_ not in ("i", "mi", "me") or head.i <= subj.i + 1:
        return False
    between = [t.lower_ for t in doc[subj.i + 1 : head.i]]
    if not all(w in cues.ZERO_COPULA_DEGREE or w in cues.ZERO_COPULA_ADVERBS for w in between):
        return False
    if any(
        c.dep_ not in _ZERO_COPULA_KIDS
        and not (c.lower_ == "one" and c.i == head.i + 1)
        # (a clause after a comma is the next claim: "..., now cannot do anything")
        and not (c.i > head.i and any(t.text == "," for t in doc[head.i + 1 : c.i]))
        for c in head.children
    ):
        return False  # an object, a clause, an auxiliary: a verb after all
    if head.i + 1 < len(doc) and doc[head.i + 1].lower_ == "much":
        return False  # "I very much doubt it"
    if head.lemma_.lower() in cues.STATE_PREDICATES or head.lower_ in cues.STATE_PREDICATES:
        return False  # "I so tired": a passing state
    rated = head.lower_ in _LEXICON.negative | _LEXICON.positive
    return (
        rated or any(w in cues.ZERO_COPULA_DEGREE for w in between) and head.pos_ in ("VERB", "ADJ", "NOUN")
    )


def _names_self(pred: Token, head: Token) -> bool:
    """ "I'm Linh." where Linh is the name the note gives the client: the client saying their name as
    the first words of what they say (bare: not "I'm still Marcus", "At the club I'm Jess", "I am not
    Joseph"; not after another claim: "I'm not his soldier. I'm Dev.")."""
    doc = head.doc
    subj = next((c for c in head.children if c.dep_ == "nsubj"), None)
    return (
        subj is not None
        and subj.i > 0
        and (doc[subj.i - 1].is_quote or doc[subj.i - 1].text == ":")
        and pred.tag_ == "NNP"
        and not any(True for _ in pred.children)
        and all(c.dep_ in ("nsubj", "attr", "punct", "cc", "conj") for c in head.children)
        and pred.text in v.client_names(head.doc)
    )


def _title_cased(doc: Doc, unit: Unit) -> bool:
    """Is the unit a Title Case title ("I Am Responsible", "Now… I Am Not My Mother", a poster, a
    worksheet, a song): its copula capitalised after "I", every word capitalised (not all upper case)?"""
    table = token_table(doc)
    words = [j for j in range(unit.start, unit.end) if table.text[j].isalpha()]
    texts = [table.text[j] for j in words]
    return (
        len(words) >= 3
        and any(table.text[j] in ("Am", "Was", "Is") and j > 0 and table.lower[j - 1] == "i" for j in words)
        and all(t[0].isupper() for t in texts)
        and not all(t.isupper() for t in texts)
    )


def _who_i_am(clause: Token, subj: Token | None = None) -> bool:
    """Is ``clause`` "who / what I am" (or she / he is), its subject the same person as ``subj``
    (when given: "I" for "I", a third person for a third person)?"""
    inner = next((g for g in clause.children if g.dep_ == "nsubj"), None)
    if inner is None or inner.lower_ not in ("i", "she", "he", "they"):
        return False
    if (
        subj is not None
        and (inner.lower_ == "i") != (subj.lower_ == "i")
        # 'she had "no idea who I am without him"': the client's own words quoted in a reported clause
        and not (inner.lower_ == "i" and _quote_opens_between(subj, inner))
    ):
        return False  # "I have no idea who he is": another person
    return clause.lemma_ == "be" and any(
        g.lower_ in ("who", "what") and g.dep_ in ("attr", "nsubj") and g.i < clause.i
        for g in clause.children
    )


def _quote_opens_between(a: Token, b: Token) -> bool:
    """Does a quotation open between tokens ``a`` and ``b`` (the client's words quoted inside a
    reported clause: 'she had "no idea who I am"')?"""
    return any(t.text in cues.OPENING_QUOTE_MARKS for t in a.doc[a.i + 1 : b.i])


def _unsure_who_i_am(head: Token, lemma: str, subj: Token | None) -> bool:
    """ "I have no idea who I am", "not sure who I am without the ED": the self unknown."""
    if subj is None or lemma not in ("have", "be"):
        return False  # (the word test before the children)
    kids = list(head.children)
    if lemma == "have":
        return any(
            c.dep_ == "dobj"
            and c.lower_ in ("idea", "clue")
            and any(g.dep_ == "det" and g.lower_ == "no" for g in c.children)
            and any(r.dep_ in ("relcl", "ccomp", "acl") and _who_i_am(r, subj) for r in c.children)
            for c in kids
        )
    if lemma == "be" and _negated(head):
        return any(
            c.dep_ == "acomp"
            and c.lower_ in ("sure", "certain")
            and any(r.dep_ == "ccomp" and _who_i_am(r, subj) for r in c.children)
            for c in kids
        )
    return False


# the reflexives by which a note's narration refers to the client (not "myself": the note's writer)
_THIRD_PERSON_REFLEXIVES = frozenset({"herself", "himself", "themselves", "themself", "self"})
# verbs of a self-view that take the reflexive as their object ("calls herself", "describing
# himself as", "sees self as"): cues.SELF_VIEW_VERBS but "list" and "identify" (no reflexive)
_EMBEDDED_SELF_VIEW_LEMMAS = frozenset(cues.SELF_VIEW_VERBS - {"list", "identify"})
_MODAL_FRAME = frozenset({"would", "could", "might", "should", "may", "'d", "’d"})


def embedded_self_views(
    doc: Doc, regions: list[int], taken: Collection[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Token spans (start, end) of the client's self-view told through a reflexive self-view verb
    that the clause analysis made no clause of: a gerund or participle ("back to calling herself
    “the screw-up” after the lapse", "She came to me describing herself as “a visitor in my own
    life”", "Joel calling himself “a slow learner”"), a fragment after a line label or a phrase
    ("Self-perception ↓ Called himself “a packrat” twice", "after the mocks called herself
    “thick” again"), or a bracketed aside ("(calls herself “the spare”)").

    The verb is in the note's narration, its object a third-person reflexive, and what follows it
    the view itself: a quotation right after the reflexive or after "as", or a predicate the parser
    hung on the verb. Spans overlapping ``taken`` (the self-descriptions already found), questions,
    hypotheticals ("would call herself") and another person's view of themselves ("her mum calls
    herself ...") are left out. The span runs from the verb to the end of the view."""
    table = token_table(doc)
    out: list[tuple[int, int]] = []
    for i in range(len(doc)):
        low = table.lower[i]
        if low not in _THIRD_PERSON_REFLEXIVES or i == 0 or regions[i] != v.NARRATION:
            continue
        verb = doc[i].head
        if verb.i >= i or verb.i < i - 4 or lemma(verb) not in _EMBEDDED_SELF_VIEW_LEMMAS:
            continue
        if doc[i].dep_ == "pobj" and doc[i].head.dep_ == "prep":
            verb = doc[i].head.head  # "thinks of herself as": the reflexive under "of"
            if lemma(verb) not in _EMBEDDED_SELF_VIEW_LEMMAS:
                continue
        if regions[verb.i] != v.NARRATION or not verb.tag_.startswith("VB"):
            continue
        if any(a <= verb.i < b or a <= i < b for a, b in taken):
            continue
        if any(c.lower_.replace("’", "'") in _MODAL_FRAME for c in verb.children if c.dep_ == "aux"):
            continue  # "would call herself ...": not a view she holds
        if any(c.dep_ == "mark" and c.lower_ in ("if", "whether") for c in verb.children):
            continue  # "asked whether he saw himself as a burden": a question
        agent = subject_of(verb)
        if agent is None and verb.dep_ == "conj":
            agent = inherited_subject(verb)  # "J.T. said ... and called herself ...": J.T.'s
            if agent is not None and regions[agent.i] != v.NARRATION:
                agent = None  # (hung on a verb inside a quotation: 'says "the panic decides ..." and describes herself')
        if agent is None and verb.tag_ == "VBG" and doc[verb.i - 1].pos_ == "PROPN":
            agent = doc[verb.i - 1]  # "struck by Joel calling himself ...": the gerund's own subject
        if agent is not None and agent.tag_ in ("NNS", "NNPS") and low in ("herself", "himself"):
            agent = None  # "after the mocks called herself ...": a plural read as the subject
        if agent is None and verb.dep_ in ("acl", "relcl") and verb.head.pos_ == "PROPN":
            agent = verb.head  # "Joel calling himself ...": the name the gerund hangs on
        if (
            agent is not None
            and agent.lower_ not in cues.CLIENT_SUBJECT_PRONOUNS
            and (regions[agent.i] != v.NARRATION or v._speaker_of(agent) != v.CLIENT)
        ):
            continue  # "Her mum calls herself ...": another person's view of themselves
        if (agent is None or agent.lower_ in cues.CLIENT_SUBJECT_PRONOUNS) and _told_by_another(verb):
            continue  # "Rowan said he sees himself as ...", "asked Jason if he ...": not the client's
        end = _embedded_view_end(doc, table, i)
        if end is None:
            continue
        a, b = sentence_of_token(doc, verb.i)
        if "?" in table.text[i:b]:
            continue
        out.append((verb.i, end))
    return out


def _told_by_another(verb: Token) -> bool:
    """Is ``verb`` inside what another person said or asked ("Rowan said he sees himself as ...",
    "Another member asked Jason if he sees himself as ...")? Read up its clause heads."""
    for anc in verb.ancestors:
        low = lemma(anc)
        if low == "ask":
            return True
        if low in cues.REPORTING_VERBS:
            subj = subject_of(anc) or (inherited_subject(anc) if anc.dep_ == "conj" else None)
            return (
                subj is not None
                and subj.lower_ not in cues.CLIENT_SUBJECT_PRONOUNS
                and (v._speaker_of(subj) != v.CLIENT)
            )
    return False


def _embedded_view_end(doc: Doc, table: TokenTable, refl: int) -> int | None:
    """End (exclusive) of the view after the reflexive at ``refl``: a quotation right after it (or
    after "as"), to its closing mark, or an "as" phrase / predicate to the end of its subtree."""
    j = refl + 1
    if j < len(doc) and table.lower[j] == "as":
        j += 1
    if j < len(doc) and doc[j].is_quote:
        k = j + 1
        while k < len(doc) and not doc[k].is_quote and table.text[k] != "\n":
            k += 1
        return k + 1 if k < len(doc) and doc[k].is_quote and k > j + 1 else None
    tok = doc[refl]
    for c in (*tok.head.children, *(tok.children)):
        if c.i > refl and (
            c.dep_ in ("oprd", "attr", "acomp", "ccomp", "xcomp")
            or c.dep_ == "prep"
            and c.lower_ == "as"
            and any(g.dep_ == "pobj" for g in c.children)
        ):
            return c.right_edge.i + 1
    return None


def _fragment_self_view(head: Token) -> list[str] | None:
    """A subjectless self-view fragment: "Feels like a failure", "Identifies as an addict"."""
    lem = head.lemma_.lower()
    if lem not in cues.FRAGMENT_SELF_VIEW_LEMMAS:
        lem = {"feels": "feel"}.get(head.lower_, head.lower_)
    if any(
        c.dep_ == "dobj"
        and c.lower_ not in cues.REFLEXIVES
        # (a time phrase read as the object: 'feels like a fraud "every single shift"')
        and not any(g.dep_ == "det" and g.lower_ in ("every", "each") for g in c.children)
        for c in head.children
    ):
        return None  # "describes a friend as ...": someone else
    for c in head.children:
        if c.dep_ != "prep" or not any(g.dep_ == "pobj" for g in c.children):
            continue
        if lem == "feel" and c.lower_ == "like":
            pobj = next(g for g in c.children if g.dep_ == "pobj")
            if pobj.pos_ in ("NOUN", "PROPN") and pobj.lemma_.lower() not in cues.STATE_PREDICATES:
                return ["sd.fragment_feel_like"]
        if lem != "feel" and c.lower_ == "as":
            return ["sd.fragment_self_view"]
    return None


def lemma_of_aux(tok: Token) -> bool:
    return tok.dep_ in ("auxpass", "aux") and tok.lower_.replace("’", "'") in BE_FORMS


def _label_kind(doc: Doc, unit: Unit) -> str | None:
    words = [t.lower_ for t in doc[unit.start : unit.end]]
    text = " ".join(words)
    for head in cues.PERSON_FIRST_HEADS:
        for prep in cues.PERSON_FIRST_PREPS:
            if f"{head} {prep}" in text and any(w in cues.CONDITION_WORDS for w in words):
                return "person_first"
    if "someone in recovery" in text or "person in recovery" in text:
        return "person_first"
    for w in words:
        if w in cues.IDENTITY_LABELS:
            return "identity_first"
    if "anxious person" in text or "depressed person" in text:
        return "identity_first"
    return None


PREDICATE_CORE_DEPS = frozenset(
    {"amod", "compound", "advmod", "det", "nummod", "npadvmod", "poss", "quantmod"}
)


def _people_like_me_subject(doc: Doc, unit: Unit) -> bool:
    """The claim is about "people like me" / "someone like me" (subject or object)."""
    return any(
        t.lower_ == "like"
        and any(g.lower_ in ("me", "him", "her", "us") for g in t.children)
        and t.head.lower_ in ("people", "someone", "somebody", "person", "anyone", "girls", "guys", "men")
        for t in doc[unit.start : unit.end]
    )


def _elliptic_self_view_answer(doc: Doc, unit: Unit) -> bool:
    """The client's verbless "As <someone>" answer to a self-view question in the line before
    ("T: How do you see yourself now?" / "C: As someone who can handle things.")."""
    head = doc[unit.head]
    if unit.voice != "quoted" or unit.subj >= 0 or head.i != unit.start:
        return False
    if head.lower_ == "as":
        if not any(c.dep_ == "pobj" for c in head.children):
            return False
    elif not (head.lower_ in cues.SELF_VIEW_ANSWER_HEADS and any(c.dep_ == "relcl" for c in head.children)):
        return False  # "Someone who gets up." / "The one who ...": a person described by a clause
    text = doc_text(doc)
    line_start = text.rfind("\n", 0, head.idx)
    if line_start < 0:
        return False
    prev = text[text.rfind("\n", 0, line_start) + 1 : line_start].lower()
    return "?" in prev and any(v in prev for v in cues.SELF_VIEW_QUESTIONS)


def _ellipsis_antecedent(doc: Doc, unit: Unit) -> Token | None:
    """The predicate a bare "I am" / "I'm really not" takes from the sentence before ("My boss
    thinks I'm a liability. Maybe I am."; "...told her she is "the bravest person here". "I'm
    really not.""), or None."""
    head = doc[unit.head]
    if lemma(head) != "be":
        return None
    if unit.subj < 0 or doc[unit.subj].lower_ != "i":
        return None
    start, _ = sentence_of_token(doc, head.i)
    if any(c.dep_ in ("attr", "acomp", "prep", "ccomp", "xcomp", "oprd") for c in head.children):
        return None
    # the same sentence before the clause, then the sentence before, when the claim there is someone
    # else's ("Mere keeps telling her she's "the strong one" — "but I'm not"", "My mam says I'm a liar
    # and I suppose I am"); the client's own "I'm an addict and I always will be" is one claim
    prev_start = sentence_of_token(doc, start - 1)[0] if start > 0 else start
    for t in reversed(doc[prev_start : unit.start]):
        if _own_claim(t):
            return None
        if lemma(t) == "be" and t.i != head.i:
            pred = next((c for c in t.children if c.dep_ in ("attr", "acomp")), None)
            if pred is not None:
                # a passing state ("Are you tired?" "I am.") is not an identity claim
                return None if pred.lower_ in cues.STATE_PREDICATES or _is_state(pred, t) else pred
    return None


def _own_claim(t: Token) -> bool:
    """Is ``t`` the copula of the client's own "I am ..." (not under someone else's speech or thought
    verb: "My mam says I'm a liar")?"""
    if lemma(t) != "be" or not any(c.dep_ == "nsubj" and c.lower_ == "i" for c in t.children):
        return False
    frame = t.head if t.dep_ in ("ccomp", "xcomp") else None
    if frame is None or _quote_opens_between(frame, t):
        return True  # (the note's frame of the client's quotation: 'Pt stated "I'm a wreck, so I am"')
    if frame.tag_ == "VBD" and frame.lemma_.lower() in cues.EPISTEMIC_VERBS:
        return False  # "At the start I thought I was a waste of a man. I'm not.": a view left behind
    return any(c.dep_ == "nsubj" and c.lower_ == "i" for c in frame.children)


def _after_comma(doc: Doc, i: int) -> bool:
    """Does token ``i`` follow a comma or semicolon (quote marks between ignored)?"""
    j = i - 1
    while j >= 0 and doc[j].is_quote:
        j -= 1
    return j >= 0 and doc[j].text in (",", ";")


def _predicate_token(doc: Doc, unit: Unit) -> Token | None:
    """The word that carries the claim: "failure" in "I'm a failure", "fraud" in "feels like a
    fraud", "burden" in "described herself as a burden"."""
    table = token_table(doc)
    deps, lows, children, h = table.dep, table.lower, table.children, unit.head
    if lows[h] == "as":  # an elliptic answer: "As someone who can handle things."
        return next((doc[c] for c in children[h] if deps[c] == "pobj"), None)
    heads = [h]
    heads += [c for c in children[h] if deps[c] in ("xcomp", "ccomp") and c > h]
    for head in heads:
        for c in children[head]:
            if c < head:
                continue
            if deps[c] in ("attr", "acomp", "oprd"):
                return _past_hedge(doc[c])
            if deps[c] == "prep" and lows[c] in ("like", "as"):
                pobj = next((g for g in children[c] if deps[g] == "pobj"), None)
                if pobj is not None:
                    return doc[pobj]
    return None


def _core_phrase(pred: Token) -> str:
    """The predicate word with its modifiers (not its relative clauses), lower-cased."""
    table = token_table(pred.doc)
    deps, lows, children = table.dep, table.lower, table.children
    core = [pred.i]
    stack = [pred.i]
    while stack:
        cur = stack.pop()
        for c in children[cur]:
            if deps[c] in PREDICATE_CORE_DEPS:
                core.append(c)
                stack.append(c)
    core.sort()
    # hedges are not valence: "kind of a disappointment" (parsed "kind"/"of" advmod)
    return " ".join(
        lows[i]
        for i in core
        if not table.punct[i] and not (deps[i] == "advmod" and lows[i] in ("kind", "sort", "of"))
    )


def denied_alternatives(doc: Doc, start: int, end: int) -> tuple[int, set[int]]:
    """Valence of the alternatives a clause denies, and their token indices: "a survivor, not a
    victim", "a working dad again, not a failure waiting for something" (the parser may hang the
    "not" on any noun before it), "someone in recovery rather than a junkie", "instead of". A
    denied alternative counts reversed; the words it holds are not the client's claim."""
    valence = 0
    idx: set[int] = set()
    table = token_table(doc)
    lows, deps = table.lower, table.dep
    for i in range(start, min(end, len(lows))):  # (a Token only for a denial's cue word)
        low, prev = lows[i], lows[i - 1] if i > 0 else ""
        if low == "not" and deps[i] == "neg" and prev == ",":
            t = doc[i]
            alts = [a for a in t.head.children if a.dep_ in ("appos", "conj") and t.i < a.i < end]
        elif (low, prev) in (("than", "rather"), ("of", "instead")):
            # "someone in recovery rather than a junkie", "a fighter instead of a victim"
            t = doc[i]
            alts = [a for a in t.children if a.dep_ == "pobj" and a.i < end]
        elif deps[i] == "relcl" and low == "used":
            # "someone who used to have panic attacks": a past the client has left behind
            t = doc[i]
            for x in (c for c in t.children if c.dep_ == "xcomp" and c.i < end):
                valence += text_valence(" ".join(g.lower_ for g in x.subtree if g.i < end))
                idx.add(t.i)
                idx.update(g.i for g in x.subtree)
            continue
        else:
            continue
        for alt in alts:
            valence += text_valence(_core_phrase(alt))
            idx.add(t.i)
            idx.update(g.i for g in alt.subtree)
    return valence, idx


def _capable_identity(pred: Token, unit: Unit) -> int:
    """+1 for a person defined by what they can do ("someone who can cope", "the kind of person
    who can handle this"); -1 when the relative clause denies it ("someone who can't say no");
    the claim's own negation is applied by the caller ("I'm not someone who can do this stuff")."""
    if pred.lower_ not in cues.PERSON_FIRST_HEADS | {"one", "kind", "type", "sort", "guy", "girl"}:
        return 0
    for rel in pred.subtree:
        if rel.dep_ != "relcl" or not unit.start <= rel.i < unit.end:
            continue
        auxes = {c.lower_.replace("’", "'") for c in rel.children if c.dep_ in ("aux", "neg")}
        if auxes & {"can", "could", "ca"}:
            return -1 if auxes & {"not", "n't", "never", "cannot"} else 1
    return 0


def _past_hedge(pred: Token) -> Token:
    """ "kind of a disappointment", "sort of a mess", "bit of a failure": the noun after the hedge."""
    if pred.lower_ in ("kind", "sort", "bit"):
        for c in pred.children:
            if c.dep_ == "prep" and c.lower_ == "of":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None:
                    return pobj
    return pred


def _predicate_valence(doc: Doc, unit: Unit, negated: bool) -> int:
    """Valence of the predicate phrase alone (its head and modifiers, not its relative clauses),
    flipped when the claim is negated or the client is "done being" it; a denied alternative
    counts reversed ("a working dad again, not a failure"); 0 when it has none."""
    pred = _predicate_token(doc, unit)
    if pred is None or not unit.start <= pred.i < unit.end:
        return 0
    phrase = _core_phrase(pred)
    score = text_valence(phrase) or _capable_identity(pred, unit)
    denied, _ = denied_alternatives(doc, pred.i + 1, unit.end)
    if not score and not denied:
        return 0
    head = doc[unit.head]
    done_being = head.lower_ in _DONE_WORDS or any(
        t.lower_ in ("done", "finished") for t in doc[unit.start : pred.i]
    )
    # only a negator on the clause itself flips the predicate ("I'm not a bad mother"); one on a
    # contrasted alternative does not ("a survivor, not a victim")
    # ("I'm not damaged goods": the parser may hang the "not" on a modifier of the predicate)
    pred_negated = any(t.dep_ == "neg" and t.i < pred.i for t in pred.subtree)
    clause_negated = negated and _negated(head) and not any(t in cues.NEGATORS for t in phrase.split())
    if clause_negated or pred_negated or done_being:
        score = -score
    return score - denied


def _who_i_was(head: Token) -> bool:
    """A copula whose predicate is a free relative about the speaker: "who I was", "what you said
    I was", "the person I used to be" is handled by the copula rules."""
    for c in head.children:
        if c.dep_ != "ccomp" or c.i < head.i:
            continue
        sub = list(c.subtree)
        if not sub or sub[0].lower_ not in ("who", "what") or sub[0].tag_ not in ("WP",):
            continue
        if any(g.lower_ in ("i", "she", "he") and g.head.lemma_ == "be" for g in sub):
            return True
    return False


def _claim_unit(unit: Unit, head: Token, subj: Token) -> Unit:
    """The inner claim as its own unit, from its subject on."""
    return _inner_unit(
        unit, head.i, subj.i, start=max(unit.start, subj.left_edge.i), self_subject=unit.self_subject
    )


def _inner_claim(doc: Doc, unit: Unit) -> Unit | None:
    """The copular clause under a lifting or epistemic frame ("I'm starting to think [I'm not the
    boring one]", "I guess [I'm a disappointment]"), whose words alone carry the polarity."""
    head = doc[unit.head]
    if lemma(head) == "be":
        # "I'm sure [I'm a monster]": the adjectival epistemic frame's complement
        for c in (*_epistemic_complements(head), *_fearful_complements(head)):
            sub = subject_of(c) if lemma(c) == "be" else None
            if sub is not None:
                return _claim_unit(unit, c, sub)
        return None
    cur = head
    for _ in range(3):
        nxt = next(
            (
                c
                for c in cur.children
                if c.dep_ in ("xcomp", "ccomp") and c.i > cur.i and unit.start <= c.i < unit.end
            ),
            None,
        )
        if nxt is None:
            return None
        sub = subject_of(nxt) if lemma(nxt) == "be" else None
        if sub is not None:
            return _claim_unit(unit, nxt, sub)
        cur = nxt
    return None


_FLIP = {"positive": "negative", "negative": "positive", "neutral": "neutral"}
_NOT_THAT_CLAUSE = re.compile(r" not that (?:i|she|he|they|i'm|she's|he's) ")


def self_polarity(doc: Doc, unit: Unit, negated: bool) -> str:
    denied, denied_idx = denied_alternatives(doc, unit.start, unit.end)
    words = _content_words(doc, unit.start, unit.end, skip=denied_idx)
    table = token_table(doc)
    text = " " + " ".join(table.lower[unit.start : unit.end]) + " "
    if " part of me " in text and " and part of me " in text:
        return "neutral"
    if reports_no_change(text):
        # "he is "neither better nor worse, just here."": the words around the no-change phrase
        # decide ("nothing has changed, I'm still useless" stays negative)
        value = text_valence(text)
        return polarity_word(value)
    if (
        " know who i am " in text
        or (" who i am " in text or " what i am " in text)
        and any(
            w in text
            for w in (" no idea ", " not sure ", "n't know ", "n’t know ", " not know ", " no clue ")
        )
        or "recognise" in text
        or "recognize" in text
        or " feel like myself " in text
    ):
        return "negative"
    head = doc[unit.head]
    if _done_hiding(head, doc[unit.subj] if unit.subj >= 0 else None):
        return "positive"  # "I'm done pretending I'm not", "done hiding who I am": no longer hiding
    if negated and _people_like_me_subject(doc, unit):
        return "negative"  # "People like me don't get better", "nobody could love someone like her"
    antecedent = _ellipsis_antecedent(doc, unit)
    if antecedent is not None:
        value = text_valence(_core_phrase(antecedent))
        value = -value if negated else value
        return polarity_word(value)
    inner = _inner_claim(doc, unit)
    if inner is not None:
        polarity = self_polarity(doc, inner, claim_negated(doc, inner))
        # "I don't think I'm worth the effort": a negated frame negates the claim it lifts
        frame_negated = "neg" in table.dep[unit.start : inner.start]
        return _FLIP[polarity] if frame_negated else polarity
    if not negated and _plain_diagnostic_label(doc, unit):
        return "neutral"
    denial = _denied_label(span_text(doc[unit.start : unit.end])) if negated else 0
    if denial:
        return polarity_word(denial)
    asserted = _asserted_over_denied(span_text(doc[unit.start : unit.end]))
    if asserted:
        return polarity_word(asserted)
    pred_score = _predicate_valence(doc, unit, negated)
    if pred_score:
        return polarity_word(pred_score)
    score = _lex(
        [
            w
            for w in words
            if w
            not in (
                "not",
                "n't",
                "never",
                "no",
                "nobody",
                "still",
                "same",
                "like",
                "me",
                "life",
                "here",
                "out",
                "back",
                "getting",
                "home",
                "new",
                "kind",
                "sort",
            )
        ]
    )
    if any(w in cues.RECOVERY_WORDS for w in words) and score < 0:
        score = 1
    if " too much " in text:
        score -= 1
    if " still here " in text or " been through " in text:
        score += 1
    if negated and " not that " not in text:
        score = -score if score else 0
        if " not all i am " in text or "n't all i am" in text:
            score = 1
    elif " not that " in text:
        score = -score
    score -= denied
    if score == 0 and negated and not _NOT_THAT_CLAUSE.search(text) and lemma(doc[unit.head]) == "be":
        pred = _predicate_token(doc, unit)
        past_self = (
            pred is not None
            and any(m in text for m in (" anymore ", " any more ", " no longer "))
            and any(c.dep_ == "det" and c.lower_ in ("that", "the") for c in pred.children)
        )
        if past_self or pred is not None and pred.lower_ in cues.IDENTITY_LABELS:
            # "I'm not that guy anymore", "I'm not "a schizophrenic"": a self or label left behind
            # ("I'm not a provider any more", a role lost, stays undecided)
            score = 1
    if score == 0 and " part of me " not in text:
        # words the cue lists lack: the curated self-talk lexicon, then the general one
        # (their own reversers resolve "not", "no longer", "done being")
        score = text_valence(span_text(doc[unit.start : unit.end]))
    if score == 0 and not negated and (_new_self(text) or _kept_identity(doc, unit, text)):
        score = 1
    return polarity_word(score)


_PLAIN_LABEL_WORDS = frozenset(
    {
        "i",
        "'m",
        "m",
        "am",
        "is",
        "'s",
        "s",
        "was",
        "she",
        "he",
        "a",
        "an",
        "too",
        "now",
    }  # ("still" weighs it)
)


def _plain_diagnostic_label(doc: Doc, unit: Unit) -> bool:
    """ "I'm an alcoholic", "I'm bipolar", "she's a diabetic too": a diagnostic label stated as
    plain fact, with no word that weighs it ("just a ...", "a hopeless ...", "and always will be")."""
    if lemma(doc[unit.head]) != "be":
        return False
    table = token_table(doc)
    words = [table.lower[k].replace("’", "'") for k in range(unit.start, unit.end) if not table.punct[k]]
    labels = [w for w in words if w in cues.PLAIN_DIAGNOSTIC_LABELS]
    return len(labels) == 1 and all(w in _PLAIN_LABEL_WORDS or w == labels[0] for w in words)


_NOT_NP_RE = re.compile(
    r"(?i)^(?:i['’]?m|i\s+am|(?:she|he)['’]?s|(?:she|he)\s+is)\s+not\s+"
    r"(?:just\s+|only\s+|even\s+)?(?P<np>(?:a|an|the|my|his|her|their|that)\s+[^,;.]+)$"
)


def _denied_label(text: str) -> int:
    """ "I'm not a total write-off", "I'm not the yes-man anymore" (+1: a worse self denied), "I'm
    not a good mother" (-1), "I'm not my dad", "I'm not a child" (+1: the client is not who the
    parent, the label or a reduced self makes them). 0 when it is no such claim."""
    m = _NOT_NP_RE.match(text.strip())
    if m is None:
        return 0
    np = re.sub(r"(?i)\s+(?:any\s*more|anymore|now|again)$", "", m.group("np"))
    if re.search(r"(?i)\b(?:who|that|which|when|like)\b", np[4:]):
        return 0  # "not the girl who begs for approval": the clause's words, not the label, decide
    value = text_valence(np)
    if value:
        return -value
    words = set(re.findall(r"[a-z-]+", np.lower()))
    possessed = np.lower().split()[0] in ("my", "his", "her", "their")
    return 1 if words & cues.DISTANCED_SELVES or possessed and words & cues.DISTANCED_POSSESSED else 0


# (titles._DENIED_RE is the title form: there the separator is optional, see its comment)
_DENIAL_RE = re.compile(r"^(?P<kept>.+?)\s*[,;—–-]\s*not\s+(?:just\s+|only\s+|simply\s+)?(?P<denied>[^,;]+)")


def _asserted_over_denied(text: str) -> int:
    """+1 when the client asserts one self against a denied one ("I'm a mum who got ill, not a bad
    mum", "someone who slipped, not someone who gave up", "a person who needs rest, not a
    machine"): the denial of the worse or reductive label carries the claim, unless the kept self
    is the worse one ("a failure, not a fighter"). 0 when there is no such denial."""
    m = _DENIAL_RE.match(text.replace("’", "'"))
    if m is None or re.search(r"\b(?:not|n't|never|no)\b", m.group("kept"), re.IGNORECASE):
        return 0
    stems = [{w[:5] for w in re.findall(r"[a-z]{5,}", m.group(g).lower())} for g in ("kept", "denied")]
    if stems[0] & stems[1] & {label[:5] for label in cues.IDENTITY_LABELS}:
        return 0  # "an anorexic, not someone who has anorexia": a choice between names for one thing
    kept, denied = text_valence(m.group("kept")), text_valence(m.group("denied"))
    if denied < 0 or kept >= 0 and denied <= 0:
        return 1
    return -1 if kept < 0 and denied > 0 else 0


def _kept_identity(doc: Doc, unit: Unit, text: str) -> bool:
    """ "I'm still a father", "still a teacher, only without a classroom": a valued role the client
    keeps through a loss (a diagnostic label kept, "still an addict", is not)."""
    if " still a " not in text and " still an " not in text and " still the " not in text:
        return False
    pred = _predicate_token(doc, unit)
    return pred is not None and pred.lower_ not in cues.IDENTITY_LABELS and pred.pos_ == "NOUN"


_NOW_WORDS = (" now ", " finally ", " these days ", " nowadays ")
_DIMINISHERS = (" just ", " only ", " merely ", " still ", " can't ", " cannot ", " nobody ", " never ")


def _new_self(text: str) -> bool:
    """ "I'm a dad who turns up now", "she is finally someone who has boundaries": a present
    identity the client sets against the past, with no word that makes it less ("Now I'm just the
    person who stays home") — a change the client owns, so positive."""
    return (
        any(w in text for w in _NOW_WORDS)
        and any(w in text for w in (" who ", " that "))
        and not any(w in text for w in _DIMINISHERS)
        and " used to " not in text
    )


# ---------------------------------------------------------------- agency

STATIVE_PARTICIPLES = frozenset(
    {
        "allowed",
        "done",
        "born",
        "interested",
        "married",
        "divorced",
        "tired",
        "knackered",
        "shattered",
        "worried",
        "scared",
        "supposed",
        "used",
        "meant",
        "involved",
        "located",
        "based",
        "related",
        "stuck",
        "pleased",
        "surprised",
        "shocked",
        "prepared",
        "determined",
        "convinced",
        "excited",
        "frightened",
        "terrified",
        "embarrassed",
        "ashamed",
        "overwhelmed",
        "exhausted",
        "sure",
        "cured",
        "healed",
        "fixed",
        "motivated",
        "employed",
        "unemployed",
        "retired",
    }
)


_OBSERVED_PHRASES = tuple(cue for cue in cues.OBSERVED_BEHAVIOUR if " " in cue)


def _observed_behaviour(doc: Doc, unit: Unit) -> bool:
    """A clinician's observation or symptom report ("Cl tearful, wringing hands", "Pt c/o poor sleep")."""
    head = doc[unit.head]
    table = token_table(doc)
    lower, h = table.lower, unit.head
    if any(low in cues.SYMPTOM_REPORT_VERBS for low in lower[unit.start : h + 1]):
        return True
    if lemma(head) == "pace" and any(
        table.dep[c] == "dobj" and table.lower[c] in cues.PACED_ACTIVITIES for c in table.children[h]
    ):
        return False  # "pacing her housework with a kitchen timer": pacing an activity, a skill
    if unit.subj < 0 and unit.voice != "quoted" and lower[h] in cues.OBSERVED_BEHAVIOUR:
        return True  # "Withdrawn, monosyllabic", "Animated when discussing daughter"
    if unit.voice != "quoted" and lower[h] in cues.MOOD_WORDS:
        return True  # "Pt low." with "low" mis-tagged as a verb
    if unit.voice == "quoted":
        return False
    if lemma(head) == "present" and h + 1 < len(doc) and (table.pos[h + 1] == "ADJ" or lower[h + 1] == "as"):
        return True  # "Presented bright, good rapport", "presented as flat": how the client came across
    if lower[h] in cues.OBSERVED_BEHAVIOUR and unit.frame < 0:
        return True  # "Pt animated, laughing": observed, not reported by the client
    clause = " ".join(lower[unit.start : unit.end])
    if any(cue in clause for cue in _OBSERVED_PHRASES):
        return True  # "avoids eye contact": an observation in any narrated voice
    if unit.voice != "clinician":
        return False
    return lower[h] in cues.OBSERVED_BEHAVIOUR or lemma(head) in cues.OBSERVED_BEHAVIOUR


def _hedged_claim(doc: Doc, unit: Unit) -> Unit | None:
    """The clause under the client's own hedging frame ("I think [I can manage]", "she guesses
    [she could try]"): the frame only hedges it (span unchanged)."""
    head = doc[unit.head]
    if not unit.self_subject or (
        (frame := lemma(head)) not in cues.HEDGE_VERBS and frame not in cues.EMOTIVE_FRAME_VERBS
    ):  # (no union of the two sets per call)
        return None
    for c in head.children:
        if c.dep_ == "ccomp" and c.i > head.i:
            sub = subject_of(c)
            if lemma(head) == "know" and not _modal_clause(c):
                continue  # "Now I know I just learn differently": a self-view, not a can / should
            if sub is not None and sub.lower_ in ("i", "she", "he"):
                return _inner_unit(unit, c.i, sub.i)
    return None


_FRAME_MODALS = frozenset(["can", "ca", "could", "should", "must", "ought", "will", "wo", "'ll", "’ll"])


def _modal_clause(head: Token) -> bool:
    """Does the clause of ``head`` carry a modal of ability or duty ("I can do it", "I should
    visit more", "I have to go")?"""
    return any(c.dep_ == "aux" and c.lower_ in _FRAME_MODALS for c in head.children) or (
        head.lemma_ == "have" and any(c.dep_ == "xcomp" for c in head.children)
    )


def _field_label(doc: Doc, unit: Unit) -> bool:
    """The head is a note field's label over a verbless list ("Coping: avoidance, reassurance",
    "Sleeping: 4-5 h"), not a clause in which the client acts ("Coping: Used the urge-surfing
    technique", "Coping: Pt used ..." keep their clause)."""
    h = unit.head
    if h != unit.start:
        return False
    table = token_table(doc)
    texts, tags = table.text, table.tag
    # the label may run to three words ("Prompting event: sister's text", "Skills used: ...")
    colon = next(
        (j for j in range(h + 1, min(h + 4, unit.end, len(doc))) if texts[j] in (":", "->", "→")),
        None,
    )
    if colon is None or any(
        tags[j] in ("VBD", "VBZ", "VBP", "MD") or not doc[j].is_alpha for j in range(h, colon)
    ):
        return False  # (an indicator's "Coping — setback: ..." keeps its clause)
    rest = [j for j in range(colon + 1, unit.end) if not table.punct[j] and table.pos[j] != "SYM"]
    if rest and tags[rest[0]].startswith("VB"):
        return False
    return not any(tags[j] in ("VBD", "VBZ", "VBP") for j in rest)


def _what_field_label(doc: Doc, unit: Unit) -> bool:
    """A worksheet's field label that is a free relative clause, at the start of its line and before
    its colon: "What I've learned: I'm not lazy", "What I could do differently: call Aoife", "What
    I'm going to keep doing: ..." (the answer after the colon is read as its own clause)."""
    table = token_table(doc)
    if table.lower[unit.start] != "what" or unit.end >= len(doc):
        return False
    after = unit.end
    while after < len(doc) and doc[after].is_space:
        after += 1
    if after >= len(doc) or table.text[after] != ":":
        return False
    before = unit.start - 1
    return before < 0 or doc[before].is_space and "\n" in doc[before].text or "\n" in doc[before].whitespace_


_STATUS_RE = re.compile(
    r"\b(?:unchanged|same as (?:ever|before|last (?:week|time|session))|(?:about |much |roughly )?the same|"
    r"no change|persists|persisting|ongoing|continues|stable)[\s.!\"'”’]*$"
)


def _status_fragment(doc: Doc, unit: Unit) -> bool:
    """A subjectless note fragment that opens with a gerund and ends on its status, not an act:
    "Checking unchanged", "Checking time on other evenings unchanged", "Checking 'same as ever'",
    "Checking persists" (a symptom or habit tracked over sessions, as a finding)."""
    table = token_table(doc)
    if unit.subj >= 0 or table.tag[unit.start] != "VBG":
        return False
    m = _STATUS_RE.search(span_text(doc[unit.start : unit.end]).lower())
    if m is None:
        return False
    # nothing between the gerund and its status is a verb or a relative ("Going to the gym twice a
    # week, which is the same as before" is an act)
    status_at = table.idx[unit.start] + m.start()
    return not any(
        table.tag[j].startswith(("VB", "MD", "W"))
        for j in range(unit.start + 1, unit.end)
        if table.idx[j] < status_at
    )


def agency(doc: Doc, unit: Unit) -> Label | None:
    """The agency reading of a unit, or None."""
    if _observed_behaviour(doc, unit) or _field_label(doc, unit) or _what_field_label(doc, unit):
        return None
    if _prompt_field_label(doc, unit):
        return None  # "4. Who I want to be: a dad the boys aren't scared of": the worksheet's prompt
    if _status_fragment(doc, unit):
        return None
    if _time_clause(doc, unit):
        return None  # "when I walked in", "When practising compassionate self": the scene of a claim
    if _condition_not_act(doc, unit):
        return None  # "I'm just worn out", "I'm not going doolally", "I'm not gonna lie"
    inner = _hedged_claim(doc, unit)
    if inner is not None:  # "I think I can probably manage the train on my own"
        label = agency(doc, inner)
        frame = doc[unit.head]
        if label is not None and _negated(frame) and not _exclamative_cannot(frame):
            return _negated_frame(label)  # "I don't think I can cope" = "I think I can't cope"
        return label
    label = _agency(doc, unit)
    if label is None or label.polarity == "mixed":
        return label
    if label.polarity == "agentic" and label.kind == "volition" and _compulsive_repeat(doc, unit):
        # "checked the stove 6x before work", "weighs herself every morning", "asks her partner ...
        # up to 30 times an evening": a checking or reassurance ritual, the compulsion steering
        return Label("agency", "non_agentic", "external", label.evidence + ["ag.compulsion"], label.cues)
    if label.polarity == "agentic" and label.kind == "volition" and (cause := _symptom_cause(doc, unit)):
        # "skipped the team mtg Mon b/c of panic", "left early d/t anxiety": the act the symptom drove
        return Label(
            "agency", "non_agentic", "external", label.evidence + ["ag.symptom_cause"], label.cues + [cause]
        )
    head = doc[unit.head]
    table = token_table(doc)
    deps, lows, kids = table.dep, table.lower, table.children[unit.head]
    # "X but Y" inside one clause (shared subject): opposite weights make it mixed
    for c in kids:
        if (
            deps[c] == "conj"
            and subject_index(table, c) < 0
            and any(deps[x] == "cc" and lows[x] in ("but", "yet") and x < c for x in kids)
        ):
            other = _agency(doc, _inner_unit(unit, c, unit.subj, self_subject=unit.self_subject))
            if other is not None and (other.polarity != label.polarity or lemma(head) in cues.CONATIVE_VERBS):
                return Label(
                    "agency",
                    "mixed",
                    "contrast",
                    label.evidence + other.evidence + ["ag.contrast_but"],
                    label.cues + ["but"] + other.cues,
                )
    return label


def _time_clause(doc: Doc, unit: Unit) -> bool:
    """Does the unit open with the marker of its own time clause ("when I first came", "whenever
    they argue", "While waiting for the bus")?"""
    first = doc[unit.start]
    return (
        first.lower_ in cues.TIME_CLAUSE_MARKERS
        and first.head.i == unit.head
        and first.dep_ in ("advmod", "mark")
        and doc[unit.head].dep_ != "relcl"  # (not "I still have days when I cannot get up")
    )


_FLIPPED_KIND = {
    "ability": "inability",
    "inability": "ability",
    "volition": "inability",
    "desire": "inability",
}


def _perfect_s(head: Token) -> bool:
    """ "He's started volunteering", "she's joined a gym": the parser reads "'s" as passive "is";
    a participle with an object or an "-ing" complement is the perfect ("has started")."""
    table = token_table(head.doc)
    deps, lows, tags, kids = table.dep, table.lower, table.tag, table.children[head.i]
    return any(deps[c] == "auxpass" and lows[c].replace("’", "'") == "'s" for c in kids) and any(
        deps[c] == "dobj" or deps[c] == "xcomp" and tags[c] == "VBG" for c in kids
    )


def _get_passive(head: Token) -> bool:
    """A get-passive ("I got sent to the unit", "We got moved three times")."""
    return head.lemma_ == "get" and any(
        c.dep_ in ("acomp", "xcomp", "auxpass") and c.tag_ == "VBN" for c in head.children
    )


def _passive(head: Token) -> bool:
    """Is the clause headed by ``head`` passive (the subject as patient)?"""
    table = token_table(head.doc)
    if table.tag[head.i] == "VBG":
        return False  # "He’s been walking to Mass": "’s" is "has" (a passive's head is a participle)
    return any(table.dep[c] == "auxpass" for c in table.children[head.i]) and not _perfect_s(head)


_NOBODY = frozenset(["nobody", "noone", "no-one"])


def _done_to_the_client(doc: Doc, unit: Unit, head: Token, subj: Token | None) -> Label | None:
    """A client's words in which the client is not the subject but what happens is done to them:
    "nobody asked me", "no one asked if I wanted" (the decision taken without them), and a
    passive whose "we" includes the client ("we were sold", "We got moved three times")."""
    if unit.voice != "quoted" or subj is None:
        return None
    low = subj.lower_
    nobody = low in _NOBODY or low == "one" and any(c.lower_ == "no" for c in subj.children)
    if nobody and lemma(head) in ("ask", "consult", "check"):
        kids = list(head.children)
        if any(c.dep_ == "xcomp" for c in kids):
            return None  # "Nobody asked me to do it, I just did": the client's own initiative
        if any(c.dep_ == "dobj" and c.lower_ in ("me", "us") for c in kids) or any(
            t.lower_ in ("if", "whether") for t in head.subtree
        ):
            return Label(
                "agency",
                "non_agentic",
                "external",
                ["ag.nobody_asked"],
                [subj.text, head.text],
                {"negated": True},
            )
    if low == "we" and (_passive(head) or _get_passive(head)):
        return Label("agency", "non_agentic", "passive", ["ag.we_passive"], [head.text])
    return None


def _externalised_name(subj: Token) -> bool:
    """A problem given a name in narrative work ("the Critic", "The Big Heavy", "the Worry", "the
    Not Good Enough story"): "the" and a capitalised word inside the sentence, not a person's name."""
    if not any(c.dep_ == "det" and c.lower_ == "the" for c in subj.children):
        return False
    if subj.lower_ in ("lord", "god") or any(
        t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP", "FAC") or t.lower_ in cues.INSTITUTION_WORDS
        for t in subj.subtree
    ):
        return False  # "the Home Office", "the Lord": an institution, a faith
    words = [subj] + [c for c in subj.children if c.dep_ in ("compound", "amod") and c.i < subj.i]
    start = subj.left_edge.i
    return any(
        w.is_title
        and w.i > start
        and w.lower_ not in cues.CLIENT_NOUNS
        and w.ent_type_ not in ("PERSON", "ORG", "GPE")
        for w in words
    ) or (subj.is_title and subj.i > start and subj.pos_ == "NOUN")


def _exclamative_cannot(head: Token) -> bool:
    """ "can't wait", "can't believe", "can't thank you enough": set phrases of eagerness,
    surprise or thanks (cues.CANNOT_IDIOM_VERBS), not an inability, and no neg-raising frame."""
    return head.lemma_.lower() in cues.CANNOT_IDIOM_VERBS and any(
        c.dep_ == "aux" and c.lower_ in ("ca", "can", "could", "cannot") for c in head.children
    )


def _negated_frame(label: Label) -> Label:
    """An agency label under a negated hedging frame, reversed (neg-raising: "I don't think I'll
    ever change" is hopelessness about change, "I don't think I can't" an ability); a mixed
    label stays mixed."""
    polarity = {"agentic": "non_agentic", "non_agentic": "agentic"}.get(label.polarity)
    if polarity is None:
        return label
    return Label(
        label.type,
        polarity,
        _FLIPPED_KIND.get(label.kind or "", label.kind),
        [*label.evidence, "ag.negated_frame"],
        label.cues,
        {**label.attrs, "negated": True},
    )


_SYMPTOM_CAUSE = re.compile(
    r"\b(because of|b/c(?: of)?|bc|d/t|due to|owing to)\s+"
    r"(?:(?:the|her|his|my|their|an?|bad|severe|low|high)\s+)*([a-z]+)"
)


_TIMES_RE = re.compile(
    r"\b(?:\d+\s*\+?\s*(?:x|times)\b|x\s*\d+\b|up\s+to\s+\d+|several\s+times|many\s+times|"
    r"again\s+and\s+again|over\s+and\s+over|"
    # "eleven times", "forty times a day", "twenty-odd times" (not "two times", "three times": a count
    # of ordinary acts as often as a ritual)
    r"(?:four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|a\s+hundred)"
    r"(?:[- ](?:odd|or\s+so|\w+))?\s+times)"
)
_ROUTINE_RE = re.compile(
    r"\b(?:every|each)\s+(?:morning|night|evening|day)\b|\bmost\s+(?:nights|days|mornings)\b|"
    # hours given to the ritual: "checking about two hours a night", "checking two to three hours",
    # "spends hours washing" (a duration in hours, not a clock time)
    r"\bhours\b|\b(?:an?|one|two|three|four|five|six|\d+)(?:\s*(?:-|to|or)\s*(?:two|three|four|five|six|\d+))?"
    r"\s+hours?\b(?!\s+(?:ago|later|before|after))"
)


def _compulsive_repeat(doc: Doc, unit: Unit) -> bool:
    """A checking, weighing or reassurance act repeated ("6x", "up to 30 times an evening"; for
    checking and weighing also "every morning", "most nights", or hours on end: "two hours a night")."""
    head = doc[unit.head]
    verb = head.lemma_.lower()
    if verb not in cues.COMPULSION_VERBS or _negated(head):
        return False
    text = span_text(doc[unit.start : unit.end]).lower()
    if _TIMES_RE.search(text):
        return True
    return verb in cues.RITUAL_VERBS and bool(_ROUTINE_RE.search(text))


def _symptom_cause(doc: Doc, unit: Unit) -> str:
    """The cause marker when the clause says a symptom drove the act ("b/c of panic", "due to low
    mood"), else ""."""
    text = span_text(doc[unit.start : unit.end]).lower()
    for m in _SYMPTOM_CAUSE.finditer(text):
        if m.group(2) in cues.SYMPTOM_AGENTS or m.group(2) in cues.SYMPTOM_CAUSE_NOUNS:
            return m.group(1)
    return ""


_REFLEXIVES = frozenset(["myself", "herself", "himself", "themselves", "themself", "ourselves"])


def _on_own(head: Token) -> bool:
    """Is the act marked as done on the client's own ("by himself", "on her own", or an emphatic
    reflexive after the object: "told the school nurse about it herself", "rang the GP himself")?
    Such an act happened outside the session, whatever its verb."""
    table, h = token_table(head.doc), head.i
    deps, lows, children = table.dep, table.lower, table.children
    kids = children[h]
    for c in kids:
        if deps[c] == "prep" and lows[c] == "by" and any(lows[g] in _REFLEXIVES for g in children[c]):
            return True
        if deps[c] == "prep" and lows[c] == "on" and any(lows[g] == "own" for g in subtree_indices(table, c)):
            return True
        if (
            lows[c] in _REFLEXIVES
            and c > h
            and any(deps[o] in ("dobj", "prep", "dative") and h < o < c for o in kids)
        ):
            return True  # (not "hurt herself": there the reflexive is the object)
    # an emphatic reflexive the parser hung off the object ("told the nurse about it herself")
    return any(
        lows[t] in _REFLEXIVES and deps[t] in ("appos", "npadvmod") and t > h
        for t in subtree_indices(table, h)
    )


def _came_to_activity(head: Token) -> bool:
    """Does "come" go somewhere other than the session ("came to program Monday instead of
    hiding", "came to the carol service"), or with a purpose of its own ("came to tell me")?"""
    for c in head.children:
        if c.dep_ in ("xcomp", "advcl"):
            return True
        if (
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.dep_ == "pobj" and g.lemma_.lower() not in cues.SESSION_WORDS for g in c.children)
        ):
            return True
    return False


def _asked_for_something(head: Token) -> bool:
    """Does "ask" put a request ("asked for help / a break / a lift") or a question ("asked a
    question") - not the clinician or the reader ("asked me for a title"), not reassurance (a
    safety behaviour)?"""
    kids = list(head.children)
    if any(c.dep_ in ("dobj", "dative") and c.lower_ in ("me", "us", "you") for c in kids):
        return False
    for c in kids:
        if c.dep_ == "dobj" and c.lemma_.lower() == "question":
            # not a session prompt put by the clinician ("Asked the chapter question again", "asked
            # the miracle question")
            return not any(g.lower_ == "the" or g.dep_ in ("compound", "amod", "nmod") for g in c.children)
    return any(
        c.dep_ == "prep"
        and c.lower_ == "for"
        and any(
            g.dep_ == "pobj"
            and g.lower_ not in cues.SAFETY_BEHAVIOUR_OBJECTS
            and g.lower_ not in ("me", "us", "you")
            for g in c.children
        )
        for c in kids
    )


def _told_third_party(head: Token) -> bool:
    """Is the person told or asked someone outside the session (a relative, friend, boss, a named
    person), not the clinician, the group or the reader?"""
    for c in head.children:
        if c.dep_ not in ("dobj", "dative") or c.pos_ not in ("NOUN", "PROPN"):
            continue
        low = c.lower_
        if low in cues.THERAPIST_NOUNS or low in cues.CLIENT_NOUNS or low in ("group", "session", "truth"):
            continue
        if (
            low in cues.THIRD_PARTY_NOUNS
            or c.pos_ == "PROPN"
            or any(g.dep_ == "poss" and g.lower_ in ("my", "his", "her", "their", "our") for g in c.children)
        ):
            return True
    return False


def clinician_symptom_subject(doc: Doc, unit: Unit) -> bool:
    """In the clinician's record, is the clause's subject a symptom acting on the client ("the
    panic attacks forced her to leave", "the voices kept him awake")? The subject noun must be
    an unambiguous symptom word and the client its object."""
    if unit.subj < 0:
        return False
    subj = doc[unit.subj]
    low = subj.lower_
    if low not in cues.SYMPTOM_AGENTS or low in cues.AMBIGUOUS_SYMPTOM_AGENTS:
        return False
    return any(t.lower_ in ("her", "him", "them") for t in doc[unit.head + 1 : unit.end])


def _verb_read_as_subject(doc: Doc, unit: Unit) -> int | None:
    """The leading verb of a note fragment that the parser made the subject of a later word
    ("- Managed to attend daughter's school play Thurs": "Managed" the subject of "play")."""
    if unit.subj < 0 or unit.voice != "clinician":
        return None
    if verb_read_as_subject(doc[unit.subj]):
        return unit.subj
    lead = lead_act_in_subject(doc[unit.subj])  # "Accepted PRN lorazepam 1mg at 21:00"
    return lead if lead >= 0 else None


_NUMBING_PURPOSE_RE = re.compile(
    r"\bto (?:get (?:to )?sleep|sleep|switch off|shut off|numb|cope|calm (?:down|myself|herself|himself)|"
    r"forget|feel normal|take the edge off|get through|blot|zone out|knock (?:myself|herself|himself) out)"
)


def _numbing_purpose(head: Token) -> bool:
    """Does a purpose clause of ``head`` name numbing or sleep ("to get to sleep", "to switch off")?"""
    for c in head.children:
        if c.dep_ in ("advcl", "xcomp", "prep") and c.i > head.i:
            words = " ".join(t.lower_ for t in c.subtree if not t.is_quote)  # (to “switch off”)
            if _NUMBING_PURPOSE_RE.search(" " + words):
                return True
    return False


def _got_something_done(head: Token, kids: list[Token]) -> bool:
    """ "get" as an act: getting up or out ("I got up", "got out of bed"), moving something or someone
    ("got the kids out of the back seat"), having someone do something ("got my mate to drive me
    home"), or earning something ("got a job"); not "got upset", "got a letter", "got to the point"."""
    prts = {c.lower_ for c in kids if c.dep_ == "prt"}
    if any(c.dep_ == "dobj" and c.lemma_.lower() in ("hope", "hopes") for c in kids):
        return False  # "got my hopes up"
    if prts & {"up", "out"} and not any(c.dep_ in ("acomp", "attr") for c in kids):
        return True
    if any(
        c.dep_ == "ccomp"
        and c.tag_ in ("VBN", "VBD")
        and any(g.dep_ == "nsubj" and g.i > head.i for g in c.children)
        for c in kids
    ):
        return True  # "I got my CDL renewed" (parsed as a clause: "my CDL renewed")
    obj = next((c for c in kids if c.dep_ == "dobj"), None)
    if obj is None and not any(c.dep_ in ("acomp", "attr", "xcomp", "auxpass") for c in kids):
        return any(_got_somewhere(c) for c in kids)  # "I got to the door", "got in the pool"
    if obj is None or obj.lower_ in ("it", "that", "this", "one", "nothing", "something"):
        return False
    if any(c.dep_ in ("oprd", "ccomp", "xcomp", "acomp") and c.tag_ == "VBN" and c.i > obj.i for c in kids):
        return True  # "I got my CDL renewed", "got the boiler fixed": something seen to
    have_got = any(c.dep_ == "aux" and c.lower_.replace("’", "'") in cues.HAVE_GOT_AUXES for c in kids)
    if obj.lemma_.lower() in cues.EARNED_OBJECTS and not have_got:
        # "I got a job at the servo", "got a place on the access course": something earned (not the
        # possessive "I've got a good job and a nice house", "I've got my own place")
        return True
    moved = prts or any(
        c.dep_ == "prep" and c.lower_ in ("out", "into", "to", "off", "onto", "back") for c in kids
    )
    made = any(c.dep_ in ("xcomp", "ccomp") and any(g.lower_ == "to" for g in c.children) for c in kids)
    return bool(moved or made)


def _got_somewhere(prep: Token) -> bool:
    """Is ``prep`` (a child of "get") the place the client got themselves to ("to the door", "out of
    the car", "as far as the line"), not a state ("to the point", "into a fight")?"""
    if prep.dep_ == "advmod" and prep.lower_ == "far":
        prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "as"), prep)
    if prep.dep_ != "prep" or prep.lower_ not in cues.GOT_TO_PREPOSITIONS:
        return False
    if prep.lower_ == "out":
        prep = next((c for c in prep.children if c.dep_ == "prep" and c.lower_ == "of"), prep)
    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
    return place is not None and place.lemma_.lower() not in cues.GOT_INTO_STATES


def _past_tagged_base(head: Token) -> bool:
    """A past tense the tagger read as a base form: "rang her friend Sam and met for a walk" (a
    plan's verb is in its base form; this one is coordinated with a past tense, or its form is
    not its own lemma)."""
    low = head.lower_
    return (
        head.tag_ == "VB"
        and (
            any(c.dep_ == "conj" and c.tag_ == "VBD" for c in head.children)
            # the emphatic past's "did" before it ("Did ring the Samaritans on Saturday", "did go in
            # the end"): a record of what was done, not a plan (a negated one, "Did not attend the
            # taster session", is the clinician's record of a plan not kept: left out)
            or any(c.dep_ == "aux" and c.lower_ in cues.PAST_DO_AUXES for c in head.children)
            and not any(c.dep_ == "neg" for c in head.children)
            or low != head.lemma_.lower()
            and not low.endswith("s")
            # a note's sentence-initial past ("Texted her mate back", "Took his son to school"), which
            # the tagger reads as an imperative and lemmatises as itself
            or (first_word_of_sentence(head) or head.i > 0 and head.doc[head.i - 1].text in (":", "–", "—"))
            and (low.endswith("ed") and len(low) > 4 or low in cues.IRREGULAR_PASTS)
            # not a report or a state ("Recalled her ex saying ...", "Slept from 23:30")
            and not {low[:-2], low[:-1]} & (cues.REPORTING_VERBS | cues.NON_AGENTIVE_VERBS)
        )
    )


def _object_words(doc: Doc, i: int) -> set[str]:
    """Lower-case words of the objects, prepositional phrases and complements of token ``i``."""
    table = token_table(doc)
    deps, lows = table.dep, table.lower
    return {
        lows[g]
        for c in table.children[i]
        if deps[c] in ("dobj", "prep", "xcomp", "advcl")
        for g in subtree_indices(table, c)
    }


def _agency(doc: Doc, unit: Unit) -> Label | None:
    head = doc[unit.head]
    kids = list(head.children)  # (read by most of the checks below: built once)
    if head.lower_ in ("dunno", "donno"):
        return None  # "I dunno": not knowing, not an act
    if head.lower_ in cues.LIFE_STATUS_PARTICIPLES:
        return (
            None  # "Mrs Irene Babineau, 88, widowed, lives alone": a status in the demographics, not an act
        )
    if (
        head.lower_ in cues.RELATIONSHIP_STATUS_PARTICIPLES
        and not any(c.dep_ in ("auxpass", "dobj", "agent") for c in kids)
        and head.tag_ in ("VBN", "VBD", "JJ")
    ):
        return None  # "separated from partner in week 4", "still estranged from her brother": a status
    if head.tag_ == "VBG" and unit.subj < 0 and _on_hold(doc, unit):
        return None  # "Driving lessons still on hold": a thing's status, not an act
    if head.lemma_.lower() in ("go", "slide", "slip") and any(
        c.dep_ in ("advmod", "prt", "dobj", "npadvmod") and c.lower_ in cues.DECLINE_DIRECTIONS for c in kids
    ):
        return None  # "I'm going backwards", "she "went backwards"": a decline in how one is, not a move
    if _discourse_formula(head, kids):
        return None  # "I promise", "I reckon", "I will admit I am an old woman these days"
    if not any(ch.isalpha() for ch in head.text):
        return None  # a bullet or an arrow the parser made the root ("• Work/school → still signed off")
    if _provenance(doc, unit):
        return None  # "Letter to my younger self (... read aloud in session 8; typed up by client)"
    if head.lemma_.lower() == "do" and _denied_wrongdoing(doc, unit):
        return None  # "I've done nothing wrong", "I didn't do anything wrong": a plea of innocence
    if head.lemma_.lower() == "score" and not any(
        c.dep_ == "dobj" and c.pos_ != "NUM" and c.lemma_.lower() not in cues.SCORE_UNITS for c in kids
    ):
        # "On the URICA he scored in the contemplation stage", "scored 14 on the PHQ-9": a measure
        # given in the session, like a rating (not "scored a goal on Saturday")
        return None
    if (
        head.lemma_ == "put"
        and any(c.lower_ == "it" and c.dep_ == "dobj" for c in kids)
        and any(c.lower_ == "as" and c.dep_ in ("mark", "advmod", "prep") for c in kids)
    ):
        return None  # "as she put it": a speech frame
    if (
        unit.voice == "clinician"
        and unit.subj < 0
        and any(
            c.dep_ in ("dobj", "dative") and c.tag_ == "PRP" and c.lower_ in ("him", "her", "them")
            for c in kids
        )
        and (
            head.lemma_ in cues.CLINICIAN_PROMPT_VERBS
            or head.lemma_ in cues.CLINICIAN_GIVING_VERBS
            and any(c.dep_ == "dative" and c.lower_ in ("him", "her") for c in kids)
            or any(c.dep_ in ("prep", "prt") and c.lower_ == "through" for c in kids)
        )
    ):
        # "Asked him to name the chapters", "Invited her to write a letter", "Gave him naloxone kit
        # #3", "Walked her through paced breathing": a care record calls the client "him" / "her";
        # prompting, handing over and taking someone through a procedure are the writer's acts
        # (not "Took her to plunket", "Met her at the park": the client's, with someone else)
        return None
    if head.lemma_ in ("gain", "put", "lose") and any(
        c.dep_ in ("dobj", "advmod", "npadvmod", "prt")
        and any(g.lower_ in cues.WEIGHT_UNITS for g in c.subtree)
        for c in kids
    ):
        return None  # "Gained 30 lb on quetiapine": a change in the body, not an act
    if head.lemma_ == "open" and any(
        c.dep_ == "prep" and c.lower_ == "with" and c.i + 1 < len(doc) and doc[c.i + 1].is_quote for c in kids
    ):
        return None  # "Client opened with “My name's Dave ...”": how the client began speaking
    if unit.voice in ("clinician", "reported") and _life_story_exercise(token_table(doc), unit):
        # "Re-did the life chapter exercise", "Did the life-as-a-book exercise", "Mia did the "my life
        # as a book" activity", "Jake read his life story aloud": the session's exercise
        return None
    if did_fragment(doc, unit):
        # "Did the activity diary 4/7 days": the parser read a question ("did the diary ...?")
        return Label("agency", "agentic", "volition", ["ag.did_fragment"], [doc[unit.start].text])
    if head.lower_ in cues.DIAGNOSIS_MODIFIERS:
        return None  # "Diagnosis: generalised anxiety disorder": the parser's "verb" names a diagnosis
    verb_subject = _verb_read_as_subject(doc, unit)
    if verb_subject is not None:
        return _agency(doc, replace(unit, head=verb_subject, subj=-1, self_subject=True))
    if (
        unit.voice == "clinician"
        and unit.subj < 0
        and head.i == unit.start
        and head.dep_ in _MISREAD_LEAD_DEPS
    ):
        # a note fragment before ";", ":" or a dash whose leading verb the parser read as a
        # modifier of its object ("Refused evening olanzapine; accepted PRN", "Declined help with shaving")
        lead = _misread_lead_act(doc, unit, head)
        if lead is not None:
            return lead
    lemma = globals()["lemma"](head)
    subj = doc[unit.subj] if unit.subj >= 0 else None
    negated = _negated(head)
    table = token_table(doc)
    lows = table.lower[unit.start : unit.end]
    text = " " + " ".join(lows) + " "
    auxes = [table.lower[c] for c in table.children[unit.head] if table.dep[c] in ("aux", "auxpass")]
    conditional = any(a.replace("’", "'") in ("would", "'d") for a in auxes)  # "I'd tell her", "would ask"
    # frame-included reported units ("Client reports choosing to walk", "reported being pushed out")
    if unit.frame_in_span:
        for c in kids:
            felt = _felt_control(c) if c.dep_ == "xcomp" and c.lemma_.lower() == "feel" else None
            if felt is not None:
                return felt
            # (a gerund the parser hung on the frame as "acl": "Reports using ...", "Client reports choosing ...")
            if c.dep_ == "xcomp" or c.dep_ == "acl" and c.tag_ == "VBG" and head.i in (unit.start, c.i - 1):
                if any(g.dep_ == "auxpass" for g in c.children) or c.tag_ == "VBN":
                    return Label("agency", "non_agentic", "passive", ["ag.reported_passive"], [c.text])
                if c.lemma_.lower() in cues.NON_AGENTIVE_VERBS:
                    return None
                kind = "coping" if c.lemma_ in ("write", "use", "practise", "practice") else "volition"
                return Label("agency", "agentic", kind, ["ag.reported_nonfinite"], [c.text])
        return None
    # external control: another agent acts on the client
    if (
        not unit.self_subject
        and subj is not None
        and (
            unit.voice in ("quoted", "reported")
            # the clinician's record of a symptom steering the client: "the panic attacks forced
            # her to leave the call centre"
            or unit.voice == "clinician"
            and clinician_symptom_subject(doc, unit)
        )
    ):
        # "Even when I try my best, it's never enough"
        for c in kids:
            if c.dep_ == "advcl" and c.i < head.i and any(m.lower_ == "even" for m in c.subtree) and negated:
                inner_subj = subject_of(c)
                if inner_subj is not None and inner_subj.lower_ in ("i", "she", "he"):
                    return Label(
                        "agency",
                        "mixed",
                        "contrast",
                        ["ag.contrast_even"],
                        ["even", "never"],
                        {"negated": True},
                    )
        return _external(doc, unit, head, subj, negated, text) or _done_to_the_client(doc, unit, head, subj)
    if not unit.self_subject:
        return None
    if subj is not None and subj.lower_ == "they" and unit.voice != "quoted" and _client_is_she_or_he(doc):
        return None  # "they're meeting for coffee Saturday" in a note about "she": a couple, family, friends
    if (
        unit.voice == "quoted"
        and lemma in ("say", "tell")
        and any(c.dep_ in ("dobj", "dative") for c in kids)
        and (
            not any(c.dep_ == "ccomp" for c in kids)
            # "I told mum I'm bi", "I told him I couldn't take the account": telling someone
            or lemma == "tell"
            and not conditional  # (not "I'd tell her ...")
            and any(
                c.dep_ in ("dobj", "dative")
                and (
                    c.lower_ in cues.OTHER_LABELS
                    or c.lower_ in ("him", "her", "them")
                    or any(g.dep_ == "poss" and g.lower_ == "my" for g in c.children)
                )
                for c in kids
            )
        )
    ):
        return _volition_like(head, "volition", negated, unit, ["ag.speech_act"])
    if head.lower_ in FREEZE_FORMS:
        if negated:  # "I didn't freeze", "she did not panic"
            return Label("agency", "agentic", "ability", ["ag.not_freeze"], [head.text], {"negated": True})
        return Label("agency", "non_agentic", "inability", ["ag.freeze"], [head.text])
    if not negated and (contact := _contact(doc, unit, head)) is not None:
        return contact  # "Rang the crisis line before self-harming", "Called her sponsor first thing Sat"
    if negated and _still_refusing(head):
        # "Still won't drive on the M50", "She still won't go into the canteen at lunch": an avoidance
        # that persists, the symptom steering (not "he won't go back to the old crowd": a decision)
        return Label(
            "agency", "non_agentic", "external", ["ag.still_wont"], ["still", head.text], {"negated": True}
        )
    able = _able_head(head)
    if able is not None:
        return able
    life_event = _life_event_passive(head) or _fragment_life_event(unit, head)
    if life_event is not None:
        return life_event
    if (
        unit.voice == "clinician"
        and unit.subj >= 0
        and (
            _passive(head)
            # a bare participle, but not the perfect of an act ("Cl has enrolled in a course")
            or head.tag_ == "VBN"
            and not _perfect_s(head)
            and not any(c.dep_ == "aux" and c.lower_ in ("has", "have", "had", "'s", "'ve") for c in kids)
        )
    ):
        return None
    if unit.voice == "clinician" and unit.subj < 0 and head.pos_ in ("NOUN", "PROPN"):
        return _leading_verb_fragment(doc, unit) or _label_then_verb(doc, unit, head)
    if (
        unit.subj < 0
        and head.tag_ == "VBN"
        and head.lower_ in STATIVE_PARTICIPLES
        and not any(c.dep_ in ("dobj", "xcomp", "ccomp") for c in kids)
    ):
        return None  # "Strengths: employed, motivated", "Motivated for therapy": states

    has_modal = any(a in ("ca", "can", "could", "cannot") for a in auxes)
    third_person = head.tag_ == "VBZ" or (
        head.tag_ == "VB" and head.lower_.endswith("s") and head.lower_ != head.lemma_.lower()
    )  # "Uses ice cubes when urges come", "Wants to return to college" (not a plan's "Use ...")
    if (
        unit.voice == "clinician"
        and unit.subj < 0
        and head.tag_ not in ("VBD", "VBN", "VBG")
        and not has_modal
        and not third_person
        and not _past_tagged_base(head)
        # ("Did manage to leave without checking", but "Did not attend" stays with the clinician)
        and (negated or not any(c.dep_ == "aux" and c.lower_ == "did" for c in kids))
    ):
        return None  # a plan ("Use ice cubes ...", "Pt to ring the GP")
    if (
        head.lower_ == "done"
        and unit.voice != "clinician"
        and any(a.dep_ in ("aux", "auxpass") and a.lemma_.lower() == "be" for a in kids)
        and any(c.dep_ in ("xcomp", "advcl") and c.tag_ == "VBG" and c.lemma_.lower() != "be" for c in kids)
    ):
        # "I'm done apologizing for it", "I'm done hiding": an act given up by choice ("I'm done
        # being the doormat" gives up an identity: a self-description)
        return Label("agency", "agentic", "volition", ["ag.done_doing"], [head.text])
    # passive: the client as patient
    if _passive(head) or (
        head.tag_ == "VBN" and subj is not None and subj.dep_ == "nsubjpass" and not _perfect_s(head)
    ):
        if head.lemma_ in cues.PERMISSION_PASSIVES and negated:
            # "I wasn't allowed to have my own bank card": others withholding permission
            return Label(
                "agency", "non_agentic", "external", ["ag.not_allowed"], [head.text], {"negated": True}
            )
        if (
            head.lower_ in STATIVE_PARTICIPLES
            or head.lower_ in cues.STATE_PREDICATES
            or head.lemma_ in ("allow", "use", "suppose")
            or head.lower_ in ("sat", "stood")  # "I'm sat outside now": British "sitting"
        ):
            return None  # "I'm just shattered all the time": a state, not something done to the client
        return Label("agency", "non_agentic", "passive", ["ag.passive"], [head.text])
    if head.lemma_ == "get" and any(
        c.dep_ == "dobj" and c.lemma_.lower() in cues.TRANSPORT_NOUNS for c in kids
    ):  # "I got the bus to the job centre on my own": taking a bus, a train, a taxi
        return _volition_like(head, "volition", _negated(head), unit, ["ag.took_transport"])
    if head.lemma_ == "get" and any(
        c.dep_ in ("acomp", "xcomp", "auxpass") and c.lower_ in cues.GET_SELF_CARE for c in kids
    ):
        return _volition_like(head, "volition", _negated(head), unit, ["ag.self_care"])  # "I got dressed"
    if _get_passive(head):
        return Label("agency", "non_agentic", "passive", ["ag.get_passive"], [head.text])
    if (
        unit.voice in ("quoted", "reported")
        and conditional
        and "have" not in auxes
        and lemma not in cues.DESIRE_WITH_WOULD
    ):
        # "I'd call it ...", "she would probably just quit everything": conditional, not an act
        return None
    construction = _construction(head, lemma, negated)
    if construction is not None:
        return construction
    if _exclamative_cannot(head):
        return None  # "I can't wait to see him", "I can't thank you enough": not an inability
    # ability / inability
    cant = any(a in ("ca", "can", "could", "cannot") for a in auxes) and negated
    if any(a in ("can", "ca", "could") for a in auxes) and not any(a in ("would",) for a in auxes):
        if cant and _answer_not_found(head, lemma):
            return None  # "I can't think of one", "she still can't pick one": the session's prompt
        if cant:
            return Label(
                "agency",
                "non_agentic",
                "inability",
                ["ag.modal_cannot"],
                [a for a in auxes if a in ("ca", "can", "could")] + ["not"],
                {"negated": True},
            )
        if head.lemma_ in ("be",) and not any(c.dep_ in ("acomp",) and c.lower_ == "able" for c in kids):
            return None
        if lemma in cues.PERCEPTION_VERBS and not any(c.lower_ in cues.REFLEXIVES for c in kids):
            return None  # "I can feel the next one coming", "could hear the Healthy Adult": perceiving
        return Label(
            "agency",
            "agentic",
            "ability",
            ["ag.modal_can"],
            [a for a in auxes if a in ("ca", "can", "could")],
        )
    if lemma == "fail" and any(
        c.dep_ == "xcomp" or c.dep_ == "prep" and c.lower_ == "at" for c in kids
    ):  # "I failed to submit my tax return again", "I'm kind of failing at this" (not "failed a module")
        if negated:  # "didn't fail to show up once"
            return Label(
                "agency", "agentic", "ability", ["ag.not_fail"], [head.text, "not"], {"negated": True}
            )
        return Label("agency", "non_agentic", "inability", ["ag.fail"], [head.text])
    if lemma in ("be", "remain", "stay") and any(
        c.dep_ == "acomp" and c.lower_ in ("able", "unable") for c in kids
    ):  # "Pt remains unable to leave the house alone"
        able = next(c for c in kids if c.dep_ == "acomp" and c.lower_ in ("able", "unable"))
        if any(a in ("should", "must", "ought") for a in auxes) and not negated:
            # "I should be able to say no by now": the ability as a demand not yet met
            return Label("agency", "non_agentic", "obligation", ["ag.should_be_able"], [*auxes, "able"])
        if able.lower_ == "unable" or negated:
            return Label("agency", "non_agentic", "inability", ["ag.unable"], [able.text], {"negated": True})
        return Label("agency", "agentic", "ability", ["ag.able_to"], ["able"])
    if lemma == "have" and any(c.dep_ == "dobj" and c.lower_ in ("control", "choice", "say") for c in kids):
        obj = next(c for c in kids if c.dep_ == "dobj" and c.lower_ in ("control", "choice", "say"))
        if negated or any(g.lower_ == "no" for g in obj.children):
            kind = "obligation" if obj.lower_ == "choice" else "inability"
            return Label(
                "agency", "non_agentic", kind, [f"ag.no_{obj.lower_}"], ["no", obj.text], {"negated": True}
            )
        return Label("agency", "agentic", "ability", [f"ag.have_{obj.lower_}"], [obj.text])
    # obligation
    if lemma == "have" and any(
        c.dep_ == "xcomp"
        and (any(g.lower_ == "to" for g in c.children) or c.lower_ == "to" and c.n_lefts + c.n_rights == 0)
        for c in kids
    ):  # (a bare "to": the verb phrase left out, "I have to.", "she has to, every night")
        if negated:
            return None  # "I didn't have to lift a finger": no obligation, no claim either
        return Label("agency", "non_agentic", "obligation", ["ag.have_to"], ["have to"])
    if (
        head.lower_ == "got"
        and not negated
        and any(c.dep_ == "xcomp" and any(g.lower_ == "ta" for g in c.children) for c in kids)
    ):  # "I gotta keep my kids in school"
        return Label("agency", "non_agentic", "obligation", ["ag.have_to"], ["gotta"])
    if lemma == "ought" and any(c.dep_ == "xcomp" for c in kids) and not negated:
        # "I ought to be able to handle a phone call": "ought" read as the clause head
        return Label("agency", "non_agentic", "obligation", ["ag.modal_must"], [head.text])
    if any(a in ("must", "should", "ought", "gotta") for a in auxes) and not negated:
        return Label(
            "agency",
            "non_agentic",
            "obligation",
            ["ag.modal_must"],
            [a for a in auxes if a in ("must", "should", "ought", "gotta")],
        )
    if lemma == "need" and any(c.dep_ == "xcomp" for c in kids) and unit.voice != "clinician":
        return Label("agency", "non_agentic", "obligation", ["ag.need_to"], ["need to"])
    # desire / intention
    would_like = lemma in cues.DESIRE_WITH_WOULD and conditional  # "I'd like to go back to work"
    if (lemma in ("want", "hope", "plan", "intend", "aim") or would_like) and any(
        c.dep_ == "xcomp" for c in kids
    ):
        if negated:
            return Label("agency", "non_agentic", "desire", ["ag.not_want"], [head.text], {"negated": True})
        return Label("agency", "agentic", "desire", ["ag.desire"], [head.text])
    if head.lower_ == "going" and any(c.dep_ == "xcomp" for c in kids):
        inner = next(c for c in kids if c.dep_ == "xcomp")
        if negated:
            if (
                inner.lemma_ in cues.NEGATIVE_ACTION_VERBS
                or inner.lemma_ in cues.PROBLEM_BEHAVIOUR_VERBS
                or inner.lemma_ in cues.SAFETY_BEHAVIOUR_VERBS
                or inner.lemma_ == "let"
                or inner.lemma_ == "do"
                and any(c.lower_ in ("anything", "that") for c in inner.children)
            ):  # "not going to stop", "... apologise for having a voice", "... let it run my life"
                return Label(
                    "agency",
                    "agentic",
                    "volition",
                    ["ag.not_going_to_stop" if inner.lemma_ in cues.NEGATIVE_ACTION_VERBS else "ag.will_not"],
                    ["going to", inner.text],
                    {"negated": True},
                )
            return Label(
                "agency", "non_agentic", "volition", ["ag.not_going_to"], ["going to"], {"negated": True}
            )
        return Label("agency", "agentic", "desire", ["ag.going_to"], ["going to"])
    if lemma in ("manage", "learn") and (lemma == "manage" or any(c.dep_ == "xcomp" for c in kids)):
        if negated:
            return Label(
                "agency", "non_agentic", "inability", ["ag.not_manage"], [head.text], {"negated": True}
            )
        return Label("agency", "agentic", "ability", [f"ag.{lemma}"], [head.text])
    if lemma in ("handle", "overcome", "survive") and not negated:
        return Label("agency", "agentic", "ability", ["ag.handle"], [head.text])
    if lemma in ("fall", "freeze", "panic", "collapse", "crumble", "cave") and (
        lemma != "fall" or any(c.lower_ == "apart" for c in kids)
    ):
        return Label("agency", "non_agentic", "inability", ["ag.fall_apart"], [head.text])
    if lemma in ("rely", "depend") and any(
        c.dep_ == "prep"
        and c.lower_ == "on"
        and any(g.lemma_.lower() in cues.RELIED_ON_SUBSTANCES for g in c.subtree)
        for c in kids
    ):  # "Still relying on wine most evenings to get to sleep"
        return Label("agency", "non_agentic", "external", ["ag.relies_on_substance"], [head.text, "on"])
    if lemma in cues.SUBSTANCE_USE_VERBS and not negated and _numbing_purpose(head):
        # "Still drinks 3–4 beers most nights to get to sleep", "drinks to switch off": the
        # substance does the coping, the habit in control
        return Label("agency", "non_agentic", "external", ["ag.substance_to_cope"], [head.text])
    # coping
    if lemma in cues.COPING_VERBS and _object_words(doc, head.i) & cues.COPING_OBJECTS:
        return _volition_like(head, "coping", negated, unit, ["ag.coping_object"])
    if lemma in ("reach",) and any(c.lower_ == "out" for c in kids):
        return _volition_like(head, "coping", negated, unit, ["ag.reach_out"])
    if lemma in ("write",) and any(c.lower_ == "down" for c in kids):
        return _volition_like(head, "coping", negated, unit, ["ag.write_down"])
    if (
        any(
            c.dep_ == "advcl"
            and any(g.lower_ == "to" for g in c.children)
            and c.lemma_ in cues.COPING_PURPOSE
            for c in kids
        )
        and head.tag_ == "VBG"
    ):
        return _volition_like(head, "coping", negated, unit, ["ag.coping_purpose"])
    # volition
    if lemma == "keep" and any(
        c.dep_ == "dobj" and (c.lower_ in cues.KEPT_COMMITMENTS or c.lemma_.lower() in cues.KEPT_COMMITMENTS)
        for c in kids
    ):
        return _volition_like(head, "volition", negated, unit, ["ag.kept_commitment"])  # "kept every appt"
    if (
        unit.voice == "clinician"
        and unit.subj < 0
        and (lemma in cues.CLINICIAN_FRAGMENT_VERBS or lemma in cues.CLINICIAN_ASSIGNING_VERBS)
    ):
        return None  # "Advised re: welfare rights", "Rebooked for Fri 10:00": the clinician's act
    if unit.voice == "clinician" and unit.subj < 0 and _session_frame(head, lemma):
        return None  # "Closed with container exercise", "Opened with the Serenity Prayer"
    if (
        unit.voice == "clinician"
        and lemma in cues.RECORD_KEEPING_VERBS
        and (head.tag_ == "VBN" or set(table.lower[unit.start : head.i]) & cues.MESSAGE_WORDS)
    ):
        return None  # "Client e-mail (Calgary), pasted 3/14": a header over a pasted message
    if unit.voice == "clinician" and lemma in cues.SENDING_VERBS and _sent_to_the_record(head, kids):
        return None  # "Client forwarded an e-mail thread", "sent this by SMS": how the text reached the file
    if unit.voice == "clinician" and unit.subj < 0 and lemma == "agree" and not _agreed_to_step(head):
        return None  # "Agreed to keep Thursday's appt", "Agreed 4 sessions": the session's plan
    if (
        unit.voice == "clinician"
        and unit.subj < 0
        and lemma in cues.CLINICIAN_PROMPT_VERBS
        and _title_prompt(head)
    ):
        return None  # "Asked Tama to name this time in his life", "Asked Mr H. what he'd call the chapters"
    if (
        lemma in ("tell", "ask")
        and _told_third_party(head)
        or (lemma in cues.REPORTING_VERBS or lemma in ("talk", "speak"))
        and _on_own(head)
    ):
        # "told her husband about the debt herself", "I asked my manager for the Friday off": a
        # disclosure or request made outside the session, not the session's own talk
        return _volition_like(head, "volition", negated, unit, ["ag.told_someone"])
    if unit.voice == "clinician" and _in_session(doc, unit, head, lemma):
        return None
    if lemma in ("sign", "type") and head.i + 1 < len(doc) and doc[head.i + 1].text == ":":
        return None  # "He signed: I am Deaf and proud", "She typed: ...": a speech frame
    if lemma == "ask" and _asked_for_something(head):
        # "I asked for help", "asked for a break when he felt flooded", "asked a question in the team
        # meeting": a request or a question put in the client's life is an act
        return _volition_like(head, "volition", negated, unit, ["ag.asked_for"])
    if lemma == "do" and not any(c.dep_ in ("dobj", "xcomp", "ccomp", "prep", "dative") for c in kids):
        return None  # "And I do.", "I always do": an elided verb phrase
    if lemma == "come" and unit.voice == "clinician" and not _came_to_activity(head):
        return None  # "Pt came with his wife", "Gareth came alone again", "came by after exam": arriving at the session
    if lemma in ("attend", "join"):
        if _attended_activity(head):
            return _volition_like(head, "volition", negated, unit, ["ag.attended_activity"])
        return None  # coming to the session ("Pt attended w/ mum", "joined from her car"), not an action
    if lemma == "turn" and any(c.like_num for c in kids):
        return None  # an age ("turns 18 next month")
    if lemma == "agree" and not any(c.dep_ in ("xcomp", "prep", "ccomp") for c in kids):
        return None  # "Pt agreed." (assent in session), not "agreed to try" / "agreed to a plan"
    if (
        lemma in ("tell", "ask")
        and any(c.dep_ in ("dobj", "dative") for c in kids)
        and any(c.dep_ == "xcomp" for c in kids)
    ):
        return _volition_like(head, "volition", negated, unit, ["ag.told_to"])  # "told him to move out"
    if lemma == "feel" and (felt := _felt_control(head)) is not None:
        return felt  # "feeling more in control", "feels powerless"
    if (
        lemma == "keep"
        and head.tag_ != "VB"  # not a plan ("Pt to keep mood diary")
        and any(c.dep_ == "dobj" for c in kids)
        and any(c.dep_ in ("oprd", "acomp") or c.dep_ in ("xcomp", "ccomp") and c.tag_ == "VBG" for c in kids)
    ):
        # "I kept my little brother safe", "I've kept my allotment going": holding something in a state
        return _volition_like(head, "volition", negated, unit, ["ag.kept_going"])
    if _turning_into(head):
        return None  # becoming someone: a self-description, not an act
    if lemma in ("go", "turn", "fall") and any(
        c.dep_ in ("acomp", "oprd") and c.lower_ in cues.STATE_CHANGE_ADJECTIVES for c in kids
    ):
        return None  # "went quiet", "went numb for most of the reception", "fell silent": a state
    if lemma == "find" and any(
        c.dep_ in ("oprd", "acomp", "ccomp", "xcomp")
        and c.pos_ == "ADJ"
        # "found it "a waste of time"", "found the group a real help": a noun as the judgement
        or c.dep_ in ("oprd", "ccomp")
        and c.pos_ == "NOUN"
        and c.i > head.i + 1
        for c in kids
    ):
        return None  # "which he found embarrassing", "found the group helpful": a judgement, not an act
    if unit.subj < 0 and head.lower_ in cues.SYMPTOM_NOUNS_READ_AS_VERBS:
        return None  # "urges to SH rated 3/5", "Body/health ↓ migraines back x3": the noun read as a verb
    if (
        unit.subj < 0
        and lemma == "sign"
        and any(c.dep_ == "prt" and c.lower_ == "off" for c in kids)
        and not any(c.dep_ == "dobj" for c in kids)
    ):
        return None  # "Work/school → still signed off": on sick leave, not an act
    if (reduced := _reduced_passive(head)) is not None:
        return reduced  # "Pt brought to ED by police": the client as patient, "was" left out
    if (
        unit.subj < 0
        and head.tag_ == "VBN"
        and any(c.dep_ == "agent" for c in kids)
        and not any(c.dep_ in ("dobj", "aux", "auxpass") for c in kids)
    ):
        return None  # "Raised by an aunt in Kumasi": history done by others, not the client's act
    if unit.voice == "clinician" and lemma == "tend":
        return None  # "tends to minimise achievements": the clinician's formulation of a habit
    if (
        unit.voice == "clinician"
        and lemma == "give"
        and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.HANDED_OUT for c in kids)
    ):
        return None  # "Discussed boundaries; gave info on FMLA": the clinician handing out information
    if lemma == "grow" and any(c.dep_ == "prt" and c.lower_ == "up" for c in kids):
        return None  # "Grew up in Bethel": a life-history fact
    if lemma == "end" and any(c.dep_ == "prt" and c.lower_ == "up" for c in kids):
        return None  # "he would end up locked away": an outcome, not an act
    if lemma == "use" and any(c.dep_ == "dobj" and c.lemma_.lower() in cues.WORDING_NOUNS for c in kids):
        return None  # "used a proverb", "used the word for principal": wording, not a coping skill
    if lemma == "return" and any(
        c.dep_ == "prep"
        and c.lower_ == "to"
        and any(
            g.dep_ == "pobj"
            and (g.lemma_.lower() in cues.RETURN_TO_ACTIVITIES or g.lower_ in cues.RETURN_TO_ACTIVITIES)
            or g.dep_ == "pcomp"
            and g.tag_ == "VBG"  # "returned to coaching the under-12s"
            for g in c.children
        )
        for c in kids
    ):
        if negated and any(c.dep_ == "aux" and c.lemma_.lower() == "have" for c in kids):
            # "Has not returned to the FET course", "Still hasn't returned to her clinic job": a
            # status line of work or study (still off), a role fact, not a step taken or refused
            return None
        return _volition_like(head, "volition", negated, unit, ["ag.returned_to_activity"])
    if lemma == "answer" and any(
        c.dep_ == "dobj" and c.lower_ in cues.ANSWERABLE_CONTACTS for c in kids
    ):  # "I answer the phone now" (not "answered questions" in the session)
        return _volition_like(head, "volition", negated, unit, ["ag.answered_contact"])
    if lemma == "present" and any(
        c.dep_ == "dobj"
        or c.dep_ == "prep"
        and c.lower_ in ("at", "to")
        and any(g.dep_ == "pobj" and g.lower_ in cues.PRESENTATION_AUDIENCES for g in c.children)
        for c in kids
    ):
        # "Presented assignment to a class of 30", "presented at team meeting" (not "presented as
        # flat" or "presented at A&E": a clinical impression, a service contact)
        return _volition_like(head, "volition", negated, unit, ["ag.presented_work"])
    if lemma == "sit" and any(c.dep_ == "dobj" and c.lower_ in cues.SAT_TESTS for c in kids):
        # "sat both exams without leaving early", "Booked and sat his HGV theory test"
        return _volition_like(head, "volition", negated, unit, ["ag.sat_test"])
    if (
        lemma == "be"
        and head.tag_ == "VBN"
        and any(a.lower_ in ("has", "have", "'s", "’s", "'ve", "’ve") for a in kids if a.dep_ == "aux")
        and any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in cues.BEEN_TO_PLACES for g in c.children)
            for c in kids
        )
    ):  # "He has been to four SMART meetings since we last met"
        return _volition_like(head, "volition", negated, unit, ["ag.been_to"])
    if negated and _problem_behaviour(head, lemma):
        # "has not had a drink in 63 days", "has not self-harmed in five weeks", "has not used
        # since March": holding back, agentic, in the clinician's record too
        return Label("agency", "agentic", "volition", ["ag.held_back"], [head.text, "not"], {"negated": True})
    if lemma == "get" and unit.self_subject and _got_something_done(head, kids):
        return _volition_like(head, "volition", negated, unit, ["ag.got_done"])
    if lemma == "tell" and any(c.dep_ in ("dobj", "dative") and c.lower_ in cues.REFLEXIVES for c in kids):
        # "I told myself, it's just adrenaline", "tells herself to slow down": self-talk used on purpose
        return _volition_like(head, "coping", negated, unit, ["ag.told_oneself"])
    if lemma in ("sit", "stand") and any(c.dep_ in ("prep", "prt") and c.lower_ == "through" for c in kids):
        # "Sat through the whole Sunday service", "sat through maths": an ordeal stayed in
        return _volition_like(head, "volition", negated, unit, ["ag.sat_through"])
    if lemma == "have" and any(
        c.dep_ == "dobj"
        and (c.lemma_.lower() in cues.HOSTED_PEOPLE or c.lower_ in cues.OTHER_LABELS)
        and any(
            k.dep_ in ("prt", "advmod", "prep") and k.lower_ in ("over", "round") and k.i > c.i for k in kids
        )
        for c in kids
    ):
        # "has his grandchildren over every Wednesday", "had friends round": company hosted
        return _volition_like(head, "volition", negated, unit, ["ag.had_over"])
    if lemma == "sit" and any(
        c.dep_ == "prep"
        and c.lower_ == "with"
        and any(g.dep_ == "pobj" and g.lemma_.lower() in cues.SAT_WITH_NOUNS for g in c.children)
        for c in kids
    ):
        # "he sat with a new kid at lunch", "sat with the urge for ten minutes": company sought, a
        # feeling allowed
        return _volition_like(head, "volition", negated, unit, ["ag.sat_with"])
    if lemma == "know" and any(
        c.dep_ in ("xcomp", "ccomp")
        and c.lemma_.lower() != "be"  # (not "doesn't know how to be anything else": who she is)
        and any(g.lower_ == "how" for g in c.children)
        for c in kids
    ):
        # "I know how to ask for help now" (ability), "I don't know how to stop" (inability)
        if negated:
            return Label(
                "agency", "non_agentic", "inability", ["ag.know_how"], [head.text, "how"], {"negated": True}
            )
        return Label("agency", "agentic", "ability", ["ag.know_how"], [head.text, "how"])
    if lemma == "talk" and any(c.dep_ == "dobj" and c.lower_ in cues.REFLEXIVES for c in kids):
        # "I talked myself down", "talked herself out of it": self-talk used on purpose
        return _volition_like(head, "coping", negated, unit, ["ag.talked_oneself"])
    if lemma == "mind" and not any(c.dep_ == "dobj" for c in kids):
        return None  # "I don't mind": an attitude ("minded the grandkids all week" is an act)
    if lemma == "thank" and any(
        c.dep_ == "dobj" and c.lower_ in ("god", "goodness", "heavens") for c in kids
    ):
        return None  # "thank God": an interjection
    if (
        unit.subj < 0
        and unit.voice == "clinician"
        and head.tag_ == "VBN"
        and lemma in cues.DOCUMENT_VERBS
        and not any(c.dep_ in ("aux", "auxpass", "dobj") for c in kids)
    ):
        return None  # "Typed up with her permission", "translated from German": how the document came
    if lemma == "use" and any(
        c.dep_ == "xcomp"
        and c.i == head.i + 2
        and table.lower[head.i + 1] == "to"
        and c.lemma_.lower() in cues.NON_AGENTIVE_VERBS
        for c in kids
    ):
        return None  # "I used to hate that": a past feeling, not an act
    if lemma == "have" and any(
        c.dep_ == "dobj"
        and c.lemma_.lower() in cues.SHARED_MEALS
        and any(p.dep_ == "prep" and p.lower_ == "with" for p in [*kids, *c.children])
        for c in kids
    ):
        # "had lunch with her friend Aoife", "has coffee with a neighbour on Fridays": company sought
        return _volition_like(head, "volition", negated, unit, ["ag.had_a_meal_with"])
    if lemma == "wait" and (negated or head.tag_ == "VBD"):
        # "I waited five minutes before washing", "I don't wait for permission": holding off, or no
        # longer holding back, by choice (not "still waiting for the referral")
        return Label(
            "agency", "agentic", "volition", ["ag.waited"], [head.text], {"negated": True} if negated else {}
        )
    if (
        lemma == "keep"
        and unit.voice != "clinician"
        and any(c.dep_ == "dobj" or c.dep_ == "prep" and c.lower_ == "to" for c in kids)
        and not any(c.dep_ in ("xcomp", "ccomp") or c.dep_ == "aux" and c.lower_ == "to" for c in kids)
    ):
        # "I keep my head down", "he kept to the plan at bedtime" (not "I keep putting it off", nor
        # the plan's "Pt to keep mood diary")
        return _volition_like(head, "volition", negated, unit, ["ag.kept"])
    if (
        unit.voice == "quoted"
        and subj is not None
        and subj.lower_ == "i"
        and (
            lemma in ("talk", "ask")
            or lemma == "say"
            and any(
                c.dep_ in ("dobj", "intj", "advmod", "oprd", "acomp")
                and c.lower_ in ("yes", "no", "sorry", "it", "so")
                or c.dep_ == "ccomp"
                and any(g.lower_ == "what" for g in c.children)
                for c in kids
            )
        )
        and not conditional
        and not any(c.dep_ in ("mark", "advmod") and c.lower_ in ("when", "if", "whenever") for c in kids)
    ):
        # "I talk to strangers every day", "Now I ask", "I just said yes", "I finally say what I think":
        # speaking up, in the client's own words
        return _volition_like(head, "volition", negated, unit, ["ag.spoke_up"])
    if lemma == "wear" and unit.voice != "clinician":
        # "I wore shorts to PE", "she wore her rainbow badge to TAFE every day this week"
        return _volition_like(head, "volition", negated, unit, ["ag.wore"])
    if lemma == "listen" and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.dep_ == "pobj" for g in c.children) for c in kids
    ):
        # "she listened to “Fight Song” on the bus": something put on (not "Client listened, nodded")
        return _volition_like(head, "volition", negated, unit, ["ag.listened_to"])
    if lemma == "answer" and unit.voice != "clinician":
        # "I answered every question", "I always answer" (not the session's "Client answered ...")
        return _volition_like(head, "volition", negated, unit, ["ag.answered"])
    if lemma in cues.MILESTONE_VERBS and not negated and _milestone(head):
        # "wore a short-sleeved top to group for the first time", "apologised to staff on his own
        # initiative": an everyday act marked as a step the client took
        return _volition_like(head, "volition", negated, unit, ["ag.milestone"])
    if _talks_back(lemma, kids):
        # (not the talk of "talk", a non-agentive verb alone)
        return _volition_like(head, "volition", negated, unit, ["ag.talked_back"])
    if unit.voice != "clinician" and not conditional and _own_words_act(unit, lemma, kids):
        # "Apologised to Jess for blowing up", "I hung up before he could start", "he picked up
        # extra shifts", "talked to 2 people": in the client's words (or reported), an act in their
        # life, not the in-session behaviour these verbs name in the clinician's record
        return _volition_like(head, "volition", negated, unit, ["ag.own_words_act"])
    if _getting_there(head, lemma, kids) and unit.voice != "clinician" and not conditional:
        # "I'll get there", "I get there in the end": progress made by the
        # client's own effort (not "I get there at nine", "how do I get there")
        return _volition_like(head, "volition", negated, unit, ["ag.getting_there"])
    if lemma in cues.NON_AGENTIVE_VERBS and lemma not in ("agree",):
        if lemma == "have" and any(c.lower_ == "accepted" for c in kids):
            pass
        return None
    if head.pos_ not in ("VERB",):
        return None
    if (
        lemma in cues.SUBSTANCE_USE_VERBS
        and lemma not in cues.VOLITIONAL_VERBS
        and not any(c.dep_ in ("prt", "advmod") and c.lower_ in ("down", "less") for c in kids)
        and not any(c.dep_ == "dobj" and c.lemma_.lower() in cues.SOFT_DRINKS for c in kids)
    ):
        # "drank on three nights after the mediation", "back to drinking most nights", "I drink too":
        # use reported as a behaviour, not the client's agency (not "drinks water to stay hydrated";
        # "cut down", "chose not to drink", "stopped drinking" and "drinks to get to sleep" are read above)
        return None
    if unit.voice == "clinician" and any(a in ("will", "'ll", "shall") for a in auxes):
        return None  # plan
    if (
        unit.voice == "clinician"
        and negated
        and (
            head.dep_ == "relcl"
            or any(c.lower_ == "which" for c in kids)
            or any(table.quote[unit.start : unit.end])
            # a bare participle: how the record came ("Dictated but not read"), a thing not done
            # ("union grievance still not lodged")
            or head.tag_ == "VBN"
            and not any(a in ("has", "have", "had", "'s", "’s") for a in auxes)
        )
    ):
        # (an act not done is recorded, "Has not contacted HR"; not in a relative clause, "which she
        # has never done before", nor in someone's quoted complaint, "Mum says he “never follows through.”")
        return None
    if (
        unit.voice == "clinician"
        and head.tag_ in ("VB", "VBP")
        and unit.subj < 0
        and not _past_tagged_base(head)
    ):
        return None
    if lemma not in cues.VOLITIONAL_VERBS and _bare_progressive(head):
        return None  # "I'm grieving", "I'm hurting", "I am learning": a process the client is in
    return _volition_like(
        head,
        "volition",
        negated,
        unit,
        ["ag.action_verb" if lemma not in cues.VOLITIONAL_VERBS else "ag.volitional_verb"],
    )


def _agreed_to_step(head: Token) -> bool:
    """Is a note fragment's "Agreed to ..." the client consenting to a step in their care or life
    ("Agreed to a referral to Silver Line befriending", "Agreed to call Op COURAGE in the morning",
    "agreed to message again tomorrow", "Agreed to a short walk to the end of the road w/ writer"),
    not the therapy's own arrangements ("Agreed to keep Thursday's appt", "Agreed to 4 sessions",
    "Agreed to attend Thursday clinic") nor homework set in the session ("Agreed to notice when she
    says ...")?"""
    table = token_table(head.doc)
    kids = table.children[head.i]
    target = next(
        (c for c in kids if table.dep[c] == "xcomp" and table.lower[c - 1] == "to"),
        next(
            (g for c in kids if table.dep[c] == "prep" and table.lower[c] == "to"
             for g in table.children[c] if table.dep[g] == "pobj"),
            -1,
        ),
    )  # fmt: skip
    if target < 0:
        return False  # ("Agreed a family meal plan", "Agreed weekly sessions": what the session set)
    words = {table.lemma[j].lower() for j in subtree_indices(table, target)}
    if words & (cues.SESSION_WORDS | cues.AGREED_PLAN_WORDS):
        return False
    return table.lemma[target].lower() not in cues.AGREED_HOMEWORK_VERBS


def _life_story_exercise(table: TokenTable, unit: Unit) -> bool:
    """Does the clause do the session's life-story exercise (an exercise noun and a life-story word,
    ``cues.EXERCISE_NOUNS`` / ``cues.LIFE_STORY_WORDS``, and nothing of homework)? The exercise is
    the session's, as drawing a timeline is; done at home it is the client's act."""
    words = set(table.lower[unit.start : unit.end])
    return bool(
        words & cues.EXERCISE_NOUNS and words & cues.LIFE_STORY_WORDS and not words & cues.HOMEWORK_WORDS
    )


def _provenance(doc: Doc, unit: Unit) -> bool:
    """Does the clause say how the text came to the record, a reduced passive of writing or reading
    with the client or the writer as its agent ("typed up by client", "read aloud by the client",
    "written by client in session 10")? A header or provenance line, not an act told."""
    table = token_table(doc)
    for i in range(unit.start, unit.end):
        if table.tag[i] not in ("VBN", "VBD") or table.lemma[i].lower() not in cues.PROVENANCE_VERBS:
            continue
        kids = table.children[i]
        if any(table.dep[c] in ("aux", "auxpass") for c in kids):
            continue  # "it was typed up by ...", "had written": not a reduced passive
        # (the parser may read the header's noun as the subject of a past tense: "Journal entry ...,
        # read aloud by the client"; its "by" agent still marks the passive)
        subject = any(table.dep[c] in ("nsubj", "nsubjpass") for c in kids)
        for c in kids:
            by = table.dep[c] == "agent" or table.dep[c] == "prep" and table.lower[c] == "by" and not subject
            if by and any(
                table.lower[g] in cues.CLIENT_NOUNS or table.lower[g] in cues.THERAPIST_NOUNS
                for g in table.children[c]
            ):
                return True
    return False


def _denied_wrongdoing(doc: Doc, unit: Unit) -> bool:
    """Does the clause deny doing wrong ("nothing wrong", "anything wrong", "nothing bad")? A plea of
    innocence about a charge or a blame (forensic, acute and family notes), not an account of an act."""
    lows = token_table(doc).lower[unit.start : unit.end]
    pairs = zip(lows, lows[1:], strict=False)
    return any(a in ("nothing", "anything") and b in cues.WRONGDOING_WORDS for a, b in pairs)


def _client_is_she_or_he(doc: Doc) -> bool:
    """Does the note call its subject "she" or "he" at least as often as "they" (counted as clause
    subjects)? Then a "they" is other people (a couple, the family, friends: "they sorted the bills
    together", "they played 'Abide With Me' at the funeral"), not a client written as "they"."""
    table = token_table(doc)
    counts = {"she": 0, "he": 0, "they": 0}
    for low, dep in zip(table.lower, table.dep, strict=True):
        if low in counts and dep in ("nsubj", "nsubjpass"):
            counts[low] += 1
    return counts["she"] + counts["he"] >= max(counts["they"], 1)


def _title_prompt(head: Token) -> bool:
    """Does the prompt ``head`` ("asked", "invited") ask for a name for a part of the client's life
    (a naming verb, ``cues.TITLE_PROMPT_VERBS``, and a life-story word in its complement): the
    chapter-title exercise's prompt, the writer's act whoever is named as asked."""
    after = [t for t in head.subtree if t.i > head.i]
    naming = any(t.lemma_.lower() in cues.TITLE_PROMPT_VERBS and t.pos_ == "VERB" for t in after)
    return naming and not cues.LIFE_STORY_WORDS.isdisjoint(t.lower_ for t in after)


def _discourse_formula(head: Token, kids: list[Token]) -> bool:
    """A verb of speaking used as a way of speaking (``cues.DISCOURSE_FORMULA_VERBS`` with no
    infinitive, particle, preposition or object but "it" / "that" / "you"): "I promise", "I
    reckon", "I swear", "I'll admit I'm an old woman these days"; what is said in a clause of its
    own is read there. A past vow or admission with its content is an act ("he swore he would
    never be like him", "I finally admitted I had a problem"), and so are "I promise to stop",
    "admitted to drinking", "admitted himself to hospital"."""
    low = head.lemma_.lower()
    if low not in cues.DISCOURSE_FORMULA_VERBS:
        return False
    if low not in cues.HEDGE_VERBS and head.tag_ in ("VBD", "VBN") and any(c.dep_ == "ccomp" for c in kids):
        return False
    return not any(
        c.dep_ in ("xcomp", "prep", "prt", "dative", "agent")
        or c.dep_ == "dobj"
        and c.lower_ not in cues.DISCOURSE_FORMULA_OBJECTS
        for c in kids
    )


def _bare_progressive(head: Token) -> bool:
    """A progressive with nothing but its subject, "be" and adverbs ("I'm grieving", "I'm still
    learning"): the verb names a process the client is in; with an object, a place or a purpose it
    is an act ("I'm learning Spanish")."""
    kids = list(head.children)
    return (
        head.tag_ == "VBG"
        and any(c.dep_ == "aux" and lemma_of_aux(c) for c in kids)
        and all(c.dep_ in ("nsubj", "aux", "advmod", "neg", "punct", "cc") for c in kids)
    )


def _talks_back(lemma: str, kids: list[Token]) -> bool:
    """ "Now I talk back to them", "he talked back to the voices on the bus", "answered back":
    resisting a voice or a bully."""
    return lemma in ("talk", "answer") and any(
        c.dep_ in ("prt", "advmod") and c.lower_ == "back" for c in kids
    )


def _sent_to_the_record(head: Token, kids: list[Token]) -> bool:
    """A text the client sends, forwards or prints for the clinician: "Client sent the following via
    the portal", "Client forwarded an e-mail thread", "printed out a post she made", "He texted me
    after the review" (not "sent a text to her sister to apologise", "emailed her manager": the
    client reaching someone in their life)."""
    to_others = any(
        c.dep_ == "dative"
        and c.lower_ not in cues.FIRST_PERSON_OBJECT | {"us"}
        or c.dep_ == "prep"
        and c.lower_ == "to"
        and any(g.dep_ == "pobj" and g.lower_ not in cues.FIRST_PERSON_OBJECT | {"us"} for g in c.children)
        for c in kids
    )
    for c in kids:
        if c.dep_ != "dobj":
            continue
        if c.lower_ in ("me", "us"):
            return True  # the clinician reached ("texted me", "e-mailed us")
        if not to_others and (c.lemma_.lower() in cues.MESSAGE_WORDS or c.lower_ in cues.SENT_TEXT_WORDS):
            return True
    return False


def _milestone(head: Token) -> bool:
    """Is the act marked as a first or self-started step ("for the first time", "on his own
    initiative", "without prompting", "unprompted")?"""
    for c in head.children:
        if c.lower_ in ("unprompted", "unasked"):
            return True
        if c.dep_ != "prep" or c.lower_ not in ("for", "on", "without"):
            continue
        words = [t.lower_ for t in c.subtree]
        if c.lower_ == "for" and words[1:] in (["the", "first", "time"], ["first", "time"]):
            return True
        if c.lower_ == "on" and "initiative" in words:
            return True
        if c.lower_ == "without" and len(words) > 1 and words[1] in cues.PROMPTING_WORDS:
            return True
    return False


def _in_session(doc: Doc, unit: Unit, head: Token, lemma: str) -> bool:
    """The clinician narrating what the client did in the session (speech, arrival, leaving)."""
    if (
        _on_own(head)
        or lemma not in cues.REPORTING_VERBS
        and lemma not in ("talk", "speak")
        and _milestone(head)
    ):
        # "talked with human resources by himself": outside the session; "brought the baby to the
        # group for the first time": a step taken, not the session's routine
        return False
    kids = list(head.children)
    if (
        lemma in cues.REPORTING_VERBS
        and lemma != "agree"
        and not _phoned_someone(doc, unit, head, lemma, kids)
        and not any(c.dep_ in ("ccomp", "xcomp") for c in kids)
    ):
        return True  # "Client disagreed:", "She quoted her father"
    if lemma not in cues.IN_SESSION_VERBS:
        return False
    if lemma == "speak" and any(c.dep_ == "prt" and c.lower_ == "up" for c in kids):
        return False  # "Spoke up in team meeting": an assertive act
    if _talks_back(lemma, kids):
        return False  # resisting the voices or a bully, not the session's talk
    if lemma in ("decline", "refuse") and any(
        c.dep_ == "dobj" and c.lemma_.lower() not in cues.SESSION_TALK_OBJECTS for c in kids
    ):
        # "Refused AM meds", "Refused evening olanzapine", "Still declines visits from his father": a
        # choice about care (not "declined the role-play", "refused the question": the session's talk)
        return False
    if lemma in ("ring", "phone", "call", "text", "email", "e-mail") and any(
        c.dep_ in ("dobj", "dative") for c in kids
    ):
        # "rang Samaritans instead of acting on urges", "texted her sister"; not the service itself
        # (the object's head noun and its common-noun modifiers decide: "texted duty phone", but
        # "phoned the Home Office solicitor" reached a solicitor)
        objects = [c for c in kids if c.dep_ in ("dobj", "dative")]
        reached = {c.lower_ for c in objects} | {
            g.lower_ for c in objects for g in c.subtree if g.dep_ == "compound" and g.pos_ == "NOUN"
        }
        return bool(reached & cues.SERVICE_CONTACT_WORDS)
    if lemma == "come" and any(c.lower_ == "in" for c in kids):
        return True  # "came in today and talked ..."
    if lemma == "go" and any(
        c.lower_ == "on" and c.i + 1 < len(doc) and doc[c.i + 1].lower_ in ("about", "and") for c in kids
    ):
        return True  # "went on about how ...": talking (not "gone back to X on Thursdays")
    clock = any(_CLOCK_RE.match(t.text) for t in doc[unit.start : unit.end])
    if lemma in ("leave", "come", "arrive") and clock:
        return True  # "Left at 4:10 with her older brother", "Kasey left at 7:45 for a work shift"
    if (
        lemma == "bring"
        and any(c.dep_ == "dobj" and not _person(c) for c in kids)
        and not any(c.dep_ in ("prep", "dative") and c.lower_ != "from" for c in kids)
        and not any(c.dep_ == "prt" for c in kids)
    ):
        # "Client brought a typed 'book of my life' contents page", "She brought a card from her
        # mother": a thing brought to the session (not "brought the baby to the group")
        return True
    if lemma in ("go", "leave", "join", "volunteer", "come", "read", "bring", "book"):
        # "Went to the gym x2", "joined a choir" are the client's choices outside the session;
        # "came in today", "left early", "brought the poem" happen in it
        if lemma == "join" and any(
            c.dep_ == "dobj"
            and any(g.lower_ in ("a", "an") or g.dep_ == "poss" and g.pos_ == "NOUN" for g in c.children)
            for c in kids
        ):
            return False  # "Joined a parents' group": a new membership, not today's group session
        words = {
            t.lower_
            for t in doc[unit.start : unit.end]
            # "went back to the women's prayer group", "joined the walking group": a group of the
            # client's life, not the session's ("came to group", "left the group early")
            if not (
                t.lower_ in ("group", "groups")
                and any(m.dep_ in ("compound", "amod", "poss") for m in t.children)
            )
            # (a part of a hyphenated word: "line-dancing", "day-room" are not the session's line or room)
            and not (t.i + 1 < len(doc) and doc[t.i + 1].text == "-" or t.i > 0 and doc[t.i - 1].text == "-")
        }
        return bool(words & cues.SESSION_CONTEXT_WORDS)
    return True


def _session_frame(head: Token, lemma: str) -> bool:
    """ "Closed with container exercise", "closed w/ light stream", "Opened with the Serenity
    Prayer": how the session began or ended (not "ended things with her boyfriend")."""
    doc = head.doc
    return (
        lemma in cues.SESSION_FRAME_VERBS
        and head.i + 1 < len(doc)
        and doc[head.i + 1].lower_ in ("with", "w/")
        and not any(c.dep_ in ("dobj", "dative") for c in head.children)
    )


def _phoned_someone(doc: Doc, unit: Unit, head: Token, lemma: str, kids: list[Token]) -> bool:
    """ "called her sister", "Called her sponsor first thing Sat": a call to someone, not naming ("called
    it X", "called herself a failure") nor a call about the appointment ("called re: missed appt")."""
    if lemma != "call" or any(c.dep_ in ("oprd", "xcomp", "ccomp", "attr", "acomp") for c in kids):
        return False
    whom = next((c for c in kids if c.dep_ == "dobj"), None)
    return (
        whom is not None
        and any(g.dep_ in ("poss", "det") for g in whom.children)
        and whom.lemma_.lower() not in cues.SESSION_WORDS | {"appt", "break", "chapter", "title"}
        and not any(t.is_quote for t in doc[head.i + 1 : unit.end])
    )


def _attended_activity(head: Token) -> bool:
    """ "Attended all appts this month", "attended the gym x3" (not "attended session")."""
    for c in head.children:
        if c.dep_ in (
            "dobj",
            "dative",
        ):  # "attended the lunch club four of the last six weeks": misparsed dative
            counted = any(
                g.dep_ in ("det", "nummod", "amod")
                and g.lower_ not in ("the", "this", "today", "today's")
                # "joined a parents' group": a group named by whom it is for, not the session
                or g.dep_ == "poss"
                and g.pos_ in ("NOUN", "PROPN")
                and g.lemma_.lower() not in ("today", "week", "tonight", "yesterday", "month")
                for g in c.children
            )
            if c.lower_ in cues.OTHER_LABELS or any(g.lower_ in ("w/", "with") for g in c.children):
                return False  # "attended w/ mum": who came along, not what was attended
            if c.lemma_.lower() in cues.TIME_UNITS:
                return False  # "Attended all 90 min": how long the session was attended
            if (
                c.lemma_.lower() in cues.SESSION_WORDS | {"appointment"}
                and any(g.dep_ == "nummod" for g in c.children)
                and not any(
                    g.dep_ == "prep" and g.lower_ == "of" or g.dep_ in ("compound", "amod")
                    for g in c.children
                )
                and head.dep_ != "conj"
            ):
                # "he has attended seven sessions", "Toby has attended eight appointments since 2022":
                # a tally of the therapy itself (not "11 of 12 sessions of the anger management
                # programme", "all four college sessions", nor "enrolled on the course and attended
                # 5/6 sessions")
                return False
            return counted or c.lemma_.lower() not in cues.SESSION_WORDS
    return False


def _turning_into(head: Token) -> bool:
    """ "turning into my mother", "turned into a hermit": the client becoming someone."""
    return (
        lemma(head) == "turn"
        and not any(c.dep_ == "dobj" for c in head.children)  # "turned the car into the drive"
        and any(
            c.dep_ == "prep" and c.lower_ == "into" and any(g.dep_ == "pobj" for g in c.children)
            for c in head.children
        )
    )


# "done / finished / through" + a gerund: the client no longer being or doing something
_DONE_WORDS = frozenset({"done", "finished", "through"})


def _done_hiding(head: Token, subj: Token | None) -> bool:
    """ "I'm done pretending I'm not", "done hiding who I am": no longer hiding what one is."""
    return head.lower_ in _DONE_WORDS and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG" and _hides_who_one_is(c, subj) for c in head.children
    )


def _hides_who_one_is(act: Token, subj: Token | None) -> bool:
    """ "(done) pretending I'm not", "(done) hiding who I am": an act whose complement is a clause
    about what the client is (not "done apologizing for it", "done letting the war run my life")."""
    if subj is None:
        return False
    for c in act.children:
        if c.dep_ == "ccomp" and c.lemma_ == "be":
            inner = subject_of(c)
            return inner is not None and inner.lower_ == subj.lower_
    return False


def _learning_about_self(head: Token, subj: Token | None) -> bool:
    """ "I'm learning (that) I'm more than my weight", "I am learning that I don't have to earn rest",
    "I'm learning I get to have needs": a new view of oneself, said in a clause about oneself (not
    "I'm learning I can be on my own for an hour", an ability; not "learning that she's moved on",
    someone else; not "learning to drive")."""
    if subj is None or head.tag_ != "VBG" or lemma(head) != "learn":
        return False
    for c in head.children:
        if c.dep_ != "ccomp":
            continue
        inner = subject_of(c)
        return (
            inner is not None
            and (inner.lower_ == subj.lower_ or subj.pos_ != "PRON" and inner.lower_ in ("she", "he"))
            and not any(a.dep_ == "aux" and a.lower_ in ("can", "ca", "could") for a in c.children)
        )
    return False


def _self_regard(head: Token) -> bool:
    """ "I don't trust myself around food yet", "I used to hate myself for it", "I love myself more
    now": a standing attitude to oneself (not "I blame myself": guilt over one thing; not "I told
    myself ...", self-talk; not "I can't trust myself", an inability)."""
    verb = head
    if lemma(head) == "use":
        verb = next((c for c in head.children if c.dep_ == "xcomp"), head)  # "used to hate myself"
    return (
        lemma(verb) in cues.SELF_REGARD_VERBS
        and any(
            c.dep_ == "dobj"
            and c.lower_ in cues.REFLEXIVES
            # the self as a clause: "I hate who I am when I'm using", "I like who I've become"
            or c.dep_ == "ccomp"
            and c.i > verb.i
            and _who_one_is(c, subject_of(verb))
            for c in verb.children
        )
        # (not "she "can't trust" herself around food": an inability, agency)
        and not any(c.dep_ == "aux" and c.lower_ in ("can", "ca", "could", "cannot") for c in verb.children)
    )


def _getting_good_at(head: Token) -> bool:
    """ "I'm getting better at this", "she is "getting better at asking for help"", "I'm actually
    getting good at this": the client growing into a skill, a self-evaluation (not "got better"
    alone, a recovery; not "getting good marks")."""
    return (
        lemma(head) == "get"
        and any(c.dep_ == "acomp" and c.lower_ in cues.GROWING_SKILL_ADJECTIVES for c in head.children)
        and any(c.dep_ == "prep" and c.lower_ == "at" for c in head.children)
    )


def _getting_trait(head: Token) -> bool:
    """ "I'm getting braver", "I think I'm getting stronger": "get" with the comparative of a
    self-talk trait word (the small parser often reads it as an adverb), the client becoming a kind
    of person; not "getting better / worse" (a recovery or a relapse), not a passing state ("getting
    calmer", "getting tired")."""
    if lemma(head) != "get" or any(c.dep_ in ("prep", "dobj") for c in head.children):
        return False
    traits = _LEXICON.positive | _LEXICON.negative
    for c in head.children:
        low = c.lower_
        if c.i > head.i and c.dep_ in ("acomp", "advmod") and low.endswith("er") and len(low) > 4:
            # the base form: brav-er -> brave, strong-er -> strong, fatt-er -> fat
            bases = {low[:-1], low[:-2], low[:-3]} - {""}
            if any(b in traits and b not in cues.STATE_PREDICATES for b in bases):
                return True
    return False


def _reduced_passive(head: Token) -> Label | None:
    """A note's reduced passive: a transitive verb with no object and a "by" agent ("Pt brought to
    ED by police", "Found by flatmate"), the client as its patient."""
    if head.lemma_.lower() not in cues.REDUCED_PASSIVE_VERBS or head.tag_ not in ("VBD", "VBN"):
        return None
    kids = list(head.children)
    if any(c.dep_ in ("dobj", "aux", "auxpass") for c in kids):
        return None
    by = next((c for c in kids if c.dep_ in ("prep", "agent") and c.lower_ == "by"), None)
    if by is None or not any(g.dep_ == "pobj" and g.pos_ in ("NOUN", "PROPN") for g in by.children):
        return None
    return Label("agency", "non_agentic", "passive", ["ag.reduced_passive"], [head.text, "by"])


def _life_event_passive(head: Token) -> Label | None:
    """The client as the patient of a life event, also in the clinician's voice and when the
    parser reads the participle as an adjective: "She was made redundant", "I was sectioned"."""
    table = token_table(head.doc)
    deps, tags, lows = table.dep, table.tag, table.lower
    part: int | None = head.i
    if lemma(head) in ("be", "get"):  # "I was sectioned", "I got sectioned"
        part = next(
            (
                c
                for c in table.children[head.i]
                if deps[c] in ("acomp", "attr")
                and (tags[c] == "VBN" or tags[c] == "JJ" and lows[c].endswith("ed"))
            ),
            None,
        )
        if part is None:
            return None
    elif not _passive(head):
        return None
    forms = {table.lemma[part].lower(), lows[part]}
    if tags[part] == "JJ" and lows[part].endswith("ed"):
        forms |= {lows[part][:-2], lows[part][:-1]}  # "sectioned" read as an adjective
    let_go = lows[part] == "let" and any(lows[c] == "go" for c in table.children[part])  # "was let go"
    if not forms & cues.LIFE_EVENT_PASSIVES and not let_go:
        return None
    return Label("agency", "non_agentic", "passive", ["ag.life_event_passive"], [table.text[part]])


# Life-event verbs that need a particle or complement to be done to the client in a fragment
# ("Signed off sick", "Made redundant", "Let go", "Laid off", "Kicked out"); without it they
# are the client's acts ("Signed up for a course", "Made it to work", "Let her sister help").
_FRAGMENT_EVENT_NEEDS = {
    "sign": ("off",),
    "make": ("redundant",),
    "let": ("go",),
    "lay": ("off",),
    "kick": ("out",),
    "throw": ("out",),
}


def _fragment_life_event(unit: Unit, head: Token) -> Label | None:
    """A subjectless note fragment that opens with a life-event participle ("Forced to move out
    by landlord in Jan.", "Signed off sick again", "Admitted under s2 following an overdose"):
    the client as its patient, "was" left out. Not a confession ("Admitted to drinking more")."""
    if unit.subj >= 0 or head.i != unit.start or head.tag_ not in ("VBN", "VBD"):
        return None
    lem = head.lemma_.lower()
    if not {lem, head.lower_} & cues.LIFE_EVENT_PASSIVES:
        return None
    kids = list(head.children)
    if any(c.dep_ in ("dobj", "nsubj", "aux", "auxpass", "ccomp") for c in kids):
        return None  # "Pushed himself to go", "Admitted that she drinks daily"
    needs = _FRAGMENT_EVENT_NEEDS.get(lem)
    if needs is not None and not any(c.lower_ in needs for c in kids):
        return None
    if lem == "admit" and any(
        c.dep_ == "prep" and c.lower_ == "to" and any(g.tag_ == "VBG" for g in c.children) for c in kids
    ):
        return None
    return Label("agency", "non_agentic", "passive", ["ag.fragment_life_event"], [head.text])


def _let_it_be(comp: Token, comp_subj: Token) -> bool:
    """The complement of "let" is a symptom or inner experience left to run its course ("let the
    thought ride", "let the urge pass", "let it talk")."""
    if comp.lemma_.lower() not in cues.LET_BE_VERBS:
        return False  # "let the fear drive for a year": ceding control to it
    words = {comp_subj.lower_, comp_subj.lemma_.lower()}
    return bool(words & (cues.SYMPTOM_AGENTS | cues.INNER_EXPERIENCES)) or comp_subj.lower_ in ("it", "them")


def _construction(head: Token, lemma: str, negated: bool) -> Label | None:
    """Verb constructions whose agency is not the verb's own (cue lists in ``cues``)."""
    table = token_table(head.doc)
    deps, lows, i = table.dep, table.lower, head.i
    kids = list(head.children)
    prts = {lows[c] for c in table.children[i] if deps[c] in ("prt", "advmod", "prep")}
    # "I let him talk me into it", "I still let my father decide": ceding control
    if lemma == "let":
        comp = next((c for c in kids if c.dep_ in ("ccomp", "xcomp")), None)
        comp_subj = subject_of(comp) if comp is not None else None
        if comp_subj is not None and comp_subj.lower_ not in cues.REFLEXIVES:
            if not negated and _let_it_be(comp, comp_subj):
                # "I let it talk", "let the thought ride in the back seat": making room for the
                # symptom on purpose (acceptance), not ceding control to a person
                return Label("agency", "agentic", "coping", ["ag.let_it_be"], ["let"])
            if negated:
                return Label("agency", "agentic", "volition", ["ag.not_let"], ["let"], {"negated": True})
            return Label("agency", "non_agentic", "external", ["ag.let_other"], ["let"])
    # "I gave up", "went along with it", "I just do what I'm told": surrender and compliance
    for phrase in cues.SURRENDER_PHRASAL_VERBS:
        verb, _, particle = phrase.partition(" ")
        if lemma == verb and particle in prts and not negated:
            return Label(
                "agency", "non_agentic", "external", [f"ag.{verb}_{particle}"], [head.text, particle]
            )
    # "I kept driving", "kept walking even though my legs were shaking": carrying on with an act
    if lemma == "keep" and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG" and c.lemma_.lower() in cues.PERSIST_VERBS for c in kids
    ):
        return _volition_like(head, "coping", negated, None, ["ag.kept_at_it"])
    # "I always get back up", "I keep going", "I'll get through this": persisting on purpose
    following = set(lows[i + 1 : i + 3])
    modal = any(deps[c] == "aux" and lows[c] in cues.ABILITY_AUX | {"cannot"} for c in table.children[i])
    for phrase in () if modal else cues.RESILIENCE_PHRASAL_VERBS:
        verb, _, particle = phrase.partition(" ")
        if lemma == verb and (particle in prts or particle in following):
            return _volition_like(head, "coping", negated, None, [f"ag.{verb}_{particle}"])
    if lemma == "do" and any(
        c.dep_ in ("dobj", "ccomp")
        and any(g.lower_ in ("told", "says", "said", "tells", "wants") for g in c.subtree)
        and any(g.lower_ == "what" for g in c.subtree)
        or c.dep_ in ("dobj", "ccomp")
        and any(g.lower_ == "told" for g in c.subtree)
        for c in kids
    ):  # "I just do what I'm told", "I just do what it says"
        if negated:  # "I don't do what it says anymore": the client no longer obeys
            return Label(
                "agency",
                "agentic",
                "volition",
                ["ag.not_do_as_told"],
                ["not", "do what I'm told"],
                {"negated": True},
            )
        return Label("agency", "non_agentic", "external", ["ag.do_as_told"], ["do what I'm told"])
    # "he lost it with his son", "I lost my temper": losing control
    if lemma == "lose" and any(c.dep_ == "dobj" and c.lower_ in cues.LOSS_OF_CONTROL_OBJECTS for c in kids):
        if negated:
            return Label("agency", "agentic", "ability", ["ag.kept_control"], [head.text], {"negated": True})
        return Label("agency", "non_agentic", "inability", ["ag.lost_control"], [head.text])
    # "I said no to my mum": refusal as a volitional act
    if lemma in ("say", "tell") and any(t.lower_ == "no" for t in head.doc[head.i + 1 : head.i + 3]):
        # the "no" is what was said, not a negation ("she finally said no"); "didn't say no" is
        real_neg = any(c.dep_ == "neg" or c.lower_ == "never" for c in kids)
        return _volition_like(head, "volition", real_neg, None, ["ag.say_no"])
    if lemma == "get":
        # "I got myself to the appointment"
        if any(c.lower_ in cues.REFLEXIVES and c.dep_ == "dobj" for c in kids):
            return _volition_like(head, "ability", negated, None, ["ag.got_myself"])
        # "I never get to choose", "I get to decide now"
        if any(c.dep_ == "xcomp" and any(g.lower_ == "to" for g in c.children) for c in kids):
            if negated:
                return Label(
                    "agency", "non_agentic", "external", ["ag.not_get_to"], ["get to"], {"negated": True}
                )
            return Label("agency", "agentic", "ability", ["ag.get_to"], ["get to"])
        # "I've got it under control", "I didn't get a say", "I've got no choice"
        obj = next((c for c in kids if c.dep_ == "dobj"), None)
        if obj is not None and obj.lower_ in ("choice", "say", "control", "option"):
            if negated or any(g.lower_ == "no" for g in obj.children):
                return Label(
                    "agency",
                    "non_agentic",
                    "obligation" if obj.lower_ == "choice" else "external",
                    [f"ag.no_{obj.lower_}"],
                    ["no", obj.text],
                    {"negated": True},
                )
            return Label("agency", "agentic", "ability", [f"ag.got_{obj.lower_}"], [obj.text])
        if any(c.dep_ == "prep" and c.lower_ == "under" for c in kids) and any(
            t.lower_ == "control" for t in head.subtree
        ):
            return Label("agency", "agentic", "ability", ["ag.under_control"], ["under control"])
        # "he is getting better at saying no"
        if any(c.dep_ == "acomp" and c.lower_ == "better" for c in kids) and any(
            c.dep_ == "prep" and c.lower_ == "at" for c in kids
        ):
            return _volition_like(head, "ability", negated, None, ["ag.getting_better_at"])
    # "Avoids large lecture hall", "seeks reassurance", "I'm just hiding it": the symptom steers
    escape_to = lemma == "escape" and any(c.dep_ == "prep" and c.lower_ in ("to", "into") for c in kids)
    escape_to = (
        escape_to
        or negated  # (a walk-out can be a choice: "then I walked out and called my sponsor")
        and lemma in cues.ESCAPE_OUT_VERBS
        and any(c.dep_ in ("prt", "advmod") and c.lower_ == "out" for c in kids)
    )  # "I didn't walk out", "ran out of the shop"
    escape_to = escape_to or (  # "Didn't run to the car", "didn't hide ... ran to the loo"
        lemma in cues.ESCAPE_OUT_VERBS
        and any(
            c.dep_ == "prep"
            and c.lower_ == "to"
            and any(g.dep_ == "pobj" and g.lemma_.lower() in cues.ESCAPE_REFUGES for g in c.children)
            for c in kids
        )
    )
    for_reassurance = any(
        lows[t] in cues.SAFETY_BEHAVIOUR_OBJECTS and deps[t] == "pobj" and lows[table.head[t]] == "for"
        for t in subtree_indices(table, head.i)
    )  # "Still rings her mum for reassurance before any meeting" (the parser may hang "for" off "mum")
    withdrawn = lemma == "stop" and any(
        c.dep_ == "xcomp" and c.tag_ == "VBG" and c.lemma_.lower() in cues.WITHDRAWN_ACTIVITIES for c in kids
    )  # "stopped going to college", "Stopped driving x3 wks" (not "stopped drinking")
    avoid_chain = lemma in ("continue", "keep") and any(
        c.dep_ == "xcomp" and c.lemma_.lower() in cues.SAFETY_BEHAVIOUR_VERBS and c.lemma_.lower() != "seek"
        for c in kids
    )  # "He continues to avoid the staff kitchen", "I keep avoiding the kitchen"
    if (
        escape_to
        or for_reassurance
        or withdrawn
        or avoid_chain
        or lemma in cues.SAFETY_BEHAVIOUR_VERBS
        and (
            lemma != "seek"
            or any(c.lower_ in cues.SAFETY_BEHAVIOUR_OBJECTS for c in kids if c.dep_ == "dobj")
        )
    ):  # ("escaped to the car", not "escaped an abusive marriage")
        if negated:  # "didn't hide in the loo once"
            return Label("agency", "agentic", "volition", ["ag.not_avoid"], [head.text], {"negated": True})
        return Label("agency", "non_agentic", "external", ["ag.safety_behaviour"], [head.text])
    # "I find it hard to say things out loud": difficulty is inability; "I find it easier to ..."
    if lemma == "find" and any(
        g.lower_ == "it" and g.dep_ in ("dobj", "nsubj")
        for c in kids
        if c.dep_ in ("dobj", "ccomp", "oprd")
        for g in c.subtree
    ):
        level = {t.lower_ for t in head.subtree} & {
            "hard",
            "harder",
            "difficult",
            "impossible",
            "tough",
            "easy",
            "easier",
        }
        if level:
            if level & {"easy", "easier"}:
                return _volition_like(head, "ability", negated, None, ["ag.find_it_easy"])
            return Label("agency", "non_agentic", "inability", ["ag.find_it_hard"], [head.text])
    # "I stayed the whole twenty minutes" (not "stayed in bed", "stayed home")
    if lemma == "stay" and not ({t.lower_ for t in head.subtree} & cues.AVOIDANT_STAY_WORDS):
        return _volition_like(head, "volition", negated, None, ["ag.stayed"])
    return None


def _felt_control(feel: Token) -> Label | None:
    """A felt sense of control: "feeling more in control", "feels in charge of her life" (agentic
    ability); "feels out of control", "feels powerless" (non-agentic inability)."""
    words = " ".join(t.lower_ for t in feel.subtree if t.i > feel.i)
    negated = _negated(feel)
    if " out of control" in f" {words}" or any(w in cues.INABILITY_WORDS for w in words.split()):
        polarity, evidence = (
            ("agentic", "ag.not_felt_powerless") if negated else ("non_agentic", "ag.felt_powerless")
        )
        return Label("agency", polarity, "inability", [evidence], [feel.text])
    if "in control" in words or "in charge" in words:
        polarity, evidence = (
            ("non_agentic", "ag.not_felt_in_control") if negated else ("agentic", "ag.felt_in_control")
        )
        return Label("agency", polarity, "ability", [evidence], [feel.text])
    return None


def _able_head(head: Token) -> Label | None:
    """ "Unable to leave the house alone", "Cl increasingly able to challenge NATs" (no copula)."""
    if head.lower_ not in ("able", "unable") or not any(c.dep_ == "xcomp" for c in head.children):
        return None
    if head.lower_ == "unable" or _negated(head):
        return Label("agency", "non_agentic", "inability", ["ag.unable"], [head.text], {"negated": True})
    return Label("agency", "agentic", "ability", ["ag.able_to"], [head.text])


def _label_then_verb(doc: Doc, unit: Unit, head: Token) -> Label | None:
    """A field label over a fragment that starts with a past-tense act ("Goals: Completed 3 of 4
    planned walks (progress)": the parser hangs the verb off the label)."""
    if head.i != unit.start or head.i + 2 >= unit.end or doc[head.i + 1].text != ":":
        return None
    verb = doc[head.i + 2]
    if verb.tag_ not in ("VBD", "VBN") or verb.head.i != head.i:
        return None
    if not any(c.dep_ not in ("punct", "cc", "advmod", "neg") for c in verb.children):
        return None  # "Affect: restricted.", "Sleep: disturbed.": a finding, not an act with an object
    low, lem = verb.lower_, verb.lemma_.lower()
    if (
        lem in cues.NON_AGENTIVE_VERBS
        or lem in cues.SYMPTOM_CHANGE_VERBS
        or low in STATIVE_PARTICIPLES
        or low in cues.OBSERVED_BEHAVIOUR
        or low in cues.STATE_PREDICATES
    ):
        return None
    return Label("agency", "agentic", "volition", ["ag.label_fragment_verb"], [verb.text])


def _leading_verb_fragment(doc: Doc, unit: Unit) -> Label | None:
    """A note fragment whose leading past-tense verb the parser read as a modifier
    ("Cooked dinner for kids most nights": "Cooked" amod of "dinner")."""
    first = doc[unit.start]
    if first.tag_ == "NNS" and first.i == unit.head and (verb := _present_verb_form(first)) is not None:
        # "uses grounding when triggered", "rings her sister each Sunday": a present-tense record
        # whose verb the tagger read as a plural noun
        if verb in cues.NON_AGENTIVE_VERBS:
            return None
        return Label("agency", "agentic", "volition", ["ag.fragment_present_verb"], [first.text])
    if (
        first.i == unit.head
        and first.tag_ in ("NN", "NNP")
        and any(c.dep_ == "xcomp" for c in first.children)
        and _volitional_past_base(first.lower_) is not None
    ):
        # "- Chose not to drink at the wake": a past tense the tagger read as a noun, with its
        # infinitive complement
        return Label("agency", "agentic", "volition", ["ag.fragment_leading_verb"], [first.text])
    # (a JJ-tagged "-ed" word is left alone, "pressured speech", "blunted affect" are MSE findings,
    # unless it is the past tense of an act: "Booked driving test", "Ate lunch in the cafeteria")
    if (
        (first.tag_ not in ("VBD", "VBN") or first.lower_ in STATIVE_PARTICIPLES)
        and first.dep_ in _MISREAD_LEAD_DEPS
        and first.head.i == unit.head
    ):  # ("Used box breathing on Thurs": "used" is also the stative "used to")
        lead = _misread_lead_act(doc, unit, first)
        if lead is not None:
            return lead
    if first.tag_ not in ("VBD", "VBN") or first.dep_ not in ("amod", "compound", "nmod"):
        return None
    if any(c.dep_ == "acl" for c in first.head.children):
        # "Completed questionnaires received at reception", "Written exercise, completed by the
        # client at home": a participle describing a thing the note goes on to qualify
        return None
    if lemma(first) == "attend" and _attended_named_activity(doc, unit, first):
        return Label("agency", "agentic", "volition", ["ag.attended_activity"], [first.text])
    if lemma(first) in cues.SAFETY_BEHAVIOUR_VERBS and lemma(first) != "seek":
        # "Avoided lab Tues/Wed", "Skipped the 5-a-side social again": the symptom steers
        return Label("agency", "non_agentic", "external", ["ag.safety_behaviour"], [first.text])
    if (
        lemma(first) in cues.NON_AGENTIVE_VERBS
        and lemma(first) != "present"  # "Presented assignment to a class of 30": an act
        or lemma(first) in cues.CLINICIAN_FRAGMENT_VERBS
        or lemma(first) in cues.CLINICIAN_ASSIGNING_VERBS
        or _session_frame(first, lemma(first))  # "closed w/ light stream"
        or first.lower_ in STATIVE_PARTICIPLES
        or first.lower_ in cues.OBSERVED_BEHAVIOUR
        or first.lower_ in cues.STATE_PREDICATES
    ):
        return None
    return Label("agency", "agentic", "volition", ["ag.fragment_leading_verb"], [first.text])


def _attended_named_activity(doc: Doc, unit: Unit, first: Token) -> bool:
    """Does a note fragment whose leading "Attended" the parser read as a modifier name what was
    attended by a word other than the therapy's own ("Attended OT breakfast group", "Attended OT
    cookery group x2", "Attended 4 AA meetings this wk"), as :func:`_attended_activity` reads the
    verb's object: an activity of the client's week, not the session ("Attended session on time")?"""
    table = token_table(doc)
    stop = max(first.head.i, first.i) + 1
    nouns = [
        j
        for j in range(first.i + 1, min(stop, unit.end))
        if table.pos[j] in ("NOUN", "PROPN") and not any(ch.isdigit() for ch in table.text[j])
    ]
    if any(table.lower[j] in cues.OTHER_LABELS for j in nouns) or "w/" in table.lower[first.i : stop]:
        return False  # ("Attended w/ mum": who came along)
    return any(
        table.lemma[j].lower()
        not in cues.SESSION_WORDS | cues.TIME_UNITS | {"group", "today", "week", "time"}
        for j in nouns
    )  # (not "Attended all 90 min": the session's length)


_IRREGULAR_BASES = {"chose": "choose", "began": "begin", "undertook": "undertake"}
_CLOCK_RE = re.compile(r"^\d{1,2}[:.]\d{2}$")  # "4:10", "19.45": a time of day
_MISREAD_LEAD_DEPS = frozenset({"amod", "compound", "nmod", "det"})


def _misread_lead_act(doc: Doc, unit: Unit, first: Token) -> Label | None:
    """The act of a subjectless note fragment whose leading past-tense verb the tagger read as an
    adjective, noun or modifier of its object ("Refused evening olanzapine", "Booked driving test",
    "Used box breathing on Thurs", "Ate lunch in the cafeteria"): only the past tense of a known act
    verb with an object after it, so that findings ("Increased appetite", "Guarded, pressured
    speech") stay out."""
    base = past_act_base(first.lower_)
    if base is None or unit.question or unit.hypothetical:
        return None
    nxt = doc[first.i + 1] if first.i + 1 < unit.end else None
    if nxt is None or nxt.tag_ not in (
        "DT",
        "PRP$",
        "PRP",
        "NN",
        "NNS",
        "NNP",
        "NNPS",
        "CD",
        "JJ",
        "IN",
        "RP",
    ):
        return None  # ("Settled.", "Refused,": no act with an object or place)
    if (
        first.lower_ in cues.OBSERVED_BEHAVIOUR
        or first.lower_ in cues.STATE_PREDICATES
        or first.lower_ in STATIVE_PARTICIPLES
        and base not in cues.COPING_VERBS
    ):
        return None
    if base in cues.CLINICIAN_CONTACT_VERBS and (
        nxt.pos_ == "PROPN"
        or nxt.ent_type_ == "PERSON"
        or nxt.lemma_.lower() in cues.CLINICIAN_CONTACT_OBJECTS
    ):
        return None  # "Met Liam at the café, 45 min", "Returned call Mon": the clinician's contact
    if any(t.dep_ == "neg" or t.lower_ in ("not", "never") for t in doc[unit.start : first.i]):
        return None  # ("Not yet booked driving test": an act not done, left to the clinician's record)
    if base in cues.SAFETY_BEHAVIOUR_VERBS:
        # "Avoided lab Tues/Wed; ...", "Skipped the team drinks Fri": the symptom steers
        return Label("agency", "non_agentic", "external", ["ag.lead_fragment_act"], [first.text])
    kind = "coping" if base in cues.COPING_VERBS and base not in cues.VOLITIONAL_VERBS else "volition"
    return Label("agency", "agentic", kind, ["ag.lead_fragment_act"], [first.text])


def _volitional_past_base(low: str) -> str | None:
    """The volitional verb (cues.VOLITIONAL_VERBS) whose past tense ``low`` is, else None
    ("chose" -> "choose", "decided" -> "decide", "stopped" -> "stop", "tried" -> "try")."""
    return past_base(low, cues.VOLITIONAL_VERBS, _IRREGULAR_BASES)


_FRAGMENT_PRESENT_VERBS = cues.VOLITIONAL_VERBS | {"use", "check"}


def _problem_behaviour(head: Token, lemma: str) -> bool:
    """Is ``head`` a problem behaviour whose negation is holding back: one of
    PROBLEM_BEHAVIOUR_VERBS, "self-harm" (split "self - harmed"), "use" with no object (a
    substance), or "have" a drink / cigarette (PROBLEM_BEHAVIOUR_OBJECTS)?"""
    if lemma in cues.PROBLEM_BEHAVIOUR_VERBS:
        return True
    doc, i = head.doc, head.i
    if lemma == "harm":
        return i >= 2 and doc[i - 1].text == "-" and doc[i - 2].lower_ == "self"
    if lemma == "use":  # "has not used since March / in three weeks" (not "used the app", "used it as ...")
        return head.tag_ == "VBN" and not any(
            c.dep_ in ("dobj", "xcomp", "ccomp", "dative") or c.dep_ == "prep" and c.lower_ == "as"
            for c in head.children
        )
    if lemma == "have":
        return any(
            c.dep_ == "dobj" and c.lemma_.lower() in cues.PROBLEM_BEHAVIOUR_OBJECTS for c in head.children
        )
    if lemma == "miss":  # "I've not missed a shift", "hasn't missed a dose since March"
        return any(c.dep_ == "dobj" and c.lemma_.lower() in cues.MISSED_COMMITMENTS for c in head.children)
    return False


def _present_verb_form(tok: Token) -> str | None:
    """The verb whose third-person form ``tok`` is ("uses" -> "use", "rings" -> "ring"), when the
    next word starts an object ("her", "the", "grounding"), else None."""
    low = tok.lower_
    if not low.endswith("s"):
        return None
    nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
    # ("Checks pulse fifty times a day": the object read as an adjective)
    if nxt is None or nxt.tag_ not in ("DT", "PRP$", "NN", "NNS", "NNP", "VBG", "CD", "PRP", "JJ"):
        return None
    return next(
        (verb for verb in (low[:-1], low[:-2], low[:-3] + "y") if verb in _FRAGMENT_PRESENT_VERBS), None
    )


def _volition_like(head: Token, kind: str, negated: bool, unit: Unit | None, evidence: list[str]) -> Label:
    if negated:
        if head.lemma_ in cues.NEGATIVE_ACTION_VERBS:
            return Label(
                "agency", "agentic", kind, evidence + ["ag.negated_stop"], [head.text], {"negated": True}
            )
        if head.lemma_ in cues.PROBLEM_BEHAVIOUR_VERBS or (
            # "Shaking the whole time but I didn't leave": staying put, not "didn't leave the house"
            head.lemma_ == "leave" and not any(c.dep_ in ("dobj", "prep", "prt") for c in head.children)
        ):
            return Label(
                "agency", "agentic", kind, evidence + ["ag.held_back"], [head.text, "not"], {"negated": True}
            )
        once = any(t.lower_ == "once" and t.i > head.i for t in head.subtree) and (
            head.lemma_.lower() not in cues.WITHDRAWN_ACTIVITIES and head.lemma_.lower() != "eat"
        )  # (not "didn't go out once", "didn't eat once": withdrawal, restriction)
        if once or _touched_nothing(head):
            # "didn't ring 111 once", "didn't shout once", "hasn't touched a drop since the 2nd":
            # the urge held back, counted
            return Label(
                "agency", "agentic", kind, evidence + ["ag.held_back"], [head.text, "not"], {"negated": True}
            )
        if _stated_refusal(head):
            return Label(
                "agency", "agentic", kind, evidence + ["ag.refusal"], [head.text, "not"], {"negated": True}
            )
        if any(c.lower_ == "never" for c in head.children):
            return Label(
                "agency",
                "non_agentic",
                "inability",
                evidence + ["ag.never"],
                [head.text, "never"],
                {"negated": True},
            )
        return Label(
            "agency", "non_agentic", kind, evidence + ["ag.negated"], [head.text, "not"], {"negated": True}
        )
    return Label("agency", "agentic", kind, evidence, [head.text])


def _touched_nothing(head: Token) -> bool:
    """ "I haven't touched a drop", "hasn't touched the spice since the shelter": abstinence said
    with "touch" (negated by the caller)."""
    if head.lemma_.lower() != "touch":
        return False
    return any(
        t.lower_ in ("drop", "since") or t.lemma_.lower() in cues.PROBLEM_BEHAVIOUR_OBJECTS
        for t in head.subtree
    )


_REFUSAL_AUX = frozenset(["will", "wo", "'ll", "’ll", "shall"])
_PROGRESSIVE_BE = frozenset(["am", "'m", "’m", "is", "'s", "’s", "are", "'re", "’re"])


def _contact(doc: Doc, unit: Unit, head: Token) -> Label | None:
    """The client reaching someone by phone or message (``cues.CONTACT_FORMS``, whatever the tag):
    a coping step when it replaces a problem act ("rang Lifeline once instead of self-harming",
    "Kayla called before acting on urges"), an act when it reaches a person ("Called her sponsor
    first thing Sat", "Rang the kids every night"); calls to the service stay the session's, and
    calls for reassurance are the symptom's."""
    if head.lower_ not in cues.CONTACT_FORMS or any(c.dep_ in ("ccomp", "xcomp") for c in head.children):
        return None  # (not "called to cancel")
    table = token_table(doc)
    lows = table.lower
    if set(lows[unit.start : unit.end]) & cues.SAFETY_BEHAVIOUR_OBJECTS:
        return None  # "Still rings her mum for reassurance before any meeting"
    for j in range(head.i + 1, unit.end - 1):
        if (
            lows[j] in cues.ALTERNATIVE_MARKERS
            and (lows[j] == "before" or lows[j + 1] in ("of", "than"))
            and any(table.tag[k] == "VBG" for k in range(j + 1, min(j + 5, unit.end)))
        ):
            return Label("agency", "agentic", "coping", ["ag.contact_instead"], [head.text, lows[j]])
    j = head.i + 1
    while j < unit.end and table.tag[j] in ("DT", "PRP$"):
        j += 1  # "her sponsor", "the kids"
    if j >= unit.end:
        return None
    low = lows[j]
    if j + 1 < unit.end and table.tag[j + 1] in ("NN", "NNS", "NNP") and table.dep[j] == "compound":
        return None  # "rang the crisis line", "texted duty phone": a service
    person = (
        low in ("him", "her", "them")
        and j == head.i + 1
        or low in cues.CONTACTED_PEOPLE
        or any(low in words for words in (cues.OTHER_LABELS, cues.OTHER_PERSON_NOUNS, cues.THIRD_PARTY_NOUNS))
        or table.pos[j] == "PROPN"
        and doc[j].ent_type_ in ("PERSON", "")
        and low not in cues.THERAPIST_NOUNS | cues.SERVICE_CONTACT_WORDS | cues.SESSION_WORDS
    )
    if not person or any(table.quote[j : unit.end]):
        return None  # (not "called her panic “the Banshee”": naming)
    return Label("agency", "agentic", "volition", ["ag.contacted_someone"], [head.text])


def _answer_not_found(head: Token, lemma: str) -> bool:
    """ "can't think of a name for that one", "can't pick one", "couldn't come up with anything":
    the object (of "of" / "with" for "think" / "come") is what a prompt asks for."""
    if lemma not in cues.ANSWER_SEARCH_VERBS:
        return False
    objects = [
        g
        for c in head.children
        for g in (
            [c]
            if c.dep_ == "dobj"
            else [x for x in c.children if x.dep_ == "pobj"]
            if c.dep_ == "prep"
            else []
        )
    ]
    return any(o.lower_ in cues.ANSWER_WORDS or o.lemma_.lower() in cues.ANSWER_WORDS for o in objects)


def _still_refusing(head: Token) -> bool:
    """ "Still won't answer the door", "she still will not go in to pay at the till": a negated
    "will" with "still" (the verb "let" excepted: "still won't let me" is someone else's control)."""
    kids = list(head.children)
    return (
        lemma(head) != "let"
        and any(c.dep_ == "aux" and c.lower_ in _REFUSAL_AUX for c in kids)
        and any(c.lower_ == "still" and c.i < head.i for c in kids)
    )


def _stated_refusal(head: Token) -> bool:
    """A decision stated as a negated future or present progressive: "I'm not going back there",
    "I'm not doing that anymore", "he will not join them any more", "I won't lend him money again"
    (the guidelines' "she isn't going to stop now": the client declares what they will not do)."""
    kids = list(head.children)
    auxes = {c.lower_ for c in kids if c.dep_ == "aux"}
    if any(c.lower_ in ("never",) for c in kids) or any(c.dep_ == "xcomp" for c in kids):
        return False  # "I'm never going to get better", "I'm not going to manage": not a decision
    future = bool(auxes & _REFUSAL_AUX)
    progressive = head.tag_ == "VBG" and bool(auxes & _PROGRESSIVE_BE)
    return future or progressive


_WITHOUT_CONSENT = re.compile(
    r" without (?:even )?(?:asking|consulting|telling|checking with) (?:me|her|him|them) "
    r"| before (?:i|she|he|they)(?: 'd| had| would)? (?:even )?(?:agreed|said yes|been asked|had a say) "
)


def _symptom_it(head: Token, subj: Token) -> bool:
    """ "The OCD picks my clothes, it picks my route to work": "it" after a clause of the same
    sentence whose subject is a symptom agent is that agent."""
    if subj.lower_ != "it":
        return False
    doc = subj.doc
    start, _ = sentence_of_token(doc, subj.i)
    for j in range(subj.i - 1, start - 1, -1):
        prev = doc[j]
        if prev.dep_ in ("nsubj", "nsubjpass") and prev.lower_ != "it":
            return bool(({t.lower_ for t in prev.subtree} | {prev.lemma_.lower()}) & cues.SYMPTOM_AGENTS)
    # "Because the voice is literally screaming at me. It tells me I'm disgusting": an "it" opening
    # the next sentence of the same line, after a sentence whose subject is a symptom agent
    if (
        start == 0
        or "\n" in doc[start - 1].text
        or any(t.i < subj.i and t.is_alpha for t in doc[start : subj.i])
    ):
        return False
    pstart, _ = sentence_of_token(doc, start - 1)
    if any("\n" in doc[k].text for k in range(pstart, start)):
        return False
    subjects = [
        doc[k]
        for k in range(pstart, start)
        if doc[k].dep_ in ("nsubj", "nsubjpass") and doc[k].lower_ != "it"
    ]
    return bool(subjects) and bool(
        ({t.lower_ for t in subjects[-1].subtree} | {subjects[-1].lemma_.lower()}) & cues.SYMPTOM_AGENTS
    )


def _person(tok: Token) -> bool:
    """Is ``tok`` a person or a group of people: a name, a pronoun or a noun for people ("she",
    "my husband", "Dad", "my team")?"""
    low, lem = tok.lower_, tok.lemma_.lower()
    return (
        tok.ent_type_ in ("PERSON", "NORP", "ORG")
        or low in cues.PERSON_PRONOUNS
        or lem in cues.PERSON_GROUP_NOUNS
        or any(
            w in words
            for w in (low, lem)
            for words in (
                cues.OTHER_LABELS,
                cues.OTHER_PERSON_NOUNS,
                cues.THIRD_PARTY_NOUNS,
                cues.THERAPIST_NOUNS,
                cues.CLIENT_NOUNS,
            )
        )
    )


def _dominates(head: Token, lemma: str, subj: Token, self_words: Collection[str], symptom: bool) -> bool:
    """An idiom of domination (``cues.DOMINATION_IDIOMS``) with the client dominated: "the critic
    runs the show", "the bank owns me now", "the voices get the better of me", "it took over",
    "the craving won", "the drink had me by fourteen"."""
    wanted = cues.DOMINATION_IDIOMS.get(lemma)
    if wanted is None or subj.dep_ == "nsubjpass":
        return False
    if lemma in cues.DOMINATION_BY_THINGS and not symptom and _person(subj):
        return False  # "my team won", "she took over the shop", "my mum had me at 16"
    kids = [c for c in head.children if c.i != subj.i]
    if any(c.dep_ in ("ccomp", "xcomp") for c in kids):
        return False  # "the drink had me believing ...": another construction
    objects = [c for c in kids if c.dep_ in ("dobj", "dative", "attr")]
    if "" in wanted:
        return not objects and not any(c.dep_ in ("acomp", "oprd") for c in kids)
    for c in kids:
        low = c.lower_
        if "self" in wanted and c.dep_ in ("dobj", "dative") and low in self_words:
            return True
        if c.dep_ in ("dobj", "prt", "advmod", "acomp", "npadvmod") and low in wanted:
            if low == "over":
                return not objects  # (not "took over the shop")
            if low == "better":  # "got the better of me" (not "my anxiety got a lot better")
                return c.dep_ == "dobj" and any(g.dep_ == "prep" and g.lower_ == "of" for g in c.children)
            # "ran my life" (not "runs her own life": the client's possessive on the life)
            return low not in ("life", "lives") or any(
                g.dep_ == "poss" and g.lower_ in self_words for g in c.children
            )
    return False


def _causative_on_client(head: Token, self_words) -> bool:  # noqa: ANN001 - a set of words
    """Causative "have" / "get" with the client as the one made to act or acted on: "my father had
    me admitted", "my therapist had me do chapter 3", "they got me sectioned"; not "I had my hair
    done" (the caller filters first-person subjects) nor "she had me over" (no verb after "me")."""
    return any(
        c.dep_ in ("ccomp", "xcomp")
        and c.tag_ in ("VB", "VBN")
        and c.i > head.i
        and any(g.dep_ in ("nsubj", "nsubjpass") and g.lower_ in self_words for g in c.children)
        for c in head.children
    )


def _removed_or_sent(head: Token, lemma: str, self_words) -> bool:  # noqa: ANN001 - a set of words
    """Someone disposing of the client or of what is theirs: sending the client off ("They sent me
    away", "the judge sent me", "They sent me here when I was twelve"), taking something from them
    ("They took my work from me", "They took something from me"), something done to them ("Something
    dirty was done to me", "Everything's being done to me")."""
    table = token_table(head.doc)
    kids = table.children[head.i]
    lows, deps = table.lower, table.dep
    if lemma == "send":
        return any(deps[c] == "dobj" and lows[c] in self_words for c in kids)
    if lemma in ("take", "do"):
        prep = "from" if lemma == "take" else "to"
        if lemma == "do" and not _passive(head):
            return False  # ("she did it to me" is the client's complaint, read elsewhere)
        return any(
            deps[c] == "prep"
            and lows[c] == prep
            and any(deps[g] == "pobj" and lows[g] in self_words for g in table.children[c])
            for c in kids
        )
    return False


def _external(doc: Doc, unit: Unit, head: Token, subj: Token, negated: bool, text: str) -> Label | None:
    table = token_table(doc)
    lows = table.lower
    lemma = table.lemma[head.i].lower()
    subj_words = {lows[j] for j in subtree_indices(table, subj.i)} | {table.lemma[subj.i].lower()}
    to_symptom = lows[subj.i] == "you" and unit.voice == "quoted" and v.addressed_to_symptom(doc)
    if lows[subj.i] in ("you", "we", "i", "who", "that", "which", "this") and not to_symptom:
        return None  # (but "Dear Depression, ... You made me quit uni": the problem addressed)
    self_words = ("me", "myself", "my") if unit.voice == "quoted" else SELF_OBJ | {"his", "her", "my", "me"}
    self_obj = any(low in self_words for low in lows[head.i + 1 : unit.end])
    if unit.voice in ("quoted", "reported") and lemma in ("decide", "control", "rule", "choose", "dictate"):
        # "It decides where I go and who I see": the client inside the controlled complement
        own = ("i",) if unit.voice == "quoted" else ("i", "she", "he")
        self_obj = self_obj or any(t.lower_ in own for t in doc[head.i + 1 : unit.end])
    symptom = (
        to_symptom
        or bool(subj_words & cues.SYMPTOM_AGENTS)
        or _symptom_it(head, subj)
        or _externalised_name(subj)
    )
    nobody = subj.lower_ in ("nobody", "noone", "nothing") or "no one" in text
    if (
        lemma == "keep"
        and not symptom
        and not nobody
        and any(c.dep_ == "xcomp" and c.lemma_.lower() in cues.SPEECH_VERBS_NAGGED for c in head.children)
    ):
        # "Everyone keeps telling me I'm fine", "his girlfriend "keeps telling me I'm gonna relapse"":
        # what other people say, over and over, not their control of the client (a symptom that
        # "keeps telling me to ..." stays external)
        return None
    strong = (
        lemma in cues.PERSON_CONTROL_VERBS
        or (
            # "her sister has taken over her finances", "the doctors took my car keys off me"
            lemma == "take"
            and any(t.dep_ in ("prt", "prep") and t.lower_ in ("over", "off", "away") for t in head.subtree)
        )
        or (
            # "they put me in here", "they didn't give me a choice"
            lemma == "put"
            and any(c.dep_ in ("prep", "prt") and c.lower_ in ("in", "into", "away") for c in head.children)
        )
        or (
            lemma == "give"
            and negated
            and any(t.lower_ in ("choice", "option", "say") for t in doc[head.i + 1 : unit.end])
        )
        or (lemma in ("have", "get") and _causative_on_client(head, self_words))
        or _removed_or_sent(head, lemma, self_words)
    )
    if symptom and not nobody:
        label = _symptom_control(head, lemma, subj, negated)
        if label is not None:
            return label
    if not nobody and _dominates(head, lemma, subj, self_words, symptom):
        # "the critic "runs the show"", "The stove still owns me", "it "won" twice"
        if negated:  # "the drink doesn't own me anymore"
            return Label(
                "agency",
                "agentic",
                "external",
                ["ag.not_dominated"],
                [subj.text, head.text],
                {"negated": True},
            )
        return Label("agency", "non_agentic", "external", ["ag.dominated"], [subj.text, head.text])
    if symptom and not nobody and self_obj and lemma in cues.SYMPTOM_PRESSING_VERBS:
        # "The Big Heavy sat on me all week", "it squeezes me a little more each month"
        return Label("agency", "non_agentic", "external", ["ag.symptom_presses"], [subj.text, head.text])
    if lemma == "matter" and " what " in text:
        return Label(
            "agency", "non_agentic", "external", ["ag.doesnt_matter"], ["matter"], {"negated": negated}
        )
    if lemma == "happen" and self_obj:
        return Label("agency", "non_agentic", "external", ["ag.happen_to_me"], ["happen to"])
    # "sold the house before I'd even agreed", "fixed my marriage without asking me": done over the
    # client's head, whatever the verb
    without_consent = _WITHOUT_CONSENT.search(text) is not None and not symptom
    if (
        (strong and self_obj)
        or without_consent
        or (
            symptom
            and lemma
            in (
                "win",
                "take",
                "tell",
                "control",
                "rule",
                "run",
                "stop",
                "make",
                "pick",
                "choose",
                "decide",
                "dictate",
            )
        )
    ):  # "The OCD picks my clothes"
        if lemma == "tell" and not symptom and not nobody:
            return None  # "nobody told me to" is still a claim of choosing
        if nobody:
            return Label(
                "agency",
                "agentic",
                "external",
                ["ag.nobody_made_me"],
                [subj.text, head.text],
                {"negated": True},
            )
        attrs = {"negated": True} if negated else {}
        return Label(
            "agency", "non_agentic", "external", ["ag.external_control"], [subj.text, head.text], attrs
        )
    return None


def struggle(doc: Doc, unit: Unit) -> Label | None:
    """The non-agentic half of a coping contrast ("Sometimes I struggle, but I find a way"): kept
    only when it joins an agentic clause in a contrast (``attrs["contrast_only"]``)."""
    head = doc[unit.head]
    if not unit.self_subject or unit.voice == "clinician" or unit.question or unit.hypothetical:
        return None
    if lemma(head) not in cues.STRUGGLE_VERBS or _negated(head):
        return None
    return Label("agency", "non_agentic", "inability", ["ag.struggle"], [head.text], {"contrast_only": True})


def _symptom_control(head: Token, lemma: str, subj: Token, negated: bool) -> Label | None:
    """A symptom, substance or compulsion as the agent of an active clause ("the drink always
    wins", "the panic decides everything", "anxiety is in charge"): external control.

    Changes in intensity ("my anxiety got worse", "the panic eased") and states are not control;
    a negated control clause ("my anxiety doesn't get a vote") is agentic."""
    if subj.dep_ == "nsubjpass" or _passive(head):
        return None
    if lemma in ("be", "have"):
        words = {
            t.lower_ for c in head.children if c.dep_ in ("prep", "attr", "dobj", "acomp") for t in c.subtree
        }
        if not words & cues.CONTROL_NOUNS:
            return None
    elif lemma in cues.COPULAR_LEMMAS and any(
        c.dep_ in ("acomp", "attr") or c.tag_ in ("JJR", "RBR") and c.lower_ != "more" for c in head.children
    ):
        return None  # "my anxiety got worse", "got a lot better"
    elif lemma in cues.SYMPTOM_CHANGE_VERBS or (
        lemma in cues.NON_AGENTIVE_VERBS and lemma not in cues.SYMPTOM_CONTROL_VERBS
    ):
        return None
    # "not" must scope over the verb ("doesn't get a vote"), not a later word ("decides, not me");
    # a refused permission or cooperation is still control ("won't let me", "won't cooperate")
    negated = negated and any(
        c.i < head.i and (c.dep_ == "neg" or c.lower_ == "never") for c in head.children
    )
    if (
        negated
        and lemma in cues.CESSATION_VERBS
        and not any(c.dep_ in ("dobj", "ccomp", "xcomp") for c in head.children)
    ):
        return Label(
            "agency",
            "non_agentic",
            "external",
            ["ag.symptom_wont_stop"],
            [subj.text, head.text],
            {"negated": True},
        )
    if negated and lemma not in cues.PERMISSION_VERBS:
        return Label(
            "agency",
            "agentic",
            "external",
            ["ag.symptom_not_in_control"],
            [subj.text, head.text],
            {"negated": True},
        )
    attrs = {"negated": True} if negated else {}
    return Label("agency", "non_agentic", "external", ["ag.symptom_control"], [subj.text, head.text], attrs)


def contrast_marker(doc: Doc, left_end: int, right_start: int) -> str | None:
    """The contrast word between two clauses (``but``, ``yet``), if any."""
    for t in doc[left_end:right_start]:
        if t.lower_ in ("but", "yet", "though", "although", "however"):
            return t.lower_
    return None


def dependent_clause_join(doc: Doc, prev: Unit, start: int, end: int, nxt: Unit) -> str | None:
    """How the clause ``nxt`` hangs on the agency span ``[start, end)`` found for ``prev`` when it
    follows it and depends on a word of it (or on the frame that reports it): ``"adjunct"`` for an
    adverbial clause ("... "so I can leave when I need to"", "... even though she "wanted to
    hide"", "waited at the gate until she went in"), ``"contrast"`` for a coordinated clause with
    its own subject after a contrast word ("she poured a glass Friday "but then I tipped it down
    the sink""); None when it is no such dependent, or when anything but punctuation, quote marks,
    :data:`cues.DEPENDENT_CLAUSE_JOIN_WORDS` and verbless words of the span's own clause (a
    parenthesis the span was cut at, "(cold water) twice") stands between them. ``"conjunct"`` for
    a verb coordinated with the span's own verb, without a subject, in the same voice, with only
    "and" or "then" between ("she went to her sister's wedding even though the panic was
    screaming, and stayed till the reception ended": the merge of adjacent clauses missed it).

    The clause rules cut such a clause off the span's end; when the clause is an agency claim of its
    own it came out as a second span inside what the guidelines mark as one (section 3: clause-final
    adjuncts stay inside the span; a contrast is one mixed span). Not a result after a comma ("...,
    so I've got to keep going"), not a second thing said ("she said X, and that Y"), not across a
    full stop, a dash or a colon.
    """
    table = token_table(doc)
    if nxt.start < end:
        return None
    # a sentence break the parser put inside the sentence ("... instead of the family home "so I can
    # leave when I need to."", with no full stop between: the gap check below): the clause is a root
    split = sentence_of_token(doc, prev.head) != sentence_of_token(doc, nxt.head)
    parent, steps = table.head[nxt.head], 0
    while end <= parent < nxt.start and steps < 20:  # (up through a word in the gap)
        parent, steps = table.head[parent], steps + 1
    frame = table.head[prev.head]
    reported_by = (
        frame
        if table.dep[prev.head] == "ccomp" and table.lemma[frame].lower() in cues.REPORTING_VERBS
        else -1
    )  # (the parser hangs a clause after the reported one on the frame: "She said she'd stay "so I can ...")
    if not (start <= parent < end or parent == reported_by or split and table.dep[nxt.head] == "ROOT"):
        return None
    own_clause = set(subtree_indices(table, prev.head))
    gap = range(end, nxt.start)
    if any(table.text[j] in (".", "!", "?") for j in range(max(start, end - 2), end)):
        return None  # (the span closes a sentence inside quote marks: "she “couldn’t face it.” She has ...")
    for j in gap:
        if table.text[j] in cues.DEPENDENT_CLAUSE_STOPS or "\n" in table.text[j]:
            return None  # (a new sentence, a dash or colon before the client's next words)
        if table.punct[j] or table.quote[j] or table.lower[j] in cues.DEPENDENT_CLAUSE_JOIN_WORDS:
            continue
        if j not in own_clause or table.pos[j] in ("VERB", "AUX"):
            return None  # ("..., she said, "but ..."": a frame; "x1, "felt out of place but I stayed"": a clause)
    words = [table.lower[j] for j in gap if not table.punct[j]]
    if "that" in words and "so" not in words:
        return None  # "she said X, and that Y": two things said
    comma_so = any(table.lower[j] == "so" and table.text[j - 1] == "," for j in gap)
    dep = table.dep[nxt.head]
    marks = {
        table.lower[c]
        for c in table.children[nxt.head]
        if table.dep[c] in ("mark", "advmod") and c < nxt.head
    }  # (before the verb: not "I didn't use the gel after")
    # a marked clause only ("walks once a week, checking two to three hours" is two claims), and not a
    # result ("I promised him I'd never put him in a home, so I've got to keep going")
    if (marks | set(words)) & cues.ADJUNCT_CLAUSE_MARKERS and dep != "conj" and not comma_so:
        return "adjunct"
    if (
        dep == "conj"
        and any(w in cues.CONTRAST_MARKERS for w in words)
        and subject_index(table, nxt.head) >= 0
    ):
        return "contrast"
    if (
        dep == "conj"
        and table.head[nxt.head] == prev.head
        and subject_index(table, nxt.head) < 0
        and set(words) <= {"and", "then", "&"}
        and nxt.voice == prev.voice
        and not any(
            table.quote[j] for j in gap
        )  # (not after the client's quoted words: '..." and asked for his PRN')
    ):
        return "conjunct"
    return None


def depends_on_self_description(doc: Doc, unit: Unit, sd_bounds: list[tuple[int, int]]) -> bool:
    """Is ``unit`` an adverbial clause of a self-description span right before it ("I'm weak because
    I can't sleep without the TV on", "a different person since I stopped using", "she is a bad wife
    because she has not conceived")? (Not a contrast: "calls herself "the dumb one" but could name two
    things she is good at" is an act of its own.) The reason or time belongs to the self-view
    (guidelines section 3: clause-final adjuncts stay inside; one span carries one type), not an
    agency claim of its own."""
    for start, end in sd_bounds:
        if not 0 <= unit.start - end <= 4:
            continue
        root = doc[start:end].root.i
        anchor = Unit(head=root, subj=-1, start=start, end=end, voice=unit.voice, self_subject=True)
        if dependent_clause_join(doc, anchor, start, end, unit) == "adjunct":
            return True
    return False


def _condition_not_act(doc: Doc, unit: Unit) -> bool:
    """Is the clause a condition the client is in, or a way of speaking, worded like an act or a
    passive? A participle of :data:`cues.CONDITION_PARTICIPLES` as the predicate ("I'm just worn
    out", "I'm buggered", "he gets lost in his own sentences") without a "by" agent; "made of"
    ("I'm made of glass"); a motion verb in an idiom of :data:`cues.STATE_MOTION_IDIOMS` ("I'm not
    going doolally", "running on fumes"); a clause of :data:`cues.DISCOURSE_CLAUSES` ("I'm not
    gonna lie")."""
    table = token_table(doc)
    h = unit.head
    lows, kids = table.lower, table.children[h]
    said = "".join(lows[j] + (" " if table.ws[j] else "") for j in range(unit.start, unit.end))
    if said.replace("’", "'").strip(" ,.!\"'") in cues.DISCOURSE_CLAUSES:
        return True
    passive_like = table.tag[h] == "VBN" and any(
        table.dep[c] in ("auxpass", "aux") and table.lemma[c].lower() in ("be", "get") for c in kids
    )
    if passive_like and not any(lows[c] == "by" for c in kids):
        if lows[h] in cues.CONDITION_PARTICIPLES:
            return True
        if table.lemma[h].lower() == "make" and any(lows[c] == "of" for c in kids):
            return True
    phrases = cues.STATE_MOTION_IDIOMS.get(table.lemma[h].lower())
    if phrases:
        after = " ".join(lows[j] for j in range(h + 1, min(unit.end, h + 5)) if not table.punct[j])
        return any(after == p or after.startswith(p + " ") for p in phrases)
    return False


def _prompt_field_label(doc: Doc, unit: Unit) -> bool:
    """A worksheet's or form's prompt, a free relative clause that opens its line (after any list
    number or bullet) and whose verb comes before the prompt's colon: "1. What matters to me: my
    kids", "4. Who I want to be: a dad the boys aren't scared of". The client's answer after the
    colon is read on its own."""
    table = token_table(doc)
    first = unit.start
    if table.lower[first] not in cues.PROMPT_OPENERS:
        return False
    j = first - 1
    while j >= 0 and "\n" not in table.text[j] and "\n" not in doc[j].whitespace_:
        if not (table.punct[j] or table.text[j].isdigit() or table.text[j] in cues.LIST_MARKERS):
            return False  # (not at the start of its line)
        j -= 1
    if j >= 0 and "\n" not in table.text[j] and "\n" not in doc[j].whitespace_:
        return False
    colon = next((k for k in range(first + 1, min(len(doc), unit.end + 2)) if table.text[k] == ":"), -1)
    return colon > unit.head


def _on_hold(doc: Doc, unit: Unit) -> bool:
    """Does the fragment say a thing is :data:`cues.ON_HOLD_PHRASES` ("Driving lessons still on
    hold", "bowls club on hold for now")?"""
    table = token_table(doc)
    words = " ".join(table.lower[j] for j in range(unit.start, unit.end))
    return any(f" {p}" in f" {words} " for p in cues.ON_HOLD_PHRASES)


def _getting_there(head: Token, lemma: str, kids: list[Token]) -> bool:
    """ "get there" as progress ("I'll get there", "I get there in the end", "slowly getting
    there"): "get" with "there" and no object, no clock time, place or question word."""
    if lemma != "get" or not any(c.dep_ == "advmod" and c.lower_ == "there" for c in kids):
        return False
    if head.tag_ == "VBG":
        return False  # ("I'm getting there": how the client is doing, a progress report, not an act)
    if any(c.dep_ in ("dobj", "dative", "npadvmod", "nsubjpass") for c in kids):
        return False  # ("I get there Monday", "I got there the long way")
    for c in kids:
        if c.dep_ == "prep" and c.lower_ in cues.GETTING_THERE_PLACE_PREPS:
            return False  # ("I get there at nine", "get there by bus", "got there before him")
        if c.dep_ == "advmod" and (c.tag_ in ("WRB",) or c.lower_ in ("early", "late", "first")):
            return False  # ("how do I get there", "I got there early": arriving)
    return True


def _own_words_act(unit: Unit, lemma: str, kids: list[Token]) -> bool:
    """A verb that names in-session behaviour in the clinician's record but an act in the client's
    own account: a phrasal act with its particle and object ("hung up on him", "picked up extra
    shifts"), an apology to someone ("apologised to my sister"), talking to someone in a
    subjectless quoted fragment ("talked to 2 people")."""
    particles = {c.lower_ for c in kids if c.dep_ == "prt"}
    if any(f"{lemma} {particle}" in cues.OWN_WORDS_PHRASAL_ACTS for particle in particles):
        return lemma not in cues.OWN_WORDS_PHRASAL_NEEDS_OBJECT or any(c.dep_ == "dobj" for c in kids)
    to_someone = any(
        c.dep_ == "prep" and c.lower_ in ("to", "with") and any(g.dep_ == "pobj" for g in c.children)
        for c in kids
    )
    if lemma in cues.APOLOGY_VERBS and to_someone:
        return True
    return lemma in ("talk", "speak") and to_someone and unit.subj < 0 and unit.voice == "quoted"
