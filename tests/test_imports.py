"""Start-up path: loading the spaCy model and Presidio imports neither transformers.pipelines nor torch."""

from __future__ import annotations

import subprocess
import sys

import pytest


@pytest.mark.slow
def test_model_load_does_not_import_transformers_pipelines():
    code = (
        "import sys\n"
        "from narrative.extract.pipeline import load_spacy_model\n"
        "load_spacy_model('en_core_web_sm')\n"
        "import narrative.privacy._presidio\n"
        "print('transformers.pipelines' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_deferred_pipeline_forwards_to_the_real_function(monkeypatch):
    import transformers

    from narrative._imports import defer_transformers_pipeline

    monkeypatch.delitem(vars(transformers), "pipeline", raising=False)
    defer_transformers_pipeline()
    deferred = vars(transformers)["pipeline"]
    calls = []
    import transformers.pipelines as real_module

    monkeypatch.setattr(real_module, "pipeline", lambda *a, **k: calls.append((a, k)) or "ok")
    assert deferred("token-classification", model="x") == "ok"
    assert calls == [(("token-classification",), {"model": "x"})]
    defer_transformers_pipeline()  # idempotent: an existing attribute is left alone
    assert vars(transformers)["pipeline"] is deferred


@pytest.mark.slow
def test_model_load_and_presidio_import_neither_torch_nor_transformers_and_both_import_after():
    code = (
        "import sys\n"
        "from narrative.extract.pipeline import load_spacy_model\n"
        "load_spacy_model('en_core_web_sm')\n"
        "import narrative.privacy._presidio\n"
        "from narrative.privacy.deid import load_spacy\n"
        "load_spacy('en_core_web_sm')\n"
        "print('torch' in sys.modules, 'transformers' in sys.modules)\n"
        "from transformers.utils.import_utils import is_torch_available\n"
        "import torch\n"
        "print(is_torch_available(), torch.ones(2).sum().item())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-2:] == ["False False", "True 2.0"]


def _no_spacy_plugins(name, *args):
    return None


@pytest.mark.parametrize("backend", ["torch", "transformers"])
def test_optional_backends_hidden_hides_a_backend_only_inside_the_block(monkeypatch, backend):
    import importlib
    import importlib.util

    import narrative._imports as imports

    monkeypatch.delitem(sys.modules, backend, raising=False)  # restored after the test
    monkeypatch.setattr(importlib.util, "find_spec", _no_spacy_plugins)
    with imports.optional_backends_hidden(), pytest.raises(ImportError):
        importlib.import_module(backend)
    assert backend not in sys.modules


@pytest.mark.parametrize("reason", ["already imported", "torch-based spaCy plugin"])
def test_optional_backends_hidden_leaves_a_backend_that_is_or_may_be_needed(monkeypatch, reason):
    import importlib.util
    import types

    import narrative._imports as imports

    fake = types.ModuleType("torch")
    if reason == "already imported":
        monkeypatch.setitem(sys.modules, "torch", fake)
    else:
        monkeypatch.delitem(sys.modules, "torch", raising=False)
        monkeypatch.setattr(
            importlib.util, "find_spec", lambda name, *a: object() if name == "spacy_transformers" else None
        )
    with imports.optional_backends_hidden():
        assert sys.modules.get("torch", "absent") is (fake if reason == "already imported" else "absent")


@pytest.mark.slow
def test_presidio_import_skips_pattern_checks_only_during_the_import():
    code = (
        "import sys\n"
        "import regex\n"
        "from narrative._imports import import_presidio_analyzer\n"
        "compiled = []\n"
        "real = regex.compile\n"
        "regex.compile = lambda *a, **k: compiled.append(a[0]) or real(*a, **k)\n"
        "import_presidio_analyzer()\n"
        "regex.compile = real\n"
        "import presidio_analyzer\n"
        "from presidio_analyzer import Pattern\n"
        "from presidio_analyzer.predefined_recognizers import IpRecognizer\n"
        "assert presidio_analyzer.pattern.Pattern is Pattern\n"
        "try:\n"
        "    Pattern('bad', '(', 0.5)\n"
        "except ValueError:\n"
        "    checked = True\n"
        "else:\n"
        "    checked = False\n"
        "found = IpRecognizer().analyze('logged in from 192.168.10.20 today', ['IP_ADDRESS'])\n"
        "print(len(compiled), checked, [r.entity_type for r in found])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    n_compiled, checked, found = out.stdout.strip().splitlines()[-1].split(" ", 2)
    assert int(n_compiled) < 20  # Presidio's ~170 predefined patterns are not compiled on import
    assert checked == "True"  # a Pattern made after the import is checked again
    assert found == "['IP_ADDRESS']"  # the predefined recognizers still match


@pytest.mark.slow
def test_spacy_import_defers_its_command_line_and_the_command_line_still_imports():
    code = (
        "import sys\n"
        "from narrative.extract.pipeline import load_spacy_model\n"
        "nlp = load_spacy_model('en_core_web_sm')\n"
        "print('spacy.cli' in sys.modules, 'typer' in sys.modules, len(nlp('I am fine.')))\n"
        "import spacy\n"
        "import spacy.cli\n"
        "print(callable(spacy.cli.setup_cli), spacy.info.__module__)\n"
        "from spacy.cli.info import info\n"
        "print(isinstance(info(silent=True), dict))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-3:] == ["False False 4", "True narrative._imports", "True"]


def test_spacy_cli_deferred_does_nothing_once_spacy_is_imported():
    import spacy  # noqa: F401

    from narrative._imports import spacy_cli_deferred

    before = sys.modules.get("spacy.cli")
    with spacy_cli_deferred():
        assert sys.modules.get("spacy.cli") is before
    assert sys.modules.get("spacy.cli") is before
