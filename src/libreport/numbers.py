"""Numbers as Chinese reports write and print them.

Everything is Decimal so that figures keep the places they were written with
(35.00 stays 35.00) and shares round exactly as a person rounds by hand.
"""

from __future__ import annotations

import decimal
import re
from decimal import ROUND_DOWN, ROUND_HALF_UP, Decimal, InvalidOperation

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋", "0123456789.,-+")
_NUMBER = re.compile(r"^[+-]?(\d+|\d{1,3}(,\d{3})+)(\.\d+)?$")

CN_DIGITS = "零一二三四五六七八九"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


# A figure keeps every digit it is written with, up to Decimal's usual 28; longer ones are refused, never
# rounded. Sums and differences of such figures need up to 56 digits (a 28-digit whole number plus a
# 28-place fraction) and a few more for the count of terms: at this precision every one of them is exact.
MAX_DIGITS = 28
PRECISION = 100
decimal.getcontext().prec = PRECISION
decimal.DefaultContext.prec = PRECISION  # threads started later (the watcher's) get it too


class NumberFormatError(ValueError):
    pass


class TooManyDigits(NumberFormatError):
    """A number with more digits than a figure can keep exactly."""

    def __init__(self, text: str, digits: int):
        super().__init__(text)
        self.digits = digits


def parse_number(text: str) -> tuple[Decimal, list[str]]:
    """Parse a number as typed by a person.

    Returns the value and a list of notes on what was tolerated (full-width
    digits, thousands separators) so the caller can decide whether to say so.
    """
    raw = text.strip()
    notes: list[str] = []
    normal = raw.translate(_FULLWIDTH)
    if normal != raw:
        notes.append("full-width")
    normal = normal.replace(" ", "").replace("_", "")
    if not _NUMBER.match(normal):
        raise NumberFormatError(raw)
    if "," in normal:
        notes.append("separators")
        normal = normal.replace(",", "")
    whole, _, fraction = normal.lstrip("+-").partition(".")
    digits = len(whole.lstrip("0")) + len(fraction)
    if digits > MAX_DIGITS:  # said before Decimal reads a million digits
        raise TooManyDigits(raw, digits)
    try:
        return Decimal(normal), notes
    except InvalidOperation as exc:  # pragma: no cover - the regex guards this
        raise NumberFormatError(raw) from exc


def cn_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 12 → 十二, 21 → 二十一 (enough for parts, headings and months)."""
    if isinstance(n, bool) or not isinstance(n, int) or n < 0:
        raise ValueError(f"cn takes a whole number from 0 up, not {n!r}")
    if n < 10:
        return CN_DIGITS[n]
    if n < 100:
        tens, ones = divmod(n, 10)
        return ("" if tens == 1 else CN_DIGITS[tens]) + "十" + (CN_DIGITS[ones] if ones else "")
    return str(n)


def circled(n: int) -> str:
    return CIRCLED[n - 1] if 1 <= n <= len(CIRCLED) else f"({n})"


def _dec(value) -> Decimal:
    if isinstance(value, Decimal):
        return value
    if isinstance(value, bool):
        raise TypeError("a yes/no value is not a number")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value)
        except InvalidOperation:  # text given to a number filter: say so, not "[<class 'decimal.ConversionSyntax'>]"
            raise TypeError(f"not a number: {value!r}") from None
    if isinstance(value, float):
        return Decimal(repr(value))
    fail = getattr(value, "_fail_with_undefined_error", None)
    if fail is not None:  # Jinja's StrictUndefined given to a filter: raise its UndefinedError, naming the missing data
        fail()
    raise TypeError(f"not a number: {value!r}")


def _printable(d: Decimal) -> Decimal:
    """A number small enough to print in full (prose can compute one with a million digits)."""
    if not d.is_finite() or abs(d.adjusted()) > PRECISION:
        raise ValueError(f"{d:.6g} is too large or too small to print as a figure")
    return d


def _places(places) -> int:
    if isinstance(places, bool) or not isinstance(places, int) or not 0 <= places <= 10:
        raise ValueError(f"the number of decimal places must be a whole number from 0 to 10, not {places!r}")
    return places


def group_thousands(value) -> str:
    """1607816 → 1,607,816; keeps the decimals the value was written with."""
    d = _printable(_dec(value))
    sign = "-" if d < 0 else ""
    d = abs(d)
    text = format(d, "f")
    whole, _, frac = text.partition(".")
    whole = f"{int(whole):,}"
    return sign + whole + ("." + frac if frac else "")


def duo(value, unit: int | None = None) -> str:
    """A round 'more than' figure: 1266520 → 126 万多, 1747 → 1700 多.

    At ten thousand and above the figure is counted in 万; below it, it is
    floored to the hundreds (tens below a hundred). `unit` forces the step.
    """
    d = _printable(_dec(value))
    if unit is not None and (isinstance(unit, bool) or not isinstance(unit, int) or not 1 <= unit <= 10**12):
        raise ValueError(f"the step of duo must be a whole number from 1 to 10^12, not {unit!r}")
    if unit is None:
        if d >= 10000:
            return f"{int(d // 10000)} 万多"
        unit = 100 if d >= 1000 else 10
    if unit == 10000:
        return f"{int(d // 10000)} 万多"
    return f"{int(d // unit) * unit} 多"


def wan(value, places: int = 2) -> str:
    """813700 → 81.37 万 (half up to `places` decimals)."""
    d = _printable(_dec(value)) / Decimal(10000)
    q = Decimal(1).scaleb(-_places(places)) if places > 0 else Decimal(1)
    return f"{d.quantize(q, rounding=ROUND_HALF_UP)} 万"


def percent(value, places: int = 2) -> str:
    """A share stored as a percentage Decimal → 17.92%."""
    d = _printable(_dec(value))
    q = Decimal(1).scaleb(-_places(places)) if places > 0 else Decimal(1)
    return f"{d.quantize(q, rounding=ROUND_HALF_UP)}%"


def shares_half_up(counts: list[Decimal], places: int = 2) -> list[Decimal]:
    total = sum(counts, Decimal(0))
    q = Decimal(1).scaleb(-places)
    if total == 0:
        return [Decimal(0).quantize(q) for _ in counts]
    return [(c * 100 / total).quantize(q, rounding=ROUND_HALF_UP) for c in counts]


def shares_largest_remainder(counts: list[Decimal], places: int = 2) -> list[Decimal]:
    """Hamilton's method: floor every share, then hand the missing hundredths
    to the largest remainders, so the column adds up to exactly 100."""
    total = sum(counts, Decimal(0))
    q = Decimal(1).scaleb(-places)
    if total == 0:
        return [Decimal(0).quantize(q) for _ in counts]
    exact = [c * 100 / total for c in counts]
    floors = [e.quantize(q, rounding=ROUND_DOWN) for e in exact]
    missing = int(((Decimal(100) - sum(floors, Decimal(0))) / q).to_integral_value())
    order = sorted(range(len(counts)), key=lambda i: (-(exact[i] - floors[i]), i))
    for i in order[:missing]:
        floors[i] += q
    return floors


def change_percent(current, previous, places: int = 1) -> Decimal | None:
    prev = _printable(_dec(previous))
    if prev == 0:
        return None
    q = Decimal(1).scaleb(-_places(places))
    return ((_dec(current) - prev) * 100 / prev).quantize(q, rounding=ROUND_HALF_UP)
