"""What happens around the output file: bad sources, crashes, locked files, restyled templates."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from libreport import write as write_module
from libreport.build import BuildOptions, build_year
from libreport.project import load_project

from .conftest import TEMPLATES, run_cli

OUT = Path("out/2019/越秀区图书馆2019年年报.docx")


def tree_digest(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_errors_in_the_sources_leave_the_last_good_report_in_place(project):
    assert run_cli("build", "2019", "--toc", "field", cwd=project).returncode == 0
    good = (project / OUT).read_bytes()
    chronicle = project / "years/2019/chronicle.yaml"
    chronicle.write_text(chronicle.read_text(encoding="utf-8") + "- date: 2月30日\n  text: 不存在的日期\n",
                         encoding="utf-8")
    before = tree_digest(project / "years")
    proc = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert proc.returncode == 1
    assert "impossible-date" in proc.stderr and "Traceback" not in proc.stderr
    assert (project / OUT).read_bytes() == good
    assert tree_digest(project / "years") == before  # sources are never touched
    assert [p.name for p in (project / OUT).parent.iterdir()] == [OUT.name]  # no partial or temp files


def test_a_crash_while_writing_keeps_the_old_report_and_leaves_no_temp_file(project, monkeypatch):
    proj = load_project(project)
    assert build_year(proj, "2019", BuildOptions(toc="field")).docx is not None
    good = (project / OUT).read_bytes()

    def interrupted(src, dst):
        raise KeyboardInterrupt

    monkeypatch.setattr(write_module.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        build_year(proj, "2019", BuildOptions(toc="field"))
    assert (project / OUT).read_bytes() == good
    assert [p.name for p in (project / OUT).parent.iterdir()] == [OUT.name]


@pytest.mark.parametrize("lock_name", ["~$" + OUT.name[2:], f".~lock.{OUT.name}#"])
def test_a_report_open_in_word_or_libreoffice_is_not_overwritten(project, lock_name):
    assert run_cli("build", "2019", "--toc", "field", cwd=project).returncode == 0
    good = (project / OUT).read_bytes()
    (project / OUT).with_name(lock_name).write_text("locked")
    proc = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert proc.returncode == 1
    assert "is open in another program" in proc.stderr and lock_name in proc.stderr
    assert (project / OUT).read_bytes() == good


def test_restyling_the_template_changes_the_report_without_code_changes(project, tmp_path):
    restyled = tmp_path / "restyled"
    shutil.copytree(TEMPLATES, restyled)
    doc = Document(str(restyled / "report.docx"))
    normal = doc.styles["Normal"]
    normal.font.size = Pt(12)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "楷体")
    for section in doc.sections:
        section.left_margin = Cm(3.0)
        section.top_margin = Cm(2.5)
    for p in doc.sections[-1].header.paragraphs:
        p.text = "{{ library }}·{{ header }}"
    doc.save(str(restyled / "report.docx"))
    snippets = restyled / "snippets.yaml"
    snippets.write_text(snippets.read_text(encoding="utf-8").replace(
        'chronicle_line: "{{ date }}，{{ text }}"', 'chronicle_line: "{{ date }}：{{ text }}"'), encoding="utf-8")

    proc = run_cli("build", "2019", "--toc", "field", "--template", str(restyled), cwd=project)
    assert proc.returncode == 0, proc.stderr
    out = Document(str(project / OUT))
    normal = out.styles["Normal"]
    assert normal.font.size == Pt(12)
    assert normal.element.rPr.rFonts.get(qn("w:eastAsia")) == "楷体"
    assert round(out.sections[-1].left_margin.cm, 2) == 3.0
    assert round(out.sections[-1].top_margin.cm, 2) == 2.5
    assert out.sections[-1].header.paragraphs[0].text == "越秀区图书馆·大事记"
    chronicle = [p.text for p in out.paragraphs if p.style.name == "Chronicle"]
    assert chronicle[0].startswith("1月17日：")


def test_a_broken_snippet_is_reported_with_its_line(project, tmp_path):
    broken = tmp_path / "broken"
    shutil.copytree(TEMPLATES, broken)
    snippets = broken / "snippets.yaml"
    text = snippets.read_text(encoding="utf-8").replace('award_date: "{{ date.year }} 年', 'award_date: "{{ date.year ')
    snippets.write_text(text, encoding="utf-8")
    line = next(i for i, ln in enumerate(text.split("\n"), 1) if ln.startswith("award_date"))
    proc = run_cli("build", "2019", "--toc", "field", "--template", str(broken), cwd=project)
    assert proc.returncode == 1
    assert f"snippets.yaml:{line}:" in proc.stderr and "template" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_pdf_without_libreoffice_still_writes_the_report_and_says_in_one_line_how_to_get_the_pdf(project):
    from libreport.pdf import INSTALL

    env = {"PATH": os.path.dirname(shutil.which("python3") or "/usr/bin/python3")}
    proc = run_cli("build", "2019", "--pdf", cwd=project, env=env)
    if shutil.which("soffice", path=env["PATH"]):
        pytest.skip("soffice is next to python here")
    assert proc.returncode == 0, proc.stderr
    advice = [line for line in proc.stderr.splitlines() if "--pdf" in line]
    assert len(advice) == 1 and INSTALL in advice[0]
    assert (project / OUT).is_file() and not (project / OUT).with_suffix(".pdf").exists()


def test_output_folder_and_name_are_configurable(project, tmp_path):
    target = tmp_path / "elsewhere"
    proc = run_cli("build", "2019", "--toc", "field", "--output", str(target), "--name", "年报", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert (target / "2019" / "年报.docx").is_file()


def test_build_all_builds_every_year(project):
    proc = run_cli("build", "--all", "--toc", "field", cwd=project)
    assert proc.returncode == 0, proc.stderr
    assert (project / "out/2021/越秀区图书馆2021年年报.docx").is_file()
    assert (project / OUT).is_file()


def test_usage_errors_exit_2(project):
    assert run_cli("build", cwd=project).returncode == 2
    assert run_cli("build", "1999", cwd=project).returncode == 2
    assert run_cli("build", "2019", "--template", str(project), cwd=project).returncode == 2


def test_an_unexpected_failure_is_one_line_not_a_traceback(project, monkeypatch, capsys):
    from libreport import cli, pipeline

    def broken(*args, **kwargs):
        raise RuntimeError("simulated bug")

    monkeypatch.setattr(pipeline, "check_year", broken)
    monkeypatch.setattr(cli.gc, "disable", lambda: None)  # keep the test process's collector on
    monkeypatch.chdir(project)
    monkeypatch.setattr("sys.argv", ["libreport", "validate", "2019"])
    monkeypatch.delenv("LIBREPORT_DEBUG", raising=False)
    with pytest.raises(SystemExit) as exit_:
        cli.main()
    err = capsys.readouterr().err
    assert exit_.value.code == 1
    assert "internal error (RuntimeError: simulated bug)" in err and "LIBREPORT_DEBUG=1" in err
    assert "Traceback" not in err


def test_an_output_folder_that_cannot_be_written_is_reported(project):
    (project / "blocked").write_text("a file where the output folder should be")
    proc = run_cli("build", "2019", "--toc", "field", "--output", str(project / "blocked" / "reports"), cwd=project)
    assert proc.returncode == 1
    assert "blocked: error not-a-file: blocked is a file where a folder of the output goes; move it away" \
        in proc.stderr and "Traceback" not in proc.stderr
