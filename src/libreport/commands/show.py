"""`libreport show`: a year's computed tables in the terminal, to check figures without opening Word.

Prints what the report will print: the statistics table numbered and labelled as in the report (with
last year's figure and the change beside it when there is a year to compare with), the activity table
with its shares and 合计 row, and how many entries each list section has (chronicle entries per month).
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from libreport import i18n
from libreport import model as m
from libreport.diagnostics import Severity
from libreport.figures import same_unit, table_number
from libreport.housestyle import printing, table_grouping
from libreport.i18n import t
from libreport.numbers import change_percent, cn_numeral, percent
from libreport.project import Project


def show_year(project: Project, year: str) -> int:
    """Print the tables of one year. 0 when the sources have no errors, 1 when they have (the tables are
    still printed as far as they can be computed); the problems themselves are left to `validate`."""
    from libreport.pipeline import check_year

    result = check_year(project, year)
    console = _console()
    err = _console(stderr=True)
    report = result.report
    if report is None:
        for d in result.diags.sorted():
            err.print(d.format(), markup=False, highlight=False)
        return 1
    console.print(t("show_title", title=report.title or f"{report.library} {report.year}"), style="bold",
                  markup=False, highlight=False)
    with printing(report.figures):  # figures as the report prints them
        _sections(console, report, result)
    _print(console, t("show_counts"), _counts(report))
    errors, warnings = len(result.diags.errors), len(result.diags.warnings)
    for d in result.diags.sorted():  # what is wrong is said where it is; the warnings are left to validate
        if d.severity is Severity.ERROR:
            sys.stderr.write(d.format() + "\n")
    if errors or warnings:
        err.print(t("show_problems", year=year, errors=errors, warnings=warnings), markup=False, highlight=False)
    return 1 if errors else 0


class Table(RichTable):
    """A Rich table whose cells are text as written: a name like `[bold]` or `[/]` from the sources is shown,
    never read as Rich markup (which would fail, or restyle the terminal). A table of more than MAX_ROWS rows
    shows the first ones and how many more there are: drawing each row costs a millisecond."""

    MAX_ROWS = 1_000

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.hidden = 0

    def add_column(self, header="", footer="", **kwargs):
        super().add_column(_plain(header), _plain(footer), **kwargs)

    def add_row(self, *cells, **kwargs):
        if self.row_count >= self.MAX_ROWS:
            self.hidden += 1
            return
        super().add_row(*(_plain(c) for c in cells), **kwargs)

    def __rich_console__(self, console, options):
        if self.hidden:
            super().add_row(f"… +{self.hidden:,}", *[""] * (len(self.columns) - 1))
            self.hidden = 0
        yield from super().__rich_console__(console, options)


def _plain(value):
    from libreport.messages import one_line

    return Text(one_line(value)) if isinstance(value, str) else value


def _sections(console: Console, report: m.Report, result) -> None:
    """Each table section as the report prints it."""
    for section in report.sections():
        if section.data is None:
            continue
        if section.kind == "statistics":
            with table_grouping(section.data.thousands):  # figures as that table prints them
                _print(console, t("show_statistics", title=section.label), _statistics(section, result.previous))
        elif section.kind == "activities":
            with table_grouping(section.data.thousands):
                _print(console, t("show_activities", title=section.label), _activities(section))
        elif section.kind == "chronicle":
            _print(console, t("show_chronicle", title=section.label), _chronicle(section))
        elif section.kind == "table" and getattr(section.data, "rows", None):
            _print(console, t("show_table", title=section.data.caption or section.label), _table(section))


def _print(console: Console, heading: str, table: Table) -> None:
    console.print()
    console.print(heading, style="bold", markup=False, highlight=False)
    console.print(table)


def _console(stderr: bool = False) -> Console:
    stream = sys.stderr if stderr else sys.stdout
    if stream.isatty():
        return Console(stderr=stderr)
    # Piped or redirected: no colours, and wide enough that long item names are not wrapped.
    return Console(file=stream, width=160, no_color=True, highlight=False)


def _statistics(section: m.Section, previous: m.Report | None) -> Table:
    from libreport.compute.tables import StatIndex, statistics_rows

    table = Table()
    table.add_column(t("show_col_no"), justify="center")
    table.add_column(t("show_col_item"))
    table.add_column(t("show_col_unit"), justify="center")
    table.add_column(t("show_col_value"), justify="right")
    before = None
    if previous is not None and previous.first("statistics") is not None:
        before = StatIndex(previous.first("statistics"))
        table.add_column(t("show_col_previous", year=previous.year), justify="right")
        table.add_column(t("show_col_change"), justify="right")
    for row in statistics_rows(section.data):
        cells = [row.marker, row.shown_label, row.unit, row.shown_value]
        if before is not None:
            old = before.find(row.item.path)
            if old is None or old.value is None or not same_unit(old.unit, row.item.unit):
                cells += ["—", "—"]
            elif row.value is None:
                cells += [table_number(old.value), "—"]
            else:
                cells += [table_number(old.value), _change(row.value, old.value)]
        table.add_row(*cells)
    return table


def _change(now, before) -> str:
    pct = change_percent(now, before, 2)
    if pct is None:
        return "—"
    return f"+{pct}%" if pct > 0 else f"{pct}%"


def _activities(section: m.Section) -> Table:
    from libreport.compute.tables import activity_table

    data = activity_table(section.data)

    def count(figure) -> str:
        return "—" if figure is None else figure.cell()

    def share(value) -> str:
        return "—" if value is None else percent(value)

    table = Table(show_footer=True)
    table.add_column(t("show_col_no"), justify="center", footer=t("show_total"))
    table.add_column(t("show_col_type"))
    for col, head in (("sessions", "show_col_sessions"), ("attendance", "show_col_attendance")):
        table.add_column(t(head), justify="right", footer=count(data.total.counts[col]))
        table.add_column(t("show_col_share"), justify="right", footer=share(data.total.share_sums[col]))
    for line in data.lines:
        table.add_row(str(line.number), line.type, count(line.counts["sessions"]), share(line.shares["sessions"]),
                      count(line.counts["attendance"]), share(line.shares["attendance"]))
    return table


def _table(section: m.Section) -> Table:
    """A table section as the report prints it: its columns (units in the headings), computed shares, total."""
    from libreport.compute.table import Wording, compute, printed_rows, printed_total
    from libreport.sources.table import TableData

    data = section.data
    assert isinstance(data, TableData)
    computed = compute(data)
    # a share or percentage computed to its column's places, worded as the default template words it (41.5%)
    say = Wording(lambda value: f"{value}%", "100%", lambda day: day.isoformat())
    table = Table(show_footer=data.total is not None)
    total = printed_total(data, computed, say) if data.total is not None else [""] * len(data.columns)
    if data.number:  # the 序号 the report prints before the first column; the total's label stands under it
        table.add_column(t("show_col_no"), justify="center", footer=total[0] if total else "")
        total = ["", *total[1:]]
    for column, foot in zip(data.columns, total):
        heading = f"{column.printed}（{column.unit}）" if column.unit else column.printed
        heading = f"{column.group}/{heading}" if column.group else heading
        numeric = column.type in ("number", "percent", "share", "change")
        table.add_column(heading, justify="right" if numeric else "left", footer=foot)
    for n, line in enumerate(printed_rows(data, computed, say), 1):
        table.add_row(*([str(n)] if data.number else []), *line)
    return table


def _chronicle(section: m.Section) -> Table:
    from libreport.compute.tables import chronicle_months

    table = Table()
    table.add_column(t("show_col_month"))
    table.add_column(t("show_col_entries"), justify="right")
    for group in chronicle_months(section.data):
        month = t("show_whole_year") if group.month is None else _month(group.month)
        table.add_row(month, str(len(group.events)))
    return table


def _month(n: int) -> str:
    return f"{cn_numeral(n)}月" if i18n.lang() == "zh" else _MONTHS[n - 1]


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")


def _counts(report: m.Report) -> Table:
    table = Table()
    table.add_column(t("show_col_section"))
    table.add_column(t("show_col_entries"), justify="right")
    printed = [section for part in report.parts for section in part.sections]  # not the data-only files
    for section in printed:
        if section.kind in ("coverage", "awards", "chronicle"):
            count = len(section.data) if section.data is not None else 0
            table.add_row(section.label, str(count))
        elif section.kind == "statistics" and section.data is not None:
            from libreport.compute.tables import statistics_rows
            table.add_row(section.label, str(len(statistics_rows(section.data))))
        elif section.kind == "activities" and section.data is not None:
            table.add_row(section.label, str(len(section.data.rows)))
        elif section.kind == "table" and section.data is not None:
            table.add_row(section.data.caption or section.label, str(len(section.data.rows)))
    return table
