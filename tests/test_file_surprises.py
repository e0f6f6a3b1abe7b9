"""What stands on the disk is not always what the sources say: a symbolic link to nothing, a folder where a file
belongs, a file where a folder belongs, a link that leads back to itself. Every command names the path and says
what stands there, in both languages, at exit 1 (2 for a year `new` may not make): never an internal error, never
"there is no picture" for a folder that is there, never a changed source or a partial output."""

from __future__ import annotations

import hashlib
import os
import re
from pathlib import Path

import pytest

from .conftest import run_cli

pytestmark = pytest.mark.skipif(os.name == "nt", reason="symbolic links need privileges on Windows")

REPORT = """\
library: 临江市图书馆
year: 2023
sections:
  - {kind: summary, title: 工作总结}
  - {kind: table, title: 分馆, file: branches.yaml}
"""
SUMMARY = "# 总述\n\n全年开放。\n\n![阅读推广](photos/read.png)\n"
BRANCHES = "columns:\n  - 分馆\n  - {name: 藏书, type: number, unit: 册}\nfrom: branches.csv\n"
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c63000100000500010d0a2db40000000049454e44ae426082")


@pytest.fixture
def year(tmp_path: Path) -> Path:
    folder = tmp_path / "years/2023"
    (folder / "photos").mkdir(parents=True)
    for name, text in {"report.yaml": REPORT, "summary.md": SUMMARY, "branches.yaml": BRANCHES,
                       "branches.csv": "分馆,藏书\n中心馆,1000\n"}.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "photos/read.png").write_bytes(PNG)
    (tmp_path / "libreport.yaml").write_text("sources: years\noutput: out\n", encoding="utf-8")
    return folder


def _replace(path: Path, by: str) -> None:
    """`path` becomes a link to nothing, a folder, or a link to itself."""
    if path.is_dir():
        for p in sorted(path.rglob("*"), reverse=True):
            p.rmdir() if p.is_dir() else p.unlink()
        path.rmdir()
    elif path.exists():
        path.unlink()
    if by == "dangling":
        path.symlink_to("nowhere")
    elif by == "folder":
        path.mkdir()
    elif by == "loop":
        path.symlink_to(path.name)


def fingerprint(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest() if p.is_file() else "-"
            for p in sorted(folder.rglob("*")) if "out" not in p.relative_to(folder).parts}


# (what is replaced, by what, what validate says in English, in Chinese)
SURPRISES = [
    ("report.yaml", "dangling", "years/2023/report.yaml: error not-a-file: report.yaml is a symbolic link to "
     "nowhere, which does not exist", "report.yaml 是指向 nowhere 的符号链接，但链接的目标不存在"),
    ("report.yaml", "folder", "years/2023/report.yaml: error not-a-file: report.yaml is a folder, but a file is "
     "expected here", "report.yaml 是文件夹，但此处应为文件"),
    ("summary.md", "dangling", "years/2023/summary.md: error not-a-file: summary.md is a symbolic link to nowhere",
     "summary.md 是指向 nowhere 的符号链接"),
    ("summary.md", "loop", "years/2023/summary.md: error not-a-file: summary.md is a symbolic link that leads back "
     "to itself", "summary.md 是循环指向自身的符号链接"),
    ("branches.yaml", "folder", "years/2023/branches.yaml: error not-a-file: branches.yaml is a folder",
     "branches.yaml 是文件夹"),
    ("branches.csv", "folder", "years/2023/branches.yaml:4:7: error table-sheet: branches.csv is a folder, not a "
     "sheet", "branches.csv 是文件夹，不是表格文件"),
    ("branches.csv", "dangling", "years/2023/branches.yaml:4:7: error table-sheet: branches.csv is a symbolic link "
     "to nowhere, which does not exist", "branches.csv 是指向 nowhere 的符号链接"),
    ("photos/read.png", "folder", "years/2023/summary.md:5:1: error picture: photos/read.png is a folder, not a "
     "picture", "photos/read.png 是文件夹，不是图片"),
    ("photos/read.png", "dangling", "years/2023/summary.md:5:1: error picture: photos/read.png is a symbolic link "
     "to nowhere", "photos/read.png 是指向 nowhere 的符号链接"),
]


