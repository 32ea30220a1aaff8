"""Where the CPU of a `narrative analyze --workers N` run goes, per process and per stage.

Builds the benchmark corpus (``scripts/bench.py``'s notes), runs ``analyze`` in a fresh child
process and samples, every ``--interval`` seconds, the CPU time (user + system) of that process,
of each of its threads and of every process it started (the pool's workers). Stage boundaries are
marked in the child (ingest, the note stage's first and last chunk, the trajectory stage), so the
report gives, for each stage, each process's CPU seconds and how long it was alive but not on a
core (waiting), plus the core-seconds left idle on the machine's cores: the serial part.

CPU time, not wall time, is the measure that other jobs on a shared machine disturb least; the
idle figures are wall-clock and do move with the machine's load (``uptime`` is printed).

With ``--compare`` each repeat also runs one worker, and the script prints, per checkout, the
speed-up and Amdahl serial share that these CPU-based estimates give (each run's idle-machine
wall time estimated from its processes' CPU: see ``_critical_path``); ``--root`` given twice
interleaves two checkouts (base and branch).

Usage: .venv/bin/python scripts/bench_workers.py [--notes 2500] [--workers 2] [--repeat 1]
       [--corpus notes.csv] [--json out.json] [--compare] [--root CHECKOUT ...]
"""

from __future__ import annotations

import argparse
import compileall
import contextlib
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench import build_corpus  # noqa: E402

CHILD = r"""
import json, sys, time
from pathlib import Path
marks = []
def mark(name):
    marks.append((name, time.time(), time.process_time()))
mark("start")
from narrative.config import load_config
import narrative.run as run
mark("imported")
def wrap(name, fn):
    def inner(*a, **k):
        mark(name + ":begin")
        try:
            out = fn(*a, **k)
        finally:
            mark(name + ":end")
        return out
    return inner
run._ingest_to_spool = wrap("ingest", run._ingest_to_spool)
run._trajectories = wrap("trajectories", run._trajectories)
first = []
def progress(stage, done, total):
    if stage == "notes":
        if not first:
            first.append(1)
            mark("notes:first")
        mark("notes:last")
args = sys.argv[1:]
opts = run.RunOptions(out=Path(args[1]), workers=int(args[2]), use_cache=False, report=False,
                      key_file=Path(args[1]).parent / "bench.key", engine=args[3])
config = load_config()
if args[5] != "config":
    config["engine"] = {**config.get("engine", {}), "threads_per_worker": int(args[5])}
s = run.analyze([Path(args[0])], opts, config=config, progress=progress)
mark("end")
Path(args[4]).write_text(json.dumps(marks))
"""


def _schedstat(pid: int) -> tuple[float, float, float, float]:
    """(CPU s, run-queue wait s) of process ``pid`` summed over its threads, and the same of its
    main thread: the kernel's /proc/<pid>/task/<tid>/schedstat (on a core, runnable but waiting
    for one). What is neither, while the process is alive, it spends asleep (waiting for work)."""
    cpu = wait = mcpu = mwait = 0.0
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            with open(f"/proc/{pid}/task/{tid}/schedstat") as fh:
                run_ns, wait_ns, _ = fh.read().split()
        except (OSError, ValueError):
            continue
        cpu += int(run_ns) / 1e9
        wait += int(wait_ns) / 1e9
        if int(tid) == pid:
            mcpu, mwait = int(run_ns) / 1e9, int(wait_ns) / 1e9
    return cpu, wait, mcpu, mwait


