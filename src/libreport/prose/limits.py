"""Bounds on what a user-written template may compute: no expression can burn the CPU or the memory.

Summary prose and snippets are Jinja run in a sandbox, and the sandbox keeps them away from Python's
internals but not from work: `9 ** 9 ** 9`, `'x' * 10 ** 9`, two nested loops over `range(100000)`,
a macro that calls itself twice, `'%999999999d' % 1`. Every such road is bounded here:

* a text, list or mapping a template makes holds at most MAX_SIZE characters or items, and this is
  checked *before* it is made (repetition, joining, replacing, concatenation with `~`, padding);
* a whole number has at most MAX_BITS bits (`**` and `*` are checked before they compute);
* each loop step, call, operator and filter spends from a budget of MAX_WORK units per render, and a
  render that takes longer than MAX_SECONDS stops (the budget keeps a normal report far from that);
* widths in printf-style formats are bounded, and `str.format` is not available (filters say it better);
* Python methods of texts are limited to those that cannot grow them beyond their own size.

A template that hits a bound gets a SecurityError naming it; the caller reports it as a diagnostic at the
template's line. A real report's templates spend a few hundred units.
"""

from __future__ import annotations

import re
import time

from libreport.characters import drop_unprintable
from libreport.tofill import ToFill

MAX_SIZE = 100_000  # characters of a text, items of a list or mapping made by a template
MAX_BITS = 4_096  # a whole number of ~1,200 digits: far beyond any figure
MAX_WORK = 200_000  # loop steps, calls, operators and filters in one render, plus one per character made
MAX_SECONDS = 1.0
MAX_RANGE = 10_000


def _security_error(message: str) -> Exception:
    from jinja2.sandbox import SecurityError

    return SecurityError(message)


class Budget:
    """What one render may still spend. `start` is called as each render begins."""

    def __init__(self) -> None:
        self.start()

    def start(self) -> None:
        self.left = MAX_WORK
        self.ticks = 0
        self.deadline = time.monotonic() + MAX_SECONDS

    def spend(self, units: int = 1) -> None:
        self.left -= units
        if self.left < 0:
            raise _security_error(f"the template does too much work (more than {MAX_WORK:,} steps)")
        self.ticks += 1
        if self.ticks & 0xFF == 0 and time.monotonic() > self.deadline:
            raise _security_error(f"the template takes too long (more than {MAX_SECONDS:g} s)")


BUDGET = Budget()


def size(value) -> int:
    return len(value) if isinstance(value, (str, bytes, list, tuple, dict, set, frozenset)) else 0


def check_size(value, what: str = "the result") -> None:
    n = size(value)
    if n > MAX_SIZE:
        raise _security_error(f"{what} would hold {n:,} characters or items (at most {MAX_SIZE:,})")


def _refuse_size(n: int, what: str) -> None:
    if n > MAX_SIZE:
        raise _security_error(f"{what} would hold {n:,} characters or items (at most {MAX_SIZE:,})")


def _is_int(value) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


# -- operators --------------------------------------------------------------------------------------

def check_binop(operator: str, left, right) -> None:
    """Refuse, before it is computed, an operation whose result would be too large."""
    if operator == "**":
        if _is_int(left) and _is_int(right):
            if right < 0 or abs(left) <= 1:
                return
            if abs(left).bit_length() * right > MAX_BITS:
                raise _security_error(f"{left} ** {right} would be a number of more than {MAX_BITS:,} bits")
        elif _is_int(right) and abs(right) > MAX_BITS:
            raise _security_error(f"an exponent of {right} is too large")
    elif operator == "*":
        for seq, n in ((left, right), (right, left)):
            if size(seq) and _is_int(n):
                _refuse_size(size(seq) * max(n, 0), "the repetition")
        if _is_int(left) and _is_int(right) and abs(left).bit_length() + abs(right).bit_length() > MAX_BITS:
            raise _security_error(f"the product would be a number of more than {MAX_BITS:,} bits")
    elif operator == "+" and size(left) and size(right):
        _refuse_size(size(left) + size(right), "the sum")
    elif operator == "%" and isinstance(left, str):
        check_printf(left)
    BUDGET.spend(1 + size(left) + size(right))


_PRINTF = re.compile(r"%(?:\([^)]*\))?[#0 +\-]*(\*|\d+)?(?:\.(\*|\d+))?")


def check_printf(fmt: str) -> None:
    """A printf-style format (`'%5d' % x`, the format filter) with no width or precision that could pad a
    text to gigabytes."""
    for m in _PRINTF.finditer(fmt):
        for part in m.groups():
            if part == "*" or (part is not None and int(part) > 1000):
                raise _security_error(f"the format {m.group()!r} asks for a width over 1000 characters")


def concat(*pieces) -> str:
    """`a ~ b ~ c`: the joined text, refused before it is made when it would be too long."""
    texts = [str(p) for p in pieces]
    total = sum(len(t) for t in texts)
    _refuse_size(total, "the joined text")
    BUDGET.spend(1 + total)
    return "".join(texts)


def steps(iterable):
    """A for loop's items, each paid for."""
    spend = BUDGET.spend
    for item in iterable:
        spend(1)
        yield item


def bounded_range(*args) -> range:
    if not all(_is_int(a) for a in args):
        raise TypeError("range takes whole numbers")
    r = range(*args)
    if len(r) > MAX_RANGE:
        raise _security_error(f"range of {len(r):,} numbers (at most {MAX_RANGE:,})")
    return r


# -- calls ----------------------------------------------------------------------------------------------

