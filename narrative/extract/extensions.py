"""Every ``._`` extension that narrative.extract sets, registered in one place.

Span extensions (on spans of ``doc.spans["self_descriptions"]``, ``["agency"]``,
``["chapter_titles"]``, ``["indicators"]`` and ``["reflections"]``):

==============  =====================================================================
``voice``       quoted / reported / clinician
``polarity``    agentic / non_agentic / mixed (agency); positive / negative / neutral
``evidence``    tuple of rule and pattern ids that fired
``normalized``  the client's-first-person reading ("I am a failure")
``negated``     a negator scopes over the claim
``hedged``      a hedge ("I guess", "maybe", "part of me") frames the claim
``temporal``    past / present / future / contrast
``label_kind``  identity_first / person_first / None
``cues``        the cue words that fired (agency)
``kind``        agency_kind (volition, ability, ...), or "title" / "reflection"
``domain``      indicator domain (mood, relationships, ...)
``progress``    indicator status (progress / no_change / setback)
``polarity_rule``  the rules' polarity before the learned polarity model
                (self-descriptions, reflections, titles; None without the model)
``polarity_p``  the learned model's probability of the polarity it chose
==============  =====================================================================

spaCy stores span extension values by (name, start_char, end_char), so two spans
with identical offsets in different groups share values; the extractors never
emit two statements of different types over identical offsets: indicator spans
are whole rating lines ("Coping: progress, three walks"), and the indicator
component cuts a clause span that runs through a line's "Domain: status" prefix
to the content after it (or drops it) before it sets the indicator's values, and an
indicator over exactly another statement's offsets (a continuation line that is also an
agency span) loses its closing punctuation (or, failing that, is not emitted).

Doc extension ``narrative_units`` holds the clause analysis that the voice
component computes for the self-description and agency components.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

SPAN_EXTENSIONS: dict[str, object] = {
    "voice": None,
    "polarity": None,
    "evidence": (),
    "normalized": None,
    "negated": False,
    "hedged": False,
    "temporal": None,
    "label_kind": None,
    "cues": (),
    "kind": None,
    "domain": None,
    "progress": None,
    "polarity_rule": None,
    "polarity_p": None,
}
DOC_EXTENSIONS: dict[str, object] = {"narrative_units": None}


def register_extensions(*, force: bool = False) -> None:
    """Register the span and doc extensions (idempotent)."""
    for name, default in SPAN_EXTENSIONS.items():
        if force or not Span.has_extension(name):
            Span.set_extension(name, default=default, force=True)
    for name, default in DOC_EXTENSIONS.items():
        if force or not Doc.has_extension(name):
            Doc.set_extension(name, default=default, force=True)


def set_span_values(span: Span, **values: object) -> None:
    """Set several registered span extensions at once (as ``span._.name = value`` does: spaCy keeps
    a span's extension values, none with a getter or setter here, in ``doc.user_data`` under
    ``("._.", name, start_char, end_char)``; each ``span._`` builds an accessor and the key anew)."""
    data = span.doc.user_data
    start, end = span.start_char, span.end_char
    for name, value in values.items():
        if name not in SPAN_EXTENSIONS:
            raise KeyError(f"unknown span extension {name!r}; expected one of {sorted(SPAN_EXTENSIONS)}")
        data[("._.", name, start, end)] = value


def span_values(span: Span) -> dict[str, object]:
    """Every span extension's value on ``span`` (its default where unset), read at once: the values
    ``span._`` gives (see :func:`set_span_values`)."""
    data = span.doc.user_data
    start, end = span.start_char, span.end_char
    return {name: data.get(("._.", name, start, end), default) for name, default in SPAN_EXTENSIONS.items()}
