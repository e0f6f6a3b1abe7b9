"""The report's body as WordprocessingML: parts, sections, tables, chronicle, charts.

Everything printed is computed here from the model; the template decides the
wording (snippets) and the look (styles in report.docx).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from libreport import model as m
from libreport.compute.tables import activity_table, chronicle_months, statistics_rows
from libreport.docx.chart import ChartLook, Plan, inline_chart, plan
from libreport.docx.template import Template
from libreport.docx.xml import HINT_RPR, Table, bookmarked, esc, para, run, text_para
from libreport.figures import same_unit, table_number
from libreport.headings import Numbering
from libreport.housestyle import table_grouping
from libreport.numbers import change_percent
from libreport.prose.pictures import Picture
from libreport.sources.sections import prints_nothing


@dataclass
class TocEntry:
    level: int
    text: str
    bookmark: str


@dataclass
class Chart:
    rid: str
    title: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | None]]]
    percent: bool
    look: ChartLook
    plan: Plan


@dataclass
class Rendered:
    parts: list[list[bytes]] = field(default_factory=list)  # body XML of each part, as UTF-8 chunks
    headers: list[str] = field(default_factory=list)  # running header text of each part
    toc: list[TocEntry] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    pictures: list[tuple[str, Picture]] = field(default_factory=list)  # (relationship id, picture)
    # what the cover's placeholders print: {{ title }}, {{ subtitle }} and {{ issuer }}, lines apart by "\n"
    cover: dict[str, str] = field(default_factory=dict)
    first_page_header: bool | None = None  # the running header on a part's first page (None: as the template)
    autospace: bool = True  # Word's and LibreOffice's own space between Chinese and Latin text and digits


class Renderer:
    def __init__(self, tpl: Template, text_width: int):
        from libreport.docx.picture import text_height

        self.tpl = tpl
        self.width = text_width
        self.height = text_height(tpl.parts["word/document.xml"])
        self.out = Rendered()
        self._bookmark = 0
        self.s = tpl.style
        self.tables = 0  # captioned tables so far: 表 1, 表 2 …

    # -- headings ---------------------------------------------------------------
    def heading(self, text: str, style_role: str, level: int | None, ppr: str = "") -> str:
        xml_runs = run(text)
        if level is None:
            return para(xml_runs, self.s(style_role), ppr)
        self._bookmark += 1
        name = f"_Toc{self._bookmark:08d}"
        self.out.toc.append(TocEntry(level, text, name))
        return para(bookmarked(xml_runs, name, self._bookmark), self.s(style_role), ppr)

    def part_heading(self, report: m.Report, number: int, title: str) -> str:
        form = report.numbering.parts
        return form.heading(number, title) if form else self.tpl.say("part_heading", number=number, title=title)

    def section_heading(self, numbering: Numbering, number: int, title: str) -> str:
        form = numbering.sections
        return form.heading(number, title) if form else self.tpl.say("section_heading", number=number, title=title)

    def subsection_heading(self, numbering: Numbering, number: int, title: str) -> str:
        """A section's title inside a group: numbered as the group's numbering says, else as the template's
        `subsection_heading` (a template made before it prints the title alone)."""
        form = numbering.subsections
        if form is not None:
            return form.heading(number, title)
        if "subsection_heading" in self.tpl.snippets:
            return self.tpl.say("subsection_heading", number=number, title=title)
        return title

    @property
    def subsection_style(self) -> str:
        return "subsection" if "subsection" in self.tpl.style_ids else "summary_1"

    # -- pictures ---------------------------------------------------------------------
    @property
    def picture_count(self) -> int:
        return len(self.out.pictures)

    def add_picture(self, image: Picture) -> str:
        rid = f"rIdLrPicture{len(self.out.pictures) + 1}"
        self.out.pictures.append((rid, image))
        return rid

    # -- the whole report -----------------------------------------------------------
    def render(self, report: m.Report, context: dict, previous: m.Report | None, title: str = "") -> Rendered:
        """The report, its figures printed in its house style (report.yaml `figures:`)."""
        from libreport.housestyle import printing

        cover = report.cover
        self.out.cover = {"title": "\n".join(cover.title or report.title_lines or [title]),
                          "subtitle": "\n".join(cover.subtitle),
                          "issuer": "\n".join(cover.issuer or [report.library])}
        self.out.first_page_header = report.first_page_header
        # a report that prints no space between figures and Chinese wants none added either
        self.out.autospace = report.figures.spacing == "true"
        with printing(report.figures):
            return self._render(report, context, previous, title)

    def _render(self, report: m.Report, context: dict, previous: m.Report | None, title: str) -> Rendered:
        """Parts in order, each on its own pages under its running header. A part without a title (sections
        listed at the top level without one) prints no heading; a section standing alone, or the one section
        of a part of the same title, prints one heading, not two."""
        from libreport.docx.prose import ProseWriter

        prose = ProseWriter(self, report)
        self.prose = prose
        pn = 0
        # a part whose sections all print nothing (no data yet, a table with no rows) is left out whole
        parts = [p for p in report.parts if not all(prints_nothing(s) for s in p.sections)]
        for index, part in enumerate(parts):
            xml: list[bytes] = []
            if index == 0:  # a template without a cover prints the title here, under the letterhead
                head = prose.masthead(report.letterhead, None if self.tpl.has_title else report.title_lines or [title],
                                      report.addressee)
                xml.extend(line.encode("utf-8") for line in head)
            depth = 0
            # a part without a title (only a running header) prints no heading: its sections' headings are the
            # outline's first level, in Word's outline as in the table of contents
            outline = "" if part.title is not None else '<w:outlineLvl w:val="0"/>'
            if part.title is not None:
                pn += 1
                xml.append(self.heading(self.part_heading(report, pn, part.title), "part", 1).encode("utf-8"))
                depth = 1
            sn = 0
            group: m.Group | None = None  # the group whose heading was printed last
            gn = 0
            for k, section in enumerate(part.sections):
                if prints_nothing(section):
                    continue
                below = depth
                if section.group is not None:
                    # a group's heading stands at a section's level, before the first of its sections that prints
                    if section.group is not group:
                        group, gn, sn = section.group, 0, sn + 1
                        xml.append(self.heading(self.section_heading(part.numbering, sn, group.title), "section",
                                                depth + 1, outline).encode("utf-8"))
                    below = depth + 1
                    if section.title is not None:
                        gn += 1
                        text = self.subsection_heading(group.numbering, gn, section.title)
                        level = depth + 2
                        xml.append(self.heading(text, self.subsection_style, level if level <= 2 else None,
                                                f'<w:outlineLvl w:val="{level - 1}"/>').encode("utf-8"))
                        below = depth + 2
                elif section.title is not None and not (k == 0 and part.heading_is_section):
                    group = None
                    sn += 1
                    xml.append(self.heading(self.section_heading(part.numbering, sn, section.title), "section",
                                            depth + 1, outline).encode("utf-8"))
                    below = depth + 1
                else:
                    group = None
                xml.extend(_chunks(self.section(section, report, context, previous, below)))
            if index == len(parts) - 1 and report.signature is not None:
                xml.extend(_chunks(prose.signature(report.signature)))
            if index == len(parts) - 1 and report.imprint is not None:
                xml.extend(_chunks(prose.imprint(report.imprint, report.library)))
            self.out.parts.append(xml)
            self.out.headers.append(self.tpl.say("running_header", header=part.header or title,
                                                 title=part.title or title, library=report.library,
                                                 year=report.year))
        return self.out

    def section(self, section: m.Section, report, context, previous, depth: int = 2) -> str | list:
        kind = section.kind
        if kind == "summary":
            return self.prose.summary(section.data.blocks, depth, section.numbering)
        if kind == "awards":
            return self.awards(section.data)
        if kind == "coverage":
            return self.coverage(section.data)
        if kind == "statistics":
            with table_grouping(section.data.thousands):
                return self.statistics(section.data, report, previous)
        if kind == "activities":
            with table_grouping(section.data.thousands):
                return self.activities(section.data, report)
        if kind == "chronicle":
            return self.chronicle(section.data)
        if kind == "staff":
            return self.staff(section.data)
        if kind == "table":
            from libreport.docx.table import table_xml

            return table_xml(self, section.data)
        raise AssertionError(kind)

    # -- sections ------------------------------------------------------------------
    def table(self, widths: str, style_role: str, columns: int, keep_with_next: bool = False,
              keep_columns: list[int] | None = None) -> Table:
        """A table of the template's `style_role`, its columns weighted as snippets.yaml's `widths` say
        (only `keep_columns` of them, when some are left out)."""
        weights = self.tpl.widths.get(widths) or [1.0] * columns
        if keep_columns is not None:
            weights = [weights[k] for k in keep_columns]
        return Table(self.s(style_role), self.width, weights, self.tpl, keep_with_next)

    def note(self, text: str | None, keep_with_next: bool = False) -> list[str]:
        """The note a report prints under a table (注：…), in the template's table_note style; it keeps with a
        chart that follows, as the table does."""
        if not text:
            return []
        return [para(run(text), self.s("table_note"), "<w:keepNext/>" if keep_with_next else "")]

    def awards(self, awards: list[m.Award]) -> list:
        # The table prints what the report gives: without any issuer (or any date), that column is left out.
        keep = [k for k, given in ((0, True), (1, True), (2, any(a.bodies for a in awards)),
                                   (3, any(a.date is not None for a in awards))) if given]
        t = self.table("awards", "list_table", 4, keep_columns=keep)
        c, txt, hd = self.s("table_center"), self.s("table_text"), self.s("table_header")
        heads = self.tpl.heads("awards")
        t.row([heads[k] for k in keep], header=True, styles=[hd] * len(keep))
        bodies, when = self.tpl.snippets["award_bodies"], self.tpl.snippets["award_date"]
        as_written = getattr(awards, "dates", "template") == "as-written"
        for i, a in enumerate(awards, 1):
            worded = a.shown is None and (not as_written or _ISO_DATE.match(a.date_text) is not None)
            date = ("" if a.date is None else when.render(date=a.date)
                    if a.precision == "month" and worded else a.shown_date)
            cells = [str(i), a.name, bodies.render(bodies=a.bodies) if a.bodies else "", date]
            t.row([cells[k] for k in keep], styles=[[c, txt, txt, c][k] for k in keep])
        return [*t.xml(), *self.note(getattr(awards, "note", None))]

    def coverage(self, rows: list[m.Coverage]) -> list:
        # A report that prints no 版面 has a table without that column, as awards without issuers or dates.
        keep = [k for k in range(5) if k != 3 or any(r.section for r in rows)]
        t = self.table("coverage", "list_table", 5, keep_columns=keep)
        c, txt, hd = self.s("table_center"), self.s("table_text"), self.s("table_header")
        heads = self.tpl.heads("coverage")
        t.row([heads[k] for k in keep], header=True, styles=[hd] * len(keep))
        when = self.tpl.snippets["coverage_date"]
        as_written = getattr(rows, "dates", "template") == "as-written"
        styles = [[c, c, c, c, txt][k] for k in keep]
        for i, r in enumerate(rows, 1):
            worded = not as_written or _ISO_DATE.match(r.date_text) is not None
            date = r.shown if r.shown is not None else when.render(date=r.date) if worded else r.date_text
            cells = [str(i), date, r.outlet, r.section, r.title]
            t.row([cells[k] for k in keep], styles=styles)
        return [*t.xml(), *self.note(getattr(rows, "note", None))]

    def statistics(self, stats: m.Statistics, report: m.Report, previous: m.Report | None) -> list:
        from libreport.compute.tables import StatIndex

        with_prev = previous is not None and report.year_over_year is not None and report.year_over_year.columns
        c, txt, num, hd = (self.s("table_center"), self.s("table_text"), self.s("table_number"),
                           self.s("table_header"))
        heads = self.tpl.heads("statistics")
        widths = "statistics"
        if with_prev:
            assert previous is not None
            heads = heads + self.tpl.heads("statistics_previous", previous_year=previous.year)
            widths = "statistics_previous"
            before = StatIndex(previous.first("statistics"))
            change = self.tpl.snippets["change"]
        t = self.table(widths, "stat_table", len(heads))
        t.row(heads, header=True, styles=[hd] * len(heads))
        styles = [c, txt, c, num] + ([num, num] if with_prev else [])
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
            t.row(cells, styles=styles, keep=opens_group)
        return [*t.xml(), *self.note(stats.note)]

    def activities(self, acts: m.Activities, report: m.Report) -> list:
        table = activity_table(acts)
        c, num, hd = self.s("table_center"), self.s("table_number"), self.s("table_header")
        top = self.tpl.heads("activities_top")
        sub = self.tpl.heads("activities_sub")
        # A column has shares when every row gives its count and they add up to more than 0; otherwise a dash
        # stands in every row and below, instead of 0% and 100%, and the chart leaves the column out.
        shared = {col: table.has_shares(col) and any(ln.shares[col] for ln in table.lines)
                  for col in ("sessions", "attendance")}
        names = self.tpl.lists.get("activity_chart_series", ["", ""])
        series = [(name, [ln.shares[col] for ln in table.lines])
                  for name, col in zip(names, ("sessions", "attendance")) if shared[col]]
        title = self.tpl.say("activity_chart_title", year=report.year)
        if not title.strip():  # the template asks for no chart: an empty title is the switch staff have
            series = []
        # A count no row gives, nor the total, is not in the report: its two columns (count, 比例) are left out.
        given = [col for col in ("sessions", "attendance") if table.total.counts[col] is not None
                 or any(ln.counts[col] is not None for ln in table.lines)] or ["sessions"]
        pairs = [k for k, col in enumerate(("sessions", "attendance")) if col in given]
        keep = [0, 1, *(2 + 2 * k + j for k in pairs for j in (0, 1))]
        # The chart stays on the page of its table: the table keeps with the paragraph that holds the chart.
        t = self.table("activities", "stat_table", 6, keep_with_next=bool(series), keep_columns=keep)
        t.row([top[0], top[1], *(top[2 + k] for k in pairs)], header=True, styles=[hd] * (2 + len(pairs)),
              spans=[1, 1, *([2] * len(pairs))], vmerge=["restart", "restart", *([None] * len(pairs))])
        t.row(["", "", *(sub[2 * k + j] for k in pairs for j in (0, 1))], header=True, styles=[hd] * len(keep),
              vmerge=["continue", "continue", *([None] * (len(keep) - 2))])
        share = self.tpl.snippets["share"]

        def count(figure) -> str:  # a count the report does not give prints —; thousands grouped as in 综合统计
            return "—" if figure is None else figure.cell()

        def ratio(value, column: str) -> str:
            return share.render(share=value) if value is not None and shared[column] else "—"

        num_styles = [num] * (2 * len(pairs))
        for line in table.lines:
            cells = [c for col in given for c in (count(line.counts[col]), ratio(line.shares[col], col))]
            t.row([str(line.number), line.type, *cells], styles=[c, c, *num_styles])
        total_share = self.tpl.say("total_share")
        totals = [c for col in given for c in (count(table.total.counts[col]), total_share if shared[col] else "—")]
        t.row([self.tpl.say("total_label"), *totals], styles=[c, *num_styles], spans=[2, *([1] * len(totals))],
              total=True)
        note = self.note(acts.note, keep_with_next=bool(series))
        if not series:
            return [*t.xml(), *note]
        chart = self.chart(title, [ln.type for ln in table.lines], series, percent=True,
                           rows=len(t.rows) + len(note))  # the note takes about a row's height
        return [*t.xml(), *note, chart]

    def chronicle(self, events: list[m.Event]) -> list:
        out: list[str | bytes] = []
        month, body, line = self.s("month"), self.s("chronicle"), self.tpl.snippets["chronicle_line"]
        for group in chronicle_months(events):
            heading = (self.tpl.say("chronicle_month", month=group.month) if group.month
                       else self.tpl.say("chronicle_whole_year"))
            if heading:
                out.append(text_para(heading, month))
            for e in group.events:
                out.append(f'<w:p><w:pPr><w:pStyle w:val="{body}"/></w:pPr><w:r>{HINT_RPR}<w:t xml:space="preserve">'
                           f'{esc(line.render(date=e.date_text, text=e.text))}</w:t></w:r></w:p>'.encode())
        return out

    def staff(self, dists: list[m.StaffDistribution]) -> list:
        out: list[str | bytes] = []
        c, num, hd = self.s("table_center"), self.s("table_number"), self.s("table_header")
        from libreport.numbers import shares_half_up

        for n, d in enumerate(dists, 1):
            out.append(para(run(self.tpl.say("summary_heading_1", number=n, text=d.name)), self.s("summary_1")))
            shares = shares_half_up([g.count for g in d.groups])
            counted = sum(g.count for g in d.groups) != 0
            title = self.tpl.say("staff_chart_title", name=d.name)
            charted = counted and bool(title.strip())  # an empty title in the template: no chart
            t = self.table("staff", "stat_table", 3, keep_with_next=charted)
            t.row(self.tpl.heads("staff"), header=True, styles=[hd] * 3)
            share = self.tpl.snippets["share"]
            for g, s in zip(d.groups, shares):
                with table_grouping(d.thousands):
                    count = table_number(g.count)
                t.row([g.label, count, share.render(share=s) if counted else "—"], styles=[c, num, num])
            out.extend(t.xml())
            note = self.note(d.note, keep_with_next=charted)
            out.extend(note)
            if charted:
                out.append(self.chart(title, [g.label for g in d.groups], [(d.name, shares)], percent=True,
                                      rows=len(t.rows) + len(note)))
        return out

    # -- charts ---------------------------------------------------------------------
    def chart(self, title: str, categories: list[str], series, percent: bool, rows: int = 0, pie: bool = False,
              legend: bool = True, keep_next: bool = False) -> str:
        """A chart in the paragraph style `chart`, whose fonts and size the chart's text takes; its series
        take the colours of the template's theme. It stands below a table of `rows` rows and under a heading,
        on the same page (and keeps with the caption under it, `keep_next`)."""
        style = self.s("chart")
        face = self.tpl.face(style)
        look = ChartLook(face.latin or "Times New Roman", self.tpl.look.east_asian.get(style, ""), face.size,
                         self.tpl.look.accents)
        series = list(series)
        row_pt = self.tpl.face(self.s("table_number")).size * 1.6
        room = self.tpl.look.text_height / 20 - (rows + 1) * row_pt - 4 * self.tpl.face(self.s("section")).size
        chart_plan = plan(categories, series, percent, look, self.width, room, pie=pie, legend=legend)
        n = len(self.out.charts) + 1
        rid = f"rIdLrChart{n}"
        self.out.charts.append(Chart(rid, title, categories, series, percent, look, chart_plan))
        return para(inline_chart(rid, n, chart_plan), style, "<w:keepNext/>" if keep_next else "")


# A date written 2021-01-08 (or 2021-04), as `import` writes it: in a file whose dates print as written, the
# template still words it, since no printed report is transcribed so.
_ISO_DATE = re.compile(r"^\d{4}-\d{2}(?:-\d{2})?$")


def _chunks(xml) -> list[bytes]:
    """A section's XML as UTF-8 chunks, whether it came as one string or as a list of pieces."""
    if isinstance(xml, str):
        return [xml.encode("utf-8")]
    return [c if isinstance(c, bytes) else c.encode("utf-8") for c in xml]
