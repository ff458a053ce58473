"""Run XSLT 3.0 stylesheets with Saxon (saxonche).

One Saxon processor per process, each stylesheet compiled once per process and kept (until
`processes.forget`). Sources reach Saxon as text that `parsing` has already checked (no DOCTYPE,
nothing external), so Saxon's own parser never resolves an entity or fetches a URL. Saxon
reads local files only (its `allowedProtocols` feature): doc(), document(), unparsed-text(),
collection() refuse every URL of another scheme, so nothing ever reaches the network. Files
stay readable because compiling a stylesheet reads its xsl:import and xsl:include modules, and
Saxon never lifts a restriction once set (measured: "" then "file" still refuses the
stylesheet); input cannot make it read one, since our stylesheets never call those functions
(authority files reach them as parameters).
Stylesheet parameters are given as Python values (str, bool, int, float, or a list of XDM
nodes) and converted here.
"""

from __future__ import annotations

import functools
from pathlib import Path
from typing import TYPE_CHECKING

from pipeline import processes

# saxonche is imported when first used: a build with nothing to do never starts Saxon.
if TYPE_CHECKING:
    from saxonche import PySaxonProcessor, PyXdmNode, PyXsltExecutable


class TransformError(Exception):
    """A stylesheet that does not compile, or a dynamic error while it runs."""


#: Saxon's configuration feature: the URI schemes it may read, comma-separated.
ALLOWED_PROTOCOLS = "http://saxon.sf.net/feature/allowedProtocols"


@functools.cache
def processor() -> PySaxonProcessor:
    from saxonche import PySaxonProcessor
    saxon = PySaxonProcessor(license=False)
    saxon.set_configuration_property(ALLOWED_PROTOCOLS, "file")
    return saxon


@processes.keep
def executable(stylesheet: Path) -> PyXsltExecutable:
    from saxonche import PySaxonApiError
    compiler = processor().new_xslt30_processor()
    try:
        compiled = compiler.compile_stylesheet(stylesheet_file=str(stylesheet))
    except PySaxonApiError as exc:
        raise TransformError(f"{stylesheet}: does not compile: {exc}") from None
    if compiled is None:
        raise TransformError(f"{stylesheet}: does not compile")
    return compiled


def to_xdm(text: str, base_uri: str) -> PyXdmNode:
    """Parse checked XML text into a Saxon tree whose base URI is the source file's."""
    builder = processor().new_document_builder()
    builder.set_base_uri(base_uri)
    return builder.parse_xml(xml_text=text)


def _value(value):
    proc = processor()
    if isinstance(value, bool):
        return proc.make_boolean_value(value)
    if isinstance(value, int):
        return proc.make_integer_value(value)
    if isinstance(value, float):
        return proc.make_double_value(value)
    if isinstance(value, str):
        return proc.make_string_value(value)
    sequence = proc.empty_sequence()
    for item in value:
        sequence.add_xdm_item(item)
    return sequence


def apply(stylesheet: Path, node: PyXdmNode, params: dict | None = None) -> str:
    """Transform `node` with `stylesheet` and return the serialized result."""
    from saxonche import PySaxonApiError
    compiled = executable(Path(stylesheet).resolve())
    compiled.clear_parameters()
    for name, value in (params or {}).items():
        compiled.set_parameter(name, _value(value))
    try:
        result = compiled.transform_to_string(xdm_node=node)
    except PySaxonApiError as exc:
        raise TransformError(f"{stylesheet.name}: {exc}") from None
    if result is None:
        raise TransformError(f"{stylesheet.name}: transformation gave no result")
    return result
