"""Validate TEI files: well-formedness, RelaxNG and Schematron, for one tree or a whole batch.

`validate_tree(tree, file, schema, rules)` checks a parsed tree against a RelaxNG schema with
libxml2 (lxml), each schema compiled once per process (twice for a schema that lets in other
namespaces than TEI's: documents of TEI elements alone get it without that wildcard, which libxml2
checks slowly and vaguely, see `_without_foreign_wildcards`), and against Schematron rules (the
benchmark's measure of libxml2's share). Its findings are placed on the element's `<` (or the
attribute's name) with `locate.SourceMap`.

`validate_paths(paths, options)` is the full check the `validate` command runs and returns a
`Report`: every file is parsed safely (`parsing.read`), must have a TEI root, and is checked
against the RelaxNG schema, the Schematron schema (in `options.phase`), the Schematron rules
embedded in the RelaxNG schemas (unless `options.embedded_schematron` is off; a rule that would
read something is skipped, with a note) and the local schemas its `<?xml-model?>` instructions
name. Files go through `processes.run_all` (`options.jobs` worker processes, each
compiling each schema once; this process compiles them first, so an unusable schema fails
before any work). libxml2 stops at the first error of each element and does not say what it
expected, so every file it finds invalid is checked again by Jing (`pipeline.validation.jing`), all such
files in one Java process per schema, and Jing's complete findings replace libxml2's. A schema
that libxml2 takes seconds to compile (full TEI: about 6.5 s, where Jing's whole run takes about
1 s) is left to Jing alone, started before the other checks so that both run at once. Without
Java or Jing, libxml2 does it all, with a note saying what is missing, and a big schema is then
compiled once, in this process (one job). An unusable `--schema` or `--schematron` raises
`SchemaError`; a broken file, or an unusable schema one file names, never stops the batch.

The same two steps are the validation of `build` and `export`, so that every command gives the
same findings for a file: `check(parsed, file, plan)` for one parsed file (in the worker that
then publishes it), and `complete(checked, plan)` for Jing's part. A build's `Plan` has
`jing_alone` off: libxml2 gives its verdict on every file (a big schema compiled once per
worker), so a valid corpus never waits for Java.
"""

from __future__ import annotations

import functools
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from lxml import etree

from pipeline import processes
from pipeline.document import graphics
from pipeline.findings import ERROR, NOTE, WARNING, Finding, count, has_errors
from pipeline.parsing import DUPLICATE_ID, TEI_NS, Parsed, XMLInputError, is_tei, read, source_path
from pipeline.processes import jobs_for, run_all
from pipeline.validation import catalogs as catalogs_
from pipeline.validation import jing, schematron, suggested
from pipeline.validation.locate import SourceMap, source_map
from pipeline.validation.pointers import BAD_BASE, base_problem
from pipeline.validation.schemas import (COMPACT, DEFAULT_SCHEMA, DEFAULT_SCHEMATRON, LARGE, RELAXNG,
                                         RNG_NS, SCHEMATRON, Schema, SchemaError, parse, vet, xml_models,
                                         xml_syntax)

__all__ = ["DEFAULT_SCHEMA", "DEFAULT_SCHEMATRON", "SchemaError", "Options", "Report",
           "relaxng", "validate_tree", "validate_file", "validate_paths", "slow_to_compile"]

_INVALID_ATTRIBUTE = re.compile(r"Invalid attribute (\S+) for element")
#: Jing's two findings for an id used twice: at the second occurrence, and at the first.
_JING_DUPLICATE_ID = re.compile(r'^(?:ID "(.+)" has already been defined|first occurrence of ID "(.+)")$')


@processes.keep
def _size(schema: Schema) -> int:
    return vet(schema)


def slow_to_compile(schema: Path) -> bool:
    """Would libxml2 take seconds to compile this RelaxNG schema (full TEI: about 6.5 s)?"""
    return _size(Schema.of(schema, RELAXNG)) >= LARGE


