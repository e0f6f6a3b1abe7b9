"""Make the default Word templates with python-docx: templates/report.docx (a 年报: cover, table of contents,
running headers) and templates/official.docx (a 工作总结 printed as an official document, 公文: no cover, no
contents, the letterhead, document number and title at the head of the text, pages numbered — 1 —).

This script is the templates' source: tests/test_template.py checks that it reproduces the committed
files part by part, so a change to the default look is made here and the files regenerated:

    .venv/bin/python scripts/make_default_template.py templates

Staff who restyle their own copy in Word or WPS never run it (it would overwrite their changes); their
template is checked when it is loaded (libreport.docx.template).
"""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Cm, Pt
from lxml import etree

from libreport.docx.package import write_zip
from libreport.docx.schema import get_or_place, place

LATIN = "Times New Roman"
COVER_FOOT = (180 + 40 + 300) * 20  # twips from the top margin: where a one-line title puts the foot 300 pt under it
BODY_CJK = "仿宋"
HEADING_CJK = "黑体"
KAITI = "楷体"
TITLE_CJK = "方正小标宋简体"
TITLE_FALLBACK = "宋体"
# Accent colours of the theme: the activity and staff charts take their series colours from them, so
# changing the theme colours in Word (Design → Colours) recolours the charts of the next build.
ACCENTS = ("4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47")
# python-docx's starting document carries parts a report template does not need: a thumbnail of an empty
# page, a bibliography store, Word 2010's duplicate style sheet, and a hundred unused table styles.
DROPPED_PARTS = ("docProps/thumbnail.jpeg", "customXml/", "word/stylesWithEffects.xml")
KEPT_TABLE_STYLES = ("Normal Table", "Table Grid")
TABLE_STYLES = ("Report Grid", "Three Line", "Imprint Table")


def w(tag: str, **attrs: str) -> etree._Element:
    el = parse_xml(f"<w:{tag} {nsdecls('w')}/>")
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), value)
    return el


def set_fonts(style, cjk: str, size: float, bold: bool = False) -> None:
    font = style.font
    font.name = LATIN
    font.size = Pt(size)
    font.bold = bold
    font.italic = False  # python-docx's base template italicises Heading 4
    rpr = style.element.get_or_add_rPr()
    rfonts = rpr.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr in ("ascii", "hAnsi", "cs"):
        rfonts.set(qn(f"w:{attr}"), LATIN)
    rfonts.set(qn("w:eastAsia"), cjk)
    for unwanted in ("w:color", "w:kern", "w:spacing"):
        found = rpr.find(qn(unwanted))
        if found is not None:
            rpr.remove(found)


def paragraph_style(doc, name, base="Normal", cjk=BODY_CJK, size=14.0, bold=False, align=None,
                    before=0, after=0, indent_chars=0, outline=None, keep_next=False, line=None):
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
    for unwanted in ("w:pBdr", "w:contextualSpacing", "w:tabs"):
        found = ppr.find(qn(unwanted))
        if found is not None:
            ppr.remove(found)
    # Styles not indented say so explicitly; otherwise they would inherit Normal's two-character indent.
    place(ppr, w("ind", firstLineChars=str(indent_chars * 100), firstLine=str(int(indent_chars * size * 20))))
    if outline is not None:
        place(ppr, w("outlineLvl", val=str(outline)))
    return style


def table_style(doc, name: str, borders: str, first_row: str = "") -> None:
    style = doc.styles.add_style(name, WD_STYLE_TYPE.TABLE)
    place(style.element, parse_xml(
        f'<w:tblPr {nsdecls("w")}><w:jc w:val="center"/><w:tblBorders>{borders}</w:tblBorders>'
        '<w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar></w:tblPr>'))
    if first_row:
        place(style.element, parse_xml(
            f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/></w:rPr>'
            f'<w:tcPr><w:tcBorders>{first_row}</w:tcBorders></w:tcPr></w:tblStylePr>'))


