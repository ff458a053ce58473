"""The print edition: TEI to XSL-FO in two steps, and XSL-FO to PDF with Apache FOP.

In: published documents and the `fo` or `pdf` format's parameters. Out: FO text or PDF bytes,
one per document, and for the collection one volume of all documents (`volume.fo`,
`volume.pdf`).

Each document is made into a *part* by `xslt/fo/part.xsl` (`part`): its text as FO blocks (the
flow), with ids made from the document's key, and a summary of what the book around it needs
(title, authors, title-page and imprint FO, contents entries, the mentions of persons with
their index keys). `assemble_fo` runs `xslt/fo/frame.xsl` on the joined summaries only (page
masters, metadata, bookmarks, title pages, contents, running heads, the index of names) and
puts each document's flow, as text, where the frame leaves its place. A part depends on its
document alone, so a build keeps the parts (`Format.fragment`) and, when one document changes,
makes only that part again; a single document's FO is the same path with one part.

The index of names gives the pages of this edition on which each person is mentioned, which
only FOP knows. FOP lays a book out one page sequence at a time, as it reads the FO, and the
index is the book's last: so FOP reads the FO up to the index, says on which page each
mention (every mention carries an id) was set, and only then reads the index, which the frame
makes with those pages (`fop.Rest`). The index comes last, so filling it in moves no page
before it: one FOP run makes, byte for byte, the PDF that two would (a first to learn the
pages, `page_map` of its intermediate format, and a second of the FO with the index filled
in), at little more than half the cost (bench/README.md). The `fo` format is the FO without
the pages: there the index cites each mention with fo:page-number-citation.

FOP runs warm, inside this process (`formats.fop`): one JVM and one FOP set up serve every
pass, document and volume. With $SOURCE_DATE_EPOCH set when the JVM starts, the PDFs are dated
by it and reproducible byte for byte. FOP's warnings are kept on the `Book` and logged with the
document's name; its errors, and a character that no font of the edition has (FOP would print
'#'), raise `FopError` with FOP's message, which fails that document's PDF.
"""

from __future__ import annotations

import base64
import io
import logging
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from pipeline import XSLT_DIR, processes, saxon
from pipeline.document import Document, authority_nodes, image_addresses
from pipeline.formats import fop
from pipeline.formats.fop import FopError, FopMissing  # noqa: F401  (raised from here too)
from pipeline.saxon import TransformError

PART = XSLT_DIR / "fo" / "part.xsl"
#: The frame's stylesheet declares the format's parameters (through xslt/fo/shared.xsl).
FRAME = XSLT_DIR / "fo" / "frame.xsl"
VOLUME = "volume"

_IF_NS = "{http://xmlgraphics.apache.org/fop/intermediate}"
#: FOP's warnings that fail a book: a character no configured font has is printed as '#'.
_FATAL_KINDS = ("org.apache.fop.fonts.FontEventProducer.glyphNotAvailable",)
# Where the frame leaves the place of a document's flow, and where a part's flow begins and ends.
_FLOW_PLACE = "<?teipipe-flow?>"
_FLOW_START, _FLOW_END, _FLOW_EMPTY = "<flow>", "</flow>", "<flow/>"
_KEY = re.compile(r'<part [^>]*?\bkey="([^"]*)"')
#: The FO ids of the mentions of persons in a part's summary (xslt/fo/summary.xsl), in the text
#: (ids) and in notes (note-ids).
_MENTIONS = re.compile(r'<person [^>]*>')
_MENTION_IDS = re.compile(r'\b(?:ids|note-ids)="([^"]*)"')
#: Where the index of names begins in the FO (xslt/fo/names-index.xsl): the book's last page sequence;
#: text in the FO is escaped, so only that markup reads so.
_INDEX_START = '<fo:page-sequence master-reference="index-book"'
#: A link into another document between its marks (xslt/fo/inline.xsl), each mark naming its
#: destination; the ids of the FO, and a start tag's own id. (Attribute values in the FO are
#: escaped: no '"' or '>' in them.)
_LINK_MARK = "<?teipipe-link "
_LINK = re.compile(r'<\?teipipe-link (?P<start>[^?\s]+)\?>(?P<tag><fo:basic-link [^>]*>)'
                   r'|</fo:basic-link><\?teipipe-link-end (?P<end>[^?\s]+)\?>')
_IDS = re.compile(r'\sid="([^"]*)"')
_OWN_ID = re.compile(r'\sid="[^"]*"')
#: Begins each image a part carries after its XML: `<?teipipe-image FILE-URL BASE64?>`. A book
#: made from parts a build kept (OUT/.cache/) so reads its images from no file; and the FO's
#: text holds no such mark (the stylesheets copy no processing instruction; the marks of links
#: are others), so the first one ends the XML.
_IMAGES = "<?teipipe-image "

log = logging.getLogger(__name__)


@dataclass
class Book:
    pdf: bytes
    pages: int
    #: FOP's warnings (none for a clean book).
    problems: list[str]


