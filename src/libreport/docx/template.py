"""A template set: report.docx (styles, page, cover, header/footer) and snippets.yaml (wording)."""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

from libreport.diagnostics import Diagnostics, Mark
from libreport.sources.reader import Reader
from libreport.sources.text import read_text
from libreport.sources.yamlfile import compose

TEXT_SNIPPETS = (
    "title", "output_name", "part_heading", "section_heading", "running_header",
    "summary_heading_1", "summary_heading_2", "summary_heading_3", "summary_heading_4",
    "chronicle_month", "chronicle_whole_year", "chronicle_line", "coverage_date", "award_date", "award_bodies",
    "share", "total_share", "total_label", "change", "activity_chart_title", "staff_chart_title",
)
LIST_SNIPPETS = ("activity_chart_series",)
TABLES = ("columns", "widths", "styles")
# Wording and styles of what only some reports print (pictures, lists, letterhead, signature, generic
# tables): a template made before them still builds every report that does not use them.
OPTIONAL_SNIPPETS = ("picture_caption", "table_caption", "signature_date", "list_bullet", "list_number",
                     "column_unit", "number_heading")
OPTIONAL_STYLES = ("list", "picture", "caption", "letterhead", "signature", "run_in", "table_note")


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
        self._compiled = direct(source)

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
class Template:
    folder: Path
    docx: Path
    parts: dict[str, bytes]  # every part of report.docx, by name
    snippets: dict = field(default_factory=dict)  # name → compiled Jinja template
    lists: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)  # table → [compiled headings]
    widths: dict = field(default_factory=dict)
    style_ids: dict = field(default_factory=dict)  # role → styleId

    def say(self, snippet: str, /, **values) -> str:  # positional-only: snippets take a value called `name`
        return self.snippets[snippet].render(values)

    def heads(self, table: str, **values) -> list[str]:
        return [h.render(values) for h in self.columns[table]]

    def style(self, role: str) -> str:
        if role not in self.style_ids:  # an optional role this template does not name, needed by this report
            raise SnippetError(Mark(self.folder / "snippets.yaml", 1, 1), f"styles.{role}",
                               "not set; name the paragraph style of report.docx to use")
        return self.style_ids[role]

    def optional(self, snippet: str, /, **values) -> str:
        """A snippet only some reports need; a template made before it gets a diagnostic, not a traceback."""
        if snippet not in self.snippets:
            raise SnippetError(Mark(self.folder / "snippets.yaml", 1, 1), snippet, "not set in snippets.yaml")
        return self.snippets[snippet].render(values)


def load_template(folder: Path, diags: Diagnostics) -> Template | None:
    docx = folder / "report.docx"
    snippets_path = folder / "snippets.yaml"
    try:
        with zipfile.ZipFile(docx) as z:
            parts = {name: z.read(name) for name in z.namelist()}
    except (OSError, zipfile.BadZipFile) as exc:
        diags.error("template", Mark(docx, 1, 1), reason=str(exc), variant="open")
        return None
    for needed in ("word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
        if needed not in parts:
            diags.error("template", Mark(docx, 1, 1), part=needed, variant="part")
            return None
    body = parts["word/document.xml"].decode("utf-8")
    for marker in ("{{ body }}",):
        if marker not in body:
            diags.error("template", Mark(docx, 1, 1), marker=marker, variant="body")
            return None
    tpl = Template(folder, docx, parts)
    src = read_text(snippets_path, diags) if snippets_path.is_file() else None
    if src is None:
        if not snippets_path.is_file():
            diags.error("template", Mark(snippets_path, 1, 1), variant="snippets")
        return None
    root = compose(src, diags)
    if root is None:
        return None
    r = Reader(snippets_path, diags)
    fields = r.mapping(root, "", TEXT_SNIPPETS + OPTIONAL_SNIPPETS + LIST_SNIPPETS + TABLES,
                       TEXT_SNIPPETS + LIST_SNIPPETS + TABLES)
    if fields is None:
        return None
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
            tpl.snippets[name] = compile_(fields[name][1], name)
    for name in LIST_SNIPPETS:
        if name in fields:
            tpl.lists[name] = r.text_list(fields[name][1], name) or []
    styles = _style_names(parts["word/styles.xml"])
    for table in TABLES:
        if table not in fields:
            continue
        optional = OPTIONAL_STYLES if table == "styles" else ()
        mapping = r.mapping(fields[table][1], table, _table_keys(table) + optional)
        if mapping is None:
            ok = False
            continue
        for key, (_k, node) in mapping.items():
            path = f"{table}.{key}"
            if table == "columns":
                items = r.sequence(node, path) or []
                tpl.columns[key] = [compile_(n, f"{path}[{i + 1}]") for i, n in enumerate(items)]
            elif table == "widths":
                items = r.sequence(node, path) or []
                tpl.widths[key] = [float(r.number(n, f"{path}[{i + 1}]", integer=False) or 1)
                                   for i, n in enumerate(items)]
            else:
                name = r.text(node, path)
                tpl.style_ids[key] = _style_id(styles, name, diags, r.mark(node), path) if name else None
    missing = [k for k in _table_keys("styles") if k not in tpl.style_ids]
    for key in missing:
        diags.error("template", r.mark(root), f"styles.{key}", setting=f"styles.{key}", variant="unset")
    if not ok or missing or None in tpl.style_ids.values():
        return None
    return tpl


def _table_keys(table: str) -> tuple[str, ...]:
    if table == "columns":
        return ("awards", "coverage", "statistics", "statistics_previous", "activities_top", "activities_sub", "staff")
    if table == "widths":
        return ("awards", "coverage", "statistics", "statistics_previous", "activities", "staff")
    return ("part", "section", "summary_1", "summary_2", "summary_3", "summary_4", "paragraph", "month",
            "chronicle", "toc_1", "toc_2", "table_text", "table_center", "table_number", "table_header", "chart",
            "list_table", "stat_table")


_STYLE = re.compile(r'<w:style\b[^>]*?w:styleId="([^"]+)"[^>]*>.*?<w:name w:val="([^"]+)"', re.S)


def _style_names(styles_xml: bytes) -> list[tuple[str, str]]:
    return [(sid, sname.lower()) for sid, sname in _STYLE.findall(styles_xml.decode("utf-8"))]


def _style_id(styles: list[tuple[str, str]], name: str, diags: Diagnostics, mark: Mark, path: str) -> str | None:
    """Styles are named as Word shows them; the document refers to them by id."""
    wanted = name.lower()
    for sid, sname in styles:
        if sname == wanted or sid.lower() == wanted.replace(" ", ""):
            return sid
    diags.error("template", mark, path, setting=path, name=name, variant="style")
    return None
