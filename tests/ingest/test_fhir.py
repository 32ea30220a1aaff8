"""HL7 FHIR R4 Bundles: DocumentReference, Composition, Observation, QuestionnaireResponse, Consent."""

from __future__ import annotations

import base64
import datetime as dt
import json
from typing import Any

import pytest

from narrative.errors import InputError
from narrative.ingest.fhir import xhtml_to_text

from .conftest import run_ingest

SUBJECT = {"reference": "Patient/P1"}


def b64(text: str, encoding: str = "utf-8") -> str:
    return base64.b64encode(text.encode(encoding)).decode("ascii")


def bundle(*resources: dict[str, Any], full_urls: list[str] | None = None) -> str:
    entries = []
    for i, res in enumerate(resources):
        entry: dict[str, Any] = {"resource": res}
        if full_urls and i < len(full_urls) and full_urls[i]:
            entry["fullUrl"] = full_urls[i]
        entries.append(entry)
    return json.dumps({"resourceType": "Bundle", "type": "collection", "entry": entries})


def doc_ref(**overrides: Any) -> dict[str, Any]:
    res = {
        "resourceType": "DocumentReference",
        "id": "d1",
        "status": "current",
        "subject": SUBJECT,
        "type": {"text": "Progress Note"},
        "author": [{"display": "Dr. Ray"}],
        "description": "Session 4 - Progress Note",
        "content": [{"attachment": {"contentType": "text/plain", "data": b64("I am stuck.")}}],
        "context": {"period": {"start": "2024-03-05"}},
        "extension": [{"url": "urn:x:program", "valueString": "Adult"}],
    }
    res.update(overrides)
    return res


def observation(code: dict[str, Any], value: dict[str, Any] | None = None, **extra: Any) -> dict[str, Any]:
    res = {
        "resourceType": "Observation",
        "status": "final",
        "code": code,
        "subject": SUBJECT,
        "effectiveDateTime": "2024-03-05T10:00:00Z",
        "extension": [{"url": "https://example.org/ext/session", "valueInteger": 4}],
        **(value if value is not None else {"valueInteger": 12}),
    }
    res.update(extra)
    return res


def test_fhir_document_reference_base64(write):
    result = run_ingest([write("b.json", bundle(doc_ref()))])
    (note,) = result.of("Note")
    assert (note.note_id, note.client_id, note.session, note.date) == ("d1", "P1", 4, dt.date(2024, 3, 5))
    assert (note.text, note.section, note.clinician, note.strata) == (
        "I am stuck.",
        "Progress Note",
        "Dr. Ray",
        {"program": "Adult"},
    )
    assert result.counts[str(write("b.json", bundle(doc_ref())))].format == "fhir"


@pytest.mark.parametrize(
    ("attachment", "text"),
    [
        (
            {"contentType": "text/plain; charset=windows-1252", "data": b64("café “ok”", "cp1252")},
            "café “ok”",
        ),
        (
            {"contentType": "text/html", "data": b64("<p>I am <b>stuck</b> &amp; tired.</p>")},
            "I am stuck & tired.",
        ),
        ({"data": b64("no content type")}, "no content type"),
        (
            {"contentType": "text/plain", "data": b64("wrapped\nbase64 " * 20)[:40] + "\n" + b64("x" * 3)},
            None,
        ),
    ],
)
def test_fhir_document_reference_attachments(write, attachment, text):
    result = run_ingest([write("b.json", bundle(doc_ref(content=[{"attachment": attachment}])))])
    if text is None:
        assert len(result.records) + len(result.rejects) == 1
    else:
        assert result.of("Note")[0].text == text


def test_fhir_document_reference_text_div_fallback(write):
    res = doc_ref(
        content=[], text={"div": '<div xmlns="http://www.w3.org/1999/xhtml"><p>Narrative only.</p></div>'}
    )
    assert run_ingest([write("b.json", bundle(res))]).of("Note")[0].text == "Narrative only."


