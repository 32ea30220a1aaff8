"""Build the extraction pipeline and turn its span groups into Statement records."""

from __future__ import annotations

import bisect
import contextlib
import dataclasses
import hashlib
import logging
from collections.abc import Iterable, Iterator, Mapping, Sequence
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from spacy.language import Language
from spacy.tokens import Doc, Span

from ..errors import ConfigError, ModelError, extract_config_msg, extract_model_missing_msg
from ..types import Note, Statement
from . import components, polarity, segment, span_filter, straighten  # noqa: F401 - registers the factories
from .clauses import doc_text, sentence_bounds, span_text, token_table
from .data import load_cues
from .extensions import register_extensions, span_values
from .voice import author_is_client

log = logging.getLogger(__name__)

COMPONENTS = {
    "self_descriptions": "narrative_self_descriptions_v1",
    "agency": "narrative_agency_v1",
    "chapter_titles": "narrative_chapter_titles_v1",
    "indicators": "narrative_indicators_v1",
}
GROUP_TYPES = {
    "self_descriptions": "self_description",
    "agency": "agency",
    "chapter_titles": "chapter_title",
    "indicators": "indicator",
}


class ExtractConfig(BaseModel):
    """The ``extract`` section of the configuration."""

    model_config = ConfigDict(extra="forbid")

    lang: str = "en"
    components: list[str] = Field(default_factory=lambda: list(COMPONENTS))
    exclude: list[str] = Field(default_factory=lambda: ["ner"])
    # Loaded but not run by nlp.pipe: the engine runs them itself where needed (spaCy's NER on
    # the sentences that hold statements, for de-identification; see narrative.engine.context).
    disable: list[str] = Field(default_factory=list)
    batch_size: int = Field(default=64, ge=1)
    reflections: bool = True
    fold_quotes: bool = True
    segment_lines: bool = True
    polarity_model: str | None = "bundled"
    span_filter: str | None = "bundled"


def extract_config(config: Mapping[str, Any] | None) -> ExtractConfig:
    section = dict((config or {}).get("extract") or {})
    try:
        cfg = ExtractConfig.model_validate(section)
    except ValidationError as exc:
        first = exc.errors()[0]
        key = ".".join(str(p) for p in first["loc"]) or "extract"
        raise ConfigError(extract_config_msg(key, first.get("input"), first["msg"])) from None
    unknown = [c for c in cfg.components if c not in COMPONENTS]
    if unknown:
        raise ConfigError(extract_config_msg("components", unknown, f"some of {sorted(COMPONENTS)}"))
    return cfg


def load_spacy_model(name: str, *, exclude: Sequence[str] = ()) -> Language:
    """The bare spaCy pipeline ``name`` (``en_core_web_sm`` falls back to the bundled package)."""
    return _load_spacy(name, list(exclude))


def _load_spacy(name: str, exclude: list[str], disable: Sequence[str] = ()) -> Language:
    from .._imports import load_spacy_package

    nlp = load_spacy_package(name, exclude=exclude, disable=disable)
    if nlp is None:
        raise ModelError(extract_model_missing_msg(name))
    return nlp


