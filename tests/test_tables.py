"""Tables as printed: columns sized from their content, rows kept together, figures written one way.

The widths are checked here against the measuring rules; that nothing wraps on the laid-out page is
checked in test_libreoffice.py.
"""

from __future__ import annotations

import re
import zipfile

import pytest
from docx import Document

from libreport.docx.measure import Face, share_widths, unbreakable, width
from libreport.docx.xml import Table

from .conftest import run_cli
from .docxdump import blocks, section_after

FACE = Face(10.5)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    out = tmp_path_factory.mktemp("out")
    done = run_cli("build", "2021", "--toc", "field", "--output", str(out))
    assert done.returncode == 0, done.stderr
    return {"2021": out / "2021/越秀区图书馆2021年年报.docx"}


def test_a_date_a_figure_or_a_short_label_is_never_broken_but_running_text_is_at_any_chinese_character():
    for text in ("2021.12.17", "141,764", "17.92%", "2021 年 11 月", "序号", "广州日报客户端"):
        assert unbreakable(text, FACE) == width(text, FACE)
    title = "越秀区图书馆“粤书吧”获评广东省最佳实践案例 APP"
    assert unbreakable(title, FACE) == width("APP", FACE) < width(title, FACE)


def test_chinese_takes_an_em_and_latin_digits_half_of_one():
    assert width("图书馆", FACE) > width("2021", FACE) > width("1", FACE)
    assert width("图书馆", Face(21)) > 1.9 * width("图书馆", FACE)


def test_columns_get_their_share_but_never_less_than_their_content_needs():
    # 序号 at 6% of 9000 twips would wrap "序号"; it gets what it needs, and the text column pays for it.
    widths = share_widths([6, 15, 79], least=[700, 1300, 600], most=[700, 1300, 30000], total=9000)
    assert sum(widths) == 9000
    assert widths == [700, 1300, 7000]


def test_what_a_column_does_not_need_goes_to_the_columns_that_do():
    widths = share_widths([50, 50], least=[300, 300], most=[1000, 20000], total=9000)
    assert widths == [1000, 8000]


def test_when_everything_fits_on_one_line_the_spare_width_is_shared_by_weight():
    widths = share_widths([1, 3], least=[100, 100], most=[1000, 1000], total=6000)
    assert widths == [2000, 4000]


def test_when_even_the_least_does_not_fit_every_column_shrinks_alike():
    widths = share_widths([1, 1], least=[6000, 3000], most=[6000, 3000], total=6000)
    assert widths == [4000, 2000]


def test_a_column_of_names_keeps_every_name_whole_before_the_titles_share_the_rest():
    """An office never prints 广东图书馆学会公众/号: the outlets' column gets its widest name, the titles the rest."""
    t = Table("Grid", 9000, [6, 16, 78])
    t.row(["序号", "媒体", "标题"], header=True)
    for k, outlet in enumerate(["广州日报", "广东图书馆学会公众号", "广州市越秀区政府门户网站"], 1):
        t.row([str(k), outlet, "越秀区图书馆举办“读书月”系列活动，吸引读者三千余人次参与" * 2])
    widths = t.widths()
    assert widths[1] >= width("广州市越秀区政府门户网站", FACE) + 216
    assert widths[2] == 9000 - widths[0] - widths[1] and widths[2] >= 9000 / 4


def test_a_name_breaks_only_where_the_office_put_a_space_between_its_words():
    t = Table("Grid", 9000, [5, 95])
    t.row(["微社区 e 家通洪桥 社区营造", "越秀区图书馆举办“读书月”系列活动，吸引读者三千余人次参与" * 3])
    assert width("微社区 e 家通洪桥", FACE) + 216 <= t.widths()[0] < width("微社区 e 家通洪桥 社区营造", FACE) + 216


def test_names_give_way_all_alike_when_keeping_them_whole_would_starve_the_titles():
    widths = share_widths([15, 15, 15, 55], least=[300] * 4, most=[2900, 2900, 2000, 30000], total=9000,
                          whole=[2900, 2900, 2000, 30000])
    assert widths[3] >= 9000 / 4 - 2  # the titles keep a quarter of the width (to a twip or two)
    assert abs(widths[0] - widths[1]) <= 1 and max(widths[:2]) < 2900 and widths[2] == 2000  # the widest give way


def test_a_heading_too_wide_for_its_column_breaks_before_its_bracketed_unit():
    t = Table("Grid", 4000, [40, 30, 30])
    t.row(["指标", "接待读者（万人次）", "增减（%）"], header=True)
    t.row(["到馆读者", "68.35", "+23.7%"])
    widths = t.widths()
    assert widths[1] >= width("（万人次）", FACE) + 216  # the unit stays whole on its line, and the name on its own
    row = t.xml()[1].decode("utf-8")
    if widths[1] < width("接待读者（万人次）", FACE) + 216:
        assert re.search(r">接待读者</w:t></w:r><w:r><w:br/></w:r><w:r>.*?>（万人次）</w:t>", row), row
    assert ">增减（%）</w:t>" in row  # one that fits stays on one line


