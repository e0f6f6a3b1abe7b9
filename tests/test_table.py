"""The generic `table` section: any table a library keeps, from YAML, CSV or xlsx, with declared columns,
序号, a total row and computed shares, printed in the template's table styles. No code change per table."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from libreport.build import BuildOptions, build_year
from libreport.pipeline import check_year
from libreport.project import load_project

from .docxdump import blocks
from .test_structure import HEAD, body, build, problems, year

BRANCHES = """caption: 2023 年总分馆服务情况
number: true
columns:
  - 馆名
  - {name: 接待读者, type: number, unit: 万人次}
  - {name: 占比, type: share, of: 接待读者}
  - {name: 开馆日期, type: date}
  - {name: 满意度, type: percent}
total: 合计
rows:
  - [中心馆, 38.6, 2015-05-01, 98.5%]
  - [东城分馆, 12.3, 2019年9月, 97]
  - {馆名: 西江分馆, 接待读者: 9.2}
note: 注：接待读者含线上服务。
"""


ONE_TABLE = HEAD + "sections:\n  - {kind: table, title: 分馆服务, file: branches.yaml}\n"


def tables(docx: Path):
    return [b for b in blocks(docx) if b.kind == "table"]


def test_a_table_prints_its_columns_numbers_shares_and_total(tmp_path):
    result = build(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": BRANCHES})
    [table] = tables(result.docx)
    assert table.style == "ReportGrid"
    assert table.rows == [
        ["序号", "馆名", "接待读者（万人次）", "占比", "开馆日期", "满意度"],
        ["1", "中心馆", "38.6", "64.23%", "2015-05-01", "98.5%"],
        ["2", "东城分馆", "12.3", "20.47%", "2019年9月", "97%"],
        ["3", "西江分馆", "9.2", "15.31%", "", ""],
        ["合计", "60.1", "100%", "", ""],  # the label spans 序号 and 馆名
    ]
    ps = body(result.docx)
    assert ("Caption", "表 1 2023 年总分馆服务情况") in ps
    assert ps[-1] == ("TableNote", "注：接待读者含线上服务。")


def test_numbers_are_right_aligned_short_text_centred_and_widths_follow_the_content(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    result = build(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": BRANCHES})
    tbl = Document(str(result.docx)).element.body.find(qn("w:tbl"))
    row = tbl.findall(qn("w:tr"))[1]
    styles = [tc.find(qn("w:p")).pPr.pStyle.val for tc in row.findall(qn("w:tc"))]
    assert styles == ["TableCenter", "TableCenter", "TableNumber", "TableNumber", "TableCenter", "TableNumber"]
    grid = [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid"))]
    assert grid[0] < grid[2]  # 序号 is narrower than 接待读者（万人次）


def test_a_total_the_report_prints_is_kept_and_checked(tmp_path):
    source = BRANCHES.replace("total: 合计", "total: {label: 合计, 接待读者: 60.2}")
    found = problems(tmp_path / "a", {"report.yaml": HEAD + "sections:\n  - {kind: table, file: branches.yaml}\n",
                                      "branches.yaml": source})
    mismatch = [(code, line, col, msg) for code, line, col, msg in found if code == "sum-mismatch"]
    assert [m[:3] for m in mismatch] == [("sum-mismatch", 9, 26)]
    assert "60.1" in mismatch[0][3] and "60.2" in mismatch[0][3]


def test_rows_from_a_csv_sheet_with_a_title_row_and_its_own_total_row(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: table, title: 读者结构, file: readers.yaml}\n",
        "readers.yaml": "style: three-line\ncolumns:\n  - 年龄段\n  - {name: 持证读者, type: number, unit: 人}\n"
                        "  - {name: 比例, type: share, of: 持证读者}\nrounding: largest-remainder\nfrom: readers.csv\n",
        "readers.csv": "2023 年持证读者年龄结构\n年龄段,持证读者\n少儿,12034\n青年,20311\n中年,15222\n老年,6840\n"
                       "合计,54407\n".encode("gbk")})
    [table] = tables(result.docx)
    assert table.style == "ThreeLine"
    assert table.rows == [["年龄段", "持证读者（人）", "比例"], ["少儿", "12,034", "22.12%"],
                          ["青年", "20,311", "37.33%"], ["中年", "15,222", "27.98%"], ["老年", "6,840", "12.57%"],
                          ["合计", "54,407", "100%"]]


def test_rows_from_an_xlsx_workbook_with_excel_dates_and_percentages(tmp_path):
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2023"
    ws.append(["馆名", "开馆日期", "满意度", "接待读者"])
    ws.append(["中心馆", datetime(2015, 5, 1), 0.985, 38.6])
    ws.append(["东城分馆", "2019年9月", 97, None])
    year(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: table, title: 分馆, file: branches.yaml}\n",
                    "branches.yaml": "columns:\n  - 馆名\n  - {name: 开馆日期, type: date}\n"
                                     "  - {name: 满意度, type: percent}\n  - {name: 接待读者, type: number}\n"
                                     "from: 分馆.xlsx\nsheet: '2023'\n"})
    wb.save(tmp_path / "years/2023/分馆.xlsx")
    found = problems(tmp_path, {})
    # an empty number cell is still to fill, named by its row and column in the sheet
    assert [(code, line, col) for code, line, col, _ in found] == [("to-fill", 3, 4)]
    result = build_year(load_project(tmp_path), "2023", BuildOptions(toc="field"))
    [table] = tables(result.docx)
    assert table.rows[1:] == [["中心馆", "2015.5.1", "98.5%", "38.6"], ["东城分馆", "2019年9月", "97%", ""]]


def test_a_sheet_without_the_declared_columns_names_the_missing_ones(tmp_path):
    found = problems(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: table, file: t.yaml}\n",
        "t.yaml": "columns: [馆名, {name: 藏书, type: number}]\nfrom: t.csv\n",
        "t.csv": "馆名,藏量\n中心馆,100\n"})
    assert [(code, line, col) for code, line, col, _ in found] == [("table-sheet", 2, 7)]
    assert "藏书" in found[0][3]


def test_a_sheet_outside_the_year_folder_is_refused(tmp_path):
    (tmp_path / "years").mkdir()
    (tmp_path / "years/t.csv").write_text("馆名\n中心馆\n", encoding="utf-8")
    found = problems(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: table, file: t.yaml}\n",
                                "t.yaml": "columns: [馆名]\nfrom: ../t.csv\n"})
    assert [(code, line) for code, line, _c, _m in found] == [("table-sheet", 2)]


def test_a_table_without_rows_yet_is_a_to_do_and_prints_nothing(tmp_path):
    files = {"report.yaml": HEAD + "sections:\n  - {kind: summary, title: 总结}\n  - {kind: table, title: 分馆, "
                                   "file: t.yaml}\n",
             "summary.md": "文字。\n", "t.yaml": "columns: [馆名, {name: 藏书, type: number}]\nrows:\n"}
    assert [(code, line) for code, line, _c, _m in problems(tmp_path / "a", files)] == [("to-fill", 1)]
    result = build(tmp_path / "b", files)
    assert tables(result.docx) == []
    assert [t for s, t in body(result.docx) if s.startswith("Heading")] == ["一、总结"]


def test_captions_number_tables_through_the_report(tmp_path):
    result = build(tmp_path, {
        "report.yaml": HEAD + "sections:\n  - {kind: table, file: a.yaml}\n  - {kind: table, file: b.yaml}\n",
        "a.yaml": "caption: 分馆\ncolumns: [馆名]\nrows: [[中心馆]]\n",
        "b.yaml": "caption: 服务点\ncolumns: [名称]\nrows: [[社区服务点]]\n"})
    assert [t for s, t in body(result.docx) if s == "Caption"] == ["表 1 分馆", "表 2 服务点"]


def test_new_year_keeps_a_tables_columns_and_empties_its_rows(tmp_path):
    from libreport.commands.new import new_year

    year(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: table, title: 分馆, file: branches.yaml}\n",
                    "branches.yaml": BRANCHES})
    project = load_project(tmp_path)
    new_year(project, 2024)
    text = (tmp_path / "years/2024/branches.yaml").read_text(encoding="utf-8")
    assert "caption: 2024 年总分馆服务情况" in text and "{name: 占比, type: share, of: 接待读者}" in text
    assert "中心馆" not in text
    found = [(d.code, d.line) for d in __import__("libreport.pipeline", fromlist=["x"]).check_year(project, "2024")
             .diags.items]
    assert found == [("to-fill", 1)]


def test_figures_keep_their_approximation_words_and_notes_and_totals_allow_for_them(tmp_path):
    source = """columns:
  - 服务点
  - {name: 藏书, type: number, unit: 册}
  - {name: 占比, type: share, of: 藏书}
