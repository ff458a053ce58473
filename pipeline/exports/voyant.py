"""The `voyant` export: a corpus for Voyant Tools (or AntConc, or any corpus tool).

In: each document, rendered by the `txt` format as the words of the text only: no notes, no
header preamble, no page numbers, one reading of every `choice` (the corrected one); and its
header facts. Out: `corpus.zip`, holding one `<document>.txt` (UTF-8) per document and
`metadata.csv` (filename, title, author, date, source). Entries are sorted and carry a fixed
timestamp, so the same documents give the same zip.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass

from pipeline.document import Document
from pipeline.exports.reading import Header, header
from pipeline.exports.tables import csv_bytes
from pipeline.formats import FORMATS

#: The words of the text and nothing else: what a corpus tool should count.
TEXT_PARAMS = {"notes": "none", "header": "none", "page-breaks": False}
COLUMNS = ["filename", "title", "author", "date", "source"]
_EPOCH = (1980, 1, 1, 0, 0, 0)  # the earliest time a zip can hold


@dataclass(frozen=True)
class Text:
    filename: str
    header: Header
    text: bytes


def read(doc: Document, params: dict) -> Text:
    return Text(doc.path.stem + ".txt", header(doc.tree.getroot()), FORMATS["txt"].render(doc, TEXT_PARAMS))


def write(texts: list[Text], params: dict) -> dict[str, bytes]:
    rows = [{"filename": t.filename, "title": t.header.title, "author": t.header.author,
             "date": t.header.date, "source": t.header.source} for t in texts]
    entries = {t.filename: t.text for t in texts}
    entries["metadata.csv"] = csv_bytes(rows, COLUMNS)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in sorted(entries):
            info = zipfile.ZipInfo(name, date_time=_EPOCH)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, entries[name])
    return {"corpus.zip": buffer.getvalue()}
