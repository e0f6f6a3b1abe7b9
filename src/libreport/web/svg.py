"""Charts as inline SVG, drawn from the same series as the Word edition's native charts.

Bars run across the page, each category's label above its bars, so that a long label (新时代文明实践活动) never
has to be cut and the chart reads on a phone as on a desktop. A pie is a circle with a legend beside it that
names each slice and its share. The colours are CSS variables (the theme's accents, made readable on a light
and on a dark page by the stylesheet), the text takes the page's colour. Every chart carries a text alternative
(its title and each figure); the page puts its data beside it as a table.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from decimal import Decimal
from html import escape

from libreport.cjk import FULL_WIDTH, IDEOGRAPHIC, QUOTES, among

WIDTH = 320  # the drawing's own units: about a phone's width, so that its labels read there as the text does
FONT = 13
TITLE = 14  # the chart's title, bold
LABEL_GAP = 4
BAR = 14
SERIES_GAP = 3
CATEGORY_GAP = 10
PIE_R = 64

Series = Sequence[tuple[str, Sequence[Decimal | None]]]


def places(series: Series) -> int:
    """Decimals of the labels: as many as the most precise figure has, as the Word chart's labels print."""
    found = [-e for _, values in series for v in values
             if v is not None and isinstance(e := v.as_tuple().exponent, int) and e < 0]
    return max([0, *found])


def label(value: Decimal | None, digits: int, percent: bool) -> str:
    if value is None:
        return "—"
    return f"{value:.{digits}f}" + ("%" if percent else "")


def _text_width(text: str, size: float = FONT) -> float:
    """About how wide a line of text is: a Chinese character a full em, a digit or Latin letter about half."""
    return sum(size if among(ch, IDEOGRAPHIC, FULL_WIDTH, QUOTES) else size * 0.56 for ch in text)


def describe(title: str, categories: Sequence[str], series: Series, percent: bool) -> str:
    """The chart in words, for a screen reader: the title, then each category with its figures."""
    digits = places(series)
    parts = []
    for k, category in enumerate(categories):
        figures = [f"{name} {label(values[k], digits, percent)}" if len(series) > 1 else
                   label(values[k], digits, percent) for name, values in series]
        parts.append(f"{category}：{'，'.join(figures)}")
    return (title + "。" if title else "") + "；".join(parts) + "。"


def bar_chart(ident: str, title: str, categories: Sequence[str], series: Series, percent: bool, name: str = ""
              ) -> str:
    """`title`: printed over the chart, as the Word edition's chart prints it (none when empty); `name`: what
    a screen reader calls it (the title, else its caption)."""
    digits = places(series)
    top = max((v for _, values in series for v in values if v is not None), default=Decimal(0))
    longest = max((_text_width(label(v, digits, percent)) for _, values in series for v in values), default=0)
    room = WIDTH - longest - LABEL_GAP * 2
    legend = _legend(series) if len(series) > 1 else ("", 0.0)
    y = legend[1]
    shapes = [legend[0]]
    for k, category in enumerate(categories):
        y += FONT
        shapes.append(f'<text x="0" y="{y:.1f}" class="chart-label">{escape(category)}</text>')
        y += LABEL_GAP
        for s, (_name, values) in enumerate(series):
            value = values[k]
            length = 0.0 if value is None or top <= 0 else float(value) / float(top) * room
            shapes.append(f'<rect x="0" y="{y:.1f}" width="{max(length, 0.5):.1f}" height="{BAR}" '
                          f'class="series-{s % 6 + 1}"/>')
            shapes.append(f'<text x="{length + LABEL_GAP:.1f}" y="{y + BAR - 3:.1f}" class="chart-value">'
                          f'{escape(label(value, digits, percent))}</text>')
            y += BAR + SERIES_GAP
        y += CATEGORY_GAP - SERIES_GAP
    return _svg(ident, title, name, categories, series, percent, y, "".join(shapes))


