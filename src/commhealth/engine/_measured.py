"""Evaluating goals on measured figures: a level, a ratio, a trend."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from .._goals import Direction, Goal, RatioGoal, TrendGoal
from .._labels import date_label, window_label
from .._report import Finding
from .._requirements import Bound, Deadline
from .._status import Status
from ._context import Context
from ._messages import amount

__all__ = ["evaluate_goal", "evaluate_ratio", "evaluate_trend", "judge_figure"]


def _expected(bound: Bound, due: dt.date | None, unit: str | None) -> dict[str, object]:
    data: dict[str, object] = {}
    if bound.min is not None:
        data["min"] = bound.min
    if bound.max is not None:
        data["max"] = bound.max
    if unit:
        data["unit"] = unit
    if due is not None:
        data["due"] = due
    return data


def _verdict(ctx: Context, bound: Bound, value: float | None, due: dt.date) -> Status:
    before_due = ctx.as_of is not None and ctx.as_of < due
    if value is None:
        return Status.NOT_DUE if before_due else Status.NO_DATA
    if bound.contains(value):
        return Status.MET
    return Status.AT_RISK if before_due else Status.MISSED


def judge_figure(
    ctx: Context,
    *,
    requirement: Goal | Deadline,
    metric: str,
    bound: Bound,
    unit: str | None,
    due: dt.date | None,
) -> Finding:
    """The finding for one measured figure against a bound, due by ``due`` (or the span's end).

    The latest observation known by ``as_of`` (and not after the due date) decides.
    """
    deadline = due or ctx.plan.span.last
    obs = ctx.latest(metric, on_or_before=deadline)
    status = _verdict(ctx, bound, None if obs is None else obs.value, deadline)
    title = requirement.title or requirement.id
    u = unit or ""
    want_zh, want_en = bound.describe("zh", u), bound.describe("en", u)
    due_zh, due_en = date_label(deadline, "zh"), date_label(deadline, "en")
    if obs is None:
        zh = f"{title}（{want_zh}）：尚无{metric}的数据" + (
            "" if status is Status.NOT_DUE else f"，应于{due_zh}前提供"
        )
        en = f"{title} ({want_en}): no figure for {metric} yet" + (
            "" if status is Status.NOT_DUE else f", due by {due_en}"
        )
    else:
        v = amount(obs.value) + u
        verdict_zh = {
            Status.MET: "达标",
            Status.MISSED: "未达标",
            Status.AT_RISK: f"尚未达标，期限{due_zh}",
        }
        verdict_en = {
            Status.MET: "met",
            Status.MISSED: "missed",
            Status.AT_RISK: f"not yet, due {due_en}",
        }
        zh = f"{title}（{want_zh}）：{date_label(obs.date, 'zh')}为{v}，{verdict_zh[status]}"
        en = f"{title} ({want_en}): {v} on {date_label(obs.date, 'en')}, {verdict_en[status]}"
        if isinstance(requirement, Goal) and requirement.baseline is not None:
            b = requirement.baseline
            zh += f"（基线{amount(b.value)}{u}，{date_label(b.date, 'zh')}）"
            en += f" (baseline {amount(b.value)}{u} on {date_label(b.date, 'en')})"
    return Finding(
        requirement=requirement.id,
        status=status,
        severity=requirement.severity,
        expected=_expected(bound, deadline, unit),
        actual=None if obs is None else obs.value,
        source=requirement.source,
        message_zh=zh,
        message_en=en,
    )


def evaluate_goal(goal: Goal, ctx: Context) -> Iterator[Finding]:
    """One finding from the latest figure of the goal's metric."""
    yield judge_figure(
        ctx, requirement=goal, metric=goal.metric, bound=goal.bound, unit=goal.unit, due=goal.due
    )


def evaluate_ratio(goal: RatioGoal, ctx: Context) -> Iterator[Finding]:
    """One finding from the latest figures of the numerator and the denominator."""
    deadline = goal.due or ctx.plan.span.last
    num = ctx.latest(goal.numerator, on_or_before=deadline)
    den = ctx.latest(goal.denominator, on_or_before=deadline)
    title = goal.title or goal.id
    want_zh, want_en = goal.bound.describe("zh"), goal.bound.describe("en")
    ratio: float | None = None
    if num is None or den is None:
        missing = [m for m, o in ((goal.numerator, num), (goal.denominator, den)) if o is None]
        zh = f"{title}（{want_zh}）：尚无{'、'.join(missing)}的数据"
        en = f"{title} ({want_en}): no figure for {', '.join(missing)} yet"
    elif den.value == 0:
        zh = f"{title}（{want_zh}）：{goal.denominator}为0，无法计算比值"
        en = f"{title} ({want_en}): {goal.denominator} is 0, no ratio"
    else:
        ratio = num.value / den.value
        zh = f"{title}（{want_zh}）：{amount(num.value)} ÷ {amount(den.value)} = {amount(ratio)}"
        en = f"{title} ({want_en}): {amount(num.value)} / {amount(den.value)} = {amount(ratio)}"
    zero = den is not None and den.value == 0
    status = Status.NO_DATA if zero else _verdict(ctx, goal.bound, ratio, deadline)
    suffix = {
        Status.MET: ("，达标", ", met"),
        Status.MISSED: ("，未达标", ", missed"),
        Status.AT_RISK: ("，尚未达标", ", not yet"),
    }.get(status)
    if suffix is not None and ratio is not None:
        zh, en = zh + suffix[0], en + suffix[1]
    yield Finding(
        requirement=goal.id,
        status=status,
        severity=goal.severity,
        expected=_expected(goal.bound, deadline, None),
        actual=ratio,
        source=goal.source,
        message_zh=zh,
        message_en=en,
    )


def evaluate_trend(goal: TrendGoal, ctx: Context) -> Iterator[Finding]:
    """One finding per window whose figure can be compared with an earlier window's."""
    observations = ctx.observations(goal.metric)
    title = goal.title or goal.id
    points = []
    for window in goal.per.windows(ctx.plan.span):
        inside = [o for o in observations if o.date in window]
        if inside:
            points.append((window, inside[-1]))
    # The figure before the plan's span, if any, is the first point of comparison.
    before = [o for o in observations if o.date < ctx.plan.span.start]
    prev = before[-1] if before else None
    word_zh = "下降" if goal.direction is Direction.FALL else "上升"
    word_en = "fall" if goal.direction is Direction.FALL else "rise"
    found = False
    for window, obs in points:
        if prev is not None:
            found = True
            moved = (
                obs.value < prev.value
                if goal.direction is Direction.FALL
                else obs.value > prev.value
            )
            if moved:
                status = Status.MET
            else:
                status = Status.MISSED if ctx.closed(window.last) else Status.AT_RISK
            change_zh = "达标" if moved else f"未{word_zh}"
            change_en = "met" if moved else f"did not {word_en}"
            yield Finding(
                requirement=goal.id,
                status=status,
                severity=goal.severity,
                window=window,
                expected={"direction": goal.direction.value, "previous": prev.value},
                actual=obs.value,
                source=goal.source,
                message_zh=(
                    f"{title}（逐期{word_zh}）：{window_label(window, 'zh')} {amount(obs.value)}，"
                    f"上期 {amount(prev.value)}，{change_zh}"
                ),
                message_en=(
                    f"{title} (must {word_en}): {window_label(window, 'en')} {amount(obs.value)}, "
                    f"previously {amount(prev.value)}, {change_en}"
                ),
            )
        prev = obs
    if not found:
        open_span = ctx.as_of is not None and ctx.as_of < ctx.plan.span.last
        yield Finding(
            requirement=goal.id,
            status=Status.NOT_DUE if open_span else Status.NO_DATA,
            severity=goal.severity,
            expected={"direction": goal.direction.value},
            source=goal.source,
            message_zh=f"{title}（逐期{word_zh}）：{goal.metric}的数据不足两期，无法比较",
            message_en=f"{title} (must {word_en}): fewer than two figures for {goal.metric} to compare",
        )
