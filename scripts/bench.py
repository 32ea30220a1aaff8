"""Speed and memory benchmark for `narrative analyze` against the bare spaCy parse.

Builds a corpus of N notes in the demo caseload's style (sentences of the demo
notes recombined, with varied openers, names and numbers so that most
sentences are distinct strings and no cache flatters the figures), then times,
each in its own fresh process so that peak RSS is per measurement:

  (a) bare ``nlp.pipe`` of the same spaCy model over the same texts
  (b) ``narrative analyze`` end to end, 1 worker, no cache (reports off unless --with-report)
  (c) the same with 2 workers
  (d) peak RSS of (b) at N/10 notes and at N notes (flat memory: ratio <= 1.2)
  (e) an incremental re-run with 1% new notes (next sessions of clients spread
      over the caseload), cache on (<= 5% of the full run)

and prints notes/s, words/s, the ratios and peak RSS. Figures are wall-clock,
on this machine, at the time of the run; run it on an idle machine. (b) and (e)
also print CPU seconds (every thread of the process and of the worker processes
it waited for), steadier than wall-clock when other jobs share the machine.

The package is byte-compiled first, as pip does when it installs a wheel, so no
measurement includes compiling narrative's modules (an editable install compiles
them on first import, unless PYTHONDONTWRITEBYTECODE is set, as on our CI machines).

Usage: .venv/bin/python scripts/bench.py [--notes 3000] [--seed 7] [--with-report] [--skip-workers] [--fast]
       [--threads-per-worker N]
"""

from __future__ import annotations

import argparse
import compileall
import csv
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpora" / "demo"

OPENERS = [
    "",
    "This week, ",
    "Since last session, ",
    "On Monday, ",
    "On Thursday, ",
    "Over the weekend, ",
    "Lately, ",
    "At the start of the session, ",
    "Later in the session, ",
    "When asked about it, ",
    "In reviewing homework, ",
    "After a difficult week, ",
]
NAMES = ["Alex", "Sam", "Jordan", "Taylor", "Morgan", "Casey", "Riley", "Jamie", "Robin", "Quinn"]


def _sentences() -> list[str]:
    notes = []
    with open(DEMO / "notes.csv", encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh):
            notes.append(row["note"])
    sents = []
    for text in notes:
        sents.extend(s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4)
    return sents


