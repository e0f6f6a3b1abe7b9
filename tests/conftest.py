"""Shared helpers: the repository's paths and a way to run the real CLI."""

from __future__ import annotations

import atexit
import os
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

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


def run_process(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
                timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `python -m libreport ARGS` in a separate process: for what only a real process shows (start-up,
    signals, the console script). Most tests use `run_cli`, which is the same command line in-process."""
    full_env = {**os.environ, "LIBREPORT_LANG": "en", **(env or {})}
    return subprocess.run([sys.executable, "-m", "libreport", *args], cwd=cwd or PRISTINE, env=full_env,
                          capture_output=True, text=True, input=input, timeout=timeout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the example years as a project of its own, safe to change."""
    for year in (p for p in EXAMPLES.iterdir() if p.name.isdigit()):
        shutil.copytree(year, tmp_path / "years" / year.name)
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
