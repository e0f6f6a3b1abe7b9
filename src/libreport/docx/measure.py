"""How wide text is set, and how table columns share the text width.

Chinese characters (and the punctuation set beside them) take one em; Latin letters and digits take their
advance widths in the template's Latin font. Numbers, dates and short labels must never wrap inside a table
cell; longer text may wrap between Chinese characters and at spaces, but never inside a Latin word.
Widths are fixed in the document (a fixed-layout grid), so Word, WPS and LibreOffice draw the same columns.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from libreport.cjk import HAN, among

# Advance widths of the printable ASCII characters, in thousandths of an em: Times New Roman (Liberation
# Serif has the same metrics), regular and bold, and Arial bold, the widest of the common Latin fonts,
# which stands in for a font libreport does not know.
_SERIF = (
    250, 333, 408, 500, 500, 833, 778, 180, 333, 333, 500, 564, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 278, 278, 564, 564, 564, 444, 921, 722, 667, 667, 722, 611, 556, 722, 722, 333, 389, 722,
    611, 889, 722, 722, 556, 722, 667, 556, 611, 722, 722, 944, 722, 722, 611, 333, 278, 333, 469, 500, 333, 444,
    500, 444, 500, 444, 333, 500, 500, 278, 278, 500, 278, 778, 500, 500, 500, 500, 333, 389, 278, 500, 500, 722,
    500, 500, 444, 480, 200, 480, 541)
_SERIF_BOLD = (
    250, 333, 555, 500, 500, 1000, 833, 278, 333, 333, 500, 570, 250, 333, 250, 278, 500, 500, 500, 500, 500, 500,
    500, 500, 500, 500, 333, 333, 570, 570, 570, 500, 930, 722, 667, 722, 722, 667, 611, 778, 778, 389, 500, 778,
    667, 944, 722, 778, 611, 778, 722, 556, 667, 722, 722, 1000, 722, 722, 667, 333, 278, 333, 581, 500, 333, 500,
    556, 444, 556, 444, 333, 500, 556, 278, 333, 556, 278, 833, 556, 500, 556, 556, 444, 389, 333, 556, 500, 722,
    500, 500, 444, 394, 220, 394, 520)
_WIDE = (
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722,
    611, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556,
    611, 556, 611, 556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778,
    556, 556, 500, 389, 280, 389, 584)
_SERIF_FONTS = ("times new roman", "times", "liberation serif", "tinos", "nimbus roman")

# A cell whose text is a figure or a date: digits with separators, signs, units of time and percent.
_FIGURE_MARKS = r"\s.,，:：/%％+\-−–—~～()（）年月日号时分秒万亿多余"
_FIGURE = re.compile(rf"[\d{_FIGURE_MARKS}]*\d[\d{_FIGURE_MARKS}]*")
_LATIN_WORD = re.compile(r"[!-~]+")
# Text this short (in ems: a newspaper, a unit, a heading) reads as one label and is kept on one line.
SHORT_EMS = 9.0
EM = 1000
SLACK, SLACK_TWIPS = 30, 30  # 3 % and 1.5 pt more than the text needs


@dataclass(frozen=True)
class Face:
    """The font a paragraph style sets table text in: size in points, its Latin font, bold or not."""

    size: float
    latin: str = "Times New Roman"
    bold: bool = False

    @property
    def metrics(self) -> str:
        """Which advance widths its Latin text takes (a key of _METRICS)."""
        if self.latin.lower() in _SERIF_FONTS:
            return "serif-bold" if self.bold else "serif"
        return "wide"

    def twips(self, per_mille: int) -> int:
        """A width in thousandths of an em, in twips (1/20 pt) at this size, with room to spare: text that
        exactly fills its line is wrapped by some layouts, and fonts differ a little from their twins."""
        return -(-per_mille * int(self.size * 20) * (1000 + SLACK) // (EM * 1000)) + SLACK_TWIPS


_METRICS = {"serif": _SERIF, "serif-bold": _SERIF_BOLD, "wide": _WIDE}


# Word and LibreOffice set a little space between a Chinese character and a Latin letter or digit beside it
# (autoSpaceDE/DN, on unless a style turns it off): 2020年11月 is as wide as 2020 年 11 月.
AUTOSPACE = 250


@lru_cache(maxsize=8192)
def _ems(text: str, metrics: str) -> int:
    widths = _METRICS[metrics]
    total = 0
    before = ""  # "han" after a Chinese character, "latin" after a Latin letter or digit
    for ch in text:
        code = ord(ch)
        if 32 <= code < 127:
            total += widths[code - 32]
        elif code < 0x2000 and unicodedata.east_asian_width(ch) in ("N", "Na", "H"):
            total += 600  # other Latin-script letters: about a wide letter's width
        else:
            total += EM  # Chinese, and punctuation set in the Chinese font (the runs carry the East Asian hint)
        kind = "latin" if ch.isascii() and ch.isalnum() else "han" if among(ch, HAN) else ""
        if kind and before and kind != before:
            total += AUTOSPACE
        before = kind
    return total




def width(text: str, face: Face) -> int:
    """The width of `text` set on one line, in twips."""
    return face.twips(_ems(text, face.metrics))


def unbreakable(text: str, face: Face) -> int:
    """The widest piece of `text` that may not be broken across lines, in twips: all of it for a figure, a
    date or a short label; otherwise the longest Latin word, or one Chinese character."""
    return face.twips(_unbreakable_ems(text, face.metrics))


@lru_cache(maxsize=8192)
def _unbreakable_ems(text: str, metrics: str) -> int:
    latin = len(text.encode("ascii", "ignore"))
    # Every character but a Latin one takes at least 0.6 em: long Chinese text is not short, unmeasured.
    if (len(text) - latin) * 600 <= SHORT_EMS * EM or _FIGURE.fullmatch(text):
        whole = _ems(text, metrics)
        if whole <= SHORT_EMS * EM or _FIGURE.fullmatch(text):
            return whole
    if latin == 0:
        return EM
    return max(EM, max((_ems(word, metrics) for word in _LATIN_WORD.findall(text)), default=0))


# A heading with its unit in brackets, 接待读者（万人次）: when it cannot stand on one line, it breaks before the
# bracket, never inside the name or the unit.
_BRACKETED = re.compile(r"^(?P<name>\S.*?)(?P<unit>[（(][^（）()]+[）)])$")


def heading_pieces(text: str) -> list[str]:
    """The pieces a heading may be broken into: its name and its bracketed unit, or the heading whole."""
    m = _BRACKETED.match(text)
    return [m["name"].rstrip(), m["unit"]] if m else [text]


def heading_lines(text: str, face: Face, room: int) -> list[str]:
    """The lines a heading is set in, in a cell `room` twips wide: one when it fits, else name and unit."""
    pieces = heading_pieces(text)
    if len(pieces) == 1 or width(text, face) <= room:
        return [text]
    return pieces


def share_widths(weights: list[float], least: list[int], most: list[int], total: int,
                 whole: list[int] | None = None) -> list[int]:
    """Column widths in twips that add up to `total`.

    Each column gets its share of the width by `weights` (as snippets.yaml gives them), but never less than
    `least` (what its content needs so that nothing unbreakable wraps) and never more than `most` (its
    widest content on one line) while another column still wants more: what a column does not need goes to
    the columns that do, in proportion to their weights. When even `least` does not fit, the columns shrink
    in proportion to it. Columns of labels keep them whole first (`whole_labels`).
    """
    n = len(weights)
    weights = [max(w, 1e-6) for w in weights]
    most = [max(m, lo) for m, lo in zip(most, least)]
    least = whole_labels(least, most, total, whole)
    if sum(least) >= total:
        return _exact([lo * total / sum(least) for lo in least], total)
    if sum(most) <= total:
        spare = total - sum(most)
        return _exact([m + spare * w / sum(weights) for m, w in zip(most, weights)], total)

    def widths_at(scale: float) -> list[float]:
        return [min(max(scale * w, lo), m) for w, lo, m in zip(weights, least, most)]

    low, high = 0.0, total / min(weights)
    for _ in range(60):  # the sum grows with the scale; bisect to the scale that fills the width
        mid = (low + high) / 2
        if sum(widths_at(mid)) < total:
            low = mid
        else:
            high = mid
    return _exact(widths_at(high), total) if n else []


# A column whose widest cell takes no more than this share of the table is one of labels (a newspaper, a 版面,
# a unit): it is given all it needs before the columns of running text share the rest, which keep this much.
LABELS_SHARE = 1 / 3
TEXT_SHARE = 1 / 4


# A space between two Chinese words of a label is where the office itself breaks it: 广州越秀发布 微信公众号.
_WORD_SPACE = re.compile(r"(?<=[^\x00-\x7f]) +(?=[^\x00-\x7f])")


def label_pieces(text: str) -> list[str]:
    """The pieces of a label that each stay on one line."""
    return [piece for piece in _WORD_SPACE.split(text) if piece]


def whole_labels(least: list[int], most: list[int], total: int, whole: list[int] | None = None) -> list[int]:
    """What each column needs at least, once the columns of labels keep every label whole.

    An office never prints 广东图书馆学会公众/号 with one character on a line of its own: the short columns get
    what their labels need on one line (`whole`: the widest label, or its widest piece between Chinese words)
    before the long text column (the titles) gets the rest, as long as that keeps a quarter of the width. When
    it would not, the widest labels give way first, all to the same width."""
    whole = most if whole is None else [min(w, m) for w, m in zip(whole, most)]
    labels = [m <= total * LABELS_SHARE for m in most]
    if all(labels) or not any(labels):
        return least  # no running text to take the rest from, or no label to keep whole
    text_least = max(sum(lo for lo, label in zip(least, labels) if not label), int(total * TEXT_SHARE))

    def at(cap: float) -> list[int]:
        return [max(lo, min(w, int(cap))) if label else lo for lo, w, label in zip(least, whole, labels)]

    cap = float(max(w for w, label in zip(whole, labels) if label))
    if sum(w for w, label in zip(at(cap), labels) if label) + text_least > total:
        low, high = 0.0, cap
        for _ in range(40):
            mid = (low + high) / 2
            fits = sum(w for w, label in zip(at(mid), labels) if label) + text_least <= total
            low, high = (mid, high) if fits else (low, mid)
        cap = low
    return at(cap)


def _exact(widths: list[float], total: int) -> list[int]:
    """Whole twips adding up to `total`; the rounding goes to the widest column."""
    out = [int(w) for w in widths]
    if out:
        widest = max(range(len(out)), key=lambda i: out[i])
        out[widest] += total - sum(out)
    return out
