"""The `network` export: persons who are named together, for Gephi, Palladio and the like.

In: the readings of the documents and the parameter `within` (document or paragraph). Two
persons are linked when both are mentioned (by name or by title) in the same document (a FRUS
volume's documents count one by one) or in the same paragraph; the weight of the link is the
number of documents or paragraphs they share. Out: `network.gexf` (GEXF 1.3) and
`network.graphml` for Gephi, Cytoscape or networkx, and `nodes.csv` (Id, Label, mentions,
documents, linked) and `edges.csv` (Source, Target, Type, Weight), the spreadsheet shape that
Gephi's import and Palladio read. Nodes and edges are sorted, so the files are reproducible.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from itertools import combinations

from lxml import etree

from pipeline.exports.entities import entity_rows
from pipeline.exports.reading import Reading
from pipeline.exports.tables import csv_bytes
from pipeline.formats import Param

PARAMS = (Param("within", "string", "document",
                "Persons are linked when named in the same document, or in the same paragraph.",
                ("document", "paragraph")),)

GEXF_NS = "http://gexf.net/1.3"
GRAPHML_NS = "http://graphml.graphdrawing.org/xmlns"
#: Node attributes: name, GEXF type, GraphML type.
NODE_ATTRIBUTES = (("mentions", "integer", "int"), ("documents", "integer", "int"),
                   ("linked", "boolean", "boolean"))


@dataclass(frozen=True)
class Graph:
    nodes: list[dict]  # id, label and the NODE_ATTRIBUTES
    edges: list[tuple[str, str, int]]  # source < target, weight


def graph(readings: list[Reading], within: str = "document") -> Graph:
    nodes = [{"id": row["id"], "label": row["name"], "mentions": row["mentions"],
              "documents": len(row["documents"]), "linked": row["linked"]}
             for row in entity_rows(readings, "person")]
    together: dict[tuple, set[str]] = {}
    for reading in readings:
        for m in reading.mentions:
            if m.kind == "person":
                key = (m.document, m.paragraph) if within == "paragraph" else (m.unit,)
                together.setdefault(key, set()).add(m.entity)
    weights = Counter(pair for persons in together.values() for pair in combinations(sorted(persons), 2))
    return Graph(nodes, [(a, b, w) for (a, b), w in sorted(weights.items())])


def _value(value) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def gexf(g: Graph) -> bytes:
    root = etree.Element(f"{{{GEXF_NS}}}gexf", nsmap={None: GEXF_NS}, version="1.3")
    meta = etree.SubElement(root, f"{{{GEXF_NS}}}meta")
    etree.SubElement(meta, f"{{{GEXF_NS}}}creator").text = "teipipe"
    etree.SubElement(meta, f"{{{GEXF_NS}}}description").text = "Persons named together in TEI documents"
    graph_el = etree.SubElement(root, f"{{{GEXF_NS}}}graph", defaultedgetype="undirected", mode="static")
    attributes = etree.SubElement(graph_el, f"{{{GEXF_NS}}}attributes", {"class": "node"})
    for i, (name, gexf_type, _) in enumerate(NODE_ATTRIBUTES):
        etree.SubElement(attributes, f"{{{GEXF_NS}}}attribute", id=str(i), title=name, type=gexf_type)
    nodes = etree.SubElement(graph_el, f"{{{GEXF_NS}}}nodes")
    for node in g.nodes:
        el = etree.SubElement(nodes, f"{{{GEXF_NS}}}node", id=node["id"], label=node["label"])
        values = etree.SubElement(el, f"{{{GEXF_NS}}}attvalues")
        for i, (name, _, _) in enumerate(NODE_ATTRIBUTES):
            etree.SubElement(values, f"{{{GEXF_NS}}}attvalue", {"for": str(i), "value": _value(node[name])})
    edges = etree.SubElement(graph_el, f"{{{GEXF_NS}}}edges")
    for i, (source, target, weight) in enumerate(g.edges):
        etree.SubElement(edges, f"{{{GEXF_NS}}}edge", id=str(i), source=source, target=target,
                         weight=str(weight))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def graphml(g: Graph) -> bytes:
    root = etree.Element(f"{{{GRAPHML_NS}}}graphml", nsmap={None: GRAPHML_NS})
    keys = [("label", "node", "string")] + [(n, "node", t) for n, _, t in NODE_ATTRIBUTES] + [
        ("weight", "edge", "int")]
    for i, (name, domain, kind) in enumerate(keys):
        etree.SubElement(root, f"{{{GRAPHML_NS}}}key", {
            "id": f"d{i}", "for": domain, "attr.name": name, "attr.type": kind})
    key_of = {name: f"d{i}" for i, (name, _, _) in enumerate(keys)}
    graph_el = etree.SubElement(root, f"{{{GRAPHML_NS}}}graph", id="persons", edgedefault="undirected")
    for node in g.nodes:
        el = etree.SubElement(graph_el, f"{{{GRAPHML_NS}}}node", id=node["id"])
        for name in ["label"] + [n for n, _, _ in NODE_ATTRIBUTES]:
            etree.SubElement(el, f"{{{GRAPHML_NS}}}data", key=key_of[name]).text = _value(node[name])
    for source, target, weight in g.edges:
        el = etree.SubElement(graph_el, f"{{{GRAPHML_NS}}}edge", source=source, target=target)
        etree.SubElement(el, f"{{{GRAPHML_NS}}}data", key=key_of["weight"]).text = str(weight)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", pretty_print=True)


def write(readings: list[Reading], params: dict) -> dict[str, bytes]:
    g = graph(readings, params.get("within", "document"))
    nodes = [{"Id": n["id"], "Label": n["label"], **{k: n[k] for k, _, _ in NODE_ATTRIBUTES}} for n in g.nodes]
    edges = [{"Source": a, "Target": b, "Type": "Undirected", "Weight": w} for a, b, w in g.edges]
    return {
        "network.gexf": gexf(g),
        "network.graphml": graphml(g),
        "nodes.csv": csv_bytes(nodes, ["Id", "Label"] + [k for k, _, _ in NODE_ATTRIBUTES]),
        "edges.csv": csv_bytes(edges, ["Source", "Target", "Type", "Weight"]),
    }
