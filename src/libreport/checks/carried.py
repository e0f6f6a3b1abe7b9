"""Figures of last year still standing in this year's text.

`libreport new` carries last year's summary whole, so that this year's figures fill last year's sentences. The
figures the text types itself (全年荐购图书 4600 余册, 2020 年, 第十届, the printed text of `shown('510余')`) are
not filled by anything: each is last year's until someone looks at it. A typed figure is last year's when last
year's summary prints the same figure in the same sentence, or one barely changed; validate names each at its
line and column, with its sentence, until it is rewritten, quoted from the data, or marked as meant
(`{{ '2020 年' | literal }}`; `new` takes such marks off again next year, as it leaves out `accept:`).
"""

from __future__ import annotations

import re
from difflib import SequenceMatcher

from libreport import model as m
from libreport.diagnostics import Diagnostics, Mark

SIMILAR = 0.6  # how much of a sentence may have changed and it still be last year's (SequenceMatcher's ratio)
_DIGIT = re.compile(r"[0-9０-９一二三四五六七八九十]")
_YEAR = re.compile(r"([12][0-9]{3})\s*年")
_EXPRESSION = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)


def check_carried(report: m.Report, earlier: m.Report | None, diags: Diagnostics) -> None:
    """A `carried-figure` warning for each typed figure of this year's summaries that `earlier`'s print in the
    same sentence."""
    if earlier is None:
        return
    from libreport.prose.literals import find_figures

    texts = _texts(earlier)
    now = [s.data for s in report.sections("summary") if isinstance(s.data, m.Summary)]
    if not _lines(texts) & _lines(s.text for s in now):
        return  # no line of last year's with a figure in it stands in this year's text: nothing was carried
    before = _typed_figures(texts)
    if not before:
        return
    for summary in now:
        for figure in find_figures(summary):
            if not figure.typed or figure.deliberate:
                continue
            sentences = before.get(_key(figure.text))
            if sentences and _in_one_of(_plain(figure.sentence), sentences):
                mark = Mark(summary.file, figure.line, figure.col)
                year = _YEAR.fullmatch(figure.text)
                offset = int(year[1]) - earlier.year if year else None
                if offset is not None and abs(offset) <= 1:  # last year's own year (or the one after): {{ year }}
                    expr = "year" if offset == 0 else f"year {'+' if offset > 0 else '-'} 1"
                    diags.warning("carried-figure", mark, figure=figure.text, year=earlier.year,
                                  sentence=figure.sentence, expr=expr, variant="year")
                else:
                    diags.warning("carried-figure", mark, figure=figure.text, year=earlier.year,
                                  sentence=figure.sentence)


def _texts(earlier: m.Report) -> list[str]:
    """Last year's summaries as `new` carries them: its marks of meant literals taken off."""
    from libreport.commands.new import carry_summary
    from libreport.sources.text import MAX_PROSE_BYTES, read_text

    out = []
    for section in earlier.sections("summary"):
        source = read_text(section.file, Diagnostics(), MAX_PROSE_BYTES) if section.file.is_file() else None
        if source is not None:  # that year's problems are said when it is validated
            out.append(carry_summary(source.text))
    return out


def _lines(texts) -> set[str]:
    """The lines of the texts that have a figure in them, as written (a quick look before reading sentences)."""
    return {line for text in texts for line in (ln.strip() for ln in text.split("\n"))
            if len(line) >= 8 and _DIGIT.search(line)}


def _typed_figures(texts: list[str]) -> dict[str, list[str]]:
    """Last year's typed figures, each with the sentences it stands in."""
    from libreport.prose.literals import find_figures

    out: dict[str, list[str]] = {}
    for text in texts:
        for figure in find_figures(text):
            if figure.typed:
                out.setdefault(_key(figure.text), []).append(_plain(figure.sentence))
    return out


def _key(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _plain(sentence: str) -> str:
    """A sentence compared as its words: expressions are the same whatever figure they print this year."""
    return re.sub(r"\s+", "", _EXPRESSION.sub("□", sentence))


def _in_one_of(sentence: str, sentences: list[str]) -> bool:
    for other in sentences:
        if other == sentence:
            return True
        matcher = SequenceMatcher(None, sentence, other, autojunk=False)
        if matcher.real_quick_ratio() >= SIMILAR and matcher.quick_ratio() >= SIMILAR and matcher.ratio() >= SIMILAR:
            return True
    return False
