"""Parse XML from outside as untrusted input.

`read(path)` returns a `Parsed` (the lxml tree, the file's bytes, and findings that do not stop
the work: warnings, and ids used twice) or raises `XMLInputError` carrying one clear finding per
problem, with file, line and column. `parse(path)` returns just the tree and also raises for a
recoverable error. The parser never fetches anything: no network, no external DTD, external
entities are refused, and entity expansion stays under libxml2's amplification limit (a
"billion laughs" file is refused in about a millisecond, placed where the bomb goes off: the
first use of an entity in the document). libxml2's size limits (a text node, an attribute value
or a comment over 10 MB: a TEI document may embed an image as text in <binaryObject>) stop a
file only when it declares entities; one that declares none is read again without them, since
nothing in it can expand, and the amplification limit holds all the same. NUL bytes that do
not start UTF-16 or UTF-32 text mean binary data, and are named so. Encoding problems (bytes that are not
in the declared or default encoding, an unknown encoding, UTF-16 without a byte-order mark, a
byte-order mark that contradicts the declaration, a Latin-1 declaration over UTF-8 bytes) are
named as such. Its `xi:include` elements are expanded, reading only files of the document's
own folder tree (`_expand`, below, says the rules). `for_xslt(tree)` gives the text that Saxon parses: the root element only, with no
DOCTYPE left for Saxon to resolve.
"""

from __future__ import annotations

import codecs
import copy
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse, urlsplit

from lxml import etree

from pipeline.findings import ERROR, WARNING, Finding

TEI_NS = "http://www.tei-c.org/ns/1.0"
XML_NS = "http://www.w3.org/XML/1998/namespace"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"

_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF8, codecs.BOM_UTF16_LE,
         codecs.BOM_UTF16_BE)
_DECLARED = re.compile(rb"""\A<\?xml[^>]*?\sencoding\s*=\s*["']([A-Za-z][A-Za-z0-9._-]*)["']""")
#: Single-byte encodings whose declaration over UTF-8 bytes silently garbles every accent.
_SINGLE_BYTE = re.compile(r"(iso[-_]?8859|latin|windows-125|cp125)", re.I)


class XMLInputError(Exception):
    """A file that could not be parsed; `findings` says where and why."""

    def __init__(self, findings: list[Finding]):
        super().__init__("\n".join(map(str, findings)))
        self.findings = findings


@dataclass
class Parsed:
    tree: etree._ElementTree
    data: bytes = field(repr=False)
    findings: list[Finding] = field(default_factory=list)
    #: What `xi:include` brought into the tree (`Inclusion`), if anything.
    inclusion: Inclusion | None = None

    @property
    def included(self) -> tuple[Path, ...]:
        """The files read into the tree by `xi:include`."""
        return self.inclusion.files if self.inclusion else ()


def _parser(recover: bool = False, huge: bool = False) -> etree.XMLParser:
    # A new parser per call: lxml parsers keep state and are not shared between threads.
    return etree.XMLParser(
        resolve_entities="internal",
        no_network=True,
        load_dtd=False,
        huge_tree=huge,
        remove_comments=False,
        recover=recover,
    )


def declared_encoding(data: bytes) -> str | None:
    """The encoding named in the XML declaration, if the file has one (after a UTF-8 BOM)."""
    match = _DECLARED.match(data.removeprefix(codecs.BOM_UTF8)[:200])
    return match[1].decode("ascii") if match else None


def decode(data: bytes) -> str:
    """The document's text as libxml2 read it: by byte-order mark, else declaration, else UTF-8.

    (lxml's `docinfo.encoding` says UTF-8 for a UTF-16 file that has no XML declaration.)
    """
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(codec, errors="replace")
    try:
        return data.decode(declared_encoding(data) or "utf-8", errors="replace")
    except LookupError:
        return data.decode("utf-8", errors="replace")


def _position(data: bytes, offset: int) -> tuple[int, int]:
    line_start = data.rfind(b"\n", 0, offset) + 1
    return data.count(b"\n", 0, offset) + 1, offset - line_start + 1


