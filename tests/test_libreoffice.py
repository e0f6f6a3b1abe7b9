"""Real client: LibreOffice lays the reports out; the PDF is what a reader sees.

In CI LibreOffice is installed by .ci/run and these tests must run; on a
machine without it they are skipped.
"""

from __future__ import annotations

import functools
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import EXAMPLE_YEARS, ROOT, needs_libreoffice
from .docxdump import blocks, section_after

pytestmark = needs_libreoffice()

PARTS = {"年度概况": ["工作总结", "荣誉表彰", "媒体报道"], "业务统计": ["综合统计", "活动统计"], "大事记": ["大事记"]}


@pytest.fixture(scope="module")
def pdfs(layouts) -> dict[str, tuple[Path, Path]]:
    """Each example built with --pdf, once per session (conftest.Layouts)."""
    out = {}
    for year in EXAMPLE_YEARS:
        built = layouts.example(year)
        assert built.run.returncode == 0, built.run.stderr
        assert built.pdf is not None
        out[year] = (built.docx, built.pdf)
    return out


@functools.cache
def page_texts(pdf: Path) -> list[str]:
    """Each page's text, whitespace removed (read once per PDF: extraction takes a while)."""
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages]


def test_toc_page_numbers_match_where_the_headings_land(pdfs, layouts):
    year = "2021"
    assert "page numbers laid out with LibreOffice" in layouts.example(year).run.stdout
    docx, pdf = pdfs[year]
    toc = [b for b in blocks(docx) if b.style in ("TOC1", "TOC2")]
    assert len(toc) == 9  # 三、大事记 and 四、规划任务落实情况 hold one section of the same title: one heading
    pages = page_texts(pdf)
    # The report proper starts on the page that holds the first part heading; it is page 1.
    first = next(i for i, text in enumerate(pages) if "一、年度概况" in text and "目录" not in text)
    for entry in toc:
        match = re.match(r"^(.*?)(\d+)$", entry.text)
        assert match, f"TOC entry without a page number: {entry.text!r}"
        title, page = match.group(1), int(match.group(2))
        physical = first + page - 1
        assert title.replace(" ", "") in pages[physical], (title, page)


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_running_headers_name_the_part_on_every_page_of_it(pdfs, year):
    _docx, pdf = pdfs[year]
    pages = page_texts(pdf)
    current = None
    seen = set()
    parts = [*PARTS, *(["规划任务落实情况"] if year == "2021" else [])]  # 2021 follows the 十四五 plan
    for text in pages[2:]:
        for header in parts:
            if f"、{header}" in text[:40]:
                current = header
        if current:
            assert text.startswith(current), text[:30]
            seen.add(current)
    assert seen == set(parts)


def test_page_count_is_plausible_for_the_printed_report(pdfs):
    pages = len(PdfReader(str(pdfs["2021"][1])).pages)
    # the printed 2021 report runs to about 45 pages; what it did for the plan (四、规划任务落实情况) about 13 more
    assert 50 <= pages <= 68
    assert 25 <= len(PdfReader(str(pdfs["2019"][1])).pages) <= 40


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_no_heading_is_printed_twice(pdfs, year):
    """三、大事记 over 大事记 (a part holding one section of its title) once printed the same heading twice."""
    docx, pdf = pdfs[year]
    headings = [b.text for b in blocks(docx) if b.kind == "p" and b.style in ("Heading1", "Heading2")]
    assert len(headings) >= 6
    for above, below in zip(headings, headings[1:]):
        assert re.sub(r"^[一二三四五六七八九十]+、", "", above) != below, (above, below)
    text = "".join(page_texts(pdf)[2:])
    for heading in headings:
        title = re.sub(r"^[一二三四五六七八九十]+、", "", heading)
        assert f"{heading}{title}" not in text, heading


def test_chinese_text_renders_with_real_glyphs(pdfs):
    """A missing CJK font shows as boxes or drops the text; the extracted text proves the glyphs are there."""
    pages = page_texts(pdfs["2021"][1])
    assert "越秀区图书馆2021年年报" in pages[0]
    assert any("场次比例" in p for p in pages)  # the chart's labels
    fonts = set()
    reader = PdfReader(str(pdfs["2021"][1]))
    for page in reader.pages[:5]:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            fonts.add(str(font.get_object().get("/BaseFont")))
    assert any("CJK" in f or "Noto" in f or "WenQuanYi" in f or "Song" in f or "Hei" in f for f in fonts), fonts


