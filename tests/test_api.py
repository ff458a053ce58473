"""The Python API (`pipeline.validate`, `pipeline.build`, `pipeline.export`), through `import pipeline`
alone: findings and results as data, files written, errors raised rather than exits."""

from pathlib import Path

import pytest

import pipeline

from conftest import line_of


def test_validate_returns_the_findings_as_data(tei_copy):
    tei = tei_copy
    letter = tei / "ikeda-2002-hatoyama.xml"
    text = letter.read_text(encoding="utf-8").replace("<respStmt>", "<respStmt><bogus/>", 1)
    letter.write_text(text, encoding="utf-8")
    report = pipeline.validate(tei, schematron=None)
    assert [file.path.name for file in report.files] == sorted(p.name for p in tei.glob("*.xml"))
    assert report.valid == len(report.files) - 1 and report.errors >= 1
    errors = [f for file in report.files for f in file.findings if f.level == "error"]
    assert {Path(f.file).name for f in errors} == {letter.name}
    assert errors[0].line == line_of(text, "<bogus/>") and "bogus" in errors[0].message


def test_validate_raises_for_a_path_that_names_nothing(tmp_path):
    with pytest.raises(Exception, match="no such file or folder"):
        pipeline.validate([tmp_path / "nothing"])


def test_build_writes_the_outputs_and_returns_the_results(tei_copy, tmp_path):
    tei, out = tei_copy, tmp_path / "edition"
    results = pipeline.build(str(tei), out=out, formats="txt", params={"notes": "none"}, jobs=1)
    published = {result.source.name: result for result in results if result.outputs}
    assert sorted(published) == ["frus1958-60v18-d11.xml", "ikeda-2002-hatoyama.xml"]
    assert all(result.failure is None for result in results)
    for result in published.values():
        assert [path.parent for path in result.outputs] == [out / "txt"]
        assert result.outputs[0].read_text(encoding="utf-8").strip()
    again = pipeline.build([tei], out=out, formats=["txt"], params={"notes": "none"}, jobs=1)
    assert all(result.up_to_date for result in again if not result.collection)


def test_build_refuses_an_unknown_format_before_any_work(tei_copy, tmp_path):
    with pytest.raises(ValueError, match="unknown format"):
        pipeline.build(tei_copy, out=tmp_path / "out", formats="docx")
    assert not (tmp_path / "out").exists()


def test_export_writes_the_kind_s_files(tei_copy, tmp_path):
    out = tmp_path / "entities"
    results = pipeline.export(tei_copy, to="entities", out=out, jobs=1)
    written = results[-1]
    assert written.collection and {path.name for path in written.outputs} >= {"persons.csv", "persons.json", "mentions.csv"}
    assert all(path.parent == out and path.stat().st_size > 0 for path in written.outputs)
    with pytest.raises(ValueError, match="unknown export"):
        pipeline.export(tei_copy, to="nothing")
