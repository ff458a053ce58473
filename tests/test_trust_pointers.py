"""Pointers lead only into the folders of the sources and those named by --authority-dir.

A document pointing elsewhere (an absolute path, `../..`, a `file:` URL) gets an error that says
nothing about the file there, and its outputs take nothing from it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.validation.checks import Options, validate_paths

SECRET_NAME = "Zebulon Quackenbush"
SECRET_DESCRIPTION = "keeper of the private key 7f3a9c"
PEOPLE = f"""<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>People</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
  </fileDesc></teiHeader>
  <standOff>
    <listPerson><person xml:id="p1"><persName>{SECRET_NAME}</persName>
      <occupation>{SECRET_DESCRIPTION}</occupation></person></listPerson>
    <listPlace><place xml:id="pl1"><placeName>Elsewhere</placeName></place></listPlace>
  </standOff>
</TEI>
"""
LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en">
  <teiHeader><fileDesc><titleStmt><title>Letter</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text><body>
    <p>One: <persName ref="{pointer}">the keeper</persName>.</p>
  </body></text>
</TEI>
"""


@pytest.fixture
def edition(tmp_path) -> dict[str, Path]:
    """An edition folder two levels down, and a folder outside it holding a personography."""
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "people.xml").write_text(PEOPLE, encoding="utf-8")
    folder = tmp_path / "a" / "edition"
    folder.mkdir(parents=True)
    return {"folder": folder, "outside": outside}


def letter(folder: Path, pointer: str, name: str = "letter.xml") -> Path:
    path = folder / name
    path.write_text(LETTER.format(pointer=pointer), encoding="utf-8")
    return path


def run(*args):
    return CliRunner().invoke(main, [*map(str, args)])


def findings(*args) -> list[dict]:
    result = run("validate", "--format", "json", *args)
    assert result.exit_code in (0, 1), result.output
    return [finding for file in json.loads(result.stdout)["files"] for finding in file["findings"]]


def pointers_outside(edition) -> dict[str, str]:
    absolute = edition["outside"] / "people.xml"
    return {"absolute": f"{absolute}#p1", "relative": "../../outside/people.xml#p1",
            "url": f"{absolute.as_uri()}#p1"}


@pytest.mark.parametrize("kind", ["absolute", "relative", "url"])
def test_a_pointer_outside_is_an_error_that_reveals_nothing(edition, kind):
    existing = pointers_outside(edition)[kind]
    # Existing file and id, an id of another kind, an id it lacks, a file that is not there:
    # the same finding, the pointer aside.
    targets = [existing, existing.replace("#p1", "#pl1"), existing.replace("#p1", "#nobody"),
               existing.replace("people.xml", "missing.xml")]
    messages = []
    for number, pointer in enumerate(targets):
        path = letter(edition["folder"], pointer, f"letter{number}.xml")
        found = [f for f in findings(path) if f["level"] == "error"]
        assert [f["rule"] for f in found] == ["pointer-inside-edition"], found
        message = found[0]["message"]
        assert pointer in message and "--authority-dir" in message
        assert SECRET_NAME not in message and SECRET_DESCRIPTION not in message
        messages.append(message.replace(pointer, "POINTER"))
    assert len(set(messages)) == 1, messages


