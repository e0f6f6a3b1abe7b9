"""A `table` section: any table a library keeps (分馆/服务点, 读者结构, 数字资源 …), declared in YAML.

The file names the columns and their kinds; the rows are written in it, or come from a sheet (.xlsx or
.csv) kept beside it. Every cell keeps the mark of where it was written (a YAML line and column, or a
sheet's row and column), so a diagnostic points at the cell and an `accept:` on a row acknowledges it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import yaml

from libreport import model as m
from libreport.characters import unprintable
from libreport.diagnostics import Diagnostics, Mark
from libreport.figures import Figure
from libreport.messages import Both, listing
from libreport.numbers import NumberFormatError, parse_number
from libreport.sources.reader import Reader, describe, not_a_figure, not_a_number

TABLE_KEYS = ("caption", "style", "number", "columns", "rows", "from", "sheet", "total", "rounding", "note",
              "repeat_header", "chart")
COLUMN_KEYS = ("name", "type", "unit", "of", "align", "width", "total", "places", "heading", "group", "thousands")
FIGURE_KEYS = ("value", "approx", "note")  # a number cell written out: {value: 28.6, approx: 近, note: 含分馆}
TYPES = ("text", "number", "date", "percent", "share", "change")
PERCENT_UNITS = ("%", "％")  # the unit a share, percent or change column prints in its heading, not its cells
CHANGE_PLACES = 1  # decimals of a change the table computes, unless `places:` says otherwise
PERCENT_PLACES = 1  # decimals of a percentage the table computes from two columns, unless `places:` says otherwise
# printed where the report gives no figure (a new indicator has no last year's value): kept as written, never
# computed with, and no value still to fill
NOT_GIVEN = ("—", "——", "－", "-", "–", "−", "/", "／")
STYLES = ("grid", "three-line")
ALIGNS = ("left", "center", "right")
ROUNDINGS = ("half-up", "largest-remainder")
TOTAL_LABELS = ("合计", "总计")  # a sheet's own total row, recognised in its first column
HEADER_SCAN = 30  # rows searched for a sheet's header row
SHEET_SUFFIXES = (".xlsx", ".xlsm", ".csv", ".tsv", ".txt")  # a cell read from one is named by its row and column


@dataclass
class Column:
    name: str
    type: str  # one of TYPES
    mark: Mark
    unit: str | None = None  # number columns: printed in the heading (接待读者（万人次）)
    of: str | None = None  # share columns: the number column whose shares they are
    # change columns: (this year's column, the column compared with); percent columns: (the part, the whole)
    pair: tuple[str, str] | None = None
    align: str | None = None
    width: float | None = None  # relative width; None: from the content
    total: bool = True  # a number column is summed in the total row unless `total: false`
    places: int = 2  # share, change and percent columns: decimals of a computed value
    heading: str | None = None  # printed instead of the name (two columns may both print 比例)
    group: str | None = None  # a heading over this and the next columns of the same group (a two-row header)
    thousands: bool | None = None  # number columns: grouped (1,236) or not (1236); None: the house style's

    @property
    def printed(self) -> str:
        return self.heading or self.name

    @property
    def bare(self) -> bool:
        """A share, percent or change column whose heading carries the % (占比（%）): its cells print without it."""
        return self.type in ("share", "percent", "change") and self.unit is not None


@dataclass
class Cell:
    text: str  # as printed
    mark: Mark
    value: Decimal | None = None  # number and percent cells
    figure: Figure | None = None  # number cells: the figure as printed (approximation word, note)
    day: date | None = None  # a date read from a spreadsheet's date cell, printed with the template's form
    change: str | None = None  # change cells: "percent" (+12.5%) or "difference" (+2), as printed
    places: int = 0  # change cells: the decimals printed, which say how precisely the change is given
    dash: bool = False  # printed — : the report gives no figure here (not one still to fill)


@dataclass
class Row:
    cells: dict[str, Cell]  # by column name; a column left empty has no cell
    mark: Mark
    tasks: list[m.TaskRef] = field(default_factory=list)  # the plan's tasks it serves (`tasks:` in a YAML row)


@dataclass
class Total:
    label: str
    given: dict[str, Cell] = field(default_factory=dict)  # totals the report prints, checked against the sum
    mark: Mark | None = None
    entry: bool = False  # written as a mapping in the table's file, which may hold an `accept:`


@dataclass
class TableData:
    columns: list[Column]
    rows: list[Row]
    file: Path
    mark: Mark
    caption: str | None = None
    number: bool = False  # a 序号 column before the first
    style: str = "grid"
    total: Total | None = None
    rounding: str = "half-up"
    note: str | None = None
    repeat_header: bool = True  # the header row printed again at the top of each page the table runs on to
    charts: list = field(default_factory=list)  # sources.tablechart.ChartSpec: charts printed after the table

    def column(self, name: str) -> Column | None:
        return next((c for c in self.columns if c.name == name), None)


def load_table(root: yaml.Node | None, r: Reader, year: int, folder: Path) -> TableData:
    table = TableData([], [], r.file, Mark(r.file, 1, 1))
    if root is None:
        return table
    f = r.mapping(root, "", TABLE_KEYS, ("columns",))
    if f is None:
        return table
    table.mark = r.mark(root)
    if "caption" in f:
        table.caption = r.text(f["caption"][1], "caption")
    if "note" in f:
        table.note = r.text(f["note"][1], "note")
    if "number" in f:
        table.number = _flag(r, f["number"][1], "number")
    table.style = _choice(r, f, "style", STYLES) or table.style
    table.rounding = _choice(r, f, "rounding", ROUNDINGS) or table.rounding
    if "repeat_header" in f:
        table.repeat_header = _flag(r, f["repeat_header"][1], "repeat_header")
    if "columns" in f:
        table.columns = _columns(r, f["columns"][1])
    if "chart" in f:
        from libreport.sources.tablechart import read_charts

        table.charts = read_charts(r, f["chart"][1], table.columns)
    if "total" in f:
        table.total = _total(r, f["total"][1], table, year)
    if "rows" in f and "from" in f:
        r.diags.error("table-rows", r.mark(f["from"][0]), "from", variant="both")
    elif "rows" in f:
        for i, node in enumerate(r.sequence(f["rows"][1], "rows") or []):
            row = _yaml_row(r, node, f"rows[{i + 1}]", table, year)
            if row is not None:
                table.rows.append(row)
    elif "from" in f:
        sheet = r.text(f["sheet"][1], "sheet") if "sheet" in f else None
        if not _sheet_rows(r, f["from"][1], sheet, table, year, folder):
            return table  # the sheet could not be read: said so, no to-do besides
    if not table.rows and table.columns:
        r.diags.warning("to-fill", table.mark, "rows", file=r.file, variant="table")
    return table


# -- declarations -----------------------------------------------------------------------------------

def _flag(r: Reader, node: yaml.Node, path: str) -> bool:
    value = r.text(node, path)
    if value in ("true", "yes", "True", "Yes", "是"):
        return True
    if value not in ("false", "no", "False", "No", "否", None):
        r.diags.error("type", r.mark(node), path, what=path, expected=Both("true or false", "true 或 false"),
                      found=repr(value))
    return False


def _choice(r: Reader, f: dict, key: str, allowed: tuple[str, ...], path: str = "") -> str | None:
    if key not in f:
        return None
    where = f"{path}.{key}" if path else key
    value = r.text(f[key][1], where)
    if value is not None and value not in allowed:
        r.diags.error("type", r.mark(f[key][1]), where, what=where, expected=" / ".join(allowed), found=repr(value))
        return None
    return value


def _columns(r: Reader, node: yaml.Node) -> list[Column]:
    columns: list[Column] = []
    nodes = r.sequence(node, "columns") or []
    if not nodes:
        r.diags.error("empty", r.mark(node), "columns", what="columns")
    for i, cnode in enumerate(nodes):
        path = f"columns[{i + 1}]"
        if isinstance(cnode, yaml.ScalarNode):  # `- 分馆`: a text column
            name = r.text(cnode, path)
            if name is not None:
                columns.append(Column(name, "text", r.mark(cnode)))
            continue
        cf = r.mapping(cnode, path, COLUMN_KEYS, ("name",))
        if cf is None or "name" not in cf:
            continue
        name = r.text(cf["name"][1], f"{path}.name")
        if name is None:
            continue
        if any(c.name == name for c in columns):
            first = next(c for c in columns if c.name == name)
            r.diags.error("table-column", r.mark(cf["name"][1]), f"{path}.name", name=name, first=first.mark.line,
                          variant="twice")
            continue
        column = Column(name, _choice(r, cf, "type", TYPES, path) or "text", r.mark(cnode))
        if "unit" in cf:
            column.unit = r.text(cf["unit"][1], f"{path}.unit")
        column.align = _choice(r, cf, "align", ALIGNS, path)
        if "width" in cf:
            width = r.number(cf["width"][1], f"{path}.width", integer=False)
            column.width = float(width) if width else None
        if "total" in cf:
            column.total = _flag(r, cf["total"][1], f"{path}.total")
        if "places" in cf:
            places = r.number(cf["places"][1], f"{path}.places")
            column.places = int(places) if places is not None and places <= 6 else column.places
        for key in ("heading", "group"):
            if key in cf:
                setattr(column, key, r.text(cf[key][1], f"{path}.{key}"))
        if "thousands" in cf:  # this column's figures grouped or not, whatever the house style says
            from libreport.sources.figurestyle import read_flag

            column.thousands = read_flag(r, cf["thousands"][1], f"{path}.thousands")
            if column.type != "number":
                r.diags.error("table-column", r.mark(cf["thousands"][0]), f"{path}.thousands", name=name,
                              variant="thousands")
        if column.type == "share":
            _share_of(r, cf, column, columns, path)
        elif column.type == "change":
            _pair_of(r, cf, column, columns, path)
            if "places" not in cf:
                column.places = CHANGE_PLACES
        elif column.type == "percent":
            if "of" in cf:  # a percentage the report computes from two columns: checked, or computed
                _pair_of(r, cf, column, columns, path)
            if "places" not in cf:
                column.places = PERCENT_PLACES
        elif "of" in cf:
            r.diags.error("table-column", r.mark(cf["of"][0]), f"{path}.of", name=name, type=column.type,
                          variant="of-not-share")
        if column.unit is not None and column.type in ("share", "percent", "change"):
            if column.unit not in PERCENT_UNITS:
                r.diags.error("table-column", r.mark(cf["unit"][1]), f"{path}.unit", name=name, unit=column.unit,
                              variant="percent-unit")
                column.unit = None
        elif column.unit is not None and column.type != "number":
            r.diags.error("table-column", r.mark(cf["unit"][0]), f"{path}.unit", name=name, variant="unit")
        columns.append(column)
    return columns


def _share_of(r: Reader, cf: dict, column: Column, columns: list[Column], path: str) -> None:
    if "of" not in cf:
        r.diags.error("missing-key", r.mark(cf["name"][1]), f"{path}.of", key="of", where=column.name)
        return
    if not isinstance(cf["of"][1], yaml.ScalarNode):  # of: [a, b] is a percentage of one column over another
        r.diags.error("table-column", r.mark(cf["of"][1]), f"{path}.of", name=column.name, variant="share-of-list")
        return
    column.of = r.text(cf["of"][1], f"{path}.of")
    if column.of is None:
        return
    target = next((c for c in columns if c.name == column.of), None)
    if target is None or target.type != "number":
        numbers = listing(c.name for c in columns if c.type == "number") or "—"
        r.diags.error("table-column", r.mark(cf["of"][1]), f"{path}.of", name=column.name, of=column.of,
                      numbers=numbers, variant="of")
        column.of = None


def _pair_of(r: Reader, cf: dict, column: Column, columns: list[Column], path: str) -> None:
    """The two columns, declared before, a column is computed from: a change's `of: [2023年, 2022年]` (this
    year's, then the one compared with; number or percent columns), a percentage's `of: [完成数, 全年目标]`
    (the part, then the whole; number columns)."""
    if "of" not in cf:
        r.diags.error("missing-key", r.mark(cf["name"][1]), f"{path}.of", key="of", where=column.name)
        return
    node = cf["of"][1]
    names = r.text_list(node, f"{path}.of") if isinstance(node, yaml.SequenceNode) else None
    change = column.type == "change"
    numbers = [c.name for c in columns if c.type == "number" or (change and c.type == "percent")]
    if names is None or len(names) != 2 or any(n not in numbers for n in names) or names[0] == names[1]:
        r.diags.error("table-column", r.mark(node), f"{path}.of", name=column.name,
                      numbers=listing(numbers) or "—", variant="change-of" if change else "percent-of")
        return
    column.pair = (names[0], names[1])


# -- cells --------------------------------------------------------------------------------------------

def _cell(r: Reader, node: yaml.Node, path: str, column: Column, year: int) -> Cell | None:
    """One cell written in YAML; None when empty or wrong (a wrong one is reported)."""
    mark = r.mark(node)
    if isinstance(node, yaml.MappingNode) and column.type == "number":  # {value: 28.6, approx: 近, note: 含分馆}
        f = r.mapping(node, path, FIGURE_KEYS, ("value",))
        if f is None or "value" not in f or not isinstance(f["value"][1], yaml.ScalarNode):
            return None
        value = f["value"][1]
        if r.is_null(value) or value.value.strip() in NOT_GIVEN:  # {value: ~} is to fill, as ~ is; — gives none
            return cell_of(r.diags, "" if r.is_null(value) else value.value, r.mark(value), f"{path}.value", column,
                           year)
        approx = r.text(f["approx"][1], f"{path}.approx") if "approx" in f else None
        note = r.text(f["note"][1], f"{path}.note") if "note" in f else None
        return _number_cell(r.diags, value.value, r.mark(value), f"{path}.value", approx, note, column.unit)
    if isinstance(node, yaml.MappingNode) and column.type in ("change", "percent"):  # {value: +5.8%, accept: {…}}
        f = r.mapping(node, path, ("value",), ("value",))
        if f is None or "value" not in f:
            return None
        node = f["value"][1]
        mark = r.mark(node)
        path = f"{path}.value"
    if not isinstance(node, yaml.ScalarNode):
        r.diags.error("type", mark, path, what=path, expected=_EXPECTED[column.type], found=describe(node))
        return None
    return cell_of(r.diags, "" if r.is_null(node) else node.value, mark, path, column, year)


_EXPECTED = {"text": Both("text", "文字"),
             "number": Both("a number (— where the report gives none)", "数字（报告未给出的写 —）"),
             "date": Both("a date", "日期"),
             "percent": Both("a percentage (98.5% or 98.5; — where the report gives none)",
                             "百分数（98.5% 或 98.5；报告未给出的写 —）"),
             "share": Both("nothing (shares are computed)", "空（比例自动计算）"),
             "change": Both("a change as printed (+12.5%, -3.2%, +2) or nothing (computed)",
                            "照印的增减（+12.5%、-3.2%、+2），或不写（自动计算）")}


def cell_of(diags: Diagnostics, raw: str, mark: Mark, path: str, column: Column, year: int) -> Cell | None:
    """A cell from its text, wherever it was written (YAML, a sheet): checked as its column's kind says."""
    text = raw.strip()
    bad = unprintable(text)
    if bad is not None:  # a YAML escape, a sheet's cell: checked like every text bound for the document
        diags.error("bad-character", mark, path, what=path, char=bad,
                    variant="sheet" if mark.file.suffix.lower() in SHEET_SUFFIXES else None)
        return None
    if not text:
        if column.type == "number":
            diags.warning("to-fill", mark, path, what=f"{column.name} {path}")
        return None
    if column.type == "share":
        diags.error("table-cell", mark, path, column=column.name, variant="share")
        return None
    if column.type in ("number", "percent") and text in NOT_GIVEN:
        return Cell(text, mark, dash=True)
    if column.type == "number":
        return _number_cell(diags, text, mark, path, unit=column.unit)
    if column.type == "percent":
        return _percent_cell(diags, text, mark, path, column.bare)
    if column.type == "change":
        return _change_cell(diags, text, mark, path, column.bare)
    if column.type == "date":
        _check_date(diags, text, mark, path, year)
    return Cell(text, mark)


