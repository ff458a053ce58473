"""The `pdf` format: the print edition rendered by Apache FOP, read back page by page.

The PDFs of the two sources and of the volume of both are made once per session (one FOP run
each) and read with pdftotext. Checked: FOP reports nothing (no missing glyph, no invalid
property, no overfull line); every character printed in an embedded font; each footnote on the
page of its marker; each entry of the index of names lists exactly the pages on which the
person's name is printed; the original's page numbers; running heads; paper size. A page is
rendered to PNG and kept for review. Without FOP, `pdf` fails with the install command and
`fo` still works.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from lxml import etree

from conftest import TEI
from pipeline.formats import fop, pdf
from pipeline.document import Document

T = {"t": "http://www.tei-c.org/ns/1.0"}
LETTER = TEI / "frus1958-60v18-d11.xml"
ABSTRACT = TEI / "ikeda-2002-hatoyama.xml"
PERSONS = TEI / "persons.xml"
SOURCES = {"letter": [LETTER], "abstract": [ABSTRACT], "volume": [LETTER, ABSTRACT]}

needs_fop = pytest.mark.skipif(not shutil.which("fop") or not shutil.which("pdftotext"),
                               reason="Apache FOP and poppler-utils are not installed: run ./setup.sh")


@dataclass
class Page:
    number: str | None  # as printed in the running head or at the foot; None on unnumbered pages
    text: str  # without the running head or folio, white space collapsed


@dataclass
class Printed:
    path: Path
    book: pdf.Book
    pages: list[Page]

    def body(self) -> list[Page]:
        """The text pages: numbered in arabic figures, before the index."""
        start = next(i for i, p in enumerate(self.pages) if p.number == "1")
        end = next(i for i, p in enumerate(self.pages) if p.text.startswith("Index of Names"))
        return self.pages[start:end]

    def index(self) -> str:
        first = next(i for i, p in enumerate(self.pages) if p.text.startswith("Index of Names"))
        # Without -layout pdftotext reads the index column by column.
        text = subprocess.run(["pdftotext", "-f", str(first + 1), str(self.path), "-"],
                              capture_output=True, text=True, check=True).stdout
        return " ".join(text.split())


_HEAD = re.compile(r"^\s*(\d+|[ivxlc]+)\s{3,}\S|\S\s{3,}(\d+|[ivxlc]+)\s*$")
_FOLIO = re.compile(r"^\s*(\d+|[ivxlc]+)\s*$")


def read_pages(path: Path) -> list[Page]:
    layout = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                            check=True).stdout
    pages = []
    for raw in layout.split("\f")[:-1]:
        lines = [line for line in raw.splitlines() if line.strip()]
        number = None
        if lines and _FOLIO.match(lines[-1]):  # an opening page: folio at the foot, no head
            number, lines = _FOLIO.match(lines[-1])[1], lines[:-1]
        elif lines and _HEAD.search(lines[0]):
            match = _HEAD.search(lines[0])
            number, lines = match[1] or match[2], lines[1:]
        pages.append(Page(number, " ".join(" ".join(lines).split())))
    return pages


@pytest.fixture(scope="session")
def printed(tmp_path_factory):
    """The PDF of a source or of the volume, made on first use and kept for the session."""
    made: dict[str, Printed] = {}

    def get(name: str) -> Printed:
        if name not in made:
            book = pdf.print_book([Document.load(p) for p in SOURCES[name]], {})
            path = tmp_path_factory.mktemp("pdf") / f"{name}.pdf"
            path.write_bytes(book.pdf)
            made[name] = Printed(path, book, read_pages(path))
        return made[name]

    return get


@needs_fop
@pytest.mark.parametrize("name", SOURCES)
def test_fop_reports_no_problem_and_every_character_is_printed(printed, name):
    book = printed(name)
    assert book.book.problems == [], "\n".join(book.book.problems)
    assert book.book.pages == len(book.pages) > 5
    text = " ".join(p.text for p in book.pages)
    assert "#" not in text  # FOP's stand-in for a glyph the font lacks
    fonts = subprocess.run(["pdffonts", str(book.path)], capture_output=True, text=True, check=True).stdout
    assert "CharisSIL" in fonts
    # Every font embedded: no base-14 stand-in (a sign that a configured font was not found).
    assert all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:]), fonts


@needs_fop
def test_curly_quotes_dashes_fractions_and_macrons_come_out_as_written(printed):
    text = " ".join(p.text for p in printed("volume").pages)
    for sample in ("Japan’s", "“one-sided”", "May 7–9", "Official–Informal", "[3½ lines of source text",
                   "Hatoyama, Ichirō"):
        assert sample in text, sample


def words_before(note) -> str:
    """The two words printed before a note's marker, as pdftotext reads them (glued to it)."""
    before = "".join(t for t in note.xpath("preceding::text()[not(ancestor::t:note)][position() <= 4]",
                                            namespaces=T)
                      if not t.getparent().tag.endswith("}sic"))
    return " ".join(before.split()[-2:])


