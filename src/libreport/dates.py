"""The date forms annual reports use, parsed into spans within a year.

A span keeps the text it was written as, because the report prints dates the
way the office wrote them (`4-6月`, `2月10日-28日`), and a precision so that
`12月` is known to be a whole month and `全年` the whole year.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

DASH = r"\s*(?:-{1,2}|—{1,2}|–|－|~|～|至)\s*"
_FULLWIDTH = str.maketrans("０１２３４５６７８９", "0123456789")


class DateError(ValueError):
    """A date that cannot be read; `kind` says which diagnostic fits."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind  # "form" | "impossible" | "reversed"


@dataclass(frozen=True)
class Span:
    start: date
    end: date
    precision: str  # "day" | "month" | "part-year" (上半年, 第一季度) | "year"
    text: str  # as written (spaces removed)

    @property
    def filed_with_the_year(self) -> bool:
        """Whether the chronicle files the entry after the months rather than under one: 全年, 上半年, 第三季度."""
        return self.precision in ("year", "part-year")

    @property
    def month(self) -> int:
        return self.start.month


MAX_TEXT = 64  # the longest form (2021年4月24日-2021年8月31日) is under 30 characters


def _short(text: str, forms: str) -> None:
    """A text far longer than any date form is refused before any pattern looks at it."""
    if len(text) > MAX_TEXT:
        raise DateError("form", f"{text[:MAX_TEXT]!r}… is far longer than a date ({forms})")


def _year_ok(year: int, text: str) -> None:
    if not 1 <= year <= 9999:
        raise DateError("impossible", f"there is no year {year} in {text!r}")


def _day(year: int, month: int, day: int, text: str) -> date:
    _year_ok(year, text)
    if not 1 <= month <= 12:
        raise DateError("impossible", f"there is no month {month} in {text!r}")
    last = calendar.monthrange(year, month)[1]
    if not 1 <= day <= last:
        raise DateError("impossible", f"{month}月 has no day {day} in {year} ({text!r})")
    return date(year, month, day)


def _month_end(year: int, month: int, text: str) -> date:
    _year_ok(year, text)
    if not 1 <= month <= 12:
        raise DateError("impossible", f"there is no month {month} in {text!r}")
    return date(year, month, calendar.monthrange(year, month)[1])


