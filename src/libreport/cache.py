"""libreport's own cache folder (XDG_CACHE_HOME/libreport, else ~/.cache/libreport): what one run works out
from an unchanged input and the next may reuse — compiled Jinja snippets, a template's look. Everything in it
is keyed by a hash of its input and a version of the code that made it, so it is never stale, and it may be
deleted at any time. Without a writable folder libreport simply works everything out each run."""

from __future__ import annotations

import os
from pathlib import Path


def cache_dir(name: str) -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "libreport" / name
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None
