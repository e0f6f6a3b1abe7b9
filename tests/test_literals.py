"""The figure finder: every figure a summary prints, where it is written, typed in the text or quoted from data."""

from __future__ import annotations

import pytest

from libreport.prose.literals import KINDS, find_figures

from .conftest import EXAMPLES


def found(text: str) -> list[tuple[int, int, str, str]]:
    return [(f.line, f.col, f.kind, f.text) for f in find_figures(text)]


@pytest.mark.parametrize(("text", "figures"), [
    # quantities with their approximation words, 万, thousands and percent signs
    ("接待读者 15681 人，吸引400多名学生，超过 30000 人观展。", [
        (1, 6, "number", "15681"), (1, 16, "number", "400多"), (1, 24, "number", "超过 30000")]),
    ("获点赞 1284 万多次，约170万余人次，外借 1,252,706 册次，增长 15.0%。", [
        (1, 5, "number", "1284 万多"), (1, 14, "number", "约170万余"), (1, 26, "number", "1,252,706"),
        (1, 42, "percent", "15.0%")]),
    ("外借170余万册次。", [(1, 3, "number", "170余万")]),
    # Chinese numerals that count; 一 alone, rough sizes and enumerations are no figure
    ("建成三个空间、两场讲座，十二项服务；一是开展一次活动，上万人、数千册。", [
        (1, 3, "number", "三"), (1, 8, "number", "两"), (1, 13, "number", "十二")]),
    # ordinals and dates, ranges as one figure
    ("第七次全国普查，第 35 届年会；2020 年-2021 年，4 月 24 日-8 月 31 日，2019—2023 年，至 20:00。", [
        (1, 1, "ordinal", "第七次"), (1, 9, "ordinal", "第 35 届"), (1, 18, "date", "2020 年-2021 年"),
        (1, 32, "date", "4 月 24 日-8 月 31 日"), (1, 50, "date", "2019—2023 年"), (1, 64, "date", "20:00")]),
    # what Markdown writes around the text, digits in a Latin name, comments and addresses print no figure
    ("## 2. 服务\n\n1. 开通 5G 与 H5 页面 <!-- 2000 人 --> [见](http://a.cn/2021) 3 项\n\n"
     "![图 12 人](images/2023.png)", [
        (1, 4, "number", "2"), (3, 56, "number", "3"), (5, 5, "number", "12")]),
])
def test_typed_figures_are_found_where_they_are_written(text, figures):
    assert found(text) == figures


def test_figures_quoted_from_data_are_bound_and_name_what_they_quote():
    text = ("接待读者 {{ stats['总流通人次'] | duo }}人次，{{ activities.total.sessions }} 场，\n"
            "{{ tables['branches']['城北分馆']['接待读者'] | unit }}，{{ change('有效借书证数') }}，{{ library }}")
    figures = find_figures(text)
    assert [(f.line, f.col, f.kind, f.names) for f in figures] == [
        (1, 6, "quoted", ("stats", "总流通人次")), (1, 35, "quoted", ("activities", "total", "sessions")),
        (2, 1, "quoted", ("tables", "branches", "城北分馆", "接待读者")), (2, 49, "quoted", ("change", "有效借书证数"))]
    assert all(f.bound and not f.typed for f in figures)
    assert figures[0].text == "{{ stats['总流通人次'] | duo }}"
    assert figures[0].sentence == "接待读者 {{ stats['总流通人次'] | duo }}人次，{{ activities.total.sessions }} 场，" \
        "{{ tables['branches']['城北分馆']['接待读者'] | unit }}，{{ change('有效借书证数') }}，{{ library }}"


def test_a_shown_literal_is_typed_and_bound():
    (figure,) = find_figures("举办活动 {{ stats['举办读者活动'] | shown('510余') }} 场。")
    assert (figure.line, figure.col, figure.kind, figure.text) == (1, 34, "shown", "510余")
    assert figure.typed and figure.bound and not figure.deliberate
    assert figure.names == ("stats", "举办读者活动")


def test_a_figure_marked_literal_is_deliberate_and_typed():
    figures = find_figures("开展{{ '第七次' | literal }}普查。\n\n"
                           "{{ \"1990 年至 2003 年\" | literal('事件名称') }}的档案 20 卷。")
    assert [(f.line, f.col, f.kind, f.text, f.deliberate) for f in figures] == [
        (1, 7, "ordinal", "第七次", True), (3, 5, "date", "1990 年至 2003 年", True),
        (3, 45, "number", "20", False)]
    assert not figures[0].bound


def test_each_figure_stands_in_its_sentence_across_lines():
    text = "全年开展活动 120 场。吸引读者\n超过 900 人参与，\n满意率 98%！另有 3 项。"
    sentences = [(f.text, f.sentence) for f in find_figures(text)]
    assert sentences == [("120", "全年开展活动 120 场。"), ("超过 900", "吸引读者超过 900 人参与，满意率 98%！"),
                         ("98%", "吸引读者超过 900 人参与，满意率 98%！"), ("3", "另有 3 项。")]


@pytest.mark.parametrize("name", ["2021/summary.md", "2019/summary.md", "qinghe/2023/summary.md",
                                  "qinghe/2023/plans.md"])
def test_every_typed_figure_of_the_examples_is_at_its_line_and_column(name):
    text = (EXAMPLES / name).read_text(encoding="utf-8")
    lines = text.split("\n")
    figures = find_figures(text)
    assert figures and all(f.kind in KINDS for f in figures)
    for f in figures:
        written = f.text.split("\n")[0] if f.typed else f.text[:2]
        assert lines[f.line - 1][f.col - 1:].startswith(written), (f, lines[f.line - 1])
    assert sum(f.kind == "quoted" for f in figures) == text.count("{{") - text.count("| literal")


def test_the_literal_filter_prints_its_text_as_written():
    from libreport.prose.sandbox import compile_snippet

    source = "参加{{ '第七次' | literal }}评估，整理{{ '1990 年至 2003 年' | literal('档案的年代') }}的档案。"
    assert compile_snippet(source).render({}) == "参加第七次评估，整理1990 年至 2003 年的档案。"
    with pytest.raises(Exception, match="literal"):
        compile_snippet("{{ 7 | literal }}").render({})