@processes.keep
def relaxng(schema: Path, tei_only: bool = False) -> etree.RelaxNG:
    """libxml2's validator for `schema`; with `tei_only`, for documents whose elements are all
    TEI's: without the wildcards for other namespaces (`_without_foreign_wildcards`)."""
    _size(Schema.of(schema, RELAXNG))
    tree = parse(schema)
    if tei_only and not _without_foreign_wildcards(tree):
        return relaxng(schema)
    try:
        return etree.RelaxNG(tree)
    except etree.RelaxNGParseError as exc:
        raise SchemaError(f"{schema}: cannot use schema: {exc}") from None


def _without_foreign_wildcards(schema: etree._ElementTree) -> bool:
    """Take out of `schema` (its own file) each element pattern that matches any name outside
    TEI's namespace (`element * - tei:*`, as an edition's own namespace is let in); True if
    there was one. A content model holding such a wildcard cannot be compiled to
    an automaton, so libxml2 checks it step by step: about three times slower, and it reports
    an error on the parent, not on the element at fault. For a document with no element
    outside TEI's namespace, the wildcard matches nothing: the verdict without it is the same."""
    wildcards = schema.xpath("//rng:element[rng:anyName[1]/rng:except/rng:nsName[(ancestor-or-self::*/@ns)[last()] = $tei]]",
                             namespaces={"rng": RNG_NS}, tei=TEI_NS)
    for element in wildcards:
        parent = element.getparent()
        # Left out of a choice rather than made notAllowed, which libxml2 does not compile either.
        if etree.QName(parent).localname == "choice" and len(parent) > 1:
            parent.remove(element)
        else:
            parent.replace(element, etree.Element(f"{{{RNG_NS}}}notAllowed"))
    return bool(wildcards)


def libxml2_validator(schema: Path, tree) -> etree.RelaxNG:
    """The validator `relaxng` gives for this document: the faster, more precise one when all
    its elements are TEI's (but for a schema slow to compile, which is compiled once)."""
    if _size(Schema.of(schema, RELAXNG)) >= LARGE or tree.xpath("boolean(//*[namespace-uri() != $tei])", tei=TEI_NS):
        return relaxng(schema)
    return relaxng(schema, True)


def _enrich(message: str, element) -> str:
    """libxml2's message, saying a little more where the element makes that cheap."""
    name = etree.QName(element).localname
    attribute = _INVALID_ATTRIBUTE.search(message)
    if attribute:
        values = [v for k, v in element.attrib.items() if etree.QName(k).localname == attribute[1]]
        if values:
            return f'{message}: {attribute[1]}="{values[0]}" is not allowed on {name}, or not this value'
    if message.startswith("Did not expect element") and element.getparent() is not None:
        return f"{message} (inside {etree.QName(element.getparent()).localname})"
    if message.startswith("Expecting an element , got nothing"):
        return f"element {name} is incomplete: a required child element is missing"
    return message


def _relaxng_findings(validator: etree.RelaxNG, tree, file: str, where) -> list[Finding]:
    """libxml2's findings, each placed on its element's (or attribute's) line and column."""
    source_map = where()
    namespaces = {p: uri for p, uri in tree.getroot().nsmap.items() if p}
    findings = []
    for entry in validator.error_log:
        line, col, message, where_file = entry.line, 0, entry.message, file
        try:
            nodes = tree.xpath(entry.path, namespaces=namespaces) if entry.path else []
        except etree.XPathError:
            nodes = []
        if nodes and isinstance(nodes[0], etree._Element):
            element = nodes[0]
            message = _enrich(message, element)
            attribute = _INVALID_ATTRIBUTE.search(entry.message)
            names = [k for k in element.attrib if attribute and etree.QName(k).localname == attribute[1]]
            if source_map:
                line, col = (source_map.attribute(element, names[0]) if names
                             else source_map.element(element))
                where_file = source_map.file(element) or file
        level = WARNING if entry.level_name == "WARNING" else ERROR
        findings.append(Finding(where_file, line, col, level, message, "relaxng"))
    return findings


