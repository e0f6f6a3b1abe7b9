"""Typed reading of YAML nodes, with a diagnostic (never an exception) for every misfit."""

from __future__ import annotations

import difflib
from decimal import Decimal
from pathlib import Path

import yaml

from libreport.characters import unprintable
from libreport.diagnostics import Diagnostics, Mark
from libreport.figures import WORDS, Figure, FigureError, parse_figure
from libreport.messages import Both, listing
from libreport.numbers import MAX_DIGITS, NumberFormatError, TooManyDigits, parse_number
from libreport.sources.yamlfile import load_yaml, mark_of

APPROX_WORDS = "、".join(WORDS)
ACCEPT = "accept"  # acknowledgments of diagnostics, allowed in every mapping (libreport.accept)
_NULLS = {"", "~", "null", "Null", "NULL"}
_PLAIN = (None, "")  # a plain (unquoted) scalar: PyYAML's loader says None, libyaml's (CSafeLoader) says ""


class Reader:
    """Reads one file's nodes; `path` strings are data paths shown in diagnostics."""

    def __init__(self, file: Path, diags: Diagnostics):
        self.file = file
        self.diags = diags

    def mark(self, node: yaml.Node) -> Mark:
        return mark_of(node, self.file)

    # -- containers -------------------------------------------------------
    def mapping(self, node: yaml.Node, path: str, allowed: tuple[str, ...], required: tuple[str, ...] = ()
                ) -> dict[str, tuple[yaml.Node, yaml.Node]] | None:
        if not isinstance(node, yaml.MappingNode):
            self.diags.error("type", self.mark(node), path, what=path or THIS, expected=EXPECTED["mapping"],
                             found=describe(node))
            return None
        found: dict[str, tuple[yaml.Node, yaml.Node]] = {}
        unknown = 0
        for key, value in node.value:
            name = key.value if isinstance(key, yaml.ScalarNode) else None
            if name == ACCEPT and name not in allowed:  # any entry may acknowledge its diagnostics
                from libreport.accept import read_accept

                read_accept(self, node, value, path)
                continue
            if name not in allowed and self.cut_by_comma(node, key, value, path):
                continue
            if name not in allowed:
                unknown += 1  # a spelling hint for the first few: not worth seconds over a file of junk keys
                hint = difflib.get_close_matches(str(name)[:100], allowed, n=1, cutoff=0.6) if unknown <= 20 else []
                self.diags.error("unknown-key", self.mark(key), _join(path, str(name)), key=str(name),
                                 hint=hint[0] if hint else "", allowed=listing(allowed),
                                 variant="hint" if hint else None)
                continue
            found.setdefault(name, (key, value))
        for name in required:
            if name not in found:
                self.diags.error("missing-key", self.mark(node), _join(path, name), key=name,
                                 where=path or THIS_ENTRY)
        return found

    def cut_by_comma(self, node: yaml.MappingNode, key: yaml.Node, value: yaml.Node, path: str) -> bool:
        """Whether `key` is the rest of the entry before it, cut off by a comma inside { } (`value: 5,860`,
        `reason: 之和为 858,410`): YAML ends an entry there. Said so, with how to write it, when it is."""
        if not (node.flow_style and isinstance(key, yaml.ScalarNode) and key.style in _PLAIN
                and isinstance(value, yaml.ScalarNode) and value.style in _PLAIN and value.value in _NULLS):
            return False
        pairs = node.value
        at = next((i for i, (k, _v) in enumerate(pairs) if k is key), 0)
        before = pairs[at - 1][1] if at > 0 else None
        if not (isinstance(before, yaml.ScalarNode) and before.style in _PLAIN and before.value):
            return False
        number = len(key.value) >= 3 and key.value[:3].isdigit() and before.value[-1:].isdigit()
        self.diags.error("flow-comma", self.mark(key), _join(path, key.value), key=key.value,
                         variant="number" if number else "text")
        return True

    def entries(self, node: yaml.Node, path: str) -> list[tuple[yaml.Node, yaml.Node]] | None:
        """A mapping's (key, value) pairs, whatever its keys are."""
        if not isinstance(node, yaml.MappingNode):
            self.diags.error("type", self.mark(node), path, what=path or THIS, expected=EXPECTED["mapping"],
                             found=describe(node))
            return None
        return list(node.value)

    def sequence(self, node: yaml.Node, path: str) -> list[yaml.Node] | None:
        if isinstance(node, yaml.ScalarNode) and node.style in _PLAIN and node.value in _NULLS:
            return []
        if not isinstance(node, yaml.SequenceNode):
            self.diags.error("type", self.mark(node), path, what=path or THIS, expected=EXPECTED["list"],
                             found=describe(node))
            return None
        return list(node.value)

    # -- scalars ----------------------------------------------------------
    def text(self, node: yaml.Node, path: str, allow_empty: bool = False) -> str | None:
        if not isinstance(node, yaml.ScalarNode):
            self.diags.error("type", self.mark(node), path, what=path, expected=EXPECTED["text"], found=describe(node))
            return None
        value = node.value
        if node.style in _PLAIN and value in _NULLS:
            value = ""
        if not value.strip() and not allow_empty:
            self.diags.error("empty", self.mark(node), path, what=path)
            return None
        bad = unprintable(value)
        if bad is not None:  # only a quoted escape ("\x01", "\ud800") can put one there
            self.diags.error("bad-character", self.mark(node), path, what=path, char=bad)
            return None
        return value.strip()

    def is_null(self, node: yaml.Node) -> bool:
        return isinstance(node, yaml.ScalarNode) and node.style in _PLAIN and node.value in _NULLS

    def number(self, node: yaml.Node, path: str, integer: bool = True, negative_ok: bool = False) -> Decimal | None:
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            self.diags.error("type", self.mark(node), path, what=path, expected=EXPECTED["number"],
                             found=describe(node))
            return None
        try:
            value, _notes = parse_number(node.value)
        except NumberFormatError as exc:
            not_a_number(self.diags, exc, self.mark(node), path, node.value, EXPECTED["number"])
            return None
        return value if self._allowed(value, node, path, integer, negative_ok) else None

    def _allowed(self, value: Decimal, node: yaml.ScalarNode, path: str, integer: bool, negative_ok: bool) -> bool:
        """Whether a number read from `node` is of the kind its field takes: whole, not negative. Said when not."""
        if integer and value != value.to_integral_value():
            self.diags.error("type", self.mark(node), path, what=path, expected=EXPECTED["whole number"],
                             found=node.value)
            return False
        if value < 0 and not negative_ok:
            self.diags.error("negative", self.mark(node), path, what=path, value=node.value)
            return False
        return True

    def figure(self, node: yaml.Node, path: str, *, integer: bool = False, negative_ok: bool = False,
               approx: str | None = None) -> Figure | None:
        """A figure as printed: a number, possibly with its approximation word (近 57.34, 5000余)."""
        if not isinstance(node, yaml.ScalarNode) or self.is_null(node):
            self.diags.error("type", self.mark(node), path, what=path, expected=EXPECTED["number"],
                             found=describe(node))
            return None
        try:
            figure = parse_figure(node.value, approx=approx)
        except FigureError as exc:
            not_a_figure(self.diags, exc, self.mark(node), path, node.value, EXPECTED["number"])
            return None
        return figure if self._allowed(figure.value, node, path, integer, negative_ok) else None

    def text_list(self, node: yaml.Node, path: str) -> list[str] | None:
        if isinstance(node, yaml.SequenceNode):
            out = []
            for i, item in enumerate(node.value):
                t = self.text(item, f"{path}[{i + 1}]")
                if t is not None:
                    out.append(t)
            return out if out else None
        t = self.text(node, path)
        return [t] if t is not None else None


