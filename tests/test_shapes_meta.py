"""The header's facts and the names of TEI from other projects (issue 16): titles at several
levels, the date of the text, languages and directions, authority lists beside the text,
entries shared across documents by their authority records, placeholder pointers, speakers,
name parts and responsibilities. Each test makes the small TEI it needs; the last one builds
the real files of ../shared/corpus/shapes."""

from __future__ import annotations

import csv
import re
import subprocess
import sys
from pathlib import Path

import lxml.html
from click.testing import CliRunner

from conftest import CORPUS, PROJECT, need
from pipeline.formats import pdf
from pipeline.building import Settings, build
from pipeline.cli import main
from pipeline.document import Document
from pipeline.formats import FORMATS
from pipeline.sources import collect

HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"{lang}><teiHeader><fileDesc>
  <titleStmt>{titles}{resp}</titleStmt>
  <publicationStmt><publisher>P</publisher><date when="2016-10-10T16:34:28Z">2016</date></publicationStmt>
  <sourceDesc>{source}</sourceDesc></fileDesc>{profile}</teiHeader>
  <text{text_lang}><body>{body}</body>{back}</text></TEI>"""


def tei(folder: Path, name: str, titles="<title>T</title>", resp="", source="<p>S</p>", profile="",
        lang="", text_lang="", body="<p>Text.</p>", back="") -> Path:
    path = folder / f"{name}.xml"
    path.write_text(HEADER.format(titles=titles, resp=resp, source=source, profile=profile,
                                  lang=lang and f' xml:lang="{lang}"', text_lang=text_lang and f' xml:lang="{text_lang}"',
                                  body=body, back=back and f"<back>{back}</back>"), encoding="utf-8")
    return path


def built(paths: list[Path], out: Path, formats=("html", "txt")) -> Path:
    settings = Settings(formats=tuple(FORMATS[f] for f in formats), out_dir=out, force=True, jobs=1)
    results = build(collect(paths), settings)
    assert not [r.failure for r in results if r.failure]
    return out


def html(out: Path, name: str):
    return lxml.html.fromstring((out / "html" / name).read_bytes())


def exported(paths: list[Path], out: Path, kind: str) -> list[dict]:
    result = CliRunner().invoke(main, ["export", "--force", "--to", kind, "--out", str(out), *map(str, paths)])
    assert result.exit_code == 0, result.output
    return result.output


def rows(path: Path) -> list[dict]:
    return list(csv.DictReader(path.open(encoding="utf-8")))


SCHNITZLER = """<person xml:id="{id}"><persName><forename>Arthur</forename><surname>Schnitzler</surname></persName>
  <idno type="gnd">https://d-nb.info/gnd/118609807/</idno></person>"""


def letter(folder, name, person_id, when, level_titles=True):
    titles = ('<title level="s">Briefwechsel</title><title type="iso-date">1889</title>'
              f'<title level="a">Brief {name}</title>')
    profile = (f'<profileDesc><correspDesc><correspAction type="sent"><date when="{when}">{when}</date>'
               '</correspAction></correspDesc></profileDesc>')
    back = ("<listPerson>" + SCHNITZLER.format(id=person_id)
            + '<person xml:id="olga"><persName><forename>Olga</forename><surname>Gussmann</surname></persName></person>'
            + "</listPerson><listPlace><place xml:id='w'><placeName>Wien</placeName>"
            "<location><geo>48,208333 16,373056</geo></location></place></listPlace>")
    body = f'<p>An <persName ref="#{person_id}">Arthur</persName> und <persName ref="#olga">Olga</persName>.</p>'
    return tei(folder, name, titles=titles if level_titles else "<title>X</title>", profile=profile,
               body=body, back=back)


def test_title_is_the_documents_own_not_the_series(tmp_path):
    a = letter(tmp_path, "a", "p1", "1889-08-02")
    b = tei(tmp_path, "b", titles='<title type="volume">Predigten 1915</title><title type="content">Predigt 1</title>')
    out = built([a, b], tmp_path / "out")
    assert html(out, "a.html").findtext(".//h1") == "Brief a"
    assert html(out, "b.html").findtext(".//h1") == "Predigt 1"
    assert (out / "txt" / "a.txt").read_text().splitlines()[0] == "Brief a"
    assert (out / "txt" / "b.txt").read_text().splitlines()[0] == "Predigt 1"


def test_date_of_sending_not_of_the_encoding_in_html_text_fo_and_index(tmp_path):
    early = letter(tmp_path, "early", "p1", "1781-05-01")
    late = tei(tmp_path, "late", titles="<title>Late</title>",
               profile='<profileDesc><creation><date when="1800-01-01">1800</date></creation></profileDesc>')
    out = built([late, early], tmp_path / "out")
    date = html(out, "early.html").xpath("//dl[@class='metadata']/dt[.='Date']/following-sibling::dd[1]")[0]
    assert date.text_content().strip() == "1781-05-01"
    assert "Date: 1781-05-01" in (out / "txt" / "early.txt").read_text()
    assert "2016" not in date.text_content()
    index = html(out, "index.html")
    assert [a.text for a in index.xpath("//ol[@class='documents']//h2/a")] == ["Brief early", "Late"]
    fo = pdf.make_fo([Document.load(early)], {})
    assert "1781-05-01" in fo and "2016-10-10" not in fo


