"""The values prose and templates may quote: statistics, activity shares, counts, last year's figures."""

from __future__ import annotations

from libreport import model as m
from libreport.compute.change import Change
from libreport.compute.tables import StatIndex, activity_table, counts
from libreport.figures import Unavailable, same_unit
from libreport.messages import Both
from libreport.tofill import ToFill


class Figures(dict):
    """Statistics figures by name, path or id. A missing key is undefined, so StrictUndefined reports it;
    `groups` holds the keys of the group rows (no value of their own, none to fill: only the rows under them
    have figures), so that quoting one says so rather than that no such item exists."""

    def __init__(self, index: StatIndex):
        super().__init__(index.figures())
        self.groups = frozenset(key for key, item in index.by_key.items() if item.figure is None and not item.to_fill)


def build_context(report: m.Report, previous: m.Report | None = None) -> dict:
    stats = report.first("statistics")
    acts = report.first("activities")
    figures = Figures(StatIndex(stats))
    ctx: dict[str, object] = {
        "library": report.library,
        "year": report.year,
        "stats": figures,
        "counts": counts(report),
    }
    if acts is not None:
        ctx["activities"] = activity_table(acts)
    tables = _tables(report)
    if tables:
        ctx["tables"] = tables
    prev_stats = None
    if previous is not None:
        prev_stats = Figures(StatIndex(previous.first("statistics")))
        ctx["previous"] = {"year": previous.year, "stats": prev_stats}
    ctx["change"] = _change_function(report, figures, previous, prev_stats)
    return ctx


def _tables(report: m.Report) -> dict:
    """Table sections by their file's name (`tables['branches']`), and by their title or caption too."""
    if not any(True for _ in report.sections("table")):
        return {}  # the table machinery is not even imported for a report without a table section
    from libreport.compute.table import TableView
    from libreport.sources.table import TableData

    views: dict[str, object] = {}
    for section in report.sections("table"):
        if isinstance(section.data, TableData):
            view = TableView(section.data)
            for key in (section.file.stem, section.title, section.data.caption):
                if key:
                    views.setdefault(key, view)
    return views


def _change_function(report: m.Report, now: dict, previous: m.Report | None, before: dict | None):
    """`change(name, places=1)`: the item against the year before — the year compared with when the sources have
    it, else the figure recorded on the item as last year's report printed it (`last_year:`)."""
    recorded = {key: item.last_year for key, item in StatIndex(report.first("statistics")).by_key.items()
                if item.last_year is not None}

    def change(name: str, places: int = 1):
        if name not in now:
            raise Unavailable(Both(f"statistics.yaml has no item {name}", f"statistics.yaml 中没有“{name}”这一项"))
        if before is not None and name in before:
            old, old_year = before[name], previous.year if previous is not None else report.year - 1
        elif name in recorded:
            old, old_year = recorded[name], report.year - 1
        elif previous is not None:
            raise Unavailable(Both(f"{previous.year} has no item {name}, and it records no last_year: to compare with",
                                   f"{previous.year} 年没有“{name}”这一项，本项也未记录 last_year:，无从比较"))
        else:
            raise Unavailable(Both(f"there is no earlier year of {report.library} in the sources, and {name} "
                                   "records no last_year: (last year's figure as its report printed it)",
                                   f"源文件中没有{report.library}更早的年份，“{name}”也未记录 last_year:"
                                   "（上年报告所印的数字）"))
        a = now[name]
        if isinstance(a, ToFill) or isinstance(old, ToFill):
            return ToFill(name)
        if not same_unit(a.unit, old.unit):
            raise Unavailable(Both(f"{name} is in {a.unit} this year and in {old.unit} in {old_year}; "
                                   "a change is given only between figures in the same unit",
                                   f"{name} 本年单位为 {a.unit}，{old_year} 年为 {old.unit}；单位不同，无法计算增减"))
        result = Change(name, a, old, report.year, old_year, places)
        str(result)  # a change from 0 cannot be given in percent: said here, where the expression stands
        return result

    return change
