"""WordprocessingML as strings.

The body of a report is thousands of rows; building it as text and letting the
template's styles do the formatting is what keeps a 100× year under a second.
Every piece of text goes through `esc`, so data can never become markup.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from libreport.characters import drop_unprintable
from libreport.docx.measure import (
    Face,
    heading_lines,
    heading_pieces,
    label_pieces,
    share_widths,
    unbreakable,
    width,
)
from libreport.docx.schema import props
from libreport.tofill import FILL_OFF, FILL_ON, plain

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"



def esc(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it pulls in urllib and http (0.2 s per run).
    text = drop_unprintable(str(text))  # what reaches here was checked where it was read; a template's own is not
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


# Runs name no font themselves (the styles do, so restyling the template works), but they carry the
# East Asian hint: without it Word sets “”‘’…—· in the Latin font, the wrong width beside Chinese text.
HINT = '<w:rFonts w:hint="eastAsia"/>'
HINT_RPR = f"<w:rPr>{HINT}</w:rPr>"
# A figure still to fill (libreport.tofill) is highlighted, so that a draft's gaps cannot be missed in Word.
FILL_LOOK = '<w:highlight w:val="yellow"/>'


def cell_runs(text: str) -> str:
    """A table cell's text as runs: one plain run, or the to-fill marker highlighted where a figure is to fill."""
    if FILL_ON not in text:
        return f'<w:r>{HINT_RPR}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>'
    out = []
    for k, piece in enumerate(text.replace(FILL_OFF, FILL_ON).split(FILL_ON)):
        if piece:
            look = f"<w:rPr>{HINT}{FILL_LOOK}</w:rPr>" if k % 2 else HINT_RPR
            out.append(f'<w:r>{look}<w:t xml:space="preserve">{esc(piece)}</w:t></w:r>')
    return "".join(out)


def run(text: str, bold: bool = False, rpr: str = "") -> str:
    props = HINT + ("<w:b/><w:bCs/>" if bold else "") + rpr
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def para(content: str, style: str | None = None, ppr: str = "") -> str:
    """`content` is run XML; use `text_para` for plain text."""
    style_xml = f'<w:pStyle w:val="{style}"/>' if style else ""
    props = style_xml + ppr
    ppr_xml = f"<w:pPr>{props}</w:pPr>" if props else ""
    return f"<w:p>{ppr_xml}{content}</w:p>"


def text_para(text: str, style: str | None = None, ppr: str = "") -> str:
    return para(run(text) if text else "", style, ppr)


def bookmarked(content: str, name: str, bid: int) -> str:
    return f'<w:bookmarkStart w:id="{bid}" w:name="{name}"/>{content}<w:bookmarkEnd w:id="{bid}"/>'


# -- tables ---------------------------------------------------------------------------------

class Typeset(Protocol):
    """What a table needs to know of the template to measure its text (docx.template.Template has it)."""

    def face(self, paragraph_style: str | None) -> Face: ...

    def cell_margins(self, table_style: str) -> int: ...


_DEFAULT_FACE = Face(10.5)


@dataclass
class _Row:
    cells: Sequence[str]
    styles: Sequence[str | None]
    spans: Sequence[int]
    vmerge: Sequence[str | None]
    header: bool
    total: bool
    keep: bool


