"""The command line's own words (Usage, Options, [required], errors) in the run's language.

Typer words its help through Click's formatter and a few gettext calls; in Chinese runs the
classes here word the same things from i18n, so `--lang zh` is Chinese all the way: help,
usage errors, and the placeholders of arguments.
"""

from __future__ import annotations

import re
from typing import Any

import typer.core

try:  # Typer ≥ 0.26 carries its own copy of Click
    from typer import _click as click
    from typer._click import exceptions as errors
except ImportError:  # pragma: no cover - older Typer on Click itself
    import click  # type: ignore[no-redef]
    from click import exceptions as errors  # type: ignore[no-redef]

from libreport import i18n
from libreport.i18n import t

# Click's and Typer's English words, as they print them, and how a Chinese run prints them.
_WORDS = {
    "Options": "选项",
    "Arguments": "参数",
    "Commands": "命令",
    "required": "必填",
    "default: {default}": "默认：{default}",
    "env var: {var}": "环境变量：{var}",
    "(dynamic)": "（动态）",
    "Aborted!": "已中止！",
    "Missing command.": "缺少命令。",
    "No such command {name!r}.": "没有命令 {name!r}。",
    "(deprecated) ": "（已弃用）",
}


def _word(text: str) -> str:
    return _WORDS.get(text, text) if i18n.lang() == "zh" else text


# Typer looks these words up through gettext's `_` at the moment it prints help.
typer.core._ = _word  # type: ignore[assignment]


class LocalFormatter(click.HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, prefix if prefix is not None else t("usage_prefix"))

    def write_heading(self, heading: str) -> None:
        self.write(f"{'':>{self.current_indent}}{heading}{t('heading_colon')}\n")


class LocalContext(click.Context):
    formatter_class = LocalFormatter


class _Localised:
    """Help and parameter texts are written as i18n keys; they are worded when help is shown."""

    context_class: type[click.Context] = LocalContext

    def get_help_option(self, ctx: click.Context) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = t("opt_help")
        return option

    def collect_usage_pieces(self, ctx: click.Context) -> list[str]:
        """The usage line's [OPTIONS] and COMMAND [ARGS]... in the run's language."""
        pieces = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        if i18n.lang() != "zh":
            return pieces
        return [_USAGE_ZH.get(piece, piece) for piece in pieces]


_USAGE_ZH = {"[OPTIONS]": "[选项]", "COMMAND [ARGS]...": "命令 [参数]..."}


class LocalCommand(_Localised, typer.core.TyperCommand):
    pass


class LocalGroup(_Localised, typer.core.TyperGroup):
    pass


def localise(command: click.Command) -> click.Command:
    """Word every help text of the command tree, which the app declares as i18n keys."""
    if command.help:
        command.help = t(command.help)
    for param in command.params:
        if getattr(param, "help", None):
            param.help = t(param.help)  # type: ignore[attr-defined]
        if param.param_type_name == "argument" and param.metavar:
            # Typer braces required arguments ({YEAR}); the usage line shows them as the README does (YEAR).
            param.make_metavar = _plain(param.metavar)  # type: ignore[method-assign]
    for sub in getattr(command, "commands", {}).values():
        localise(sub)
    return command


def _plain(metavar: str):
    def make_metavar(ctx: Any = None, *, usage: bool = False) -> str:
        return metavar
    return make_metavar


# -- usage errors ----------------------------------------------------------------------------

_VALUE_ZH = [
    (re.compile(r"^'(?P<v>.*)' is not one of (?P<c>.*)\.$", re.S), "{v!r} 不是可选值之一（可选：{c}）"),
    (re.compile(r"^'(?P<v>.*)' is not a valid integer( range)?\.$", re.S), "{v!r} 不是整数"),
    (re.compile(r"^(?:File|Directory|Path) '(?P<v>.*)' does not exist\.$", re.S), "{v!r} 不存在"),
    (re.compile(r"^(?:File|Path) '(?P<v>.*)' is a directory\.$", re.S), "{v!r} 是文件夹，不是文件"),
    (re.compile(r"^(?:Directory|Path) '(?P<v>.*)' is a file\.$", re.S), "{v!r} 是文件，不是文件夹"),
]


def error_text(exc: errors.ClickException) -> str:
    """The message of a usage error, as `Error: …` would say it, in the run's language."""
    if i18n.lang() != "zh":
        return exc.format_message()
    if isinstance(exc, errors.MissingParameter):
        hint = _hint(exc)
        which = exc.param_type or getattr(exc.param, "param_type_name", "") or ""
        kind = {"argument": "参数", "option": "选项"}.get(which, "参数")
        return f"缺少{kind} {hint}".rstrip()
    if isinstance(exc, errors.NoSuchOption):
        text = f"没有选项 {exc.option_name}"
        if exc.possibilities:
            text += f"（是否应为：{'、'.join(sorted(exc.possibilities))}）"
        return text
    if isinstance(exc, errors.BadParameter):
        message = exc.message
        for pattern, zh in _VALUE_ZH:
            m = pattern.match(message)
            if m:
                message = zh.format(**m.groupdict())
                break
        hint = _hint(exc)
        return f"{hint} 的值无效：{message}" if hint else f"值无效：{message}"
    if m := _NO_COMMAND.match(exc.message):  # Click's words, or ours; Typer adds its suggestions in English
        text = f"没有命令“{m['name']}”"
        if m["close"]:
            text += "，是否应为" + "、".join(f"“{c}”" for c in re.findall(r"'([^']*)'", m["close"])) + "？"
        return text
    if re.match(r"^Got unexpected extra arguments? \((?P<a>.*)\)$", exc.message):
        extra = re.match(r"^Got unexpected extra arguments? \((?P<a>.*)\)$", exc.message).group("a")  # type: ignore
        return f"多余的参数：{extra}"
    return exc.format_message()


_NO_COMMAND = re.compile(r"^(?:No such command|没有命令) '(?P<name>.*?)'[.。]*(?: Did you mean (?P<close>.*)\?)?$",
                         re.S)


def _hint(exc: errors.BadParameter) -> str:
    if exc.param_hint is not None:
        hint = exc.param_hint
    elif exc.param is not None:
        hint = exc.param.get_error_hint(exc.ctx)  # type: ignore[arg-type]
    else:
        return ""
    if not isinstance(hint, str):
        hint = " / ".join(repr(h) for h in hint)
    return hint


def show_usage_error(exc: errors.ClickException, echo) -> None:
    """Print a usage error the way Click does (usage line, a hint, the error), in the run's language."""
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        echo(ctx.get_usage())
        if ctx.command.get_help_option(ctx) is not None:
            echo(t("usage_try_help", command=f"{ctx.command_path} {ctx.help_option_names[0]}"))
        echo("")
    echo(t("usage_error_line", message=error_text(exc)))
