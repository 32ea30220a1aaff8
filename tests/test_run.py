"""End-to-end runs of `analyze` on the demo caseload (slow: real models)."""

from __future__ import annotations

import hashlib
import json
import shutil

import pandas as pd
import pytest

from narrative.config import load_config
from narrative.ingest import demo_inputs
from narrative.run import TABLES, RunOptions, analyze

pytestmark = pytest.mark.slow


def _digest(folder):
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(folder.iterdir()) if p.is_file()
    }


def test_run_writes_every_table_and_manifest(demo_run):
    out = demo_run.out
    for name in TABLES:
        assert (out / "tables" / f"{name}.parquet").exists(), name
        assert (out / "tables" / f"{name}.csv").exists(), name
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["counts"]["notes"] == demo_run.n_notes > 0
    assert all(len(f["sha256"]) == 64 for f in manifest["inputs"])
    assert manifest["versions"]["spacy_model"] == "en_core_web_sm"


def test_run_counts_every_row(demo_run):
    for c in demo_run.inputs:
        assert c.read == c.accepted + c.rejected


def test_run_excludes_opted_out_client_everywhere(demo_run):
    consent = pd.read_csv(demo_inputs()[0].parent / "consent.csv", dtype=str)
    opted = consent[consent["opted_out"].str.lower().isin(["yes", "true", "1"])]
    assert len(opted) >= 1
    assert demo_run.n_excluded >= 1
    tables = demo_run.out / "tables"
    n_clients = pd.read_parquet(tables / "notes.parquet")["client_id"].nunique()
    assert n_clients == demo_run.n_clients
    for raw in opted["client_id"]:
        for name in TABLES:
            text = (tables / f"{name}.csv").read_text(encoding="utf-8")
            assert raw not in text, f"opted-out client id {raw} in {name}"


def test_run_pseudonymises_client_ids(demo_run):
    notes = pd.read_parquet(demo_run.out / "tables" / "notes.parquet")
    assert notes["client_id"].str.startswith("C-").all()
    assert not notes["client_id"].str.match(r"D\d{3}$").any()


def test_run_statements_carry_offsets_voice_and_evidence(demo_run):
    st = pd.read_parquet(demo_run.out / "tables" / "statements.parquet")
    assert set(st["type"]) >= {"self_description", "agency", "chapter_title", "indicator"}
    assert set(st["voice"]) <= {"quoted", "reported", "clinician"}
    assert (st["end"] > st["start"]).all()
    assert st["evidence"].str.len().gt(2).all()


def test_run_flags_have_reason_numbers_and_counts(demo_run):
    flags = pd.read_parquet(demo_run.out / "tables" / "flags.parquet")
    assert len(flags) > 0
    assert flags["reason"].str.len().gt(10).all()
    assert sum(demo_run.flags_by_rule.values()) == len(flags)


def test_run_alliance_dip_sees_the_missed_session_after_it(demo_run):
    # the trajectory stage gets no note text; the "did not attend" note of D004 s11 must still
    # mark that session as missed (it did not, before: the dip was reported without it)
    flags = pd.read_parquet(demo_run.out / "tables" / "flags.parquet")
    dips = [json.loads(n) for n in flags.loc[flags["rule"] == "alliance_dip", "numbers"]]
    srs = next(n for n in dips if n["series"] == "srs_total")
    assert srs["missed_session"] and srs["dropout"] and srs["followed_by"] == "dropout"


def test_run_demo_discordance_both_ways(demo_run):
    # designed situations 2 (D002: story improves, scales flat) and 3 (D003: scales improve, story stuck)
    flags = pd.read_parquet(demo_run.out / "tables" / "flags.parquet")
    kinds = {json.loads(n)["kind"] for n in flags.loc[flags["rule"] == "discordance", "numbers"]}
    assert kinds == {"narrative_improves_scale_not", "scale_improves_narrative_not"}