@pytest.mark.parametrize("name, by, says, zh", SURPRISES, ids=[f"{n}-{b}" for n, b, _s, _z in SURPRISES])
def test_each_command_says_what_stands_where_a_file_belongs(year: Path, name, by, says, zh):
    project = year.parent.parent
    _replace(year / name, by)
    before = fingerprint(project)
    for command in (["validate", "2023"], ["build", "2023", "--toc", "field"], ["show", "2023"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1, (command, done.stdout + done.stderr)
        assert says in done.stdout + done.stderr, (command, done.stdout + done.stderr)
    chinese = run_cli("validate", "2023", cwd=project, env={"LIBREPORT_LANG": "zh"})
    assert zh in chinese.stdout
    assert not (project / "out").exists()
    if name not in ("photos/read.png", "branches.csv"):  # new starts from the year's files, not its pictures or sheets
        started = run_cli("new", "2024", cwd=project)
        assert started.returncode == 1 and says.split(": error ")[1] in started.stderr, started.stderr
        assert not (project / "years/2024").exists()
    assert fingerprint(project) == before


@pytest.mark.parametrize("by, says", [
    ("dangling", "years/2023: error not-a-file: 2023 is a symbolic link to nowhere, which does not exist; a year's "
     "sources are a folder"),
    ("loop", "years/2023: error not-a-file: 2023 is a symbolic link that leads back to itself"),
    ("file", "years/2023: error not-a-file: 2023 is a file, but a year's folder is expected here"),
])
def test_a_year_folder_that_is_not_one_is_named_as_what_it_is(year: Path, by, says):
    project = year.parent.parent
    _replace(year, "folder" if by == "file" else by)
    if by == "file":
        year.rmdir()
        year.write_text("library: x\n", encoding="utf-8")
    for command in (["validate"], ["validate", "2023"], ["build", "2023", "--toc", "field"], ["show", "2023"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1 and says in done.stdout + done.stderr, (command, done.stdout + done.stderr)


def test_new_never_replaces_a_link_to_nothing_where_the_year_would_go(year: Path):
    project = year.parent.parent
    (project / "years/2024").symlink_to("nowhere")
    done = run_cli("new", "2024", cwd=project)
    assert done.returncode == 2
    assert "2024 is already there, a symbolic link to nowhere (which does not exist)" in done.stderr
    assert (project / "years/2024").is_symlink() and not (project / "years/2024").exists()
    assert not [p for p in (project / "years").iterdir() if p.name.startswith(".")]  # no temporary folder left
    chinese = run_cli("new", "2024", cwd=project, env={"LIBREPORT_LANG": "zh"})
    assert "是指向 nowhere 的符号链接" in chinese.stderr


def test_init_never_replaces_a_link_to_nothing(tmp_path: Path):
    (tmp_path / "project").symlink_to("nowhere")
    done = run_cli("init", "project", "--library", "临江市图书馆", "--year", "2024", cwd=tmp_path)
    assert done.returncode == 2 and "internal error" not in done.stderr
    assert (tmp_path / "project").is_symlink() and not (tmp_path / "nowhere").exists()


def test_a_file_that_vanishes_mid_command_is_named_not_an_internal_error(monkeypatch, capsys):
    """The last word on the disk's surprises, for whatever no check saw coming (a file deleted between the check
    and the read): one line naming the path, exit 1."""
    from libreport import cli, i18n

    def vanished(argv):
        i18n.set_lang("en")  # as run() does, from the command line and the environment
        raise FileNotFoundError(2, "No such file or directory", "years/2023/coverage.yaml")

    monkeypatch.setattr(cli, "run", vanished)
    with pytest.raises(SystemExit) as done:
        cli.main()
    assert done.value.code == 1
    err = capsys.readouterr().err
    assert re.fullmatch(r"libreport: years/2023/coverage.yaml: No such file or directory; nothing was written\n", err)


def test_a_file_where_an_output_folder_goes_is_named(year: Path):
    """The output is libreport's own, but a file left where one of its folders goes is named, not "File exists"."""
    project = year.parent.parent
    (project / "out").mkdir()
    (project / "out/2023").write_text("not a folder", encoding="utf-8")
    for command in (["build", "2023", "--toc", "field"], ["build", "2023", "--format", "html"]):
        done = run_cli(*command, cwd=project)
        assert done.returncode == 1
        assert "out/2023: error not-a-file: 2023 is a file where a folder of the output goes; move it away" \
            in done.stdout + done.stderr, done.stdout + done.stderr
    assert (project / "out/2023").read_text(encoding="utf-8") == "not a folder"
