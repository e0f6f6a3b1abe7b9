"""Which characters are Chinese, or punctuation set as wide as Chinese, by code point.

A test of one character needs no regular expression: Python's re takes milliseconds to compile a class of
thousands of code points, which every run would pay at start-up for a handful of such tests."""

from __future__ import annotations

Ranges = tuple[tuple[int, int], ...]

HAN: Ranges = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF))  # the ideographs
IDEOGRAPHIC: Ranges = ((0x2E80, 0x9FFF), (0xF900, 0xFAFF))  # radicals, kana, ideographs and their punctuation
FULL_WIDTH: Ranges = ((0x3000, 0x303F), (0xFF00, 0xFFEF))  # CJK punctuation, full-width forms
QUOTES: Ranges = ((0x2018, 0x201F), (0x2026, 0x2026), (0x2014, 0x2014))  # “ ” ‘ ’ … —, set wide in Chinese text
CIRCLED: Ranges = ((0x2460, 0x24FF),)  # ① ⑴ ⒈


def among(ch: str, *ranges: Ranges) -> bool:
    """Whether the character `ch` is in one of `ranges` (False for an empty string)."""
    if len(ch) != 1:
        return False
    code = ord(ch)
    return any(low <= code <= high for group in ranges for low, high in group)
