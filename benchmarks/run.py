"""Time libreport as a user runs it, at ×1, ×10 and ×100 the size of examples/2021, against targets.

    .venv/bin/python benchmarks/run.py [--runs N] [--json FILE] [--workdir DIR] [--with-libreoffice]

It writes ×1/×10/×100 projects (benchmarks/scale.py) into a temporary folder (or --workdir), then
times whole processes, wall clock, each after one untimed warm-up run:

    libreport --help                      (×1 only)
    libreport validate 2021
    libreport build 2021 --toc field      (the Word build)
    libreport build 2021 --format html    (the web edition, once `build` has --format html)
    reference: benchmarks/reference.py, a minimal docxtpl render of the same table and chronicle

and with --with-libreoffice (soffice on PATH), at ×1, each run of the three in turn:

    soffice --convert-to pdf              one bare LibreOffice run on the ×1 report's .docx
    libreport build 2021 --pdf            cold: LibreOffice started for the build
    libreport build 2021                  the TOC's page numbers laid out by LibreOffice
    libreport build 2021 --watch --pdf    warm: from a save to the rebuilt PDF, one LibreOffice running

and prints medians (wall clock, with CPU time beside it: a check on a busy machine; a process's CPU
time includes LibreOffice's when it ran it), the peak memory (max RSS of the child process) and a table
of targets with PASS/FAIL; targets are judged on wall clock. Children run with warm caches kept in the
work folder: Python bytecode (PYTHONPYCACHEPREFIX, so nothing is written into src/ or the venv; an
installed package has its .pyc files), libreport's cache and LibreOffice profile (XDG_CACHE_HOME) and
the bare run's profile. The warm-up run fills them; its time is kept in the JSON as first_run_s.
A user's Python writes bytecode, so the benchmark refuses to run with PYTHONDONTWRITEBYTECODE set.
`libreport` is the console script beside sys.executable, so run this with the project's venv.
The default is 5 runs at ×1 and ×10 and 3 at ×100; --runs N uses N everywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import queue
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import reference
import scale

BIN = Path(sys.executable).parent
LIBREPORT = str(BIN / "libreport")
SCALES = (1, 10, 100)
DEFAULT_RUNS = {1: 5, 10: 5, 100: 3}
RSS_UNIT = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
LABELS = {"help": "libreport --help", "validate": "libreport validate 2021",
          "build": "libreport build 2021 --toc field", "html": "libreport build 2021 --format html",
          "reference": "docxtpl reference", "soffice": "soffice --convert-to pdf (bare)",
          "pdf": "libreport build 2021 --pdf", "toc": "libreport build 2021 (TOC laid out)",
          "warm": "watch --pdf: save → PDF"}


def child_env(work: Path) -> dict:
    """Caches on and inside `work`: Python bytecode (not in src/ or the venv) and libreport's own (XDG)."""
    return {**os.environ, "PYTHONPYCACHEPREFIX": str(work / "pycache"), "XDG_CACHE_HOME": str(work / "cache")}


def run_once(cmd: list[str], cwd: Path, env: dict) -> tuple[float, float, float]:
    """Wall clock and CPU time (s, the child's and what it waited for) and max RSS (MiB) of one run of `cmd`."""
    with tempfile.TemporaryFile() as err:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=err)
        _, status, usage = os.wait4(proc.pid, 0)
        elapsed = time.perf_counter() - start
        proc.returncode = os.waitstatus_to_exitcode(status)
        if proc.returncode != 0:
            err.seek(0)
            sys.exit(f"{' '.join(cmd)} (in {cwd}) exited with {proc.returncode}:\n"
                     f"{err.read().decode(errors='replace')[-3000:]}")
    return elapsed, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / RSS_UNIT


def measure(cmd: list[str], cwd: Path, runs: int, env: dict) -> dict:
    """Run `cmd` once untimed, then `runs` times: wall clock, CPU time (s) and max RSS (MiB) of each run."""
    first = run_once(cmd, cwd, env)[0]
    timed = [run_once(cmd, cwd, env) for _ in range(runs)]
    return {**summary([t[0] for t in timed], [t[1] for t in timed], first), "max_rss_mib": max(t[2] for t in timed)}


def summary(seconds: list[float], cpu: list[float], first: float | None = None) -> dict:
    return {"median_s": statistics.median(seconds), "runs_s": seconds, "median_cpu_s": statistics.median(cpu),
            "max_rss_mib": 0.0, "first_run_s": first}


