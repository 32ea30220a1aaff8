"""Convert the demo caseload CSVs (corpora/demo/*.csv) into one FHIR R4 Bundle.

The bundle (type ``collection``) carries the same caseload as the CSVs, so the
FHIR reader can be tested against the CSV reader:

- ``Patient`` per client (id = client id) and ``Practitioner`` per clinician.
- ``DocumentReference`` per note row: base64 ``text/plain`` attachment,
  ``context.period`` = session date, session number in ``description`` and in
  the ``session`` extension, note section in ``type.text``, program/modality
  in extensions.
- ``Composition`` for every session that has a "Periodic Review" section: one
  XHTML ``section`` per note row of that session, ``relatesTo`` (transforms)
  pointing at the DocumentReferences it mirrors, so readers can skip duplicates.
- ``Observation`` per measure row except WAI-SR (PHQ-9 LOINC 44261-6, GAD-7
  LOINC 70274-6, PHQ-9 items with their LOINC item codes, alliance, SRS items,
  ORS, GAS). Session in an extension; item / goal in ``component``; GAS ratings
  also point at their ``Goal`` via ``focus``; the alliance "what contributed"
  answer in ``note``.
- ``QuestionnaireResponse`` per WAI-SR administration (12 items).
- ``Goal`` per goals.csv row (levels, importance, difficulty in extensions).
- ``Consent`` per consent.csv row (``provision.type`` deny = opted out).

Context events (events.csv) are not part of the bundle.

Output is deterministic: same CSVs, same bytes. Usage::

    python scripts/make_demo_fhir.py            # writes corpora/demo/demo_bundle.json
    python scripts/make_demo_fhir.py --check    # exit 1 if the bundle is stale
"""

from __future__ import annotations

import argparse
import base64
import csv
import html
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

DEMO_DIR = Path(__file__).resolve().parent.parent / "corpora" / "demo"
BUNDLE_NAME = "demo_bundle.json"
BASE_URL = "https://example.org/fhir/"
EXT = "urn:narrative:fhir:extension:"
INSTRUMENT_SYSTEM = "urn:narrative:fhir:instrument"
NOTE_ID_SYSTEM = "urn:narrative:fhir:note-id"
LOINC = "http://loinc.org"
UCUM = "http://unitsofmeasure.org"

#: instrument -> (display text, LOINC code of the total score or None)
INSTRUMENTS: dict[str, tuple[str, str | None]] = {
    "phq9": ("PHQ-9 total score", "44261-6"),
    "gad7": ("GAD-7 total score", "70274-6"),
    "alliance": ("Alliance connection rating (1-10)", None),
    "srs": ("Session Rating Scale (SRS)", None),
    "ors": ("Outcome Rating Scale (ORS) total", None),
    "gas": ("Goal Attainment Scaling rating", None),
    "wai_sr": ("Working Alliance Inventory - Short Revised (WAI-SR)", None),
}
PHQ9_ITEM_LOINC = {
    "1": ("44250-9", "Little interest or pleasure in doing things"),
    "2": ("44255-8", "Feeling down, depressed, or hopeless"),
    "3": ("44259-0", "Trouble falling or staying asleep, or sleeping too much"),
    "4": ("44254-1", "Feeling tired or having little energy"),
    "5": ("44251-7", "Poor appetite or overeating"),
    "6": ("44258-2", "Feeling bad about yourself"),
    "7": ("44252-5", "Trouble concentrating on things"),
    "8": ("44253-3", "Moving or speaking slowly, or being fidgety or restless"),
    "9": ("44260-8", "Thoughts that you would be better off dead or of hurting yourself"),
}
GAS_LEVELS = ("level_minus2", "level_minus1", "level_0", "level_plus1", "level_plus2")
TRUE_WORDS = {"yes", "true", "1", "y"}


def read_csv(path: Path) -> list[dict[str, str]]:
    """Read one demo CSV into a list of row dicts (header row required)."""
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def slug(text: str) -> str:
    """Lower-case, hyphenated id fragment (FHIR ids allow [A-Za-z0-9-.])."""
    out = "".join(ch.lower() if ch.isalnum() else "-" for ch in text)
    return "-".join(part for part in out.split("-") if part)


def session_ext(session: str) -> dict[str, Any]:
    return {"url": EXT + "session", "valueInteger": int(session)}


