"""Apache FOP kept warm: XSL-FO rendered to PDF (or FOP's intermediate format) inside a JVM that
this process starts once, through JPype, on Debian's FOP jars.

In: FO text. Out: the rendered bytes, the page count, and FOP's events (warnings and errors,
with FOP's own message). A FOP run as a command costs a new JVM and a new font setup each
time (about 0.8 s before the first page); here the JVM, the compiled FOP classes and the
FopFactory (xslt/fo/fop.xconf: fonts, accessibility, PDF/UA) are made once per process and
serve every document, volume and pass; a second FopFactory, with complex scripts on, serves
the FO that sets right-to-left or shaped text (see `needs_complex_scripts`).

Refused: FOP reads nothing but the font files fop.xconf names, the hyphenation patterns of
its hyphenation base and the images of the run (`render`'s `images`: the bytes
`document.graphics` read and checked, served for the file URLs the FO names them by; FOP opens
no image file itself, and its image cache is emptied before each run, so that an image changed
since is not taken from an earlier one). Its ResourceResolver is ours, and serves those only:
no network, no other file (an external-graphic, a font or a hyphenation file an FO names
elsewhere fails the run).
The hyphenation base is no folder on disk: a pattern file FOP asks for there ("en.xml") is made
from pyphen's dictionary for that language (`formats.hyphenation`), and FOP compiles it once
per process. A language without one is set without hyphenation, and FOP's notice that it found
no patterns is not reported: it would come for the first such document of a process only. The FO is parsed with document type
declarations refused, so it names no external entity either. A JVM lives in the process that
starts it and does not survive a fork: pipeline/parallel.py spawns its workers once one runs
here, and each worker starts its own.

A run may read its FO in two pieces (`Rest`): the beginning, and, once FOP has laid that out,
the rest, made from the pages on which FOP set the ids it asks about (the index of names of
pipeline/formats/pdf.py). The parser reads the FO from a stream that asks for the rest when it
has given the parser all of the beginning; by then FOP has laid out every page sequence the
beginning ends, since it lays each out when it reads the sequence's end tag.

A run is stopped after a time limit ($TEIPIPE_FOP_TIMEOUT seconds, by default 300), with a
`FopError` for that document: a hostile FO, or one too long, must not hold a worker forever.

Without JPype or without FOP's jars, `FopMissing` says how to install them. The jars are taken
from $TEIPIPE_FOP_JARS (a folder, for a FOP installed elsewhere) or /usr/share/java.
"""

from __future__ import annotations

import os
import re
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import XSLT_DIR
from pipeline.formats import hyphenation
from pipeline.saxon import TransformError

CONFIG = XSLT_DIR / "fo" / "fop.xconf"
INSTALL_HINT = ("install it with `sudo apt-get install fop` and `pip install JPype1` (Debian, Ubuntu) "
                "or run ./setup.sh")
#: The jars of Debian's `fop` launcher: FOP (all in one) and the libraries it loads.
JARS = ("fop", "batik-all", "xmlgraphics-commons", "commons-io", "commons-logging", "fontbox2",
        "xml-apis-ext")
PDF, INTERMEDIATE = "pdf", "if"
#: Seconds one FOP run may take, unless $TEIPIPE_FOP_TIMEOUT says otherwise: frus1918Russiav03
#: (373 pages) takes about 10 s a pass on a busy machine.
TIME_LIMIT = 300.0
#: Seconds a stopped FOP run gets to unwind.
_STOP_GRACE = 5.0


class FopError(TransformError):
    """FOP could not render the FO; the message gives FOP's reason."""


class FopMissing(FopError):
    """No FOP to run: JPype or FOP's jars are not installed."""


@dataclass
class Event:
    severity: str  # INFO, WARN, ERROR or FATAL
    message: str
    #: FOP's name for the kind of event, e.g. org.apache.fop.fonts.FontEventProducer.glyphNotAvailable
    kind: str


