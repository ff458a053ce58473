"""A FRUS source note (note type="source" without @n) has the same marker in every format: its
own sign, *, never a number the other notes count, whether the source's note numbers are kept
(all distinct) or the notes are numbered again (the original numbered them per page)."""

from __future__ import annotations

import re

import pytest

from pipeline.document import Document
from pipeline.formats import FORMATS

TEMPLATE = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Notes</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div type="document" xml:id="d1" n="1">
      <head>{before}A letter<note type="source" place="foot">Source: central files.</note></head>
      <p>One.<note place="foot" n="{first}">First note.</note> Two.<note place="foot" n="1">Second note.</note></p>
    </div>
  </body></text>
</TEI>
"""


def markers(fmt: str, text: str, tmp_path) -> list[str]:
    """The note markers in the text, in order, as the format prints them."""
    source = tmp_path / "notes.xml"
    source.write_text(text, encoding="utf-8")
    out = FORMATS[fmt].render(Document.load(source), {}).decode("utf-8")
    if fmt == "html":
        return re.findall(r'role="doc-noteref"[^>]*>([^<]+)<', out)
    if fmt == "txt":
        return re.findall(r"\[([^\]\s]+)\]", out.split("\nNotes\n")[0])
    return re.findall(r'<fo:footnote><fo:inline[^>]*>([^<]*)</fo:inline>', out)


@pytest.mark.parametrize("first, before, expected", [
    pytest.param("2", "", ["*", "2", "1"], id="numbers-kept"),
    pytest.param("1", "", ["*", "1", "2"], id="numbered-again"),
    # a note before the source note takes no sign from it, nor the source note a number
    pytest.param("1", '<note place="foot" n="1">Head note.</note>', ["1", "*", "2", "3"], id="source-note-second"),
])
@pytest.mark.parametrize("fmt", ["html", "txt", "fo"])
def test_the_source_note_has_its_own_sign_in_every_format(fmt, first, before, expected, tmp_path):
    assert markers(fmt, TEMPLATE.format(first=first, before=before), tmp_path) == expected


STAND_OFF = """<TEI xmlns="http://www.tei-c.org/ns/1.0">
  <teiHeader><fileDesc><titleStmt><title>Notes</title></titleStmt>
    <publicationStmt><p>Test.</p></publicationStmt><sourceDesc><p>Test.</p></sourceDesc></fileDesc></teiHeader>
  <text><body>
    <div type="translation"><p xml:id="para">My dear friend,<anchor xml:id="t1"/> your
      <seg xml:id="t2">portrait</seg> is a symbol.</p></div>
    <div type="notes">
      <note n="1" target="#t1"><p>The letter was 692.</p></note>
      <note n="2" target="#t2">Self-portrait, 1888.</note>
      <note n="3" target="#para">A note on the whole paragraph.</note>
    </div>
  </body></text>
</TEI>
"""


@pytest.mark.parametrize("fmt", ["html", "txt", "fo"])
def test_a_note_attached_by_its_target_has_its_marker_where_it_is_attached_in_every_format(fmt, tmp_path):
    """Notes that stand apart from their text (the van Gogh letters: a division of notes, each
    with @target pointing to an anchor in the translation) are the text's notes: their markers
    stand at the anchor and after the word they are on, and they are listed with the notes of
    the division that holds their place, not where they stand. A note on a paragraph stays
    where it stands (a marker after a block would stand alone)."""
    source = tmp_path / "notes.xml"
    source.write_text(STAND_OFF, encoding="utf-8")
    out = FORMATS[fmt].render(Document.load(source), {}).decode("utf-8")
    plain = " ".join(re.sub(r"<[^>]+>", " ", out).split())
    if fmt == "html":
        plain = " ".join(re.sub(r"<[^>]+>", "", out.split("<main")[1]).split())
    text = re.sub(r"<fo:footnote-body.*?</fo:footnote-body>", "", out, flags=re.S) if fmt == "fo" else plain
    assert re.search(r"friend,\W*1\W*your portrait\W*2\W*is a symbol", " ".join(re.sub(r"<[^>]+>", " ", text).split()))
    assert markers(fmt, STAND_OFF, tmp_path)[:2] == ["1", "2"]
    # Each note's words once, the one on a paragraph included.
    for words in ("The letter was 692.", "Self-portrait, 1888.", "A note on the whole paragraph."):
        assert plain.count(words) == 1, words


INLINE = TEMPLATE.replace('<note place="foot" n="{first}">First note.</note>',
                          '<note place="inline inspace">(first, as printed)</note>').replace(
                          '<note place="foot" n="1">', '<note place="margin left" n="1">')


@pytest.mark.parametrize("fmt", ["html", "txt", "fo"])
def test_a_note_whose_place_holds_inline_among_other_tokens_stays_where_it_stands(fmt, tmp_path):
    """@place is a list ("inline inspace"): a note is inline where it holds the token, and the
    note placed "margin left" is a footnote, alike in every format."""
    assert markers(fmt, INLINE.format(before=""), tmp_path) == ["*", "1"]
    out = FORMATS[fmt].render(Document.load(tmp_path / "notes.xml"), {}).decode("utf-8")
    assert re.search(r"One\.\s*(<[^>]*>\s*)*\(first, as printed\)", out), out
