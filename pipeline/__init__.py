"""teipipe: validate TEI P5 documents and publish them as HTML, XSL-FO/PDF, text and data.

The package is a library first: `pipeline.build.build()` and `pipeline.validate.validate_paths()`
take paths and settings and return results as data; `pipeline.cli` only parses options and
prints those results.
"""

from pathlib import Path

__version__ = "0.1.0"

#: The project folder: the schemas and stylesheets live beside the package.
PROJECT_DIR = Path(__file__).resolve().parent.parent
SCHEMA_DIR = PROJECT_DIR / "schema"
XSLT_DIR = PROJECT_DIR / "xslt"
