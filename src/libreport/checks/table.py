"""A `table` section's checks: totals the report prints against the sum of their column, shares that
do not add up to 100 %, printed changes (增减) against the two columns they compare, and printed percentages
(完成率) against the two columns they divide."""

from __future__ import annotations

from decimal import Decimal

from libreport.checks.consistency import share_sum
from libreport.checks.stated import bounds_of, change_range, holds, places_of, printed_range, quotient_range, signed
from libreport.compute.table import compute
from libreport.diagnostics import Diagnostics
from libreport.figures import overlap, sum_bounds
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
    for share in table.columns:  # shares of a column that adds up to 0 are no numbers: said, not left blank
        if share.type == "share" and share.of is not None and share.name not in computed.share_totals and any(
                share.of in row.cells and row.cells[share.of].value is not None for row in table.rows):
            diags.warning("share-sum", share.mark, f"columns.{share.name}", column=share.name, of=share.of,
                          variant="zero")
    for name, total in computed.share_totals.items():
        column = table.column(name)
        if column is not None and total != Decimal(100) and table.rounding == "half-up":
            # The total row prints 100% under the column, so the note stands there, where `accept:` can
            # acknowledge it (`total: {label: 合计, accept: {share-sum: …}}`); without such a row, at the column.
            at = table.total.mark if table.total is not None and table.total.entry else column.mark
            share_sum(diags, at, f"columns.{name}", name, total, column.places)
    first = table.columns[0].name if table.columns else None
    for column in table.columns:
        if column.type not in ("change", "percent") or column.pair is None:
            continue
        for index, row in enumerate(table.rows):
            stated = row.cells.get(column.name)
            if stated is not None and stated.value is not None:
                label = row.cells[first].text if first in row.cells else str(index + 1)
                check = _check_change if column.type == "change" else _check_percent
                check(column, row.cells, stated, label, f"rows[{index + 1}].{column.name}", diags)
        given = table.total.given.get(column.name) if table.total is not None else None
        if column.type == "percent" and given is not None and given.value is not None:
            totals = {name: Cell(group_thousands(computed.sums[name]), given.mark, computed.sums[name])
                      for name in column.pair if name in computed.sums}
            assert table.total is not None
            _check_percent(column, totals, given, table.total.label, f"total.{column.name}", diags)


def _check_change(column: Column, cells: dict[str, Cell], cell: Cell, label: str, path: str,
                  diags: Diagnostics) -> None:
    """A printed change holds when some values the two printed figures allow give it, within the places it is
    printed to: +12.5% for anything from +12.45% to +12.55%, +2 for 1.5 to 2.5."""
    new, old = (cells.get(name) for name in column.pair or ())
    if new is None or old is None or new.value is None or old.value is None or cell.value is None:
        return  # a value to compare is still to fill (or not given): nothing to check
    percent = cell.change != "difference"
    true = change_range(bounds_of(new.figure, new.value), bounds_of(old.figure, old.value), percent)
    if holds(true, printed_range(cell.value, cell.places)):
        return
    computed = new.value - old.value if not percent else (new.value / old.value - 1) * 100
    # a percentage to one place more than printed, so the difference shows; a difference as precisely as printed
    shown = computed.quantize(Decimal(1).scaleb(-(cell.places + percent)))
    diags.warning("change-mismatch", cell.mark, path, column=column.name, row=label, printed=cell.text,
                  new=new.text, old=old.text, computed=signed(shown, percent),
                  variant=None if percent else "difference")


def _check_percent(column: Column, cells: dict[str, Cell], cell: Cell, label: str, path: str,
                   diags: Diagnostics) -> None:
    """A printed percentage of two columns (完成率 = 完成数 ÷ 全年目标) holds within the places it is printed to:
    109.9 for anything from 109.85% to 109.95%."""
    part, whole = (cells.get(name) for name in column.pair or ())
    if part is None or whole is None or part.value is None or whole.value is None or cell.value is None:
        return
    true = quotient_range(bounds_of(part.figure, part.value), bounds_of(whole.figure, whole.value))
    places = places_of(cell.value)
    if holds(true, printed_range(cell.value, places)):
        return
    computed = (part.value * 100 / whole.value).quantize(Decimal(1).scaleb(-(places + 1)))
    printed = cell.text if cell.text.endswith(("%", "％")) else f"{cell.text}%"
    diags.warning("ratio-mismatch", cell.mark, path, column=column.name, row=label, printed=printed,
                  part=part.text, whole=whole.text, computed=f"{computed}%", variant="table")
