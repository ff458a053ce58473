"""Expand a document's `xi:include` elements, reading only files of its own folder tree.

`expand(parsed, name)` takes a document as `parsing.read` parsed it (`name`: the file as the
user named it) and, if it has `xi:include` elements, expands them in its tree with libxml2's
own XInclude (lxml's `xinclude()`), after checking every inclusion it would make, at every
depth, against these rules: an `href` is a relative path (no URL, no absolute path; an
`xml:base` that makes it a URL counts as one) to a file inside the folder tree of the
document named (not of the file that includes it: the user trusted that folder); inclusions
nest at most `MAX_DEPTH` deep and make no cycle; `parse` is `xml` or `text`; `xpointer` is
refused (the whole file is included, or nothing). A refused inclusion is an error finding at
the `xi:include` element (file, line, column of the file it stands in) and its target is never
opened; a file included that is not well-formed gives its own findings, in that file. If any
inclusion is refused or unreadable, nothing is expanded: a document is whole or not published.

Each XML file is read once, by `parsing.read`'s safe parser, before libxml2 expands anything;
a resolver on the document's parser then gives libxml2 those very bytes and refuses any other
load, so libxml2 never opens an XML file itself. A text inclusion (`parse="text"`) is read by
libxml2 (it asks no resolver), once the rules have allowed its path. `Inclusion` keeps what the
findings need to be placed in the file an element came from (`origins`, for
`validation.locate`), and the files read (`files`), on which the document's outputs depend.
"""

from __future__ import annotations

import copy
import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from lxml import etree

from pipeline.findings import ERROR, Finding
from pipeline.parsing import XINCLUDE_NS, XMLInputError, read

_INCLUDE = f"{{{XINCLUDE_NS}}}include"
#: How deep inclusions may nest (the document named is at depth 0).
MAX_DEPTH = 10


@dataclass
class Source:
    """One file as it is on disk: the name findings give it, its own tree (not expanded) and
    bytes, and the file each of its `xi:include` elements leads to (None for text)."""
    name: str
    tree: etree._ElementTree
    data: bytes
    targets: dict = field(default_factory=dict)


@dataclass
class Inclusion:
    #: The document named, and each XML file included, by resolved path.
    sources: dict[Path, Source]
    main: Path
    #: Every file read into the document (XML and text), resolved, sorted.
    files: tuple[Path, ...]

    def origins(self, tree: etree._ElementTree) -> dict:
        """Each element of the expanded `tree`: (its source, the same element in that source's
        own tree), by walking the expanded tree beside the files' own trees."""
        found: dict = {}
        self._pair(tree.getroot(), self.sources[self.main], self.sources[self.main].tree.getroot(), found)
        return found

    def _pair(self, expanded, source: Source, own, found: dict) -> None:
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
        self.sources = {self.main: Source(name, copy.deepcopy(tree), data)}
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

    def _target(self, source: Source, include, chain: tuple[Path, ...]) -> tuple[Path, str]:
        """The file `include` leads to and how it is parsed, or `_Refused` saying why not."""
        href, parse = include.get("href", ""), include.get("parse", "xml")

        def refuse(why: str):
            line, col = _position(source.data, include)
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
        self.sources[target] = Source(self._name(target), parsed.tree, parsed.data)
        return True


def _position(data: bytes, element) -> tuple[int, int]:
    from pipeline.validation.locate import SourceMap
    return SourceMap(element.getroottree(), data).element(element)


class _Resolver(etree.Resolver):
    """Gives libxml2 the bytes already read of each file allowed, and refuses any other load."""

    def __init__(self, sources: dict[Path, Source]):
        super().__init__()
        self.sources = sources

    def resolve(self, url, public_id, context):
        parts = urlsplit(url or "")
        source = self.sources.get(Path(unquote(parts.path)).resolve()) if parts.scheme == "file" else None
        if source is None:
            raise PermissionError(f"XInclude load of {url} refused")
        return self.resolve_string(source.data, context, base_url=url)


def expand(tree: etree._ElementTree, path: Path, name: str, data: bytes) -> tuple[Inclusion | None, list[Finding]]:
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
