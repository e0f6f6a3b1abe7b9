"""The values prose and templates may quote: statistics, activity shares, counts, last year's figures."""

from __future__ import annotations

from libreport import model as m
from libreport.compute.tables import StatIndex, activity_table, counts


class Figures(dict):
    """Statistics values by name, path or id. A missing key is undefined, so StrictUndefined reports it."""


def build_context(report: m.Report, previous: m.Report | None = None) -> dict:
    stats = report.first("statistics")
    acts = report.first("activities")
    ctx = {
        "library": report.library,
        "year": report.year,
        "stats": Figures(StatIndex(stats).values()),
        "activities": activity_table(acts) if acts else None,
        "counts": counts(report),
    }
    if acts is None:
        del ctx["activities"]
    if previous is not None:
        prev_stats = Figures(StatIndex(previous.first("statistics")).values())
        ctx["previous"] = {"year": previous.year, "stats": prev_stats}
        ctx["change"] = _change_function(report.year, previous.year, ctx["stats"], prev_stats)
    return ctx


def _change_function(year: int, prev_year: int, now: dict, before: dict):
    from libreport.numbers import change_percent

    def change(name: str, places: int = 1) -> str:
        if name not in now:
            raise KeyError(f"no statistics item {name!r} this year")
        if name not in before:
            raise KeyError(f"no statistics item {name!r} in {prev_year}")
        pct = change_percent(now[name], before[name], places)
        if pct is None:
            raise ValueError(f"{name} was 0 in {prev_year}; a change in percent cannot be given")
        than = "比上年" if prev_year == year - 1 else f"比 {prev_year} 年"
        if pct > 0:
            return f"{than}增长 {pct}%"
        if pct < 0:
            return f"{than}下降 {-pct}%"
        return f"与 {prev_year} 年持平" if prev_year != year - 1 else "与上年持平"

    return change
