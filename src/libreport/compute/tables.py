"""Derived figures: numbering, flattened statistics rows, shares, totals, chronicle months.

Nothing derived is ever stored in the sources; everything here is recomputed
from them on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from libreport import model as m
from libreport.numbers import circled, group_thousands, shares_half_up, shares_largest_remainder

# -- statistics ----------------------------------------------------------------

@dataclass
class StatRow:
    marker: str  # "1", "①", or ""
    label: str  # the printed item text, with 其中：/在藏量中： where it belongs
    unit: str
    value: Decimal | None
    depth: int  # 0 for numbered items, 1 below
    item: m.StatItem

    @property
    def shown_label(self) -> str:
        """The item text as printed: unnumbered rows below an item are indented by ideographic spaces."""
        return ("\u3000" * self.depth) + self.label if self.depth and not self.marker else self.label

    @property
    def shown_value(self) -> str:
        """The value as printed: grouped thousands, "—" for a group row, nothing for a value still to fill."""
        if self.item.to_fill:
            return ""
        return "—" if self.value is None else group_thousands(self.value)


def statistics_rows(stats: m.Statistics) -> list[StatRow]:
    rows: list[StatRow] = []
    for n, item in enumerate(stats.items, 1):
        _emit(rows, item, str(n), "", 0)
    return rows


def _emit(rows: list[StatRow], item: m.StatItem, marker: str, prefix: str, depth: int) -> None:
    rows.append(StatRow(marker, prefix + item.name, item.unit or "—", item.value, depth, item))
    for detail in item.details:
        _emit(rows, detail, "", "", depth + 1)
    for k, part in enumerate(item.parts, 1):
        label = f"{item.parts_label}：" if k == 1 and item.parts_label else ""
        _emit(rows, part, circled(k), label, depth + 1)
    for k, sub in enumerate(item.of_which):
        label = f"{item.of_which_label or '其中'}：" if k == 0 else ""
        _emit(rows, sub, "", label, depth + 1)


class StatIndex:
    """Finds a statistics item by id, by path (a/b/c), or by a name that is unique."""

    def __init__(self, stats: m.Statistics | None):
        self.by_key: dict[str, m.StatItem] = {}
        self.ambiguous: set[str] = set()
        # Every tail of a path is a name too: 举办展览/参观人次 finds 为读者举办各种活动/举办展览/参观人次.
        names: dict[str, list[m.StatItem]] = {}
        for item in stats.walk() if stats else ():
            self.by_key[item.path] = item
            if item.id:
                self.by_key[item.id] = item
            pieces = item.path.split("/")
            for k in range(1, len(pieces)):
                names.setdefault("/".join(pieces[k:]), []).append(item)
        for name, items in names.items():
            if len(items) == 1:
                self.by_key.setdefault(name, items[0])
            else:
                self.ambiguous.add(name)

    def find(self, ref: str) -> m.StatItem | None:
        return self.by_key.get(ref)

    def values(self) -> dict[str, Decimal]:
        return {k: v.value for k, v in self.by_key.items() if v.value is not None}


# -- activities ----------------------------------------------------------------

@dataclass
class ActivityLine:
    number: int
    type: str
    sessions: Decimal
    session_share: Decimal
    attendance: Decimal
    attendance_share: Decimal


@dataclass
class ActivityTotals:
    sessions: Decimal
    attendance: Decimal
    session_share_sum: Decimal
    attendance_share_sum: Decimal


@dataclass
class ActivityTable:
    lines: list[ActivityLine]
    total: ActivityTotals

    def __getitem__(self, key: str) -> ActivityLine:
        for line in self.lines:
            if line.type == key:
                return line
        raise KeyError(key)


def activity_table(acts: m.Activities) -> ActivityTable:
    share = shares_largest_remainder if acts.rounding == "largest-remainder" else shares_half_up
    s_shares = share([r.sessions for r in acts.rows])
    a_shares = share([r.attendance for r in acts.rows])
    lines = [ActivityLine(i, r.type, r.sessions, s, r.attendance, a)
             for i, (r, s, a) in enumerate(zip(acts.rows, s_shares, a_shares), 1)]
    total = ActivityTotals(sum((r.sessions for r in acts.rows), Decimal(0)),
                           sum((r.attendance for r in acts.rows), Decimal(0)),
                           sum(s_shares, Decimal(0)), sum(a_shares, Decimal(0)))
    return ActivityTable(lines, total)


# -- chronicle -----------------------------------------------------------------

@dataclass
class MonthGroup:
    month: int | None  # None for whole-year entries
    events: list[m.Event]


def chronicle_months(events: list[m.Event]) -> list[MonthGroup]:
    """Group by first month in the order written; whole-year entries come last."""
    months: dict[int, list[m.Event]] = {}
    whole: list[m.Event] = []
    for event in events:
        if event.span.whole_year:
            whole.append(event)
        else:
            months.setdefault(event.span.month, []).append(event)
    groups = [MonthGroup(k, months[k]) for k in sorted(months)]
    if whole:
        groups.append(MonthGroup(None, whole))
    return groups


# -- the context prose and templates see -----------------------------------------

@dataclass
class Counts:
    coverage: int = 0
    awards: int = 0
    chronicle: int = 0
    statistics: int = 0


def counts(report: m.Report) -> Counts:
    c = Counts()
    cov = report.first("coverage")
    c.coverage = len(cov) if cov else 0
    aw = report.first("awards")
    c.awards = len(aw) if aw else 0
    ch = report.first("chronicle")
    c.chronicle = len(ch) if ch else 0
    st = report.first("statistics")
    c.statistics = len(statistics_rows(st)) if st else 0
    return c
