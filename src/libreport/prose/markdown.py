"""The summary's Markdown, read with markdown-it-py into blocks that keep their source lines.

Figure expressions (`{{ … }}`, `{% … %}`) are masked before parsing, so that Markdown never reads
inside them (an `*` or `_` in an expression is not emphasis) and data inserted later is never read as
Markdown. Inline formatting is carried through Jinja as marker characters (Unicode noncharacters, which
no text contains) and turned into runs after rendering. Anything Markdown can say that a report cannot
print is an issue at its line, never literal asterisks or silently merged list items.
"""

from __future__ import annotations

import re
import types
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from libreport.cjk import FULL_WIDTH, IDEOGRAPHIC, QUOTES, among
from libreport.tofill import FILL_OFF, FILL_ON

if TYPE_CHECKING:
    from libreport.prose.pictures import Picture

# Markers in a block's template text; noncharacters U+FDD0… are never part of real text.
EXPR_OPEN, EXPR_CLOSE = "\ufdd0", "\ufdd1"
BOLD_ON, BOLD_OFF, ITALIC_ON, ITALIC_OFF, STRIKE_ON, STRIKE_OFF, BREAK = (chr(0xFDD2 + i) for i in range(7))
# A line break of the source beside a figure expression: it joins as the figure's own spacing does, which is known
# only once the figure is printed (总量 81.37 万册 but 接待读者近 57.34 万人次), so it is resolved after rendering.
FIGURE_JOIN = "\ufddb"
MARKERS = "".join(chr(0xFDD0 + i) for i in range(9)) + FILL_ON + FILL_OFF + FIGURE_JOIN  # to fill: 0xFDD9/A
_STRIP_MARKERS = str.maketrans("", "", MARKERS)

# An expression stays inside its paragraph: a blank line ends the search for its closing braces.
_OPENER = re.compile(r"\{(?=[{%#])")
_CLOSERS = {"{": "}}", "%": "%}", "#": "#}"}
_BLANK = re.compile(r"\n(?=[ \t]*\n)")
_MASKED = re.compile(EXPR_OPEN + r"(\d+)\s*" + EXPR_CLOSE)
# `<!-- tasks: 6, 8 -->`: the plan's tasks a paragraph or heading serves (a comment, so it prints nothing)
_TASKS = re.compile(r"^\s*<!--\s*tasks\s*[:：]\s*(.*?)\s*-->\s*$", re.S)
_TASKS_IN = re.compile(r"[ \t]*<!--\s*tasks\s*[:：].*?-->", re.S)
_TASK_SEP = re.compile(r"[\s,，、]+")


@dataclass
class Issue:
    """Something written in Markdown that the report cannot print as such."""

    variant: str  # the `markdown.<variant>` message
    line: int
    column: int = 1


@dataclass
class PictureRef:
    src: str  # the path as written
    caption: str  # caption source, with expressions
    line: int
    column: int


@dataclass
class Block:
    kind: str  # "heading" | "paragraph" | "item" (a list paragraph) | "picture"
    level: int  # heading level (1..4); list depth for items (1 = outermost); 0 for paragraphs and pictures
    source: str  # the text as written (Markdown inline source, expressions included)
    line: int  # 1-based line of the block's first line
    lines: list[int] = field(default_factory=list)  # every source line the block spans
    template: str = ""  # what is rendered: the source's text with expressions, and run markers for its look
    text: str = ""  # rendered text, with run markers
    number: int = 0  # heading number within its parent; item number in an ordered list
    ordered: bool = False  # an item of a numbered list
    first: bool = True  # an item's first paragraph (later ones carry no number or bullet)
    picture: PictureRef | None = None
    image: Picture | None = None  # the checked picture file, for picture blocks
    spacing: str | None = None  # the figure spacing set for it (`<!-- figures: {spacing: false} -->` above it);
    # once rendered, the one it is printed with (its own, or its heading's part's)
    tasks: list[tuple[str, int, int]] = field(default_factory=list)  # the plan's tasks it serves: (as written,
    # line, column) of each, from a `<!-- tasks: 6, 8 -->` in it or on the line after it

    @property
    def plain(self) -> str:
        """The rendered text without run markers."""
        return self.text.translate(_STRIP_MARKERS)


