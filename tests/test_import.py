"""`libreport import`: coverage and chronicle rows from the sheets offices really keep.

The sheets are made here with openpyxl (a title row above the header, dates in every
form staff type them), and the real CLI is run on a copy of the examples.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
import yaml

from libreport import i18n
from libreport.commands.importer import (
    ImportError_,
    Target,
    build_new,
    clean_text,
    coverage_date,
    event_date,
    import_rows,
    parse_mapping,
)
from libreport.dates import parse_span
from libreport.project import load_project

from .conftest import run_cli

YEAR = "2021"
EPOCH = dt.datetime(1899, 12, 30)

# the first row of examples/2021/coverage.yaml, as a sheet would have it
EXISTING_TITLE = ("【音频. 文化】广州市越秀区图书馆读者诵读:《习近平谈治国理政: (第三卷) 节选——"
                  "《提高保障和改善民生水平》")
EXISTING_EVENT = "越秀区图书馆举办越图导读线上活动之人生必修课：青少年性教育。"

COMMENTED = (
    "# 媒体报道 — 2021\n"
    "# 由办公室整理；每季度从报道登记表导入。\n"
    "- date: 2021-01-08   # 第一条\n"
    "  outlet: “学习强国”客户端\n"
    "  section: 广州学习平台\n"
    f"  title: \"{EXISTING_TITLE}\"\n"
    "\n"
    "# 以下为二季度\n"
    "- date: 2021.4.2\n"
    "  outlet: 广州日报\n"
    "  section: ''        # 没有版面\n"
    "  title: 越秀区图书馆“4·23”世界读书日活动预告\n"
    "# (end)"  # no newline at the end, as some editors leave it
)


def coverage_rows(with_bad: bool = True) -> list[list]:
    """A quarter's 报道登记表: title row, a note, the header, then the rows (sheet rows 4…)."""
    rows = [
        ["越秀区图书馆 2021 年媒体报道登记表", None, None, None, None],
        ["填表人：办公室", None, None, None, None],
        ["序号", "报道日期", "媒体名称", "版面", "标题"],
        [1, dt.datetime(2021, 3, 5), "广州日报", "A5", "越秀区图书馆春季读书活动启动"],  # row 4: a date cell
        [2, 44300, "羊城晚报", None, "书香越秀：社区图书馆的新变化"],  # row 5: a serial number (2021-04-14)
        [3, "2021. 1. 8", "“学习强国”客户端", "广州学习平台", EXISTING_TITLE],  # row 6: already in the file
        [4, "2021年6月1日", "南方日报", "A3", "六一：孩子们在图书馆过节"],  # row 7
        [5, "2021/1/8", "信息时报", "", "越秀区图书馆“阅读过节”新年俗"],  # row 8
        [6, "2020/12/30", "信息时报", "", "去年的一篇报道"],  # row 9: outside the year
        [7, None, None, None, None],  # row 10: an empty (numbered) row
    ]
    if with_bad:
        rows.append([8, "2021.13.5", "广州日报", "A6", "日期写错的一行"])  # row 11
    rows.append([9, "2021.1.8", "信息时报", "", "越秀区图书馆“阅读过节”新年俗"])  # row 11/12: repeats row 8
    return rows


NEW_COVERAGE = [
    {"date": dt.date(2021, 3, 5), "outlet": "广州日报", "section": "A5", "title": "越秀区图书馆春季读书活动启动"},
    {"date": dt.date(2021, 4, 14), "outlet": "羊城晚报", "section": "", "title": "书香越秀：社区图书馆的新变化"},
    {"date": dt.date(2021, 6, 1), "outlet": "南方日报", "section": "A3", "title": "六一：孩子们在图书馆过节"},
    {"date": dt.date(2021, 1, 8), "outlet": "信息时报", "section": "", "title": "越秀区图书馆“阅读过节”新年俗"},
]


