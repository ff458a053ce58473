"""`teipipe build --watch`: each saved change is built, a broken save is reported and mended by the next."""

from __future__ import annotations

import queue
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from conftest import PROJECT
from pipeline import XSLT_DIR
from pipeline.building.builder import Settings
from pipeline.cli.watch import folders
from pipeline.sources import DEFAULT_SOURCES
from pipeline.validation.schemas import DEFAULT_SCHEMATRON

#: Seconds a test waits for the watch to answer (a cold start compiles schemas and stylesheets).
PATIENCE = 60
SUMMARY = " files: "


class Watch:
    """`teipipe build --watch` in a subprocess, its output (stdout and stderr) read line by line."""

    def __init__(self, sources: Path, out: Path, *extra: str):
        self.process = subprocess.Popen(
            [sys.executable, "-m", "pipeline", "build", str(sources), "--to", "txt", "--out", str(out),
             "--jobs", "1", "--watch", *extra],
            cwd=PROJECT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            # Ctrl-C ends a watch, even where the tests run with SIGINT ignored (in the background).
            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
        self.lines: queue.Queue[str] = queue.Queue()
        threading.Thread(target=self._read, daemon=True).start()
        self.seen: list[str] = []

    def _read(self) -> None:
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def until(self, predicate) -> list[str]:
        """The lines up to the first one `predicate` accepts."""
        got, deadline = [], time.monotonic() + PATIENCE
        while True:
            try:
                line = self.lines.get(timeout=max(0.0, deadline - time.monotonic()))
            except queue.Empty:
                pytest.fail(f"no answer from the watch in {PATIENCE}s; it said: {self.seen + got}")
            got.append(line)
            if predicate(line):
                self.seen += got
                return got

    def build(self) -> list[str]:
        """The lines of the next build, up to its summary."""
        return self.until(lambda line: SUMMARY in line)

    def quiet(self, seconds: float) -> list[str]:
        """What the watch says in `seconds` of nothing changing."""
        time.sleep(seconds)
        said = []
        while not self.lines.empty():
            said.append(self.lines.get())
        return said

    def stop(self) -> int:
        self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=PATIENCE)


@pytest.fixture
def watching(tei_copy):
    # The output folder inside the watched one: writing outputs must not count as a change.
    out = tei_copy / "out"
    watch = Watch(tei_copy, out)
    watch.build()
    yield watch, tei_copy / "frus1958-60v18-d11.xml", out / "txt" / "frus1958-60v18-d11.txt"
    if watch.process.poll() is None:
        watch.process.kill()
        watch.process.wait()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_saved_change_is_built_and_nothing_else(watching):
    watch, source, output = watching
    edit(source, "Dulles", "Dullez")
    lines = watch.build()
    assert f"wrote {output}" in lines
    assert [line for line in lines if SUMMARY in line][0].startswith("5 files: 1 built, 4 up to date, 0 failed")
    assert "Dullez" in output.read_text(encoding="utf-8")
    # Writing the outputs is no change to build: the watch stays quiet.
    assert watch.quiet(1.0) == []
    assert watch.stop() == 0
    assert "stopped watching" in watch.quiet(0.1)


def test_a_broken_save_is_reported_with_its_place_and_the_next_save_mends_it(watching):
    watch, source, output = watching
    before = output.read_bytes()
    edit(source, "</p>", "</q>")
    lines = watch.build()
    assert any(re.match(rf"{re.escape(str(source))}:\d+:\d+: ", line) for line in lines), lines
    assert f"kept the last good outputs of {source}: not well-formed" in lines, lines
    assert output.read_bytes() == before  # the last good output stays
    assert watch.process.poll() is None  # and the watch goes on
    edit(source, "</q>", "</p>")
    lines = watch.build()
    # The mended text is the one the kept outputs were made from: they are current.
    assert [line for line in lines if SUMMARY in line][0].startswith("5 files: 0 built, 5 up to date, 0 failed"), lines
    assert output.read_bytes() == before
    assert watch.stop() == 0


def test_rebuild_with_watch_rebuilds_everything_once_not_at_every_change(tei_copy, tmp_path):
    watch = Watch(tei_copy, tmp_path / "out", "--rebuild")
    try:
        first = watch.build()
        assert any(line.startswith("5 files: 5 built") for line in first), first
        edit(tei_copy / "ikeda-2002-hatoyama.xml", "Hatoyama", "Hatoyama")  # same bytes again
        (tei_copy / "ikeda-2002-hatoyama.xml").touch()
        lines = watch.build()
        assert any(line.startswith("5 files: 0 built, 5 up to date") for line in lines), lines
    finally:
        assert watch.stop() == 0


def test_changed_rules_are_compiled_again_and_applied(tei_copy, tmp_path):
    rules = tmp_path / "rules" / "teipipe.sch"
    rules.parent.mkdir()
    rules.write_text(DEFAULT_SCHEMATRON.read_text(encoding="utf-8"), encoding="utf-8")
    watch = Watch(tei_copy, tmp_path / "out", "--schematron", str(rules))
    try:
        assert any(line.startswith("5 files: 5 built") for line in watch.build())
        # A new rule that every document breaks: the documents are held back.
        edit(rules, "</sch:schema>", """<sch:pattern id="test"><sch:rule context="/*">
          <sch:assert id="never" test="false()">a rule no document passes</sch:assert>
          </sch:rule></sch:pattern></sch:schema>""")
        lines = watch.build()
        assert any("a rule no document passes" in line for line in lines), lines
        assert any(line.startswith("5 files: 0 built, 0 up to date, 5 failed") for line in lines), lines
    finally:
        assert watch.stop() == 0


def test_without_paths_the_default_sources_are_watched_and_the_output_folder_is_not(tmp_path):
    settings = Settings(out_dir=tmp_path / "out")
    watched = folders((), settings)
    assert {str(DEFAULT_SOURCES.resolve()), str(XSLT_DIR.resolve())} <= watched
    assert str((tmp_path / "out").resolve()) not in watched


def test_an_authority_file_in_another_folder_is_watched_once_the_documents_point_into_it(tei_copy, tmp_path):
    documents, authorities = tmp_path / "documents", tmp_path / "authorities"
    documents.mkdir()
    authorities.mkdir()
    (tei_copy / "persons.xml").rename(authorities / "persons.xml")
    for name in ("frus1958-60v18-d11.xml", "ikeda-2002-hatoyama.xml", "places.xml", "orgs.xml"):
        text = (tei_copy / name).read_text(encoding="utf-8")
        (documents / name).write_text(text.replace('"persons.xml#', '"../authorities/persons.xml#'), encoding="utf-8")
    watch = Watch(documents, tmp_path / "out", "--authority-dir", str(authorities))
    try:
        assert any(line.startswith("4 files: 4 built") for line in watch.build()), watch.seen
        # Watching the new folder too, the watch builds once more for changes made meanwhile.
        assert any(line.startswith("4 files: 0 built, 4 up to date") for line in watch.build()), watch.seen
        edit(authorities / "persons.xml", "</listPerson>", "<person xml:id='new'><persName>New</persName></person></listPerson>")
        lines = watch.build()
        assert any(line.startswith("4 files: 2 built, 2 up to date") for line in lines), lines
    finally:
        assert watch.stop() == 0
