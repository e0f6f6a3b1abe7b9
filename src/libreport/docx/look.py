"""What a template's report.docx says about the look, read with python-docx as Word shows it.

Staff restyle the template in Word or WPS; everything the build needs to know of it is read here, once:
the page (text width), the styles by name, the fonts table text is set in (to size columns), the table
styles' cell margins, the TOC's tab stops, the chart's fonts and the theme's colours. The document part
itself is not written through python-docx: the report body is streamed (docx.package).
"""

from __future__ import annotations

import hashlib
import io
import json
import os
from dataclasses import asdict, dataclass, field

from lxml import etree

from libreport.docx.measure import Face

A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def qn(tag: str) -> str:
    """`w:sz` → the Clark name lxml uses (python-docx's own helper, without importing python-docx for it)."""
    return W + tag.removeprefix("w:")
EMU_PER_TWIP = 635
WORD_CELL_MARGIN = 108  # what Word puts left and right in a cell when the table style says nothing
DEFAULT_SIZE = 10.5
# Series colours when the template has no theme (Word's default accents).
ACCENTS = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")


@dataclass
class Look:
    text_width: int  # twips between the margins of the body section
    text_height: int  # twips between its top and bottom margins
    styles: dict[str, str]  # lower-cased style name (and id) → style id
    faces: dict[str, Face] = field(default_factory=dict)  # paragraph style id → the font its text is set in
    east_asian: dict[str, str] = field(default_factory=dict)  # paragraph style id → its Chinese font
    margins: dict[str, int] = field(default_factory=dict)  # table style id → left + right cell margins
    tabs: dict[str, tuple[list[int], str]] = field(default_factory=dict)  # style id → (tab positions, leader)
    accents: tuple[str, ...] = ACCENTS


class LookError(Exception):
    pass


# Bumped whenever what read_look works out changes, so that no look cached by older code is used.
LOOK_VERSION = "1"


def read_look(docx_bytes: bytes, theme: bytes | None) -> Look:
    """The look of a template document. Reading it takes python-docx a good part of a small build's time, and
    staff change the template far less often than they build, so a look is kept in libreport's cache under
    a hash of the document's bytes."""
    from libreport.cache import cache_dir

    folder = cache_dir("look")
    digest = hashlib.sha256(LOOK_VERSION.encode() + docx_bytes + b"\0" + (theme or b"")).hexdigest()
    if folder is not None:
        try:
            return _from_json(json.loads((folder / f"{digest}.json").read_text(encoding="utf-8")))
        except (OSError, ValueError, KeyError, TypeError):
            pass
    look = _read_look(docx_bytes, theme)
    if folder is not None:
        try:
            tmp = folder / f".{digest}.{os.getpid()}.tmp"
            tmp.write_text(json.dumps(asdict(look), ensure_ascii=False), encoding="utf-8")
            os.replace(tmp, folder / f"{digest}.json")
        except OSError:
            pass
    return look


def _from_json(data: dict) -> Look:
    return Look(data["text_width"], data["text_height"], data["styles"],
                {k: Face(**v) for k, v in data["faces"].items()}, data["east_asian"], data["margins"],
                {k: (list(v[0]), v[1]) for k, v in data["tabs"].items()}, tuple(data["accents"]))


def _read_look(docx_bytes: bytes, theme: bytes | None) -> Look:
    from docx import Document  # python-docx: imported only when a look is not in the cache

    try:
        doc = Document(io.BytesIO(docx_bytes))
    except Exception as exc:  # python-docx raises many kinds for a damaged package
        raise LookError(str(exc)) from None
    section = doc.sections[-1]
    page, left, right = section.page_width, section.left_margin, section.right_margin
    # A section without page size or margins: A4 with Word's margins.
    text_width = int((page - left - right) / EMU_PER_TWIP) if page and left is not None and right is not None else 9026
    height, top, bottom = section.page_height, section.top_margin, section.bottom_margin
    text_height = (int((height - top - bottom) / EMU_PER_TWIP) if height and top is not None and bottom is not None
                   else 13000)
    defaults = _defaults(doc)
    look = Look(text_width, text_height, {}, accents=_accents(theme))
    for style in doc.styles:
        sid = style.style_id
        look.styles.setdefault(style.name.lower(), sid)
        look.styles.setdefault(sid.lower(), sid)
        if style.type == 1:  # paragraph
            look.faces[sid], look.east_asian[sid] = _face(style, defaults)
            look.tabs[sid] = _tabs(style)
        elif style.type == 3:  # table
            look.margins[sid] = _cell_margins(style)
    return look


