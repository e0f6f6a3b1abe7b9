"""Figure coverage: validate --coverage and show count the figures the prose prints, bound, checked or literal."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import CASES, EXAMPLES, run_cli

CASE = CASES / "valid" / "figure-coverage"


@pytest.fixture
def year(tmp_path: Path) -> Path:
    shutil.copytree(CASE, tmp_path / "2021", ignore=shutil.ignore_patterns("expected.txt"))
    return tmp_path


def test_validate_counts_the_figures_per_file_and_for_the_year(year: Path):
    done = run_cli("validate", "--coverage", "--source", str(year), "--lang", "en", cwd=year)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-3:] == [
        "2021/summary.md: 9 figure(s) printed: 5 bound to data (4 checked: computed 1, 其中 1, ratio 1, sum 1), "
        "2 deliberate, 2 literal",
        "2021: 9 figure(s) printed: 5 bound to data (4 checked: computed 1, 其中 1, ratio 1, sum 1), 2 deliberate, "
        "2 literal",
        "2021: 0 error(s), 0 warning(s), 2 note(s)"]
    # 新办读者证 is bound to data, but nothing checks it: bound, not checked
    assert sum("literal-figure" in line for line in lines) == 2


def test_without_the_option_validate_says_nothing_of_figures(year: Path):
    done = run_cli("validate", "--source", str(year), "--lang", "en", cwd=year)
    assert "literal-figure" not in done.stdout and "printed" not in done.stdout
    assert done.stdout.splitlines()[-1] == "2021: 0 error(s), 0 warning(s), 0 note(s)"


def test_the_counts_are_data_in_json(year: Path):
    done = run_cli("validate", "--coverage", "--format", "json", "--source", str(year), cwd=year)
    [found] = json.loads(done.stdout)["years"]
    cov = found["coverage"]
    assert {k: cov[k] for k in ("figures", "bound", "checked", "deliberate", "literal", "accounted")} == {
        "figures": 9, "bound": 5, "checked": 4, "deliberate": 2, "literal": 2, "accounted": False}
    assert cov["files"][0]["relations"] == {"computed": 1, "of-which": 1, "ratio": 1, "sum": 1}
    notes = [(d["line"], d["column"]) for d in found["diagnostics"] if d["code"] == "literal-figure"]
    assert notes == [(4, 54), (4, 69)]


def test_marking_the_last_literals_accounts_for_every_figure(year: Path):
    summary = year / "2021" / "summary.md"
    text = summary.read_text(encoding="utf-8")
    summary.write_text(text.replace("400 多", "{{ '400 多' | literal }}").replace("98%", "{{ '98%' | literal }}"),
                       encoding="utf-8")
    done = run_cli("validate", "--coverage", "--source", str(year), "--lang", "zh", cwd=year)
    assert done.stdout.splitlines()[-2] == ("2021：每个数字均有着落：印出 9 个，与数据关联 5 个"
                                            "（经核对 4 个：计算所得 1、其中 1、比率 1、合计 1），标明照印 4 个")


def test_show_prints_the_same_counts(year: Path):
    done = run_cli("show", "2021", "--source", str(year), "--lang", "en", cwd=year)
    assert done.returncode == 0, done.stderr
    assert "2021: 9 figure(s) printed: 5 bound to data (4 checked: computed 1, 其中 1, ratio 1, sum 1), " \
           "2 deliberate, 2 literal" in done.stdout


@pytest.mark.parametrize(("folder", "years"), [(EXAMPLES, ("2021", "2019")), (EXAMPLES / "qinghe", ("2023",))])
def test_every_figure_of_the_examples_is_accounted_for(folder: Path, years):
    done = run_cli("validate", "--coverage", *years, "--lang", "en", cwd=folder)
    assert done.returncode == 0, done.stderr
    summaries = [line for line in done.stdout.splitlines() if line.startswith(tuple(f"{y}: " for y in years))
                 and "printed" in line]
    assert len(summaries) == len(years)
    assert all(": every figure accounted for: " in line for line in summaries), summaries
    assert "literal-figure" not in done.stdout
