"""Declared parameters of output formats and exports, and `name=value` settings for them.

A `Param` is one setting a user may give: name, type (string, boolean, integer), default,
allowed values and a description. An XSLT format declares its parameters in its stylesheet as
top-level `xsl:param`s with an atomic `as` type; `tp:doc` (and, for a closed list, `tp:values`)
in the `urn:x-teipipe:param` namespace documents them, and `stylesheet_params(path)` reads them
(following `xsl:include`/`xsl:import`). Exports declare theirs in Python. `assign(["notes=none"],
{"txt": params})` turns command-line settings into typed values for each format or export that
declares them, or raises `ParamError` saying what is allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable

from lxml import etree

from pipeline import processes

XSL_NS = "http://www.w3.org/1999/XSL/Transform"
DOC_NS = "urn:x-teipipe:param"

_TYPES = {"xs:string": "string", "xs:boolean": "boolean", "xs:integer": "integer"}
_TRUE, _FALSE = ("true", "yes", "1"), ("false", "no", "0")


class ParamError(ValueError):
    """A `name=value` setting that names no declared parameter or has a value it cannot take."""


@dataclass(frozen=True)
class Param:
    name: str
    type: str  # "string", "boolean" or "integer"
    default: str
    description: str
    values: tuple[str, ...] = ()

    def convert(self, text: str) -> str | bool | int:
        """The typed value of `text`, or ParamError naming what the parameter accepts."""
        if self.type == "boolean":
            if text.lower() in _TRUE + _FALSE:
                return text.lower() in _TRUE
            raise ParamError(f"{self.name}={text}: expected true or false")
        if self.type == "integer":
            try:
                return int(text)
            except ValueError:
                raise ParamError(f"{self.name}={text}: expected a whole number") from None
        if self.values and text not in self.values:
            raise ParamError(f"{self.name}={text}: choose from {', '.join(self.values)}")
        return text

    @property
    def syntax(self) -> str:
        """How it is set: `notes=endnotes|inline|none`, `wrap=integer`."""
        return f"{self.name}={'|'.join(self.values) or self.type}"


def _default(select: str | None) -> str:
    """The default as a user would type it: `'endnotes'` → endnotes, `true()` → true."""
    if not select:
        return ""
    select = select.strip()
    if select in ("true()", "false()"):
        return select[:-2]
    return select.strip("'\"")


@processes.keep
def stylesheet_params(stylesheet: Path) -> tuple[Param, ...]:
    """The parameters a stylesheet (and the modules it includes) lets a user set."""
    found: dict[str, Param] = {}
    pending, seen = [Path(stylesheet).resolve()], set()
    while pending:
        path = pending.pop(0)
        if path in seen:
            continue
        seen.add(path)
        root = etree.parse(str(path), etree.XMLParser(no_network=True, resolve_entities=False)).getroot()
        for module in root.iterchildren(f"{{{XSL_NS}}}include", f"{{{XSL_NS}}}import"):
            pending.append((path.parent / module.get("href")).resolve())
        for decl in root.iterchildren(f"{{{XSL_NS}}}param"):
            kind = _TYPES.get(decl.get("as", ""))
            if kind is None or decl.get("name") in found:
                continue  # node-valued parameters are passed by the pipeline, not by users
            found[decl.get("name")] = Param(
                decl.get("name"), kind, _default(decl.get("select")),
                re.sub(r"\s+", " ", decl.get(f"{{{DOC_NS}}}doc", "")).strip(),
                tuple(decl.get(f"{{{DOC_NS}}}values", "").split()))
    return tuple(found.values())


def assign(settings: Iterable[str], owners: dict[str, Iterable[Param]]) -> dict[str, dict]:
    """Typed values for `name=value` settings, by owner (a format or an export kind).

    A setting goes to every owner that declares a parameter of its name, checked against each
    declaration; a name that no owner declares, or a value a declaration refuses, raises
    ParamError."""
    declared = {owner: {p.name: p for p in params} for owner, params in owners.items()}
    values: dict[str, dict] = {owner: {} for owner in declared}
    for setting in settings:
        name, sep, text = setting.partition("=")
        name = name.strip()
        if not sep or not name:
            raise ParamError(f"{setting}: expected name=value")
        takers = [owner for owner, params in declared.items() if name in params]
        if not takers:
            known = sorted({n for params in declared.values() for n in params})
            raise ParamError(f"unknown parameter {name}; choose from: {', '.join(known) or '(none)'}")
        for owner in takers:
            values[owner][name] = declared[owner][name].convert(text.strip())
    return values