def _source_of(tree) -> Callable[[], SourceMap | None]:
    """A SourceMap made on demand from the file the tree was parsed from, if it still exists."""
    def make():
        path = source_path(tree)
        return SourceMap(tree, path.read_bytes()) if path and path.is_file() else None
    return make


def validate_tree(tree: etree._ElementTree, file: str, schema: Path,
                  rules: Path | None = None, roots: tuple[Path, ...] = ()) -> list[Finding]:
    """RelaxNG findings for `tree` by libxml2 (the first error of each element), then those of
    the Schematron `rules` if given (what `teipipe build` checks before it publishes), whose
    pointers may lead into `roots` besides the document's folder."""
    validator = libxml2_validator(Path(schema).resolve(), tree)
    where = functools.cache(_source_of(tree))
    findings = [] if validator.validate(tree) else _relaxng_findings(validator, tree, file, where)
    if rules is not None:
        findings += schematron.check(tree, file, Path(rules), where, roots)
    return findings


# ------------------------------------------------------------------------------ batches

@dataclass(frozen=True)
class Options:
    schema: Path = DEFAULT_SCHEMA
    #: None: no Schematron (the <?xml-model?> ones still run).
    schematron: Path | None = DEFAULT_SCHEMATRON
    #: Worker processes; None chooses by the size of the batch.
    jobs: int | None = None
    #: Use Jing where it is installed.
    jing: bool = True
    #: Folders besides each document's own that its pointers may lead into.
    roots: tuple[Path, ...] = ()
    #: The Schematron phase to run (None: the schema's default phase).
    phase: str | None = None
    #: Run the Schematron rules embedded in the RelaxNG schemas.
    embedded_schematron: bool = True
    #: XML catalogs (--catalog), read before XML_CATALOG_FILES and teipipe's own.
    catalogs: tuple[Path, ...] = ()


@dataclass
class FileReport:
    path: Path
    findings: list[Finding] = field(default_factory=list)
    #: The schemas that judged the file, and where each came from ("default", "xml-model", ...).
    schemas: dict[Schema, str] = field(default_factory=dict)

    @property
    def valid(self) -> bool:
        return not has_errors(self.findings)

    def shown(self) -> list[Finding]:
        """The findings, after a note naming the schemas that judged the file when its
        <?xml-model?> chose one (else they are those of the options, or teipipe's own)."""
        if not any(origin.startswith("xml-model") for origin in self.schemas.values()):
            return self.findings
        judged = ", ".join(f"{schema.path.name} ({origin})" for schema, origin in self.schemas.items())
        return [Finding(str(self.path), 1, 1, NOTE, f"validated against {judged}", "schemas"), *self.findings]


@dataclass
class Report:
    files: list[FileReport]
    seconds: float
    #: Things the user should know about the run as a whole (a missing tool, a fallback).
    notes: list[str] = field(default_factory=list)

    @property
    def errors(self) -> int:
        return sum(count(f.findings, ERROR) for f in self.files)

    @property
    def warnings(self) -> int:
        return sum(count(f.findings, WARNING) for f in self.files)

    @property
    def valid(self) -> int:
        return sum(f.valid for f in self.files)


