"""Properties over arbitrary input: the source loader, the number, figure and date parsers and the sandbox
answer any text with values or diagnostics (never an exception), in bounded time, and the Direct fast path
renders exactly what the sandboxed Jinja template renders."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from libreport import model as m
from libreport.dates import DateError, parse_award_date, parse_day, parse_span, parse_year_month
from libreport.diagnostics import Diagnostics, Mark
from libreport.figures import FigureError, parse_figure
from libreport.numbers import MAX_DIGITS, NumberFormatError, group_thousands, parse_number

# Fast enough for the whole suite: a hundred or so examples each (every run draws new ones, so CI covers more
# over time), and a deadline per example that only a runaway (a pattern retried at every position, an
# expansion) could miss.
FAST = settings(max_examples=80, deadline=2000, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                        HealthCheck.too_slow])

# Text as sources hold it, weighted towards what the parsers look at.
YAMLISH = st.lists(st.sampled_from(list("-:{}[],'\"&*!|>#%@` \n\t?.0123456789年月日万") +
                                   ["items", "name", "value", "rows", "date", "  ", "- ", "<<", "\\x", "\u3000",
                                    "中", "文", "\x0b", "\ufeff"]), max_size=120).map("".join)
NUMBERISH = st.text(alphabet=st.sampled_from(list("0123456789,._ +-eE０１２３．，近约余多万%")), max_size=60)
DATEISH = st.text(alphabet=st.sampled_from(list("0123456789-/.年月日 至~上中下旬初底全季度第一二三四") + ["—", "～"]),
                  max_size=40)


@pytest.mark.parametrize("kind", ["report", "statistics", "activities", "awards", "coverage", "chronicle", "staff"])
@settings(FAST, max_examples=60)
@given(text=st.one_of(YAMLISH, st.text(max_size=200)))
def test_the_source_loader_answers_any_text_with_values_or_diagnostics(tmp_path_factory, kind, text):
    from libreport.sources.report import load_report
    from libreport.sources.sections import load_section

    folder = tmp_path_factory.mktemp("year")
    name = "report.yaml" if kind == "report" else m.DEFAULT_FILES[kind]
    (folder / name).write_text(text, encoding="utf-8", errors="surrogatepass")
    diags = Diagnostics()
    if kind == "report":
        load_report(folder, diags)
    else:
        section = m.Section(kind, kind, folder / name, Mark(folder / "report.yaml", 1, 1))
        load_section(section, 2021, diags)
    for d in diags.items:
        assert d.file is not None and "\n" not in d.message


@FAST
@given(text=st.one_of(NUMBERISH, st.text(max_size=80)))
def test_a_number_is_read_exactly_or_refused(text):
    try:
        value, _notes = parse_number(text)
    except NumberFormatError:
        return
    digits = value.as_tuple().digits
    assert len(digits) <= MAX_DIGITS
    assert Decimal(group_thousands(value).replace(",", "")) == value  # printed exactly as its digits


@FAST
@given(text=st.one_of(NUMBERISH, st.text(max_size=80)))
def test_a_figure_is_read_or_refused(text):
    try:
        figure = parse_figure(text)
    except FigureError:
        return
    assert len(figure.value.as_tuple().digits) <= MAX_DIGITS


@FAST
@given(text=st.one_of(DATEISH, st.text(max_size=80)), year=st.integers(1900, 2200))
def test_a_date_is_read_or_refused(text, year):
    for parse in (lambda t: parse_span(t, year), parse_day, parse_year_month, lambda t: parse_award_date(t, year)):
        try:
            parse(text)
        except DateError as exc:
            assert exc.kind in ("form", "impossible", "reversed")


def test_a_date_parser_is_never_slowed_by_a_long_text():
    for text in (" " * 100_000 + "1月", "1" * 100_000, "2021年" * 20_000):
        with pytest.raises(DateError):
            parse_span(text, 2021)
        with pytest.raises(DateError):
            parse_day(text)


# -- the sandbox ----------------------------------------------------------------------------------------

CONTEXT = {"library": "临江市图书馆", "year": 2021, "stats": {"藏量": Decimal("120000"), "a b": Decimal("3.5")},
           "names": ["甲", "乙"], "none": None, "d": {"k": {"x": "v"}}}
NAME = st.sampled_from(["library", "year", "stats", "names", "none", "d", "missing", "range", "not", "true", "x",
                        "in", "loop"])
STEP = st.one_of(st.sampled_from([".upper", ".x", ".k", ".items", ".clear", ".format", "._x", ".__class__",
                                  "['藏量']", "['a b']", "['k']", '["x"]', "[0]", "['缺']", ".0"]))
FILTER = st.sampled_from(["", " | num", " | wan", " | wan(1)", " | pct(007)", " | duo(10)", " | duo(0)", " | cn",
                          " | join('、')", " | join", " | upper", " | nofilter", " | num(3)", " | pct(-1)",
                          " | wan(99999999999999999999)"])
EXPRESSION = st.builds(lambda n, steps, f, sp: "{{" + sp + n + "".join(steps) + f + sp + "}}",
                       NAME, st.lists(STEP, max_size=3), FILTER, st.sampled_from(["", " ", "  "]))
TEXT = st.text(alphabet=st.sampled_from(list("年报 {}%#|\\r\\n\r\nab中")), max_size=8)
SNIPPET = st.lists(st.one_of(EXPRESSION, TEXT), max_size=4).map("".join)


def _outcome(render):
    import re

    try:  # a function printed as such differs only by its address from one render to the next
        return "ok", re.sub(r" at 0x[0-9a-f]+", "", render())
    except Exception as exc:
        return "error", type(exc).__name__


@settings(max_examples=120, deadline=2000)
@given(source=SNIPPET)
def test_the_direct_path_renders_what_jinja_renders(source):
    from libreport.prose.sandbox import compile_template, direct

    fast = direct(source)
    assume(fast is not None)
    jinja = _outcome(lambda: compile_template(source).render(CONTEXT))
    assert _outcome(lambda: fast.render(CONTEXT)) == jinja


BOMBS = [
    "{{ 'x' * 1000000000 }}", "{{ [1] * 1000000000 }}", "{{ 10 ** 100000000 }}", "{{ 2 ** 64 ** 2 ** 64 }}",
    "{{ range(1000000000) | list | length }}",
    "{% for i in range(10000) %}{% for j in range(10000) %}{% endfor %}{% endfor %}",
    "{% macro f(n) %}{% if n %}{{ f(n - 1) }}{{ f(n - 1) }}{% endif %}{% endmacro %}{{ f(60) }}",
    "{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}",
    "{{ lipsum(1000000) }}", "{{ library.ljust(10000000000) }}", "{{ library | center(10000000000) }}",
    "{{ '%999999999d' % 1 }}", "{{ '%*d' % (999999999, 1) }}", "{{ '{:>999999999}'.format(1) }}",
    "{{ [1] | batch(1000000000, 0) | list }}", "{{ 'ab' | indent(1000000000) }}",
    "{% set s = 'x' * 100000 %}{% set s = s ~ s ~ s ~ s %}{% set s = s ~ s ~ s ~ s %}{{ s | length }}",
    "{% set s = 'x' * 10000 %}{{ s | replace('', s) | length }}",
    "{{ ('x' * 100000).join(range(10000) | map('string')) | length }}",
    "{% set a = 9 ** 99 %}" + "{% set a = a * a %}" * 20 + "{{ a }}",
    "{% for x in [[1]] recursive %}{{ loop([x, x]) }}{% endfor %}", "{% include 'x' %}",
    "{{ ''.__class__.__mro__ }}", "{{ (1).to_bytes(1000000000, 'big') }}", "{{ 'x\\t' * 50000 | length }}",
    "{{ ('\\t' * 90000).expandtabs(100000) }}",
]


@pytest.mark.parametrize("source", BOMBS)
def test_a_template_cannot_burn_the_cpu_or_the_memory(source):
    import time

    from libreport.prose.sandbox import compile_snippet

    started = time.monotonic()
    with pytest.raises(Exception) as caught:
        compile_snippet(source).render(CONTEXT)
    assert time.monotonic() - started < 3
    assert type(caught.value).__name__ in ("SecurityError", "TemplateSyntaxError", "UndefinedError",
                                          "TemplateAssertionError", "RecursionError", "TypeError")


def test_ordinary_templates_still_render():
    from libreport.prose.sandbox import compile_snippet

    assert compile_snippet("{% for n in names %}{{ n }}{% if not loop.last %}、{% endif %}{% endfor %}").render(
        CONTEXT) == "甲、乙"
    assert compile_snippet("{{ stats['藏量'] | num }} 册，{{ year - 1 }} 年，{{ 'ab' ~ 'cd' }}").render(
        CONTEXT) == "120,000 册，2020 年，abcd"
    assert compile_snippet("{{ range(3) | join(',') }} {{ (2 ** 10) }} {{ '%5.1f' % 3.14159 }}").render(
        CONTEXT) == "0,1,2 1024   3.1"


# -- linear scanners keep the answers of the patterns they replaced --------------------------------------

@settings(max_examples=150, deadline=1000)
@given(text=st.text(alphabet=st.sampled_from(list("{}%#\n \ta")), max_size=30))
def test_the_summary_finds_expressions_as_its_pattern_did(text):
    import re

    from libreport.prose.markdown import expression_spans

    pattern = re.compile(r"\{\{(?:(?!\n[ \t]*\n).)*?\}\}|\{%(?:(?!\n[ \t]*\n).)*?%\}|\{#(?:(?!\n[ \t]*\n).)*?#\}",
                         re.S)
    assert expression_spans(text) == [mm.span() for mm in pattern.finditer(text)]


@settings(max_examples=150, deadline=1000)
@given(text=st.text(alphabet=st.sampled_from([" ", "\t", "\u3000", "\xa0", "\n", "\r", "a", "中"]), max_size=20))
def test_a_cell_joins_its_lines_as_its_pattern_did(text):
    import re

    from libreport.commands.importer.cells import _CJK, _join_lines

    def join(mm):
        before, after = text[mm.start() - 1:mm.start()], text[mm.end():mm.end() + 1]
        return "" if _CJK.match(before or " ") or _CJK.match(after or " ") else " "

    assert _join_lines(text) == re.sub(r"[ \t\u3000\xa0]*[\r\n]+[ \t\u3000\xa0]*", join, text)


def test_a_long_cell_is_joined_in_one_pass():
    import time

    from libreport.commands.importer.cells import clean_text

    started = time.monotonic()
    assert clean_text(" " * 1_000_000 + "x") == "x"
    assert clean_text("a" + " " * 500_000 + "\n" + " " * 500_000 + "b") == "a b"
    assert time.monotonic() - started < 2



# -- every text bound for the document: refused with a diagnostic, or free of what Word cannot hold -------

HOSTILE_TEXT = st.one_of(
    st.text(max_size=40),
    st.lists(st.sampled_from(["中心馆", "1,000", "1_000", "近", "余", "%", "+", "-", "—", " ", "\x01", "\x0b", "\x1f",
                              "\ufffe", "_x0001_", "_x005F_", "9" * 30, "2023-05-01", "=B2", "#REF!", ".", "万"]),
             max_size=6).map("".join))


def _unprintable_anywhere(value, seen=None) -> list[str]:
    """Every text reachable from a loaded value (dataclasses, lists, dicts) that holds a character Word cannot."""
    import dataclasses

    from libreport.characters import unprintable

    seen = seen if seen is not None else set()
    if id(value) in seen:
        return []
    seen.add(id(value))
    if isinstance(value, str):
        return [value] if unprintable(value) else []
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return [t for f in dataclasses.fields(value) for t in _unprintable_anywhere(getattr(value, f.name), seen)]
    if isinstance(value, (list, tuple, set)):
        return [t for v in value for t in _unprintable_anywhere(v, seen)]
    if isinstance(value, dict):
        return [t for kv in value.items() for v in kv for t in _unprintable_anywhere(v, seen)]
    return []


@pytest.mark.parametrize("kind", ["text", "number", "date", "percent", "change"])
@FAST
@given(raw=HOSTILE_TEXT)
def test_a_table_cell_is_a_printable_cell_or_a_diagnostic(kind, raw):
    """Whatever a cell holds: a cell whose text Word can print, or a diagnostic at its mark; nothing vanishes."""
    from pathlib import Path

    from libreport.sources.table import Column, cell_of

    diags = Diagnostics()
    column = Column("列", kind, Mark(Path("t.yaml"), 1, 1))
    cell = cell_of(diags, raw, Mark(Path("t.yaml"), 3, 5), "rows[1].列", column, 2023)
    if cell is not None:
        assert _unprintable_anywhere(cell) == []
    elif raw.strip():
        assert diags.items and all(d.line == 3 for d in diags.items), (raw, diags.items)


SHEET_CELL = st.one_of(HOSTILE_TEXT, st.integers(-10**30, 10**30), st.floats(allow_nan=False, allow_infinity=False),
                       st.none(), st.booleans())


@settings(FAST, max_examples=25)
@given(rows=st.lists(st.lists(SHEET_CELL, max_size=4), max_size=5), csv=st.booleans())
def test_a_table_sheet_of_any_cells_is_read_or_said(tmp_path_factory, rows, csv):
    """A table's sheet (CSV or xlsx) of arbitrary cells under its header: rows that Word can print, or
    diagnostics at the sheet's cells; never an exception."""
    import csv as csvmodule
    import io

    from libreport.sources.sections import load_section

    folder = tmp_path_factory.mktemp("year")
    (folder / "t.yaml").write_text("columns:\n  - 馆名\n  - {name: 藏书, type: number}\n  - {name: 率, type: percent}\n"
                                   f"from: t.{'csv' if csv else 'xlsx'}\n", encoding="utf-8")
    if csv:
        out = io.StringIO()
        written = [[("" if c is None else c) for c in r] for r in rows]
        csvmodule.writer(out).writerows([["馆名", "藏书", "率"], *written])
        (folder / "t.csv").write_text(out.getvalue(), encoding="utf-8", errors="surrogatepass")
    else:
        import openpyxl

        from libreport.characters import NOT_PRINTABLE

        wb = openpyxl.Workbook()
        wb.active.append(["馆名", "藏书", "率"])
        for r in rows:  # what openpyxl refuses to write, Excel writes as its escape (_x0001_)
            wb.active.append([NOT_PRINTABLE.sub(lambda m: f"_x{ord(m.group()):04X}_", c) if isinstance(c, str) else c
                              for c in r])
        wb.save(folder / "t.xlsx")
    diags = Diagnostics()
    section = m.Section("table", "表", folder / "t.yaml", Mark(folder / "report.yaml", 1, 1))
    table = load_section(section, 2023, diags)
    assert _unprintable_anywhere(table.rows) == []
    for d in diags.items:
        assert d.file is not None and d.line is not None and "\n" not in d.message


