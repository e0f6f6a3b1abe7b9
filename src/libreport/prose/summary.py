"""The work summary: Markdown read with markdown-it-py, and figures quoted through a Jinja sandbox.

Each paragraph, list item, heading and picture is its own block with the lines it spans, so an
expression that names unknown data is reported at its own line and column. The prose is
user-written, so it runs in Jinja's immutable sandbox with StrictUndefined; the data it quotes is
passed in as values and never evaluated as template text, nor read as Markdown.
"""

from __future__ import annotations

import re
from contextlib import ExitStack
from dataclasses import replace
from pathlib import Path

from libreport.diagnostics import Diagnostics, Mark
from libreport.housestyle import current, printing
from libreport.messages import Both
from libreport.model import Summary
from libreport.prose.markdown import Block, join_lines, parse
from libreport.tofill import wording

__all__ = ["Block", "check_placeholders", "number_headings", "parse_blocks", "render_summary"]

MAX_EXPRESSIONS = 2_000  # a long summary quotes a few hundred figures
_HAND_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+、|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|[①-⑳])")
AN_EXPRESSION = Both("an expression", "表达式")
LEVELS = 4


def parse_blocks(text: str) -> list[Block]:
    return parse(text).blocks


def parsed(summary: Summary):
    """The summary's Markdown, parsed once however many steps read it (markdown-it-py is pure Python)."""
    if summary.parsed is None:
        summary.parsed = parse(summary.text)
    return summary.parsed


def number_headings(blocks: list[Block], counters: list[int] | None = None) -> list[int]:
    """Number headings per level, restarting below each higher heading; the template or report.yaml words
    the number. `counters` carries the numbering on from the summary before (a section without a title
    continues the text before it); they are updated in place and returned."""
    counters = counters if counters is not None else [0] * LEVELS
    for block in blocks:
        if block.kind != "heading":
            continue
        level = block.level
        counters[level - 1] += 1
        for deeper in range(level, LEVELS):
            counters[deeper] = 0
        block.number = counters[level - 1]
    return counters


def check_placeholders(summary: Summary, title: str | None, diags: Diagnostics) -> None:
    """A to-fill warning for a summary that is still `new`'s skeleton, or for each placeholder left in it.
    A summary without a title is named by its file alone (never `summary.md: summary.md`)."""
    blocks = parsed(summary).blocks
    paragraphs = [b for b in blocks if b.kind in ("paragraph", "item")]
    marker = wording()  # what `new` and `init` write where text is still to write
    holes = [b for b in paragraphs if marker in b.source]
    hole_ids = {id(b) for b in holes}
    if holes and len(holes) == len(paragraphs):
        diags.warning("to-fill", Mark(summary.file, holes[0].line, 1), file=summary.file, title=title or "",
                      marker=marker, variant="skeleton" if title else "skeleton-untitled")
        return
    heading = ""
    for block in blocks:
        if block.kind == "heading":
            heading = block.source
        elif id(block) in hole_ids:
            where = " › ".join(w for w in (title, heading) if w)
            diags.warning("to-fill", Mark(summary.file, block.line, 1), file=summary.file, where=where,
                          marker=marker, variant="placeholder" if where else "placeholder-untitled")