def build_corpus(path: Path, n: int, *, seed: int, offset: int = 0, follow_up: int = 0) -> int:
    """Write ``n`` notes to ``path`` (CSV); return the word count.

    Clients have 20 sessions each. With ``follow_up`` = the number of existing
    clients, the notes are instead next sessions of those clients, spread over
    the caseload (a weekly export: new sessions of clients already seen).
    """
    rng = random.Random(seed + offset)
    sents = _sentences()
    words = 0
    with open(path, "w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["client_id", "session", "date", "clinician", "note"])
        for i in range(offset, offset + n):
            k = rng.randint(5, 12)
            parts = []
            for s in rng.sample(sents, k):
                opener = rng.choice(OPENERS)
                if opener and s[0].isupper() and not s.startswith(("I ", "I'")):
                    s = s[0].lower() + s[1:]
                s = re.sub(r"\b\d+\b", lambda m: str(rng.randint(2, 40)), s)
                parts.append(opener + s)
            parts.append(f"Next session planned with {rng.choice(NAMES)} in week {rng.randint(2, 30)}.")
            text = " ".join(parts)
            words += len(text.split())
            if follow_up:
                j = i - offset
                client = f"B{(j * 7) % follow_up:05d}"
                session = 21 + j // follow_up
            else:
                client = f"B{i // 20:05d}"
                session = i % 20 + 1
            w.writerow([client, session, f"2025-{1 + session % 12:02d}-{1 + i % 27:02d}", "Clin A", text])
    return words


def _child(code: str, *args: str) -> dict:
    """Run python code in a fresh process; it prints one JSON line; add peak RSS of that process."""
    wrapper = (
        "import json, resource, sys, time\n"
        "t0 = time.perf_counter()\n"
        "c0 = time.process_time()\n"
        f"{code}\n"
        "kids = resource.getrusage(resource.RUSAGE_CHILDREN)\n"
        "res = {'seconds': time.perf_counter() - t0,"
        " 'cpu_seconds': time.process_time() - c0 + kids.ru_utime + kids.ru_stime,"
        " 'peak_rss_mb': resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,"
        " 'children_rss_mb': kids.ru_maxrss / 1024}\n"
        "print('BENCH ' + json.dumps(res))\n"
    )
    proc = subprocess.run([sys.executable, "-c", wrapper, *args], capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        sys.stderr.write(proc.stderr[-3000:])
        raise SystemExit(f"benchmark step failed (exit {proc.returncode})")
    line = [ln for ln in proc.stdout.splitlines() if ln.startswith("BENCH ")][-1]
    return json.loads(line[6:])


PARSE = """
import csv
from narrative.config import load_config
from narrative.extract import load_spacy_model
texts = [r['note'] for r in csv.DictReader(open(sys.argv[1], encoding='utf-8', newline=''))]
nlp = load_spacy_model(load_config()['models']['spacy_model'])
t0 = time.perf_counter()
c0 = time.process_time()
for _ in nlp.pipe(texts, batch_size=64):
    pass
"""

ANALYZE = """
from pathlib import Path
from narrative.config import load_config
from narrative.run import RunOptions, analyze
args = sys.argv[1:]
opts = RunOptions(out=Path(args[1]), workers=int(args[2]), use_cache=args[3] == 'cache',
                  report=args[4] == 'report', key_file=Path(args[1]).parent / 'bench.key')
inputs = [Path(p) for p in args[0].split(',')]
config = load_config(preset=args[5] if args[5] != 'default' else None)
if args[6] != 'config':
    config['engine'] = {**config.get('engine', {}), 'threads_per_worker': int(args[6])}
s = analyze(inputs, opts, config=config)
assert s.n_notes > 0
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=3000, help="N notes for the main measurements")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--with-report", action="store_true", help="include HTML reports in the end-to-end time")
    ap.add_argument("--skip-workers", action="store_true", help="skip the 2-worker measurement")
    ap.add_argument("--skip-rss", action="store_true", help="skip the N/10 vs N memory measurement")
    ap.add_argument(
        "--fast",
        action="store_true",
        help="measure `analyze --fast` (static embeddings) instead of the default",
    )
    ap.add_argument(
        "--threads-per-worker",
        type=int,
        default=None,
        help="engine.threads_per_worker for every analyze run (default: the configuration's, 'auto': "
        "a 1-worker run lets the ONNX encoder use every core, so its baseline for the 2-worker "
        "speed-up and for b/a is partly parallel; 1 = one compute thread per process, as the bare "
        "spaCy parse (a) and each of the 2 workers use)",
    )
    a = ap.parse_args()
    threads = "config" if a.threads_per_worker is None else str(a.threads_per_worker)
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "narrative"), quiet=1)
    report = "report" if a.with_report else "noreport"
    preset = "fast" if a.fast else "default"
    print(f"mode: {'--fast (static embeddings)' if a.fast else 'default (MiniLM transformer)'}")
    print(
        f"threads per worker: {a.threads_per_worker if a.threads_per_worker is not None else 'as configured'}"
    )

    with tempfile.TemporaryDirectory(prefix="narrative-bench-") as tmp:
        tmp = Path(tmp)
        corpus = tmp / "notes.csv"
        words = build_corpus(corpus, a.notes, seed=a.seed)
        n = a.notes
        print(f"corpus: {n} notes, {words} words ({words / n:.0f} words/note), seed {a.seed}")

        parse = _child(PARSE, str(corpus))
        print(
            f"(a) bare nlp.pipe:           {parse['seconds']:7.1f} s  {n / parse['seconds']:7.1f} notes/s "
            f"{words / parse['seconds']:8.0f} words/s  peak RSS {parse['peak_rss_mb']:.0f} MB (incl. model load)"
        )

        full = _child(ANALYZE, str(corpus), str(tmp / "run1"), "1", "nocache", report, preset, threads)
        print(
            f"(b) analyze, 1 worker:       {full['seconds']:7.1f} s  {n / full['seconds']:7.1f} notes/s "
            f"{words / full['seconds']:8.0f} words/s  peak RSS {full['peak_rss_mb']:.0f} MB"
        )
        print(f"    throughput ratio b/a = {parse['seconds'] / full['seconds']:.2f}  (target >= 0.80)")
        print(
            f"    CPU time (all threads and worker processes): (a) {parse['cpu_seconds']:.1f} s, "
            f"(b) {full['cpu_seconds']:.1f} s; ratio {parse['cpu_seconds'] / full['cpu_seconds']:.2f} "
            "(steadier than wall-clock on a shared machine; (b)'s encoder may use several threads)"
        )

        if not a.skip_workers:
            two = _child(ANALYZE, str(corpus), str(tmp / "run2"), "2", "nocache", report, preset, threads)
            print(
                f"(c) analyze, 2 workers:      {two['seconds']:7.1f} s  {n / two['seconds']:7.1f} notes/s  "
                f"speed-up vs 1 worker = {full['seconds'] / two['seconds']:.2f}  (target >= 1.70)"
            )

        if not a.skip_rss:
            small = tmp / "small.csv"
            build_corpus(small, max(1, n // 10), seed=a.seed)
            rss_small = _child(
                ANALYZE, str(small), str(tmp / "run-small"), "1", "nocache", report, preset, threads
            )
            print(
                f"(d) peak RSS at {n // 10} notes: {rss_small['peak_rss_mb']:.0f} MB; at {n} notes: "
                f"{full['peak_rss_mb']:.0f} MB; ratio = {full['peak_rss_mb'] / rss_small['peak_rss_mb']:.2f}  "
                "(target <= 1.20)"
            )

        # (e) incremental: a cached full run, then the same export plus 1% new notes.
        cached = _child(ANALYZE, str(corpus), str(tmp / "run-inc"), "1", "cache", report, preset, threads)
        extra = tmp / "new.csv"
        build_corpus(extra, max(1, n // 100), seed=a.seed + 1, offset=n, follow_up=max(1, n // 20))
        inc = _child(
            ANALYZE, f"{corpus},{extra}", str(tmp / "run-inc"), "1", "cache", report, preset, threads
        )
        print(
            f"(e) full cached run {cached['seconds']:.1f} s; re-run with 1% new notes {inc['seconds']:.1f} s; "
            f"ratio = {inc['seconds'] / cached['seconds']:.3f}  (target <= 0.05); CPU {cached['cpu_seconds']:.1f} s "
            f"and {inc['cpu_seconds']:.1f} s"
        )
    t = time.strftime("%Y-%m-%d %H:%M")
    print(f"done {t}")


if __name__ == "__main__":
    main()