OFFICIAL = """library: {t}
year: 2023
kind: 工作总结
title: [{t}, {t}]
template: official
letterhead: {{name: {t}, number: {t}}}
addressee: [{t}, {t}]
cover: {{title: {t}, subtitle: [{t}], issuer: {t}}}
running_header: {{first_page: false}}
sections:
  - {{kind: summary, title: {t}}}
signature: {{organisation: {t}, date: 2024-01-15, note: {t}}}
imprint: {{cc: [{t}, {t}], issuer: {t}, date: 2024-01-15}}
"""


@settings(FAST, max_examples=60)
@given(text=HOSTILE_TEXT)
def test_the_official_documents_fields_hold_only_what_word_can_print(tmp_path_factory, text):
    """The fields added with official documents and covers (主送, 附注, 版记, the cover's lines, the letterhead):
    any text in any of them is loaded printable or refused with a diagnostic at its line."""
    import json

    from libreport.sources.report import load_report

    folder = tmp_path_factory.mktemp("year")
    quoted = json.dumps(text, ensure_ascii=True)  # a YAML double-quoted escape: the way a control character gets in
    (folder / "report.yaml").write_text(OFFICIAL.format(t=quoted), encoding="utf-8")
    diags = Diagnostics()
    report = load_report(folder, diags)
    assert _unprintable_anywhere(report) == []
    for d in diags.items:
        assert d.file is not None and "\n" not in d.message
