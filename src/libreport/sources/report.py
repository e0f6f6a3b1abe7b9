"""report.yaml: the library, the year, and the parts and sections of the report in order."""

from __future__ import annotations

from pathlib import Path

import yaml

from libreport import model as m
from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both
from libreport.sources.reader import Reader
from libreport.sources.yamlfile import load_yaml

REPORT_KEYS = ("library", "year", "title", "parts", "year_over_year")
PART_KEYS = ("title", "header", "sections")
SECTION_KEYS = ("kind", "title", "file")
YOY_KEYS = ("compare_with", "columns", "jump_factor")


def load_report(folder: Path, diags: Diagnostics) -> m.Report | None:
    path = folder / "report.yaml"
    if not path.is_file():
        diags.error("missing-file", file=path, folder=folder.name)
        return None
    root = load_yaml(path, diags)
    if root is None:
        return None
    r = Reader(path, diags)
    fields = r.mapping(root, "", REPORT_KEYS, ("library", "year", "parts"))
    if fields is None:
        return None
    library = r.text(fields["library"][1], "library") if "library" in fields else None
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
    title = r.text(fields["title"][1], "title") if "title" in fields else None
    parts: list[m.Part] = []
    if "parts" in fields:
        nodes = r.sequence(fields["parts"][1], "parts") or []
        if not nodes:
            diags.error("empty", r.mark(fields["parts"][1]), "parts", variant="parts")
        for i, node in enumerate(nodes):
            part = _part(r, node, f"parts[{i + 1}]", folder)
            if part is not None:
                parts.append(part)
    extra = {}
    if "year_over_year" in fields:
        yf = r.mapping(fields["year_over_year"][1], "year_over_year", YOY_KEYS)
        if yf is not None:
            extra["year_over_year"] = {k: v[1] for k, v in yf.items()}
            extra["yoy_reader"] = r
    if library is None or year is None:
        return None
    return m.Report(folder, library, year, title, parts, Mark(path, 1, 1), extra)


def _part(r: Reader, node: yaml.Node, path: str, folder: Path) -> m.Part | None:
    fields = r.mapping(node, path, PART_KEYS, ("title", "sections"))
    if fields is None:
        return None
    title = r.text(fields["title"][1], f"{path}.title") if "title" in fields else None
    header = r.text(fields["header"][1], f"{path}.header") if "header" in fields else None
    sections = []
    if "sections" in fields:
        for j, snode in enumerate(r.sequence(fields["sections"][1], f"{path}.sections") or []):
            spath = f"{path}.sections[{j + 1}]"
            sf = r.mapping(snode, spath, SECTION_KEYS, ("kind", "title"))
            if sf is None:
                continue
            kind = r.text(sf["kind"][1], f"{spath}.kind") if "kind" in sf else None
            if kind is not None and kind not in m.SECTION_KINDS:
                import difflib
                hint = difflib.get_close_matches(kind, m.SECTION_KINDS, n=1)
                r.diags.error("unknown-section", r.mark(sf["kind"][1]), f"{spath}.kind", kind=kind,
                              hint=hint[0] if hint else "", variant="hint" if hint else None,
                              allowed=", ".join(m.SECTION_KINDS))
                kind = None
            stitle = r.text(sf["title"][1], f"{spath}.title") if "title" in sf else None
            file = r.text(sf["file"][1], f"{spath}.file") if "file" in sf else None
            if kind is None or stitle is None:
                continue
            sections.append(m.Section(kind, stitle, folder / (file or m.DEFAULT_FILES[kind]), r.mark(snode)))
    if title is None:
        return None
    return m.Part(title, header or title, sections, r.mark(node))


