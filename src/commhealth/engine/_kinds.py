"""A ledger's kinds read through the vocabulary, and a warning for a selected kind that no
activity has while the ledger holds kinds that nothing selects."""

from __future__ import annotations

from collections.abc import Iterator, Mapping

import attrs

from .._kinds import close_kinds, kind_names
from .._report import Finding
from .._requirements import Severity
from .._resolve import ResolvedPlan
from .._schedule import Schedule
from .._status import Reason, Status

__all__ = ["ACTIVITY_KINDS", "KindReading"]

#: The requirement id of the warnings about kinds.
ACTIVITY_KINDS = "activity-kinds"


def selected_kinds(resolved: ResolvedPlan) -> frozenset[str]:
    """Every kind a requirement of the plan selects by name."""
    kinds: set[str] = set()
    for req in resolved.all_requirements():
        select = getattr(req, "select", None)
        if select is not None:
            kinds |= select.kind
    return frozenset(kinds)


@attrs.frozen
class KindReading:
    """The kinds a plan selects and the names its ledger may give them, worked out once
    per check."""

    selected: frozenset[str]
    names: Mapping[str, str]

    @classmethod
    def of(cls, resolved: ResolvedPlan) -> KindReading:
        """The plan's selected kinds, and its vocabulary with the shipped one."""
        return cls(selected_kinds(resolved), kind_names(resolved.plan.vocabulary))

    def read(self, schedule: Schedule) -> Schedule:
        """The schedule with each kind that names a selected kind made that kind."""
        names, selected = self.names, self.selected
        renamed = {
            k: names[k]
            for k in schedule.kinds()
            if k in names and k not in selected and names[k] in selected
        }
        # Most ledgers use the codes themselves: then the schedule is used as it is.
        return schedule.with_kinds(renamed) if renamed else schedule

    def unused(self, schedule: Schedule) -> Iterator[Finding]:
        """A warning for each kind a requirement selects that no activity has, when the
        ledger has kinds no requirement selects — the sign of a ledger that names its kinds
        otherwise; each names the ledger's kinds that look like it."""
        # A cancelled activity counts for nothing, and says nothing of the ledger's names either.
        ledger = sorted(k for k in schedule.kinds(counting=True) if k)
        unselected = [k for k in ledger if k not in self.selected]
        if not unselected:
            return
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
                    "close": close_kinds(kind, unselected, self.names),
                    "unselected": unselected,
                },
            )
