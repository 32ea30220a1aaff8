"""Column aliases, explicit mappings, content detection and wide score columns."""

from __future__ import annotations

import pytest

from narrative.errors import ConfigError, InputError
from narrative.ingest import IngestOptions
from narrative.ingest.columns import alias_table, normalize_name, plan_columns, wide_score_column

from .conftest import run_ingest


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Client ID", "clientid"),
        ("client_id", "clientid"),
        ("\ufeffCLIENT-ID ", "clientid"),
        ("Session #", "sessionno"),
        ("Level -2", "levelminus2"),
        ("level_minus2", "levelminus2"),
        ("Level +1", "levelplus1"),
        ("PHQ-9", "phq9"),
    ],
)
def test_columns_normalize_name(name, key):
    assert normalize_name(name) == key


@pytest.mark.parametrize(
    ("header", "field", "column"),
    [
        (["Client ID", "DOS", "Progress Note"], "client_id", "Client ID"),
        (["patient_id", "Date of Service", "Note"], "date", "Date of Service"),
        (["MRN", "Session Date", "Narrative"], "note", "Narrative"),
        (["Client", "Session #", "Note Text"], "session", "Session #"),
        (["Client ID", "Session", "Provider", "Note"], "clinician", "Provider"),
        (["Client ID", "Session", "Clinician", "Note"], "clinician", "Clinician"),
        # the more specific alias wins when two columns match one field
        (["Patient", "Client ID", "Session", "Note"], "client_id", "Client ID"),
        (["MRN", "Patient ID", "Session", "Note"], "client_id", "Patient ID"),
    ],
)
def test_columns_alias_matching(header, field, column):
    plan = plan_columns(header, source="x.csv", column_map={}, strata_columns=())
    assert plan.names[field] == column
    assert plan.kind == "note"


@pytest.mark.parametrize(
    ("header", "kind"),
    [
        (["client_id", "session", "date", "note"], "note"),
        (["client_id", "session", "instrument", "item", "value"], "measure"),
        (["client_id", "goal_id", "description", "level_0"], "goal"),
        (["client_id", "date", "kind", "description"], "event"),
        (["client_id", "opted_out", "date"], "consent"),
        (["Client ID", "Session", "PHQ-9", "GAD-7"], "measure_wide"),
    ],
)
def test_columns_detect_kind(header, kind):
    assert plan_columns(header, source="x.csv", column_map={}, strata_columns=()).kind == kind


def test_columns_explicit_map_overrides_aliases():
    plan = plan_columns(
        ["Client ID", "Pt Number", "Visit", "Body"],
        source="x.csv",
        column_map={"client_id": "Pt Number", "session": "Visit"},
        strata_columns=(),
    )
    assert plan.names["client_id"] == "Pt Number"
    assert plan.names["session"] == "Visit"


@pytest.mark.parametrize(
    ("column_map", "needle"),
    [({"patient_name": "Name"}, "unknown field 'patient_name'"), ({"client_id": "Nope"}, "'Nope'")],
)
def test_columns_bad_explicit_map_raises(column_map, needle):
    with pytest.raises(InputError, match=needle):
        plan_columns(
            ["Client ID", "Note", "Session"], source="x.csv", column_map=column_map, strata_columns=()
        )


def test_columns_no_client_column_lists_found_and_accepted():
    with pytest.raises(InputError) as info:
        plan_columns(["Name", "When", "Text"], source="export.csv", column_map={}, strata_columns=())
    message = str(info.value)
    assert "export.csv" in message and "no client-id column" in message
    assert "'Name', 'When', 'Text'" in message
    assert "Client ID" in message and "MRN" in message


def test_columns_unknown_content_raises():
    with pytest.raises(InputError, match="cannot tell what this file holds"):
        plan_columns(["Client ID", "Favourite colour"], source="x.csv", column_map={}, strata_columns=())


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        ("PHQ-9", ("phq9", "total")),
        ("PHQ9 Total", ("phq9", "total")),
        ("PHQ-9 item 3", ("phq9", "3")),
        ("phq9_q9", ("phq9", "9")),
        ("GAD-7 Score", ("gad7", "total")),
        ("SRS", ("srs", "total")),
        ("ORS Total", ("ors", "total")),
        ("Alliance Rating", ("alliance", "total")),
        ("Session Rating Scale", ("srs", "total")),
        ("WAI-SR 12", ("wai_sr", "12")),
        ("Orsay", None),
        ("Session", None),
        ("Alliance 3", None),
    ],
)
def test_columns_wide_score_column(column, expected):
    assert wide_score_column(column, alias_table()) == expected


def test_columns_mapping_file_is_used(write):
    mapping = write("map.yaml", "columns:\n  client_id: Pt Number\n  note: Body\n  session: Visit\n")
    path = write("x.csv", "Pt Number,Visit,Body\nP1,1,Felt stuck.\n")
    result = run_ingest([path], column_map_file=mapping)
    assert [(n.client_id, n.session, n.text) for n in result.of("Note")] == [("P1", 1, "Felt stuck.")]


def test_columns_mapping_file_flat_and_overridden(write):
    mapping = write("map.yaml", "client_id: Pt Number\nnote: Body\n")
    path = write("x.csv", "Pt Number,Other,Visit,Body\nP1,P9,2,Felt stuck.\n")
    result = run_ingest(
        [path], column_map_file=mapping, column_map={"client_id": "Other", "session": "Visit"}
    )
    assert result.of("Note")[0].client_id == "P9"


@pytest.mark.parametrize("content", ["- a\n- b\n", "client_id: [1, 2]\n", "client_id: 'x\n"])
def test_columns_mapping_file_invalid_raises(write, content):
    mapping = write("map.yaml", content)
    path = write("x.csv", "Client ID,Session,Note\nC1,1,x\n")
    with pytest.raises(InputError, match="map.yaml"):
        run_ingest([path], column_map_file=mapping)


def test_columns_strata_columns_copied(write):
    path = write(
        "x.csv", "Client ID,Session,Note,Programme,Therapy Type,Site\nC1,1,Felt stuck.,Adult OP,CBT,North\n"
    )
    note = run_ingest([path], strata_columns=("program", "modality", "site")).of("Note")[0]
    assert note.strata == {"program": "Adult OP", "modality": "CBT", "site": "North"}


@pytest.mark.parametrize("name", ["klingon-8", "rot13", "base64"])
def test_columns_options_reject_bad_encoding(name):
    with pytest.raises(InputError, match=f"ingest.encoding '{name}'; expected a text encoding"):
        IngestOptions(encoding=name)


@pytest.mark.parametrize("setting", ["encoding", "fallback_encoding"])
def test_columns_config_with_non_text_codec_is_a_configuration_error(setting):
    with pytest.raises(ConfigError, match=f"invalid ingest.{setting} 'rot13'; expected a text encoding"):
        IngestOptions.from_config({"ingest": {setting: "rot13"}})
