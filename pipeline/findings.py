"""Validation findings as data.

A `Finding` is one problem in one file: level, file, line, column, message and the rule that
found it (`well-formed`, `encoding`, `relaxng`, a Schematron assertion's id, ...). Line and
column count from 1; 0 means "not known". Library code returns lists of findings; only
`pipeline.cli.report` and the command line format them.

A file name from outside may hold anything a file system allows: a newline, `:1:2: error:`,
bytes that are not UTF-8. In text, `shown(name)` writes such a name in double quotes with C
escapes (`\n`, `\"`, `\\`, `\xFF` for a byte that is not UTF-8), as git quotes paths, so that
every finding line still reads `file:line:col: level: message`: an unquoted name holds no colon,
no quote, no backslash and no control character.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
#: Something to know that is no problem: never counted, never fails a file.
NOTE = "note"


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
        return f"{shown(self.file)}:{self.line}:{self.col}: {self.level}: {self.message}{rule}"


#: What a name written as it is must not hold: a colon, a quote, a backslash, a control
#: character, a byte that is not UTF-8 (a lone surrogate, as Python decodes it).
_UNSAFE = re.compile(r'[:"\\\x00-\x1f\x7f-\x9f\ud800-\udfff]')
#: What is escaped inside quotes: all of that but the colon.
_ESCAPED = re.compile(r'["\\\x00-\x1f\x7f-\x9f\ud800-\udfff]')
_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r", '"': '\\"', "\\": "\\\\"}


def _escape(match: re.Match) -> str:
    char = match[0]
    code = ord(char)
    return _ESCAPES.get(char) or f"\\x{code - 0xDC00 if code >= 0xD800 else code:02X}"


def shown(name) -> str:
    """`name` as a line of text writes it: as it is, or quoted when it must be."""
    name = str(name)
    return f'"{_ESCAPED.sub(_escape, name)}"' if _UNSAFE.search(name) else name


def has_errors(findings) -> bool:
    return any(f.level == ERROR for f in findings)


def count(findings, level: str) -> int:
    return sum(1 for f in findings if f.level == level)
