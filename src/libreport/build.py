"""`libreport build`: check, compute, render, lay out, write — for one year or many."""

from __future__ import annotations

import contextlib
import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from libreport.diagnostics import Diagnostics, shown_path
from libreport.i18n import t
from libreport.pipeline import check_year
from libreport.project import Project
from libreport.tofill import wording


@dataclass
class BuildOptions:
    name: str | None = None
    pdf: bool = False
    toc: str = "auto"  # "auto" | "field"
    strict: bool = False
    formats: tuple[str, ...] = ("docx",)  # the editions to write: "docx" (Word, and its PDF), "html" (the web)


@dataclass
class BuildResult:
    year: str
    diags: Diagnostics
    docx: Path | None = None
    pdf: Path | None = None
    web: Path | None = None  # the web edition's index.html
    pages: int | None = None
    toc_static: bool = False
    has_toc: bool = True  # the report has a table of contents (a report with none says nothing of one)
    stale_pdf: Path | None = None  # the PDF of an earlier build found beside the docx built without one
    messages: list[str] | None = None

    @property
    def built(self) -> Path | None:
        """What was written: the Word edition, else the web edition."""
        return self.docx or self.web


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@contextmanager
def _progress(total: int):
    if not _interactive():
        yield lambda label: None
        return
    from rich.console import Console
    from rich.progress import Progress, SpinnerColumn, TextColumn

    with Progress(SpinnerColumn(), TextColumn("{task.description}"), transient=True,
                  console=Console(stderr=True)) as progress:
        task = progress.add_task("", total=total)

        def step(label: str) -> None:
            progress.update(task, description=label, advance=1)

        yield step


def build_year(project: Project, year: str, options: BuildOptions, template=None, step=lambda s: None,
               templates: dict | None = None, office=None) -> BuildResult:
    """Build one year. Returns diagnostics instead of raising for anything the user can fix.

    `template` is the template folder read with report.docx; a year whose report.yaml names another document
    (`template: official`) is built with that one, read once into `templates` when given. `office` is the
    LibreOffice (office.Office) that lays the report out, kept by the caller from build to build; without one
    a build that needs a layout starts its own and ends it."""
    from libreport.document import describe
    from libreport.document.describe import title_values
    from libreport.docx.render import Renderer
    from libreport.pdf import INSTALL, soffice
    from libreport.wording import SnippetError
    from libreport.write import LockedError, write_atomic

    step(t("stage_load"))
    checked = check_year(project, year)
    result = BuildResult(year, checked.diags, messages=[])
    diags = checked.diags
    if checked.report is None or diags.has_errors(options.strict):
        return result
    report = checked.report
    tpl = _template_for(project, report.template, template, diags, templates)
    if tpl is None:
        return result
    for key, mark in report.cover.marks.items():  # what report.yaml gives the cover, where the cover has no place
        if key not in tpl.cover:
            diags.warning("cover-placeholder", mark, f"cover.{key}", key=key, docx=tpl.docx.name)
    word = "docx" in options.formats
    has_lo = soffice() is not None
    result.has_toc = tpl.has_toc  # and, once rendered, the report has headings to list
    # The layout is for the table of contents' page numbers (a document without one needs none) and the PDF.
    use_layout = word and options.toc == "auto" and has_lo and tpl.has_toc
    with _office(office, use_layout or (word and options.pdf and has_lo)) as lo:
        step(t("stage_render"))
        values = title_values(report)
        try:
            doc = describe(tpl.wording, report, checked.previous)
            title = values["title"] = doc.title
            name = options.name or tpl.wording.say("output_name", **values)
            # the Word edition's body, only when it is asked for
            rendered = Renderer(tpl, tpl.text_width).render(doc) if word else None
            if rendered is not None and not rendered.toc:
                result.has_toc = use_layout = False  # a report without headings prints no contents
        except SnippetError as exc:  # a snippet staff edited does not compile, or names something not there
            diags.error("template", exc.mark, exc.path, setting=exc.path, reason=exc.reason, variant="render")
            return result
        core = {"title": title, "creator": report.library, "date": f"{report.year}-12-31T00:00:00Z"}
        target = output_file(project, report.year, name,
                             None if options.name else tpl.wording.snippets["output_name"].mark, diags)
        if target is None:
            return result
        if "html" in options.formats and not _write_web(doc, report, tpl, target.with_suffix(""), result):
            return result
        if not word:
            return result
        try:
            data, pdf_bytes, failed = _assemble_and_lay_out(tpl, rendered, values, core, use_layout, options,
                                                            result, step, lo)
        except SnippetError as exc:
            diags.error("template", exc.mark, exc.path, setting=exc.path, reason=exc.reason, variant="render")
            return result
    if options.pdf and pdf_bytes is None:
        if has_lo:
            diags.error("pdf", file=target, reason=failed)
            return result
        diags.warning("pdf", file=target, variant="missing", install=INSTALL)
    step(t("stage_write"))
    try:
        write_atomic(target, data)
        result.docx = target
        if pdf_bytes is not None:
            write_atomic(target.with_suffix(".pdf"), pdf_bytes)
            result.pdf = target.with_suffix(".pdf")
        else:
            result.stale_pdf = _remove_stale_pdf(target.with_suffix(".pdf"))
    except LockedError as exc:
        diags.error("locked", file=exc.path, lock=exc.lock.name)
    except OSError as exc:
        not_written(diags, target, exc)
    return result


