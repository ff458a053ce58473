"""The e-book edition: EPUB 3, one per document and one of all documents built together.

In: published documents and the `epub` format's parameters. Out: the bytes of an EPUB 3
package for each document (a FRUS volume's is the whole volume), and for a collection of two
or more, `volume.epub` with every document in order. A reading system opens it with a
navigation document (the contents; for a volume, the volume's own contents page), a page list
of the original's numbered pages, the footnotes as EPUB notes (`epub:type` noteref and
footnote, linked both ways) and the indexes of names; the package's metadata comes from the TEI
header, with the accessibility metadata EPUB Accessibility 1.1 asks for.

The pages are the web edition's: `xslt/epub/epub.xsl` imports `xslt/html/html.xsl` and changes
only the page shell and the page-break marker; the indexes are `xslt/html/collection.xsl`'s,
by `xslt/epub/index.xsl`. Each page is then made an XHTML content document here
(`_content_document`): in the XHTML namespace, footnote lists as `aside` elements; and every
link is checked against the book (`_relink`): a link to a file or an id the book does not hold
(an index with no entry for the name, a document not in the book) is left as text, never
dangling. A link to another document leads to its content document when the book holds it (a
volume of both): a part cannot know, so it keeps such links with their targets (`links`), and
the book checks them (`_link_documents`).

A document is first made into a *part* (`part`, JSON text): its pages in final form, its
contents, page list, the summary its index entries come from, and the header's facts. A book is
assembled from parts (`book`), so a build keeps each document's part (`Format.fragment`) and,
when one document changes, makes only that part again before zipping the volume.

The bytes are deterministic: the zip's dates are $SOURCE_DATE_EPOCH (else 1 January 2000), the
`mimetype` file comes first and is stored uncompressed, files follow in a fixed order. Nothing
from outside the run goes in: a figure's image is embedded only as the web edition shows it,
from the bytes the document was allowed (`document.graphics`), under `media/` named by its
content (a part carries those its pages show, in base64); the only fonts added are the
system's Noto fonts for scripts readers often lack (Ethiopic).
"""

from __future__ import annotations

import base64
import json
import os
import posixpath
import re
import time
import zipfile
from html import escape
from io import BytesIO
from pathlib import Path
from urllib.parse import quote, urlsplit

from lxml import etree

from pipeline import XSLT_DIR, processes, saxon
from pipeline.document import Document, authority_nodes, image_addresses
from pipeline.formats import html
from pipeline.formats.pdf import document_key, refuse_repeated_keys

STYLESHEET = XSLT_DIR / "epub" / "epub.xsl"
INDEX = XSLT_DIR / "epub" / "index.xsl"
#: The reading-system rules that follow the web edition's style sheet in the book's one CSS file.
READER_CSS = XSLT_DIR / "epub" / "epub.css"
VOLUME = "volume.epub"
XHTML_NS = "http://www.w3.org/1999/xhtml"
OPS_NS = "http://www.idpf.org/2007/ops"
_X = f"{{{XHTML_NS}}}"
_EPUB_TYPE = f"{{{OPS_NS}}}type"
_BOOK_MARK = "<?tp-book?>"
#: The book's folder of the images its pages show (each named by its content: `document.Graphic.name`).
_MEDIA = "media"
#: The index pages of the web edition, by the kind of name their entries are.
_INDEXES = {"person": "persons.html", "place": "places.html", "org": "orgs.html"}
#: Scripts whose letters a reading system often has no font for: the font embedded for them.
_FONTS = {
    "Ethiopic": (re.compile("[\u1200-\u139f\u2d80-\u2ddf\uab00-\uab2f]"), "Noto Serif Ethiopic",
                 Path("/usr/share/fonts/truetype/noto/NotoSerifEthiopic-Regular.ttf")),
}
_PARSER = etree.XMLParser(huge_tree=True, no_network=True, resolve_entities=False, load_dtd=False)
#: 1 January 2000, when $SOURCE_DATE_EPOCH is not set.
_DEFAULT_EPOCH = 946684800


