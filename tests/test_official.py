"""A 工作总结 printed as an official document (公文), from the sources and the shipped templates alone: no cover and
no contents; the letterhead, the document number and the title at the head of the text; the signature; the 版记
(抄送, the 印发 line) between rules; pages numbered — 1 —. Chosen by `template: official` in report.yaml, which
`libreport init --kind 工作总结` writes.

Reports are built in-process and read back with python-docx; tests/data/official is laid out once by LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import OFFICIAL, TEMPLATES, edit_docx, needs_libreoffice, run_cli
from .docxdump import blocks
from .test_structure import HEAD, build, paragraphs, problems, year

OFFICIAL_HEAD = HEAD + "kind: 工作总结\ntitle: 青禾市图书馆2023年工作总结\ntemplate: official\n"
TEXT = {"summary.md": "2023 年，我馆全年开放 360 天。\n\n# 主要工作\n\n举办活动 300 余场。\n"}
IMPRINT = ("signature: {organisation: 青禾市图书馆, date: 2024-01-15}\n"
           "imprint:\n  cc: [市文化广电旅游局, 市图书馆学会]\n  issuer: 青禾市图书馆办公室\n  date: 2024-01-15\n")


def official(tmp_path: Path, head: str = "", files: dict | None = None):
    return build(tmp_path, {"report.yaml": OFFICIAL_HEAD + head + "sections:\n  - {kind: summary}\n",
                            **(files or TEXT)})


def parts_of(docx: Path) -> dict[str, str]:
    with zipfile.ZipFile(docx) as z:
        return {n: z.read(n).decode("utf-8") for n in z.namelist() if n.endswith(".xml")}


def test_the_letterhead_its_number_and_the_title_head_the_text_with_no_cover_or_contents(tmp_path):
    result = official(tmp_path, "letterhead:\n  name: 青禾市图书馆文件\n  number: 青图〔2024〕3号\n")
    assert paragraphs(result.docx)[:5] == [
        ("Letterhead", "青禾市图书馆文件"), ("DocumentNumber", "青图〔2024〕3号"),
        ("DocumentTitle", "青禾市图书馆2023年工作总结"), ("Normal", "2023 年，我馆全年开放 360 天。"),
        ("Heading3", "一、主要工作")]
    styles = {s for s, _t in paragraphs(result.docx)}
    assert not styles & {"Title", "CoverLine", "TOCHeading", "TOC1", "TOC2"}
    # the red rule stands under the number: the two paragraphs have the same border, drawn once under the last
    xml = parts_of(result.docx)["word/styles.xml"]
    rules = re.findall(r'<w:style [^>]*w:styleId="(Letterhead|DocumentNumber)".*?<w:bottom ([^/]*)/>', xml)
    assert len(rules) == 2 and rules[0][1] == rules[1][1] and 'w:color="FF0000"' in rules[0][1]


def test_the_signature_and_the_imprint_close_it(tmp_path):
    result = official(tmp_path, IMPRINT)
    bs = blocks(result.docx)
    assert [(b.style, b.text) for b in bs if b.kind == "p" and b.text][-2:] == [
        ("Signature", "青禾市图书馆"), ("Signature", "2024年1月15日")]
    assert bs[-1].kind == "table" and bs[-1].style == "ImprintTable"
    assert bs[-1].rows == [["抄送：市文化广电旅游局，市图书馆学会。"], ["青禾市图书馆办公室", "2024年1月15日印发"]]


def test_an_imprint_needs_only_its_issuer_and_date(tmp_path):
    result = official(tmp_path, "imprint: {date: 2024年1月8日}\n")
    assert blocks(result.docx)[-1].rows == [["青禾市图书馆", "2024年1月8日印发"]]  # the library, when not said


def test_the_pages_are_numbered_with_dashes_odd_at_the_right_even_at_the_left_under_no_running_header(tmp_path):
    xml = parts_of(official(tmp_path).docx)
    footers = [x for n, x in xml.items() if n.startswith("word/footer")]
    shown = ["".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", f)) for f in footers]
    assert shown == ["— 1 —", "— 1 —"] and all("> PAGE <" in f for f in footers)  # the page's number, in dashes
    assert {re.search(r'w:pStyle w:val="(\w+)"', f).group(1) for f in footers} == {"Footer", "FooterEven"}
    assert "<w:evenAndOddHeaders/>" in xml["word/settings.xml"]
    assert not any(n.startswith("word/header") for n in xml)


def test_a_joint_letterhead_prints_a_line_for_each_organ(tmp_path):
    result = official(tmp_path, "letterhead: [青禾市图书馆, 青禾市文化馆]\n")
    assert paragraphs(result.docx)[:3] == [("Letterhead", "青禾市图书馆"), ("Letterhead", "青禾市文化馆"),
                                           ("DocumentTitle", "青禾市图书馆2023年工作总结")]


def test_a_template_with_a_cover_prints_the_title_there_and_the_number_under_the_letterhead(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "kind: 工作总结\nletterhead: {name: 青禾市图书馆文件, number: "
                                                    "青图〔2024〕3号}\nsections:\n  - {kind: summary}\n", **TEXT})
    ps = paragraphs(result.docx)
    assert ps[0] == ("Title", "青禾市图书馆 2023 年工作总结")
    assert ("DocumentTitle", "青禾市图书馆 2023 年工作总结") not in ps
    at = ps.index(("Letterhead", "青禾市图书馆文件"))
    assert ps[at + 1] == ("DocumentNumber", "青图〔2024〕3号")


def test_a_template_whose_cover_was_deleted_prints_the_title_above_the_text(tmp_path):
    project = year(tmp_path, {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n", **TEXT})
    shutil.copytree(TEMPLATES, project / "templates")
    def without_cover(doc: str) -> str:  # cover and contents deleted
        start, end = doc.index("<w:body>") + len("<w:body>"), doc.index("<w:p><w:r><w:t>{{ body }}")
        return doc[:start] + doc[end:]

    edit_docx(project / "templates" / "report.docx", {"word/document.xml": without_cover})
    (project / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    done = run_cli("build", "2023", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    ps = paragraphs(project / "out/2023/青禾市图书馆2023年年报.docx")
    assert ps[:2] == [("DocumentTitle", "青禾市图书馆 2023 年年报"), ("Normal", "2023 年，我馆全年开放 360 天。")]


def test_a_build_says_nothing_of_a_table_of_contents_the_document_has_not(tmp_path):
    official(tmp_path)
    done = run_cli("build", "2023", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert "table of contents" not in done.stdout and "built" in done.stdout
    annual = build(tmp_path / "b", {"report.yaml": HEAD + "sections:\n  - {kind: summary}\n", **TEXT})
    assert annual.docx is not None
    said = run_cli("build", "2023", "--toc", "field", cwd=tmp_path / "b")
    assert "table of contents: a field that Word fills in" in said.stdout


# -- what report.yaml says, checked at its line ---------------------------------------------------------

def test_a_template_document_the_template_folder_does_not_hold_is_an_error_at_its_line(tmp_path):
    found = problems(tmp_path / "a", {"report.yaml": HEAD + "template: 公文\nsections:\n  - {kind: summary}\n",
                                      **TEXT})
    assert [p[:3] for p in found] == [("template-document", 3, 11)]
    assert "公文.docx" in found[0][3] and "official" in found[0][3]
    path = problems(tmp_path / "b", {"report.yaml": HEAD + "template: ../official\nsections:\n  - {kind: summary}\n",
                                     **TEXT})
    assert [p[:3] for p in path] == [("template-document", 3, 11)]


def test_a_document_number_writes_its_year_in_hexagonal_brackets(tmp_path):
    def numbered(number: str) -> dict:
        return {"report.yaml": HEAD + f"letterhead:\n  name: 青禾市图书馆文件\n  number: {number}\nsections:\n"
                                      "  - {kind: summary}\n", **TEXT}

    found = problems(tmp_path / "a", numbered("青图[2024]3号"))
    assert [p[:3] for p in found] == [("document-number", 5, 11)]
    assert "[2024]" in found[0][3] and "〔2024〕" in found[0][3]
    assert problems(tmp_path / "b", numbered("青图【2024】3号"))[0][:3] == ("document-number", 5, 11)
    stale = problems(tmp_path / "c", numbered("青图〔2022〕3号"))  # last year's number, copied forward
    assert [p[:3] for p in stale] == [("document-number", 5, 11)] and "2023" in stale[0][3]
    assert problems(tmp_path / "d", numbered("青图〔2024〕3号")) == []


def test_an_imprint_dated_before_the_report_year_is_a_warning(tmp_path):
    found = problems(tmp_path, {"report.yaml": HEAD + "imprint: {cc: 市文化广电旅游局, date: 2022-12-30}\n"
                                                      "sections:\n  - {kind: summary}\n", **TEXT})
    assert [p[:3] for p in found] == [("signature-date", 3, 31)]
    assert found[0][3].startswith("the 版记 is dated 2022-12-30")


# -- 主送, a title on two lines, 附注: GB/T 9704's elements, from report.yaml -------------------------------

def test_the_addressee_stands_under_the_title_flush_left_ending_in_a_full_width_colon(tmp_path):
    result = official(tmp_path, "addressee: 馆内各部室，各乡镇（街道）分馆\n")
    ps = paragraphs(result.docx)
    at = ps.index(("DocumentTitle", "青禾市图书馆2023年工作总结"))
    assert ps[at + 1:at + 3] == [("Addressee", "馆内各部室，各乡镇（街道）分馆："),
                                 ("Normal", "2023 年，我馆全年开放 360 天。")]
    style = re.search(r'w:styleId="Addressee".*?</w:style>', parts_of(result.docx)["word/styles.xml"]).group(0)
    assert 'w:firstLine="0"' in style and "<w:jc " not in style  # 居左顶格: no indent, the text's alignment


@pytest.mark.parametrize("written,printed", [
    ("[市文化广电旅游局, 市财政局]", "市文化广电旅游局、市财政局："),  # several organs run together with 、
    ("各县（市、区）图书馆：", "各县（市、区）图书馆："),              # the colon written is not doubled
])
def test_an_addressee_of_several_organs_or_written_with_its_colon(tmp_path, written, printed):
    assert ("Addressee", printed) in paragraphs(official(tmp_path, f"addressee: {written}\n").docx)


def test_an_addressee_prints_under_the_letterhead_when_the_title_is_on_a_cover(tmp_path):
    head = HEAD + "kind: 工作总结\nletterhead: 青禾市图书馆\naddressee: 市文化广电旅游局\n"
    result = build(tmp_path, {"report.yaml": head + "sections:\n  - {kind: summary}\n", **TEXT})
    ps = paragraphs(result.docx)
    at = ps.index(("Letterhead", "青禾市图书馆"))
    assert ps[at + 1] == ("Addressee", "市文化广电旅游局：")


def title_runs(docx: Path, style: str) -> list[str]:
    """The runs of the first paragraph in `style`: its text pieces, and "<br>" where a line breaks."""
    xml = parts_of(docx)["word/document.xml"]
    paragraph = re.search(rf'<w:p><w:pPr><w:pStyle w:val="{style}"/>.*?</w:p>', xml).group(0)
    return [text or "<br>" for text, _br in re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:br/>)", paragraph)]


@pytest.mark.parametrize("title", [
    "[青禾市图书馆, 2023年工作总结]",
    '"青禾市图书馆\\n2023年工作总结"',
    "|\n  青禾市图书馆\n  2023年工作总结",
])
def test_a_title_on_two_lines_breaks_where_written_and_stays_one_line_in_the_documents_properties(tmp_path, title):
    head = HEAD + f"kind: 工作总结\ntitle: {title}\ntemplate: official\n"
    result = build(tmp_path, {"report.yaml": head + "sections:\n  - {kind: summary}\n", **TEXT})
    assert title_runs(result.docx, "DocumentTitle") == ["青禾市图书馆", "<br>", "2023年工作总结"]
    core = parts_of(result.docx)["docProps/core.xml"]
    assert "<dc:title>青禾市图书馆2023年工作总结</dc:title>" in core


def test_a_title_on_two_lines_joins_with_the_space_the_house_style_sets_before_a_figure(tmp_path):
    head = HEAD + "title: [青禾市图书馆, 2023 年年报]\n"
    result = build(tmp_path, {"report.yaml": head + "sections:\n  - {kind: summary}\n", **TEXT})
    assert title_runs(result.docx, "Title") == ["青禾市图书馆", "<br>", "2023 年年报"]  # on the cover
    assert "<dc:title>青禾市图书馆 2023 年年报</dc:title>" in parts_of(result.docx)["docProps/core.xml"]


def test_the_note_under_the_signature_is_printed_in_brackets_on_the_line_under_the_date(tmp_path):
    for n, note in enumerate(["联系人：罗晓梅，联系电话：6215308", "（联系人：罗晓梅，联系电话：6215308）"]):
        signature = f"signature: {{organisation: 青禾市图书馆, date: 2024-01-15, note: {note}}}\n"
        result = official(tmp_path / str(n), signature)
        texts = [(b.style, b.text) for b in blocks(result.docx) if b.kind == "p" and b.text]
        assert texts[-3:] == [("Signature", "青禾市图书馆"), ("Signature", "2024年1月15日"),
                              ("SignatureNote", "（联系人：罗晓梅，联系电话：6215308）")]


def test_a_line_break_or_a_tab_in_what_prints_on_one_line_is_an_error_at_its_line(tmp_path):
    written = ('kind: "工作\\t总结"\nletterhead: {name: 青禾市图书馆文件, number: "青图〔2024〕\\n3号"}\n'
               'sections:\n  - {kind: summary, title: "工作\\n总结"}\n')
    found = problems(tmp_path, {"report.yaml": HEAD + written, **TEXT})
    assert [p[:3] for p in found] == [("line-break", 3, 7), ("line-break", 4, 38), ("line-break", 6, 28)]
    assert "tab" in found[0][3] and "one line" in found[1][3]


# -- the page: 22 lines of 28 characters, and no space Word or LibreOffice add of their own ----------------

def test_the_official_template_sets_22_lines_of_28_characters_on_a_156_by_225_mm_text_block():
    xml = parts_of(TEMPLATES / "official.docx")
    grid = re.search(r"<w:docGrid [^>]*/>", xml["word/document.xml"]).group(0)
    assert 'w:type="lines"' in grid and 'w:linePitch="579"' in grid
    page = re.search(r'<w:pgSz w:w="(\d+)" w:h="(\d+)"/><w:pgMar w:top="(\d+)" w:right="(\d+)" w:bottom="(\d+)" '
                     r'w:left="(\d+)"', xml["word/document.xml"])
    width, height, top, right, bottom, left = map(int, page.groups())
    mm = 1440 / 25.4
    assert round((width - left - right) / mm) == 156 and round((height - top - bottom) / mm) == 225
    assert 22 * 579 <= height - top - bottom < 23 * 579  # 22 lines of the grid, and no 23rd
    normal = re.search(r'w:styleId="Normal".*?</w:style>', xml["word/styles.xml"]).group(0)
    assert 'w:line="579" w:lineRule="exact"' in normal and '<w:sz w:val="32"/>' in normal  # 三号, on the grid
    pitch = 16 * 20 + int(re.search(r'<w:spacing w:val="(-?\d+)"/>', normal).group(1))  # twips a character
    assert 28 * pitch <= width - left - right < 29 * pitch


def test_a_report_without_spaces_around_its_figures_turns_off_the_space_word_adds(tmp_path):
    spaced = parts_of(official(tmp_path / "a").docx)["word/styles.xml"]
    assert "autoSpaceDE" not in spaced  # the default house style: Word and LibreOffice as they are
    tight = parts_of(official(tmp_path / "b", "figures: {spacing: false}\n").docx)["word/styles.xml"]
    defaults = re.search(r"<w:pPrDefault>.*?</w:pPrDefault>", tight).group(0)
    assert '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>' in defaults
    from libreport.pdf import autospace

    assert autospace((tmp_path / "a" / "out/2023/青禾市图书馆2023年工作总结.docx").read_bytes())
    assert not autospace((tmp_path / "b" / "out/2023/青禾市图书馆2023年工作总结.docx").read_bytes())


# -- laid out by LibreOffice, once ------------------------------------------------------------------------

def raw_lines(pdf: Path) -> list[list[str]]:
    """Each page's lines as poppler lays them out, spaces kept (a space where the glyphs leave a gap)."""
    import subprocess

    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [[line.strip() for line in page.splitlines() if line.strip()] for page in text.split("\f")]


