"""OASIS XML catalogs: the local copy of a schema that a document names by its web address.

A document's `<?xml-model href?>` is usually a URL (TEI's released `tei_all.rng`, a project's
schema on the web), and teipipe never fetches anything while it validates. A catalog maps
such a URL to a file on this machine, as every XML tool does. `in_use(given)` is the list of
catalogs to read: those given by `--catalog`, then those `XML_CATALOG_FILES` names
(space-separated paths or file: URLs, as libxml2 reads it), then teipipe's own catalog in the
user's cache folder, which `teipipe schema fetch` writes. `resolve(url, catalogs)` follows
OASIS XML Catalogs 1.1 (section 7): `uri`, then the longest `rewriteURI`, the longest
`uriSuffix`, `delegateURI` (only the catalogs delegated to, longest prefix first), then each
`nextCatalog`; then the same with `system`, `rewriteSystem`, `systemSuffix`, `delegateSystem`
(catalogs written for DTD-era tools map system identifiers). It returns the URL mapped to, or
None. A catalog is untrusted input: it is parsed with no DTD read and no entity expanded, a
catalog it names by a web address is never read, a missing one is skipped (as the
specification asks), and one that is not well-formed XML or not a catalog raises a located
`SchemaError` (`check` finds it before any work). What a catalog maps to is only a URL: the
caller uses it only if it is a local file.

`fetch(url)` is the only place teipipe uses the network, for `teipipe schema fetch URL`: it
downloads one schema and what it includes (RelaxNG include/externalRef, Schematron
include/extends, compact syntax include/external), recursively, into the cache folder, and
maps each URL to its copy in teipipe's own catalog.
"""

from __future__ import annotations

import os
import urllib.request
from pathlib import Path
from urllib.parse import unquote, urljoin, urlparse

from lxml import etree

from pipeline import processes
from pipeline.validation.schemas import Schema, SchemaError, included, safe_parser

CATALOG_NS = "urn:oasis:names:tc:entity:xmlns:xml:catalog"
#: Per kind of identifier, the names of its entries: exact, rewrite, suffix, delegate, and
#: the attributes of each (what is matched, what it maps to).
_URI = (("uri", "name", "uri"), ("rewriteURI", "uriStartString", "rewritePrefix"),
        ("uriSuffix", "uriSuffix", "uri"), ("delegateURI", "uriStartString", "catalog"))
_SYSTEM = (("system", "systemId", "uri"), ("rewriteSystem", "systemIdStartString", "rewritePrefix"),
           ("systemSuffix", "systemSuffix", "uri"), ("delegateSystem", "systemIdStartString", "catalog"))
_NAMES = {name: (match, target) for name, match, target in _URI + _SYSTEM} | {"nextCatalog": (None, "catalog")}
#: Delegation found no match: the search ends there (section 7.2.2, step 5).
_NO_MATCH = ""
#: The most a schema and what it includes may weigh, together, when fetched.
FETCH_LIMIT = 64 * 1024 * 1024


def cache_folder() -> Path:
    """Where `teipipe schema fetch` puts its copies: $XDG_CACHE_HOME/teipipe/schemas/."""
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "teipipe" / "schemas"


def own_catalog() -> Path:
    return cache_folder() / "catalog.xml"


def _as_path(name: str) -> Path | None:
    parsed = urlparse(name)
    if parsed.scheme == "file":
        return Path(unquote(parsed.path))
    return None if len(parsed.scheme) > 1 else Path(name)


def in_use(given=()) -> tuple[Path, ...]:
    """The catalogs to read, in order: `given`, XML_CATALOG_FILES, teipipe's own."""
    named = [Path(p) for p in given] + [p for p in map(_as_path, os.environ.get("XML_CATALOG_FILES", "").split()) if p]
    return tuple(dict.fromkeys(p.absolute() for p in [*named, own_catalog()]))


@processes.keep
def entries(path: Path) -> tuple[tuple[str, str | None, str], ...]:
    """The catalog's entries in document order (groups included): name, the string matched,
    and the URL mapped to, made absolute against the entry's base (xml:base counts)."""
    try:
        data = path.read_bytes()
        root = etree.fromstring(data, safe_parser(), base_url=path.as_uri())
    except OSError as exc:
        raise SchemaError(f"{path}: cannot use catalog: {exc.strerror}") from None
    except etree.XMLSyntaxError as exc:
        line, col = exc.position
        raise SchemaError(f"{path}:{line}:{col}: cannot use catalog: not well-formed XML: {exc.msg}") from None
    if root.tag != f"{{{CATALOG_NS}}}catalog":
        col = data.splitlines()[root.sourceline - 1].find(b"<") + 1
        raise SchemaError(f"{path}:{root.sourceline}:{col}: cannot use catalog: the root element is "
                          f"{etree.QName(root).localname}, not catalog in {CATALOG_NS}")
    found = []
    for element in root.iter(f"{{{CATALOG_NS}}}*"):
        name = etree.QName(element).localname
        if name in _NAMES:
            match, target = _NAMES[name]
            value = element.get(target)
            if value is not None and (match is None or element.get(match) is not None):
                found.append((name, element.get(match) if match else None, urljoin(element.base, value)))
    return tuple(found)


