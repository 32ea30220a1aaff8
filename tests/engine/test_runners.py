from concurrent.futures import Future

import pytest

from narrative.engine.runners import _ordered, run_chunks
from narrative.errors import NarrativeError


def _done(value):
    f = Future()
    f.set_result(value)
    return f


def test_runners_ordered_keeps_input_order():

    def submit(chunk):
        return _done([x * 2 for x in chunk])

    out = list(_ordered(submit, ([i] for i in range(7)), window=2))
    assert out == [[0], [2], [4], [6], [8], [10], [12]]


@pytest.mark.parametrize(("engine", "workers"), [("spark", 1), ("local", 0)])
def test_runners_reject_bad_engine_or_workers(engine, workers):
    with pytest.raises(NarrativeError):
        list(run_chunks([[]], config={}, engine=engine, workers=workers))


@pytest.mark.parametrize(("value", "expected"), [(1, 1), (2, 2), (0, 0)])
def test_runners_threads_per_worker_setting(value, expected):
    from narrative.engine.runners import threads_per_worker

    assert threads_per_worker({"engine": {"threads_per_worker": value}}) == expected
    assert threads_per_worker({"engine": {"threads_per_worker": value}}, workers=4) == expected


@pytest.mark.parametrize("value", [None, "auto"])
@pytest.mark.parametrize(("cores", "workers", "expected"), [(2, 1, 2), (2, 2, 1), (8, 3, 2), (1, 4, 1)])
def test_runners_threads_per_worker_auto_shares_the_cores(monkeypatch, value, cores, workers, expected):
    from narrative.engine import runners

    monkeypatch.setattr(runners, "available_cores", lambda: cores)
    config = {} if value is None else {"engine": {"threads_per_worker": value}}
    assert runners.threads_per_worker(config, workers) == expected


def test_runners_resolved_threads_reach_the_workers_config():
    from narrative.engine.runners import with_threads

    config = {"engine": {"threads_per_worker": "auto", "spacy_batch_size": 8}, "models": {}}
    resolved = with_threads(config, 2)
    assert resolved["engine"] == {"threads_per_worker": 2, "spacy_batch_size": 8}
    assert config["engine"]["threads_per_worker"] == "auto"  # the caller's config is left alone


@pytest.mark.parametrize("bad", [-1, 1.5, "two", True])
def test_runners_threads_per_worker_invalid(bad):
    from narrative.engine.runners import threads_per_worker
    from narrative.errors import ConfigError

    with pytest.raises(ConfigError, match="threads_per_worker"):
        threads_per_worker({"engine": {"threads_per_worker": bad}})


def test_runners_ordered_does_not_submit_empty_chunks():
    submitted = []

    def submit(chunk):
        submitted.append(chunk)
        return _done([x + 1 for x in chunk])

    out = list(_ordered(submit, [[1], [], [2], []], window=2))
    assert out == [[2], [], [3], []]
    assert submitted == [[1], [2]]


@pytest.mark.parametrize("workers", [1, 2])
def test_runners_all_cached_chunks_load_no_model(monkeypatch, workers):
    # Every note found in the cache: empty chunks give empty results and no worker is initialised.
    import narrative.engine.runners as runners

    def fail(*args, **kwargs):
        raise AssertionError("a worker was started for an empty chunk")

    monkeypatch.setattr(runners, "_worker_init", fail)
    monkeypatch.setattr(runners, "process_chunk", fail)
    monkeypatch.setattr(runners, "ProcessPoolExecutor", fail if workers == 1 else runners.ProcessPoolExecutor)
    assert list(run_chunks([[], []], config={}, workers=workers)) == [[], []]


@pytest.mark.slow
def test_runners_worker_init_does_not_import_torch_but_sets_its_threads():
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from narrative.engine.runners import _worker_init\n"
        "_worker_init(1)\n"
        "print('torch' in sys.modules)\n"
        "import torch\n"
        "print(torch.get_num_threads())\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["False", "1"]


# --- AheadWorker: a forked process (Linux); the child inherits the monkeypatches, so no model loads


def _ahead_or_skip():
    from narrative.engine.runners import can_submit_ahead

    if not can_submit_ahead():
        pytest.skip("the look-ahead worker is forked (Linux)")


def _no_warm(monkeypatch):
    from narrative.engine.context import WorkerContext

    monkeypatch.setattr(WorkerContext, "warm", lambda self: None)