def render_summary(summary: Summary, context: dict, diags: Diagnostics, counters: list[int] | None = None,
                   folder: Path | None = None) -> list[Block]:
    """Parse and render the summary; every failing expression and every picture that cannot be printed
    gets a diagnostic. `folder` is the year folder pictures must lie in (default: the summary's folder)."""
    from libreport.prose.pictures import load_picture
    from libreport.prose.sandbox import compile_snippet
    from libreport.prose.shown import watching

    read = parsed(summary)
    for issue in read.issues:
        diags.warning("markdown", Mark(summary.file, issue.line, issue.column), variant=issue.variant)
    blocks = read.blocks
    number_headings(blocks, counters)
    text_lines = summary.text.split("\n")
    counted = 0
    scope = ExitStack()  # the figure spacing a paragraph or a heading's part sets (`<!-- figures: … -->`)
    for block, spacing in zip(blocks, _spacings(blocks)):
        scope.close()
        block.spacing = spacing  # as printed, for the writers: the paragraph's own, or its part's
        if spacing is not None:
            scope.enter_context(printing(replace(current(), spacing=spacing)))
        if block.kind == "heading" and _HAND_NUMBER.match(block.source):
            diags.warning("heading-number", Mark(summary.file, block.line, 1))
        if block.kind == "picture" and block.picture is not None:
            written = text_lines[block.line - 1] if block.line <= len(text_lines) else ""
            block.picture.column = max(written.find("!["), 0) + 1
            at = Mark(summary.file, block.line, block.picture.column)
            if block.picture.src.strip():
                block.image = load_picture(block.picture, summary.file.parent, folder or summary.file.parent, diags,
                                           at)
            else:  # ![caption](): no picture to hand, the caption printed alone (图 n …)
                diags.note("caption-alone", at, caption=block.picture.caption)
            block.template = block.picture.caption
        if "{" not in block.source:
            block.text = block.template
            continue
        failed = False
        expressions = _expressions(block.source)
        counted += len(expressions)
        if counted > MAX_EXPRESSIONS:  # each one is compiled and rendered: their number is bounded too
            diags.error("too-many-expressions", Mark(summary.file, block.line, 1), file=summary.file,
                        limit=MAX_EXPRESSIONS)
            break
        if "{%" not in block.source:
            after = (0, 0)  # the same expression written twice is located twice, not both at the first
            for expression in expressions:
                try:
                    with watching() as found:
                        compile_snippet(expression).render(context)
                except Exception as exc:  # user-written: any failure is a diagnostic, never a traceback
                    failed = True
                    line, col = after = _locate(block, expression, text_lines, after)
                    if not _undeclared_table(diags, expression, context, folder or summary.file.parent,
                                             Mark(summary.file, line, col)):
                        _report(diags, exc, summary, line, col, expression)
                    continue
                if found:  # a figure printed otherwise than the data has it: said where it is written
                    line, col = after = _locate(block, expression, text_lines, after)
                    _shown(diags, found, summary, line, col, expression, text_lines[line - 1][:col - 1])
        if failed:
            continue
        try:
            with watching() as found:
                block.text = join_lines(compile_snippet(block.template).render(context))
            if found and "{%" in block.source:  # its expressions were not rendered one by one above
                _shown(diags, found, summary, block.line, 1, AN_EXPRESSION)
        except Exception as exc:  # user-written: any failure is a diagnostic
            kind = type(exc).__name__
            if kind == "TemplateSyntaxError":
                line, col = _locate_unclosed(block, text_lines)
                _report(diags, exc, summary, line, col, "")
                continue
            if kind in ("UndefinedError", "SecurityError", "TemplateRuntimeError"):
                _report(diags, exc, summary, block.line, 1, "")
                continue
            diags.error("summary-expression", Mark(summary.file, block.line, 1), reason=str(exc), variant="block")
    scope.close()
    return blocks


def _spacings(blocks: list[Block]) -> list[str | None]:
    """The figure spacing each block is printed with, where the text sets one: a paragraph's own, else that of
    the nearest heading above it (and its part) that sets one; None: the report's."""
    out: list[str | None] = []
    above: list[tuple[int, str | None]] = []  # (level, spacing) of the headings the block stands under
    for block in blocks:
        if block.kind == "heading":
            above = [(level, s) for level, s in above if level < block.level] + [(block.level, block.spacing)]
        out.append(block.spacing or next((s for _level, s in reversed(above) if s), None))
    return out


def _expressions(text: str) -> list[str]:
    """Each `{{ … }}` of a block, in order: from an opening to the first closing after it (found with two
    searches each, so a block of a million unclosed `{{` is read once, not a million times)."""
    found: list[str] = []
    at = 0
    while True:
        start = text.find("{{", at)
        end = text.find("}}", start + 2) if start >= 0 else -1
        if end < 0:
            return found
        found.append(text[start:end + 2])
        at = end + 2


_OPEN = re.compile(r"\{\{|\{%")


def _locate_unclosed(block: Block, text_lines: list[str]) -> tuple[int, int]:
    """Where the first `{{` / `{%` not closed before the next one starts. A paragraph is compiled as one
    joined line, so Jinja's own line number is always the paragraph's first; this finds the right one."""
    from bisect import bisect_left

    openers = list(_OPEN.finditer(block.source))
    closers = {close: [m.start() for m in re.finditer(f"(?={re.escape(close)})", block.source)]
               for close in ("}}", "%}")}
    for k, m in enumerate(openers):
        positions = closers["}}" if m.group() == "{{" else "%}"]
        i = bisect_left(positions, m.end())
        end = positions[i] if i < len(positions) else -1
        following = openers[k + 1].start() if k + 1 < len(openers) else len(block.source)
        if end < 0 or end > following:
            seen = 0
            for ln in block.lines:
                for n in _OPEN.finditer(text_lines[ln - 1]):
                    if seen == k:
                        return ln, n.start() + 1
                    seen += 1
    return block.line, 1


