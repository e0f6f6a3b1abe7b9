"""Where a project's years, templates and output live (libreport.yaml)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

CONFIG = "libreport.yaml"


class ProjectError(Exception):
    """A usage problem: a missing folder or year. The CLI maps it to exit code 2."""


@dataclass
class Project:
    root: Path
    sources: Path
    templates: Path
    output: Path

    def year_folder(self, year: str | int) -> Path:
        return self.sources / str(year)

    def years(self) -> list[str]:
        if not self.sources.is_dir():
            return []
        return sorted(p.name for p in self.sources.iterdir() if (p / "report.yaml").is_file())

    def previous_year(self, year: int) -> Path | None:
        earlier = [int(y) for y in self.years() if y.isdigit() and int(y) < year]
        return self.year_folder(max(earlier)) if earlier else None


def bundled_templates() -> Path:
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent.parent / "templates"):
        if (candidate / "report.docx").is_file():
            return candidate
    return here / "templates"


def load_project(start: Path | None = None, sources: Path | None = None, templates: Path | None = None,
                 output: Path | None = None) -> Project:
    start = (start or Path.cwd()).resolve()
    root, config = start, {}
    for folder in (start, *start.parents):
        if (folder / CONFIG).is_file():
            root = folder
            config = _read_config(folder / CONFIG)
            break
    def pick(given, key, default):
        if given is not None:
            return Path(given).resolve()
        if key in config:
            return (root / config[key]).resolve()
        return default
    return Project(
        root=root,
        sources=pick(sources, "sources", root),
        templates=pick(templates, "templates", bundled_templates()),
        output=pick(output, "output", root / "build"),
    )


def _read_config(path: Path) -> dict:
    import yaml

    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProjectError(f"{path}: cannot read the project file: {exc}") from exc
    if not isinstance(data, dict):
        raise ProjectError(f"{path}: the project file should map sources/templates/output to folders")
    unknown = set(data) - {"sources", "templates", "output"}
    if unknown:
        raise ProjectError(f"{path}: unknown key(s) {', '.join(sorted(map(str, unknown)))}; "
                           "expected sources, templates, output")
    return {k: str(v) for k, v in data.items()}
