"""teipipe as a user installs it: a wheel in a fresh virtual environment, run in any folder.

The wheel is built from a clean copy of what pyproject.toml packages (a build in the clone would
leave build/ there, whose stale files setuptools puts into every later wheel), offline and
without build isolation; it goes into a venv that sees the system's lxml, Saxon and click but
imports `pipeline` from the wheel, not from this clone or an editable install. The commands
run in a scratch folder outside the repository, holding a copy of tei/.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROJECT, TEI
from pipeline import __version__
from pipeline.cli import main

#: Seconds the whole round (wheel, venv, three commands) may take: about 5 on an idle machine,
#: 16 with a load of 11 on 2 cores; past this, a step times out and the test fails.
BUDGET = 60
PACKAGED = ["pyproject.toml", "README.md", "pipeline", "xslt", "schema"]


class Clock:
    """What is left of the budget, given to each step as its timeout."""

    def __init__(self, seconds: float):
        self.end = time.monotonic() + seconds

    def run(self, command, **options) -> subprocess.CompletedProcess:
        return subprocess.run(command, capture_output=True, text=True,
                              timeout=max(self.end - time.monotonic(), 1), **options)


def _copy_of_the_project(into: Path) -> Path:
    into.mkdir()
    for name in PACKAGED:
        source = PROJECT / name
        if source.is_dir():
            shutil.copytree(source, into / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(source, into / name)
    return into


def _wheel(clock: Clock, tmp_path: Path) -> Path:
    source = _copy_of_the_project(tmp_path / "source")
    # Offline: setuptools as installed (older ones need `wheel`, in the [test] extra).
    built = clock.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                       "--no-index", "-q", "-w", str(tmp_path / "dist"), str(source)])
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("teipipe-*.whl")
    assert wheel.name.startswith(f"teipipe-{__version__}-")
    return wheel


def _venv_with(clock: Clock, wheel: Path, venv: Path, env: dict) -> Path:
    made = clock.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)])
    assert made.returncode == 0, made.stderr
    python = venv / "bin" / "python"
    installed = clock.run([sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
                           "--no-index", "-q", str(wheel)], env=env)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return python


def test_the_wheel_installed_in_a_fresh_venv_validates_and_builds_in_any_folder(tmp_path):
    clock = Clock(BUDGET)
    wheel = _wheel(clock, tmp_path)
    # This clone must not be importable from the venv: only the wheel's copy of the code.
    env = {name: value for name, value in os.environ.items() if name not in ("PYTHONPATH", "PYTHONHOME")}
    venv = tmp_path / "venv"
    python = _venv_with(clock, wheel, venv, env)
    work = tmp_path / "edition"
    shutil.copytree(TEI, work / "tei")

    imported = clock.run([str(python), "-c", "import pipeline; print(pipeline.XSLT_DIR)"], cwd=work, env=env)
    assert imported.returncode == 0, imported.stderr
    assert Path(imported.stdout.strip()).is_relative_to(venv.resolve()), imported.stdout

    teipipe = str(venv / "bin" / "teipipe")
    version = clock.run([teipipe, "--version"], cwd=work, env=env)
    assert version.returncode == 0, version.stderr
    assert version.stdout.strip() == f"teipipe, version {__version__}"
    validated = clock.run([teipipe, "validate"], cwd=work, env=env)
    assert validated.returncode == 0, validated.stdout + validated.stderr
    built = clock.run([teipipe, "build", "--to", "html,txt"], cwd=work, env=env)
    assert built.returncode == 0, built.stdout + built.stderr
    letter = "frus1958-60v18-d11"
    assert (work / "out" / "txt" / f"{letter}.txt").stat().st_size > 1000
    page = (work / "out" / "html" / f"{letter}.html").read_text(encoding="utf-8")
    assert "<link" in page and (work / "out" / "html" / "edition.css").is_file()


@pytest.mark.parametrize("command", ["validate", "build"])
def test_without_paths_or_tei_folder_one_line_asks_for_paths(command, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, [command])
    assert result.exit_code == 2
    assert result.output.splitlines() == [
        "error: no PATHS given and no tei/ folder here: give the TEI files or folders to work on"]
    assert not (tmp_path / "out").exists()


def test_the_defaults_are_tei_and_out_in_the_working_folder(tmp_path, monkeypatch):
    shutil.copytree(TEI, tmp_path / "tei")
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["build", "--to", "txt"])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "out" / "txt" / "frus1958-60v18-d11.txt").stat().st_size > 1000

