"""YAML source files: text → YAML nodes with positions. The one way libreport reads YAML.

Every YAML file libreport reads — libreport.yaml, templates/snippets.yaml, each year's files,
and the files `new` and `import` edit — goes through `compose`, so the same limits hold everywhere:
no anchors, aliases or merge keys (an alias bomb cannot expand), no key twice in a mapping, at most
MAX_DEPTH levels of nesting and MAX_NODES values.

Nothing here interprets meaning. PyYAML's composer gives nodes with marks; we keep them as nodes
(not Python values) so that the schema layer can decide what a plain scalar means from where it
stands, which is what keeps YAML 1.1's `no` → False and `2021-01-08` → date surprises out of the data.
Marks count characters (libyaml's as well as PyYAML's), so `new` and `import` can slice the text by them.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import yaml

from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both
from libreport.sources.text import SourceText, read_text

MAX_NODES = 5_000_000
MAX_DEPTH = 64  # a statistics tree nests a dozen levels; deeper is a mistake or an attack on the readers' recursion

_Base: type = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's is an order of magnitude faster

_MERGE = "tag:yaml.org,2002:merge"


class _Loader(_Base):
    """Composes without guessing types: the schema decides what a plain scalar means, so the
    YAML 1.1 implicit resolver (a Python call per scalar) is only asked about merge keys."""

    def resolve(self, kind, value, implicit):
        if kind is yaml.ScalarNode:
            return _MERGE if value == "<<" and implicit[0] else "tag:yaml.org,2002:str"
        return "tag:yaml.org,2002:seq" if kind is yaml.SequenceNode else "tag:yaml.org,2002:map"


# Constructs that a syntax error can leave open; PyYAML names them in `context` and marks where they start.
_OPENERS = (("quoted scalar", Both("quoted text", "引号中的文字")),
            ("flow sequence", Both("list in [ ]", "方括号 [ ] 中的列表")),
            ("flow mapping", Both("mapping in { }", "花括号 { } 中的键值对")))


def compose(source: SourceText, diags: Diagnostics) -> yaml.Node | None:
    """Parse YAML into a node tree. Returns None when there is no document, or (with a diagnostic) when
    it cannot be read within the limits."""
    try:
        node = yaml.compose(source.text, Loader=_Loader)
    except yaml.MarkedYAMLError as exc:
        _syntax_error(exc, source, diags)
        return None
    except yaml.reader.ReaderError as exc:  # a control character (Word's manual line break U+000B, say)
        # Its position is a byte offset with libyaml and a character offset without; find the character itself.
        char = chr(exc.character) if isinstance(exc.character, int) else None
        at = max(source.text.find(char), 0) if char else 0
        line = source.text.count("\n", 0, at) + 1
        col = at - (source.text.rfind("\n", 0, at) + 1) + 1
        if char:
            diags.error("yaml-syntax", Mark(source.path, line, col), variant="control", char=f"U+{ord(char):04X}")
        else:
            diags.error("yaml-syntax", Mark(source.path, line, col), variant="other")
        return None
    except yaml.YAMLError:
        diags.error("yaml-syntax", Mark(source.path, 1, 1), variant="other")
        return None
    except RecursionError:  # the pure-Python composer on deep nesting; libyaml stops at 1000 levels itself
        diags.error("yaml-depth", Mark(source.path, 1, 1), depth=MAX_DEPTH)
        return None
    if node is None:
        return None
    if not _check_tree(node, source.path, diags, may_alias="&" in source.text or "*" in source.text):
        return None
    return node


def _syntax_error(exc: yaml.MarkedYAMLError, source: SourceText, diags: Diagnostics) -> None:
    """Where the mistake is: a quote or bracket that is never closed is shown where it opens (PyYAML's
    context mark), not at the end of the file where YAML gives up (its problem mark)."""
    problem_mark, context_mark = exc.problem_mark, exc.context_mark
    problem = (exc.problem or exc.context or "invalid YAML").strip()
    opened = next((what for key, what in _OPENERS if key in (exc.context or "")), None)
    if opened is not None and context_mark is not None and (
            problem_mark is None or problem_mark.line > context_mark.line):
        line = (problem_mark.line + 1) if problem_mark is not None else context_mark.line + 1
        diags.error("yaml-syntax", Mark(source.path, context_mark.line + 1, context_mark.column + 1),
                    what=opened, line=line, variant="unclosed")
        return
    runaway = _runaway_quote(source.text, problem_mark) if problem_mark is not None else None
    if runaway is not None and problem_mark is not None:  # closed by the next quote lines later, where YAML then
        diags.error("yaml-syntax", Mark(source.path, runaway.line + 1, runaway.column + 1),  # stumbles: shown
                    what=_OPENERS[0][1], line=problem_mark.line + 1, variant="unclosed")  # where it opens
        return
    mark = problem_mark or context_mark
    line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
    # The character YAML stopped at, found by line and column (libyaml's index counts bytes, not characters).
    text = source.text.split("\n")[line - 1] if mark and line <= source.text.count("\n") + 1 else ""
    variant, args = _said(problem, text[col - 1:col], text[:col - 1])
    diags.error("yaml-syntax", Mark(source.path, line, col), variant=variant, **args)


# PyYAML's problems, as it words them, and what they mean to someone typing a source file: each is worded in
# the catalogue (yaml-syntax.<variant>) in both languages; one not listed here is said in general terms.
_PROBLEMS = (
    (re.compile(r"mapping values are not allowed"), "colon"),
    (re.compile(r"sequence entries are not allowed"), "dash"),
    (re.compile(r"expected <block end>, but found|did not find expected (key|'-' indicator)"), "indent"),
    (re.compile(r"found undefined alias"), "star"),
    (re.compile(r"found unknown escape character"), "escape"),
    (re.compile(r"expected alphabetic or numeric character"), "anchor"),
)


def _said(problem: str, char: str, before: str) -> tuple[str | None, dict[str, str]]:
    """The catalogue's words for a problem PyYAML found at `char`, after `before` on its line."""
    if ("cannot start any token" in problem and char == "\t") or "tab character that violates indentation" in problem:
        return ("tab-indent" if not before.strip() else "tab"), {}
    if "cannot start any token" in problem and char and char in "%@`":  # unit: % — a unit as printed, unquoted
        return "quote", {"char": char}
    return next((variant for pattern, variant in _PROBLEMS if pattern.search(problem)), "other"), {}


