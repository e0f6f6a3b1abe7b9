"""Figures as printed: a number with the approximation word, unit and scope note its report prints with it.

A report says 近 57.34 万人次, 5000 余册, 1000 人次以上, 35.2%（含分馆）. A `Figure` keeps each of those pieces:
the number (what every computation uses, with the digits as written), the approximation word (printed in its
place, never computed with), the unit (printed as written, never converted) and the scope note.

Where the words go follows Chinese usage: 近/约/超过/逾 before the number; 余/多 straight after it, or after
the 万/亿 that begins the unit (57 万余人次); 以上/左右 after the whole figure with its unit (1000 人次以上).
Between digits and Chinese characters there is one space (近 57.34 万人次), and tables group thousands
(1,607,816), unless the report's house style (report.yaml `figures:`, libreport.housestyle) says otherwise.

The filters prose uses (num, wan, duo, pct, unit, noted) accept plain numbers too, so the summary can quote
any value; given a Figure, they keep its approximation word and unit.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import NoReturn

from libreport import numbers
from libreport.cjk import IDEOGRAPHIC, among
from libreport.housestyle import current, number_text, regroup
from libreport.messages import Both

# printed before the number; where one word begins another (将近, 近), the longer comes first
BEFORE = ("将近", "接近", "大约", "超过", "突破", "至少", "不少于", "不低于", "不足", "不到", "不超过", "不高于",
          "近", "约", "逾", "超")
AFTER = ("以上", "以下", "以内", "左右", "上下", "余", "多")  # printed after it
WORDS = BEFORE + AFTER
# the true number is the figure or more: 突破 18 万 (关注人数突破18万人), 逾, 以上, 5000 余 …
AT_LEAST = frozenset(("超过", "突破", "至少", "不少于", "不低于", "逾", "超", "以上", "余", "多"))
AT_MOST = frozenset(("将近", "接近", "近"))  # the true number is the figure or a little less
BELOW = frozenset(("不足", "不到", "不超过", "不高于", "以下", "以内"))  # the true number is the figure or less
ABOUT = frozenset(("约", "大约", "左右", "上下"))  # the figure is the true number rounded
_AFTER_UNIT = frozenset(("以上", "以下", "以内", "左右", "上下"))  # these follow the measure word: 1000 人次以上
# Words reports print before an exact figure (全年接待读者达 57.34 万人次): part of the sentence, not approximations.
EXACT = ("达到", "多达", "高达", "共计", "累计", "合计", "总计", "达", "共", "计", "仅")
# A rough size in words (上万, 数千, 几百, 近万): no figure at all, so it is written in the text.
_VAGUE = re.compile(r"^(?:上|数|几|好几|成|过|破)?[十百千万亿]+(?:余|多|来)?$")
MAGNITUDES = ("亿", "万")  # a unit that starts with one counts in it: 万册 is ten thousand 册

_MAGNITUDE_IN_NUMBER = re.compile(r"^(?P<number>.*?\d)\s*(?P<magnitude>[万亿])$")


class FigureError(ValueError):
    """A figure that cannot be read or used; `kind` says which: form, magnitude, percent, approx, unit, missing."""

    def __init__(self, kind: str, message: str, text: str = ""):
        super().__init__(message)
        self.kind = kind
        self.text = text


class Unavailable(Exception):
    """A value prose asked for that cannot be given; its reason is worded in the run's language (a Both)."""

    def __init__(self, reason):
        super().__init__(str(reason))
        self.reason = reason

    def __str__(self) -> str:
        return str(self.reason)


