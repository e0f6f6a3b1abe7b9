"""report.yaml: the library, the year, and the parts and sections of the report in order."""

from __future__ import annotations

from pathlib import Path

import yaml

from libreport import model as m
from libreport.diagnostics import Diagnostics, Mark
from libreport.headings import FORM_EXAMPLES, FormError, NumberForm, Numbering, parse_form
from libreport.messages import Both
from libreport.paths import inside, relative_inside
from libreport.sources.lines import joined, line, lines
from libreport.sources.official import (
    read_addressee,
    read_cover,
    read_imprint,
    read_letterhead,
    read_running_header,
    read_template,
)
from libreport.sources.reader import Reader, read_top
from libreport.sources.text import not_a_file
from libreport.sources.yearoveryear import read_year_over_year

REPORT_KEYS = ("library", "year", "title", "date", "kind", "template", "letterhead", "addressee", "signature",
               "imprint", "cover", "running_header", "numbering", "parts", "sections", "year_over_year", "figures",
               "data")
PART_KEYS = ("title", "header", "sections", "numbering")
SECTION_KEYS = ("kind", "title", "file", "numbering")
TOP_SECTION_KEYS = (*SECTION_KEYS, "header")  # a section listed at the top level is a part of its own
GROUP_KEYS = ("title", "sections", "numbering")  # sections listed under a heading of their own, inside a part
SIGNATURE_KEYS = ("organisation", "date", "note")
NUMBERING_KEYS = ("parts", "sections", "subsections", "summary", "run_in")
# What a `numbering:` sets where it is written: the headings that lie within its entry.
NUMBERING_AT = {"report": NUMBERING_KEYS, "part": NUMBERING_KEYS[1:], "group": ("subsections", "summary", "run_in"),
                "section": ("summary", "run_in")}
SUMMARY_LEVELS = 4  # #, ##, ###, ####


def load_report(folder: Path, diags: Diagnostics) -> m.Report | None:
    path = folder / "report.yaml"
    if not_a_file(path, diags):
        return None
    if not path.exists():
        diags.error("missing-file", file=path, folder=folder.name)
        return None
    if not inside(path, folder):
        diags.error("path-outside", Mark(path, 1, 1), written=path.name, variant="section-link")
        return None
    top = read_top(path, diags, REPORT_KEYS, ("library", "year"), "report")
    if top is None:
        return None
    r, fields = top
    library = line(r, fields["library"][1], "library") if "library" in fields else None
    year = None
    if "year" in fields:
        y = r.number(fields["year"][1], "year")
        if y is not None:
            year = int(y)
            if not 1900 <= year <= 2200:
                diags.error("type", r.mark(fields["year"][1]), "year", what="year",
                            expected=Both("a plausible report year", "合理的年份"), found=str(year))
                year = None
            elif folder.name.isdigit() and int(folder.name) != year:
                diags.warning("year-mismatch", r.mark(fields["year"][1]), "year", year=year, folder=folder.name)
    title_lines = lines(r, fields["title"][1], "title") if "title" in fields else None
    numbering = _numbering(r, fields["numbering"][1], "numbering", "report") if "numbering" in fields else Numbering()
    parts = _contents(r, fields, folder, Mark(path, 1, 1), numbering)
    yoy = read_year_over_year(r, fields["year_over_year"][1], year) if "year_over_year" in fields else None
    if library is None or year is None:
        return None
    report = m.Report(folder, library, year, None, parts, Mark(path, 1, 1), year_over_year=yoy)
    if "kind" in fields:
        report.kind = line(r, fields["kind"][1], "kind") or report.kind
    if "date" in fields:
        report.date = _cover_date(r, fields["date"][1])
    if "template" in fields:
        report.template = read_template(r, fields["template"][1])
        report.template_mark = r.mark(fields["template"][1])
    if "letterhead" in fields:
        report.letterhead = read_letterhead(r, fields["letterhead"][1], year)
    if "addressee" in fields:
        report.addressee = read_addressee(r, fields["addressee"][1])
    if "signature" in fields:
        report.signature = _signature(r, fields["signature"][1], library, year)
    if "imprint" in fields:
        report.imprint = read_imprint(r, fields["imprint"][1], year)
    if "cover" in fields:
        report.cover = read_cover(r, fields["cover"][1])
    if "running_header" in fields:
        report.first_page_header = read_running_header(r, fields["running_header"][1])
    report.numbering = numbering
    if "figures" in fields:  # the house style of figures: thousands grouped or not, spaced from Chinese or not
        from libreport.sources.figurestyle import read_figure_style

        report.figures = read_figure_style(r, fields["figures"][1])
    if title_lines:  # one line where a text has one (the document's properties): spaced as the report spaces figures
        report.title_lines = title_lines
        report.title = joined(title_lines, digits_spaced=report.figures.spacing != "false")
    if "data" in fields:
        report.data_sections += _data_only(r, fields["data"][1], folder)
    return report


