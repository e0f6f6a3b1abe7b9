"""Numbers and dates as the report writes them: the narrative filters, shares, and every chronicle date form."""

from __future__ import annotations

import random
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from libreport.compute.tables import activity_table, chronicle_months
from libreport.dates import DateError, parse_day, parse_span, parse_year_month
from libreport.diagnostics import Diagnostics
from libreport.numbers import (
    NumberFormatError,
    circled,
    cn_numeral,
    duo,
    group_thousands,
    parse_number,
    percent,
    shares_half_up,
    shares_largest_remainder,
    wan,
)
from libreport.sources.sections import load_year

from .conftest import EXAMPLES, beyond_staff_to_fill

D = Decimal


def example(year: str):
    diags = Diagnostics()
    report = load_year(EXAMPLES / year, diags)
    assert beyond_staff_to_fill(diags.items) == []
    return report


# -- narrative filters: the figures of the printed 2021 summary ------------------------------------------

@pytest.mark.parametrize("value, text", [
    (1266520, "126 万多"),   # 接待读者 126 万多人次 (总流通人次)
    (1252706, "125 万多"),   # 外借书刊 125 万多册次
    (1747, "1700 多"),       # 开展线上、线下活动 1700 多场次
    (896845, "89 万多"),     # 参与活动 89 万多人次
    (10000, "1 万多"),
    (9999, "9900 多"),
    (1000, "1000 多"),
    (999, "990 多"),
    (57, "50 多"),
])
def test_duo_floors_to_a_round_figure(value, text):
    assert duo(value) == text


def test_duo_never_rounds_up():
    """“多” means more than: the printed figure must never exceed the real one."""
    for value in (19999, 99999, 1999, 199):
        head = int(duo(value).split()[0])
        unit = 10000 if "万" in duo(value) else 1
        assert head * unit <= value


def test_wan():
    assert wan(813700) == "81.37 万"
    assert wan(813750) == "81.38 万"  # half up, as by hand
    assert wan(813749) == "81.37 万"
    assert wan(1266520, 1) == "126.7 万"
    assert wan(D("35000")) == "3.50 万"


def test_group_thousands_keeps_written_decimals():
    assert group_thousands(1607816) == "1,607,816"
    assert group_thousands(D("1382804")) == "1,382,804"
    assert group_thousands(D("35.00")) == "35.00"
    assert group_thousands(D("3551725.5")) == "3,551,725.5"
    assert group_thousands(0) == "0"
    assert group_thousands(D("-1200")) == "-1,200"


def test_percent():
    assert percent(D("17.92")) == "17.92%"
    assert percent(D("17.9164")) == "17.92%"
    assert percent(D("4.865")) == "4.87%"  # half up, not to even
    assert percent(D("50")) == "50.00%"


def test_filters_refuse_what_is_not_a_number():
    with pytest.raises(TypeError, match="not a number: '越秀区图书馆'"):
        duo("越秀区图书馆")
    with pytest.raises(TypeError):
        group_thousands(True)


def test_filters_accept_numbers_written_as_text():
    assert duo("1266520") == "126 万多"
    assert group_thousands("1607816") == "1,607,816"


# -- numbers as typed in the sources ---------------------------------------------------------------------

@pytest.mark.parametrize("text, value", [
    ("1607816", D(1607816)),
    ("1,607,816", D(1607816)),
    ("１２３", D(123)),
    ("１，６０７，８１６", D(1607816)),
    ("35.00", D("35.00")),
    ("42.06", D("42.06")),
    (" 709 ", D(709)),
    ("-5", D(-5)),
])
def test_parse_number(text, value):
    parsed, _notes = parse_number(text)
    assert parsed == value
    assert str(parsed) == str(value)  # 35.00 keeps its places


@pytest.mark.parametrize("text", ["35万", "1,60,7816", "1.607.816", "约 1600", "", "--1", "1e3", "一百"])
def test_parse_number_refuses(text):
    with pytest.raises(NumberFormatError):
        parse_number(text)


def test_chinese_numerals_and_circled_numbers_for_numbering():
    assert [cn_numeral(n) for n in (1, 2, 10, 11, 12, 20, 21, 99)] == [
        "一", "二", "十", "十一", "十二", "二十", "二十一", "九十九"]
    assert [circled(n) for n in (1, 2, 10, 20)] == ["①", "②", "⑩", "⑳"]


# -- chronicle dates: every form sources.md lists ----------------------------------------------------------

