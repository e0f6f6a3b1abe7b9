"""Make templates/report.docx, the default Word template, with python-docx.

Staff restyle the result in Word or WPS; this script is only how the first
version was made, and re-running it overwrites their changes. Run:
    python scripts/make_default_template.py templates/report.docx
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt

LATIN = "Times New Roman"
BODY_CJK = "仿宋"
HEADING_CJK = "黑体"
KAITI = "楷体"
TITLE_CJK = "方正小标宋简体"
TITLE_FALLBACK = "宋体"


def set_fonts(style, cjk: str, size: float, bold: bool = False) -> None:
    font = style.font
    font.name = LATIN
    font.size = Pt(size)
    font.bold = bold
    font.italic = False  # python-docx's base template italicises Heading 4
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    if rfonts is None:
        rfonts = OxmlElement("w:rFonts")
        rpr.insert(0, rfonts)
    for attr in ("w:ascii", "w:hAnsi", "w:cs"):
        rfonts.set(qn(attr), LATIN)
    rfonts.set(qn("w:eastAsia"), cjk)
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rfonts.get(qn(attr)) is not None:
            del rfonts.attrib[qn(attr)]
    color = rpr.find(qn("w:color"))
    if color is not None:
        rpr.remove(color)


def paragraph_style(doc, name, base="Normal", cjk=BODY_CJK, size=14, bold=False, align=None,
                    before=0, after=0, indent_chars=None, outline=None, keep_next=False, line=None):
    styles = doc.styles
    style = styles[name] if name in [s.name for s in styles] else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    set_fonts(style, cjk, size, bold)
    pf = style.paragraph_format
    pf.space_before = Pt(before)
    pf.space_after = Pt(after)
    if align is not None:
        pf.alignment = align
    # Exact spacing suits text; anything holding a picture or chart needs single spacing or it is clipped.
    pf.line_spacing = Pt(line) if line is not None else 1.0
    pf.keep_with_next = keep_next
    ppr = style.element.get_or_add_pPr()
    ind = ppr.find(qn("w:ind"))
    if ind is not None:
        ppr.remove(ind)
    ind = OxmlElement("w:ind")
    # Styles not indented say so explicitly; otherwise they inherit Normal's two-character indent.
    ind.set(qn("w:firstLineChars"), str((indent_chars or 0) * 100))
    ind.set(qn("w:firstLine"), str(int((indent_chars or 0) * size * 20)))
    ppr.append(ind)
    if outline is not None:
        lvl = ppr.find(qn("w:outlineLvl"))
        if lvl is None:
            lvl = OxmlElement("w:outlineLvl")
            ppr.append(lvl)
        lvl.set(qn("w:val"), str(outline))
    return style


def table_style(doc, name: str, borders: str, first_row: str = "") -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    el = style.element
    el.append(parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    if first_row:
        el.append(parse_xml(f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
                            f'<w:tcPr><w:tcBorders>{first_row}</w:tcBorders></w:tcPr></w:tblStylePr>'))


def add_field(paragraph, instr: str, placeholder: str = "1") -> None:
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{placeholder}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def make(path: Path) -> None:
    doc = Document()
    styles = doc.styles
    # Chinese is the East Asian language of the document: LibreOffice picks Simplified Chinese glyph
    # forms from it, and Word its line-breaking rules.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    rfonts = defaults.find(qn("w:rFonts"))
    for attr in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        del rfonts.attrib[qn(attr)]
    rfonts.set(qn("w:ascii"), LATIN)
    rfonts.set(qn("w:hAnsi"), LATIN)
    rfonts.set(qn("w:eastAsia"), BODY_CJK)
    normal = paragraph_style(doc, "Normal", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    title = paragraph_style(doc, "Title", cjk=TITLE_CJK, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, before=180,
                            after=24, line=40)
    border = title.element.pPr.find(qn("w:pBdr"))
    if border is not None:
        title.element.pPr.remove(border)
    paragraph_style(doc, "Subtitle", cjk=KAITI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    paragraph_style(doc, "Heading 1", cjk=HEADING_CJK, size=22, align=WD_ALIGN_PARAGRAPH.CENTER, before=24,
                    after=24, outline=0, keep_next=True, line=36)
    paragraph_style(doc, "Heading 2", cjk=HEADING_CJK, size=18, align=WD_ALIGN_PARAGRAPH.CENTER, before=18,
                    after=18, outline=1, keep_next=True, line=30)
    paragraph_style(doc, "Heading 3", cjk=HEADING_CJK, size=14, before=6, after=6, outline=2, keep_next=True,
                    indent_chars=2, line=26)
    paragraph_style(doc, "Heading 4", cjk=KAITI, size=14, bold=True, outline=3, keep_next=True, indent_chars=2,
                    line=26)
    paragraph_style(doc, "Month Heading", cjk=HEADING_CJK, size=15, before=12, after=6, keep_next=True, line=26)
    paragraph_style(doc, "TOC Heading", cjk=HEADING_CJK, size=18, align=WD_ALIGN_PARAGRAPH.CENTER, after=18)
    for level, indent in ((1, 0), (2, 2)):
        toc = paragraph_style(doc, f"TOC {level}", cjk=HEADING_CJK if level == 1 else BODY_CJK, size=14,
                              line=28)
        ppr = toc.element.get_or_add_pPr()
        ppr.append(parse_xml(f'<w:tabs {nsdecls("w")}><w:tab w:val="right" w:leader="dot" w:pos="9070"/></w:tabs>'))
        ppr.append(parse_xml(f'<w:ind {nsdecls("w")} w:left="{indent * 280}" w:firstLine="0"/>'))
    paragraph_style(doc, "Table Text", cjk=BODY_CJK, size=10.5, line=15)
    paragraph_style(doc, "Table Center", base="Table Text", cjk=BODY_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=15)
    paragraph_style(doc, "Table Number", base="Table Text", cjk=BODY_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.RIGHT, line=15)
    paragraph_style(doc, "Table Header", base="Table Text", cjk=HEADING_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=15)
    paragraph_style(doc, "Chronicle", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    paragraph_style(doc, "Chart", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    header = paragraph_style(doc, "Header", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.RIGHT, line=15)
    header.element.get_or_add_pPr().append(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'))
    paragraph_style(doc, "Footer", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, line=15)

    line = 'w:val="single" w:sz="{}" w:space="0" w:color="000000"'
    grid = "".join(f'<w:{side} {line.format(4)}/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table_style(doc, "Report Grid", grid)
    three = f'<w:top {line.format(12)}/><w:bottom {line.format(12)}/>'
    table_style(doc, "Three Line", three, first_row=f'<w:bottom {line.format(6)}/>')
    structure_styles(doc)


    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(2.0), Cm(2.2)

    cover = doc.add_paragraph("{{ title }}", style="Title")
    cover.paragraph_format.first_line_indent = Pt(0)
    doc.add_paragraph("{{ library }}", style="Subtitle")
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("目  录", style="TOC Heading")
    doc.add_paragraph("{{ toc }}")
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    body.header.paragraphs[0].text = "{{ header }}"
    body.header.paragraphs[0].style = styles["Header"]
    footer = body.footer.paragraphs[0]
    footer.style = styles["Footer"]
    add_field(footer, "PAGE")
    # Page numbers restart at 1 where the report proper begins; pgNumType must precede cols.
    body._sectPr.find(qn("w:cols")).addprevious(parse_xml(f'<w:pgNumType {nsdecls("w")} w:start="1"/>'))
    doc.add_paragraph("{{ body }}")
    core = doc.core_properties
    core.author = ""
    core.title = ""
    core.comments = ""
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))
    add_font_fallbacks(path)


# Elements after w:pBdr in a paragraph's properties, in schema order: a border goes before the first present.
_AFTER_PBDR = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
               "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd", "w:snapToGrid",
               "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
               "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId",
               "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")


def structure_styles(doc) -> None:
    """What only some reports print: list items, pictures and their captions, a letterhead, a signature."""
    from docx.shared import RGBColor

    paragraph_style(doc, "List Paragraph", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    paragraph_style(doc, "Picture", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, before=6,
                    keep_next=True)
    paragraph_style(doc, "Caption", cjk=BODY_CJK, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=12, line=20)
    letterhead = paragraph_style(doc, "Letterhead", cjk=TITLE_CJK, size=30, align=WD_ALIGN_PARAGRAPH.CENTER,
                                 after=24, line=None)
    letterhead.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)  # 红头: the issuing body's name in red, ruled below
    ppr = letterhead.element.get_or_add_pPr()
    ppr.insert_element_before(parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="6" w:color="FF0000"/></w:pBdr>'),
        *_AFTER_PBDR)
    signature = paragraph_style(doc, "Signature", cjk=BODY_CJK, size=14, align=WD_ALIGN_PARAGRAPH.RIGHT, line=26,
                                keep_next=True)
    ind = signature.element.pPr.find(qn("w:ind"))
    ind.set(qn("w:rightChars"), "400")  # 落款 stands four characters in from the right margin
    ind.set(qn("w:right"), str(4 * 14 * 20))


# Chinese fonts by the names Word shows, each with the name it goes by elsewhere (altName), so that a
# machine without 方正小标宋简体 sets the title in 宋体 rather than in whatever it finds first.
FONTS = {
    TITLE_FALLBACK: "SimSun",
    TITLE_CJK: TITLE_FALLBACK,
    BODY_CJK: "FangSong",
    HEADING_CJK: "SimHei",
    KAITI: "KaiTi",
}


def add_font_fallbacks(path: Path) -> None:
    import zipfile

    with zipfile.ZipFile(path) as z:
        parts = {info: z.read(info.filename) for info in z.infolist()}
    for info in parts:
        if info.filename == "word/fontTable.xml":
            text = parts[info].decode("utf-8")
            extra = "".join(
                f'<w:font w:name="{name}"><w:altName w:val="{alt}"/><w:charset w:val="86"/>'
                f'<w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>'
                for name, alt in FONTS.items() if f'w:name="{name}"' not in text)
            parts[info] = text.replace("</w:fonts>", extra + "</w:fonts>").encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for info, data in parts.items():
            z.writestr(info, data)


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "templates/report.docx"))
