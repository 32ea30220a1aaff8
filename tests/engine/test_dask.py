"""The Dask engine on a distributed.LocalCluster with 2 workers gives the local engine's output."""

from __future__ import annotations

import hashlib

import pytest

from narrative.config import load_config
from narrative.ingest import demo_inputs
from narrative.run import RunOptions, analyze

pytestmark = pytest.mark.slow


def test_dask_engine_output_equals_local_engine(demo_run, tmp_path, key_file):
    pytest.importorskip("distributed")
    opts = RunOptions(
        out=tmp_path / "dask", key_file=key_file, engine="dask", workers=2, use_cache=False, report=False
    )
    summary = analyze(demo_inputs(), opts, config=load_config())
    assert summary.n_notes == demo_run.n_notes
    for name in ("notes", "statements", "scores", "shifts", "trajectories", "flags"):
        got = hashlib.sha256((tmp_path / "dask" / "tables" / f"{name}.csv").read_bytes()).hexdigest()
        want = hashlib.sha256((demo_run.out / "tables" / f"{name}.csv").read_bytes()).hexdigest()
        assert got == want, name
