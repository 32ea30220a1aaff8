"""Time the spaCy parse alone vs. the parse plus the narrative extraction components.

Usage: .venv/bin/python scripts/bench_extract.py [--n 2000] [--batch-size 64]

Texts: corpora/demo/notes.csv notes (repeated to --n texts) when present, else the
gold corpus texts. Prints the seconds of each run and the ratio, in wall-clock time and in this
process's CPU time (steadier on a machine shared with other work; with one thread per process,
``OMP_NUM_THREADS=1``, the two measure the same work).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def load_texts(n: int) -> tuple[list[str], str]:
    demo = ROOT / "corpora" / "demo" / "notes.csv"
    texts: list[str] = []
    source = ""
    if demo.exists():
        with demo.open(encoding="utf-8", newline="") as fh:
            texts = [row["note"] for row in csv.DictReader(fh) if row.get("note")]
        source = str(demo.relative_to(ROOT))
    if not texts:
        for name in ("dev.jsonl", "dev_styles.jsonl"):  # never the held-out test split
            path = ROOT / "corpora" / "gold" / name
            if path.exists():
                texts += [
                    json.loads(line)["text"]
                    for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip()
                ]
        source = "corpora/gold/*.jsonl"
    if not texts:
        raise SystemExit("no texts found (corpora/demo/notes.csv or corpora/gold/*.jsonl)")
    reps = -(-n // len(texts))
    return (texts * reps)[:n], source


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs each (alternating)")
    args = parser.parse_args()

    from narrative.config import load_config
    from narrative.extract import load_pipeline, statements_from_doc
    from narrative.extract.clauses import doc_text
    from narrative.types import Note

    config = load_config()
    nlp = load_pipeline(config)
    texts, source = load_texts(args.n)
    narrative_pipes = [p for p in nlp.pipe_names if p.startswith("narrative_")]
    n_tokens = sum(len(d) for d in nlp.pipe(texts[:200], batch_size=args.batch_size, disable=narrative_pipes))
    print(f"{len(texts)} texts from {source}; pipeline {nlp.pipe_names}")

    def run(disable: list[str], convert: bool) -> tuple[float, float]:
        start, cpu = time.perf_counter(), time.process_time()
        for i, doc in enumerate(nlp.pipe(texts, batch_size=args.batch_size, disable=disable)):
            if convert:
                # (as narrative.engine.batch does: the text cached on the Doc, not ``doc.text``)
                statements_from_doc(doc, Note(note_id=str(i), client_id="bench", text=doc_text(doc)))
        return time.perf_counter() - start, time.process_time() - cpu

    # bare and full runs alternate, so that a drift in the machine's speed during the benchmark
    # (other load, thermal) weighs on both sides alike; the best of each is kept
    bares, fulls = [], []
    for _ in range(args.repeats):
        bares.append(run(narrative_pipes, False))
        fulls.append(run([], True))
    for k, clock in enumerate(("wall-clock", "CPU")):
        bare, full = min(b[k] for b in bares), min(f[k] for f in fulls)
        print(f"{clock}:")
        print(f"  spaCy parse only:              {bare:8.2f} s")
        print(f"  parse + narrative + Statements: {full:8.2f} s")
        print(
            f"  extraction overhead ratio:      {full / bare:8.3f}  (added {100 * (full - bare) / bare:.1f}% of the parse time)"
        )
    print(f"(~{n_tokens / 200:.0f} tokens per text)")


if __name__ == "__main__":
    main()