def _number_cell(diags: Diagnostics, text: str, mark: Mark, path: str, approx: str | None = None,
                 note: str | None = None, unit: str | None = None) -> Cell | None:
    """A figure as printed: digits, an approximation word (近 28.6, 5000 余), a scope note (含分馆)."""
    from libreport.figures import FigureError, parse_figure

    try:
        figure = parse_figure(text, unit=unit, approx=approx, note=note)
    except FigureError as exc:
        not_a_figure(diags, exc, mark, path, text, _EXPECTED["number"])
        return None
    printed = figure.cell() + (f"（{note}）" if note else "")
    return Cell(printed, mark, figure.value, figure)


def _percent_cell(diags: Diagnostics, text: str, mark: Mark, path: str, bare: bool = False) -> Cell | None:
    """A stated percentage: 98.5% or 98.5; printed with the digits written, and the % sign unless the heading
    carries it."""
    digits = text[:-1].strip() if text.endswith(PERCENT_UNITS) else text
    try:
        value, _ = parse_number(digits)
    except NumberFormatError as exc:
        not_a_number(diags, exc, mark, path, text, _EXPECTED["percent"])
        return None
    return Cell(digits if bare else f"{digits}%", mark, value)


_SIGNS = {"+": "+", "＋": "+", "-": "-", "−": "-", "－": "-", "–": "-"}
NO_CHANGE = NOT_GIVEN  # printed where no change can be given (nothing to compare with)


