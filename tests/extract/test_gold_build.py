"""The committed gold JSONL files are exactly what scripts/build_gold.py makes of their sources."""

from __future__ import annotations

import importlib.util
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
GOLD = ROOT / "corpora" / "gold"


def _build_gold():
    spec = importlib.util.spec_from_file_location("build_gold", ROOT / "scripts" / "build_gold.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def rebuilt(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("gold")
    shutil.copytree(GOLD / "src", out / "src")
    _build_gold().build(out)
    return out


@pytest.mark.parametrize("path", sorted(GOLD.glob("*.jsonl")), ids=lambda p: p.name)
def test_committed_split_matches_its_sources(rebuilt: Path, path: Path) -> None:
    assert (rebuilt / path.name).read_bytes() == path.read_bytes()


def test_each_development_split_has_its_own_sources() -> None:
    """dev.jsonl leaves out every file of the further development splits."""
    module = _build_gold()
    _, excluded, _ = module.SPLIT_SOURCES["dev"]
    for split, (pattern, _, _) in module.SPLIT_SOURCES.items():
        if split.startswith("dev_"):
            assert pattern.removesuffix("*.txt") in excluded, split
