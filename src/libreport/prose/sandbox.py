"""One sandboxed Jinja environment for everything user-written: summary prose and template snippets.

StrictUndefined makes a name that does not exist an error instead of an empty
string. Compiling a template costs milliseconds and a report has dozens of
snippets, so compiled code is kept in a bytecode cache between runs (keyed by
the source text, so an edited snippet is always recompiled).
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache


class _Sources:
    """A loader over texts registered by their hash; the hash is the template's name."""

    def __init__(self):
        self.texts: dict[str, str] = {}

    def __call__(self, name: str):
        text = self.texts.get(name)
        return None if text is None else (text, None, lambda: True)


@lru_cache(maxsize=1)
def environment():
    from jinja2 import FileSystemBytecodeCache, FunctionLoader, StrictUndefined, UndefinedError, nodes
    from jinja2.exceptions import TemplateSyntaxError
    from jinja2.filters import FILTERS as JINJA_FILTERS
    from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
    from jinja2.utils import missing
    from jinja2.visitor import NodeTransformer

    from libreport.figures import Unavailable
    from libreport.messages import Both
    from libreport.prose import limits

    class Strict(StrictUndefined):
        """StrictUndefined that names a missing statistics item plainly and suggests the one probably meant."""

        __slots__ = ()

        def __init__(self, hint=None, obj=missing, name=None, exc=UndefinedError):
            # A group row of statistics.yaml is there, but has no figure to print: its rows have them.
            group = isinstance(name, str) and name in getattr(obj, "groups", ())
            super().__init__(hint, obj, name, Unavailable if group else exc)  # type: ignore[arg-type]  # raised as it is

        @property
        def _undefined_message(self) -> str:
            obj, name = self._undefined_obj, self._undefined_name
            if self._undefined_exception is Unavailable:
                return str(Both(f"{name} is a group row of statistics.yaml and has no figure of its own; "
                                "quote one of the items under it",
                                f"“{name}”是 statistics.yaml 中的分组行，本身没有数值；请引用其下的某一项"))
            if isinstance(obj, dict) and isinstance(name, str) and self._undefined_hint is None:
                close = _did_you_mean(name, obj)
                return str(Both(f"no {name!r}" + (f"; did you mean {close!r}?" if close else ""),
                                f"没有“{name}”" + (f"，是否应为“{close}”？" if close else "")))
            return super()._undefined_message

    class Guard(NodeTransformer):
        """Rewrites a parsed template so that its loops and `~` joins pay into the budget, and refuses
        what a report's wording never needs and could only be used to loop or read: include, import,
        extends and recursive loops."""

        def visit_For(self, node):
            self.generic_visit(node)
            if node.recursive:
                raise TemplateSyntaxError("recursive loops are not available in a report's templates", node.lineno)
            node.iter = nodes.Filter(node.iter, "_steps", [], [], None, None, lineno=node.lineno)
            return node

        def visit_Concat(self, node):
            self.generic_visit(node)
            return nodes.Filter(nodes.List(node.nodes, lineno=node.lineno), "_concat", [], [], None, None,
                                lineno=node.lineno)

        def refuse(self, node):
            raise TemplateSyntaxError("include, import and extends are not available in a report's templates",
                                      node.lineno)

        visit_Include = visit_Import = visit_FromImport = visit_Extends = refuse

    class Bounded(ImmutableSandboxedEnvironment):
        intercepted_binops = frozenset(("+", "-", "*", "/", "//", "%", "**"))

        def call_binop(self, context, operator, left, right):
            limits.check_binop(operator, left, right)
            result = super().call_binop(context, operator, left, right)
            limits.check_size(result)
            return result

        def call(__self, __context, __obj, *args, **kwargs):  # Jinja's own signature
            limits.check_call(__obj, args, kwargs)
            result = super().call(__context, __obj, *args, **kwargs)
            limits.check_size(result)
            return result

        def wrap_str_format(self, value):
            if isinstance(getattr(value, "__self__", None), str) and getattr(value, "__name__", "") in (
                    "format", "format_map"):
                def refused(*args, **kwargs):
                    raise SecurityError("str.format is not available in a report's templates; use filters")
                return refused
            return None

        def _parse(self, source, name, filename):
            if len(source) > MAX_SOURCE:
                raise TemplateSyntaxError(f"the template is {len(source):,} characters long "
                                          f"(at most {MAX_SOURCE:,})", 1)
            return Guard().visit(super()._parse(source, name, filename))

    sources = _Sources()
    from libreport.cache import cache_dir

    folder = cache_dir("jinja")
    env = Bounded(
        undefined=Strict, autoescape=False, keep_trailing_newline=False,
        loader=FunctionLoader(sources), cache_size=2000,
        bytecode_cache=FileSystemBytecodeCache(str(folder)) if folder else None)
    env.concat = limits.bounded_concat  # type: ignore[method-assign]  # every render's, macro's and block's output
    env.globals = {"range": limits.bounded_range, "dict": dict, "namespace": env.globals["namespace"],
                   "cycler": env.globals["cycler"], "joiner": env.globals["joiner"]}  # no lipsum(n)
    env.filters = {name: limits.bounded_filter(name, JINJA_FILTERS[name]) for name in limits.SAFE_JINJA_FILTERS}
    env.filters.update({k: v for k, v in _filters().items() if k != "join"})  # Jinja has its own join
    env.filters["_steps"] = limits.steps
    env.filters["_concat"] = lambda pieces: limits.concat(*pieces)
    env._libreport_sources = sources  # type: ignore[attr-defined]
    return env


