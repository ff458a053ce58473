"""`teipipe build --watch`: keep the edition current while the editor works.

`run(paths, settings, on_build, on_error)` builds once, then waits for files to change and
builds again, in this process, until Ctrl-C. Each build is the ordinary incremental one
(`pipeline.building.builder`): the manifest decides what is out of date, so a saved correction rebuilds
that document and the collection pages, and a changed stylesheet rebuilds every output of its
format. What a new process pays again for every build it does once here: starting Python,
Saxon and the compiled stylesheets and schemas, which stay warm between builds (a large
rebuild still goes to worker processes); after the first build, the smallest document is
built into a scratch folder, so that the first change finds them compiled too.

What is watched: the folders of PATHS (new files in them are built too), the folders of the
authority files the documents point into, the stylesheets and the schemas; changes are noticed
by the operating system (inotify on Linux, through `watchfiles`) and gathered until the
files are quiet for a moment, so that an editor's save (a temporary file, then a rename) is
one build. The output folder is not watched, nor are editors' backup and swap files. When a
stylesheet or a schema changes, this process forgets what it compiled (`pipeline.processes`). The
package's own code is not reloaded: when it changes, the watch ends and says to start again.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Callable

from watchfiles import DefaultFilter, watch

from pipeline import CODE_DIR, XSLT_DIR, building, processes
from pipeline.building import Busy, Hashes, Manifest
from pipeline.sources import DEFAULT_SOURCES, SourceError, collect
from pipeline.validation import SchemaError

#: Milliseconds without a change after which the changes seen are built.
QUIET_MS = 50
#: Milliseconds after which a watch with no change wakes (to be told it is set, and to stop).
WAKE_MS = 100


class CodeChanged(Exception):
    """The package's code changed while watching: this process still runs the old code."""


class _Inputs(DefaultFilter):
    """Every change but those in the output folder (and what `DefaultFilter` ignores: editors'
    backup and swap files, `.git`, `__pycache__`)."""

    def __init__(self, out_dir: Path):
        super().__init__()
        self.out_dir = os.path.join(os.path.realpath(out_dir), "")

    def __call__(self, change, path: str) -> bool:
        return not os.path.realpath(path).startswith(self.out_dir) and super().__call__(change, path)


def _code() -> str:
    return Hashes().folder(CODE_DIR, "*.py")


def _compiled_from(settings: building.Settings) -> list[Path]:
    """The folders of the stylesheets and schemas, which this process compiles once and keeps."""
    schemas = [settings.schema] if settings.schematron is None else [settings.schema, settings.schematron]
    return [XSLT_DIR, *(Path(schema).parent for schema in schemas)]


def folders(paths, settings: building.Settings) -> set[str]:
    """The folders whose changes can make an output out of date."""
    found = set(_compiled_from(settings))
    found.update(path if path.is_dir() else path.parent for path in map(Path, paths or [DEFAULT_SOURCES]))
    for entry in Manifest.load(settings.out_dir).sources.values():
        found.update(Path(authority).parent for authority in entry["authorities"])
    return {os.path.realpath(folder) for folder in found if folder.is_dir()}


def _warm(paths, settings: building.Settings, tries: int = 3) -> None:
    """Compile in this process what a build of one changed document needs (the first build
    may have run in worker processes): build the smallest document into a scratch folder, PDF
    aside (FOP runs in a process of its own)."""
    formats = tuple(fmt for fmt in settings.formats if fmt.name != "pdf")
    with tempfile.TemporaryDirectory(prefix="teipipe-warm-") as scratch:
        scratch_settings = replace(settings, formats=formats, out_dir=Path(scratch))
        try:
            smallest = sorted(collect(paths, settings.out_dir), key=lambda path: path.stat().st_size)
        except (SourceError, OSError):
            return
        for path in smallest[:tries]:  # the smallest may be authority files, or invalid: not transformed
            if building.build_document(path, scratch_settings)[1] is not None:
                break


def run(paths, settings: building.Settings, on_build: Callable[[list, float], None],
        on_error: Callable[[str], None], stop=None) -> None:
    """Build, then build again after each change, until Ctrl-C (KeyboardInterrupt, raised to
    the caller) or until `stop` (a threading.Event) is set. Each build's results and seconds go
    to `on_build`; a build that cannot start (no sources left, a broken schema, another build
    in the folder) is told to `on_error`, and the next change is awaited. Raises CodeChanged."""
    code = _code()

    def rebuild() -> None:
        nonlocal settings
        start = time.monotonic()
        try:
            results = building.build(collect(paths, settings.out_dir), settings)
        except (SourceError, SchemaError, Busy, building.SameName) as exc:
            on_error(str(exc))
        else:
            on_build(results, time.monotonic() - start)
        settings = replace(settings, rebuild=False)  # --rebuild asks for one full build

    owed = True  # a build is owed as soon as the folders are watched
    warm = False
    while True:
        watched = folders(paths, settings)
        compiled = tuple(os.path.join(os.path.realpath(folder), "") for folder in _compiled_from(settings))
        # The first answer comes once the folders are watched (at the latest after WAKE_MS): no
        # change from then on is missed, not even one made while a build runs.
        with contextlib.closing(watch(*sorted(watched), watch_filter=_Inputs(settings.out_dir), step=QUIET_MS,
                                      rust_timeout=WAKE_MS, yield_on_timeout=True, stop_event=stop)) as changes:
            for batch in changes:
                if not (batch or owed):
                    continue  # woken without a change
                if _code() != code:
                    raise CodeChanged("teipipe's own code changed: start the watch again to use it")
                if any(os.path.realpath(path).startswith(compiled) for _, path in batch):
                    processes.forget()  # a stylesheet or schema changed: compile it again
                rebuild()
                if not warm:
                    _warm(paths, settings)
                    warm = True
                owed = False
                if folders(paths, settings) != watched:
                    break  # the documents point into other folders now: watch those too
            else:
                return
        owed = True  # for changes made before the new folders were watched
