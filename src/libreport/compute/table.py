"""A `table` section's derived figures: column sums for the total row, computed share, change and percent
columns, and the view prose quotes them through (`tables['branches']['中心馆']['接待读者']`,
`tables['branches'].total['接待读者']`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from libreport.figures import Figure
from libreport.numbers import change_percent, shares_half_up, shares_largest_remainder
from libreport.sources.table import Column, TableData
from libreport.tofill import ToFill


@dataclass
class Computed:
    sums: dict[str, Decimal] = field(default_factory=dict)  # number columns summed in the total row
    shares: dict[str, list[Decimal | None]] = field(default_factory=dict)  # share column → one per row
    share_totals: dict[str, Decimal] = field(default_factory=dict)  # what each share column adds up to
    # change column → one per row: the change the table computes where the row prints none (None: it prints
    # one, or a value to compare is missing); a change from 0 is no percentage and prints the template's dash
    changes: dict[str, list[Decimal | None]] = field(default_factory=dict)
    no_change: dict[str, set[int]] = field(default_factory=dict)  # rows whose change cannot be computed (from 0)
    # percent columns computed from two columns (完成率 = 完成数 ÷ 全年目标), where the row prints none; rows
    # whose whole is 0 or not given are in no_change too, and print the template's dash
    percents: dict[str, list[Decimal | None]] = field(default_factory=dict)
    total_percents: dict[str, Decimal] = field(default_factory=dict)  # of the total row: the sums' percentage


def compute(table: TableData) -> Computed:
    out = Computed()
    for column in table.columns:
        if column.type == "number" and column.total:
            given = [row.cells[column.name].value for row in table.rows if column.name in row.cells]
            out.sums[column.name] = sum((v for v in given if v is not None), Decimal(0))
    share = shares_largest_remainder if table.rounding == "largest-remainder" else shares_half_up
    for column in table.columns:
        if column.type != "share" or column.of is None:
            continue
        counts = [row.cells[column.of].value if column.of in row.cells else None for row in table.rows]
        known = [v for v in counts if v is not None]
        if not known or sum(known, Decimal(0)) == 0:  # no shares of nothing: the column stays empty
            out.shares[column.name] = [None] * len(counts)
            continue
        computed = iter(share(known, column.places))
        out.shares[column.name] = [next(computed) if v is not None else None for v in counts]
        out.share_totals[column.name] = sum((s for s in out.shares[column.name] if s is not None), Decimal(0))
    for column in table.columns:
        if column.type not in ("change", "percent") or column.pair is None:
            continue
        values: list[Decimal | None] = []
        out.no_change[column.name] = set()
        for index, row in enumerate(table.rows):
            a, b = (row.cells.get(name) for name in column.pair)
            if column.name in row.cells or a is None or b is None:
                values.append(None)  # printed, or a figure still to fill
                continue
            if a.value is None or b.value is None:  # a figure the report gives as —: nothing to compute
                out.no_change[column.name].add(index)
                values.append(None)
                continue
            value = (change_percent(a.value, b.value, column.places) if column.type == "change"
                     else percent_of(a.value, b.value, column.places))
            if value is None:
                out.no_change[column.name].add(index)
            values.append(value)
        (out.changes if column.type == "change" else out.percents)[column.name] = values
        part, whole = (table.column(name) for name in column.pair)
        if column.type == "percent" and part and whole and part.total and whole.total \
                and part.name in out.sums and whole.name in out.sums:
            value = percent_of(out.sums[part.name], out.sums[whole.name], column.places)
            if value is not None:
                out.total_percents[column.name] = value
    return out


def percent_of(part: Decimal, whole: Decimal, places: int) -> Decimal | None:
    """part ÷ whole in percent, rounded half up to `places`; None for a whole of 0."""
    from decimal import ROUND_HALF_UP

    if whole == 0:
        return None
    return (part * 100 / whole).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


class Wording:
    """How printed cells are worded where the template decides: a share, the total row's share, an Excel date,
    a computed change (None: there is none to give)."""

    def __init__(self, share, total_share: str, date, change=None):
        self.share, self.total_share, self.date = share, total_share, date
        self.change = change or _signed_percent


def _percent_text(value: Decimal) -> str:
    return f"{value}%"


def _signed_percent(value: Decimal | None) -> str:
    return "—" if value is None else _signed(value) + "%"


def _signed(value: Decimal) -> str:
    return f"+{value}" if value > 0 else str(value)


def printed_rows(table: TableData, computed: Computed, say: Wording) -> list[list[str]]:
    """Each row's cells as printed, column by column (shares computed, empty cells empty)."""
    out = []
    for index, row in enumerate(table.rows):
        line = []
        for column in table.columns:
            if column.type == "share":
                shares = computed.shares.get(column.name, [])
                value = shares[index] if index < len(shares) else None
                line.append("" if value is None else str(value) if column.bare else say.share(value))
                continue
            cell = row.cells.get(column.name)
            if cell is None and column.type in ("change", "percent"):
                line.append(_computed_change(column, computed, index, say))
                continue
            if cell is None:
                line.append("")
            elif cell.day is not None:  # an Excel date cell
                line.append(say.date(cell.day))
            elif cell.figure is not None:
                line.append(printed_figure(cell.figure, column))
            else:
                line.append(cell.text)
        out.append(line)
    return out


