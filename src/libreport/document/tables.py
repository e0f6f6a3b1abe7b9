"""A `table` section: declared columns, 序号, a total row and computed shares; its caption (表 n) above it,
and the charts `chart:` draws from its columns after it (图 n under each that has a caption)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.compute.table import Computed, Wording, compute, printed_rows, printed_total
from libreport.document import model as d
from libreport.sources.table import Column, TableData

if TYPE_CHECKING:
    from libreport.document.describe import Describer

_ALIGN = {"left": "table_text", "center": "table_center", "right": "table_number"}
_SHORT = 8  # a text column whose cells are all this short (in characters) is centred, as in the other tables
KEPT_WITH_CHART = 15  # rows of a table that keeps with its chart on one page


def table(b: Describer, data: TableData) -> list[d.Block]:
    say = b.say
    computed = compute(data)
    out: list[d.Block] = []
    printed = not data.charts or any(chart.table for chart in data.charts)  # `table: false`: the chart alone
    if data.caption and printed:
        out.append(b.table_caption(data.caption))
    heads = [_heading(b, c) for c in data.columns]
    share = say.snippets["share"]
    change = say.snippets["change"]  # worded as 综合统计's year-over-year column: +12.5%, or — from 0
    wording = Wording(lambda value: share.render(share=value), say.say("total_share"),
                      lambda day: say.optional("table_date", date=day), lambda value: change.render(change=value))
    body = printed_rows(data, computed, wording)
    roles = [_ALIGN[_align(c, [line[k] for line in body])] for k, c in enumerate(data.columns)]
    # the writer sizes each column to its content; `width:` weighs what is left among the columns
    weights = [c.width or 1.0 for c in data.columns]
    if data.number:
        heads = [say.optional("number_heading"), *heads]
        weights = [0.1, *weights]
        roles = ["table_center", *roles]
        body = [[str(i), *line] for i, line in enumerate(body, 1)]
    # a short table keeps with the chart after it, on one page; a long one runs on to it
    keep = bool(data.charts) and len(body) <= KEPT_WITH_CHART
    t = d.Table("table", "stat_table" if data.style == "three-line" else "list_table", weights,
                keep_with_next=keep, repeat_header=data.repeat_header)
    t.rows.extend(_header(data, heads))
    t.rows.extend(d.Row(line, roles) for line in body)
    if data.total is not None:
        cells = printed_total(data, computed, wording)
        if data.number:  # the label spans 序号 and the first column, as in 活动统计
            t.rows.append(d.Row(cells, ["table_center", *roles[2:]] if len(roles) > 2 else ["table_center"],
                                spans=[2] + [1] * (len(cells) - 1), total=True))
        else:
            t.rows.append(d.Row(cells, ["table_center", *roles[1:]], total=True))
    note = [d.Paragraph("table_note", [d.Run(data.note)], True if keep else None)] if data.note else []
    if printed:
        out.append(t)
        out.extend(note)
    labels = printed_rows(data, computed, wording)  # each row's cells as printed, without the 序号
    for chart in data.charts:
        out.extend(_chart(b, data, computed, labels, chart, len(t.rows) + len(note) if printed else 0))
    if not printed:
        out.extend(note)
    return out


def _chart(b: Describer, data: TableData, computed: Computed, labels: list[list[str]], chart,
           rows: int) -> list[d.Block]:
    """A bar or pie chart of the table's columns, and its numbered caption under it (图 n, numbered with the
    summary's pictures)."""
    at = next(k for k, c in enumerate(data.columns) if c.name == chart.label)
    categories = [line[at] for line in labels]
    series = [(data.column(name).printed, _values(data, computed, name)) for name in chart.values]  # type: ignore[union-attr]
    if chart.type == "pie":  # a slice the report does not give is no slice
        given = [i for i, v in enumerate(series[0][1]) if v is not None and v > 0]
        categories = [categories[i] for i in given]
        series = [(series[0][0], [series[0][1][i] for i in given])]
    if not categories or all(v is None for _name, values in series for v in values):
        return []  # nothing to draw yet: the figures are still to fill
    number = b.figure_number() if chart.caption else None
    out: list[d.Block] = [d.Chart(chart.title or "", "pie" if chart.type == "pie" else "bar", categories, series,
                                  chart.percent, legend=len(series) > 1, rows_above=rows, number=number)]
    if number is not None:
        out.append(b.figure_caption(number, chart.caption))
    return out


def _values(data: TableData, computed: Computed, name: str) -> list:
    """The figures of a column, one a row, as a chart draws them: None where a row gives none."""
    column = data.column(name)
    assert column is not None
    if column.type == "share":
        return list(computed.shares.get(name, [None] * len(data.rows)))
    out = []
    for index, row in enumerate(data.rows):
        cell = row.cells.get(name)
        if cell is not None:
            out.append(cell.value)
        elif column.type == "percent" and name in computed.percents:
            out.append(computed.percents[name][index])
        else:
            out.append(None)
    return out


def _heading(b: Describer, column: Column) -> str:
    if column.unit:
        return b.say.optional("column_unit", name=column.printed, unit=column.unit)
    return column.printed


def _header(data: TableData, heads: list[str]) -> list[d.Row]:
    """One header row, or two when columns are grouped: a group's heading spans its columns, above theirs;
    a column outside any group (序号 too) stands in both rows."""
    style = "table_header"
    groups: list[str | None] = [None] if data.number else []
    groups.extend(c.group for c in data.columns)
    if not any(groups):
        return [d.Row(heads, [style] * len(heads), header=True)]
    top: list[str] = []
    below: list[str] = []
    spans: list[int] = []
    rowspans: list[int] = []
    k = 0
    while k < len(heads):
        group = groups[k]
        if group is None:
            top.append(heads[k])
            spans.append(1)
            rowspans.append(2)
            k += 1
            continue
        n = 1
        while k + n < len(heads) and groups[k + n] == group:
            n += 1
        top.append(group)
        spans.append(n)
        rowspans.append(1)
        below.extend(heads[k:k + n])
        k += n
    return [d.Row(top, [style] * len(top), spans=spans, rowspans=rowspans, header=True),
            d.Row(below, [style] * len(below), header=True)]


def _align(column: Column, cells: list[str]) -> str:
    if column.align:
        return column.align
    if column.type in ("number", "percent", "share", "change"):
        return "right"
    if column.type == "date" or all(len(c) <= _SHORT for c in cells):
        return "center"
    return "left"
