"""Open data beside the web edition: every table as CSV, and the year's figures and lists as one JSON file.

CSV files hold each table as the report prints it (header rows, then its rows and total), UTF-8 with a byte
order mark so that Excel opens them in Chinese. The JSON file holds what the report's figures are made of:
综合统计 as its tree with units, the figures as written (`digits`) and their approximation words (近, 余), 活动统计
with its counts, and the lists (荣誉表彰, 媒体报道, 大事记, 人员结构, table sections) entry by entry.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from libreport import model as m
from libreport.figures import Figure

BOM = "\ufeff"


def csv_text(rows: Iterable[Sequence[str]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")  # the line ends Excel writes and expects
    for row in rows:
        writer.writerow([_inert(cell) for cell in row])
    return (BOM + out.getvalue()).encode("utf-8")


# A reader opening the CSV in Excel or WPS gets a formula from a text that starts like one (=HYPERLINK(…),
# @SUM(…), +A1): such a text is written after an apostrophe, Excel's mark of a text. Figures as printed (+12.5%,
# -3, —) start with a sign too, and stay as they are.
_FORMULA_START = ("=", "@", "+", "-", "\t", "\r")
_PRINTED_FIGURE = re.compile(r"^[+\-−]?\s*[\d.,，]+\s*[%％]?$")


def _inert(cell: str) -> str:
    if cell.startswith(_FORMULA_START) and len(cell) > 1 and not _PRINTED_FIGURE.match(cell):
        return "'" + cell
    return cell


def _number(value: Decimal | None) -> int | float | None:
    """A JSON number: an integer as an integer, else its decimal value (57.34, never 57.340000001)."""
    if value is None:
        return None
    if value == value.to_integral_value():
        return int(value)
    return float(value)


def _figure(figure: Figure | None) -> dict[str, Any] | None:
    if figure is None:
        return None
    out: dict[str, Any] = {"value": _number(figure.value), "digits": figure.digits}
    if figure.unit:
        out["unit"] = figure.unit
    if figure.approx:
        out["approx"] = figure.approx
    if figure.note:
        out["note"] = figure.note
    out["printed"] = figure.printed()
    return out


def _item(item: m.StatItem) -> dict[str, Any]:
    out: dict[str, Any] = {"name": item.name, "path": item.path}
    if item.unit:
        out["unit"] = item.unit
    if item.value is not None:
        figure = item.figure
        assert figure is not None
        out.update({k: v for k, v in (_figure(figure) or {}).items() if k not in ("unit",)})
    for key, children, label in (("parts", item.parts, item.parts_label), ("of_which", item.of_which,
                                 item.of_which_label), ("details", item.details, None)):
        if children:
            out[key] = [_item(child) for child in children]
            if label:
                out[f"{key}_label"] = label
    return out


def _activities(acts: m.Activities, units: tuple[str, str]) -> dict[str, Any]:
    """Each row's counts; `units`: what the table's columns count (场次, 人次), as the template heads them."""
    def count(figure: Figure | None, unit: str) -> dict[str, Any] | None:
        out = _figure(figure)
        if out is not None and unit:
            out["unit"] = unit
        return out

    rows = [{"type": row.type, "sessions": count(row.sessions, units[0]),
             "attendance": count(row.attendance, units[1])} for row in acts.rows]
    out: dict[str, Any] = {"rows": rows}
    if acts.totals:
        out["total"] = {column: count(figure, units[0 if column == "sessions" else 1])
                        for column, (figure, _mark) in acts.totals.items()}
    if acts.note:
        out["note"] = acts.note
    return out


def _awards(awards: list[m.Award]) -> list[dict[str, Any]]:
    return [{"name": a.name, "bodies": a.bodies, "date": a.date.isoformat() if a.date else None,
             "date_as_written": a.shown_date} for a in awards]


def _coverage(rows: list[m.Coverage]) -> list[dict[str, Any]]:
    return [{"date": r.date.isoformat(), "outlet": r.outlet, "section": r.section, "title": r.title}
            for r in rows]


def _chronicle(events: list[m.Event]) -> list[dict[str, Any]]:
    return [{"date": e.date_text, "start": e.span.start.isoformat(), "end": e.span.end.isoformat(),
             "text": e.text} for e in events]


def _staff(dists: list[m.StaffDistribution]) -> list[dict[str, Any]]:
    return [{"name": d.name, "groups": [{"label": g.label, "count": _number(g.count)} for g in d.groups]}
            for d in dists]


def _table(data) -> dict[str, Any]:
    """A table section's rows, each cell as its file gives it: a figure with its unit and approximation word,
    or the text printed."""
    columns = [{"name": c.name, "type": c.type, **({"unit": c.unit} if c.unit else {})} for c in data.columns]
    rows = []
    for row in data.rows:
        cells: dict[str, Any] = {}
        for column in data.columns:
            cell = row.cells.get(column.name)
            if cell is None:
                continue
            if cell.figure is not None:
                cells[column.name] = _figure(cell.figure)
            elif cell.value is not None:
                cells[column.name] = {"value": _number(cell.value), "printed": cell.text}
            else:
                cells[column.name] = cell.text
        rows.append(cells)
    return {"caption": data.caption, "columns": columns, "rows": rows}


def year_data(report: m.Report, activity_units: tuple[str, str] = ("", "")) -> dict[str, Any]:
    """The year's figures and lists, as JSON-ready data, section by section in the report's order."""
    sections = []
    for section in report.sections():
        data = section.data
        if data is None:
            continue
        entry: dict[str, Any] = {"kind": section.kind, "title": section.title, "file": section.file.name}
        if section.kind == "statistics":
            entry["items"] = [_item(item) for item in data.items]
        elif section.kind == "activities":
            entry.update(_activities(data, activity_units))
        elif section.kind == "awards":
            entry["entries"] = _awards(data)
        elif section.kind == "coverage":
            entry["entries"] = _coverage(data)
        elif section.kind == "chronicle":
            entry["entries"] = _chronicle(data)
        elif section.kind == "staff":
            entry["distributions"] = _staff(data)
        elif section.kind == "table":
            entry.update(_table(data))
        else:
            continue  # the summary is the page itself
        sections.append(entry)
    return {"library": report.library, "year": report.year, "kind": report.kind, "sections": sections}


def json_text(data: dict[str, Any]) -> bytes:
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