def make_xlsx(path: Path, rows: list[list], title: str = "Sheet1", merge: list[str] = (), more: dict | None = None
              ) -> Path:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = title
    for row in rows:
        ws.append(row)
    for rng in merge:
        ws.merge_cells(rng)
    for name, extra in (more or {}).items():
        other = wb.create_sheet(name)
        for row in extra:
            other.append(row)
    wb.save(path)
    return path


def make_csv(path: Path, rows: list[list], encoding: str) -> Path:
    import csv
    import io

    buf = io.StringIO()
    csv.writer(buf, lineterminator="\r\n").writerows([["" if v is None else v for v in row] for row in rows])
    path.write_bytes(buf.getvalue().encode(encoding))
    return path


def coverage_file(project: Path) -> Path:
    return project / "years" / YEAR / "coverage.yaml"


def chronicle_file(project: Path) -> Path:
    return project / "years" / YEAR / "chronicle.yaml"


def entries(path: Path) -> list[dict]:
    return yaml.safe_load(path.read_text(encoding="utf-8")) or []


def validate_ok(project: Path) -> None:
    r = run_cli("validate", YEAR, cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert " 0 error(s)" in r.stdout


# -- coverage from .xlsx -------------------------------------------------------------------

def test_a_bad_row_is_reported_with_its_sheet_row_and_nothing_is_written(project: Path, tmp_path: Path):
    target = coverage_file(project)
    before = target.read_bytes()
    sheet = make_xlsx(tmp_path / "报道登记表.xlsx", coverage_rows(), merge=["A1:E1"])

    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)

    assert r.returncode == 1, r.stdout + r.stderr
    assert f"{sheet}: row 11: " in r.stderr and "2021.13.5" in r.stderr
    assert r.stderr.count(": row ") == 1
    assert "nothing was written" in r.stderr
    assert "4 row(s) to add, 2 already present, 1 outside 2021, 1 rejected" in r.stdout
    assert target.read_bytes() == before
    assert not list(target.parent.glob(".coverage.yaml.*"))  # no temporary file left behind


def test_good_rows_are_appended_and_comments_stay_byte_for_byte(project: Path, tmp_path: Path):
    target = coverage_file(project)
    target.write_text(COMMENTED, encoding="utf-8")
    before = target.read_bytes()
    sheet = make_xlsx(tmp_path / "报道登记表.xlsx", coverage_rows(with_bad=False), merge=["A1:E1"])

    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)

    assert r.returncode == 0, r.stdout + r.stderr
    assert "4 row(s) to add, 2 already present, 1 outside 2021, 0 rejected" in r.stdout
    assert "appended 4 row(s) to years/2021/coverage.yaml" in r.stdout
    after = target.read_bytes()
    assert after.startswith(before + b"\n")  # the original part, untouched; a newline added after "# (end)"
    added = after[len(before) + 1:].decode("utf-8")
    assert added.startswith("- date: 2021-03-05\n  outlet: 广州日报\n  section: A5\n")
    assert '  section: ""\n' in added
    loaded = entries(target)
    assert len(loaded) == 2 + 4
    assert loaded[2:] == NEW_COVERAGE
    validate_ok(project)

    # importing the same sheet again adds nothing and leaves the file alone
    again = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "0 row(s) to add, 6 already present, 1 outside 2021, 0 rejected" in again.stdout
    assert target.read_bytes() == after


def test_examples_file_keeps_its_text_and_validates(project: Path, tmp_path: Path):
    target = coverage_file(project)
    before = target.read_bytes()
    sheet = make_xlsx(tmp_path / "q1.xlsx", coverage_rows(with_bad=False))
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert target.read_bytes().startswith(before)
    assert entries(target)[-4:] == NEW_COVERAGE
    validate_ok(project)