def test_fhir_urn_uuid_subject_resolves_to_patient_id(write):
    patient = {"resourceType": "Patient", "id": "P9"}
    res = doc_ref(subject={"reference": "urn:uuid:1234"})
    path = write("b.json", bundle(res, patient, full_urls=["", "urn:uuid:1234"]))
    assert run_ingest([path]).of("Note")[0].client_id == "P9"


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"subject": None}, "fhir_no_subject"),
        ({"subject": "Patient/P1"}, "fhir_invalid"),
        ({"content": [{"attachment": {"url": "https://ehr.example/doc/1"}}]}, "fhir_url_only"),
        ({"content": [{"attachment": {"data": "!!!not base64!!!"}}]}, "fhir_bad_base64"),
        (
            {"content": [{"attachment": {"contentType": "application/pdf", "data": b64("%PDF")}}]},
            "fhir_content_type",
        ),
        ({"content": [{"attachment": {"contentType": "text/plain", "data": b64("  ")}}]}, "empty_note"),
        ({"content": []}, "fhir_no_text"),
        ({"status": "entered-in-error"}, "fhir_entered_in_error"),
        ({"description": None, "extension": []}, "no_session_or_date"),
    ],
)
def test_fhir_document_reference_rejects(write, overrides, code):
    res = doc_ref(**overrides)
    if code == "no_session_or_date":
        res["context"] = {}
    res = {k: v for k, v in res.items() if v is not None}
    result = run_ingest([write("b.json", bundle(res))])
    assert result.codes == [code]
    assert result.rejects[0].row == 1


def test_fhir_composition_sections_become_notes(write):
    comp = {
        "resourceType": "Composition",
        "id": "c1",
        "status": "final",
        "subject": SUBJECT,
        "date": "2024-03-05",
        "title": "Session 6 record",
        "author": [{"display": "Dr. Ray"}],
        "section": [
            {
                "title": "Progress Note",
                "text": {"div": "<div><p>I chose to go.</p><p>Second&nbsp;para.</p></div>"},
            },
            {"title": "Periodic Review", "text": {"div": "<div>Review <script>x()</script>text.</div>"}},
            {"title": "Empty"},
        ],
    }
    notes = run_ingest([write("b.json", bundle(comp))]).of("Note")
    assert [(n.section, n.session, n.text) for n in notes] == [
        ("Progress Note", 6, "I chose to go.\n\nSecond para."),
        ("Periodic Review", 6, "Review text."),
    ]
    assert len({n.note_id for n in notes}) == 2


def test_fhir_composition_mirroring_documents_counts_as_used_not_as_a_note(write):
    comp = {
        "resourceType": "Composition",
        "id": "c1",
        "subject": SUBJECT,
        "date": "2024-03-05",
        "relatesTo": [{"code": "transforms", "targetReference": {"reference": "DocumentReference/d1"}}],
        "section": [{"title": "Progress Note", "text": {"div": "<div>I am stuck.</div>"}}],
    }
    path = write("b.json", bundle(doc_ref(), comp))
    result = run_ingest([path])
    assert (len(result.of("Note")), result.rejects) == (1, [])
    assert result.counts[str(path)].kinds == {"note": 1, "rendering": 1}