@dataclass
class Rendered:
    output: bytes
    pages: int
    events: list[Event] = field(default_factory=list)


def jar_folder() -> Path:
    return Path(os.environ.get("TEIPIPE_FOP_JARS") or "/usr/share/java")


def classpath() -> list[str]:
    folder = jar_folder()
    jars = [folder / f"{name}.jar" for name in JARS]
    missing = [jar.name for jar in jars if not jar.is_file()]
    if missing:
        raise FopMissing(f"Apache FOP is not installed ({', '.join(missing)} not in {folder}): {INSTALL_HINT}")
    return [str(jar) for jar in jars]


def _configuration(config: Path) -> etree._ElementTree:
    return etree.parse(str(config), etree.XMLParser(resolve_entities=False, no_network=True))


def font_files(config: Path = CONFIG) -> frozenset[Path]:
    """The font files the configuration names (embed-url, metrics-url), as absolute paths."""
    urls = _configuration(config).xpath("//font/@embed-url | //font/@metrics-url")
    return frozenset((config.parent / url.removeprefix("file:")).resolve() for url in urls)


def hyphenation_base(config: Path = CONFIG) -> Path | None:
    """Where the configuration has FOP look for hyphenation patterns (<hyphenation-base>)."""
    base = _configuration(config).findtext("hyphenation-base")
    return (config.parent / base.strip().removeprefix("file:")).resolve() if base and base.strip() else None


def patterns(path: Path, base: Path | None) -> bytes | None:
    """The hyphenation patterns FOP asks for as this file of the hyphenation base, if any."""
    if base is None or path.parent != base or path.suffix != ".xml":
        return None
    return hyphenation.patterns_for(path.stem)


_lock = threading.Lock()
_factories: dict[bool, object] = {}
#: The images of the run FOP is making (held under `_lock`): their bytes by file path.
_images: dict[str, bytes] = {}


#: Text in a script that needs FOP's complex-script support: written right to left (the Unicode
#: bidirectional algorithm orders it) or with letters that join or reorder (shaping). The print
#: edition's stylesheets put every run of such a script in an fo:inline with its `script`
#: (xslt/fo/scripts.xsl), so the FO's markup tells, without a scan of all its text.
_COMPLEX = re.compile(r' script="(?:arab|hebr|syrc|thaa|nkoo|deva|beng|guru|gujr|orya|taml|telu|knda|mlym|sinh)"')


def needs_complex_scripts(fo: str) -> bool:
    """Whether the FO sets right-to-left or shaped text. FOP 2.8 with complex scripts on also
    applies Charis's ligatures, and its PDF then gives "ffi" as an unknown character to
    text extraction and search (U+E000 for the "ffi" of "Official"); so only such documents
    have them on."""
    return _COMPLEX.search(fo) is not None


def _start(complex_scripts: bool = False):
    """A FopFactory of this process, with or without complex scripts, starting the JVM on first use."""
    with _lock:
        if complex_scripts not in _factories:
            _factories[complex_scripts] = _make_factory(complex_scripts)
        return _factories[complex_scripts]


