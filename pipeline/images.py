"""The images a document's `graphic` elements name, and which of them the editions show.

In: a document's tree and the folders it may read files from (`document.allowed_folders`: its
own and the run's roots, the rule of pointers). Out: for each `graphic` outside `facsimile`
(a figure's image, or one inline in the text) that has a `@url`, a `Graphic`: its place among
the document's `graphic` elements (`ordinal`, counted from 1 in document order over all of
them, as the stylesheets count), and either the image file or why it is shown as a
placeholder (`problem`, a warning finding from `findings`). The page images of a
`facsimile` are not the text's and are left alone.

A local image is a relative URL (or a `file:` URL, or an absolute path: a pointer like any
other) read from the folder of the file the `graphic` is written in (`document.base_folder`:
XML Base, `xml:base` and `xi:include` alike), which leads, once `..` and links are resolved,
to a regular file inside the allowed folders, whose first bytes say PNG, JPEG or GIF. It is
read here, at most `MAX_BYTES`, and only these bytes go into the editions: the web edition
copies them beside the page, FOP is served them by its resolver (`formats.fop`), so no
stylesheet or FOP run opens the file. Refused, and never opened: a file outside the allowed
folders (no finding says whether it exists), a URL of another scheme. Opened and refused: a
missing file, a folder, a file of another type (SVG too: it can name other files), one too
big. A web address (`http:`, `https:`) is fetched by no run, and no edition names it as an
image either: the reader's browser would load it from whoever the document names, unasked (a
tracking pixel tells a third party who reads which page, and when), so the editions show the
placeholder, with a warning saying to keep the image in the edition's folders.

`files(tree, roots)` are the local images a document names that may be read, there or not
yet: a build remakes the document's outputs when one of them changes or appears.
"""

from __future__ import annotations

import functools
import hashlib
import os
import re
import stat
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

from lxml import etree

from pipeline.document import allowed_folders, base_folder, inside, split
from pipeline.findings import WARNING, Finding
from pipeline.parsing import TEI_NS, source_path

GRAPHIC = f"{{{TEI_NS}}}graphic"
_FACSIMILE = f"{{{TEI_NS}}}facsimile"
#: The largest image read: a plate scanned at print resolution is a few megabytes.
MAX_BYTES = 32 * 1024 * 1024
#: An image's type by its first bytes, with the file extension and media type it is published under.
_TYPES = ((b"\x89PNG\r\n\x1a\n", "png", "image/png"), (b"\xff\xd8\xff", "jpg", "image/jpeg"),
          (b"GIF87a", "gif", "image/gif"), (b"GIF89a", "gif", "image/gif"))
_WEB = re.compile(r"https?://[^\s/?#]+", re.IGNORECASE)


@dataclass(frozen=True)
class Graphic:
    ordinal: int
    element: etree._Element
    #: The image's bytes (a local file allowed), or None.
    data: bytes | None = None
    #: The file they were read from (resolved).
    path: Path | None = None
    extension: str = ""
    media_type: str = ""
    #: Why the editions show a placeholder.
    problem: str | None = None

    @functools.cached_property
    def name(self) -> str:
        """The file name its copy is published under: named by its content, so that documents,
        folders and versions of an image never take one another's name."""
        return f"{hashlib.sha256(self.data).hexdigest()[:16]}.{self.extension}"


def _graphics(tree: etree._ElementTree):
    """(ordinal, element) of each `graphic` with a `@url` outside `facsimile`."""
    for ordinal, element in enumerate(tree.iter(GRAPHIC), 1):
        if element.get("url", "").strip() and not any(a.tag == _FACSIMILE for a in element.iterancestors()):
            yield ordinal, element


def _target(element: etree._Element, url: str, folders) -> Path | str:
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


def _read(path: Path, url: str) -> bytes | str:
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


def _look(ordinal: int, element: etree._Element, folders) -> Graphic:
    url = element.get("url").strip()
    if _WEB.match(url):
        return Graphic(ordinal, element, problem=f'"{url}" is a web address, which the editions do not load '
                                                 '(keep the image in the edition\'s folders)')
    target = _target(element, url, folders)
    data = target if isinstance(target, str) else _read(target, url)
    if isinstance(data, str):
        return Graphic(ordinal, element, problem=data)
    for magic, extension, media_type in _TYPES:
        if data.startswith(magic):
            return Graphic(ordinal, element, data, target, extension, media_type)
    return Graphic(ordinal, element, problem=f'"{url}" is not a PNG, JPEG or GIF image')


def _folders(tree: etree._ElementTree, roots) -> tuple[Path, ...]:
    path = source_path(tree)
    return allowed_folders(path, roots) if path else ()


def graphics(tree: etree._ElementTree, roots=()) -> list[Graphic]:
    """What the editions show for each `graphic` of the text (see the module's docstring)."""
    folders = _folders(tree, roots)
    return [_look(ordinal, element, folders) for ordinal, element in _graphics(tree)]


def files(tree: etree._ElementTree, roots=()) -> list[Path]:
    """The local images the document names inside the allowed folders, there or not, sorted."""
    folders = _folders(tree, roots)
    found = set()
    for _, element in _graphics(tree):
        url = element.get("url").strip()
        target = None if _WEB.match(url) else _target(element, url, folders)
        if isinstance(target, Path):
            found.add(target)
    return sorted(found)


def findings(tree: etree._ElementTree, file: str, roots, where) -> list[Finding]:
    """A warning at each `graphic` whose image the editions do not show (`where`: a
    `locate.SourceMap`, made on first use)."""
    found = []
    for graphic in graphics(tree, roots):
        if graphic.problem:
            line, col = where().element(graphic.element)
            found.append(Finding(where().file(graphic.element) or file, line, col, WARNING,
                                 f"graphic not shown: {graphic.problem}", "graphic-image"))
    return found


def addresses(shown: dict[int, str]):
    """The `$images` parameter of the stylesheets (xslt/common/images.xsl): for each graphic
    shown, by ordinal, the address the format refers to its image by."""
    from xml.sax.saxutils import quoteattr

    from pipeline import saxon
    rows = "".join(f'<image n="{n}" src={quoteattr(src)}/>' for n, src in sorted(shown.items()))
    return saxon.to_xdm(f"<images>{rows}</images>", "urn:x-teipipe:images")
