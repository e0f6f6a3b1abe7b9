"""The project's development plan (plan.yaml beside the year folders, or those libreport.yaml names in `plans:`):
its years, its parts, its numbered tasks and the targets it sets them. Read once for every year it covers."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from libreport import model as m
from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both
from libreport.sources.lines import line
from libreport.sources.reader import Reader, read_top

PLAN_KEYS = ("title", "years", "parts", "tasks")
PART_KEYS = ("title", "tasks")
TASK_KEYS = ("number", "title", "targets")
TARGET_KEYS = ("name", "value", "unit", "year", "baseline", "statistics")
BASELINE_KEYS = ("value", "year")
_YEARS = re.compile(r"^\s*(\d{4})\s*[-–—~至到]\s*(\d{4})\s*年?\s*$")
YEARS_FORMS = Both("two years, first and last: 2021-2025", "起止两个年份，如 2021-2025")


def read_tasks(r: Reader, node: yaml.Node, path: str) -> list[m.TaskRef]:
    """`tasks: 6` or `tasks: [6, 8]`: the plan's tasks an entry serves, by the numbers the plan gives them."""
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    refs = []
    for i, item in enumerate(nodes):
        where = f"{path}[{i + 1}]" if isinstance(node, yaml.SequenceNode) else path
        text = r.text(item, where)
        if text is not None:
            refs.append(m.TaskRef(text, r.mark(item)))
    return refs


def load_plan(file: Path, diags: Diagnostics) -> m.Plan | None:
    top = read_top(file, diags, PLAN_KEYS, ("title", "years"), "plan")
    if top is None:
        return None
    r, f = top
    title = line(r, f["title"][1], "title") if "title" in f else None
    years = _years(r, f["years"][1]) if "years" in f else None
    parts = _contents(r, f)
    _check_tasks(r, [task for part in parts for task in part.tasks])
    if title is None or years is None:
        return None
    plan = m.Plan(title, years[0], years[1], file, r.mark(f["years"][1]), parts)
    for task in plan.tasks():
        for target in task.targets:
            _check_target_years(r, plan, target)
    return plan


def _years(r: Reader, node: yaml.Node) -> tuple[int, int] | None:
    """`years: 2021-2025` (or [2021, 2025]): the first and the last year the plan covers."""
    if isinstance(node, yaml.SequenceNode) and len(node.value) == 2:
        pair = [r.number(n, f"years[{i + 1}]") for i, n in enumerate(node.value)]
        if pair[0] is None or pair[1] is None:
            return None
        first, last = int(pair[0]), int(pair[1])
    else:
        text = node.value if isinstance(node, yaml.ScalarNode) else None
        found = _YEARS.match(str(text)) if text is not None else None
        if found is None:
            r.diags.error("type", r.mark(node), "years", what="years", expected=YEARS_FORMS,
                          found=repr(text) if text is not None else "—")
            return None
        first, last = int(found[1]), int(found[2])
    if not (1900 <= first <= last <= 2200):
        r.diags.error("type", r.mark(node), "years", what="years", expected=YEARS_FORMS, found=f"{first}-{last}")
        return None
    return first, last


def _contents(r: Reader, f: dict) -> list[m.PlanPart]:
    """`parts:` (each with its `tasks:`), or `tasks:` for a plan whose tasks stand under no part."""
    if "parts" in f and "tasks" in f:
        r.diags.error("plan-contents", r.mark(f["tasks"][0]), "tasks", variant="both")
        return []
    if "parts" not in f and "tasks" not in f:
        r.diags.error("plan-contents", r.mark(next(iter(f.values()))[0]) if f else None, "parts")
        return []
    if "tasks" in f:
        part = m.PlanPart(None, r.mark(f["tasks"][0]))
        part.tasks = _tasks(r, f["tasks"][1], "tasks", part)
        return [part]
    parts = []
    for i, node in enumerate(r.sequence(f["parts"][1], "parts") or []):
        path = f"parts[{i + 1}]"
        pf = r.mapping(node, path, PART_KEYS, ("title", "tasks"))
        if pf is None:
            continue
        title = line(r, pf["title"][1], f"{path}.title") if "title" in pf else None
        part = m.PlanPart(title, r.mark(node))
        part.tasks = _tasks(r, pf["tasks"][1], f"{path}.tasks", part) if "tasks" in pf else []
        if title is not None:
            parts.append(part)
    return parts


