"""Year over year: last year's figures beside this year's, `change()` in the summary, implausible jumps."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docx import Document

from libreport.pipeline import check_year
from libreport.project import load_project

from .conftest import run_cli

REPORT = "out/2021/越秀区图书馆2021年年报.docx"


def set_yoy(project: Path, options: str, year: str = "2021") -> Path:
    path = project / "years" / year / "report.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("parts:", f"year_over_year: {options}\nparts:", 1),
                    encoding="utf-8")
    return path


def set_value(project: Path, year: str, name: str, old: str, new: str) -> None:
    path = project / "years" / year / "statistics.yaml"
    text = path.read_text(encoding="utf-8")
    line = f"{{name: {name}, unit: 个, value: {old}}}"
    assert line in text
    path.write_text(text.replace(line, f"{{name: {name}, unit: 个, value: {new}}}"), encoding="utf-8")


def add_2020(project: Path, cards: str) -> None:
    """A 2020 between the examples' 2019 and 2021: 2019's sources with the year moved on."""
    shutil.copytree(project / "years/2019", project / "years/2020")
    report = project / "years/2020/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("2019", "2020"), encoding="utf-8")
    for name in ("coverage.yaml", "awards.yaml", "chronicle.yaml"):
        (project / "years/2020" / name).write_text("", encoding="utf-8")
    set_value(project, "2020", "有效借书证数", "163918", cards)


def summary_says(project: Path, text: str, year: str = "2021"):
    (project / "years" / year / "summary.md").write_text(text + "\n", encoding="utf-8")
    result = check_year(load_project(project), year)
    problems = [d for d in result.diags.errors if "summary.md" in str(d.file)]
    return (result.blocks[0].text if result.blocks else None), problems


def statistics_table(path: Path) -> list[list[str]]:
    for table in Document(str(path)).tables:
        rows = [[c.text for c in r.cells] for r in table.rows]
        if rows[0][:2] == ["序号", "项目"]:
            return rows
    raise AssertionError("no statistics table")


def test_columns_show_the_compared_year_and_the_change(project: Path):
    set_yoy(project, "{compare_with: 2019, columns: true, jump_factor: 3}")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    rows = statistics_table(project / REPORT)
    assert rows[0] == ["序号", "项目", "单位", "数量", "2019 年", "增减"]
    by_name = {r[1].strip("\u3000"): r for r in rows[1:]}
    assert by_name["有效借书证数"] == ["7", "有效借书证数", "个", "188,543", "163,918", "+15.02%"]
    assert by_name["总流通人次"][3:] == ["1,266,520", "1,800,529", "-29.66%"]
    assert by_name["音视频资源总量"][4:] == ["—", "—"]  # not counted in 2019
    assert by_name["报刊"][3:] == ["0", "0", "—"]  # no percentage of nothing


def test_without_columns_the_table_is_this_year_only(project: Path):
    assert run_cli("build", "2021", "--toc", "field", cwd=project).returncode == 0
    assert statistics_table(project / REPORT)[0] == ["序号", "项目", "单位", "数量"]


def test_change_across_a_gap_names_the_year(project: Path):
    text, problems = summary_says(project, "有效借书证数{{ change('有效借书证数') }}。")
    assert problems == []
    assert text == "有效借书证数比 2019 年增长 15.0%。"


def test_change_between_consecutive_years_says_last_year(project: Path):
    add_2020(project, "180000")
    text, problems = summary_says(project, "有效借书证数{{ change('有效借书证数') }}。")
    assert problems == []
    assert text == "有效借书证数比上年增长 4.7%。"  # 188,543 against 180,000


def test_change_when_the_figure_fell(project: Path):
    add_2020(project, "200000")
    text, _ = summary_says(project, "{{ change('有效借书证数') }}")
    assert text == "比上年下降 5.7%"
    text, _ = summary_says(project, "{{ change('总流通人次', 2) }}")
    assert text == "比上年下降 29.66%"


def test_compare_with_wins_over_the_latest_earlier_year(project: Path):
    add_2020(project, "180000")
    set_yoy(project, "{compare_with: 2019}")
    text, _ = summary_says(project, "{{ change('有效借书证数') }}")
    assert text == "比 2019 年增长 15.0%"


def test_change_without_an_earlier_year_is_reported_where_it_is_written(project: Path):
    text, problems = summary_says(project, "前言。\n\n借书证{{ change('有效借书证数') }}。", year="2019")
    assert [(d.code, d.line) for d in problems] == [("summary-expression", 3)]
    assert "no earlier year of 越秀区图书馆" in problems[0].message


def validate_json(project: Path, year: str = "2021") -> list[dict]:
    done = run_cli("validate", year, "--format", "json", cwd=project)
    return json.loads(done.stdout)["years"][0]["diagnostics"]


def test_jumps_beyond_the_factor_are_flagged(project: Path):
    set_yoy(project, "{compare_with: 2019, jump_factor: 1.1}")
    diags = [d for d in validate_json(project) if d["code"] == "implausible-change"]
    cards = next(d for d in diags if d["message"].startswith("有效借书证数 "))
    assert cards["severity"] == "warning"
    assert cards["message"] == ("有效借书证数 went from 163,918 in 2019 to 188,543, more than 1.1× either way; "
                                "check the figure")
    lines = (project / "years/2021/statistics.yaml").read_text(encoding="utf-8").splitlines()
    assert "有效借书证数" in lines[cards["line"] - 1]


def test_jumps_within_the_factor_are_not(project: Path):
    set_yoy(project, "{compare_with: 2019, jump_factor: 3}")
    names = [d["message"].split(" ")[0] for d in validate_json(project) if d["code"] == "implausible-change"]
    assert "有效借书证数" not in names  # ×1.15
    assert "组织各类讲座次数" in names  # 450 → 66


def test_compare_with_must_be_an_earlier_year_with_sources(project: Path):
    path = set_yoy(project, "{compare_with: 2021}")
    line = path.read_text(encoding="utf-8").splitlines().index("year_over_year: {compare_with: 2021}") + 1
    diags = [d for d in validate_json(project) if d["file"].endswith("report.yaml") and d["code"] != "to-fill"]
    assert [(d["code"], d["line"]) for d in diags] == [("type", line)]
    assert "a year before 2021" in diags[0]["message"]
    # and nothing is compared with itself
    assert not [d for d in validate_json(project) if d["code"] == "implausible-change"]

    path.write_text(path.read_text(encoding="utf-8").replace("compare_with: 2021", "compare_with: 2020"),
                    encoding="utf-8")
    diags = [d for d in validate_json(project) if d["file"].endswith("report.yaml") and d["code"] != "to-fill"]
    assert [(d["code"], d["line"]) for d in diags] == [("missing-file", line)]
    assert "2020" in diags[0]["message"]


def test_an_item_in_another_unit_than_last_year_is_not_compared(project: Path):
    path = project / "years/2021/statistics.yaml"
    text = path.read_text(encoding="utf-8")
    old = "{name: 有效借书证数, unit: 个, value: 188543}"
    assert old in text
    path.write_text(text.replace(old, "{name: 有效借书证数, unit: 万个, value: 18.85}"), encoding="utf-8")
    set_yoy(project, "{compare_with: 2019, columns: true}")
    [d] = [d for d in validate_json(project) if d["code"] == "unit-mismatch" and d["severity"] == "warning"]
    assert (d["severity"], d["line"]) == ("warning", 1 + text.splitlines().index(
        next(line for line in text.splitlines() if old in line)))
    assert "万个" in d["message"] and "个 in 2019" in d["message"]
    assert run_cli("build", "2021", "--toc", "field", cwd=project).returncode == 0
    row = next(r for r in statistics_table(project / REPORT) if r[1] == "有效借书证数")
    assert row[3:] == ["18.85", "—", "—"]  # no change of 18.85 against 163,918
    text, problems = summary_says(project, "借书证{{ change('有效借书证数') }}。")
    assert [p.code for p in problems] == ["summary-expression"]
    assert "in 万个 this year and in 个 in 2019" in problems[0].message


def test_a_draft_is_never_the_base_of_a_comparison(project: Path):
    """2020 started with `new` and not filled in yet: 2021's changes are against 2019, the latest finished year
    before it, and say so; a draft named in compare_with is said to be one."""
    assert run_cli("new", "2020", "--from", "2019", cwd=project).returncode == 0
    text, problems = summary_says(project, "有效借书证数{{ change('有效借书证数') }}。")
    assert problems == [] and text == "有效借书证数比 2019 年增长 15.0%。"
    report = set_yoy(project, "{columns: true, jump_factor: 3}")
    shown = run_cli("show", "2021", cwd=project)
    assert "2019" in shown.stdout and "2020" not in shown.stdout
    report.write_text(report.read_text(encoding="utf-8").replace("{columns: true, jump_factor: 3}",
                                                                 "{compare_with: 2020}"), encoding="utf-8")
    diags = [d for d in validate_json(project) if d["code"] == "draft-base"]
    assert [d["message"] for d in diags] == [
        "compare_with names 2020, a draft whose figures are still to fill: there is nothing to compare with until "
        "they are"]


def test_last_years_figure_recorded_on_the_item_is_compared_with(project: Path):
    """A library's first year in libreport: last year's figure as last year's report printed it, on the item."""
    path = project / "years/2019/statistics.yaml"
    text = path.read_text(encoding="utf-8")
    assert "{name: 有效借书证数, unit: 个, value: 163918}" in text
    path.write_text(text.replace("{name: 有效借书证数, unit: 个, value: 163918}",
                                 "{name: 有效借书证数, unit: 个, value: 163918, last_year: 152300}"), encoding="utf-8")
    text, problems = summary_says(project, "借书证同比{{ change('有效借书证数').rate }}，"
                                           "{{ change('有效借书证数') | shown('增加 11618') }} 个。", year="2019")
    assert problems == [] and text == "借书证同比增长 7.6%，增加 11618 个。"
    _, problems = summary_says(project, "{{ change('总流通人次') }}", year="2019")
    assert "总流通人次 records no last_year:" in problems[0].message
