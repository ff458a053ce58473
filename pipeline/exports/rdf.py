"""The `rdf` export: documents, entities, mentions and dates as linked data.

In: the readings of the documents and the parameter `base`, the address the edition is (to be)
published at. Out: `edition.ttl` (Turtle) and `edition.jsonld` (JSON-LD), the same graph, made
with rdflib. Vocabularies: schema.org for documents (`schema:CreativeWork`), persons, places and
organisations (`schema:Person`, `schema:Place`, `schema:Organization`, with `schema:name`,
`schema:description`, `schema:sameAs`) and `schema:mentions`; Dublin Core terms for a
document's title, creator, date, source, identifier, the volume a FRUS document is part of
(`dcterms:isPartOf`) and the dates its text names (`dcterms:temporal`, typed as `xsd:date`,
`xsd:gYearMonth`, `xsd:gYear` or `xsd:dateTime` where the value is one of those, an ISO 8601
range otherwise). Each mention is a W3C Web Annotation (`oa:Annotation`, motivated by
identifying) whose body is the entity and whose target is the document, selected by the words
as written (`oa:TextQuoteSelector`). Every resource has an IRI under `base` (no blank nodes), and
JSON-LD objects are sorted, so the files are reproducible.
"""

from __future__ import annotations

import json
import re
from urllib.parse import quote

from rdflib import RDF, XSD, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCTERMS, SDO

from pipeline.exports.reading import Reading
from pipeline.formats import Param

OA = Namespace("http://www.w3.org/ns/oa#")
PARAMS = (Param("base", "string", "https://example.org/edition/",
                "The IRI the edition is published at; every resource is named under it."),)
CLASSES = {"person": SDO.Person, "place": SDO.Place, "org": SDO.Organization}
_DATATYPES = ((r"\d{4}-\d\d-\d\d", XSD.date), (r"\d{4}-\d\d", XSD.gYearMonth), (r"\d{4}", XSD.gYear),
              (r"\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)?", XSD.dateTime))


def iso_literal(value: str) -> Literal:
    """A date as a typed literal where its form is an XSD type, as plain text otherwise."""
    for pattern, datatype in _DATATYPES:
        if re.fullmatch(pattern, value):
            return Literal(value, datatype=datatype)
    return Literal(value)


def build_graph(readings: list[Reading], base: str) -> Graph:
    def iri(path: str) -> URIRef:
        if re.match(r"[A-Za-z][\w+.-]*://", path):  # an entity named by its own URI
            return URIRef(path)
        return URIRef(base + quote(path, safe="/#:-._~"))

    g = Graph(bind_namespaces="none")
    for prefix, namespace in (("schema", SDO), ("dcterms", DCTERMS), ("oa", OA), ("xsd", XSD)):
        g.bind(prefix, namespace)
    for reading in readings:
        doc = iri(reading.document)
        g.add((doc, RDF.type, SDO.CreativeWork))
        g.add((doc, DCTERMS.identifier, Literal(reading.document)))
        head = reading.header
        for predicate, value in ((DCTERMS.title, head.title), (DCTERMS.creator, head.author),
                                 (DCTERMS.source, head.source)):
            if value:
                g.add((doc, predicate, Literal(value)))
        if head.date:
            g.add((doc, DCTERMS.date, iso_literal(head.date)))
        for section in reading.sections:
            part = iri(f"{reading.document}#{section}")
            g.add((part, RDF.type, SDO.CreativeWork))
            g.add((part, DCTERMS.identifier, Literal(section)))
            g.add((part, DCTERMS.isPartOf, doc))
        for entity in reading.entities.values():
            node = iri(entity.id)
            g.add((node, RDF.type, CLASSES[entity.kind]))
            g.add((node, SDO.name, Literal(entity.name)))
            if entity.description:
                g.add((node, SDO.description, Literal(entity.description)))
            for authority in entity.authority_ids:
                g.add((node, SDO.sameAs, URIRef(authority)) if re.match(r"https?://", authority)
                      else (node, DCTERMS.identifier, Literal(authority)))
        for i, m in enumerate(reading.mentions, 1):
            unit, entity = iri(m.unit), iri(m.entity)
            g.add((unit, SDO.mentions, entity))
            # One folder for all annotations: rdflib's Turtle writer slows down with the square
            # of the number of distinct namespaces (IRIs up to their last / or #).
            note = iri(f"mention/{reading.document}-{i}")
            target, selector = URIRef(f"{note}-target"), URIRef(f"{note}-selector")
            g.add((note, RDF.type, OA.Annotation))
            g.add((note, OA.motivatedBy, OA.identifying))
            g.add((note, OA.hasBody, entity))
            g.add((note, OA.hasTarget, target))
            g.add((target, OA.hasSource, unit))
            g.add((target, OA.hasSelector, selector))
            g.add((selector, RDF.type, OA.TextQuoteSelector))
            g.add((selector, OA.exact, Literal(m.words)))
        for d in reading.dates:
            if d.iso:
                g.add((iri(d.unit), DCTERMS.temporal, iso_literal(d.iso)))
    return g


def _jsonld(g: Graph) -> bytes:
    context = {prefix: str(ns) for prefix, ns in g.namespaces() if prefix in ("schema", "dcterms", "oa", "xsd")}
    data = json.loads(g.serialize(format="json-ld", context=context))
    nodes = data.get("@graph", [])

    def tidy(value):
        # rdflib lists values in the order of its store: sort them for reproducible output
        if isinstance(value, list):
            return sorted((tidy(v) for v in value), key=lambda v: json.dumps(v, sort_keys=True))
        if isinstance(value, dict):
            return {k: tidy(v) for k, v in value.items()}
        return value

    data["@graph"] = sorted((tidy(n) for n in nodes), key=lambda n: n.get("@id", ""))
    return (json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True) + "\n").encode("utf-8")


def write(readings: list[Reading], params: dict) -> dict[str, bytes]:
    g = build_graph(readings, params.get("base", PARAMS[0].default))
    return {"edition.ttl": g.serialize(format="turtle", encoding="utf-8"), "edition.jsonld": _jsonld(g)}
