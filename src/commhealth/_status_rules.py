"""What an activity's status counts as: the one table that check, propose and evaluate read.

An activity is done, planned or cancelled. What that makes it depends on the question:

=========  ===========  =========================  ========================
status     plan review  as of a day: dated on or   as of a day: dated
                        before it                  after it
=========  ===========  =========================  ========================
done       counts       held                       planned (contradiction)
planned    counts       not counted                planned
                        (contradiction)
cancelled  never        never                      never
=========  ===========  =========================  ========================

A plan review weighs the schedule as written, so planned work counts. As of a day, the
day itself is past: what is done on or before it is held, what is planned after it is
planned. A row planned for a day already past was not recorded as held, so it counts
for nothing; a row done on a day still to come cannot have been held, so it counts only
as planned. Both are contradictions about the ledger, reported as
:class:`~commhealth.LedgerFinding` values, one per kind with the activities concerned.
An assessment as of a day scores what is held, and only a scheme that projects adds what
is planned.

The engine decides *held* and *planned* by date alone (on or before ``as_of``, or after),
so the table only says which rows enter the check at all; a test holds :data:`RULES` to
that (a counted past cell is *held*, a counted future cell *planned*), and the naive
reference engine reads it row by row (:func:`standing`) to check the columns agree.
"""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Mapping
from types import MappingProxyType
from typing import TYPE_CHECKING, NamedTuple

import numpy as np

from ._activities import ActivityStatus
from ._ledger_findings import LedgerFinding, LedgerReason
from ._schedule import STATUSES, Schedule

if TYPE_CHECKING:
    import numpy.typing as npt

__all__ = ["RULES", "Counts", "Rule", "counting", "ledger_findings", "standing"]


class Counts(enum.Enum):
    """What an activity counts as in one column of the table."""

    COUNTS = "counts"  # in a plan review, where held and planned are not told apart
    HELD = "held"
    PLANNED = "planned"
    NOT_COUNTED = "not_counted"


class Rule(NamedTuple):
    """One status's row of the table, and the contradiction each progress cell reports."""

    review: Counts
    past: Counts
    future: Counts
    past_contradiction: LedgerReason | None = None
    future_contradiction: LedgerReason | None = None


#: The table, one row per status.
RULES: Mapping[ActivityStatus, Rule] = MappingProxyType(
    {
        ActivityStatus.DONE: Rule(
            review=Counts.COUNTS,
            past=Counts.HELD,
            future=Counts.PLANNED,
            future_contradiction=LedgerReason.DONE_IN_FUTURE,
        ),
        ActivityStatus.PLANNED: Rule(
            review=Counts.COUNTS,
            past=Counts.NOT_COUNTED,
            future=Counts.PLANNED,
            past_contradiction=LedgerReason.PLANNED_IN_PAST,
        ),
        ActivityStatus.CANCELLED: Rule(
            review=Counts.NOT_COUNTED,
            past=Counts.NOT_COUNTED,
            future=Counts.NOT_COUNTED,
        ),
    }
)


def _column(cell: str) -> npt.NDArray[np.bool_]:
    """Whether each status code counts in one column of the table."""
    return np.array([getattr(RULES[s], cell) is not Counts.NOT_COUNTED for s in STATUSES])


def _past(schedule: Schedule, as_of: dt.date) -> npt.NDArray[np.bool_]:
    """Whether each activity is dated on or before ``as_of``."""
    past: npt.NDArray[np.bool_] = schedule.day_numbers <= as_of.toordinal()
    return past


def counting(schedule: Schedule, as_of: dt.date | None) -> npt.NDArray[np.bool_]:
    """Whether each activity of ``schedule`` counts in a check (as of ``as_of``, if given)."""
    codes = schedule.status_codes
    if as_of is None:
        found: npt.NDArray[np.bool_] = _column("review")[codes]
        return found
    return np.where(_past(schedule, as_of), _column("past")[codes], _column("future")[codes])


def standing(status: ActivityStatus, day: dt.date, as_of: dt.date | None) -> Counts:
    """What one activity counts as: its cell of the table, read row by row (the naive
    reference's way; the engine reads whole columns with :func:`counting`)."""
    rule = RULES[status]
    if as_of is None:
        return rule.review
    return rule.past if day <= as_of else rule.future


def ledger_findings(schedule: Schedule, as_of: dt.date | None) -> tuple[LedgerFinding, ...]:
    """The rows whose status contradicts their date as of ``as_of``: one finding per kind
    of contradiction, listing its activities by date, then id (none in a plan review)."""
    if as_of is None or not len(schedule):
        return ()
    codes = schedule.status_codes
    past = _past(schedule, as_of)
    ids = schedule.ids
    days = schedule.day_numbers
    found: list[LedgerFinding] = []
    for code, status in enumerate(STATUSES):
        rule = RULES[status]
        for reason, when in (
            (rule.past_contradiction, past),
            (rule.future_contradiction, ~past),
        ):
            if reason is None:
                continue
            rows = np.flatnonzero((codes == code) & when)
            if not len(rows):
                continue
            # By date, then id: the report never shows the order the ledger came in.
            listed = sorted(zip(days[rows].tolist(), (ids[i] for i in rows.tolist()), strict=True))
            found.append(
                LedgerFinding(reason=reason, activities=tuple(i for _, i in listed), as_of=as_of)
            )
    order = list(LedgerReason)
    return tuple(sorted(found, key=lambda f: order.index(f.reason)))