def table_of(rows: int, total_row: bool = False) -> Table:
    t = Table("Grid", 9000, [6, 94])
    t.row(["序号", "标题"], header=True)
    for i in range(1, rows + 1):
        t.row([str(i), f"第 {i} 行"])
    if total_row:
        t.row(["合计", ""], total=True)
    return t


def keeps(t: Table) -> list[bool]:
    return [b"<w:keepNext/>" in row for row in t.xml()[1:-1]]


def test_a_long_table_keeps_its_header_with_two_rows_and_its_last_two_rows_together():
    assert keeps(table_of(6)) == [True, True, False, False, False, True, False]


def test_a_total_row_keeps_with_the_two_rows_before_it():
    assert keeps(table_of(6, total_row=True)) == [True, True, False, False, False, True, True, False]


def test_rows_never_break_across_pages_and_headers_repeat():
    chunks = table_of(3).xml()
    assert all(b"<w:cantSplit/>" in row for row in chunks[1:-1])
    assert b"<w:tblHeader/>" in chunks[1] and b"<w:tblHeader/>" not in chunks[2]


def test_a_table_kept_with_what_follows_keeps_every_row():
    t = Table("Grid", 9000, [1, 1], keep_with_next=True)
    for i in range(4):
        t.row([str(i), "x"])
    assert keeps(t) == [True] * 4


def test_the_report_s_tables_size_the_number_and_date_columns_to_fit_them(built):
    with zipfile.ZipFile(built["2021"]) as z:
        document = z.read("word/document.xml").decode("utf-8")
    grids = [[int(w) for w in re.findall(r'w:w="(\d+)"', g)] for g in re.findall(r"<w:tblGrid>(.*?)</w:tblGrid>",
                                                                                     document)]
    coverage = next(g for g in grids if len(g) == 5)
    margins = 160  # the Report Grid style's cell margins, left and right
    assert coverage[0] >= width("序号", FACE) + margins and coverage[1] >= width("2021.12.17", FACE) + margins
    assert coverage[4] == max(coverage)  # the title column takes the rest


def test_activity_counts_are_grouped_by_thousands_like_the_statistics(built):
    table = next(b for b in section_after(blocks(built["2021"]), "活动统计") if b.kind == "table")
    assert table.rows[2][4] == "141,764" and table.rows[-1][1] == "1,747"


def test_an_activity_column_that_adds_up_to_nothing_prints_no_shares_and_no_chart(project):
    acts = project / "years/2019/activities.yaml"
    text = re.sub(r"attendance: \d+", "attendance: 0", acts.read_text(encoding="utf-8"))
    acts.write_text(text, encoding="utf-8")
    done = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    docx = project / "out/2019/越秀区图书馆2019年年报.docx"
    table = next(b for b in section_after(blocks(docx), "活动统计") if b.kind == "table")
    assert [row[5] for row in table.rows[2:6]] == ["—"] * 4 and table.rows[-1][-1] == "—"
    assert [row[3] for row in table.rows[2:6]] == ["9.05%", "19.86%", "53.57%", "17.52%"]
    with zipfile.ZipFile(docx) as z:
        chart = z.read("word/charts/chart1.xml").decode("utf-8")
    assert chart.count("<c:ser>") == 1  # only the sessions' shares

    acts.write_text(re.sub(r"sessions: \d+", "sessions: 0", text), encoding="utf-8")
    done = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(docx) as z:
        assert not [n for n in z.namelist() if n.startswith("word/charts/")]


def test_a_listed_section_with_no_rows_prints_nothing_and_validate_names_its_file(project):
    (project / "years/2019/coverage.yaml").write_text("# 媒体报道\n[]\n", encoding="utf-8")
    checked = run_cli("validate", "2019", cwd=project)
    assert checked.returncode == 0, checked.stdout
    assert "years/2019/coverage.yaml:1:1: warning to-fill: coverage.yaml: 媒体报道 has no rows yet" in checked.stdout
    done = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    bs = blocks(project / "out/2019/越秀区图书馆2019年年报.docx")
    printed = [b.text for b in bs if b.kind == "p"]
    assert not any("媒体报道" in text for text in printed)  # no heading, no TOC entry
    assert sum(b.kind == "table" for b in bs) == 3  # 荣誉表彰, 综合统计, 活动统计: no table of headers alone


@pytest.mark.parametrize("template", ["report.docx", "official.docx"])
def test_text_cells_are_set_ragged_not_stretched_by_justification(template):
    """A justified cell spreads the short last lines of a title across the cell: —— 广 州 越 秀 红 色 …"""
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    from .conftest import TEMPLATES

    styles = Document(str(TEMPLATES / template)).styles
    assert styles["Table Text"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.LEFT
    assert styles["Normal"].paragraph_format.alignment == WD_ALIGN_PARAGRAPH.JUSTIFY  # the body text stays justified
