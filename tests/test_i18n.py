"""Messages in Chinese or English: chosen by --lang, else by the locale; codes and places never change."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

from libreport.i18n import _EN, _ZH
from libreport.messages import CATALOGUE

from .conftest import ROOT, run_cli

ZH_LOCALE = {"LIBREPORT_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "zh_CN.UTF-8"}
EN_LOCALE = {"LIBREPORT_LANG": "", "LC_ALL": "", "LC_MESSAGES": "", "LANG": "en_US.UTF-8"}


def test_help_follows_the_locale():
    zh = run_cli("--help", env=ZH_LOCALE)
    assert zh.returncode == 0
    assert "将公共图书馆年报的 YAML 与 Markdown 源文件编译为 Word 文档" in zh.stdout
    assert "根据源文件生成某一年的 Word 年报" in zh.stdout  # the build command's line

    en = run_cli("--help", env=EN_LOCALE)
    assert "Compile a public library's annual report" in en.stdout
    assert "将公共图书馆" not in en.stdout


def test_lang_option_beats_the_locale():
    assert "将公共图书馆" in run_cli("--lang", "zh", "--help", env=EN_LOCALE).stdout
    build_help = run_cli("build", "--help", "--lang", "en", env=ZH_LOCALE).stdout
    assert "Build the Word report of a year" in build_help


INVALID = {
    "coverage.yaml": "- date: 2021-02-30\n  outlet: 广州日报\n  section: 客户端\n  title: 一\n"
                     "- date: 2020-05-01\n  outlet: 广州日报\n  section: 客户端\n  title: 二\n"
                     "- date: 2021-05-01\n  outlt: 广州日报\n  section: 客户端\n  title: 三\n",
    "awards.yaml": "- by: 某中心\n  date: 2021-04\n",
    "chronicle.yaml": "- date: 春节前后\n  text: 一\n- date: 3月1日\n  text: 二\n  text: 三\n",
}


def break_2021(project: Path) -> None:
    folder = project / "years/2021"
    for name, text in INVALID.items():
        (folder / name).write_text(text, encoding="utf-8")
    stats = folder / "statistics.yaml"
    text = stats.read_text(encoding="utf-8")
    text = text.replace("{name: 有效借书证数, unit: 个, value: 188543}", "{name: 有效借书证数, unit: 个, value: 很多}")
    text = text.replace("{name: 视听文献, unit: 件、套, value: 39539}", "{name: 视听文献, unit: 件、套, value: 39000}")
    text = text.replace("{name: 书架单层总长度, unit: 米, value: 8012}", "{name: 书架单层总长度, unit: 米, value: }")
    stats.write_text(text, encoding="utf-8")
    (folder / "summary.md").write_text("# 一、总述\n\n共 {{ stats['不存在的项目'] }} 册。\n", encoding="utf-8")


def diagnostics(project: Path, lang: str) -> list[dict]:
    done = run_cli("validate", "2021", "--format", "json", "--lang", lang, cwd=project)
    assert done.returncode == 1
    return json.loads(done.stdout)["years"][0]["diagnostics"]


def test_the_same_mistakes_in_both_languages(project: Path):
    break_2021(project)
    en, zh = diagnostics(project, "en"), diagnostics(project, "zh")
    def where(ds):
        return [(d["code"], d["severity"], d["file"], d["line"], d["column"], d["path"]) for d in ds]
    assert where(en) == where(zh)
    codes = {d["code"] for d in en}
    assert {"impossible-date", "date-outside-year", "unknown-key", "missing-key", "bad-date", "duplicate-key",
            "type", "sum-mismatch", "to-fill", "heading-number", "unknown-data"} <= codes
    for e, z in zip(en, zh):
        assert e["message"] != z["message"], f"{e['code']} is not translated: {z['message']}"
    by_code = {d["code"]: d["message"] for d in zh}
    assert by_code["impossible-date"] == "日期 '2021-02-30' 不存在"
    assert by_code["to-fill"] == "书架单层总长度 尚未填写"
    assert by_code["type"] == "items[7].value 应为数字，而不是 '很多'"


def test_usage_errors_in_chinese(project: Path):
    done = run_cli("new", "2021", "--lang", "zh", cwd=project)
    assert done.returncode == 2
    assert "years/2021 已存在；libreport new 不会覆盖已有年份" in done.stderr


def emitted() -> list[tuple[str, int, str, set[str]]]:
    """Every diagnostic the code base can emit: (file, line, message key, argument names given)."""
    found = []
    for path in sorted((ROOT / "src/libreport").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in ("error", "warning", "note", "add") and node.args
                    and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                continue
            if node.func.attr == "add" or "diags" not in ast.unparse(node.func):
                continue
            args = {k.arg for k in node.keywords if k.arg} - {"variant"}
            # `variant="x"` picks the message `code.x`; `variant="x" if … else None` may pick either
            given = next((k.value for k in node.keywords if k.arg == "variant"), None)
            variants = [None] if given is None else [c.value for c in ast.walk(given) if isinstance(c, ast.Constant)]
            if given is not None and not variants:
                variants = ["*"]  # chosen at run time: every variant of the code counts as used
            for variant in variants:
                key = f"{node.args[0].value}.{variant}" if variant else node.args[0].value
                found.append((path.name, node.lineno, key, args))
    return found


def test_every_diagnostic_has_a_message_in_both_languages_that_it_can_fill():
    calls = emitted()
    assert len(calls) > 40  # the scan does find the call sites
    for file, line, key, args in calls:
        if key.endswith(".*"):
            continue
        assert key in CATALOGUE, f"{file}:{line}: no message for {key!r}"
        for text in CATALOGUE[key]:
            needed = {name for _, name, _, _ in string.Formatter().parse(text) if name}
            assert needed <= args, f"{file}:{line}: {key!r} gives {sorted(args)}, its message needs {sorted(needed)}"


def test_every_message_in_the_catalogue_is_used():
    used = {key for _, _, key, _ in emitted()}
    dynamic = {key[:-2] for key in used if key.endswith(".*")}
    assert {key for key in CATALOGUE if key not in used and key.split(".")[0] not in dynamic} == set()


def test_every_cli_text_exists_in_both_languages():
    assert set(_EN) == set(_ZH)
    for key in _EN:
        en = {n for _, n, _, _ in string.Formatter().parse(_EN[key]) if n}
        zh = {n for _, n, _, _ in string.Formatter().parse(_ZH[key]) if n}
        assert en == zh, f"{key}: the two languages take different values"