def _change_cell(diags: Diagnostics, text: str, mark: Mark, path: str, bare: bool = False) -> Cell | None:
    """A printed change, kept as printed and checked against its two columns: +12.5% (a percentage change;
    a bare +12.5 too when the heading carries the %), +2 (a difference), or — where there is none."""
    from libreport.numbers import TooManyDigits

    if text in NO_CHANGE:
        return Cell(text, mark)
    sign = _SIGNS.get(text[0], "")
    digits = text[1:].strip() if sign else text
    percent = digits.endswith(PERCENT_UNITS)
    digits = digits[:-1].strip() if percent else digits
    try:
        value, _ = parse_number(digits)
    except TooManyDigits as exc:
        not_a_number(diags, exc, mark, path, text, _EXPECTED["change"])
        return None
    except NumberFormatError:
        value = None
    if value is None or value < 0:
        diags.error("type", mark, path, what=path, expected=_EXPECTED["change"], found=repr(text))
        return None
    exponent = value.as_tuple().exponent
    places = max(-exponent, 0) if isinstance(exponent, int) else 0
    shown = text[:-1].rstrip() if percent and bare else text
    return Cell(shown, mark, -value if sign == "-" else value, change="percent" if percent or bare else "difference",
                places=places)


def _check_date(diags: Diagnostics, text: str, mark: Mark, path: str, year: int) -> None:
    """A date as reports write them: a day (2023-05-01, 2023年5月1日), a month (2023-05), or the chronicle's
    forms within the report year (5月1日, 4-6月, 全年). Printed as written."""
    from libreport.dates import DateError, parse_day, parse_span, parse_year_month

    worst: DateError | None = None
    for parse in (parse_day, parse_year_month, lambda t: parse_span(t, year)):
        try:
            parse(text)
            return
        except DateError as exc:
            if worst is None or worst.kind == "form":
                worst = exc
    if worst is not None and worst.kind == "impossible":
        diags.error("impossible-date", mark, path, text=text)
    elif worst is not None and worst.kind == "reversed":
        diags.error("reversed-range", mark, path, text=text)
    else:
        diags.error("bad-date", mark, path, text=text, variant="table")