def run_fop(fo: str, output: str = fop.PDF, rest: fop.Rest | None = None,
            served: dict[Path, bytes] | None = None) -> fop.Rendered:
    """Render FO text with the warm FOP to "pdf", or to "if" (FOP's intermediate format); with
    `rest`, `fo` is the FO's beginning (see `fop.render`); `served`, the images it may show.
    FOP's errors, and characters that no font of the edition has, raise `FopError`."""
    rendered = fop.render(fo, output, rest=rest, images=served)
    fatal = [e.message for e in rendered.events if e.severity in ("ERROR", "FATAL") or e.kind in _FATAL_KINDS]
    if fatal:
        more = f" (and {len(fatal) - 3} more)" if len(fatal) > 3 else ""
        raise FopError(f"FOP: {'; '.join(fatal[:3])}{more}")
    return rendered


def _warnings(rendered: fop.Rendered) -> list[str]:
    return [f"[{e.severity}] {e.message}" for e in rendered.events]


def page_map(intermediate: bytes) -> dict[str, tuple[str, int]]:
    """Every id of FOP's intermediate format: (printed page number, physical page from 1); what
    a book made in two FOP runs (benchmarks, tests) gives the frame.

    An id spanning pages is on the page where it begins: its first occurrence.
    """
    pages: dict[str, tuple[str, int]] = {}
    page = ("", 0)
    parser = etree.iterparse(io.BytesIO(intermediate), events=("start",), tag=(f"{_IF_NS}page", f"{_IF_NS}id"),
                             huge_tree=True, resolve_entities=False, no_network=True)
    for _, element in parser:
        if element.tag == f"{_IF_NS}page":
            page = (element.get("name", ""), int(element.get("index", "0")) + 1)
        else:
            pages.setdefault(element.get("name"), page)
    return pages


def _pages_document(pages: dict[str, tuple[str, int]]):
    # Imported here: xml.sax.saxutils pulls in urllib.request, which a build without PDF never needs.
    from xml.sax.saxutils import quoteattr
    rows = "".join(f"<id name={quoteattr(i)} page={quoteattr(p)} index=\"{n}\"/>"
                   for i, (p, n) in sorted(pages.items()))
    return saxon.to_xdm(f"<pages>{rows}</pages>", "urn:x-teipipe:pages")


def document_key(doc: Document) -> str:
    """The key of a document in a book, from which its part's FO ids are made: the file name
    without extension, as an id may spell it."""
    key = re.sub(r"[^A-Za-z0-9._-]", "_", doc.path.stem)
    return key if re.match(r"[A-Za-z_]", key) else "d" + key


def refuse_repeated_keys(keys: list[str], error: type[Exception]) -> None:
    """Raise `error` if two documents of one book have one key: their ids are made from it."""
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise error(f"documents of one book must have different file names: {', '.join(twice)}")


def part(doc: Document, params: dict) -> str:
    """A document's part of a book: its summary and its flow (see `xslt/fo/part.xsl`), then the
    images the flow shows, which it names by their files' URLs (`_IMAGES`)."""
    shown = [graphic for graphic in doc.graphics if graphic.data]
    linked = doc.linked()
    values = {"authorities": authority_nodes([doc]), "files": [other.xdm for other in linked],
              "file-keys": " ".join(document_key(other) for other in linked), **params, "key": document_key(doc),
              **({"images": image_addresses({g.ordinal: g.path.as_uri() for g in shown})} if shown else {})}
    text = saxon.apply(PART, doc.xdm, values)
    carried = {graphic.path: graphic.data for graphic in shown}
    return text + "".join(f"{_IMAGES}{path.as_uri()} {base64.b64encode(data).decode('ascii')}?>"
                          for path, data in carried.items())


def _images(parts: list[str]) -> dict[Path, bytes]:
    """The images the parts carry, by file: the only ones FOP is served."""
    carried = {}
    for text in parts:
        start = text.find(_IMAGES)
        for image in text[start + len(_IMAGES):].split(_IMAGES) if start >= 0 else ():
            url, _, data = image.removesuffix("?>").partition(" ")
            carried[Path(unquote(urlsplit(url).path))] = base64.b64decode(data)
    return carried


def _split(text: str) -> tuple[str, str]:
    """(summary, flow) of a part, without its images. The flow is the part's last element, and
    the summary before it holds no `<flow>` tag (its text is escaped), so the first such tag
    begins it."""
    if _IMAGES in text:
        text = text[:text.index(_IMAGES)]
    start = text.find(_FLOW_START)
    if start < 0:
        return text.replace(_FLOW_EMPTY, "", 1), ""
    end = text.rindex(_FLOW_END)
    return text[:start] + text[end + len(_FLOW_END):], text[start + len(_FLOW_START):end]


def assemble_fo(parts: list[str], params: dict, pages=None) -> str:
    """The FO of a book of the documents whose parts are given, in order; with `pages`, the
    index filled in. The frame is made from the summaries; the flows are put in as text."""
    places, flows = _framed(parts, params, pages)
    return "".join(text for pair in zip(places, flows) for text in pair) + places[-1]


