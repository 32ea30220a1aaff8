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

:func:`optional_torch_skipped` keeps PyTorch itself off that path. thinc (under
spaCy) and Presidio import ``torch`` at import time only to find out whether it
is there (thinc for its PyTorch model wrappers, Presidio for its Hugging Face
recognizers and GPU detection); narrative's spaCy pipeline and Presidio set-up
use none of those, and the embedding model runs on ONNX Runtime, yet the probe
costs about 1.5 seconds in every process that loads a model. Inside the block
``import torch`` raises ImportError, so those probes find no torch; a later
``import torch`` (the PyTorch runtime of the sentence encoder, the ONNX
export) imports it as usual.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import sys
from collections.abc import Iterator
from typing import Any

# spaCy plugins whose pipeline components run on PyTorch through thinc: with one of them
# installed a spaCy model may need thinc's PyTorch support, so torch is imported as before.
TORCH_SPACY_PLUGINS = ("spacy_transformers", "spacy_curated_transformers")


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


@contextlib.contextmanager
def optional_torch_skipped() -> Iterator[None]:
    """Within the block, ``import torch`` fails, unless torch is already imported or a
    PyTorch-based spaCy plugin is installed (then nothing changes).

    Wrap the first import of spaCy / Presidio (and the model load that imports
    their entry points) in it. ``transformers`` is imported first, outside the
    block, so its own record of whether torch is installed stays right.
    """
    if "torch" in sys.modules or any(importlib.util.find_spec(name) for name in TORCH_SPACY_PLUGINS):
        yield
        return
    defer_transformers_pipeline()
    sys.modules["torch"] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if sys.modules.get("torch", 0) is None:
            del sys.modules["torch"]
