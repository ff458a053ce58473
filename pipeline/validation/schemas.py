"""Which schemas a document is checked against, and whether a schema file can be used at all.

A `Schema` is a file and its kind: RelaxNG in XML syntax, RelaxNG compact syntax (Jing only),
or ISO Schematron. `vet(schema)` raises `SchemaError` for a schema that is missing, is not XML,
or includes something remote (nothing is ever fetched), and returns its size with everything
it includes: libxml2's compile time grows with it (full TEI, 1.1 MB: about 6.5 s). `xml_models(
tree, file, data)` reads the document's `<?xml-model?>` processing instructions and returns the
local schemas they name, plus a warning for each one that is missing, remote or of a kind we do
not check.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlparse

from lxml import etree

from pipeline import DEFAULT_SCHEMA, DEFAULT_SCHEMATRON  # noqa: F401 (validation's defaults, named here too)
from pipeline.findings import WARNING, Finding

RELAXNG = "relaxng"
COMPACT = "relaxng-compact"
SCHEMATRON = "schematron"

RNG_NS = "http://relaxng.org/ns/structure/1.0"
SCH_NS = ("http://purl.oclc.org/dsdl/schematron", "http://www.ascc.net/xml/schematron")
_COMPACT_TYPE = "application/relax-ng-compact-syntax"
#: What a schema includes: RelaxNG include/externalRef, Schematron include/extends.
_XML_INCLUDE = re.compile(rb"""<(?:[\w.-]+:)?(?:include|externalRef|extends)\b[^>]*?\shref\s*=\s*["']([^"']*)""")
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


def vet(schema: Schema, _seen: set | None = None) -> int:
    """Raise SchemaError unless `schema` is usable offline; return its size with its includes.

    A byte scan for what it includes, not a parse: full TEI is 1.1 MB, and libxml2 or Jing
    says soon enough whether a schema compiles.
    """
    seen = _seen if _seen is not None else set()
    seen.add(schema.path)
    try:
        data = schema.path.read_bytes()
    except OSError as exc:
        raise SchemaError(f"{schema.path}: cannot use schema: {exc.strerror}") from None
    if schema.kind == COMPACT:
        hrefs = _COMPACT_INCLUDE.findall(data)
    else:
        if not data.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
            raise SchemaError(f"{schema.path}: cannot use schema: not XML")
        hrefs = _XML_INCLUDE.findall(data)
    size = len(data)
    for href in (h.decode("utf-8", "replace") for h in hrefs):
        if _remote(href):
            raise SchemaError(f"{schema.path}: cannot use schema: it includes {href}, and nothing "
                              f"is ever fetched from the network; use a local copy")
        included = Schema.of(_local_path(href, schema.path.parent), schema.kind).path
        if included not in seen and included.is_file():
            size += vet(Schema(included, schema.kind), seen)
    return size


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


def xml_models(tree: etree._ElementTree, file: str, data: bytes) -> tuple[list[Schema], list[Finding]]:
    """The local schemas the document's <?xml-model?> instructions name, and warnings."""
    root = tree.getroot()
    pis = [node for node in reversed(list(root.itersiblings(preceding=True)))
           if isinstance(node, etree._ProcessingInstruction) and node.target == "xml-model"]
    if not pis:
        return [], []
    offsets = [m.start() for m in re.finditer(rb"<\?xml-model\b", data)]
    schemas, findings = [], []
    for i, pi in enumerate(pis):
        line, col = pi.sourceline or 1, 1
        if i < len(offsets):
            line = data.count(b"\n", 0, offsets[i]) + 1
            col = offsets[i] - data.rfind(b"\n", 0, offsets[i])
            if line == 1 and data.startswith(b"\xef\xbb\xbf"):
                col -= 3  # the byte-order mark is no character
        href = pi.get("href")
        kind = _kind(pi)
        problem = None
        if not href:
            problem = "<?xml-model?> without href: skipped"
        elif kind is None:
            problem = (f"<?xml-model?> names {href}, a schema of a kind teipipe does not check "
                       f"({pi.get('schematypens') or pi.get('type') or 'unknown'}): skipped")
        elif _remote(href):
            problem = f"<?xml-model?> names the remote schema {href}, which is never fetched: skipped"
        else:
            path = Path(os.path.normpath(_local_path(href, Path(file).absolute().parent)))
            if path.is_file():
                schemas.append(Schema.of(path, kind))
            else:
                problem = f"<?xml-model?> names {href}, which is not there ({path}): skipped"
        if problem:
            findings.append(Finding(file, line, col, WARNING, problem, "xml-model"))
    return schemas, findings
