"""`year_over_year:` in report.yaml, read once into the typed model (m.YearOverYear)."""

from __future__ import annotations

import yaml

from libreport import model as m
from libreport.messages import Both
from libreport.sources.reader import Reader

KEYS = ("compare_with", "columns", "jump_factor")
_TRUE, _FALSE = ("true", "yes", "on"), ("false", "no", "off")


def read_year_over_year(r: Reader, node: yaml.Node, year: int | None) -> m.YearOverYear | None:
    fields = r.mapping(node, "year_over_year", KEYS)
    if fields is None:
        return None
    out = m.YearOverYear(r.mark(node))
    if "compare_with" in fields:
        value = fields["compare_with"][1]
        out.compare_with_mark = r.mark(value)
        y = r.number(value, "year_over_year.compare_with")
        if y is not None and year is not None and y >= year:
            r.diags.error("type", r.mark(value), "year_over_year.compare_with", what="year_over_year.compare_with",
                          expected=Both(f"a year before {year}", f"{year} 年之前的年份"), found=str(y))
            y = None
        out.compare_with = int(y) if y is not None else None
        out.unusable = y is None
    if "columns" in fields:
        t = r.text(fields["columns"][1], "year_over_year.columns")
        if t is not None and t.lower() in _TRUE + _FALSE:
            out.columns = t.lower() in _TRUE
        elif t is not None:
            r.diags.error("type", r.mark(fields["columns"][1]), "year_over_year.columns",
                          what="year_over_year.columns", expected=Both("true or false", "true 或 false"),
                          found=repr(t))
    if "jump_factor" in fields:
        f = r.number(fields["jump_factor"][1], "year_over_year.jump_factor", integer=False)
        if f is not None and f > 1:
            out.jump_factor = f
        elif f is not None:
            r.diags.error("type", r.mark(fields["jump_factor"][1]), "year_over_year.jump_factor",
                          what="year_over_year.jump_factor", expected=Both("a number greater than 1", "大于 1 的数"),
                          found=str(f))
    return out