def _chain(style):
    while style is not None:
        yield style
        style = style.base_style


def _defaults(doc) -> tuple[float, str | None, str | None]:
    rpr = doc.styles.element.find(f"{qn('w:docDefaults')}/{qn('w:rPrDefault')}/{qn('w:rPr')}")
    size, latin, east = DEFAULT_SIZE, None, None
    if rpr is not None:
        sz = rpr.find(qn("w:sz"))
        if sz is not None and (sz.get(qn("w:val")) or "").isdigit():
            size = int(sz.get(qn("w:val"))) / 2
        fonts = rpr.find(qn("w:rFonts"))
        if fonts is not None:
            latin, east = fonts.get(qn("w:ascii")), fonts.get(qn("w:eastAsia"))
    return size, latin, east


def _face(style, defaults) -> tuple[Face, str]:
    size = latin = bold = east = None
    for s in _chain(style):
        font = s.font
        if size is None and font.size is not None:
            size = font.size.pt
        if latin is None:
            latin = font.name
        if bold is None:
            bold = font.bold
        if east is None:
            fonts = s.element.find(f"{qn('w:rPr')}/{qn('w:rFonts')}")
            east = fonts.get(qn("w:eastAsia")) if fonts is not None else None
    d_size, d_latin, d_east = defaults
    return Face(size or d_size, latin or d_latin or "", bool(bold)), east or d_east or ""


def _tabs(style) -> tuple[list[int], str]:
    positions: list[int] = []
    leader = "dot"
    for s in _chain(style):
        tabs = s.element.find(f"{qn('w:pPr')}/{qn('w:tabs')}")
        for tab in tabs if tabs is not None else ():
            pos = tab.get(qn("w:pos"))
            if pos is None or not pos.lstrip("-").isdigit() or tab.get(qn("w:val")) == "clear":
                continue
            positions.append(int(pos))
            if tab.get(qn("w:val")) == "right" and tab.get(qn("w:leader")):
                leader = tab.get(qn("w:leader"))
    return positions, leader


def _cell_margins(style) -> int:
    found: dict[str, int] = {}
    for s in _chain(style):
        mar = s.element.find(f"{qn('w:tblPr')}/{qn('w:tblCellMar')}")
        for side in ("left", "right", "start", "end"):
            el = mar.find(qn(f"w:{side}")) if mar is not None else None
            key = {"start": "left", "end": "right"}.get(side, side)
            if el is not None and key not in found and (el.get(qn("w:w")) or "").isdigit():
                found[key] = int(el.get(qn("w:w")))
    return found.get("left", WORD_CELL_MARGIN) + found.get("right", WORD_CELL_MARGIN)


def _accents(theme: bytes | None) -> tuple[str, ...]:
    if not theme:
        return ACCENTS
    try:
        root = etree.fromstring(theme)
    except etree.XMLSyntaxError:
        return ACCENTS
    scheme = root.find(f"{A}themeElements/{A}clrScheme")
    if scheme is None:
        return ACCENTS
    out = []
    for k in range(1, 7):
        slot = scheme.find(f"{A}accent{k}")
        colour = slot[0] if slot is not None and len(slot) else None
        value = (colour.get("val") if colour is not None and colour.tag == f"{A}srgbClr"
                 else colour.get("lastClr") if colour is not None else None)
        out.append(value if value and len(value) == 6 else ACCENTS[k - 1])
    return tuple(out)
