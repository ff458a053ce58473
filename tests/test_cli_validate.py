"""`teipipe validate`: passes on tei/, fails on broken copies naming the broken line; its text,
JSON and JUnit reports, <?xml-model?> schemas, and batches in parallel."""

from __future__ import annotations

import json
import re

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import TEI, line_of
from pipeline.cli import main
from pipeline.validation.checks import DEFAULT_SCHEMA

LETTER = "frus1958-60v18-d11.xml"


def run(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def break_file(folder, old, new):
    """Replace the first `old` in the letter by `new`; return the file and the line changed."""
    path = folder / LETTER
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line_of(text, old)


def test_bundled_sources_are_valid_without_warnings():
    result = run(TEI)
    assert result.exit_code == 0, result.output
    assert result.stdout == "", result.stdout


@pytest.mark.parametrize("old, new", [
    ("<persName ref=", "<persName foo=\"x\" ref="),
    ("<date when=\"1958-03-23\"", "<date when=\"1958-23-03\""),
])
def test_invalid_copy_fails_on_the_right_line(tei_copy, old, new):
    path, line = break_file(tei_copy, old, new)
    result = run(tei_copy)
    assert result.exit_code == 1
    assert re.search(rf"^{re.escape(str(path))}:{line}:\d+: error: ", result.stdout, re.M), result.stdout


def test_missing_end_tag_is_reported_with_line_and_column(tei_copy):
    path = tei_copy / LETTER
    text = path.read_text(encoding="utf-8")
    start = text.index("<salute>")
    end = text.index("</salute>", start)
    path.write_text(text[:end] + text[end + len("</salute>"):], encoding="utf-8")
    result = run(path)
    assert result.exit_code == 1
    match = re.search(rf"^{re.escape(str(path))}:(\d+):(\d+): error: .*", result.stdout, re.M)
    assert match, result.stdout
    assert int(match[1]) > line_of(text, "<salute>")


def test_every_file_of_a_batch_is_reported(tei_copy):
    (tei_copy / "broken.xml").write_text("<TEI><oops></TEI>", encoding="utf-8")
    (tei_copy / "empty.xml").write_text("", encoding="utf-8")
    result = run(tei_copy)
    assert result.exit_code == 1
    assert "broken.xml:1:" in result.stdout
    assert "empty.xml:1:1: error: file is empty" in result.stdout
    assert f"{len(list(tei_copy.glob('*.xml')))} files" in result.stderr


def test_external_entity_is_refused_not_resolved(tmp_path):
    doc = tmp_path / "evil.xml"
    doc.write_text('<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/hostname">]>\n<TEI>&x;</TEI>')
    result = run(doc)
    assert result.exit_code == 1
    assert "external entity 'x' refused" in result.stdout


def test_usage_errors_exit_2(tmp_path):
    assert run(tmp_path / "missing.xml").exit_code == 2
    assert run("--schema", tmp_path / "none.rng", TEI).exit_code == 2


# ----------------------------------------------------------------- reports, formats, batches

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"


def scratch_batch(folder):
    """Beside the letter: a copy with errors on two lines, and a file that is not well-formed."""
    text = (folder / LETTER).read_text(encoding="utf-8")
    assert '<date when="1958-03-23"' in text and "<persName ref=" in text
    (folder / "b-bad.xml").write_text(
        text.replace('<date when="1958-03-23"', '<date when="1958-02-30"', 1)
            .replace("<persName ref=", '<persName foo="x" ref=', 1), encoding="utf-8")
    (folder / "c-broken.xml").write_text("<TEI><oops></TEI>", encoding="utf-8")


def test_findings_are_sorted_and_summed_up(tei_copy):
    (tei_copy / "b-bad.xml").write_text(
        f'<TEI xmlns="{TEI_NS}">\n<teiHeader/>\n<text><body><p><date when="1958-02-30">x</date>'
        f'</p></body></text></TEI>', encoding="utf-8")
    (tei_copy / "a-broken.xml").write_text("<TEI><oops></TEI>", encoding="utf-8")
    result = run(tei_copy)
    assert result.exit_code == 1
    keys = [(m[1], int(m[2]), int(m[3])) for m in
            re.finditer(r"^(.*?):(\d+):(\d+): (?:error|warning): ", result.stdout, re.M)]
    assert keys == sorted(keys) and len(keys) >= 3
    files = len(list(tei_copy.glob("*.xml")))
    errors = result.stdout.count(": error: ")
    warnings = result.stdout.count(": warning: ")
    assert re.fullmatch(rf"{files} files, {files - 2} valid, {errors} errors?, {warnings} warnings? "
                        rf"\(\d+\.\d\d s\)", result.stderr.splitlines()[-1]), result.stderr


def test_json_report_is_the_text_report_as_data(tei_copy):
    (tei_copy / "b-bad.xml").write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>', encoding="utf-8")
    text = run(tei_copy)
    result = run("--format", "json", tei_copy)
    assert result.exit_code == text.exit_code == 1
    data = json.loads(result.stdout)
    lines = [f"{f['file']}:{g['line']}:{g['col']}: {g['level']}: {g['message']} [{g['rule']}]"
             for f in data["files"] for g in f["findings"]]
    assert lines == text.stdout.splitlines()
    assert [f["file"] for f in data["files"]] == sorted(str(p) for p in tei_copy.glob("*.xml"))
    summary = data["summary"]
    assert summary["files"] == len(data["files"])
    assert summary["valid"] == sum(f["valid"] for f in data["files"]) == summary["files"] - 1
    assert summary["errors"] == sum(g["level"] == "error" for f in data["files"] for g in f["findings"])


def test_junit_report_has_one_test_case_per_file(tei_copy):
    bad = tei_copy / "b-bad.xml"
    bad.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>', encoding="utf-8")
    result = run("--format", "junit", tei_copy)
    assert result.exit_code == 1
    suites = etree.fromstring(result.stdout.encode())
    suite = suites.find("testsuite")
    cases = suite.findall("testcase")
    assert [c.get("name") for c in cases] == sorted(str(p) for p in tei_copy.glob("*.xml"))
    failed = [c.get("name") for c in cases if c.find("failure") is not None]
    assert failed == [str(bad)]
    assert suite.get("tests") == str(len(cases)) and suite.get("failures") == "1"
    failure = cases[[c.get("name") for c in cases].index(str(bad))].find("failure")
    assert failure.text.startswith(f"{bad}:1:") and "[relaxng]" in failure.text


def test_xml_model_schemas_are_honoured(tmp_path):
    folder = tmp_path / "docs"
    folder.mkdir()
    (folder / "extra.rng").write_text(
        f'<element name="TEI" ns="{TEI_NS}" xmlns="{RNG_NS}"><element name="teiHeader"><empty/></element>'
        f'</element>', encoding="utf-8")
    (folder / "extra.sch").write_text(
        '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" queryBinding="xslt">'
        f'<sch:ns prefix="tei" uri="{TEI_NS}"/><sch:pattern><sch:rule context="tei:teiHeader">'
        '<sch:report id="header-seen" role="warning" test="true()">a header</sch:report>'
        '</sch:rule></sch:pattern></sch:schema>', encoding="utf-8")
    doc = folder / "doc.xml"
    doc.write_text(
        '<?xml-model href="extra.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<?xml-model href="extra.sch" schematypens="http://purl.oclc.org/dsdl/schematron"?>\n'
        '<?xml-model href="gone.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        '<?xml-model href="https://example.org/tei_all.rng" schematypens="http://relaxng.org/ns/structure/1.0"?>\n'
        f'<TEI xmlns="{TEI_NS}"><teiHeader/><text/></TEI>\n', encoding="utf-8")
    anything = tmp_path / "anything.rng"
    anything.write_text(f'<element xmlns="{RNG_NS}"><anyName/><zeroOrMore><choice><attribute><anyName/>'
                        f'</attribute><text/><element><anyName/><empty/></element></choice></zeroOrMore>'
                        f'</element>', encoding="utf-8")
    result = run("--schema", anything, "--no-schematron", doc)
    assert result.exit_code == 1
    out = result.stdout
    assert re.search(rf"^{re.escape(str(doc))}:5:\d+: error: .*text.*\[relaxng\]$", out, re.M), out
    assert re.search(rf"^{re.escape(str(doc))}:5:\d+: warning: a header \[header-seen\]$", out, re.M), out
    assert f"{doc}:3:1: warning: <?xml-model?> names gone.rng, which is not there" in out
    assert f"{doc}:4:1: warning: <?xml-model?> names the remote schema https://example.org/tei_all.rng, " \
           "which is never fetched: skipped" in out


def test_the_default_schema_named_again_by_xml_model_is_checked_once(tei_copy):
    path, line = break_file(tei_copy, "<persName ref=", "<persName foo=\"x\" ref=")
    text = path.read_text(encoding="utf-8")
    model = f'<?xml-model href="{DEFAULT_SCHEMA.as_uri()}" schematypens="{RNG_NS}"?>\n'
    path.write_text(text.replace("<TEI ", model + "<TEI ", 1), encoding="utf-8")
    result = run(path)
    errors = [finding for finding in result.stdout.splitlines() if ": error: " in finding]
    assert errors and len(errors) == len(set(errors)), errors


def test_jobs_change_nothing_but_speed(tei_copy):
    scratch_batch(tei_copy)
    one = run("--jobs", "1", tei_copy)
    two = run("--jobs", "2", tei_copy)
    assert one.exit_code == two.exit_code == 1
    assert one.stdout == two.stdout
    assert one.stdout.count(": error: ") >= 3
