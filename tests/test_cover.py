"""A report's cover and running headers as report.yaml says, without editing the template: the cover's title on
the lines printed (apart from the document's title), lines under it, the issuer (某馆 编), a date in Chinese numerals;
and parts whose first page has no running header.

Reports are built in-process and read back; tests/data/cover is laid out once by LibreOffice.
"""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import COVER, TEMPLATES, edit_docx, needs_libreoffice, run_cli
from .test_official import parts_of, title_runs
from .test_structure import HEAD, build, problems, year

TEXT = {"summary.md": "2023 年，我馆全年开放 360 天。\n"}
PARTS = ("parts:\n  - title: 年度综述\n    sections:\n      - {kind: summary, title: 总体情况}\n"
         "  - title: 大事记\n    sections:\n      - {kind: chronicle, title: 大事记}\n")
FILES = {**TEXT, "chronicle.yaml": "- {date: 3月12日, text: 植树节亲子活动。}\n"}
COVER_LINES = ("cover:\n  title: [青禾市少年儿童图书馆, 2023 年年报]\n"
               "  subtitle: [QINGHE CHILDREN'S LIBRARY, ANNUAL REPORT 2023]\n  issuer: 青禾市少年儿童图书馆 编\n")


def cover(docx: Path) -> list[tuple[str, list[str]]]:
    """The cover's paragraphs (everything before the first section break): style and text pieces, "<br>" where a
    line breaks."""
    xml = parts_of(docx)["word/document.xml"]
    head = xml[:xml.index("<w:sectPr")]
    out = []
    for p in re.findall(r"<w:p>.*?</w:p>|<w:p>.*$", head[head.index("<w:body>") + 8:]):
        style = re.search(r'<w:pStyle w:val="(\w+)"/>', p)
        pieces = [text or "<br>" for text, _br in re.findall(r"<w:t[^>]*>([^<]*)</w:t>|(<w:br/>)", p)]
        if style and pieces:
            out.append((style.group(1), pieces))
    return out


def test_the_cover_prints_its_own_title_lines_a_subtitle_and_the_issuer(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + COVER_LINES + "date: 二〇二四年三月\n" + PARTS, **FILES})
    assert cover(result.docx) == [
        ("Title", ["青禾市少年儿童图书馆", "<br>", "2023 年年报"]),
        ("Subtitle", ["QINGHE CHILDREN'S LIBRARY", "<br>", "ANNUAL REPORT 2023"]),
        ("CoverLine", ["青禾市少年儿童图书馆 编"]), ("CoverLine", ["二〇二四年三月"])]
    # the document's own title is the template's, on one line, whatever the cover prints
    assert "<dc:title>青禾市图书馆 2023 年年报</dc:title>" in parts_of(result.docx)["docProps/core.xml"]


def test_cover_lines_a_template_has_no_place_for_are_said_so_at_build(tmp_path):
    """A template made before `cover:` prints the library where the issuer goes, and no subtitle."""
    project = year(tmp_path, {"report.yaml": HEAD + COVER_LINES + PARTS, **FILES})
    shutil.copytree(TEMPLATES, project / "templates")
    older = {"word/document.xml":
             lambda xml: xml.replace("{{ issuer }}", "{{ library }}").replace("{{ subtitle }}", "")}
    edit_docx(project / "templates" / "report.docx", older)
    (project / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    done = run_cli("build", "2023", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "cover-placeholder" in line]
    assert said == ["years/2023/report.yaml:5:3: warning cover-placeholder: cover.subtitle is not printed: report.docx "
                    "has no {{ subtitle }} on its cover (add it where it goes, in Word or WPS)",
                    "years/2023/report.yaml:6:3: warning cover-placeholder: cover.issuer is not printed: report.docx "
                    "has no {{ issuer }} on its cover (add it where it goes, in Word or WPS)"]


def test_a_cover_line_report_yaml_gives_nothing_for_is_left_out(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + PARTS, **FILES})
    assert cover(result.docx) == [("Title", ["青禾市图书馆 2023 年年报"]), ("CoverLine", ["青禾市图书馆"])]
    xml = parts_of(result.docx)["word/document.xml"]
    assert "{{" not in xml and 'w:val="Subtitle"' not in xml  # no empty subtitle pushing the foot down