class EpubError(ValueError):
    """A page of the edition that cannot be made a content document."""


# ---------------------------------------------------------------- a document's part

def part(doc: Document, params: dict) -> str:
    """A document's part of a book: its pages as content documents and what the book needs of
    it, as JSON text."""
    key = document_key(doc)
    linked = doc.linked()
    # An image's address from the book's root; the web edition's pages put it relative to theirs.
    addresses = {graphic.ordinal: f"{_MEDIA}/{graphic.name}" for graphic in doc.graphics if graphic.data}
    copies = {addresses[graphic.ordinal]: graphic.data for graphic in doc.graphics if graphic.data}
    values = {"authorities": authority_nodes([doc]), "files": [other.xdm for other in linked], **params,
              "stem": key, "key": key, **({"images": image_addresses(addresses)} if addresses else {})}
    record, pages = _cut(saxon.apply(STYLESHEET, doc.xdm, values))
    summary = etree.fromstring(html.summary(doc, {**params, "page": key + ".html"}).encode("utf-8"), _PARSER)
    # The index pages this document's entries will be on (a book's index page holds the entries
    # of all its documents): a name leads there only to an entry the document has.
    entries = {_INDEXES[kind]: {e.get("key") for e in summary.iterfind(f"entity[@type='{kind}']")} for kind in _INDEXES}
    # The web edition's file names, from the book's root: a volume's pages are in its folder.
    webs = [f"{key}/{name}" if len(pages) > 1 else name for name, _ in pages]
    known = {web: _book_name(web) for web in [*webs, *(index for index, keys in entries.items() if keys)]}
    roots = [_content_document(page, web) for web, (_, page) in zip(webs, pages)]
    ids = {known[web]: set(root.xpath("//@id")) for web, root in zip(webs, roots)}
    ids.update({known[index]: keys for index, keys in entries.items() if keys})
    # The web edition's name of each other document's pages ("b.html", "v/d1.html"; xslt/html/
    # layout.xsl, h:file-page) and its key, which names its pages in a book.
    others = {quote(Path(urlsplit(other.uri).path).stem, safe=""): document_key(other) for other in linked}
    documents, page_list, scripts, contents, links, media = [], [], set(), [], {}, {}
    for web, root in zip(webs, roots):
        elsewhere = _relink(root, web, known, ids, others)
        media.update(_shown_images(root, known[web], copies))
        name, title = known[web], root.findtext(f"{_X}head/{_X}title") or web
        if elsewhere:
            links[name] = elsewhere
        if len(pages) > 1 and not contents:
            contents = _contents_of(root.find(f"{_X}body/{_X}main"), name)
        page_list += [[f"{name}#{marker.get('id')}", marker.get("aria-label")]
                      for marker in root.iter(_X + "span") if marker.get(_EPUB_TYPE) == "pagebreak"]
        text = "".join(root.itertext())
        scripts |= {script for script, (letters, _, _) in _FONTS.items() if letters.search(text)}
        documents.append([name, title, _serialize(root)])
    _drop_unshown(summary, key + ".html", known, ids)
    return json.dumps({"key": key, "book": record, "pages": documents, "page_list": page_list, "links": links,
                       "contents": [[documents[0][1], documents[0][0], contents]],
                       "summary": etree.tostring(summary, encoding="unicode"), "scripts": sorted(scripts),
                       "media": dict(sorted(media.items()))},
                      ensure_ascii=False)


def _shown_images(root, name: str, copies: dict[str, bytes]) -> dict[str, str]:
    """The images the content document `name` shows, by their file in the book, in base64;
    an image that is none of the document's copies is refused (the stylesheet takes no address
    from the document)."""
    shown = {}
    for image in root.iter(_X + "img"):
        target = posixpath.normpath(posixpath.join(posixpath.dirname(name), image.get("src", "")))
        if target not in copies:
            raise EpubError(f"{name}: an image that is not one of the document's ({image.get('src')})")
        shown[target] = base64.b64encode(copies[target]).decode("ascii")
    return shown


