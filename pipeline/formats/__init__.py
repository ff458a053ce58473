"""The output formats, by name.

`FORMATS` maps a name given to `--to` to a `Format`: where its files go, their extension, the
function that renders one document to bytes and, for formats with pages about the whole collection
(an index, a collected volume), the function that renders those from all documents.
`DEFAULT_FORMATS` are those a build makes when none is named. `resolve("html,txt")` returns the
formats in the order given and fails with the list of valid names for an unknown one. This registry
is the formats stage's one way in, with the stylesheet parameters of `params` (`Param`, `assign`,
`ParamError`); `html`, `pdf` and `epub` are the formats that have collection pages, rendered by
Saxon (`pipeline.saxon`) and, for PDF, Apache FOP.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from pipeline import XSLT_DIR, saxon
from pipeline.document import Document, authority_nodes
from pipeline.formats import epub, html, pdf
from pipeline.formats.params import Param, ParamError, assign, stylesheet_params

__all__ = ["DEFAULT_FORMATS", "FORMATS", "Format", "UnknownFormat", "registered", "resolve", "xslt_format",
           "Param", "ParamError", "assign", "stylesheet_params"]


class UnknownFormat(ValueError):
    pass


@dataclass(frozen=True)
class Format:
    name: str
    extension: str
    description: str
    #: One file's bytes, or {name under OUT/<format>/: bytes} for an output of several files.
    render: Callable[[Document, dict], bytes | dict[str, bytes]]
    #: Files about the whole collection, by file name: `collect(documents, params)`.
    collect: Callable[[list[Document], dict], dict[str, bytes]] | None = None
    #: Collection pages made of one part per document: `fragment(doc, params)` is a document's
    #: part (text), kept by a build in OUT/.cache/ under the document's key, and
    #: `assemble(fragments, params)` makes from them, in the order of the documents, what
    #: `collect` would. With these, a build re-reads only the documents that changed.
    fragment: Callable[[Document, dict], str] | None = None
    assemble: Callable[[list[str], dict], dict[str, bytes]] | None = None
    #: For a format whose output is made from the document's fragment (the print edition's
    #: part, framed): `render_fragment(doc, fragment, params)` is what `render` gives, and a
    #: build makes the fragment once for both.
    render_fragment: Callable[[Document, str, dict], bytes] | None = None
    #: The entry stylesheet of a format made by XSLT: its typed `xsl:param`s are the format's
    #: parameters (`--param`), read on first use.
    stylesheet: Path | None = None
    #: Built when no format is named (`DEFAULT_FORMATS`); the e-book edition is built when asked.
    by_default: bool = True
    #: The file names its collection pages may take (in OUT/<format>/): no document's output may.
    collection_names: tuple[str, ...] = ()

    @property
    def params(self) -> tuple[Param, ...]:
        return stylesheet_params(self.stylesheet) if self.stylesheet else ()

    def __reduce__(self):
        # A format reaches a worker process by name and is taken from the registry there: the
        # functions it holds are closures, which pickle cannot carry.
        return (registered, (self.name,))


def registered(name: str) -> Format:
    return FORMATS[name]


def xslt_format(name: str, stylesheet: Path, extension: str, description: str) -> Format:
    """A format made by one XSLT stylesheet; the document's authority files are `$authorities`."""

    def render(doc: Document, params: dict) -> bytes:
        values = {"authorities": authority_nodes([doc]), **params}
        return saxon.apply(stylesheet, doc.xdm, values).encode("utf-8")

    return Format(name, extension, description, render, stylesheet=stylesheet)


FORMATS: dict[str, Format] = {
    fmt.name: fmt
    for fmt in (
        xslt_format("txt", XSLT_DIR / "text" / "text.xsl", ".txt", "plain text, UTF-8"),
        replace(xslt_format("html", html.STYLESHEET, ".html", "web edition: a page per document, "
                            "a list of documents and indexes of names"),
                render=html.render, collect=html.collect, fragment=html.summary, assemble=html.assemble,
                collection_names=(*html.PAGES, html.CSS.name)),
        Format("fo", ".fo", "XSL-FO of the print edition, for Apache FOP", pdf.render_fo, pdf.collect_fo,
               fragment=pdf.part, assemble=pdf.assemble_fo_volume, render_fragment=pdf.fo_of_part,
               stylesheet=pdf.FRAME, collection_names=(pdf.VOLUME + ".fo",)),
        Format("pdf", ".pdf", "PDF print edition with an index of names (needs Apache FOP)",
               pdf.render_pdf, pdf.collect_pdf, fragment=pdf.part, assemble=pdf.assemble_pdf_volume,
               render_fragment=pdf.pdf_of_part, stylesheet=pdf.FRAME, collection_names=(pdf.VOLUME + ".pdf",)),
        Format("epub", ".epub", "e-book edition (EPUB 3): notes, the original's pages, indexes of names",
               epub.render, epub.collect, fragment=epub.part, assemble=epub.assemble,
               render_fragment=epub.epub_of_part, stylesheet=epub.STYLESHEET, by_default=False,
               collection_names=(epub.VOLUME,)),
    )
}
DEFAULT_FORMATS: tuple[Format, ...] = tuple(fmt for fmt in FORMATS.values() if fmt.by_default)


def resolve(names: str) -> list[Format]:
    chosen = [n.strip() for n in names.split(",") if n.strip()]
    unknown = [n for n in chosen if n not in FORMATS]
    if unknown or not chosen:
        raise UnknownFormat(
            f"unknown format {', '.join(unknown) or '(none)'}; choose from: {', '.join(FORMATS)}")
    return [FORMATS[n] for n in dict.fromkeys(chosen)]
