"""Reporting diagnostics once, at the end: plain lines, a Rich summary on a terminal, or JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from libreport.diagnostics import Diagnostic, Severity
from libreport.i18n import t


def report_text(results, base: Path, strict: bool, stream=None) -> None:
    stream = stream or sys.stdout
    for result in results:
        for d in result.diags.sorted():
            stream.write(_as_strict(d, strict).format(base) + "\n")
    for result in results:
        if result.coverage is not None:
            from libreport.prose.coverage import describe

            stream.write("".join(line + "\n" for line in describe(result.coverage, base)))
    if stream.isatty():
        _rich_summary(results, strict)
    else:
        stream.write(_summary_line(results, strict) + "\n")


def _as_strict(d: Diagnostic, strict: bool) -> Diagnostic:
    if strict and d.severity is Severity.WARNING:
        return Diagnostic(d.code, Severity.ERROR, d.message, d.file, d.line, d.column, d.path)
    return d


def _tally(result, strict: bool) -> tuple[int, int, int]:
    items = result.diags.items
    errors = sum(1 for d in items if d.severity is Severity.ERROR or (strict and d.severity is Severity.WARNING))
    warnings = 0 if strict else sum(1 for d in items if d.severity is Severity.WARNING)
    notes = sum(1 for d in items if d.severity is Severity.NOTE)
    return errors, warnings, notes


def _summary_line(results, strict: bool) -> str:
    parts = []
    for result in results:
        e, w, n = _tally(result, strict)
        parts.append(t("summary_year", year=result.year, errors=e, warnings=w, notes=n))
    return "; ".join(parts)


def _rich_summary(results, strict: bool) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(title=t("validate_title"), show_lines=False)
    table.add_column(t("col_year"))
    table.add_column(t("col_errors"), justify="right")
    table.add_column(t("col_warnings"), justify="right")
    table.add_column(t("col_notes"), justify="right")
    table.add_column(t("col_status"))
    for result in results:
        e, w, n = _tally(result, strict)
        if e:
            status = f"[red]{t('status_errors')}[/]"
        else:
            status = f"[yellow]{t('status_warnings')}[/]" if w else f"[green]{t('status_ok')}[/]"
        table.add_row(result.year, str(e), str(w), str(n), status)
    Console().print(table)


def report_json(results, base: Path, strict: bool, stream=None) -> None:
    stream = stream or sys.stdout
    out = {
        "years": [
            {
                "year": r.year,
                "errors": _tally(r, strict)[0],
                "warnings": _tally(r, strict)[1],
                "notes": _tally(r, strict)[2],
                "diagnostics": [_as_strict(d, strict).to_json(base) for d in r.diags.sorted()],
                **({"coverage": _coverage_json(r.coverage, base)} if r.coverage is not None else {}),
            }
            for r in results
        ]
    }
    json.dump(out, stream, ensure_ascii=False, indent=2)
    stream.write("\n")


def _coverage_json(cov, base: Path) -> dict:
    """The figure counts per file and for the year; the literal figures themselves are the literal-figure notes."""
    from libreport.diagnostics import shown_path

    def counts(found) -> dict:
        return {"figures": len(found.figures), "bound": len(found.bound), "checked": len(found.checked),
                "deliberate": len(found.deliberate), "literal": len(found.literal),
                "relations": dict(sorted(found.relations().items()))}

    return {"files": [{"file": shown_path(f.file, base), **counts(f)} for f in cov.files],
            "figures": cov.total("figures"), "bound": cov.total("bound"), "checked": cov.total("checked"),
            "deliberate": cov.total("deliberate"), "literal": cov.total("literal"), "accounted": cov.accounted}
