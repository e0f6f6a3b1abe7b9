"""Consistency checks across a year's sources. They add diagnostics; they never raise."""

from __future__ import annotations

from decimal import Decimal

from libreport import model as m
from libreport.checks.ratios import check_ratios
from libreport.compute.tables import StatIndex, activity_table
from libreport.diagnostics import Diagnostics
from libreport.figures import MAGNITUDES, converted, counted_once, overlap, same_measure, sum_bounds
from libreport.messages import Both
from libreport.numbers import group_thousands


def check_report(report: m.Report, diags: Diagnostics) -> None:
    for section in report.sections():
        data = section.data
        if data is None:
            continue
        kind = section.kind
        if kind == "coverage":
            _coverage(report, data, diags)
        elif kind == "awards":
            _awards(report, data, diags)
        elif kind == "chronicle":
            _chronicle(report, data, diags)
        elif kind == "statistics":
            _statistics(data, diags)
            check_ratios(data, diags)
            if any(item.change is not None for item in data.walk()):
                from libreport.checks.changes import check_changes

                check_changes(data, diags)
        elif kind == "activities":
            _activities(report, section, data, diags)
        elif kind == "table":
            from libreport.checks.table import check_table

            check_table(data, diags)
    _duplicate_sections(report, diags)


def _duplicate_sections(report: m.Report, diags: Diagnostics) -> None:
    seen: dict = {}
    for section in report.sections():
        key = section.file.resolve()
        if key in seen and section.kind != seen[key]:
            diags.error("section-file", section.mark, file=section.file, kind=seen[key])
        seen.setdefault(key, section.kind)


def _outside(diags: Diagnostics, year: int, when, mark, path: str, text: str) -> None:
    diags.error("date-outside-year", mark, path, text=text, year=year)


def _coverage(report: m.Report, rows: list[m.Coverage], diags: Diagnostics) -> None:
    seen: dict[tuple, m.Coverage] = {}
    for i, row in enumerate(rows, 1):
        if row.date.year != report.year:
            _outside(diags, report.year, row.date, row.date_mark or row.mark, f"[{i}].date", row.date.isoformat())
        key = (row.date, row.outlet, row.section, row.title)
        if key in seen:
            diags.error("duplicate-coverage", row.mark, f"[{i}]", first=seen[key].mark.line,
                        row=f"{row.date.isoformat()} {row.outlet} {row.title}")
        else:
            seen[key] = row


def _awards(report: m.Report, rows: list[m.Award], diags: Diagnostics) -> None:
    seen: dict[tuple, m.Award] = {}
    for i, row in enumerate(rows, 1):
        if row.date is not None and row.date.year != report.year:
            _outside(diags, report.year, row.date, row.date_mark or row.mark, f"[{i}].date",
                     f"{row.date.year}-{row.date.month:02d}" if row.precision == "month" else row.date_text)
        key = (row.name, tuple(row.bodies), row.date, row.precision)
        if key in seen:
            # a warning: a printed report may list an honour twice (given twice); `accept:` keeps it so
            diags.warning("duplicate-award", row.mark, f"[{i}]", first=seen[key].mark.line, name=row.name)
        else:
            seen[key] = row


def _chronicle(report: m.Report, events: list[m.Event], diags: Diagnostics) -> None:
    seen: dict[tuple, m.Event] = {}
    for i, event in enumerate(events, 1):
        if event.span.start.year != report.year or event.span.end.year != report.year:
            _outside(diags, report.year, event.span.start, event.date_mark or event.mark, f"[{i}].date",
                     event.span.text)
        key = (event.span.start, event.span.end, event.text)
        if key in seen:
            diags.error("duplicate-event", event.mark, f"[{i}]", first=seen[key].mark.line)
        else:
            seen[key] = event


def _statistics(stats: m.Statistics, diags: Diagnostics) -> None:
    """Parts add up to their item, and an of_which row does not exceed it. A figure printed with an
    approximation word (近, 余, 超过 …) stands for the range its word allows, so 5000 余 parts may add up to a
    total of 近 6000; figures without one must add up exactly. Parts counted in another unit are not summed,
    and a note says so, so that nobody takes the total for checked."""
    _duplicate_items(stats, diags)
    for item in stats.walk():
        total = item.figure
        if total is None:
            continue
        given = [p for p in item.parts if p.value is not None]
        apart = [p for p in given if not same_measure(p.unit, item.unit)]
        if apart:
            named = Both(", ".join(f"{p.name} ({p.unit or '—'})" for p in apart),
                         "，".join(f"{p.name}（{p.unit or '—'}）" for p in apart))
            diags.note("unit-mismatch", item.value_mark or item.mark, item.path, item=item.name, unit=item.unit,
                       parts=named, variant="parts")
        elif item.parts and len(given) == len(item.parts):
            parts = [f for f in (p.figure for p in given) if f is not None]
            if not overlap(sum_bounds(parts), total.bounds()):
                diags.error("sum-mismatch", item.value_mark or item.mark, item.path, item=item.name,
                            total=group_thousands(sum((p.value for p in parts), Decimal(0))),
                            value=group_thousands(total.value))
        for sub in item.of_which:
            _of_which(item, total, sub, diags)


