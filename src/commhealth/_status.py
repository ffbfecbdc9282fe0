"""The status of a finding."""

from __future__ import annotations

import enum

__all__ = ["Status"]


class Status(enum.Enum):
    """How a requirement stands in one window.

    In a plan review (no ``as_of``) a window is ``met``, ``missed`` or ``exceeded``. In a
    progress check, a window not yet over is ``met`` (already achieved), ``on_track``
    (achieved plus planned would do) or ``at_risk`` (it would not). Measured goals are
    ``not_due`` before their due date with no figure yet, and ``no_data`` when a figure
    was due and none exists.
    """

    MET = "met"
    MISSED = "missed"
    EXCEEDED = "exceeded"
    ON_TRACK = "on_track"
    AT_RISK = "at_risk"
    NOT_DUE = "not_due"
    NO_DATA = "no_data"

    @property
    def failing(self) -> bool:
        """Whether this status fails a report when its requirement's severity is ``error``."""
        return self in _FAILING


_FAILING = frozenset({Status.MISSED, Status.EXCEEDED, Status.AT_RISK, Status.NO_DATA})
