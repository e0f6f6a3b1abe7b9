"""Each kind of section as blocks: the summary's prose, the lists' tables, 综合统计 with last year beside it,
活动统计 with its shares and chart, the staff's distributions, the chronicle by month.

Which columns print, how dates are worded, where a dash stands for a share: all decided here."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import TYPE_CHECKING

from libreport import model as m
from libreport.compute.tables import activity_table, chronicle_months, statistics_rows
from libreport.document import model as d
from libreport.figures import same_unit, table_number
from libreport.housestyle import table_grouping
from libreport.numbers import change_percent

if TYPE_CHECKING:
    from libreport.document.describe import Describer

C, TXT, NUM, HD = "table_center", "table_text", "table_number", "table_header"


def section_blocks(b: Describer, section: m.Section, depth: int) -> list[d.Block]:
    """`depth`: how many headings stand above the section's content."""
    blocks = _blocks(b, section, depth)
    label = getattr(section.data, "caption", None) or section.label
    for block in blocks:
        if isinstance(block, d.Table) and not block.label:
            block.label = label
    return blocks


def _blocks(b: Describer, section: m.Section, depth: int) -> list[d.Block]:
    kind, data = section.kind, section.data
    if kind == "summary":
        from libreport.document.summary import summary

        return summary(b, data.blocks, depth, section.numbering)
    if kind == "awards":
        return awards(b, data)
    if kind == "coverage":
        return coverage(b, data)
    if kind == "statistics":
        with table_grouping(data.thousands):
            return statistics(b, data)
    if kind == "activities":
        with table_grouping(data.thousands):
            return activities(b, data)
    if kind == "chronicle":
        return chronicle(b, data, depth)
    if kind == "staff":
        return staff(b, data, depth)
    if kind == "table":
        from libreport.document.tables import table

        return table(b, data)
    if kind == "plan":
        from libreport.document.plan import plan

        return plan(b, data, depth)
    raise AssertionError(kind)


# A date written 2021-01-08 (or 2021-04), as `import` writes it: in a file whose dates print as written, the
# template still words it, since no printed report is transcribed so.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _header(heads: list[str]) -> d.Row:
    return d.Row(heads, [HD] * len(heads), header=True)


def awards(b: Describer, awards: list[m.Award]) -> list[d.Block]:
    # The table prints what the report gives: without any issuer (or any date), that column is left out.
    keep = [k for k, given in ((0, True), (1, True), (2, any(a.bodies for a in awards)),
                               (3, any(a.date is not None for a in awards))) if given]
    t = d.Table("awards", "list_table", b.weights("awards", 4, keep))
    heads = b.say.heads("awards")
    t.rows.append(_header([heads[k] for k in keep]))
    bodies, when = b.say.snippets["award_bodies"], b.say.snippets["award_date"]
    as_written = getattr(awards, "dates", "template") == "as-written"
    roles = [[C, TXT, TXT, C][k] for k in keep]
    for i, a in enumerate(awards, 1):
        worded = a.shown is None and (not as_written or _ISO_DATE.match(a.date_text) is not None)
        date = ("" if a.date is None else when.render(date=a.date)
                if a.precision == "month" and worded else a.shown_date)
        cells = [str(i), a.name, bodies.render(bodies=a.bodies) if a.bodies else "", date]
        t.rows.append(d.Row([cells[k] for k in keep], roles))
    return [t, *b.note(getattr(awards, "note", None))]


def coverage(b: Describer, rows: list[m.Coverage]) -> list[d.Block]:
    # A report that prints no 版面 has a table without that column, as awards without issuers or dates.
    keep = [k for k in range(5) if k != 3 or any(r.section for r in rows)]
    t = d.Table("coverage", "list_table", b.weights("coverage", 5, keep))
    heads = b.say.heads("coverage")
    t.rows.append(_header([heads[k] for k in keep]))
    when = b.say.snippets["coverage_date"]
    as_written = getattr(rows, "dates", "template") == "as-written"
    roles = [[C, C, C, C, TXT][k] for k in keep]
    for i, r in enumerate(rows, 1):
        worded = not as_written or _ISO_DATE.match(r.date_text) is not None
        date = r.shown if r.shown is not None else when.render(date=r.date) if worded else r.date_text
        cells = [str(i), date, r.outlet, r.section, r.title]
        t.rows.append(d.Row([cells[k] for k in keep], roles))
    return [t, *b.note(getattr(rows, "note", None))]


def statistics(b: Describer, stats: m.Statistics) -> list[d.Block]:
    """综合统计; with last year's figure and the change beside each item when report.yaml compares years. An
    item last year does not give (or gives in another unit) has a dash in both."""
    from libreport.compute.tables import StatIndex

    report, previous = b.report, b.previous
    with_prev = previous is not None and report.year_over_year is not None and report.year_over_year.columns
    heads = b.say.heads("statistics")
    widths = "statistics"
    if with_prev:
        assert previous is not None
        heads = heads + b.say.heads("statistics_previous", previous_year=previous.year)
        widths = "statistics_previous"
        before = StatIndex(previous.first("statistics"))
        change = b.say.snippets["change"]
    t = d.Table("statistics", "stat_table", b.weights(widths, len(heads)))
    t.rows.append(_header(heads))
    roles = [C, TXT, C, NUM] + ([NUM, NUM] if with_prev else [])
    rows = statistics_rows(stats)
    for i, row in enumerate(rows):
        cells = [row.marker, row.shown_label, row.unit, row.shown_value]
        if with_prev:
            old = before.find(row.item.path)
            if old is None or old.value is None or row.value is None or not same_unit(old.unit, row.item.unit):
                cells += ["—", "—"]
            else:
                pct = change_percent(row.value, old.value, 2)
                cells += [table_number(old.value), change.render(change=pct)]
        # An item keeps with the first of its own sub-items (其中…), so a page never parts them.
        opens_group = i + 1 < len(rows) and rows[i + 1].depth > row.depth
        t.rows.append(d.Row(cells, roles, keep=opens_group))
    return [t, *b.note(stats.note)]


