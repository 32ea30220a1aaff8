"""A learned filter over the rules' agency and self-description spans.

The rules find candidate spans; on note styles they were not written against some of those are
false (a clinician's plan read as the client's agency, a hypothetical, another person's words).
:class:`SpanFilterModel` is one logistic regression per statement type over cheap features of
each candidate (:func:`span_features`: the rule ids that fired, voice, the rules' polarity and
attributes, length, quotes, the span root's lemma, part of speech and dependency, its subject's
form, modal and negation, sentence cues such as a question mark, a conditional or a clinician's
action verb, the note's layout), trained on the gold development splits
(``scripts/train_span_filter.py``, ``models/span_filter/MODEL_CARD.md``). No embedding, no
extra parse: the features read the parse the extractors already made.

The model is stored as plain JSON (feature names, coefficients, intercept and threshold per
type, no pickle) with the SHA-256 of its own content, checked at load.

The ``narrative_span_filter_v1`` component runs after the extractors and before the polarity
model; it removes from ``doc.spans["agency"]`` and ``["self_descriptions"]`` each span whose
probability of being a true statement is below its type's threshold (a threshold of 0.0 leaves
the type unfiltered). Kept spans are not changed (their evidence included).
``extract.span_filter: null`` turns it off.
"""

from __future__ import annotations

import bisect
import hashlib
import json
import logging
import math
import re
from collections.abc import Mapping
from importlib import import_module
from pathlib import Path
from types import ModuleType
from typing import Any

from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ModelError
from .clauses import doc_text, sentence_bounds, span_text, token_table
from .data import MODELS_DIR, check_cues, load_cues, model_dir_setting, read_model_json
from .extensions import register_extensions

log = logging.getLogger(__name__)

FORMAT = "narrative-span-filter/1"
FEATURES = "narrative.span_features.v2"  # a change to span_features bumps it (and retrain)
GROUPS = {"agency": "agency", "self_descriptions": "self_description"}
OTHER_GROUPS = {**GROUPS, "indicators": "indicator", "chapter_titles": "chapter_title"}
SUBJECT_DEPS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
LENGTH_BINS = (3, 6, 10, 15, 25)  # tokens: 1-3, 4-6, 7-10, 11-15, 16-25, 26+
DOC_KEY = "narrative.span_filter.doc"
_SCORE_RE = re.compile(r"\d\s*/\s*\d|\d\s*%")  # "3/10", "SUDS 40%"


def bundled_model_dir() -> Path:
    """``models/span_filter`` beside the package."""
    return MODELS_DIR / "span_filter"


def resolve_model_dir(value: str | None) -> Path | None:
    """``extract.span_filter``: "bundled", a folder path, or None (the rules' spans unfiltered)."""
    return model_dir_setting(value, bundled_model_dir())


def load_filter_cues(lang: str = "en") -> ModuleType:
    """The validated cue words ``narrative.lang.<lang>.span_filter``."""
    try:
        module = import_module(f"narrative.lang.{lang}.span_filter")
    except ModuleNotFoundError:
        raise ModelError(f"extract.span_filter: no cue words for language {lang!r}.") from None
    check_cues(module)
    return module


def _subject_form(token: Any, cues: Any) -> str:
    low = token.lower_
    if low in ("i", "me"):
        return "i"
    if low in ("we", "you", "it", "this", "that"):
        return low
    if low in cues.CLIENT_SUBJECT_PRONOUNS:
        return "pron3"
    if low in cues.THERAPIST_NOUNS or low in cues.THERAPIST_LABELS:
        return "therapist"
    if low in cues.CLIENT_NOUNS or low in cues.CLIENT_LABELS:
        return "client"
    if token.pos_ == "PROPN":
        return "name"
    return "noun" if token.pos_ in ("NOUN", "PRON") else "other"


def _subject(root: Any) -> Any | None:
    """The subject of ``root``'s clause (through xcomp / conj / ccomp heads)."""
    node = root
    for _ in range(4):
        for child in node.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
        if node.dep_ in ("xcomp", "conj", "ccomp", "advcl") and node.head is not node:
            node = node.head
        else:
            return None
    return None


