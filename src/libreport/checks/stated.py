"""Figures a report states from two others — a change (增长 14.3%, +2), a percentage (完成率 109.9%) — and the
range the two printed figures allow for them.

Each printed figure stands for a range (figures.Figure.bounds: 近 6 万 is 5.4 … 6 万, an exact 38.6 is 38.6), so
the stated figure holds when some values within those ranges give it, within the places it is printed to: 10.0%
holds for anything from 9.95% to 10.05%. The table checks (checks/table.py) and the statistics checks
(checks/changes.py) both judge by these ranges.
"""

from __future__ import annotations

from decimal import Decimal

from libreport.figures import Bounds, Figure, overlap

HUNDRED = Decimal(100)


def change_range(new: Bounds, old: Bounds, percent: bool) -> Bounds | None:
    """Where new against old lies: in percent ((new ÷ old − 1) × 100), or as the difference new − old. None for a
    percentage of nothing (old may be 0)."""
    if not percent:
        return new[0] - (old[1] if old[1] is not None else old[0]), None if new[1] is None else new[1] - old[0]
    if old[0] <= 0:
        return None
    low = (new[0] / old[1] - 1) * HUNDRED if old[1] is not None else Decimal(-100)
    return low, None if new[1] is None else (new[1] / old[0] - 1) * HUNDRED


def quotient_range(part: Bounds, whole: Bounds, scale: Decimal = HUNDRED) -> Bounds | None:
    """Where part ÷ whole × scale lies. None for a whole that may be 0."""
    if whole[0] <= 0:
        return None
    low = part[0] * scale / whole[1] if whole[1] is not None else Decimal(0)
    return low, None if part[1] is None else part[1] * scale / whole[0]


def printed_range(value: Decimal, places: int) -> Bounds:
    """What a figure printed to `places` decimals stands for: 10.0 is 9.95 … 10.05."""
    half = Decimal(1).scaleb(-places) / 2
    return value - half, value + half


def places_of(value: Decimal) -> int:
    exponent = value.as_tuple().exponent
    return max(-exponent, 0) if isinstance(exponent, int) else 0


def holds(true: Bounds | None, printed: Bounds) -> bool:
    """Whether a stated figure's printed range meets the range its two figures allow (None: nothing to check)."""
    return true is None or overlap(true, printed)


def bounds_of(figure: Figure | None, value: Decimal | None) -> Bounds:
    return (figure if figure is not None else Figure(value if value is not None else Decimal(0))).bounds()


def signed(value: Decimal, percent: bool) -> str:
    return (f"+{value}" if value > 0 else str(value)) + ("%" if percent else "")


def scaled(bounds: Bounds, factor: Decimal) -> Bounds:
    """A range with both ends times `factor` (an open upper end stays open)."""
    return bounds[0] * factor, bounds[1] * factor if bounds[1] is not None else None


def find_item(ref: str, index, mark, where: str, diags):
    """The statistics item a stated figure names (by name, path or id), or an unknown-reference at `mark`."""
    found = index.find(ref)
    if found is None:
        diags.error("unknown-reference", mark, where, ref=ref, variant="ambiguous" if ref in index.ambiguous else None)
    return found
