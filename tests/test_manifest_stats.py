"""The stat shortcut of the manifest and the stamp of `teipipe build`: a file whose stat did not
change is not read again, a touched file rebuilds nothing, a racy one is never trusted; the same
command line with nothing changed ends without loading the package, and anything changed makes
it check again."""

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
from pipeline.building.builder import Settings, build
from pipeline.building.manifest import Hashes
from pipeline.cli import launch
from pipeline.formats import FORMATS
from pipeline.sources import collect

TXT = FORMATS["txt"]


def age(folder: Path, seconds: float = 60) -> None:
    """Date `folder`, its folders and files back: as sources are when a build starts, not
    written in the same timestamp granule (which no build trusts)."""
    past = time.time_ns() - int(seconds * 1e9)
    for path in [folder, *folder.rglob("*")]:
        os.utime(path, ns=(past, past))


def run(folder: Path, out: Path, **options):
    settings = Settings(**{"formats": (TXT,), "out_dir": out, "force": True, "jobs": 1, **options})
    return {r.source.name: r for r in build(collect([folder]), settings)}


def built(results) -> set[str]:
    return {name for name, r in results.items() if not r.up_to_date and not r.failure}


def letter(folder: Path) -> Path:
    return folder / "frus1958-60v18-d11.xml"


@pytest.fixture
def corpus(tei_copy) -> Path:
    age(tei_copy)
    return tei_copy


