"""`libreport build`: the report holds every figure of the sources, in order, in the right place.

The report is read back with python-docx; nothing here trusts the builder's own structures.
"""

from __future__ import annotations

import hashlib
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from libreport.compute.tables import activity_table, chronicle_months, statistics_rows
from libreport.diagnostics import Diagnostics
from libreport.numbers import cn_numeral, group_thousands
from libreport.sources.sections import load_year

from .conftest import EXAMPLES, run_cli
from .docxdump import blocks, section_after

NAMES = {"2021": "越秀区图书馆2021年年报.docx", "2019": "越秀区图书馆2019年年报.docx"}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("out")
    proc = run_cli("build", "2021", "2019", "--toc", "field", "--output", str(out))
    assert proc.returncode == 0, proc.stderr
    return {year: out / year / name for year, name in NAMES.items()}


def model(year: str):
    report = load_year(EXAMPLES / year, Diagnostics())
    assert report is not None
    return report


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_report_is_written_where_the_user_expects(built, year):
    assert built[year].is_file()
    assert zipfile.is_zipfile(built[year])


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_parts_and_sections_appear_in_order_as_headings(built, year):
    bs = blocks(built[year])
    h1 = [b.text for b in bs if b.kind == "p" and b.style == "Heading1"]
    h2 = [b.text for b in bs if b.kind == "p" and b.style == "Heading2"]
    # 2021 follows the 十四五 plan (examples/plan.yaml) and ends with what it did for it; 2019 is before the plan
    assert h1 == ["一、年度概况", "二、业务统计", "三、大事记", *(["四、规划任务落实情况"] if year == "2021" else [])]
    # 人员结构 has no data in the examples, so it is left out; 三、大事记 holds one section of the same title,
    # which prints one heading, not 三、大事记 followed by 大事记 (and 四、规划任务落实情况 likewise)
    assert h2 == ["工作总结", "荣誉表彰", "媒体报道", "综合统计", "活动统计"]


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_every_coverage_row_is_in_the_coverage_table_in_order(built, year):
    rows = model(year).first("coverage")
    table = next(b for b in section_after(blocks(built[year]), "媒体报道") if b.kind == "table")
    assert table.rows[0] == ["序号", "日期", "媒体", "版面", "标题"]
    body = table.rows[1:]
    assert len(body) == len(rows)
    for i, (cells, row) in enumerate(zip(body, rows), 1):
        assert cells == [str(i), f"{row.date.year}.{row.date.month}.{row.date.day}", row.outlet, row.section,
                         row.title]


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_every_award_is_in_the_awards_table(built, year):
    awards = model(year).first("awards")
    table = next(b for b in section_after(blocks(built[year]), "荣誉表彰") if b.kind == "table")
    assert table.rows[0] == ["序号", "奖项名称", "颁奖部门", "获奖时间"]
    assert [r[1] for r in table.rows[1:]] == [a.name for a in awards]
    assert [r[2] for r in table.rows[1:]] == ["、".join(a.bodies) for a in awards]
    assert all(r[3] == f"{a.date.year} 年 {a.date.month} 月" for r, a in zip(table.rows[1:], awards))


def test_statistics_table_prints_the_hierarchy_with_markers_units_and_separators(built):
    table = next(b for b in section_after(blocks(built["2021"]), "综合统计") if b.kind == "table")
    rows = table.rows
    assert rows[0] == ["序号", "项目", "单位", "数量"]
    assert rows[1] == ["1", "藏量", "册、件", "1,607,816"]
    assert rows[2] == ["①", "图书", "册", "1,568,237"]
    assert rows[3][1].strip() == "其中：盲文图书"
    assert any(r[1].strip() == "在藏量中：开架书刊" for r in rows)
    assert ["2", "音视频资源总量", "千小时", "35.00"] in rows
    group = next(r for r in rows if r[1] == "为读者举办各种活动")
    assert group[2:] == ["—", "—"]
    assert any(r[0] == "①" and r[1] == "其中：组织各类讲座次数" for r in rows)
    expected = statistics_rows(model("2021").first("statistics"))
    assert len(rows) - 1 == len(expected)
    for cells, row in zip(rows[1:], expected):
        assert cells[3] == ("—" if row.value is None else group_thousands(row.value))


