"""Shared helpers: the repository's paths and a way to run the real CLI."""

from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
CASES = Path(__file__).resolve().parent / "cases"


def _pristine() -> Path:
    """A copy of the examples and templates as the repository holds them, made once per test process.

    Tests read and build these, never the working tree's own folders: a year a user started there with
    `libreport new`, a template they restyled or reports they built never change what the suite sees.
    """
    folder = Path(tempfile.mkdtemp(prefix="libreport-tests-"))
    atexit.register(shutil.rmtree, folder, ignore_errors=True)
    try:
        listed = subprocess.run(["git", "ls-files", "-z", "examples", "templates"], cwd=ROOT, capture_output=True,
                                check=True).stdout.decode("utf-8").split("\0")
        files = [ROOT / name for name in listed if name]
    except (OSError, subprocess.CalledProcessError):  # not a git checkout: take the folders as they are
        files = [p for top in ("examples", "templates") for p in (ROOT / top).rglob("*") if p.is_file()]
    for path in files:
        target = folder / path.relative_to(ROOT)
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(path, target)
    (folder / "libreport.yaml").write_text("sources: examples\ntemplates: templates\noutput: build\n",
                                           encoding="utf-8")
    return folder


PRISTINE = _pristine()  # the project the tests run in unless they make their own (see `project`)
EXAMPLES = PRISTINE / "examples"
TEMPLATES = PRISTINE / "templates"


@dataclass
class Ran:
    """What a command printed and returned, like subprocess.CompletedProcess."""

    args: tuple[str, ...]
    returncode: int
    stdout: str
    stderr: str


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
            timeout: int = 600) -> Ran:
    """Run `libreport ARGS` in this process, as a user would in a shell at `cwd` (fast: no interpreter start).

    The environment is the test process's with `env` on top (LIBREPORT_LANG=en unless given); stdout and
    stderr are captured apart. An exception escaping the command fails the test with its traceback.
    """
    from typer.testing import CliRunner

    from libreport import cli

    runner = CliRunner()
    before = Path.cwd()
    with runner.isolation(input=input, env={"LIBREPORT_LANG": "en", **(env or {})}) as (out, err, _):
        os.chdir(cwd or PRISTINE)
        try:
            code = cli.run(list(args))
        except SystemExit as done:  # a command that exits the way Typer's commands do
            code = done.code if isinstance(done.code, int) else 1
        finally:
            os.chdir(before)
            sys.stdout.flush()
            sys.stderr.flush()
        return Ran(args, code, out.getvalue().decode("utf-8", "replace"), err.getvalue().decode("utf-8", "replace"))


PYCACHE = PRISTINE / ".pycache"


def process_env(env: dict | None = None) -> dict:
    """The environment of a libreport process a test starts. Its compiled modules are kept (in a folder of
    the test session's own, even where PYTHONDONTWRITEBYTECODE is set), so that the session's processes
    compile libreport once, not once each."""
    full = {**os.environ, "LIBREPORT_LANG": "en", "PYTHONPYCACHEPREFIX": str(PYCACHE), **(env or {})}
    full.pop("PYTHONDONTWRITEBYTECODE", None)
    return full


def _lower_priority() -> None:
    if hasattr(os, "nice"):
        os.nice(10)


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
                timeout: int = 600, background: bool = False) -> subprocess.CompletedProcess:
    """Run `python -m libreport ARGS` in a separate process: for what only a real process shows (start-up,
    signals, the console script). Most tests use `run_cli`, which is the same command line in-process.
    `background`: at a lower priority (LibreOffice's layouts too), so the tests running meanwhile go first."""
    full_env = process_env(env)
    lower = _lower_priority if background else None
    return subprocess.run([sys.executable, "-m", "libreport", *args], cwd=cwd or PRISTINE, env=full_env,
                          capture_output=True, text=True, input=input, timeout=timeout, preexec_fn=lower)


def beyond_staff_to_fill(diags) -> list:
    """Diagnostics other than the one the examples are meant to give: the printed reports show 人员结构 only as
    charts, whose figures their text does not hold, so the examples list the section without a staff.yaml and
    validate names it as still to fill."""
    def message(d) -> str:
        return d["message"] if isinstance(d, dict) else d.message

    return [d for d in diags if not message(d).startswith("report.yaml lists 人员结构")]


