"""The Dask engine on a distributed.LocalCluster with 2 workers gives the local engine's output.

Text, ids, offsets, flags and every categorical value must be identical; floating-point
scores may differ in the last printed digit (1e-6), because BLAS kernels on different
processes do not sum in the same order.
"""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from narrative.config import load_config
from narrative.ingest import demo_inputs
from narrative.run import RunOptions, analyze

pytestmark = pytest.mark.slow


def _close(a, b, atol=1e-5):
    """Equal, with floats (also inside JSON cells) compared to ``atol``."""
    if isinstance(a, str) and isinstance(b, str) and a[:1] in "[{" and b[:1] in "[{":
        try:
            return _close(json.loads(a), json.loads(b), atol)
        except json.JSONDecodeError:
            return a == b
    if isinstance(a, float) and isinstance(b, float):
        return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= atol
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k], atol) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y, atol) for x, y in zip(a, b, strict=True))
    return a == b or (a != a and b != b)


def test_dask_engine_output_equals_local_engine(demo_run, tmp_path, key_file):
    pytest.importorskip("distributed")
    opts = RunOptions(
        out=tmp_path / "dask", key_file=key_file, engine="dask", workers=2, use_cache=False, report=False
    )
    summary = analyze(demo_inputs(), opts, config=load_config())
    assert summary.n_notes == demo_run.n_notes
    assert summary.flags_by_rule == demo_run.flags_by_rule
    for name in ("notes", "statements", "scores", "shifts", "trajectories", "flags"):
        got = pd.read_parquet(tmp_path / "dask" / "tables" / f"{name}.parquet")
        want = pd.read_parquet(demo_run.out / "tables" / f"{name}.parquet")
        assert list(got.columns) == list(want.columns) and len(got) == len(want), name
        for column in got.columns:
            pairs = zip(got[column].tolist(), want[column].tolist(), strict=True)
            bad = [i for i, (x, y) in enumerate(pairs) if not _close(x, y)]
            assert not bad, f"{name}.{column} differs in rows {bad[:5]}"
