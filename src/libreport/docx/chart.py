"""Native Word charts (DrawingML), editable in Word and WPS, drawn by LibreOffice from the cached values.

Each chart carries a small embedded workbook so that Word's "Edit Data" works.
"""

from __future__ import annotations

import io
import math
import zipfile
from dataclasses import dataclass
from decimal import Decimal

from libreport.docx import measure
from libreport.docx.measure import Face
from libreport.docx.xml import esc

EMU_PER_TWIP = 635
EMU_PER_PT = 12700
_SML = "application/vnd.openxmlformats-officedocument.spreadsheetml"
_RELS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
NICE_STEPS = (1, 2, 5)
BAR_GAP = 40  # between the categories of bars across, in percent of a bar
SMALLEST_LABEL = 7.5  # pt; below this a column chart turns into a bar chart instead


@dataclass(frozen=True)
class ChartLook:
    """The template's say on a chart: the fonts and size of the Chart paragraph style, the theme's accents."""

    latin: str
    east_asian: str
    size: float
    colours: tuple[str, ...]


@dataclass(frozen=True)
class Plan:
    """Where everything goes, worked out from the data so that no two labels overlap."""

    horizontal: bool  # bars across the page, for more categories than columns can label side by side
    width: int  # EMU
    height: int
    gap: int  # space between categories, in percent of a bar
    label_size: float  # pt
    axis_max: Decimal
    major_unit: Decimal
    places: int  # decimals of the data labels
    pie: bool = False  # a pie of one series' shares (读者年龄结构) instead of bars
    legend: bool = True  # a legend naming the series (none for one series whose title says what it is)


def plan(categories: list[str], series: list[tuple[str, list[Decimal | None]]], percent: bool, look: ChartLook,
         text_width: int, room: float | None = None, pie: bool = False, legend: bool = True) -> Plan:
    """`room`: the height (pt) the chart may take and still stand on the page of its table. A value None is a
    bar the report does not give: left out."""
    width_pt = text_width / 20 * 0.9
    places = max([0, *(-e for _, vs in series for v in vs
                        if v is not None and isinstance(e := v.as_tuple().exponent, int))])
    if pie:  # as wide as the labels around it need, about two thirds of the text
        width_pt = text_width / 20 * 0.7
        height_pt = min(width_pt * 0.75, room) if room and room > width_pt * 0.5 else width_pt * 0.75
        return Plan(False, _emu(width_pt), _emu(height_pt), 0, look.size, Decimal(100), Decimal(10), places,
                    pie=True, legend=False)
    top = max((v for _, vs in series for v in vs if v is not None), default=Decimal(0))
    label = _label(top, places, percent)
    n_cat, n_ser = max(len(categories), 1), max(len(series), 1)
    axis_label_pt = measure.width(_label(Decimal(100 if percent else top), 0, percent),
                                  Face(look.size, look.latin)) / 20
    plot_w = (width_pt - axis_label_pt - 36) * 0.9  # less the value axis, its ticks and the chart's margins
    # Columns, with each label no wider than its column: try the template's size, then smaller ones.
    size = look.size
    while size >= SMALLEST_LABEL:
        label_w = measure.width(label, Face(size, look.latin)) / 20 + 4
        slot = plot_w / n_cat
        gap = int((slot / label_w - n_ser) * 100)
        if gap >= 40:
            height_pt = width_pt * 0.55
            plot_h = height_pt - 3.2 * look.size * 1.3 - 24
            axis_max, unit = _axis(top, plot_h, size * 1.4 + 4, percent)
            return Plan(False, _emu(width_pt), _emu(height_pt), min(gap, 150), size, axis_max, unit, places,
                        legend=legend)
        size -= 0.5
    # Bars across: each bar as thick as its label is high, the chart as tall as the bars need, within the room
    # left on the page (smaller labels rather than a chart parted from its table).
    overhead = 3.2 * look.size * 1.3 + 24
    size = look.size
    if room is not None:
        thickest = (room - overhead) / (n_cat * (n_ser + BAR_GAP / 100))
        size = max(min(size, (thickest - 0.5) / 1.2), 6.0)
    bar_pt = size * 1.2 + 0.5  # a label's glyphs are about as high as the font is large
    plot_h = n_cat * bar_pt * (n_ser + BAR_GAP / 100)
    height_pt = plot_h + overhead
    category_w = max(measure.width(c, Face(look.size, look.latin)) / 20 for c in categories) if categories else 0
    plot_w = (width_pt - category_w - 36) * 0.9
    axis_max, unit = _axis(top, plot_w, measure.width(label, Face(size, look.latin)) / 20 + 6, percent)
    return Plan(True, _emu(width_pt), _emu(height_pt), BAR_GAP, size, axis_max, unit, places, legend=legend)


def _emu(pt: float) -> int:
    return int(pt * EMU_PER_PT)


def _label(value: Decimal, places: int, percent: bool) -> str:
    return f"{value:.{places}f}" + ("%" if percent else "")