def number_value(raw: str) -> dict[str, Any]:
    """valueInteger for whole numbers, else a unitless score valueQuantity."""
    value = float(raw)
    if value.is_integer() and "." not in raw:
        return {"valueInteger": int(value)}
    return {"valueQuantity": {"value": value, "unit": "score", "system": UCUM, "code": "{score}"}}


def entry(resource: dict[str, Any]) -> dict[str, Any]:
    return {"fullUrl": f"{BASE_URL}{resource['resourceType']}/{resource['id']}", "resource": resource}


def note_key(row: Mapping[str, str]) -> str:
    return f"{row['client_id']}-{row['session']}-{slug(row['section'])}"


def practitioners(notes: Iterable[Mapping[str, str]]) -> dict[str, dict[str, Any]]:
    """Clinician display name -> Practitioner resource."""
    out: dict[str, dict[str, Any]] = {}
    for row in notes:
        name = row["clinician"]
        if name and name not in out:
            out[name] = {
                "resourceType": "Practitioner",
                "id": "prac-" + slug(name),
                "name": [{"text": name}],
            }
    return out


def patient(client_id: str) -> dict[str, Any]:
    return {
        "resourceType": "Patient",
        "id": client_id,
        "identifier": [{"system": "urn:narrative:fhir:client-id", "value": client_id}],
        "active": True,
    }


def document_reference(row: Mapping[str, str], author: Mapping[str, Any]) -> dict[str, Any]:
    text = row["note"]
    return {
        "resourceType": "DocumentReference",
        "id": "doc-" + note_key(row),
        "extension": [
            session_ext(row["session"]),
            {"url": EXT + "program", "valueString": row["program"]},
            {"url": EXT + "modality", "valueString": row["modality"]},
        ],
        "identifier": [{"system": NOTE_ID_SYSTEM, "value": note_key(row)}],
        "status": "current",
        "docStatus": "final",
        "type": {
            "coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}],
            "text": row["section"],
        },
        "subject": {"reference": f"Patient/{row['client_id']}"},
        "author": [{"reference": f"Practitioner/{author['id']}", "display": row["clinician"]}],
        "description": f"Session {row['session']} - {row['section']}",
        "content": [
            {
                "attachment": {
                    "contentType": "text/plain",
                    "language": "en",
                    "data": base64.b64encode(text.encode("utf-8")).decode("ascii"),
                    "title": row["section"],
                }
            }
        ],
        "context": {
            "period": {"start": row["date"], "end": row["date"]},
            "practiceSetting": {"text": row["program"]},
        },
    }


def composition(rows: list[Mapping[str, str]], author: Mapping[str, Any]) -> dict[str, Any]:
    first = rows[0]
    sections = []
    for row in rows:
        paragraph = html.escape(row["note"], quote=False)
        sections.append(
            {
                "title": row["section"],
                "code": {"text": row["section"]},
                "text": {
                    "status": "generated",
                    "div": f'<div xmlns="http://www.w3.org/1999/xhtml"><p>{paragraph}</p></div>',
                },
            }
        )
    return {
        "resourceType": "Composition",
        "id": f"comp-{first['client_id']}-{first['session']}",
        "extension": [session_ext(first["session"])],
        "status": "final",
        "type": {
            "coding": [{"system": LOINC, "code": "11506-3", "display": "Progress note"}],
            "text": "Session record with periodic review",
        },
        "subject": {"reference": f"Patient/{first['client_id']}"},
        "date": first["date"],
        "author": [{"reference": f"Practitioner/{author['id']}", "display": first["clinician"]}],
        "title": f"Session {first['session']} record",
        "relatesTo": [
            {"code": "transforms", "targetReference": {"reference": "DocumentReference/doc-" + note_key(r)}}
            for r in rows
        ],
        "section": sections,
    }


def observation_code(instrument: str, item: str) -> dict[str, Any]:
    display, loinc = INSTRUMENTS.get(instrument, (instrument, None))
    coding: list[dict[str, str]] = []
    if instrument == "phq9" and item in PHQ9_ITEM_LOINC:
        code, item_display = PHQ9_ITEM_LOINC[item]
        coding.append({"system": LOINC, "code": code, "display": item_display})
        display = f"PHQ-9 item {item}"
    elif loinc and item in ("", "total"):
        coding.append({"system": LOINC, "code": loinc, "display": display})
    elif item not in ("", "total") and instrument != "gas":
        display = f"{display} item {item}"
    coding.append({"system": INSTRUMENT_SYSTEM, "code": instrument})
    return {"coding": coding, "text": display}


