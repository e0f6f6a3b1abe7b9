"""The sheet's rows as entries. A row already in the file or outside the year is counted, not
added; a row that cannot be read is kept with its reason, so that every bad row is reported at once."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from libreport.characters import unprintable
from libreport.dates import Span

from .cells import _Bad, clean_text, coverage_date, event_date
from .messages import _m
from .sheet import EXCEL_ERRORS, USUAL, Header, Table, _norm_header, beyond_header, cell_name, rows_below


@dataclass
class Outcome:
    entries: list[dict] = field(default_factory=list)
    keys: list[tuple] = field(default_factory=list)
    duplicates: int = 0
    outside: int = 0
    rejected: list[tuple[int, str]] = field(default_factory=list)  # (sheet row, reason)


def _is_header_again(cells: list, header: Header) -> bool:
    return [_norm_header(c) for c in cells if _norm_header(c)] == [_norm_header(n) for n in header.names]


MAX_CELL = 10_000  # characters: a title or an event is a few hundred


def _cell_problem(table: Table, rownum: int, values: dict, cols: dict[str, int]) -> str | None:
    """Why a row's cell cannot be read as it stands: a formula without its value, an Excel error, a huge text."""
    for fld, c in cols.items():
        cell = cell_name(rownum, c)
        formula = table.formulas.get((rownum, c + 1))
        if formula is not None:
            return _m("r_formula", cell=cell, formula=formula[:80])
        value = values.get(fld)
        if isinstance(value, str) and value.strip() in EXCEL_ERRORS:
            return _m("r_excel_error", cell=cell, error=value.strip())
        if isinstance(value, str) and len(value) > MAX_CELL:
            return _m("r_too_long", cell=cell, length=len(value))
        bad = unprintable(value) if isinstance(value, str) else None
        if bad is not None:
            return _m("r_bad_char", cell=cell, char=bad)
    return None


def read_rows(kind: str, table: Table, header: Header, year: int, existing: set[tuple]) -> Outcome:
    out = Outcome()
    seen = set(existing)
    cols = header.columns
    heads = table.rows[header.row][1]
    for rownum, cells in rows_below(table, header.row):
        values = {f: (cells[c] if c < len(cells) else None) for f, c in cols.items()}
        problem = _cell_problem(table, rownum, values, cols)
        beyond = beyond_header(heads, cells)
        if problem is None and beyond is not None:
            problem = _m("r_beyond", cell=cell_name(rownum, beyond), value=str(cells[beyond])[:80])
        if problem is not None:
            out.rejected.append((rownum, problem))
            continue
        if all(clean_text(v) == "" for v in values.values()):
            continue  # an empty row (or one with only its 序号)
        if _is_header_again(cells, header):
            continue  # the header repeated further down, as pasted blocks have it
        try:
            if kind == "coverage":
                entry, key, inside = _coverage_row(values, year, table.epoch)
            else:
                entry, key, inside = _event_row(values, year, table.epoch)
        except _Bad as exc:
            out.rejected.append((rownum, str(exc)))
            continue
        if not inside:
            out.outside += 1
        elif key in seen:
            out.duplicates += 1
        else:
            seen.add(key)
            out.entries.append(entry)
            out.keys.append(key)
    return out


def _field_name(fld: str) -> str:
    return _m(f"field_{fld}")


def _required_text(values: dict, fld: str) -> str:
    s = clean_text(values.get(fld))
    if not s:
        raise _Bad(_m("r_empty", what=_field_name(fld), usual=USUAL[fld]))
    return s


def _coverage_row(values: dict, year: int, epoch):
    when = coverage_date(values["date"], year, epoch)
    outlet = _required_text(values, "outlet")
    title = _required_text(values, "title")
    section = clean_text(values.get("section"))
    entry = {"date": when, "outlet": outlet, "section": section, "title": title}
    return entry, coverage_key(when, outlet, section, title), when.year == year


def coverage_key(when: date, outlet: str, section: str, title: str) -> tuple:
    return (when, _key_text(outlet), _key_text(section), _key_text(title))


def _event_row(values: dict, year: int, epoch):
    span, shown = event_date(values["date"], year, epoch)
    text = _required_text(values, "text")
    if span.start.year != span.end.year:
        raise _Bad(_m("r_cross", text=clean_text(values["date"])))
    entry = {"date": shown, "text": text}
    return entry, event_key(span, text), span.start.year == year


def event_key(span: Span, text: str) -> tuple:
    return (span.start, span.end, _key_text(text))


def _key_text(s: str) -> str:
    # a row that differs from one already in the file only in its spacing is that row again
    return re.sub(r"\s+", " ", s.strip())


def _keys_of(kind: str, data) -> list[tuple]:
    if kind == "coverage":
        return [coverage_key(r.date, r.outlet, r.section, r.title) for r in data or []]
    return [event_key(e.span, e.text) for e in data or []]
