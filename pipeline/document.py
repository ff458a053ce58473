"""A parsed source document and the authority files it points into.

`Document` holds the lxml tree (for validation and Python-side work) and, made once on first
use, the Saxon tree that every output format transforms. `authorities()` finds the
personographies and other authority files a document's pointers (`@ref`, `@corresp`, `@target`)
name, each relative to the file it is written in (`base_folder`: an included file's pointers
from that file's folder, as XML Base says), and loads each one once per process and version of
the file. Only files in the document's own folder and in its `roots` (the folders of the run's
sources and `--authority-dir`) are looked at, whichever file a pointer is written in: a pointer
elsewhere gives its outputs nothing (validation reports it, `validation.pointers.Resolver`). How
a pointer is read (`split`), from which folder (`base_folder`) and which folders it may lead into
(`allowed_folders`, `inside`) is said once, here, for the outputs, for validation and for the
exports.

Images (`graphics`, `image_files`): the same rule says which files a `graphic` of the text
(outside `facsimile`: a figure's image, or one inline; a facsimile's page images are left alone)
may show. A local image is a relative URL (or a `file:` URL, or an absolute path: a pointer
like any other) read from `base_folder` of its `graphic`, which leads, once `..` and links are
resolved, to a regular file in `allowed_folders` whose first bytes say PNG, JPEG or GIF (not
SVG: it can name other files). It is read here, at most `MAX_BYTES`, and only these bytes go
into the editions: the web edition copies them beside the page, FOP is served them by its
resolver, so no stylesheet or FOP run opens the file; the stylesheets find each by the
graphic's ordinal in `$images` (`image_addresses`, xslt/common/images.xsl). Any other graphic
keeps its placeholder, with the reason (`Graphic.problem`, a warning of validation): a file
outside the allowed folders is never opened, and its reason says nothing of it; a missing file,
a folder, another type, one too big are opened and refused. A web address (`http:`, `https:`)
is fetched by no run, and no edition names it as an image either: the reader's browser would
load it from whoever the document names, unasked (a tracking pixel tells a third party who
reads which page, and when). The images a document names inside the allowed folders, there or
not yet, are among its `dependencies`.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import etree

from pipeline import parsing, saxon

# One pass over the tree: the union `//@ref | //@corresp | //@target` walks it three times and
# sorts the result, twice as slow on a FRUS volume.
_POINTERS = "//@*[name() = 'ref' or name() = 'corresp' or name() = 'target']"

_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]+:")  # one letter would be a Windows drive


@dataclass(eq=False)
class Document:
    path: Path
    tree: etree._ElementTree = field(repr=False)
    #: Folders besides its own that its pointers may lead into.
    roots: tuple[Path, ...] = ()
    #: The files `xi:include` read into the tree (`parsing.Parsed.included`).
    included: tuple[Path, ...] = ()

    @classmethod
    def load(cls, path: Path, roots: tuple[Path, ...] = ()) -> "Document":
        """The document at `path`; raises XMLInputError if it is not well-formed. An xml:id
        used twice is a validation error (`parsing.read` reports it), not a reason to refuse."""
        parsed = parsing.read(path)
        return cls(Path(path), parsed.tree, tuple(roots), parsed.included)

    @functools.cached_property
    def uri(self) -> str:
        return self.path.resolve().as_uri()

    @functools.cached_property
    def xdm(self):
        return saxon.to_xdm(parsing.for_xslt(self.tree), self.uri)

    @functools.cached_property
    def is_authority(self) -> bool:
        return parsing.is_authority(self.tree)

    @functools.cached_property
    def pointed_files(self) -> tuple[Path, ...]:
        """The files this document's pointers name (the part before `#`), each from the folder
        of the file it is written in (`base_folder`), resolved, sorted; only those in the
        folders they may lead into: the others are never looked at."""
        files = set()
        for value in self.tree.xpath(_POINTERS):
            folder = base_folder(value.getparent())
            for token in value.split():
                parts = split(token)
                if folder and parts and parts[0]:
                    files.add((folder, parts[0]))
        folders = allowed_folders(self.path, self.roots)
        resolved = {(folder / file).resolve() for folder, file in files}
        return tuple(sorted(path for path in resolved if inside(path, folders)))

    def authorities(self) -> list["Document"]:
        """The authority files this document points into, in a stable order (each as the file
        is now: the pointers are read once, the files looked at every time)."""
        return [doc for doc in map(_authority, self.pointed_files) if doc is not None]

    def linked(self) -> list["Document"]:
        """The other documents of the edition this document points to (the web edition links
        to their pages), in a stable order."""
        own = self.path.resolve()
        return [doc for doc in map(_document, self.pointed_files) if doc is not None and not doc.is_authority
                and doc.path != own]

    @functools.cached_property
    def graphics(self) -> list["Graphic"]:
        """What the editions show for each `graphic` of its text, its image files read once."""
        return graphics(self.tree, self.roots)

    def dependencies(self) -> list[Path]:
        """The files whose change may change this document's outputs: the files it includes,
        every file it points to and every image it shows, there or not yet (authority files
        give its names their entries; the pages of the documents it links to are its links'
        addresses)."""
        own = self.path.resolve()
        return [*self.included, *(path for path in self.pointed_files if path != own),
                *image_files(self.tree, self.roots)]


def authority_nodes(documents: list[Document]) -> list:
    """The Saxon trees of the authority files `documents` point into, each once, in order:
    the `$authorities` parameter of the stylesheets."""
    seen: dict[Path, object] = {}
    for doc in documents:
        for authority in doc.authorities():
            if authority.path not in seen:
                seen[authority.path] = authority.xdm
    return list(seen.values())


def _authority(path: Path) -> Document | None:
    doc = _document(path)
    return doc if doc is not None and doc.is_authority else None


def _document(path: Path) -> Document | None:
    try:
        stat = path.stat()
    except OSError:
        return None
    return _load(path, (stat.st_mtime_ns, stat.st_size))


@functools.lru_cache(maxsize=64)
def _load(path: Path, version: tuple[int, int]) -> Document | None:
    """Loaded once per process and version of the file: a later build sees an edited one."""
    try:
        return Document.load(path)
    except parsing.XMLInputError:
        return None


def split(token: str) -> tuple[str, str] | None:
    """(file part, fragment) of a local pointer or `file:` URL; None for another URL or a
    private prefix."""
    if token[:5].lower() == "file:":
        url = urlsplit(token)
        return unquote(url.path), url.fragment
    if _SCHEME.match(token):
        return None
    file_part, _, fragment = token.partition("#")
    return unquote(file_part), fragment


def base_folder(element: etree._Element) -> Path | None:
    """The folder a relative pointer on `element` is read from (XML Base): that of the file the
    element is written in, which for content `xi:include` brought in is the included file, or
    the folder an `xml:base` names; None for a tree from text or a base that is no file.
    Where a pointer may lead is still decided by `allowed_folders` alone."""
    return _folder_of(element.base)


@functools.lru_cache(maxsize=256)
def _folder_of(base: str | None) -> Path | None:
    # Every element of a file has the same base: one parse per file, not per pointer.
    try:
        url = urlsplit(base or "")
    except ValueError:  # an xml:base such as "http://[x/" (written in the document)
        return None
    return Path(unquote(url.path.rpartition("/")[0]) or "/") if url.scheme == "file" else None


def inside(target: Path, folders) -> bool:
    """Whether `target` (resolved) lies in one of `folders` (resolved) or below."""
    return any(target.is_relative_to(folder) for folder in folders)


def allowed_folders(path: Path, roots) -> tuple[Path, ...]:
    """The folders the pointers of the document at `path` may lead into: its own and `roots`,
    resolved."""
    return (path.resolve().parent, *(Path(root).resolve() for root in roots))


# ---------------------------------------------------------------- images

GRAPHIC = f"{{{parsing.TEI_NS}}}graphic"
_FACSIMILE = f"{{{parsing.TEI_NS}}}facsimile"
#: The largest image read: a plate scanned at print resolution is a few megabytes.
MAX_BYTES = 32 * 1024 * 1024
#: An image's type by its first bytes: the extension its copy is published under.
_IMAGE_TYPES = ((b"\x89PNG\r\n\x1a\n", "png"), (b"\xff\xd8\xff", "jpg"), (b"GIF87a", "gif"), (b"GIF89a", "gif"))
_WEB_ADDRESS = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)


@dataclass(frozen=True)
class Graphic:
    ordinal: int
    element: etree._Element
    #: The image's bytes (a local file allowed), or None.
    data: bytes | None = None
    #: The file they were read from (resolved).
    path: Path | None = None
    extension: str = ""
    #: Why the editions show a placeholder.
    problem: str | None = None

    @functools.cached_property
    def name(self) -> str:
        """The file name its copy is published under: named by its content, so that documents,
        folders and versions of an image never take one another's name."""
        return f"{hashlib.sha256(self.data).hexdigest()[:16]}.{self.extension}"