def _locate(block: Block, expr: str, text_lines: list[str], after: tuple[int, int] = (0, 0)) -> tuple[int, int]:
    """Line and column of `expr`, searching after the (line, column) of the previous one found."""
    from bisect import bisect_left

    for ln in block.lines[bisect_left(block.lines, after[0]):]:
        text, start = text_lines[ln - 1], after[1] if ln == after[0] else 0
        col = text.find(expr, start)
        if col >= 0:
            return ln, col + 1
        col = text.find("{{", start)  # an expression running on into the next line starts with the rest of this one
        while col >= 0:
            if expr.startswith(text[col:].rstrip()):
                return ln, col + 1
            col = text.find("{{", col + 1)
    return block.line, 1


_TABLE = re.compile(r"""\btables\s*\[\s*(['"])(?P<key>[^'"]+)\1\s*\]""")


def _undeclared_table(diags: Diagnostics, expr: str, context: dict, folder: Path, mark: Mark) -> bool:
    """A table quoted by a name report.yaml gives no table: the file of that name in the year folder, said in the
    words report.yaml uses (list it as a section to print it, under `data:` to quote it alone)."""
    m = _TABLE.search(expr)
    if m is None or m["key"] in (context.get("tables") or {}):
        return False
    key = m["key"]
    from glob import escape

    files = [p.name for p in sorted(folder.glob(f"{escape(key)}.*")) if p.suffix in (".yaml", ".yml")]
    known = "、".join(sorted({k for k in (context.get("tables") or {})})) or "—"
    if files:
        diags.error("unknown-data", mark, expr=expr, table=files[0], variant="table-file")
    else:
        diags.error("unknown-data", mark, expr=expr, key=key, known=known, variant="table")
    return True


def _shown(diags: Diagnostics, found: list, summary: Summary, line: int, col: int, expr, before: str = "") -> None:
    """What `shown` filters found: a warning for a printed figure the data does not allow, acknowledged where
    the filter gives the reason it is kept (`shown('1263', accept='…')`); and for a change printed without its
    direction (`同比增长 {{ change('接待读者').percent }}`), a warning where the words before it say the other."""
    from libreport.accept import Acknowledgment, acknowledge
    from libreport.compute.change import Change

    mark = Mark(summary.file, line, col)
    for finding in found:
        if isinstance(finding, Change):
            _direction(diags, finding, mark, expr, before)
            continue
        if not finding.agrees:
            diags.warning("shown-mismatch", mark, expr=expr, printed=finding.printed, value=finding.value)
        if finding.accept is not None:
            acknowledge(diags, Acknowledgment(summary.file, (line, col), (line, col + 1), "shown-mismatch",
                                              finding.accept, mark, inline=True))


def _direction(diags: Diagnostics, change, mark: Mark, expr: str, before: str) -> None:
    from libreport.compute.change import direction

    said = _SAID.search(before)
    if said is None:
        return
    if direction(said[1]) != change.sign:
        diags.warning("change-direction", mark, expr=expr, word=said[1], name=change.name, change=str(change),
                      now=change.now.printed(), year=change.year, before=change.before.printed())


_SAID = re.compile(r"(增长|增加|提高|上升|增幅|下降|减少|降低|回落|下滑|降幅)了?\s*(?:约|近|超过)?\s*$")


def _report(diags: Diagnostics, exc: Exception, summary: Summary, line: int, col: int, expr: str) -> None:
    # Judged by class name: importing jinja2 just to recognise its errors would cost every run 50 ms.
    kind = type(exc).__name__
    mark = Mark(summary.file, line, col)
    if kind == "UndefinedError":
        diags.error("unknown-data", mark, expr=expr or AN_EXPRESSION, reason=getattr(exc, "message", str(exc)))
    elif kind == "TemplateSyntaxError":
        diags.error("summary-syntax", mark, reason=getattr(exc, "message", str(exc)))
    else:
        diags.error("summary-expression", mark, expr=expr or AN_EXPRESSION, reason=str(exc))
