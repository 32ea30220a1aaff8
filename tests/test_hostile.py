"""Hostile and broken input through the whole `analyze` path: rejects or safe output, never a crash."""

from __future__ import annotations

import pandas as pd
import pytest

from narrative.config import load_config
from narrative.engine.batch import segments
from narrative.run import RunOptions, analyze


@pytest.mark.parametrize(
    ("text", "max_chars"),
    [("short note.", 100), ("a. " * 100, 40), ("line\n" * 50, 33), ("x" * 250, 100)],
)
def test_hostile_segments_cover_text_in_order_within_limit(text, max_chars):
    parts = segments(text, max_chars)
    assert "".join(seg for _, seg in parts) == text
    assert all(len(seg) <= max_chars for _, seg in parts)
    assert [off for off, _ in parts] == [sum(len(s) for _, s in parts[:i]) for i in range(len(parts))]


@pytest.mark.slow
def test_hostile_analyze_escapes_injection_and_survives_long_and_broken_rows(tmp_path, key_file):
    long_note = ('She said, "I am a failure." ' * 4000) + 'Later she said, "I chose to go for a walk."'
    rows = [
        ("H1", "1", '=HYPERLINK("http://evil.example","click") She said, "I am broken."'),
        ("H1", "2", '<script>alert(1)</script> She said, "I have been through hard things."'),
        ("H1", "3", long_note),
        ("", "4", "no client id"),
        ("H1", "x", "bad session"),
        ("H1", "5", ""),
    ]
    f = tmp_path / "notes.csv"
    pd.DataFrame(rows, columns=["client_id", "session", "note"]).to_csv(f, index=False)
    (tmp_path / "bytes.csv").write_bytes(b"client_id,session,note\nH2,1,\xff\xfe\x00garbage\x81\n")
    out = tmp_path / "out"
    summary = analyze(
        [f, tmp_path / "bytes.csv"], RunOptions(out=out, key_file=key_file), config=load_config()
    )
    counts = {c.source: c for c in summary.inputs}
    assert all(c.read == c.accepted + c.rejected for c in counts.values())
    assert summary.n_rejected >= 3
    stmts_csv = (out / "tables" / "statements.csv").read_text(encoding="utf-8")
    assert "\n=HYPERLINK" not in stmts_csv and ",=HYPERLINK" not in stmts_csv
    st = pd.read_parquet(out / "tables" / "statements.parquet")
    long_id = st.groupby("note_id")["start"].max().idxmax()
    assert st[st.note_id == long_id]["start"].max() > 100_000  # statements found past the first segment
    pages = [p.read_text(encoding="utf-8") for p in (out / "report").rglob("*.html")]
    assert pages and not any("<script>alert(1)</script>" in p for p in pages)
