"""A value still to fill in: printed as the to-fill marker in its place, in the text and in tables.

A year started by `libreport new` has every statistics value emptied (`value:` with nothing after it). Such an
item exists; only its value is not written yet. Prose quoting it, a table printing it, a filter or a sum using it
all give a `ToFill`, which prints as （待填写） between two marker characters that the document writers turn into a
highlighted run, so that a draft shows every figure still to fill where it stands and never a wrong number, an
error, or the name of anything inside libreport.
"""

from __future__ import annotations

PLACEHOLDER = "（待填写）"  # the to-fill wording: `new` writes it where text is still to write, drafts print it
# Noncharacters, as the summary's run markers are (prose.markdown): no real text contains them.
FILL_ON, FILL_OFF = "\ufdd9", "\ufdda"
MARKER = FILL_ON + PLACEHOLDER + FILL_OFF


class ToFill:
    """An item's value still to fill in. Whatever is done with it (a filter, an attribute, a sum, a cell of a
    table still without rows) gives it back, so a draft prints the marker wherever the figure goes."""

    __slots__ = ("what",)

    def __init__(self, what: str = ""):
        self.what = what  # the item (or cell) still to fill, for messages

    def __str__(self) -> str:
        return MARKER

    def __format__(self, spec: str) -> str:
        return MARKER

    def __repr__(self) -> str:
        return MARKER

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return self

    def __getitem__(self, key):
        return self

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other) -> bool:
        return other is self

    def __hash__(self) -> int:
        return id(self)

    def _same(self, *other):
        return self

    __add__ = __radd__ = __sub__ = __rsub__ = __mul__ = __rmul__ = _same
    __truediv__ = __rtruediv__ = __floordiv__ = __rfloordiv__ = __mod__ = __rmod__ = __pow__ = __rpow__ = _same
    __neg__ = __pos__ = __abs__ = __round__ = _same

    def _never(self, other) -> bool:  # a figure still to fill is neither more nor less than anything yet
        return False

    __lt__ = __le__ = __gt__ = __ge__ = _never


def to_fill(value) -> bool:
    return isinstance(value, ToFill)


def plain(text: str) -> str:
    """Text with the markers around the to-fill wording taken out: for the terminal and for messages."""
    return text.replace(FILL_ON, "").replace(FILL_OFF, "")


def count(text: str) -> int:
    """How many figures still to fill a rendered text prints."""
    return text.count(FILL_ON)