@dataclass(frozen=True, eq=False)
class Figure:
    """One printed figure. `value` is what computations use; `digits` is how the number is printed."""

    value: Decimal
    digits: str = ""  # the number as written ("57.34", "1,607,816"), or as a filter worded it ("57.34 万")
    unit: str | None = None
    approx: str | None = None  # one of WORDS
    note: str | None = None  # the scope remark printed with the figure: 含分馆
    names: tuple[str, ...] = ()  # what it counts, by name, when the source lists them (a counted list)

    def __post_init__(self) -> None:
        if not self.digits:
            object.__setattr__(self, "digits", format(self.value, "f"))
        if self.approx is not None and self.approx not in WORDS:
            raise FigureError("approx", f"{self.approx!r} is not an approximation word ({', '.join(WORDS)})",
                              self.approx)

    # -- printing ----------------------------------------------------------------------------
    # Digits and spacing follow the house style of the run (libreport.housestyle): tables group thousands
    # unless it says none; the text prints the digits as written unless it says everywhere or none.
    def _digits(self, group: bool | None) -> str:
        return regroup(self.digits, group)

    def number(self, digits: str | None = None) -> str:
        """The number with its approximation word, without the unit: 近 57.34, 5000 余, 1000 以上."""
        text = self._digits(current().grouped(table=False)) if digits is None else digits
        if self.approx in BEFORE:
            return glue(self.approx, text)
        if self.approx in AFTER:
            return glue(text, self.approx)
        return text

    def cell(self, group: bool | None = None) -> str:
        """As a table cell beside a unit column: thousands grouped (unless the house style, or `group` for the
        column, says not), approximation word kept (近 573,400)."""
        return self.number(self._digits(current().grouped(table=True) if group is None else group))

    def printed(self) -> str:
        """The whole figure with its unit, words in their places: 近 57.34 万人次, 57 万余人次, 1000 人次以上."""
        unit = self.unit or ""
        if self.approx in BEFORE or self.approx is None:
            return glue(self.number(), unit)
        digits = self._digits(current().grouped(table=False))
        if self.approx in _AFTER_UNIT:
            return glue(glue(digits, unit), self.approx)
        magnitude = next((m for m in MAGNITUDES if unit.startswith(m)), "")
        return glue(glue(glue(digits, magnitude), self.approx), unit[len(magnitude):])

    def noted(self) -> str:
        """The figure with its unit and, when it has one, its note: 近 57.34 万人次（含分馆）."""
        return self.printed() + (f"（{self.note}）" if self.note else "")

    def __str__(self) -> str:
        return self.number()

    def __format__(self, spec: str) -> str:
        return format(self.value, spec) if spec else str(self)

    def __repr__(self) -> str:
        return f"Figure({self.noted()!r})"

    # -- what the printed words allow ----------------------------------------------------------
    def bounds(self, rounded: bool = False) -> tuple[Decimal, Decimal | None]:
        """The range the true number lies in, as the printed words say (None: no upper bound).

        An exact figure is exactly itself, or with `rounded` anything that rounds to it at its last
        written place (35.2 → 35.15 … 35.25). 余/多/超过 mean the figure or more: below the next step of
        its last significant digit for 余/多 (1700 多 → 1700 … 1800; 5 万余 → 5 … 6), without limit for
        超过/逾/以上/至少; 不足/不到/以下 mean the figure or less; 近 means a little less (近 6 万 → 5.4 … 6);
        约/左右 mean rounded at that digit (约 35 → 34.5 … 35.5). 近 and 约 never reach further than a tenth of
        the figure (近 100 → 90 … 100)."""
        v = self.value
        if self.approx is None:
            if not rounded:
                return v, v
            half = last_place(v) / 2
            return v - half, v + half
        step = significant_step(v)
        if self.approx in ("余", "多"):
            return v, v + step
        if self.approx in AT_LEAST:
            return v, None
        if self.approx in BELOW:
            return min(Decimal(0), v), v
        near = abs(v) / 10  # 近 and 约 stay within a tenth of the figure: 近 100 is not 3
        if self.approx in AT_MOST:
            return max(v - step, v - near), v
        return max(v - step / 2, v - near), min(v + step / 2, v + near)

    def allows(self, true: Decimal, rounded: bool = True) -> bool:
        low, high = self.bounds(rounded)
        return low <= true and (high is None or true <= high)

    # -- arithmetic: the number, within one unit -------------------------------------------------
    def _other(self, other, doing: str) -> Decimal:
        if isinstance(other, Figure):
            if other.unit and self.unit and other.unit != self.unit:
                raise FigureError("unit", f"cannot {doing} {self.printed()} and {other.printed()}: "
                                          f"they are in different units ({self.unit}, {other.unit})")
            return other.value
        if isinstance(other, bool) or not isinstance(other, (int, Decimal, float)):
            raise TypeError(f"cannot {doing} {self.printed()} and {other!r}")
        return other if isinstance(other, Decimal) else Decimal(repr(other)) if isinstance(other, float) \
            else Decimal(other)

    def _result(self, value: Decimal) -> Figure:
        return Figure(value, unit=self.unit)

    def __add__(self, other):
        return self._result(self.value + self._other(other, "add"))

    __radd__ = __add__

    def __sub__(self, other):
        return self._result(self.value - self._other(other, "subtract"))

    def __rsub__(self, other):
        return self._result(self._other(other, "subtract") - self.value)

    def __mul__(self, other):  # a plain number: the unit no longer says what the result counts
        if isinstance(other, Figure):
            return self.value * other.value
        return self.value * self._other(other, "multiply")

    __rmul__ = __mul__

    def __truediv__(self, other):
        if isinstance(other, Figure):
            return self.value / other.value
        return self.value / self._other(other, "divide")

    def __rtruediv__(self, other):
        return self._other(other, "divide") / self.value

    def __neg__(self):
        return self._result(-self.value)

    def __abs__(self):
        return self._result(abs(self.value))

    def __eq__(self, other):  # equal numbers in different units are not equal (and ordering them is an error)
        if isinstance(other, Figure):
            return self.value == other.value and (not self.unit or not other.unit or self.unit == other.unit)
        if isinstance(other, (int, Decimal, float)) and not isinstance(other, bool):
            return self.value == other
        return NotImplemented

    def __hash__(self) -> int:
        return hash(self.value)

    def __lt__(self, other):
        return self.value < self._other(other, "compare")

    def __le__(self, other):
        return self.value <= self._other(other, "compare")

    def __gt__(self, other):
        return self.value > self._other(other, "compare")

    def __ge__(self, other):
        return self.value >= self._other(other, "compare")

    def __float__(self) -> float:
        return float(self.value)

    def __int__(self) -> int:
        return int(self.value)

    def __round__(self, places: int | None = None):
        return round(self.value, places) if places is not None else round(self.value)

    def __bool__(self) -> bool:
        return bool(self.value)