def test_run_demo_stories_that_never_move(demo_run):
    # designed situations 4 (D007: nothing changes for 20 sessions, and the sertraline increase before
    # s10 is a negative control for event/shift pairing) and 3 (D003: scales improve, story stuck).
    # Ids are pseudonymised: D007 is the one client with a balance flag (situation 9), D003 the one
    # with documentation drift (situation 8).
    flags = pd.read_parquet(demo_run.out / "tables" / "flags.parquet")
    rules = flags.groupby("client_id")["rule"].apply(set)
    (stagnating,) = [c for c, r in rules.items() if "balance" in r]
    (stuck,) = [c for c, r in rules.items() if "documentation_drift" in r]
    narrative_stagnation = {
        c
        for c, rule, numbers in zip(flags["client_id"], flags["rule"], flags["numbers"], strict=True)
        if rule == "stagnation" and json.loads(numbers)["series"] == "narrative_score"
    }
    assert narrative_stagnation == {stagnating, stuck}
    assert not rules[stagnating] & {"narrative_shift_positive", "narrative_shift_negative", "context_event"}


def test_run_is_deterministic_and_cache_reuses_notes(demo_run, tmp_path, key_file):
    # Same inputs, fresh output folder, cache copied from the first run: identical tables, all notes reused.
    out = tmp_path / "again"
    out.mkdir()
    shutil.copy(demo_run.out / "cache.sqlite", out / "cache.sqlite")
    again = analyze(demo_inputs(), RunOptions(out=out, key_file=key_file, report=False), config=load_config())
    assert again.cache_misses == 0 and again.cache_hits == demo_run.n_notes
    assert _digest(out / "tables") == {
        k: v for k, v in _digest(demo_run.out / "tables").items() if not k.startswith("DATA_DICTIONARY")
    }


def test_run_interrupted_keeps_previous_outputs_and_resumes(demo_run, tmp_path, key_file):
    out = tmp_path / "interrupted"
    shutil.copytree(demo_run.out, out)
    before = _digest(out / "tables")

    class Stop(KeyboardInterrupt):
        pass

    def stop_after_first_chunk(stage, done, total):
        if stage == "notes" and done > 0:
            raise Stop

    opts = RunOptions(out=out, key_file=key_file, report=False, use_cache=True, chunk_size=16)
    (out / "cache.sqlite").unlink()
    with pytest.raises(Stop):
        analyze(demo_inputs(), opts, config=load_config(), progress=stop_after_first_chunk)
    assert _digest(out / "tables") == before
    resumed = analyze(demo_inputs(), opts, config=load_config())
    assert resumed.cache_hits >= 16
    assert resumed.n_notes == demo_run.n_notes


def test_run_offline_with_sockets_blocked(no_network, tmp_path, key_file):
    csv = tmp_path / "notes.csv"
    csv.write_text(
        "client_id,session,date,note\n"
        'X1,1,2025-01-06,"She said, ""I am broken."" I can\'t cope."\n'
        'X1,2,2025-01-13,"She said, ""I have been through hard things."" I chose to call my sister."\n',
        encoding="utf-8",
    )
    summary = analyze([csv], RunOptions(out=tmp_path / "o", key_file=key_file), config=load_config())
    assert summary.n_notes == 2 and summary.n_statements >= 2


def test_run_notes_with_curly_quotes_and_shorthand(tmp_path, key_file):
    # the parse of curly quotes / "Pt" shorthand rebuilds the Doc: each note must keep its place
    csv = tmp_path / "notes.csv"
    csv.write_text(
        "client_id,session,date,note\n"
        'X1,1,2025-01-06,"Pt avoids the bus. “I’m a failure,” she said."\n'
        'X1,2,2025-01-13,"She said, “I chose to go.” Pt reports feeling calmer."\n',
        encoding="utf-8",
    )
    summary = analyze([csv], RunOptions(out=tmp_path / "o", key_file=key_file), config=load_config())
    assert summary.n_notes == 2
    statements = pd.read_parquet(tmp_path / "o" / "tables" / "statements.parquet")
    assert set(statements["session"]) == {1, 2}
    assert "I chose to go" in set(statements["text"])


