"""The README's commands and the CLI's --help tell the same story."""

from __future__ import annotations

import re
import shutil

from .conftest import EXAMPLES, ROOT, TEMPLATES, run_cli

README = (ROOT / "README.md").read_text(encoding="utf-8")


def first_block() -> list[str]:
    block = re.search(r"```sh\n(.*?)```", README, re.S).group(1)
    return [line for line in block.splitlines() if line and not line.startswith("#")]


def test_readme_opens_with_two_commands_setup_build_and_setup_test():
    assert README.index("```sh") < 20, "the commands come first"
    build, test = first_block()
    assert build.startswith("python3 -m venv .venv") and build.endswith("libreport build 2021")
    assert test.startswith("python3 -m venv .venv") and "pytest" in test


def test_ci_runs_exactly_the_readme_test_command():
    ci = (ROOT / ".ci/run").read_text(encoding="utf-8")
    marker = re.search(r"grep -A1 '\^(.*?)' README.md", ci).group(1)
    lines = README.splitlines()
    assert lines[lines.index(marker) + 1] == first_block()[1]


def test_the_build_command_writes_the_report_the_readme_names(tmp_path):
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    shutil.copytree(TEMPLATES, tmp_path / "templates")
    shutil.copy(ROOT / "libreport.yaml", tmp_path)
    proc = run_cli("build", "2021", "--toc", "field", cwd=tmp_path)
    assert proc.returncode == 0, proc.stderr
    named = re.search(r"writes `(build/2021/[^`]+\.docx)`", README).group(1)
    assert (tmp_path / named).is_file()


CODE = "\n".join(re.findall(r"```\w*\n(.*?)```", README, re.S))


def help_commands() -> set[str]:
    out = run_cli("--help").stdout
    section = out[out.index("Commands:"):]
    return set(re.findall(r"^  (\w+)\s{2,}", section, re.M))


def test_every_command_in_the_readme_exists_and_every_command_is_documented():
    documented = set(re.findall(r"^libreport (\w+)", CODE, re.M))
    assert documented == help_commands()


def test_options_shown_in_the_readme_exist_in_each_commands_help():
    for line in re.findall(r"^libreport (\w+.*)$", CODE, re.M):
        command = line.split()[0]
        help_text = run_cli(command, "--help").stdout
        for option in re.findall(r"--[a-z-]+", line):
            assert option in help_text, f"{command} {option}"


def test_the_commands_block_lists_every_option_of_every_command():
    block = README[README.index("## Commands"):]
    block = re.search(r"```\n(.*?)```", block, re.S).group(1)
    lines = {line.split()[1]: line for line in block.splitlines() if re.match(r"^libreport \w", line)}
    assert set(lines) == help_commands()
    for command, line in lines.items():
        help_text = run_cli(command, "--help").stdout
        options = set(re.findall(r"^\s+(?:-\w, )?(--[a-z-]+)", help_text, re.M)) - {"--help", "--lang"}
        assert options <= set(re.findall(r"--[a-z-]+", line)), f"{command}: {options}"


def test_the_workflow_runs_the_ci_script_once_per_change_and_uploads_only_for_its_own_branches():
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/report.yml").read_text(encoding="utf-8"))
    assert flow["permissions"] == {"contents": "read"}
    [job] = flow["jobs"].values()
    assert job["timeout-minutes"] <= 30
    assert "head.repo.full_name != github.repository" in job["if"]  # a same-repo PR is built by its push
    runs = [step.get("run", "") for step in job["steps"]]
    assert any(".ci/run" in run for run in runs), "the workflow tests through .ci/run, not steps of its own"
    assert not any("apt-get" in run or "pip install" in run for run in runs)
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    assert upload["if"] == "github.event_name == 'push'"


def test_the_workflow_builds_and_uploads_the_web_edition_with_the_docx_and_pdf():
    import yaml

    flow = yaml.safe_load((ROOT / ".github/workflows/report.yml").read_text(encoding="utf-8"))
    [job] = flow["jobs"].values()
    builds = [line for step in job["steps"] for line in step.get("run", "").splitlines() if " build " in line]
    assert builds and all("--pdf" in line and "--format docx,html" in line for line in builds)
    upload = next(step for step in job["steps"] if "upload-artifact" in step.get("uses", ""))
    paths = upload["with"]["path"].split()
    assert {"build/**/*.docx", "build/**/*.pdf", "build/**/index.html", "build/**/data/*"} <= set(paths)
