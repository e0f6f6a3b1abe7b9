"""`chart:` in a table section's file: a bar chart of a series (到馆读者 2019—2023) or a pie chart of shares
(读者年龄结构), drawn from the table's own columns and printed after it.

    chart: {type: pie, values: 占比, title: 2023 年新增注册读者年龄结构}
    chart: {type: bar, label: 年份, values: [到馆读者], caption: 2019—2023 年到馆读者人次（万人次）, table: false}

`label` names the column whose cells name the bars or slices (default: the first column); `values` the column
(or, for bars, columns) drawn. `title` is printed inside the chart, `caption` under it as a numbered figure
caption (图 1 …, numbered with the summary's pictures); `table: false` prints the chart alone, for figures a
report prints only as a chart.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import yaml

from libreport.diagnostics import Mark
from libreport.messages import listing
from libreport.sources.reader import Reader

CHART_KEYS = ("type", "title", "caption", "label", "values", "table")
CHART_TYPES = ("bar", "pie")
DRAWN = ("number", "share", "percent")  # the column types a chart can draw


@dataclass
class ChartSpec:
    type: str  # one of CHART_TYPES
    label: str  # the column naming each bar or slice
    values: list[str]  # the columns drawn: one series each (a pie draws one)
    mark: Mark
    title: str | None = None  # printed inside the chart
    caption: str | None = None  # printed under it: 图 1 …
    table: bool = True  # False: the chart is printed without the table it is drawn from
    percent: bool = False  # the values are percentages (share or percent columns): labelled 41.5%
    places: dict[str, int] = field(default_factory=dict)  # share and percent columns: their decimals


def read_charts(r: Reader, node: yaml.Node, columns: list) -> list[ChartSpec]:
    """`chart:` as one mapping, or a list of them (a table printed with two charts)."""
    nodes = r.sequence(node, "chart") if isinstance(node, yaml.SequenceNode) else [node]
    charts = []
    for i, cnode in enumerate(nodes or []):
        path = f"chart[{i + 1}]" if isinstance(node, yaml.SequenceNode) else "chart"
        chart = _chart(r, cnode, path, columns)
        if chart is not None:
            charts.append(chart)
    return charts


def _chart(r: Reader, node: yaml.Node, path: str, columns: list) -> ChartSpec | None:
    from libreport.sources.table import _choice, _flag

    f = r.mapping(node, path, CHART_KEYS)
    if f is None or not columns:
        return None
    kind = _choice(r, f, "type", CHART_TYPES, path) or "bar"
    by_name = {c.name: c for c in columns}
    label = r.text(f["label"][1], f"{path}.label") if "label" in f else columns[0].name
    if label is None:
        return None
    if label not in by_name:
        r.diags.error("table-chart", r.mark(f["label"][1]), f"{path}.label", name=label,
                      columns=listing(by_name), variant="label")
        return None
    drawable = [c.name for c in columns if c.type in DRAWN and c.name != label]
    if "values" in f:
        values = r.text_list(f["values"][1], f"{path}.values")
        if values is None:
            return None
    else:  # a pie of the shares when there are any, else of the first figures; bars of the first figures
        shares = [c.name for c in columns if c.type == "share"]
        values = (shares or drawable)[:1] if kind == "pie" else [c for c in drawable
                                                                if by_name[c].type == "number"][:1]
        if not values:
            r.diags.error("missing-key", r.mark(node), f"{path}.values", key="values", where=path)
            return None
    at = f["values"][1] if "values" in f else node
    wrong = [v for v in values if v not in drawable]
    if wrong:
        r.diags.error("table-chart", r.mark(at), f"{path}.values", name=wrong[0], columns=listing(drawable) or "—",
                      variant="values")
        return None
    if kind == "pie" and len(values) != 1:
        r.diags.error("table-chart", r.mark(at), f"{path}.values", found=len(values), variant="pie")
        return None
    types = {by_name[v].type for v in values}
    if len(types - {"share", "percent"}) and len(types & {"share", "percent"}):
        r.diags.error("table-chart", r.mark(at), f"{path}.values", variant="mixed")
        return None
    chart = ChartSpec(kind, label, values, r.mark(node))
    chart.percent = bool(types & {"share", "percent"})
    chart.places = {v: by_name[v].places for v in values if by_name[v].type in ("share", "percent")}
    for key in ("title", "caption"):
        if key in f:
            setattr(chart, key, r.text(f[key][1], f"{path}.{key}"))
    if "table" in f:
        chart.table = _flag(r, f["table"][1], f"{path}.table")
    return chart
