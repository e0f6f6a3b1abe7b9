"""Derived figures: numbering, flattened statistics rows, shares, totals, chronicle months.

Nothing derived is ever stored in the sources; everything here is recomputed
from them on every run.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from libreport import model as m
from libreport.figures import Figure, Unavailable
from libreport.messages import Both
from libreport.numbers import circled, shares_half_up, shares_largest_remainder
from libreport.tofill import ToFill, marker

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
        """The value as printed: the figure with its approximation word (近 573,400), thousands grouped, and its
        note beside it (（含分馆）); "—" for a group row, the to-fill marker for a value still to fill."""
        if self.item.to_fill:
            return marker()
        figure = self.item.figure
        if figure is None:
            return "—"
        return figure.cell() + (f"（{figure.note}）" if figure.note else "")


def statistics_rows(stats: m.Statistics) -> list[StatRow]:
    """The table's rows in order. A group row with nothing under it is left out (a heading alone), and the
    items after it keep their numbers in sequence."""
    rows: list[StatRow] = []
    for n, item in enumerate(_printed(stats.items), 1):
        _emit(rows, item, str(n), None, 0)
    return rows


def _printed(items: list[m.StatItem]) -> list[m.StatItem]:
    return [item for item in items if not item.prints_nothing]


def _emit(rows: list[StatRow], item: m.StatItem, marker: str, label: str | None, depth: int) -> None:
    """One item and the rows under it. `label` is what its place prints before its name (其中 before the first
    of_which row); the item's own `label:` is printed instead, when written (`""`: none)."""
    words = item.label if item.label is not None else label
    rows.append(StatRow(marker, f"{words}：{item.name}" if words else item.name, item.unit or "—", item.value,
                        depth, item))
    for detail in _printed(item.details):
        _emit(rows, detail, "", None, depth + 1)
    for k, part in enumerate(_printed(item.parts), 1):
        _emit(rows, part, circled(k), item.parts_label if k == 1 else None, depth + 1)
    for k, sub in enumerate(_printed(item.of_which)):
        _emit(rows, sub, "", (item.of_which_label or "其中") if k == 0 else None, depth + 1)


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

    def figures(self) -> dict[str, Figure | ToFill]:
        """Each value as printed (with its approximation word, unit and note), by id, path or unique name; a value
        still to fill is a ToFill (the item exists, only its value is not written yet)."""
        out: dict[str, Figure | ToFill] = {}
        for key, item in self.by_key.items():
            figure = item.figure
            if figure is not None:
                out[key] = figure
            elif item.to_fill:
                out[key] = ToFill(item.name)
        return out


# -- activities ----------------------------------------------------------------

COLUMNS = ("sessions", "attendance")


class NotGiven:
    """A count the report does not give: printing it in prose is an error that says so, never "None"."""

    def __init__(self, what: Both):
        self.what = what

    def __str__(self) -> str:
        raise Unavailable(self.what)

    def __format__(self, spec: str) -> str:
        raise Unavailable(self.what)


class _Given:
    """What prose may quote of an activity row or of the 合计 row: each count and share, or a NotGiven that
    says why, when the report does not give it. `label` names the row in that message."""

    label: str
    counts: dict[str, Figure | None]
    pending: frozenset[str]  # columns some row (or the 合计) still has to fill: not given yet, to fill

    def _get(self, values: dict, column: str, share: bool):
        value = values[column]
        if value is None and column in self.pending:
            return ToFill(self.label)
        if value is None:
            what = (_SHARE if share else _COUNT)[column]
            return NotGiven(Both(f"{self.label}: {what.en}", f"{self.label}：{what.zh}"))
        return value

    @property
    def sessions(self):
        return self._get(self.counts, "sessions", False)

    @property
    def attendance(self):
        return self._get(self.counts, "attendance", False)


