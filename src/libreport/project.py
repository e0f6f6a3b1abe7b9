"""Where a project's years, templates and output live (libreport.yaml).

The project folder is the one holding libreport.yaml (else the current folder). The folders
libreport.yaml names are relative to it and must stay inside it, symbolic links followed: a
repository that CI builds cannot point a build at the rest of the machine. A folder given on the
command line (--source, --template, --output) is the user's own choice and is taken as it is.
Problems in libreport.yaml are diagnostics at its lines, kept in `Project.diags`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from libreport.diagnostics import Diagnostics, Mark
from libreport.messages import Both

CONFIG = "libreport.yaml"
KEYS = ("sources", "templates", "output")
PLANS = "plans"  # the project's development plans, files inside it (by default plan.yaml beside the years)
_WHAT = {"sources": Both("the year folders", "各年份文件夹"), "templates": Both("the template", "模板"),
         "output": Both("the built reports", "生成的年报"), PLANS: Both("the plan", "发展规划")}


class ProjectError(Exception):
    """A usage problem: a missing folder or year. The CLI maps it to exit code 2."""


@dataclass
class Project:
    root: Path
    sources: Path
    templates: Path
    output: Path
    config: Path | None = None
    diags: Diagnostics = field(default_factory=Diagnostics)  # libreport.yaml's problems
    plans: list[tuple[Path, Mark | None]] = field(default_factory=list)  # `plans:`, each where it is written

    @property
    def to_fill(self) -> str:
        """The templates' to-fill wording (snippets.yaml `to_fill:`), （待填写） by default."""
        from libreport.wording import to_fill_wording

        return to_fill_wording(self.templates)

    def year_folder(self, year: str | int) -> Path:
        return self.sources / str(year)

    def years(self) -> list[str]:
        """The year folders: the folders with a four-digit name. One that is not a year's sources (no
        report.yaml, a link elsewhere or to nothing, a file where the folder belongs) is still listed, so that
        `validate` says what is wrong with it."""
        if not self.sources.is_dir():
            return []
        return sorted(p.name for p in self.sources.iterdir() if is_year(p.name))

    def previous_year(self, year: int) -> Path | None:
        earlier = [int(y) for y in self.years() if int(y) < year and (self.year_folder(y) / "report.yaml").is_file()]
        return self.year_folder(max(earlier)) if earlier else None

    def check_year_folder(self, folder: Path, diags: Diagnostics) -> bool:
        """A year folder must lie in the sources folder (not be a link to a folder elsewhere), be a folder,
        and hold a report.yaml that is a file; each problem is said as it is."""
        from libreport.paths import inside, link_target, what_is
        from libreport.sources.text import not_a_file

        report = folder / "report.yaml"
        kind = what_is(folder)
        if kind == "dangling":
            diags.error("not-a-file", file=folder, target=link_target(folder), variant="dangling-year")
            return False
        if kind in ("file", "special", "loop"):
            diags.error("not-a-file", file=folder, variant="loop" if kind == "loop" else "not-folder")
            return False
        if not inside(folder, self.sources):
            diags.error("path-outside", file=folder, variant="year", root=self.sources.name or str(self.sources))
            return False
        if not_a_file(report, diags):
            return False
        if not report.is_file():
            diags.error("missing-file", file=report, folder=folder.name)
            return False
        return True


def is_year(text: str) -> bool:
    return len(text) == 4 and text.isascii() and text.isdigit()


def bundled_templates() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if (candidate / "report.docx").is_file():
            return candidate
    return here / "templates"


def load_project(start: Path | None = None, sources: Path | None = None, templates: Path | None = None,
                 output: Path | None = None) -> Project:
    start = (start or Path.cwd()).resolve()
    root, config = start, None
    for folder in (start, *start.parents):
        if (folder / CONFIG).exists():
            root, config = folder, folder / CONFIG
            break
    diags = Diagnostics()
    plans: list[tuple[str, Mark]] = []
    written = _read_config(config, diags, plans) if config is not None else {}
    given = {"sources": sources, "templates": templates, "output": output}
    defaults = {"sources": root, "templates": bundled_templates(), "output": root / "build"}
    chosen: dict[str, Path] = {}
    for key in KEYS:
        if (path := given[key]) is not None:
            chosen[key] = Path(path).resolve()
        elif key in written:
            chosen[key] = _configured(root, key, *written[key], diags)
        else:
            chosen[key] = _default(root, key, defaults[key], config, diags)
    if given["output"] is None and "output" in written and chosen["output"] == chosen["sources"]:
        diags.error("path-outside", written["output"][1], "output", variant="output-is-sources")
    located: list[tuple[Path, Mark | None]] = [(_configured(root, PLANS, text, mark, diags, folder=False), mark)
                                               for text, mark in plans]
    return Project(root, chosen["sources"], chosen["templates"], chosen["output"], config, diags, located)


def _read_config(path: Path, diags: Diagnostics, plans: list) -> dict[str, tuple[str, Mark]]:
    """libreport.yaml's folders as written, with where each is written; the plans it names go to `plans`."""
    from libreport.sources.reader import Reader
    from libreport.sources.yamlfile import load_yaml

    root = load_yaml(path, diags, lambda mark: diags.warning("empty-file", mark, file=path, variant="config"))
    if root is None:
        return {}
    r = Reader(path, diags)
    fields = r.mapping(root, "", (*KEYS, PLANS)) or {}
    if PLANS in fields:  # one file or a list of them: 十三五 and 十四五, each for its own years
        node = fields.pop(PLANS)[1]
        items = node.value if isinstance(node, yaml.SequenceNode) else [node]
        for i, item in enumerate(items):
            text = r.text(item, f"{PLANS}[{i + 1}]" if isinstance(node, yaml.SequenceNode) else PLANS)
            if text is not None:
                plans.append((text, r.mark(item)))
    out = {}
    for key, (_k, node) in fields.items():
        text = r.text(node, key)
        if text is not None:
            out[key] = (text, r.mark(node))
    return out


def _configured(root: Path, key: str, text: str, mark: Mark, diags: Diagnostics, folder: bool = True) -> Path:
    from libreport.paths import relative_inside

    path, problem = relative_inside(root, text, root)
    if problem is not None:
        variant = {"absolute": "config-absolute", "parent": "config-parent"}.get(problem, "config-link")
        diags.error("path-outside", mark, key, key=key, written=text, what=_WHAT[key], variant=variant)
    elif folder and path.exists() and not path.is_dir():
        diags.error("not-a-file", mark, key, written=text, variant="config-not-folder")
    return path.resolve()


def _default(root: Path, key: str, path: Path, config: Path | None, diags: Diagnostics) -> Path:
    """A default folder inside the project (sources, build/) that is a link to somewhere else is refused too."""
    from libreport.paths import inside

    if key != "templates" and path.exists() and not inside(path, root):
        diags.error("path-outside", file=path, variant="default", key=key)
    return path.resolve()