total: {label: 合计, 藏书: 近 9000}
rows:
  - [城东服务点, 5000 余]
  - [城西服务点, 近 3000]
  - {服务点: 流动书车, 藏书: {value: 800, approx: 约, note: 含流动站}}
"""
    result = build(tmp_path / "a", {"report.yaml": HEAD + "sections:\n  - {kind: table, title: 服务点, file: t.yaml}\n",
                                    "t.yaml": source})
    [table] = tables(result.docx)
    assert table.rows[1:] == [["城东服务点", "5,000 余", "56.82%"], ["城西服务点", "近 3,000", "34.09%"],
                              ["流动书车", "约 800（含流动站）", "9.09%"], ["合计", "近 9,000", "100%"]]
    # 5000 余 + 近 3000 + 约 800 may well be 近 9000; it cannot be 近 7000
    wrong = source.replace("近 9000", "近 7000")
    found = problems(tmp_path / "b", {"report.yaml": HEAD + "sections:\n  - {kind: table, file: t.yaml}\n",
                                      "t.yaml": wrong})
    assert [(code, line) for code, line, _c, _m in found if code != "share-sum"] == [("sum-mismatch", 5)]


def test_the_summary_quotes_a_tables_cells_and_total_and_names_what_is_not_there(tmp_path):
    files = {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n  - {kind: table, file: branches.yaml}\n",
             "branches.yaml": BRANCHES,
             "summary.md": "中心馆接待读者 {{ tables['branches']['中心馆']['接待读者'] | unit }}，"
                           "占 {{ tables['2023 年总分馆服务情况']['中心馆']['占比'] | pct }}；"
                           "全市 {{ tables['branches'].total['接待读者'] | unit }}，"
                           "{{ tables['branches'].rows }} 个馆。\n"}
    result = build(tmp_path / "a", files)
    assert body(result.docx)[0] == ("Normal", "中心馆接待读者 38.6 万人次，占 64.23%；全市 60.1 万人次，3 个馆。")
    files["summary.md"] = "北区 {{ tables['branches']['北区分馆']['接待读者'] }}。\n"
    found = problems(tmp_path / "b", files)
    assert [(code, line, col) for code, line, col, _ in found if code != "share-sum"] == [("unknown-data", 1, 4)]


def test_show_prints_a_table_as_the_report_does(tmp_path):
    from .conftest import run_cli

    year(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": BRANCHES})
    done = run_cli("show", "2023", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Table: 2023 年总分馆服务情况" in out and "接待读者（万人次）" in out
    row = next(line for line in out.splitlines() if "东城分馆" in line)
    assert [c.strip() for c in row.strip("│ ").split("│")] == ["2", "东城分馆", "12.3", "20.47%", "2019年9月",
                                                            "97%"]  # with its 序号 (number: true)
    total = next(line for line in out.splitlines() if "合计" in line)
    assert "60.1" in total and "100%" in total


def test_grouped_columns_print_a_two_row_header(tmp_path):
    from docx import Document
    from docx.oxml.ns import qn

    source = """number: true