def test_dry_run_shows_the_rows_and_writes_nothing(project: Path, tmp_path: Path):
    target = coverage_file(project)
    before = target.read_bytes()
    sheet = make_xlsx(tmp_path / "q1.xlsx", coverage_rows(with_bad=False))

    r = run_cli("import", "coverage", YEAR, str(sheet), "--dry-run", cwd=project)

    assert r.returncode == 0, r.stdout + r.stderr
    assert "would append to years/2021/coverage.yaml" in r.stdout
    assert "- date: 2021-04-14\n  outlet: 羊城晚报\n" in r.stdout
    assert "4 row(s) to add, 2 already present, 1 outside 2021, 0 rejected" in r.stdout
    assert "dry run: nothing was written" in r.stdout
    assert target.read_bytes() == before

    bad = make_xlsx(tmp_path / "bad.xlsx", coverage_rows(with_bad=True))
    r = run_cli("import", "coverage", YEAR, str(bad), "--dry-run", cwd=project)
    assert r.returncode == 1
    assert "row 11" in r.stderr and "nothing would be written" in r.stderr
    assert "would append to" not in r.stdout, "a run that writes nothing never says it would append"
    assert "once the rows above are corrected (or with --skip-bad), this would be appended to" in r.stdout
    assert "dry run: nothing was written" not in r.stdout
    assert target.read_bytes() == before


def test_map_names_other_headers(project: Path, tmp_path: Path):
    sheet = make_xlsx(tmp_path / "外宣.xlsx", [
        ["报道时间", "媒体", "栏目", "文章"],
        ["2021-09-10", "广州日报", "客户端", "越秀区图书馆开学季活动"],
    ])
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 2
    assert "报道时间, 媒体, 栏目, 文章" in r.stderr  # the columns it found

    r = run_cli("import", "coverage", YEAR, str(sheet), "--map", "报道时间=date", "--map", "文章=title", cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert entries(coverage_file(project))[-1] == {
        "date": dt.date(2021, 9, 10), "outlet": "广州日报", "section": "客户端", "title": "越秀区图书馆开学季活动"}

    r = run_cli("import", "coverage", YEAR, str(sheet), "--map", "报到时间=date", "--map", "文章=title", cwd=project)
    assert r.returncode == 2 and "报到时间" in r.stderr
    r = run_cli("import", "coverage", YEAR, str(sheet), "--map", "文章=headline", cwd=project)
    assert r.returncode == 2 and "headline" in r.stderr


def test_a_missing_column_names_the_columns_found(project: Path, tmp_path: Path):
    sheet = make_xlsx(tmp_path / "t.xlsx", [["2021年报道"], ["日期", "媒体", "备注"], ["2021-01-02", "广州日报", ""]])
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 2
    assert "标题" in r.stderr and "日期, 媒体, 备注" in r.stderr


def test_sheets_are_chosen_by_their_header_or_by_name(project: Path, tmp_path: Path):
    sheet = make_xlsx(tmp_path / "book.xlsx", [["说明：本表为 2021 年外宣登记"]], title="说明", more={
        "一季度": [["日期", "媒体", "版面", "标题"], ["2021-02-01", "广州日报", "A1", "一季度的报道"]],
        "二季度": [["日期", "媒体", "版面", "标题"], ["2021-05-01", "广州日报", "A2", "二季度的报道"]],
    })
    r = run_cli("import", "coverage", YEAR, str(sheet), "--dry-run", cwd=project)
    assert r.returncode == 0, r.stderr
    assert "一季度的报道" in r.stdout and "二季度的报道" not in r.stdout
    r = run_cli("import", "coverage", YEAR, str(sheet), "--sheet", "二季度", cwd=project)
    assert r.returncode == 0, r.stderr
    assert entries(coverage_file(project))[-1]["title"] == "二季度的报道"
    r = run_cli("import", "coverage", YEAR, str(sheet), "--sheet", "三季度", cwd=project)
    assert r.returncode == 2 and "说明, 一季度, 二季度" in r.stderr


# -- CSV ----------------------------------------------------------------------------------

@pytest.mark.parametrize("encoding", ["utf-8-sig", "gbk"])
def test_csv_as_excel_saves_it(project: Path, tmp_path: Path, encoding: str):
    rows = [row for row in coverage_rows(with_bad=False)]
    rows[4][1] = "2021/4/14"  # a CSV holds the dates as shown
    rows[3][1] = "2021-03-05"
    sheet = make_csv(tmp_path / "报道.csv", rows, encoding)
    before = coverage_file(project).read_bytes()

    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)

    assert r.returncode == 0, r.stdout + r.stderr
    assert "4 row(s) to add, 2 already present, 1 outside 2021, 0 rejected" in r.stdout
    assert coverage_file(project).read_bytes().startswith(before)
    assert entries(coverage_file(project))[-4:] == NEW_COVERAGE
    validate_ok(project)


