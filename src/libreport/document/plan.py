"""规划任务落实情况 as blocks: the plan's parts and tasks, each task with what the year did for it (how many
entries of each section, and the entries) and its targets' progress, every line worded by snippets.yaml."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.compute.plan import PlanYear, described
from libreport.document import model as d
from libreport.document.summary import list_marker

if TYPE_CHECKING:
    from libreport.document.describe import Describer


def plan(b: Describer, data: PlanYear, depth: int) -> list[d.Block]:
    """`depth`: how many headings stand above the section: the plan's parts stand one level below, its tasks
    two; neither goes into the table of contents."""
    say = b.say
    out: list[d.Block] = []
    marker = list_marker(b, ordered=False)
    for n, (part, tasks) in enumerate(data.parts(), 1):
        if part.title is not None:
            out.append(d.Heading(say.optional("plan_part", number=n, title=part.title), "summary_1", depth + 1,
                                 title=part.title, number=n))
        for t in tasks:
            out.append(d.Heading(say.optional("plan_task", number=t.task.number, title=t.task.title), "summary_2",
                                 depth + 2, title=t.task.title))
            counts = [{"section": section.label, "count": count} for section, count in t.counts()]
            done = (say.optional("plan_done", year=data.year, total=len(t.done), counts=counts) if t.done
                    else say.optional("plan_none", year=data.year))
            if done.strip():
                out.append(d.Paragraph("paragraph", [d.Run(done)]))
            for entry in t.done:
                out.append(d.Item([d.Run(say.optional("plan_entry", **described(entry)))], marker))
            for p in t.targets:
                target = p.target
                line = say.optional("plan_target", name=target.name, unit=target.unit, target=target.digits,
                                    target_year=target.year, baseline=target.baseline_digits,
                                    baseline_year=target.baseline_year or "", year=data.year,
                                    actual=p.actual.digits if p.actual is not None else "",
                                    expected=p.expected_digits, behind=p.behind)
                if line.strip():
                    out.append(d.Paragraph("paragraph", [d.Run(line)]))
    return out