def test_runners_ahead_worker_returns_each_batch_in_order(monkeypatch):
    import narrative.engine.runners as runners

    _ahead_or_skip()
    _no_warm(monkeypatch)
    monkeypatch.setattr(runners, "process_chunk", lambda chunk, config, key: [n["id"] * 2 for n in chunk])
    worker = runners.AheadWorker({}, b"")
    try:
        worker.submit([[{"id": 1}, {"id": 2}], [], [{"id": 3}]])
        assert worker.result(2) == [6]  # the earlier result is kept for its turn
        assert worker.result(0) == [2, 4]
    finally:
        worker.close()


def test_runners_ahead_worker_raises_the_batch_error(monkeypatch):
    import narrative.engine.runners as runners

    _ahead_or_skip()
    _no_warm(monkeypatch)

    def fail(chunk, config, key):
        raise ValueError("bad chunk")

    monkeypatch.setattr(runners, "process_chunk", fail)
    worker = runners.AheadWorker({}, b"")
    try:
        worker.submit([[{"id": 1}]])
        with pytest.raises(ValueError, match="bad chunk"):
            worker.result(0)
    finally:
        worker.close()


def test_runners_ahead_worker_that_died_gives_no_result(monkeypatch):
    import os

    import narrative.engine.runners as runners

    _ahead_or_skip()
    _no_warm(monkeypatch)
    monkeypatch.setattr(runners, "process_chunk", lambda chunk, config, key: os._exit(3))
    worker = runners.AheadWorker({}, b"")
    try:
        worker.submit([[{"id": 1}]])
        assert worker.result(0) is None  # the caller processes the batch itself
    finally:
        worker.close()


def test_runners_ahead_worker_close_stops_it_while_it_loads(monkeypatch):
    import time

    from narrative.engine.context import WorkerContext
    from narrative.engine.runners import AheadWorker

    _ahead_or_skip()
    monkeypatch.setattr(WorkerContext, "warm", lambda self: time.sleep(60))
    worker = AheadWorker({}, b"")
    t0 = time.perf_counter()
    worker.close()
    assert time.perf_counter() - t0 < 10
    assert not worker._proc.is_alive()
    worker.close()  # idempotent


def test_runners_ahead_worker_calls_idle_while_the_results_are_not_there(monkeypatch):
    import time

    import narrative.engine.runners as runners

    _ahead_or_skip()
    _no_warm(monkeypatch)

    def slow(chunk, config, key):
        time.sleep(1.0)
        return [n["id"] for n in chunk]

    monkeypatch.setattr(runners, "process_chunk", slow)
    calls: list[int] = []

    def idle():
        calls.append(1)
        return len(calls) < 3  # work for two calls, then none

    worker = runners.AheadWorker({}, b"")
    try:
        worker.submit([[{"id": 1}]])
        assert worker.result(0, idle=idle) == [1]
        assert len(calls) == 3
    finally:
        worker.close()


def test_runners_ordered_calls_idle_until_the_result_is_done():
    pending = Future()
    calls: list[int] = []

    def idle():
        calls.append(1)
        if len(calls) == 2:
            pending.set_result([5])  # the worker finishes during the caller's second piece of work
        return True

    assert list(_ordered(lambda chunk: pending, [[1]], window=1, idle=idle)) == [[5]]
    assert len(calls) == 2
    assert list(_ordered(lambda chunk: _done([7]), [[1]], window=1, idle=idle)) == [[7]]
    assert len(calls) == 2  # a done result needs no waiting


# --- WorkerPool: the --workers N pool, started (and its models loaded) before the inputs are read


class _FakeExecutor:
    """Runs each task at once in this process; records what was submitted and the shutdowns."""

    def __init__(self, *args, **kwargs):
        self.submitted: list[str] = []
        self.shutdowns: list[tuple[bool, bool]] = []
        self._executor_manager_thread = _FakeThread()

    def submit(self, fn, *args):
        self.submitted.append(fn.__name__)
        f = Future()
        f.set_result(None if fn.__name__ == "_warm_worker" else fn(*args))
        return f

    def shutdown(self, wait=True, *, cancel_futures=False):
        self.shutdowns.append((wait, cancel_futures))


class _FakeThread:
    joined = 0

    def join(self):
        self.joined += 1


def _fake_pool_env(monkeypatch):
    import narrative.engine.runners as runners

    monkeypatch.setattr(runners, "ProcessPoolExecutor", _FakeExecutor)
    monkeypatch.setattr(runners, "process_chunk", lambda chunk, config, key: [n["id"] * 10 for n in chunk])
    return runners