def _section(text: str, line_start: int, cues: Any) -> str:
    """The SOAP-style section whose label opens the line, or the last labelled line above."""
    pos = line_start
    for _ in range(40):  # look back at most 40 lines
        line_end = text.find("\n", pos)
        line = text[pos : line_end if line_end >= 0 else len(text)]
        head, sep, _rest = line.partition(":")
        label = head.strip().lstrip("".join(cues.BULLETS)).strip().lower()
        if sep and 0 < len(label) <= 24:
            for name, labels in (
                ("subjective", cues.SUBJECTIVE_LABELS),
                ("objective", cues.OBJECTIVE_LABELS),
                ("assessment", cues.ASSESSMENT_LABELS),
                ("plan", cues.PLAN_LABELS),
                ("client_turn", cues.CLIENT_LABELS),
                ("therapist_turn", cues.THERAPIST_LABELS),
            ):
                if label in labels:
                    return name
        if pos == 0:
            return "none"
        pos = text.rfind("\n", 0, pos - 1) + 1
    return "none"


def _doc_markers(doc: Doc, cues: Any) -> tuple[str, ...]:
    """Note-level style markers, computed once per doc."""
    cached = doc.user_data.get(DOC_KEY)
    if cached is not None:
        return cached
    text = doc_text(doc)
    lines = [ln.strip() for ln in text.splitlines() if ln.strip()]
    labels = [ln.partition(":")[0].strip().lower() for ln in lines if ":" in ln[:26]]
    marks = []
    if any(lb in cues.CLIENT_LABELS for lb in labels) and any(lb in cues.THERAPIST_LABELS for lb in labels):
        marks.append("doc:transcript")
    if sum(lb in cues.SUBJECTIVE_LABELS | cues.ASSESSMENT_LABELS | cues.PLAN_LABELS for lb in labels) >= 2:
        marks.append("doc:soap")
    if sum(ln[:1] in cues.BULLETS or ln[:2].rstrip(".)").isdigit() for ln in lines) >= 2:
        marks.append("doc:bullets")
    if any(ch in text for ch in cues.OPEN_QUOTES):
        marks.append("doc:curly_quotes")
    elif any(ch in text for ch in cues.STRAIGHT_QUOTES):
        marks.append("doc:straight_quotes")
    else:
        marks.append("doc:no_quotes")
    n = len(doc)
    marks.append("doc:short" if n < 40 else "doc:medium" if n < 150 else "doc:long")
    cached = tuple(marks)
    doc.user_data[DOC_KEY] = cached
    return cached


def _inside_quotes(text: str, start: int, end: int, cues: Any) -> bool:
    depth, straight = 0, False
    for ch in text[start:end]:
        if ch in cues.OPEN_QUOTES:
            depth += 1
        elif ch in cues.CLOSE_QUOTES:
            depth = max(depth - 1, 0)
        elif ch in cues.STRAIGHT_QUOTES:
            straight = not straight
    return depth > 0 or straight


