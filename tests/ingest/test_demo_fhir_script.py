"""Tests for scripts/make_demo_fhir.py and the shipped demo caseload."""

from __future__ import annotations

import base64
import csv
import importlib.util
import json
import shutil
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "corpora" / "demo"
SCRIPT = ROOT / "scripts" / "make_demo_fhir.py"


@pytest.fixture(scope="module")
def script():
    spec = importlib.util.spec_from_file_location("make_demo_fhir", SCRIPT)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _rows(name: str) -> list[dict[str, str]]:
    with (DEMO / name).open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


@pytest.mark.parametrize(
    ("name", "columns"),
    [
        (
            "notes.csv",
            ["client_id", "session", "date", "clinician", "section", "note", "program", "modality"],
        ),
        ("measures.csv", ["client_id", "session", "date", "instrument", "item", "value", "text"]),
        (
            "goals.csv",
            [
                "client_id",
                "goal_id",
                "description",
                "level_minus2",
                "level_minus1",
                "level_0",
                "level_plus1",
                "level_plus2",
                "importance",
                "difficulty",
            ],
        ),
        ("events.csv", ["client_id", "date", "session", "kind", "description"]),
        ("consent.csv", ["client_id", "opted_out", "date"]),
    ],
)
def test_demo_fhir_script_csv_schema(name, columns):
    with (DEMO / name).open(newline="", encoding="utf-8") as handle:
        reader = csv.reader(handle)
        header = next(reader)
        widths = {len(row) for row in reader}
    assert header == columns
    assert widths == {len(columns)}


def test_demo_fhir_script_bundle_is_up_to_date(script, capsys):
    assert script.main(["--check"]) == 0


def test_demo_fhir_script_counts_match_csvs(script):
    bundle = script.build_bundle(DEMO)
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    measures = _rows("measures.csv")
    n_wai = sum(r["instrument"] == "wai_sr" for r in measures)
    assert bundle["type"] == "collection"
    assert kinds["DocumentReference"] == len(_rows("notes.csv"))
    assert kinds["Observation"] == len(measures) - n_wai
    assert kinds["QuestionnaireResponse"] * 12 == n_wai
    assert kinds["Patient"] == len({r["client_id"] for r in _rows("notes.csv")})
    assert kinds["Composition"] >= 3


def test_demo_fhir_script_is_deterministic(script, tmp_path):
    for name in ("notes.csv", "measures.csv", "goals.csv", "events.csv", "consent.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    assert script.main(["--demo-dir", str(tmp_path)]) == 0
    first = (tmp_path / "demo_bundle.json").read_bytes()
    assert script.main(["--demo-dir", str(tmp_path)]) == 0
    assert (tmp_path / "demo_bundle.json").read_bytes() == first


def test_demo_fhir_script_detects_stale_bundle(script, tmp_path):
    for name in ("notes.csv", "measures.csv", "goals.csv", "events.csv", "consent.csv"):
        shutil.copy(DEMO / name, tmp_path / name)
    (tmp_path / "demo_bundle.json").write_text("{}", encoding="utf-8")
    assert script.main(["--demo-dir", str(tmp_path), "--check"]) == 1


@pytest.mark.parametrize(
    ("instrument", "item", "loinc"),
    [("phq9", "total", "44261-6"), ("gad7", "total", "70274-6"), ("phq9", "1", "44250-9")],
)
def test_demo_fhir_script_loinc_codes(script, instrument, item, loinc):
    code = script.observation_code(instrument, item)
    assert {"system": "http://loinc.org", "code": loinc} in [
        {k: c[k] for k in ("system", "code")} for c in code["coding"]
    ]


def test_demo_fhir_script_note_text_round_trips(script):
    bundle = json.loads((DEMO / "demo_bundle.json").read_text(encoding="utf-8"))
    docs = [e["resource"] for e in bundle["entry"] if e["resource"]["resourceType"] == "DocumentReference"]
    texts = [base64.b64decode(d["content"][0]["attachment"]["data"]).decode("utf-8") for d in docs]
    assert texts == [r["note"] for r in _rows("notes.csv")]
    assert all(d["content"][0]["attachment"]["contentType"] == "text/plain" for d in docs)


def test_demo_fhir_script_opt_out_consent(script):
    bundle = script.build_bundle(DEMO)
    consents = {
        e["resource"]["patient"]["reference"]: e["resource"]["provision"]["type"]
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "Consent"
    }
    opted_out = {f"Patient/{r['client_id']}" for r in _rows("consent.csv") if r["opted_out"] == "yes"}
    assert opted_out
    assert {ref for ref, kind in consents.items() if kind == "deny"} == opted_out
