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

# A busy library's year is a few hundred KiB; at this size every command still answers in a few seconds.
MAX_BYTES = 16 * 1024 * 1024


@dataclass
class SourceText:
    path: Path
    text: str


# Markdown is read by a pure-Python parser (a few seconds for 256 KiB of the worst Markdown); a long work
# summary is a tenth of this.
MAX_PROSE_BYTES = 256 * 1024


_NOT_A_FILE = {"folder": "folder", "dangling": "dangling", "loop": "loop", "special": None}  # kind → wording


def not_a_file(path: Path, diags: Diagnostics) -> bool:
    """Whether something other than a file stands at `path` (a folder, a link to nothing, a link that leads back
    to itself, a pipe or device that would never end); if so that is said at the path itself, naming it.
    Nothing at all, or a file that may not be read, is left to whoever reads it."""
    from libreport.paths import link_target, what_is

    kind = what_is(path)
    if kind in ("file", "missing", "unreadable"):
        return False
    diags.error("not-a-file", file=path, target=link_target(path) if kind == "dangling" else "",
                variant=_NOT_A_FILE[kind])
    return True


def read_text(path: Path, diags: Diagnostics, limit: int = MAX_BYTES) -> SourceText | None:
    """Decode a source file the way a person saved it, saying what was done. `limit` is in bytes."""
    if not_a_file(path, diags):
        return None
    try:
        info = path.stat()
        if info.st_size > limit:
            if limit < 1024 * 1024:
                diags.error("file-too-large", Mark(path, 1, 1), size=info.st_size // 1024, limit=limit // 1024,
                            variant="prose")
            else:
                diags.error("file-too-large", Mark(path, 1, 1), size=info.st_size // (1024 * 1024),
                            limit=limit // (1024 * 1024))
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
    text = _normal_newlines(decoded.text)
    if "\x00" in text:  # UTF-16 without its byte-order mark, or not a text file at all
        at = text.index("\x00")
        diags.error("encoding", Mark(path, text.count("\n", 0, at) + 1, 1), variant="binary")
        return None
    return SourceText(path, text)


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


def prose_printable(source: SourceText, diags: Diagnostics) -> bool:
    """Whether a Markdown text holds only what a Word document can; the first character that is not is said at
    its line and column (YAML's reader refuses them itself, so only prose needs this)."""
    from libreport.characters import NOT_PRINTABLE

    bad = NOT_PRINTABLE.search(source.text)
    if bad is None:
        return True
    at = bad.start()
    line_start = source.text.rfind("\n", 0, at) + 1
    diags.error("bad-character", Mark(source.path, source.text.count("\n", 0, at) + 1, at - line_start + 1),
                char=f"{ord(bad.group()):04X}", variant="prose")
    return False
