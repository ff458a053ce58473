"""Build outputs from TEI documents: parse, validate, transform, write.

`build(paths, settings)` runs every document through `build_document`, which parses it once,
validates it, and renders each requested format into `settings.out_dir/<format>/`. A document
that fails validation is not published unless `settings.force` is set; a document that fails in
any way never stops the others. After the documents, formats with collection pages (indexes,
a collected volume) render them from every document that was published. Authority files (personographies) are validated, and used by
the documents that point into them, but not published on their own.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from pipeline import PROJECT_DIR
from pipeline.document import Document
from pipeline.findings import Finding, has_errors
from pipeline.formats import FORMATS, Format
from pipeline.outputs import write_atomic
from pipeline.parsing import XMLInputError
from pipeline.transform import TransformError
from pipeline.validate import DEFAULT_SCHEMA, validate_tree


@dataclass(frozen=True)
class Settings:
    formats: tuple[Format, ...] = tuple(FORMATS.values())
    out_dir: Path = PROJECT_DIR / "out"
    force: bool = False
    schema: Path = DEFAULT_SCHEMA
    #: Stylesheet parameters by format name: {"txt": {"notes": "none"}}.
    params: dict[str, dict] = field(default_factory=dict)


@dataclass
class Result:
    source: Path
    findings: list[Finding] = field(default_factory=list)
    outputs: list[Path] = field(default_factory=list)
    failure: str | None = None


def build_document(path: Path, settings: Settings) -> tuple[Result, Document | None]:
    """Build one document; also return it when it was published, for the collection pages."""
    try:
        doc = Document.load(path)
    except XMLInputError as exc:
        return Result(path, exc.findings, failure="not well-formed"), None
    result = Result(path, validate_tree(doc.tree, str(path), settings.schema))
    if has_errors(result.findings) and not settings.force:
        result.failure = "invalid, not published (use --force to publish anyway)"
        return result, None
    if doc.is_authority:
        return result, None
    for fmt in settings.formats:
        try:
            data = fmt.render(doc, settings.params.get(fmt.name, {}))
        except TransformError as exc:
            result.failure = f"{fmt.name}: {exc}"
            return result, None
        target = settings.out_dir / fmt.name / (path.stem + fmt.extension)
        result.outputs.append(write_atomic(target, data))
    return result, doc


def build_collection(documents: list[Document], settings: Settings) -> Result:
    """The collection pages of every format that has them, as one result."""
    result = Result(settings.out_dir)
    for fmt in settings.formats:
        if fmt.collect is None or not documents:
            continue
        try:
            files = fmt.collect(documents, settings.params.get(fmt.name, {}))
        except TransformError as exc:
            result.failure = f"{fmt.name} collection: {exc}"
            continue
        for name, data in sorted(files.items()):
            result.outputs.append(write_atomic(settings.out_dir / fmt.name / name, data))
    return result


def build(paths: list[Path], settings: Settings) -> list[Result]:
    results, published = [], []
    for path in paths:
        result, doc = build_document(path, settings)
        results.append(result)
        if doc is not None:
            published.append(doc)
    collection = build_collection(published, settings)
    if collection.outputs or collection.failure:
        results.append(collection)
    return results
