"""Validate TEI files: well-formedness, then RelaxNG.

`validate_file(path, schema)` returns the findings for one file; `validate_paths` does it for
a batch and never stops at a broken file. Each schema is compiled once per process (full TEI
costs libxml2 several seconds).
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from pipeline import SCHEMA_DIR
from pipeline.findings import ERROR, WARNING, Finding
from pipeline.parsing import XMLInputError, parse

DEFAULT_SCHEMA = SCHEMA_DIR / "teipipe.rng"


class SchemaError(Exception):
    """A schema that cannot be read or compiled: nothing can be validated against it."""


@functools.cache
def relaxng(schema: Path) -> etree.RelaxNG:
    try:
        return etree.RelaxNG(etree.parse(str(schema), etree.XMLParser(no_network=True)))
    except (OSError, etree.XMLSyntaxError, etree.RelaxNGParseError) as exc:
        raise SchemaError(f"{schema}: cannot use schema: {exc}") from None


def validate_tree(tree: etree._ElementTree, file: str, schema: Path) -> list[Finding]:
    validator = relaxng(Path(schema).resolve())
    if validator.validate(tree):
        return []
    return [
        Finding(file, entry.line, entry.column, ERROR if entry.level_name != "WARNING" else WARNING,
                entry.message, "relaxng")
        for entry in validator.error_log
    ]


def validate_file(path: Path, schema: Path = DEFAULT_SCHEMA) -> list[Finding]:
    try:
        tree = parse(path)
    except XMLInputError as exc:
        return exc.findings
    return validate_tree(tree, str(path), schema)


def validate_paths(paths: list[Path], schema: Path = DEFAULT_SCHEMA) -> dict[Path, list[Finding]]:
    """Findings per file, every file checked; raises SchemaError only for an unusable schema."""
    relaxng(Path(schema).resolve())
    return {path: sorted(validate_file(path, schema)) for path in paths}
