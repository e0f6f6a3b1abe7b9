"""`libreport init`: another library's first report starts as a project of its own that builds at once."""

from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

import pytest
from docx import Document

from .conftest import EXAMPLES, run_cli


def init(tmp_path: Path, *extra: str, name: str = "青溪") -> Path:
    done = run_cli("init", name, "--library", "青溪市图书馆", "--year", "2023", *extra, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    return tmp_path / name


def texts(folder: Path) -> dict[str, str]:
    """Every file's text (a .docx's XML parts), to look for what must not be there."""
    import zipfile

    out = {}
    for path in folder.rglob("*"):
        if path.suffix == ".docx":
            with zipfile.ZipFile(path) as z:
                out[str(path)] = "".join(z.read(n).decode("utf-8", "replace") for n in z.namelist()
                                         if n.endswith(".xml"))
        elif path.is_file():
            out[str(path)] = path.read_text(encoding="utf-8")
    return out


def example_words() -> set[str]:
    """The example library's name, its statistics items, activity types and summary headings."""
    words = {"越秀"}
    for year in (p.parent for p in EXAMPLES.glob("*/report.yaml")):
        for line in (year / "statistics.yaml").read_text(encoding="utf-8").splitlines():
            if "name:" in line:
                words.add(line.split("name:")[1].split(",")[0].strip(" }"))
        for line in (year / "summary.md").read_text(encoding="utf-8").splitlines():
            if line.startswith("#"):
                words.add(line.lstrip("# ").strip())
    return {w for w in words if len(w) > 3}


def test_init_makes_a_project_that_validates_and_builds_a_draft_at_once(tmp_path: Path):
    folder = init(tmp_path, "--kind", "工作总结")
    assert (folder / "libreport.yaml").is_file() and (folder / "templates/report.docx").is_file()
    assert sorted(p.name for p in (folder / "2023").iterdir()) == [
        "activities.yaml", "awards.yaml", "chronicle.yaml", "coverage.yaml", "report.yaml", "statistics.yaml",
        "summary.md"]
    validated = run_cli("validate", "--format", "json", cwd=folder)
    assert validated.returncode == 0, validated.stdout
    [year] = json.loads(validated.stdout)["years"]
    assert year["errors"] == 0 and [d["code"] for d in year["diagnostics"]] == ["to-fill"]  # the to-do list
    built = run_cli("build", "2023", "--toc", "field", cwd=folder)
    assert built.returncode == 0, built.stderr
    report = folder / "build/2023/青溪市图书馆2023年工作总结.docx"
    head = [p.text for p in Document(str(report)).paragraphs if p.text.strip()][:2]
    assert head == ["青溪市图书馆文件", "青溪市图书馆 2023 年工作总结"]  # an official document: letterhead, title


def test_a_work_summary_numbers_its_headings_as_an_official_document_does(tmp_path: Path):
    """GB/T 9704: 一、 then （一） then 1. then （1）, not the 年报's 1、 under 一、."""
    folder = init(tmp_path, "--kind", "工作总结")
    text = "# 基本情况\n\n## 阅读推广\n\n### 讲座\n\n#### 少儿讲座\n\n全年开展活动。\n"
    (folder / "2023/summary.md").write_text(text, encoding="utf-8")
    built = run_cli("build", "2023", "--toc", "field", cwd=folder)
    assert built.returncode == 0, built.stderr
    texts = [p.text for p in Document(str(folder / "build/2023/青溪市图书馆2023年工作总结.docx")).paragraphs]
    assert [t for t in texts if t.endswith(("基本情况", "阅读推广", "讲座"))] == [
        "一、基本情况", "（一）阅读推广", "1.讲座", "（1）少儿讲座"]


def test_a_work_summary_is_laid_out_as_an_official_document_and_an_annual_report_with_a_cover(tmp_path: Path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    summary = init(tmp_path / "a", "--kind", "工作总结")
    assert sorted(p.name for p in (summary / "templates").iterdir()) == ["official.docx", "report.docx",
                                                                         "snippets.yaml"]
    text = (summary / "2023/report.yaml").read_text(encoding="utf-8")
    assert "\ntemplate: official " in text and "\n  name: 青溪市图书馆文件\n" in text
    assert "# imprint:" in text and "# signature:" in text  # shown, to fill in
    annual = init(tmp_path / "b")
    text = (annual / "2023/report.yaml").read_text(encoding="utf-8")
    assert "template:" not in text and "letterhead" not in text
    built = run_cli("build", "2023", "--toc", "field", cwd=annual)
    assert built.returncode == 0, built.stderr
    first = next(p for p in Document(str(annual / "build/2023/青溪市图书馆2023年年报.docx")).paragraphs if p.text)
    assert (first.style.name, first.text) == ("Title", "青溪市图书馆 2023 年年报")  # the cover


@pytest.mark.parametrize("lang, said", [
    ("en", "summary.md is still the skeleton: write the text in place of （待填写）"),
    ("zh", "summary.md 尚未填写：请把（待填写）换成正文"),
])
def test_a_summary_without_a_title_is_named_once_on_the_to_do_list(tmp_path: Path, lang: str, said: str):
    folder = init(tmp_path, "--kind", "工作总结")  # its summary is listed without a title
    [year] = json.loads(run_cli("validate", "--format", "json", "--lang", lang, cwd=folder).stdout)["years"]
    assert [d["message"] for d in year["diagnostics"]] == [said]


def test_nothing_of_the_example_library_is_in_the_new_project(tmp_path: Path):
    folder = init(tmp_path)
    assert run_cli("build", "2023", "--toc", "field", cwd=folder).returncode == 0
    words = example_words()
    assert "总流通人次" in words  # the scan does see the example's statistics items
    for path, text in texts(folder).items():
        found = sorted(w for w in words if w in text)
        assert found == [], f"{path} holds {found}"


def test_each_file_explains_itself(tmp_path: Path):
    folder = init(tmp_path, "--title", "青溪市图书馆 2023 年度工作报告")
    for path in (folder / "2023").glob("*.yaml"):
        assert path.read_text(encoding="utf-8").startswith("#"), path.name
    assert "docs/sources.md" in (folder / "2023/report.yaml").read_text(encoding="utf-8")
    assert "title: 青溪市图书馆 2023 年度工作报告" in (folder / "2023/report.yaml").read_text(encoding="utf-8")
    assert (folder / "libreport.yaml").read_text(encoding="utf-8").startswith("#")


def fingerprint(folder: Path) -> dict[str, str]:
    return {str(p): hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.rglob("*") if p.is_file()}


def test_init_never_writes_into_a_folder_that_holds_anything(tmp_path: Path):
    folder = tmp_path / "已有"
    folder.mkdir()
    (folder / "笔记.txt").write_text("别动我\n", encoding="utf-8")
    before = fingerprint(tmp_path)
    done = run_cli("init", "已有", "--library", "青溪市图书馆", "--year", "2023", cwd=tmp_path)
    assert done.returncode == 2
    assert "not empty" in done.stderr
    assert fingerprint(tmp_path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["已有"]  # no half-made project beside it either


def test_init_fills_an_empty_folder(tmp_path: Path):
    (tmp_path / "空").mkdir()
    assert init(tmp_path, name="空").joinpath("2023/report.yaml").is_file()


@pytest.mark.parametrize("args", [
    ("--library", " ", "--year", "2023"),
    ("--library", "青溪市图书馆", "--year", "23"),
    ("--library", "青溪市图书馆", "--year", "2023", "--kind", ""),
])
def test_unusable_names_and_years_are_usage_errors(tmp_path: Path, args):
    done = run_cli("init", "新项目", *args, cwd=tmp_path)
    assert done.returncode == 2
    assert not (tmp_path / "新项目").exists()


def test_a_library_name_yaml_would_misread_is_kept_as_written(tmp_path: Path):
    done = run_cli("init", "p", "--library", "Library: #1 (青溪)", "--year", "2023", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    validated = run_cli("validate", "--format", "json", cwd=tmp_path / "p")
    assert validated.returncode == 0, validated.stdout
    assert run_cli("build", "2023", "--toc", "field", cwd=tmp_path / "p").returncode == 0
    assert "library: \"Library: #1 (青溪)\"" in (tmp_path / "p/2023/report.yaml").read_text(encoding="utf-8")
    assert [p.name for p in (tmp_path / "p/build/2023").iterdir()][0].startswith("Library")


def test_the_next_year_starts_from_the_library_own_year(tmp_path: Path):
    folder = init(tmp_path)
    stats = "items:\n  - {name: 到馆人次, unit: 万人次, value: 57.34, approx: 近}\n"
    (folder / "2023/statistics.yaml").write_text(stats, encoding="utf-8")
    done = run_cli("new", "2024", cwd=folder)
    assert done.returncode == 0, done.stderr
    assert "library: 青溪市图书馆" in (folder / "2024/report.yaml").read_text(encoding="utf-8")
    # the figures the summary quotes (statistics not printed as a table) come along, values emptied
    assert "{name: 到馆人次, unit: 万人次, value: , approx: 近}" in (folder / "2024/statistics.yaml").read_text(
        encoding="utf-8")
    assert run_cli("validate", "2024", cwd=folder).returncode == 0


def two_libraries(tmp_path: Path) -> Path:
    """One sources folder holding the example library's years and another library's 2023."""
    shutil.copytree(EXAMPLES, tmp_path / "years")
    other = init(tmp_path, name="other") / "2023"
    shutil.copytree(other, tmp_path / "years/2023")
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    return tmp_path


def test_new_never_starts_from_another_library_year(tmp_path: Path):
    project = two_libraries(tmp_path)
    done = run_cli("new", "2024", cwd=project)
    assert done.returncode == 2
    assert "several libraries" in done.stderr and "--library" in done.stderr
    assert not (project / "years/2024").exists()
    assert run_cli("new", "2024", "--library", "青溪市图书馆", cwd=project).returncode == 0
    assert "library: 青溪市图书馆" in (project / "years/2024/report.yaml").read_text(encoding="utf-8")
    done = run_cli("new", "2022", "--library", "青溪市图书馆", cwd=project)
    assert done.returncode == 2 and "no year of 青溪市图书馆 before 2022" in done.stderr


def test_years_of_two_libraries_are_never_compared(tmp_path: Path):
    project = two_libraries(tmp_path)
    year = project / "years/2023"
    (year / "statistics.yaml").write_text("items:\n  - {name: 总流通人次, unit: 人次, value: 0}\n", encoding="utf-8")
    (year / "summary.md").write_text("到馆人次{{ change('总流通人次') }}。\n", encoding="utf-8")
    done = run_cli("validate", "2023", "--format", "json", cwd=project)
    [d] = [d for d in json.loads(done.stdout)["years"][0]["diagnostics"] if d["severity"] == "error"]
    assert d["code"] == "summary-expression" and "no earlier year of 青溪市图书馆" in d["message"]
    report = year / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "year_over_year: {compare_with: 2021}\n",
                      encoding="utf-8")
    done = run_cli("validate", "2023", "--format", "json", cwd=project)
    codes = [d["code"] for d in json.loads(done.stdout)["years"][0]["diagnostics"] if d["severity"] == "error"]
    assert "other-library" in codes


def test_an_annual_report_starts_with_the_sections_a_nianbao_has_each_on_the_to_do_list(tmp_path: Path):
    folder = init(tmp_path)  # --kind 年报 by default
    validated = run_cli("validate", "--format", "json", cwd=folder)
    assert validated.returncode == 0
    [year] = json.loads(validated.stdout)["years"]
    to_fill = sorted(d["file"].split("/")[-1] for d in year["diagnostics"] if d["code"] == "to-fill")
    assert to_fill == ["activities.yaml", "awards.yaml", "chronicle.yaml", "coverage.yaml", "statistics.yaml",
                       "summary.md"]
    assert run_cli("build", "2023", "--toc", "field", cwd=folder).returncode == 0  # a draft of what there is