# Methods of a text that make nothing longer than the text itself (or a list of its pieces).
SAFE_STR_METHODS = frozenset((
    "capitalize", "casefold", "count", "endswith", "find", "index", "isalnum", "isalpha", "isascii", "isdecimal",
    "isdigit", "isidentifier", "islower", "isnumeric", "isprintable", "isspace", "istitle", "isupper", "lower",
    "lstrip", "partition", "removeprefix", "removesuffix", "rfind", "rindex", "rpartition", "rsplit", "rstrip",
    "split", "splitlines", "startswith", "strip", "swapcase", "title", "upper", "join", "replace", "encode"))


def check_call(obj, args: tuple, kwargs: dict) -> None:
    """Refuse a call of a Python method that could make a huge text, list or number from small arguments."""
    owner = getattr(obj, "__self__", None)
    name = getattr(obj, "__name__", "")
    if isinstance(owner, str):
        if name not in SAFE_STR_METHODS:
            raise _security_error(f"the text method {name!r} is not available in a template")
        if name == "join" and args:
            items = [str(a) for a in args[0]] if size(args[0]) <= MAX_SIZE else None
            if items is None:
                raise _security_error("join of too many items")
            _refuse_size(sum(map(len, items)) + len(owner) * max(len(items) - 1, 0), "the joined text")
        elif name == "replace" and len(args) >= 2 and isinstance(args[0], str) and isinstance(args[1], str):
            _refuse_size(replaced_size(owner, args[0], args[1]), "the replaced text")
    elif isinstance(owner, (int, bytes, list, tuple, dict)) and name in ("to_bytes", "zfill", "ljust", "rjust",
                                                                           "center", "expandtabs"):
        raise _security_error(f"the method {name!r} is not available in a template")
    BUDGET.spend(1 + size(owner) + sum(size(a) for a in args))


def replaced_size(text: str, old: str, new: str) -> int:
    count = text.count(old) if old else len(text) + 1
    return len(text) + count * (len(new) - len(old))


# -- filters --------------------------------------------------------------------------------------------

# Jinja's filters that make nothing much larger than what they are given (with the checks below); the others
# (center, indent, wordwrap, format, batch, slice, pprint, tojson, urlize, xmlattr, filesizeformat, random,
# urlencode) are of no use in a report's wording and each has a way to grow a text without bound.
SAFE_JINJA_FILTERS = ("abs", "attr", "capitalize", "count", "d", "default", "dictsort", "e", "escape", "first",
                      "float", "forceescape", "groupby", "int", "items", "join", "last", "length", "list", "lower",
                      "map", "max", "min", "reject", "rejectattr", "replace", "reverse", "round", "safe", "select",
                      "selectattr", "sort", "string", "striptags", "sum", "title", "trim", "truncate", "unique",
                      "upper", "wordcount")


def bounded_filter(name: str, f):
    """`f` paid for by the size of what it is given, its whole-number arguments bounded, and its result
    checked; replace, join and sum checked before they compute. Jinja hands some filters its context or
    environment first (`jinja_pass_arg`, which the wrapper keeps); the value comes after it."""
    from functools import wraps

    first = 1 if getattr(f, "jinja_pass_arg", None) is not None else 0

    @wraps(f)
    def run(*args, **kwargs):
        value, rest = (args[first] if len(args) > first else None), args[first + 1:]
        if isinstance(value, ToFill):  # a value still to fill stays one, whatever is done with it
            return value
        fail = getattr(type(value), "_fail_with_undefined_error", None)
        if fail is not None:  # data that is not there: said as such, not as what a filter cannot do with it
            fail(value)
        for a in (*rest, *kwargs.values()):
            if _is_int(a) and abs(a) > MAX_SIZE:
                raise _security_error(f"the filter {name} was given {a}, more than {MAX_SIZE:,}")
        BUDGET.spend(1 + size(value) + sum(size(a) for a in rest))
        if name == "replace" and len(rest) >= 2 and isinstance(value, str) and all(isinstance(a, str)
                                                                                     for a in rest[:2]):
            _refuse_size(replaced_size(value, rest[0], rest[1]), "the replaced text")
        elif name == "join" and value is not None:
            items = list(steps(value))
            separator = str(rest[0] if rest else kwargs.get("d", ""))
            if "attribute" not in kwargs and len(rest) < 2:  # joined as they are: the size is known now
                _refuse_size(sum(len(str(i)) for i in items) + len(separator) * max(len(items) - 1, 0),
                             "the joined text")
            args = (*args[:first], items, *rest)
        elif name == "sum":
            start = rest[1] if len(rest) > 1 else kwargs.get("start", 0)
            if not isinstance(start, (int, float)):
                raise _security_error("sum adds numbers only")
        result = f(*args, **kwargs)
        check_size(result)
        return result

    return run


# -- output ---------------------------------------------------------------------------------------------

def clean(text: str) -> str:
    """What a Word document cannot hold taken out of a render's output: the sources' own text was refused where
    it was read; what is left is what an expression computed, which no one wrote."""
    return drop_unprintable(text)


def bounded_concat(pieces) -> str:
    """A render's output (and a macro's, a block's): no longer than MAX_OUTPUT characters altogether."""
    out = []
    total = 0
    for piece in pieces:
        total += len(piece)
        if total > MAX_OUTPUT:
            raise _security_error(f"the template writes more than {MAX_OUTPUT:,} characters")
        out.append(piece)
    return clean("".join(out))


MAX_OUTPUT = 1_000_000
