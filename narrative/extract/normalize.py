"""Rewrite a reported or clinician span in the client's first person, for scoring.

"She described herself as a burden" -> "I am a burden"; "she said she is no
longer afraid" -> (span "she is no longer afraid") -> "I am no longer afraid";
"Client reports feeling 'more in control'" -> "I feel more in control". Only the
text changes: statements keep the original character offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from ..lang.en import cues
from .clauses import TokenTable, sentence_of, span_text, token_table

QUOTE_CHARS = "\"“”„«»‹›‘’'`"
SUBJECT_MAP = {"she": "I", "he": "I", "they": "I", "client": "I", "pt": "I", "patient": "I", "c": "I"}
OBJECT_MAP = {
    "her": "me",
    "him": "me",
    "them": "me",
    "herself": "myself",
    "himself": "myself",
    "themselves": "myself",
    "themself": "myself",
    "self": "myself",
}
POSS_MAP = {"her": "my", "his": "my", "their": "my", "hers": "mine", "theirs": "mine"}
VERB_MAP = {
    "is": "am",
    "'s": "'m",
    "’s": "’m",
    "has": "have",
    "does": "do",
    "was": "was",
    "are": "am",
    "were": "was",
    "does n't": "don't",
}
SELF_VIEW_AS = frozenset({"describe", "call", "refer", "label", "identify"})


def _gender_pronouns(doc: Doc, span: Span) -> set[str]:
    """Third-person pronouns that refer to the client in this span (by the frame subject's gender)."""

    a, b = sentence_of(doc, span.start)
    lower = token_table(doc).lower
    for low in lower[span.start : span.end] + lower[a:b]:
        if low in ("she", "her", "herself", "hers"):
            return {"she", "her", "herself", "hers"}
        if low in ("he", "him", "himself", "his"):
            return {"he", "him", "himself", "his"}
        if low in ("they", "them", "themselves", "themself", "their", "theirs"):
            return {"they", "them", "themselves", "themself", "their", "theirs"}
    return set()


def normalize_span(doc: Doc, span: Span, voice: str) -> str:
    """The client's-first-person text of ``span``."""
    if voice == "quoted":
        return _strip_quotes(span_text(span))

    table = token_table(doc)
    lower, dep = table.lower, table.dep
    own = _gender_pronouns(doc, span) | {"client", "pt", "patient", "self"}
    tokens = list(range(span.start, span.end))  # (token indices: the rules read the token table)
    words: list[str] = []
    first_person_subjects: set[int] = set()
    # self-view frames: "<subj> described herself as X" -> "I am X"
    frame = _self_view_frame(table, tokens)
    if frame is not None:
        verb, as_index = frame
        rest = tokens[as_index + 1 :]
        return _strip_quotes(" ".join(["I", "am", _render(table, rest, own, set())])).strip()
    if (
        tokens
        and (table.pos[tokens[0]] == "VERB" or table.tag[tokens[0]] in ("VBD", "VBZ", "VBG"))
        and lower[tokens[0]] not in own
    ):
        words.append("I ")
        first_person_subjects.add(tokens[0])  # "Sees self as ..." -> "I see myself as ..."
    for i in tokens:
        if (
            lower[i] in own
            and dep[i] in ("nsubj", "nsubjpass")
            or (lower[i] in ("client", "pt", "patient") and dep[i] in ("nsubj", "nsubjpass", "pobj", "dobj"))
        ):
            first_person_subjects.add(table.head[i])
    for i in tokens:
        word = _map_token(table, i, own, first_person_subjects)
        if words == ["I "] and table.pos[i] != "PROPN":
            word = word[:1].lower() + word[1:]  # "I see ...", not "I See ..."
        words.append(word + " " if table.ws[i] else word)
    text = "".join(words)
    text = text.replace("the I ", "I ").replace("The I ", "I ")
    return _strip_quotes(text).strip()


def _self_view_frame(table: TokenTable, tokens: list[int]) -> tuple[int, int] | None:
    """The frame verb of "<subj> described herself as X" among ``tokens`` (indices), and the
    position in ``tokens`` of its "as" (or reflexive)."""
    lemma, lower = table.lemma, table.lower
    for k, i in enumerate(tokens):
        if lemma[i] in SELF_VIEW_AS and k + 2 < len(tokens) and lower[tokens[k + 1]] in cues.REFLEXIVES:
            if lower[tokens[k + 2]] == "as":
                return i, k + 2
            return i, k + 1
    return None


def _render(table: TokenTable, tokens: list[int], own: set[str], subjects: set[int]) -> str:
    return "".join(_map_token(table, i, own, subjects) + (" " if table.ws[i] else "") for i in tokens)


def _map_token(table: TokenTable, i: int, own: set[str], subjects: set[int]) -> str:
    low, dep, tag = table.lower[i], table.dep[i], table.tag[i]
    if low in own:
        if dep in ("nsubj", "nsubjpass"):
            return "I"
        if dep == "poss" or (low in ("his", "their") and tag == "PRP$"):
            return POSS_MAP.get(low, "my")
        if tag == "PRP$":
            return POSS_MAP.get(low, "my")
        if low in OBJECT_MAP:
            return OBJECT_MAP[low]
        if low in ("client", "pt", "patient"):
            return "I" if dep in ("nsubj", "nsubjpass") else "me"
    if i in subjects or table.head[i] in subjects and dep in ("aux", "auxpass"):
        if low in VERB_MAP:
            return _case(VERB_MAP[low], table.text[i])
        if tag == "VBZ":
            return _case(table.lemma[i], table.text[i])
    return table.text[i]


def _case(word: str, original: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


# apostrophes ("I'm", "don’t") stay; double quotes and guillemets go
_DROP_QUOTES = str.maketrans("", "", "".join(ch for ch in QUOTE_CHARS if ch not in "'’"))


def _strip_quotes(text: str) -> str:
    out = text.translate(_DROP_QUOTES)
    return " ".join(out.split())