@dataclass
class Parsed:
    blocks: list[Block]
    issues: list[Issue]


# markdown-it's emphasis tokens → the run markers the renderer turns into bold, italic and struck-through runs
_RUN_MARKERS = {"strong_open": BOLD_ON, "strong_close": BOLD_OFF, "em_open": ITALIC_ON, "em_close": ITALIC_OFF,
                "s_open": STRIKE_ON, "s_close": STRIKE_OFF}


def runs(text: str) -> list[tuple[str, dict]]:
    """Rendered text with markers → (text, look) pieces; a look is bold/italic/strike flags, `fill` for a figure
    still to fill (its marker), `br` for a line break."""
    out: list[tuple[str, dict]] = []
    look = {"bold": False, "italic": False, "strike": False, "fill": False}
    buf: list[str] = []

    def flush():
        if buf:
            out.append(("".join(buf), dict(look)))
            buf.clear()

    switches = {BOLD_ON: ("bold", True), BOLD_OFF: ("bold", False), ITALIC_ON: ("italic", True),
                ITALIC_OFF: ("italic", False), STRIKE_ON: ("strike", True), STRIKE_OFF: ("strike", False),
                FILL_ON: ("fill", True), FILL_OFF: ("fill", False)}
    for ch in text:
        if ch in switches:
            flush()
            key, value = switches[ch]
            look[key] = value
        elif ch == BREAK:
            flush()
            out.append(("", {**look, "br": True}))
        elif ch not in (EXPR_OPEN, EXPR_CLOSE):
            buf.append(ch)
    flush()
    return out


# -- parsing ------------------------------------------------------------------------------------

def _mask(text: str) -> tuple[str, list[str]]:
    """Expressions replaced by numbered placeholders; an expression's line breaks are kept, so lines still count."""
    found: list[str] = []

    def repl(expression: str) -> str:
        found.append(expression)
        return f"{EXPR_OPEN}{len(found) - 1}" + "\n" * expression.count("\n") + EXPR_CLOSE

    text = text.translate(_STRIP_MARKERS)
    pieces, at = [], 0
    for start, end in expression_spans(text):
        pieces += [text[at:start], repl(text[start:end])]
        at = end
    return "".join(pieces + [text[at:]]), found


def expression_spans(text: str) -> list[tuple[int, int]]:
    """Where `{{ … }}`, `{% … %}` and `{# … #}` stand, each closed before the next blank line, in order and
    not overlapping: the first closing after an opening ends it. Found in one pass with sorted positions, so
    a paragraph of a million unclosed `{{` takes as long as reading it (a pattern would retry each one)."""
    from bisect import bisect_left

    closers = {key: [m.start() for m in re.finditer(f"(?={re.escape(close)})", text)]
               for key, close in _CLOSERS.items()}
    blanks = [m.start() for m in _BLANK.finditer(text)]
    spans: list[tuple[int, int]] = []
    at = 0
    for m in _OPENER.finditer(text):
        start = m.start()
        if start < at:
            continue
        positions = closers[text[start + 1]]
        k = bisect_left(positions, start + 2)
        if k == len(positions):
            continue
        close = positions[k]
        b = bisect_left(blanks, start + 2)
        if b < len(blanks) and blanks[b] < close:
            continue
        spans.append((start, close + 2))
        at = close + 2
    return spans


def _unmask(text: str, found: list[str]) -> str:
    return _MASKED.sub(lambda m: found[int(m.group(1))], text)


