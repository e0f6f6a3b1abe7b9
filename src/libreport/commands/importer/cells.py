"""One cell's value as the entry needs it: text joined and trimmed, and dates in any of the
forms staff type (Excel date cells, serial numbers, `2021. 1. 8`, `2021年1月8日`, `4-6月`)."""

from __future__ import annotations

import re
import unicodedata
from datetime import date, datetime, time, timedelta

from libreport.dates import DateError, Span, parse_day, parse_span

from .messages import _m


class _Bad(Exception):
    """A row that cannot be imported; the message is the reason shown to the user."""


_CJK = re.compile(r"[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef\u3000-\u303f“”‘’—…·]")


def clean_text(value) -> str:
    """A cell as text: trimmed; a line break inside the cell joins the lines (no space between Chinese)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == time(0) else value.isoformat(sep=" ")
    s = str(value).replace("\u200b", "").replace("\ufeff", "").strip()
    return _join_lines(s).replace("\t", " ")


_SPACE = " \t\u3000\xa0"


def _join_lines(s: str) -> str:
    """Each line break, with the spaces around it, becomes one space, or nothing next to a Chinese character.
    Scanned once (a pattern with spaces on both sides of the break retries every space of a long run)."""
    out, at, n = [], 0, len(s)
    for m in re.finditer(r"[\r\n]+", s):
        left, right = m.start(), m.end()
        while left > at and s[left - 1] in _SPACE:
            left -= 1
        while right < n and s[right] in _SPACE:
            right += 1
        before, after = s[left - 1:left], s[right:right + 1]
        out += [s[at:left], "" if _CJK.match(before or " ") or _CJK.match(after or " ") else " "]
        at = right
    return "".join(out) + s[at:]


_TIME_TAIL = re.compile(r"^(?P<d>.+?)(?:[ T]+\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)$")

def _day_of(value, epoch) -> date | None:
    """A single day from an Excel date cell, a serial number, 20210108 or a written full date; None if not."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (time, timedelta)):
        raise _Bad(_m("r_date_time", text=value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _number_day(value, epoch)
    s = clean_text(value)
    s = unicodedata.normalize("NFKC", s).strip()
    if len(s) > 64:  # no form of a date is this long
        return None
    if re.fullmatch(r"\d+(?:\.0+)?", s):
        return _number_day(float(s), epoch)
    m = _TIME_TAIL.match(s)
    if m:
        s = m["d"].strip()
    try:
        return parse_day(s)
    except DateError as exc:
        if exc.kind != "form":
            raise _Bad(_m("r_no_such_date", text=clean_text(value))) from exc
        return None


def _number_day(value: float, epoch) -> date:
    n = int(value)
    text = clean_text(value)
    if 19000101 <= n <= 22001231:  # 20210108 typed as a number
        try:
            return date(n // 10000, n // 100 % 100, n % 100)
        except ValueError:
            raise _Bad(_m("r_date_number", text=text)) from None
    if 1 <= value < 2958466:  # an Excel serial date (a date cell formatted as a number)
        from openpyxl.utils.datetime import from_excel

        d = from_excel(value, epoch)
        if isinstance(d, datetime) and 1950 <= d.year <= 2200:
            return d.date()
    raise _Bad(_m("r_date_number", text=text))


def coverage_date(value, year: int, epoch) -> date:
    if clean_text(value) == "":
        raise _Bad(_m("r_no_date"))
    d = _day_of(value, epoch)
    if d is not None:
        return d
    s = re.sub(r"\s+", "", unicodedata.normalize("NFKC", clean_text(value)))
    try:  # 1月8日: the year is the report's
        span = parse_span(s, year)
        if span.precision == "day" and span.start == span.end:
            return span.start
    except DateError:
        pass
    raise _Bad(_m("r_date", text=clean_text(value), problem=_m("fix_forms")))


def chronicle_text(span: Span) -> str:
    """A span in the chronicle's own forms: 1月8日, 4月24日-8月31日, 2月10日-28日, 12月, 4-6月, 全年."""
    s, e = span.start, span.end
    if span.precision == "year":
        return "全年"
    if span.precision == "day":
        if s == e:
            return f"{s.month}月{s.day}日"
        if s.month == e.month:
            return f"{s.month}月{s.day}日-{e.day}日"
        return f"{s.month}月{s.day}日-{e.month}月{e.day}日"
    if s.month == e.month:
        return f"{s.month}月"
    return f"{s.month}-{e.month}月"


def event_date(value, year: int, epoch) -> tuple[Span, str]:
    """The span of an event's date and the text to write for it."""
    raw = clean_text(value)
    if raw == "":
        raise _Bad(_m("r_no_date"))
    d = _day_of(value, epoch)
    if d is not None:
        span = Span(d, d, "day", "")
        return span, chronicle_text(span)
    s = re.sub(r"\s+", "", raw.translate(str.maketrans("０１２３４５６７８９", "0123456789")))
    s = unicodedata.normalize("NFKC", s)
    try:
        span = parse_span(s, year)
    except DateError as exc:
        if exc.kind == "impossible":
            raise _Bad(_m("r_no_such_date", text=raw)) from None
        if exc.kind == "reversed":
            raise _Bad(_m("r_reversed", text=raw)) from None
        raise _Bad(_m("r_date", text=raw, problem=_m("fix_event_forms"))) from None
    if re.match(r"^\d{4}[-./]", s):  # ISO and full-date forms become the chronicle's
        return _canonical(span, year)
    prefix = f"{span.start.year}年"
    if span.start.year == year and s.startswith(prefix) and span.end.year == year:
        shorter = s[len(prefix):]
        try:
            again = parse_span(shorter, year)
            if (again.start, again.end) == (span.start, span.end):
                return again, shorter
        except DateError:
            pass
    return span, s


def _canonical(span: Span, year: int) -> tuple[Span, str]:
    text = chronicle_text(span)
    if span.start.year == span.end.year:
        try:
            again = parse_span(text, span.start.year)
            if (again.start, again.end) == (span.start, span.end):
                return again, text
        except DateError:
            pass
    return span, span.text
