"""The house style of figures: a library sets once in report.yaml whether its report groups thousands (1,607,816
or 1236) and spaces digits from Chinese (近 57.34 万人次 or 近57.34万人次), and every figure the report prints
follows it — statistics, activity, staff and generic tables (computed totals too), last year's column, and the
summary's quoted figures, filters and changes. Without `figures:` a report prints as it always has."""

from __future__ import annotations

from pathlib import Path

import pytest

from libreport.build import BuildOptions, build_year
from libreport.pipeline import check_year
from libreport.project import load_project

from .docxdump import blocks

REPORT = """library: 岚州市图书馆
year: {year}
{figures}
year_over_year: {{columns: true}}
parts:
  - title: 年度概况
    sections:
      - {{kind: summary, title: 工作总结}}
      - {{kind: statistics, title: 主要业务数据}}
      - {{kind: activities, title: 读者活动}}
      - {{kind: staff, title: 人员结构}}
      - {{kind: table, title: 读者结构, file: readers.yaml}}
"""

STATISTICS = """items:
  - {{name: 藏量, unit: 册, value: {holdings}}}
  - {{name: 到馆读者, unit: 万人次, value: 57.34, approx: 近}}
  - {{name: 文献外借, unit: 万册次, value: 68.42}}
  - {{name: 总流通人次, unit: 人次, value: 1266520}}
  - {{name: 新增藏书, unit: 册, value: 5000, approx: 余}}
  - {{name: 数字资源总量, unit: TB, value: 86.4}}
"""

SUMMARY = """全年接待到馆读者{{ stats['到馆读者'] | unit }}，外借文献~{{ stats['文献外借'] | unit }}，\
新增藏书~{{ stats['新增藏书'] | unit }}，藏量~{{ stats['藏量'] }}~册（{{ stats['藏量'] | num }}），\
流通~{{ stats['总流通人次'] | wan }}人次，即~{{ stats['总流通人次'] | duo }}人次，\
数字资源总量~{{ stats['数字资源总量'] | unit }}，藏量{{ change('藏量') }}，\
读者~{{ tables['readers'].total['人数'] | unit }}。
"""  # ~ is where the writer puts a space before a figure that starts with its digits, when the house spaces them

ACTIVITIES = ("rows:\n  - {type: 讲座, sessions: 1236, attendance: 35865}\n"
              "  - {type: 展览, sessions: 100, attendance: 5000}\n")
STAFF = "- name: 学历结构\n  groups:\n    - {label: 本科, count: 1200}\n    - {label: 硕士, count: 36}\n"
READERS = """columns:
  - 年龄段
  - {{name: 人数, type: number, unit: 人{thousands}}}
  - {{name: 比例, type: share, of: 人数, places: 1}}
total: 合计
rows:
  - [少儿, 1236]
  - [成人, "21,175"]
"""


