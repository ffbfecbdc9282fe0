"""What every rendering of a report shows, worked out once: the requirements in order, each
with the findings that need attention and the rest counted, failing ones flagged."""

from __future__ import annotations

from itertools import groupby
from typing import TYPE_CHECKING

import attrs

from .._status import Status

if TYPE_CHECKING:
    from .._report import Finding, Report
    from .._wording import Lang

__all__ = ["MARKS", "QUIET", "RequirementView", "requirement_views"]

#: A symbol for each status, so that no view tells a status by colour alone.
MARKS = {
    Status.MET: "✓",
    Status.EXCEEDED: "✗",
    Status.MISSED: "✗",
    Status.AT_RISK: "!",
    Status.NO_DATA: "?",
    Status.ON_TRACK: "…",
    Status.NOT_DUE: "·",
}

#: The statuses that need nobody's attention: counted, not listed.
QUIET = (Status.MET, Status.ON_TRACK, Status.NOT_DUE)

#: The statuses from the worst to the best, for a requirement's or a cell's overall status.
SEVERITY = (
    Status.MISSED,
    Status.EXCEEDED,
    Status.AT_RISK,
    Status.NO_DATA,
    Status.ON_TRACK,
    Status.NOT_DUE,
    Status.MET,
)


def worst(statuses: list[Status]) -> Status:
    """The worst of ``statuses`` (``met`` when there are none)."""
    return min(statuses, key=SEVERITY.index, default=Status.MET)


@attrs.frozen(kw_only=True)
class RequirementView:
    """One requirement as a person sees it.

    Attributes:
        requirement: Its id.
        title: Its title in the plan (its id when it has none).
        source: The standard it came from, if any.
        findings: All its findings, in order.
        shown: The findings that need attention (all of them, when there is one).
        quiet: The other findings, counted by status.
        per_value: Whether its findings are values of a for-each rule, not windows.
        failing: Whether any finding makes the report fail.
        status: Its worst status.
    """

    requirement: str
    title: str
    source: str | None
    findings: tuple[Finding, ...]
    shown: tuple[Finding, ...]
    quiet: tuple[tuple[Status, int], ...]
    per_value: bool
    failing: bool
    status: Status


def requirement_views(report: Report, lang: Lang) -> list[RequirementView]:
    """The report's requirements in the plan's order, each with what to show of it."""
    views = []
    for _, group in groupby(report.findings, key=lambda f: f.requirement):
        found = tuple(group)
        shown: tuple[Finding, ...]
        quiet: tuple[tuple[Status, int], ...]
        if len(found) == 1:
            shown, quiet = found, ()
        else:
            shown = tuple(f for f in found if f.status not in QUIET)
            quiet = tuple((s, n) for s in QUIET if (n := sum(f.status is s for f in found)))
        views.append(
            RequirementView(
                requirement=found[0].requirement,
                title=report.title_of(found[0].requirement, lang),
                source=found[0].source,
                findings=found,
                shown=shown,
                quiet=quiet,
                # Windows of a cadence are counted apart from values of a for-each rule.
                per_value=all(f.key is not None for f in found),
                failing=any(f.failing for f in found),
                status=worst([f.status for f in found]),
            )
        )
    return views
