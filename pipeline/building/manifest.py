"""What each output in OUT/ was built from, so that a build redoes only what changed.

In: the settings of a build and its sources. Out: for each source, the formats whose output is
out of date (`Manifest.plan`), and `OUT/.manifest.json`, which records what was built from what.

An output (one format of one source) is current when the manifest records it under the same
two keys and its file has the stat (size, mtime_ns, inode) the build recorded when it wrote it:
an output damaged or removed by hand is made again. The source key hashes the bytes of the source, of the
authority files it pointed into when it was built, of the schemas and of the package's own code;
the format key hashes the format's stylesheets (all of `xslt/`, since a format's stylesheets
import others', as the e-book's import the web edition's; and the folder of its entry
stylesheet) and its parameters. A
collection page's key covers what it takes from every document it shows: the document's key,
or, for pages made of one fragment per document, the hash of the fragment, so that a
correction that leaves a document's entry in the indexes as it was does not remake them.
Only bytes are hashed and nothing is parsed; the manifest also keeps each input's stat beside
its hash, and a file whose stat did not change is not read again (`Hashes`), so a build with
nothing to do costs one `stat` of each input and output.

The manifest is untrusted, as anything in OUT/ may have been edited: `load` checks its shape,
and every file it names for an output must lie inside OUT/ (`outputs.inside`, through which
every removal goes too). A manifest that is unreadable, not JSON, of another version or shape,
or names a file outside OUT/ is not used: the build builds everything, as if there were none,
and replaces it; `Manifest.findings` says why, in one line, for the build to report. It is not
kept aside: the warning names what was wrong, and the outputs it vouched for stay in OUT/,
built again.

The manifest file is replaced atomically, and `plan` drops the entry of every output it declares
out of date, before the build starts replacing files: a build killed at any moment never leaves
an entry vouching for a file it did not finish. A lock on the folder keeps two builds from
writing into it at once.
"""

from __future__ import annotations

import contextlib
import fcntl
import fnmatch
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from pipeline import CODE_DIR, XSLT_DIR, __version__
from pipeline.building.outputs import inside, write_atomic
from pipeline.building.stamp import LOCK, MANIFEST, file_stat
from pipeline.findings import WARNING, Finding

VERSION = 3


class Busy(Exception):
    """Another build holds the output folder."""


def digest(*parts: str) -> str:
    sha = hashlib.sha256()
    for part in parts:
        sha.update(part.encode("utf-8"))
        sha.update(b"\0")
    return sha.hexdigest()


class Hashes:
    """Content hashes of files and folders, each read once per build, and the stat of each.

    A file whose (size, mtime_ns, inode) is the one `known` records with its hash is not read
    again, as make, ninja and git do: the content hash stays the key, the stat is a shortcut.
    A file whose stat changed is read and hashed. Like git's racily clean entries, a file
    modified no earlier than `reference` (the file system's time when the build began) is
    hashed but not remembered: a second change within the same timestamp granule would keep
    its stat. The limit: a file rewritten with the same size whose mtime is then set back by
    hand (`touch -d`, some archive tools) to the recorded one, inode unchanged, is taken as
    unchanged; `--rebuild` builds everything whatever the stats say.

    For `pipeline.building.stamp`, every file and folder looked at is noted in `seen` and `folders`
    (stat as recorded, None for a missing file); `racy` says whether one was too recent.
    """

    def __init__(self, known: dict[str, list] | None = None, reference: int | None = None):
        #: By path as text: a check of thousands of files spends more on making Path objects
        #: than on reading the files. Each entry is [size, mtime_ns, inode, hash].
        self.known = known if known is not None else {}
        self.reference = reference
        self.changed = False
        self.racy = False
        self.seen: dict[str, list | None] = {}
        self.folders: dict[str, list] = {}
        self._files: dict[str, str] = {}

    def _trusted(self, mtime_ns: int) -> bool:
        trusted = self.reference is not None and mtime_ns < self.reference
        self.racy |= not trusted
        return trusted

    def file(self, path: Path | str) -> str:
        name = os.fspath(path)
        if name not in self._files:
            self._files[name] = self._hash(name)
        return self._files[name]

    def _hash(self, name: str) -> str:
        try:
            with open(name, "rb") as handle:
                st = os.fstat(handle.fileno())
                stat = [st.st_size, st.st_mtime_ns, st.st_ino]
                self.seen[name] = stat
                entry = self.known.get(name)
                if entry is not None and entry[:3] == stat:
                    return entry[3]
                sha = hashlib.sha256(handle.read()).hexdigest()
        except OSError:
            # A missing file has a hash too: creating it later makes its dependents stale.
            self.seen[name] = None
            self.changed |= self.known.pop(name, None) is not None
            return "missing"
        if self._trusted(stat[1]):
            self.known[name] = [*stat, sha]
            self.changed = True
        else:
            self.changed |= self.known.pop(name, None) is not None
        return sha

    def folder(self, folder: Path, pattern: str = "*") -> str:
        """A hash of the files in `folder` and below that match `pattern`: paths and contents."""
        folder = os.fspath(folder)
        names = ((f, os.path.basename(f)) for f in self.walk(folder))
        files = sorted(f for f, name in names if not name.startswith(".") and fnmatch.fnmatchcase(name, pattern))
        return digest(*(f"{os.path.relpath(f, folder)}={self.file(f)}" for f in files))

    def walk(self, folder: str) -> list[str]:
        """The files in `folder` and below (`__pycache__` left out, links to folders not
        followed, as `Path.rglob` does), noting the stat of each folder."""
        files = []
        for root, dirs, names in os.walk(folder):
            dirs[:] = [d for d in dirs if d != "__pycache__"]
            self.note(root)
            files += [os.path.join(root, name) for name in names]
        return files

    def note(self, folder: str) -> None:
        """Note the stat of `folder`: its modification time changes with its list of entries."""
        st = os.stat(folder)
        self.folders[folder] = [st.st_mtime_ns, st.st_ino]
        self._trusted(st.st_mtime_ns)


