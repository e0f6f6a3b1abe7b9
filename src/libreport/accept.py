"""`accept: {CODE: reason}`: a printed report's own slips, acknowledged where they are written.

A transcription keeps the printed figures even where they disagree (parts that do not add up to the printed
total, a stated percentage that does not match its ratio). `accept:` on the entry says so: the diagnostic is
still reported, as a note that cites the reason, and it no longer fails validate, build or --strict.

The rule is positional, so it holds for every file and every kind of entry without code of its own: an
`accept:` in a YAML mapping acknowledges the diagnostics with that code reported inside the mapping's text
(its keys, its values, the entries nested in it). Where mappings nest, the innermost that accepts the code
wins. An `accept:` that acknowledges nothing is a warning at its own line: it has gone stale.

Other readers (a spreadsheet's rows, say) acknowledge the same way by calling `acknowledge` with the span of
their entry.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, replace
from pathlib import Path

import yaml

from libreport.diagnostics import Diagnostics, Mark, Severity
from libreport.messages import Both

KEY = "accept"


@dataclass(frozen=True)
class Acknowledgment:
    file: Path
    start: tuple[int, int]  # (line, column), 1-based, of the accepting entry's first character
    end: tuple[int, int]  # just after its last one
    code: str
    reason: str
    mark: Mark  # where the code is written, for the stale warning
    path: str = ""
    inline: bool = False  # given in the summary's text (`shown('1263', accept='…')`), not as a YAML entry


def acknowledge(diags: Diagnostics, ack: Acknowledgment) -> None:
    if not any((a.file, a.start, a.code) == (ack.file, ack.start, ack.code) for a in diags.acknowledgments):
        diags.acknowledgments.append(ack)


def read_accept(reader, mapping: yaml.Node, value: yaml.Node, path: str) -> None:
    """Record the `accept:` of `mapping` (its value is `value`): a mapping of diagnostic codes to reasons."""
    where = f"{path}.{KEY}" if path else KEY
    fields = reader.entries(value, where)
    if fields is None:
        return
    start = (mapping.start_mark.line + 1, mapping.start_mark.column + 1)
    end = (mapping.end_mark.line + 1, mapping.end_mark.column + 1)
    for key, reason_node in fields:
        if reader.cut_by_comma(value, key, reason_node, where):
            continue
        code = key.value if isinstance(key, yaml.ScalarNode) else None
        if not code:
            reader.diags.error("type", reader.mark(key), where, what=where, expected=_CODE, found=repr(code))
            continue
        reason = reader.text(reason_node, f"{where}.{code}")
        if reason is None:
            continue
        acknowledge(reader.diags, Acknowledgment(reader.file, start, end, code, reason, reader.mark(key),
                                                 f"{where}.{code}"))


def settle(diags: Diagnostics) -> None:
    """Turn each acknowledged diagnostic into a note citing its reason; warn about stale acknowledgments."""
    acks = diags.acknowledgments
    if not acks:
        return
    from libreport.i18n import t

    files: dict[Path, str] = {}

    def same(path: Path) -> str:  # one file may be named by differently written paths
        if path not in files:
            files[path] = _same_file_key(path)
        return files[path]

    used: set[int] = set()
    for i, d in enumerate(diags.items):
        if d.file is None or d.line is None or d.accepted is not None:
            continue
        at = (d.line, d.column or 1)
        key = same(d.file)
        best = None
        for k, a in enumerate(acks):
            if a.code == d.code and a.start <= at < a.end and same(a.file) == key and (
                    best is None or (a.start, _neg(a.end)) > (acks[best].start, _neg(acks[best].end))):
                best = k
        if best is not None:
            used.add(best)
            diags.items[i] = replace(d, severity=Severity.NOTE, accepted=acks[best].reason,
                                     message=t("accepted", message=d.message, reason=acks[best].reason))
    known = known_codes()
    for k, a in enumerate(acks):
        if k in used:
            continue
        if a.inline:
            diags.warning("stale-accept", a.mark, a.path, which=a.code, variant="inline")
        elif a.code in known:
            diags.warning("stale-accept", a.mark, a.path, which=a.code)
        else:
            hint = difflib.get_close_matches(a.code, sorted(known), n=1)
            diags.warning("stale-accept", a.mark, a.path, which=a.code, hint=hint[0] if hint else "",
                          variant="hint" if hint else "unknown")


def _neg(pos: tuple[int, int]) -> tuple[int, int]:
    return (-pos[0], -pos[1])


def _same_file_key(path: Path) -> str:
    try:
        return str(path.resolve())
    except OSError:
        return str(path)


def known_codes() -> set[str]:
    from libreport.messages import CATALOGUE

    return {key.split(".")[0] for key in CATALOGUE}



_CODE = Both("a diagnostic code (sum-mismatch, ratio-mismatch, …)", "诊断代码（如 sum-mismatch、ratio-mismatch）")
