"""Run ISO Schematron schemas on parsed documents, whatever query binding they use.

`compiled(path, phase)` makes a schema ready to run, once per process (and phase), by its
`queryBinding`: `xslt` (XPath 1.0 with EXSLT, the default) goes through the ISO skeleton that
lxml bundles (`lxml.isoschematron`), compiled with no network access and no file writes;
`xslt2` and `xslt3` are compiled into XSLT 3.0 by `pipeline.validation.schematron_xslt` and run by Saxon,
through `pipeline.saxon`'s processor. Schemas and their includes are read as
`schemas.parse` allows (no DTD, no entity, nothing outside their folder), and the xslt
stylesheet runs with no file or network access at all: `document()` in a rule (which may come
from the document's own `<?xml-model?>`) reads nothing. `embedded(grammar)` does the same for the Schematron
rules a RelaxNG schema carries (tei_all.rng: TEI's own constraints), None if it has none.
`check(tree, file, path, where, phase, roots=...)` runs them and returns findings: each failed assertion
or successful report is one finding, a warning when its `@role` or `@flag` is `warning` or
`info`, otherwise an error, named by the assertion's `@id` (for xslt2/xslt3, else by its rule's
or its pattern's). Each stylesheet writes the location of a finding as a path of element
positions (`/*[1]/*[3]/*[2]/@*[local-name()='when' and namespace-uri()='']`; for xslt, with
one template we add to the skeleton's output), which lxml maps back to the node in one XPath;
`where` (a `locate.SourceMap`, made only when there is something to place) gives that node's
line and column; `roots` are the folders besides the document's own that its
pointers may lead into (`pointers.Resolver`). A compiled schema's `skipped` names the rules left out because they would
read a file or a web address (`doc()` and its kin): nothing is read but the files given.

Rules of query binding xslt may call these functions, in namespace `urn:x-teipipe:functions` (all take node-sets
or strings; a pointer is read from the folder of the file its attribute is written in, an
included file's own, a string's from the document's):
- `unresolved(pointers)`: the pointers that reach nothing, each with the reason ('' if none);
- `outside(pointers)`: the pointers that lead outside the folders allowed, which are not
  followed (`unresolved` and `wrong-kind` say nothing of them);
- `wrong-kind(pointers, 'person personGrp')`: pointers whose target is another kind of element;
- `id-clash(ids)`: the authority files this document points into that define the same id;
- `date-problem(values)`: why a value is not a real ISO date ('' if it is);
- `date-ordered(start, end)`: whether a range is in order;
- `previous-numbered(element)`: the closest element before it, in document order, with the
  same name and a numeric `@n` (XPath's `preceding::x[@n][1]` costs libxml2 a walk over the
  whole document before each element; this is one walk for all of them).
"""

from __future__ import annotations

import contextvars
import copy
from pathlib import Path
from typing import Callable

from lxml import etree, isoschematron

from pipeline import processes, saxon
from pipeline.document import base_folder
from pipeline.findings import ERROR, WARNING, Finding
from pipeline.parsing import for_xslt, source_path
from pipeline.saxon import TransformError
from pipeline.validation import dates, schematron_xslt
from pipeline.validation.pointers import Resolver
from pipeline.validation.schemas import SCHEMATRON, Schema, SchemaError, parse, vet
from pipeline.validation.schematron_xslt import WARNING_ROLES

FUNCTIONS_NS = "urn:x-teipipe:functions"
SVRL = "{http://purl.oclc.org/dsdl/svrl}"
_XSL = "http://www.w3.org/1999/XSL/Transform"
_LOCATION = etree.XML(f"""
<xsl:template xmlns:xsl="{_XSL}" match="node() | @*" mode="schematron-get-full-path" priority="100">
  <xsl:for-each select="ancestor-or-self::*">/*[<xsl:value-of select="count(preceding-sibling::*) + 1"/>]</xsl:for-each>
  <xsl:if test="count(. | ../@*) = count(../@*)">/@*[local-name()='<xsl:value-of select="local-name()"/>' and namespace-uri()='<xsl:value-of select="namespace-uri()"/>']</xsl:if>
</xsl:template>""")
#: The rules read the document they are given and nothing else: no document('...') of a file
#: or URL, whatever the schema says (it may come from the document's <?xml-model?>).
_NO_IO = etree.XSLTAccessControl.DENY_ALL
# The folders of this check, and the files xi:include made the document of, for the functions
# the rules call (the stylesheet, compiled once, cannot carry them); set for the length of one
# `check` only.
_roots: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("teipipe-roots", default=())
_included: contextvars.ContextVar[tuple[Path, ...]] = contextvars.ContextVar("teipipe-included", default=())