def _text_graphics(tree: etree._ElementTree):
    """(ordinal, element) of each `graphic` with a `@url` outside `facsimile`."""
    for ordinal, element in enumerate(tree.iter(GRAPHIC), 1):
        if element.get("url", "").strip() and not any(a.tag == _FACSIMILE for a in element.iterancestors()):
            yield ordinal, element


def _image_target(element: etree._Element, url: str, folders) -> Path | str:
    """The file a local URL leads to, or why it leads to none that may be read."""
    parts = split(url)
    folder = base_folder(element)
    if parts is None or not parts[0]:
        return f'"{url}" names no file'
    if folder is None:
        return f'"{url}": no folder to read it from'
    target = (folder / parts[0]).resolve()
    if not inside(target, folders):
        return f'"{url}" leads outside the edition\'s folders (give --authority-dir to allow a folder)'
    return target


def _read_image(path: Path, url: str) -> bytes | str:
    """The image's bytes, or why they are not used."""
    try:
        # No link is followed: the path is resolved, a link put in its place since is refused.
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError as exc:
        return f'"{url}" cannot be read ({exc.strerror})'
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            return f'"{url}" is not a file'
        data = handle.read(MAX_BYTES + 1)
    return data if len(data) <= MAX_BYTES else f'"{url}" is larger than {MAX_BYTES // 2**20} MB'


