"""The cache/spool JSON codec round-trips values as the json module did."""

from __future__ import annotations

import datetime as dt
import json
import math

import numpy as np
import pytest

from narrative.engine import codec

VALUES = [
    {"a": 1, "b": [1.5, None, True], "c": {"d": "x"}},
    {"evidence": ["agency.volition", "pol.model"], "p": 0.1234567, "tiny": 1e-05, "big": 1e20},
    {"text": "é “quoted” — 日本", "n": 12345678901234567890},
    [("tuple", 1), {"nested": []}],
    {1: "int key"},
]


@pytest.mark.parametrize("value", VALUES)
def test_codec_round_trips_like_json(value):
    ref = json.loads(json.dumps(value, separators=(",", ":"), default=str))
    assert codec.loads(codec.dumps(value)) == ref
    assert codec.loads(codec.dumps_text(value)) == ref
    assert codec.loads(json.dumps(value, default=str)) == ref  # values written by the json module read back


def test_codec_dates_are_written_as_str_writes_them():
    value = {"d": dt.date(2025, 1, 2), "t": dt.datetime(2025, 1, 2, 3, 4)}
    assert codec.loads(codec.dumps(value)) == {"d": "2025-01-02", "t": "2025-01-02 03:04:00"}


def test_codec_numpy_numbers_become_numbers():
    assert codec.loads(codec.dumps({"x": np.float32(0.5), "n": np.int64(3), "v": np.arange(2.0)})) == {
        "x": 0.5,
        "n": 3,
        "v": [0.0, 1.0],
    }


@pytest.mark.parametrize("bad", [float("nan"), float("inf"), -float("inf")])
def test_codec_keeps_non_finite_numbers(bad):
    """orjson alone would write null; the json module's NaN/Infinity is kept and read back."""
    got = codec.loads(codec.dumps({"v": [1.0, bad]}))["v"][1]
    assert (math.isnan(got) and math.isnan(bad)) or got == bad
