"""The second year of a library's project, end to end: from a finished 工作总结 whose text quotes about 70 figures
(tests/data/next-year, 枫桥市图书馆, made up), `new` gives next year's sources with every paragraph kept; they build
as a draft at once with every figure marked to fill; validate names each figure the text types, at its line; and
once the values are in and those figures reviewed, the report prints this year's figures in last year's
sentences, its 同比 changes computed from last year's sources and checked."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from .conftest import run_cli

DATA = Path(__file__).resolve().parent / "data" / "next-year"
QUOTED = re.compile(r"\{\{ *stats\['([^']+)'\]")


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DATA, tmp_path / "fengqiao")
    return tmp_path / "fengqiao"


def diagnostics(project: Path, year: str) -> list[dict]:
    done = run_cli("validate", year, "--format", "json", cwd=project)
    return json.loads(done.stdout)["years"][0]["diagnostics"]


def paragraphs(docx: Path) -> list:
    return Document(str(docx)).paragraphs


def test_the_finished_year_quotes_some_70_figures_and_checks_its_stated_changes(project: Path):
    text = (project / "2023/summary.md").read_text(encoding="utf-8") + (project / "2023/plans.md").read_text(
        encoding="utf-8")
    assert len(set(QUOTED.findall(text))) >= 70
    assert diagnostics(project, "2023") == []  # 同比 against last_year:, as 2022's report printed it

    summary = project / "2023/summary.md"
    original = summary.read_text(encoding="utf-8")
    for wrong, code in (("shown('32.6%')", "shown('23.6%')"), ("shown('增长 11.1%')", "shown('下降 11.1%')"),
                        ("shown('1,236')", "shown('1,326')")):
        summary.write_text(original.replace(wrong, code), encoding="utf-8")
        found = [d for d in diagnostics(project, "2023") if d["severity"] == "warning"]
        assert [d["code"] for d in found] == ["shown-mismatch"], (code, found)
    summary.write_text(original.replace("同比减少 {{ change('数字资源访问')", "同比增长 {{ change('数字资源访问')"),
                       encoding="utf-8")
    found = [d for d in diagnostics(project, "2023") if d["severity"] == "warning"]
    assert [d["code"] for d in found] == ["change-direction"]
    assert "数字资源访问 is 740 万次 against 2022's 810 万次" in found[0]["message"]
    zh = run_cli("validate", "2023", cwd=project, env={"LIBREPORT_LANG": "zh"}).stdout
    assert "change-direction: {{ change('数字资源访问') | shown('8.6%') }} 前写“增长”，但数字资源访问为 740 万次" in zh
    summary.write_text(original.replace("{{ change('接待读者') | shown('32.6%') }}", "{{ change('接待读者x') }}"),
                       encoding="utf-8")
    found = [d for d in diagnostics(project, "2023") if d["severity"] == "error"]
    assert [d["message"] for d in found] == [
        "{{ change('接待读者x') }} cannot be computed: statistics.yaml has no item 接待读者x"]


def test_next_year_from_this_year(project: Path):
    # -- new: every paragraph kept, values emptied, lists empty, acknowledgments and last_year: left behind
    assert run_cli("new", "2024", cwd=project).returncode == 0
    old, new = project / "2023", project / "2024"
    for name in ("summary.md", "plans.md"):
        before = (old / name).read_text(encoding="utf-8").split("\n\n")
        after = (new / name).read_text(encoding="utf-8").split("\n\n")
        assert len(after) == len(before)
        assert QUOTED.findall("".join(after)) == QUOTED.findall("".join(before))
    summary = (new / "summary.md").read_text(encoding="utf-8")
    # last year's printed changes are this year's computed ones, worded as they were
    assert "同比增长 {{ change('接待读者').percent }}" in summary and "{{ change('外借文献').rate }}" in summary
    assert "比上年增加 {{ change('新办读者证').difference | num }} 张" in summary
    assert "比上年{{ change('分馆').by }} 个" in summary and "shown('32.6%')" not in summary
    items = yaml.safe_load((new / "statistics.yaml").read_text(encoding="utf-8"))["items"]
    assert len(list(_items(items))) == 73
    assert all(item["value"] is None and "last_year" not in item for item in _items(items))
    assert yaml.safe_load((new / "awards.yaml").read_text(encoding="utf-8")) is None
    table = yaml.safe_load((new / "branches.yaml").read_text(encoding="utf-8"))
    assert table["rows"] is None and table["caption"] == "2024 年总分馆服务情况"

    # -- a draft at once, every figure marked to fill
    done = run_cli("build", "2024", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    to_fill = [d for d in diagnostics(project, "2024") if d["code"] == "to-fill"]
    assert len(to_fill) >= 73 and f"2024 is a draft: {len(to_fill)} value(s) still to fill" in done.stdout
    docx = project / "build/2024/枫桥市图书馆2024年工作总结.docx"
    marks = [r for p in paragraphs(docx) for r in p.runs if r.text == "（待填写）"]
    assert len(marks) >= 80 and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in marks)
    opening = next(p.text for p in paragraphs(docx) if "现将全年工作总结如下" in p.text)
    assert opening.startswith("2024 年，枫桥市图书馆") and "全年接待读者 （待填写），同比增长 （待填写）" in opening

    # -- validate names every figure the text types, at its line and column
    from libreport.prose.literals import find_figures

    carried = {(Path(d["file"]).name, d["line"], d["column"]): d["message"]
               for d in diagnostics(project, "2024") if d["code"] == "carried-figure"}
    typed = {(name, f.line, f.col): f.text for name in ("summary.md", "plans.md")
             for f in find_figures((new / name).read_text(encoding="utf-8")) if f.typed}
    assert set(carried) == set(typed) and len(typed) >= 10
    assert all(message.startswith(typed[where]) for where, message in carried.items())
    lines = summary.splitlines()
    for figure in ("3 月", "21:00", "4 月 23 日", "第十二届", "120 余", "6 月 18 日"):
        line = next(n for n, text in enumerate(lines, 1) if figure in text)
        assert ("summary.md", line, lines[line - 1].index(figure) + 1) in carried, figure

    # -- this year's values filled in: still not finished while last year's typed figures stand
    fill(new)
    left = diagnostics(project, "2024")
    assert not [d for d in left if d["code"] == "to-fill"]
    assert {d["code"] for d in left if d["severity"] == "warning"} == {"carried-figure", "change-direction"}
    direction = next(d for d in left if d["code"] == "change-direction")
    assert "“减少”" in direction["message"] and "数字资源访问" in direction["message"]
    strict = run_cli("build", "2024", "--toc", "field", "--strict", cwd=project)
    assert strict.returncode == 1

    # -- each reviewed: the direction rewritten, the others marked as meant
    path = new / "summary.md"
    path.write_text(path.read_text(encoding="utf-8").replace("同比减少 {{ change('数字资源访问')",
                                                             "同比增长 {{ change('数字资源访问')"), encoding="utf-8")
    review(new, carried)
    assert [d for d in diagnostics(project, "2024") if d["severity"] != "note"] == []
    done = run_cli("build", "2024", "--toc", "field", "--strict", cwd=project)
    assert done.returncode == 0, done.stderr
    text = "\n".join(p.text for p in paragraphs(docx))
    assert "（待填写）" not in text
    # this year's figures in last year's sentences, the changes computed from 2023's sources
    assert "全年接待读者 120.4 万人次（含分馆），同比增长 6.9%；外借文献 140.0 万册次，增长 3.6%；" in text
    assert "新办读者证 22500 张，比上年增加 1,264 张。" in text
    assert "全市建成分馆 15 个，比上年增加 1 个；" in text
    assert "新增图书 11.2 万册、近 47000 种，增长 3.7%；" in text
    assert "全年数字资源访问 802 万次，同比增长 8.4%；" in text
    assert "一、2024 年主要工作" in text and "三、2025 年工作打算" in text


NEW_VALUES = {"接待读者": "120.4", "外借文献": "140.0", "新办读者证": "22500", "分馆": "15", "新增图书": "11.2",
              "新增图书品种": "47000", "数字资源访问": "802", "阅读推广活动": "2900", "自助借还比例": "70.3",
              "馆藏总量": "318.7"}


def fill(year: Path) -> None:
    """This year's figures: the ones the test reads back as given, the others a little above last year's."""
    last = {item["name"]: item["value"] for item in _items(yaml.safe_load((year.parent / "2023/statistics.yaml")
                                                                        .read_text(encoding="utf-8"))["items"])}

    def value(match: re.Match) -> str:
        name = match["name"]
        if name in NEW_VALUES:
            return match[0].replace("value: ", f"value: {NEW_VALUES[name]}")
        old = last[name]
        digits = len(str(old).split(".")[1]) if "." in str(old) else 0
        return match[0].replace("value: ", f"value: {round(float(old) * 1.02, digits):.{digits}f}")

    stats = year / "statistics.yaml"
    text = re.sub(r"name: (?P<name>[^,\n]+)(?:, unit: [^,\n]+)?, value: (?=[,}\n])", value,
                  stats.read_text(encoding="utf-8"))
    text = re.sub(r"(?m)^(?P<i> +)- name: (?P<name>.+)\n(?P=i)  unit: .+\n(?P=i)  value:$",
                  lambda m: m[0] + " " + NEW_VALUES.get(m["name"], str(round(float(last[m["name"]]) * 1.02, 1))),
                  text)
    stats.write_text(text, encoding="utf-8")
    branches = year / "branches.yaml"
    branches.write_text(branches.read_text(encoding="utf-8").replace(
        "rows:", "rows:\n  - [中心馆, 71.2, 84.0]\n  - [东城分馆, 13.1, 15.9]\n  - [西湖街道分馆, 8.4, 8.1]\n"
                 "  - [其他分馆, 27.7, 32.0]"), encoding="utf-8")
    (year / "awards.yaml").write_text("- {name: 全国文明单位, by: 中央文明委, date: 2024-11}\n", encoding="utf-8")
    report = year / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("  date:", "  date: 2025-01-14"), encoding="utf-8")


def _items(items):
    for item in items:
        yield item
        for key in ("parts", "of_which", "details"):
            yield from _items(item.get(key) or [])


def review(year: Path, carried: dict) -> None:
    """Every figure of last year's the text types, marked as meant (the years in it written as {{ year }})."""
    by_file: dict[str, list[tuple[int, int]]] = {}
    for name, line, col in carried:
        by_file.setdefault(name, []).append((line, col))
    for name, places in by_file.items():
        path = year / name
        lines = path.read_text(encoding="utf-8").split("\n")
        for line, col in sorted(places, reverse=True):
            text = lines[line - 1]
            message = carried[(name, line, col)]
            figure = message.split(" is 2023's", 1)[0].split(" names the year", 1)[0]
            assert text[col - 1:col - 1 + len(figure)] == figure, (name, line, col, figure)
            if text[col - 2] == "'":  # shown('120 余'): the printed text of a figure the data has: quoted plainly
                lines[line - 1] = text.replace(f" | shown('{figure}')", "")
                continue
            written = "{{ year }} 年" if "write {{ year }} 年" in message else \
                "{{ year + 1 }} 年" if "write {{ year + 1 }} 年" in message else f"{{{{ '{figure}' | literal }}}}"
            lines[line - 1] = text[:col - 1] + written + text[col - 1 + len(figure):]
        path.write_text("\n".join(lines), encoding="utf-8")
