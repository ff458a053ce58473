"""pipeline.validation.locate: line and column of elements and attributes, as an editor counts them."""

from __future__ import annotations

import pytest
from lxml import etree

from pipeline.validation.locate import SourceMap

TEXT = """<?xml version="1.0"?>
<!-- <fake> in a comment -->
<?pi <fake2>?>
<root xmlns:x="urn:x">
  <a><![CDATA[<fake3>]]></a>
  <b
     one="1"
     x:two="2"
     xml:id="b3">café <c/></b>
</root>
"""


def position(text: str, needle: str) -> tuple[int, int]:
    offset = text.index(needle)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


@pytest.fixture
def located():
    data = TEXT.encode()
    tree = etree.ElementTree(etree.fromstring(data))
    return tree, SourceMap(tree, data)


def test_elements_are_placed_at_their_start_tag(located):
    tree, where = located
    root = tree.getroot()
    assert where.element(root) == position(TEXT, "<root")
    assert where.element(root[0]) == position(TEXT, "<a>")
    b = root[1]
    assert b.sourceline == 9  # libxml2: where the start tag ends
    assert where.element(b) == position(TEXT, "<b\n")
    assert where.element(b[0]) == position(TEXT, "<c/>")  # after a non-ASCII character


@pytest.mark.parametrize("name, needle", [("one", "one="), ("{urn:x}two", "x:two="),
                                          ("{http://www.w3.org/XML/1998/namespace}id", "xml:id=")])
def test_attributes_are_placed_at_their_name(located, name, needle):
    tree, where = located
    assert where.attribute(tree.getroot()[1], name) == position(TEXT, needle)


def test_xpath_results_are_placed(located):
    tree, where = located
    assert where.node(tree.xpath("//@one")[0]) == position(TEXT, "one=")
    assert where.node(tree.xpath("//text()[contains(., 'café')]")[0]) == position(TEXT, "<b\n")


def test_markup_from_an_entity_falls_back_to_the_line(tmp_path):
    text = '<!DOCTYPE r [<!ENTITY e "<x/><x/>">]>\n<r>\n  &e;<y/>\n</r>'
    data = text.encode()
    tree = etree.ElementTree(etree.fromstring(data, etree.XMLParser(resolve_entities=True)))
    y = tree.getroot()[2]
    assert y.tag == "y"
    assert SourceMap(tree, data).element(y) == position(text, "<y/>")


def test_a_byte_order_mark_is_no_column():
    text = '<r>\n  <a/></r>'
    data = "\ufeff".encode() + text.encode()
    tree = etree.ElementTree(etree.fromstring(data))
    assert SourceMap(tree, data).element(tree.getroot()[0]) == (2, 3)


def test_files_in_a_folder_with_a_space_keep_their_columns(tmp_path):
    from pipeline.parsing import parse
    from pipeline.validation.checks import DEFAULT_SCHEMA, validate_tree

    folder = tmp_path / "my edition"
    folder.mkdir()
    path = folder / "doc.xml"
    path.write_text('<TEI xmlns="http://www.tei-c.org/ns/1.0">\n  <teiHeader bogus="1"/>\n</TEI>\n',
                    encoding="utf-8")
    findings = validate_tree(parse(path), str(path), DEFAULT_SCHEMA)
    assert findings and all(f.col > 0 for f in findings), findings