@dataclass(frozen=True)
class Plan:
    """What every worker needs to know; small and picklable."""
    schema: Schema
    schematron: Path | None
    use_jing: bool
    roots: tuple[Path, ...] = ()
    phase: str | None = None
    embedded: bool = True
    #: Leave a schema libxml2 is slow to compile to Jing alone. A build wants libxml2's verdict
    #: on every file in the worker that publishes it (compiled once per worker), and Jing only
    #: for the files libxml2 finds invalid.
    jing_alone: bool = True
    #: The XML catalogs a URL of <?xml-model?> is looked up in, in order (`catalogs.in_use`).
    catalogs: tuple[Path, ...] = ()

    @classmethod
    def of(cls, schema: Path, schematron: Path | None, *, roots: tuple[Path, ...] = (), phase: str | None = None,
           embedded: bool = True, use_jing: bool = True, jing_alone: bool = True, catalogs=()) -> "Plan":
        """SchemaError for a catalog that cannot be used."""
        in_use = catalogs_.in_use(catalogs)
        catalogs_.check(in_use)
        return cls(Schema.of(schema), Path(schematron).resolve() if schematron else None,
                   use_jing and jing.available(), tuple(roots), phase, embedded, jing_alone, in_use)

    def origin(self, schema: Path) -> str:
        """Where a schema of the plan comes from: teipipe's own, or an option."""
        return "default" if schema in (DEFAULT_SCHEMA.resolve(), DEFAULT_SCHEMATRON.resolve()) else "option"

    def by_jing_only(self, schema: Schema) -> bool:
        return self.use_jing and (schema.kind == COMPACT or (self.jing_alone and _size(schema) >= LARGE))


@dataclass
class Checked:
    """The findings for one file, as a worker leaves them for Jing to complete (`complete`)."""
    findings: list[Finding] = field(default_factory=list)
    #: RelaxNG findings by schema, kept apart so Jing's can replace them.
    relaxng: dict[Schema, list[Finding]] = field(default_factory=dict)
    #: Schemas this file still needs Jing for (libxml2 found errors, or Jing alone checks them).
    for_jing: list[Schema] = field(default_factory=list)
    #: Can Jing read the file itself ("file"), only a blanked copy ("copy"), or not at all (None)?
    jing_input: str | None = None
    #: The schemas that judge the file, and where each came from (`FileReport.schemas`).
    schemas: dict[Schema, str] = field(default_factory=dict)

    def all(self) -> list[Finding]:
        """Every finding, sorted: RelaxNG's (Jing's, once `complete` ran) with the others, and
        a hint when the default schema alone judged a file that seems written for another."""
        findings = sorted(self.findings + [f for fs in self.relaxng.values() for f in fs])
        if list(self.schemas.values())[:1] == ["default"] and _foreign(findings):
            findings.insert(0, Finding(findings[0].file, 1, 1, NOTE, _HINT, "schema-hint"))
        return findings


_NOT_ALLOWED = re.compile(r"not allowed (anywhere|here|yet)|^Did not expect element|^Expecting element")
_HINT = ("most errors are elements teipipe's default schema does not allow: this document may be written for "
         "another schema; name it with --schema FILE, or map the URL its <?xml-model?> names to a local copy "
         "with a catalog (--catalog FILE, XML_CATALOG_FILES, or `teipipe schema fetch URL`)")


#: So many elements not allowed, at least, before a document seems written for another schema.
_FOREIGN_AT_LEAST = 10


def _foreign(findings: list[Finding]) -> bool:
    """Are more than half the errors (and at least _FOREIGN_AT_LEAST) elements the schema
    does not allow where they are?"""
    errors = [f for f in findings if f.level == ERROR]
    not_allowed = sum(bool(_NOT_ALLOWED.search(f.message)) for f in errors)
    return not_allowed >= _FOREIGN_AT_LEAST and not_allowed * 2 > len(errors)


def _root_problem(tree, file: str, where) -> Finding | None:
    if is_tei(tree):
        return None
    root = tree.getroot()
    qname = etree.QName(root)
    line, col = where().element(root)
    if qname.localname in ("TEI", "teiCorpus") and not qname.namespace:
        message = (f"the root element {qname.localname} is in no namespace: TEI elements are in "
                   f"{TEI_NS}; add xmlns=\"{TEI_NS}\" to it")
    else:
        message = (f"the root element is {qname.localname} ({qname.namespace or 'no namespace'}), "
                   f"not TEI or teiCorpus: this is not a TEI document")
    return Finding(file, line, col, ERROR, message, "tei-root")