def _bad_bytes(message: str, data: bytes, line: int, col: int) -> str:
    declared = declared_encoding(data)
    byte = ""
    if declared is None or declared.lower().replace("_", "-") in ("utf-8", "utf8"):
        try:
            data.removeprefix(codecs.BOM_UTF8).decode("utf-8")
        except UnicodeDecodeError as exc:
            byte = f" (byte 0x{exc.object[exc.start]:02X})"
    where = f"line {line}, column {col}{byte}"
    if declared is None:
        return (f"the file is not UTF-8 at {where} and declares no encoding: save it as UTF-8, "
                f"or declare its encoding, e.g. <?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>")
    return (f"the file declares encoding {declared} but is not {declared} at {where}: it was "
            f"saved in another encoding; save it as {declared} or correct the declaration")


def _undefined_entity(name: str, data: bytes, doctype_url: str | None) -> str:
    if re.search(rb"<!ENTITY\s+%s\s+(SYSTEM|PUBLIC)" % re.escape(name.encode()), data):
        return f"external entity '{name}' refused: entities from outside the document are never resolved"
    if doctype_url:
        return (f"entity '{name}' is not defined in the document; the external DTD {doctype_url} "
                f"that may define it is never loaded")
    return f"entity '{name}' is not defined"


def _bomb(message: str) -> bool:
    return "amplification" in message or "entity reference loop" in message


def _over_size_limit(message: str) -> bool:
    """Did libxml2 stop at one of its size limits (10 MB of text, a name of 50,000 characters)?"""
    return bool(re.search(r"too (long|large|big)|huge text node", message, re.I))


#: The first use of a general entity (the five predefined ones aside).
_ENTITY_USE = re.compile(rb"&(?!(?:amp|lt|gt|quot|apos);)([A-Za-z_:][\w.:-]*);")
_INTERNAL_SUBSET_END = re.compile(rb"\]\s*>")


def _bomb_site(data: bytes) -> tuple[str, int, int]:
    """The entity whose expansion goes off, and where: its first use in the document (after
    the DOCTYPE's declarations), else where the first entity is declared."""
    end = _INTERNAL_SUBSET_END.search(data)
    use = _ENTITY_USE.search(data, end.end() if end else 0)
    if use:
        return use[1].decode("utf-8", "replace"), *_position(data, use.start())
    declared = re.search(rb"<!ENTITY\s+([^\s%]\S*)", data)
    if declared:
        return declared[1].decode("utf-8", "replace"), *_position(data, declared.start())
    return "", 1, 1


def _explain(message: str, data: bytes, line: int, col: int) -> tuple[str, str]:
    """One clear message and its rule for a libxml2 parse error."""
    if _bomb(message):
        return ("entity expansion refused: the entities declared in this document expand far "
                "beyond its own size (an entity-expansion bomb)", "entities")
    if "Excessive depth" in message:
        return "elements nested more than 256 deep: refused (parser safety limit)", "limits"
    if _over_size_limit(message):
        return ("a text node, attribute value or comment over 10 MB, or a name over 50,000 "
                "characters, in a document that declares entities: refused, since entities could "
                "make it any size (without <!ENTITY> declarations such a document is read)", "limits")
    if "Invalid bytes in character encoding" in message or "not proper UTF-8" in message:
        return _bad_bytes(message, data, line, col), "encoding"
    match = re.search(r"Unsupported encoding:? *(\S+)", message)
    if match:
        return (f"unknown encoding '{match[1]}' in the XML declaration: save the file as UTF-8 "
                f"or name a registered encoding such as ISO-8859-1", "encoding")
    match = re.search(r"Entity '([^']+)' not defined", message)
    if match:
        doctype = re.search(rb"<!DOCTYPE\s+\S+\s+(?:SYSTEM|PUBLIC\s+[\"'][^\"']*[\"'])\s+[\"']([^\"']*)[\"']", data)
        return _undefined_entity(match[1], data, doctype[1].decode("utf-8", "replace") if doctype else None), "entities"
    if "labelled" in message or "encoding" in message.lower():
        return message, "encoding"
    return message, "well-formed"


