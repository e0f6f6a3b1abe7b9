"""Write the sample spreadsheets the README's tour imports: examples/sheets/媒体报道.xlsx and 大事记.xlsx.

They are kept the way an office keeps them: a title row above the header, dates typed in several
styles and one real Excel date cell, a row from the year before, a blank row in the middle.
Run from the repository's root: python scripts/make_sample_sheets.py
"""

from __future__ import annotations

import datetime as dt
import zipfile
from io import BytesIO
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

OUT = Path(__file__).resolve().parent.parent / "examples" / "sheets"

COVERAGE = [
    ["临江市图书馆 2024 年媒体报道统计（宣传组）"],
    [],
    ["序号", "日期", "媒体", "版面", "标题"],
    [1, "2023.12.28", "临江日报", "A5", "市图书馆跨年阅读夜预告"],  # the year before: skipped
    [2, "2024.1.8", "临江日报", "A3", "寒假少儿阅读季启动"],
    [3, dt.date(2024, 2, 19), "临江电视台", "新闻联播", "市图书馆春节期间接待读者逾两万人次"],
    [4, "2024年4月23日", "“学习强国”客户端", "临江学习平台", "世界读书日：全民阅读嘉年华开幕"],
    [],
    [5, "2024/6/1", "临江晚报", "", "绘本剧场走进社区"],
    [6, " 2024. 9. 10 ", "临江日报", "客户端", "图书馆开学季：送书进校园"],
]

CHRONICLE = [
    ["2024年大事记（办公室整理）"],
    ["日期", "内容"],
    ["2023年12月31日", "举办跨年阅读夜活动。"],  # the year before: skipped
    ["1月8日", "寒假少儿阅读季启动，持续至2月25日。"],
    [dt.date(2024, 3, 5), "开展学雷锋志愿服务活动。"],
    ["2024.4.23", "举办世界读书日全民阅读嘉年华。"],
    ["4-6月", "开展“书香进万家”流动借阅服务。"],
    ["2024年10月15日-20日", "举办古籍修复技艺展。"],
    ["全年", "开展“阅读推广人”培训。"],
]


def sheet(rows: list[list], title: str, widths: dict[str, int]) -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = title
    for row in rows:
        ws.append(row)
    ws["A1"].font = Font(bold=True, size=14)
    for column, width in widths.items():
        ws.column_dimensions[column].width = width
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, dt.date):
                cell.number_format = "yyyy/m/d"
    book.properties.created = book.properties.modified = dt.datetime(2024, 12, 31)
    raw = BytesIO()
    book.save(raw)
    return _stable(raw.getvalue())


def _stable(data: bytes) -> bytes:
    """The same workbook gives the same bytes: fixed timestamps on every member of the zip."""
    out = BytesIO()
    with zipfile.ZipFile(BytesIO(data)) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=(2024, 12, 31, 0, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(fixed, src.read(info.filename))
    return out.getvalue()


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "媒体报道.xlsx").write_bytes(sheet(COVERAGE, "媒体报道", {"A": 6, "B": 14, "C": 18, "D": 14, "E": 48}))
    (OUT / "大事记.xlsx").write_bytes(sheet(CHRONICLE, "大事记", {"A": 22, "B": 60}))


if __name__ == "__main__":
    main()
