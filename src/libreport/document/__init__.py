"""The printed report as data: one format-neutral description that every edition writes out.

    from libreport.document import describe, load_wording
    wording = load_wording(project.templates, diags)       # snippets.yaml, without the Word document
    doc = describe(wording, checked.report, checked.previous)   # a Document

or, for a year of a project, `describe_year(project, checked, diags)` (checked: pipeline.check_year's result).
`describe` is built once per year from the checked model (`report`, last year's `previous` for the
year-over-year columns), the computed figures and the wording of snippets.yaml (the snippets, lists, column
headings and widths). Every decision of what prints is made there, once: which columns are left out, how
dates are worded, a share or a dash, heading numbers, 表 n and 图 n. A writer only lays it out. A snippet
that does not render raises wording.SnippetError (its file, line and reason).

A `Document` holds its `title`, `library`, `year`, what the `cover` prints, and `parts`; each `Part` has its
running `header` (as printed) and its `blocks`, in order, of these kinds (document.model):

- `Heading`: `text` as printed (number included; the bare `title` and `number` beside it), `role` (part,
  section, subsection, summary_1…4, month), `level` in the outline, `toc` (in the contents), `outline`.
- `Paragraph`: `role` (paragraph, chronicle, table_note) and `runs` (`Run`: text, bold, italic, strike, `br`
  a line break, `role` run_in for a heading run into its paragraph); `keep_next`.
- `Item`: a list paragraph: `runs`, the `marker` printed before it (empty in later paragraphs), `level`.
- `Table`: `name` (statistics, activities, awards, coverage, staff, table), `role` (list_table, stat_table),
  `weights` (how the room is shared among columns), `rows` (`Row`: `cells` as printed, a `roles` each, `spans`
  and `rowspans`, `header`, `total`, `keep`), `keep_with_next` (with its chart), `repeat_header`.
- `Caption`: 表 n above its table (`kind` "table") or 图 n under its picture or chart ("figure"), `text`.
- `Chart`: `kind` bar or pie, `title`, `categories`, `series` (name, values), `percent`, `legend`, `number`.
- `Picture`: the checked `image`, its `alt` text and figure `number` (its `Caption` follows it).
- `Letterhead`, `Title`, `Addressee` at the head of the first part; `Signature` and `Imprint` (版记) at the
  foot of the last. An edition whose cover prints the title leaves `Title` out.

`Document.contents` lists the headings of the table of contents; `Document.blocks()` walks every block.
"""

from libreport.document.describe import describe, describe_year
from libreport.document.model import (
    Addressee,
    Block,
    Caption,
    Chart,
    Document,
    Heading,
    Imprint,
    Item,
    Letterhead,
    Paragraph,
    Part,
    Picture,
    Row,
    Run,
    Signature,
    Table,
    Title,
)
from libreport.wording import Wording, load_wording

__all__ = ["Addressee", "Block", "Caption", "Chart", "Document", "Heading", "Imprint", "Item", "Letterhead",
           "Paragraph", "Part", "Picture", "Row", "Run", "Signature", "Table", "Title", "Wording", "describe",
           "describe_year", "load_wording"]