#: How UTF-16 and UTF-32 text starts: with '<' or white space, each beside NUL bytes.
_WIDE_STARTS = tuple(char.encode(codec) for char in "< \t\r\n"
                     for codec in ("utf-16-le", "utf-16-be", "utf-32-le", "utf-32-be"))


def _without_bom_utf16(data: bytes) -> bool:
    """UTF-16 or UTF-32 text without a byte-order mark."""
    return not data.startswith(_BOMS) and data.startswith(_WIDE_STARTS)


def _errors(name: str, data: bytes, entries) -> list[Finding]:
    if _without_bom_utf16(data):
        return [Finding(name, 1, 1, ERROR, "the file looks like UTF-16 or UTF-32 without a "
                        "byte-order mark: save it as UTF-8, or with a byte-order mark", "encoding")]
    if b"\x00" in data and not data.startswith(_BOMS):
        line, col = _position(data, data.index(b"\x00"))
        return [Finding(name, line, col, ERROR, f"a NUL byte at line {line}, column {col}: the file "
                        f"is binary data, not XML text", "well-formed")]
    findings = []
    for entry in entries:
        message, rule = _explain(re.sub(r", line \d+, column \d+$", "", entry.message.strip()),
                                 data, entry.line, entry.column)
        line, col = entry.line, entry.column
        if rule == "entities" and _bomb(entry.message):
            entity, line, col = _bomb_site(data)
            message = (f"entity expansion refused: &{entity}; expands far beyond the document's own "
                       f"size (an entity-expansion bomb)")
        findings.append(Finding(name, line, col, ERROR, message, rule))
        if rule in ("entities", "encoding", "limits"):
            break  # what follows is noise caused by this one problem
    return findings


def _warnings(name: str, tree: etree._ElementTree, data: bytes, entries) -> list[Finding]:
    findings = []
    declared = declared_encoding(data)
    for entry in entries:
        message = entry.message.strip()
        if "doesn't match auto-detected" in message and data.startswith(_BOMS):
            message = (f"the byte-order mark says {tree.docinfo.encoding} but the XML declaration "
                       f"says {declared}: the file was read as {tree.docinfo.encoding}; correct "
                       f"the declaration")
            findings.append(Finding(name, 1, 1, WARNING, message, "encoding"))
        else:
            findings.append(Finding(name, entry.line, entry.column, WARNING, message, "well-formed"))
    docinfo = tree.docinfo
    if docinfo.system_url or docinfo.public_id:
        line, col = _position(data, max(data.find(b"<!DOCTYPE"), 0))
        dtd = docinfo.system_url or docinfo.public_id
        findings.append(Finding(name, line, col, WARNING,
                                f"the DOCTYPE names an external DTD ({dtd}), which is never loaded: "
                                f"its default attributes and entities do not apply; TEI is "
                                f"validated with RelaxNG", "dtd"))
    if declared and _SINGLE_BYTE.match(declared) and not data.startswith(_BOMS) and not data.isascii():
        try:
            sample = re.search(r"[^\x00-\x7f]+", data.decode("utf-8"))[0][:10]
        except UnicodeDecodeError:
            sample = None
        if sample:
            findings.append(Finding(name, 1, 1, WARNING,
                                    f"the file declares {declared} but its bytes are UTF-8: "
                                    f"'{sample}' reads as '{sample.encode().decode('latin-1')}'; "
                                    f"declare encoding=\"UTF-8\"", "encoding"))
    return findings


#: The rule of the finding for an xml:id used twice.
DUPLICATE_ID = "xml:id"


def _duplicate_id(entry) -> bool:
    return bool(re.match(r"ID \S+ already defined", entry.message))


