"""Valid for Word: every part of the template and of the built reports passes the ISO/IEC 29500 schema check.

Word refuses or silently repairs what the standard forbids (a child out of order, a duplicate, a missing
attribute) even where LibreOffice and WPS read it. `../shared/ooxml/validate.py` checks a package against the
Transitional schemas with jing; in CI it must run, elsewhere it is skipped when jing is not installed.
"""

from __future__ import annotations

import os
import re
import shutil

import pytest

from libreport.docx.schema import ORDER, REPEATABLE

from .conftest import SHARED


def needs(tool_ok: bool, what: str, how: str) -> None:
    if tool_ok:
        return
    if os.environ.get("CI"):
        pytest.fail(f"{what} is missing; {how}")
    pytest.skip(f"{what} is missing")


BESIDE = "the workplace's shared folder belongs beside the project (or LIBREPORT_SHARED names it)"


def test_the_template_and_the_built_reports_pass_the_schema_check(layouts):
    needs(SHARED is not None, "../shared/ooxml/validate.py", BESIDE)
    needs(shutil.which("jing") is not None, "jing", ".ci/run installs it (apt-get install jing)")
    done = layouts.schema()
    assert done is not None
    last = done.stdout.strip().splitlines()[-1]
    assert done.returncode == 0 and last.startswith("0 violations"), done.stdout[-3000:]
    assert int(re.search(r"(\d+) parts validated", last).group(1)) >= 40  # template, two reports, a re-saved one


# -- the declared child order is the standard's ------------------------------------------------------------

PATTERNS = {"w:pPr": "w_CT_PPr", "w:tblPr": "w_CT_TblPr", "w:tcPr": "w_CT_TcPr", "w:sectPr": "w_CT_SectPr",
            "w:style": "w_CT_Style", "w:tblStylePr": "w_CT_TblStylePr", "w:docDefaults": "w_CT_DocDefaults",
            "w:settings": "w_CT_Settings"}


def _definitions() -> dict[str, str]:
    text = "\n".join(p.read_text(encoding="utf-8") for p in (SHARED / "ooxml" / "rnc").glob("*.rnc"))
    return {m.group(1): m.group(2) for m in re.finditer(r"^(\w+) =(.*?)(?=^\w+ =|\Z)", text, re.S | re.M)}


def _children(name: str, defs: dict[str, str]) -> list[str]:
    """The child elements a pattern allows, in the order it lists them (references followed)."""
    body = re.sub(r"\{[^{}]*\}", "", defs[name])  # an element's content type, not its place
    out: list[str] = []
    for element, ref in re.findall(r"element (\w+)|\b([a-z]+_\w+)\b", body):
        if element:
            out.append(element)
        elif ref in defs and not ref.startswith(("w_ST_", "s_ST_", "w_AG_")):
            out.extend(_children(ref, defs))
    return out


@pytest.mark.parametrize("parent", sorted(PATTERNS))
def test_the_declared_child_order_is_the_standards(parent):
    needs(SHARED is not None, "../shared/ooxml (the schemas)", BESIDE)
    declared = [name.split(":")[1] for name in ORDER[parent]]
    assert declared == _children(PATTERNS[parent], _definitions())


def test_only_children_the_standard_repeats_are_declared_repeatable():
    assert {"w:headerReference", "w:footerReference", "w:tblStylePr", "w:activeWritingStyle",
                          "w:attachedSchema", "w:smartTagType"} == REPEATABLE
