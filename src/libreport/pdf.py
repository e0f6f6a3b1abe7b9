"""LibreOffice, when installed: where it is, the fonts it lays the reports out with, and the TOC's page numbers
read from its layout (office.py runs it)."""

from __future__ import annotations

import shutil
from pathlib import Path

from libreport.docx.xml import esc

# What the layout needs on a Debian/Ubuntu machine: LibreOffice, Noto CJK (Simplified Chinese faces)
# and Liberation (metric twins of Times New Roman and Arial). README and .ci/run name the same packages;
# tests/test_libreoffice.py checks that they do.
PACKAGES = ("libreoffice-writer-nogui", "fonts-noto-cjk", "fonts-liberation2")
INSTALL = "apt-get install " + " ".join(PACKAGES)

SERIF_SC, SANS_SC = "Noto Serif CJK SC", "Noto Sans CJK SC"
# The fonts report templates name, as Word on Windows has them, mapped to the free faces that stand in for
# them. Every list ends in a Simplified-Chinese face, so a character the first face lacks (Ⅱ, ①, ※ in Times
# New Roman) falls back to it: never to DejaVu, and never to the Japanese forms fontconfig picks for CJK
# text by default. Only libreport's own LibreOffice runs see this; the .docx keeps the template's fonts.
FONT_FACES: dict[str, tuple[str, ...]] = {
    **dict.fromkeys(("Times New Roman", "Times", "Cambria", "Georgia"), ("Liberation Serif", SERIF_SC)),
    **dict.fromkeys(("Arial", "Helvetica", "Calibri", "Verdana", "Tahoma"), ("Liberation Sans", SANS_SC)),
    **dict.fromkeys(("Courier New",), ("Liberation Mono", SANS_SC)),
    **dict.fromkeys((
        "宋体", "SimSun", "新宋体", "NSimSun", "仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "方正仿宋_GBK",
        "方正仿宋简体", "华文仿宋", "STFangsong", "楷体", "KaiTi", "楷体_GB2312", "KaiTi_GB2312", "方正楷体_GBK",
        "方正楷体简体", "华文楷体", "STKaiti", "方正小标宋简体", "方正小标宋_GBK", "方正小标宋", "华文中宋",
        "STZhongsong", "华文宋体", "STSong", "方正书宋_GBK", "方正书宋简体"), (SERIF_SC,)),
    **dict.fromkeys((
        "黑体", "SimHei", "微软雅黑", "Microsoft YaHei", "等线", "DengXian", "方正黑体_GBK", "方正黑体简体",
        "华文黑体", "STHeiti", "华文细黑", "STXihei", "幼圆", "YouYuan"), (SANS_SC,)),
}


def fontconfig(folder: Path) -> Path:
    """A fontconfig file that maps every name in FONT_FACES to its faces, over the system's own configuration."""
    aliases = "".join(
        f'<alias binding="same"><family>{esc(name)}</family><prefer>'
        + "".join(f"<family>{face}</family>" for face in faces) + "</prefer></alias>"
        for name, faces in FONT_FACES.items())
    # Whatever else a document names, the last fallback is a Simplified-Chinese face.
    rules = (f'<match target="pattern"><edit name="family" mode="append_last"><string>{SERIF_SC}</string></edit>'
             '</match>')
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{aliases}{rules}</fontconfig>", encoding="utf-8")
    return conf


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


class LayoutError(Exception):
    pass


def autospace(docx_bytes: bytes) -> bool:
    """Whether the document asks for the space Word sets between Chinese and digits or Latin text (as Word does
    unless its defaults turn w:autoSpaceDE and w:autoSpaceDN off)."""
    import io
    import zipfile

    from lxml import etree

    try:
        with zipfile.ZipFile(io.BytesIO(docx_bytes)) as z:
            root = etree.fromstring(z.read("word/styles.xml"))
    except (KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return True
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    found = root.find(f"{w}docDefaults/{w}pPrDefault/{w}pPr/{w}autoSpaceDE")
    return found is None or found.get(f"{w}val", "1") not in ("0", "false", "off")


def toc_pages(entries, refs: dict[str, str]) -> dict[str, str] | None:
    """Bookmark → the page number its TOC entry prints, as the layout's page references print them (the page
    number of the heading's page, in its section's numbering), or None when one of them found no heading
    (LibreOffice then prints a sentence in its place): the caller falls back to a field."""
    pages = {e.bookmark: refs.get(e.bookmark, "") for e in entries}
    if not pages or not all(page and len(page) <= 12 and " " not in page for page in pages.values()):
        return None
    return pages
