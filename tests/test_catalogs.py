"""XML catalogs: the web addresses <?xml-model?> names, resolved to local copies (never fetched),
`teipipe schema fetch` (against a server on 127.0.0.1), which schemas judged each file, the hint
for a document judged by the default schema it was not written for, and build and export
judging as validate does."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import CORPUS, TEI, TEI_ALL, need, volumes
from pipeline.validation import catalogs
from pipeline.cli import main

TEI_NS = "http://www.tei-c.org/ns/1.0"
RNG_NS = "http://relaxng.org/ns/structure/1.0"
RELEASE = "https://www.tei-c.org/release/xml/tei/custom/schema/relaxng/"
VAULT = "https://www.tei-c.org/Vault/P5/4.8.0/xml/tei/custom/schema/relaxng/"
CATALOG = ('<?xml version="1.0"?>\n<!DOCTYPE catalog PUBLIC "-//OASIS//DTD XML Catalogs V1.1//EN" '
           '"http://www.oasis-open.org/committees/entity/release/1.1/catalog.dtd">\n'
           '<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n{}\n</catalog>\n')


def write_catalog(path: Path, *entries: str) -> Path:
    path.write_text(CATALOG.format("\n".join(entries)), encoding="utf-8")
    return path


def tei_all_catalog(folder: Path) -> Path:
    """A catalog mapping TEI's released and 4.8.0 tei_all.rng (http and https) to ../shared's copy,
    by rewriting each folder to a folder of links named as TEI names the file."""
    local = folder / "tei"
    local.mkdir()
    (local / "tei_all.rng").symlink_to(need(TEI_ALL))
    rewrites = [f'<rewriteURI uriStartString="{start}" rewritePrefix="{local.as_uri()}/"/>'
                for base in (RELEASE, VAULT) for start in (base, base.replace("https:", "http:"))]
    return write_catalog(folder / "catalog.xml", *rewrites)


def run(*args, env=None):
    return CliRunner().invoke(main, [str(a) for a in args], env=env)


def document(folder: Path, name: str, href: str, body: str = "<teiHeader/><text/>", kind: str = RNG_NS) -> Path:
    path = folder / name
    path.write_text(f'<?xml-model href="{href}" schematypens="{kind}"?>\n<TEI xmlns="{TEI_NS}">{body}</TEI>\n',
                    encoding="utf-8")
    return path


def only_header(folder: Path) -> Path:
    """A schema that allows a TEI with a teiHeader and nothing else."""
    path = folder / "only-header.rng"
    path.write_text(f'<element name="TEI" ns="{TEI_NS}" xmlns="{RNG_NS}"><element name="teiHeader">'
                    f'<empty/></element></element>', encoding="utf-8")
    return path


def test_tei_urls_resolve_by_every_kind_of_entry(tmp_path):
    first = tei_all_catalog(tmp_path)
    other = tmp_path / "other"
    other.mkdir()
    write_catalog(other / "next.xml",
                  '<system systemId="https://example.org/a.rng" uri="a.rng"/>',
                  '<rewriteSystem systemIdStartString="https://example.org/sys/" rewritePrefix="sys/"/>',
                  '<uriSuffix uriSuffix="/suffix.rng" uri="suffix.rng"/>',
                  '<group xml:base="g/"><uri name="https://example.org/grouped.rng" uri="x.rng"/></group>')
    write_catalog(tmp_path / "delegated.xml", '<uri name="https://delegated.org/d.rng" uri="d.rng"/>')
    chain = write_catalog(tmp_path / "chain.xml", '<nextCatalog catalog="missing.xml"/>',
                          '<nextCatalog catalog="other/next.xml"/>',
                          '<delegateURI uriStartString="https://delegated.org/" catalog="delegated.xml"/>')
    in_use = (first, chain)
    local = (tmp_path / "tei" / "tei_all.rng").as_uri()
    assert catalogs.resolve(RELEASE + "tei_all.rng", in_use) == local
    assert catalogs.resolve(VAULT.replace("https:", "http:") + "tei_all.rng", in_use) == local
    assert catalogs.resolve("https://example.org/a.rng", in_use) == (other / "a.rng").as_uri()
    assert catalogs.resolve("https://example.org/sys/b/c.rng", in_use) == (other / "sys/b/c.rng").as_uri()
    assert catalogs.resolve("https://any.org/x/suffix.rng", in_use) == (other / "suffix.rng").as_uri()
    assert catalogs.resolve("https://example.org/grouped.rng", in_use) == (other / "g/x.rng").as_uri()
    assert catalogs.resolve("https://delegated.org/d.rng", in_use) == (tmp_path / "d.rng").as_uri()
    assert catalogs.resolve("https://delegated.org/other.rng", in_use) is None
    assert catalogs.resolve("https://www.tei-c.org/Vault/P5/4.7.0/tei_all.rng", in_use) is None


def test_shapes_naming_tei_all_are_validated_against_it_through_a_catalog(tmp_path):
    catalog = tei_all_catalog(tmp_path)
    shapes = sorted(need(CORPUS / "shapes").glob("*/*.xml"))
    naming = [p for p in shapes if "tei-c.org/release/xml/tei/custom/schema/relaxng/tei_all.rng"
              in p.read_text(encoding="utf-8", errors="replace")[:2000]]
    assert naming
    result = run("validate", "--catalog", catalog, "--format", "json", *shapes,
                 env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert result.exit_code == 1 and "Traceback" not in result.output
    files = {Path(f["file"]): f for f in json.loads(result.stdout)["files"]}
    assert files.keys() == set(shapes)
    for path in naming:
        judges = files[path]["schemas"]
        assert judges[0]["path"] == str((tmp_path / "tei" / "tei_all.rng").resolve())
        assert judges[0]["origin"].endswith("tei_all.rng, via catalog")
        assert not any("tei_all.rng" in f["message"] for f in files[path]["findings"] if f["level"] == "warning")
        validated = files[path]["findings"][0]
        assert validated["level"] == "note" and validated["message"].startswith(
            "validated against tei_all-4.8.0.rng (xml-model http://www.tei-c.org/release/")
    text = run("validate", "--catalog", catalog, naming[0], env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert text.stdout.startswith(f"{naming[0]}:1:1: note: validated against tei_all-4.8.0.rng (xml-model ")


def test_a_document_of_another_schema_judged_by_the_default_one_gets_one_hint(tmp_path):
    # (A Faust manuscript, with the character mappings and genetic markup of the Faust edition's
    # own schema, which the project's schema does not hold; the FRUS volumes, which it holds,
    # get no hint.)
    volume = need(CORPUS / "shapes" / "faust" / "390691.xml")
    assert "[schema-hint]" not in run("validate", volumes()[0], env={"XDG_CACHE_HOME": str(tmp_path)}).stdout
    env = {"XDG_CACHE_HOME": str(tmp_path)}
    result = run("validate", volume, env=env)
    assert result.exit_code == 1
    hints = [line for line in result.stdout.splitlines() if line.endswith("[schema-hint]")]
    assert hints == [f"{volume}:1:1: note: most errors are elements teipipe's default schema does not allow: "
                     "this document may be written for another schema; name it with --schema FILE, or map the "
                     "URL its <?xml-model?> names to a local copy with a catalog (--catalog FILE, "
                     "XML_CATALOG_FILES, or `teipipe schema fetch URL`) [schema-hint]"]
    assert "validated against" not in result.stdout  # teipipe's own schemas alone: said once, in the help
    assert [s["origin"] for s in json.loads(run("validate", "--format", "json", volume, env=env).stdout)[
        "files"][0]["schemas"]] == ["default", "default"]
    junit = run("validate", "--format", "junit", "--schema", need(TEI_ALL), "--no-schematron", volume, env=env)
    assert f'name="schema" value="{TEI_ALL.resolve()} (option)"' in junit.stdout
    assert "validated against" not in junit.stdout
    assert "[schema-hint]" not in run("validate", "--schema", TEI_ALL, volume, env=env).stdout


def test_an_unresolved_url_says_how_to_make_a_local_copy(tmp_path):
    url = "https://example.org/schema/edition.rng"
    doc = document(tmp_path, "doc.xml", url)
    result = run("validate", "--no-schematron", doc, env={"XDG_CACHE_HOME": str(tmp_path / "cache")})
    assert (f"{doc}:1:1: warning: <?xml-model?> names the remote schema {url}, which is never fetched: skipped; "
            f"make a local copy with `teipipe schema fetch {url}`, or map it to one in a catalog "
            f'(<uri name="{url}" uri="file:///path/to/copy"/>) given by --catalog or XML_CATALOG_FILES '
            "[xml-model]") in result.stdout


def test_xml_catalog_files_is_read_and_a_catalog_maps_only_to_local_files(tmp_path):
    schema = only_header(tmp_path)
    catalog = write_catalog(tmp_path / "catalog.xml",
                            f'<uri name="https://example.org/strict.rng" uri="{schema.name}"/>',
                            '<uri name="https://example.org/far.rng" uri="https://mirror.org/far.rng"/>')
    strict = document(tmp_path, "strict.xml", "https://example.org/strict.rng")
    far = document(tmp_path, "far.xml", "https://example.org/far.rng")
    env = {"XML_CATALOG_FILES": f"{tmp_path / 'missing.xml'} {catalog.as_uri()}",
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    result = run("validate", "--no-schematron", strict, far, env=env)
    assert f"{strict}:1:1: note: validated against only-header.rng (xml-model https://example.org/strict.rng, " \
           "via catalog) [schemas]" in result.stdout
    assert any(line.startswith(f"{strict}:2:") and "[relaxng]" in line for line in result.stdout.splitlines())
    assert (f"{far}:1:1: warning: <?xml-model?> names https://example.org/far.rng, which a catalog maps to "
            "https://mirror.org/far.rng, a web address, never fetched") in result.stdout
    broken = tmp_path / "broken.xml"
    broken.write_text('<catalog xmlns="urn:oasis:names:tc:entity:xmlns:xml:catalog">\n<uri name="x"</catalog>')
    for command in (["validate"], ["build", "--out", tmp_path / "out"], ["export", "--to", "entities", "--out",
                                                                         tmp_path / "export"]):
        refused = run(*command, "--catalog", broken, strict, env=env)
        assert refused.exit_code == 2, refused.output
        assert refused.stderr.startswith(f"error: {broken}:2:") and "cannot use catalog" in refused.stderr


def test_build_and_export_judge_with_the_catalog_as_validate_does(tmp_path):
    """A document valid against the default schema that names, by URL, a schema it breaks."""
    only_header(tmp_path)
    (tmp_path / "only-header.rnc").write_text(
        f'default namespace = "{TEI_NS}"\nstart = element TEI {{ element teiHeader {{ empty }} }}\n')
    catalog = write_catalog(tmp_path / "catalog.xml",
                            '<rewriteURI uriStartString="https://example.org/s/" rewritePrefix="./"/>')
    folder = tmp_path / "tei"
    folder.mkdir()
    for authority in ("persons.xml", "places.xml", "orgs.xml"):
        (folder / authority).write_bytes((TEI / authority).read_bytes())
    text = (TEI / "ikeda-2002-hatoyama.xml").read_text(encoding="utf-8")
    for name, model in (("xml.xml", f'href="https://example.org/s/only-header.rng" schematypens="{RNG_NS}"'),
                        ("compact.xml", 'href="https://example.org/s/only-header.rnc" '
                                        'type="application/relax-ng-compact-syntax"')):
        (folder / name).write_text(text.replace("<TEI ", f"<?xml-model {model}?>\n<TEI ", 1), encoding="utf-8")
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}
    plain = run("build", "--to", "txt", "--out", tmp_path / "plain", folder, env=env)
    assert plain.exit_code == 0, plain.stderr
    judged = run("build", "--to", "txt", "--out", tmp_path / "out", "--catalog", catalog, folder, env=env)
    assert judged.exit_code == 1
    for name in ("xml.xml", "compact.xml"):
        assert f"{folder / name}: failed: invalid, not published" in judged.stderr, judged.stderr
    exported = run("export", "--to", "entities", "--out", tmp_path / "export", "--catalog", catalog, folder, env=env)
    assert exported.exit_code == 1
    assert f"{folder / 'xml.xml'}: failed: invalid" in exported.stderr, exported.stderr


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def test_schema_fetch_copies_a_schema_and_its_includes_and_maps_it(tmp_path):
    served = tmp_path / "served" / "schemas"
    served.mkdir(parents=True)
    (served / "main.rng").write_text(
        f'<grammar xmlns="{RNG_NS}"><include href="parts/header.rng"/><start><element name="TEI" ns="{TEI_NS}">'
        f'<ref name="header"/></element></start></grammar>', encoding="utf-8")
    (served / "parts").mkdir()
    (served / "parts" / "header.rng").write_text(
        f'<grammar xmlns="{RNG_NS}"><define name="header"><element name="teiHeader" ns="{TEI_NS}"><empty/>'
        f'</element></define></grammar>', encoding="utf-8")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp_path / "served")))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        url = f"http://127.0.0.1:{server.server_port}/schemas/main.rng"
        env = {"XDG_CACHE_HOME": str(tmp_path / "cache"), "XML_CATALOG_FILES": "", "no_proxy": "127.0.0.1"}
        fetched = run("schema", "fetch", url, env=env)
    finally:
        server.shutdown()
        thread.join()
    assert fetched.exit_code == 0, fetched.output
    cache = tmp_path / "cache" / "teipipe" / "schemas" / "127.0.0.1" / "schemas"
    assert (cache / "main.rng").read_bytes() == (served / "main.rng").read_bytes()
    assert (cache / "parts" / "header.rng").read_bytes() == (served / "parts" / "header.rng").read_bytes()
    own = tmp_path / "cache" / "teipipe" / "schemas" / "catalog.xml"
    assert catalogs.resolve(url, (own,)) == (cache / "main.rng").as_uri()
    good = document(tmp_path, "good.xml", url, "<teiHeader/>")
    bad = document(tmp_path, "bad.xml", url)
    result = run("validate", "--no-schematron", good, bad, env=env)
    assert f"{good}:1:1: note: validated against main.rng (xml-model {url}, via catalog) [schemas]" in result.stdout
    assert [line for line in result.stdout.splitlines() if ": error: " in line and line.startswith(str(good))] == []
    assert any(line.startswith(f"{bad}:2:") and ": error: " in line for line in result.stdout.splitlines())


def test_schema_fetch_of_nothing_there_is_one_line(tmp_path):
    result = run("schema", "fetch", "ftp://example.org/x.rng", env={"XDG_CACHE_HOME": str(tmp_path)})
    assert result.exit_code == 1
    assert result.stderr == "error: ftp://example.org/x.rng: cannot fetch: only http and https addresses are fetched\n"
    assert not (tmp_path / "teipipe" / "schemas" / "catalog.xml").exists()


@pytest.fixture(autouse=True)
def _fresh_caches():
    from pipeline import processes as caches
    caches.forget()
    yield
    caches.forget()
