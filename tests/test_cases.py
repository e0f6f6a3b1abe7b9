"""`libreport validate` specified by example: every folder under tests/cases is a year's sources.

tests/cases/invalid/<case>/ holds one kind of mistake; tests/cases/valid/<case>/ must validate cleanly.
`expected.txt` lists the diagnostics one per line:

    FILE:LINE[:COL]: CODE[: text the message must contain]

A case's `project/` folder, when it has one, holds what a project keeps beside its year folders (plan.yaml);
a diagnostic in one of its files is listed as `../plan.yaml:LINE: CODE`.

FILE is relative to the year folder. Every listed diagnostic must be reported, and nothing else with
severity error or warning (notes are checked only when listed; a valid case may report no note either).
A valid case may also hold `printed.txt`: paragraphs the built report must print, one a line, each exactly as
the document has it (`#` lines are comments).

Lines starting with `#` are comments, except two directives:

    # exit: 0        the exit code (default: 1 for invalid cases, 0 for valid ones)
    # options: --coverage   options validate is run with
    # unread: x.yaml        a file of the case no section reads (the mistake the case is about)
    # folder: 2020   the year folder's name (default: the `year:` in report.yaml)
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from .conftest import CASES, run_cli

PROJECT = "project"  # a case's files beside its year folder
LINE = re.compile(r"^(?P<file>[^:]+?)(?::(?P<line>\d+)(?::(?P<col>\d+))?)?: (?P<code>[a-z][a-z-]*)(?:: (?P<text>.+))?$")


@dataclass(frozen=True)
class Expected:
    file: str
    line: int | None
    col: int | None
    code: str
    text: str | None

    def matches(self, d: dict) -> bool:
        return (d["file"], d["code"]) == (self.file, self.code) and d["line"] == self.line \
            and (self.col is None or d["column"] == self.col) and (self.text is None or self.text in d["message"])

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}" + (f":{self.col}" if self.col else "")
        return f"{where}: {self.code}" + (f": {self.text}" if self.text else "")


def read_expected(case: Path) -> tuple[list[Expected], dict[str, str]]:
    path = case / "expected.txt"
    expected, directives = [], {}
    if not path.exists():
        return expected, directives
    for n, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("#"):
            m = re.match(r"#\s*(exit|folder|options|unread):\s*(\S.*?)\s*$", line)
            if m:
                directives[m.group(1)] = m.group(2)
            continue
        m = LINE.match(line)
        assert m, f"{path}:{n}: not FILE:LINE[:COL]: CODE[: text]: {raw!r}"
        expected.append(Expected(m["file"], int(m["line"]) if m["line"] else None,
                                 int(m["col"]) if m["col"] else None, m["code"], m["text"]))
    return expected, directives


def case_folders(kind: str) -> list[Path]:
    return sorted(p for p in (CASES / kind).iterdir() if p.is_dir())


def year_of(case: Path, directives: dict[str, str]) -> str:
    if "folder" in directives:
        return directives["folder"]
    m = re.search(rb"^year:\s*(\d{4})\s*$", (case / "report.yaml").read_bytes(), re.M)
    assert m, f"{case.name}: report.yaml has no plain `year:`; give `# folder: YEAR` in expected.txt"
    return m.group(1).decode()


def fingerprint(folder: Path) -> dict[str, str]:
    """Every file under `folder` (names and contents), to prove validate changed nothing."""
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def validate_case(case: Path, tmp_path: Path) -> tuple[object, list[dict], str, dict[str, str]]:
    expected_dirs = read_expected(case)[1]
    year = year_of(case, expected_dirs)
    folder = tmp_path / "years" / year
    shutil.copytree(case, folder, ignore=shutil.ignore_patterns("expected.txt", PROJECT))
    if (case / PROJECT).is_dir():
        shutil.copytree(case / PROJECT, folder.parent, dirs_exist_ok=True)
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    before = fingerprint(tmp_path)
    options = expected_dirs.get("options", "").split()
    result = run_cli("validate", "--format", "json", *options, cwd=tmp_path, timeout=60)
    assert "Traceback" not in result.stderr and "Traceback" not in result.stdout, result.stderr or result.stdout
    assert result.stderr == "", result.stderr
    assert fingerprint(tmp_path) == before, "validate must not change, add or remove any file"
    report = json.loads(result.stdout)
    [year_report] = report["years"]
    assert year_report["year"] == year
    prefix = f"years/{year}/"
    diags = []
    for d in year_report["diagnostics"]:
        assert d["file"] is None or d["file"].startswith("years/"), d
        file = d["file"]
        if file is not None:  # relative to the year folder
            file = file[len(prefix):] if file.startswith(prefix) else "../" + file[len("years/"):]
        diags.append({**d, "file": file})
    return result, diags, year, expected_dirs


def compare(expected: list[Expected], diags: list[dict]) -> list[str]:
    problems = []
    for e in expected:
        if not any(e.matches(d) for d in diags):
            problems.append(f"not reported: {e}")
    seen = set()
    for d in diags:
        shown = f"{d['file']}:{d['line']}:{d['column']}: {d['severity']} {d['code']}: {d['message']}"
        if d["severity"] in ("error", "warning") and not any(e.matches(d) for e in expected):
            problems.append(f"unexpected: {shown}")
        if shown in seen:
            problems.append(f"reported twice: {shown}")
        seen.add(shown)
    return problems


@pytest.mark.parametrize("case", case_folders("invalid"), ids=lambda p: p.name)
def test_invalid_case(case: Path, tmp_path: Path):
    expected, _ = read_expected(case)
    assert expected, f"{case.name}: an invalid case lists the diagnostics it expects in expected.txt"
    result, diags, _year, directives = validate_case(case, tmp_path)
    assert compare(expected, diags) == [], "\n".join(compare(expected, diags))
    want_exit = int(directives.get("exit", "1"))
    assert result.returncode == want_exit
    has_errors = any(d["severity"] == "error" for d in diags)
    assert has_errors == (want_exit == 1), "the exit code is 1 exactly when an error is reported"


@pytest.mark.parametrize("case", case_folders("valid"), ids=lambda p: p.name)
def test_valid_case(case: Path, tmp_path: Path):
    expected, directives = read_expected(case)
    result, diags, _year, _ = validate_case(case, tmp_path)
    assert compare(expected, diags) == [], "\n".join(compare(expected, diags))
    unlisted_notes = [d for d in diags if d["severity"] == "note" and not any(e.matches(d) for e in expected)]
    assert unlisted_notes == []
    assert result.returncode == int(directives.get("exit", "0"))
    if (case / "printed.txt").exists():
        assert printed_missing(case, tmp_path) == []


def printed_missing(case: Path, tmp_path: Path) -> list[str]:
    """The lines of the case's printed.txt that no paragraph of its built report prints as such."""
    from .docxdump import blocks

    wanted = [line for line in (case / "printed.txt").read_text(encoding="utf-8").splitlines()
              if line.strip() and not line.startswith("#")]
    done = run_cli("build", "--all", "--toc", "field", cwd=tmp_path, timeout=60)
    assert done.returncode == 0, done.stderr
    [docx] = (tmp_path / "out").rglob("*.docx")
    texts = {b.text for b in blocks(docx) if b.kind == "p"}
    return [line for line in wanted if line not in texts]


