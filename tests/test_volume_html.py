"""The web edition of a volume: a page per document and per division of the front and back
matter, a contents page, navigation, citations, and links that resolve across pages and volumes.

A small volume made here (two chapters, three documents, a persons list and a glossary in the
front matter, a pointer into another volume, notes numbered by printed page) is built and read
back; then the corpus volumes, when ../shared is there. A change to one document rebuilds the
whole volume's pages (its source is one file, with one key): what is checked here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys

import lxml.html
import pytest

from conftest import CORPUS, PROJECT, need, volumes
from pipeline.building import Settings, build
from pipeline.formats import FORMATS
from pipeline.sources import collect

sys.path.insert(0, str(PROJECT / "bench"))
from links import broken_links, repeated_note_labels  # noqa: E402

VOLUME = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc>
    <titleStmt><title type="complete">Test Papers, Volume I</title><title type="volumenumber">Volume I</title></titleStmt>
    <publicationStmt><publisher>Test Press</publisher><date when="1932">1932</date></publicationStmt>
    <sourceDesc><p>Made by the test.</p></sourceDesc>
  </fileDesc></teiHeader>
  <text>
    <front>
      <div xml:id="persons"><head>Persons</head>
        <list><item><persName xml:id="p_A">Alpha, Anne</persName>, Ambassador.</item></list></div>
      <div xml:id="terms"><head>Abbreviations and Terms</head>
        <list type="gloss"><label><term xml:id="t_X">XYZ</term></label><item>Some committee.</item></list></div>
    </front>
    <body>
      <div type="compilation" xml:id="comp1"><head>The Compilation</head>
        <div type="chapter" xml:id="ch1"><head>Chapter One</head>
          <div type="document" xml:id="d1" n="1"><head>First Letter</head>
            <opener><dateline>Moscow, <date when="1918-01-02">January 2, 1918</date></dateline></opener>
            <p><persName corresp="#p_A">Alpha</persName> wrote to the <term ref="#t_X">XYZ</term>.<note n="1">A note.</note>
              See <ref target="#d3">document 3</ref> and <ref target="frus1918Russiav01#pg_135">volume I</ref>.</p></div>
          <div type="document" xml:id="d2" n="2"><head>Second Letter</head>
            <p>Text.<note n="1">On page 4.</note> More.<note n="1">On page 5.</note></p></div>
        </div>
        <div type="chapter" xml:id="ch2"><head>Chapter Two</head>
          <pb n="5" xml:id="pg_5"/>
          <div type="document" xml:id="d3" n="3"><head>Third Letter</head>
            <p>As on <ref target="#pg_5">page 5</ref>, <ref target="#missing">nowhere</ref>.</p></div>
        </div>
      </div>
    </body>
  </text>
</TEI>
"""


def build_volume(source, out, **params):
    settings = Settings(formats=(FORMATS["html"],), out_dir=out, force=True, jobs=1, params={"html": params})
    results = build([source], settings)
    assert not [r.failure for r in results if r.failure]
    return results


@pytest.fixture
def volume(tmp_path):
    source = tmp_path / "src" / "testvol.xml"
    source.parent.mkdir()
    source.write_text(VOLUME, encoding="utf-8")
    return source


@pytest.fixture
def built(volume, tmp_path):
    out = tmp_path / "out"
    build_volume(volume, out, **{"base-url": "https://example.org/edition/"})
    return out / "html"


def page(folder, name):
    return lxml.html.fromstring((folder / name).read_bytes())


