"""Reading a web edition back, independently of how it was written: the text a reader sees, block by block,
and the same of a Word edition (through docxdump), so that the two can be compared in order."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from .docxdump import blocks

# the elements that hold a block of text of the report: headings, paragraphs, cells, captions
TEXT_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "p", "th", "td", "caption", "figcaption", "li"}
VOID = {"br", "img", "meta", "link", "input", "hr", "wbr", "source", "col", "area", "base", "embed", "track"}
SKIPPED = {"head", "script", "style", "svg", "template"}


class _Reader(HTMLParser):
    """Text blocks in document order; what only the web edition prints (`data-edition="web"`) is left out."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool]] = []  # (tag, left out)
        self.units: list[str] = []
        self.current: list[str] | None = None
        self.depth = 0  # how deep in the current block

    @property
    def left_out(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        if tag in VOID:
            return
        skip = dict(attrs).get("data-edition") == "web" or tag in SKIPPED
        self.stack.append((tag, skip))
        if tag in TEXT_BLOCKS and not self.left_out and self.current is None:
            self.current, self.depth = [], len(self.stack)

    def handle_endtag(self, tag):
        if tag in VOID:
            return
        while self.stack:
            open_tag, _skip = self.stack.pop()
            if self.current is not None and len(self.stack) < self.depth:
                text = "".join(self.current).strip()
                if text:
                    self.units.append(text)
                self.current = None
            if open_tag == tag:
                break

    def handle_data(self, data):
        if self.current is not None and not self.left_out:
            self.current.append(data)


def web_units(index: Path) -> list[str]:
    """The page's text blocks, in order."""
    reader = _Reader()
    reader.feed(index.read_text(encoding="utf-8"))
    reader.close()
    return reader.units


def web_contents(index: Path) -> list[str]:
    """The entries of the page's contents list, in order."""
    from html.parser import HTMLParser

    found: list[str] = []

    class Contents(HTMLParser):
        inside = 0
        link: list[str] | None = None

        def handle_starttag(self, tag, attrs):
            if tag == "nav":
                self.inside += 1
            elif tag == "a" and self.inside:
                self.link = []

        def handle_endtag(self, tag):
            if tag == "nav":
                self.inside -= 1
            elif tag == "a" and self.link is not None:
                found.append("".join(self.link))
                self.link = None

        def handle_data(self, data):
            if self.link is not None:
                self.link.append(data)

    Contents().feed(index.read_text(encoding="utf-8"))
    return found


TOC_STYLES = ("TOC", "toc")


def word_units(docx: Path) -> list[str]:
    """The Word edition's text blocks, in order: each paragraph, each table cell; the table of contents (which
    the web edition lists as links) left out."""
    out: list[str] = []
    for b in blocks(docx):
        if b.kind == "p":
            if b.text.strip() and not b.style.startswith(TOC_STYLES):
                out.append(b.text.strip())
        else:
            out.extend(cell.strip() for row in b.rows or [] for cell in row if cell.strip())
    return out


def word_contents(docx: Path) -> list[str]:
    import re

    return [re.sub(r"\t.*$", "", b.text) for b in blocks(docx)
            if b.kind == "p" and re.fullmatch(r"TOC\d", b.style) and b.text]
