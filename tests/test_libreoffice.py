"""Real client: LibreOffice lays the reports out; the PDF is what a reader sees.

In CI LibreOffice is installed by .ci/run and these tests must run; on a
machine without it they are skipped.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

import pytest
from pypdf import PdfReader

from .conftest import needs_libreoffice, run_cli
from .docxdump import blocks

pytestmark = needs_libreoffice()

PARTS = {"年度概况": ["工作总结", "荣誉表彰", "媒体报道"], "业务统计": ["综合统计", "活动统计"], "大事记": ["大事记"]}


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory) -> dict[str, tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("lo")
    proc = run_cli("build", "2021", "2019", "--pdf", "--output", str(out), timeout=900)
    assert proc.returncode == 0, proc.stderr
    assert "page numbers laid out with LibreOffice" in proc.stdout
    name = "越秀区图书馆{}年年报"
    return {y: (out / y / f"{name.format(y)}.docx", out / y / f"{name.format(y)}.pdf") for y in ("2021", "2019")}


def page_texts(pdf: Path) -> list[str]:
    return [re.sub(r"\s+", "", page.extract_text() or "") for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages]


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_toc_page_numbers_match_where_the_headings_land(pdfs, year):
    docx, pdf = pdfs[year]
    toc = [b for b in blocks(docx) if b.style in ("TOC1", "TOC2")]
    assert len(toc) == 8  # 三、大事记 holds one section of the same title: one heading
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
    for text in pages[2:]:
        for header in PARTS:
            if f"、{header}" in text[:40]:
                current = header
        if current:
            assert text.startswith(current), text[:30]
            seen.add(current)
    assert seen == set(PARTS)


def test_page_count_is_plausible_for_the_printed_report(pdfs):
    pages = len(PdfReader(str(pdfs["2021"][1])).pages)
    assert 38 <= pages <= 56  # the printed 2021 report runs to about 45 pages
    assert len(PdfReader(str(pdfs["2019"][1])).pages) >= 25


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