def span_features(span: Span, type_: str, *, cues: Any) -> dict[str, float]:
    """The filter's features of one candidate span (names to values, most of them 1.0)."""
    doc = span.doc
    ext = span._
    text = doc_text(doc)
    f: dict[str, float] = {}
    rules = list(dict.fromkeys(ext.evidence or ()))
    for rule in rules:
        f[f"ev={rule}"] = 1.0
    f[f"ev_count={min(len(rules), 3)}"] = 1.0
    if len(rules) == 1:
        f[f"ev_only={rules[0]}"] = 1.0
    for group, other in OTHER_GROUPS.items():
        if other != type_ and any(
            o.start < span.end and span.start < o.end for o in doc.spans.get(group, [])
        ):
            f[f"overlaps={other}"] = 1.0
    f[f"voice={ext.voice}"] = 1.0
    f[f"pol={ext.polarity}"] = 1.0
    f[f"temporal={ext.temporal}"] = 1.0
    if ext.kind:
        f[f"kind={ext.kind}"] = 1.0
    if ext.label_kind:
        f[f"label={ext.label_kind}"] = 1.0
    if ext.negated:
        f["negated"] = 1.0
    if ext.hedged:
        f["hedged"] = 1.0
    n = span.end - span.start
    f[f"len<={next((b for b in LENGTH_BINS if n <= b), 'max')}"] = 1.0
    # sentence and line
    bounds = sentence_bounds(doc)
    k = max(bisect.bisect_right([b[0] for b in bounds], span.start) - 1, 0)
    s_start, s_end = bounds[k] if bounds else (0, len(doc))
    sent = doc[s_start:s_end]
    c0 = doc[s_start].idx if len(doc) else 0
    line_start = text.rfind("\n", 0, span.start_char) + 1
    if _inside_quotes(text, max(c0, line_start), span.start_char, cues):
        f["in_quotes"] = 1.0
    if span.start == s_start:
        f["starts_sentence"] = 1.0
    first_nl = text.find("\n")
    if first_nl >= 0 and span.start_char < first_nl and text[first_nl:].strip():
        # the first line of a note with more below: a header or provenance line ("Letter to my
        # younger self (written for the trauma group; typed up by client)", "Recording transcribed")
        f["line_first"] = 1.0
    before = text[line_start : span.start_char]
    if before.count("(") > before.count(")"):
        f["in_parens"] = 1.0  # an aside: "(client-completed, brought to session 5)"
    if _SCORE_RE.search(span_text(sent)):
        f["sent_score"] = 1.0  # a rating or measure in the sentence ("put herself at 3/10", "SUDS 40%")
    share = n / max(s_end - s_start, 1)
    f["sent_share<=.5" if share <= 0.5 else "sent_share>.5"] = 1.0
    table = token_table(doc)  # (the sentence's words from the table: no Token per word)
    lemmas = {lemma.lower() for lemma in table.lemma[s_start:s_end]}
    lowers = set(table.lower[s_start:s_end])
    if "?" in lowers:
        f["sent_question"] = 1.0
    if lowers & cues.CONDITIONAL_WORDS:
        f["sent_conditional"] = 1.0
    verbs = {
        table.lemma[j].lower()
        for j in range(s_start, s_end)
        if table.pos[j] == "VERB" and not (span.start <= j < span.end)
    }
    if verbs & cues.CLINICIAN_ACTION_LEMMAS:
        f["sent_clinician_action"] = 1.0
    first = doc[s_start]
    s_root = sent.root
    s_subj = _subject(s_root)
    if not (span.start <= s_root.i < span.end):
        f[f"sent_subj={_subject_form(s_subj, cues) if s_subj is not None else 'none'}"] = 1.0
        if s_root.lemma_.lower() in cues.REPORTING_VERBS:
            f["sent_root_reporting"] = 1.0
    if first.pos_ == "VERB" and first.lemma_.lower() in cues.CLINICIAN_ACTION_LEMMAS:
        f["sent_opens_clinician_action"] = 1.0
    if lemmas & {"plan", "goal", "homework"}:
        f["sent_plan_words"] = 1.0
    f[f"section={_section(text, line_start, cues)}"] = 1.0
    # the span's own parse
    root = span.root
    f[f"root_lemma={root.lemma_.lower()}"] = 1.0
    f[f"root_pos={root.pos_}"] = 1.0
    f[f"root_dep={root.dep_}"] = 1.0
    f[f"first_pos={span[0].pos_}"] = 1.0
    subj = _subject(root)
    f[f"subj={_subject_form(subj, cues) if subj is not None else 'none'}"] = 1.0
    if subj is not None and not (span.start <= subj.i < span.end):
        f["subj_outside"] = 1.0
    modals = [t.lemma_.lower() for t in span if t.tag_ == "MD"]
    f[f"modal={modals[0] if modals else 'none'}"] = 1.0
    if any(t.dep_ == "neg" for t in span):
        f["neg_dep"] = 1.0
    if any(t.lower_ in ("i", "me", "my", "myself") for t in span):
        f["first_person"] = 1.0
    for mark in _doc_markers(doc, cues):
        f[mark] = 1.0
    return f


class _TypeModel:
    def __init__(self, spec: Mapping[str, Any], *, source: str, type_: str) -> None:
        names = list(spec["features"])
        coef = [float(x) for x in spec["coef"]]
        if len(names) != len(coef):
            raise ModelError(f"extract.span_filter: {source} has inconsistent array shapes ({type_}).")
        self.weights = dict(zip(names, coef, strict=True))
        self.intercept = float(spec["intercept"])
        self.threshold = float(spec["threshold"])
        if not 0.0 <= self.threshold < 1.0:
            raise ModelError(f"extract.span_filter: {source} has threshold {self.threshold} for {type_}.")

    def probability(self, features: Mapping[str, float]) -> float:
        z = self.intercept + sum(self.weights.get(k, 0.0) * v for k, v in features.items())
        return 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0


