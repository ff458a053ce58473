"""Schematron of query bindings xslt2 and xslt3 (pipeline/validation/schematron_xslt.py, run by Saxon), and
the Schematron rules embedded in a RelaxNG schema (tei_all.rng): every feature real schemas use
gives its exact findings (line, column, rule, level), and nothing outside the run is ever read."""

from __future__ import annotations

import socket
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import TEI_ALL, need
from pipeline import processes
from pipeline.cli import main
from pipeline.findings import ERROR, WARNING
from pipeline.parsing import read
from pipeline.validation import schematron
from pipeline.validation.checks import Options, validate_paths
from pipeline.validation.locate import SourceMap
from pipeline.validation.schemas import DEFAULT_SCHEMA, SchemaError

DOCUMENT = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <text>
    <body>
      <p n="1">one</p>
      <p n="x">two</p>
      <date when="1918-01-01" from="1917-12-01"/>
      <persName ref="#a">A</persName>
      <persName ref="#nobody"/>
      <person xml:id="a"/>
    </body>
  </text>
</TEI>
"""

HEAD = ('<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron" '
        'xmlns:xsl="http://www.w3.org/1999/XSL/Transform" queryBinding="{binding}"{extra}>\n'
        '  <sch:ns prefix="tei" uri="http://www.tei-c.org/ns/1.0"/>\n')

#: Every feature: include, extends (href and rule), abstract pattern with params, lets of the
#: schema, phase, pattern and rule, phases, diagnostics, properties, value-of, name, foreign
#: xsl:function and xsl:key, ns, role and flag.
SCHEMA = HEAD.format(binding="xslt3", extra=' xmlns:f="urn:test" defaultPhase="main"') + """
  <sch:ns prefix="f" uri="urn:test"/>
  <sch:let name="max" value="99"/>
  <xsl:function name="f:numeric" as="xs:boolean">
    <xsl:param name="value"/>
    <xsl:sequence select="$value castable as xs:integer"/>
  </xsl:function>
  <xsl:key name="ids" match="*[@xml:id]" use="@xml:id"/>
  <sch:phase id="main">
    <sch:active pattern="numbers"/><sch:active pattern="pointers"/>
    <sch:active pattern="dates"/><sch:active pattern="names"/><sch:active pattern="first-paragraph"/>
  </sch:phase>
  <sch:phase id="only-dates">
    <sch:let name="label" value="'dates only'"/>
    <sch:active pattern="dates"/><sch:active pattern="labelled"/>
  </sch:phase>
  <sch:pattern id="numbers">
    <sch:let name="kind" value="'paragraph'"/>
    <sch:rule context="tei:p" id="p-rule">
      <sch:let name="n" value="@n"/>
      <sch:assert test="f:numeric($n)" id="p-numeric" diagnostics="d-n" properties="p-n"
        >The <sch:value-of select="$kind"/> <sch:name/> has n="<sch:value-of select="$n"/>"</sch:assert>
    </sch:rule>
    <sch:rule context="tei:p">
      <sch:report test="true()" id="never">only the first rule of a pattern that matches runs</sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="first-paragraph">
    <sch:rule context="tei:p">
      <sch:report test="@n = '1'" id="first-p" role="info">paragraph 1</sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="pointers">
    <sch:rule context="@ref">
      <sch:assert test="key('ids', substring-after(., '#'))" role="warning"
        >@<sch:name/> points to nothing</sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:pattern abstract="true" id="co-occurrence">
    <sch:rule context="$element[$first]">
      <sch:report test="$firstly" id="co-occur" flag="info"
        ><sch:name path="$first"/> with <sch:name path="$firstly"/> on <sch:name/></sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="dates" is-a="co-occurrence">
    <sch:param name="element" value="tei:date"/>
    <sch:param name="first" value="@when"/>
    <sch:param name="firstly" value="@from"/>
  </sch:pattern>
  <sch:pattern id="labelled">
    <sch:rule context="tei:body">
      <sch:report test="true()" id="label" role="info">phase: <sch:value-of select="$label"/></sch:report>
    </sch:rule>
  </sch:pattern>
  <sch:include href="names.sch"/>
  <sch:diagnostics>
    <sch:diagnostic id="d-n">a number up to <sch:value-of select="$max"/> was expected</sch:diagnostic>
  </sch:diagnostics>
  <sch:properties>
    <sch:property id="p-n">renumber the <sch:emph>paragraphs</sch:emph></sch:property>
  </sch:properties>
