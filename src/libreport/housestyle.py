"""The house style of figures: how a library's report prints its numbers, set once in its sources.

Reports differ: one groups thousands (1,607,816), another does not (1236, 5860); one puts a space between
digits and Chinese (近 57.34 万人次), another does not (近57.34万人次). report.yaml says which:

    figures:
      thousands: tables     # tables (default) | everywhere | none
      spacing: true         # true (default) | false | chinese (86.4TB, but 18.5 万)

Everything that prints a figure — tables, the summary's quoted figures and filters, the change from last
year — asks `current()`, which `printing(style)` sets for the run of one year. Diagnostics are worded outside
it, in the default style, so their figures read the same for every library.
"""

from __future__ import annotations

import re
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from decimal import Decimal

THOUSANDS = ("tables", "everywhere", "none")
SPACING = ("true", "false", "chinese")


@dataclass(frozen=True)
class Style:
    thousands: str = "tables"  # where thousands are grouped: in tables only (the text as written), everywhere, none
    # one space between a figure's digits and the Chinese or Latin words around it ("true"), none ("false"),
    # or one between digits and Chinese only ("chinese": 18.5 万人次 but 8.6TB)
    spacing: str = "true"

    def grouped(self, table: bool) -> bool | None:
        """Whether digits are grouped in a table cell (`table`) or in the text: True, False, or None for as
        written."""
        if self.thousands == "none":
            return False
        if self.thousands == "everywhere":
            return True
        return True if table else None


DEFAULT = Style()  # grouped in tables, the text as written, digits spaced from Chinese
_CURRENT: ContextVar[Style | None] = ContextVar("libreport_house_style", default=None)


def current() -> Style:
    return _CURRENT.get() or DEFAULT


@contextmanager
def printing(style: Style | None):
    """Print figures in `style` inside the block (the default style when None)."""
    token = _CURRENT.set(style)
    try:
        yield
    finally:
        _CURRENT.reset(token)


@contextmanager
def table_grouping(thousands: bool | None):
    """Inside the block, tables group thousands as one table says (`thousands: true|false` in its file) rather
    than as the house style does; None: as the house style does."""
    if thousands is None:
        yield
        return
    with printing(replace(current(), thousands="everywhere" if thousands else "none")):
        yield


_PLAIN_DIGITS = re.compile(r"^(?P<sign>[+-]?)(?P<whole>\d{1,3}(?:,\d{3})+|\d+)(?P<frac>\.\d+)?$")


def regroup(digits: str, group: bool | None) -> str:
    """Plain digits as the style prints them: grouped (1,607,816), not (1607816), or as written (None). Anything
    else (57.34 万, a word) is left as it is; decimals stay as written (35.00)."""
    m = _PLAIN_DIGITS.match(digits)
    if group is None or m is None:
        return digits
    whole = m["whole"].replace(",", "")
    if group:
        whole = f"{int(whole):,}"
    return m["sign"] + whole + (m["frac"] or "")


def number_text(value: Decimal | int, group: bool | None) -> str:
    """A computed number (a sum, last year's value) in the style's digits (None: plain, as a number is written)."""
    return regroup(format(Decimal(value), "f"), group)
