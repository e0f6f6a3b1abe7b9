"""The web edition's folder: index.html, each table as CSV and the year's figures as JSON under data/, and the
summary's pictures under images/. Everything the page needs is in it; it fetches nothing from elsewhere."""

from __future__ import annotations

from libreport import document as d
from libreport import model as m
from libreport.web.opendata import csv_text, json_text, year_data
from libreport.web.page import Links, Page, Words
from libreport.wording import Wording

INDEX = "index.html"


def grid(rows: list[d.Row]) -> list[list[str]]:
    """A table's rows as a grid of equal rows, as a spreadsheet holds them: a cell spanning columns or rows
    stands in its first place, the places it covers left empty."""
    out: list[list[str]] = []
    below: dict[tuple[int, int], bool] = {}  # (row, column) a cell of a row above spans down into
    for r, row in enumerate(rows):
        line: list[str] = []
        spans = row.spans or [1] * len(row.cells)
        rowspans = row.rowspans or [1] * len(row.cells)
        for text, span, down in zip(row.cells, spans, rowspans):
            while below.get((r, len(line))):
                line.append("")
            column = len(line)
            line.extend([text, *[""] * (span - 1)])
            for k in range(1, down):
                for c in range(column, column + span):
                    below[(r + k, c)] = True
        while below.get((r, len(line))):
            line.append("")
        out.append(line)
    width = max((len(line) for line in out), default=0)
    return [line + [""] * (width - len(line)) for line in out]


def words(wording: Wording, year: int) -> Words:
    """snippets.yaml's words for what only the web edition prints (a template made before them says which
    to add)."""
    counts = wording.heads("activities_sub")  # 场次, 比例, 人次, 比例: what each count column counts
    return Words(wording.optional("web_contents"), wording.optional("web_skip"), wording.optional("web_chart_data"),
                 wording.optional("web_category"), wording.optional("web_open_data"),
                 wording.optional("web_figures", year=year), (counts[0], counts[2]))


def cover_lines(doc: d.Document, report: m.Report, tpl) -> dict[str, str] | None:
    """What the Word edition's cover prints: the title, and those of its lines the cover has a place for
    (subtitle, issuer, date); None for a template without a cover (an official document)."""
    if not tpl.has_title:
        return None
    given = {**doc.cover, "date": report.date or ""}
    return {key: value for key, value in given.items() if key == "title" or key in tpl.cover}


def edition(doc: d.Document, report: m.Report, words: Words, accents: tuple[str, ...],
            cover: dict[str, str] | None) -> dict[str, bytes]:
    """The folder's files, relative path → bytes. `cover`: what the Word edition's cover prints (cover_lines)."""
    pictures = {b.number: f"images/figure-{b.number}.{'jpg' if b.image.format == 'jpeg' else 'png'}"
                for b in doc.blocks() if isinstance(b, d.Picture)}
    data = f"data/{report.year}.json"
    page = Page(doc, words, Links(json=data, pictures=pictures), accents, cover)
    files = {INDEX: page.html().encode("utf-8")}
    for _label, name, table in page.tables:
        files[name] = csv_text(grid(table.rows))
    files[data] = json_text(year_data(report, words.activity_units))
    for block in doc.blocks():
        if isinstance(block, d.Picture):
            files[pictures[block.number]] = block.image.data
    return files
