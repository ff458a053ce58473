"""The web edition (`--to html`): pages, what is inside a document's page, the collection pages,
generic TEI, reproducibility, safety, the corpus volumes, golden files and HTML validity.

The edition of `tei/` and of the corpus volumes is built once per session (per xdist worker);
expectations are read from the TEI sources themselves (parsed here with lxml), not typed in.
"""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from pathlib import Path

import lxml.html
import pytest
from lxml import etree

from conftest import CORPUS, PROJECT, TEI, volumes
from pipeline import XSLT_DIR
from pipeline.building.builder import Settings, build
from pipeline.formats import FORMATS
from pipeline.sources import collect

NS = {"t": "http://www.tei-c.org/ns/1.0"}
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
GOLDEN = PROJECT / "tests" / "golden" / "html"
REGENERATE = "TEIPIPE_UPDATE_GOLDEN=1 python -m pytest tests/test_html.py -k golden"
LETTER, ABSTRACT = "frus1958-60v18-d11", "ikeda-2002-hatoyama"
VOLUMES = ("frus1894Nicaragua", "frus1918Russiav03")


def build_html(sources, out: Path, force=False, **params) -> Path:
    settings = Settings(formats=(FORMATS["html"],), out_dir=out, force=force, jobs=1,
                        params={"html": params})
    results = build(collect(sources), settings)
    failures = [(r.source, r.failure) for r in results if r.failure]
    assert not failures, failures
    return out / "html"


def page(folder: Path, name: str):
    return lxml.html.fromstring((folder / name).read_bytes())


def tei(name: str) -> etree._ElementTree:
    return etree.parse(str(TEI / f"{name}.xml"))


def text_of(element) -> str:
    return " ".join(element.text_content().split())


def reading(element, notes=False) -> list[str]:
    """The words of TEI as the page shows them in line: of a choice the correction, the
    regularized form and the expansion (the reading text of every format); notes (shown
    elsewhere) only if asked for."""
    hidden = {"sic", "orig", "abbr"} | (set() if notes else {"note"})
    words = []

    def walk(e):
        if etree.QName(e).localname in hidden and e.getparent() is not None \
                and (etree.QName(e).localname == "note" or etree.QName(e.getparent()).localname == "choice"):
            return
        words.extend((e.text or "").split())
        for child in e:
            walk(child)
            words.extend((child.tail or "").split())

    walk(element)
    return words


@pytest.fixture(scope="session")
def edition(tmp_path_factory) -> Path:
    return build_html([TEI], tmp_path_factory.mktemp("edition"))


@pytest.fixture(scope="session")
def letter(edition):
    return page(edition, f"{LETTER}.html")


@pytest.fixture(scope="session")
def corpus(tmp_path_factory) -> Path:
    # The volumes on one page each (their pages per document: tests/test_volume_html.py).
    return build_html(volumes(), tmp_path_factory.mktemp("corpus"), force=True, split="never")


# ----- Pages -----

def test_a_page_per_document_and_the_collection_pages(edition):
    documents = sorted(p.stem for p in TEI.glob("*.xml") if etree.parse(str(p)).find("t:text", NS) is not None)
    assert sorted(p.stem for p in edition.glob("*.html") if p.stem in documents) == documents
    for name in ("index.html", "persons.html", "places.html", "orgs.html", "edition.css"):
        assert (edition / name).stat().st_size > 0, name