def test_the_title_on_several_lines_is_the_covers_title_too(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "title: |\n  青禾市图书馆\n  2023 年年报\n" + PARTS, **FILES})
    assert title_runs(result.docx, "Title") == ["青禾市图书馆", "<br>", "2023 年年报"]
    assert "<dc:title>青禾市图书馆 2023 年年报</dc:title>" in parts_of(result.docx)["docProps/core.xml"]


@pytest.mark.parametrize("date", ["二〇二四年三月", "二〇二四年三月十五日", "二〇二四年十二月", "2024年3月"])
def test_a_cover_date_in_chinese_numerals_is_printed_as_written(tmp_path, date):
    result = build(tmp_path, {"report.yaml": HEAD + f"date: {date}\n" + PARTS, **FILES})
    assert cover(result.docx)[-1] == ("CoverLine", [date])


@pytest.mark.parametrize("date,code", [
    ("二〇二四年二月三十日", "impossible-date"),  # checked as a date: February has no 30th
    ("二〇二四年十三月", "impossible-date"),
    ("二〇二四年春", "bad-date"),
])
def test_a_cover_date_in_chinese_numerals_is_checked_as_a_date(tmp_path, date, code):
    found = problems(tmp_path, {"report.yaml": HEAD + f"date: {date}\n" + PARTS, **FILES})
    assert [p[:3] for p in found] == [(code, 3, 7)]


def test_the_next_year_names_its_own_year_on_the_cover_and_leaves_the_date_to_fill(tmp_path):
    written = (HEAD + "title: [青禾市图书馆, 2023 年年报]\n" + COVER_LINES + "date: 二〇二四年三月\n"
               "addressee: 市文化广电旅游局\n" + PARTS)
    project = year(tmp_path, {"report.yaml": written, **FILES})
    assert run_cli("new", "2024", cwd=project).returncode == 0
    text = (project / "years/2024/report.yaml").read_text(encoding="utf-8")
    assert "title: [青禾市图书馆, 2024 年年报]" in text and "  title: [青禾市少年儿童图书馆, 2024 年年报]" in text
    assert "ANNUAL REPORT 2024]" in text and "  issuer: 青禾市少年儿童图书馆 编\n" in text
    assert "addressee: 市文化广电旅游局\n" in text and "\ndate:\n" in text  # the cover's date is each year's own


# -- running headers on the first page of a part -----------------------------------------------------------

def sections(docx: Path) -> list[str]:
    """The sectPr of each part (the cover's and the contents' left out): the XML of each."""
    xml = parts_of(docx)["word/document.xml"]
    return [s for s in re.findall(r"<w:sectPr[ >].*?</w:sectPr>", xml) if "headerReference" in s]


def header_text(docx: Path, rid: str) -> str:
    with zipfile.ZipFile(docx) as z:
        rels = z.read("word/_rels/document.xml.rels").decode("utf-8")
        target = re.search(rf'Id="{rid}"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Id="{rid}"', rels)
        name = "word/" + (target.group(1) or target.group(2))
        return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", z.read(name).decode("utf-8")))


def test_running_header_first_page_false_leaves_each_parts_first_page_without_one_but_with_its_number(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + "running_header: {first_page: false}\n" + PARTS, **FILES})
    found = sections(result.docx)
    assert len(found) == 2
    for sect, part in zip(found, ("年度综述", "大事记")):
        assert "<w:titlePg/>" in sect
        refs = dict(re.findall(r'<w:headerReference w:type="(\w+)" r:id="(\w+)"/>', sect))
        assert header_text(result.docx, refs["default"]) == part and header_text(result.docx, refs["first"]) == ""
        footers = dict(re.findall(r'<w:footerReference w:type="(\w+)" r:id="(\w+)"/>', sect))
        assert footers["first"] == footers["default"]  # the page number stays on the part's first page


def test_by_default_every_page_of_a_part_has_its_running_header(tmp_path):
    result = build(tmp_path, {"report.yaml": HEAD + PARTS, **FILES})
    assert all("<w:titlePg/>" not in sect and 'w:type="first"' not in sect for sect in sections(result.docx))