@pytest.mark.parametrize(
    ("code", "value", "expected"),
    [
        (
            {"coding": [{"system": "http://loinc.org", "code": "44261-6"}]},
            {"valueInteger": 12},
            ("phq9", "total", 12),
        ),
        (
            {"coding": [{"system": "http://loinc.org", "code": "70274-6"}]},
            {"valueQuantity": {"value": 9}},
            ("gad7", "total", 9),
        ),
        ({"text": "SRS"}, {"valueQuantity": {"value": 36.5}}, ("srs", "total", 36.5)),
        (
            {"text": "Outcome Rating Scale (ORS) total"},
            {"valueQuantity": {"value": 20.1}},
            ("ors", "total", 20.1),
        ),
        ({"text": "PHQ-9 item 3"}, {"valueInteger": 2}, ("phq9", "3", 2)),
        (
            {"coding": [{"code": "alliance"}], "text": "Connection (1-10)"},
            {"valueString": "8"},
            ("alliance", "total", 8),
        ),
    ],
)
def test_fhir_observation_scores(write, code, value, expected):
    (measure,) = run_ingest([write("b.json", bundle(observation(code, value)))]).of("Measure")
    assert (measure.instrument, measure.item, measure.value) == expected
    assert (measure.client_id, measure.session, measure.date) == ("P1", 4, dt.date(2024, 3, 5))


def test_fhir_observation_components_give_goal_item_and_text(write):
    gas = observation(
        {"text": "Goal Attainment Scaling rating"},
        {"valueInteger": -1},
        component=[{"code": {"text": "goal_id"}, "valueString": "G2"}],
    )
    srs = observation(
        {"coding": [{"code": "srs"}], "text": "Session Rating Scale (SRS) item 2"},
        {"valueQuantity": {"value": 9.1}},
        component=[{"code": {"text": "item"}, "valueString": "2"}],
    )
    alliance = observation({"text": "alliance"}, {"valueInteger": 7}, note=[{"text": "felt rushed"}])
    measures = run_ingest([write("b.json", bundle(gas, srs, alliance))]).of("Measure")
    assert [(m.instrument, m.item, m.value, m.text) for m in measures] == [
        ("gas", "G2", -1, None),
        ("srs", "2", 9.1, None),
        ("alliance", "total", 7, "felt rushed"),
    ]


def test_fhir_observation_unknown_code_is_rejected_but_survey_kept(write):
    vitals = observation({"coding": [{"system": "http://loinc.org", "code": "8867-4"}], "text": "Heart rate"})
    survey = observation(
        {"text": "K10"},
        {"valueInteger": 31},
        category=[{"coding": [{"code": "survey"}]}],
    )
    result = run_ingest([write("b.json", bundle(vitals, survey))])
    assert [(m.instrument, m.value) for m in result.of("Measure")] == [("k10", 31)]
    assert result.codes == ["fhir_unknown_code"]
    assert result.rejects[0].value == "'8867-4'" and "44261-6 (phq9)" in result.rejects[0].reason


@pytest.mark.parametrize(
    ("value", "extra", "code"),
    [
        ({"valueInteger": 30}, {}, "out_of_range"),
        ({}, {}, "fhir_no_value"),
        ({"valueInteger": "lots"}, {}, "fhir_invalid"),
        ({"valueInteger": 3}, {"status": "entered-in-error"}, "fhir_entered_in_error"),
        ({"valueInteger": 3}, {"subject": {"display": "someone"}}, "fhir_no_subject"),
    ],
)
def test_fhir_observation_rejects(write, value, extra, code):
    obs = observation({"coding": [{"code": "44261-6"}]}, value, **extra)
    result = run_ingest([write("b.json", bundle(obs))])
    assert result.codes == [code]


def test_fhir_questionnaire_response_items(write):
    qr = {
        "resourceType": "QuestionnaireResponse",
        "status": "completed",
        "questionnaire": "https://example.org/Questionnaire/wai-sr|1.0",
        "subject": SUBJECT,
        "authored": "2024-03-05",
        "extension": [{"url": "urn:x:session", "valueInteger": 4}],
        "item": [
            {"linkId": "1", "answer": [{"valueInteger": 4}]},
            {"linkId": "group", "item": [{"linkId": "2", "answer": [{"valueCoding": {"code": "5"}}]}]},
            {"linkId": "13", "answer": [{"valueInteger": 3}]},
            {"linkId": "3", "answer": [{"valueInteger": 9}]},
        ],
    }
    result = run_ingest([write("b.json", bundle(qr))])
    assert [(m.instrument, m.item, m.value, m.session) for m in result.of("Measure")] == [
        ("wai_sr", "1", 4, 4),
        ("wai_sr", "2", 5, 4),
    ]
    assert sorted(result.codes) == ["bad_item", "out_of_range"]


