"""The section files of a year (awards, coverage, statistics, …): from YAML nodes to the typed model.

Every reader returns the best model it can and records a diagnostic for each
misfit, so one run of `validate` reports everything at once.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import yaml

from libreport import model as m
from libreport.dates import DateError, parse_award_date, parse_day, parse_span
from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both
from libreport.sources.reader import Reader
from libreport.sources.report import load_report
from libreport.sources.text import MAX_PROSE_BYTES, prose_printable, read_text
from libreport.sources.yamlfile import load_yaml

AWARD_KEYS = ("name", "by", "date", "shown", "tasks")
COVERAGE_FIELDS = ("date", "outlet", "title")  # section (版面) may be left out: a report may print none
COVERAGE_KEYS = ("date", "outlet", "section", "title", "shown", "tasks")
DATE_STYLES = ("template", "as-written")  # awards.yaml, coverage.yaml `dates:`
STAT_KEYS = ("name", "unit", "value", "approx", "note", "ratio", "change", "id", "parts", "parts_label", "of_which",
             "of_which_label", "details", "label", "last_year", "names")
RATIO_KEYS = ("part", "whole")
CHANGE_KEYS = ("new", "old")
ACTIVITY_KEYS = ("rounding", "rows", "total", "note", "thousands")
ACTIVITY_COLUMNS = ("sessions", "attendance")
ACTIVITY_ROW_KEYS = ("type", "sessions", "attendance", "statistics", "tasks")
EVENT_KEYS = ("date", "text", "shown", "tasks")
STAFF_KEYS = ("name", "groups", "note", "thousands")
LIST_FILE_KEYS = ("rows", "note", "dates")  # awards.yaml, coverage.yaml written as a mapping (a note, a date style)
STAFF_GROUP_KEYS = ("label", "count")
ROUNDINGS = ("half-up", "largest-remainder")
TOTAL = Both("total", "合计")
_COLUMNS = {"sessions": Both("sessions", "场次"), "attendance": Both("attendance", "人次")}


# -- section files -----------------------------------------------------------

def load_section(section: m.Section, year: int, diags: Diagnostics):
    if section.kind == "plan":  # the project's plan, with the year's entries that serve it: once the year is read
        return None
    from libreport.sources.text import not_a_file

    if not_a_file(section.file, diags):  # a folder, a link to nothing: said as what it is, at its own name
        return None
    if not section.file.exists():
        if section.kind == "staff":  # 人员结构 is printed once its data exists; until then it is still to fill
            diags.warning("to-fill", section.mark, file=section.file, section=section.title or "",
                          variant="missing" if section.title else "missing-untitled")
            return None
        _missing(diags, section)
        return None
    if section.kind == "summary":
        src = read_text(section.file, diags, MAX_PROSE_BYTES)
        if src is None:
            return None
        if not src.text.strip():
            diags.warning("to-fill", Mark(section.file, 1, 1), file=section.file, section=section.title or "",
                          variant="empty-summary" if section.title else "empty-summary-untitled")
        from libreport.prose.punctuation import check_punctuation
        from libreport.prose.summary import check_placeholders
        if not prose_printable(src, diags):
            return None
        summary = m.Summary(section.file, src.text)
        check_placeholders(summary, section.title, diags)
        check_punctuation(summary, diags)
        return summary
    root = load_yaml(section.file, diags, lambda mark: _empty_file(section, mark, diags))
    r = Reader(section.file, diags)
    if section.kind == "table":  # a sheet it names must lie in the year folder, where report.yaml is
        from libreport.sources.table import load_table

        return load_table(root, r, year, section.mark.file.parent)
    if root is None:
        return _EMPTY[section.kind](section.file, r)
    return _LOADERS[section.kind](root, r, year)


def _missing(diags: Diagnostics, section: m.Section) -> None:
    """A listed section's file that does not exist; a section without a title is named by its file alone."""
    diags.error("missing-file", section.mark, file=section.file, section=section.title or "",
                variant="section" if section.title else "untitled")


def _nothing_in(data) -> bool:
    if isinstance(data, m.Statistics):  # group rows with nothing under them print nothing either
        return all(item.prints_nothing for item in data.items)
    if isinstance(data, m.Activities):
        return not data.rows
    if isinstance(data, list):
        return not data
    return data is None or (hasattr(data, "rows") and not data.rows)


