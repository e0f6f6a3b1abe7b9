"""The YAML file the entries go to. They are appended as text, so that the comments and layout
of what is there stay byte for byte, and the result is read back through the schema loader
before anything is written."""

from __future__ import annotations

import re
import tempfile
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from libreport.diagnostics import Diagnostics, Severity
from libreport.sources.text import decode

from .messages import _m
from .rows import _keys_of


@dataclass
class Target:
    path: Path
    data: bytes  # as on disk (b"" for a new file)
    bom: bytes
    codec: str
    text: str
    newline: str


def _decode_target(path: Path) -> Target | None:
    data = path.read_bytes() if path.is_file() else b""
    decoded = decode(data)  # a GBK file is appended to in GBK, so the rest stays as it is
    if decoded is None:
        return None
    text = decoded.text
    newline = "\r\n" if "\r\n" in text else ("\r" if "\r" in text and "\n" not in text else "\n")
    return Target(path, data, decoded.bom, decoded.codec, text, newline)


def render_entries(entries: list[dict], indent: int = 0) -> str:
    """The entries as YAML block-list items, each quoted only as YAML needs."""
    out = []
    dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)  # libyaml's: a sheet of 30,000 rows in a second
    for entry in entries:
        dumped = yaml.dump([entry], Dumper=dumper, allow_unicode=True, default_flow_style=False, sort_keys=False,
                           width=1_000_000_000)
        dumped = re.sub(r"^(\s*\w+): ''$", r'\1: ""', dumped, flags=re.M)  # section: "" as the files write it
        out.append(dumped)
    text = "".join(out)
    if indent:
        text = "".join(" " * indent + line if line.strip() else line for line in text.splitlines(keepends=True))
    return text


def _compose(target: Target):
    """The file's node tree, read the one way every YAML file is read (its marks count characters, as str
    slicing does); the file was read once already, so a problem here is only said, not found."""
    from libreport.sources.text import SourceText
    from libreport.sources.yamlfile import compose

    diags = Diagnostics()
    root = compose(SourceText(target.path, target.text), diags)
    if diags.errors:
        raise _TargetProblem(diags.errors[0].message)
    return root


def build_new(target: Target, entries: list[dict], header_comment: str | None) -> tuple[bytes, str]:
    """The file's new bytes, and the text appended. The old bytes are kept as they are,
    except an empty `[]` (or `~`) top level, which is cut out."""
    text = target.text
    root = _compose(target) if text.strip() else None
    cut = None
    indent = 0
    if isinstance(root, yaml.MappingNode):  # {rows: [...], note: 注：…}: the entries go on at the end of rows
        root, indent = _rows_of(root)
    if root is not None:
        if isinstance(root, yaml.SequenceNode):
            if root.flow_style:
                if root.value:
                    raise _TargetProblem(_m("target_flow"))
                cut = (root.start_mark.index, root.end_mark.index)
            else:
                indent = root.start_mark.column
        elif (isinstance(root, yaml.ScalarNode) and root.style in (None, "")
              and root.value in ("", "~", "null", "Null", "NULL")):
            cut = (root.start_mark.index, root.end_mark.index)
        else:
            raise _TargetProblem(_m("target_not_list"))
    head = target.data
    if cut is not None:
        a = len(target.bom) + len(text[:cut[0]].encode(target.codec))
        b = len(target.bom) + len(text[:cut[1]].encode(target.codec))
        head = target.data[:a] + target.data[b:]
        text = text[:cut[0]] + text[cut[1]:]
    added = render_entries(entries, indent)
    prefix = ""
    if not target.data and header_comment:
        prefix = header_comment + "\n"
    elif text and not text.endswith(("\n", "\r")):
        prefix = "\n"
    appended = (prefix + added).replace("\n", target.newline)
    return head + appended.encode(target.codec), added


def _rows_of(root: yaml.MappingNode) -> tuple[yaml.Node, int]:
    """The `rows:` list of a file written as a mapping (to carry a `note:`), and the indent new entries take.
    Entries are appended at the end of the file, so `rows:` must be its last key."""
    keys = [k.value if isinstance(k, yaml.ScalarNode) else None for k, _v in root.value]
    if "rows" not in keys:
        raise _TargetProblem(_m("target_not_list"))
    if keys[-1] != "rows":
        raise _TargetProblem(_m("target_rows_last"))
    key, rows = root.value[-1]
    if isinstance(rows, yaml.SequenceNode) and not rows.flow_style:
        return rows, rows.start_mark.column
    return rows, key.start_mark.column + 2  # `rows: []` (or nothing yet): the first entries, indented under it


class _TargetProblem(Exception):
    pass


_FATAL = ("yaml-syntax", "yaml-alias", "yaml-depth", "encoding", "unreadable", "file-too-large", "not-a-file")


def _errors(diags: Diagnostics) -> list:
    return [d for d in diags.items if d.severity is Severity.ERROR]


def _load(section, path: Path, year: int):
    from libreport.sources.sections import load_section

    diags = Diagnostics()
    data = load_section(replace(section, file=path, data=None), year, diags) if path.is_file() else []
    if not isinstance(data, list):
        data = []
    return data, diags


def verify(section, kind: str, year: int, new_bytes: bytes, old_count: int, old_errors: int,
           new_keys: list[tuple]) -> str | None:
    """Read the new file back through the schema loader; None when it holds exactly the old entries and the new."""
    with tempfile.TemporaryDirectory(prefix="libreport-import-") as tmp:
        path = Path(tmp) / section.file.name
        path.write_bytes(new_bytes)
        data, diags = _load(section, path, year)
    fatal = [d for d in diags.items if d.code in _FATAL and d.severity is Severity.ERROR]
    if fatal:
        return fatal[0].message
    if len(_errors(diags)) != old_errors:
        extra = _errors(diags)[-1]
        return f"{extra.path}: {extra.message}"
    if len(data) != old_count + len(new_keys):
        return f"read back {len(data)} entries, expected {old_count + len(new_keys)}"
    if _keys_of(kind, data[old_count:]) != new_keys:
        return "the entries read back differ from the rows imported"
    return None