def _drop_unshown(summary, page: str, known: dict[str, str], ids: dict[str, set[str]]) -> None:
    """Take out of the document's summary the mentions its pages do not show (a name in an
    apparatus entry has no id to lead to): the index leads only to what is there."""
    for mention in summary.iterfind("entity/mention"):
        shown_on = known.get(mention.get("page") or page)
        if mention.get("id") and mention.get("id") not in ids.get(shown_on, ()):
            mention.getparent().remove(mention)


def _cut(text: str) -> tuple[dict, list[tuple[str, str]]]:
    """The header's facts and the (name, page) pairs of the stylesheet's output."""
    if not text.startswith(_BOOK_MARK):
        raise EpubError(f"{STYLESHEET.name}: no record of the book before its pages")
    parts = html.PAGE_MARK.split(text[len(_BOOK_MARK):])
    if len(parts) < 3 or len(parts) % 2 == 0:
        raise EpubError(f"{STYLESHEET.name}: a page of the book without a valid name")
    book = etree.fromstring(parts[0].encode("utf-8"), _PARSER)
    record = dict(book.attrib)
    record["creators"] = [[e.tag, e.get("role"), e.text or ""] for e in book]
    return record, list(zip(parts[1::2], parts[2::2]))


def _book_name(web: str) -> str:
    """The file in the book of a page of the web edition: "K/d1.html" is "K/d1.xhtml"."""
    return web.removesuffix(".html") + ".xhtml"


def _content_document(page: str, web: str) -> etree._Element:
    """The XHTML content document of the web edition's page `web`, its links still the web
    edition's (`_relink`)."""
    page = page.removeprefix(html.DOCTYPE)
    if not page.startswith("<html"):
        raise EpubError(f"{web}: not a page")
    page = f'<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}"' + page[len("<html"):]
    root = etree.fromstring(page.encode("utf-8"), _PARSER)
    for ref in root.iter(_X + "a"):
        if ref.get("role") == "doc-noteref":
            ref.set(_EPUB_TYPE, "noteref")
    for notes in root.iterfind(f".//{_X}ol[@class='notes']"):
        # Reading systems show an aside marked footnote as a pop-up; an aside is no list item.
        notes.tag = _X + "div"
        for note in notes:
            note.tag = _X + "aside"
            note.set(_EPUB_TYPE, "footnote")
            note.set("role", "doc-footnote")
    return root


def _serialize(root: etree._Element) -> str:
    return etree.tostring(root, encoding="unicode", doctype="<!DOCTYPE html>")


def _contents_of(container, name: str) -> list:
    """The entries of a volume's contents page (xslt/html/volume.xsl) as [label, href, entries]:
    a section (front matter, a chapter) with its heading, each list item with its link."""
    entries = []
    for child in container:
        if child.tag == _X + "section":
            heading = next((h for h in child if h.tag[len(_X):] in ("h1", "h2", "h3", "h4", "h5", "h6")), None)
            inner = _contents_of(child, name)
            if inner:
                entries.append([_words(heading) or "Contents", None, inner])
        elif child.tag in (_X + "ol", _X + "ul"):
            for item in child.iterfind(_X + "li"):
                link = item.find(f".//{_X}a[@href]")
                if link is not None:
                    number = "".join(item.xpath("x:span[@class='doc-number']//text()", namespaces={"x": XHTML_NS}))
                    href = posixpath.normpath(posixpath.join(posixpath.dirname(name), link.get("href")))
                    entries.append([" ".join((number + _words(link)).split()), href, []])
    return entries


def _words(element) -> str:
    """The words of an element, a line break as a space."""
    if element is None:
        return ""
    return " ".join("".join(node if isinstance(node, str) else " " for node in element.xpath(
        ".//text() | .//x:br", namespaces={"x": XHTML_NS})).split())


