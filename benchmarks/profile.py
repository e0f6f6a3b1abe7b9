"""Where the time of one `libreport build` goes, stage by stage, in one process.

    .venv/bin/python benchmarks/profile.py [--times N] [--pdf] [--runs R]

builds a ×N copy of examples/2021 (benchmarks/scale.py; default ×1) with `build 2021 --toc field` (with
`--pdf`: `build 2021 --pdf`, LibreOffice included) and prints the CPU and wall-clock seconds of each stage:
start-up and imports (everything before the command runs, every module the build uses included), reading
the sources, checks (with the computed figures and the summary), the template, describing and rendering the
report, packaging the .docx, writing it, and LibreOffice (its layout's wall clock; its CPU time is its own
process's, not counted here). The first run fills the caches, as a user's are after one build; then the
median of R runs (default 5), each a fresh process. For the whole picture, profile one build:
`python -m cProfile -s cumtime -m libreport build 2021 --toc field`.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

import scale

STAGES = ("start-up and imports", "reading", "checks", "template", "rendering", "packaging", "writing",
          "LibreOffice", "the rest")


def child(args: list[str]) -> None:
    """In the measured process: time each stage by wrapping the functions that do it, then run the command."""
    import time

    import libreport.build as build
    import libreport.checks.yoy as yoy
    import libreport.document as document
    import libreport.docx.package as package
    import libreport.docx.render as render
    import libreport.docx.template as template
    import libreport.office as office
    import libreport.sources.sections as sections
    import libreport.write as write
    from libreport.cli import main

    spent = {stage: [0.0, 0.0] for stage in STAGES}
    inner = [0.0, 0.0]  # time of stages running inside another stage, taken off the outer one

    def timed(stage: str, function):
        def wrapper(*a, **k):
            cpu, wall = time.process_time(), time.perf_counter()
            outer = list(inner)
            try:
                return function(*a, **k)
            finally:
                took = [time.process_time() - cpu, time.perf_counter() - wall]
                nested = [inner[0] - outer[0], inner[1] - outer[1]]
                spent[stage][0] += took[0] - nested[0]
                spent[stage][1] += took[1] - nested[1]
                inner[0], inner[1] = outer[0] + took[0], outer[1] + took[1]
        return wrapper

    def patch(module, name: str, stage: str) -> None:
        setattr(module, name, timed(stage, getattr(module, name)))

    patch(sections, "load_year", "reading")
    patch(yoy, "load_previous", "reading")
    patch(build, "check_year", "checks")
    patch(template, "load_template", "template")
    patch(document, "describe", "rendering")
    patch(render.Renderer, "render", "rendering")
    patch(package, "assemble", "packaging")
    patch(write, "write_atomic", "writing")
    patch(office.Office, "layout", "LibreOffice")
    patch(office.Office, "start", "LibreOffice")
    spent["start-up and imports"] = [time.process_time(), _age()]
    sys.argv = ["libreport", *args]
    with contextlib.suppress(SystemExit):
        main()
    total = [time.process_time(), _age()]
    spent["the rest"] = [total[i] - sum(v[i] for k, v in spent.items() if k != "the rest") for i in (0, 1)]
    print(json.dumps(spent), file=sys.__stdout__)


def _age() -> float:
    """Wall-clock seconds since this process started (Linux: /proc, to 10 ms; else 0)."""
    try:
        started = int(Path("/proc/self/stat").read_text().rsplit(")", 1)[1].split()[19]) / os.sysconf("SC_CLK_TCK")
        return max(0.0, float(Path("/proc/uptime").read_text().split()[0]) - started)
    except (OSError, ValueError, IndexError):
        return 0.0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--times", type=int, default=1)
    parser.add_argument("--pdf", action="store_true")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--child", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child is not None:
        child(args.child)
        return
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        sys.exit("PYTHONDONTWRITEBYTECODE is set: a user's Python writes bytecode; unset it and run again.")
    command = ["build", "2021", "--pdf"] if args.pdf else ["build", "2021", "--toc", "field"]
    with tempfile.TemporaryDirectory(prefix="libreport-profile-") as tmp:
        project = scale.write_project(Path(tmp) / f"x{args.times}", args.times)
        env = {**os.environ, "XDG_CACHE_HOME": str(Path(tmp) / "cache"),
               "PYTHONPYCACHEPREFIX": str(Path(tmp) / "pycache")}
        runs = []
        for i in range(args.runs + 1):
            done = subprocess.run([sys.executable, __file__, "--child", *command], cwd=project, env=env,
                                  capture_output=True, text=True, check=True)
            if i:  # the first run fills the caches
                runs.append(json.loads(done.stdout.strip().splitlines()[-1]))
    print(f"libreport {' '.join(command)}, examples/2021 ×{args.times}: median of {args.runs} run(s)\n")
    print(f"{'stage':24} {'CPU s':>8} {'wall s':>8}")
    totals = [0.0, 0.0]
    for stage in STAGES:
        cpu = statistics.median(r[stage][0] for r in runs)
        wall = statistics.median(r[stage][1] for r in runs)
        totals[0] += cpu
        totals[1] += wall
        print(f"{stage:24} {cpu:8.3f} {wall:8.3f}")
    print(f"{'total':24} {totals[0]:8.3f} {totals[1]:8.3f}")


if __name__ == "__main__":
    main()