@pytest.mark.parametrize(("ptype", "opted_out"), [("deny", True), ("permit", False)])
def test_fhir_consent(write, ptype, opted_out):
    consent = {
        "resourceType": "Consent",
        "status": "active",
        "patient": SUBJECT,
        "dateTime": "2024-01-01",
        "provision": {"type": ptype},
    }
    (rec,) = run_ingest([write("b.json", bundle(consent))]).of("Consent")
    assert (rec.client_id, rec.opted_out, rec.date) == ("P1", opted_out, dt.date(2024, 1, 1))


def test_fhir_consent_without_provision_is_rejected(write):
    consent = {"resourceType": "Consent", "status": "active", "patient": SUBJECT}
    assert run_ingest([write("b.json", bundle(consent))]).codes == ["fhir_consent_unclear"]


def test_fhir_goal(write):
    goal = {
        "resourceType": "Goal",
        "identifier": [{"value": "G1"}],
        "description": {"text": "Sleep by 11"},
        "subject": SUBJECT,
        "extension": [
            {"url": "urn:x:gas-level-minus2", "valueString": "Never"},
            {"url": "urn:x:gas-level-0", "valueString": "Sometimes"},
            {"url": "urn:x:gas-importance", "valueInteger": 2},
        ],
    }
    (rec,) = run_ingest([write("b.json", bundle(goal))]).of("Goal")
    assert (rec.goal_id, rec.description, rec.levels, rec.importance) == (
        "G1",
        "Sleep by 11",
        {"-2": "Never", "0": "Sometimes"},
        2,
    )


@pytest.mark.parametrize(
    ("content", "code"),
    [
        (bundle(doc_ref())[:-40], "bad_json"),
        ("[" * 50_000 + "]" * 50_000, "too_deep"),
        ('{"resourceType": "Bundle", "entry": ' + "[" * 200 + "]" * 200 + "}", "too_deep"),
        ('{"hello": "world"}', "unknown_record"),
        ("[1, 2, 3]", "unknown_record"),
        (b'{"resourceType": "Bundle", "id": "\x81"}', "bad_json"),
    ],
)
def test_fhir_broken_files_are_rejected_not_fatal(write, content, code):
    result = run_ingest([write("b.json", content)])
    assert result.codes == [code]
    assert result.rejects[0].row == 0


def test_fhir_file_over_size_limit_raises(write):
    path = write("b.json", bundle(doc_ref()))
    with pytest.raises(InputError, match="larger than the limit"):
        run_ingest([path], max_json_bytes=100)


def test_fhir_single_resource_file(write):
    assert len(run_ingest([write("doc.json", json.dumps(doc_ref()))]).of("Note")) == 1


def test_fhir_context_resources_count_as_read_other_types_are_rejected(write):
    prac = {"resourceType": "Practitioner", "id": "x"}
    enc = {"resourceType": "Encounter", "id": "e"}
    med = {"resourceType": "MedicationRequest", "id": "m"}
    path = write("b.json", bundle(prac, enc, med, doc_ref()))
    result = run_ingest([path])
    assert len(result.records) == 1
    assert result.codes == ["fhir_unsupported"]
    assert result.rejects[0].reason.startswith(
        "resourceType 'MedicationRequest' is not supported; expected Patient,"
    )
    count = result.counts[str(path)]
    assert (count.read, count.accepted, [r.row for r in result.rejects]) == (4, 3, [3])
    assert count.kinds["context"] == 2


