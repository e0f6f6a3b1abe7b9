"""Hostile cells and fields, second round: what a workbook, a CSV file or a command-line option can carry that a
YAML case folder cannot, held to the same standard as the YAML sources. A cell a formula leaves without a value,
Excel's escapes for control characters, CSV cells no heading reads, digit separators, `init`'s texts: each is one
diagnostic at its cell (or a usage error for an option), in both languages, and nothing is dropped or written."""

from __future__ import annotations

import zipfile
from pathlib import Path

from libreport.build import BuildOptions, build_year
from libreport.project import load_project

from .conftest import run_cli
from .test_structure import HEAD, problems, year
from .test_table import tables

TABLE = HEAD + "sections:\n  - {kind: table, title: 分馆, file: branches.yaml}\n"
FROM_XLSX = "columns:\n  - 馆名\n  - {name: 藏书, type: number, unit: 册}\nfrom: 分馆.xlsx\n"


def _workbook(path: Path, rows: list[list], strings: dict[str, str] | None = None) -> None:
    """A workbook as a program writes it (formulas never calculated); `strings` rewrites cells' text as stored
    in the file, where Excel's escapes (_x0001_) are written."""
    import openpyxl

    wb = openpyxl.Workbook()
    for row in rows:
        wb.active.append(row)
    wb.save(path)
    if strings:
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        for name, data in parts.items():
            for old, new in strings.items():
                data = data.replace(old.encode(), new.encode())
            parts[name] = data
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)


def test_a_table_sheets_formula_without_a_value_says_how_to_fix_it(tmp_path):
    year(tmp_path, {"report.yaml": TABLE, "branches.yaml": FROM_XLSX})
    _workbook(tmp_path / "years/2023/分馆.xlsx", [["馆名", "藏书"], ["中心馆", 5], ["东馆", "=B2*2"],
                                                 ['=CONCAT("西", "馆")', 3], ["=A2", "=B2"]])
    found = problems(tmp_path, {})
    assert [(code, line, col) for code, line, col, _ in found] == [
        ("table-cell", 3, 2), ("table-cell", 4, 1), ("table-cell", 5, 1), ("table-cell", 5, 2)]
    assert not any(code == "to-fill" for code, *_ in found)  # not a figure still to fill: a figure not yet computed
    done = run_cli("validate", "2023", cwd=tmp_path)
    assert ("years/2023/分馆.xlsx:3:2: error table-cell: the cell B3 holds a formula (=B2*2) with no value saved "
            "with it: open the file in Excel or WPS and save it, so that the value is stored") in done.stdout
    done = run_cli("validate", "2023", cwd=tmp_path, env={"LIBREPORT_LANG": "zh"})
    assert "单元格 B3 是公式（=B2*2），但没有保存计算结果：请用 Excel 或 WPS 打开该文件并保存" in done.stdout


def test_excels_escapes_are_decoded_then_checked_like_any_text(tmp_path):
    year(tmp_path, {"report.yaml": TABLE, "branches.yaml": FROM_XLSX})
    sheet = tmp_path / "years/2023/分馆.xlsx"
    _workbook(sheet, [["馆名", "藏书"], ["ONE", 5], ["TWO", 6]],
              strings={"ONE": "中心馆_x0041_", "TWO": "东馆_x005F_x0041_"})
    result = build_year(load_project(tmp_path), "2023", BuildOptions(toc="field"))
    [table] = tables(result.docx)
    # _x0041_ is Excel's way of writing A; _x005F_ writes the underscore itself, so the second is typed text
    assert [row[0] for row in table.rows[1:]] == ["中心馆A", "东馆_x0041_"]
    _workbook(sheet, [["馆名", "藏书"], ["ONE", 5]], strings={"ONE": "中心馆_x0001_"})
    found = problems(tmp_path, {})
    assert [(code, line, col) for code, line, col, _ in found] == [("bad-character", 2, 1)]
    done = run_cli("validate", "2023", cwd=tmp_path)
    assert "U+0001, which a Word document cannot hold; delete it from the cell" in done.stdout


def test_import_decodes_excels_escapes_and_refuses_a_control_character(project: Path):
    sheet = project / "媒体报道.xlsx"
    _workbook(sheet, [["日期", "媒体", "标题"], ["2021-03-01", "广州日报", "ONE"], ["2021-03-02", "广州日报", "TWO"]],
              strings={"ONE": "开放_x0001_", "TWO": "讲座_x0041_"})
    before = (project / "years/2021/coverage.yaml").read_bytes()
    done = run_cli("import", "coverage", "2021", str(sheet), cwd=project)
    assert done.returncode == 1
    assert "row 2" in done.stderr and "the cell C2 holds the character U+0001" in done.stderr
    assert (project / "years/2021/coverage.yaml").read_bytes() == before
    done = run_cli("import", "coverage", "2021", str(sheet), "--dry-run", cwd=project)
    assert "讲座A" in done.stdout


def test_csv_cells_right_of_the_header_are_said_by_import_too(project: Path):
    sheet = project / "大事记.csv"
    sheet.write_text("日期,内容\n2021年3月1日,读书月开幕\n2021年3月2日,讲座,第二场,第三场\n", encoding="utf-8")
    done = run_cli("import", "events", "2021", str(sheet), "--dry-run", cwd=project)
    assert done.returncode == 1
    assert "row 3" in done.stderr and "the cell C3 ('第二场') stands right of the header row's last column" \
        in done.stderr
    zh = run_cli("import", "events", "2021", str(sheet), "--dry-run", cwd=project, env={"LIBREPORT_LANG": "zh"})
    assert "单元格 C3（'第二场'）在表头最后一列的右边，不会被读取" in zh.stderr


def test_a_figure_with_digit_separators_prints_as_it_is_summed(tmp_path):
    year(tmp_path, {"report.yaml": TABLE, "branches.yaml": "columns:\n  - 馆名\n  - {name: 藏书, type: number}\n"
                                                              "total: 合计\nrows:\n  - [中心馆, 1_000]\n"
                                                              "  - [东馆, 2_500_000]\n"})
    result = build_year(load_project(tmp_path), "2023", BuildOptions(toc="field"))
    [table] = tables(result.docx)
    assert table.rows[1:] == [["中心馆", "1,000"], ["东馆", "2,500,000"], ["合计", "2,501,000"]]


def test_init_refuses_a_control_character_as_it_refuses_a_line_break(tmp_path: Path):
    for option in ("--library", "--title"):
        value = "临江市\x01图书馆"
        args = ["--library", "临江市图书馆", option, value] if option == "--title" else [option, value]
        done = run_cli("init", "p", *args, "--year", "2024", cwd=tmp_path)
        assert done.returncode == 2 and f"{option} '临江市\\x01图书馆': give one line of text" in done.stderr
        assert not (tmp_path / "p").exists() and list(tmp_path.iterdir()) == []


def test_a_sheets_number_of_more_digits_than_kept_is_refused_as_typed_ones_are(tmp_path):
    """Excel keeps 1e+101 as a float; as a figure it has 102 digits, refused as the same digits typed would be."""
    year(tmp_path, {"report.yaml": TABLE, "branches.yaml": FROM_XLSX})
    _workbook(tmp_path / "years/2023/分馆.xlsx", [["馆名", "藏书"], ["中心馆", 1e101], ["东馆", 12.5]])
    found = problems(tmp_path, {})
    assert [(code, line, col) for code, line, col, _ in found] == [("too-many-digits", 2, 2)]