class _XsltOne:
    """Rules of query binding xslt, in lxml's ISO skeleton stylesheet."""

    skipped: list[str] = []

    def __init__(self, schema: etree._ElementTree, path: Path, phase: str | None):
        try:
            schema = isoschematron.iso_abstract_expand(isoschematron.iso_dsdl_include(schema))
            if not isoschematron.schematron_schema_valid(schema):
                problems = "; ".join(str(e.message) for e in isoschematron.schematron_schema_valid.error_log)
                raise SchemaError(f"{path}: not ISO Schematron: {problems}")
            options = {"generate-fired-rule": "'false'", "allow-foreign": "'true'"}
            if phase:
                options["phase"] = etree.XSLT.strparam(phase)
            stylesheet = isoschematron.iso_svrl_for_xslt1(schema, **options)
            stylesheet.getroot().append(copy.deepcopy(_LOCATION))
            self.stylesheet = etree.XSLT(stylesheet, access_control=_NO_IO)
        except (etree.XMLSyntaxError, etree.XSLTParseError, etree.XSLTApplyError) as exc:
            raise SchemaError(f"{path}: cannot use Schematron schema: {exc}") from None

    def fire(self, tree) -> list[tuple[str, bool, str, str]]:
        """(location, is a warning, message, rule) of each failed assert and successful report."""
        try:
            report = self.stylesheet(tree)
        except etree.XSLTApplyError as exc:
            raise TransformError(str(exc)) from None
        fired = report.getroot().iterchildren(f"{SVRL}failed-assert", f"{SVRL}successful-report")
        return [(node.get("location", ""), (node.get("role") or "").lower() in WARNING_ROLES,
                 _message(node), node.get("id") or "schematron") for node in fired]


class _Saxon:
    """Rules of query binding xslt2 or xslt3, compiled by `schematron_xslt` and run by Saxon."""

    def __init__(self, schema: etree._ElementTree, path: Path, phase: str | None):
        from saxonche import PySaxonApiError
        compiled = schematron_xslt.to_xslt(schema, path, phase)
        self.checks, self.skipped = compiled.checks, compiled.skipped
        try:
            self.stylesheet = saxon.processor().new_xslt30_processor().compile_stylesheet(
                stylesheet_text=compiled.stylesheet)
        except PySaxonApiError as exc:
            raise SchemaError(f"{path}: cannot use Schematron schema: {exc}") from None

    def fire(self, tree) -> list[tuple[str, bool, str, str]]:
        from saxonche import PySaxonApiError
        path = source_path(tree)
        try:
            node = saxon.to_xdm(for_xslt(tree), path.resolve().as_uri() if path else "urn:x-teipipe:document")
            report = etree.fromstring(self.stylesheet.transform_to_string(xdm_node=node).encode("utf-8"))
        except PySaxonApiError as exc:
            raise TransformError(str(exc)) from None
        fired = []
        for node in report:
            check = self.checks[int(node.get("n"))]
            message = _text(node.find("m"))
            for tag, (opening, closing) in (("d", "()"), ("q", "[]")):
                parts = [_text(part) for part in node.iterchildren(tag)]
                if parts:
                    message += f" {opening}{'; '.join(parts)}{closing}"
            fired.append((node.get("p"), check.warning, message, check.rule))
        return fired


def _text(node) -> str:
    return " ".join("".join(node.itertext()).split())


def _rules(schema: etree._ElementTree, path: Path, phase: str | None):
    binding = (schema.getroot().get("queryBinding") or "xslt").lower()
    if binding in ("xslt", "xslt1", "exslt"):
        return _XsltOne(schema, path, phase)
    if binding in ("xslt2", "xslt3"):
        return _Saxon(schema, path, phase)
    raise SchemaError(f'{path}: cannot use Schematron schema: queryBinding="{binding}"; '
                      f'teipipe runs xslt, xslt2 and xslt3')