class Table:
    """A table whose column widths come from its content, and whose rows keep together on the page.

    Rows are added with `row()`; `xml()` then sizes the columns (`measure.share_widths`: numbers, dates and
    short labels never wrap, the remainder goes to the columns of running text, in proportion to `weights`)
    and writes the table. Widths go both into the grid and into every cell: Word reads the cells, WPS the
    grid, LibreOffice either. Rows never break across pages; header rows repeat (unless `repeat_header` is
    false: some reports print the header once) and keep with the first two rows, and the last two rows (three
    with a total row) keep together, so no page starts with a lonely row. `keep_with_next` keeps the whole table
    on the page of what follows it (a chart).
    """

    def __init__(self, style: str, total_width: int, weights: list[float], typeset: Typeset | None = None,
                 keep_with_next: bool = False, repeat_header: bool = True):
        self.style = style
        self.repeat_header = repeat_header
        self.total = total_width
        self.weights = list(weights)
        self.keep_with_next = keep_with_next
        self._typeset = typeset
        self._margins = typeset.cell_margins(style) if typeset else 216
        self._faces: dict[str | None, Face] = {}
        self._em: dict[str | None, int] = {}  # twips an em at most, by paragraph style
        self._seen: set[tuple[str, int, int, bool]] = set()
        n = len(self.weights)
        self.least = [self._margins] * n
        self.head_least = [self._margins] * n  # what header rows need to keep their labels whole
        self.most = [self._margins] * n
        self.whole = [self._margins] * n  # what the body's labels need on one line (measure.label_pieces)
        self.rows: list[_Row] = []

    def row(self, cells: Sequence[str], header: bool = False, styles: Sequence[str | None] | None = None,
            spans: Sequence[int] | None = None, vmerge: Sequence[str | None] | None = None, total: bool = False,
            keep: bool = False) -> None:
        """One row: cells are plain text; styles are paragraph styles per cell; a total row is the last;
        `keep` keeps this row on the page of the next (an item and its first sub-item)."""
        spans = spans or [1] * len(cells)
        styles = styles or [None] * len(cells)
        col = 0
        for text, style, span in zip(cells, styles, spans):
            if text:
                self._measure(plain(text) if FILL_ON in text else text, style, col, span, header)
            col += span
        self.rows.append(_Row(cells, styles, spans, vmerge or [None] * len(cells), header, total, keep))

    def _measure(self, text: str, style: str | None, col: int, span: int, header: bool = False) -> None:
        key = (text, col, span, header)
        if key in self._seen:  # a date, an outlet, a unit met before in this column
            return
        self._seen.add(key)
        least = self.head_least if header else self.least
        face = self._faces.get(style)
        if face is None:
            face = self._faces[style] = self._typeset.face(style) if self._typeset else _DEFAULT_FACE
        margins = self._margins
        # A bound from the character count (no character is much wider than an em) skips measuring text
        # that cannot change a column's widths: most rows of a long table.
        em = self._em.get(style)
        if em is None:
            em = self._em[style] = face.twips(1020)
        bound = len(text) * em + margins
        if span == 1:
            if bound > self.most[col]:
                self.most[col] = max(self.most[col], width(text, face) + margins)
            if bound > least[col]:
                least[col] = max(least[col], unbreakable(text, face) + margins)
            if header and len(pieces := heading_pieces(text)) > 1:  # its name and its unit each stay whole
                self.least[col] = max(self.least[col], *(width(p, face) + margins for p in pieces))
            elif not header and bound > self.whole[col]:
                self.whole[col] = max(self.whole[col], *(width(p, face) + margins for p in label_pieces(text)))
            return
        cols = range(col, col + span)
        if bound > sum(self.most[c] for c in cols):
            full = width(text, face) + margins
            for c in cols:
                self.most[c] = max(self.most[c], -(-full // span))
        if bound > sum(least[c] for c in cols):
            need = unbreakable(text, face) + margins
            for c in cols:
                least[c] = max(least[c], -(-need // span))

    def widths(self) -> list[int]:
        def capped(cap: float) -> list[int]:
            return [max(body, min(head, int(cap))) for body, head in zip(self.least, self.head_least)]

        # When the headings cannot all stay whole, the longest (接待读者（万人次）) are given the same narrower
        # width and wrap between their characters, before any figure or date does; short ones (序号) stay whole.
        cap = float(max(self.head_least, default=0))
        if sum(capped(cap)) > self.total:
            low, high = 0.0, cap
            for _ in range(40):
                mid = (low + high) / 2
                low, high = (mid, high) if sum(capped(mid)) <= self.total else (low, mid)
            cap = low
        return share_widths(self.weights, capped(cap), self.most, self.total, self.whole)

    def _keeps(self) -> list[bool]:
        """Which rows keep with the row (or paragraph) after them."""
        n = len(self.rows)
        if self.keep_with_next:
            return [True] * n
        keep = [r.header or r.keep for r in self.rows]
        body = [i for i, r in enumerate(self.rows) if not r.header]
        if len(body) >= 2:
            keep[body[0]] = True
            tail = 2 if self.rows[-1].total else 1
            for i in body[-1 - tail:-1]:
                keep[i] = True
        if keep:
            keep[-1] = False
        return keep

    def _lines(self, text: str, style: str | None, cell: int) -> list[str]:
        """A heading's lines in its cell: broken before its bracketed unit when it does not fit on one."""
        face = self._faces.get(style, _DEFAULT_FACE)
        return heading_lines(text, face, cell - self._margins)

    def xml(self) -> list[bytes]:
        """The table as chunks of UTF-8, one a row, to be streamed into the document."""
        widths = self.widths()
        tcw = [f'<w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]
        ppr_cache: dict[tuple[str | None, bool], str] = {}
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
        out = [(f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style}"/><w:tblW w:w="{self.total}" w:type="dxa"/>'
                f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                f'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                f'<w:tblGrid>{grid}</w:tblGrid>').encode()]
        for r, keep in zip(self.rows, self._keeps()):
            trpr = ("<w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>" if r.header and self.repeat_header
                    else "<w:trPr><w:cantSplit/></w:trPr>")
            parts = ["<w:tr>", trpr]
            col = 0
            for text, style, span, vm in zip(r.cells, r.styles, r.spans, r.vmerge):
                cell = (tcw[col] if span == 1 else
                        f'<w:tcW w:w="{sum(widths[col:col + span])}" w:type="dxa"/><w:gridSpan w:val="{span}"/>')
                if vm == "restart":
                    cell += '<w:vMerge w:val="restart"/>'
                elif vm == "continue":
                    cell += "<w:vMerge/>"
                ppr = ppr_cache.get((style, keep))
                if ppr is None:
                    ppr = ppr_cache[(style, keep)] = props("w:pPr", [
                        f'<w:pStyle w:val="{style}"/>' if style else "", "<w:keepNext/>" if keep else ""])
                lines = self._lines(text, style, sum(widths[col:col + span])) if r.header else [text]
                body = "<w:r><w:br/></w:r>".join(cell_runs(line) for line in lines if line)
                parts.append(f'<w:tc><w:tcPr>{cell}<w:vAlign w:val="center"/></w:tcPr><w:p>{ppr}{body}</w:p></w:tc>')
                col += span
            parts.append("</w:tr>")
            # Kept as UTF-8: markup is mostly ASCII, and a str holding Chinese takes two bytes a character.
            out.append("".join(parts).encode("utf-8"))
        out.append(b"</w:tbl>")
        return out


# -- fields ------------------------------------------------------------------------

def field_begin(instr: str, dirty: bool = False) -> str:
    d = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{d}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


def field_end() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
