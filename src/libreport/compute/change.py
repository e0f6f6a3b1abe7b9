"""同比: a statistics figure against the same item of the year before, as the text words it.

`change('接待读者')` in the summary is a `Change`. Printed as it is, it words itself (比上年增长 32.6%, 比 2021 年下降
3.2%, 与上年持平); its parts print apart where the sentence words the rest itself:

    同比{{ change('接待读者').rate }}                 → 同比增长 32.6%
    同比增长 {{ change('接待读者').percent }}          → 同比增长 32.6%   (the word before it is checked)
    比上年{{ change('新办读者证').by }} 张            → 比上年增加 1236 张
    比上年增加 {{ change('新办读者证').difference }} 张 → 比上年增加 1236 张
    较上年的{{ change('文献外借').before | unit }}     → 较上年的 17.85 万册次

and a transcription keeps a printed change as printed, checked: `{{ change('接待读者') | shown('32.6%') }}`.

The year before is the latest finished year of the library in the sources (compute.context), or, where there
is none (a library's first year in libreport), the figure recorded on the item as last year's report printed it
(`last_year:` in statistics.yaml).
"""

from __future__ import annotations

from decimal import Decimal

from libreport.figures import Figure, glue
from libreport.numbers import change_percent

UP, DOWN = ("增长", "增加", "提高", "上升", "增幅"), ("下降", "减少", "降低", "回落", "下滑", "降幅")


class Change:
    """`now` against `before` (the same item `before_year`), in percent to `places` decimals, or as a difference."""

    def __init__(self, name: str, now: Figure, before: Figure, year: int, before_year: int, places: int = 1):
        self.name = name
        self.now = now
        self.before = before
        self.year = before_year
        self.now_year = year
        self._last_year = before_year == year - 1
        self.places = places

    # -- the numbers ---------------------------------------------------------------------------------
    @property
    def sign(self) -> int:
        d = self.now.value - self.before.value
        return (d > 0) - (d < 0)

    def exact_percent(self) -> Decimal | None:
        """The change in percent, unrounded (None when the year before was 0)."""
        if self.before.value == 0:
            return None
        return (self.now.value - self.before.value) * 100 / self.before.value

    def _percent(self) -> Decimal:
        pct = change_percent(self.now.value, self.before.value, self.places)
        if pct is None:
            raise ValueError(f"{self.name} was 0 in {self.year}; a change in percent cannot be given")
        return pct

    # -- as the text prints it -----------------------------------------------------------------------
    @property
    def percent(self) -> str:
        """The size of the change in percent, without its direction: 32.6%."""
        _watched(self)
        return f"{abs(self._percent())}%"

    @property
    def difference(self) -> Figure:
        """The size of the change in the item's unit, without its direction: 1236 (| unit: 1236 人次)."""
        _watched(self)
        places = max(_places(self.now.value), _places(self.before.value))
        value = abs(self.now.value - self.before.value)
        return Figure(value, format(value.quantize(Decimal(1).scaleb(-places)), "f"), self.now.unit)

    @property
    def rate(self) -> str:
        """增长 32.6%, 下降 3.2%, 持平."""
        pct = self._percent()
        return glue("增长" if pct > 0 else "下降", f"{abs(pct)}%") if pct else "持平"

    @property
    def by(self) -> str:
        """增加 1236, 减少 52, 持平 (the unit is the sentence's)."""
        if not self.sign:
            return "持平"
        return glue("增加" if self.sign > 0 else "减少", str(self.difference))

    def __str__(self) -> str:
        """比上年增长 15.0%, 比 2019 年下降 3.2%, 与上年持平, worded in the house style."""
        pct = self._percent()
        than = "比上年" if self._last_year else glue(glue("比", str(self.year)), "年")
        if pct > 0:
            return glue(f"{than}增长", f"{pct}%")
        if pct < 0:
            return glue(f"{than}下降", f"{-pct}%")
        return "与上年持平" if self._last_year else glue(glue("与", str(self.year)), "年持平")

    def __format__(self, spec: str) -> str:
        return str(self)


def _places(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def _watched(change: Change) -> None:
    """The text before a change printed without its direction says the direction: it is checked where the
    expression stands (prose.summary)."""
    from libreport.prose.shown import record

    record(change)


def direction(word: str) -> int:
    """+1 for a word saying the figure rose (增长, 增加 …), -1 for one saying it fell, 0 for another."""
    return 1 if word in UP else -1 if word in DOWN else 0
