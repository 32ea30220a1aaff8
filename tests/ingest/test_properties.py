"""Property tests per reader: whatever the bytes, no crash, and read == accepted + rejected.

A whole-file failure may raise InputError (that is the documented behaviour);
anything else escaping is a bug.
"""

from __future__ import annotations

import csv
import io
import json
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from narrative.errors import InputError
from narrative.ingest import IngestOptions, Ingestor
from narrative.types import Note, Reject

SETTINGS = settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
MARKER = "Qx7secret"
CANONICAL = [
    "client_id",
    "session",
    "date",
    "note",
    "section",
    "clinician",
    "instrument",
    "item",
    "value",
    "goal_id",
]
ENCODINGS = ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"]


def ingest_files(files: dict[str, bytes], *, paths: list[str] | None = None, **options) -> list:
    """Write ``files`` to a temporary folder, ingest ``paths`` (default: all), check the invariants."""
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        for name, data in files.items():
            (root / name).parent.mkdir(parents=True, exist_ok=True)
            (root / name).write_bytes(data)
        ingestor = Ingestor(IngestOptions(**options))
        targets = [root / p for p in (paths if paths is not None else list(files))]
        try:
            records = list(ingestor.iter_records(targets))
        except InputError:
            return []
        for count in ingestor.counts.values():
            assert count.read == count.accepted + count.rejected
            assert count.read >= 0 and count.accepted >= 0 and count.rejected >= 0
        assert sum(c.read for c in ingestor.counts.values()) == len(records)
        for rec in records:
            if isinstance(rec, Reject):
                assert MARKER not in rec.value
                assert MARKER not in rec.reason
            elif isinstance(rec, Note):
                assert rec.text.strip()
        return records


cell_text = st.text(
    alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from('",;\n\r\t\x00\ufeff'),
    max_size=40,
)


@SETTINGS
@given(data=st.binary(max_size=3000), header=st.booleans())
def test_properties_csv_random_bytes(data, header):
    prefix = b"client_id,session,date,note\n" if header else b""
    records = ingest_files({"x.csv": prefix + data})
    if header:
        assert all(r.source.endswith("x.csv") for r in records)


@SETTINGS
@given(
    rows=st.lists(
        st.tuples(
            st.sampled_from(["C1", "C2", "", "../x"]), st.sampled_from(["1", "2", "x", "", "0"]), cell_text
        ),
        max_size=12,
    ),
    encoding=st.sampled_from(ENCODINGS),
    newline=st.sampled_from(["\n", "\r\n"]),
)
def test_properties_csv_text_rows_any_encoding(rows, encoding, newline):
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator=newline)
    writer.writerow(["Client ID", "Session #", "Progress Note"])
    for client, session, text in rows:
        writer.writerow([client, session, MARKER + text])
    data = buf.getvalue().encode(encoding, errors="replace")
    records = ingest_files({"x.csv": data})
    if encoding.startswith("utf-8"):
        assert len(records) == len(rows)


@SETTINGS
@given(
    rows=st.lists(st.tuples(st.sampled_from(["C1", "C2"]), cell_text), min_size=1, max_size=8),
    written=st.sampled_from(["cp1252", "utf-16", "utf-8"]),
    forced=st.sampled_from(["utf-8", "cp1252", "utf-16", "latin-1"]),
)
def test_properties_csv_wrong_forced_encoding(rows, written, forced):
    text = "client_id,session,note\n" + "".join(
        f'{c},1,"{MARKER}{t.replace(chr(34), "")}"\n' for c, t in rows
    )
    ingest_files({"x.csv": text.encode(written, errors="replace")}, encoding=forced)


