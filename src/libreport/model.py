"""The typed model of one year's report. Every value keeps the mark of where it was written."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from libreport.dates import Span
from libreport.diagnostics import Mark
from libreport.figures import Figure
from libreport.headings import Numbering
from libreport.housestyle import Style

SECTION_KINDS = ("summary", "staff", "awards", "coverage", "statistics", "activities", "chronicle", "table", "plan")
DEFAULT_FILES = {
    "summary": "summary.md",
    "staff": "staff.yaml",
    "awards": "awards.yaml",
    "coverage": "coverage.yaml",
    "statistics": "statistics.yaml",
    "activities": "activities.yaml",
    "chronicle": "chronicle.yaml",
}


@dataclass(frozen=True)
class TaskRef:
    """A task of the plan an entry names as one it serves (`tasks: [6, 8]`, `<!-- tasks: 6 -->`), as written."""

    text: str
    mark: Mark


@dataclass
class Section:
    kind: str
    title: str | None  # None: printed without a heading of its own, continuing the text before it
    file: Path
    mark: Mark
    # The loaded model, or None when absent or invalid. Its type follows `kind` (a list of Award for awards,
    # Statistics for statistics, …), which a static type cannot say; the renderer and checks dispatch on kind.
    data: Any = None
    header: str | None = None  # running header, for a section listed at the top level
    group: Group | None = None  # the group of sections it is listed in, whose heading stands above it
    numbering: Numbering = field(default_factory=Numbering)  # the numbering that holds in it: the report's,
    # with its part's, its group's and its own `numbering:` in their places

    @property
    def label(self) -> str:
        """What messages and `show` call the section: its title, or its file when it has none."""
        return self.title or self.file.name


@dataclass
class Group:
    """Sections listed under a heading of their own inside a part (读者结构, holding （一）按年龄 and （二）按职业):
    the group's title is printed like a section's, its sections' titles one level below."""

    title: str
    mark: Mark
    numbering: Numbering = field(default_factory=Numbering)  # the numbering that holds in it


@dataclass
class Part:
    title: str | None  # None: sections listed at the top level without a title, under no heading
    header: str | None  # running header of the part's pages; None: the report's title
    sections: list[Section]
    mark: Mark
    standalone: bool = False  # a section listed at the top level: it is its own part, under one heading
    numbering: Numbering = field(default_factory=Numbering)  # the numbering that holds in it

    @property
    def heading_is_section(self) -> bool:
        """One heading, not two: a section standing alone, or a part holding one section of the same title
        (三、大事记 is not followed by 大事记)."""
        return self.standalone or (len(self.sections) == 1 and self.sections[0].title == self.title)


@dataclass
class Signature:
    """The closing block official summaries end with: the organisation, and the date, right-aligned; then the 附注
    (联系人：…，电话：…), in brackets on the line under the date, two characters in."""

    organisation: list[str]
    date: date | None
    mark: Mark
    note: str | None = None


@dataclass
class Cover:
    """What the cover of a report with one prints, where report.yaml says it otherwise than the template: the
    title's lines (apart from the document's title), lines under it (an English name), and the issuer at its foot
    (某馆 编) instead of the library."""

    title: list[str] | None = None
    subtitle: list[str] = field(default_factory=list)
    issuer: list[str] | None = None
    marks: dict[str, Mark] = field(default_factory=dict)  # where each is written, by its key


@dataclass
class Letterhead:
    """The head of an official document: the issuing organ's name (红头, one line or several) and the
    document number under it (岚图〔2024〕3号)."""

    lines: list[str]
    number: str | None = None


@dataclass
class Imprint:
    """The 版记 an official document ends with: 抄送 (who gets a copy), and who printed it on which day."""

    cc: list[str]
    issuer: str | None
    date: date | None
    mark: Mark


@dataclass
class Award:
    name: str
    bodies: list[str]  # who gave it; empty when the report does not say
    date: date | None  # the day, or the first day of the month or year, it was given; None when not said
    mark: Mark
    date_mark: Mark | None = None  # where the date value is written, for date diagnostics
    precision: str = "month"  # "month"; "year" when the report gives the year only, "day" when a day
    date_text: str = ""  # the date as written
    shown: str | None = None  # the date as the report prints it, when `shown:` gives it
    tasks: list[TaskRef] = field(default_factory=list)  # the plan's tasks it serves

    @property
    def shown_date(self) -> str:
        """A date of a year or a day as written (2023年, 全年, 2023年11月20日); month dates are worded by the
        template's award_date (unless `shown:` or the file's `dates: as-written` says otherwise)."""
        return self.shown if self.shown is not None else self.date_text


