"""Data dictionary: every table column documented with type, meaning and unit."""

from __future__ import annotations

import csv
from pathlib import Path

import pyarrow.parquet as pq
import pytest

from narrative.io import write_table
from narrative.report import write_data_dictionary
from narrative.report.dictionary import TABLES, dictionary_entries


def test_dictionary_documents_every_column_of_the_run(run_dir: Path) -> None:
    md, csv_path = write_data_dictionary(run_dir / "tables")
    with open(csv_path, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    documented = {(r["table"], r["column"]) for r in rows}
    for path in (run_dir / "tables").glob("*.parquet"):
        for name in pq.read_schema(path).names:
            assert (path.stem, name) in documented, (path.stem, name)
    assert all(r["meaning"] and r["type"] for r in rows)
    assert "Not described" not in md.read_text(encoding="utf-8")
    assert "## trajectories" in md.read_text(encoding="utf-8")


def test_dictionary_never_lists_note_text_and_covers_standard_tables() -> None:
    entries = dictionary_entries()
    assert ("notes", "text") not in {(e.table, e.column) for e in entries}
    assert {e.table for e in entries} == set(TABLES)
    by_key = {(e.table, e.column): e for e in entries}
    assert by_key[("scores", "agency")].unit == "score, −1 to +1"
    assert by_key[("trajectories", "band_low")].type == "number, may be empty"
    assert by_key[("flags", "quotes")].type == "JSON list (text)"


def test_dictionary_marks_unknown_columns(tmp_path: Path) -> None:
    write_table(tmp_path, "leadlag", [{"client_id": "C", "mystery": 1.5}], columns=["client_id", "mystery"])
    entries = {(e.table, e.column): e for e in dictionary_entries(tmp_path)}
    assert entries[("leadlag", "mystery")].type == "number"
    assert entries[("leadlag", "mystery")].meaning.startswith("Not described")


@pytest.mark.parametrize("cell", ["=1+1", "-cmd"])
def test_dictionary_csv_cells_are_formula_safe(cell: str, tmp_path: Path) -> None:
    write_table(tmp_path, "leadlag", [{cell: 1}], columns=[cell])
    _, csv_path = write_data_dictionary(tmp_path)
    assert f"'{cell}" in csv_path.read_text(encoding="utf-8")
