"""A transcription prints what the printed report prints: parts named only in the running header, stated
ratios across units, nothing printed for a list with nothing in it, dates as printed, 其中 on every row that
has it, and each table grouping thousands its own way.

Reports are built in-process and read back with python-docx.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from docx import Document

from libreport.build import BuildOptions, build_year
from libreport.pipeline import check_year
from libreport.project import load_project

from .conftest import run_cli
from .docxdump import blocks

HEAD = "library: 临溪区图书馆\nyear: 2020\n"


def year(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "years" / "2020"
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        (folder / name).write_text(content, encoding="utf-8")
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    return tmp_path


def build(tmp_path: Path, files: dict[str, str]) -> Path:
    result = build_year(load_project(year(tmp_path, files)), "2020", BuildOptions(toc="field"))
    assert result.docx is not None, [d.format() for d in result.diags.items]
    return result.docx


def problems(tmp_path: Path, files: dict[str, str]) -> list[tuple[str, str, int | None, str]]:
    result = check_year(load_project(year(tmp_path, files)), "2020")
    return [(d.code, d.file.name if d.file else "", d.line, d.message) for d in result.diags.sorted()]


def headings(docx: Path) -> list[tuple[str, str]]:
    return [(b.style, b.text) for b in blocks(docx)
            if b.kind == "p" and b.text and b.style.startswith(("Heading", "TOC")) and b.style != "TOCHeading"]


def tables(docx: Path) -> list[list[list[str]]]:
    return [b.rows or [] for b in blocks(docx) if b.kind == "table"]


def running_headers(docx: Path) -> list[str]:
    doc = Document(str(docx))
    return [" ".join(p.text for p in s.header.paragraphs).strip() for s in doc.sections
            if not s.header.is_linked_to_previous]


CHRONICLE = "- {date: 1月24日, text: 总馆暂停对外开放。}\n"
AWARDS = "- {name: 全民阅读推广优秀单位, by: 望川市图书馆学会, date: 2020-12}\n"
STATISTICS = "items:\n  - {name: 藏量, unit: 册, value: 858410}\n"


# -- 1. parts named only in the running header ------------------------------------------------------

def test_a_part_with_a_header_and_no_title_prints_no_heading_but_heads_its_pages(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "parts:\n"
                              "  - header: 年度概况\n    sections:\n      - {kind: awards, title: 荣誉表彰}\n"
                              "  - header: 业务统计\n    sections:\n      - {kind: statistics, title: 综合统计}\n"
                              "  - title: 大事记\n    sections:\n      - {kind: chronicle, title: 大事记}\n",
        "awards.yaml": AWARDS, "statistics.yaml": STATISTICS, "chronicle.yaml": CHRONICLE})
    # no 一、年度概况 in the body or the contents: its sections are the outline's first level; the next part
    # with a title is numbered 一、, the first heading a part prints
    assert headings(docx) == [("TOC1", "荣誉表彰"), ("TOC1", "综合统计"), ("TOC1", "一、大事记"),
                              ("Heading2", "荣誉表彰"), ("Heading2", "综合统计"), ("Heading1", "一、大事记")]
    assert running_headers(docx) == ["年度概况", "业务统计", "大事记"]
    # Word rebuilds the same contents from the outline levels
    assert zipfile.ZipFile(docx).read("word/document.xml").decode().count('<w:outlineLvl w:val="0"/>') == 2


def test_a_part_needs_a_title_or_a_header_and_some_sections(tmp_path):
    found = problems(tmp_path, {
        "report.yaml": HEAD + "parts:\n  - sections:\n      - {kind: awards, title: 荣誉表彰}\n"
                              "  - header: 业务统计\n    sections: []\n",
        "awards.yaml": AWARDS})
    assert [(code, line) for code, _f, line, _m in found] == [("missing-key", 4), ("empty", 7)]
    assert "neither a title" in found[0][3] and "header" in found[0][3]


# -- 3. an empty listed thing never prints a header alone ----------------------------------------------

def test_a_staff_distribution_without_groups_prints_nothing_and_is_still_to_fill(tmp_path):
    files = {
        "report.yaml": HEAD + "parts:\n  - title: 年度概况\n    sections:\n"
                              "      - {kind: staff, title: 人员结构}\n      - {kind: awards, title: 荣誉表彰}\n",
        "awards.yaml": AWARDS,
        "staff.yaml": "- name: 职称结构\n  groups: []\n"
                      "- name: 学历结构\n  groups:\n    - {label: 本科, count: 20}\n    - {label: 硕士, count: 5}\n"}
    docx = build(tmp_path, files)
    texts = [text for _style, text in headings(docx)] + [b.text for b in blocks(docx) if b.kind == "p"]
    assert not any("职称结构" in text for text in texts)
    assert [t[0] for t in tables(docx)] == [["类别", "人数", "比例"], ["序号", "奖项名称", "颁奖部门", "获奖时间"]]
    assert ("to-fill", "staff.yaml", 2, "staff.yaml: 职称结构 has no groups yet; its table is left out of the "
            "report until it has") in problems(tmp_path, files)


def test_a_staff_section_whose_distributions_are_all_empty_is_left_out_with_its_heading(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "parts:\n  - title: 年度概况\n    sections:\n"
                              "      - {kind: staff, title: 人员结构}\n      - {kind: awards, title: 荣誉表彰}\n",
        "awards.yaml": AWARDS,
        "staff.yaml": "- name: 职称结构\n  groups:\n- name: 学历结构\n  groups:\n    - label: 本科\n      count:\n"})
    assert "人员结构" not in [text for _style, text in headings(docx)]
    assert len(tables(docx)) == 1


def test_a_group_row_with_nothing_under_it_is_left_out_and_the_numbers_run_on(tmp_path):
    files = {
        "report.yaml": HEAD + "sections:\n  - {kind: statistics, title: 综合统计}\n",
        "statistics.yaml": "items:\n  - {name: 藏量, unit: 册, value: 858410, of_which: []}\n"
                           "  - name: 为读者举办各种活动\n    parts: []\n"
                           "  - {name: 分馆数, unit: 个, value: 11}\n"}
    docx = build(tmp_path, files)
    assert [row[:2] for row in tables(docx)[0]] == [["序号", "项目"], ["1", "藏量"], ["2", "分馆数"]]
    said = [(code, line, message) for code, _f, line, message in problems(tmp_path, files)]
    assert ("to-fill", 2, "statistics.yaml: 藏量 lists no of_which yet") in said
    assert ("to-fill", 3, "statistics.yaml: 为读者举办各种活动 has neither a value nor rows under it yet; it is "
            "left out of the table until it has") in said


def test_a_statistics_table_of_empty_group_rows_is_left_out_with_its_heading(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: statistics, title: 综合统计}\n"
                              "  - {kind: chronicle, title: 大事记}\n",
        "statistics.yaml": "items:\n  - {name: 为读者举办各种活动}\n", "chronicle.yaml": CHRONICLE})
    assert [text for style, text in headings(docx) if style.startswith("Heading")] == ["一、大事记"]
    assert tables(docx) == []


def test_a_summary_with_nothing_to_print_is_left_out_with_its_heading(tmp_path):
    files = {
        "report.yaml": HEAD + "parts:\n  - title: 年度概况\n    sections:\n"
                              "      - {kind: summary, title: 工作总结}\n      - {kind: awards, title: 荣誉表彰}\n",
        "summary.md": "<!-- 待写：全年工作概况 -->\n", "awards.yaml": AWARDS}
    docx = build(tmp_path, files)
    assert [text for style, text in headings(docx) if style.startswith("Heading")] == ["一、年度概况", "荣誉表彰"]
    assert ("to-fill", "summary.md", 1) in [p[:3] for p in problems(tmp_path, files)]


# -- 4. dates as the report prints them ---------------------------------------------------------------

COVERAGE_MIXED = """\
dates: as-written
rows:
  - {date: 2020.1.30, outlet: 临溪发布微信公众号, section: —, title: 宅家也能逛图书馆}
  - {date: 2020年2月6日, outlet: 望川日报, section: A05, title: 闭馆不闭服务}
  - {date: 2020 年 7 月 20 日, outlet: 望川日报, section: A06, title: 临溪讲坛恢复线下开讲}
  - {date: 2020-12-21, outlet: 图书馆报, section: A08, title: 总分馆一体化}