def _legend(series: Series) -> tuple[str, float]:
    """A row of swatches naming the series, above the bars; wrapped onto more rows when it is too wide."""
    out, x, y = [], 0.0, FONT
    for s, (name, _values) in enumerate(series):
        width = BAR + LABEL_GAP + _text_width(name) + 12
        if x > 0 and x + width > WIDTH:
            x, y = 0.0, y + FONT + 6
        out.append(f'<rect x="{x:.1f}" y="{y - FONT + 2:.1f}" width="{BAR - 4}" height="{BAR - 4}" '
                   f'class="series-{s % 6 + 1}"/>'
                   f'<text x="{x + BAR:.1f}" y="{y:.1f}" class="chart-label">{escape(name)}</text>')
        x += width
    return "".join(out), y + 8


def pie_chart(ident: str, title: str, categories: Sequence[str], series: Series, percent: bool, name: str = ""
              ) -> str:
    """One series' shares as slices, from twelve o'clock clockwise, in the order of the table."""
    values = series[0][1]
    digits = places(series)
    total = sum((v for v in values if v is not None and v > 0), Decimal(0))
    cx = cy = PIE_R + 2
    shapes = []
    start = -math.pi / 2
    for k, value in enumerate(values):
        if value is None or value <= 0 or total <= 0:
            continue
        sweep = float(value / total) * 2 * math.pi
        end = start + sweep
        if sweep >= 2 * math.pi - 1e-9:
            shapes.append(f'<circle cx="{cx}" cy="{cy}" r="{PIE_R}" class="series-{k % 6 + 1}"/>')
        else:
            large = 1 if sweep > math.pi else 0
            x1, y1 = cx + PIE_R * math.cos(start), cy + PIE_R * math.sin(start)
            x2, y2 = cx + PIE_R * math.cos(end), cy + PIE_R * math.sin(end)
            shapes.append(f'<path d="M{cx},{cy} L{x1:.2f},{y1:.2f} A{PIE_R},{PIE_R} 0 {large} 1 {x2:.2f},{y2:.2f} Z" '
                          f'class="series-{k % 6 + 1} slice"/>')
        start = end
    lines = [f"{category} {label(values[k], digits, percent)}" for k, category in enumerate(categories)]
    beside = cx * 2 + 16 + BAR + max((_text_width(line) for line in lines), default=0) <= WIDTH
    x = cx * 2 + 16 if beside else 0  # a legend too wide to stand beside the pie goes under it
    y = 0.0 if beside else cy * 2.0 + 6
    for k, line in enumerate(lines):
        y += FONT + 8
        shapes.append(f'<rect x="{x}" y="{y - FONT + 2:.1f}" width="{BAR - 4}" height="{BAR - 4}" '
                      f'class="series-{k % 6 + 1}"/>'
                      f'<text x="{x + BAR:.1f}" y="{y:.1f}" class="chart-label">{escape(line)}</text>')
    return _svg(ident, title, name or series[0][0], categories, series, percent, max(cy * 2 + 2, y + 8),
                "".join(shapes))


def _title(title: str) -> tuple[list[str], float]:
    """The title's lines, broken where the drawing's width ends, and the height they take."""
    lines: list[str] = []
    line = ""
    for ch in title:
        if line and _text_width(line + ch, TITLE) > WIDTH:
            lines.append(line)
            line = ""
        line += ch
    if line:
        lines.append(line)
    return lines, len(lines) * (TITLE + 6) + (6 if lines else 0)


def _svg(ident: str, title: str, name: str, categories: Sequence[str], series: Series, percent: bool,
         height: float, body: str) -> str:
    name = title or name
    words = describe(name, categories, series, percent)
    lines, above = _title(title)
    heading = "".join(f'<text x="{WIDTH / 2:.0f}" y="{(k + 1) * (TITLE + 6) - 6}" class="chart-title">'
                      f"{escape(line)}</text>" for k, line in enumerate(lines))
    return (f'<svg class="chart" viewBox="0 0 {WIDTH} {math.ceil(height + above)}" role="img" '
            f'aria-labelledby="{ident}-title {ident}-desc" xmlns="http://www.w3.org/2000/svg">'
            f'<title id="{ident}-title">{escape(name)}</title><desc id="{ident}-desc">{escape(words)}</desc>'
            f'{heading}<g transform="translate(0 {above:.0f})">{body}</g></svg>')
