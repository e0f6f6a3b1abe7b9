"""Assembling the .docx: the template's parts, the rendered body, per-part headers, TOC and charts.

The template document is small, so it is edited as an XML tree (lxml); the
rendered body is large, so it is spliced in as a string.
"""

from __future__ import annotations

import copy
import io
import zipfile
from collections.abc import Mapping

from lxml import etree

from libreport.diagnostics import Mark
from libreport.docx import placeholders
from libreport.docx.chart import chart_xml, workbook
from libreport.docx.pagelook import BLANK_HEADER, BLANK_HEADER_ID, BLANK_HEADER_XML, first_page, without_autospace
from libreport.docx.render import Rendered
from libreport.docx.schema import clark, place, props, reorder
from libreport.docx.template import Template
from libreport.docx.xml import HINT_RPR, R_NS, W_NS, esc, field_begin, field_end

W = f"{{{W_NS}}}"
R = f"{{{R_NS}}}"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
REL_CHART = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
REL_PACKAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
REL_IMAGE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/image"
CT_HEADER = "application/vnd.openxmlformats-officedocument.wordprocessingml.header+xml"
CT_CHART = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CT_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FIXED_TIME = (1980, 1, 1, 0, 0, 0)
_BODY_MARK = "LIBREPORT-BODY"
_TOC_MARK = "LIBREPORT-TOC"


def _fill_placeholders(root, values: dict, where: Mark, drop_empty: bool = False) -> None:
    """Render the inline {{ … }} placeholders of a template part; {{ body }} and {{ toc }} become markers.
    `drop_empty`: a paragraph whose placeholders printed nothing and that held nothing else is left out."""
    from libreport.prose.sandbox import compile_snippet
    from libreport.wording import SnippetError

    reorder(root)
    found = placeholders.find(root)
    for ph in placeholders.blocks(found):
        if not ph.alone:  # (the template check makes sure they are; a header is never checked for them)
            continue
        p = ph.paragraph
        if p.find(f"{W}pPr/{W}sectPr") is None:
            p.getparent().replace(p, etree.Comment(_MARKS[ph.expr]))
        else:
            # The paragraph also ends a section (Word and LibreOffice fold a section break into the paragraph
            # before it when the empty one is deleted or on saving): the content goes before it, and the
            # paragraph stays, emptied, to keep the break, and with it the page the TOC or body stands on.
            p.addprevious(etree.Comment(_MARKS[ph.expr]))
            for child in list(p):
                if child.tag != f"{W}pPr":
                    p.remove(child)

    def value(ph: placeholders.Placeholder) -> str:
        try:
            return compile_snippet(f"{{{{ {ph.expr} }}}}").render(values)
        except Exception as exc:  # a placeholder staff typed into the Word template
            raise SnippetError(where, where.file.name, f"{{{{ {ph.expr} }}}}: {exc}") from None

    placeholders.fill([ph for ph in found if not ph.block], value)
    if drop_empty:
        placeholders.drop_emptied(found)


_MARKS = {"body": _BODY_MARK, "toc": _TOC_MARK}


def _drop_contents_page(body) -> None:
    """A report with no headings has no contents: the page the template keeps for them (its 目录 heading, the
    {{ toc }} paragraph, up to the section or page break that ends it) is left out, not printed empty."""
    mark = next((c for c in body if isinstance(c, etree._Comment) and c.text == _TOC_MARK), None)
    if mark is None:
        return

    def ends_page(el) -> bool:
        return el.find(f"{W}pPr/{W}sectPr") is not None or any(
            br.get(f"{W}type") == "page" for br in el.iter(f"{W}br"))

    def plain(el) -> bool:  # a paragraph of the contents' page: no other placeholder, no table, no break
        return el.tag == f"{W}p" and not ends_page(el)

    before = []
    el = mark.getprevious()
    while el is not None and plain(el):
        before.append(el)
        el = el.getprevious()
    after = []
    el = mark.getnext()
    while el is not None and plain(el):
        after.append(el)
        el = el.getnext()
    if el is None or el.tag != f"{W}p" or not ends_page(el):
        body.remove(mark)  # no page of its own: only the contents go
        return
    for gone in (*before, mark, *after, el):
        body.remove(gone)


def toc_xml(tpl: Template, rendered: Rendered, pages: Mapping[str, str] | None, field: bool = True) -> str:
    """The TOC's lines, each a link to its heading with the page number as a page reference (PAGEREF) when
    `pages` are known; `field`: inside a TOC field, which Word can update (LibreOffice reads one as a list it
    leaves as it is, so the layout that works the page numbers out reads the references without one)."""
    entries = rendered.toc
    out = []
    ppr = {level: _toc_ppr(tpl, tpl.style(f"toc_{level}")) for level in (1, 2)}
    for i, e in enumerate(entries):
        begin = field_begin('TOC \\o "1-2" \\h \\z \\u', dirty=pages is None) if i == 0 and field else ""
        page = str(pages[e.bookmark]) if pages and e.bookmark in pages else ""
        pageref = (field_begin(f"PAGEREF {e.bookmark} \\h") + f"<w:r><w:t>{page}</w:t></w:r>" + field_end()
                   if page else "")
        out.append(f'<w:p>{ppr[1 if e.level == 1 else 2]}{begin}'
                   f'<w:hyperlink w:anchor="{e.bookmark}" w:history="1">'
                   f'<w:r>{HINT_RPR}<w:t xml:space="preserve">{esc(e.text)}</w:t></w:r><w:r><w:tab/></w:r>{pageref}'
                   f'</w:hyperlink>{field_end() if i == len(entries) - 1 and field else ""}</w:p>')
    return "".join(out)


