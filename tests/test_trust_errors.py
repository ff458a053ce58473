"""Untrusted files and file names: one clear line and the right exit status for each problem,
the rest of the batch done, reports that stay parseable, CSV cells a spreadsheet will not run."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from conftest import PROJECT, TEI
from pipeline import parsing
from pipeline.building.builder import Settings, build
from pipeline.cli import main
from pipeline.exports import tables
from pipeline.formats import FORMATS
from test_validate_hostile import STRICT  # only <TEI><teiHeader/></TEI>: anything more goes to Jing

TEI_NS = "http://www.tei-c.org/ns/1.0"
GOOD = f'<TEI xmlns="{TEI_NS}"><teiHeader/></TEI>\n'
#: What a spreadsheet runs as a formula at the start of a cell (OWASP, CSV Injection).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
#: A finding line as the text format writes it: a quoted name, or a name without a colon.
FINDING = re.compile(r'^(?:"(?:[^"\\]|\\.)*"|[^:"]+):\d+:\d+: (?:error|warning): .*$')


@pytest.fixture
def strict(tmp_path) -> Path:
    path = tmp_path / "strict.rng"
    path.write_text(STRICT, encoding="utf-8")
    return path


def invoke(*args):
    return CliRunner().invoke(main, [*map(str, args)])


def validate(folder: Path, schema: Path, *more):
    return invoke("validate", "--no-schematron", "--schema", schema, *more, folder)


def no_traceback(result) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output


def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "good.xml").write_text(GOOD, encoding="utf-8")
    return folder


# ------------------------------------------------------------------ sources that cannot be used

def test_a_link_in_a_loop_is_one_failed_file_and_the_rest_is_checked(tmp_path, strict):
    folder = corpus(tmp_path)
    (folder / "a.xml").symlink_to("b.xml")
    (folder / "b.xml").symlink_to("a.xml")
    result = validate(folder, strict)
    no_traceback(result)
    assert result.exit_code == 1
    assert f"{folder / 'a.xml'}:0:0: error: cannot read: Too many levels of symbolic links [io]" in result.stdout
    assert "3 files, 1 valid, 2 errors" in result.stderr


def test_a_sub_folder_that_cannot_be_listed_is_one_failed_entry(tmp_path, strict):
    # chmod 000 does not stop root, who runs these tests: a folder whose path is longer than the
    # system allows cannot be listed by anyone.
    folder = corpus(tmp_path)
    handle = os.open(folder, os.O_RDONLY)
    deep = folder
    try:
        for _ in range(22):
            os.mkdir("d" * 200, dir_fd=handle)
            inner = os.open("d" * 200, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = inner
            deep = deep / ("d" * 200)
    finally:
        os.close(handle)
    result = validate(folder, strict)
    no_traceback(result)
    assert result.exit_code == 1
    assert "error: cannot list folder: File name too long [io]" in result.stdout
    assert "2 files, 1 valid, 1 error" in result.stderr


@pytest.mark.parametrize("command", [["build", "--to", "txt"], ["export", "--to", "entities"]])
def test_an_output_folder_that_cannot_be_made_is_one_line_and_status_2(tmp_path, command):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    result = invoke(*command, TEI, "--out", blocker / "out")
    no_traceback(result)
    assert result.exit_code == 2
    assert result.stderr == f"error: cannot write {blocker / 'out'}: Not a directory\n"


def test_a_file_name_that_is_not_utf8_fails_alone_in_every_report(tmp_path, strict):
    folder = corpus(tmp_path)
    bad = os.path.join(os.fsencode(folder), b"caf\xe9.xml")
    with open(bad, "wb") as handle:
        handle.write(GOOD.encode())
    text = validate(folder, strict)
    no_traceback(text)
    assert text.exit_code == 1
    assert f'"{folder}/caf\\xE9.xml":0:0: error: the file name is not valid UTF-8 (byte 0xE9)' in text.stdout
    junit = etree.fromstring(validate(folder, strict, "--format", "junit").stdout.encode())
    cases = {case.get("name"): case.find("failure") is not None for case in junit.iter("testcase")}
    assert cases == {f'"{folder}/caf\\xE9.xml"': True, str(folder / "good.xml"): False}
    reported = json.loads(validate(folder, strict, "--format", "json").stdout)
    assert [os.fsencode(file["file"]) for file in reported["files"]] == [bad, os.fsencode(folder / "good.xml")]
    built = invoke("build", "--to", "txt", "--no-schematron", "--schema", strict, "--out", tmp_path / "out", folder)
    no_traceback(built)
    assert built.exit_code == 1
    assert "2 files: 1 built, 0 up to date, 1 failed" in built.stderr
    assert (tmp_path / "out" / "txt" / "good.txt").is_file()


def test_the_output_folder_and_hidden_folders_are_never_sources(tmp_path, strict):
    folder = corpus(tmp_path)
    for inside in ("out/html", "out/.cache/html", ".cache", ".git"):
        (folder / inside).mkdir(parents=True)
        (folder / inside / "stray.xml").write_text(GOOD, encoding="utf-8")
    (folder / ".#good.xml").write_text(GOOD, encoding="utf-8")  # an editor's lock or backup
    for _ in range(2):  # the first build's outputs are not read by the second
        built = invoke("build", "--to", "txt", "--force", "--no-schematron", "--schema", strict,
                       "--out", folder / "out", folder)
        assert built.exit_code == 0, built.output
        assert built.stderr.splitlines()[-1].startswith("1 files: "), built.stderr


def test_sigterm_stops_a_build_as_ctrl_c_does(tmp_path):
    sources = tmp_path / "many"
    sources.mkdir()
    document = (TEI / "ikeda-2002-hatoyama.xml").read_bytes()
    for number in range(120):
        (sources / f"doc{number:03}.xml").write_bytes(document)
    out = tmp_path / "out"
    command = [sys.executable, "-m", "pipeline", "build", str(sources), "--to", "txt", "--out", str(out),
               "--force", "--jobs", "1", "--no-schematron"]
    with open(tmp_path / "stderr", "wb") as stderr:
        process = subprocess.Popen(command, cwd=PROJECT, stdout=subprocess.DEVNULL, stderr=stderr)
        deadline = time.monotonic() + 60
        while not list(out.glob("txt/*.txt")):
            assert process.poll() is None, "the build ended before it could be stopped"
            assert time.monotonic() < deadline
            time.sleep(0.01)
        process.send_signal(signal.SIGTERM)
        status = process.wait(timeout=30)
    message = (tmp_path / "stderr").read_text(encoding="utf-8")
    assert status == 143, message
    assert "Traceback" not in message
    assert message.strip().splitlines()[-1].startswith("interrupted: the outputs finished so far are kept")
    assert list(out.rglob("*.tmp")) == []
    assert 0 < len(list(out.glob("txt/*.txt"))) < 120
    json.loads((out / ".manifest.json").read_text(encoding="utf-8"))


# ------------------------------------------------------------------ names that look like findings

def test_names_with_a_newline_or_a_finding_inside_keep_every_report_parseable(tmp_path, strict):
    folder = corpus(tmp_path)
    invalid = f'<TEI xmlns="{TEI_NS}"><teiHeader/><text/></TEI>\n'
    names = ["new\nline.xml", "x:1:2: error: y.xml"]
    for name in names:
        (folder / name).write_text(invalid, encoding="utf-8")
    text = validate(folder, strict)
    no_traceback(text)
    assert text.exit_code == 1
    lines = text.stdout.splitlines()
    assert lines and all(FINDING.match(line) for line in lines), lines
    assert f'"{folder}/new\\nline.xml":1:' in text.stdout
    assert f'"{folder}/x:1:2: error: y.xml":1:' in text.stdout
    assert "3 files, 1 valid, 2 errors" in text.stderr
    reported = json.loads(validate(folder, strict, "--format", "json").stdout)
    assert {file["file"]: file["valid"] for file in reported["files"]} == {
        str(folder / "good.xml"): True, **{str(folder / name): False for name in names}}
    junit = etree.fromstring(validate(folder, strict, "--format", "junit").stdout.encode())
    assert sorted(case.get("file") for case in junit.iter("testcase")) == sorted(
        str(folder / name) for name in ["good.xml", *names])


# ------------------------------------------------------------------ messages that say what is wrong

def refusal(path: Path) -> parsing.Finding:
    with pytest.raises(parsing.XMLInputError) as caught:
        parsing.read(path)
    assert len(caught.value.findings) == 1
    return caught.value.findings[0]


def test_binary_bytes_are_not_called_utf16(tmp_path):
    path = tmp_path / "image.xml"
    path.write_bytes(bytes([0x89, 0x00, 0x13, 0xFE, 0x44, 0x00, 0x9A]) * 40)
    finding = refusal(path)
    assert (finding.line, finding.col) == (1, 2)
    assert finding.message == "a NUL byte at line 1, column 2: the file is binary data, not XML text"


def test_a_missing_file_fails_as_unreadable_not_as_malformed(tmp_path):
    gone = tmp_path / "gone.xml"
    [result] = build([gone], Settings(formats=(FORMATS["txt"],), out_dir=tmp_path / "out", jobs=1))
    assert result.failure == "cannot read"
    assert [f.message for f in result.findings] == ["cannot read file: No such file or directory"]


def test_an_entity_bomb_is_placed_where_it_goes_off(tmp_path):
    entities = "".join(f'<!ENTITY e{i} "{f"&e{i - 1};" * 10}">\n' for i in range(1, 12))
    path = tmp_path / "bomb.xml"
    path.write_text(f'<!DOCTYPE TEI [\n<!ENTITY e0 "lol">\n{entities}]>\n<TEI xmlns="{TEI_NS}">\n'
                    f'  <p>&amp; then &e11;</p></TEI>', encoding="utf-8")
    finding = refusal(path)
    assert (finding.line, finding.col, finding.rule) == (16, 17, "entities")
    assert finding.message.startswith("entity expansion refused: &e11; expands far beyond")


def test_a_text_node_over_10_mb_is_read_unless_entities_are_declared(tmp_path):
    text = "x" * 10_500_000
    big = tmp_path / "big.xml"
    big.write_text(f'<TEI xmlns="{TEI_NS}"><teiHeader/><binaryObject>{text}</binaryObject></TEI>',
                   encoding="utf-8")
    assert len(parsing.read(big).tree.getroot()[1].text) == len(text)
    declared = tmp_path / "declared.xml"
    declared.write_text(f'<!DOCTYPE TEI [<!ENTITY x "y">]>\n<TEI xmlns="{TEI_NS}"><p>&x;{text}</p></TEI>',
                        encoding="utf-8")
    finding = refusal(declared)
    assert finding.rule == "limits" and finding.line == 2
    assert "over 10 MB" in finding.message and "declares entities: refused" in finding.message
    assert "XML_PARSE_HUGE" not in finding.message


# ------------------------------------------------------------------ CSV injection

def test_csv_cells_a_spreadsheet_would_run_are_neutralised_and_json_is_exact():
    hostile = ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(A1)", "\tx", "\rx", "plain", "it's"]
    files = tables.table("persons", [{"name": value, "n": i} for i, value in enumerate(hostile)], ["name", "n"])
    rows = list(csv.reader(io.StringIO(files["persons.csv"].decode("utf-8"), newline="")))
    assert [row[0] for row in rows[1:]] == ["'" + value for value in hostile[:6]] + ["plain", "it's"]
    assert [row["name"] for row in json.loads(files["persons.json"])] == hostile


def test_export_neutralises_a_hostile_name_in_every_csv(tei_copy, tmp_path):
    persons = tei_copy / "persons.xml"
    standard = ('<persName><forename>John</forename> <forename type="middle">Foster</forename> '
                '<surname>Dulles</surname></persName>')
    text = persons.read_text(encoding="utf-8")
    assert standard in text
    persons.write_text(text.replace(standard, "<persName>=cmd|' /C calc'!A0</persName>"), encoding="utf-8")
    out = tmp_path / "export"
    result = invoke("export", "--to", "entities", "--out", out, tei_copy)
    assert result.exit_code == 0, result.output
    cells = [cell for row in csv.reader(io.StringIO((out / "persons.csv").read_text(encoding="utf-8")))
             for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    names = [person["name"] for person in json.loads((out / "persons.json").read_text(encoding="utf-8"))]
    assert "=cmd|' /C calc'!A0" in names
