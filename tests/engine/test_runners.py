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
