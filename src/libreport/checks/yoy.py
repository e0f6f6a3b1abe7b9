"""Year over year: the earlier year of the same library, and changes too large, or in other units, to compare.

Years are compared only within one library: a sources folder may hold the years of several libraries, and
one library's figures are never measured against another's.
"""

from __future__ import annotations

from pathlib import Path

from libreport import model as m
from libreport.diagnostics import Diagnostics
from libreport.project import Project


def load_previous(project: Project, report: m.Report, diags: Diagnostics) -> m.Report | None:
    """The year to compare with: `compare_with`, else the latest earlier year of the same library."""
    from libreport.sources.report import load_report

    opts = report.year_over_year
    if opts is not None and opts.unusable:
        return None  # compare_with is wrong, and said so: comparing with another year instead would mislead
    # That year's own problems are not this year's: they are reported when that year is validated.
    quiet = Diagnostics()
    if opts is not None and opts.compare_with is not None:
        folder = project.year_folder(opts.compare_with)
        previous = load_report(folder, quiet) if project.check_year_folder(folder, quiet) else None
        if previous is None:
            diags.error("missing-file", opts.compare_with_mark, "year_over_year.compare_with",
                        year=opts.compare_with, variant="compare")
            return None
        if not same_library(previous, report):
            diags.error("other-library", opts.compare_with_mark, "year_over_year.compare_with",
                        year=opts.compare_with, other=previous.library, library=report.library)
            return None
        _load_statistics(previous, quiet)
        if is_draft(previous):  # its figures are still to fill: nothing to compare with
            diags.warning("draft-base", opts.compare_with_mark, "year_over_year.compare_with", year=previous.year)
            return None
        return previous
    return latest_earlier(project, report, quiet, finished=True)


def same_library(a: m.Report, b: m.Report) -> bool:
    return a.library.strip() == b.library.strip()


def latest_earlier(project: Project, report: m.Report, quiet: Diagnostics, finished: bool = False) -> m.Report | None:
    """The latest earlier year of the same library; with `finished`, the latest whose statistics are all filled in
    (its statistics loaded): a draft is never the base of a year-over-year comparison."""
    from libreport.sources.report import load_report

    earlier = sorted((int(y) for y in project.years() if y.isdigit() and int(y) < report.year), reverse=True)
    for year in earlier:
        if not project.check_year_folder(project.year_folder(year), quiet):
            continue
        candidate = load_report(project.year_folder(year), quiet)
        if candidate is None or not same_library(candidate, report):
            continue
        if not finished:
            return candidate
        _load_statistics(candidate, quiet)
        if not is_draft(candidate):
            return candidate
    return None


def is_draft(report: m.Report) -> bool:
    """A year whose statistics still have values to fill in (as `new` leaves them)."""
    return any(item.to_fill for section in report.sections("statistics") if section.data is not None
               for item in section.data.walk())


def _load_statistics(previous: m.Report, quiet: Diagnostics) -> None:
    """Only the compared year's statistics are used, so only they are read (listed or data only)."""
    from libreport.sources.sections import attach_data_only, load_section

    attach_data_only(previous)
    for section in previous.sections("statistics"):
        section.data = load_section(section, previous.year, quiet)


def check_year_over_year(report: m.Report, previous: m.Report, diags: Diagnostics) -> None:
    from libreport.compute.tables import StatIndex
    from libreport.figures import same_unit
    from libreport.numbers import group_thousands

    factor = report.year_over_year.jump_factor if report.year_over_year else m.YearOverYear(report.mark).jump_factor
    before = StatIndex(previous.first("statistics"))
    now = report.first("statistics")
    if now is None:
        return
    for item in now.walk():
        old = before.find(item.path)
        if old is None or old.value is None or item.value is None:
            continue
        if not same_unit(old.unit, item.unit):
            diags.warning("unit-mismatch", item.mark, item.path, item=item.name, unit=item.unit or "—",
                          prev_unit=old.unit or "—", prev_year=previous.year, variant="year")
            continue
        if old.value == 0 and item.value == 0:
            continue
        low, high = sorted((old.value, item.value))
        if low == 0 or high / low > factor:
            diags.warning("implausible-change", item.mark, item.path, item=item.name,
                          before=group_thousands(old.value), prev_year=previous.year,
                          now=group_thousands(item.value), factor=str(factor))


def compared_folder(project: Project, report: m.Report) -> Path | None:
    """The folder of the year `report` is compared with, if any (for watching it too)."""
    opts = report.year_over_year
    if opts is not None and opts.compare_with is not None:
        return project.year_folder(opts.compare_with)
    previous = latest_earlier(project, report, Diagnostics())
    return previous.folder if previous is not None else None
