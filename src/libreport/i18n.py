"""English and Chinese for everything the CLI says. Diagnostic codes are the same in both."""

from __future__ import annotations

import os

LANGS = ("en", "zh")
_current = "en"


def detect(argv: list[str], environ=os.environ) -> str:
    """--lang beats LIBREPORT_LANG beats the locale (LC_ALL, LC_MESSAGES, LANG)."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return argv[i + 1] if argv[i + 1] in LANGS else "en"
        if arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
            return value if value in LANGS else "en"
    if environ.get("LIBREPORT_LANG") in LANGS:
        return environ["LIBREPORT_LANG"]
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(var)
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


def set_lang(lang: str) -> None:
    global _current
    _current = lang if lang in LANGS else "en"


def lang() -> str:
    return _current


def t(key: str, **args) -> str:
    table = _ZH if _current == "zh" else _EN
    text = table.get(key) or _EN.get(key, key)
    return text.format(**args) if args else text


def translate_diagnostic(code: str, default: str, **args) -> str:
    if _current != "zh":
        return default
    template = _ZH_DIAG.get(code)
    if template is None:
        return default
    try:
        return template.format(**args)
    except (KeyError, IndexError):
        return default


_EN = {
    "app_help": "Compile a public library's annual report (年报) from YAML and Markdown sources into a Word document.",
    "validate_help": "Check the sources of the given years (all years when none is given) and report every problem.",
    "build_help": "Build the Word report of a year from its sources.",
    "new_help": "Start a new year's sources from the latest year: same sections and items, values emptied.",
    "import_help": "Append coverage or chronicle rows from an Excel (.xlsx) or CSV sheet to a year's sources.",
    "show_help": "Print a year's computed tables (statistics, activity shares, counts) in the terminal.",
    "opt_years": "Years to check, e.g. 2021 2019.",
    "opt_year": "The year, e.g. 2021.",
    "opt_format": "Output format: text or json.",
    "opt_strict": "Treat warnings as errors.",
    "opt_lang": "Language of messages: zh or en (default from the locale).",
    "opt_source": "Folder holding the year folders (default from libreport.yaml, else the current folder).",
    "opt_template": "Template folder (report.docx + snippets.yaml) to build with.",
    "opt_output": "Output folder (default build/); the report goes to <output>/<year>/.",
    "opt_name": "File name of the report, without .docx (default from the template's output_name).",
    "opt_all": "Build every year.",
    "opt_pdf": "Also export a PDF through LibreOffice.",
    "opt_toc": "Table of contents: auto (page numbers from LibreOffice when installed), field (Word fills it on open).",
    "opt_watch": "Rebuild whenever a source or template file is saved; Ctrl+C stops.",
    "opt_dry_run": "Show what would change without writing anything.",
    "opt_map": "Map a sheet header to a field, e.g. --map 报道日期=date (fields: date, outlet, section, title, text).",
    "opt_sheet": "Worksheet name (default: the first sheet).",
    "opt_from": "Year to start from (default: the latest year before the new one).",
    "summary_year": "{year}: {errors} error(s), {warnings} warning(s), {notes} note(s)",
    "validate_title": "libreport validate",
    "col_year": "Year",
    "col_errors": "Errors",
    "col_warnings": "Warnings",
    "col_notes": "Notes",
    "col_status": "Status",
    "status_errors": "errors",
    "status_warnings": "warnings",
    "status_ok": "ok",
    "usage_error": "libreport: {message}",
    "built": "built {path} ({pages})",
    "built_pdf": "wrote {path}",
    "build_failed": "{year}: not built; the last good report (if any) is unchanged",
    "toc_static": "table of contents: page numbers laid out with LibreOffice",
    "toc_field": "table of contents: LibreOffice is not installed, so page numbers are left to Word, which updates the field when the document is opened",
    "pdf_missing": "--pdf needs LibreOffice (soffice), which is not installed. Install it with: apt-get install libreoffice-writer (Debian/Ubuntu), or from libreoffice.org",
    "locked": "{path} is open in another program (lock file {lock}); close it and build again",
    "watching": "watching {folder} for changes; Ctrl+C stops",
    "rebuilt": "rebuilt {path}",
    "watch_errors": "{year}: not rebuilt (the last good report stays in place)",
    "new_created": "created {folder} from {source}: {items} statistics items kept with empty values",
    "new_exists": "{folder} already exists; libreport new never overwrites a year",
    "import_done": "{kind}: {added} row(s) to add, {duplicates} already present, {outside} outside {year}, {rejected} rejected",
    "import_written": "appended {added} row(s) to {path}",
    "import_dry": "dry run: nothing was written",
    "import_rejected": "{file}: row {row}: {reason}",
    "pages_unknown": "page count unknown",
    "pages": "{pages} pages",
    "stage_load": "reading sources",
    "stage_render": "rendering",
    "stage_layout": "laying out with LibreOffice",
    "stage_write": "writing",
}

_ZH = {
    "app_help": "将公共图书馆年报的 YAML 与 Markdown 源文件编译为 Word 文档。",
    "validate_help": "检查指定年份（不指定则检查全部年份）的源文件，并一次列出所有问题。",
    "build_help": "根据源文件生成某一年的 Word 年报。",
    "new_help": "以最近一年为基础新建一年的源文件：保留栏目和统计项目，清空数值。",
    "import_help": "从 Excel（.xlsx）或 CSV 表格向某一年的源文件追加媒体报道或大事记条目。",
    "show_help": "在终端中显示某一年计算后的表格（综合统计、活动占比、各栏目条数）。",
    "opt_years": "要检查的年份，例如 2021 2019。",
    "opt_year": "年份，例如 2021。",
    "opt_format": "输出格式：text 或 json。",
    "opt_strict": "将警告视为错误。",
    "opt_lang": "提示语言：zh 或 en（默认按系统区域设置）。",
    "opt_source": "存放各年份文件夹的目录（默认取自 libreport.yaml，否则为当前目录）。",
    "opt_template": "生成时使用的模板目录（report.docx + snippets.yaml）。",
    "opt_output": "输出目录（默认 build/），年报写入 <输出目录>/<年份>/。",
    "opt_name": "年报文件名，不含 .docx（默认取模板中的 output_name）。",
    "opt_all": "生成全部年份。",
    "opt_pdf": "同时通过 LibreOffice 导出 PDF。",
    "opt_toc": "目录：auto（已安装 LibreOffice 时计算页码），field（由 Word 打开时更新域）。",
    "opt_watch": "源文件或模板保存后自动重新生成；按 Ctrl+C 停止。",
    "opt_dry_run": "只显示将要进行的更改，不写入任何文件。",
    "opt_map": "将表头对应到字段，例如 --map 报道日期=date（字段：date, outlet, section, title, text）。",
    "opt_sheet": "工作表名称（默认第一个工作表）。",
    "opt_from": "作为基础的年份（默认为新年份之前最近的一年）。",
    "summary_year": "{year}：{errors} 个错误，{warnings} 个警告，{notes} 条提示",
    "validate_title": "libreport 检查结果",
    "col_year": "年份",
    "col_errors": "错误",
    "col_warnings": "警告",
    "col_notes": "提示",
    "col_status": "状态",
    "status_errors": "有错误",
    "status_warnings": "有警告",
    "status_ok": "通过",
    "usage_error": "libreport：{message}",
    "built": "已生成 {path}（{pages}）",
    "built_pdf": "已写入 {path}",
    "build_failed": "{year}：未生成；原有的年报（如有）保持不变",
    "toc_static": "目录：已用 LibreOffice 排版并填入页码",
    "toc_field": "目录：未安装 LibreOffice，页码由 Word 在打开文档时更新目录域后填入",
    "pdf_missing": "--pdf 需要 LibreOffice（soffice），但未安装。安装方法：apt-get install libreoffice-writer（Debian/Ubuntu），或从 libreoffice.org 下载",
    "locked": "{path} 正被其他程序打开（锁文件 {lock}），请关闭后重新生成",
    "watching": "正在监视 {folder} 的更改；按 Ctrl+C 停止",
    "rebuilt": "已重新生成 {path}",
    "watch_errors": "{year}：未重新生成（保留上一次成功生成的年报）",
    "new_created": "已根据 {source} 新建 {folder}：保留 {items} 个统计项目，数值已清空",
    "new_exists": "{folder} 已存在；libreport new 不会覆盖已有年份",
    "import_done": "{kind}：新增 {added} 条，已存在 {duplicates} 条，不在 {year} 年内 {outside} 条，无法导入 {rejected} 条",
    "import_written": "已向 {path} 追加 {added} 条",
    "import_dry": "试运行：未写入任何文件",
    "import_rejected": "{file}：第 {row} 行：{reason}",
    "pages_unknown": "页数未知",
    "pages": "共 {pages} 页",
    "stage_load": "读取源文件",
    "stage_render": "生成文档",
    "stage_layout": "使用 LibreOffice 排版",
    "stage_write": "写入文件",
}

_ZH_DIAG = {
    "file-too-large": "文件大小为 {size} MiB，超过上限 {limit} MiB",
    "unreadable": "无法读取该文件：{reason}",
    "encoding": "文件编码不是 UTF-8（应为 Windows 编辑器保存的 GBK/GB18030），已按该编码读取；请另存为 UTF-8",
    "yaml-syntax": "YAML 格式有误：{problem}",
    "yaml-alias": "不支持 YAML 锚点和别名（&名称 / *名称），请直接写出数值",
    "duplicate-key": "键 {key!r} 在同一映射中出现两次（首次在第 {first} 行），后者会悄悄覆盖前者",
    "unknown-key": "未知的键 {key!r}；可用的键：{allowed}",
    "missing-key": "{where} 缺少 {key!r}",
    "missing-file": "找不到文件 {file}",
    "type": "{what} 应为{expected}，而不是 {found}",
    "empty": "{what} 为空",
    "negative": "{what} 不能为负数（{value}）",
    "bad-date": "无法识别的日期 {text!r}（可写作 1月7日、4月24日-8月31日、12月、4-6月、全年、2021-01-07）",
    "impossible-date": "日期 {text!r} 不存在",
    "reversed-range": "日期范围 {text!r} 的结束早于开始",
    "date-outside-year": "{text} 不在报告年度 {year} 年内",
    "duplicate-coverage": "此条媒体报道与第 {first} 行重复（{row}）",
    "duplicate-event": "此条大事记与第 {first} 行重复",
    "sum-mismatch": "{item} 的分项合计为 {total}，但 {item} 为 {value}",
    "subset-exceeds": "{sub}（{sub_value}）属于 {item}，却大于 {item}（{value}）",
    "unknown-reference": "综合统计中没有项目 {ref!r}",
    "activity-mismatch": "活动统计中“{type}”与综合统计不一致：{detail}",
    "share-sum": "{column}比例逐项四舍五入后合计为 {total}%，而非 100.00%；如需合计恰为 100.00%，请设置 rounding: largest-remainder",
    "unknown-section": "未知的栏目类型 {kind!r}",
    "section-file": "{file} 已作为 {kind} 栏目读取",
    "unknown-data": "{expr} 引用了不存在的数据：{reason}",
    "summary-syntax": "表达式有误：{reason}",
    "summary-expression": "{expr} 无法计算：{reason}",
    "heading-number": "此标题手工写了序号；libreport 会自动编号，序号将重复出现",
    "year-mismatch": "report.yaml 中的年份为 {year}，但文件夹为 {folder}",
    "implausible-change": "{item} 由 {prev_year} 年的 {before} 变为 {now}，变化超过 {factor} 倍，请核对",
    "to-fill": "{what} 尚未填写",
    "template": "模板有误：{reason}",
}