</sch:schema>
"""

NAMES = """<sch:pattern xmlns:sch="http://purl.oclc.org/dsdl/schematron" id="names">
  <sch:rule abstract="true" id="has-text">
    <sch:assert test="normalize-space(.)" id="empty-name" role="error">an empty <sch:name/></sch:assert>
  </sch:rule>
  <sch:rule context="tei:persName" id="person-rule">
    <sch:extends rule="has-text"/>
    <sch:extends href="length.sch"/>
  </sch:rule>
</sch:pattern>
"""

LENGTH = """<sch:rule xmlns:sch="http://purl.oclc.org/dsdl/schematron">
  <sch:let name="chars" value="string-length(.)"/>
  <sch:report test="$chars = 1" role="warning">a one-letter name: <sch:value-of select="."/></sch:report>
</sch:rule>
"""

#: (line, column, level, rule, message) of every finding of SCHEMA on DOCUMENT, default phase.
EXPECTED = [
    (4, 7, WARNING, "first-p", "paragraph 1"),
    (5, 7, ERROR, "p-numeric",
     'The paragraph p has n="x" (a number up to 99 was expected) [renumber the paragraphs]'),
    (6, 7, WARNING, "co-occur", "when with from on date"),
    (7, 7, WARNING, "person-rule", "a one-letter name: A"),
    (8, 17, WARNING, "pointers", "@ref points to nothing"),
    (8, 7, ERROR, "empty-name", "an empty persName"),
]


@pytest.fixture(autouse=True)
def fresh():
    processes.forget()  # each test writes its schema files anew under the same names
    yield
    processes.forget()


def write(folder: Path, **files: str) -> dict[str, Path]:
    paths = {}
    for name, text in files.items():
        paths[name] = folder / name.replace("_", ".")
        paths[name].write_text(text, encoding="utf-8")
    return paths


def findings(schema: Path, document: Path, phase: str | None = None) -> list[tuple]:
    parsed = read(document)
    found = schematron.check(parsed.tree, str(document), schema, lambda: SourceMap(parsed.tree, parsed.data),
                             phase)
    return sorted((f.line, f.col, f.level, f.rule, f.message) for f in found)


@pytest.fixture
def files(tmp_path) -> dict[str, Path]:
    return write(tmp_path, rules_sch=SCHEMA, names_sch=NAMES, length_sch=LENGTH, doc_xml=DOCUMENT)


def test_every_feature_gives_its_exact_findings(files):
    assert findings(files["rules_sch"], files["doc_xml"]) == sorted(EXPECTED)


def test_a_phase_runs_its_patterns_with_its_lets(files):
    assert findings(files["rules_sch"], files["doc_xml"], "only-dates") == [
        (3, 5, WARNING, "label", "phase: dates only"),
        (6, 7, WARNING, "co-occur", "when with from on date"),
    ]
    assert findings(files["rules_sch"], files["doc_xml"], "#DEFAULT") == sorted(EXPECTED)


def test_an_unknown_phase_is_a_one_line_error(files):
    with pytest.raises(SchemaError, match=r"no phase nosuch .*phases: main, only-dates, #ALL"):
        findings(files["rules_sch"], files["doc_xml"], "nosuch")


XSLT2 = HEAD.format(binding="xslt2", extra="") + """
  <sch:pattern>
    <sch:rule context="tei:date[@when]" id="iso-date">
      <sch:assert test="matches(@when, '^\\d{4}-\\d{2}-\\d{2}$') and xs:date(@when) lt xs:date('1918-06-01')"
        >date <sch:value-of select="@when"/> is too late</sch:assert>
    </sch:rule>
  </sch:pattern>