columns:
  - 活动类型
  - {name: 场次, type: number, group: 活动场次}
  - {name: 场次比例, heading: 比例, type: share, of: 场次, group: 活动场次}
  - {name: 人次, type: number, group: 参与人次}
  - {name: 人次比例, heading: 比例, type: share, of: 人次, group: 参与人次}
total: 合计
rows:
  - [讲座, 48, 5200]
  - [展览, 12, 30800]
"""
    result = build(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: table, title: 活动, file: t.yaml}\n",
                              "t.yaml": source})
    [table] = tables(result.docx)
    assert table.rows[:2] == [["序号", "活动类型", "活动场次", "参与人次"], ["", "", "场次", "比例", "人次", "比例"]]
    assert table.rows[2:] == [["1", "讲座", "48", "80.00%", "5,200", "14.44%"],
                              ["2", "展览", "12", "20.00%", "30,800", "85.56%"],
                              ["合计", "60", "100%", "36,000", "100%"]]
    first = Document(str(result.docx)).element.body.find(qn("w:tbl")).find(qn("w:tr"))
    spans = [tc.find(qn("w:tcPr")).find(qn("w:gridSpan")) for tc in first.findall(qn("w:tc"))]
    assert [1 if s is None else int(s.get(qn("w:val"))) for s in spans] == [1, 1, 2, 2]


# -- cells as the report prints them: the % in the heading, printed changes kept and checked ----------------

def test_a_share_or_percent_column_whose_heading_carries_the_unit_prints_bare_cells(tmp_path):
    result = build(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": """columns:
  - 分馆名称
  - {name: 年流通人次, type: number}
  - {name: 占比, type: share, of: 年流通人次, places: 1, unit: "%"}
  - {name: 满意度, type: percent, unit: "%"}
total: 合计
rows:
  - [总馆, 112370, 98.5%]
  - [城关镇分馆, 73120, 97]
