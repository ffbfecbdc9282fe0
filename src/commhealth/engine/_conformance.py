"""Checking that child plans take up what their parent plan passes down.

"街道每年下达健康教育工作计划，各社区制订相应计划": a street office's plan names, in
``cascade``, the requirements every community's plan must hold too. A child conforms when
it names the parent plan, and holds each of those requirements at least as strictly.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._goals import Goal, RatioGoal, TrendGoal
from .._labels import Lang
from .._plan import Plan, Requirement
from .._report import Finding, Report
from .._requirements import Bound, Deadline, Quota, Recurrence
from .._status import Status
from .._themes import ThemeCalendar

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
) -> tuple[str, str] | None:
    """Why ``child`` holds ``parent`` less strictly, in Chinese and English; None when it does not."""
    if type(child) is not type(parent):
        return (
            f"类型不同（上级为{type(parent).__name__}）",
            f"is a {type(child).__name__}, not a {type(parent).__name__}",
        )
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
        if gaps:
            listed = "、".join(f"{g}月" for g in gaps)
            return (
                f"{listed}的主题未全部采纳",
                f"does not take up the themes of month {', '.join(map(str, gaps))}",
            )
        return None
    if _target(child) != _target(parent):
        return (
            "所计指标或计量方式不同",
            "measures something else (another metric, measure, cadence or milestone)",
        )
    if isinstance(parent, Quota | Goal | RatioGoal) or (
        isinstance(parent, Deadline) and parent.bound
    ):
        assert isinstance(child, Quota | Goal | RatioGoal | Deadline)
        if child.bound is None or parent.bound is None or not _as_strict(child.bound, parent.bound):
            want_zh = "" if parent.bound is None else parent.bound.describe("zh")
            want_en = "" if parent.bound is None else parent.bound.describe("en")
            return (f"要求低于上级（上级{want_zh}）", f"asks for less than the parent ({want_en})")
    if isinstance(parent, Recurrence):
        assert isinstance(child, Recurrence)
        if (child.rule, child.tolerance > parent.tolerance) != (parent.rule, False):
            return ("周期规则不同", "follows another rule or a looser tolerance")
    if isinstance(parent, Deadline):
        assert isinstance(child, Deadline)
        if child.due > parent.due:
            return (
                f"期限晚于上级（{parent.due.isoformat()}）",
                f"is due later than the parent's {parent.due.isoformat()}",
            )
    return None


def _child_findings(
    parent: Plan, child: Plan, passed: list[Requirement | ThemeCalendar]
) -> Iterator[Finding]:
    name = child.organisation.name or child.id
    linked = child.parent == parent.id
    yield Finding(
        requirement=PARENT_LINK,
        status=Status.MET if linked else Status.MISSED,
        key=child.id,
        expected={"parent": parent.id},
        actual=child.parent,
        message_zh=f"{name}：计划{'已' if linked else '未'}注明上级计划 {parent.id}",
        message_en=f"{name}: the plan {'names' if linked else 'does not name'} its parent plan {parent.id}",
    )
    own = {r.id: r for r in child.all_requirements()}
    for req in passed:
        title = req.title or req.id
        theirs = own.get(req.id)
        if theirs is None:
            status, zh, en = (
                Status.MISSED,
                f"{name}：缺少上级要求「{title}」",
                f"{name}: lacks the parent's {title!r}",
            )
        else:
            why = _shortfall(req, theirs)
            if why is None:
                status, zh, en = (
                    Status.MET,
                    f"{name}：已采纳上级要求「{title}」",
                    f"{name}: takes up the parent's {title!r}",
                )
            else:
                status, zh, en = (
                    Status.MISSED,
                    f"{name}：「{title}」{why[0]}",
                    f"{name}: {title!r} {why[1]}",
                )
        yield Finding(
            requirement=req.id,
            status=status,
            severity=req.severity,
            key=child.id,
            expected={"from": parent.id},
            actual=None if theirs is None else theirs.id,
            message_zh=zh,
            message_en=en,
        )


def check_conformance(parent: Plan, children: Iterable[Plan]) -> Report:
    """Check that each child plan names ``parent`` and takes up what it passes down.

    For every requirement id in ``parent.cascade``, each child must hold a requirement of
    the same id and kind at least as strictly: a quota with the same measure and cadence
    and a bound inside the parent's, a goal with a bound inside the parent's, a deadline
    no later, the same recurrence rule, a theme calendar with every parent month's topics.

    Returns:
        A report on the parent plan, one finding per child and passed-down requirement
        (keyed by the child plan's id), plus whether each child names its parent.
    """
    passed = [r for r in parent.all_requirements() if r.id in parent.cascade]
    findings = [f for child in children for f in _child_findings(parent, child, passed)]
    titles = {r.id: r.title or r.id for r in passed} | {PARENT_LINK: "上级计划"}
    lang: Lang = "en" if parent.language == "en" else "zh"
    return Report(
        plan=parent.id,
        title=parent.title,
        language=lang,
        findings=tuple(findings),
        titles=titles,
        kind="conformance",
    )
