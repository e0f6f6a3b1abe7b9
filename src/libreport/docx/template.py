"""A template set: a Word document (report.docx: styles, page, cover, header/footer; or another the year names,
official.docx) and snippets.yaml (wording), shared by the documents of the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from libreport.diagnostics import Diagnostics, Mark
from libreport.docx import placeholders
from libreport.docx.look import DEFAULT_SIZE, WORD_CELL_MARGIN, Look, LookError, read_look
from libreport.docx.measure import Face
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
                     "imprint_issued", *WEB_SNIPPETS)
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
class Template:
    folder: Path
    docx: Path
    parts: dict[str, bytes]  # every part of report.docx, by name
    look: Look
    snippets: dict = field(default_factory=dict)  # name → compiled Jinja template
    lists: dict = field(default_factory=dict)
    columns: dict = field(default_factory=dict)  # table → [compiled headings]
    widths: dict = field(default_factory=dict)
    style_ids: dict = field(default_factory=dict)  # role → styleId
    has_toc: bool = False  # the document has a {{ toc }} paragraph: a table of contents to number
    has_title: bool = True  # the document prints {{ title }} (on a cover); one without prints it above the text
    cover: frozenset[str] = frozenset()  # the placeholders of the document itself (its cover): title, issuer …

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

    @property
    def text_width(self) -> int:
        return self.look.text_width

    def face(self, paragraph_style: str | None) -> Face:
        return self.look.faces.get(paragraph_style or "", self.look.faces.get("Normal", Face(DEFAULT_SIZE)))

    def cell_margins(self, table_style: str) -> int:
        return self.look.margins.get(table_style, 2 * WORD_CELL_MARGIN)


DEFAULT_DOCUMENT = "report.docx"


def load_template(folder: Path, diags: Diagnostics, document: str = DEFAULT_DOCUMENT) -> Template | None:
    """The template folder with `document` (report.docx unless a year's `template:` names another): the Word
    document read and checked, then the wording of snippets.yaml. None, said why, when either is not usable."""
    from libreport.paths import inside

    docx = folder / document
    snippets = folder / "snippets.yaml"
    errors_before = len(diags.errors)
    for file in (docx, snippets):
        if not inside(file, folder):
            diags.error("path-outside", Mark(file, 1, 1), file=file, variant="template")
            return None
    tpl = _document(folder, docx, diags)
    if tpl is None or not _wording(tpl, snippets, diags):
        return None
    if len(diags.errors) > errors_before:
        return None  # an unknown key or a wrong value is an error like any other: the build stops on it
    return tpl


def _document(folder: Path, docx: Path, diags: Diagnostics) -> Template | None:
    """The Word document: its parts within limits and well formed, its placeholders where they belong, its look."""
    from libreport.sources.archive import PackageError, check_xml, read_parts

    try:
        parts = read_parts(docx)
        data = docx.read_bytes()  # read_look opens it again: only once its parts are known to be within limits
    except PackageError as exc:
        diags.error("template", Mark(docx, 1, 1), docx=docx.name, reason=str(exc), variant="open")
        return None
    for needed in ("word/document.xml", "word/styles.xml", "[Content_Types].xml", "word/_rels/document.xml.rels"):
        if needed not in parts:
            diags.error("template", Mark(docx, 1, 1), docx=docx.name, part=needed, variant="part")
            return None
    try:  # every XML part the build parses or copies: a broken one would stop the build, or Word
        for name, part in parts.items():
            if name.endswith((".xml", ".rels")):
                check_xml(name, part)
    except PackageError as exc:
        diags.error("template", Mark(docx, 1, 1), docx=docx.name, reason=str(exc), variant="open")
        return None
    blocks = _check_placeholders(parts["word/document.xml"], docx, diags)
    if blocks is None:
        return None
    try:
        look = read_look(data, parts.get("word/theme/theme1.xml"))
    except LookError as exc:
        diags.error("template", Mark(docx, 1, 1), docx=docx.name, reason=str(exc), variant="open")
        return None
    return Template(folder, docx, parts, look, has_toc="toc" in blocks, has_title="title" in blocks,
                    cover=frozenset(ph.expr for ph in placeholders.find(etree.fromstring(parts["word/document.xml"]))))


def _wording(tpl: Template, snippets: Path, diags: Diagnostics) -> bool:
    """snippets.yaml into `tpl`: the snippets compiled, the lists, and the tables' columns, widths and styles.
    False when any of it is not usable (each problem said at its line)."""
    if not snippets.exists():
        diags.error("template", Mark(snippets, 1, 1), variant="snippets")
        return False
    root = load_yaml(snippets, diags, lambda mark: diags.error("empty-file", mark, file=snippets, variant="snippets"))
    if root is None:
        return False
    r = Reader(snippets, diags)
    fields = r.mapping(root, "", TEXT_SNIPPETS + OPTIONAL_SNIPPETS + LIST_SNIPPETS + TABLES,
                       TEXT_SNIPPETS + LIST_SNIPPETS + TABLES)
    if fields is None:
        return False
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
    for table in TABLES:
        if table in fields and not _table_setting(tpl, r, table, fields[table][1], compile_, diags):
            ok = False
    missing = [k for k in _table_keys("styles") if k not in tpl.style_ids]
    for key in missing:
        diags.error("template", r.mark(root), f"styles.{key}", setting=f"styles.{key}", variant="unset")
    return ok and not missing and None not in tpl.style_ids.values()


def _table_setting(tpl: Template, r: Reader, table: str, node, compile_, diags: Diagnostics) -> bool:
    """One of snippets.yaml's `columns`, `widths` or `styles`, each table's entry checked against what the
    renderer fills (so many cells a row; a style the document has)."""
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
            elif len(items) != CELLS[table][key]:  # the renderer fills exactly that many cells a row
                diags.error("template", r.mark(value), path, setting=path, found=len(items),
                            expected=CELLS[table][key], variant="count")
        if table == "columns":
            tpl.columns[key] = [compile_(n, f"{path}[{i + 1}]") for i, n in enumerate(items)]
        elif table == "widths":
            tpl.widths[key] = [_width(r, n, f"{path}[{i + 1}]") for i, n in enumerate(items)]
        else:
            style_name = r.text(value, path)
            tpl.style_ids[key] = (_style_id(tpl.look, style_name, diags, r.mark(value), path, tpl.docx.name)
                                  if style_name else None)
    return True


def _check_placeholders(document: bytes, docx: Path, diags: Diagnostics) -> set[str] | None:
    """{{ body }} stands alone in a paragraph of the document's body, once; so does {{ toc }}, if there.
    The block placeholders the document has, or None when one is missing or misplaced (and said so)."""
    try:
        root = etree.fromstring(document)
    except etree.XMLSyntaxError as exc:
        diags.error("template", Mark(docx, 1, 1), docx=docx.name, reason=str(exc), variant="open")
        return None
    every = placeholders.find(root)
    found = {name: [ph for ph in every if ph.expr == name] for name in placeholders.BLOCKS}
    if not found["body"]:
        diags.error("template", Mark(docx, 1, 1), docx=docx.name, marker="{{ body }}", variant="body")
        return None
    ok = True
    for name, phs in found.items():
        body_level = [ph for ph in phs if ph.alone and ph.paragraph.getparent().tag == f"{placeholders.W}body"]
        if len(phs) > 1 or len(body_level) != len(phs):
            diags.error("template", Mark(docx, 1, 1), docx=docx.name, marker=f"{{{{ {name} }}}}", variant="block")
            ok = False
    # {{ title }} may stand anywhere in the document (a cover, a heading): the title is printed there
    titled = {"title"} if any(ph.expr == "title" for ph in every) else set()
    return ({name for name, phs in found.items() if phs} | titled) if ok else None


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


def _style_id(look: Look, name: str, diags: Diagnostics, mark: Mark, path: str, docx: str) -> str | None:
    """Styles are named as Word shows them; the document refers to them by id."""
    wanted = name.lower()
    found = look.styles.get(wanted) or look.styles.get(wanted.replace(" ", ""))
    if found is None:
        diags.error("template", mark, path, setting=path, name=name, docx=docx, variant="style")
    return found
