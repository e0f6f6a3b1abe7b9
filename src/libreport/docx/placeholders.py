"""Finding and filling the `{{ … }}` placeholders of a Word template, however an editor stored them.

Word and WPS split what staff typed into several runs (`{{ bo` + `dy }}`), put proofing marks and
bookmarks between them, and staff write `{{body}}` as often as `{{ body }}`, sometimes with the full-width
braces a Chinese input method gives (｛｛ body ｝｝). A placeholder is therefore looked for in a
paragraph's text, put together from its runs, never in the raw XML; every part of libreport that reads a
template (checking it, filling the document, the headers and the footers) goes through `find` here.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_FULL_WIDTH = str.maketrans("｛｝", "{}")
BLOCKS = ("body", "toc")  # placeholders that stand for whole parts of the document, alone in their paragraph


@dataclass
class Placeholder:
    paragraph: etree._Element
    expr: str  # what stands between the braces, spaces trimmed: "body", "year + 1"
    start: int  # where the placeholder starts and ends in the paragraph's text
    end: int
    alone: bool  # nothing but spaces around it in its paragraph

    @property
    def block(self) -> bool:
        return self.expr in BLOCKS


def _texts(p: etree._Element) -> list[etree._Element]:
    """The w:t elements of paragraph `p` itself (not of a text box's paragraphs inside it), in order."""
    return [t for t in p.iter(f"{W}t") if _paragraph_of(t) is p]


def _paragraph_of(el: etree._Element) -> etree._Element | None:
    parent = el.getparent()
    while parent is not None and parent.tag != f"{W}p":
        parent = parent.getparent()
    return parent


def paragraph_text(p: etree._Element) -> str:
    return "".join(t.text or "" for t in _texts(p)).translate(_FULL_WIDTH)


def find(root: etree._Element) -> list[Placeholder]:
    """Every placeholder under `root` (a document, header or footer), in document order."""
    out: list[Placeholder] = []
    for p in root.iter(f"{W}p"):
        text = paragraph_text(p)
        if "{{" not in text:
            continue
        for m in _PLACEHOLDER.finditer(text):
            expr = " ".join(m.group(1).split())
            alone = not (text[:m.start()].strip() or text[m.end():].strip())
            out.append(Placeholder(p, expr, m.start(), m.end(), alone))
    return out


def fill(found: list[Placeholder], value: Callable[[Placeholder], str]) -> None:
    """Replace each inline placeholder by `value(placeholder)`, keeping the runs (and their formatting)
    around it; text the placeholder spread over several runs is taken out of all of them. A value of several
    lines ("\n" between them) is printed with a line break between each, in the placeholder's run."""
    by_paragraph: dict[etree._Element, list[Placeholder]] = {}
    for ph in found:
        by_paragraph.setdefault(ph.paragraph, []).append(ph)
    for p, phs in by_paragraph.items():
        texts = _texts(p)
        for ph in sorted(phs, key=lambda ph: -ph.start):  # from the end, so earlier offsets stay valid
            _replace(texts, ph.start, ph.end, value(ph))
        for t in texts:
            if "\n" in (t.text or ""):
                _break_lines(t)


def _break_lines(t: etree._Element) -> None:
    """w:t holding "a\nb" → w:t a, w:br, w:t b: the lines of one text in its run."""
    pieces = (t.text or "").split("\n")
    t.text = pieces[0]
    at = t
    for piece in pieces[1:]:
        br = etree.Element(f"{W}br")
        at.addnext(br)
        at = etree.Element(f"{W}t")
        at.text = piece
        at.set(XML_SPACE, "preserve")
        br.addnext(at)


# What a paragraph may hold besides its text and still be a mere line of text: left out when the text is gone.
_PLAIN = {f"{W}pPr", f"{W}r", f"{W}proofErr"}
_PLAIN_RUN = {f"{W}rPr", f"{W}t"}


def drop_emptied(found: list[Placeholder]) -> None:
    """Leave out each paragraph that held text only through placeholders that printed nothing (a cover's subtitle
    when report.yaml gives none), so that the lines around it keep their places; a paragraph that ends a section,
    or holds anything else (a picture, a field, a break), stays."""
    for p in dict.fromkeys(ph.paragraph for ph in found if not ph.block):
        parent = p.getparent()
        if parent is None or paragraph_text(p).strip() or p.find(f"{W}pPr/{W}sectPr") is not None:
            continue
        if all(child.tag in _PLAIN for child in p) and all(
                grandchild.tag in _PLAIN_RUN for run in p.iter(f"{W}r") for grandchild in run):
            parent.remove(p)


def _replace(texts: list[etree._Element], start: int, end: int, new: str) -> None:
    at = 0
    placed = False
    for t in texts:
        old = t.text or ""
        lo, hi = at, at + len(old)
        at = hi
        if hi <= start or lo >= end:
            continue
        keep_before = old[:max(start - lo, 0)]
        keep_after = old[max(end - lo, 0):] if end < hi else ""
        t.text = keep_before + ("" if placed else new) + keep_after
        placed = True
        t.set(XML_SPACE, "preserve")


def blocks(found: list[Placeholder]) -> Iterator[Placeholder]:
    return (ph for ph in found if ph.block)
