"""Year-over-year: last year's figures beside this year's, and jumps too large to be plausible."""

from __future__ import annotations

from decimal import Decimal

from libreport import model as m
from libreport.diagnostics import Diagnostics
from libreport.messages import Both
from libreport.project import Project

DEFAULT_JUMP = Decimal(3)


def options(report: m.Report) -> dict:
    """Reads `year_over_year:` from report.yaml: compare_with (a year), columns (bool), jump_factor."""
    raw = report.extra.get("year_over_year")
    if not raw:
        return {}
    r = report.extra["yoy_reader"]
    out = {}
    if "compare_with" in raw:
        y = r.number(raw["compare_with"], "year_over_year.compare_with")
        out["compare_with_mark"] = r.mark(raw["compare_with"])
        if y is not None and y >= report.year:
            r.diags.error("type", r.mark(raw["compare_with"]), "year_over_year.compare_with",
                          what="year_over_year.compare_with",
                          expected=Both(f"a year before {report.year}", f"{report.year} 年之前的年份"), found=str(y))
        elif y is not None:
            out["compare_with"] = int(y)
    if "columns" in raw:
        t = r.text(raw["columns"], "year_over_year.columns")
        if t is not None:
            if t.lower() in ("true", "yes", "on"):
                out["columns"] = True
            elif t.lower() in ("false", "no", "off"):
                out["columns"] = False
            else:
                r.diags.error("type", r.mark(raw["columns"]), "year_over_year.columns", what="year_over_year.columns",
                              expected=Both("true or false", "true 或 false"), found=repr(t))
    if "jump_factor" in raw:
        f = r.number(raw["jump_factor"], "year_over_year.jump_factor", integer=False)
        if f is not None and f > 1:
            out["jump_factor"] = f
        elif f is not None:
            r.diags.error("type", r.mark(raw["jump_factor"]), "year_over_year.jump_factor",
                          what="year_over_year.jump_factor", expected=Both("a number greater than 1", "大于 1 的数"),
                          found=str(f))
    report.extra["yoy"] = out
    return out


def load_previous(project: Project, report: m.Report, diags: Diagnostics) -> m.Report | None:
    """The year to compare with: `compare_with`, else the latest earlier year present."""
    from libreport.sources.report import load_report
    from libreport.sources.sections import load_section

    opts = options(report)
    if "compare_with_mark" in opts and "compare_with" not in opts:
        return None  # compare_with is wrong, and said so: comparing with another year instead would mislead
    if "compare_with" in opts:
        folder = project.year_folder(opts["compare_with"])
        if not (folder / "report.yaml").is_file():
            diags.error("missing-file", opts["compare_with_mark"], "year_over_year.compare_with",
                        year=opts["compare_with"], variant="compare")
            return None
    else:
        folder = project.previous_year(report.year)
        if folder is None:
            return None
    # Only the compared year's statistics are used, so only they are read; and that year's own
    # problems are not this year's: they are reported when that year is validated.
    quiet = Diagnostics()
    previous = load_report(folder, quiet)
    if previous is not None:
        for section in previous.sections("statistics"):
            section.data = load_section(section, previous.year, quiet)
    return previous


def check_year_over_year(report: m.Report, previous: m.Report, diags: Diagnostics) -> None:
    from libreport.compute.tables import StatIndex
    from libreport.numbers import group_thousands

    factor = report.extra.get("yoy", {}).get("jump_factor", DEFAULT_JUMP)
    before = StatIndex(previous.first("statistics"))
    now = report.first("statistics")
    if now is None:
        return
    for item in now.walk():
        old = before.find(item.path)
        if old is None or old.value is None or item.value is None or old.unit != item.unit:
            continue
        if old.value == 0 and item.value == 0:
            continue
        low, high = sorted((old.value, item.value))
        if low == 0 or high / low > factor:
            diags.warning("implausible-change", item.mark, item.path, item=item.name,
                          before=group_thousands(old.value), prev_year=previous.year,
                          now=group_thousands(item.value), factor=str(factor))
