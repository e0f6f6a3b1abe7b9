"""YAML source files: text → YAML nodes with positions.

Nothing here interprets meaning. PyYAML's composer gives nodes with marks; we
keep them as nodes (not Python values) so that the schema layer can decide what
a plain scalar means from where it stands, which is what keeps YAML 1.1's
`no` → False and `2021-01-08` → date surprises out of the data.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from libreport.diagnostics import Diagnostics, Mark
from libreport.sources.text import SourceText, read_text

MAX_NODES = 5_000_000

try:  # libyaml's composer is an order of magnitude faster on large years
    _Base = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - pure-Python PyYAML
    _Base = yaml.SafeLoader

_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_Base):
    """Composes without guessing types: the schema decides what a plain scalar means, so the
    YAML 1.1 implicit resolver (a Python call per scalar) is only asked about merge keys."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _MERGE if value == "<<" and implicit[0] else "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


def compose(source: SourceText, diags: Diagnostics) -> yaml.Node | None:
    """Parse YAML into a node tree. Returns None (with a diagnostic) when it cannot."""
    try:
        node = yaml.compose(source.text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = (exc.problem or exc.context or "invalid YAML").strip()
        written = source.text.split("\n")[line - 1] if mark and line <= source.text.count("\n") + 1 else ""
        char = written[col - 1] if 0 < col <= len(written) else ""
        if "cannot start any token" in problem and char in "%@`":  # unit: % — a unit as printed, unquoted
            diags.error("yaml-syntax", Mark(source.path, line, col), char=char, variant="quote")
        else:
            diags.error("yaml-syntax", Mark(source.path, line, col), problem=problem)
        return None
    except yaml.reader.ReaderError as exc:  # a control character (Word's manual line break U+000B, say)
        # Its position is a byte offset with libyaml and a character offset without; find the character itself.
        char = chr(exc.character) if isinstance(exc.character, int) else None
        at = max(source.text.find(char), 0) if char else 0
        line = source.text.count("\n", 0, at) + 1
        col = at - (source.text.rfind("\n", 0, at) + 1) + 1
        problem = f"the character U+{ord(char):04X} is not allowed in YAML; delete it" if char else str(exc)
        diags.error("yaml-syntax", Mark(source.path, line, col), problem=problem)
        return None
    except yaml.YAMLError as exc:
        diags.error("yaml-syntax", Mark(source.path, 1, 1), problem=str(exc))
        return None
    if node is None:
        return None
    if not _check_tree(node, source.path, diags, may_alias="&" in source.text or "*" in source.text):
        return None
    return node


def _check_tree(root: yaml.Node, path: Path, diags: Diagnostics, may_alias: bool = True) -> bool:
    """Refuse aliases (and with them alias bombs) and report duplicate keys.

    The composer shares an aliased node instead of copying it, so an alias
    shows up as a node reached twice; walking by identity never expands it.
    A text without "&" or "*" can hold no alias, and then only mappings need a visit.
    """
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    seen: set[int] = set()
    stack = [root]
    count = 0
    while stack:
        node = stack.pop()
        if may_alias:
            if id(node) in seen:
                diags.error("yaml-alias", mark_of(node, path))
                return False
            seen.add(id(node))
        kind = node.__class__
        if kind is mapping:
            count += 2 * len(node.value)
            keys: dict[str, yaml.Node] = {}
            for key, value in node.value:
                if key.__class__ is scalar:
                    if key.value in keys:
                        first = keys[key.value].start_mark.line + 1
                        diags.error("duplicate-key", mark_of(key, path), key=key.value, first=first)
                    keys[key.value] = key
                    if key.tag == _MERGE:
                        diags.error("yaml-alias", mark_of(key, path), variant="merge")
                        return False
                elif may_alias:
                    stack.append(key)
                if may_alias or value.__class__ is not scalar:
                    stack.append(value)
        elif kind is sequence:
            count += len(node.value)
            stack.extend(node.value if may_alias else [v for v in node.value if v.__class__ is not scalar])
        if count > MAX_NODES:
            diags.error("file-too-large", mark_of(root, path), variant="nodes")
            return False
    return True


def mark_of(node: yaml.Node, path: Path) -> Mark:
    m = node.start_mark
    return Mark(path, m.line + 1, m.column + 1)


def load_yaml(path: Path, diags: Diagnostics) -> yaml.Node | None:
    source = read_text(path, diags)
    if source is None:
        return None
    return compose(source, diags)
