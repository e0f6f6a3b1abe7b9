"""Every diagnostic's wording, English and Chinese side by side, keyed by its code.

A call site names the code (and, where one code has several wordings, a variant: `code.variant`)
and passes the values once; the message is worded here, in the language of the run. The codes
are the same in both languages, so they can be searched and listed in tests.

A value that is itself worded differently in each language (a kind of thing, "nothing") is given
as `Both(en, zh)`; it takes the run's language when the message is formatted.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from libreport import i18n


class Both(NamedTuple):
    """A value worded in both languages."""

    en: str
    zh: str

    def __format__(self, spec: str) -> str:
        return format(self.zh if i18n.lang() == "zh" else self.en, spec)

    def __str__(self) -> str:
        return self.zh if i18n.lang() == "zh" else self.en


CATALOGUE: dict[str, tuple[str, str]] = {
    # -- reading files ---------------------------------------------------------------------------
    "file-too-large": ("the file is {size} MiB; libreport reads files up to {limit} MiB",
                       "文件大小为 {size} MiB，超过上限 {limit} MiB"),
    "file-too-large.nodes": ("the file has too many values to be a year's sources",
                             "文件中的值过多，不像是一年的源文件"),
    "unreadable": ("cannot read the file: {reason}", "无法读取该文件：{reason}"),
    "encoding": ("the file is GBK/GB18030-encoded (as Windows editors save it); it was read as such, "
                 "but save it as UTF-8",
                 "文件编码不是 UTF-8（应为 Windows 编辑器保存的 GBK/GB18030），已按该编码读取；请另存为 UTF-8"),
    "encoding.undecodable": ("the file is neither UTF-8 nor GBK/GB18030; save it as UTF-8",
                             "文件既不是 UTF-8 也不是 GBK/GB18030 编码，无法读取；请另存为 UTF-8"),
    "yaml-syntax.other": ("this is not valid YAML here: look at the indentation, the colons and the quotes",
                          "此处不是有效的 YAML：请检查缩进、冒号和引号"),
    "yaml-syntax.tab-indent": ("a tab in the indentation: YAML indents with spaces only; replace the tab with spaces",
                               "缩进中有制表符（Tab）：YAML 只能用空格缩进，请把制表符换成空格"),
    "yaml-syntax.tab": ("a tab here: YAML separates a key from its value with a space; replace the tab with a space",
                        "此处有制表符（Tab）：YAML 的键和值之间用空格分隔，请把制表符换成空格"),
    "yaml-syntax.colon": ("a second \": \" on this line: put a value that holds a colon in quotes "
                          "(title: \"a: b\"), or indent a key on a line of its own",
                          "此行多了一个“: ”：值中含有冒号时请给整个值加引号（title: \"甲: 乙\"），或把键另起一行缩进"),
    "yaml-syntax.dash": ("a list item (\"- \") where a value should be: start the list on the next line, indented "
                         "under its key", "此处不能写列表项（“- ”）：请把列表另起一行，缩进写在它的键下面"),
    "yaml-syntax.indent": ("this line is indented differently from the lines above it: the keys of one mapping start "
                           "in the same column, the items of one list each with \"- \" in the same column",
                           "此行的缩进与上文不一致：同一层的键要从同一列开始，同一列表的各项都以“- ”从同一列开始"),
    "yaml-syntax.star": ("a value cannot start with * in YAML (an alias); put it in quotes",
                         "YAML 中的值不能以 * 开头（那是别名），请给值加引号"),
    "yaml-syntax.anchor": ("a value cannot start with & in YAML (an anchor); put it in quotes",
                           "YAML 中的值不能以 & 开头（那是锚点），请给值加引号"),
    "yaml-syntax.escape": ("a backslash in double quotes starts an escape YAML does not know; write \\\\ for a "
                           "backslash, or put the value in single quotes",
                           "双引号中的反斜杠开始了一个 YAML 不认识的转义：反斜杠请写成 \\\\，或改用单引号"),
    "yaml-syntax.control": ("the character {char} is not allowed in YAML; delete it",
                            "YAML 中不能有字符 {char}，请删除它"),
    "yaml-alias": ("YAML anchors and aliases (&name / *name) are not supported; write the values out",
                   "不支持 YAML 锚点和别名（&名称 / *名称），请直接写出数值"),
    "yaml-alias.merge": ("YAML merge keys (<<) are not supported; write the values out",
                         "不支持 YAML 合并键（<<），请直接写出数值"),
    "duplicate-key": ("the key {key!r} appears twice in this mapping (first at line {first}); "
                      "the second would silently win",
                      "键 {key!r} 在同一映射中出现两次（首次在第 {first} 行），后者会悄悄覆盖前者"),
    # -- the shape of a file ---------------------------------------------------------------------
    "unknown-key": ("unknown key {key!r}; expected one of {allowed}", "未知的键 {key!r}；可用的键：{allowed}"),
    "flow-comma.number": ("{key!r} is the end of a number: inside {{ }} a comma ends an entry, so a thousands "
                          "comma splits the number; write it without the comma (5860) or in quotes (\"5,860\")",
                          "{key!r} 是数字的一部分：在 {{ }} 中逗号用来分隔各项，千位分隔的逗号会把数字拆开；"
                          "请去掉逗号（5860）或加上引号（\"5,860\"）"),
    "flow-comma.text": ("{key!r} is the rest of the text before it: inside {{ }} a comma ends an entry, so the text "
                        "was cut at its comma; put the whole text in quotes",
                        "{key!r} 是前面文字的后半部分：在 {{ }} 中逗号用来分隔各项，文字在逗号处被截断；"
                        "请给整段文字加上引号"),
    "unknown-key.hint": ("unknown key {key!r}; did you mean {hint!r}?",
                         "未知的键 {key!r}，是否应为 {hint!r}？可用的键：{allowed}"),
    "missing-key": ("{where} has no {key!r}", "{where} 缺少 {key!r}"),
    "missing-key.unit": ("{where} has a value but no unit", "{where} 有数值但没有单位"),
    "type": ("{what} should be {expected}, not {found}", "{what} 应为{expected}，而不是 {found}"),
    "empty": ("{what} is empty", "{what} 为空"),
    "empty.parts": ("parts is empty: a report needs at least one part", "parts 为空：报告至少需要一个部分"),
    "negative": ("{what} cannot be negative ({value})", "{what} 不能为负数（{value}）"),
    "missing-file": ("{folder} has no report.yaml, so it is not a year's sources",
                     "{folder} 中没有 report.yaml，不是一年的源文件"),
    "missing-file.section": ("the {section} section's file {file} does not exist",
                             "{section} 栏目的文件 {file} 不存在"),
    "missing-file.compare": ("year_over_year.compare_with names {year}, but that year has no sources",
                             "year_over_year.compare_with 指定了 {year} 年，但该年份没有源文件"),
    "unknown-section": ("unknown section kind {kind!r}; expected one of {allowed}",
                        "未知的栏目类型 {kind!r}；可用的类型：{allowed}"),
    "unknown-section.hint": ("unknown section kind {kind!r}; did you mean {hint!r}?",
                             "未知的栏目类型 {kind!r}，是否应为 {hint!r}？"),
    "section-file": ("{file} is already read as a {kind} section", "{file} 已作为 {kind} 栏目读取"),
    "year-mismatch": ("report.yaml says {year} but the folder is {folder}",
                      "report.yaml 中的年份为 {year}，但文件夹为 {folder}"),
    "to-fill": ("{what} has no value yet", "{what} 尚未填写"),
    "to-fill.activity": ("the activity row {type} has no {column} yet", "活动“{type}”的{column}尚未填写"),
    "to-fill.count": ("{group}: {label} has no count yet", "{group}：{label} 尚未填写"),
    "to-fill.skeleton": ("{file}: {title} is still the skeleton", "{file}：{title} 尚未填写"),
    "to-fill.placeholder": ("{file}: {where} still has the placeholder {marker}", "{file}：{where} 尚未填写"),
    # -- dates -----------------------------------------------------------------------------------
    "bad-date.span": ("{text!r} is not a date form libreport knows (1月7日, 4月24日-8月31日, 3月上旬, 12月, 4-6月, "
                      "下半年, 全年, 2021-01-07); for words no form fits, give the real span in date: and keep the "
                      "printed words in shown:",
                      "无法识别的日期 {text!r}（可写作 1月7日、4月24日-8月31日、3月上旬、12月、4-6月、下半年、全年、"
                      "2021-01-07）；没有合适写法时，date: 写实际的日期范围，印出的原文写在 shown: 里"),
    "bad-date.day": ("{text!r} is not a date (write 2021-01-08, 2021.1.8 or 2021年1月8日)",
                     "无法识别的日期 {text!r}（可写作 2021-01-08、2021.1.8 或 2021年1月8日）"),
    "impossible-date": ("there is no such date as {text!r}", "日期 {text!r} 不存在"),
    "reversed-range": ("the range {text!r} ends before it starts", "日期范围 {text!r} 的结束早于开始"),
    "date-outside-year": ("{text} is outside the report year {year}", "{text} 不在报告年度 {year} 年内"),
    # -- consistency -----------------------------------------------------------------------------
    "duplicate-coverage": ("this coverage row repeats the one at line {first} ({row})",
                           "此条媒体报道与第 {first} 行重复（{row}）"),
    "duplicate-event": ("this chronicle entry repeats the one at line {first}", "此条大事记与第 {first} 行重复"),
    "sum-mismatch": ("the parts of {item} add up to {total} but {item} is {value}",
                     "{item} 的分项合计为 {total}，但 {item} 为 {value}"),
    "count-mismatch": ("{item} is {value} but names {count}: the value of a counted list is how many it names "
                       "(leave value: out and it is counted)",
                       "{item} 写作 {value}，却列出 {count} 个名称：列出名称的项目，其数值即名称的个数（不写 value 即自动计数）"),
    "subset-exceeds": ("{sub} ({sub_value}) is part of {item} but exceeds it ({value})",
                       "{sub}（{sub_value}）属于 {item}，却大于 {item}（{value}）"),
    "unknown-reference": ("no statistics item {ref!r}", "综合统计中没有项目 {ref!r}"),
    "unknown-reference.ambiguous": ("no statistics item {ref!r} (the name is used more than once; "
                                    "use a path a/b or an id)",
                                    "统计项目名 {ref!r} 出现不止一次，无法确定所指；请写路径 a/b 或使用 id"),
    "activity-mismatch": ("{section} {type} disagrees with {statistics}: {detail}",
                          "{section}中“{type}”与{statistics}不一致：{detail}"),
    "share-sum": ("the {column} shares, each rounded half up to {places}, add up to {total}% rather than "
                  "{hundred}%; set `rounding: largest-remainder` to make the column add up",
                  "{column}比例逐项四舍五入（保留 {places}）后合计为 {total}%，而非 {hundred}%；如需合计恰为 "
                  "{hundred}%，请设置 rounding: largest-remainder"),
    "implausible-change": ("{item} went from {before} in {prev_year} to {now}, more than {factor}× either way; "
                           "check the figure",
                           "{item} 由 {prev_year} 年的 {before} 变为 {now}，变化超过 {factor} 倍，请核对"),
    # -- the summary -----------------------------------------------------------------------------
    "literal-figure": ("{text} ({kind}) is typed in the text and bound to no data: quote it from the data, or "
                       "mark it as meant: {{{{ '{text}' | literal }}}}",
                       "{text}（{kind}）是正文中直接写的，未与数据关联：请从数据引用，或标明照印：{{{{ '{text}' | literal }}}}"),
    "half-width-punctuation": ("a half-width {char} between Chinese characters; Chinese text takes the "
                               "full-width {full}", "中文之间用了半角的 {char}，应改为全角的 {full}"),
    "heading-number": ("this heading is numbered by hand; libreport numbers headings itself, "
                       "so the number would print twice",
                       "此标题手工写了序号；libreport 会自动编号，序号将重复出现"),
    "unknown-data": ("{expr} names data that does not exist: {reason}", "{expr} 引用了不存在的数据：{reason}"),
    "unknown-data.table-file": ("{expr} quotes {table}, which report.yaml does not list: to print the table, list it "
                                "among the sections ({{kind: table, file: {table}}}); to quote it without printing "
                                "it, add data: [{table}] to report.yaml",
                                "{expr} 引用了 {table}，但 report.yaml 中没有列出它：要印出这张表，请在 sections 中列出"
                                "（{{kind: table, file: {table}}}）；只引用其中的数字而不印表时，请在 report.yaml 中写 "
                                "data: [{table}]"),
    "unknown-data.table": ("{expr} quotes a table named {key!r}, which the year does not have (its tables: "
                           "{known}); a table is named by its file (branches.yaml is tables['branches']), title or "
                           "caption",
                           "{expr} 引用的表格 {key!r} 不存在（本年的表格：{known}）；表格按文件名（branches.yaml 即 "
                           "tables['branches']）、标题或表题引用"),
    "summary-syntax": ("this expression is not valid: {reason}", "表达式有误：{reason}"),
    "summary-expression": ("{expr} cannot be computed: {reason}", "{expr} 无法计算：{reason}"),
    "summary-expression.block": ("an expression cannot be computed: {reason}", "表达式无法计算：{reason}"),
    # -- templates and output --------------------------------------------------------------------
    "template.open": ("{docx} cannot be opened as a Word document: {reason}",
                      "{docx} 无法作为 Word 文档打开：{reason}"),
    "template.part": ("{docx} has no {part}", "{docx} 中没有 {part}"),
    "template.body": ("{docx} has no paragraph {marker!r} where the report goes",
                      "{docx} 中没有标明正文位置的段落 {marker!r}"),
    "template.snippets": ("snippets.yaml is missing from the template folder", "模板目录中缺少 snippets.yaml"),
    "template.unset": ("{setting} is not set", "未设置 {setting}"),
    "template.style": ("{setting}: {docx} has no style named {name!r}", "{setting}：{docx} 中没有名为 {name!r} 的样式"),
    "template.render": ("{setting} in snippets.yaml cannot be rendered: {reason}",
                        "snippets.yaml 中的 {setting} 无法生成：{reason}"),
    "pdf": ("the PDF cannot be made: {reason}", "无法导出 PDF：{reason}"),
    "pdf.missing": ("the report was written without its PDF: --pdf needs LibreOffice; install it with {install}",
                    "报告已生成，但没有 PDF：--pdf 需要 LibreOffice，安装方法：{install}"),
    "locked": ("{file} is open in another program (lock file {lock}); close it and build again",
               "{file} 正被其他程序打开（锁文件 {lock}），请关闭后重新生成"),
    "write": ("cannot write {file}: {reason}", "无法写入 {file}：{reason}"),

    # -- paths, limits and duplicates ------------------------------------------------------------
    "yaml-syntax.unclosed": ("the {what} that starts here is never closed; YAML gives up at line {line}",
                             "此处开始的{what}没有闭合，YAML 读到第 {line} 行无法继续"),
    "yaml-depth": ("the values nest more than {depth} levels deep; a source file never needs that many",
                   "数据嵌套超过 {depth} 层；源文件不需要这么多层"),
    "encoding.binary": ("the file holds NUL characters: it is not a text file, or it is UTF-16 saved without "
                        "its byte-order mark; save it as UTF-8",
                        "文件中含有 NUL 字符：它不是文本文件，或是不带字节顺序标记的 UTF-16；请另存为 UTF-8"),
    "not-a-file": ("{file} is not a regular file (a pipe or a device); libreport reads only files",
                   "{file} 不是普通文件（而是管道或设备）；libreport 只读取普通文件"),
    "not-a-file.folder": ("{file} is a folder, but a file is expected here", "{file} 是文件夹，但此处应为文件"),
    "not-a-file.dangling": ("{file} is a symbolic link to {target}, which does not exist",
                            "{file} 是指向 {target} 的符号链接，但链接的目标不存在"),
    "not-a-file.loop": ("{file} is a symbolic link that leads back to itself", "{file} 是循环指向自身的符号链接"),
    "not-a-file.dangling-year": ("{file} is a symbolic link to {target}, which does not exist; a year's sources "
                                 "are a folder",
                                 "{file} 是指向 {target} 的符号链接，但链接的目标不存在；一年的源文件应是一个文件夹"),
    "not-a-file.in-the-way": ("{file} is a file where a folder of the output goes; move it away",
                              "{file} 是文件，而此处应为输出的文件夹；请将其移走"),
    "not-a-file.not-folder": ("{file} is a file, but a year's folder is expected here",
                              "{file} 是文件，但此处应为年份文件夹"),
    "not-a-file.config-not-folder": ("{written!r} is a file, but a folder is expected here",
                                     "{written!r} 是文件，但此处应为文件夹"),
    "empty-file.report": ("{file} is empty; it should hold the library, the year, the title and the parts of the "
                          "report with their sections",
                          "{file} 为空；应写明 library（图书馆）、year（年份）、title（标题）和 parts（报告各部分及栏目）"),
    "empty-file.statistics": ("{file} is empty; it should hold `items:`, the statistics items with their units "
                              "and values",
                              "{file} 为空；应写明 items:，即各统计项目及其单位和数值"),
    "empty-file.activities": ("{file} is empty; it should hold `rows:`, one row per type of activity with its "
                              "sessions and attendance",
                              "{file} 为空；应写明 rows:，每类活动一行，写明场次和人次"),
    "to-fill.empty-summary": ("{file} is empty; write the text of the {section} section in it",
                              "{file} 为空；请写入“{section}”栏目的正文"),
    "empty-file.snippets": ("{file} is empty; it should hold the report's wording (title, output_name, headings "
                            "…), the table columns, widths and styles",
                            "{file} 为空；应写明年报的措辞（title、output_name、各级标题等）以及表格的 columns、widths 和 styles"),
    "empty-file.config": ("{file} is empty; the defaults are used (sources: this folder, templates: the bundled "
                          "ones, output: build)",
                          "{file} 为空；使用默认设置（sources：本文件夹，templates：自带模板，output：build）"),
    "path-outside.section-absolute": ("file: {written!r} is an absolute path; write the file's name relative to the "
                                      "year folder",
                                      "file: {written!r} 是绝对路径；请写相对于年份文件夹的文件名"),
    "path-outside.section-parent": ("file: {written!r} leads out of the year folder (..); a year's files must be in "
                                    "its own folder",
                                    "file: {written!r} 指向年份文件夹之外（..）；一年的文件必须放在该年份的文件夹中"),
    "path-outside.section-link": ("{written!r} is a link to a file outside the year folder; nothing was read from it",
                                  "{written!r} 是指向年份文件夹之外的链接；未读取其内容"),
    "path-outside.config-absolute": ("{key}: {written!r} is an absolute path; write the folder of {what} relative to "
                                     "this file's folder, or give it on the command line",
                                     "{key}: {written!r} 是绝对路径；请写{what}相对于本文件所在文件夹的路径，或在命令行中指定"),
    "path-outside.config-parent": ("{key}: {written!r} leads out of the project folder (..); the folder of {what} "
                                   "must be inside the folder of this file, or be given on the command line",
                                   "{key}: {written!r} 指向项目文件夹之外（..）；{what}所在文件夹必须位于本文件所在文件夹之内，"
                                   "或在命令行中指定"),
    "path-outside.config-link": ("{key}: {written!r} is a link to a folder outside the project folder; the folder of "
                                 "{what} must be inside the folder of this file, or be given on the command line",
                                 "{key}: {written!r} 是指向项目文件夹之外的链接；{what}所在文件夹必须位于本文件所在文件夹之内，"
                                 "或在命令行中指定"),
    "path-outside.output-is-sources": ("output is the folder of the year sources: each report would be written "
                                       "into a year's folder; choose another folder (output: build)",
                                       "output 与年份源文件是同一个文件夹：年报会写进各年份文件夹；请另选文件夹（output: build）"),
    "path-outside.default": ("{file} is a link to a folder outside the project folder; {key} must stay inside it",
                             "{file} 是指向项目文件夹之外的链接；{key} 必须位于项目文件夹之内"),
    "path-outside.year": ("{file} is a link to a folder outside {root}; a year's folder must be in the folder of "
                          "the year sources",
                          "{file} 是指向 {root} 之外的链接；年份文件夹必须位于存放各年份的文件夹中"),
    "path-outside.template": ("{file} is a link to a file outside the template folder; nothing was read from it",
                              "{file} 是指向模板文件夹之外的链接；未读取其内容"),
    "path-outside.output": ("{folder} is a link to a folder outside the output folder; the report was not written",
                            "{folder} 是指向输出文件夹之外的链接；未写入年报"),
    "output-name.empty": ("the report's file name comes out empty (output_name gives {name!r}); change output_name "
                          "in snippets.yaml or give --name",
                          "年报的文件名为空（output_name 得到 {name!r}）；请修改 snippets.yaml 中的 output_name，或使用 --name"),
    "output-name.long": ("the report's file name {name!r} is longer than {limit} bytes; shorten output_name in "
                         "snippets.yaml or give --name",
                         "年报的文件名 {name!r} 超过 {limit} 字节；请缩短 snippets.yaml 中的 output_name，或使用 --name"),
    "bad-character": ("{what} holds the character U+{char}, which a Word document cannot hold; delete the escape "
                      "that wrote it",
                      "{what} 含有字符 U+{char}，Word 文档无法容纳；请删除写出它的转义序列"),
    "bad-character.sheet": ("{what} holds the character U+{char}, which a Word document cannot hold; delete it from "
                            "the cell (it may not show in Excel)",
                            "{what} 含有字符 U+{char}，Word 文档无法容纳；请从该单元格中删除它（Excel 中可能看不到）"),
    "bad-character.prose": ("the text holds the character U+{char}, which a Word document cannot hold; delete it "
                            "(most editors do not show it: it stands at this line and column)",
                            "正文含有字符 U+{char}，Word 文档无法容纳；请删除它（多数编辑器不显示该字符，它位于此行此列）"),
    "too-many-digits": ("{value} has {digits} digits; libreport keeps a figure exactly up to {limit} digits",
                        "{value} 有 {digits} 位数字；libreport 只能精确保存不超过 {limit} 位的数字"),
    "duplicate-award": ("this award repeats the one at line {first} ({name})", "此条荣誉与第 {first} 行重复（{name}）"),
    "duplicate-activity": ("the activity type {type!r} is already listed at line {first}; this row is left out of "
                           "the totals and shares",
                           "活动类型 {type!r} 已在第 {first} 行列出；此行不计入合计和比例"),
    "duplicate-id": ("the id {id!r} is already used at line {first}", "id {id!r} 已在第 {first} 行使用"),
    "duplicate-id.name": ("the id {id!r} is also the name of the item at line {first}; a reference to it would be "
                          "ambiguous",
                          "id {id!r} 与第 {first} 行项目的名称相同，引用时无法区分"),
    "duplicate-item": ("{item!r} is listed twice under the same heading (first at line {first})",
                       "{item!r} 在同一层级下出现两次（首次在第 {first} 行）"),
    "duplicate-group": ("{label!r} is listed twice in {group} (first at line {first})",
                        "{label!r} 在“{group}”中出现两次（首次在第 {first} 行）"),
    "template.count": ("{setting} has {found} entries, but the table has {expected} columns",
                       "{setting} 有 {found} 项，但该表格有 {expected} 列"),
    "template.zero": ("{setting} is 0; a column needs a width greater than 0", "{setting} 为 0；列宽必须大于 0"),
    "file-too-large.prose": ("the file is {size} KiB; a summary is read up to {limit} KiB (split a longer text "
                             "into several summary sections)",
                             "文件大小为 {size} KiB；工作总结最多读取 {limit} KiB（更长的文字请分成几个 summary 栏目）"),
    "too-many": ("{count} more {kind} in this file, after the {shown} above; correct those and run again",
                 "此文件中另有 {count} 处 {kind}（上面已列出 {shown} 处）；请先改正上述问题再运行"),
    "too-many-expressions": ("{file} has more than {limit} expressions; the ones after this are not computed",
                             "{file} 中的表达式超过 {limit} 个；此处之后的表达式不再计算"),


    # -- page layout and templates staff edit ----------------------------------------------------
    "to-fill.missing": ("report.yaml lists {section}, but {file} does not exist yet; the section is left out of "
                        "the report until it does",
                        "report.yaml 列有“{section}”，但 {file} 尚不存在；在该文件建立前，报告中不印此栏目"),
    "to-fill.section": ("{file}: {section} has no rows yet; it is left out of the report, and of its table of "
                        "contents, until it has",
                        "{file}：“{section}”尚无数据；在填写之前，报告及目录中不印此栏目"),
    "template.block": ("{docx}: {marker} must stand once, alone in a paragraph of the page body (not in a "
                       "table, a text box or beside other text)",
                       "{docx}：{marker} 只能出现一次，且须单独成段、位于正文中（不能在表格、文本框里或与其他文字同段）"),


    # -- report structure: sections, headings, tables, pictures ----------------------------------
    "report-contents": ("report.yaml lists no sections: give `parts:` (parts holding sections) or `sections:`",
                        "report.yaml 没有列出栏目：请写 parts:（分部分列出栏目）或 sections:（直接列出栏目）"),
    "report-contents.both": ("report.yaml gives both `parts:` and `sections:`; list the sections under one of them",
                             "report.yaml 同时写了 parts: 和 sections:，只能用其中一种列出栏目"),
    "empty.sections": ("sections is empty: a report needs at least one section", "sections 为空：报告至少需要一个栏目"),
    "numbering-form": ("{form!r} shows no number: write the first heading's number as the report prints it, "
                       "e.g. {examples}, or \"\" for none",
                       "{form!r} 中没有序号：请按报告的样子写出第一个标题的序号，如 {examples}；不编号写 \"\""),
    "numbering-levels": ("the summary has at most {levels} heading levels (# to ####)",
                         "工作总结的标题最多 {levels} 级（# 至 ####）"),
    "numbering-levels.run_in": ("run_in is a summary heading level, 1 to {levels}",
                                "run_in 应为工作总结的标题级别，1 至 {levels}"),
    "signature-date": ("the signature is dated {date}, before the year {year} the report is about",
                       "落款日期 {date} 早于报告年度 {year} 年"),
    "signature-date.other": ("{what} is dated {date}, before the year {year} the report is about",
                             "{what}日期 {date} 早于报告年度 {year} 年"),
    "document-number": ("the document number {number} writes its year in {written}: an official document's number "
                        "writes it in 六角括号, {right}",
                        "发文字号 {number} 中的年份写作 {written}；公文的发文字号年份应使用六角括号：{right}"),
    "document-number.year": ("the document number {number} is of a year before {year}, the year the report is "
                             "about: a number left from an earlier report?",
                             "发文字号 {number} 的年份早于报告年度 {year} 年，是否沿用了以前报告的字号？"),
    "template-document": ("the template folder {folder} has no {docx}: template: names a Word document of it "
                          "({found})",
                          "模板目录 {folder} 中没有 {docx}：template: 应为该目录中的 Word 文档（{found}）"),
    "template-document.name": ("template: {name!r} names a document of the template folder (official, report), "
                               "not a path", "template: {name!r} 应为模板目录中文档的名称（official、report），不是路径"),
    "markdown.emphasis": ("an * or ~~ here has no partner, so it would print as written; close the **bold** or "
                          "*italic*, or write \\* for an asterisk",
                          "此处的 * 或 ~~ 没有配对，将原样印出；请补全 **粗体** 或 *斜体*，星号本身请写 \\*"),
    "markdown.heading-level": ("headings go down to #### (four levels); this one is printed as a #### heading",
                               "标题最多四级（####），此标题按第四级印出"),
    "markdown.figures-directive": ("<!-- figures: … --> sets the figures' spacing: {{spacing: true}}, "
                                   "{{spacing: false}} or {{spacing: chinese}}",
                                   "<!-- figures: … --> 设定数字与汉字间的空格：{{spacing: true}}、{{spacing: false}} 或 "
                                   "{{spacing: chinese}}"),
    "markdown.quote": ("quotations (>) are not printed as such; their text is printed as ordinary paragraphs",
                       "不支持引用（>），其文字按普通段落印出"),
    "markdown.code": ("code blocks are not printed as such; their text is printed as an ordinary paragraph",
                      "不支持代码块，其文字按普通段落印出"),
    "markdown.code-inline": ("`code` is printed as ordinary text", "`代码` 按普通文字印出"),
    "markdown.rule": ("a horizontal rule (---) is not printed; leave a blank line between paragraphs instead",
                      "不支持分隔线（---），不会印出；段落之间空一行即可"),
    "markdown.html": ("HTML is not printed; write the text in Markdown", "不支持 HTML，不会印出；请用 Markdown 书写"),
    "markdown.table": ("a table in the summary is not printed; give it its own section of kind `table` "
                       "(see docs/sources.md)",
                       "工作总结中的表格不会印出；请把表格写成 kind: table 的栏目（见 docs/sources.md）"),
    "markdown.link": ("a printed report cannot follow a link: its text is printed, its address is left out",
                      "印刷的报告无法点击链接：只印出链接文字，不印网址"),
    "markdown.inline-picture": ("a picture stands on a line of its own: it is printed after the text of its "
                                "paragraph", "图片应单独成段，将印在所在段落的文字之后"),
    "table-rows.both": ("a table's rows are written under `rows:` or read `from:` a sheet, not both",
                        "表格的行要么写在 rows: 下，要么用 from: 从表格文件读取，不能两者都写"),
    "table-column.twice": ("a column named {name!r} is already declared at line {first}",
                           "名为 {name!r} 的列已在第 {first} 行声明"),
    "table-column.of": ("the share column {name!r} is of {of!r}, which is not a number column of this table "
                        "(number columns: {numbers})",
                        "比例列 {name!r} 的 of: {of!r} 不是本表的数字列（数字列：{numbers}）"),
    "table-column.of-not-share": ("{name!r} is a {type} column, and only share, percent and change columns have "
                                  "`of:`: a share is of one number column (of: 接待读者), a percentage or a change is "
                                  "of two (of: [完成数, 全年目标], of: [2023年, 2022年])",
                                  "{name!r} 是 {type} 列，只有比例（share）、百分数（percent）和增减（change）列才写 "
                                  "of:：比例写一个数字列（of: 接待读者），百分数和增减写两个（of: [完成数, 全年目标]、"
                                  "of: [2023年, 2022年]）"),
    "table-column.unit": ("only a number column has a unit ({name!r} is not one)",
                          "只有数字列才有单位（{name!r} 不是数字列）"),
    "table-cell.share": ("{column} is a share column: its cells are computed, leave them out",
                         "{column} 是比例列，由程序计算，不要填写"),
    "table-row": ("this row has {found} cells, more than the {expected} written columns ({names}); a share "
                  "column is computed and not written",
                  "此行有 {found} 个单元格，多于需要填写的 {expected} 列（{names}）；比例列由程序计算，不必填写"),
    "table-row.beyond": ("the cell {cell} ({value!r}) stands right of the header row's last column, and nothing "
                         "reads it: give its column a heading, or in a CSV file put a figure or text that holds a "
                         "comma in quotes (\"1,000\")",
                         "单元格 {cell}（{value!r}）在表头最后一列的右边，不会被读取：请给该列加上列名；若是 CSV 文件，"
                         "含逗号的数字或文字请加引号（\"1,000\"）"),
    "table-cell.formula": ("the cell {cell} holds a formula ({formula}) with no value saved with it: open the file "
                           "in Excel or WPS and save it, so that the value is stored",
                           "单元格 {cell} 是公式（{formula}），但没有保存计算结果：请用 Excel 或 WPS 打开该文件并保存，"
                           "以保存计算结果"),
    "share-sum.zero": ("the {column} shares are left empty: the {of} column adds up to 0, and no share of 0 is a "
                       "number",
                       "{column}比例空着：{of}列合计为 0，无法计算比例"),
    "table-sheet.outside": ("{sheet} lies outside the year folder; keep the sheet beside report.yaml",
                            "{sheet} 在年度文件夹之外；请把表格文件放在 report.yaml 所在的文件夹中"),
    "table-sheet.missing": ("there is no sheet {sheet}", "表格文件 {sheet} 不存在"),
    "table-sheet.folder": ("{sheet} is a folder, not a sheet (.xlsx or .csv)",
                           "{sheet} 是文件夹，不是表格文件（.xlsx 或 .csv）"),
    "table-sheet.dangling": ("{sheet} is a symbolic link to {target}, which does not exist",
                             "{sheet} 是指向 {target} 的符号链接，但链接的目标不存在"),
    "table-sheet.special": ("{sheet} is not a regular file (a pipe or a device)",
                            "{sheet} 不是普通文件（而是管道或设备）"),
    "table-sheet.loop": ("{sheet} is a symbolic link that leads back to itself", "{sheet} 是循环指向自身的符号链接"),
    "table-sheet.unreadable": ("{sheet} cannot be read: {reason}", "无法读取 {sheet}：{reason}"),
    "table-sheet.header": ("{sheet} has no header row naming the columns {columns} (within its first 30 rows)",
                           "{sheet} 的前 30 行中没有列名为 {columns} 的表头行"),
    "to-fill.table": ("{file}: the table has no rows yet", "{file}：表格尚无数据行"),
    "bad-date.table": ("{text!r} is not a date form libreport knows (2023-05-01, 2023年5月1日, 2023-05, 5月1日, "
                       "4-6月, 全年)",
                       "无法识别的日期 {text!r}（可写作 2023-05-01、2023年5月1日、2023-05、5月1日、4-6月、全年）"),
    "table-column.percent-unit": ("{name!r} may only have the unit \"%\": a share, percent or change column with it "
                                  "prints the % in its heading ({name}（%）) and its cells without it, not {unit!r}",
                                  "{name!r} 的单位只能是 \"%\"：比例、百分数或增减列写了它，百分号印在表头"
                                  "（{name}（%）），单元格中不再印出；不能是 {unit!r}"),
    "table-column.change-of": ("the change column {name!r} compares two number columns declared before it: "
                               "write of: [this year's, the one compared with] (number columns: {numbers})",
                               "增减列 {name!r} 比较在它之前声明的两个数字列：请写 of: [本年的列, 比较的列]"
                               "（数字列：{numbers}）"),
    "change-mismatch": ("{column} of {row} is printed {printed}, but {new} against {old} is {computed}, more than "
                        "its printed places allow",
                        "“{row}”的{column}印为 {printed}，但 {new} 比 {old} 为 {computed}，超出所印位数允许的误差"),
    "change-mismatch.difference": ("{column} of {row} is printed {printed}, but {new} less {old} is {computed}",
                                   "“{row}”的{column}印为 {printed}，但 {new} 减 {old} 为 {computed}"),
    "sum-mismatch.table": ("the rows of {column} add up to {total} but {label} is {value}",
                           "{column}各行之和为 {total}，但{label}为 {value}"),
    "picture-turned": ("the photo {src} is stored turned, with a note saying which way up it goes (EXIF "
                       "orientation), which Word does not follow: open it in a photo editor, turn it upright and save",
                       "照片 {src} 以旋转后的方向存储，仅靠 EXIF 方向标记显示为正，Word 不会据此旋转；"
                       "请用图片编辑器把它转正后另存"),
    "caption-alone": ("the picture {caption!r} names no file: its caption is printed alone; name the picture "
                      "when it is to hand: ![caption](photos/name.jpg)",
                      "图片“{caption}”没有写文件名：只印出图题；有图片时写作 ![图片说明](photos/文件名.jpg)"),
    "picture.remote": ("{src} is not a file in the year folder; download the picture into it and name it there",
                       "{src} 不是年度文件夹中的文件；请把图片下载到年度文件夹中再引用"),
    "picture.outside": ("{src} lies outside the year folder; pictures must be inside it (e.g. photos/name.jpg)",
                        "{src} 在年度文件夹之外；图片须放在年度文件夹中（如 photos/文件名.jpg）"),
    "picture.missing": ("there is no picture {src}", "图片 {src} 不存在"),
    "picture.folder": ("{src} is a folder, not a picture", "{src} 是文件夹，不是图片"),
    "picture.dangling": ("{src} is a symbolic link to {target}, which does not exist",
                         "{src} 是指向 {target} 的符号链接，但链接的目标不存在"),
    "picture.special": ("{src} is not a regular file (a pipe or a device)", "{src} 不是普通文件（而是管道或设备）"),
    "picture.unreadable": ("cannot read the picture {src}: {reason}", "无法读取图片 {src}：{reason}"),
    "picture.large": ("the picture {src} is {size} MiB; pictures may be up to {limit} MiB (save it smaller)",
                      "图片 {src} 为 {size} MiB，超过上限 {limit} MiB（请另存为较小的图片）"),
    "picture.pixels": ("the picture {src} is {width} × {height} pixels, too large to print; save it smaller",
                       "图片 {src} 为 {width} × {height} 像素，过大无法印出；请另存为较小的图片"),
    "picture.broken": ("the picture {src} is not a whole {format} file (cut off or damaged)",
                       "图片 {src} 不是完整的 {format} 文件（被截断或已损坏）"),
    "picture.format": ("the picture {src} is not JPEG or PNG ({format}); save it as JPEG or PNG",
                       "图片 {src} 不是 JPEG 或 PNG 格式（{format}），请另存为 JPEG 或 PNG"),


    # -- figures as printed, acknowledgments, percentages, year over year ------------------------
    "type.magnitude": ("{what} should be a number, not {text!r}: 万 and 亿 belong to the unit "
                       "(value: 57.34, unit: 万人次)",
                       "{what} 应为数字，而不是 {text!r}：万、亿属于单位（value: 57.34，unit: 万人次）"),
    "type.percent": ("{what} should be a number, not {text!r}: the % sign belongs to the unit (value: 35.2, unit: \"%\")",
                     "{what} 应为数字，而不是 {text!r}：百分号属于单位（value: 35.2，unit: \"%\"）"),
    "type.approx": ("{what}: {text!r} — a figure carries at most one approximation word, and it is one of {words}",
                    "{what}：{text!r}——一个数字至多带一个约数词，可用：{words}"),
    "ratio-mismatch": ("{item} is printed as {printed}, but {part} ÷ {whole} gives {computed}, more than "
                       "its printed precision allows",
                       "{item} 印为 {printed}，但 {part} ÷ {whole} 得 {computed}，超出所印精度允许的误差"),
    "ratio-mismatch.approx": ("{item} is printed as {printed}, but {part} ÷ {whole} gives {computed}, "
                              "which {word} does not allow", "{item} 印为 {printed}，但 {part} ÷ {whole} 得 {computed}，与“{word}”不符"),
    "bad-date.cover": ("{text!r} is not a month or a day to print on the cover (write 2022年1月, 2022 年 1 月, "
                       "2022-01, 2022年1月10日 or 二〇二二年一月)",
                       "无法识别的封面日期 {text!r}（可写作 2022年1月、2022 年 1 月、2022-01、2022年1月10日、二〇二二年一月）"),
    "bad-date.award": ("{text!r} is not a year and month, a year or a day (write {year}-04, {year}年4月, {year}年, 全年 "
                       "or {year}年4月23日)",
                       "无法识别的获奖时间 {text!r}（可写作 {year}-04、{year}年4月、{year}年、全年、{year}年4月23日）"),
    "sum-mismatch.activities": ("the rows' {column} add up to {total} but the total gives {value}",
                                "各行{column}合计为 {total}，但 total 给出的合计为 {value}"),
    "unit-mismatch.activity": ("{type}'s {column} is counted one by one but {item} is in {unit}; "
                               "they are not compared (no unit is converted)",
                               "“{type}”的{column}按个数计，而 {item} 的单位是 {unit}；两者不作比较（单位不会自动换算）"),
    "yaml-syntax.quote": ("a value cannot start with {char} in YAML; put it in quotes: unit: \"{char}\"",
                          "YAML 中的值不能以 {char} 开头，请加引号：unit: \"{char}\""),
    "stale-accept": ("accept: {which} acknowledges nothing here: this entry has no {which} diagnostic; "
                     "delete the line", "accept: {which} 无可确认：此条目没有 {which} 诊断，请删除此行"),
    "stale-accept.hint": ("accept: {which!r} is not a diagnostic code; did you mean {hint!r}?",
                          "accept: {which!r} 不是诊断代码，是否应为 {hint!r}？"),
    "stale-accept.unknown": ("accept: {which!r} is not a diagnostic code (the code is the word after the "
                             "severity in validate's output)",
                             "accept: {which!r} 不是诊断代码（代码即 validate 输出中严重程度之后的词）"),
    "other-library": ("year_over_year.compare_with names {year}, which is {other}'s report, not {library}'s; "
                      "years are compared only within one library",
                      "year_over_year.compare_with 指定的 {year} 年是{other}的报告，而非{library}的；"
                      "只在同一图书馆的年份之间比较"),
    "unit-mismatch.year": ("{item} is counted in {unit} this year but in {prev_unit} in {prev_year}; "
                           "the two years are not compared (no unit is converted)",
                           "{item} 本年单位为 {unit}，{prev_year} 年为 {prev_unit}；两年不作比较（单位不会自动换算）"),
    "type.exact": ("{what}: {text} is not an approximation word: the figure after it is exact; leave {text} out "
                   "of the value and write it in the text (approximation words: {words})",
                   "{what}：“{text}”不是约数词，其后的数字是确数；数值中去掉“{text}”，把它写在正文里（约数词：{words}）"),
    "type.vague": ("{what}: {text!r} is a word for a rough size, not a figure; write it in the text as it is",
                   "{what}：{text!r} 是表示大概数量的词语，不是数字；请照原样写在正文里"),
    "unit-mismatch.parts": ("the parts of {item} are not added up and checked against it: {parts} "
                            "counted in other units than {unit} (no unit is converted)",
                            "{item} 的分项未相加核对：{parts} 的单位与 {unit} 不同（单位不会自动换算）"),
    "unit-mismatch.of-which": ("{sub} ({sub_unit}) is not compared with {item} ({unit}): no unit is converted",
                               "{sub}（{sub_unit}）未与 {item}（{unit}）比较：单位不会自动换算"),
    "unit-mismatch.of-which-apart": ("{sub} ({sub_unit}) is not compared with {item} ({unit}): they count "
                                     "different things (场, 场次 and 次 count the same; 人 under 人次 is compared "
                                     "as at most the total)",
                                     "{sub}（{sub_unit}）未与 {item}（{unit}）比较：两者计量的不是同一种东西"
                                     "（场、场次、次计量相同；人次之下的人数按不超过总数比较）"),
    "table-column.thousands": ("only a number column groups thousands ({name!r} is not one)",
                               "只有数字列才有千位分隔（{name!r} 不是数字列）"),
    # sections without a title are named by their file alone
    "to-fill.skeleton-untitled": ("{file} is still the skeleton: write the text in place of {marker}",
                                  "{file} 尚未填写：请把{marker}换成正文"),
    "to-fill.placeholder-untitled": ("{file} still has the placeholder {marker}", "{file} 中仍有{marker}"),
    "missing-file.untitled": ("report.yaml lists {file}, which does not exist", "report.yaml 列有 {file}，但该文件不存在"),
    "to-fill.missing-untitled": ("report.yaml lists {file}, which does not exist yet; the section is left out of "
                                 "the report until it does",
                                 "report.yaml 列有 {file}，但该文件尚不存在；在该文件建立前，报告中不印此栏目"),
    "to-fill.empty-summary-untitled": ("{file} is empty; write the text in it", "{file} 为空，请在其中写正文"),
    "to-fill.section-untitled": ("{file} has no rows yet; it is left out of the report until it has",
                                 "{file} 尚无数据；在填写之前，报告中不印此栏目"),

    # -- faithful transcription: parts without a heading, ratios across units, empty lists, printed dates ---
    "missing-key.part": ("{where} has neither a title (its heading) nor a header (the running header of a part "
                         "printed without a heading)",
                         "{where} 既无 title（部分标题），也无 header（不印标题的部分的页眉）"),
    "unit-mismatch.ratio": ("{item} ({unit}) divides {other}, which is a percentage or a ratio itself, not a count: "
                            "the ratio is not checked",
                            "{item}（{unit}）的计算涉及 {other}，但它本身是百分比或比率，不是计数：不核对此比率"),
    "unit-mismatch.ratio-magnitudes": ("{other} is counted in {other_unit}, whose measure words are not all of one "
                                       "magnitude (万, 亿): the ratio {item} is not checked",
                                       "{other} 的单位 {other_unit} 中各量词的数量级（万、亿）不一致：不核对比率 {item}"),
    "unit-mismatch.per-unit": ("{item} is printed in {unit}, {per} per {each}, but {part} is counted in {part_unit} "
                               "and {whole} in {whole_unit}: the ratio is not checked (only 万 and 亿 are converted)",
                               "{item} 的单位为 {unit}（每{each}的{per}数），但 {part} 以 {part_unit} 计、{whole} 以 "
                               "{whole_unit} 计：不核对此比率（只换算万、亿）"),
    "missing-key.shown": ("{where} has shown: (the date as printed) but no date: (the date it stands for, which "
                          "is checked)", "{where} 有 shown（印刷的日期），但缺少 date（其所指的日期，用于核对）"),
    "to-fill.staff": ("{file}: {item} has no groups yet; its table is left out of the report until it has",
                      "{file}：{item} 尚无分组数据；在填写之前，报告中不印此表"),
    "to-fill.group-row": ("{file}: {item} has neither a value nor rows under it yet; it is left out of the table "
                          "until it has",
                          "{file}：{item} 既无数值也无下属项目；在填写之前，表中不印此行"),
    "to-fill.list": ("{file}: {item} lists no {key} yet", "{file}：{item} 的 {key} 尚未列出任何项目"),
    "to-fill.blank-summary": ("{file} holds only comments; write the text of the {section} section in it (until "
                              "then it is left out of the report)",
                              "{file} 中只有注释；请写入“{section}”的正文（在此之前报告中不印此栏目）"),

    # -- tables: percentages of two columns, charts, figures not given; stated changes; figures the prose prints --
    "table-column.share-of-list": ("the share column {name!r} is a share of one number column's sum (of: 接待读者); "
                                   "a percentage of one column over another is a column of type percent: "
                                   "{{name: {name}, type: percent, of: [the part, the whole]}}",
                                   "比例列 {name!r} 是某一数字列各行占合计的比例，of: 只写一个列名（of: 接待读者）；"
                                   "一列除以另一列的百分数请写成 type: percent："
                                   "{{name: {name}, type: percent, of: [部分, 整体]}}"),
    "table-column.percent-of": ("the percent column {name!r} divides two number columns declared before it: write "
                                "of: [the part, the whole], as of: [完成数, 全年目标] (number columns: {numbers})",
                                "百分数列 {name!r} 由在它之前声明的两个数字列相除而得：请写 of: [部分, 整体]，如 "
                                "of: [完成数, 全年目标]（数字列：{numbers}）"),
    "ratio-mismatch.table": ("{column} of {row} is printed {printed}, but {part} ÷ {whole} is {computed}, more than "
                             "its printed places allow",
                             "“{row}”的{column}印为 {printed}，但 {part} ÷ {whole} 为 {computed}，超出所印位数允许的误差"),
    "change-mismatch.statistics": ("{item} is printed as {printed}, but {new} against {old} is {computed}, more than "
                                   "its printed places allow",
                                   "{item} 印为 {printed}，但 {new} 比 {old} 为 {computed}，超出所印位数允许的误差"),
    "change-mismatch.statistics-difference": ("{item} is printed as {printed}, but {new} less {old} is {computed}, "
                                              "more than its printed places allow",
                                              "{item} 印为 {printed}，但 {new} 减 {old} 为 {computed}，超出所印位数允许的误差"),
    "unit-mismatch.change": ("{item} ({unit}) is a change between {new} ({new_unit}) and {old} ({old_unit}), whose "
                             "units do not say how they compare: the change is not checked (a change in % or in the "
                             "figures' own unit compares two counts of the same thing; 个百分点 two percentages)",
                             "{item}（{unit}）是 {new}（{new_unit}）与 {old}（{old_unit}）之间的增减，但单位无法比较："
                             "不核对此增减（以 % 或与两数相同的单位表示的增减比较同类计数；个百分点比较两个百分数）"),
    "table-chart.label": ("the chart's label column {name!r} is not a column of this table (columns: {columns})",
                          "图表的 label 列 {name!r} 不是本表的列（各列：{columns}）"),
    "table-chart.values": ("a chart draws number, share or percent columns, and {name!r} is not one of this table's "
                           "(columns it can draw: {columns})",
                           "图表只能画数字、比例或百分数列，{name!r} 不是本表的此类列（可画的列：{columns}）"),
    "table-chart.pie": ("a pie chart draws one column, not {found}; draw several as bars (type: bar)",
                        "饼图只能画一列，而不是 {found} 列；多列请画成柱形图（type: bar）"),
    "table-chart.mixed": ("a chart draws percentages or figures, not both on one axis; give it the one or the other",
                          "同一图表不能在一条坐标轴上同时画百分数和数值，请只画其中一种"),
    "carried-figure": ("{figure} is {year}'s figure, still standing in its sentence “{sentence}”: write this "
                       "year's, quote it from the data, or mark it as meant ({{{{ '{figure}' | literal }}}})",
                       "{figure} 是 {year} 年的数字，仍留在原句“{sentence}”中：请改为本年的数字、引用数据，"
                       "或标明照印（{{{{ '{figure}' | literal }}}}）"),
    "carried-figure.year": ("{figure} names the year as {year}'s text did, in “{sentence}”: write {{{{ {expr} }}}} "
                            "年 for it to follow the report's year, or mark it as meant ({{{{ '{figure}' | literal }}}})",
                            "{figure} 沿用 {year} 年正文的年份，见“{sentence}”：要随年报的年份变化请写 "
                            "{{{{ {expr} }}}} 年，否则请标明照印（{{{{ '{figure}' | literal }}}}）"),
    "draft-base": ("compare_with names {year}, a draft whose figures are still to fill: there is nothing to compare "
                   "with until they are",
                   "compare_with 指定的 {year} 年是草稿，数字尚未填写：填写后才能与之比较"),
    "change-direction": ("{expr} follows “{word}”, but {name} is {now} against {year}'s {before}: {change}",
                         "{expr} 前写“{word}”，但{name}为 {now}，{year} 年为 {before}：{change}"),
    "shown-mismatch": ("{expr} prints {printed}, but the figure it stands for is {value}",
                       "{expr} 印为 {printed}，但它所指的数据为 {value}"),
    "stale-accept.inline": ("accept= acknowledges nothing here: the printed figure agrees with the data; take "
                            "accept= out of the filter",
                            "accept= 无可确认：所印数字与数据相符；请从过滤器中删去 accept="),
    "template.count-optional": ("{setting} has {found} entries, but the table has {expected} columns: write all "
                                "{expected}; a column no entry fills ({optional}) is left out of the printed table by "
                                "itself",
                                "{setting} 有 {found} 项，但该表格有 {expected} 列：请写全 {expected} 项；"
                                "没有任何条目填写的列（{optional}）会自动不印"),

    # -- the command line ------------------------------------------------------------------------


    # -- official documents and covers: 主送, titles on several lines, 附注, covers -------------------------
    "line-break": ("{what} holds a line break, but it is printed on one line: write it on one line",
                   "{what} 中有换行，但它只印一行：请写在一行内"),
    "cover-placeholder": ("cover.{key} is not printed: {docx} has no {{{{ {key} }}}} on its cover (add it where "
                          "it goes, in Word or WPS)",
                          "cover.{key} 不会印出：{docx} 的封面上没有 {{{{ {key} }}}}（请在 Word 或 WPS 中把它加到要印的位置）"),
    "line-break.tab": ("{what} holds a tab, which Word prints as a gap of its own width: write a space or nothing",
                       "{what} 中有制表符，Word 会印成一段空白：请改为空格或删去"),
    # -- the project's development plan (plan.yaml) and the tasks the year's entries serve ---------
    "empty-file.plan": ("{file} is empty; it should hold the plan's title, its years (2021-2025) and its parts "
                        "with their numbered tasks",
                        "{file} 为空；应写明规划的 title（名称）、years（起止年份，如 2021-2025）和 parts（各部分及其编号任务）"),
    "plan-contents": ("a plan lists its tasks under `parts:` (each with its title and `tasks:`), or under `tasks:` "
                      "when it has no parts",
                      "规划的任务应写在 parts:（每部分写明 title 和 tasks:）之下；不分部分的规划直接写 tasks:"),
    "plan-contents.both": ("a plan lists its tasks under `parts:` or under `tasks:`, not both",
                           "规划的任务写在 parts: 或 tasks: 之下，不能两者都写"),
    "duplicate-task": ("task {number} is numbered twice in the plan (first at line {first}); entries name a task by "
                       "its number", "规划中任务编号 {number} 出现两次（首次在第 {first} 行）；各条目按编号指明任务"),
    "plan-year": ("{name}: the target's year {year} is not a year of the plan ({first}–{last})",
                  "{name}：目标年份 {year} 不在规划年份（{first}–{last}）之内"),
    "plan-year.baseline": ("{name}: the baseline's year {year} is not before the target's year {target}",
                           "{name}：基线年份 {year} 不早于目标年份 {target}"),
    "missing-file.plan": ("plans: {written} does not exist", "plans: 所列的 {written} 不存在"),
    "plan-overlap": ("this plan's years overlap those of {other} ({first}–{last}); a year follows one plan",
                     "本规划的年份与 {other}（{first}–{last}）重叠；每一年只能对应一个规划"),
    "plan-file": ("a plan section prints the project's plan (plan.yaml beside the year folders, or libreport.yaml's "
                  "`plans:`); it names no file ({written!r})",
                  "规划栏目印出的是项目的规划（与各年份文件夹并列的 plan.yaml，或 libreport.yaml 的 plans:），"
                  "不指定文件（{written!r}）"),
    "no-plan": ("{year} names tasks of a plan, but the project holds none: write plan.yaml beside the year "
                "folders (see docs/sources.md, \"The plan\")",
                "{year} 年的条目指明了规划任务，但项目中没有规划：请在各年份文件夹旁写 plan.yaml"
                "（见 docs/sources.md“规划”一节）"),
    "no-plan.years": ("{year} names tasks of a plan, but no plan of the project covers {year}: {plans}",
                      "{year} 年的条目指明了规划任务，但项目中没有覆盖 {year} 年的规划：{plans}"),
    "unknown-task": ("task {task!r} is not in {plan}: its tasks are numbered {numbers}",
                     "{plan} 中没有任务 {task!r}：其任务编号为 {numbers}"),
    "unknown-task.hint": ("task {task!r} is not in {plan}; did you mean {hint} ({title})?",
                          "{plan} 中没有任务 {task!r}，是否应为 {hint}（{title}）？"),
    "plan-idle": ("{year} did nothing for task {number} ({title}): no entry of the year names it",
                  "{year} 年没有落实任务 {number}（{title}）：本年没有条目指明该任务"),
    "plan-statistics": ("the target's statistics item {item!r} is not in {year}'s statistics",
                        "目标所依据的统计项目 {item!r} 不在 {year} 年的统计中"),
    "plan-statistics.hint": ("the target's statistics item {item!r} is not in {year}'s statistics; did you mean "
                             "{hint!r}?", "目标所依据的统计项目 {item!r} 不在 {year} 年的统计中，是否应为 {hint!r}？"),
    "plan-unit": ("{name} is counted in {target}, but {item} is in {unit} in {year}; a target is compared only with a "
                  "figure in its own unit",
                  "{name} 以 {target} 计，而 {year} 年的 {item} 以 {unit} 计；目标只与同一单位的数字比较"),
    "plan-behind": ("{name}: {actual} {unit} in {year} is behind the straight line from {baseline} {unit} "
                    "({baseline_year}) to {target} {unit} ({target_year}), which stands at {expected} {unit} in {year}",
                    "{name}：{year} 年为 {actual}{unit}，落后于从 {baseline}{unit}（{baseline_year} 年）到 "
                    "{target}{unit}（{target_year} 年）的均匀进度，按进度 {year} 年应达 {expected}{unit}"),
    "markdown.tasks-alone": ("a `<!-- tasks: … -->` names the tasks of the paragraph or heading before it, and "
                             "there is none", "<!-- tasks: … --> 指明其前一段落或标题所落实的任务，但其前没有段落或标题"),
}


def render(key: str, args: dict) -> str:
    """The message for `key` (a code, or code.variant) in the run's language: one line, however long or
    strange the values quoted from the sources are."""
    en, zh = CATALOGUE[key]
    text = zh if i18n.lang() == "zh" else en
    return one_line(text.format(**{name: _short(value) for name, value in args.items()}))


QUOTED = 120  # characters of a source value quoted in a message; a 4 MiB title is not repeated whole
LISTED = 1000  # characters of a list of names (the keys a mapping allows): a short list is given whole
_UNSEEN = re.compile("[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]")


class Listed(str):
    """A list of names for a message, already bounded by `listing`: not cut again at QUOTED characters."""


def listing(names, separator: str = ", ") -> Listed:
    """The names joined, every one of them while they fit in LISTED characters (each cut at QUOTED); after that,
    how many more there are (a table file with thousands of columns is named in a line, not in megabytes)."""
    shown: list[str] = []
    size = 0
    names = list(names)
    for name in names:
        piece = _short(str(name))
        if shown and size + len(piece) > LISTED:
            rest = len(names) - len(shown)
            return Listed(separator.join(shown) + f"{separator}… (+{rest})")
        shown.append(piece)
        size += len(piece) + len(separator)
    return Listed(separator.join(shown))


def _short(value):
    if isinstance(value, str) and not isinstance(value, Listed) and len(value) > QUOTED:
        return value[:QUOTED] + "…"
    return value


def one_line(text: str) -> str:
    """Line breaks, terminal escapes and invisible direction marks shown as escapes, so that a value quoted
    from a source file can neither break a diagnostic's line nor rewrite the terminal."""
    return _UNSEEN.sub(lambda m: repr(m.group())[1:-1], text)