MAX_SOURCE = 100_000  # characters of one template; a summary paragraph is a few hundred
# Part of every compiled template's name: compiled code kept in the cache by an earlier version, made
# before the limits were written into it, is never reused.
_VERSION = b"bounded-1\0"


class Bounded:
    """A compiled template whose every render starts with a full budget (prose.limits)."""

    def __init__(self, template):
        self.template = template

    def render(self, *args, **values) -> str:
        from libreport.prose.limits import BUDGET

        BUDGET.start()
        return self.template.render(*args, **values)


def compile_template(source: str) -> Bounded:
    """A compiled template for `source`; raises jinja2.TemplateSyntaxError like from_string."""
    env = environment()
    name = hashlib.sha1(_VERSION + source.encode("utf-8", "surrogatepass")).hexdigest()
    env._libreport_sources.texts[name] = source
    return Bounded(env.get_template(name))


class Direct:
    """A snippet made only of text and `{{ name.attr['key'] | filter }}` expressions, rendered without
    Jinja (a table row in ~1 µs instead of ~25 µs, and no Jinja import at all for most reports).

    It gives exactly what the compiled template gives, by construction: it renders on its own only
    what it can render the same way (values turned into text with str(), the same bounded filters,
    attributes and keys looked up as the sandbox looks them up, the output cleaned the same way);
    when a name, key or attribute is not there, a filter fails, or an attribute is a method (which
    the sandbox may refuse), the template is rendered by Jinja instead, which raises what it raises.
    """

    def __init__(self, parts, source: str):
        self.parts = parts
        self.source = source

    def render(self, *args, **values):
        if args:
            values = {**args[0], **values}
        try:
            text = "".join(p if p.__class__ is str else p(values) for p in self.parts)
        except Exception:  # the rare and the wrong: Jinja decides, so both paths fail alike
            return compile_template(self.source).render(values)
        from libreport.prose.limits import clean

        return clean(text)


_EXPRESSION = re.compile(
    r"\{\{ *(?P<name>[A-Za-z_]\w*)(?P<path>(?:\.[A-Za-z]\w*|\[ *'[^'\\\]]*' *\]|\[ *\"[^\"\\\]]*\" *\])*)"
    r"(?P<filters>(?: *\| *[A-Za-z_]\w*(?:\( *(?:'[^'\\\\]*'|\"[^\"\\\\]*\"|-?(?:0|[1-9][0-9]*)) *\))?)*) *\}\}")
_FILTER = re.compile(r" *\| *(\w+)(?:\( *(?:'([^']*)'|\"([^\"]*)\"|(-?[0-9]+)) *\))?")
_STEP = re.compile(r"\.(\w+)|\[ *'([^']*)' *\]|\[ *\"([^\"]*)\" *\]")


_LITERALS = {"true", "false", "none", "True", "False", "None"}  # Jinja constants, not names


@lru_cache(maxsize=1)
def _filters() -> dict:
    from libreport import numbers
    from libreport.figures import FILTERS
    from libreport.prose.limits import bounded_filter

    # num, wan, duo, pct, unit, noted: they take a printed figure (keeping its words) or a plain number
    from libreport.prose.literals import literal
    from libreport.prose.shown import shown

    own = {**FILTERS, "cn": numbers.cn_numeral, "join": _join, "shown": shown, "literal": literal}
    return {name: bounded_filter(name, f) for name, f in own.items()}


def _join(value, separator: str = "") -> str:
    """Jinja's join, for the plain case: items as text, between them the separator."""
    return separator.join(str(v) for v in value)


def direct(source: str) -> Direct | None:
    """The Direct form of `source`, or None when it needs Jinja (tags, comments, arguments, other filters)."""
    if "{%" in source or "{#" in source or source.endswith("\n") or "\r" in source:
        return None  # Jinja drops a trailing newline and turns \r into \n; Direct would not
    parts: list = []
    at = 0
    known = _filters()
    for m in _EXPRESSION.finditer(source):
        text = source[at:m.start()]
        if "{{" in text or "}}" in text or text.endswith("{"):  # {{{ is Jinja's syntax error, not a brace and {{
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
    return Direct(parts, source)


def _expression(name: str, steps: list[tuple], filters: list):
    def value(values):
        obj = values[name]
        for attr, key in steps:
            if attr is not None:
                try:
                    obj = getattr(obj, attr)
                except AttributeError:
                    obj = obj[attr]
                else:
                    if callable(obj):  # a method: the sandbox decides whether it may be seen
                        raise LookupError(attr)
            else:
                obj = obj[key]
        for f, args in filters:
            obj = f(obj, *args)
        return str(obj)
    return value


def _did_you_mean(key: str, obj) -> str:
    """The key of `obj` probably meant instead of `key`, or ""."""
    import difflib

    if not isinstance(obj, dict) or len(obj) > 5_000 or len(key) > 200:  # a hint is not worth seconds
        return ""
    close = difflib.get_close_matches(key, [k for k in obj if isinstance(k, str)], n=1, cutoff=0.5)
    return close[0] if close else ""


def compile_snippet(source: str):
    """A renderable for `source`: the Direct form when it has one, else the sandboxed Jinja template."""
    return direct(source) or compile_template(source)