@SETTINGS
@given(
    columns=st.lists(st.sampled_from(CANONICAL) | st.text(min_size=1, max_size=12), max_size=8),
    cells=st.lists(st.lists(cell_text, max_size=10), max_size=6),
)
def test_properties_csv_missing_and_extra_columns(columns, cells):
    buf = io.StringIO()
    writer = csv.writer(buf)
    writer.writerow(columns)
    writer.writerows(cells)
    ingest_files({"x.csv": buf.getvalue().encode("utf-8", errors="surrogatepass")})


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    size=st.integers(1_000_000, 10_000_000),
    odd=st.sampled_from(["\n", '""', "\x81", "é"]),
    fmt=st.sampled_from(["csv", "jsonl"]),
)
def test_properties_huge_fields(size, odd, fmt):
    body = MARKER + "a" * (size // 2) + odd + "b" * (size // 2)
    if fmt == "csv":
        quoted = body.replace('"', '""')
        data = b"client_id,session,note\n" + f'C1,1,"{quoted}"\nC1,2,small\n'.encode(
            "utf-8", errors="surrogateescape"
        )
        if odd == "\x81":
            data = data.replace("\x81".encode(), b"\x81")
    else:
        data = (json.dumps({"client_id": "C1", "session": 1, "note": body}) + "\n").encode()
    records = ingest_files({f"x.{fmt}": data}, max_note_chars=6_000_000)
    notes = [r for r in records if isinstance(r, Note)]
    assert len(records) == (2 if fmt == "csv" else 1)
    if size + 20 <= 6_000_000 and odd != "\x81":
        assert any(len(n.text) > 1_000_000 for n in notes)


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
record_keys = st.sampled_from(
    [
        "client_id",
        "session",
        "date",
        "note",
        "instrument",
        "value",
        "item",
        "kind",
        "opted_out",
        "goal_id",
        "PHQ-9",
    ]
)
records_json = st.dictionaries(record_keys, json_values | st.text(max_size=10), max_size=6)


@SETTINGS
@given(
    lines=st.lists(records_json.map(json.dumps) | st.text(max_size=50), max_size=10),
    raw=st.binary(max_size=200),
)
def test_properties_jsonl(lines, raw):
    data = "\n".join(lines).encode("utf-8", errors="surrogatepass") + b"\n" + raw
    ingest_files({"x.jsonl": data})


fhir_keys = st.sampled_from(
    [
        "resourceType",
        "entry",
        "resource",
        "subject",
        "reference",
        "content",
        "attachment",
        "data",
        "code",
        "coding",
        "text",
        "div",
        "valueInteger",
        "valueQuantity",
        "item",
        "linkId",
        "answer",
        "section",
        "provision",
        "type",
        "extension",
        "url",
        "component",
    ]
)
fhir_leaves = (
    st.sampled_from(
        [
            "Bundle",
            "DocumentReference",
            "Composition",
            "Observation",
            "QuestionnaireResponse",
            "Consent",
            "Patient",
        ]
    )
    | st.sampled_from(
        ["Patient/P1", "44261-6", "70274-6", "deny", "permit", "SRS", "session", "1", "<div>x</div>"]
    )
    | st.integers(-5, 50)
    | st.none()
    | st.text(max_size=10)
)
fhir_json = st.recursive(
    fhir_leaves,
    lambda children: st.lists(children, max_size=3) | st.dictionaries(fhir_keys, children, max_size=5),
    max_leaves=40,
)


@SETTINGS
@given(doc=fhir_json, resource_type=st.sampled_from(["Bundle", "DocumentReference", "Observation", None]))
def test_properties_fhir_random_structures(doc, resource_type):
    if isinstance(doc, dict) and resource_type:
        doc = {**doc, "resourceType": resource_type}
    ingest_files({"b.json": json.dumps(doc).encode()})


@SETTINGS
@given(data=st.binary(max_size=2000))
def test_properties_fhir_random_bytes(data):
    ingest_files({"b.json": data})


@SETTINGS
@given(
    files=st.dictionaries(
        st.from_regex(r"[A-Za-z0-9]{1,6}_s[0-9]{1,3}\.(txt|md)", fullmatch=True),
        st.binary(max_size=300)
        | st.text(max_size=200).map(lambda t: ("---\n" + t).encode("utf-8", "surrogatepass")),
        min_size=1,
        max_size=5,
    )
)
def test_properties_folder(files):
    nested = {f"notes/{name}": data for name, data in files.items()}
    records = ingest_files(
        nested, paths=["notes"], filename_pattern=r"(?P<client_id>[A-Za-z0-9]+)_s(?P<session>\d+)"
    )
    assert len(records) == len(files)