@pytest.mark.parametrize("year,sessions,attendance", [
    ("2021", ["17.92%", "4.87%", "19.29%", "57.93%"], ["15.81%", "38.54%", "3.49%", "42.17%"]),
    ("2019", ["9.05%", "19.86%", "53.57%", "17.52%"], ["70.86%", "8.02%", "7.41%", "13.71%"]),
])
def test_activity_shares_reproduce_the_printed_figures(built, year, sessions, attendance):
    table = next(b for b in section_after(blocks(built[year]), "活动统计") if b.kind == "table")
    assert table.rows[0][:2] == ["序号", "活动类型"]
    assert table.rows[1][-4:] == ["场次", "比例", "人次", "比例"]
    body = table.rows[2:6]
    assert [r[3] for r in body] == sessions
    assert [r[5] for r in body] == attendance
    total = table.rows[6]
    acts = activity_table(model(year).first("activities"))
    # Counts are grouped by thousands, as 综合统计 prints them.
    assert [r[4] for r in body] == [group_thousands(line.attendance.value) for line in acts.lines]
    assert total == ["合计", group_thousands(acts.total.sessions.value), "100%",
                     group_thousands(acts.total.attendance.value), "100%"]


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_activity_chart_is_a_native_chart_with_the_shares(built, year):
    with zipfile.ZipFile(built[year]) as z:
        chart = z.read("word/charts/chart1.xml").decode()
        assert "word/embeddings/chart1.xlsx" in z.namelist()
        rels = z.read("word/_rels/document.xml.rels").decode()
    assert "relationships/chart" in rels
    acts = activity_table(model(year).first("activities"))
    for line in acts.lines:
        assert f"<c:v>{line.type}</c:v>" in chart
        assert f"<c:v>{line.session_share}</c:v>" in chart
    assert 'typeface="黑体"' in chart  # Chinese labels get an East Asian font


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_chronicle_entries_are_under_their_months_in_order(built, year):
    events = model(year).first("chronicle")
    section = section_after(blocks(built[year]), "三、大事记", "Heading1")
    printed = [(b.style, b.text) for b in section if b.kind == "p" and b.text]
    expected = []
    for group in chronicle_months(events):
        if group.month:
            expected.append(("MonthHeading", f"{cn_numeral(group.month)}月"))
        expected.extend(("Chronicle", f"{e.date_text}，{e.text}") for e in group.events)
    assert printed == expected
    assert sum(1 for s, _ in printed if s == "Chronicle") == len(events)


def test_chronicle_dates_print_as_the_source_prints_them(built):
    texts = [b.text for b in blocks(built["2021"]) if b.style == "Chronicle"]
    for start in ("1月7日，", "4月24日-8月31日，", "12月，", "4-6月，", "全年，", "2月10日-28日，"):
        assert any(t.startswith(start) for t in texts), start
    months = [b.text for b in blocks(built["2021"]) if b.style == "MonthHeading"]
    assert months == [f"{cn_numeral(m)}月" for m in range(1, 13)]
    assert texts[-1].startswith("全年，")  # whole-year entries come after 十二月


def test_summary_quotes_figures_computed_from_the_data(built):
    section = section_after(blocks(built["2021"]), "工作总结")
    first = next(b.text for b in section if b.kind == "p" and b.style == "Normal")
    for phrase in ("接待读者 126 万多人次", "外借书刊 125 万多册次", "开展线上、线下活动 1700 多场次",
                   "参与活动 89 万多人次"):
        assert phrase in first
    headings = [b.text for b in section if b.style in ("Heading3", "Heading4")]
    assert headings[0].startswith("一、创新党史学习教育实践路径")
    assert headings[1].startswith("1、")
    assert "{{" not in "".join(b.text or "" for b in section)


