"""A `table` section's checks: totals the report prints against the sum of their column, shares that
do not add up to 100 %, and printed changes (增减) against the two columns they compare."""

from __future__ import annotations

from decimal import Decimal

from libreport.checks.consistency import share_sum
from libreport.compute.table import compute
from libreport.diagnostics import Diagnostics
from libreport.figures import Bounds, Figure, overlap, sum_bounds
from libreport.numbers import group_thousands
from libreport.sources.table import Cell, Column, TableData


def check_table(table: TableData, diags: Diagnostics) -> None:
    computed = compute(table)
    if table.total is not None:
        for name, cell in table.total.given.items():
            figures = [row.cells[name].figure for row in table.rows if name in row.cells]
            if name not in computed.sums or cell.figure is None or len(figures) < len(table.rows):
                continue  # a figure still to fill (or wrong, and said so) leaves nothing to check
            # 近/余/超过 … stand for the range their words allow: 5000 余 rows may add up to 近 6000
            if not overlap(sum_bounds([f for f in figures if f is not None]), cell.figure.bounds()):
                diags.error("sum-mismatch", cell.mark, f"total.{name}", column=name, label=table.total.label,
                            total=group_thousands(computed.sums[name]), value=cell.text, variant="table")
    for name, total in computed.share_totals.items():
        column = table.column(name)
        if column is not None and total != Decimal(100) and table.rounding == "half-up":
            # The total row prints 100% under the column, so the note stands there, where `accept:` can
            # acknowledge it (`total: {label: 合计, accept: {share-sum: …}}`); without such a row, at the column.
            at = table.total.mark if table.total is not None and table.total.entry else column.mark
            share_sum(diags, at, f"columns.{name}", name, total, column.places)
    first = table.columns[0].name if table.columns else None
    for column in table.columns:
        if column.type == "change" and column.pair is not None:
            for index, row in enumerate(table.rows):
                stated = row.cells.get(column.name)
                if stated is not None and stated.value is not None:
                    label = row.cells[first].text if first in row.cells else str(index + 1)
                    _check_change(column, row.cells, stated, label, index, diags)


def _check_change(column: Column, cells: dict[str, Cell], cell: Cell, label: str, index: int,
                  diags: Diagnostics) -> None:
    """A printed change holds when some values the two printed figures allow give it, within the places it is
    printed to: +12.5% for anything from +12.45% to +12.55%, +2 for 1.5 to 2.5."""
    new, old = (cells.get(name) for name in column.pair or ())
    if new is None or old is None or new.value is None or old.value is None or cell.value is None:
        return  # a value to compare is still to fill: nothing to check yet
    a, b = _bounds(new), _bounds(old)
    if cell.change == "difference":
        true: Bounds = (a[0] - (b[1] if b[1] is not None else b[0]), None if a[1] is None else a[1] - b[0])
        computed = new.value - old.value
    else:
        if old.value <= 0 or b[0] <= 0:
            return  # no percentage of nothing
        low = (a[0] / b[1] - 1) * 100 if b[1] is not None else Decimal(-100)
        true = (low, None if a[1] is None else (a[1] / b[0] - 1) * 100)
        computed = (new.value / old.value - 1) * 100
    half = Decimal(1).scaleb(-cell.places) / 2
    if overlap(true, (cell.value - half, cell.value + half)):
        return
    # a percentage to one place more than printed, so the difference shows; a difference as precisely as printed
    shown = computed.quantize(Decimal(1).scaleb(-(cell.places + (cell.change == "percent"))))
    shown_text = (f"+{shown}" if shown > 0 else str(shown)) + ("%" if cell.change == "percent" else "")
    diags.warning("change-mismatch", cell.mark, f"rows[{index + 1}].{column.name}", column=column.name, row=label,
                  printed=cell.text, new=new.text, old=old.text, computed=shown_text,
                  variant="difference" if cell.change == "difference" else None)


def _bounds(cell: Cell) -> Bounds:
    figure = cell.figure if cell.figure is not None else Figure(cell.value or Decimal(0))
    return figure.bounds()
