"""The `teipipe` command line: parse options, call the library, print its results.

The click group `main`, with the commands `validate`, `build` and `export`, each of which calls
the function of `pipeline` of its name and prints what it returns. Every finding is printed as
`file:line:col: level: message`; `schema fetch URL` makes a local copy of a schema (the only
command that uses the network); the exit status is 0 when all is well, 1 when a file is invalid
or failed, 2 for usage errors (click's own), unusable schemas and an output folder another build
holds or that cannot be written, 130 when interrupted (Ctrl-C), 143 when terminated (SIGTERM).
`validate` and `build` live in modules of their own (`pipeline.cli.validate`, `pipeline.cli.build`),
which `pipeline.cli.launch` runs without importing this one.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import click

import pipeline
from pipeline import __version__, exports
from pipeline.cli.build import build as build_command
from pipeline.cli.build import listing_params, param_option, refusals, report_build
from pipeline.cli.options import (authority_dir_option, catalog_option, interruptible, jobs_option, paths_argument,
                                  schema_option)
from pipeline.findings import shown
from pipeline.validation import SchemaError
from pipeline.validation import catalogs as catalogs_
from pipeline.cli.validate import validate as validate_command


@click.group()
@click.version_option(__version__, prog_name="teipipe")
def main():
    """Validate TEI P5 documents and publish them as an edition.

    PATHS are files or folders (searched for *.xml); they default to tei/ in the working folder,
    and the outputs go to out/ there.
    """


main.add_command(validate_command)
main.add_command(build_command)


@main.command(cls=listing_params(exports.EXPORTS, "Kinds"))
@paths_argument
@click.option("--to", "kinds", required=True, multiple=True, type=click.Choice(list(exports.EXPORTS)),
              help="What to export, one kind a run (the kinds are listed below).")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False), default=None,
              show_default="out/export/KIND/", help="Output folder.")
@click.option("--force", is_flag=True, help="Export documents that fail validation (with a warning).")
@schema_option
@catalog_option
@authority_dir_option
@param_option
@jobs_option
@interruptible("")
def export(paths, kinds, out_dir, force, schema, catalogs, authority_dirs, settings, jobs):
    """Validate documents and export their data for other tools into OUT.

    The documents come from outside: in the CSV files, a cell that starts with =, +, -, @, a
    tab or a carriage return, which a spreadsheet would run as a formula, starts with a ' (a
    spreadsheet then shows the text as it is, as OWASP recommends against CSV injection). The
    JSON files keep every value exact.

    \b
    Example:
      teipipe export --to entities
      teipipe export --to network --param within=paragraph --out /tmp/network
      teipipe export --to rdf --force ../shared/corpus/
    """
    if len(kinds) > 1:
        # (Click would keep the last silently.)
        raise click.BadParameter(f"given {len(kinds)} times ({', '.join(kinds)}): export one kind a run",
                                 param_hint="--to")
    start = time.monotonic()
    with refusals():
        results = pipeline.export(paths, to=kinds[0], out=out_dir, params=settings, force=force, schema=schema, jobs=jobs,
                                  authority_dirs=authority_dirs, catalogs=catalogs)
    report_build(results, time.monotonic() - start, "read")


@main.group()
def schema():
    """Local copies of the schemas documents name by web address.

    \b
    Example:
      teipipe schema fetch https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng
    """


@schema.command()
@click.argument("url")
def fetch(url):
    """Download the schema at URL, and what it includes, into teipipe's cache, and map URL to
    the copy in teipipe's own XML catalog, which validate, build and export read after those
    of --catalog and XML_CATALOG_FILES. The only command that uses the network: nothing else
    ever fetches a schema.

    \b
    Example:
      teipipe schema fetch https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng
    """
    try:
        copies = catalogs_.fetch(url)
    except SchemaError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(1)
    for source, copy in copies.items():
        click.echo(f"fetched {source} to {shown(copy)}")
    click.echo(f"mapped in {shown(catalogs_.own_catalog())}", err=True)
