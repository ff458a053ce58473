"""`teipipe validate`: the command, in a module that imports only what validation needs.

`validate` is the click command that `pipeline.cli.commands` adds to its group; it calls
`pipeline.validate` and prints the report. `pipeline.cli.launch` runs it directly for `teipipe
validate ...`, so that validating our few files costs a Python start, lxml and click, not the
publishing side as well (the issue's target: twice as fast as Jing, whole process against whole
process).
"""

from __future__ import annotations

import sys

import click

import pipeline
from pipeline.cli import report
from pipeline.cli.options import (authority_dir_option, catalog_option, interruptible, jobs_option, paths_argument,
                                  refused,
                                  schema_option, schematron_options)
from pipeline.sources import SourceError
from pipeline.validation import SchemaError


@click.command()
@paths_argument
@schema_option
@schematron_options
@click.option("--format", "output_format", type=click.Choice(report.FORMATS), default="text",
              show_default=True, help="text: one finding a line; json: for tools; junit: for CI.")
@click.option("--phase", default=None, metavar="NAME",
              help="Schematron phase of --schematron to run (#ALL, #DEFAULT or a phase id); "
                   "default: the schema's defaultPhase, else all patterns.")
@click.option("--no-embedded-schematron", is_flag=True,
              help="Skip the Schematron rules embedded in the RelaxNG schema (as in tei_all.rng).")
@catalog_option
@authority_dir_option
@jobs_option
@interruptible("")
def validate(paths, schema, schematron, no_schematron, phase, no_embedded_schematron, output_format,
             catalogs, authority_dirs, jobs):
    """Check TEI files: well-formed, TEI, valid against RelaxNG and Schematron; print every finding.

    Every finding is `file:line:col: error|warning: message [rule]`, sorted by file and line;
    a summary line follows on stderr, and each file's findings follow a note naming the schemas
    that judged it. The RelaxNG schemas a file's <?xml-model?> names judge it in place of
    teipipe's default one (beside one given by --schema), its Schematron rules beside ours; a
    web address there is looked up in the XML catalogs (--catalog, XML_CATALOG_FILES, then
    teipipe's own, which `teipipe schema fetch URL` fills) and never fetched.
    With Jing installed, every RelaxNG error is reported, with what was expected there.
    Schematron rules of query binding xslt, xslt2 or xslt3 run, and so do those embedded in the
    RelaxNG schema (TEI's own constraints in tei_all.rng); a rule that would read a file or a
    web address is skipped, with a warning.
    Exit status: 0 all valid (warnings allowed), 1 any file invalid or unreadable, 2 usage
    error or unusable schema, 130 interrupted (Ctrl-C), 143 terminated (SIGTERM).
    --jobs: by default one process per core for batches of 1 MB or more (less one while Jing
    runs beside them), else one.

    \b
    Example:
      teipipe validate tei/
      teipipe validate --schema ../shared/schemas/tei_all-4.8.0.rng --no-schematron letter.xml
      teipipe validate --format junit tei/ > validation.xml
    """
    on_terminal = sys.stderr.isatty()

    def announce(message: str) -> None:
        if on_terminal:
            click.echo(f"{message}...", err=True)

    try:
        result = pipeline.validate(paths, schema=schema, schematron=None if no_schematron else schematron, jobs=jobs,
                                   authority_dirs=authority_dirs, catalogs=catalogs, phase=phase,
                                   embedded_schematron=not no_embedded_schematron, announce=announce)
    except (SourceError, SchemaError) as exc:
        refused(exc)
    click.echo(report.render(result, output_format), nl=False)
    for note in result.notes:
        click.echo(f"note: {note}", err=True)
    click.echo(report.summary(result), err=True)
    sys.exit(0 if result.valid == len(result.files) else 1)
