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
    assert (tmp_path / "empty.csv").read_text().strip() == "x,y"
