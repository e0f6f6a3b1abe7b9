"""The year against the project's plan: every task an entry names is one of the plan's, each task the year did
nothing for is said, and so is each target behind the straight line from its baseline. What is found is the
data of the year's plan sections (规划任务落实情况)."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from libreport import model as m
from libreport.compute.plan import Done, PlanYear, TaskYear, progress
from libreport.diagnostics import Diagnostics, Mark
from libreport.figures import same_unit


def entries(report: m.Report) -> Iterator[tuple[m.Section, object, list[m.TaskRef]]]:
    """Every entry of the year that names tasks, with its section, in the order the report lists them."""
    for section in report.sections():
        for entry in _entries_of(section):
            refs = _refs(section, entry)
            if refs:
                yield section, entry, refs


def _entries_of(section: m.Section) -> list:
    data = section.data
    if data is None:
        return []
    if section.kind in ("awards", "coverage", "chronicle"):
        return list(data)
    if section.kind in ("activities", "table"):
        return list(getattr(data, "rows", []))
    if section.kind == "summary":
        from libreport.prose.summary import parsed

        return list(parsed(data).blocks)
    return []


def _refs(section: m.Section, entry) -> list[m.TaskRef]:
    tasks = getattr(entry, "tasks", [])
    if section.kind == "summary":  # a block keeps its lines: where in the summary each is written
        return [m.TaskRef(text, Mark(section.file, line, col)) for text, line, col in tasks]
    return list(tasks)


def check_plan(project, report: m.Report, diags: Diagnostics) -> None:
    from libreport.sources.plan import load_plans

    found = Diagnostics()
    plans = load_plans(project, found)
    plan = next((p for p in plans if p.covers(report.year)), None)
    named = list(entries(report))
    sections = list(report.sections("plan"))
    if plan is not None or ((named or sections) and found.items):  # a plan of other years is not this year's
        diags.extend(found)
    if plan is None:
        if not found.errors:  # a plan that cannot be read is said as such, not as no plan at all
            _without_plan(plans, report, named, sections, diags)
        return
    if not plan.tasks():  # none could be read (said at the plan): every task named would be unknown
        return
    year = PlanYear(plan, report.year, [TaskYear(task) for task in plan.tasks()])
    by_number = {t.task.number: t for t in year.tasks}
    for section, entry, refs in named:
        served: set[str] = set()  # an entry naming a task twice does it once
        for ref in refs:
            task = by_number.get(ref.text)
            if task is None:
                _unknown(plan, ref, diags)
            elif ref.text not in served:
                served.add(ref.text)
                task.done.append(Done(section, entry))
    _targets(report, year, diags)
    for t in year.tasks:
        if not t.done:
            diags.note("plan-idle", t.task.mark, year=report.year, number=t.task.number, title=t.task.title)
    for section in sections:
        section.data = year


def _without_plan(plans: list[m.Plan], report: m.Report, named, sections: list[m.Section],
                  diags: Diagnostics) -> None:
    """A year that names tasks, or lists a plan section, with no plan of the project covering it: said once
    for the section and once in each file that names tasks."""
    covers = "、".join(f"{p.title}（{p.first}–{p.last}）" for p in plans)
    variant = "years" if plans else None
    for section in sections:
        diags.error("no-plan", section.mark, year=report.year, plans=covers, variant=variant)
    files: set = set()
    for _section, _entry, refs in named:
        ref = refs[0]
        if ref.mark.file not in files:
            files.add(ref.mark.file)
            diags.error("no-plan", ref.mark, year=report.year, plans=covers, variant=variant)


def _unknown(plan: m.Plan, ref: m.TaskRef, diags: Diagnostics) -> None:
    tasks = plan.tasks()
    numbers = [t.number for t in tasks]
    # a number mistyped (21 for 12), or words of a task's title written for its number
    close = difflib.get_close_matches(ref.text, numbers, n=1, cutoff=0.5)
    hint = next((t for t in tasks if close and t.number == close[0]), None)
    if hint is None and not ref.text.isdigit():
        hint = next((t for t in tasks if ref.text in t.title), None)
    if hint is None and not ref.text.isdigit() and tasks:  # its words in another order (品牌活动, 活动品牌)
        best = max(tasks, key=lambda t: _shared(ref.text, t.title))
        hint = best if _shared(ref.text, best.title) >= 0.75 else None
    if hint is not None:
        diags.error("unknown-task", ref.mark, task=ref.text, plan=plan.title, hint=hint.number, title=hint.title,
                    variant="hint")
    else:
        diags.error("unknown-task", ref.mark, task=ref.text, plan=plan.title, numbers=_span(numbers))


def _shared(text: str, title: str) -> float:
    """How much of `text` is characters of `title`."""
    return sum(c in title for c in text) / len(text)


def _span(numbers: list[str]) -> str:
    """1–19 for numbers that run on; else each."""
    if numbers and all(n.isdigit() for n in numbers):
        ints = [int(n) for n in numbers]
        if ints == list(range(ints[0], ints[0] + len(ints))):
            return f"{ints[0]}–{ints[-1]}"
    return "、".join(numbers)


def _targets(report: m.Report, year: PlanYear, diags: Diagnostics) -> None:
    """Each target's figure this year, from the statistics item it names; a target behind its straight line is
    a warning at the target."""
    from libreport.compute.tables import StatIndex

    index = StatIndex(report.first("statistics"))
    for t in year.tasks:
        for target in t.task.targets:
            actual = None
            if target.statistics is not None:
                item = index.find(target.statistics)
                if item is None:
                    hint = difflib.get_close_matches(target.statistics, list(index.by_key), n=1)
                    diags.warning("plan-statistics", target.statistics_mark, item=target.statistics,
                                  year=report.year, hint=hint[0] if hint else "", variant="hint" if hint else None)
                elif item.value is not None and not same_unit(item.unit, target.unit):
                    diags.error("plan-unit", target.statistics_mark, item=target.statistics, unit=item.unit or "",
                                name=target.name, target=target.unit, year=report.year)
                else:
                    actual = item.figure
            p = progress(target, report.year, actual)
            t.targets.append(p)
            if p.behind and p.actual is not None:
                diags.warning("plan-behind", target.mark, name=target.name, year=report.year,
                              actual=p.actual.digits, unit=target.unit, baseline=target.baseline_digits,
                              baseline_year=target.baseline_year, target=target.digits, target_year=target.year,
                              expected=p.expected_digits)
