"""The print edition: TEI to XSL-FO (`xslt/fo/fo.xsl`), and XSL-FO to PDF with Apache FOP.

In: published documents and the `fo` or `pdf` format's parameters. Out: FO text or PDF bytes,
one per document, and for the collection one volume of all documents (`volume.fo`,
`volume.pdf`).

The index of names gives the pages of this edition on which each person is mentioned, which
only FOP knows. So a PDF takes two FOP runs: the first renders the FO to FOP's intermediate
format, which tells on which page each id (every mention carries one) was set; the second
renders the same FO, its index now filled with those pages, to PDF. The index comes last in
the book, so filling it in moves no page before it. The `fo` format is the first pass's FO:
there the index cites each mention with fo:page-number-citation.

`fop` is found on PATH (or named by $TEIPIPE_FOP); without it, `FopMissing` says how to
install it. FOP's own messages (warnings about missing glyphs, invalid properties, overfull
lines) are kept on the `Book` and logged; a FOP failure raises `FopError` with FOP's reason.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import XSLT_DIR, transform
from pipeline.document import Document, authority_nodes
from pipeline.transform import TransformError

FO_STYLESHEET = XSLT_DIR / "fo" / "fo.xsl"
FOP_CONFIG = XSLT_DIR / "fo" / "fop.xconf"
VOLUME = "volume"
INSTALL_HINT = "install it with `sudo apt-get install fop` (Debian, Ubuntu) or run ./setup.sh"

_IF_NS = "{http://xmlgraphics.apache.org/fop/intermediate}"
# The Debian `fop` wrapper's own notes (optional jars it did not find): not FOP's messages.
_WRAPPER_NOTE = re.compile(r"^\[warning\] \S*fop: ")
_PROBLEM = re.compile(r"^\[(WARN|WARNING|ERROR|SEVERE|FATAL)\]")
_RENDERED = re.compile(r"^\[INFO\] .*Rendered page #(\d+)")
_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"

log = logging.getLogger(__name__)


class FopError(TransformError):
    """FOP could not render the FO; the message gives FOP's reason."""


class FopMissing(FopError):
    """No `fop` program to run."""


@dataclass
class FopRun:
    output: bytes
    #: FOP's messages, one per line, without the Debian wrapper's notes and Java stack traces.
    messages: list[str] = field(default_factory=list)

    @property
    def problems(self) -> list[str]:
        return [m for m in self.messages if _PROBLEM.match(m)]

    @property
    def pages(self) -> int:
        return sum(1 for m in self.messages if _RENDERED.match(m))


@dataclass
class Book:
    pdf: bytes
    pages: int
    #: FOP's warnings and errors from both passes (none for a clean book).
    problems: list[str]


def fop_command() -> str:
    """The `fop` program: $TEIPIPE_FOP if set (a FOP installed elsewhere), else `fop` on PATH."""
    configured = os.environ.get("TEIPIPE_FOP")
    found = shutil.which(configured or "fop")
    if found:
        return found
    if configured:
        raise FopMissing(f"TEIPIPE_FOP={configured} names no program: unset it to use `fop` from PATH, "
                         f"or {INSTALL_HINT}")
    raise FopMissing(f"Apache FOP is not installed (no `fop` on PATH): {INSTALL_HINT}")


def run_fop(fo: str, output: str = "pdf") -> FopRun:
    """Render FO text with FOP to "pdf", or to "if" (FOP's intermediate format, XML)."""
    command = fop_command()
    with tempfile.TemporaryDirectory(prefix="teipipe-fop-") as tmp:
        source, target = Path(tmp) / "book.fo", Path(tmp) / f"book.{output}"
        source.write_text(fo, encoding="utf-8")
        kind = ["-pdf", str(target)] if output == "pdf" else ["-if", "application/pdf", str(target)]
        # FOP keeps its font cache in the home folder; a scratch home works where there is none.
        env = dict(os.environ, HOME=os.environ.get("HOME") or tmp)
        # Java's first-tier compiler only: a FOP run is too short for the optimizing one to pay
        # (measured: half the CPU time on a 370-page volume). JAVA_ARGS is read by Debian's
        # `fop` wrapper, FOP_OPTS by FOP's own script; a value the user set is kept.
        for variable in ("JAVA_ARGS", "FOP_OPTS"):
            env.setdefault(variable, _JVM_OPTIONS)
        done = subprocess.run([command, "-c", str(FOP_CONFIG), "-fo", str(source), *kind],
                              capture_output=True, text=True, env=env, cwd=tmp)
        messages = [line for line in done.stderr.splitlines() + done.stdout.splitlines()
                    if line.startswith("[") and not _WRAPPER_NOTE.match(line)]
        if done.returncode != 0 or not target.is_file():
            raise FopError(f"FOP failed: {_reason(messages, done.stderr)}")
        return FopRun(target.read_bytes(), messages)


def _reason(messages: list[str], stderr: str) -> str:
    """FOP's own explanation, without the exception classes it is wrapped in."""
    for line in messages:
        if line.startswith(("[ERROR]", "[SEVERE]", "[FATAL]")):
            causes = re.findall(r"Exception: ([^<>\n]+)", line)
            return (causes[-1] if causes else line).strip()
    return stderr.strip().splitlines()[-1] if stderr.strip() else "no output and no message"


def page_map(intermediate: bytes) -> dict[str, tuple[str, int]]:
    """Every id of FOP's intermediate format: (printed page number, physical page from 1).

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
    return transform.to_xdm(f"<pages>{rows}</pages>", "urn:x-teipipe:pages")


def make_fo(documents: list[Document], params: dict, pages=None) -> str:
    """The FO of one document, or of a volume of several; with `pages`, the index filled in."""
    values = {"authorities": authority_nodes(documents), **params}
    if len(documents) > 1:
        values["documents"] = [d.xdm for d in documents]
    if pages is not None:
        values["pages"] = [_pages_document(pages)]
    return transform.apply(FO_STYLESHEET, documents[0].xdm, values)


def print_book(documents: list[Document], params: dict) -> Book:
    """The PDF of one document or of a volume, its index of names paged by a first FOP pass."""
    fo = make_fo(documents, params)
    if params.get("index", True) is False:
        run = run_fop(fo, "pdf")
        return Book(run.output, run.pages, run.problems)
    first = run_fop(fo, "if")
    final = run_fop(make_fo(documents, params, page_map(first.output)), "pdf")
    return Book(final.output, final.pages, first.problems + final.problems)


def _report(book: Book, name: str) -> bytes:
    for problem in book.problems:
        log.warning("%s: FOP: %s", name, problem)
    return book.pdf


# The functions the format registry calls.

def collect_fo(documents: list[Document], params: dict) -> dict[str, bytes]:
    if len(documents) < 2:
        return {}
    return {VOLUME + ".fo": make_fo(documents, params).encode("utf-8")}


def render_pdf(doc: Document, params: dict) -> bytes:
    return _report(print_book([doc], params), doc.path.name)


def collect_pdf(documents: list[Document], params: dict) -> dict[str, bytes]:
    if len(documents) < 2:
        return {}
    return {VOLUME + ".pdf": _report(print_book(documents, params), VOLUME + ".pdf")}
