"""`figures:` in report.yaml: the house style the report prints its figures in (libreport.housestyle)."""

from __future__ import annotations

import yaml

from libreport.housestyle import SPACING, THOUSANDS, Style
from libreport.messages import Both
from libreport.sources.reader import Reader

KEYS = ("thousands", "spacing")
_TRUE, _FALSE = ("true", "yes", "on", "是"), ("false", "no", "off", "否")


def read_figure_style(r: Reader, node: yaml.Node) -> Style:
    fields = r.mapping(node, "figures", KEYS)
    if fields is None:
        return Style()
    thousands, spacing = Style().thousands, Style().spacing
    if "thousands" in fields:
        value = r.text(fields["thousands"][1], "figures.thousands")
        if value in THOUSANDS:
            thousands = value
        elif value is not None:
            r.diags.error("type", r.mark(fields["thousands"][1]), "figures.thousands", what="figures.thousands",
                          expected=" / ".join(THOUSANDS), found=repr(value))
    if "spacing" in fields:
        node = fields["spacing"][1]
        value = r.text(node, "figures.spacing")
        word = {**dict.fromkeys(_TRUE, "true"), **dict.fromkeys(_FALSE, "false"), "chinese": "chinese"}.get(
            (value or "").lower())
        if word is not None:
            spacing = word
        elif value is not None:
            r.diags.error("type", r.mark(node), "figures.spacing", what="figures.spacing",
                          expected=" / ".join(SPACING), found=repr(value))
    return Style(thousands, spacing)


def read_flag(r: Reader, node: yaml.Node, path: str) -> bool | None:
    """true or false (yes/no); None, and said so, for anything else."""
    value = r.text(node, path)
    if value is not None and value.lower() in _TRUE:
        return True
    if value is not None and value.lower() in _FALSE:
        return False
    if value is not None:
        r.diags.error("type", r.mark(node), path, what=path, expected=Both("true or false", "true 或 false"),
                      found=repr(value))
    return None