def test_lang_is_bcp47_and_rtl_languages_get_dir(tmp_path):
    german = tei(tmp_path, "german", lang="deu", body='<p>Text <foreign xml:lang="heb">שלום</foreign>.</p>')
    arabic = tei(tmp_path, "arabic", lang="en", text_lang="ara", body="<p>مجلة الزهور</p>")
    hebrew = tei(tmp_path, "hebrew", body="<p>משנה בבא מציעא</p>")
    out = built([german, arabic, hebrew], tmp_path / "out")
    page = html(out, "german.html")
    assert page.get("lang") == "de"
    foreign = page.xpath("//*[@lang='he']")
    assert foreign and foreign[0].get("dir") == "rtl"
    text = html(out, "arabic.html").xpath("//div[contains(@class, 'text')]")[0]
    assert (text.get("lang"), text.get("dir")) == ("ar", "rtl")
    undeclared = html(out, "hebrew.html")
    assert undeclared.get("lang") == "und" and undeclared.find(".//main").get("dir") == "rtl"


def test_authority_lists_are_not_printed_nor_mentions(tmp_path):
    a = letter(tmp_path, "a", "p1", "1889-08-02")
    out = built([a], tmp_path / "out", formats=("html", "txt"))
    assert "48,208333" not in (out / "txt" / "a.txt").read_text()
    assert "48,208333" not in (out / "html" / "a.html").read_text()
    assert "48,208333" not in pdf.make_fo([Document.load(a)], {})
    persons = html(out, "persons.html")
    assert [len(e.xpath(".//ul[@class='occurrences']//a[contains(@href, '#')]")) for e in persons.xpath("//li[@class='entry']")] == [1, 1]
    exported([a], tmp_path / "ex", "entities")
    assert sorted(int(r["mentions"]) for r in rows(tmp_path / "ex" / "persons.csv")) == [1, 1]


def test_entries_sharing_a_gnd_number_are_one_entry_in_the_index_and_the_exports(tmp_path):
    a, b = letter(tmp_path, "a", "pmb2121", "1889-08-02"), letter(tmp_path, "b", "S2", "1890-01-01")
    out = built([a, b], tmp_path / "out", formats=("html",))
    entries = html(out, "persons.html").xpath("//li[@class='entry']")
    names = [e.findtext(".//span[@class='entry-name']") for e in entries]
    assert names.count("Schnitzler, Arthur") == 1
    exported([a, b], tmp_path / "ex", "entities")
    persons = rows(tmp_path / "ex" / "persons.csv")
    schnitzler = [r for r in persons if "Schnitzler" in r["name"]]
    assert len(schnitzler) == 1 and schnitzler[0]["mentions"] == "2"
    assert schnitzler[0]["name"] == "Arthur Schnitzler"  # name parts joined by a space
    assert len(persons) == len(entries)  # index and export agree entry for entry
    exported([a, b], tmp_path / "net", "network")
    assert len([n for n in rows(tmp_path / "net" / "nodes.csv") if "Schnitzler" in n["Label"]]) == 1


def test_a_placeholder_pointer_does_not_merge_people(tmp_path):
    body = "".join(f'<p><persName ref="persons.xml#pers">{n}</persName></p>' for n in ("Ann Lee", "Bo Ek", "Cy Young"))
    doc = tei(tmp_path, "doc", body=body)
    output = exported([doc], tmp_path / "ex", "entities")
    assert "unresolved-pointer" in output
    assert sorted(r["name"] for r in rows(tmp_path / "ex" / "persons.csv")) == ["Ann Lee", "Bo Ek", "Cy Young"]
    out = built([doc], tmp_path / "out", formats=("html",))
    assert len(html(out, "persons.html").xpath("//li[@class='entry']")) == 3


def test_speakers_are_persons_in_the_entities_and_network_exports(tmp_path):
    profile = ('<profileDesc><particDesc><listPerson><person xml:id="a"><persName>Ada Byron</persName></person>'
               '<person xml:id="b"><persName>Bob Dole</persName></person></listPerson></particDesc></profileDesc>')
    body = '<u who="#a">Hello.</u><u who="#b">Hi.</u><u who="#a">Bye.</u>'
    doc = tei(tmp_path, "speech", profile=profile, body=body)
    exported([doc], tmp_path / "ex", "entities")
    assert {r["name"]: r["mentions"] for r in rows(tmp_path / "ex" / "persons.csv")} == {"Ada Byron": "2", "Bob Dole": "1"}
    exported([doc], tmp_path / "net", "network")
    assert len(rows(tmp_path / "net" / "edges.csv")) == 1


