"""One LibreOffice kept running for a build, or for as long as `build --watch` watches.

LibreOffice starts once (that start is most of the time a layout takes) and lays out document after
document: office.bas, run inside it as a macro, waits for a job file, loads the document, lays it out,
exports the PDF when asked, and answers with the page count and what every page reference (the TOC's page
numbers) prints in that layout. So the TOC's page numbers and the PDF come from one layout, in one pass.
It needs nothing but LibreOffice itself: no Python-UNO bridge in libreport's Python.

The process is started before it is needed (it starts while the report is being rendered) and is never
left behind: `close()` ends it, it ends itself when the libreport that started it is gone, and one that
crashed or hangs is killed and started afresh for the next document.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from libreport.docx.xml import esc
from libreport.pdf import LayoutError, fontconfig, soffice

MACRO = Path(__file__).with_name("office.bas")
POLL = 0.01  # seconds between looks for the answer
STOP_GRACE = 5.0  # seconds LibreOffice has to end by itself when asked to


@dataclass
class Layout:
    pages: int
    refs: dict[str, str] = field(default_factory=dict)  # bookmark → what its page reference prints
    pdf: bytes | None = None


class Office:
    """LibreOffice with a user profile and font configuration of its own, in libreport's cache folder (a
    temporary one when the cache is not writable or another libreport is using it)."""

    def __init__(self, timeout: float = 300):
        exe = soffice()
        if exe is None:
            raise LayoutError("LibreOffice (soffice) is not installed")
        self.exe, self.timeout = exe, timeout
        self._proc: subprocess.Popen | None = None
        self._tmp: tempfile.TemporaryDirectory | None = None
        self._lock: IO[str] | None = None
        self.folder = self._folder()
        self.jobs = self.folder / "jobs"
        self.profile = self.folder / "profile"
        self.env = {**os.environ, "HOME": str(self.folder), "FONTCONFIG_FILE": str(fontconfig(self.folder))}

    def _folder(self) -> Path:
        from libreport.cache import cache_dir

        cached = cache_dir("libreoffice")
        if cached is not None and self._take(cached / "lock"):
            return cached
        self._tmp = tempfile.TemporaryDirectory(prefix="libreport-")
        return Path(self._tmp.name)

    def _take(self, path: Path) -> bool:
        """Hold the profile's lock for as long as this LibreOffice runs: a profile serves one process."""
        try:
            import fcntl
        except ImportError:  # Windows: a profile of its own each time
            return False
        try:
            handle = open(path, "a")  # noqa: SIM115 (held until close())
        except OSError:
            return False
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            handle.close()
            return False
        self._lock = handle
        return True

    def __enter__(self) -> Office:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @property
    def running(self) -> bool:
        return self._proc is not None and self._proc.poll() is None

    def start(self) -> None:
        """Start LibreOffice, if it is not running, without waiting for it to be ready."""
        if self.running:
            return
        self._end()
        shutil.rmtree(self.jobs, ignore_errors=True)
        self.jobs.mkdir(parents=True)
        self._install_macro()
        parent = str(os.getpid()) if Path("/proc", str(os.getpid())).is_dir() else ""
        cmd = [self.exe, f"-env:UserInstallation={self.profile.as_uri()}", "--headless", "--invisible",
               "--norestore", "--nolockcheck", "--nodefault",
               f'macro:///Standard.Libreport.Serve("{self.jobs.as_uri()}","{parent}")']
        try:
            with open(self.jobs / "stderr.txt", "wb") as err:
                self._proc = subprocess.Popen(cmd, env=self.env, stdin=subprocess.DEVNULL,
                                              stdout=subprocess.DEVNULL, stderr=err,
                                              start_new_session=os.name == "posix")
        except OSError as exc:
            raise LayoutError(f"LibreOffice could not be started: {exc.strerror or exc}") from exc

    def _install_macro(self) -> None:
        """office.bas as the module Libreport of the profile's Standard library (written at every start, so a
        profile always runs this version of it)."""
        basic = self.profile / "user" / "basic"
        (basic / "Standard").mkdir(parents=True, exist_ok=True)
        head = '<?xml version="1.0" encoding="UTF-8"?>\n'
        lib = 'xmlns:library="http://openoffice.org/2000/library"'
        (basic / "script.xlc").write_text(
            f'{head}<library:libraries {lib} xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<library:library library:name="Standard" library:link="false"/></library:libraries>\n',
            encoding="utf-8")
        (basic / "dialog.xlc").write_text(
            f'{head}<library:libraries {lib} xmlns:xlink="http://www.w3.org/1999/xlink">'
            '<library:library library:name="Standard" library:link="false"/></library:libraries>\n',
            encoding="utf-8")
        (basic / "Standard" / "script.xlb").write_text(
            f'{head}<library:library {lib} library:name="Standard" library:readonly="false" '
            'library:passwordprotected="false"><library:element library:name="Libreport"/></library:library>\n',
            encoding="utf-8")
        (basic / "Standard" / "dialog.xlb").write_text(
            f'{head}<library:library {lib} library:name="Standard" library:readonly="false" '
            'library:passwordprotected="false"/>\n', encoding="utf-8")
        (basic / "Standard" / "Libreport.xba").write_text(
            f'{head}<script:module xmlns:script="http://openoffice.org/2000/script" script:name="Libreport" '
            f'script:language="StarBasic">{esc(MACRO.read_text(encoding="utf-8"))}</script:module>\n',
            encoding="utf-8")

    def layout(self, docx: bytes, pdf: bool = False, autospace: bool = True) -> Layout:
        """Lay `docx` out (and export it as PDF when asked). A LibreOffice that is not running, or that
        crashed on this document, is started afresh once; one that does not answer within the time limit is
        killed and the next document starts another."""
        try:
            return self._job(docx, pdf, autospace)
        except _Crashed:
            return self._job(docx, pdf, autospace)

    def _job(self, docx: bytes, pdf: bool, autospace: bool) -> Layout:
        self.start()
        source, out, answer = self.jobs / "in.docx", self.jobs / "out.pdf", self.jobs / "answer"
        for stale in (out, answer):
            with contextlib.suppress(FileNotFoundError):
                stale.unlink()
        source.write_bytes(docx)
        ticket = self.jobs / "job.tmp"
        ticket.write_text("\n".join(("layout", source.as_uri(), out.as_uri() if pdf else "",
                                     "1" if autospace else "0")) + "\n", encoding="utf-8")
        os.replace(ticket, self.jobs / "job")
        deadline = time.monotonic() + self.timeout
        while not answer.exists():
            if not self.running:
                said = self._said()
                self._end()
                raise _Crashed(f"LibreOffice stopped before it finished the layout{said}")
            if time.monotonic() > deadline:
                self._end()
                raise LayoutError(f"LibreOffice did not finish within {self.timeout:g} s")
            time.sleep(POLL)
        lines = answer.read_text(encoding="utf-8").splitlines()
        answer.unlink()
        if not lines or lines[0].startswith("error "):
            raise LayoutError(f"LibreOffice could not lay the report out: {lines[0][6:] if lines else ''}")
        result = Layout(pages=int(lines[0].split()[1]))
        for line in lines[1:]:
            kind, _, rest = line.partition(" ")
            name, _, text = rest.partition(" ")
            if kind == "ref":
                result.refs.setdefault(name, text.strip())
        if pdf:
            if not out.is_file():
                raise LayoutError("LibreOffice could not export the PDF")
            result.pdf = out.read_bytes()
        return result

    def _said(self) -> str:
        try:
            text = (self.jobs / "stderr.txt").read_text(errors="replace").strip()
        except OSError:
            return ""
        lines = [line for line in text.splitlines() if "javaldx" not in line]
        return f": {lines[-1]}" if lines else ""

    def close(self) -> None:
        """Ask LibreOffice to end, and end it if it does not; then give up the profile."""
        if self.running:
            with contextlib.suppress(OSError):
                ticket = self.jobs / "job.tmp"
                ticket.write_text("stop\n", encoding="utf-8")
                os.replace(ticket, self.jobs / "job")
            assert self._proc is not None
            with contextlib.suppress(subprocess.TimeoutExpired):
                self._proc.wait(STOP_GRACE)
        self._end()
        if self._lock is not None:
            self._lock.close()
            self._lock = None
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def _end(self) -> None:
        """Kill what is left of the process and everything it started (soffice starts soffice.bin)."""
        proc, self._proc = self._proc, None
        if proc is None:
            return
        if os.name == "posix":
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(proc.pid, signal.SIGKILL)
        else:
            proc.kill()
        proc.wait()


class _Crashed(LayoutError):
    pass
