"""xi:include: a document is expanded with the files it includes from its own folder tree, and
with nothing else; findings stand in the file they are about; a change to an included file
rebuilds the document that includes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import parsing
from pipeline.building.builder import Settings, build
from pipeline.cli import main
from pipeline.formats import FORMATS
from pipeline.parsing import MAX_DEPTH
from test_trust_parsers import Listener
from test_validate_hostile import anything  # noqa: F401 (a fixture)

TEI_NS = "http://www.tei-c.org/ns/1.0"
XI = 'xmlns:xi="http://www.w3.org/2001/XInclude"'


def member(title: str, words: str) -> str:
    return (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>'
            f'<publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>'
            f'</teiHeader>\n<text><body><p>{words}</p></body></text></TEI>\n')


def corpus(folder: Path, *hrefs: str, name: str = "corpus.xml") -> Path:
    includes = "".join(f'\n  <xi:include href="{href}"/>' for href in hrefs)
    path = folder / name
    path.write_text(f'<teiCorpus xmlns="{TEI_NS}" {XI}><teiHeader><fileDesc><titleStmt><title>Corpus</title>'
                    f'</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p>'
                    f'</sourceDesc></fileDesc></teiHeader>{includes}\n</teiCorpus>\n', encoding="utf-8")
    return path


def build_cli(*args):
    return CliRunner().invoke(main, ["build", "--no-schematron", *map(str, args)])


def findings(path: Path, schema: Path) -> list[str]:
    result = CliRunner().invoke(main, ["validate", "--no-schematron", "--schema", str(schema), str(path)])
    return result.stdout.splitlines()


def test_a_corpus_builds_with_the_texts_of_the_members_it_includes(tmp_path, anything):
    folder = tmp_path / "src"
    (folder / "sittings").mkdir(parents=True)
    (folder / "sittings" / "one.xml").write_text(member("One", "Firstmember speaks."), encoding="utf-8")
    (folder / "sittings" / "two.xml").write_text(member("Two", "Secondmember answers."), encoding="utf-8")
    path = corpus(folder, "sittings/one.xml", "sittings/two.xml")
    out = tmp_path / "out"
    result = build_cli("--to", "txt,html", "--schema", anything, "--out", out, path)
    assert result.exit_code == 0, result.output
    for output in (out / "txt" / "corpus.txt", out / "html" / "corpus.html"):
        text = output.read_text(encoding="utf-8")
        assert "Firstmember speaks." in text and "Secondmember answers." in text, output


def test_text_is_included_where_parse_is_text(tmp_path):
    (tmp_path / "words.txt").write_text("Plain words & more", encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}" {XI}><p><xi:include href="words.txt" parse="text"/></p></TEI>',
                    encoding="utf-8")
    parsed = parsing.read(path)
    assert parsed.tree.getroot()[0].text == "Plain words & more"
    assert parsed.included == ((tmp_path / "words.txt").resolve(),)


@pytest.mark.parametrize("href", ["../outside.xml", "{outside}", "file://{outside}", "http://127.0.0.1:{port}/x.xml",
                                  "sub/../../outside.xml"])
def test_an_include_outside_the_folder_tree_is_refused_and_nothing_is_read(tmp_path, anything, href):
    outside = tmp_path / "outside.xml"
    # Not well-formed: had it been read, a finding would name it.
    outside.write_text(f'<p xmlns="{TEI_NS}">SECRET-WORDS<', encoding="utf-8")
    folder = tmp_path / "src"
    folder.mkdir()
    listener = Listener()
    try:
        href = href.format(outside=outside, port=listener.port)
        path = corpus(folder, "inside.xml", href)
        (folder / "inside.xml").write_text(member("Inside", "Inside words."), encoding="utf-8")
        found = findings(path, anything)
        built = build_cli("--to", "txt", "--schema", anything, "--force", "--out", tmp_path / "out", path)
    finally:
        listener.close()
    assert listener.connections == []
    assert any(line.startswith(f"{path}:3:3: error: xi:include of {href} refused: ") for line in found), found
    assert not any("outside.xml:" in line for line in found), found
    assert built.exit_code == 0, built.output
    text = (tmp_path / "out" / "txt" / "corpus.txt").read_text(encoding="utf-8")
    assert "SECRET-WORDS" not in text and "Inside words." not in text  # whole, or not expanded


def test_a_cycle_is_refused_where_it_closes(tmp_path, anything):
    path = corpus(tmp_path, "a.xml")
    (tmp_path / "a.xml").write_text(f'<TEI xmlns="{TEI_NS}" {XI}>\n<xi:include href="b.xml"/></TEI>', encoding="utf-8")
    (tmp_path / "b.xml").write_text(f'<div xmlns="{TEI_NS}" {XI}>\n\n  <xi:include href="a.xml"/></div>', encoding="utf-8")
    found = findings(path, anything)
    assert f"{tmp_path / 'b.xml'}:3:3: error: xi:include of a.xml refused: it makes a cycle " \
           f"({path} -> {tmp_path / 'a.xml'} -> {tmp_path / 'b.xml'} -> {tmp_path / 'a.xml'}) [xinclude]" in found, found


def test_inclusions_nested_too_deep_are_refused(tmp_path, anything):
    for depth in range(1, MAX_DEPTH + 2):
        text = f'<div xmlns="{TEI_NS}" {XI}><xi:include href="d{depth + 1}.xml"/></div>'
        (tmp_path / f"d{depth}.xml").write_text(text, encoding="utf-8")
    (tmp_path / f"d{MAX_DEPTH + 2}.xml").write_text(f'<p xmlns="{TEI_NS}">Deep.</p>', encoding="utf-8")
    found = findings(corpus(tmp_path, "d1.xml"), anything)
    assert [line for line in found if "error" in line] == [
        f"{tmp_path / f'd{MAX_DEPTH}.xml'}:1:{text.index('<xi:') + 1}: error: xi:include of d{MAX_DEPTH + 1}.xml refused: "
        f"inclusions nest more than {MAX_DEPTH} deep [xinclude]"], found


@pytest.mark.parametrize("attributes, why", [('href="a.xml" xpointer="x"', "xpointer is not supported"),
                                             ('href="a.xml" parse="html"', 'parse="html"'),
                                             ('href="missing.xml"', "there is no file")])
def test_includes_that_cannot_be_followed_say_why(tmp_path, anything, attributes, why):
    (tmp_path / "a.xml").write_text(f'<p xmlns="{TEI_NS}" xml:id="x">A.</p>', encoding="utf-8")
    path = tmp_path / "doc.xml"
    path.write_text(f'<TEI xmlns="{TEI_NS}" {XI}>\n <xi:include {attributes}/></TEI>', encoding="utf-8")
    assert any(line.startswith(f"{path}:2:2: error: xi:include of ") and why in line
               for line in findings(path, anything))


def test_findings_about_included_content_stand_in_the_included_file(tmp_path):
    path = tmp_path / "doc.xml"
    path.write_text(member("Doc", "Own words.").replace("<p>Own words.</p>", f'<xi:include {XI} href="part.xml"/>'),
                    encoding="utf-8")
    (tmp_path / "part.xml").write_text(f'<div xmlns="{TEI_NS}">\n<p>See <ref target="#nowhere">this</ref>.</p>\n\n'
                                      f'  <bogus/>\n</div>\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    errors = [line for line in result.stdout.splitlines() if ": error: " in line]
    part = tmp_path / "part.xml"
    assert len(errors) == 2, result.output
    assert errors[0].startswith(f"{part}:2:13: error: ") and "nowhere" in errors[0], result.output  # Schematron
    assert errors[1].startswith(f"{part}:4:3: error: Did not expect element bogus"), result.output  # RelaxNG


def test_a_file_included_from_a_sub_folder_is_valid(tmp_path):
    # XInclude marks the root of a file from another folder with xml:base, which every TEI
    # element may carry (att.global).
    path = tmp_path / "doc.xml"
    path.write_text(member("Doc", "Own words.").replace("<p>Own words.</p>", f'<xi:include {XI} href="parts/one.xml"/>'),
                    encoding="utf-8")
    (tmp_path / "parts").mkdir()
    (tmp_path / "parts" / "one.xml").write_text(f'<div xmlns="{TEI_NS}" xml:space="preserve"><p>Part one.</p></div>',
                                               encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0, result.output


def test_a_pointer_to_an_included_file_is_no_id_clash(tmp_path):
    # The included file's ids are the document's own: a pointer that names that file (as XML
    # Base lets one) does not make them a second definition in another file.
    path = tmp_path / "doc.xml"
    path.write_text(member("Doc", "Own words.").replace(
        "<p>Own words.</p>", f'<p><ref target="sub/part.xml#a">there</ref></p><xi:include {XI} href="sub/part.xml"/>'),
        encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "part.xml").write_text(f'<div xmlns="{TEI_NS}" xml:id="a"><p>Included.</p></div>',
                                              encoding="utf-8")
    result = CliRunner().invoke(main, ["validate", str(path)])
    assert result.exit_code == 0 and "clash" not in result.output and "also defined" not in result.output, result.output


def test_a_not_well_formed_included_file_is_reported_in_that_file(tmp_path, anything):
    (tmp_path / "part.xml").write_text(f'<div xmlns="{TEI_NS}">\n<p>Broken</div>', encoding="utf-8")
    found = findings(corpus(tmp_path, "part.xml"), anything)
    assert any(line.startswith(f"{tmp_path / 'part.xml'}:2:") and ": error: " in line for line in found), found


def test_changing_an_included_file_rebuilds_the_document_that_includes_it(tmp_path, anything):
    folder = tmp_path / "src"
    folder.mkdir()
    path = corpus(folder, "one.xml")
    (folder / "one.xml").write_text(member("One", "Old words."), encoding="utf-8")
    out = tmp_path / "out"
    settings = Settings(formats=(FORMATS["txt"],), out_dir=out, schema=anything, schematron=None, jobs=1)
    assert not build([path], settings)[0].up_to_date
    assert build([path], settings)[0].up_to_date
    (folder / "one.xml").write_text(member("One", "New words."), encoding="utf-8")
    again = build([path], settings)[0]
    assert not again.up_to_date and not again.failure
    assert "New words." in (out / "txt" / "corpus.txt").read_text(encoding="utf-8")


# Pointers in an included file are read from where they are written (XML Base): from the folder
# of that file, into the folders they may lead into, which the included file does not widen.

PERSONS = (f'<TEI xmlns="{TEI_NS}"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>'
           f'<publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>'
           f'</teiHeader><standOff><listPerson><person xml:id="p1"><persName>{{name}}</persName></person>'
           f'</listPerson></standOff></TEI>\n')
PART = f'<div xmlns="{TEI_NS}">\n<p>Met <persName ref="{{pointer}}">Ada</persName>.</p>\n</div>\n'


def including(folder: Path, pointer: str, persons: str = "Ada Lovelace") -> Path:
    """`folder/doc.xml` including `sub/part.xml`, whose persName points by `pointer`, and
    `folder/persons.xml`."""
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "part.xml").write_text(PART.format(pointer=pointer), encoding="utf-8")
    (folder / "persons.xml").write_text(PERSONS.format(name=persons), encoding="utf-8")
    path = folder / "doc.xml"
    path.write_text(member("Doc", "x").replace("<p>x</p>", f'<xi:include {XI} href="sub/part.xml"/>'),
                    encoding="utf-8")
    return path


def errors(path: Path, *options) -> list[str]:
    result = CliRunner().invoke(main, ["validate", *map(str, options), str(path)])
    return [line for line in result.stdout.splitlines() if ": error: " in line]


def test_a_pointer_in_an_included_file_is_resolved_from_that_file(tmp_path):
    assert errors(including(tmp_path / "right", "../persons.xml#p1")) == []
    wrong = including(tmp_path / "wrong", "persons.xml#p1")  # there is no sub/persons.xml
    column = PART.split("\n")[1].index("ref=") + 1
    assert [line.split(" [")[-1] for line in errors(wrong)] == ["pointer-resolves]"]
    assert errors(wrong)[0].startswith(f"{wrong.parent / 'sub' / 'part.xml'}:2:{column}: error: @ref points to "
                                       f"nothing: persons.xml#p1 (persons.xml does not exist)")


def test_a_pointer_in_an_included_file_leads_no_further_than_one_in_the_document(tmp_path):
    # From sub/ of books/edition, this leads to books/books/edition/persons.xml, outside the
    # edition; read from the including file's folder it would name the edition's own persons.xml.
    path = including(tmp_path / "books" / "edition", "../../books/edition/persons.xml#p1", "Edition Person")
    secret = tmp_path / "books" / "books" / "edition" / "persons.xml"
    secret.parent.mkdir(parents=True)
    secret.write_text(PERSONS.format(name="Secret Person"), encoding="utf-8")
    found = errors(path)
    assert [line.split(" [")[-1] for line in found] == ["pointer-inside-edition]"], found
    assert "Secret" not in found[0]
    out = tmp_path / "out"
    built = CliRunner().invoke(main, ["build", "--to", "html", "--force", "--out", str(out), str(path)])
    assert built.exit_code == 0, built.output
    for page in (out / "html").glob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert "Secret Person" not in text and "Edition Person" not in text, page.name
    assert "Ada" in (out / "html" / "doc.html").read_text(encoding="utf-8")


def test_the_outputs_of_a_document_take_the_entries_its_included_files_point_to(tmp_path, anything):
    folder = tmp_path / "src"
    path = including(folder, "../persons.xml#p1")
    out = tmp_path / "out"
    settings = Settings(formats=(FORMATS["html"],), out_dir=out, schema=anything, schematron=None, jobs=1)
    assert not build([path], settings)[0].failure
    html = (out / "html" / "doc.html").read_text(encoding="utf-8")
    assert 'href="persons.html#p1" title="Ada Lovelace">Ada<' in html, html
    assert build([path], settings)[0].up_to_date
    (folder / "persons.xml").write_text(PERSONS.format(name="Ada King"), encoding="utf-8")
    again = build([path], settings)[0]
    assert not again.up_to_date and not again.failure
    assert 'title="Ada King">Ada<' in (out / "html" / "doc.html").read_text(encoding="utf-8")
    exported = CliRunner().invoke(main, ["export", str(path), "--to", "entities", "--out", str(tmp_path / "export")])
    assert exported.exit_code == 0, exported.output
    assert "Ada King" in (tmp_path / "export" / "persons.csv").read_text(encoding="utf-8")
