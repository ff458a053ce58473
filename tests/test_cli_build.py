"""`teipipe build`: formats by name, outputs in OUT/<format>/, invalid files held back."""

from __future__ import annotations

import re
import subprocess
import sys

from click.testing import CliRunner

from conftest import PROJECT, TEI
from pipeline.cli import main


def build(*args):
    return CliRunner().invoke(main, ["build", *map(str, args)])


def test_builds_each_document_but_not_authority_files(tmp_path):
    result = build(TEI, "--to", "txt", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in (tmp_path / "txt").iterdir())
    documents = sorted(p.stem + ".txt" for p in TEI.glob("*.xml") if "<text" in p.read_text(encoding="utf-8"))
    assert written == documents


def test_the_summary_counts_sources_and_says_whether_the_collection_pages_were_made(tmp_path):
    sources = len(list(TEI.glob("*.xml")))
    first = build(TEI, "--to", "txt,html", "--out", tmp_path)
    assert first.exit_code == 0, first.output
    assert first.stderr.strip().splitlines()[-1].startswith(
        f"{sources} files: {sources} built, 0 up to date, 0 failed; collection outputs made (")
    second = build(TEI, "--to", "txt,html", "--out", tmp_path)
    assert second.stderr.strip().splitlines()[-1].startswith(f"{sources} files: 0 built, {sources} up to date, 0 failed (")


def test_to_repeated_builds_every_format_it_names(tmp_path):
    # Click keeps only the last value of an option given twice: "--to txt --to html" built html alone.
    result = build(TEI, "--to", "html", "--to", "txt", "--out", tmp_path)
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in tmp_path.iterdir() if not p.name.startswith(".")) == ["html", "txt"]


def test_unknown_format_names_the_valid_ones(tmp_path):
    result = build(TEI, "--to", "docx", "--out", tmp_path)
    assert result.exit_code == 2
    assert "unknown format docx; choose from: " in result.output
    assert "txt" in result.output


def test_invalid_document_is_published_only_with_force(tei_copy, tmp_path):
    letter = tei_copy / "frus1958-60v18-d11.xml"
    text = letter.read_text(encoding="utf-8")
    letter.write_text(text.replace("<persName ref=", "<persName foo=\"x\" ref=", 1), encoding="utf-8")
    out = tmp_path / "out"
    held = build(letter, "--to", "txt", "--out", out)
    assert held.exit_code == 1
    assert "not published" in held.stderr
    assert not (out / "txt" / "frus1958-60v18-d11.txt").exists()
    forced = build(letter, "--to", "txt", "--out", out, "--force")
    assert forced.exit_code == 0
    assert "published because of --force" in forced.stderr
    assert (out / "txt" / "frus1958-60v18-d11.txt").stat().st_size > 1000


def test_python_dash_m_runs_the_same_command_line():
    result = subprocess.run([sys.executable, "-m", "pipeline", "--help"], capture_output=True,
                            text=True, cwd=PROJECT, check=True)
    assert "validate" in result.stdout and "build" in result.stdout


def test_schematron_errors_hold_a_document_back(tei_copy, tmp_path):
    # Valid against the RelaxNG schema, but a pointer that reaches nothing breaks a rule.
    letter = tei_copy / "frus1958-60v18-d11.xml"
    text = letter.read_text(encoding="utf-8")
    broken = text.replace('ref="persons.xml#', 'ref="persons.xml#nobody-', 1)
    assert broken != text
    letter.write_text(broken, encoding="utf-8")
    line = broken[:broken.index("#nobody-")].count("\n") + 1
    out = tmp_path / "out"
    held = build(letter, "--to", "txt", "--out", out)
    assert held.exit_code == 1
    assert f"frus1958-60v18-d11.xml:{line}:" in held.stderr
    assert "[pointer-resolves]" in held.stderr and "not published" in held.stderr
    assert not (out / "txt" / "frus1958-60v18-d11.txt").exists()
    unchecked = build(letter, "--to", "txt", "--out", out, "--no-schematron")
    assert unchecked.exit_code == 0, unchecked.output
    assert (out / "txt" / "frus1958-60v18-d11.txt").is_file()


def test_unusable_schematron_is_a_usage_error(tmp_path):
    result = build(TEI, "--to", "txt", "--out", tmp_path, "--schematron", tmp_path / "missing.sch")
    assert result.exit_code == 2
    assert "missing.sch: cannot use schema" in result.stderr
    assert not (tmp_path / "txt").exists()


def _member(title: str, words: str) -> str:
    return (f"<TEI><teiHeader><fileDesc><titleStmt><title>{title}</title></titleStmt><publicationStmt><p>P</p>"
            f"</publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc></teiHeader>"
            f"<text><body><div><head>Part of {title}</head><p>{words}</p></div></body></text></TEI>")


def test_each_member_of_a_tei_corpus_is_shown_under_its_own_title(tmp_path):
    corpus = tmp_path / "corpus.xml"
    corpus.write_text(
        '<teiCorpus xmlns="http://www.tei-c.org/ns/1.0"><teiHeader><fileDesc><titleStmt><title>Letters</title>'
        "</titleStmt><publicationStmt><p>P</p></publicationStmt><sourceDesc><p>S</p></sourceDesc></fileDesc>"
        f"</teiHeader>{_member('First letter', 'Words of one.')}{_member('Second letter', 'Words of two.')}</teiCorpus>",
        encoding="utf-8")
    result = build(corpus, "--to", "txt,html,fo", "--force", "--out", tmp_path / "out")
    assert result.exit_code == 0, result.output
    text = (tmp_path / "out" / "txt" / "corpus.txt").read_text(encoding="utf-8")
    assert text.index("Letters") < text.index("First letter") < text.index("Words of one.") \
        < text.index("Second letter") < text.index("Words of two.")
    page = (tmp_path / "out" / "html" / "corpus.html").read_text(encoding="utf-8")
    # (A document that declares no language gets dir="auto" on its titles.)
    assert all(re.search(heading, page) for heading in
               (r"<h1[^>]*>Letters</h1>", r"<h2[^>]*>First letter</h2>", r"<h2[^>]*>Second letter</h2>"))
    assert re.search(r"<h3[^>]*>Part of First letter</h3>", page)  # a member's divisions come below its title
    fo = (tmp_path / "out" / "fo" / "corpus.fo").read_text(encoding="utf-8")
    assert fo.index(">First letter<") < fo.index("Words of one.") < fo.index(">Second letter<")
