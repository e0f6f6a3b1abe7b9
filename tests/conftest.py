"""Shared helpers: the repository's paths and a way to run the real CLI."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
TEMPLATES = ROOT / "templates"
CASES = Path(__file__).resolve().parent / "cases"


def run_cli(*args: str, cwd: Path | None = None, env: dict | None = None, input: str | None = None,
            timeout: int = 600) -> subprocess.CompletedProcess:
    """Run `libreport` as a user would, in a separate process."""
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