class Keys:
    """The keys of one build: settings and formats are hashed once, each source on demand."""

    def __init__(self, settings, hashes: Hashes | None = None):
        self.hashes = hashes or Hashes()
        rules = settings.schematron
        self.settings = digest(__version__, self.hashes.folder(CODE_DIR, "*.py"),
                               self.hashes.file(Path(settings.schema).resolve()),
                               self.hashes.file(Path(rules).resolve()) if rules else "no rules",
                               *map(str, settings.roots))
        self.formats = {fmt.name: self._format(fmt, settings.params.get(fmt.name, {}))
                        for fmt in settings.formats}

    def _format(self, fmt, params: dict) -> str:
        stylesheet = getattr(fmt, "stylesheet", None)
        folders = [XSLT_DIR, *([Path(stylesheet).resolve().parent] if stylesheet else [])]
        return digest(fmt.name, fmt.extension, *map(self.hashes.folder, folders),
                      json.dumps(params, sort_keys=True, default=str))

    def source(self, path: Path, authorities) -> str:
        return digest(self.settings, self.hashes.file(path),
                      *(f"{a}={self.hashes.file(a)}" for a in sorted(authorities)))

    def collection(self, name: str, documents: list[tuple[Path, str]]) -> str:
        return digest(self.formats[name], *(f"{path}={key}" for path, key in sorted(documents)))