def not_a_number(diags: Diagnostics, exc: NumberFormatError, mark: Mark, path: str, text: str,
                 expected: Both) -> None:
    """Why `text` is not a number, the same in every file (statistics.yaml, a table's cell, a sheet's)."""
    if isinstance(exc, TooManyDigits):
        diags.error("too-many-digits", mark, path, value=text.strip(), digits=exc.digits, limit=MAX_DIGITS)
    else:
        diags.error("type", mark, path, what=path, expected=expected, found=repr(text))


def not_a_figure(diags: Diagnostics, exc: FigureError, mark: Mark, path: str, text: str, expected: Both) -> None:
    """Why `text` is not a figure as printed, the same in every file."""
    if isinstance(exc.__cause__, NumberFormatError):
        not_a_number(diags, exc.__cause__, mark, path, text, expected)
    elif exc.kind == "form":
        diags.error("type", mark, path, what=path, expected=expected, found=repr(text))
    else:
        diags.error("type", mark, path, what=path, text=exc.text or text, words=APPROX_WORDS, variant=exc.kind)


def describe(node: yaml.Node) -> Both | str:
    """What a node is, in words for a message."""
    if isinstance(node, yaml.MappingNode):
        return Both("a mapping", "键值对")
    if isinstance(node, yaml.SequenceNode):
        return Both("a list", "列表")
    if isinstance(node, yaml.ScalarNode) and node.style in _PLAIN and node.value in _NULLS:
        return Both("nothing", "空值")
    return repr(node.value)


EXPECTED = {"mapping": Both("a mapping of keys to values", "键值对（键: 值）"),
            "list": Both("a list (lines starting with '- ')", "列表（以“- ”开头的各行）"),
            "text": Both("text", "文字"), "number": Both("a number", "数字"),
            "whole number": Both("a whole number", "整数")}
THIS = Both("this", "此处")
THIS_ENTRY = Both("this entry", "此条目")


def _join(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def read_top(file: Path, diags: Diagnostics, keys, required, variant: str) -> tuple[Reader, dict] | None:
    """A YAML file whose top is a mapping of `keys` (report.yaml, plan.yaml): its reader and fields, or None
    with the reason in diags (an empty file is said as the `variant` of file it is)."""
    root = load_yaml(file, diags, lambda mark: diags.error("empty-file", mark, file=file, variant=variant))
    if root is None:
        return None
    r = Reader(file, diags)
    fields = r.mapping(root, "", keys, required)
    return None if fields is None else (r, fields)