def add_field(paragraph, instr: str, placeholder: str = "1") -> None:
    for xml in (f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="begin"/></w:r>',
                f'<w:r {nsdecls("w")}><w:instrText xml:space="preserve"> {instr} </w:instrText></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="separate"/></w:r>',
                f'<w:r {nsdecls("w")}><w:t>{placeholder}</w:t></w:r>',
                f'<w:r {nsdecls("w")}><w:fldChar w:fldCharType="end"/></w:r>'):
        paragraph._p.append(parse_xml(xml))


def styles(doc, text_width: int) -> None:
    styles = doc.styles
    # Chinese is the East Asian language of the document: LibreOffice picks Simplified Chinese glyph
    # forms from it, and Word its line-breaking rules.
    defaults = styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    defaults.find(qn("w:lang")).set(qn("w:eastAsia"), "zh-CN")
    rfonts = defaults.find(qn("w:rFonts"))
    for attr in list(rfonts.attrib):
        del rfonts.attrib[attr]
    for attr, value in (("ascii", LATIN), ("hAnsi", LATIN), ("eastAsia", BODY_CJK), ("cs", LATIN)):
        rfonts.set(qn(f"w:{attr}"), value)
    normal = paragraph_style(doc, "Normal", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    normal.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    paragraph_style(doc, "Title", cjk=TITLE_CJK, size=26, align=WD_ALIGN_PARAGRAPH.CENTER, before=180, after=24,
                    line=40)
    paragraph_style(doc, "Subtitle", cjk=KAITI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, after=12)
    # The issuer and date at the foot of the cover; the space above pushes them down the page.
    paragraph_style(doc, "Cover Line", cjk=KAITI, size=16, align=WD_ALIGN_PARAGRAPH.CENTER, after=6, line=30)
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
        toc = paragraph_style(doc, f"TOC {level}", cjk=HEADING_CJK if level == 1 else BODY_CJK, size=14, line=28)
        ppr = toc.element.get_or_add_pPr()
        # The page numbers stand at the right margin: the build sets the stop at the text width of the
        # template it uses, so a template with other margins keeps them there.
        tabs = get_or_place(ppr, "w:tabs")
        tabs.append(w("tab", val="right", leader="dot", pos=str(text_width)))
        place(ppr, w("ind", left=str(indent * 280), firstLine="0"))
    # Set ragged: a justified cell spreads a short line of a title into 广 州 越 秀 红 色 across its width.
    paragraph_style(doc, "Table Text", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.LEFT, line=15)
    paragraph_style(doc, "Table Center", base="Table Text", cjk=BODY_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=15)
    paragraph_style(doc, "Table Number", base="Table Text", cjk=BODY_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.RIGHT, line=15)
    paragraph_style(doc, "Table Header", base="Table Text", cjk=HEADING_CJK, size=10.5,
                    align=WD_ALIGN_PARAGRAPH.CENTER, line=15)
    paragraph_style(doc, "Chronicle", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    # The paragraph holding a chart; the chart's own text takes its fonts and size from this style.
    paragraph_style(doc, "Chart", cjk=HEADING_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, before=6, after=6)
    header = paragraph_style(doc, "Header", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.RIGHT, line=15)
    place(header.element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>'))
    paragraph_style(doc, "Footer", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, line=15)

    line = 'w:val="single" w:sz="{}" w:space="0" w:color="000000"'
    grid = "".join(f'<w:{side} {line.format(4)}/>' for side in ("top", "left", "bottom", "right", "insideH", "insideV"))
    table_style(doc, "Report Grid", grid)
    three = f'<w:top {line.format(12)}/><w:bottom {line.format(12)}/>'
    table_style(doc, "Three Line", three, first_row=f'<w:bottom {line.format(6)}/>')
    structure_styles(doc)
    masthead_styles(doc, rule_space=6, number_size=14, title_size=22, title_before=12, title_after=24,
                    imprint_size=12, imprint_line=22)
    # the 版记's rules: first and last thick, the one between thin (GB/T 9704); no side or column rules
    table_style(doc, "Imprint Table", '<w:top w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
                '<w:bottom w:val="single" w:sz="8" w:space="0" w:color="000000"/>'
                '<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>')
    for style in list(styles):
        if style.type == WD_STYLE_TYPE.TABLE and style.name not in (*KEPT_TABLE_STYLES, *TABLE_STYLES):
            style.element.getparent().remove(style.element)
    # Revision ids mean nothing in a generated file, and would only make it differ from run to run.
    for rsid in styles.element.iter(qn("w:rsid")):
        rsid.getparent().remove(rsid)


def a4_page():
    """A document on A4 with the margins of GB/T 9704 (text block 156 mm × 225 mm), and the report's styles."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.top_margin, section.bottom_margin = Cm(3.7), Cm(3.5)
    section.left_margin, section.right_margin = Cm(2.8), Cm(2.6)
    section.header_distance, section.footer_distance = Cm(2.0), Cm(2.2)
    styles(doc, text_width(section))
    return doc, section


def text_width(section) -> int:
    """The width between the margins, in twips."""
    return int((section.page_width - section.left_margin - section.right_margin) / 635)


def finished(doc: Document) -> Document:
    """The report's place ({{ body }}) last; no revision ids on sections, no author or title of the generator's."""
    doc.add_paragraph("{{ body }}")
    for sect in doc.element.body.iter(qn("w:sectPr")):
        for attr in list(sect.attrib):
            del sect.attrib[attr]
    core = doc.core_properties
    core.author = core.title = core.comments = core.last_modified_by = ""
    return doc


def document() -> Document:
    doc, section = a4_page()

    # The cover's lines, each left out when report.yaml gives it nothing: the title (cover.title, else title:, on
    # the lines written), lines under it (cover.subtitle), the issuer (cover.issuer, else the library) and the date.
    doc.add_paragraph("{{ title }}", style="Title")
    doc.add_paragraph("{{ subtitle }}", style="Subtitle")
    # The issuer and the date stand at the foot of the cover, 520 pt down the page's text (under a title of one line
    # they follow it at 300 pt): in a frame, so that a title or subtitle of several lines never pushes them over.
    for text in ("{{ issuer }}", "{{ date }}"):
        foot = doc.add_paragraph(text, style="Cover Line")
        place(foot._p.get_or_add_pPr(), w("framePr", w=str(text_width(section)), wrap="around", hAnchor="margin",
                                           vAnchor="margin", xAlign="center", y=str(COVER_FOOT)))
    doc.add_section(WD_SECTION.NEW_PAGE)
    doc.add_paragraph("目  录", style="TOC Heading")
    doc.add_paragraph("{{ toc }}")
    body = doc.add_section(WD_SECTION.NEW_PAGE)
    body.header.is_linked_to_previous = False
    body.footer.is_linked_to_previous = False
    body.header.paragraphs[0].text = "{{ header }}"
    body.header.paragraphs[0].style = doc.styles["Header"]
    footer = body.footer.paragraphs[0]
    footer.style = doc.styles["Footer"]
    add_field(footer, "PAGE")
    # Page numbers restart at 1 where the report proper begins.
    place(body._sectPr, w("pgNumType", start="1"))
    return finished(doc)


def masthead_styles(doc, rule_space: int, number_size: float, title_size: float, title_before: float,
                    title_after: float, imprint_size: float, imprint_line: float) -> None:
    """The document number under the letterhead, the title at the head of the text (in a template without a
    cover), and the 版记 closing an official document: 抄送 and the 印发 line, between rules. Called again
    with other sizes, it restyles them."""
    from docx.shared import RGBColor

    number = paragraph_style(doc, "Document Number", cjk=BODY_CJK, size=number_size,
                             align=WD_ALIGN_PARAGRAPH.CENTER, line=None)
    # The red rule under the letterhead stands under the document number when there is one: the two
    # paragraphs have the same border, so Word, WPS and LibreOffice draw it once, under the last.
    number.font.color.rgb = RGBColor(0x00, 0x00, 0x00)
    place(number.element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="{rule_space}" '
        'w:color="FF0000"/></w:pBdr>'))
    paragraph_style(doc, "Document Title", cjk=TITLE_CJK, size=title_size, align=WD_ALIGN_PARAGRAPH.CENTER,
                    before=title_before, after=title_after, line=title_size * 1.5)
    imprint = paragraph_style(doc, "Imprint", cjk=BODY_CJK, size=imprint_size, line=imprint_line)
    ind = imprint.element.pPr.find(qn("w:ind"))
    for side in ("left", "right"):  # 版记 lines stand one character in from either margin
        ind.set(qn(f"w:{side}Chars"), "100")
        ind.set(qn(f"w:{side}"), str(int(imprint_size * 20)))
    paragraph_style(doc, "Imprint Date", base="Imprint", cjk=BODY_CJK, size=imprint_size,
                    align=WD_ALIGN_PARAGRAPH.RIGHT, line=imprint_line)
    ind = doc.styles["Imprint Date"].element.pPr.find(qn("w:ind"))
    ind.set(qn("w:rightChars"), "100")
    ind.set(qn("w:right"), str(int(imprint_size * 20)))


def structure_styles(doc) -> None:
    """What only some reports print: list items, pictures and captions, table notes, a letterhead, a signature."""
    from docx.shared import RGBColor

    paragraph_style(doc, "List Paragraph", cjk=BODY_CJK, size=14, line=26, indent_chars=2)
    paragraph_style(doc, "Picture", cjk=BODY_CJK, size=10.5, align=WD_ALIGN_PARAGRAPH.CENTER, before=6,
                    keep_next=True)
    paragraph_style(doc, "Caption", cjk=BODY_CJK, size=12, align=WD_ALIGN_PARAGRAPH.CENTER, after=12, line=20)
    paragraph_style(doc, "Table Note", cjk=BODY_CJK, size=10.5, before=3, after=12, line=15)  # 注：… under a table
    letterhead = paragraph_style(doc, "Letterhead", cjk=TITLE_CJK, size=30, align=WD_ALIGN_PARAGRAPH.CENTER,
                                 after=24, line=None)
    letterhead.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)  # 红头: the issuing body's name in red, ruled below
    place(letterhead.element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="6" w:color="FF0000"/></w:pBdr>'))
    signature = paragraph_style(doc, "Signature", cjk=BODY_CJK, size=14, align=WD_ALIGN_PARAGRAPH.RIGHT, line=26,
                                keep_next=True)
    ind = signature.element.pPr.find(qn("w:ind"))
    ind.set(qn("w:rightChars"), "400")  # 落款 stands four characters in from the right margin
    ind.set(qn("w:right"), str(4 * 14 * 20))
    addressing_styles(doc, size=14, line=26)


def addressing_styles(doc, size: float, line: float) -> None:
    """主送, flush left under the title, and the 附注 under the signature's date, two characters in (GB/T 9704)."""
    paragraph_style(doc, "Addressee", cjk=BODY_CJK, size=size, line=line, keep_next=True)
    paragraph_style(doc, "Signature Note", cjk=BODY_CJK, size=size, line=line, indent_chars=2)


# Chinese fonts by the names Word shows, each with the name it goes by elsewhere (altName), so that a
# machine without 方正小标宋简体 sets the title in 宋体 rather than in whatever it finds first.
FONTS = {
    TITLE_FALLBACK: "SimSun",
    TITLE_CJK: TITLE_FALLBACK,
    BODY_CJK: "FangSong",
    HEADING_CJK: "SimHei",
    KAITI: "KaiTi",
}


# -- the official document (公文) ------------------------------------------------------------------------

# GB/T 9704: text in 3号 仿宋 (16 pt), 22 lines of 28 characters on a 156 × 225 mm type area; titles in 2号
# 小标宋 (22 pt); 一级 headings in 黑体, 二级 in 楷体; the 版记 in 4号 (14 pt); page numbers — 1 — in 4号 宋体.
OFFICIAL_SIZE = 16.0
OFFICIAL_LINE = 28.95  # 225 mm / 22 lines
LINE_PITCH = 579  # the same in twips: the document grid's line, on which the text's lines stand
# 28 characters of 16 pt are 448 pt, wider than the 442 pt of 156 mm: the printers' 三号 is 15.75 pt, and the text
# is set 0.25 pt a character tighter to match. A character grid of 15.8 pt, as Word's page setup writes for 28
# characters a line, is honoured by Word alone: LibreOffice gives a 16 pt character two cells of a grid narrower
# than it, and pushes the Chinese after a figure to the next cell.
CHARACTER_SPACING = -5  # twentieths of a point


def official_styles(doc) -> None:
    from docx.shared import RGBColor

    size, line = OFFICIAL_SIZE, OFFICIAL_LINE
    paragraph_style(doc, "Normal", cjk=BODY_CJK, size=size, line=line, indent_chars=2)
    for name, cjk, outline in (("Heading 1", HEADING_CJK, 0), ("Heading 2", KAITI, 1), ("Heading 3", HEADING_CJK, 2),
                               ("Heading 4", KAITI, 3)):
        paragraph_style(doc, name, cjk=cjk, size=size, outline=outline, keep_next=True, indent_chars=2, line=line)
    for name in ("List Paragraph", "Chronicle"):
        paragraph_style(doc, name, cjk=BODY_CJK, size=size, line=line, indent_chars=2)
    paragraph_style(doc, "Month Heading", cjk=HEADING_CJK, size=size, keep_next=True, indent_chars=2, line=line)
    letterhead = paragraph_style(doc, "Letterhead", cjk=TITLE_CJK, size=36, align=WD_ALIGN_PARAGRAPH.CENTER,
                                 line=None)
    letterhead.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)
    place(letterhead.element.get_or_add_pPr(), parse_xml(
        f'<w:pBdr {nsdecls("w")}><w:bottom w:val="single" w:sz="12" w:space="11" w:color="FF0000"/></w:pBdr>'))
    masthead_styles(doc, rule_space=11, number_size=size, title_size=22, title_before=40, title_after=28,
                    imprint_size=14, imprint_line=26)
    number = doc.styles["Document Number"].paragraph_format
    number.space_before = Pt(24)  # the number stands apart under the letterhead, the rule 4 mm under it
    signature = doc.styles["Signature"]
    set_fonts(signature, BODY_CJK, size)
    signature.paragraph_format.line_spacing = Pt(line)
    ind = signature.element.pPr.find(qn("w:ind"))
    ind.set(qn("w:right"), str(int(4 * size * 20)))
    addressing_styles(doc, size=size, line=line)
    paragraph_style(doc, "Footer", cjk=TITLE_FALLBACK, size=14, align=WD_ALIGN_PARAGRAPH.RIGHT, line=None)
    paragraph_style(doc, "Footer Even", base="Footer", cjk=TITLE_FALLBACK, size=14, align=WD_ALIGN_PARAGRAPH.LEFT,
                    line=None)
    for name, side in (("Footer", "right"), ("Footer Even", "left")):  # odd pages right, even pages left, one
        ind = doc.styles[name].element.pPr.find(qn("w:ind"))          # character in from the margin
        ind.set(qn(f"w:{side}Chars"), "100")
        ind.set(qn(f"w:{side}"), "280")
    place(doc.styles["Normal"].element.get_or_add_rPr(), w("spacing", val=str(CHARACTER_SPACING)))
    # Punctuation may hang past a full line (Word's default, written out): LibreOffice reads the setting the other
    # way round and then breaks before the word instead, which keeps every comma; where it hangs punctuation, it
    # drops one now and then at the end of a justified line.
    place(doc.styles["Normal"].element.get_or_add_pPr(), w("overflowPunct", val="1"))
    off_grid(doc)


def off_grid(doc) -> None:
    """Paragraphs set in other lines than the text's (the letterhead, the title, tables, the 版记, footers) keep
    their own spacing: LibreOffice would otherwise stretch each of their lines to whole lines of the grid."""
    for style in doc.styles:
        if style.type != WD_STYLE_TYPE.PARAGRAPH:
            continue
        spacing = style.element.find(f"{qn('w:pPr')}/{qn('w:spacing')}")
        if spacing is None:
            continue  # as its base style is
        if spacing.get(qn("w:line")) != str(LINE_PITCH) or spacing.get(qn("w:lineRule")) != "exact":
            place(style.element.get_or_add_pPr(), w("snapToGrid", val="0"))


def official_document() -> Document:
    """No cover, no contents, no running header: the letterhead, the number and the title are the head of the
    text, written from the sources; the pages are numbered — 1 —, odd pages at the right, even at the left."""
    doc, section = a4_page()
    official_styles(doc)
    doc.settings.odd_and_even_pages_header_footer = True
    for footer, style in ((section.footer, "Footer"), (section.even_page_footer, "Footer Even")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = doc.styles[style]
        paragraph.add_run("— ")
        add_field(paragraph, "PAGE")
        paragraph.add_run(" —")
    place(section._sectPr, w("pgNumType", start="1"))
    # The parts of a report run on in one text: a new part begins where the last ended, not on a new page.
    place(section._sectPr, w("type", val="continuous"))
    # 22 lines a page: Word and LibreOffice put the text's lines on a grid of that pitch.
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(LINE_PITCH))
    return finished(doc)


TEMPLATES = {"report.docx": document, "official.docx": official_document}


def parts(name: str = "report.docx") -> dict[str, bytes]:
    """Every part of the template `name` (report.docx or official.docx), by name."""
    buf = io.BytesIO()
    TEMPLATES[name]().save(buf)
    with zipfile.ZipFile(buf) as z:
        out = {name: z.read(name) for name in z.namelist() if not name.startswith(DROPPED_PARTS)}
    out["word/settings.xml"] = _settings(out["word/settings.xml"])
    out["word/fontTable.xml"] = _font_table(out["word/fontTable.xml"])
    out["word/theme/theme1.xml"] = _theme(out["word/theme/theme1.xml"])
    # Word rewrites the application properties on every save; the starting document's name a Mac Word.
    out["docProps/app.xml"] = (
        b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        b'<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"/>')
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
        out[name] = _without_dropped(out[name])
    return out


def _settings(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    zoom = root.find(qn("w:zoom"))
    if zoom is not None:  # the schema requires the percentage even when Word fits the page by itself
        zoom.set(qn("w:percent"), "100")
    for rsids in root.findall(qn("w:rsids")):
        root.remove(rsids)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_table(xml: bytes) -> bytes:
    root = etree.fromstring(xml)
    known = {f.get(qn("w:name")) for f in root.findall(qn("w:font"))}
    for name, alt in FONTS.items():
        if name in known:
            continue
        font = etree.SubElement(root, qn("w:font"))
        font.set(qn("w:name"), name)
        for tag, value in (("altName", alt), ("charset", "86"), ("family", "auto"), ("pitch", "variable")):
            etree.SubElement(font, qn(f"w:{tag}")).set(qn("w:val"), value)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _theme(xml: bytes) -> bytes:
    a = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
    root = etree.fromstring(xml)
    scheme = root.find(f"{a}themeElements/{a}clrScheme")
    for k, colour in enumerate(ACCENTS, 1):
        slot = scheme.find(f"{a}accent{k}")
        for child in list(slot):
            slot.remove(child)
        etree.SubElement(slot, f"{a}srgbClr").set("val", colour)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _without_dropped(xml: bytes) -> bytes:
    """Relationships and content types without the dropped parts."""
    root = etree.fromstring(xml)
    for el in list(root):
        target = (el.get("Target") or el.get("PartName") or "").lstrip("/")
        named = {target, f"word/{target}", target.removeprefix("../")}
        if any(name.startswith(DROPPED_PARTS) for name in named) or el.get("Type", "").endswith("/customXml"):
            root.remove(el)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def make(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name in TEMPLATES:
        made = parts(name)
        (folder / name).write_bytes(write_zip(made, order=list(made)))


if __name__ == "__main__":
    make(Path(sys.argv[1] if len(sys.argv) > 1 else "templates"))
