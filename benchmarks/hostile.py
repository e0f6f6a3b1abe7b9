"""Every command on hostile files of a few MiB: each must answer with diagnostics (or a usage error), never a
traceback, never a partial output or a changed source, and within a few seconds.

    .venv/bin/python benchmarks/hostile.py [--workdir DIR] [--only NAME] [--limit SECONDS]

It writes one project per hostile file into a temporary folder (or --workdir), copying examples/ and
templates/, then runs `libreport validate`, `build --toc field`, `show`, `new` and, for spreadsheets,
`import`, each as a whole process with a timeout, and prints a table: the file, its size, and for each
command the exit code and the wall-clock time. It exits 1 when a run crashed, hung past the timeout,
printed a traceback or "internal error", changed a source file or left a partial output; and it says
which runs took longer than --limit (default 5 s). What it checks is behaviour; the times are measured,
printed and compared with the limit, so a slow machine shows as slow rather than as broken.
`libreport` is run as `python -m libreport` with the interpreter running this script: use the project's venv.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MiB = 1024 * 1024


# -- the hostile files ---------------------------------------------------------------------------------

def _chronicle_errors(year: Path) -> None:  # 4 MiB: 50,000 entries, each with an impossible date
    entries = (f"- date: 2月{30 + i % 2}日\n  text: 第{i}条大事记，内容写得比较长一些。\n" for i in range(50_000))
    (year / "chronicle.yaml").write_text("".join(entries), encoding="utf-8")


def _statistics_items(year: Path) -> None:  # 4 MiB: 60,000 items with ids
    (year / "statistics.yaml").write_text(
        "items:\n" + "".join(f"  - {{name: 项目{i}, unit: 个, value: {i}, id: i{i}}}\n" for i in range(90_000)),
        encoding="utf-8")


def _one_huge_title(year: Path) -> None:  # a single 4 MiB scalar
    (year / "coverage.yaml").write_text("- date: 2021-01-08\n  outlet: 广州日报\n  section: A1\n  title: "
                                        + "长" * 1_400_000 + "\n", encoding="utf-8")


def _long_digits(year: Path) -> None:  # a figure of three million digits
    stats = year / "statistics.yaml"
    stats.write_text(stats.read_text(encoding="utf-8").replace("value: ", "value: " + "9" * 3_000_000 + " #", 1),
                     encoding="utf-8")


def _alias_bomb(year: Path) -> None:  # a billion laughs, and 4 MiB of anchors and aliases around it
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 30)]
    lines += [f"b{i}: &b{i} {{k: *a29}}" for i in range(100_000)]
    (year / "statistics.yaml").write_text("\n".join(lines) + "\nitems: *a29\n", encoding="utf-8")


def _deep_nesting(year: Path) -> None:  # 999 levels (libyaml's own limit is 1000), many times over
    (year / "awards.yaml").write_text("[" * 999 + "]" * 999 + "\n", encoding="utf-8")
    (year / "statistics.yaml").write_text(
        "items: [" + "{name: 层, unit: 册, value: 1, parts: [" * 400 + "{name: 底}" + "]}" * 400 + "]\n",
        encoding="utf-8")


def _binary(year: Path) -> None:  # 4 MiB of bytes that are no text at all
    (year / "coverage.yaml").write_bytes(os.urandom(4 * MiB))


def _summary_markdown(year: Path) -> None:  # the limit's worth of the Markdown that is slowest to read
    (year / "summary.md").write_text("# 总述\n\n" + "**文" * 85_000, encoding="utf-8")


def _summary_expressions(year: Path) -> None:  # expressions that would burn the CPU, and 2,000 others
    bombs = ["{{ 'x' * 1000000000 }}", "{{ 9 ** 99999999 }}", "{% for i in range(10000) %}{% for j in range(10000) %}"
             "{% endfor %}{% endfor %}", "{% macro f(n) %}{{ f(n - 1) }}{{ f(n - 1) }}{% endmacro %}{{ f(60) }}"]
    (year / "summary.md").write_text("# 总述\n\n" + "\n\n".join(bombs) + "\n\n" + "{{ year + 1 }} " * 2_000,
                                     encoding="utf-8")


def _summary_unclosed(year: Path) -> None:  # a paragraph of 80,000 unclosed expressions
    (year / "summary.md").write_text("# 总述\n\n" + "{{ " * 80_000, encoding="utf-8")


def _snippet_bombs(project: Path) -> None:  # a restyled template whose wording computes too much
    snippets = project / "templates/snippets.yaml"
    text = snippets.read_text(encoding="utf-8")
    text = text.replace("total_label: 合计", "total_label: \"{% for i in range(10000) %}{% for j in range(10000) %}"
                                            "{% endfor %}{% endfor %}合计\"")
    snippets.write_text(text + "".join(f"unknown_{i}: x\n" for i in range(50_000)), encoding="utf-8")


def _zip_bomb_template(project: Path) -> None:  # report.docx that would expand to gigabytes
    docx = project / "templates/report.docx"
    with zipfile.ZipFile(docx) as z:
        parts = {i.filename: z.read(i) for i in z.infolist()}
    with zipfile.ZipFile(docx, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in parts.items():
            z.writestr(name, data)
        with z.open("word/media/bomb.bin", "w", force_zip64=True) as f:
            chunk = b"\0" * MiB
            for _ in range(1024):
                f.write(chunk)


def _config_keys(project: Path) -> None:  # libreport.yaml of 4 MiB
    (project / "libreport.yaml").write_text("sources: examples\n" + "".join(f"k{i}: v\n" for i in range(500_000)),
                                            encoding="utf-8")


def _sheet_cells(project: Path) -> Path:  # an import of 110,000 cells (a few MiB of workbook)
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["日期", "媒体", "版面", "标题"])
    for i in range(27_000):
        ws.append([f"2021-{i % 12 + 1:02d}-{i % 28 + 1:02d}", "广州日报", f"A{i % 20}", f"第{i}篇报道"])
    ws.cell(row=1_048_576, column=16_384, value="远处的一格")
    path = project / "媒体报道.xlsx"
    wb.save(path)
    return path


def _csv_rows(project: Path) -> Path:  # 6 MiB of CSV
    path = project / "大事记.csv"
    path.write_text("日期,内容\n" + "".join(f"2021年{i % 12 + 1}月{i % 28 + 1}日,第{i}件大事，写得长一些。\n"
                                          for i in range(150_000)), encoding="utf-8")
    return path


def _with_table(year: Path, table: str, sheet: tuple[str, str | bytes] | None = None) -> None:
    """A table section added to the year, its file `table`, and the sheet it reads from."""
    report = year / "report.yaml"
    report.write_text(report.read_text(encoding="utf-8") + "      - {kind: table, title: 分馆, file: 分馆.yaml}\n",
                      encoding="utf-8")
    (year / "分馆.yaml").write_text(table, encoding="utf-8")
    if sheet is not None:
        name, data = sheet
        (year / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))


_BRANCHES = "columns:\n  - 馆名\n  - {name: 藏书, type: number}\n  - {name: 占比, type: share, of: 藏书}\n"


def _table_cells(year: Path) -> None:  # 2,000 rows of 401-digit figures, control characters, 1_000
    rows = "".join(f'  - ["馆\\x{i % 31 + 1:02x}{i}", {"9" * 401 if i % 3 else "1_000"}]\n' for i in range(2_000))
    _with_table(year, _BRANCHES + "rows:\n" + rows)


def _sheet_beyond_header(year: Path) -> None:  # 4 MiB of CSV whose figures' thousands commas were never quoted
    _with_table(year, _BRANCHES + "from: 分馆.csv\n",
                ("分馆.csv", "馆名,藏书\n" + "".join(f"第{i}馆,{i % 90 + 1},{i % 1000:03d}\n" for i in range(200_000))))


def _sheet_formulas(year: Path) -> None:  # a workbook written by a program: 20,000 formulas never calculated
    import io

    import openpyxl

    wb = openpyxl.Workbook()
    wb.active.append(["馆名", "藏书"])
    for i in range(10_000):
        wb.active.append([f"=\"第\"&{i}&\"馆\"", f"=B{i + 1}+1"])
    out = io.BytesIO()
    wb.save(out)
    _with_table(year, _BRANCHES + "from: 分馆.xlsx\n", ("分馆.xlsx", out.getvalue()))


def _control_characters(year: Path) -> None:  # every character Word cannot hold, in prose and in YAML escapes
    bad = [chr(c) for c in range(1, 32) if c not in (9, 10, 13)]
    (year / "summary.md").write_text("# 总述\n\n" + "".join(f"第{i}段{c}文字。\n\n" for i, c in enumerate(bad * 200)),
                                     encoding="utf-8")
    (year / "coverage.yaml").write_text("".join(
        f'- {{date: 2021-01-08, outlet: "报\\x{ord(c):02x}", title: "题{i}\\x{ord(c):02x}"}}\n'
        for i, c in enumerate(bad * 1_000)), encoding="utf-8")


def _runaway_quotes(year: Path) -> None:  # 4 MiB of entries, one quote left open near the start
    entries = [f"- date: 2021-01-08\n  outlet: 广州日报\n  title: \"第{i}篇报道\"\n" for i in range(60_000)]
    entries[3] = entries[3].replace('报道"', "报道")
    (year / "coverage.yaml").write_text("".join(entries), encoding="utf-8")


def _file_surprises(year: Path) -> None:  # a link to nothing, a folder where a file belongs, a link to itself
    (year / "coverage.yaml").unlink()
    (year / "coverage.yaml").symlink_to("nowhere")
    (year / "awards.yaml").unlink()
    (year / "awards.yaml").mkdir()
    (year / "chronicle.yaml").unlink()
    (year / "chronicle.yaml").symlink_to("chronicle.yaml")
    (year.parent / "2022").symlink_to("nowhere")  # where `new 2022` would start the next year


YEAR_FILES = {"chronicle-errors": _chronicle_errors, "statistics-items": _statistics_items,
              "one-huge-title": _one_huge_title, "long-digits": _long_digits, "alias-bomb": _alias_bomb,
              "deep-nesting": _deep_nesting, "binary": _binary, "summary-markdown": _summary_markdown,
              "summary-expressions": _summary_expressions, "summary-unclosed": _summary_unclosed,
              "table-cells": _table_cells, "sheet-beyond-header": _sheet_beyond_header,
              "sheet-formulas": _sheet_formulas, "control-characters": _control_characters,
              "runaway-quotes": _runaway_quotes, "file-surprises": _file_surprises}
PROJECT_FILES = {"snippet-bombs": _snippet_bombs, "zip-bomb-template": _zip_bomb_template,
                 "config-keys": _config_keys}
SHEETS = {"sheet-cells": (_sheet_cells, "coverage"), "csv-rows": (_csv_rows, "events")}


# -- running ---------------------------------------------------------------------------------------------

def _project(workdir: Path, name: str) -> Path:
    project = workdir / name
    shutil.rmtree(project, ignore_errors=True)
    shutil.copytree(ROOT / "examples", project / "examples", ignore=shutil.ignore_patterns("qinghe", "sheets"))
    shutil.copytree(ROOT / "templates", project / "templates")
    (project / "libreport.yaml").write_text("sources: examples\ntemplates: templates\noutput: build\n",
                                            encoding="utf-8")
    return project


def _sources(project: Path) -> dict[str, str]:
    """Each file's digest and each link's target: what a command must leave as it found it."""
    return {p.relative_to(project).as_posix(): os.readlink(p) if p.is_symlink() else
            hashlib.sha1(p.read_bytes()).hexdigest() for p in sorted(project.rglob("*"))
            if (p.is_file() or p.is_symlink()) and "build" not in p.relative_to(project).parts}


def _run(project: Path, args: list[str], timeout: float) -> tuple[str, float, list[str]]:
    env = {**os.environ, "LIBREPORT_LANG": "en", "XDG_CACHE_HOME": str(project / ".cache")}
    before = _sources(project)
    started = time.perf_counter()
    try:
        done = subprocess.run([sys.executable, "-m", "libreport", *args], cwd=project, env=env, capture_output=True,
                              text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return "hung", time.perf_counter() - started, [f"no answer within {timeout:g} s"]
    took = time.perf_counter() - started
    problems = []
    if done.returncode not in (0, 1, 2):
        problems.append(f"exit code {done.returncode}")
    if "Traceback" in done.stdout + done.stderr or "internal error" in done.stderr:
        problems.append("a traceback or an internal error: " + done.stderr.strip().splitlines()[-1][:160])
    if done.returncode == 1 and args[0] in ("validate", "build", "show", "new", "import") and not done.stderr + \
            done.stdout:
        problems.append("exit 1 without a word")
    changed = {k for k in set(before) | set(_sources(project)) if before.get(k) != _sources(project).get(k)}
    if args[0] != "new" and changed - {k for k in changed if k.startswith(".cache/")}:
        problems.append(f"changed {sorted(changed)[:3]}")
    partial = [p for p in (project / "build").rglob("*") if p.is_file() and p.suffix == ".tmp"] \
        if (project / "build").exists() else []
    if partial:
        problems.append(f"partial output {partial[0]}")
    return str(done.returncode), took, problems


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workdir", type=Path)
    parser.add_argument("--only")
    parser.add_argument("--limit", type=float, default=5.0)
    parser.add_argument("--timeout", type=float, default=60.0)
    options = parser.parse_args()
    workdir = options.workdir or Path(tempfile.mkdtemp(prefix="libreport-hostile-"))
    workdir.mkdir(parents=True, exist_ok=True)
    jobs: list[tuple[str, Path, list[list[str]]]] = []
    for name, make in {**YEAR_FILES, **PROJECT_FILES}.items():
        if options.only and options.only not in name:
            continue
        project = _project(workdir, name)
        make(project / "examples/2021") if name in YEAR_FILES else make(project)
        jobs.append((name, project, [["validate", "2021"], ["build", "2021", "--toc", "field"], ["show", "2021"],
                                     ["new", "2022"]]))
    for name, (make, kind) in SHEETS.items():
        if options.only and options.only not in name:
            continue
        project = _project(workdir, name)
        sheet = make(project)
        jobs.append((name, project, [["import", kind, "2021", sheet.name, "--dry-run"]]))
    failed, slow = 0, []
    print(f"{'hostile file':22} {'MiB':>5}  " + "  ".join(f"{c:>14}" for c in ("validate", "build", "show", "new")))
    for name, project, commands in jobs:
        size = max((p.stat().st_size for p in project.rglob("*") if p.is_file()), default=0) / MiB
        cells = []
        for args in commands:
            code, took, problems = _run(project, args, options.timeout)
            cells.append(f"{args[0][:6]} {code} {took:5.2f}s")
            if problems:
                failed += 1
                print(f"  FAIL {name}: {' '.join(args)}: {'; '.join(problems)}")
            if took > options.limit:
                slow.append(f"{name}: {' '.join(args)} took {took:.1f} s")
        print(f"{name:22} {size:5.1f}  " + "  ".join(f"{c:>14}" for c in cells), flush=True)
    for line in slow:
        print(f"  SLOW {line} (limit {options.limit:g} s)")
    print(f"{len(jobs)} hostile projects, {failed} failure(s), {len(slow)} run(s) over {options.limit:g} s")
    if not options.workdir:
        shutil.rmtree(workdir, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
