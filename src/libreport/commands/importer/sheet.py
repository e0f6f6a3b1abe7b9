"""Reading a sheet as offices keep it: an .xlsx workbook or a .csv file, with title rows or notes
above a header row whose columns go by any of their usual names."""

from __future__ import annotations

import csv
import io
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from libreport.characters import excel_unescaped
from libreport.sources.text import decode

from .messages import ImportError_, _m

FIELDS = {"coverage": ("date", "outlet", "section", "title"), "events": ("date", "text")}
REQUIRED = {"coverage": ("date", "outlet", "title"), "events": ("date", "text")}
HEADER_SCAN = 30  # rows searched for the header row (title rows, notes, blank rows above it)

# Header names as staff write them, best first: when a sheet has two columns that could be
# the date (日期 and 时间), the one earlier in the list wins.
SYNONYMS = {
    "coverage": {
        "date": ("日期", "报道日期", "发布日期", "刊发日期", "刊登日期", "发表日期", "见报日期", "播出日期",
                 "报道时间", "发布时间", "刊发时间", "时间", "date"),
        "outlet": ("媒体", "媒体名称", "报道媒体", "媒体名", "发布媒体", "媒体/平台", "媒体平台", "媒介", "刊物",
                   "报刊", "报刊名称", "平台", "来源", "outlet", "media"),
        "section": ("版面", "栏目", "版面/栏目", "栏目/版面", "版次", "版面栏目", "频道", "section", "column", "page"),
        "title": ("标题", "报道标题", "新闻标题", "文章标题", "题目", "篇名", "报道题目", "title", "headline"),
    },
    "events": {
        "date": ("日期", "时间", "日期/时间", "时间/日期", "起止时间", "起止日期", "活动时间", "活动日期", "date"),
        "text": ("内容", "事项", "大事记", "大事记内容", "主要内容", "事项内容", "活动内容", "事件", "大事", "内容摘要",
                 "text", "event"),
    },
}
# The name a missing column is asked for by.
USUAL = {"date": "日期", "outlet": "媒体", "section": "版面", "title": "标题", "text": "内容"}


# A year's list is a few hundred rows. Beyond these a sheet is not one, and reading it would take minutes:
# openpyxl reads about 60,000 cells a second, and a few KiB of zip can hold a sheet of a million empty rows.
MAX_ROWS = 100_000
MAX_COLUMNS = 200  # cells further right are not read
MAX_SHEET_XML = 12 * 1024 * 1024  # the workbook's cells as XML, uncompressed: some 150,000 cells
MAX_CSV_BYTES = 16 * 1024 * 1024
EXCEL_ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A", "#GETTING_DATA", "#SPILL!",
                "#CALC!")


@dataclass
class Table:
    """One sheet's rows: (sheet row number, cell values)."""

    label: str  # for messages: the file, and the sheet when a workbook has several
    rows: list[tuple[int, list]]
    epoch: datetime = datetime(1899, 12, 30)
    # (row, column), both from 1: the formula of a cell that has one but no value saved with it (a workbook
    # written by a program, never opened and saved in Excel); its value is what Excel would compute
    formulas: dict[tuple[int, int], str] = field(default_factory=dict)


def read_tables(file: Path, sheet: str | None) -> list[Table]:
    suffix = file.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(file, sheet)
    if suffix == ".xls":
        raise ImportError_(_m("xls", file=file))
    if suffix in (".csv", ".tsv", ".txt"):
        if sheet is not None:
            raise ImportError_(_m("sheet_csv", file=file))
        return [_read_csv(file)]
    raise ImportError_(_m("suffix", file=file, suffix=file.suffix))


