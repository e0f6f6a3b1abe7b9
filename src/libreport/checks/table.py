"""A `table` section's checks: totals the report prints against the sum of their column, shares that
do not add up to 100 %."""

from __future__ import annotations

from decimal import Decimal

from libreport.compute.table import compute
from libreport.diagnostics import Diagnostics
from libreport.numbers import group_thousands
from libreport.sources.table import TableData


def check_table(table: TableData, diags: Diagnostics) -> None:
    computed = compute(table)
    if table.total is not None:
        for name, cell in table.total.given.items():
            total = computed.sums.get(name)
            if total is None or cell.value is None:
                continue
            missing = sum(1 for row in table.rows if name not in row.cells)
            if total != cell.value and not missing:
                item = f"{table.total.label} {name}"
                diags.error("sum-mismatch", cell.mark, f"total.{name}", item=item, total=group_thousands(total),
                            value=cell.text)
    for name, total in computed.share_totals.items():
        if total != Decimal(100) and table.rounding == "half-up":
            diags.note("share-sum", table.mark, "rounding", column=name, total=str(total))
