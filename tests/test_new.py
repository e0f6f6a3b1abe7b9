"""`libreport new`: a new year starts with last year's shape and none of its figures."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
import yaml
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from .conftest import run_cli


def load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def without_values(items: list[dict]) -> list[dict]:
    """A statistics tree with every value replaced by None (group rows stay without a value key)."""
    out = []
    for item in items:
        copy = {k: (without_values(v) if k in ("parts", "of_which", "details") else v) for k, v in item.items()}
        if "value" in copy:
            copy["value"] = None
        out.append(copy)
    return out


def without_accept(value):
    """A YAML value with every `accept:` entry left out."""
    if isinstance(value, dict):
        return {k: without_accept(v) for k, v in value.items() if k != "accept"}
    if isinstance(value, list):
        return [without_accept(v) for v in value]
    return value


def headings(markdown: str) -> list[str]:
    return [line for line in markdown.splitlines() if re.match(r"#{1,2} ", line)]


def test_new_year_keeps_sections_items_and_rows_with_values_emptied(project: Path):
    done = run_cli("new", "2022", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "years/2022" in done.stdout and "2021" in done.stdout
    assert "libreport validate 2022" in done.stdout  # says what to do next

    old, new = project / "years/2021", project / "years/2022"
    report_old, report_new = load(old / "report.yaml"), load(new / "report.yaml")
    assert report_new["year"] == 2022
    assert report_new["title"] == "越秀区图书馆 2022 年年报"
    assert report_new["library"] == report_old["library"]
    assert report_new["parts"] == without_accept(report_old["parts"])  # last year's acknowledgments stay behind

    # every item kept with its name, unit, labels and place in the tree; only the values are gone
    assert load(new / "statistics.yaml")["items"] == without_values(load(old / "statistics.yaml")["items"])
    text = (new / "statistics.yaml").read_text(encoding="utf-8")
    assert text.startswith("# 综合统计 — 2022")  # the file's own comments are kept, with the year moved on
    assert re.search(r"^    value:$", text, re.M)  # an empty value is `value:` with nothing after it

    acts_old, acts_new = load(old / "activities.yaml"), load(new / "activities.yaml")
    assert acts_new["rounding"] == acts_old["rounding"]
    assert [r["type"] for r in acts_new["rows"]] == [r["type"] for r in acts_old["rows"]]
    assert [r.get("statistics") for r in acts_new["rows"]] == [r.get("statistics") for r in acts_old["rows"]]
    assert all(r["sessions"] is None and r["attendance"] is None for r in acts_new["rows"])

    for name, example in (("coverage.yaml", "date: 2022-"), ("awards.yaml", "date: 2022-"),
                          ("chronicle.yaml", "text:")):
        text = (new / name).read_text(encoding="utf-8")
        assert load(new / name) is None, f"{name} should have no entries"
        assert any(line.startswith("# - ") and example in line for line in text.splitlines()), text

    # the summary whole: headings, paragraphs and the expressions quoting data, for this year's figures to fill
    summary_old = (old / "summary.md").read_text(encoding="utf-8")  # carried whole, its `literal` marks taken off
    unmarked = re.sub(r"\{\{ '([^']*)' \| literal \}\}", r"\1", summary_old)
    assert (new / "summary.md").read_text(encoding="utf-8") == unmarked


def test_validate_on_a_fresh_year_is_a_to_do_list(project: Path):
    assert run_cli("new", "2022", cwd=project).returncode == 0
    done = run_cli("validate", "2022", "--format", "json", cwd=project)
    assert done.returncode == 0, done.stdout  # only warnings: nothing is wrong yet, just not filled in
    everything = json.loads(done.stdout)["years"][0]["diagnostics"]
    # the values to fill, and the figures last year's text typed, still standing in its sentences; as notes, the
    # tasks of the plan (examples/plan.yaml) that no heading or paragraph the summary carried over names yet
    assert {d["code"] for d in everything} == {"to-fill", "carried-figure", "plan-idle"}
    assert {d["severity"] for d in everything if d["code"] != "plan-idle"} == {"warning"}
    idle = [d for d in everything if d["code"] == "plan-idle"]
    assert {d["severity"] for d in idle} == {"note"}
    carried = (project / "years/2022/summary.md").read_text(encoding="utf-8")
    named = {n for refs in re.findall(r"<!-- tasks: ([\d, ]+) -->", carried) for n in refs.split(", ")}
    assert sorted(int(d["message"].split("task ")[1].split(" ")[0]) for d in idle) == \
        sorted(n for n in range(1, 20) if str(n) not in named)
    diags = [d for d in everything if d["code"] == "to-fill"]
    messages = [d["message"] for d in diags]
    assert "藏量 has no value yet" in messages
    assert "the activity row 展览 has no sessions yet" in messages
    assert "the activity row 展览 has no attendance yet" in messages
    assert not any("为读者举办各种活动" in m for m in messages), "a group row has no value to fill"
    stats = load(project / "years/2022/statistics.yaml")
    n_values = sum(1 for _ in _values(stats["items"]))
    # Every statistics value, both counts of 4 rows, the summary, and each listed section with no rows yet
    # (荣誉表彰, 媒体报道, 大事记) or no file yet (人员结构): those are left out of the report until filled.
    empty = [m for m in messages if "has no rows yet" in m or "does not exist yet" in m]
    assert sorted(empty) == sorted([
        "awards.yaml: 荣誉表彰 has no rows yet; it is left out of the report, and of its table of "
        "contents, until it has",
        "coverage.yaml: 媒体报道 has no rows yet; it is left out of the report, and of its table of "
        "contents, until it has",
        "chronicle.yaml: 大事记 has no rows yet; it is left out of the report, and of its table of "
        "contents, until it has",
        "report.yaml lists 人员结构, but staff.yaml does not exist yet; the section is left out of the "
        "report until it does"])
    assert len(diags) == n_values + 2 * 4 + len(empty)

    lines = (project / "years/2022/statistics.yaml").read_text(encoding="utf-8").splitlines()
    first = next(d for d in diags if d["message"] == "藏量 has no value yet")
    assert (first["file"], lines[first["line"] - 1].strip()) == ("years/2022/statistics.yaml", "value:")


def _values(items):
    for item in items:
        if "value" in item:
            yield item
        for key in ("parts", "of_which", "details"):
            yield from _values(item.get(key) or [])


def test_filling_in_shrinks_the_to_do_list(project: Path):
    assert run_cli("new", "2022", cwd=project).returncode == 0
    stats = project / "years/2022/statistics.yaml"
    stats.write_text(stats.read_text(encoding="utf-8").replace(
        "  - {name: 有效借书证数, unit: 个, value: }", "  - {name: 有效借书证数, unit: 个, value: 190000}"),
        encoding="utf-8")
    done = run_cli("validate", "2022", "--format", "json", cwd=project)
    messages = [d["message"] for d in json.loads(done.stdout)["years"][0]["diagnostics"]]
    assert "有效借书证数 has no value yet" not in messages
    assert "藏量 has no value yet" in messages


def test_a_figure_typed_wrong_is_still_an_error_not_a_to_do(project: Path):
    assert run_cli("new", "2022", cwd=project).returncode == 0
    stats = project / "years/2022/statistics.yaml"
    stats.write_text(stats.read_text(encoding="utf-8").replace(
        "{name: 有效借书证数, unit: 个, value: }", "{name: 有效借书证数, unit: 个, value: 十九万}"), encoding="utf-8")
    done = run_cli("validate", "2022", cwd=project)
    assert done.returncode == 1
    assert "error type" in done.stdout and "十九万" in done.stdout


def test_a_fresh_year_builds_as_a_draft_with_its_gaps_marked(project: Path):
    """Build works on a year still being filled in: a draft to look at, each value still to fill printed as the
    to-fill marker, highlighted in Word; the build says how many are left, and --strict refuses it."""
    assert run_cli("new", "2022", cwd=project).returncode == 0
    done = run_cli("build", "2022", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    to_fill = sum(1 for line in run_cli("validate", "2022", cwd=project).stdout.splitlines() if " to-fill: " in line)
    assert f"2022 is a draft: {to_fill} value(s) still to fill" in done.stdout and to_fill > 20
    doc = Document(str(project / "out/2022/越秀区图书馆2022年年报.docx"))
    stats = next(t for t in doc.tables if [c.text for c in t.rows[0].cells][:2] == ["序号", "项目"])
    rows = {r.cells[1].text.strip("\u3000"): r.cells for r in stats.rows[1:]}
    assert [c.text for c in rows["藏量"]] == ["1", "藏量", "册、件", "（待填写）"]
    assert [r.font.highlight_color for r in rows["藏量"][3].paragraphs[0].runs] == [WD_COLOR_INDEX.YELLOW]
    assert rows["为读者举办各种活动"][3].text == "—"  # a group row keeps its dash

    strict = run_cli("build", "2022", "--toc", "field", "--strict", "-o", "strict", cwd=project)
    assert strict.returncode == 1 and not (project / "strict").exists()
    assert f"2022 is a draft ({to_fill} value(s) still to fill): --strict builds only a finished year" in strict.stderr


def test_new_never_overwrites(project: Path):
    (project / "years/2022").mkdir()
    (project / "years/2022/notes.txt").write_text("mine", encoding="utf-8")
    done = run_cli("new", "2022", cwd=project)
    assert done.returncode == 2
    assert "already exists" in done.stderr
    assert [p.name for p in (project / "years/2022").iterdir()] == ["notes.txt"]

    before = (project / "years/2021/statistics.yaml").read_bytes()
    done = run_cli("new", "2021", cwd=project)
    assert done.returncode == 2 and "already exists" in done.stderr
    assert (project / "years/2021/statistics.yaml").read_bytes() == before


def test_new_needs_a_year_to_start_from(project: Path):
    done = run_cli("new", "2018", cwd=project)
    assert done.returncode == 2
    assert "no year before 2018" in done.stderr and "--from" in done.stderr
    assert not (project / "years/2018").exists()

    done = run_cli("new", "2022", "--from", "2017", cwd=project)
    assert done.returncode == 2 and "2017" in done.stderr and "2019, 2021" in done.stderr


def test_new_from_a_named_year(project: Path):
    done = run_cli("new", "2022", "--from", "2019", cwd=project)
    assert done.returncode == 0, done.stderr
    names = [i["name"] for i in load(project / "years/2022/statistics.yaml")["items"]]
    assert "电子图书" in names  # 2019 has it, 2021 does not
    assert load(project / "years/2022/report.yaml")["title"] == "越秀区图书馆 2022 年年报"


def test_new_compares_with_the_year_it_started_from(project: Path):
    report = project / "years/2021/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "parts:", "year_over_year: {compare_with: 2019, columns: true}\nparts:", 1), encoding="utf-8")
    assert run_cli("new", "2022", cwd=project).returncode == 0
    assert load(project / "years/2022/report.yaml")["year_over_year"] == {"compare_with": 2021, "columns": True}


def test_a_title_without_the_year_is_kept(project: Path):
    report = project / "years/2021/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace(
        "title: 越秀区图书馆 2021 年年报", "title: 越秀区图书馆年度报告"), encoding="utf-8")
    assert run_cli("new", "2022", cwd=project).returncode == 0
    assert load(project / "years/2022/report.yaml")["title"] == "越秀区图书馆年度报告"


def test_an_interrupted_new_leaves_no_half_made_year(project: Path, monkeypatch: pytest.MonkeyPatch):
    from libreport.commands import new as scaffold
    from libreport.project import load_project

    written = []
    real = Path.write_text

    def failing(self, *args, **kwargs):
        if len(written) == 3:
            raise OSError(28, "No space left on device")
        written.append(self)
        return real(self, *args, **kwargs)

    monkeypatch.setattr(Path, "write_text", failing)
    with pytest.raises(OSError):
        scaffold.new_year(load_project(project), 2022, None)
    # no 2022, no leftovers (the plan beside the years is the project's)
    assert sorted(p.name for p in (project / "years").iterdir()) == ["2019", "2021", "plan.yaml"]


def test_staff_structure_is_carried_over_with_counts_emptied(project: Path):
    (project / "years/2021/staff.yaml").write_text(
        "- name: 职称结构\n  groups:\n    - {label: 正高级, count: 1}\n    - {label: 副高级, count: 4}\n",
        encoding="utf-8")
    assert run_cli("new", "2022", cwd=project).returncode == 0
    assert load(project / "years/2022/staff.yaml") == [
        {"name": "职称结构", "groups": [{"label": "正高级", "count": None}, {"label": "副高级", "count": None}]}]
    done = run_cli("validate", "2022", "--format", "json", cwd=project)
    messages = [d["message"] for d in json.loads(done.stdout)["years"][0]["diagnostics"]]
    assert "职称结构: 正高级 has no count yet" in messages
    for year in ("2021", "2022"):  # both the year with the figures and the one still to fill build
        done = run_cli("build", year, "--toc", "field", cwd=project)
        assert done.returncode == 0, done.stderr
