"""teipipe: validate TEI P5 documents and publish them as HTML, XSL-FO/PDF, text and data.

The package is a library first: `validate`, `build` and `export` below take paths and settings
and return findings and results as data; `pipeline.cli` parses options, calls them and prints
what they return. They import their stages when called, so that `import pipeline` stays light
(the `teipipe` program ends a build with nothing to do before loading any stage).

The folders are the stages of the pipeline, each with one way in (its `__init__`):
`validation` (is each document valid?), `formats` (one document, or all of them, as HTML,
XSL-FO, PDF or text), `building` (the outputs that are out of date, written into OUT/),
`exports` (data for other tools) and `cli` (the command line). Beside them, the pieces they
share: `parsing` (reading untrusted XML safely), `findings` (what every check reports),
`sources` (which files PATHS name), `document` (a parsed document and the authority files it
points into), `saxon` (the XSLT 3.0 processor) and `processes` (worker processes, and what each
one keeps compiled).

Where the program's own files are: the schemas and stylesheets it reads at run time (`schema/`
and `xslt/`) stand beside the package in the repository and travel inside it in a wheel
(pyproject.toml maps them there), so they are looked for inside first, then beside: one lookup
for an installed wheel, an editable install and a plain checkout. What a command reads and
writes otherwise is relative to the working folder (`pipeline.sources`, `pipeline.building`).
"""

from __future__ import annotations

import importlib
import os
from pathlib import Path
from typing import Callable, Iterable, Mapping

#: The version, read by pyproject.toml for the wheel and by `teipipe --version`.
__version__ = "0.1.0"

#: The package's own code, which every build's key hashes.
CODE_DIR = Path(__file__).resolve().parent
_DATA_DIR = CODE_DIR if (CODE_DIR / "xslt").is_dir() else CODE_DIR.parent
SCHEMA_DIR = _DATA_DIR / "schema"
XSLT_DIR = _DATA_DIR / "xslt"
#: The project's schema and Schematron rules, used unless others are named.
DEFAULT_SCHEMA = SCHEMA_DIR / "teipipe.rng"
DEFAULT_SCHEMATRON = SCHEMA_DIR / "teipipe.sch"

__all__ = ["validate", "build", "export", "DEFAULT_SCHEMA", "DEFAULT_SCHEMATRON", "__version__"]


def validate(paths: str | os.PathLike | Iterable = (), *, schema=None, schematron=DEFAULT_SCHEMATRON,
             jobs: int | None = None, authority_dirs=(), catalogs=(), phase: str | None = None,
             embedded_schematron: bool = True, announce: Callable[[str], None] | None = None):
    """Check TEI files as `teipipe validate` does and return the report as data.

    `paths`: files or folders (searched for *.xml), by default tei/ in the working folder.
    `schema`: a RelaxNG schema (None: the project's); `schematron`: ISO Schematron rules (None:
    none); `catalogs`: XML catalogs for the web addresses <?xml-model?> names (read before
    XML_CATALOG_FILES and teipipe's own). A path that cannot be read becomes an error finding of its file; a path that names
    nothing raises `SourceError`, an unusable schema `SchemaError`.
    Returns a `validation.Report`: `.files` (each with `.path` and `.findings`, every finding
    with `.file`, `.line`, `.col`, `.level`, `.message` and `.rule`), `.valid`, `.errors`,
    `.warnings`.

    Example:
        report = pipeline.validate("tei")
        errors = [f for file in report.files for f in file.findings if f.level == "error"]
    """
    from pipeline.sources import find, pointer_roots
    from pipeline.validation import FileReport, Options, validate_paths
    paths = _paths(paths)
    found = find(paths)
    options = Options(schema=Path(schema or DEFAULT_SCHEMA), schematron=schematron and Path(schematron),
                      jobs=jobs, roots=pointer_roots(paths, authority_dirs), phase=phase,
                      embedded_schematron=embedded_schematron, catalogs=tuple(map(Path, catalogs)))
    report = validate_paths(found.files, options, announce or (lambda message: None))
    report.files = sorted(report.files + [FileReport(Path(f.file), [f]) for f in found.unusable],
                          key=lambda file: file.path)
    return report


