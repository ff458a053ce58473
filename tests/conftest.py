"""Shared fixtures: where the project, its sources and ../shared are, and scratch copies."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

PROJECT = Path(__file__).resolve().parents[1]
TEI = PROJECT / "tei"
SHARED = PROJECT.parent / "shared"
CORPUS = SHARED / "corpus"
TEI_ALL = SHARED / "schemas" / "tei_all-4.8.0.rng"


def volumes() -> list[Path]:
    """The whole FRUS volumes of ../shared/corpus/ (not the other projects' files in shapes/)."""
    return sorted(need(CORPUS).glob("*.xml"))


def need(path: Path) -> Path:
    """Skip the test, saying why, when a file from ../shared is not beside the clone."""
    if not path.exists():
        pytest.skip(f"{path} not found: ../shared must be beside the project")
    return path


def line_of(text: str, needle: str) -> int:
    """The 1-based line on which `needle` first stands in `text`."""
    return text[: text.index(needle)].count("\n") + 1


@pytest.fixture
def tei_copy(tmp_path) -> Path:
    """A scratch copy of tei/ that a test may break."""
    return Path(shutil.copytree(TEI, tmp_path / "tei"))
