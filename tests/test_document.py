"""The printed report as data (libreport.document): what every edition prints, decided once.

These read the description the Word writer and `show` print from; the Word output itself is specified by the
docx tests."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from libreport import document as d
from libreport.diagnostics import Diagnostics
from libreport.docx.template import load_template
from libreport.pipeline import check_year
from libreport.project import load_project

from .conftest import CASES, EXAMPLES, OFFICIAL, PRISTINE, TABLES, TEMPLATES


def describe_year(root: Path, year: str) -> d.Document:
    project = load_project(root)
    checked = check_year(project, year)
    assert checked.report is not None and not checked.diags.errors, [x.format() for x in checked.diags.errors]
    tpl = load_template(project.templates, Diagnostics(), checked.report.template or "report.docx")
    assert tpl is not None
    return d.describe(tpl.wording, checked.report, checked.previous)


def case(name: str, tmp_path: Path, year: str) -> d.Document:
    shutil.copytree(CASES / "valid" / name, tmp_path / "years" / year)
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "libreport.yaml").write_text("sources: years\ntemplates: templates\n", encoding="utf-8")
    return describe_year(tmp_path, year)


def tables(doc: d.Document, name: str) -> list[d.Table]:
    return [b for b in doc.blocks() if isinstance(b, d.Table) and b.name == name]


@pytest.fixture(scope="module")
def y2021() -> d.Document:
    return describe_year(PRISTINE, "2021")


def test_parts_carry_their_running_headers_and_numbered_headings(y2021):
    assert y2021.title == "越秀区图书馆 2021 年年报"
    parts = [p for p in y2021.parts if p.title]
    first_headings = [next(b for b in p.blocks if isinstance(b, d.Heading)) for p in parts]
    assert [h.text for h in first_headings][:2] == ["一、年度概况", "二、业务统计"]
    assert all(h.role == "part" for h in first_headings)
    assert all(p.header for p in y2021.parts)
    first = y2021.contents[0]
    assert (first.role, first.level, first.number, first.title) == ("part", 1, 1, "年度概况")
    # the contents hold the two outermost levels, nothing deeper
    assert {h.level for h in y2021.contents} == {1, 2}


def compared(project: Path) -> d.Document:
    """2021 with 2019's figures beside it."""
    report = project / "years/2021/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "parts:", "year_over_year: {compare_with: 2019, columns: true}\nparts:", 1), encoding="utf-8")
    return describe_year(project, "2021")


def test_statistics_with_last_year_print_a_dash_where_last_year_gives_none(project):
    (stats,) = tables(compared(project), "statistics")
    assert stats.header[0].cells[4].startswith("2019") and len(stats.weights) == 6
    body = stats.body
    assert all(len(r.cells) == 6 for r in body)
    dashed = [r for r in body if r.cells[4] == "—"]
    assert dashed and all(r.cells[5] == "—" for r in dashed), "a change without last year's figure beside it"
    changed = [r for r in body if r.cells[5] != "—"]
    assert changed and all(r.cells[5].endswith("%") for r in changed)


def test_activities_span_their_headings_over_two_rows_and_total_their_shares(y2021):
    (acts,) = tables(y2021, "activities")
    top, sub = acts.header
    assert top.rowspans is not None and top.rowspans[:2] == [2, 2] and len(sub.cells) == sum(top.spans or []) - 2
    total = acts.rows[-1]
    assert total.total and total.spans is not None and total.spans[0] == 2
    assert "100%" in total.cells or "100.0%" in total.cells
    chart = next(b for b in y2021.blocks() if isinstance(b, d.Chart))
    assert chart.percent and chart.categories == [r.cells[1] for r in acts.body if not r.total]


def test_awards_without_issuers_leave_that_column_out(tmp_path):
    doc = case("awards-year-only-no-issuer", tmp_path, "2022")
    (awards,) = tables(doc, "awards")
    assert len(awards.header[0].cells) == len(awards.weights) == len(awards.body[0].cells)
    assert "颁奖部门" not in awards.header[0].cells


def test_official_document_head_and_foot(tmp_path):
    doc = case("official-document-head-and-foot", tmp_path, "2024")
    blocks = doc.parts[0].blocks
    assert isinstance(blocks[0], d.Letterhead) and blocks[0].lines == ["安澜县图书馆文件"]
    assert blocks[0].number == "安图发〔2025〕2号"
    assert isinstance(blocks[1], d.Title) and blocks[1].lines == ["安澜县图书馆", "2024年工作总结"]
    assert isinstance(blocks[2], d.Addressee) and blocks[2].text == "馆内各部室，各乡镇（街道）分馆："
    signature, imprint = doc.parts[-1].blocks[-2:]
    assert isinstance(signature, d.Signature) and signature.lines[0] == "安澜县图书馆"
    assert signature.lines[-1] == "2025年1月8日" and signature.note == "（联系人：罗晓梅，联系电话：6215308）"
    assert isinstance(imprint, d.Imprint) and imprint.issuer == "安澜县图书馆办公室"
    assert imprint.cc is not None and "县文化广电和旅游体育局" in imprint.cc and imprint.issued.endswith("印发")


def test_tables_and_figures_are_numbered_through_the_report():
    doc = describe_year(TABLES, "2023")
    captions = [b for b in doc.blocks() if isinstance(b, d.Caption)]
    for kind in ("table", "figure"):
        numbers = [c.number for c in captions if c.kind == kind]
        assert numbers == list(range(1, len(numbers) + 1)), kind
    assert any(c.kind == "table" for c in captions) and any(c.kind == "figure" for c in captions)
    # a figure's caption follows its chart and names its number
    blocks = list(doc.blocks())
    for i, b in enumerate(blocks):
        if isinstance(b, d.Chart) and b.number is not None:
            after = blocks[i + 1]
            assert isinstance(after, d.Caption) and after.kind == "figure" and after.number == b.number
            assert str(b.number) in after.text


def test_official_example_describes_a_summary_only():
    doc = describe_year(OFFICIAL, "2023")
    assert not any(isinstance(b, d.Table) and b.name != "table" for b in doc.blocks())
    assert any(isinstance(b, d.Paragraph) and b.role == "paragraph" and b.text for b in doc.blocks())


def test_every_example_describes(tmp_path):
    for year in ("2021", "2019"):
        assert describe_year(PRISTINE, year).parts
    assert describe_year(EXAMPLES / "qinghe", "2023").parts
