"""Split FRUS volumes into one TEI file per document, for benchmarks and build tests.

In: volumes such as `../shared/corpus/*.xml`. Out, in a folder: `<volume>-<id>.xml` for each
`div[@type='document']`, a small TEI file with the volume's title and publication statement in
its header (a document of a volume is cited as a part of it), the volume as its source, and as
its body the page breaks and anchors that stand between the previous document and this one (the
page the document begins on) and the document, its pointers into other documents leading into
their files; and, for a volume with a "List of Persons"
(`div[@xml:id='persons']`), an authority file `<volume>-persons.xml` (standOff/listPerson) into
which the documents' `persName/@corresp="#id"` pointers are redirected, so that each document
points into an authority file as our own encodings do.

    python bench/split.py FOLDER VOLUME...
"""

from __future__ import annotations

import copy
import sys
from pathlib import Path

from lxml import etree

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
NS = {"t": TEI_NS}


def _tei(tag: str, *children, text: str | None = None, attrib: dict | None = None) -> etree._Element:
    element = etree.Element(f"{{{TEI_NS}}}{tag}", attrib or {}, nsmap={None: TEI_NS})
    element.text = text
    element.extend(children)
    return element


def _header(title: str, volume_title: str, volume: str) -> etree._Element:
    return _tei("teiHeader", _tei("fileDesc",
        _tei("titleStmt", _tei("title", text=title)),
        _tei("publicationStmt", _tei("p", text="Split from its volume for the teipipe benchmark.")),
        _tei("sourceDesc", _tei("bibl", _tei("title", text=volume_title), _tei("idno", text=volume)))))


def _document_header(tree, volume_title: str, volume: str) -> etree._Element:
    """The volume's titleStmt and publicationStmt, the volume as the source."""
    header = _header(volume_title, volume_title, volume)
    file_desc = header[0]
    for name, index in (("titleStmt", 0), ("publicationStmt", 1)):
        own = tree.find(f".//t:teiHeader/t:fileDesc/t:{name}", NS)
        if own is not None:
            file_desc[index] = copy.deepcopy(own)
    return header


def _leading_marks(tree) -> dict:
    """The page breaks, anchors and milestones outside documents, by the document they precede
    with no other page of the volume (a division of its front or back matter) between."""
    pages = set(tree.xpath("//t:div[@type='document'] | (//t:front | //t:back)/t:div[not(.//t:div[@type='document'])]",
                           namespaces=NS))
    marks, leading = [], {}
    for element in tree.iter(f"{{{TEI_NS}}}*"):
        if any(ancestor in pages for ancestor in element.iterancestors()):
            continue
        if element in pages:
            leading[element], marks = marks, []
        elif etree.QName(element).localname in ("pb", "anchor", "milestone", "cb") and element.xpath("ancestor::t:text", namespaces=NS):
            marks.append(element)
    return leading


def _copy_mark(mark: etree._Element) -> etree._Element:
    mark = copy.deepcopy(mark)
    mark.tail = None
    return mark


def _text(element) -> str:
    return " ".join("".join(element.itertext()).split()) if element is not None else ""


def _write(root: etree._Element, path: Path) -> Path:
    path.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8"))
    return path


def _persons(tree, volume: str, volume_title: str, folder: Path) -> tuple[Path | None, set[str]]:
    entries = tree.xpath("//t:div[@xml:id='persons']//t:item[t:persName/@xml:id]", namespaces=NS)
    if not entries:
        return None, set()
    people = []
    for item in entries:
        name = item.find(f"{{{TEI_NS}}}persName")
        note = " ".join((name.tail or "").split()).lstrip(", ")
        person = _tei("person", _tei("persName", text=_text(name)), attrib={XML_ID: name.get(XML_ID)})
        if note:
            person.append(_tei("note", text=note))
        people.append(person)
    root = _tei("TEI", _header(f"Persons of {volume_title}", volume_title, volume),
                _tei("standOff", _tei("listPerson", *people)))
    path = _write(root, folder / f"{volume}-persons.xml")
    return path, {p.get(XML_ID) for p in people}


def split_volume(volume: Path, folder: Path) -> list[Path]:
    """Write the documents of `volume` (and its persons, if listed) into `folder`; return the files."""
    tree = etree.parse(str(volume))
    name = Path(volume).stem
    title = _text(tree.find(".//t:titleStmt/t:title", NS)) or name
    persons, ids = _persons(tree, name, title, folder)
    files = [persons] if persons else []
    leading = _leading_marks(tree)
    documents = tree.xpath("//t:div[@type='document']", namespaces=NS)
    files_of = {element.get(XML_ID): f"{name}-{div.get(XML_ID) or f'd{number}'}.xml"
                for number, div in enumerate(documents, 1) for element in div.iter() if element.get(XML_ID)}
    for number, div in enumerate(documents, 1):
        for pointer in div.xpath(".//@corresp[starts-with(., '#')]"):
            if pointer[1:] in ids:
                pointer.getparent().set("corresp", f"{persons.name}{pointer}")
        own = files_of.get(div.get(XML_ID))
        # A pointer into another document of the volume leads into that document's file.
        for pointer in div.xpath(".//@target[starts-with(., '#')][not(contains(., ' '))]"):
            if files_of.get(pointer[1:], own) != own:
                pointer.getparent().set("target", files_of[pointer[1:]] + pointer)
        marks = [_copy_mark(mark) for mark in leading.get(div, [])]
        root = _tei("TEI", _document_header(tree, title, name), _tei("text", _tei("body", *marks, div)))
        files.append(_write(root, folder / f"{name}-{div.get(XML_ID) or f'd{number}'}.xml"))
    return files


def split_volumes(volumes, folder: Path) -> list[Path]:
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    return [path for volume in volumes for path in split_volume(Path(volume), folder)]


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__.rsplit("\n\n", 1)[-1].strip())
    written = split_volumes(sys.argv[2:], Path(sys.argv[1]))
    print(f"{len(written)} files in {sys.argv[1]}")
