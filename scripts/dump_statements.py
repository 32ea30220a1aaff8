"""Every statement the extraction gives on the open texts, as sorted JSON lines: the check that a
speed change leaves the outputs byte-identical.

Usage (run the same command in the base and the changed worktree, then ``cmp`` the two files):

    OMP_NUM_THREADS=1 PYTHONPATH=. .venv/bin/python scripts/dump_statements.py OUT.jsonl

Texts: every ``corpora/gold/dev*.jsonl`` split except the blind ``dev_contrast`` (never the test
split) and the demo caseload's notes (``corpora/demo/notes.csv``), each in both speaker modes
(``note`` and ``author``); every field of every Statement (id, type, offsets, text, voice, polarity,
evidence, normalized form, attrs).
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BLIND = {"dev_contrast.jsonl"}  # written blind this stop: not read here


def load_rows() -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for path in sorted((ROOT / "corpora" / "gold").glob("dev*.jsonl")):
        if path.name in BLIND:
            continue
        for k, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
            if line.strip():
                rows.append((f"{path.name}:{k}", json.loads(line)["text"]))
    demo = ROOT / "corpora" / "demo" / "notes.csv"
    if demo.exists():
        with demo.open(encoding="utf-8", newline="") as fh:
            rows += [(f"demo:{k}", row["note"] or "") for k, row in enumerate(csv.DictReader(fh))]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    args = parser.parse_args()

    from narrative.config import load_config
    from narrative.extract import extract_texts, load_pipeline

    rows = load_rows()
    nlp = load_pipeline(load_config())
    lines = []
    for speaker in ("note", "author"):
        for statement in extract_texts(nlp, rows, speaker=speaker):
            record = dataclasses.asdict(statement)
            record["speaker"] = speaker
            lines.append(json.dumps(record, sort_keys=True, default=str, ensure_ascii=False))
    lines.sort()
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} texts, {len(lines)} statements -> {args.out}")


if __name__ == "__main__":
    main()
