"""Pictures in the summary (`![caption](photos/x.jpg)`): found, confined to the year folder, and checked.

Only what Word and WPS show everywhere is accepted: JPEG and PNG, whole files, of a sane size. The
header is read here (no image library): enough to know the format and the size in pixels, which sets
the picture's height when it is scaled to the text width.
"""

from __future__ import annotations

import struct
from dataclasses import dataclass
from pathlib import Path

from libreport.diagnostics import Diagnostics, Mark

MAX_BYTES = 20 * 1024 * 1024  # a phone photo is 2–8 MiB; past this the report becomes unmailable
MAX_PIXELS = 100_000_000  # also bounds what a viewer must decode
_SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


@dataclass
class Picture:
    path: Path
    data: bytes
    format: str  # "jpeg" | "png"
    width: int  # pixels
    height: int
    orientation: int = 1  # a JPEG's EXIF orientation: 1 is upright; phones store turned photos as 3, 6 or 8


class PictureError(ValueError):
    def __init__(self, variant: str, **args):
        super().__init__(variant)
        self.variant, self.args_ = variant, args


def load_picture(ref, base: Path, folder: Path, diags: Diagnostics, mark: Mark) -> Picture | None:
    """The picture `ref.src` names, relative to `base` and inside `folder`; a diagnostic at `mark` if not."""
    try:
        picture = _load(ref.src, base, folder)
    except PictureError as exc:
        diags.error("picture", mark, src=ref.src, variant=exc.variant, **exc.args_)
        return None
    if picture.orientation != 1:  # Word shows the pixels as stored, LibreOffice and WPS may turn them
        diags.warning("picture-turned", mark, src=ref.src)
    return picture


def _load(src: str, base: Path, folder: Path) -> Picture:
    if "://" in src or src.startswith(("data:", "mailto:")):
        raise PictureError("remote")
    if src.startswith(("/", "\\")) or (len(src) > 1 and src[1] == ":"):
        raise PictureError("outside")
    from urllib.parse import unquote

    path = base / unquote(src).replace("\\", "/")
    try:
        real, root = path.resolve(), folder.resolve()
    except (OSError, RuntimeError):  # a symlink loop
        raise PictureError("unreadable", reason="symbolic link loop") from None
    if real != root and root not in real.parents:
        raise PictureError("outside")
    from libreport.paths import link_target, what_is

    kind = what_is(path)
    if kind in ("missing", "folder", "special"):
        raise PictureError(kind)
    if kind == "dangling":
        raise PictureError(kind, target=link_target(path))
    if kind == "loop":
        raise PictureError("unreadable", reason="symbolic link loop")
    try:
        size = real.stat().st_size
        if size > MAX_BYTES:
            raise PictureError("large", size=f"{size / 1048576:.1f}", limit=MAX_BYTES // 1048576)
        data = real.read_bytes()
    except OSError as exc:
        raise PictureError("unreadable", reason=exc.strerror or str(exc)) from None
    fmt, width, height = image_size(data)
    if width * height > MAX_PIXELS:
        raise PictureError("pixels", width=width, height=height)
    return Picture(real, data, fmt, width, height, jpeg_orientation(data) if fmt == "jpeg" else 1)


def image_size(data: bytes) -> tuple[str, int, int]:
    """(format, width, height) of a whole JPEG or PNG file; PictureError for anything else."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        if len(data) < 33 or data[12:16] != b"IHDR":
            raise PictureError("broken", format="PNG")
        width, height = struct.unpack(">II", data[16:24])
        if b"IEND" not in data[-12:]:
            raise PictureError("broken", format="PNG")
        return _checked("png", width, height)
    if data.startswith(b"\xff\xd8\xff"):
        return _checked("jpeg", *_jpeg_size(data))
    for magic, name in ((b"GIF8", "GIF"), (b"BM", "BMP"), (b"RIFF", "WebP"), (b"II*\x00", "TIFF"),
                        (b"MM\x00*", "TIFF"), (b"<svg", "SVG"), (b"<?xml", "SVG")):
        if data.startswith(magic):
            raise PictureError("format", format=name)
    if data[4:12] in (b"ftypheic", b"ftypheix", b"ftypmif1", b"ftyphevc"):
        raise PictureError("format", format="HEIC")
    raise PictureError("format", format="?")


def _jpeg_size(data: bytes) -> tuple[int, int]:
    pos, end = 2, len(data)
    while pos + 4 <= end:
        if data[pos] != 0xFF:
            raise PictureError("broken", format="JPEG")
        marker = data[pos + 1]
        if marker == 0xFF:  # fill bytes
            pos += 1
            continue
        if marker in (0xD8, 0x01) or 0xD0 <= marker <= 0xD7:
            pos += 2
            continue
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if length < 2:
            raise PictureError("broken", format="JPEG")
        if marker in _SOF:
            if pos + 9 > end:
                break
            height, width = struct.unpack(">HH", data[pos + 5:pos + 9])
            if b"\xff\xd9" not in data[-4096:]:  # cut off before its end
                break
            return width, height
        if marker == 0xDA:  # image data began without a frame header
            break
        pos += 2 + length
    raise PictureError("broken", format="JPEG")


def jpeg_orientation(data: bytes) -> int:
    """The EXIF orientation of a JPEG (1 when it has none): the APP1 segment's first IFD, tag 0x0112."""
    pos = 2
    while pos + 4 <= len(data) and data[pos] == 0xFF:
        marker = data[pos + 1]
        (length,) = struct.unpack(">H", data[pos + 2:pos + 4])
        if marker == 0xDA or length < 2:
            break
        if marker == 0xE1 and data[pos + 4:pos + 10] == b"Exif\x00\x00":
            tiff = data[pos + 10:pos + 2 + length]
            order = {b"II": "<", b"MM": ">"}.get(tiff[:2])
            if order is None or len(tiff) < 8:
                return 1
            (ifd,) = struct.unpack(order + "I", tiff[4:8])
            if ifd + 2 > len(tiff):
                return 1
            (count,) = struct.unpack(order + "H", tiff[ifd:ifd + 2])
            for k in range(min(count, 500)):
                entry = tiff[ifd + 2 + 12 * k:ifd + 14 + 12 * k]
                if len(entry) < 12:
                    break
                tag, _kind, _n = struct.unpack(order + "HHI", entry[:8])
                if tag == 0x0112:
                    (value,) = struct.unpack(order + "H", entry[8:10])
                    return value if 1 <= value <= 8 else 1
            return 1
        pos += 2 + length
    return 1


def _checked(fmt: str, width: int, height: int) -> tuple[str, int, int]:
    if width <= 0 or height <= 0:
        raise PictureError("broken", format=fmt.upper())
    return fmt, width, height
