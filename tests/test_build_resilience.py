"""Interrupted builds: killed or stopped with Ctrl-C, out/ holds complete files only; the next build finishes."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from pipeline.building.builder import Settings, build
from pipeline.building.manifest import Busy, locked
from pipeline.formats import FORMATS

from conftest import CORPUS, PROJECT, TEI, need


@pytest.fixture(scope="session")
def split_corpus(tmp_path_factory) -> Path:
    """Both FRUS volumes, one file per document (over 600), made once per session."""
    volumes = [need(CORPUS / "frus1894Nicaragua.xml"), need(CORPUS / "frus1918Russiav03.xml")]
    folder = tmp_path_factory.mktemp("split")
    subprocess.run([sys.executable, str(PROJECT / "bench" / "split.py"), str(folder), *map(str, volumes)],
                   check=True, capture_output=True)
    return folder


def command(sources: Path, out: Path) -> list[str]:
    return [sys.executable, "-m", "pipeline", "build", str(sources), "--to", "txt", "--out", str(out),
            "--force", "--jobs", "2"]


def outputs(out: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in (out / "txt").glob("*.txt")}


def leftovers(out: Path) -> list[Path]:
    return list(out.rglob("*.tmp"))


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGINT], ids=["SIGKILL", "SIGINT"])
def test_an_interrupted_build_leaves_complete_files_and_the_next_one_finishes(split_corpus, tmp_path, sig):
    out = tmp_path / "out"
    documents = {p.stem + ".txt" for p in split_corpus.glob("*.xml") if not p.stem.endswith("-persons")}
    with open(tmp_path / "stderr", "wb") as stderr:
        # A session of its own: the signal reaches the workers too, as Ctrl-C or a kill of the job does.
        build_process = subprocess.Popen(command(split_corpus, out), cwd=PROJECT, start_new_session=True,
                                         stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 120
        while (out / "txt").is_dir() is False or len(list((out / "txt").glob("*.txt"))) < 50:
            assert build_process.poll() is None, "the build ended before it could be interrupted"
            assert time.monotonic() < deadline
            time.sleep(0.005)
        os.killpg(build_process.pid, sig)
        status = build_process.wait(timeout=60)
    interrupted = outputs(out)
    assert 50 <= len(interrupted) < len(documents)
    if sig == signal.SIGINT:
        message = (tmp_path / "stderr").read_text(encoding="utf-8")
        assert status == 130
        assert "interrupted" in message and "Traceback" not in message
        assert leftovers(out) == []
    else:
        assert status == -signal.SIGKILL
    if (out / ".manifest.json").exists():
        json.loads((out / ".manifest.json").read_text(encoding="utf-8"))

    resumed = subprocess.run(command(split_corpus, out), cwd=PROJECT, capture_output=True, text=True, timeout=300)
    assert resumed.returncode == 0, resumed.stderr[-2000:]
    assert leftovers(out) == []
    final = outputs(out)
    assert set(final) == documents
    # Every file the interrupted build left is complete: the same bytes the finished build has.
    assert [name for name, data in interrupted.items() if final[name] != data] == []


def test_temporary_files_of_a_killed_build_are_removed_by_the_next(tmp_path):
    out = tmp_path / "out"
    (out / ".partial").mkdir(parents=True)
    stray = out / ".partial" / ".ikeda-2002-hatoyama.txt.x1y2.tmp"
    stray.write_bytes(b"half a fi")
    build([TEI / "ikeda-2002-hatoyama.xml"], Settings(formats=(FORMATS["txt"],), out_dir=out, force=True))
    assert not stray.exists() and (out / "txt" / "ikeda-2002-hatoyama.txt").is_file()


def test_two_builds_never_write_into_one_folder_at_once(tmp_path):
    with locked(tmp_path):
        with pytest.raises(Busy, match="another build"):
            build([TEI / "ikeda-2002-hatoyama.xml"], Settings(formats=(FORMATS["txt"],), out_dir=tmp_path))
