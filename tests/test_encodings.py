"""The project's scholarly encodings (tei/*.xml) checked against the sources they encode.

In: the TEI files in tei/ (two documents and the persons, places and orgs authority files), the
scraped sources in ../shared/sources and the TEI P5 schema in ../shared/schemas. Out: pass or
fail; a failed text comparison prints a word diff between the source and the encoding.

"Reading text" below is the text of an encoding as the source reads it: notes, corrections and
regularizations (corr, reg, expan), editorial additions (supplied) and page breaks left out,
the source's errors (sic) kept, and a declassification gap replaced by the wording the scrape
prints for it.
"""

from __future__ import annotations

import difflib
import re
from functools import cache
import pytest
from lxml import etree

from conftest import SHARED, TEI, need

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
NS = {"t": TEI_NS}

FRUS = "frus1958-60v18-d11.xml"
IKEDA = "ikeda-2002-hatoyama.xml"
SOURCES = {FRUS: "frus1958-60v18-d11.txt", IKEDA: "ikeda-2002-hatoyama-abstract.txt"}
# Each authority file with the entries of its standOff list.
AUTHORITIES = {"persons.xml": "t:listPerson/t:person", "places.xml": "t:listPlace/t:place",
               "orgs.xml": "t:listOrg/t:org"}
# The authority file that each kind of name (rs by its @type) must point into.
AUTHORITY_OF = {"persName": "persons.xml", "placeName": "places.xml", "orgName": "orgs.xml",
                "rs person": "persons.xml", "rs place": "places.xml", "rs org": "orgs.xml"}

# Attributes that point at an xml:id, here or in another file of tei/.
POINTERS = ("ref", "target", "corresp", "resp", "who")
ID_FORM = re.compile(r"[a-z][a-z0-9]*(-[a-z0-9]+)*")

# Elements whose content is not part of the reading text (see the module docstring).
LEFT_OUT = {"note", "corr", "reg", "expan", "supplied", "pb"}
# Elements that begin and end a run of text, so that words on either side never run together.
BLOCKS = {"head", "p", "opener", "closer", "salute", "signed", "dateline", "div", "body",
          "floatingText", "postscript"}

PAGE = re.compile(r"\[Page (\d+)\]")
NOTE_ITEM = re.compile(r"^[ \t]+\d+\.[ \t]+(.*)$", re.M)
MONTH_OR_YEAR = re.compile(
    r"\b(January|February|March|April|May|June|July|August|September|October|November"
    r"|December)\b|\b1[89]\d\d\b|\b20\d\d\b")


def local(el) -> str:
    return etree.QName(el).localname


@cache
def tree(name: str) -> etree._ElementTree:
    return etree.parse(str(TEI / name))


def tei_files() -> list[str]:
    return sorted(p.name for p in TEI.glob("*.xml"))


@cache
def source(name: str) -> str:
    return need(SHARED / "sources" / SOURCES[name]).read_text(encoding="utf-8")


def body(name: str):
    return tree(name).find("t:text/t:body", NS)


# ----------------------------------------------------------------------------- reading text


def gap_wording(gap) -> str:
    """What the scrape prints for a passage withheld from declassification."""
    quantity = float(gap.get("quantity"))
    whole, half = int(quantity), quantity % 1 == 0.5
    amount = f"{whole}-1/2" if half else str(whole)
    return f"[{amount} {gap.get('unit')}s of source text not declassified]"


def flow(el):
    """The reading text of el's content in document order, as strings, interrupted by the
    note and pb elements where they stand."""
    if el.text:
        yield el.text
    for child in el:
        if isinstance(child.tag, str):
            name = local(child)
            if name in ("note", "pb"):
                yield child
            elif name == "gap":
                yield gap_wording(child)
            elif name not in LEFT_OUT:
                block = name in BLOCKS
                if block:
                    yield " "
                yield from flow(child)
                if block:
                    yield " "
        if child.tail:
            yield child.tail


def reading(el) -> str:
    return "".join(piece for piece in flow(el) if isinstance(piece, str))


