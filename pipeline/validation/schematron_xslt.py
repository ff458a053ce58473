"""Compile ISO Schematron of query binding xslt2 or xslt3 into an XSLT 3.0 stylesheet for Saxon.

`to_xslt(schema, source, phase)` takes a parsed Schematron schema (the file at `source`, or one
assembled from a RelaxNG schema's embedded rules) and returns a `Compiled`: the stylesheet as
text, the table of its checks (rule id and level of each assert and report, by number) and the
rules it skipped. First the schema is made concrete: `include` and `extends href` are replaced
by what they name (local files only), abstract patterns are instantiated for each `is-a` with
their `param`s, `extends rule` copies an abstract rule's content in place, and the phase
(`#ALL`, `#DEFAULT`, or a `phase` id) picks the patterns. Each pattern becomes a mode of its own,
walked over the whole document, where each rule is a template (the first rule of a pattern that
matches a node wins, as ISO says, by template priority). Lets of the schema and the phase are
global variables, a pattern's are tunnel parameters, a rule's are local variables. Foreign
top-level `xsl:function`, `xsl:key` and the like are copied; `xsl:include`, `xsl:import` and
the like are refused, as they read other files. Each failed assert or successful report writes
`<f n="check number" p="location">` with the message in `<m>`, diagnostics in `<d>` and
properties in `<q>`; the location is a path of element positions
(`/*[1]/*[3]/@*[local-name()='when' and namespace-uri()='']`) that lxml maps back to the node.

Nothing outside the files given is ever read: a rule whose expressions call `doc()`,
`document()`, `unparsed-text()`, `collection()` and their kin (or use a variable or function
that does) is left out, and named in `Compiled.skipped` with what it would have read.
"""

from __future__ import annotations

import copy
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlparse

from lxml import etree

from pipeline.validation import schemas
from pipeline.validation.schemas import SchemaError, _local_path, _remote

SCH_NS = "http://purl.oclc.org/dsdl/schematron"
XSL_NS = "http://www.w3.org/1999/XSL/Transform"
_OWN_NS = "urn:x-teipipe:schematron"
_OWN = "teipipe-sch"
S = f"{{{SCH_NS}}}"
X = f"{{{XSL_NS}}}"
WARNING_ROLES = {"warning", "warn", "info", "information"}
_XML_ID = "{http://www.w3.org/XML/1998/namespace}id"
#: Functions that read a resource; none may run.
_READS = re.compile(r"""(?<![\w.:-])(?:fn:)?(doc|document|doc-available|unparsed-text|unparsed-text-lines|
    unparsed-text-available|collection|uri-collection|json-doc|transform|load-xquery-module)\s*\(\s*
    (?:'([^']*)'|"([^"]*)"|([^)]*))""", re.X)
#: Top-level XSLT elements that read or write other files.
_REFUSED_XSL = {"include", "import", "import-schema", "use-package", "result-document"}
_WALK = f"{_OWN}:walk"
_FIRED = "teipipe-sch-fired"
_LOCATION = """string-join((
  $node/ancestor-or-self::*!('/*[' || count(preceding-sibling::*) + 1 || ']'),
  if ($node instance of attribute())
  then '/@*[local-name()=''' || local-name($node) || ''' and namespace-uri()=''' || namespace-uri($node) || ''']'
  else ()))"""


@dataclass(frozen=True)
class Check:
    """What an assert or report is called in findings, and how grave it is."""
    rule: str
    warning: bool


@dataclass
class Compiled:
    stylesheet: str
    checks: list[Check] = field(default_factory=list)
    #: One line for each rule left out, saying what it would have read.
    skipped: list[str] = field(default_factory=list)


def _where(source: str, element) -> str:
    return f"{source}:{element.sourceline or 0}"


