"""Zip packages (report.docx, .xlsx workbooks) read within limits.

A package is a zip of XML parts. A few KiB of zip can expand to gigabytes, and an XML part can
declare entities that expand the same way, so every part is read with a bounded read (the sizes a
zip declares can lie) and every XML part must parse without a document type declaration: Word,
WPS, LibreOffice and Excel never write one.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

MAX_PART = 64 * 1024 * 1024  # one part, uncompressed; a template's document.xml is a few hundred KiB
MAX_TOTAL = 256 * 1024 * 1024  # all parts together, uncompressed
MAX_PARTS = 10_000


class PackageError(Exception):
    """What is wrong with a package, in words for a diagnostic."""


def check_zip(path: Path) -> list[zipfile.ZipInfo]:
    """The members of a zip whose declared sizes are within the limits; raises PackageError."""
    try:
        with zipfile.ZipFile(path) as z:
            members = z.infolist()
    except IsADirectoryError:
        raise PackageError("it is a folder, not a file") from None
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError) as exc:
        raise PackageError(str(exc) or type(exc).__name__) from None
    if len(members) > MAX_PARTS:
        raise PackageError(f"it has {len(members)} parts; a document has far fewer")
    declared = sum(m.file_size for m in members)
    if declared > MAX_TOTAL or any(m.file_size > MAX_PART for m in members):
        raise PackageError(f"it would expand to {declared // (1024 * 1024)} MiB")
    return members


def read_parts(path: Path) -> dict[str, bytes]:
    """Every part of a package, each read no further than the limits allow; raises PackageError."""
    check_zip(path)
    parts: dict[str, bytes] = {}
    total = 0
    try:
        with zipfile.ZipFile(path) as z:
            for member in z.infolist():
                if member.is_dir():
                    continue
                with z.open(member) as f:
                    data = f.read(MAX_PART + 1)
                total += len(data)
                if len(data) > MAX_PART or total > MAX_TOTAL:
                    raise PackageError(f"{member.filename} expands beyond {MAX_PART // (1024 * 1024)} MiB")
                parts[member.filename] = data
    except (OSError, zipfile.BadZipFile, ValueError, NotImplementedError, EOFError) as exc:
        raise PackageError(str(exc) or type(exc).__name__) from None
    return parts


def check_xml(name: str, data: bytes) -> None:
    """An XML part that parses as UTF-8 without a DTD (so no entity can expand); raises PackageError."""
    from lxml import etree

    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise PackageError(f"{name} declares a document type; Word never writes one")
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        raise PackageError(f"{name} is not UTF-8") from None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        etree.fromstring(data, parser)
    except etree.XMLSyntaxError as exc:
        raise PackageError(f"{name} is not well-formed XML: {exc}") from None
