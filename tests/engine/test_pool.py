"""A first run with ``--workers 2`` (local engine) uses the pool started before the inputs are read,
and writes the one-worker run's tables byte for byte."""

from __future__ import annotations

import pytest

from narrative.config import load_config
from narrative.ingest import demo_inputs
from narrative.run import RunOptions, analyze

pytestmark = pytest.mark.slow


def test_pool_early_started_run_equals_one_worker_run(demo_run, tmp_path, key_file, monkeypatch):
    import narrative.engine.runners as runners
    import narrative.run as run_module

    started = []
    submitted = []
    start_pool = run_module._start_pool
    submit = runners.WorkerPool.submit

    def recording_start(*args, **kwargs):
        pool = start_pool(*args, **kwargs)
        started.append(pool)
        return pool

    def recording_submit(self, chunk):
        submitted.append(self)
        return submit(self, chunk)

    monkeypatch.setattr(run_module, "_start_pool", recording_start)
    monkeypatch.setattr(runners.WorkerPool, "submit", recording_submit)
    out = tmp_path / "two"
    summary = analyze(demo_inputs(), RunOptions(out=out, key_file=key_file, workers=2), config=load_config())
    assert len(started) == 1 and started[0] is not None
    assert submitted and all(pool is started[0] for pool in submitted)  # the early pool, not a new one
    assert summary.n_notes == demo_run.n_notes
    for name in ("notes", "statements", "scores", "shifts", "trajectories", "benchmarks", "flags"):
        for ext in ("parquet", "csv"):
            got = (out / "tables" / f"{name}.{ext}").read_bytes()
            assert got == (demo_run.out / "tables" / f"{name}.{ext}").read_bytes(), f"{name}.{ext}"
