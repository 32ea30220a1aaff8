"""WorkerContext.warm loads what the first note would load lazily: a look-ahead worker warms its
models while the main process reads the inputs, so nothing should be left for the first note."""

from __future__ import annotations

from narrative.config import load_config
from narrative.engine.context import WorkerContext


def test_warm_loads_the_polarity_embeddings_and_presidio_analyzer():
    ctx = WorkerContext(config=load_config(), key=b"k" * 32)
    ctx.warm()
    polarity = ctx.nlp.get_pipe("narrative_polarity")
    assert polarity.model.embedding_dim > 0 and polarity.model._backend is not None
    assert ctx.privacy.masks_text and ctx.privacy.deidentifier._analyzer is not None