def test_a_page_per_document_and_front_matter_division_and_a_contents_page(built):
    assert sorted(p.name for p in (built / "testvol").iterdir()) == [
        "d1.html", "d2.html", "d3.html", "index.html", "persons.html", "terms.html"]
    assert not (built / "testvol.html").exists()
    contents = page(built / "testvol", "index.html")
    parts = [h.text_content() for h in contents.cssselect("section.part > h2, section.part > h3")]
    assert parts == ["The Compilation", "Chapter One", "Chapter Two"]
    chapter_one = contents.get_element_by_id("ch1")
    entries = chapter_one.cssselect("ol.documents > li")
    assert [li.cssselect("a")[0].get("href") for li in entries] == ["d1.html", "d2.html"]
    assert entries[0].text_content().split() == ["1.", "First", "Letter", "2", "January", "1918"]
    assert entries[0].cssselect("time")[0].get("datetime") == "1918-01-02"
    assert [a.get("href") for a in contents.cssselect("section.matter a")] == ["persons.html", "terms.html"]
    # The edition's list of documents shows the volume, linked to its contents page.
    assert [a.get("href") for a in page(built, "index.html").cssselect("main h2 a")] == ["testvol/index.html"]


def test_previous_next_and_breadcrumb_on_every_page(built):
    second = page(built / "testvol", "d2.html")
    assert [a.get("href") for a in second.cssselect("nav.pager a[rel=prev]")] == ["d1.html"]
    assert [a.get("href") for a in second.cssselect("nav.pager a[rel=next]")] == ["d3.html"]
    crumbs = second.cssselect("nav.breadcrumb li")
    assert [li.text_content() for li in crumbs] == ["Test Papers, Volume I", "The Compilation", "Chapter One", "Document 2"]
    assert [a.get("href") for a in second.cssselect("nav.breadcrumb a")] == [
        "index.html", "index.html#comp1", "index.html#ch1"]
    assert second.cssselect("link[rel=stylesheet]")[0].get("href") == "../edition.css"
    assert page(built / "testvol", "persons.html").cssselect("nav.pager a[rel=next]")[0].get("href") == "terms.html"


def test_names_terms_and_pointers_resolve_across_pages_and_volumes(built):
    first = page(built / "testvol", "d1.html")
    hrefs = [a.get("href") for a in first.cssselect("main a")]
    assert "persons.html#p_A" in hrefs and "terms.html#t_X" in hrefs
    assert "d3.html#d3" in hrefs
    assert "https://history.state.gov/historicaldocuments/frus1918Russiav01/pg_135" in hrefs
    third = page(built / "testvol", "d3.html")
    assert "d3.html#pg_5" not in [a.get("href") for a in third.cssselect("a")]  # on its own page
    assert third.get_element_by_id("pg_5") is not None
    assert not [a for a in third.cssselect("a") if "missing" in a.get("href", "")]
    assert broken_links(built) == []


def test_cross_volume_pointers_follow_series_url(volume, tmp_path):
    out = build_volume(volume, tmp_path / "out", **{"series-url": "https://example.org/frus/"}) and tmp_path / "out"
    hrefs = [a.get("href") for a in page(out / "html" / "testvol", "d1.html").cssselect("a")]
    assert "https://example.org/frus/frus1918Russiav01/pg_135" in hrefs


def test_citation_meta_canonical_url_and_cite_block(built):
    first = page(built / "testvol", "d1.html")
    meta = {m.get("name"): m.get("content") for m in first.cssselect("meta[name^=citation_]")}
    assert meta["citation_title"] == "First Letter"
    assert meta["citation_inbook_title"] == "Test Papers, Volume I"
    assert meta["citation_volume"] == "Volume I"
    assert meta["citation_publication_date"] == "1932"
    assert meta["citation_public_url"] == "https://example.org/edition/testvol/d1.html"
    assert first.cssselect("link[rel=canonical]")[0].get("href") == "https://example.org/edition/testvol/d1.html"
    cite = first.cssselect("section.cite p")[0].text_content()
    assert "“First Letter,” document 1, in Test Papers, Volume I" in cite and "testvol/d1.html" in cite


def test_notes_numbered_again_per_page_keep_the_original_number(built):
    second = page(built / "testvol", "d2.html")
    assert [a.text_content() for a in second.cssselect("ol.notes a.note-label")] == ["1", "2"]
    assert "(note 1 in the original)" in second.cssselect("ol.notes li")[1].text_content()
    assert repeated_note_labels(built) == []