def test_every_validate_code_has_a_case():
    """Each diagnostic validate can give is specified by a case here or by a test in test_validate.py."""
    codes = {e.code for case in case_folders("invalid") for e in read_expected(case)[0]}
    elsewhere = {"file-too-large", "unreadable", "implausible-change",  # tests in test_validate.py
                 "other-library"}  # test_init.py: two libraries' years in one sources folder
    # tests in test_structure.py and test_table.py
    elsewhere |= {"report-contents", "numbering-form", "signature-date", "markdown", "picture", "table-sheet"}
    assert codes | elsewhere >= {
        "yaml-syntax", "yaml-alias", "duplicate-key", "unknown-key", "missing-key", "type", "empty", "negative",
        "encoding", "file-too-large", "unreadable", "missing-file", "unknown-section", "section-file", "bad-date",
        "impossible-date", "reversed-range", "date-outside-year", "duplicate-coverage", "duplicate-event",
        "sum-mismatch", "subset-exceeds", "unknown-reference", "activity-mismatch", "share-sum", "unknown-data",
        "summary-syntax", "summary-expression", "heading-number", "year-mismatch", "implausible-change", "to-fill",
        "report-contents", "numbering-form", "signature-date", "markdown", "picture", "table-column", "table-row",
        "table-cell", "table-sheet", "stale-accept", "ratio-mismatch", "unit-mismatch", "other-library",
        "table-chart", "shown-mismatch", "change-mismatch",
        # hostile and broken input (test_hostile.py has what a year folder cannot hold: links, huge files)
        "yaml-depth", "path-outside", "empty-file", "not-a-file", "too-many-digits", "bad-character",
        "duplicate-activity", "duplicate-award", "duplicate-id", "duplicate-item", "duplicate-group",
        # the project's plan and the tasks entries name (test_plan.py: plans libreport.yaml names)
        "unknown-task", "no-plan", "plan-behind", "plan-statistics", "plan-unit", "plan-year", "plan-file",
        "duplicate-task",
    }


def test_case_folders_are_complete_years():
    """A case is a year folder a person could have written: report.yaml and every file its sections name."""
    import yaml

    for case in case_folders("invalid") + case_folders("valid"):
        assert (case / "report.yaml").is_file(), case.name
        extra = {p.name for p in case.iterdir()} - {"report.yaml", "expected.txt", "printed.txt", PROJECT}
        extra -= set(read_expected(case)[1].get("unread", "").split())
        try:
            report = yaml.safe_load((case / "report.yaml").read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue
        if not isinstance(report, dict):
            continue
        named = set()
        sections = [s for part in report.get("parts") or [] for s in part.get("sections") or []]
        sections += report.get("sections") or []
        named |= set(report.get("data") or [])  # tables read for the text to quote, not printed
        for section in sections:
            suffix = "md" if section["kind"] == "summary" else "yaml"
            named.add(section.get("file") or f"{section['kind']}.{suffix}")
            if section["kind"] == "table":  # and the sheet a table reads its rows from
                table = yaml.load((case / section["file"]).read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
                named.add(table.get("from")) if isinstance(table, dict) else None
        if not any(s["kind"] == "statistics" for s in sections):
            named.add("statistics.yaml")  # with no statistics section, read for its figures only
        assert extra <= named, f"{case.name}: files no section reads: {sorted(extra - named)}"