def prints_nothing(section: m.Section) -> bool:
    """A listed section with nothing to print yet (no data file, no rows, a summary with no text): it is left
    out of the report, its heading and its TOC entry with it, and `validate` lists it as still to fill."""
    if section.kind == "summary":  # its blocks are rendered once the year is checked; no file read, nothing
        return not isinstance(section.data, m.Summary) or not section.data.blocks
    return _nothing_in(section.data)


def _empty_file(section: m.Section, mark: Mark, diags: Diagnostics) -> None:
    """A file with nothing in it. Without statistics or activities the report cannot be made; a list with
    nothing in it yet is a section still to fill, as `libreport new` leaves it (said in `load_year`)."""
    if section.kind == "statistics":
        diags.error("empty-file", mark, file=section.file, variant="statistics")
    elif section.kind == "activities":
        diags.error("empty-file", mark, file=section.file, variant="activities")


def _list_of(root, r: Reader, build, path: str = ""):
    out = []
    for i, node in enumerate(r.sequence(root, path) or []):
        item = build(node, f"{path}[{i + 1}]")
        if item is not None:
            out.append(item)
    return out


def _table_list(root, r: Reader, build) -> m.Entries:
    """A file of table rows: the list itself, or `{rows: [...], note: 注：…}` when the report prints a note under
    the table."""
    if not isinstance(root, yaml.MappingNode):
        return m.Entries(_list_of(root, r, build))
    f = r.mapping(root, "", LIST_FILE_KEYS, ("rows",)) or {}
    entries = m.Entries(_list_of(f["rows"][1], r, build, "rows") if "rows" in f else [])
    entries.note = _note(r, f)
    if "dates" in f:  # as-written: each date printed as its `date:` is written, not worded by the template
        style = r.text(f["dates"][1], "dates")
        if style in DATE_STYLES:
            entries.dates = style
        elif style is not None:
            r.diags.error("type", r.mark(f["dates"][1]), "dates", what="dates", expected=" / ".join(DATE_STYLES),
                          found=repr(style))
    return entries


def _shown(r: Reader, f: dict, path: str) -> str | None:
    """`shown:`, the date as the report prints it, beside the `date:` that is checked."""
    if "shown" not in f:
        return None
    if "date" not in f:
        r.diags.error("missing-key", r.mark(f["shown"][0]), f"{path}.date", where=path, variant="shown")
    return r.text(f["shown"][1], f"{path}.shown")


def _tasks(r: Reader, f: dict, path: str) -> list[m.TaskRef]:
    """`tasks:`, the plan's tasks an entry serves (checked against the plan once the year is read)."""
    if "tasks" not in f:
        return []
    from libreport.sources.plan import read_tasks

    return read_tasks(r, f["tasks"][1], f"{path}.tasks")


def _note(r: Reader, f: dict) -> str | None:
    """`note:`, the 注 a report prints under a table."""
    return r.text(f["note"][1], "note") if "note" in f else None


def _date_field(r: Reader, node: yaml.Node, path: str, parse, forms: str, **args):
    """A date read with `parse`; `forms` names the forms the field accepts (span, day, award), for the message."""
    text = r.text(node, path)
    if text is None:
        return None
    try:
        return parse(text)
    except DateError as exc:
        if exc.kind == "form":
            r.diags.error("bad-date", r.mark(node), path, text=text, variant=forms, **args)
        elif exc.kind == "impossible":
            r.diags.error("impossible-date", r.mark(node), path, text=text)
        else:
            r.diags.error("reversed-range", r.mark(node), path, text=text)
        return None


