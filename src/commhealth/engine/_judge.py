"""Turning what was achieved and planned into a status, the same way for every measure."""

from __future__ import annotations

from .._requirements import Bound
from .._status import Status

__all__ = ["judge"]


def judge(bound: Bound, achieved: float, total: float, *, closed: bool) -> Status:
    """The status of a window: ``achieved`` by ``as_of``, ``total`` with what is planned.

    A closed window is ``met``, ``missed`` (below ``min``) or ``exceeded`` (above ``max``).
    An open one is ``exceeded`` once achieved passes ``max``; ``met`` when achieved is
    within the bound and the plan keeps it so; ``on_track`` when achieved plus planned
    would be within it; ``at_risk`` otherwise.
    """
    if closed:
        if bound.below(achieved):
            return Status.MISSED
        if bound.above(achieved):
            return Status.EXCEEDED
        return Status.MET
    if bound.above(achieved):
        return Status.EXCEEDED
    if bound.contains(total):
        return Status.MET if bound.contains(achieved) else Status.ON_TRACK
    return Status.AT_RISK
