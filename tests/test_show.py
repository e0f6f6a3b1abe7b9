"""`libreport show`: a year's computed tables in the terminal, checked against the figures of the examples."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from .conftest import run_cli


def cells(line: str) -> list[str]:
    return [c.strip() for c in re.split("[│┃]", line.strip().strip("│┃"))]


def row(output: str, text: str) -> list[str]:
    """The cells of the first table row with a cell that is `text` or ends with it (after a label such as 其中：)."""
    for line in output.splitlines():
        if any(c == text or c.endswith("：" + text) for c in cells(line)):
            return cells(line)
    raise AssertionError(f"no row with {text!r} in:\n{output}")


def test_show_prints_the_statistics_table_as_computed(project: Path):
    done = run_cli("show", "2021", cwd=project)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert row(out, "藏量")[:4] == ["1", "藏量", "册、件", "1,607,816"]
    assert row(out, "视听文献")[:4] == ["④", "视听文献", "件、套", "39,539"]
    assert row(out, "盲文图书")[1].endswith("其中：盲文图书")
    assert row(out, "开架书刊")[1].endswith("在藏量中：开架书刊")
    assert row(out, "组织各类讲座次数")[:2] == ["①", "其中：组织各类讲座次数"]
    assert row(out, "为读者举办各种活动")[2:4] == ["—", "—"]  # a group row
    assert row(out, "音视频资源总量")[3] == "35.00"  # decimals as written


def compare_with_2019(project: Path) -> None:
    report = project / "years/2021/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "parts:", "year_over_year: {compare_with: 2019, columns: true}\nparts:", 1), encoding="utf-8")


def test_show_compares_with_the_previous_year_as_the_report_does(project: Path):
    compare_with_2019(project)
    out = run_cli("show", "2021", cwd=project).stdout
    assert row(out, "项目") == ["序号", "项目", "单位", "数量", "2019 年", "增减"]  # the template's headings
    assert row(out, "有效借书证数")[3:] == ["188,543", "163,918", "+15.02%"]  # the template's change wording
    assert row(out, "总流通人次")[3:] == ["1,266,520", "1,800,529", "-29.66%"]
    assert row(out, "电子文本、图片文献资源年总量")[4:] == ["—", "—"]  # not in 2019

    first = run_cli("show", "2019", cwd=project).stdout  # the earliest year has nothing to compare with
    assert "增减" not in first and "1,382,804" in first


def test_show_prints_no_comparison_the_report_does_not_print(project: Path):
    out = run_cli("show", "2021", cwd=project).stdout  # 2021's report.yaml asks for no year-over-year columns
    assert row(out, "项目") == ["序号", "项目", "单位", "数量"]


def test_show_prints_activity_shares_and_total(project: Path):
    out = run_cli("show", "2021", cwd=project).stdout
    assert row(out, "活动类型")[2:] == ["活动场次/场次", "活动场次/比例", "活动人次/人次", "活动人次/比例"]
    assert row(out, "展览")[:6] == ["1", "展览", "313", "17.92%", "141,764", "15.81%"]
    assert row(out, "阅读推广")[:6] == ["4", "阅读推广", "1,012", "57.93%", "378,155", "42.17%"]
    total = row(out, "合计")
    assert total[2:] == ["1,747", "100%", "896,845", "100%"]  # the template's total_share, as the report prints


def test_show_counts_entries_per_section_and_month(project: Path):
    out = run_cli("show", "2021", cwd=project).stdout
    assert row(out, "媒体报道") == ["媒体报道", "117"]
    assert row(out, "荣誉表彰") == ["荣誉表彰", "7"]
    assert row(out, "大事记") == ["大事记", "208"]
    assert row(out, "April") == ["April", "34"]
    assert row(out, "whole year") == ["whole year", "7"]


def test_show_speaks_chinese(project: Path):
    out = run_cli("show", "2021", "--lang", "zh", cwd=project).stdout
    assert "大事记：各月条数" in out
    assert row(out, "月份") == ["月份", "条数"]
    assert row(out, "四月") == ["四月", "34"]


def test_show_with_errors_still_shows_and_points_to_validate(project: Path):
    coverage = project / "years/2021/coverage.yaml"
    coverage.write_text(coverage.read_text(encoding="utf-8").replace("2021-01-08", "2021-02-30", 1),
                        encoding="utf-8")
    done = run_cli("show", "2021", cwd=project)
    assert done.returncode == 1
    assert "1 error(s)" in done.stderr and "libreport validate 2021" in done.stderr
    assert row(done.stdout, "有效借书证数")[3] == "188,543"
    assert row(done.stdout, "媒体报道") == ["媒体报道", "116"]  # the bad row is left out


def test_show_an_unknown_year_is_a_usage_error(project: Path):
    done = run_cli("show", "2020", cwd=project)
    assert done.returncode == 2
    assert "2019, 2021" in done.stderr


def test_show_a_fresh_year_marks_each_value_still_to_fill_and_dashes_beside_it(project: Path):
    assert run_cli("new", "2022", cwd=project).returncode == 0
    report = project / "years/2022/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "parts:", "year_over_year: {compare_with: 2021, columns: true}\nparts:", 1), encoding="utf-8")
    done = run_cli("show", "2022", cwd=project)
    assert done.returncode == 0, done.stderr
    # an item not filled in yet has no change to print: a dash under last year too, as the report prints it
    assert row(done.stdout, "有效借书证数")[3:] == ["（待填写）", "—", "—"]


def test_show_counts_only_the_sections_the_report_prints(tmp_path: Path):
    from .conftest import CASES

    shutil.copytree(CASES / "valid/statistics-data-only", tmp_path / "2022")
    (tmp_path / "libreport.yaml").write_text("sources: .\n", encoding="utf-8")
    done = run_cli("show", "2022", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    counts = done.stdout[done.stdout.index("Entries per section"):]
    assert "statistics" not in counts  # statistics.yaml is read for the summary's figures, not printed


def test_show_prints_the_tables_the_word_report_prints(project: Path):
    """Cell for cell: 综合统计 with last year beside it, 活动统计 with its shares and total, as in the .docx."""
    from .docxdump import blocks

    compare_with_2019(project)
    out = run_cli("show", "2021", cwd=project).stdout
    built = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert built.returncode == 0, built.stderr
    docx = next((project / "out/2021").glob("*.docx"))
    tables = [b.rows for b in blocks(docx) if b.kind == "table" and b.rows]
    stats = next(t for t in tables if t[0][:2] == ["序号", "项目"])
    acts = next(t for t in tables if t[0][:2] == ["序号", "活动类型"])
    for docx_row in stats[1:] + acts[2:-1]:
        printed = [c.strip() for c in docx_row]  # the terminal's table strips the indent of 其中 rows
        assert row(out, printed[1]) == printed, docx_row
    total = acts[-1]  # the label spans 序号 and 活动类型 in Word; show leaves the second column empty
    assert row(out, total[0]) == [total[0], "", *total[1:]]
