"""Keep third-party imports we never use off the start-up path.

Presidio's analyzer package imports ``transformers.pipeline`` at import time
(for an optional Hugging Face NER component, ``presidio_hf_token_pipe``), and
spaCy imports that module whenever it loads a model, because the component
is registered as a ``spacy_factories`` entry point. ``transformers.pipeline``
pulls in ``transformers.pipelines`` — about 7 seconds and a few hundred MB in
every process that loads a model — although narrative never builds that
component (Presidio runs on our own spaCy pipeline).

:func:`defer_transformers_pipeline` puts a thin function named ``pipeline``
on the (lazy) ``transformers`` module, so ``from transformers import
pipeline`` no longer imports ``transformers.pipelines``; calling it imports
the real function and forwards the call, so any code that does use it
behaves as before.
"""

from __future__ import annotations

import functools
from typing import Any


def defer_transformers_pipeline() -> None:
    """Make ``from transformers import pipeline`` cheap until the function is called."""
    try:
        import transformers
    except ImportError:  # pragma: no cover - transformers is a dependency
        return
    if "pipeline" in vars(transformers):
        return  # already imported (or already deferred)

    def pipeline(*args: Any, **kwargs: Any) -> Any:
        from transformers.pipelines import pipeline as real

        return real(*args, **kwargs)

    pipeline.__doc__ = "Deferred transformers.pipeline (imported on first call by narrative)."
    transformers.pipeline = functools.wraps(pipeline)(pipeline)  # type: ignore[attr-defined]
