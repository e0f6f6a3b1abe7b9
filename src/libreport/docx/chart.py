"""Native Word charts (DrawingML), editable in Word and WPS, drawn by LibreOffice from the cached values.

Each chart carries a small embedded workbook so that Word's "Edit Data" works.
"""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal

from libreport.docx.xml import esc

EMU_PER_TWIP = 635
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CHART_FONT = '<a:latin typeface="Times New Roman"/><a:ea typeface="黑体"/><a:cs typeface="Times New Roman"/>'


def inline_chart(rid: str, n: int, text_width_twips: int) -> str:
    cx = int(text_width_twips * EMU_PER_TWIP * 0.9)
    cy = int(cx * 0.55)
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + n}" name="Chart {n}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _col(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def _text_props(size: int) -> str:
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}">{CHART_FONT}</a:defRPr></a:pPr>'
            '<a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


def chart_xml(title: str, categories: list[str], series: list[tuple[str, list[Decimal]]], percent: bool) -> str:
    rows = len(categories)
    sers = []
    fmt = '0.00"%"' if percent else "General"
    colors = ["4472C4", "ED7D31", "A5A5A5", "FFC000", "5B9BD5", "70AD47"]
    for k, (name, values) in enumerate(series):
        col = _col(k + 1)
        cats = "".join(f'<c:pt idx="{i}"><c:v>{esc(c)}</c:v></c:pt>' for i, c in enumerate(categories))
        vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values))
        sers.append(
            f'<c:ser><c:idx val="{k}"/><c:order val="{k}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{colors[k % len(colors)]}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f'<c:dLbls><c:numFmt formatCode="{esc(fmt)}" sourceLinked="0"/>'
            '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f'{_text_props(900)}<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${rows + 1}</c:f><c:strCache><c:ptCount val="{rows}"/>{cats}'
            '</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${rows + 1}</c:f><c:numCache><c:formatCode>{esc(fmt)}'
            f'</c:formatCode><c:ptCount val="{rows}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>'
        )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>'
        f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="1200" b="1">{CHART_FONT}'
        f'</a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="1200" b="1">{CHART_FONT}</a:rPr><a:t>{esc(title)}</a:t></a:r>'
        '</a:p></c:rich></c:tx><c:overlay val="0"/></c:title>'
        '<c:autoTitleDeleted val="0"/><c:plotArea><c:layout/>'
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/><c:varyColors val="0"/>'
        f'{"".join(sers)}<c:gapWidth val="80"/><c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        '<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>'
        '<c:axPos val="b"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text_props(1000)}'
        '<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/>'
        '<c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/><c:min val="0"/></c:scaling>'
        '<c:delete val="0"/><c:axPos val="l"/><c:majorGridlines/>'
        f'<c:numFmt formatCode="{esc(fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>'
        f'<c:tickLblPos val="nextTo"/>{_text_props(900)}<c:crossAx val="50010001"/><c:crosses val="autoZero"/>'
        '<c:crossBetween val="between"/></c:valAx></c:plotArea>'
        f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_props(1000)}</c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    )


def workbook(categories: list[str], series: list[tuple[str, list[Decimal]]]) -> bytes:
    """A minimal .xlsx holding the chart's data, with inline strings and fixed timestamps."""
    def cell(ref: str, value) -> str:
        if isinstance(value, str):
            return f'<c r="{ref}" t="inlineStr"><is><t>{esc(value)}</t></is></c>'
        return f'<c r="{ref}"><v>{value}</v></c>'

    rows = ['<row r="1">' + cell("A1", "") + "".join(cell(f"{_col(k + 1)}1", name) for k, (name, _) in
                                                     enumerate(series)) + "</row>"]
    for i, cat in enumerate(categories):
        r = i + 2
        rows.append(f'<row r="{r}">' + cell(f"A{r}", cat) +
                    "".join(cell(f"{_col(k + 1)}{r}", vals[i]) for k, (_, vals) in enumerate(series)) + "</row>")
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
             f'<sheetData>{"".join(rows)}</sheetData></worksheet>')
    files = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        f'<Override PartName="/xl/workbook.xml" ContentType="{_SML}.sheet.main+xml"/>'
        f'<Override PartName="/xl/worksheets/sheet1.xml" ContentType="{_SML}.worksheet+xml"/>'
        '</Types>',
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_RELS}/officeDocument" Target="xl/workbook.xml"/>'
        '</Relationships>',
        "xl/workbook.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{_RELS}/worksheet" Target="worksheets/sheet1.xml"/>'
        '</Relationships>',
        "xl/worksheets/sheet1.xml": sheet,
    }
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in files.items():
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.encode("utf-8"))
    return buf.getvalue()
