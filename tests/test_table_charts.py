"""Charts of a table section (`chart:`): a bar chart of a series (到馆读者 2019—2023) and a pie chart of shares
(读者年龄结构), native charts Word and WPS can edit, in the template's chart fonts and theme colours, printed
after their table with a numbered caption, or alone where the report prints the figures only as a chart."""

from __future__ import annotations

import re
import shutil
import zipfile

from libreport.build import BuildOptions, build_year
from libreport.project import load_project

from .conftest import TABLES, needs_libreoffice
from .docxdump import blocks
from .test_structure import DATA, HEAD, build


def built_tables(tmp_path):
    shutil.copytree(TABLES, tmp_path / "tables", ignore=shutil.ignore_patterns("build"))
    result = build_year(load_project(tmp_path / "tables"), "2023", BuildOptions(toc="field"))
    assert result.docx is not None, [d.format() for d in result.diags.items]
    return result.docx


def part(docx, name: str) -> str:
    with zipfile.ZipFile(docx) as z:
        return z.read(name).decode("utf-8")


def test_a_bar_chart_of_a_series_printed_alone_and_a_pie_of_shares_under_its_table(tmp_path):
    docx = built_tables(tmp_path)
    bar, pie = part(docx, "word/charts/chart1.xml"), part(docx, "word/charts/chart2.xml")
    assert "<c:barChart>" in bar and "<c:pieChart>" in pie
    assert re.findall(r"<c:cat>.*?</c:cat>", bar)[0].count("年</c:v>") == 5
    assert re.findall(r"<c:val>.*?</c:val>", bar)[0].count("<c:v>") == 5 and "<c:v>68.35</c:v>" in bar
    assert "<c:legend>" not in bar  # one series: its caption says what it is
    # the pie's slices are the shares its table prints, each labelled with its category and value
    assert re.findall(r"<c:v>([\d.]+)</c:v>", pie) == ["12.2", "29.7", "41.5", "9.3", "7.4"]
    assert '<c:showCatName val="1"/>' in pie and 'formatCode="0.0&quot;%&quot;"' in pie
    assert ">新增注册读者年龄结构</a:t>" in pie  # its title:, printed inside the chart
    bs = blocks(docx)
    captions = [b.text for b in bs if b.style == "Caption"]
    assert captions == ["图 1 2019—2023 年到馆读者人次（万人次）", "表 1 2023 年新增注册读者年龄结构",
                        "图 2 2023 年新增注册读者年龄结构"]
    tables = [b.rows[0] for b in bs if b.kind == "table"]
    assert ["年份", "到馆读者（万人次）"] not in tables  # `table: false`: the series is printed as a chart only
    age = next(b for b in bs if b.kind == "table" and b.rows[0][0] == "年龄段")
    assert age.rows[-1] == ["合计", "19,862", "100.0"]
    # a caption under its chart ends the figure: it keeps with the chart above, not with the heading after it
    document = part(docx, "word/document.xml")
    at = document.index("图 1 2019—2023 年到馆读者人次")
    assert '<w:pStyle w:val="Caption"/><w:keepNext w:val="0"/>' in document[document.rindex("<w:p>", 0, at):at]


def test_the_charts_take_the_fonts_of_the_chart_style_and_the_colours_of_the_theme(tmp_path):
    docx = built_tables(tmp_path)
    theme = part(docx, "word/theme/theme1.xml")
    accents = [re.search(rf"<a:accent{n}>.*?val=\"(\w+)\"", theme, re.S).group(1) for n in range(1, 7)]
    pie = part(docx, "word/charts/chart2.xml")
    assert re.findall(r'<c:dPt><c:idx val="\d"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr val="(\w+)"',
                      pie) == accents[:5]
    styles = part(docx, "word/styles.xml")
    chart_style = styles[styles.index('w:styleId="Chart"'):]
    east_asian = re.search(r'w:eastAsia="([^"]+)"', chart_style[:chart_style.index("</w:style>")]).group(1)
    assert f'<a:ea typeface="{east_asian}"/>' in pie and f'<a:ea typeface="{east_asian}"/>' in \
        part(docx, "word/charts/chart1.xml")


def test_a_chart_caption_is_numbered_with_the_pictures_of_the_summary(tmp_path):
    report = HEAD + ("sections:\n  - {kind: summary, title: 概况}\n"
                     "  - {kind: table, title: 到馆读者, file: visits.yaml}\n")
    visits = ("columns:\n  - 年份\n  - {name: 到馆读者, type: number}\n"
              "rows:\n  - [2022 年, 52.17]\n  - [2023 年, 68.35]\n"
              "chart: {type: bar, caption: 近两年到馆读者}\n")
    result = build(tmp_path, {"report.yaml": report, "visits.yaml": visits,
                              "summary.md": "![阅读节开幕式](photos/a.jpg)\n",
                              "photos/a.jpg": (DATA / "photo.jpg").read_bytes()})
    bs = blocks(result.docx)
    assert [b.text for b in bs if b.style == "Caption"] == ["图 1 阅读节开幕式", "图 2 近两年到馆读者"]
    at = next(i for i, b in enumerate(bs) if b.kind == "table")
    assert bs[at + 1].style == "Chart" and bs[at + 2].text == "图 2 近两年到馆读者"


def test_a_chart_of_figures_still_to_fill_is_not_drawn(tmp_path):
    report = HEAD + "sections:\n  - {kind: table, title: 到馆读者, file: visits.yaml}\n"
    visits = ("columns:\n  - 年份\n  - {name: 到馆读者, type: number}\n"
              "rows:\n  - [2022 年, ~]\n  - [2023 年, ~]\nchart: {type: pie}\n")
    result = build(tmp_path, {"report.yaml": report, "visits.yaml": visits})
    with zipfile.ZipFile(result.docx) as z:
        assert not [n for n in z.namelist() if n.startswith("word/charts/")]


# -- laid out by LibreOffice, once ------------------------------------------------------------------------

@needs_libreoffice()
def test_laid_out_each_chart_stands_with_its_caption_and_the_pie_under_its_table(layouts):
    from .test_libreoffice import layout_lines

    built = layouts.tables()
    assert built.run.returncode == 0, built.run.stderr
    pages = layout_lines(built.pdf)
    bar = next(page for page in pages if "图12019—2023年到馆读者人次（万人次）" in page)
    assert {"61.83", "24.06", "38.90", "52.17", "68.35"} <= {w for line in bar for w in re.findall(r"[\d.]+", line)}
    pie = next(page for page in pages if "图22023年新增注册读者年龄结构" in page)
    text = "".join(pie)
    assert "表12023年新增注册读者年龄结构" in text and "合计19,862100.0" in text  # the table, then its chart
    for label in ("7-12岁", "41.5%", "0-3岁", "12.2%"):
        assert label in text