_Y = r"(?:(?P<y>\d{4})\s*年\s*)?"
_PATTERNS = [
    # 1月7日 / 2021年1月7日
    ("day", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日$")),
    # 1月1日-3月18日
    ("dayrange", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日{DASH}"
                            rf"(?P<m2>\d{{1,2}})月(?P<d2>\d{{1,2}})日$")),
    # 2月10日-28日 / 11月25—26日
    ("dayrange_same", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月(?P<d>\d{{1,2}})日?{DASH}(?P<d2>\d{{1,2}})日$")),
    # 12月
    ("month", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月(?:份)?$")),
    # 4-6月 / 4月-5月
    ("monthrange", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月?{DASH}(?P<m2>\d{{1,2}})月$")),
    # 2021.4.24-8.31 / 2021.4.24-2021.8.31 / 2021/12/28-2022/1/3 (full dates, as spreadsheets hold them)
    ("fullrange", re.compile(rf"^(?P<y>\d{{4}})[-./年](?P<m>\d{{1,2}})[-./月](?P<d>\d{{1,2}})日?{DASH}"
                             rf"(?:(?P<y2>\d{{4}})[-./年])?(?:(?P<m2>\d{{1,2}})[-./月])?(?P<d2>\d{{1,2}})日?$")),
    # 2022.11.3 / 2022/11/3 (a full date, as spreadsheets hold it)
    ("fullday", re.compile(r"^(?P<y>\d{4})[./](?P<m>\d{1,2})[./](?P<d>\d{1,2})\.?$")),
    # 3月上旬 / 3月中旬 / 3月下旬 / 3月初 / 3月底 (a part of a month)
    ("monthpart", re.compile(rf"^{_Y}(?P<m>\d{{1,2}})月(?:份)?(?P<part>上旬|中旬|下旬|初|中|底|末)$")),
    # 上半年 / 下半年 / 第一季度 / 二季度 / 年初 / 年底 (a part of the year)
    ("yearpart", re.compile(rf"^{_Y}(?P<part>上半年|下半年|第?[一二三四1-4]季度|年初|年底|年末)$")),
    # ISO: 2021-01-07, 2021-04-24/2021-08-31, 2021-12, 2021-04/2021-06, 2021
    ("iso", re.compile(r"^(?P<a>\d{4}-\d{1,2}(?:-\d{1,2})?)(?:/(?P<b>\d{4}-\d{1,2}(?:-\d{1,2})?))?$")),
]


@lru_cache(maxsize=4096)
def parse_span(text: str, year: int) -> Span:
    """Parse a chronicle date. Raises DateError with a kind for the diagnostic.

    Cached: a chronicle repeats the same few hundred dates, and a Span is immutable."""
    _short(text, "1月7日, 4月24日-8月31日, 12月, 4-6月, 全年, 2021-01-07")
    raw = text.strip()
    t = re.sub(r"\s+", "", raw.translate(_FULLWIDTH))
    if t in ("全年", f"{year}年全年", f"{year}年"):
        return Span(date(year, 1, 1), date(year, 12, 31), "year", raw)
    for kind, pattern in _PATTERNS:
        m = pattern.match(t)
        if not m:
            continue
        g = m.groupdict()
        if kind == "iso":
            return _iso_span(g["a"], g["b"], raw)
        y = int(g["y"]) if g.get("y") else year
        if kind == "fullrange":
            end = _day(int(g["y2"] or y), int(g["m2"] or g["m"]), int(g["d2"]), raw)
            return _ordered(_day(y, int(g["m"]), int(g["d"]), raw), end, "day", raw)
        if kind == "fullday":
            d = _day(y, int(g["m"]), int(g["d"]), raw)
            return Span(d, d, "day", raw)
        if kind == "monthpart":
            return _month_part(y, int(g["m"]), g["part"], raw)
        if kind == "yearpart":
            return _year_part(y, g["part"], raw)
        if kind == "day":
            d = _day(y, int(g["m"]), int(g["d"]), raw)
            return Span(d, d, "day", raw)
        if kind == "dayrange":
            start = _day(y, int(g["m"]), int(g["d"]), raw)
            return _ordered(start, _day(y, int(g["m2"]), int(g["d2"]), raw), "day", raw)
        if kind == "dayrange_same":
            mo = int(g["m"])
            return _ordered(_day(y, mo, int(g["d"]), raw), _day(y, mo, int(g["d2"]), raw), "day", raw)
        if kind == "month":
            mo = int(g["m"])
            return Span(_day(y, mo, 1, raw), _month_end(y, mo, raw), "month", raw)
        if kind == "monthrange":
            m1, m2 = int(g["m"]), int(g["m2"])
            start, end = _day(y, m1, 1, raw), _month_end(y, m2, raw)
            if (m1, m2) == (1, 12):
                return Span(start, end, "year", raw)
            return _ordered(start, end, "month", raw)
    raise DateError("form", f"{raw!r} is not a date form libreport knows "
                            "(1月7日, 4月24日-8月31日, 12月, 4-6月, 全年, 2021-01-07)")


_TEN_DAYS = {"上旬": (1, 10), "初": (1, 10), "中旬": (11, 20), "中": (11, 20), "下旬": (21, 31), "底": (21, 31),
             "末": (21, 31)}
_QUARTERS = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}


def _month_part(year: int, month: int, part: str, raw: str) -> Span:
    """上旬 is the 1st to the 10th, 中旬 the 11th to the 20th, 下旬 the 21st to the end (filed under the month)."""
    first, last = _TEN_DAYS[part]
    end = _month_end(year, month, raw)
    return Span(_day(year, month, first, raw), min(end, date(year, month, min(last, end.day))), "month", raw)


def _year_part(year: int, part: str, raw: str) -> Span:
    """A half year or a quarter is filed with the whole-year entries; 年初 under January, 年底 under December."""
    _year_ok(year, raw)
    if part in ("年初", "年底", "年末"):
        month = 1 if part == "年初" else 12
        return Span(date(year, month, 1), _month_end(year, month, raw), "month", raw)
    if part in ("上半年", "下半年"):
        first = 1 if part == "上半年" else 7
        return Span(date(year, first, 1), _month_end(year, first + 5, raw), "part-year", raw)
    quarter = _QUARTERS[part.removeprefix("第")[0]]
    return Span(date(year, 3 * quarter - 2, 1), _month_end(year, 3 * quarter, raw), "part-year", raw)


def _ordered(start: date, end: date, precision: str, raw: str) -> Span:
    if end < start:
        raise DateError("reversed", f"the range {raw!r} ends before it starts")
    return Span(start, end, precision, raw)


def _iso_one(text: str, raw: str, at_end: bool) -> tuple[date, str]:
    parts = [int(p) for p in text.split("-")]
    if len(parts) == 3:
        return _day(parts[0], parts[1], parts[2], raw), "day"
    if at_end:
        return _month_end(parts[0], parts[1], raw), "month"
    return _day(parts[0], parts[1], 1, raw), "month"


def _iso_span(a: str, b: str | None, raw: str) -> Span:
    start, prec = _iso_one(a, raw, at_end=False)
    if b is None:
        end = start if prec == "day" else _iso_one(a, raw, at_end=True)[0]
        return Span(start, end, prec, raw)
    end, prec2 = _iso_one(b, raw, at_end=True)
    precision = "day" if prec == prec2 == "day" else "month"
    whole = (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year
    if whole and precision == "month":
        precision = "year"
    return _ordered(start, end, precision, raw)


_FULL_DATE = [
    re.compile(r"^(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\s*[-./]\s*(?P<d>\d{1,2})\.?$"),
    re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日$"),
]
_YEAR_MONTH = [
    re.compile(r"^(?P<y>\d{4})\s*[-./]\s*(?P<m>\d{1,2})\.?$"),
    re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月$"),
]


@lru_cache(maxsize=4096)
def parse_day(text: str) -> date:
    """A full calendar date: 2021-01-08, 2021.1.8, 2021. 1. 8, 2021/1/8, 2021年1月8日."""
    _short(text, "2021-01-08, 2021.1.8, 2021年1月8日")
    t = text.strip().translate(_FULLWIDTH)
    for pattern in _FULL_DATE:
        m = pattern.match(t)
        if m:
            return _day(int(m["y"]), int(m["m"]), int(m["d"]), text)
    raise DateError("form", f"{text!r} is not a date (write 2021-01-08, 2021.1.8 or 2021年1月8日)")


def parse_year_month(text: str) -> date:
    """A year and month: 2021-04, 2021.4, 2021年4月. Returns the first of the month."""
    _short(text, "2021-04, 2021年4月")
    t = text.strip().translate(_FULLWIDTH)
    for pattern in _YEAR_MONTH:
        m = pattern.match(t)
        if m:
            return _day(int(m["y"]), int(m["m"]), 1, text)
    raise DateError("form", f"{text!r} is not a year and month (write 2021-04 or 2021年4月)")


_YEAR_ONLY = re.compile(r"^(?P<y>\d{4})\s*(?:年(?:度|全年)?)?$")


def parse_award_date(text: str, year: int) -> tuple[date, str]:
    """When an honour was given, as reports print it: a year and month (2021-04, 2021年4月), the year only
    (2021, 2021年, 2021年度, 全年 — the report's year), or a day (2021-04-23, 2021年4月23日). Returns the first
    day it can mean and its precision, "month", "year" or "day"."""
    _short(text, f"{year}-04, {year}年4月, {year}年, 全年, {year}年4月23日")
    t = text.strip().translate(_FULLWIDTH).replace(" ", "")
    if t == "全年":
        return date(year, 1, 1), "year"
    m = _YEAR_ONLY.match(t)
    if m:
        _year_ok(int(m["y"]), text)
        return date(int(m["y"]), 1, 1), "year"
    for parse, precision in ((parse_year_month, "month"), (parse_day, "day")):
        try:
            return parse(text), precision
        except DateError as exc:
            if exc.kind != "form":
                raise
    raise DateError("form", f"{text!r} is not a year and month, a year or a day "
                            f"(write {year}-04, {year}年4月, {year}年, 全年 or {year}年4月23日)")


# A date written in Chinese numerals, as covers print it: 二〇二四年三月, 二〇二四年三月十五日.
_CN_DIGIT = {"〇": 0, "○": 0, "零": 0, "Ｏ": 0, "一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8,
             "九": 9}
_CN_DATE = re.compile(r"^(?P<y>[〇○零Ｏ一二三四五六七八九]{4})\s*年\s*(?P<m>[一二三四五六七八九十]{1,3})\s*月"
                      r"(?:\s*(?P<d>[一二三四五六七八九十]{1,4})\s*[日号])?$")


def _cn_number(text: str) -> int | None:
    """一 … 九十九 as written in dates (十, 十一, 二十, 二十三, 三十一); None for anything else (十十, 二二)."""
    if "十" not in text:
        return _CN_DIGIT[text] if len(text) == 1 and text in _CN_DIGIT else None
    tens, _, units = text.partition("十")
    if "十" in units or len(tens) > 1 or len(units) > 1 or tens in ("〇", "○", "零", "Ｏ", "一"):
        return None
    return (_CN_DIGIT[tens] if tens else 1) * 10 + (_CN_DIGIT[units] if units else 0)


def in_arabic_numerals(text: str) -> str | None:
    """二〇二四年三月 → 2024年3月 (二〇二四年三月十五日 → 2024年3月15日), for the checks; None when `text` is no date in
    Chinese numerals. An impossible day (二〇二四年二月三十日) comes out as written, for the checks to refuse."""
    found = _CN_DATE.match(text.strip())
    if found is None:
        return None
    year = "".join(str(_CN_DIGIT[c]) for c in found["y"])
    month = _cn_number(found["m"])
    day = _cn_number(found["d"]) if found["d"] else None
    if month is None or (found["d"] and day is None):
        return None
    return f"{year}年{month}月" + (f"{day}日" if day is not None else "")