def _awards(root, r: Reader, year: int) -> list[m.Award]:
    def build(node, path):
        f = r.mapping(node, path, AWARD_KEYS, ("name",))
        if f is None:
            return None
        name = r.text(f["name"][1], f"{path}.name") if "name" in f else None
        bodies = r.text_list(f["by"][1], f"{path}.by") if "by" in f else []  # no issuer printed: none given
        when = None
        if "date" in f:  # the report may give no date; the table then prints none
            when = _date_field(r, f["date"][1], f"{path}.date", lambda t: parse_award_date(t, year), "award",
                               year=year)
            if when is None:
                return None
        shown = _shown(r, f, path)
        if name is None or bodies is None:
            return None
        return m.Award(name, bodies, when[0] if when else None, r.mark(node),
                       r.mark(f["date"][1]) if "date" in f else None, precision=when[1] if when else "month",
                       date_text=r.text(f["date"][1], f"{path}.date") or "" if "date" in f else "",
                       shown=shown if when else None, tasks=_tasks(r, f, path))
    return _table_list(root, r, build)


def _coverage(root, r: Reader, year: int) -> list[m.Coverage]:
    def build(node, path):
        f = r.mapping(node, path, COVERAGE_KEYS, COVERAGE_FIELDS)
        if f is None:
            return None
        when = _date_field(r, f["date"][1], f"{path}.date", parse_day, "day") if "date" in f else None
        outlet = r.text(f["outlet"][1], f"{path}.outlet") if "outlet" in f else None
        section = r.text(f["section"][1], f"{path}.section", allow_empty=True) if "section" in f else ""
        title = r.text(f["title"][1], f"{path}.title") if "title" in f else None
        shown = _shown(r, f, path) if "date" in f else None
        if when is None or outlet is None or section is None or title is None:
            return None
        return m.Coverage(when, outlet, section, title, r.mark(node), r.mark(f["date"][1]),
                          r.text(f["date"][1], f"{path}.date") or "", shown, _tasks(r, f, path))
    return _table_list(root, r, build)


def _chronicle(root, r: Reader, year: int) -> list[m.Event]:
    def build(node, path):
        f = r.mapping(node, path, EVENT_KEYS, ("date", "text"))
        if f is None:
            return None
        span = (_date_field(r, f["date"][1], f"{path}.date", lambda t: parse_span(t, year), "span")
                if "date" in f else None)
        text = r.text(f["text"][1], f"{path}.text") if "text" in f else None
        shown = r.text(f["shown"][1], f"{path}.shown") if "shown" in f else None
        if span is None or text is None:
            return None
        return m.Event(span, text, r.mark(node), shown, r.mark(f["date"][1]), _tasks(r, f, path))
    return _list_of(root, r, build)


def _thousands(r: Reader, f: dict, path: str = "") -> bool | None:
    """`thousands: true|false`: a table that groups its figures otherwise than the house style says."""
    if "thousands" not in f:
        return None
    from libreport.sources.figurestyle import read_flag

    return read_flag(r, f["thousands"][1], f"{path}.thousands" if path else "thousands")


def _statistics(root, r: Reader, year: int) -> m.Statistics:
    f = r.mapping(root, "", ("items", "note", "thousands"), ("items",))
    items = []
    if f and "items" in f:
        for i, node in enumerate(r.sequence(f["items"][1], "items") or []):
            item = _stat_item(r, node, f"items[{i + 1}]", "")
            if item is not None:
                items.append(item)
    return m.Statistics(items, r.file, _note(r, f or {}), _thousands(r, f or {}))


def _names(r: Reader, f: dict, path: str) -> list[str] | None:
    """`names: [三禾书院·粤书吧, 爱阅书房]`: what an item counts, each by the name the text prints."""
    if "names" not in f:
        return None
    names = []
    for j, node in enumerate(r.sequence(f["names"][1], f"{path}.names") or []):
        text = r.text(node, f"{path}.names[{j + 1}]")
        if text:
            names.append(text)
    return names


def _counted(r: Reader, f: dict, path: str, name: str, names: list[str], figure):
    """A counted list's figure: as many as it names. A value written beside the names must be their number."""
    from decimal import Decimal

    from libreport.figures import Figure

    if figure is not None and (figure.approx is not None or figure.value != len(names)):
        r.diags.error("count-mismatch", r.mark(f["value"][1]), f"{path}.value", item=name, value=figure.digits,
                      count=len(names))
    return Figure(Decimal(len(names))) if figure is None else figure