def _parser():
    from markdown_it import MarkdownIt
    from markdown_it.rules_inline import emphasis, strikethrough

    md = MarkdownIt("commonmark", {"html": True})
    md.enable(["table", "strikethrough"])
    # Indented text is a paragraph (offices indent paragraphs by habit), never a code block.
    md.disable(["code", "text_join"])  # without text_join, escaped characters stay apart from literal ones

    def cjk(rule):
        def tokenize(state, silent):
            state.scanDelims = types.MethodType(_scan_delims_cjk, state)
            return rule(state, silent)
        return tokenize

    md.inline.ruler.at("emphasis", cjk(emphasis.tokenize))
    md.inline.ruler.at("strikethrough", cjk(strikethrough.tokenize))
    return md


_MD = None


def _md():
    global _MD
    if _MD is None:
        _MD = _parser()
    return _MD


def _scan_delims_cjk(self, start: int, canSplitWord: bool):
    """CommonMark's delimiter rule, with Chinese text beside a delimiter run counted like a space.

    `**“学习强国”**平台` is bold in every Chinese editor: the closing `**` stands after a quotation mark and
    before a letter, which CommonMark alone refuses as a closer, because Chinese puts no space there.
    """
    from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
    from markdown_it.rules_inline.state_inline import Scanned

    pos, maximum, marker = start, self.posMax, self.src[start]
    last = self.src[start - 1] if start > 0 else " "
    while pos < maximum and self.src[pos] == marker:
        pos += 1
    count = pos - start
    nxt = self.src[pos] if pos < maximum else " "
    last_punct = isMdAsciiPunct(ord(last)) or isPunctChar(last)
    next_punct = isMdAsciiPunct(ord(nxt)) or isPunctChar(nxt)
    last_space = isWhiteSpace(ord(last)) or among(last, IDEOGRAPHIC, FULL_WIDTH, QUOTES)
    next_space = isWhiteSpace(ord(nxt)) or among(nxt, IDEOGRAPHIC, FULL_WIDTH, QUOTES)
    left = not (isWhiteSpace(ord(nxt)) or (next_punct and not (last_space or last_punct)))
    right = not (isWhiteSpace(ord(last)) or (last_punct and not (next_space or next_punct)))
    can_open = left and (canSplitWord or not right or last_punct)
    can_close = right and (canSplitWord or not left or next_punct)
    return Scanned(can_open, can_close, count)


# `<!-- figures: {spacing: false} -->` on its own line: the figure spacing of the paragraph, or the heading and
# its part, written under it (the house style's words: true, false, chinese)
_FIGURES_DIRECTIVE = re.compile(r"^<!--\s*figures\s*[:：]\s*\{?\s*spacing\s*[:：]\s*(?P<value>[^\s}]*)\s*\}?\s*-->$")
_SPACING_WORDS = {"true": "true", "yes": "true", "false": "false", "no": "false", "chinese": "chinese"}


def parse(text: str) -> Parsed:
    """The summary's blocks and what in it a report cannot print. Importing markdown-it-py and its rules takes a
    good part of a small build's start-up, and most builds read a summary that has not changed since the last
    one: the result is kept in libreport's cache under the text and the code that parses it."""
    from libreport.cache import remembered

    return remembered("markdown", _code_key() + text.encode("utf-8"), lambda: _parse(text))


