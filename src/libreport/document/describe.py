"""The report described once: parts in order, their headings numbered, each section's content, the head and
the foot of the text. Every writer (Word, `show`, the web edition) prints this and decides nothing of its own."""

from __future__ import annotations

from typing import TYPE_CHECKING

from libreport import model as m
from libreport.document import model as d
from libreport.headings import Numbering
from libreport.housestyle import printing
from libreport.sources.sections import prints_nothing
from libreport.wording import Wording

if TYPE_CHECKING:
    from libreport.diagnostics import Diagnostics
    from libreport.pipeline import YearResult
    from libreport.project import Project


class Describer:
    """Builds one year's Document. Its counters run through the whole report: 表 n over captioned tables,
    图 n over pictures and charts with a caption."""

    def __init__(self, wording: Wording, report: m.Report, previous: m.Report | None):
        self.say = wording
        self.report = report
        self.previous = previous
        self.tables = 0
        self.figures = 0

    def table_caption(self, caption: str) -> d.Caption:
        self.tables += 1
        return d.Caption(self.say.optional("table_caption", number=self.tables, caption=caption), "table",
                         self.tables)

    def figure_number(self) -> int:
        self.figures += 1
        return self.figures

    def figure_caption(self, number: int, caption: str) -> d.Caption:
        return d.Caption(self.say.optional("picture_caption", number=number, caption=caption), "figure", number)

    def weights(self, widths: str, columns: int, keep: list[int] | None = None) -> list[float]:
        """snippets.yaml's `widths` of a table, only those of the columns kept when some are left out."""
        weights = self.say.widths.get(widths) or [1.0] * columns
        return [weights[k] for k in keep] if keep is not None else list(weights)

    def note(self, text: str | None, keep_next: bool = False) -> list[d.Block]:
        """The note a report prints under a table (注：…); it keeps with a chart that follows, as the table does."""
        if not text:
            return []
        return [d.Paragraph("table_note", [d.Run(text)], True if keep_next else None)]


def describe(wording: Wording, report: m.Report, previous: m.Report | None) -> d.Document:
    """The report, its figures printed in its house style (report.yaml `figures:`)."""
    title = report_title(wording, report)
    cover = report.cover
    doc = d.Document(title, report.library, report.year,
                     cover={"title": "\n".join(cover.title or report.title_lines or [title]),
                            "subtitle": "\n".join(cover.subtitle),
                            "issuer": "\n".join(cover.issuer or [report.library])},
                     first_page_header=report.first_page_header,
                     # a report that prints no space between figures and Chinese wants none added either
                     autospace=report.figures.spacing == "true")
    with printing(report.figures):
        _parts(Describer(wording, report, previous), doc)
    return doc


def describe_year(project: Project, checked: YearResult, diags: Diagnostics) -> d.Document | None:
    """A checked year described with its project's wording; None when the year has no report or the wording
    cannot be read or rendered (said in `diags`)."""
    from libreport.wording import SnippetError, load_wording

    if checked.report is None:
        return None
    wording = load_wording(project.templates, diags)
    if wording is None:
        return None
    try:
        return describe(wording, checked.report, checked.previous)
    except SnippetError as exc:  # a snippet staff edited does not compile, or names something not there
        diags.error("template", exc.mark, exc.path, setting=exc.path, reason=exc.reason, variant="render")
        return None


def report_title(wording: Wording, report: m.Report) -> str:
    """The title report.yaml gives, else as the template's `title` words it."""
    return report.title or wording.say("title", **title_values(report))


def title_values(report: m.Report) -> dict:
    """What the snippets that name the report (`title`, `output_name`) and the cover's placeholders may use."""
    return {"library": report.library, "year": report.year, "kind": report.kind, "date": report.date or ""}


