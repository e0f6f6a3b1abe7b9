"""The project's development plan: held once beside the years, followed by every year it covers. The 规划任务落实情况
section prints each task with what the year did for it and how far its targets have come; `show` prints the same;
libreport.yaml may name the plans (one for each plan period) instead of plan.yaml beside the years."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from .conftest import CASES, TEMPLATES, run_cli
from .docxdump import blocks

FOLLOWED = CASES / "valid" / "plan-followed"


def followed(tmp_path: Path) -> Path:
    """The plan-followed case as a project: its 2022 and, beside it, the plan."""
    shutil.copytree(FOLLOWED, tmp_path / "years" / "2022", ignore=shutil.ignore_patterns("expected.txt", "project"))
    shutil.copy(FOLLOWED / "project" / "plan.yaml", tmp_path / "years" / "plan.yaml")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    return tmp_path


def plan_section(docx: Path) -> list[tuple[str, str]]:
    bs = blocks(docx)
    start = next(i for i, b in enumerate(bs) if b.style == "Heading1" and b.text.endswith("规划任务落实情况"))
    return [(b.style, b.text) for b in bs[start + 1:] if b.kind == "p"]


def test_the_plan_section_prints_each_task_with_what_the_year_did_for_it(tmp_path: Path):
    project = followed(tmp_path)
    done = run_cli("build", "2022", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    printed = plan_section(project / "out" / "2022" / "松原县图书馆2022年年报.docx")
    assert printed == [
        ("Heading3", "（一）完善服务体系"),
        ("Heading4", "1. 建设街道分馆，织密服务网络"),
        # the entries counted by the section they stand in, in the order the report lists its sections
        ("Normal", "2022 年落实 4 项（工作总结 1 项、分馆一览 2 项、大事记 1 项）："),
        ("ListParagraph", "• 完善服务体系"),  # a summary heading: its text, without its number
        ("ListParagraph", "• 城北分馆"),  # a table row: its first cell
        ("ListParagraph", "• 城南分馆"),
        ("ListParagraph", "• 3月5日，城北分馆开馆。"),  # a chronicle entry: its date and text
        # 18 (2020) to 30 (2025) in a straight line stands at 22.8 in 2022
        ("Normal", "目标：分馆数量 2025 年达到 30 个；2022 年为 24 个，按均匀进度应达 22.8 个。"),
        ("Heading4", "2. 推进文教融合，建设校园阅读馆"),
        ("Normal", "2022 年落实 1 项（工作总结 1 项）："),
        # a paragraph: its first sentence
        ("ListParagraph", "• 与区内 6 所中小学共建校园阅读馆，开展图书借阅与阅读推广。"),
        ("Heading3", "（二）打造阅读品牌"),
        ("Heading4", "3. 打造本土特色的活动品牌"),
        ("Normal", "2022 年落实 3 项（荣誉表彰 1 项、活动统计 1 项、大事记 1 项）："),
        ("ListParagraph", "• 全民阅读示范基地（松原县文化和旅游局）"),  # an award and who gave it
        ("ListParagraph", "• 讲座"),  # an activity row: its type
        ("ListParagraph", "• 4月23日，举办“松原读书月”开幕式。"),
        ("Normal", "目标：读者活动 2024 年达到 600 场；2022 年为 480 场，按均匀进度应达 466.7 场。"),
        ("Heading4", "4. 引进社会力量，丰富少儿馆功能"),
        ("Normal", "2022 年暂无落实记录。"),
    ]


def test_the_wording_is_the_templates(tmp_path: Path):
    project = followed(tmp_path)
    snippets = project / "templates" / "snippets.yaml"
    text = snippets.read_text(encoding="utf-8")
    text = text.replace('plan_task: "{{ number }}. {{ title }}"', 'plan_task: "任务{{ number }}：{{ title }}"')
    text = text.replace('plan_none: "{{ year }} 年暂无落实记录。"', 'plan_none: ""')
    snippets.write_text(text, encoding="utf-8")
    assert run_cli("build", "2022", "--toc", "field", cwd=project).returncode == 0
    printed = plan_section(project / "out" / "2022" / "松原县图书馆2022年年报.docx")
    assert printed[-1] == ("Heading4", "任务4：引进社会力量，丰富少儿馆功能")  # no line where plan_none is empty
    assert ("Heading4", "任务1：建设街道分馆，织密服务网络") in printed


def test_show_prints_each_task_with_its_count_and_targets(tmp_path: Path):
    project = followed(tmp_path)
    done = run_cli("show", "2022", cwd=project)
    assert done.returncode == 0, done.stderr
    out = done.stdout[done.stdout.index("规划任务落实情况: 松原县图书馆“十四五”发展规划, 2022"):]
    rows = [line for line in out.splitlines() if line.startswith("│")]
    assert "4 (工作总结 1, 分馆一览 2, 大事记 1)" in rows[0]
    assert "分馆数量: 24 of 30 个 by 2025; on the line: 22.8" in rows[0]
    assert "读者活动: 480 of 600 场 by 2024; on the line: 466.7" in rows[2]
    assert rows[3].split("│")[3].strip() == "—"  # task 4: nothing done


def test_libreport_yaml_names_the_plans_one_for_each_period(tmp_path: Path):
    project = followed(tmp_path)
    (project / "years" / "plan.yaml").rename(project / "十四五规划.yaml")
    earlier = "title: 十三五规划\nyears: 2016-2020\ntasks:\n  - {number: 1, title: 建分馆}\n"
    (project / "十三五规划.yaml").write_text(earlier, encoding="utf-8")
    (project / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n"
                                            "plans: [十三五规划.yaml, 十四五规划.yaml]\n", encoding="utf-8")
    done = run_cli("validate", "--format", "json", cwd=project)
    diags = json.loads(done.stdout)["years"][0]["diagnostics"]
    assert [(d["file"], d["code"]) for d in diags] == [("十四五规划.yaml", "plan-idle")]
    # a plan named that is not there, and two plans for the same years
    (project / "libreport.yaml").write_text("sources: years\nplans: [十四五规划.yaml, 十四五规划.yaml, 规划.yaml]\n",
                                            encoding="utf-8")
    done = run_cli("validate", "--format", "json", cwd=project)
    diags = json.loads(done.stdout)["years"][0]["diagnostics"]
    found = {(d["file"], d["line"], d["code"]) for d in diags if d["severity"] == "error"}
    assert found == {("libreport.yaml", 2, "missing-file"), ("十四五规划.yaml", 3, "plan-overlap")}


def test_a_year_before_the_plan_is_not_touched_by_it(tmp_path: Path):
    project = followed(tmp_path)
    shutil.copytree(CASES / "valid" / "statistics-data-only", project / "years" / "2019")
    (project / "years" / "2019" / "report.yaml").write_text(
        (project / "years" / "2019" / "report.yaml").read_text(encoding="utf-8").replace("2022", "2019"),
        encoding="utf-8")
    done = run_cli("validate", "2019", "--format", "json", cwd=project)
    assert json.loads(done.stdout)["years"][0]["diagnostics"] == []
    # even with a plan that cannot be read: a year that names no task does not hear of it
    (project / "years" / "plan.yaml").write_text("title: 规划\nyears: 二〇二一\n", encoding="utf-8")
    done = run_cli("validate", "2019", "--format", "json", cwd=project)
    assert json.loads(done.stdout)["years"][0]["diagnostics"] == []


def test_the_next_year_follows_the_same_plan_and_starts_with_every_task_to_do(tmp_path: Path):
    project = followed(tmp_path)
    done = run_cli("new", "2023", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "{kind: plan, title: 规划任务落实情况}" in (project / "years" / "2023" / "report.yaml").read_text("utf-8")
    checked = run_cli("validate", "2023", "--format", "json", cwd=project)
    diags = json.loads(checked.stdout)["years"][0]["diagnostics"]
    idle = [d for d in diags if d["code"] == "plan-idle"]
    # the summary comes along whole, with the tasks its heading and paragraph name (1, 2); the lists start empty
    assert [(d["file"], d["severity"]) for d in idle] == [("years/plan.yaml", "note")] * 2
    assert [d["message"].split(" (")[0] for d in idle] == ["2023 did nothing for task 3", "2023 did nothing for task 4"]
    assert not [d for d in diags if d["file"] == "years/plan.yaml" and d["code"] != "plan-idle"]


def test_the_docs_worked_example_is_the_plan_followed_case(tmp_path: Path):
    """docs/sources.md's plan.yaml is the case's, and what it says the section prints is what the case builds."""
    docs = (Path(__file__).resolve().parent.parent / "docs" / "sources.md").read_text(encoding="utf-8")
    section = docs[docs.index("## The plan (规划任务落实情况)"):docs.index("## Starting a new year")]
    blocks_of = [part.split("```", 1)[0] for part in section.split("```\n")[1:]]  # each plain fenced block
    plan = (FOLLOWED / "project" / "plan.yaml").read_text(encoding="utf-8")
    assert f"```yaml\n{plan}```" in section
    project = followed(tmp_path)
    assert run_cli("build", "2022", "--toc", "field", cwd=project).returncode == 0
    printed = [text for _style, text in plan_section(project / "out" / "2022" / "松原县图书馆2022年年报.docx")]
    shown = [block.splitlines() for block in blocks_of if block.startswith(("（一）", "4. "))]
    assert len(shown) == 2
    for lines in shown:
        start = printed.index(lines[0])
        assert printed[start:start + len(lines)] == lines


def test_an_empty_plan_and_one_with_parts_and_tasks_are_said_at_their_lines(tmp_path: Path):
    project = followed(tmp_path)
    plan = project / "years" / "plan.yaml"

    def errors() -> list[tuple[str, int, str, str]]:
        done = run_cli("validate", "2022", "--format", "json", cwd=project)
        assert done.returncode == 1
        return [(d["file"], d["line"], d["code"], d["message"]) for d in json.loads(done.stdout)["years"][0]
                ["diagnostics"] if d["severity"] == "error"]

    plan.write_text("# 规划\n", encoding="utf-8")
    [(file, line, code, message)] = errors()  # the plan's own problem, not a cascade at every task named
    assert (file, line, code) == ("years/plan.yaml", 1, "empty-file")
    assert "years (2021-2025)" in message
    plan.write_text("title: 规划\nyears: 2021-2025\nparts: []\ntasks: []\n", encoding="utf-8")
    assert [e[:3] for e in errors()] == [("years/plan.yaml", 4, "plan-contents")]