def has_html(project: Path, env: dict) -> bool:
    """Whether `build` has the web edition yet (`--format html`): its figure is measured once it has."""
    said = subprocess.run([LIBREPORT, "build", "--help"], cwd=project, env=env, capture_output=True, text=True)
    return "--format" in said.stdout


def benchmark(work: Path, runs: dict[int, int], with_lo: bool) -> dict:
    template = reference.make_template(work / "reference-template.docx")
    env = child_env(work)
    results: dict[str, dict[int, dict]] = {key: {} for key in LABELS}
    html = None
    for n in SCALES:
        project = scale.write_project(work / f"x{n}", n)
        year = project / "years" / "2021"
        html = has_html(project, env) if html is None else html
        print(f"×{n}: coverage rows and chronicle entries ×{n}, {runs[n]} run(s) each", file=sys.stderr)
        if n == 1:
            results["help"][n] = measure([LIBREPORT, "--help"], project, runs[n], env)
        results["validate"][n] = measure([LIBREPORT, "validate", "2021"], project, runs[n], env)
        results["build"][n] = measure([LIBREPORT, "build", "2021", "--toc", "field"], project, runs[n], env)
        if html:
            results["html"][n] = measure([LIBREPORT, "build", "2021", "--format", "html"], project, runs[n], env)
        results["reference"][n] = measure([sys.executable, reference.__file__, str(template), str(year),
                                           str(work / f"reference-x{n}.docx")], project, runs[n], env)
        if n == 1 and with_lo:
            results.update(libreoffice(work, project, min(runs[n], 3), env))
    return results