def not_written(diags: Diagnostics, target: Path, exc: OSError) -> None:
    """Why `target` could not be written: a file where a folder of the output goes is named as what it is (the OS
    says "File exists" or "Not a directory"), anything else with the system's reason."""
    blocked = next((p for p in target.parents if p.exists() and not p.is_dir()), None)
    if blocked is None and isinstance(exc, NotADirectoryError) and target.exists() and not target.is_dir():
        blocked = target  # the web edition's own folder
    if blocked is not None:
        diags.error("not-a-file", file=blocked, variant="in-the-way")
    else:
        diags.error("write", file=target, reason=str(exc.strerror or exc))


@contextmanager
def _office(given, wanted: bool):
    """The LibreOffice a build lays its report out with, when it wants one: the caller's, or one of the build's
    own, ended with the build; started now, so that it starts while the report renders."""
    from libreport.pdf import LayoutError

    if not wanted:
        yield None
        return
    if given is not None:
        with contextlib.suppress(LayoutError):  # said when the layout is asked for
            given.start()
        yield given
        return
    from libreport.office import Office

    with Office() as office:
        with contextlib.suppress(LayoutError):
            office.start()
        yield office


def _write_web(doc, report, tpl, folder: Path, result: BuildResult) -> bool:
    """The web edition's folder beside the Word edition, of the same name: index.html and what it needs."""
    from libreport.web.edition import INDEX, cover_lines, edition, words
    from libreport.wording import SnippetError
    from libreport.write import replace_folder

    try:
        replace_folder(folder, edition(doc, report, words(tpl.wording, report.year), tpl.look.accents,
                                       cover_lines(doc, report, tpl)))
    except SnippetError as exc:  # a template made before the web edition's words: which to add
        result.diags.error("template", exc.mark, exc.path, setting=exc.path, reason=exc.reason, variant="render")
        return False
    except OSError as exc:
        not_written(result.diags, folder, exc)
        return False
    result.web = folder / INDEX
    return True


def _remove_stale_pdf(pdf: Path) -> Path | None:
    """The PDF of an earlier build beside a docx just built without one would show last build's report: it
    goes. Returns it when it was there (removed or, if it could not be, left: the build says which)."""
    if not pdf.is_file():
        return None
    with contextlib.suppress(OSError):  # open in a viewer that locks it (Windows): left, and the build says so
        pdf.unlink()
    return pdf


def _template_for(project: Project, document: str | None, given, diags: Diagnostics, cache: dict | None):
    """The template folder read with the year's document (report.docx unless report.yaml names another); what
    reading it found is said with the year (with every year, when it cannot be read)."""
    from libreport.docx.template import DEFAULT_DOCUMENT, load_template

    document = document or DEFAULT_DOCUMENT
    if given is not None and given.docx.name == document:
        return given
    if cache is not None and document in cache:
        tpl, found = cache[document]
        if tpl is None:
            diags.extend(found)
        return tpl
    found = Diagnostics()
    tpl = load_template(project.templates, found, document)
    diags.extend(found)
    if cache is not None:
        cache[document] = (tpl, found)
    return tpl


def output_file(project: Project, year: int, name: str, mark, diags: Diagnostics) -> Path | None:
    """<output>/<year>/<name>.docx, the name made safe for any PC (a `/` in a library's name never makes a
    folder), or None with a diagnostic at `mark` (output_name in snippets.yaml; None for --name)."""
    from libreport.paths import MAX_NAME_BYTES, inside, name_too_long, safe_file_name

    safe = safe_file_name(name)
    if not safe:
        diags.error("output-name", mark, "output_name", name=name, variant="empty")
        return None
    if name_too_long(safe):
        diags.error("output-name", mark, "output_name", name=safe, limit=MAX_NAME_BYTES, variant="long")
        return None
    folder = project.output / str(year)
    if not inside(folder, project.output):
        diags.error("path-outside", file=folder, folder=shown_path(folder), variant="output")
        return None
    target = folder / f"{safe}.docx"
    if target.is_dir():
        diags.error("not-a-file", file=target, variant="folder")
        return None
    return target


