"""A year still being filled in builds as a draft: each value still to fill prints as （待填写）, highlighted, where
it stands — in the text and in tables — and no message says an item is missing when only its value is empty."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from .conftest import EXAMPLES, TEMPLATES, run_cli


@pytest.fixture
def qinghe(tmp_path: Path) -> Path:
    """青禾's project with 2024 started from 2023: 2023's text, every figure still to fill."""
    shutil.copytree(EXAMPLES / "qinghe" / "2023", tmp_path / "years" / "2023")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    assert run_cli("new", "2024", cwd=tmp_path).returncode == 0
    return tmp_path


def test_a_summary_quoting_values_still_to_fill_is_a_draft_not_an_error(qinghe: Path):
    done = run_cli("validate", "2024", "--format", "json", cwd=qinghe)
    diags = json.loads(done.stdout)["years"][0]["diagnostics"]
    assert done.returncode == 0, done.stdout
    assert {d["code"] for d in diags if d["severity"] != "note"} == {"to-fill", "carried-figure"}
    for d in diags:  # neither "missing" nor anything of the machinery
        assert not any(word in d["message"] for word in ("Undefined", "does not exist", "no '", "None"))


def test_each_figure_still_to_fill_prints_highlighted_in_its_place(qinghe: Path):
    done = run_cli("build", "2024", "--toc", "field", cwd=qinghe)
    assert done.returncode == 0, done.stderr
    doc = Document(str(qinghe / "out/2024/青禾市图书馆2024年工作总结.docx"))
    opening = next(p for p in doc.paragraphs if p.text.startswith("2023 年，青禾市图书馆"))
    assert "全年接待读者（待填写），外借文献（待填写）" in opening.text
    marked = [r for r in opening.runs if r.text == "（待填写）"]
    assert len(marked) == 6 and all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in marked)
    assert not any(r.font.highlight_color for r in opening.runs if r.text != "（待填写）")
    # a cell of a table that has no rows yet is to fill too, not a row that does not exist
    branch = next(p for p in doc.paragraphs if "开馆半年接待读者" in p.text)
    assert "开馆半年接待读者（待填写）" in branch.text


def test_a_name_that_is_not_there_is_still_an_error_said_plainly(qinghe: Path):
    summary = qinghe / "years/2024/summary.md"
    summary.write_text(summary.read_text(encoding="utf-8").replace("stats['外借文献'] | unit",
                                                                   "stats['外借文件'] | unit"), encoding="utf-8")
    done = run_cli("validate", "2024", cwd=qinghe)
    assert done.returncode == 1
    line = next(ln for ln in done.stdout.splitlines() if "error" in ln)
    assert "unknown-data" in line and "外借文件" in line and "外借文献" in line  # did you mean
    assert "Undefined" not in done.stdout


def test_the_web_edition_of_a_draft_marks_them_too(qinghe: Path):
    done = run_cli("build", "2024", "--format", "html", cwd=qinghe)
    assert done.returncode == 0, done.stderr
    page = (qinghe / "out/2024/青禾市图书馆2024年工作总结/index.html").read_text(encoding="utf-8")
    mark = '<mark class="to-fill">（待填写）</mark>'
    assert f"全年接待读者{mark}，外借文献{mark}" in page
    assert "\ufdd9" not in page and "\ufdda" not in page


def test_a_template_with_other_to_fill_wording_prints_it_and_validate_recognises_it(qinghe: Path):
    snippets = qinghe / "templates/snippets.yaml"
    snippets.write_text(snippets.read_text(encoding="utf-8").replace("to_fill: （待填写）", "to_fill: 【待补】"),
                        encoding="utf-8")
    summary = qinghe / "years/2024/summary.md"
    summary.write_text(summary.read_text(encoding="utf-8") + "\n## 其他\n\n【待补】\n", encoding="utf-8")
    done = run_cli("build", "2024", "--toc", "field", cwd=qinghe)
    assert done.returncode == 0, done.stderr
    assert "【待补】" in done.stdout and "（待填写）" not in done.stdout
    doc = Document(str(qinghe / "out/2024/青禾市图书馆2024年工作总结.docx"))
    opening = next(p for p in doc.paragraphs if p.text.startswith("2023 年，青禾市图书馆"))
    assert "全年接待读者【待补】，外借文献【待补】" in opening.text and "（待填写）" not in opening.text
    assert all(r.font.highlight_color == WD_COLOR_INDEX.YELLOW for r in opening.runs if r.text == "【待补】")
    listed = run_cli("validate", "2024", cwd=qinghe)
    line = next(ln for ln in listed.stdout.splitlines() if "summary.md" in ln and "placeholder" in ln)
    assert "【待补】" in line and "其他" in line
