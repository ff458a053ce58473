"""Build outputs from TEI documents: parse, validate, transform, write; only what is out of date.

`build(paths, settings)` asks the manifest (`pipeline.building.manifest`) which outputs of each
source are out of date and runs each such source through `build_document` (`checked_document`,
then the formats) in `settings.jobs` worker processes (`pipeline.processes`): the worker parses
the source once, validates it as `teipipe validate` does (`validation.check`: libxml2's verdict
there, then Jing's complete findings for the documents libxml2 found invalid, all in one run at
the end, `complete`) and renders every format that needs it into `settings.out_dir/<format>/`. A
document that fails validation is not published unless `settings.force` is set; a document that
fails in any way, even by crashing its worker, never stops the others, and the next build tries
it again. A document that became unreadable or invalid keeps what an earlier build published of
it (`Result.kept`) and its place on the collection pages, until it is mended: a typo in a
personography, which makes every document point to nothing, leaves the edition as it was. Two
documents with one file name (in different folders) would write the same outputs: such a build
is refused before any work (`SameName`), counting the documents earlier builds published into
OUT/. A document whose output would take the name of a collection page (`index.xml` would make
`html/index.html`) fails in that format, and only there. Then formats with collection pages
(indexes, a collected volume) render them from every document published into OUT/, by this
build or an earlier one (a build of a few files keeps the edition whole), when one of those
changed: one format per worker if the documents were built in workers (already warm), else all
in this process.
A format whose collection pages are made of one part per document (`Format.fragment`, the web
edition's summaries) gets those parts from the workers that built the documents and keeps them in
`OUT/.cache/<format>/`, under the document's key: after a change, only the changed documents are
read again for those pages, and the pages are made again only if a fragment changed.
Authority files (personographies) are validated and used by the documents that point into them,
but not published on their own. `settings.rebuild` builds everything whatever the manifest says.
Only a document whose source is gone is withdrawn: the outputs an earlier build made of it are
removed, and so are collection pages no longer made (a volume of fewer than two documents; all
of them once no document is left), each reported in `Result.removed`. (And what --force
published of an invalid document, a build without --force removes: it would not publish it.)
Workers get the largest documents first, so that none is left alone with a big one at the end.
A build from the command line that leaves everything current writes the stamp with which the
same command line, run again with nothing changed, ends before loading this module
(`pipeline.building.stamp`).

An interrupted build loses nothing it finished: outputs are written by `outputs.write_atomic`,
the manifest is saved every second and when the build ends (KeyboardInterrupt included), and
the next build removes the temporary files a killed one left and builds the rest.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import time
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline.building import stamp
from pipeline.building.manifest import Keys, Manifest, digest, locked, output_files
from pipeline.building.outputs import inside, write_all, write_atomic
from pipeline.findings import ERROR, Finding, has_errors
from pipeline.formats import DEFAULT_FORMATS, FORMATS, Format
from pipeline.processes import Workers
from pipeline.validation import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON

# Parsing, validation and Saxon are imported by the functions that need them (`build_document`,
# `_build_collection_job`): a build with nothing to do starts without them.
if TYPE_CHECKING:
    from pipeline.document import Document
    from pipeline.validation import Checked

#: Seconds between two saves of the manifest during a build.
SAVE_EVERY = 1.0
#: The folder of OUT/ where the fragments of collection pages are kept.
CACHE = ".cache"


@dataclass(frozen=True)
class Settings:
    formats: tuple[Format, ...] = DEFAULT_FORMATS
    out_dir: Path = Path(stamp.OUT)
    force: bool = False
    schema: Path = DEFAULT_SCHEMA
    #: Schematron rules a document must also pass to be published; None for none.
    schematron: Path | None = DEFAULT_SCHEMATRON
    #: Stylesheet parameters by format name: {"txt": {"notes": "none"}}.
    params: dict[str, dict] = field(default_factory=dict)
    #: Worker processes; None for one per core.
    jobs: int | None = None
    #: A Dask scheduler's address (tcp://host:port): the documents are built on its workers
    #: (`pipeline.building.cluster`), `jobs` is not used.
    scheduler: str | None = None
    #: Build every output, current or not.
    rebuild: bool = False
    #: Folders besides each document's own that its pointers may lead into (the folders of the
    #: sources and --authority-dir); a pointer elsewhere is an error and is not followed.
    roots: tuple[Path, ...] = ()
    #: XML catalogs (--catalog) for the web addresses <?xml-model?> names, as `validate` reads them.
    catalogs: tuple[Path, ...] = ()


@dataclass
class Result:
    source: Path
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    #: The same files by format name, the main one first (a volume's web edition is many pages).
    files: dict[str, list[Path]] = field(default_factory=dict)
    failure: str | None = None
    #: Nothing was done: every output was current.
    up_to_date: bool = False
    #: The document's parts of the collection pages, by format (see `Format.fragment`).
    fragments: dict[str, str] = field(default_factory=dict)
    #: The pages about the whole collection (indexes, a volume), not one source's outputs.
    collection: bool = False
    #: Outputs of an earlier build removed: of deleted documents, collection pages no longer made.
    removed: list[Path] = field(default_factory=list)
    #: Outputs of an earlier build kept, the document being unreadable or invalid now.
    kept: list[Path] = field(default_factory=list)
    #: The validation, while Jing's findings are still to come in place of libxml2's (`complete`).
    validation: Checked | None = field(default=None, repr=False)


def _reason(exc: Exception) -> str:
    from pipeline.saxon import TransformError
    return str(exc) if isinstance(exc, TransformError) else f"{type(exc).__name__}: {exc}"


def checked_document(path: Path, settings: Settings) -> tuple[Result, Document | None]:
    """Read and validate one document as a build does: its result (the findings, and why it is
    not published) and the document, or None when it is not to be published (unreadable,
    invalid without --force, or an authority file). Nothing is written."""
    from pipeline.document import Document
    from pipeline.parsing import XMLInputError, read
    from pipeline.validation import BAD_BASE, check
    try:
        parsed = read(path)
    except XMLInputError as exc:
        return Result(path, exc.findings, failure="cannot read" if exc.findings[0].rule == "io" else "not well-formed"), None
    # libxml2's verdict here, with the schema compiled once per worker; Jing's complete
    # findings for the documents it finds invalid come after, all in one run (`complete`).
    checked = check(parsed, str(path), _plan(settings))
    result = Result(path, checked.all(), validation=checked if checked.for_jing else None)
    if has_errors(result.findings) and not settings.force:
        result.failure = "invalid, not published (use --force to publish anyway)"
        return result, None
    if bases := [f for f in result.findings if f.rule == BAD_BASE and f.level == ERROR]:
        # The XSLT processor would refuse it in every format: no output can be made.
        result.failure = f"cannot be built, even with --force: {bases[0]}"
        return result, None
    doc = Document(Path(path), parsed.tree, settings.roots, parsed.included)
    return result, None if doc.is_authority else doc


def build_document(path: Path, settings: Settings) -> tuple[Result, Document | None]:
    """Build one document; also return it when it was published, for the collection pages.
    Nothing is written for a document that is not published (`checked_document`)."""
    result, doc = checked_document(path, settings)
    if doc is None:
        return result, None
    failures = []
    # Fragments made for this document, by function and parameters: formats that share their
    # fragment (the print edition's part, for `fo` and `pdf`) make it once.
    made: dict[tuple, str] = {}
    for fmt in settings.formats:
        params = settings.params.get(fmt.name, {})
        taken = path.stem + fmt.extension
        if taken in fmt.collection_names:
            # One file with the collection's page, which withdrawing the document would remove.
            failures.append(f"{fmt.name}: {path.name} would be published as {fmt.name}/{taken}, the name of a "
                            f"page about the whole collection: rename the file")
            continue
        try:
            fragment = None
            if fmt.fragment is not None:
                key = (fmt.fragment, tuple(sorted(params.items())))
                if key not in made:
                    made[key] = fmt.fragment(doc, params)
                fragment = made[key]
            data = (fmt.render_fragment(doc, fragment, params) if fmt.render_fragment is not None
                    else fmt.render(doc, params))
            if fragment is not None:
                result.fragments[fmt.name] = fragment
        except Exception as exc:  # a format's own bug fails this output, not the others
            failures.append(f"{fmt.name}: {_reason(exc)}")
            continue
        result.files[fmt.name] = _write_output(path, fmt, settings, data)
        result.outputs.extend(result.files[fmt.name])
    result.failure = "; ".join(failures) or None
    return result, doc


def _write_output(path: Path, fmt: Format, settings: Settings, data: bytes | dict[str, bytes]) -> list[Path]:
    """Write the `fmt` output of the source at `path`: OUT/<format>/<stem><ext>, or, for an
    output of several files (`Format.render`: {name: bytes}), each under OUT/<format>/."""
    folder = settings.out_dir / fmt.name
    if isinstance(data, bytes):
        return [write_atomic(folder / (path.stem + fmt.extension), data)]
    return write_all({Path(inside(folder, name)): page for name, page in data.items()})


def _plan(settings: Settings):
    """How a build validates: libxml2's verdict on every document where it is published."""
    from pipeline.validation import Plan
    return Plan.of(settings.schema, settings.schematron, roots=settings.roots, jing_alone=False,
                   catalogs=settings.catalogs)