def table_number(value: Decimal | int, group: bool | None = None) -> str:
    """A computed number (a sum, last year's value, a count) as a table cell prints it, in the house style."""
    return Figure(Decimal(value)).cell(group)


Bounds = tuple[Decimal, "Decimal | None"]


def sum_bounds(figures: list[Figure]) -> Bounds:
    """The range a sum of printed figures lies in."""
    low: Decimal = Decimal(0)
    high: Decimal | None = Decimal(0)
    for f in figures:
        lo, hi = f.bounds()
        low += lo
        high = None if high is None or hi is None else high + hi
    return low, high


def overlap(a: Bounds, b: Bounds) -> bool:
    """Whether the printed words of both can be true at once: the two ranges share more than an end (510 余 is
    510 … 520 and 520 余 is 520 … 530, yet no number is both), or one is a single number the other holds."""
    low = max(a[0], b[0])
    high = a[1] if b[1] is None else b[1] if a[1] is None else min(a[1], b[1])
    if high is None or low < high:
        return True
    return low == high and (a[0] == a[1] or b[0] == b[1])


# -- reading ---------------------------------------------------------------------------------------

def split_approx(text: str) -> tuple[str | None, str]:
    """Take an approximation word off either end of `text`: '近 57.34' → ('近', '57.34')."""
    t = text.strip()
    for word in BEFORE:  # longest first where one word begins another (将近 before 近)
        if t.startswith(word):
            return word, t[len(word):].strip()
    for word in AFTER:
        if t.endswith(word):
            return word, t[:-len(word)].strip()
    return None, t


