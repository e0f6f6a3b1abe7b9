"""Shared helpers: the repository's paths and a way to run the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEMPLATES = ROOT / "templates"
CASES = Path(__file__).resolve().parent / "cases"


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
        os.chdir(cwd or ROOT)
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
    return subprocess.run([sys.executable, "-m", "libreport", *args], cwd=cwd or ROOT, env=full_env,
                          capture_output=True, text=True, input=input, timeout=timeout)


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of the examples as a project of its own, safe to change."""
    shutil.copytree(EXAMPLES, tmp_path / "years")
    (tmp_path / "libreport.yaml").write_text(
        f"sources: years\ntemplates: {TEMPLATES.as_posix()}\noutput: out\n", encoding="utf-8")
    return tmp_path


def needs_libreoffice():
    """In CI LibreOffice must be there (a skip would hide a failure); elsewhere its tests are skipped."""
    if shutil.which("soffice") or shutil.which("libreoffice"):
        return pytest.mark.libreoffice
    if os.environ.get("CI"):
        return pytest.mark.libreoffice
    return pytest.mark.skip(reason="LibreOffice (soffice) is not installed")
