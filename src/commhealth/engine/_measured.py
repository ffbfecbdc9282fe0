"""Evaluating goals on measured figures: a level, a ratio, a trend."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterator

from .._goals import Direction, Goal, RatioGoal, TrendGoal
from .._report import Finding
from .._requirements import Bound, Deadline
from .._status import Reason, Status
from ._context import Context
from ._findings import finding

__all__ = ["evaluate_goal", "evaluate_ratio", "evaluate_trend", "judge_figure", "same_unit"]


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


def same_unit(observed: str | None, wanted: str | None) -> bool:
    """Whether a figure in unit ``observed`` may be compared with a bound in ``wanted``: the
    same unit, full-width or not (``%`` and ``％``), or either not given."""
    if not observed or not wanted:
        return True
    return unicodedata.normalize("NFKC", observed).strip() == (
        unicodedata.normalize("NFKC", wanted).strip()
    )


def _verdict(ctx: Context, bound: Bound, value: float | None, due: dt.date) -> Status:
    before_due = ctx.as_of is not None and ctx.as_of < due
    if value is None:
        return Status.NOT_DUE if before_due else Status.NO_DATA
    if bound.contains(value):
        return Status.MET
    if before_due:
        return Status.AT_RISK  # a figure can still move either way before it is due
    return Status.EXCEEDED if bound.above(value) else Status.MISSED


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
    facts: dict[str, object] = {"metric": metric}
    if obs is not None and not same_unit(obs.unit, unit):
        # 60% is not 60人: a figure in another unit than the goal's is not compared.
        facts.update(observed=obs.date, observed_value=obs.value, observed_unit=obs.unit)
        return finding(
            requirement,
            Status.NO_DATA,
            Reason.FIGURE,
            expected=_expected(bound, deadline, unit),
            actual=None,
            facts=facts,
        )
    status = _verdict(ctx, bound, None if obs is None else obs.value, deadline)
    if obs is not None:
        facts["observed"] = obs.date
        if isinstance(requirement, Goal) and requirement.baseline is not None:
            facts["baseline"] = requirement.baseline.value
            facts["baseline_date"] = requirement.baseline.date
    return finding(
        requirement,
        status,
        Reason.FIGURE,
        expected=_expected(bound, deadline, unit),
        actual=None if obs is None else obs.value,
        facts=facts,
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
    zero = den is not None and den.value == 0
    ratio = None if num is None or den is None or zero else num.value / den.value
    status = Status.NO_DATA if zero else _verdict(ctx, goal.bound, ratio, deadline)
    yield finding(
        goal,
        status,
        Reason.RATIO,
        expected=_expected(goal.bound, deadline, None),
        actual=ratio,
        facts={
            "numerator": goal.numerator,
            "numerator_value": None if num is None else num.value,
            "denominator": goal.denominator,
            "denominator_value": None if den is None else den.value,
        },
    )


def evaluate_trend(goal: TrendGoal, ctx: Context) -> Iterator[Finding]:
    """One finding per window whose figure can be compared with an earlier window's."""
    observations = ctx.observations(goal.metric)
    points = []
    for window in goal.per.windows(ctx.plan.span):
        inside = [o for o in observations if o.date in window]
        if inside:
            points.append((window, inside[-1]))
    # The figure before the plan's span, if any, is the first point of comparison.
    before = [o for o in observations if o.date < ctx.plan.span.start]
    prev = before[-1] if before else None
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
            yield finding(
                goal,
                status,
                Reason.TREND,
                window=window,
                expected={"direction": goal.direction.value, "previous": prev.value},
                actual=obs.value,
            )
        prev = obs
    if not found:
        open_span = ctx.as_of is not None and ctx.as_of < ctx.plan.span.last
        yield finding(
            goal,
            Status.NOT_DUE if open_span else Status.NO_DATA,
            Reason.TOO_FEW_FIGURES,
            expected={"direction": goal.direction.value},
            facts={"metric": goal.metric},
        )
