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
only FOP knows. So a PDF takes two FOP runs: the first renders the FO to FOP's intermediate
format, which tells on which page each id (every mention carries one) was set; the second
renders the FO framed again, its index now filled with those pages, to PDF. The index comes
last in the book, so filling it in moves no page before it. The `fo` format is the first pass's
FO: there the index cites each mention with fo:page-number-citation.

`fop` is found on PATH (or named by $TEIPIPE_FOP); without it, `FopMissing` says how to
install it. With $SOURCE_DATE_EPOCH set, the PDFs are dated by it and reproducible byte for
byte. FOP's own messages (warnings about missing glyphs, invalid properties, overfull lines)
are kept on the `Book` and logged; a FOP failure raises `FopError` with FOP's reason, and so
does a FOP run past its time limit (`FOP_SECONDS_AT_LEAST`, plus `FOP_SECONDS_PER_MB` for each
MB of FO), which is then stopped. FOP fetches nothing that input names: the FO stylesheets make
no fo:external-graphic (a TEI graphic is printed as "[figure]"), and the fonts are the files
fop.xconf names.
"""

from __future__ import annotations

import io
import logging
import os
import re
import shutil
import signal
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import XSLT_DIR, processes, saxon
from pipeline.document import Document, authority_nodes
from pipeline.saxon import TransformError

PART = XSLT_DIR / "fo" / "part.xsl"
#: The frame's stylesheet declares the format's parameters (through xslt/fo/shared.xsl).
FRAME = XSLT_DIR / "fo" / "frame.xsl"
FOP_CONFIG = XSLT_DIR / "fo" / "fop.xconf"
VOLUME = "volume"
INSTALL_HINT = "install it with `sudo apt-get install fop` (Debian, Ubuntu) or run ./setup.sh"

_IF_NS = "{http://xmlgraphics.apache.org/fop/intermediate}"
# The Debian `fop` wrapper's own notes (optional jars it did not find): not FOP's messages.
_WRAPPER_NOTE = re.compile(r"^\[warning\] \S*fop: ")
_PROBLEM = re.compile(r"^\[(WARN|WARNING|ERROR|SEVERE|FATAL)\]")
_RENDERED = re.compile(r"^\[INFO\] .*Rendered page #(\d+)")
_JVM_OPTIONS = "-XX:TieredStopAtLevel=1"
#: How long one FOP run may take: a JVM start, then its work, which grows with the FO.
FOP_SECONDS_AT_LEAST = 120
FOP_SECONDS_PER_MB = 60
# Where the frame leaves the place of a document's flow, and where a part's flow begins and ends.
_FLOW_PLACE = "<?teipipe-flow?>"
_FLOW_START, _FLOW_END, _FLOW_EMPTY = "<flow>", "</flow>", "<flow/>"
_KEY = re.compile(r'<part [^>]*?\bkey="([^"]*)"')

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
        # Reproducible PDFs: FOP dates the PDF by $SOURCE_DATE_EPOCH when it is set
        # (reproducible-builds.org), but makes its file id from that date in local time.
        if "SOURCE_DATE_EPOCH" in env:
            env["TZ"] = "UTC"
        limit = FOP_SECONDS_AT_LEAST + len(fo) / 1e6 * FOP_SECONDS_PER_MB
        stdout, stderr, status = _run_within([command, "-c", str(FOP_CONFIG), "-fo", str(source), *kind],
                                             limit, env=env, cwd=tmp)
        messages = [line for line in stderr.splitlines() + stdout.splitlines()
                    if line.startswith("[") and not _WRAPPER_NOTE.match(line)]
        if status != 0 or not target.is_file():
            raise FopError(f"FOP failed: {_reason(messages, stderr)}")
        return FopRun(target.read_bytes(), messages)


def _run_within(command: list[str], seconds: float, **options) -> tuple[str, str, int]:
    """Run a program to its end, or stop it and all it started after `seconds` (FopError)."""
    # Its own process group: the `fop` script runs Java, which must be stopped with it.
    process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                               stderr=subprocess.PIPE, text=True, start_new_session=True, **options)
    try:
        stdout, stderr = process.communicate(timeout=seconds)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise FopError(f"FOP did not finish within {seconds:.0f} s, and was stopped") from None
    except BaseException:  # Ctrl-C: FOP must not go on alone
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise
    return stdout, stderr, process.returncode


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
    return saxon.to_xdm(f"<pages>{rows}</pages>", "urn:x-teipipe:pages")


def document_key(doc: Document) -> str:
    """The key of a document in a book, from which its part's FO ids are made: the file name
    without extension, as an id may spell it."""
    key = re.sub(r"[^A-Za-z0-9._-]", "_", doc.path.stem)
    return key if re.match(r"[A-Za-z_]", key) else "d" + key


def part(doc: Document, params: dict) -> str:
    """A document's part of a book: its summary and its flow (see `xslt/fo/part.xsl`)."""
    values = {"authorities": authority_nodes([doc]), **params, "key": document_key(doc)}
    return saxon.apply(PART, doc.xdm, values)


def _split(text: str) -> tuple[str, str]:
    """(summary, flow) of a part. The flow is the part's last element, and the summary before it
    holds no `<flow>` tag (its text is escaped), so the first such tag begins it."""
    start = text.find(_FLOW_START)
    if start < 0:
        return text.replace(_FLOW_EMPTY, "", 1), ""
    end = text.rindex(_FLOW_END)
    return text[:start] + text[end + len(_FLOW_END):], text[start + len(_FLOW_START):end]


def assemble_fo(parts: list[str], params: dict, pages=None) -> str:
    """The FO of a book of the documents whose parts are given, in order; with `pages`, the
    index filled in. The frame is made from the summaries; the flows are put in as text."""
    summaries, flows = zip(*map(_split, parts))
    keys = [m[1] for m in map(_KEY.search, summaries)]
    if len(set(keys)) < len(keys):
        twice = sorted({k for k in keys if keys.count(k) > 1})
        raise TransformError(f"documents of one book must have different file names: {', '.join(twice)}")
    if pages is None:
        places = frame("".join(summaries), tuple(sorted(params.items())))
    else:
        places = _frame_of("".join(summaries), {**params, "pages": [_pages_document(pages)]})
    if len(places) != len(flows) + 1:
        raise TransformError(f"{FRAME.name}: {len(places) - 1} places for the texts of {len(flows)} documents")
    return "".join(text for pair in zip(places, flows) for text in pair) + places[-1]


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
    """The PDF of the book of these parts, its index of names paged by a first FOP pass."""
    fo = assemble_fo(parts, params)
    if params.get("index", True) is False:
        run = run_fop(fo, "pdf")
        return Book(run.output, run.pages, run.problems)
    first = run_fop(fo, "if")
    final = run_fop(assemble_fo(parts, params, page_map(first.output)), "pdf")
    return Book(final.output, final.pages, first.problems + final.problems)


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
