"""Parallel builds: worker processes give the same outputs, survive a crashed worker, show progress."""

from __future__ import annotations

import io
import os
import signal
import subprocess
import sys
import threading
import types

import pytest
from click.testing import CliRunner

from pipeline import processes
from pipeline.cli import main
from pipeline.document import Document
from pipeline.formats import FORMATS
from pipeline.processes import Progress, WorkerDied, run_all

from conftest import TEI


def square_or_die(n: int) -> tuple[int, int]:
    """Module-level, so that spawned workers can import it; dies on 13 like a crash in native code."""
    if n == 13:
        os.kill(os.getpid(), signal.SIGKILL)
    if n == 7:
        raise ValueError("seven is a bug")
    return n * n, os.getpid()


def test_every_item_is_run_once_in_worker_processes():
    pairs = list(run_all(square_or_die, [1, 2, 3, 4, 5, 6], jobs=2))
    assert sorted((n, result[0]) for n, result in pairs) == [(n, n * n) for n in range(1, 7)]
    assert os.getpid() not in {result[1] for _, result in pairs}


def test_a_dead_worker_costs_only_its_item():
    pairs = dict(run_all(square_or_die, [11, 12, 13, 14, 15], jobs=2,
                         on_crash=lambda n, reason: reason))
    assert "SIGKILL" in pairs.pop(13)
    assert {n: r[0] for n, r in pairs.items()} == {11: 121, 12: 144, 14: 196, 15: 225}


def test_items_sent_ahead_to_a_worker_that_dies_are_run_by_the_others():
    # Each worker holds two items: what the killed one had not started goes elsewhere, once.
    pairs = list(run_all(square_or_die, [13, 1, 2, 3, 4, 5, 6], jobs=2, on_crash=lambda n, reason: reason))
    assert sorted(n for n, _ in pairs) == [1, 2, 3, 4, 5, 6, 13]
    assert {n: r[0] for n, r in pairs if n != 13} == {n: n * n for n in range(1, 7)}


def test_workers_are_forked_unless_saxon_or_another_thread_runs_here(monkeypatch):
    # A fresh process (the command line) forks; closing its idle workers ends them cleanly:
    # each closed the copies of the others' pipes, so each sees its own closed (exit status 0).
    code = ("from pipeline import processes\n"
            "workers = processes.Workers(2)\n"
            "assert sorted(n for n, _ in workers.run(abs, [-1, -2, -3, -4])) == [-4, -3, -2, -1]\n"
            "children = list(workers._processes.values())\n"
            "workers.close()\n"
            "print(processes._context().get_start_method(), [p.exitcode for p in children])")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60)
    assert done.stdout.split(None, 1) == ["fork", "[0, 0]\n"], done.stderr
    monkeypatch.setitem(sys.modules, "saxonche", types.ModuleType("saxonche"))
    assert processes._context().get_start_method() == "spawn"
    monkeypatch.delitem(sys.modules, "saxonche")
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert processes._context().get_start_method() == "spawn"
    finally:
        stop.set()
        thread.join()


def test_a_build_with_nothing_to_do_starts_no_worker(tmp_path, monkeypatch):
    args = ["build", str(TEI), "--to", "txt", "--out", str(tmp_path), "--force", "--jobs", "2"]
    assert CliRunner().invoke(main, args).exit_code == 0

    def forbidden(self):
        raise AssertionError("a worker was started with nothing to do")

    monkeypatch.setattr(processes.Workers, "_start", forbidden)
    again = CliRunner().invoke(main, args)
    assert again.exit_code == 0 and " 0 built, " in again.stderr, again.output


def test_a_dead_worker_without_on_crash_and_an_exception_are_raised():
    with pytest.raises(WorkerDied, match="13"):
        list(run_all(square_or_die, [12, 13], jobs=2))
    with pytest.raises(RuntimeError, match="seven is a bug"):
        list(run_all(square_or_die, [6, 7], jobs=2))


def test_parallel_build_writes_the_same_bytes_as_a_serial_one(tmp_path):
    # Saxon is already running in this process: workers must be spawned, not forked from it.
    FORMATS["txt"].render(Document.load(TEI / "ikeda-2002-hatoyama.xml"), {})
    outputs = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = CliRunner().invoke(main, ["build", str(TEI), "--to", "txt", "--out", str(out),
                                           "--force", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs[jobs] = {p.name: p.read_bytes() for p in (out / "txt").iterdir()}
    assert outputs["1"] == outputs["2"] and len(outputs["1"]) >= 2


class Stream(io.StringIO):
    def __init__(self, tty: bool):
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


def test_progress_is_a_bar_on_a_terminal_and_plain_lines_elsewhere():
    terminal, log = Stream(True), Stream(False)
    bar, lines = Progress(4, "build", terminal), Progress(4, "build", log)
    bar.redraw, lines.interval = 0, 0
    for _ in range(4):
        bar.step()
        lines.step()
    bar.close()
    assert terminal.getvalue().count("\r") == 5 and "[" in terminal.getvalue() and "4/4" in terminal.getvalue()
    assert log.getvalue().splitlines()[0].startswith("build: 1/4")
    assert "\r" not in log.getvalue() and len(log.getvalue().splitlines()) == 3
    quiet = Stream(False)
    Progress(1, "build", quiet).step()
    assert quiet.getvalue() == ""


def test_jobs_must_be_positive(tmp_path):
    result = CliRunner().invoke(main, ["build", str(TEI), "--jobs", "0", "--out", str(tmp_path)])
    assert result.exit_code == 2 and "--jobs" in result.output
    assert processes.default_jobs() >= 1


def test_collection_pages_are_the_same_from_warm_workers_and_from_this_process(tmp_path):
    collecting = [name for name, fmt in FORMATS.items() if fmt.collect is not None and name != "pdf"]
    if not collecting:
        pytest.skip("no registered format has collection pages yet")
    pages = {}
    for jobs in ("1", "2"):
        out = tmp_path / jobs
        result = CliRunner().invoke(main, ["build", str(TEI), "--to", ",".join(collecting), "--out", str(out),
                                           "--force", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        pages[jobs] = {p.relative_to(out): p.read_bytes() for p in out.rglob("*") if p.is_file()
                       and not p.name.startswith(".")}
    assert pages["1"] == pages["2"]
    again = CliRunner().invoke(main, ["build", str(TEI), "--to", ",".join(collecting), "--out",
                                      str(tmp_path / "2"), "--force", "--jobs", "2"])
    assert again.exit_code == 0 and "0 built" in again.stderr and "wrote" not in again.output
