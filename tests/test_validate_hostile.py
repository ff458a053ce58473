"""`teipipe validate` on hostile and broken input: one clear finding each, the right exit
status, never a traceback, never a fetch, and the rest of the batch still checked."""

from __future__ import annotations

import os
import resource
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROJECT
from pipeline.cli import main
from pipeline.validation import jing

TEI_NS = "http://www.tei-c.org/ns/1.0"
#: Accepts any well-formed document: these tests are about what comes before validation.
ANYTHING = """<grammar xmlns="http://relaxng.org/ns/structure/1.0">
  <start><ref name="any"/></start>
  <define name="any"><element><anyName/>
    <zeroOrMore><choice><attribute><anyName/></attribute><text/><ref name="any"/></choice></zeroOrMore>
  </element></define>
</grammar>"""
#: Only <TEI><teiHeader/></TEI>, so that Jing gets to see a document.
STRICT = f"""<element name="TEI" ns="{TEI_NS}" xmlns="http://relaxng.org/ns/structure/1.0">
  <element name="teiHeader"><empty/></element>
</element>"""
GOOD = f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>\n'


@pytest.fixture
def anything(tmp_path) -> Path:
    path = tmp_path / "anything.rng"
    path.write_text(ANYTHING, encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, ["validate", "--no-schematron", *map(str, args)])


def lines_about(result, path: Path) -> list[str]:
    return [line for line in result.stdout.splitlines() if line.startswith(f"{path}:")]


def only_finding(result, path: Path) -> str:
    found = lines_about(result, path)
    assert len(found) == 1, result.output
    assert "Traceback" not in result.output
    return found[0]


def test_malformed_file_is_located_and_the_batch_goes_on(tmp_path, anything):
    broken = tmp_path / "a-broken.xml"
    broken.write_text(f'<TEI xmlns="{TEI_NS}">\n  <teiHeader>\n</TEI>\n', encoding="utf-8")
    (tmp_path / "b-good.xml").write_text(GOOD, encoding="utf-8")
    result = run("--schema", anything, tmp_path)
    assert result.exit_code == 1
    assert lines_about(result, broken)[0].startswith(f"{broken}:3:7: error: Opening and ending tag mismatch")
    assert "2 files, 1 valid, " in result.stderr


@pytest.mark.parametrize("data, says", [
    ('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n<p>caf\xe9</p></TEI>'.encode("latin-1"),
     ":2:7: error: the file is not UTF-8 at line 2, column 7 (byte 0xE9) and declares no encoding"),
    ('<?xml version="1.0" encoding="UTF-8"?>\n<TEI>caf\xe9</TEI>'.encode("latin-1"),
     "error: the file declares encoding UTF-8 but is not UTF-8 at line 2"),
    (b'<?xml version="1.0" encoding="klingon"?>\n<TEI/>',
     "error: unknown encoding 'klingon' in the XML declaration"),
    (f'<TEI xmlns="{TEI_NS}"/>'.encode("utf-16-le"),
     ":1:1: error: the file looks like UTF-16 or UTF-32 without a byte-order mark"),
], ids=["undeclared-latin-1", "declared-utf-8-but-latin-1", "unknown-encoding", "utf-16-without-bom"])
def test_wrong_or_undeclared_encoding(tmp_path, anything, data, says):
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert says in only_finding(result, path)
    assert "[encoding]" in only_finding(result, path)


def test_declaration_over_the_wrong_bytes_is_a_warning(tmp_path, anything):
    path = tmp_path / "doc.xml"
    path.write_bytes(f'<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI xmlns="{TEI_NS}">café</TEI>'.encode())
    result = run("--schema", anything, path)
    assert result.exit_code == 0
    assert "warning: the file declares ISO-8859-1 but its bytes are UTF-8: 'é' reads as 'Ã©'" in \
        only_finding(result, path)


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_byte_order_mark_is_read_and_not_counted_as_a_column(tmp_path, encoding):
    path = tmp_path / "doc.xml"
    text = f'<TEI xmlns="{TEI_NS}"><teiHeader/><text/></TEI>'
    path.write_text(text, encoding=encoding)
    schema = tmp_path / "strict.rng"
    schema.write_text(STRICT, encoding="utf-8")
    result = run("--schema", schema, path)
    assert result.exit_code == 1
    assert only_finding(result, path).startswith(f"{path}:1:"), result.output
    column = int(only_finding(result, path).split(":")[2])
    # Columns counted in characters as an editor does: libxml2's finding is placed at the "<" of
    # <text/>, Jing's just after its ">". A BOM counted as a character would add one.
    start = text.index("<text/>") + 1
    assert column in (start, start + len("<text/>"))


