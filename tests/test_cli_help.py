"""Every command documents itself with an example, and the README's commands exist."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from conftest import PROJECT
from pipeline.cli import main


@pytest.mark.parametrize("name", sorted(main.commands))
def test_each_command_has_help_with_an_example(name):
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0
    assert "Example:" in result.output
    assert f"teipipe {name}" in result.output


def test_readme_gives_exactly_two_setup_commands_and_ci_runs_the_second():
    readme = (PROJECT / "README.md").read_text(encoding="utf-8")
    commands = re.findall(r"^    (\./setup\.sh && .*)$", readme, re.M)
    assert len(commands) == 2
    assert "pytest -n auto" in commands[1]
    for sub in re.findall(r"python -m pipeline (\w+)", commands[0]):
        assert sub in main.commands
