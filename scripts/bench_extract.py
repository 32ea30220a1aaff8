"""Time the spaCy parse alone vs. the parse plus the narrative extraction components.

Usage: .venv/bin/python scripts/bench_extract.py [--n 2000] [--batch-size 64] [--components]

Texts: corpora/demo/notes.csv notes (repeated to --n texts) when present, else the
gold corpus texts. Prints the seconds of each run and the ratio, in wall-clock time and in this
process's CPU time (steadier on a machine shared with other work; with one thread per process,
``OMP_NUM_THREADS=1``, the two measure the same work).

``--components`` also prints each narrative component's CPU time per text (and the Statement
records'), each the best of ``--repeats`` runs over fresh copies of the parsed docs: on a loaded
machine the difference of two whole runs moves by more than the narrative part itself, while the
best of several short runs of one part moves little; and the voice component's three parts (the
token table it builds first, ``voice.compute_regions``, ``clauses.analyse``).
"""

from __future__ import annotations

import argparse
import csv
import json
import time
from pathlib import Path
from typing import Any

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


# the narrative components that run before the parser (their output changes the parse) and the one
# that hands the later ones the note's own characters
PRE_PARSE = ("narrative_segments",)
UNFOLD = "narrative_unfold"


def component_times(
    nlp: Any, texts: list[str], *, batch_size: int = 64, repeats: int = 3
) -> dict[str, float]:
    """CPU seconds per text of each narrative component of ``nlp`` and of the Statement records,
    the best of ``repeats`` runs each (in pipeline order; the statistical components are not timed).

    The components before the parser run on the tokenized texts; the others, one after another as
    in the pipeline, on copies of the docs parsed without them (a component with a ``pipe`` method
    gets the docs in batches of ``batch_size``, as ``nlp.pipe`` gives them).
    """
    from narrative.extract import statements_from_doc
    from narrative.extract.clauses import doc_text
    from narrative.types import Note

    names = [p for p in nlp.pipe_names if p.startswith("narrative_")]
    after = [p for p in names if p not in PRE_PARSE]
    best: dict[str, float] = {}

    def keep(name: str, seconds: float) -> None:
        best[name] = min(best.get(name, seconds), seconds)

    parsed = list(nlp.pipe(texts, batch_size=batch_size, disable=after))
    for _ in range(repeats):
        for name in (p for p in names if p in PRE_PARSE):
            proc, docs = nlp.get_pipe(name), [nlp.make_doc(t) for t in texts]
            cpu = time.process_time()
            for doc in docs:
                proc(doc)
            keep(name, time.process_time() - cpu)
        docs = [doc.copy() for doc in parsed]
        for name in after:
            proc = nlp.get_pipe(name)
            cpu = time.process_time()
            if hasattr(proc, "pipe"):
                docs = list(proc.pipe(docs, batch_size=batch_size))
            else:
                docs = [proc(doc) for doc in docs]
            keep(name, time.process_time() - cpu)
        cpu = time.process_time()
        for i, doc in enumerate(docs):
            statements_from_doc(doc, Note(note_id=str(i), client_id="bench", text=doc_text(doc)))
        keep("statements", time.process_time() - cpu)
    return {name: seconds / len(texts) for name, seconds in best.items()}


def voice_part_times(
    nlp: Any, texts: list[str], *, batch_size: int = 64, repeats: int = 3
) -> dict[str, float]:
    """CPU seconds per text of the voice component's parts, the best of ``repeats`` runs each: the
    token table (built on first use, by the voice component for every later one), the regions
    (quotations, turns, speakers: ``voice.compute_regions``) and the clause walk (``clauses.analyse``)."""
    from narrative.extract import clauses, voice

    # (parsed with the components before the voice component, the unfold one among them)
    names = [p for p in nlp.pipe_names if p.startswith("narrative_")]
    later = names[names.index("narrative_voice") :] if "narrative_voice" in names else []
    parsed = list(nlp.pipe(texts, batch_size=batch_size, disable=later))
    best: dict[str, float] = {}
    for _ in range(repeats):
        docs = [doc.copy() for doc in parsed]
        cpu = time.process_time()
        for doc in docs:
            clauses.token_table(doc)
        table = time.process_time()
        regions = [voice.compute_regions(doc)[0] for doc in docs]
        found = time.process_time()
        for doc, doc_regions in zip(docs, regions, strict=True):
            clauses.analyse(doc, doc_regions)
        done = time.process_time()
        for name, seconds in (
            ("token_table", table - cpu),
            ("compute_regions", found - table),
            ("analyse", done - found),
        ):
            best[name] = min(best.get(name, seconds), seconds)
    return {name: seconds / len(texts) for name, seconds in best.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--repeats", type=int, default=3, help="best of this many runs each (alternating)")
    parser.add_argument(
        "--components", action="store_true", help="also time each narrative component (best of --repeats)"
    )
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
    if args.components:
        parts = component_times(nlp, texts, batch_size=args.batch_size, repeats=args.repeats)
        parse = min(b[1] for b in bares) / len(texts)
        print("CPU per text, each narrative component (best of the runs):")
        for name, seconds in parts.items():
            print(f"  {name:30s} {1000 * seconds:7.3f} ms")
        total = sum(parts.values())
        print(
            f"  {'narrative + Statements':30s} {1000 * total:7.3f} ms  ({100 * total / parse:.1f}% of the parse's {1000 * parse:.2f} ms)"
        )
        print("CPU per text, the voice component's parts (best of the runs):")
        for name, seconds in voice_part_times(
            nlp, texts, batch_size=args.batch_size, repeats=args.repeats
        ).items():
            print(f"  {name:30s} {1000 * seconds:7.3f} ms")


if __name__ == "__main__":
    main()
