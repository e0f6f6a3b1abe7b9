"""The report's body as WordprocessingML: the description (libreport.document) written out for Word.

Everything printed, and how it is worded and numbered, is decided in the description; this writer only
chooses the template's styles for its roles (the look of report.docx), sizes tables and charts to the page,
and collects what the package needs beside the body: the running headers, the table of contents, the charts'
parts and the pictures.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from libreport.document import model as d
from libreport.docx.chart import ChartLook, Plan, inline_chart, plan
from libreport.docx.template import Template
from libreport.docx.xml import Table, bookmarked, para, run
from libreport.prose.pictures import Picture


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


_KEEP = {None: "", True: "<w:keepNext/>", False: '<w:keepNext w:val="0"/>'}
_AUTOSPACE = {None: "", True: '<w:autoSpaceDE w:val="1"/><w:autoSpaceDN w:val="1"/>',
              False: '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'}


class Renderer:
    def __init__(self, tpl: Template, text_width: int):
        from libreport.docx.picture import text_height

        self.tpl = tpl
        self.width = text_width
        self.height = text_height(tpl.parts["word/document.xml"])
        self.out = Rendered()
        self._bookmark = 0
        self._styles: dict[str, str] = {}
        self._row_styles: dict[tuple[str, ...], list[str]] = {}
        self._write = {d.Heading: self.heading, d.Paragraph: self.paragraph, d.Item: self.item,
                       d.Caption: self.caption, d.Picture: self.picture, d.Chart: self.chart, d.Table: self.table,
                       d.Letterhead: self.letterhead, d.Title: self.title, d.Addressee: self.addressee,
                       d.Signature: self.signature, d.Imprint: self.imprint}

    def render(self, doc: d.Document) -> Rendered:
        self.out.cover = dict(doc.cover)
        self.out.first_page_header = doc.first_page_header
        self.out.autospace = doc.autospace
        for part in doc.parts:
            xml: list[bytes] = []
            for block in part.blocks:
                written = self._write[type(block)](block)  # type: ignore[operator]
                if isinstance(written, str):
                    xml.append(written.encode("utf-8"))
                else:
                    xml.extend(written)
            self.out.parts.append(xml)
            self.out.headers.append(part.header)
        return self.out

    # -- styles ---------------------------------------------------------------------------------
    def s(self, role: str) -> str:
        """The paragraph style of a role; an optional role a template made before it lacks takes its
        forerunner's (a subsection's heading a summary heading's, an addressee the text's)."""
        style = self._styles.get(role)
        if style is None:
            wanted = role if role in self.tpl.style_ids else _FALLBACK.get(role, role)
            style = self._styles[role] = self.tpl.style(wanted)
        return style

    def styles(self, roles: list[str]) -> list[str]:
        key = tuple(roles)
        styles = self._row_styles.get(key)
        if styles is None:
            styles = self._row_styles[key] = [self.s(r) for r in roles]
        return styles

    # -- text -----------------------------------------------------------------------------------
    def heading(self, h: d.Heading) -> str:
        xml_runs = run(h.text)
        ppr = f'<w:outlineLvl w:val="{h.level - 1}"/>' if h.outline else ""
        if not h.toc:
            return para(xml_runs, self.s(h.role), ppr)
        self._bookmark += 1
        name = f"_Toc{self._bookmark:08d}"
        self.out.toc.append(TocEntry(h.level, h.text, name))
        return para(bookmarked(xml_runs, name, self._bookmark), self.s(h.role), ppr)

    def runs(self, runs: list[d.Run]) -> str:
        from libreport.docx.prose import styled_run

        return "".join("<w:r><w:br/></w:r>" if r.br else
                       styled_run(r.text, self.s(r.role) if r.role else None, r.bold, r.italic, r.strike, r.fill)
                       for r in runs)

    def paragraph(self, p: d.Paragraph) -> str:
        return para(self.runs(p.runs), self.s(p.role), _KEEP[p.keep_next] + _AUTOSPACE[p.autospace])

    def item(self, item: d.Item) -> str:
        from libreport.docx.prose import styled_run

        ppr = ""
        if item.level > 1:  # nested lists step in by two characters a level
            ppr = f'<w:ind w:leftChars="{200 * (item.level - 1)}" w:left="{560 * (item.level - 1)}"/>'
        marker = styled_run(item.marker) if item.marker else ""
        return para(marker + self.runs(item.runs), self.s("list"), ppr)

    def caption(self, caption: d.Caption) -> str:
        # a table's caption above it keeps with its table; a figure's under it ends the figure
        return para(run(caption.text), self.s("caption"), _KEEP[caption.kind == "table"])

    def picture(self, picture: d.Picture) -> str:
        from libreport.docx.picture import drawing

        rid = f"rIdLrPicture{len(self.out.pictures) + 1}"
        self.out.pictures.append((rid, picture.image))
        shape = drawing(rid, len(self.out.pictures), picture.image, self.width, self.height, picture.alt)
        return para(shape, self.s("picture"), "<w:keepNext/>")  # the picture keeps with its caption

    def letterhead(self, head: d.Letterhead) -> list[bytes]:
        from libreport.docx.prose import letterhead

        return [x.encode("utf-8") for x in letterhead(self, head)]

    def title(self, title: d.Title) -> str:
        from libreport.docx.prose import title_xml

        # a template with a cover prints the title there; one without prints it here, under the letterhead
        return "" if self.tpl.has_title else title_xml(self, title)

    def addressee(self, addressee: d.Addressee) -> str:
        from libreport.docx.prose import FLUSH_LEFT, styled_run

        if "addressee" in self.tpl.style_ids:
            return para(styled_run(addressee.text), self.s("addressee"))
        return para(styled_run(addressee.text), self.s("paragraph"), FLUSH_LEFT)  # a template made before

    def signature(self, sig: d.Signature) -> list[bytes]:
        from libreport.docx.prose import signature

        return [x.encode("utf-8") for x in signature(self, sig)]

    def imprint(self, imprint: d.Imprint) -> list[bytes]:
        from libreport.docx.prose import imprint as imprint_xml

        return imprint_xml(self, imprint)

    # -- tables and charts ----------------------------------------------------------------------
    def table(self, table: d.Table) -> list[bytes]:
        """The table in the template's style of its role, its columns sized to their content (the weights
        share what is left); a header cell spanning two rows is merged down into the row below."""
        t = Table(self.s(table.role), self.width, table.weights, self.tpl, table.keep_with_next,
                  table.repeat_header)
        below: dict[int, tuple[int, str]] = {}  # column → (its span, its style) of a cell merged down into this row
        for row in table.rows:
            if not below and row.rowspans is None:
                t.row(row.cells, row.header, self.styles(row.roles), row.spans, None, row.total, row.keep)
                continue
            below, merged = _merged(row, below)
            cells, styles, spans, vmerge = [], [], [], []
            for text, role, span, vm in merged:
                cells.append(text)
                styles.append(self.s(role))
                spans.append(span)
                vmerge.append(vm)
            t.row(cells, row.header, styles, spans, vmerge, row.total, row.keep)
        return t.xml()

    def chart(self, chart: d.Chart) -> str:
        """A chart in the paragraph style `chart`, whose fonts and size the chart's text takes; its series
        take the colours of the template's theme. It stands below the rows of its table and under a heading,
        on the same page (and keeps with the caption under it)."""
        style = self.s("chart")
        face = self.tpl.face(style)
        look = ChartLook(face.latin or "Times New Roman", self.tpl.look.east_asian.get(style, ""), face.size,
                         self.tpl.look.accents)
        series = list(chart.series)
        row_pt = self.tpl.face(self.s("table_number")).size * 1.6
        room = (self.tpl.look.text_height / 20 - (chart.rows_above + 1) * row_pt
                - 4 * self.tpl.face(self.s("section")).size)
        chart_plan = plan(chart.categories, series, chart.percent, look, self.width, room, pie=chart.kind == "pie",
                          legend=chart.legend)
        n = len(self.out.charts) + 1
        rid = f"rIdLrChart{n}"
        self.out.charts.append(Chart(rid, chart.title, chart.categories, series, chart.percent, look, chart_plan))
        return para(inline_chart(rid, n, chart_plan), style, _KEEP[True if chart.number is not None else None])


_FALLBACK = {"subsection": "summary_1", "document_number": "paragraph", "signature_note": "paragraph",
             "imprint": "paragraph", "imprint_date": "paragraph", "imprint_table": "list_table"}


def _merged(row: d.Row, above: dict[int, tuple[int, str]]):
    """The row's cells with those merged down from the row above in their columns (WordprocessingML writes a
    merged cell in every row it spans): (text, role, span, vMerge) each, and what merges on into the next row."""
    spans = row.spans or [1] * len(row.cells)
    rowspans = row.rowspans or [1] * len(row.cells)
    out: list[tuple[str, str, int, str | None]] = []
    below: dict[int, tuple[int, str]] = {}
    col = 0
    cells = iter(zip(row.cells, row.roles, spans, rowspans))
    while True:
        if col in above:
            span, role = above[col]
            out.append(("", role, span, "continue"))
            col += span
            continue
        nxt = next(cells, None)
        if nxt is None:
            break
        text, role, span, down = nxt
        out.append((text, role, span, "restart" if down > 1 else None))
        if down > 1:
            below[col] = (span, role)
        col += span
    return below, out
