"""Runs, and the head and foot of the text as WordprocessingML: the letterhead, the title, the signature and
the 版记. What they say comes from the description; their look from the template's styles."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.docx.xml import FILL_LOOK, HINT, Table, esc, para

if TYPE_CHECKING:
    from libreport.document import model as d
    from libreport.docx.render import Renderer

FLUSH_LEFT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def broken_runs(lines: list[str]) -> str:
    """Lines printed in one paragraph, a line break between each (a title on two lines stays one title)."""
    return "<w:r><w:br/></w:r>".join(styled_run(line) for line in lines)


def styled_run(text: str, rstyle: str | None = None, bold: bool = False, italic: bool = False,
               strike: bool = False, fill: bool = False) -> str:
    # rPr children in schema order: rStyle, rFonts, b, bCs, i, iCs, strike, highlight
    props = (f'<w:rStyle w:val="{rstyle}"/>' if rstyle else "") + HINT
    props += "<w:b/><w:bCs/>" if bold else ""
    props += "<w:i/><w:iCs/>" if italic else ""
    props += "<w:strike/>" if strike else ""
    props += FILL_LOOK if fill else ""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


def letterhead(r: Renderer, head: d.Letterhead) -> list[str]:
    """The letterhead's lines, the document number under them (the template draws the rule under the last)."""
    out = [para(styled_run(line), r.s("letterhead")) for line in head.lines]
    if head.number:
        out.append(para(styled_run(head.number), r.s("document_number")))
    return out


def title_xml(r: Renderer, title: d.Title) -> str:
    style = (r.s("document_title") if "document_title" in r.tpl.style_ids
             else r.tpl.look.styles.get("title") or r.s("paragraph"))
    return para(broken_runs(title.lines), style)


def signature(r: Renderer, sig: d.Signature) -> list[str]:
    style = r.s("signature")
    # a blank line before the block, as official documents leave one; the block keeps together, on the page of
    # the text's last lines (which keep with it)
    keep = "<w:keepNext/>"
    lines = [para(styled_run(line), style, keep if k < len(sig.lines) - 1 or sig.note else "")
             for k, line in enumerate(sig.lines)]
    out = [para("", style, keep), *lines]
    if sig.note:  # the 附注, on the line under the date, two characters in (GB/T 9704)
        out.append(para(styled_run(sig.note), r.s("signature_note")))
    return out


def imprint(r: Renderer, imprint: d.Imprint) -> list[bytes]:
    """The 版记: the 抄送 line across the width, then the issuer at the left and the date it was printed
    (…印发) at the right, between the rules of the template's imprint table style."""
    text, right = r.s("imprint"), r.s("imprint_date")
    table = Table(r.s("imprint_table"), r.width, [1.0, 1.0], r.tpl)
    if imprint.cc is not None:
        table.row([imprint.cc], styles=[text], spans=[2])
    table.row([imprint.issuer, imprint.issued], styles=[text, right])
    # inline after the signature: Word and LibreOffice place it alike (LibreOffice ignores a table floated
    # to the foot of the page)
    return [para("", text).encode("utf-8"), *table.xml()]