def _relaxng_pass(result: Checked, schema: Schema, plan: Plan, tree, file: str, where) -> None:
    """libxml2's verdict on one schema, or a note that Jing is to check it."""
    skipped = None
    try:
        if plan.by_jing_only(schema) and (plan.jing_alone or schema.kind != COMPACT):
            result.for_jing.append(schema)
        elif schema.kind == COMPACT and not plan.use_jing:
            skipped = f"{schema.path} is RelaxNG compact syntax, which only Jing reads, and Jing is not installed"
        else:  # a build's verdict on compact syntax: libxml2 on trang's conversion
            validator = libxml2_validator(xml_syntax(schema.path) if schema.kind == COMPACT else schema.path, tree)
            if not validator.validate(tree):
                result.relaxng[schema] = _relaxng_findings(validator, tree, file, where)
                if plan.use_jing:
                    result.for_jing.append(schema)
    except SchemaError as exc:  # only a schema named by <?xml-model?> can fail here
        skipped = str(exc)
    if skipped:
        result.findings.append(Finding(file, 1, 1, WARNING, f"{skipped}: skipped", "xml-model"))


def _check(item: tuple[Path, Plan]) -> Checked:
    """Everything but Jing, for one file (runs in a worker process)."""
    path, plan = item
    try:
        parsed = read(path)
    except XMLInputError as exc:
        return Checked(exc.findings)
    return check(parsed, str(path), plan)


def check(parsed: Parsed, file: str, plan: Plan) -> Checked:
    """Everything but Jing, for one parsed file: the validation of `validate`, `build` and
    `export` alike; `complete` then brings Jing's findings for the files that need them."""
    tree = parsed.tree
    result = Checked(list(parsed.findings))
    where = functools.cache(lambda: source_map(parsed))
    problem = _root_problem(tree, file, where)
    if problem:
        result.findings.append(problem)
        return result
    # Jing would read the file as it is, without what xi:include brought: libxml2 judges that.
    result.jing_input = None if parsed.inclusion else "file" if jing.plain(parsed.data) else "copy"
    models, notes = xml_models(tree, file, parsed.data, functools.partial(catalogs_.resolve, catalogs=plan.catalogs))
    result.findings += notes
    result.schemas = _judges(plan, models, result, file)
    grammars = [schema for schema in result.schemas if schema.kind != SCHEMATRON]
    rules = [schema.path for schema in result.schemas if schema.kind == SCHEMATRON]
    for schema in grammars:
        _relaxng_pass(result, schema, plan, tree, file, where)
        if schema.kind == RELAXNG:
            result.findings += suggested.slips(tree, file, schema.path, where)
    for rules_path in rules:
        try:
            phase = plan.phase if rules_path == plan.schematron else None
            result.findings += schematron.check(tree, file, rules_path, where, phase, roots=plan.roots,
                                                       included=parsed.included)
        except SchemaError as exc:
            result.findings.append(Finding(file, 1, 1, WARNING, f"{exc}: skipped", "xml-model"))
    for schema in grammars if plan.embedded else []:
        _embedded_pass(result, schema, tree, file, where)
    result.findings += _foreign_elements(tree, file, where)
    result.findings += _bad_bases(tree, file, where)
    result.findings += _graphic_findings(tree, file, plan.roots, where)
    return result


def _bad_bases(tree, file: str, where) -> list[Finding]:
    """An error at each xml:base that is no base URI (`pointers.base_problem`), whatever the
    schema says of it."""
    findings = []
    for value in tree.xpath("//@xml:base"):
        problem = base_problem(value)
        if problem:
            line, col = where().node(value)
            findings.append(Finding(where().file(value) or file, line, col, ERROR,
                                    f'xml:base="{value}" is no base URI: {problem}', BAD_BASE))
    return findings


