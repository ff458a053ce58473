"""Every HTML page built from the TEI of other projects (../shared/corpus/shapes/, one folder a
collection: document pages and index pages) passes the Nu HTML Checker with no error: ids
unique where an element is rendered twice, names linked only to anchors that exist.
Skipped when ../shared or the checker is not there."""

from __future__ import annotations

import shutil
import subprocess
import sys

import pytest

from conftest import CORPUS, PROJECT, need
from test_html import vnu_jar


def test_every_page_of_the_shapes_corpus_is_valid_html5(tmp_path):
    shapes = need(CORPUS / "shapes")
    jar = vnu_jar()
    if jar is None or not shutil.which("java"):
        pytest.skip("the Nu HTML Checker is not installed: run ./setup.sh (npm install -g vnu-jar)")
    for folder in sorted(p for p in shapes.iterdir() if p.is_dir()):
        built = subprocess.run([sys.executable, "-m", "pipeline", "build", "--force", "--to", "html",
                                "--out", str(tmp_path / folder.name), *map(str, sorted(folder.glob("*.xml")))],
                               capture_output=True, text=True, cwd=PROJECT)
        assert built.returncode == 0, built.stdout[-3000:] + built.stderr[-3000:]
    pages = sorted(tmp_path.glob("*/html/*.html"))
    assert len(pages) >= 24
    checked = subprocess.run(["java", "-Xss16m", "-jar", str(jar), "--errors-only", "--format", "gnu",
                              *map(str, pages)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[:6000]