def check_word(word: str | None) -> None:
    """An approximation word given apart (`approx: 近`); raises FigureError when it is not one."""
    if word is None or word in WORDS:
        return
    if word in EXACT:
        raise FigureError("exact", f"{word} is not an approximation word: the figure after it is exact", word)
    raise FigureError("approx", f"{word!r} is not an approximation word ({', '.join(WORDS)})", word)


def parse_figure(text: str, unit: str | None = None, approx: str | None = None, note: str | None = None) -> Figure:
    """A figure as typed: '57.34', '1,607,816', '近 57.34', '5000余'. Raises FigureError saying what is wrong.

    `approx` is the word given apart (`approx: 近`); the text may carry one itself, but not both."""
    check_word(approx)
    word, rest = split_approx(text)
    exact = next((w for w in EXACT if rest.startswith(w)), None)
    if exact is not None:
        raise FigureError("exact", f"{exact} is not an approximation word: the figure after it is exact", exact)
    if _VAGUE.match(rest.replace(" ", "")):
        raise FigureError("vague", f"{text!r} is a word for a rough size, not a figure", text)
    if word is not None and approx is not None:
        raise FigureError("approx", f"{text!r} carries the approximation word {word!r} and approx: gives "
                                    f"{approx!r}; write one", text)
    if word is not None and split_approx(rest)[0] is not None:
        raise FigureError("approx", f"{text!r} has two approximation words; a figure carries one", text)
    # printed as it is summed: 1_000 (YAML's digit separator) is 1000, grouped as the house style says
    normal = rest.translate(_FULLWIDTH).replace(" ", "").replace("_", "")
    if _MAGNITUDE_IN_NUMBER.match(normal):
        raise FigureError("magnitude", f"{text!r}: 万/亿 belongs to the unit (unit: 万…), the value is the number",
                          text)
    if normal.endswith(("%", "‰")) and len(normal) > 1:
        raise FigureError("percent", f"{text!r}: the percent sign belongs to the unit (unit: \"%\")", text)
    try:
        value, _notes = numbers.parse_number(rest)
    except numbers.TooManyDigits as exc:  # kept as the cause: the reader says how many digits
        raise FigureError("form", f"{text!r} has {exc.digits} digits, more than {numbers.MAX_DIGITS}", text) from exc
    except numbers.NumberFormatError:
        raise FigureError("form", f"{text!r} is not a number", text) from None
    return Figure(value, normal, unit, word or approx, note)


_FULLWIDTH = str.maketrans("０１２３４５６７８９．，－＋％", "0123456789.,-+%")


# -- units ------------------------------------------------------------------------------------------

_ALTERNATIVES = re.compile(r"[、/／，,]")
_BRACKETED = re.compile(r"^(?P<head>[^（(]+)[（(](?P<inner>[^）)]+)[）)]$")


def measures(unit: str | None) -> frozenset[tuple[str, str]]:
    """What a unit counts, as (magnitude, measure word) pairs. A compound unit names several measure words,
    and a 万 or 亿 at its start counts every one of them: 册、件 is {册, 件}; 万册（件）, 万册、件 and 万册/件 are all
    {万册, 万件}; 万人次 is {万人次}. Nothing is converted: 万册 and 册 are different measures."""
    if not unit:
        return frozenset()
    text = unit.strip().replace(" ", "")
    bracketed = _BRACKETED.match(text)
    pieces = _ALTERNATIVES.split(bracketed["head"]) + _ALTERNATIVES.split(bracketed["inner"]) if bracketed \
        else _ALTERNATIVES.split(text)
    pieces = [p for p in pieces if p]
    if not pieces:
        return frozenset({("", text)})
    first = pieces[0]
    shared = next((m for m in MAGNITUDES if first.startswith(m) and len(first) > len(m)), "")
    out = set()
    for piece in pieces:
        own = next((m for m in MAGNITUDES if piece.startswith(m) and len(piece) > len(m)), None)
        magnitude, word = (own, piece[len(own):]) if own is not None else (shared, piece)
        out.add((magnitude, SAME_WORD.get(word, word)))
    return frozenset(out)