def _foreign_elements(tree, file: str, where) -> list[Finding]:
    """One warning per name of element outside TEI's namespace (an edition's own, as FRUS's
    frus:attachment), at its first occurrence: the schema lets them through unchecked."""
    first, times = {}, {}
    for element in tree.iter(etree.Element):
        qname = etree.QName(element)
        if qname.namespace and qname.namespace != TEI_NS:
            first.setdefault(element.tag, element)
            times[element.tag] = times.get(element.tag, 0) + 1
    findings = []
    for tag, element in first.items():
        name = f"{element.prefix}:{etree.QName(tag).localname}" if element.prefix else tag
        line, col = where().element(element)
        findings.append(Finding(where().file(element) or file, line, col, WARNING,
                                f"element {name} of the project's own namespace {etree.QName(tag).namespace} "
                                f"({times[tag]} in this file): not checked by this schema", "namespace"))
    return findings


def _graphic_findings(tree, file: str, roots, where) -> list[Finding]:
    """A warning at each `graphic` whose image the editions do not show, saying why
    (`document.graphics`)."""
    found = []
    for graphic in graphics(tree, roots):
        if graphic.problem:
            line, col = where().element(graphic.element)
            found.append(Finding(where().file(graphic.element) or file, line, col, WARNING,
                                 f"graphic not shown: {graphic.problem}", "graphic-image"))
    return found


def _judges(plan: Plan, models: dict[Schema, str], result: Checked, file: str) -> dict[Schema, str]:
    """The schemas that judge a file, and where each came from: the RelaxNG schemas its
    <?xml-model?> names (if usable) in place of teipipe's default one, or beside one given by
    --schema; the Schematron rules it names beside --schematron (or the default rules)."""
    declared = {}
    for schema, origin in models.items():
        try:
            vet(schema)
            declared[schema] = origin
        except SchemaError as exc:
            result.findings.append(Finding(file, 1, 1, WARNING, f"{exc}: skipped", "xml-model"))
    grammars = {s: o for s, o in declared.items() if s.kind != SCHEMATRON}
    main = {plan.schema: plan.origin(plan.schema.path)}
    judges = (grammars if grammars and main[plan.schema] == "default" else grammars | main) | (
        main if plan.schema in grammars else {})  # named by <?xml-model?> too, it is still ours
    if plan.schematron:
        judges.setdefault(Schema.of(plan.schematron, SCHEMATRON), plan.origin(plan.schematron))
    return judges | {s: o for s, o in declared.items() if s.kind == SCHEMATRON}


def _embedded_pass(result: Checked, schema: Schema, tree, file: str, where) -> None:
    """The findings of the Schematron rules embedded in a RelaxNG schema, if it has any."""
    try:
        rules = schematron.embedded(schema.path) if schema.kind == RELAXNG else None
    except SchemaError as exc:  # only a schema named by <?xml-model?> can fail here
        result.findings.append(Finding(file, 1, 1, WARNING, f"{exc}: skipped", "xml-model"))
        return
    if rules is not None:
        result.findings += schematron.check(tree, file, schema.path, where, rules=rules)


def _crashed(item: tuple[Path, Plan], reason: str) -> Checked:
    return Checked([Finding(str(item[0]), 0, 0, ERROR, f"validation stopped: {reason}", "crash")])


def _jobs(paths: list[Path], jobs: int | None, plan: Plan) -> int:
    if not plan.by_jing_only(plan.schema) and _size(plan.schema) >= LARGE:
        return 1  # each worker process would compile the big schema again: pay it once, here
    chosen = jobs_for(paths, jobs)
    if jobs or chosen == 1:
        return chosen
    # Jing, started first for a schema only it checks, keeps a core busy all along.
    return max(1, chosen - plan.by_jing_only(plan.schema))


def _early_jing(plan: Plan, paths: list[Path]) -> jing.Batch | None:
    """Start Jing on the main schema now, when it alone checks it, for the files it can read."""
    if not plan.by_jing_only(plan.schema):
        return None
    inputs = {}
    for path in paths:
        try:
            if jing.plain(path.read_bytes()):
                inputs[path] = str(path)
        except OSError:
            pass  # the worker reports it
    return jing.Batch(plan.schema.path, inputs, compact=plan.schema.kind == COMPACT).start()