@pytest.mark.parametrize("text, start, end, precision", [
    ("1月7日", (1, 7), (1, 7), "day"),
    ("4月24日-8月31日", (4, 24), (8, 31), "day"),
    ("2021.4.24-8.31", (4, 24), (8, 31), "day"),
    ("2021.4.24-2021.8.31", (4, 24), (8, 31), "day"),
    ("2021/4/24-30", (4, 24), (4, 30), "day"),
    ("2021.11.3", (11, 3), (11, 3), "day"),
    ("2021/11/3", (11, 3), (11, 3), "day"),
    ("3月上旬", (3, 1), (3, 10), "month"),
    ("3月中旬", (3, 11), (3, 20), "month"),
    ("2月下旬", (2, 21), (2, 28), "month"),
    ("12月底", (12, 21), (12, 31), "month"),
    ("上半年", (1, 1), (6, 30), "part-year"),
    ("下半年", (7, 1), (12, 31), "part-year"),
    ("第三季度", (7, 1), (9, 30), "part-year"),
    ("年底", (12, 1), (12, 31), "month"),
    ("1月1日至3月18日", (1, 1), (3, 18), "day"),
    ("4月24日 - 8月31日", (4, 24), (8, 31), "day"),
    ("2月10日-28日", (2, 10), (2, 28), "day"),
    ("2月10-28日", (2, 10), (2, 28), "day"),
    ("11月25—26日", (11, 25), (11, 26), "day"),
    ("11月25--26日", (11, 25), (11, 26), "day"),
    ("12月", (12, 1), (12, 31), "month"),
    ("12月份", (12, 1), (12, 31), "month"),
    ("2月", (2, 1), (2, 28), "month"),
    ("4-6月", (4, 1), (6, 30), "month"),
    ("4～6月", (4, 1), (6, 30), "month"),
    ("4月-5月", (4, 1), (5, 31), "month"),
    ("11-12月", (11, 1), (12, 31), "month"),
    ("全年", (1, 1), (12, 31), "year"),
    ("1-12月", (1, 1), (12, 31), "year"),
    ("2021年全年", (1, 1), (12, 31), "year"),
    ("2021年1月7日", (1, 7), (1, 7), "day"),
    ("３月８日", (3, 8), (3, 8), "day"),
    # ISO forms
    ("2021-01-07", (1, 7), (1, 7), "day"),
    ("2021-1-7", (1, 7), (1, 7), "day"),
    ("2021-04-24/2021-08-31", (4, 24), (8, 31), "day"),
    ("2021-12", (12, 1), (12, 31), "month"),
    ("2021-04/2021-06", (4, 1), (6, 30), "month"),
    ("2021-01/2021-12", (1, 1), (12, 31), "year"),
])
def test_chronicle_date_forms(text, start, end, precision):
    span = parse_span(text, 2021)
    assert (span.start, span.end, span.precision) == (date(2021, *start), date(2021, *end), precision)
    assert span.text == text  # printed as written
    assert span.filed_with_the_year == (precision in ("year", "part-year"))


def test_february_29_exists_only_in_leap_years():
    assert parse_span("2月29日", 2020).start == date(2020, 2, 29)
    assert parse_span("2月", 2020).end == date(2020, 2, 29)
    with pytest.raises(DateError) as e:
        parse_span("2月29日", 2021)
    assert e.value.kind == "impossible"


@pytest.mark.parametrize("text, kind", [
    ("2月30日", "impossible"),
    ("4月31日", "impossible"),
    ("13月", "impossible"),
    ("0月", "impossible"),
    ("2021-02-30", "impossible"),
    ("2021-13", "impossible"),
    ("8月31日-4月24日", "reversed"),
    ("2月28日-10日", "reversed"),
    ("6-4月", "reversed"),
    ("2021-08-31/2021-04-24", "reversed"),
    ("春节期间", "form"),
    ("上旬", "form"),
    ("1月7号", "form"),
    ("", "form"),
])
def test_chronicle_dates_that_cannot_be(text, kind):
    with pytest.raises(DateError) as e:
        parse_span(text, 2021)
    assert e.value.kind == kind


@pytest.mark.parametrize("text", ["2021-01-08", "2021.1.8", "2021. 1. 8", "2021/1/8", "2021年1月8日", "2021.1.8.",
                                  "２０２１-０１-０８"])
def test_coverage_date_forms(text):
    assert parse_day(text) == date(2021, 1, 8)


@pytest.mark.parametrize("text, kind", [("1月8日", "form"), ("2021-01", "form"), ("2021-02-29", "impossible"),
                                        ("2021.13.1", "impossible")])
def test_coverage_dates_that_cannot_be(text, kind):
    with pytest.raises(DateError) as e:
        parse_day(text)
    assert e.value.kind == kind


@pytest.mark.parametrize("text", ["2021-04", "2021.4", "2021年4月", "2021.4.", "2021-4"])
def test_award_date_forms(text):
    assert parse_year_month(text) == date(2021, 4, 1)


