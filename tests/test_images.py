"""A figure's image in the web and the print edition, from files of the edition only.

An image a document names inside the edition's folders is copied beside its page and printed
in its PDF; one that leads elsewhere, is no image, or is on the web is never read by the run,
keeps its placeholder in the PDF and gets a warning at the graphic. The copy is an output of
the web edition like the page: remade when the image changes, withdrawn with the document,
kept when a build fails.
"""

from __future__ import annotations

import hashlib
import json
import struct
import subprocess
import zlib
from pathlib import Path

import lxml.html
import pytest
from click.testing import CliRunner

from pipeline.cli import main
from pipeline.document import Document
from pipeline.formats import pdf

from conftest import line_of

HEADER = """<TEI xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>{title}</title>
</titleStmt><publicationStmt><p>Test</p></publicationStmt><sourceDesc><p>None</p></sourceDesc></fileDesc>
</teiHeader><text><body><p>Before the figure.</p>
"""
FIGURE = """<figure><graphic url="{url}"/><head>The red square</head><figDesc>Four by three red pixels</figDesc></figure>
"""
END = "<p>After the figure.</p></body></text></TEI>"


def png(red: int = 200, width: int = 4, height: int = 3) -> bytes:
    """A small PNG of one colour, made here."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    rows = b"".join(b"\0" + bytes((red, 30, 30)) * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b""))


def document(folder: Path, *urls: str, name: str = "doc.xml", extra: str = "") -> Path:
    path = folder / name
    path.write_text(HEADER.format(title=name) + "".join(FIGURE.format(url=url) for url in urls) + extra + END,
                    encoding="utf-8")
    return path


def build(*args) -> str:
    result = CliRunner().invoke(main, ["build", *map(str, args), "--jobs", "1"])
    assert result.exit_code in (0, 1), result.output
    return result.output


def pdf_images(path: Path) -> list[str]:
    listing = subprocess.run(["pdfimages", "-list", str(path)], capture_output=True, text=True, check=True)
    return listing.stdout.splitlines()[2:]


def tagged(path: Path) -> bool:
    info = subprocess.run(["pdfinfo", str(path)], capture_output=True, text=True, check=True).stdout
    return any(line.split() == ["Tagged:", "yes"] for line in info.splitlines())


def shown(page: Path) -> list:
    return lxml.html.parse(str(page)).getroot().cssselect("main img")


@pytest.fixture
def edition(tmp_path) -> Path:
    folder = tmp_path / "edition"
    (folder / "media").mkdir(parents=True)
    (folder / "media" / "red.png").write_bytes(png())
    return folder


def test_a_figure_shows_its_image_in_the_web_and_the_print_edition(edition, tmp_path):
    inline = '<p>A mark <graphic url="media/red.png" width="96px"><desc>a red mark</desc></graphic> inline.</p>'
    document(edition, "media/red.png", extra=inline)
    document(edition, "media/red.png", name="other.xml")
    out = tmp_path / "out"
    build(edition, "--to", "html,pdf", "--out", out, "--force")

    figure, mark = shown(out / "html" / "doc.html")
    assert figure.get("alt") == "Four by three red pixels"
    assert figure.getparent().tag == "figure"
    assert figure.getparent().findtext("figcaption") == "The red square"
    assert mark.get("alt") == "a red mark" and mark.get("style") == "width: 96px"
    copy = out / "html" / figure.get("src")
    assert copy.parent.name == "doc.media" and copy.read_bytes() == png()
    assert mark.get("src") == figure.get("src")
    (other,) = shown(out / "html" / "other.html")
    assert (out / "html" / other.get("src")).read_bytes() == png()

    for name, images in (("doc.pdf", 2), ("other.pdf", 1), ("volume.pdf", 3)):
        listed = pdf_images(out / "pdf" / name)
        assert len(listed) == images and all(row.split()[3:5] == ["4", "3"] for row in listed), (name, listed)
        assert tagged(out / "pdf" / name)


OUTSIDE = {
    "relative": lambda edition, outside: "../outside.png",
    "absolute": lambda edition, outside: str(outside),
    "file URL": lambda edition, outside: outside.as_uri(),
    "symlink": lambda edition, outside: _link(edition / "media" / "link.png", outside),
}


def _link(link: Path, target: Path) -> str:
    link.symlink_to(target)
    return "media/link.png"


@pytest.mark.parametrize("kind", [*OUTSIDE, "not an image", "svg", "missing", "web"])
def test_an_image_that_may_not_be_shown_keeps_the_placeholder_with_a_warning(edition, tmp_path, kind):
    outside = tmp_path / "outside.png"
    outside.write_bytes(png(red=10))
    (edition / "media" / "text.png").write_text("not an image at all", encoding="utf-8")
    (edition / "media" / "drawing.png").write_text('<svg xmlns="http://www.w3.org/2000/svg"/>', encoding="utf-8")
    url = {"not an image": "media/text.png", "svg": "media/drawing.png", "missing": "media/none.png",
           "web": "http://example.org/red.png"}.get(kind) or OUTSIDE[kind](edition, outside)
    source = document(edition, url)
    out = tmp_path / "out"
    build(source, "--to", "html,fo,pdf", "--out", out)

    result = CliRunner().invoke(main, ["validate", "--format", "json", str(source)])
    findings = [f for file in json.loads(result.stdout)["files"] for f in file["findings"]]
    text = source.read_text(encoding="utf-8")
    line = line_of(text, "<graphic")
    col = text.splitlines()[line - 1].index("<graphic") + 1
    assert [(f["line"], f["col"], f["level"], f["rule"]) for f in findings] == [(line, col, "warning", "graphic-image")]
    if kind in OUTSIDE:
        assert "leads outside the edition's folders" in findings[0]["message"]

    assert "external-graphic" not in (out / "fo" / "doc.fo").read_text(encoding="utf-8")
    assert pdf_images(out / "pdf" / "doc.pdf") == []
    assert not (out / "html" / "doc.media").exists()
    page = (out / "html" / "doc.html").read_text(encoding="utf-8")
    assert not shown(out / "html" / "doc.html") and "[illustration]" in page and url not in page


def test_fop_is_served_only_the_images_of_its_run(edition):
    image = edition / "media" / "red.png"
    book = pdf.make_fo([Document.load(document(edition))], {"index": False})
    fo = book.replace("</fo:flow>", f'<fo:block><fo:external-graphic src="{image.as_uri()}" fox:alt-text="red"'
                      ' xmlns:fox="http://xmlgraphics.apache.org/fop/extensions"/></fo:block></fo:flow>', 1)
    assert len(pdf.run_fop(fo, served={image: png(red=90)}).output) > 0
    with pytest.raises(pdf.FopError, match="red.png"):
        pdf.run_fop(fo)


def _copy(out: Path) -> Path:
    (copy,) = (out / "html" / "doc.media").iterdir()
    return copy


def test_the_copy_of_an_image_follows_the_image_and_the_document(edition, tmp_path):
    source = document(edition, "media/red.png")
    document(edition, name="plain.xml")
    out = tmp_path / "out"
    build(edition, "--to", "html", "--out", out)
    first = _copy(out)
    assert first.read_bytes() == png()

    (edition / "media" / "red.png").write_bytes(png(red=90))
    build(edition, "--to", "html", "--out", out)
    second = _copy(out)
    assert second.read_bytes() == png(red=90) and not first.exists()
    assert second.name.startswith(hashlib.sha256(png(red=90)).hexdigest()[:16])
    (img,) = shown(out / "html" / "doc.html")
    assert out / "html" / img.get("src") == second

    # A build that cannot read the document keeps what it published, the image too.
    source.write_text("<TEI", encoding="utf-8")
    assert "failed" in build(edition, "--to", "html", "--out", out)
    assert _copy(out).read_bytes() == png(red=90) and (out / "html" / "doc.html").exists()

    source.unlink()
    build(edition, "--to", "html", "--out", out)
    assert not (out / "html" / "doc.media").exists() and not (out / "html" / "doc.html").exists()


def test_a_volume_s_pages_show_images_read_from_the_folder_xml_base_names(edition, tmp_path):
    (edition / "media" / "blue.png").write_bytes(png(red=0))
    volume = edition / "vol.xml"
    volume.write_text(HEADER.format(title="Volume") + """
      <div type="document" xml:id="d1"><head>One</head><figure><graphic url="media/red.png"/></figure></div>
      <div type="document" xml:id="d2"><head>Two</head><div xml:base="media/">
        <figure><graphic url="blue.png"/><head>Blue</head></figure></div></div>""" + END, encoding="utf-8")
    out = tmp_path / "out"
    build(volume, "--to", "html", "--out", out, "--param", "split=always", "--force")
    (red,) = shown(out / "html" / "vol" / "d1.html")
    (blue,) = shown(out / "html" / "vol" / "d2.html")
    assert red.get("src").startswith("../vol.media/") and blue.get("alt") == "Blue"
    assert (out / "html" / "vol" / red.get("src")).read_bytes() == png()
    assert (out / "html" / "vol" / blue.get("src")).read_bytes() == png(red=0)
