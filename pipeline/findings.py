"""Validation findings as data.

A `Finding` is one problem in one file: level, file, line, column, message and the rule that
found it (`well-formed`, `encoding`, `relaxng`, a Schematron assertion's id, ...). Line and
column count from 1; 0 means "not known". Library code returns lists of findings; only
`pipeline.report` and the command line format them.
"""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True, order=True)
class Finding:
    file: str
    line: int
    col: int
    level: str
    message: str
    rule: str = ""

    def __str__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        return f"{self.file}:{self.line}:{self.col}: {self.level}: {self.message}{rule}"


def has_errors(findings) -> bool:
    return any(f.level == ERROR for f in findings)


def count(findings, level: str) -> int:
    return sum(1 for f in findings if f.level == level)