def printed_text(element) -> str:
    parts = [element.text or ""]
    for child in element:
        name = etree.QName(child).localname
        if name == "choice":
            parts.append(printed_text(child.find("t:corr", T)))
        elif name != "note":
            parts.append(printed_text(child))
        parts.append(child.tail or "")
    return " ".join("".join(parts).split())


@needs_fop
@pytest.mark.parametrize("name, source", [("letter", LETTER), ("abstract", ABSTRACT)])
def test_each_footnote_is_on_the_page_of_its_marker(printed, name, source):
    body = printed(name).body()
    notes = etree.parse(str(source)).xpath("//t:text//t:note", namespaces=T)
    assert notes
    for note in notes:
        label = note.get("n") or ("" if note.get("type") == "source" else "*")
        note_start = " ".join(f"{label} {printed_text(note)}".split()[:6])
        note_pages = [p.number for p in body if note_start in p.text]
        assert len(note_pages) == 1, (note_start, note_pages)
        if note.get("type") == "source":  # unnumbered, on the heading's page
            heading = printed_text(note.getparent())
            marker_pages = [p.number for p in body if heading in p.text]
        else:
            marker = words_before(note) + label
            marker_pages = [p.number for p in body if marker in p.text]
        assert marker_pages == note_pages, (note_start, marker_pages, note_pages)


def sort_name(person) -> str:
    name = next(n for n in person.findall("t:persName", T) if n.get("type") is None)
    parts = [" ".join(e.text for e in name.findall("t:surname", T)),
             " ".join(e.text for e in name.findall("t:forename", T)),
             " ".join(e.text for e in name.findall("t:genName", T))]
    return ", ".join(p for p in parts if p)


def page_set(listing: str) -> set[int]:
    pages = set()
    for part in listing.split(", "):
        first, _, last = part.partition("–")
        pages.update(range(int(first), int(last or first) + 1))
    return pages


@needs_fop
@pytest.mark.parametrize("name, source", [("letter", LETTER), ("abstract", ABSTRACT)])
def test_index_lists_exactly_the_pages_on_which_each_name_is_printed(printed, name, source):
    """Pages are found by searching the printed text for the words of each mention.

    A person is checked when every form by which the text names them is printed nowhere but in
    mentions of that person (so that finding the words on a page means a mention is there).
    """
    book = printed(name)
    tree = etree.parse(str(source))
    people = {p.get("{http://www.w3.org/XML/1998/namespace}id"): p
              for p in etree.parse(str(PERSONS)).xpath("//t:person", namespaces=T)}
    mentions: dict[str, list[str]] = {}
    for mention in tree.xpath("//t:text//t:persName[@ref] | //t:text//t:rs[@type='person'][@ref]", namespaces=T):
        mentions.setdefault(mention.get("ref").partition("#")[2], []).append(printed_text(mention))
    everything = printed_text(tree.find(".//t:text", T)) + " " + " ".join(
        printed_text(n) for n in tree.xpath("//t:text//t:note", namespaces=T))
    index = book.index()
    checked = []
    for person, forms in mentions.items():
        match = re.search(re.escape(sort_name(people[person])) + r" (\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*)", index)
        assert match, f"{sort_name(people[person])} is not in the index: {index}"
        listed = page_set(match[1])
        everywhere = all(everything.count(f) == sum(m.count(f) for m in forms) for f in set(forms))
        if everywhere:
            found = {int(p.number) for p in book.body() if any(f in p.text for f in set(forms))}
            assert listed == found, (person, sorted(listed), sorted(found))
            checked.append(person)
        else:  # at least every page listed prints one of the forms
            pages = {int(p.number): p.text for p in book.body()}
            assert all(any(f in pages[n] for f in set(forms)) for n in listed), (person, listed)
    assert len(checked) >= 2, f"too few persons checked exactly: {checked}"