def _stat_item(r: Reader, node, path: str, parent: str) -> m.StatItem | None:
    f = r.mapping(node, path, STAT_KEYS, ("name",))
    if f is None or "name" not in f:
        return None
    name = r.text(f["name"][1], f"{path}.name")
    if name is None:
        return None
    unit = None
    if "unit" in f and not r.is_null(f["unit"][1]):
        unit = r.text(f["unit"][1], f"{path}.unit")
    approx = _approx_word(r, f["approx"][1], f"{path}.approx") if "approx" in f else None
    names = _names(r, f, path)
    figure = None
    to_fill = "value" in f and r.is_null(f["value"][1])  # `value:` with nothing after it, as `new` writes it
    if to_fill:
        r.diags.warning("to-fill", r.mark(f["value"][0]), f"{path}.value", what=name)
    elif "value" in f:  # a stated change may be a decrease: -4.9
        figure = r.figure(f["value"][1], f"{path}.value", approx=approx, negative_ok="change" in f)
        if figure is not None and unit is None:
            r.diags.error("missing-key", r.mark(f["value"][1]), f"{path}.unit", where=name, variant="unit")
    if names is not None:
        figure = _counted(r, f, path, name, names, figure)
    item = m.StatItem(name, unit, figure.value if figure is not None else None, r.mark(node),
                      path=f"{parent}/{name}" if parent else name, to_fill=to_fill,
                      value_mark=r.mark(f["value"][1]) if "value" in f else None,
                      digits=figure.digits if figure is not None else "",
                      approx=figure.approx if figure is not None else approx)
    item.names = tuple(names or ())
    if "note" in f:
        item.note = r.text(f["note"][1], f"{path}.note")
    if "ratio" in f:
        item.ratio = _ratio(r, f["ratio"][1], f"{path}.ratio")
    if "change" in f:
        item.change = _change(r, f["change"][1], f"{path}.change")
    if "id" in f:
        item.id = r.text(f["id"][1], f"{path}.id")
    if "last_year" in f and not r.is_null(f["last_year"][1]):  # as last year's report printed it: 近 60, 5000余
        last = r.figure(f["last_year"][1], f"{path}.last_year")
        item.last_year = replace(last, unit=unit) if last is not None else None
    for label_key in ("parts_label", "of_which_label"):
        if label_key in f:
            setattr(item, label_key, r.text(f[label_key][1], f"{path}.{label_key}"))
    if "label" in f:  # `label: ""` prints none where the tree would print one
        item.label = r.text(f["label"][1], f"{path}.label", allow_empty=True)
    empty = []
    for key in ("parts", "of_which", "details"):
        if key in f:
            children = []
            nodes = r.sequence(f[key][1], f"{path}.{key}")
            if nodes == []:
                empty.append(key)
            for j, child in enumerate(nodes or []):
                c = _stat_item(r, child, f"{path}.{key}[{j + 1}]", item.path)
                if c is not None:
                    children.append(c)
            setattr(item, key, children)
    if item.prints_nothing and "value" not in f and not item.children():
        # a group row with nothing under it would print as a heading alone: it waits for its rows
        r.diags.warning("to-fill", r.mark(node), path, file=r.file, item=name, variant="group-row")
    elif not item.prints_nothing or "value" in f:
        for key in empty:  # written, but nothing listed in it yet
            r.diags.warning("to-fill", r.mark(f[key][0]), f"{path}.{key}", file=r.file, item=name, key=key,
                            variant="list")
    return item


def _approx_word(r: Reader, node, path: str) -> str | None:
    from libreport.figures import WORDS, FigureError, check_word

    word = r.text(node, path)
    try:
        check_word(word)
    except FigureError as exc:
        r.diags.error("type", r.mark(node), path, what=path, text=exc.text, words="、".join(WORDS), variant=exc.kind)
        return None
    return word


def _ratio(r: Reader, node, path: str) -> m.Ratio | None:
    f = r.mapping(node, path, RATIO_KEYS, ("part",))
    if f is None or "part" not in f:
        return None
    part = r.text(f["part"][1], f"{path}.part")
    whole = r.text(f["whole"][1], f"{path}.whole") if "whole" in f else None
    return m.Ratio(part, r.mark(node), whole) if part is not None else None