def _yaml_row(r: Reader, node: yaml.Node, path: str, table: TableData, year: int) -> Row | None:
    columns = table.columns
    written = [c for c in columns if c.type != "share"]  # shares are computed, never written
    cells: dict[str, Cell] = {}
    if isinstance(node, yaml.SequenceNode):  # [中心馆, 28.6, 2015-05-01]: the written columns in order
        values = node.value
        if len(values) > len(written):
            r.diags.error("table-row", r.mark(values[len(written)]), path, found=len(values), expected=len(written),
                          names=listing((c.name for c in written), "、"))
        for column, cnode in zip(written, values):
            cell = _cell(r, cnode, f"{path}.{column.name}", column, year)
            if cell is not None:
                cells[column.name] = cell
        return Row(cells, r.mark(node))
    names = tuple(c.name for c in columns)
    tasks = () if "tasks" in names else ("tasks",)  # a column of that name keeps it
    f = r.mapping(node, path, names + tasks)
    if f is None:
        return None
    refs = []
    for name, (_key, vnode) in f.items():
        declared = table.column(name)
        if declared is not None:
            cell = _cell(r, vnode, f"{path}.{name}", declared, year)
            if cell is not None:
                cells[name] = cell
        elif name == "tasks":
            from libreport.sources.plan import read_tasks

            refs = read_tasks(r, vnode, f"{path}.tasks")
    return Row(cells, r.mark(node), refs)


