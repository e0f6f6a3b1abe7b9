"""`shown`: a figure the summary prints otherwise than the data has it, kept as printed and checked.

A printed report's text sometimes gives a figure that its own table gives differently (举办各类读者活动 1263 场
beside a table row of 1,236). A transcription keeps the printed words and says which figure they stand for:

    举办各类读者活动 {{ tables['indicators']['举办读者活动']['2023年'] | shown('1263') }} 场

The filter prints its text as written ('1263', '68 万余', '近 2 万', '41.8%') and checks it against the figure:
the printed text stands for the range its places and approximation word allow (1263 is 1262.5 … 1263.5, 68 万余
is 680,000 … 690,000), the figure for the range its own words allow. A 万 or 亿 in the text is counted; a text
without one is in the figure's own unit ('68.35' for 68.35 万人次). A figure without a unit (a table cell whose
unit stands in a 单位 column) may take the printed 万 as its unit's: '68 万余' stands for 68.35 there.

Where the two cannot agree, validate warns at the expression's line and column (`shown-mismatch`);
`shown('1263', accept='印刷本如此')` keeps a printed slip, as `accept:` does in a YAML file.

The findings are gathered while the summary's expressions are rendered (`watching`), and reported there
(prose/summary.py), where the expression's place is known.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from decimal import Decimal

from libreport.figures import AFTER, BEFORE, MAGNITUDES, Bounds, Figure, Unavailable, glue, overlap, split_approx
from libreport.messages import Both
from libreport.numbers import NumberFormatError, group_thousands, parse_number

_MAGNITUDE = {"万": Decimal(10_000), "亿": Decimal(100_000_000)}
_FULLWIDTH = str.maketrans("０１２３４５６７８９．，％", "0123456789.,%")


@dataclass(frozen=True)
class Finding:
    printed: str
    value: str  # the figure the printed text stands for, as the data has it
    agrees: bool
    accept: str | None  # the reason a printed slip is kept, when given


_FOUND: ContextVar[list[Finding] | None] = ContextVar("shown", default=None)


@contextmanager
def watching() -> Iterator[list[Finding]]:
    """Gather what the `shown` filters rendered inside the block say."""
    found: list[Finding] = []
    token = _FOUND.set(found)
    try:
        yield found
    finally:
        _FOUND.reset(token)


def shown(value, printed, accept=None) -> str:
    """`printed` as written; whether it agrees with `value` is gathered for validate."""
    if not isinstance(printed, str) or not printed.strip():
        raise Unavailable(Both("shown takes the figure as printed, in quotes: shown('1263')",
                               "shown 的参数是照印的数字，加引号：shown('1263')"))
    if accept is not None and (not isinstance(accept, str) or not accept.strip()):
        raise Unavailable(Both("accept= takes the reason the printed figure is kept, in quotes",
                               "accept= 写保留所印数字的理由，加引号"))
    from libreport.compute.change import Change

    if isinstance(value, Change):
        agrees, worded = _change(value, printed)
    else:
        bounds, factor = _printed(printed)
        agrees, worded = _agrees(bounds, factor, value)
    record(Finding(printed, worded, agrees, accept.strip() if accept else None))
    return printed


def record(finding) -> None:
    """A finding for the summary to report where the expression stands (a Finding, or a Change printed without
    its direction, whose direction the words before it must say)."""
    found = _FOUND.get()
    if found is not None:
        found.append(finding)


def _agrees(bounds: Bounds, factor: Decimal | None, value) -> tuple[bool, str]:
    data, data_factor, worded, has_unit = _data(value)
    # No 万 in the printed text: it counts in the figure's own unit. A figure without a unit (a table whose units
    # stand in a column of their own) does not say its magnitude: the printed 万 may be counted, or be its unit's.
    factors = [data_factor] if factor is None else [factor] if has_unit else [factor, data_factor]
    return any(overlap(_times(bounds, f), _times(data, data_factor)) for f in factors), worded


def _change(change, printed: str) -> tuple[bool, str]:
    """A printed change (32.6%, 增长 32.6%, 增加了 1,236) against the change computed from the year before: its size,
    in percent or in the item's unit, and its direction when it says one."""
    from libreport.compute.change import DOWN, UP, direction

    text = printed.strip()
    word = next((w for w in sorted(UP + DOWN, key=len, reverse=True) if text.startswith(w)), None)
    rest = text[len(word):].lstrip("了 ").strip() if word else text
    bounds, factor = _printed(rest)
    if rest.translate(_FULLWIDTH).endswith("%"):
        exact = change.exact_percent()
        size = Figure(abs(exact), unit="%") if exact is not None else None
    else:
        size = Figure(abs(change.now.value - change.before.value), unit=change.now.unit)
    if word is None:
        record(change)  # its direction is the sentence's: checked there
    agrees = size is not None and _agrees(bounds, factor, size)[0] and (word is None or
                                                                        direction(word) == change.sign)
    said = str(change) if rest.translate(_FULLWIDTH).endswith("%") else glue(
        "比上年" if change.year == change.now_year - 1 else glue(glue("比", str(change.year)), "年"),
        glue(change.by, change.now.unit or ""))
    worded = glue(change.name, said) + f"（{change.now.printed()}，{change.year}：{change.before.printed()}）"
    return agrees, worded