def test_csv_rejected_rows_count_csv_rows(project: Path, tmp_path: Path):
    sheet = make_csv(tmp_path / "报道.csv", coverage_rows(with_bad=True), "gbk")
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 1
    assert f"{sheet}: row 11: " in r.stderr


# -- events ---------------------------------------------------------------------------------

def test_events_with_ranges_and_chronicle_forms(project: Path, tmp_path: Path):
    target = chronicle_file(project)
    before = target.read_bytes()
    rows = [
        ["越秀区图书馆 2021 年大事记", None, None],
        ["序号", "时间", "事项"],
        [1, "4月24日-8月31日", "越秀区图书馆举办“阅读越秀”主题展览。"],
        [2, "1月7日", EXISTING_EVENT],  # already in the chronicle
        [3, "4-6月", "越秀区图书馆开展“书香社区”系列活动。"],
        [4, "全年", "越秀区图书馆开展“送书下乡”服务。"],
        [5, dt.datetime(2021, 5, 20), "越秀区图书馆接待来访。"],  # a date cell; merged over rows 7-8
        [6, None, "越秀区图书馆举办“5·20”主题阅读会。"],
        [7, "2021-01-08", "越秀区图书馆召开年度工作会议。"],
        [8, "2021.4.24-2021.8.31", "越秀区图书馆举办少儿绘本展。"],
        [9, " 2月10日 - 28日 ", "越秀区图书馆举办寒假阅读营。"],
        [10, "2021年3月", "越秀区图书馆开展读者满意度调查。"],
        [11, "2020年12月31日", "去年的一条。"],
        [12, "4月24日-8月31日", "越秀区图书馆举办“阅读越秀”主题展览。"],  # repeats row 3
        ["序号", "时间", "事项"],  # the header again, as pasted blocks have it
        ["注：以上为不完全统计。", None, None],  # a note merged across the sheet
    ]
    sheet = make_xlsx(tmp_path / "大事记.xlsx", rows, merge=["A1:C1", "B7:B8", "A17:C17"])

    r = run_cli("import", "events", YEAR, str(sheet), cwd=project)

    assert r.returncode == 0, r.stdout + r.stderr
    assert "events: 9 row(s) to add, 2 already present, 1 outside 2021, 0 rejected" in r.stdout
    after = target.read_bytes()
    assert after.startswith(before)
    assert entries(target)[-9:] == [
        {"date": "4月24日-8月31日", "text": "越秀区图书馆举办“阅读越秀”主题展览。"},
        {"date": "4-6月", "text": "越秀区图书馆开展“书香社区”系列活动。"},
        {"date": "全年", "text": "越秀区图书馆开展“送书下乡”服务。"},
        {"date": "5月20日", "text": "越秀区图书馆接待来访。"},
        {"date": "5月20日", "text": "越秀区图书馆举办“5·20”主题阅读会。"},
        {"date": "1月8日", "text": "越秀区图书馆召开年度工作会议。"},
        {"date": "4月24日-8月31日", "text": "越秀区图书馆举办少儿绘本展。"},
        {"date": "2月10日-28日", "text": "越秀区图书馆举办寒假阅读营。"},
        {"date": "3月", "text": "越秀区图书馆开展读者满意度调查。"},
    ]
    validate_ok(project)


