"""The values a schema suggests for an attribute, and the slips near them.

In: a RelaxNG schema (XML syntax) and a document. Out: a warning for each value of an
attribute that is not one the schema suggests for it but is spelled nearly like one: a letter
or two off, or two letters swapped (`type="documnet"`, "Letter"), and neither a word of its
own built on it nor cut short ("subsection", "pers": no slips for "section", "person").

A schema suggests values where it lists some and allows any other: TEI's "semi-open" value
lists (valList type="semi"), which a RelaxNG schema writes as a choice of values and a data
type (tei_all.rng: `note/@place`; schema/teipipe.rng: `div/@type`, the kinds of division the
stylesheets lay out as documents, letters, chapters...). Such a list rejects nothing, so the
schema's verdict cannot catch a slip; this does, without refusing the values other projects
use (`div type="act"`, "patent", "textpart"). A closed list needs no such help (the schema
rejects what is not in it), an open one has nothing to be near.

An element's attributes are found as the schema defines them, following its `ref`s (TEI's
attribute classes) but not into the elements it holds. The schema is read as its own file:
what it includes is not looked at. Elements are matched by local name.
"""

from __future__ import annotations

import functools
from pathlib import Path

from lxml import etree

from pipeline.findings import WARNING, Finding
from pipeline.validation.schemas import SchemaError, parse

RULE = "suggested-value"
#: How many letters a slip gets wrong (added, left out, changed or swapped with the next), at
#: most: one in a word of up to five letters, two in a longer one.
_SLIPS = ((5, 1), (None, 2))
_RNG = "http://relaxng.org/ns/structure/1.0"
_NS = {"r": _RNG}


def suggestions(path: Path) -> dict[str, dict[str, frozenset[str]]]:
    """Element local name → attribute name → the values the schema suggests for it."""
    stat = path.stat()
    return _suggestions(str(path), stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=8)
def _suggestions(path: str, _mtime: int, _size: int) -> dict[str, dict[str, frozenset[str]]]:
    try:
        grammar = parse(Path(path).resolve()).getroot()
    except SchemaError:
        return {}
    defines: dict[str, list] = {}
    for define in grammar.iter(f"{{{_RNG}}}define"):
        defines.setdefault(define.get("name"), []).append(define)
    walk = _Walk(defines)
    found: dict[str, dict[str, frozenset[str]]] = {}
    for element in grammar.iter(f"{{{_RNG}}}element"):
        name = (element.get("name") or "").rpartition(":")[2]
        lists = walk.lists(element)
        if name and lists:
            entry = found.setdefault(name, {})
            for attribute, values in lists.items():
                entry[attribute] = entry.get(attribute, frozenset()) | values
    return found


class _Walk:
    """The semi-open value lists of the attributes of an element's pattern, by attribute name,
    each define's found once (TEI's attribute classes serve hundreds of elements)."""

    def __init__(self, defines: dict[str, list]):
        self.defines = defines
        self.done: dict[str, dict[str, frozenset[str]]] = {}

    def lists(self, pattern) -> dict[str, frozenset[str]]:
        lists: dict[str, frozenset[str]] = {}
        for child in pattern:
            tag = child.tag if isinstance(child.tag, str) else ""
            if tag == f"{{{_RNG}}}element":
                continue
            if tag == f"{{{_RNG}}}attribute":
                values = _semi_open(child)
                if child.get("name") and values:
                    lists[child.get("name")] = values
            elif tag == f"{{{_RNG}}}ref":
                lists.update(self.define(child.get("name")))
            else:
                lists.update(self.lists(child))
        return lists

    def define(self, name: str) -> dict[str, frozenset[str]]:
        if name not in self.done:
            self.done[name] = {}  # a define that refers back to itself adds nothing more
            found: dict[str, frozenset[str]] = {}
            for define in self.defines.get(name, ()):
                found.update(self.lists(define))
            self.done[name] = found
        return self.done[name]


def _semi_open(attribute) -> frozenset[str]:
    """The values a choice in the attribute lists beside a data type or a pattern that takes any."""
    values: set[str] = set()
    for choice in attribute.iterfind(".//r:choice", _NS):
        if choice.find("r:data", _NS) is not None or choice.find("r:ref", _NS) is not None:
            values.update(value.text.strip() for value in choice.iterfind("r:value", _NS) if value.text)
    return frozenset(values)


def slips(tree: etree._ElementTree, file: str, schema: Path, where) -> list[Finding]:
    """A warning at each value that is not one `schema` suggests but nearly is."""
    lists = suggestions(schema)
    findings = []
    for element in tree.iter(*(f"{{*}}{name}" for name in lists)) if lists else ():
        for attribute, suggested in lists[etree.QName(element).localname].items():
            for value in (element.get(attribute) or "").split():
                near = [] if value in suggested else sorted(v for v in suggested if _is_slip(value, v))
                if near:
                    line, col = where().node(_attribute_node(element, attribute))
                    findings.append(Finding(where().file(element) or file, line, col, WARNING,
                                            f'{etree.QName(element).localname}/@{attribute} "{value}" is not one of '
                                            f'the values the schema suggests; did you mean "{near[0]}"?', RULE))
    return findings


def _is_slip(value: str, meant: str) -> bool:
    if meant in value or meant.startswith(value):  # a word built on it ("subsection"), or cut ("pers")
        return False
    allowed = next(slips for longest, slips in _SLIPS if longest is None or len(meant) <= longest)
    return _distance(value, meant) <= allowed


def _distance(a: str, b: str) -> int:
    """Letters added, left out, changed, or swapped with the next, to make `a` of `b`
    (the optimal string alignment distance)."""
    rows = [list(range(len(b) + 1))]
    for i, x in enumerate(a, 1):
        row = [i]
        for j, y in enumerate(b, 1):
            row.append(min(rows[-1][j] + 1, row[j - 1] + 1, rows[-1][j - 1] + (x != y)))
            if i > 1 and j > 1 and x == b[j - 2] and a[i - 2] == y:
                row[j] = min(row[j], rows[-2][j - 2] + 1)
        rows.append(row)
    return rows[-1][-1]


def _attribute_node(element, attribute: str):
    """The attribute as a node of the tree (its line and column are its name's)."""
    return element.xpath("@*[name() = $name]", name=attribute)[0]
