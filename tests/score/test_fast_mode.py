"""Fast mode: the static (Model2Vec) encoder, the packaged preset and ``--fast``."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from narrative import errors
from narrative.config import PRESETS, ConfigError, load_config, preset_config
from narrative.score.encoder import SentenceEncoder
from narrative.score.static import is_static_folder

REPO = Path(__file__).resolve().parents[2]
STATIC = REPO / "models" / "static_minilm"
FAST = REPO / "models" / "fast"


def test_fast_preset_points_at_bundled_static_model_and_heads():
    cfg = load_config(preset="fast")
    assert Path(cfg["models"]["embedding_model"]) == STATIC
    assert Path(cfg["score"]["models_dir"]) == FAST
    assert "{models}" not in json.dumps(cfg)
    # everything else stays the default
    assert cfg["extract"] == load_config()["extract"]


def test_unknown_preset_is_a_config_error():
    assert "fast" in PRESETS
    with pytest.raises(ConfigError, match="unknown preset 'turbo'"):
        preset_config("turbo")


def test_user_file_overrides_preset(tmp_path):
    f = tmp_path / "c.yaml"
    f.write_text("models:\n  embedding_batch_size: 7\n", encoding="utf-8")
    cfg = load_config(f, preset="fast")
    assert cfg["models"]["embedding_batch_size"] == 7
    assert Path(cfg["models"]["embedding_model"]) == STATIC


def test_is_static_folder(tmp_path):
    assert is_static_folder(STATIC)
    assert not is_static_folder(tmp_path)
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    assert not is_static_folder(tmp_path)
    (tmp_path / "config.json").write_text('{"model_type": "bert"}', encoding="utf-8")
    assert not is_static_folder(tmp_path)


def test_static_encoder_normalised_deterministic_and_cached(tmp_path):
    enc = SentenceEncoder(load_config(preset="fast"), cache_dir=tmp_path)
    texts = ["I chose to go for a walk", "I am broken", "I chose to go for a walk"]
    a = enc.encode(texts)
    assert a.shape == (3, 256) and a.dtype == np.float32
    assert np.allclose(np.linalg.norm(a, axis=1), 1.0, atol=1e-5)
    assert np.array_equal(a[0], a[2])
    assert enc.dim == 256
    # the on-disk cache is keyed by the static model's weights digest, not MiniLM's
    files = list(tmp_path.rglob("*.npy"))
    assert len(files) == 2 and files[0].parts[-3] == enc.identity == enc._digest[:12]
    fresh = SentenceEncoder(load_config(preset="fast"), cache_dir=tmp_path)
    assert np.array_equal(fresh.encode(texts[:1])[0], a[0])
    # semantics survive distillation: a paraphrase is closer than an unrelated sentence
    b = enc.encode(["I decided to take a walk", "The bus was late this morning"])
    assert float(a[0] @ b[0]) > float(a[0] @ b[1])


def test_static_encoder_checks_pinned_hash():
    cfg = load_config(preset="fast")
    cfg["models"]["embedding_sha256_prefix"] = "00000000"
    with pytest.raises(errors.ModelError, match="SHA-256"):
        SentenceEncoder(cfg).encode(["x"])


def test_static_encoder_rejects_an_adapter(tmp_path):
    adapter = tmp_path / "adapter"
    adapter.mkdir()
    (adapter / "adapter.json").write_text("{}", encoding="utf-8")
    (adapter / "adapter.safetensors").write_bytes(b"")
    cfg = load_config(preset="fast")
    cfg["models"]["embedding_adapter"] = str(adapter)
    with pytest.raises(errors.ModelError, match="static model"):
        SentenceEncoder(cfg).encode(["x"])


@pytest.mark.slow
def test_fast_scorer_reads_fast_heads_and_keeps_signs():
    from narrative.score.scorer import StatementScorer

    scorer = StatementScorer.load(load_config(preset="fast"))
    rows = scorer.score_texts(
        [
            "I chose to set a boundary",
            "My anxiety made me cancel",
            "I have been through hard things",
            "I am broken",
        ]
    )
    assert rows[0]["agency"] > 0 > rows[1]["agency"]
    assert rows[2]["self_regard"] > rows[3]["self_regard"]
    for row in rows:
        assert abs(row["p_change"] + row["p_neutral"] + row["p_sustain"] - 1) < 1e-6


@pytest.mark.slow
def test_cli_score_fast(tmp_path):
    from typer.testing import CliRunner

    from narrative.cli.main import app

    f = tmp_path / "in.csv"
    pd.DataFrame({"id": ["a", "b"], "text": ["I chose to go for a walk.", "I can't cope."]}).to_csv(
        f, index=False
    )
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(app, ["score", str(f), "--out", str(out), "--fast"])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out)
    assert list(df["id"]) == ["a", "b"]
    assert df.loc[0, "agency"] > df.loc[1, "agency"]


def test_static_model_read_directly_equals_model2vec_from_pretrained():
    """The direct reader gives the very model Model2Vec's own loader gives (same vectors, same options)."""
    from model2vec import StaticModel

    from narrative.score.static import load_static_model

    ours = load_static_model(STATIC)
    theirs = StaticModel.from_pretrained(STATIC, force_download=False)
    texts = ["I chose to go for a walk.", "Stuck in the Mud", "naïve café — “quoted”", ""]
    assert np.array_equal(ours.encode(texts), theirs.encode(texts))
    assert ours.normalize == theirs.normalize and ours.config == theirs.config


def test_static_model_missing_folder_is_an_error_not_a_download(tmp_path):
    from narrative.score.static import load_static_model

    with pytest.raises(FileNotFoundError, match="not found"):
        load_static_model(tmp_path / "nowhere")
