"""The `entities` export: persons, places and organisations, and every mention of them.

In: the readings of the documents. Out: `persons.csv`/`.json` (id, name, description, authority
ids, whether the name is linked to an authority entry, number of mentions, documents), the same
as `places` and `organisations` where the documents name any, and `mentions.csv`/`.json` (one
row per mention: document, section, kind, entity id and name, the words as written, whether it
is a title only, whether it is in a note, line in the TEI file, page, sentence).
"""

from __future__ import annotations

from pipeline.exports.reading import Entity, Reading
from pipeline.exports.tables import table

TABLES = {"person": "persons", "place": "places", "org": "organisations"}
ENTITY_COLUMNS = ["id", "name", "description", "authority_ids", "linked", "mentions", "documents"]
MENTION_COLUMNS = ["document", "section", "kind", "id", "name", "words", "title_only", "in_note",
                   "line", "page", "sentence"]


def entity_rows(readings: list[Reading], kind: str) -> list[dict]:
    """One row per entity of `kind` that the documents mention, by id, with its counts."""
    rows: dict[str, dict] = {}
    for reading in readings:
        for mention in reading.mentions:
            if mention.kind != kind:
                continue
            entity: Entity = reading.entities[mention.entity]
            row = rows.setdefault(entity.id, {
                "id": entity.id, "name": entity.name, "description": entity.description,
                "authority_ids": list(entity.authority_ids), "linked": entity.linked,
                "mentions": 0, "documents": []})
            row["mentions"] += 1
            if mention.unit not in row["documents"]:
                row["documents"].append(mention.unit)
    return [rows[key] for key in sorted(rows)]


def write(readings: list[Reading], params: dict) -> dict[str, bytes]:
    files = {}
    for kind, name in TABLES.items():
        rows = entity_rows(readings, kind)
        if rows or kind == "person":
            files.update(table(name, rows, ENTITY_COLUMNS))
    mentions = [
        {"document": m.document, "section": m.section, "kind": m.kind, "id": m.entity,
         "name": r.entities[m.entity].name, "words": m.words, "title_only": m.title_only,
         "in_note": m.in_note, "line": m.line, "page": m.page, "sentence": m.sentence}
        for r in readings for m in r.mentions]
    files.update(table("mentions", mentions, MENTION_COLUMNS))
    return files
