"""Figures as printed: approximation words, units and notes in their places; the number for computing."""

from __future__ import annotations

from decimal import Decimal

import pytest

from libreport.figures import Figure, FigureError, duo, num, parse_figure, pct, wan, with_note, with_unit


def fig(text: str, unit: str | None = None, approx: str | None = None, note: str | None = None) -> Figure:
    return parse_figure(text, unit, approx, note)


@pytest.mark.parametrize("text, value, word", [
    ("57.34", "57.34", None),
    ("近 57.34", "57.34", "近"),
    ("近57.34", "57.34", "近"),
    ("5000余", "5000", "余"),
    ("5000 余", "5000", "余"),
    ("超过 300", "300", "超过"),
    ("逾1,200", "1200", "逾"),
    ("1000以上", "1000", "以上"),
    ("将近 6", "6", "将近"),
    ("约 35.0", "35.0", "约"),
    ("１２３", "123", None),
])
def test_a_figure_is_read_with_its_approximation_word(text, value, word):
    f = fig(text)
    assert f.value == Decimal(value) and f.approx == word


def test_the_number_keeps_the_places_and_separators_it_was_written_with():
    assert str(fig("35.00")) == "35.00"
    assert str(fig("1,607,816")) == "1,607,816"
    assert str(fig("1607816")) == "1607816"


@pytest.mark.parametrize("text, unit, approx, printed", [
    ("57.34", "万人次", "近", "近 57.34 万人次"),
    ("5000", "册", "余", "5000 余册"),
    ("57", "万人次", "余", "57 万余人次"),  # 余 goes after the 万 that begins the unit
    ("126", "万人次", "多", "126 万多人次"),
    ("1000", "人次", "以上", "1000 人次以上"),
    ("300", "场", "超过", "超过 300 场"),
    ("35.2", "%", None, "35.2%"),
    ("35", "%", "约", "约 35%"),
    ("42.06", "TB", None, "42.06 TB"),
    ("72.5", "小时", None, "72.5 小时"),
])
def test_words_and_units_print_where_chinese_puts_them(text, unit, approx, printed):
    assert fig(text, unit, approx).printed() == printed


def test_without_its_unit_the_word_stays_with_the_number():
    assert str(fig("57.34", "万人次", "近")) == "近 57.34"
    assert str(fig("5000", "册", "余")) == "5000 余"


def test_a_note_is_printed_beside_the_figure_when_asked():
    f = fig("57.34", "万人次", "近", "含分馆")
    assert f.noted() == "近 57.34 万人次（含分馆）"
    assert f.printed() == "近 57.34 万人次"


def test_a_table_cell_groups_thousands_and_keeps_the_word():
    assert fig("573400", "人次", "近").cell() == "近 573,400"
    assert fig("5000", "册", "余").cell() == "5,000 余"
    assert fig("35.00", "%").cell() == "35.00"


@pytest.mark.parametrize("text, kind", [
    ("57.34万", "magnitude"),
    ("35%", "percent"),
    ("很多", "form"),
    ("近 5000 余", "approx"),
    ("", "form"),
])
def test_what_is_not_a_figure_says_why(text, kind):
    with pytest.raises(FigureError) as info:
        fig(text)
    assert info.value.kind == kind


def test_a_word_written_twice_or_unknown_is_refused():
    with pytest.raises(FigureError):
        fig("近 57.34", approx="约")
    with pytest.raises(FigureError):
        fig("57.34", approx="大概")


def test_computations_use_the_number():
    a, b = fig("5000", "册", "余"), fig("3000", "册")
    assert (a + b).value == 8000 and (a + b).unit == "册"
    assert a > b and a - b == 2000
    assert a / fig("10", "册") == 500
    assert a * 2 == 10000


def test_figures_in_different_units_are_not_compared():
    a, b = fig("57.34", "万人次"), fig("573400", "人次")
    for compare in (lambda: a < b, lambda: a + b, lambda: a - b):
        with pytest.raises(FigureError) as info:
            compare()
        assert "different units" in str(info.value)
    assert a != b


