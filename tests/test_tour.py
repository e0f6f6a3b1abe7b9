"""The README's tour runs line by line, exactly as written, in a folder laid out like a fresh clone."""

from __future__ import annotations

import os
import re
import shlex
import shutil
from pathlib import Path

import pytest

from .conftest import ROOT, run_cli, serving

README = (ROOT / "README.md").read_text(encoding="utf-8")


def tour_lines() -> list[str]:
    section = README[README.index("## A tour, line by line"):]
    block = re.search(r"```sh\n(.*?)```", section, re.S).group(1)
    return [line.split("  #", 1)[0].strip() for line in block.splitlines() if line.strip()]


def test_the_tour_starts_its_own_project_and_never_names_the_examples_years():
    lines = tour_lines()
    assert lines[0] == "source .venv/bin/activate"
    assert lines[1].startswith("libreport init ")
    assert not any(re.search(r"\b(2019|2021)\b", line) for line in lines)


def test_the_tour_runs_as_written(tmp_path: Path):
    clone = tmp_path / "libreport"
    shutil.copytree(ROOT / "examples" / "sheets", clone / "examples" / "sheets")
    cwd = clone
    has_layout = bool(shutil.which("soffice") or shutil.which("libreoffice"))
    for line in tour_lines():
        words = shlex.split(line)
        if words[0] == "source":  # the venv is this test process's interpreter already
            continue
        if words[0] == "cd":
            cwd = (cwd / words[1]).resolve()
            assert cwd.is_dir(), line
            continue
        assert words[0] == "libreport", line
        args = words[1:]
        if args[0] == "serve":  # it serves until stopped: look at the page, then stop it as a user would
            with serving(cwd, *args[1:]) as served:
                assert "<h1>" in served.get("/") and "libreport-serve" in served.get("/")
            assert served.returncode == 0, served.lines
            continue
        if "--pdf" in args and not has_layout and not os.environ.get("CI"):
            args.remove("--pdf")  # LibreOffice is not installed here; CI has it and runs the line as written
        done = run_cli(*args, cwd=cwd)
        assert done.returncode == 0, f"{line}\n{done.stdout}\n{done.stderr}"
        if args[:1] == ["import"] and "--dry-run" not in args:
            assert re.search(r"appended [1-9]\d* row", done.stdout), done.stdout
    project = clone / "tour"
    chronicle = (project / "2024" / "chronicle.yaml").read_text(encoding="utf-8")
    assert "寒假少儿阅读季启动" in chronicle and "跨年阅读夜" not in chronicle  # the 2023 row was skipped
    report = project / "build" / "2024" / "临江市图书馆2024年年报.docx"
    assert report.is_file()
    if has_layout:
        assert report.with_suffix(".pdf").is_file()
    assert (report.with_suffix("") / "index.html").is_file(), "the web edition beside the Word edition"
    assert (project / "2025" / "report.yaml").is_file()
    assert not list(clone.glob("examples/20*")), "the tour never writes into the examples"


@pytest.mark.parametrize("sheet", ["媒体报道.xlsx", "大事记.xlsx"])
def test_the_sample_sheets_are_as_messy_as_real_ones(sheet):
    """A title row, dates typed several ways and one real date cell, a row from another year."""
    from openpyxl import load_workbook

    rows = list(load_workbook(ROOT / "examples" / "sheets" / sheet).active.iter_rows(values_only=True))
    dates = [r[1] if sheet == "媒体报道.xlsx" else r[0] for r in rows if any(r)]
    assert len(rows[0]) >= 1 and rows[0][0] and "年" in str(rows[0][0])  # a title above the header
    assert any(hasattr(d, "year") for d in dates), "an Excel date cell"
    assert any(isinstance(d, str) and "2023" in d for d in dates), "a row from the year before"
    assert len({type(d).__name__ for d in dates if d}) >= 2
