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

# Chinese office fonts by the names documents use, mapped to the free fonts a Linux machine has, so
# that LibreOffice sets 黑体 headings in a sans face and 仿宋/宋体 text in a serif face (as Word on
# Windows does) instead of one fallback face for everything. Only affects libreport's own LibreOffice runs.
FONT_ALIASES = {
    "Noto Sans CJK SC": ("黑体", "SimHei", "微软雅黑", "Microsoft YaHei"),
    "Noto Serif CJK SC": ("宋体", "SimSun", "仿宋", "FangSong", "仿宋_GB2312", "FangSong_GB2312", "楷体", "KaiTi",
                          "楷体_GB2312", "方正小标宋简体", "方正小标宋_GBK"),
    "Liberation Serif": ("Times New Roman",),
}


def _fontconfig(folder: Path) -> Path:
    aliases = "".join(
        f"<alias binding=\"same\"><family>{name}</family><prefer><family>{target}</family></prefer></alias>"
        for target, names in FONT_ALIASES.items() for name in names)
    conf = folder / "fonts.conf"
    conf.write_text('<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
                    '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
                    f"{aliases}</fontconfig>", encoding="utf-8")
    return conf


def soffice() -> str | None:
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    return None


class LayoutError(Exception):
    pass


def to_pdf(docx_bytes: bytes, timeout: int = 300) -> bytes:
    exe = soffice()
    if exe is None:
        raise LayoutError("LibreOffice (soffice) is not installed")
    with tempfile.TemporaryDirectory(prefix="libreport-") as tmp:
        tmpdir = Path(tmp)
        src = tmpdir / "report.docx"
        src.write_bytes(docx_bytes)
        profile = tmpdir / "profile"
        cmd = [exe, f"-env:UserInstallation=file://{profile}", "--headless", "--norestore", "--nolockcheck",
               "--convert-to", "pdf:writer_pdf_Export", "--outdir", str(tmpdir), str(src)]
        env = {**os.environ, "HOME": str(tmpdir), "FONTCONFIG_FILE": str(_fontconfig(tmpdir))}
        try:
            proc = subprocess.run(cmd, capture_output=True, timeout=timeout, env=env)
        except subprocess.TimeoutExpired as exc:
            raise LayoutError(f"LibreOffice did not finish within {timeout} s") from exc
        pdf = tmpdir / "report.pdf"
        if not pdf.is_file():
            said = proc.stderr.decode(errors="replace").strip()
            raise LayoutError(f"LibreOffice could not convert the report: {said}")
        return pdf.read_bytes()


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
                    out.append((str(item.title).strip(), reader.get_destination_page_number(item) + 1))
                except Exception:  # an entry without a destination carries no page
                    continue

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
