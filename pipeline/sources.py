"""Find the TEI files a command works on.

Paths given on the command line are files or folders; folders are searched recursively for
`*.xml`. The result is sorted and free of duplicates so every run sees the same order. Without
paths, the sources are `tei/` in the working folder; where there is none, `SourceError` asks for
paths rather than guessing.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterable

#: The sources when no PATHS are given: tei/ in the working folder.
DEFAULT_SOURCES = Path("tei")


class SourceError(Exception):
    """A path on the command line that names nothing usable."""


def collect(paths: Iterable[Path]) -> list[Path]:
    if not paths and not DEFAULT_SOURCES.is_dir():
        raise SourceError(f"no PATHS given and no {DEFAULT_SOURCES}/ folder here: "
                          "give the TEI files or folders to work on")
    files: set[Path] = set()
    for path in paths or [DEFAULT_SOURCES]:
        path = Path(path)
        if path.is_dir():
            found = _xml_files(path)
            if not found:
                raise SourceError(f"{path}: folder holds no .xml file")
            files.update(found)
        elif path.is_file():
            files.add(path)
        else:
            raise SourceError(f"{path}: no such file or folder")
    return sorted(files)


def _xml_files(folder: Path) -> list[Path]:
    """The `*.xml` files in `folder` and below (links to folders not followed). A listing tells
    which entries are files: no `stat` of each, which a watching build would pay at every save."""
    found = []
    with os.scandir(folder) as entries:
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                found += _xml_files(Path(entry.path))
            elif entry.name.endswith(".xml") and entry.is_file():
                found.append(Path(entry.path))
    return found