def milestones(el, kind: str):
    """Each `kind` element (note or pb) under el with the reading text before and after it."""
    pieces = list(flow(el))
    for i, piece in enumerate(pieces):
        if not isinstance(piece, str) and local(piece) == kind:
            before = "".join(p for p in pieces[:i] if isinstance(p, str))
            after = "".join(p for p in pieces[i + 1:] if isinstance(p, str))
            yield piece, before, after


def words(text: str) -> list[str]:
    return text.split()


def word_diff(expected: list[str], actual: list[str], source_name: str, encoding: str) -> str:
    return "\n".join(difflib.unified_diff(
        expected, actual, fromfile=source_name, tofile=encoding, lineterm="", n=4))


# ------------------------------------------------------------------------------ the scrapes


class Scrape:
    """The FRUS scrape: its words (page markers dropped, note markers cut off the words they
    were glued to), its page markers and note markers with their positions, and its note
    list."""

    def __init__(self, text: str):
        first_item = NOTE_ITEM.search(text)
        main, listing = text[:first_item.start()], text[first_item.start():]
        self.notes = [m.group(1).strip() for m in NOTE_ITEM.finditer(listing)]
        self.words: list[str] = []
        self.pages: list[tuple[str, int]] = []  # (n, number of words before the marker)
        for i, chunk in enumerate(PAGE.split(main)):
            if i % 2:
                self.pages.append((chunk, len(self.words)))
            else:
                self.words += chunk.split()
        # Markers are numbered from 0 (the source note) and stand in order, each glued to
        # the end of a word or of its punctuation, even to a number ("March 231" is "March
        # 23" with marker 1): the next marker is the next word that ends with its number and
        # has something left in front of it.
        self.markers: list[tuple[int, str]] = []  # (marker number, word it was glued to)
        for i, word in enumerate(self.words):
            k = str(len(self.markers))
            if len(self.markers) < len(self.notes) and len(word) > len(k) and word.endswith(k):
                self.words[i] = word[:-len(k)]
                self.markers.append((len(self.markers), self.words[i]))


@cache
def frus_scrape() -> Scrape:
    return Scrape(source(FRUS))


@cache
def ikeda_page() -> list[str]:
    return source(IKEDA).splitlines()


def ikeda_abstract_words() -> list[str]:
    lines = ikeda_page()
    start, end = lines.index("Abstract"), lines.index("Content from these authors")
    return words("\n".join(lines[start:end]))


def ikeda_field(label: str) -> str:
    for line in ikeda_page():
        if line.startswith(label + " :"):
            return line.split(":", 1)[1].strip()
    raise AssertionError(f"the abstract page has no {label!r} line")


# ------------------------------------------------------------------ 1. pointers and ids


def test_ids_are_unique_across_tei_and_lowercase_hyphenated():
    seen: dict[str, str] = {}
    for name in tei_files():
        for el in tree(name).iter():
            xml_id = el.get(XML_ID) if isinstance(el.tag, str) else None
            if xml_id is None:
                continue
            assert ID_FORM.fullmatch(xml_id), f"{name}: xml:id {xml_id!r} is not lowercase-hyphenated"
            assert xml_id not in seen, f"xml:id {xml_id!r} in both {seen[xml_id]} and {name}"
            seen[xml_id] = name


def test_every_pointer_resolves():
    ids = {name: set(tree(name).xpath("//@xml:id")) for name in tei_files()}
    broken = []
    for name in tei_files():
        for el in tree(name).iter():
            if not isinstance(el.tag, str):
                continue
            for attr in POINTERS:
                for pointer in (el.get(attr) or "").split():
                    if "://" in pointer:
                        continue
                    file, _, fragment = pointer.rpartition("#")
                    target = file or name
                    if target not in ids or (fragment and fragment not in ids[target]):
                        broken.append(f"{name}:{el.sourceline}: {local(el)}/@{attr}={pointer!r}")
    assert not broken, "pointers to nothing:\n" + "\n".join(broken)