# -- what a reader sees on the pages ---------------------------------------------------------------------

@functools.cache
def layout_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as poppler lays the text out (table rows stay on one line), whitespace removed."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is not installed; .ci/run installs it")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[re.sub(r"\s+", "", line) for line in page.splitlines() if line.strip()] for page in text.split("\f")]


def font_names(pdf: Path) -> set[str]:
    names = set()
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            names.add(str(font.get_object().get("/BaseFont")).lstrip("/").split("+")[-1])
    return names


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_latin_letters_and_digits_are_set_in_the_liberation_faces_never_in_dejavu(pdfs, year):
    fonts = font_names(pdfs[year][1])
    assert not [f for f in fonts if "DejaVu" in f], fonts
    latin = {f for f in fonts if "CJK" not in f}
    assert latin and all(f.startswith("Liberation") for f in latin), latin


def _sc_faces() -> dict[str, dict[int, str]]:
    """The Simplified- and Japanese-Chinese cmaps (character → glyph name) of the Noto CJK faces installed."""
    from fontTools.ttLib import TTFont

    faces = {}
    for family in ("Noto Serif CJK", "Noto Sans CJK"):
        for region in ("SC", "JP"):
            for weight in ("Regular", "Bold"):
                found = subprocess.run(["fc-match", "-f", "%{file}\n%{index}", f"{family} {region}:{weight.lower()}"],
                                       capture_output=True, text=True).stdout.split("\n")
                font = TTFont(found[0], fontNumber=int(found[1]), lazy=True)
                faces[f"{family.replace(' ', '')}{region}-{weight}"] = font.getBestCmap()
    return faces


def _glyphs_used(pdf: Path):
    """(font name, character, glyph name) for each CJK glyph embedded in the PDF."""
    for page in PdfReader(str(pdf)).pages:
        for font in (page.get("/Resources") or {}).get("/Font", {}).values():
            font = font.get_object()
            name = str(font["/BaseFont"])
            if "CJK" not in name:
                continue
            program = font["/FontDescriptor"].get_object()["/FontFile"].get_object().get_data()
            glyph = {int(code): f"cid{int(cid):05d}" for code, cid in re.findall(rb"dup (\d+) /cid(\d+) put", program)}
            cmap = font["/ToUnicode"].get_object().get_data().decode("latin-1")
            for block in re.findall(r"beginbfchar(.*?)endbfchar", cmap, re.S):
                for code, uni in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]{4})>", block):
                    if int(code, 16) in glyph:
                        yield name, chr(int(uni, 16)), glyph[int(code, 16)]


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_chinese_is_set_in_the_simplified_chinese_forms_not_the_japanese_ones(pdfs, year):
    """The Noto CJK collections hold the Japanese, Korean and Chinese forms of each character under one font
    name (so the PDF's font names all say jp); the glyph each character was drawn with says which it was."""
    faces = _sc_faces()
    differing = 0
    for name, ch, glyph in _glyphs_used(pdfs[year][1]):
        family = "NotoSerifCJK" if "Serif" in name else "NotoSansCJK"
        weight = "Bold" if "Bold" in name else "Regular"
        sc, jp = faces[f"{family}SC-{weight}"], faces[f"{family}JP-{weight}"]
        if sc.get(ord(ch)) != jp.get(ord(ch)):  # a character whose Chinese and Japanese forms differ
            differing += 1
            assert glyph == sc.get(ord(ch)), f"{ch} in {name} is not the Simplified-Chinese form"
    assert differing > 50  # the check saw enough characters to mean something


