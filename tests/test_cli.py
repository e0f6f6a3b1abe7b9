"""The command line as a user meets it: its version, its words in either language, its arguments."""

from __future__ import annotations

import re

import pytest

from libreport import __version__

from .conftest import run_cli, run_process

COMMANDS = ("validate", "build", "show", "new", "import", "init")
ENGLISH_WORDS = ("Usage:", "Options:", "Arguments:", "Commands:", "[required]", "[default:", "Show this message",
                 "Error:", "Try '")


def test_version():
    done = run_cli("--version")
    assert (done.returncode, done.stdout) == (0, f"libreport {__version__}\n")


def test_the_console_script_starts_and_answers():
    """One real process: the installed entry point, with its own interpreter start."""
    done = run_process("--version")
    assert (done.returncode, done.stdout.strip()) == (0, f"libreport {__version__}")


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_in_chinese_has_no_english_left(command):
    args = [command, "--help"] if command else ["--help"]
    text = run_cli("--lang", "zh", *args).stdout
    assert text.startswith("用法：libreport")
    assert "选项" in text
    for word in ENGLISH_WORDS:
        assert word not in text, f"{word!r} in: {text}"


def test_usage_errors_in_chinese_have_no_english_left():
    for args in (["build", "--nope"], ["validate", "--format", "xml"], ["show"], ["import", "x", "2021", "a.xlsx"]):
        done = run_cli("--lang", "zh", *args)
        assert done.returncode == 2, args
        assert "错误：" in done.stderr
        for word in ENGLISH_WORDS:
            assert word not in done.stderr, (args, done.stderr)


@pytest.mark.parametrize("command", COMMANDS)
def test_placeholders_are_written_one_way(command):
    """Arguments and option values are shown as YEAR, FILE, DIR, …: upper case, no braces, no <type>."""
    text = run_cli(command, "--help").stdout
    usage = text.splitlines()[0]
    assert not re.search(r"[{}<>]", text), text
    assert re.fullmatch(r"Usage: libreport \w+ \[OPTIONS\]( [A-Z|a-z\[\].]+)*", usage), usage


@pytest.mark.parametrize("year", ["../2021", "abc", "20211", "２０２１", "21"])
@pytest.mark.parametrize("command", ["validate", "build", "show", "new"])
def test_a_year_argument_must_be_a_year(command, year, project):
    done = run_cli(command, year, cwd=project)
    assert done.returncode == 2
    assert f"{year!r} is not a year" in done.stderr


def test_import_accepts_chronicle_as_the_kind(project, tmp_path):
    sheet = tmp_path / "大事记.csv"
    sheet.write_text("日期,内容\n3月5日,学雷锋志愿服务活动。\n", encoding="utf-8")
    done = run_cli("import", "chronicle", "2021", str(sheet), "--dry-run", cwd=project)
    assert done.returncode == 0, done.stderr
    assert "学雷锋志愿服务活动" in done.stdout


def test_validate_words_severities_in_the_run_language(project):
    (project / "years/2021/awards.yaml").write_text("- by: 某中心\n  date: 2021-04\n", encoding="utf-8")
    zh = run_cli("--lang", "zh", "validate", "2021", cwd=project).stdout
    assert ": 错误 missing-key:" in zh and ": 警告 activity-mismatch:" in zh
    en = run_cli("--lang", "en", "validate", "2021", cwd=project).stdout
    assert ": error missing-key:" in en
