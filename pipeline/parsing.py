"""Parse XML from outside as untrusted input.

`parse(path)` returns an lxml tree or raises `XMLInputError` carrying findings with file, line
and column. The parser never fetches anything: no network, no external DTD, and external
entities are refused (only entities declared inside the document are expanded, under libxml2's
limits against expansion bombs). `for_xslt(tree)` gives the text that Saxon parses: the root
element only, with no DOCTYPE left for Saxon to resolve.
"""

from __future__ import annotations

import re
from pathlib import Path

from lxml import etree

from pipeline.findings import ERROR, Finding

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"


class XMLInputError(Exception):
    """A file that could not be parsed; `findings` says where and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(map(str, findings)))
        self.findings = findings


def _parser() -> etree.XMLParser:
    # A new parser per call: lxml parsers keep state and are not shared between threads.
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        remove_comments=False,
    )


_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")


def _explain(message: str, data: bytes) -> str:
    """Say what an undefined entity really is when the document declared it external."""
    match = _UNDEFINED_ENTITY.search(message)
    if match and re.search(rb"<!ENTITY\s+%s\s+(SYSTEM|PUBLIC)" % re.escape(match[1].encode()), data):
        return f"external entity '{match[1]}' refused: entities from outside the document are never resolved"
    return message


def parse(path: Path) -> etree._ElementTree:
    """Parse `path` safely; raise XMLInputError with every syntax error found."""
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise XMLInputError([Finding(name, 0, 0, ERROR, f"cannot read file: {exc.strerror}", "io")]) from None
    if not data.strip():
        raise XMLInputError([Finding(name, 1, 1, ERROR, "file is empty", "well-formed")])
    parser = _parser()
    try:
        return etree.ElementTree(etree.fromstring(data, parser, base_url=Path(path).resolve().as_uri()))
    except etree.XMLSyntaxError as exc:
        entries = [e for e in exc.error_log if e.level_name in ("ERROR", "FATAL")] or [exc]
        findings = []
        for entry in entries:
            if isinstance(entry, etree.XMLSyntaxError):
                line, col = entry.position
                message = entry.msg
            else:
                line, col, message = entry.line, entry.column, entry.message
            message = re.sub(r", line \d+, column \d+$", "", message)
            findings.append(Finding(name, line, col, ERROR, _explain(message, data), "well-formed"))
        raise XMLInputError(findings) from None


def for_xslt(tree: etree._ElementTree) -> str:
    """The document as text for Saxon: root element only, no DOCTYPE, no prolog."""
    return etree.tostring(tree.getroot(), encoding="unicode")


def is_tei(tree: etree._ElementTree) -> bool:
    return tree.getroot().tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")


def is_authority(tree: etree._ElementTree) -> bool:
    """An authority file (personography, gazetteer) is a TEI document without a `text`."""
    root = tree.getroot()
    return root.find(f"{{{TEI_NS}}}text") is None and root.find(f"{{{TEI_NS}}}standOff") is not None