def _total(r: Reader, node: yaml.Node, table: TableData, year: int) -> Total | None:
    """`total: 合计` (every number column summed), or `total: {label: 合计, 接待读者: 57.3}` with the totals
    the report prints, which are checked against the sum; `total: false` for none."""
    if isinstance(node, yaml.ScalarNode):
        label = r.text(node, "total")
        if label in ("false", "no", "否"):
            return None
        return Total("合计" if label in ("true", "yes", "是") else label or "合计", mark=r.mark(node))
    names = tuple(c.name for c in table.columns if c.type == "number" or (c.type == "percent" and c.pair))
    f = r.mapping(node, "total", ("label", *names))
    if f is None:
        return None
    total = Total(r.text(f["label"][1], "total.label") or "合计" if "label" in f else "合计", mark=r.mark(node),
                  entry=True)
    for name in names:
        if name in f:
            column = table.column(name)
            cell = _cell(r, f[name][1], f"total.{name}", column, year) if column else None
            if cell is not None:
                total.given[name] = cell
    return total


# -- rows from a sheet --------------------------------------------------------------------------------

def _norm(value) -> str:
    import re
    import unicodedata

    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(value))) if value is not None else ""


def _sheet_rows(r: Reader, node: yaml.Node, sheet: str | None, table: TableData, year: int, folder: Path) -> bool:
    """The rows of the sheet `node` names; False when it cannot be read (and that is reported)."""
    from libreport.commands.importer.messages import ImportError_
    from libreport.commands.importer.sheet import beyond_header, cell_name, read_tables, rows_below

    name = r.text(node, "from")
    if name is None:
        return False
    path = (r.file.parent / name)
    try:
        inside = path.resolve().is_relative_to(folder.resolve())
    except (OSError, RuntimeError):
        inside = False
    if not inside:
        r.diags.error("table-sheet", r.mark(node), "from", sheet=name, variant="outside")
        return False
    from libreport.paths import link_target, what_is

    kind = what_is(path)
    if kind not in ("file", "unreadable"):  # a sheet that may not be read says so when it is
        r.diags.error("table-sheet", r.mark(node), "from", sheet=name, variant=kind,
                      target=link_target(path) if kind == "dangling" else "")
        return False
    try:
        sheets = read_tables(path, sheet)
    except ImportError_ as exc:
        r.diags.error("table-sheet", r.mark(node), "from", sheet=name, reason=str(exc), variant="unreadable")
        return False
    except Exception as exc:  # a damaged workbook: openpyxl raises what it meets
        r.diags.error("table-sheet", r.mark(node), "from", sheet=name, reason=type(exc).__name__,
                      variant="unreadable")
        return False
    written = [c for c in table.columns if c.type != "share"]
    wanted = {_norm(c.name): c for c in written}
    rows = sheets[0].rows if sheets else []
    header = None
    for index, (_rownum, heads) in enumerate(rows[:HEADER_SCAN]):
        found = {_norm(v): k for k, v in enumerate(heads) if _norm(v) in wanted}
        if len(found) == len(wanted):
            header = index, {wanted[h].name: k for h, k in found.items()}
            break
    if header is None:
        seen = {_norm(v) for _n, heads in rows[:HEADER_SCAN] for v in heads}
        missing = [c.name for c in written if _norm(c.name) not in seen]
        r.diags.error("table-sheet", r.mark(node), "from", sheet=name, columns=listing(missing, "、"), variant="header")
        return False
    start, positions = header
    formulas = sheets[0].formulas
    for rownum, values in rows_below(sheets[0], start):
        beyond = beyond_header(rows[start][1], values)
        if beyond is not None:  # said, and the row read all the same: what it has under its headings is there
            r.diags.error("table-row", Mark(path, rownum, beyond + 1), "from", cell=cell_name(rownum, beyond),
                          value=str(values[beyond])[:80], variant="beyond")
        unsaved = [(k, formulas[(rownum, k + 1)]) for k in positions.values() if (rownum, k + 1) in formulas]
        for k, formula in unsaved:
            r.diags.error("table-cell", Mark(path, rownum, k + 1), "from", cell=cell_name(rownum, k),
                          formula=formula[:80], variant="formula")
        if all(_norm(v) == "" for v in values):
            continue
        mark = Mark(path, rownum, 1)
        first = _norm(values[positions[written[0].name]]) if positions[written[0].name] < len(values) else ""
        if first in TOTAL_LABELS or (table.total is not None and first == _norm(table.total.label)):
            _sheet_total(r, values, positions, table, path, rownum)
            continue
        cells: dict[str, Cell] = {}
        for column in written:
            k = positions[column.name]
            if (rownum, k + 1) in formulas:
                continue  # said above: not "to fill", not an empty text
            value = values[k] if k < len(values) else None
            cell = _sheet_cell(r, value, Mark(path, rownum, k + 1), column, year)
            if cell is not None:
                cells[column.name] = cell
        table.rows.append(Row(cells, mark))
    return True


