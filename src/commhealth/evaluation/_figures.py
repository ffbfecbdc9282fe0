"""Where a criterion's figure comes from: findings, measured figures, records, score sheets."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import attrs

from .._activities import Activity
from .._observations import Observation
from .._report import Finding, Report
from .._scheme import (
    ActivitiesFigure,
    Figure,
    ManualScore,
    MetricFigure,
    RecordsFigure,
    RequirementFigure,
)
from .._scoresheet import ScoreEntry
from .._status import Reason, Status

__all__ = ["Sources", "figure_of"]


@attrs.frozen(kw_only=True)
class Sources:
    """What an evaluation reads its figures from, for one organisation.

    ``subject`` is the child organisation scored, when a scheme scores each child: then a
    requirement's findings are those kept for that child.
    """

    report: Report
    observations: Sequence[Observation]
    activities: Mapping[str, Activity]
    entries: Mapping[str, ScoreEntry]
    subject: str | None = None
    by_requirement: Mapping[str, Sequence[Finding]] = attrs.field(init=False)

    @by_requirement.default
    def _index(self) -> Mapping[str, Sequence[Finding]]:
        index: dict[str, list[Finding]] = {}
        for f in self.report.findings:
            if f.reason is not Reason.OFF_DAY:
                index.setdefault(f.requirement, []).append(f)
        return index

    def findings(self, requirement: str) -> list[Finding]:
        """The requirement's findings (for the subject, if any), without off-day notes."""
        return [
            f
            for f in self.by_requirement.get(requirement, ())
            if self.subject is None or f.key == self.subject
        ]


def _from_findings(findings: list[Finding], measure: str, *, planned: bool) -> float | None:
    if not findings:
        return None
    # Projected, a window on track counts as met: what is planned for it is held.
    counted = (Status.MET, Status.ON_TRACK) if planned else (Status.MET,)
    met = sum(f.status in counted for f in findings)
    if measure == "windows_met":
        return float(met)
    if measure == "windows_missed":
        return (
            float(len(findings) - met)
            if planned
            else float(sum(f.status.failing for f in findings))
        )
    if measure == "share_met":
        return met / len(findings)
    total = 0.0
    for f in findings:
        value = f.planned if planned and f.planned is not None else f.actual
        if isinstance(value, int | float):
            total += value
        else:
            # An occurrence or a milestone counts once, when it is held (or, projected, planned).
            total += f.status in counted
    return total


def _missing(activity: Activity, figure: RecordsFigure) -> int:
    gaps = 0
    for name in figure.fields:
        value = getattr(activity, name)
        gaps += value is None or value in ("", frozenset())
    return gaps + sum(tag not in activity.tags for tag in figure.evidence)


def _counted(findings: list[Finding], sources: Sources) -> list[Activity]:
    """The activities that counted toward the findings, each once."""
    ids = dict.fromkeys(i for f in findings for i in f.activities)
    return [sources.activities[i] for i in ids if i in sources.activities]


def _from_activities(
    findings: list[Finding], figure: ActivitiesFigure, sources: Sources
) -> float | None:
    if not findings:
        return None
    counted = _counted(findings, sources)
    if figure.measure == "count":
        return float(len(counted))
    assert figure.field is not None
    if figure.measure == "distinct":
        return float(len(frozenset().union(*(a.values(figure.field) for a in counted))))
    numbers = [float(v) for a in counted if (v := getattr(a, figure.field)) is not None]
    if figure.measure == "sum":
        return sum(numbers)
    return sum(numbers) / len(numbers) if numbers else None


def _from_records(findings: list[Finding], figure: RecordsFigure, sources: Sources) -> float | None:
    if not findings:
        return None
    records = _counted(findings, sources)
    gaps = [_missing(a, figure) for a in records]
    if figure.measure == "incomplete":
        return float(sum(g > 0 for g in gaps))
    return float(sum(gaps))


def figure_of(
    figure: Figure, key: str, sources: Sources, *, planned: bool = False
) -> float | str | None:
    """The figure ``figure`` names, for the criterion (or part) ``key``, or ``None`` when
    there is none; ``planned`` counts what is planned as held (a projection)."""
    if isinstance(figure, RequirementFigure):
        return _from_findings(sources.findings(figure.requirement), figure.measure, planned=planned)
    if isinstance(figure, RecordsFigure):
        return _from_records(sources.findings(figure.requirement), figure, sources)
    if isinstance(figure, ActivitiesFigure):
        return _from_activities(sources.findings(figure.requirement), figure, sources)
    if isinstance(figure, MetricFigure):
        series = [o for o in sources.observations if o.metric == figure.metric]
        return max(series, key=lambda o: o.date).value if series else None
    assert isinstance(figure, ManualScore)
    entry = sources.entries.get(key)
    return None if entry is None else entry.figure
