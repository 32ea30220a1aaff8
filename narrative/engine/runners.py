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


def run_chunks(
    chunks: Iterable[Chunk],
    *,
    config: Mapping[str, Any],
    key: bytes = b"",
    workers: int = 1,
    engine: str = "local",
    scheduler: str | None = None,
    idle: Callable[[], bool] | None = None,
) -> Iterator[list[dict[str, Any]]]:
    """Process ``chunks`` of note dicts; yield each chunk's results in input order.

    ``idle``: called, for as long as it returns True, whenever a chunk's results are awaited
    from a worker (other work of the caller's, done while the workers work).
    """
    if engine not in ENGINES:
        raise NarrativeError(f"--engine: invalid value {engine!r}; expected one of {', '.join(ENGINES)}.")
    if workers < 1:
        raise NarrativeError(f"--workers: invalid value {workers}; expected a whole number >= 1.")
    threads = threads_per_worker(config, workers)
    config = with_threads(config, threads)
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
        yield from _run_pool(chunks, config=config, key=key, workers=workers, threads=threads, idle=idle)


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


def _run_pool(
    chunks: Iterable[Chunk],
    *,
    config: Mapping[str, Any],
    key: bytes,
    workers: int,
    threads: int,
    idle: Callable[[], bool] | None = None,
) -> Iterator[Chunk]:
    mp = multiprocessing.get_context("spawn")
    cfg = dict(config)
    with ProcessPoolExecutor(
        max_workers=workers, mp_context=mp, initializer=_worker_init, initargs=(threads,)
    ) as pool:

        def submit(chunk: Chunk) -> Future[Any]:
            return pool.submit(process_chunk, chunk, cfg, key)

        yield from _ordered(submit, chunks, window=2 * workers, idle=idle)


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
