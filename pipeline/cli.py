"""The `teipipe` command line: parse options, call the library, print its results.

Commands: `validate` and `build`. Every finding is printed as `file:line:col: level: message`;
the exit status is 0 when all is well, 1 when a file is invalid or failed, 2 for usage errors
(click's own) and unusable schemas.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from pipeline import build as building
from pipeline.findings import has_errors
from pipeline.formats import FORMATS, UnknownFormat, resolve
from pipeline.sources import SourceError, collect
from pipeline.validate import DEFAULT_SCHEMA, SchemaError, validate_paths

paths_argument = click.argument(
    "paths", nargs=-1, type=click.Path(path_type=Path))
schema_option = click.option(
    "--schema", type=click.Path(path_type=Path, dir_okay=False), default=DEFAULT_SCHEMA,
    show_default="schema/teipipe.rng", help="RelaxNG schema (XML syntax) to validate against.")


def _sources(paths) -> list[Path]:
    try:
        return collect(paths)
    except SourceError as exc:
        raise click.UsageError(str(exc)) from None


@click.group()
@click.version_option(package_name="teipipe")
def main():
    """Validate TEI P5 documents and publish them as an edition.

    PATHS are files or folders (searched for *.xml); they default to tei/.
    """


@main.command()
@paths_argument
@schema_option
def validate(paths, schema):
    """Check that TEI files are well-formed and valid; print every finding.

    \b
    Example:
      teipipe validate tei/
      teipipe validate --schema ../shared/schemas/tei_all-4.8.0.rng letter.xml
    """
    files = _sources(paths)
    try:
        report = validate_paths(files, schema)
    except SchemaError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    invalid = 0
    for findings in report.values():
        for finding in findings:
            click.echo(str(finding))
        invalid += has_errors(findings)
    click.echo(f"{len(files)} files, {len(files) - invalid} valid, {invalid} invalid", err=True)
    sys.exit(1 if invalid else 0)


@main.command()
@paths_argument
@click.option("--to", "formats", default=",".join(FORMATS), show_default=True,
              help=f"Comma-separated output formats: {', '.join(FORMATS)}.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=building.Settings.out_dir, show_default="out/", help="Output folder.")
@click.option("--force", is_flag=True, help="Publish documents that fail validation (with a warning).")
@schema_option
def build(paths, formats, out_dir, force, schema):
    """Validate documents and write each output format into OUT/<format>/.

    \b
    Example:
      teipipe build
      teipipe build tei/frus1958-60v18-d11.xml --to txt --out /tmp/edition
    """
    try:
        chosen = tuple(resolve(formats))
    except UnknownFormat as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    files = _sources(paths)
    settings = building.Settings(formats=chosen, out_dir=out_dir, force=force, schema=schema)
    try:
        results = building.build(files, settings)
    except SchemaError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    failed = 0
    for result in results:
        for finding in result.findings:
            click.echo(str(finding), err=True)
        if result.failure:
            failed += 1
            click.echo(f"{result.source}: failed: {result.failure}", err=True)
        elif has_errors(result.findings):
            click.echo(f"{result.source}: warning: invalid, published because of --force", err=True)
        for output in result.outputs:
            click.echo(f"wrote {output}")
    click.echo(f"{len(results)} files, {len(results) - failed} built, {failed} failed", err=True)
    sys.exit(1 if failed else 0)