@dataclass
class Coverage:
    date: date
    outlet: str
    section: str
    title: str
    mark: Mark
    date_mark: Mark | None = None
    date_text: str = ""  # the date as written (2020年2月6日, 2020.1.30)
    shown: str | None = None  # the date as the report prints it, when `shown:` gives it
    tasks: list[TaskRef] = field(default_factory=list)  # the plan's tasks it serves


@dataclass
class Ratio:
    """A stated percentage or ratio: the item's value is part ÷ whole (× 100 for %, × 1000 for ‰)."""

    part: str
    mark: Mark  # where `ratio:` is written
    whole: str | None = None  # None: the item this one is listed under


@dataclass
class StatChange:
    """A stated change between two figures: the item's value is new against old, in percent when the item is in %
    ((new ÷ old − 1) × 100), else their difference in the item's unit (个百分点 for two percentages)."""

    new: str
    old: str
    mark: Mark  # where `change:` is written


@dataclass
class StatItem:
    name: str
    unit: str | None
    value: Decimal | None
    mark: Mark
    id: str | None = None
    parts: list[StatItem] = field(default_factory=list)
    parts_label: str | None = None
    of_which: list[StatItem] = field(default_factory=list)
    of_which_label: str | None = None
    details: list[StatItem] = field(default_factory=list)
    path: str = ""  # 为读者举办各种活动/举办展览
    value_mark: Mark | None = None  # where the value is written, for figure diagnostics
    to_fill: bool = False  # written as `value:` with nothing after it: a value still to be filled in
    digits: str = ""  # the value as written (57.34, 1,607,816)
    approx: str | None = None  # the approximation word printed with it: 近 57.34, 5000 余
    note: str | None = None  # the scope remark printed beside it: 含分馆
    ratio: Ratio | None = None
    change: StatChange | None = None
    label: str | None = None  # printed before the name (其中：盲文图书); None: as its place in the tree says
    last_year: Figure | None = None  # last year's figure as last year's report printed it, for 同比 without its sources
    names: tuple[str, ...] = ()  # `names:`: what the item counts, by name; the value is how many there are

    @property
    def prints_nothing(self) -> bool:
        """A group row (no unit, no value) with nothing under it that prints: left out of the table, as a
        heading alone would be."""
        return (self.unit is None and self.value is None and not self.to_fill
                and all(child.prints_nothing for child in self.children()))

    @property
    def figure(self) -> Figure | None:
        if self.value is None:
            return None
        return Figure(self.value, self.digits, self.unit, self.approx, self.note, self.names)

    def walk(self):
        yield self
        for child in self.children():
            yield from child.walk()

    def children(self):
        return (*self.parts, *self.of_which, *self.details)


class Entries(list):
    """The entries of a file that is a list (awards, coverage), with the note its report prints under their table
    (`note:` when the file is written as `{rows: [...], note: ...}`) and how its dates are printed (`dates:`)."""

    note: str | None = None
    dates: str = "template"  # "template": worded by snippets.yaml; "as-written": each as its `date:` is written


@dataclass
class Statistics:
    items: list[StatItem]
    file: Path
    note: str | None = None  # printed under the table: 注：…
    thousands: bool | None = None  # the table's figures grouped (1,236) or not (1236); None: the house style's

    def walk(self):
        for item in self.items:
            yield from item.walk()


@dataclass
class ActivityRow:
    type: str
    sessions: Figure | None  # None: the report does not give it (printed —)
    attendance: Figure | None
    mark: Mark
    links: dict[str, tuple[str, Mark]] = field(default_factory=dict)  # column → (statistics ref, mark)
    tasks: list[TaskRef] = field(default_factory=list)  # the plan's tasks it serves

    def count(self, column: str) -> Figure | None:
        return self.sessions if column == "sessions" else self.attendance


@dataclass
class Activities:
    rows: list[ActivityRow]
    rounding: str  # "half-up" | "largest-remainder"
    file: Path
    mark: Mark
    totals: dict[str, tuple[Figure, Mark]] = field(default_factory=dict)  # `total:` as printed, by column
    total_mark: Mark | None = None  # where `total:` is written (the 合计 row's entry)
    note: str | None = None  # printed under the table: 注：参与人次为全年各类活动合计数
    thousands: bool | None = None  # the counts grouped (63,130) or not (63130); None: the house style's
    waiting: list[str] = field(default_factory=list)  # types of rows whose counts are still to fill
    totals_to_fill: set[str] = field(default_factory=set)  # `total:` counts written empty, still to fill