def _make_factory(complex_scripts: bool):
    try:
        import jpype
        import jpype.imports  # noqa: F401  (Java packages importable by name)
    except ImportError:
        raise FopMissing(f"JPype is not installed (FOP runs inside Python through it): {INSTALL_HINT}") from None
    jars = classpath()
    if not jpype.isJVMStarted():
        # Headless: no display. Dates in UTC, so that a PDF dated by $SOURCE_DATE_EPOCH is the
        # same byte for byte on every machine (FOP makes the file id from the date as printed).
        # FOP's own logging is off: its events come to `_listener`, which is all we report.
        # The serial collector: each worker of a build has its JVM, and the parallel one's
        # threads, one per core in each, competed for the cores (200 split documents with 2 jobs:
        # 21.8 s CPU against 25.7 s, bench/bench_fop.py).
        jpype.startJVM("-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Duser.timezone=UTC",
                       "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.NoOpLog",
                       classpath=jars, convertStrings=False)
    from java.io import ByteArrayInputStream, File, FileInputStream
    from org.apache.fop.apps import EnvironmentalProfileFactory, FopConfParser
    from org.apache.xmlgraphics.io import Resource

    allowed = {str(path) for path in font_files()}
    pattern_base = hyphenation_base()

    @jpype.JImplements("org.apache.xmlgraphics.io.ResourceResolver")
    class OnlyConfiguredFonts:
        @jpype.JOverride
        def getResource(self, uri):
            named = str(uri.getPath() or "") if str(uri.getScheme()) == "file" else None
            if named in _images:
                return Resource(ByteArrayInputStream(_images[named]))
            path = Path(named).resolve() if named is not None else None
            if str(path) in allowed:
                return Resource(FileInputStream(str(path)))
            made = patterns(path, pattern_base) if path else None
            if made is None:
                raise jpype.JClass("java.io.IOException")(f"teipipe: FOP may not read {uri}")
            return Resource(ByteArrayInputStream(made))

        @jpype.JOverride
        def getOutputStream(self, uri):
            raise jpype.JClass("java.io.IOException")(f"teipipe: FOP may not write {uri}")

    base = File(str(CONFIG.parent)).toURI()
    profile = EnvironmentalProfileFactory.createRestrictedIO(base, OnlyConfiguredFonts())
    builder = FopConfParser(FileInputStream(str(CONFIG)), base, profile).getFopFactoryBuilder()
    return builder.setComplexScriptFeatures(complex_scripts).build()


def time_limit() -> float:
    """Seconds one FOP run may take: $TEIPIPE_FOP_TIMEOUT, else TIME_LIMIT."""
    value = os.environ.get("TEIPIPE_FOP_TIMEOUT", "")
    try:
        return float(value) if value.strip() else TIME_LIMIT
    except ValueError:
        raise FopError(f"TEIPIPE_FOP_TIMEOUT={value}: expected a number of seconds") from None


@dataclass
class Rest:
    """The rest of an FO whose beginning FOP lays out first: `make(pages)` gives its text from
    the pages on which FOP set each of `ids` (printed page number, physical page from 1; an id
    not set is left out), once FOP has laid out all that came before it."""
    ids: Iterable[str]
    make: Callable[[dict[str, tuple[str, int]]], str]


def render(fo: str, output: str = PDF, timeout: float | None = None, rest: Rest | None = None,
           images: dict[Path, bytes] | None = None) -> Rendered:
    """FO text rendered to "pdf", or to "if" (FOP's intermediate format, XML, paged as the PDF),
    in at most `timeout` seconds (by default `time_limit()`). With `rest`, `fo` is only the FO's
    beginning, ending after a page sequence, and FOP reads the rest when it has laid that out:
    one run, as if it had read the whole FO at once. `images`: the bytes FOP is served for the
    images the FO names by their files' URLs, and the only images it may read."""
    factory = _start(needs_complex_scripts(fo))
    import jpype
    from java.io import ByteArrayInputStream, ByteArrayOutputStream, SequenceInputStream, StringReader
    from javax.xml.parsers import SAXParserFactory
    from org.apache.fop.apps import MimeConstants
    from org.apache.fop.area import AreaTreeHandler
    from org.xml.sax import InputSource

    events: list[Event] = []
    agent = factory.newFOUserAgent()
    agent.getEventBroadcaster().addEventListener(_listener(events))
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.isdigit():
        agent.setCreationDate(jpype.JClass("java.util.Date")(int(epoch) * 1000))
    if output == INTERMEDIATE:
        _mimic_pdf(agent)
    sink = ByteArrayOutputStream()
    handoff = _Handoff(rest) if rest else None

    def run() -> int:
        mime = MimeConstants.MIME_FOP_IF if output == INTERMEDIATE else MimeConstants.MIME_PDF
        # FOP's own handler of the FO's events, as it would make it, but ours to ask which page
        # each id is on (with accessibility on, FOP hides it behind the structure tree's).
        areas = AreaTreeHandler(agent, mime, sink)
        agent.setFOEventHandlerOverride(areas)
        fop = factory.newFop(mime, agent, sink)
        parsers = SAXParserFactory.newInstance()
        parsers.setNamespaceAware(True)
        parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", True)
        reader = parsers.newSAXParser().getXMLReader()
        reader.setContentHandler(fop.getDefaultHandler())
        if handoff is None:
            source = InputSource(StringReader(fo))
        else:
            tracker = areas.getIDTracker()
            pieces = _pieces(ByteArrayInputStream(fo.encode("utf-8")), lambda: handoff.ask(tracker))
            source = InputSource(SequenceInputStream(pieces))
            source.setEncoding("UTF-8")
        reader.parse(source)
        return int(fop.getResults().getPageCount())

    with _lock:
        _images.clear()
        _images.update({str(path): data for path, data in (images or {}).items()})
        factory.getImageManager().getCache().clearCache()
        try:
            pages = _within(time_limit() if timeout is None else timeout, run, handoff)
        except jpype.JException as exc:
            if handoff and handoff.error:
                raise handoff.error from None
            raise FopError(f"FOP failed: {_reason(exc, events)}") from None
        finally:
            _images.clear()
    return Rendered(bytes(sink.toByteArray()), pages, events)