def test_byte_order_mark_against_the_declaration_is_a_warning(tmp_path, anything):
    path = tmp_path / "doc.xml"
    path.write_bytes(b'\xef\xbb\xbf<?xml version="1.0" encoding="ISO-8859-1"?>\n<TEI xmlns="%s"/>' % TEI_NS.encode())
    result = run("--schema", anything, path)
    assert result.exit_code == 0
    assert ("warning: the byte-order mark says UTF-8 but the XML declaration says ISO-8859-1"
            in only_finding(result, path))


def test_external_entity_is_never_resolved(tmp_path, anything):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-TEXT", encoding="utf-8")
    path = tmp_path / "evil.xml"
    path.write_text(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "{secret.as_uri()}">]>\n'
                    f'<TEI xmlns="{TEI_NS}">&x;</TEI>', encoding="utf-8")
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert "error: external entity 'x' refused: entities from outside the document are never resolved" \
        in only_finding(result, path)
    assert "TOP-SECRET-TEXT" not in result.output


def _teipipe(args, timeout=120, memory=None):
    """`python -m pipeline validate ...` in its own process, optionally with bounded memory."""
    def limit():
        if memory:
            resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    return subprocess.run([sys.executable, "-m", "pipeline", "validate", "--no-schematron", *map(str, args)],
                          capture_output=True, text=True, cwd=PROJECT, timeout=timeout,
                          preexec_fn=limit)


def test_nothing_is_ever_opened_from_a_doctype(tmp_path):
    # A FIFO blocks whoever opens it for reading: a parser that tried would hang past the timeout.
    # The document is invalid, so Jing (where installed) gets to check it too.
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    schema = tmp_path / "strict.rng"
    schema.write_text(STRICT, encoding="utf-8")
    entity = tmp_path / "entity.xml"
    entity.write_text(f'<!DOCTYPE TEI [<!ENTITY x SYSTEM "fifo">]>\n<TEI xmlns="{TEI_NS}">&x;</TEI>',
                      encoding="utf-8")
    dtd = tmp_path / "dtd.xml"
    dtd.write_text(f'<!DOCTYPE TEI SYSTEM "fifo">\n<TEI xmlns="{TEI_NS}">\n  <text/>\n</TEI>',
                   encoding="utf-8")
    result = _teipipe(["--schema", schema, entity, dtd], timeout=90)
    assert result.returncode == 1, result.stderr
    assert f"{entity}:2:" in result.stdout and "external entity 'x' refused" in result.stdout
    assert f"{dtd}:1:1: warning: the DOCTYPE names an external DTD (fifo), which is never loaded" in result.stdout
    assert f"{dtd}:3:" in result.stdout, result.stdout  # <text/>, on its line in the original


def test_entity_expansion_bomb_is_refused_with_bounded_memory(tmp_path, anything):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">\n' for i in range(1, 12))
    bomb = tmp_path / "bomb.xml"
    bomb.write_text(f'<!DOCTYPE TEI [\n<!ENTITY e0 "lol">\n{entities}]>\n<TEI xmlns="{TEI_NS}">&e11;</TEI>',
                    encoding="utf-8")
    # Fully expanded it would be 300 GB; the process may not use more than 2 GB of address space.
    result = _teipipe(["--schema", anything, bomb], timeout=60, memory=2 << 30)
    assert result.returncode == 1, result.stderr
    assert result.stdout.count(f"{bomb}:") == 1
    assert "error: entity expansion refused" in result.stdout
    assert "[entities]" in result.stdout


