"""The per-partition function: notes in, de-identified statements and scores out.

``process_chunk`` is the one unit of work that every engine runs (in-process,
in a local process pool, or on Dask workers). It parses each note once,
extracts statements, scores them in one batch and de-identifies every text
field that leaves the function. It returns plain dicts so results cross
process boundaries and go into the cache unchanged.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from ..errors import ConfigError
from ..types import Note, ScoredStatement, Statement, table_row
from .context import WorkerContext, get_context

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

# attrs that carry raw context text: used for scoring, never written out.
_RAW_CONTEXT_ATTRS = ("sentence", "previous")
# attrs copied into each score's evidence, so later stages see them beside the scores.
_EVIDENCE_ATTRS = ("domain", "progress", "label_kind", "negated", "hedged", "temporal", "kind", "agency_kind")


# Scores are rounded for compact, readable tables.
SCORE_DECIMALS = 6  # well above the models' precision; keeps tables compact


def _rounded(value: Any) -> Any:
    if isinstance(value, float):
        return round(value, SCORE_DECIMALS) + 0.0
    if isinstance(value, dict):
        return {k: _rounded(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_rounded(v) for v in value)
    return value


def process_chunk(
    notes: Sequence[Mapping[str, Any]], config: Mapping[str, Any], key: bytes = b""
) -> list[dict[str, Any]]:
    """Process a chunk of notes (as ``Note.to_dict()`` dicts) in this process.

    Returns one dict per note, in input order::

        {"note_id": str, "n_statements": int,
         "statements": [table_row(Statement.to_dict()), ...],
         "scores": [table_row(ScoredStatement.to_dict()), ...],
         "title_vectors": [{"text": de-identified title, "vector": [float, ...]}, ...]}

    (table rows: nested values as JSON strings, ready to write; ``from_dict`` reads them back).
    """
    ctx = get_context(config, key)
    return process_notes([Note.from_dict(n) for n in notes], ctx)


# Notes longer than this are parsed in segments (split at a paragraph or sentence
# end), so that a 10 MB note neither exceeds spaCy's max_length nor its memory.
SEGMENT_CHARS = 100_000


_BREAK = re.compile(r"\n|[.!?][\"'”’)\]]*\s")


def segments(text: str, max_chars: int = SEGMENT_CHARS) -> list[tuple[int, str]]:
    """(offset, segment) pieces of ``text``, each at most ``max_chars`` long.

    Cuts at the last line break or sentence end (closing quotes included) in the
    second half of each window; a window without one is cut hard.
    """
    if len(text) <= max_chars:
        return [(0, text)]
    out = []
    start = 0
    while start < len(text):
        end = min(len(text), start + max_chars)
        if end < len(text):
            breaks = [m.end() for m in _BREAK.finditer(text, start + max_chars // 2, end)]
            if breaks:
                end = breaks[-1]
        out.append((start, text[start:end]))
        start = end
    return out


STATEMENT_CONTEXTS = ("none", "previous_sentence")


def statement_context(config: Mapping[str, Any]) -> str:
    """``engine.statement_context``: what the talk-type model gets as a statement's previous turn."""
    value = str((config.get("engine") or {}).get("statement_context", "none"))
    if value not in STATEMENT_CONTEXTS:
        raise ConfigError(
            f"engine.statement_context: invalid value {value!r}; expected one of {', '.join(STATEMENT_CONTEXTS)}."
        )
    return value


def _without_context(statement: Statement) -> Statement:
    if "previous" not in statement.attrs:
        return statement
    return dataclasses.replace(statement, attrs={k: v for k, v in statement.attrs.items() if k != "previous"})


# Sentences read before each statement's sentence, as context for the NER and the
# de-identifier's context words ("Member ID: ... Verified."; a name at a sentence start).
WINDOW_CONTEXT_SENTENCES = 1


def statement_windows(
    doc: Doc, spans: Sequence[tuple[int, int]], *, context: int = WINDOW_CONTEXT_SENTENCES
) -> list[Span]:
    """The sentences of ``doc`` that overlap the character ``spans``, each with ``context``
    sentences before it, adjacent ones joined: the parts of a note that de-identification
    reads (no other text of it is written out). A next sentence that starts in lower case or
    with a digit joins too (a split inside a sentence: "turned 100 on may. 16, 2022", where
    the date must be read whole). The whole doc when a span is not covered by them (it never
    is; a safeguard)."""
    from ..extract.clauses import sentence_bounds, token_table

    table = token_table(doc)
    idx, words = table.idx, table.text

    def end_char(e: int) -> int:  # where the token before ``e`` ends
        return table.end_char(e - 1)

    sents = sentence_bounds(doc)
    out: list[tuple[int, int]] = []
    for k, (s, e) in enumerate(sents):
        start, end = idx[s], end_char(e)
        if any(a < end and b > start for a, b in spans):
            s = sents[max(0, k - context)][0]
            if k + 1 < len(sents) and (words[e][:1].islower() or words[e][:1].isdigit()):
                e = sents[k + 1][1]
            if out and out[-1][1] >= s:
                out[-1] = (out[-1][0], max(out[-1][1], e))
            else:
                out.append((s, e))
    bounds = [(idx[s], end_char(e)) for s, e in out]
    if not all(any(a <= s and e <= b for a, b in bounds) for s, e in spans):
        return [doc[:]]
    return [doc[s:e] for s, e in out]


