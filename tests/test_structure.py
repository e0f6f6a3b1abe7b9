"""A report shaped like the library's own: free structure, house heading numbers, run-in headings, lists,
emphasis, pictures, document kind, letterhead and signature — all from the sources, no code change.

Reports are built in-process and read back with python-docx.
"""

from __future__ import annotations

import re
import struct
import zipfile
import zlib
from pathlib import Path

import pytest

from libreport.build import BuildOptions, build_year
from libreport.headings import FormError, parse_form
from libreport.pipeline import check_year
from libreport.project import load_project

from .docxdump import blocks

DATA = Path(__file__).resolve().parent / "data"
HEAD = "library: 青禾市图书馆\nyear: 2023\n"


def png(width: int, height: int) -> bytes:
    """A whole, valid PNG of one colour."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    raw = b"".join(b"\x00" + b"\x80\x80\x80" * width for _ in range(height))
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


def year(tmp_path: Path, files: dict[str, str | bytes]) -> Path:
    folder = tmp_path / "years" / "2023"
    for name, content in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    (tmp_path / "libreport.yaml").write_text(
        "sources: years\noutput: out\n", encoding="utf-8")  # the bundled templates
    return tmp_path


def build(tmp_path: Path, files: dict[str, str | bytes]):
    project = load_project(year(tmp_path, files))
    result = build_year(project, "2023", BuildOptions(toc="field"))
    assert result.docx is not None, [d.format() for d in result.diags.items]
    return result


def problems(tmp_path: Path, files: dict[str, str | bytes]) -> list[tuple[str, int | None, int | None, str]]:
    result = check_year(load_project(year(tmp_path, files)), "2023")
    return [(d.code, d.line, d.column, d.message) for d in result.diags.sorted()]


def paragraphs(docx: Path) -> list[tuple[str, str]]:
    return [(b.style, b.text) for b in blocks(docx) if b.kind == "p" and b.text]


def body(docx: Path) -> list[tuple[str, str]]:
    """The report proper: what follows the cover and the table of contents (a report without headings has none)."""
    ps = paragraphs(docx)
    front = ("TOC", "Title", "Subtitle", "CoverLine")  # style ids
    return ps[max((i for i, (s, _) in enumerate(ps) if s.startswith(front)), default=-1) + 1:]


# -- structure: parts are optional, one heading where there is one title ------------------------------

def test_sections_listed_at_the_top_level_are_numbered_parts_each_under_one_heading(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary, title: 工作总结}\n"
                              "  - {kind: chronicle, title: 大事记}\n",
        "summary.md": "全年开放 360 天。\n\n# 阅读推广\n\n举办活动。\n",
        "chronicle.yaml": "- {date: 3月5日, text: 学雷锋志愿服务。}\n"})
    ps = paragraphs(result.docx)
    assert [t for s, t in ps if s == "Heading1"] == ["一、工作总结", "二、大事记"]
    assert [t for s, t in ps if s == "Heading2"] == []
    toc = [(s, t) for s, t in ps if s in ("TOC1", "TOC2")]
    # the summary's # heading stands at the second level of the whole report: it is listed under its part
    assert toc == [("TOC1", "一、工作总结"), ("TOC2", "一、阅读推广"), ("TOC1", "二、大事记")]


def test_a_part_holding_one_section_of_its_own_title_prints_one_heading(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "parts:\n  - title: 大事记\n    sections:\n      - {kind: chronicle, title: 大事记}\n",
        "chronicle.yaml": "- {date: 3月5日, text: 学雷锋志愿服务。}\n"})
    ps = paragraphs(result.docx)
    assert [(s, t) for s, t in ps if s in ("Heading1", "Heading2", "TOC1", "TOC2")] == [("TOC1", "一、大事记"),
                                                                            ("Heading1", "一、大事记")]


def test_sections_without_a_title_continue_the_text_and_its_heading_numbers(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "kind: 工作总结\nsections:\n  - {kind: summary, file: part1.md}\n"
                              "  - {kind: summary, file: part2.md}\n",
        "part1.md": "# 主要工作\n\n做了很多。\n\n# 存在的问题\n\n仍有不足。\n",
        "part2.md": "# 明年打算\n\n继续努力。\n"})
    ps = body(result.docx)
    assert [t for s, t in ps if s.startswith("Heading")] == ["一、主要工作", "二、存在的问题", "三、明年打算"]
    # with no part or section heading above them, the summary's own # headings are the outline's first level
    toc = [(s, t) for s, t in paragraphs(result.docx) if s in ("TOC1", "TOC2")]
    assert toc == [("TOC1", "一、主要工作"), ("TOC1", "二、存在的问题"), ("TOC1", "三、明年打算")]
    doc = zipfile.ZipFile(result.docx).read("word/document.xml").decode()
    assert doc.count('<w:outlineLvl w:val="0"/>') == 3  # Word rebuilds the same TOC from these


def test_parts_and_sections_together_or_neither_are_named_at_their_line(tmp_path):
    both = problems(tmp_path / "a", {"report.yaml": HEAD + "parts: []\nsections: []\n"})
    assert ("report-contents", 4, 1) in [p[:3] for p in both]
    neither = problems(tmp_path / "b", {"report.yaml": HEAD})
    assert [p[:3] for p in neither] == [("report-contents", 1, 1)]


# -- the document kind, letterhead and signature -------------------------------------------------------

def test_kind_names_the_file_and_the_cover(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "kind: 工作总结\nsections:\n  - {kind: summary}\n",
                              "summary.md": "全年开放 360 天。\n"})
    assert result.docx.name == "青禾市图书馆2023年工作总结.docx"
    assert paragraphs(result.docx)[0] == ("Title", "青禾市图书馆 2023 年工作总结")


def test_an_annual_report_is_the_default_kind(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
                              "summary.md": "全年开放 360 天。\n"})
    assert result.docx.name == "青禾市图书馆2023年年报.docx"


def test_letterhead_opens_the_report_and_the_signature_closes_it(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "kind: 工作总结\nletterhead: 青禾市图书馆文件\n"
                              "signature: {organisation: [青禾市图书馆, 青禾市少年儿童图书馆], date: 2024-01-15}\n"
                              "sections:\n  - {kind: summary}\n",
        "summary.md": "全年开放 360 天。\n"})
    ps = body(result.docx)
    assert ps[0] == ("Letterhead", "青禾市图书馆文件")
    assert ps[-3:] == [("Signature", "青禾市图书馆"), ("Signature", "青禾市少年儿童图书馆"),
                       ("Signature", "2024年1月15日")]


def test_the_signature_is_the_library_unless_it_says_otherwise(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "signature: {date: 2024年1月8日}\nsections:\n  - {kind: summary}\n",
                              "summary.md": "全年开放 360 天。\n"})
    assert body(result.docx)[-2:] == [("Signature", "青禾市图书馆"), ("Signature", "2024年1月8日")]


def test_a_signature_date_is_checked(tmp_path):
    found = problems(tmp_path / "a", {"report.yaml": HEAD + "signature: {date: 2024年13月8日}\nsections:\n"
                                                            "  - {kind: summary}\n", "summary.md": "文字。\n"})
    assert [p[:3] for p in found] == [("impossible-date", 3, 19)]
    early = problems(tmp_path / "b", {"report.yaml": HEAD + "signature: {date: 2022-12-30}\nsections:\n"
                                                            "  - {kind: summary}\n", "summary.md": "文字。\n"})
    assert [p[:3] for p in early] == [("signature-date", 3, 19)]


# -- heading numbers in the house style ---------------------------------------------------------------

@pytest.mark.parametrize("form,numbers", [
    ("一、", ["一、", "二、", "十一、"]), ("（一）", ["（一）", "（二）", "（十一）"]), ("1.", ["1.", "2.", "11."]),
    ("1、", ["1、", "2、", "11、"]), ("（1）", ["（1）", "（2）", "（11）"]), ("①", ["①", "②", "⑪"]),
    ("第一部分 ", ["第一部分 ", "第二部分 ", "第十一部分 "]), ("", ["", "", ""]),
])
def test_a_numbering_form_is_the_first_number_as_printed(form, numbers):
    parsed = parse_form(form)
    assert [parsed.format(n) for n in (1, 2, 11)] == numbers


@pytest.mark.parametrize("form", ["、", "A.", "10."])
def test_a_numbering_form_must_show_where_the_number_goes(form):
    with pytest.raises(FormError):
        parse_form(form)


def test_numbering_in_report_yaml_numbers_parts_sections_and_summary_levels(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "numbering:\n  parts: '第一部分 '\n  sections: （一）\n"
                              "  summary: [一、, （一）, 1., （1）]\n"
                              "parts:\n  - title: 年度概况\n    sections:\n"
                              "      - {kind: summary, title: 工作总结}\n      - {kind: chronicle, title: 大事记}\n",
        "summary.md": "# 阅读推广\n\n## 读书月\n\n### 开幕式\n\n#### 领导致辞\n\n文字。\n\n### 闭幕式\n\n文字。\n",
        "chronicle.yaml": "- {date: 3月5日, text: 学雷锋志愿服务。}\n"})
    heads = [t for s, t in body(result.docx) if s.startswith("Heading")]
    assert heads == ["第一部分 年度概况", "（一）工作总结", "一、阅读推广", "（一）读书月", "1.开幕式", "（1）领导致辞",
                     "2.闭幕式", "（二）大事记"]


def test_a_numbering_form_without_a_number_is_named_at_its_line(tmp_path):
    found = problems(tmp_path, {"report.yaml": HEAD + "numbering:\n  summary: [一、, 甲、]\nsections:\n"
                                                      "  - {kind: summary}\n", "summary.md": "文字。\n"})
    assert [p[:3] for p in found] == [("numbering-form", 4, 17)]
    assert "'甲、'" in found[0][3]


def test_run_in_headings_open_the_paragraph_after_them(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "numbering:\n  summary: [一、, （一）, 1.]\n  run_in: 3\n"
                              "sections:\n  - {kind: summary}\n",
        "summary.md": "# 阅读推广\n\n## 读书月\n\n### 开幕式隆重。\n\n四月举行，\n读者踊跃。\n\n### 名家讲座。\n\n"
                      "- 第一讲\n"})
    ps = body(result.docx)
    assert ("Normal", "1.开幕式隆重。四月举行，读者踊跃。") in ps
    assert ("Normal", "2.名家讲座。") in ps  # followed by a list, not a paragraph: on a line of its own
    doc = zipfile.ZipFile(result.docx).read("word/document.xml").decode()
    run_in = '<w:rStyle w:val="Strong"/><w:rFonts w:hint="eastAsia"/></w:rPr><w:t xml:space="preserve">1.开幕式隆重。'
    assert run_in in doc


# -- numbering of a part, a group or a section of its own ------------------------------------------------

def test_a_summary_section_numbers_its_headings_its_own_way_and_the_text_after_it_goes_back(tmp_path):
    # the printed report numbers its third level 1. under （一） and 1． under （二）: the narrative is written in
    # three files at the changes, each continuing the numbers of the one before
    result = build(tmp_path, {
        "report.yaml": HEAD + "numbering:\n  summary: [一、, （一）, \"1. \"]\n  run_in: 3\nsections:\n"
                              "  - {kind: summary, file: a.md}\n"
                              "  - {kind: summary, file: b.md, numbering: {summary: [一、, （一）, 1．]}}\n"
                              "  - {kind: summary, file: c.md}\n",
        "a.md": "# 深化全民阅读推广\n\n## 品牌活动提质增效\n\n### 阅读推广活动。\n\n全年举办活动。\n",
        "b.md": "## 阅读服务向特殊群体延伸\n\n### 视障读者服务。\n\n送书上门。\n\n### 老年读者服务。\n\n开设课堂。\n",
        "c.md": "## 拓展社会合作\n\n### 书香校园。\n\n共建计划。\n\n# 推进总分馆体系建设\n\n新建分馆。\n"})
    texts = [t for _s, t in body(result.docx)]
    assert texts == ["一、深化全民阅读推广", "（一）品牌活动提质增效", "1. 阅读推广活动。全年举办活动。",
                     "（二）阅读服务向特殊群体延伸", "1．视障读者服务。送书上门。", "2．老年读者服务。开设课堂。",
                     "（三）拓展社会合作", "1. 书香校园。共建计划。", "二、推进总分馆体系建设", "新建分馆。"]


def test_a_part_numbers_its_own_sections(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "parts:\n  - title: 年度概况\n    sections:\n      - {kind: summary, title: 工作总结}\n"
                              "  - title: 业务统计\n    numbering: {sections: （一）}\n    sections:\n"
                              "      - {kind: table, title: 分馆, file: a.yaml}\n"
                              "      - {kind: table, title: 服务点, file: a.yaml}\n",
        "summary.md": "全年开放 360 天。\n", "a.yaml": "columns: [馆名]\nrows: [[中心馆]]\n"})
    heads = [(s, t) for s, t in body(result.docx) if s.startswith("Heading")]
    assert heads == [("Heading1", "一、年度概况"), ("Heading2", "工作总结"), ("Heading1", "二、业务统计"),
                     ("Heading2", "（一）分馆"), ("Heading2", "（二）服务点")]


def test_a_numbering_sets_only_what_lies_within_its_entry(tmp_path):
    found = problems(tmp_path, {"report.yaml": HEAD + "sections:\n"
                                                      "  - {kind: summary, numbering: {parts: 第一部分}}\n",
                                "summary.md": "文字。\n"})
    assert [p[:3] for p in found] == [("unknown-key", 4, 33)]
    assert "expected one of summary, run_in" in found[0][3]


# -- groups: sections under a heading of their own inside a part ---------------------------------------

READERS = "columns:\n  - 年龄段\n  - {name: 人数, type: number}\ntotal: 合计\nrows:\n  - [18 岁及以下, 10196]\n"
GROUPED = HEAD + """parts:
  - title: 业务统计
    sections:
      - {kind: table, title: 主要业务数据, file: a.yaml}
      - title: 读者结构
        sections:
          - {kind: table, title: 按年龄, file: age.yaml}
          - {kind: table, title: 按职业, file: job.yaml}
      - {kind: table, title: 数字资源, file: a.yaml}
