"""Write a scaled copy of one year's sources as a self-contained libreport project.

    .venv/bin/python benchmarks/scale.py TARGET --times 100 [--year examples/2021]

TARGET gets:

    libreport.yaml      sources: years, templates: templates, output: out
    templates/          a copy of the repository's templates (a project's folders stay inside it)
    years/plan.yaml     the plan beside the year, when it has one
    years/2021/         the year's files; coverage.yaml and chronicle.yaml hold N copies of
                        their rows, every other file is copied byte for byte

Copy k ≥ 2 of a coverage row or chronicle entry has "（第k组）" appended to its title/text, so the
scaled year has no duplicate rows and still passes `libreport validate` (dates are kept as
written, so they stay within the year). Comments in the two scaled files are not kept.
"""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parent.parent
DEFAULT_YEAR = REPO / "examples" / "2021"
SCALED = {"coverage.yaml": "title", "chronicle.yaml": "text"}  # file → the field that gets the marker

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Dumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    def ignore_aliases(self, data) -> bool:  # copies share date objects; libreport rejects &anchors
        return True


def scaled_rows(rows: list[dict], field: str, times: int) -> list[dict]:
    """`times` copies of `rows`, block after block; copy k ≥ 2 marks `field` with （第k组）."""
    out = list(rows)
    for k in range(2, times + 1):
        out += [{**row, field: f"{row[field]}（第{k}组）"} for row in rows]
    return out


def write_project(target: Path, times: int, year_dir: Path = DEFAULT_YEAR, templates: Path = REPO / "templates"
                  ) -> Path:
    """Write the project for ×`times` into `target` (replacing an earlier one); return `target`."""
    year = target / "years" / year_dir.name
    if year.exists():
        shutil.rmtree(year)
    year.mkdir(parents=True)
    if not (target / "templates").is_dir():
        shutil.copytree(templates, target / "templates")
    (target / "libreport.yaml").write_text("sources: years\ntemplates: templates\noutput: out\n", encoding="utf-8")
    plan = year_dir.parent / "plan.yaml"  # the plan the year's entries name tasks of, beside the years
    if plan.is_file():
        shutil.copy2(plan, target / "years" / plan.name)
    for src in sorted(p for p in year_dir.iterdir() if p.is_file()):
        if src.name not in SCALED:
            shutil.copy2(src, year / src.name)
            continue
        rows = yaml.load(src.read_text(encoding="utf-8-sig"), Loader=_Loader) or []
        text = yaml.dump(scaled_rows(rows, SCALED[src.name], times), Dumper=_Dumper, allow_unicode=True,
                         sort_keys=False, width=1_000_000)
        (year / src.name).write_text(f"# {src.name} ×{times}, written by benchmarks/scale.py\n{text}",
                                     encoding="utf-8")
    return target


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("target", type=Path, help="folder to write the project into")
    parser.add_argument("--times", type=int, default=1, help="how many copies of each row (default 1)")
    parser.add_argument("--year", type=Path, default=DEFAULT_YEAR, help=f"year folder (default {DEFAULT_YEAR})")
    args = parser.parse_args()
    if args.times < 1:
        parser.error("--times must be at least 1")
    print(write_project(args.target, args.times, args.year))


if __name__ == "__main__":
    main()
