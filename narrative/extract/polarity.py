"""A learned polarity for self-descriptions and chapter titles, over the rules' call.

The rules give a self-description or title its polarity from valence words
(``narrative.extract.valence``); where no valence word fires they say "neutral",
and many self-views carry their valence in the whole phrase, not in one word
("I'm the one who does every school run", "Now I'm the guy my boss gives the keys to",
"Ghosting My Own Life"). :class:`PolarityModel` is a multinomial logistic regression over
word 1-2-gram TF-IDF features of the span's first-person reading plus the rules' own call
(one-hot polarity, statement type, negated, hedged), trained on the gold development splits
(``scripts/train_extract_polarity.py``, ``models/extract_polarity/MODEL_CARD.md``).

The model is stored as plain JSON (vocabulary, idf, coefficients; no pickle) and applied
here without scikit-learn: the features are computed as ``TfidfVectorizer(ngram_range=(1, 2),
sublinear_tf=True)`` computes them (lower-cased ``\\b\\w\\w+\\b`` tokens, ``1 + log(tf)``,
times idf, L2-normalised over the vocabulary's terms); ``tests/extract/test_polarity_model.py``
checks the two agree. Beside the n-grams and the rules' call the model reads cue features
(:func:`cue_features`: the valence after a contrast marker, a former state, hedges, condition and
recovery words; cue lists in ``narrative/lang/en/valence/polarity_cues.yaml``), for a chapter title
its context (:func:`span_context`: an earlier-chapter or current-chapter frame in its sentence, its
place among the note's titles) and the static embeddings of the span and of its sentence
(``models/static_minilm``, a Model2Vec table distilled from all-MiniLM-L6-v2: a token-vector lookup
and mean, no transformer pass) times a fixed weight; the model names that folder and pins its
weights' SHA-256, and the component embeds the spans and sentences of a batch of notes in one call.
Only a model of :data:`FORMAT` is applied; an older one is refused with a ModelError (retrain).

The ``narrative_polarity_v1`` component runs after the extractors. For each span of
``doc.spans["self_descriptions"]``, ``["chapter_titles"]`` and ``["reflections"]`` it keeps
the rules' call in ``span._.polarity_rule``, sets ``span._.polarity`` to the model's most
probable class, ``span._.polarity_p`` to its probability, and adds ``pol.model`` to the
evidence when the model changed the rules' call. A statement that reports no change
("I'm no different", "neither better nor worse", the valence lexicon's ``no_change_phrases``)
keeps the rules' reading and is not given to the model.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import minibatch

from ..errors import ModelError
from .clauses import doc_text, sentence_of, span_text, token_table
from .data import MODELS_DIR, model_dir_setting, read_model_json
from .extensions import register_extensions
from .valence import after_contrast, load_polarity_cues, reports_no_change, text_valence

# /5: TF-IDF + rule features + cue features + title context features + the static embedding of the
# span and of its sentence (/1: TF-IDF + rule features; /2: + span embedding; /3: + cue features;
# /4: + title context and sentence embedding; /5: + the label, role and past-relative cues)
FORMAT = "narrative-extract-polarity/5"
GROUPS = {
    "self_descriptions": "self_description",
    "chapter_titles": "chapter_title",
    "reflections": "self_description",
}
RULE_FEATURES = (
    "rule=negative",
    "rule=neutral",
    "rule=positive",
    "type=self_description",
    "type=chapter_title",
    "negated",
    "hedged",
)
CUE_FEATURES = (
    "val=positive",
    "val=negative",
    "contrast",
    "after=positive",
    "after=negative",
    "former",
    "former*positive",
    "former*negative",
    "present",
    "hedge",
    "person_first",
    "condition",
    "condition*not_person_first",
    "recovery",
    "role",
    "diminish",
    "negations",
    "beyond_label",
    "done_being",
    "weary_of",
    "past_relative",
    "past_relative*negative",
    "permission",
    "identity_loss",
)
CONTEXT_FEATURES = (
    "title.earlier",
    "title.now",
    "title.several",
    "title.first",
    "title.last",
)
TITLE_FRAME_WINDOW = 80  # characters of a title's sentence before it read for the frame
TOKEN_RE = re.compile(r"(?u)\b\w\w+\b")  # scikit-learn's default token_pattern
_NEGATOR_RE = re.compile(r"\b(?:not|never|no)\b|n't")
EVIDENCE = "pol.model"


def bundled_model_dir() -> Path:
    """``models/extract_polarity`` beside the package."""
    return MODELS_DIR / "extract_polarity"


def resolve_model_dir(value: str | None) -> Path | None:
    """``extract.polarity_model``: "bundled", a folder path, or None (rules only)."""
    return model_dir_setting(value, bundled_model_dir())


def rule_features(rule_polarity: str, type_: str, *, negated: bool, hedged: bool) -> list[float]:
    """The rules' call as the model's extra features (order of :data:`RULE_FEATURES`)."""
    return [
        float(rule_polarity == "negative"),
        float(rule_polarity == "neutral"),
        float(rule_polarity == "positive"),
        float(type_ == "self_description"),
        float(type_ == "chapter_title"),
        float(negated),
        float(hedged),
    ]


def cue_features(text: str) -> list[float]:
    """What frames the text's valence, as the model's cue features (order of :data:`CUE_FEATURES`).

    The lexicon's valence of the whole text and of the part after its last contrast marker
    ("I was a wreck but I'm stronger now": the weight is on the second part), a former state
    ("used to be", "not ... anymore") with the valence it carries, "now", hedges, a condition named
    person-first or as the self, recovery words, role nouns, diminishers ("just", "still") and the
    number of negators (0, 0.5, 1); a self set beyond a label ("more than my diagnosis", "not just a
    patient", "less of a ghost"), a role renounced ("done being the perfect daughter") or resented
    ("sick of being the strong one"), and a difficulty told in the past in a relative clause ("a man
    who had panic attacks"), alone and with a negative valence, and permission given to oneself ("I'm
    allowed to be weak sometimes") or an identity lost ("I don't recognise myself anymore"). Cue lists:
    ``narrative/lang/en/valence/polarity_cues.yaml``.
    """
    cues = load_polarity_cues()
    found = cues.found(text)
    value = text_valence(text)
    tail = after_contrast(text, cues=cues)
    after = text_valence(tail) if tail is not None else 0
    former = "former" in found
    person_first = "person_first" in found
    condition = "condition" in found
    negations = len(_NEGATOR_RE.findall(text.lower().replace("’", "'")))
    return [
        float(value > 0),
        float(value < 0),
        float(tail is not None),
        float(after > 0),
        float(after < 0),
        float(former),
        float(former and value > 0),
        float(former and value < 0),
        float("present" in found),
        float("hedges" in found),
        float(person_first),
        float(condition),
        float(condition and not person_first),
        float("recovery" in found),
        float("role" in found),
        float("diminish" in found),
        min(negations, 2) / 2,
        float("beyond_label" in found),
        float("done_being" in found),
        float("weary_of" in found),
        float("past_relative" in found),
        float("past_relative" in found and value < 0),
        float("permission" in found),
        float("identity_loss" in found),
    ]


def title_context_features(before: str, *, index: int | None, n_titles: int) -> list[float]:
    """Where a chapter title sits in the client's story (order of :data:`CONTEXT_FEATURES`).

    ``before`` is the text of the title's sentence before the title; its last
    :data:`TITLE_FRAME_WINDOW` characters are read for the nearest earlier-chapter cue ("at session 1
    he had called it", "last year") or current-chapter cue ("today she calls it", "for now"; cue lists
    ``title_earlier`` / ``title_now`` in ``polarity_cues.yaml``). ``index`` is the title's place among
    the note's ``n_titles`` chapter titles in text order (None when it is not one of them): several,
    the first, the last. Life-story chapters are mostly told worse "then" and better "now".
    """
    frame = load_polarity_cues().title_frame(before[-TITLE_FRAME_WINDOW:]) if before.strip() else None
    several = n_titles > 1
    return [
        float(frame == "earlier"),
        float(frame == "now"),
        float(several),
        float(several and index == 0),
        float(several and index is not None and index == n_titles - 1),
    ]


def span_context(span: Span, type_: str) -> tuple[str, list[float]]:
    """The span's sentence text and its context features (:data:`CONTEXT_FEATURES`; all zero but
    for a chapter title)."""
    doc = span.doc
    sent_start, sent_text = _sentence(doc, span.start)
    if type_ != "chapter_title":
        return sent_text, [0.0] * len(CONTEXT_FEATURES)
    titles = sorted({(s.start_char, s.end_char) for s in doc.spans.get("chapter_titles", [])})
    index = next((k for k, (a, b) in enumerate(titles) if a < span.end_char and span.start_char < b), None)
    before = doc_text(doc)[sent_start : span.start_char]
    return sent_text, title_context_features(before, index=index, n_titles=len(titles))


def _sentence(doc: Doc, i: int) -> tuple[int, str]:
    """(first character, text) of ``doc[i].sent``, the whole doc's without sentence annotation.

    The same sentence as spaCy's (the one holding token ``i``), from the bounds and the text
    cached on the doc: ``Span.sent`` re-reads every token's annotation and walks to the sentence's
    ends, and ``Span.text`` joins its tokens, for each span.
    """
    if "sent" in doc.user_span_hooks or "sents" in doc.user_hooks:
        sent = doc[i : i + 1].sent
        return sent.start_char, sent.text
    if not doc.has_annotation("SENT_START"):
        return 0, doc.text
    start, end = sentence_of(doc, i)
    table = token_table(doc)
    lo = table.idx[start]
    return lo, doc_text(doc)[lo : table.end_char(end - 1)]


def ngrams(text: str) -> list[str]:
    """Word 1- and 2-grams of ``text`` as scikit-learn's word analyzer makes them."""
    tokens = TOKEN_RE.findall(text.lower())
    return tokens + [f"{a} {b}" for a, b in zip(tokens, tokens[1:], strict=False)]


class PolarityModel:
    """The trained classifier read from ``model.json`` (see the module docstring).

    ``folder`` is where ``model.json`` lives; the embedding folder is read relative to it (the
    bundled model's "../static_minilm"). Only a model of :data:`FORMAT` is applied: one of an older
    format, or trained with other rule, cue or context features, is refused with a ModelError.
    """

    def __init__(
        self, payload: Mapping[str, Any], *, source: str = "model.json", folder: Path | None = None
    ) -> None:
        fmt = payload.get("format")
        if fmt != FORMAT:
            raise ModelError(
                f"extract.polarity_model: {source} has format {fmt!r}; "
                f"expected {FORMAT!r} (retrain with scripts/train_extract_polarity.py)."
            )
        for key, expected in (
            ("rule_features", RULE_FEATURES),
            ("cue_features", CUE_FEATURES),
            ("context_features", CONTEXT_FEATURES),
        ):
            if tuple(payload.get(key, ())) != expected:
                raise ModelError(
                    f"extract.polarity_model: {source} was trained with other {key.replace('_', ' ')}; "
                    "retrain with scripts/train_extract_polarity.py."
                )
        try:
            self.classes: list[str] = list(payload["classes"])
            self.vocabulary: dict[str, int] = {term: i for i, term in enumerate(payload["vocabulary"])}
            self.idf = np.asarray(payload["idf"], dtype=np.float64)
            self.coef = np.asarray(payload["coef"], dtype=np.float64)  # (classes, features)
            self.intercept = np.asarray(payload["intercept"], dtype=np.float64)
            self.embedding: dict[str, Any] = dict(payload["embedding"])
            self.embedding_weight = float(self.embedding["weight"])
            self.embedding_dim = int(self.embedding["dim"])
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(f"extract.polarity_model: {source} is incomplete ({exc!r}).") from None
        n_terms = len(self.vocabulary)
        if self.idf.shape != (n_terms,) or self.coef.ndim != 2 or self.coef.shape[0] != len(self.classes):
            raise ModelError(f"extract.polarity_model: {source} has inconsistent array shapes.")
        self.n_terms = n_terms
        self.n_extra = len(RULE_FEATURES) + len(CUE_FEATURES) + len(CONTEXT_FEATURES)
        # the span's embedding, then its sentence's
        if self.coef.shape[1] != n_terms + self.n_extra + 2 * self.embedding_dim:
            raise ModelError(f"extract.polarity_model: {source} has inconsistent array shapes.")
        self.folder = folder
        self._backend: Any = None

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Static sentence embeddings of ``texts`` (no columns for a model without an embedding)."""
        if self.embedding_dim == 0:
            return np.zeros((len(texts), 0))
        if self._backend is None:
            self._backend = _load_static(self.embedding, self.folder)
        vectors = np.asarray(self._backend.encode(list(texts)), dtype=np.float64)
        if vectors.shape[1] != self.embedding_dim:
            raise ModelError(
                f"extract.polarity_model: the embedding model gives {vectors.shape[1]} dimensions; "
                f"the polarity model was trained on {self.embedding_dim}."
            )
        return vectors

    @classmethod
    def load(cls, folder: Path) -> PolarityModel:
        payload, source = read_model_json(
            folder,
            setting="polarity_model",
            hint="give a folder made by scripts/train_extract_polarity.py, 'bundled', or null for the rules' "
            "polarity only.",
        )
        return cls(payload, source=source, folder=Path(folder))

    def term_vector(self, text: str) -> dict[int, float]:
        """Sparse L2-normalised TF-IDF weights of ``text`` over the vocabulary."""
        counts = Counter(i for g in ngrams(text) if (i := self.vocabulary.get(g)) is not None)
        weights = {i: (1.0 + math.log(c)) * self.idf[i] for i, c in counts.items()}
        norm = math.sqrt(sum(w * w for w in weights.values()))
        return {i: w / norm for i, w in weights.items()} if norm > 0 else {}

    @staticmethod
    def extra_features(text: str, rule: Sequence[float], context: Sequence[float]) -> list[float]:
        """The rule features ``rule`` (:func:`rule_features`), the text's cue features
        (:func:`cue_features`) and the context features ``context`` (:func:`span_context`)."""
        return [*rule, *cue_features(text), *context]

    def decision(
        self,
        text: str,
        extra: Sequence[float],
        vector: np.ndarray | None = None,
        sentence_vector: np.ndarray | None = None,
        *,
        sentence: str | None = None,
    ) -> np.ndarray:
        """One score per class (before the softmax). ``extra`` is :meth:`extra_features`;
        ``vector`` and ``sentence_vector`` are the embeddings of the text and of its sentence
        (computed here when not given; the sentence is ``sentence``, else the text itself)."""
        scores = self.intercept.copy()
        for i, w in self.term_vector(text).items():
            scores += self.coef[:, i] * w
        n_rule = self.n_terms + self.n_extra
        scores += self.coef[:, self.n_terms : n_rule] @ np.asarray(extra, dtype=np.float64)
        if self.embedding_dim:
            if vector is None or sentence_vector is None:
                vector, sentence_vector = self.embed([text, sentence if sentence is not None else text])
            dim = self.embedding_dim
            both = np.concatenate([np.asarray(vector, np.float64), np.asarray(sentence_vector, np.float64)])
            scores += self.coef[:, n_rule : n_rule + 2 * dim] @ (both * self.embedding_weight)
        return scores

    def predict(
        self,
        text: str,
        extra: Sequence[float],
        vector: np.ndarray | None = None,
        sentence_vector: np.ndarray | None = None,
        *,
        sentence: str | None = None,
    ) -> tuple[str, float]:
        """(most probable class, its probability)."""
        scores = self.decision(text, extra, vector, sentence_vector, sentence=sentence)
        p = np.exp(scores - scores.max())
        p /= p.sum()
        k = int(p.argmax())
        return self.classes[k], float(p[k])


def _load_static(spec: Mapping[str, Any], folder: Path | None) -> Any:
    """The static embedding model the polarity model names, its weights checked."""
    from ..score.encoder import file_sha256

    base = folder if folder is not None else bundled_model_dir()
    where = (base / str(spec["folder"])).resolve()
    if not (where / "model.safetensors").is_file():
        # (a model copied elsewhere: the bundled embedding model of that name)
        where = bundled_model_dir().parent / Path(str(spec["folder"])).name
    weights = where / "model.safetensors"
    if not weights.is_file():
        raise ModelError(
            f"extract.polarity_model: the embedding model {where} it was trained with is missing "
            "(no model.safetensors); set extract.polarity_model to null for the rules' polarity only."
        )
    digest = file_sha256(weights)
    if digest != spec["sha256"]:
        raise ModelError(
            f"extract.polarity_model: {weights} has SHA-256 {digest}; the polarity model was trained "
            f"with {spec['sha256']}."
        )
    from ..score.static import StaticBackend

    return StaticBackend(where)


class PolarityComponent:
    """Re-decides the polarity of self-description, reflection and title spans."""

    def __init__(self, nlp: Language, name: str, *, model: str) -> None:
        register_extensions()
        self.name = name
        folder = resolve_model_dir(model)
        if folder is None:
            raise ModelError("extract.polarity_model: the polarity component needs a model folder.")
        self.model = PolarityModel.load(folder)

    def __call__(self, doc: Doc) -> Doc:
        return next(iter(self.pipe([doc])))

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Relabel the spans of a batch of docs with one embedding call per batch (the spans and
        their sentences)."""
        for batch in minibatch(docs, size=batch_size):
            todo: list[tuple[Span, str, str]] = []
            for doc in batch:
                todo.extend(self._todo(doc))
            if todo:
                contexts = [span_context(span, type_) for span, type_, _ in todo]
                sentences = sorted({sentence for sentence, _ in contexts})
                row = {sentence: len(todo) + k for k, sentence in enumerate(sentences)}
                vectors = self.model.embed([text for _, _, text in todo] + sentences)
                for k, ((span, type_, text), (sentence, context)) in enumerate(
                    zip(todo, contexts, strict=True)
                ):
                    self.relabel(span, type_, text, context, vectors[k], vectors[row[sentence]])
            yield from batch

    def _todo(self, doc: Doc) -> list[tuple[Span, str, str]]:
        todo: list[tuple[Span, str, str]] = []
        seen: set[tuple[int, int]] = set()
        for group, type_ in GROUPS.items():
            for span in doc.spans.get(group, []):
                if span._.polarity_rule is not None or (span.start, span.end) in seen:
                    continue  # already decided (a span in two groups)
                text = span._.normalized or span_text(span)
                if reports_no_change(text):
                    continue  # "I'm no different", "neither better nor worse": the rules' no-change reading stands
                seen.add((span.start, span.end))
                todo.append((span, type_, text))
        return todo

    def relabel(
        self,
        span: Span,
        type_: str,
        text: str,
        context: Sequence[float],
        vector: np.ndarray,
        sentence_vector: np.ndarray,
    ) -> None:
        """Set the span's polarity to the model's call (``context``: :func:`span_context`'s features;
        the vectors: the embeddings of ``text`` and of the span's sentence)."""
        ext = span._
        rule = ext.polarity or "neutral"
        extra = self.model.extra_features(
            text, rule_features(rule, type_, negated=bool(ext.negated), hedged=bool(ext.hedged)), context
        )
        label, p = self.model.predict(text, extra, vector, sentence_vector)
        ext.polarity_rule = rule
        ext.polarity_p = round(p, 4)
        if label != rule:
            ext.polarity = label
            ext.evidence = (*tuple(ext.evidence or ()), EVIDENCE)


@Language.factory(
    "narrative_polarity_v1",
    assigns=["span._.polarity"],
    requires=["doc.spans"],
    default_config={"model": "bundled"},
)
def make_polarity(nlp: Language, name: str, model: str) -> PolarityComponent:
    return PolarityComponent(nlp, name, model=model)