def _late_jing(checked: dict[Path, Checked], started: jing.Batch | None,
               folder: Path) -> tuple[list[jing.Batch], dict[Schema, set[Path]]]:
    """One Jing process per schema for what is left: libxml2's invalid files, and copies.

    Also returns, by schema, the files Jing may not read even as a copy (their DOCTYPE declares
    entities they use, or xi:include expanded them): libxml2 checks those.
    """
    work: dict[Schema, dict[Path, str]] = {}
    unreadable: dict[Schema, set[Path]] = {}
    early = set(started.inputs.values()) if started else set()
    for path, result in checked.items():
        for schema in result.for_jing:
            if result.jing_input is not None and started and schema.path == started.schema and str(path) in early:
                continue
            source = (None if result.jing_input is None else
                      jing.safe_copy(path, folder) if result.jing_input == "copy" else path)
            if source is None:
                unreadable.setdefault(schema, set()).add(path)
            else:
                work.setdefault(schema, {})[source] = str(path)
    batches = [jing.Batch(schema.path, inputs, compact=schema.kind == COMPACT).start()
               for schema, inputs in sorted(work.items())]
    return batches, unreadable


def _compile(plan: Plan, announce) -> None:
    """Compile the schemas once here: an unusable one fails before any work is done."""
    if plan.schematron:
        schematron.compiled(plan.schematron, plan.phase)
    if plan.embedded and plan.schema.kind == RELAXNG:
        schematron.embedded(plan.schema.path)
    if plan.by_jing_only(plan.schema):
        return
    if plan.schema.kind == COMPACT:
        raise SchemaError(f"{plan.schema.path}: RelaxNG compact syntax needs Jing, which is not installed")
    if _size(plan.schema) >= LARGE:
        announce(f"compiling {plan.schema.path.name} with libxml2 (takes several seconds, once per run)")
    relaxng(plan.schema.path)


def _skipped_rules(plan: Plan) -> list[str]:
    """Each Schematron rule left out because it would read something, once for the run."""
    skipped = schematron.compiled(plan.schematron, plan.phase).skipped if plan.schematron else []
    rules = schematron.embedded(plan.schema.path) if plan.embedded and plan.schema.kind == RELAXNG else None
    return [f"warning: {line}" for line in skipped + (rules.skipped if rules else [])]


def _merge(checked: dict[Path, Checked], batch: jing.Batch, main: Schema, notes: list, announce) -> None:
    """Put Jing's findings in place of libxml2's; fall back to libxml2 where Jing could not."""
    schema = Schema.of(batch.schema, COMPACT if batch.compact else RELAXNG)
    names = [Path(name) for name in batch.inputs.values()]
    try:
        found = batch.findings()
    except jing.JingError as exc:
        notes.append(f"Jing failed ({exc}); RelaxNG findings are libxml2's")
        _without_jing(checked, schema, names, announce)
        return
    except SchemaError as exc:
        if schema == main:
            raise
        for name in names:  # a schema named by <?xml-model?>: the others still count
            checked[name].findings.append(Finding(str(name), 1, 1, WARNING, f"{exc}: skipped", "xml-model"))
        return
    for name, findings in found.items():
        result = checked[Path(name)]
        if result.jing_input is not None and schema in result.for_jing and name not in batch.unread:
            result.relaxng[schema] = _without_twice_reported_ids(findings, result.findings)
    # Files Java could not read to the end, though libxml2 could: libxml2's findings, then.
    _without_jing(checked, schema, [Path(name) for name in batch.unread], announce)


