"""Next year from this year: `new` carries the summary whole, and validate names each figure of last year's that
the text types (not bound to data) at its line and column, with its sentence, until it is reviewed."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from .conftest import EXAMPLES, TEMPLATES, run_cli


@pytest.fixture
def qinghe(tmp_path: Path) -> Path:
    shutil.copytree(EXAMPLES / "qinghe" / "2023", tmp_path / "years" / "2023")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    return tmp_path


def carried(project: Path, year: str = "2024") -> dict[tuple[str, int, int], str]:
    done = run_cli("validate", year, "--format", "json", cwd=project)
    return {(Path(d["file"]).name, d["line"], d["column"]): d["message"]
            for d in json.loads(done.stdout)["years"][0]["diagnostics"] if d["code"] == "carried-figure"}


def test_new_carries_every_summary_whole_with_its_pictures(qinghe: Path):
    assert run_cli("new", "2024", cwd=qinghe).returncode == 0
    old, new = qinghe / "years/2023", qinghe / "years/2024"
    for name in ("summary.md", "plans.md"):  # whole, last year's `literal` marks taken off: this year reviews them
        unmarked = re.sub(r"\{\{ '([^']*)' \| literal \}\}", r"\1", (old / name).read_text(encoding="utf-8"))
        assert (new / name).read_text(encoding="utf-8") == unmarked
    assert (new / "images/visits.png").read_bytes() == (old / "images/visits.png").read_bytes()


def test_each_typed_figure_of_last_year_is_named_at_its_place_with_its_sentence(qinghe: Path):
    assert carried(qinghe, "2023") == {}  # a finished year whose text is its own
    assert run_cli("new", "2024", cwd=qinghe).returncode == 0
    found = carried(qinghe)
    summary = (qinghe / "years/2024/summary.md").read_text(encoding="utf-8").splitlines()
    line = next(n for n, text in enumerate(summary, 1) if "4600 余册" in text)
    col = summary[line - 1].index("4600 余册") + 1
    message = found[("summary.md", line, col)]
    assert message.startswith("4600 余 is 2023's figure, still standing in its sentence “上线“你选书、我买单”")
    assert "全年荐购图书 4600 余册。”" in message and "{{ '4600 余' | literal }}" in message
    # dates and ordinals of last year too; the year itself is worded to follow the report's year
    texts = {m.split(" ", 1)[0] for m in found.values()}
    assert {"3", "20:00", "第十届", "2020", "820", "38.1"} <= {t.split(" ")[0] for t in texts} | texts
    opening = found[("summary.md", 1, 1)]
    assert opening.startswith("2023 年 names the year as 2023's text did") and "write {{ year }} 年" in opening
    plans = (qinghe / "years/2024/plans.md").read_text(encoding="utf-8").splitlines()
    heading = next(n for n, text in enumerate(plans, 1) if text == "# 2024 年工作打算")
    assert "write {{ year + 1 }} 年" in found[("plans.md", heading, 3)]
    # figures quoted from the data are this year's: never named
    assert not any("stats[" in m.split(" is ", 1)[0] for m in found.values())


def test_a_figure_rewritten_quoted_or_marked_as_meant_is_reviewed(qinghe: Path):
    assert run_cli("new", "2024", cwd=qinghe).returncode == 0
    summary = qinghe / "years/2024/summary.md"
    text = summary.read_text(encoding="utf-8")
    text = text.replace("全年荐购图书 4600 余册", "全年荐购图书 5200 余册")  # this year's figure
    text = text.replace("2023 年主要工作", "{{ year }} 年主要工作")  # the report's year
    text = text.replace("2020 年降至 38.1 万人次", "{{ '2020 年' | literal }}降至 {{ '38.1 万' | literal }}人次")
    summary.write_text(text, encoding="utf-8")
    messages = " ".join(carried(qinghe).values())
    for gone in ("4600 余 ", "5200", "38.1 万 ", "“2023 年主要工作”", "2020 年 "):
        assert gone not in messages
    assert "820 余 is 2023's figure" in messages  # the others still wait
    done = run_cli("build", "2024", "--toc", "field", cwd=qinghe)
    assert done.returncode == 0, done.stderr
    from docx import Document

    paragraphs = [p.text for p in Document(str(qinghe / "out/2024/青禾市图书馆2024年工作总结.docx")).paragraphs]
    assert "一、2024 年主要工作" in paragraphs
    assert any("受疫情影响，2020 年降至 38.1 万人次" in p for p in paragraphs)


def test_last_years_marks_of_meant_figures_are_taken_off_next_year(qinghe: Path):
    """A mark reviewed last year's figure (as accept: acknowledged last year's slip): next year it is to review
    again, so `new` prints it as text again, and validate names it."""
    summary = qinghe / "years/2023/summary.md"
    summary.write_text(summary.read_text(encoding="utf-8").replace(
        "全年荐购图书 4600 余册", "全年荐购图书 {{ '4600 余' | literal }}册"), encoding="utf-8")
    assert "4600" not in " ".join(carried(qinghe, "2023").values())
    assert run_cli("new", "2024", cwd=qinghe).returncode == 0
    assert "全年荐购图书 4600 余册" in (qinghe / "years/2024/summary.md").read_text(encoding="utf-8")
    assert any(m.startswith("4600 余 is 2023's figure") for m in carried(qinghe).values())


def test_messages_in_chinese(qinghe: Path):
    assert run_cli("new", "2024", cwd=qinghe).returncode == 0
    done = run_cli("validate", "2024", cwd=qinghe, env={"LIBREPORT_LANG": "zh"})
    line = next(ln for ln in done.stdout.splitlines() if "4600 余" in ln)
    assert "警告 carried-figure: 4600 余 是 2023 年的数字，仍留在原句“" in line and "{{ '4600 余' | literal }}" in line
