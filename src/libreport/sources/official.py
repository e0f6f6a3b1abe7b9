"""What an official document (公文) prints around its text, from report.yaml: the letterhead with the document
number, the 版记 at its end, and which Word document of the template folder lays it out (`template:`)."""

from __future__ import annotations

import re

import yaml

from libreport import model as m
from libreport.messages import Both
from libreport.sources.reader import Reader

LETTERHEAD_KEYS = ("name", "number")
IMPRINT_KEYS = ("cc", "issuer", "date")
# The year of a document number stands in 六角括号 〔2024〕; these are the brackets typed for them by mistake.
_WRONG_BRACKETS = re.compile(r"[(（\[【［]\s*((?:19|20|21)\d\d)\s*[)）\]】］]")
_YEAR = re.compile(r"〔((?:19|20|21)\d\d)〕")


def read_letterhead(r: Reader, node: yaml.Node, year: int) -> m.Letterhead | None:
    """`letterhead: 某馆文件`, a list of lines (a joint document), or `{name: …, number: 某图〔2024〕3号}`."""
    if not isinstance(node, yaml.MappingNode):
        lines = r.text_list(node, "letterhead")
        return m.Letterhead(lines) if lines else None
    f = r.mapping(node, "letterhead", LETTERHEAD_KEYS, ("name",))
    if f is None or "name" not in f:
        return None
    lines = r.text_list(f["name"][1], "letterhead.name")
    number = None
    if "number" in f and r.is_null(f["number"][1]):  # `number:` with nothing after it, as `new` leaves it
        r.diags.warning("to-fill", r.mark(f["number"][0]), "letterhead.number", what="letterhead.number")
    elif "number" in f:
        number = r.text(f["number"][1], "letterhead.number")
    if number is not None:
        _check_number(r, f["number"][1], number, year)
    return m.Letterhead(lines, number) if lines else None


def _check_number(r: Reader, node: yaml.Node, number: str, year: int) -> None:
    wrong = _WRONG_BRACKETS.search(number)
    if wrong is not None:
        r.diags.warning("document-number", r.mark(node), "letterhead.number", number=number,
                        written=wrong.group(0), right=f"〔{wrong.group(1)}〕")
        return
    found = _YEAR.search(number)
    if found is not None and int(found.group(1)) < year:
        r.diags.warning("document-number", r.mark(node), "letterhead.number", number=number, year=year,
                        variant="year")


def read_imprint(r: Reader, node: yaml.Node, year: int) -> m.Imprint | None:
    """imprint: {cc: [主管局, 学会], issuer: 某馆办公室, date: 2024-01-15}"""
    from libreport.sources.report import read_day

    f = r.mapping(node, "imprint", IMPRINT_KEYS)
    if f is None:
        return None
    cc = (r.text_list(f["cc"][1], "imprint.cc") or []) if "cc" in f else []
    issuer = r.text(f["issuer"][1], "imprint.issuer") if "issuer" in f else None
    when = read_day(r, f["date"][1], "imprint.date", year, Both("the 版记", "版记")) if "date" in f else None
    return m.Imprint(cc, issuer, when, r.mark(node))


def read_template(r: Reader, node: yaml.Node) -> str | None:
    """`template: official`: the Word document official.docx of the template folder (a name, not a path)."""
    name = r.text(node, "template")
    if name is None:
        return None
    document = name if name.lower().endswith(".docx") else f"{name}.docx"
    if any(c in document for c in "/\\:") or document.startswith("."):
        r.diags.error("template-document", r.mark(node), "template", name=name, variant="name")
        return None
    return document
