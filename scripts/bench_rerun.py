"""The incremental re-run of ``scripts/bench.py`` (e), timed on its own and repeatably.

Builds bench.py's corpus of N notes and its 1% of new notes (next sessions of clients spread over
the caseload), runs one cached full run into ``--work``/template (once per code version: the
cache keys hold the package's digest), then times ``--repeat`` re-runs over the grown export, each
from a fresh copy of the template, each in a fresh process. Per re-run it prints wall-clock
seconds, the CPU seconds of the main process and of the look-ahead worker, and the CPU seconds
along the critical path: the main process's CPU until it forks the worker, plus the worker's,
plus the main process's after the worker's last result, or the main process's total when that
is larger. On a shared machine that figure moves far less than the wall-clock time (every part
is stretched alike by other jobs); on an idle 2-core machine it is close to the wall-clock time.

Usage: .venv/bin/python scripts/bench_rerun.py [--notes 3000] [--repeat 3] [--work DIR]
       .venv/bin/python scripts/bench_rerun.py --one TEMPLATE   (internal: one timed re-run)
"""

from __future__ import annotations

import argparse
import compileall
import json
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402 - bench.py's corpus builder


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_SELF)
    return r.ru_utime + r.ru_stime


def _analyze(inputs: list[Path], out: Path) -> None:
    from narrative.config import load_config
    from narrative.run import RunOptions, analyze

    opts = RunOptions(out=out, workers=1, use_cache=True, report=False, key_file=out.parent / "bench.key")
    analyze(inputs, opts, config=load_config())


def one(work: Path) -> dict[str, float]:
    """One re-run in this process over a copy of ``work``/template; its figures."""
    t0 = time.perf_counter()
    import narrative.engine.runners as runners

    seen: dict[str, float] = {}
    init, result = runners.AheadWorker.__init__, runners.AheadWorker.result

    def timed_init(self, *args, **kwargs):
        seen["fork"] = _cpu()
        init(self, *args, **kwargs)

    def timed_result(self, *args, **kwargs):
        try:
            return result(self, *args, **kwargs)
        finally:
            seen["after"] = _cpu()

    runners.AheadWorker.__init__, runners.AheadWorker.result = timed_init, timed_result
    run_dir = work / "rerun"
    shutil.rmtree(run_dir, ignore_errors=True)
    shutil.copytree(work / "template", run_dir)
    _analyze([work / "notes.csv", work / "new.csv"], run_dir / "out")
    end = _cpu()
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    worker = kids.ru_utime + kids.ru_stime
    critical = end
    if "fork" in seen and "after" in seen:
        critical = max(end, seen["fork"] + worker + end - seen["after"])
    return {
        "wall": round(time.perf_counter() - t0, 2),
        "cpu_main": round(end, 2),
        "cpu_worker": round(worker, 2),
        "cpu_critical_path": round(critical, 2),
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=3000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--work", type=Path, default=Path("bench-rerun"), help="corpus, template and runs")
    ap.add_argument("--one", type=Path, help=argparse.SUPPRESS)
    a = ap.parse_args()
    if a.one:
        print("RERUN " + json.dumps(one(a.one)))
        return
    compileall.compile_dir(str(Path(__file__).resolve().parents[1] / "narrative"), quiet=1)  # as bench.py
    work = a.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    n = a.notes
    if not (work / "notes.csv").exists():
        bench.build_corpus(work / "notes.csv", n, seed=a.seed)
        bench.build_corpus(
            work / "new.csv", max(1, n // 100), seed=a.seed + 1, offset=n, follow_up=max(1, n // 20)
        )
    t0 = time.perf_counter()
    shutil.rmtree(work / "template", ignore_errors=True)
    (work / "template").mkdir()
    _analyze([work / "notes.csv"], work / "template" / "out")
    print(f"cached full run over {n} notes: {time.perf_counter() - t0:.1f} s (this process)", flush=True)
    for _ in range(a.repeat):
        proc = subprocess.run(
            [sys.executable, __file__, "--one", str(work)], capture_output=True, text=True, check=False
        )
        if proc.returncode != 0:
            sys.stderr.write(proc.stderr[-3000:])
            raise SystemExit(f"re-run failed (exit {proc.returncode})")
        line = [ln for ln in proc.stdout.splitlines() if ln.startswith("RERUN ")][-1]
        print("re-run with 1% new notes:", line[6:], flush=True)


if __name__ == "__main__":
    main()
