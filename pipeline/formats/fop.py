"""Apache FOP kept warm: XSL-FO rendered to PDF (or FOP's intermediate format) inside a JVM that
this process starts once, through JPype, on Debian's FOP jars.

In: FO text. Out: the rendered bytes, the page count, and FOP's events (warnings and errors,
with FOP's own message). A FOP run as a command costs a new JVM and a new font setup each
time (about 0.8 s before the first page); here the JVM, the compiled FOP classes and the
FopFactory (xslt/fo/fop.xconf: fonts, accessibility, PDF/UA) are made once per process and
serve every document, volume and pass; a second FopFactory, with complex scripts on, serves
the FO that sets right-to-left or shaped text (see `needs_complex_scripts`).

Refused: FOP reads nothing but the font files fop.xconf names. Its ResourceResolver is ours,
and serves those files only: no network, no other file (an external-graphic, a font or a
hyphenation file an FO names elsewhere fails the run). The FO is parsed with document type
declarations refused, so it names no external entity either. A JVM lives in the process that
starts it and does not survive a fork: pipeline/parallel.py spawns its workers once one runs
here, and each worker starts its own.

Without JPype or without FOP's jars, `FopMissing` says how to install them. The jars are taken
from $TEIPIPE_FOP_JARS (a folder, for a FOP installed elsewhere) or /usr/share/java.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import XSLT_DIR
from pipeline.saxon import TransformError

CONFIG = XSLT_DIR / "fo" / "fop.xconf"
INSTALL_HINT = ("install it with `sudo apt-get install fop` and `pip install JPype1` (Debian, Ubuntu) "
                "or run ./setup.sh")
#: The jars of Debian's `fop` launcher: FOP (all in one) and the libraries it loads.
JARS = ("fop", "batik-all", "xmlgraphics-commons", "commons-io", "commons-logging", "fontbox2",
        "xml-apis-ext")
PDF, INTERMEDIATE = "pdf", "if"


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


def font_files(config: Path = CONFIG) -> frozenset[Path]:
    """The font files the configuration names (embed-url, metrics-url), as absolute paths."""
    tree = etree.parse(str(config), etree.XMLParser(resolve_entities=False, no_network=True))
    urls = tree.xpath("//font/@embed-url | //font/@metrics-url")
    return frozenset((config.parent / url.removeprefix("file:")).resolve() for url in urls)


#: Text in a script that needs FOP's complex-script support: written right to left (the Unicode
#: bidirectional algorithm orders it) or with letters that join or reorder (shaping). The print
#: edition's stylesheets put every run of such a script in an fo:inline with its `script`
#: (xslt/fo/scripts.xsl), so the FO's markup tells, without a scan of all its text.
_COMPLEX = re.compile(r' script="(?:arab|hebr|syrc|thaa|nkoo|deva|beng|guru|gujr|orya|taml|telu|knda|mlym|sinh)"')

_lock = threading.Lock()
_factories: dict[bool, object] = {}


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
        jpype.startJVM("-Djava.awt.headless=true", "-XX:TieredStopAtLevel=1", "-Duser.timezone=UTC",
                       "-Dorg.apache.commons.logging.Log=org.apache.commons.logging.impl.NoOpLog",
                       classpath=jars, convertStrings=False)
    from java.io import File, FileInputStream
    from org.apache.fop.apps import EnvironmentalProfileFactory, FopConfParser
    from org.apache.xmlgraphics.io import Resource

    allowed = {str(path) for path in font_files()}

    @jpype.JImplements("org.apache.xmlgraphics.io.ResourceResolver")
    class OnlyConfiguredFonts:
        @jpype.JOverride
        def getResource(self, uri):
            path = str(Path(str(uri.getPath() or "")).resolve()) if str(uri.getScheme()) == "file" else None
            if path not in allowed:
                raise jpype.JClass("java.io.IOException")(f"teipipe: FOP may not read {uri}")
            return Resource(FileInputStream(path))

        @jpype.JOverride
        def getOutputStream(self, uri):
            raise jpype.JClass("java.io.IOException")(f"teipipe: FOP may not write {uri}")

    base = File(str(CONFIG.parent)).toURI()
    profile = EnvironmentalProfileFactory.createRestrictedIO(base, OnlyConfiguredFonts())
    builder = FopConfParser(FileInputStream(str(CONFIG)), base, profile).getFopFactoryBuilder()
    return builder.setComplexScriptFeatures(complex_scripts).build()


def render(fo: str, output: str = PDF) -> Rendered:
    """FO text rendered to "pdf", or to "if" (FOP's intermediate format, XML, paged as the PDF)."""
    factory = _start(needs_complex_scripts(fo))
    import jpype
    from java.io import ByteArrayOutputStream, StringReader
    from javax.xml.parsers import SAXParserFactory
    from org.apache.fop.apps import MimeConstants
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
    with _lock:
        try:
            fop = factory.newFop(MimeConstants.MIME_FOP_IF if output == INTERMEDIATE else MimeConstants.MIME_PDF,
                                 agent, sink)
            parsers = SAXParserFactory.newInstance()
            parsers.setNamespaceAware(True)
            parsers.setFeature("http://apache.org/xml/features/disallow-doctype-decl", True)
            reader = parsers.newSAXParser().getXMLReader()
            reader.setContentHandler(fop.getDefaultHandler())
            reader.parse(InputSource(StringReader(fo)))
            pages = int(fop.getResults().getPageCount())
        except jpype.JException as exc:
            raise FopError(f"FOP failed: {_reason(exc, events)}") from None
    return Rendered(bytes(sink.toByteArray()), pages, events)


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
                if severity != "INFO":
                    self.kept.append(Event(severity, str(EventFormatter.format(event)), str(event.getEventID())))

        _Listener = Listener
    return _Listener(events)
