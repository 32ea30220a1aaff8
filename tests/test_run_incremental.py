"""Incremental runs: only new notes are processed and only their clients' trajectories rebuilt (slow: real models)."""

from __future__ import annotations

import pandas as pd
import pytest

from narrative.config import load_config
from narrative.run import RunOptions, analyze

pytestmark = pytest.mark.slow

NOTES = [
    ("A1", 1, 'She said, "I am broken. I can\'t cope with work."'),
    ("A1", 2, 'She said she is starting to feel more in control. "I chose to call my sister."'),
    ("A1", 3, 'Chapter title: "Learning to Move". Client said, "I decided to go back to the gym."'),
    ("B2", 1, 'Client reports feeling stuck. "My anxiety made me cancel plans."'),
    ("B2", 2, 'He described himself as a failure. "Nothing I do matters."'),
    ("B2", 3, 'He said, "I managed to get to work every day this week." Title: "Still Standing".'),
]
NEW = ("A1", 4, 'She said, "I have been through hard things, and I find ways to cope."')


def _write(path, rows):
    lines = ["client_id,session,date,note"]
    for cid, session, text in rows:
        lines.append(f'{cid},{session},2025-02-{session:02d},"{text.replace(chr(34), chr(34) * 2)}"')
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _table(out, name):
    return pd.read_parquet(out / "tables" / f"{name}.parquet")


def test_incremental_run_processes_only_new_notes_and_changed_clients(tmp_path, key_file):
    config = load_config()
    first = _write(tmp_path / "week1.csv", NOTES)
    out = tmp_path / "out"
    opts = RunOptions(out=out, key_file=key_file, report=False, chunk_size=2)
    s1 = analyze([first], opts, config=config)
    assert (s1.cache_misses, s1.clients_reused) == (len(NOTES), 0)

    again = analyze([first], opts, config=config)
    assert (again.cache_hits, again.cache_misses, again.clients_reused) == (len(NOTES), 0, 2)

    second = _write(tmp_path / "week2.csv", [*NOTES, NEW])
    s2 = analyze([second], opts, config=config)
    assert (s2.cache_hits, s2.cache_misses) == (len(NOTES), 1)
    assert s2.clients_reused == 1  # B2 unchanged; A1 has a new session
    assert "1 of 2 client trajectories reused" in s2.to_text()

    # Same tables as a run from scratch over the same export.
    fresh = tmp_path / "fresh"
    analyze([second], RunOptions(out=fresh, key_file=key_file, report=False, use_cache=False), config=config)
    for name in ("statements", "scores", "trajectories", "shifts", "flags"):
        pd.testing.assert_frame_equal(_table(out, name), _table(fresh, name), check_exact=False, atol=1e-5)
    assert _table(out, "trajectories")["session"].max() == 4


def test_fully_cached_rerun_loads_no_model(demo_run, tmp_path, key_file, monkeypatch):
    # Notes, client trajectories and the de-identified texts of measures, goals and events all
    # come from the cache: neither the spaCy pipeline nor the de-identifier nor an encoder is used.
    import shutil

    import narrative.engine.context as context
    from narrative.ingest import demo_inputs
    from narrative.privacy.deid import Deidentifier

    def refuse(*args, **kwargs):
        raise AssertionError("a model was loaded in a fully cached re-run")

    out = tmp_path / "again"
    out.mkdir()
    shutil.copy(demo_run.out / "cache.sqlite", out / "cache.sqlite")
    monkeypatch.setattr(Deidentifier, "analyze", refuse)
    monkeypatch.setattr(context.WorkerContext, "nlp", property(refuse))
    monkeypatch.setattr(context.WorkerContext, "scorer", property(refuse))
    again = analyze(demo_inputs(), RunOptions(out=out, key_file=key_file, report=False), config=load_config())
    assert again.cache_misses == 0 and again.clients_reused == again.n_clients == demo_run.n_clients


def test_title_encoder_uses_the_note_stage_vectors_without_a_model():
    from narrative.config import load_config
    from narrative.run import _TitleEncoder

    enc = _TitleEncoder(load_config(), b"")
    enc.start_client({"Walking Forward": [0.6, 0.8], "Stuck": [1.0, 0.0]})
    out = enc.encode(["Stuck", "Walking Forward"])
    assert out.tolist() == [[1.0, 0.0], [0.6000000238418579, 0.800000011920929]]
    assert enc._encoder is None  # no embedding model was loaded


