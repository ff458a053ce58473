"""Build outputs from TEI documents: parse, validate, transform, write; only what is out of date.

`build(paths, settings)` asks the manifest (`pipeline.manifest`) which outputs of each source are
out of date and runs each such source through `build_document` in `settings.jobs` worker
processes (`pipeline.parallel`): the worker parses the source once, validates it and renders
every format that needs it into `settings.out_dir/<format>/`. A document that fails validation
is not published unless `settings.force` is set; a document that fails in any way, even by
crashing its worker, never stops the others, and the next build tries it again. Then formats
with collection pages (indexes, a collected volume) render them from every published document,
when one of those changed, one format per worker (the workers of the documents, already warm).
Authority files (personographies) are validated and used by the documents that point into them,
but not published on their own. `settings.rebuild` builds everything whatever the manifest says.

An interrupted build loses nothing it finished: outputs are written by `outputs.write_atomic`,
the manifest is saved every second and when the build ends (KeyboardInterrupt included), and
the next build removes the temporary files a killed one left and builds the rest.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from pipeline import PROJECT_DIR
from pipeline.document import Document
from pipeline.findings import Finding, has_errors
from pipeline.formats import FORMATS, Format
from pipeline.manifest import Keys, Manifest, locked
from pipeline.outputs import write_atomic
from pipeline.parallel import Workers
from pipeline.parsing import XMLInputError
from pipeline.transform import TransformError
from pipeline.validate import DEFAULT_SCHEMA, validate_tree

#: Seconds between two saves of the manifest during a build.
SAVE_EVERY = 1.0


@dataclass(frozen=True)
class Settings:
    formats: tuple[Format, ...] = tuple(FORMATS.values())
    out_dir: Path = PROJECT_DIR / "out"
    force: bool = False
    schema: Path = DEFAULT_SCHEMA
    #: Stylesheet parameters by format name: {"txt": {"notes": "none"}}.
    params: dict[str, dict] = field(default_factory=dict)
    #: Worker processes; None for one per core.
    jobs: int | None = None
    #: Build every output, current or not.
    rebuild: bool = False


@dataclass
class Result:
    source: Path
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    failure: str | None = None
    #: Nothing was done: every output was current.
    up_to_date: bool = False


def _reason(exc: Exception) -> str:
    return str(exc) if isinstance(exc, TransformError) else f"{type(exc).__name__}: {exc}"


def build_document(path: Path, settings: Settings) -> tuple[Result, Document | None]:
    """Build one document; also return it when it was published, for the collection pages."""
    try:
        doc = Document.load(path)
    except XMLInputError as exc:
        return Result(path, exc.findings, failure="not well-formed"), None
    result = Result(path, validate_tree(doc.tree, str(path), settings.schema))
    if has_errors(result.findings) and not settings.force:
        result.failure = "invalid, not published (use --force to publish anyway)"
        return result, None
    if doc.is_authority:
        return result, None
    failures = []
    for fmt in settings.formats:
        try:
            data = fmt.render(doc, settings.params.get(fmt.name, {}))
        except Exception as exc:  # a format's own bug fails this output, not the others
            failures.append(f"{fmt.name}: {_reason(exc)}")
            continue
        target = settings.out_dir / fmt.name / (path.stem + fmt.extension)
        result.outputs.append(write_atomic(target, data))
    result.failure = "; ".join(failures) or None
    return result, doc


def build_collection(documents: list[Document], settings: Settings) -> Result:
    """The collection pages of every format that has them, as one result."""
    result = Result(settings.out_dir)
    for fmt in settings.formats:
        if fmt.collect is None or not documents:
            continue
        try:
            files = fmt.collect(documents, settings.params.get(fmt.name, {}))
        except Exception as exc:  # as in build_document: report, go on
            result.failure = f"{fmt.name} collection: {_reason(exc)}"
            continue
        for name, data in sorted(files.items()):
            result.outputs.append(write_atomic(settings.out_dir / fmt.name / name, data))
    return result


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
    #: The authority files the document read: its outputs are out of date when they change.
    authorities: list[str] = field(default_factory=list)


def _build_job(job: _Job) -> _Done:
    result, doc = build_document(job.path, job.settings)
    if doc is None:
        return _Done(result, authority=result.failure is None)
    return _Done(result, built=True, authorities=[str(a.path) for a in doc.authorities()])


def _crashed(job: _Job, reason: str) -> _Done:
    return _Done(Result(job.path, failure=reason))


def _workers(settings: Settings) -> int | None:
    # Formats reach workers by name (see Format.__reduce__): with any other, all runs here.
    return settings.jobs if all(FORMATS.get(f.name) is f for f in settings.formats) else 1


def _remove_leftovers(out_dir: Path) -> None:
    """Remove the temporary files (`.<name>.<random>.tmp`) a killed build left behind."""
    folders = [out_dir / name for name in FORMATS if (out_dir / name).is_dir()]
    leftovers = [*out_dir.glob(".*.tmp"), *(tmp for f in folders for tmp in f.rglob(".*.tmp"))]
    for tmp in leftovers:
        tmp.unlink(missing_ok=True)


def build(paths: list[Path], settings: Settings) -> list[Result]:
    """Bring every output of `paths` up to date; one result per source, then the collection's."""
    out_dir = Path(settings.out_dir)
    with locked(out_dir):
        _remove_leftovers(out_dir)
        run = _Run(settings, Keys(settings),
                   Manifest(out_dir, dirty=True) if settings.rebuild else Manifest.load(out_dir),
                   {path: path.resolve() for path in map(Path, paths)})
        try:
            with Workers(_workers(settings)) as workers:
                run.documents(workers)
                collection = run.collections(workers)
        finally:
            run.manifest.save()
    results = [run.results[path] for path in run.sources]
    return results + ([collection] if collection.outputs or collection.failure or collection.findings else [])


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

    def documents(self, workers: Workers) -> None:
        """Build what is out of date; the manifest is saved first (dropping what will be
        replaced), then every second."""
        jobs = []
        for path, source in self.sources.items():
            todo, key = self.manifest.plan(source, self.keys, self.settings.force)
            if todo:
                formats = tuple(fmt for fmt in self.settings.formats if fmt.name in todo)
                jobs.append(_Job(path, replace(self.settings, formats=formats)))
            else:
                self.results[path] = Result(path, up_to_date=True)
                if not self.manifest.sources[str(source)]["authority"]:
                    self.published[source] = key
        self.manifest.save()
        saved = time.monotonic()
        for job, done in workers.run(_build_job, jobs, "build", on_crash=_crashed):
            self.results[job.path] = done.result
            if done.built or done.authority:
                self._record(job, done)
            if time.monotonic() - saved >= SAVE_EVERY:
                self.manifest.save()
                saved = time.monotonic()

    def _record(self, job: _Job, done: _Done) -> None:
        source = self.sources[job.path]
        key = self.keys.source(source, done.authorities)
        # Outputs lie in out/<format>/; a format that failed has none and is retried next time.
        outputs = {file.parent.name: (self.keys.formats[file.parent.name], file)
                   for file in done.result.outputs}
        self.manifest.record(source, key, authorities=done.authorities, authority=done.authority,
                             invalid=has_errors(done.result.findings), outputs=outputs)
        if not done.authority:
            self.published[source] = key

    def collections(self, workers: Workers) -> Result:
        """Rebuild the collection pages of each format whose documents changed, side by side in
        the workers (those that built the documents, if any: their stylesheets are compiled)."""
        result = Result(self.settings.out_dir)
        shown = [(str(path), key) for path, key in self.published.items()]
        stale = [fmt for fmt in self.settings.formats if fmt.collect is not None and shown
                 and not self.manifest.collection_current(fmt.name, self.keys.collection(fmt.name, shown))]
        # With workers, one format each, side by side; with one job, all in one job, which loads
        # the documents once.
        groups = [(fmt,) for fmt in stale] if workers.jobs > 1 else [tuple(stale)] * bool(stale)
        jobs = [_Collection(tuple(sorted(self.published)), replace(self.settings, formats=group))
                for group in groups]
        for _, done in workers.run(_build_collection_job, jobs, on_crash=_collection_crashed):
            for fmt, pages in done:
                result.findings.extend(f for f in pages.findings if f not in result.findings)
                result.outputs.extend(pages.outputs)
                if pages.failure:
                    result.failure = "; ".join(filter(None, [result.failure, pages.failure]))
                elif not pages.findings:
                    self.manifest.record_collection(fmt, self.keys.collection(fmt, shown), pages.outputs)
        return result


@dataclass(frozen=True)
class _Collection:
    """The collection pages of the formats in `settings`, from the documents at `paths`."""
    paths: tuple[Path, ...]
    settings: Settings


def _build_collection_job(job: _Collection) -> list[tuple[str, Result]]:
    """The pages of each format, as (format name, result)."""
    documents, unreadable = [], []
    for path in job.paths:
        try:
            documents.append(Document.load(path))
        except XMLInputError as exc:  # changed since its worker read it; the next build sees it
            unreadable.extend(exc.findings)
    done = []
    for fmt in job.settings.formats:
        pages = build_collection(documents, replace(job.settings, formats=(fmt,)))
        pages.findings.extend(unreadable)
        done.append((fmt.name, pages))
    return done


def _collection_crashed(job: _Collection, reason: str) -> list[tuple[str, Result]]:
    return [(fmt.name, Result(job.settings.out_dir, failure=f"{fmt.name} collection: {reason}"))
            for fmt in job.settings.formats]
