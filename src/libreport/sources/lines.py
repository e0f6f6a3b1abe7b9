"""Text that report.yaml prints on lines of its own: one line (a library's name, a document number) or several
(a title printed on two lines, a cover's English name).

A field printed on one line refuses a line break or a tab written into it (`"…\\n…"`, a `|` block): Word and
LibreOffice would print it as a space, and the document's title would carry it raw. A field printed on several
lines takes them as a list, or as lines of one text: `title: [安澜县图书馆, 2024年工作总结]` and `title: |` with the
two lines under it are the same. Either way no line holds a tab.
"""

from __future__ import annotations

import re

import yaml

from libreport.cjk import FULL_WIDTH, IDEOGRAPHIC, QUOTES, among
from libreport.sources.reader import Reader

# What YAML (and Word) take for the end of a line: \n, \r, NEL and the Unicode line and paragraph separators.
_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def line(r: Reader, node: yaml.Node, path: str, allow_empty: bool = False) -> str | None:
    """A text printed on one line; a line break or a tab in it is an error at its line."""
    text = r.text(node, path, allow_empty=allow_empty)
    if text is None:
        return None
    tab = "\t" in text
    if _BREAK.search(text) or tab:
        r.diags.error("line-break", r.mark(node), path, what=path, variant="tab" if tab else None)
        return None
    return text


def lines(r: Reader, node: yaml.Node, path: str) -> list[str] | None:
    """The lines of a text printed on several: a list (each item one line, or lines of its own), or one text whose
    line breaks start new lines. Blank lines are left out; a tab is an error."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out: list[str] = []
    ok = True
    for i, item in enumerate(items):
        where = f"{path}[{i + 1}]" if isinstance(node, yaml.SequenceNode) else path
        text = r.text(item, where)
        if text is None:
            ok = False
            continue
        if "\t" in text:
            r.diags.error("line-break", r.mark(item), where, what=where, variant="tab")
            ok = False
            continue
        out.extend(piece.strip() for piece in _BREAK.split(text) if piece.strip())
    if not ok:
        return None
    if not out:  # an empty list: said like an empty text
        r.diags.error("empty", r.mark(node), path, what=path)
        return None
    return out


def joined(parts: list[str], digits_spaced: bool = True) -> str:
    """Lines put back into one, for where a text has one line only (the document's properties, a running header,
    a file name): nothing between Chinese text or its punctuation, a space between Latin words, and between digits
    and Chinese as the lines themselves space them (澄州市少年儿童图书馆 2023 年年报, 安澜县图书馆2024年工作总结), or as
    `digits_spaced` (the report's house style) says when they do not show it."""
    whole = "\n".join(parts)
    if re.search(_SPACED, whole):
        digits_spaced = True
    elif re.search(_TIGHT, whole):
        digits_spaced = False
    out = ""
    for part in parts:
        if out:
            left, right = out[-1], part[0]
            latin = (not among(left, IDEOGRAPHIC, FULL_WIDTH, QUOTES),
                     not among(right, IDEOGRAPHIC, FULL_WIDTH, QUOTES))
            figure = digits_spaced and any(latin) and (left.isdigit() or right.isdigit())
            if all(latin) or figure:
                out += " "
        out += part
    return out


# compiled (once) by the first join that needs them: their classes are slow to compile
_SPACED = r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d"
_TIGHT = r"\d[\u4e00-\u9fff]|[\u4e00-\u9fff]\d"
