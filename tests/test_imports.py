"""Start-up path: loading the spaCy model and Presidio does not import transformers.pipelines."""

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
