"""The characters a Word document cannot hold, whatever the font: XML 1.0 has no place for the C0 controls
(but tab and the line ends), lone surrogates and U+FFFE/U+FFFF. Every text bound for the document is checked
against this one set where it is read, so that each is said with its file and line rather than dropped."""

from __future__ import annotations

import re

NOT_PRINTABLE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def unprintable(text: str) -> str | None:
    """The first character of `text` a document cannot hold, as its code point (0001); None when there is none."""
    bad = NOT_PRINTABLE.search(text)
    return f"{ord(bad.group()):04X}" if bad is not None else None


def drop_unprintable(text: str) -> str:
    """`text` without them: only for what no source wrote (a template's own output), which nobody can fix."""
    return NOT_PRINTABLE.sub("", text) if NOT_PRINTABLE.search(text) else text


_EXCEL_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")


def excel_unescaped(text: str) -> str:
    """A cell's text with Excel's escapes (`_x0001_`, which OOXML writes for a character XML cannot hold)
    decoded, `_x005F_` first undoing the escape of a literal underscore: what the person typed in Excel."""
    if "_x" not in text:
        return text
    return _EXCEL_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)
