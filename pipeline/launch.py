"""The `teipipe` program: `validate` starts lean, every other command goes to `pipeline.cli`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["validate"]:
        from pipeline.validate_command import validate
        validate.main(sys.argv[2:], prog_name="teipipe validate")
    else:
        from pipeline.cli import main as everything
        everything()
