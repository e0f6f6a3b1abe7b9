"""The reference producer benchmarks/run.py compares `libreport build` against: a minimal docxtpl render.

    .venv/bin/python benchmarks/reference.py --make-template TEMPLATE.docx
    .venv/bin/python benchmarks/reference.py TEMPLATE.docx YEAR_FOLDER OUT.docx

The template (made with python-docx) holds the 媒体报道 table, one row repeated by
`{%tr for r in rows %}`, and the 大事记 as one paragraph repeated by `{%p for e in events %}`.
A render loads coverage.yaml and chronicle.yaml with yaml.CSafeLoader, renders and saves: no
checks, no numbering, no month grouping, no styles — the least any producer of that document does.
docxtpl is a benchmark-only dependency (the `bench` extra).
"""

from __future__ import annotations

import sys
from pathlib import Path


def make_template(path: Path) -> Path:
    from docx import Document

    doc = Document()
    doc.add_paragraph("媒体报道")
    table = doc.add_table(rows=4, cols=4)
    for cell, text in zip(table.rows[0].cells, ("日期", "媒体", "版面", "标题")):
        cell.text = text
    table.rows[1].cells[0].text = "{%tr for r in rows %}"
    for cell, field in zip(table.rows[2].cells, ("date", "outlet", "section", "title")):
        cell.text = f"{{{{ r.{field} }}}}"
    table.rows[3].cells[0].text = "{%tr endfor %}"
    doc.add_paragraph("大事记")
    doc.add_paragraph("{%p for e in events %}")
    doc.add_paragraph("{{ e.date }}，{{ e.text }}")
    doc.add_paragraph("{%p endfor %}")
    doc.save(path)
    return path


def render(template: Path, year: Path, out: Path) -> None:
    import yaml
    from docxtpl import DocxTemplate

    def load(name: str):
        with open(year / name, encoding="utf-8") as f:
            return yaml.load(f, Loader=yaml.CSafeLoader)

    doc = DocxTemplate(template)
    doc.render({"rows": load("coverage.yaml"), "events": load("chronicle.yaml")}, autoescape=True)
    doc.save(out)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--make-template":
        make_template(Path(sys.argv[2]))
    elif len(sys.argv) == 4:
        render(*map(Path, sys.argv[1:]))
    else:
        sys.exit(__doc__.split("\n\n")[1])