def _parse(text: str) -> Parsed:
    masked, found = _mask(text)
    tokens = _md().parse(masked)
    blocks: list[Block] = []
    issues: list[Issue] = []
    lists: list[dict] = []  # open lists, innermost last: {"ordered", "next"}
    item_paragraphs = 0
    quoted = 0
    styled: tuple[int, str | None] | None = None  # a figures directive, and the number of blocks before it
    i = 0
    while i < len(tokens):
        if styled is not None and len(blocks) > styled[0]:
            blocks[styled[0]].spacing = styled[1]
            styled = None
        tok = tokens[i]
        kind = tok.type
        first_line = tok.map[0] + 1 if tok.map else (blocks[-1].line if blocks else 1)
        lines = list(range(tok.map[0] + 1, tok.map[1] + 1)) if tok.map else [first_line]
        if kind == "heading_open":
            level = int(tok.tag[1])
            if level > 4:
                issues.append(Issue("heading-level", first_line))
                level = 4
            block = _inline_block("heading", level, tokens[i + 1], first_line, lines, found, issues)
            blocks.append(block)
            i += 3
            continue
        if kind in ("bullet_list_open", "ordered_list_open"):
            start = int(tok.attrs.get("start", 1)) if kind == "ordered_list_open" else 1
            lists.append({"ordered": kind == "ordered_list_open", "next": start})
        elif kind in ("bullet_list_close", "ordered_list_close"):
            lists.pop()
        elif kind == "list_item_open":
            item_paragraphs = 0
        elif kind == "blockquote_open":
            if not quoted:
                issues.append(Issue("quote", first_line))
            quoted += 1
        elif kind == "blockquote_close":
            quoted -= 1
        elif kind == "paragraph_open":
            inline = tokens[i + 1]
            if lists:
                block = _inline_block("item", len(lists), inline, first_line, lines, found, issues)
                block.ordered = lists[-1]["ordered"]
                block.first = item_paragraphs == 0
                if block.first:
                    block.number = lists[-1]["next"]
                    lists[-1]["next"] += 1
                item_paragraphs += 1
            else:
                block = _inline_block("paragraph", 0, inline, first_line, lines, found, issues)
            pictures = block.__dict__.pop("_pictures", [])
            if block.source.strip() or not pictures:
                if pictures:
                    issues.append(Issue("inline-picture", pictures[0].line, pictures[0].column))
                blocks.append(block)
            for ref in pictures:
                blocks.append(Block("picture", 0, ref.caption, ref.line, [ref.line], picture=ref))
            i += 3
            continue
        elif kind == "fence":
            issues.append(Issue("code", first_line))
            content = _unmask(tok.content.rstrip("\n"), found)
            blocks.append(Block("paragraph", 0, content, first_line + 1, lines[1:-1] or lines, template=content))
        elif kind == "hr":
            issues.append(Issue("rule", first_line))
        elif kind == "html_block":
            refs = task_refs(tok.content, first_line)
            if refs is not None and blocks:  # the tasks of the paragraph or heading just before it
                blocks[-1].tasks.extend(refs)
            elif refs is not None:
                issues.append(Issue("tasks-alone", first_line))
            elif not tok.content.lstrip().startswith("<!--"):  # a comment is the writer's note, left out quietly
                issues.append(Issue("html", first_line))
            else:
                directive = _FIGURES_DIRECTIVE.match(tok.content.strip())
                if directive is not None:
                    spacing = _SPACING_WORDS.get(directive["value"].lower())
                    if spacing is None:
                        issues.append(Issue("figures-directive", first_line))
                    styled = (len(blocks), spacing)
        elif kind == "table_open":
            issues.append(Issue("table", first_line))
            depth = 1
            while depth and i + 1 < len(tokens):
                i += 1
                depth += {"table_open": 1, "table_close": -1}.get(tokens[i].type, 0)
        i += 1
    if styled is not None and len(blocks) > styled[0]:
        blocks[styled[0]].spacing = styled[1]
    return Parsed(blocks, issues)


def _code_key() -> bytes:
    """This module's source and markdown-it-py's (its __init__ names its version): a change of either parses
    every summary afresh."""
    from importlib.util import find_spec
    from pathlib import Path

    spec = find_spec("markdown_it")
    theirs = Path(spec.origin).read_bytes() if spec is not None and spec.origin else b""
    return Path(__file__).read_bytes() + b"\0" + theirs + b"\0"