def test_runners_worker_pool_warms_each_worker_when_started(monkeypatch):
    runners = _fake_pool_env(monkeypatch)
    pool = runners.start_pool({"engine": {"threads_per_worker": 1}}, b"k", workers=2)
    assert pool._pool.submitted == ["_warm_worker", "_warm_worker"]
    assert pool.config["engine"]["threads_per_worker"] == 1
    assert pool.submit([{"id": 2}]).result() == [20]


@pytest.mark.parametrize(("workers", "engine"), [(1, "local"), (2, "dask")])
def test_runners_start_pool_only_for_local_workers(monkeypatch, workers, engine):
    runners = _fake_pool_env(monkeypatch)
    assert runners.start_pool({}, b"", workers=workers, engine=engine) is None


def test_runners_worker_pool_close_without_waiting_then_wait(monkeypatch):
    runners = _fake_pool_env(monkeypatch)
    pool = runners.WorkerPool({"engine": {"threads_per_worker": 1}}, b"", 2)
    executor, manager = pool._pool, pool._pool._executor_manager_thread
    pool.close(wait=False)
    assert executor.shutdowns == [(False, True)] and manager.joined == 0
    pool.close()  # waits for the workers' exit, shuts down only once
    assert executor.shutdowns == [(False, True)] and manager.joined == 1
    pool.close()
    assert manager.joined == 1


def test_runners_run_chunks_uses_the_runs_pool_and_leaves_its_wait_to_the_caller(monkeypatch):
    runners = _fake_pool_env(monkeypatch)
    config = {"engine": {"threads_per_worker": 1}}
    pool = runners.start_pool(config, b"k", workers=2)
    out = list(
        run_chunks([[{"id": 1}], [], [{"id": 2}, {"id": 3}]], config=config, key=b"k", workers=2, pool=pool)
    )
    assert out == [[10], [], [20, 30]]
    assert pool._pool.submitted == ["_warm_worker", "_warm_worker", "<lambda>", "<lambda>"]
    assert pool._pool.shutdowns == [(False, True)]  # shut down without waiting for the workers' exit
    assert pool._manager is not None  # the caller's close() waits for it


@pytest.mark.parametrize(
    "other",
    [
        {"config": {"engine": {"threads_per_worker": 1, "spacy_batch_size": 8}}},
        {"key": b"other"},
        {"workers": 3},
    ],
)
def test_runners_run_chunks_replaces_a_pool_started_for_other_settings(monkeypatch, other):
    runners = _fake_pool_env(monkeypatch)
    config = {"engine": {"threads_per_worker": 1}}
    pool = runners.start_pool(config, b"k", workers=2)
    args = {"config": config, "key": b"k", "workers": 2, **other}
    out = list(run_chunks([[{"id": 1}]], pool=pool, **args))
    assert out == [[10]]
    assert pool._pool.submitted == ["_warm_worker", "_warm_worker"]  # closed, not used
    assert pool._pool.shutdowns == [(True, True)]


class _WritesAtTeardown:
    """Writes its file when freed: at the interpreter's clean-up, for one held by a module."""

    def __init__(self, path):
        self.path = path
        self.open = open  # builtins may be gone when it is freed

    def __del__(self):
        with self.open(self.path, "w") as fh:
            fh.write("freed")


_HELD = []


def _hold_until_exit(path):
    import os

    _HELD.append(_WritesAtTeardown(path))
    return os.getpid()


@pytest.mark.parametrize(("initializer", "torn_down"), [("_pool_worker_init", False), ("_worker_init", True)])
def test_runners_pool_worker_exits_without_tearing_down_its_objects(tmp_path, initializer, torn_down):
    import multiprocessing
    import time
    from concurrent.futures import ProcessPoolExecutor

    import psutil

    import narrative.engine.runners as runners

    marker = tmp_path / "freed"
    executor = ProcessPoolExecutor(
        max_workers=1,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=getattr(runners, initializer),
        initargs=(1,),
    )
    pid = executor.submit(_hold_until_exit, str(marker)).result(timeout=60)
    proc = psutil.Process(pid)
    executor.shutdown(wait=True)
    deadline = time.monotonic() + 30
    while proc.is_running() and proc.status() != psutil.STATUS_ZOMBIE and time.monotonic() < deadline:
        time.sleep(0.01)
    assert marker.exists() is torn_down
