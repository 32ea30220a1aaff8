import csv

import pyarrow.parquet as pq
import pytest

from narrative.io import TableWriter, atomic_path, escape_formula, write_table
from narrative.types import TrajectoryPoint


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+cmd", "'+cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-1.5", "-1.5"),
        ("plain", "plain"),
        (3, 3),
    ],
)
def test_io_escape_formula(value, expected):
    assert escape_formula(value) == expected


def test_io_atomic_path_keeps_previous_file_on_error(tmp_path):
    target = tmp_path / "t.txt"
    target.write_text("old")
    with pytest.raises(RuntimeError), atomic_path(target) as tmp:
        tmp.write_text("new, half written")
        raise RuntimeError("interrupted")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["t.txt"]


def test_io_table_writer_streams_chunks_into_parquet_and_csv(tmp_path):
    points = [TrajectoryPoint(client_id="c", session=i, series="phq9", value=float(i)) for i in range(25)]
    with TableWriter(
        tmp_path, "traj", columns=["client_id", "session", "series", "value"], chunk_size=10
    ) as w:
        for p in points:
            w.write([p])
    assert pq.read_table(tmp_path / "traj.parquet").num_rows == 25
    with open(tmp_path / "traj.csv", newline="") as fh:
        assert len(list(csv.DictReader(fh))) == 25


def test_io_write_table_escapes_formulas_in_csv_only(tmp_path):
    write_table(tmp_path, "t", [{"a": "=1+1"}], columns=["a"])
    assert pq.read_table(tmp_path / "t.parquet").column("a").to_pylist() == ["=1+1"]
    assert "'=1+1" in (tmp_path / "t.csv").read_text()


def test_io_empty_table_still_has_header(tmp_path):
    write_table(tmp_path, "empty", [], columns=["x", "y"])
    assert pq.read_table(tmp_path / "empty.parquet").column_names == ["x", "y"]
    with open(tmp_path / "empty.csv", newline="") as fh:
        assert list(csv.reader(fh)) == [["x", "y"]]


def _reference_tables(rows, columns, schema=None):
    """What TableWriter writes, from plain dict rows: the projected rows and a from_pylist Parquet table."""
    import pyarrow as pa

    from narrative.io import records_to_rows

    projected = [{c: r.get(c) for c in columns} for r in records_to_rows(rows)]
    return projected, pa.Table.from_pylist(projected, schema=schema)


def _csv_cell_matches(cell: str, value) -> bool:
    """A CSV cell as read back holds ``value``: text formula-escaped, numbers equal (NaN as NaN)."""
    if value is None:
        return cell == ""
    if isinstance(value, bool):
        return cell == str(value).lower()
    if isinstance(value, (int, float)):
        got = float(cell)
        return got == value or (got != got and value != value)
    return cell == escape_formula(value)


@pytest.mark.parametrize("with_schema", [False, True], ids=["inferred-schema", "given-schema"])
def test_io_table_writer_cells_match_the_dict_row_reference(tmp_path, with_schema):
    import pyarrow as pa

    rows = [
        TrajectoryPoint(client_id="=c", session=1, series="s", value=float("nan"), detail={"a": [1, 2]}),
        {"client_id": "-1.5", "session": 2, "series": "+x", "value": -2.0, "unknown": "dropped"},
        {"client_id": "@c", "series": "\tt", "detail": '{"k": [null]}'},
        {"client_id": "c", "session": 4, "series": "s", "value": 1.5, "detail": {"q": ("t", None)}},
    ]
    columns = ["client_id", "session", "series", "value", "detail", "missing"]
    schema = None
    if with_schema:
        types = [pa.string(), pa.int64(), pa.string(), pa.float64(), pa.string(), pa.string()]
        schema = pa.schema(list(zip(columns, types, strict=True)))
    with TableWriter(tmp_path, "t", columns=columns, schema=schema, chunk_size=2) as w:
        for row in rows:
            w.write([row])
    want_rows, want_table = _reference_tables(rows, columns, schema)
    with open(tmp_path / "t.csv", newline="", encoding="utf-8") as fh:
        header, *cells = list(csv.reader(fh))
    assert header == columns
    assert len(cells) == len(want_rows)
    for got, want in zip(cells, want_rows, strict=True):
        assert all(_csv_cell_matches(g, want[c]) for g, c in zip(got, columns, strict=True)), (got, want)
    assert cells[0][0] == "'=c" and cells[1][0] == "-1.5" and cells[2][2] == "'\tt"  # formulas defused
    got = pq.read_table(tmp_path / "t.parquet")
    from narrative.io import _nullable_schema

    assert got.schema == (schema or _nullable_schema(want_table.schema))
    assert repr(got.to_pylist()) == repr(want_table.cast(got.schema).to_pylist())  # repr: NaN == NaN


@pytest.mark.parametrize(
    "cells",
    [
        ["a", None, "é", "", "日本"],
        [1, None, -5, 2**63 - 1, -(2**63)],
        [1.5, None, 2, -0.0, float("inf")],
        [float("nan"), 1.0],
        [True, None, False, True, True, False, True, False, True],
        [None, None, None],
        ["x"] * 9,
    ],
)
def test_io_arrow_column_equals_pa_array(cells):
    import pyarrow as pa

    from narrative.io import arrow_column

    built = arrow_column(cells)
    assert isinstance(built, pa.Array)
    expected = pa.array(cells)
    assert built.type == expected.type and built.null_count == expected.null_count
    assert repr(built.to_pylist()) == repr(expected.to_pylist())  # repr: NaN == NaN


@pytest.mark.parametrize(
    "cells", [[2**64, 1], [1, "a"], [True, 1], [1.0, 2**60], ["\ud800"], [], [b"x", None], [[1], None]]
)
def test_io_arrow_column_leaves_other_columns_to_pa_array(cells):
    from narrative.io import arrow_column

    assert arrow_column(cells) is cells


def test_io_table_writer_does_not_import_pandas(tmp_path):
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from narrative.io import TableWriter\n"
        "with TableWriter(sys.argv[1], 't', columns=['a', 'b', 'c', 'd'], chunk_size=2) as w:\n"
        "    w.write([{'a': '=1+1', 'b': 1, 'c': 0.5, 'd': {'k': [1]}}, {'a': None, 'b': None}])\n"
        "    w.write([{'a': 'x', 'b': 2, 'c': 1, 'd': None}])\n"
        "print('pandas' in sys.modules)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "False"
    table = pq.read_table(tmp_path / "t.parquet")
    assert table.to_pydict() == {
        "a": ["=1+1", None, "x"],
        "b": [1, None, 2],
        "c": [0.5, None, 1.0],
        "d": ['{"k": [1]}', None, None],
    }
    assert (tmp_path / "t.csv").read_text(encoding="utf-8").splitlines()[1].startswith('"\'=1+1"')
