"""`libreport import`: append rows of a spreadsheet (.xlsx or .csv) to a year's
coverage.yaml (媒体报道) or chronicle.yaml (大事记).

Offices keep these lists in Excel. The sheet is read as staff write it: a title
row or two above the header, headers under their usual names, dates as Excel
date cells, serial numbers or text (`2021. 1. 8`, `2021年1月8日`, `4-6月`).
Rows already in the file, or outside the year, are skipped and counted; rows that
cannot be read are reported with their sheet row number.

Nothing is half-written. The new entries are appended as text at the end of the
file, so that comments and layout of what is there stay byte for byte; the new
file is read back through the schema loader before it replaces the old one,
atomically. When any row is rejected nothing is written (unless `skip_bad`).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from libreport.diagnostics import Diagnostics, Severity, shown_path
from libreport.i18n import t

from .cells import _Bad, clean_text, coverage_date, event_date
from .messages import ImportError_, _err, _m
from .rows import _keys_of, read_rows
from .sheet import FIELDS, Table, _no_header, find_header, parse_mapping, read_tables
from .target import _FATAL, Target, _decode_target, _errors, _load, _TargetProblem, build_new, verify

# what the CLI and the tests reach for by the package's name; _Bad is how a test sees a rejected cell
__all__ = ["FIELDS", "KINDS", "ImportError_", "Target", "_Bad", "build_new", "clean_text", "coverage_date",
           "event_date", "import_rows", "parse_mapping"]

KINDS = ("coverage", "events")
SECTION_KIND = {"coverage": "coverage", "events": "chronicle"}



class _Stop(Exception):
    """The import cannot go on; what was wrong is already printed. Carries the exit code."""

    def __init__(self, code: int = 1):
        super().__init__(code)
        self.code = code


@dataclass
class _Plan:
    """What an import would do: the rows read, and the file as it would be written."""

    outcome: Any  # rows.Outcome
    target: Target
    shown: str
    old: list  # the entries already in the file
    new_bytes: bytes = b""
    added_text: str = ""


def import_rows(project, kind: str, year: str, file: Path, mapping: list[str], sheet: str | None,
                dry_run: bool, skip_bad: bool | None = None) -> int:
    """Import the rows of `file` into the year's coverage or chronicle file. Returns the exit code.

    `skip_bad`: None when the caller offers no --skip-bad option; False/True when it does.
    """
    said = kind  # printed back as the user wrote it: `chronicle` names the same rows as `events`
    kind = "events" if kind == "chronicle" else kind
    if kind not in KINDS:
        raise ImportError_(_m("bad_kind", kind=kind))
    if not str(year).isdigit():
        raise ImportError_(_m("bad_year", year=year))
    try:
        section, the_year = _section(project, kind, year)
        table, header = _sheet(Path(file), sheet, kind, mapping)
        plan = _plan(section, kind, year, the_year, table, header)
    except _Stop as stop:
        return stop.code
    outcome = plan.outcome
    for rownum, reason in outcome.rejected:
        _err(t("import_rejected", file=table.label, row=rownum, reason=reason))
    blocked = bool(outcome.rejected) and not skip_bad  # rejected rows, and no --skip-bad: nothing is written
    _summary(kind, said, the_year, plan, blocked)
    if dry_run:
        return _dry_run(plan, blocked)
    if outcome.rejected:
        n = len(outcome.rejected)
        if blocked:
            _err(_m("rejected_stop_skip" if skip_bad is False else "rejected_stop", n=n))
            return 1
        print(_m("skipped_bad", n=n))
    return _write(section, plan)


def _section(project, kind: str, year: str):
    """The year's section the rows go to, and the year as its report.yaml says it."""
    from libreport.sources.report import load_report

    diags = Diagnostics()
    folder = project.year_folder(year)
    report = load_report(folder, diags) if project.check_year_folder(folder, diags) else None
    if report is None or _errors(diags):  # the year's own sources are wrong: said at their lines, like validate
        _print_errors(diags)
        raise _Stop()
    section_kind = SECTION_KIND[kind]
    section = next(iter(report.sections(section_kind)), None)
    if section is None:
        title = {"coverage": "媒体报道", "chronicle": "大事记"}[section_kind]
        raise ImportError_(_m("no_section", year=year, kind=section_kind, title=title))
    return section, report.year


