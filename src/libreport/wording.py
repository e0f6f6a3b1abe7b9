"""The wording of a template folder (snippets.yaml), read on its own: the snippets every edition words the
report with, the lists, each table's column headings and widths, and the names of the styles the Word
document gives each role (which only the Word writer looks up in report.docx)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both
from libreport.sources.reader import Reader
from libreport.sources.yamlfile import load_yaml

if TYPE_CHECKING:
    from libreport.prose.sandbox import Bounded, Direct

TEXT_SNIPPETS = (
    "title", "output_name", "part_heading", "section_heading", "running_header",
    "summary_heading_1", "summary_heading_2", "summary_heading_3", "summary_heading_4",
    "chronicle_month", "chronicle_whole_year", "chronicle_line", "coverage_date", "award_date", "award_bodies",
    "share", "total_share", "total_label", "change", "activity_chart_title", "staff_chart_title",
)
LIST_SNIPPETS = ("activity_chart_series",)
TABLES = ("columns", "widths", "styles")
# What only the web edition prints: its contents' heading, skip link, chart data, open data (web.edition.words).
WEB_SNIPPETS = ("web_contents", "web_skip", "web_chart_data", "web_category", "web_open_data", "web_figures")
# Wording and styles of what only some reports print (pictures, lists, letterhead, signature, generic
# tables): a template made before them still builds every report that does not use them.
OPTIONAL_SNIPPETS = ("picture_caption", "table_caption", "signature_date", "list_bullet", "list_number",
                     "column_unit", "number_heading", "table_date", "subsection_heading", "imprint_cc",
                     "imprint_issued", "to_fill", "plan_part", "plan_task", "plan_done", "plan_none", "plan_entry",
                     "plan_target", *WEB_SNIPPETS)
OPTIONAL_STYLES = ("list", "picture", "caption", "letterhead", "signature", "run_in", "table_note", "subsection",
                   "document_number", "document_title", "imprint", "imprint_date", "imprint_table", "addressee",
                   "signature_note")


class SnippetError(Exception):
    """A snippet that does not compile or render, with where it is written in snippets.yaml."""

    def __init__(self, mark: Mark, path: str, reason: str):
        super().__init__(f"{path}: {reason}")
        self.mark, self.path, self.reason = mark, path, reason


class Snippet:
    """A snippet compiled on first use: most snippets have a Direct form, and the few that need Jinja
    (tags, filters with arguments) are compiled only when a report actually uses them."""

    def __init__(self, source: str, mark: Mark, path: str):
        from libreport.prose.sandbox import direct

        self.source, self.mark, self.path = source, mark, path
        self._compiled: Direct | Bounded | None = direct(source)

    def render(self, *args, **values):
        if self._compiled is None:
            from libreport.prose.sandbox import compile_template

            try:
                self._compiled = compile_template(self.source)
            except Exception as exc:  # a syntax error in a snippet staff edited
                raise SnippetError(self.mark, self.path, f"not a valid Jinja snippet: {exc}") from None
        try:
            return self._compiled.render(*args, **values)
        except SnippetError:
            raise
        except Exception as exc:  # names something that is not there, or a filter that fails
            raise SnippetError(self.mark, self.path, str(exc)) from None


@dataclass
class Wording:
    """snippets.yaml: `snippets` by name (compiled on first use), `lists`, `columns` (table → its headings),
    `widths` (table → its column weights) and `styles` (role → the style's name as Word shows it, and where)."""

    file: Path
    snippets: dict[str, Snippet] = field(default_factory=dict)
    lists: dict[str, list[str]] = field(default_factory=dict)
    columns: dict[str, list[Snippet]] = field(default_factory=dict)
    widths: dict[str, list[float]] = field(default_factory=dict)
    styles: dict[str, tuple[str | None, Mark, str]] = field(default_factory=dict)

    def say(self, snippet: str, /, **values) -> str:  # positional-only: snippets take a value called `name`
        return self.snippets[snippet].render(values)

    def heads(self, table: str, **values) -> list[str]:
        return [h.render(values) for h in self.columns[table]]

    def optional(self, snippet: str, /, **values) -> str:
        """A snippet only some reports need; a template made before it gets a diagnostic, not a traceback."""
        if snippet not in self.snippets:
            raise SnippetError(Mark(self.file, 1, 1), snippet, "not set in snippets.yaml")
        return self.snippets[snippet].render(values)


SNIPPETS = "snippets.yaml"


def to_fill_wording(folder: Path) -> str:
    """The template's to-fill wording (snippets.yaml `to_fill:`), read on its own for what is written before
    the wording is loaded (validate's sources, `new`, `init`); the default when it is not set or not plain text.
    Problems with snippets.yaml itself are load_wording's to say."""
    from libreport.tofill import DEFAULT

    snippets = folder / SNIPPETS
    if not snippets.is_file():
        return DEFAULT
    root = load_yaml(snippets, Diagnostics(), lambda mark: None)
    value = getattr(root, "value", None)
    if not isinstance(value, list):
        return DEFAULT
    for key, node in value:
        if getattr(key, "value", None) == "to_fill" and isinstance(getattr(node, "value", None), str):
            return node.value.strip() or DEFAULT
    return DEFAULT


def load_wording(folder: Path, diags: Diagnostics) -> Wording | None:
    """snippets.yaml of the template folder: the snippets compiled, the lists, and the tables' columns, widths
    and style names. None when any of it is not usable (each problem said at its line)."""
    snippets = folder / SNIPPETS
    if not snippets.exists():
        diags.error("template", Mark(snippets, 1, 1), variant="snippets")
        return None
    root = load_yaml(snippets, diags, lambda mark: diags.error("empty-file", mark, file=snippets, variant="snippets"))
    if root is None:
        return None
    r = Reader(snippets, diags)
    fields = r.mapping(root, "", TEXT_SNIPPETS + OPTIONAL_SNIPPETS + LIST_SNIPPETS + TABLES,
                       TEXT_SNIPPETS + LIST_SNIPPETS + TABLES)
    if fields is None:
        return None
    wording = Wording(snippets)
    ok = True

    def compile_(node, path):
        nonlocal ok
        text = r.text(node, path, allow_empty=True)
        if text is None:
            ok = False
            return None
        return Snippet(text, r.mark(node), path)

    for name in TEXT_SNIPPETS + OPTIONAL_SNIPPETS:
        if name in fields:
            wording.snippets[name] = compile_(fields[name][1], name)
    for name in LIST_SNIPPETS:
        if name in fields:
            wording.lists[name] = r.text_list(fields[name][1], name) or []
    for table in TABLES:
        if table in fields and not _table_setting(wording, r, table, fields[table][1], compile_, diags):
            ok = False
    missing = [k for k in _table_keys("styles") if k not in wording.styles]
    for key in missing:
        diags.error("template", r.mark(root), f"styles.{key}", setting=f"styles.{key}", variant="unset")
    return wording if ok and not missing else None


def _table_setting(wording: Wording, r: Reader, table: str, node, compile_, diags: Diagnostics) -> bool:
    """One of snippets.yaml's `columns`, `widths` or `styles`, each table's entry checked against what the
    description fills (so many cells a row)."""
    optional = OPTIONAL_STYLES if table == "styles" else ()
    mapping = r.mapping(node, table, _table_keys(table) + optional)
    if mapping is None:
        return False
    for key, (_k, value) in mapping.items():
        path = f"{table}.{key}"
        items: list = []
        if table in ("columns", "widths"):
            listed = r.sequence(value, path)
            if listed is None:
                continue
            items = listed
            if len(items) != CELLS[table][key] and key in OPTIONAL_COLUMNS:
                # a table without 版面 (or 颁奖部门) leaves the column out by itself: all names are written
                diags.error("template", r.mark(value), path, setting=path, found=len(items),
                            expected=CELLS[table][key], optional=OPTIONAL_COLUMNS[key], variant="count-optional")
            elif len(items) != CELLS[table][key]:  # the description fills exactly that many cells a row
                diags.error("template", r.mark(value), path, setting=path, found=len(items),
                            expected=CELLS[table][key], variant="count")
        if table == "columns":
            wording.columns[key] = [compile_(n, f"{path}[{i + 1}]") for i, n in enumerate(items)]
        elif table == "widths":
            wording.widths[key] = [_width(r, n, f"{path}[{i + 1}]") for i, n in enumerate(items)]
        else:
            wording.styles[key] = (r.text(value, path) or None, r.mark(value), path)
    return True


# How many cells a row of each table has: the headings and widths snippets.yaml gives must match.
CELLS = {"columns": {"awards": 4, "coverage": 5, "statistics": 4, "statistics_previous": 2, "activities_top": 4,
                     "activities_sub": 4, "staff": 3},
         "widths": {"awards": 4, "coverage": 5, "statistics": 4, "statistics_previous": 6, "activities": 6,
                    "staff": 3}}


# Columns a table leaves out when no entry fills them: the template still names them all, in their places.
OPTIONAL_COLUMNS = {
    "awards": Both("颁奖部门 without by:, 获奖时间 without date:", "无 by: 时的颁奖部门、无 date: 时的获奖时间"),
    "coverage": Both("版面 without section:", "无 section: 时的版面"),
    "activities_top": Both("活动场次 or 活动人次 when no row gives it", "各行都没有的活动场次或活动人次"),
    "activities_sub": Both("场次 or 人次 with its 比例 when no row gives it", "各行都没有的场次或人次及其比例"),
    "activities": Both("场次 or 人次 with its 比例 when no row gives it", "各行都没有的场次或人次及其比例"),
}


def _width(r: Reader, node, path: str) -> float:
    value = r.number(node, path, integer=False)
    if value is not None and value == 0:
        r.diags.error("template", r.mark(node), path, setting=path, variant="zero")
    return float(value) if value else 1.0


def _table_keys(table: str) -> tuple[str, ...]:
    if table == "columns":
        return ("awards", "coverage", "statistics", "statistics_previous", "activities_top", "activities_sub", "staff")
    if table == "widths":
        return ("awards", "coverage", "statistics", "statistics_previous", "activities", "staff")
    return ("part", "section", "summary_1", "summary_2", "summary_3", "summary_4", "paragraph", "month",
            "chronicle", "toc_1", "toc_2", "table_text", "table_center", "table_number", "table_header", "chart",
            "list_table", "stat_table")
