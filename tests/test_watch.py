"""`libreport build --watch`: every saved change rebuilds; a broken source never replaces the last good report."""

from __future__ import annotations

import contextlib
import hashlib
import queue
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from docx import Document

from .conftest import process_env, run_cli

REPORT = "out/2021/越秀区图书馆2021年年报.docx"


class Watch:
    """`libreport build … --watch` running in the background, its output read line by line."""

    def __init__(self, project: Path, *args: str, env: dict | None = None):
        full_env = process_env({"LIBREPORT_WATCH_MAX_BUILDS": "20", **(env or {})})
        self.proc = subprocess.Popen([sys.executable, "-m", "libreport", "build", *args], cwd=project, env=full_env,
                                     stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1)
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        for line in self.proc.stdout:
            self.lines.put(line.rstrip("\n"))

    def wait_for(self, *texts: str, timeout: float = 60) -> str:
        """The next line containing all of `texts`; the lines before it are kept in `seen`."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.2)
            except queue.Empty:
                if self.proc.poll() is not None and self.lines.empty():
                    break
                continue
            self.seen.append(line)
            if all(t in line for t in texts):
                return line
        raise AssertionError(f"no line with {texts} within {timeout} s; output so far:\n" + "\n".join(self.seen))

    def quiet_for(self, seconds: float) -> list[str]:
        end, got = time.monotonic() + seconds, []
        while time.monotonic() < end:
            with contextlib.suppress(queue.Empty):
                got.append(self.lines.get(timeout=0.1))
        self.seen += got
        return got

    def stop(self) -> int:
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGINT)
        try:
            return self.proc.wait(timeout=20)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()


def tables(path: Path) -> list[list[list[str]]]:
    return [[[c.text for c in r.cells] for r in t.rows] for t in Document(str(path)).tables]


def coverage_titles(path: Path) -> list[str]:
    table = next(t for t in tables(path) if t[0][:3] == ["序号", "日期", "媒体"])
    return [r[4] for r in table[1:]]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def append(path: Path, text: str) -> None:
    with path.open("a", encoding="utf-8") as f:
        f.write(text)


def test_watch_rebuilds_on_save_and_keeps_the_last_good_report(project: Path):
    report = project / REPORT
    watch = Watch(project, "2021", "--watch", "--toc", "field")
    try:
        watch.wait_for("built", REPORT)
        watch.wait_for("watching", "years/2021", "years/2019")
        assert not [line for line in watch.quiet_for(1.0) if "built" in line], "writing the report triggered a build"
        assert "越秀区图书馆新年读书会" not in coverage_titles(report)

        append(project / "years/2021/coverage.yaml",
               "- date: 2021-12-30\n  outlet: 广州日报\n  section: 客户端\n  title: 越秀区图书馆新年读书会\n")
        watch.wait_for("rebuilt", REPORT)
        assert coverage_titles(report)[-1] == "越秀区图书馆新年读书会"
        good = digest(report)

        append(project / "years/2021/coverage.yaml",
               "- date: 2021-02-30\n  outlet: 广州日报\n  section: 客户端\n  title: 日期写错的一条\n")
        problem = watch.wait_for("error impossible-date")
        assert "years/2021/coverage.yaml:" in problem
        watch.wait_for("2021: not rebuilt (the last good report stays in place)")
        assert digest(report) == good
        assert watch.proc.poll() is None, "a broken source must not end watching"

        fixed = (project / "years/2021/coverage.yaml").read_text(encoding="utf-8").replace("2021-02-30", "2021-02-28")
        (project / "years/2021/coverage.yaml").write_text(fixed, encoding="utf-8")
        watch.wait_for("rebuilt", REPORT)
        assert coverage_titles(report)[-1] == "日期写错的一条"
        assert any("2021: 1 problem(s) fixed since the last build, 18 unchanged" in line for line in watch.seen)
        # the three activity-mismatch warnings of 2021 were printed once, not again on every save
        assert sum("warning activity-mismatch" in line for line in watch.seen) == 3
    finally:
        code = watch.stop()
    watch.quiet_for(0.5)
    assert code == 0, "\n".join(watch.seen)  # Ctrl+C is how watching ends: not a failure
    assert "stopped watching" in watch.seen[-1]


def test_watch_follows_the_previous_year_and_the_template(project: Path):
    report_yaml = project / "years/2021/report.yaml"
    report_yaml.write_text(report_yaml.read_text(encoding="utf-8").replace(
        "parts:", "year_over_year: {compare_with: 2019, columns: true}\nparts:", 1), encoding="utf-8")
    report = project / REPORT

    watch = Watch(project, "2021", "--watch", "--toc", "field")
    try:
        watch.wait_for("watching", "templates")
        stats_2019 = project / "years/2019/statistics.yaml"
        stats_2019.write_text(stats_2019.read_text(encoding="utf-8").replace(
            "{name: 有效借书证数, unit: 个, value: 163918}", "{name: 有效借书证数, unit: 个, value: 150000}"),
            encoding="utf-8")
        watch.wait_for("rebuilt", REPORT)
        stats = next(t for t in tables(report) if t[0][:2] == ["序号", "项目"])
        assert next(r for r in stats if r[1] == "有效借书证数")[4:] == ["150,000", "+25.70%"]

        snippets = project / "templates/snippets.yaml"
        snippets.write_text(snippets.read_text(encoding="utf-8").replace("total_label: 合计", "total_label: 总计"),
                            encoding="utf-8")
        watch.wait_for("rebuilt", REPORT)
        activities = next(t for t in tables(report) if t[0][:2] == ["序号", "活动类型"])
        assert activities[-1][0] == "总计"
    finally:
        assert watch.stop() == 0, "\n".join(watch.seen)


def test_watch_starts_even_when_the_sources_have_errors(project: Path):
    coverage = project / "years/2021/coverage.yaml"
    coverage.write_text(coverage.read_text(encoding="utf-8").replace("2021-01-08", "2021-02-30", 1), encoding="utf-8")
    watch = Watch(project, "2021", "--watch", "--toc", "field")
    try:
        watch.wait_for("2021: not rebuilt")
        watch.wait_for("watching")
        assert not (project / REPORT).exists()
        coverage.write_text(coverage.read_text(encoding="utf-8").replace("2021-02-30", "2021-01-08"), encoding="utf-8")
        watch.wait_for("rebuilt", REPORT)
        assert (project / REPORT).is_file()
    finally:
        assert watch.stop() == 0, "\n".join(watch.seen)


def test_watch_can_be_bounded_for_scripts(project: Path):
    """LIBREPORT_WATCH_MAX_BUILDS=1: build once and return, with build's exit code."""
    done = run_cli("build", "2021", "--watch", "--toc", "field", cwd=project,
                   env={"LIBREPORT_WATCH_MAX_BUILDS": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert f"built {REPORT}" in done.stdout


def test_watch_builds_the_web_edition_alone_when_asked(project: Path):
    done = run_cli("build", "2021", "--watch", "--format", "html", cwd=project,
                   env={"LIBREPORT_WATCH_MAX_BUILDS": "1"}, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "built the web edition out/2021/越秀区图书馆2021年年报/index.html" in done.stdout
    assert not (project / REPORT).exists()


def test_watch_stops_on_sigterm_as_on_ctrl_c(project: Path):
    """A watch started in the background ignores Ctrl+C's signal; `kill` stops it the same way (and with it the
    LibreOffice it keeps for --pdf)."""
    watch = Watch(project, "2021", "--watch", "--toc", "field")
    try:
        watch.wait_for("watching")
        watch.proc.send_signal(signal.SIGTERM)
        assert watch.proc.wait(timeout=20) == 0
    finally:
        watch.stop()
    watch.quiet_for(0.5)
    assert "stopped watching" in watch.seen[-1]


def test_watch_follows_the_projects_plan(project: Path):
    """2021 prints what it did for the plan beside the years: plan.yaml is watched with the year's own folder."""
    from libreport.commands.watch import watched_folders
    from libreport.project import load_project

    loaded = load_project(project)
    assert (project / "years" / "plan.yaml").resolve() in watched_folders(loaded, "2021")
    assert (project / "years" / "2021").resolve() in watched_folders(loaded, "2021")