@processes.keep
def compiled(path: Path, phase: str | None = None):
    """The rules of a Schematron schema, ready to run; SchemaError if it cannot be used."""
    vet(Schema(path, SCHEMATRON))
    return _rules(schematron_xslt.parse(path), path, phase)


@processes.keep
def embedded(grammar: Path):
    """The Schematron rules embedded in a RelaxNG schema (as an ODD puts them), ready to run;
    None if it has none."""
    schema = schematron_xslt.embedded(parse(grammar))
    return _Saxon(schema, grammar, None) if schema is not None else None


def _message(node) -> str:
    text = node.find(f"{SVRL}text")
    return _text(text) if text is not None else node.get("test", "")


def check(tree: etree._ElementTree, file: str, path: Path | None,
          where: Callable[[], object], phase: str | None = None, rules=None,
          roots: tuple[Path, ...] = (), included: tuple[Path, ...] = ()) -> list[Finding]:
    """Findings of Schematron schema `path` (or of `rules` already compiled) on `tree`, in
    `phase`; `where()` gives a SourceMap when needed; pointers may lead into the document's
    folder and `roots`; `included` are the files xi:include read into `tree` (part of it)."""
    rules = rules or compiled(Path(path), phase)
    token, included_token = _roots.set(tuple(roots)), _included.set(tuple(included))
    try:
        fired = rules.fire(tree)
    except TransformError as exc:
        name = Path(path).name if path else "rules"
        return [Finding(file, 0, 0, ERROR, f"Schematron {name} failed on this document: {exc}", "schematron")]
    finally:
        _roots.reset(token)
        _included.reset(included_token)
    findings = []
    source_map = None
    for location, warning, message, rule in fired:
        line, col, where_file = 0, 0, file
        nodes = tree.xpath(location) if location else [tree.getroot()]
        if nodes and (source_map := source_map or where()) is not None:
            line, col = source_map.node(nodes[0])
            where_file = source_map.file(nodes[0]) or file
        findings.append(Finding(where_file, line, col, WARNING if warning else ERROR, message, rule))
    return findings


# ----------------------------------------------------------------- functions for the rules

def _values(arg) -> list:
    return arg if isinstance(arg, list) else [arg]


def _tokens(arg) -> list[str]:
    return [token for value in _values(arg) for token in str(value).split()]


def _element(value) -> etree._Element | None:
    """The element an argument is or belongs to (an attribute's); None for a string."""
    return value if isinstance(value, etree._Element) else getattr(value, "getparent", lambda: None)()


def _pointers(arg) -> list[tuple[str, Path | None]]:
    """Each pointer of the arguments with the folder it is read from (that of the file its
    element is written in); a string's, from the document's."""
    pointers = []
    for value in _values(arg):
        element = _element(value)
        folder = base_folder(element if element is not None else _document(arg))
        pointers += [(token, folder) for token in str(value).split()]
    return pointers


def _document(arg) -> etree._Element:
    """The root of the document the arguments belong to."""
    element = next((e for e in map(_element, _values(arg)) if e is not None), None)
    if element is None:
        raise TypeError("teipipe's pointer functions take attributes or elements, not strings")
    return element.getroottree().getroot()


def _resolver(context, arg) -> Resolver:
    # lxml clears eval_context before each run of the stylesheet: one document, one Resolver.
    resolver = context.eval_context.get("teipipe-resolver")
    if resolver is None:
        tree = _document(arg).getroottree()
        resolver = context.eval_context["teipipe-resolver"] = Resolver(tree, _roots.get(), _included.get())
    return resolver


_functions = etree.FunctionNamespace(FUNCTIONS_NS)


@_functions("unresolved")
def _unresolved(context, pointers) -> str:
    resolver = _resolver(context, pointers)
    problems = []
    for token, folder in _pointers(pointers):
        problem = resolver.resolve(token, folder)[1]
        if problem:
            problems.append(f"{token} ({problem})")
    return "; ".join(problems)


@_functions("outside")
def _outside(context, pointers) -> str:
    resolver = _resolver(context, pointers)
    return " ".join(token for token, folder in _pointers(pointers) if resolver.outside(token, folder))


@_functions("wrong-kind")
def _wrong_kind(context, pointers, kinds) -> str:
    resolver = _resolver(context, pointers)
    allowed = str(kinds).split()
    wrong = []
    for token, folder in _pointers(pointers):
        target = resolver.resolve(token, folder)[0]
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