def _local(element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _sch(element, *names: str) -> bool:
    return isinstance(element.tag, str) and element.tag.startswith(S) and _local(element) in names


def _replace(element, replacements: list) -> None:
    parent = element.getparent()
    index = parent.index(element)
    tail = element.tail
    parent.remove(element)
    for offset, new in enumerate(replacements):
        parent.insert(index + offset, new)
    if replacements:
        replacements[-1].tail = tail


# ------------------------------------------------------------------- making the schema concrete

def parse(path: Path) -> etree._ElementTree:
    """A Schematron file read as `schemas.parse` reads every schema (nothing it names is fetched
    or expanded), without its comments."""
    tree = schemas.parse(path)
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    return tree


def _included(href: str, element, base: Path, source: str, seen: tuple) -> etree._Element:
    if _remote(href):
        raise SchemaError(f"{_where(source, element)}: cannot use Schematron schema: it includes {href}, "
                          f"and nothing is ever fetched from the network; use a local copy")
    fragment = urlparse(href).fragment
    path = _local_path(href.split("#")[0], base.parent).resolve() if href.split("#")[0] else base
    if (path, fragment) in seen:
        raise SchemaError(f"{_where(source, element)}: cannot use Schematron schema: {href} includes itself")
    root = parse(path).getroot()
    if fragment:
        root = next((e for e in root.iter(etree.Element) if fragment in (e.get("id"), e.get(_XML_ID))), None)
        if root is None:
            raise SchemaError(f"{_where(source, element)}: cannot use Schematron schema: no id {fragment} in {path}")
    _expand_includes(root, path, str(path), seen + ((path, fragment),))
    return root


def _expand_includes(root, base: Path, source: str, seen: tuple = ()) -> None:
    for element in list(root.iter(f"{S}include", f"{S}extends")):
        href = element.get("href")
        if href is None:
            continue  # extends rule="...": an abstract rule, see _expand_abstract_rules
        target = _included(href, element, base, source, seen)
        _replace(element, [copy.deepcopy(c) for c in target if isinstance(c.tag, str)]
                 if _local(element) == "extends" else [copy.deepcopy(target)])


def _substituted(element, params: dict[str, str]) -> None:
    """Put each `$name` of an abstract pattern's parameters by its value, longest names first."""
    if not params:
        return
    names = "|".join(re.escape(n) for n in sorted(params, key=len, reverse=True))
    reference = re.compile(rf"\$({names})(?![\w.\-])")
    for node in element.iter(etree.Element):
        for key, value in node.attrib.items():
            node.set(key, reference.sub(lambda m: params[m[1]], value))


def _instantiate_patterns(root, source: str) -> None:
    abstract = {p.get("id"): p for p in root.iter(f"{S}pattern") if p.get("abstract") == "true"}
    for pattern in list(root.iter(f"{S}pattern")):
        name = pattern.get("is-a")
        if name is None:
            continue
        if name not in abstract:
            raise SchemaError(f"{_where(source, pattern)}: cannot use Schematron schema: "
                              f"is-a=\"{name}\" names no abstract pattern")
        params = {p.get("name", ""): p.get("value", "") for p in pattern.findall(f"{S}param")}
        for param in pattern.findall(f"{S}param"):
            pattern.remove(param)
        for child in abstract[name]:
            instance = copy.deepcopy(child)
            if isinstance(instance.tag, str):
                _substituted(instance, params)
            pattern.append(instance)
    for pattern in abstract.values():
        pattern.getparent().remove(pattern)


def _abstract_rule(name: str, extends, root, source: str):
    pattern = next(extends.iterancestors(f"{S}pattern"), None)
    for scope in (pattern, root):
        if scope is not None:
            for rule in scope.iter(f"{S}rule"):
                if rule.get("abstract") == "true" and rule.get("id") == name:
                    return rule
    raise SchemaError(f"{_where(source, extends)}: cannot use Schematron schema: "
                      f"extends rule=\"{name}\" names no abstract rule")


def _rule_content(rule, root, source: str, seen: frozenset) -> list:
    content = []
    for child in rule:
        if _sch(child, "extends"):
            name = child.get("rule", "")
            if name in seen:
                raise SchemaError(f"{_where(source, child)}: cannot use Schematron schema: "
                                  f"abstract rule {name} extends itself")
            content += _rule_content(_abstract_rule(name, child, root, source), root, source, seen | {name})
        elif isinstance(child.tag, str):
            content.append(copy.deepcopy(child))
    return content


def _expand_abstract_rules(root, source: str) -> None:
    for rule in list(root.iter(f"{S}rule")):
        if rule.get("abstract") != "true" and rule.find(f"{S}extends") is not None:
            content = _rule_content(rule, root, source, frozenset())
            for child in list(rule):
                rule.remove(child)
            rule.extend(content)
    for rule in [r for r in root.iter(f"{S}rule") if r.get("abstract") == "true"]:
        rule.getparent().remove(rule)


def _active_patterns(root, source: str, phase: str | None) -> tuple[list, list]:
    """The patterns the phase runs, and its lets."""
    patterns = [p for p in root.iter(f"{S}pattern") if p.getparent() is not None]
    if phase in (None, "#DEFAULT"):
        phase = root.get("defaultPhase") or "#ALL"
    if phase == "#ALL":
        return patterns, []
    phases = {p.get("id"): p for p in root.iter(f"{S}phase")}
    if phase not in phases:
        known = ", ".join(sorted(filter(None, phases))) or "none"
        raise SchemaError(f"{source}: no phase {phase} in this Schematron schema (phases: {known}, #ALL)")
    active = {a.get("pattern") for a in phases[phase].iter(f"{S}active")}
    return [p for p in patterns if p.get("id") in active], phases[phase].findall(f"{S}let")


def _concrete(schema: etree._ElementTree, source: Path) -> etree._Element:
    """A copy of the schema with includes, abstract patterns and abstract rules resolved."""
    root = copy.deepcopy(schema.getroot())
    if not _sch(root, "schema"):
        raise SchemaError(f"{source}: not ISO Schematron: the root element is {_local(root)}, not sch:schema")
    _expand_includes(root, Path(source), str(source))
    _instantiate_patterns(root, str(source))
    _expand_abstract_rules(root, str(source))
    return root


# --------------------------------------------------------------------- what must not be read

def _expressions(element) -> str:
    """Every attribute value of the element and below: the XPath it may evaluate."""
    return " ".join(v for node in element.iter(etree.Element) for v in node.attrib.values())


def _reading(text: str, tainted: dict[str, str]) -> str | None:
    """What the expressions would read: an address, an expression, or a tainted variable's."""
    call = _READS.search(text)
    if call:
        literal = call[2] if call[2] is not None else call[3]
        return literal if literal is not None else f"{call[1]}({call[4].strip()})"
    for name, reads in tainted.items():
        if re.search(_reference(name), text):
            return reads
    return None


def _reference(name: str) -> str:
    """How an expression uses a variable (`$name`) or a function (`name(`)."""
    if name.endswith("("):
        return rf"(?<![\w.:-]){re.escape(name[:-1])}\s*\("
    return rf"{re.escape(name)}(?![\w.\-])"


def _key(element) -> str:
    """The name of a variable or function as `_reference` looks for it."""
    name = element.get("name", "")
    return f"{name}(" if _local(element) == "function" else f"${name}"


def _tainted(globals_: list) -> dict[str, str]:
    """The global variables and functions that read something (directly or through another)."""
    tainted: dict[str, str] = {}
    changed = True
    while changed:
        changed = False
        for element in globals_:
            name = _key(element)
            if len(name) > 1 and name not in tainted:
                reads = _reading(_expressions(element), tainted)
                if reads is not None:
                    tainted[name] = reads
                    changed = True
    return tainted


def _rule_name(rule, pattern) -> str:
    if rule.get("id"):
        return rule.get("id")
    return (f"{pattern.get('id')}/" if pattern.get("id") else "") + f"context={rule.get('context')!r}"


# ------------------------------------------------------------------------------ the stylesheet

def _xsl(parent, element: str, **attributes) -> etree._Element:
    names = {name: name.rstrip("_").replace("_", "-") for name in attributes}  # as_ is "as"
    return etree.SubElement(parent, f"{X}{element}", {names[k]: v for k, v in attributes.items()})


def _text(parent, text: str | None) -> None:
    if text:
        _xsl(parent, "text").text = text


def _message(source, target) -> None:
    """The text of an assert, report, diagnostic or property, with value-of and name evaluated."""
    _text(target, source.text)
    for child in source:
        if _sch(child, "value-of"):
            _xsl(target, "value-of", select=child.get("select", "."))
        elif _sch(child, "name"):
            _xsl(target, "value-of", select=f"name({child.get('path', '.')})")
        elif isinstance(child.tag, str):
            _message(child, target)
        _text(target, child.tail)


def _variable(let, parent) -> None:
    variable = _xsl(parent, "variable", name=let.get("name", ""))
    if let.get("as"):
        variable.set("as", let.get("as"))
    if let.get("value") is not None:
        variable.set("select", let.get("value"))
    else:
        variable.extend(copy.deepcopy(c) for c in let if isinstance(c.tag, str))


def _named(root, kind: str) -> dict[str, etree._Element]:
    return {e.get("id"): e for e in root.iter(f"{S}{kind}") if e.get("id")}


class _Writer:
    def __init__(self, root, source: Path):
        self.root = root
        self.source = str(source)
        self.diagnostics = _named(root, "diagnostic")
        self.properties = _named(root, "property")
        self.compiled = Compiled("")

    def finding(self, check, rule, pattern, parent) -> None:
        """An xsl:if that writes one `f` when the assert fails or the report succeeds."""
        test = check.get("test")
        if test is None:
            raise SchemaError(f"{_where(self.source, check)}: not ISO Schematron: {_local(check)} without @test")
        condition = _xsl(parent, "if", test=f"not({test})" if _local(check) == "assert" else test)
        roles = {(e.get(a) or "").lower() for e in (check, rule) for a in ("role", "flag")}
        self.compiled.checks.append(Check(check.get("id") or rule.get("id") or pattern.get("id") or "schematron",
                                          bool(roles & WARNING_ROLES)))
        out = etree.SubElement(condition, "f", n=str(len(self.compiled.checks) - 1), p=f"{{{_OWN}:location(.)}}")
        _message(check, etree.SubElement(out, "m"))
        for attribute, table, tag in (("diagnostics", self.diagnostics, "d"), ("properties", self.properties, "q")):
            for name in check.get(attribute, "").split():
                if name not in table:
                    raise SchemaError(f"{_where(self.source, check)}: not ISO Schematron: "
                                      f"{attribute}=\"{name}\" names nothing")
                _message(table[name], etree.SubElement(out, tag))

    def template(self, members: list[tuple[int, etree._Element, etree._Element]], priority: int,
                 tunnel: dict[int, list[str]], parent) -> None:
        """A template for rules of the same context (number of their pattern, pattern, rule):
        each does its checks unless an earlier rule of its pattern matched the node, then the
        next template that matches (of later rules, and in the end the walk on to attributes
        and children) does its part."""
        context = members[0][2].get("context")
        if context is None:
            raise SchemaError(f"{_where(self.source, members[0][2])}: not ISO Schematron: rule without @context")
        template = _xsl(parent, "template", match=context, mode=_WALK, priority=str(priority))
        _xsl(template, "param", name=_FIRED, as_="xs:integer*", select="()")
        for name in dict.fromkeys(n for number, _, _ in members for n in tunnel[number]):
            _xsl(template, "param", name=name, tunnel="yes")
        for number, pattern, rule in members:
            checks = _xsl(_xsl(template, "if", test=f"not(${_FIRED} = {number})"), "sequence")
            for child in rule:
                if _sch(child, "let"):
                    _variable(child, checks)
                elif _sch(child, "assert", "report"):
                    self.finding(child, rule, pattern, checks)
        numbers = ", ".join(str(number) for number, _, _ in members)
        _xsl(_xsl(template, "next-match"), "with-param", name=_FIRED, select=f"(${_FIRED}, {numbers})")

    def stylesheet(self, phase: str | None) -> Compiled:
        root = self.root
        patterns, phase_lets = _active_patterns(root, self.source, phase)
        namespaces = {p: u for p, u in root.nsmap.items() if p and p != "xsl"}
        namespaces.update({n.get("prefix"): n.get("uri") for n in root.iter(f"{S}ns") if n.get("prefix") != "xsl"})
        namespaces.update({"xsl": XSL_NS, "xs": "http://www.w3.org/2001/XMLSchema", _OWN: _OWN_NS})
        out = etree.Element(f"{X}stylesheet", version="3.0", nsmap=namespaces)
        out.set("exclude-result-prefixes", "#all")
        foreign = [c for c in root if isinstance(c.tag, str) and c.tag.startswith(X)]
        for element in foreign:
            if _local(element) in _REFUSED_XSL:
                raise SchemaError(f"{_where(self.source, element)}: cannot use Schematron schema: "
                                  f"xsl:{_local(element)} would read another file")
        global_lets = root.findall(f"{S}let") + phase_lets
        pattern_lets = [let for p in patterns for let in p.findall(f"{S}let")]
        tainted = _tainted(foreign + global_lets + pattern_lets)
        out.extend(copy.deepcopy(e) for e in foreign if _key(e) not in tainted)
        for let in global_lets:
            if _key(let) not in tainted:
                _variable(let, out)
        location = _xsl(out, "function", name=f"{_OWN}:location", as_="xs:string")
        _xsl(location, "param", name="node", as_="node()")
        _xsl(location, "sequence", select=_LOCATION)
        _xsl(out, "mode", name=_WALK, on_no_match="shallow-skip")
        # Pattern lets are evaluated once, on the document node, and passed down the walk.
        tunnel = [let for let in pattern_lets if _key(let) not in tainted]
        names = [let.get("name") for let in tunnel]
        if len(set(names)) < len(names):
            raise SchemaError(f"{self.source}: cannot use Schematron schema: two patterns define the "
                              f"same let name ({', '.join(sorted({n for n in names if names.count(n) > 1}))})")
        main = etree.SubElement(_xsl(out, "template", match="/"), "findings")
        for let in tunnel:
            _variable(let, main)
        walk = _xsl(main, "apply-templates", select=".", mode=_WALK)
        for name in names:
            _xsl(walk, "with-param", name=name, select=f"${name}", tunnel="yes")
        tunnelled = {number: [n for n in names if n in {let.get("name") for let in p.findall(f"{S}let")}]
                     for number, p in enumerate(patterns)}
        for priority, members in enumerate(reversed(self.templates(patterns, tainted)), start=1):
            self.template(members, priority, tunnelled, out)
        self.compiled.stylesheet = etree.tostring(out, encoding="unicode")
        return self.compiled

    def templates(self, patterns: list, tainted: dict) -> list[list[tuple]]:
        """The rules in the order they are tried, those that would read something left out.

        The first rule of a pattern runs wherever its context matches, whatever the other
        patterns say: first rules of the same context share one template, so that the node is
        matched once (tei_all has 40 rules on `tei:*[@calendar]`)."""
        templates: list[list[tuple]] = []
        shared: dict[str, list[tuple]] = {}
        for number, pattern in enumerate(patterns):
            for position, rule in enumerate(pattern.findall(f"{S}rule")):
                reads = _reading(_expressions(rule) + " " + self._messages_of(rule), tainted)
                if reads is not None:
                    self.compiled.skipped.append(
                        f"{_where(self.source, rule)}: Schematron rule {_rule_name(rule, pattern)} skipped: "
                        f"it would read {reads}, and nothing outside the files given is read")
                elif position == 0 and rule.get("context") in shared:
                    shared[rule.get("context")].append((number, pattern, rule))
                else:
                    templates.append([(number, pattern, rule)])
                    if position == 0:
                        shared[rule.get("context")] = templates[-1]
        return templates

    def _messages_of(self, rule) -> str:
        """The expressions of the diagnostics and properties the rule's checks use."""
        names = [n for c in rule for a in ("diagnostics", "properties") for n in c.get(a, "").split()]
        return " ".join(_expressions(t[n]) for n in names for t in (self.diagnostics, self.properties) if n in t)


def to_xslt(schema: etree._ElementTree, source: Path, phase: str | None = None) -> Compiled:
    """The XSLT 3.0 stylesheet that checks documents against `schema` (read from `source`)."""
    return _Writer(_concrete(schema, source), source).stylesheet(phase)


def embedded(grammar: etree._ElementTree) -> etree._ElementTree | None:
    """One Schematron schema (query binding xslt2) of the `ns`, `let`, `pattern` and bare `rule`
    elements embedded in a RelaxNG schema, as TEI's ODD processor puts them inside `define` and
    `element`; None if there are none."""
    schema = etree.Element(f"{S}schema", queryBinding="xslt2", nsmap={"sch": SCH_NS})
    prefixes = set()
    for element in grammar.getroot().iter(f"{S}ns", f"{S}let", f"{S}pattern", f"{S}rule"):
        if any(a.tag.startswith(S) for a in element.iterancestors()):
            continue  # a part of an embedded pattern or rule, copied with it
        if _local(element) == "ns":
            if element.get("prefix") in prefixes:
                continue
            prefixes.add(element.get("prefix"))
        copied = copy.deepcopy(element)
        copied.tail = None
        if _local(element) == "rule":
            pattern = etree.SubElement(schema, f"{S}pattern")
            pattern.append(copied)
        else:
            schema.append(copied)
    if schema.find(f"{S}pattern") is None:
        return None
    return etree.ElementTree(schema)
