"""The web edition's pages about the whole collection, and the files every page shares.

In: the published documents and the `html` format's parameters. Out, by file name: `index.html`
(every document, by date), `persons.html`, `places.html`, `orgs.html` (one entry per person,
place or organization, however many documents name it, with links to each place it is named),
and `edition.css`, the style sheet all pages link to.

Each document is summarized by `xslt/html/summary.xsl` (`summary`: title, date, source, the
entries it names and where); `assemble` joins the summaries into one `<collection>` that
`xslt/html/collection.xsl` turns into each page. A summary depends on its document alone, so a
build keeps them (`Format.fragment`) and, when one document changes, summarizes only that one.
The pages of a source are made by `xslt/html/html.xsl` (`render`): one page for a single
document; for a volume of documents (see `xslt/html/volume.xsl`), a folder of pages, which the
stylesheet writes as one text, each page after a `<?tp-page NAME?>` mark, and `render` cuts
(one transform of the volume: its tables of ids, names and notes are made once). Page names
are checked here: a page is never written outside its volume's folder. The images a document
shows (`document.graphics`: files of the edition, checked and read once) are copied into
`<stem>.media/` beside its pages, as files of its output: a build remakes them with the page,
withdraws them with the document and keeps them when it keeps the page.
"""

from __future__ import annotations

import re

from pipeline import XSLT_DIR, saxon
from pipeline.document import Document, authority_nodes, image_addresses

STYLESHEET = XSLT_DIR / "html" / "html.xsl"
SUMMARY = XSLT_DIR / "html" / "summary.xsl"
COLLECTION = XSLT_DIR / "html" / "collection.xsl"
CSS = XSLT_DIR / "html" / "edition.css"
PAGES = ("index.html", "persons.html", "places.html", "orgs.html")
#: The mark before each page of a volume (names are made by volume.xsl: letters, digits, . _ -).
PAGE_MARK = re.compile(r"<\?tp-page ([A-Za-z0-9][A-Za-z0-9._-]*\.html)\?>")
DOCTYPE = "<!DOCTYPE html>"
#: The folder beside a document's page (OUT/html/<stem>.media/) that holds copies of its images,
#: each named by its content (`document.Graphic.name`).
MEDIA = ".media"


def render(doc: Document, params: dict) -> bytes | dict[str, bytes]:
    """The page of `doc`, or for a volume its pages by name under OUT/html/: {"<stem>/d1.html": ...},
    its contents page first; then the copies of the images it shows (`media`)."""
    copies = {graphic.ordinal: (f"{doc.path.stem}{MEDIA}/{graphic.name}", graphic.data)
              for graphic in doc.graphics if graphic.data}
    shown = {ordinal: name for ordinal, (name, _) in copies.items()}
    values = {"authorities": authority_nodes([doc]), "files": [linked.xdm for linked in doc.linked()], **params,
              "stem": doc.path.stem, **({"images": image_addresses(shown)} if shown else {})}
    text = saxon.apply(STYLESHEET, doc.xdm, values)
    files = dict(copies.values())
    if not text.startswith("<?tp-page "):
        page = text.encode("utf-8")
        return {page_name(doc): page, **files} if files else page
    parts = PAGE_MARK.split(text)
    if parts[0] or len(parts) % 2 == 0:
        raise ValueError(f"{STYLESHEET.name}: a page of the volume without a valid name")
    return {**{f"{doc.path.stem}/{name}": (DOCTYPE + page.removeprefix(DOCTYPE)).encode("utf-8")
               for name, page in zip(parts[1::2], parts[2::2])}, **files}


def page_name(doc: Document) -> str:
    """The file name of a document's page, as the build writes it (`out/html/<stem>.html`)."""
    return doc.path.stem + ".html"


def summary(doc: Document, params: dict) -> str:
    values = {"authorities": authority_nodes([doc]), **params, "page": page_name(doc)}
    return saxon.apply(SUMMARY, doc.xdm, values)


def collect(documents: list[Document], params: dict) -> dict[str, bytes]:
    return assemble([summary(doc, params) for doc in documents], params)


def assemble(summaries: list[str], params: dict) -> dict[str, bytes]:
    """The collection pages from the summaries of the documents, in the order given."""
    records = "".join(summaries)
    collection = saxon.to_xdm(f"<collection>{records}</collection>", "urn:x-teipipe:collection")
    files = {page: saxon.apply(COLLECTION, collection, {**params, "page": page}).encode("utf-8")
             for page in PAGES}
    files[CSS.name] = CSS.read_bytes()
    return files