def _figure_or_label(text: str) -> bool:
    """A cell that must stay on one line: a figure, a date, or a label of a few characters."""
    compact = re.sub(r"\s+", "", text)
    return bool(compact) and (bool(re.fullmatch(r"[\d.,:%+\-—年月日]*\d[\d.,:%+\-—年月日]*", compact))
                              or len(compact) <= 4)


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_no_table_cell_wraps_a_number_a_date_or_a_short_label(pdfs, year):
    docx, pdf = pdfs[year]
    lines = [line for page in layout_lines(pdf) for line in page]
    wanted: dict[str, int] = {}
    for table in (b for b in blocks(docx) if b.kind == "table"):
        for row in table.rows:
            for cell in row:
                if _figure_or_label(cell) and len(re.sub(r"\s+", "", cell)) > 1:
                    key = re.sub(r"\s+", "", cell)
                    wanted[key] = wanted.get(key, 0) + 1
    assert any(re.fullmatch(r"\d{4}\.\d{1,2}\.\d{1,2}", k) for k in wanted)  # the dates are among them
    # A wrapped cell leaves no line holding all of it: each must be found whole as often as the tables hold it.
    short = {k: n for k, n in wanted.items() if sum(line.count(k) for line in lines) < n}
    assert not short, f"wrapped in a table cell: {sorted(short)[:10]}"


@pytest.mark.parametrize("year,section", [("2021", "媒体报道"), ("2019", "媒体报道"), ("2019", "综合统计")])
def test_no_table_leaves_a_lonely_row_at_the_top_or_the_foot_of_a_page(pdfs, year, section):
    """2019 once printed 媒体报道 row 79 and 综合统计 row 12 alone on a page, under a repeated header."""
    docx, pdf = pdfs[year]
    pages = layout_lines(pdf)
    table = next(b for b in section_after(blocks(docx), section) if b.kind == "table")
    # 序号 and 日期, or 序号 and 项目, stand on one line of their row however tall the row is.
    keys = [re.sub(r"\s+", "", row[0] + row[1]) for row in table.rows[1:]]
    at = 0
    rows_pages = []
    for key in keys:
        while at < len(pages) and not any(key in line for line in pages[at]):
            at += 1
        assert at < len(pages), f"row {key!r} not found"
        rows_pages.append(at)
    assert len(set(rows_pages)) > 1  # the table runs over pages, so the check means something
    for page in set(rows_pages):
        assert rows_pages.count(page) >= 2, f"one row alone on page {page + 1}: {keys[rows_pages.index(page)]}"
    for first, second in zip(rows_pages, rows_pages[1:]):
        assert second in (first, first + 1)


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_the_activity_chart_stands_on_the_page_of_its_table(pdfs, year):
    pages = page_texts(pdfs[year][1])
    table = [i for i, text in enumerate(pages) if "活动统计" in text and "合计" in text]
    chart = [i for i, text in enumerate(pages) if "各类活动场次与人次占比" in text]
    assert table and table == chart


@pytest.mark.parametrize("year", EXAMPLE_YEARS)
def test_the_cover_carries_title_and_library_and_the_toc_has_a_page_of_its_own(pdfs, year):
    pages = page_texts(pdfs[year][1])
    assert pages[0] == f"越秀区图书馆{year}年年报越秀区图书馆"  # no date: the printed report gives none
    assert pages[1].startswith("目录一、年度概况")
    assert "一、年度概况" in pages[2] and "目录" not in pages[2]


def test_toc_page_numbers_stand_at_the_right_margin(pdfs):
    """The tab stop follows the text width: every number's right edge is the text area's right edge."""
    bbox = subprocess.run(["pdftotext", "-f", "2", "-l", "2", "-bbox", str(pdfs["2021"][1]), "-"],
                          capture_output=True, text=True, check=True).stdout
    numbers = [float(x) for x in re.findall(r'xMax="([\d.]+)"[^>]*>[^<]*?\d+</word>', bbox)]
    assert len(numbers) >= 8
    right_margin = (21.0 - 2.6) / 2.54 * 72  # the template's page width less its right margin, in points
    assert all(abs(x - right_margin) < 1.5 for x in numbers), numbers


def test_a_template_saved_by_libreoffice_still_builds_with_cover_toc_and_body_on_their_own_pages(layouts):
    built = layouts.resaved()
    assert built.run.returncode == 0, built.run.stderr
    pages = page_texts(built.pdf)
    assert pages[0].startswith("越秀区图书馆2019年年报")
    assert pages[1].startswith("目录一、年度概况")
    assert pages[2].startswith("年度概况一、年度概况")  # the running header, then the first part


def test_readme_ci_and_the_build_give_the_same_install_advice():
    from libreport.pdf import INSTALL, PACKAGES

    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    assert f"`{INSTALL}`" in readme
    installed = re.search(r'^packages="(.*)"$', ci, re.M).group(1).split()
    assert set(PACKAGES) | {"poppler-utils"} == set(installed)
