"""Reading a source file's bytes as text, the way a person saved it.

One place decides encodings for every file libreport reads (year sources, templates,
spreadsheets saved as CSV): UTF-8 with or without a BOM, UTF-16 with a BOM, and GBK/GB18030
as Windows editors save it, with a warning.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass
from pathlib import Path

from libreport.diagnostics import Diagnostics, Mark

MAX_BYTES = 64 * 1024 * 1024  # a hundred years of a busy library's chronicle is far smaller


@dataclass
class SourceText:
    path: Path
    text: str


def read_text(path: Path, diags: Diagnostics) -> SourceText | None:
    """Decode a source file the way a person saved it, saying what was done."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            diags.error("file-too-large", Mark(path, 1, 1), size=size // (1024 * 1024),
                        limit=MAX_BYTES // (1024 * 1024))
            return None
        data = path.read_bytes()
    except OSError as exc:
        diags.error("unreadable", Mark(path, 1, 1), reason=str(exc.strerror or exc))
        return None
    decoded = decode(data)
    if decoded is None:
        diags.error("encoding", Mark(path, _first_bad_line(data), 1), variant="undecodable")
        return None
    if decoded.codec == "gb18030":
        diags.warning("encoding", Mark(path, _first_bad_line(data), 1))
    return SourceText(path, _normal_newlines(decoded.text))


@dataclass
class Decoded:
    text: str
    codec: str  # utf-8, utf-16-le, utf-16-be or gb18030: what writing back must use
    bom: bytes  # the byte order mark the file starts with, kept when writing back


def decode(data: bytes) -> Decoded | None:
    """Text as a person saved it: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode
    text"), or GBK/GB18030 as Chinese Windows editors and Excel save it. None when it is none of these."""
    for bom, codec in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                       (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(codec), codec, bom)
            except UnicodeDecodeError:
                return None
    for codec in ("utf-8", "gb18030"):
        try:
            return Decoded(data.decode(codec), codec, b"")
        except UnicodeDecodeError:
            continue
    return None


def _first_bad_line(data: bytes) -> int:
    """The line of the first byte that is not UTF-8: where a GBK file shows itself."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return data[: exc.start].count(b"\n") + 1
    return 1


def _normal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