def first_page_template(project: Path, first_header: str) -> None:
    """The project's report.docx with "different first page" set on the body's section, as Word writes it: a
    titlePg and a first-page header of its own."""
    def document(xml: str) -> str:
        xml = xml.replace('<w:footerReference w:type="default" r:id="rId10"/>',
                          '<w:headerReference w:type="first" r:id="rIdFirst"/>'
                          '<w:footerReference w:type="default" r:id="rId10"/>', 1)
        return xml.replace('<w:pgNumType w:start="1"/><w:cols w:space="720"/>',
                           '<w:pgNumType w:start="1"/><w:cols w:space="720"/><w:titlePg/>', 1)

    edit_docx(project / "templates" / "report.docx", {
        "word/document.xml": document,
        "word/_rels/document.xml.rels": lambda rels: rels.replace(
            "</Relationships>", '<Relationship Id="rIdFirst" Type="http://schemas.openxmlformats.org/officeDocument/'
            '2006/relationships/header" Target="headerFirst.xml"/></Relationships>'),
        "word/headerFirst.xml": lambda _: (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:hdr xmlns:w="http://schemas.openxmlformats.org/'
            f'wordprocessingml/2006/main"><w:p><w:r><w:t>{first_header}</w:t></w:r></w:p></w:hdr>'),
        "[Content_Types].xml": lambda types: types.replace(
            "</Types>", '<Override PartName="/word/headerFirst.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.wordprocessingml.header+xml"/></Types>'),
    })


@pytest.mark.parametrize("yaml,first", [
    ("", ["第一页：年度综述", "第一页：大事记"]),  # the template's different first page, with each part's header
    ("running_header: {first_page: true}\n", None),  # report.yaml asks for the header on every page
])
def test_a_templates_different_first_page_is_honoured_in_each_part_unless_report_yaml_says(tmp_path, yaml, first):
    project = year(tmp_path, {"report.yaml": HEAD + yaml + PARTS, **FILES})
    shutil.copytree(TEMPLATES, project / "templates")
    first_page_template(project, "第一页：{{ header }}")
    (project / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    done = run_cli("build", "2023", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    docx = project / "out/2023/青禾市图书馆2023年年报.docx"
    found = sections(docx)
    if first is None:
        assert all("<w:titlePg/>" not in sect for sect in found)
        return
    heads = [header_text(docx, re.search(r'<w:headerReference w:type="first" r:id="(\w+)"/>', s).group(1))
             for s in found]
    assert heads == first and all("<w:titlePg/>" in sect for sect in found)


def test_running_header_and_cover_mistakes_are_errors_at_their_lines(tmp_path):
    mistakes = "cover: {title: 青禾, name: 青禾}\nrunning_header: {first_page: 也许}\n"
    found = problems(tmp_path, {"report.yaml": HEAD + mistakes + PARTS, **FILES})
    assert [p[:3] for p in found] == [("unknown-key", 3, 20), ("type", 4, 30)]


# -- laid out by LibreOffice, once ------------------------------------------------------------------------

@needs_libreoffice()
def test_laid_out_the_cover_and_the_parts_first_pages_read_as_printed(layouts):
    from .test_official import raw_lines

    built = layouts.cover()
    assert built.run.returncode == 0, built.run.stderr
    pages = [[line.replace(" ", "") for line in page] for page in raw_lines(built.pdf)]
    assert pages[0] == ["岚川市少年儿童图书馆", "2023年年报", "LANCHUANCHILDREN'SLIBRARY", "ANNUALREPORT2023",
                        "岚川市少年儿童图书馆编", "二〇二四年三月"]  # one page: the foot stays at the foot
    assert pages[1][0] == "目录"
    parts = [i for i, page in enumerate(pages) if page and page[0] in ("一、年度综述", "二、大事记")]
    assert len(parts) == 2  # each part's first page starts with its heading: no running header above it
    after = pages[parts[0] + 1]
    assert after[0] == "年度综述" and parts[1] > parts[0] + 1  # the next page of the part has it
    assert pages[parts[0]][-1] == "1"  # and the part's first page keeps its number


def test_the_cover_fixture_is_a_project_of_its_own():
    done = run_cli("validate", "2023", "--strict", cwd=COVER)
    assert done.returncode == 0, done.stdout + done.stderr