def _data_only(r: Reader, node: yaml.Node, folder: Path) -> list[m.Section]:
    """`data: [indicators.yaml]`: table files the text quotes (`tables['indicators']`) and the report does not
    print."""
    out = []
    for i, item in enumerate(r.sequence(node, "data") or []):
        name = r.text(item, f"data[{i + 1}]")
        located = section_file(r, folder, name, r.mark(item), f"data[{i + 1}]") if name else None
        if located is not None:
            out.append(m.Section("table", None, located, r.mark(item)))
    return out


def _contents(r: Reader, fields: dict, folder: Path, mark: Mark, numbering: Numbering) -> list[m.Part]:
    """`parts:` (parts holding sections) or `sections:` (sections without parts, each a part of its own; an
    entry holding `sections:` of its own is a part)."""
    if "parts" in fields and "sections" in fields:
        r.diags.error("report-contents", r.mark(fields["sections"][0]), "sections", variant="both")
        return []
    if "parts" not in fields and "sections" not in fields:
        r.diags.error("report-contents", mark, "parts")
        return []
    key = "parts" if "parts" in fields else "sections"
    nodes = r.sequence(fields[key][1], key) or []
    if not nodes:
        r.diags.error("empty", r.mark(fields[key][1]), key, variant=key)
    parts: list[m.Part] = []
    for i, node in enumerate(nodes):
        path = f"{key}[{i + 1}]"
        if key == "parts" or _holds_sections(node):
            part = _part(r, node, path, folder, numbering)
            if part is not None:
                parts.append(part)
            continue
        section = _section(r, node, path, folder, TOP_SECTION_KEYS, numbering)
        if section is None:
            continue
        if section.title is None and parts:
            parts[-1].sections.append(section)  # no heading of its own: it continues the text before it
        else:
            parts.append(m.Part(section.title, section.header or section.title, [section], section.mark,
                                standalone=section.title is not None, numbering=numbering))
    return parts


def _holds_sections(node: yaml.Node) -> bool:
    """An entry that lists `sections:` of its own: a part at the top level, a group inside a part."""
    return isinstance(node, yaml.MappingNode) and any(
        isinstance(k, yaml.ScalarNode) and k.value == "sections" for k, _v in node.value)


def _own_numbering(r: Reader, fields: dict, path: str, at: str, outer: Numbering) -> Numbering:
    """The numbering that holds within an entry: the one around it, with the entry's own `numbering:` on top."""
    if "numbering" not in fields:
        return outer
    return outer.within(_numbering(r, fields["numbering"][1], f"{path}.numbering", at))


def section_file(r: Reader, folder: Path, name: str, mark: Mark, path: str) -> Path | None:
    """A section's file in the year folder, or None (said at the `file:` field, or at the section when the
    default file name is a link) when it would lead out of it."""
    file, problem = relative_inside(folder, name, folder)
    if problem is None:
        return file
    if problem == "link" and not_a_file(file, r.diags):  # a link that leads back to itself leads nowhere, not out
        return None
    variant = {"absolute": "section-absolute", "parent": "section-parent"}.get(problem, "section-link")
    r.diags.error("path-outside", mark, path, written=name, variant=variant)
    return None


def _part(r: Reader, node: yaml.Node, path: str, folder: Path, outer: Numbering) -> m.Part | None:
    """A part: its title is its numbered heading; a part with a `header:` and no `title:` prints no heading of
    its own and names its pages only in the running header (as reports whose parts show only at the top of
    the page)."""
    fields = r.mapping(node, path, PART_KEYS, ("sections",))
    if fields is None:
        return None
    title = line(r, fields["title"][1], f"{path}.title") if "title" in fields else None
    header = line(r, fields["header"][1], f"{path}.header") if "header" in fields else None
    if "title" not in fields and "header" not in fields:
        r.diags.error("missing-key", r.mark(node), f"{path}.title", key="title", where=path, variant="part")
    numbering = _own_numbering(r, fields, path, "part", outer)
    sections: list[m.Section] = []
    if "sections" in fields:
        nodes = r.sequence(fields["sections"][1], f"{path}.sections")
        if nodes == []:  # nothing listed: a part that would never print
            r.diags.error("empty", r.mark(fields["sections"][1]), f"{path}.sections", what=f"{path}.sections")
        for j, snode in enumerate(nodes or []):
            where = f"{path}.sections[{j + 1}]"
            if _holds_sections(snode):
                sections.extend(_group(r, snode, where, folder, numbering))
                continue
            section = _section(r, snode, where, folder, SECTION_KEYS, numbering)
            if section is not None:
                sections.append(section)
    if title is None and ("title" in fields or header is None):
        return None  # written empty, or neither written: said above
    return m.Part(title, header or title, sections, r.mark(node), numbering=numbering)