def edit_docx(docx: Path, changes: dict) -> None:
    """Edit a Word document in place, as a staff member's editor would: each named part (a new one when it is not
    there yet, starting from "") is replaced by what its change makes of its text."""
    with zipfile.ZipFile(docx) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    for part, change in changes.items():
        parts[part] = change(parts.get(part, b"").decode("utf-8")).encode("utf-8")
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example years, and the plan beside them, as a project of its own, safe to change."""
    for year in (p for p in EXAMPLES.iterdir() if p.name.isdigit()):
        shutil.copytree(year, tmp_path / "years" / year.name)
    shutil.copy(EXAMPLES / "plan.yaml", tmp_path / "years" / "plan.yaml")  # the plan the years follow
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    (tmp_path / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    return tmp_path


def needs_libreoffice():
    """In CI LibreOffice must be there (a skip would hide a failure); elsewhere its tests are skipped."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return pytest.mark.libreoffice
    if os.environ.get("CI"):
        return pytest.mark.libreoffice
    return pytest.mark.skip(reason="LibreOffice (soffice) is not installed")


# -- the examples laid out once per session ---------------------------------------------------------------

EXAMPLE_YEARS = ("2021", "2019")
OFFICIAL = Path(__file__).resolve().parent / "data" / "official"  # a 工作总结 laid out as an official document
TABLES = Path(__file__).resolve().parent / "data" / "tables"  # a 年报 of tables with charts drawn from them
COVER = Path(__file__).resolve().parent / "data" / "cover"  # a 年报 whose cover report.yaml words
LAST_PAGE = Path(__file__).resolve().parent / "data" / "last-page"  # an official text ending at a page's foot
def _shared() -> Path | None:
    """A folder of ISO/IEC 29500 schemas and their jing checker (`shared/ooxml/validate.py`) beside the
    project or one of its parent folders, or where LIBREPORT_SHARED names it: a second opinion on the schema
    check where a developer keeps one. The project never needs it."""
    named = os.environ.get("LIBREPORT_SHARED")
    candidates = [Path(named)] if named else [p / "shared" for p in ROOT.parents]
    return next((c for c in candidates if (c / "ooxml" / "validate.py").is_file()), None)


SHARED = _shared()


def has_libreoffice() -> bool:
    return bool(shutil.which("soffice") or shutil.which("libreoffice"))


@dataclass
class Built:
    """One example year built by the real command: the .docx, its PDF when LibreOffice is there, and what
    the command printed."""

    docx: Path
    pdf: Path | None
    run: subprocess.CompletedProcess