def _runaway_quote(text: str, problem: yaml.Mark):
    """Where a quote opens that was never closed on its line, when the next quote closed it lines later, on the
    line YAML stumbled on (`title: "开放` … `title: "讲座"`): the start of a quoted text running over lines and
    ending on the line of the problem. None when there is none (YAML's scanner reads on past the problem)."""
    found = None
    try:
        for token in yaml.scan(text[:problem.index + 1], Loader=_Base):
            if token.start_mark.index > problem.index:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'") \
                    and token.start_mark.line < token.end_mark.line == problem.line:
                found = token.start_mark
    except yaml.YAMLError:
        pass
    return found


def _check_tree(root: yaml.Node, path: Path, diags: Diagnostics, may_alias: bool = True) -> bool:
    """Refuse aliases (and with them alias bombs) and deep nesting, and report duplicate keys.

    The composer shares an aliased node instead of copying it, so an alias shows up as a node
    reached twice; walking by identity never expands it. The walk goes level by level, which
    gives each node's depth for free. A text without "&" or "*" can hold no alias, and then only
    mappings and sequences need a visit.
    """
    mapping, sequence, scalar = yaml.MappingNode, yaml.SequenceNode, yaml.ScalarNode
    seen: set[int] = set()
    level = [root]
    depth = count = 0
    while level:
        depth += 1
        if depth > MAX_DEPTH:
            diags.error("yaml-depth", mark_of(level[0], path), depth=MAX_DEPTH)
            return False
        following: list[yaml.Node] = []
        for node in level:
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
                    else:  # a mapping or list used as a key: nothing libreport reads, but it nests all the same
                        following.append(key)
                    if may_alias or value.__class__ is not scalar:
                        following.append(value)
            elif kind is sequence:
                count += len(node.value)
                following.extend(node.value if may_alias else [v for v in node.value if v.__class__ is not scalar])
        if count > MAX_NODES:
            diags.error("file-too-large", mark_of(root, path), variant="nodes")
            return False
        level = following
    return True


def mark_of(node: yaml.Node, path: Path) -> Mark:
    m = node.start_mark
    return Mark(path, m.line + 1, m.column + 1)


def load_yaml(path: Path, diags: Diagnostics, on_empty: Callable[[Mark], None] | None = None) -> yaml.Node | None:
    """A YAML file's node tree, or None. A file with no YAML document in it (nothing, or only comments)
    is handed to `on_empty` with the mark of its line 1, which says what the file should hold."""
    source = read_text(path, diags)
    if source is None:
        return None
    before = len(diags.items)
    node = compose(source, diags)
    if node is None and on_empty is not None and len(diags.items) == before:
        on_empty(Mark(path, 1, 1))
    return node
