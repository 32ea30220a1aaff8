from __future__ import annotations

import json

import pandas as pd
import pytest
from typer.testing import CliRunner

from narrative.cli import app

runner = CliRunner()


@pytest.mark.parametrize("command", ["analyze", "validate", "extract", "score", "evaluate", "report"])
def test_main_help_lists_each_command(command):
    result = runner.invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert "Usage" in result.output


def test_main_version():
    result = runner.invoke(app, ["version"])
    assert result.exit_code == 0 and "narrative" in result.output


def test_main_validate_reports_counts_and_writes_rejects(tmp_path):
    f = tmp_path / "notes.csv"
    f.write_text(
        "client_id,session,note\nA,1,I am fine.\n,2,No client here.\nA,x,Bad session.\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["validate", str(f), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "read 3 = accepted 1 + rejected 2" in result.output
    rejects = pd.read_csv(tmp_path / "o" / "rejects.csv")
    assert len(rejects) == 2
    assert "No client here" not in (tmp_path / "o" / "rejects.csv").read_text()


def test_main_validate_nothing_usable_exits_1(tmp_path):
    f = tmp_path / "notes.csv"
    f.write_text("client_id,session,note\n,1,x\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(f), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


def test_main_missing_input_is_a_usage_error(tmp_path):
    result = runner.invoke(app, ["analyze", str(tmp_path / "nope.csv")])
    assert result.exit_code == 2


def test_main_unreadable_input_exits_1_without_traceback(tmp_path):
    f = tmp_path / "notes.xlsx"
    f.write_bytes(b"PK\x03\x04 not really")
    result = runner.invoke(app, ["analyze", str(f), "--out", str(tmp_path / "o")])
    assert result.exit_code == 1
    assert "Traceback" not in result.output


@pytest.mark.slow
def test_main_extract_writes_stable_columns(tmp_path):
    f = tmp_path / "texts.csv"
    f.write_text('id,text\n1,"I chose to go for a walk. I am broken."\n2,\n', encoding="utf-8")
    out = tmp_path / "st.csv"
    result = runner.invoke(app, ["extract", str(f), "--out", str(out)])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out)
    assert list(df.columns) == ["id", "type", "text", "start", "end", "voice", "polarity", "evidence"]
    assert set(df["type"]) >= {"agency", "self_description"}
    assert "rejected 1" in result.output


@pytest.mark.slow
def test_main_score_one_row_per_input_row(tmp_path):
    f = tmp_path / "texts.jsonl"
    rows = [
        {"id": i, "text": t}
        for i, t in enumerate(["I chose to set a boundary.", "My anxiety made me cancel."])
    ]
    f.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    result = runner.invoke(app, ["score", str(f), "--out", str(out)])
    assert result.exit_code == 0, result.output
    df = pd.read_csv(out)
    assert list(df.columns) == [
        "id",
        "agency",
        "self_regard",
        "narrative_score",
        "talk_type",
        "p_change",
        "p_neutral",
        "p_sustain",
        "evidence",
    ]
    assert len(df) == 2
    assert df.loc[0, "agency"] > df.loc[1, "agency"]
    assert df[["agency", "self_regard", "narrative_score"]].abs().le(1).all().all()


def test_main_extract_unknown_speaker_is_a_usage_error(tmp_path):
    f = tmp_path / "t.csv"
    f.write_text("id,text\n1,I chose to go.\n", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(f), "--speaker", "bogus", "--out", str(tmp_path / "o.csv")])
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "author" in result.output and "note" in result.output


def test_main_validate_column_map_file(tmp_path):
    f = tmp_path / "notes.csv"
    f.write_text("Pt Number,Visit,Narrative\nA,1,I am fine.\n", encoding="utf-8")
    cmap = tmp_path / "map.yaml"
    cmap.write_text("client_id: Pt Number\nsession: Visit\nnote: Narrative\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(f), "--column-map", str(cmap), "--out", str(tmp_path / "o")])
    assert result.exit_code == 0, result.output
    assert "read 1 = accepted 1 + rejected 0" in result.output


def test_main_messages_never_echo_a_header_that_is_note_text(tmp_path):
    f = tmp_path / "notes.csv"
    f.write_text("A,1,My partner hit me again last night and I told nobody\n", encoding="utf-8")
    result = runner.invoke(app, ["validate", str(f), "--out", str(tmp_path / "o")])
    assert "partner" not in result.output and "Traceback" not in result.output
