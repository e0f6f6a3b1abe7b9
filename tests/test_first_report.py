"""Another library's first report, end to end: a city library's narrative 工作总结, transcribed from its printed
text (tests/first_report/printed.txt, a made-up library) with the fields docs/sources.md describes.

The transcription quotes its figures from a data-only statistics.yaml with their approximation words and scope
notes, lists honours with a year only and no issuer, gives activity sessions per type and one total audience,
and keeps two arithmetic slips of the printed text, acknowledged with `accept:`. It must validate under
--strict, build, and print every figure of the printed text as printed, and nothing of the example library.
"""

from __future__ import annotations

import json
import re
import shutil
import zipfile
from pathlib import Path

import pytest

from .conftest import run_cli

HERE = Path(__file__).resolve().parent / "first_report"
BEFORE, AFTER = "将近|接近|大约|超过|近|约|逾|超", "以上|左右|余|多"
# a printed figure: an approximation word before it, the number, 万/亿, and a word after it, as printed
FIGURE = re.compile(rf"(?:(?:{BEFORE})\s*)?\d[\d,.]*%?(?:\s*[万亿])?(?:\s*(?:{AFTER}))?")


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    project = tmp_path_factory.mktemp("first")
    shutil.copytree(HERE / "2023", project / "2023")
    (project / "libreport.yaml").write_text("sources: .\noutput: build\n", encoding="utf-8")
    checked = run_cli("validate", "--strict", "--format", "json", cwd=project)
    done = run_cli("build", "2023", "--strict", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    return project, {"validate": checked, "report": project / "build/2023/柳川市图书馆2023年工作总结.docx"}


def document_text(path: Path) -> str:
    with zipfile.ZipFile(path) as z:
        xml = z.read("word/document.xml").decode("utf-8")
    return re.sub(r"<[^>]+>", "", re.sub(r"</w:(p|tc)>", "\n", xml))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_it_validates_under_strict_with_the_printed_slips_acknowledged(built):
    project, out = built
    assert out["validate"].returncode == 0, out["validate"].stdout
    [year] = json.loads(out["validate"].stdout)["years"]
    assert (year["errors"], year["warnings"]) == (0, 0)
    stats = (project / "2023/statistics.yaml").read_text(encoding="utf-8").splitlines()
    total = 1 + next(i for i, line in enumerate(stats) if line.strip() == "value: 130.2")
    share = 1 + next(i for i, line in enumerate(stats) if line.strip() == "value: 9.1")
    slips = {(d["code"], d["line"], d["accepted"]) for d in year["diagnostics"]}
    assert slips == {("sum-mismatch", total, "印刷本如此，分项之和为 130.29 万册"),
                     ("ratio-mismatch", share, "印刷本作 9.1%，按持证读者与服务人口计算为 10%")}


def test_every_printed_figure_is_printed_as_printed(built):
    _project, out = built
    printed = (HERE / "printed.txt").read_text(encoding="utf-8")
    text = squeeze(document_text(out["report"]))
    figures = {squeeze(m.group(0)) for m in FIGURE.finditer(printed)}
    assert len(figures) > 35 and {"近57.34万", "6200余", "5000余", "逾40万", "15万余", "超过60", "约8万",
                                  "近3.2万", "120万", "1000", "260余", "9.1%", "35.6%"} <= figures
    missing = sorted(f for f in figures if f not in text)
    assert missing == []


def test_figures_keep_their_words_units_and_notes_in_place(built):
    _project, out = built
    text = document_text(out["report"])
    for phrase in ("接待读者近 57.34 万人次（含分馆）", "少儿外借 15 万余册次", "新增图书 5000 余册",
                   "数字资源总量超过 60 TB", "点击量 120 万次以上", "服务点 86 个（含馆外服务点）",
                   "参与读者近 3.2 万人次", "占服务人口的 9.1%", "馆藏总量达 130.2 万册"):
        assert phrase in text


def test_tables_print_what_the_report_gives(built):
    from docx import Document

    _project, out = built
    tables = [[[c.text for c in row.cells] for row in t.rows] for t in Document(str(out["report"])).tables]
    activities, awards = tables
    assert activities[2] == ["1", "公益讲座", "48", "24.00%", "—", "—"]
    assert activities[-1][-3:] == ["100%", "近 32,000", "—"]
    assert awards[0] == ["序号", "奖项名称", "获奖时间"]  # no issuer is given, so no issuer column
    assert [row[2] for row in awards[1:]] == ["2023年", "2023年", "全年"]


def test_nothing_of_the_example_library_anywhere(built):
    project, out = built
    with zipfile.ZipFile(out["report"]) as z:
        for name in z.namelist():
            assert "越秀".encode() not in z.read(name), name
    for path in project.rglob("*"):
        if path.is_file() and path.suffix in (".yaml", ".md"):
            assert "越秀" not in path.read_text(encoding="utf-8")


def test_an_awards_table_without_dates_or_issuers_prints_what_is_given(tmp_path):
    from docx import Document

    shutil.copytree(HERE / "2023", tmp_path / "2023")
    (tmp_path / "libreport.yaml").write_text("sources: .\noutput: build\n", encoding="utf-8")
    (tmp_path / "2023/awards.yaml").write_text(
        "- {name: 全民阅读示范单位}\n- {name: 优秀志愿服务项目, date: 2023年11月20日}\n", encoding="utf-8")
    assert run_cli("build", "2023", "--toc", "field", cwd=tmp_path).returncode == 0
    awards = Document(str(tmp_path / "build/2023/柳川市图书馆2023年工作总结.docx")).tables[-1]
    assert [[c.text for c in row.cells] for row in awards.rows] == [
        ["序号", "奖项名称", "获奖时间"], ["1", "全民阅读示范单位", ""], ["2", "优秀志愿服务项目", "2023年11月20日"]]
    (tmp_path / "2023/awards.yaml").write_text("- {name: 全民阅读示范单位}\n", encoding="utf-8")
    assert run_cli("build", "2023", "--toc", "field", cwd=tmp_path).returncode == 0
    awards = Document(str(tmp_path / "build/2023/柳川市图书馆2023年工作总结.docx")).tables[-1]
    assert [[c.text for c in row.cells] for row in awards.rows] == [["序号", "奖项名称"], ["1", "全民阅读示范单位"]]


def test_the_next_year_keeps_the_shape_and_leaves_last_years_slips_behind(tmp_path):
    shutil.copytree(HERE / "2023", tmp_path / "2023")
    (tmp_path / "libreport.yaml").write_text("sources: .\noutput: build\n", encoding="utf-8")
    assert run_cli("new", "2024", cwd=tmp_path).returncode == 0
    stats = (tmp_path / "2024/statistics.yaml").read_text(encoding="utf-8")
    assert "accept" not in stats  # they acknowledged 2023's printed slips, not 2024's
    assert "{name: 到馆人次, unit: 万人次, value: , approx: 近, note: 含分馆}" in stats
    assert "ratio: {part: 持证读者, whole: 服务人口}" in stats
    assert (tmp_path / "2024/activities.yaml").read_text(encoding="utf-8").endswith("total:\n  attendance:\n")
    done = run_cli("validate", "2024", "--format", "json", cwd=tmp_path)
    assert done.returncode == 0
    codes = {d["code"] for d in json.loads(done.stdout)["years"][0]["diagnostics"]}
    assert codes == {"to-fill", "carried-figure"}  # and the figures 2023's text typed, still to review
