"""The 注 a report prints under a table: every kind of table takes a `note:` and prints it right under the table,
in the template's Table Note style, as a `table` section does."""

from __future__ import annotations

from pathlib import Path

from libreport.build import BuildOptions, build_year
from libreport.project import load_project

from .docxdump import blocks

FILES = {
    "report.yaml": """library: 桐川县图书馆
year: 2022
parts:
  - title: 业务统计
    sections:
      - {kind: statistics, title: 主要业务数据}
      - {kind: activities, title: 活动统计}
      - {kind: staff, title: 人员结构}
      - {kind: awards, title: 荣誉表彰}
      - {kind: coverage, title: 媒体报道}
""",
    "statistics.yaml": """items:
  - {name: 总流通人次, unit: 人次, value: 185490}
note: 注：总流通人次含分馆、服务点。
""",
    "activities.yaml": """rows:
  - {type: 展览, sessions: 21}
  - {type: 讲座, sessions: 35}
total: {attendance: 49860}
note: 注：参与人次为全年各类活动合计数（含线上），未按活动类型分别统计。
""",
    "staff.yaml": """- name: 学历结构
  groups:
    - {label: 本科, count: 12}
    - {label: 大专, count: 7}
  note: 注：在编职工 19 人。
""",
    "awards.yaml": """# written as a mapping to carry the note under its table
note: 注：仅列市级以上荣誉。
rows:
  - {name: 2021 年度县级文明单位, by: 中共桐川县委, date: 2022-01}
""",
    "coverage.yaml": """note: 注：仅列市级以上媒体。
rows:
  - {date: 2022-03-08, outlet: 鹤州日报, section: A3, title: 桐川县图书馆开展“三八”主题活动}
""",
}


def test_every_kind_of_table_prints_its_note_under_it(tmp_path: Path):
    folder = tmp_path / "years" / "2022"
    folder.mkdir(parents=True)
    for name, text in FILES.items():
        (folder / name).write_text(text, encoding="utf-8")
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    result = build_year(load_project(tmp_path), "2022", BuildOptions(toc="field"))
    assert result.docx is not None and not result.diags.errors, [d.format() for d in result.diags.items]
    bs = blocks(result.docx)
    notes = [(bs[i - 1].kind, b.text) for i, b in enumerate(bs) if b.style == "TableNote"]
    assert notes == [
        ("table", "注：总流通人次含分馆、服务点。"),
        ("table", "注：参与人次为全年各类活动合计数（含线上），未按活动类型分别统计。"),  # before the chart
        ("table", "注：在编职工 19 人。"),
        ("table", "注：仅列市级以上荣誉。"),
        ("table", "注：仅列市级以上媒体。"),
    ]
