"""The status of a finding."""

from __future__ import annotations

import enum

__all__ = ["Reason", "Status"]


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


class Reason(enum.Enum):
    """What a finding is about, which decides the figures it holds and how it is worded.

    The figures are in the finding's ``expected``, ``actual``, ``planned`` and ``facts``;
    :meth:`~commhealth.Finding.message` turns them into a sentence in either language.
    """

    #: A quota's measure in one window (and for-each value) against its bound.
    QUOTA = "quota"
    #: A selected activity on a holiday or weekend, which a working-day rule does not count.
    OFF_DAY = "off_day"
    #: One occurrence of a recurrence, and the activity matched to it.
    OCCURRENCE = "occurrence"
    #: A milestone activity due by a date.
    MILESTONE = "milestone"
    #: A measured figure against a bound, due by a date.
    FIGURE = "figure"
    #: A ratio of two measured figures against a bound.
    RATIO = "ratio"
    #: A figure compared with the one before it.
    TREND = "trend"
    #: Fewer than two figures, so a trend cannot be judged.
    TOO_FEW_FIGURES = "too_few_figures"
    #: A themed month's activities and the topics they carried.
    THEME_TOPICS = "theme_topics"
    #: An observance a themed month names, and whether it falls in that month.
    THEME_OBSERVANCE = "theme_observance"
    #: An activity that marks an observance, and whether it is held on or near its day.
    ACTIVITY_OBSERVANCE = "activity_observance"
    #: A kind a requirement selects that no activity of the ledger has.
    UNUSED_KIND = "unused_kind"
    #: An audience a requirement selects that neither the vocabulary nor the ledger has.
    UNUSED_AUDIENCE = "unused_audience"
    #: An activity that names an observance the registry does not know.
    UNKNOWN_OBSERVANCE = "unknown_observance"
    #: Whether a child plan names its parent plan.
    PARENT_LINK = "parent_link"
    #: Whether a child plan holds a requirement its parent passes down.
    CASCADE = "cascade"