def _printed(text: str) -> tuple[Bounds, Decimal | None]:
    """A figure as the text prints it, without its unit: the range its number and words allow, and the 万 or 亿
    it counts in."""
    plain = text.strip().translate(_FULLWIDTH)
    if plain.endswith("%"):
        plain = plain[:-1].rstrip()
    word, rest = split_approx(plain)
    rest = rest.rstrip()
    second = None  # 约170万余: a word before the figure and one after it, both as printed
    if word in BEFORE:
        second, rest = split_approx(rest) if rest.endswith(AFTER) else (None, rest)
    factor = None
    if rest[-1:] in MAGNITUDES:
        factor, rest = _MAGNITUDE[rest[-1]], rest[:-1].rstrip()
    if word is None and rest.endswith(AFTER):  # 170万余: the word after the 万
        word, rest = split_approx(rest)
    try:
        number, _notes = parse_number(rest)
    except NumberFormatError:
        raise Unavailable(Both(f"{text!r} is not a figure as printed (1263, 68 万余, 近 2 万, 41.8%)",
                               f"{text!r} 不是照印的数字（如 1263、68 万余、近 2 万、41.8%）")) from None
    bounds = Figure(number, approx=word).bounds(rounded=True)
    if second is not None:  # what either word allows: 约170万余 is about 170 万, or a little more
        low, high = Figure(number, approx=second).bounds(rounded=True)
        bounds = min(bounds[0], low), None if high is None or bounds[1] is None else max(bounds[1], high)
    return bounds, factor


def _data(value) -> tuple[Bounds, Decimal, str, bool]:
    """The range the data's figure stands for, the magnitude its unit counts in, the figure as a message shows it,
    and whether it has a unit."""
    if isinstance(value, Figure):
        unit = value.unit or ""
        magnitude = next((m for m in MAGNITUDES if unit.startswith(m) and len(unit) > len(m)), None)
        return value.bounds(), _MAGNITUDE[magnitude] if magnitude else Decimal(1), value.printed(), bool(unit)
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool):
        number = Decimal(value)
        return (number, number), Decimal(1), group_thousands(number), False
    if isinstance(value, str):  # a table's percentage or change cell, as printed there: 109.9%, +12.5%, -4.9
        plain = value.strip().translate(_FULLWIDTH).lstrip("+＋")
        try:
            number, _notes = parse_number(plain[:-1] if plain.endswith("%") else plain)
        except NumberFormatError:
            pass
        else:
            return Figure(number).bounds(rounded=True), Decimal(1), value.strip(), plain.endswith("%")
    raise Unavailable(Both(f"shown compares a printed figure with a figure of the data, not {value!r}",
                           f"shown 把照印的数字与数据中的数字比较，而 {value!r} 不是数字"))


def _times(bounds, factor: Decimal):
    return bounds[0] * factor, bounds[1] * factor if bounds[1] is not None else None
