"""One sandboxed Jinja environment for everything user-written: summary prose and template snippets.

StrictUndefined makes a name that does not exist an error instead of an empty
string. Compiling a template costs milliseconds and a report has dozens of
snippets, so compiled code is kept in a bytecode cache between runs (keyed by
the source text, so an edited snippet is always recompiled).
"""

from __future__ import annotations

import hashlib
import os
from functools import lru_cache
from pathlib import Path


def _cache_dir() -> Path | None:
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    folder = Path(base) / "libreport" / "jinja"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return folder if os.access(folder, os.W_OK) else None


class _Sources:
    """A loader over texts registered by their hash; the hash is the template's name."""

    def __init__(self):
        self.texts: dict[str, str] = {}

    def __call__(self, name: str):
        text = self.texts.get(name)
        return None if text is None else (text, None, lambda: True)


@lru_cache(maxsize=1)
def environment():
    from jinja2 import FileSystemBytecodeCache, FunctionLoader, StrictUndefined
    from jinja2.sandbox import ImmutableSandboxedEnvironment

    from . import numbers

    sources = _Sources()
    folder = _cache_dir()
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
        loader=FunctionLoader(sources), cache_size=2000,
        bytecode_cache=FileSystemBytecodeCache(str(folder)) if folder else None)
    env.filters.update({
        "duo": numbers.duo,
        "wan": numbers.wan,
        "num": numbers.group_thousands,
        "pct": numbers.percent,
        "cn": numbers.cn_numeral,
    })
    env._libreport_sources = sources
    return env


def compile_template(source: str):
    """A compiled template for `source`; raises jinja2.TemplateSyntaxError like from_string."""
    env = environment()
    name = hashlib.sha1(source.encode("utf-8")).hexdigest()
    env._libreport_sources.texts[name] = source
    return env.get_template(name)