def libreoffice(work: Path, project: Path, runs: int, env: dict) -> dict[str, dict[int, dict]]:
    """Bare soffice, build --pdf and build (TOC laid out), each run in turn so that all three see the same
    load; then the warm rebuild of a watch."""
    bare_in = work / "bare" / "report.docx"
    bare_in.parent.mkdir(exist_ok=True)
    profile = (work / "bare" / "profile").as_uri()
    commands = {
        "soffice": ([shutil.which("soffice") or "soffice", f"-env:UserInstallation={profile}", "--headless",
                     "--convert-to", "pdf", "--outdir", str(bare_in.parent), str(bare_in)], bare_in.parent),
        "pdf": ([LIBREPORT, "build", "2021", "--pdf"], project),
        "toc": ([LIBREPORT, "build", "2021"], project),
    }
    print(f"×1 with LibreOffice: bare soffice, build --pdf, build; {runs} run(s) each, then the watch",
          file=sys.stderr)
    first = {"toc": run_once(*commands["toc"], env)[0]}  # the report as built, the document soffice converts
    shutil.copy(next((project / "out" / "2021").glob("*.docx")), bare_in)
    first.update({key: run_once(cmd, cwd, env)[0] for key, (cmd, cwd) in commands.items() if key != "toc"})
    timed: dict[str, list[tuple[float, float, float]]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, (cmd, cwd) in commands.items():
            timed[key].append(run_once(cmd, cwd, env))
    out = {key: {1: {**summary([t[0] for t in got], [t[1] for t in got], first[key]),
                     "max_rss_mib": max(t[2] for t in got)}} for key, got in timed.items()}
    out["warm"] = {1: watch(project, max(runs, 3), env)}
    return out


def processes_of(marker: str) -> list[int]:
    """Live processes whose command line names `marker` (the LibreOffice of this benchmark's cache)."""
    found = []
    for cmdline in Path("/proc").glob("[0-9]*/cmdline"):
        try:
            if marker.encode() in cmdline.read_bytes() and cmdline.parent.joinpath("stat").read_text().split(
                    ")")[-1].split()[0] != "Z":
                found.append(int(cmdline.parent.name))
        except OSError:
            continue
    return found


def cpu_of(pids: list[int]) -> float:
    """User and system CPU seconds so far of these processes (Linux /proc)."""
    tick, total = os.sysconf("SC_CLK_TCK"), 0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += int(fields[11]) + int(fields[12])
    return total / tick


def watch(project: Path, saves: int, env: dict) -> dict:
    """`build 2021 --watch --pdf`: the time from a save of coverage.yaml to the line saying the PDF is written,
    for `saves` saves after the first build; CPU time of the watch and its LibreOffice over each. Then Ctrl+C:
    the LibreOffice must end with the watch."""
    marker = str(Path(env["XDG_CACHE_HOME"]) / "libreport" / "libreoffice" / "profile")
    # Ctrl+C as a terminal sends it, even when this benchmark runs in the background (which ignores SIGINT, and
    # a child would inherit that)
    proc = subprocess.Popen([LIBREPORT, "build", "2021", "--watch", "--pdf"], cwd=project,
                            env={**env, "LIBREPORT_LANG": "en"}, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, bufsize=1,
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    lines: queue.Queue[str] = queue.Queue()
    threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout], daemon=True).start()

    def wait_for(text: str, timeout: float = 300) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                if text in lines.get(timeout=1):
                    return
            except queue.Empty:
                if proc.poll() is not None:
                    break
        proc.kill()
        sys.exit(f"build --watch --pdf: no line with {text!r}")

    seconds, cpu = [], []
    coverage = project / "years" / "2021" / "coverage.yaml"
    try:
        wait_for("watching")
        time.sleep(1)
        for k in range(saves):
            pids = [proc.pid, *processes_of(marker)]
            before, start = cpu_of(pids), time.perf_counter()
            with coverage.open("a", encoding="utf-8") as f:
                f.write(f"# saved again ({k + 1})\n")
            wait_for("wrote")
            seconds.append(time.perf_counter() - start)
            cpu.append(cpu_of(pids) - before)
            time.sleep(0.5)
        left_running = processes_of(marker)
    finally:
        stop = time.perf_counter()
        proc.send_signal(signal.SIGINT)  # Ctrl+C
        try:
            proc.wait(120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        ended = time.perf_counter() - stop
    time.sleep(1)
    result = summary(seconds, cpu)
    result["libreoffice_running"] = len(left_running) > 0
    result["left_behind"] = len(processes_of(marker))
    result["ended_s"] = ended
    return result


def targets(r: dict) -> list[dict]:
    build, ref = r["build"], r["reference"]
    t1, t10, t100 = (build[n]["median_s"] for n in SCALES)
    growth = (t100 - t1) / (t10 - t1) if t10 > t1 else None
    c1, c10, c100 = (build[n]["median_cpu_s"] for n in SCALES)
    cpu_growth = f"{(c100 - c1) / (c10 - c1):.1f}" if c10 > c1 else "n/a"

    def row(name, value, limit, unit="", note=""):
        ok = value is not None and value <= limit
        return {"figure": name, "value": value, "limit": limit, "unit": unit, "pass": ok, "note": note}

    def cpu_ratio(a: dict, b: dict) -> str:
        return f"on CPU time {a['median_cpu_s'] / b['median_cpu_s']:.2f}×"

    rows = [
        row("build ×100 / docxtpl reference ×100", t100 / ref[100]["median_s"], 0.3, "×",
            cpu_ratio(build[100], ref[100])),
        row("build ×1 / docxtpl reference ×1", t1 / ref[1]["median_s"], 1.0, "×", cpu_ratio(build[1], ref[1])),
        row("validate ×1", r["validate"][1]["median_s"], 0.15, " s",
            f"CPU {r['validate'][1]['median_cpu_s']:.3f} s"),
        row("libreport --help", r["help"][1]["median_s"], 0.2, " s"),
        row("peak memory, build ×100", build[100]["max_rss_mib"], 120, " MiB"),
        row("growth (t100 − t1) / (t10 − t1)", growth, 12.5, "",
            f"11.0 is exactly linear; t100 / t10 = {t100 / t10:.2f}; on CPU time {cpu_growth}"),
    ]
    if r["html"]:
        rows += [row(f"web build ×{n} / Word build ×{n}", r["html"][n]["median_s"] / build[n]["median_s"], 1.0, "×",
                     cpu_ratio(r["html"][n], build[n])) for n in SCALES]
    else:
        rows.append({"figure": "web build / Word build", "value": None, "limit": 1.0, "unit": "×", "pass": None,
                     "note": "build has no --format html yet: measured once it has"})
    if r["soffice"]:
        bare = r["soffice"][1]
        rows.append(row("build --pdf cold / bare soffice", r["pdf"][1]["median_s"] / bare["median_s"], 1.3, "×",
                        cpu_ratio(r["pdf"][1], bare)))
        rows.append(row("build (TOC laid out) / bare soffice", r["toc"][1]["median_s"] / bare["median_s"], 1.1,
                        "×", cpu_ratio(r["toc"][1], bare)))
        warm = r["warm"][1]
        rows.append(row("watch --pdf: save → rebuilt PDF", warm["median_s"], 1.5, " s",
                        f"CPU {warm['median_cpu_s']:.2f} s; one LibreOffice kept: "
                        f"{'yes' if warm['libreoffice_running'] else 'NO'}"))
        rows[-1]["pass"] = rows[-1]["pass"] and warm["libreoffice_running"]
        rows.append(row("LibreOffice left after the watch ends", warm["left_behind"], 0, "",
                        f"the watch ended {warm['ended_s']:.1f} s after Ctrl+C"))
    return rows


def commit() -> str:
    try:
        return subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=scale.REPO, capture_output=True,
                              text=True, check=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def print_report(r: dict, rows: list[dict], runs: dict[int, int]) -> None:
    print(f"libreport {commit()} benchmark: Python {platform.python_version()}, "
          f"{platform.system()} {platform.machine()}, "
          f"{os.cpu_count()} CPU(s); median of {runs[1]}/{runs[10]}/{runs[100]} run(s) at ×1/×10/×100 "
          "after one warm-up; wall clock of the whole process\n")
    print(f"{'median wall clock s (CPU s)':36} {'×1':>15} {'×10':>15} {'×100':>15} {'peak RSS':>11}")
    for key, label in LABELS.items():
        if not r[key]:
            continue
        cells = [f"{r[key][n]['median_s']:.3f} ({r[key][n]['median_cpu_s']:.3f})" if n in r[key] else "—"
                 for n in SCALES]
        peak = max(m["max_rss_mib"] for m in r[key].values())
        shown = f"{peak:7.1f} MiB" if peak else "—"  # the watch's rebuild is no process of its own
        print(f"{label:36} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15} {shown:>11}")
    print("\nbuild / reference: " + ", ".join(
        f"×{n} {r['build'][n]['median_s'] / r['reference'][n]['median_s']:.2f}" for n in SCALES))
    print(f"\n{'figure':38} {'measured':>12} {'target':>14}  result")
    for row in rows:
        value = "n/a" if row["value"] is None else f"{row['value']:.3g}{row['unit']}"
        verdict = "—" if row["pass"] is None else "PASS" if row["pass"] else "FAIL"
        if row["figure"].startswith("growth"):
            verdict += " (linear)" if row["pass"] else " (not linear)"
        print(f"{row['figure']:38} {value:>12} {'≤ ' + format(row['limit'], 'g') + row['unit']:>14}  {verdict}"
              + (f"   [{row['note']}]" if row["note"] else ""))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, help="timed runs per figure at every scale (default 5, 5, 3)")
    parser.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    parser.add_argument("--workdir", type=Path, help="write the scaled projects here and keep them")
    parser.add_argument("--with-libreoffice", action="store_true", help="also time `build --pdf` at ×1")
    args = parser.parse_args()
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        sys.exit("PYTHONDONTWRITEBYTECODE is set: a user's Python writes bytecode and starts from it, so these "
                 "figures would not be theirs. Unset it (env -u PYTHONDONTWRITEBYTECODE …) and run again.")
    if not Path(LIBREPORT).is_file():
        sys.exit(f"{LIBREPORT} not found: run this with the venv's python (.venv/bin/python benchmarks/run.py)")
    runs = {n: args.runs for n in SCALES} if args.runs else DEFAULT_RUNS
    with_lo = args.with_libreoffice and shutil.which("soffice") is not None
    if args.with_libreoffice and not with_lo:
        print("--with-libreoffice: soffice is not on PATH; skipping build --pdf", file=sys.stderr)
    with tempfile.TemporaryDirectory(prefix="libreport-bench-") as tmp:
        work = args.workdir or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        results = benchmark(work.resolve(), runs, with_lo)
    rows = targets(results)
    print_report(results, rows, runs)
    if args.json:
        data = {"commit": commit(), "python": platform.python_version(), "platform": platform.platform(),
                "cpus": os.cpu_count(), "runs": runs,
                "results": {k: {str(n): m for n, m in v.items()} for k, v in results.items() if v},
                "targets": rows}
        args.json.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
