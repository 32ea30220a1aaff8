"""Rewrite a reported or clinician span in the client's first person, for scoring.

"She described herself as a burden" -> "I am a burden"; "she said she is no
longer afraid" -> (span "she is no longer afraid") -> "I am no longer afraid";
"Client reports feeling 'more in control'" -> "I feel more in control". Only the
text changes: statements keep the original character offsets.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..lang.en import cues

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
    from .clauses import sentence_of, token_table

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
        from .clauses import span_text

        return _strip_quotes(span_text(span))
    own = _gender_pronouns(doc, span) | {"client", "pt", "patient", "self"}
    tokens = list(span)
    words: list[str] = []
    first_person_subjects: set[int] = set()
    # self-view frames: "<subj> described herself as X" -> "I am X"
    frame = _self_view_frame(tokens)
    if frame is not None:
        verb, as_index = frame
        rest = tokens[as_index + 1 :]
        return _strip_quotes(" ".join(["I", "am", _render(rest, own, set())])).strip()
    if (
        tokens
        and (tokens[0].pos_ == "VERB" or tokens[0].tag_ in ("VBD", "VBZ", "VBG"))
        and tokens[0].lower_ not in own
    ):
        words.append("I ")
        first_person_subjects.add(tokens[0].i)  # "Sees self as ..." -> "I see myself as ..."
    for tok in tokens:
        if (
            tok.lower_ in own
            and tok.dep_ in ("nsubj", "nsubjpass")
            or (
                tok.lower_ in ("client", "pt", "patient")
                and tok.dep_ in ("nsubj", "nsubjpass", "pobj", "dobj")
            )
        ):
            first_person_subjects.add(tok.head.i)
    for tok in tokens:
        word = _map_token(tok, own, first_person_subjects)
        if words == ["I "] and tok.pos_ != "PROPN":
            word = word[:1].lower() + word[1:]  # "I see ...", not "I See ..."
        words.append(word + tok.whitespace_)
    text = "".join(words)
    text = text.replace("the I ", "I ").replace("The I ", "I ")
    return _strip_quotes(text).strip()


def _self_view_frame(tokens: list[Token]) -> tuple[Token, int] | None:
    for k, tok in enumerate(tokens):
        if tok.lemma_ in SELF_VIEW_AS and k + 2 < len(tokens) and tokens[k + 1].lower_ in cues.REFLEXIVES:
            if tokens[k + 2].lower_ == "as":
                return tok, k + 2
            return tok, k + 1
    return None


def _render(tokens: list[Token], own: set[str], subjects: set[int]) -> str:
    return "".join(_map_token(t, own, subjects) + t.whitespace_ for t in tokens)


def _map_token(tok: Token, own: set[str], subjects: set[int]) -> str:
    low = tok.lower_
    if low in own:
        if tok.dep_ in ("nsubj", "nsubjpass"):
            return "I"
        if tok.dep_ == "poss" or (low in ("his", "their") and tok.tag_ == "PRP$"):
            return POSS_MAP.get(low, "my")
        if tok.tag_ == "PRP$":
            return POSS_MAP.get(low, "my")
        if low in OBJECT_MAP:
            return OBJECT_MAP[low]
        if low in ("client", "pt", "patient"):
            return "I" if tok.dep_ in ("nsubj", "nsubjpass") else "me"
    if tok.i in subjects or tok.head.i in subjects and tok.dep_ in ("aux", "auxpass"):
        if low in VERB_MAP:
            return _case(VERB_MAP[low], tok.text)
        if tok.tag_ == "VBZ":
            return _case(tok.lemma_, tok.text)
    return tok.text


def _case(word: str, original: str) -> str:
    return word[:1].upper() + word[1:] if original[:1].isupper() else word


def _strip_quotes(text: str) -> str:
    # apostrophes ("I'm", "don’t") stay; double quotes and guillemets go
    out = "".join(ch for ch in text if ch not in QUOTE_CHARS or ch in "'’")
    return " ".join(out.split())