def test_note_stage_embeds_each_chapter_title_for_the_trajectory_stage(key_file):
    from narrative.engine.batch import process_chunk
    from narrative.types import Note

    note = Note(note_id="n1", client_id="c1", session=1, text='She titled this chapter "Walking Forward."')
    (res,) = process_chunk([note.to_dict()], load_config(), b"k")
    (tv,) = res["title_vectors"]
    assert tv["text"] == "Walking Forward" and len(tv["vector"]) == 384
    assert abs(sum(x * x for x in tv["vector"]) - 1.0) < 1e-4  # L2-normalised


def _same_csv_tables(a, b):
    from narrative.run import TABLES

    for name in TABLES:
        assert (a / "tables" / f"{name}.csv").read_bytes() == (b / "tables" / f"{name}.csv").read_bytes(), (
            name
        )


def test_incremental_run_tables_are_byte_identical_to_a_fresh_run_and_a_changed_note_is_redone(
    tmp_path, key_file
):
    config = load_config()
    out = tmp_path / "out"
    opts = RunOptions(out=out, key_file=key_file, report=False, chunk_size=2)
    analyze([_write(tmp_path / "week1.csv", NOTES)], opts, config=config)

    # B2's second note is edited: only that note is processed again and only B2's series rebuilt
    edited = [
        *NOTES[:4],
        ("B2", 2, 'He described himself as a failure. "Nothing I try matters."'),
        NOTES[5],
        NEW,
    ]
    export = _write(tmp_path / "week2.csv", edited)
    s2 = analyze([export], opts, config=config)
    assert (s2.cache_hits, s2.cache_misses, s2.clients_reused) == (len(NOTES) - 1, 2, 0)

    fresh = tmp_path / "fresh"
    analyze([export], RunOptions(out=fresh, key_file=key_file, report=False, use_cache=False), config=config)
    _same_csv_tables(out, fresh)
    _same_parquet_tables(out, fresh)

    again = analyze([export], opts, config=config)  # everything reused
    assert (again.cache_misses, again.clients_reused) == (0, 2)
    _same_csv_tables(out, fresh)
    _same_parquet_tables(out, fresh)


def _same_parquet_tables(a, b):
    import pyarrow.parquet as pq

    from narrative.run import TABLES

    for name in TABLES:
        left, right = (pq.read_table(x / "tables" / f"{name}.parquet") for x in (a, b))
        assert left.schema == right.schema and left.to_pylist() == right.to_pylist(), name


def test_trajectory_cache_written_by_an_interrupted_run_gives_a_full_runs_tables(
    tmp_path, key_file, monkeypatch
):
    import narrative.run as run

    config = load_config()
    out = tmp_path / "out"
    opts = RunOptions(out=out, key_file=key_file, report=False, chunk_size=2)
    analyze([_write(tmp_path / "week1.csv", NOTES)], opts, config=config)
    export = _write(
        tmp_path / "week2.csv", [*NOTES[:4], ("B2", 2, 'He said, "Nothing I try matters."'), NOTES[5], NEW]
    )

    # The week-2 run stops after both clients' new series went into the cache (flushed one
    # client at a time), before any table is moved into place.
    monkeypatch.setattr(run, "TRAJECTORY_CACHE_FLUSH", 1)
    real_write_table = run.write_table

    def stop(directory, name, *args, **kwargs):
        if name == "flags":
            raise KeyboardInterrupt
        return real_write_table(directory, name, *args, **kwargs)

    monkeypatch.setattr(run, "write_table", stop)
    with pytest.raises(KeyboardInterrupt):
        analyze([export], opts, config=config)
    monkeypatch.setattr(run, "write_table", real_write_table)

    resumed = analyze([export], opts, config=config)
    assert (resumed.cache_misses, resumed.clients_reused) == (0, 2)  # everything came from the cache
    fresh = tmp_path / "fresh"
    analyze([export], RunOptions(out=fresh, key_file=key_file, report=False, use_cache=False), config=config)
    _same_csv_tables(out, fresh)
    _same_parquet_tables(out, fresh)


def test_trajectory_cache_key_changes_with_the_version_and_the_clients_statements():
    from narrative.run import _client_key

    base = _client_key("v1", "C-1", ['{"a": 1}', '{"b": 2}'])
    assert base.startswith("client:")
    assert _client_key("v2", "C-1", ['{"a": 1}', '{"b": 2}']) != base  # models, settings, config, key
    assert _client_key("v1", "C-2", ['{"a": 1}', '{"b": 2}']) != base
    assert _client_key("v1", "C-1", ['{"a": 1}']) != base  # a statement fewer
    assert _client_key("v1", "C-1", ['{"b": 2}', '{"a": 1}']) != base  # another order