# Measure words that count the same thing: an event held once is one 场, one 场次 and one 次 (举办讲座 66 次 is
# 66 场次), so figures in them add up and compare. Others only look alike: 人 counts each person once and 人次 each
# visit, 篇 counts articles and 次 the times something was reported, 个, 项, 期 count what they name.
SAME_WORD = {"场次": "场", "次": "场"}


def counted_once(unit: str | None, total_unit: str | None) -> bool:
    """Whether a figure in `unit` counts each one once of what `total_unit` counts every time (人 of 人次, 册 of
    册次, in the same magnitude): a subset so counted can be no larger than the total, though never summed into it."""
    if unit is None or total_unit is None:
        return False
    total = measures(total_unit)
    return any((m, w + "次") in total for m, w in measures(unit))


def same_measure(unit: str | None, total_unit: str | None) -> bool:
    """Whether a figure in `unit` counts what a total in `total_unit` counts, so that it can be summed into it or
    compared with it: 册 into 册、件, 万件 into 万册（件）; never 册 into 万册, nor TB into 千小时."""
    if unit is None or total_unit is None:
        return False
    return unit == total_unit or bool(measures(unit) & measures(total_unit))


def same_unit(a: str | None, b: str | None) -> bool:
    """The same unit, however its brackets or separators are written (万册（件） and 万册(件))."""
    return a == b or (a is not None and b is not None and measures(a) == measures(b))


def converted(unit: str | None, other: str | None) -> bool:
    """Whether the two count the same measure words in different magnitudes (册 and 万册): comparing them would
    need a conversion, which is never made."""
    if unit is None or other is None:
        return False
    words = {w for _m, w in measures(unit)} & {w for _m, w in measures(other)}
    return bool(words) and not same_measure(unit, other)


# -- places ----------------------------------------------------------------------------------------

def last_place(value: Decimal) -> Decimal:
    """The value of one unit in the last written place: 35.20 → 0.01, 5000 → 1."""
    exponent = value.as_tuple().exponent
    return Decimal(1).scaleb(exponent if isinstance(exponent, int) else 0)


def significant_step(value: Decimal) -> Decimal:
    """One unit of the last significant digit: 5000 → 1000, 1700 → 100, 57.34 → 0.01, 126 → 1."""
    step = last_place(value)
    if step < 1:
        return step
    n = int(value.to_integral_value())
    while n and n % 10 == 0:
        n //= 10
        step *= 10
    return step


# -- spacing ---------------------------------------------------------------------------------------

def glue(left: str, right: str) -> str:
    """Join two pieces of a figure: one space between digits or Latin letters and Chinese characters
    (57.34 万人次, 近 57.34, 42.06 TB), none between Chinese characters or before a % sign (35.2%). A house style
    without spacing joins them all without one (近57.34万人次, 86.4TB); one spacing digits from Chinese only
    keeps Latin units close (18.5 万人次, 8.6TB)."""
    if not left or not right:
        return left + right
    spacing = current().spacing
    if spacing == "false":
        return left + right
    a, b = left[-1], right[0]
    if spacing == "chinese":  # only between digits and Chinese: 18.5 万人次, 8.6TB
        if (a.isdigit() and among(b, IDEOGRAPHIC)) or (among(a, IDEOGRAPHIC) and b.isdigit()):
            return f"{left} {right}"
        return left + right
    if (_latin(a) and among(b, IDEOGRAPHIC)) or (among(a, IDEOGRAPHIC) and _latin(b)) or (a.isdigit() and b.isascii()
                                                                           and b.isalpha()):
        return f"{left} {right}"
    return left + right


def _latin(c: str) -> bool:
    return c.isascii() and c.isalnum()


_GLUED = re.compile(r"(?<=[0-9A-Za-z]) (?=[\u2e80-\u9fff])|(?<=[\u2e80-\u9fff]) (?=[0-9A-Za-z])"
                    r"|(?<=[0-9]) (?=[A-Za-z])")