@dataclass
class Manifest:
    out_dir: Path
    #: By resolved source path: {"key", "authorities", "authority", "invalid",
    #: "outputs": {format: {"key", "file", "stat"[, "also"][, "fragment"]}}}. Files are relative
    #: to OUT/, each with its stat when the build wrote it (None: gone by then); "also" holds the
    #: other files of an output of several (a volume's pages), {file: stat}.
    sources: dict[str, dict] = field(default_factory=dict)
    #: By format name: {"key", "files": {file: stat}}.
    collections: dict[str, dict] = field(default_factory=dict)
    #: The hashes of this build, starting from the stats and hashes the last one recorded.
    hashes: Hashes = field(default_factory=Hashes, compare=False)
    #: Changed since it was loaded or saved: a build with nothing to do writes nothing.
    dirty: bool = field(default=False, compare=False)
    #: Why the manifest in OUT/ was not used, if it was not: one warning (see the module's docstring).
    findings: list[Finding] = field(default_factory=list, compare=False)

    @classmethod
    def load(cls, out_dir: Path, reference: int | None = None) -> "Manifest":
        """The manifest in `out_dir`; an empty one when there is none or it cannot be used.
        `reference`: the file system's time at the start of the build (see `Hashes`)."""
        out_dir = Path(out_dir)
        path = out_dir / MANIFEST
        line = col = 0
        try:
            data = json.loads(path.read_bytes())
            _check(data, out_dir)
            return cls(out_dir, data["sources"], data["collections"], Hashes(data["files"], reference))
        except FileNotFoundError:
            reason = None
        except json.JSONDecodeError as exc:
            reason, line, col = f"not JSON: {exc.msg}", exc.lineno, exc.colno
        except (OSError, ValueError, RecursionError) as exc:
            reason = str(exc) if isinstance(exc, ValueError) else f"unreadable: {exc}"
        findings = [Finding(str(path), line, col, WARNING, f"manifest not used ({reason}); building everything",
                            "manifest")] if reason else []
        return cls(out_dir, hashes=Hashes(reference=reference), dirty=True, findings=findings)

    def save(self) -> None:
        if not (self.dirty or self.hashes.changed):
            return
        data = {"version": VERSION, "sources": self.sources, "collections": self.collections,
                "files": self.hashes.known}
        # Compact: with an indent, json falls back to its pure-Python encoder, ten times slower.
        text = json.dumps(data, sort_keys=True, separators=(",", ":"))
        write_atomic(self.out_dir / MANIFEST, text.encode("utf-8"))
        self.dirty = self.hashes.changed = False

    def _intact(self, file: str, stat: list[int] | None) -> bool:
        """Whether the output `file` is as the build that recorded `stat` wrote it."""
        return stat is not None and file_stat(os.path.join(self.out_dir, file)) == stat

    def plan(self, source: Path, keys: Keys, force: bool) -> tuple[list[str], str | None]:
        """The formats to build from `source` ([] when all are current), and its key if known.

        The entries of the outputs returned are dropped here, before anything is rebuilt. The
        key is None when the source itself changed: it depends on what the new build reads.
        """
        todo, key = self.stale(source, keys, force)
        if key is None:
            self.dirty |= self.sources.pop(str(source), None) is not None
        else:
            outputs = self.sources[str(source)]["outputs"]
            for fmt in todo:
                self.dirty |= outputs.pop(fmt, None) is not None
        return todo, key

    def stale(self, source: Path, keys: Keys, force: bool) -> tuple[list[str], str | None]:
        """What `plan` returns, changing nothing."""
        entry = self.sources.get(str(source))
        key = keys.source(source, entry["authorities"]) if entry else None
        if entry is None or entry["key"] != key or (entry["invalid"] and not force):
            return list(keys.formats), None
        if entry["authority"]:
            return [], key
        todo = [fmt for fmt, fkey in keys.formats.items()
                if not ((out := entry["outputs"].get(fmt)) and out["key"] == fkey
                        and all(self._intact(*item) for item in output_files(out).items()))]
        return todo, key

    def record(self, source: Path, key: str, *, authorities, authority: bool, invalid: bool,
               outputs: dict[str, tuple[str, list[Path]]], fragments: dict[str, str] | None = None) -> None:
        """Note that `source` (with `key`) was built: `outputs` maps format to (format key, files),
        `fragments` format to the hash of the document's part of its collection pages."""
        entry = self.sources.get(str(source))
        if entry is None or entry["key"] != key:
            entry = {"outputs": {}}
        entry.update(key=key, authorities=sorted(map(str, authorities)), authority=authority, invalid=invalid)
        for fmt, (fkey, files) in outputs.items():
            stats = {Path(file).relative_to(self.out_dir).as_posix(): file_stat(file) for file in files}
            (first, stat), *also = stats.items()
            entry["outputs"][fmt] = {"key": fkey, "file": first, "stat": stat, **({"also": dict(also)} if also else {})}
            if fmt in (fragments or {}):
                entry["outputs"][fmt]["fragment"] = fragments[fmt]
        self.sources[str(source)] = entry
        self.dirty = True

    def shown_as(self, source: Path, key: str, fmt: str) -> str:
        """What the collection pages of `fmt` take from `source` (built with `key`): the hash of
        its fragment, for pages made of fragments (the pages need not change when the document
        changed but its fragment did not), else its key."""
        output = self.sources.get(str(source), {}).get("outputs", {}).get(fmt, {})
        return output.get("fragment", key)

    def collection_current(self, fmt: str, key: str) -> bool:
        """Whether the collection pages of `fmt` are current; if not, their entry vouches for
        nothing any more (its files are kept in mind, so that those no longer made go)."""
        if self.collection_stale(fmt, key):
            entry = self.collections.get(fmt)
            if entry and entry["key"] is not None:
                entry["key"] = None
                self.dirty = True
            return False
        return True

    def collection_stale(self, fmt: str, key: str) -> bool:
        entry = self.collections.get(fmt)
        return not (entry and entry["key"] == key and all(self._intact(*item) for item in entry["files"].items()))

    def outputs(self) -> dict[str, list[int] | None]:
        """Every file the manifest vouches for, relative to the output folder, with its stat."""
        return {**{file: stat for entry in self.sources.values() for out in entry["outputs"].values()
                   for file, stat in output_files(out).items()},
                **{file: stat for entry in self.collections.values() if entry["key"] for file, stat in entry["files"].items()}}

    def record_collection(self, fmt: str, key: str, files: list[Path]) -> list[str]:
        """Note the collection pages of `fmt` just made; return the files of the pages made
        before that these do not replace (a volume of documents now fewer than two), to remove."""
        made = {Path(f).relative_to(self.out_dir).as_posix(): file_stat(f) for f in sorted(files)}
        before = self.collections.get(fmt, {}).get("files", {})
        self.collections[fmt] = {"key": key, "files": made}
        self.dirty = True
        return [file for file in before if file not in made]

    def drop_collection(self, fmt: str) -> list[str]:
        """Forget the collection pages of `fmt` (no document left to show); return their files."""
        entry = self.collections.pop(fmt, None)
        self.dirty |= entry is not None
        return list(entry["files"]) if entry else []

    def withdraw_missing(self) -> list[str]:
        """Forget every source whose file is gone; return the files of its outputs, to remove:
        a deleted document is withdrawn from the edition."""
        gone = [source for source in self.sources if not os.path.exists(source)]
        for source in gone:
            self.hashes.known.pop(source, None)
        self.dirty |= bool(gone)
        return [file for source in gone for out in self.sources.pop(source)["outputs"].values() for file in output_files(out)]

    def forget(self, sources) -> None:
        """Vouch for nothing built from `sources` (`--rebuild`): their outputs are out of date,
        and every file is hashed again. The documents of other builds stay on the collection
        pages, whose files are kept in mind, as by `collection_current`."""
        for source in sources:
            self.sources.pop(source, None)
        for entry in self.collections.values():
            entry["key"] = None
        self.hashes = Hashes(reference=self.hashes.reference)
        self.dirty = True


