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
        column = table.column(name)
        if column is not None and total != Decimal(100) and table.rounding == "half-up":
            # The total row prints 100% under the column, so the note stands there, where `accept:` can
            # acknowledge it (`total: {label: 合计, accept: {share-sum: …}}`); without such a row, at the column.
            at = table.total.mark if table.total is not None and table.total.entry else column.mark
            share_sum(diags, at, f"columns.{name}", name, total, column.places)


def share_sum(diags: Diagnostics, mark, path: str, column, total: Decimal, places: int) -> None:
    """A share column whose shares, each rounded half up to `places` decimals, add up to `total` ≠ 100, worded
    with the column's own places: 100.1% rather than 100.0%."""
    from libreport.messages import Both

    hundred = format(Decimal(100).quantize(Decimal(1).scaleb(-places)), "f")
    shown = format(total.quantize(Decimal(1).scaleb(-places)), "f")
    decimals = Both(f"{places} decimal place" + ("" if places == 1 else "s"), f"{places} 位小数") if places \
        else Both("a whole number", "整数")
    diags.note("share-sum", mark, path, column=column, total=shown, hundred=hundred, places=decimals)