def test_events_rejections_and_map(project: Path, tmp_path: Path):
    rows = [
        ["日子", "大事"],
        ["8月32日", "日期不存在的一条"],  # row 2
        ["9月1日", ""],  # row 3: no text
        ["下旬", "看不懂的日期"],  # row 4
        ["10月1日", "国庆阅读活动"],
    ]
    sheet = make_xlsx(tmp_path / "e.xlsx", rows)
    r = run_cli("import", "events", YEAR, str(sheet), "--map", "日子=date", cwd=project)
    assert r.returncode == 1
    for n in (2, 3, 4):
        assert f"{sheet}: row {n}: " in r.stderr
    assert "row 5" not in r.stderr
    assert "1 row(s) to add" in r.stdout


def test_chinese_messages(project: Path, tmp_path: Path):
    sheet = make_xlsx(tmp_path / "e.xlsx", [["日期", "内容"], ["下旬", "看不懂的日期"]])
    r = run_cli("import", "events", YEAR, str(sheet), env={"LIBREPORT_LANG": "zh"}, cwd=project)
    assert r.returncode == 1
    assert "第 2 行" in r.stderr and "未写入任何内容" in r.stderr
    assert "无法导入 1 条" in r.stdout


# -- the file appended to ----------------------------------------------------------------------

def test_an_empty_list_written_as_brackets_is_replaced(project: Path, tmp_path: Path):
    target = chronicle_file(project)
    target.write_text("# 大事记 — 2021\n[]   # 暂无\n", encoding="utf-8")
    sheet = make_xlsx(tmp_path / "e.xlsx", [["日期", "内容"], ["1月5日", "第一条"], ["2021/2/3", "第二条"]])
    r = run_cli("import", "events", YEAR, str(sheet), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert target.read_text(encoding="utf-8") == (
        "# 大事记 — 2021\n   # 暂无\n- date: 1月5日\n  text: 第一条\n- date: 2月3日\n  text: 第二条\n")
    validate_ok(project)


def test_a_missing_section_file_is_created(project: Path, tmp_path: Path):
    target = chronicle_file(project)
    target.unlink()
    sheet = make_xlsx(tmp_path / "e.xlsx", [["日期", "内容"], ["1月5日", "第一条"]])
    r = run_cli("import", "events", YEAR, str(sheet), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert target.read_text(encoding="utf-8") == "# 大事记 — 2021\n- date: 1月5日\n  text: 第一条\n"


def test_a_file_that_is_not_a_list_is_left_alone(project: Path, tmp_path: Path):
    target = chronicle_file(project)
    target.write_text("items:\n  - date: 1月5日\n    text: 第一条\n", encoding="utf-8")
    before = target.read_bytes()
    sheet = make_xlsx(tmp_path / "e.xlsx", [["日期", "内容"], ["1月6日", "第二条"]])
    r = run_cli("import", "events", YEAR, str(sheet), cwd=project)
    assert r.returncode == 1
    assert "not a list" in r.stderr
    assert target.read_bytes() == before


@pytest.mark.parametrize("rows", ["rows:\n  - {date: 2021-01-08, outlet: 信息时报, section: \"\", title: 旧报道}\n",
                                  "rows: []\n"])
def test_a_file_with_a_note_under_its_table_gets_the_rows_under_rows(project: Path, tmp_path: Path, rows: str):
    target = coverage_file(project)
    head = "# 媒体报道\nnote: 注：仅列市级以上媒体。\n"
    target.write_text(head + rows, encoding="utf-8")
    sheet = make_xlsx(tmp_path / "r.xlsx", coverage_rows(with_bad=False))
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    loaded = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert loaded["note"] == "注：仅列市级以上媒体。" and all(e in loaded["rows"] for e in NEW_COVERAGE)
    assert target.read_text(encoding="utf-8").startswith(head)
    validate_ok(project)


def test_rows_followed_by_a_note_are_left_alone_with_a_reason(project: Path, tmp_path: Path):
    target = coverage_file(project)
    target.write_text("rows:\n  - {date: 2021-01-08, outlet: 信息时报, section: \"\", title: 旧报道}\nnote: 注。\n",
                      encoding="utf-8")
    before = target.read_bytes()
    r = run_cli("import", "coverage", YEAR, str(make_xlsx(tmp_path / "r.xlsx", coverage_rows(False))), cwd=project)
    assert r.returncode == 1 and "rows:` must come last" in r.stderr
    assert target.read_bytes() == before


def test_section_files_are_found_through_report_yaml(project: Path, tmp_path: Path):
    folder = project / "years" / YEAR
    report = folder / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "{kind: coverage, title: 媒体报道}", "{kind: coverage, title: 媒体报道, file: 外宣/报道.yaml}"),
        encoding="utf-8")
    (folder / "外宣").mkdir()
    (folder / "外宣" / "报道.yaml").write_text("[]\n", encoding="utf-8")
    sheet = make_xlsx(tmp_path / "q1.xlsx", coverage_rows(with_bad=False))
    before = coverage_file(project).read_bytes()
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 0, r.stdout + r.stderr
    assert "5 row(s) to add, 1 already present" in r.stdout  # the 2021-01-08 row is new to this file
    assert len(entries(folder / "外宣" / "报道.yaml")) == 5
    assert coverage_file(project).read_bytes() == before


