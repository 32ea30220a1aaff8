"""Shared fixtures: the real spaCy pipeline with the narrative components, loaded once."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from narrative.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def extract(nlp):
    """Statements of one text, as a list of Statement records."""
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    def run(text: str):
        return statements_from_doc(nlp(text), Note(note_id="n1", client_id="c1", text=text))

    return run
