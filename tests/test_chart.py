"""The activity chart: labels that never overlap, an axis that stops at a round maximum, the template's look."""

from __future__ import annotations

import re
import zipfile
from decimal import Decimal

from libreport.docx.chart import ChartLook, chart_xml, plan

from .conftest import edit_docx, run_cli

LOOK = ChartLook("Times New Roman", "黑体", 10.5, ("4472C4", "ED7D31"))
WIDTH = 8845  # twips between the default template's margins


def shares(*values: str) -> list[Decimal]:
    return [Decimal(v) for v in values]


def test_a_few_categories_stand_as_columns_with_room_between_for_their_labels():
    series = [("场次比例", shares("17.92", "4.87", "19.29", "57.93")),
              ("人次比例", shares("15.81", "38.54", "3.49", "42.17"))]
    p = plan(["展览", "讲座", "培训", "阅读推广"], series, True, LOOK, WIDTH)
    assert not p.horizontal and p.gap >= 40 and p.label_size >= 7.5
    assert p.places == 2
    # the axis ends on a round number above the tallest bar, with room for its label, and a whole number of steps
    assert Decimal("57.93") < p.axis_max <= 100 and p.axis_max % p.major_unit == 0


def test_shares_never_run_the_axis_past_100_percent():
    p = plan(["甲", "乙"], [("比例", shares("96.50", "3.50"))], True, LOOK, WIDTH)
    assert p.axis_max == 100


def test_many_categories_turn_into_bars_across_as_tall_as_their_labels_need():
    categories = [f"类别{i}" for i in range(14)]
    values = [shares(*(f"{100 / 14:.2f}" for _ in categories))] * 2
    p = plan(categories, [("场次比例", values[0]), ("人次比例", values[1])], True, LOOK, WIDTH)
    few = plan(categories[:4], [("场次比例", values[0][:4]), ("人次比例", values[1][:4])], True, LOOK, WIDTH)
    assert p.horizontal and not few.horizontal
    assert p.height > few.height


def test_the_chart_takes_its_fonts_and_colours_from_the_look_it_is_given():
    look = ChartLook("Arial", "楷体", 12, ("C00000", "00B050"))
    xml = chart_xml("标题", ["甲", "乙"], [("一", shares("60", "40")), ("二", shares("30", "70"))], True, look,
                    plan(["甲", "乙"], [("一", shares("60", "40"))], True, look, WIDTH))
    assert '<a:ea typeface="楷体"/>' in xml and '<a:latin typeface="Arial"/>' in xml
    assert re.findall(r'<a:srgbClr val="(\w+)"/></a:solidFill></c:spPr><c:invertIfNegative', xml) == ["C00000",
                                                                                                       "00B050"]


def test_restyling_the_chart_style_and_theme_colours_in_the_template_restyles_the_chart(project):
    templates = project / "templates"
    blue, red = '<a:srgbClr val="4472C4"/>', '<a:srgbClr val="C00000"/>'
    edit_docx(templates / "report.docx", {"word/theme/theme1.xml": lambda xml: xml.replace(blue, red, 1)})

    def chart_style(xml: str) -> str:
        start = xml.index('w:styleId="Chart"')
        end = xml.index("</w:style>", start)
        return xml[:start] + xml[start:end].replace('w:eastAsia="黑体"', 'w:eastAsia="楷体"') + xml[end:]

    edit_docx(templates / "report.docx", {"word/styles.xml": chart_style})
    done = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(project / "out/2019/越秀区图书馆2019年年报.docx") as z:
        chart = z.read("word/charts/chart1.xml").decode("utf-8")
    assert '<a:ea typeface="楷体"/>' in chart and '<a:srgbClr val="C00000"/>' in chart


def test_an_empty_chart_title_in_the_template_prints_no_chart(project):
    snippets = project / "templates" / "snippets.yaml"
    text = snippets.read_text(encoding="utf-8")
    snippets.write_text(text.replace('activity_chart_title: "{{ year }} 年各类活动场次与人次占比"',
                                     'activity_chart_title: ""'), encoding="utf-8")
    done = run_cli("build", "2019", "--toc", "field", cwd=project)
    assert done.returncode == 0, done.stderr
    with zipfile.ZipFile(project / "out/2019/越秀区图书馆2019年年报.docx") as z:
        assert not [n for n in z.namelist() if n.startswith("word/charts/")]
        assert b"<w:drawing>" not in z.read("word/document.xml")