</sch:schema>
"""


def test_validate_runs_an_xslt2_schema_with_phase_option(tmp_path):
    paths = write(tmp_path, rules_sch=XSLT2, doc_xml=DOCUMENT.replace("1918-01-01", "1918-07-01"))
    result = CliRunner().invoke(main, ["validate", "--schematron", str(paths["rules_sch"]),
                                       "--phase", "#ALL", str(paths["doc_xml"])])
    assert result.exit_code == 1, result.output
    assert f"{paths['doc_xml']}:6:7: error: date 1918-07-01 is too late [iso-date]" in result.output
    result = CliRunner().invoke(main, ["validate", "--schematron", str(paths["rules_sch"]),
                                       "--phase", "nosuch", str(paths["doc_xml"])])
    assert result.exit_code == 2 and "no phase nosuch" in result.output


@pytest.mark.parametrize("change, message", [
    (('test="f:numeric($n)"', 'test="f:numeric($n"'), "cannot use Schematron schema"),
    (('queryBinding="xslt3"', 'queryBinding="xquery"'), 'queryBinding="xquery"'),
    (('is-a="co-occurrence"', 'is-a="nothing"'), 'is-a="nothing" names no abstract pattern'),
])
def test_a_broken_schema_is_a_one_line_error(files, change, message):
    files["rules_sch"].write_text(SCHEMA.replace(*change), encoding="utf-8")
    with pytest.raises(SchemaError, match=message) as raised:
        findings(files["rules_sch"], files["doc_xml"])
    assert str(files["rules_sch"]) in str(raised.value)


def reading(address_call: str) -> str:
    return HEAD.format(binding="xslt3", extra="") + f"""
  <sch:let name="volumes" value="{address_call}"/>
  <sch:pattern id="remote">
    <sch:rule context="tei:TEI" id="volume-known">
      <sch:assert test="@n = $volumes//id">unknown volume</sch:assert>
    </sch:rule>
    <sch:rule context="tei:p" id="read-directly">
      <sch:assert test="unparsed-text('notes.txt') = ''">notes</sch:assert>
    </sch:rule>
  </sch:pattern>
  <sch:pattern id="local">
    <sch:rule context="tei:p[@n = 'x']" id="local-rule">
      <sch:report test="true()">n is x</sch:report>
    </sch:rule>
  </sch:pattern>
</sch:schema>
"""


def test_a_rule_reading_a_web_address_is_skipped_once_and_the_others_run(tmp_path):
    address = "https://history.state.gov/services/volume-ids"
    paths = write(tmp_path, rules_sch=reading(f"doc('{address}')"), doc_xml=DOCUMENT, other_xml=DOCUMENT)
    assert findings(paths["rules_sch"], paths["doc_xml"]) == [(5, 7, ERROR, "local-rule", "n is x")]
    report = validate_paths([paths["doc_xml"], paths["other_xml"]],
                            Options(schema=DEFAULT_SCHEMA, schematron=paths["rules_sch"], jobs=1))
    skipped = [note for note in report.notes if "skipped" in note]
    assert len(skipped) == 2, report.notes  # one note per rule, not per file
    assert any("volume-known" in note and address in note for note in skipped)
    assert any("read-directly" in note and "notes.txt" in note for note in skipped)
    assert all(note.startswith(f"warning: {paths['rules_sch']}:") for note in skipped)
    rules = [f.rule for file in report.files for f in file.findings if f.rule != "relaxng"]
    assert rules == ["local-rule", "local-rule"]


@pytest.mark.parametrize("call", ["doc('http://127.0.0.1:{port}/')",
                                  "doc(concat('http://127.0.0.1:', {port}, '/'))",
                                  "document('http://127.0.0.1:{port}/')"])
def test_nothing_is_fetched(tmp_path, call):
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)
    listener.settimeout(1.5)
    port = listener.getsockname()[1]
    connections = []

    def accept():
        try:
            connections.append(listener.accept())
        except OSError:
            pass
    waiting = threading.Thread(target=accept)
    waiting.start()
    paths = write(tmp_path, rules_sch=reading(call.format(port=port)), doc_xml=DOCUMENT)
    try:
        assert findings(paths["rules_sch"], paths["doc_xml"]) == [(5, 7, ERROR, "local-rule", "n is x")]
        assert len(schematron.compiled(paths["rules_sch"]).skipped) == 2
    finally:
        waiting.join()
        listener.close()
    assert connections == []


WHEN_AND_FROM = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>T</title></titleStmt>
    <publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <p>On <date when="1918-01-01" from="1917-12-01">that day</date>.</p>
  </body></text>
</TEI>
"""


def test_tei_all_embedded_rules_report_when_with_from(tmp_path):
    schema = need(TEI_ALL)
    paths = write(tmp_path, doc_xml=WHEN_AND_FROM)
    options = Options(schema=schema, schematron=None, jobs=1)
    found = validate_paths([paths["doc_xml"]], options).files[0].findings
    assert [(f.line, f.col, f.level, f.message) for f in found] == [
        (5, 11, ERROR, "The @when attribute cannot be used with any other att.datable.w3c attributes.")]
    assert "att.datable.w3c" in found[0].rule
    options = Options(schema=schema, schematron=None, jobs=1, embedded_schematron=False)
    assert validate_paths([paths["doc_xml"]], options).files[0].findings == []


def test_our_schema_has_no_embedded_rules():
    assert schematron.embedded(DEFAULT_SCHEMA) is None
