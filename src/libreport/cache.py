"""libreport's own cache folder (XDG_CACHE_HOME/libreport, else ~/.cache/libreport): what one run works out
from an unchanged input and the next may reuse — compiled Jinja snippets, a template's look, a summary's parsed
Markdown, LibreOffice's profile. Everything in it
is keyed by a hash of its input and a version of the code that made it, so it is never stale, and it may be
deleted at any time. Without a writable folder libreport simply works everything out each run."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def cache_dir(name: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "libreport" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


def remembered(name: str, key: bytes, compute: Callable[[], T]) -> T:
    """What `compute()` gives, kept in the cache folder `name` under a hash of `key` (which names everything the
    result depends on, the code that makes it included) and read back from there by the next run. Without a
    cache folder, or when what is kept there cannot be read, it is worked out again."""
    import hashlib
    import pickle

    folder = cache_dir(name)
    digest = hashlib.sha256(key).hexdigest()
    if folder is not None:
        try:
            with open(folder / f"{digest}.pickle", "rb") as f:
                return pickle.load(f)
        except Exception:  # not there yet, or written by other code: work it out again
            pass
    value = compute()
    if folder is not None:
        try:
            tmp = folder / f".{digest}.{os.getpid()}.tmp"
            tmp.write_bytes(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
            os.replace(tmp, folder / f"{digest}.pickle")
        except (OSError, pickle.PicklingError):
            pass
    return value