def _inline_block(kind: str, level: int, inline, line: int, lines: list[int], found: list[str],
                  issues: list[Issue]) -> Block:
    """One paragraph or heading: its source as written, and its template with run markers."""
    source = _unmask(inline.content, found)
    block = Block(kind, level, source, line, lines)
    out: list[str] = []
    pending_break = False
    offset = 0  # lines into the block, for issues inside it
    pictures: list[PictureRef] = []
    for child in inline.children or []:
        t = child.type
        if t in ("softbreak", "hardbreak"):
            offset += 1
            if t == "hardbreak":
                out.append(BREAK)
            else:
                pending_break = True
            continue
        piece = ""
        if t in ("text", "text_special"):
            piece = child.content
            if t == "text" and ("*" in piece or "~~" in piece):
                issues.append(Issue("emphasis", line + offset))
        elif t in _RUN_MARKERS:
            piece = _RUN_MARKERS[t]
        elif t == "code_inline":
            issues.append(Issue("code-inline", line + offset))
            piece = child.content
        elif t == "link_open":
            if child.markup != "autolink":
                issues.append(Issue("link", line + offset))
        elif t == "html_inline":
            refs = task_refs(child.content, line + offset)
            if refs is not None:
                block.tasks.extend(refs)
            elif not child.content.startswith("<!--"):
                issues.append(Issue("html", line + offset))
        elif t == "image":
            caption = _unmask(child.content, found)
            pictures.append(PictureRef(_unmask(child.attrGet("src") or "", found), caption, line + offset, 1))
        if not piece:
            continue
        if pending_break:
            beside_figure = piece.lstrip(_RUN_LOOKS).startswith(EXPR_OPEN) or _ends_with_expression(out)
            out.append(FIGURE_JOIN if beside_figure else _line_join(out, piece))
            pending_break = False
        out.append(piece)
    block.template = _unmask("".join(out), found)
    if block.tasks:  # the comment is no part of the text, nor the space before it
        block.template = block.template.rstrip()
        block.source = _TASKS_IN.sub("", block.source).rstrip()
    if pictures:
        # the source without the pictures, so that a paragraph holding only a picture is no paragraph
        block.source = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", block.source)
        block.__dict__["_pictures"] = pictures
    return block


def task_refs(comment: str, line: int) -> list[tuple[str, int, int]] | None:
    """The tasks a `<!-- tasks: 6, 8 -->` comment names, each with its line; None for any other comment."""
    found = _TASKS.match(comment)
    if found is None:
        return None
    return [(ref, line, 1) for ref in _TASK_SEP.split(found[1]) if ref]


def _line_join(out: list[str], right: str) -> str:
    """What joins two lines of one paragraph: nothing beside Chinese text or its punctuation (“城市书房”
    then a figure, ” then “), else a space."""
    left_char = _last_char(out)
    right_char = right.translate(_STRIP_MARKERS)[:1]
    wide = any(among(c, IDEOGRAPHIC, FULL_WIDTH, QUOTES) for c in (left_char, right_char))
    if not left_char or not right_char or wide:
        return ""
    return " "


_RUN_LOOKS = "".join(_RUN_MARKERS.values())


def _ends_with_expression(out: list[str]) -> bool:
    for piece in reversed(out):
        text = piece.rstrip(_RUN_LOOKS)
        if text:
            return text.endswith(EXPR_CLOSE)
    return False


def join_lines(text: str) -> str:
    """Rendered text with each line break beside a figure joined as the house style spaces that figure: one space
    between digits and Chinese (总量 81.37 万册), none before a figure that starts with a word (读者近 57.34 万)."""
    if FIGURE_JOIN not in text:
        return text
    from libreport.figures import glue

    pieces = text.split(FIGURE_JOIN)
    out = [pieces[0]]
    for piece in pieces[1:]:
        left, right = _last_char(out), piece.translate(_STRIP_MARKERS)[:1]
        if left.isascii() and left.isalnum() and right.isascii() and right.isalnum():
            out.append(" ")  # two Latin words or numbers: a space, as any line break between them
        elif left and right and glue(left, right) != left + right:
            out.append(" ")
        out.append(piece)
    return "".join(out)


def _last_char(out: list[str]) -> str:
    for piece in reversed(out):
        text = piece.translate(_STRIP_MARKERS)
        if text:
            return text[-1]
    return ""