@needs_libreoffice()
def test_laid_out_it_reads_as_an_official_document(layouts):
    from .test_libreoffice import layout_lines

    built = layouts.official()
    assert built.run.returncode == 0, built.run.stderr
    assert "table of contents" not in built.run.stdout
    pages = [page for page in layout_lines(built.pdf) if page]
    first = [line.replace(" ", "") for line in pages[0]]
    # the letterhead, the number, the title on two lines and the 主送 under it
    assert first[:5] == ["松溪市图书馆文件", "松图〔2024〕2号", "松溪市图书馆", "2023年工作总结",
                         "各分馆，馆内各部室："]
    assert not any("目录" in line for page in pages for line in page)
    numbers = [page[-1].replace(" ", "") for page in pages]
    assert numbers == [f"—{n}—" for n in range(1, len(pages) + 1)]
    last = [line.replace(" ", "") for line in pages[-1]]
    tail = last[last.index("松溪市图书馆"):]
    assert tail[:5] == ["松溪市图书馆", "2024年1月10日", "（联系人：林晓，电话：6128830）",
                        "抄送：松溪市文化和旅游局，松溪市图书馆学会。", "松溪市图书馆办公室2024年1月10日印发"]
    third = next(line for page in pages for line in page if "视障读者服务" in line)
    assert third.replace(" ", "").startswith("1．视障读者服务。")  # this part of the text numbers 1．, the rest 1.


