"""Valid for Word: every part of the template and of the built reports passes the schema check Word holds files to.

Word refuses or silently repairs what the standard forbids (a child out of order, a duplicate, a missing
attribute) even where LibreOffice and WPS read it. openxml-audit (a test dependency: the Open XML SDK's
validator and its schemas) checks every package here. Where a developer keeps the ISO/IEC 29500 schemas with
their jing checker (`shared/ooxml` beside the project), they give a second opinion; without them it is skipped.
"""

from __future__ import annotations

import json
import re
import shutil
from importlib import resources

import pytest

from libreport.docx.schema import ORDER, REPEATABLE

from .conftest import SHARED


def test_the_template_and_the_built_reports_pass_the_schema_check(layouts):
    found = layouts.schema()
    assert {"template", "official-template", "2021", "2019", "qinghe-2023", "official-2023", "tables-2023",
            "cover-2023"} <= set(found), found
    assert {label: errors for label, errors in found.items() if errors} == {}


def test_the_schema_check_finds_a_child_out_of_order(tmp_path):
    """The check is not a formality: a paragraph's style after its frame is refused."""
    from openxml_audit import OpenXmlValidator

    from .conftest import TEMPLATES, edit_docx

    docx = tmp_path / "report.docx"
    shutil.copy(TEMPLATES / "report.docx", docx)
    assert OpenXmlValidator().validate(str(docx)).is_valid
    edit_docx(docx, {"word/document.xml": lambda xml: re.sub(
        r"<w:pPr>(<w:pStyle [^>]*/>)(<w:framePr [^>]*/>)", r"<w:pPr>\2\1", xml, count=1)})
    errors = OpenXmlValidator().validate(str(docx)).errors
    assert [e.node for e in errors] == ["pStyle"], [str(e) for e in errors]


@pytest.mark.skipif(SHARED is None or shutil.which("jing") is None,
                    reason="a second opinion where shared/ooxml (ISO/IEC 29500 schemas) and jing are at hand")
def test_the_iso_schemas_agree(layouts):
    done = layouts.second_opinion()
    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 0 and last.startswith("0 violations"), done.stdout[-3000:]


# -- the declared child order is the standard's ------------------------------------------------------------

PATTERNS = {"w:pPr": "w:CT_PPr", "w:tblPr": "w:CT_TblPr", "w:tcPr": "w:CT_TcPr", "w:sectPr": "w:CT_SectPr",
            "w:style": "w:CT_Style", "w:tblStylePr": "w:CT_TblStylePr", "w:docDefaults": "w:CT_DocDefaults",
            "w:settings": "w:CT_Settings"}


WORD_ONLY = {"w:uiCompat97To2003"}


def _sdk_children(parent: str) -> list[str]:
    """The children the Open XML SDK's schema allows an element, in its order (the SDK's own extensions of
    later Office versions, w14/w15, left out: libreport writes none)."""
    data = resources.files("openxml_audit") / "data/openxml/schemas"
    main = json.loads((data / "schemas_openxmlformats_org_wordprocessingml_2006_main.json").read_text("utf-8"))
    kind = next(t for t in main["Types"] if t["Name"] == f"{PATTERNS[parent]}/{parent}")
    names = [child["Name"].split("/")[1] for child in kind.get("Children", [])]
    return [n for n in names if n.split(":")[0] in ("w", "m", "sl")]


@pytest.mark.parametrize("parent", sorted(PATTERNS))
def test_the_declared_child_order_is_the_standards(parent):
    """Every child the SDK knows is declared, in the SDK's order. The two differ only where the SDK follows
    Word rather than ISO/IEC 29500 Transitional: it drops children Word no longer writes (w:tblStyleRowBandSize
    in w:tblPr, w:smartTagType) and knows Word 2010's w:uiCompat97To2003, which libreport never writes."""
    sdk = [name for name in _sdk_children(parent) if name not in WORD_ONLY]
    assert set(sdk) <= set(ORDER[parent]), set(sdk) - set(ORDER[parent])
    assert [name for name in ORDER[parent] if name in sdk] == sdk


def _definitions() -> dict[str, str]:
    assert SHARED is not None
    text = "\n".join(p.read_text(encoding="utf-8") for p in (SHARED / "ooxml" / "rnc").glob("*.rnc"))
    return {m.group(1): m.group(2) for m in re.finditer(r"^(\w+) =(.*?)(?=^\w+ =|\Z)", text, re.S | re.M)}


def _iso_children(name: str, defs: dict[str, str]) -> list[str]:
    """The child elements an ISO/IEC 29500 pattern allows, in the order it lists them (references followed)."""
    body = re.sub(r"\{[^{}]*\}", "", defs[name])  # an element's content type, not its place
    out: list[str] = []
    for element, ref in re.findall(r"element (\w+)|\b([a-z]+_\w+)\b", body):
        if element:
            out.append(element)
        elif ref in defs and not ref.startswith(("w_ST_", "s_ST_", "w_AG_")):
            out.extend(_iso_children(ref, defs))
    return out


@pytest.mark.skipif(SHARED is None, reason="a second opinion where shared/ooxml (ISO/IEC 29500 schemas) is at hand")
@pytest.mark.parametrize("parent", sorted(PATTERNS))
def test_the_declared_child_order_is_iso_29500s(parent):
    declared = [name.split(":")[1] for name in ORDER[parent]]
    assert declared == _iso_children(PATTERNS[parent].replace(":", "_"), _definitions())


def test_only_children_the_standard_repeats_are_declared_repeatable():
    assert {"w:headerReference", "w:footerReference", "w:tblStylePr", "w:activeWritingStyle",
                          "w:attachedSchema", "w:smartTagType"} == REPEATABLE
