"""The values prose and templates may quote: statistics, activity shares, counts, last year's figures."""

from __future__ import annotations

from libreport import model as m
from libreport.compute.tables import StatIndex, activity_table, counts
from libreport.figures import Figure, Unavailable, glue, same_unit
from libreport.messages import Both
from libreport.tofill import ToFill


class Figures(dict):
    """Statistics figures by name, path or id. A missing key is undefined, so StrictUndefined reports it;
    `unfilled` holds the keys of the items written without a value yet, so that it says which they are."""

    def __init__(self, index: StatIndex):
        super().__init__(index.figures())
        self.unfilled = frozenset(key for key, item in index.by_key.items() if item.figure is None)


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
    if previous is not None:
        prev_stats = Figures(StatIndex(previous.first("statistics")))
        ctx["previous"] = {"year": previous.year, "stats": prev_stats}
        ctx["change"] = _change_function(report.year, previous.year, figures, prev_stats)
    else:
        ctx["change"] = _no_change(report.library)
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


def _no_change(library: str):
    def change(name: str, places: int = 1) -> str:
        raise Unavailable(Both(f"there is no earlier year of {library} in the sources to compare with",
                               f"源文件中没有{library}更早的年份可供比较"))
    return change


def _change_function(year: int, prev_year: int, now: dict[str, Figure], before: dict[str, Figure]):
    from libreport.numbers import change_percent

    def change(name: str, places: int = 1) -> str | ToFill:
        if name not in now:
            raise KeyError(f"no statistics item {name!r} this year")
        if name not in before:
            raise KeyError(f"no statistics item {name!r} in {prev_year}")
        a, b = now[name], before[name]
        if isinstance(a, ToFill) or isinstance(b, ToFill):
            return ToFill(name)
        if not same_unit(a.unit, b.unit):
            raise Unavailable(Both(f"{name} is in {a.unit} this year and in {b.unit} in {prev_year}; "
                                   "a change is given only between figures in the same unit",
                                   f"{name} 本年单位为 {a.unit}，{prev_year} 年为 {b.unit}；单位不同，无法计算增减"))
        pct = change_percent(a.value, b.value, places)
        if pct is None:
            raise ValueError(f"{name} was 0 in {prev_year}; a change in percent cannot be given")
        # worded in the house style: 比 2019 年增长 15.0% with spaces, 比2019年增长15.0% without
        than = "比上年" if prev_year == year - 1 else glue(glue("比", str(prev_year)), "年")
        if pct > 0:
            return glue(f"{than}增长", f"{pct}%")
        if pct < 0:
            return glue(f"{than}下降", f"{-pct}%")
        return glue(glue("与", str(prev_year)), "年持平") if prev_year != year - 1 else "与上年持平"

    return change
