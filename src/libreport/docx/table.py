"""A `table` section as a Word table: declared columns, 序号, a total row and computed shares, in the
template's table styles (`grid`: Report Grid, `three-line`: Three Line) and table paragraph styles; and the
charts `chart:` draws from its columns, after it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.compute.table import Computed, Wording, compute, printed_rows, printed_total
from libreport.docx.xml import Table, para, run
from libreport.sources.table import Column, TableData

if TYPE_CHECKING:
    from libreport.docx.render import Renderer

_ALIGN = {"left": "table_text", "center": "table_center", "right": "table_number"}
_SHORT = 8  # a text column whose cells are all this short (in characters) is centred, as in the other tables


def table_xml(r: Renderer, data: TableData) -> list:
    tpl = r.tpl
    computed = compute(data)
    out: list = []
    printed = not data.charts or any(chart.table for chart in data.charts)  # `table: false`: the chart alone
    if data.caption and printed:
        r.tables += 1
        caption = tpl.optional("table_caption", number=r.tables, caption=data.caption)
        out.append(para(run(caption), r.s("caption"), "<w:keepNext/>"))  # a caption stays with its table
    heads = [_heading(r, c) for c in data.columns]
    share = tpl.snippets["share"]
    change = tpl.snippets["change"]  # worded as 综合统计's year-over-year column: +12.5%, or — from 0
    say = Wording(lambda value: share.render(share=value), tpl.say("total_share"),
                  lambda day: tpl.optional("table_date", date=day), lambda value: change.render(change=value))
    body = printed_rows(data, computed, say)
    styles = [r.s(_ALIGN[_align(c, [line[k] for line in body])]) for k, c in enumerate(data.columns)]
    # the template's measure sizes each column to its content; `width:` weighs what is left among the columns
    weights = [c.width or 1.0 for c in data.columns]
    if data.number:
        heads = [tpl.optional("number_heading"), *heads]
        weights = [0.1, *weights]
        styles = [r.s("table_center"), *styles]
        body = [[str(i), *line] for i, line in enumerate(body, 1)]
    # a short table keeps with the chart after it, on one page; a long one runs on to it
    keep = bool(data.charts) and len(body) <= KEPT_WITH_CHART
    t = Table(r.s("stat_table" if data.style == "three-line" else "list_table"), r.width, weights, tpl,
              keep_with_next=keep, repeat_header=data.repeat_header)
    _header(t, r, data, heads)
    for line in body:
        t.row(line, styles=styles)
    if data.total is not None:
        cells = printed_total(data, computed, say)
        if data.number:  # the label spans 序号 and the first column, as in 活动统计
            t.row(cells, styles=[r.s("table_center"), *styles[2:]] if len(styles) > 2 else [r.s("table_center")],
                  spans=[2] + [1] * (len(cells) - 1), total=True)
        else:
            t.row(cells, styles=[r.s("table_center"), *styles[1:]], total=True)
    note = [para(run(data.note), r.s("table_note"), "<w:keepNext/>" if keep else "")] if data.note else []
    if printed:
        out.extend(t.xml())
        out.extend(note)
    labels = printed_rows(data, computed, say)  # each row's cells as printed, without the 序号
    for chart in data.charts:
        out.extend(_chart(r, data, computed, labels, chart, len(t.rows) + len(note) if printed else 0))
    if not printed:
        out.extend(note)
    return out


KEPT_WITH_CHART = 15  # rows of a table that keeps with its chart on one page


def _chart(r: Renderer, data: TableData, computed: Computed, labels: list[list[str]], chart, rows: int) -> list:
    """A bar or pie chart of the table's columns (docx.chart: a native chart Word can edit), and its numbered
    caption under it (图 1 …, numbered with the summary's pictures)."""
    at = next(k for k, c in enumerate(data.columns) if c.name == chart.label)
    categories = [line[at] for line in labels]
    series = [(data.column(name).printed, _values(data, computed, name)) for name in chart.values]  # type: ignore[union-attr]
    if chart.type == "pie":  # a slice the report does not give is no slice
        given = [i for i, v in enumerate(series[0][1]) if v is not None and v > 0]
        categories = [categories[i] for i in given]
        series = [(series[0][0], [series[0][1][i] for i in given])]
    if not categories or all(v is None for _name, values in series for v in values):
        return []  # nothing to draw yet: the figures are still to fill
    out = [r.chart(chart.title or "", categories, series, chart.percent, rows=rows, pie=chart.type == "pie",
                   legend=len(series) > 1, keep_next=bool(chart.caption))]
    if chart.caption:
        prose = getattr(r, "prose", None)
        number = 1
        if prose is not None:
            prose.pictures += 1
            number = prose.pictures
        # under its chart, the caption ends it: it does not keep with what follows, as the style has a table's
        # caption (above its table) do
        out.append(para(run(r.tpl.optional("picture_caption", number=number, caption=chart.caption)),
                        r.s("caption"), '<w:keepNext w:val="0"/>'))
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


def _heading(r: Renderer, column: Column) -> str:
    if column.unit:
        return r.tpl.optional("column_unit", name=column.printed, unit=column.unit)
    return column.printed


def _header(t: Table, r: Renderer, data: TableData, heads: list[str]) -> None:
    """One header row, or two when columns are grouped: a group's heading spans its columns, above theirs;
    a column outside any group (序号 too) stands in both rows."""
    style = r.s("table_header")
    groups: list[str | None] = [None] if data.number else []
    groups.extend(c.group for c in data.columns)
    if not any(groups):
        t.row(heads, header=True, styles=[style] * len(heads))
        return
    top: list[str] = []
    below: list[str] = []
    spans: list[int] = []
    merge: list[str | None] = []
    below_merge: list[str | None] = []
    k = 0
    while k < len(heads):
        group = groups[k]
        if group is None:
            top.append(heads[k])
            spans.append(1)
            merge.append("restart")
            below.append("")
            below_merge.append("continue")
            k += 1
            continue
        n = 1
        while k + n < len(heads) and groups[k + n] == group:
            n += 1
        top.append(group)
        spans.append(n)
        merge.append(None)
        below.extend(heads[k:k + n])
        below_merge.extend([None] * n)
        k += n
    t.row(top, header=True, styles=[style] * len(top), spans=spans, vmerge=merge)
    t.row(below, header=True, styles=[style] * len(below), vmerge=below_merge)


def _align(column: Column, cells: list[str]) -> str:
    if column.align:
        return column.align
    if column.type in ("number", "percent", "share", "change"):
        return "right"
    if column.type == "date" or all(len(c) <= _SHORT for c in cells):
        return "center"
    return "left"
