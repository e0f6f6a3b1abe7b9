"""Stated changes between two statistics figures: `change: {new: 文献外借, old: 上年文献外借}`.

The item's value is the change the report prints between the two: in percent when the item is in % (增长 14.3%:
(new ÷ old − 1) × 100), in percentage points when it is in 个百分点 (提高 3.6 个百分点: two percentages' difference),
and otherwise the difference new − old in the item's own unit (增加 2 个). A decrease is written with its sign
(-4.9). The 万 and 亿 units start with are applied (19.64 万册次 against 178,500 册次); nothing else is converted,
and a change between figures that count different things is not checked (`unit-mismatch`).

Like a stated ratio (checks/ratios.py) the printed value may differ from the computed one by what its printed
places (or its approximation word) allow; beyond that validate warns at the value, where `accept:` on the item
acknowledges it.
"""

from __future__ import annotations

from decimal import Decimal

from libreport import model as m
from libreport.checks.ratios import SCALES, Measure
from libreport.checks.stated import change_range, find_item, holds, scaled
from libreport.compute.tables import StatIndex
from libreport.diagnostics import Diagnostics
from libreport.figures import Figure, last_place

POINTS = ("个百分点", "百分点")  # a difference of two percentages


def check_changes(stats: m.Statistics, diags: Diagnostics) -> None:
    index = StatIndex(stats)
    for item in stats.walk():
        if item.change is not None:
            _check(item, item.change, index, diags)


def _check(item: m.StatItem, change: m.StatChange, index: StatIndex, diags: Diagnostics) -> None:
    new, old = (find_item(ref, index, change.mark, "change", diags) for ref in (change.new, change.old))
    printed = item.figure
    if new is None or old is None or printed is None or new.figure is None or old.figure is None:
        return  # not there (said so), or still to fill
    at, unit = item.value_mark or item.mark, item.unit or ""
    percent = unit in SCALES and unit != "‰"
    factors = _factors(item, new, old, percent, diags)
    if factors is None:
        return
    fn, fo, fi = factors
    a, b = scaled(new.figure.bounds(), fn / fi), scaled(old.figure.bounds(), fo / fi)
    if holds(change_range(a, b, percent), printed.bounds(rounded=True)):
        return
    if percent and old.figure.value == 0:
        return  # no percentage of nothing
    exact = ((new.figure.value * fn) / (old.figure.value * fo) - 1) * 100 if percent \
        else (new.figure.value * fn - old.figure.value * fo) / fi
    shown = exact.quantize(min(last_place(printed.value) / 10, Decimal("0.01")))
    computed = Figure(shown.normalize(), unit=item.unit).printed()
    diags.warning("change-mismatch", at, f"{item.path}.value", item=item.name, printed=printed.printed(),
                  new=new.figure.printed(), old=old.figure.printed(),
                  computed=("+" if shown > 0 else "") + computed,
                  variant="statistics" if percent else "statistics-difference")


def _factors(item: m.StatItem, new: m.StatItem, old: m.StatItem, percent: bool,
             diags: Diagnostics) -> tuple[Decimal, Decimal, Decimal] | None:
    """What the new, the old and the stated figure are multiplied by to count one by one (58.6 万人: 10,000), or
    None, and said so, when the units do not say how the two compare."""
    unit = item.unit or ""
    sizes = [Measure(new.unit or ""), Measure(old.unit or "")]
    own: Decimal | None = Decimal(1)  # a percentage, or points, counts no magnitude
    if unit in POINTS:  # two percentages: their difference, in points
        fine = all((other.unit or "") in SCALES for other in (new, old))
    elif percent:
        fine = bool(sizes[0].words & sizes[1].words)
    else:
        stated = Measure(unit)
        own = stated.factor
        fine = bool(sizes[0].words & sizes[1].words & stated.words)
    fn, fo = sizes[0].factor, sizes[1].factor
    if not fine or fn is None or fo is None or own is None:
        diags.warning("unit-mismatch", item.value_mark or item.mark, f"{item.path}.change", item=item.name,
                      unit=unit or "—", new=new.name, new_unit=new.unit or "—", old=old.name,
                      old_unit=old.unit or "—", variant="change")
        return None
    return fn, fo, own