def _relink(root, web: str, known: dict[str, str], ids: dict[str, set[str]],
            others: dict[str, str] | None = None) -> list[list[str]]:
    """Point the links of the page at `web` to the book's files, and make text of a link to no
    file of the book or to no id of a page of it (nor to the web: readers open those in a
    browser). `known` maps the web edition's file names (from the book's root) to the book's;
    `ids` holds the ids of the pages whose links are checked to the id. A link to a page of
    another document (`others`: its web name's stem to its key) is pointed to the file that
    page is in a book of both, and returned as [file, id] for the book to check."""
    name = known[web]
    elsewhere = []
    for link in root.iter(_X + "a"):
        href = link.get("href")
        if href is None:
            continue
        parts = urlsplit(href)
        if parts.scheme in ("http", "https", "mailto") and parts.netloc + parts.path:
            continue
        target, later = (name if not parts.path else None), False
        if not parts.scheme and parts.path:
            path = posixpath.normpath(posixpath.join(posixpath.dirname(web), parts.path))
            target = known.get(path)
            if target is None:
                target = _other_page(path, others or {})
                later = target is not None
        if target is not None and (later or not parts.fragment or target not in ids or parts.fragment in ids[target]):
            relative = _relative(target, name) if parts.path else ""
            link.set("href", relative + (f"#{parts.fragment}" if parts.fragment else ""))
            if later:
                elsewhere.append([target, parts.fragment])
            continue
        _unlink(link)
    return elsewhere


def _other_page(path: str, others: dict[str, str]) -> str | None:
    """The book's file of the web edition's page `path` of another document ("b.html" of the
    document keyed "b", "v/d1.html" of a volume), if it is one."""
    stem, slash, rest = path.partition("/")
    if not slash:
        stem, rest = path.removesuffix(".html"), ""
    if stem not in others or not path.endswith(".html"):
        return None
    return _book_name(f"{others[stem]}/{rest}" if slash else others[stem] + ".html")


def _unlink(link) -> None:
    """Make the link `link` text: a span holding what it held."""
    link.tag = _X + "span"
    for attribute in ("href", "rel", "download", "hreflang", "type", "target"):
        link.attrib.pop(attribute, None)
    if link.get("role") in ("doc-noteref", "doc-backlink"):
        del link.attrib["role"]
        link.attrib.pop(_EPUB_TYPE, None)


def _relative(target: str, name: str) -> str:
    """The address of the book's file `target` from its file `name` (both from the book's root)."""
    here, there = name.split("/")[:-1], target.split("/")
    common = 0
    while common < min(len(here), len(there) - 1) and here[common] == there[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + there[common:])


# ---------------------------------------------------------------- the book

def book(parts: list[str], params: dict) -> bytes:
    """The EPUB of the documents whose parts are given, in order: one document's, or a volume
    of several (with a contents page first)."""
    parts = [json.loads(text) for text in parts]
    refuse_repeated_keys([p["key"] for p in parts], EpubError)
    record = parts[0]["book"] if len(parts) == 1 else _volume_record(parts, params)
    pages = [page for p in parts for page in p["pages"]]
    contents = [entry for p in parts for entry in p["contents"]]
    indexes = _indexes(parts, pages, params)
    _link_documents(pages, [name for name, _, _ in indexes],
                    {name: links for p in parts for name, links in p["links"].items()})
    contents += [[title, name, []] for name, title, _ in indexes]
    page_list = [entry for p in parts for entry in p["page_list"]]
    # (A font not installed here is not embedded: readers that have one still show the text.)
    scripts = sorted({script for p in parts for script in p["scripts"] if _FONTS[script][2].is_file()})
    nav = _nav(record, contents, page_list, with_title=len(parts) > 1)
    spine = ([["nav.xhtml", "", nav]] if len(parts) > 1 else []) + pages + indexes
    files = {name: text.encode("utf-8") for name, _, text in spine}
    files["nav.xhtml"] = nav.encode("utf-8")
    files["edition.css"] = _css(scripts)
    files.update((name, base64.b64decode(data)) for p in parts for name, data in p["media"].items())
    for script in scripts:
        font = _FONTS[script][2]
        files["fonts/" + font.name] = font.read_bytes()
    files["package.opf"] = _package(record, files, [name for name, _, _ in spine], bool(page_list))
    return _zip(files)


