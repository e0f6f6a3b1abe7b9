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

from .conftest import OFFICIAL, TEMPLATES, needs_libreoffice, run_cli
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
    path = project / "templates" / "report.docx"
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    doc = files["word/document.xml"].decode("utf-8")
    start, end = doc.index("<w:body>") + len("<w:body>"), doc.index("<w:p><w:r><w:t>{{ body }}")
    files["word/document.xml"] = (doc[:start] + doc[end:]).encode("utf-8")  # cover and contents deleted
    with zipfile.ZipFile(path, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)
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


# -- laid out by LibreOffice, once ------------------------------------------------------------------------

@needs_libreoffice()
def test_laid_out_it_reads_as_an_official_document(layouts):
    from .test_libreoffice import layout_lines

    built = layouts.official()
    assert built.run.returncode == 0, built.run.stderr
    assert "table of contents" not in built.run.stdout
    pages = [page for page in layout_lines(built.pdf) if page]
    first = [line.replace(" ", "") for line in pages[0]]
    assert first[:3] == ["松溪市图书馆文件", "松图〔2024〕2号", "松溪市图书馆2023年工作总结"]
    assert not any("目录" in line for page in pages for line in page)
    numbers = [page[-1].replace(" ", "") for page in pages]
    assert numbers == [f"—{n}—" for n in range(1, len(pages) + 1)]
    last = [line.replace(" ", "") for line in pages[-1]]
    tail = last[last.index("松溪市图书馆"):]
    assert tail[:4] == ["松溪市图书馆", "2024年1月10日", "抄送：松溪市文化和旅游局，松溪市图书馆学会。",
                        "松溪市图书馆办公室2024年1月10日印发"]
    third = next(line for page in pages for line in page if "视障读者服务" in line)
    assert third.replace(" ", "").startswith("1．视障读者服务。")  # this part of the text numbers 1．, the rest 1.


def test_the_fixture_is_a_project_of_its_own():
    assert (OFFICIAL / "2023" / "report.yaml").is_file()
    done = run_cli("validate", "2023", "--strict", cwd=OFFICIAL)
    assert done.returncode == 0, done.stdout + done.stderr


def test_validate_checks_the_document_a_year_names_in_the_projects_own_templates(tmp_path):
    project = year(tmp_path, {"report.yaml": OFFICIAL_HEAD + "sections:\n  - {kind: summary}\n", **TEXT})
    shutil.copytree(TEMPLATES, project / "templates")
    path = project / "templates" / "official.docx"
    with zipfile.ZipFile(path) as z:
        files = {n: z.read(n) for n in z.namelist()}
    files["word/document.xml"] = files["word/document.xml"].replace(b"{{ body }}", "正文".encode())
    with zipfile.ZipFile(path, "w") as z:
        for n, data in files.items():
            z.writestr(n, data)
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