def _toc_ppr(tpl: Template, style: str) -> str:
    """A TOC line's page number stands at the right margin of this template, wherever the style's tab was."""
    positions, leader = tpl.look.tabs.get(style, ([], "dot"))
    right = tpl.text_width
    stops = [f'<w:tab w:val="clear" w:pos="{pos}"/>' for pos in sorted(set(positions)) if pos != right]
    stops.append(f'<w:tab w:val="right" w:leader="{leader}" w:pos="{right}"/>')
    return props("w:pPr", [f'<w:pStyle w:val="{style}"/>', f"<w:tabs>{''.join(stops)}</w:tabs>"])


def assemble(tpl: Template, rendered: Rendered, values: dict, pages: Mapping[str, str] | None,
             update_fields: bool, core: dict, toc_field: bool = True) -> bytes:
    parts: dict[str, bytes | list[bytes]] = dict(tpl.parts)
    rels = etree.fromstring(parts["word/_rels/document.xml.rels"])
    targets = {r.get("Id"): r.get("Target") for r in rels}
    root = etree.fromstring(parts["word/document.xml"])
    body = root.find(f"{W}body")
    # the cover: its title and issuer as report.yaml gives them, line by line; a line left empty is left out
    _fill_placeholders(root, {**values, **rendered.cover}, Mark(tpl.docx, 1, 1), drop_empty=True)
    if not rendered.toc:
        _drop_contents_page(body)
    sect = body.find(f"{W}sectPr")
    new_parts: dict[str, bytes] = {}
    overrides: list[tuple[str, str]] = []

    # One section per part, each with its own running header, cloned from the body section's headers.
    section_xml = []
    for i, header_text in enumerate(rendered.headers, 1):
        part_sect = copy.deepcopy(sect) if sect is not None else None
        if part_sect is not None:
            blank_first = first_page(part_sect, rendered.first_page_header)
            for ref in part_sect.findall(f"{W}headerReference"):
                source = "word/" + targets[ref.get(f"{R}id")].lstrip("/").removeprefix("word/")
                name = f"header_part{i}_{ref.get(f'{W}type')}.xml"
                hroot = etree.fromstring(parts[source])
                _fill_placeholders(hroot, {**values, "header": header_text}, Mark(tpl.docx, 1, 1))
                new_parts[f"word/{name}"] = etree.tostring(hroot, xml_declaration=True, encoding="UTF-8",
                                                          standalone=True)
                rid = f"rIdLrH{i}{ref.get(f'{W}type')}"
                etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=REL_HEADER, Target=name)
                overrides.append((f"/word/{name}", CT_HEADER))
                ref.set(f"{R}id", rid)
            if blank_first:
                if f"word/{BLANK_HEADER}" not in new_parts:
                    new_parts[f"word/{BLANK_HEADER}"] = BLANK_HEADER_XML
                    etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=BLANK_HEADER_ID, Type=REL_HEADER,
                                     Target=BLANK_HEADER)
                    overrides.append((f"/word/{BLANK_HEADER}", CT_HEADER))
                place(part_sect, etree.Element(f"{W}headerReference", {f"{W}type": "first",
                                                                       f"{R}id": BLANK_HEADER_ID}))
            if i > 1:
                pg = part_sect.find(f"{W}pgNumType")
                if pg is not None and pg.get(f"{W}start") is not None:
                    del pg.attrib[f"{W}start"]
            for attr in list(part_sect.attrib):
                del part_sect.attrib[attr]
        section_xml.append(part_sect)
    if section_xml and section_xml[-1] is not None:
        body.replace(sect, section_xml[-1])
    # Every other header and footer (the page-number footer, a cover's header) is filled once, with no
    # running header of its own.
    for name in [n for n in parts if n.startswith(("word/header", "word/footer")) and n.endswith(".xml")]:
        hroot = etree.fromstring(parts[name])
        if placeholders.find(hroot):
            _fill_placeholders(hroot, {**values, "header": ""}, Mark(tpl.docx, 1, 1))
            parts[name] = etree.tostring(hroot, xml_declaration=True, encoding="UTF-8", standalone=True)
    body_chunks: list[bytes] = []
    for i, chunks in enumerate(rendered.parts):
        body_chunks.extend(chunks)
        if i < len(rendered.parts) - 1 and section_xml[i] is not None:
            s = etree.tostring(section_xml[i], encoding="unicode")
            body_chunks.append(f"<w:p><w:pPr>{s}</w:pPr></w:p>".encode())

    for n, chart in enumerate(rendered.charts, 1):
        name = f"charts/chart{n}.xml"
        new_parts[f"word/{name}"] = chart_xml(chart.title, chart.categories, chart.series, chart.percent, chart.look,
                                                     chart.plan).encode()
        new_parts[f"word/charts/_rels/chart{n}.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
            f'<Relationships xmlns="{PKG_REL}"><Relationship Id="rId1" Type="{REL_PACKAGE}" '
            f'Target="../embeddings/chart{n}.xlsx"/></Relationships>').encode()
        new_parts[f"word/embeddings/chart{n}.xlsx"] = workbook(chart.categories, chart.series)
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=chart.rid, Type=REL_CHART, Target=name)
        overrides.append((f"/word/{name}", CT_CHART))

    defaults: dict[str, str] = {}
    for n, (rid, image) in enumerate(rendered.pictures, 1):
        from libreport.docx.picture import CONTENT_TYPES

        name = f"media/libreport-image{n}.{image.format}"
        new_parts[f"word/{name}"] = image.data
        etree.SubElement(rels, f"{{{PKG_REL}}}Relationship", Id=rid, Type=REL_IMAGE, Target=name)
        defaults[image.format] = CONTENT_TYPES[image.format]

    doc = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True).decode("utf-8")
    doc = doc.replace(f"<!--{_TOC_MARK}-->", toc_xml(tpl, rendered, pages, toc_field), 1)
    before, _, after = doc.partition(f"<!--{_BODY_MARK}-->")
    # The body is streamed into the zip chunk by chunk: a large year never exists as one string.
    parts["word/document.xml"] = [before.encode("utf-8"), *body_chunks, after.encode("utf-8")]
    parts["word/_rels/document.xml.rels"] = etree.tostring(rels, xml_declaration=True, encoding="UTF-8",
                                                           standalone=True)
    parts["[Content_Types].xml"] = _content_types(tpl.parts["[Content_Types].xml"], overrides, defaults)
    if update_fields and "word/settings.xml" in tpl.parts:
        parts["word/settings.xml"] = _update_fields(tpl.parts["word/settings.xml"])
    if not rendered.autospace:
        parts["word/styles.xml"] = without_autospace(tpl.parts["word/styles.xml"])
    parts["docProps/core.xml"] = _core(core)
    parts.update(new_parts)
    return write_zip(parts, order=list(tpl.parts) + sorted(new_parts))


