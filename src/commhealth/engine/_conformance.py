"""Checking that child plans take up what their parent plan passes down.

"街道每年下达健康教育工作计划，各社区制订相应计划": a street office's plan names, in
``cascade``, the requirements every community's plan must hold too. A child conforms when
it names the parent plan, and holds each of those requirements at least as strictly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._goals import Goal, RatioGoal, TrendGoal
from .._plan import Plan, Requirement
from .._report import Finding, Report
from .._requirements import Bound, Deadline, Quota, Recurrence
from .._resolve import ResolvedPlan, resolve
from .._status import Reason, Status
from .._themes import ThemeCalendar
from ._findings import finding, language_of

__all__ = ["check_conformance"]

PARENT_LINK = "parent-link"


def _as_strict(child: Bound, parent: Bound) -> bool:
    """Whether every value ``child`` allows, ``parent`` allows too."""
    if parent.min is not None and (child.min is None or child.min < parent.min):
        return False
    return not (parent.max is not None and (child.max is None or child.max > parent.max))


def _target(req: Requirement | ThemeCalendar) -> tuple[object, ...]:
    """What a requirement is about, apart from how much it asks: its metric or measure."""
    if isinstance(req, Goal):
        return (req.metric, req.unit)
    if isinstance(req, RatioGoal):
        return (req.numerator, req.denominator)
    if isinstance(req, Deadline):
        return (req.metric, req.unit, req.select is None)
    if isinstance(req, Quota):
        return (req.measure, req.of, req.per)
    if isinstance(req, TrendGoal):
        return (req.metric, req.direction)
    return ()


def _shortfall(
    parent: Requirement | ThemeCalendar, child: Requirement | ThemeCalendar
) -> dict[str, object] | None:
    """Why ``child`` holds ``parent`` less strictly, as a code and its figures; None when it
    does not."""
    if type(child) is not type(parent):
        return {
            "why": "type",
            "parent_type": type(parent).__name__,
            "child_type": type(child).__name__,
        }
    if isinstance(parent, ThemeCalendar):
        assert isinstance(child, ThemeCalendar)
        months = {m.month: m for m in child.months}
        gaps = []
        for m in parent.months:
            own = months.get(m.month)
            if (
                own is None
                or not set(m.topics) <= set(own.topics)
                or own.min_activities < m.min_activities
            ):
                gaps.append(m.month)
        return {"why": "months", "months": gaps} if gaps else None
    if _target(child) != _target(parent):
        return {"why": "target"}
    if isinstance(parent, Quota | Goal | RatioGoal) or (
        isinstance(parent, Deadline) and parent.bound
    ):
        assert isinstance(child, Quota | Goal | RatioGoal | Deadline)
        if child.bound is None or parent.bound is None or not _as_strict(child.bound, parent.bound):
            want = (None, None) if parent.bound is None else (parent.bound.min, parent.bound.max)
            return {"why": "bound", "parent_bound": want}
    if isinstance(parent, Recurrence):
        assert isinstance(child, Recurrence)
        if (child.rule, child.tolerance > parent.tolerance) != (parent.rule, False):
            return {"why": "rule"}
    if isinstance(parent, Deadline):
        assert isinstance(child, Deadline)
        if child.due > parent.due:
            return {"why": "later", "parent_due": parent.due}
    return None


def _child_findings(
    parent: Plan, child: ResolvedPlan, passed: list[Requirement | ThemeCalendar]
) -> Iterator[Finding]:
    plan = child.plan
    name = plan.organisation.name or plan.id
    linked = plan.parent == parent.id
    yield Finding(
        requirement=PARENT_LINK,
        status=Status.MET if linked else Status.MISSED,
        reason=Reason.PARENT_LINK,
        key=plan.id,
        expected={"parent": parent.id},
        actual=plan.parent,
        facts={"child": name},
    )
    own = {r.id: r for r in child.all_requirements()}
    for req in passed:
        theirs = own.get(req.id)
        why = {"why": "absent"} if theirs is None else _shortfall(req, theirs)
        yield finding(
            req,
            Status.MET if why is None else Status.MISSED,
            Reason.CASCADE,
            source=None,
            key=plan.id,
            expected={"from": parent.id},
            actual=None if theirs is None else theirs.id,
            facts={"child": name, **(why or {})},
        )


def check_conformance(
    parent: Plan | ResolvedPlan, children: Iterable[Plan | ResolvedPlan]
) -> Report:
    """Check that each child plan names ``parent`` and takes up what it passes down.

    For every requirement id in ``parent.cascade``, each child must hold a requirement of
    the same id and kind at least as strictly: a quota with the same measure and cadence
    and a bound inside the parent's, a goal with a bound inside the parent's, a deadline
    no later, the same recurrence rule, a theme calendar with every parent month's topics.

    Returns:
        A report on the parent plan, one finding per child and passed-down requirement
        (keyed by the child plan's id), plus whether each child names its parent.
    """
    resolved = resolve(parent)
    plan = resolved.plan
    passed = [r for r in resolved.all_requirements() if r.id in plan.cascade]
    findings = [f for child in children for f in _child_findings(plan, resolve(child), passed)]
    return Report(
        plan=plan.id,
        title=plan.title,
        language=language_of(plan),
        findings=tuple(findings),
        kind="conformance",
    )
