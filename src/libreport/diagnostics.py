"""Diagnostics are data: collected over a whole run, then reported once."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from functools import lru_cache
from pathlib import Path


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: Severity
    message: str
    file: Path | None = None
    line: int | None = None  # 1-based
    column: int | None = None  # 1-based
    path: str = ""  # the data path inside the file, e.g. "[3].date"
    accepted: str | None = None  # the reason given by an `accept:` that acknowledges it (it is then a note)

    def location(self, base: Path | None = None) -> str:
        from libreport.messages import one_line

        if self.file is None:
            return "libreport"
        shown = one_line(shown_path(self.file, base))
        if self.line is None:
            return shown
        return f"{shown}:{self.line}:{self.column or 1}"

    def format(self, base: Path | None = None) -> str:
        """`file:line:col: severity code: message`, the severity worded in the run's language."""
        from libreport.i18n import t

        return f"{self.location(base)}: {t('severity_' + self.severity.value)} {self.code}: {self.message}"

    def to_json(self, base: Path | None = None) -> dict:
        return {
            "code": self.code,
            "severity": self.severity.value,
            "message": self.message,
            "file": shown_path(self.file, base) if self.file else None,
            "line": self.line,
            "column": self.column,
            "path": self.path,
            "accepted": self.accepted,  # the acknowledgment's reason, or null
        }

    def sort_key(self):
        return (str(self.file or ""), self.line or 0, self.column or 0, self.code)


def shown_path(file: Path, base: Path | None = None) -> str:
    """A path as the user should see it: relative to `base` (the current folder) when inside it."""
    return _shown(file, base or Path.cwd())


@lru_cache(maxsize=1024)
def _shown(file: Path, base: Path) -> str:  # a file with 60,000 problems is resolved once, not 60,000 times
    import os

    try:  # as written first: a link is shown as the link, not as where it leads
        return Path(os.path.abspath(file)).relative_to(os.path.abspath(base)).as_posix()
    except ValueError:
        pass
    try:
        return file.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return file.as_posix()


@dataclass
class Mark:
    """Where a value stands in a source file; line and column are 1-based."""

    file: Path
    line: int
    column: int


MAX_SAME = 1_000  # diagnostics of one code in one file that are worded and printed


@dataclass
class Diagnostics:
    """Collects diagnostics; checks never raise for bad input, they add here.

    A call names the code and gives the values the message needs; `messages.CATALOGUE` words it.
    """

    items: list[Diagnostic] = field(default_factory=list)
    acknowledgments: list = field(default_factory=list)  # `accept:` entries read (see libreport.accept)
    # (file, code, severity) → how many more than MAX_SAME were found: counted, not each worded and printed
    overflow: dict = field(default_factory=dict)
    _seen: dict = field(default_factory=dict, repr=False)

    def add(self, code: str, severity: Severity, mark: Mark | None = None, path: str = "", *,
            file: Path | None = None, variant: str | None = None, **args) -> None:
        from libreport.messages import render

        where = mark.file if mark is not None else file
        key = (where, code, severity)
        seen = self._seen[key] = self._seen.get(key, 0) + 1
        if seen > MAX_SAME:  # a file of junk makes the same mistake a million times; the first ones say it
            self.overflow[key] = self.overflow.get(key, 0) + 1
            return
        if file is not None:
            args.setdefault("file", file.name)
        message = render(f"{code}.{variant}" if variant else code, args)
        if mark is not None:
            self.items.append(Diagnostic(code, severity, message, mark.file, mark.line, mark.column, path))
        else:
            self.items.append(Diagnostic(code, severity, message, file, None, None, path))

    def error(self, code: str, mark: Mark | None = None, path: str = "", **kw) -> None:
        self.add(code, Severity.ERROR, mark, path, **kw)

    def warning(self, code: str, mark: Mark | None = None, path: str = "", **kw) -> None:
        self.add(code, Severity.WARNING, mark, path, **kw)

    def note(self, code: str, mark: Mark | None = None, path: str = "", **kw) -> None:
        self.add(code, Severity.NOTE, mark, path, **kw)

    def extend(self, other: Diagnostics) -> None:
        self.items.extend(other.items)
        self.acknowledgments.extend(other.acknowledgments)
        for key, n in other.overflow.items():
            self.overflow[key] = self.overflow.get(key, 0) + n

    @property
    def errors(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.ERROR]

    @property
    def warnings(self) -> list[Diagnostic]:
        return [d for d in self.items if d.severity is Severity.WARNING]

    def any_in(self, file: Path) -> bool:
        return any(d.file == file for d in self.items)

    def has_errors(self, strict: bool = False) -> bool:
        if strict:
            return any(d.severity is not Severity.NOTE for d in self.items)
        return any(d.severity is Severity.ERROR for d in self.items)

    def sorted(self) -> list[Diagnostic]:
        """Every diagnostic in file order; after the first MAX_SAME of one code in one file, one line that
        says how many more there are."""
        diags = Diagnostics()
        for (file, code, severity), n in self.overflow.items():  # said with the severity of what it counts
            if severity is Severity.ERROR:
                diags.error("too-many", file=file, count=n, kind=code, shown=MAX_SAME)
            elif severity is Severity.WARNING:
                diags.warning("too-many", file=file, count=n, kind=code, shown=MAX_SAME)
            else:
                diags.note("too-many", file=file, count=n, kind=code, shown=MAX_SAME)
        return sorted(self.items + diags.items, key=Diagnostic.sort_key)
