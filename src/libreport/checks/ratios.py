"""Stated percentages and ratios: the printed value against the one its two figures give.

A statistics item with `ratio: {part: A, whole: B}` states A ÷ B (× 100 in %, × 1000 in ‰, as is in any other
unit). Without `whole`, the whole is the item it is listed under. The printed value may differ from the
computed one by what its printed precision allows (35.2 stands for 35.15 … 35.25) or, printed with an
approximation word, by what the word allows; beyond that, validate warns.
"""

from __future__ import annotations

from decimal import Decimal

from libreport import model as m
from libreport.compute.tables import StatIndex
from libreport.diagnostics import Diagnostics
from libreport.figures import Bounds, Figure, last_place, overlap, same_measure

SCALES = {"%": Decimal(100), "％": Decimal(100), "‰": Decimal(1000)}


def check_ratios(stats: m.Statistics, diags: Diagnostics) -> None:
    index = StatIndex(stats)
    for item, parent in _with_parents(stats.items, None):
        if item.ratio is not None:
            _check(item, parent, index, diags)


def _with_parents(items: list[m.StatItem], parent: m.StatItem | None):
    for item in items:
        yield item, parent
        yield from _with_parents(list(item.children()), item)


def _check(item: m.StatItem, parent: m.StatItem | None, index: StatIndex, diags: Diagnostics) -> None:
    ratio = item.ratio
    assert ratio is not None
    part = _find(ratio.part, index, ratio, diags)
    if ratio.whole is not None:
        whole = _find(ratio.whole, index, ratio, diags)
    elif parent is None:
        diags.error("missing-key", ratio.mark, f"{item.path}.ratio.whole", key="whole", where=f"{item.name}: ratio")
        return
    else:
        whole = parent
    printed = item.figure
    if part is None or whole is None or printed is None or part.figure is None or whole.figure is None:
        return  # not there (said so), or still to fill
    scale = SCALES.get(item.unit or "", Decimal(1))
    if scale != 1 and not same_measure(part.unit, whole.unit):
        diags.warning("unit-mismatch", ratio.mark, f"{item.path}.ratio", item=item.name, part=part.name,
                      part_unit=part.unit or "—", whole=whole.name, whole_unit=whole.unit or "—", variant="ratio")
        return
    if whole.figure.bounds()[0] == 0:
        return  # a share of nothing (or of 近 0): no ratio to check
    computed = _ratio_bounds(part.figure.bounds(), whole.figure.bounds(), scale)
    if overlap(computed, printed.bounds(rounded=True)):
        return
    exact = part.figure.value * scale / whole.figure.value
    shown = exact.quantize(min(last_place(printed.value) / 10, Decimal("0.01")))  # a place more than printed
    diags.warning("ratio-mismatch", item.value_mark or item.mark, f"{item.path}.value", item=item.name,
                  printed=printed.printed(), part=part.name, whole=whole.name,
                  computed=Figure(shown.normalize(), unit=item.unit).printed(), word=printed.approx or "",
                  variant="approx" if printed.approx else None)


def _find(ref: str, index: StatIndex, ratio: m.Ratio, diags: Diagnostics) -> m.StatItem | None:
    found = index.find(ref)
    if found is None:
        diags.error("unknown-reference", ratio.mark, "ratio", ref=ref,
                    variant="ambiguous" if ref in index.ambiguous else None)
    return found


def _ratio_bounds(part: Bounds, whole: Bounds, scale: Decimal) -> Bounds:
    """The range part ÷ whole × scale lies in, given the ranges of the two."""
    low = part[0] * scale / whole[1] if whole[1] is not None else Decimal(0)
    high = part[1] * scale / whole[0] if part[1] is not None else None
    return low, high