"""})
    [table] = tables(result.docx)
    assert table.rows == [["分馆名称", "年流通人次", "占比（%）", "满意度（%）"],
                          ["总馆", "112,370", "60.6", "98.5"],
                          ["城关镇分馆", "73,120", "39.4", "97"],
                          ["合计", "185,490", "100.0", ""]]  # 100 to the places of the shares above


def test_only_the_percent_sign_is_a_share_columns_unit(tmp_path):
    found = problems(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": (
        "columns:\n  - 馆名\n  - {name: 接待, type: number}\n  - {name: 占比, type: share, of: 接待, unit: ‰}\n"
        "rows:\n  - [中心馆, 3]\n")})
    assert [(code, line, col) for code, line, col, _m in found] == [("table-column", 4, 43)]
    assert "%" in found[0][3]


INDICATORS = """caption: 2023年主要业务指标完成情况
number: true
columns:
  - 指标
  - 单位
  - {name: 2023年, type: number}
  - {name: 2022年, type: number}
  - {name: 增减, type: change, of: [2023年, 2022年]}
rows:
  - [到馆读者, 万人次, 57.34, 50.97, "+12.5%"]
  - [馆藏总量, 万册（件）, 186.70, 178.20, "+5.8%"]
  - [读者活动, 场, 1286, 1104]
  - [城区分馆, 个, 14, 12, "+2"]
  - [流动服务点, 个, 6, 0]
  - [馆员, 人, 86, 88, "-2.3%"]
"""


def test_a_change_column_keeps_the_printed_changes_and_computes_the_rest(tmp_path):
    result = build(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": INDICATORS})
    [table] = tables(result.docx)
    assert [row[1:] for row in table.rows] == [
        ["指标", "单位", "2023年", "2022年", "增减"],
        ["到馆读者", "万人次", "57.34", "50.97", "+12.5%"],
        ["馆藏总量", "万册（件）", "186.70", "178.20", "+5.8%"],  # printed, and kept though wrong (see below)
        ["读者活动", "场", "1,286", "1,104", "+16.5%"],  # computed to one place, in the template's wording
        ["城区分馆", "个", "14", "12", "+2"],  # a difference, as printed
        ["流动服务点", "个", "6", "0", "—"],  # no percentage of nothing
        ["馆员", "人", "86", "88", "-2.3%"],
    ]


def test_a_printed_change_is_checked_within_its_printed_places_at_its_cell(tmp_path):
    found = problems(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": INDICATORS.replace(
        '"+2"]', '"+3"]')})
    assert [(code, line, col) for code, line, col, _m in found] == [("change-mismatch", 11, 35),
                                                                   ("change-mismatch", 13, 23)]
    percent, difference = (m for *_k, m in found)
    assert percent == ("增减 of 馆藏总量 is printed +5.8%, but 186.70 against 178.20 is +4.77%, more than its "
                       "printed places allow")
    assert difference == "增减 of 城区分馆 is printed +3, but 14 less 12 is +2"


def test_a_printed_change_the_report_keeps_is_acknowledged_at_its_cell(tmp_path):
    kept = INDICATORS.replace('"+5.8%"]', '{value: "+5.8%", accept: {change-mismatch: 印刷本如此，应为 +4.8%}}]')
    found = problems(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": kept})
    assert [(code, line) for code, line, _c, _m in found] == [("change-mismatch", 11)]
    assert found[0][3].endswith("accepted: 印刷本如此，应为 +4.8%")
    result = check_year(load_project(tmp_path), "2023")
    assert not result.diags.errors and not result.diags.warnings


def test_a_change_column_names_the_two_number_columns_it_compares(tmp_path):
    found = problems(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": INDICATORS.replace(
        "of: [2023年, 2022年]", "of: [2023年, 单位]")})
    assert [(code, line, col) for code, line, col, _m in found] == [("table-column", 8, 34)]
    assert "2023年, 2022年" in found[0][3]


def test_a_table_total_that_is_not_the_sum_of_its_rows_is_worded_as_such(tmp_path):
    found = problems(tmp_path, {"report.yaml": ONE_TABLE, "branches.yaml": (
        "columns:\n  - 馆名\n  - {name: 年流通人次, type: number}\n"
        "total: {label: 合计, 年流通人次: \"185,940\"}\nrows:\n  - [总馆, 112370]\n  - [分馆, 73120]\n")})
    assert [(code, line) for code, line, _c, _m in found] == [("sum-mismatch", 4)]
    assert found[0][3] == "the rows of 年流通人次 add up to 185,490 but 合计 is 185,940"