def _print_errors(diags: Diagnostics) -> None:
    for d in diags.sorted():
        if d.severity is Severity.ERROR:
            _err(d.format(Path.cwd()))


def _sheet(file: Path, sheet: str | None, kind: str, mapping: list[str]):
    """The first table of the file that has the header row, and its header."""
    explicit = parse_mapping(kind, mapping)
    tables = read_tables(file, sheet)
    for table in tables:
        header = find_header(table, kind, explicit, mapping)
        if header is not None:
            return table, header
    raise _no_header(tables[0] if tables else Table(str(file), []), kind, explicit)


def _plan(section, kind: str, year: str, the_year: int, table, header) -> _Plan:
    """Read the rows against the file as it is, and make the file as it would be written."""
    shown = shown_path(section.file)
    old, old_diags = _load(section, section.file, the_year)  # read within the limits before anything else
    fatal = [d for d in old_diags.items if d.code in _FATAL and d.severity is Severity.ERROR]
    if fatal:
        _print_errors(old_diags)
        raise _Stop()
    target = _decode_target(section.file)
    if target is None:
        _err(_m("target_bad", path=shown, problem="the file is neither UTF-8 nor GBK/GB18030", year=year))
        raise _Stop()
    outcome = read_rows(kind, table, header, the_year, set(_keys_of(kind, old)))
    plan = _Plan(outcome, target, shown, old)
    if outcome.entries:
        try:
            plan.new_bytes, plan.added_text = build_new(target, outcome.entries, f"# {section.label} — {the_year}")
        except _TargetProblem as exc:
            _err(_m("target_bad", path=shown, problem=str(exc), year=year))
            raise _Stop() from None
        problem = verify(section, kind, the_year, plan.new_bytes, len(old), len(_errors(old_diags)), outcome.keys)
        if problem is not None:
            _err(_m("verify_failed", path=shown, problem=problem))
            raise _Stop()
    return plan


def _summary(kind: str, said: str, the_year: int, plan: _Plan, blocked: bool) -> None:
    outcome = plan.outcome
    print(t("import_done", kind=said, added=len(outcome.entries), duplicates=outcome.duplicates,
            outside=outcome.outside, year=the_year, rejected=len(outcome.rejected)))
    old = plan.old
    if kind == "coverage" and outcome.entries and old and not blocked:
        last = max(r.date for r in old)
        if any(e["date"] < last for e in outcome.entries):
            print(_m("order_note", path=plan.shown))


def _dry_run(plan: _Plan, blocked: bool) -> int:
    """Show what would be appended, worded by whether a real run would write it."""
    outcome = plan.outcome
    if outcome.entries:
        created = "" if plan.target.data else " " + _m("created")
        key = "would_append_once_fixed" if blocked else "would_append"
        print(_m(key, path=plan.shown + created))
        sys.stdout.write(plan.added_text)
    if blocked:
        _err(_m("rejected_dry", n=len(outcome.rejected)))
        return 1
    print(t("import_dry"))
    return 0


def _write(section, plan: _Plan) -> int:
    from libreport.write import LockedError, write_atomic

    if not plan.outcome.entries:
        print(_m("nothing_new", path=plan.shown))
        return 0
    if (section.file.read_bytes() if section.file.is_file() else b"") != plan.target.data:
        _err(_m("changed", path=plan.shown))
        return 1
    try:
        write_atomic(section.file, plan.new_bytes)
    except LockedError as exc:
        _err(_m("locked", path=plan.shown, lock=exc.lock.name))
        return 1
    print(t("import_written", added=len(plan.outcome.entries), path=plan.shown))
    return 0
