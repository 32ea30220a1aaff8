import datetime as dt

from narrative.engine.cache import ResultCache, note_key
from narrative.types import Note


def _note(text="I am fine.", session=1):
    return Note(note_id="n1", client_id="c1", text=text, session=session, date=dt.date(2025, 1, 1))


def test_cache_key_changes_with_text_metadata_and_version():
    base = note_key(_note(), "v1")
    assert base == note_key(_note(), "v1")
    assert base != note_key(_note(text="I am not fine."), "v1")
    assert base != note_key(_note(session=2), "v1")
    assert base != note_key(_note(), "v2")


def test_cache_round_trip_and_counts(tmp_path):
    cache = ResultCache(tmp_path / "c.sqlite")
    cache.put_many({"k1": {"a": [1, 2]}})
    assert cache.get_many(["k1", "k2"]) == {"k1": {"a": [1, 2]}}
    assert (cache.hits, cache.misses) == (1, 1)
    cache.close()
    reopened = ResultCache(tmp_path / "c.sqlite")
    assert reopened.get_many(["k1"]) == {"k1": {"a": [1, 2]}}
    reopened.close()


def test_cache_disabled_finds_nothing():
    cache = ResultCache(None)
    cache.put_many({"k": 1})
    assert cache.get_many(["k"]) == {} and not cache.enabled


def test_result_cache_contains_many_reads_keys_without_counting_hits(tmp_path):
    from narrative.engine.cache import ResultCache

    cache = ResultCache(tmp_path / "c.sqlite")
    cache.put_many({"a": {"x": 1}, "b": [2]})
    assert cache.contains_many(["a", "c", "b"]) == {"a", "b"}
    assert (cache.hits, cache.misses) == (0, 0)
    assert ResultCache(None).contains_many(["a"]) == set()


def test_cache_has_entries_only_for_a_cache_that_holds_results(tmp_path):
    from narrative.engine.cache import ResultCache, cache_has_entries

    path = tmp_path / "c.sqlite"
    assert not cache_has_entries(path)
    assert not path.exists()  # never created by the check
    cache = ResultCache(path)
    assert not cache_has_entries(path)
    cache.put_many({"k": {"v": 1}})
    assert cache_has_entries(path)
    cache.close()
    (tmp_path / "junk.sqlite").write_bytes(b"not a database")
    assert not cache_has_entries(tmp_path / "junk.sqlite")