def _longest(matches: list[tuple[int, str]]) -> str | None:
    return max(matches)[1] if matches else None


def _in_catalog(url: str, path: Path, kinds, seen: set) -> str | None:
    """The match in one catalog and those it leads to; None to go on, _NO_MATCH to stop."""
    if path in seen or not path.is_file():
        return None
    seen.add(path)
    found = entries(path)
    (exact, _, _), (rewrite, _, _), (suffix, _, _), (delegate, _, _) = kinds

    def starting(name):
        return [(len(match), target) for entry, match, target in found if entry == name and url.startswith(match)]

    hit = next((target for entry, match, target in found if entry == exact and match == url), None)
    hit = hit or _longest([(n, target + url[n:]) for n, target in starting(rewrite)])
    hit = hit or _longest([(len(match), target) for entry, match, target in found
                           if entry == suffix and url.endswith(match)])
    if hit:
        return hit
    delegates = [target for _, target in sorted(starting(delegate), key=lambda m: -m[0])]
    if delegates:
        return _search(url, [p for p in map(_as_path, delegates) if p], kinds, seen) or _NO_MATCH
    return _search(url, [p for entry, _, target in found if entry == "nextCatalog" and (p := _as_path(target))],
                   kinds, seen)


def _search(url: str, paths, kinds, seen: set) -> str | None:
    for path in paths:
        hit = _in_catalog(url, Path(path), kinds, seen)
        if hit is not None:
            return hit
    return None


def resolve(url: str, catalogs) -> str | None:
    """The URL `url` is mapped to by `catalogs` (as a URI, then as a system identifier), or None."""
    for kinds in (_URI, _SYSTEM):
        hit = _search(url, catalogs, kinds, set())
        if hit:
            return hit
    return None


def check(catalogs) -> None:
    """Read every catalog reachable from `catalogs`: SchemaError for one that cannot be used."""
    todo, seen = list(catalogs), set()
    while todo:
        path = Path(todo.pop())
        if path in seen or not path.is_file():
            continue
        seen.add(path)
        todo += [p for entry, _, target in entries(path)
                 if entry in ("nextCatalog", "delegateURI", "delegateSystem") and (p := _as_path(target))]


def _download(url: str, limit: int) -> bytes:
    if urlparse(url).scheme not in ("http", "https"):
        raise SchemaError(f"{url}: cannot fetch: only http and https addresses are fetched")
    try:
        with urllib.request.urlopen(url, timeout=60) as response:
            data = response.read(limit + 1)
    except (OSError, ValueError) as exc:
        raise SchemaError(f"{url}: cannot fetch: {getattr(exc, 'reason', exc)}") from None
    if len(data) > limit:
        raise SchemaError(f"{url}: cannot fetch: more than {FETCH_LIMIT // 2**20} MB with what it includes")
    return data


def _copy_path(url: str) -> Path:
    """Where the copy of `url` goes: host and path under the cache folder, never outside it."""
    parsed = urlparse(url)
    parts = [part for part in unquote(parsed.path).split("/") if part not in ("", ".", "..")]
    return cache_folder().joinpath(parsed.hostname or "host", *(parts or ["index"]))


def fetch(url: str, kind: str | None = None) -> dict[str, Path]:
    """Download `url` and what it includes into the cache folder; map each in teipipe's own
    catalog. Returns the copies by URL. SchemaError if one cannot be fetched or used."""
    copies: dict[str, Path] = {}
    todo, left = [url], FETCH_LIMIT
    kind = Schema.of(_copy_path(url), kind).kind  # what it includes is of its own kind
    while todo:
        current = todo.pop(0)
        if current in copies:
            continue
        data = _download(current, left)
        left -= len(data)
        copy = _copy_path(current)
        todo += included(copy, data, kind, base=current)
        copy.parent.mkdir(parents=True, exist_ok=True)
        copy.write_bytes(data)
        copies[current] = copy
    _add_to_own_catalog(copies)
    return copies


def _add_to_own_catalog(copies: dict[str, Path]) -> None:
    path = own_catalog()
    if path.is_file():
        entries(path)  # a broken one is reported, not overwritten
        root = etree.parse(str(path), safe_parser()).getroot()
    else:
        root = etree.Element(f"{{{CATALOG_NS}}}catalog", nsmap={None: CATALOG_NS})
    for url, copy in copies.items():
        for old in root.findall(f"{{{CATALOG_NS}}}uri[@name]"):
            if old.get("name") == url:
                root.remove(old)
        etree.SubElement(root, f"{{{CATALOG_NS}}}uri", name=url, uri=copy.as_uri())
    path.parent.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    partial.write_bytes(etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True))
    partial.replace(path)
    processes.forget()