def test_fhir_every_bundle_entry_is_counted(write):
    entries = [
        {"resource": {"resourceType": "Patient", "id": "P1"}},
        {"resource": doc_ref()},
        {"fullUrl": "urn:uuid:no-resource"},
        "not an entry",
        {"resource": "a string resource"},
        {"resource": {"resourceType": "Medication", "id": "m"}},
        {"resource": observation({"text": "Blood pressure"}, {"valueInteger": 120})},
        {
            "resource": {
                "resourceType": "QuestionnaireResponse",
                "questionnaire": "Questionnaire/odd",
                "item": [],
            }
        },
    ]
    path = write("b.json", json.dumps({"resourceType": "Bundle", "entry": entries}))
    result = run_ingest([path])
    count = result.counts[str(path)]
    assert (count.read, count.accepted, count.rejected) == (8, 2, 6)
    assert count.kinds == {"patient": 1, "note": 1}
    assert [(r.row, r.value) for r in result.rejects] == [
        (3, "<no value>"),
        (4, "<a JSON string>"),
        (5, "<a JSON string>"),
        (6, "'Medication'"),
        (7, "<text, 14 characters>"),
        (8, "'odd'"),
    ]
    assert result.codes == [
        "fhir_no_resource",
        "fhir_no_resource",
        "fhir_no_resource",
        "fhir_unsupported",
        "fhir_unknown_code",
        "fhir_unknown_questionnaire",
    ]


def test_fhir_bundle_nested_too_deep_is_rejected(write):
    inner = {"resourceType": "Bundle", "entry": [{"resource": doc_ref()}]}
    for _ in range(3):
        inner = {"resourceType": "Bundle", "entry": [{"resource": inner}]}
    result = run_ingest([write("b.json", json.dumps(inner))])
    assert result.codes == ["fhir_nested_too_deep"]


@pytest.mark.parametrize(
    ("value", "session", "code"),
    [
        ({"valueString": "I am a secret note in an observation"}, None, "bad_number"),
        ({"valueInteger": 12}, {"valueDecimal": 1e30}, "session_too_large"),
        ({"valueInteger": 12}, {"valueInteger": 10_001}, "session_too_large"),
    ],
)
def test_fhir_observation_bad_values_are_rejected_without_echoing_text(write, value, session, code):
    obs = observation({"coding": [{"code": "44261-6"}]}, value)
    if session is not None:
        obs["extension"] = [{"url": "https://example.org/ext/session", **session}]
    result = run_ingest([write("b.json", bundle(obs))])
    assert result.codes == [code]
    assert "secret" not in result.rejects[0].value + result.rejects[0].reason


@pytest.mark.parametrize("charset", ["rot13", "base64", "klingon-8"])
def test_fhir_attachment_with_unusable_charset_is_rejected(write, charset):
    att = {"contentType": f"text/plain; charset={charset}", "data": b64("I am fine.")}
    result = run_ingest(
        [write("b.json", bundle(doc_ref(id="d1"), doc_ref(id="d2", content=[{"attachment": att}])))]
    )
    assert len(result.of("Note")) == 1
    assert result.codes == ["fhir_bad_charset"]
    assert result.rejects[0].value == repr(charset) and result.rejects[0].row == 2


def test_fhir_attachment_charset_is_used(write):
    att = {"contentType": "text/plain; charset=utf-16", "data": b64("I am fine.", "utf-16")}
    (note,) = run_ingest([write("b.json", bundle(doc_ref(content=[{"attachment": att}])))]).of("Note")
    assert note.text == "I am fine."


@pytest.mark.parametrize(
    ("div", "text"),
    [
        ("<div>a<br/>b</div>", "a\nb"),
        ("<div><ul><li>one</li><li>two</li></ul></div>", "one\n\ntwo"),
        ("<div>&lt;not a tag&gt; &#8220;q&#8221;</div>", "<not a tag> “q”"),
        ("<div><style>p{}</style>kept</div>", "kept"),
        ("<div>unclosed <b>bold", "unclosed bold"),
    ],
)
def test_fhir_xhtml_to_text(div, text):
    assert xhtml_to_text(div) == text