"""


def test_coverage_dates_print_as_written_when_the_file_says_so(tmp_path):
    docx = build(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: coverage, title: 媒体报道}\n",
                            "coverage.yaml": COVERAGE_MIXED})
    # a row written 2020-12-21 (as `import` writes them) is worded by the template: no report prints that form
    assert [row[1] for row in tables(docx)[0]] == ["日期", "2020.1.30", "2020年2月6日", "2020 年 7 月 20 日",
                                                   "2020.12.21"]


def test_shown_prints_the_printed_date_of_one_row_and_the_date_is_still_checked(tmp_path):
    files = {"report.yaml": HEAD + "sections:\n  - {kind: coverage, title: 媒体报道}\n"
                                   "  - {kind: awards, title: 荣誉表彰}\n",
             "coverage.yaml": "- {date: 2020-02-06, shown: 2020年2月6日, outlet: 望川日报, section: A05, title: 闭馆}\n"
                              "- {date: 2020-03-05, outlet: 望川晚报, section: A08, title: 云志愿}\n"
                              "- {date: 2019-12-30, shown: 2020年12月30日, outlet: 图书馆报, section: A08, "
                              "title: 回顾}\n",
             "awards.yaml": "- {name: 先进集体, date: 2020-03}\n"
                            "- {name: 优秀品牌项目, date: 2020-11, shown: 2020年11月}\n"}
    said = [(code, f, line) for code, f, line, _m in problems(tmp_path, files)]
    assert said == [("date-outside-year", "coverage.yaml", 3)]  # what is checked is `date:`, not the words shown
    files["coverage.yaml"] = files["coverage.yaml"].replace("2019-12-30", "2020-12-30")
    docx = build(tmp_path, files)
    coverage, awards = tables(docx)
    assert [row[1] for row in coverage[1:]] == ["2020年2月6日", "2020.3.5", "2020年12月30日"]
    assert [row[-1] for row in awards[1:]] == ["2020 年 3 月", "2020年11月"]


def test_award_dates_print_as_written_when_the_file_says_so(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: awards, title: 荣誉表彰}\n",
        "awards.yaml": "dates: as-written\nrows:\n  - {name: 先进集体, date: 2020 年 3 月}\n"
                       "  - {name: 优秀品牌项目, date: 2020年11月}\n  - {name: 优秀组织单位, date: 2020-05}\n"})
    assert [row[-1] for row in tables(docx)[0][1:]] == ["2020 年 3 月", "2020年11月", "2020 年 5 月"]


def test_shown_without_a_date_and_an_unknown_date_style_are_named(tmp_path):
    found = problems(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: awards, title: 荣誉表彰}\n",
        "awards.yaml": "dates: as-printed\nrows:\n  - {name: 先进集体, shown: 2020年度}\n"})
    assert [(code, line) for code, _f, line, _m in found] == [("type", 1), ("missing-key", 3)]
    assert "template / as-written" in found[0][3]


# -- 5. 其中 on the rows that print it ----------------------------------------------------------------

def test_label_prints_the_words_before_an_item_as_the_report_does(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: statistics, title: 综合统计}\n",
        "statistics.yaml": """\