class Layouts:
    """Every example built (and laid out by LibreOffice, when installed) once per test session.

    A layout costs seconds, so the builds start in the background as soon as the tests that read them are
    collected, and run beside the other tests; the first test that needs one waits for it. The schema check
    of the built reports and the template follows the builds; a template saved by LibreOffice is built too.
    """

    def __init__(self) -> None:
        self.folder = Path(tempfile.mkdtemp(prefix="libreport-layouts-"))
        atexit.register(shutil.rmtree, self.folder, ignore_errors=True)
        self._pool: Any = None
        self._jobs: dict[str, Any] = {}

    def start(self) -> None:
        if self._pool is not None:
            return
        from concurrent.futures import ThreadPoolExecutor

        self._pool = ThreadPoolExecutor(max_workers=3)
        atexit.register(self._pool.shutdown, wait=True, cancel_futures=True)
        # 2021's contents get their page numbers from a layout, as `build --pdf` does by default; 2019 is laid
        # out once, its contents a field (its pages are read for everything but the contents' numbers).
        self._jobs["2021"] = self._pool.submit(self._build, "2021")
        self._jobs["2019"] = self._pool.submit(self._build, "2019", "--toc", "field")
        self._jobs["narrative"] = self._pool.submit(self._build_narrative)
        self._jobs["official"] = self._pool.submit(self._build_official)
        self._jobs["tables"] = self._pool.submit(self._build_project, "tables", TABLES)
        self._jobs["cover"] = self._pool.submit(self._build_project, "cover", COVER)
        self._jobs["last_page"] = self._pool.submit(self._build_project, "last_page", LAST_PAGE)
        self._jobs["resaved"] = self._pool.submit(self._resaved_template)
        self._jobs["schema"] = self._pool.submit(self._schema)
        self._jobs["jing"] = self._pool.submit(self._jing)

    def _wait(self, name: str):
        self.start()
        return self._jobs[name].result()

    def example(self, year: str) -> Built:
        return self._wait(year)

    def narrative(self) -> Built:
        """examples/qinghe's 2023: another library's project, a narrative 工作总结."""
        return self._wait("narrative")

    def official(self) -> Built:
        """tests/data/official's 2023: a 工作总结 printed as an official document, with templates/official.docx."""
        return self._wait("official")

    def tables(self) -> Built:
        """tests/data/tables's 2023: table sections with a bar chart printed alone and a pie chart."""
        return self._wait("tables")
    def cover(self) -> Built:
        """tests/data/cover's 2023: a 年报 whose cover lines, date and first-page headers report.yaml sets."""
        return self._wait("cover")

    def last_page(self) -> Built:
        """tests/data/last-page's 2023: an official document whose text ends at the foot of a page."""
        return self._wait("last_page")

    def resaved(self) -> Built:
        """2019 built with templates/report.docx as LibreOffice saves it (opened and saved unchanged)."""
        return self._wait("resaved")

    def schema(self) -> dict[str, list[str]]:
        """What the schema check (openxml-audit, the Open XML SDK's validator) finds in the template and in
        every report built here: each file's label with its violations, as `part path: message` lines."""
        return self._wait("schema")

    def second_opinion(self) -> subprocess.CompletedProcess | None:
        """The same files checked by jing against the ISO/IEC 29500 schemas (None without them or jing)."""
        return self._wait("jing")

    def _build(self, year: str, *extra: str) -> Built:
        out = self.folder / (year + "".join(extra).replace("-", "").replace("/", "_"))
        pdf = ("--pdf",) if has_libreoffice() else ("--toc", "field")
        done = run_process("build", year, *pdf, "--output", str(out), *extra, timeout=900, background=True)
        docx = next(out.glob(f"{year}/*.docx"), out / "missing.docx")
        found = docx.with_suffix(".pdf")
        return Built(docx, found if found.is_file() else None, done)

    def _build_narrative(self) -> Built:
        out = self.folder / "narrative"
        pdf = ("--pdf",) if has_libreoffice() else ("--toc", "field")
        done = run_process("build", "2023", *pdf, "--output", str(out), cwd=EXAMPLES / "qinghe", timeout=900,
                           background=True)
        docx = next(out.glob("2023/*.docx"), out / "missing.docx")
        found = docx.with_suffix(".pdf")
        return Built(docx, found if found.is_file() else None, done)

    def _build_official(self) -> Built:
        out = self.folder / "official"
        pdf = ("--pdf",) if has_libreoffice() else ("--toc", "field")
        done = run_process("build", "2023", *pdf, "--output", str(out), cwd=OFFICIAL, timeout=900, background=True)
        docx = next(out.glob("2023/*.docx"), out / "missing.docx")
        found = docx.with_suffix(".pdf")
        return Built(docx, found if found.is_file() else None, done)

    def _build_project(self, name: str, project: Path) -> Built:
        """A test project whose pages are read for what they show, not for its contents' page numbers: one
        LibreOffice layout (the PDF) instead of two."""
        out = self.folder / name
        pdf = ("--toc", "field", "--pdf") if has_libreoffice() else ("--toc", "field")
        done = run_process("build", "2023", *pdf, "--output", str(out), cwd=project, timeout=900, background=True)
        docx = next(out.glob("2023/*.docx"), out / "missing.docx")
        found = docx.with_suffix(".pdf")
        return Built(docx, found if found.is_file() else None, done)

    def _resaved_template(self) -> Built | None:
        exe = shutil.which("soffice") or shutil.which("libreoffice")
        if exe is None:
            return None
        folder = self.folder / "resaved"
        shutil.copytree(TEMPLATES, folder / "templates")
        profile = (self.folder / "profile").as_uri()
        subprocess.run([exe, f"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                        "docx:MS Word 2007 XML", "--outdir", str(folder / "saved"), str(TEMPLATES / "report.docx")],
                       capture_output=True, timeout=300, env={**os.environ, "HOME": str(self.folder)},
                       preexec_fn=_lower_priority)
        shutil.copy(folder / "saved" / "report.docx", folder / "templates" / "report.docx")
        out = folder / "out"
        done = run_process("build", "2019", "--toc", "field", "--pdf", "--output", str(out), "--template",
                           str(folder / "templates"), timeout=900, background=True)
        docx = next(out.glob("2019/*.docx"), out / "missing.docx")
        return Built(docx, docx.with_suffix(".pdf") if docx.with_suffix(".pdf").is_file() else None, done)

    def _checked(self) -> dict[str, Path]:
        """The files the schema checks read, by label."""
        files = {"template": TEMPLATES / "report.docx", "official-template": TEMPLATES / "official.docx"}
        files.update({year: self._jobs[year].result().docx for year in EXAMPLE_YEARS})
        files["qinghe-2023"] = self._jobs["narrative"].result().docx  # pictures, letterhead, a table section
        files["official-2023"] = self._jobs["official"].result().docx  # letterhead with its number, 版记
        files["tables-2023"] = self._jobs["tables"].result().docx  # a bar chart and a pie chart of table columns
        files["cover-2023"] = self._jobs["cover"].result().docx  # cover lines, blank first-page headers
        resaved = self._jobs["resaved"].result()
        if resaved is not None:
            files["resaved-template-2019"] = resaved.docx
        return files

    def _schema(self) -> dict[str, list[str]]:
        # In a process of its own (its command line), so that the check runs beside the other tests.
        folder = self.folder / "schema"
        folder.mkdir()
        for label, path in self._checked().items():
            shutil.copy(path, folder / f"{label}.docx")
        done = subprocess.run([sys.executable, "-m", "openxml_audit", "--recursive", "--output", "json",
                               "--max-errors", "0", str(folder)], capture_output=True, text=True, timeout=600,
                              preexec_fn=_lower_priority)
        try:
            results = json.loads(done.stdout)
        except json.JSONDecodeError:
            return {"(openxml-audit)": [done.stdout[-2000:] + done.stderr[-2000:]]}
        return {Path(r["file"]).stem: [f"{e.get('part_uri')} {e.get('path')}: {e.get('description')}"
                                       for e in r["errors"] if e.get("severity") == "error"] for r in results}

    def _jing(self) -> subprocess.CompletedProcess | None:
        if SHARED is None or shutil.which("jing") is None:
            return None
        return subprocess.run([sys.executable, str(SHARED / "ooxml" / "validate.py"),
                               *(f"{label}={path}" for label, path in self._checked().items())],
                              capture_output=True, text=True, timeout=600, preexec_fn=_lower_priority)


LAYOUTS = Layouts()


@pytest.hookimpl(trylast=True)  # after -k and -m have deselected: a run that reads no layout starts none
def pytest_collection_modifyitems(session, config, items) -> None:
    """The tests that read the laid-out examples run in one process, so each example is laid out once. Run
    alone, that process starts the layouts at once, beside the other tests; run by pytest-xdist (which
    collects every test in every worker), only the worker that gets them starts them, at the first one."""
    users = [item for item in items if "layouts" in getattr(item, "fixturenames", ())]
    for item in users:
        item.add_marker(pytest.mark.xdist_group("layouts"))
    if users and not os.environ.get("PYTEST_XDIST_WORKER") and not config.option.collectonly:
        LAYOUTS.start()
        # They run last, so that the other tests keep the process busy while LibreOffice lays the examples out.
        others = [item for item in items if item not in set(users)]
        items[:] = others + users


@pytest.fixture(scope="session")
def layouts() -> Layouts:
    LAYOUTS.start()
    return LAYOUTS


# -- the web edition ------------------------------------------------------------------------------------------

# the editions the tests read: each example, another library's narrative 工作总结, an official document, a 年报
# whose cover report.yaml words, and one of tables with a bar and a pie chart
EDITIONS = {"2021": (PRISTINE, "2021"), "2019": (PRISTINE, "2019"), "qinghe": (EXAMPLES / "qinghe", "2023"),
            "official": (OFFICIAL, "2023"), "cover": (COVER, "2023"), "tables": (TABLES, "2023")}


@dataclass
class Edition:
    docx: Path
    index: Path

    @property
    def folder(self) -> Path:
        return self.index.parent


@pytest.fixture(scope="session")
def editions(tmp_path_factory) -> dict[str, Edition]:
    """Both editions of each report, Word and web, built by one command each, once per session."""
    out = tmp_path_factory.mktemp("web")
    found = {}
    for name, (project, year) in EDITIONS.items():
        done = run_cli("build", year, "--format", "docx,html", "--toc", "field", "--output", str(out / name),
                       cwd=project)
        assert done.returncode == 0, done.stderr
        [docx] = (out / name / year).glob("*.docx")
        found[name] = Edition(docx, docx.with_suffix("") / "index.html")
    return found



# -- a real browser, once per session ---------------------------------------------------------------------

def chromium() -> str | None:
    """The Chromium (or Chrome) the browser tests drive: LIBREPORT_CHROMIUM, else the system's own, as Debian's
    `chromium` package installs it. Playwright drives it as it is: no browser of Playwright's is downloaded."""
    named = os.environ.get("LIBREPORT_CHROMIUM")
    if named:
        return named
    for name in ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable"):
        found = shutil.which(name)
        if found:
            return found
    return None


def _has_playwright() -> bool:
    import importlib.util

    return importlib.util.find_spec("playwright") is not None and importlib.util.find_spec(
        "axe_playwright_python") is not None


def needs_browser():
    """In CI the browser tests must run (a skip would hide a failure); elsewhere they are skipped without
    Chromium or Playwright."""
    if os.environ.get("CI") or (chromium() and _has_playwright()):
        return pytest.mark.browser
    return pytest.mark.skip(reason="Chromium or Playwright (pip install -e '.[test]') is not installed")


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session; each test opens its own pages in it."""
    from playwright.sync_api import sync_playwright

    exe = chromium()
    assert exe is not None, "no Chromium: apt-get install chromium (or set LIBREPORT_CHROMIUM)"
    with sync_playwright() as driver:
        launched = driver.chromium.launch(executable_path=exe, headless=True, args=["--disable-gpu"])
        try:
            yield launched
        finally:
            launched.close()


def axe_script() -> str:
    """axe-core's script, as the axe-playwright-python package ships it (no network)."""
    from importlib.resources import files

    return (files("axe_playwright_python") / "axe.min.js").read_text(encoding="utf-8")


class Served:
    """`libreport serve` running in a process of its own (see `serving`): its address, what it printed."""

    def __init__(self, process: subprocess.Popen, url: str, lines: list[str]):
        self.process = process
        self.url = url
        self.lines = lines
        self.returncode: int | None = None  # once stopped

    def get(self, path: str = "/") -> str:
        from urllib.request import urlopen

        with urlopen(self.url.rstrip("/") + path, timeout=10) as answer:
            return answer.read().decode("utf-8")

    def state(self) -> dict:
        import json

        return json.loads(self.get("/__libreport/state"))

    def wait_for_version(self, version: int, timeout: float = 60) -> dict:
        """The server's state once its edition was built `version` times (a bounded wait)."""
        import time

        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            state = self.state()
            if state["version"] >= version:
                return state
            time.sleep(0.2)
        raise AssertionError(f"not rebuilt within {timeout} s: {self.lines}")


@contextmanager
def serving(cwd: Path, *args: str, env: dict | None = None, timeout: float = 90):
    """`libreport serve ARGS` started at `cwd`, on the loopback interface; stopped with Ctrl+C (SIGINT) after
    the block, which it must survive cleanly (exit code 0) within a bounded time."""
    import queue
    import signal
    import threading
    import time

    process = subprocess.Popen([sys.executable, "-m", "libreport", "serve", *args], cwd=cwd, env=process_env(env),
                               stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines: list[str] = []
    said: queue.Queue = queue.Queue()

    def read() -> None:
        assert process.stdout is not None
        for line in process.stdout:
            lines.append(line)
            said.put(line)

    threading.Thread(target=read, daemon=True).start()
    try:
        deadline = time.monotonic() + timeout
        url = None
        while url is None:
            left = deadline - time.monotonic()
            if left <= 0 or process.poll() is not None:
                raise AssertionError(f"serve did not start: {lines}")
            try:
                line = said.get(timeout=min(left, 1))
            except queue.Empty:
                continue
            if "http://127.0.0.1:" in line:
                url = line[line.index("http://"):].split()[0]
        served = Served(process, url, lines)
        yield served
        process.send_signal(signal.SIGINT)
        served.returncode = process.wait(timeout=20)
    finally:
        if process.poll() is None:
            process.kill()
            process.wait(timeout=10)
