"""Which schemas a document is checked against, and whether a schema file can be used at all.

A `Schema` is a file and its kind: RelaxNG in XML syntax, RelaxNG compact syntax (Jing only),
or ISO Schematron. A schema is input like any other (a document's `<?xml-model?>` names one),
so `files(schema)` reads it and everything it includes with a parser that fetches nothing, and
raises `SchemaError` for a schema that is missing, is not well-formed XML, has a DOCTYPE that
names an external DTD or declares entities (Java's parser in Jing, and libxslt reading a
Schematron include, would fetch and expand them), includes something remote, or includes a
file outside its own folder tree. What it returns, the schema's files and their sizes, is all
an engine compiling the schema is given (`validation.jing` lets Java read nothing else). `vet`
gives the total size: libxml2's compile time grows with it (full TEI, 1.1 MB: about 6.5 s).
`parse(path)` is that safe parse, for the engines that compile a tree. `xml_models(
tree, file, data, resolve)` reads the document's `<?xml-model?>` processing instructions and
returns the local schemas they name, each URL first looked up in the XML catalogs (`resolve`,
see `validation.catalogs`), plus a warning for each one that is missing, remote and not in a
catalog (saying how to make a local copy), or of a kind we do not check.
"""

from __future__ import annotations

import atexit
import os
import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from typing import Callable
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import etree

from pipeline import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, processes  # noqa: F401 (validation's defaults, named here too)
from pipeline.findings import WARNING, Finding

RELAXNG = "relaxng"
COMPACT = "relaxng-compact"
SCHEMATRON = "schematron"

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")
_COMPACT_TYPE = "application/relax-ng-compact-syntax"
XINCLUDE_NS = "http://www.w3.org/2001/XInclude"
#: What a schema includes: RelaxNG include/externalRef, Schematron include/extends, XInclude.
_INCLUDES = etree.XPath(
    "//rng:include/@href | //rng:externalRef/@href | //xi:include/@href"
    " | //iso:include/@href | //iso:extends/@href | //old:include/@href | //old:extends/@href",
    namespaces={"rng": RNG_NS, "xi": XINCLUDE_NS, "iso": SCH_NS[0], "old": SCH_NS[1]})
_COMPACT_INCLUDE = re.compile(rb'(?:include|external)\s+"([^"]*)"')
#: A schema at least this big (with its includes) takes libxml2 seconds to compile.
LARGE = 256 * 1024


class SchemaError(Exception):
    """A schema that cannot be read or compiled: nothing can be validated against it."""


@dataclass(frozen=True, order=True)
class Schema:
    path: Path
    kind: str

    @classmethod
    def of(cls, path: Path, kind: str | None = None) -> "Schema":
        path = Path(path).resolve()
        if kind is None:
            kind = {".rnc": COMPACT, ".sch": SCHEMATRON}.get(path.suffix.lower(), RELAXNG)
        return cls(path, kind)


def _remote(href: str) -> bool:
    scheme = urlparse(href).scheme
    return len(scheme) > 1 and scheme != "file"  # one letter: a Windows drive


def _local_path(href: str, base: Path) -> Path:
    parsed = urlparse(href)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else base / unquote(href)