@needs_fop
def test_volume_merges_the_index_across_sources(printed):
    book = printed("volume")
    text = {int(p.number): p.text for p in book.body()}
    abstract_starts = min(n for n, t in text.items() if "HATOYAMA" in t)
    dulles = page_set(re.search(r"Dulles, John Foster (\d+(?:–\d+)?(?:, \d+(?:–\d+)?)*)", book.index())[1])
    assert any(n < abstract_starts for n in dulles) and any(n >= abstract_starts for n in dulles)
    assert "Hatoyama, Ichirō" in book.index() and "Robertson, Walter S." in book.index()


@needs_fop
def test_page_numbers_of_the_original_and_running_heads(printed):
    book = printed("letter")
    body = book.body()
    assert re.findall(r"\[(\d+)\]", " ".join(p.text for p in body)) == [str(n) for n in range(22, 30)]
    assert [p.number for p in body] == [str(n) for n in range(1, len(body) + 1)]
    heads = subprocess.run(["pdftotext", "-layout", "-f", "6", "-l", "7", str(book.path), "-"],
                           capture_output=True, text=True, check=True).stdout.split("\f")
    assert heads[0].lstrip().startswith("2") and "Foreign Relations of the United States" in heads[0].splitlines()[0]
    assert heads[1].splitlines()[0].rstrip().endswith("3")


@needs_fop
def test_a_page_rendered_for_review_and_paper_size(printed, tmp_path):
    book = printed("letter")
    first = next(i for i, p in enumerate(book.pages) if p.number == "1") + 1
    subprocess.run(["pdftoppm", "-r", "60", "-f", str(first), "-l", str(first), "-png", str(book.path),
                    str(tmp_path / "page")], check=True)
    png = next(tmp_path.glob("page*.png"))
    width, height = int.from_bytes(png.read_bytes()[16:20], "big"), int.from_bytes(png.read_bytes()[20:24], "big")
    assert abs(width / height - 210 / 297) < 0.01
    print(f"page {first} of {book.path} for review: {png}")
    letter = pdf.print_book([Document.load(LETTER)], {"paper": "Letter", "index": False})
    (tmp_path / "letter.pdf").write_bytes(letter.pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "letter.pdf")], capture_output=True, text=True).stdout
    assert "612 x 792 pts" in info


def test_without_fop_pdf_fails_with_the_install_command_and_fo_still_works(tmp_path, monkeypatch):
    monkeypatch.setenv("TEIPIPE_FOP_JARS", str(tmp_path))
    with pytest.raises(pdf.FopMissing, match="apt-get install fop"):
        fop.classpath()
    # A new process: this one's FOP may be running already.
    done = subprocess.run([sys.executable, "-m", "pipeline", "build", str(LETTER), "--to", "fo,pdf",
                           "--out", str(tmp_path / "out")], capture_output=True, text=True)
    assert done.returncode == 1
    assert "apt-get install fop" in done.stdout + done.stderr
    assert (tmp_path / "out" / "fo" / "frus1958-60v18-d11.fo").stat().st_size > 10_000
    assert not (tmp_path / "out" / "pdf").exists()