def _sheet_cell(r: Reader, value, mark: Mark, column: Column, year: int) -> Cell | None:
    """A sheet's cell: Excel dates and numbers as Excel keeps them, anything else read like YAML text."""
    where = f"{mark.file.name}:{mark.line}:{mark.column}"
    if isinstance(value, (datetime, date)) and column.type == "date":
        day = value.date() if isinstance(value, datetime) else value
        return Cell(day.isoformat(), mark, day=day)
    if isinstance(value, float) and column.type == "change" and abs(value) < 1:
        # a change Excel keeps as a percentage (0.125 for +12.5%), read back as the percentage it shows
        percent = (Decimal(repr(value)) * 100).normalize()
        return cell_of(r.diags, f"{'+' if percent > 0 else ''}{percent:f}%", mark, where, column, year)
    if isinstance(value, (int, float)) and not isinstance(value, bool) and column.type in ("number", "percent"):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        try:  # 1e+101 in a cell is refused as the same digits typed are
            parse_number(format(number, "f"))
        except NumberFormatError as exc:
            not_a_number(r.diags, exc, mark, where, format(number, "f"), _EXPECTED[column.type])
            return None
        if column.type == "percent":
            # a cell formatted as a percentage holds 0.985 for 98.5%; one typed as 98.5 holds 98.5
            if isinstance(value, float) and abs(value) <= 1:
                number = (number * 100).normalize()
            return Cell(f"{number:f}" if column.bare else f"{number:f}%", mark, number)
        from libreport.numbers import group_thousands

        return Cell(group_thousands(number), mark, number, Figure(number, unit=column.unit))
    text = "" if value is None else value.isoformat() if isinstance(value, (datetime, date)) else str(value)
    return cell_of(r.diags, text, mark, where, column, year)


def _sheet_total(r: Reader, values: list, positions: dict[str, int], table: TableData, path: Path,
                 rownum: int) -> None:
    if table.total is None:
        table.total = Total("合计", mark=Mark(path, rownum, 1))
    for column in table.columns:
        if column.type != "number" or column.name not in positions:
            continue
        k = positions[column.name]
        value = values[k] if k < len(values) else None
        cell = _sheet_cell(r, value, Mark(path, rownum, k + 1), column, 0) if value not in (None, "") else None
        if cell is not None:
            table.total.given[column.name] = cell