def _window_docs(doc: Doc, windows: list[Span]) -> list[tuple[int, Doc]]:
    """(character offset, ``Span.as_doc()``) of each window, reading the doc's arrays once."""
    head = doc._get_array_attrs()
    array = doc.to_array(head)
    return [(w.start_char, w.as_doc(array_head=head, array=array)) for w in windows]


def process_notes(notes: Sequence[Note], ctx: WorkerContext) -> list[dict[str, Any]]:
    """Parse, extract, score and de-identify ``notes`` with the models in ``ctx``.

    De-identification reads only the sentences that hold statements: when the pipeline
    holds spaCy's NER disabled (see :mod:`narrative.engine.context`), the NER runs here on
    those sentences, in one batch for the chunk.
    """
    from ..extract import rebase_statement, statements_from_doc
    from ..extract.clauses import doc_text

    nlp = ctx.nlp
    privacy = ctx.privacy
    batch_size = int(ctx.config.get("engine", {}).get("spacy_batch_size", 64))
    per_note: list[tuple[Note, list[Statement]]] = [(n, []) for n in notes]
    safe_texts: dict[str, tuple[str, str]] = {}
    masks = privacy.masks_text
    # (note index, offset of the part, part, its statements, its windows as (offset, Doc))
    found: list[tuple[int, int, Note, list[Statement], list[tuple[int, Doc]]]] = []
    pieces = ((seg, (i, off)) for i, n in enumerate(notes) for off, seg in segments(n.text))
    for doc, (i, offset) in nlp.pipe(pieces, as_tuples=True, batch_size=batch_size):
        note = notes[i]
        part = (
            note
            if offset == 0 and len(doc_text(doc)) == len(note.text)
            else dataclasses.replace(note, text=doc_text(doc))
        )
        statements = statements_from_doc(doc, part)
        if not statements:
            continue
        windows = (
            _window_docs(doc, statement_windows(doc, [(s.start, s.end) for s in statements])) if masks else []
        )
        found.append((i, offset, part, statements, windows))

    ner = nlp.get_pipe("ner") if masks and "ner" in nlp.disabled else None
    if ner is not None:
        flat = [w for *_, windows in found for _, w in windows]
        done = iter(ner.pipe(flat, batch_size=batch_size))
        found = [(i, o, p, st, [(off, next(done)) for off, _ in ws]) for i, o, p, st, ws in found]

    for i, offset, part, statements, windows in found:
        note = notes[i]
        spans = [(s.start, s.end) for s in statements]
        derived = [s.normalized if s.normalized and s.normalized != s.text else None for s in statements]
        safe = privacy.spans_with_derived(
            part.text, spans, derived, client_id=note.client_id, windows=windows if masks else None
        )
        if part is not note:
            statements = [rebase_statement(s, note_id=note.note_id, offset=offset) for s in statements]
        for s, (safe_text, safe_norm) in zip(statements, safe, strict=True):
            safe_texts[s.statement_id] = (safe_text, safe_norm or safe_text)
        per_note[i][1].extend(statements)

    all_statements = [s for _, stmts in per_note for s in stmts]
    if statement_context(ctx.config) == "none":
        to_score = [_without_context(s) for s in all_statements]
    else:
        to_score = all_statements
    # Embeddings depend (in the last float bits) on which texts share a batch, so each
    # chunk is encoded on its own: a chunk gives the same scores whichever engine,
    # worker or earlier chunk came before it.
    encoder = getattr(ctx.scorer, "encoder_", None)
    if encoder is not None and hasattr(encoder, "clear_cache"):
        encoder.clear_cache()
    scored = ctx.scorer.score(to_score) if to_score else []
    scored_by_id = {s.statement_id: s for s in scored}
    # Chapter titles are embedded here, each on its own, for the trajectory stage's title drift:
    # the main process then needs no embedding model of its own.
    title_ids = [s.statement_id for s in all_statements if s.type == "chapter_title"]
    title_vectors: dict[str, list[float]] = {}
    if title_ids and encoder is not None and hasattr(encoder, "encode_each"):
        vectors = encoder.encode_each([safe_texts[sid][0] for sid in title_ids])
        title_vectors = {sid: [float(x) for x in v] for sid, v in zip(title_ids, vectors, strict=True)}

    results: list[dict[str, Any]] = []
    for note, statements in per_note:
        out_statements = []
        out_scores = []
        for s in statements:
            safe, safe_norm = safe_texts[s.statement_id]
            attrs = {k: v for k, v in dict(s.attrs).items() if k not in _RAW_CONTEXT_ATTRS}
            out_statements.append(
                table_row(dataclasses.replace(s, text=safe, normalized=safe_norm, attrs=attrs).to_dict())
            )
            sc: ScoredStatement | None = scored_by_id.get(s.statement_id)
            if sc is not None:
                evidence = dict(sc.evidence)
                evidence["attrs"] = {k: attrs[k] for k in _EVIDENCE_ATTRS if k in attrs}
                out_scores.append(
                    table_row(_rounded(dataclasses.replace(sc, text=safe, evidence=evidence).to_dict()))
                )
        results.append(
            {
                "note_id": note.note_id,
                "n_statements": len(statements),
                "statements": out_statements,
                "scores": out_scores,
                "title_vectors": [
                    {"text": safe_texts[s.statement_id][0], "vector": title_vectors[s.statement_id]}
                    for s in statements
                    if s.statement_id in title_vectors
                ],
            }
        )
    return results