def _change(r: Reader, node, path: str) -> m.StatChange | None:
    f = r.mapping(node, path, CHANGE_KEYS, CHANGE_KEYS)
    if f is None or len(f) < 2:
        return None
    new, old = (r.text(f[key][1], f"{path}.{key}") for key in CHANGE_KEYS)
    return m.StatChange(new, old, r.mark(node)) if new is not None and old is not None else None


def _activities(root, r: Reader, year: int) -> m.Activities:
    f = r.mapping(root, "", ACTIVITY_KEYS, ("rows",)) or {}
    rounding = "half-up"
    if "rounding" in f:
        value = r.text(f["rounding"][1], "rounding")
        if value is not None and value not in ROUNDINGS:
            r.diags.error("type", r.mark(f["rounding"][1]), "rounding", what="rounding",
                          expected=" / ".join(ROUNDINGS), found=repr(value))
        elif value is not None:
            rounding = value
    rows: list[m.ActivityRow] = []
    first: dict[str, m.ActivityRow] = {}
    waiting: list[str] = []  # rows whose counts are still to fill
    if "rows" in f:
        for i, node in enumerate(r.sequence(f["rows"][1], "rows") or []):
            row = _activity_row(r, node, f"rows[{i + 1}]")
            if isinstance(row, str):
                waiting.append(row)
                continue
            if row is None:
                continue
            if row.type in first:  # counted once: a second row would be added into the totals and shares again
                r.diags.error("duplicate-activity", row.mark, f"rows[{i + 1}].type", type=row.type,
                              first=first[row.type].mark.line)
                continue
            first[row.type] = row
            rows.append(row)
    totals: dict[str, tuple] = {}
    totals_to_fill: set[str] = set()
    if "total" in f:
        tf = r.mapping(f["total"][1], "total", ACTIVITY_COLUMNS) or {}
        for col, (k, v) in tf.items():
            if r.is_null(v):  # left empty by `new`
                r.diags.warning("to-fill", r.mark(k), f"total.{col}", type=TOTAL, column=_COLUMNS[col],
                                variant="activity")
                totals_to_fill.add(col)
                continue
            figure = r.figure(v, f"total.{col}", integer=True)
            if figure is not None:
                totals[col] = (figure, r.mark(v))
    total_mark = r.mark(f["total"][1]) if "total" in f and isinstance(f["total"][1], yaml.MappingNode) else None
    return m.Activities(rows, rounding, r.file, r.mark(root), totals, total_mark, _note(r, f), _thousands(r, f),
                        waiting, totals_to_fill)


def _activity_row(r: Reader, node, path: str) -> m.ActivityRow | str | None:
    """One activity type. A count the report does not give is left out (printed —); a count written empty
    (`attendance:`, as `new` leaves it) is still to fill, and the row waits until it is (its type is returned:
    prose quoting it prints the to-fill marker)."""
    rf = r.mapping(node, path, ACTIVITY_ROW_KEYS, ("type",))
    if rf is None:
        return None
    kind = r.text(rf["type"][1], f"{path}.type") if "type" in rf else None
    if not any(col in rf for col in ACTIVITY_COLUMNS):
        r.diags.error("missing-key", r.mark(node), f"{path}.sessions", key="sessions", where=path)
    counts: dict[str, object] = {}
    waiting = False
    for col in ACTIVITY_COLUMNS:
        if col in rf and r.is_null(rf[col][1]):  # left empty by `new`: a row still to fill
            waiting = True
            r.diags.warning("to-fill", r.mark(rf[col][0]), f"{path}.{col}", type=kind,
                            column=_COLUMNS[col], variant="activity")
        elif col in rf:
            counts[col] = r.figure(rf[col][1], f"{path}.{col}", integer=True)
            waiting = waiting or counts[col] is None
    links = {}
    if "statistics" in rf:
        lf = r.mapping(rf["statistics"][1], f"{path}.statistics", ACTIVITY_COLUMNS) or {}
        for col, (_k, v) in lf.items():
            ref = r.text(v, f"{path}.statistics.{col}")
            if ref is not None:
                links[col] = (ref, r.mark(v))
    if kind is not None and waiting and all(v is not None for v in counts.values()):
        return kind  # only empty, not wrong
    if kind is None or waiting or not counts:
        return None
    return m.ActivityRow(kind, counts.get("sessions"), counts.get("attendance"), r.mark(node), links,  # type: ignore[arg-type]
                         _tasks(r, rf, path))