def sample_run(
    corpus: Path,
    out: Path,
    workers: int,
    engine: str,
    interval: float,
    root: Path = ROOT,
    threads: str = "config",
) -> dict:
    marks_path = out.parent / f"marks-{out.name}.json"
    env = dict(os.environ, PYTHONPATH=str(root))
    proc = subprocess.Popen(
        [sys.executable, "-c", CHILD, str(corpus), str(out), str(workers), engine, str(marks_path), threads],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    main = psutil.Process(proc.pid)
    # (time, {pid: (cpu, runq wait, main thread cpu, main thread runq wait)})
    samples: list[tuple[float, dict[int, tuple[float, float, float, float]]]] = []
    while proc.poll() is None:
        now = time.time()
        stats: dict[int, tuple[float, float, float, float]] = {}
        try:
            pids = [proc.pid] + [c.pid for c in main.children(recursive=True)]
        except psutil.Error:
            break
        for pid in pids:
            with contextlib.suppress(OSError):
                stats[pid] = _schedstat(pid)
        if samples:  # counters of threads that ended drop out of the sums: keep them monotone
            prev = samples[-1][1]
            stats = {
                pid: tuple(max(a, b) for a, b in zip(v, prev.get(pid, v), strict=True))  # type: ignore[misc]
                for pid, v in stats.items()
            }
        samples.append((now, stats))
        time.sleep(interval)
    err = proc.stderr.read().decode() if proc.stderr else ""
    if proc.wait() != 0:
        sys.stderr.write(err[-3000:])
        raise SystemExit("analyze failed")
    marks = json.loads(marks_path.read_text())
    return {"samples": samples, "marks": marks, "main": proc.pid}


def _at(samples: list, t: float, pid: int) -> tuple[float, float, float, float]:
    """Counters of ``pid`` at time ``t`` (last sample at or before it; zeros before its first)."""
    val = (0.0, 0.0, 0.0, 0.0)
    for ts, stats in samples:
        if ts > t:
            break
        if pid in stats:
            val = stats[pid]
    return val


def analyse(run: dict, cores: int) -> dict:
    samples, marks, main = run["samples"], run["marks"], run["main"]
    m = {name: (t, cpu) for name, t, cpu in marks}
    t_start = samples[0][0]
    t_end = samples[-1][0]
    bounds = [
        ("start-up (imports, key, spool)", t_start, m["ingest:begin"][0]),
        ("ingest, measures/goals/events, first chunk", m["ingest:begin"][0], m["notes:first"][0]),
        ("note stage (first to last chunk)", m["notes:first"][0], m["notes:last"][0]),
        ("pool shut-down, spool index", m["notes:last"][0], m["trajectories:begin"][0]),
        ("trajectories + caseload", m["trajectories:begin"][0], m["trajectories:end"][0]),
        ("tables, manifest, exit", m["trajectories:end"][0], t_end),
    ]
    # the pool's workers: children that used CPU (not the resource tracker)
    pids = sorted({pid for _, stats in samples for pid in stats})
    last = {pid: max((st[pid] for _, st in samples if pid in st), key=lambda v: v[0]) for pid in pids}
    workers = [p for p in pids if p != main and last[p][0] > 1.0]
    life = {}
    for pid in pids:
        ts = [ts for ts, st in samples if pid in st]
        life[pid] = (ts[0], ts[-1])
    # our own parallelism, per sampling interval: processes on a core or waiting for one
    rows = []
    for name, a, b in bounds:
        wall = b - a
        s_a, s_b = _at(samples, a, main), _at(samples, b, main)
        row = {
            "stage": name,
            "wall": wall,
            "main": s_b[0] - s_a[0],
            "main_thread": s_b[2] - s_a[2],
            "main_runq": s_b[3] - s_a[3],
        }
        row["main_sleep"] = max(0.0, wall - row["main_thread"] - row["main_runq"])
        demand = (s_b[0] - s_a[0]) + (s_b[1] - s_a[1])
        for k, pid in enumerate(workers):
            w_a, w_b = _at(samples, a, pid), _at(samples, b, pid)
            alive = max(0.0, min(b, life[pid][1]) - max(a, life[pid][0]))
            row[f"w{k + 1}"] = w_b[0] - w_a[0]
            row[f"w{k + 1}_sleep"] = max(0.0, alive - (w_b[2] - w_a[2]) - (w_b[3] - w_a[3]))
            demand += (w_b[0] - w_a[0]) + (w_b[1] - w_a[1])
        row["cpu"] = row["main"] + sum(row[f"w{k + 1}"] for k in range(len(workers)))
        row["demand"] = demand
        rows.append(row)
    # idle core-seconds the run itself leaves, load-independent: per interval, cores minus the
    # number of our processes' threads that ran or were runnable
    idle_cs = 0.0
    busy_cs = 0.0
    for (t0, s0), (t1, s1) in zip(samples, samples[1:], strict=False):
        dt = t1 - t0
        used = 0.0
        for pid, v1 in s1.items():
            v0 = s0.get(pid, (0.0, 0.0, 0.0, 0.0))
            used += (v1[0] - v0[0]) + (v1[1] - v0[1])
        frac = min(float(cores), used / dt) if dt > 0 else 0.0
        idle_cs += (cores - frac) * dt
        busy_cs += frac * dt
    # the serial start: the main process's CPU before the first worker process exists
    first_worker = min((life[p][0] for p in workers), default=None)
    serial_start = _at(samples, first_worker, main)[0] if first_worker is not None else None
    critical = _critical_path(samples, m, main, workers, cores, first_worker, life)
    total = {
        "wall": t_end - t_start,
        "main": last[main][0],
        "main_thread": last[main][2],
        **{f"w{k + 1}": last[pid][0] for k, pid in enumerate(workers)},
    }
    total["cpu"] = total["main"] + sum(total[f"w{k + 1}"] for k in range(len(workers)))
    return {
        "rows": rows,
        "total": total,
        "n_workers": len(workers),
        "own_idle_core_s": idle_cs,
        "own_busy_core_s": busy_cs,
        "serial_start": serial_start,
        "critical": critical,
        "marks": marks,
    }


def _critical_path(
    samples: list,
    m: dict,
    main: int,
    workers: list[int],
    cores: int,
    first_worker: float | None,
    life: dict[int, tuple[float, float]],
) -> dict:
    """The run's wall time on an idle machine, estimated from CPU time (what the load disturbs
    least), in three parts:

    * ``start``: the main process's CPU before the first worker process exists (one process: serial);
    * ``parallel``: from then to the last chunk's results, (every process's CPU + the core-seconds
      a worker was asleep, in CPU units) / cores. A worker asleep while the others run (waiting for
      a chunk, or the end-of-stream imbalance: the other worker on the last chunk) leaves its core
      idle; under load that wait is stretched as much as the others' work, so a worker's sleep in a
      phase (model load and first chunk; the rest of the note stage) counts at the share of their
      demand our processes got in it (their CPU / (CPU + run-queue wait));
    * ``end``: the main process's CPU after the last chunk's results (trajectories, tables, exit),
      serial, or, when more, that and the workers' CPU after it (their exit, which the run waits
      for) shared among the cores.

    A one-worker run (no worker process) is serial throughout: its estimate is its main thread's
    CPU (the critical path: an ONNX encoder thread's work beside it overlaps). Its other threads'
    CPU is reported as ``other_threads``.
    """
    t_last = m["notes:last"][0]
    main_end = samples[-1][1].get(main, (0.0, 0.0, 0.0, 0.0))
    if not workers or first_worker is None:
        return {
            "start": 0.0,
            "parallel": 0.0,
            "idle": 0.0,
            "idle_before_first_result": 0.0,
            "end": 0.0,
            "main_after_last_result": 0.0,
            "worker_exits": 0.0,
            "estimate": main_end[2],
            "other_threads": main_end[0] - main_end[2],
        }
    start = _at(samples, first_worker, main)[0]
    main_after = main_end[0] - _at(samples, t_last, main)[0]
    # the workers' CPU after the last results (their exit), beside the main process's last stage:
    # the run ends when both are done (analyze waits for its workers' exit)
    exits = sum(
        max(st[pid][0] for _, st in samples if pid in st) - _at(samples, t_last, pid)[0] for pid in workers
    )
    end = max(main_after, (main_after + exits) / cores)
    par_cpu = sum(
        _at(samples, t_last, pid)[0] - _at(samples, first_worker, pid)[0] for pid in [main, *workers]
    )
    # each worker's sleep per phase from its main thread's counters (alive, neither on a core nor
    # runnable), in CPU units: times the share of their demand our processes got in that phase
    t_first = max(first_worker, m["notes:first"][0])
    phases = []
    for a, b in ((first_worker, t_first), (t_first, t_last)):
        cpu = sum(_at(samples, b, pid)[0] - _at(samples, a, pid)[0] for pid in [main, *workers])
        wait = sum(_at(samples, b, pid)[1] - _at(samples, a, pid)[1] for pid in [main, *workers])
        served = cpu / (cpu + wait) if cpu + wait > 0 else 1.0
        asleep = 0.0
        for pid in workers:
            w_a, w_b = _at(samples, a, pid), _at(samples, b, pid)
            alive = max(0.0, min(b, life[pid][1]) - max(a, life[pid][0]))
            asleep += max(0.0, alive - (w_b[2] - w_a[2]) - (w_b[3] - w_a[3]))
        phases.append(asleep * served)
    idle_first, idle = phases[0], sum(phases)
    parallel = (par_cpu + idle) / cores
    return {
        "start": start,
        "parallel": parallel,
        "idle": idle,
        "idle_before_first_result": idle_first,
        "end": end,
        "main_after_last_result": main_after,
        "worker_exits": exits,
        "estimate": start + parallel + end,
        "other_threads": 0.0,
    }


def print_table(res: dict) -> None:
    nw = res["n_workers"]
    head = "| stage | wall s | main CPU (main thread) | main thread asleep |"
    head += "".join(f" worker {k + 1} CPU | worker {k + 1} asleep |" for k in range(nw))
    head += " CPU, all | runnable, all |"
    print(head)
    print("|" + "---|" * (6 + 2 * nw))
    for r in res["rows"]:
        line = f"| {r['stage']} | {r['wall']:.1f} | {r['main']:.1f} ({r['main_thread']:.1f}) | {r['main_sleep']:.1f} |"
        line += "".join(f" {r[f'w{k + 1}']:.1f} | {r[f'w{k + 1}_sleep']:.1f} |" for k in range(nw))
        line += f" {r['cpu']:.1f} | {r['demand']:.1f} |"
        print(line)
    t = res["total"]
    line = f"| total | {t['wall']:.1f} | {t['main']:.1f} ({t['main_thread']:.1f}) | |"
    line += "".join(f" {t[f'w{k + 1}']:.1f} | |" for k in range(nw))
    line += f" {t['cpu']:.1f} | |"
    print(line)
    if res["serial_start"] is not None:
        print(f"main process CPU before the first worker process started: {res['serial_start']:.2f} s")
    c = res["critical"]
    if res["n_workers"]:
        print(
            f"idle-machine wall estimate (CPU-based): {c['estimate']:.1f} s = start {c['start']:.2f} + "
            f"parallel {c['parallel']:.1f} (of which idle worker core-s {c['idle']:.2f} / cores; "
            f"{c['idle_before_first_result']:.2f} of them before the first chunk's results) + end {c['end']:.2f} "
            f"(main {c['main_after_last_result']:.2f}, workers' exit {c['worker_exits']:.2f})"
        )
    else:
        print(
            f"idle-machine wall estimate (CPU-based): {c['estimate']:.1f} s (main thread CPU; "
            f"other threads {c['other_threads']:.1f} s)"
        )
    share = res["own_idle_core_s"] / (res["own_idle_core_s"] + res["own_busy_core_s"])
    print(
        f"core-seconds the run's own processes left unused (neither running nor runnable): "
        f"{res['own_idle_core_s']:.1f} of {res['own_idle_core_s'] + res['own_busy_core_s']:.1f} ({share:.0%})"
    )


def serial_share(speed_up: float, workers: int) -> float:
    """Amdahl's serial share ``s`` of a run ``speed_up`` times faster on ``workers`` workers:
    speed_up = 1 / (s + (1 - s) / workers)."""
    return (workers / speed_up - 1) / (workers - 1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--notes", type=int, default=2500)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--workers", type=int, default=2)
    ap.add_argument("--engine", default="local")
    ap.add_argument("--repeat", type=int, default=1)
    ap.add_argument("--interval", type=float, default=0.1)
    ap.add_argument("--corpus", type=Path, default=None, help="an existing corpus CSV (else one is built)")
    ap.add_argument("--json", type=Path, default=None, help="write the raw figures here")
    ap.add_argument("--threads", default="config", help="engine.threads_per_worker (default: as configured)")
    ap.add_argument(
        "--root",
        type=Path,
        action="append",
        default=None,
        help="the checkout whose narrative runs (default: this one); give it twice or more to "
        "interleave checkouts (base and branch) in each repeat",
    )
    ap.add_argument(
        "--compare",
        action="store_true",
        help="each repeat, for each checkout, also run one worker (as configured: the baseline of "
        "scripts/bench.py's speed-up) and print the CPU-based speed-up estimate and serial share",
    )
    a = ap.parse_args()
    roots = a.root or [ROOT]
    for root in roots:
        compileall.compile_dir(str(root / "narrative"), quiet=1)
    cores = len(os.sched_getaffinity(0))
    results = []
    summary: list[tuple[int, Path, float, float]] = []
    with tempfile.TemporaryDirectory(prefix="narrative-benchw-") as tmp:
        tmp = Path(tmp)
        corpus = a.corpus
        if corpus is None:
            corpus = tmp / "notes.csv"
            build_corpus(corpus, a.notes, seed=a.seed)
        k = 0
        for i in range(a.repeat):
            # alternate the order of the checkouts (and of the two runs) from one repeat to the next
            order = roots if i % 2 == 0 else roots[::-1]
            for root in order:
                estimates = {}
                counts = [1, a.workers] if a.compare else [a.workers]
                for workers in counts if i % 2 == 0 else counts[::-1]:
                    k += 1
                    print(f"load before run {k}: {os.getloadavg()}")
                    run = sample_run(corpus, tmp / f"run{k}", workers, a.engine, a.interval, root, a.threads)
                    res = analyse(run, cores)
                    print(f"run {k}: {workers} worker(s), engine {a.engine}, {root}")
                    print_table(res)
                    print(f"load after run {k}: {os.getloadavg()}")
                    res["root"], res["workers"] = str(root), workers
                    res["raw"] = run  # the samples and marks, to analyse again
                    results.append(res)
                    estimates[workers] = res["critical"]["estimate"]
                if a.compare:
                    summary.append((i + 1, root, estimates[1], estimates[a.workers]))
    if summary:
        print(f"\nCPU-based idle-machine estimates, 1 worker vs {a.workers}:")
        print("| repeat | checkout | 1 worker s | N workers s | speed-up | serial share |")
        print("|---|---|---|---|---|---|")
        for i, root, one, many in summary:
            speed = one / many
            print(
                f"| {i} | {root} | {one:.1f} | {many:.1f} | {speed:.2f} | {serial_share(speed, a.workers):.3f} |"
            )
    if a.json:
        a.json.write_text(json.dumps(results, indent=1))


if __name__ == "__main__":
    main()