def read(path: Path, expand: bool = True) -> Parsed:
    """Parse `path` safely; raise XMLInputError with every reason it cannot be used. Its
    `xi:include` elements are expanded unless `expand` is off (`_expand`)."""
    parsed = _read(path)
    if expand and XINCLUDE_NS.encode() in parsed.data:
        parsed.inclusion, findings = _expand(parsed.tree, path, str(path), parsed.data)
        parsed.findings += findings
    return parsed


def _read(path: Path) -> Parsed:
    name = str(path)
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        raise XMLInputError([Finding(name, 0, 0, ERROR, f"cannot read file: {exc.strerror}", "io")]) from None
    if not data.strip():
        raise XMLInputError([Finding(name, 1, 1, ERROR, "file is empty", "well-formed")])
    base_url = Path(path).resolve().as_uri()
    huge = False
    parser = _parser()
    try:
        try:
            tree = etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))
        except etree.XMLSyntaxError as exc:
            # Only over a size limit, with nothing in it that can expand: read it without them.
            if not (_over_size_limit(exc.msg) and b"<!ENTITY" not in data):
                raise
            huge = True
            parser = _parser(huge=huge)
            tree = etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))
        return Parsed(tree, data, _warnings(name, tree, data, parser.error_log))
    except etree.XMLSyntaxError as exc:
        entries = [e for e in parser.error_log if e.level_name in ("ERROR", "FATAL")]
        if not entries:
            line, col = exc.position
            raise XMLInputError([Finding(name, line, col, ERROR, *_explain(exc.msg, data, line, col))]) from None
        if not all(map(_duplicate_id, entries)):
            raise XMLInputError(_errors(name, data, entries)) from None
    # The only errors are ids used twice: report them (with the line of the first), and keep the
    # tree for the other checks.
    parser = _parser(recover=True, huge=huge)
    tree = etree.ElementTree(etree.fromstring(data, parser, base_url=base_url))
    duplicates = [Finding(name, e.line, e.column, ERROR, f"xml:id {e.message.split()[1]} is used twice "
                          f"(first on line {_first_line(tree, e.message.split()[1])}): ids must be unique "
                          f"in a document", DUPLICATE_ID) for e in entries]
    warnings = [e for e in parser.error_log if e.level_name == "WARNING"]
    return Parsed(tree, data, duplicates + _warnings(name, tree, data, warnings))


def _first_line(tree: etree._ElementTree, xml_id: str) -> int:
    first = tree.xpath("(//*[@xml:id = $id])[1]", id=xml_id)
    return first[0].sourceline if first else 0


def parse(path: Path) -> etree._ElementTree:
    """Parse `path` safely; raise XMLInputError for any error (warnings are dropped)."""
    parsed = read(path)
    errors = [f for f in parsed.findings if f.level == ERROR]
    if errors:
        raise XMLInputError(errors)
    return parsed.tree


def source_path(tree: etree._ElementTree) -> Path | None:
    """The file `tree` was parsed from (`read` sets its URL), or None for a tree from text."""
    url = tree.docinfo.URL
    return Path(unquote(urlparse(url).path)) if url and url.startswith("file:") else None


def for_xslt(tree: etree._ElementTree) -> str:
    """The document as text for Saxon: root element only, no DOCTYPE, no prolog."""
    return etree.tostring(tree.getroot(), encoding="unicode")


def is_tei(tree: etree._ElementTree) -> bool:
    return tree.getroot().tag in (f"{{{TEI_NS}}}TEI", f"{{{TEI_NS}}}teiCorpus")


def is_authority(tree: etree._ElementTree) -> bool:
    """An authority file (personography, gazetteer) is a TEI document without a `text`."""
    root = tree.getroot()
    return root.find(f"{{{TEI_NS}}}text") is None and root.find(f"{{{TEI_NS}}}standOff") is not None


