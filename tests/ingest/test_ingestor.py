"""The Ingestor: paths checked up front, counts, duplicates across files, the demo caseload."""

from __future__ import annotations

import collections
import json
import logging
from pathlib import Path

import pytest

import narrative
from narrative.config import default_config, load_config
from narrative.errors import ConfigError, InputError
from narrative.ingest import IngestOptions, Ingestor, InputCount, demo_inputs

from .conftest import run_ingest

DEMO = Path(narrative.__file__).resolve().parents[1] / "corpora" / "demo"


def test_ingestor_counts_add_up(write):
    path = write("x.csv", "client_id,session,note,PHQ-9\nC1,1,a,12\nC1,2,b,99\n,3,c,\n")
    result = run_ingest([path])
    count = result.counts[str(path)]
    assert isinstance(count, InputCount)
    assert (count.read, count.accepted, count.rejected) == (5, 3, 2)
    assert count.kinds == {"note": 2, "measure": 1}
    assert count.reasons == {"out_of_range": 1, "missing_client_id": 1}


def test_ingestor_duplicate_across_files_names_the_first(write):
    first = write("a.csv", "client_id,session,section,note\nC1,1,Progress Note,Felt stuck.\n")
    second = write(
        "b.jsonl", '{"client_id": "C1", "session": 1, "section": "Progress Note", "note": "Felt  stuck."}\n'
    )
    result = run_ingest([first, second])
    (reject,) = result.rejects
    assert (reject.source, reject.column, reject.kind) == (str(second), "note", "note")
    assert f"{first}, row 2" in reject.reason
    assert "stuck" not in reject.value + reject.reason


def test_ingestor_duplicate_measures_rejected_but_changed_value_kept(write):
    path = write(
        "m.csv",
        "client_id,session,instrument,item,value\nC1,1,phq9,total,12\nC1,1,PHQ-9,,12\nC1,1,phq9,total,13\n",
    )
    result = run_ingest([path])
    assert [m.value for m in result.of("Measure")] == [12, 13]
    assert result.codes == ["duplicate_measure"]
    assert "row 2" in result.rejects[0].reason


def test_ingestor_csv_and_fhir_of_same_caseload_dedupe(write):
    csv_path = write(
        "n.csv", "client_id,session,date,section,note\nP1,4,2024-03-05,Progress Note,I am stuck.\n"
    )
    doc = {
        "resourceType": "DocumentReference",
        "subject": {"reference": "Patient/P1"},
        "type": {"text": "Progress Note"},
        "extension": [{"url": "urn:x:session", "valueInteger": 4}],
        "context": {"period": {"start": "2024-03-05"}},
        "content": [{"attachment": {"data": "SSBhbSBzdHVjay4="}}],
    }
    fhir_path = write("b.json", json.dumps({"resourceType": "Bundle", "entry": [{"resource": doc}]}))
    result = run_ingest([csv_path, fhir_path])
    assert (len(result.of("Note")), result.codes) == (1, ["duplicate_note"])


def test_ingestor_same_text_in_other_section_is_not_duplicate(write):
    path = write("a.csv", "client_id,session,section,note\nC1,1,Progress Note,Same.\nC1,1,Review,Same.\n")
    assert len(run_ingest([path]).of("Note")) == 2


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        ("missing.csv", None, "input not found"),
        ("book.xlsx", b"PK\x03\x04", "save as 'CSV UTF-8'"),
        ("notes.docx", b"PK", "not a supported input format"),
        ("x.csv", "Name,Text\nA,b\n", "no client-id column"),
    ],
)
def test_ingestor_bad_path_raises_before_any_record(write, tmp_path, name, content, needle):
    good = write("good.csv", "client_id,session,note\nC1,1,x\n")
    bad = write(name, content) if content is not None else tmp_path / name
    records = Ingestor()
    with pytest.raises(InputError, match=needle) as info:
        records.iter_records([good, bad])
    assert name in str(info.value)