def _link_documents(pages: list[list[str]], indexes: list[str], links: dict[str, list[list[str]]]) -> None:
    """Make text of the links between documents (`links`: by page, [file, id] each, as `part`
    found them) that lead to no page of the book or to no id of it: their pages are made again,
    with the book's other files (`indexes`) there to link to."""
    texts = {name: text for name, _, text in pages}
    targets = {target for page_links in links.values() for target, _ in page_links if target in texts}
    ids = {target: set(etree.fromstring(texts[target].encode("utf-8"), _PARSER).xpath("//@id")) for target in targets}
    for page in pages:
        name, _, text = page
        if any(target not in ids or (fragment and fragment not in ids[target]) for target, fragment in links.get(name, ())):
            root = etree.fromstring(text.encode("utf-8"), _PARSER)
            _relink(root, name, {n: n for n in [*texts, *indexes]}, ids)
            page[2] = _serialize(root)


def _volume_title(given: str, books: list[str]) -> str:
    """The title of a book of several documents, by the print edition's rule (f:volume-title,
    xslt/fo/layout.xsl): the title given, else the one book (tp:book-title) the documents all
    come from, else a general one."""
    if given.strip():
        return given
    shared = set(books)
    return shared.pop() if len(shared) == 1 and books[0].strip() else "Collected Sources"


def _volume_record(parts: list[dict], params: dict) -> dict:
    languages = {p["book"]["lang"] for p in parts}
    directions = {p["book"]["dir"] for p in parts}
    return {"title": _volume_title(params.get("volume-title", ""), [p["book"]["book"] for p in parts]),
            "lang": languages.pop() if len(languages) == 1 else "und",
            "dir": directions.pop() if len(directions) == 1 else "ltr",
            "identifier": "", "date": "", "rights": "", "publisher": "",
            "source": "; ".join(dict.fromkeys(p["book"]["source"] for p in parts if p["book"]["source"])),
            "creators": list(dict.fromkeys(tuple(c) for p in parts for c in p["book"]["creators"]))}


def _indexes(parts: list[dict], pages: list, params: dict) -> list[list[str]]:
    """The index pages of the kinds of names the documents name, as [name, title, text]."""
    return [list(page) for page in indexes("".join(p["summary"] for p in parts),
                                           tuple(name for name, _, _ in pages), tuple(sorted(params.items())))]


@processes.keep(maxsize=2)
def indexes(summaries: str, pages: tuple[str, ...], params: tuple) -> tuple[tuple[str, str, str], ...]:
    """The index pages of these summaries, for a book of these pages; the last two made are
    kept, so that a watching build remakes a volume after a correction in the text (which
    leaves the summaries as they were) without making them again."""
    kinds = [kind for kind in _INDEXES if re.search(rf'<entity [^>]*\btype="{kind}"', summaries)]
    if not kinds:
        return ()
    collection = saxon.to_xdm(f"<collection>{summaries}</collection>", "urn:x-teipipe:collection")
    known = {name.removesuffix(".xhtml") + ".html": name for name in pages}
    known.update({_INDEXES[kind]: _book_name(_INDEXES[kind]) for kind in kinds})
    made = []
    for kind in kinds:
        page = saxon.apply(INDEX, collection, {**dict(params), "page": _INDEXES[kind]})
        root = _content_document(page, _INDEXES[kind])
        _relink(root, _INDEXES[kind], known, {known[_INDEXES[kind]]: set(root.xpath("//@id"))})
        made.append((known[_INDEXES[kind]], root.findtext(f"{_X}head/{_X}title"), _serialize(root)))
    return tuple(made)


