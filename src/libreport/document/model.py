"""The printed report as plain data: what every edition prints, in order, already worded and numbered.

Nothing here knows Word or HTML. A `role` names what a piece is (the template's style roles: `part`,
`section`, `summary_1`, `paragraph`, `table_center` …); each writer decides how that role looks.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from libreport.prose.pictures import Picture as Image


@dataclass(slots=True)
class Run:
    """A stretch of text in one look; `br` is a line break (its text is empty). `role` is a character
    style's role (`run_in`: a heading run into its paragraph). `fill`: the to-fill marker of a figure still to
    fill in a draft (libreport.tofill), which every writer makes stand out."""

    text: str
    bold: bool = False
    italic: bool = False
    strike: bool = False
    br: bool = False
    role: str | None = None
    fill: bool = False


@dataclass(slots=True)
class Heading:
    """`text` as printed, its number in it (`number`, the bare `title`); `level` is its place in the outline
    (1 = outermost); `toc`: listed in the table of contents; `outline`: it states its outline level itself,
    where its role's style may not (a part without a title lifts its sections to the first level)."""

    text: str
    role: str
    level: int
    toc: bool = False
    outline: bool = False
    title: str = ""
    number: int | None = None


@dataclass(slots=True)
class Paragraph:
    """Runs in one paragraph of `role`. `keep_next`: stays on the page of what follows (a table's note above
    its chart); None leaves it to the role's style."""

    role: str
    runs: list[Run] = field(default_factory=list)
    keep_next: bool | None = None
    # Word's own space between Chinese and Latin text or digits in this paragraph: False where the text sets a
    # spacing without it (<!-- figures: {spacing: false} -->), True where it sets one with it; None: the document's
    autospace: bool | None = None

    @property
    def text(self) -> str:
        return "".join("\n" if r.br else r.text for r in self.runs)


@dataclass(slots=True)
class Item:
    """A list paragraph: `marker` is what prints before the text (1. · • · 1、), empty in an item's later
    paragraphs; `level` 1 is the outermost list."""

    runs: list[Run]
    marker: str = ""
    level: int = 1
    ordered: bool = False

    @property
    def text(self) -> str:
        return "".join("\n" if r.br else r.text for r in self.runs)


@dataclass(slots=True)
class Caption:
    """图 n / 表 n and its text, as printed (`text`); `kind` "table" stands above its table and keeps with it,
    "figure" stands under its picture or chart and ends it."""

    text: str
    kind: str
    number: int


@dataclass(slots=True)
class Picture:
    image: Image
    alt: str  # the caption's text, without its number
    number: int  # 图 n


@dataclass(slots=True)
class Chart:
    """A chart drawn from `series` (name, one value a category; None where the report gives none).
    `kind`: "bar" or "pie"; `percent`: values are shares in percent; `legend`: names its series;
    `rows_above`: rows of its table (and note) printed just before it, which a page must hold too;
    `number`: the 图 n of its caption, None without one."""

    title: str
    kind: str
    categories: list[str]
    series: list[tuple[str, list[Decimal | None]]]
    percent: bool
    legend: bool = True
    rows_above: int = 0
    number: int | None = None


@dataclass(slots=True)
class Row:
    """One table row: each cell's text and role (`table_text`, `table_center`, `table_number`,
    `table_header`), how many columns it spans, and how many rows (header cells standing in both header
    rows span 2; the row below then has no cell there). `keep`: kept on the page of the next row."""

    cells: list[str]
    roles: list[str]
    spans: list[int] | None = None  # None: every cell one column
    rowspans: list[int] | None = None  # None: every cell one row
    header: bool = False
    total: bool = False
    keep: bool = False


@dataclass(slots=True)
class Table:
    """`name`: which table it is (`statistics`, `awards` …, `table` for a declared one); `role`: its table
    style's role (`list_table`, `stat_table`, `imprint_table`); `weights`: how the room left over is shared
    among the columns; `keep_with_next`: the whole table stays on the page of what follows (its chart);
    `repeat_header`: header rows repeat on every page; `label`: what the report calls it (its caption's
    text, else its section's title or file name; a staff table its distribution's name)."""

    name: str
    role: str
    weights: list[float]
    rows: list[Row] = field(default_factory=list)
    keep_with_next: bool = False
    repeat_header: bool = True
    label: str = ""

    @property
    def header(self) -> list[Row]:
        return [r for r in self.rows if r.header]

    @property
    def body(self) -> list[Row]:
        return [r for r in self.rows if not r.header]


@dataclass(slots=True)
class Letterhead:
    """The issuer's lines at the head of an official document, and its document number under them."""

    lines: list[str]
    number: str | None = None


@dataclass(slots=True)
class Title:
    """The report's title at the head of the text, its lines as report.yaml breaks them. An edition whose
    cover already prints the title (`Document.cover`) leaves this out."""

    lines: list[str]


@dataclass(slots=True)
class Addressee:
    text: str  # 主送, ending in ：


@dataclass(slots=True)
class Signature:
    lines: list[str]  # the organisation's lines, then the worded date
    note: str | None = None  # the 附注 under the date, in its brackets


@dataclass(slots=True)
class Imprint:
    """The 版记: the 抄送 line (worded, or None), the issuer and the worded date it was printed (…印发)."""

    cc: str | None
    issuer: str
    issued: str


Block = (Heading | Paragraph | Item | Caption | Picture | Chart | Table | Letterhead | Title | Addressee | Signature
         | Imprint)


@dataclass(slots=True)
class Part:
    """A part of the report, on pages of its own under its running header (`header`, as printed)."""

    title: str | None
    header: str
    blocks: list[Block] = field(default_factory=list)


@dataclass(slots=True)
class Document:
    """The whole report. `cover`: what the cover's placeholders print (title, subtitle, issuer; lines apart by
    "\\n"); `first_page_header`: the running header on a part's first page (None: as the template has it);
    `autospace`: a space is added between Chinese and Latin letters or digits, as the report prints them."""

    title: str
    library: str
    year: int
    parts: list[Part] = field(default_factory=list)
    cover: dict[str, str] = field(default_factory=dict)
    first_page_header: bool | None = None
    autospace: bool = True

    def blocks(self):
        """Every block, part after part."""
        for part in self.parts:
            yield from part.blocks

    @property
    def contents(self) -> list[Heading]:
        """The headings of the table of contents, in order."""
        return [b for b in self.blocks() if isinstance(b, Heading) and b.toc]
