"""What a year did for its plan: for each task, the year's entries that name it, and how far each target has come
against the straight line from its baseline to the year it is to be reached."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from libreport import model as m
from libreport.figures import Figure


@dataclass
class Done:
    """One entry of the year that serves a task: what it is and in which section it stands."""

    section: m.Section
    entry: object  # an Event, Award, Coverage, ActivityRow, table Row, or a summary Block


@dataclass
class Progress:
    """A target in the year: the year's figure (from its statistics item), and where the straight line from the
    baseline to the target stands in the year."""

    target: m.Target
    actual: Figure | None = None
    expected: Decimal | None = None  # on the straight line in this year; None without a baseline
    places: int = 0  # the places the line's figure is printed to: one more than the plan's figures have

    @property
    def behind(self) -> bool:
        if self.actual is None or self.expected is None or self.target.baseline is None:
            return False
        if self.target.value >= self.target.baseline:
            return self.actual.value < self.expected
        return self.actual.value > self.expected  # a target to bring down (借阅等待天数)

    @property
    def expected_digits(self) -> str:
        if self.expected is None:
            return ""
        shown = self.expected.quantize(Decimal(1).scaleb(-self.places), ROUND_HALF_UP)
        return format(shown.normalize() if shown == shown.to_integral_value() else shown, "f")


@dataclass
class TaskYear:
    task: m.Task
    done: list[Done] = field(default_factory=list)
    targets: list[Progress] = field(default_factory=list)

    def counts(self) -> list[tuple[m.Section, int]]:
        """How many entries of each section serve the task, the sections in the order the report lists them."""
        out: dict[int, tuple[m.Section, int]] = {}
        for d in self.done:
            section, n = out.get(id(d.section), (d.section, 0))
            out[id(d.section)] = (section, n + 1)
        return list(out.values())


@dataclass
class PlanYear:
    """The plan section's data: the plan, the year, and each task's year."""

    plan: m.Plan
    year: int
    tasks: list[TaskYear]

    def parts(self) -> list[tuple[m.PlanPart, list[TaskYear]]]:
        by_task = {id(t.task): t for t in self.tasks}
        return [(part, [by_task[id(task)] for task in part.tasks]) for part in self.plan.parts]


def on_the_line(target: m.Target, year: int) -> Decimal | None:
    """Where the straight line from the baseline (in its year) to the target (in its year) stands in `year`."""
    if target.baseline is None or target.baseline_year is None:
        return None
    if year >= target.year:
        return target.value
    span = target.year - target.baseline_year
    return target.baseline + (target.value - target.baseline) * (year - target.baseline_year) / span


def places(digits: str) -> int:
    return len(digits.split(".")[1]) if "." in digits else 0


def progress(target: m.Target, year: int, actual: Figure | None) -> Progress:
    shown = max(places(target.digits), places(target.baseline_digits)) + 1
    return Progress(target, actual, on_the_line(target, year), shown)


_SENTENCE_END = "。！？"


def described(done: Done) -> dict[str, str]:
    """What the plan section prints of an entry, as its own section gives it: `text` (a chronicle entry's text, an
    award's name, a report's title, an activity's type, a table row's first cell, a summary heading, or the first
    sentence of a summary paragraph), its `date` as written, and `by` (who gave an award, the outlet of a
    report); `section` names the section it stands in."""
    from libreport.prose.markdown import Block

    entry = done.entry
    out = {"section": done.section.label, "text": "", "date": "", "by": ""}
    if isinstance(entry, m.Event):
        out.update(text=entry.text, date=entry.date_text)
    elif isinstance(entry, m.Award):
        out.update(text=entry.name, by="、".join(entry.bodies))
    elif isinstance(entry, m.Coverage):
        out.update(text=entry.title, date=entry.shown or entry.date_text, by=entry.outlet)
    elif isinstance(entry, m.ActivityRow):
        out.update(text=entry.type)
    elif isinstance(entry, Block):  # a summary's heading or paragraph, rendered
        text = entry.plain.strip() or entry.source.strip()  # a summary in error is not rendered
        if entry.kind != "heading":
            ends = [text.find(c) for c in _SENTENCE_END if c in text]
            text = text[: min(ends) + 1] if ends else text
        out.update(text=text)
    elif hasattr(entry, "cells"):  # a table row: the cell of its first column
        columns = getattr(done.section.data, "columns", [])
        cell = entry.cells.get(columns[0].name) if columns else None
        out.update(text=cell.text if cell is not None else "")
    return out
