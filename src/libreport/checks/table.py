"""A `table` section's checks: totals the report prints against the sum of their column, shares that
do not add up to 100 %."""

from __future__ import annotations

from decimal import Decimal

from libreport.compute.table import compute
from libreport.diagnostics import Diagnostics
from libreport.figures import overlap, sum_bounds
from libreport.numbers import group_thousands
from libreport.sources.table import TableData


def check_table(table: TableData, diags: Diagnostics) -> None:
    computed = compute(table)
    if table.total is not None:
        for name, cell in table.total.given.items():
            figures = [row.cells[name].figure for row in table.rows if name in row.cells]
            if name not in computed.sums or cell.figure is None or len(figures) < len(table.rows):
                continue  # a figure still to fill (or wrong, and said so) leaves nothing to check
            # 近/余/超过 … stand for the range their words allow: 5000 余 rows may add up to 近 6000
            if not overlap(sum_bounds([f for f in figures if f is not None]), cell.figure.bounds()):
                diags.error("sum-mismatch", cell.mark, f"total.{name}", item=f"{table.total.label} {name}",
                            total=group_thousands(computed.sums[name]), value=cell.text)
    for name, total in computed.share_totals.items():
        if total != Decimal(100) and table.rounding == "half-up":
            diags.note("share-sum", table.mark, "rounding", column=name, total=str(total))