def test_ingestor_unknown_mapping_field_raises_before_reading(write):
    path = write("x.jsonl", '{"client_id": "C1", "session": 1, "note": "x"}\n')
    with pytest.raises(InputError, match="unknown field 'patient_name'"):
        Ingestor(IngestOptions(column_map={"patient_name": "Name"})).iter_records([path])


def test_ingestor_accepts_a_single_path_and_strings(write):
    path = write("x.csv", "client_id,session,note\nC1,1,x\n")
    assert len(list(Ingestor().iter_records(str(path)))) == 1


def test_ingestor_logs_never_hold_note_text(write, caplog):
    secret = "Zebrafish-confession"
    path = write(
        "x.csv", f"client_id,session,note\nC1,1,{secret}\nC1,1,{secret}\n,2,{secret}\nC1,0,{secret}\n"
    )
    with caplog.at_level(logging.DEBUG, logger="narrative"):
        result = run_ingest([path])
    assert len(result.rejects) == 3
    assert secret not in caplog.text
    assert all(secret not in r.value + r.reason for r in result.rejects)


def test_ingestor_options_from_config():
    options = IngestOptions.from_config(load_config(None, ingest={"dayfirst": True, "max_json_mb": 1}))
    assert options.dayfirst is True
    assert options.max_json_bytes == 1024 * 1024
    assert IngestOptions.from_config(default_config()) == IngestOptions()


@pytest.mark.parametrize("section", [{"dayfirst": "sometimes"}, {"gas_min_level": -5}, {"colour": "blue"}])
def test_ingestor_options_from_bad_config_raises(section):
    with pytest.raises(ConfigError, match="ingest"):
        IngestOptions.from_config({"ingest": section})


def test_ingestor_demo_inputs_missing_raises(monkeypatch, tmp_path):
    monkeypatch.setattr(narrative, "__file__", str(tmp_path / "narrative" / "__init__.py"))
    with pytest.raises(InputError, match="demo caseload is missing"):
        demo_inputs()


needs_demo = pytest.mark.skipif(not (DEMO / "notes.csv").is_file(), reason="corpora/demo/ not present")


@needs_demo
def test_ingestor_demo_csvs_have_no_rejects():
    paths = demo_inputs()
    assert [p.name for p in paths][:3] == ["consent.csv", "notes.csv", "measures.csv"]
    result = run_ingest(paths)
    assert result.rejects == []
    kinds = collections.Counter(type(r).__name__ for r in result.records)
    assert kinds["Note"] > 100 and kinds["Measure"] > 500
    assert {"Goal", "ContextEvent", "Consent"} <= set(kinds)


def _content_key(rec):
    return (
        type(rec).__name__,
        rec.client_id,
        rec.session,
        rec.date,
        getattr(rec, "section", None),
        getattr(rec, "text", None),
        getattr(rec, "instrument", None),
        getattr(rec, "item", None),
        getattr(rec, "value", None),
        tuple(sorted(getattr(rec, "strata", {}).items())),
    )


@needs_demo
@pytest.mark.skipif(not (DEMO / "demo_bundle.json").is_file(), reason="demo_bundle.json not present")
def test_ingestor_demo_bundle_matches_csvs():
    csv = run_ingest([DEMO / "notes.csv", DEMO / "measures.csv"])
    fhir = run_ingest([DEMO / "demo_bundle.json"])
    # Practitioners (authors) carry no record: read and accepted as context, nothing rejected.
    assert fhir.rejects == []
    assert fhir.counts[str(DEMO / "demo_bundle.json")].kinds["context"] >= 1
    want = collections.Counter(_content_key(r) for r in csv.records)
    got = collections.Counter(
        _content_key(r) for r in fhir.records if type(r).__name__ in ("Note", "Measure")
    )
    assert len(fhir.of("Note")) == len(csv.of("Note"))
    assert len(fhir.of("Measure")) == len(csv.of("Measure"))
    assert got == want
