"""Command-line pieces shared by several `teipipe` commands, in a module that imports little.

The click decorators for PATHS, `--schema` and `--jobs`, and `sources(paths)`, which turns PATHS
into the sorted list of files (a usage error, exit 2, for a path that names nothing usable).
`pipeline.cli` and `pipeline.validate_command` both use them; `validate` starts without
importing the publishing side (Saxon, the formats, the exports).
"""

from __future__ import annotations

from pathlib import Path

import click

from pipeline.schemas import DEFAULT_SCHEMA
from pipeline.sources import SourceError, collect

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path))
schema_option = click.option(
    "--schema", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SCHEMA,
    show_default="schema/teipipe.rng", help="RelaxNG schema (XML syntax) to validate against.")
jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="one per core",
    help="Worker processes.")


def sources(paths) -> list[Path]:
    try:
        return collect(paths)
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None
