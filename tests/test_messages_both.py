"""What a user meets reads right in both languages: in Chinese every word is Chinese, with Chinese punctuation
and no space between Chinese words; in English the same situation says the same thing."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from libreport.i18n import _ZH
from libreport.messages import CATALOGUE

from .conftest import EXAMPLES, run_cli

HAN = "\u4e00-\u9fff"
# A space between two Chinese words, or ASCII punctuation against a Chinese word, reads as a slip in Chinese.
SLIP = re.compile(rf"[{HAN}，。；：、（）“”] +[{HAN}，。；：、（）“”]|[{HAN}][,;:!?()]|[,;!?()][{HAN}]|[{HAN}]\.(\s|$)")
# An example of YAML in a message (`of: [部分, 整体]`, `title: "甲: 乙"`) is YAML, not a sentence.
YAML_EXAMPLE = re.compile(r"\b[a-z_]+:(?: ?(?:\[[^\]]*\]|\"[^\"]*\"|\{\{[^}]*\}\}|[^，。；）、\s]*))?")


def slips(text: str) -> list[str]:
    return [m.group(0) for m in SLIP.finditer(YAML_EXAMPLE.sub("§", text))]


def chinese(text: str) -> str:
    """The text with its paths, commands and quoted values taken out: what is left must be Chinese."""
    text = re.sub(r"/\S+", "", text)  # paths
    text = re.sub(r"“[^”]*”|'[^']*'|\{\{.*?\}\}|libreport\.yaml|statistics\.yaml|report\.yaml|libreport|YAML|Tab",
                  "", text)
    return text


def no_english(text: str) -> bool:
    return not re.search(r"[A-Za-z]{3,}", chinese(text))


def test_the_chinese_catalogues_have_no_slip_of_punctuation_or_spacing():
    found = {key: slips(zh) for key, (_en, zh) in CATALOGUE.items()} | {key: slips(zh) for key, zh in _ZH.items()}
    assert {key: s for key, s in found.items() if s} == {}


# -- each situation, in both languages ---------------------------------------------------------------------

def both(*args: str, cwd: Path) -> tuple[str, str]:
    zh = run_cli(*args, "--lang", "zh", cwd=cwd)
    en = run_cli(*args, "--lang", "en", cwd=cwd)
    return zh.stdout + zh.stderr, en.stdout + en.stderr


def test_a_year_that_does_not_exist_suggests_libreport_new():
    zh, en = both("build", "2030", cwd=EXAMPLES.parent)
    assert zh.strip() == f"libreport：{EXAMPLES} 下没有 2030 年（已有年份：2019、2021）；" \
                         "可用“libreport new 2030”以最近一年为基础新建"
    assert en.strip() == f"libreport: there is no year 2030 under {EXAMPLES} (years found: 2019, 2021); " \
                         "start it from the last one with libreport new 2030"


@pytest.mark.parametrize("command", [("validate",), ("build", "2021"), ("show", "2021")])
def test_a_folder_that_is_no_project_says_libreport_yaml_is_missing_and_how_to_start(tmp_path, command):
    zh, en = both(*command, cwd=tmp_path)
    assert f"{tmp_path} 不是 libreport 项目：此文件夹及其上级文件夹中都没有 libreport.yaml" in zh
    for way in ("“libreport init 文件夹 --library 馆名 --year 年份”新建项目", "“cd”进入项目文件夹",
                "“--source 文件夹”"):
        assert way in zh
    assert no_english(zh) and not slips(zh), zh
    assert f"{tmp_path} is not a libreport project: there is no libreport.yaml here or in a folder above" in en
    for way in ("libreport init DIR --library NAME --year YEAR", "cd into a project's folder", "--source DIR"):
        assert way in en


def test_a_project_with_no_year_yet_suggests_libreport_new(tmp_path):
    (tmp_path / "libreport.yaml").write_text("sources: years\n", encoding="utf-8")
    (tmp_path / "years").mkdir()
    zh, en = both("validate", cwd=tmp_path)
    assert "下没有年份文件夹（如 2024，其中有 report.yaml）；可用“libreport new 年份”新建一年" in zh
    assert "there are no year folders (a folder such as 2024 holding a report.yaml) under" in en
    assert "start a year with libreport new YEAR" in en


def year(tmp_path: Path, files: dict[str, str]) -> Path:
    folder = tmp_path / "2021"
    folder.mkdir()
    (folder / "report.yaml").write_text("library: 临江市图书馆\nyear: 2021\nparts:\n  - title: 年度概况\n"
                                        "    sections:\n      - {kind: statistics, title: 综合统计}\n"
                                        "      - {kind: summary, title: 工作总结}\n", encoding="utf-8")
    (folder / "statistics.yaml").write_text("items:\n  - {name: 馆藏总量, unit: 万册, value: 130.29}\n",
                                            encoding="utf-8")
    (folder / "summary.md").write_text("# 总述\n\n馆藏{{ stats['馆藏总量'] | unit }}。\n", encoding="utf-8")
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return tmp_path


def messages_of(output: str, code: str) -> list[str]:
    return [line.split(f" {code}: ", 1)[1] for line in output.splitlines() if f" {code}: " in line]


YAML_MISTAKES = [
    ("items:\n\t- {name: 馆藏总量, unit: 万册, value: 130.29}\n",
     "缩进中有制表符（Tab）：YAML 只能用空格缩进，请把制表符换成空格",
     "a tab in the indentation: YAML indents with spaces only; replace the tab with spaces"),
    ("items:\n  - name: 馆藏总量\n    unit: 万册\n   value: 130.29\n",
     "此行的缩进与上文不一致：同一层的键要从同一列开始，同一列表的各项都以“- ”从同一列开始",
     "this line is indented differently from the lines above it"),
    ("items:\n  - name: 馆藏总量: 纸本\n    unit: 万册\n    value: 130.29\n",
     "此行多了一个“: ”：值中含有冒号时请给整个值加引号（title: \"甲: 乙\"），或把键另起一行缩进",
     "a second \": \" on this line: put a value that holds a colon in quotes"),
    ("items:\n  - {name: \"馆藏总量, unit: 万册, value: 130.29}\n",
     "此处开始的引号中的文字没有闭合，YAML 读到第 3 行无法继续",
     "the quoted text that starts here is never closed; YAML gives up at line 3"),
]


@pytest.mark.parametrize(("text", "zh_message", "en_message"), YAML_MISTAKES)
def test_yaml_syntax_errors_are_said_in_the_users_words(tmp_path, text, zh_message, en_message):
    zh, en = both("validate", "2021", "--source", str(year(tmp_path, {"statistics.yaml": text})), cwd=tmp_path)
    assert messages_of(zh, "yaml-syntax") == [zh_message]
    assert messages_of(en, "yaml-syntax")[0].startswith(en_message)


def test_quoting_a_value_not_filled_in_or_not_there_through_a_filter(tmp_path):
    summary = ("# 总述\n\n馆藏{{ stats['馆藏总量'] | unit }}，到馆{{ stats['到馆人次'] | unit }}，"
               "{{ 5 | unit }}。\n")
    folder = year(tmp_path, {"statistics.yaml": "items:\n  - {name: 馆藏总量, unit: 万册, value: }\n",
                             "summary.md": summary})
    zh, en = both("validate", "2021", "--source", str(folder), cwd=tmp_path)
    # a value not filled in yet is no error: the draft prints （待填写） in its place, and validate lists it as to fill
    assert messages_of(zh, "summary-expression") == ["{{ 5 | unit }} 无法计算：5 只是一个数字，没有单位可印"]
    assert messages_of(zh, "to-fill") == ["馆藏总量 尚未填写"]
    assert messages_of(zh, "unknown-data") == ["{{ stats['到馆人次'] | unit }} 引用了不存在的数据：没有“到馆人次”"]
    assert messages_of(en, "summary-expression") == [
        "{{ 5 | unit }} cannot be computed: 5 is a bare number: it has no unit to print"]
    assert messages_of(en, "unknown-data") == [
        "{{ stats['到馆人次'] | unit }} names data that does not exist: no '到馆人次'"]
    assert "Undefined" not in zh + en


def test_a_close_name_is_suggested_in_both_languages(tmp_path):
    folder = year(tmp_path, {"summary.md": "# 总述\n\n馆藏{{ stats['馆藏总数'] | unit }}。\n"})
    zh, en = both("validate", "2021", "--source", str(folder), cwd=tmp_path)
    assert messages_of(zh, "unknown-data") == [
        "{{ stats['馆藏总数'] | unit }} 引用了不存在的数据：没有“馆藏总数”，是否应为“馆藏总量”？"]
    assert messages_of(en, "unknown-data") == [
        "{{ stats['馆藏总数'] | unit }} names data that does not exist: no '馆藏总数'; did you mean '馆藏总量'?"]


def test_a_mistyped_command_is_said_and_corrected_in_both_languages(tmp_path):
    zh, en = both("buld", cwd=tmp_path)
    assert zh.splitlines() == ["用法：libreport [选项] 命令 [参数]...", "运行“libreport -h”查看帮助。", "",
                               "错误：没有命令“buld”，是否应为“build”？"]
    assert en.splitlines()[-1] == "Error: No such command 'buld'. Did you mean 'build'?"


@pytest.mark.parametrize("command", [(), ("build",), ("import",)])
def test_help_headings_end_with_the_languages_colon(tmp_path, command):
    zh, en = both(*command, "--help", cwd=tmp_path)
    headings = [line for line in zh.splitlines() if line and not line.startswith(" ")]
    assert headings[0].startswith("用法：libreport")
    assert set(headings[1:]) <= {"选项：", "参数：", "命令："} and "选项：" in headings
    assert "[OPTIONS]" not in zh and ":\n" not in zh
    assert "Options:" in en and "Usage: libreport" in en
