"""`teipipe validate`: passes on tei/, fails on broken copies naming the broken line."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import TEI
from pipeline.cli import main

LETTER = "frus1958-60v18-d11.xml"


def run(*args):
    return CliRunner().invoke(main, ["validate", *map(str, args)])


def line_of(text: str, needle: str) -> int:
    return text[: text.index(needle)].count("\n") + 1


def break_file(folder, old, new):
    """Replace the first `old` in the letter by `new`; return the file and the line changed."""
    path = folder / LETTER
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path, line_of(text, old)


def test_bundled_sources_are_valid():
    result = run(TEI)
    assert result.exit_code == 0, result.output
    assert "error" not in result.stdout


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