def test_run_bad_reference_file_fails_before_any_note_is_processed(tmp_path, key_file, monkeypatch):
    import narrative.run as run_module
    from narrative.errors import InputError

    def boom(*args, **kwargs):
        raise AssertionError("notes were processed before the reference file was checked")

    monkeypatch.setattr(run_module, "_process_stream", boom)
    ref = tmp_path / "ref.csv"
    ref.write_text("series,session\nphq9,1\n", encoding="utf-8")
    opts = RunOptions(out=tmp_path / "o", key_file=key_file, reference=ref)
    with pytest.raises(InputError, match="p10"):
        analyze(demo_inputs(), opts, config=load_config())


def test_run_warns_about_strata_columns_no_input_has(tmp_path, key_file):
    csv = tmp_path / "notes.csv"
    csv.write_text(
        "client_id,session,date,program,note\n"
        'X1,1,2025-01-06,Adult,"She said, ""I am broken."""\n'
        'X1,2,2025-01-13,Adult,"She said, ""I chose to call my sister."""\n',
        encoding="utf-8",
    )
    opts = RunOptions(out=tmp_path / "o", key_file=key_file, strata=("program", "programme"), report=False)
    summary = analyze([csv], opts, config=load_config())
    assert len(summary.warnings) == 1 and "'programme'" in summary.warnings[0]
    assert "Warning: strata column 'programme'" in summary.to_text()


@pytest.mark.parametrize(
    ("present", "expected"),
    [
        # first run (nothing cached) and fully cached run: nothing to start ahead
        ((), None),
        (("n1", "n2", "n3", "n4", "n5"), None),
        # the misses of successive chunks (size 2) gathered into batches of 2, as the stream does
        (("n1", "n2", "n4"), [["n3", "n5"]]),
        (("n2", "n3", "n4", "n5"), [["n1"]]),
    ],
)
def test_miss_plan_groups_the_cache_misses_as_the_stream_will(tmp_path, present, expected):
    import datetime as dt

    from narrative.engine.cache import ResultCache, note_key
    from narrative.run import _miss_plan
    from narrative.types import Note

    notes = [
        Note(note_id=f"n{i}", client_id="C", session=i, date=dt.date(2025, 1, i), text=f"note {i}")
        for i in range(1, 6)
    ]
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.put_many({note_key(n, "v"): {} for n in notes if n.note_id in present})
    plan = _miss_plan(iter(notes), chunk_size=2, cache=cache, version="v", limit=100)
    assert (None if plan is None else [[d["note_id"] for d in batch] for batch in plan]) == expected


def test_miss_plan_gives_up_past_its_limit(tmp_path):
    import datetime as dt

    from narrative.engine.cache import ResultCache, note_key
    from narrative.run import _miss_plan
    from narrative.types import Note

    notes = [
        Note(note_id=f"n{i}", client_id="C", session=i, date=dt.date(2025, 1, i), text="t")
        for i in range(1, 6)
    ]
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.put_many({note_key(notes[0], "v"): {}})
    assert _miss_plan(iter(notes), chunk_size=2, cache=cache, version="v", limit=3) is None
    assert _miss_plan(iter(notes), chunk_size=2, cache=cache, version="v", limit=4) is not None


class _FakeAhead:
    """Stands in for engine.runners.AheadWorker: records when a batch's results are asked for."""

    def __init__(self, config=None, key=b"", events=None):
        self.events = events if events is not None else []
        self.closed = False

    def submit(self, batches):
        self.batches = [list(b) for b in batches]

    def result(self, index, idle=None):
        self.events.append("wait")
        return [{"note_id": n["note_id"]} for n in self.batches[index]]

    def close(self):
        self.closed = True