def _group(r: Reader, node: yaml.Node, path: str, folder: Path, outer: Numbering) -> list[m.Section]:
    """`{title: 读者结构, sections: [...]}` inside a part: its sections, each knowing the group it stands in."""
    fields = r.mapping(node, path, GROUP_KEYS, ("title", "sections"))
    if fields is None or "title" not in fields or "sections" not in fields:
        return []
    title = line(r, fields["title"][1], f"{path}.title")
    numbering = _own_numbering(r, fields, path, "group", outer)
    nodes = r.sequence(fields["sections"][1], f"{path}.sections") or []
    if not nodes:
        r.diags.error("empty", r.mark(fields["sections"][1]), f"{path}.sections", what=f"{path}.sections")
    if title is None:
        return []
    group = m.Group(title, r.mark(node), numbering)
    sections = []
    for j, snode in enumerate(nodes):
        section = _section(r, snode, f"{path}.sections[{j + 1}]", folder, SECTION_KEYS, numbering)
        if section is not None:
            section.group = group
            sections.append(section)
    return sections


def _section(r: Reader, node: yaml.Node, path: str, folder: Path, keys: tuple[str, ...],
             outer: Numbering) -> m.Section | None:
    """A section; without `title:` it prints no heading of its own."""
    sf = r.mapping(node, path, keys, ("kind",))
    if sf is None:
        return None
    numbering = _own_numbering(r, sf, path, "section", outer)
    kind = r.text(sf["kind"][1], f"{path}.kind") if "kind" in sf else None
    if kind is not None and kind not in m.SECTION_KINDS:
        import difflib
        hint = difflib.get_close_matches(kind, m.SECTION_KINDS, n=1)
        r.diags.error("unknown-section", r.mark(sf["kind"][1]), f"{path}.kind", kind=kind,
                      hint=hint[0] if hint else "", variant="hint" if hint else None,
                      allowed=", ".join(m.SECTION_KINDS))
        kind = None
    title = line(r, sf["title"][1], f"{path}.title") if "title" in sf else None
    if "title" in sf and title is None:
        return None  # written but empty: reported as such
    file = r.text(sf["file"][1], f"{path}.file") if "file" in sf else None
    header = line(r, sf["header"][1], f"{path}.header") if "header" in sf else None
    if kind is None or ("file" in sf and file is None):
        return None
    if kind == "plan":  # the project's plan, not a file of the year: it stands where the section is declared
        if file is not None:
            r.diags.error("plan-file", r.mark(sf["file"][1]), f"{path}.file", written=file)
            return None
        return m.Section(kind, title, r.file, r.mark(node), header=header, numbering=numbering)
    if file is None and kind not in m.DEFAULT_FILES:
        r.diags.error("missing-key", r.mark(node), f"{path}.file", key="file", where=path)
        return None
    where = sf["file"][1] if file is not None else node
    located = section_file(r, folder, file or m.DEFAULT_FILES[kind], r.mark(where), f"{path}.file")
    if located is None:
        return None
    return m.Section(kind, title, located, r.mark(node), header=header, numbering=numbering)


def _signature(r: Reader, node: yaml.Node, library: str, year: int) -> m.Signature | None:
    """signature: {organisation: 某某图书馆, date: 2024-01-12, note: 联系人：…}; the organisation defaults to the
    library; the note is the 附注 under the date, printed in brackets (written with them or without)."""
    f = r.mapping(node, "signature", SIGNATURE_KEYS)
    if f is None:
        return None
    organisation = [library]
    if "organisation" in f:
        organisation = lines(r, f["organisation"][1], "signature.organisation") or organisation
    when = read_day(r, f["date"][1], "signature.date", year) if "date" in f else None
    note = line(r, f["note"][1], "signature.note") if "note" in f else None
    if note is not None:
        note = _unbracketed(note)
    return m.Signature(organisation, when, r.mark(node), note)


