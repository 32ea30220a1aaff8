"""narrative.extract: find self-description, agency, chapter-title and indicator statements.

Public API::

    nlp = load_pipeline(config)                      # spaCy model + narrative components
    statements_from_doc(doc, note) -> list[Statement]
    extract_texts(nlp, [(note_id, text), ...]) -> Iterator[Statement]
    evaluate(nlp, gold_path) -> EvaluationReport     # .to_text(), .to_dict()
"""

from .._imports import optional_backends_hidden

with optional_backends_hidden():  # spaCy's thinc probes for torch on import; the pipeline never uses it
    from .evaluate import EvaluationReport, evaluate, read_gold
    from .pipeline import (
        extract_notes,
        extract_texts,
        load_pipeline,
        load_spacy_model,
        rebase_statement,
        statements_from_doc,
    )

__all__ = [
    "EvaluationReport",
    "evaluate",
    "extract_notes",
    "extract_texts",
    "load_pipeline",
    "load_spacy_model",
    "read_gold",
    "rebase_statement",
    "statements_from_doc",
]
