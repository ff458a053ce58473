"""Command-line pieces shared by the `teipipe` commands, in a module that imports little.

The click decorators for PATHS, `--schema`, `--schematron`/`--no-schematron`, `--catalog`, `--authority-dir`
and `--jobs`; `refused(exc)`, one line and exit 2 for what stops a command before any work (a
PATH that names nothing, an unusable schema, an output folder another build holds);
`cannot_write`, one line and exit 2 for an output folder that cannot be written; `interruptible`,
which ends a command stopped by Ctrl-C or SIGTERM with one line and the signal's exit status.
`pipeline.cli.commands` and `pipeline.cli.validate` both use them; `validate` starts without
importing the publishing side (Saxon, the formats, the exports).
"""

from __future__ import annotations

import functools
import sys
from pathlib import Path
from typing import NoReturn

import click

from pipeline import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON
from pipeline.cli.launch import interrupted_status
from pipeline.findings import shown

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


authority_dir_option = click.option(
    "--authority-dir", "authority_dirs", multiple=True, metavar="DIR",
    type=click.Path(path_type=Path, exists=True, file_okay=False),
    help="A folder besides those of PATHS that pointers may lead into (repeatable); "
         "a pointer to a file anywhere else is an error and is not followed.")


jobs_option = click.option(
    "--jobs", "-j", type=click.IntRange(min=1), default=None, show_default="one per core",
    help="Worker processes.")


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


def refused(exc: Exception) -> NoReturn:
    """One line and exit 2 for what stops a command before any work."""
    click.echo(f"error: {exc}", err=True)
    sys.exit(2)