def test_every_page_has_landmarks_language_and_ordered_headings(edition):
    for path in sorted(edition.glob("*.html")):
        html = page(edition, path.name)
        assert html.get("lang"), path.name
        for landmark in ("header.site nav", "main#main", "footer.site"):
            assert html.cssselect(landmark), (path.name, landmark)
        assert html.cssselect("a.skip")[0].get("href") == "#main"
        levels = [int(h.tag[1]) for h in html.iter("h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels[0] == 1 and levels.count(1) == 1, (path.name, levels)
        assert all(b <= a + 1 for a, b in zip(levels, levels[1:])), (path.name, levels)
        ids = [e.get("id") for e in html.iter() if e.get("id")]
        assert len(ids) == len(set(ids)), (path.name, [i for i in ids if ids.count(i) > 1][:5])
        for link in html.iter("a"):
            href = link.get("href", "")
            if href.startswith("#"):
                assert html.get_element_by_id(href[1:], None) is not None, (path.name, href)


# ----- Inside a document -----

def test_header_facts(letter):
    source = tei(LETTER)
    title = " ".join(source.findtext(".//t:titleStmt/t:title[@type='main']", namespaces=NS).split())
    assert text_of(letter.cssselect("h1")[0]) == title
    assert letter.findtext(".//title") == title
    facts = {text_of(dt): dt.getnext() for dt in letter.cssselect("dl.metadata dt")}
    assert text_of(facts["Author"]) == "Douglas MacArthur II"
    assert facts["Date"].cssselect("time")[0].get("datetime") == "1958-04-18"
    cited = text_of(facts["Source"])
    for part in ("Foreign Relations of the United States, 1958–1960, Volume XVIII", "vol. XVIII",
                 "doc. 11", "pp. 22–29"):
        assert part in cited
    assert facts["Source"].cssselect("cite")
    uri = source.findtext(".//t:analytic/t:idno[@type='URI']", namespaces=NS)
    assert facts["Source"].cssselect(f'a[href="{uri}"]')
    assert text_of(facts["TEI encoding"]) == "teipipe project"


def test_letter_structure_and_the_enclosure_as_a_letter_of_its_own(letter):
    document = letter.get_element_by_id("d11")
    assert document.tag == "article" and "type-document" in document.classes
    covering = document.cssselect(":scope > .type-letter")[0]
    assert covering.cssselect(".opener > p.dateline time[datetime='1958-04-18']")
    assert text_of(covering.cssselect(".opener > p.salute")[0]) == "Dear Mr. Secretary:"
    closer = covering.cssselect(":scope > .closer")[0]
    assert [text_of(s) for s in closer.cssselect("p.salute")] == ["As always, all the very best,", "Sincerely,"]
    assert text_of(closer.cssselect("p.signed")[0]) == "Doug"
    enclosure = covering.cssselect(".postscript > section.floatingText.type-enclosure")[0]
    enclosed = enclosure.cssselect("article.type-letter")[0]
    assert text_of(enclosed.cssselect("h4")[0]).startswith("Letter From the Ambassador to Japan")
    assert text_of(enclosed.cssselect(".opener p.salute")[0]) == "Dear Walter:"
    assert text_of(enclosed.cssselect(":scope > .closer p.signed")[0]).startswith("Douglas MacArthur II")
    assert [text_of(h) for h in enclosed.cssselect("section.type-section > h5")] == ["Summary"]


def test_footnote_markers_and_notes_link_both_ways(letter):
    source = tei(LETTER)
    notes = [n for n in source.iterfind(".//t:text//t:note", NS)]
    expected = [n.get("n") or "*" for n in notes]
    markers = letter.cssselect("sup.noteref a[role='doc-noteref']")
    assert [text_of(m) for m in markers] == expected
    items = letter.cssselect("section.notes ol.notes > li")
    assert len(items) == len(notes)
    for marker, item, note in zip(markers, items, notes):
        assert marker.get("href") == "#" + item.get("id")
        back = item.cssselect("a[role='doc-backlink']")[0]
        assert back.get("href") == "#" + marker.get("id")
        assert item.cssselect("a.note-label")[0].get("href") == back.get("href")
        assert " ".join("".join(note.itertext()).split()) in text_of(item)
    assert text_of(letter.cssselect("section.notes h3")[0]) == "Notes"


def test_page_breaks_are_page_references_that_can_be_linked_to(letter):
    pbs = tei(LETTER).findall(".//t:pb", NS)
    shown = letter.cssselect("span.pb")
    assert [s.get("id") for s in shown] == [pb.get(XML_ID) for pb in pbs]
    for span, pb in zip(shown, pbs):
        link = span.cssselect("a")[0]
        assert text_of(link) == f"[p. {pb.get('n')}]"
        assert link.get("href") == "#" + pb.get(XML_ID)


def test_names_link_to_index_entries_with_the_description_on_hover(letter):
    persons = {p.get(XML_ID): p for p in tei("persons").iterfind(".//t:person", NS)}
    pointing = tei(LETTER).xpath("//*[self::t:persName or self::t:placeName or self::t:orgName"
                                 " or self::t:rs or self::t:name][@ref or @corresp]", namespaces=NS)
    pages = {"persName": "persons", "placeName": "places", "orgName": "orgs"}
    in_text = [(n, name) for n, name in enumerate(pointing, 1) if name.xpath("ancestor::t:text", namespaces=NS)]
    assert len(letter.cssselect("main .text .name[title]")) == len(in_text)
    for number, name in in_text:
        element = letter.get_element_by_id(f"tp-name-{number}")
        file, _, key = name.get("ref").partition("#")
        assert text_of(element) == " ".join(reading(name))
        if not any(a.tag == "a" for a in element.iterancestors()):
            assert element.get("href") == f"{Path(file).stem}.html#{key}"
        kind = etree.QName(name).localname
        if kind in pages:
            assert f"{pages[kind]}.xml" == file
        if key in persons:
            occupation = persons[key].findtext("t:occupation", namespaces=NS)
            assert occupation is None or " ".join(occupation.split()) in element.get("title")


def in_reading_order(elements):
    """Elements of the text as a page shows them: the main text first, then the notes."""
    outside = [e for e in elements if not e.xpath("ancestor::t:note", namespaces=NS)]
    return outside + [e for e in elements if e not in outside]


def test_dates_are_time_elements(letter):
    dates = in_reading_order(tei(LETTER).xpath("//t:text//t:date", namespaces=NS))
    shown = letter.cssselect("main .text .date")
    assert len(shown) == len(dates)
    for date, element in zip(dates, shown):
        if date.get("when"):
            assert (element.tag, element.get("datetime")) == ("time", date.get("when"))
        else:
            assert (element.get("data-from"), element.get("data-to")) == (date.get("from"), date.get("to"))
            assert element.get("title") == "7–9 May 1958"


def test_gap_sic_corr_supplied_and_foreign(edition, letter):
    gap = letter.cssselect(".gap")[0]
    assert text_of(gap) == "[3½ lines of source text not declassified]"
    corrections = {text_of(c): c.get("title") for c in letter.cssselect(".choice.corr")}
    assert corrections == {
        "United States": "Corrected by the editor; the source reads: United State",
        "a new": "Corrected by the editor; the source reads: anew"}
    supplied = letter.cssselect(".dateline .supplied")[0]
    assert text_of(supplied) == "[Tokyo, April 18, 1958]"
    assert "inferred from file number" in supplied.get("title")
    abstract = page(edition, f"{ABSTRACT}.html")
    foreign = abstract.cssselect("i.foreign")
    assert {text_of(f) for f in foreign} >= {"Hanamichiron", "hanamichi"}
    assert {f.get("lang") for f in foreign} == {"ja-Latn"}
    # the text's own quotation marks are kept, none added
    assert "“even a mountain can be undermined" in text_of(abstract)
    assert not abstract.cssselect("q")


# ----- Collection pages -----

def test_collection_page_lists_every_document(edition):
    index = page(edition, "index.html")
    entries = index.cssselect("ol.documents > li")
    links = [e.cssselect("h2 a")[0].get("href") for e in entries]
    assert sorted(links) == sorted([f"{ABSTRACT}.html", f"{LETTER}.html"])
    letter_entry = entries[links.index(f"{LETTER}.html")]
    assert letter_entry.cssselect("time")[0].get("datetime") == "1958-04-18"
    assert "Foreign Relations of the United States" in text_of(letter_entry.cssselect(".source")[0])
    # by date: the 1958 letter before the 2002 article
    assert links == [f"{LETTER}.html", f"{ABSTRACT}.html"]


def test_person_index_has_one_entry_per_person_linking_every_mention(edition):
    persons = page(edition, "persons.html")
    entries = persons.cssselect("li.entry")
    keys = [e.get("id") for e in entries]
    assert len(keys) == len(set(keys))
    pages = {name: page(edition, f"{name}.html") for name in (LETTER, ABSTRACT)}
    mentioned = {}
    for name, html in pages.items():
        for a in html.cssselect("main .text .name-person[id]"):
            key = a.get("title") and (a.get("href") or "").partition("#")[2]
            if key:
                mentioned.setdefault(key, set()).add(name)
    nested = {
        key for name, html in pages.items() for a in html.cssselect("main .text a .name-person")
        for key in [tei_key(name, a.get("id"))]}
    assert set(keys) == set(mentioned) | nested
    dulles = persons.get_element_by_id("dulles-john-foster")
    assert text_of(dulles.cssselect(".entry-name")[0]) == "Dulles, John Foster"
    assert "Secretary of State" in text_of(dulles)
    documents = [a.get("href") for a in dulles.cssselect("ul.occurrences > li > a:first-child")]
    assert sorted(documents) == sorted([f"{ABSTRACT}.html", f"{LETTER}.html"])
    for link in persons.cssselect("ul.occurrences a"):
        file, _, anchor = link.get("href").partition("#")
        if anchor:
            target = pages[Path(file).stem].get_element_by_id(anchor)
            assert "name-person" in target.classes


def tei_key(name: str, mention_id: str) -> str:
    """The persons.xml key of the mention with this id, found through the source's order."""
    number = int(mention_id.rsplit("-", 1)[1])
    names = tei(name).xpath("//*[self::t:persName or self::t:placeName or self::t:orgName"
                            " or self::t:rs or self::t:name][@ref or @corresp]", namespaces=NS)
    return names[number - 1].get("ref").partition("#")[2]


def test_places_and_organizations_have_their_own_index(edition):
    places = page(edition, "places.html")
    assert places.get_element_by_id("tokyo") is not None
    orgs = page(edition, "orgs.html")
    nato = orgs.get_element_by_id("nato")
    assert text_of(nato.cssselect(".entry-name")[0]) == "North Atlantic Treaty Organization"


# ----- Parameters -----

def test_parameters_turn_off_name_links_and_header_facts(tmp_path):
    out = build_html([TEI / f"{LETTER}.xml"], tmp_path, **{"link-names": False, "show-metadata": False})
    html = page(out, f"{LETTER}.html")
    assert not html.cssselect("a.name") and html.cssselect("span.name[title]")
    assert not html.cssselect("dl.metadata") and html.cssselect("h1")


# ----- Any TEI -----

GENERIC = """<?xml version="1.0" encoding="UTF-8"?>
<TEI xmlns="http://www.tei-c.org/ns/1.0" xmlns:x="urn:example:other">
  <teiHeader><fileDesc><titleStmt><title>Generic</title></titleStmt>
    <publicationStmt><p>test</p></publicationStmt><sourceDesc><p>made up</p></sourceDesc>
  </fileDesc></teiHeader>
  <text>
    <body>
      <x:box><x:line>Alpha <x:mark>beta</x:mark> gamma</x:line></x:box>
      <div type="chapter" xml:id="c1">
        <head>Chapter <unknownThing>one</unknownThing></head>
        <p>Delta<note place="foot">Epsilon <note>zeta</note> eta</note>
          <list><item>theta</item><pb n="7"/><item>iota</item></list>
          kappa <quote rend="block"><p>lambda</p></quote> mu</p>
        <list><label>nu</label><item>xi</item><label>omicron</label><item>pi</item><pb n="8"/></list>
        <table><head>rho</head><row role="label"><cell>sigma</cell><cell cols="2">tau</cell></row>
          <row><cell>upsilon</cell><cell>phi</cell><cell><hi rend="weird">chi</hi></cell></row></table>
        <p><hi><list><item>psi</item></list></hi> <ref target="javascript:alert(1)">omega</ref>
          <ref target="other.xml#x">aleph</ref> <date when="1958-13-40">bet</date>
          <date notBefore="1950" notAfter="1955"/> <gap/> <gap quantity="1" unit="lines" reason="illegible"/>
          <gap quantity="0.5" unit="page"/> <choice><abbr>Dr.</abbr><expan>Doctor</expan></choice>
          <graphic url="http://tracker.example/pixel.png"/></p>
        <div><div><div><div><div><div><head>deep</head><p>gimel</p></div></div></div></div></div></div>
      </div>
    </body>
  </text>
</TEI>
"""


@pytest.fixture(scope="module")
def generic(tmp_path_factory):
    folder = tmp_path_factory.mktemp("generic")
    (folder / "generic.xml").write_text(GENERIC, encoding="utf-8")
    out = build_html([folder / "generic.xml"], folder / "out", force=True)
    return (out / "generic.html").read_text(encoding="utf-8")


def test_any_tei_renders_every_word_of_its_text(generic):
    html = lxml.html.fromstring(generic)
    rendered = text_of(html.cssselect("main")[0])
    words = reading(etree.fromstring(GENERIC.encode()).find("t:text", NS), notes=True)
    position = 0
    for word in words:  # in order; notes move to the end of their division
        found = rendered.find(word, position)
        if found < 0:
            found = rendered.find(word)
        assert found >= 0, f"{word!r} missing from the page"
        position = found
    assert "[p. 7]" in rendered and "[p. 8]" in rendered
    # other.xml is not in the edition: no link to a page that is not there (tests/test_volume_html.py).
    assert [e.tag for e in html.xpath("//*[. = 'aleph']")] == ["span"]
    assert not [a for a in html.iter("a") if (a.get("href") or "").startswith("javascript")]
    assert "tracker.example" not in generic
    assert html.cssselect("span.expan[title='Expanded; the source reads: Dr.']")
    assert "between 1950 and 1955" in rendered
    assert "[text omitted]" in rendered and "[1 line illegible]" in rendered
    assert "[½ page omitted]" in rendered
    assert html.cssselect("span.date[title]") and not html.cssselect("time:not([datetime])")


# ----- Reproducible, safe -----

def test_same_input_same_bytes_and_no_paths_of_the_build(edition, tmp_path):
    copy = Path(shutil.copytree(TEI, tmp_path / "elsewhere" / "tei"))
    again = build_html([copy], tmp_path / "out")
    for path in sorted(edition.iterdir()):
        if path.name.startswith("."):
            continue
        data = path.read_bytes()
        assert data == (again / path.name).read_bytes(), path.name
        for leak in (str(PROJECT).encode(), str(tmp_path).encode(), b"file:"):
            assert leak not in data, (path.name, leak)


def test_one_document_alone_gives_the_same_page(edition, tmp_path):
    out = build_html([TEI / f"{ABSTRACT}.xml"], tmp_path)
    assert (out / f"{ABSTRACT}.html").read_bytes() == (edition / f"{ABSTRACT}.html").read_bytes()


HOSTILE = """<?xml version="1.0"?>
<!DOCTYPE TEI [<!ENTITY x SYSTEM "file:///etc/hostname">]>
<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Hostile</title></titleStmt>
    <publicationStmt><p>x</p></publicationStmt><sourceDesc><p>&x;</p></sourceDesc></fileDesc></teiHeader>
  <text><body><p>before &x; after <persName ref="/etc/hostname#x">n</persName></p></body></text>
</TEI>
"""


@pytest.mark.parametrize("force", [False, True])
def test_an_external_entity_leaks_nothing(tmp_path, force):
    secret = Path("/etc/hostname").read_text().strip() if Path("/etc/hostname").exists() else ""
    source = tmp_path / "hostile.xml"
    source.write_text(HOSTILE, encoding="utf-8")
    settings = Settings(formats=(FORMATS["html"],), out_dir=tmp_path / "out", force=force, jobs=1)
    results = build([source], settings)
    assert results[0].failure and "external entity 'x' refused" in str(results[0].findings)
    written = [p for p in (tmp_path / "out").rglob("*") if p.is_file()]
    assert not [p for p in written if p.suffix == ".html"]
    for path in written:
        assert not secret or secret.encode() not in path.read_bytes()


def test_stylesheets_read_no_file_themselves():
    """Authority files reach the stylesheets as parameters, parsed safely by the pipeline."""
    readers = re.compile(r"\b(doc|document|unparsed-text|unparsed-text-lines|collection|json-doc|"
                         r"uri-collection|doc-available|unparsed-text-available|load-xquery-module|"
                         r"transform)\s*\(")
    xsl = "{http://www.w3.org/1999/XSL/Transform}"
    for path in [*XSLT_DIR.joinpath("html").glob("*.xsl"), *XSLT_DIR.joinpath("common").glob("*.xsl")]:
        stylesheet = etree.parse(str(path))
        for element in stylesheet.iter(f"{xsl}*"):
            assert etree.QName(element).localname not in ("source-document", "merge-source",
                                                          "import-schema"), path.name
            for value in element.attrib.values():
                assert not readers.search(value), (path.name, value)


# ----- The corpus -----

@pytest.mark.parametrize("volume", VOLUMES)
def test_corpus_volume_renders_every_document_with_heading_notes_and_pages(corpus, volume):
    source = etree.parse(str(CORPUS / f"{volume}.xml"))
    html = page(corpus, f"{volume}.html")
    for div in source.iterfind(".//t:div[@type='document']", NS):
        element = html.get_element_by_id(div.get(XML_ID))
        assert element.tag == "article" and element.cssselect(":scope > h2, :scope > h3, :scope > h4, "
                                                              ":scope > h5, :scope > h6"), div.get(XML_ID)
    footnotes = [n for n in source.iterfind(".//t:text//t:note", NS) if n.get("rend") != "inline"]
    assert len(html.cssselect("a[role='doc-noteref'], sup.noteref[id]")) == len(footnotes)
    assert len(html.cssselect("ol.notes > li")) == len(footnotes)
    for note in footnotes:
        assert html.get_element_by_id(note.get(XML_ID)).tag == "li"
    pbs = source.findall(".//t:text//t:pb", NS)
    assert [s.get("id") for s in html.cssselect("span.pb")] == [pb.get(XML_ID) for pb in pbs]
    inline = [n for n in source.iterfind(".//t:text//t:note", NS) if n.get("rend") == "inline"]
    assert len(html.cssselect(".note.type-source")) == len(inline)


def test_corpus_persons_list_links_like_a_personography(corpus):
    source = etree.parse(str(CORPUS / "frus1918Russiav03.xml"))
    listed = {p.get(XML_ID): p for p in source.xpath("//t:div[@xml:id='persons']//t:persName[@xml:id]", namespaces=NS)}
    html = page(corpus, "frus1918Russiav03.html")
    persons = page(corpus, "persons.html")
    links = html.cssselect("a.name-person")
    pointing = [p for p in source.iterfind(".//t:text//t:persName[@corresp]", NS)
                if p.get("corresp")[1:] in listed]
    assert len(html.cssselect(".name-person[title][id^='tp-name-']")) == len(pointing)
    lansing = persons.get_element_by_id("frus1918Russiav03:p_LR1")
    assert text_of(lansing.cssselect(".entry-name")[0]) == " ".join(listed["p_LR1"].text.split())
    assert "Secretary of State" in text_of(lansing)
    assert any(a.get("href") == "persons.html#frus1918Russiav03:p_LR1" for a in links)


# ----- Golden files -----

@pytest.mark.parametrize("name", [f"{LETTER}.html", f"{ABSTRACT}.html", "index.html", "persons.html"])
def test_golden(edition, name):
    actual = (edition / name).read_text(encoding="utf-8")
    golden = GOLDEN / name
    if os.environ.get("TEIPIPE_UPDATE_GOLDEN"):
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
    expected = golden.read_text(encoding="utf-8")
    if actual != expected:
        lines = lambda s: s.replace("><", ">\n<").splitlines()  # noqa: E731 (readable diff)
        diff = "\n".join(difflib.unified_diff(lines(expected), lines(actual), f"golden/{name}",
                                              f"built/{name}", n=2, lineterm=""))
        pytest.fail(f"{name} differs from its reviewed golden file:\n{diff[:8000]}\n"
                    f"If the change is intended, review it and regenerate: {REGENERATE}")


# ----- Valid HTML5 -----

def vnu_jar() -> Path | None:
    if os.environ.get("VNU_JAR"):
        return Path(os.environ["VNU_JAR"])
    npm = shutil.which("npm")
    if npm:
        root = subprocess.run([npm, "root", "-g"], capture_output=True, text=True).stdout.strip()
        jar = Path(root) / "vnu-jar" / "build" / "dist" / "vnu.jar"
        if jar.is_file():
            return jar
    return None


def test_every_built_page_is_valid_html5(edition, generic, request, tmp_path):
    """One run of the Nu HTML Checker over every page built here (the corpus volumes too, when
    ../shared is there)."""
    jar = vnu_jar()
    if jar is None or not shutil.which("java"):
        pytest.skip("the Nu HTML Checker is not installed: run ./setup.sh (npm install -g vnu-jar)")
    pages = [*edition.glob("*.html")]
    if CORPUS.exists():
        pages += request.getfixturevalue("corpus").glob("*.html")
    generic_page = tmp_path / "generic.html"
    generic_page.write_text(generic, encoding="utf-8")
    checked = subprocess.run(["java", "-Xss16m", "-jar", str(jar), "--also-check-css", "--format", "gnu",
                              *map(str, pages), str(generic_page), str(edition / "edition.css")],
                             capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr[:6000]
