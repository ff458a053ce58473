"""No build destroys a published edition: a document that became invalid or unreadable keeps its
last good outputs; documents that would share output names are refused; build and export
validate as `validate` does (an xml:id used twice is a validation error like any other)."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.building.builder import Settings, build
from pipeline.cli import main
from pipeline.formats import FORMATS
from pipeline.sources import collect
from pipeline.validation.checks import validate_file

LETTER, ABSTRACT = "frus1958-60v18-d11.xml", "ikeda-2002-hatoyama.xml"
FORMATS_SHOWN = "html,txt,fo"


def run(*args) -> object:
    return CliRunner().invoke(main, [*map(str, args)])


def published(out: Path) -> dict[str, bytes]:
    """Every file of the edition, by path in OUT/ (the manifest and cache aside)."""
    return {p.relative_to(out).as_posix(): p.read_bytes() for p in out.rglob("*")
            if p.is_file() and not any(part.startswith(".") for part in p.relative_to(out).parts)}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_a_broken_personography_keeps_every_published_file(tei_copy, tmp_path):
    out = tmp_path / "out"
    assert run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out).exit_code == 0
    before = published(out)
    assert {"html/index.html", "fo/volume.fo", "txt/ikeda-2002-hatoyama.txt"} <= set(before)
    edit(tei_copy / "persons.xml", "</listPerson>", "")
    broken = run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    assert broken.exit_code == 1
    for name in (LETTER, ABSTRACT):
        assert f"kept the last good outputs of {tei_copy / name}: invalid, not published" in broken.stderr
    assert published(out) == before  # every file byte for byte, the collection pages included
    # Tried again by the next build, and kept again.
    again = run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    assert again.exit_code == 1 and again.stderr.count("kept the last good outputs of") == 2
    edit(tei_copy / "persons.xml", "</standOff>", "</listPerson></standOff>")
    mended = run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    assert mended.exit_code == 0, mended.stderr
    assert published(out) == before


def test_a_document_made_invalid_keeps_its_outputs_and_its_place_until_it_is_mended(tei_copy, tmp_path):
    out, abstract = tmp_path / "out", tei_copy / ABSTRACT
    run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    before = published(out)
    edit(abstract, "<persName ref=", '<persName foo="x" ref=')
    held = run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    assert held.exit_code == 1
    assert f"kept the last good outputs of {abstract}: invalid, not published" in held.stderr
    assert published(out) == before
    assert "ikeda-2002-hatoyama.html" in (out / "html" / "index.html").read_text(encoding="utf-8")
    # --force keeps its meaning: the invalid document is published.
    forced = run("build", tei_copy, "--to", "txt", "--out", out, "--force")
    assert forced.exit_code == 0 and f"wrote {out / 'txt' / 'ikeda-2002-hatoyama.txt'}" in forced.stdout
    edit(abstract, '<persName foo="x" ref=', "<persName ref=")
    edit(abstract, "<p>But, ", "<p>Mended. But, ")
    mended = run("build", tei_copy, "--to", FORMATS_SHOWN, "--out", out)
    assert mended.exit_code == 0, mended.stderr
    assert "Mended." in (out / "txt" / "ikeda-2002-hatoyama.txt").read_text(encoding="utf-8")


def test_an_unreadable_document_keeps_its_outputs_in_a_build_without_the_command_line(tei_copy, tmp_path):
    out, settings = tmp_path / "out", Settings(formats=(FORMATS["txt"], FORMATS["html"]), out_dir=tmp_path / "out", jobs=1)
    build(collect([tei_copy]), settings)
    before = published(out)
    edit(tei_copy / LETTER, "</p>", "</q>")
    results = {r.source.name: r for r in build([tei_copy / LETTER, tei_copy / ABSTRACT], settings)}
    assert results[LETTER].failure == "not well-formed"
    assert results[LETTER].kept == [out / "html" / "frus1958-60v18-d11.html", out / "txt" / "frus1958-60v18-d11.txt"]
    assert published(out) == before


def two_letters(tmp_path: Path) -> tuple[Path, Path]:
    """Two documents named letter.xml in two folders, each beside the authority files."""
    letters = []
    for folder in ("a", "b"):
        copy = Path(shutil.copytree(Path(__file__).resolve().parents[1] / "tei", tmp_path / folder))
        (copy / LETTER).rename(copy / "letter.xml")
        (copy / ABSTRACT).unlink()
        letters.append(copy / "letter.xml")
    return letters[0], letters[1]


def test_two_documents_with_one_file_name_are_refused_before_any_work(tmp_path):
    a, b = two_letters(tmp_path)
    out = tmp_path / "out"
    refused = run("build", a.parent, b.parent, "--to", "txt,html", "--out", out)
    assert refused.exit_code == 2
    assert f"error: {a} and {b} would be published under one name, letter" in refused.stderr
    assert published(out) == {}
    # Their authority files (persons.xml, ...) share names too, and are not published: allowed.
    assert run("build", a.parent, "--to", "txt,html", "--out", out).exit_code == 0
    # A document an earlier build published into OUT/ counts too: the collection pages show it.
    before = published(out)
    again = run("build", b.parent, "--to", "txt,html", "--out", out)
    assert again.exit_code == 2 and f"{a} and {b}" in again.stderr
    assert published(out) == before


@pytest.mark.parametrize("name, fmt, page", [("index", "html", "html/index.html"), ("volume", "epub", "epub/volume.epub")])
def test_a_document_named_as_a_collection_page_fails_in_that_format_alone(tei_copy, tmp_path, name, fmt, page):
    # Its page and the collection's would be one file, and withdrawing the document would
    # remove the collection's. The authority files beside it (persons.xml) are not published.
    (tei_copy / ABSTRACT).rename(tei_copy / f"{name}.xml")
    out = tmp_path / "out"
    result = run("build", tei_copy, "--to", f"txt,{fmt}", "--out", out)
    assert result.exit_code == 1
    assert f"{name}.xml: failed: {fmt}: {name}.xml would be published as {page}, the name of a page about the " \
           f"whole collection: rename the file" in result.output
    files = published(out)
    assert f"txt/{name}.txt" in files and f"{fmt}/{LETTER.replace('.xml', '.' + fmt)}" in files
    if fmt == "html":  # the collection's index, listing the other document only
        assert b"<title>Documents</title>" in files[page] and b"Ikeda" not in files[page]
    else:  # the book of both documents
        names = zipfile.ZipFile(out / page).namelist()
        assert {"OEBPS/frus1958-60v18-d11.xhtml", "OEBPS/volume.xhtml"} <= set(names)


def test_export_refuses_two_documents_with_one_file_name(tmp_path):
    a, b = two_letters(tmp_path)
    refused = run("export", "--to", "voyant", a, b, "--out", tmp_path / "export")
    assert refused.exit_code == 2
    assert f"error: {a} and {b} would be published under one name, letter" in refused.stderr
    # (The output folder is made, and tried for writing, before any work: it stays empty.)
    assert not any((tmp_path / "export").iterdir())


def test_an_xml_id_used_twice_is_a_validation_error_that_force_publishes(tei_copy, tmp_path):
    abstract = tei_copy / ABSTRACT
    edit(abstract, '<name xml:id="enc-ikeda">', '<name xml:id="ikeda-2002-hatoyama">')
    out = tmp_path / "out"
    held = run("build", abstract, "--to", "txt", "--out", out)
    assert held.exit_code == 1
    assert "not well-formed" not in held.stderr
    assert f"{abstract}:12:" in held.stderr and "xml:id ikeda-2002-hatoyama is used twice" in held.stderr
    assert "[xml:id]" in held.stderr and "invalid, not published" in held.stderr
    forced = run("build", abstract, "--to", "txt,html", "--out", out, "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "HATOYAMA" in (out / "txt" / "ikeda-2002-hatoyama.txt").read_text(encoding="utf-8")
    assert (out / "html" / "ikeda-2002-hatoyama.html").is_file()


def test_build_and_export_give_the_findings_of_validate(tei_copy, tmp_path):
    """libxml2 misses a wrong language code and gives column 0 for an element in no
    namespace; Jing, which validate runs on invalid files, does neither."""
    abstract = tei_copy / ABSTRACT
    edit(abstract, 'xml:lang="en">', 'xml:lang="english language">')
    edit(abstract, "<p>But, ", '<p>Cut <gap reason="illegible" quantity="10" unit="furlongs"/>'
                               '<note xmlns="">aside</note>. But, ')
    expected = {(f.line, f.col, f.message) for f in validate_file(abstract)}
    assert any("unit" in message for _, _, message in expected)
    assert any("language" in message for _, _, message in expected)
    built = build([abstract], Settings(formats=(FORMATS["txt"],), out_dir=tmp_path / "out", jobs=1))[0]
    assert {(f.line, f.col, f.message) for f in built.findings} == expected
    exported = run("export", "--to", "dates", abstract, "--out", tmp_path / "export")
    assert exported.exit_code == 1
    assert {line for line in exported.stderr.splitlines() if re.match(rf"{re.escape(str(abstract))}:\d", line)} == \
        {str(f) for f in validate_file(abstract)}
