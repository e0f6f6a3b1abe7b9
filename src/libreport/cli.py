"""The command line: parses options, calls the pipeline, maps results to exit codes.

0 = ok, 1 = diagnostics (or a failed build), 2 = usage. Heavy modules are
imported inside the commands so that `libreport --help` starts fast. Annotations
are real objects here (no `from __future__ import annotations`): Typer would
otherwise eval every one of them on each run.
"""

import gc
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from libreport import i18n
from libreport.i18n import t

i18n.set_lang(i18n.detect(sys.argv[1:]))

app = typer.Typer(help=t("app_help"), add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False,
                  context_settings={"help_option_names": ["-h", "--help"]})


class Format(str, Enum):
    text = "text"
    json = "json"


class Toc(str, Enum):
    auto = "auto"
    field = "field"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help=t("opt_lang"))]
SourceOpt = Annotated[Optional[Path], typer.Option("--source", help=t("opt_source"), file_okay=False)]


@app.callback()
def _options(lang: LangOpt = None) -> None:
    # --lang is read before parsing (i18n.detect), so that help is in that language too;
    # it is declared here so that `libreport --lang zh <command>` is accepted as well.
    pass


def _project(source: Optional[Path], template: Optional[Path] = None, output: Optional[Path] = None):
    from libreport.project import ProjectError, load_project

    try:
        return load_project(sources=source, templates=template, output=output)
    except ProjectError as exc:
        _usage(str(exc))


def _usage(message: str):
    typer.echo(t("usage_error", message=message), err=True)
    raise typer.Exit(2)


def _years(project, years):
    from libreport.pipeline import resolve_years
    from libreport.project import ProjectError

    try:
        return resolve_years(project, years)
    except ProjectError as exc:
        _usage(str(exc))


@app.command(help=t("validate_help"))
def validate(
    years: Annotated[Optional[List[str]], typer.Argument(help=t("opt_years"), show_default=False)] = None,
    format: Annotated[Format, typer.Option("--format", help=t("opt_format"))] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help=t("opt_strict"))] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.pipeline import check_year
    from libreport.reporter import report_json, report_text

    project = _project(source)
    results = [check_year(project, y) for y in _years(project, years or [])]
    base = Path.cwd()
    if format is Format.json:
        report_json(results, base, strict)
    else:
        report_text(results, base, strict)
    raise typer.Exit(1 if any(r.diags.has_errors(strict) for r in results) else 0)


@app.command(help=t("build_help"))
def build(
    years: Annotated[Optional[List[str]], typer.Argument(help=t("opt_year"), show_default=False)] = None,
    all_years: Annotated[bool, typer.Option("--all", help=t("opt_all"))] = False,
    template: Annotated[Optional[Path], typer.Option("--template", help=t("opt_template"), file_okay=False)] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help=t("opt_output"), file_okay=False)] = None,
    name: Annotated[Optional[str], typer.Option("--name", help=t("opt_name"))] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help=t("opt_pdf"))] = False,
    toc: Annotated[Toc, typer.Option("--toc", help=t("opt_toc"))] = Toc.auto,
    watch: Annotated[bool, typer.Option("--watch", help=t("opt_watch"))] = False,
    strict: Annotated[bool, typer.Option("--strict", help=t("opt_strict"))] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.build import BuildOptions, build_years

    project = _project(source, template, output)
    if all_years and years:
        _usage("give years or --all, not both")
    if not all_years and not years:
        _usage("name a year to build (e.g. libreport build 2021), or --all")
    chosen = _years(project, [] if all_years else years)
    if project.templates is not None and not (project.templates / "report.docx").is_file():
        _usage(f"{project.templates} is not a template folder (it has no report.docx)")
    options = BuildOptions(name=name, pdf=pdf, toc=toc.value, strict=strict)
    if watch:
        from libreport.commands.watch import watch_and_build

        raise typer.Exit(watch_and_build(project, chosen, options))
    raise typer.Exit(build_years(project, chosen, options))


@app.command(help=t("show_help"))
def show(
    year: Annotated[str, typer.Argument(help=t("opt_year"), show_default=False)],
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.commands.show import show_year

    project = _project(source)
    _years(project, [year])
    raise typer.Exit(show_year(project, year))


@app.command(help=t("new_help"))
def new(
    year: Annotated[int, typer.Argument(help=t("opt_year"), show_default=False)],
    from_year: Annotated[Optional[int], typer.Option("--from", help=t("opt_from"))] = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.commands.new import ScaffoldError, new_year

    project = _project(source)
    try:
        message = new_year(project, year, from_year)
    except ScaffoldError as exc:
        _usage(str(exc))
    typer.echo(message)


class ImportKind(str, Enum):
    coverage = "coverage"
    events = "events"


@app.command("import", help=t("import_help"))
def import_(
    kind: Annotated[ImportKind, typer.Argument(help="coverage | events", show_default=False)],
    year: Annotated[str, typer.Argument(help=t("opt_year"), show_default=False)],
    file: Annotated[Path, typer.Argument(help="FILE.xlsx | FILE.csv", show_default=False, exists=True, dir_okay=False)],
    mapping: Annotated[Optional[List[str]], typer.Option("--map", help=t("opt_map"))] = None,
    sheet: Annotated[Optional[str], typer.Option("--sheet", help=t("opt_sheet"))] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help=t("opt_dry_run"))] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help=t("opt_skip_bad"))] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.commands.importer import ImportError_, import_rows

    project = _project(source)
    _years(project, [year])
    try:
        code = import_rows(project, kind.value, year, file, mapping or [], sheet, dry_run, skip_bad)
    except ImportError_ as exc:
        _usage(str(exc))
    raise typer.Exit(code)


def main() -> None:
    # A run builds one large, acyclic tree of values and exits; the cycle collector would walk it
    # again and again for nothing (half the time of a large year). --watch turns it back on.
    gc.disable()
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        typer.echo(t("interrupted"), err=True)
        raise SystemExit(130) from None
    except Exception as exc:  # a bug, not bad input: say so in one line; LIBREPORT_DEBUG=1 shows the trace
        import os

        if os.environ.get("LIBREPORT_DEBUG"):
            raise
        typer.echo(t("internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)
        raise SystemExit(1) from None


if __name__ == "__main__":  # pragma: no cover
    main()
