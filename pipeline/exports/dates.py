"""The `dates` export: every date of the texts, ready for a timeline.

In: the readings of the documents. Out: `dates.csv`/`.json`, one row per `date` element in
document order: document, section, the ISO 8601 value (`1958-04-18`) or range
(`1958-05-07/1958-05-09`, `..` for an open end; empty where the encoding gives none), its
start and end, the words as written, whether it is in a note, line, page and sentence.
"""

from __future__ import annotations

from pipeline.exports.reading import Reading
from pipeline.exports.tables import table

COLUMNS = ["document", "section", "iso", "start", "end", "words", "in_note", "line", "page",
           "sentence"]


def write(readings: list[Reading], params: dict) -> dict[str, bytes]:
    rows = [{c: getattr(d, c) for c in COLUMNS} for r in readings for d in r.dates]
    return table("dates", rows, COLUMNS)