def spaced(text, spacing) -> str:
    """The `spacing` filter: a printed figure spaced otherwise than the house style, for this figure alone:
    `{{ stats['到馆人次'] | unit | spacing(false) }}` → 近57.34万人次; `spacing(true)`, `spacing('chinese')`."""
    from libreport.housestyle import SPACING, printing

    word = {True: "true", False: "false"}.get(spacing) if isinstance(spacing, bool) else str(spacing).lower()
    if word not in SPACING:
        raise Unavailable(Both("spacing takes true, false or 'chinese'", "spacing 的参数是 true、false 或 'chinese'"))
    plain = _GLUED.sub("", str(text))
    with printing(replace(current(), spacing=word)):
        out = plain[:1]
        for ch in plain[1:]:
            out = glue(out, ch)
    return out


# -- the filters prose and snippets use --------------------------------------------------------------

def _magnitude_check(value, doing: str) -> None:
    if isinstance(value, Figure) and value.unit and value.unit.startswith(MAGNITUDES):
        raise FigureError("unit", f"{value.printed()} is already counted in {value.unit[0]}; "
                                  f"{doing} would count it again")


def num(value):
    """Thousands grouped: 1607816 → 1,607,816 (not in a house style that groups none); a figure keeps its words
    (近 573,400)."""
    group = current().thousands != "none"
    if isinstance(value, Figure):
        return replace(value, digits=number_text(value.value, group))
    return number_text(numbers._dec(value), group)


def wan(value, places: int = 2):
    """In 万: 813700 → 81.37 万; a figure keeps its words and unit (近 57.34 万 … 人次)."""
    if isinstance(value, Figure):
        _magnitude_check(value, "wan")
        return replace(value, digits=_wan(value.value, places))
    return _wan(value, places)


def _wan(value, places: int) -> str:
    text = numbers.wan(value, places)[:-1].rstrip()  # the number of 万, rounded
    return glue(regroup(text, current().grouped(table=False)), "万")


def duo(value, unit: int | None = None):
    """A round 'more than' figure: 1266520 → 126 万多, 1747 → 1700 多."""
    if isinstance(value, Figure):
        _magnitude_check(value, "duo")
        if value.approx is not None:
            raise FigureError("approx", f"{value.printed()} is already approximate; duo would approximate it "
                                        "again: quote it as it is")
        return replace(value, digits=_duo_digits(value.value, unit), approx="多")
    return glue(regroup(_duo_digits(value, unit), current().grouped(table=False)), "多")


def _duo_digits(value, unit: int | None) -> str:
    """The round number duo says more than, with its 万 when it counts in 万: 126 万, 1700."""
    text = numbers.duo(value, unit)[:-1].rstrip()  # "126 万多" → "126 万", "1700 多" → "1700"
    if text.endswith("万"):
        return glue(text[:-1].rstrip(), "万")
    return text


def pct(value, places: int = 2) -> str:
    """A share as a percentage: 17.92%."""
    return numbers.percent(value.value if isinstance(value, Figure) else value, places)


def with_unit(value) -> str:
    """The figure with its unit, words in their places: 近 57.34 万人次."""
    if not isinstance(value, Figure):
        _not_a_figure(value, Both(f"{value!r} is a bare number: it has no unit to print",
                                  f"{value!r} 只是一个数字，没有单位可印"))
    return value.printed()


def with_note(value) -> str:
    """The figure with its unit and its note: 近 57.34 万人次（含分馆）."""
    if not isinstance(value, Figure):
        _not_a_figure(value, Both(f"{value!r} is a bare number: it has no unit or note to print",
                                  f"{value!r} 只是一个数字，没有单位或注明可印"))
    return value.noted()


def _not_a_figure(value, reason) -> NoReturn:
    """A filter of figures given something else: missing data (Jinja's StrictUndefined) is said as such."""
    fail = getattr(value, "_fail_with_undefined_error", None)
    if fail is not None:
        fail()
    raise FigureError("unit", str(reason))


FILTERS = {"num": num, "wan": wan, "duo": duo, "pct": pct, "unit": with_unit, "noted": with_note, "spacing": spaced}
