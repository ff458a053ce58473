"""teipipe: validate TEI P5 documents and publish them as HTML, XSL-FO/PDF, text and data.

The package is a library first: `pipeline.build.build()` and `pipeline.validate.validate_paths()`
take paths and settings and return results as data; `pipeline.cli` only parses options and
prints those results.

Where the program's own files are: the schemas and stylesheets it reads at run time (`schema/`
and `xslt/`) stand beside the package in the repository and travel inside it in a wheel
(pyproject.toml maps them there), so they are looked for inside first, then beside: one lookup
for an installed wheel, an editable install and a plain checkout. What a command reads and
writes otherwise is relative to the working folder (`pipeline.sources`, `pipeline.build`).
"""

from pathlib import Path

#: The version, read by pyproject.toml for the wheel and by `teipipe --version`.
__version__ = "0.1.0"

#: The package's own code, which every build's key hashes.
CODE_DIR = Path(__file__).resolve().parent
_DATA_DIR = CODE_DIR if (CODE_DIR / "xslt").is_dir() else CODE_DIR.parent
SCHEMA_DIR = _DATA_DIR / "schema"
XSLT_DIR = _DATA_DIR / "xslt"