def test_a_touched_file_is_hashed_again_and_rebuilds_nothing(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    os.utime(letter(corpus))
    assert built(run(corpus, out)) == set()
    # Once its new stat is older than a build's start, it is trusted again.
    age(corpus)
    run(corpus, out)
    files = json.loads((out / stamp.MANIFEST).read_text(encoding="utf-8"))["files"]
    st = letter(corpus).resolve().stat()
    assert files[str(letter(corpus).resolve())][:3] == [st.st_size, st.st_mtime_ns, st.st_ino]


def test_an_unchanged_stat_is_trusted_without_reading_the_file(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    path = letter(corpus)
    before = path.stat()
    text = path.read_text(encoding="utf-8")
    # The documented limit: the same size, the mtime set back by hand, the same inode.
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace("Dulles", "DULLES", 1))
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert built(run(corpus, out)) == set()
    # A real edit changes the stat, and the file is read again.
    os.utime(path)
    assert built(run(corpus, out)) == {path.name}


def test_a_file_modified_after_the_build_began_is_never_trusted(corpus, tmp_path):
    out = tmp_path / "out"
    path = letter(corpus)
    future = time.time_ns() + int(3600e9)
    os.utime(path, ns=(future, future))
    run(corpus, out)
    files = json.loads((out / stamp.MANIFEST).read_text(encoding="utf-8"))["files"]
    assert str(path.resolve()) not in files and str((corpus / "persons.xml").resolve()) in files
    assert not (out / stamp.STAMP).exists()
    # Changed within its timestamp: same size, same mtime. Racy, so hashed, so rebuilt.
    text = path.read_text(encoding="utf-8")
    with open(path, "r+", encoding="utf-8") as handle:
        handle.write(text.replace("Dulles", "DULLES", 1))
    os.utime(path, ns=(future, future))
    assert built(run(corpus, out)) == {path.name}


def test_a_missing_file_has_a_hash_and_is_noted_as_missing(tmp_path):
    hashes = Hashes(reference=time.time_ns())
    assert hashes.file(tmp_path / "nothing.xml") == "missing"
    assert hashes.seen == {str(tmp_path / "nothing.xml"): None}


def test_a_build_with_nothing_to_do_does_not_rewrite_the_manifest(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    run(corpus, out)
    before = (out / stamp.MANIFEST).stat()
    assert built(run(corpus, out)) == set()
    after = (out / stamp.MANIFEST).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def teipipe_build(*args) -> int:
    """`teipipe build ARGS` through `pipeline.cli.launch`, in this process: its exit status."""
    previous = sys.argv
    sys.argv = ["teipipe", "build", *map(str, args)]
    try:
        launch.main()
    except SystemExit as exc:
        return exc.code or 0
    finally:
        sys.argv = previous
    raise AssertionError("teipipe build did not exit")


@pytest.fixture
def stamped(corpus, tmp_path):
    """A corpus built from the command line, its stamp written: (args, out)."""
    out = tmp_path / "out"
    args = [corpus, "--to", "txt", "--out", out, "--force", "--jobs", "1"]
    assert teipipe_build(*args) == 0
    assert stamp.settled(list(map(str, args))) == len(list(corpus.glob("*.xml")))
    return list(map(str, args)), out


def test_the_same_command_line_with_nothing_changed_is_settled(stamped, corpus, capfd):
    args, _ = stamped
    capfd.readouterr()
    assert teipipe_build(*args) == 0
    n = len(list(corpus.glob("*.xml")))
    assert capfd.readouterr().err.startswith(f"{n} files: 0 built, {n} up to date, 0 failed")


@pytest.mark.parametrize("change", ["touch", "remove output", "new source", "new folder", "manifest",
                                    "code", "stylesheet", "damaged stamp"])
def test_any_change_makes_the_stamp_void(stamped, corpus, change, monkeypatch, tmp_path):
    args, out = stamped
    if change == "touch":
        os.utime(letter(corpus))
    elif change == "remove output":
        next((out / "txt").iterdir()).unlink()
    elif change == "new source":
        (corpus / "new.xml").write_bytes(letter(corpus).read_bytes())
    elif change == "new folder":  # where sources may come later: its folder changed
        (corpus / "more").mkdir()
    elif change == "damaged stamp":
        (out / stamp.STAMP).write_bytes(b"\x00not a stamp")
    elif change == "manifest":
        manifest = out / stamp.MANIFEST
        manifest.write_bytes(manifest.read_bytes())
    elif change in ("code", "stylesheet"):
        # The stamp names the files it trusts: one of the package's, or a stylesheet.
        data = marshal.loads((out / stamp.STAMP).read_bytes())
        folder = str(PROJECT / ("pipeline" if change == "code" else "xslt"))
        assert any(path.startswith(folder) for path in data["files"])
        victim = next(path for path in data["files"] if path.startswith(folder))
        data["files"][victim][1] -= 1  # as if the file had changed since
        (out / stamp.STAMP).write_bytes(marshal.dumps(data))
    assert stamp.settled(args) is None


def test_other_arguments_or_another_working_folder_are_not_settled(stamped, corpus, monkeypatch):
    args, out = stamped
    assert stamp.settled(args[:-1] + ["2"]) is None
    assert stamp.settled(args[:-4] + [f"--out={out}"] + args[-3:]) is None
    monkeypatch.chdir(corpus)  # relative PATHS would name other files
    assert stamp.settled(args) is None


def test_the_stamp_goes_when_any_build_starts_in_the_folder(stamped, corpus):
    # So a check never vouches for a folder another build is writing into.
    args, out = stamped
    other = Settings(formats=(TXT,), out_dir=out, jobs=1, force=True)
    build(collect([letter(corpus)]), other)  # another selection: nothing to do, but no stamp
    assert not (out / stamp.STAMP).exists() and stamp.settled(args) is None


def test_a_rebuild_or_a_failure_leaves_no_stamp(stamped, corpus):
    args, out = stamped
    assert teipipe_build(*args, "--rebuild") == 0
    assert not (out / stamp.STAMP).exists()
    (corpus / "broken.xml").write_text("<TEI><text>unclosed", encoding="utf-8")
    age(corpus)
    assert teipipe_build(*args) == 1
    assert not (out / stamp.STAMP).exists()


def test_a_settled_build_imports_neither_click_nor_lxml(stamped, corpus):
    args, _ = stamped
    n = len(list(corpus.glob("*.xml")))
    code = ("import sys; from pipeline.cli import launch; sys.argv = ['teipipe', 'build', *sys.argv[1:]]\n"
            "try:\n    launch.main()\nexcept SystemExit as exc:\n"
            "    heavy = ('click', 'lxml', 'saxonche', 'pipeline.building.builder')\n"
            "    print(exc.code, sorted(m for m in heavy if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True, check=True)
    assert done.stdout.split(None, 1) == ["0", "[]\n"], done.stderr
    assert f"0 built, {n} up to date, 0 failed" in done.stderr


def test_a_file_given_as_path_notes_its_folder_and_not_what_is_below(corpus, tmp_path):
    out = tmp_path / "out"
    args = list(map(str, [letter(corpus), "--to", "txt", "--out", out, "--force", "--jobs", "1"]))
    (corpus / "below").mkdir()
    age(corpus)
    assert teipipe_build(*args) == 0
    assert stamp.settled(args) == 1
    folders = marshal.loads((out / stamp.STAMP).read_bytes())["folders"]
    assert str(corpus) in folders and str(corpus / "below") not in folders
    letter(corpus).rename(corpus / "renamed.xml")  # the file named is gone: its folder changed
    assert stamp.settled(args) is None