def _framed(parts: list[str], params: dict, pages=None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The frame of the book, cut where the documents' flows go, and the flows."""
    summaries, flows = zip(*map(_split, parts))
    refuse_repeated_keys([m[1] for m in map(_KEY.search, summaries)], TransformError)
    if pages is None:
        places = frame("".join(summaries), tuple(sorted(params.items())))
    else:
        places = _frame_of("".join(summaries), {**params, "pages": [_pages_document(pages)]})
    if len(places) != len(flows) + 1:
        raise TransformError(f"{FRAME.name}: {len(places) - 1} places for the texts of {len(flows)} documents")
    return places, _link_documents(places, flows)


def _link_documents(places: tuple[str, ...], flows: tuple[str, ...]) -> tuple[str, ...]:
    """The flows with each link into another document (between the marks xslt/fo/inline.xsl
    puts around it) kept where the book holds its destination, else made text (an fo:inline
    with the pointer's own id): FOP gets no link to an id the book lacks."""
    if not any(_LINK_MARK in flow for flow in flows):
        return flows
    ids = {i for text in (*places, *flows) for i in _IDS.findall(text)}

    def link_or_text(match: re.Match) -> str:
        if match["start"] is not None:
            if match["start"] in ids:
                return match["tag"]
            own = _OWN_ID.search(match["tag"])
            return f"<fo:inline{own[0] if own else ''}>"
        return "</fo:basic-link>" if match["end"] in ids else "</fo:inline>"
    return tuple(_LINK.sub(link_or_text, flow) for flow in flows)


@processes.keep(maxsize=2)
def frame(summaries: str, params: tuple) -> tuple[str, ...]:
    """The frame of these summaries, cut where the texts go; the last two made are kept, so
    that a watching build makes a volume whose summaries did not change (a correction in the
    text) from the frame it made before. (Benchmarks, which make the same one again and again,
    empty the cache with `frame.cache_clear()`.)"""
    return _frame_of(summaries, dict(params))


def _frame_of(summaries: str, values: dict) -> tuple[str, ...]:
    book = saxon.to_xdm(f"<parts>{summaries}</parts>", "urn:x-teipipe:parts")
    return tuple(saxon.apply(FRAME, book, values).split(_FLOW_PLACE))


def make_fo(documents: list[Document], params: dict, pages=None) -> str:
    """The FO of one document, or of a volume of several; with `pages`, the index filled in."""
    return assemble_fo([part(doc, params) for doc in documents], params, pages)


def print_parts(parts: list[str], params: dict) -> Book:
    """The PDF of the book of these parts, its index of names (if it has one) paged in the same
    FOP run: FOP reads the index last, made from the pages on which it set the mentions."""
    fo = assemble_fo(parts, params)
    start = fo.rfind(_INDEX_START)
    if start < 0:
        run = run_fop(fo, fop.PDF, served=_images(parts))
    else:
        # (The index is the frame's last page sequence: after the last document's flow.)
        rest = fop.Rest(_mention_ids(parts), lambda pages: _index_of(_framed(parts, params, pages)[0][-1]))
        run = run_fop(fo[:start], fop.PDF, rest, served=_images(parts))
    return Book(run.output, run.pages, _warnings(run))


def _mention_ids(parts: list[str]) -> list[str]:
    return [i for summary, _ in map(_split, parts) for person in _MENTIONS.findall(summary)
            for ids in _MENTION_IDS.findall(person) for i in ids.split()]


def _index_of(fo: str) -> str:
    return fo[fo.rindex(_INDEX_START):]


def print_book(documents: list[Document], params: dict) -> Book:
    """The PDF of one document or of a volume."""
    return print_parts([part(doc, params) for doc in documents], params)


def _report(book: Book, name: str) -> bytes:
    for problem in book.problems:
        log.warning("%s: FOP: %s", name, problem)
    return book.pdf


# The functions the format registry calls. A document's `fo` and `pdf` are its part framed
# (`fo_of_part`, `pdf_of_part`): a build makes the part once and keeps it for the volume too.

def fo_of_part(doc: Document, text: str, params: dict) -> bytes:
    return assemble_fo([text], params).encode("utf-8")


def render_fo(doc: Document, params: dict) -> bytes:
    return fo_of_part(doc, part(doc, params), params)


def assemble_fo_volume(parts: list[str], params: dict) -> dict[str, bytes]:
    if len(parts) < 2:
        return {}
    return {VOLUME + ".fo": assemble_fo(parts, params).encode("utf-8")}


def collect_fo(documents: list[Document], params: dict) -> dict[str, bytes]:
    return assemble_fo_volume([part(doc, params) for doc in documents], params)


def pdf_of_part(doc: Document, text: str, params: dict) -> bytes:
    return _report(print_parts([text], params), doc.path.name)


def render_pdf(doc: Document, params: dict) -> bytes:
    return pdf_of_part(doc, part(doc, params), params)


def assemble_pdf_volume(parts: list[str], params: dict) -> dict[str, bytes]:
    if len(parts) < 2:
        return {}
    return {VOLUME + ".pdf": _report(print_parts(parts, params), VOLUME + ".pdf")}


def collect_pdf(documents: list[Document], params: dict) -> dict[str, bytes]:
    return assemble_pdf_volume([part(doc, params) for doc in documents], params)
