"""Incremental builds: a second build does nothing, a change rebuilds exactly what depends on it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline import parsing, saxon
from pipeline.building.builder import Settings, build
from pipeline.building.manifest import MANIFEST
from pipeline.cli import main
from pipeline.formats import FORMATS, Format, xslt_format
from pipeline.sources import collect

TXT = FORMATS["txt"]
PLAIN = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Plain</title>
</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>A document that points into no authority file.</p></body></text></TEI>"""


@pytest.fixture
def corpus(tei_copy) -> Path:
    """tei/ plus a document without pointers, so that some documents do not share a dependency."""
    (tei_copy / "plain.xml").write_text(PLAIN, encoding="utf-8")
    return tei_copy


def run(folder: Path, out: Path, **options):
    # One job: the build runs in this process, where the tests can watch parsing and transforms.
    settings = Settings(**{"formats": (TXT,), "out_dir": out, "force": True, "jobs": 1, **options})
    return {r.source.name: r for r in build(collect([folder]), settings)}


def built(results) -> set[str]:
    return {name for name, r in results.items() if not r.up_to_date and not r.failure}


def stamps(out: Path) -> dict[str, int]:
    return {p.name: p.stat().st_mtime_ns for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_second_build_with_nothing_changed_parses_and_transforms_nothing(corpus, tmp_path, monkeypatch):
    out = tmp_path / "out"
    first = run(corpus, out)
    assert built(first) == {p.name for p in corpus.glob("*.xml")}
    before = stamps(out)

    def forbidden(*args, **kwargs):
        raise AssertionError("an up-to-date build parsed or transformed a document")

    monkeypatch.setattr(parsing, "read", forbidden)
    monkeypatch.setattr(saxon, "apply", forbidden)
    second = run(corpus, out)
    assert all(r.up_to_date for r in second.values()), second
    assert stamps(out) == before


def test_changing_one_source_rebuilds_only_its_outputs(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    before = stamps(out)
    edit(corpus / "plain.xml", "points into no authority file", "was corrected once")
    results = run(corpus, out)
    assert built(results) == {"plain.xml"}
    assert "was corrected once" in (out / "txt" / "plain.txt").read_text(encoding="utf-8")
    after = stamps(out)
    assert [name for name in before if after[name] != before[name]] == ["plain.txt"]


def test_changing_an_authority_file_rebuilds_the_documents_pointing_into_it(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    pointing = {p.name for p in corpus.glob("*.xml") if 'ref="persons.xml#' in p.read_text(encoding="utf-8")}
    assert pointing and "plain.xml" not in pointing
    edit(corpus / "persons.xml", "</listPerson>", "<person xml:id='added'><persName>Added</persName></person></listPerson>")
    assert built(run(corpus, out)) == pointing | {"persons.xml"}


def test_an_authority_file_created_later_rebuilds_the_documents_pointing_to_it(corpus, tmp_path):
    out = tmp_path / "out"
    edit(corpus / "plain.xml", "<p>A document", "<p><persName ref='later.xml#someone'>Someone</persName>, a document")
    run(corpus, out)  # published with an unresolved pointer (force)
    assert built(run(corpus, out)) == set()
    later = (corpus / "persons.xml").read_text(encoding="utf-8")
    (corpus / "later.xml").write_text(later.replace('xml:id="persons"', 'xml:id="later"')
                                      .replace('xml:id="dulles-john-foster"', 'xml:id="someone"'), encoding="utf-8")
    assert built(run(corpus, out)) == {"plain.xml", "later.xml"}
    assert built(run(corpus, out)) == set()


def test_options_and_schema_make_outputs_stale(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    documents = {p.name for p in corpus.glob("*.xml") if "<text" in p.read_text(encoding="utf-8")}
    assert built(run(corpus, out, params={"txt": {"notes": "none"}})) == documents
    assert built(run(corpus, out, params={"txt": {"notes": "none"}})) == set()
    schema = tmp_path / "schema.rng"
    schema.write_bytes(Settings.schema.read_bytes())
    # Keys hash contents, not names: the same schema elsewhere changes nothing.
    assert built(run(corpus, out, schema=schema, params={"txt": {"notes": "none"}})) == set()
    schema.write_bytes(schema.read_bytes() + b"<!-- changed -->\n")
    everything = {p.name for p in corpus.glob("*.xml")}
    assert built(run(corpus, out, schema=schema, params={"txt": {"notes": "none"}})) == everything


def test_a_changed_stylesheet_folder_makes_its_outputs_stale(corpus, tmp_path):
    folder = tmp_path / "xsl"
    folder.mkdir()
    (folder / "count.xsl").write_text(
        '<xsl:stylesheet version="3.0" xmlns:xsl="http://www.w3.org/1999/XSL/Transform">'
        '<xsl:output method="text"/><xsl:template match="/">'
        '<xsl:value-of select="count(//*)"/></xsl:template></xsl:stylesheet>', encoding="utf-8")
    count = xslt_format("count", folder / "count.xsl", ".count", "number of elements")
    out = tmp_path / "out"
    run(corpus, out, formats=(count,))
    assert built(run(corpus, out, formats=(count,))) == set()
    (folder / "module.xsl").write_text("<!-- a module the entry stylesheet may include -->", encoding="utf-8")
    documents = {p.name for p in corpus.glob("*.xml") if "<text" in p.read_text(encoding="utf-8")}
    assert built(run(corpus, out, formats=(count,))) == documents


def test_removed_outputs_are_rebuilt_and_rebuild_rebuilds_all(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    (out / "txt" / "plain.txt").unlink()
    assert built(run(corpus, out)) == {"plain.xml"}
    assert (out / "txt" / "plain.txt").is_file()
    assert built(run(corpus, out, rebuild=True)) == {p.name for p in corpus.glob("*.xml")}


def test_collection_pages_are_rebuilt_only_when_a_document_changes(corpus, tmp_path):
    calls = []

    def index(documents, params):
        calls.append(len(documents))
        return {"index.txt": "\n".join(d.path.stem for d in documents).encode()}

    listed = Format("listed", ".txt", "txt with an index", TXT.render, collect=index,
                    stylesheet=TXT.stylesheet)
    out = tmp_path / "out"
    run(corpus, out, formats=(listed,))
    documents = sorted(p.stem for p in corpus.glob("*.xml") if "<text" in p.read_text(encoding="utf-8"))
    n = len(documents)
    assert calls == [n]
    run(corpus, out, formats=(listed,))
    assert calls == [n]
    edit(corpus / "plain.xml", "points into no authority file", "changed")
    run(corpus, out, formats=(listed,))
    assert calls == [n, n]
    (out / "listed" / "index.txt").unlink()
    run(corpus, out, formats=(listed,))
    assert calls == [n, n, n]
    assert (out / "listed" / "index.txt").read_text().split() == documents


def test_a_failed_document_is_tried_again_and_does_not_stop_the_others(corpus, tmp_path):
    (corpus / "broken.xml").write_text("<TEI><text>unclosed", encoding="utf-8")
    out = tmp_path / "out"
    args = ["build", str(corpus), "--to", "txt", "--out", str(out), "--force", "--jobs", "2"]
    good = len(list(corpus.glob("*.xml"))) - 1
    first = CliRunner().invoke(main, args)
    assert first.exit_code == 1, first.output
    assert f"{corpus / 'broken.xml'}: failed: not well-formed" in first.stderr
    assert f"{good + 1} files: {good} built, 0 up to date, 1 failed" in first.stderr
    documents = {p.stem + ".txt" for p in corpus.glob("*.xml") if "<text" in p.read_text(encoding="utf-8")}
    assert {p.name for p in (out / "txt").iterdir()} == documents - {"broken.txt"}
    second = CliRunner().invoke(main, args)
    assert second.exit_code == 1
    assert f"{good + 1} files: 0 built, {good} up to date, 1 failed" in second.stderr
    (corpus / "broken.xml").unlink()
    third = CliRunner().invoke(main, args)
    assert third.exit_code == 0 and f"{good} files: 0 built, {good} up to date, 0 failed" in third.stderr


def test_an_invalid_document_published_with_force_is_held_back_without_it(tei_copy, tmp_path):
    edit(tei_copy / "ikeda-2002-hatoyama.xml", "<persName ref=", '<persName foo="x" ref=')
    out = tmp_path / "out"
    assert "ikeda-2002-hatoyama.xml" in built(run(tei_copy, out))
    assert (out / "txt" / "ikeda-2002-hatoyama.txt").is_file()
    held = run(tei_copy, out, force=False)["ikeda-2002-hatoyama.xml"]
    assert held.failure.startswith("invalid, not published")
    # What the forced build published is withdrawn, and nothing else.
    assert "outputs of an earlier build (with --force) were removed" in held.failure
    assert sorted(p.name for p in (out / "txt").iterdir()) == ["frus1958-60v18-d11.txt"]


def test_an_unusable_manifest_means_a_full_build(corpus, tmp_path):
    out = tmp_path / "out"
    run(corpus, out)
    (out / MANIFEST).write_text("{not json", encoding="utf-8")
    results = run(corpus, out)
    # Said on the build's own result, that of the collection.
    assert [f.rule for f in results.pop(out.name).findings] == ["manifest"]
    assert built(results) == {p.name for p in corpus.glob("*.xml")}
    assert json.loads((out / MANIFEST).read_text(encoding="utf-8"))["sources"]


def _fail(doc, params):
    raise RuntimeError("this format always fails")


def test_a_failing_format_spares_the_others_and_is_retried(corpus, tmp_path):
    broken = Format("broken", ".x", "always fails", _fail)
    first = run(corpus, tmp_path, formats=(broken, TXT))
    letter = first["frus1958-60v18-d11.xml"]
    assert letter.failure == "broken: RuntimeError: this format always fails"
    assert (tmp_path / "txt" / "frus1958-60v18-d11.txt").is_file()
    again = run(corpus, tmp_path, formats=(broken, TXT))["frus1958-60v18-d11.xml"]
    assert again.failure == letter.failure and again.outputs == []


def outputs(out: Path) -> set[str]:
    return {p.relative_to(out).as_posix() for p in out.rglob("*") if p.is_file() and not p.name.startswith(".")}


def test_a_deleted_document_is_withdrawn_with_the_collection_pages_no_longer_made(tei_copy, tmp_path):
    out, fo, html = tmp_path / "out", FORMATS["fo"], FORMATS["html"]
    run(tei_copy, out, formats=(TXT, fo, html))
    assert {"fo/volume.fo", "txt/ikeda-2002-hatoyama.txt", "html/ikeda-2002-hatoyama.html"} <= outputs(out)
    (tei_copy / "ikeda-2002-hatoyama.xml").unlink()
    results = build(collect([tei_copy]), Settings(formats=(TXT, fo, html), out_dir=out, jobs=1))
    removed = {p.relative_to(out).as_posix() for r in results for p in r.removed}
    # Its outputs, and the volume: one document left is no volume.
    assert removed == {"fo/ikeda-2002-hatoyama.fo", "txt/ikeda-2002-hatoyama.txt",
                       "html/ikeda-2002-hatoyama.html", "fo/volume.fo"}
    assert not any("ikeda" in name for name in outputs(out))
    assert "ikeda" not in (out / "html" / "index.html").read_text(encoding="utf-8")
    # The other documents' outputs stay; a document not given to this build is not withdrawn.
    assert {"txt/frus1958-60v18-d11.txt", "html/index.html"} <= outputs(out)
    manifest = json.loads((out / MANIFEST).read_text(encoding="utf-8"))
    assert not any("ikeda" in source for source in manifest["sources"])


def test_when_no_document_is_left_the_collection_pages_go_too(tei_copy, tmp_path):
    out = tmp_path / "out"
    run(tei_copy, out, formats=(TXT, FORMATS["html"]), rebuild=True)
    for name in ("ikeda-2002-hatoyama.xml", "frus1958-60v18-d11.xml"):
        (tei_copy / name).unlink()
    run(tei_copy, out, formats=(TXT, FORMATS["html"]), rebuild=True)
    assert outputs(out) == set() and not list((out / ".cache").rglob("*.xml"))


def test_a_build_of_an_authority_file_alone_keeps_every_output(tei_copy, tmp_path):
    out = tmp_path / "out"
    run(tei_copy, out, formats=(TXT, FORMATS["html"]))
    before = outputs(out)
    assert "html/index.html" in before
    run(tei_copy / "persons.xml", out, formats=(TXT, FORMATS["html"]))
    assert outputs(out) == before


def test_a_build_of_one_file_keeps_the_edition_whole(tei_copy, tmp_path):
    """The collection pages show every document published into OUT/, not only the build's."""
    out, fo, html = tmp_path / "out", FORMATS["fo"], FORMATS["html"]
    letter = tei_copy / "frus1958-60v18-d11.xml"
    run(tei_copy, out, formats=(TXT, fo, html))
    volume, index = (out / "fo" / "volume.fo").read_bytes(), (out / "html" / "index.html").read_bytes()
    quick = build([letter], Settings(formats=(TXT, fo, html), out_dir=out, jobs=1))
    assert not any(r.outputs or r.removed for r in quick)  # nothing to do: nothing remade, nothing lost
    edit(letter, "I think it is tremendously important", "Added. I think it is tremendously important")
    changed = build([letter], Settings(formats=(TXT, fo, html), out_dir=out, jobs=1))
    remade = {p.name for r in changed for p in r.outputs}
    assert "volume.fo" in remade and not any(r.removed for r in changed)
    assert (out / "html" / "index.html").read_bytes() == index  # the titles did not change
    new_volume = (out / "fo" / "volume.fo").read_text(encoding="utf-8")
    assert new_volume != volume.decode("utf-8") and "Added." in new_volume
    assert "Hatoyama" in new_volume  # the other document, not in this build, is still in the volume


def test_rebuild_of_one_file_keeps_the_others_on_the_collection_pages(tei_copy, tmp_path):
    out, html = tmp_path / "out", FORMATS["html"]
    run(tei_copy, out, formats=(TXT, html))
    index = (out / "html" / "index.html").read_bytes()
    again = build([tei_copy / "frus1958-60v18-d11.xml"], Settings(formats=(TXT, html), out_dir=out, jobs=1,
                                                                  rebuild=True))
    assert {p.name for r in again for p in r.outputs} >= {"frus1958-60v18-d11.txt", "index.html"}
    assert (out / "html" / "index.html").read_bytes() == index


def test_a_changed_stylesheet_that_a_format_imports_from_another_folder_makes_its_outputs_stale(monkeypatch, tmp_path):
    # The e-book's stylesheets (xslt/epub/) import the web edition's (xslt/html/).
    import shutil

    from pipeline.building import manifest
    copy = tmp_path / "xslt"
    shutil.copytree(manifest.XSLT_DIR, copy)
    monkeypatch.setattr(manifest, "XSLT_DIR", copy)
    settings = Settings(formats=(FORMATS["epub"],), out_dir=tmp_path / "out")
    before = manifest.Keys(settings).formats["epub"]
    page = copy / "html" / "page.xsl"
    page.write_text(page.read_text(encoding="utf-8").replace("Skip to content", "Skip to the text"), encoding="utf-8")
    assert manifest.Keys(settings).formats["epub"] != before
