"""The command line, a thin layer over the library: it parses options, calls the stages (or the
functions of `pipeline`) and prints their results; it is the only part that imports every stage.

`launch.main` is the `teipipe` program: it starts `validate` (`validate.py`) and `build`
(`build.py`) lean, ends a build with nothing to do after reading the stamp alone, and hands every
other command to the click group `main` (`commands.py`, with `export`), loaded only then: this
package's `main` is imported when first asked for. `options` holds what the commands share,
`report` prints a validation's findings, `watch` rebuilds on changes.
"""

from pipeline import lazy_names

__getattr__, __all__ = lazy_names(__name__, {"commands": ("main",)})