def project(tmp_path: Path, figures: str = "", thousands: str = "") -> Path:
    summary = SUMMARY.replace("~", "" if "spacing: false" in figures else " ")
    for year, holdings in (("2022", "1400000"), ("2023", "1607816")):
        folder = tmp_path / "years" / year
        folder.mkdir(parents=True)
        files = {"report.yaml": REPORT.format(year=year, figures=figures),
                 "statistics.yaml": STATISTICS.format(holdings=holdings), "summary.md": summary,
                 "activities.yaml": ACTIVITIES, "staff.yaml": STAFF,
                 "readers.yaml": READERS.format(thousands=thousands)}
        for name, text in files.items():
            (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    return tmp_path


def built(tmp_path: Path, figures: str = "", thousands: str = ""):
    result = build_year(load_project(project(tmp_path, figures, thousands)), "2023", BuildOptions(toc="field"))
    assert result.docx is not None, [d.format() for d in result.diags.items]
    assert not result.diags.errors, [d.format() for d in result.diags.errors]
    tables = [b.rows for b in blocks(result.docx) if b.kind == "table"]
    summary = next(b.text for b in blocks(result.docx) if b.kind == "p" and b.text.startswith("全年接待"))
    return tables, summary


def test_without_a_house_style_tables_group_thousands_and_the_text_keeps_digits_as_written(tmp_path):
    (statistics, activities, staff, readers), summary = built(tmp_path)
    assert statistics[1] == ["1", "藏量", "册", "1,607,816", "1,400,000", "+14.84%"]
    assert statistics[2][3] == "近 57.34"
    assert activities[2][2] == "1,236" and activities[-1][1] == "1,336" and activities[-1][3] == "40,865"
    assert staff[1][1] == "1,200"
    assert readers[1:] == [["少儿", "1,236", "5.5%"], ["成人", "21,175", "94.5%"], ["合计", "22,411", "100%"]]
    assert summary == ("全年接待到馆读者近 57.34 万人次，外借文献 68.42 万册次，新增藏书 5000 余册，"
                       "藏量 1607816 册（1,607,816），流通 126.65 万人次，即 126 万多人次，数字资源总量 86.4 TB，"
                       "藏量比上年增长 14.8%，读者 22411 人。")


def test_a_report_that_groups_nothing_and_spaces_nothing_prints_so_everywhere(tmp_path):
    (statistics, activities, staff, readers), summary = built(tmp_path, "figures: {thousands: none, spacing: false}")
    assert statistics[1] == ["1", "藏量", "册", "1607816", "1400000", "+14.84%"]  # last year's column too
    assert statistics[2][3] == "近57.34"
    assert activities[2][2] == "1236" and activities[-1][1] == "1336" and activities[-1][3] == "40865"
    assert staff[1][1] == "1200"
    # a cell typed "21,175" prints as the house prints it; the computed total too
    assert readers[1:] == [["少儿", "1236", "5.5%"], ["成人", "21175", "94.5%"], ["合计", "22411", "100%"]]
    assert summary == ("全年接待到馆读者近57.34万人次，外借文献68.42万册次，新增藏书5000余册，"
                       "藏量1607816册（1607816），流通126.65万人次，即126万多人次，数字资源总量86.4TB，"
                       "藏量比上年增长14.8%，读者22411人。")


def test_a_report_that_groups_thousands_in_its_text_too(tmp_path):
    (statistics, *_), summary = built(tmp_path, "figures: {thousands: everywhere}")
    assert statistics[1][3] == "1,607,816"
    assert "藏量 1,607,816 册（1,607,816）" in summary and "读者 22,411 人" in summary
    assert "新增藏书 5,000 余册" in summary and "即 126 万多人次" in summary


def test_one_column_prints_as_its_report_does_whatever_the_house_style(tmp_path):
    """桐川's 总分馆 table prints 面积 5860 beside 藏书 286,450: a column says `thousands: false` (or true)."""
    (statistics, _a, _s, readers), _ = built(tmp_path, thousands=", thousands: false")
    assert statistics[1][3] == "1,607,816"
    assert readers[1:] == [["少儿", "1236", "5.5%"], ["成人", "21175", "94.5%"], ["合计", "22411", "100%"]]
    (_st, _a, _s, readers), _ = built(tmp_path / "b", "figures: {thousands: none}", ", thousands: true")
    assert readers[-1] == ["合计", "22,411", "100%"]


def test_the_summary_is_worded_in_the_house_style_when_validated_before_any_template(tmp_path):
    folder = project(tmp_path, "figures:\n  thousands: tables  # as it is by default\n  spacing: false")
    result = check_year(load_project(folder), "2023")
    assert not result.diags.errors
    [text] = [b.text for b in result.blocks if b.text]
    assert text.startswith("全年接待到馆读者近57.34万人次，外借文献68.42万册次")


@pytest.mark.parametrize("figures, code, found", [
    ("figures: {thousands: 千分位}", "type", "'千分位'"),
    ("figures: {spacing: 有}", "type", "'有'"),
    ("figures: {grouping: none}", "unknown-key", "grouping"),
])
def test_a_house_style_written_wrongly_is_said_at_its_line(tmp_path, figures, code, found):
    result = check_year(load_project(project(tmp_path, figures)), "2023")
    [d] = [d for d in result.diags.errors if d.file and d.file.name == "report.yaml"]
    assert (d.code, d.line) == (code, 3) and found in d.message


def test_a_report_that_spaces_digits_from_chinese_only_keeps_latin_units_close(tmp_path):
    """桐川 prints 18.5 万余人次 and 8.6TB in one sentence."""
    (statistics, *_), summary = built(tmp_path, "figures: {spacing: chinese}")
    assert "到馆读者近 57.34 万人次" in summary and "数字资源总量 86.4TB" in summary
    assert statistics[2][3] == "近 57.34"


def test_a_paragraph_printed_without_spacing_turns_off_the_space_word_adds_there_alone(tmp_path: Path):
    """Word's own space between Chinese and digits would undo 81.37万册 in a report spaced by default: the
    paragraph (or the heading's part) the text sets without spacing turns it off for itself."""
    import re
    import shutil
    import zipfile

    from .conftest import CASES, run_cli

    shutil.copytree(CASES / "valid" / "figure-spacing-where-it-changes", tmp_path / "2021")
    done = run_cli("build", "2021", "--toc", "field", "--source", str(tmp_path), "-o", str(tmp_path / "out"),
                   cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [docx] = (tmp_path / "out").rglob("*.docx")
    xml = zipfile.ZipFile(docx).read("word/document.xml").decode("utf-8")
    paragraphs = {"".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", p)): p for p in re.findall(r"<w:p>.*?</w:p>", xml)}
    off = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
    assert off not in paragraphs["馆藏总量 81.37 万册，到馆 3.62 万人次。"]
    assert off in paragraphs["馆藏总量81.37万册，到馆3.62万人次。"]
    assert off in paragraphs["到馆3.62万人次。"]  # under a heading whose part is set so
    assert off not in paragraphs["到馆 3.62 万人次，馆藏81.37万册。"]  # the next part: the report's again
