"""The web edition's pages about the whole collection, and the files every page shares.

In: the published documents and the `html` format's parameters. Out, by file name: `index.html`
(every document, by date), `persons.html`, `places.html`, `orgs.html` (one entry per person,
place or organization, however many documents name it, with links to each place it is named),
and `edition.css`, the style sheet all pages link to.

Each document is summarized by `xslt/html/summary.xsl` (`summary`: title, date, source, the
entries it names and where); `assemble` joins the summaries into one `<collection>` that
`xslt/html/collection.xsl` turns into each page. A summary depends on its document alone, so a
build keeps them (`Format.fragment`) and, when one document changes, summarizes only that one.
The pages of single documents are made by `xslt/html/html.xsl` through the format registry.
"""

from __future__ import annotations

from pipeline import XSLT_DIR, saxon
from pipeline.document import Document, authority_nodes

STYLESHEET = XSLT_DIR / "html" / "html.xsl"
SUMMARY = XSLT_DIR / "html" / "summary.xsl"
COLLECTION = XSLT_DIR / "html" / "collection.xsl"
CSS = XSLT_DIR / "html" / "edition.css"
PAGES = ("index.html", "persons.html", "places.html", "orgs.html")


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