def _of_which(item: m.StatItem, total, sub: m.StatItem, diags: Diagnostics) -> None:
    """A 其中 row does not exceed its item, when both count the same thing (场 of 场次) or it counts each one once
    of what the item counts every time (21.21 万人 of 61.74 万人次); otherwise a note says why it is not compared."""
    figure = sub.figure
    if figure is None or sub.ratio is not None or sub.change is not None:
        return  # a stated percentage or change under its item is checked as one (checks.ratios, checks.changes)
    where = sub.value_mark or sub.mark
    if converted(sub.unit, item.unit):
        diags.note("unit-mismatch", where, sub.path, sub=sub.name, sub_unit=sub.unit, item=item.name,
                   unit=item.unit, variant="of-which")
    elif same_measure(sub.unit, item.unit) or counted_once(sub.unit, item.unit):
        most = total.bounds()[1]  # None: 超过/以上, no upper bound
        if most is not None and figure.bounds()[0] > most:
            diags.error("subset-exceeds", where, sub.path, sub=sub.name, item=item.name,
                        sub_value=group_thousands(sub.value), value=group_thousands(total.value))
    else:
        diags.note("unit-mismatch", where, sub.path, sub=sub.name, sub_unit=sub.unit or "—", item=item.name,
                   unit=item.unit, variant="of-which-apart")


def _duplicate_items(stats: m.Statistics, diags: Diagnostics) -> None:
    """An item is found by its id or its path (藏量/图书), so each must name one item: a second item of the same
    name under the same heading, or an id used twice or equal to another item's path, would be found in its
    place without a word."""
    paths: dict[str, m.StatItem] = {}
    for item in stats.walk():
        if item.path in paths:
            diags.error("duplicate-item", item.mark, item.path, item=item.path, first=paths[item.path].mark.line)
        else:
            paths[item.path] = item
    ids: dict[str, m.StatItem] = {}
    for item in stats.walk():
        if not item.id:
            continue
        if item.id in ids:
            diags.error("duplicate-id", item.mark, item.path, id=item.id, first=ids[item.id].mark.line)
        elif item.id in paths and paths[item.id] is not item:
            diags.error("duplicate-id", item.mark, item.path, id=item.id, first=paths[item.id].mark.line,
                        variant="name")
        ids.setdefault(item.id, item)


COLUMN_NAMES = {"sessions": "场次", "attendance": "人次"}


def _activities(report: m.Report, section: m.Section, acts: m.Activities, diags: Diagnostics) -> None:
    index = StatIndex(report.first("statistics"))
    stats_title = next((s.label for s in report.sections("statistics")), Both("the statistics", "统计"))
    for row in acts.rows:
        found, first_mark = [], None
        for column, (ref, mark) in row.links.items():
            item = index.find(ref)
            if item is None:
                diags.error("unknown-reference", mark, f"statistics.{column}", ref=ref,
                            variant="ambiguous" if ref in index.ambiguous else None)
                continue
            ours = row.count(column)
            if ours is None:
                continue  # the report does not give this count: nothing to compare
            theirs = item.figure
            if theirs is not None and theirs.unit and theirs.unit.startswith(MAGNITUDES):
                diags.warning("unit-mismatch", mark, f"statistics.{column}", type=row.type, column=COLUMN_NAMES[column],
                              item=item.name, unit=theirs.unit, variant="activity")
                continue
            if theirs is None or not overlap(ours.bounds(), theirs.bounds()):
                shown = Both("no value", "无数值") if theirs is None else theirs.cell()
                found.append(f"{COLUMN_NAMES[column]} {ours.cell()} vs {item.name} {shown}")
                first_mark = first_mark or mark
        if found:
            detail = "; ".join(found)
            diags.warning("activity-mismatch", first_mark, "statistics", type=row.type, detail=detail,
                          section=section.label, statistics=stats_title)
    if not acts.rows:
        return
    table = activity_table(acts)
    for column, (given, mark) in acts.totals.items():
        rows = [row.count(column) for row in acts.rows]
        if all(f is not None for f in rows) and not overlap(sum_bounds([f for f in rows if f is not None]),
                                                             given.bounds()):
            total = sum((f.value for f in rows if f is not None), Decimal(0))
            diags.error("sum-mismatch", mark, f"total.{column}", column=COLUMN_NAMES[column],
                        total=group_thousands(total), value=given.cell(), variant="activities")

    for column in ("sessions", "attendance"):
        shares = table.total.share_sums[column]
        if shares is not None and shares != Decimal("100.00"):
            # at the 合计 row when `total:` is written (accept: there acknowledges it), else at the file's top
            share_sum(diags, acts.total_mark or acts.mark, "total" if acts.total_mark else "rounding",
                      COLUMN_NAMES[column], shares, 2)


def share_sum(diags: Diagnostics, mark, path: str, column, total: Decimal, places: int) -> None:
    """A share column whose shares, each rounded half up to `places` decimals, add up to `total` ≠ 100, worded
    with the column's own places: 100.1% rather than 100.0%."""
    hundred = format(Decimal(100).quantize(Decimal(1).scaleb(-places)), "f")
    shown = format(total.quantize(Decimal(1).scaleb(-places)), "f")
    decimals = Both(f"{places} decimal place" + ("" if places == 1 else "s"), f"{places} 位小数") if places \
        else Both("a whole number", "整数")
    diags.note("share-sum", mark, path, column=column, total=shown, hundred=hundred, places=decimals)
