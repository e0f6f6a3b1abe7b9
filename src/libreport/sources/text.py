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
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8):]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return SourceText(path, _normal_newlines(data.decode("utf-16")))
        except UnicodeDecodeError:
            pass
    try:
        return SourceText(path, _normal_newlines(data.decode("utf-8")))
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError:
        diags.error("encoding", Mark(path, line, 1), variant="undecodable")
        return None
    diags.warning("encoding", Mark(path, line, 1))
    return SourceText(path, _normal_newlines(text))


def _normal_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")
