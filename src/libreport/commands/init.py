"""`libreport init DIR --library 名称 --year YYYY`: a new project for a library's first report.

The folder it makes is self-contained and holds nothing of any other library:

* libreport.yaml: the years are in the folder itself, the templates in templates/, the reports go to build/;
* templates/: a copy of the default templates (report.docx, snippets.yaml), to restyle in Word or WPS;
* YYYY/: report.yaml (the library, the year, the document kind, the summary as the one section listed and the
  other section kinds shown in comments; a 工作总结 is laid out by templates/official.docx as an official
  document, its letterhead, signature and 版记 shown to fill in), summary.md with （待填写） where the text
  goes, and a file for each
  other kind of section holding only comments that show how its entries are written. statistics.yaml is read
  for the figures the summary quotes even before a statistics section is listed.

The skeleton validates (its placeholders are `to-fill` warnings: the to-do list) and builds a draft at once.
Everything is written into a hidden folder beside DIR and renamed into place when complete; an existing folder
that is not empty is never touched.
"""

from __future__ import annotations

import json
import re
import shutil
import unicodedata
from pathlib import Path

from libreport.characters import unprintable
from libreport.i18n import t
from libreport.project import CONFIG, bundled_templates
from libreport.wording import to_fill_wording

KINDS = ("年报", "工作总结")


class InitError(Exception):
    """A usage problem (the folder is not empty, a name is unusable); the CLI exits with 2."""


def init_project(folder: Path, library: str, year: int, title: str | None = None, kind: str = "年报") -> str:
    """Create the project; returns the message to print."""
    library, kind = library.strip(), kind.strip()
    title = title.strip() if title is not None else None
    for name, value in (("--library", library), ("--kind", kind), ("--title", title)):
        if value is not None and (not value or any(c in value for c in "\r\n\t") or unprintable(value)):
            raise InitError(t("init_bad_text", option=name, value=value))
    if not 1900 <= year <= 2200:
        raise InitError(t("new_bad_year", year=year))
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise InitError(t("init_not_empty", folder=str(folder)))
    templates = bundled_templates()
    if not (templates / "report.docx").is_file():  # pragma: no cover - a broken installation
        raise InitError(t("init_no_templates", folder=str(templates)))
    files = skeleton(library, year, title, kind)
    _write(folder, files, templates)
    return "\n".join([t("init_created", folder=str(folder), library=library, year=year),
                      t("init_next", folder=str(folder), year=year)])


# -- the skeleton ------------------------------------------------------------------

def skeleton(library: str, year: int, title: str | None, kind: str) -> dict[str, str]:
    """The project's text files, by path relative to the project folder."""
    shown_title = title or f"{library} {year} 年{kind}"
    y = str(year)
    return {
        CONFIG: PROJECT_FILE,
        ".gitignore": "build/\n~$*\n.~lock.*\n",
        f"{y}/report.yaml": REPORT.format(library=_scalar(library), year=year, kind=_scalar(kind),
                                          title_line=(f"title: {_scalar(title)}" if title else TITLE_LINE),
                                          shown_title=shown_title, official_lines=_official_lines(library, year, kind),
                                          section_lines=_section_lines(kind)),
        f"{y}/summary.md": SUMMARY.format(hole=to_fill_wording(bundled_templates()),
                                          second="1、2、3、" if kind == KINDS[0] else "（一）（二）（三）"),
        f"{y}/statistics.yaml": STATISTICS,
        f"{y}/awards.yaml": AWARDS.format(year=year),
        f"{y}/activities.yaml": ACTIVITIES,
        f"{y}/coverage.yaml": COVERAGE.format(year=year),
        f"{y}/chronicle.yaml": CHRONICLE,
    }


_PLAIN = re.compile(r"^[\w\u3000-\u303f\u4e00-\u9fff\uff00-\uffef（）·・—\-. ]+$")


def _scalar(text: str) -> str:
    """`text` as a YAML value: plain when that reads back as the same text, else double-quoted."""
    if _PLAIN.match(text) and text[0] not in "-. " and not text.endswith(" ") and not text.isdigit() \
            and text.lower() not in ("null", "true", "false", "yes", "no", "on", "off", "~"):
        return text
    return json.dumps(text, ensure_ascii=False)


PROJECT_FILE = """\
# libreport 项目文件：年份、模板和生成的报告放在哪里（相对本文件所在的文件夹）。
sources: .            # 每年一个文件夹（2023/、2024/ …），各有一个 report.yaml
templates: templates  # 报告的样式（report.docx，可在 Word 或 WPS 中修改）和措辞（snippets.yaml）
output: build         # libreport build 生成的 Word 文档放在这里
# 发展规划（如“十四五”规划）：写在与年份文件夹并列的 plan.yaml 中，各年条目用 tasks: 指明所落实的任务；
# 项目先后有几个规划时在这里列出：plans: [十三五规划.yaml, 十四五规划.yaml]（见 docs/sources.md“The plan”）
"""

