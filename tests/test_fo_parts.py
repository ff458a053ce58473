"""The print edition made of per-document parts: a volume is its documents' parts in a frame.

A part (`pipeline.formats.pdf.part`) depends on its document alone: its ids come from the document's key,
not from its place in the book, so the text of a document is the same FO alone and in a volume.
A build keeps the parts (`Format.fragment`) and, after one change, makes the volume from the kept
parts and the changed document's new one: byte for byte the volume made from the documents.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from lxml import etree

from conftest import TEI
from pipeline import processes, saxon
from pipeline.building.builder import CACHE, Settings, build
from pipeline.document import Document
from pipeline.formats import pdf
from pipeline.formats import FORMATS
from pipeline.saxon import TransformError
from pipeline.sources import collect

LETTER = TEI / "frus1958-60v18-d11.xml"
ABSTRACT = TEI / "ikeda-2002-hatoyama.xml"
NS = {"fo": "http://www.w3.org/1999/XSL/Format"}


def flows(fo: str, volume: bool) -> dict[str, bytes]:
    """The text of each document of a book, by the id of the block holding it (in a volume,
    after the document's title)."""
    root = etree.fromstring(fo.encode("utf-8"))
    blocks = root.xpath("//fo:page-sequence/fo:flow/fo:block[@id != 'f-index' and @id != 'f-contents']",
                        namespaces=NS)
    return {b.get("id"): b"".join(etree.tostring(c) for c in list(b)[1 if volume else 0:]) for b in blocks}


def test_a_documents_text_is_the_same_alone_and_in_a_volume():
    letter, abstract = Document.load(LETTER), Document.load(ABSTRACT)
    volume = pdf.make_fo([abstract, letter], {})
    alone = {**flows(pdf.make_fo([letter], {}), False), **flows(pdf.make_fo([abstract], {}), False)}
    assert set(alone) == {"frus1958-60v18-d11-", "ikeda-2002-hatoyama-"}
    assert all(alone.values()) and flows(volume, True) == alone
    # The part does not depend on which documents Saxon loaded before it.
    assert pdf.part(Document.load(LETTER), {}) == pdf.part(letter, {})


def test_a_single_documents_fo_is_its_part_in_the_frame():
    letter = Document.load(LETTER)
    part = pdf.part(letter, {})
    summary, flow = pdf._split(part)
    assert "<flow" not in summary and flow.startswith("<fo:block") and "<fo:page-sequence" not in flow
    fo = pdf.make_fo([letter], {})
    assert fo == pdf.assemble_fo([part], {})
    assert fo.count(flow) == 1 and "<?teipipe-flow" not in fo


def test_documents_of_one_book_need_different_keys(tmp_path):
    (tmp_path / "a").mkdir()
    twin = tmp_path / "a" / LETTER.name
    twin.write_bytes(LETTER.read_bytes())
    with pytest.raises(TransformError, match="different file names: frus1958-60v18-d11"):
        pdf.make_fo([Document.load(LETTER), Document.load(twin)], {})


def test_key_is_the_file_name_as_an_id_may_spell_it(tmp_path):
    for name, key in (("1958 letter.xml", "d1958_letter"), ("frus-d11.xml", "frus-d11")):
        path = tmp_path / name
        path.write_bytes(LETTER.read_bytes())
        assert pdf.document_key(Document.load(path)) == key
        assert re.search(rf'<fo:block id="{key}-\d+"', pdf.make_fo([Document.load(path)], {}))


def run(folder: Path, out: Path) -> None:
    settings = Settings(formats=(FORMATS["fo"],), out_dir=out, force=True, jobs=1)
    build(collect([folder]), settings)


def test_volume_from_kept_parts_is_the_volume_of_the_documents_and_one_change_makes_one_part(
        tei_copy, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(tei_copy, out)
    parts_before = {p.name: p.read_bytes() for p in (out / CACHE / "fo").iterdir()}
    documents = [Document.load(p) for p in sorted(tei_copy.glob("*.xml"))]
    documents = [d for d in documents if not d.is_authority]
    assert len(parts_before) == len(documents) >= 2
    assert (out / "fo" / "volume.fo").read_bytes() == pdf.make_fo(documents, {}).encode("utf-8")

    changed = tei_copy / ABSTRACT.name
    changed.write_text(changed.read_text(encoding="utf-8").replace("Hatoyama", "Hatoyama Ichirō", 1),
                       encoding="utf-8")
    made = []
    apply = saxon.apply
    monkeypatch.setattr(saxon, "apply", lambda sheet, node, *a, **k:
                        (made.append(node.base_uri) if Path(sheet) == pdf.PART else None)
                        or apply(sheet, node, *a, **k))
    run(tei_copy, out)
    monkeypatch.undo()
    # Only the changed document was made into a part again (once, for its FO and its fragment).
    assert len(made) == 1 and made[0].endswith("/" + ABSTRACT.name)
    parts_after = {p.name: p.read_bytes() for p in (out / CACHE / "fo").iterdir()}
    assert len(set(parts_after.items()) - set(parts_before.items())) == 1
    assert len(set(parts_after) & set(parts_before)) == len(documents) - 1
    documents = [Document.load(d.path) for d in documents]
    volume = (out / "fo" / "volume.fo").read_bytes()
    assert volume == pdf.make_fo(documents, {}).encode("utf-8")
    assert "Hatoyama Ichirō".encode() in volume


def test_a_frame_is_made_again_only_when_the_summaries_or_the_stylesheets_changed(monkeypatch):
    letter, abstract = Document.load(LETTER), Document.load(ABSTRACT)
    parts = [pdf.part(letter, {}), pdf.part(abstract, {})]
    framed = []
    apply = saxon.apply
    monkeypatch.setattr(saxon, "apply", lambda sheet, *a, **k: (framed.append(sheet) if sheet == pdf.FRAME
                                                                   else None) or apply(sheet, *a, **k))
    processes.forget()
    volume = pdf.assemble_fo(parts, {})
    assert pdf.assemble_fo(parts, {}) == volume and len(framed) == 1
    # A correction in a text changes the flow, not the summary: the frame made before serves.
    summary, flow = pdf._split(parts[0])
    corrected = parts[0].replace(flow, flow.replace("Dulles", "Dullez", 1))
    assert corrected != parts[0]
    assert pdf.assemble_fo([corrected, parts[1]], {}) == volume.replace(flow, flow.replace("Dulles", "Dullez", 1))
    assert len(framed) == 1
    assert pdf.assemble_fo(parts, {"paper": "Letter"}) != volume and len(framed) == 2
    # A stylesheet that changed is compiled again, and its frames are made again.
    processes.forget()
    assert pdf.assemble_fo(parts, {}) == volume and len(framed) == 3
