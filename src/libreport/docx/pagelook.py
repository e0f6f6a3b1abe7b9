"""What a report's own settings change in the template's pages: a part's first page without its running header
(report.yaml's `running_header: {first_page: false}`), and Word's space beside figures turned off for a report that
prints none (`figures: {spacing: false}`)."""

from __future__ import annotations

from lxml import etree

from libreport.docx.schema import place
from libreport.docx.xml import R_NS, W_NS

W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"

BLANK_HEADER = "header_first_blank.xml"
BLANK_HEADER_ID = "rIdLrHFirstBlank"
BLANK_HEADER_XML = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:hdr xmlns:w="{W_NS}"><w:p/></w:hdr>'
                    ).encode()


def first_page(sect, header_there: bool | None) -> bool:
    """report.yaml's `running_header: {first_page: …}` in a part's section (None: as the template's section has it,
    a first page of its own or not). Without a header on the first page, the section gets a title page whose
    header is blank and whose footer is the other pages' (the page number stays); True when the caller is to
    add that blank header."""
    default = sect.find(f"{W}headerReference[@{W}type='default']")
    if header_there is None or default is None:
        return False
    for ref in sect.findall(f"{W}headerReference[@{W}type='first']"):
        sect.remove(ref)
    titled = sect.find(f"{W}titlePg")
    if header_there:
        if titled is not None:
            sect.remove(titled)
        return False
    if titled is None:
        place(sect, etree.Element(f"{W}titlePg"))
    footer = sect.find(f"{W}footerReference[@{W}type='default']")
    if footer is not None and sect.find(f"{W}footerReference[@{W}type='first']") is None:
        place(sect, etree.Element(f"{W}footerReference", {f"{W}type": "first", f"{R}id": footer.get(f"{R}id")}))
    return True


def without_autospace(xml: bytes) -> bytes:
    """styles.xml with Word's own space between Chinese and Latin text or digits turned off (w:autoSpaceDE and
    w:autoSpaceDN), in the document defaults and wherever a style turns it on: for a report that prints no space
    there (figures: {spacing: false}). LibreOffice reads neither setting from a .docx: pdf.py has its own layout
    follow them."""
    root = etree.fromstring(xml)
    defaults = root.find(f"{W}docDefaults")
    if defaults is None:
        defaults = etree.Element(f"{W}docDefaults")
        root.insert(0, defaults)
    ppr_default = defaults.find(f"{W}pPrDefault")
    if ppr_default is None:
        ppr_default = etree.SubElement(defaults, f"{W}pPrDefault")
    ppr = ppr_default.find(f"{W}pPr")
    if ppr is None:
        ppr = etree.SubElement(ppr_default, f"{W}pPr")
    targets = [ppr, *(found for found in root.iterfind(f"{W}style/{W}pPr")
                      if found.find(f"{W}autoSpaceDE") is not None or found.find(f"{W}autoSpaceDN") is not None)]
    for target in targets:
        for name in ("autoSpaceDE", "autoSpaceDN"):
            found = target.find(f"{W}{name}")
            if found is None:
                found = place(target, etree.Element(f"{W}{name}"))
            found.set(f"{W}val", "0")
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