REPORT = """\
# {shown_title}：报告包含哪些栏目、按什么顺序印出。
# 各字段的写法和例子见 docs/sources.md。改好后，在项目文件夹中运行：
#   libreport validate 年份    检查，并列出尚未填写的内容
#   libreport build 年份       生成 Word 文档（在 build/ 下）
#   libreport new 下一年       下一年：按本年的栏目和统计项目新建一年，数值留空
library: {library}
year: {year}
kind: {kind}                  # 文档类型：印在封面上，也用在文件名里（年报、工作总结……）
{title_line}{official_lines}
# figures: {{thousands: none, spacing: false}}   # 数字的印法。不写时：表格中千位加逗号（1,607,816），正文照写；
#                                               # 数字与汉字间空一格（近 57.34 万人次）。见 docs/sources.md
sections:                     # 栏目，按印出的顺序；有标题的栏目编号为 一、二、三、
{section_lines}
"""

# An annual report holds its summary as one section among the tables a 年报 usually has; a narrative report
# (工作总结) is the summary itself, whose # headings are the report's 一、二、三、, and quotes its figures from an
# unlisted statistics.yaml. Either way every other kind of section is there, commented out, to list when needed.
SECTIONS = (
    ("statistics", "主要业务数据", "statistics.yaml 印成统计表"),
    ("activities", "读者活动", "activities.yaml：各类活动的场次、人次和比例"),
    ("awards", "所获荣誉", "awards.yaml"),
    ("coverage", "宣传报道", "coverage.yaml"),
    ("chronicle", "大事记", "chronicle.yaml"),
    ("staff", "人员结构", "staff.yaml：职称、学历等各项人数，比例由 libreport 计算"),
    ("table", "分馆服务情况, file: branches.yaml", "任意表格（分馆、读者结构、数字资源……），见 docs/sources.md"),
    ("plan", "规划任务落实情况", "本年对发展规划（与年份文件夹并列的 plan.yaml）各项任务的落实，见 docs/sources.md"),
)
ANNUAL = ("statistics", "activities", "awards", "coverage", "chronicle")  # what a 年报 usually holds


TITLE_LINE = ("# title: 标题              # 印在封面上（公文印在红头下）；分行印时写成列表 [第一行, 第二行]；\n"
              "#                          # 不写时为“图书馆 年份 年文档类型”\n"
              "# date: 某年某月           # 封面上的日期，照印（如 2025年1月）；不写时封面不印日期")
# A 工作总结 is printed as an official document (公文): templates/official.docx, with the letterhead, the number,
# the signature and the 版记 from report.yaml. A 年报 has a cover and contents (templates/report.docx).
OFFICIAL = """
template: official            # 公文样式（templates/official.docx）：红头、发文字号、标题、正文、落款、版记，
                              # 页码“— 1 —”；要封面和目录时删去此行（即用 templates/report.docx）
numbering:                    # 正文标题的层次序数（GB/T 9704）：# 一、 ## （一） ### 1. #### （1）
  summary: [一、, （一）, 1., （1）]
letterhead:                   # 红头：发文机关标志（多行写成列表），其下为发文字号
  name: {name}
  # number: 某图〔{issued}〕1号
# addressee: 上级主管部门                                   # 主送：印在标题下，顶格，后加全角冒号
# signature: {{organisation: {library}, date: {issued}-01-15}}     # 落款：单位和成文日期，印在正文之后
#                                           # 落款下另有附注时加 note: 联系人：…，电话：…（印为“（…）”）
# imprint:                                                  # 版记：抄送，印发机关和印发日期
#   cc: [上级主管部门]
#   issuer: {library}办公室
#   date: {issued}-01-15"""


def _official_lines(library: str, year: int, kind: str) -> str:
    if kind == KINDS[0]:
        return ""
    return OFFICIAL.format(name=_scalar(f"{library}文件"), library=library, issued=year + 1)


def _section_lines(kind: str) -> str:
    annual = kind == KINDS[0]
    lines = [_pad("  - {kind: summary, title: 工作总结}") + "# 正文：summary.md" if annual else
             _pad("  - {kind: summary}") + "# 正文：summary.md，其中 # 标题即 一、二、三、"]
    listed = [s for s in SECTIONS if annual and s[0] in ANNUAL]
    for name, title, comment in listed:
        lines.append(_pad(f"  - {{kind: {name}, title: {title}}}") + f"# {comment}；尚无内容时不印出")
    rest = [s for s in SECTIONS if s not in listed]
    lines.append("  # 报告还有下列内容时，去掉行首的“# ”（每种栏目的写法见 docs/sources.md）：")
    for name, title, comment in rest:
        lines.append(_pad(f"  # - {{kind: {name}, title: {title}}}") + f"# {comment}")
    return "\n".join(lines)


