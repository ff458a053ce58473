"""What a build keeps in OUT/ besides the outputs is untrusted too: a manifest or a stamp edited or
damaged by hand never makes a build touch a file outside OUT/, crash, or leave work undone; an
output damaged by hand is rebuilt; a killed build leaves no debris in the published folders."""

from __future__ import annotations

import json
import marshal
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import PROJECT
from pipeline.building import stamp

LETTER = "frus1958-60v18-d11"


@pytest.fixture
def corpus(tei_copy) -> Path:
    """tei/, dated back: sources a build trusts by their stat, as they are when a build starts."""
    past = time.time_ns() - int(60e9)
    for path in [tei_copy, *tei_copy.rglob("*")]:
        os.utime(path, ns=(past, past))
    return tei_copy


def teipipe_build(corpus: Path, out: Path, formats: str = "txt") -> subprocess.CompletedProcess:
    """`teipipe build` from the command line (`pipeline.cli.launch`, the stamp first)."""
    args = ["build", str(corpus), "--to", formats, "--out", str(out), "--force", "--jobs", "1"]
    return subprocess.run([sys.executable, "-m", "pipeline", *args], cwd=PROJECT, capture_output=True,
                          text=True, timeout=300)


def sources(corpus: Path) -> int:
    return len(list(corpus.glob("*.xml")))


def full_build(done: subprocess.CompletedProcess, corpus: Path) -> bool:
    n = sources(corpus)
    return done.returncode == 0 and f"{n} files: {n} built, 0 up to date, 0 failed" in done.stderr


def warnings(done: subprocess.CompletedProcess) -> list[str]:
    """The build's warnings about OUT/'s own files (the documents' warnings left out: a copy of
    tei/ names a schema by <?xml-model?> that is not beside it)."""
    return [line for line in done.stderr.splitlines() if "warning" in line and "[xml-model]" not in line]


def edit_manifest(out: Path, change) -> None:
    path = out / stamp.MANIFEST
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def test_a_manifest_naming_files_outside_out_removes_nothing_there(corpus, tmp_path):
    out = tmp_path / "out"
    victims = [tmp_path / "victim" / "keep.txt", tmp_path / "elsewhere.html"]
    for victim in victims:
        victim.parent.mkdir(exist_ok=True)
        victim.write_text("not the build's", encoding="utf-8")
    assert teipipe_build(corpus, out).returncode == 0

    def withdraw_victims(data):
        # A source that is gone: a build withdraws (removes) the outputs the manifest names for it.
        entry = next(iter(data["sources"].values()))
        entry = json.loads(json.dumps(entry))
        entry["outputs"] = {"txt": {**entry["outputs"]["txt"], "file": "../victim/keep.txt"},
                            "html": {**entry["outputs"]["txt"], "file": str(victims[1])}}
        data["sources"][str(tmp_path / "gone.xml")] = entry

    edit_manifest(out, withdraw_victims)
    done = teipipe_build(corpus, out)
    assert [victim.read_text(encoding="utf-8") for victim in victims] == ["not the build's"] * 2
    assert "removed" not in done.stdout
    assert full_build(done, corpus), done.stderr
    [warning] = warnings(done)
    assert warning.startswith(f"{out / stamp.MANIFEST}:") and "../victim/keep.txt" in warning
    assert "outside" in warning and "Traceback" not in done.stderr


@pytest.mark.parametrize("damage", ["not JSON", "a JSON list", "a source entry that is a list",
                                    "a hash that is a number", "an output's stat that is text"])
