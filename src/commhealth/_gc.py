"""Pausing the cycle collector while many objects that hold no cycles are built."""

from __future__ import annotations

import contextlib
import gc
from collections.abc import Iterator

__all__ = ["no_cycle_collection"]


@contextlib.contextmanager
def no_cycle_collection() -> Iterator[None]:
    """Pause the cycle collector for the block: a ledger's cells or a check's findings hold
    no cycles, and the collector would walk every object built so far again and again —
    and every activity a caller holds (a third of the time at 100,000 rows)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
