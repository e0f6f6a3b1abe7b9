"""What an official document (公文) prints around its text, from report.yaml: the letterhead with the document
number, the 主送 under the title, the 版记 at its end, and which Word document of the template folder lays it out
(`template:`); and what a report with a cover prints on it and at the head of its pages."""

from __future__ import annotations

import re

import yaml

from libreport import model as m
from libreport.messages import Both
from libreport.sources.lines import line, lines
from libreport.sources.reader import Reader

LETTERHEAD_KEYS = ("name", "number")
IMPRINT_KEYS = ("cc", "issuer", "date")
COVER_KEYS = ("title", "subtitle", "issuer")
RUNNING_HEADER_KEYS = ("first_page",)
# The year of a document number stands in 六角括号 〔2024〕; these are the brackets typed for them by mistake.
_WRONG_BRACKETS = re.compile(r"[(（\[【［]\s*((?:19|20|21)\d\d)\s*[)）\]】］]")
_YEAR = re.compile(r"〔((?:19|20|21)\d\d)〕")


def read_letterhead(r: Reader, node: yaml.Node, year: int) -> m.Letterhead | None:
    """`letterhead: 某馆文件`, a list of lines (a joint document), or `{name: …, number: 某图〔2024〕3号}`."""
    if not isinstance(node, yaml.MappingNode):
        names = lines(r, node, "letterhead")
        return m.Letterhead(names) if names else None
    f = r.mapping(node, "letterhead", LETTERHEAD_KEYS, ("name",))
    if f is None or "name" not in f:
        return None
    names = lines(r, f["name"][1], "letterhead.name")
    number = None
    if "number" in f and r.is_null(f["number"][1]):  # `number:` with nothing after it, as `new` leaves it
        r.diags.warning("to-fill", r.mark(f["number"][0]), "letterhead.number", what="letterhead.number")
    elif "number" in f:
        number = line(r, f["number"][1], "letterhead.number")
    if number is not None:
        _check_number(r, f["number"][1], number, year)
    return m.Letterhead(names, number) if names else None


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
    cc = _one_line_each(r, f["cc"][1], "imprint.cc") if "cc" in f else []
    issuer = line(r, f["issuer"][1], "imprint.issuer") if "issuer" in f else None
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


def _one_line_each(r: Reader, node: yaml.Node, path: str) -> list[str]:
    """One text or a list of texts, each printed on one line (or run into one: the 抄送 organs)."""
    items = node.value if isinstance(node, yaml.SequenceNode) else [node]
    out = []
    for i, item in enumerate(items):
        text = line(r, item, f"{path}[{i + 1}]" if isinstance(node, yaml.SequenceNode) else path)
        if text is not None:
            out.append(text)
    return out


def read_addressee(r: Reader, node: yaml.Node) -> str | None:
    """主送: `addressee: 馆内各部室，各乡镇（街道）分馆` or a list of organs (run together with 、); printed as written,
    ending with the full-width colon whether or not it is written."""
    organs = _one_line_each(r, node, "addressee")
    if not organs:
        return None
    return "、".join(organ.rstrip("：:").rstrip() for organ in organs)


def read_cover(r: Reader, node: yaml.Node) -> m.Cover:
    """cover: {title: [澄州市少年儿童图书馆, 2023 年年报], subtitle: [CHENGZHOU CHILDREN'S LIBRARY, ANNUAL REPORT 2023],
    issuer: 澄州市少年儿童图书馆 编}: each a text or a list of lines."""
    cover = m.Cover()
    f = r.mapping(node, "cover", COVER_KEYS)
    if f is None:
        return cover
    if "title" in f:
        cover.title = lines(r, f["title"][1], "cover.title")
    if "subtitle" in f:
        cover.subtitle = lines(r, f["subtitle"][1], "cover.subtitle") or []
    if "issuer" in f:
        cover.issuer = lines(r, f["issuer"][1], "cover.issuer")
    cover.marks = {key: r.mark(key_node) for key, (key_node, _value) in f.items()}
    return cover


def read_running_header(r: Reader, node: yaml.Node) -> bool | None:
    """running_header: {first_page: false}: no running header on the first page of each part (true: one there too,
    whatever the template says)."""
    from libreport.sources.figurestyle import read_flag

    f = r.mapping(node, "running_header", RUNNING_HEADER_KEYS)
    if f is None or "first_page" not in f:
        return None
    return read_flag(r, f["first_page"][1], "running_header.first_page")
