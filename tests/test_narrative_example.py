"""examples/qinghe: a second library's project, a narrative 工作总结 shaped nothing like 越秀's 年报.

青禾市图书馆 is made up. Its report has no parts: a letterhead, a text numbered 一、（一）1. with run-in headings,
written in two files with a table of its branches between them (序号, a share column, a total row), figures with
their approximation words and scope notes, a chart picture, and a signature. It is built from the sources and
the default templates alone.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

import pytest

from .conftest import EXAMPLES, needs_libreoffice, run_cli
from .docxdump import blocks

PROJECT = EXAMPLES / "qinghe"
NAME = "青禾市图书馆2023年工作总结"


@pytest.fixture(scope="module")
def report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("qinghe")
    done = run_cli("build", "2023", "--strict", "--toc", "field", "--output", str(out), cwd=PROJECT)
    assert done.returncode == 0, done.stderr
    return out / "2023" / f"{NAME}.docx"


def body(docx: Path) -> list[tuple[str, str]]:
    ps = [(b.style, b.text) for b in blocks(docx) if b.kind == "p" and b.text]
    start = next(i for i, (style, _) in enumerate(ps) if style == "Letterhead")
    return ps[start:]


def test_it_validates_strictly_as_a_project_of_its_own():
    done = run_cli("validate", "--strict", cwd=PROJECT)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.strip().splitlines()[-1] == "2023: 0 error(s), 0 warning(s), 0 note(s)"


def test_the_kind_names_the_file_and_the_cover(report):
    assert report.name == f"{NAME}.docx"
    assert blocks(report)[0].text == "青禾市图书馆 2023 年工作总结"


def test_it_opens_with_the_letterhead_and_ends_with_the_signature(report):
    ps = body(report)
    assert ps[0] == ("Letterhead", "青禾市图书馆")
    assert ps[1][0] == "Normal" and ps[1][1].startswith("2023 年，青禾市图书馆在市文化广电旅游局的领导下")
    assert ps[-2:] == [("Signature", "青禾市图书馆"), ("Signature", "2024年1月12日")]


def test_headings_are_numbered_in_its_house_style_through_both_files(report):
    heads = [t for s, t in body(report) if s.startswith("Heading")]
    assert heads == ["一、2023 年主要工作", "（一）夯实基础服务，服务效能稳步提升",
                     "（二）完善总分馆体系，服务网络持续延伸", "（三）深化全民阅读推广，品牌活动出新出彩",
                     "（四）推进数字化建设，提升智慧服务水平", "（五）加强队伍建设，志愿服务常态化", "二、存在的问题",
                     "三、2024 年工作打算"]
    toc = [(b.style, b.text) for b in blocks(report) if b.style in ("TOC1", "TOC2")]
    assert [t for _, t in toc] == heads and [s for s, _ in toc] == ["TOC1"] + ["TOC2"] * 5 + ["TOC1"] * 2


def test_third_level_headings_run_into_their_paragraph(report):
    texts = [t for s, t in body(report) if s == "Normal"]
    assert any(t.startswith("1.延长开放时间。中心馆自 3 月起实行") for t in texts)
    assert any(t.startswith("3.加快智慧图书馆建设。推进读者服务数据统一管理") for t in texts)


def test_figures_are_printed_as_the_report_words_them(report):
    text = "".join(t for _, t in body(report))
    for phrase in ("接待读者近 86.5 万人次（含分馆）", "外借文献逾 112 万册次", "新办读者证 1.2 万余个",
                   "阅读推广活动 1500 余场", "参与读者约 45 万人次", "数字资源总量超过 80 TB", "线上访问 320 万次以上",
                   "服务点达到 38 个（含馆外流动服务点）", "志愿者 560 余名",
                   # quoted from the table: a branch's figure with its word, and a computed share
                   "开馆半年接待读者近 4.5 万人次", "接待读者占全市的 60.58%"):
        assert phrase in text, phrase


def test_the_branch_table_has_its_numbers_shares_and_total(report):
    bs = blocks(report)
    at = next(i for i, b in enumerate(bs) if b.kind == "table")
    assert bs[at - 1].text == "表 1 2023 年总分馆服务情况"
    assert bs[at].rows == [
        ["序号", "馆名", "开馆时间", "开放面积（平方米）", "接待读者（万人次）", "占比", "外借文献（万册次）"],
        ["1", "中心馆", "2009-10-26", "26,800", "52.4", "60.58%", "68.6"],
        ["2", "城东分馆", "2016-04-23", "3,200", "11.6", "13.41%", "16.2"],
        ["3", "城西分馆", "2018-09-28", "2,800", "9.8", "11.33%", "12.9"],
        ["4", "城南分馆", "2020-12-30", "2,400", "8.2", "9.48%", "10.3"],
        ["5", "城北分馆", "2023-06-18", "3,600", "近 4.5", "5.20%", "4.1"],
        ["合计", "", "38,800", "86.5", "100%", "112.1"],
    ]
    assert bs[at + 1].style == "TableNote" and bs[at + 1].text.startswith("注：")


def test_the_chart_is_a_picture_with_a_numbered_caption(report):
    captions = [t for s, t in body(report) if s == "Caption"]
    assert captions == ["图 1 2019—2023 年接待读者人次（万人次）", "表 1 2023 年总分馆服务情况"]
    with zipfile.ZipFile(report) as z:
        media = [n for n in z.namelist() if n.startswith("word/media/")]
        assert len(media) == 1 and z.read(media[0]) == (PROJECT / "2023/images/visits.png").read_bytes()


def test_nothing_of_the_other_library_is_in_it(report):
    with zipfile.ZipFile(report) as z:
        xml = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist() if n.endswith(".xml"))
    assert "越秀" not in xml
    for path in PROJECT.rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md"):
            assert "越秀" not in path.read_text(encoding="utf-8"), path


@needs_libreoffice()
def test_laid_out_it_reads_as_a_short_official_summary(layouts):
    from pypdf import PdfReader

    built = layouts.narrative()
    assert built.run.returncode == 0, built.run.stderr
    assert built.pdf is not None
    pages = [re.sub(r"\s+", "", p.extract_text() or "") for p in PdfReader(io.BytesIO(built.pdf.read_bytes())).pages]
    assert 4 <= len(pages) <= 9
    first = next(i for i, text in enumerate(pages) if "现将全年工作总结如下" in text)
    assert "青禾市图书馆" in pages[first] and pages[-1].rstrip("0123456789").endswith("青禾市图书馆2024年1月12日")
    for entry in (b for b in blocks(built.docx) if b.style in ("TOC1", "TOC2")):  # each TOC number is its page
        title, page = re.match(r"^(.*?)(\d+)$", entry.text).groups()
        assert title.replace(" ", "") in pages[first + int(page) - 1], entry.text
    assert not any("**" in p or "{{" in p for p in pages)



@needs_libreoffice()
def test_no_figure_or_date_of_the_branch_table_wraps_though_its_headings_are_long(layouts):
    from .test_libreoffice import layout_lines

    built = layouts.narrative()
    lines = [line for page in layout_lines(built.pdf) for line in page]
    table = next(b for b in blocks(built.docx) if b.kind == "table")
    cells = {c for row in table.rows[1:] for c in row if re.fullmatch(r"[\d.,%\-近 ]+", c) and len(c) > 1}
    assert {"2016-04-23", "60.58%", "26,800", "近 4.5"} <= cells
    wrapped = sorted(c for c in cells if not any(c.replace(" ", "") in line for line in lines))
    assert wrapped == []