@dataclass
class ActivityLine(_Given):
    number: int
    type: str
    counts: dict[str, Figure | None]
    shares: dict[str, Decimal | None]  # None where the column is not given for every row
    pending: frozenset[str] = frozenset()

    @property
    def label(self) -> str:  # type: ignore[override]
        return self.type

    @property
    def session_share(self):
        return self._get(self.shares, "sessions", True)

    @property
    def attendance_share(self):
        return self._get(self.shares, "attendance", True)


@dataclass
class ActivityTotals(_Given):
    counts: dict[str, Figure | None]  # as given in `total:`, else the sum when every row has the count
    share_sums: dict[str, Decimal | None]
    pending: frozenset[str] = frozenset()
    label = "合计"

    @property
    def session_share_sum(self):
        return self._get(self.share_sums, "sessions", True)

    @property
    def attendance_share_sum(self):
        return self._get(self.share_sums, "attendance", True)


_COUNT = {"sessions": Both("the report gives no sessions", "报告未给出场次"),
          "attendance": Both("the report gives no attendance", "报告未给出人次")}
_SHARE = {"sessions": Both("no share of sessions (not every row gives them)", "场次未逐项给出，无比例"),
          "attendance": Both("no share of attendance (not every row gives it)", "人次未逐项给出，无比例")}


@dataclass
class ActivityTable:
    lines: list[ActivityLine]
    total: ActivityTotals

    waiting: tuple[str, ...] = ()  # rows whose counts are still to fill

    def __getitem__(self, key: str) -> ActivityLine:
        for line in self.lines:
            if line.type == key:
                return line
        if key in self.waiting:  # the row is there, its counts are not written yet
            return ActivityLine(0, key, dict.fromkeys(COLUMNS), dict.fromkeys(COLUMNS), frozenset(COLUMNS))
        raise KeyError(key)

    def has_shares(self, column: str) -> bool:
        return self.total.share_sums[column] is not None


def activity_table(acts: m.Activities) -> ActivityTable:
    """Shares are computed for a column only when every row gives its count; the 合计 is the one the sources
    give (`total:`), else the sum of the rows when every row gives the count."""
    share = shares_largest_remainder if acts.rounding == "largest-remainder" else shares_half_up
    shares: dict[str, list[Decimal | None]] = {}
    counts: dict[str, Figure | None] = {}
    share_sums: dict[str, Decimal | None] = {}
    for column in COLUMNS:
        given = [row.count(column) for row in acts.rows]
        complete = [f for f in given if f is not None]
        whole = len(complete) == len(given) and bool(given)
        shares[column] = list(share([f.value for f in complete])) if whole else [None] * len(given)
        share_sums[column] = sum((s for s in shares[column] if s is not None), Decimal(0)) if whole else None
        if column in acts.totals:
            counts[column] = acts.totals[column][0]
        elif whole:
            counts[column] = Figure(sum((f.value for f in complete), Decimal(0)))
        else:
            counts[column] = None
    # With a row still to fill, the 合计 and the shares of every row wait for it (a 合计 written empty too).
    pending = frozenset(COLUMNS) if acts.waiting else frozenset(acts.totals_to_fill)
    lines = [ActivityLine(i, row.type, {c: row.count(c) for c in COLUMNS}, {c: shares[c][i - 1] for c in COLUMNS},
                          pending) for i, row in enumerate(acts.rows, 1)]
    return ActivityTable(lines, ActivityTotals(counts, share_sums, pending), tuple(acts.waiting))


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
        if event.span.filed_with_the_year:
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
    coverage: int | ToFill = 0
    awards: int | ToFill = 0
    chronicle: int | ToFill = 0
    statistics: int = 0


def counts(report: m.Report) -> Counts:
    """How many entries each list has; a list the report has but that has no entries yet (as `new` leaves it)
    is still to fill, not none."""
    c = Counts()
    for kind in ("coverage", "awards", "chronicle"):
        listed = next(report.sections(kind), None)
        entries = report.first(kind)
        setattr(c, kind, len(entries) if entries else ToFill(kind) if listed is not None else 0)
    st = report.first("statistics")
    c.statistics = len(statistics_rows(st)) if st else 0
    return c
