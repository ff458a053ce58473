"""Command-line pieces shared by several `teipipe` commands, in a module that imports little.

The click decorators for PATHS, `--schema`, `--schematron`/`--no-schematron`, `--catalog`, `--authority-dir`
and `--jobs`, `schemas_in_use` (the schemas those name, checked usable), `sources(paths, out)`,
which turns PATHS into the sorted list of files, never any in the output folder `out`, and the
paths that cannot be used (`sources.Found`; a one-line error, exit 2, for a path that names
nothing); `pointer_roots`, the folders the documents' pointers may lead into;
`output_folder(out)`, the output folder made and checked writable before any work (else one line
and exit 2); `interruptible`, which ends a command stopped by Ctrl-C or SIGTERM with one line
and the signal's exit status.
`pipeline.cli` and `pipeline.validate_command` both use them; `validate` starts without
importing the publishing side (Saxon, the formats, the exports).
"""

from __future__ import annotations

import functools
import sys
import tempfile
from pathlib import Path
from typing import NoReturn

import click

from pipeline.findings import shown
from pipeline.launch import interrupted_status
from pipeline.catalogs import check as check_catalogs
from pipeline.catalogs import in_use
from pipeline.schemas import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, SCHEMATRON, Schema, vet
from pipeline.sources import DEFAULT_SOURCES, Found, SourceError, find

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path))
schema_option = click.option(
    "--schema", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SCHEMA,
    show_default="schema/teipipe.rng", help="RelaxNG schema (XML syntax) to validate against.")


catalog_option = click.option(
    "--catalog", "catalogs", multiple=True, metavar="FILE",
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help="An OASIS XML catalog mapping the web addresses <?xml-model?> names to local copies "
         "(repeatable; read before XML_CATALOG_FILES and teipipe's own, see `teipipe schema fetch`).")


def schematron_options(command):
    """`--schematron FILE` and `--no-schematron`, given to the command as `schematron` and
    `no_schematron`."""
    command = click.option("--no-schematron", is_flag=True,
                           help="Skip --schematron (rules named by <?xml-model?> still run in validate).")(command)
    return click.option("--schematron", type=click.Path(path_type=Path, dir_okay=False),
                        default=DEFAULT_SCHEMATRON, show_default="schema/teipipe.sch",
                        help="ISO Schematron rules (query binding xslt, xslt2 or xslt3) to check as well.")(command)


def schemas_in_use(schema: Path, schematron: Path, no_schematron: bool, catalogs=()) -> tuple[Path, Path | None]:
    """The RelaxNG schema and the Schematron rules (None for none) the options name; SchemaError
    for one that is missing or unreadable, or for a catalog that cannot be used, before any
    work starts."""
    rules = None if no_schematron else schematron
    check_catalogs(in_use(catalogs))
    vet(Schema.of(schema))
    if rules is not None:
        vet(Schema.of(rules, SCHEMATRON))
    return schema, rules


authority_dir_option = click.option(
    "--authority-dir", "authority_dirs", multiple=True, metavar="DIR",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A folder besides those of PATHS that pointers may lead into (repeatable); "
         "a pointer to a file anywhere else is an error and is not followed.")


def pointer_roots(paths, authority_dirs) -> tuple[Path, ...]:
    """The folders pointers may lead into, resolved: each folder of PATHS, the folder of each
    file of PATHS, and each --authority-dir."""
    folders = [path if path.is_dir() else path.parent for path in map(Path, paths or [DEFAULT_SOURCES])]
    return tuple(sorted({folder.resolve() for folder in [*folders, *map(Path, authority_dirs)]}))


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="one per core",
    help="Worker processes.")


def output_folder(out: Path) -> Path:
    """`out`, made if it is not there; one line and exit 2 if it cannot be made or written to,
    before any work (a build would otherwise fail at its first output, an export at its end)."""
    try:
        Path(out).mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryFile(dir=out):
            pass
    except OSError as exc:
        cannot_write(out, exc)
    return Path(out)


def cannot_write(path, exc: OSError) -> NoReturn:
    """One line and exit 2 for what stops a command as a whole: OUT, or a folder in it, that
    cannot be written (not a folder, read-only, a full disk). Each source's own problems are its
    result's."""
    click.echo(f"error: cannot write {shown(path)}: {exc.strerror}", err=True)
    sys.exit(2)


def interruptible(message: str):
    """End the command, when Ctrl-C or SIGTERM stops it, with `message` and status 130 or 143."""
    def wrap(command):
        @functools.wraps(command)
        def run(*args, **kwargs):
            try:
                return command(*args, **kwargs)
            except KeyboardInterrupt as exc:
                click.echo(f"\ninterrupted{message}", err=True)
                sys.exit(interrupted_status(exc))
        return run
    return wrap


def sources(paths, out: Path | None = None) -> Found:
    try:
        return find(paths, out)
    except SourceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
