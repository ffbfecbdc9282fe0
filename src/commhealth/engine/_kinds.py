"""A ledger's kinds and audiences read through the vocabulary, and a warning for a selected
kind (or audience) that no activity has while the ledger holds ones that nothing selects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs
import numpy as np

from .._activities import ActivityStatus
from .._kinds import Candidates, audience_names, close_kinds, kind_names, readings
from .._limits import MAX_HINT_LISTED
from .._report import Finding
from .._requirements import Severity
from .._resolve import ResolvedPlan
from .._schedule import STATUSES, Schedule
from .._status import Reason, Status

__all__ = ["ACTIVITY_AUDIENCES", "ACTIVITY_KINDS", "KindReading"]

#: The requirement id of the warnings about kinds.
ACTIVITY_KINDS = "activity-kinds"
#: The requirement id of the warnings about audiences.
ACTIVITY_AUDIENCES = "activity-audiences"


def _selected(resolved: ResolvedPlan, field: str) -> frozenset[str]:
    """Every value of ``field`` a requirement of the plan selects, or counts *for each*."""
    found: set[str] = set()
    for req in resolved.all_requirements():
        select = getattr(req, "select", None)
        if select is not None:
            found |= getattr(select, field)
        for_each = getattr(req, "for_each", None)
        if for_each is not None and for_each.field == field:
            found.update(for_each.values)
    return frozenset(found)


def selected_kinds(resolved: ResolvedPlan) -> frozenset[str]:
    """Every kind a requirement of the plan selects by name."""
    return _selected(resolved, "kind")


def ledger_audiences(schedule: Schedule, *, counting: bool = False) -> frozenset[str]:
    """The distinct audiences of the schedule; with ``counting``, of the activities that
    are not cancelled."""
    codes, templates = schedule.codes("template")
    if counting:
        live = schedule.status_codes != STATUSES.index(ActivityStatus.CANCELLED)
        codes = codes[live]
    return frozenset(a for t in np.unique(codes).tolist() for a in templates[t][3])


@attrs.frozen
class KindReading:
    """The kinds and audiences a plan selects and the names its ledger may give them,
    worked out once per check."""

    selected: frozenset[str]
    names: Mapping[str, str]
    audiences: frozenset[str] = frozenset()
    audience_names: Mapping[str, str] = attrs.field(factory=dict)

    @classmethod
    def of(cls, resolved: ResolvedPlan) -> KindReading:
        """The plan's selected kinds and audiences, and its vocabulary with the shipped one."""
        own = resolved.plan.vocabulary
        return cls(
            selected_kinds(resolved),
            kind_names(own),
            _selected(resolved, "audience"),
            audience_names(own),
        )

    def read(self, schedule: Schedule) -> Schedule:
        """The schedule with each kind and audience the plan selects by another name of
        the same code read as the plan names it."""
        kinds = readings(schedule.kinds(), self.selected, self.names)
        # Most ledgers use the codes themselves: then the schedule is used as it is.
        if kinds:
            schedule = schedule.with_kinds(kinds)
        if self.audiences:
            audiences = readings(ledger_audiences(schedule), self.audiences, self.audience_names)
            if audiences:
                schedule = schedule.with_audiences(audiences)
        return schedule

    def unused(self, schedule: Schedule) -> Iterator[Finding]:
        """The warnings about kinds, then about audiences, a requirement selects that the
        ledger does not have."""
        yield from self._unused_kinds(schedule)
        yield from self._unused_audiences(schedule)

    def _unused_kinds(self, schedule: Schedule) -> Iterator[Finding]:
        """A warning for each kind a requirement selects that no activity has, when the
        ledger has kinds no requirement selects — the sign of a ledger that names its kinds
        otherwise; each names the ledger's kinds that look like it."""
        # A cancelled activity counts for nothing, and says nothing of the ledger's names either.
        ledger = sorted(k for k in schedule.kinds(counting=True) if k)
        unselected = [k for k in ledger if k not in self.selected]
        if not unselected:
            return
        among = Candidates(unselected)
        listed = unselected[:MAX_HINT_LISTED]
        for kind in sorted(self.selected - set(ledger)):
            yield Finding(
                requirement=ACTIVITY_KINDS,
                status=Status.NO_DATA,
                reason=Reason.UNUSED_KIND,
                title=ACTIVITY_KINDS,
                severity=Severity.WARNING,
                key=kind,
                expected={"kind": kind},
                facts={
                    "close": close_kinds(kind, among, self.names),
                    "unselected": listed,
                },
            )

    def _unused_audiences(self, schedule: Schedule) -> Iterator[Finding]:
        """A warning for each audience a requirement selects that neither the vocabulary
        nor any activity has, naming the ledger's audiences and the vocabulary's codes and
        names that look like it (or, with none, the ledger's audiences nothing selects)."""
        if not self.audiences:
            return
        ledger = sorted(a for a in ledger_audiences(schedule, counting=True) if a)
        known = set(self.audience_names) | set(self.audience_names.values())
        unselected = [a for a in ledger if a not in self.audiences]
        codes = sorted(set(self.audience_names.values()))
        candidates = Candidates(dict.fromkeys([*unselected, *codes, *sorted(self.audience_names)]))
        listed = unselected[:MAX_HINT_LISTED]
        for audience in sorted(self.audiences - set(ledger) - known):
            close = close_kinds(audience, candidates, {})
            if not close and not unselected:
                continue
            yield Finding(
                requirement=ACTIVITY_AUDIENCES,
                status=Status.NO_DATA,
                reason=Reason.UNUSED_AUDIENCE,
                title=ACTIVITY_AUDIENCES,
                severity=Severity.WARNING,
                key=audience,
                expected={"audience": audience},
                facts={"close": close, "unselected": listed},
            )