def printed_figure(figure: Figure, column: Column) -> str:
    """A number cell as printed: in the house style (or the column's `thousands:`), with its approximation word
    and its note (约 800（含流动站））."""
    return figure.cell(column.thousands) + (f"（{figure.note}）" if figure.note else "")


def printed_total(table: TableData, computed: Computed, say: Wording) -> list[str]:
    """The total row's cells, the label in the first: totals as the report prints them when given, else sums."""
    from libreport.figures import table_number

    given = table.total.given if table.total else {}
    cells = []
    for column in table.columns:
        if column.name in given:
            figure = given[column.name].figure
            cells.append(given[column.name].text if figure is None else printed_figure(figure, column))
        elif column.type == "number" and column.name in computed.sums:
            cells.append(table_number(computed.sums[column.name], column.thousands))
        elif column.type == "share" and column.name in computed.share_totals:
            # the heading carries the %: 100 to the column's places, as its cells (12.2 … 100.0)
            cells.append(f"{Decimal(100):.{column.places}f}" if column.bare else say.total_share)
        elif column.type == "percent" and column.name in computed.total_percents:
            value = computed.total_percents[column.name]
            cells.append(str(value) if column.bare else say.share(value))
        else:
            cells.append("")
    if cells and table.total is not None:
        cells[0] = table.total.label
    return cells


def _computed_change(column, computed: Computed, index: int, say: Wording) -> str:
    """A change or percentage the row does not print, as the table computes it (— where it cannot)."""
    changes = (computed.changes if column.type == "change" else computed.percents).get(column.name, [])
    value = changes[index] if index < len(changes) else None
    if index in computed.no_change.get(column.name, set()):
        return say.change(None)
    if value is None:
        return ""
    if column.type == "percent":
        return str(value) if column.bare else say.share(value)
    return _signed(value) if column.bare else say.change(value)


class TableView(dict):
    """One table as the summary quotes it: rows by their first cell, each a mapping of column to figure (number
    columns, with the column's unit), share (share columns) or text; `total` maps number columns to the total
    row's figures (as printed when given, else the sum); `rows` is the number of rows."""

    def __init__(self, table: TableData):
        computed = compute(table)
        super().__init__()
        first = table.columns[0].name if table.columns else None
        for index, row in enumerate(table.rows):
            values: dict[str, object] = {}
            for column in table.columns:
                if column.type == "share":
                    share = computed.shares.get(column.name, [])
                    if index < len(share) and share[index] is not None:
                        values[column.name] = share[index]
                elif column.name in row.cells:
                    cell = row.cells[column.name]
                    values[column.name] = cell.figure if cell.figure is not None else cell.text
                elif column.type in ("change", "percent") and (text := _computed_change(
                        column, computed, index, Wording(_percent_text, "", None))):
                    values[column.name] = text  # as printed: +12.5%, 96.5%
            label = row.cells[first].text if first and first in row.cells else None
            if label is not None:
                self.setdefault(label, values)
        given = table.total.given if table.total else {}
        self.total: dict[str, object] = {}
        for column in table.columns:
            if column.type != "number":
                continue
            if column.name in given and given[column.name].figure is not None:
                self.total[column.name] = given[column.name].figure
            elif column.name in computed.sums:
                self.total[column.name] = Figure(computed.sums[column.name], unit=column.unit)
        self.rows: int | ToFill = len(table.rows)
        if not table.rows:  # a table still to fill (as `new` leaves it): whatever prose quotes of it is to fill
            self.rows = ToFill(table.caption or "")
            self.total = {column.name: ToFill(column.name) for column in table.columns if column.type == "number"}

    def __missing__(self, key):
        if isinstance(self.rows, ToFill):
            return self.rows
        raise KeyError(key)
