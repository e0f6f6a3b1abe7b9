"""One sandboxed Jinja environment for everything user-written: summary prose and template snippets.

StrictUndefined makes a name that does not exist an error instead of an empty
string. Compiling a template costs milliseconds and a report has dozens of
snippets, so compiled code is kept in a bytecode cache between runs (keyed by
the source text, so an edited snippet is always recompiled).
"""

from __future__ import annotations

import hashlib
import os
import re
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

    sources = _Sources()
    folder = _cache_dir()
    env = ImmutableSandboxedEnvironment(
        undefined=StrictUndefined, autoescape=False, keep_trailing_newline=False,
        loader=FunctionLoader(sources), cache_size=2000,
        bytecode_cache=FileSystemBytecodeCache(str(folder)) if folder else None)
    env.filters.update({k: v for k, v in _filters().items() if k != "join"})  # Jinja has its own join
    env._libreport_sources = sources
    return env


def compile_template(source: str):
    """A compiled template for `source`; raises jinja2.TemplateSyntaxError like from_string."""
    env = environment()
    name = hashlib.sha1(source.encode("utf-8")).hexdigest()
    env._libreport_sources.texts[name] = source
    return env.get_template(name)


class MissingData(LookupError):
    """A quoted name that is not in the data; reported like Jinja's UndefinedError (unknown-data)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


class Direct:
    """A snippet made only of text and `{{ name.attr['key'] | filter }}` expressions, rendered without
    Jinja (a table row in ~1 µs instead of ~25 µs, and no Jinja import at all for most reports).

    It gives what the compiled template would: values are turned into text with str(), a name, key
    or attribute that is not there raises MissingData (as StrictUndefined would raise
    UndefinedError), and attributes starting with "_" never qualify (Jinja's sandbox handles those).
    """

    def __init__(self, parts):
        self.parts = parts

    def render(self, *args, **values):
        if args:
            values = {**args[0], **values}
        return "".join(p if p.__class__ is str else p(values) for p in self.parts)


_EXPRESSION = re.compile(
    r"\{\{ *(?P<name>[A-Za-z_]\w*)(?P<path>(?:\.[A-Za-z]\w*|\[ *'[^'\\\]]*' *\]|\[ *\"[^\"\\\]]*\" *\])*)"
    r"(?P<filters>(?: *\| *[A-Za-z_]\w*(?:\( *(?:'[^'\\\\]*'|\"[^\"\\\\]*\"|-?\d+) *\))?)*) *\}\}")
_FILTER = re.compile(r" *\| *(\w+)(?:\( *(?:'([^']*)'|\"([^\"]*)\"|(-?\d+)) *\))?")
_STEP = re.compile(r"\.(\w+)|\[ *'([^']*)' *\]|\[ *\"([^\"]*)\" *\]")


_LITERALS = {"true", "false", "none", "True", "False", "None"}  # Jinja constants, not names


@lru_cache(maxsize=1)
def _filters() -> dict:
    from libreport import numbers
    from libreport.figures import FILTERS

    # num, wan, duo, pct, unit, noted: they take a printed figure (keeping its words) or a plain number
    return {**FILTERS, "cn": numbers.cn_numeral, "join": _join}


def _join(value, separator: str = "") -> str:
    """Jinja's join, for the plain case: items as text, between them the separator."""
    return separator.join(str(v) for v in value)


def direct(source: str) -> Direct | None:
    """The Direct form of `source`, or None when it needs Jinja (tags, comments, arguments, other filters)."""
    if "{%" in source or "{#" in source or source.endswith("\n"):
        return None
    parts: list = []
    at = 0
    known = _filters()
    for m in _EXPRESSION.finditer(source):
        text = source[at:m.start()]
        if "{{" in text or "}}" in text:
            return None
        if text:
            parts.append(text)
        if m["name"] in _LITERALS:
            return None
        steps = [(a, b if b is not None else c) for a, b, c in
                 ((s.group(1), s.group(2), s.group(3)) for s in _STEP.finditer(m["path"]))]
        filters = []
        for f in _FILTER.finditer(m["filters"]):
            name, text1, text2, number = f.groups()
            if name not in known:
                return None
            args = () if f.group(0).find("(") < 0 else (
                text1 if text1 is not None else text2 if text2 is not None else int(number),)
            filters.append((known[name], args))
        parts.append(_expression(m["name"], steps, filters))
        at = m.end()
    rest = source[at:]
    if "{{" in rest or "}}" in rest:
        return None
    if rest:
        parts.append(rest)
    return Direct(parts)


def _expression(name: str, steps: list[tuple], filters: list):
    def value(values):
        try:
            obj = values[name]
        except KeyError:
            raise MissingData(f"'{name}' is undefined") from None
        shown = name
        for attr, key in steps:
            if attr is not None:
                try:
                    obj = getattr(obj, attr)
                except AttributeError:
                    try:
                        obj = obj[attr]
                    except (TypeError, LookupError):
                        raise MissingData(f"{shown} has no {attr!r}") from None
                shown = f"{shown}.{attr}"
            else:
                try:
                    obj = obj[key]
                except (TypeError, LookupError):
                    raise MissingData(f"{shown} has no {key!r}{_did_you_mean(key, obj)}") from None
                shown = f"{shown}[{key!r}]"
        for f, args in filters:
            obj = f(obj, *args)
        return str(obj)
    return value


def _did_you_mean(key: str, obj) -> str:
    import difflib

    if not isinstance(obj, dict):
        return ""
    close = difflib.get_close_matches(key, [k for k in obj if isinstance(k, str)], n=1, cutoff=0.5)
    return f"; did you mean {close[0]!r}?" if close else ""


def compile_snippet(source: str):
    """A renderable for `source`: the Direct form when it has one, else the sandboxed Jinja template."""
    return direct(source) or compile_template(source)