def load_pipeline(config: Mapping[str, Any] | None = None, *, nlp: Language | None = None) -> Language:
    """The spaCy pipeline with the narrative components added.

    Args:
        config: the full configuration (``models.spacy_model`` and the ``extract`` section);
            defaults apply when None.
        nlp: an already loaded pipeline to add the components to (it must parse).
    """
    cfg = extract_config(config)
    register_extensions()
    if nlp is None:
        model = str(((config or {}).get("models") or {}).get("spacy_model") or "en_core_web_sm")
        nlp = _load_spacy(model, cfg.exclude, cfg.disable)
    wanted = [c for c in COMPONENTS if c in cfg.components]
    if wanted:
        add_shorthand_cases(nlp, lang=cfg.lang)
    if wanted and cfg.fold_quotes and "narrative_unfold" not in nlp.pipe_names:
        straighten.install(nlp)
        nlp.add_pipe("narrative_unfold_v1", name="narrative_unfold")
    if (
        wanted
        and cfg.segment_lines
        and "parser" in nlp.pipe_names
        and "narrative_segments" not in nlp.pipe_names
    ):
        nlp.add_pipe("narrative_segments_v1", name="narrative_segments", before="parser")
    if wanted and "narrative_voice" not in nlp.pipe_names:
        nlp.add_pipe("narrative_voice_v1", name="narrative_voice", config={"lang": cfg.lang})
    order = ["chapter_titles", "self_descriptions", "agency", "indicators"]
    for key in order:
        if key in wanted and f"narrative_{key}" not in nlp.pipe_names:
            extra = {"reflections": cfg.reflections} if key == "chapter_titles" else {}
            nlp.add_pipe(COMPONENTS[key], name=f"narrative_{key}", config={"lang": cfg.lang, **extra})
    if (
        span_filter.resolve_model_dir(cfg.span_filter) is not None
        and {"agency", "self_descriptions"} & set(wanted)
        and "narrative_span_filter" not in nlp.pipe_names
    ):
        nlp.add_pipe(
            "narrative_span_filter_v1",
            name="narrative_span_filter",
            config={"model": str(cfg.span_filter), "lang": cfg.lang},
        )
    if (
        polarity.resolve_model_dir(cfg.polarity_model) is not None
        and {"self_descriptions", "chapter_titles"} & set(wanted)
        and "narrative_polarity" not in nlp.pipe_names
    ):
        nlp.add_pipe(
            "narrative_polarity_v1", name="narrative_polarity", config={"model": str(cfg.polarity_model)}
        )
    return nlp


def add_shorthand_cases(nlp: Language, *, lang: str = "en") -> None:
    """Keep clinical shorthand such as "c/o", "w/o" or a subject "Cl." one token (cue lists
    ``SHORTHAND_TOKENS``, ``SHORTHAND_SUBJECTS``), and split dialect negative auxiliaries such as
    "cannae" like "can't" (``DIALECT_NEGATIONS``); give texted and regional words such as "lowkey"
    or the Caribbean "mi" a standard NORM (``SPOKEN_NORMS``)."""
    from spacy.symbols import NORM, ORTH

    cues = load_cues(lang)
    for form in getattr(cues, "SHORTHAND_TOKENS", ()):
        for variant in {form, form.upper(), form.capitalize()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant}])
    for form in getattr(cues, "SHORTHAND_SUBJECTS", ()):
        nlp.tokenizer.add_special_case(form.capitalize(), [{ORTH: form.capitalize()}])
    for word, (aux, norm, neg) in getattr(cues, "DIALECT_NEGATIONS", {}).items():
        for variant, head in ((word, aux), (word.capitalize(), aux.capitalize())):
            nlp.tokenizer.add_special_case(variant, [{ORTH: head, NORM: norm}, {ORTH: neg, NORM: "not"}])
    # spoken and texted words read under a standard NORM ("lowkey", "mi": ``SPOKEN_NORMS``)
    for word, norm in getattr(cues, "SPOKEN_NORMS", {}).items():
        for variant in {word, word.capitalize()}:
            nlp.tokenizer.add_special_case(variant, [{ORTH: variant, NORM: norm}])


def rebase_statement(statement: Statement, *, note_id: str, offset: int) -> Statement:
    """A statement found in a segment of a long note, moved to the whole note's offsets."""
    start, end = statement.start + offset, statement.end + offset
    return dataclasses.replace(
        statement,
        note_id=note_id,
        start=start,
        end=end,
        statement_id=_statement_id(note_id, statement.type, start, end),
    )


def _statement_id(note_id: str, type_: str, start: int, end: int) -> str:
    digest = hashlib.sha1(f"{note_id}|{type_}|{start}|{end}".encode()).hexdigest()[:12]
    return f"S-{digest}"


def _sentence_texts(span: Span) -> tuple[str, str]:
    """(sentence, previous sentence) texts around ``span``."""
    doc = span.doc
    bounds = sentence_bounds(doc)
    starts = [b[0] for b in bounds]
    k = max(bisect.bisect_right(starts, span.start) - 1, 0)
    text = doc_text(doc)  # cached; slicing it is much cheaper than joining a Span's tokens
    table = token_table(doc)

    def chars(a: int, b: int) -> str:
        return text[table.idx[a] : table.end_char(b - 1)].strip()

    a, b = bounds[k]
    sentence = chars(a, b)
    previous = chars(*bounds[k - 1]) if k > 0 else ""
    return sentence, previous