# ------------------------------------------------------------------------------ xi:include
#
# `_expand(tree, path, name, data)` expands a document's `xi:include` elements with libxml2's own
# XInclude (lxml's `xinclude()`), after checking every inclusion it would make, at every depth,
# against these rules: an `href` is a relative path (no URL, no absolute path; an `xml:base` that
# makes it a URL counts as one) to a file inside the folder tree of the document named (not of
# the file that includes it: the user trusted that folder); inclusions nest at most `MAX_DEPTH`
# deep and make no cycle; `parse` is `xml` or `text`; `xpointer` is refused (the whole file is
# included, or nothing). A refused inclusion is an error finding at the `xi:include` element
# (file, line, column of the file it stands in) and its target is never opened; a file included
# that is not well-formed gives its own findings, in that file. If any inclusion is refused or
# unreadable, nothing is expanded: a document is whole or not published.
#
# Each XML file is read once, by `read`'s safe parser, before libxml2 expands anything; a
# resolver on the document's parser then gives libxml2 those very bytes and refuses any other
# load, so libxml2 never opens an XML file itself. A text inclusion (`parse="text"`) is read by
# libxml2 (it asks no resolver), once the rules have allowed its path. `Inclusion` keeps what
# the findings need to be placed in the file an element came from (`origins`, for
# `validation.locate`), and the files read (`files`), on which the document's outputs depend.

_INCLUDE = f"{{{XINCLUDE_NS}}}include"
#: How deep inclusions may nest (the document named is at depth 0).
MAX_DEPTH = 10


@dataclass
class Part:
    """One file of a document as it is on disk: the name findings give it, its own tree (not expanded) and
    bytes, and the file each of its `xi:include` elements leads to (None for text)."""
    name: str
    tree: etree._ElementTree
    data: bytes
    targets: dict = field(default_factory=dict)


@dataclass
class Inclusion:
    #: The document named, and each XML file included, by resolved path.
    sources: dict[Path, Part]
    main: Path
    #: Every file read into the document (XML and text), resolved, sorted.
    files: tuple[Path, ...]

    def origins(self, tree: etree._ElementTree) -> dict:
        """Each element of the expanded `tree`: (its source, the same element in that source's
        own tree), by walking the expanded tree beside the files' own trees."""
        found: dict = {}
        self._pair(tree.getroot(), self.sources[self.main], self.sources[self.main].tree.getroot(), found)
        return found

    def _pair(self, expanded, source: Part, own, found: dict) -> None:
        found[expanded] = (source, own)
        children = iter(expanded.iterchildren(etree.Element))
        for child in own.iterchildren(etree.Element):
            if child.tag == _INCLUDE:
                target = source.targets.get(child)
                if target is not None:  # text adds no element
                    included = self.sources[target]
                    self._pair(next(children), included, included.tree.getroot(), found)
            else:
                self._pair(next(children), source, child, found)


class _Refused(Exception):
    def __init__(self, finding: Finding):
        self.finding = finding


