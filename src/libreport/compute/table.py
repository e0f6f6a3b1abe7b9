"""A `table` section's derived figures: column sums for the total row, and computed share columns."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from libreport.numbers import shares_half_up, shares_largest_remainder
from libreport.sources.table import TableData


@dataclass
class Computed:
    sums: dict[str, Decimal] = field(default_factory=dict)  # number columns summed in the total row
    shares: dict[str, list[Decimal | None]] = field(default_factory=dict)  # share column → one per row
    share_totals: dict[str, Decimal] = field(default_factory=dict)  # what each share column adds up to


def compute(table: TableData) -> Computed:
    out = Computed()
    for column in table.columns:
        if column.type == "number" and column.total:
            values = [row.cells[column.name].value for row in table.rows if column.name in row.cells]
            out.sums[column.name] = sum((v for v in values if v is not None), Decimal(0))
    share = shares_largest_remainder if table.rounding == "largest-remainder" else shares_half_up
    for column in table.columns:
        if column.type != "share" or column.of is None:
            continue
        values = [row.cells[column.of].value if column.of in row.cells else None for row in table.rows]
        known = [v for v in values if v is not None]
        if not known or sum(known, Decimal(0)) == 0:  # no shares of nothing: the column stays empty
            out.shares[column.name] = [None] * len(values)
            continue
        computed = iter(share(known, column.places))
        out.shares[column.name] = [next(computed) if v is not None else None for v in values]
        out.share_totals[column.name] = sum((s for s in out.shares[column.name] if s is not None), Decimal(0))
    return out