def _look_at(ordinal: int, element: etree._Element, folders) -> Graphic:
    url = element.get("url").strip()
    if _WEB_ADDRESS.match(url):
        return Graphic(ordinal, element, problem=f'"{url}" is a web address, which the editions do not load '
                                                 '(keep the image in the edition\'s folders)')
    target = _image_target(element, url, folders)
    data = target if isinstance(target, str) else _read_image(target, url)
    if isinstance(data, str):
        return Graphic(ordinal, element, problem=data)
    for magic, extension in _IMAGE_TYPES:
        if data.startswith(magic):
            return Graphic(ordinal, element, data, target, extension)
    return Graphic(ordinal, element, problem=f'"{url}" is not a PNG, JPEG or GIF image')


def _tree_folders(tree: etree._ElementTree, roots) -> tuple[Path, ...]:
    path = parsing.source_path(tree)
    return allowed_folders(path, roots) if path else ()


def graphics(tree: etree._ElementTree, roots=()) -> list[Graphic]:
    """What the editions show for each `graphic` of the text (see the module's docstring:
    images)."""
    folders = _tree_folders(tree, roots)
    return [_look_at(ordinal, element, folders) for ordinal, element in _text_graphics(tree)]


def image_files(tree: etree._ElementTree, roots=()) -> list[Path]:
    """The local images the document names inside the allowed folders, there or not, sorted."""
    folders = _tree_folders(tree, roots)
    found = set()
    for _, element in _text_graphics(tree):
        url = element.get("url").strip()
        target = None if _WEB_ADDRESS.match(url) else _image_target(element, url, folders)
        if isinstance(target, Path):
            found.add(target)
    return sorted(found)


def image_addresses(shown: dict[int, str]):
    """The `$images` parameter of the stylesheets (xslt/common/images.xsl): for each graphic
    shown, by ordinal, the address the format refers to its image by."""
    from xml.sax.saxutils import quoteattr  # (it imports urllib.request: only when needed)
    rows = "".join(f'<image n="{n}" src={quoteattr(src)}/>' for n, src in sorted(shown.items()))
    return saxon.to_xdm(f"<images>{rows}</images>", "urn:x-teipipe:images")