def test_process_stream_yields_cached_chunks_before_waiting_for_the_new_notes(tmp_path, monkeypatch):
    import datetime as dt

    import narrative.engine.runners as runners
    from narrative.engine.cache import ResultCache, note_key
    from narrative.run import RunOptions, _process_stream
    from narrative.types import Note

    if not runners.can_submit_ahead():
        pytest.skip("the look-ahead worker is forked (Linux)")
    notes = [
        Note(note_id=f"n{i}", client_id="C", session=i, date=dt.date(2025, 1, i), text=f"note {i}")
        for i in range(1, 8)
    ]
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.put_many({note_key(n, "v"): {"note_id": n.note_id} for n in notes if n.note_id != "n6"})
    events: list[str] = []
    ahead = _FakeAhead(events=events)
    stream = _process_stream(
        iter(notes),
        options=RunOptions(out=tmp_path, chunk_size=2),
        config={},
        key=b"",
        cache=cache,
        version="v",
        rescan=lambda: iter(notes),
        ahead=ahead,
    )
    for chunk, results in stream:
        assert [r["note_id"] for r in results] == [n.note_id for n in chunk]
        events.append("+".join(n.note_id for n in chunk))
    # one batch ([n6]) completes all four chunks; the two before n6's chunk need none of it
    assert events == ["n1+n2", "n3+n4", "wait", "n5+n6", "n7"]
    assert ahead.closed
    assert "n6" in {d["note_id"] for d in cache.get_many([note_key(notes[5], "v")]).values()}


@pytest.mark.parametrize(
    ("cached", "previous", "started"),
    [
        (False, None, False),  # a first run
        (True, None, True),  # a re-run without a previous manifest
        (True, "same", False),  # the same files as last time: most likely nothing new
        (True, "other", True),  # a grown export
    ],
)
def test_start_ahead_only_for_a_rerun_over_other_files(tmp_path, monkeypatch, cached, previous, started):
    import json

    import narrative.engine.runners as runners
    from narrative.engine.cache import ResultCache
    from narrative.run import RunOptions, _input_files, _start_ahead

    if not runners.can_submit_ahead():
        pytest.skip("the look-ahead worker is forked (Linux)")
    monkeypatch.setattr(runners, "AheadWorker", _FakeAhead)
    out = tmp_path / "out"
    out.mkdir()
    export = tmp_path / "notes.csv"
    export.write_text("client_id,session,note\nC,1,x\n", encoding="utf-8")
    options = RunOptions(out=out)
    if cached:
        cache = ResultCache(out / "cache.sqlite")
        cache.put_many({"k": {}})
        cache.close()
    if previous:
        files = _input_files([export], options)
        if previous == "other":
            files[0]["bytes"] += 1
        (out / "manifest.json").write_text(json.dumps({"inputs": files}), encoding="utf-8")
    ahead, files = _start_ahead([export], options, config={}, key=b"", cache_path=out / "cache.sqlite")
    assert isinstance(ahead, _FakeAhead) is started
    assert files == (_input_files([export], options) if cached else None)
    one_worker_off = _start_ahead(
        [export], RunOptions(out=out, workers=2), config={}, key=b"", cache_path=out / "cache.sqlite"
    )
    assert one_worker_off == (None, None)


@pytest.mark.parametrize(
    ("workers", "engine", "cached", "started"),
    [
        (2, "local", False, True),  # a first run: every note is processed
        (2, "local", True, False),  # a re-run may find every note cached: no model loads
        (1, "local", False, False),
        (2, "dask", False, False),
    ],
)
def test_start_pool_only_for_a_first_run_with_workers(
    tmp_path, monkeypatch, workers, engine, cached, started
):
    import narrative.engine.runners as runners
    from narrative.engine.cache import ResultCache
    from narrative.run import RunOptions, _start_pool

    calls = []
    monkeypatch.setattr(
        runners, "start_pool", lambda config, key, *, workers, engine: calls.append(workers) or "pool"
    )
    cache_path = tmp_path / "cache.sqlite"
    if cached:
        cache = ResultCache(cache_path)
        cache.put_many({"k": {}})
        cache.close()
    options = RunOptions(out=tmp_path, workers=workers, engine=engine)
    pool = _start_pool(options, config={}, key=b"", cache_path=cache_path)
    assert (pool == "pool") is started
    assert calls == ([workers] if started else [])
    assert _start_pool(options, config={}, key=b"", cache_path=None) == (
        "pool" if engine == "local" and workers > 1 else None
    )
