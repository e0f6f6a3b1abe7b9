"""House numbering of headings, given by example as the report prints its first heading: 一、 （一） 1. 1、 （1） ①.

A form is the number 1 written the library's way, with whatever stands before and after it:
`第一部分 ` numbers 第一部分 第二部分 …, `（1）` numbers （1） （2） …, and an empty form prints no number.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from libreport.numbers import circled, cn_numeral

# The numeral that stands for "1" in a form, and how every other number is written in its style.
NUMERALS: dict[str, Callable[[int], str]] = {"一": cn_numeral, "1": str, "①": circled}
FORM_EXAMPLES = "一、 （一） 1. 1、 （1） ①"


class FormError(ValueError):
    """A numbering form with no 一, 1 or ① in it to show where the number goes."""


@dataclass(frozen=True)
class NumberForm:
    prefix: str
    numeral: str  # "一", "1", "①", or "" for headings printed without a number
    suffix: str

    def format(self, number: int) -> str:
        if not self.numeral:
            return self.prefix + self.suffix
        return self.prefix + NUMERALS[self.numeral](number) + self.suffix

    def heading(self, number: int, text: str) -> str:
        return self.format(number) + text


def parse_form(text: str) -> NumberForm:
    """`（一）` → prefix （, numeral 一, suffix ）. The first 一, 1 or ① is the number; `""` is no number."""
    if text == "":
        return NumberForm("", "", "")
    positions = [(text.find(n), n) for n in NUMERALS if text.find(n) >= 0]
    if not positions:
        raise FormError(text)
    at, numeral = min(positions)
    rest = text[at + 1:]
    if numeral == "1" and rest[:1].isdigit():  # "10." is not a form for the first heading
        raise FormError(text)
    return NumberForm(text[:at], numeral, rest)


@dataclass
class Numbering:
    """Numbering set in report.yaml; None where the template's snippets decide.

    The report's `numbering:` holds for everything in it; a part, a group of sections or a section may give
    its own, for what lies within it: what it sets wins there (see `within`), the rest is the report's."""

    parts: NumberForm | None = None
    sections: NumberForm | None = None
    subsections: NumberForm | None = None  # the sections of a group (读者结构 → （一）按年龄 （二）按职业)
    summary: list[NumberForm] | None = None  # the summary's #, ##, ###, #### headings
    run_in: int | None = None  # from this summary level down, a heading runs into the paragraph after it

    def within(self, inner: Numbering | None) -> Numbering:
        """This numbering with what `inner` (a part's, a group's or a section's own) sets in its place."""
        if inner is None:
            return self
        return Numbering(*(getattr(inner, f) if getattr(inner, f) is not None else getattr(self, f)
                           for f in ("parts", "sections", "subsections", "summary", "run_in")))

    def summary_form(self, level: int) -> NumberForm | None:
        """The form of a summary heading level; levels past the list given print without a number."""
        if self.summary is None:
            return None
        return self.summary[level - 1] if level <= len(self.summary) else NumberForm("", "", "")