def observation(row: Mapping[str, str]) -> dict[str, Any]:
    cid, session, instrument, item = row["client_id"], row["session"], row["instrument"], row["item"]
    resource: dict[str, Any] = {
        "resourceType": "Observation",
        "id": f"obs-{cid}-{session}-{slug(instrument)}-{slug(item or 'total')}",
        "extension": [session_ext(session)],
        "status": "final",
        "category": [
            {
                "coding": [
                    {
                        "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                        "code": "survey",
                    }
                ]
            }
        ],
        "code": observation_code(instrument, item),
        "subject": {"reference": f"Patient/{cid}"},
        "effectiveDateTime": row["date"],
        **number_value(row["value"]),
        "component": [
            {"code": {"text": "session"}, "valueInteger": int(session)},
            {"code": {"text": "goal_id" if instrument == "gas" else "item"}, "valueString": item or "total"},
        ],
    }
    if instrument == "gas":
        resource["focus"] = [{"reference": f"Goal/goal-{cid}-{slug(item)}"}]
    if row.get("text"):
        resource["note"] = [{"text": row["text"]}]
    return resource


def questionnaire_response(rows: list[Mapping[str, str]]) -> dict[str, Any]:
    first = rows[0]
    instrument = first["instrument"]
    return {
        "resourceType": "QuestionnaireResponse",
        "id": f"qr-{first['client_id']}-{first['session']}-{slug(instrument)}",
        "extension": [session_ext(first["session"])],
        "questionnaire": f"urn:narrative:fhir:questionnaire:{instrument}",
        "status": "completed",
        "subject": {"reference": f"Patient/{first['client_id']}"},
        "authored": first["date"],
        "item": [
            {"linkId": r["item"], "answer": [number_value(r["value"])]}
            for r in sorted(rows, key=lambda r: int(r["item"]))
        ],
    }


def goal(row: Mapping[str, str]) -> dict[str, Any]:
    extension: list[dict[str, Any]] = [
        {"url": EXT + "gas-" + col.replace("_", "-"), "valueString": row[col]}
        for col in GAS_LEVELS
        if row.get(col)
    ]
    for col in ("importance", "difficulty"):
        if row.get(col):
            extension.append({"url": EXT + "gas-" + col, "valueInteger": int(float(row[col]))})
    return {
        "resourceType": "Goal",
        "id": f"goal-{row['client_id']}-{slug(row['goal_id'])}",
        "extension": extension,
        "identifier": [{"system": "urn:narrative:fhir:goal-id", "value": row["goal_id"]}],
        "lifecycleStatus": "active",
        "description": {"text": row["description"]},
        "subject": {"reference": f"Patient/{row['client_id']}"},
    }


def consent(row: Mapping[str, str]) -> dict[str, Any]:
    opted_out = row["opted_out"].strip().lower() in TRUE_WORDS
    resource: dict[str, Any] = {
        "resourceType": "Consent",
        "id": f"consent-{row['client_id']}",
        "status": "active",
        "scope": {
            "coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "research"}]
        },
        "category": [{"coding": [{"system": LOINC, "code": "59284-0", "display": "Patient Consent"}]}],
        "patient": {"reference": f"Patient/{row['client_id']}"},
        "policyRule": {"text": "Use of session records for service evaluation and research"},
        "provision": {"type": "deny" if opted_out else "permit"},
    }
    if row.get("date"):
        resource["dateTime"] = row["date"]
    return resource