def test_no_section_of_that_kind_is_a_usage_error(project: Path, tmp_path: Path):
    report = project / "years" / YEAR / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("      - {kind: coverage, title: 媒体报道}\n", ""),
                      encoding="utf-8")
    sheet = make_xlsx(tmp_path / "q1.xlsx", coverage_rows(with_bad=False))
    r = run_cli("import", "coverage", YEAR, str(sheet), cwd=project)
    assert r.returncode == 2 and "no coverage section" in r.stderr


def test_skip_bad_imports_the_other_rows(project: Path, tmp_path: Path, monkeypatch, capsys):
    monkeypatch.chdir(project)
    monkeypatch.setattr(i18n, "_current", "en")
    sheet = make_xlsx(tmp_path / "q1.xlsx", coverage_rows(with_bad=True))
    proj = load_project()
    assert import_rows(proj, "coverage", YEAR, sheet, [], None, False, skip_bad=False) == 1
    assert "--skip-bad" in capsys.readouterr().err
    assert import_rows(proj, "coverage", YEAR, sheet, [], None, False, skip_bad=True) == 0
    out = capsys.readouterr()
    assert "row 11" in out.err and "left out" in out.out
    assert entries(coverage_file(project))[-4:] == NEW_COVERAGE
    with pytest.raises(ImportError_):
        import_rows(proj, "awards", YEAR, sheet, [], None, False)


def _target(text: str, encoding: str = "utf-8", bom: bytes = b"") -> Target:
    data = bom + text.encode(encoding)
    newline = "\r\n" if "\r\n" in text else "\n"
    return Target(Path("x.yaml"), data, bom, encoding, text, newline)


def test_build_new_keeps_crlf_gbk_and_indentation():
    entry = {"date": "1月5日", "text": "第一条"}
    crlf = _target("# 注释\r\n- date: 1月1日\r\n  text: 元旦\r\n")
    new, _ = build_new(crlf, [entry], None)
    assert new == crlf.data + "- date: 1月5日\r\n  text: 第一条\r\n".encode()

    gbk = _target("# 大事记\n- date: 1月1日\n  text: 元旦", "gb18030")
    new, _ = build_new(gbk, [entry], None)
    assert new == gbk.data + "\n- date: 1月5日\n  text: 第一条\n".encode("gb18030")

    indented = _target("  - date: 1月1日\n    text: 元旦\n")
    new, _ = build_new(indented, [entry], None)
    assert yaml.safe_load(new.decode()) == [{"date": "1月1日", "text": "元旦"}, entry]

    bom = _target("~\n", bom=b"\xef\xbb\xbf")
    new, _ = build_new(bom, [entry], None)
    assert new == b"\xef\xbb\xbf\n" + "- date: 1月5日\n  text: 第一条\n".encode()


