"""The `teipipe` program: `validate` and `build` start lean, every other command goes to `pipeline.cli.commands`.

`teipipe build` first asks `pipeline.building.stamp` whether the same command line left everything
current and nothing changed since: then it says so and ends, having imported nothing else
(unless it is to watch for changes).

SIGTERM (a `kill`, a CI job cancelled, a container stopped) stops a command as Ctrl-C does:
it raises `Terminated`, a KeyboardInterrupt, wherever the program is, so the same clean-up runs
(workers ended, temporary files removed, the manifest saved) and the command ends with one
line and status 143 (128 + SIGTERM) where Ctrl-C gives 130.
"""

from __future__ import annotations

import signal
import sys
import time


class Terminated(KeyboardInterrupt):
    """SIGTERM, taken as Ctrl-C."""


def interrupted_status(exc: KeyboardInterrupt) -> int:
    """The exit status of a command stopped by `exc`: 128 plus the signal's number."""
    return 128 + (signal.SIGTERM if isinstance(exc, Terminated) else signal.SIGINT)


def _terminate(signum, frame):
    raise Terminated


def main() -> None:
    signal.signal(signal.SIGTERM, _terminate)
    if sys.argv[1:2] == ["validate"]:
        from pipeline.cli.validate import validate
        validate.main(sys.argv[2:], prog_name="teipipe validate")
    elif sys.argv[1:2] == ["build"]:
        from pipeline.building import stamp
        start = time.monotonic()
        # (A watch goes on watching, whatever the stamp says.)
        if "--watch" not in sys.argv[2:] and (current := stamp.settled(sys.argv[2:])) is not None:
            print(stamp.summary(current, 0, current, 0, time.monotonic() - start), file=sys.stderr)
            sys.exit(0)
        from pipeline.cli.build import build
        build.main(sys.argv[2:], prog_name="teipipe build", obj=sys.argv[2:])
    else:
        from pipeline.cli.commands import main as everything
        everything()