def _content_types(xml: bytes, overrides: list[tuple[str, str]], defaults: dict[str, str] | None = None) -> bytes:
    text = xml.decode("utf-8")
    extra = "".join(f'<Override PartName="{p}" ContentType="{ct}"/>' for p, ct in overrides)
    if 'Extension="xlsx"' not in text:
        extra = f'<Default Extension="xlsx" ContentType="{CT_XLSX}"/>' + extra
    for ext, content_type in (defaults or {}).items():  # Defaults come before Overrides in the schema
        if f'extension="{ext}"' not in text.lower():
            extra = f'<Default Extension="{ext}" ContentType="{content_type}"/>' + extra
    if '/docProps/core.xml"' not in text:
        extra += ('<Override PartName="/docProps/core.xml" '
                  'ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>')
    return text.replace("</Types>", extra + "</Types>").encode("utf-8")


def _update_fields(xml: bytes) -> bytes:
    """Ask Word to refresh fields on open."""
    root = etree.fromstring(xml)
    place(root, etree.Element(clark("w:updateFields"), {clark("w:val"): "true"}))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _core(core: dict) -> bytes:
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f'<dc:title>{esc(core["title"])}</dc:title><dc:creator>{esc(core["creator"])}</dc:creator>'
        f'<cp:lastModifiedBy>{esc(core["creator"])}</cp:lastModifiedBy><cp:revision>1</cp:revision>'
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{core["date"]}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{core["date"]}</dcterms:modified>'
        '</cp:coreProperties>'
    ).encode()


def write_zip(parts: Mapping[str, bytes | list[bytes]], order: list[str]) -> bytes:
    """A zip of `parts` in `order`, [Content_Types].xml first, with fixed timestamps: the same input gives the
    same bytes."""
    buf = io.BytesIO()
    seen = set()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        names = ["[Content_Types].xml"] + [n for n in order if n != "[Content_Types].xml"]
        for name in names:
            if name in seen or name not in parts:
                continue
            seen.add(name)
            info = zipfile.ZipInfo(name, date_time=FIXED_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            data = parts[name]
            if isinstance(data, bytes):
                z.writestr(info, data, compresslevel=6)
                continue
            with z.open(info, "w") as out:
                for chunk in data:
                    out.write(chunk)
    return buf.getvalue()