items:
  - name: 藏量
    unit: 册、件
    value: 823614
    parts:
      - name: 图书
        unit: 册
        value: 823614
        of_which:
          - {name: 少儿图书, unit: 册, value: 246308}
          - {name: 盲文图书, unit: 册, value: 412, label: 其中}
    of_which_label: 在藏量中
    of_which:
      - {name: 开架书刊, unit: 册, value: 756200}
      - {name: 少儿文献, unit: 册, value: 246308}
  - name: 计算机台数
    unit: 台
    value: 146
    of_which:
      - {name: 供读者使用的终端数, unit: 台, value: 98, label: ""}
"""})
    assert [row[1].strip("\u3000") for row in tables(docx)[0][1:]] == [
        "藏量", "图书", "其中：少儿图书", "其中：盲文图书", "在藏量中：开架书刊", "少儿文献", "计算机台数",
        "供读者使用的终端数"]


# -- 6. thousands grouped per table -----------------------------------------------------------------

ACTIVITIES = ("rows:\n  - {type: 展览, sessions: 42, attendance: 63130}\n"
              "  - {type: 讲座, sessions: 86, attendance: 9400}\n")


def test_a_table_groups_thousands_as_its_file_says_whatever_the_house_style(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: statistics, title: 综合统计}\n"
                              "  - {kind: activities, title: 活动统计}\n  - {kind: staff, title: 人员结构}\n",
        "statistics.yaml": "items:\n  - {name: 藏量, unit: 册, value: 858410}\n",
        "activities.yaml": "thousands: false\n" + ACTIVITIES,
        "staff.yaml": "- name: 读者年龄\n  thousands: false\n  groups:\n    - {label: 少儿, count: 12500}\n"
                      "- name: 志愿者\n  groups:\n    - {label: 注册, count: 4120}\n"})
    stats, acts, ages, volunteers = tables(docx)
    assert stats[1][3] == "858,410"  # the house style: tables group thousands
    assert [row[4] for row in acts[2:4]] == ["63130", "9400"] and acts[4][3] == "72530"  # 合计 spans two
    assert ages[1][1] == "12500" and volunteers[1][1] == "4,120"


def test_a_table_may_group_thousands_in_a_house_style_that_groups_none(tmp_path):
    docx = build(tmp_path, {
        "report.yaml": HEAD + "figures: {thousands: none}\nsections:\n  - {kind: statistics, title: 综合统计}\n"
                              "  - {kind: activities, title: 活动统计}\n",
        "statistics.yaml": "thousands: true\nitems:\n  - {name: 藏量, unit: 册, value: 858410}\n",
        "activities.yaml": ACTIVITIES})
    stats, acts = tables(docx)
    assert stats[1][3] == "858,410"
    assert acts[2][4] == "63130"


def test_thousands_is_true_or_false(tmp_path):
    found = problems(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: statistics, title: 综合统计}\n",
        "statistics.yaml": "thousands: tables\nitems:\n  - {name: 藏量, unit: 册, value: 858410}\n"})
    assert [(code, line) for code, _f, line, _m in found] == [("type", 1)]


def test_show_prints_a_table_as_its_file_groups_it(tmp_path):
    year(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: activities, title: 活动统计}\n",
                    "activities.yaml": "thousands: false\n" + ACTIVITIES})
    shown = run_cli("show", "2020", cwd=tmp_path)
    assert shown.returncode == 0, shown.stderr
    assert "63130" in shown.stdout and "63,130" not in shown.stdout


# -- the next year keeps the way the report prints ------------------------------------------------------

def test_new_keeps_the_date_style_thousands_and_labels_of_the_year_before(tmp_path):
    year(tmp_path, {
        "report.yaml": HEAD + "parts:\n  - header: 年度概况\n    sections:\n"
                              "      - {kind: coverage, title: 媒体报道}\n      - {kind: activities, title: 活动统计}\n"
                              "      - {kind: statistics, title: 综合统计}\n",
        "coverage.yaml": COVERAGE_MIXED, "activities.yaml": "thousands: false\n" + ACTIVITIES,
        "statistics.yaml": "items:\n  - name: 图书\n    unit: 册\n    value: 823614\n    of_which:\n"
                           "      - {name: 少儿图书, unit: 册, value: 246308}\n"
                           "      - {name: 盲文图书, unit: 册, value: 412, label: 其中}\n"})
    done = run_cli("new", "2021", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    new = tmp_path / "years" / "2021"
    assert "dates: as-written\nrows:\n" in (new / "coverage.yaml").read_text(encoding="utf-8")
    assert (new / "activities.yaml").read_text(encoding="utf-8").startswith("thousands: false\n")
    assert "label: 其中" in (new / "statistics.yaml").read_text(encoding="utf-8")
    assert "  - header: 年度概况\n" in (new / "report.yaml").read_text(encoding="utf-8")
    checked = run_cli("validate", "2021", "--format", "json", cwd=tmp_path)
    assert checked.returncode == 0, checked.stdout


def test_a_date_printed_without_spaces_is_measured_with_the_space_word_sets_beside_its_digits():
    from libreport.docx.measure import _ems

    # 2020年11月 is set with a quarter em at each meeting of a Chinese character and a digit (autoSpaceDN), so
    # its column is given that room and the date stays on one line, as 2020 年 11 月 does
    assert _ems("2020年11月", "serif") == _ems("202011", "serif") + 2 * 1000 + 3 * 250
    assert _ems("2020.1.30", "serif") == sum(_ems(c, "serif") for c in "2020.1.30")
    assert _ems("年度概况", "serif") == 4 * 1000
