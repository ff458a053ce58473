"""Run ISO Schematron schemas (query binding xslt, XPath 1.0 with EXSLT) on parsed documents.

`compiled(path)` turns a `.sch` file into an XSLT stylesheet with the ISO skeleton that lxml
bundles (`lxml.isoschematron`), once per process, and compiles it with no file or network access
at all: `document()` in a rule (which may come from the document's own `<?xml-model?>`) reads
nothing, and the schema and its includes are read as `schemas.files` allows. `check(tree, file, path, where)` runs it and turns the SVRL report into findings:
each failed assertion or successful report is one finding, a warning when its `@role` is
`warning` or `info`, otherwise an error, named by the assertion's `@id`. To place a finding we
add one template to the generated stylesheet: it writes each SVRL `@location` as a path of
element positions (`/*[1]/*[3]/*[2]/@*[local-name()='when' and namespace-uri()='']`), which
lxml maps back to the node in one XPath; `where` (a `locate.SourceMap`, made only when there
is something to place) gives that node's line and column.

The rules may call these functions, in namespace `urn:x-teipipe:functions` (all take node-sets
or strings):
- `unresolved(pointers)`: the pointers that reach nothing, each with the reason ('' if none);
- `wrong-kind(pointers, 'person personGrp')`: pointers whose target is another kind of element;
- `id-clash(ids)`: the authority files this document points into that define the same id;
- `date-problem(values)`: why a value is not a real ISO date ('' if it is);
- `date-ordered(start, end)`: whether a range is in order;
- `previous-numbered(element)`: the closest element before it, in document order, with the
  same name and a numeric `@n` (XPath's `preceding::x[@n][1]` costs libxml2 a walk over the
  whole document before each element; this is one walk for all of them).
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

from lxml import etree, isoschematron

from pipeline import caches, dates
from pipeline.findings import ERROR, WARNING, Finding
from pipeline.pointers import Resolver
from pipeline.schemas import SCHEMATRON, Schema, SchemaError, parse, vet

FUNCTIONS_NS = "urn:x-teipipe:functions"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_XSL = "http://www.w3.org/1999/XSL/Transform"
_WARNING_ROLES = {"warning", "warn", "info", "information"}
_LOCATION = etree.XML(f"""
<xsl:template xmlns:xsl="{_XSL}" match="node() | @*" mode="schematron-get-full-path" priority="100">
  <xsl:for-each select="ancestor-or-self::*">/*[<xsl:value-of select="count(preceding-sibling::*) + 1"/>]</xsl:for-each>
  <xsl:if test="count(. | ../@*) = count(../@*)">/@*[local-name()='<xsl:value-of select="local-name()"/>' and namespace-uri()='<xsl:value-of select="namespace-uri()"/>']</xsl:if>
</xsl:template>""")
#: The rules read the document they are given and nothing else: no document('...') of a file
#: or URL, whatever the schema says (it may come from the document's <?xml-model?>).
_NO_IO = etree.XSLTAccessControl.DENY_ALL


@caches.keep
def compiled(path: Path) -> etree.XSLT:
    """The validating stylesheet of a Schematron schema; SchemaError if it cannot be used."""
    vet(Schema(path, SCHEMATRON))
    try:
        # Its includes are files `vet` read and found fetching nothing, in its folder tree.
        schema = isoschematron.iso_abstract_expand(isoschematron.iso_dsdl_include(parse(path)))
        if not isoschematron.schematron_schema_valid(schema):
            problems = "; ".join(str(e.message) for e in isoschematron.schematron_schema_valid.error_log)
            raise SchemaError(f"{path}: not ISO Schematron: {problems}")
        stylesheet = isoschematron.iso_svrl_for_xslt1(
            schema, **{"generate-fired-rule": "'false'", "allow-foreign": "'true'"})
        stylesheet.getroot().append(copy.deepcopy(_LOCATION))
        return etree.XSLT(stylesheet, access_control=_NO_IO)
    except (etree.XMLSyntaxError, etree.XSLTParseError, etree.XSLTApplyError) as exc:
        raise SchemaError(f"{path}: cannot use Schematron schema: {exc}") from None


def _message(node) -> str:
    text = node.find(f"{SVRL}text")
    return " ".join("".join(text.itertext()).split()) if text is not None else node.get("test", "")


def check(tree: etree._ElementTree, file: str, path: Path,
          where: Callable[[], object]) -> list[Finding]:
    """Findings of Schematron schema `path` on `tree`; `where()` gives a SourceMap when needed."""
    stylesheet = compiled(Path(path))
    try:
        report = stylesheet(tree)
    except etree.XSLTApplyError as exc:
        return [Finding(file, 0, 0, ERROR, f"Schematron {Path(path).name} failed on this document: {exc}",
                        "schematron")]
    fired = report.getroot().iterchildren(f"{SVRL}failed-assert", f"{SVRL}successful-report")
    findings = []
    source_map = None
    for node in fired:
        line = col = 0
        nodes = tree.xpath(node.get("location", "")) if node.get("location") else []
        if nodes and (source_map := source_map or where()) is not None:
            line, col = source_map.node(nodes[0])
        level = WARNING if (node.get("role") or "").lower() in _WARNING_ROLES else ERROR
        findings.append(Finding(file, line, col, level, _message(node), node.get("id") or "schematron"))
    return findings


# ----------------------------------------------------------------- functions for the rules

def _values(arg) -> list:
    return arg if isinstance(arg, list) else [arg]


def _tokens(arg) -> list[str]:
    return [token for value in _values(arg) for token in str(value).split()]


def _resolver(context, arg) -> Resolver:
    # lxml clears eval_context before each run of the stylesheet: one document, one Resolver.
    resolver = context.eval_context.get("teipipe-resolver")
    if resolver is None:
        node = next((v for v in _values(arg) if hasattr(v, "getroottree") or hasattr(v, "getparent")), None)
        if node is None:
            raise TypeError("teipipe's pointer functions take attributes or elements, not strings")
        element = node if isinstance(node, etree._Element) else node.getparent()
        resolver = context.eval_context["teipipe-resolver"] = Resolver(element.getroottree())
    return resolver


_functions = etree.FunctionNamespace(FUNCTIONS_NS)


@_functions("unresolved")
def _unresolved(context, pointers) -> str:
    resolver = _resolver(context, pointers)
    problems = []
    for token in _tokens(pointers):
        problem = resolver.resolve(token)[1]
        if problem:
            problems.append(f"{token} ({problem})")
    return "; ".join(problems)


@_functions("wrong-kind")
def _wrong_kind(context, pointers, kinds) -> str:
    resolver = _resolver(context, pointers)
    allowed = str(kinds).split()
    wrong = []
    for token in _tokens(pointers):
        target = resolver.resolve(token)[0]
        if target and target not in allowed:
            wrong.append(f"{token} (a {target})")
    return "; ".join(wrong)


@_functions("id-clash")
def _id_clash(context, ids) -> str:
    resolver = _resolver(context, ids)
    files = resolver.authorities
    return ", ".join(name for token in _tokens(ids) for name, known in files.items() if token in known)


@_functions("previous-numbered")
def _previous_numbered(context, nodes) -> list:
    if not nodes or not isinstance(nodes[0], etree._Element):
        return []
    element = nodes[0]
    chains = context.eval_context.setdefault("teipipe-previous", {})
    if element.tag not in chains:
        chain, previous = {}, None
        for candidate in element.getroottree().getroot().iter(element.tag):
            if candidate.get("n", "").isdigit():
                chain[candidate] = previous
                previous = candidate
        chains[element.tag] = chain
    previous = chains[element.tag].get(element)
    return [previous] if previous is not None else []


@_functions("date-problem")
def _date_problem(context, values) -> str:
    return "; ".join(p for p in map(dates.problem, map(str, _values(values))) if p)


@_functions("date-ordered")
def _date_ordered(context, start, end) -> bool:
    return all(dates.ordered(str(a), str(b)) for a in _values(start) for b in _values(end))
