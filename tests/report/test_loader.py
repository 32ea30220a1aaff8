"""Reading a run directory back: tables to records, clear errors for bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from narrative.errors import InputError
from narrative.report.loader import load_run
from narrative.types import Flag, TrajectoryPoint

from .conftest import SCRIPT_TEXT


def test_loader_reads_every_table(run_dir: Path) -> None:
    data = load_run(run_dir)
    assert data.client_ids() == ["C-1a2b3c4d", "C-5e6f7a8b", "C-9c0d1e2f"]
    assert all(isinstance(p, TrajectoryPoint) for p in data.trajectories)
    assert {f.rule for f in data.flags} >= {"symptom_deterioration", "alliance_dip"}
    assert isinstance(data.flags[0], Flag) and isinstance(data.flags[0].numbers, dict)
    assert data.manifest["version"] == "0.1.0"
    assert data.missing_tables == []


def test_loader_missing_table_is_empty_and_listed(run_dir: Path) -> None:
    (run_dir / "tables" / "events.parquet").unlink()
    data = load_run(run_dir)
    assert data.events == []
    assert data.missing_tables == ["events"]


@pytest.mark.parametrize("remove", ["", "tables"])
def test_loader_not_a_run_dir(tmp_path: Path, remove: str) -> None:
    target = tmp_path / "nothing" if not remove else tmp_path
    with pytest.raises(InputError, match="not a run directory"):
        load_run(target)


def test_loader_missing_column_names_file_and_column(run_dir: Path) -> None:
    path = run_dir / "tables" / "trajectories.parquet"
    table = pq.read_table(path).drop(["value"])
    pq.write_table(table, path)
    with pytest.raises(InputError, match=r"trajectories\.parquet: missing column\(s\) \['value'\]"):
        load_run(run_dir)


def test_loader_bad_session_names_row_and_column(run_dir: Path) -> None:
    path = run_dir / "tables" / "flags.parquet"
    rows = pq.read_table(path).to_pylist()
    for r in rows:
        r["session_to"] = str(r["session_to"])
    rows[1]["session_to"] = "soon"
    pq.write_table(pa.Table.from_pylist(rows), path)
    with pytest.raises(
        InputError, match=r"flags\.parquet, row 2, column \"session_to\": invalid value 'soon'"
    ):
        load_run(run_dir)


def test_loader_bad_json_never_echoes_note_text(run_dir: Path) -> None:
    path = run_dir / "tables" / "shifts.parquet"
    rows = pq.read_table(path).to_pylist()
    rows[0]["detail"] = "{not json " + SCRIPT_TEXT
    pq.write_table(pa.Table.from_pylist(rows), path)
    with pytest.raises(InputError) as info:
        load_run(run_dir)
    message = str(info.value)
    assert 'row 1, column "detail"' in message
    assert "nobody" not in message and "characters>" in message


def test_loader_bad_manifest(run_dir: Path) -> None:
    (run_dir / "manifest.json").write_text(json.dumps([1, 2]), encoding="utf-8")
    with pytest.raises(InputError, match="manifest"):
        load_run(run_dir)
