"""What the benchmark scripts share: where the corpus is, and Saxon's identity transform.

Every transform is reported as a ratio to the identity transform of the same file in the same
run: `write_identity(folder)` writes that stylesheet and returns its path. `timed_teipipe(args)`
runs `python -m pipeline ARGS` in a fresh process and returns its wall and CPU seconds.
"""

from __future__ import annotations

import os
import resource
import subprocess
import sys
import time
from pathlib import Path

PROJECT = Path(__file__).resolve().parents[1]
CORPUS = PROJECT.parent / "shared" / "corpus"
LARGEST_VOLUME = CORPUS / "frus1918Russiav03.xml"

IDENTITY = """<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">
  <xsl:mode on-no-match="shallow-copy"/>
</xsl:stylesheet>
"""


def write_identity(folder: Path) -> Path:
    path = Path(folder) / "identity.xsl"
    path.write_text(IDENTITY, encoding="utf-8")
    return path


def timed_teipipe(args: list[str]) -> tuple[float, float]:
    """(wall, CPU) seconds of `python -m pipeline ARGS` run in a fresh process; exits on failure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    wall = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "pipeline", *args], capture_output=True, text=True,
                          env={**os.environ, "PYTHONPATH": str(PROJECT)})
    wall = time.perf_counter() - wall
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode:
        sys.exit(f"teipipe {' '.join(args[:2])} failed: {done.stderr[-2000:]}")
    return wall, (after.ru_utime + after.ru_stime) - (before.ru_utime + before.ru_stime)
