"""`libreport show`: a year's computed tables in the terminal, to check figures without opening Word.

Prints what the report will print, from the same description the Word writer writes (libreport.document):
the statistics table numbered and labelled as in the report (with last year's figure and the change beside it
when the report prints them), the activity table with its shares and 合计 row, each declared table, all worded
by the template; then how many entries each list section has (chronicle entries per month), and for each task
of the plan what the year did for it and how far its targets have come.
"""

from __future__ import annotations

import sys

from rich.console import Console
from rich.table import Table as RichTable
from rich.text import Text

from libreport import document, i18n
from libreport import model as m
from libreport.diagnostics import Severity
from libreport.i18n import t
from libreport.numbers import cn_numeral
from libreport.project import Project
from libreport.tofill import plain


def show_year(project: Project, year: str) -> int:
    """Print the tables of one year. 0 when the sources have no errors, 1 when they have (the tables are
    still printed as far as they can be computed); the problems themselves are left to `validate`."""
    from libreport.document import describe_year
    from libreport.pipeline import check_year

    result = check_year(project, year)
    console = _console()
    err = _console(stderr=True)
    report = result.report
    doc = describe_year(project, result, result.diags) if report is not None else None
    if report is None or doc is None:
        for d in result.diags.sorted():
            err.print(d.format(), markup=False, highlight=False)
        return 1
    console.print(t("show_title", title=doc.title), style="bold", markup=False, highlight=False)
    _tables(console, doc)
    for section in report.sections("chronicle"):
        if section.data is not None:
            _print(console, t("show_chronicle", title=section.label), _chronicle(section))
    for section in report.sections("plan"):
        if section.data is not None:
            _print(console, t("show_plan", title=section.label, plan=section.data.plan.title,
                              year=section.data.year), _plan(section))
    _print(console, t("show_counts"), _counts(report))
    _coverage(console, result)
    errors, warnings = len(result.diags.errors), len(result.diags.warnings)
    for d in result.diags.sorted():  # what is wrong is said where it is; the warnings are left to validate
        if d.severity is Severity.ERROR:
            sys.stderr.write(d.format() + "\n")
    if errors or warnings:
        err.print(t("show_problems", year=year, errors=errors, warnings=warnings), markup=False, highlight=False)
    return 1 if errors else 0


def _coverage(console: Console, result) -> None:
    """The figures the prose prints: how many are bound to data and checked, deliberate, or still literal."""
    from libreport.prose.coverage import coverage, describe

    assert result.report is not None
    lines = describe(coverage(result.report, result.year))
    if len(lines) > 1:  # a year with prose
        console.print()
        console.print(t("show_coverage"), style="bold", markup=False, highlight=False)
        for line in lines:
            console.print(line, markup=False, highlight=False)


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


_HEADINGS = {"statistics": "show_statistics", "activities": "show_activities", "table": "show_table"}


def _tables(console: Console, doc: document.Document) -> None:
    """Each table the report prints of its statistics, activities and declared tables, cell for cell."""
    for block in doc.blocks():
        if isinstance(block, document.Table) and block.name in _HEADINGS:
            _print(console, t(_HEADINGS[block.name], title=block.label), _table(block))


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


_JUSTIFY = {"table_number": "right", "table_center": "center"}


def _table(table: document.Table) -> Table:
    """A described table as a Rich table: its header rows as one (a heading over several columns stands before
    each of theirs: 活动场次/场次), its total row as the footer, a cell spanning columns in the first of them."""
    heads = _grid_headings(table.header)
    total = next((r for r in table.rows if r.total), None)
    body = [r for r in table.body if not r.total]
    footer = _spread(total) if total is not None else [""] * len(heads)
    first = body[0] if body else total
    roles = _spread_roles(first) if first is not None else ["table_text"] * len(heads)
    out = Table(show_footer=total is not None)
    for head, foot, role in zip(heads, footer, roles):
        out.add_column(head, footer=foot, justify=_JUSTIFY.get(role, "left"))
    for row in body:
        out.add_row(*_spread(row))
    return out


def _spread(row: document.Row) -> list[str]:
    """A row's cells one a column: a cell spanning columns stands in the first, the others are left empty."""
    out: list[str] = []
    for text, span in zip(row.cells, row.spans or [1] * len(row.cells)):
        out.extend([plain(text), *[""] * (span - 1)])  # a figure still to fill: its marker's words
    return out


def _spread_roles(row: document.Row) -> list[str]:
    out: list[str] = []
    for role, span in zip(row.roles, row.spans or [1] * len(row.cells)):
        out.extend([role] * span)
    return out


def _grid_headings(header: list[document.Row]) -> list[str]:
    """One heading a column from header rows with spans: the heading of the row above, if it spans several
    columns, joined to the one below it with a slash; one spanning both rows stands alone."""
    columns: list[list[str]] = []
    covered: dict[int, int] = {}  # column → header rows it still stands in, from a row above
    for row in header:
        col = 0
        cells = iter(zip(row.cells, row.spans or [1] * len(row.cells), row.rowspans or [1] * len(row.cells)))
        while True:
            if covered.get(col, 0) > 0:
                covered[col] -= 1
                col += 1
                continue
            nxt = next(cells, None)
            if nxt is None:
                break
            text, span, down = nxt
            for c in range(col, col + span):
                while len(columns) <= c:
                    columns.append([])
                if text and (not columns[c] or columns[c][-1] != text):
                    columns[c].append(text)
                if down > 1:
                    covered[c] = down - 1
            col += span
    return ["/".join(parts) for parts in columns]


def _plan(section: m.Section) -> Table:
    """Each task of the plan: how many entries of each section serve it this year, and its targets' progress."""
    data = section.data
    table = Table()
    table.add_column(t("show_col_no"), justify="center")
    table.add_column(t("show_col_task"))
    table.add_column(t("show_col_done", year=data.year))
    table.add_column(t("show_col_targets"))
    for task in data.tasks:
        counts = t("show_list_sep").join(f"{s.label} {n}" for s, n in task.counts())
        done = t("show_done", count=len(task.done), sections=counts) if task.done else "—"
        targets = []
        for p in task.targets:
            target = p.target
            line = t("show_target", name=target.name, actual=p.actual.digits if p.actual is not None else "—",
                     target=target.digits, unit=target.unit, target_year=target.year)
            if p.expected is not None and p.actual is not None:
                line += f"; {t('show_target_line', expected=p.expected_digits)}"
            if p.behind:
                line += f" ({t('show_target_behind')})"
            targets.append(line)
        table.add_row(task.task.number, task.task.title, done, "\n".join(targets) or "—")
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