def complete(results: list[Result], settings: Settings) -> None:
    """Jing's complete findings in place of libxml2's for the documents libxml2 found invalid,
    all in one run: the findings `teipipe validate` gives for the same files."""
    from pipeline.validation import complete as complete_validation
    pending = {result.source: result for result in results if result.validation is not None}
    if not pending:
        return
    checked = {source: result.validation for source, result in pending.items()}
    complete_validation(checked, _plan(settings))
    for source, result in pending.items():
        result.findings = checked[source].all()
        result.validation = None


def build_collection(documents: list[Document], settings: Settings) -> Result:
    """The collection pages of every format that has them, as one result."""
    result = Result(settings.out_dir)
    for fmt in settings.formats:
        if fmt.collect is not None and documents:
            _write_pages(fmt, lambda: fmt.collect(documents, settings.params.get(fmt.name, {})),
                         settings.out_dir, result)
    return result


def _write_pages(fmt: Format, make, out_dir: Path, result: Result) -> None:
    """Write the pages `make()` returns into OUT/<format>/, noting them (or its failure) in `result`."""
    try:
        files = make()
    except Exception as exc:  # as in build_document: report, go on
        result.failure = "; ".join(filter(None, [result.failure, f"{fmt.name} collection: {_reason(exc)}"]))
        return
    for name, data in sorted(files.items()):
        result.outputs.append(write_atomic(out_dir / fmt.name / name, data))