def _without_twice_reported_ids(jing_findings: list[Finding], own: list[Finding]) -> list[Finding]:
    """Jing's findings without its two for an xml:id used twice that parsing reported already
    (with the line of the first occurrence): one finding per duplicate."""
    reported = {f.message.split()[1] for f in own if f.rule == DUPLICATE_ID}
    return [f for f in jing_findings
            if not ((match := _JING_DUPLICATE_ID.search(f.message)) and (match[1] or match[2]) in reported)]


def validate_paths(paths: list[Path], options: Options = Options(),
                   announce: Callable[[str], None] = lambda message: None) -> Report:
    """Check every file; raises SchemaError only for an unusable --schema or --schematron."""
    start = time.monotonic()
    paths = [Path(p) for p in paths]
    plan = Plan.of(options.schema, options.schematron, roots=options.roots, phase=options.phase,
                   embedded=options.embedded_schematron, use_jing=options.jing, catalogs=options.catalogs)
    _size(plan.schema)
    early = _early_jing(plan, paths)  # first: it runs while the rest is done
    try:
        _compile(plan, announce)
        skipped = _skipped_rules(plan)
        checked = {item[0]: result for item, result in run_all(
            _check, [(p, plan) for p in paths], _jobs(paths, options.jobs, plan), "validating", _crashed)}
    except BaseException:
        if early:
            early.stop()
        raise
    notes = skipped + complete(checked, plan, announce, early)
    return Report([FileReport(path, checked[path].all(), checked[path].schemas) for path in paths],
                  time.monotonic() - start, notes)


def complete(checked: dict[Path, Checked], plan: Plan, announce: Callable[[str], None] = lambda message: None,
             early: jing.Batch | None = None) -> list[str]:
    """Put Jing's complete RelaxNG findings in place of libxml2's in `checked` (by file, as
    `check` left them), for every file that needs Jing: one Java process per schema (besides
    `early`, started on the main schema before). Returns notes about the run as a whole."""
    notes: list[str] = []
    batches = [early] if early else []
    try:
        with tempfile.TemporaryDirectory(prefix="teipipe-jing-") as folder:
            late, unreadable = _late_jing(checked, early, Path(folder))
            batches += late
            if batches:
                announce(f"Jing: complete report for {len({n for b in batches for n in b.inputs.values()})} files")
            for batch in batches:
                _merge(checked, batch, plan.schema, notes, announce)
    finally:
        for batch in batches:
            batch.stop()  # only if it still runs: an error or Ctrl-C came first
    for schema, unread in unreadable.items():
        _without_jing(checked, schema, sorted(unread), announce)
    if not plan.use_jing and any(r.relaxng for r in checked.values()):
        notes.append("Jing is not installed (Debian package jing): RelaxNG findings are libxml2's, "
                     "which reports only the first error in each element and not what was expected there")
    return notes


def _without_jing(checked: dict[Path, Checked], schema: Schema, paths, announce) -> None:
    """Check `paths` against `schema` with libxml2 where Jing could not, unless it already did."""
    todo = [p for p in paths if schema in checked[p].for_jing and schema not in checked[p].relaxng]
    if not todo or schema.kind == COMPACT:
        return
    if _size(schema) >= LARGE:
        announce(f"compiling {schema.path.name} with libxml2 (takes several seconds, once per run)")
    for path in todo:
        try:
            parsed = read(path)
        except XMLInputError:
            continue  # gone or changed since it was checked: nothing more to say about it
        validator = libxml2_validator(schema.path, parsed.tree)
        if not validator.validate(parsed.tree):
            checked[path].relaxng[schema] = _relaxng_findings(
                validator, parsed.tree, str(path), functools.partial(source_map, parsed))


def validate_file(path: Path, schema: Path = DEFAULT_SCHEMA,
                  schematron_path: Path | None = DEFAULT_SCHEMATRON) -> list[Finding]:
    """Every finding for one file, as `validate_paths` gives them."""
    options = Options(schema=schema, schematron=schematron_path, jobs=1)
    return validate_paths([Path(path)], options).files[0].findings