def activities(b: Describer, acts: m.Activities) -> list[d.Block]:
    table = activity_table(acts)
    say = b.say
    top = say.heads("activities_top")
    sub = say.heads("activities_sub")
    # A column has shares when every row gives its count and they add up to more than 0; otherwise a dash
    # stands in every row and below, instead of 0% and 100%, and the chart leaves the column out.
    shared = {col: table.has_shares(col) and any(ln.shares[col] for ln in table.lines)
              for col in ("sessions", "attendance")}
    names = say.lists.get("activity_chart_series", ["", ""])
    series = [(name, [ln.shares[col] for ln in table.lines])
              for name, col in zip(names, ("sessions", "attendance")) if shared[col]]
    title = say.say("activity_chart_title", year=b.report.year)
    if not title.strip():  # the template asks for no chart: an empty title is the switch staff have
        series = []
    # A count no row gives, nor the total, is not in the report: its two columns (count, 比例) are left out.
    given = [col for col in ("sessions", "attendance") if table.total.counts[col] is not None
             or any(ln.counts[col] is not None for ln in table.lines)] or ["sessions"]
    pairs = [k for k, col in enumerate(("sessions", "attendance")) if col in given]
    keep = [0, 1, *(2 + 2 * k + j for k in pairs for j in (0, 1))]
    # The chart stays on the page of its table: the table keeps with the paragraph that holds the chart.
    t = d.Table("activities", "stat_table", b.weights("activities", 6, keep), keep_with_next=bool(series))
    t.rows.append(d.Row([top[0], top[1], *(top[2 + k] for k in pairs)], [HD] * (2 + len(pairs)),
                        spans=[1, 1, *([2] * len(pairs))], rowspans=[2, 2, *([1] * len(pairs))], header=True))
    t.rows.append(_header([sub[2 * k + j] for k in pairs for j in (0, 1)]))
    share = say.snippets["share"]

    def count(figure) -> str:  # a count the report does not give prints —; thousands grouped as in 综合统计
        return "—" if figure is None else figure.cell()

    def ratio(value, column: str) -> str:
        return share.render(share=value) if value is not None and shared[column] else "—"

    num_roles = [NUM] * (2 * len(pairs))
    roles = [C, C, *num_roles]
    for line in table.lines:
        cells = [c for col in given for c in (count(line.counts[col]), ratio(line.shares[col], col))]
        t.rows.append(d.Row([str(line.number), line.type, *cells], roles))
    total_share = say.say("total_share")
    totals = [c for col in given for c in (count(table.total.counts[col]), total_share if shared[col] else "—")]
    t.rows.append(d.Row([say.say("total_label"), *totals], [C, *num_roles], spans=[2, *([1] * len(totals))],
                        total=True))
    note = b.note(acts.note, keep_next=bool(series))
    if not series:
        return [t, *note]
    chart = d.Chart(title, "bar", [ln.type for ln in table.lines], series, percent=True,
                    rows_above=len(t.rows) + len(note))  # the note takes about a row's height
    return [t, *note, chart]


def chronicle(b: Describer, events: list[m.Event], depth: int) -> list[d.Block]:
    out: list[d.Block] = []
    line = b.say.snippets["chronicle_line"]
    for group in chronicle_months(events):
        heading = (b.say.say("chronicle_month", month=group.month) if group.month
                   else b.say.say("chronicle_whole_year"))
        if heading:
            out.append(d.Heading(heading, "month", depth + 1, title=heading, number=group.month))
        for e in group.events:
            out.append(d.Paragraph("chronicle", [d.Run(line.render(date=e.date_text, text=e.text))]))
    return out


def staff(b: Describer, dists: list[m.StaffDistribution], depth: int) -> list[d.Block]:
    from libreport.numbers import shares_half_up

    out: list[d.Block] = []
    say = b.say
    for n, dist in enumerate(dists, 1):
        out.append(d.Heading(say.say("summary_heading_1", number=n, text=dist.name), "summary_1", depth + 1,
                             title=dist.name, number=n))
        shares: list[Decimal | None] = list(shares_half_up([g.count for g in dist.groups]))
        counted = sum(g.count for g in dist.groups) != 0
        title = say.say("staff_chart_title", name=dist.name)
        charted = counted and bool(title.strip())  # an empty title in the template: no chart
        t = d.Table("staff", "stat_table", b.weights("staff", 3), keep_with_next=charted, label=dist.name)
        t.rows.append(_header(say.heads("staff")))
        share = say.snippets["share"]
        for g, s in zip(dist.groups, shares):
            with table_grouping(dist.thousands):
                count = table_number(g.count)
            t.rows.append(d.Row([g.label, count, share.render(share=s) if counted else "—"], [C, NUM, NUM]))
        out.append(t)
        note = b.note(dist.note, keep_next=charted)
        out.extend(note)
        if charted:
            out.append(d.Chart(title, "bar", [g.label for g in dist.groups], [(dist.name, shares)], percent=True,
                               rows_above=len(t.rows) + len(note)))
    return out