def _pad(text: str, column: int = 49) -> str:
    """`text` padded to `column` as an editor shows it (a Chinese character is two columns wide)."""
    width = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)
    return text + " " * max(column - width, 1)


SUMMARY = """\
<!--
正文（工作总结）。段落之间空一行；以 # 开头的行是一级标题（自动编号 一、二、三、），## 是二级标题（{second}），
标题的编号不要自己写。

数字可以从 statistics.yaml 引用，印出来与报告一致：
  接待读者{{{{ stats['到馆人次'] | unit }}}}       → 接待读者近 57.34 万人次（“近”写在 statistics.yaml 的 approx 里）
  新增藏书 {{{{ stats['新增藏书'] | unit }}}}      → 新增藏书 5000 余册
也可以照报告原样直接写出数字。写法见 docs/sources.md 的 summary.md 一节。
这段说明不会印出，可以删去。
-->

{hole}

# {hole}

{hole}
"""

STATISTICS = """\
# 统计数字。report.yaml 的 sections 中没有 statistics 栏目时，这里的数字只供 summary.md 引用，不印成表格。
#
# 每项写 name（项目）、unit（单位，照报告印的写：万册、万人次、场、%）、value（数字，照报告印的写）：
#   - {name: 馆藏总量, unit: 万册, value: 130.29}
# 报告印作“近 57.34 万人次”“5000 余册”时，约数词写在 approx 里（或直接写在数字前后：value: 近 57.34）；
# 报告在数字旁注明的范围写在 note 里：
#   - {name: 到馆人次, unit: 万人次, value: 57.34, approx: 近, note: 含分馆}
#   - {name: 新增藏书, unit: 册, value: 5000, approx: 余}
# 分项（parts）应当加起来等于总数；“其中”（of_which）不超过总数；百分比可以注明由哪两项算出，validate 会核对：
#   - name: 持证读者
#     unit: 人
#     value: 52000
#     of_which:
#       - {name: 少儿读者, unit: 人, value: 18500}
#       - {name: 少儿读者占比, unit: "%", value: 35.6, ratio: {part: 少儿读者}}   # 少儿读者 ÷ 持证读者
# 报告自己的数字对不上时，照印，并在那一项上用 accept 说明理由（validate 仍会列出，但不算错误）：
#   accept: {sum-mismatch: 印刷本如此，分项之和为 130.29}
items: []
"""

AWARDS = """\
# 所获荣誉（列入 report.yaml 的 sections 后才会印出）。每项一条，报告没写的可以不写：
#   - {{name: 全民阅读示范单位, by: 颁奖单位, date: {year}-11}}     # date 也可写 {year}年11月
#   - {{name: 优秀志愿服务项目, date: {year}年}}                    # 只有年份；没有颁奖单位
[]
"""

ACTIVITIES = """\
# 读者活动（列入 report.yaml 的 sections 后才会印出）。比例和合计由 libreport 计算。
# 报告只给出各类活动的场次和一个总人次时，人次（attendance）不写，合计写在 total 里：
# rows:
#   - {type: 公益讲座, sessions: 48, attendance: 3200}
#   - {type: 亲子阅读, sessions: 140}
# total:
#   attendance: 近 32000
rows: []
"""

COVERAGE = """\
# 宣传报道（列入 report.yaml 的 sections 后才会印出）。每条一项：
#   - {{date: {year}-03-08, outlet: 报刊或平台名称, section: 版面, title: 报道标题}}
# 报告不印“版面”一栏时不写 section:，该列不印。
# 报道较多时可从 Excel 导入：libreport import coverage {year} 报道.xlsx
[]
"""

CHRONICLE = """\
# 大事记（列入 report.yaml 的 sections 后才会印出）。日期照报告写：1月7日、4月24日-8月31日、12月、全年。
#   - {date: 1月7日, text: 当天的大事。}
[]
"""


# -- writing ------------------------------------------------------------------------

def _write(folder: Path, files: dict[str, str], templates: Path) -> None:
    from libreport.write import new_folder, write_texts

    try:
        with new_folder(folder, replace_empty=True) as tmp:
            write_texts(tmp, files)
            shutil.copytree(templates, tmp / "templates",
                            ignore=shutil.ignore_patterns("__pycache__", "~$*", ".~lock*"))
    except FileExistsError:  # filled by someone else meanwhile: never overwrite
        raise InitError(t("init_not_empty", folder=str(folder))) from None