@dataclass
class Event:
    span: Span
    text: str
    mark: Mark
    shown: str | None = None  # printed instead of the date, when the source's own date text cannot be parsed as is
    date_mark: Mark | None = None
    tasks: list[TaskRef] = field(default_factory=list)  # the plan's tasks it serves

    @property
    def date_text(self) -> str:
        return self.shown if self.shown is not None else self.span.text


@dataclass
class StaffGroup:
    label: str
    count: Decimal
    mark: Mark


@dataclass
class StaffDistribution:
    name: str
    groups: list[StaffGroup]
    mark: Mark
    note: str | None = None  # printed under its table
    thousands: bool | None = None  # its counts grouped or not; None: the house style's


@dataclass
class Summary:
    file: Path
    text: str
    blocks: list = field(default_factory=list)  # the rendered blocks (prose.markdown.Block), once checked
    parsed: Any = None  # the Markdown read once (prose.markdown.Parsed), for the checks and then the rendering


@dataclass
class YearOverYear:
    """`year_over_year:` in report.yaml, read once."""

    mark: Mark
    compare_with: int | None = None  # the year to compare with; None: the latest earlier year of the library
    compare_with_mark: Mark | None = None
    unusable: bool = False  # compare_with is written but wrong (said so): compare with no year rather than another
    columns: bool = False  # 综合统计 gets the compared year's value and the change
    jump_factor: Decimal = Decimal(3)  # implausible-change above this factor either way


@dataclass
class Report:
    folder: Path
    library: str
    year: int
    title: str | None
    parts: list[Part]
    mark: Mark
    date: str | None = None  # the date on the cover, as printed (2022年1月, 二〇二四年三月)
    title_lines: list[str] = field(default_factory=list)  # the title as printed, when on several lines
    addressee: str | None = None  # 主送: whom an official document is sent to, printed under the title
    cover: Cover = field(default_factory=Cover)
    first_page_header: bool | None = None  # the running header on a part's first page; None: as the template
    kind: str = "年报"  # the document kind: names the output file and the cover (年报, 工作总结, …)
    letterhead: Letterhead | None = None  # printed above the report's text
    signature: Signature | None = None
    imprint: Imprint | None = None  # the 版记, after the signature
    template: str | None = None  # the template folder's document to build with (official.docx); None: report.docx
    template_mark: Mark | None = None
    numbering: Numbering = field(default_factory=Numbering)
    year_over_year: YearOverYear | None = None
    figures: Style = field(default_factory=Style)  # the house style figures are printed in
    data_sections: list[Section] = field(default_factory=list)  # read for their figures, not printed

    def sections(self, kind: str | None = None):
        """Every section read, printed ones in order, then those read only for their data."""
        for part in self.parts:
            for section in part.sections:
                if kind is None or section.kind == kind:
                    yield section
        for section in self.data_sections:
            if kind is None or section.kind == kind:
                yield section

    def first(self, kind: str):
        for section in self.sections(kind):
            if section.data is not None:
                return section.data
        return None


@dataclass
class Target:
    """A figure the plan sets a task to reach: `value` (in `unit`) by `year`, from `baseline` as it stood in
    `baseline_year`; `statistics` names the item of each year's statistics that gives the year's figure."""

    name: str
    value: Decimal
    unit: str
    year: int
    mark: Mark
    digits: str = ""  # the target as written (30, 1.5), whose places the progress is printed to
    baseline: Decimal | None = None
    baseline_digits: str = ""
    baseline_year: int | None = None
    statistics: str | None = None
    statistics_mark: Mark | None = None


@dataclass
class Task:
    number: str  # as the plan numbers it (6, 2.3): what entries name
    title: str
    mark: Mark
    part: PlanPart | None = None
    targets: list[Target] = field(default_factory=list)


@dataclass
class PlanPart:
    title: str | None  # None: a plan whose tasks stand under no part
    mark: Mark
    tasks: list[Task] = field(default_factory=list)


@dataclass
class Plan:
    """A development plan the project holds once for the years it covers (十四五: 2021–2025)."""

    title: str
    first: int
    last: int
    file: Path
    mark: Mark  # where its years are written
    parts: list[PlanPart] = field(default_factory=list)

    def covers(self, year: int) -> bool:
        return self.first <= year <= self.last

    def tasks(self) -> list[Task]:
        return [task for part in self.parts for task in part.tasks]
