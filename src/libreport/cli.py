"""The command line: parses options, calls the pipeline, maps results to exit codes.

0 = ok, 1 = diagnostics (or a failed build), 2 = usage. Heavy modules are imported inside the
commands so that `libreport --help` starts fast. Help texts are written as i18n keys and worded
in the run's language when the command tree is built (`run`), so one process can answer in
either language. Annotations are real objects here (no `from __future__ import annotations`):
Typer would otherwise eval every one of them on each run.
"""

import gc
import os
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated, List, Optional

import typer

from libreport import __version__, i18n
from libreport.cli_locale import LocalCommand, LocalGroup, errors, localise, show_usage_error
from libreport.i18n import t

app = typer.Typer(help="app_help", add_completion=False, no_args_is_help=True, rich_markup_mode=None,
                  pretty_exceptions_enable=False, cls=LocalGroup,
                  context_settings={"help_option_names": ["-h", "--help"]})
command = app.command


class Format(str, Enum):
    text = "text"
    json = "json"


class Toc(str, Enum):
    auto = "auto"
    field = "field"


class Lang(str, Enum):
    zh = "zh"
    en = "en"


class ImportKind(str, Enum):
    coverage = "coverage"
    events = "events"
    chronicle = "chronicle"  # the file is chronicle.yaml; `events` is the same


class UsageProblem(Exception):
    """A usage error found by a command after parsing (a year that is not there, say); exit code 2."""


def _version(value: bool) -> None:
    if value:
        typer.echo(f"libreport {__version__}")
        raise typer.Exit(0)


def _year(value):
    """A year argument is four digits: `../2021`, `abc` or `20211` are usage errors naming the argument."""
    for text in [value] if isinstance(value, str) else value or []:
        if not (len(text) == 4 and text.isascii() and text.isdigit()):
            raise typer.BadParameter(t("not_a_year", year=text))
    return value


FORMATS = ("docx", "html")


def _formats(value: str) -> str:
    """--format docx, html or both (docx,html): the editions a build writes."""
    names = [name.strip() for name in value.split(",")]
    wrong = [name for name in names if name not in FORMATS]
    if wrong or not names:
        raise typer.BadParameter(t("build_bad_format", format=value, formats=", ".join(FORMATS)))
    return ",".join(names)


LangOpt = Annotated[Optional[Lang], typer.Option("--lang", help="opt_lang", metavar="zh|en")]
SourceOpt = Annotated[Optional[Path], typer.Option("--source", help="opt_source", file_okay=False, metavar="DIR")]
YearArg = Annotated[str, typer.Argument(help="opt_year", metavar="YEAR", show_default=False, callback=_year)]


@app.callback()
def _options(
    lang: LangOpt = None,
    version: Annotated[bool, typer.Option("--version", help="opt_version", callback=_version,
                                          is_eager=True)] = False,
) -> None:
    # --lang is read before parsing (see `run`), so that help is in that language too;
    # it is declared here so that `libreport --lang zh <command>` is accepted as well.
    pass


def _project(source: Optional[Path], template: Optional[Path] = None, output: Optional[Path] = None,
             as_json: bool = False):
    from libreport.project import ProjectError, load_project

    try:
        project = load_project(sources=source, templates=template, output=output)
    except ProjectError as exc:
        raise UsageProblem(str(exc)) from None
    if project.diags.items:  # libreport.yaml's own problems, at its lines; its errors stop every command
        base = Path.cwd()
        if as_json and project.diags.has_errors():
            import json

            found = [d.to_json(base) for d in project.diags.sorted()]
            typer.echo(json.dumps({"years": [], "diagnostics": found}, ensure_ascii=False, indent=2))
        else:
            for d in project.diags.sorted():
                typer.echo(d.format(base), err=True)
        if project.diags.has_errors():
            raise typer.Exit(1)
    return project


def _years(project, years):
    from libreport.pipeline import resolve_years
    from libreport.project import ProjectError

    try:
        return resolve_years(project, years)
    except ProjectError as exc:
        raise UsageProblem(str(exc)) from None


