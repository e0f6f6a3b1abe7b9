"""LibreOffice, when installed: PDF export and the page on which each heading lands.

Page numbers of the table of contents come from a real layout: the document is
converted to PDF, and the PDF's outline (one entry per heading, in order) says
on which page each heading was placed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
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


class LibreOffice:
    """LibreOffice with a user profile and font configuration of its own, kept for every conversion of one
    build: the first start creates the profile, later ones reuse it and start faster."""

    def __init__(self, timeout: int = 300):
        exe = soffice()
        if exe is None:
            raise LayoutError("LibreOffice (soffice) is not installed")
        self.exe, self.timeout = exe, timeout
        self._tmp = tempfile.TemporaryDirectory(prefix="libreport-")
        self.folder = Path(self._tmp.name)
        self.env = {**os.environ, "HOME": str(self.folder), "FONTCONFIG_FILE": str(fontconfig(self.folder))}

    def __enter__(self) -> LibreOffice:
        return self

    def __exit__(self, *exc) -> None:
        self._tmp.cleanup()

    def to_pdf(self, docx_bytes: bytes) -> bytes:
        work = Path(tempfile.mkdtemp(dir=self.folder))
        src = work / "report.docx"
        src.write_bytes(docx_bytes)
        if not autospace(docx_bytes):
            # LibreOffice reads neither w:autoSpaceDE nor w:autoSpaceDN from a .docx and spaces Chinese from digits
            # and Latin text all the same (2023 年 for 2023年): its own document says what the .docx says
            src = self._convert(src, "fodt", "fodt")
            src.write_text(src.read_text(encoding="utf-8").replace(
                'style:text-autospace="ideograph-alpha"', 'style:text-autospace="none"'), encoding="utf-8")
        data = self._convert(src, "pdf:writer_pdf_Export", "pdf").read_bytes()
        shutil.rmtree(work, ignore_errors=True)
        return data

    def _convert(self, src: Path, to: str, suffix: str) -> Path:
        cmd = [self.exe, f"-env:UserInstallation={(self.folder / 'profile').as_uri()}", "--headless", "--norestore",
               "--nolockcheck", "--convert-to", to, "--outdir", str(src.parent), str(src)]
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=self.timeout, env=self.env)
        except subprocess.TimeoutExpired as exc:
            raise LayoutError(f"LibreOffice did not finish within {self.timeout} s") from exc
        out = src.with_suffix(f".{suffix}")
        if not out.is_file():
            said = proc.stderr.decode(errors="replace").strip()
            raise LayoutError(f"LibreOffice could not convert the report: {said}")
        return out


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


def to_pdf(docx_bytes: bytes, timeout: int = 300) -> bytes:
    with LibreOffice(timeout) as lo:
        return lo.to_pdf(docx_bytes)


def heading_pages(pdf_bytes: bytes) -> list[tuple[str, int]]:
    """(title, 1-based physical page) for every outline entry, in document order."""
    import io

    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(pdf_bytes))
    out: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                try:
                    page = reader.get_destination_page_number(item)
                except Exception:  # an entry without a destination carries no page
                    continue
                if page is not None:
                    out.append((str(item.title).strip(), page + 1))

    walk(reader.outline)
    return out


def page_count(pdf_bytes: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf_bytes)).pages)


def toc_pages(entries, outline: list[tuple[str, int]]) -> dict[str, int] | None:
    """Match TOC entries to outline entries in order; page numbers restart at 1 on the first part.

    Returns bookmark → printed page number, or None when the outline does not
    contain every entry (then the caller falls back to a field).
    """
    pages: dict[str, int] = {}
    k = 0
    for e in entries:
        wanted = " ".join(e.text.split())
        while k < len(outline) and " ".join(outline[k][0].split()) != wanted:
            k += 1
        if k == len(outline):
            return None
        pages[e.bookmark] = outline[k][1]
        k += 1
    if not pages:
        return None
    first = pages[entries[0].bookmark]
    return {b: p - first + 1 for b, p in pages.items()}
