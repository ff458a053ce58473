"""A parsed source document and the authority files it points into.

`Document` holds the lxml tree (for validation and Python-side work) and, made once on first
use, the Saxon tree that every output format transforms. `authorities()` finds the
personographies and other authority files a document's pointers (`@ref`, `@corresp`, `@target`)
name, relative to the document, and loads each one once per process.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from pipeline import parsing, transform

_POINTERS = "//@ref | //@corresp | //@target"


@dataclass(eq=False)
class Document:
    path: Path
    tree: etree._ElementTree = field(repr=False)

    @classmethod
    def load(cls, path: Path) -> "Document":
        return cls(Path(path), parsing.parse(path))

    @functools.cached_property
    def uri(self) -> str:
        return self.path.resolve().as_uri()

    @functools.cached_property
    def xdm(self):
        return transform.to_xdm(parsing.for_xslt(self.tree), self.uri)

    @functools.cached_property
    def is_authority(self) -> bool:
        return parsing.is_authority(self.tree)

    def authorities(self) -> list["Document"]:
        """The authority files this document points into, in a stable order."""
        folder = self.path.resolve().parent
        targets = set()
        for value in self.tree.xpath(_POINTERS):
            for pointer in value.split():
                file_part = pointer.partition("#")[0]
                if file_part and ":" not in file_part:
                    targets.add((folder / file_part).resolve())
        return [doc for doc in map(_authority, sorted(targets)) if doc is not None]


@functools.cache
def _authority(path: Path) -> Document | None:
    if not path.is_file():
        return None
    try:
        doc = Document.load(path)
    except parsing.XMLInputError:
        return None
    return doc if doc.is_authority else None
