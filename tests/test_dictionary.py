"""Dictionaries (TEI Print Dictionaries, FreeDict, TEI Lex-0 shapes) in HTML, FO and plain text:
the headword and its grammar on one line, senses numbered and apart, translations listed with
commas and not as quotations, examples still quoted. The entries are written here in the shape
of FreeDict and Lex-0 files."""

from __future__ import annotations

from test_shapes_reading import outputs, print_blocks, tei  # noqa: F401 (a fixture)

ENTRIES = tei(
    '<entry><form type="lemma"><orth>almari</orth><pron>al-ma-ri</pron></form>'
    '<gramGrp><pos>n</pos><gen>f</gen></gramGrp>'
    '<sense><cit type="trans"><quote>Schrank</quote></cit>\n<cit type="trans"><quote>Kasten</quote></cit>\n</sense>'
    '<sense><def>a cupboard for clothes</def>'
    '<cit type="example"><quote>the almari is full</quote></cit></sense></entry>'
    '<entry><form type="lemma"><orth>bet</orth></form><gramGrp><pos>v</pos></gramGrp>'
    '<sense n="1"><num>1.</num><def>to throw</def></sense></entry>')


def test_senses_are_numbered_and_apart(outputs):
    txt, text, page, flow = outputs(ENTRIES)
    for output in (txt, text, flow):
        assert "1. Schrank, Kasten" in output and "2. a cupboard for clothes" in output
        assert "1. 1." not in output and "1. to throw" in output
    assert "\n\n1. Schrank, Kasten\n\n2. a cupboard" in txt
    senses = page.cssselect("div.sense")
    assert [s.cssselect(".sense-number")[0].text for s in senses[:2]] == ["1.", "2."]


def test_the_headword_and_its_grammar_make_one_line(outputs, tmp_path):
    txt, text, page, flow = outputs(ENTRIES)
    assert "almari al-ma-ri n f" in txt.splitlines()
    entry = page.cssselect("div.entry")[0]
    assert [e.tag for e in entry.cssselect(".orth, .pos, .gen")] == ["span", "span", "span"]
    assert "almari al-ma-ri n f" in print_blocks(tmp_path, ENTRIES)


def test_translations_are_not_quotations_but_examples_are(outputs):
    txt, text, page, flow = outputs(ENTRIES)
    for output in (txt, text, flow):
        assert "“Schrank”" not in output and "Schrank, Kasten" in output
    for output in (txt, flow):
        assert "“the almari is full”" in output
    # the web edition's quotation marks are those of its q element
    assert [q.text for q in page.cssselect("q")] == ["the almari is full"]


def test_alternative_spellings_and_forms_are_parted_by_a_comma(outputs):
    """Two orths of a headword, or a lemma and its variant form, are alternatives: printed
    "colour, color" as dictionaries print them, not run together, in every format."""
    source = tei('<entry><form type="lemma"><orth>colour</orth><orth>color</orth><pron>ˈkʌlə</pron></form>'
                 '<gramGrp><pos>n</pos></gramGrp></entry>'
                 '<entry><form type="lemma">\n<orth>grey</orth>\n</form>\n<form type="variant"><orth>gray</orth>'
                 '</form><gramGrp><pos>adj</pos></gramGrp></entry>')
    txt, text, page, flow = outputs(source)
    for output in (txt, text, flow):
        assert "colour, color ˈkʌlə n" in output and "grey, gray adj" in output, output
    assert "ˈkʌlə, " not in txt + text + flow
