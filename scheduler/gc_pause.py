"""The garbage collector held off while a sweep or a preview runs.

A reminder day makes tens of thousands of plain tuples and strings, none of which can form a
reference cycle; yet each allocation burst sets off collections that walk every object the bot
holds (its modules, the frameworks, the catalogs), and those walks cost more than the sweep's
own work (issue 14: the 14-day preview spent two thirds of its CPU in them). The collector
runs again as soon as the sweep ends, and finds whatever cycles other tasks made meanwhile.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

_holders = 0
"""Sweeps and previews running now (they interleave on the event loop)."""
_was_enabled = True


@contextmanager
def collector_paused() -> Iterator[None]:
    """No automatic collection until the last of the overlapping holders leaves."""
    global _holders, _was_enabled
    if _holders == 0:
        _was_enabled = gc.isenabled()
        gc.disable()
    _holders += 1
    try:
        yield
    finally:
        _holders -= 1
        if _holders == 0 and _was_enabled:
            gc.enable()
