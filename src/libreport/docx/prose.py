"""The summary, the letterhead, the title, the signature and the 版记 as WordprocessingML.

Headings are numbered in the library's house style (report.yaml's `numbering:`, else the template's
snippets); a run-in heading opens the paragraph after it; list items are list paragraphs; pictures are
scaled to the text width with a numbered caption. The look of everything comes from the template's styles.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from libreport import model as m
from libreport.docx.picture import drawing
from libreport.docx.xml import HINT, esc, para
from libreport.headings import Numbering
from libreport.prose.markdown import Block, runs

_WIDE = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f\u2460-\u24ff]")

if TYPE_CHECKING:
    from libreport.docx.render import Renderer


def rich_runs(text: str, rstyle: str | None = None) -> str:
    """Run XML for rendered text with run markers (bold, italic, strike, line breaks)."""
    out = []
    for piece, look in runs(text):
        if look.get("br"):
            out.append("<w:r><w:br/></w:r>")
            continue
        out.append(styled_run(piece, rstyle, look["bold"], look["italic"], look["strike"]))
    return "".join(out)


FLUSH_LEFT = '<w:ind w:firstLineChars="0" w:firstLine="0"/>'


def broken_runs(lines: list[str]) -> str:
    """Lines printed in one paragraph, a line break between each (a title on two lines stays one title)."""
    return "<w:r><w:br/></w:r>".join(styled_run(line) for line in lines)


def styled_run(text: str, rstyle: str | None = None, bold: bool = False, italic: bool = False,
               strike: bool = False) -> str:
    # rPr children in schema order: rStyle, rFonts, b, bCs, i, iCs, strike
    props = (f'<w:rStyle w:val="{rstyle}"/>' if rstyle else "") + HINT
    props += "<w:b/><w:bCs/>" if bold else ""
    props += "<w:i/><w:iCs/>" if italic else ""
    props += "<w:strike/>" if strike else ""
    return f'<w:r><w:rPr>{props}</w:rPr><w:t xml:space="preserve">{esc(text)}</w:t></w:r>'


class ProseWriter:
    """Writes summaries for one Renderer: figure numbers (图 1, 图 2 …) run on through the whole report."""

    def __init__(self, renderer: Renderer, report: m.Report):
        self.r = renderer
        self.tpl = renderer.tpl
        self.numbering = report.numbering
        self.pictures = 0

    # -- headings -------------------------------------------------------------------------------
    def heading_text(self, level: int, number: int, text: str) -> str:
        form = self.numbering.summary_form(level)
        if form is not None:
            return form.heading(number, text)
        return self.tpl.say(f"summary_heading_{level}", number=number, text=text)

    def run_in(self, level: int) -> bool:
        return self.numbering.run_in is not None and level >= self.numbering.run_in

    # -- a summary --------------------------------------------------------------------------------
    def summary(self, blocks: list[Block], depth: int, numbering: Numbering | None = None) -> list[str]:
        """`depth`: how many headings stand above this summary (part, section); a summary heading whose
        place in the whole report is one of the two outermost levels goes into the table of contents.
        `numbering`: the one that holds in this summary's section (the report's, unless it sets its own)."""
        if numbering is not None:
            self.numbering = numbering
        out: list[str] = []
        body = self.r.s("paragraph")
        pending = ""  # a run-in heading waiting for its paragraph
        for block in blocks:
            if block.kind == "heading":
                if pending:
                    out.append(para(pending, body))
                    pending = ""
                text = self.heading_text(block.level, block.number, block.plain)
                if self.run_in(block.level):
                    pending = styled_run(text, self.r.s("run_in"))
                    continue
                level = depth + block.level
                if level <= 2:  # among the outermost levels: in the TOC, at the outline level it stands at
                    out.append(self.r.heading(text, f"summary_{block.level}", level,
                                              ppr=f'<w:outlineLvl w:val="{level - 1}"/>'))
                else:
                    out.append(para(styled_run(text), self.r.s(f"summary_{block.level}")))
                continue
            if block.kind == "paragraph":
                out.append(para(pending + rich_runs(block.text), body))
            else:
                if pending:
                    out.append(para(pending, body))
                if block.kind == "item":
                    out.append(self.item(block))
                elif block.kind == "picture":
                    out.extend(self.picture(block))
            pending = ""
        if pending:
            out.append(para(pending, body))
        return out

    def item(self, block: Block) -> str:
        marker = ""
        if block.first:
            marker = (self.tpl.optional("list_number", number=block.number) if block.ordered
                      else self.tpl.optional("list_bullet"))
            if marker and not _WIDE.match(marker[-1]):
                marker += " "  # 1. and • stand apart from the text; 1、 and （1） need no space
        ppr = ""
        if block.level > 1:  # nested lists step in by two characters a level
            ppr = f'<w:ind w:leftChars="{200 * (block.level - 1)}" w:left="{560 * (block.level - 1)}"/>'
        return para((styled_run(marker) if marker else "") + rich_runs(block.text), self.r.s("list"), ppr)

    def picture(self, block: Block) -> list[str]:
        image = block.image
        if image is None:  # reported when it was checked; a report with errors is not built
            return []
        self.pictures += 1
        rid = self.r.add_picture(image)
        caption = self.tpl.optional("picture_caption", number=self.pictures, caption=block.plain)
        shape = drawing(rid, self.r.picture_count, image, self.r.width, self.r.height, block.plain)
        # the picture keeps with its caption
        # … and the caption below it, unlike a table's caption above its table, keeps with nothing after it
        return [para(shape, self.r.s("picture"), "<w:keepNext/>"),
                para(styled_run(caption), self.r.s("caption"), '<w:keepNext w:val="0"/>')]

    # -- letterhead, title, signature and 版记 -------------------------------------------------------
    def masthead(self, letterhead: m.Letterhead | None, title: list[str] | None, addressee: str | None = None
                 ) -> list[str]:
        """The head of the text: the letterhead's lines, the document number under them (the template draws
        the rule under the last), the title when the template prints it nowhere else (it has no cover), its lines
        broken where report.yaml breaks them, and the 主送 under it, flush left."""
        out: list[str] = []
        if letterhead is not None:
            out.extend(para(styled_run(line), self.r.s("letterhead")) for line in letterhead.lines)
            if letterhead.number:
                out.append(para(styled_run(letterhead.number), self.style("document_number", "paragraph")))
        if title:
            style = (self.r.s("document_title") if "document_title" in self.tpl.style_ids
                     else self.tpl.look.styles.get("title") or self.r.s("paragraph"))
            out.append(para(broken_runs(title), style))
        if addressee:
            text = addressee if addressee.endswith("：") else addressee + "："
            if "addressee" in self.tpl.style_ids:
                out.append(para(styled_run(text), self.r.s("addressee")))
            else:  # a template made before: the text's style, not indented
                out.append(para(styled_run(text), self.r.s("paragraph"), FLUSH_LEFT))
        return out

    def style(self, role: str, fallback: str) -> str:
        """An optional role's style; a template made before the role has the fallback role's."""
        return self.r.s(role if role in self.tpl.style_ids else fallback)

    def signature(self, sig: m.Signature) -> list[str]:
        style = self.r.s("signature")
        lines = list(sig.organisation)
        if sig.date is not None:
            lines.append(self.tpl.optional("signature_date", date=sig.date))
        # a blank line before the block, as official documents leave one
        out = [para("", style)] + [para(styled_run(line), style) for line in lines]
        if sig.note:  # the 附注, on the line under the date, two characters in (GB/T 9704)
            out.append(para(styled_run(f"（{sig.note}）"), self.style("signature_note", "paragraph")))
        return out

    def imprint(self, imprint: m.Imprint, library: str) -> list:
        """The 版记: the 抄送 line across the width, then the issuer at the left and the date it was printed
        (…印发) at the right, between the rules of the template's imprint table style."""
        from libreport.docx.xml import Table

        text, right = self.style("imprint", "paragraph"), self.style("imprint_date", "paragraph")
        table = Table(self.style("imprint_table", "list_table"), self.r.width, [1.0, 1.0], self.tpl)
        if imprint.cc:
            table.row([self.tpl.optional("imprint_cc", cc=imprint.cc)], styles=[text], spans=[2])
        issued = self.tpl.optional("imprint_issued", date=imprint.date) if imprint.date is not None else ""
        table.row([imprint.issuer or library, issued], styles=[text, right])
        # inline after the signature: Word and LibreOffice place it alike (LibreOffice ignores a table floated
        # to the foot of the page)
        return [para("", text), *table.xml()]