def _read_xlsx(file: Path, sheet: str | None) -> list[Table]:
    import warnings
    import zipfile

    import openpyxl
    from openpyxl.utils.exceptions import InvalidFileException

    from libreport.sources.archive import PackageError, check_zip

    try:
        members = check_zip(file)
    except PackageError as exc:
        raise ImportError_(_m("bad_xlsx", file=file, problem=str(exc))) from None
    cells_xml = sum(m.file_size for m in members if m.filename.startswith("xl/worksheets/")
                    or m.filename == "xl/sharedStrings.xml")
    if cells_xml > MAX_SHEET_XML:
        raise ImportError_(_m("xlsx_too_big", file=file, size=cells_xml // 2**20, limit=MAX_SHEET_XML // 2**20))
    try:
        with warnings.catch_warnings():  # "Data Validation extension is not supported" and the like
            warnings.simplefilter("ignore")
            # not read_only: merged cells are only known in the full mode
            wb = openpyxl.load_workbook(file, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError, AttributeError,
            IndexError, EOFError, SyntaxError) as exc:  # a damaged workbook: openpyxl raises what it meets
        raise ImportError_(_m("bad_xlsx", file=file, problem=str(exc) or type(exc).__name__)) from exc
    sheets = wb.worksheets
    if sheet is not None:
        chosen = ([ws for ws in sheets if ws.title == sheet]
                  or [ws for ws in sheets if ws.title.strip() == sheet.strip()])
        if not chosen:
            raise ImportError_(_m("no_sheet", file=file, sheet=sheet, sheets=", ".join(ws.title for ws in sheets)))
        sheets = chosen[:1]
    else:
        sheets = [ws for ws in sheets if ws.sheet_state == "visible"] or sheets
    epoch = getattr(wb, "epoch", datetime(1899, 12, 30))
    formulas = _unsaved_formulas(file, members)
    tables = []
    for ws in sheets:
        label = f"{file}" if len(wb.worksheets) == 1 else f"{file} [{ws.title}]"
        tables.append(Table(label, _sheet_rows(ws, label), epoch, formulas.get(ws.title, {})))
    return tables


def _sheet_rows(ws, label: str) -> list[tuple[int, list]]:
    """The rows that hold something, from the cells the sheet has (never from its claimed dimensions: one cell
    at XFD1048576 would make seventeen billion). A cell merged downwards holds the value of every row it
    covers: a date written once for three events. Merged across, it stays in its first column (a title or
    note row spanning the sheet)."""
    values: dict[tuple[int, int], object] = {}
    for (r, c), cell in ws._cells.items():  # openpyxl's own map of the cells present
        if c <= MAX_COLUMNS and cell.value is not None:  # openpyxl leaves Excel's _x0001_ escapes as written
            values[(r, c)] = excel_unescaped(cell.value) if isinstance(cell.value, str) else cell.value
    for rng in ws.merged_cells.ranges:
        value = values.get((rng.min_row, rng.min_col))
        if value is None or rng.min_col > MAX_COLUMNS:
            continue
        if rng.max_row - rng.min_row > MAX_ROWS:
            raise ImportError_(_m("too_many_rows", where=label, limit=MAX_ROWS))
        for r in range(rng.min_row, rng.max_row + 1):
            values.setdefault((r, rng.min_col), value)
    by_row: dict[int, dict[int, object]] = {}
    for (r, c), value in values.items():
        by_row.setdefault(r, {})[c] = value
    if len(by_row) > MAX_ROWS:
        raise ImportError_(_m("too_many_rows", where=label, limit=MAX_ROWS))
    return [(r, [cells.get(c) for c in range(1, max(cells) + 1)]) for r, cells in sorted(by_row.items())]


def _unsaved_formulas(file: Path, members) -> dict[str, dict[tuple[int, int], str]]:
    """Sheet → the cells that hold a formula and no saved value. Read (a second, fast pass) only when a sheet
    has a formula at all."""
    import zipfile

    import openpyxl

    with zipfile.ZipFile(file) as z:
        if not any(b"<f" in z.read(m.filename) for m in members if m.filename.startswith("xl/worksheets/")
                   and m.filename.endswith(".xml")):
            return {}
    found: dict[str, dict[tuple[int, int], str]] = {}
    try:
        formulas = openpyxl.load_workbook(file, data_only=False, read_only=True)
        values = openpyxl.load_workbook(file, data_only=True, read_only=True)
        for ws in formulas.worksheets:
            saved = values[ws.title]
            for row, cached in zip(ws.iter_rows(max_col=MAX_COLUMNS), saved.iter_rows(max_col=MAX_COLUMNS)):
                for cell, value in zip(row, cached):
                    text = getattr(cell, "value", None)
                    if isinstance(text, str) and text.startswith("=") and getattr(value, "value", None) is None:
                        found.setdefault(ws.title, {})[(cell.row, cell.column)] = text
    except Exception:  # the first, full reading succeeded: a failure here only costs the better message
        return found
    return found


def _read_csv(file: Path) -> Table:
    if file.stat().st_size > MAX_CSV_BYTES:
        raise ImportError_(_m("csv_too_big", file=file, limit=MAX_CSV_BYTES // 2**20))
    decoded = decode(file.read_bytes())
    if decoded is None:
        raise ImportError_(_m("bad_csv", file=file))
    text = decoded.text
    sample = "\n".join(text.splitlines()[:20])
    delimiter = max(("\t", ";"), key=sample.count)
    if sample.count(delimiter) <= sample.count(","):
        delimiter = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[tuple[int, list]] = []
    try:
        for i, row in enumerate(reader, 1):
            if len(rows) >= MAX_ROWS:
                raise ImportError_(_m("too_many_rows", where=str(file), limit=MAX_ROWS))
            if any(row):
                rows.append((i, row[:MAX_COLUMNS]))
    except csv.Error as exc:  # a field longer than the csv module allows, a stray NUL
        raise ImportError_(_m("bad_csv_row", file=file, row=reader.line_num, problem=str(exc))) from None
    return Table(str(file), rows)


# -- the rows below the header ---------------------------------------------------------

def rows_below(table: Table, header: int) -> list[tuple[int, list]]:
    """The rows after the header row (an index into `table.rows`), and the rows whose cells are all formulas
    without a saved value: they look empty, but they are not."""
    rows = table.rows[header + 1:]
    first = table.rows[header][0]
    known = {r for r, _ in rows}
    extra = sorted({r for r, _c in table.formulas if r > first and r not in known})
    return sorted([*rows, *((r, []) for r in extra)], key=lambda row: row[0])


def beyond_header(heads: list, cells: list) -> int | None:
    """The column (from 0) of a row's first cell to the right of the header row's last heading: no column reads
    it. A comma in a CSV field not put in quotes (中心馆,1,000) makes one, and the figure would lose its digits."""
    last = max((i for i, v in enumerate(heads) if v is not None and str(v).strip()), default=-1)
    return next((i for i in range(last + 1, len(cells)) if cells[i] is not None and str(cells[i]).strip()), None)


def cell_name(row: int, column: int) -> str:
    """A cell as Excel names it: row 3, column 0 → A3; column 26 → AA."""
    letters, n = "", column + 1
    while n:
        n, r = divmod(n - 1, 26)
        letters = chr(65 + r) + letters
    return f"{letters}{row}"


# -- the header row ----------------------------------------------------------------

def _norm_header(value) -> str:
    if value is None:
        return ""
    s = unicodedata.normalize("NFKC", str(value))
    s = re.sub(r"\s+", "", s).lower()
    s = re.sub(r"[(\[][^()\[\]]*[)\]]$", "", s)  # 日期（年/月/日）, 标题(必填)
    return s.strip("*:：")


def parse_mapping(kind: str, mapping: list[str]) -> dict[str, str]:
    """--map 报道时间=date … → {normalised header: field}."""
    fields = FIELDS[kind]
    out: dict[str, str] = {}
    by_field: dict[str, str] = {}
    for item in mapping:
        if "=" not in item:
            raise ImportError_(_m("bad_map", item=item, fields=", ".join(fields)))
        header, fld = item.rsplit("=", 1)
        fld = fld.strip().lower()
        if not header.strip():
            raise ImportError_(_m("bad_map", item=item, fields=", ".join(fields)))
        if fld not in fields:
            raise ImportError_(_m("bad_map_field", item=item, field=fld, kind=kind, fields=", ".join(fields)))
        if fld in by_field:
            raise ImportError_(_m("map_twice", field=fld, a=by_field[fld], b=header.strip()))
        by_field[fld] = header.strip()
        out[_norm_header(header)] = fld
    return out


@dataclass
class Header:
    row: int  # index into Table.rows
    columns: dict[str, int]  # field → column index
    names: list[str]  # the header cells, as written


def _match_row(kind: str, cells: list, explicit: dict[str, str]) -> dict[str, list[tuple[int, int]]]:
    """field → [(priority, column)] for the cells of one row."""
    index: dict[str, tuple[str, int]] = {}
    for fld, names in SYNONYMS[kind].items():
        if fld in explicit.values():
            continue  # --map replaces the usual names of that field
        for p, name in enumerate(names):
            index.setdefault(_norm_header(name), (fld, p))
    found: dict[str, list[tuple[int, int]]] = {}
    for col, cell in enumerate(cells):
        h = _norm_header(cell)
        if not h:
            continue
        if h in explicit:
            found.setdefault(explicit[h], []).append((-1, col))
        elif h in index:
            fld, p = index[h]
            found.setdefault(fld, []).append((p, col))
    return found


def _cell_names(cells: list) -> list[str]:
    return [str(c).strip() for c in cells if c is not None and str(c).strip()]


def find_header(table: Table, kind: str, explicit: dict[str, str], mapping: list[str]) -> Header | None:
    """The first row (of the first HEADER_SCAN) that has every required column; None if there is none."""
    for i, (_row, cells) in enumerate(table.rows[:HEADER_SCAN]):
        found = _match_row(kind, cells, explicit)
        if all(f in found for f in REQUIRED[kind]):
            columns = {}
            for fld, options in found.items():
                top = min(p for p, _c in options)
                cols = [c for p, c in options if p == top]
                if len(cols) > 1:
                    raise ImportError_(_m("ambiguous", where=table.label, field=fld,
                                          columns=", ".join(str(cells[c]).strip() for c in cols)))
                columns[fld] = cols[0]
            names = _cell_names(cells)
            for item in mapping:  # a --map header that is not there is a typo worth stopping for
                header = item.rsplit("=", 1)[0]
                if _norm_header(header) not in {_norm_header(c) for c in cells}:
                    raise ImportError_(_m("map_missing", item=item, header=header.strip(),
                                          found=", ".join(names) or _m("nothing_found")))
            return Header(i, columns, names)
    return None


def _no_header(table: Table, kind: str, explicit: dict[str, str]) -> ImportError_:
    best, best_score = [], -1
    for _row, cells in table.rows[:HEADER_SCAN]:
        score = len(_match_row(kind, cells, explicit))
        if _cell_names(cells) and score > best_score:
            best, best_score = cells, score
    needed = [h for h, f in explicit.items() if f in REQUIRED[kind]]
    needed += [USUAL[f] for f in REQUIRED[kind] if f not in explicit.values()]
    return ImportError_(_m("no_header", where=table.label, needed=", ".join(needed), scan=HEADER_SCAN,
                           found=", ".join(_cell_names(best)) or _m("nothing_found"),
                           fields=", ".join(FIELDS[kind])))