@needs_libreoffice()
def test_laid_out_the_signature_never_stands_alone_on_its_page(layouts):
    """The text ends at the foot of page 2: its last lines go over with the signature (GB/T 9704)."""
    from .test_libreoffice import layout_lines

    built = layouts.last_page()
    assert built.run.returncode == 0, built.run.stderr
    pages = [[line.replace(" ", "") for line in page] for page in layout_lines(built.pdf) if page]
    last = pages[-1]
    at = last.index("松溪市图书馆")
    assert last[at:at + 2] == ["松溪市图书馆", "2024年1月10日"]
    assert at > 0 and last[at - 1] == "最后一段总结全年工作情况总结全年工作情况。", last


@needs_libreoffice()
def test_laid_out_a_page_holds_22_lines_of_28_characters(layouts):
    built = layouts.official()
    pages = [page[:-1] for page in raw_lines(built.pdf) if page]  # without the page number
    assert max(len(page) for page in pages) == 22  # a page the text runs over is full: 22 lines, never 23
    text = [line for page in pages for line in page]
    start = next(i for i, line in enumerate(text) if line.startswith("对照上级要求"))
    end = next(i for i, line in enumerate(text) if line.endswith("措施加以解决。"))
    full = text[start + 1:end]  # the lines of one long paragraph between its first and its last
    assert len(full) >= 15
    assert all(len(line) <= 28 for line in full), full
    # 28 a line, but where a comma would start the next: then the character before it goes down with it
    assert sum(len(line) == 28 for line in full) >= len(full) * 2 // 3, full