def _span_statement(span: Span, type_: str, note: Note, extra: Mapping[str, Any] | None = None) -> Statement:
    attrs: dict[str, Any] = {}
    ext = span_values(span)
    if type_ in ("self_description", "agency"):
        attrs["temporal"] = ext["temporal"]
        if ext["negated"]:
            attrs["negated"] = True
        if ext["hedged"]:
            attrs["hedged"] = True
    if type_ == "self_description" and ext["label_kind"]:
        attrs["label_kind"] = ext["label_kind"]
    if type_ == "agency":
        attrs["agency_kind"] = ext["kind"]
        attrs["cues"] = list(ext["cues"])
    if type_ == "indicator":
        attrs["domain"] = ext["domain"]
        attrs["progress"] = ext["progress"]
    if type_ == "chapter_title":
        attrs["kind"] = "title"
    if ext["polarity_rule"] is not None:
        attrs["polarity_rule"] = ext["polarity_rule"]
        attrs["polarity_p"] = ext["polarity_p"]
    attrs["sentence"], attrs["previous"] = _sentence_texts(span)
    if extra:
        attrs.update(extra)
    start, end = span.start_char, span.end_char
    text = span_text(span)
    return Statement(
        statement_id=_statement_id(note.note_id, type_, start, end),
        note_id=note.note_id,
        client_id=note.client_id,
        type=type_,
        text=text,
        start=start,
        end=end,
        voice=ext["voice"] or "clinician",
        polarity=ext["polarity"] or "neutral",
        evidence=tuple(ext["evidence"] or ()),
        normalized=ext["normalized"] or text,
        session=note.session,
        date=note.date,
        attrs=attrs,
    )


def statements_from_doc(doc: Doc, note: Note) -> list[Statement]:
    """Statements of one parsed note, in text order; offsets index ``note.text``."""
    register_extensions()
    out: list[Statement] = []
    for group, type_ in GROUP_TYPES.items():
        for span in doc.spans.get(group, []):
            out.append(_span_statement(span, type_, note))
    reflections = doc.spans.get("reflections", [])
    if reflections:
        claims = [s for g in ("self_descriptions", "agency") for s in doc.spans.get(g, [])]
        for span in reflections:
            inside = [s for s in claims if s.start >= span.start and s.end <= span.end]
            if inside:
                for i, st in enumerate(out):
                    if any(st.start == s.start_char and st.end == s.end_char for s in inside):
                        out[i] = Statement.from_dict(
                            {**st.to_dict(), "attrs": {**st.attrs, "reflection": True}}
                        )
            else:
                out.append(
                    _span_statement(
                        span, "self_description", note, {"kind": "reflection", "temporal": "contrast"}
                    )
                )
    out.sort(key=lambda s: (s.start, s.end, s.type))
    return out


SPEAKERS = ("author", "note")


def extract_texts(
    nlp: Language, rows: Iterable[tuple[str, str]], *, batch_size: int = 64, speaker: str = "note"
) -> Iterator[Statement]:
    """Statements of ``(note_id, text)`` rows, streamed in row order.

    Args:
        speaker: ``"note"``: texts are clinical notes (unquoted text is the
            clinician's narration; the client speaks in quotes and reported speech).
            ``"author"``: each text is the client's own words (utterances, diaries,
            interviews): unquoted first person is the client, voice "quoted".

    ``client_id`` of the statements is empty; callers with :class:`Note` records use
    :func:`statements_from_doc` (or pass ``note_id`` values they can join back).
    """
    if speaker not in SPEAKERS:
        raise ValueError(f"speaker: invalid value {speaker!r}; expected one of {', '.join(SPEAKERS)}.")

    def gen() -> Iterator[tuple[str, str]]:
        for note_id, text in rows:
            yield (text or ""), note_id

    scope = author_is_client() if speaker == "author" else contextlib.nullcontext()
    with scope:
        for doc, note_id in nlp.pipe(gen(), as_tuples=True, batch_size=batch_size):
            note = Note(note_id=str(note_id), client_id="", text=doc_text(doc))
            yield from statements_from_doc(doc, note)


def extract_notes(nlp: Language, notes: Iterable[Note], *, batch_size: int = 64) -> Iterator[Statement]:
    """Statements of :class:`Note` records (client, session and date filled in)."""
    for doc, note in nlp.pipe(((n.text or "", n) for n in notes), as_tuples=True, batch_size=batch_size):
        yield from statements_from_doc(doc, note)
