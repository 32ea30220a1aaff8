"""Engines that run :func:`~narrative.engine.batch.process_chunk` over a stream of chunks.

- ``local`` with one worker: in this process.
- ``local`` with N workers: a pool of N spawned processes, each loading the
  models once (one torch/BLAS thread each, so N workers use N cores).
- ``dask``: the same function on a Dask cluster, either an existing scheduler
  (``scheduler="tcp://host:8786"``) or a ``distributed.LocalCluster`` started
  for the run. Each worker keeps its models in a process-wide cache.

All engines keep a bounded number of chunks in flight (memory stays flat) and
yield results in input order, so the output is identical whichever engine ran.
An empty chunk (every note found in the cache) yields ``[]`` without touching a
worker, so a local run whose notes are all cached loads no note model.
"""

from __future__ import annotations

import atexit
import collections
import contextlib
import logging
import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

from ..errors import ConfigError, NarrativeError
from .batch import process_chunk
from .context import set_offline_env

logger = logging.getLogger(__name__)

Chunk = list[dict[str, Any]]
ENGINES = ("local", "dask")


def available_cores() -> int:
    """Cores this process may run on (its CPU affinity where the platform reports it)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - macOS, Windows
        return max(1, os.cpu_count() or 1)


def threads_per_worker(config: Mapping[str, Any], workers: int = 1) -> int:
    """``engine.threads_per_worker`` for a run with ``workers`` worker processes.

    "auto" (the default) shares the cores among the workers: a one-worker run gives the
    sentence encoder every core, ``--workers N`` gives each worker cores // N (at least one), so
    the processes never oversubscribe the machine. A whole number is used as given (0 = the
    libraries' own default).
    """
    raw = (config.get("engine") or {}).get("threads_per_worker", "auto")
    if raw == "auto":
        return max(1, available_cores() // max(1, workers))
    if isinstance(raw, bool) or not isinstance(raw, int) or raw < 0:
        raise ConfigError(
            f'engine.threads_per_worker: invalid value {raw!r}; expected "auto" or a whole number >= 0 '
            "(0 = library default)."
        )
    return raw


def with_threads(config: Mapping[str, Any], threads: int) -> dict[str, Any]:
    """``config`` with ``engine.threads_per_worker`` resolved to ``threads`` (what each worker's
    models read)."""
    return {**config, "engine": {**(config.get("engine") or {}), "threads_per_worker": threads}}


def _worker_init(threads: int) -> None:
    """Offline mode and ``threads`` compute threads for this process's models.

    PyTorch is not imported here (the ONNX runtime needs none of it): one imported
    later reads its thread count from ``OMP_NUM_THREADS``; one already imported is set.
    """
    set_offline_env()
    if threads <= 0:
        return
    os.environ["OMP_NUM_THREADS"] = str(threads)
    os.environ["MKL_NUM_THREADS"] = str(threads)
    torch = sys.modules.get("torch")
    if torch is not None:
        torch.set_num_threads(threads)


def _pool_worker_init(threads: int) -> None:
    """:func:`_worker_init` for a :class:`WorkerPool` process, which also ends without tearing down
    its models when it exits.

    A pool worker exits once the pool has shut down, after its last task's result was written to
    the pool (synchronously) and after multiprocessing's own exit work (which runs before the
    interpreter's exit handlers). What is left is the interpreter's clean-up: freeing the spaCy
    pipeline, the sentence encoder and the de-identifier object by object, about 0.4 s of CPU per
    worker that the run does not need and that competes with its last stage (trajectories, tables)
    for the cores. The handler registered here (exit handlers run last registered first: it runs
    after those registered later, while the worker processed its chunks, and instead of those
    registered before it started) flushes the logging handlers and the standard streams and ends
    the process at once. Its status is 0: the pool reads none (a worker that dies is found by its
    sentinel). The in-process and Dask runs keep :func:`_worker_init`.
    """
    _worker_init(threads)
    atexit.register(_exit_now)


def _exit_now() -> None:
    """End this process at once, status 0 (a pool worker's exit handler: :func:`_pool_worker_init`)."""
    with contextlib.suppress(Exception):
        logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(Exception):
            stream.flush()
    os._exit(0)


def run_chunks(
    chunks: Iterable[Chunk],
    *,
    config: Mapping[str, Any],
    key: bytes = b"",
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    idle: Callable[[], bool] | None = None,
    pool: WorkerPool | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Process ``chunks`` of note dicts; yield each chunk's results in input order.

    ``idle``: called, for as long as it returns True, whenever a chunk's results are awaited
    from a worker (other work of the caller's, done while the workers work).
    ``pool``: a :class:`WorkerPool` started earlier for this run (``--workers N``, local engine);
    its workers process the chunks, and it is shut down once the last chunk's results are in,
    without waiting for its processes to exit (the caller's ``pool.close()`` does). One started
    for another configuration, key or number of workers is closed and a new pool is used.
    """
    if engine not in ENGINES:
        raise NarrativeError(f"--engine: invalid value {engine!r}; expected one of {', '.join(ENGINES)}.")
    if workers < 1:
        raise NarrativeError(f"--workers: invalid value {workers}; expected a whole number >= 1.")
    threads = threads_per_worker(config, workers)
    config = with_threads(config, threads)
    if pool is not None and not (
        engine == "local" and workers > 1 and pool.fits(config=config, key=key, workers=workers)
    ):
        pool.close()
        pool = None
    if engine == "dask":
        yield from _run_dask(
            chunks, config=config, key=key, workers=workers, scheduler=scheduler, threads=threads, idle=idle
        )
    elif workers == 1:
        initialised = False
        for chunk in chunks:
            if not chunk:
                yield []
                continue
            if not initialised:
                _worker_init(threads)
                initialised = True
            yield process_chunk(chunk, config, key)
    else:
        # a pool of the caller's is shut down without waiting for its workers to exit (their exit,
        # freeing their models, overlaps with the caller's next stage; the caller waits for it when
        # it closes the pool); one started here is waited for
        own = pool is None
        pool = pool or WorkerPool(config, key, workers, warm=False)
        try:
            yield from _ordered(pool.submit, chunks, window=2 * workers, idle=idle)
        finally:
            pool.close(wait=own)


def can_submit_ahead() -> bool:
    """Whether an :class:`AheadWorker` can start here: by ``fork``, on Linux only.

    ``fork`` starts the worker without importing the caller's main module again (a script
    without a ``__main__`` guard would otherwise run a second time in the worker) and without
    importing the package a second time; the forking process has loaded no model yet.
    """
    return sys.platform == "linux" and "fork" in multiprocessing.get_all_start_methods()


class AheadWorker:
    """One forked process that loads the models at once and processes, in order, the batches it is
    given later: a re-run's few new notes, known only once the inputs are read.

    Started before the inputs are read, the worker loads the models while this process reads them
    and finds the cache misses; the misses then go to it in one message (:meth:`submit`) and each
    batch's results come back in order (:meth:`result`). It gets the configuration a one-worker
    run gives its models (same threads), so its results equal the in-process ones. :meth:`close`
    stops it at any point (a re-run that turns out to need it not at all).
    """

    def __init__(self, config: Mapping[str, Any], key: bytes = b"") -> None:
        threads = threads_per_worker(config, 1)
        ctx = multiprocessing.get_context("fork")
        self._conn, child = ctx.Pipe()
        self._proc = ctx.Process(
            target=_ahead_main,
            args=(child, with_threads(config, threads), key, threads),
            name="narrative-ahead",
            daemon=True,
        )
        self._proc.start()
        child.close()
        self._sender: threading.Thread | None = None
        self._received: dict[int, tuple[str, Any]] = {}
        self._broken = False

    def submit(self, batches: Sequence[Chunk]) -> None:
        """Send the batches (empty ones are not processed; their result is ``[]``)."""
        work = [(i, batch) for i, batch in enumerate(batches) if batch]
        # sent from a thread: the worker reads the message only once its models are loaded
        self._sender = threading.Thread(target=self._send, args=(work,), daemon=True)
        self._sender.start()

    def _send(self, work: list[tuple[int, Chunk]]) -> None:
        # the worker stopped (or was closed) meanwhile: result() reports it
        with contextlib.suppress(OSError, ValueError):
            self._conn.send(work)

    def result(self, index: int, *, idle: Callable[[], bool] | None = None) -> list[dict[str, Any]] | None:
        """The results of batch ``index`` of :meth:`submit`; None when the worker has stopped
        (killed, out of memory), so the caller processes the batch itself. An error raised by
        the processing is raised here. While the results are not there, ``idle`` is called for as
        long as it returns True (other work of the caller's, done meanwhile)."""
        while index not in self._received and not self._broken:
            while idle is not None and not self._conn.poll() and idle():
                pass
            try:
                i, status, value = self._conn.recv()
            except (EOFError, OSError):
                self._broken = True
                logger.warning("the look-ahead worker stopped; processing its notes in this process")
                break
            self._received[i] = (status, value)
        found = self._received.pop(index, None)
        if found is None:
            return None
        status, value = found
        if status == "error":
            raise value
        return value

    def close(self) -> None:
        """Stop the worker (at once if it is still busy) and release the pipe; idempotent."""
        if self._proc.is_alive():
            self._proc.terminate()
        self._proc.join()
        self._conn.close()


def _ahead_main(conn: Any, config: Mapping[str, Any], key: bytes, threads: int) -> None:
    """The :class:`AheadWorker` process: load the models, then process the batches sent."""
    from .context import get_context

    _worker_init(threads)
    # a model that fails to load fails the first batch too, which reports the error
    with contextlib.suppress(Exception):
        get_context(config, key).warm()
    try:
        work = conn.recv()
    except EOFError:
        return
    for i, batch in work:
        try:
            reply = (i, "ok", process_chunk(batch, config, key))
        except Exception as exc:  # noqa: BLE001 - raised in the main process by AheadWorker.result
            reply = (i, "error", exc)
        conn.send(reply)


def _ordered(
    submit: Any, chunks: Iterable[Chunk], window: int, idle: Callable[[], bool] | None = None
) -> Iterator[Any]:
    """Submit chunks keeping at most ``window`` in flight; yield results in order.

    Empty chunks are not submitted (their result is ``[]``): a local pool spawns
    its workers, and loads their models, only once there is a note to process.
    While a result is not done, ``idle`` is called for as long as it returns True.
    """
    pending: collections.deque[Any] = collections.deque()
    for chunk in chunks:
        pending.append(submit(chunk) if chunk else None)
        if len(pending) >= window:
            yield _result(pending.popleft(), idle)
    while pending:
        yield _result(pending.popleft(), idle)


def _result(future: Any, idle: Callable[[], bool] | None = None) -> Any:
    if future is None:
        return []
    while idle is not None and not future.done() and idle():
        pass
    return future.result()


class WorkerPool:
    """The local engine's ``--workers N`` processes (spawned), each loading the models once.

    Started with ``warm=True`` before the run reads its inputs (:func:`start_pool`), each worker
    loads its models at once (:meth:`WorkerContext.warm <narrative.engine.context.WorkerContext.warm>`,
    as its first chunk would, so the results are the same), while this process reads the inputs:
    on two cores the models' load then overlaps with the reading, de-identifying and spooling
    that precede the first chunk, instead of following them.
    """

    def __init__(self, config: Mapping[str, Any], key: bytes, workers: int, *, warm: bool = True) -> None:
        """``config``: the configuration the workers' models read, ``engine.threads_per_worker``
        resolved (:func:`with_threads`)."""
        self.config = dict(config)
        self.key = key
        self.workers = workers
        threads = self.config["engine"]["threads_per_worker"]
        self._pool = ProcessPoolExecutor(
            max_workers=workers,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_pool_worker_init,
            initargs=(threads,),
        )
        self._manager: threading.Thread | None = None
        self._closed = False
        # one warm-up per worker: the executor starts a process for each task submitted while
        # none is idle, and a worker busy loading its models takes no second warm-up (were it
        # to, the other would load its models with its first chunk: same results)
        self._warm = [
            self._pool.submit(_warm_worker, self.config, key) for _ in range(workers if warm else 0)
        ]

    def fits(self, *, config: Mapping[str, Any], key: bytes, workers: int) -> bool:
        """Whether this pool's workers run ``config`` (threads resolved) and ``key`` with ``workers``."""
        return (
            not self._closed and self.workers == workers and self.key == key and self.config == dict(config)
        )

    def submit(self, chunk: Chunk) -> Future[Any]:
        return self._pool.submit(process_chunk, chunk, self.config, self.key)

    def close(self, *, wait: bool = True) -> None:
        """Shut the pool down (pending chunks are cancelled). ``wait=False`` returns at once: the
        workers exit in the background, and a later ``close()`` waits for them. Idempotent."""
        if not self._closed:
            self._closed = True
            # the executor forgets its management thread on shutdown: kept to wait for it later
            self._manager = getattr(self._pool, "_executor_manager_thread", None)
            self._pool.shutdown(wait=wait, cancel_futures=True)
        if wait and self._manager is not None:
            self._manager.join()
            self._manager = None


def _warm_worker(config: Mapping[str, Any], key: bytes) -> None:
    """A pool worker's first task: load the models (a model that fails to load fails the first
    chunk too, which reports the error)."""
    from .context import get_context

    with contextlib.suppress(Exception):
        get_context(config, key).warm()


def start_pool(
    config: Mapping[str, Any], key: bytes, *, workers: int, engine: str = "local"
) -> WorkerPool | None:
    """A warm :class:`WorkerPool` for a ``--workers N`` local run (N > 1), started now; None for a
    one-worker or Dask run."""
    if engine != "local" or workers < 2:
        return None
    return WorkerPool(with_threads(config, threads_per_worker(config, workers)), key, workers)


def _run_dask(
    chunks: Iterable[Chunk],
    *,
    config: Mapping[str, Any],
    key: bytes,
    workers: int,
    scheduler: str | None,
    threads: int,
    idle: Callable[[], bool] | None = None,
) -> Iterator[Chunk]:
    try:
        from distributed import Client, LocalCluster
    except ImportError as exc:  # pragma: no cover - dask[distributed] is a dependency
        raise NarrativeError(
            "--engine dask needs the 'distributed' package (pip install 'dask[distributed]')."
        ) from exc

    cluster = None
    if scheduler:
        client = Client(scheduler, timeout="30s")
    else:
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
        client = Client(cluster)
    try:
        client.run(_worker_init, threads)
        cfg = dict(config)
        n_workers = max(1, len(client.scheduler_info().get("workers", {})))

        def submit(chunk: Chunk) -> Any:
            return client.submit(process_chunk, chunk, cfg, key, pure=False)

        yield from _ordered(submit, chunks, window=2 * n_workers, idle=idle)
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