def _tasks(r: Reader, node: yaml.Node, path: str, part: m.PlanPart) -> list[m.Task]:
    tasks = []
    for i, tnode in enumerate(r.sequence(node, path) or []):
        where = f"{path}[{i + 1}]"
        tf = r.mapping(tnode, where, TASK_KEYS, ("number", "title"))
        if tf is None:
            continue
        number = r.text(tf["number"][1], f"{where}.number") if "number" in tf else None
        title = line(r, tf["title"][1], f"{where}.title") if "title" in tf else None
        targets = []
        for j, gnode in enumerate(r.sequence(tf["targets"][1], f"{where}.targets") or [] if "targets" in tf else []):
            target = _target(r, gnode, f"{where}.targets[{j + 1}]")
            if target is not None:
                targets.append(target)
        if number is not None and title is not None:
            tasks.append(m.Task(number, title, r.mark(tnode), part, targets))
    return tasks


def _target(r: Reader, node: yaml.Node, path: str) -> m.Target | None:
    f = r.mapping(node, path, TARGET_KEYS, ("name", "value", "unit"))
    if f is None:
        return None
    name = line(r, f["name"][1], f"{path}.name") if "name" in f else None
    value = r.figure(f["value"][1], f"{path}.value") if "value" in f else None
    unit = r.text(f["unit"][1], f"{path}.unit") if "unit" in f else None
    year = r.number(f["year"][1], f"{path}.year") if "year" in f else None
    if name is None or value is None or unit is None:
        return None
    target = m.Target(name, value.value, unit, int(year) if year is not None else 0, r.mark(node),
                      digits=value.digits)
    if "baseline" in f:
        _baseline(r, f["baseline"][1], f"{path}.baseline", target)
    if "statistics" in f:
        target.statistics = r.text(f["statistics"][1], f"{path}.statistics")
        target.statistics_mark = r.mark(f["statistics"][1])
    return target


def _baseline(r: Reader, node: yaml.Node, path: str, target: m.Target) -> None:
    """`baseline: 18` (as it stood the year before the plan) or `baseline: {value: 18, year: 2020}`."""
    value_node, year = node, None
    if isinstance(node, yaml.MappingNode):
        bf = r.mapping(node, path, BASELINE_KEYS, ("value",))
        if bf is None or "value" not in bf:
            return
        value_node = bf["value"][1]
        if "year" in bf:
            y = r.number(bf["year"][1], f"{path}.year")
            year = int(y) if y is not None else None
            if year is None:
                return
        path = f"{path}.value"
    figure = r.figure(value_node, path)
    if figure is not None:
        target.baseline, target.baseline_digits, target.baseline_year = figure.value, figure.digits, year


def _check_tasks(r: Reader, tasks: list[m.Task]) -> None:
    seen: dict[str, m.Task] = {}
    for task in tasks:
        if task.number in seen:
            r.diags.error("duplicate-task", task.mark, number=task.number, first=seen[task.number].mark.line)
        else:
            seen[task.number] = task


def _check_target_years(r: Reader, plan: m.Plan, target: m.Target) -> None:
    """A target is reached by a year of the plan (its last, unless `year:` says otherwise), from a baseline
    before it (the year before the plan's first, unless written)."""
    target.year = target.year or plan.last
    if target.baseline is not None and target.baseline_year is None:
        target.baseline_year = plan.first - 1
    if not plan.first <= target.year <= plan.last:
        r.diags.error("plan-year", target.mark, first=plan.first, last=plan.last, year=target.year,
                      name=target.name)
        target.year = plan.last
    if target.baseline_year is not None and target.baseline_year >= target.year:
        r.diags.error("plan-year", target.mark, year=target.baseline_year, target=target.year, name=target.name,
                      variant="baseline")
        target.baseline = target.baseline_year = None


def plan_files(project) -> list[tuple[Path, Mark | None]]:
    """The project's plans: those libreport.yaml names in `plans:`, else plan.yaml beside the year folders."""
    if project.plans:
        return project.plans
    default = project.sources / "plan.yaml"
    return [(default, None)] if default.is_file() else []


def load_plans(project, diags: Diagnostics) -> list[m.Plan]:
    """Every plan of the project; one named in libreport.yaml that does not exist is an error there, and two
    plans covering one year are an error at the second's years."""
    plans: list[m.Plan] = []
    for file, mark in plan_files(project):
        if not file.is_file():
            diags.error("missing-file", mark, "plans", written=file.name, variant="plan")
            continue
        plan = load_plan(file, diags)
        if plan is None:
            continue
        clash = next((p for p in plans if p.first <= plan.last and plan.first <= p.last), None)
        if clash is not None:
            diags.error("plan-overlap", plan.mark, "years", other=clash.file.name, first=clash.first,
                        last=clash.last)
            continue
        plans.append(plan)
    return plans
