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