@pytest.mark.parametrize("kind", ["absolute", "relative", "url"])
def test_the_html_of_a_document_pointing_outside_holds_nothing_from_there(edition, tmp_path, kind):
    path = letter(edition["folder"], pointers_outside(edition)[kind])
    out = tmp_path / "out"
    result = run("build", path, "--to", "html", "--out", out, "--force", "--jobs", "1")
    assert result.exit_code == 0, result.output
    assert "pointer-inside-edition" in result.stderr
    html = (out / "html" / "letter.html").read_text(encoding="utf-8")
    assert "the keeper" in html
    for page in (out / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert SECRET_NAME not in text and SECRET_DESCRIPTION not in text, page.name


@pytest.mark.parametrize("kind", ["absolute", "relative", "url"])
def test_authority_dir_lets_the_pointer_resolve(edition, tmp_path, kind):
    path = letter(edition["folder"], pointers_outside(edition)[kind])
    allowed = ("--authority-dir", edition["outside"])
    assert [f for f in findings(path, *allowed) if f["level"] == "error"] == []
    out = tmp_path / "out"
    result = run("build", path, "--to", "html", "--out", out, "--jobs", "1", *allowed)
    assert result.exit_code == 0, result.output
    html = (out / "html" / "letter.html").read_text(encoding="utf-8")
    assert SECRET_DESCRIPTION in html


def test_a_link_inside_the_edition_to_a_file_outside_is_refused(edition):
    (edition["folder"] / "people.xml").symlink_to(edition["outside"] / "people.xml")
    path = letter(edition["folder"], "people.xml#p1")
    found = [f for f in findings(path) if f["level"] == "error"]
    assert [f["rule"] for f in found] == ["pointer-inside-edition"]


def test_a_folder_given_lets_its_documents_point_anywhere_inside_it(edition, tmp_path):
    sub = edition["folder"] / "letters"
    sub.mkdir()
    (edition["folder"] / "people.xml").write_text(PEOPLE, encoding="utf-8")
    path = letter(sub, "../people.xml#p1")
    assert [f for f in findings(edition["folder"]) if f["level"] == "error"] == []
    assert [f["rule"] for f in findings(path) if f["level"] == "error"] == ["pointer-inside-edition"]


def test_a_build_with_other_folders_is_a_new_build(edition, tmp_path):
    """The folders decide what a document's outputs show: outputs of a build that allowed
    another folder are not current."""
    path = letter(edition["folder"], pointers_outside(edition)["relative"])
    out = tmp_path / "out"
    html = out / "html" / "letter.html"
    allowed = run("build", path, "--to", "html", "--out", out, "--jobs", "1", "--authority-dir", edition["outside"])
    assert allowed.exit_code == 0, allowed.output
    assert SECRET_DESCRIPTION in html.read_text(encoding="utf-8")
    narrower = run("build", path, "--to", "html", "--out", out, "--jobs", "1", "--force")
    assert narrower.exit_code == 0, narrower.output
    assert SECRET_DESCRIPTION not in html.read_text(encoding="utf-8")


def test_export_reads_no_entry_from_outside(edition, tmp_path):
    path = letter(edition["folder"], pointers_outside(edition)["relative"])
    out = tmp_path / "export"
    result = run("export", path, "--to", "entities", "--out", out, "--force")
    assert result.exit_code == 0, result.output
    exported = b"".join(p.read_bytes() for p in out.iterdir())
    assert SECRET_NAME.encode() not in exported and SECRET_DESCRIPTION.encode() not in exported
    allowed = run("export", path, "--to", "entities", "--out", out, "--authority-dir", edition["outside"])
    assert allowed.exit_code == 0, allowed.output
    assert SECRET_DESCRIPTION.encode() in (out / "persons.csv").read_bytes()


def test_worker_processes_get_the_folders(edition, tmp_path):
    paths = [letter(edition["folder"], pointers_outside(edition)["relative"], f"letter{n}.xml") for n in (1, 2)]
    out = tmp_path / "out"
    result = run("build", *paths, "--to", "html", "--out", out, "--jobs", "2", "--authority-dir", edition["outside"])
    assert result.exit_code == 0, result.output
    for n in (1, 2):
        assert SECRET_DESCRIPTION in (out / "html" / f"letter{n}.html").read_text(encoding="utf-8")


def test_one_process_keeps_no_folders_of_an_earlier_run(edition):
    """A watching build runs in one process: what one run allowed, the next does not inherit."""
    path = letter(edition["folder"], pointers_outside(edition)["relative"])

    def rules(roots) -> list[str]:
        report = validate_paths([path], Options(jobs=1, roots=roots))
        return [f.rule for f in report.files[0].findings if f.level == "error"]

    assert rules((edition["outside"],)) == []
    assert rules(()) == ["pointer-inside-edition"]
    assert rules((edition["outside"],)) == []
