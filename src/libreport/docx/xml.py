"""WordprocessingML as strings.

The body of a report is thousands of rows; building it as text and letting the
template's styles do the formatting is what keeps a 100× year under a second.
Every piece of text goes through `esc`, so data can never become markup.
"""

from __future__ import annotations

import re

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

_INVALID_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


def esc(text: str) -> str:
    # xml.sax.saxutils.escape would do, but importing it pulls in urllib and http (0.2 s per run).
    text = str(text)
    if _INVALID_XML.search(text):
        text = _INVALID_XML.sub("", text)
    return (text.replace("&", "&amp;").replace("<", "&lt;")
            .replace(">", "&gt;").replace('"', "&quot;"))


# Runs name no font themselves (the styles do, so restyling the template works), but they carry the
# East Asian hint: without it Word sets “”‘’…—· in the Latin font, the wrong width beside Chinese text.
HINT = '<w:rFonts w:hint="eastAsia"/>'
HINT_RPR = f"<w:rPr>{HINT}</w:rPr>"


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


# -- tables ---------------------------------------------------------------------

class Table:
    """A table written row by row into one string list.

    Widths go both into the grid and into every cell: Word reads the cells,
    WPS reads the grid, LibreOffice reads either.
    """

    def __init__(self, widths: list[int], style: str, total_width: int | None = None):
        self.widths = widths
        self.style = style
        self.total = total_width or sum(widths)
        self.rows: list[bytes] = []
        self._tcw = [f'<w:tcW w:w="{w}" w:type="dxa"/>' for w in widths]

    def row(self, cells: list[str], header: bool = False, styles: list[str] | None = None,
            spans: list[int] | None = None, vmerge: list[str | None] | None = None) -> None:
        """cells are plain text; styles are paragraph styles per cell."""
        parts = ['<w:tr><w:trPr><w:cantSplit/>', '<w:tblHeader/>' if header else '', '</w:trPr>']
        col = 0
        for i, text in enumerate(cells):
            span = spans[i] if spans else 1
            if span == 1:
                tcw = self._tcw[col]
            else:
                tcw = f'<w:tcW w:w="{sum(self.widths[col:col + span])}" w:type="dxa"/><w:gridSpan w:val="{span}"/>'
            vm = vmerge[i] if vmerge else None
            if vm == "restart":
                tcw += '<w:vMerge w:val="restart"/>'
            elif vm == "continue":
                tcw += "<w:vMerge/>"
            style = styles[i] if styles else None
            style_xml = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
            body = f'<w:r>{HINT_RPR}<w:t xml:space="preserve">{esc(text)}</w:t></w:r>' if text else ""
            parts.append(f'<w:tc><w:tcPr>{tcw}<w:vAlign w:val="center"/></w:tcPr><w:p>{style_xml}{body}</w:p></w:tc>')
            col += span
        parts.append("</w:tr>")
        # Kept as UTF-8: markup is mostly ASCII, and a str holding Chinese takes two bytes a character.
        self.rows.append("".join(parts).encode("utf-8"))

    def xml(self) -> list[bytes]:
        """The table as chunks of UTF-8, one a row, to be streamed into the document."""
        grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in self.widths)
        head = (f'<w:tbl><w:tblPr><w:tblStyle w:val="{self.style}"/><w:tblW w:w="{self.total}" w:type="dxa"/>'
                f'<w:jc w:val="center"/><w:tblLayout w:type="fixed"/>'
                f'<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" '
                f'w:noHBand="1" w:noVBand="1"/></w:tblPr>'
                f'<w:tblGrid>{grid}</w:tblGrid>')
        return [head.encode("utf-8"), *self.rows, b"</w:tbl>"]


def scale_widths(fractions: list[float], total: int) -> list[int]:
    s = sum(fractions)
    widths = [int(total * f / s) for f in fractions]
    widths[-1] += total - sum(widths)
    return widths


# -- fields ------------------------------------------------------------------------

def field_begin(instr: str, dirty: bool = False) -> str:
    d = ' w:dirty="true"' if dirty else ""
    return (f'<w:r><w:fldChar w:fldCharType="begin"{d}/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {esc(instr)} </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r>')


def field_end() -> str:
    return '<w:r><w:fldChar w:fldCharType="end"/></w:r>'
