"""`teipipe build`: the command, in a module that imports only what a build needs first.

`build` is the click command that `pipeline.cli.commands` adds to its group; `pipeline.cli.launch` runs it
directly for `teipipe build ...`, with its arguments as the context's `obj`, once
`pipeline.building.stamp` has found that the build may have something to do (a build with
nothing to do costs a Python start and a `stat` of each input and output, not click, lxml or
Saxon). It calls `pipeline.build` and prints the results as they come. Also the pieces `teipipe
export` shares: `param_option`, `listing_params`, `refusals` (errors to one line), `report_build`.
"""

from __future__ import annotations

import contextlib
import sys
import time
from pathlib import Path

import click

import pipeline
from pipeline import building
from pipeline.building.stamp import summary
from pipeline.cli.options import (authority_dir_option, cannot_write, catalog_option, interruptible, jobs_option,
                                  paths_argument,
                                  refused, schema_option, schematron_options)
from pipeline.findings import has_errors, shown
from pipeline.formats import DEFAULT_FORMATS, FORMATS, ParamError, UnknownFormat
from pipeline.sources import SourceError
from pipeline.validation import SchemaError

param_option = click.option(
    "--param", "settings", multiple=True, metavar="NAME=VALUE",
    help="Set a parameter (repeatable); the parameters are listed below.")


def listing_params(registry: dict, title: str) -> type[click.Command]:
    """A command class whose help ends with its formats or export kinds and their parameters."""

    class Command(click.Command):
        def format_epilog(self, ctx, formatter):
            with formatter.section(title):
                formatter.write_dl([(name, item.description) for name, item in registry.items()])
            for name, item in registry.items():
                rows = [(p.syntax, f"{p.description} Default: {p.default}.") for p in item.params]
                if rows:
                    with formatter.section(f"Parameters of {name}"):
                        formatter.write_dl(rows)
            super().format_epilog(ctx, formatter)

    return Command


@contextlib.contextmanager
def refusals():
    """What stops a command before any work, or an output folder that cannot be written, in one
    line (exit 2); a `--to` or `--param` that names nothing is a usage error of its option."""
    try:
        yield
    except UnknownFormat as exc:
        raise click.BadParameter(str(exc), param_hint="--to") from None
    except ParamError as exc:
        raise click.BadParameter(str(exc), param_hint="--param") from None
    except (SourceError, SchemaError, building.Busy, building.SameName,
            building.Unreachable) as exc:
        refused(exc)
    except OSError as exc:
        cannot_write(exc.filename, exc)


@click.command(cls=listing_params(FORMATS, "Formats"))
@paths_argument
@click.option("--to", "formats", multiple=True, default=[",".join(fmt.name for fmt in DEFAULT_FORMATS)],
              show_default=True, help=f"Output formats, comma-separated or the option repeated: {', '.join(FORMATS)}.")
@click.option("--out", "out_dir", type=click.Path(path_type=Path, file_okay=False),
              default=building.Settings.out_dir, show_default="out/", help="Output folder.")
@click.option("--force", is_flag=True, help="Publish documents that fail validation (with a warning).")
@schema_option
@schematron_options
@catalog_option
@authority_dir_option
@jobs_option
@click.option("--scheduler", metavar="ADDRESS",
              help="Build the documents on the workers of this Dask scheduler (tcp://host:port), which see "
                   "the sources and OUT at the same paths; the collection pages are made here.")
@click.option("--rebuild", is_flag=True, help="Rebuild every output, even those that are up to date.")
@click.option("--watch", is_flag=True,
              help="After the build, build again whenever a source, stylesheet or schema changes (Ctrl-C ends).")
@param_option
@interruptible(": the outputs finished so far are kept; the same command builds the rest")
def build(paths, formats, out_dir, force, schema, schematron, no_schematron, catalogs, authority_dirs, jobs, scheduler,
          rebuild, watch, settings):
    """Validate documents (RelaxNG and Schematron) and write each output format into OUT/<format>/.

    A document with validation errors is not published unless --force is given.

    \b
    Example:
      teipipe build
      teipipe build tei/frus1958-60v18-d11.xml --to txt --out /tmp/edition
      teipipe build --to txt --param notes=none --param wrap=72
      teipipe build --watch
    """
    # The arguments `pipeline.cli.launch` ran this command with: a build that leaves everything
    # current then writes the stamp with which the same command line skips the check.
    start = time.monotonic()
    with refusals():
        results = pipeline.build(paths, out=out_dir, formats=",".join(formats), params=settings, force=force,
                                 schema=schema, schematron=None if no_schematron else schematron, jobs=jobs,
                                 rebuild=rebuild, scheduler=scheduler, authority_dirs=authority_dirs, catalogs=catalogs,
                                 command=click.get_current_context().obj,
                                 ready=(lambda settings: _watch(paths, settings)) if watch else None)
    report_build(results, time.monotonic() - start)


def _watch(paths, settings) -> None:
    from pipeline.cli import watch
    click.echo(f"watching: each change is built into {settings.out_dir}; Ctrl-C ends", err=True)
    try:
        watch.run(paths, settings, report, lambda message: click.echo(f"error: {message}", err=True))
    except watch.CodeChanged as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except KeyboardInterrupt:
        click.echo("\nstopped watching", err=True)
    sys.exit(0)


def report_build(results, seconds: float, done: str = "built") -> None:
    """`report`, then exit 1 if a document failed."""
    sys.exit(1 if report(results, seconds, done) else 0)


def report(results, seconds: float, done: str = "built") -> bool:
    """Findings and written files as they come, then the failures and a summary (`done`: what
    was done to each source); whether anything failed."""
    failures = [result for result in results if result.failure]
    for result in results:
        for finding in result.findings:
            click.echo(str(finding), err=True)
        if not result.failure and has_errors(result.findings):
            click.echo(f"{shown(result.source)}: warning: invalid, published because of --force", err=True)
        for output in result.outputs:
            click.echo(f"wrote {shown(output)}")
        for output in result.removed:
            click.echo(f"removed {shown(output)}")
    for result in failures:
        if result.kept:
            click.echo(f"kept the last good outputs of {shown(result.source)}: {result.failure}", err=True)
        else:
            click.echo(f"{shown(result.source)}: failed: {result.failure}", err=True)
    sources = [result for result in results if not result.collection]
    current = sum(result.up_to_date for result in sources)
    failed = sum(bool(result.failure) for result in sources)
    pages = next(("failed" if result.failure else "made" if result.outputs else ""
                  for result in results if result.collection), "")
    click.echo(summary(len(sources), len(sources) - current - failed, current, failed, seconds, pages, done),
               err=True)
    return bool(failures)
