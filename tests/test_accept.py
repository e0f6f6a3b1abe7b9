"""`accept:` acknowledges a diagnostic where it is reported: by position, the innermost entry first."""

from __future__ import annotations

import json
from pathlib import Path

from .conftest import run_cli

REPORT = "library: 松原县图书馆\nyear: 2022\nsections:\n  - {kind: statistics, title: 主要业务数据}\n"


def validate(tmp_path: Path, statistics: str, *args: str) -> tuple[int, list[dict]]:
    folder = tmp_path / "2022"
    folder.mkdir(exist_ok=True)
    (tmp_path / "libreport.yaml").write_text("sources: .\n", encoding="utf-8")
    (folder / "report.yaml").write_text(REPORT, encoding="utf-8")
    (folder / "statistics.yaml").write_text(statistics, encoding="utf-8")
    done = run_cli("validate", "--format", "json", *args, cwd=tmp_path)
    return done.returncode, json.loads(done.stdout)["years"][0]["diagnostics"]


NESTED = """\
items:
  - name: 外借册次
    unit: 册次
    value: 300000
    accept: {subset-exceeds: 外层的理由}
    of_which:
      - name: 少儿外借
        unit: 册次
        value: 410000
        accept: {subset-exceeds: 内层的理由}
"""


def test_the_innermost_entry_that_accepts_the_code_answers(tmp_path: Path):
    code, diags = validate(tmp_path, NESTED, "--strict")
    [exceeds] = [d for d in diags if d["code"] == "subset-exceeds"]
    assert (exceeds["severity"], exceeds["line"], exceeds["accepted"]) == ("note", 9, "内层的理由")
    assert "内层的理由" in exceeds["message"]
    [stale] = [d for d in diags if d["code"] == "stale-accept"]  # the outer one acknowledges nothing now
    assert (stale["line"], stale["column"]) == (5, 14)
    assert code == 1  # under --strict the stale warning fails


def test_an_accepted_error_fails_nothing_and_is_still_listed(tmp_path: Path):
    text = NESTED.replace("        accept: {subset-exceeds: 内层的理由}\n", "")
    for strict in ((), ("--strict",)):
        code, diags = validate(tmp_path, text, *strict)
        assert code == 0
        assert [(d["code"], d["severity"], d["accepted"]) for d in diags] == [
            ("subset-exceeds", "note", "外层的理由")]


def test_an_accept_elsewhere_in_the_file_does_not_reach_another_entry(tmp_path: Path):
    text = NESTED.replace("    accept: {subset-exceeds: 外层的理由}\n", "").replace(
        "        accept: {subset-exceeds: 内层的理由}\n", "") + "  - {name: 其他, unit: 册, value: 1, accept: " \
                                                         "{subset-exceeds: 别处的理由}}\n"
    code, diags = validate(tmp_path, text)
    assert code == 1
    assert {(d["code"], d["severity"]) for d in diags} == {("subset-exceeds", "error"), ("stale-accept", "warning")}


def test_accept_must_map_codes_to_reasons(tmp_path: Path):
    code, diags = validate(tmp_path, "items:\n  - {name: 其他, unit: 册, value: 1, accept: sum-mismatch}\n")
    assert code == 1
    assert [(d["code"], d["path"]) for d in diags] == [("type", "items[1].accept")]
