"""Stated percentages and ratios: the printed value against the one its two figures give.

A statistics item with `ratio: {part: A, whole: B}` states A ÷ B (× 100 in %, × 1000 in ‰). Without `whole`, the
whole is the item it is listed under. `ratio:` is the transcriber's statement of which two figures the printed one
divides, so it is the one place where units are converted, and only by what they state:

- the 万 or 亿 a unit starts with (58.6 万人 is 586,000 人; 130 万册 is 1,300,000 册), in the part, the whole and
  the printed unit alike (平方米/万人 is per 10,000 人);
- a percentage (%, ‰) may divide two counts in different measure words (有效借书证数 in 个 ÷ 常住人口 in 万人);
  a figure that is itself a percentage or a ratio is no count, and then nothing is checked (`unit-mismatch`);
- a per-unit (册/人) divides a part counting its first measure word (册, or 册、件) by a whole counting its
  second (人, 万人); otherwise nothing is checked (`unit-mismatch`);
- any other unit (人均藏书 5 册) is the part ÷ the whole, with the magnitudes applied.

The printed value may differ from the computed one by what its printed precision allows (35.2 stands for
35.15 … 35.25) or, printed with an approximation word, by what the word allows; beyond that, validate warns.
Both warnings stand at the printed figure's value, where `accept:` on the item acknowledges them.
"""

from __future__ import annotations

from decimal import Decimal

from libreport import model as m
from libreport.checks.stated import find_item, scaled
from libreport.compute.tables import StatIndex
from libreport.diagnostics import Diagnostics
from libreport.figures import Bounds, Figure, last_place, measures, overlap
from libreport.messages import Both
from libreport.numbers import group_thousands

SCALES = {"%": Decimal(100), "％": Decimal(100), "‰": Decimal(1000)}
MAGNITUDE = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
PER = ("/", "／")


class Measure:
    """A unit as a ratio reads it: the magnitude it counts in and its measure words (58.6 万人: 10,000, {人})."""

    def __init__(self, unit: str):
        pairs = measures(unit)
        magnitudes = {magnitude for magnitude, _word in pairs}
        self.words = frozenset(word for _magnitude, word in pairs)
        # one magnitude for every measure word, or the unit cannot say how large its figures are
        self.factor: Decimal | None = MAGNITUDE[magnitudes.pop()] if len(magnitudes) == 1 else None
        magnitude = next((k for k in ("万", "亿") if unit.startswith(k) and len(unit) > 1), "")
        self.base = unit[len(magnitude):]  # the unit without its magnitude: 万人 → 人


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
    part = find_item(ratio.part, index, ratio.mark, "ratio", diags)
    if ratio.whole is not None:
        whole = find_item(ratio.whole, index, ratio.mark, "ratio", diags)
    elif parent is None:
        diags.error("missing-key", ratio.mark, f"{item.path}.ratio.whole", key="whole", where=f"{item.name}: ratio")
        return
    else:
        whole = parent
    printed = item.figure
    if part is None or whole is None or printed is None or part.figure is None or whole.figure is None:
        return  # not there (said so), or still to fill
    at = item.value_mark or item.mark
    scale = _scale(item, part, whole, diags)
    if scale is None:
        return  # the units do not say how the two divide: said so
    part_size, whole_size = Measure(part.unit or ""), Measure(whole.unit or "")
    assert part_size.factor is not None and whole_size.factor is not None  # _scale said so otherwise
    if whole.figure.bounds()[0] == 0:
        return  # a share of nothing (or of 近 0): no ratio to check
    p, w = part_size.factor, whole_size.factor
    computed = _ratio_bounds(scaled(part.figure.bounds(), p), scaled(whole.figure.bounds(), w), scale)
    if overlap(computed, printed.bounds(rounded=True)):
        return
    exact = part.figure.value * p * scale / (whole.figure.value * w)
    shown = exact.quantize(min(last_place(printed.value) / 10, Decimal("0.01")))  # a place more than printed
    worded: str | Both = Figure(shown.normalize(), unit=item.unit).printed()
    if p != 1 or w != 1:  # say what was converted: 7.65% (44,827 个 ÷ 586,000 人)
        how = (f"{_counted(part.figure.value * p)} {part_size.base} ÷ "
               f"{_counted(whole.figure.value * w)} {whole_size.base}")
        worded = Both(f"{worded} ({how})", f"{worded}（{how}）")
    diags.warning("ratio-mismatch", at, f"{item.path}.value", item=item.name, printed=printed.printed(),
                  part=part.name, whole=whole.name, computed=worded, word=printed.approx or "",
                  variant="approx" if printed.approx else None)


def _scale(item: m.StatItem, part: m.StatItem, whole: m.StatItem, diags: Diagnostics) -> Decimal | None:
    """What part ÷ whole (both counted one by one, their magnitudes applied) is multiplied by to give the printed
    figure in its unit: 100 for %, 1 for 册/人, 1/10,000 for 册 in a unit of 万册. None, and said so, when the
    units do not allow it."""
    at, unit = item.value_mark or item.mark, item.unit or ""
    for other in (part, whole):
        if other.ratio is not None or (other.unit or "") in SCALES:  # a percentage of a percentage
            diags.warning("unit-mismatch", at, f"{item.path}.ratio", item=item.name, unit=unit, other=other.name,
                          other_unit=other.unit or "—", variant="ratio")
            return None
        if Measure(other.unit or "").factor is None:
            diags.warning("unit-mismatch", at, f"{item.path}.ratio", item=item.name, other=other.name,
                          other_unit=other.unit or "—", variant="ratio-magnitudes")
            return None
    if unit in SCALES:
        return SCALES[unit]
    if any(sign in unit for sign in PER):
        cut = min(unit.find(sign) for sign in PER if sign in unit)
        above, below = Measure(unit[:cut]), Measure(unit[cut + 1:])
        if not (above.words & Measure(part.unit or "").words and below.words & Measure(whole.unit or "").words) \
                or above.factor is None or below.factor is None:
            diags.warning("unit-mismatch", at, f"{item.path}.ratio", item=item.name, unit=unit,
                          per=unit[:cut], each=unit[cut + 1:], part=part.name, part_unit=part.unit or "—",
                          whole=whole.name, whole_unit=whole.unit or "—", variant="per-unit")
            return None
        return below.factor / above.factor
    own = Measure(unit).factor
    return 1 / own if own is not None else Decimal(1)


def _counted(value: Decimal) -> str:
    """A figure counted one by one, as a message shows it: 58.6 万 is 586,000, not 586,000.0."""
    value = value.normalize()
    return group_thousands(value.quantize(Decimal(1)) if value == value.to_integral_value() else value)


def _ratio_bounds(part: Bounds, whole: Bounds, scale: Decimal) -> Bounds:
    """The range part ÷ whole × scale lies in, given the ranges of the two."""
    low = part[0] * scale / whole[1] if whole[1] is not None else Decimal(0)
    high = part[1] * scale / whole[0] if part[1] is not None else None
    return low, high