class _Handoff:
    """Between the thread FOP runs on and the thread that called `render`: FOP's pages of the
    ids of a `Rest`, asked for when FOP has read the FO's beginning, and the rest's text made
    from them. The rest is made on the caller's thread (with Saxon, which is not FOP's thread's
    to call); FOP waits meanwhile."""

    def __init__(self, rest: Rest):
        self.rest = rest
        self.pages: dict[str, tuple[str, int]] | None = None
        self.text: bytes | None = None
        self.error: BaseException | None = None
        self.asked = threading.Event()  # FOP asks, or its run ends without asking
        self.answered = threading.Event()

    def ask(self, tracker) -> bytes:
        """On FOP's thread: the rest's text, from the pages of the ids FOP has laid out."""
        pages = {}
        for name in self.rest.ids:
            page = tracker.getFirstPageViewportContaining(name)
            if page is not None:
                pages[name] = (str(page.getPageNumberString()), int(page.getPageIndex()) + 1)
        self.pages = pages
        self.asked.set()
        self.answered.wait()
        if self.text is None:
            import jpype
            raise jpype.JClass("java.io.IOException")("teipipe: the rest of the FO was not made")
        return self.text

    def serve(self, seconds: float) -> None:
        """On the caller's thread: make the rest when FOP asks, within `seconds` of now; a rest
        made too late is not given to FOP, whose run then fails at its time limit."""
        deadline = time.monotonic() + seconds
        try:
            if self.asked.wait(seconds) and self.pages is not None:
                text = self.rest.make(self.pages).encode("utf-8")
                if time.monotonic() > deadline:
                    raise _too_long(seconds)
                self.text = text
        except BaseException as exc:  # noqa: BLE001  (raised again once FOP's run has ended)
            self.error = exc
        finally:
            self.answered.set()


_Pieces = None


def _pieces(first, ask):
    """A java.util.Enumeration of two streams for a SequenceInputStream: `first`, then the one
    made of `ask()`'s bytes, asked for only when the parser has read all of `first`."""
    global _Pieces
    if _Pieces is None:
        import jpype
        from java.io import ByteArrayInputStream

        @jpype.JImplements("java.util.Enumeration")
        class Pieces:
            def __init__(self, first, ask):
                self.left = [lambda: first, lambda: ByteArrayInputStream(ask())]

            @jpype.JOverride
            def hasMoreElements(self):
                return bool(self.left)

            @jpype.JOverride
            def nextElement(self):
                return self.left.pop(0)()

        _Pieces = Pieces
    return _Pieces(first, ask)