def _unbracketed(text: str) -> str:
    """（联系人：…） → 联系人：…: the brackets are the document's, printed around whatever is written."""
    for left, right in (("（", "）"), ("(", ")")):
        if text.startswith(left) and text.endswith(right) and text.count(left) == 1:
            return text[1:-1].strip()
    return text


def _cover_date(r: Reader, node: yaml.Node) -> str | None:
    """The date the report is dated on its cover, printed as written (2022年1月, 2022 年 1 月, 2022年1月10日,
    二〇二四年三月); it must read as a month or a day."""
    from libreport.dates import DateError, in_arabic_numerals, parse_day, parse_year_month

    if r.is_null(node):  # `date:` with nothing after it, as `new` leaves it: this year's is still to fill
        r.diags.warning("to-fill", r.mark(node), "date", what="date")
        return None
    text = line(r, node, "date")
    if text is None:
        return None
    checked = in_arabic_numerals(text) or text
    for parse in (parse_year_month, parse_day):
        try:
            parse(checked)
            return text
        except DateError as exc:
            if exc.kind != "form":
                r.diags.error("impossible-date", r.mark(node), "date", text=text)
                return None
    r.diags.error("bad-date", r.mark(node), "date", text=text, variant="cover")
    return None


def read_day(r: Reader, node: yaml.Node, path: str, year: int, what: Both | None = None):
    """The day a signature or a 版记 is dated (2024-01-12, 2024年1月12日, 2024.1.12); one before the report's
    year is a warning. `what` names what is dated, when it is not the signature."""
    from libreport.dates import DateError, parse_day

    if r.is_null(node):  # `date:` with nothing after it, as `new` leaves it: this year's is still to fill
        r.diags.warning("to-fill", r.mark(node), path, what=path)
        return None
    text = r.text(node, path)
    if text is None:
        return None
    try:
        when = parse_day(text)
    except DateError as exc:
        variant = "day" if exc.kind == "form" else None
        code = "bad-date" if exc.kind == "form" else "impossible-date"
        r.diags.error(code, r.mark(node), path, text=text, variant=variant)
        return None
    if when.year < year:
        r.diags.warning("signature-date", r.mark(node), path, date=text, year=year, what=what or "",
                        variant="other" if what else None)
    return when


def _numbering(r: Reader, node: yaml.Node, path: str, at: str) -> Numbering:
    """numbering: {parts: 一、, sections: "", subsections: （一）, summary: [一、, （一）, 1., （1）], run_in: 3};
    `at` says where it is written (report, part, group, section), and so which keys it may have."""
    numbering = Numbering()
    f = r.mapping(node, path, NUMBERING_AT[at])
    if f is None:
        return numbering
    for key in ("parts", "sections", "subsections"):
        if key in f:
            setattr(numbering, key, _form(r, f[key][1], f"{path}.{key}"))
    if "summary" in f:
        items = r.sequence(f["summary"][1], f"{path}.summary") or []
        if len(items) > SUMMARY_LEVELS:
            r.diags.error("numbering-levels", r.mark(items[SUMMARY_LEVELS]), f"{path}.summary",
                          levels=SUMMARY_LEVELS)
        forms = [_form(r, n, f"{path}.summary[{i + 1}]") for i, n in enumerate(items[:SUMMARY_LEVELS])]
        numbering.summary = [form or NumberForm("", "", "") for form in forms]
    if "run_in" in f:
        level = r.number(f["run_in"][1], f"{path}.run_in")
        if level is not None and not 1 <= level <= SUMMARY_LEVELS:
            r.diags.error("numbering-levels", r.mark(f["run_in"][1]), f"{path}.run_in", levels=SUMMARY_LEVELS,
                          variant="run_in")
        elif level is not None:
            numbering.run_in = int(level)
    return numbering


def _form(r: Reader, node: yaml.Node, path: str) -> NumberForm | None:
    text = r.text(node, path, allow_empty=True)
    if text is None:
        return None
    # YAML would read 1. as a number and strip nothing else; the form is taken as written between quotes too
    raw = node.value if isinstance(node, yaml.ScalarNode) else text
    try:
        return parse_form(raw if raw.strip() else "")
    except FormError:
        r.diags.error("numbering-form", r.mark(node), path, form=raw, examples=FORM_EXAMPLES)
        return None