def fragment_file(out_dir: Path, fmt: str, source: Path, key: str, format_key: str) -> Path:
    """Where a build keeps the fragment (`Format.fragment`) of `source` built with these keys."""
    # (Joined as text: a build after one change names the fragments of every document.)
    return Path(os.path.join(out_dir, CACHE, fmt, digest(str(source), key, format_key) + ".xml"))


@dataclass(frozen=True)
class _Job:
    """One source for a worker, with the formats of `settings` cut to those out of date."""
    path: Path
    settings: Settings


@dataclass
class _Done:
    result: Result
    authority: bool = False
    #: Published (some formats may have failed): its outputs and authorities are recorded.
    built: bool = False
    #: The authority files the document read, and the files it points to that are missing:
    #: its outputs are out of date when one of them changes (or appears).
    authorities: list[str] = field(default_factory=list)
    #: Not published, the document being unreadable or invalid: nothing was written.
    held: bool = False


def _build_job(job: _Job) -> _Done:
    result, doc = build_document(job.path, job.settings)
    if doc is None:
        return _Done(result, authority=result.failure is None, held=result.failure is not None)
    return _Done(result, built=True, authorities=[str(path) for path in doc.dependencies()])


def _size(job: _Job) -> int:
    try:
        return os.stat(job.path).st_size
    except OSError:
        return 0