def output_files(output: dict) -> dict[str, list[int] | None]:
    """The files of one output as the manifest records it (see `Manifest.sources`), with their stats."""
    return {output["file"]: output["stat"], **output.get("also", {})}


def _check(data, out_dir: Path) -> None:
    """Raise ValueError, saying where, unless `data` has the shape `Manifest.save` writes and
    names only files inside `out_dir`."""
    _expect(isinstance(data, dict) and data.get("version") == VERSION, f"not a manifest of version {VERSION}")
    for part, check in (("files", _check_hash), ("sources", _check_source), ("collections", _check_collection)):
        entries = data.get(part)
        _expect(isinstance(entries, dict), f"{part}: not an object")
        for name, entry in entries.items():
            try:
                check(entry, out_dir)
            except ValueError as exc:
                raise ValueError(f"{part}: {name!r}: {exc}") from None


def _expect(condition: bool, fault: str) -> None:
    if not condition:
        raise ValueError(fault)


def _is_stat(value) -> bool:
    return type(value) is list and len(value) == 3 and all(type(n) is int for n in value)


def _check_hash(entry, out_dir: Path) -> None:
    _expect(type(entry) is list and len(entry) == 4 and _is_stat(entry[:3]) and type(entry[3]) is str,
            "not a stat and a hash")


def _check_source(entry, out_dir: Path) -> None:
    authorities = entry.get("authorities") if isinstance(entry, dict) else None
    _expect(isinstance(entry, dict) and type(entry.get("key")) is str and type(entry.get("authority")) is bool
            and type(entry.get("invalid")) is bool and isinstance(entry.get("outputs"), dict)
            and type(authorities) is list and all(type(a) is str for a in authorities), "not a source's entry")
    for fmt, output in entry["outputs"].items():
        _expect(isinstance(output, dict) and type(output.get("key")) is str and type(output.get("fragment", "")) is str
                and (output.get("stat", 0) is None or _is_stat(output.get("stat"))), f"{fmt!r}: not an output's entry")
        inside(out_dir, output.get("file"))
        _check_files(output.get("also", {}), out_dir)


def _check_collection(entry, out_dir: Path) -> None:
    _expect(isinstance(entry, dict) and type(entry.get("key", 0)) in (str, type(None))
            and isinstance(entry.get("files"), dict), "not a collection's entry")
    _check_files(entry["files"], out_dir)


def _check_files(files, out_dir: Path) -> None:
    _expect(isinstance(files, dict), "not files with their stats")
    for file, stat in files.items():
        _expect(stat is None or _is_stat(stat), f"{file!r}: not a stat")
        inside(out_dir, file)


@contextlib.contextmanager
def locked(out_dir: Path):
    """Hold the output folder for one build; raise `Busy` if another build holds it. Yields
    the file system's time now (the lock file's mtime, set here), the `reference` of `Hashes`."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    fd = os.open(out_dir / LOCK, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise Busy(f"{out_dir}: another build is writing into this folder") from None
        os.utime(fd)
        yield os.fstat(fd).st_mtime_ns
    finally:
        # Closing the descriptor releases the lock; the kernel does the same if we are killed.
        os.close(fd)