def _axis(top: Decimal, plot_extent: float, label_extent: float, percent: bool) -> tuple[Decimal, Decimal]:
    """The value axis' maximum and step: room above the longest bar for its label, on a round number, at
    most 100 for shares."""
    if top <= 0:
        return Decimal(100 if percent else 10), Decimal(20 if percent else 2)
    room = min(label_extent / max(plot_extent, 1.0), 0.5)
    needed = float(top) / (1 - room)
    step = _nice(needed / 7)
    axis_max = Decimal(str(step)) * math.ceil(needed / step)
    if percent and axis_max > 100:
        axis_max, step = Decimal(100), _nice(100 / 7)
    return axis_max.normalize(), Decimal(str(step)).normalize()


def _nice(raw: float) -> float:
    power = 10 ** math.floor(math.log10(raw))
    return next((k * power for k in NICE_STEPS if k * power >= raw), 10 * power)


def inline_chart(rid: str, n: int, chart_plan: Plan) -> str:
    return (
        '<w:r><w:drawing><wp:inline distT="0" distB="0" distL="0" distR="0" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f'<wp:extent cx="{chart_plan.width}" cy="{chart_plan.height}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{1000 + n}" name="Chart {n}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main">'
        '<a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/chart">'
        '<c:chart xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        f'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'
        '</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>'
    )


def _col(i: int) -> str:
    return "ABCDEFGHIJKLMNOPQRSTUVWXYZ"[i]


def _fonts(look: ChartLook) -> str:
    return (f'<a:latin typeface="{esc(look.latin)}"/><a:ea typeface="{esc(look.east_asian)}"/>'
            f'<a:cs typeface="{esc(look.latin)}"/>')


def _text_props(look: ChartLook, size: float, bold: bool = False) -> str:
    b = ' b="1"' if bold else ' b="0"'
    return (f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{int(size * 100)}"{b}>{_fonts(look)}'
            '</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>')


def chart_xml(title: str, categories: list[str], series: list[tuple[str, list[Decimal | None]]], percent: bool,
              look: ChartLook, chart_plan: Plan) -> str:
    rows = len(categories)
    sers = []
    suffix = '"%"' if percent else ""
    label_fmt = ("0." + "0" * chart_plan.places if chart_plan.places else "0") + suffix
    step_places = max(0, -chart_plan.major_unit.normalize().as_tuple().exponent)  # type: ignore[operator]
    axis_fmt = ("0." + "0" * step_places if step_places else "0") + suffix
    for k, (name, values) in enumerate(series):
        col = _col(k + 1)
        cats = "".join(f'<c:pt idx="{i}"><c:v>{esc(c)}</c:v></c:pt>' for i, c in enumerate(categories))
        vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
        sers.append(
            f'<c:ser><c:idx val="{k}"/><c:order val="{k}"/>'
            f'<c:tx><c:strRef><c:f>Sheet1!${col}$1</c:f><c:strCache><c:ptCount val="1"/>'
            f'<c:pt idx="0"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
            f'<c:spPr><a:solidFill><a:srgbClr val="{look.colours[k % len(look.colours)]}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
            f'<c:dLbls><c:numFmt formatCode="{esc(label_fmt)}" sourceLinked="0"/>'
            '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
            f'{_text_props(look, chart_plan.label_size)}<c:dLblPos val="outEnd"/>'
            '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
            '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
            f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${rows + 1}</c:f><c:strCache><c:ptCount val="{rows}"/>{cats}'
            '</c:strCache></c:strRef></c:cat>'
            f'<c:val><c:numRef><c:f>Sheet1!${col}$2:${col}${rows + 1}</c:f><c:numCache><c:formatCode>{esc(label_fmt)}'
            f'</c:formatCode><c:ptCount val="{rows}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>'
        )
    if chart_plan.pie:
        return _space(_title(title, look) + f'<c:plotArea><c:layout/><c:pieChart><c:varyColors val="1"/>'
                      f'{_pie_series(categories, series[0], look, chart_plan, label_fmt)}<c:firstSliceAng val="0"/>'
                      '</c:pieChart></c:plotArea>' + _legend(chart_plan, look))
    across = chart_plan.horizontal
    # Bars across list the categories top down, as the table does; the value axis then crosses at the end.
    cat_orientation, val_crosses = ("maxMin", "max") if across else ("minMax", "autoZero")
    grid = ('<c:majorGridlines><c:spPr><a:ln w="6350"><a:solidFill><a:srgbClr val="D9D9D9"/></a:solidFill></a:ln>'
            '</c:spPr></c:majorGridlines>')
    return _space(
        _title(title, look) + '<c:plotArea><c:layout/>'
        f'<c:barChart><c:barDir val="{"bar" if across else "col"}"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{"".join(sers)}<c:gapWidth val="{chart_plan.gap}"/>'
        '<c:axId val="50010001"/><c:axId val="50010002"/></c:barChart>'
        f'<c:catAx><c:axId val="50010001"/><c:scaling><c:orientation val="{cat_orientation}"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"l" if across else "b"}"/><c:numFmt formatCode="General" sourceLinked="0"/>'
        f'<c:majorTickMark val="out"/><c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'{_text_props(look, look.size)}<c:crossAx val="50010002"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        '<c:valAx><c:axId val="50010002"/><c:scaling><c:orientation val="minMax"/>'
        f'<c:max val="{chart_plan.axis_max}"/><c:min val="0"/></c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"b" if across else "l"}"/>{grid}'
        f'<c:numFmt formatCode="{esc(axis_fmt)}" sourceLinked="0"/><c:majorTickMark val="out"/>'
        f'<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>{_text_props(look, chart_plan.label_size)}'
        f'<c:crossAx val="50010001"/><c:crosses val="{val_crosses}"/><c:crossBetween val="between"/>'
        f'<c:majorUnit val="{chart_plan.major_unit}"/></c:valAx></c:plotArea>' + _legend(chart_plan, look))


