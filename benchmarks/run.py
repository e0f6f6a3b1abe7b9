"""Time libreport as a user runs it, at ×1, ×10 and ×100 the size of examples/2021, against targets.

    .venv/bin/python benchmarks/run.py [--runs N] [--json FILE] [--workdir DIR] [--with-libreoffice]

It writes ×1/×10/×100 projects (benchmarks/scale.py) into a temporary folder (or --workdir), then
times whole processes, wall clock, each after one untimed warm-up run:

    libreport --help                      (×1 only)
    libreport validate 2021
    libreport build 2021 --toc field
    reference: benchmarks/reference.py, a minimal docxtpl render of the same table and chronicle
    libreport build 2021 --pdf            (×1, only with --with-libreoffice and soffice on PATH)

and prints medians (wall clock, with the child's CPU time beside it: a check on a busy machine), the
peak memory (max RSS of the child process) and a table of targets with PASS/FAIL; targets are judged
on wall clock. Children run with warm caches kept in the work folder: Python bytecode
(PYTHONPYCACHEPREFIX, overriding PYTHONDONTWRITEBYTECODE, so nothing is written into src/ or the
venv; an installed package has its .pyc files) and libreport's Jinja cache (XDG_CACHE_HOME). The
warm-up run fills them; its time is kept in the JSON as first_run_s.
`libreport` is the console script beside sys.executable, so run this with the project's venv.
The default is 5 runs at ×1 and ×10 and 3 at ×100; --runs N uses N everywhere.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import reference
import scale

BIN = Path(sys.executable).parent
LIBREPORT = str(BIN / "libreport")
SCALES = (1, 10, 100)
DEFAULT_RUNS = {1: 5, 10: 5, 100: 3}
RSS_UNIT = 1024 * 1024 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux


def child_env(work: Path) -> dict:
    """Caches on and inside `work`: Python bytecode (not in src/ or the venv) and libreport's own (XDG)."""
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    return {**env, "PYTHONPYCACHEPREFIX": str(work / "pycache"), "XDG_CACHE_HOME": str(work / "cache")}


def measure(cmd: list[str], cwd: Path, runs: int, env: dict) -> dict:
    """Run `cmd` once untimed, then `runs` times: wall clock, CPU time (s) and max RSS (MiB) of each run."""
    seconds, cpu, rss, first = [], [], [], None
    for i in range(runs + 1):
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
        if not i:
            first = elapsed
        else:
            seconds.append(elapsed)
            cpu.append(usage.ru_utime + usage.ru_stime)
            rss.append(usage.ru_maxrss / RSS_UNIT)
    return {"median_s": statistics.median(seconds), "runs_s": seconds, "median_cpu_s": statistics.median(cpu),
            "max_rss_mib": max(rss), "first_run_s": first}


def benchmark(work: Path, runs: dict[int, int], with_lo: bool) -> dict:
    template = reference.make_template(work / "reference-template.docx")
    env = child_env(work)
    results: dict[str, dict[int, dict]] = {"help": {}, "validate": {}, "build": {}, "reference": {}, "pdf": {}}
    for n in SCALES:
        project = scale.write_project(work / f"x{n}", n)
        year = project / "years" / "2021"
        print(f"×{n}: coverage rows and chronicle entries ×{n}, {runs[n]} run(s) each", file=sys.stderr)
        if n == 1:
            results["help"][n] = measure([LIBREPORT, "--help"], project, runs[n], env)
        results["validate"][n] = measure([LIBREPORT, "validate", "2021"], project, runs[n], env)
        results["build"][n] = measure([LIBREPORT, "build", "2021", "--toc", "field"], project, runs[n], env)
        results["reference"][n] = measure([sys.executable, reference.__file__, str(template), str(year),
                                           str(work / f"reference-x{n}.docx")], project, runs[n], env)
        if n == 1 and with_lo:
            results["pdf"][n] = measure([LIBREPORT, "build", "2021", "--pdf"], project, min(runs[n], 3), env)
    return results


def targets(r: dict) -> list[dict]:
    build, ref = r["build"], r["reference"]
    t1, t10, t100 = (build[n]["median_s"] for n in SCALES)
    growth = (t100 - t1) / (t10 - t1) if t10 > t1 else None
    c1, c10, c100 = (build[n]["median_cpu_s"] for n in SCALES)
    cpu_growth = f"{(c100 - c1) / (c10 - c1):.1f}" if c10 > c1 else "n/a"

    def row(name, value, limit, unit="", note=""):
        ok = value is not None and value <= limit
        return {"figure": name, "value": value, "limit": limit, "unit": unit, "pass": ok, "note": note}

    return [
        row("build ×100 / docxtpl reference ×100", t100 / ref[100]["median_s"], 0.4, "×"),
        row("build ×1 / docxtpl reference ×1", t1 / ref[1]["median_s"], 1.0, "×"),
        row("validate ×1", r["validate"][1]["median_s"], 0.3, " s"),
        row("libreport --help", r["help"][1]["median_s"], 0.2, " s"),
        row("peak memory, build ×100", build[100]["max_rss_mib"], 150, " MiB"),
        row("growth (t100 − t1) / (t10 − t1)", growth, 12.5, "",
            f"11.0 is exactly linear; t100 / t10 = {t100 / t10:.2f}; on CPU time {cpu_growth}"),
    ]


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
    print(f"{'median wall clock s (CPU s)':34} {'×1':>15} {'×10':>15} {'×100':>15} {'peak RSS':>11}")
    names = {"help": "libreport --help", "validate": "libreport validate 2021",
             "build": "libreport build 2021 --toc field", "reference": "docxtpl reference",
             "pdf": "libreport build 2021 --pdf"}
    for key, label in names.items():
        if not r[key]:
            continue
        cells = [f"{r[key][n]['median_s']:.3f} ({r[key][n]['median_cpu_s']:.3f})" if n in r[key] else "—"
                 for n in SCALES]
        peak = max(m["max_rss_mib"] for m in r[key].values())
        print(f"{label:34} {cells[0]:>15} {cells[1]:>15} {cells[2]:>15} {peak:7.1f} MiB")
    print("\nbuild / reference: " + ", ".join(
        f"×{n} {r['build'][n]['median_s'] / r['reference'][n]['median_s']:.2f}" for n in SCALES))
    print(f"\n{'figure':38} {'measured':>12} {'target':>14}  result")
    for row in rows:
        value = "n/a" if row["value"] is None else f"{row['value']:.3g}{row['unit']}"
        verdict = "PASS" if row["pass"] else "FAIL"
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
