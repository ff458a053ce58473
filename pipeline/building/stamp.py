"""`teipipe build` with nothing to do, told without loading the package.

A build that leaves every output current, started from the command line, writes `OUT/.stamp`
(`save`): its arguments and working folder, and everything its check looked
at: the stat of each file it hashed (sources, authority files, stylesheets, schema, the
package's code) and of each folder it listed (the PATHS folders and every folder below them,
the stylesheet and code folders), the manifest's stat, and the stat of each file the manifest
vouches for, as the build recorded it when it wrote the file (so an output damaged by hand is
not current). `settled(args)`, which `pipeline.cli.launch` asks first, is true when the same
arguments run again from the same folder and all of that is as recorded: the ordinary
check would then read the same bytes and find nothing to do, so the build says so without
importing click, lxml, Saxon or the formats. Anything else (other arguments, a file or folder
touched, an output changed, the manifest replaced, no stamp) takes the ordinary way, which
hashes what changed and writes a new stamp. Every build that runs the ordinary way removes the
stamp first, holding the folder's lock: so the check takes no lock (a build with nothing to do
never makes another one find the folder busy), and a check that reads the stamp just before a
build starts reports the state just before that build.

Stats are trusted as in `pipeline.building.manifest.Hashes` (the same racy rule and the same limit): no
stamp is written when a file or folder it would record was modified after its build began.
This module imports only the standard library's smallest parts: it is the whole no-op build.
The stamp is a `marshal` dump of plain data (a dict of lists, strings and numbers), which loads
faster than JSON and needs no import. It is untrusted like everything in OUT/: one that does not
load (another Python, a damaged file) or is not of the shape `save` writes only means the
ordinary check, never an error, and a path in it that is not text is never looked at.
"""

from __future__ import annotations

import marshal
import os

#: The output folder when none is given, relative to the working folder as the PATHS are.
OUT = "out"
#: The files a build keeps in OUT/ besides its outputs.
MANIFEST = ".manifest.json"
LOCK = ".manifest.lock"
STAMP = ".stamp"
#: The hidden folder where `outputs.write_atomic` makes its temporary files.
PARTIAL = ".partial"
VERSION = 2


def summary(total: int, built: int, current: int, failed: int, seconds: float, collection: str = "",
            done: str = "built") -> str:
    """The closing line of a build of `total` sources; `collection`: what happened to the
    collection's outputs (indexes, a volume, an export), if they were made ("made", "failed");
    `done`: what was done to a source ("built", "read")."""
    pages = f"; collection outputs {collection}" if collection else ""
    return f"{total} files: {built} {done}, {current} up to date, {failed} failed{pages} ({seconds:.2f}s)"


def file_stat(path: str) -> list[int] | None:
    """[size, mtime_ns, inode] of the file or folder at `path`; None if there is none."""
    try:
        st = os.stat(path)
    except OSError:
        return None
    return [st.st_size, st.st_mtime_ns, st.st_ino]


def _out_dir(args: list[str]) -> str:
    """The output folder `args` name (as `--out DIR` or `--out=DIR`, the last one counting).
    A wrong guess is harmless: a stamp is only taken from the folder its build wrote into."""
    out = OUT
    for arg, value in zip(args, [*args[1:], None]):
        if arg == "--out" and value is not None:
            out = value
        elif arg.startswith("--out="):
            out = arg[len("--out="):]
    return out


def settled(args: list[str]) -> int | None:
    """How many sources `teipipe build ARGS` would find all current; None if it may find work."""
    out = _out_dir(args)
    try:
        with open(os.path.join(out, STAMP), "rb") as handle:
            stamp = marshal.loads(handle.read())
        manifest = file_stat(os.path.join(out, MANIFEST))
        if (stamp["version"] != VERSION or stamp["args"] != args or stamp["cwd"] != os.getcwd()
                or type(stamp["sources"]) is not int or manifest is None or manifest != stamp["manifest"]):
            return None
        for path, recorded in stamp["files"].items():
            if type(path) is not str or file_stat(path) != recorded:
                return None
        for path, recorded in stamp["folders"].items():
            if type(path) is not str or (folder := file_stat(path)) is None or folder[1:] != recorded:
                return None
        return stamp["sources"]
    except (OSError, EOFError, ValueError, KeyError, TypeError, AttributeError):
        return None


def discard(out_dir) -> None:
    try:
        os.unlink(os.path.join(out_dir, STAMP))
    except FileNotFoundError:
        pass


def save(out_dir, args: list[str], paths, manifest, sources: int) -> None:
    """Write the stamp of a build with these `args` and PATHS that left everything current;
    `manifest` (saved) holds the hashes of the build, with what they looked at."""
    from pipeline.building.outputs import write_atomic

    hashes = manifest.hashes
    for path in map(os.fspath, paths):
        # What PATHS name depends on the entries of their folders, or of the folder of a file.
        if os.path.isdir(path):
            hashes.walk(path)
        else:
            hashes.note(os.path.dirname(os.path.abspath(path)))
    if hashes.racy:
        return
    files = dict(hashes.seen)
    files.update((os.path.join(out_dir, file), stat) for file, stat in manifest.outputs().items())
    stamp = {"version": VERSION, "args": list(args), "cwd": os.getcwd(), "sources": sources,
             "manifest": file_stat(os.path.join(out_dir, MANIFEST)), "files": files,
             "folders": hashes.folders}
    write_atomic(os.path.join(out_dir, STAMP), marshal.dumps(stamp))
