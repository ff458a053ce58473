"""What the benchmark scripts share: where the corpus is, and Saxon's identity transform.

Every transform is reported as a ratio to the identity transform of the same file in the same
run: `write_identity(folder)` writes that stylesheet and returns its path.
"""

from __future__ import annotations

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