class _Walk:
    """Every inclusion of a document, checked against the rules before anything is expanded."""

    def __init__(self, path: Path, name: str, tree, data: bytes):
        self.root = path.resolve().parent
        self.main = path.resolve()
        self.name = name
        self.sources = {self.main: Part(name, copy.deepcopy(tree), data)}
        self.files: set[Path] = set()
        self.findings: list[Finding] = []
        self.refused = False

    def visit(self, path: Path, chain: tuple[Path, ...]) -> None:
        source = self.sources[path]
        for include in source.tree.iter(_INCLUDE):
            try:
                target, parse = self._target(source, include, chain)
            except _Refused as refusal:
                self.findings.append(refusal.finding)
                self.refused = True
                continue
            self.files.add(target)
            if parse == "xml" and self._read(target):
                source.targets[include] = target
                self.visit(target, (*chain, target))

    def _target(self, source: Part, include, chain: tuple[Path, ...]) -> tuple[Path, str]:
        """The file `include` leads to and how it is parsed, or `_Refused` saying why not."""
        href, parse = include.get("href", ""), include.get("parse", "xml")

        def refuse(why: str):
            line, col = _include_position(source.data, include)
            return _Refused(Finding(source.name, line, col, ERROR, f"xi:include of {href or '(no href)'} "
                                    f"refused: {why}", "xinclude"))
        if include.get("xpointer") is not None:
            raise refuse("xpointer is not supported; include a whole file")
        if parse not in ("xml", "text"):
            raise refuse(f'parse="{parse}": only "xml" and "text" are allowed')
        if not href:
            raise refuse("it has no href naming the file to include")
        url = urljoin(include.base or "", href)
        if urlsplit(href).scheme or os.path.isabs(unquote(href)) or urlsplit(url).scheme != "file":
            raise refuse(f"only a relative path to a file in the folder of {self.name} is followed, "
                         f"never a URL or an absolute path; nothing was read")
        target = Path(unquote(urlsplit(url).path)).resolve()
        if not target.is_relative_to(self.root):
            raise refuse(f"it leads outside the folder of {self.name}; nothing was read")
        if target in chain:
            names = " -> ".join(self.sources[p].name for p in chain if p in self.sources)
            raise refuse(f"it makes a cycle ({names} -> {self._name(target)})")
        if len(chain) > MAX_DEPTH:
            raise refuse(f"inclusions nest more than {MAX_DEPTH} deep")
        if not target.is_file():
            raise refuse(f"there is no file {self._name(target)}")
        return target, parse

    def _name(self, target: Path) -> str:
        """`target` as findings name it: beside the document, as the user named that."""
        return str(Path(self.name).parent / target.relative_to(self.root))

    def _read(self, target: Path) -> bool:
        """Read `target` once; False (with its findings) if it is not well-formed."""
        if target in self.sources:
            return True
        try:
            parsed = read(Path(self._name(target)), expand=False)
        except XMLInputError as exc:
            self.findings += exc.findings
            self.refused = True
            return False
        self.findings += parsed.findings
        self.sources[target] = Part(self._name(target), parsed.tree, parsed.data)
        return True


def _include_position(data: bytes, include) -> tuple[int, int]:
    """Line and column of an xi:include's `<`. libxml2 gives the line where its start tag ends:
    of the tags that end on that line, the k-th element is the k-th of the last ones found."""
    line = include.sourceline or 1
    same_line = [e for e in include.getroottree().iter(_INCLUDE) if e.sourceline == line]
    text = decode(data)
    end = sum(len(text_line) + 1 for text_line in text.split("\n")[:line])
    starts = [m.start() for m in re.finditer(r"<(?:[\w.-]+:)?include\b", text[:end])]
    index = len(starts) - len(same_line) + same_line.index(include)
    if index < 0:
        return line, 1
    offset = starts[index]
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


class _Resolver(etree.Resolver):
    """Gives libxml2 the bytes already read of each file allowed, and refuses any other load."""

    def __init__(self, sources: dict[Path, Part]):
        super().__init__()
        self.sources = sources

    def resolve(self, url, public_id, context):
        parts = urlsplit(url or "")
        source = self.sources.get(Path(unquote(parts.path)).resolve()) if parts.scheme == "file" else None
        if source is None:
            raise PermissionError(f"XInclude load of {url} refused")
        return self.resolve_string(source.data, context, base_url=url)


def _expand(tree: etree._ElementTree, path: Path, name: str, data: bytes) -> tuple[Inclusion | None, list[Finding]]:
    """Expand the inclusions of `tree` (parsed from `data`, at `path`) in place, if every one
    keeps the rules; the `Inclusion` made (None if nothing was expanded) and the findings."""
    if next(tree.iter(_INCLUDE), None) is None:
        return None, []
    walk = _Walk(Path(path), name, tree, data)
    walk.visit(walk.main, (walk.main,))
    if walk.refused:
        return None, walk.findings
    tree.parser.resolvers.add(_Resolver(walk.sources))
    try:
        tree.xinclude()
    except (etree.XIncludeError, PermissionError) as exc:
        return None, walk.findings + [Finding(name, 1, 1, ERROR, f"xi:include could not be expanded: {exc}",
                                              "xinclude")]
    return Inclusion(walk.sources, walk.main, tuple(sorted(walk.files))), walk.findings
