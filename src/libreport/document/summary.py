"""A summary's Markdown blocks as printed: headings numbered in the library's house style (report.yaml's
`numbering:`, else the template's snippets), a run-in heading opening the paragraph after it, list items
with their markers, pictures with their numbered captions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport.cjk import CIRCLED, FULL_WIDTH, IDEOGRAPHIC, among
from libreport.document import model as d
from libreport.headings import Numbering
from libreport.prose.markdown import Block, runs

if TYPE_CHECKING:
    from libreport.document.describe import Describer


def text_runs(text: str) -> list[d.Run]:
    """Rendered text with run markers (bold, italic, strike, line breaks, figures still to fill) as runs."""
    return [d.Run("", br=True) if look.get("br") else d.Run(piece, look["bold"], look["italic"], look["strike"],
                                                            fill=look["fill"])
            for piece, look in runs(text)]


def summary(b: Describer, blocks: list[Block], depth: int, numbering: Numbering | None = None) -> list[d.Block]:
    """`depth`: how many headings stand above this summary (part, section); a summary heading whose place in
    the whole report is one of the two outermost levels goes into the table of contents. `numbering`: the one
    that holds in this summary's section (the report's, unless it sets its own)."""
    numbering = numbering if numbering is not None else b.report.numbering
    out: list[d.Block] = []
    pending: list[d.Run] = []  # a run-in heading waiting for its paragraph
    for block in blocks:
        if block.kind == "heading":
            if pending:
                out.append(d.Paragraph("paragraph", pending))
                pending = []
            form = numbering.summary_form(block.level)
            text = (form.heading(block.number, block.plain) if form is not None
                    else b.say.say(f"summary_heading_{block.level}", number=block.number, text=block.plain))
            if numbering.run_in is not None and block.level >= numbering.run_in:
                pending = [d.Run(text, role="run_in")]
                continue
            level = depth + block.level
            # among the outermost levels: in the TOC, at the outline level it stands at
            out.append(d.Heading(text, f"summary_{block.level}", level, toc=level <= 2, outline=level <= 2,
                                 title=block.plain, number=block.number))
            continue
        if block.kind == "paragraph":
            autospace = None if block.spacing is None else block.spacing == "true"
            out.append(d.Paragraph("paragraph", [*pending, *text_runs(block.text)], autospace=autospace))
        else:
            if pending:
                out.append(d.Paragraph("paragraph", pending))
            if block.kind == "item":
                out.append(_item(b, block))
            elif block.kind == "picture" and block.image is not None:  # else reported when it was checked
                number = b.figure_number()
                out.append(d.Picture(block.image, block.plain, number))
                out.append(b.figure_caption(number, block.plain))
            elif block.kind == "picture" and block.picture is not None and not block.picture.src.strip():
                out.append(b.figure_caption(b.figure_number(), block.plain))  # a caption without its picture
        pending = []
    if pending:
        out.append(d.Paragraph("paragraph", pending))
    return out


def _item(b: Describer, block: Block) -> d.Item:
    marker = list_marker(b, block.ordered, block.number) if block.first else ""
    return d.Item(text_runs(block.text), marker, block.level, block.ordered)


def list_marker(b: Describer, ordered: bool, number: int = 0) -> str:
    """What stands before a list item: its number, or the bullet, as the template words them."""
    marker = b.say.optional("list_number", number=number) if ordered else b.say.optional("list_bullet")
    if marker and not among(marker[-1], IDEOGRAPHIC, FULL_WIDTH, CIRCLED):
        marker += " "  # 1. and • stand apart from the text; 1、 and （1） need no space
    return marker
