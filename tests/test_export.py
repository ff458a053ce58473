"""`teipipe export`: each kind loaded by the library its users load it with, checked against
counts made here, independently, from the TEI with lxml."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import zipfile
from collections import Counter
from itertools import combinations

import networkx as nx
import pytest
import rdflib
from click.testing import CliRunner
from lxml import etree
from rdflib.namespace import DCTERMS, RDF, SDO

from conftest import CORPUS, PROJECT, TEI, need, volumes
from pipeline.building.builder import Settings
from pipeline.cli import main
from pipeline.document import Document
from pipeline.exports import EXPORTS, export, voyant
from pipeline.formats import FORMATS

NS = {"tei": "http://www.tei-c.org/ns/1.0"}
OA = rdflib.Namespace("http://www.w3.org/ns/oa#")
BASE = "https://example.org/edition/"
# rdflib's own JSON-LD parser uses a class rdflib deprecates: not ours to mend
pytestmark = pytest.mark.filterwarnings("ignore:ConjunctiveGraph is deprecated:DeprecationWarning")
DOCUMENTS = sorted(p for p in TEI.glob("*.xml") if etree.parse(str(p)).find("tei:text", NS) is not None)


def run(*args):
    return CliRunner().invoke(main, ["export", *map(str, args)])


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """Every kind exported once from tei/, by the command line: {kind: folder}."""
    root = tmp_path_factory.mktemp("export")
    for kind in EXPORTS:
        result = run("--to", kind, "--out", root / kind, TEI)
        assert result.exit_code == 0, result.output
    return {kind: root / kind for kind in EXPORTS}


def read_csv(path) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


# What the TEI says, counted here with lxml.

def references(kind: str) -> list[tuple[str, str, etree._Element]]:
    """(document, @ref, element) for every name or rs of `kind` in the texts, nested names of
    the same kind counted once."""
    name = {"person": "persName", "place": "placeName", "org": "orgName"}[kind]
    found = []
    for path in DOCUMENTS:
        tree = etree.parse(str(path))
        for el in tree.xpath(f"//tei:text//tei:{name}[@ref][not(ancestor::tei:{name})]"
                             f" | //tei:text//tei:rs[@type='{kind}'][@ref]", namespaces=NS):
            found.extend((path.stem, ref, el) for ref in el.get("ref").split())
    return found


def documents_of(kind: str) -> dict[str, set[str]]:
    together: dict[str, set[str]] = {}
    for document, ref, _ in references(kind):
        together.setdefault(document, set()).add(ref)
    return together


def expected_edges() -> Counter:
    return Counter(pair for people in documents_of("person").values()
                   for pair in combinations(sorted(people), 2))


# entities

@pytest.mark.parametrize("kind, table", [("person", "persons"), ("place", "places"),
                                         ("org", "organisations")])
def test_entities_have_the_right_mention_counts(exported, kind, table):
    rows = read_csv(exported["entities"] / f"{table}.csv")
    counted = Counter(ref for _, ref, _ in references(kind))
    assert {row["id"]: int(row["mentions"]) for row in rows} == counted
    as_json = json.loads((exported["entities"] / f"{table}.json").read_text(encoding="utf-8"))
    assert {row["id"]: row["mentions"] for row in as_json} == counted


def test_persons_carry_name_description_and_documents(exported):
    rows = {row["id"]: row for row in read_csv(exported["entities"] / "persons.csv")}
    dulles = rows["persons.xml#dulles-john-foster"]
    assert dulles["name"] == "John Foster Dulles"
    assert dulles["description"] == "Secretary of State of the United States"
    assert dulles["linked"] == "true"
    documents = {d.partition("#")[0] for d in dulles["documents"].split()}
    assert documents == {doc for doc, people in documents_of("person").items() if dulles["id"] in people}


def test_mentions_give_line_page_words_and_title_only_flag(exported):
    rows = [r for r in read_csv(exported["entities"] / "mentions.csv") if r["kind"] == "person"]
    expected = []
    for document, ref, el in references("person"):
        page = el.xpath("string(preceding::tei:pb[1]/@n)", namespaces=NS)
        expected.append((document, ref, str(el.sourceline), page, str(el.tag.endswith("}rs")).lower()))
    assert [(r["document"], r["id"], r["line"], r["page"], r["title_only"]) for r in rows] == expected
    lines = (TEI / "frus1958-60v18-d11.xml").read_text(encoding="utf-8").split("\n")
    for row in rows:
        if row["document"] == "frus1958-60v18-d11":
            assert row["words"] in re.sub(r"<[^>]+>", "", lines[int(row["line"]) - 1])
    president = next(r for r in rows if r["words"] == "the President")
    assert president["id"] == "persons.xml#eisenhower-dwight-d" and president["title_only"] == "true"
    walter = next(r for r in rows if r["words"] == "Walter Robertson")
    assert walter["sentence"].startswith("Walter Robertson has sent me a copy of your memorandum")
    assert walter["sentence"].endswith("aspects of the revision of the Security Treaty.")


# dates

def test_every_date_with_its_iso_value(exported):
    rows = read_csv(exported["dates"] / "dates.csv")
    expected = []
    for path in DOCUMENTS:
        for el in etree.parse(str(path)).xpath("//tei:text//tei:date", namespaces=NS):
            iso = el.get("when") or f"{el.get('from')}/{el.get('to')}"
            expected.append((path.stem, iso, " ".join("".join(el.itertext()).split())))
    assert [(r["document"], r["iso"], r["words"]) for r in rows] == expected
    may = next(r for r in rows if r["words"] == "May 7–9")
    assert (may["start"], may["end"], may["in_note"]) == ("1958-05-07", "1958-05-09", "true")
    assert len(json.loads((exported["dates"] / "dates.json").read_text(encoding="utf-8"))) == len(rows)


# network

@pytest.mark.parametrize("reader, name", [(lambda p: nx.read_gexf(p, version="1.3"), "network.gexf"),
                                          (nx.read_graphml, "network.graphml")])
def test_network_links_people_who_share_a_document(exported, reader, name):
    graph = reader(exported["network"] / name)
    people = {ref for _, ref, _ in references("person")}
    assert set(graph.nodes) == people
    weights = {tuple(sorted(edge)): int(w) for *edge, w in graph.edges(data="weight")}
    assert weights == dict(expected_edges())
    # Kishi is named in both documents, as is Dulles: they share two
    assert weights[("persons.xml#dulles-john-foster", "persons.xml#kishi-nobusuke")] == 2
    assert ("persons.xml#hatoyama-ichiro", "persons.xml#robertson-walter-s") not in weights
    assert graph.nodes["persons.xml#hatoyama-ichiro"]["label"] == "Hatoyama Ichirō"


def test_network_csv_for_palladio_and_gephi(exported):
    nodes = read_csv(exported["network"] / "nodes.csv")
    edges = read_csv(exported["network"] / "edges.csv")
    assert {n["Id"] for n in nodes} == {ref for _, ref, _ in references("person")}
    assert {(e["Source"], e["Target"]): int(e["Weight"]) for e in edges} == dict(expected_edges())
    assert {e["Type"] for e in edges} == {"Undirected"}


def test_network_within_paragraph_links_fewer(tmp_path):
    result = run("--to", "network", "--param", "within=paragraph", "--out", tmp_path, TEI)
    assert result.exit_code == 0, result.output
    graph = nx.read_graphml(tmp_path / "network.graphml")
    edges = {tuple(sorted(e)) for e in graph.edges}
    assert edges < set(expected_edges())
    # "… comments before possible discussion with the President": one paragraph
    assert ("persons.xml#dulles-john-foster", "persons.xml#eisenhower-dwight-d") in edges
    # Robertson and Admiral Stump share the letter, not a paragraph
    assert ("persons.xml#robertson-walter-s", "persons.xml#stump-felix-b") not in edges


# voyant

def test_voyant_corpus_is_a_zip_of_texts_and_metadata(exported):
    with zipfile.ZipFile(exported["voyant"] / "corpus.zip") as archive:
        names = sorted(archive.namelist())
        assert names == sorted([p.stem + ".txt" for p in DOCUMENTS] + ["metadata.csv"])
        metadata = {row["filename"]: row for row in csv.DictReader(
            io.StringIO(archive.read("metadata.csv").decode("utf-8")))}
        for path in DOCUMENTS:
            text = archive.read(path.stem + ".txt")
            assert text == FORMATS["txt"].render(Document.load(path), voyant.TEXT_PARAMS)
            assert b"[^" not in text and b"Notes\n" not in text
    letter = metadata["frus1958-60v18-d11.txt"]
    assert letter["title"].startswith("Letter From the Ambassador to Japan (MacArthur)")
    assert (letter["author"], letter["date"]) == ("Douglas MacArthur II", "1958-04-18")
    assert metadata["ikeda-2002-hatoyama.txt"]["source"] == "International Relations"


# rdf

@pytest.fixture(scope="module")
def graph(exported):
    turtle = rdflib.Graph().parse(exported["rdf"] / "edition.ttl", format="turtle")
    jsonld = rdflib.Graph().parse(exported["rdf"] / "edition.jsonld", format="json-ld")
    assert len(turtle) == len(jsonld) and turtle.isomorphic(jsonld)
    return turtle


def test_rdf_persons_with_their_mentions(graph):
    persons = set(graph.subjects(RDF.type, SDO.Person))
    counted = Counter(ref for _, ref, _ in references("person"))
    assert persons == {rdflib.URIRef(BASE + ref) for ref in counted}
    for ref, count in counted.items():
        annotations = set(graph.subjects(OA.hasBody, rdflib.URIRef(BASE + ref)))
        assert len(annotations) == count, ref
    dulles = rdflib.URIRef(BASE + "persons.xml#dulles-john-foster")
    assert str(graph.value(dulles, SDO.name)) == "John Foster Dulles"
    ikeda = rdflib.URIRef(BASE + "ikeda-2002-hatoyama")
    assert (ikeda, SDO.mentions, dulles) in graph
    said = {str(graph.value(graph.value(graph.value(a, OA.hasTarget), OA.hasSelector), OA.exact))
            for a in graph.subjects(OA.hasBody, dulles)}
    assert {"the Secretary", "Mr. Secretary", "Dulles"} <= said


def test_rdf_dates_with_their_iso_values(graph):
    for path in DOCUMENTS:
        tree = etree.parse(str(path))
        expected = {el.get("when") or f"{el.get('from')}/{el.get('to')}"
                    for el in tree.xpath("//tei:text//tei:date", namespaces=NS)}
        units = [rdflib.URIRef(BASE + path.stem)] + list(graph.subjects(
            DCTERMS.isPartOf, rdflib.URIRef(BASE + path.stem)))
        found = {str(v) for unit in units for v in graph.objects(unit, DCTERMS.temporal)}
        assert found == expected, path.name
    letter = rdflib.URIRef(BASE + "frus1958-60v18-d11")
    assert graph.value(letter, DCTERMS.date) == rdflib.Literal("1958-04-18", datatype=rdflib.XSD.date)


def test_rdf_base_is_a_parameter(tmp_path):
    result = run("--to", "rdf", "--param", "base=https://edition.example/", "--out", tmp_path,
                 TEI / "ikeda-2002-hatoyama.xml")
    assert result.exit_code == 0, result.output
    graph = rdflib.Graph().parse(tmp_path / "edition.ttl")
    assert (rdflib.URIRef("https://edition.example/persons.xml#hatoyama-ichiro"), RDF.type, SDO.Person) in graph


# the command

def test_unknown_kind_names_the_valid_ones(tmp_path):
    result = run("--to", "gephi", "--out", tmp_path, TEI)
    assert result.exit_code == 2
    for kind in EXPORTS:
        assert kind in result.output
    assert not any(tmp_path.iterdir())


def test_unknown_parameter_is_refused(tmp_path):
    result = run("--to", "network", "--param", "within=chapter", "--out", tmp_path, TEI)
    assert result.exit_code == 2 and "choose from document, paragraph" in result.output


def test_invalid_document_is_left_out_unless_forced_and_a_broken_one_stops_nothing(tei_copy, tmp_path):
    letter = tei_copy / "frus1958-60v18-d11.xml"
    letter.write_text(letter.read_text(encoding="utf-8").replace("<persName ref=", '<persName foo="x" ref=', 1),
                      encoding="utf-8")
    (tei_copy / "broken.xml").write_text("<TEI><text>", encoding="utf-8")
    held = run("--to", "entities", "--out", tmp_path / "held", tei_copy)
    assert held.exit_code == 1
    assert "broken.xml:1:" in held.stderr and "not published" in held.stderr
    documents = {r["document"] for r in read_csv(tmp_path / "held" / "mentions.csv")}
    assert documents == {"ikeda-2002-hatoyama"}
    forced = run("--to", "entities", "--out", tmp_path / "forced", "--force", tei_copy)
    assert forced.exit_code == 1  # broken.xml still fails, alone
    documents = {r["document"] for r in read_csv(tmp_path / "forced" / "mentions.csv")}
    assert documents == {"ikeda-2002-hatoyama", "frus1958-60v18-d11"}


def test_default_folder_is_out_export_kind(monkeypatch, tmp_path):
    monkeypatch.setattr(Settings, "out_dir", tmp_path)  # the project's out/, moved for the test
    result = run("--to", "dates", TEI / "ikeda-2002-hatoyama.xml")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in (tmp_path / "export" / "dates").iterdir()) == ["dates.csv", "dates.json"]


# the FRUS volumes

@pytest.fixture(scope="module")
def corpus_readings():
    from pipeline.exports.reading import read
    return {p.name: read(Document.load(p)) for p in volumes()}


@pytest.mark.parametrize("kind", list(EXPORTS))
def test_corpus_volumes_export_without_error(kind, tmp_path):
    results = export(volumes(), EXPORTS[kind], Settings(out_dir=tmp_path, force=True))
    assert [r.failure for r in results] == [None, None, None]
    assert results[-1].outputs and all(p.stat().st_size > 1000 for p in results[-1].outputs)


def test_corpus_persons_follow_corresp_into_the_list_of_persons(corpus_readings):
    volume = need(CORPUS / "frus1918Russiav03.xml")
    tree = etree.parse(str(volume))
    expected = Counter(el.get("corresp") for el in tree.xpath(
        "//tei:div[@type='document']//tei:persName[@corresp]", namespaces=NS))
    reading = corpus_readings[volume.name]
    found = Counter(m.entity.replace("frus1918Russiav03.xml#", "#") for m in reading.mentions
                    if m.kind == "person" and reading.entities[m.entity].linked)
    assert found == expected
    francis = reading.entities["frus1918Russiav03.xml#p_FDR1"]
    assert (francis.name, francis.description) == ("Francis, David R.", "Ambassador in Russia.")


def test_corpus_names_without_pointer_are_persons_too(corpus_readings):
    reading = corpus_readings["frus1894Nicaragua.xml"]
    people = Counter(m.entity for m in reading.mentions if m.kind == "person")
    volume = etree.parse(str(CORPUS / "frus1894Nicaragua.xml"))
    greshams = volume.xpath("count(//tei:div[@type='document']//tei:persName[normalize-space()='Gresham'])",
                            namespaces=NS)
    assert people["name:person:gresham"] == greshams > 50
    assert not reading.entities["name:person:gresham"].linked


@pytest.mark.parametrize("kind", ["rdf", "voyant", "network"])
def test_same_documents_give_the_same_bytes(kind, tmp_path):
    """Two runs with different string hashing (set and dict orders) write identical files."""
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        subprocess.run([sys.executable, "-m", "pipeline", "export", "--to", kind, "--out", str(out), str(TEI)],
                       check=True, capture_output=True, cwd=PROJECT, env={**os.environ, "PYTHONHASHSEED": seed})
        outputs.append({p.name: p.read_bytes() for p in out.iterdir()})
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("kind", ["entities", "network"])
def test_export_with_two_jobs_writes_the_same_files_and_a_broken_document_stops_nothing(kind, tei_copy, tmp_path):
    (tei_copy / "broken.xml").write_text("<TEI><text>", encoding="utf-8")
    outputs = []
    for jobs in ("1", "2"):
        result = run("--to", kind, "--jobs", jobs, "--out", tmp_path / jobs, tei_copy)
        assert result.exit_code == 1 and "broken.xml:1:" in result.stderr
        assert "6 files: 5 read, 0 up to date, 1 failed" in result.stderr
        outputs.append({p.name: p.read_bytes() for p in (tmp_path / jobs).iterdir()})
    assert outputs[0] and outputs[0] == outputs[1]


def test_a_repeated_to_is_refused_rather_than_exporting_the_last_kind_alone(tmp_path):
    # Click keeps only the last value of an option given twice.
    result = CliRunner().invoke(main, ["export", str(TEI), "--to", "entities", "--to", "dates", "--out", str(tmp_path)])
    assert result.exit_code == 2
    assert "given 2 times (entities, dates): export one kind a run" in result.output
    assert not list(tmp_path.iterdir())