def test_filters_keep_the_words_and_refuse_to_count_in_wan_twice():
    f = fig("573400", "人次", "近")
    assert str(num(f)) == "近 573,400"
    assert str(wan(f)) == "近 57.34 万" and with_unit(wan(f)) == "近 57.34 万人次"
    assert str(duo(fig("1266520", "人次"))) == "126 万多" and with_unit(duo(fig("1266520", "人次"))) == "126 万多人次"
    with pytest.raises(FigureError):
        wan(fig("57.34", "万人次"))
    with pytest.raises(FigureError):
        duo(f)  # already approximate
    assert num(Decimal(1607816)) == "1,607,816" and duo(1747) == "1700 多" and pct(Decimal("17.9")) == "17.90%"
    assert with_note(fig("12", "个", note="含分馆")) == "12 个（含分馆）"


@pytest.mark.parametrize("printed, true, ok", [
    (fig("35.2"), Decimal("35.24"), True),
    (fig("35.2"), Decimal("35.26"), False),
    (fig("1700", approx="多"), Decimal("1747"), True),
    (fig("1700", approx="多"), Decimal("1690"), False),
    (fig("5", approx="余"), Decimal("5.9"), True),
    (fig("5", approx="余"), Decimal("6.1"), False),
    (fig("6", approx="近"), Decimal("5.8"), True),
    (fig("6", approx="近"), Decimal("6.2"), False),
    (fig("35", approx="约"), Decimal("35.4"), True),
    (fig("35", approx="约"), Decimal("36"), False),
    (fig("300", approx="超过"), Decimal("9999"), True),
    (fig("300", approx="超过"), Decimal("299"), False),
])
def test_the_words_say_where_the_true_number_lies(printed, true, ok):
    assert printed.allows(true) is ok


@pytest.mark.parametrize("text, printed, inside, outside", [
    ("不足 5", "不足 5%", Decimal("3.1"), Decimal("5.2")),
    ("至少 200", "至少 200%", Decimal("900"), Decimal("199")),
    ("1000以下", "1000%以下", Decimal("10"), Decimal("1001")),
])
def test_more_words_reports_print(text, printed, inside, outside):
    f = fig(text, "%")
    assert f.printed() == printed
    assert f.allows(inside) and not f.allows(outside)


@pytest.mark.parametrize("text, unit, printed, inside, outside", [
    ("突破 18", "万人", "突破 18 万人", Decimal("18.3"), Decimal("17.9")),  # 关注人数突破18万人: more than
    ("不少于 300", "场", "不少于 300 场", Decimal("300"), Decimal("299")),
    ("不超过 1", "‰", "不超过 1‰", Decimal("0.5"), Decimal("1.1")),
    ("5以内", "%", "5%以内", Decimal("4.9"), Decimal("5.1")),
    ("1000上下", "人次", "1000 人次上下", Decimal("1040"), Decimal("1150")),  # about: within a tenth
])
def test_words_of_plans_and_milestones_mean_what_they_say(text, unit, printed, inside, outside):
    f = fig(text, unit)
    assert f.printed() == printed
    assert f.allows(inside) and not f.allows(outside)


@pytest.mark.parametrize("text, kind", [
    ("达 57.34", "exact"),  # 全年接待读者达 57.34 万人次: 达 belongs to the sentence, the figure is exact
    ("共 1286", "exact"),
    ("上万", "vague"), ("数千", "vague"), ("近万", "vague"), ("几百", "vague"), ("数十万", "vague"),
])
def test_sentence_words_and_rough_sizes_are_not_figures(text, kind):
    with pytest.raises(FigureError) as info:
        fig(text)
    assert info.value.kind == kind
    with pytest.raises(FigureError) as info:
        fig("57.34", approx="达")
    assert info.value.kind == "exact"
