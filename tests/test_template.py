"""The Word template staff edit: one source for the default, read however Word, WPS or LibreOffice wrote it.

What the pages look like once LibreOffice lays them out is in test_libreoffice.py; whether Word would accept
every part is in test_ooxml.py.
"""

from __future__ import annotations

import importlib.util
import re
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from libreport.docx import placeholders

from .conftest import ROOT, edit_docx, run_cli
from .docxdump import blocks

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


@pytest.mark.parametrize("name", ["report.docx", "official.docx"])
def test_the_script_reproduces_the_committed_templates_part_by_part(name):
    spec = importlib.util.spec_from_file_location("make_default_template", ROOT / "scripts/make_default_template.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    made = script.parts(name)
    with zipfile.ZipFile(ROOT / "templates" / name) as z:
        committed = {part: z.read(part) for part in z.namelist()}
    assert sorted(made) == sorted(committed)
    changed = [part for part in made if made[part] != committed[part]]
    assert not changed, f"run scripts/make_default_template.py templates; {name} differs in {changed}"


# -- placeholders, however an editor stored them ---------------------------------------------------------

def paragraph(runs_xml: str) -> etree._Element:
    return etree.fromstring(f'<w:body xmlns:w="{W_NS}"><w:p>{runs_xml}</w:p></w:body>')


def r(text: str, bold: bool = False) -> str:
    props = "<w:rPr><w:b/></w:rPr>" if bold else ""
    return f'<w:r>{props}<w:t xml:space="preserve">{text}</w:t></w:r>'


@pytest.mark.parametrize("runs", [
    r("{{ body }}"),
    r("{{body}}"),
    r("{{ bo") + r("dy }}"),
    r("{{") + '<w:proofErr w:type="spellStart"/>' + r(" body") + '<w:proofErr w:type="spellEnd"/>' + r("}}"),
    r("｛｛ body ｝｝"),
    '<w:bookmarkStart w:id="0" w:name="x"/>' + r("{{ b") + '<w:bookmarkEnd w:id="0"/>' + r("ody }}"),
])
def test_a_placeholder_is_found_however_word_or_wps_split_it(runs):
    found = placeholders.find(paragraph(runs))
    assert [(ph.expr, ph.alone, ph.block) for ph in found] == [("body", True, True)]


def test_filling_a_split_placeholder_keeps_the_runs_and_formatting_around_it():
    root = paragraph(r("编制：", bold=True) + r("{{ lib") + r("rary }}，") + r("{{year}}") + r(" 年"))
    found = placeholders.find(root)
    assert [ph.expr for ph in found] == ["library", "year"]
    placeholders.fill(found, lambda ph: {"library": "某图书馆", "year": "2021"}[ph.expr])
    texts = [t.text for t in root.iter(f"{{{W_NS}}}t")]
    assert "".join(texts) == "编制：某图书馆，2021 年"
    assert texts[0] == "编制："  # the bold run keeps its own text


@pytest.fixture
def edited(project) -> Path:
    """The project's template folder, to edit as a staff member would."""
    return project / "templates"


def build(project: Path, *extra: str):
    done = run_cli("build", "2019", "--toc", "field", *extra, cwd=project)
    return done, project / "out/2019/越秀区图书馆2019年年报.docx"


def test_a_template_whose_placeholders_word_split_over_runs_builds_as_before(project, edited):
    def split(xml: str) -> str:
        assert xml.count("<w:t>{{ body }}</w:t></w:r>") == xml.count("<w:t>{{ toc }}</w:t></w:r>") == 1
        xml = xml.replace("<w:t>{{ body }}</w:t></w:r>",
                          '<w:t>{{bo</w:t></w:r><w:proofErr w:type="spellStart"/><w:r><w:t>dy}}</w:t></w:r>')
        xml = xml.replace("<w:t>{{ title }}</w:t>", "<w:t>｛｛title｝｝</w:t>")
        return xml.replace("<w:t>{{ toc }}</w:t></w:r>",
                           '<w:t>{{ t</w:t></w:r><w:r><w:t xml:space="preserve">oc }}</w:t></w:r>')

    edit_docx(edited / "report.docx", {"word/document.xml": split})
    done, docx = build(project)
    assert done.returncode == 0, done.stderr
    bs = blocks(docx)
    assert bs[0].text == "越秀区图书馆 2019 年年报"
    assert any(b.style == "TOC1" for b in bs) and any(b.style == "Heading1" for b in bs)
    assert not any("{{" in b.text or "}}" in b.text for b in bs if b.kind == "p")


@pytest.mark.parametrize("change,marker", [
    (lambda xml: xml.replace("{{ body }}", "正文"), "{{ body }}"),
    (lambda xml: xml.replace("<w:t>{{ body }}</w:t>", "<w:t>正文：{{ body }}</w:t>"), "{{ body }}"),
    (lambda xml: xml.replace("<w:t>{{ toc }}</w:t>", "<w:t>{{ toc }}</w:t></w:r><w:r><w:t>{{ toc }}</w:t>"),
     "{{ toc }}"),
])
def test_a_body_or_toc_placeholder_that_is_missing_or_not_alone_is_one_diagnostic(project, edited, change, marker):
    def checked(xml: str) -> str:
        assert change(xml) != xml
        return change(xml)

    edit_docx(edited / "report.docx", {"word/document.xml": checked})
    done, docx = build(project)
    assert done.returncode == 1 and not docx.exists()
    lines = [line for line in done.stderr.splitlines() if "template" in line]
    assert len(lines) == 1 and "report.docx" in lines[0] and marker in lines[0], done.stderr
    assert "Traceback" not in done.stderr


def test_placeholders_in_the_footer_are_filled_too(project, edited):
    edit_docx(edited / "report.docx", {"word/footer1.xml":
            lambda xml: xml.replace("</w:p>", "<w:r><w:t>　{{ library }}</w:t></w:r></w:p>", 1)})
    done, docx = build(project)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(docx) as z:
        footer = z.read("word/footer1.xml").decode("utf-8")
    assert "越秀区图书馆" in footer and "{{" not in footer


def test_the_toc_tab_stop_follows_the_text_width_of_the_template(project, edited):
    wider = {"word/document.xml": lambda xml: re.sub(r'w:left="\d+"', 'w:left="2268"', xml)}
    edit_docx(edited / "report.docx", wider)
    done, docx = build(project)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(docx) as z:
        document = z.read("word/document.xml").decode("utf-8")
    width = 11906 - 2268 - 1474
    tocs = re.findall(r'<w:pStyle w:val="TOC\d"/><w:tabs>(.*?)</w:tabs>', document)
    assert tocs and all(f'w:val="right" w:leader="dot" w:pos="{width}"' in tabs for tabs in tocs)
    assert all('w:val="clear" w:pos="8845"' in tabs for tabs in tocs)  # the style's stop, at the old width


def cover_text(docx: Path) -> str:
    """The text of the cover: everything before the first section break."""
    with zipfile.ZipFile(docx) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return "".join(re.findall(r"<w:t[^>]*>([^<]*)</w:t>", xml[:xml.index("<w:sectPr")]))


def test_the_cover_prints_the_date_report_yaml_gives_and_none_without_one(project):
    report = project / "years/2019/report.yaml"
    built = project / "out/2019/越秀区图书馆2019年年报.docx"
    assert run_cli("build", "2019", "--toc", "field", cwd=project).returncode == 0
    assert cover_text(built) == "越秀区图书馆 2019 年年报越秀区图书馆"
    report.write_text(report.read_text(encoding="utf-8").replace("year: 2019\n", "year: 2019\ndate: 2020 年 1 月\n"),
                      encoding="utf-8")
    assert run_cli("build", "2019", "--toc", "field", cwd=project).returncode == 0
    assert cover_text(built) == "越秀区图书馆 2019 年年报越秀区图书馆2020 年 1 月"


def test_a_templates_look_read_from_the_cache_is_the_look_read_from_the_document(tmp_path, monkeypatch):
    import json
    from dataclasses import asdict

    from libreport.docx import look as looks

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    data = (ROOT / "templates" / "report.docx").read_bytes()
    fresh = looks.read_look(data, None)
    [cached_file] = (tmp_path / "libreport" / "look").glob("*.json")
    assert looks._from_json(json.loads(cached_file.read_text(encoding="utf-8"))) == fresh
    assert looks.read_look(data, None) == fresh  # the second read comes from the cache
    assert asdict(looks.read_look(data + b" ", None)) is not None  # other bytes: another key, read afresh
    assert len(list((tmp_path / "libreport" / "look").glob("*.json"))) == 2