def test_an_unusable_manifest_is_replaced_with_one_warning(corpus, tmp_path, damage):
    out = tmp_path / "out"
    assert teipipe_build(corpus, out).returncode == 0
    manifest = out / stamp.MANIFEST
    if damage == "not JSON":
        manifest.write_text('{"version": 3,\n  "sources": {', encoding="utf-8")
    elif damage == "a JSON list":
        manifest.write_text("[1, 2]", encoding="utf-8")
    elif damage == "a source entry that is a list":
        edit_manifest(out, lambda data: data["sources"].update({str(tmp_path / "gone.xml"): []}))
    elif damage == "a hash that is a number":
        edit_manifest(out, lambda data: data["files"].update({str((corpus / f"{LETTER}.xml").resolve()): 7}))
    else:
        def text_stat(data):
            for entry in data["sources"].values():
                for output in entry["outputs"].values():
                    output["stat"] = "big"
        edit_manifest(out, text_stat)
    done = teipipe_build(corpus, out)
    assert full_build(done, corpus), done.stderr
    assert "Traceback" not in done.stderr
    [warning] = warnings(done)
    assert warning.startswith(f"{manifest}:") and "building everything" in warning
    if damage == "not JSON":
        assert warning.startswith(f"{manifest}:2:")  # where the text stops being JSON
    # Replaced by a manifest of this build: the next build has nothing to do, and says nothing.
    again = teipipe_build(corpus, out)
    assert warnings(again) == [] and f"0 built, {sources(corpus)} up to date" in again.stderr


@pytest.mark.parametrize("damage", ["a path that is a huge number", "a count that is text"])
def test_a_stamp_of_the_wrong_shape_means_the_ordinary_check(corpus, tmp_path, damage):
    out = tmp_path / "out"
    assert teipipe_build(corpus, out).returncode == 0
    data = marshal.loads((out / stamp.STAMP).read_bytes())
    if damage == "a path that is a huge number":
        data["files"][2 ** 70] = None
    else:
        data["sources"] = "all"
    (out / stamp.STAMP).write_bytes(marshal.dumps(data))
    done = teipipe_build(corpus, out)
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    n = sources(corpus)
    assert done.stderr.startswith(f"{n} files: 0 built, {n} up to date")
    # The ordinary check ran (it removes the stamp, and writes a good one).
    assert type(marshal.loads((out / stamp.STAMP).read_bytes())["sources"]) is int


@pytest.mark.parametrize("output, damage", [
    (f"txt/{LETTER}.txt", "truncated"), (f"html/{LETTER}.html", "emptied"), ("html/index.html", "emptied")])
def test_an_output_damaged_by_hand_is_rebuilt_by_the_next_build(corpus, tmp_path, output, damage):
    out = tmp_path / "out"
    assert teipipe_build(corpus, out, "txt,html").returncode == 0
    assert (out / stamp.STAMP).exists()  # so the next build goes the fast way, if it can
    path = out / output
    whole = path.read_bytes()
    with open(path, "r+b") as handle:
        handle.truncate(len(whole) // 2 if damage == "truncated" else 0)
    done = teipipe_build(corpus, out, "txt,html")
    assert done.returncode == 0, done.stderr
    assert path.read_bytes() == whole
    assert f"wrote {path}" in done.stdout.splitlines()


KILLED_MID_WRITE = """
import os, signal, sys
from pipeline.cli import launch
replace = os.replace
def killed_before_an_output_is_renamed(src, dst):
    if not os.path.basename(dst).startswith("."):
        os.kill(os.getpid(), signal.SIGKILL)
    replace(src, dst)
os.replace = killed_before_an_output_is_renamed
sys.argv = ["teipipe", "build", *sys.argv[1:]]
launch.main()
"""


def test_a_build_killed_mid_write_leaves_nothing_in_the_published_folders(corpus, tmp_path):
    out = tmp_path / "out"
    args = [str(corpus), "--to", "txt", "--out", str(out), "--force", "--jobs", "1"]
    killed = subprocess.run([sys.executable, "-c", KILLED_MID_WRITE, *args], cwd=PROJECT, capture_output=True)
    assert killed.returncode == -9
    published = [path for path in out.rglob("*") if path.is_file() and not path.relative_to(out).parts[0].startswith(".")]
    assert (out / "txt").is_dir() and published == []  # its temporary file is in a hidden folder
    assert teipipe_build(corpus, out).returncode == 0
    assert [path for path in out.rglob("*") if path.name.endswith(".tmp")] == []
