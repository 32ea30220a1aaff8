"""Parse curly quotes and guillemets as if they were straight ones, keep the original text.

The small English model was trained on text with straight quote marks: "I’m a good dad" (curly
apostrophe) gets a different, often wrong, parse from "I'm a good dad" ("’m" read as a main verb
with "dad" as its object), because the model's prefix, suffix and shape features see the curly
mark. :class:`FoldingTokenizer` tokenizes a copy of the text with every curly quote, low quote
and guillemet replaced by its straight counterpart (one character for one, so every offset
stays valid); the statistical components parse that; the ``narrative_unfold_v1`` component,
first of the narrative components, rebuilds the Doc over the original characters and copies
the annotation across. Texts without such marks pass through untouched (no extra cost).
"""

from __future__ import annotations

import re
from typing import Any

from spacy.attrs import DEP, HEAD, LEMMA, MORPH, POS, TAG
from spacy.language import Language
from spacy.tokens import Doc

ORIGINAL_KEY = "narrative.original_text"
TEXT_KEY = "narrative.text"  # (``clauses.doc_text``'s cache: the unfolded Doc's text, known here)
# the text the statistical components parse (folded), for components that run before the unfold
PARSE_TEXT_KEY = "narrative.parse_text"
FOLD = str.maketrans({"’": "'", "‘": "'", "‚": "'", "‛": "'", "‹": "'", "›": "'",
                      "“": '"', "”": '"', "„": '"', "‟": '"', "«": '"', "»": '"'})  # fmt: skip
COPIED = [TAG, POS, MORPH, LEMMA, HEAD, DEP]
# Note shorthand for the client as a clause subject ("Pt states ...", "Cl reports ...") is parsed
# as a noun phrase ("Pt states" = compound + plural noun); a pronoun of the same length parses
# as the subject it is. Only the parse sees the substitute; the Doc keeps the original words.
_SHORTHAND_RE = re.compile(r"\b(?:Pt|pt|Cl|cl|Ct|ct)(?= [a-z])")
_SHORTHAND = {"Pt": "He", "pt": "he", "Cl": "He", "cl": "he", "Ct": "He", "ct": "he"}
# A sentence-initial "Via" ("Via interpreter, client states ...", "Via video, ...") is tagged as a
# proper noun and the sentence parsed around it; lower-cased, it is the preposition it is.
_VIA_RE = re.compile(r"\bVia(?= )")


def fold_quotes(text: str) -> str:
    """``text`` with curly quotes and guillemets replaced by straight ones (same length)."""
    return text.translate(FOLD)


def fold_text(text: str) -> str:
    """The text the statistical components parse: quotes folded, client shorthand as a pronoun,
    a capitalised "Via" lower-cased.

    Every substitution keeps the length, so character offsets are the same in both texts.
    """
    folded = text.translate(FOLD)
    if "t " in folded or "l " in folded:
        folded = _SHORTHAND_RE.sub(lambda m: _SHORTHAND[m.group(0)], folded)
    if "Via " in folded:
        folded = _VIA_RE.sub("via", folded)
    return folded


class FoldingTokenizer:
    """Wraps a tokenizer: tokenizes the quote-folded text and remembers the original."""

    def __init__(self, base: Any) -> None:
        self.base = base

    def __call__(self, text: str) -> Doc:
        folded = fold_text(text)
        doc = self.base(folded)
        doc.user_data[PARSE_TEXT_KEY] = folded
        if folded != text:
            doc.user_data[ORIGINAL_KEY] = text
        return doc

    def pipe(self, texts: Any, batch_size: int = 1000) -> Any:  # noqa: ARG002 - tokenizer API
        for text in texts:
            yield self(text)

    def __getattr__(self, name: str) -> Any:
        # rules, vocab, to_disk ... of the wrapped tokenizer
        return getattr(self.base, name)


def unfold(doc: Doc) -> Doc:
    """The Doc over the original characters, with the parse of the folded text (its text cached
    for :func:`narrative.extract.clauses.doc_text`: a Doc's text is the text it was made from)."""
    folded = doc.user_data.pop(PARSE_TEXT_KEY, None)
    original = doc.user_data.pop(ORIGINAL_KEY, None)
    if original is None or len(doc) == 0:
        text = original if original is not None else folded
        if text is not None:
            doc.user_data[TEXT_KEY] = text
        return doc
    words = [original[t.idx : t.idx + len(t.text)] for t in doc]
    spaces = [bool(t.whitespace_) for t in doc]
    out = Doc(doc.vocab, words=words, spaces=spaces)
    has_parse = doc.has_annotation("DEP")
    attrs = COPIED if has_parse else [a for a in COPIED if a not in (HEAD, DEP)]
    out.from_array(attrs, doc.to_array(attrs))
    if not has_parse and doc.has_annotation("SENT_START"):
        out.from_array(["SENT_START"], doc.to_array(["SENT_START"]))
    out.user_data.update(doc.user_data)
    out.user_data[TEXT_KEY] = original
    out._context = doc._context  # nlp.pipe(as_tuples=True) carries each text's context on the Doc
    return out


def install(nlp: Language) -> None:
    """Make ``nlp`` parse quote-folded text (idempotent)."""
    if not isinstance(nlp.tokenizer, FoldingTokenizer):
        nlp.tokenizer = FoldingTokenizer(nlp.tokenizer)


@Language.component("narrative_unfold_v1")
def unfold_component(doc: Doc) -> Doc:
    return unfold(doc)
