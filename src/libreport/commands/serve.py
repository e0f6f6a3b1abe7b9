"""`libreport serve [YEAR]`: the web edition previewed at 127.0.0.1, rebuilt on every save.

The edition is built into a folder of the preview's own (the project's output is left as it is) and served from
there, on the loopback interface only, at a free port unless `--port` names one. What is watched is what
`build --watch` watches (the year, the year it is compared with, the templates). The page a browser gets has
two things the built file has not: the current diagnostics at its foot, and a small script that asks the
server every second whether the edition was rebuilt, and reloads when it was. A build with errors keeps the
last good edition in place, and the page shows the errors over it. Ctrl+C (or SIGTERM) stops: the server
closes, the watcher stops, the preview's folder is removed; the exit code is 0.
"""

from __future__ import annotations

import json
import shutil
import signal
import tempfile
import threading
from dataclasses import replace
from html import escape
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

import watchfiles

from libreport.build import BuildOptions, build_year
from libreport.commands.watch import SourceFilter, watched_folders
from libreport.commands.watch import say as _say
from libreport.i18n import t
from libreport.project import Project

STATE = "/__libreport/state"
POLL_MS = 1000
_TYPES = {".html": "text/html; charset=utf-8", ".csv": "text/csv; charset=utf-8", ".json": "application/json",
          ".png": "image/png", ".jpg": "image/jpeg", ".svg": "image/svg+xml"}


class PortInUse(Exception):
    pass


class Preview:
    """The latest build of one year's web edition, and what its build said."""

    def __init__(self, project: Project, year: str, options: BuildOptions):
        self.folder = Path(tempfile.mkdtemp(prefix="libreport-serve-"))
        self.project = replace(project, output=self.folder)  # the project's own output is never touched
        self.year = year
        self.options = replace(options, formats=("html",), pdf=False)
        self.version = 0
        self.index: Path | None = None  # the last good edition's index.html
        self.diagnostics: list[dict] = []
        self.lock = threading.Lock()

    def build(self) -> bool:
        result = build_year(self.project, self.year, self.options)
        base = Path.cwd()
        found = [{"severity": d.severity.value, "line": d.format(base)} for d in result.diags.sorted()]
        with self.lock:
            if result.web is not None:
                self.index = result.web
            self.diagnostics = found
            self.version += 1
        for d in found:
            _say(d["line"], err=True)
        if result.web is None:
            _say(t("watch_errors", year=self.year), err=True)
        elif self.version > 1:
            _say(t("serve_rebuilt", year=self.year))
        return result.web is not None

    def state(self) -> dict:
        with self.lock:
            return {"version": self.version, "diagnostics": self.diagnostics}

    def close(self) -> None:
        shutil.rmtree(self.folder, ignore_errors=True)


def _panel(state: dict) -> str:
    """The diagnostics at the foot of the page, and the script that reloads it after a rebuild."""
    lines = state["diagnostics"]
    items = "".join(f'<li class="{escape(d["severity"])}">{escape(d["line"])}</li>' for d in lines)
    words = t("serve_problems", count=len(lines)) if lines else t("serve_no_problems")
    return (f'<aside id="libreport-serve" aria-label="libreport serve" data-edition="web" '
            f'style="position:sticky;bottom:0;max-height:40vh;overflow:auto;margin:0;padding:.5rem 1rem;'
            f'background:Canvas;color:CanvasText;border-top:2px solid;font:14px/1.5 monospace">'
            f"<p style=\"margin:0;text-indent:0\">{escape(words)}</p><ul>{items}</ul></aside>"
            f"<script>(()=>{{const seen={state['version']};setInterval(async()=>{{try{{"
            f"const r=await fetch('{STATE}',{{cache:'no-store'}});const s=await r.json();"
            f"if(s.version!==seen)location.reload();}}catch(e){{}}}},{POLL_MS});}})();</script>")


def _read(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except OSError:
        return None


def _inside(folder: Path, path: str) -> bytes | None:
    """The bytes of the file `path` names under `folder`, or None: a path that leads out of it, names no file, or
    is no path at all (a NUL byte, a name longer than the system allows) is not found, never an exception."""
    try:
        root = folder.resolve()
        file = (root / path.lstrip("/")).resolve()
        if not file.is_relative_to(root) or not file.is_file():
            return None
    except (OSError, ValueError):
        return None
    return _read(file)


class _Server(ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address) -> None:
        """A browser that goes away mid-answer (a reload, a closed tab) is no error, and no traceback either."""


def _handler(preview: Preview):
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            path = unquote(urlsplit(self.path).path)
            if path == STATE:
                self._send(json.dumps(preview.state(), ensure_ascii=False).encode("utf-8"), ".json")
                return
            state = preview.state()
            index = preview.index
            if path in ("/", "/index.html"):
                data = _read(index) if index is not None else None
                page = data.decode("utf-8", "replace") if data is not None else None
                if page is None:  # not built yet, or the edition was removed from under the preview
                    page = (f'<!doctype html><html lang="zh-CN"><meta charset="utf-8"><title>libreport serve</title>'
                            f"<body><h1>{escape(t('serve_not_built', year=preview.year))}</h1></body></html>")
                self._send(page.replace("</body>", _panel(state) + "</body>", 1).encode("utf-8"), ".html")
                return
            body = _inside(index.parent, path) if index is not None else None
            if body is None:  # nothing outside the edition is served, nor what is no file
                self.send_error(HTTPStatus.NOT_FOUND)
                return
            self._send(body, Path(path).suffix.lower())

        def _send(self, body: bytes, suffix: str) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", _TYPES.get(suffix, "application/octet-stream"))
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args) -> None:
            pass  # each request is not worth a line; the builds are

    return Handler


def serve(project: Project, year: str, options: BuildOptions, port: int = 0) -> int:
    import gc

    gc.enable()  # the CLI turns the collector off for one-shot runs; a preview runs for hours
    try:  # the port first: one in use is said before anything is built
        server = _Server(("127.0.0.1", port), BaseHTTPRequestHandler)
    except OSError as exc:
        raise PortInUse(t("serve_port", port=port, reason=exc.strerror or exc)) from None
    preview = Preview(project, year, options)
    server.RequestHandlerClass = _handler(preview)
    stop = threading.Event()
    previous = signal.signal(signal.SIGTERM, lambda *_: stop.set())
    serving = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.2}, daemon=True)
    try:
        preview.build()
        serving.start()
        ready = threading.Event()
        threading.Thread(target=_watch, args=(preview, stop, ready), daemon=True).start()
        ready.wait(30)  # the address is said once a save is seen: a save made upon reading it is not missed
        _say(t("serve_at", year=year, url=f"http://127.0.0.1:{server.server_address[1]}/"))
        while not stop.wait(0.25):
            pass
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
        server.shutdown()
        server.server_close()
        signal.signal(signal.SIGTERM, previous)
        preview.close()
    _say(t("serve_stopped"))
    return 0


def _watch(preview: Preview, stop: threading.Event, ready: threading.Event) -> None:
    """Rebuild on every save of what the year's edition is made from, until `stop`."""
    project, year = preview.project, preview.year
    while not stop.is_set():
        folders = watched_folders(project, year)
        for changes in watchfiles.watch(*sorted(folders), watch_filter=SourceFilter(project), stop_event=stop,
                                        rust_timeout=200, yield_on_timeout=True):
            ready.set()  # the first (empty) yield comes once the watcher is running
            if not changes:
                continue
            preview.build()
            if watched_folders(project, year) != folders:
                break  # compare_with changed, or an earlier year appeared: watch the new set
