"""Write output files so that a reader never sees half of one.

Every file is written to a temporary file in the target folder and renamed over the target:
a build interrupted at any moment leaves either the old file or the new one.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> Path:
    target = Path(target)
    target.parent.mkdir(parents=True, exist_ok=True)
    # The name is chosen before the file is made, and made inside `try`: a worker stopped (an
    # exception raised by a signal) just after the file appears still removes it. Mode "x"
    # never opens a file that exists; the file gets the permissions the umask gives.
    tmp = target.parent / f".{target.name}.{secrets.token_hex(6)}.tmp"
    try:
        with open(tmp, "xb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except FileExistsError:
        raise  # another writer's file, not ours to remove
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return target