def build(paths: str | os.PathLike | Iterable = (), *, out="out", formats: str | Iterable[str] | None = None,
          params=None, force: bool = False, schema=None, schematron=DEFAULT_SCHEMATRON, jobs: int | None = None,
          rebuild: bool = False, authority_dirs=(), catalogs=(), command: list[str] | None = None,
          ready: Callable | None = None, scheduler: str | None = None) -> list:
    """Validate documents and write their outputs into `out`/<format>/, as `teipipe build` does:
    only what is out of date, unless `rebuild`.

    `formats`: names ("html,txt" or a list; None: every format); `params`: stylesheet
    parameters, {"notes": "none", "wrap": 72} (or "name=value" strings), each given to every
    chosen format that declares it; `force`: publish documents that fail validation;
    `scheduler`: a Dask scheduler's address (tcp://host:port) whose workers build the documents,
    seeing the sources and `out` at the same paths (the collection pages are made here).
    Returns one `building.Result` per source (`.source`, `.findings`, `.outputs`, `.failure`,
    `.up_to_date`), then one for the collection pages (`.collection`). Raises, before any work,
    `UnknownFormat`, `ParamError`, `SourceError`, `SchemaError`, `building.Busy` (another build
    holds `out`), `building.SameName` or `building.Unreachable` (no scheduler answers), and
    OSError when `out` cannot be written.
    For the command line: `command`, its arguments, are recorded so that the same command run
    again with nothing changed ends at once; `ready(settings)` is called once all is checked,
    before the build.

    Example:
        results = pipeline.build("tei", out="/tmp/edition", formats="html,txt", params={"notes": "none"})
        written = [path for result in results for path in result.outputs]
    """
    from pipeline import building
    from pipeline.formats import DEFAULT_FORMATS, assign, resolve
    from pipeline.sources import DEFAULT_SOURCES, find, pointer_roots
    from pipeline.validation import RELAXNG, SCHEMATRON, Schema, vet
    paths, out = _paths(paths), Path(out)
    chosen = DEFAULT_FORMATS if formats is None else tuple(resolve(
        formats if isinstance(formats, str) else ",".join(formats)))
    typed = assign(_settings(params), {fmt.name: fmt.params for fmt in chosen})
    found = find(paths, out)
    schema = Path(schema or DEFAULT_SCHEMA)
    vet(Schema.of(schema, RELAXNG))
    if schematron is not None:
        vet(Schema.of(Path(schematron), SCHEMATRON))
    catalogs = _usable_catalogs(catalogs)
    settings = building.Settings(formats=chosen, out_dir=building.writable(out), force=force, schema=schema,
                                 schematron=schematron and Path(schematron), jobs=jobs, rebuild=rebuild,
                                 params=typed, roots=pointer_roots(paths, authority_dirs), catalogs=catalogs,
                                 scheduler=scheduler)
    if ready is not None:
        ready(settings)
    # (Not when a source cannot be used: the next run must say so again.)
    stamped = None if command is None or found.unusable else (command, paths or [DEFAULT_SOURCES])
    return _unusable(found) + building.build(found.files, settings, stamped)


def export(paths: str | os.PathLike | Iterable = (), *, to: str, out=None, params=None, force: bool = False,
           schema=None, jobs: int | None = None, authority_dirs=(), catalogs=()) -> list:
    """Validate documents and export their data for other tools, as `teipipe export` does.

    `to`: the kind, one of `pipeline.exports.EXPORTS` (entities, dates, network, voyant, rdf);
    `out`: the output folder (None: out/export/<kind>/); `params`: the kind's parameters, as for
    `build`; `force`: export documents that fail validation. Returns one `building.Result` per
    source, then one whose `.outputs` are the files written. Raises as `build` does, and
    ValueError for an unknown kind.

    Example:
        results = pipeline.export("tei", to="entities", out="/tmp/entities")
        files = results[-1].outputs  # entities.csv, entities.json, ...
    """
    from pipeline import building, exports
    from pipeline.formats import assign
    from pipeline.sources import find, pointer_roots
    if to not in exports.EXPORTS:
        raise ValueError(f"unknown export {to}; choose from: {', '.join(exports.EXPORTS)}")
    kind = exports.EXPORTS[to]
    paths = _paths(paths)
    typed = assign(_settings(params), {to: kind.params})
    out = Path(out) if out is not None else building.Settings.out_dir / "export" / to
    found = find(paths, out)
    catalogs = _usable_catalogs(catalogs)
    settings = building.Settings(formats=(), out_dir=building.writable(out), force=force,
                                 schema=Path(schema or DEFAULT_SCHEMA), params=typed, jobs=jobs,
                                 roots=pointer_roots(paths, authority_dirs), catalogs=catalogs)
    return _unusable(found) + exports.export(found.files, kind, settings)


def _paths(paths) -> list[Path]:
    """One path or several, as a list."""
    return [Path(paths)] if isinstance(paths, (str, os.PathLike)) else [Path(path) for path in paths]


def _settings(params: Mapping | Iterable[str] | None) -> list[str]:
    """Parameters as `name=value` settings, as the command line gives them (and checks them)."""
    if isinstance(params, Mapping):
        return [f"{name}={str(value).lower() if isinstance(value, bool) else value}"
                for name, value in params.items()]
    return list(params or ())


def _usable_catalogs(catalogs) -> tuple[Path, ...]:
    """The catalogs given, as paths; SchemaError, before any work, for one that cannot be used."""
    from pipeline.validation import catalogs as catalogs_
    catalogs = tuple(map(Path, catalogs))
    catalogs_.check(catalogs_.in_use(catalogs))
    return catalogs


def _unusable(found) -> list:
    """A failed result for each path that could not be used as a source."""
    from pipeline.building import Result
    return [Result(Path(finding.file), failure=finding.message) for finding in found.unusable]


def lazy_names(package: str, modules: dict[str, tuple[str, ...]]):
    """A module `__getattr__` (PEP 562) and `__all__` for `package`'s one way in: each name of
    `modules` (module of the package -> the names it gives) is imported from its module when
    first asked for, so that importing the package, or one light module of it, loads nothing
    else."""
    where = {name: module for module, names in modules.items() for name in names}

    def __getattr__(name: str):
        if name not in where:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        return getattr(importlib.import_module(f"{package}.{where[name]}"), name)

    return __getattr__, list(where)