# -- reading cells --------------------------------------------------------------------------------

@pytest.mark.parametrize("value, expected", [
    (dt.datetime(2021, 1, 8), dt.date(2021, 1, 8)),
    (dt.datetime(2021, 1, 8, 15, 30), dt.date(2021, 1, 8)),
    (44204, dt.date(2021, 1, 8)),
    (44204.0, dt.date(2021, 1, 8)),
    ("44204", dt.date(2021, 1, 8)),
    (20210108, dt.date(2021, 1, 8)),
    ("2021. 1. 8", dt.date(2021, 1, 8)),
    ("2021.1.8", dt.date(2021, 1, 8)),
    ("2021/1/8", dt.date(2021, 1, 8)),
    ("2021-01-08", dt.date(2021, 1, 8)),
    ("2021-01-08 00:00:00", dt.date(2021, 1, 8)),
    ("2021年1月8日", dt.date(2021, 1, 8)),
    ("２０２１年１月８日", dt.date(2021, 1, 8)),
    ("1月8日", dt.date(2021, 1, 8)),
])
def test_coverage_dates(value, expected):
    assert coverage_date(value, 2021, EPOCH) == expected


@pytest.mark.parametrize("value", ["", None, "2021.2.30", "去年", "2021", 2021, "1月", dt.time(9, 30)])
def test_coverage_dates_that_are_rejected(value):
    from libreport.commands.importer import _Bad

    with pytest.raises(_Bad):
        coverage_date(value, 2021, EPOCH)


@pytest.mark.parametrize("value, text", [
    ("4月24日-8月31日", "4月24日-8月31日"),
    ("4月24日 — 8月31日", "4月24日—8月31日"),
    ("1月7日", "1月7日"),
    ("4-6月", "4-6月"),
    ("全年", "全年"),
    ("2021年全年", "全年"),
    ("1-12月", "1-12月"),
    ("12月", "12月"),
    ("2021年4月24日-8月31日", "4月24日-8月31日"),
    (dt.datetime(2021, 1, 8), "1月8日"),
    (44204, "1月8日"),
    ("2021-01-08", "1月8日"),
    ("2021.1.8", "1月8日"),
    ("2021年1月8日", "1月8日"),
    ("2021-04-24/2021-08-31", "4月24日-8月31日"),
    ("2021-12", "12月"),
    ("2021.4.24-8.31", "4月24日-8月31日"),
    ("2021.2.10-28", "2月10日-28日"),
    ("2021/4/24至2021/8/31", "4月24日-8月31日"),
])
def test_event_dates(value, text):
    span, shown = event_date(value, 2021, EPOCH)
    assert shown == text
    again = parse_span(shown, 2021)
    assert (again.start, again.end) == (span.start, span.end)


def test_clean_text_joins_lines_of_a_cell():
    assert clean_text("  越秀区图书馆\n举办活动 ") == "越秀区图书馆举办活动"
    assert clean_text("Reading\nWeek") == "Reading Week"
    assert clean_text(5.0) == "5"


def test_parse_mapping():
    assert parse_mapping("coverage", ["报道 时间=date", "文章＝title".replace("＝", "=")]) == {
        "报道时间": "date", "文章": "title"}
    with pytest.raises(ImportError_):
        parse_mapping("coverage", ["报道时间"])
    with pytest.raises(ImportError_):
        parse_mapping("events", ["报道时间=title"])
