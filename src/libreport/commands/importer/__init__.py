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
from pathlib import Path

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



def import_rows(project, kind: str, year: str, file: Path, mapping: list[str], sheet: str | None,
                dry_run: bool, skip_bad: bool | None = None) -> int:
    """Import the rows of `file` into the year's coverage or chronicle file. Returns the exit code.

    `skip_bad`: None when the caller offers no --skip-bad option; False/True when it does.
    """
    from libreport.sources.report import load_report
    from libreport.write import LockedError, write_atomic

    if kind not in KINDS:
        raise ImportError_(_m("bad_kind", kind=kind))
    if not str(year).isdigit():
        raise ImportError_(_m("bad_year", year=year))
    file = Path(file)
    folder = project.year_folder(year)
    diags = Diagnostics()
    report = load_report(folder, diags)
    if report is None:
        problem = _errors(diags)[0].message if _errors(diags) else "?"
        raise ImportError_(_m("report_unreadable", year=year, problem=problem))
    section_kind = SECTION_KIND[kind]
    section = next(iter(report.sections(section_kind)), None)
    if section is None:
        title = {"coverage": "媒体报道", "chronicle": "大事记"}[section_kind]
        raise ImportError_(_m("no_section", year=year, kind=section_kind, title=title))
    the_year = report.year

    explicit = parse_mapping(kind, mapping)
    tables = read_tables(file, sheet)
    chosen = None
    for table in tables:  # the first sheet that has the header row
        header = find_header(table, kind, explicit, mapping)
        if header is not None:
            chosen = (table, header)
            break
    if chosen is None:
        raise _no_header(tables[0] if tables else Table(str(file), []), kind, explicit)
    table, header = chosen

    # the file as it is
    target = _decode_target(section.file)
    shown = shown_path(section.file)
    if target is None:
        _err(_m("target_bad", path=shown, problem="the file is neither UTF-8 nor GBK/GB18030", year=year))
        return 1
    old, old_diags = _load(section, section.file, the_year)
    fatal = [d for d in old_diags.items if d.code in _FATAL and d.severity is Severity.ERROR]
    if fatal:
        _err(_m("target_bad", path=shown, problem=fatal[0].message, year=year))
        return 1
    old_keys = _keys_of(kind, old)

    outcome = read_rows(kind, table, header, the_year, set(old_keys))
    for rownum, reason in outcome.rejected:
        _err(t("import_rejected", file=table.label, row=rownum, reason=reason))

    stop = bool(outcome.rejected) and not skip_bad
    new_bytes, added_text = b"", ""
    if outcome.entries:
        comment = f"# {section.title} — {the_year}"
        try:
            new_bytes, added_text = build_new(target, outcome.entries, comment)
        except _TargetProblem as exc:
            _err(_m("target_bad", path=shown, problem=str(exc), year=year))
            return 1
        problem = verify(section, kind, the_year, new_bytes, len(old), len(_errors(old_diags)), outcome.keys)
        if problem is not None:
            _err(_m("verify_failed", path=shown, problem=problem))
            return 1

    if dry_run and outcome.entries:
        print(_m("would_append", path=shown + ("" if target.data else " " + _m("created"))))
        sys.stdout.write(added_text)
    print(t("import_done", kind=kind, added=len(outcome.entries), duplicates=outcome.duplicates,
            outside=outcome.outside, year=the_year, rejected=len(outcome.rejected)))
    if kind == "coverage" and outcome.entries and old and not stop:
        last = max(r.date for r in old)
        if any(e["date"] < last for e in outcome.entries):
            print(_m("order_note", path=shown))
    if outcome.rejected:
        n = len(outcome.rejected)
        if dry_run and stop:
            _err(_m("rejected_dry", n=n))
        elif stop:
            _err(_m("rejected_stop_skip" if skip_bad is False else "rejected_stop", n=n))
        else:
            print(_m("skipped_bad", n=n))
    if dry_run:
        print(t("import_dry"))
        return 1 if stop else 0
    if stop:
        return 1
    if not outcome.entries:
        print(_m("nothing_new", path=shown))
        return 0
    if (section.file.read_bytes() if section.file.is_file() else b"") != target.data:
        _err(_m("changed", path=shown))
        return 1
    try:
        write_atomic(section.file, new_bytes)
    except LockedError as exc:
        _err(_m("locked", path=shown, lock=exc.lock.name))
        return 1
    print(t("import_written", added=len(outcome.entries), path=shown))
    return 0