def test_award_date_needs_a_year():
    with pytest.raises(DateError):
        parse_year_month("4月")


def test_chronicle_is_grouped_by_first_month_with_whole_year_entries_last():
    events = example("2021").first("chronicle")
    groups = chronicle_months(events)
    months = [g.month for g in groups]
    assert months == sorted(m for m in months if m is not None) + [None]
    assert months[:-1] == list(range(1, 13))
    assert all(e.span.precision == "year" for e in groups[-1].events)
    assert sum(len(g.events) for g in groups) == 208
    # within a month, the order written is kept
    for g in groups:
        positions = [events.index(e) for e in g.events]
        assert positions == sorted(positions)
    # a range is filed under its first month: 1月1日-3月18日 is in 一月
    assert any(e.span.text == "1月1日-3月18日" for e in groups[0].events)


# -- activity shares -----------------------------------------------------------------------------------

@pytest.mark.parametrize("year, sessions, attendance", [
    ("2021", ["17.92", "4.87", "19.29", "57.93"], ["15.81", "38.54", "3.49", "42.17"]),
    ("2019", ["9.05", "19.86", "53.57", "17.52"], ["70.86", "8.02", "7.41", "13.71"]),
])
def test_half_up_shares_reproduce_the_printed_reports(year, sessions, attendance):
    acts = example(year).first("activities")
    assert acts.rounding == "half-up"
    table = activity_table(acts)
    assert [line.type for line in table.lines] == ["展览", "讲座", "培训", "阅读推广"]
    assert [str(line.session_share) for line in table.lines] == sessions
    assert [str(line.attendance_share) for line in table.lines] == attendance


def test_2021_totals():
    table = activity_table(example("2021").first("activities"))
    assert (table.total.sessions, table.total.attendance) == (1747, 896845)
    assert (table.total.session_share_sum, table.total.attendance_share_sum) == (D("100.01"), D("100.01"))
    assert table["展览"].session_share == D("17.92")


def test_largest_remainder_on_2021_adds_up_to_exactly_100():
    acts = example("2021").first("activities")
    sessions = shares_largest_remainder([r.sessions for r in acts.rows])
    attendance = shares_largest_remainder([r.attendance for r in acts.rows])
    assert sum(sessions) == D("100.00") and sum(attendance) == D("100.00")
    # floors 17.91 4.86 19.29 57.92 (99.98): the two hundredths go to the largest remainders, 57.9279… and
    # 17.9164…, so 讲座 (4.8655…) prints 4.86 where half up gave 4.87
    assert [str(s) for s in sessions] == ["17.92", "4.86", "19.29", "57.93"]
    # floors 15.80 38.54 3.48 42.16: remainders .00681 and .00644 win over 42.16525… (half up: 42.17)
    assert [str(s) for s in attendance] == ["15.81", "38.54", "3.49", "42.16"]


def test_largest_remainder_always_adds_up_and_stays_within_a_hundredth():
    rng = random.Random(2021)
    for _ in range(2000):
        counts = [D(rng.choice([0, 1, 3, 7, rng.randint(0, 10 ** rng.randint(1, 7))]))
                  for _ in range(rng.randint(1, 9))]
        if sum(counts) == 0:
            continue
        shares = shares_largest_remainder(counts)
        assert sum(shares) == D("100.00"), counts
        total = sum(counts)
        for c, s in zip(counts, shares):
            assert abs(s - c * 100 / total) < D("0.01"), (counts, shares)


def test_shares_of_nothing_are_zero():
    assert shares_half_up([D(0), D(0)]) == [D("0.00"), D("0.00")]
    assert shares_largest_remainder([D(0), D(0)]) == [D("0.00"), D("0.00")]


def test_half_up_is_not_bankers_rounding():
    # 1/8 = 12.5% → with 2 places 12.50; 1/16 = 6.25%; 1/32 = 3.125% → 3.13 (banker's would give 3.12)
    assert shares_half_up([D(1), D(31)]) == [D("3.13"), D("96.88")]


def test_parts_of_a_month_go_under_the_month_and_parts_of_the_year_after_the_months():
    from libreport.diagnostics import Mark
    from libreport.model import Event

    texts = ["下半年", "3月上旬", "全年", "3月5日", "第二季度", "年底", "1月8日"]
    events = [Event(parse_span(t, 2022), "事", Mark(Path("chronicle.yaml"), n, 1)) for n, t in enumerate(texts, 1)]
    groups = [(g.month, [e.span.text for e in g.events]) for g in chronicle_months(events)]
    assert groups == [(1, ["1月8日"]), (3, ["3月上旬", "3月5日"]), (12, ["年底"]),
                      (None, ["下半年", "全年", "第二季度"])]
