"""Format a validation `Report` for people, tools and CI systems.

`render(report, "text")`: one finding a line, `file:line:col: level: message [rule]`, sorted by
file, line and column, after a line `file:1:1: note: validated against SCHEMA (ORIGIN), ...
[schemas]` naming the schemas that judged the file when its <?xml-model?> chose one (a note
is never counted as a problem). `"json"`: the summary, the notes and every file with its findings (the
same lines as the text) and its `schemas` (path, kind, origin), for tools. `"junit"`: JUnit XML
with one test case per file (failed when the file has an error; its warnings in `system-out`;
each schema that judged it a `schema` property), for CI systems. `summary(report)`: the closing line, files, valid,
errors, warnings and time. Output is the same for the same findings (no timestamps but the
duration in the summary and the JSON/JUnit time attributes).

File names come from outside and may hold anything: the text quotes an unusual one
(`findings.shown`), so that every line still parses; JSON and JUnit carry it exactly (a byte
that is not UTF-8, which neither can hold, as JSON's `\\udcXX` escape, Python's surrogate
for that byte, and in JUnit as the text writes the name).
"""

from __future__ import annotations

import json
import re

from lxml import etree

from pipeline.findings import ERROR, WARNING, count, shown
from pipeline.validation import Report

FORMATS = ("text", "json", "junit")


def summary(report: Report) -> str:
    def plural(n: int, word: str) -> str:
        return f"{n} {word}{'' if n == 1 else 's'}"
    return (f"{plural(len(report.files), 'file')}, {report.valid} valid, "
            f"{plural(report.errors, 'error')}, {plural(report.warnings, 'warning')} "
            f"({report.seconds:.2f} s)")


def _text(report: Report) -> str:
    return "".join(f"{finding}\n" for file in report.files for finding in file.shown())


def _json(report: Report) -> str:
    data = {
        "summary": {"files": len(report.files), "valid": report.valid, "errors": report.errors,
                    "warnings": report.warnings, "seconds": round(report.seconds, 3)},
        "notes": report.notes,
        "files": [{"file": str(file.path), "valid": file.valid,
                   "schemas": [{"path": str(schema.path), "kind": schema.kind, "origin": origin}
                               for schema, origin in file.schemas.items()],
                   "findings": [{"line": f.line, "col": f.col, "level": f.level,
                                 "message": f.message, "rule": f.rule} for f in file.shown()]}
                  for file in report.files],
    }
    text = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    # Lone surrogates (only in strings) as escapes: UTF-8 cannot hold them as they are.
    return re.sub("[\ud800-\udfff]", lambda m: f"\\u{ord(m[0]):04x}", text)


#: A character XML 1.0 cannot hold.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    # A message may quote a character XML cannot hold (a control byte from a broken file).
    return _NOT_XML.sub("\ufffd", text)


def _xml_name(path) -> str:
    """A file name as it is, or as the text writes it when XML cannot hold it."""
    return shown(path) if _NOT_XML.search(str(path)) else str(path)


def _junit(report: Report) -> str:
    failures = len(report.files) - report.valid
    counts = {"tests": str(len(report.files)), "failures": str(failures), "errors": "0",
              "time": f"{report.seconds:.3f}"}
    suites = etree.Element("testsuites", name="teipipe validate", **counts)
    suite = etree.SubElement(suites, "testsuite", name="teipipe validate", skipped="0", **counts)
    for file in report.files:
        case = etree.SubElement(suite, "testcase", classname="teipipe.validate",
                                name=_xml_name(file.path), file=_xml_name(file.path))
        if file.schemas:
            properties = etree.SubElement(case, "properties")
            for schema, origin in file.schemas.items():
                etree.SubElement(properties, "property", name="schema",
                                 value=_xml_text(f"{_xml_name(schema.path)} ({origin})"))
        errors = [str(f) for f in file.findings if f.level == ERROR]
        if errors:
            failure = etree.SubElement(case, "failure", type="invalid",
                                       message=_xml_text(f"{len(errors)} error{'s' if len(errors) > 1 else ''}: {errors[0]}"))
            failure.text = _xml_text("\n".join(errors))
        if count(file.findings, WARNING):
            out = etree.SubElement(case, "system-out")
            out.text = _xml_text("\n".join(str(f) for f in file.findings if f.level == WARNING))
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + etree.tostring(suites, encoding="unicode", pretty_print=True)


def render(report: Report, fmt: str = "text") -> str:
    return {"text": _text, "json": _json, "junit": _junit}[fmt](report)
