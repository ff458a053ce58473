"""Complete RelaxNG reports: every error of a document, as Jing finds them, with columns and
what was expected; Jing's report on the corpus volumes reproduced line for line; safe copies for
documents Jing may not read themselves; libxml2 alone when Jing is not there."""

from __future__ import annotations

import difflib
import os
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, PROJECT, TEI_ALL, need, volumes
from pipeline.cli import main
from pipeline.validation import jing
from pipeline.validation.checks import Options, validate_paths

DATA = PROJECT / "tests" / "data" / "validate"
BROKEN = DATA / "several-errors.xml"
EXPECTED = DATA / "several-errors.tei_all.txt"
TEI_NS = "http://www.tei-c.org/ns/1.0"
STRICT = f"""<element name="TEI" ns="{TEI_NS}" xmlns="http://relaxng.org/ns/structure/1.0">
  <element name="teiHeader"><empty/></element>
</element>"""

needs_jing = pytest.mark.skipif(not jing.available(), reason="Jing is not installed (./setup.sh installs it)")


@needs_jing
def test_every_error_of_a_broken_document_is_reported():
    result = CliRunner().invoke(main, ["validate", "--no-schematron", "--schema", str(need(TEI_ALL)),
                                       str(BROKEN)])
    assert result.exit_code == 1
    prefix = f"{BROKEN}:"
    got = [line[len(prefix):] for line in result.stdout.splitlines() if line.startswith(prefix)]
    if os.environ.get("TEIPIPE_REGENERATE"):
        EXPECTED.write_text("".join(f"{line}\n" for line in got), encoding="utf-8")
        pytest.skip(f"wrote {EXPECTED}: review it with git diff")
    expected = EXPECTED.read_text(encoding="utf-8").splitlines()
    assert got == expected, (
        "\n".join(difflib.unified_diff(expected, got, str(EXPECTED), "this run", lineterm=""))
        + "\nIf the new report is right, regenerate: TEIPIPE_REGENERATE=1 python -m pytest "
          "tests/test_validate_jing.py -k every_error")


def test_without_jing_libxml2_reports_fewer_and_says_so(tmp_path):
    schema = tmp_path / "strict.rng"
    schema.write_text(STRICT, encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(f'<TEI xmlns="{TEI_NS}">\n<teiHeader><p/></teiHeader>\n<text/>\n<back/></TEI>',
                   encoding="utf-8")
    report = validate_paths([doc], Options(schema=schema, schematron=None, jing=False))
    libxml2 = report.files[0].findings
    # libxml2 stops after the second error of TEI's children; each is placed at its "<"
    assert [(f.line, f.col) for f in libxml2] == [(2, 12), (3, 1)]
    assert any("Jing is not installed" in note for note in report.notes)
    if jing.available():
        complete = validate_paths([doc], Options(schema=schema, schematron=None)).files[0].findings
        assert [f.line for f in complete] == [2, 3, 4]
        assert all(f.col > 0 and "expected" in f.message for f in complete), complete


@needs_jing
def test_a_document_with_a_doctype_is_checked_on_a_copy_with_its_positions(tmp_path):
    schema = tmp_path / "strict.rng"
    schema.write_text(STRICT, encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text('<?xml version="1.0" encoding="ISO-8859-1"?>\n<!DOCTYPE TEI [\n  <!ELEMENT TEI ANY>\n]>\n'
                   f'<TEI xmlns="{TEI_NS}"><teiHeader/>\n  <text/><back/></TEI>', encoding="latin-1")
    findings = validate_paths([doc], Options(schema=schema, schematron=None)).files[0].findings
    # Jing's columns: just after the start tag, on the original's lines
    assert [(f.line, f.col) for f in findings] == [(6, 10), (6, 17)], findings
    assert all(f.file == str(doc) for f in findings)


@needs_jing
def test_corpus_reports_are_jings_line_for_line():
    volumes = sorted(need(CORPUS).glob("*.xml"))
    schema = need(TEI_ALL)
    direct = jing.Batch(schema, {v: str(v) for v in volumes}).start().findings()
    report = validate_paths(volumes, Options(schema=schema, schematron=None))
    for volume, result in zip(volumes, report.files):
        ours = {(f.line, f.col, f.message) for f in result.findings if f.rule == "relaxng"}
        theirs = {(f.line, f.col, f.message) for f in direct[str(volume)]}
        assert len(theirs) > 100
        assert ours == theirs


def test_corpus_volumes_get_a_complete_report_without_a_crash():
    result = CliRunner().invoke(main, ["validate", *map(str, volumes())])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.splitlines()[-1].startswith("2 files, 0 valid, ")
    for volume in volumes():
        assert f"{volume}:2:1: warning: <?xml-model?> names ../../schemas/frus.rnc" in result.stdout or \
            "xml-model" not in volume.read_text(encoding="utf-8-sig")[:500]
        # our schema holds FRUS (its own frus: elements are one warning); Schematron still finds plenty
        assert f"{volume}:" in result.stdout and "frus:attachment of the project's own namespace" in result.stdout
        assert sum(line.startswith(f"{volume}:") for line in result.stdout.splitlines()) > 5


def big_schema(folder) -> Path:
    """A schema large enough that Jing alone checks it: TEI with just a teiHeader, and filler."""
    filler = "".join(f'<define name="d{i}"><element name="e{i}"><text/></element></define>\n'
                     for i in range(4000))
    schema = folder / "big.rng"
    schema.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start>'
                      f'<element name="TEI" ns="{TEI_NS}"><element name="teiHeader"><empty/></element>'
                      f'</element></start>{filler}</grammar>', encoding="utf-8")
    return schema


@needs_jing
def test_a_document_jing_may_not_read_is_checked_by_libxml2(tmp_path):
    schema = big_schema(tmp_path)
    plain = tmp_path / "a-plain.xml"
    plain.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/>\n<text/></TEI>', encoding="utf-8")
    entities = tmp_path / "b-entities.xml"
    entities.write_text(f'<!DOCTYPE TEI [<!ENTITY who "Dulles">]>\n<TEI xmlns="{TEI_NS}"><teiHeader/>\n'
                        f'<text>&who;</text></TEI>', encoding="utf-8")
    report = validate_paths([plain, entities], Options(schema=schema, schematron=None))
    by_jing, by_libxml2 = (file.findings for file in report.files)
    assert [(f.line, "not allowed" in f.message) for f in by_jing] == [(2, True)]
    assert [(f.line, f.message) for f in by_libxml2] == [(3, "Did not expect element text there (inside TEI)")]



@needs_jing
def test_an_id_used_twice_is_one_finding_that_names_the_first(tei_copy):
    """Parsing and Jing (the schema types xml:id as an ID) both find it; the report gives it
    once, with the line of the first."""
    letter = tei_copy / "frus1958-60v18-d11.xml"
    text = letter.read_text(encoding="utf-8")
    first = text[:text.index('xml:id="d11-p22"')].count("\n") + 1
    letter.write_text(text.replace('xml:id="d11"', 'xml:id="d11-p22"', 1), encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", "--no-schematron", str(letter)])
    assert result.exit_code == 1
    about = [line for line in result.stdout.splitlines() if "d11-p22" in line]
    assert len(about) == 1 and f"first on line {first})" in about[0], result.stdout