@command(help="validate_help", cls=LocalCommand)
def validate(
    years: Annotated[Optional[List[str]], typer.Argument(help="opt_years", metavar="[YEAR]...",
                                                         show_default=False, callback=_year)] = None,
    format: Annotated[Format, typer.Option("--format", help="opt_format", metavar="text|json")] = Format.text,
    strict: Annotated[bool, typer.Option("--strict", help="opt_strict")] = False,
    coverage: Annotated[bool, typer.Option("--coverage", help="opt_coverage")] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.pipeline import check_year
    from libreport.reporter import report_json, report_text

    project = _project(source, as_json=format is Format.json)
    results = [check_year(project, y) for y in _years(project, years or [])]
    _check_template(project, results)
    if coverage:
        from libreport.prose.coverage import coverage as figure_coverage
        from libreport.prose.coverage import note_literals

        for result in results:
            if result.report is not None:
                result.coverage = figure_coverage(result.report, result.year)
                note_literals(result.coverage, result.diags)
    base = Path.cwd()
    if format is Format.json:
        report_json(results, base, strict)
    else:
        report_text(results, base, strict)
    raise typer.Exit(1 if any(r.diags.has_errors(strict) for r in results) else 0)


def _check_template(project, results) -> None:
    """A template folder of the project's own (staff restyle and reword it) is checked by validate too: what a
    build would stop on is said now, once, with the first year's results."""
    from libreport.project import bundled_templates

    if not results or project.templates.resolve() == bundled_templates().resolve():
        return
    from libreport.diagnostics import Diagnostics
    from libreport.docx.template import load_template

    found = Diagnostics()
    load_template(project.templates, found)
    named = {r.report.template for r in results if r.report is not None and r.report.template}
    for document in sorted(named - {"report.docx"}):  # a year's `template:` names another document of it
        if (project.templates / document).is_file():
            load_template(project.templates, found, document)
    results[0].diags.extend(found)


@command(help="build_help", cls=LocalCommand)
def build(
    years: Annotated[Optional[List[str]], typer.Argument(help="opt_build_years", metavar="[YEAR]...",
                                                         show_default=False, callback=_year)] = None,
    all_years: Annotated[bool, typer.Option("--all", help="opt_all")] = False,
    template: Annotated[Optional[Path], typer.Option("--template", help="opt_template", file_okay=False,
                                                     metavar="DIR")] = None,
    output: Annotated[Optional[Path], typer.Option("--output", "-o", help="opt_output", file_okay=False,
                                                   metavar="DIR")] = None,
    name: Annotated[Optional[str], typer.Option("--name", help="opt_name", metavar="NAME")] = None,
    pdf: Annotated[bool, typer.Option("--pdf", help="opt_pdf")] = False,
    toc: Annotated[Toc, typer.Option("--toc", help="opt_toc", metavar="auto|field")] = Toc.auto,
    formats: Annotated[str, typer.Option("--format", help="opt_build_format", metavar="docx|html|docx,html",
                                         callback=_formats)] = "docx",
    watch: Annotated[bool, typer.Option("--watch", help="opt_watch")] = False,
    strict: Annotated[bool, typer.Option("--strict", help="opt_strict")] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.build import BuildOptions, build_years

    project = _project(source, template, output)
    if name is not None:
        from libreport.paths import MAX_NAME_BYTES, name_too_long, safe_file_name

        if not safe_file_name(name) or name_too_long(safe_file_name(name)):
            raise UsageProblem(t("build_bad_name", name=name, limit=MAX_NAME_BYTES))
    if all_years and years:
        raise UsageProblem(t("build_years_and_all"))
    if not all_years and not years:
        raise UsageProblem(t("build_no_year"))
    chosen = _years(project, [] if all_years else years)
    # a report.docx that is there but not a file (a folder, a link to nothing) is said by the build, as it is
    if project.templates is not None and not os.path.lexists(project.templates / "report.docx"):
        raise UsageProblem(t("build_not_template", folder=project.templates))
    chosen_formats = tuple(dict.fromkeys(formats.split(",")))
    if pdf and "docx" not in chosen_formats:
        raise UsageProblem(t("build_pdf_without_docx"))
    options = BuildOptions(name=name, pdf=pdf, toc=toc.value, strict=strict, formats=chosen_formats)
    if watch:
        from libreport.commands.watch import watch_and_build

        raise typer.Exit(watch_and_build(project, chosen, options))
    raise typer.Exit(build_years(project, chosen, options))


@command(help="show_help", cls=LocalCommand)
def show(year: YearArg, source: SourceOpt = None, lang: LangOpt = None) -> None:
    from libreport.commands.show import show_year

    project = _project(source)
    _years(project, [year])
    raise typer.Exit(show_year(project, year))


@command(help="serve_help", cls=LocalCommand)
def serve(
    year: Annotated[Optional[str], typer.Argument(help="opt_serve_year", metavar="[YEAR]", show_default=False,
                                                  callback=_year)] = None,
    port: Annotated[int, typer.Option("--port", help="opt_port", metavar="PORT", min=0, max=65535,
                                      show_default=False)] = 0,
    template: Annotated[Optional[Path], typer.Option("--template", help="opt_template", file_okay=False,
                                                     metavar="DIR")] = None,
    strict: Annotated[bool, typer.Option("--strict", help="opt_strict")] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.build import BuildOptions
    from libreport.commands.serve import PortInUse
    from libreport.commands.serve import serve as preview

    project = _project(source, template)
    chosen = _years(project, [year] if year else [])
    if not chosen:
        raise UsageProblem(t("build_no_year"))
    try:
        code = preview(project, chosen[-1], BuildOptions(strict=strict), port)
    except PortInUse as exc:
        raise UsageProblem(str(exc)) from None
    raise typer.Exit(code)


@command(help="init_help", cls=LocalCommand)
def init(
    folder: Annotated[Path, typer.Argument(help="opt_init_dir", metavar="DIR", show_default=False)],
    library: Annotated[str, typer.Option("--library", help="opt_library", metavar="NAME", show_default=False)],
    year: Annotated[str, typer.Option("--year", help="opt_init_year", metavar="YEAR", callback=_year,
                                      show_default=False)],
    title: Annotated[Optional[str], typer.Option("--title", help="opt_title", metavar="TEXT")] = None,
    kind: Annotated[str, typer.Option("--kind", help="opt_kind", metavar="年报|工作总结")] = "年报",
    lang: LangOpt = None,
) -> None:
    from libreport.commands.init import InitError, init_project

    try:
        message = init_project(folder, library, int(year), title, kind)
    except InitError as exc:
        raise UsageProblem(str(exc)) from None
    typer.echo(message)


@command(help="new_help", cls=LocalCommand)
def new(
    year: YearArg,
    from_year: Annotated[Optional[str], typer.Option("--from", help="opt_from", metavar="YEAR", callback=_year)] = None,
    library: Annotated[Optional[str], typer.Option("--library", help="opt_new_library", metavar="NAME")] = None,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.commands.new import ScaffoldError, SourceError, new_year

    project = _project(source)
    try:
        message = new_year(project, int(year), int(from_year) if from_year is not None else None, library)
    except SourceError as exc:  # the year to start from has errors: said at their lines, like validate
        for d in exc.diags.sorted():
            typer.echo(d.format(Path.cwd()), err=True)
        raise typer.Exit(1) from None
    except ScaffoldError as exc:
        raise UsageProblem(str(exc)) from None
    typer.echo(message)


@command("import", help="import_help", cls=LocalCommand)
def import_(
    kind: Annotated[ImportKind, typer.Argument(help="opt_import_kind", metavar="coverage|chronicle",
                                               show_default=False)],
    year: YearArg,
    file: Annotated[Path, typer.Argument(help="opt_import_file", metavar="FILE", show_default=False,
                                         exists=True, dir_okay=False)],
    mapping: Annotated[Optional[List[str]], typer.Option("--map", help="opt_map", metavar="HEADER=FIELD")] = None,
    sheet: Annotated[Optional[str], typer.Option("--sheet", help="opt_sheet", metavar="SHEET")] = None,
    dry_run: Annotated[bool, typer.Option("--dry-run", help="opt_dry_run")] = False,
    skip_bad: Annotated[bool, typer.Option("--skip-bad", help="opt_skip_bad")] = False,
    source: SourceOpt = None,
    lang: LangOpt = None,
) -> None:
    from libreport.commands.importer import ImportError_, import_rows

    project = _project(source)
    _years(project, [year])
    try:
        code = import_rows(project, kind.value, year, file, mapping or [], sheet, dry_run, skip_bad)
    except ImportError_ as exc:
        raise UsageProblem(str(exc)) from None
    raise typer.Exit(code)


def run(argv: list[str]) -> int:
    """Run the command line on `argv` (without the program name) and return the exit code."""
    i18n.set_lang(i18n.detect(argv))
    cli = localise(typer.main.get_command(app))
    try:
        # Not standalone: Click returns a command's exit code instead of calling sys.exit, and leaves
        # usage errors to be worded here.
        code = cli.main(args=argv, prog_name="libreport", standalone_mode=False)
    except typer.Exit as done:
        return done.exit_code
    except errors.NoArgsIsHelpError as exc:
        typer.echo(exc.ctx.get_help() if exc.ctx else "")
        return 0
    except errors.UsageError as exc:
        show_usage_error(exc, lambda text: typer.echo(text, err=True))
        return 2
    except UsageProblem as exc:
        typer.echo(t("usage_error", message=str(exc)), err=True)
        return 2
    except typer.Abort:
        typer.echo(t("interrupted"), err=True)
        return 130
    if code == 130:  # Click turns Ctrl+C inside a command into exit code 130
        typer.echo(t("interrupted"), err=True)
    return code if isinstance(code, int) else 0


def _os_paths(exc: OSError) -> str:
    from libreport.diagnostics import shown_path

    paths = [p for p in (exc.filename, exc.filename2) if p is not None]
    return " → ".join(shown_path(Path(os.fsdecode(p))) for p in paths) or "libreport"


def main() -> None:
    # A run builds one large, acyclic tree of values and exits; the cycle collector would walk it
    # again and again for nothing (half the time of a large year). --watch turns it back on.
    gc.disable()
    try:
        code = run(sys.argv[1:])
    except KeyboardInterrupt:
        typer.echo(t("interrupted"), err=True)
        raise SystemExit(130) from None
    except OSError as exc:  # the disk surprised a command (a file vanished, a folder where a file was): name it
        if os.environ.get("LIBREPORT_DEBUG"):
            raise
        typer.echo(t("os_error", path=_os_paths(exc), reason=exc.strerror or type(exc).__name__), err=True)
        raise SystemExit(1) from None
    except Exception as exc:  # a bug, not bad input: say so in one line; LIBREPORT_DEBUG=1 shows the trace
        if os.environ.get("LIBREPORT_DEBUG"):
            raise
        typer.echo(t("internal_error", error=f"{type(exc).__name__}: {exc}"), err=True)
        raise SystemExit(1) from None
    raise SystemExit(code)


if __name__ == "__main__":  # pragma: no cover
    main()