def test_fonts_page_and_tables_follow_chinese_office_conventions(built):
    doc = Document(str(built["2021"]))
    styles = doc.styles.element

    def east_asia(style_id):
        st = styles.xpath(f'w:style[@w:styleId="{style_id}"]')[0]
        return st.rPr.rFonts.get(qn("w:eastAsia"))

    assert east_asia("Normal") == "仿宋"
    assert east_asia("Heading1") == "黑体"
    assert east_asia("Title") == "方正小标宋简体"
    assert styles.xpath('w:style[@w:styleId="Normal"]')[0].rPr.rFonts.get(qn("w:ascii")) == "Times New Roman"
    with zipfile.ZipFile(built["2021"]) as z:
        fonts = z.read("word/fontTable.xml").decode()
    assert '<w:font w:name="方正小标宋简体"><w:altName w:val="宋体"/>' in fonts  # the title's fallback
    generated = ("Chronicle", "MonthHeading", "Heading1", "Heading2", "Heading3", "Heading4", "TOC1", "TOC2")
    runs = [r for r in doc.element.body.iter(qn("w:r")) if r.find(qn("w:t")) is not None
            and (any(a.tag == qn("w:tbl") for a in r.iterancestors())
                 or r.getparent().tag == qn("w:p") and r.getparent().style in generated)]
    assert len(runs) > 400
    fonts_of_runs = [r.find(qn("w:rPr")).find(qn("w:rFonts")) for r in runs]
    # every run marks its text East Asian (so “” … take the Chinese font) and names no font itself
    assert all(f is not None and f.get(qn("w:hint")) == "eastAsia" for f in fonts_of_runs)
    assert not any(f.get(qn("w:eastAsia")) or f.get(qn("w:ascii")) for f in fonts_of_runs)
    section = doc.sections[-1]
    assert (round(section.page_width.cm, 1), round(section.page_height.cm, 1)) == (21.0, 29.7)
    body = doc.element.body
    for tbl in body.iter(qn("w:tbl")):
        grid = [int(g.get(qn("w:w"))) for g in tbl.find(qn("w:tblGrid"))]
        first_row = tbl.find(qn("w:tr"))
        assert first_row.find(qn("w:trPr")).find(qn("w:tblHeader")) is not None  # header repeats on each page
        for tr in tbl.iter(qn("w:tr")):
            assert tr.find(qn("w:trPr")).find(qn("w:cantSplit")) is not None  # rows do not split
        cell_widths = [int(tc.find(qn("w:tcPr")).find(qn("w:tcW")).get(qn("w:w"))) for tc in first_row.iter(qn("w:tc"))]
        assert sum(cell_widths) == sum(grid)  # widths in the grid and in the cells agree


def test_each_part_has_its_own_running_header_and_page_numbers_in_the_footer(built):
    doc = Document(str(built["2021"]))
    headers = []
    for section in doc.sections:
        if not section.header.is_linked_to_previous:
            headers.append(" ".join(p.text for p in section.header.paragraphs).strip())
    assert headers == ["年度概况", "业务统计", "大事记", "规划任务落实情况"]
    footer_xml = doc.sections[-1].footer._element.xml
    assert "PAGE" in footer_xml


def test_table_of_contents_is_a_field_listing_every_part_and_section(built):
    bs = blocks(built["2021"])
    toc = [b.text for b in bs if b.style in ("TOC1", "TOC2")]
    assert toc == ["一、年度概况", "工作总结", "荣誉表彰", "媒体报道", "二、业务统计", "综合统计", "活动统计",
                   "三、大事记", "四、规划任务落实情况"]  # the plan's parts and tasks are not in the contents
    xml = Document(str(built["2021"])).element.xml
    assert 'TOC \\o "1-2"' in xml


