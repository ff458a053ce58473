"""Command-line pieces shared by several `teipipe` commands, in a module that imports little.

The click decorators for PATHS, `--schema`, `--schematron`/`--no-schematron`, `--authority-dir`
and `--jobs`, `schemas_in_use` (the schemas those name, checked usable), `sources(paths)`, which
turns PATHS into the sorted list of files (a one-line error, exit 2, for a path that names nothing
usable), and `pointer_roots`, the folders the documents' pointers may lead into.
`pipeline.cli` and `pipeline.validate_command` both use them; `validate` starts without
importing the publishing side (Saxon, the formats, the exports).
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline.schemas import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, RELAXNG, SCHEMATRON, Schema, vet
from pipeline.sources import DEFAULT_SOURCES, SourceError, collect

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path))
schema_option = click.option(
    "--schema", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SCHEMA,
    show_default="schema/teipipe.rng", help="RelaxNG schema (XML syntax) to validate against.")


def schematron_options(command):
    """`--schematron FILE` and `--no-schematron`, given to the command as `schematron` and
    `no_schematron`."""
    command = click.option("--no-schematron", is_flag=True,
                           help="Skip --schematron (rules named by <?xml-model?> still run in validate).")(command)
    return click.option("--schematron", type=click.Path(path_type=Path, dir_okay=False),
                        default=DEFAULT_SCHEMATRON, show_default="schema/teipipe.sch",
                        help="ISO Schematron rules (query binding xslt) to check as well.")(command)


def schemas_in_use(schema: Path, schematron: Path, no_schematron: bool) -> tuple[Path, Path | None]:
    """The RelaxNG schema and the Schematron rules (None for none) the options name; SchemaError
    for one that is missing or unreadable, before any work starts."""
    rules = None if no_schematron else schematron
    vet(Schema.of(schema, RELAXNG))
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


def sources(paths) -> list[Path]:
    try:
        return collect(paths)
    except SourceError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