def test_split_never_keeps_one_page_and_auto_splits_only_volumes(volume, tmp_path):
    build_volume(volume, tmp_path / "never", split="never")
    assert (tmp_path / "never" / "html" / "testvol.html").is_file()
    assert not (tmp_path / "never" / "html" / "testvol").exists()
    one = volume.with_name("one.xml")
    one.write_text(VOLUME.replace('type="document" xml:id="d2"', 'type="section" xml:id="d2"')
                   .replace('type="document" xml:id="d3"', 'type="section" xml:id="d3"'), encoding="utf-8")
    build_volume(one, tmp_path / "auto")
    assert (tmp_path / "auto" / "html" / "one.html").is_file() and not (tmp_path / "auto" / "html" / "one").exists()
    build_volume(one, tmp_path / "always", split="always")
    assert (tmp_path / "always" / "html" / "one" / "d1.html").is_file()


def test_a_changed_volume_rewrites_its_pages_and_removes_those_no_longer_made(volume, tmp_path):
    out = tmp_path / "out"
    build_volume(volume, out)
    folder = out / "html" / "testvol"
    assert build_volume(volume, out)[0].up_to_date
    (folder / "d2.html").unlink()  # damaged: the volume's pages are built again
    again = build_volume(volume, out)[0]
    assert not again.up_to_date and (folder / "d2.html").is_file()
    text = VOLUME.replace('<pb n="5" xml:id="pg_5"/>', "").replace(
        '<div type="document" xml:id="d3" n="3"><head>Third Letter</head>', '<div type="section"><head>Third</head>')
    volume.write_text(text.replace('<ref target="#pg_5">page 5</ref>', "page 5"), encoding="utf-8")
    changed = build_volume(volume, out)
    assert sorted(p.name for p in changed[0].outputs) == sorted(p.name for p in folder.iterdir())
    assert not (folder / "d3.html").exists()
    assert folder / "d3.html" in changed[-1].removed
    assert broken_links(out / "html") == []


def test_a_deleted_volume_is_withdrawn_with_its_folder(volume, tmp_path):
    out = tmp_path / "out"
    build_volume(volume, out)
    other = volume.parent / "other.xml"
    other.write_text(VOLUME.replace('n="3"', 'n="4"'), encoding="utf-8")
    build_volume(other, out)
    volume.unlink()
    results = build_volume(other, out)
    assert not (out / "html" / "testvol").exists()
    assert len([p for p in results[-1].removed if p.parent.name == "testvol"]) == 6
    assert [a.get("href") for a in page(out / "html", "index.html").cssselect("main h2 a")] == ["other/index.html"]


# ----- The corpus volumes -----

@pytest.fixture(scope="module")
def corpus_pages(tmp_path_factory):
    out = tmp_path_factory.mktemp("volumes")
    settings = Settings(formats=(FORMATS["html"],), out_dir=out, force=True, jobs=1)
    build(volumes(), settings)
    return out / "html"


@pytest.mark.parametrize("name", ["frus1894Nicaragua", "frus1918Russiav03"])
def test_corpus_volume_has_a_page_and_a_contents_entry_per_document(corpus_pages, name):
    from lxml import etree
    tree = etree.parse(str(need(CORPUS / f"{name}.xml")))
    ids = tree.xpath("//t:div[@type='document']/@xml:id", namespaces={"t": "http://www.tei-c.org/ns/1.0"})
    pages = {p.stem for p in (corpus_pages / name).glob("*.html")}
    listed = {a.get("href") for a in page(corpus_pages / name, "index.html").cssselect("ol.documents a")}
    assert len([i for i in ids if i in pages]) >= 0.99 * len(ids)
    assert len([i for i in ids if f"{i}.html" in listed]) >= 0.99 * len(ids)


def test_corpus_volumes_have_no_broken_link_and_no_repeated_note_number(corpus_pages):
    assert broken_links(corpus_pages) == []
    assert repeated_note_labels(corpus_pages) == []


