"""Find the TEI files a command works on.

Paths given on the command line are files or folders; folders are searched recursively for
`*.xml`. The result is sorted and free of duplicates so every run sees the same order. Without
paths, the sources are `tei/` in the working folder; where there is none, `SourceError` asks for
paths rather than guessing. A search
never enters the output folder (`out`: its own files must not come back as sources, one more
each build) nor a hidden folder (`.cache`, `.git`), and skips hidden files, as `ls` and shell
globs do. A path that cannot be used as a source (a folder that cannot be listed, a link in a
loop, a name that is not UTF-8, which no output name, manifest or report could carry) is not
a reason to stop: `find` returns it as one error finding, for the command to report beside the
results of the others. Only a PATH that names nothing, or a folder with no `.xml` file in it,
is a usage error (`SourceError`). `pointer_roots` names the folders the documents' pointers
may lead into: those of the paths, and the authority folders given.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable

from pipeline.findings import ERROR, Finding

#: The sources when no PATHS are given: tei/ in the working folder.
DEFAULT_SOURCES = Path("tei")


class SourceError(Exception):
    """A path on the command line that names nothing usable."""


@dataclass
class Found:
    files: list[Path] = field(default_factory=list)
    #: One error finding for each path that cannot be used (rule `io`), by file name.
    unusable: list[Finding] = field(default_factory=list)


def find(paths: Iterable[Path], out: Path | None = None) -> Found:
    """The files PATHS name, and the paths found that cannot be used; never anything in `out`."""
    if not paths and not DEFAULT_SOURCES.is_dir():
        raise SourceError(f"no PATHS given and no {DEFAULT_SOURCES}/ folder here: "
                          "give the TEI files or folders to work on")
    files: set[Path] = set()
    unusable: dict[str, Finding] = {}

    def refuse(path, reason: str) -> None:
        unusable[str(path)] = Finding(str(path), 0, 0, ERROR, reason, "io")

    def add(path: Path) -> None:
        problem = _name_problem(path)
        if problem:
            refuse(path, problem)
        else:
            files.add(path)

    skip = _identity(out)
    for path in paths or [DEFAULT_SOURCES]:
        path = Path(path)
        try:
            mode = os.stat(path).st_mode
        except FileNotFoundError:
            raise SourceError(f"{path}: no such file or folder") from None
        except OSError as exc:
            refuse(path, f"cannot read: {exc.strerror}")
            continue
        if stat.S_ISDIR(mode):
            before = len(files) + len(unusable)
            _walk(path, skip, add, refuse)
            if len(files) + len(unusable) == before:
                raise SourceError(f"{path}: folder holds no .xml file")
        elif stat.S_ISREG(mode):
            add(path)
        else:
            raise SourceError(f"{path}: not a file or folder")
    return Found(sorted(files), sorted(unusable.values()))


def collect(paths: Iterable[Path], out: Path | None = None) -> list[Path]:
    """The files of `find`, without the paths that cannot be used (for callers that only
    build, such as a watch, whose every run reads its sources again)."""
    return find(paths, out).files


def pointer_roots(paths, authority_dirs) -> tuple[Path, ...]:
    """The folders pointers may lead into, resolved: each folder of PATHS, the folder of each
    file of PATHS, and each --authority-dir."""
    folders = [path if path.is_dir() else path.parent for path in map(Path, paths or [DEFAULT_SOURCES])]
    return tuple(sorted({folder.resolve() for folder in [*folders, *map(Path, authority_dirs)]}))


def _identity(folder: Path | None) -> tuple[int, int] | None:
    try:
        st = os.stat(folder) if folder is not None else None
    except OSError:
        return None  # not made yet: nothing in it to skip
    return (st.st_dev, st.st_ino) if st else None


def _walk(folder: Path, skip, add, refuse) -> None:
    """The `*.xml` files in `folder` and below (links to folders not followed). A listing tells
    which entries are files: no `stat` of each, which a watching build would pay at every save."""
    try:
        with os.scandir(folder) as listing:
            entries = list(listing)
    except OSError as exc:
        refuse(folder, f"cannot list folder: {exc.strerror}")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_dir(follow_symlinks=False):
                if not (skip and entry.inode() == skip[1]
                        and entry.stat(follow_symlinks=False).st_dev == skip[0]):
                    _walk(Path(entry.path), skip, add, refuse)
            elif entry.name.endswith(".xml") and entry.is_file():
                add(Path(entry.path))
        except OSError as exc:  # a link in a loop, a file gone since the listing
            refuse(entry.path, f"cannot read: {exc.strerror}")


def _name_problem(path: Path) -> str | None:
    try:
        str(path).encode("utf-8")
    except UnicodeEncodeError as exc:
        byte = ord(exc.object[exc.start]) - 0xDC00
        return (f"the file name is not valid UTF-8 (byte 0x{byte:02X}): outputs, reports and "
                f"links are named after it; rename the file")
    return None
