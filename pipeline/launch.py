"""The `teipipe` program: `validate` and `build` start lean, every other command goes to `pipeline.cli`."""

from __future__ import annotations

import sys


def main() -> None:
    if sys.argv[1:2] == ["validate"]:
        from pipeline.validate_command import validate
        validate.main(sys.argv[2:], prog_name="teipipe validate")
    elif sys.argv[1:2] == ["build"]:
        from pipeline.build_command import build
        build.main(sys.argv[2:], prog_name="teipipe build")
    else:
        from pipeline.cli import main as everything
        everything()
