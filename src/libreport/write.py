"""Writing outputs atomically: a failed or interrupted build never leaves a partial file
and never replaces the last good report."""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path


class LockedError(Exception):
    def __init__(self, path: Path, lock: Path):
        super().__init__(str(path))
        self.path = path
        self.lock = lock


def lock_file(target: Path) -> Path | None:
    """The lock file Word/WPS (~$name.docx) or LibreOffice (.~lock.name#) keeps while the file is open."""
    name = target.name
    candidates = [target.with_name("~$" + name[2:] if len(name) > 2 else "~$" + name),
                  target.with_name("~$" + name),
                  target.with_name(f".~lock.{name}#")]
    for c in candidates:
        if c.exists():
            return c
    return None


def write_atomic(target: Path, data: bytes) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    lock = lock_file(target)
    if lock is not None:
        raise LockedError(target, lock)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp's 0600 would make the report private
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        try:
            os.replace(tmp, target)
        except PermissionError as exc:  # Windows refuses to replace a file another program holds open
            raise LockedError(target, target) from exc
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


@contextlib.contextmanager
def new_folder(target: Path, replace_empty: bool = False) -> Iterator[Path]:
    """A folder that appears only complete: the caller fills the temporary folder this gives, which is then
    renamed to `target`; if anything fails on the way it is removed and `target` never existed. A `target`
    that exists by then (made meanwhile by someone else) is never overwritten: FileExistsError, unless it is
    an empty folder and `replace_empty` says that is fine."""
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes the folder private; a project or year folder is not
        yield tmp
        if os.path.lexists(target):  # a link to nothing too: rename would fail on it, or replace what it names
            if not (replace_empty and target.is_dir() and not any(target.iterdir())):
                raise FileExistsError(target)
            target.rmdir()
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def write_texts(folder: Path, files: dict) -> None:
    """Text files (relative path → text) under `folder`, UTF-8 with Unix line ends, as the sources are kept."""
    for rel, text in files.items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="\n")



def replace_folder(target: Path, files: dict[str, bytes]) -> None:
    """A folder of files (relative path → bytes) that replaces `target` whole, or not at all: it is written
    beside it first, then swapped in, so that a reader never sees half of an old and half of a new one, and a
    failed write leaves the old one in place."""
    target.parent.mkdir(parents=True, exist_ok=True)
    if target.exists() and not target.is_dir():
        raise NotADirectoryError(str(target))
    tmp = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    old: Path | None = None
    try:
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp makes the folder private; a web edition is to be published
        for rel, data in files.items():
            path = tmp / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        if target.exists():
            old = tmp.with_suffix(".old")
            os.rename(target, old)
        os.rename(tmp, target)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        if old is not None and not target.exists():
            os.rename(old, target)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
