"""Command-line pieces shared by several `teipipe` commands, in a module that imports little.

The click decorators for PATHS, `--schema`, `--schematron`/`--no-schematron` and `--jobs`,
`schemas_in_use` (the schemas those name, checked usable), and `sources(paths)`, which turns PATHS
into the sorted list of files (a usage error, exit 2, for a path that names nothing usable).
`pipeline.cli` and `pipeline.validate_command` both use them; `validate` starts without
importing the publishing side (Saxon, the formats, the exports).
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.schemas import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, RELAXNG, SCHEMATRON, Schema, vet
from pipeline.sources import SourceError, collect

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
                        help="ISO Schematron rules (query binding xslt, xslt2 or xslt3) to check as well.")(command)


def schemas_in_use(schema: Path, schematron: Path, no_schematron: bool) -> tuple[Path, Path | None]:
    """The RelaxNG schema and the Schematron rules (None for none) the options name; SchemaError
    for one that is missing or unreadable, before any work starts."""
    rules = None if no_schematron else schematron
    vet(Schema.of(schema, RELAXNG))
    if rules is not None:
        vet(Schema.of(rules, SCHEMATRON))
    return schema, rules


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="one per core",
    help="Worker processes.")


def sources(paths) -> list[Path]:
    try:
        return collect(paths)
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None
