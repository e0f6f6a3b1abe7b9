"""A `table` section as a Word table: declared columns, 序号, a total row and computed shares, in the
template's table styles (`grid`: Report Grid, `three-line`: Three Line) and table paragraph styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.compute.table import Wording, compute, printed_rows, printed_total
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
    if data.caption:
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
    t = Table(r.s("stat_table" if data.style == "three-line" else "list_table"), r.width, weights, tpl)
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
    out.extend(t.xml())
    if data.note:
        out.append(para(run(data.note), r.s("table_note")))
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