def _crashed(job: _Job, reason: str) -> _Done:
    return _Done(Result(job.path, failure=reason))


def _workers(settings: Settings):
    """Local worker processes, or a Dask cluster's workers (`Unreachable` when none answers)."""
    # Formats reach workers by name (see Format.__reduce__): with any other, all runs here.
    if not all(FORMATS.get(f.name) is f for f in settings.formats):
        return Workers(1)
    if settings.scheduler:
        from pipeline.building.cluster import Cluster
        return Cluster(settings.scheduler)
    return Workers(settings.jobs)


def _remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary files a killed build left behind, all in OUT/.partial/ (`write_atomic`)."""
    try:
        with os.scandir(out_dir / stamp.PARTIAL) as entries:
            leftovers = [entry.path for entry in entries]
    except FileNotFoundError:
        return
    for tmp in leftovers:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


class SameName(Exception):
    """Two documents whose outputs would have the same name."""


def refuse_same_names(sources: list[Path]) -> None:
    """Raise `SameName` when two of these documents (resolved paths) have one file name: their
    outputs (OUT/<format>/<name><ext>, the exports' <name>.txt and identifiers) would be one.
    Authority files, which are not published, may share a name: only files that share one are
    read to tell."""
    by_name: dict[str, list[Path]] = {}
    for source in dict.fromkeys(sources):
        by_name.setdefault(source.stem, []).append(source)
    for name, paths in sorted(by_name.items()):
        documents = sorted(path for path in paths if not _authority_file(path)) if len(paths) > 1 else paths
        if len(documents) > 1:
            raise SameName(f"{documents[0]} and {documents[1]} would be published under one name, {name}: "
                           f"documents built into one folder need different file names")


def _authority_file(path: Path) -> bool:
    from pipeline.parsing import XMLInputError, is_authority, read
    try:
        return is_authority(read(path).tree)
    except XMLInputError:
        return False  # it may keep the outputs of an earlier build: a document


def _resolved(paths) -> dict[Path, Path]:
    """Each path with its resolved form (absolute, links followed). Folders are resolved once
    each, as a corpus is many files in few folders; a file that is a link itself, on its own.
    (Done on text: a build after one change resolves every source.)"""
    folders: dict[str, str] = {}
    resolved = {}
    for path in paths:
        if os.path.islink(path):
            resolved[path] = path.resolve()
            continue
        parent, name = os.path.split(path)
        if parent not in folders:
            folders[parent] = os.path.realpath(parent or ".")
        resolved[path] = Path(os.path.join(folders[parent], name))
    return resolved


def build(paths: list[Path], settings: Settings,
          command: tuple[list[str], list[Path]] | None = None) -> list[Result]:
    """Bring every output of `paths` up to date; one result per source, then the collection's.
    `command`: the arguments and PATHS of the `teipipe build` this is; when it leaves everything
    current, it writes the stamp that lets the same command line skip the check (`pipeline.building.stamp`)."""
    out_dir = Path(settings.out_dir)
    with locked(out_dir) as reference:
        stamp.discard(out_dir)
        _remove_leftovers(out_dir)
        sources = _resolved(map(Path, paths))
        manifest = Manifest.load(out_dir, reference)
        withdrawn = manifest.withdraw_missing()
        refuse_same_names([*sources.values(), *(Path(name) for name, entry in manifest.sources.items()
                                                if entry["outputs"] and not entry["authority"])])
        if settings.rebuild:
            manifest.forget(map(str, sources.values()))
        run = _Run(settings, Keys(settings, manifest.hashes), manifest, sources)
        try:
            run.remove(withdrawn)
            with _workers(settings) as workers:
                run.documents(workers)
                # Made here, next to the manifest, when the documents were built on a cluster.
                collection = run.collections(Workers(1) if settings.scheduler else workers)
                collection.removed = run.removed
                collection.findings[:0] = manifest.findings
        finally:
            run.manifest.save()
        if command is not None and not settings.rebuild and run.settled():
            stamp.save(out_dir, *command, run.manifest, len(run.sources))
    results = [run.results[path] for path in run.sources]
    shown = collection.outputs or collection.failure or collection.findings or collection.removed
    return results + ([collection] if shown else [])


@dataclass
class _Run:
    """One build: its settings and keys, the manifest, the sources (as given: resolved)."""
    settings: Settings
    keys: Keys
    manifest: Manifest
    sources: dict[Path, Path]
    results: dict[Path, Result] = field(default_factory=dict)
    #: The documents to show on collection pages: resolved path to source key.
    published: dict[Path, str] = field(default_factory=dict)
    #: Outputs of an earlier build this one removed.
    removed: list[Path] = field(default_factory=list)

    def remove(self, files: list[str]) -> None:
        """Remove these outputs of an earlier build (relative to OUT/)."""
        for file in files:
            path = Path(inside(self.settings.out_dir, file))
            with contextlib.suppress(FileNotFoundError):
                path.unlink()
                self.removed.append(path)
            if len(Path(file).parts) > 2:  # a folder of pages (OUT/html/<volume>/) goes with its last page
                with contextlib.suppress(OSError):
                    path.parent.rmdir()

    def documents(self, workers: Workers) -> None:
        """Build what is out of date; the manifest is saved first (dropping what will be
        replaced), then every second."""
        jobs = []
        #: What earlier builds published of the documents to build, as the manifest had it.
        published_before = {}
        for path, source in self.sources.items():
            entry = self.manifest.sources.get(str(source))
            # (Copied before `plan` drops the outputs it will rebuild.)
            before = {**entry, "outputs": dict(entry["outputs"])} if entry and entry["outputs"] else None
            todo, key = self.manifest.plan(source, self.keys, self.settings.force)
            if todo and before:
                published_before[path] = before
            if todo:
                formats = tuple(fmt for fmt in self.settings.formats if fmt.name in todo)
                jobs.append(_Job(path, replace(self.settings, formats=formats)))
            else:
                self.results[path] = Result(path, up_to_date=True)
                if not self.manifest.sources[str(source)]["authority"]:
                    self.published[source] = key
        self.manifest.save()
        saved = time.monotonic()
        # Largest first: the last items to finish are small, and no worker is left alone with a
        # big one at the end.
        jobs.sort(key=_size, reverse=True)
        for job, done in workers.run(_build_job, jobs, "build", on_crash=_crashed):
            self.results[job.path] = done.result
            if done.built or done.authority:
                self._record(job, done)
                if job.path in published_before:
                    self._remove_unmade(published_before[job.path], done.result.files)
            elif done.held and job.path in published_before:
                self._keep(job.path, published_before[job.path], done.result)
            if time.monotonic() - saved >= SAVE_EVERY:
                self.manifest.save()
                saved = time.monotonic()
        complete([self.results[job.path] for job in jobs], self.settings)

    def _keep(self, path: Path, entry: dict, result: Result) -> None:
        """Keep what an earlier build published of a document this one could not publish
        (unreadable or invalid now): its outputs and its place on the collection pages, under
        its old key, so that the next build tries it again. Only a deleted document is
        withdrawn; but what --force published of an invalid document, a build without --force
        removes, as it would not publish it."""
        source = self.sources[path]
        outputs = {fmt: [self.settings.out_dir / file for file in output_files(out)]
                   for fmt, out in entry["outputs"].items()}
        outputs = {fmt: files for fmt, files in outputs.items() if all(map(os.path.isfile, files))}
        if entry["invalid"] and not self.settings.force:
            self.remove([os.path.relpath(file, self.settings.out_dir) for files in outputs.values() for file in files])
            if outputs:
                result.failure += "; its outputs of an earlier build (with --force) were removed"
            return
        if not outputs:
            return
        self.manifest.record(source, entry["key"], authorities=entry["authorities"], authority=False,
                             invalid=entry["invalid"],
                             outputs={fmt: (entry["outputs"][fmt]["key"], files) for fmt, files in outputs.items()},
                             fragments={fmt: entry["outputs"][fmt]["fragment"] for fmt in outputs
                                        if "fragment" in entry["outputs"][fmt]})
        self.published[source] = entry["key"]
        result.kept = sorted(file for files in outputs.values() for file in files)

    def _remove_unmade(self, entry: dict, files: dict[str, list[Path]]) -> None:
        """Remove the files an earlier build made of a document that this one, rebuilding it, did
        not make again (the page of a document taken out of a volume; a volume's pages, when it
        now has one document and one page)."""
        made = {file.relative_to(self.settings.out_dir).as_posix() for paths in files.values() for file in paths}
        self.remove([file for fmt in files if fmt in entry["outputs"]
                     for file in output_files(entry["outputs"][fmt]) if file not in made])

    def _record(self, job: _Job, done: _Done) -> None:
        source = self.sources[job.path]
        key = self.keys.source(source, done.authorities)
        # A format that failed has no files and is retried next time.
        outputs = {fmt: (self.keys.formats[fmt], files) for fmt, files in done.result.files.items()}
        fragments = {}
        for fmt, text in done.result.fragments.items():
            data = text.encode("utf-8")
            write_atomic(fragment_file(self.settings.out_dir, fmt, source, key, self.keys.formats[fmt]), data)
            fragments[fmt] = hashlib.sha256(data).hexdigest()
        self.manifest.record(source, key, authorities=done.authorities, authority=done.authority,
                             invalid=has_errors(done.result.findings), outputs=outputs, fragments=fragments)
        if not done.authority:
            self.published[source] = key

    def _documents(self, fmt: str) -> list[tuple[Path, str]]:
        """The documents the collection pages of `fmt` show, sorted, with their keys: those this
        build published, and those earlier builds published into OUT/ with an output of `fmt`
        (a build of a few files keeps the edition's indexes and volume whole)."""
        shown = dict(self.published)
        here = {str(source) for source in self.sources.values()}
        for name, entry in self.manifest.sources.items():
            if name not in here and not entry["authority"] and fmt in entry["outputs"]:
                shown[Path(name)] = entry["key"]
        return sorted(shown.items())

    def _collection_key(self, fmt: str, documents: list[tuple[Path, str]]) -> str:
        """The key of the pages of `fmt` showing `documents` (`_documents`): what they show of
        each (`Manifest.shown_as`)."""
        return self.keys.collection(fmt, [(str(path), self.manifest.shown_as(path, key, fmt))
                                          for path, key in documents])

    def settled(self) -> bool:
        """Whether the same build, run again now, would find nothing to do."""
        if any(self.manifest.stale(source, self.keys, self.settings.force)[0] for source in self.sources.values()):
            return False
        for fmt in self.settings.formats:
            documents = self._documents(fmt.name) if fmt.collect is not None else []
            if documents and self.manifest.collection_stale(fmt.name, self._collection_key(fmt.name, documents)):
                return False
        return True

    def collections(self, workers: Workers) -> Result:
        """Rebuild the collection pages of each format whose documents changed: side by side in
        the workers if they built the documents (their stylesheets are compiled), else here.
        With no document left to show (every one deleted or withdrawn), a format's pages go."""
        result = Result(self.settings.out_dir, collection=True)
        shown = {fmt.name: self._documents(fmt.name) for fmt in self.settings.formats if fmt.collect is not None}
        for name in [name for name, documents in shown.items() if not documents]:
            self.remove(self.manifest.drop_collection(name))
            _prune(self.settings.out_dir / CACHE / name, ())
        keys = {name: self._collection_key(name, documents) for name, documents in shown.items() if documents}
        stale = [fmt for fmt in self.settings.formats
                 if fmt.name in keys and not self.manifest.collection_current(fmt.name, keys[fmt.name])]
        # With warm workers, one format each, side by side. Otherwise all in one job here, which
        # loads the documents once: after a few changes, starting workers (Python, Saxon, the
        # stylesheets this process has compiled already) costs more than it saves.
        groups = [(fmt,) for fmt in stale] if workers.warm else [tuple(stale)] * bool(stale)
        fragments = {fmt.name: tuple(fragment_file(self.settings.out_dir, fmt.name, path, key,
                                                   self.keys.formats[fmt.name]) for path, key in shown[fmt.name])
                     for fmt in stale if fmt.fragment is not None and fmt.assemble is not None}
        jobs = [_Collection(replace(self.settings, formats=group),
                            tuple((fmt.name, tuple(path for path, _ in shown[fmt.name]), fragments.get(fmt.name, ()))
                                  for fmt in group))
                for group in groups]
        for _, done in workers.run(_build_collection_job, jobs, on_crash=_collection_crashed, ahead=1):
            for fmt, pages in done:
                result.findings.extend(f for f in pages.findings if f not in result.findings)
                result.outputs.extend(pages.outputs)
                if pages.failure:
                    result.failure = "; ".join(filter(None, [result.failure, pages.failure]))
                elif not pages.findings:
                    self.remove(self.manifest.record_collection(fmt, keys[fmt], pages.outputs))
                    if fmt in fragments:
                        _prune(self.settings.out_dir / CACHE / fmt, fragments[fmt])
        return result


def _prune(folder: Path, keep: tuple[Path, ...]) -> None:
    """Remove the fragments that no current collection page was made from."""
    for file in set(folder.glob("*.xml")) - set(keep):
        file.unlink(missing_ok=True)


@dataclass(frozen=True)
class _Collection:
    """The collection pages of the formats in `settings`: for each format, by name, the paths
    of the documents it shows and, for a format with fragments, the files they are kept in
    (one for each path; none for a format without)."""
    settings: Settings
    shown: tuple[tuple[str, tuple[Path, ...], tuple[Path, ...]], ...]


def _build_collection_job(job: _Collection) -> list[tuple[str, Result]]:
    """The pages of each format, as (format name, result). Documents are read only for a
    format without fragments, or for a fragment that is not kept (the folder was cleaned)."""
    from pipeline.document import Document
    from pipeline.parsing import XMLInputError
    loaded, unreadable = {}, []

    def document(path: Path) -> Document | None:
        if path not in loaded:
            try:
                loaded[path] = Document.load(path, job.settings.roots)
            except XMLInputError as exc:  # changed since its worker read it; the next build sees it
                loaded[path] = None
                unreadable.extend(exc.findings)
        return loaded[path]

    def fragments(fmt: Format, paths: tuple[Path, ...], files: tuple[Path, ...], params: dict) -> list[str]:
        texts = []
        for path, file in zip(paths, files):
            try:
                texts.append(file.read_text(encoding="utf-8"))
            except FileNotFoundError:
                # Not kept under this key: made from the file as it is now, and not kept either,
                # since the file may have changed since its key was taken.
                if (doc := document(path)) is not None:
                    texts.append(fmt.fragment(doc, params))
        return texts

    done, shown = [], {name: (paths, files) for name, paths, files in job.shown}
    for fmt in job.settings.formats:
        params = job.settings.params.get(fmt.name, {})
        paths, files = shown[fmt.name]
        if files:
            pages = Result(job.settings.out_dir)
            _write_pages(fmt, lambda: fmt.assemble(fragments(fmt, paths, files, params), params),
                         job.settings.out_dir, pages)
        else:
            documents = [doc for doc in map(document, paths) if doc is not None]
            pages = build_collection(documents, replace(job.settings, formats=(fmt,)))
        done.append((fmt.name, pages))
    for _, pages in done:
        pages.findings.extend(unreadable)
    return done


def _collection_crashed(job: _Collection, reason: str) -> list[tuple[str, Result]]:
    return [(fmt.name, Result(job.settings.out_dir, failure=f"{fmt.name} collection: {reason}"))
            for fmt in job.settings.formats]
