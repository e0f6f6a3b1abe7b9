"""Reading a built report back with python-docx, independently of how it was written."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from docx import Document
from docx.oxml.ns import qn


@dataclass
class Block:
    kind: str  # "p" or "table"
    style: str
    text: str = ""
    rows: list[list[str]] | None = None


def blocks(path: Path) -> list[Block]:
    doc = Document(str(path))
    out: list[Block] = []
    for child in doc.element.body.iterchildren():
        if child.tag == qn("w:p"):
            style = child.pPr.pStyle.val if child.pPr is not None and child.pPr.pStyle is not None else ""
            text = "".join(t.text or "" for t in child.iter(qn("w:t")))
            out.append(Block("p", style, text))
        elif child.tag == qn("w:tbl"):
            rows = []
            for tr in child.iter(qn("w:tr")):
                rows.append(["".join(t.text or "" for t in tc.iter(qn("w:t"))) for tc in tr.iter(qn("w:tc"))])
            style_el = child.find(qn("w:tblPr")).find(qn("w:tblStyle"))
            out.append(Block("table", style_el.get(qn("w:val")) if style_el is not None else "", rows=rows))
    return out


def dump(path: Path) -> str:
    """A stable text form of the report: styled paragraphs and tables as tab-separated rows."""
    lines = []
    for b in blocks(path):
        if b.kind == "p":
            if b.text:
                lines.append(f"[{b.style}] {b.text}")
        else:
            lines.append(f"<table {b.style}>")
            lines.extend("\t".join(row) for row in b.rows)
            lines.append("</table>")
    return "\n".join(lines) + "\n"


def section_after(bs: list[Block], heading: str, style: str = "Heading2") -> list[Block]:
    """The blocks from a section heading up to the next heading of the same or a higher level."""
    start = next(i for i, b in enumerate(bs) if b.kind == "p" and b.style == style and b.text == heading)
    out = []
    for b in bs[start + 1:]:
        if b.kind == "p" and b.style in ("Heading1", "Heading2"):
            break
        out.append(b)
    return out