def payload_sha256(payload: Mapping[str, Any]) -> str:
    """SHA-256 of the payload's content without its ``sha256`` field (canonical JSON)."""
    body = {k: v for k, v in payload.items() if k != "sha256"}
    return hashlib.sha256(json.dumps(body, sort_keys=True, separators=(",", ":")).encode()).hexdigest()


class SpanFilterModel:
    """The trained filter read from ``model.json`` (see the module docstring)."""

    def __init__(self, payload: Mapping[str, Any], *, source: str = "model.json") -> None:
        fmt = payload.get("format")
        if fmt != FORMAT:
            raise ModelError(
                f"extract.span_filter: {source} has format {fmt!r}; expected {FORMAT!r} "
                "(retrain with scripts/train_span_filter.py)."
            )
        if payload.get("features") != FEATURES:
            raise ModelError(
                f"extract.span_filter: {source} was trained on features {payload.get('features')!r}; "
                f"this version computes {FEATURES!r} (retrain with scripts/train_span_filter.py)."
            )
        digest = payload_sha256(payload)
        if digest != payload.get("sha256"):
            raise ModelError(
                f"extract.span_filter: {source} has content SHA-256 {digest}; the file records "
                f"{payload.get('sha256')!r} (the file was changed after training; retrain)."
            )
        types = payload.get("types") or {}
        if set(types) != set(GROUPS.values()):
            raise ModelError(
                f"extract.span_filter: {source} has types {sorted(types)}; expected {sorted(GROUPS.values())}."
            )
        self.types = {t: _TypeModel(spec, source=source, type_=t) for t, spec in types.items()}

    @classmethod
    def load(cls, folder: Path) -> SpanFilterModel:
        payload, source = read_model_json(
            folder,
            setting="span_filter",
            hint="give a folder made by scripts/train_span_filter.py, 'bundled', or null to keep every rule span.",
        )
        return cls(payload, source=source)

    def probability(self, type_: str, features: Mapping[str, float]) -> float:
        return self.types[type_].probability(features)

    def keep(self, type_: str, features: Mapping[str, float]) -> bool:
        model = self.types[type_]
        return model.probability(features) >= model.threshold


class SpanFilterComponent:
    """Drops agency and self-description spans the model rates below its threshold."""

    def __init__(self, nlp: Language, name: str, *, model: str, lang: str = "en") -> None:
        register_extensions()
        self.name = name
        folder = resolve_model_dir(model)
        if folder is None:
            raise ModelError("extract.span_filter: the span filter component needs a model folder.")
        self.model = SpanFilterModel.load(folder)
        self.cues = filter_cues(lang)

    def __call__(self, doc: Doc) -> Doc:
        dropped = 0
        for group, type_ in GROUPS.items():
            spans = list(doc.spans.get(group, []))
            if not spans or self.model.types[type_].threshold <= 0.0:
                continue  # (threshold 0.0: the type is not filtered)
            kept = [s for s in spans if self.model.keep(type_, span_features(s, type_, cues=self.cues))]
            if len(kept) != len(spans):
                dropped += len(spans) - len(kept)
                doc.spans[group] = kept
        if dropped:
            log.debug("span filter dropped %d span(s)", dropped)
        return doc


class _Cues:
    """The extractors' cue words and the filter's own, read as one namespace."""

    def __init__(self, *modules: ModuleType) -> None:
        for module in modules:
            for name in dir(module):
                if name.isupper():
                    setattr(self, name, getattr(module, name))


def filter_cues(lang: str = "en") -> Any:
    """The cue namespace :func:`span_features` reads: the extractors' cue words and the filter's own."""
    return _Cues(load_cues(lang), load_filter_cues(lang))


@Language.factory(
    "narrative_span_filter_v1",
    assigns=["doc.spans"],
    requires=["doc.spans"],
    default_config={"model": "bundled", "lang": "en"},
)
def make_span_filter(nlp: Language, name: str, model: str, lang: str) -> SpanFilterComponent:
    return SpanFilterComponent(nlp, name, model=model, lang=lang)
