"""The pipeline, in the order it runs: sources → model → checks → compute → render → write."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libreport import model as m
from libreport.diagnostics import Diagnostics, Mark
from libreport.project import Project, ProjectError


@dataclass
class YearResult:
    year: str
    folder: Path
    diags: Diagnostics
    report: m.Report | None = None
    previous: m.Report | None = None
    context: dict = field(default_factory=dict)
    coverage: Any = None  # prose.coverage.Coverage, when asked for (validate --coverage)

    @property
    def blocks(self) -> list:
        """The rendered blocks of every summary, in report order."""
        if self.report is None:
            return []
        return [b for s in self.report.sections("summary") if s.data is not None for b in s.data.blocks]


def resolve_years(project: Project, years: list[str]) -> list[str]:
    from libreport.i18n import t

    if not years:
        found = project.years()
        if found:
            return found
        if _no_project(project):
            raise ProjectError(t("no_project", folder=project.root))
        raise ProjectError(t("no_years", folder=project.sources))
    for year in years:
        # A folder that is there but is no year's sources (no report.yaml, a file, a link elsewhere) is
        # a diagnostic of check_year, said exactly; a year with no folder at all is a usage error.
        if not os.path.lexists(project.year_folder(year)):
            known = project.years()
            if not known and _no_project(project):
                raise ProjectError(t("no_project", folder=project.root))
            if not known:
                raise ProjectError(t("no_year_none", year=year, folder=project.sources))
            raise ProjectError(t("no_year", year=year, folder=project.sources, known=t("list_sep").join(known)))
    return list(years)


def _no_project(project: Project) -> bool:
    """No libreport.yaml here or above, and no --source: the user is not in a project at all."""
    return project.config is None and project.sources == project.root


def check_year(project: Project, year: str) -> YearResult:
    """Load, check and compute one year. Never raises for bad input."""
    from libreport.accept import settle
    from libreport.checks.consistency import check_report
    from libreport.checks.plan import check_plan
    from libreport.checks.yoy import check_year_over_year, load_previous
    from libreport.compute.context import build_context
    from libreport.housestyle import printing
    from libreport.prose.summary import render_summary
    from libreport.sources.sections import load_year
    from libreport.tofill import use

    use(project.to_fill)  # the templates' to-fill wording, for what is checked and written from this year
    diags = Diagnostics()
    folder = project.year_folder(year)
    result = YearResult(year, folder, diags)
    if not project.check_year_folder(folder, diags):
        return result
    report = load_year(folder, diags)
    if report is None:
        settle(diags)
        return result
    result.report = report
    _check_template_document(project, report, diags)
    check_report(report, diags)
    result.previous = load_previous(project, report, diags)
    if result.previous is not None:
        check_year_over_year(report, result.previous, diags)
    result.context = build_context(report, result.previous)
    with printing(report.figures):  # the summary quotes figures as the report prints them: its house style
        for part in report.parts:
            counters = None
            group = None
            for section in part.sections:
                if section.title is not None or section.group is not group:
                    counters = None  # a heading of its own (or its group's) starts the summary's numbering afresh
                group = section.group
                if isinstance(section.data, m.Summary):
                    # a summary without a title continues the numbering of the summary before it in the part
                    counters = counters or [0] * 4
                    section.data.blocks = render_summary(section.data, result.context, diags, counters,
                                                         report.folder)
                    if not section.data.blocks and section.data.text.strip():  # comments only: nothing prints
                        diags.warning("to-fill", Mark(section.file, 1, 1), file=section.file,
                                      section=section.title or "", variant="blank-summary")
    _check_carried(project, report, diags)
    check_plan(project, report, diags)  # once the summary is read: its paragraphs name tasks too
    settle(diags)
    return result


def _check_carried(project: Project, report: m.Report, diags: Diagnostics) -> None:
    """Figures the text types that last year's text printed in the same sentence (checks.carried)."""
    if not any(isinstance(s.data, m.Summary) for s in report.sections("summary")):
        return
    from libreport.checks.carried import check_carried
    from libreport.checks.yoy import latest_earlier

    check_carried(report, latest_earlier(project, report, Diagnostics()), diags)


def _check_template_document(project: Project, report: m.Report, diags: Diagnostics) -> None:
    """`template: official` names a Word document the template folder holds."""
    if report.template is None or (project.templates / report.template).is_file():
        return
    from libreport.diagnostics import shown_path

    found = ", ".join(sorted(p.stem for p in project.templates.glob("*.docx"))) or "—"
    diags.error("template-document", report.template_mark, "template", folder=shown_path(project.templates),
                docx=report.template, found=found)