"""


def test_a_group_prints_its_title_as_a_section_and_its_sections_numbered_below_it(tmp_path):
    result = build(tmp_path, {"report.yaml": GROUPED, "a.yaml": "columns: [项目]\nrows: [[藏量]]\n",
                              "age.yaml": READERS, "job.yaml": READERS.replace("年龄段", "职业")})
    heads = [(s, t) for s, t in paragraphs(result.docx) if s.startswith(("Heading", "TOC1", "TOC2"))]
    assert heads == [("TOC1", "一、业务统计"), ("TOC2", "主要业务数据"), ("TOC2", "读者结构"), ("TOC2", "数字资源"),
                     ("Heading1", "一、业务统计"), ("Heading2", "主要业务数据"), ("Heading2", "读者结构"),
                     ("Heading3", "（一）按年龄"), ("Heading3", "（二）按职业"), ("Heading2", "数字资源")]


def test_a_group_numbers_its_sections_as_its_numbering_says_and_is_left_out_with_them(tmp_path):
    numbered = GROUPED.replace("      - title: 读者结构\n",
                               "      - title: 读者结构\n        numbering: {subsections: 1.}\n")
    result = build(tmp_path / "a", {"report.yaml": numbered, "a.yaml": "columns: [项目]\nrows: [[藏量]]\n",
                                    "age.yaml": READERS, "job.yaml": READERS})
    assert [t for s, t in body(result.docx) if s == "Heading3"] == ["1.按年龄", "2.按职业"]
    empty = build(tmp_path / "b", {"report.yaml": GROUPED, "a.yaml": "columns: [项目]\nrows: [[藏量]]\n",
                                   "age.yaml": "columns: [年龄段]\nrows: []\n",
                                   "job.yaml": "columns: [职业]\nrows: []\n"})
    assert [t for s, t in body(empty.docx) if s.startswith("Heading")] == ["一、业务统计", "主要业务数据", "数字资源"]


# -- Markdown -------------------------------------------------------------------------------------------

def test_lists_are_list_paragraphs_one_per_item(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "主要做法：\n\n- 延长开放时间\n- 增设自助借还机\n  - 总馆 4 台\n\n3. 第三项\n4. 第四项\n"})
    items = [(s, t) for s, t in body(result.docx) if s == "ListParagraph"]
    assert items == [("ListParagraph", "• 延长开放时间"), ("ListParagraph", "• 增设自助借还机"),
                     ("ListParagraph", "• 总馆 4 台"), ("ListParagraph", "3. 第三项"), ("ListParagraph", "4. 第四项")]


def test_emphasis_becomes_bold_and_italic_runs_even_beside_chinese_punctuation(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "荣获**“全国文明单位”**称号，*首次*获评。\n"})
    assert body(result.docx)[0] == ("Normal", "荣获“全国文明单位”称号，首次获评。")
    doc = zipfile.ZipFile(result.docx).read("word/document.xml").decode()
    assert '<w:b/><w:bCs/></w:rPr><w:t xml:space="preserve">“全国文明单位”</w:t>' in doc
    assert '<w:i/><w:iCs/></w:rPr><w:t xml:space="preserve">首次</w:t>' in doc


def test_figures_are_quoted_as_before_and_lines_of_chinese_join_without_spaces(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n  - {kind: statistics, title: 统计}\n",
        "statistics.yaml": "items:\n  - {name: 总流通人次, unit: 人次, value: 1266520}\n",
        "summary.md": "接待读者 **{{ stats['总流通人次'] | duo }}**人次，\n同比增长。\nOpen\ndata.\n"})
    assert body(result.docx)[0] == ("Normal", "接待读者 126 万多人次，同比增长。Open data.")


def test_lines_ending_or_starting_in_chinese_quotes_join_without_a_space(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "累计建成“城市书房”\n{{ 11 }}个，“岚州方志库”\n“岚州老照片库”完成更新。\n"})
    assert body(result.docx)[0] == ("Normal", "累计建成“城市书房”11个，“岚州方志库”“岚州老照片库”完成更新。")


def test_an_asterisk_inside_an_expression_is_arithmetic_not_emphasis(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "共 {{ 3 * 4 }} 场，{{ 2 * 5 }} 天。\n"})
    assert body(result.docx)[0] == ("Normal", "共 12 场，10 天。")


def test_what_markdown_can_say_but_a_report_cannot_print_is_a_warning_at_its_line(tmp_path):
    found = problems(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "开放 **360 天。\n\n> 引文\n\n---\n\n见[官网](https://example.org)。\n\n"
                      "| 甲 | 乙 |\n|---|---|\n| 1 | 2 |\n\n<!-- 写作备注：不印出 -->\n\n##### 第五级\n\n"
                      "    缩进的段落不是代码。\n"})
    assert [(code, line) for code, line, _col, _msg in found] == [
        ("markdown", 1), ("markdown", 3), ("markdown", 5), ("markdown", 7), ("markdown", 9), ("markdown", 15)]


def test_data_is_never_read_as_markdown(tmp_path):
    result = build(tmp_path, {
        "report.yaml": "library: '**青禾**市图书馆'\nyear: 2023\nsections:\n  - {kind: summary}\n",
        "summary.md": "{{ library }}全年开放。\n"})
    assert body(result.docx)[0] == ("Normal", "**青禾**市图书馆全年开放。")


# -- pictures ------------------------------------------------------------------------------------------

def test_pictures_are_embedded_scaled_to_the_text_width_with_numbered_captions(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
        "summary.md": "读书月现场：\n\n![读书月开幕式](photos/open.jpg)\n\n![各月到馆人次](charts/visits.png)\n",
        "photos/open.jpg": (DATA / "photo.jpg").read_bytes(),
        "charts/visits.png": png(200, 100)})
    assert [t for s, t in body(result.docx) if s == "Caption"] == ["图 1 读书月开幕式", "图 2 各月到馆人次"]
    with zipfile.ZipFile(result.docx) as z:
        names = z.namelist()
        media = sorted(n for n in names if n.startswith("word/media/"))
        assert [z.read(n) for n in media] == [(DATA / "photo.jpg").read_bytes(), png(200, 100)]
        types = z.read("[Content_Types].xml").decode()
        assert 'Extension="png" ContentType="image/png"' in types and 'Extension="jpeg"' in types
        doc = z.read("word/document.xml").decode()
        rels = z.read("word/_rels/document.xml.rels").decode()
    from docx import Document

    shapes = Document(str(result.docx)).inline_shapes
    assert len(shapes) == 2
    width = shapes[0].width
    assert shapes[1].width == width  # both to the text width
    assert abs(shapes[0].height / width - 48 / 64) < 0.001 and abs(shapes[1].height / width - 0.5) < 0.001
    assert doc.count("r:embed=") == 2 and rels.count("relationships/image") == 2
    # a picture keeps with the caption under it; the caption keeps with nothing, so no page is left half empty
    captions = re.findall(r'<w:p><w:pPr><w:pStyle w:val="Caption"/>(.*?)</w:pPr>', doc)
    assert captions and all('<w:keepNext w:val="0"/>' in c for c in captions)


def test_a_tall_picture_is_kept_within_the_page(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
                              "summary.md": "![长图](tall.png)\n", "tall.png": png(10, 100)})
    from docx import Document

    [shape] = Document(str(result.docx)).inline_shapes
    assert shape.height.cm < 14 and abs(shape.height / shape.width - 10) < 0.01


@pytest.mark.parametrize("src,content,variant", [
    ("photos/none.jpg", None, "there is no picture photos/none.jpg"),
    ("../outside.png", b"", "lies outside the year folder"),
    ("/etc/hostname", None, "lies outside the year folder"),
    ("https://example.org/a.jpg", None, "is not a file in the year folder"),
    ("anim.gif", b"GIF89a\x01\x00\x01\x00", "is not JPEG or PNG (GIF)"),
    ("cut.png", png(20, 20)[:40], "is not a whole PNG file"),
    ("cut.jpg", (DATA / "photo.jpg").read_bytes()[:200], "is not a whole JPEG file"),
    ("huge.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + struct.pack(">II", 60000, 60000) + b"\x08\x02\x00\x00\x00"
     + b"\x00" * 4 + b"\x00\x00\x00\x00IEND\xaeB`\x82", "60000 × 60000 pixels"),
])
def test_a_picture_that_cannot_be_printed_is_an_error_at_its_line_and_column(tmp_path, src, content, variant):
    files: dict[str, str | bytes] = {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
                                     "summary.md": f"文字。\n\n见下图 ![图]({src})\n"}
    if content is not None and not src.startswith(".."):
        files[src] = content
    if src.startswith(".."):
        (tmp_path / "years").mkdir(parents=True, exist_ok=True)
        (tmp_path / "years" / "outside.png").write_bytes(png(2, 2))
    found = problems(tmp_path, files)
    assert [(code, line, col) for code, line, col, _ in found if code == "picture"] == [("picture", 3, 5)]
    assert variant in next(msg for code, *_x, msg in found if code == "picture")
    result = build_year(load_project(tmp_path), "2023", BuildOptions(toc="field"))
    assert result.docx is None and not (tmp_path / "out").exists()  # never a broken document


def test_a_symbolic_link_out_of_the_year_folder_is_refused(tmp_path):
    (tmp_path / "secret.png").write_bytes(png(2, 2))
    files: dict[str, str | bytes] = {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
                                     "summary.md": "![图](link.png)\n"}
    year(tmp_path, files)
    (tmp_path / "years/2023/link.png").symlink_to(tmp_path / "secret.png")
    found = problems(tmp_path, files)
    assert [(code, line) for code, line, _c, _m in found] == [("picture", 1)]


def turned_jpeg(orientation: int) -> bytes:
    """The test photo with an EXIF note saying how to turn it, as phones store photos taken sideways."""
    tiff = b"MM\x00*\x00\x00\x00\x08" + struct.pack(">H", 1) + struct.pack(">HHIHH", 0x0112, 3, 1, orientation, 0)
    app1 = b"Exif\x00\x00" + tiff + b"\x00\x00\x00\x00"
    data = (DATA / "photo.jpg").read_bytes()
    return data[:2] + b"\xff\xe1" + struct.pack(">H", len(app1) + 2) + app1 + data[2:]


def test_a_photo_stored_turned_is_a_warning_since_word_would_show_it_on_its_side(tmp_path):
    files: dict[str, str | bytes] = {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n",
                                     "summary.md": "![活动现场](photo.jpg)\n", "photo.jpg": turned_jpeg(6)}
    assert [(code, line) for code, line, _c, _m in problems(tmp_path / "a", files)] == [("picture-turned", 1)]
    files["photo.jpg"] = turned_jpeg(1)
    assert problems(tmp_path / "b", files) == []