def _within(seconds: float, work, handoff: _Handoff | None = None):
    """work() on a thread of its own, stopped if it runs longer than `seconds`.

    FOP checks no deadline and no interrupt: a Java thread that lays out pages can be ended only
    by java.lang.Thread.stop (Java 17; later versions refuse it), which throws ThreadDeath in
    it and unwinds FOP's calls. The thread serves this one run, so the ThreadDeath can reach
    nothing else; FOP's factory, whose caches the run may have left half made, is dropped and
    made anew for the next run."""
    import jpype
    thread_class = jpype.JClass("java.lang.Thread")
    # FOP finds its own resources (hyphenation's) through the thread's class loader, which a
    # thread attached from Python has not.
    loader = thread_class.currentThread().getContextClassLoader()
    outcome: dict = {}
    started = threading.Event()

    def run():
        outcome["java"] = thread_class.currentThread()
        outcome["java"].setContextClassLoader(loader)
        started.set()
        try:
            outcome["value"] = work()
        except BaseException as exc:  # noqa: BLE001  (raised again by the caller's thread)
            outcome["error"] = exc
        finally:
            if handoff is not None:
                handoff.asked.set()
            thread_class.detach()

    worker = threading.Thread(target=run, name="teipipe-fop", daemon=True)
    worker.start()
    started.wait()
    deadline = time.monotonic() + seconds
    if handoff is not None:
        handoff.serve(seconds)
    worker.join(max(0.0, deadline - time.monotonic()))
    if worker.is_alive():
        _factories.clear()
        try:
            outcome["java"].stop()
        except jpype.JException:
            raise FopError(f"FOP took longer than {seconds:g} s, its time limit, and this Java cannot stop it "
                           "(Thread.stop): it goes on in the background") from None
        worker.join(_STOP_GRACE)
        raise _too_long(seconds)
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def _too_long(seconds: float) -> FopError:
    return FopError(f"FOP stopped after {seconds:g} s, its time limit ($TEIPIPE_FOP_TIMEOUT): "
                    "the FO is too long or makes FOP loop")


def _mimic_pdf(agent) -> None:
    """Make the intermediate format paged exactly as the PDF will be (its fonts, its metrics)."""
    from org.apache.fop.apps import MimeConstants
    from org.apache.fop.render.intermediate import IFContext, IFSerializer
    serializer = IFSerializer(IFContext(agent))
    serializer.mimicDocumentHandler(agent.getRendererFactory().createDocumentHandler(agent, MimeConstants.MIME_PDF))
    agent.setDocumentHandlerOverride(serializer)


def _reason(exc, events: list[Event]) -> str:
    """FOP's own explanation: its last error event, else the innermost exception's message."""
    errors = [e.message for e in events if e.severity in ("ERROR", "FATAL")]
    if errors:
        return errors[-1]
    cause = exc
    while cause.getCause() is not None and cause.getCause() != cause:
        cause = cause.getCause()
    return str(cause.getMessage() or cause.getClass().getSimpleName())


_Listener = None
#: FOP's notice that no hyphenation patterns were found for a language (see above).
_NO_PATTERNS = "org.apache.fop.ResourceEventProducer.hyphenationNotFound"


def _listener(events: list[Event]):
    """A FOP EventListener that keeps every event but FOP's progress notes in `events`."""
    global _Listener
    if _Listener is None:
        import jpype
        from org.apache.fop.events import EventFormatter

        @jpype.JImplements("org.apache.fop.events.EventListener")
        class Listener:
            def __init__(self, kept):
                self.kept = kept

            @jpype.JOverride
            def processEvent(self, event):
                severity = str(event.getSeverity().getName()).upper()
                if severity != "INFO" and str(event.getEventID()) != _NO_PATTERNS:
                    self.kept.append(Event(severity, str(EventFormatter.format(event)), str(event.getEventID())))

        _Listener = Listener
    return _Listener(events)
