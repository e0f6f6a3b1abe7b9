"""`libreport new`: start a year's sources from an earlier year.

The new folder has last year's shape and none of last year's figures:

* report.yaml: the same library, parts and sections; `year` set to the new year, the title's year
  changed when the title contained it, `year_over_year.compare_with` pointed at the year started from;
* statistics.yaml: every item kept (names, units, ids, labels, parts, of_which, details), each
  `value:` left with nothing after it;
* activities.yaml: the same rows, links and rounding, `sessions:` and `attendance:` left empty;
* staff.yaml (when last year had one): the same groups, `count:` left empty;
* table sections: the same columns, caption and total, and no rows yet (`from:` still names its sheet);
* awards.yaml, coverage.yaml, chronicle.yaml: no entries, and a comment showing one;
* summary.md (and every summary): last year's text whole, headings, paragraphs and expressions, so that this
  year's figures fill last year's sentences; last year's `literal` marks taken off (see carry_summary) and the
  pictures it prints copied. The figures it types (4600 余册, 2020 年, shown('510余')) are last year's:
  validate names each (checks.carried) until it is rewritten or marked as meant.

Last year's files are edited as text, not re-serialised, so their comments, key order and
layout (block or flow) stay as they were. `validate` then reports each empty value as a `to-fill`
warning: the new year's to-do list.

Everything is written into a hidden folder beside the year folders and renamed into place when
complete, so an interrupted `new` leaves no half-made year. An existing folder is never touched.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from libreport import model as m
from libreport.diagnostics import Diagnostics, shown_path
from libreport.i18n import t
from libreport.paths import what_is
from libreport.project import Project
from libreport.prose.summary import parse_blocks
from libreport.sources.text import not_a_file


class ScaffoldError(Exception):
    """A usage problem (the year exists, there is no year to start from); the CLI exits with 2."""


class SourceError(ScaffoldError):
    """The year to start from cannot be read: its diagnostics, said at their lines (the CLI exits with 1)."""

    def __init__(self, diags: Diagnostics):
        super().__init__("; ".join(d.format() for d in diags.errors))
        self.diags = diags


EXAMPLES = {
    "coverage": "- {{date: {year}-01-08, outlet: 广州日报, section: 客户端, title: 报道标题}}",
    "awards": "- {{name: 奖项名称, by: 颁奖单位, date: {year}-04}}",
    "chronicle": "- {{date: 1月7日, text: 当天的大事。}}",
}


def new_year(project: Project, year: int, from_year: int | None = None, library: str | None = None) -> str:
    """Create <sources>/<year>/ from `from_year` (default: the latest earlier year of the library). Returns the
    message to print. A year is only ever started from a year of the same library: when the sources hold the
    years of several, `library` (or `from_year`) says which."""
    if not 1900 <= year <= 2200:
        raise ScaffoldError(t("new_bad_year", year=year))
    target = project.year_folder(year)
    if target.is_symlink() and not target.exists():  # a link to nothing is still there, and not ours to replace
        from libreport.paths import link_target

        raise ScaffoldError(t("new_exists_link", folder=shown_path(target), target=link_target(target)))
    if target.exists():
        raise ScaffoldError(t("new_exists", folder=shown_path(target)))
    source: Path | None
    if from_year is not None:
        source = project.year_folder(from_year)
        if not os.path.lexists(source) or (source.is_dir() and what_is(source / "report.yaml") == "missing"):
            raise ScaffoldError(t("new_from_missing", year=from_year, folder=shown_path(project.sources),
                                  known=", ".join(project.years()) or "-"))
    else:
        source = _latest_of_library(project, year, library)
    files, pictures, items = _plan(project, source, year)
    _write_all(target, files, pictures)
    return "\n".join([t("new_created", folder=shown_path(target), source=source.name, items=items),
                      t("new_next", year=year)])


def _latest_of_library(project: Project, year: int, library: str | None) -> Path:
    from libreport.sources.report import load_report

    libraries: dict[str, list[int]] = {}
    unread = Diagnostics()  # the earlier years that cannot be read: said when they leave none to start from
    for name in project.years():
        folder = project.year_folder(name)
        diags = Diagnostics()
        report = load_report(folder, diags) if project.check_year_folder(folder, diags) else None
        if report is not None:
            libraries.setdefault(report.library.strip(), []).append(int(name))
        elif int(name) < year:
            unread.extend(diags)
    found = ", ".join(f"{lib} ({', '.join(map(str, sorted(ys)))})" for lib, ys in sorted(libraries.items())) or "-"
    if library is None and len(libraries) > 1:
        raise ScaffoldError(t("new_several_libraries", folder=shown_path(project.sources), libraries=found))
    if library is None:
        earlier = [y for ys in libraries.values() for y in ys if y < year]
    else:
        earlier = [y for y in libraries.get(library.strip(), []) if y < year]
        if not earlier:
            raise ScaffoldError(t("new_no_library", library=library, year=year,
                                  folder=shown_path(project.sources), libraries=found))
    if not earlier and unread.errors:
        raise SourceError(unread)
    if not earlier:
        raise ScaffoldError(t("new_no_earlier", year=year, folder=shown_path(project.sources)))
    return project.year_folder(max(earlier))


# -- what to write ---------------------------------------------------------------

def _plan(project: Project, source: Path, year: int) -> tuple[dict[Path, str], dict[Path, Path], int]:
    """The new folder's files (relative path → text), the pictures to copy (relative path → file) and the number
    of statistics values emptied."""
    from libreport.sources.report import load_report
    from libreport.sources.text import MAX_PROSE_BYTES

    diags = Diagnostics()
    report = load_report(source, diags) if project.check_year_folder(source, diags) else None
    if report is None or diags.errors:
        raise SourceError(diags)
    from libreport.sources.sections import attach_data_only

    attach_data_only(report)  # figures the summary quotes from an unlisted statistics.yaml come along too
    old = report.year
    files: dict[Path, str] = {Path("report.yaml"): _report_yaml(source / "report.yaml", old, year,
                                                                  int(source.name) if source.name.isdigit() else old)}
    items = 0
    done: set[Path] = set()
    pictures: dict[Path, Path] = {}  # the summary's pictures, copied as they are (relative path → file)
    for section in report.sections():
        if section.kind == "plan":  # the project's plan carries over by itself; report.yaml lists the section
            continue
        if not_a_file(section.file, diags):  # a folder, a link to nothing: not a file to start from
            continue
        try:
            rel = section.file.resolve().relative_to(source.resolve())
        except ValueError:
            continue  # a file outside the year folder (shared by years) is not the new year's to copy
        if rel in done:
            continue
        done.add(rel)
        exists = section.file.is_file()
        kind = section.kind
        if kind == "summary":
            text = _read(section.file, MAX_PROSE_BYTES) if exists else ""
            files[rel] = carry_summary(text) if text.strip() else project.to_fill + "\n"
            pictures.update(_pictures(text, section.file, source))
        elif kind == "statistics":  # last_year: is last year's figure, which this year's sources now hold
            text, n = _blank(section.file, _stat_values, old, year, ("accept", "last_year")) if exists \
                else ("items:\n", 0)
            files[rel] = text
            items += n
        elif kind == "activities":
            files[rel] = _blank(section.file, _activity_counts, old, year)[0] if exists else "rows:\n"
        elif kind == "staff":
            if exists:
                files[rel] = _blank(section.file, _staff_counts, old, year)[0]
        elif kind == "table":
            if exists:  # the same columns, caption and total; no rows yet (a sheet named by `from:` is kept)
                files[rel] = _table(section.file, old, year)
        else:
            files[rel] = _empty_list(section, _read(section.file) if exists else "", old, year)
    if diags.errors:
        raise SourceError(diags)
    return files, pictures, items


def _read(path: Path, limit: int | None = None) -> str:
    from libreport.sources.text import MAX_BYTES, read_text

    diags = Diagnostics()
    src = read_text(path, diags, limit or MAX_BYTES)
    if src is None:
        raise SourceError(diags)
    return src.text


def _compose(text: str, path: Path) -> yaml.Node | None:
    """The file's nodes, read the one way every YAML file is read: no aliases, bounded nesting, and marks that
    count characters, which is what slicing the text needs."""
    from libreport.sources.text import SourceText
    from libreport.sources.yamlfile import compose

    diags = Diagnostics()
    root = compose(SourceText(path, text), diags)
    if diags.errors:
        raise SourceError(diags)
    return root


DATED = {"letterhead": "number", "signature": "date", "imprint": "date"}  # inside these mappings
DATED_TOP = ("date",)  # report.yaml's own keys that are each year's: the cover date


def _report_yaml(path: Path, old: int, year: int, source_year: int) -> str:
    text = _read(path)
    root = _compose(text, path)
    edits: list[tuple[yaml.Node, str]] = []
    for key, value in _pairs(root):
        if key == "year" and isinstance(value, yaml.ScalarNode):
            edits.append((value, str(year)))
        elif key == "title":
            edits.extend(_year_swapped(text, value, old, year))
        elif key == "cover":  # the cover's lines name the year as the title does (2023 年年报, ANNUAL REPORT 2023)
            for k, v in _pairs(value):
                if k in ("title", "subtitle"):
                    edits.extend(_year_swapped(text, v, old, year))
        elif key == "year_over_year":
            for k, v in _pairs(value):
                if k == "compare_with" and isinstance(v, yaml.ScalarNode) and source_year < year:
                    edits.append((v, str(source_year)))
        elif key in DATED_TOP and isinstance(value, yaml.ScalarNode):
            edits.append((value, ""))
        elif key in DATED:  # an official document's number and dates are each year's own: left to fill
            edits.extend((v, "") for k, v in _pairs(value) if k == DATED[key] and isinstance(v, yaml.ScalarNode))
    # last year's acknowledgments (a section whose data the printed report lacked, say) are not this year's
    spans = [(n.start_mark.index, n.end_mark.index, new) for n, new in edits] + _accepts(root, text)
    return _splice_spans(_retitle_comments(text, old, year), spans)


def _year_swapped(text: str, node, old: int, year: int) -> list[tuple[yaml.Node, str]]:
    """A title (one text, or its lines as a list) with last year's year made this year's, as written."""
    found = [node] if isinstance(node, yaml.ScalarNode) else [n for n in _items(node) if isinstance(n, yaml.ScalarNode)]
    return [(n, _swap_year(text[n.start_mark.index:n.end_mark.index], old, year)) for n in found if str(old) in n.value]


def _pairs(node):
    if isinstance(node, yaml.MappingNode):
        for k, v in node.value:
            if isinstance(k, yaml.ScalarNode):
                yield k.value, v


def _items(node):
    return node.value if isinstance(node, yaml.SequenceNode) else []


def _stat_values(root) -> list[yaml.Node]:
    found: list[yaml.Node] = []

    def walk(item):
        for key, value in _pairs(item):
            if key == "value" and isinstance(value, yaml.ScalarNode):
                found.append(value)
            elif key in ("parts", "of_which", "details"):
                for child in _items(value):
                    walk(child)

    for key, value in _pairs(root):
        if key == "items":
            for item in _items(value):
                walk(item)
    return found


def _activity_counts(root) -> list[yaml.Node]:
    found: list[yaml.Node] = []
    for key, value in _pairs(root):
        if key == "rows":
            for row in _items(value):
                # only the row's own counts: `statistics: {sessions: …}` below it are links, kept as they are
                found += [v for k, v in _pairs(row)
                          if k in ("sessions", "attendance") and isinstance(v, yaml.ScalarNode)]
        elif key == "total":  # the 合计 the report gives
            found += [v for k, v in _pairs(value) if k in ("sessions", "attendance") and isinstance(v, yaml.ScalarNode)]
    return found


def _staff_counts(root) -> list[yaml.Node]:
    found: list[yaml.Node] = []
    for dist in _items(root):
        for key, value in _pairs(dist):
            if key == "groups":
                for group in _items(value):
                    found += [v for k, v in _pairs(group) if k == "count" and isinstance(v, yaml.ScalarNode)]
    return found


def _table(path: Path, old: int, year: int) -> str:
    """A table section's file with its rows taken out (a block list goes with the lines it stands on), the totals
    it printed emptied (this year's are still to fill) and its `accept:` entries left out, as in other files."""
    text = _retitle_comments(_read(path), old, year)
    root = _compose(text, path)
    spans: list[tuple[int, int, str]] = []
    rows = None
    for key, value in _pairs(root):
        if key == "rows" and isinstance(value, yaml.SequenceNode):
            rows = value
            start = value.start_mark.index if value.flow_style else text.rfind("\n", 0, value.start_mark.index) + 1
            spans.append((start, value.end_mark.index, "[]" if value.flow_style else ""))
        elif key == "total" and isinstance(value, yaml.MappingNode):
            spans += [(v.start_mark.index, v.end_mark.index, "") for name, v in _pairs(value)
                      if name not in ("label", "accept") and isinstance(v, yaml.ScalarNode)]
        elif key == "caption":  # 2023 年总分馆服务情况 names its year as the title does
            spans += [(n.start_mark.index, n.end_mark.index, new) for n, new in _year_swapped(text, value, old, year)]
    inside = (lambda span: rows.start_mark.index <= span[0] < rows.end_mark.index) if rows is not None \
        else (lambda span: False)
    spans += [span for span in _accepts(root, text) if not inside(span)]
    return _splice_spans(text, spans)


def _blank(path: Path, find, old: int, year: int, left_out: tuple[str, ...] = ("accept",)) -> tuple[str, int]:
    text = _read(path)
    root = _compose(text, path)
    nodes = find(root) if root is not None else []
    spans = [(n.start_mark.index, n.end_mark.index, "") for n in nodes] + _accepts(root, text, left_out)
    return _splice_spans(_retitle_comments(text, old, year), spans), len(nodes)


def _accepts(node, text: str, keys: tuple[str, ...] = ("accept",)) -> list[tuple[int, int, str]]:
    """The `accept:` entries of every mapping (and any other `keys`), to leave out: they acknowledge last year's
    printed slips."""
    out: list[tuple[int, int, str]] = []
    if isinstance(node, yaml.SequenceNode):
        for child in node.value:
            out += _accepts(child, text, keys)
    if not isinstance(node, yaml.MappingNode):
        return out
    pairs = node.value
    for k, (key, value) in enumerate(pairs):
        if not (isinstance(key, yaml.ScalarNode) and key.value in keys):
            out += _accepts(value, text, keys)
            continue
        start, end = key.start_mark.index, value.end_mark.index
        if node.flow_style:  # {name: 藏量, value: 1, accept: {…}}: the pair and the comma before it (or after it)
            if k > 0:
                start = text.rindex(",", 0, start)
            elif k + 1 < len(pairs):
                end = pairs[k + 1][0].start_mark.index
        else:  # a line of its own (and the lines of its value)
            start = text.rfind("\n", 0, start) + 1
            newline = text.find("\n", end - 1 if text[end - 1:end] == "\n" else end)
            end = len(text) if newline < 0 else newline + 1
        out.append((start, end, ""))
    return out


def _empty_list(section: m.Section, text: str, old: int, year: int) -> str:
    """No entries; the file's opening comments (year changed) and one example entry, commented out."""
    head = _leading_comments(text)
    head = [_swap_year(line, old, year) for line in head] or [f"# {section.label} — {year}"]
    example = EXAMPLES[section.kind].format(year=year)
    root = _compose(text, section.file) if text.strip() else None
    dates = dict(_pairs(root)).get("dates") if isinstance(root, yaml.MappingNode) else None
    if isinstance(dates, yaml.ScalarNode):  # the report's way of printing dates is kept for the new year
        return "\n".join(head + [f"dates: {dates.value}", "rows:", "  # 每条一项，例如：", "  # " + example, ""])
    return "\n".join(head + ["# 每条一项，例如：", "# " + example, ""])


def carry_summary(text: str) -> str:
    """Last year's summary, whole: its headings, paragraphs and every expression quoting data, which this year's
    figures fill in. What last year's writers marked as meant to stay literal (`{{ '第十届' | literal }}`) is
    printed text again: the mark reviewed last year's figure, and this year's is to be reviewed anew."""
    from libreport.prose.markdown import expression_spans

    out, at = [], 0
    for start, end in expression_spans(text):
        m = _LITERAL_MARK.match(text, start, end)
        if m is not None and m.end() == end:
            out += [text[at:start], m["text"]]
            at = end
            continue
        computed = _computed_change(text[start:end])
        if computed is not None:
            out += [text[at:start], computed]
            at = end
    return "".join(out) + text[at:]


_CHANGE_SHOWN = re.compile(r"\{\{-?\s*change\(\s*(?P<q>['\"])(?P<name>[^'\"]+)(?P=q)\s*(?:,\s*\d+\s*)?\)\s*\|\s*"
                           r"shown\(\s*(?P<p>['\"])(?P<printed>[^'\"]+)(?P=p)\s*(?:,\s*accept\s*=\s*(['\"])[^'\"]*\5\s*)?\)"
                           r"\s*-?\}\}$")


def _computed_change(expression: str) -> str | None:
    """Last year's printed change, kept and checked as printed (`{{ change('接待读者') | shown('增长 32.6%') }}`), as
    this year's computed one worded the same way (`{{ change('接待读者').rate }}`): same places, same direction word
    where it is the one libreport prints (增长/下降 for a percentage, 增加/减少 for a difference), else the word
    kept before it as text, which validate checks against the direction of this year's change."""
    from libreport.compute.change import DOWN, UP

    m = _CHANGE_SHOWN.match(expression)
    if m is None:
        return None
    printed = m["printed"].strip()
    word = next((w for w in sorted(UP + DOWN, key=len, reverse=True) if printed.startswith(w)), None)
    rest = printed[len(word):].strip() if word else printed
    number = re.sub(r"^[^0-9]*", "", rest.rstrip("%％ "))
    if not number or not number[0].isdigit():
        return None  # not a figure libreport can word (a rough size): left as written, and named by validate
    percent = rest.endswith(("%", "％"))
    places = len(number.split(".")[1]) if percent and "." in number else 0
    call = f"change({m['q']}{m['name']}{m['q']}" + (f", {places}" if percent and places != 1 else "") + ")"
    with_word = word in (("增长", "下降") if percent else ("增加", "减少"))
    attr = ("rate" if with_word else "percent") if percent else ("by" if with_word else "difference")
    grouped = " | num" if not percent and "," in number else ""
    before = word if word and not with_word else ""
    return before + "{{ " + call + "." + attr + grouped + " }}"


_LITERAL_MARK = re.compile(r"\{\{-?\s*(?P<q>['\"])(?P<text>[^'\"\n{}]*)(?P=q)\s*\|\s*literal\b(?:\([^)]*\))?\s*-?\}\}")


def _pictures(text: str, summary: Path, source: Path) -> dict[Path, Path]:
    """The pictures the summary prints that lie in the year folder, by their path in it: the draft prints them
    as last year did until they are replaced."""
    out: dict[Path, Path] = {}
    for block in parse_blocks(text):
        if block.kind != "picture" or block.picture is None:
            continue
        file = (summary.parent / block.picture.src).resolve()
        try:
            rel = file.relative_to(source.resolve())
        except ValueError:
            continue  # outside the year folder: validate says so; nothing of it is copied
        if file.is_file() and not file.is_symlink():
            out[rel] = file
    return out


# -- text surgery -----------------------------------------------------------------

def _swap_year(text: str, old: int, year: int) -> str:
    return re.sub(rf"(?<!\d){old}(?!\d)", str(year), text)


def _leading_comments(text: str) -> list[str]:
    lines = []
    for line in text.split("\n"):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        if line.strip():
            lines.append(line)
    return lines


def _retitle_comments(text: str, old: int, year: int) -> str:
    """The year in the comment lines a file opens with (`# 综合统计 — 2021`); same length, so marks stay valid."""
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip() and not line.lstrip().startswith("#"):
            break
        lines[i] = _swap_year(line, old, year)
    return "\n".join(lines)


def _splice_spans(text: str, spans: list[tuple[int, int, str]]) -> str:
    out, pos = [], 0
    for start, end, new in sorted(spans):
        if not new and (end == len(text) or text[end] == "\n"):
            while start > pos and text[start - 1] == " ":
                start -= 1
        out.append(text[pos:start])
        out.append(new)
        pos = end
    out.append(text[pos:])
    return "".join(out)


# -- writing -----------------------------------------------------------------------

def _write_all(target: Path, files: dict[Path, str], pictures: dict[Path, Path]) -> None:
    import shutil

    from libreport.write import new_folder, write_texts

    try:
        with new_folder(target) as tmp:
            write_texts(tmp, {rel: text if text.endswith("\n") else text + "\n" for rel, text in files.items()})
            for rel, file in pictures.items():
                (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(file, tmp / rel)
    except FileExistsError:  # made by someone else meanwhile: still never overwrite
        raise ScaffoldError(t("new_exists", folder=shown_path(target))) from None


