"""What the importer tells the user, and the exception that carries a usage problem to the CLI.

The texts live in i18n under `import_` keys, beside the CLI's own, so that one table holds
everything a user reads in either language.
"""

from __future__ import annotations

import sys

from libreport.i18n import t


class ImportError_(Exception):
    """A usage problem (unknown kind, no such sheet, no header row, …). The CLI exits 2."""


def _m(key: str, **args) -> str:
    return t("import_" + key, **args)


def _err(message: str) -> None:
    print(message, file=sys.stderr)