def _nav(record: dict, contents: list, page_list: list, with_title: bool) -> str:
    """The navigation document: contents, the original's pages, landmarks."""
    def items(entries) -> str:
        return "".join(f'<li><a href="{escape(href)}">{escape(label)}</a>'
                       f'{"<ol>" + items(inner) + "</ol>" if inner else ""}</li>' if href else
                       f'<li><span>{escape(label)}</span><ol>{items(inner)}</ol></li>'
                       for label, href, inner in entries)
    # The navigation document is a page of the book (its first) only for a volume of documents.
    title = f'<h1 class="book-title">{escape(record["title"])}</h1>' if with_title else ""
    landmark = '<li><a epub:type="toc" href="nav.xhtml#toc">Contents</a></li>' if with_title else ""
    pages = (f'<nav epub:type="page-list" role="doc-pagelist" aria-label="Pages of the original" hidden="hidden">'
             f'<ol>{items([[label, href, []] for href, label in page_list])}</ol></nav>') if page_list else ""
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<!DOCTYPE html>\n<html xmlns="{XHTML_NS}" xmlns:epub="{OPS_NS}"'
            f' lang="{escape(record["lang"])}" xml:lang="{escape(record["lang"])}"><head><meta charset="utf-8"/>'
            f'<title>{escape(record["title"])}</title><link rel="stylesheet" href="edition.css"/></head><body>{title}'
            f'<nav epub:type="toc" role="doc-toc" id="toc"><h2>Contents</h2><ol>{items(contents)}</ol></nav>{pages}'
            f'<nav epub:type="landmarks" hidden="hidden"><ol>{landmark}<li><a epub:type="bodymatter" href="{escape(contents[0][1])}">Text</a></li></ol></nav></body></html>')


def _css(scripts: list[str]) -> bytes:
    """The web edition's style sheet, then the reading system's rules, then the embedded fonts,
    each named in the edition's font list before its generic family."""
    css = html.CSS.read_text(encoding="utf-8") + "\n" + READER_CSS.read_text(encoding="utf-8")
    families = [_FONTS[script] for script in scripts]
    if families:
        stack, _, generic = _FONT_LIST.search(css)[1].rpartition(",")
        css += "".join(f'@font-face {{ font-family: "{family}"; src: url(fonts/{file.name}); }}\n'
                       for _, family, file in families)
        named = ", ".join(f'"{family}"' for _, family, _ in families)
        css += f"html {{ font-family: {stack}, {named},{generic}; }}\n"
    return css.encode("utf-8")


#: The font list of the web edition's page (the rule for html).
_FONT_LIST = re.compile(r"^html \{[^}]*?font-family:\s*([^;]+);", re.M)
_MEDIA_TYPES = {".xhtml": "application/xhtml+xml", ".css": "text/css", ".ttf": "font/ttf",
                ".png": "image/png", ".jpg": "image/jpeg", ".gif": "image/gif"}
