"""A template set: a Word document (report.docx: styles, page, cover, header/footer; or another the year names,
official.docx) and snippets.yaml (wording), shared by the documents of the folder."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from libreport.diagnostics import Diagnostics, Mark
from libreport.docx import placeholders
from libreport.docx.look import DEFAULT_SIZE, WORD_CELL_MARGIN, Look, LookError, read_look
from libreport.docx.measure import Face
from libreport.wording import SNIPPETS, SnippetError, Wording, load_wording


@dataclass
class Template:
    folder: Path
    docx: Path
    parts: dict[str, bytes]  # every part of report.docx, by name
    look: Look
    wording: Wording = field(default_factory=lambda: Wording(Path(SNIPPETS)))  # snippets.yaml, read on its own
    style_ids: dict = field(default_factory=dict)  # role → styleId
    has_toc: bool = False  # the document has a {{ toc }} paragraph: a table of contents to number
    has_title: bool = True  # the document prints {{ title }} (on a cover); one without prints it above the text
    cover: frozenset[str] = frozenset()  # the placeholders of the document itself (its cover): title, issuer …

    def style(self, role: str) -> str:
        if role not in self.style_ids:  # an optional role this template does not name, needed by this report
            raise SnippetError(Mark(self.folder / SNIPPETS, 1, 1), f"styles.{role}",
                               "not set; name the paragraph style of report.docx to use")
        return self.style_ids[role]

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
    snippets = folder / SNIPPETS
    errors_before = len(diags.errors)
    for file in (docx, snippets):
        if not inside(file, folder):
            diags.error("path-outside", Mark(file, 1, 1), file=file, variant="template")
            return None
    tpl = _document(folder, docx, diags)
    if tpl is None:
        return None
    wording = load_wording(folder, diags)
    if wording is None:
        return None
    tpl.wording = wording
    if not _styles(tpl, wording, diags):
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


def _styles(tpl: Template, wording: Wording, diags: Diagnostics) -> bool:
    """The paragraph and table styles snippets.yaml names for each role, found in the Word document (named as
    Word shows them; the document refers to them by id). False when one is not there (said at its line)."""
    for key, (name, mark, path) in wording.styles.items():
        tpl.style_ids[key] = _style_id(tpl.look, name, diags, mark, path, tpl.docx.name) if name else None
    return None not in tpl.style_ids.values()


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


def _style_id(look: Look, name: str, diags: Diagnostics, mark: Mark, path: str, docx: str) -> str | None:
    """Styles are named as Word shows them; the document refers to them by id."""
    wanted = name.lower()
    found = look.styles.get(wanted) or look.styles.get(wanted.replace(" ", ""))
    if found is None:
        diags.error("template", mark, path, setting=path, name=name, docx=docx, variant="style")
    return found