@pytest.mark.parametrize("name", [FRUS, IKEDA])
def test_every_name_points_into_an_authority_file(name):
    unlinked = []
    for el in tree(name).xpath("//t:persName | //t:rs | //t:placeName | //t:orgName", namespaces=NS):
        ref = el.get("ref", "")
        kind = f"rs {el.get('type')}" if local(el) == "rs" else local(el)
        if kind not in AUTHORITY_OF or not ref.startswith(AUTHORITY_OF[kind] + "#"):
            unlinked.append(f"{el.sourceline}: {local(el)} {reading(el)!r} ref={ref!r}")
    assert not unlinked, f"{name}: names not pointing into their authority file:\n" + "\n".join(unlinked)


# ------------------------------------------------------------------ 2. FRUS notes in place


def test_frus_notes_stand_where_their_markers_stand():
    scrape = frus_scrape()
    assert len(scrape.markers) == len(scrape.notes), (
        f"found {len(scrape.markers)} note markers for {len(scrape.notes)} listed notes")
    notes = list(milestones(body(FRUS), "note"))
    assert len(notes) == len(scrape.markers)
    for (note, before, _), (k, glued_to) in zip(notes, scrape.markers):
        listed = scrape.notes[k]  # list item k+1, counting from 1
        assert words(before)[-1:] == [glued_to], (
            f"note {k} ({listed!r}) should follow {glued_to!r}, follows {before[-40:]!r}")
        assert " ".join(words(reading(note))) == " ".join(words(listed)), f"note {k}"
        if k == 0:
            assert note.get("type") == "source" and note.get("n") is None
            assert local(note.getparent()) == "head"
        else:
            assert note.get("n") == str(k) and note.get("type") is None
        assert note.get("place") == "foot"


def test_frus_page_breaks_stand_where_the_page_markers_stand():
    scrape = frus_scrape()
    breaks = list(milestones(body(FRUS), "pb"))
    first, rest = breaks[0], breaks[1:]
    assert first[0].get("n") == "22" and not words(first[1]), "the body opens with pb n=22"
    assert [pb.get("n") for pb, _, _ in rest] == [n for n, _ in scrape.pages]
    for (pb, before, after), (n, at) in zip(rest, scrape.pages):
        assert pb.get(XML_ID) == f"d11-p{n}"
        assert words(before)[-1] == scrape.words[at - 1], f"page {n}"
        assert words(after)[0] == scrape.words[at], f"page {n}"


# ----------------------------------------------------------------- 3. the complete text


def test_frus_text_reproduces_the_source():
    scrape = frus_scrape()
    document = body(FRUS).find("t:div[@type='document']", NS)
    expected = list(scrape.words)
    # The scrape prints the document number before the heading; the encoding keeps it in @n.
    assert expected[0] == document.get("n") + "."
    expected = expected[1:]
    actual = words(reading(body(FRUS)))
    if actual != expected:
        pytest.fail("the encoding departs from the source:\n"
                    + word_diff(expected, actual, SOURCES[FRUS], FRUS))


def test_ikeda_text_reproduces_the_abstract():
    expected = ikeda_abstract_words()
    actual = words(reading(body(IKEDA)))
    if actual != expected:
        pytest.fail("the encoding departs from the source:\n"
                    + word_diff(expected, actual, SOURCES[IKEDA], IKEDA))


