"""`libreport build --watch`: build, then rebuild whenever a source or template file is saved.

What is watched, for each year built: its own folder, the project's plans, the year it is compared with (its
`year_over_year.compare_with`, else the latest earlier year: that year's figures appear in this
year's report), and the template folder. The output folder is never watched, so writing the
report does not trigger another build.

A build that finds errors prints them and writes nothing: the last good report stays in place
(`build.build_year` writes atomically and only when there are no errors), and watching goes on
until the sources are fixed. Ctrl+C (or SIGTERM) stops watching; the exit code is then 0.

LIBREPORT_WATCH_MAX_BUILDS=N (an environment variable, for tests and scripts) stops watching after
N builds, the first one included; the exit code is then 0 when the last build of every year
succeeded, else 1.
"""

from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path

import watchfiles

from libreport.build import BuildOptions, build_year, years_office
from libreport.diagnostics import Diagnostics, shown_path
from libreport.i18n import t
from libreport.project import Project

MAX_BUILDS_ENV = "LIBREPORT_WATCH_MAX_BUILDS"


def watch_and_build(project: Project, years: list[str], options: BuildOptions) -> int:
    import gc

    gc.enable()  # the CLI turns the collector off for one-shot runs; a watch runs for hours
    limit = _limit()
    last_ok: dict[str, bool] = {}
    printed: dict[str, set] = {}  # year → the problems already printed, so a save prints only what changed
    # One LibreOffice for the whole watch: a rebuilt PDF waits for a layout, never for LibreOffice to start.
    with _stop_on_sigterm(), years_office(options) as office:
        return _watch(project, years, options, office, limit, last_ok, printed)


def _watch(project: Project, years: list[str], options: BuildOptions, office, limit: int | None,
           last_ok: dict[str, bool], printed: dict[str, set]) -> int:
    try:
        last_ok.update(_build(project, years, options, first=True, printed=printed, office=office))
        builds = 1
        while limit is None or builds < limit:
            targets = {y: watched_folders(project, y) for y in years}
            folders = sorted(set().union(*targets.values()))
            announced = restart = False
            for changes in watchfiles.watch(*folders, watch_filter=SourceFilter(project), rust_timeout=200,
                                            yield_on_timeout=True, raise_interrupt=True):
                if not announced:  # the first (empty) yield comes once the watcher is running
                    say(t("watching", folder=", ".join(shown_path(f) for f in folders)))
                    announced = True
                if not changes:
                    continue
                changed = [Path(p) for _change, p in changes]
                due = [y for y in years if any(_inside(p, f) for p in changed for f in targets[y])]
                if not due:
                    continue
                last_ok.update(_build(project, due, options, first=False, printed=printed, office=office))
                builds += 1
                if limit is not None and builds >= limit:
                    break
                if {y: watched_folders(project, y) for y in years} != targets:
                    restart = True  # compare_with changed, or an earlier year appeared: watch the new set
                    break
            if not restart:
                break
    except KeyboardInterrupt:
        say(t("watch_stopped"))
        return 0
    return 0 if all(last_ok.values()) else 1


@contextmanager
def _stop_on_sigterm():
    """`kill` (SIGTERM) stops watching as Ctrl+C does, LibreOffice ended with it (a watch started in the
    background ignores Ctrl+C's signal); the handler before is back afterwards."""
    import signal
    import threading

    def stop(signum, frame):
        raise KeyboardInterrupt

    if not hasattr(signal, "SIGTERM") or threading.current_thread() is not threading.main_thread():
        yield
        return
    before = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, before)


def _limit() -> int | None:
    raw = os.environ.get(MAX_BUILDS_ENV, "").strip()
    try:
        n = int(raw)
    except ValueError:
        return None
    return n if n > 0 else None


def _build(project: Project, years: list[str], options: BuildOptions, first: bool,
           printed: dict[str, set], office=None) -> dict[str, bool]:
    """One round: each year built with a freshly read template. Returns year → built.

    Problems already printed by an earlier round are not printed again (a line that only moved, because
    lines were added above it, is the same problem); what was fixed since is counted."""
    done = {}
    for year in years:
        result = build_year(project, year, options, office=office)  # template=None: read again, it may have changed
        before = printed.get(year, set())
        now = {(d.file, d.code, d.message) for d in result.diags.items}
        for d in result.diags.sorted():
            if (d.file, d.code, d.message) not in before:
                say(d.format(Path.cwd()), err=True)
        if not first and before - now:
            say(t("watch_problems", year=year, fixed=len(before - now), unchanged=len(before & now)), err=True)
        printed[year] = now
        if result.built is None:
            say(t("watch_errors", year=year), err=True)
            done[year] = False
            continue
        if result.web is not None:
            say(t("built_web", path=shown_path(result.web)) if first else t("rebuilt", path=shown_path(result.web)))
        if result.docx is not None:
            pages = t("pages", pages=result.pages) if result.pages else t("pages_unknown")
            shown = shown_path(result.docx)
            say(t("built", path=shown, pages=pages) if first else t("rebuilt", path=shown))
        if result.pdf:
            say(t("built_pdf", path=shown_path(result.pdf)))
        for message in result.messages or []:
            say(message, err=True)
        done[year] = True
    return done


def say(text: str, err: bool = False) -> None:
    stamp = time.strftime("%H:%M:%S")
    print(f"[{stamp}] {text}", file=sys.stderr if err else sys.stdout, flush=True)


def watched_folders(project: Project, year: str) -> frozenset[Path]:
    """The folders whose changes can change this year's report, and the project's plans (files of their own)."""
    from libreport.sources.plan import plan_files

    folders = {project.year_folder(year), project.templates}
    previous = _previous(project, year)
    if previous is not None:
        folders.add(previous)
    plans = {file for file, _mark in plan_files(project) if file.is_file()}
    return frozenset(f.resolve() for f in folders if f.is_dir()) | frozenset(f.resolve() for f in plans)


def _previous(project: Project, year: str) -> Path | None:
    from libreport.checks.yoy import compared_folder
    from libreport.sources.report import load_report

    report = load_report(project.year_folder(year), Diagnostics())
    if report is None:
        return project.previous_year(int(year)) if year.isdigit() else None
    return compared_folder(project, report)


def _inside(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder)
        return True
    except ValueError:
        return False


class SourceFilter(watchfiles.DefaultFilter):
    # Word's and LibreOffice's lock files, and the temporary files atomic writes leave for a moment.
    ignore_entity_patterns = (*watchfiles.DefaultFilter.ignore_entity_patterns, r"^~\$", r"^\.~lock\.", r"\.tmp$")

    def __init__(self, project: Project):
        super().__init__(ignore_paths=[str(project.output.resolve())])
