"""Shared fixtures: the real spaCy pipeline with the narrative components, loaded once.

``nlp`` is the pipeline as users get it (with the learned span filter and polarity model).
``extract`` runs the rules alone (``extract.polarity_model: null``, ``extract.span_filter:
null``): the rule tests in this folder pin the rules' own spans and polarity calls, which
``attrs.polarity_rule`` keeps in a default run; ``extract_full`` runs the default pipeline.
"""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def nlp():
    from narrative.extract import load_pipeline

    return load_pipeline()


@pytest.fixture(scope="session")
def rules_nlp():
    from narrative.config import load_config
    from narrative.extract import load_pipeline

    config = load_config()
    config["extract"] = {**(config.get("extract") or {}), "polarity_model": None, "span_filter": None}
    return load_pipeline(config)


def _runner(pipeline):
    from narrative.extract import statements_from_doc
    from narrative.types import Note

    def run(text: str):
        return statements_from_doc(pipeline(text), Note(note_id="n1", client_id="c1", text=text))

    return run


@pytest.fixture(scope="session")
def extract(rules_nlp):
    """Statements of one text found by the rules alone, as a list of Statement records."""
    return _runner(rules_nlp)


@pytest.fixture(scope="session")
def extract_full(nlp):
    """Statements of one text from the default pipeline (rules + learned polarity)."""
    return _runner(nlp)


@pytest.fixture(scope="session")
def rules():
    """The chapter-title rules (narrative/lang/en/patterns), loaded once."""
    from narrative.extract.titles import load_title_rules

    return load_title_rules()
