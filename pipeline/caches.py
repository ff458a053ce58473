"""What a process makes once from stylesheets and schemas, and forgets when one of them changes.

`keep` is `functools.cache` (or an LRU cache of `maxsize` entries) for a function whose result
depends on stylesheet or schema files named by its arguments, or read by it: compiled
stylesheets and schemas, the parameters a stylesheet declares. A build in a fresh process has
no use for `forget`; a watching build (`pipeline.watch`), which goes on using the same process,
calls it when such a file changed, so that the next build compiles the new one.
"""

from __future__ import annotations

import functools

_kept = []


def keep(func=None, *, maxsize: int | None = None):
    """Decorator: cache `func` (with `maxsize`, keep the last ones used) until `forget()`."""
    if func is None:
        return functools.partial(keep, maxsize=maxsize)
    cached = functools.lru_cache(maxsize=maxsize)(func)
    _kept.append(cached)
    return cached


def forget() -> None:
    """Empty every cache made with `keep`."""
    for cached in _kept:
        cached.cache_clear()
