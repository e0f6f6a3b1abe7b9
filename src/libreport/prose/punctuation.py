"""Half-width punctuation typed between Chinese characters (`,` `!` `(` `)` `:` `;` `?`), which a Chinese report
prints full-width: a warning at its line and column, naming the character to type instead."""

from __future__ import annotations

import re

from libreport.diagnostics import Diagnostics, Mark
from libreport.model import Summary

FULL_WIDTH = {",": "，", "!": "！", "(": "（", ")": "）", ":": "：", ";": "；", "?": "？"}
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_CJK_PUNCT = r"\u3000-\u303f\uff01-\uff0f\uff1a-\uff20\u201c\u201d\u2018\u2019\u2026\u2014"
_MARK = re.compile(rf"(?<=[{_HAN}{_CJK_PUNCT}])[,!():;?](?=[{_HAN}{_CJK_PUNCT}])")
_HAN_CHAR = re.compile(f"[{_HAN}]")


def check_punctuation(summary: Summary, diags: Diagnostics) -> None:
    """Each half-width mark with Chinese on both sides: characters, or a character on one side and Chinese
    punctuation on the other (（含分馆)。 is as wrong as 分馆)的). Expressions, addresses and comments are not prose."""
    from libreport.prose.literals import blank_markup
    from libreport.prose.summary import parsed

    lines = blank_markup(summary.text).split("\n")
    seen: set[int] = set()
    for block in parsed(summary).blocks:
        for number in block.lines:
            if number in seen or not 1 <= number <= len(lines):
                continue
            seen.add(number)
            line = lines[number - 1]
            for m in _MARK.finditer(line):
                if not (_HAN_CHAR.match(line[m.start() - 1]) or _HAN_CHAR.match(line[m.end()])):
                    continue  # between two marks of Chinese punctuation only
                char = m.group()
                diags.warning("half-width-punctuation", Mark(summary.file, number, m.start() + 1), char=char,
                              full=FULL_WIDTH[char])
