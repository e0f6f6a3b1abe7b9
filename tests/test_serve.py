"""`libreport serve`: the web edition previewed at 127.0.0.1, rebuilt on every save, with the current problems on
the page; it stops cleanly. Each run is bounded in time and talks to the loopback interface only."""

from __future__ import annotations

import socket

from .conftest import run_cli, serving


def test_serve_previews_rebuilds_on_save_shows_the_problems_and_stops_cleanly(project, tmp_path):
    previews = tmp_path / "tmp"
    previews.mkdir()
    with serving(project, "2021", env={"TMPDIR": str(previews)}) as served:
        assert served.url.startswith("http://127.0.0.1:")
        page = served.get("/")
        assert "<h1>越秀区图书馆 2021 年年报</h1>" in page
        assert 'id="libreport-serve"' in page and "/__libreport/state" in page  # the problems, the reload
        assert "activity-mismatch" in page  # 2021's warnings, at the foot of the page
        assert served.get("/data/2021.json").startswith("{")
        first = served.state()["version"]

        summary = project / "years" / "2021" / "summary.md"
        summary.write_text(summary.read_text(encoding="utf-8") + "\n预览时新写的一段。\n", encoding="utf-8")
        state = served.wait_for_version(first + 1)
        assert "预览时新写的一段。" in served.get("/")
        assert not any(d["severity"] == "error" for d in state["diagnostics"])

        stats = project / "years" / "2021" / "statistics.yaml"
        stats.write_text(stats.read_text(encoding="utf-8").replace("value: 1607816", "value: 一百万", 1),
                         encoding="utf-8")
        state = served.wait_for_version(first + 2)
        errors = [d["line"] for d in state["diagnostics"] if d["severity"] == "error"]
        assert errors and "statistics.yaml:" in errors[0]
        page = served.get("/")
        assert "预览时新写的一段。" in page, "the last good edition stays"
        assert errors[0].split(": ", 1)[0] in page, "and the page says what is wrong"
    assert served.returncode == 0
    assert "stopped serving" in "".join(served.lines)
    assert list(previews.iterdir()) == [], "the preview's own folder is removed"
    assert not (project / "out").exists(), "the project's output is not touched"


def test_a_port_in_use_is_a_usage_error(project):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        done = run_cli("serve", "2021", "--port", str(port), cwd=project)
    assert done.returncode == 2 and str(port) in done.stderr
    assert "Traceback" not in done.stderr


def test_serve_starts_on_sources_with_errors_says_so_on_the_page_and_shows_the_report_once_fixed(project):
    stats = project / "years" / "2021" / "statistics.yaml"
    good = stats.read_text(encoding="utf-8")
    stats.write_text(good.replace("value: 1607816", "value: 一百万", 1), encoding="utf-8")
    with serving(project, "2021") as served:
        page = served.get("/")
        assert "2021 has not been built yet" in page and "statistics.yaml:" in page
        first = served.state()["version"]
        stats.write_text(good, encoding="utf-8")
        state = served.wait_for_version(first + 1)
        assert not any(d["severity"] == "error" for d in state["diagnostics"])
        assert "<h1>越秀区图书馆 2021 年年报</h1>" in served.get("/")
    assert served.returncode == 0


def test_hostile_requests_are_not_found_and_never_a_traceback(project):
    """A path with a NUL byte, a name longer than the system allows, a way out of the edition, a request cut off
    mid-answer: each is 404 (or nothing), the server goes on answering, and it prints no traceback."""
    from urllib.error import HTTPError

    with serving(project, "2021") as served:
        for path in ("/%00", "/a%00.html", "/" + "%E9%95%BF" * 3000, "/../../../etc/passwd",
                     "/%2e%2e/%2e%2e/etc/passwd", "/data/..%2f..%2f..%2fetc%2fpasswd", "/data"):
            try:
                served.get(path)
                raise AssertionError(f"{path[:40]} was served")
            except HTTPError as exc:
                assert exc.code == 404, (path[:40], exc.code)
        host, port = served.url.split("//")[1].rstrip("/").split(":")
        for _ in range(5):  # asked and gone before the answer
            with socket.create_connection((host, int(port))) as s:
                s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n")
                s.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, b"\x01\x00\x00\x00\x00\x00\x00\x00")
        assert "<h1>越秀区图书馆 2021 年年报</h1>" in served.get("/")
    assert served.returncode == 0
    assert not [line for line in served.lines if "Traceback" in line or "Exception" in line], served.lines
