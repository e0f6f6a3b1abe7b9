"""A value still to fill in: printed as the to-fill marker in its place, in the text and in tables.

A year started by `libreport new` has every statistics value emptied (`value:` with nothing after it). Such an
item exists; only its value is not written yet. Prose quoting it, a table printing it, a filter or a sum using it
all give a `ToFill`, which prints as the to-fill wording between two marker characters that the document writers
turn into a highlighted run, so that a draft shows every figure still to fill where it stands and never a wrong
number, an error, or the name of anything inside libreport.

The to-fill wording is the template's (snippets.yaml `to_fill:`, （待填写） unless a library restyles it): drafts
print it, `new` and `init` write it where text is still to write, and validate looks for it. `use` puts a
project's wording in force (pipeline.check_year does, for everything checked and written from that year).
"""

from __future__ import annotations

from contextvars import ContextVar

DEFAULT = "（待填写）"
_WORDING: ContextVar[str] = ContextVar("to_fill", default=DEFAULT)
# Noncharacters, as the summary's run markers are (prose.markdown): no real text contains them.
FILL_ON, FILL_OFF = "\ufdd9", "\ufdda"


def use(text: str) -> None:
    """Make `text` the to-fill wording from here on (in this thread or task)."""
    _WORDING.set(text or DEFAULT)


def wording() -> str:
    """The to-fill wording in force: what a figure still to fill prints, and what text still to write says."""
    return _WORDING.get()


def marker() -> str:
    """The to-fill wording as a figure still to fill prints it: between the markers the writers highlight."""
    return FILL_ON + _WORDING.get() + FILL_OFF


class ToFill:
    """An item's value still to fill in. Whatever is done with it (a filter, an attribute, a sum, a cell of a
    table still without rows) gives it back, so a draft prints the marker wherever the figure goes."""

    __slots__ = ("what",)

    def __init__(self, what: str = ""):
        self.what = what  # the item (or cell) still to fill, for messages

    def __str__(self) -> str:
        return marker()

    def __format__(self, spec: str) -> str:
        return marker()

    def __repr__(self) -> str:
        return marker()

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
