"""Tables as CSV and JSON bytes, the same rows in both.

`table(name, rows, columns)` returns `{name.csv: ..., name.json: ...}`. Rows are dicts; in the
CSV a list becomes its items joined by spaces and a boolean `true`/`false`, in the JSON both
stay what they are. Output is UTF-8 and byte-for-byte the same for the same rows.

Every CSV cell comes from documents from outside, and a spreadsheet runs a cell that starts
with `=`, `+`, `-`, `@`, a tab or a carriage return as a formula (`=cmd|' /C calc'!A0`,
`=HYPERLINK(...)`): such a cell gets a leading `'`, which the spreadsheet takes as "text" and
does not show, as OWASP recommends (CSV Injection). The JSON keeps every value exact.
"""

from __future__ import annotations

import csv
import io
import json

#: What a spreadsheet takes as the start of a formula.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _text(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (list, tuple)):
        return " ".join(map(str, value))
    return str(value)


def _cell(value) -> str:
    text = _text(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def csv_bytes(rows: list[dict], columns: list[str]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out)  # RFC 4180: quoted where needed, CRLF line ends
    writer.writerow(columns)
    for row in rows:
        writer.writerow([_cell(row[c]) for c in columns])
    return out.getvalue().encode("utf-8")


def json_bytes(data) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def table(name: str, rows: list[dict], columns: list[str]) -> dict[str, bytes]:
    return {f"{name}.csv": csv_bytes(rows, columns),
            f"{name}.json": json_bytes([{c: row[c] for c in columns} for row in rows])}
