"""Figure coverage: how many of the figures a year's prose prints are bound to data, and checked.

Every figure the summaries print (prose.literals) is one of:

- bound: quoted from the data (`{{ stats['藏量'] | unit }}`, or typed as `shown('510余')` on the figure it stands
  for); it is *checked* when a relation ties its data to other figures: a sum (parts add up to their item, rows to
  a table's printed total), a 其中 row compared with its item, a ratio or a change stated from two figures, an
  activity row compared with the statistics item it links to, or a figure computed from others (activity totals
  and shares, counts of rows, `change()`, a table's shares and computed totals);
- deliberate: typed and marked as meant (`{{ '第七次' | literal }}`);
- literal: typed, bound to nothing and not marked: checked by nothing and updated by nothing. A finished report
  has none left ("every figure accounted for").

`validate --coverage` lists each literal figure as a note at its line and column and gives the counts per file
and for the year; `show` prints the counts.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from libreport import model as m
from libreport.prose.literals import Figure, find_figures

__all__ = ["Coverage", "FileCoverage", "coverage", "describe", "note_literals"]

KIND_WORDS = {"number": ("a number", "数字"), "percent": ("a percentage", "百分数"), "date": ("a date", "日期"),
              "ordinal": ("an ordinal", "序数")}


@dataclass
class FileCoverage:
    file: Path
    figures: list[Figure]
    checked: dict[tuple[int, int], str] = field(default_factory=dict)  # bound figures' places → the relation

    @property
    def bound(self) -> list[Figure]:
        return [f for f in self.figures if f.bound]

    @property
    def deliberate(self) -> list[Figure]:
        return [f for f in self.figures if f.deliberate]

    @property
    def literal(self) -> list[Figure]:
        """Typed, bound to no data and not marked as meant: what is left to account for."""
        return [f for f in self.figures if not f.bound and not f.deliberate]

    def relations(self) -> Counter:
        return Counter(self.checked.values())


@dataclass
class Coverage:
    year: str
    files: list[FileCoverage]

    def total(self, what: str) -> int:
        if what == "checked":
            return sum(len(f.checked) for f in self.files)
        return sum(len(getattr(f, what)) for f in self.files)

    @property
    def accounted(self) -> bool:
        return self.total("literal") == 0


def coverage(report: m.Report, year: str) -> Coverage:
    relations = _Relations(report)
    files = []
    for section in report.sections("summary"):
        if not isinstance(section.data, m.Summary):
            continue
        found = FileCoverage(section.file, find_figures(section.data))
        for figure in found.bound:
            relation = relations.of(figure.names)
            if relation:
                found.checked[(figure.line, figure.col)] = relation
        files.append(found)
    return Coverage(year, files)


class _Relations:
    """Which data the year's checks tie to other figures, by the names an expression reads it with."""

    def __init__(self, report: m.Report):
        from libreport.compute.tables import StatIndex

        self.report = report
        stats = report.first("statistics")
        self.index = StatIndex(stats)
        self.items: dict[int, str] = {}
        if stats is not None:
            self._statistics(stats)
        acts = report.first("activities")
        if acts is not None:
            for row in acts.rows:
                for ref, _mark in row.links.values():
                    item = self.index.find(ref)
                    if item is not None:
                        self.items.setdefault(id(item), "activities")
        self.tables: dict[str, Any] = {}
        for section in report.sections("table"):
            for key in (section.file.stem, section.title, getattr(section.data, "caption", None)):
                if key and section.data is not None:
                    self.tables.setdefault(key, section.data)

    def _statistics(self, stats: m.Statistics) -> None:
        from libreport.figures import converted, counted_once, same_measure

        def mark(item: m.StatItem | None, relation: str) -> None:
            if item is not None:
                self.items.setdefault(id(item), relation)

        for item in stats.walk():
            if item.figure is None:
                continue
            if item.names:
                mark(item, "count")  # as many as it names
            given = [p for p in item.parts if p.figure is not None]
            if item.parts and len(given) == len(item.parts) and all(same_measure(p.unit, item.unit) for p in given):
                for thing in (item, *given):
                    mark(thing, "sum")
            for sub in item.of_which:
                if sub.figure is not None and not converted(sub.unit, item.unit) and (
                        same_measure(sub.unit, item.unit) or counted_once(sub.unit, item.unit)):
                    mark(item, "of-which")
                    mark(sub, "of-which")
            if item.ratio is not None:
                mark(item, "ratio")
                mark(self.index.find(item.ratio.part), "ratio")
                if item.ratio.whole:
                    mark(self.index.find(item.ratio.whole), "ratio")
            if item.change is not None:
                for thing in (item, self.index.find(item.change.new), self.index.find(item.change.old)):
                    mark(thing, "change")

    def of(self, names: tuple[str, ...]) -> str | None:
        """The relation that checks what `names` read, or None."""
        head = names[0] if names else ""
        if head == "stats" and len(names) >= 2:
            item = self.index.find(names[1])
            return self.items.get(id(item)) if item is not None else None
        if head in ("counts", "change"):
            return "computed"
        if head == "activities" and len(names) >= 3:
            if names[1] == "total" or names[2].endswith("_share"):
                return "computed"
            acts = self.report.first("activities")
            row = next((r for r in acts.rows if r.type == names[1]), None) if acts is not None else None
            return "activities" if row is not None and names[2] in row.links else None
        if head == "tables" and len(names) >= 3:
            return self._table(names[1], names[2:])
        return None

    def _table(self, key: str, rest: tuple[str, ...]) -> str | None:
        table = self.tables.get(key)
        if table is None:
            return None
        if rest[0] == "rows":
            return "computed"
        column = rest[-1] if len(rest) >= 2 else None
        col = table.column(column) if column else None
        if col is None:
            return None
        if rest[0] == "total":
            return "sum" if table.total is not None and column in table.total.given else "computed"
        if col.type == "share":
            return "computed"
        if col.type in ("change", "percent") and col.pair:
            return "change" if col.type == "change" else "ratio"
        if table.total is not None and column in table.total.given:
            return "sum"
        return None


