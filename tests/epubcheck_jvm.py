"""EPUBCheck in one Java VM for many EPUBs (each `java -jar` run would load its schemas again,
10 to 30 s here): `python tests/epubcheck_jvm.py EPUBCHECK.JAR` reads a path a line on stdin and
answers each with a JSON line, the list of EPUBCheck's fatal errors, errors and warnings about
it. Used by tests/test_epub.py."""

from __future__ import annotations

import json
import re
import sys

import jpype


def main(jar: str) -> None:
    jpype.startJVM("-XX:TieredStopAtLevel=1", classpath=[jar], convertStrings=True)
    check = jpype.JClass("com.adobe.epubcheck.api.EpubCheck")
    report_to = jpype.JClass("com.adobe.epubcheck.util.WriterReportImpl")
    text, writer = jpype.JClass("java.io.StringWriter"), jpype.JClass("java.io.PrintWriter")
    # EPUBCheck prints its facts (INFO) to Java's stdout, which is this process's answers.
    silent = jpype.JClass("java.io.PrintStream")(jpype.JClass("java.io.OutputStream").nullOutputStream())
    jpype.JClass("java.lang.System").setOut(silent)
    for line in sys.stdin:
        buffer = text()
        report = report_to(writer(buffer), line.strip(), False)
        check(jpype.JClass("java.io.File")(line.strip()), report).doValidate()
        # (The report's first line is its title as a warning: "WARNING: : PATH".)
        messages = [m for m in str(buffer.toString()).splitlines()
                    if re.match(r"(FATAL|ERROR|WARNING): ", m) and m != f"WARNING: : {line.strip()}"]
        if report.getFatalErrorCount() + report.getErrorCount() + report.getWarningCount() and not messages:
            messages = [f"{line.strip()}: {report.getErrorCount()} errors, {report.getWarningCount()} warnings"]
        print(json.dumps(messages), flush=True)


if __name__ == "__main__":
    main(sys.argv[1])
