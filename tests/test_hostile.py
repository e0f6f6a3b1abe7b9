"""Hostile and careless input that no case folder can hold: links out of the project, libreport.yaml itself,
output names, year arguments, templates and spreadsheets. Each answer is a one-line diagnostic at file:line
(or a usage error, exit 2, for a bad argument): never a traceback, a partial output, a changed source or a hang.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import run_cli


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file() and not p.is_symlink() and "out" not in p.parts}


def errors(text: str) -> list[str]:
    return [line for line in text.splitlines() if " error " in line]


def lines_of(done) -> list[str]:
    return (done.stdout + done.stderr).splitlines()


# -- paths stay inside their root -------------------------------------------------------------------

def test_a_section_file_linked_out_of_the_year_folder_is_refused_at_its_section(project: Path, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("secret")
    secret = tmp_path / "secret.md"
    secret.write_text("# 机密\n\n不应出现在年报中。\n", encoding="utf-8")
    summary = project / "years/2021/summary.md"
    summary.unlink()
    summary.symlink_to(secret)
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1
    [line] = [ln for ln in errors(done.stdout) if "path-outside" in ln]
    assert line.startswith("years/2021/report.yaml:8:9:")  # the summary's section in report.yaml
    assert "link to a file outside the year folder" in line
    assert "机密" not in done.stdout + done.stderr
    built = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert built.returncode == 1 and not (project / "out").exists()


def test_report_yaml_and_the_year_folder_linked_out_are_refused(project: Path, tmp_path_factory):
    tmp_path = tmp_path_factory.mktemp("elsewhere")
    elsewhere = tmp_path / "elsewhere"
    shutil.move(project / "years/2019", elsewhere)
    (project / "years/2019").symlink_to(elsewhere, target_is_directory=True)
    done = run_cli("validate", "2019", cwd=project)
    assert done.returncode == 1
    assert "years/2019: error path-outside: 2019 is a link to a folder outside years" in done.stdout
    report = project / "years/2021/report.yaml"
    (tmp_path / "report.yaml").write_bytes(report.read_bytes())
    report.unlink()
    report.symlink_to(tmp_path / "report.yaml")
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1 and "years/2021/report.yaml:1:1: error path-outside" in done.stdout


@pytest.mark.parametrize("setting, written, says", [
    ("sources", "../..", "leads out of the project folder"),
    ("sources", "/etc", "is an absolute path"),
    ("templates", "../shared-templates", "leads out of the project folder"),
    ("output", "..\\\\out", "leads out of the project folder"),
    ("output", "years", "output is the folder of the year sources"),
])
def test_libreport_yaml_folders_stay_inside_the_project(project: Path, setting, written, says):
    config = {"sources": "years", "templates": "templates", "output": "out", setting: written}
    (project / "libreport.yaml").write_text("".join(f"{k}: {v}\n" for k, v in config.items()), encoding="utf-8")
    line = list(config).index(setting) + 1
    for command in (["validate"], ["build", "2021", "--toc", "field"], ["show", "2021"], ["new", "2022"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1, (command, done.stdout, done.stderr)
        assert f"libreport.yaml:{line}:" in done.stderr and says in done.stderr, done.stderr
    assert not (project / "out").exists() and not (project / "years/2022").exists()
    # given on the command line, a folder elsewhere is the user's own choice
    (project / "libreport.yaml").write_text("sources: years\n", encoding="utf-8")
    assert run_cli("build", "2021", "--toc", "field", "--output", str(project.parent / "elsewhere"),
                   cwd=project).returncode == 0


def test_an_output_folder_linked_out_of_the_project_is_never_written(project: Path, tmp_path_factory):
    outside = tmp_path_factory.mktemp("outside")
    (project / "out").symlink_to(outside, target_is_directory=True)
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1
    assert "libreport.yaml:3:9: error path-outside: output: 'out' is a link" in done.stderr
    assert list(outside.iterdir()) == []


def test_libreport_yaml_is_read_like_every_yaml_file(project: Path):
    config = project / "libreport.yaml"
    config.write_text("sources: &s years\ntemplates: templates\noutput: *s\n", encoding="utf-8")
    done = run_cli("validate", cwd=project)
    assert done.returncode == 1 and "libreport.yaml:1:10: error yaml-alias" in done.stderr
    config.write_text("sources: years\ntemplate: templates\n", encoding="utf-8")
    done = run_cli("validate", "--format", "json", cwd=project)
    assert done.returncode == 1
    [found] = json.loads(done.stdout)["diagnostics"]
    assert (found["code"], found["line"]) == ("unknown-key", 2) and "templates" in found["message"]
    config.write_text("# nothing set\n", encoding="utf-8")
    done = run_cli("validate", "2019", cwd=project)  # the defaults: the project folder holds no year folders
    assert "libreport.yaml:1:1: warning empty-file" in done.stderr
    config.unlink()
    config.mkdir()
    done = run_cli("validate", cwd=project)
    assert done.returncode == 1 and "libreport.yaml: error not-a-file: libreport.yaml is a folder" in done.stderr


# -- output names -----------------------------------------------------------------------------------

@pytest.mark.parametrize("library, file_name", [
    ("越秀区/少儿图书馆", "越秀区／少儿图书馆2021年年报.docx"),
    ('a\\b:c*d?"e<f>|', "a＼b：c＊d？＂e＜f＞｜2021年年报.docx"),
])
def test_a_library_name_never_makes_a_folder_and_opens_on_windows(project: Path, library, file_name):
    report = project / "years/2021/report.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("library: 越秀区图书馆", f"library: '{library}'"),
                      encoding="utf-8")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    assert [p.name for p in (project / "out/2021").iterdir()] == [file_name]


def test_an_empty_or_overlong_output_name_is_said_where_it_comes_from(project: Path):
    snippets = project / "templates/snippets.yaml"
    text = snippets.read_text(encoding="utf-8")
    line = next(n for n, ln in enumerate(text.splitlines(), 1) if ln.startswith("output_name:"))
    snippets.write_text(text.replace(text.splitlines()[line - 1], 'output_name: " .. "'), encoding="utf-8")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1
    assert f"templates/snippets.yaml:{line}:14: error output-name: the report's file name comes out empty" \
        in done.stderr
    snippets.write_text(text.replace(text.splitlines()[line - 1], 'output_name: "{{ library * 40 }}"'),
                        encoding="utf-8")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1 and "error output-name" in done.stderr and "200 bytes" in done.stderr
    assert not (project / "out").exists()
    for name in ("", " . ", "长" * 100):
        done = run_cli("build", "2021", "--toc", "field", "--name", name, cwd=project)
        assert done.returncode == 2 and "--name" in done.stderr


# -- year arguments and year folders ----------------------------------------------------------------

@pytest.mark.parametrize("year", ["../2021", "abc", "20211", "2021/", ""])
@pytest.mark.parametrize("command", [["validate"], ["build"], ["show"], ["new"], ["import", "coverage"]])
def test_a_year_argument_must_be_a_year(project: Path, command, year):
    args = [*command, year] + (["sheet.csv"] if command[0] == "import" else [])
    (project / "sheet.csv").write_text("日期,媒体,标题\n", encoding="utf-8")
    done = run_cli(*args, cwd=project)
    assert done.returncode == 2, done.stdout + done.stderr
    assert "YEAR" in done.stderr and "Traceback" not in done.stderr


def test_a_year_folder_without_report_yaml_says_exactly_that(project: Path):
    (project / "years/2021/report.yaml").unlink()
    for command in (["validate"], ["validate", "2021"], ["build", "2021", "--toc", "field"], ["show", "2021"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1
        assert "years/2021/report.yaml: error missing-file: 2021 has no report.yaml" in done.stdout + done.stderr


# -- templates staff edit ---------------------------------------------------------------------------

def test_every_problem_of_snippets_yaml_stops_the_build_with_its_line(project: Path):
    snippets = project / "templates/snippets.yaml"
    text = snippets.read_text(encoding="utf-8")
    snippets.write_text(text + "colour: red\n", encoding="utf-8")
    n = len(text.splitlines()) + 1
    for command in (["build", "2021", "--toc", "field"], ["validate", "2021"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1, command
        assert f"templates/snippets.yaml:{n}:1: error unknown-key: unknown key 'colour'" in lines_of(done)[0] + \
            done.stdout + done.stderr
    assert not (project / "out").exists()
    snippets.write_text(text.replace("awards: [6, 37, 37, 20]", "awards: [6]"), encoding="utf-8")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1 and "widths.awards has 1 entries, but the table has 4 columns" in done.stderr
    snippets.write_text("# the wording\n", encoding="utf-8")
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1 and "templates/snippets.yaml:1:1: error empty-file" in done.stderr


def _docx_with(path: Path, replace: dict[str, bytes]) -> None:
    with zipfile.ZipFile(path) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    parts.update(replace)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.mark.parametrize("part, says", [
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;">]><x>&b;</x>',
     "declares a document type"),
    (b"\x00" * (65 * 1024 * 1024), "expand"),
    ("<x>\u00e9</x>".encode("latin-1"), "is not UTF-8"),
])
def test_a_hostile_template_package_is_refused_before_it_is_read(project: Path, part, says):
    _docx_with(project / "templates/report.docx", {"word/styles.xml": part})
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1
    assert "templates/report.docx:1:1: error template: report.docx cannot be opened" in done.stderr
    assert says in done.stderr


def test_a_template_file_linked_out_of_its_folder_is_refused(project: Path):
    outside = project / "snippets.yaml"  # in the project, but not in the template folder
    shutil.copy(project / "templates/snippets.yaml", outside)
    (project / "templates/snippets.yaml").unlink()
    (project / "templates/snippets.yaml").symlink_to(outside)
    done = run_cli("build", "2021", "--toc", "field", cwd=project)
    assert done.returncode == 1 and "error path-outside: snippets.yaml is a link" in done.stderr


# -- the summary ------------------------------------------------------------------------------------

def test_a_huge_summary_is_refused_before_markdown_reads_it(project: Path):
    (project / "years/2021/summary.md").write_text("# 总述\n\n" + "**文字" * 100_000, encoding="utf-8")
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1
    assert "years/2021/summary.md:1:1: error file-too-large: the file is 781 KiB; a summary is read up to 256 KiB" \
        in done.stdout


def test_the_number_of_expressions_in_a_summary_is_bounded(project: Path):
    (project / "years/2021/summary.md").write_text("# 总述\n\n" + "{{ year }}\n" * 2_500, encoding="utf-8")
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1 and "years/2021/summary.md:3:1: error too-many-expressions" in done.stdout


# -- spreadsheets for import --------------------------------------------------------------------------

def _workbook(path: Path, rows: list[list], extra=None) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    if extra:
        extra(ws)
    wb.save(path)


def test_a_formula_without_its_saved_value_says_how_to_fix_it(project: Path):
    sheet = project / "媒体报道.xlsx"
    _workbook(sheet, [["日期", "媒体", "版面", "标题"], ["2021-03-01", "广州日报", "A1", "开放"],
                      ["2021-03-02", "=B2", "A2", '=CONCAT("讲座", "一")'], ["2021-03-03", "#REF!", "A3", "展览"]])
    before = fingerprint(project)
    done = run_cli("import", "coverage", "2021", str(sheet), cwd=project)
    assert done.returncode == 1
    assert "row 3" in done.stderr and "the cell B3 holds a formula (=B2) with no value saved with it" in done.stderr
    assert "open the file in Excel or WPS, save it, and import again" in done.stderr
    assert "row 4" in done.stderr and "the cell B4 holds the Excel error #REF!" in done.stderr
    assert fingerprint(project) == before


def test_a_sheet_claiming_a_million_rows_is_read_from_the_cells_it_has(project: Path):
    sheet = project / "大事记.xlsx"
    _workbook(sheet, [["日期", "内容"], ["2021-03-01", "读书月开幕"]],
              extra=lambda ws: ws.cell(row=1_048_576, column=16_384, value="远处的一格"))
    done = run_cli("import", "events", "2021", str(sheet), "--dry-run", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "读书月开幕" in done.stdout


def test_a_workbook_that_expands_beyond_the_limit_is_refused_unread(project: Path):
    sheet = project / "bomb.xlsx"
    _workbook(sheet, [["日期", "内容"]])
    _docx_with(sheet, {"xl/worksheets/sheet2.xml": b" " * (13 * 1024 * 1024)})
    done = run_cli("import", "events", "2021", str(sheet), cwd=project)
    assert done.returncode == 2 and "13 MiB of cells (at most 12 MiB)" in done.stderr


def test_a_csv_field_longer_than_csv_allows_is_said(project: Path):
    sheet = project / "大事记.csv"
    sheet.write_text("日期,内容\n2021-03-01," + "长" * 200_000 + "\n", encoding="utf-8")
    done = run_cli("import", "events", "2021", str(sheet), cwd=project)
    assert done.returncode == 2 and "row 2 cannot be read as CSV" in done.stderr


def test_import_into_a_broken_year_says_where_and_writes_nothing(project: Path):
    coverage = project / "years/2021/coverage.yaml"
    coverage.write_text("a: &x 1\nb: *x\n", encoding="utf-8")
    (project / "sheet.csv").write_text("日期,媒体,版面,标题\n2021-03-01,广州日报,A1,开放\n", encoding="utf-8")
    before = fingerprint(project)
    done = run_cli("import", "coverage", "2021", "sheet.csv", cwd=project)
    assert done.returncode == 1 and "years/2021/coverage.yaml:1:4: error yaml-alias" in done.stderr
    assert fingerprint(project) == before


# -- new and show -----------------------------------------------------------------------------------

def test_new_from_a_broken_year_says_where_and_makes_nothing(project: Path):
    stats = project / "years/2021/statistics.yaml"
    stats.write_text("items: [" + "[" * 80 + "]" * 80 + "]\n", encoding="utf-8")
    done = run_cli("new", "2022", cwd=project)
    assert done.returncode == 1
    assert "years/2021/statistics.yaml:1:" in done.stderr and "yaml-depth" in done.stderr
    assert not (project / "years/2022").exists()
    assert not [p for p in (project / "years").iterdir() if p.name.startswith(".")]


def test_show_prints_names_as_written_and_says_what_is_wrong(project: Path):
    stats = project / "years/2021/statistics.yaml"
    stats.write_text(stats.read_text(encoding="utf-8").replace("name: 藏量", "name: '[bold]藏量[/]'", 1),
                     encoding="utf-8")
    (project / "years/2021/awards.yaml").write_text("- {name: x, by: y, date: 2021-13}\n", encoding="utf-8")
    done = run_cli("show", "2021", cwd=project)
    assert done.returncode == 1
    assert "[bold]藏量[/]" in done.stdout
    assert "years/2021/awards.yaml:1:" in done.stderr and "impossible-date" in done.stderr


@pytest.mark.skipif(os.name == "nt", reason="FIFOs are POSIX")
def test_a_pipe_where_a_file_is_expected_is_never_read(project: Path):
    coverage = project / "years/2021/coverage.yaml"
    coverage.unlink()
    os.mkfifo(coverage)
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1 and "coverage.yaml is not a regular file" in done.stdout


def test_the_same_mistake_a_thousand_times_is_shown_a_thousand_times_and_counted(project: Path):
    (project / "years/2021/chronicle.yaml").write_text(
        "".join(f"- date: 2月30日\n  text: 第{i}条\n" for i in range(1_500)), encoding="utf-8")
    done = run_cli("validate", "2021", cwd=project)
    assert done.returncode == 1
    shown = [ln for ln in done.stdout.splitlines() if "impossible-date" in ln and "error impossible-date" in ln]
    assert len(shown) == 1_000
    assert ("years/2021/chronicle.yaml: error too-many: 500 more impossible-date in this file, after the 1000 "
            "above") in done.stdout