def _parts(b: Describer, doc: d.Document) -> None:
    """Parts in order, each on its own pages under its running header. A part without a title (sections
    listed at the top level without one) prints no heading; a section standing alone, or the one section
    of a part of the same title, prints one heading, not two."""
    from libreport.document.sections import section_blocks

    report, say = b.report, b.say
    pn = 0
    # a part whose sections all print nothing (no data yet, a table with no rows) is left out whole
    parts = [p for p in report.parts if not all(prints_nothing(s) for s in p.sections)]
    for index, part in enumerate(parts):
        blocks: list[d.Block] = []
        if index == 0:
            blocks.extend(_masthead(report, doc.title))
        depth = 0
        # a part without a title (only a running header) prints no heading: its sections' headings are the
        # outline's first level, in Word's outline as in the table of contents
        outline = part.title is None
        if part.title is not None:
            pn += 1
            form = report.numbering.parts
            text = form.heading(pn, part.title) if form else say.say("part_heading", number=pn, title=part.title)
            blocks.append(d.Heading(text, "part", 1, toc=True, title=part.title, number=pn))
            depth = 1
        sn = 0
        group: m.Group | None = None  # the group whose heading was printed last
        gn = 0
        for k, section in enumerate(part.sections):
            if prints_nothing(section):
                continue
            below = depth
            if section.group is not None:
                # a group's heading stands at a section's level, before the first of its sections that prints
                if section.group is not group:
                    group, gn, sn = section.group, 0, sn + 1
                    blocks.append(_section_heading(b, part.numbering, sn, group.title, depth + 1, outline))
                below = depth + 1
                if section.title is not None:
                    gn += 1
                    level = depth + 2
                    blocks.append(d.Heading(_subsection_heading(b, group.numbering, gn, section.title),
                                            "subsection", level, toc=level <= 2, outline=True, title=section.title,
                                            number=gn))
                    below = depth + 2
            elif section.title is not None and not (k == 0 and part.heading_is_section):
                group = None
                sn += 1
                blocks.append(_section_heading(b, part.numbering, sn, section.title, depth + 1, outline))
                below = depth + 1
            else:
                group = None
            blocks.extend(section_blocks(b, section, below))
        if index == len(parts) - 1:
            foot = _foot(b)
            if foot and isinstance(foot[0], d.Signature) and blocks and isinstance(blocks[-1], d.Paragraph):
                blocks[-1].keep_next = True  # the signature never stands alone on a page: the text's end goes with it
            blocks.extend(foot)
        doc.parts.append(d.Part(part.title, say.say("running_header", header=part.header or doc.title,
                                                    title=part.title or doc.title, library=report.library,
                                                    year=report.year), blocks))


def _section_heading(b: Describer, numbering: Numbering, number: int, title: str, level: int,
                     outline: bool) -> d.Heading:
    form = numbering.sections
    text = form.heading(number, title) if form else b.say.say("section_heading", number=number, title=title)
    return d.Heading(text, "section", level, toc=True, outline=outline, title=title, number=number)


def _subsection_heading(b: Describer, numbering: Numbering, number: int, title: str) -> str:
    """A section's title inside a group: numbered as the group's numbering says, else as the template's
    `subsection_heading` (a template made before it prints the title alone)."""
    form = numbering.subsections
    if form is not None:
        return form.heading(number, title)
    if "subsection_heading" in b.say.snippets:
        return b.say.say("subsection_heading", number=number, title=title)
    return title


def _masthead(report: m.Report, title: str) -> list[d.Block]:
    """The head of the text: the letterhead's lines and the document number under them, the title (its lines
    broken where report.yaml breaks them), and the 主送 under it."""
    out: list[d.Block] = []
    if report.letterhead is not None:
        out.append(d.Letterhead(list(report.letterhead.lines), report.letterhead.number or None))
    out.append(d.Title(list(report.title_lines or [title])))
    if report.addressee:
        text = report.addressee
        out.append(d.Addressee(text if text.endswith("：") else text + "："))
    return out


def _foot(b: Describer) -> list[d.Block]:
    """The signature and the 版记 after the last part's text."""
    report, say = b.report, b.say
    out: list[d.Block] = []
    sig = report.signature
    if sig is not None:
        lines = list(sig.organisation)
        if sig.date is not None:
            lines.append(say.optional("signature_date", date=sig.date))
        out.append(d.Signature(lines, f"（{sig.note}）" if sig.note else None))  # the 附注, in its brackets
    imprint = report.imprint
    if imprint is not None:
        cc = say.optional("imprint_cc", cc=imprint.cc) if imprint.cc else None
        issued = say.optional("imprint_issued", date=imprint.date) if imprint.date is not None else ""
        out.append(d.Imprint(cc, imprint.issuer or report.library, issued))
    return out