_NAV_PROPERTY = ' properties="nav"'
_DATE = re.compile(r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$")
_ACCESSIBILITY = ("The text of the edition with its structure, footnotes linked both ways and a list of the "
                  "original's pages; images of the original are not included.")


def _package(record: dict, files: dict[str, bytes], spine: list[str], paged: bool) -> bytes:
    """The package document (OPF): metadata from the header, manifest, spine."""
    epoch = _epoch()
    identifier = record["identifier"] or "urn:x-teipipe:" + re.sub(r"[^A-Za-z0-9._-]", "_", record["title"])[:80]
    meta = [f'<dc:identifier id="id">{escape(identifier)}</dc:identifier>',
            f'<dc:title>{escape(record["title"])}</dc:title>',
            f'<dc:language>{escape(record["lang"])}</dc:language>',
            f'<meta property="dcterms:modified">{time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime(epoch))}</meta>']
    if _DATE.match(record["date"]):
        meta.append(f'<dc:date>{record["date"]}</dc:date>')
    for field in ("rights", "publisher"):
        if record[field]:
            meta.append(f'<dc:{field}>{escape(record[field])}</dc:{field}>')
    if record["source"] or paged:
        meta.append(f'<dc:source>{escape(record["source"] or record["title"])}</dc:source>')
    for n, (element, role, name) in enumerate(record["creators"], 1):
        meta.append(f'<dc:{element} id="c{n}">{escape(name)}</dc:{element}>'
                    f'<meta refines="#c{n}" property="role" scheme="marc:relators">{role}</meta>')
    features = ["structuralNavigation", "tableOfContents", "readingOrder"] + (["pageNavigation"] if paged else [])
    visual = any(Path(name).suffix in (".png", ".jpg", ".gif") for name in files)
    meta += ['<meta property="schema:accessMode">textual</meta>',
             *(['<meta property="schema:accessMode">visual</meta>'] if visual else []),
             '<meta property="schema:accessModeSufficient">textual</meta>',
             *(f'<meta property="schema:accessibilityFeature">{feature}</meta>' for feature in features),
             '<meta property="schema:accessibilityHazard">none</meta>',
             f'<meta property="schema:accessibilitySummary">{_ACCESSIBILITY}</meta>']
    ids = {name: f"f{n}" for n, name in enumerate(sorted(n for n in files if n != "package.opf"), 1)}
    manifest = "".join(f'<item id="{ids[name]}" href="{escape(name)}" media-type="{_MEDIA_TYPES[Path(name).suffix]}"'
                       f'{_NAV_PROPERTY if name == "nav.xhtml" else ""}/>' for name in ids)
    direction = ' page-progression-direction="rtl"' if record["dir"] == "rtl" else ""
    itemrefs = "".join(f'<itemref idref="{ids[name]}"/>' for name in spine)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<package xmlns="http://www.idpf.org/2007/opf" version="3.0"'
            f' unique-identifier="id" xml:lang="{escape(record["lang"])}" prefix="schema: http://schema.org/">'
            f'<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">{"".join(meta)}</metadata>'
            f'<manifest>{manifest}</manifest><spine{direction}>{itemrefs}</spine></package>').encode("utf-8")


def _epoch() -> int:
    try:
        return max(int(os.environ["SOURCE_DATE_EPOCH"]), 315532800)  # a zip dates from 1980
    except (KeyError, ValueError):
        return _DEFAULT_EPOCH


def _zip(files: dict[str, bytes]) -> bytes:
    """The container: `mimetype` first and stored, then META-INF, then the book under OEBPS/."""
    stamp = time.gmtime(_epoch())[:6]
    buffer = BytesIO()
    with zipfile.ZipFile(buffer, "w") as container:
        def put(name: str, data: bytes, method: int = zipfile.ZIP_DEFLATED) -> None:
            info = zipfile.ZipInfo(name, stamp)
            info.compress_type = method
            info.external_attr = 0o644 << 16
            container.writestr(info, data, compresslevel=6)
        put("mimetype", b"application/epub+zip", zipfile.ZIP_STORED)
        put("META-INF/container.xml", b'<?xml version="1.0" encoding="utf-8"?>\n<container version="1.0" '
            b'xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile '
            b'full-path="OEBPS/package.opf" media-type="application/oebps-package+xml"/></rootfiles></container>')
        for name in ["package.opf", *sorted(n for n in files if n != "package.opf")]:
            put("OEBPS/" + name, files[name])
    return buffer.getvalue()


# ---------------------------------------------------------------- the registry's functions

def epub_of_part(doc: Document, text: str, params: dict) -> bytes:
    return book([text], params)


def render(doc: Document, params: dict) -> bytes:
    return book([part(doc, params)], params)


def assemble(parts: list[str], params: dict) -> dict[str, bytes]:
    return {VOLUME: book(parts, params)} if len(parts) > 1 else {}


def collect(documents: list[Document], params: dict) -> dict[str, bytes]:
    return assemble([part(doc, params) for doc in documents], params)
