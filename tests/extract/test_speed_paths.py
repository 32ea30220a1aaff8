"""Structural speed properties of the extraction components (slow: needs the parse).

Outputs are pinned by the other extract tests; these pin the cheap paths, which a refactor can
quietly lose without any output changing.
"""

from __future__ import annotations

import builtins

import pytest

pytestmark = pytest.mark.slow

# a transcript with a turn label, a quotation and reported speech: the voice and normalization
# helpers that used to import from clauses inside each call all run on it
NOTE = (
    "Transcript excerpt. C: I went to the hearing on my own.\n"
    'Client said "I\'m not a coward anymore." She described herself as a burden at home. '
    "Pt reports she walked to the shop twice."
)


def test_extract_runs_no_import_statement_per_note(nlp, monkeypatch):
    nlp(NOTE)  # (first use: models and lazily loaded backends)
    seen: list[tuple[str, str]] = []
    real = builtins.__import__

    def counting(name, globals=None, locals=None, fromlist=(), level=0):  # noqa: A002 - __import__'s names
        module = (globals or {}).get("__name__", "")
        if module.startswith("narrative.extract"):
            seen.append((module, name))
        return real(name, globals, locals, fromlist, level)

    monkeypatch.setattr(builtins, "__import__", counting)
    doc = nlp(NOTE)
    monkeypatch.setattr(builtins, "__import__", real)
    assert doc.spans.get("self_descriptions")  # (the components ran and found something)
    assert seen == []


def test_extensions_span_values_are_what_the_accessor_gives(nlp):
    from narrative.extract.extensions import SPAN_EXTENSIONS, span_values

    doc = nlp(NOTE)
    spans = [s for group in doc.spans for s in doc.spans[group]]
    assert spans
    for span in [*spans, doc[0:2]]:  # (the last one has no values set: the defaults)
        assert span_values(span) == {name: getattr(span._, name) for name in SPAN_EXTENSIONS}
    assert span_values(doc[0:2]) == SPAN_EXTENSIONS


def test_extensions_set_span_values_is_read_back_by_the_accessor(nlp):
    from narrative.extract.extensions import set_span_values

    doc = nlp.make_doc("She is a good listener. He left.")
    span = doc[0:5]
    set_span_values(span, voice="reported", polarity="positive", evidence=("x",), negated=True)
    assert (span._.voice, span._.polarity, span._.evidence, span._.negated) == (
        "reported",
        "positive",
        ("x",),
        True,
    )
    assert doc[6:8]._.voice is None  # (another span's values untouched)
    with pytest.raises(KeyError):
        set_span_values(span, not_an_extension=1)


def test_bench_extract_component_times_covers_every_narrative_component(nlp):
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "scripts" / "bench_extract.py"
    spec = importlib.util.spec_from_file_location("bench_extract", path)
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)
    times = bench.component_times(nlp, [NOTE, "Client attended. No change."], repeats=2)
    expected = [p for p in nlp.pipe_names if p.startswith("narrative_")] + ["statements"]
    assert sorted(times) == sorted(expected)
    assert all(seconds >= 0.0 for seconds in times.values())
    assert nlp(NOTE).spans.get("self_descriptions")  # (the timed runs left the pipeline as it was)
