"""Exports of TEI documents for other digital-humanities tools: `export(paths, kind, settings)`.

`EXPORTS` maps a kind given to `teipipe export --to` to an `Export`: `read(doc, params)` takes
what the kind needs from one document (by default `reading.read`: entities, mentions, dates),
and `write(items, params)` makes the kind's files from every document's, as `{name: bytes}`.
`export` checks each file the way `build` does (`building.checked_document`: parse, validate
as `validate` does; invalid documents are left out unless `settings.force`; authority files are
used, not exported; two documents with one file name, which the kinds use as the document's
name, are refused before any work) and reads each published document, in `settings.jobs` worker
processes for a big batch (`processes.jobs_for`); a document that fails is reported and left
out, the others go on. Then it writes the files into `settings.out_dir` atomically, from the
documents in the order given, so that the files do not depend on the number of jobs. It returns
one `building.Result` per file and one for the files written. Kinds: entities, dates, network, voyant, rdf (one module each).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable

from pipeline.building import Result, Settings, checked_document, complete, refuse_same_names, write_atomic
from pipeline.document import Document
from pipeline.exports import dates, entities, network, rdf, reading, voyant
from pipeline.formats import Param
from pipeline.processes import jobs_for, run_all


@dataclass(frozen=True)
class Export:
    name: str
    description: str
    write: Callable[[list, dict], dict[str, bytes]]
    read: Callable[[Document, dict], Any] = lambda doc, params: reading.read(doc)
    params: tuple[Param, ...] = ()

    def __reduce__(self):
        # A kind reaches a worker process by name (its functions may be lambdas, which pickle
        # cannot carry): an unregistered kind is read in this process (see `export`).
        return (registered, (self.name,))


EXPORTS: dict[str, Export] = {
    kind.name: kind
    for kind in (
        Export("entities", "persons, places, organisations and their mentions (CSV, JSON)", entities.write),
        Export("dates", "every date with its ISO value, words and sentence (CSV, JSON)", dates.write),
        Export("network", "persons named together (GEXF, GraphML, nodes and edges CSV)", network.write,
               params=network.PARAMS),
        Export("voyant", "a Voyant Tools corpus: one text per document and metadata (zip)", voyant.write,
               read=voyant.read),
        Export("rdf", "linked data with schema.org and Dublin Core terms (Turtle, JSON-LD)", rdf.write,
               params=rdf.PARAMS),
    )
}


def registered(name: str) -> Export:
    return EXPORTS[name]


@dataclass(frozen=True)
class _Job:
    path: Path
    kind: Export
    #: How the document is checked: validation only, no format.
    check: Settings
    params: dict


def _read(job: _Job) -> tuple[Result, Any]:
    """The document's result, and what the kind reads of it (None when it is not published)."""
    result, doc = checked_document(job.path, job.check)
    if doc is None:
        return result, None
    try:
        return result, job.kind.read(doc, job.params)
    except Exception as exc:  # one document's failure must not stop the others
        result.failure = f"{job.kind.name}: {type(exc).__name__}: {exc}"
        return result, None


def _crashed(job: _Job, reason: str) -> tuple[Result, None]:
    return Result(job.path, failure=reason), None


def export(paths: list[Path], kind: Export, settings: Settings) -> list[Result]:
    """Raises `building.SameName`, before any work, for two documents with one file name."""
    refuse_same_names([Path(path).resolve() for path in paths])
    params = settings.params.get(kind.name, {})
    check = Settings(formats=(), out_dir=settings.out_dir, force=settings.force, schema=settings.schema,
                     roots=settings.roots, catalogs=settings.catalogs)
    jobs = [_Job(path, kind, check, params) for path in paths]
    workers = jobs_for(paths, settings.jobs) if EXPORTS.get(kind.name) is kind else 1
    done = {job.path: read for job, read in run_all(_read, jobs, workers, "exporting", on_crash=_crashed)}
    results = [done[path][0] for path in paths]
    complete(results, check)
    for result, path in zip(results, paths):
        # (What a reading found wrong, pointers that lead nowhere, is reported with the file.)
        result.findings.extend(getattr(done[path][1], "findings", ()))
    items = [done[path][1] for path in paths if done[path][1] is not None]
    if items:
        files = kind.write(items, params)
        written = Result(settings.out_dir, collection=True)
        written.outputs = [write_atomic(settings.out_dir / name, data) for name, data in sorted(files.items())]
        results.append(written)
    return results
