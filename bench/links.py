"""Check the links of a built web edition: every address of a file of the edition names a file
that is there and, with a fragment, an element of that page with that id.

In: the folder of the web edition (OUT/html/); out: the broken links, as (page, address)
pairs, relative to that folder's parent (OUT/), so that the downloads in OUT/pdf/ are checked
too. Addresses with a scheme (https:, mailto:) lead out of the edition and are not followed.
Used by tests/test_volume_html.py and bench/bench_volume.py.
"""

from __future__ import annotations

import os
from collections import Counter
from pathlib import Path
from urllib.parse import unquote, urlsplit

from lxml import html


def _parse(page: Path):
    return html.fromstring(page.read_bytes())


def broken_links(folder: Path) -> list[tuple[str, str]]:
    folder = Path(folder).resolve()
    out = folder.parent
    pages = sorted(folder.rglob("*.html"))
    trees = {page: _parse(page) for page in pages}
    ids = {page: set(tree.xpath("//@id")) for page, tree in trees.items()}
    broken = []
    for page, tree in trees.items():
        for href in tree.xpath("//a/@href | //link[@rel='stylesheet']/@href"):
            parts = urlsplit(href)
            if parts.scheme or parts.netloc:
                continue
            target = Path(os.path.normpath(page.parent / unquote(parts.path))) if parts.path else page
            fine = target.is_file() and out in target.parents
            if fine and parts.fragment:
                fine = unquote(parts.fragment) in ids.get(target, ())
            if not fine:
                broken.append((str(page.relative_to(out)), href))
    return broken


def repeated_note_labels(folder: Path) -> list[tuple[str, str]]:
    """The pages that show one note label twice in one list of notes, with the label."""
    repeated = []
    for page in sorted(Path(folder).rglob("*.html")):
        for notes in _parse(page).xpath("//ol[@class='notes']"):
            counts = Counter(label.text_content() for label in notes.xpath("li/a[@class='note-label']"))
            repeated += [(page.name, label) for label, count in counts.items() if count > 1]
    return repeated