def test_volume_pages_are_valid_html5(corpus_pages, built):
    from test_html import vnu_jar
    jar = vnu_jar()
    if jar is None or not shutil.which("java"):
        pytest.skip("the Nu HTML Checker is not installed: run ./setup.sh (npm install -g vnu-jar)")
    pages = [*built.rglob("*.html"), *corpus_pages.rglob("*.html")]
    checked = subprocess.run(["java", "-Xss16m", "-jar", str(jar), "--format", "gnu", "--errors-only",
                              *map(str, pages)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[:3000]


# ----- A volume and the same volume split into one file per document -----

def without_navigation(path) -> bytes:
    """The page without what depends on where the document stands among the others: breadcrumb,
    previous and next, and the file part of links to other pages (pages of a volume are named by
    their id in its folder, pages of single files by the file's name); and without the source
    file's name in the footer."""
    tree = lxml.html.fromstring(path.read_bytes())
    for nav in tree.cssselect("nav.breadcrumb, nav.pager"):
        nav.getparent().remove(nav)
    for link in tree.xpath("//*[@href][contains(@href, '#')][not(starts-with(@href, '#'))]"):
        link.set("href", "#" + link.get("href").split("#", 1)[1])
    for code in tree.cssselect("footer code"):
        code.text = "SOURCE"
    return lxml.html.tostring(tree, encoding="utf-8")


@pytest.mark.parametrize("document", ["d1", "d12", "d35"])
def test_a_document_page_is_the_same_from_the_volume_and_from_its_own_file(document, tmp_path):
    """bench/split.py cuts a volume into a file per document; laid out as a volume
    (split=always), each gives the page its document has in the whole volume."""
    from split import split_volume
    source = need(CORPUS / "frus1894Nicaragua.xml")
    split = tmp_path / "split"
    split.mkdir()
    files = {path.stem: path for path in split_volume(source, split)}
    build_volume(source, tmp_path / "whole")
    build_volume(files[f"frus1894Nicaragua-{document}"], tmp_path / "own", split="always")
    whole = tmp_path / "whole" / "html" / "frus1894Nicaragua" / f"{document}.html"
    own = tmp_path / "own" / "html" / f"frus1894Nicaragua-{document}" / f"{document}.html"
    assert without_navigation(own).decode() == without_navigation(whole).decode()


LETTER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt>
<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>
<text><body><p xml:id="p1">{body}</p></body></text></TEI>"""


def test_links_between_files_lead_to_their_pages_and_never_to_a_file_the_edition_lacks(volume, tmp_path):
    # Pages are written side by side (out/html/NAME.html, a volume's in out/html/NAME/), whatever
    # folder the sources are in.
    source = volume.parent
    (source / "letters").mkdir()
    (source / "letters" / "a.xml").write_text(LETTER.format(title="Letter A", body=(
        'See <ref target="../b.xml#p1">B</ref>, <ref target="../testvol.xml#d2">document 2</ref>, '
        '<ref target="../testvol.xml">the volume</ref>, <ref target="../persons.xml#ada">Ada</ref>, '
        '<ref target="lost.xml#p1">a lost letter</ref> and <ref target="../b.xml#nowhere">nothing</ref>.')),
        encoding="utf-8")
    (source / "b.xml").write_text(LETTER.format(title="Letter B", body="Answer."), encoding="utf-8")
    (source / "persons.xml").write_text(
        '<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Persons</title></titleStmt>'
        '<publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc></teiHeader>'
        '<standOff><listPerson><person xml:id="ada"><persName>Ada Lovelace</persName></person></listPerson>'
        '</standOff></TEI>', encoding="utf-8")
    out = tmp_path / "out"
    results = build(collect([source]), Settings(formats=(FORMATS["html"],), out_dir=out, force=True, jobs=1,
                                                roots=(source.resolve(),)))
    assert not [r.failure for r in results if r.failure]
    links = {a.text_content(): a.get("href") for a in page(out / "html", "a.html").cssselect("main a")}
    assert links["B"] == "b.html#p1"
    assert links["document 2"] == "testvol/d2.html#d2"
    assert links["the volume"] == "testvol/index.html"
    # No page shows a personography, nor a letter not in the edition, nor an id B lacks.
    assert "Ada" not in links and "a lost letter" not in links and "nothing" not in links
    assert broken_links(out / "html") == []