def test_resp_labels_and_element_only_header_parts_are_spaced(tmp_path):
    source = ("<msDesc><msIdentifier><settlement>Weimar</settlement><repository>GSA</repository>"
              "<idno>25/VII</idno></msIdentifier></msDesc>"
              "<bibl><title>Werke</title><respStmt><resp>transcription</resp><persName>Ann Lee</persName></respStmt></bibl>")
    doc = tei(tmp_path, "doc", source=source)
    out = built([doc], tmp_path / "out")
    page = html(out, "doc.html").xpath("//dl[@class='metadata']")[0].text_content()
    assert "Weimar, GSA, 25/VII" in page and "transcription: Ann Lee" in page


def test_a_publisher_is_its_names_and_a_role_written_in_a_note_is_the_role_in_every_format(tmp_path):
    """DTA writes a publisher as its names in two languages, an e-mail and an address, and a
    responsibility's role as a note inside resp: the reader gets the publisher's name once and
    the role beside the person, on the web page and in the print edition's front matter."""
    doc = tei(tmp_path, "doc", resp="<respStmt><persName>Ann Lee</persName><resp>"
                                    "<note type='remarkResponsibility'>Projektleitung</note></resp></respStmt>")
    doc.write_text(doc.read_text(encoding="utf-8").replace(
        "<publisher>P</publisher>",
        "<publisher><email>info@example.org</email><orgName ref='https://d-nb.info/gnd/1'>Akademie</orgName>"
        "<orgName xml:lang='en' ref='https://d-nb.info/gnd/1'>Academy</orgName>"
        "<address><addrLine>Jägerstr. 22</addrLine></address></publisher>"), encoding="utf-8")
    out = built([doc], tmp_path / "out", formats=("html", "fo"))
    facts = html(out, "doc.html").xpath("//dl[@class='metadata']")[0]
    published = " ".join(facts.xpath("dt[. = 'Published by']/following-sibling::dd[1]")[0].text_content().split())
    assert published == "Akademie, 2016"
    assert "Projektleitung" in facts.xpath("dt/text()")
    front = " ".join((out / "fo" / "doc.fo").read_text(encoding="utf-8").split("<fo:flow")[1].split())
    assert "Akademie · 2016" in front and "Projektleitung: Ann Lee" in front
    assert not [word for word in ("info@example.org", "Jägerstr", "Academy") if word in front + published]


def test_a_source_bibl_of_fields_alone_is_cited_with_its_fields_apart_in_every_format(tmp_path):
    doc = tei(tmp_path, "doc", source="<bibl><title>Papers, Volume III</title><idno>frus1918v03</idno>"
                                      "<date>1932</date></bibl>")
    out = built([doc], tmp_path / "out")
    cited = "Papers, Volume III, frus1918v03, 1932"
    assert cited in html(out, "doc.html").xpath("//dl[@class='metadata']")[0].text_content()
    assert cited in html(out, "index.html").text_content()
    assert f"Source: {cited}" in (out / "txt" / "doc.txt").read_text(encoding="utf-8")
    assert f"Source: {cited}" in pdf.make_fo([Document.load(doc)], {})


def test_every_shape_builds_and_text_and_html_agree_on_title_and_date(tmp_path):
    need(CORPUS / "shapes")
    run = subprocess.run([sys.executable, str(PROJECT / "bench" / "bench_shapes_meta.py"), "--out", str(tmp_path)],
                         capture_output=True, text=True, cwd=PROJECT)
    counts = dict(re.findall(r"(\S+)=(\d+)", run.stdout.strip().splitlines()[-1]))
    assert run.returncode == 0, run.stdout[-2000:]
    assert counts["built"] == counts["files"] == counts["agree"] == counts["text-date"] == counts["lang-ok"]
    assert counts["rtl-dir"] == counts["rtl-files"] == "2"


def test_a_bibl_scope_takes_its_units_abbreviation_only_where_its_text_is_a_number_in_every_format(tmp_path):
    doc = tei(tmp_path, "doc", source="<biblStruct><monogr><title>Papers</title><imprint><date>1932</date></imprint>"
                                      '<biblScope unit="volume">Volume III</biblScope><biblScope unit="issue">12</biblScope>'
                                      '<biblScope unit="page">xiv<note>roman</note></biblScope></monogr></biblStruct>')
    out = built([doc], tmp_path / "out")
    for shown in (html(out, "doc.html").xpath("//dl[@class='metadata']")[0].text_content(),
                  (out / "txt" / "doc.txt").read_text(encoding="utf-8")):
        assert "Volume III" in shown and "vol. Volume" not in shown
        assert "no. 12" in shown and "p. xiv" in shown and "roman" not in shown
