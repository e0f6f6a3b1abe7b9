"""A picture as an inline DrawingML shape, scaled to the text width and kept within the page."""

from __future__ import annotations

from libreport.docx.xml import esc
from libreport.prose.pictures import Picture

EMU_PER_TWIP = 635
MAX_HEIGHT = 0.55  # of the text height: a portrait photo leaves room for its caption and some text
CONTENT_TYPES = {"jpeg": "image/jpeg", "png": "image/png"}
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_PIC = "http://schemas.openxmlformats.org/drawingml/2006/picture"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def extent(image: Picture, text_width: int, text_height: int) -> tuple[int, int]:
    """Width and height in EMU: the text width, or less where the height would pass its share of the page."""
    cx = text_width * EMU_PER_TWIP
    cy = cx * image.height // image.width
    limit = int(text_height * MAX_HEIGHT) * EMU_PER_TWIP
    if cy > limit:
        cx, cy = cx * limit // cy, limit
    return max(cx, 1), max(cy, 1)


def drawing(rid: str, n: int, image: Picture, text_width: int, text_height: int, descr: str) -> str:
    cx, cy = extent(image, text_width, text_height)
    name = f"image{n}.{image.format}"
    return (
        f'<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" xmlns:wp="{_WP}">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{2000 + n}" name="Picture {n}" descr="{esc(descr)}"/>'
        f'<wp:cNvGraphicFramePr><a:graphicFrameLocks xmlns:a="{_A}" noChangeAspect="1"/></wp:cNvGraphicFramePr>'
        f'<a:graphic xmlns:a="{_A}"><a:graphicData uri="{_PIC}"><pic:pic xmlns:pic="{_PIC}">'
        f'<pic:nvPicPr><pic:cNvPr id="{n}" name="{name}"/><pic:cNvPicPr/></pic:nvPicPr>'
        f'<pic:blipFill><a:blip xmlns:r="{_R}" r:embed="{rid}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
        f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>'
        '</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def text_height(document_xml: bytes) -> int:
    """Height of the text area in twips, from the body section's page size and margins."""
    import re

    doc = document_xml.decode("utf-8")
    sect = doc[doc.rfind("<w:sectPr"):]
    h = re.search(r'<w:pgSz[^>]*w:h="(\d+)"', sect)
    top = re.search(r'<w:pgMar[^>]*w:top="(-?\d+)"', sect)
    bottom = re.search(r'<w:pgMar[^>]*w:bottom="(-?\d+)"', sect)
    if not (h and top and bottom):
        return 12000
    return max(int(h.group(1)) - abs(int(top.group(1))) - abs(int(bottom.group(1))), 1440)
