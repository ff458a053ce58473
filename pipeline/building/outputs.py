"""Write output files so that a reader never sees half of one, and remove only files of OUT/.

`write_atomic` writes every file to a temporary file and renames it over the target: a build
interrupted at any moment leaves either the old file or the new one; `write_all` does so for
many files. The temporary files of an
output folder (a folder holding a build's lock, `stamp.LOCK`: the nearest such folder above the
target) are made in its hidden folder `stamp.PARTIAL`, so that a build killed mid-write leaves
nothing in the folders a web server publishes; the next build empties it. A file written outside
any output folder (an export), or on another file system than its output folder (a folder of
OUT/ that is a link), has its temporary file beside it, where the rename stays atomic.

`writable(out)` makes the output folder and checks that it can be written, before any work
(a build would otherwise fail at its first output, an export at its end).

`inside` turns a path the manifest records (relative to OUT/) into a path, or refuses it: the
manifest is a file anyone may have edited, and a build removes what it names.
"""

from __future__ import annotations

import os
import secrets
import tempfile
from pathlib import Path

from pipeline.building.stamp import LOCK, PARTIAL


def writable(out: Path) -> Path:
    """`out`, made if it is not there; OSError naming `out` if it cannot be made or written to."""
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        raise OSError(exc.errno, exc.strerror, str(out)) from None
    return Path(out)


def write_atomic(target: Path, data: bytes) -> Path:
    return write_all({Path(target): data})[0]


def write_all(files: dict[Path, bytes]) -> list[Path]:
    """`write_atomic` for each file, each folder made and its temporary folder found once (a
    volume's web edition is hundreds of pages in one folder)."""
    temporary: dict[Path, Path] = {}
    written = []
    for target, data in files.items():
        folder = target.parent
        if folder not in temporary:
            folder.mkdir(parents=True, exist_ok=True)
            temporary[folder] = _temporary_folder(folder)
        written.append(_write(target, data, temporary[folder]))
    return written


def _write(target: Path, data: bytes, temporary: Path) -> Path:
    # The name is chosen before the file is made, and made inside `try`: a worker stopped (an
    # exception raised by a signal) just after the file appears still removes it. Mode "x"
    # never opens a file that exists; the file gets the permissions the umask gives.
    tmp = temporary / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except FileExistsError:
        raise  # another writer's file, not ours to remove
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target


def _temporary_folder(folder: Path) -> Path:
    """Where the temporary file of a file in `folder` is made (see the module's docstring)."""
    for out_dir in (folder, *folder.parents):
        if os.path.exists(out_dir / LOCK):
            partial = out_dir / PARTIAL
            partial.mkdir(exist_ok=True)
            # A rename is atomic only within one file system: a folder of OUT/ may be a link to another.
            if os.stat(partial).st_dev == os.stat(folder).st_dev:
                return partial
            break
    return folder


def inside(out_dir: Path | str, file: str) -> str:
    """The path of `file`, as the manifest records it: relative to `out_dir`, where it must stay
    (judged on the text, as links in OUT/ are the user's own). ValueError if it does not.
    (Text, not a Path: a build checks every file the manifest names.)"""
    if not isinstance(file, str):
        raise ValueError(f"{file!r} is not a path")
    path = os.path.normpath(file)
    if os.path.isabs(path) or path in (".", "..") or path.startswith("../") or "\0" in path:
        raise ValueError(f"{file!r} is outside the output folder")
    return os.path.join(out_dir, path)