def test_entity_from_an_external_dtd_is_explained(tmp_path, anything):
    (tmp_path / "letters.dtd").write_text('<!ENTITY sect "§">', encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(f'<!DOCTYPE TEI SYSTEM "letters.dtd">\n<TEI xmlns="{TEI_NS}">&sect; 105</TEI>',
                    encoding="utf-8")
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert ("error: entity 'sect' is not defined in the document; the external DTD letters.dtd "
            "that may define it is never loaded") in only_finding(result, path)


def test_external_dtd_alone_is_a_warning(tmp_path, anything):
    (tmp_path / "tei.dtd").write_text('<!ATTLIST TEI rend CDATA "fancy">', encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(f'<!DOCTYPE TEI SYSTEM "tei.dtd">\n<TEI xmlns="{TEI_NS}"/>', encoding="utf-8")
    result = run("--schema", anything, path)
    assert result.exit_code == 0
    assert only_finding(result, path) == (
        f"{path}:1:1: warning: the DOCTYPE names an external DTD (tei.dtd), which is never loaded: "
        "its default attributes and entities do not apply; TEI is validated with RelaxNG [dtd]")


@pytest.mark.parametrize("text, says", [
    ('<html><body/></html>', "error: the root element is html (no namespace), not TEI or teiCorpus"),
    ('<TEI><teiHeader/></TEI>', f'error: the root element TEI is in no namespace: TEI elements are in {TEI_NS}'),
], ids=["html", "tei-without-namespace"])
def test_non_tei_root(tmp_path, anything, text, says):
    path = tmp_path / "doc.xml"
    path.write_text(text, encoding="utf-8")
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert f"{path}:1:1: {says}" in only_finding(result, path)


@pytest.mark.parametrize("data", [b"", b"  \n\t\n"], ids=["empty", "blank"])
def test_empty_file(tmp_path, anything, data):
    path = tmp_path / "doc.xml"
    path.write_bytes(data)
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert only_finding(result, path) == f"{path}:1:1: error: file is empty [well-formed]"


def test_too_deep_nesting_is_refused(tmp_path, anything):
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}">' + "<p>" * 300 + "</p>" * 300 + "</TEI>", encoding="utf-8")
    result = run("--schema", anything, path)
    assert result.exit_code == 1
    assert "error: elements nested more than 256 deep" in only_finding(result, path)


def test_ids_used_twice_are_reported_and_the_other_checks_still_run(tmp_path):
    path = tmp_path / "doc.xml"
    text = (f'<TEI xmlns="{TEI_NS}"><teiHeader/>\n<text><body><p xml:id="a"/>\n<p xml:id="a">'
            f'<date when="1958-02-30"/></p></body></text></TEI>')
    path.write_text(text, encoding="utf-8")
    schema = tmp_path / "anything.rng"
    schema.write_text(ANYTHING, encoding="utf-8")
    # with the default Schematron, which must still run on the recovered tree
    result = CliRunner().invoke(main, ["validate", "--schema", str(schema), str(path)])
    assert result.exit_code == 1
    found = lines_about(result, path)
    assert any(":3:" in line and 'xml:id a is used twice' in line for line in found), found
    assert any("[date-real]" in line for line in found), found


def test_missing_file_and_folder_without_xml_are_usage_errors(tmp_path):
    missing = run(tmp_path / "missing.xml")
    assert missing.exit_code == 2
    assert "missing.xml: no such file or folder" in missing.output
    (tmp_path / "notes.txt").write_text("no XML here", encoding="utf-8")
    folder = run(tmp_path)
    assert folder.exit_code == 2
    assert "folder holds no .xml file" in folder.output


@pytest.mark.parametrize("option, name, content, says", [
    ("--schema", "broken.rng", "<grammar", "not well-formed XML"),
    ("--schema", "wrong.rng", '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nowhere"/></start></grammar>',
     "cannot use schema"),
    ("--schema", "remote.rng", '<grammar xmlns="http://relaxng.org/ns/structure/1.0"><include href="https://example.org/tei.rng"/></grammar>',
     "it includes https://example.org/tei.rng, and nothing is ever fetched"),
    ("--schematron", "broken.sch", '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"><sch:pattern><sch:rule/></sch:pattern></sch:schema>',
     "not ISO Schematron"),
    ("--schematron", "missing.sch", None, "cannot use schema"),
], ids=["not-xml", "does-not-compile", "remote-include", "bad-schematron", "missing-schematron"])
def test_unusable_schema_exits_2(tmp_path, option, name, content, says):
    schema = tmp_path / name
    if content is not None:
        schema.write_text(content, encoding="utf-8")
    doc = tmp_path / "doc.xml"
    doc.write_text(GOOD, encoding="utf-8")
    args = ["validate", option, str(schema), str(doc)]
    if option == "--schematron":
        anything = tmp_path / "anything.rng"
        anything.write_text(ANYTHING, encoding="utf-8")
        args[1:1] = ["--schema", str(anything)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 2, result.output
    assert says in result.stderr
    assert "Traceback" not in result.output


@pytest.mark.skipif(not jing.available(), reason="Jing is not installed (./setup.sh installs it)")
def test_schema_rejected_by_jing_exits_2(tmp_path):
    # Large enough that Jing alone checks it: the error surfaces from Jing, not libxml2.
    filler = "".join(f'<define name="d{i}"><element name="e{i}"><text/></element></define>\n'
                     for i in range(4000))
    schema = tmp_path / "big.rng"
    schema.write_text('<grammar xmlns="http://relaxng.org/ns/structure/1.0"><start><ref name="nowhere"/>'
                      f'</start>{filler}</grammar>', encoding="utf-8")
    assert schema.stat().st_size > 256 * 1024
    doc = tmp_path / "doc.xml"
    doc.write_text(GOOD, encoding="utf-8")
    result = run("--schema", schema, doc)
    assert result.exit_code == 2, result.output
    assert "cannot use schema" in result.stderr and "nowhere" in result.stderr


def test_xinclude_outside_the_folder_is_not_expanded_and_says_where_it_stands(tmp_path, anything):
    (tmp_path / "secret.txt").write_text("SECRET-WORDS", encoding="utf-8")
    (tmp_path / "doc").mkdir()
    path = tmp_path / "doc" / "doc.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}" xmlns:xi="http://www.w3.org/2001/XInclude"><teiHeader/>\n'
                    f'<text><body><p>Own.</p><xi:include href="../secret.txt" parse="text"/></body></text></TEI>',
                    encoding="utf-8")
    found = lines_about(run("--schema", anything, path), path)
    assert any(line.startswith(f"{path}:2:24: error: xi:include of ../secret.txt refused") for line in found), found
    built = CliRunner().invoke(main, ["build", "--to", "txt", "--schema", str(anything), "--no-schematron",
                                      "--force", "--out", str(tmp_path / "out"), str(path)])
    assert built.exit_code == 0, built.output
    assert "SECRET-WORDS" not in (tmp_path / "out" / "txt" / "doc.txt").read_text(encoding="utf-8")


@pytest.mark.parametrize("base", ["http://[x/", "a b/", "%zz/", "urn:x:y", "#here"])
def test_an_xml_base_that_is_no_base_uri_is_an_error_and_nothing_is_built_of_it(tmp_path, anything, base):
    # Whatever the schema says: the XSLT processor refuses a document as soon as a pointer is read
    # from such a base, so it is never published, not even with --force (which still publishes
    # the others).
    bad = tmp_path / "bad.xml"
    bad.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/>\n<text><body><p>One <name ref="persons.xml#ada">Ada</name>.</p>\n'
                   f'  <p xml:base="{base}"><name ref="persons.xml#ada">Ada</name></p></body></text></TEI>\n',
                   encoding="utf-8")
    (tmp_path / "good.xml").write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><text><body><p>Fine.</p></body></text></TEI>',
                                       encoding="utf-8")
    (tmp_path / "persons.xml").write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><standOff><listPerson><person xml:id="ada">'
                                          f'<persName>Ada</persName></person></listPerson></standOff></TEI>',
                                          encoding="utf-8")
    result = run("--schema", anything, bad)
    assert f"{bad}:3:6: error: xml:base=" in result.output and "[xml-base]" in result.output, result.output
    assert result.exit_code == 1
    out = tmp_path / "out"
    for force in ([], ["--force"]):
        built = CliRunner().invoke(main, ["build", "--no-schematron", "--schema", str(anything), "--to", "html,txt",
                                          "--out", str(out), *force, str(bad), str(tmp_path / "good.xml")])
        assert "Traceback" not in built.output and "Base URI" not in built.output, built.output
        assert not (out / "html" / "bad.html").exists() and not (out / "txt" / "bad.txt").exists()
    assert "bad.xml: failed: cannot be built, even with --force: " in built.output, built.output
    assert (out / "html" / "good.html").exists() and (out / "html" / "index.html").exists(), built.output
