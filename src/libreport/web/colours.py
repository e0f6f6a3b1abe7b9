"""The page's colours, from the template's theme: its accents, made readable on a light and on a dark page.

A theme's accents are chosen for bars and slices on paper (ED7D31 on white is 2.9:1); text needs 4.5:1
(WCAG AA), and a bar beside another needs to be told apart from the page (3:1). Each accent keeps its hue
and is only darkened or lightened as far as that takes.
"""

from __future__ import annotations

from dataclasses import dataclass

LIGHT_PAGE = "FFFFFF"
DARK_PAGE = "16181D"
LIGHT_TEXT = "1B1B1F"
DARK_TEXT = "E6E6EA"


def _channel(value: int) -> float:
    c = value / 255
    return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4


def luminance(hex_colour: str) -> float:
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (0, 2, 4))
    return 0.2126 * _channel(r) + 0.7152 * _channel(g) + 0.0722 * _channel(b)


def contrast(a: str, b: str) -> float:
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _mix(colour: str, towards: str, share: float) -> str:
    parts = []
    for i in (0, 2, 4):
        a, b = int(colour[i:i + 2], 16), int(towards[i:i + 2], 16)
        parts.append(f"{round(a + (b - a) * share):02X}")
    return "".join(parts)


def readable(colour: str, page: str, ratio: float) -> str:
    """`colour`, moved towards black on a light page (towards white on a dark one) in small steps until it
    stands out from `page` by `ratio`."""
    colour = colour.upper()
    towards = "000000" if luminance(page) > 0.5 else "FFFFFF"
    for step in range(21):
        mixed = _mix(colour, towards, step / 20)
        if contrast(mixed, page) >= ratio:
            return mixed
    return towards


@dataclass(frozen=True)
class Scheme:
    page: str
    text: str
    accent: str  # headings' rules, links
    series: tuple[str, ...]  # bars and slices, in the theme's order
    muted: str  # table stripes and rules


def schemes(accents: tuple[str, ...]) -> tuple[Scheme, Scheme]:
    """The light and the dark scheme of a theme's accents."""
    out = []
    for page, text in ((LIGHT_PAGE, LIGHT_TEXT), (DARK_PAGE, DARK_TEXT)):
        series = tuple(readable(a, page, 3.0) for a in accents)
        muted = _mix(page, text, 0.08)
        out.append(Scheme(page, text, readable(accents[0], page, 4.5) if accents else text, series, muted))
    return out[0], out[1]