def _staff(root, r: Reader, year: int) -> list[m.StaffDistribution]:
    def build(node, path):
        f = r.mapping(node, path, STAFF_KEYS, ("name", "groups"))
        if f is None or "name" not in f or "groups" not in f:
            return None
        name = r.text(f["name"][1], f"{path}.name")
        groups: list[m.StaffGroup] = []
        labels: dict[str, m.StaffGroup] = {}
        nodes = r.sequence(f["groups"][1], f"{path}.groups")
        if nodes == [] and name:  # its table would be a header alone: left out until it has groups
            r.diags.warning("to-fill", r.mark(f["groups"][0]), f"{path}.groups", file=r.file, item=name,
                            variant="staff")
        for j, g in enumerate(nodes or []):
            gp = f"{path}.groups[{j + 1}]"
            gf = r.mapping(g, gp, STAFF_GROUP_KEYS, STAFF_GROUP_KEYS)
            if gf is None or len(gf) < 2:
                continue
            label = r.text(gf["label"][1], f"{gp}.label")
            if r.is_null(gf["count"][1]):  # left empty by `new`
                r.diags.warning("to-fill", r.mark(gf["count"][0]), f"{gp}.count", group=name, label=label,
                                variant="count")
                continue
            count = r.number(gf["count"][1], f"{gp}.count")
            if label is not None and label in labels:
                r.diags.error("duplicate-group", r.mark(g), f"{gp}.label", label=label, group=name,
                              first=labels[label].mark.line)
            elif label is not None and count is not None:
                labels[label] = m.StaffGroup(label, count, r.mark(g))
                groups.append(labels[label])
        note = r.text(f["note"][1], f"{path}.note") if "note" in f else None
        if not groups:  # nothing to print yet (said above, or at each count still to fill)
            return None
        return m.StaffDistribution(name, groups, r.mark(node), note, _thousands(r, f, path)) if name else None
    return _list_of(root, r, build)


_LOADERS = {
    "awards": _awards,
    "coverage": _coverage,
    "chronicle": _chronicle,
    "statistics": _statistics,
    "activities": _activities,
    "staff": _staff,
}
_EMPTY = {
    "awards": lambda f, r: m.Entries(),
    "coverage": lambda f, r: m.Entries(),
    "chronicle": lambda f, r: [],
    "staff": lambda f, r: [],
    "statistics": lambda f, r: m.Statistics([], f),
    "activities": lambda f, r: m.Activities([], "half-up", f, Mark(f, 1, 1)),
}


def attach_data_only(report: m.Report) -> None:
    """statistics.yaml with no statistics section listed: its figures are read for the summary to quote,
    and no table is printed."""
    file = report.folder / m.DEFAULT_FILES["statistics"]
    if any(True for _ in report.sections("statistics")) or not file.is_file():
        return
    report.data_sections.append(m.Section("statistics", file.name, file, Mark(file, 1, 1)))


def load_year(folder: Path, diags: Diagnostics) -> m.Report | None:
    report = load_report(folder, diags)
    if report is None:
        return None
    attach_data_only(report)
    read_as: dict[Path, str] = {}
    for section in report.sections():
        # A file named by two kinds of section is reported once (section-file, in checks); reading it again
        # with the other kind's schema would only bury that under a cascade of unknown-key errors.
        if read_as.setdefault(section.file.resolve(), section.kind) != section.kind:
            continue
        section.data = load_section(section, report.year, diags)
        listed = not any(section is data for data in report.data_sections)
        if listed and section.kind not in ("summary", "table", "plan") and section.file.is_file() \
                and _nothing_in(section.data) and not diags.any_in(section.file):
            # Printed, it would be a heading over a table header alone; it is left out until it has rows.
            # (A file with rows still to fill, or in error, has its own diagnostics already.)
            diags.warning("to-fill", Mark(section.file, 1, 1), file=section.file, section=section.title or "",
                          variant="section" if section.title else "section-untitled")
    return report