def test_same_sources_give_the_same_document(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    for out in (a, b):
        assert run_cli("build", "2019", "--toc", "field", "--output", str(out)).returncode == 0
    fa, fb = a / "2019" / NAMES["2019"], b / "2019" / NAMES["2019"]
    assert hashlib.sha256(fa.read_bytes()).digest() == hashlib.sha256(fb.read_bytes()).digest()
    with zipfile.ZipFile(fa) as z:
        core = z.read("docProps/core.xml").decode()
        assert "2019-12-31T00:00:00Z" in core and "越秀区图书馆 2019 年年报" in core
        assert all(info.date_time == (1980, 1, 1, 0, 0, 0) for info in z.infolist())


@pytest.mark.parametrize("year", ["2021", "2019"])
def test_every_part_of_the_package_is_well_formed_and_typed(built, year):
    """Word refuses a whole document for one malformed or untyped part; LibreOffice is more forgiving."""
    from lxml import etree

    with zipfile.ZipFile(built[year]) as z:
        names = z.namelist()
        types = z.read("[Content_Types].xml").decode()
        for name in names:
            if name.endswith((".xml", ".rels")):
                etree.fromstring(z.read(name))
            if name.startswith(("word/header", "word/footer", "word/charts/chart")) or name == "word/document.xml":
                assert f'PartName="/{name}"' in types, name  # these parts need their own content type
        for rels in (n for n in names if n.endswith(".rels")):
            base = rels.replace("_rels/", "").removesuffix(".rels").rsplit("/", 1)[0]
            for rel in etree.fromstring(z.read(rels)):
                if rel.get("TargetMode") == "External":
                    continue
                target = rel.get("Target").lstrip("/")
                path = target if rel.get("Target").startswith("/") or base in ("", ".rels") else f"{base}/{target}"
                parts = []
                for piece in path.split("/"):
                    if piece == "..":
                        parts.pop()
                    elif piece and piece != ".":
                        parts.append(piece)
                assert "/".join(parts) in names, (rels, rel.get("Target"))


# -- what a build leaves beside the report ---------------------------------------------------------------

def untitled_year(tmp_path: Path) -> Path:
    """A 工作总结 whose only section has no heading, nor any heading in its text: a report without contents."""
    (tmp_path / "libreport.yaml").write_text("sources: .\noutput: out\n", encoding="utf-8")
    year = tmp_path / "2024"
    year.mkdir()
    (year / "report.yaml").write_text("library: 临江市图书馆\nyear: 2024\nkind: 工作总结\nsections:\n"
                                      "  - {kind: summary, file: summary.md}\n", encoding="utf-8")
    (year / "summary.md").write_text("今年我馆接待读者五十万人次。\n\n全年举办活动三百场。\n", encoding="utf-8")
    return tmp_path


STALE = "out/2024/临江市图书馆2024年工作总结.pdf"


@pytest.mark.parametrize(("lang", "said"), [
    ("en", f"removed {STALE}: it was an earlier build's (build with --pdf for a new one)"),
    ("zh", f"已删除 {STALE}：它是之前生成的旧版本（需要新的 PDF 请加 --pdf 重新生成）")])
def test_a_build_without_pdf_removes_the_pdf_of_an_earlier_build_and_says_so(tmp_path, lang, said):
    project = untitled_year(tmp_path)
    stale = project / STALE
    stale.parent.mkdir(parents=True)
    stale.write_bytes(b"%PDF-1.7 an earlier build")
    done = run_cli("build", "2024", "--toc", "field", "--lang", lang, cwd=project)
    assert done.returncode == 0, done.stderr
    assert not stale.exists() and stale.with_suffix(".docx").is_file()
    assert said in done.stdout
    again = run_cli("build", "2024", "--toc", "field", "--lang", lang, cwd=project)
    assert said not in again.stdout  # nothing to remove the second time


def test_a_report_with_no_headings_gets_no_empty_contents_page(tmp_path):
    project = untitled_year(tmp_path)
    done = run_cli("build", "2024", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "table of contents" not in done.stdout  # nothing to say of contents the report does not have
    document = Document(str(project / "out/2024/临江市图书馆2024年工作总结.docx"))
    texts = [p.text for p in document.paragraphs if p.text]
    assert not any(p.style.name == "TOC Heading" for p in document.paragraphs)
    assert texts[-2:] == ["今年我馆接待读者五十万人次。", "全年举办活动三百场。"]
    # the cover's section, then the body's: no section of its own for the contents
    assert len(document.sections) == 2


def test_2021_prints_what_it_did_for_each_task_of_the_plan(built):
    """examples/plan.yaml holds 越秀's 十四五 plan: 19 tasks in five parts. 2021's chronicle entries, awards and
    summary paragraphs and headings name the tasks they serve, and 四、规划任务落实情况 prints them under each task."""
    import re

    import yaml

    section = [b for b in section_after(blocks(built["2021"]), "四、规划任务落实情况", "Heading1") if b.kind == "p"]
    parts = [b.text for b in section if b.style == "Heading3"]
    assert len(parts) == 5
    assert parts[0] == "（一）提升体系建设高质量发展水平，努力推进区域总分馆服务体系在全省、全国范围内树立典型示范"
    tasks = [b.text for b in section if b.style == "Heading4"]
    assert [t.split(". ")[0] for t in tasks] == [str(n) for n in range(1, 20)]
    assert tasks[2] == "3. 推进文旅融合，建设“越读吧”（“粤书吧”）"
    # what the sources say each task was served by, read apart from the builder
    report = model("2021")
    named: dict[str, dict[str, int]] = {}
    for title, entries in (("荣誉表彰", report.first("awards")), ("大事记", report.first("chronicle"))):
        for entry in entries:
            for ref in entry.tasks:
                named.setdefault(ref.text, {}).setdefault(title, 0)
                named[ref.text][title] += 1
    summary = (EXAMPLES / "2021" / "summary.md").read_text(encoding="utf-8")
    for refs in re.findall(r"<!-- tasks: ([\d, ]+) -->", summary):
        for ref in refs.split(", "):
            named.setdefault(ref, {}).setdefault("工作总结", 0)
            named[ref]["工作总结"] += 1
    plan = yaml.safe_load((EXAMPLES / "plan.yaml").read_text(encoding="utf-8"))
    assert [t["number"] for p in plan["parts"] for t in p["tasks"]] == list(range(1, 20))
    for n, task in enumerate(tasks, 1):
        after = section[[b.text for b in section].index(task) + 1].text
        counts = named.get(str(n))
        if counts is None:  # nothing of 2021 names it
            assert after == "2021 年暂无落实记录。", task
            continue
        ordered = [s for s in ("工作总结", "荣誉表彰", "大事记") if s in counts]  # in the report's order
        listed = "、".join(f"{s} {counts[s]} 项" for s in ordered)
        assert after == f"2021 年落实 {sum(counts.values())} 项（{listed}）：", task
    assert sorted(n for n in range(1, 20) if str(n) not in named) == [4, 14, 16, 18]
    # an award as its table names it, with who gave it; a chronicle entry with its date
    award = "“千年古都商业街区‘粤书吧’系列”案例被广东省文化和旅游厅评为 2021 年度广东省“粤书吧”建设最佳实践案例"
    assert f"• {award}（广东省文化和旅游厅）" in [b.text for b in section]
    assert "• 12月，越秀区图书馆与爱群大酒店共建粤书吧。" in [b.text for b in section]


def test_2019_is_before_the_plan_and_prints_nothing_of_it(built):
    assert not any("规划" in b.text for b in blocks(built["2019"]) if b.kind == "p")