@needs_libreoffice()
def test_laid_out_figures_stand_against_chinese_with_no_space_and_no_punctuation_is_lost(layouts):
    built = layouts.official()
    lines = [line for page in raw_lines(built.pdf) for line in page]
    text = "\n".join(lines)
    assert "2023年，松溪市图书馆" in text and "32.6万人次" in text  # figures: {spacing: false}
    # (the table's caption is the template's wording, 表 1, spaced as snippets.yaml writes it)
    spaced = [line for line in lines if re.search(r"\d [\u4e00-\u9fff]|[\u4e00-\u9fff] \d", line)]
    assert spaced == ["表 1 2023年主要业务指标完成情况"]
    written = "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", parts_of(built.docx)["word/document.xml"]))
    for mark in "，。、；：":  # a comma hanging past a full line is printed, not dropped
        assert text.count(mark) == written.count(mark), mark


def test_the_fixture_is_a_project_of_its_own():
    assert (OFFICIAL / "2023" / "report.yaml").is_file()
    done = run_cli("validate", "2023", "--strict", cwd=OFFICIAL)
    assert done.returncode == 0, done.stdout + done.stderr


def test_validate_checks_the_document_a_year_names_in_the_projects_own_templates(tmp_path):
    project = year(tmp_path, {"report.yaml": OFFICIAL_HEAD + "sections:\n  - {kind: summary}\n", **TEXT})
    shutil.copytree(TEMPLATES, project / "templates")
    no_body = {"word/document.xml": lambda xml: xml.replace("{{ body }}", "正文")}
    edit_docx(project / "templates" / "official.docx", no_body)
    (project / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    done = run_cli("validate", "2023", cwd=project)
    assert done.returncode == 1
    assert "official.docx has no paragraph '{{ body }}' where the report goes" in done.stdout
    built = run_cli("build", "2023", "--toc", "field", cwd=project)
    assert built.returncode == 1 and "official.docx has no paragraph" in built.stderr


def test_the_next_year_keeps_the_letterhead_and_imprint_and_leaves_the_number_and_dates_to_fill(tmp_path):
    project = year(tmp_path, {"report.yaml": OFFICIAL_HEAD + "letterhead:\n  name: 青禾市图书馆文件\n"
                                                             "  number: 青图〔2024〕3号\n" + IMPRINT +
                              "sections:\n  - {kind: summary}\n", **TEXT})
    done = run_cli("new", "2024", cwd=project)
    assert done.returncode == 0, done.stderr
    text = (project / "years/2024/report.yaml").read_text(encoding="utf-8")
    assert "  name: 青禾市图书馆文件\n  number:\n" in text and "{organisation: 青禾市图书馆, date: }" in text
    assert "  cc: [市文化广电旅游局, 市图书馆学会]\n  issuer: 青禾市图书馆办公室\n  date:\n" in text
    checked = run_cli("validate", "2024", "--format", "json", cwd=project)
    import json

    [result] = json.loads(checked.stdout)["years"]
    assert result["errors"] == 0
    assert {d["path"] for d in result["diagnostics"] if d["code"] == "to-fill"} >= {
        "letterhead.number", "signature.date", "imprint.date"}
