"""Resolve TEI pointers (`#id`, `persons.xml#id`, `other.xml`) for the Schematron rules.

`Resolver(tree, roots, included)` knows the document's own ids and the folders its pointers may
lead into; `included`, the files `xi:include` read into the tree, are the document itself, not
files it points into. `resolve(token, folder)` returns what a pointer reaches: the local name of the target
element, or a problem saying why it reaches nothing. `folder` is the folder the pointer is read
from, that of the file it is written in (`document.base_folder` of the element that carries
it: for content `xi:include` brought in, the included file's). A `#id` names an id of the whole
expanded document, wherever it is written.
Files beside the document are read with `parsing.parse` (safe) once per process and content
version; a pointer with a URL scheme (`https:`, or a TEI private prefix such as `psn:`) is not
ours to check and resolves to None without a problem. A `file:` URL and an absolute path are
pointers to files like any other. A pointer is followed only into the document's own folder
and the folders `roots` (the run's sources, `--authority-dir`), whichever file it is written in:
one that leads elsewhere, once `..` and links are resolved, is `outside` and its file is never
looked at, so that no finding or output tells whether it exists or what it holds (the document
comes from outside; the file could be anyone's). `authorities` lists the files the document
points into. `base_problem` says why an `xml:base` is no base a pointer can be read from: the
XSLT processor refuses a document that has one as soon as a pointer is read from it, so a
document with one is invalid (rule `BAD_BASE`) and is never transformed, even with --force.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from pipeline.document import allowed_folders, base_folder, inside, split
from pipeline.parsing import XML_NS, XMLInputError, parse, source_path

_IDS = etree.XPath("//*[@xml:id]", namespaces={"xml": XML_NS})
_ID = f"{{{XML_NS}}}id"
#: The attributes whose values are pointers, in TEI's att.* classes; @facs (images) is left out.
POINTER_ATTRIBUTES = ("ref", "target", "corresp", "resp", "who", "ana", "source", "sameAs",
                      "copyOf", "next", "prev", "synch", "hand", "wit", "rendition", "decls",
                      "active", "passive", "mutual")
_POINTER_VALUES = etree.XPath("//@*[namespace-uri() = ''][%s]" % " or ".join(
    f"local-name() = '{name}'" for name in POINTER_ATTRIBUTES))


#: The rule of the finding for an xml:base that is no URI reference.
BAD_BASE = "xml-base"
#: What RFC 3986 lets a URI reference hold, escapes apart, and the letters beyond ASCII an IRI may.
_URI_CHARACTERS = re.compile(r"(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=\u00a0-\U0010ffff]|%[0-9A-Fa-f]{2})*")


def base_problem(value: str) -> str | None:
    """Why the value of an xml:base is no base URI (a URI reference without a fragment), or None."""
    if not _URI_CHARACTERS.fullmatch(value):
        return "not a URI reference (a character a URI cannot hold, or a % not followed by two hex digits)"
    try:
        parts = urlsplit(value)
    except ValueError as exc:
        return f"not a URI reference ({exc})"
    if not parts.scheme and ":" in value.split("/")[0]:
        return "not a URI reference (a colon in its first segment, with no scheme before it)"
    if parts.scheme and not value[len(parts.scheme) + 1:].startswith("/"):
        return "an absolute URI without a path from / (as urn:), against which no pointer can be read"
    if "#" in value:
        return "a fragment (#), which a base URI cannot have"
    return None


def _ids(tree: etree._ElementTree) -> dict[str, str]:
    return {el.get(_ID): etree.QName(el).localname for el in _IDS(tree)}


@functools.lru_cache(maxsize=64)
def _file_ids(path: Path, version: tuple[int, int]) -> dict[str, str] | str:
    """Ids of the file beside the document, or why it cannot be read."""
    try:
        return _ids(parse(path))
    except XMLInputError as exc:
        return f"{path.name} cannot be read ({exc.findings[0].message})"


def file_ids(path: Path) -> dict[str, str] | str:
    try:
        stat = path.stat()
    except OSError:
        return f"{path.name} does not exist"
    return _file_ids(path, (stat.st_mtime_ns, stat.st_size))


class Resolver:
    def __init__(self, tree: etree._ElementTree, roots: tuple[Path, ...] = (), included: tuple[Path, ...] = ()):
        self.tree = tree
        self.path = source_path(tree)
        # The files the tree is made of: their ids are the document's own, never a clash with it.
        self.own_files = {self.path.resolve(), *included} if self.path else set(included)
        self.folders = allowed_folders(self.path, roots) if self.path else ()
        self.ids = _ids(tree)
        # Per document: a pointer is resolved once per folder it is read from, however often it is used.
        self._resolved: dict[tuple[Path | None, str], tuple[str | None, str | None]] = {}
        self._targets: dict[tuple[Path | None, str], Path | None] = {}

    def _target(self, folder: Path | None, file_part: str) -> Path | None:
        """The file a pointer read from `folder` leads to, if it may be looked at."""
        key = (folder, file_part)
        if key not in self._targets:
            target = (folder / file_part).resolve() if folder else None
            self._targets[key] = target if target and inside(target, self.folders) else None
        return self._targets[key]

    def outside(self, token: str, folder: Path | None) -> bool:
        """Whether the pointer, read from `folder`, leads to a file outside the allowed folders."""
        parts = split(token)
        return bool(self.path and parts and parts[0]) and self._target(folder, parts[0]) is None

    def resolve(self, token: str, folder: Path | None) -> tuple[str | None, str | None]:
        """(local name of the target, problem) of the pointer read from `folder`; both None
        when the pointer is not ours."""
        key = (folder, token)
        if key not in self._resolved:
            self._resolved[key] = self._resolve(token, folder)
        return self._resolved[key]

    def _resolve(self, token: str, folder: Path | None) -> tuple[str | None, str | None]:
        parts = split(token)
        if parts is None:
            return None, None
        file_part, fragment = parts
        if "(" in fragment:  # an XPointer scheme: not an id
            return None, None
        if not file_part:
            found = self.ids.get(fragment)
            return (found, None) if found else (None, f"no element has xml:id=\"{fragment}\" here")
        target = self._target(folder, file_part)
        if target is None:
            return None, None  # outside (`outside` says so), or no file name: no folder to look in
        ids = file_ids(target)
        if isinstance(ids, str):
            return None, ids
        if not fragment:
            return "", None
        found = ids.get(fragment)
        return (found, None) if found else (None, f"{file_part} has no xml:id=\"{fragment}\"")

    @functools.cached_property
    def authorities(self) -> dict[str, dict[str, str]]:
        """The files this document points into that can be read: file part (as first written)
        -> their ids."""
        files: dict[Path, tuple[str, dict[str, str]]] = {}
        for value in _POINTER_VALUES(self.tree):
            folder = base_folder(value.getparent())
            for token in value.split():
                parts = split(token)
                target = self._target(folder, parts[0]) if parts and parts[0] else None
                if target and target not in files:
                    ids = file_ids(target)
                    files[target] = (parts[0], ids if isinstance(ids, dict) and target not in self.own_files else {})
        return {name: ids for name, ids in files.values() if ids}
