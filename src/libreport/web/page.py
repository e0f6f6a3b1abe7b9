"""The web edition's page: the report's description (libreport.document) written as one HTML document.

It prints what the description holds, in its order and wording, and decides nothing of its own; what only the
web edition has (the skip link, the contents list, each chart's data table, the links to the open data) is
marked `data-edition="web"`, so that what the page shares with the printed report can be read apart from it.
Headings take the level of their place in the outline (the title is the one h1), tables their caption (a
table without 表 n is named by the heading it stands under), charts an SVG with a text alternative.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from html import escape

from libreport import document as d
from libreport.cjk import FULL_WIDTH, IDEOGRAPHIC, among
from libreport.tofill import FILL_OFF, FILL_ON
from libreport.web import svg
from libreport.web.style import stylesheet

WEB = ' data-edition="web"'


@dataclass
class Words:
    """What only the web edition says (snippets.yaml's `web_*`): the contents' heading, the skip link, the
    label of a chart's data, the open data's heading and the JSON file's label."""

    contents: str
    skip: str
    chart_data: str
    category: str
    open_data: str
    json: str
    activity_units: tuple[str, str] = ("", "")  # 活动统计's counts in the JSON: 场次, 人次


@dataclass
class Links:
    """Files beside the page: the JSON file of the year's figures, and the pictures' file names by figure
    number. Each table's CSV the page names itself (`Page.tables`)."""

    json: str = ""
    pictures: dict[int, str] = field(default_factory=dict)


def csv_name(n: int) -> str:
    return f"data/table-{n}.csv"


def _runs(runs: Sequence[d.Run]) -> str:
    out = []
    for r in runs:
        if r.br:
            out.append("<br>")
            continue
        text = escape(r.text)
        if r.fill:  # a figure still to fill, in a draft: marked as Word highlights it
            text = f'<mark class="to-fill">{text}</mark>'
        if r.strike:
            text = f"<s>{text}</s>"
        if r.italic:
            text = f"<em>{text}</em>"
        if r.bold:
            text = f"<strong>{text}</strong>"
        if r.role == "run_in":
            text = f'<strong class="run-in">{text}</strong>'
        out.append(text)
    return "".join(out)


def _cell(text: str) -> str:
    """A table cell's text, the to-fill marker of a figure still to fill (libreport.tofill) marked."""
    return escape(text).replace(FILL_ON, '<mark class="to-fill">').replace(FILL_OFF, "</mark>")


def _lines(lines: Sequence[str]) -> str:
    return "<br>".join(escape(line) for line in lines)


_CELL = {"table_center": "center", "table_number": "number", "table_text": "text"}
COVER_LINES = ("subtitle", "issuer", "date")  # under the title, in the order the default cover prints them


def _keeps_to_a_line(text: str, cls: str) -> bool:
    """A figure, a date or a short word (1,607,816 · 2021.12.17 · 千小时) is not broken in two; labels and
    longer words wrap, so that a table fits a phone where it can."""
    if cls == "text":
        return False
    if cls == "number":
        return len(text) <= 16
    return len(text) <= 3 or (len(text) <= 10 and not any(among(ch, IDEOGRAPHIC, FULL_WIDTH) for ch in text))


class Page:
    def __init__(self, doc: d.Document, words: Words, links: Links, accents: tuple[str, ...],
                 cover: dict[str, str] | None):
        self.doc = doc
        self.words = words
        self.links = links
        self.accents = accents
        self.cover = cover  # what the Word edition's cover prints (None: it has none), printed at the head
        self.ids: dict[int, str] = {}  # id(heading) → its anchor
        self.level = 1  # the level of the last heading written, so that none skips one
        self.tables: list[tuple[str, str, d.Table]] = []  # (label, CSV file, table) of each table written
        self.charts = 0
        self.last_heading = ""

    # -- the page ----------------------------------------------------------------------------------
    def html(self) -> str:
        doc = self.doc
        for n, heading in enumerate(b for b in doc.blocks() if isinstance(b, d.Heading)):
            self.ids[id(heading)] = f"s{n + 1}"
        body = "".join(self._parts())  # before the footer: it links each table's CSV
        space = "normal" if doc.autospace else "no-autospace"
        return ("<!doctype html>\n"
                '<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n'
                '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
                '<meta name="color-scheme" content="light dark">\n'
                f"<title>{escape(doc.title)}</title>\n"
                f"<style>{stylesheet(self.accents)}html{{text-autospace:{space}}}</style>\n"
                "</head>\n<body>\n"
                f'<a class="skip" href="#main"{WEB}>{escape(self.words.skip)}</a>\n'
                f"{self._masthead()}{self._contents()}"
                f'<main id="main">\n{body}</main>\n{self._footer()}</body>\n</html>\n')

    def _masthead(self) -> str:
        """The head of the page: the cover's title and lines, when the Word edition has a cover; else the head
        of the text, the letterhead over the title, as an official document prints them."""
        doc = self.doc
        out = ['<header class="masthead">\n']
        if self.cover is not None:
            out.append(f"<h1>{_lines(self.cover.get('title', doc.title).split(chr(10)))}</h1>\n")
            out.extend(f'<p class="cover-line">{_lines(self.cover[key].split(chr(10)))}</p>\n'
                       for key in COVER_LINES if self.cover.get(key))
        else:
            first = doc.parts[0].blocks if doc.parts else []
            out.extend(self._letterhead(b) for b in first if isinstance(b, d.Letterhead))
            title = next((b for b in first if isinstance(b, d.Title)), None)
            out.append(f"<h1>{_lines(title.lines if title is not None else [doc.title])}</h1>\n")
        out.append("</header>\n")
        return "".join(out)

    @staticmethod
    def _letterhead(block: d.Letterhead) -> str:
        lines = "".join(f'<p class="letterhead">{escape(line)}</p>\n' for line in block.lines)
        number = f'<p class="document-number">{escape(block.number)}</p>\n' if block.number else ""
        return f'<div class="letterhead-block">{lines}{number}</div>\n'

    def _contents(self) -> str:
        entries = self.doc.contents
        if not entries:
            return ""
        out = [f'<nav class="contents" aria-labelledby="contents-title"{WEB}>\n'
               f'<h2 id="contents-title">{escape(self.words.contents)}</h2>\n']
        top = min(h.level for h in entries)
        depth = 0
        for heading in entries:
            level = heading.level - top + 1
            if level > depth:
                out.append("<ol>" * (level - depth))
            else:
                out.append("</li>" + "</ol></li>" * (depth - level))
            depth = max(level, 1)
            out.append(f'<li><a href="#{self.ids[id(heading)]}">{escape(heading.text)}</a>')
        out.append("</li>" + "</ol></li>" * (depth - 1) + "</ol>\n</nav>\n")
        return "".join(out)

    def _footer(self) -> str:
        links = self.links
        if not self.tables and not links.json:
            return ""
        items = [f'<li><a href="{escape(href)}" download>{escape(label)}（CSV）</a></li>'
                 for label, href, _table in self.tables]
        if links.json:
            items.append(f'<li><a href="{escape(links.json)}" download>{escape(self.words.json)}（JSON）</a></li>')
        return (f'<footer class="edition"{WEB}>\n<h2 id="open-data">{escape(self.words.open_data)}</h2>\n'
                f'<ul>{"".join(items)}</ul>\n</footer>\n')

    # -- the text ----------------------------------------------------------------------------------
    def _parts(self) -> Iterator[str]:
        for part in self.doc.parts:
            # the title is the page's h1; the letterhead stands over it, or over the text under a cover
            masthead = (d.Title,) if self.cover is not None else (d.Letterhead, d.Title)
            blocks = [b for b in part.blocks if not isinstance(b, masthead)]
            yield '<section class="part">\n'
            k = 0
            while k < len(blocks):
                block = blocks[k]
                after = blocks[k + 1] if k + 1 < len(blocks) else None
                caption = after if isinstance(after, d.Caption) else None
                if isinstance(block, d.Caption) and block.kind == "table" and isinstance(after, d.Table):
                    yield self._table(after, block)
                    k += 2
                    continue
                if isinstance(block, (d.Chart, d.Picture)) and caption is not None and caption.kind == "figure":
                    yield self._figure(block, caption)
                    k += 2
                    continue
                yield self._block(block)
                k += 1
            yield "</section>\n"

    def _block(self, block: d.Block) -> str:
        if isinstance(block, d.Heading):
            return self._heading(block)
        if isinstance(block, d.Paragraph):
            role = block.role.replace("_", "-")
            return f'<p class="{role}">{_runs(block.runs)}</p>\n'
        if isinstance(block, d.Item):
            marker = f'<span class="marker">{escape(block.marker)}</span>' if block.marker else ""
            return f'<p class="item level-{block.level}">{marker}{_runs(block.runs)}</p>\n'
        if isinstance(block, d.Table):
            return self._table(block, None)
        if isinstance(block, (d.Chart, d.Picture)):
            return self._figure(block, None)
        if isinstance(block, d.Caption):
            return f'<p class="caption">{escape(block.text)}</p>\n'
        if isinstance(block, d.Letterhead):
            return self._letterhead(block)
        if isinstance(block, d.Addressee):
            return f'<p class="addressee">{escape(block.text)}</p>\n'
        if isinstance(block, d.Signature):
            lines = "".join(f"<p>{escape(line)}</p>" for line in block.lines)
            note = f'<p class="signature-note">{escape(block.note)}</p>' if block.note else ""
            return f'<div class="signature">{lines}{note}</div>\n'
        if isinstance(block, d.Imprint):
            cc = f"<p>{escape(block.cc)}</p>" if block.cc else ""
            return (f'<div class="imprint">{cc}<div class="imprint-issued"><p>{escape(block.issuer)}</p>'
                    f"<p>{escape(block.issued)}</p></div></div>\n")
        raise AssertionError(type(block).__name__)

    def _heading(self, heading: d.Heading) -> str:
        # h1 is the title: the outline's first level is h2; a level never skips one below the last
        level = min(heading.level + 1, self.level + 1, 6)
        self.level = level
        self.last_heading = heading.text
        role = heading.role.replace("_", "-")
        return f'<h{level} id="{self.ids[id(heading)]}" class="{role}">{escape(heading.text)}</h{level}>\n'

    def _table(self, table: d.Table, caption: d.Caption | None) -> str:
        ident = f"table-{len(self.tables) + 1}"
        self.tables.append((caption.text if caption is not None else self.last_heading, csv_name(len(self.tables) + 1),
                            table))
        if caption is not None:
            named = f'<caption id="{ident}-caption">{escape(caption.text)}</caption>'
        else:  # named, for a screen reader, by the heading it stands under, as a reader sees it
            named = (f'<caption id="{ident}-caption" class="visually-hidden"{WEB}>'
                     f"{escape(self.last_heading)}</caption>")
        kind = "three-line" if table.role == "stat_table" else "grid"
        head = "".join(self._row(row, True) for row in table.header)
        body = "".join(self._row(row, False) for row in table.body)
        return (f'<div class="table-box" role="region" aria-labelledby="{ident}-caption" tabindex="0">'
                f'<table class="{kind} {escape(table.name)}" id="{ident}">{named}'
                f"<thead>{head}</thead><tbody>{body}</tbody></table></div>\n")

    def _row(self, row: d.Row, header: bool) -> str:
        cells = []
        spans = row.spans or [1] * len(row.cells)
        rowspans = row.rowspans or [1] * len(row.cells)
        for k, (text, role) in enumerate(zip(row.cells, row.roles)):
            extent = (f' colspan="{spans[k]}"' if spans[k] > 1 else "") + (
                f' rowspan="{rowspans[k]}"' if rowspans[k] > 1 else "")
            if header:
                scope = "colgroup" if spans[k] > 1 else "col"
                short = ' class="short"' if _keeps_to_a_line(text, "center") else ""
                cells.append(f'<th scope="{scope}"{extent}{short}>{_cell(text)}</th>')
            elif row.total and k == 0:
                cells.append(f'<th scope="row"{extent}>{_cell(text)}</th>')
            else:
                cls = _CELL.get(role, "text")
                cls += " short" if _keeps_to_a_line(text, cls) else ""
                cells.append(f'<td class="{cls}"{extent}>{_cell(text)}</td>')
        total = ' class="total"' if row.total else ""
        return f"<tr{total}>{''.join(cells)}</tr>"

    def _figure(self, block: d.Chart | d.Picture, caption: d.Caption | None) -> str:
        words = f"<figcaption>{escape(caption.text)}</figcaption>" if caption is not None else ""
        if isinstance(block, d.Picture):
            image = block.image
            src = self.links.pictures.get(block.number, "")
            return (f'<figure class="picture"><img src="{escape(src)}" alt="{escape(block.alt)}" '
                    f'width="{image.width}" height="{image.height}" loading="lazy">{words}</figure>\n')
        self.charts += 1
        ident = f"chart-{self.charts}"
        draw = svg.pie_chart if block.kind == "pie" else svg.bar_chart
        name = block.title or (caption.text if caption is not None else "")
        drawn = draw(ident, block.title, block.categories, block.series, block.percent, name)
        return (f'<figure class="chart-figure">{drawn}{self._chart_data(block, name, ident)}{words}</figure>\n')

    def _chart_data(self, chart: d.Chart, title: str, ident: str) -> str:
        """The chart's figures as a table, for a reader who cannot see it, and to copy from."""
        digits = svg.places(chart.series)
        head = "".join(f'<th scope="col">{escape(name)}</th>' for name, _values in chart.series)
        rows = "".join(f'<tr><th scope="row">{escape(category)}</th>'
                       + "".join(f'<td class="number">{escape(svg.label(values[k], digits, chart.percent))}</td>'
                                 for _name, values in chart.series) + "</tr>"
                       for k, category in enumerate(chart.categories))
        return (f'<details class="chart-data"{WEB}><summary>{escape(self.words.chart_data)}</summary>'
                f'<div class="table-box" role="region" aria-labelledby="{ident}-data" tabindex="0"><table>'
                f'<caption id="{ident}-data">{escape(title or self.words.chart_data)}</caption>'
                f'<thead><tr><th scope="col">{escape(self.words.category)}</th>{head}</tr>'
                f"</thead><tbody>{rows}</tbody></table></div></details>")