def _line_col(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (from 1) of a byte offset, as an editor shows them."""
    line = data.count(b"\n", 0, offset) + 1
    col = offset - data.rfind(b"\n", 0, offset)
    if line == 1 and data.startswith(b"\xef\xbb\xbf"):
        col -= 3  # the byte-order mark is no character
    return line, col


def safe_parser() -> etree.XMLParser:
    # Loads no DTD, resolves no entity, fetches nothing: the schema file alone is read.
    return etree.XMLParser(no_network=True, load_dtd=False, resolve_entities=False, huge_tree=False)


def parse(path: Path, data: bytes | None = None, base: str | None = None) -> etree._ElementTree:
    """A schema file parsed with nothing it names read; SchemaError, located, if it is not
    well-formed or its DOCTYPE names an external DTD or declares entities (which Java's parser,
    in Jing, would fetch and expand). `base`: the URL it came from, if not the file's."""
    try:
        data = Path(path).read_bytes() if data is None else data
    except OSError as exc:
        raise SchemaError(f"{path}: cannot use schema: {exc.strerror}") from None
    try:
        tree = etree.fromstring(data, safe_parser(), base_url=base or Path(path).as_uri()).getroottree()
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise SchemaError(f"{path}:{line}:{col}: cannot use schema: not well-formed XML: {exc.msg}") from None
    docinfo = tree.docinfo
    external = docinfo.system_url or docinfo.public_id
    entities = [e.name for e in docinfo.internalDTD.iterentities()] if docinfo.internalDTD is not None else []
    if external or entities:
        what = f"names the external DTD {external}" if external else f"declares entities ({', '.join(entities)})"
        line, col = _line_col(data, max(data.find(b"<!DOCTYPE"), 0))
        raise SchemaError(f"{path}:{line}:{col}: cannot use schema: its DOCTYPE {what}; a schema may "
                          f"not make a parser fetch or expand anything: remove the DOCTYPE")
    return tree


def included(path: Path, data: bytes, kind: str, base: str | None = None) -> list[str]:
    """The URLs of what a schema file includes, made absolute as the engines resolve them
    (against `base`, the URL the file came from, if not the file's)."""
    if kind == COMPACT:
        return [urljoin(base or path.as_uri(), h.decode("utf-8", "replace")) for h in _COMPACT_INCLUDE.findall(data)]
    if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise SchemaError(f"{path}: cannot use schema: not XML")
    # xml:base counts: an element's base URL is the one its href is resolved against.
    return [urljoin(href.getparent().base, str(href)) for href in _INCLUDES(parse(path, data, base))]


@processes.keep
def files(schema: Schema) -> dict[Path, int]:
    """Every file `schema` reads (itself first) and its size; SchemaError unless every one is
    usable offline and lies in the schema's folder or below it: these are the only files an
    engine compiling the schema is given."""
    start = schema.path.resolve()
    folder = start.parent
    sizes: dict[Path, int] = {}
    todo = [start]
    while todo:
        path = todo.pop(0)
        if path in sizes:
            continue
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise SchemaError(f"{path}: cannot use schema: {exc.strerror}") from None
        sizes[path] = len(data)
        for url in included(path, data, schema.kind):
            if _remote(url):
                raise SchemaError(f"{path}: cannot use schema: it includes {url}, and nothing "
                                  f"is ever fetched from the network; use a local copy")
            local = _local_path(url, folder).resolve()
            if not local.is_relative_to(folder):
                raise SchemaError(f"{path}: cannot use schema: it includes {local}, outside the "
                                  f"schema's folder {folder}, which is never read")
            if local.is_file():  # a missing one is the engine's to report, where it stands
                todo.append(local)
    return sizes


def vet(schema: Schema) -> int:
    """Raise SchemaError unless `schema` is usable offline; return its size with its includes."""
    return sum(files(schema).values())


@processes.keep
def xml_syntax(path: Path) -> Path:
    """A RelaxNG compact syntax schema in XML syntax, which libxml2 reads: converted by trang,
    once per process, into a folder of the process's own. SchemaError without trang, or if
    trang cannot convert it. (Trang reads only the vetted files: compact syntax names no DTD.)"""
    vet(Schema.of(path, COMPACT))
    trang = shutil.which("trang")
    if trang is None:
        raise SchemaError(f"{path}: libxml2 needs RelaxNG compact syntax converted to XML syntax, "
                          f"and trang (Debian package trang) is not installed")
    folder = Path(tempfile.mkdtemp(prefix="teipipe-trang-"))
    atexit.register(shutil.rmtree, folder, True)
    converted = folder / f"{path.stem}.rng"
    done = subprocess.run([trang, "-I", "rnc", "-O", "rng", str(path), str(converted)],
                          capture_output=True, text=True, errors="replace", timeout=300)
    if done.returncode or not converted.is_file():
        reason = (done.stderr.strip().splitlines() or ["failed"])[0]
        raise SchemaError(f"{path}: cannot use schema: trang: {reason}")
    return converted


def _kind(pi) -> str | None:
    namespace, media_type = pi.get("schematypens", ""), pi.get("type", "")
    href = pi.get("href", "").lower()
    if namespace in SCH_NS or (not namespace and href.endswith(".sch")):
        return SCHEMATRON
    if media_type == _COMPACT_TYPE or href.endswith(".rnc"):
        return COMPACT if namespace in ("", RNG_NS) else None
    if namespace == RNG_NS or (not namespace and href.endswith(".rng")):
        return RELAXNG
    return None


def _declared(href: str, kind: str, file: str, resolve) -> tuple[Schema | None, str]:
    """The local schema an <?xml-model?> href names, found through the catalogs first, and
    where it came from; or None and why not."""
    folder = Path(file).absolute().parent
    url = href if _remote(href) or urlparse(href).scheme == "file" else urljoin(folder.as_uri() + "/", href)
    mapped = resolve(url)
    if mapped and _remote(mapped):
        return None, (f"<?xml-model?> names {href}, which a catalog maps to {mapped}, a web address, "
                      f"never fetched: a catalog may only map to local files: skipped")
    if not mapped and _remote(href):
        return None, (f"<?xml-model?> names the remote schema {href}, which is never fetched: skipped; "
                      f"make a local copy with `teipipe schema fetch {href}`, or map it to one in a catalog "
                      f"(<uri name=\"{href}\" uri=\"file:///path/to/copy\"/>) given by --catalog or "
                      f"XML_CATALOG_FILES")
    path = Path(os.path.normpath(_local_path(mapped or href, folder)))
    if not path.is_file():
        return None, f"<?xml-model?> names {href}, which is not there ({path}): skipped"
    return Schema.of(path, kind), f"xml-model {href}, via catalog" if mapped else "xml-model"


def xml_models(tree: etree._ElementTree, file: str, data: bytes,
               resolve: Callable[[str], str | None] = lambda url: None) -> tuple[dict[Schema, str], list[Finding]]:
    """The local schemas the document's <?xml-model?> instructions name, each with where it
    came from ("xml-model", or "xml-model URL, via catalog" when `resolve`, the catalogs,
    mapped its URL to a local copy), and warnings."""
    root = tree.getroot()
    pis = [node for node in reversed(list(root.itersiblings(preceding=True)))
           if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"]
    if not pis:
        return {}, []
    offsets = [m.start() for m in re.finditer(rb"<\?xml-model\b", data)]
    schemas, findings = {}, []
    for i, pi in enumerate(pis):
        line, col = pi.sourceline or 1, 1
        if i < len(offsets):
            line, col = _line_col(data, offsets[i])
        href = pi.get("href")
        kind = _kind(pi)
        schema = None
        if not href:
            problem = "<?xml-model?> without href: skipped"
        elif kind is None:
            problem = (f"<?xml-model?> names {href}, a schema of a kind teipipe does not check "
                       f"({pi.get('schematypens') or pi.get('type') or 'unknown'}): skipped")
        else:
            schema, problem = _declared(href, kind, file, resolve)
        if schema:
            schemas.setdefault(schema, problem)
        else:
            findings.append(Finding(file, line, col, WARNING, problem, "xml-model"))
    return schemas, findings