def build_bundle(demo_dir: Path) -> dict[str, Any]:
    """Build the Bundle dict from the CSVs in ``demo_dir``."""
    notes = read_csv(demo_dir / "notes.csv")
    measures = read_csv(demo_dir / "measures.csv")
    goals = read_csv(demo_dir / "goals.csv")
    consents = read_csv(demo_dir / "consent.csv")

    prac = practitioners(notes)
    clients = sorted({r["client_id"] for r in (*notes, *measures, *goals, *consents)})
    entries = [entry(patient(cid)) for cid in clients]
    entries += [entry(prac[name]) for name in sorted(prac)]
    entries += [entry(goal(r)) for r in goals]

    by_session: dict[tuple[str, str], list[dict[str, str]]] = defaultdict(list)
    for row in notes:
        entries.append(entry(document_reference(row, prac[row["clinician"]])))
        by_session[(row["client_id"], row["session"])].append(row)
    for rows in by_session.values():
        if any(r["section"] == "Periodic Review" for r in rows):
            entries.append(entry(composition(rows, prac[rows[0]["clinician"]])))

    grouped: dict[tuple[str, str, str], list[dict[str, str]]] = defaultdict(list)
    for row in measures:
        if row["instrument"] == "wai_sr":
            grouped[(row["client_id"], row["session"], row["instrument"])].append(row)
        else:
            entries.append(entry(observation(row)))
    entries += [entry(questionnaire_response(rows)) for rows in grouped.values()]
    entries += [entry(consent(r)) for r in consents]

    last = max((r["date"] for r in (*notes, *measures) if r["date"]), default="2025-01-01")
    return {
        "resourceType": "Bundle",
        "id": "narrative-demo-caseload",
        "type": "collection",
        "timestamp": f"{last}T00:00:00Z",
        "entry": entries,
    }


def render(bundle: Mapping[str, Any]) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def check_counts(bundle: Mapping[str, Any], demo_dir: Path) -> list[str]:
    """Compare resource counts and note texts with the CSVs; return problems (empty = consistent)."""
    notes = read_csv(demo_dir / "notes.csv")
    measures = read_csv(demo_dir / "measures.csv")
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    ids = [e["fullUrl"] for e in bundle["entry"]]
    problems = []
    if len(ids) != len(set(ids)):
        problems.append("duplicate fullUrl values")
    wai_rows = sum(r["instrument"] == "wai_sr" for r in measures)
    qr_items = sum(
        len(e["resource"]["item"])
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "QuestionnaireResponse"
    )
    expected = {
        "DocumentReference": len(notes),
        "Observation": len(measures) - wai_rows,
        "Goal": len(read_csv(demo_dir / "goals.csv")),
        "Consent": len(read_csv(demo_dir / "consent.csv")),
    }
    for kind, n in expected.items():
        if kinds[kind] != n:
            problems.append(f"{kind}: bundle has {kinds[kind]}, CSVs imply {n}")
    if qr_items != wai_rows:
        problems.append(
            f"QuestionnaireResponse items: bundle has {qr_items}, measures.csv has {wai_rows} wai_sr rows"
        )
    texts = [
        base64.b64decode(e["resource"]["content"][0]["attachment"]["data"]).decode("utf-8")
        for e in bundle["entry"]
        if e["resource"]["resourceType"] == "DocumentReference"
    ]
    if texts != [r["note"] for r in notes]:
        problems.append("DocumentReference texts differ from notes.csv")
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--demo-dir", type=Path, default=DEMO_DIR, help="folder with the demo CSVs")
    parser.add_argument(
        "--out", type=Path, default=None, help=f"output file (default: <demo-dir>/{BUNDLE_NAME})"
    )
    parser.add_argument(
        "--check", action="store_true", help="only verify that the existing bundle is up to date"
    )
    args = parser.parse_args(argv)
    out = args.out or args.demo_dir / BUNDLE_NAME

    bundle = build_bundle(args.demo_dir)
    problems = check_counts(bundle, args.demo_dir)
    if problems:
        print("bundle does not match the CSVs: " + "; ".join(problems), file=sys.stderr)
        return 1
    text = render(bundle)
    if args.check:
        if not out.exists() or out.read_text(encoding="utf-8") != text:
            print(f"{out} is missing or stale: run scripts/make_demo_fhir.py", file=sys.stderr)
            return 1
        print(f"{out} is up to date")
        return 0
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(text, encoding="utf-8")
    tmp.replace(out)
    kinds = Counter(e["resource"]["resourceType"] for e in bundle["entry"])
    summary = ", ".join(f"{k}={v}" for k, v in sorted(kinds.items()))
    print(f"wrote {out} ({len(text.encode('utf-8')) / 1024:.0f} KiB): {summary}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
