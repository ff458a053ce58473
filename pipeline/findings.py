"""Validation findings as data.

A `Finding` is one problem in one file: level, file, line, column, message and the rule that
found it. Library code returns lists of findings; only the command line formats them.
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