def test_rerun_starts_its_new_notes_ahead_in_a_worker_with_the_same_tables(tmp_path, key_file, monkeypatch):
    # A one-worker re-run finds its new note from the cache's keys before the stream reaches it
    # and processes it in a forked worker (never through the in-process engine), with the tables
    # of a re-run that processes it in this process.
    import shutil

    import narrative.run as run_module
    from narrative.engine.runners import can_submit_ahead

    if not can_submit_ahead():
        pytest.skip("the look-ahead worker is forked (Linux)")
    config = load_config()
    first = _write(tmp_path / "week1.csv", NOTES)
    second = _write(tmp_path / "week2.csv", [NOTES[0], NEW, *NOTES[1:]])
    ahead, here = tmp_path / "ahead", tmp_path / "here"
    analyze([first], RunOptions(out=ahead, key_file=key_file, report=False, chunk_size=2), config=config)
    here.mkdir()
    shutil.copy(ahead / "cache.sqlite", here / "cache.sqlite")

    def refuse(*args, **kwargs):
        raise AssertionError("the new note was processed in this process")

    with monkeypatch.context() as m:
        m.setattr(run_module, "run_chunks", refuse)
        s_ahead = analyze(
            [second], RunOptions(out=ahead, key_file=key_file, report=False, chunk_size=2), config=config
        )
    monkeypatch.setattr(run_module, "LOOKAHEAD_MAX_CHUNKS", 0)
    s_here = analyze(
        [second], RunOptions(out=here, key_file=key_file, report=False, chunk_size=2), config=config
    )
    assert (
        (s_ahead.cache_hits, s_ahead.cache_misses)
        == (s_here.cache_hits, s_here.cache_misses)
        == (len(NOTES), 1)
    )
    for name in ("notes", "statements", "scores", "trajectories", "shifts", "flags", "benchmarks"):
        pd.testing.assert_frame_equal(_table(ahead, name), _table(here, name), check_exact=True)


def test_rerun_builds_complete_clients_while_it_waits_for_its_new_notes(tmp_path, key_file, monkeypatch):
    # The new note comes last: while the look-ahead worker processes it, the client whose notes are
    # all written (B2) is built for the trajectory stage; the tables are those of a re-run that
    # processes the new note in this process and builds every client afterwards.
    import shutil

    import narrative.run as run_module
    from narrative.engine.runners import can_submit_ahead

    if not can_submit_ahead():
        pytest.skip("the look-ahead worker is forked (Linux)")
    config = load_config()
    first = _write(tmp_path / "week1.csv", NOTES)
    second = _write(tmp_path / "week2.csv", [*NOTES, NEW])
    ahead, here = tmp_path / "ahead", tmp_path / "here"
    analyze([first], RunOptions(out=ahead, key_file=key_file, report=False, chunk_size=2), config=config)
    here.mkdir()
    shutil.copy(ahead / "cache.sqlite", here / "cache.sqlite")

    built_ahead: list[str] = []
    prepare = run_module._ClientBuilder.prepare

    def recording(self, client_id):
        built_ahead.append(client_id)
        return prepare(self, client_id)

    with monkeypatch.context() as m:
        m.setattr(run_module._ClientBuilder, "prepare", recording)
        s_ahead = analyze(
            [second], RunOptions(out=ahead, key_file=key_file, report=False, chunk_size=2), config=config
        )
    b2 = _table(ahead, "notes").query("session == 2")["client_id"].tolist()
    assert len(built_ahead) == 1 and built_ahead[0] in b2 and len(set(b2)) == 2
    a1 = set(_table(ahead, "notes").query("session == 4")["client_id"])
    assert built_ahead[0] not in a1  # A1 waits for its new note
    monkeypatch.setattr(run_module, "LOOKAHEAD_MAX_CHUNKS", 0)
    s_here = analyze(
        [second], RunOptions(out=here, key_file=key_file, report=False, chunk_size=2), config=config
    )
    assert (s_ahead.cache_hits, s_ahead.cache_misses, s_ahead.clients_reused) == (len(NOTES), 1, 1)
    assert (s_here.cache_hits, s_here.cache_misses, s_here.clients_reused) == (len(NOTES), 1, 1)
    for name in (
        "notes",
        "statements",
        "scores",
        "trajectories",
        "shifts",
        "flags",
        "benchmarks",
        "outcomes",
    ):
        pd.testing.assert_frame_equal(_table(ahead, name), _table(here, name), check_exact=True)