@needs_fop
@pytest.mark.parametrize("source", ["/etc/passwd", "http://127.0.0.1:9/a.png", "file:///etc/hostname"])
def test_fop_reads_no_file_but_the_configured_fonts(source):
    """An FO that names another file (here an image) fails; FOP neither reads it nor fetches it."""
    fo = pdf.make_fo([Document.load(ABSTRACT)], {"index": False})
    fo = fo.replace("</fo:flow>", f'<fo:block><fo:external-graphic src="{source}"/></fo:block></fo:flow>', 1)
    with pytest.raises(pdf.FopError, match="Image not found"):
        pdf.run_fop(fo, "pdf")


@needs_fop
def test_with_source_date_epoch_a_pdf_is_reproducible_byte_for_byte(tmp_path):
    """The JVM reads $SOURCE_DATE_EPOCH when it starts: each PDF is made by a new process, in
    another time zone (FOP made its file id from the local time)."""
    made = []
    for zone in ("Asia/Tokyo", "America/New_York"):
        env = dict(os.environ, SOURCE_DATE_EPOCH="1700000000", TZ=zone)  # 2023-11-14T22:13:20Z
        out = tmp_path / zone.replace("/", "-")
        subprocess.run([sys.executable, "-m", "pipeline", "build", str(ABSTRACT), "--to", "pdf", "--out", str(out)],
                       env=env, check=True, capture_output=True)
        made.append((out / "pdf" / (ABSTRACT.stem + ".pdf")).read_bytes())
    assert made[0] == made[1]
    assert b"D:20231114221320" in made[0]


@needs_fop
def test_in_a_volume_a_pointer_to_another_document_is_a_link_to_it_and_alone_is_text(tmp_path):
    letter = ('<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>'
              '</titleStmt><publicationStmt><p>x</p></publicationStmt><sourceDesc><p>x</p></sourceDesc></fileDesc>'
              '</teiHeader><text><body><p>Opening.</p><p xml:id="p1">{body}</p></body></text></TEI>')
    (tmp_path / "a.xml").write_text(letter.format(title="Letter A", body=(
        'See the <ref target="b.xml#p1">answer</ref>, <ref target="b.xml">letter B</ref>, '
        '<ref target="b.xml#nowhere">nothing</ref> and <ref target="lost.xml#p1">a lost letter</ref>.')), encoding="utf-8")
    (tmp_path / "b.xml").write_text(letter.format(title="Letter B", body='Answer to <ref target="a.xml#p1">A</ref>.'),
                                    encoding="utf-8")
    documents = [Document.load(tmp_path / name) for name in ("a.xml", "b.xml")]
    fo_ns = "{http://www.w3.org/1999/XSL/Format}"

    def links(fo: str) -> dict[str, str]:
        assert "teipipe-link" not in fo
        root = etree.fromstring(fo.encode("utf-8"))
        found = {" ".join(link.xpath("string()").split()): link.get("internal-destination")
                 for link in root.xpath("//*[@id = 'a-' or @id = 'b-']//fo:basic-link", namespaces={"fo": fo_ns[1:-1]})}
        return {text: (destination, " ".join(root.xpath("string(//*[@id = $d])", d=destination).split()))
                for text, destination in found.items()}

    volume = links(pdf.make_fo(documents, {}))
    assert volume["answer"] == (volume["answer"][0], "Answer to A.")
    assert volume["A"][1] == "See the answer, letter B, nothing and a lost letter."
    assert volume["letter B"][1].startswith("Letter B") and "Answer to A." in volume["letter B"][1]
    assert "nothing" not in volume and "a lost letter" not in volume
    # Alone, a document's book holds no other: its pointers to them are text.
    alone = pdf.make_fo(documents[:1], {})
    assert links(alone) == {} and "See the answer, letter B, nothing and a lost letter." in " ".join(
        etree.fromstring(alone.encode("utf-8")).xpath("string()").split())
    for book in (pdf.print_book(documents, {}), pdf.print_book(documents[:1], {})):
        assert book.problems == [], book.problems  # FOP warns of a link to no id
