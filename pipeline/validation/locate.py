"""Line and column of elements and attributes in the source text of a parsed document.

libxml2 records for each element only the line where its start tag ends, and no column.
`SourceMap(tree, data)` decodes the file's bytes once, scans them for start tags (skipping
comments, CDATA sections, processing instructions and the DOCTYPE) and pairs the n-th start tag
with the n-th element in document order. That gives the line and column of every element's `<`
and of each of its attributes' names, counted in characters from 1, as editors count them.
Where the pairing cannot hold (an internal entity that expands to markup), it falls back to
libxml2's line and the last `<name` up to the end of that line. The map is built only for files
that have findings to place. `source_map(parsed)` gives the map of a parsed document: for one
expanded by `xi:include` (`parsing.Inclusion`), an `IncludedSourceMap`, which places each
element in the file it came from; `file(node)` names that file (None: the document itself).
"""

from __future__ import annotations

import bisect
import functools
import re

from lxml import etree

from pipeline.parsing import XML_NS, decode

_MARKUP = re.compile(
    r"<!--.*?-->|<!\[CDATA\[.*?\]\]>|<\?.*?\?>|<!DOCTYPE(?:[^\[>]|\[.*?\])*>|<([^\s/>!?][^\s/>]*)",
    re.S)
_ATTRIBUTE = re.compile(r"""\s+([^\s=/>]+)\s*=\s*(?:"[^"]*"|'[^']*')""")
_START_TAG = re.compile(r"""<[^\s/>]+((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*/?>""")


def _local(name: str) -> str:
    return name.rpartition(":")[2]


def _element_of(node):
    """The element an XPath result is, or stands in (an attribute value's, a text's parent)."""
    if isinstance(node, etree._Element):
        return node
    return node.getparent() if hasattr(node, "getparent") else None


class _Places:
    def node(self, node) -> tuple[int, int]:
        """Position of an XPath result: element, attribute value (lxml "smart string") or text."""
        element = _element_of(node)
        if element is None:
            return 0, 0
        if getattr(node, "is_attribute", False):
            return self.attribute(element, node.attrname)
        return self.element(element)

    def file(self, node) -> str | None:
        """The file `node` came from, if not the document's own."""
        return None


class SourceMap(_Places):
    def __init__(self, tree: etree._ElementTree, data: bytes):
        self.tree = tree
        self.text = decode(data)
        self.newlines = [m.start() for m in re.finditer("\n", self.text)]

    @functools.cached_property
    def _tags(self) -> list[tuple[int, str]]:
        return [(m.start(), m[1]) for m in _MARKUP.finditer(self.text) if m[1]]

    @functools.cached_property
    def _index(self) -> dict:
        return {el: i for i, el in enumerate(self.tree.getroot().iter(etree.Element))}

    def _position(self, offset: int) -> tuple[int, int]:
        line = bisect.bisect_left(self.newlines, offset)
        start = self.newlines[line - 1] + 1 if line else 0
        return line + 1, offset - start + 1

    def _offset(self, el) -> int | None:
        """Where the start tag of `el` begins in the text."""
        i = self._index.get(el)
        if i is not None and i < len(self._tags):
            offset, name = self._tags[i]
            if _local(name) == etree.QName(el).localname:
                return offset
        if not el.sourceline:
            return None
        # Pairing broken: the last "<name" in the three lines up to the end of libxml2's line.
        lines = self.newlines
        end = lines[el.sourceline - 1] if el.sourceline <= len(lines) else len(self.text)
        start = lines[el.sourceline - 4] if el.sourceline > 3 else 0
        found = re.compile(r"<(?:[^\s/>:]+:)?%s[\s/>]" % re.escape(etree.QName(el).localname))
        offsets = [m.start() for m in found.finditer(self.text, start, end)]
        return offsets[-1] if offsets else None

    def element(self, el) -> tuple[int, int]:
        offset = self._offset(el) if isinstance(el.tag, str) else None
        return self._position(offset) if offset is not None else (el.sourceline or 0, 0)

    def attribute(self, el, name: str) -> tuple[int, int]:
        """Position of attribute `name` (Clark notation) of `el`; the element's when not found."""
        offset = self._offset(el)
        if offset is None:
            return self.element(el)
        qname = etree.QName(name)
        prefixes = {p for p, uri in el.nsmap.items() if uri == qname.namespace and p}
        if qname.namespace == XML_NS:
            prefixes = {"xml"}
        wanted = {f"{p}:{qname.localname}" for p in prefixes} if qname.namespace else {qname.localname}
        tag = _START_TAG.match(self.text, offset)
        if tag:
            for match in _ATTRIBUTE.finditer(self.text, tag.start(1), tag.end(1)):
                if match[1] in wanted:
                    return self._position(match.start(1))
        return self.element(el)


class IncludedSourceMap(_Places):
    """Positions in a document expanded by `xi:include`: each element's in its own file, by the
    same element in that file's own tree (`Inclusion.origins`)."""

    def __init__(self, tree: etree._ElementTree, inclusion):
        self.origins = inclusion.origins(tree)
        self.maps: dict = {}

    def _own(self, el):
        """The map of the file `el` came from, and `el` in that file's tree."""
        source, own = self.origins.get(el, (None, None))
        if source is None:
            return None, None
        if source.name not in self.maps:
            self.maps[source.name] = SourceMap(source.tree, source.data)
        return self.maps[source.name], own

    def element(self, el) -> tuple[int, int]:
        source_map, own = self._own(el)
        return source_map.element(own) if source_map else (el.sourceline or 0, 0)

    def attribute(self, el, name: str) -> tuple[int, int]:
        source_map, own = self._own(el)
        return source_map.attribute(own, name) if source_map else (el.sourceline or 0, 0)

    def file(self, node) -> str | None:
        element = _element_of(node)
        source = self.origins.get(element, (None,))[0] if element is not None else None
        return source.name if source else None


def source_map(parsed) -> SourceMap | IncludedSourceMap:
    """The map of a parsed document (`parsing.Parsed`), expanded or not."""
    if parsed.inclusion:
        return IncludedSourceMap(parsed.tree, parsed.inclusion)
    return SourceMap(parsed.tree, parsed.data)