def _assemble_and_lay_out(tpl, rendered, values, core, use_layout, options, result, step, office):
    """The .docx, with the TOC's page numbers from a LibreOffice layout when asked for and possible, and the PDF
    when asked for: one layout gives both. Returns (docx, PDF or None, why there is no PDF)."""
    from libreport.docx.package import assemble
    from libreport.pdf import LayoutError, autospace, toc_pages

    if use_layout and office is not None:
        step(t("stage_layout"))
        # The references print the page numbers in LibreOffice's layout; their text there is what the .docx says.
        laid = assemble(tpl, rendered, values, dict.fromkeys((e.bookmark for e in rendered.toc), "0"),
                        update_fields=False, core=core, toc_field=False)
        try:
            layout = office.layout(laid, pdf=options.pdf, autospace=autospace(laid))
        except LayoutError as exc:
            result.messages.append(str(exc))
        else:
            pages = toc_pages(rendered.toc, layout.refs)
            if pages is not None:
                result.toc_static = True
                result.pages = layout.pages
                return assemble(tpl, rendered, values, pages, update_fields=False, core=core), layout.pdf, ""
    data = assemble(tpl, rendered, values, None, update_fields=True, core=core)
    if not options.pdf or office is None:
        return data, None, ""
    step(t("stage_layout"))
    try:
        layout = office.layout(data, pdf=True, autospace=autospace(data))
    except LayoutError as exc:
        return data, None, str(exc)
    result.pages = layout.pages
    return data, layout.pdf, ""


@contextmanager
def years_office(options: BuildOptions):
    """One LibreOffice for every year of a build that may lay one out (started by the first that does)."""
    from libreport.pdf import soffice

    if soffice() is None or "docx" not in options.formats or not (options.pdf or options.toc == "auto"):
        yield None
        return
    from libreport.office import Office

    with Office() as office:
        yield office


def build_years(project: Project, years: list[str], options: BuildOptions) -> int:
    from libreport.docx.template import load_template

    code = 0
    tdiags = Diagnostics()
    template = load_template(project.templates, tdiags)
    for d in tdiags.sorted():  # a template's warnings are worth seeing too; its errors stop every year
        print(d.format(Path.cwd()), file=sys.stderr)
    if template is None or tdiags.has_errors(options.strict):
        return 1
    with _progress(len(years) * 4) as step, years_office(options) as office:
        others: dict = {}  # documents other than report.docx that years name, read once
        results = [build_year(project, y, options, template, step, others, office) for y in years]
    for result in results:
        for d in result.diags.sorted():
            print(d.format(Path.cwd()), file=sys.stderr)
        to_fill = sum(1 for d in result.diags.warnings if d.code == "to-fill")
        if result.built is None:
            if not result.diags.has_errors() and to_fill:
                print(t("build_draft_strict", year=result.year, count=to_fill), file=sys.stderr)
            elif not result.diags.has_errors() and result.diags.warnings:
                print(t("build_failed_strict", year=result.year, warnings=len(result.diags.warnings)),
                      file=sys.stderr)
            print(t("build_failed", year=result.year), file=sys.stderr)
            code = 1
            continue
        if result.web:
            print(t("built_web", path=shown_path(result.web)))
        if result.docx is None:
            if to_fill:
                print(t("build_draft", year=result.year, count=to_fill, marker=wording()))
            continue
        pages = t("pages", pages=result.pages) if result.pages else t("pages_unknown")
        print(t("built", path=shown_path(result.docx), pages=pages))
        if result.pdf:
            print(t("built_pdf", path=shown_path(result.pdf)))
        elif result.stale_pdf is not None:
            key = "stale_pdf_left" if result.stale_pdf.exists() else "stale_pdf_removed"
            print(t(key, path=shown_path(result.stale_pdf)))
        if to_fill:
            print(t("build_draft", year=result.year, count=to_fill, marker=wording()))
        if not result.has_toc:
            pass  # nothing to say about a table of contents the document does not have
        elif result.toc_static:
            print(t("toc_static"))
        elif options.toc == "field":
            print(t("toc_field_chosen"))
        else:
            print(t("toc_field"))
        for message in result.messages or []:
            print(message, file=sys.stderr)
    return code


