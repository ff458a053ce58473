"""Collection pages after one change: made from kept fragments, byte for byte those of a full build."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from pipeline import parsing, saxon
from pipeline.building.builder import CACHE, Settings, build
from pipeline.document import Document
from pipeline.formats import FORMATS
from pipeline.formats.html import SUMMARY, collect as html_collect
from pipeline.sources import collect

PLAIN = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Plain</title>
</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>A document that points into no authority file.</p></body></text></TEI>"""
FORMS = ("html", "fo")


@pytest.fixture
def corpus(tei_copy) -> Path:
    (tei_copy / "plain.xml").write_text(PLAIN, encoding="utf-8")
    return tei_copy


def run(folder: Path, out: Path, formats=FORMS) -> list:
    # One job: the build runs in this process, where the test can watch what it parses.
    settings = Settings(formats=tuple(FORMATS[f] for f in formats), out_dir=out, force=True, jobs=1)
    return build(collect([folder]), settings)


def pages(out: Path) -> dict[str, bytes]:
    """The collection pages of a build: everything in out/html and out/fo not made from one source."""
    names = {"index.html", "persons.html", "places.html", "orgs.html", "edition.css", "volume.fo"}
    found = {f"{p.parent.name}/{p.name}": p.read_bytes() for p in out.rglob("*") if p.name in names}
    assert len(found) == len(names), sorted(found)
    return found


def assert_same(incremental: dict[str, bytes], full: dict[str, bytes]) -> None:
    """The pages of `full` (all of them, or those it has) are those of `incremental`."""
    differ = sorted(name for name in full if incremental.get(name) != full[name])
    assert not differ, f"collection pages differ from a full build's: {differ}"


def collected(corpus: Path) -> dict[str, bytes]:
    """The web edition's pages made straight from every document, without fragments."""
    documents = [Document.load(p) for p in sorted(p.resolve() for p in corpus.glob("*.xml"))]
    files = html_collect([d for d in documents if not d.is_authority], {})
    return {f"html/{name}": data for name, data in files.items()}


def change(corpus: Path) -> Path:
    changed = corpus / "plain.xml"
    text = PLAIN.replace("<title>Plain", "<title>Plain, corrected").replace("A document", "A corrected document")
    changed.write_text(text, encoding="utf-8")
    return changed


def test_one_change_gives_the_pages_of_a_full_build_and_summarizes_only_that_document(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    run(corpus, out)
    before = pages(out)
    changed = change(corpus)

    parsed, summarized = [], []
    read, apply = parsing.read, saxon.apply
    monkeypatch.setattr(parsing, "read", lambda path, *a, **k: parsed.append(Path(path).name) or read(path, *a, **k))
    monkeypatch.setattr(saxon, "apply", lambda sheet, node, *a, **k:
                        (summarized.append(node.base_uri) if Path(sheet) == SUMMARY else None)
                        or apply(sheet, node, *a, **k))
    run(corpus, out, formats=("html",))
    monkeypatch.undo()
    # The web edition's pages were made from kept summaries and the changed document's new one.
    assert parsed == [changed.name]
    assert len(summarized) == 1 and summarized[0].endswith("/plain.xml")
    run(corpus, out)  # the print edition's volume is made from every document

    after = pages(out)
    assert b"Plain, corrected" in after["html/index.html"] and after["html/index.html"] != before["html/index.html"]
    assert b"A corrected document" in after["fo/volume.fo"]
    run(corpus, tmp_path / "full")
    assert_same(after, pages(tmp_path / "full"))
    assert_same(after, collected(corpus))


def test_a_change_that_leaves_a_fragment_as_it_was_does_not_remake_pages_made_of_fragments(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    made = {name: (out / name).stat().st_mtime_ns for name in pages(out)}
    edit = corpus / "plain.xml"
    edit.write_text(PLAIN.replace("A document", "A reworded document"), encoding="utf-8")
    results = run(corpus, out)
    assert [r.source.name for r in results if not r.up_to_date and r.source.name.endswith(".xml")] == ["plain.xml"]
    # The web edition's indexes show nothing of the changed sentence: they stay as they were.
    # The print edition's volume holds the text: it is made again.
    remade = {name for name, mtime in made.items() if (out / name).stat().st_mtime_ns != mtime}
    assert remade == {"fo/volume.fo"}
    assert b"A reworded document" in (out / "fo" / "volume.fo").read_bytes()
    run(corpus, tmp_path / "full")
    assert_same(pages(out), pages(tmp_path / "full"))


def test_pages_are_the_same_when_the_kept_fragments_are_gone(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    shutil.rmtree(out / CACHE)
    change(corpus)
    run(corpus, out)
    assert len(list((out / CACHE / "html").iterdir())) == 1  # the changed document's, kept again
    run(corpus, tmp_path / "full")
    assert_same(pages(out), pages(tmp_path / "full"))


def test_fragments_of_replaced_versions_are_removed(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out, formats=("html",))
    kept = set((out / CACHE / "html").iterdir())
    documents = [p for p in corpus.glob("*.xml") if not parsing.is_authority(parsing.parse(p))]
    assert len(kept) == len(documents)
    change(corpus)
    run(corpus, out, formats=("html",))
    now = set((out / CACHE / "html").iterdir())
    assert len(now) == len(documents) and len(now - kept) == 1
