"""The work summary: a small Markdown reader and figures quoted through a Jinja sandbox.

Each paragraph and heading is its own block with the line it starts on, so an
expression that names unknown data is reported at its own line and column.
The prose is user-written, so it runs in Jinja's immutable sandbox with
StrictUndefined; the data it quotes is passed in as values and never
evaluated as template text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .diagnostics import Diagnostics, Mark
from .model import Summary

_HEADING = re.compile(r"^(#{1,4})\s+(.*?)\s*#*\s*$")
_EXPR = re.compile(r"\{\{.*?\}\}", re.S)
_HAND_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")
_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f]")


@dataclass
class Block:
    kind: str  # "heading" | "paragraph"
    level: int  # heading level (1..4); 0 for paragraphs
    source: str  # the text as written, with expressions
    line: int  # 1-based line of the block's first line
    lines: list[int] = field(default_factory=list)  # source line of each joined piece
    text: str = ""  # rendered text
    number: int = 0  # computed heading number within its parent


def parse_blocks(text: str) -> list[Block]:
    blocks: list[Block] = []
    para: list[tuple[int, str]] = []

    def flush():
        if para:
            joined = para[0][1]
            for _ln, piece in para[1:]:
                joined = _join(joined, piece)
            blocks.append(Block("paragraph", 0, joined, para[0][0], [ln for ln, _ in para]))
            para.clear()

    for n, raw in enumerate(text.split("\n"), 1):
        line = raw.strip()
        if not line:
            flush()
            continue
        h = _HEADING.match(line)
        if h:
            flush()
            blocks.append(Block("heading", len(h.group(1)), h.group(2), n, [n]))
            continue
        para.append((n, line))
    flush()
    return blocks


def _join(left: str, right: str) -> str:
    """Join two lines of one paragraph: no space between Chinese characters."""
    if left and right and (_CJK.match(left[-1]) or _CJK.match(right[0])):
        return left + right
    return left + " " + right


def number_headings(blocks: list[Block]) -> None:
    """Number headings per level, restarting below each higher heading; the template words the number."""
    counters = [0, 0, 0, 0]
    for block in blocks:
        if block.kind != "heading":
            continue
        level = block.level
        counters[level - 1] += 1
        for deeper in range(level, 4):
            counters[deeper] = 0
        block.number = counters[level - 1]


def environment():
    from jinja2 import StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from . import numbers

    env = ImmutableSandboxedEnvironment(undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False)
    env.filters.update({
        "duo": numbers.duo,
        "wan": numbers.wan,
        "num": numbers.group_thousands,
        "pct": numbers.percent,
        "cn": numbers.cn_numeral,
    })
    return env


def render_summary(summary: Summary, context: dict, diags: Diagnostics) -> list[Block]:
    """Parse and render the summary; every failing expression gets a diagnostic."""
    from jinja2 import TemplateError, TemplateSyntaxError

    env = environment()
    blocks = parse_blocks(summary.text)
    number_headings(blocks)
    text_lines = summary.text.split("\n")
    for block in blocks:
        if block.kind == "heading" and _HAND_NUMBER.match(block.source):
            diags.warning("heading-number", "this heading is numbered by hand; libreport numbers headings itself, "
                          "so the number would print twice", Mark(summary.file, block.line, 1))
        if "{" not in block.source:
            block.text = block.source
            continue
        failed = False
        if "{%" not in block.source:
            for match in _EXPR.finditer(block.source):
                try:
                    env.from_string(match.group(0)).render(context)
                except Exception as exc:  # user-written: any failure is a diagnostic, never a traceback
                    failed = True
                    line, col = _locate(block, match.group(0), text_lines)
                    _report(diags, exc, summary, line, col, match.group(0))
        if failed:
            continue
        try:
            block.text = env.from_string(block.source).render(context)
        except TemplateSyntaxError as exc:
            line = block.lines[min(max((exc.lineno or 1) - 1, 0), len(block.lines) - 1)]
            _report(diags, exc, summary, line, 1, "")
        except TemplateError as exc:
            _report(diags, exc, summary, block.line, 1, "")
        except Exception as exc:  # user-written: any failure is a diagnostic
            diags.error("summary-expression", f"an expression cannot be computed: {exc}",
                        Mark(summary.file, block.line, 1), reason=str(exc))
    return blocks


def _locate(block: Block, expr: str, text_lines: list[str]) -> tuple[int, int]:
    for ln in block.lines:
        col = text_lines[ln - 1].find(expr)
        if col >= 0:
            return ln, col + 1
    return block.line, 1


def _report(diags: Diagnostics, exc: Exception, summary: Summary, line: int, col: int, expr: str) -> None:
    from jinja2 import TemplateSyntaxError, UndefinedError

    mark = Mark(summary.file, line, col)
    if isinstance(exc, UndefinedError):
        diags.error("unknown-data", f"{expr or 'an expression'} names data that does not exist: {exc.message}",
                    mark, expr=expr, reason=exc.message)
    elif isinstance(exc, TemplateSyntaxError):
        diags.error("summary-syntax", f"this expression is not valid: {exc.message}", mark, reason=exc.message)
    else:
        diags.error("summary-expression", f"{expr or 'an expression'} cannot be computed: {exc}", mark,
                    expr=expr, reason=str(exc))


def inline_runs(text: str) -> list[tuple[str, bool]]:
    """Split **bold** spans out of a rendered paragraph."""
    parts = re.split(r"(\*\*.+?\*\*)", text)
    runs = []
    for part in parts:
        if not part:
            continue
        if part.startswith("**") and part.endswith("**") and len(part) > 4:
            runs.append((part[2:-2], True))
        else:
            runs.append((part, False))
    return runs
