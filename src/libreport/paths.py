"""Paths taken from the sources stay inside their own root; output names are safe on any PC.

A path written in a source file (a section's `file:`, libreport.yaml's folders) is relative to the
folder of the file that names it and must stay inside its root, symbolic links followed: the year
folder for a year's files, the project folder (where libreport.yaml is) for the project's folders,
the template folder for the template's files, the output folder for what a build writes. CI builds
every push and publishes the report, so a path that leads out could publish whatever the machine holds.
"""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path, PurePosixPath, PureWindowsPath


def inside(path: Path, root: Path) -> bool:
    """Whether `path`, every symbolic link on the way followed, is `root` or lies under it."""
    try:
        resolved, base = path.resolve(), root.resolve()
    except (OSError, RuntimeError):  # a link that points at itself
        return False
    return resolved == base or base in resolved.parents


def written_problem(text: str) -> str | None:
    """What is wrong with a relative path as written in a source file, before looking at the disk:
    "absolute" (/etc/passwd, C:\\x, \\\\server\\share, ~/x) or "parent" (a `..` step); None when it is fine.
    Both slashes count as separators, as they do on Windows where the project may be opened too."""
    if not text:
        return "empty"
    if (PurePosixPath(text).is_absolute() or PureWindowsPath(text).drive or text.startswith(("\\", "~"))):
        return "absolute"
    if ".." in re.split(r"[\\/]", text):
        return "parent"
    return None


def relative_inside(folder: Path, text: str, root: Path) -> tuple[Path, str | None]:
    """`folder / text` and what keeps it from being used: the written problem, or "link" when the path
    exists but a symbolic link on the way leads out of `root`."""
    problem = written_problem(text)
    path = folder / text
    if problem is None and not inside(path, root):
        problem = "link"
    return path, problem


# -- output names ---------------------------------------------------------------------------------

# What Windows forbids in a file name, replaced by the full-width form a Chinese name would use anyway.
_FORBIDDEN = str.maketrans({"/": "／", "\\": "＼", ":": "：", "*": "＊", "?": "？", '"': "＂", "<": "＜",
                            ">": "＞", "|": "｜"})
_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_BYTES = 200  # with .docx and the temporary file's affixes, under the 255 bytes file systems allow


def safe_file_name(name: str) -> str:
    """A file name (without extension) that creates no folder and opens on Windows, macOS and Linux:
    separators and the other characters Windows forbids become their full-width forms, control and
    invisible formatting characters (a right-to-left override that disguises `.exe`) go, runs of
    white space become one space, leading and trailing spaces and dots go, and a device name (CON,
    NUL, COM1 …) gets a `_`. The result may be empty; the caller says so."""
    name = unicodedata.normalize("NFC", name)
    kept = []
    for c in name:
        category = unicodedata.category(c)
        if category in ("Cc", "Zl", "Zp") or c.isspace():
            kept.append(" ")
        elif category not in ("Cf", "Cs", "Co", "Cn"):
            kept.append(c)
    name = re.sub(r" {2,}", " ", "".join(kept).translate(_FORBIDDEN)).strip(" .")
    if name.split(".")[0].strip().upper() in _RESERVED:
        name += "_"
    return name


def name_too_long(name: str) -> bool:
    return len(name.encode("utf-8")) > MAX_NAME_BYTES


# -- what stands at a path ----------------------------------------------------------------------------

def what_is(path: Path) -> str:
    """What stands at `path`, said before reading it, so that each surprise is named as what it is:
    "file", "folder", "missing", "dangling" (a symbolic link to nothing), "loop" (a link that leads back to
    itself), "special" (a pipe, a device: reading one would never end) or "unreadable" (no permission)."""
    import errno
    import stat

    try:
        info = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return "dangling" if path.is_symlink() else "missing"
    except OSError as exc:
        return "loop" if exc.errno == errno.ELOOP else "unreadable"
    except RuntimeError:  # Python before 3.13 on a loop
        return "loop"
    if stat.S_ISDIR(info.st_mode):
        return "folder"
    return "file" if stat.S_ISREG(info.st_mode) else "special"


def link_target(path: Path) -> str:
    """Where a symbolic link points, as written in it (for a message about a link to nothing)."""
    import os

    try:
        return os.readlink(path)
    except OSError:
        return "?"