def note_literals(cov: Coverage, diags) -> None:
    """A note at each literal figure, saying how to account for it."""
    from libreport.diagnostics import Mark
    from libreport.messages import Both

    for found in cov.files:
        for figure in found.literal:
            diags.note("literal-figure", Mark(found.file, figure.line, figure.col), text=figure.text,
                       kind=Both(*KIND_WORDS.get(figure.kind, (figure.kind, figure.kind))))


def describe(cov: Coverage, base: Path | None = None) -> list[str]:
    """The counts, a line per file and one for the year, in the run's language."""
    from libreport.diagnostics import shown_path
    from libreport.i18n import t

    lines = []
    for found in cov.files:
        lines.append(t("coverage_file", file=shown_path(found.file, base), **_counts(
            len(found.figures), len(found.bound), len(found.checked), len(found.deliberate), len(found.literal),
            found.relations())))
    relations: Counter = Counter()
    for found in cov.files:
        relations.update(found.relations())
    counts = _counts(cov.total("figures"), cov.total("bound"), cov.total("checked"), cov.total("deliberate"),
                     cov.total("literal"), relations)
    lines.append(t("coverage_done" if cov.accounted else "coverage_year", year=cov.year, **counts))
    return lines


def _counts(printed: int, bound: int, checked: int, deliberate: int, literal: int, relations: Counter) -> dict:
    from libreport.i18n import t

    by = t("list_sep").join(f"{t('relation_' + name)} {n}" for name, n in sorted(relations.items()))
    return {"printed": printed, "bound": bound, "checked": checked, "deliberate": deliberate, "literal": literal,
            "by": t("coverage_by", relations=by) if by else ""}