def test_ikeda_header_records_the_page_facts():
    bibl = tree(IKEDA).find(".//t:sourceDesc/t:biblStruct", NS)
    lines = ikeda_page()

    def text(path: str) -> str:
        return " ".join(words(reading(bibl.find(path, NS))))

    # The page opens with the journal title, three ISSN lines, the article title and author.
    assert text("t:monogr/t:title[@level='j']") == lines[0]
    assert text("t:analytic/t:title[@level='a']") == lines[4]
    assert text("t:analytic/t:author") == lines[5]
    for kind, label in (("ISSN", "Print ISSN"), ("eISSN", "Online ISSN"), ("ISSN-L", "ISSN-L")):
        assert text(f"t:monogr/t:idno[@type='{kind}']") == ikeda_field(label)
    year, volume, issue, pages = re.search(
        r"^(\d{4}) Volume (\S+) Issue (\S+) Pages (\S+)$", "\n".join(lines), re.M).groups()
    assert bibl.find("t:monogr/t:imprint/t:date", NS).get("when") == year
    assert text("t:monogr/t:biblScope[@unit='volume']") == volume
    assert text("t:monogr/t:biblScope[@unit='issue']") == issue
    assert ",".join(reading(s) for s in bibl.findall("t:monogr/t:biblScope[@unit='page']", NS)) == pages
    holder = next(line for line in lines if line.startswith("©"))[1:].strip()
    availability = tree(IKEDA).find(".//t:publicationStmt/t:availability", NS)
    assert holder in " ".join(words(reading(availability)))


# Validity against our schema and against full TEI is tested in test_schema.py.


# ------------------------------------------------------------------ 5. editorial checks


def test_frus_letter_date_is_the_inferred_one():
    creation = tree(FRUS).find(".//t:profileDesc/t:creation/t:date", NS)
    assert creation.get("when") == "1958-04-18"
    assert creation.get("cert") and creation.get("resp")
    assert "794.5/4–1858" in reading(tree(FRUS).find(".//t:note[@type='source']", NS))


def test_frus_numbered_notes_run_from_1_to_10():
    numbered = body(FRUS).xpath(".//t:note[not(@type)]", namespaces=NS)
    assert [note.get("n") for note in numbered] == [str(n) for n in range(1, 11)]


@pytest.mark.parametrize("surname, person", [("Dulles", "dulles-john-foster"),
                                             ("Kishi", "kishi-nobusuke")])
def test_persons_in_both_sources_have_one_entry(surname, person):
    entries = tree("persons.xml").xpath(
        "//t:person[t:persName/t:surname[translate(., 'ABCDEFGHIJKLMNOPQRSTUVWXYZ',"
        " 'abcdefghijklmnopqrstuvwxyz') = $s]]", namespaces=NS, s=surname.lower())
    assert [e.get(XML_ID) for e in entries] == [person]
    for name in (FRUS, IKEDA):
        refs = {el.get("ref") for el in body(name).iter(f"{{{TEI_NS}}}persName")
                if surname.lower() in reading(el).lower()}
        assert refs == {f"persons.xml#{person}"}, name


def test_authority_files_have_a_standoff_list_and_no_text():
    for name, entries in AUTHORITIES.items():
        root = tree(name).getroot()
        assert root.find("t:text", NS) is None, name
        assert root.findall("t:standOff/" + entries, NS), name
        assert root.find("t:teiHeader/t:revisionDesc/t:change[@when='2026-11-22']", NS) is not None


@pytest.mark.parametrize("name", [FRUS, IKEDA])
def test_dates_in_the_text_are_tagged(name):
    untagged = []
    for text in tree(name).xpath("//t:text//text()", namespaces=NS):
        owner = text.getparent()
        if text.is_tail:
            owner = owner.getparent()
        if owner.xpath("ancestor-or-self::t:date | ancestor-or-self::t:idno", namespaces=NS):
            continue
        untagged += [f"{owner.sourceline}: {m.group()!r}" for m in MONTH_OR_YEAR.finditer(text)]
    assert not untagged, f"{name}: dates outside date:\n" + "\n".join(untagged)


@pytest.mark.parametrize("name", tei_files())
def test_languages_used_are_declared(name):
    declared = set(tree(name).xpath("//t:langUsage/t:language/@ident", namespaces=NS))
    used = set(tree(name).xpath("//t:text//@xml:lang | //t:standOff//@xml:lang", namespaces=NS))
    assert "en" in declared, f"{name}: langUsage does not declare en"
    assert used <= declared, f"{name}: undeclared xml:lang {sorted(used - declared)}"
    assert tree(name).getroot().get(XML_LANG) == "en"