def _space(chart: str) -> str:
    """The chart part around what `chart` holds (its title, plot area and legend)."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<c:chartSpace xmlns:c="http://schemas.openxmlformats.org/drawingml/2006/chart" '
        'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
        'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
        f'<c:lang val="zh-CN"/><c:roundedCorners val="0"/><c:chart>{chart}'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData></c:chartSpace>'
    )


def _title(title: str, look: ChartLook) -> str:
    """The chart's title in the Chart style's fonts, a fifth larger and bold; none when it has none."""
    if not title:
        return '<c:autoTitleDeleted val="1"/>'
    return (f'<c:title><c:tx><c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{int(look.size * 120)}" b="1">'
            f'{_fonts(look)}</a:defRPr></a:pPr><a:r><a:rPr lang="zh-CN" sz="{int(look.size * 120)}" b="1">'
            f'{_fonts(look)}</a:rPr><a:t>{esc(title)}</a:t></a:r></a:p></c:rich></c:tx><c:overlay val="0"/>'
            '</c:title><c:autoTitleDeleted val="0"/>')


def _legend(chart_plan: Plan, look: ChartLook) -> str:
    if not chart_plan.legend:
        return ""
    return f'<c:legend><c:legendPos val="b"/><c:overlay val="0"/>{_text_props(look, look.size)}</c:legend>'


def _pie_series(categories: list[str], series: tuple[str, list[Decimal | None]], look: ChartLook,
                chart_plan: Plan, label_fmt: str) -> str:
    """One series of slices, each in the next of the theme's accents, labelled with its category and value
    (7-12 岁 41.5%) outside the pie."""
    name, values = series
    rows = len(categories)
    points = "".join(
        f'<c:dPt><c:idx val="{i}"/><c:bubble3D val="0"/><c:spPr><a:solidFill><a:srgbClr '
        f'val="{look.colours[i % len(look.colours)]}"/></a:solidFill><a:ln w="9525"><a:solidFill>'
        '<a:srgbClr val="FFFFFF"/></a:solidFill></a:ln></c:spPr></c:dPt>' for i in range(rows))
    cats = "".join(f'<c:pt idx="{i}"><c:v>{esc(c)}</c:v></c:pt>' for i, c in enumerate(categories))
    vals = "".join(f'<c:pt idx="{i}"><c:v>{v}</c:v></c:pt>' for i, v in enumerate(values) if v is not None)
    return (
        f'<c:ser><c:idx val="0"/><c:order val="0"/><c:tx><c:strRef><c:f>Sheet1!$B$1</c:f><c:strCache>'
        f'<c:ptCount val="1"/><c:pt idx="0"><c:v>{esc(name)}</c:v></c:pt></c:strCache></c:strRef></c:tx>{points}'
        f'<c:dLbls><c:numFmt formatCode="{esc(label_fmt)}" sourceLinked="0"/>'
        '<c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>'
        f'{_text_props(look, chart_plan.label_size)}<c:dLblPos val="outEnd"/>'
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="1"/><c:showSerName val="0"/>'
        '<c:showPercent val="0"/><c:showBubbleSize val="0"/><c:separator>\n</c:separator>'
        '<c:showLeaderLines val="1"/></c:dLbls>'
        f'<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${rows + 1}</c:f><c:strCache><c:ptCount val="{rows}"/>{cats}'
        '</c:strCache></c:strRef></c:cat>'
        f'<c:val><c:numRef><c:f>Sheet1!$B$2:$B${rows + 1}</c:f><c:numCache><c:formatCode>{esc(label_fmt)}'
        f'</c:formatCode><c:ptCount val="{rows}"/>{vals}</c:numCache></c:numRef></c:val></c:ser>'
    )


def workbook(categories: list[str], series: list[tuple[str, list[Decimal | None]]]) -> bytes:
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
                    "".join(cell(f"{_col(k + 1)}{r}", vals[i]) for k, (_, vals) in enumerate(series)
                            if vals[i] is not None) + "</row>")
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
