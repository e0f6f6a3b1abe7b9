"""Every figure a summary prints, found where it is written: typed in the text, or quoted from the data.

A year's prose prints figures of two sorts. Some come from the data (`{{ stats['总流通人次'] | duo }}`): next
year they change with it. The others are typed in the text (吸引 400 多名学生, 2021 年 4 月, 第七次, and the
printed text of `shown('510余')`): nothing updates them, and nothing checks them unless they are bound to data.
`find_figures` lists both, in the order they are written, so that a caller can count how much of the prose is
bound (`libreport validate --coverage`), or mark last year's typed figures for review (`libreport new`).

    from libreport.prose.literals import find_figures
    for figure in find_figures(summary):          # a model.Summary (its parsed Markdown is reused), or its text
        if figure.typed and not figure.deliberate:
            print(f"{figure.line}:{figure.col}", figure.kind, figure.text, "in", figure.sentence)

Each `Figure` has:

- `line`, `col`: where it is written in the file (1-based; the column counts characters);
- `text`: as written: `400 多`, `2021 年 4 月 24 日`, `第七次`, `510余` (a `shown` literal's printed text), or the
  whole expression `{{ stats['总流通人次'] | duo }}` for a figure quoted from the data;
- `kind`: what it is (the `KINDS`): `number` (a quantity: 15681, 400 多, 近 57.34 万, 三个), `percent`, `date`
  (a year, month, day or time of day, or a range of them: 4 月 24 日-8 月 31 日, 2019—2023 年, 20:00),
  `ordinal` (第七次, 第十一届), `shown` (the printed text of `shown('…')`, checked against the figure it is
  given) and `quoted` (an expression printing data);
- `sentence`: the sentence it stands in, as written (expressions included), for a reader to judge it by;
- `typed`: its printed text is written in the source (every kind but `quoted`);
- `bound`: it is tied to data (`quoted` and `shown`);
- `deliberate`: the writer marked it as meant to be literal: `{{ '第七次' | literal }}` prints 第七次 as written,
  and the marked text is one figure with this flag (typed, not bound), its `text` the text marked;
- `expression`: the `{{ … }}` it stands in, if any; `names`: for a quoted figure, the data it names, as
  (name, key, …) steps read from the expression without running it: `('stats', '总流通人次')`,
  `('activities', 'total', 'sessions')`, `('change', '有效借书证数')`.

What counts as a figure: Arabic digits (half- or full-width, with thousands separators, decimals, 万/亿, %,
and the approximation words of libreport.figures before and after: 约, 近, 超过, 余, 多 …; two of them on one
figure, 约170万余, stay one figure); Chinese numerals that count something (三个, 两场, 十二项: a numeral
before a measure word; 一 alone is left out, since 一次, 一场 are most often the language's, not a count);
ordinals (第 and a numeral); dates and years. Not counted: what Markdown writes around the text (heading marks,
an ordered list's numbers, a picture's file name, a link's address, HTML comments), digits inside a Latin word
(5G, H5, MP3), rough sizes in words (上万, 数千), and expressions that print no figure (`{{ library }}`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache

from libreport.figures import BEFORE, EXACT
from libreport.prose.markdown import Block, expression_spans, parse

__all__ = ["KINDS", "Figure", "blank_markup", "find_figures", "figures_in_text", "literal"]

KINDS = ("number", "percent", "date", "ordinal", "shown", "quoted")
BOUND_KINDS = frozenset(("shown", "quoted"))

_D = r"[0-9０-９]"
_NUM = rf"{_D}+(?:[,，]{_D}{{3}})*(?:[.．]{_D}+)?"
_CN = "零〇一二两三四五六七八九十百千万亿"
# Words that count what a Chinese numeral stands before: 三个空间, 两场讲座, 十二项.
_MEASURE = ("个|场次|场|人次|次|名|人|项|家|所|位|期|本|册|种|批|座|处|类|支|件|篇|届|年|天|月|周|小时|"
            "条|部|间|台|套|幅|首|门|节|课|份|张|块|栋|层|轮|组|队|区|街|站|馆|点|万|亿")
_BEFORE = "|".join(re.escape(w) for w in sorted(BEFORE + EXACT, key=len, reverse=True) if w not in EXACT)
_DAY = rf"{_D}{{1,2}}\s*[日号]"
_MONTH = rf"{_D}{{1,2}}\s*月(?:份)?(?:\s*{_DAY})?"
_YEAR = rf"(?:{_D}{{4}}|[〇零一二三四五六七八九]{{4}})\s*年(?!代)(?:\s*{_MONTH})?"
_ISO = rf"{_D}{{4}}[-./]{_D}{{1,2}}(?:[-./]{_D}{{1,2}})?(?![0-9.])"
_TIME = rf"{_D}{{1,2}}[:：]{_D}{{2}}(?![0-9])"
_ONE_DATE = rf"(?:{_ISO}|{_YEAR}|{_MONTH}|{_DAY}|{_TIME})"
_RANGE = r"\s*(?:——|[-－—–~～至到])\s*"
_PATTERN = (
    rf"(?P<date>(?:{_D}{{1,4}}{_RANGE}(?={_ONE_DATE}))?{_ONE_DATE}(?:{_RANGE}{_ONE_DATE})?)"
    rf"|(?P<ordinal>第\s*(?:{_D}+|[{_CN}]+)(?:\s*(?:{_MEASURE}))?)"
    rf"|(?P<number>(?:(?:{_BEFORE})\s*)?{_NUM}(?:\s*[万亿](?:\s*[余多])?|\s*[余多](?:\s*[万亿])?)?"
    rf"(?:\s*(?P<pct>[%％]))?)"
    rf"|(?P<cn>(?:[{_CN}]{{2,}}|[两二三四五六七八九十])(?:余|多)?(?=\s*(?:{_MEASURE})))"
)


@cache
def _pattern() -> re.Pattern:
    """Compiled on first use: its many classes of full-width digits are slow to compile, and the `literal`
    filter, which every build imports, never needs it."""
    return re.compile(_PATTERN)


_LATIN = re.compile(r"[A-Za-z]")
_SENTENCE_END = "。！？!?；;"
_NOT_FIGURES = frozenset(("library",))  # names whose value is no figure
_LITERAL_CALL = re.compile(r"^\{\{-?\s*(?P<q>['\"])(?P<text>.*?)(?P=q)\s*\|\s*literal\b(?:\([^)]*\))?\s*-?\}\}$", re.S)
_SHOWN = re.compile(r"\bshown\(\s*(?P<q>['\"])(?P<text>.*?)(?P=q)", re.S)
_NAME = re.compile(r"^\{\{-?\s*(?P<name>[A-Za-z_]\w*)(?P<rest>.*)$", re.S)
_STEP = re.compile(r"\s*(?:\.(\w+)|\[\s*'([^']*)'\s*\]|\[\s*\"([^\"]*)\"\s*\]|\(\s*'([^']*)'|\(\s*\"([^\"]*)\")")


@dataclass(frozen=True)
class Figure:
    """One printed figure, where it is written (see the module's description)."""

    line: int
    col: int
    text: str
    kind: str
    sentence: str
    deliberate: bool = False
    expression: str | None = None
    names: tuple[str, ...] = field(default=())

    @property
    def typed(self) -> bool:
        return self.kind != "quoted"

    @property
    def bound(self) -> bool:
        return self.kind in BOUND_KINDS


def literal(text, reason=None) -> str:
    """The `literal` filter: `text` printed as written, a figure the writer means to stay literal."""
    from libreport.figures import Unavailable
    from libreport.messages import Both

    if not isinstance(text, str) or not text.strip():
        raise Unavailable(Both("literal takes the text as printed, in quotes: {{ '第七次' | literal }}",
                               "literal 的对象是照印的文字，加引号：{{ '第七次' | literal }}"))
    if reason is not None and not isinstance(reason, str):
        raise Unavailable(Both("literal('…') takes the reason the figure is literal, in quotes",
                               "literal('…') 写数字照印的理由，加引号"))
    return text


def find_figures(summary) -> list[Figure]:
    """The figures of a summary: a model.Summary (its parsed Markdown is reused) or a summary's text."""
    if isinstance(summary, str):
        return figures_in_text(summary)
    from libreport.prose.summary import parsed

    return figures_in_text(summary.text, parsed(summary).blocks)


def figures_in_text(text: str, blocks: list[Block] | None = None) -> list[Figure]:
    """The figures of a summary's text, block by block (`blocks`: its parsed Markdown, read again if not given)."""
    if blocks is None:
        blocks = parse(text).blocks
    lines = text.split("\n")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    blank = blank_markup(text)
    spans = expression_spans(text)
    found: list[Figure] = []
    for block in blocks:
        numbers = [n for n in dict.fromkeys(block.lines) if 1 <= n <= len(lines)]
        if not numbers:
            continue
        raw, scan, where = _block_text(block, numbers, lines, starts, text, blank)
        found += _in_block(raw, scan, where, spans, text, starts)
    # a paragraph and the picture in it share the picture's line: each figure once
    return sorted({(f.line, f.col): f for f in found}.values(), key=lambda f: (f.line, f.col))


# -- reading a block ----------------------------------------------------------------------------------

def blank_markup(text: str) -> str:
    """The text with what is not prose of its own replaced by a filler (NUL) of the same length, so that offsets
    still hold: expressions, HTML comments and tags, link and picture addresses, web addresses."""
    chars = list(text)

    def fill(start: int, end: int) -> None:
        for k in range(start, end):
            if chars[k] != "\n":
                chars[k] = "\x00"

    for start, end in expression_spans(text):
        fill(start, end)
    for pattern in (r"<!--.*?-->", r"\]\([^)\n]*\)", r"<[a-z]+:[^>\s]*>", r"(?:https?|ftp)://[^\s）)，。]*",
                    r"<[^>\n]*>"):
        for m in re.finditer(pattern, text, re.S):
            fill(m.start(), m.end())
    return "".join(chars)


def _block_text(block: Block, numbers: list[int], lines: list[str], starts: list[int], text: str, blank: str):
    """The block's lines as written and as scanned, joined by line breaks, with each character's offset in the
    file; Markdown's marks at the start of a line (heading, list item, quotation) are left out of the scan."""
    raw: list[str] = []
    scan: list[str] = []
    where: list[int] = []
    for k, n in enumerate(numbers):
        at, end = starts[n - 1], starts[n - 1] + len(lines[n - 1])
        lead = re.match(r"[ \t]*(?:>[ \t]?)*", text[at:end])
        skip = lead.end() if lead else 0
        if k == 0:
            marker = _HEADING if block.kind == "heading" else _ITEM if block.kind == "item" and block.first else None
            m = marker.match(text, at + skip, end) if marker else None
            if m:
                skip = m.end() - at
        if k:
            raw.append("\n")
            scan.append("\n")
            where.append(at - 1)
        raw.append(text[at + skip:end])
        scan.append(blank[at + skip:end])
        where.extend(range(at + skip, end))
    return "".join(raw), "".join(scan), where


_HEADING = re.compile(r"#{1,6}(?:[ \t]+|$)")
_ITEM = re.compile(r"(?:[-*+]|[0-9]{1,9}[.)])(?:[ \t]+|$)")


def _in_block(raw: str, scan: str, where: list[int], spans: list[tuple[int, int]], text: str,
              starts: list[int]) -> list[Figure]:
    found: list[Figure] = []
    first, last = where[0], where[-1] + 1
    for start, end in spans:
        if start < first or start >= last:
            continue
        local = _local(where, start)
        sentence = _sentence(raw, local)
        found += _in_expression(text[start:end], start, sentence, text, starts)
    for m in _pattern().finditer(scan):
        figure = _typed(m, scan)
        if figure is None:
            continue
        kind, at, printed = figure
        line, col = _line_col(starts, where[at])
        found.append(Figure(line, col, printed, kind, _sentence(raw, at)))
    return found


def _typed(m: re.Match, scan: str) -> tuple[str, int, str] | None:
    """(kind, offset, printed text) of a figure the pattern found, or None for digits that are no figure."""
    group = m.lastgroup or ""
    printed = m.group(group)
    at = m.start(group)
    if group == "pct":
        group, printed, at = "number", m.group("number"), m.start("number")
    before = scan[at - 1] if at else " "
    after = scan[m.end():m.end() + 1]
    if group in ("number", "date", "ordinal") and (_LATIN.match(before) or _LATIN.match(after)):
        return None  # 5G, H5, MP3, B1: digits inside a name
    if group == "number" and (before.isdigit() or before in ".．"):
        return None
    if group == "cn":
        if before in "数几上":  # 数千, 几百, 上万: a rough size in words, no figure
            return None
        group = "number"
    if group == "number" and m.group("pct"):
        group = "percent"
    return group, at, printed.rstrip()


def _in_expression(expr: str, start: int, sentence: str, text: str, starts: list[int]) -> list[Figure]:
    """The figures one `{{ … }}` prints: a marked literal's, a `shown` literal's, or the data it quotes."""
    if not expr.startswith("{{"):
        return []  # a tag or a comment prints no figure of its own
    literal = _LITERAL_CALL.match(expr)
    if literal:  # the marked text is one figure, of the kind its first figure is (a number if it has none)
        inner = literal.group("text")
        line, col = _line_col(starts, start + literal.start("text"))
        kinds = [typed[0] for typed in (_typed(m, inner) for m in _pattern().finditer(inner)) if typed is not None]
        return [Figure(line, col, inner, kinds[0] if kinds else "number", sentence, deliberate=True,
                       expression=expr)]
    names = _names(expr)
    if names[:1] and names[0] in _NOT_FIGURES or names[-1:] == ("names",):
        return []  # no figure: the library's name, a counted list's names
    shown = list(_SHOWN.finditer(expr))
    if shown:
        out = []
        for m in shown:
            line, col = _line_col(starts, start + m.start("text"))
            out.append(Figure(line, col, m.group("text"), "shown", sentence, expression=expr, names=names))
        return out
    line, col = _line_col(starts, start)
    return [Figure(line, col, expr, "quoted", sentence, expression=expr, names=names)]


def _names(expr: str) -> tuple[str, ...]:
    """The data an expression names, read as written: stats['藏量'] → ('stats', '藏量')."""
    m = _NAME.match(expr)
    if not m:
        return ()
    names = [m.group("name")]
    rest = m.group("rest")
    at = 0
    while True:
        step = _STEP.match(rest, at)
        if not step:
            break
        names.append(next(g for g in step.groups() if g is not None))
        at = step.end()
    return tuple(names)


def _local(where: list[int], offset: int) -> int:
    from bisect import bisect_left

    return min(bisect_left(where, offset), len(where) - 1)


def _sentence(raw: str, at: int) -> str:
    """The sentence around offset `at`: from after the last sentence end before it to its own end."""
    start = max(raw.rfind(c, 0, at) for c in _SENTENCE_END) + 1
    ends = [k for k in (raw.find(c, at) for c in _SENTENCE_END) if k >= 0]
    end = min(ends) + 1 if ends else len(raw)
    sentence = re.sub(r"\s*\n\s*", "", raw[start:end]).strip()
    return re.sub(r"!?\[([^\]]*)\]\([^)]*\)", r"\1", sentence)  # a picture or link: its words


def _line_col(starts: list[int], offset: int) -> tuple[int, int]:
    from bisect import bisect_right

    line = bisect_right(starts, offset)
    return line, offset - starts[line - 1] + 1
