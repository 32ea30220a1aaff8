"""Helpers for the ingest tests: write small inputs, run the Ingestor, split the results."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest

from narrative.ingest import IngestOptions, Ingestor, InputCount
from narrative.types import Reject

USED_KINDS = frozenset({"patient", "context", "rendering"})


@dataclasses.dataclass
class Result:
    records: list[Any]
    rejects: list[Reject]
    counts: dict[str, InputCount]

    def of(self, kind: str) -> list[Any]:
        return [r for r in self.records if type(r).__name__ == kind]

    @property
    def codes(self) -> list[str]:
        """Reject reason codes, in order."""
        return [code for c in self.counts.values() for code, n in c.reasons.items() for _ in range(n)]


def run_ingest(paths: Sequence[Path | str], **options: Any) -> Result:
    ingestor = Ingestor(IngestOptions(**options))
    records, rejects = [], []
    for rec in ingestor.iter_records(list(paths)):
        (rejects if isinstance(rec, Reject) else records).append(rec)
    for count in ingestor.counts.values():
        assert count.read == count.accepted + count.rejected
    assert sum(c.rejected for c in ingestor.counts.values()) == len(rejects)
    # Accepted rows that give no record (FHIR Patient, context resources, a Composition rendering
    # DocumentReferences).
    used = sum(n for c in ingestor.counts.values() for kind, n in c.kinds.items() if kind in USED_KINDS)
    assert sum(c.accepted for c in ingestor.counts.values()) == len(records) + used
    return Result(records, rejects, ingestor.counts)


@pytest.fixture
def write(tmp_path: Path):
    """write(name, content) -> path; str content is UTF-8 unless ``encoding`` is given."""

    def _write(name: str, content: str | bytes, *, encoding: str = "utf-8") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content if isinstance(content, bytes) else content.encode(encoding))
        return path

    return _write
